package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const region = "kalianda"

// TestAgainstServer builds the real server, starts it on a loopback port with the demo regions (bound to the
// national baseline: the plugin directory is empty) and runs the program against it, as its README says.
func TestAgainstServer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the jenjang server")
	}
	srv := startServer(t)

	t.Run("import and eligibility", func(t *testing.T) {
		out, err := runClient(t, srv.token, "-server", srv.url, "-region", region, "-date", "2026-04-01",
			"-import", "employees.csv", "-lang", "en")
		if err != nil {
			t.Fatalf("run: %v\n%s", err, out)
		}
		want := "Import of employees.csv into kalianda: 12 rows; 12 new, 0 updated, 0 unchanged, 0 skipped; 24 predicates\n"
		if !strings.HasPrefix(out, want) {
			t.Errorf("import summary: want %q\n%s", want, out)
		}
		if !strings.Contains(out, "Rank promotion on 2026-04-01, region kalianda (policy national ") {
			t.Errorf("no header with the date, region and policy\n%s", out)
		}
		for _, c := range []struct{ title, want string }{
			{"Eligible", "  19820314 200801 1 003  Budi Santoso         III/c → III/d  TMT 2026-04-01\n"},
			{"Eligible", "  19900105 201503 1 002  Rudi Hartono         III/a → III/b  TMT 2026-04-01\n"},
			{"Not yet eligible", "  19870722 201101 2 004  Siti Aminah          III/b → III/c  eligible from 2026-10-01, TMT 2026-10-01\n" +
				"      ✗ promotion.regular.min_years_in_grade: At least 4 years in the current grade (required 4 tahun 0 bulan; found 3 tahun 6 bulan; "},
			{"Not eligible", "  19920411 201803 2 003  Nur Hidayah          III/a → III/b\n" +
				"      ✗ promotion.predicate: Predicate at least Good in each of the last 2 years (required ≥ baik, 2 tahun terakhir; found 2024: baik, 2025: butuh_perbaikan; "},
			{"Not eligible", "  19850818 200903 1 005  I Made Wirawan       III/c → III/d\n      ✗ promotion.functional.credit: "},
			{"Not eligible", "  19950707 202203 1 001  Andi Pratama\n      ✗ promotion.pns_only: "},
			// The columns the server once ignored: the sanction holds Fitri Handayani back until it ends, as in
			// examples/embed, and the lowest grade of Rina Marlina's position opens the structural fast path.
			{"Not yet eligible", "  19860515 201001 2 002  Fitri Handayani      III/b → III/c  eligible from 2026-07-01, TMT 2026-07-01\n" +
				"      ✗ promotion.no_sanction: No medium or heavy disciplinary sanction in force (required tidak sedang menjalani hukuman disiplin sedang/berat; found hukuman disiplin sedang s.d. 2026-06-30; "},
			{"Eligible", "  19880203 201203 2 006  Rina Marlina         III/b → III/c  TMT 2026-04-01\n"},
		} {
			if s := section(out, c.title); !strings.Contains(s, c.want) {
				t.Errorf("%s: want\n%s\nin\n%s", c.title, c.want, s)
			}
		}
	})

	t.Run("Indonesian by default", func(t *testing.T) {
		out, err := runClient(t, srv.token, "-server", srv.url, "-region", region, "-date", "2026-04-01")
		if err != nil {
			t.Fatalf("run: %v\n%s", err, out)
		}
		for _, want := range []string{"Kenaikan pangkat per 2026-04-01, wilayah kalianda", "\nMemenuhi syarat:\n",
			"memenuhi syarat mulai 2026-10-01", "✗ promotion.regular.min_years_in_grade: "} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
		if strings.Contains(out, "At least 4 years") {
			t.Errorf("English criteria without Accept-Language: en\n%s", out)
		}
	})

	t.Run("bad token", func(t *testing.T) {
		out, err := runClient(t, "jjg_"+strings.Repeat("A", 43), "-server", srv.url, "-region", region, "-lang", "en")
		var p *problem
		if !errors.As(err, &p) || p.Status != http.StatusUnauthorized {
			t.Fatalf("err = %v, want a 401 problem\n%s", err, out)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "401 Unauthorized: ") || strings.Contains(msg, "{") {
			t.Errorf("message %q: want the status, title and detail, no JSON", msg)
		}
		if out != "" {
			t.Errorf("output on a refused call:\n%s", out)
		}
	})

	t.Run("no token", func(t *testing.T) {
		_, err := runClient(t, "", "-server", srv.url, "-region", region)
		if err == nil || !strings.Contains(err.Error(), "JENJANG_TOKEN") {
			t.Fatalf("err = %v, want one naming JENJANG_TOKEN", err)
		}
	})

	t.Run("bad rows", func(t *testing.T) {
		file := badCSV(t)
		out, err := runClient(t, srv.token, "-server", srv.url, "-region", region, "-import", file, "-lang", "en")
		var p *problem
		if !errors.As(err, &p) || p.Status != http.StatusUnprocessableEntity || !strings.Contains(err.Error(), "nothing was written") {
			t.Fatalf("err = %v, want a refused import (422)\n%s", err, out)
		}
		for _, want := range []string{
			"Import of bad.csv into kalianda: refused, nothing was written",
			"\n  row 3, column golongan: \"III/f\" is not a grade",
			"\n  row 4, column nip: birth day 62 is not a day of the month",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
		if strings.Contains(out, "Rank promotion") {
			t.Errorf("eligibility fetched after a refused import\n%s", out)
		}
	})

	t.Run("skip invalid", func(t *testing.T) {
		file := badCSV(t)
		out, err := runClient(t, srv.token, "-server", srv.url, "-region", region, "-import", file, "-skip-invalid",
			"-date", "2026-04-01", "-lang", "en")
		if err == nil || err.Error() != fmt.Sprintf("2 row(s) of %s were not imported", file) {
			t.Fatalf("err = %v, want 2 rows not imported\n%s", err, out)
		}
		for _, want := range []string{
			"Import of bad.csv into kalianda: 3 rows; 0 new, 0 updated, 1 unchanged, 2 skipped",
			"\n  row 3, column golongan: ",
			"\n  row 4, column nip: ",
			"\nEligible:\n", // the report follows the import
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
	})

	t.Run("unknown region", func(t *testing.T) {
		_, err := runClient(t, srv.token, "-server", srv.url, "-region", "nowhere", "-lang", "en")
		var p *problem
		if !errors.As(err, &p) || p.Status != http.StatusForbidden || p.Title != "Forbidden" {
			t.Fatalf("err = %v, want a 403 problem", err)
		}
	})
}

// TestIncompleteAnswers: a region-wide answer that the server ended with an error member, or that was cut off, is
// an error, never a short list.
func TestIncompleteAnswers(t *testing.T) {
	const row = `{"nip":"198203142008011003","name":"Budi Santoso","decision":{"kind":"promotion.regular","outcome":"eligible","criteria":[],"details":{"tmt":"2026-04-01"},"policy":{"region":"national","version":"1"}}}`
	for _, c := range []struct{ name, body, want string }{
		{"complete", `{"date":"2026-04-01","policy":{"region":"national","version":"1"},"results":[` + row + `],"summary":{"eligible":1}}`, ""},
		{"error member", `{"date":"2026-04-01","policy":{},"results":[` + row + `],"error":{"title":"Service Unavailable","status":503,"detail":"The region's policy plugin is unavailable."}}`,
			"the server stopped half-way, the list is incomplete: 503 Service Unavailable: The region's policy plugin is unavailable."},
		{"cut off", `{"date":"2026-04-01","policy":{},"results":[` + row + `,{"nip":"1990`, "the answer was cut off"},
		{"no summary", `{"date":"2026-04-01","policy":{},"results":[]}`, "the answer has no summary"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(c.body))
			}))
			defer ts.Close()
			out, err := runClient(t, "jjg_test", "-server", ts.URL, "-region", region, "-lang", "en")
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("run: %v", err)
			case c.want == "" && !strings.Contains(out, "Budi Santoso"):
				t.Fatalf("no row in\n%s", out)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("err = %v, want %q", err, c.want)
			case c.want != "" && out != "":
				t.Fatalf("a report of an incomplete answer:\n%s", out)
			}
		})
	}
}

// TestNotAProblem: an error answer that is not problem+json (a proxy's HTML page) is reported by its status, and
// the page is not printed.
func TestNotAProblem(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Accept-Language"); got != "en" {
			t.Errorf("Accept-Language %q", got)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer jjg_test" {
			t.Errorf("Authorization %q", got)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><body>upstream down</body></html>"))
	}))
	defer ts.Close()
	_, err := runClient(t, "jjg_test", "-server", ts.URL, "-region", region, "-lang", "en")
	if err == nil || err.Error() != "502 Bad Gateway" {
		t.Fatalf("err = %v, want 502 Bad Gateway", err)
	}
}

// runClient runs the program with token as JENJANG_TOKEN and returns its standard output.
func runClient(t *testing.T, token string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, append(args, "-timeout", "20s"), func(k string) string {
		if k == "JENJANG_TOKEN" {
			return token
		}
		return ""
	}, &stdout, &stderr)
	if stderr.Len() > 0 {
		t.Logf("stderr: %s", stderr.String())
	}
	return stdout.String(), err
}

// section returns the block of out that starts with the line "title:", up to the next blank line.
func section(out, title string) string {
	_, rest, ok := strings.Cut(out, "\n"+title+":\n")
	if !ok {
		return ""
	}
	block, _, _ := strings.Cut(rest, "\n\n")
	return block + "\n"
}

// badCSV writes a file with one valid row (an employee of employees.csv) and two invalid ones, rows 3 and 4.
func badCSV(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bad.csv")
	const csv = "nip,nama,jenis_pegawai,golongan,tmt_golongan,pendidikan,jenis_jabatan,jabatan,jenjang,tmt_jabatan,unit_kerja,angka_kredit,predikat_2024,predikat_2025\n" +
		"19820314 200801 1 003,Budi Santoso,PNS,III/c,2022-04-01,S1,pelaksana,Pengadministrasi Keuangan,,2019-01-02,BPKAD,,baik,baik\n" +
		"19790510 200312 2 001,Dewi Lestari,PNS,III/f,2020-04-01,S1,pelaksana,Bendahara Pengeluaran,,2018-07-01,Dinas Pendidikan,,sangat baik,baik\n" +
		"19870762 201101 2 004,Siti Aminah,PNS,III/b,2022-10-01,S1,pelaksana,Pengelola Data Kesehatan,,2020-03-01,Dinas Kesehatan,,baik,baik\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// testServer is a jenjang server started by a test, with an admin token of the region.
type testServer struct {
	url, token string
}

// startServer builds cmd/jenjang, creates an admin token of the region with `jenjang token create` and starts
// `jenjang serve --demo` on a free loopback port with an empty plugin directory, so that the five demo regions
// exist and run the national baseline. It returns once /readyz answers 200; the server's process group is stopped
// when the test ends.
func startServer(t *testing.T) testServer {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute) // a cold build compiles SQLite
	defer cancel()

	bin := filepath.Join(dir, "jenjang")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/jenjang-asn/jenjang/cmd/jenjang").CombinedOutput(); err != nil {
		t.Fatalf("go build cmd/jenjang: %v\n%s", err, out)
	}
	env := serverEnv()
	db := filepath.Join(dir, "j.db")
	tok := exec.CommandContext(ctx, bin, "token", "create", "--db", db, "--region", region, "--role", "admin")
	tok.Env = env
	var tokErr bytes.Buffer
	tok.Stderr = &tokErr
	out, err := tok.Output()
	if err != nil {
		t.Fatalf("jenjang token create: %v\n%s", err, tokErr.String())
	}
	token := strings.TrimSpace(string(out))

	plugins := filepath.Join(dir, "plugins")
	if err := os.Mkdir(plugins, 0o755); err != nil {
		t.Fatal(err)
	}
	addrFile := filepath.Join(dir, "addr")
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--addr-file", addrFile, "--db", db,
		"--plugins", plugins, "--demo", "--log-level", "warn")
	cmd.Env = env
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		signalGroup(cmd, false)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			t.Errorf("jenjang serve did not stop on SIGTERM; killing it\n%s", logs)
			signalGroup(cmd, true)
			<-exited
		}
	})

	deadline := time.Now().Add(30 * time.Second)
	hc := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			t.Fatalf("jenjang serve exited: %v\n%s", err, logs)
		default:
		}
		if b, err := os.ReadFile(addrFile); err == nil {
			base := "http://" + strings.TrimSpace(string(b))
			if resp, err := hc.Get(base + "/readyz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return testServer{url: base, token: token}
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("jenjang serve not ready after 30s\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serverEnv is this process's environment without the JENJANG_* variables, which would change the server's
// configuration (a CI's JENJANG_DB, say).
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JENJANG_") {
			env = append(env, kv)
		}
	}
	return env
}

// syncBuffer collects a process's output, written from its own goroutines.
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
