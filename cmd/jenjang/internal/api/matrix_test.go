package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// callers of the matrix, in the order of each row's expectation string. "sup" is Hendra, the supervisor of Ayu;
// "ayu" an employee. The own columns address Ayu's records (Hendra's subordinate, Ayu herself); the other columns
// Dewi's (neither).
var matrixCallers = []struct{ name, token, column string }{
	{"no token", "", "own"},
	{"bad token", "jjg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "own"},
	{"national admin", "national", "own"},
	{"region admin", "admin", "own"},
	{"auditor", "auditor", "own"},
	{"supervisor, own subordinate", "sup", "own"},
	{"supervisor, other employee", "sup", "other"},
	{"employee, own record", "ayu", "own"},
	{"employee, other employee", "ayu", "other"},
	{"another region's admin", "foreign", "own"},
}

// matrixRow is one route and the answer each caller gets: 1 = 401, 3 = 403, 4 = 404, A = allowed (2xx for a read;
// for a write, past the access rules: neither 401, 403 nor 404 — the write may still be refused as 409/412/422/428
// because the matrix replays it many times).
type matrixRow struct {
	method, path string
	expect       string
	body         func(caller string) any
}

func TestAuthMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		const k = "/v1/regions/kalianda"
		w.must(201, "POST", "/v1/regions/semarang/employees", "foreign", employee(nipYusuf, "Yusuf Prasetyo", "III/d", "2018-04-01", "pelaksana", "Analis Anggaran", "BPKAD", "", 70))
		idOf := func(m map[string]any, keys ...string) string {
			for _, k := range keys[:len(keys)-1] {
				m = m[k].(map[string]any)
			}
			return fmt.Sprint(m[keys[len(keys)-1]])
		}
		ids := map[string][2]string{} // resource → {own, other}
		a1 := idOf(w.must(201, "POST", k+"/appraisals", "admin", map[string]any{"nip": nipAyu, "period": "2025", "peers": []string{nipBudi}}), "id")
		a2 := idOf(w.must(201, "POST", k+"/appraisals", "admin", map[string]any{"nip": nipDewi, "period": "2025"}), "id")
		ids["appraisal"] = [2]string{a1, a2}
		w.must(201, "POST", k+"/training/programs", "admin", map[string]any{"code": "PM-01", "title": "Manajemen Proyek", "method": "pelatihan", "competency": "teknis", "jp": 24})
		e1 := idOf(w.must(201, "POST", k+"/training/enrolments", "admin", map[string]any{"nip": nipAyu, "program": "PM-01"}), "id")
		ids["enrolment"] = [2]string{e1, e1}
		p1 := idOf(w.must(201, "POST", k+"/mentoring/pairs", "admin", map[string]any{"mentor_nip": nipBoss, "mentee_nip": nipAyu}), "id")
		p2 := idOf(w.must(201, "POST", k+"/mentoring/pairs", "admin", map[string]any{"mentor_nip": nipDewi, "mentee_nip": nipCitra}), "id")
		ids["pair"] = [2]string{p1, p2}
		to := map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"}
		t1 := idOf(w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipAyu, "to": to}), "transfer", "id")
		t2 := idOf(w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipDewi, "to": to}), "transfer", "id")
		ids["transfer"] = [2]string{t1, t2}
		o1 := idOf(w.must(201, "POST", k+"/positions", "admin", map[string]any{"position": map[string]any{"title": "Kepala Seksi", "kind": "pengawas"}}), "id")
		ids["position"] = [2]string{o1, o1}

		nipBody := func(field string) func(string) any {
			return func(c string) any { return map[string]any{field: "{nip}"} }
		}
		rows := []matrixRow{
			{"GET", "/healthz", "AAAAAAAAAA", nil},
			{"GET", "/readyz", "AAAAAAAAAA", nil},
			{"GET", "/v1/regions", "11AAAAAAAA", nil},
			{"GET", k + "/policy", "11AAAAAAA3", nil},
			{"GET", k + "/audit", "11AAA333333"[:10], nil},
			{"GET", k + "/employees", "11AAAAAAA3", nil},
			{"POST", k + "/employees", "11AA333333", func(string) any {
				return employee("199303032018031006", "Eko Wibowo", "III/a", "2019-04-01", "pelaksana", "Pengelola Keuangan", "BPKAD", "", 60)
			}},
			{"GET", k + "/employees/{nip}", "11AAAA3A33", nil},
			{"PUT", k + "/employees/{nip}", "11AA333333", func(string) any {
				return employee("{nip}", "Nama", "III/b", "2020-04-01", "pelaksana", "Pengelola Data", "Dinas Kesehatan", "", 60)
			}},
			{"DELETE", k + "/employees/{nip}", "11AA333333", nil},
			{"POST", k + "/employees/import", "11AA333333", nil},
			{"GET", k + "/employees/{nip}/history", "11AAAA3A33", nil},
			{"POST", k + "/appraisals", "11AA3A3333", func(string) any { return map[string]any{"nip": "{nip}", "period": "2025-Q1"} }},
			{"GET", k + "/appraisals/{appraisal}", "11AAAA3A33", nil},
			{"POST", k + "/appraisals/{appraisal}/ratings", "11AA3A3A33", func(c string) any {
				src := map[string]string{"sup": "superior", "ayu": "self"}[c]
				if src == "" {
					src = "superior"
				}
				return map[string]any{"ratings": []map[string]any{{"source": src, "aspect": "hasil_kerja", "value": "sesuai", "rater": nipBoss}}}
			}},
			{"POST", k + "/appraisals/{appraisal}/finalize", "11AA3A3333", nil},
			{"GET", k + "/employees/{nip}/appraisals", "11AAAA3A33", nil},
			{"GET", k + "/training/programs", "11AAAAAAA3", nil},
			{"POST", k + "/training/programs", "11AA333333", func(string) any {
				return map[string]any{"code": "X-1", "title": "Seminar", "method": "seminar", "competency": "teknis", "jp": 4}
			}},
			{"POST", k + "/training/enrolments", "11AA333333", func(string) any { return map[string]any{"nip": "{nip}", "program": "PM-01"} }},
			{"POST", k + "/training/enrolments/{enrolment}/complete", "11AA333333", nil},
			{"GET", k + "/employees/{nip}/training", "11AAAA3A33", nil},
			{"GET", k + "/training/compliance", "11AAAAA333", nil},
			{"GET", k + "/employees/{nip}/training/recommendations", "11AAAA3A33", nil},
			{"POST", k + "/training/allocations", "11AA333333", func(string) any { return map[string]any{"budget": 1000000} }},
			{"POST", k + "/mentoring/matches", "11AA333333", func(string) any { return map[string]any{} }},
			{"GET", k + "/mentoring/pairs", "11AAAAAAA3", nil},
			{"POST", k + "/mentoring/pairs", "11AA333333", func(string) any { return map[string]any{"mentor_nip": nipBoss, "mentee_nip": nipBudi} }},
			{"POST", k + "/mentoring/pairs/{pair}/sessions", "11AA3A3333", func(string) any { return map[string]any{"date": "2026-01-05", "minutes": 60} }},
			{"GET", k + "/promotions/eligibility", "11AAAAA333", nil},
			{"GET", k + "/employees/{nip}/promotion", "11AAAA3A33", nil},
			{"GET", k + "/positions", "11AAAAAAA3", nil},
			{"POST", k + "/positions", "11AA333333", func(string) any {
				return map[string]any{"position": map[string]any{"title": "Kasubbag", "kind": "pengawas"}}
			}},
			{"POST", k + "/positions/{position}/selection", "11AA333333", func(string) any {
				return map[string]any{"applicants": []map[string]any{{"nip": nipAyu, "competence": 80}}}
			}},
			{"POST", k + "/transfers", "11AA333333", nipBody("nip")},
			{"GET", k + "/transfers/{transfer}", "11AAAA3A33", nil},
			{"POST", k + "/transfers/{transfer}/approve", "11AA333333", nil},
			{"GET", k + "/talent/grid", "11AAA33333", nil},
		}
		// The to body of a transfer, filled here to keep the table short.
		rows[slices.IndexFunc(rows, func(r matrixRow) bool { return r.method == "POST" && strings.HasSuffix(r.path, "/transfers") })].body =
			func(string) any { return map[string]any{"nip": "{nip}", "to": to} }

		// Every registered operation is in the matrix.
		_, raw, _ := w.raw("GET", "/openapi.json", "", nil)
		var doc struct {
			Paths map[string]map[string]any `json:"paths"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		template := func(p string) string {
			p = strings.Replace(p, "/v1/regions/kalianda", "/v1/regions/{region}", 1)
			for _, r := range []string{"appraisal", "enrolment", "pair", "transfer", "position"} {
				p = strings.ReplaceAll(p, "{"+r+"}", "{id}")
			}
			return p
		}
		for path, ops := range doc.Paths {
			for method := range ops {
				m := strings.ToUpper(method)
				if !slices.ContainsFunc(rows, func(r matrixRow) bool { return r.method == m && template(r.path) == path }) {
					t.Errorf("route %s %s is registered but missing from the auth matrix", m, path)
				}
			}
		}

		secrets := []string{nipYusuf, "Yusuf Prasetyo"}                    // semarang's data, never in a kalianda answer
		kaliandaData := []string{nipAyu, nipBoss, "Ayu Lestari", "Hendra"} // kalianda's data, never in a foreign answer
		for _, r := range rows {
			for ci, c := range matrixCallers {
				if len(r.expect) != len(matrixCallers) {
					t.Fatalf("%s %s: expectation %q has %d columns", r.method, r.path, r.expect, len(r.expect))
				}
				col := 0
				if c.column == "other" {
					col = 1
				}
				path := r.path
				nip := [2]string{nipAyu, nipDewi}[col]
				path = strings.ReplaceAll(path, "{nip}", nip)
				for res, v := range ids {
					path = strings.ReplaceAll(path, "{"+res+"}", v[col])
				}
				var body any
				if r.body != nil {
					bb, _ := json.Marshal(r.body(c.token))
					body = json.RawMessage(strings.ReplaceAll(string(bb), "{nip}", nip))
				}
				status, raw, _ := w.raw(r.method, path, c.token, body)
				want := r.expect[ci]
				ok := false
				switch want {
				case '1':
					ok = status == http.StatusUnauthorized
				case '3':
					ok = status == http.StatusForbidden
				case '4':
					ok = status == http.StatusNotFound
				case 'A':
					if r.method == "GET" {
						ok = status >= 200 && status < 300
					} else {
						ok = status < 400 || status != 401 && status != 403 && status != 404 && status < 500
					}
				}
				if !ok {
					t.Errorf("%s %s as %s: status %d, want %c: %s", r.method, path, c.name, status, want, raw)
				}
				leak := secrets
				if c.token == "foreign" {
					leak = kaliandaData
				}
				for _, s := range leak {
					if strings.Contains(string(raw), s) {
						t.Errorf("%s %s as %s: the answer holds another region's %q", r.method, path, c.name, s)
					}
				}
			}
		}
		// A NIP of another region is simply not found here, for everyone, national tokens included.
		for _, who := range []string{"admin", "national", "auditor"} {
			w.must(404, "GET", k+"/employees/"+nipYusuf, who, nil)
		}
		w.must(404, "GET", "/v1/regions/nowhere/employees", "national", nil)
	})
}
