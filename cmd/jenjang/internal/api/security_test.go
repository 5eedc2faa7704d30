package api_test

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// TestTokensStoredHashed reads the tokens table itself: no column of any row holds a token or its secret part,
// and the row of a token holds its SHA-256.
func TestTokensStoredHashed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		st := b.Open(t)
		if err := st.PutRegion(ctx, st.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
			t.Fatal(err)
		}
		var plaintexts []string
		for _, role := range []auth.Role{auth.Admin, auth.Employee} {
			tok, _, err := st.CreateToken(ctx, "kalianda", role, "")
			if err != nil {
				t.Fatal(err)
			}
			plaintexts = append(plaintexts, tok)
		}
		rows, err := st.DB().QueryContext(ctx, "SELECT * FROM tokens")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var stored []string // every value of every row, as text
		hashes := map[string]bool{}
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				stored = append(stored, v.String)
				if cols[i] == "hash" {
					hashes[v.String] = true
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for _, tok := range plaintexts {
			secret := strings.TrimPrefix(tok, "jjg_")
			for _, v := range stored {
				if strings.Contains(v, secret) || strings.Contains(v, tok) {
					t.Fatalf("the tokens table holds a token in plain text: %q", v)
				}
			}
			h := auth.HashToken(tok)
			if raw, err := hex.DecodeString(h); err != nil || len(raw) != 32 || !hashes[h] {
				t.Fatalf("no row holds the SHA-256 of the token (%s); hashes %v", h, hashes)
			}
		}
	})
}

// TestTokenComparison is a guard on the code: the store finds a token by the hash of what the client sent (never
// by the token itself) and confirms the match with crypto/subtle, and compares no token with == anywhere.
func TestTokenComparison(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "../store/token.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fn *ast.FuncDecl
	for _, d := range f.Decls {
		if d, ok := d.(*ast.FuncDecl); ok && d.Name.Name == "Authenticate" {
			fn = d
		}
	}
	if fn == nil {
		t.Fatal("store.Authenticate not found")
	}
	var hashes, constantTime, byHash bool
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			switch callName(n) {
			case "auth.HashToken":
				hashes = true
			case "subtle.ConstantTimeCompare":
				constantTime = true
			case "Where":
				if lit, ok := n.Args[0].(*ast.BasicLit); ok && strings.HasPrefix(lit.Value, `"hash = ?`) {
					if id, ok := n.Args[1].(*ast.Ident); ok && id.Name == "hash" {
						byHash = true
					}
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				for _, side := range []ast.Expr{n.X, n.Y} {
					if id, ok := side.(*ast.Ident); ok && (id.Name == "plaintext" || id.Name == "hash") {
						t.Errorf("%s: a token compared with %s", fset.Position(n.Pos()), n.Op)
					}
				}
			}
		}
		return true
	})
	if !hashes || !constantTime || !byHash {
		t.Fatalf("Authenticate: hashes the token %v, looks it up by hash %v, compares in constant time %v", hashes, byHash, constantTime)
	}
}

func callName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && (id.Name == "auth" || id.Name == "subtle" || id.Name == "fmt" || id.Name == "strings") {
			return id.Name + "." + f.Sel.Name
		}
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}

// securityEnv is the real handler on SQLite with an admin token, called in-process so that each request can come
// from its own remote address.
func securityEnv(t *testing.T, deps api.Deps) (h http.Handler, token string) {
	t.Helper()
	st, tokens := openRegions(t, storetest.SQLite(t), map[string]caller{"admin": {"kalianda", auth.Admin, ""}})
	deps.Store, deps.Logger = st, quiet()
	return api.NewServer(deps), tokens["admin"]
}

func serve(h http.Handler, method, path, remote, token, contentType string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	req.RemoteAddr = remote
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func checkProblem(t *testing.T, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	var p api.Problem
	if rec.Code != status || rec.Header().Get("Content-Type") != "application/problem+json" || json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Status != status {
		t.Fatalf("got %d %q %.300s; want a %d problem", rec.Code, rec.Header().Get("Content-Type"), rec.Body, status)
	}
}

// TestBodyLimits: a JSON route refuses a body over DefaultMaxBodyBytes with a 413 problem; the import route takes
// a larger body (to its own ImportMaxBodyBytes), and refuses one beyond that with 413 too.
func TestBodyLimits(t *testing.T) {
	h, tok := securityEnv(t, api.Deps{})
	const remote = "192.0.2.10:4000"

	// A syntactically valid employee whose name pads it past the limit: refused for its size, not its content.
	big := fmt.Sprintf(`{"nip":"199303032018031006","name":%q}`, strings.Repeat("a", api.DefaultMaxBodyBytes))
	checkProblem(t, serve(h, "POST", "/v1/regions/kalianda/employees", remote, tok, "application/json", strings.NewReader(big)), http.StatusRequestEntityTooLarge)
	// Just under the limit it is read and judged on its content.
	small := fmt.Sprintf(`{"nip":"199303032018031006","name":%q}`, strings.Repeat("a", api.DefaultMaxBodyBytes-100))
	if rec := serve(h, "POST", "/v1/regions/kalianda/employees", remote, tok, "application/json", strings.NewReader(small)); rec.Code == http.StatusRequestEntityTooLarge {
		t.Fatalf("a body under the limit got 413")
	}

	// A CSV of 2 MiB is past the JSON limit but within the import's: it is read and validated (422 for its rows).
	csv := "nip,nama\n" + strings.Repeat("123,x\n", (2<<20)/6)
	if rec := serve(h, "POST", "/v1/regions/kalianda/employees/import", remote, tok, "text/csv", strings.NewReader(csv)); rec.Code == http.StatusRequestEntityTooLarge || rec.Code >= 500 {
		t.Fatalf("a 2 MiB import: %d %.300s", rec.Code, rec.Body)
	}
	// Past the import's own limit: 413. The body is streamed, never held.
	huge := io.MultiReader(strings.NewReader("nip,nama\n"), &repeatReader{line: []byte("198609262010051001,Ayu\n"), left: api.ImportMaxBodyBytes + 1<<20})
	checkProblem(t, serve(h, "POST", "/v1/regions/kalianda/employees/import", remote, tok, "text/csv", huge), http.StatusRequestEntityTooLarge)
}

// repeatReader yields line over and over, left bytes in all.
type repeatReader struct {
	line []byte
	left int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:min(len(p), n+r.left)], r.line[r.off:])
		n += c
		r.left -= c
		r.off = (r.off + c) % len(r.line)
	}
	return n, nil
}

// TestAuthFailureSlowdown: after the limit of failed authentications from one address, that address gets 429 with
// a Retry-After within the window, even with a good token; another address with a good token is unaffected.
func TestAuthFailureSlowdown(t *testing.T) {
	const limit, window = 5, time.Minute
	h, tok := securityEnv(t, api.Deps{AuthFailureLimit: limit, AuthFailureWindow: window})
	const attacker, colleague = "198.51.100.7:5555", "203.0.113.9:6666"
	bad, _, _ := auth.NewToken()
	for range limit {
		checkProblem(t, serve(h, "GET", "/v1/regions", attacker, bad, "", nil), http.StatusUnauthorized)
	}
	for _, token := range []string{bad, tok, ""} {
		rec := serve(h, "GET", "/v1/regions/kalianda/employees", attacker, token, "", nil)
		checkProblem(t, rec, http.StatusTooManyRequests)
		secs, err := strconv.Atoi(rec.Header().Get("Retry-After"))
		if err != nil || secs < 1 || secs > int(window/time.Second)+1 {
			t.Fatalf("Retry-After %q", rec.Header().Get("Retry-After"))
		}
	}
	if rec := serve(h, "GET", "/v1/regions/kalianda/employees", colleague, tok, "", nil); rec.Code != http.StatusOK {
		t.Fatalf("a good token from another address: %d %s", rec.Code, rec.Body)
	}
	// The same port range of another host, and IPv6, are other addresses too.
	if rec := serve(h, "GET", "/v1/regions", "[2001:db8::1]:5555", tok, "", nil); rec.Code != http.StatusOK {
		t.Fatalf("an IPv6 client: %d", rec.Code)
	}
	// Public routes stay open to the limited address.
	if rec := serve(h, "GET", "/healthz", attacker, "", "", nil); rec.Code != http.StatusOK {
		t.Fatalf("healthz from the limited address: %d", rec.Code)
	}
}

// TestClientGoneIs499: a request whose client went away is counted as 499 (no client reads it), not as a 500 that
// would page someone. Found under load: every call cut at the end of a run was a logged internal error.
func TestClientGoneIs499(t *testing.T) {
	h, tok := securityEnv(t, api.Deps{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/v1/regions/kalianda/employees", nil).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != api.StatusClientClosedRequest {
		t.Fatalf("status %d, want %d: %s", rec.Code, api.StatusClientClosedRequest, rec.Body)
	}
}
