// Package apitest holds the contract checks of the API for tests: Client returns an http.Client whose every
// response is validated against the server's own OpenAPI 3.1 document (status declared by the operation, content
// type declared for that status, body matching its schema), so that the end-to-end tests prove the document true
// of every answer they receive, not only of the ones a contract test thought of.
//
// The document is validated with github.com/getkin/kin-openapi, which reads OpenAPI 3.1 and validates schemas
// with a JSON Schema 2020-12 validator.
package apitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
)

// Document returns the server's OpenAPI document at path ("/openapi.json" for 3.1, "/openapi-3.0.json" for 3.0),
// as served.
func Document(path string) ([]byte, error) {
	h := api.NewServer(api.Deps{Logger: slog.New(slog.DiscardHandler)})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes(), nil
}

// Load parses and validates an OpenAPI document.
func Load(ctx context.Context, raw []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	return doc, nil
}

var (
	once    sync.Once
	checker *Checker
	loadErr error
)

// Checker validates responses against the 3.1 document.
type Checker struct {
	doc    *openapi3.T
	router routers.Router
}

// Contract returns the checker of the server's 3.1 document, loaded once per test binary.
func Contract() (*Checker, error) {
	once.Do(func() {
		raw, err := Document("/openapi.json")
		if err != nil {
			loadErr = err
			return
		}
		doc, err := Load(context.Background(), raw)
		if err != nil {
			loadErr = err
			return
		}
		r, err := legacy.NewRouter(doc)
		if err != nil {
			loadErr = err
			return
		}
		checker = &Checker{doc: doc, router: r}
	})
	return checker, loadErr
}

// Check validates one response (its body in body) to req. Routes the document does not describe (/metrics,
// /docs, the document itself, unknown paths) are not checked.
func (c *Checker) Check(req *http.Request, status int, header http.Header, body []byte) error {
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		return nil // not an operation of the document
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	where := fmt.Sprintf("%s %s → %d", req.Method, req.URL.Path, status)
	if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
		return fmt.Errorf("%s: %w\nbody: %.500s", where, err, body)
	}
	resp := route.Operation.Responses.Status(status)
	if len(resp.Value.Content) == 0 && len(bytes.TrimSpace(body)) > 0 {
		return fmt.Errorf("%s: the document declares no content, the server sent %q: %.200s", where, header.Get("Content-Type"), body)
	}
	if status >= 400 && header.Get("Content-Type") != "application/problem+json" {
		return fmt.Errorf("%s: an error as %q, not application/problem+json", where, header.Get("Content-Type"))
	}
	return nil
}

// transport checks every response that goes through it.
type transport struct {
	t    testing.TB
	c    *Checker
	next http.RoundTripper
}

func (tr *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := tr.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := tr.c.Check(req, resp.StatusCode, resp.Header, body); err != nil {
		tr.t.Errorf("response breaks the OpenAPI document: %v", err)
	}
	return resp, nil
}

// Client returns an http.Client that fails t for every response that does not match the document.
func Client(t testing.TB) *http.Client {
	t.Helper()
	c, err := Contract()
	if err != nil {
		t.Fatalf("OpenAPI document: %v", err)
	}
	return &http.Client{Transport: &transport{t: t, c: c, next: http.DefaultTransport}}
}

// Describe lists the statuses an operation declares, for messages.
func (c *Checker) Describe(method, path string) string {
	item := c.doc.Paths.Find(path)
	if item == nil {
		return ""
	}
	op := item.GetOperation(strings.ToUpper(method))
	if op == nil {
		return ""
	}
	var codes []string
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	return strings.Join(codes, ",")
}
