package api_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// send sends a request with the named token, a JSON body (if any) and headers.
func (e *env) send(method, path, token, body string, header ...string) (*http.Response, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if tok, ok := e.tokens[token]; ok {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := apitest.Client(e.t).Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, out
}

// TestDomainErrorsLocalised checks that a domain error answers in the caller's language: the problem's detail and
// its errors[].message in Indonesian by default, in English with Accept-Language: en. The same for the errors of an
// import, in its 422 problem and in the 200 answer of skip_invalid.
func TestDomainErrorsLocalised(t *testing.T) {
	const badNIP = `{"nip":"19860926201505","name":"Eko Wibowo","grade":"III/a","grade_tmt":"2019-04-01","education":"S1",` +
		`"position":{"title":"Pengelola Keuangan","kind":"pelaksana"},"position_tmt":"2021-01-04"}`
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})
		for _, c := range []struct {
			name, acceptLanguage string
			title, detail        string
		}{
			{"default", "", "Data tidak valid", `NIP harus terdiri dari 18 digit, "19860926201505" memiliki 14 karakter`},
			{"indonesian", "id-ID,id;q=0.9", "Data tidak valid", `NIP harus terdiri dari 18 digit, "19860926201505" memiliki 14 karakter`},
			{"english", "en", "Invalid input", `NIP must have 18 digits, "19860926201505" has 14 characters`},
			{"english preferred", "en-US,en;q=0.9,id;q=0.8", "Invalid input", `NIP must have 18 digits, "19860926201505" has 14 characters`},
		} {
			t.Run("employee "+c.name, func(t *testing.T) {
				resp, body := e.send(http.MethodPost, "/v1/regions/kalianda/employees", "kalianda-admin", badNIP, "Accept-Language", c.acceptLanguage)
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", resp.StatusCode, body)
				}
				p := decodeProblem(t, resp, body)
				if p.Title != c.title || p.Detail != c.detail {
					t.Errorf("title %q, detail %q; want %q, %q", p.Title, p.Detail, c.title, c.detail)
				}
				if len(p.Errors) != 1 || p.Errors[0].Location != "body.nip" || p.Errors[0].Message != c.detail {
					t.Errorf("errors %+v, want one at body.nip saying %q", p.Errors, c.detail)
				}
			})
		}

		// An import with bad rows: every row error in the caller's language, in the 422 and in the 200 of skip_invalid.
		byLang := map[string]map[string]string{} // language → location → message
		for _, c := range []struct {
			name, acceptLanguage string
			detail, golongan     string
		}{
			{"default", "", "Berkas memuat 4 kesalahan", `"III/f" bukan golongan ruang yang sah, misalnya III/a: golongan III memiliki ruang a sampai dengan d`},
			{"english", "en", "The file has 4 errors", `"III/f" is not a grade such as III/a: group III has ruang a to d`},
		} {
			t.Run("import "+c.name, func(t *testing.T) {
				resp, body := e.postImport("kalianda", "", "kalianda-admin", "text/csv", strings.NewReader(badImport), "Accept-Language", c.acceptLanguage)
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", resp.StatusCode, body)
				}
				p := decodeProblem(t, resp, body)
				msgs := map[string]string{}
				for _, fe := range p.Errors {
					msgs[fe.Location] = fe.Message
				}
				if !strings.HasPrefix(p.Detail, c.detail) || msgs["row[3].golongan"] != c.golongan {
					t.Errorf("detail %q, row[3].golongan %q; want %q…, %q", p.Detail, msgs["row[3].golongan"], c.detail, c.golongan)
				}
				byLang[c.name] = msgs
				resp, body = e.postImport("semarang", "?skip_invalid=true", "semarang-admin", "text/csv", strings.NewReader(badImport),
					"Accept-Language", c.acceptLanguage)
				r := e.result(resp, body)
				found := false
				for _, re := range r.Errors {
					found = found || re.Row == 3 && re.Column == "golongan" && re.Message == c.golongan
				}
				if !found {
					t.Errorf("skip_invalid errors %+v: no row 3 golongan error saying %q", r.Errors, c.golongan)
				}
			})
		}
		// Every row error has its own Indonesian text: none is the English one shown by default.
		if len(byLang["default"]) != 4 || len(byLang["english"]) != 4 {
			t.Fatalf("errors by language %v", byLang)
		}
		for loc, id := range byLang["default"] {
			if en := byLang["english"][loc]; en == "" || en == id {
				t.Errorf("%s: Indonesian %q, English %q", loc, id, en)
			}
		}
	})
}
