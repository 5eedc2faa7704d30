package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a running server.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var tokenLine = regexp.MustCompile(`^jjg_[A-Za-z0-9_-]{43}\n$`)

// runCmd runs one jenjang command to completion.
func runCmd(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut syncBuffer
	err = run(ctx, append([]string{"jenjang"}, args...), envOf(env), strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

// startServer runs `jenjang serve` in the background, logging at debug level, and returns its base URL, its stderr
// and a stop function that cancels it and checks that it exits in time (startServeArgs).
func startServer(t *testing.T, dsn string) (baseURL string, stderr *syncBuffer, stop func()) {
	t.Helper()
	return startServeArgs(t, dsn, "--log-level", "debug")
}

func get(t *testing.T, url, token string) (int, http.Header, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := apitest.Client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

func TestServe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		base, stderr, stop := startServer(t, b.DSN)

		m := regexp.MustCompile(`jenjang: initial national admin token: (jjg_\S+)`).FindStringSubmatch(stderr.String())
		if m == nil {
			t.Fatalf("no initial admin token on stderr:\n%s", stderr)
		}
		admin := m[1]

		// A second token, created by the CLI while the server runs on the same database.
		out, _, err := runCmd(t, nil, "token", "create", "--db", b.DSN, "--region", "kalianda", "--role", "employee", "--nip", "19860926 201505 1 001")
		if err != nil || !tokenLine.MatchString(out) {
			t.Fatalf("token create: %q, %v", out, err)
		}
		employee := strings.TrimSpace(out)

		for _, c := range []struct {
			path, token string
			status      int
			contains    string
		}{
			{"/healthz", "", 200, `"ok"`},
			{"/readyz", "", 200, `"database":"ok"`},
			{"/openapi.json", "", 200, `"openapi":"3.1`},
			{"/docs", "", 200, "swagger-ui"},
			{"/v1/regions", "", 401, `"code":"unauthorized"`},
			{"/v1/regions", "jjg_bad", 401, `"code":"unauthorized"`},
			{"/v1/regions", admin, 200, `"regions":[]`},
			{"/v1/regions", employee, 200, `"regions":[]`},
			{"/v1/regions/kalianda/audit", employee, 403, `"code":"forbidden"`},
			{"/metrics", "", 200, `jenjang_http_requests_total{method="GET",route="GET /v1/regions",status="401"} 2`},
		} {
			status, header, body := get(t, base+c.path, c.token)
			if status != c.status || !strings.Contains(body, c.contains) {
				t.Errorf("GET %s: %d %.300s; want %d containing %s", c.path, status, body, c.status, c.contains)
			}
			if header.Get("X-Request-Id") == "" {
				t.Errorf("GET %s: no X-Request-Id", c.path)
			}
		}
		stop()
		if !strings.Contains(stderr.String(), "msg=stopped") {
			t.Errorf("no clean stop in the log:\n%s", stderr)
		}

		// A restart finds tokens and prints no new one.
		_, stderr2, stop2 := startServer(t, b.DSN)
		stop2()
		if strings.Contains(stderr2.String(), "initial national admin token") {
			t.Error("a second initial token was created")
		}
	})
}

func TestTokenCreate(t *testing.T) {
	db := storetest.SQLite(t).DSN
	out, _, err := runCmd(t, map[string]string{"JENJANG_DB": db}, "token", "create", "--national", "--role", "admin")
	if err != nil || !tokenLine.MatchString(out) {
		t.Fatalf("national: %q, %v", out, err)
	}
	out, _, err = runCmd(t, nil, "token", "create", "--db", db, "--region", "*", "--role", "auditor")
	if err != nil || !tokenLine.MatchString(out) {
		t.Fatalf("region *: %q, %v", out, err)
	}
	for name, args := range map[string][]string{
		"no region":       {"--role", "admin"},
		"no role":         {"--region", "kalianda"},
		"bad role":        {"--region", "kalianda", "--role", "root"},
		"bad region":      {"--region", "Kali Anda", "--role", "admin"},
		"both scopes":     {"--region", "kalianda", "--national", "--role", "admin"},
		"unknown flag":    {"--region", "kalianda", "--role", "admin", "--colour"},
		"extra arguments": {"--region", "kalianda", "--role", "admin", "extra"},
	} {
		t.Run(name, func(t *testing.T) {
			out, _, err := runCmd(t, nil, append([]string{"token", "create", "--db", db}, args...)...)
			if err == nil || out != "" {
				t.Fatalf("accepted: %q", out)
			}
		})
	}
}

// TestRegionCommand sets up a region as an HR office would without the demo: bound to its plugin, placed in its
// regency and province; then changes it, and refuses what is incomplete.
func TestRegionCommand(t *testing.T) {
	db := storetest.SQLite(t).DSN
	out, _, err := runCmd(t, nil, "region", "put", "--db", db, "--code", "kalianda", "--name", "Kabupaten Kalianda",
		"--policy", "kalianda", "--regency", "Kabupaten Kalianda", "--province", "Lampung")
	if err != nil || out != "kalianda\tKabupaten Kalianda\tkalianda\tKabupaten Kalianda, Lampung\n" {
		t.Fatalf("put: %q, %v", out, err)
	}
	if _, _, err := runCmd(t, map[string]string{"JENJANG_DB": db}, "region", "put", "--code", "wanggar", "--name", "Provinsi Wanggar", "--province", "Wanggar"); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, nil, "region", "list", "--db", db)
	if err != nil || out != "kalianda\tKabupaten Kalianda\tkalianda\tKabupaten Kalianda, Lampung\nwanggar\tProvinsi Wanggar\tnational\tWanggar\n" {
		t.Fatalf("list: %q, %v", out, err)
	}
	// A rename keeps the plugin binding and the place.
	out, _, err = runCmd(t, nil, "region", "put", "--db", db, "--code", "kalianda", "--name", "Pemerintah Kabupaten Kalianda")
	if err != nil || out != "kalianda\tPemerintah Kabupaten Kalianda\tkalianda\tKabupaten Kalianda, Lampung\n" {
		t.Fatalf("rename: %q, %v", out, err)
	}
	for name, args := range map[string][]string{
		"no subcommand":        {},
		"unknown subcommand":   {"drop"},
		"new without a name":   {"put", "--code", "pauh"},
		"bad code":             {"put", "--code", "Pa Uh", "--name", "Pauh"},
		"regency, no province": {"put", "--code", "pauh", "--name", "Pauh", "--regency", "Kabupaten Pauh"},
	} {
		t.Run(name, func(t *testing.T) {
			if out, _, err := runCmd(t, nil, append([]string{"region"}, append(args, "--db", db)...)...); err == nil {
				t.Fatalf("accepted: %q", out)
			}
		})
	}
}

func TestMigrateCommand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		out, _, err := runCmd(t, nil, "migrate", "--db", b.DSN)
		if err != nil || !strings.Contains(out, "applied ") {
			t.Fatalf("first migrate: %q, %v", out, err)
		}
		out, _, err = runCmd(t, map[string]string{"JENJANG_DB": b.DSN}, "migrate")
		if err != nil || !strings.Contains(out, "up to date") {
			t.Fatalf("second migrate: %q, %v", out, err)
		}
	})
}

func TestCommands(t *testing.T) {
	if out, _, err := runCmd(t, nil, "version"); err != nil || strings.TrimSpace(out) == "" {
		t.Fatalf("version: %q, %v", out, err)
	}
	if out, _, err := runCmd(t, nil, "help"); err != nil || !strings.Contains(out, "serve") {
		t.Fatalf("help: %q, %v", out, err)
	}
	if _, _, err := runCmd(t, nil, "serve", "-h"); err != nil {
		t.Fatalf("serve -h: %v", err)
	}
	for name, args := range map[string][]string{
		"none":          {},
		"unknown":       {"frobnicate"},
		"token no sub":  {"token"},
		"bad log level": {"migrate", "--log-level", "loud"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := runCmd(t, nil, args...); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	// A database in a directory that does not exist fails at start, with a message.
	_, _, err := runCmd(t, nil, "serve", "--addr", "127.0.0.1:0", "--db", "file:"+filepath.Join(t.TempDir(), "missing", "x.db"))
	if err == nil || !strings.Contains(err.Error(), "sqlite") {
		t.Fatalf("missing directory: %v", err)
	}
}

func TestServeBadAddress(t *testing.T) {
	db := storetest.SQLite(t).DSN
	_, _, err := runCmd(t, nil, "serve", "--addr", "127.0.0.1:99999", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "listen") {
		t.Fatalf("bad address: %v", err)
	}
}

// TestOpenAPIValid checks that the served document is JSON with the operations the foundation promises.
func TestOpenAPIValid(t *testing.T) {
	base, _, _ := startServer(t, storetest.SQLite(t).DSN)
	_, _, body := get(t, base+"/openapi.json", "")
	var doc struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/healthz", "/readyz", "/v1/regions", "/v1/regions/{region}/audit"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
}
