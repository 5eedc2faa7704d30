package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// The cast of the story, all in kalianda except Yusuf (semarang).
const (
	nipBoss  = "197501012000031001" // Hendra, Kepala Seksi (pengawas), the supervisor
	nipAyu   = "198609262010051001" // Ayu, pelaksana, Hendra's subordinate; the story's employee
	nipBudi  = "199002142015032002" // Budi, a peer of Ayu
	nipCitra = "199105052016031003" // Citra, a peer of Ayu
	nipDewi  = "199207072017032004" // Dewi, another unit, another supervisor
	nipYusuf = "198803032012031005" // Yusuf, in semarang
)

// world is a running server with the story's regions, people and tokens.
type world struct {
	t      *testing.T
	url    string
	store  *store.Store
	tokens map[string]string
}

func newWorld(t *testing.T, b storetest.Backend, policies api.PolicyResolver) *world {
	t.Helper()
	st, tokens := openRegions(t, b, map[string]caller{
		"national": {auth.National, auth.Admin, ""},
		"admin":    {"kalianda", auth.Admin, ""},
		"auditor":  {"kalianda", auth.Auditor, ""},
		"sup":      {"kalianda", auth.Supervisor, nipBoss},
		"ayu":      {"kalianda", auth.Employee, nipAyu},
		"budi":     {"kalianda", auth.Employee, nipBudi},
		"citra":    {"kalianda", auth.Employee, nipCitra},
		"foreign":  {"semarang", auth.Admin, ""},
	})
	srv := httptest.NewServer(api.NewServer(api.Deps{Store: st, Logger: quiet(), Policies: policies, AuthFailureLimit: 1000}))
	t.Cleanup(srv.Close)
	return &world{t: t, url: srv.URL, store: st, tokens: tokens}
}

// call sends a request as the named caller ("" none; an unknown name is sent as the token itself) and decodes a
// JSON answer into a map.
func (w *world) call(method, path, who string, body any, header ...string) (int, map[string]any, http.Header) {
	w.t.Helper()
	status, raw, h := w.raw(method, path, who, body, header...)
	var m map[string]any
	if len(raw) > 0 && strings.Contains(h.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &m); err != nil {
			w.t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
	return status, m, h
}

func (w *world) raw(method, path, who string, body any, header ...string) (int, []byte, http.Header) {
	w.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			w.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, w.url+path, rd)
	if err != nil {
		w.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok, ok := w.tokens[who]; ok {
		req.Header.Set("Authorization", "Bearer "+tok)
	} else if who != "" {
		req.Header.Set("Authorization", "Bearer "+who)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := apitest.Client(w.t).Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		w.t.Fatal(err)
	}
	return resp.StatusCode, raw, resp.Header
}

// must checks the status of a call and returns its body.
func (w *world) must(want int, method, path, who string, body any, header ...string) map[string]any {
	w.t.Helper()
	status, m, _ := w.call(method, path, who, body, header...)
	if status != want {
		w.t.Fatalf("%s %s as %s: status %d, want %d: %v", method, path, who, status, want, m)
	}
	return m
}

func employee(nip, name, grade, gradeTMT, kind, title, unit, supervisor string, potential float64) map[string]any {
	e := map[string]any{"nip": nip, "name": name, "grade": grade, "grade_tmt": gradeTMT, "education": "S1",
		"position": map[string]any{"title": title, "kind": kind, "field": "kesehatan"}, "position_tmt": "2021-01-04",
		"unit": unit, "agency": "Pemerintah Kabupaten Kalianda", "potential_score": potential}
	if supervisor != "" {
		e["supervisor_nip"] = supervisor
	}
	return e
}

// seedPeople creates the cast over HTTP and records last years' predicates (as an import would).
func (w *world) seedPeople(region string) {
	w.t.Helper()
	base := "/v1/regions/" + region
	w.must(201, "POST", base+"/employees", "admin", employee(nipBoss, "Hendra Saputra", "IV/a", "2019-04-01", "pengawas", "Kepala Seksi Pelayanan Kesehatan", "Dinas Kesehatan", "", 90))
	w.must(201, "POST", base+"/employees", "admin", employee(nipAyu, "Ayu Lestari", "III/b", "2020-04-01", "pelaksana", "Pengelola Data Kesehatan", "Dinas Kesehatan", nipBoss, 85))
	w.must(201, "POST", base+"/employees", "admin", employee(nipBudi, "Budi Santoso", "III/a", "2021-04-01", "pelaksana", "Pengadministrasi Umum", "Dinas Kesehatan", nipBoss, 65))
	w.must(201, "POST", base+"/employees", "admin", employee(nipCitra, "Citra Wulandari", "III/a", "2022-10-01", "pelaksana", "Pengadministrasi Umum", "Dinas Kesehatan", nipBoss, 55))
	w.must(201, "POST", base+"/employees", "admin", employee(nipDewi, "Dewi Anggraini", "III/c", "2020-10-01", "pelaksana", "Analis SDM", "BKPSDM", "", 70))
	ctx := context.Background()
	var preds []store.Predicate
	for _, nip := range []string{nipBoss, nipAyu, nipBudi, nipCitra, nipDewi} {
		preds = append(preds, store.Predicate{Region: region, NIP: nip, Year: 2024, Predicate: "baik", Source: store.PredicateFromImport})
	}
	preds = append(preds, store.Predicate{Region: region, NIP: nipBoss, Year: 2025, Predicate: "sangat_baik", Source: store.PredicateFromImport},
		store.Predicate{Region: region, NIP: nipCitra, Year: 2025, Predicate: "baik", Source: store.PredicateFromImport})
	if err := w.store.PutPredicates(ctx, w.store.DB(), preds); err != nil {
		w.t.Fatal(err)
	}
}

func TestStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		runStory(t, newWorld(t, b, nil), "national")
	})
}

// runStory walks the life of an appraisal year in kalianda, over HTTP, and checks the audit trail at the end.
// wantPolicy is the policy region the decisions must name.
func runStory(t *testing.T, w *world, wantPolicy string) {
	const k = "/v1/regions/kalianda"
	w.seedPeople("kalianda")
	pol := w.must(200, "GET", k+"/policy", "ayu", nil)
	if pol["policy"] != wantPolicy || len(pol["params"].([]any)) == 0 {
		t.Fatalf("policy = %v", pol)
	}

	// Appraisal: the supervisor opens it, asking two peers; superior, peers and self rate; the supervisor finalises.
	a := w.must(201, "POST", k+"/appraisals", "sup", map[string]any{"nip": nipAyu, "period": "2025", "peers": []string{nipBudi, nipCitra}})
	id := fmt.Sprint(a["id"])
	ap := k + "/appraisals/" + id
	w.must(200, "POST", ap+"/ratings", "sup", map[string]any{"ratings": []map[string]any{
		{"source": "superior", "aspect": "hasil_kerja", "value": "di_atas"}, {"source": "superior", "aspect": "perilaku_kerja", "value": "sesuai"}}})
	w.must(200, "POST", ap+"/ratings", "budi", map[string]any{"ratings": []map[string]any{{"source": "peer", "aspect": "perilaku_kerja", "value": "di_atas"}}})
	w.must(200, "POST", ap+"/ratings", "citra", map[string]any{"ratings": []map[string]any{{"source": "peer", "aspect": "perilaku_kerja", "value": "sesuai"}}})
	w.must(200, "POST", ap+"/ratings", "ayu", map[string]any{"ratings": []map[string]any{{"source": "self", "aspect": "hasil_kerja", "value": "di_atas"}}})
	w.must(403, "POST", ap+"/ratings", "ayu", map[string]any{"ratings": []map[string]any{{"source": "peer", "aspect": "hasil_kerja", "value": "di_atas"}}})
	w.must(403, "POST", ap+"/ratings", "budi", map[string]any{"ratings": []map[string]any{{"source": "superior", "aspect": "hasil_kerja", "value": "di_atas"}}})
	got := w.must(200, "GET", ap, "ayu", nil)
	if n := len(got["ratings"].([]any)); n != 5 {
		t.Fatalf("ratings = %d, want 5", n)
	}
	fin := w.must(200, "POST", ap+"/finalize", "sup", nil)
	appr, dec := fin["appraisal"].(map[string]any), fin["decision"].(map[string]any)
	if appr["status"] != "finalised" || appr["predicate"] == "" || dec["kind"] != "evaluation.predicate" || dec["id"] == nil ||
		len(dec["criteria"].([]any)) == 0 || dec["policy"].(map[string]any)["region"] != wantPolicy {
		t.Fatalf("finalize = %v", fin)
	}
	predicate := appr["predicate"].(string)
	if predicate != "baik" && predicate != "sangat_baik" {
		t.Fatalf("predicate %q, want at least baik", predicate)
	}
	w.must(409, "POST", ap+"/finalize", "sup", nil)
	w.must(409, "POST", ap+"/ratings", "sup", map[string]any{"ratings": []map[string]any{{"source": "superior", "aspect": "hasil_kerja", "value": "sesuai"}}})
	list := w.must(200, "GET", k+"/employees/"+nipAyu+"/appraisals", "ayu", nil)
	if len(list["appraisals"].([]any)) != 1 {
		t.Fatalf("appraisals = %v", list)
	}

	// Promotion: the whole region, then Ayu alone. Ayu has 4 years in III/b on 2026-04-01 and two Baik years.
	status, raw, _ := w.raw("GET", k+"/promotions/eligibility?date=2026-04-01", "admin", nil)
	var elig struct {
		Results []struct {
			NIP      string
			Decision *struct {
				Outcome   string
				NotBefore string `json:"not_before"`
				Criteria  []struct {
					Code   string
					Passed bool
				}
			}
		}
		Summary map[string]int
		Error   any
	}
	if status != 200 || json.Unmarshal(raw, &elig) != nil || elig.Error != nil || len(elig.Results) != 5 {
		t.Fatalf("eligibility: %d %s", status, raw)
	}
	outcomes := map[string]string{}
	for _, r := range elig.Results {
		outcomes[r.NIP] = r.Decision.Outcome
		if r.NIP == nipCitra && r.Decision.NotBefore != "2026-10-01" {
			t.Errorf("Citra (III/a since 2022-10-01) not_before = %q, want 2026-10-01", r.Decision.NotBefore)
		}
	}
	if outcomes[nipAyu] != "eligible" || outcomes[nipCitra] != "not_yet" {
		t.Fatalf("outcomes = %v", outcomes)
	}
	one := w.must(200, "GET", k+"/employees/"+nipAyu+"/promotion?date=2026-04-01", "ayu", nil)
	if one["outcome"] != "eligible" || one["details"].(map[string]any)["to_grade"] != "III/c" {
		t.Fatalf("promotion = %v", one)
	}
	w.must(403, "GET", k+"/employees/"+nipBudi+"/promotion", "ayu", nil)

	// Mentoring: Hendra (Sangat Baik in 2025) mentors; create the pairs and record a session.
	m := w.must(200, "POST", k+"/mentoring/matches", "admin", map[string]any{"on": "2026-02-01", "mentors": []string{nipBoss}, "mentees": []string{nipAyu, nipBudi}, "create_pairs": true})
	pairs := m["pairs"].([]any)
	if len(pairs) == 0 || m["decision"].(map[string]any)["kind"] != "mentoring.match" {
		t.Fatalf("match = %v", m)
	}
	pl := w.must(200, "GET", k+"/mentoring/pairs", "admin", nil)["pairs"].([]any)
	pairID := fmt.Sprint(pl[0].(map[string]any)["id"])
	mentee := pl[0].(map[string]any)["mentee_nip"].(string)
	w.must(201, "POST", k+"/mentoring/pairs/"+pairID+"/sessions", "sup", map[string]any{"date": "2026-02-10", "minutes": 90, "topic": "Analisis data kesehatan"})
	w.must(403, "POST", k+"/mentoring/pairs/"+pairID+"/sessions", "citra", map[string]any{"date": "2026-02-10", "minutes": 90})

	// Training: a program, an enrolment, its completion; then the ledger and compliance.
	w.must(201, "POST", k+"/training/programs", "admin", map[string]any{"code": "PM-01", "title": "Manajemen Proyek", "method": "pelatihan", "competency": "teknis", "jp": 24, "cost": 1500000, "seats": 10})
	en := w.must(201, "POST", k+"/training/enrolments", "admin", map[string]any{"nip": nipAyu, "program": "PM-01", "on": "2026-03-01"})
	w.must(200, "POST", k+"/training/enrolments/"+fmt.Sprint(en["id"])+"/complete", "admin", map[string]any{"on": "2026-03-05"})
	w.must(409, "POST", k+"/training/enrolments/"+fmt.Sprint(en["id"])+"/complete", "admin", map[string]any{"on": "2026-03-05"})
	tr := w.must(200, "GET", k+"/employees/"+nipAyu+"/training?year=2026", "ayu", nil)
	if tr["compliance"].(map[string]any)["outcome"] != "compliant" || tr["total_jp"].(float64) < 24 {
		t.Fatalf("training = %v", tr)
	}
	mt := w.must(200, "GET", k+"/employees/"+mentee+"/training?year=2026", "admin", nil)
	if acts := mt["activities"].([]any); len(acts) == 0 || acts[0].(map[string]any)["method"] != "mentoring" {
		t.Fatalf("mentee ledger = %v", mt)
	}
	comp := w.must(200, "GET", k+"/training/compliance?year=2026", "auditor", nil)
	if comp["employees"].(float64) != 5 || comp["compliant"].(float64) < 1 {
		t.Fatalf("compliance = %v", comp)
	}
	w.must(200, "GET", k+"/employees/"+nipBudi+"/training/recommendations", "budi", nil)
	al := w.must(200, "POST", k+"/training/allocations", "admin", map[string]any{"year": 2026, "budget": 3000000})
	if al["decision"].(map[string]any)["kind"] != "training.allocation" {
		t.Fatalf("allocation = %v", al)
	}

	// Transfer: Ayu moves to BKPSDM within the agency after 5 years in post.
	tf := w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipAyu, "to": map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"},
		"to_position": map[string]any{"title": "Analis SDM Aparatur", "kind": "pelaksana", "field": "sdm"}, "on": "2026-04-01"})
	if tf["decision"].(map[string]any)["outcome"] != "eligible" {
		t.Fatalf("transfer check = %v", tf)
	}
	// The check places Ayu on the talent grid (her 2025 predicate, potential 85), as GET /talent/grid does below.
	wantBox := "8"
	if predicate == "sangat_baik" {
		wantBox = "9"
	}
	if details := tf["decision"].(map[string]any)["details"].(map[string]any); details["talent_box"] != wantBox || details["talent_actions"] == "" {
		t.Fatalf("transfer check details = %v, want box %s with its actions", details, wantBox)
	}
	tid := fmt.Sprint(tf["transfer"].(map[string]any)["id"])
	w.must(200, "POST", k+"/transfers/"+tid+"/approve", "admin", map[string]any{"on": "2026-04-01"})
	w.must(409, "POST", k+"/transfers/"+tid+"/approve", "admin", nil)
	moved := w.must(200, "GET", k+"/employees/"+nipAyu, "ayu", nil)
	if moved["unit"] != "BKPSDM" || moved["position_tmt"] != "2026-04-01" {
		t.Fatalf("after transfer = %v", moved)
	}
	hist := w.must(200, "GET", k+"/employees/"+nipAyu+"/history", "ayu", nil)["history"].([]any)
	if len(hist) != 1 || hist[0].(map[string]any)["unit"] != "Dinas Kesehatan" {
		t.Fatalf("history = %v", hist)
	}
	// Young Citra (1 year in post) may not move yet: the check says so and approval is refused.
	tc := w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipCitra, "to": map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"}, "on": "2022-06-01"})
	if tc["decision"].(map[string]any)["outcome"] != "not_yet" {
		t.Fatalf("young transfer = %v", tc)
	}
	w.must(409, "POST", k+"/transfers/"+fmt.Sprint(tc["transfer"].(map[string]any)["id"])+"/approve", "admin", map[string]any{"on": "2022-06-01"})

	// Talent: Ayu is Baik (meets) with potential 85 (high) → box 8, succession pool.
	grid := w.must(200, "GET", k+"/talent/grid?year=2025", "auditor", nil)
	found := false
	for _, r := range grid["rows"].([]any) {
		row := r.(map[string]any)
		if row["nip"] == nipAyu {
			found = true
			want := 8.0
			if predicate == "sangat_baik" {
				want = 9
			}
			if row["box"] != want || row["succession"] != true {
				t.Fatalf("Ayu on the grid = %v", row)
			}
		}
	}
	if !found {
		t.Fatal("Ayu is not on the grid")
	}

	// Audit: exactly one event per change, each with its actor, action and target.
	want := map[string]int{"employee.create": 5, "appraisal.create": 1, "appraisal.rate": 4, "appraisal.finalize": 1,
		"mentoring.match": 1, "mentoring.session": 1, "training.program.create": 1, "training.enrol": 1, "training.complete": 1,
		"training.allocate": 1, "transfer.request": 2, "transfer.approve": 1}
	counts := map[string]int{}
	for cursor := ""; ; {
		page := w.must(200, "GET", k+"/audit?limit=500"+cursor, "auditor", nil)
		for _, e := range page["events"].([]any) {
			ev := e.(map[string]any)
			if ev["action"] == "token.create" || ev["action"] == "region.put" { // the set-up's, not the story's
				continue
			}
			counts[ev["action"].(string)]++
			if ev["actor"] == "" || ev["target"] == "" || ev["region"] != "kalianda" {
				t.Errorf("incomplete event %v", ev)
			}
		}
		next, _ := page["next"].(string)
		if next == "" {
			break
		}
		cursor = "&cursor=" + next
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Fatalf("audit events = %v\nwant %v", counts, want)
	}
}

func TestConcurrentFinalize(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		const k = "/v1/regions/kalianda"
		a := w.must(201, "POST", k+"/appraisals", "admin", map[string]any{"nip": nipBudi, "period": "2025"})
		id := fmt.Sprint(a["id"])
		w.must(200, "POST", k+"/appraisals/"+id+"/ratings", "sup", map[string]any{"ratings": []map[string]any{
			{"source": "superior", "aspect": "hasil_kerja", "value": "sesuai"}, {"source": "superior", "aspect": "perilaku_kerja", "value": "sesuai"}}})

		// A stale If-Match is refused.
		w.must(412, "POST", k+"/appraisals/"+id+"/finalize", "sup", nil, "If-Match", `"v1"`)

		var wg sync.WaitGroup
		statuses := make(chan int, 20)
		for range 20 {
			wg.Go(func() {
				status, _, _ := w.call("POST", k+"/appraisals/"+id+"/finalize", "sup", nil)
				statuses <- status
			})
		}
		wg.Wait()
		close(statuses)
		byStatus := map[int]int{}
		for s := range statuses {
			byStatus[s]++
		}
		if byStatus[200] != 1 || byStatus[409] != 19 {
			t.Fatalf("statuses = %v, want one 200 and 19 409", byStatus)
		}
		n, err := w.store.CountDecisions(context.Background(), "kalianda", "evaluation.predicate", id)
		if err != nil || n != 1 {
			t.Fatalf("stored decisions = %d, %v", n, err)
		}
		page, err := w.store.ListAudit(context.Background(), store.AuditFilter{Region: "kalianda", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		fin := 0
		for _, e := range page.Events {
			if e.Action == "appraisal.finalize" {
				fin++
			}
		}
		if fin != 1 {
			t.Fatalf("finalize audit events = %d", fin)
		}
	})
}

func TestEmployeeETag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		p := "/v1/regions/kalianda/employees/" + nipDewi
		status, e, h := w.call("GET", p, "admin", nil)
		if status != 200 || h.Get("ETag") != `"v1"` {
			t.Fatalf("GET: %d %q", status, h.Get("ETag"))
		}
		e["name"] = "Dewi Anggraini, S.Psi."
		delete(e, "region")
		delete(e, "grade_name")
		delete(e, "version")
		w.must(428, "PUT", p, "admin", e)
		w.must(200, "PUT", p, "admin", e, "If-Match", `"v1"`)
		w.must(412, "PUT", p, "admin", e, "If-Match", `"v1"`)
		w.must(412, "DELETE", p, "admin", nil, "If-Match", `"v1"`)
		w.must(204, "DELETE", p, "admin", nil, "If-Match", `"v2"`)
		w.must(404, "GET", p, "admin", nil)
		bad := employee(nipDewi, "X", "III/z", "2020-01-01", "pelaksana", "T", "U", "", 50)
		status, pr, _ := w.call("POST", "/v1/regions/kalianda/employees", "admin", bad)
		if status != 422 || !strings.Contains(fmt.Sprint(pr["errors"]), "body.grade") {
			t.Fatalf("invalid grade: %d %v", status, pr)
		}
	})
}

func TestErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		p := "/v1/regions/kalianda/employees/" + nipAyu
		_, id, _ := w.call("GET", p, "admin", nil)
		_, en, _ := w.call("GET", p, "admin", nil, "Accept-Language", "en")
		if id["type"] != api.ProblemTypeBase+"not-found" || id["type"] != en["type"] || id["title"] == en["title"] || id["title"] != "Tidak ditemukan" {
			t.Fatalf("problems: %v / %v", id, en)
		}
		w.store.Close() // every query now fails inside the server
		status, raw, h := w.raw("GET", "/v1/regions/kalianda/employees", "admin", nil)
		if status != 500 && status != 401 {
			t.Fatalf("closed database: %d %s", status, raw)
		}
		if h.Get("Content-Type") != "application/problem+json" || strings.Contains(string(raw), "closed") || strings.Contains(string(raw), "sql") {
			t.Fatalf("internal error leaks: %s", raw)
		}
	})
}
