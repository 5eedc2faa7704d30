package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
)

// TestOpenAPIDocumentValid validates both documents the server publishes, 3.1 and the 3.0 down-conversion, with
// kin-openapi (the responses of every end-to-end test are checked against the 3.1 one through apitest.Client).
func TestOpenAPIDocumentValid(t *testing.T) {
	for _, path := range []string{"/openapi.json", "/openapi-3.0.json"} {
		t.Run(path, func(t *testing.T) {
			raw, err := apitest.Document(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := apitest.Load(context.Background(), raw)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Paths.Len() < 30 {
				t.Fatalf("%d paths", doc.Paths.Len())
			}
		})
	}
}

// TestContractCheckerCatches makes sure the checker every end-to-end test relies on would see a broken answer.
func TestContractCheckerCatches(t *testing.T) {
	c, err := apitest.Contract()
	if err != nil {
		t.Fatal(err)
	}
	problemJSON := http.Header{"Content-Type": {"application/problem+json"}}
	okJSON := http.Header{"Content-Type": {"application/json"}}
	for _, tc := range []struct {
		name, method, path string
		status             int
		header             http.Header
		body               string
		ok                 bool
	}{
		{"a good answer", "GET", "/healthz", 200, okJSON, `{"status":"ok"}`, true},
		{"an undeclared status", "GET", "/v1/regions/kalianda/employees", 418, problemJSON, `{"type":"https://jenjang.dev/problems/x","title":"x","status":418,"code":"x"}`, false},
		{"a body of the wrong shape", "GET", "/v1/regions/kalianda/employees", 200, okJSON, `{"employees":"none"}`, false},
		{"an error that is not a problem", "GET", "/v1/regions/kalianda/employees", 404, okJSON, `{"type":"https://jenjang.dev/problems/not-found","title":"x","status":404,"code":"not_found"}`, false},
		{"a problem without its code", "GET", "/v1/regions/kalianda/employees", 404, problemJSON, `{"type":"https://jenjang.dev/problems/not-found","title":"x","status":404}`, false},
		{"a body where none is declared", "DELETE", "/v1/regions/kalianda/employees/198609262010051001", 204, okJSON, `{}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			err := c.Check(req, tc.status, tc.header, []byte(tc.body))
			if (err == nil) != tc.ok {
				t.Fatalf("Check = %v, want ok %v", err, tc.ok)
			}
		})
	}
}
