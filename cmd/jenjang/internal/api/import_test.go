package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// postImport sends body to the import route of region with the named token and content type.
func (e *env) postImport(region, query, token, contentType string, body io.Reader, header ...string) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/v1/regions/"+region+"/employees/import"+query, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if tok, ok := e.tokens[token]; ok {
		token = tok
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := apitest.Client(e.t).Do(req.WithContext(ctx))
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

func generatedCSV(t *testing.T, n int) []byte {
	var b bytes.Buffer
	if err := importtest.WriteCSV(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// result decodes the 200 answer of an import.
func (e *env) result(resp *http.Response, body []byte) importer.Result {
	t := e.t
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", resp.StatusCode, body)
	}
	var r importer.Result
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("result %s: %v", body, err)
	}
	return r
}

func countEmployees(t *testing.T, s *store.Store, region string) int {
	n, err := s.CountEmployees(context.Background(), store.EmployeeFilter{Region: region})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})

		// Access: admins of the region (or national) only.
		csv := generatedCSV(t, 25)
		for _, c := range []struct {
			token, region string
			status        int
		}{
			{"", "kalianda", http.StatusUnauthorized},
			{"jjg_not-a-token", "kalianda", http.StatusUnauthorized},
			{"kalianda-auditor", "kalianda", http.StatusForbidden},
			{"kalianda-employee", "kalianda", http.StatusForbidden},
			{"semarang-admin", "kalianda", http.StatusForbidden},
			{"national-admin", "nowhere", http.StatusNotFound},
		} {
			resp, body := e.postImport(c.region, "", c.token, "text/csv", bytes.NewReader(csv))
			if resp.StatusCode != c.status {
				t.Fatalf("%s on %s: status %d, want %d: %s", c.token, c.region, resp.StatusCode, c.status, body)
			}
			decodeProblem(t, resp, body)
		}
		if n := countEmployees(t, e.store, "kalianda"); n != 0 {
			t.Fatalf("refused imports wrote %d employees", n)
		}

		// A raw CSV by the region's admin.
		r := e.result(e.postImport("kalianda", "?filename=januari.csv", "kalianda-admin", "text/csv; charset=utf-8", bytes.NewReader(csv)))
		if r.Imported != 25 || r.File != "januari.csv" || r.Format != "csv" || len(r.Errors) != 0 {
			t.Fatalf("result %+v", r)
		}
		// The same file again, as multipart, by a national admin: everything unchanged.
		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		mw.WriteField("note", "ignored")
		fw, _ := mw.CreateFormFile("file", "../../etc/januari.csv")
		fw.Write(csv)
		mw.Close()
		r = e.result(e.postImport("kalianda", "", "national-admin", mw.FormDataContentType(), &form))
		if r.Imported != 0 || r.Unchanged != 25 || r.File != "januari.csv" {
			t.Fatalf("re-import result %+v", r)
		}
		resp, body := e.get("/v1/regions/kalianda/employees/"+importtest.Row(3)[0], "kalianda-admin")
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), importtest.Row(3)[1]) {
			t.Fatalf("imported employee: %d %s", resp.StatusCode, body)
		}
		resp, body = e.get("/v1/regions/kalianda/audit", "kalianda-admin")
		if resp.StatusCode != http.StatusOK || strings.Count(string(body), `"employee.import"`) != 2 {
			t.Fatalf("audit: %d %s", resp.StatusCode, body)
		}

		// Next month's export renames one employee: the audit holds that employee's update, before and after, in
		// the shape of the API's answer about the employee, as an update through the API would.
		nip, old := importtest.Row(3)[0], importtest.Row(3)[1]
		lines := []string{strings.Join(importtest.Header, ",")}
		for i := range 25 {
			row := importtest.Row(i)
			if i == 3 {
				row[1] = old + " Putri"
			}
			lines = append(lines, strings.Join(row, ","))
		}
		r = e.result(e.postImport("kalianda", "?filename=februari.csv", "kalianda-admin", "text/csv", strings.NewReader(strings.Join(lines, "\n"))))
		if r.Updated != 1 || r.Unchanged != 24 {
			t.Fatalf("next month's result %+v", r)
		}
		var history struct {
			Events []api.AuditEvent `json:"events"`
		}
		_, body = e.get("/v1/regions/kalianda/audit?target=employee:"+nip, "kalianda-auditor")
		if err := json.Unmarshal(body, &history); err != nil || len(history.Events) != 1 || history.Events[0].Action != "employee.update" {
			t.Fatalf("history of %s: %s (%v)", nip, body, err)
		}
		var before, after, now api.Employee
		_, body = e.get("/v1/regions/kalianda/employees/"+nip, "kalianda-admin")
		for raw, into := range map[string]*api.Employee{string(history.Events[0].Before): &before, string(history.Events[0].After): &after, string(body): &now} {
			if err := json.Unmarshal([]byte(raw), into); err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
		}
		if before.Name != old || after.Name != old+" Putri" || before.Version != 1 || after.Version != 2 ||
			after.Name != now.Name || after.Version != now.Version || after.Grade != now.Grade || after.Sanctions == nil {
			t.Errorf("update event before %+v, after %+v; the employee now %+v", before, after, now)
		}
	})
}

func TestImportRouteXLSX(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})
		path := filepath.Join(t.TempDir(), "pegawai.xlsx")
		if err := importtest.XLSXFile(path, importtest.Generated(30), importtest.DateCols...); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Raw, with the XLSX type; then as application/octet-stream (detected by content) into the other region.
		r := e.result(e.postImport("kalianda", "", "kalianda-admin", importer.XLSXContentType, bytes.NewReader(data)))
		if r.Imported != 30 || r.Format != "xlsx" {
			t.Fatalf("result %+v", r)
		}
		r = e.result(e.postImport("semarang", "", "semarang-admin", "application/octet-stream", bytes.NewReader(data)))
		if r.Imported != 30 || r.Format != "xlsx" {
			t.Fatalf("octet-stream result %+v", r)
		}
	})
}

const badImport = "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan\n" +
	"197501012000031001,Kepala,IV/a,2020-04-01,Kepala Dinas,administrator,2021-01-01,S2\n" +
	"19860926201505100,Pendek,III/f,2020-04-01,Analis,pelaksana,2021-01-01,S1\n" +
	"198609262015051003,,III/a,31/02/2020,Analis,pelaksana,2021-01-01,S1\n"

func TestImportRouteInvalid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := newEnv(t, b, api.Deps{})
		resp, body := e.postImport("kalianda", "", "kalianda-admin", "text/csv", strings.NewReader(badImport), "Accept-Language", "en")
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422: %s", resp.StatusCode, body)
		}
		p := decodeProblem(t, resp, body)
		var locs []string
		for _, fe := range p.Errors {
			locs = append(locs, fe.Location)
		}
		if want := "row[3].nip row[3].golongan row[4].nama row[4].tmt_golongan"; strings.Join(locs, " ") != want || p.Code != "invalid" ||
			!strings.Contains(p.Detail, "4 errors; nothing was written") {
			t.Fatalf("problem %+v, locations %v, want %s", p, locs, want)
		}
		if n := countEmployees(t, e.store, "kalianda"); n != 0 {
			t.Fatalf("a failed import wrote %d employees", n)
		}

		// skip_invalid: the valid row goes in, the rest is reported with 200.
		r := e.result(e.postImport("kalianda", "?skip_invalid=true", "kalianda-admin", "text/csv", strings.NewReader(badImport)))
		if r.Imported != 1 || r.Skipped != 2 || r.ErrorCount != 4 || r.Errors[0].Row != 3 || r.Errors[0].Column != "nip" {
			t.Fatalf("skip_invalid result %+v", r)
		}
		// existing=reject: the row now in the region is an error.
		resp, body = e.postImport("kalianda", "?skip_invalid=true&existing=reject", "kalianda-admin", "text/csv", strings.NewReader(badImport))
		if r := e.result(resp, body); r.Imported != 0 || r.ErrorCount != 5 {
			t.Fatalf("reject result %+v", r)
		}
		// A file that is not a spreadsheet, a header without the required columns: 422 in any mode.
		for _, bad := range []string{"\x00\x01\x02garbage", "nip,nama\n198609262015051001,Siti\n"} {
			resp, body := e.postImport("kalianda", "?skip_invalid=true", "kalianda-admin", "application/octet-stream", strings.NewReader(bad))
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%q: status %d, want 422: %s", bad, resp.StatusCode, body)
			}
			decodeProblem(t, resp, body)
		}
	})
}

func TestImportRouteUpload(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), api.Deps{})
	for _, c := range []struct {
		name        string
		contentType string
		body        io.Reader
		status      int
	}{
		{"json", "application/json", strings.NewReader(`{"nip":"1"}`), http.StatusUnsupportedMediaType},
		{"form without file", "multipart/form-data; boundary=x", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"), http.StatusUnprocessableEntity},
		{"broken form", "multipart/form-data; boundary=x", strings.NewReader("garbage"), http.StatusUnprocessableEntity},
		{"truncated form", "multipart/form-data; boundary=x", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nnip,nama"), http.StatusBadRequest},
		{"too large", "text/csv", io.LimitReader(repeat('a'), api.ImportMaxBodyBytes+1), http.StatusRequestEntityTooLarge},
		{"empty", "text/csv", strings.NewReader(""), http.StatusUnprocessableEntity},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.postImport("kalianda", "", "kalianda-admin", c.contentType, c.body)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, body)
			}
			decodeProblem(t, resp, body)
		})
	}
}

type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}
