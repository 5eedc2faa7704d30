package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// bodyOp is an operation that takes a JSON body, with its path filled in for the fuzz world.
type bodyOp struct {
	method, template, path string
}

// fuzzWorld is the real handler on SQLite with the story's cast and one record of each kind, and the JSON-body
// operations of the OpenAPI document, in a stable order (the fuzz input's first byte picks one).
type fuzzWorld struct {
	h     http.Handler
	token string
	ops   []bodyOp
	check *apitest.Checker
}

func newFuzzWorld(f *testing.F) *fuzzWorld {
	f.Helper()
	st, tokens := openRegions(f, storetest.SQLite(f), map[string]caller{"admin": {"kalianda", auth.Admin, ""}})
	check, err := apitest.Contract()
	if err != nil {
		f.Fatal(err)
	}
	w := &fuzzWorld{h: api.NewServer(api.Deps{Store: st, Logger: quiet()}), token: tokens["admin"], check: check}

	const k = "/v1/regions/kalianda"
	must := func(path string, body any, keys ...string) string {
		raw, _ := json.Marshal(body)
		status, _, out := w.do(http.MethodPost, k+path, raw)
		if status != http.StatusCreated {
			f.Fatalf("set-up POST %s: %d %s", path, status, out)
		}
		var m map[string]any
		json.Unmarshal(out, &m)
		for _, key := range keys[:max(len(keys)-1, 0)] {
			m = m[key].(map[string]any)
		}
		if len(keys) == 0 {
			return ""
		}
		return fmt.Sprint(m[keys[len(keys)-1]])
	}
	for _, e := range []map[string]any{
		employee(nipBoss, "Hendra Saputra", "IV/a", "2019-04-01", "pengawas", "Kepala Seksi", "Dinas Kesehatan", "", 90),
		employee(nipAyu, "Ayu Lestari", "III/b", "2020-04-01", "pelaksana", "Pengelola Data", "Dinas Kesehatan", nipBoss, 85),
		employee(nipBudi, "Budi Santoso", "III/a", "2021-04-01", "pelaksana", "Pengadministrasi Umum", "Dinas Kesehatan", nipBoss, 65),
	} {
		must("/employees", e)
	}
	must("/training/programs", map[string]any{"code": "PM-01", "title": "Manajemen Proyek", "method": "pelatihan", "competency": "teknis", "jp": 24})
	ids := map[string]string{
		"/appraisals/":          must("/appraisals", map[string]any{"nip": nipAyu, "period": "2025", "peers": []string{nipBudi}}, "id"),
		"/training/enrolments/": must("/training/enrolments", map[string]any{"nip": nipAyu, "program": "PM-01"}, "id"),
		"/mentoring/pairs/":     must("/mentoring/pairs", map[string]any{"mentor_nip": nipBoss, "mentee_nip": nipAyu}, "id"),
		"/positions/":           must("/positions", map[string]any{"position": map[string]any{"title": "Kepala Seksi", "kind": "pengawas"}}, "id"),
		"/transfers/":           must("/transfers", map[string]any{"nip": nipBudi, "to": map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"}}, "transfer", "id"),
	}

	raw, err := apitest.Document("/openapi.json")
	if err != nil {
		f.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody *struct {
				Content map[string]any `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		f.Fatal(err)
	}
	for template, item := range doc.Paths {
		for method, op := range item {
			if op.RequestBody == nil || op.RequestBody.Content["application/json"] == nil {
				continue
			}
			path := strings.ReplaceAll(strings.ReplaceAll(template, "{region}", "kalianda"), "{nip}", nipAyu)
			for prefix, id := range ids {
				path = strings.Replace(path, prefix+"{id}", prefix+id, 1)
			}
			if strings.Contains(path, "{") {
				f.Fatalf("no value for a parameter of %s", template)
			}
			w.ops = append(w.ops, bodyOp{strings.ToUpper(method), template, path})
		}
	}
	slices.SortFunc(w.ops, func(a, b bodyOp) int { return strings.Compare(a.method+a.template, b.method+b.template) })
	return w
}

func (w *fuzzWorld) do(method, path string, body []byte) (int, http.Header, []byte) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+w.token)
	req.Header.Set("Content-Type", "application/json")
	if method == http.MethodPut {
		req.Header.Set("If-Match", "*") // past the 428, so that the body reaches the handler
	}
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	return rec.Code, rec.Header(), rec.Body.Bytes()
}

// fuzzSeeds are valid bodies from the story, by operation; each also gets a few malformed variants.
var fuzzSeeds = map[string][]string{
	"POST /v1/regions/{region}/appraisals":                        {`{"nip":"` + nipAyu + `","period":"2024-Q3","peers":["` + nipBudi + `"]}`},
	"POST /v1/regions/{region}/appraisals/{id}/ratings":           {`{"ratings":[{"source":"superior","aspect":"hasil_kerja","value":"di_atas","rater":"` + nipBoss + `"}]}`},
	"POST /v1/regions/{region}/employees":                         {`{"nip":"199303032018031006","name":"Eko Wibowo","grade":"III/a","grade_tmt":"2019-04-01","education":"S1","position":{"title":"Pengelola Keuangan","kind":"pelaksana"},"position_tmt":"2021-01-04","unit":"BPKAD","potential_score":60}`},
	"PUT /v1/regions/{region}/employees/{nip}":                    {`{"nip":"` + nipAyu + `","name":"Ayu Lestari","grade":"III/b","grade_tmt":"2020-04-01","education":"S1","position":{"title":"Pengelola Data","kind":"pelaksana","field":"kesehatan"},"position_tmt":"2021-01-04","unit":"Dinas Kesehatan","supervisor_nip":"` + nipBoss + `","potential_score":85}`},
	"POST /v1/regions/{region}/mentoring/matches":                 {`{"on":"2026-02-01","mentors":["` + nipBoss + `"],"mentees":["` + nipAyu + `","` + nipBudi + `"],"create_pairs":true}`},
	"POST /v1/regions/{region}/mentoring/pairs":                   {`{"mentor_nip":"` + nipBoss + `","mentee_nip":"` + nipBudi + `"}`},
	"POST /v1/regions/{region}/mentoring/pairs/{id}/sessions":     {`{"date":"2026-02-10","minutes":90,"topic":"Analisis data kesehatan"}`},
	"POST /v1/regions/{region}/positions":                         {`{"position":{"title":"Kasubbag","kind":"pengawas"}}`},
	"POST /v1/regions/{region}/positions/{id}/selection":          {`{"applicants":[{"nip":"` + nipAyu + `","competence":80}]}`},
	"POST /v1/regions/{region}/training/allocations":              {`{"year":2026,"budget":3000000}`},
	"POST /v1/regions/{region}/training/enrolments":               {`{"nip":"` + nipAyu + `","program":"PM-01","on":"2026-03-01"}`},
	"POST /v1/regions/{region}/training/enrolments/{id}/complete": {`{"on":"2026-03-05"}`},
	"POST /v1/regions/{region}/training/programs":                 {`{"code":"PM-02","title":"Manajemen Proyek","method":"pelatihan","competency":"teknis","jp":24,"cost":1500000,"seats":10}`},
	"POST /v1/regions/{region}/transfers":                         {`{"nip":"` + nipAyu + `","to":{"agency":"Pemerintah Kabupaten Kalianda","unit":"BKPSDM"},"to_position":{"title":"Analis SDM Aparatur","kind":"pelaksana","field":"sdm"},"on":"2026-04-01"}`},
	"POST /v1/regions/{region}/transfers/{id}/approve":            {`{"on":"2026-04-01"}`},
}

// internalText is what an answer must never hold unless the client sent it: driver, runtime and Go source text.
var internalText = []string{"sqlite", "sqlstate", "pq:", "pgx", "bun:", "runtime error", "goroutine", "nil pointer", ".go:", "panic", "database is locked", "constraint failed", "violates"}

// slowBody is how long a request may take before it counts as a denial of service: one small body must not hold
// the server for seconds.
const slowBody = 3 * time.Second

// FuzzRequestBodies sends arbitrary bytes as the JSON body of every operation that takes one (the first byte picks
// the operation) to the real handler on SQLite, as a region admin: never a 5xx or a panic (recoverPanics would make
// it a 500), every 4xx a problem, every answer as the OpenAPI document declares it, and no internal text.
func FuzzRequestBodies(f *testing.F) {
	w := newFuzzWorld(f)
	for i, op := range w.ops {
		seeds, ok := fuzzSeeds[op.method+" "+op.template]
		if !ok {
			f.Fatalf("no seed body for %s %s: add one to fuzzSeeds", op.method, op.template)
		}
		for _, s := range append(seeds, "", "null", "{}", "[]", "{", `{"nip":1e309}`, strings.Repeat("[", 2000)) {
			f.Add(append([]byte{byte(i)}, s...))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		op := w.ops[int(data[0])%len(w.ops)]
		body := data[1:]
		start := time.Now()
		status, h, out := w.do(op.method, op.path, body)
		where := fmt.Sprintf("%s %s with %q", op.method, op.template, body)
		if d := time.Since(start); d > slowBody {
			t.Fatalf("%s: %s to answer %d", where, d, status)
		}
		if status >= 500 {
			t.Fatalf("%s: %d %s", where, status, out)
		}
		if status >= 400 {
			var p api.Problem
			if h.Get("Content-Type") != "application/problem+json" || json.Unmarshal(out, &p) != nil || p.Status != status || p.Code == "" {
				t.Fatalf("%s: %d is not a problem: %q %s", where, status, h.Get("Content-Type"), out)
			}
		}
		lowerIn, lowerOut := strings.ToLower(string(body)), strings.ToLower(string(out))
		for _, s := range internalText {
			if strings.Contains(lowerOut, s) && !strings.Contains(lowerIn, s) {
				t.Fatalf("%s: the answer holds internal text %q: %s", where, s, out)
			}
		}
		req := httptest.NewRequest(op.method, op.path, nil)
		if err := w.check.Check(req, status, h, out); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
	})
}
