package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// editable returns an employee answer as a PUT body: the answer without its answer-only fields.
func editable(e map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range e {
		switch k {
		case "region", "grade_name", "version":
		default:
			out[k] = v
		}
	}
	return out
}

// sanctionsOf returns the sanctions of an employee answer as compact JSON, "absent" when the field is missing.
func sanctionsOf(t *testing.T, e map[string]any) string {
	t.Helper()
	v, ok := e["sanctions"]
	if !ok {
		return "absent"
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noSanction returns whether the promotion.no_sanction criterion of a promotion decision passed; it fails t when
// the decision has no such criterion.
func noSanction(t *testing.T, d map[string]any) bool {
	t.Helper()
	crit, _ := d["criteria"].([]any)
	for _, c := range crit {
		c := c.(map[string]any)
		if c["code"] == "promotion.no_sanction" {
			return c["passed"].(bool)
		}
	}
	t.Fatalf("no promotion.no_sanction criterion in %v", d)
	return false
}

// lastAudit returns the newest event of action about employee nip in kalianda.
func lastAudit(w *world, action, nip string) map[string]any {
	w.t.Helper()
	page := w.must(200, "GET", "/v1/regions/kalianda/audit?limit=500", "auditor", nil)
	for _, e := range page["events"].([]any) { // newest first
		ev := e.(map[string]any)
		if ev["action"] == action && ev["target"] == "employee:"+nip {
			return ev
		}
	}
	w.t.Fatalf("no %s event of %s", action, nip)
	return nil
}

// TestEmployeeSanctions: PUT replaces the sanctions when the body has the field, keeps them when it has not, clears
// them with []; GET shows them, the ETag and the audit trail follow them, and promotion sees them.
func TestEmployeeSanctions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		p := "/v1/regions/kalianda/employees/" + nipAyu
		promo := p + "/promotion?date=2026-04-01"
		const sedang = `[{"from":"2026-01-01","level":"sedang","until":"2026-12-31"}]`

		status, e, h := w.call("GET", p, "admin", nil)
		if status != 200 || h.Get("ETag") != `"v1"` || sanctionsOf(t, e) != "[]" {
			t.Fatalf("GET before: %d %q sanctions %s", status, h.Get("ETag"), sanctionsOf(t, e))
		}
		if !noSanction(t, w.must(200, "GET", promo, "admin", nil)) {
			t.Fatal("promotion.no_sanction fails before any sanction")
		}

		// A PUT whose only change is a sanction: stored, shown, a new version, audited, and it blocks promotion.
		body := editable(e)
		body["sanctions"] = []map[string]any{{"level": "sedang", "from": "2026-01-01", "until": "2026-12-31"}}
		status, put, h := w.call("PUT", p, "admin", body, "If-Match", `"v1"`)
		if status != 200 || h.Get("ETag") != `"v2"` || sanctionsOf(t, put) != sedang {
			t.Fatalf("PUT sanction: %d %q %v", status, h.Get("ETag"), put)
		}
		status, e, h = w.call("GET", p, "admin", nil)
		if status != 200 || h.Get("ETag") != `"v2"` || sanctionsOf(t, e) != sedang {
			t.Fatalf("GET after PUT: %d %q sanctions %s", status, h.Get("ETag"), sanctionsOf(t, e))
		}
		ev := lastAudit(w, "employee.update", nipAyu)
		before, after := ev["before"].(map[string]any), ev["after"].(map[string]any)
		if sanctionsOf(t, before) != "[]" || sanctionsOf(t, after) != sedang || before["version"] != 1.0 || after["version"] != 2.0 {
			t.Fatalf("audit before %v\nafter %v", before, after)
		}
		if noSanction(t, w.must(200, "GET", promo, "admin", nil)) {
			t.Fatal("promotion.no_sanction passes with a sedang sanction in force")
		}
		if !noSanction(t, w.must(200, "GET", p+"/promotion?date=2027-01-01", "admin", nil)) {
			t.Fatal("promotion.no_sanction fails after the sanction ended")
		}

		// Without the field, or with null, the sanctions stay.
		body = editable(e)
		delete(body, "sanctions")
		body["name"] = "Ayu Lestari, S.Kom."
		if put := w.must(200, "PUT", p, "admin", body, "If-Match", `"v2"`); sanctionsOf(t, put) != sedang || put["version"] != 3.0 {
			t.Fatalf("PUT without sanctions: %v", put)
		}
		body["sanctions"] = nil
		if put := w.must(200, "PUT", p, "admin", body, "If-Match", `"v3"`); sanctionsOf(t, put) != sedang || put["version"] != 4.0 {
			t.Fatalf("PUT with null sanctions: %v", put)
		}
		// Sending back what GET answered keeps them too (a read-modify-write client).
		_, e, _ = w.call("GET", p, "admin", nil)
		body = editable(e)
		body["potential_score"] = 88
		if put := w.must(200, "PUT", p, "admin", body, "If-Match", `"v4"`); sanctionsOf(t, put) != sedang || put["version"] != 5.0 {
			t.Fatalf("PUT of the GET answer: %v", put)
		}

		// An invalid sanction: 422 naming the field, and nothing changes.
		for _, c := range []struct {
			name     string
			sanction map[string]any
			field    string
		}{
			{"unknown level", map[string]any{"level": "parah", "from": "2026-01-01"}, "body.sanctions[0].level"},
			{"no first day", map[string]any{"level": "berat", "from": ""}, "body.sanctions[0].from"},
			{"ends before it starts", map[string]any{"level": "berat", "from": "2026-05-01", "until": "2026-04-30"}, "body.sanctions[0].until"},
		} {
			t.Run(c.name, func(t *testing.T) {
				bad := editable(e)
				bad["name"] = "Not Saved"
				bad["sanctions"] = []map[string]any{c.sanction}
				status, pr, _ := w.call("PUT", p, "admin", bad, "If-Match", `"v5"`)
				if status != 422 || !containsLocation(pr, c.field) {
					t.Fatalf("invalid sanction: %d %v, want 422 at %s", status, pr, c.field)
				}
				status, got, h := w.call("GET", p, "admin", nil)
				if status != 200 || h.Get("ETag") != `"v5"` || got["name"] != "Ayu Lestari, S.Kom." || sanctionsOf(t, got) != sedang {
					t.Fatalf("after a refused PUT: %d %q %v", status, h.Get("ETag"), got)
				}
			})
		}

		// [] clears them, and promotion passes again.
		body = editable(e)
		body["sanctions"] = []any{}
		status, put, h = w.call("PUT", p, "admin", body, "If-Match", `"v5"`)
		if status != 200 || h.Get("ETag") != `"v6"` || sanctionsOf(t, put) != "[]" {
			t.Fatalf("PUT []: %d %q %v", status, h.Get("ETag"), put)
		}
		if _, got, _ := w.call("GET", p, "admin", nil); sanctionsOf(t, got) != "[]" {
			t.Fatalf("GET after clearing: %v", got)
		}
		ev = lastAudit(w, "employee.update", nipAyu)
		if sanctionsOf(t, ev["before"].(map[string]any)) != sedang || sanctionsOf(t, ev["after"].(map[string]any)) != "[]" {
			t.Fatalf("audit of the clearing: %v", ev)
		}
		if !noSanction(t, w.must(200, "GET", promo, "admin", nil)) {
			t.Fatal("promotion.no_sanction fails after the sanctions were cleared")
		}
	})
}

// TestCreateEmployeeSanctions: POST answers with the sanctions it stored; the list of employees leaves them out.
func TestCreateEmployeeSanctions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		body := employee(nipBudi, "Budi Santoso", "III/a", "2021-04-01", "pelaksana", "Pengadministrasi Umum", "Dinas Kesehatan", "", 65)
		body["sanctions"] = []map[string]any{{"level": "berat", "from": "2025-03-01"}, {"level": "ringan", "from": "2024-01-01", "until": "2024-06-30"}}
		const want = `[{"from":"2024-01-01","level":"ringan","until":"2024-06-30"},{"from":"2025-03-01","level":"berat"}]`
		created := w.must(201, "POST", "/v1/regions/kalianda/employees", "admin", body)
		if sanctionsOf(t, created) != want {
			t.Fatalf("POST answer sanctions %s, want %s", sanctionsOf(t, created), want)
		}
		if got := w.must(200, "GET", "/v1/regions/kalianda/employees/"+nipBudi, "admin", nil); sanctionsOf(t, got) != want {
			t.Fatalf("GET sanctions %s, want %s", sanctionsOf(t, got), want)
		}
		page := w.must(200, "GET", "/v1/regions/kalianda/employees", "admin", nil)
		list := page["employees"].([]any)
		if len(list) != 1 || sanctionsOf(t, list[0].(map[string]any)) != "absent" {
			t.Fatalf("list: %v", page)
		}
		// An employee without sanctions shows [] on its own.
		plain := w.must(201, "POST", "/v1/regions/kalianda/employees", "admin",
			employee(nipCitra, "Citra Wulandari", "III/a", "2022-10-01", "pelaksana", "Pengadministrasi Umum", "Dinas Kesehatan", "", 55))
		if sanctionsOf(t, plain) != "[]" {
			t.Fatalf("POST without sanctions: %v", plain)
		}
		// The audit of a deletion keeps the whole record, sanctions included.
		w.must(204, "DELETE", "/v1/regions/kalianda/employees/"+nipBudi, "admin", nil, "If-Match", `"v1"`)
		ev := lastAudit(w, "employee.delete", nipBudi)
		if before, _ := ev["before"].(map[string]any); before == nil || sanctionsOf(t, before) != want {
			t.Fatalf("audit of the deletion: %v", ev)
		}
	})
}

// containsLocation reports whether a problem answer names location among its errors.
func containsLocation(pr map[string]any, location string) bool {
	errs, _ := pr["errors"].([]any)
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok && fmt.Sprint(m["location"]) == location {
			return true
		}
	}
	return false
}
