package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

func TestEveryOperationHasAccessRule(t *testing.T) {
	st := storetest.SQLite(t).Open(t)
	s := &server{store: st, logger: slog.Default(), metrics: newMetrics(nil), failures: newFailureLimiter(10, time.Minute)}
	mux := http.NewServeMux()
	s.api = humago.New(mux, humaConfig("test"))
	addRoutes(mux, s.api, s)
	n := 0
	for path, item := range s.api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Put, item.Post, item.Delete, item.Patch, item.Head, item.Options} {
			if op == nil {
				continue
			}
			n++
			rule, ok := op.Metadata[accessKey].(access)
			if !ok {
				t.Errorf("%s %s has no access rule: register it with register()", op.Method, path)
				continue
			}
			if !rule.public && (len(op.Security) == 0 || op.Extensions["x-jenjang-roles"] == nil) {
				t.Errorf("%s %s: protected but the OpenAPI document does not say so", op.Method, path)
			}
			if op.MaxBodyBytes == 0 {
				t.Errorf("%s %s has no body limit", op.Method, path)
			}
		}
	}
	if n < 4 {
		t.Fatalf("only %d operations found", n)
	}
}

// echoInput is the body of the test-only echo operation.
type echoInput struct {
	Body struct {
		Name string `json:"name" minLength:"1" maxLength:"20"`
	}
}

type echoOutput struct {
	Body struct {
		Name string `json:"name"`
	}
}

func testAPI(t *testing.T, setup func(api huma.API)) *httptest.Server {
	mux := http.NewServeMux()
	a := humago.New(mux, humaConfig("test"))
	setup(a)
	srv := httptest.NewServer(withRequestInfo(slog.New(slog.NewTextHandler(io.Discard, nil)), recoverPanics(mux)))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url string, body []byte) (*http.Response, Problem) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p Problem
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 400 {
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("%d %s: %v", resp.StatusCode, b, err)
		}
	}
	return resp, p
}

func TestHandlerErrors(t *testing.T) {
	var fail error
	srv := testAPI(t, func(a huma.API) {
		register(a, huma.Operation{OperationID: "echo", Method: http.MethodPost, Path: "/echo"}, public(),
			func(ctx context.Context, in *echoInput) (*echoOutput, error) {
				if fail != nil {
					return nil, fail
				}
				out := &echoOutput{}
				out.Body.Name = in.Body.Name
				return out, nil
			})
	})
	url := srv.URL + "/echo"

	if resp, _ := post(t, url, []byte(`{"name":"ok"}`)); resp.StatusCode != 200 {
		t.Fatalf("ok: %d", resp.StatusCode)
	}
	resp, p := post(t, url, []byte(`{"name":""}`))
	if resp.StatusCode != 422 || p.Code != "invalid" || len(p.Errors) != 1 || p.Errors[0].Location != "body.name" {
		t.Fatalf("validation: %d %+v", resp.StatusCode, p)
	}
	resp, p = post(t, url, []byte(`{"name":`))
	if resp.StatusCode >= 500 || resp.StatusCode < 400 || p.Type == "" {
		t.Fatalf("malformed JSON: %d %+v", resp.StatusCode, p)
	}
	big := []byte(`{"name":"` + strings.Repeat("x", DefaultMaxBodyBytes) + `"}`)
	if resp, p = post(t, url, big); resp.StatusCode != http.StatusRequestEntityTooLarge || p.Code != "too_large" {
		t.Fatalf("body limit: %d %+v", resp.StatusCode, p)
	}

	for _, c := range []struct {
		err    error
		status int
		code   string
		detail string
	}{
		{career.Errorf(career.Invalid, "nip", "NIP must have 18 digits"), 422, "invalid", "NIP must have 18 digits"},
		{career.Newf(career.Invalid, "nip", "NIP harus terdiri dari %d digit", "NIP must have %d digits", 18), 422, "invalid", "NIP harus terdiri dari 18 digit"},
		{career.Errorf(career.NotFound, "", "employee not found"), 404, "not_found", "employee not found"},
		{career.Errorf(career.Conflict, "", "appraisal is final"), 409, "conflict", "appraisal is final"},
		{career.Errorf(career.PolicyConflict, "", "below the national floor"), 409, "policy_conflict", "below the national floor"},
		{career.Errorf(career.Forbidden, "", "not your subordinate"), 403, "forbidden", "not your subordinate"},
		{fmt.Errorf("plugin: %w", &career.Error{Code: career.Unavailable, Message: "plugin kalianda is restarting"}), 503, "unavailable", "plugin kalianda is restarting"},
		{career.Errorf(career.Timeout, "", "plugin did not answer"), 504, "timeout", "plugin did not answer"},
		{errors.New("pq: password=hunter2 connection refused"), 500, "internal", ""},
		{&career.Error{Code: career.Internal, Message: "secret", Err: errors.New("secret cause")}, 500, "internal", ""},
	} {
		t.Run(c.code+"/"+c.err.Error(), func(t *testing.T) {
			fail = c.err
			resp, p := post(t, url, []byte(`{"name":"ok"}`))
			if resp.StatusCode != c.status || p.Status != c.status || p.Code != c.code || p.RequestID == "" {
				t.Fatalf("got %d %+v", resp.StatusCode, p)
			}
			if c.detail != "" && p.Detail != c.detail {
				t.Fatalf("detail %q, want %q", p.Detail, c.detail)
			}
			if c.status == 500 && (strings.Contains(p.Detail, "hunter2") || strings.Contains(p.Detail, "secret")) {
				t.Fatalf("internal error text leaked: %+v", p)
			}
			if c.code == "invalid" && (len(p.Errors) != 1 || p.Errors[0].Location != "nip") {
				t.Fatalf("field not named: %+v", p)
			}
		})
	}
}

func TestPanicIsProblem(t *testing.T) {
	srv := testAPI(t, func(a huma.API) {
		register(a, huma.Operation{OperationID: "boom", Method: http.MethodPost, Path: "/boom"}, public(),
			func(ctx context.Context, in *echoInput) (*echoOutput, error) { panic("boom") })
	})
	resp, p := post(t, srv.URL+"/boom", []byte(`{"name":"x"}`))
	if resp.StatusCode != 500 || p.Code != "internal" || strings.Contains(p.Detail, "boom") {
		t.Fatalf("panic: %d %+v", resp.StatusCode, p)
	}
}

func TestCheckIfMatch(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		ifMatch  string
		required bool
		status   int // 0: passes
	}{
		{"absent, optional", "", false, 0},
		{"absent, required", "", true, 428},
		{"match", `"v7"`, true, 0},
		{"match in list", `"v6", "v7"`, true, 0},
		{"star", "*", true, 0},
		{"stale", `"v6"`, true, 412},
		{"weak never matches", `W/"v7"`, true, 412},
		{"unquoted", `v7`, true, 412},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkIfMatch(ctx, c.ifMatch, 7, c.required)
			if c.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var p *Problem
			if !errors.As(err, &p) || p.Status != c.status {
				t.Fatalf("got %v, want %d", err, c.status)
			}
		})
	}
	if ETag(7) != `"v7"` {
		t.Fatalf("ETag(7) = %s", ETag(7))
	}
}

func TestFailureLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newFailureLimiter(2, time.Minute)
	l.now = func() time.Time { return now }
	l.fail("1.2.3.4")
	if l.retryAfter("1.2.3.4") != 0 {
		t.Fatal("limited after one failure")
	}
	l.fail("1.2.3.4")
	if w := l.retryAfter("1.2.3.4"); w != time.Minute {
		t.Fatalf("retryAfter = %v, want 1m", w)
	}
	if l.retryAfter("5.6.7.8") != 0 {
		t.Fatal("another address is limited")
	}
	now = now.Add(time.Minute)
	if l.retryAfter("1.2.3.4") != 0 {
		t.Fatal("still limited after the window")
	}
}

func TestNegotiateLang(t *testing.T) {
	for header, want := range map[string]lang{
		"":                       indonesian,
		"en":                     english,
		"en-GB":                  english,
		"id-ID":                  indonesian,
		"en;q=0.4, id;q=0.8":     indonesian,
		"id;q=0.4, en;q=0.8":     english,
		"fr, de":                 indonesian,
		"garbage;;;q=x":          indonesian,
		"ms, en;q=0.9, id;q=0.1": english,
	} {
		if got := negotiateLang(header); got != want {
			t.Errorf("negotiateLang(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestCatalogueComplete(t *testing.T) {
	for m, texts := range catalogue {
		if texts[indonesian] == "" || texts[english] == "" {
			t.Errorf("message %s lacks a language", m)
		}
	}
	for code, texts := range titles {
		if texts[indonesian] == "" || texts[english] == "" {
			t.Errorf("title %s lacks a language", code)
		}
	}
	for status := 400; status < 600; status++ {
		if code := codeForStatus(status); !strings.HasPrefix(code, "http_") {
			if _, ok := titles[code]; !ok {
				t.Errorf("status %d maps to code %s which has no title", status, code)
			}
		}
	}
}
