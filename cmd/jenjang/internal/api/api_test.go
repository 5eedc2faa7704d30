package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// env is a test server on one backend, with a token of each kind.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	store  *store.Store
	tokens map[string]string // "national-admin", "kalianda-admin", "kalianda-auditor", "kalianda-employee", "semarang-admin"
}

func newEnv(t *testing.T, b storetest.Backend, deps api.Deps) *env {
	t.Helper()
	st, tokens := openRegions(t, b, map[string]caller{
		"national-admin":    {auth.National, auth.Admin, ""},
		"kalianda-admin":    {"kalianda", auth.Admin, ""},
		"kalianda-auditor":  {"kalianda", auth.Auditor, ""},
		"kalianda-employee": {"kalianda", auth.Employee, ""},
		"semarang-admin":    {"semarang", auth.Admin, ""},
	})
	e := &env{t: t, store: st, tokens: tokens}
	deps.Store, deps.Logger = st, quiet()
	e.srv = httptest.NewServer(api.NewServer(deps))
	t.Cleanup(e.srv.Close)
	return e
}

// get sends a GET with the named token ("" for none, anything not in tokens is sent as is) and headers.
func (e *env) get(path, token string, header ...string) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if tok, ok := e.tokens[token]; ok {
		token = tok
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := apitest.Client(e.t).Do(req.WithContext(ctx))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, body
}

type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Code      string `json:"code"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

func decodeProblem(t *testing.T, resp *http.Response, body []byte) problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json; body %s", ct, body)
	}
	var p problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body %s: %v", body, err)
	}
	if p.Status != resp.StatusCode || p.Title == "" || p.Detail == "" || p.Code == "" ||
		!strings.HasPrefix(p.Type, api.ProblemTypeBase) || p.RequestID == "" || p.RequestID != resp.Header.Get("X-Request-Id") {
		t.Fatalf("malformed problem (status %d, X-Request-Id %q): %+v", resp.StatusCode, resp.Header.Get("X-Request-Id"), p)
	}
	return p
}

func TestAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})
		revoked, tok, err := e.store.CreateToken(context.Background(), "kalianda", auth.Admin, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.RevokeToken(context.Background(), tok.ID); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, path, token string
			status            int
		}{
			{"no token", "/v1/regions", "", 401},
			{"garbage token", "/v1/regions", "jjg_nonsense", 401},
			{"revoked token", "/v1/regions", revoked, 401},
			{"any role lists regions", "/v1/regions", "kalianda-employee", 200},
			{"own region audit (admin)", "/v1/regions/kalianda/audit", "kalianda-admin", 200},
			{"own region audit (auditor)", "/v1/regions/kalianda/audit", "kalianda-auditor", 200},
			{"role not allowed", "/v1/regions/kalianda/audit", "kalianda-employee", 403},
			{"other region", "/v1/regions/kalianda/audit", "semarang-admin", 403},
			{"national on any region", "/v1/regions/semarang/audit", "national-admin", 200},
			{"national on unknown region", "/v1/regions/pauh/audit", "national-admin", 404},
			{"public health", "/healthz", "", 200},
		} {
			t.Run(c.name, func(t *testing.T) {
				resp, body := e.get(c.path, c.token)
				if resp.StatusCode != c.status {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, body)
				}
				if c.status >= 400 {
					decodeProblem(t, resp, body)
				}
			})
		}

		var regions struct {
			Regions []api.Region `json:"regions"`
		}
		_, body := e.get("/v1/regions", "national-admin")
		if err := json.Unmarshal(body, &regions); err != nil || len(regions.Regions) != 2 {
			t.Fatalf("national regions: %s (%v)", body, err)
		}
		_, body = e.get("/v1/regions", "semarang-admin")
		if err := json.Unmarshal(body, &regions); err != nil || len(regions.Regions) != 1 || regions.Regions[0].Code != "semarang" {
			t.Fatalf("semarang regions: %s (%v)", body, err)
		}
	})
}

func TestAuditRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})
		ctx := context.Background()
		for i := range 3 {
			ev := store.Event{Region: "kalianda", Actor: "token:1", Action: "employee.update", Target: "employee:" + string(rune('a'+i)),
				After: json.RawMessage(`{"n":1}`)}
			if err := e.store.AppendAudit(ctx, e.store.DB(), ev); err != nil {
				t.Fatal(err)
			}
		}
		var page struct {
			Events []api.AuditEvent `json:"events"`
			Next   string           `json:"next"`
		}
		// The set-up wrote 4 more: region.put for kalianda and token.create for its 3 tokens: 7 in all.
		resp, body := e.get("/v1/regions/kalianda/audit?limit=4", "kalianda-auditor")
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, &page); err != nil || len(page.Events) != 4 || page.Next == "" {
			t.Fatalf("first page: %s (%v)", body, err)
		}
		if page.Events[0].Action != "employee.update" || page.Events[0].Target != "employee:c" {
			t.Fatalf("not newest first: %+v", page.Events[0])
		}
		_, body = e.get("/v1/regions/kalianda/audit?limit=4&cursor="+page.Next, "kalianda-auditor")
		page.Next, page.Events = "", nil
		if err := json.Unmarshal(body, &page); err != nil || len(page.Events) != 3 || page.Next != "" {
			t.Fatalf("second page: %s (%v)", body, err)
		}
		if last := page.Events[2]; last.Action != "region.put" || last.Target != "region:kalianda" || len(last.Before) != 0 || len(last.After) == 0 {
			t.Fatalf("the region's creation: %+v", last)
		}
		resp, body = e.get("/v1/regions/kalianda/audit?cursor=abc", "kalianda-auditor")
		if p := decodeProblem(t, resp, body); p.Status != 422 || p.Code != "invalid" || len(p.Errors) != 1 || p.Errors[0].Location != "cursor" {
			t.Fatalf("bad cursor: %+v", p)
		}
		// The history of one thing, and the events of one action.
		for query, want := range map[string]int{"target=employee:b": 1, "action=employee.update": 3,
			"action=token.create": 3, "target=employee:b&action=token.create": 0, "target=employee:z": 0} {
			page.Next, page.Events = "", nil
			_, body = e.get("/v1/regions/kalianda/audit?"+query, "kalianda-auditor")
			if err := json.Unmarshal(body, &page); err != nil || len(page.Events) != want {
				t.Errorf("%s: %s (%v), want %d events", query, body, err, want)
			}
		}
	})
}

func TestProblemLanguage(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), api.Deps{})
	for _, c := range []struct {
		name, path, token, acceptLanguage, wantLang, wantTitle string
		status                                                 int
	}{
		{"default Indonesian", "/v1/regions", "", "", "id", "Tidak terautentikasi", 401},
		{"English preferred", "/v1/regions", "", "en-US,en;q=0.9,id;q=0.5", "en", "Unauthorized", 401},
		{"Indonesian preferred", "/v1/regions", "", "id,en;q=0.5", "id", "Tidak terautentikasi", 401},
		{"unknown language", "/v1/regions", "", "fr", "id", "Tidak terautentikasi", 401},
		{"validation en", "/v1/regions/kalianda/audit?limit=9999", "kalianda-admin", "en", "en", "Invalid input", 422},
		{"validation id", "/v1/regions/Bad%20Region/audit", "national-admin", "", "id", "Data tidak valid", 422},
		{"unknown route en", "/v2/nothing", "", "en", "en", "Not found", 404},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.get(c.path, c.token, "Accept-Language", c.acceptLanguage)
			p := decodeProblem(t, resp, body)
			if p.Status != c.status || p.Title != c.wantTitle || resp.Header.Get("Content-Language") != c.wantLang {
				t.Fatalf("got %d %q (%s), want %d %q (%s)", p.Status, p.Title, resp.Header.Get("Content-Language"), c.status, c.wantTitle, c.wantLang)
			}
			if c.status == 422 {
				if len(p.Errors) == 0 || p.Errors[0].Location == "" || p.Errors[0].Message == "" {
					t.Fatalf("validation problem names no field: %+v", p)
				}
			}
		})
	}
}

func TestAuthFailuresLimited(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), api.Deps{AuthFailureLimit: 3, AuthFailureWindow: time.Hour})
	bad, _, _ := auth.NewToken()
	for i := range 3 {
		if resp, body := e.get("/v1/regions", bad); resp.StatusCode != 401 {
			t.Fatalf("attempt %d: %d %s", i, resp.StatusCode, body)
		}
	}
	resp, body := e.get("/v1/regions", "national-admin")
	p := decodeProblem(t, resp, body)
	if p.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after the limit: %+v, Retry-After %q", p, resp.Header.Get("Retry-After"))
	}
	// Public operations stay reachable.
	if resp, _ := e.get("/healthz", ""); resp.StatusCode != 200 {
		t.Fatalf("healthz: %d", resp.StatusCode)
	}
}

func TestReadiness(t *testing.T) {
	failing := false
	e := newEnv(t, storetest.SQLite(t), api.Deps{Checks: []api.Check{{Name: "plugin.kalianda", Check: func(context.Context) error {
		if failing {
			return io.ErrUnexpectedEOF
		}
		return nil
	}}}})
	resp, body := e.get("/readyz", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"plugin.kalianda":"ok"`) {
		t.Fatalf("ready: %d %s", resp.StatusCode, body)
	}
	failing = true
	resp, body = e.get("/readyz", "", "Accept-Language", "en")
	p := decodeProblem(t, resp, body)
	if p.Status != 503 || len(p.Errors) != 1 || p.Errors[0].Location != "check.plugin.kalianda" || strings.Contains(string(body), "EOF") {
		t.Fatalf("not ready: %s", body)
	}
}

func TestOpenAPIAndDocs(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), api.Deps{Version: "1.2.3"})
	resp, body := e.get("/openapi.json", "")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi: %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct{ Version string }
		Paths   map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
			Roles    []string              `json:"x-jenjang-roles"`
		}
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") || doc.Info.Version != "1.2.3" {
		t.Fatalf("openapi %q version %q", doc.OpenAPI, doc.Info.Version)
	}
	audit := doc.Paths["/v1/regions/{region}/audit"]["get"]
	if len(audit.Security) != 1 || strings.Join(audit.Roles, ",") != "admin,auditor" {
		t.Fatalf("audit operation security %v roles %v", audit.Security, audit.Roles)
	}
	if strings.Contains(string(body), `"$schema"`) {
		t.Error("the $schema link transformer is on")
	}

	resp, body = e.get("/docs", "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("docs: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// Offline: the page loads nothing from another origin.
	if strings.Contains(string(body), "http://") || strings.Contains(string(body), "https://") {
		t.Fatalf("docs page references another origin:\n%s", body)
	}
	for _, asset := range []string{"/docs/swagger-ui/swagger-ui-bundle.js", "/docs/swagger-ui/swagger-ui.css", "/docs/init.js"} {
		if resp, body := e.get(asset, ""); resp.StatusCode != 200 || len(body) == 0 {
			t.Errorf("%s: %d", asset, resp.StatusCode)
		}
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), api.Deps{})
	e.get("/v1/regions/kalianda/audit", "kalianda-admin")
	e.get("/v1/regions/semarang/audit", "kalianda-admin")
	_, body := e.get("/metrics", "")
	for _, want := range []string{
		`jenjang_http_requests_total{method="GET",route="GET /v1/regions/{region}/audit",status="200"} 1`,
		`jenjang_http_requests_total{method="GET",route="GET /v1/regions/{region}/audit",status="403"} 1`,
		`jenjang_http_request_duration_seconds_count{method="GET",route="GET /v1/regions/{region}/audit"} 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
