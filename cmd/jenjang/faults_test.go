package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
)

// Proof under stress: the server and the CLI under faults, with real processes. Each test stops what it starts
// (t.Cleanup kills children, drops clusters, unmounts), whatever its outcome.

// TestFaultKillImport kills `jenjang import` with SIGKILL while it writes a 50,000-row file, then checks that the
// database holds none of the rows and no import audit event, that its migrations are intact, that `jenjang migrate`
// opens it cleanly (SQLite: the WAL left behind is recovered) and that the same import then runs to completion (no
// lock or half-written row of the dead process is in its way).
func TestFaultKillImport(t *testing.T) {
	bin := buildJenjang(t)
	file := filepath.Join(t.TempDir(), "pegawai.csv")
	const rows = 50000
	if err := importtest.CSVFile(file, rows); err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		start := time.Now()
		env := []string{"JENJANG_DB=" + b.DSN}
		out, err := exec.CommandContext(t.Context(), bin, "migrate", "--db", b.DSN).CombinedOutput()
		if err != nil {
			t.Fatalf("migrate: %v\n%s", err, out)
		}
		st := openDB(t, b.DSN)
		if err := st.PutRegion(t.Context(), st.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
			t.Fatal(err)
		}
		migrations := countRows(t, st, "bun_migrations", "", "")
		st.Close()

		lines := make(chan string, 100)
		p := startProc(t, bin, env, lines, "import", "--region", "kalianda", "--progress-every", "1000", file)
		killedAt := ""
	read:
		for {
			select {
			case line := <-lines:
				if m := regexp.MustCompile(`^writing: ([\d,]+) rows`).FindStringSubmatch(line); m != nil && m[1] != "0" {
					p.kill()
					killedAt = m[1]
					break read
				}
			case <-p.done:
				t.Fatalf("import ended before it was killed: %v\n%s", p.err, p.stderr)
			case <-time.After(30 * time.Second):
				t.Fatalf("no write progress after 30s\n%s", p.stderr)
			}
		}
		if err := p.wait(t, 10*time.Second); !killedBySignal(err) {
			t.Fatalf("import was not killed: %v\n%s%s", err, p.stdout, p.stderr)
		}
		t.Logf("%s: killed after %s rows written", b.Name, killedAt)
		if b.Name == "sqlite" {
			path := strings.TrimPrefix(b.DSN, "file:")
			if fi, err := os.Stat(path + "-wal"); err == nil {
				t.Logf("WAL left behind: %d bytes", fi.Size())
			}
		}

		// The database as the dead process left it: nothing of the import.
		st = openDB(t, b.DSN)
		if n := countRows(t, st, "employees", "kalianda", ""); n != 0 {
			t.Errorf("%d employees after a killed import; want 0 (all or nothing)", n)
		}
		if n := countRows(t, st, "predicates", "kalianda", ""); n != 0 {
			t.Errorf("%d predicates after a killed import; want 0", n)
		}
		if n := countRows(t, st, "audit_events", "kalianda", "action = ?", "employee.import"); n != 0 {
			t.Errorf("%d import audit events after a killed import; want 0", n)
		}
		if n := countRows(t, st, "bun_migrations", "", ""); n != migrations {
			t.Errorf("migrations table has %d rows after the kill, %d before", n, migrations)
		}
		if st.Dialect() == store.SQLite {
			var res string
			if err := st.DB().QueryRowContext(t.Context(), "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
				t.Errorf("integrity_check = %q, %v", res, err)
			}
		}
		st.Close()

		// migrate opens it cleanly and finds nothing to do; the same import then completes.
		out, err = exec.CommandContext(t.Context(), bin, "migrate", "--db", b.DSN).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "database is up to date") {
			t.Fatalf("migrate after the kill: %v\n%s", err, out)
		}
		p = startProc(t, bin, env, nil, "import", "--region", "kalianda", "--progress-every", "0", file)
		if err := p.wait(t, 45*time.Second); err != nil {
			t.Fatalf("import after the kill: %v\n%s%s", err, p.stdout, p.stderr)
		}
		st = openDB(t, b.DSN)
		defer st.Close()
		if n := countRows(t, st, "employees", "kalianda", ""); n != rows {
			t.Errorf("%d employees after the second import; want %d", n, rows)
		}
		if n := countRows(t, st, "audit_events", "kalianda", "action = ?", "employee.import"); n != 1 {
			t.Errorf("%d import audit events; want 1", n)
		}
		t.Logf("%s: %s", b.Name, time.Since(start).Round(time.Millisecond))
	})
}

func openDB(t *testing.T, dsn string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestFaultPluginKilledDuringEligibility serves a region bound to the real Kalianda plugin binary, starts a
// region-wide eligibility run over 10,000 employees, kills the plugin process with SIGKILL once the answer has
// started, and checks that the client cannot take the answer for a complete one (the transfer is cut short and the
// body ends with an error instead of a summary), that the next run is complete, and that no plugin process is left
// once the server stops.
func TestFaultPluginKilledDuringEligibility(t *testing.T) {
	start := time.Now()
	pluginBin := plugintest.Build(t, "github.com/jenjang-asn/jenjang/plugins/kalianda")
	dir, err := filepath.Abs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := copyExecutable(pluginBin, filepath.Join(dir, "kalianda")); err != nil {
		t.Fatal(err)
	}
	sum, err := plugins.FileSHA256(filepath.Join(dir, "kalianda"))
	if err != nil {
		t.Fatal(err)
	}
	if err := plugins.WriteManifest(dir, plugins.ManifestEntry{Region: "kalianda", Name: "Kabupaten Kalianda", Binary: "kalianda", SHA256: sum}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, pid := range processesUnder(dir) { // only if the server failed to stop them; the test fails then
			syscall.Kill(pid, syscall.SIGKILL)
		}
	})

	db := storetest.SQLite(t).DSN
	file := filepath.Join(t.TempDir(), "pegawai.csv")
	const n = 10000
	if err := importtest.CSVFile(file, n); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runCmd(t, nil, "import", "--db", db, "--region", "kalianda", "--region-name", "Kabupaten Kalianda", "--progress-every", "0", file); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	st := openDB(t, db)
	if err := st.PutRegion(t.Context(), st.DB(), store.Region{Code: "kalianda", Name: "Kabupaten Kalianda", Policy: "kalianda"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, _, err := runCmd(t, nil, "token", "create", "--db", db, "--region", "kalianda", "--role", "admin")
	if err != nil {
		t.Fatal(err)
	}
	admin := strings.TrimSpace(out)
	t.Logf("set-up %s", time.Since(start).Round(time.Millisecond))

	base, stderr, stop := startServeArgs(t, db, "--plugins", dir)
	url := base + "/v1/regions/kalianda/promotions/eligibility?date=2026-01-01"
	complete := regexp.MustCompile(`"summary":\{[^}]*\}\}\n$`)

	// A whole run first: the plugin answers for everyone.
	t0 := time.Now()
	a := do(t.Context(), http.MethodGet, url, admin, "", 45*time.Second)
	if a.err != nil || a.status != 200 || !complete.MatchString(a.body) || strings.Count(a.body, `"nip":`) != n {
		t.Fatalf("first run: %d %v, %d rows, tail %q\n%s", a.status, a.err, strings.Count(a.body, `"nip":`), tail(a.body), stderr)
	}
	t.Logf("a complete run of %d employees: %s", n, time.Since(t0).Round(time.Millisecond))
	pids := processesUnder(dir)
	if len(pids) != 1 {
		t.Fatalf("plugin processes = %v, want one", pids)
	}

	// stream starts a run, reads its first row (the status is sent once the first batch is judged), calls fault,
	// then reads the rest of the answer.
	stream := func(fault func()) (body string, readErr error) {
		ctx, cancel := context.WithTimeout(t.Context(), 45*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		br := bufio.NewReader(resp.Body)
		first, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("first row: %v", err)
		}
		fault()
		rest, readErr := io.ReadAll(br)
		return first + string(rest), readErr
	}
	// truncated checks that a failed run cannot pass for a complete one.
	truncated := func(what, body string, readErr error) {
		t.Helper()
		if readErr == nil {
			t.Errorf("%s: the failed run was a complete HTTP transfer; a client could take it for the whole answer", what)
		} else if !errors.Is(readErr, io.ErrUnexpectedEOF) {
			t.Errorf("%s: read error %v; want an unexpected EOF (the chunked body cut short)", what, readErr)
		}
		if strings.Contains(body, `"summary"`) || strings.Count(body, `"nip":`) >= n {
			t.Errorf("%s: the failed run has a summary or every row: %q", what, tail(body))
		}
		if !strings.Contains(body, `"error":{`) || !strings.Contains(body, `"code":"unavailable"`) {
			t.Errorf("%s: the answer does not end with an unavailable problem: %q", what, tail(body))
		}
	}

	// One kill mid-run. The plugin spends most of a run idle between batch calls (the database work dominates), so
	// the supervisor usually replaces it before the next call and the run completes, correctly; if the kill hits a
	// call in flight, the run must fail detectably. Either is right; nothing in between is.
	body, readErr := stream(func() {
		if err := syscall.Kill(pids[0], syscall.SIGKILL); err != nil {
			t.Fatalf("kill plugin %d: %v", pids[0], err)
		}
	})
	rows := strings.Count(body, `"nip":`)
	if readErr == nil && complete.MatchString(body) && rows == n {
		t.Logf("one kill: the supervisor replaced the plugin between batches; the run completed (%d rows)", rows)
	} else {
		t.Logf("one kill: the run failed after %d rows (%v)", rows, readErr)
		truncated("one kill", body, readErr)
	}

	// A plugin that keeps dying: every instance is killed as soon as it appears, until the run gives up. The run
	// must fail detectably.
	var killed atomic.Int32
	stopKiller := make(chan struct{})
	killerDone := make(chan struct{})
	body, readErr = stream(func() {
		go func() {
			defer close(killerDone)
			for {
				for _, pid := range processesUnder(dir) {
					if syscall.Kill(pid, syscall.SIGKILL) == nil {
						killed.Add(1)
					}
				}
				select {
				case <-stopKiller:
					return
				case <-time.After(time.Millisecond):
				}
			}
		}()
	})
	close(stopKiller)
	<-killerDone
	t.Logf("plugin killed %d times; the run failed after %d rows (%v), tail %q", killed.Load(), strings.Count(body, `"nip":`), readErr, tail(body))
	truncated("crash loop", body, readErr)

	// The next run is complete: the supervisor restarted the plugin.
	a = do(t.Context(), http.MethodGet, url, admin, "", 45*time.Second)
	if a.err != nil || a.status != 200 || !complete.MatchString(a.body) || strings.Count(a.body, `"nip":`) != n {
		t.Fatalf("run after the kill: %d %v, %d rows, tail %q\n%s", a.status, a.err, strings.Count(a.body, `"nip":`), tail(a.body), stderr)
	}
	after := processesUnder(dir)
	if len(after) != 1 || after[0] == pids[0] {
		t.Errorf("plugin processes after the restart = %v (first killed %d)", after, pids[0])
	}

	// The metrics tell the story: calls that succeeded, calls that found the plugin dead, the restarts, and a
	// plugin up again.
	m := do(t.Context(), http.MethodGet, base+"/metrics", "", "", 10*time.Second)
	if m.status != 200 {
		t.Fatalf("/metrics: %d %v", m.status, m.err)
	}
	metric := func(name string) float64 {
		t.Helper()
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`)
		got := re.FindStringSubmatch(m.body)
		if got == nil {
			t.Errorf("/metrics has no %s", name)
			return 0
		}
		v, err := strconv.ParseFloat(got[1], 64)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return v
	}
	if v := metric(`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="ok"}`); v < 2*n/plugins.DefaultBatchSize {
		t.Errorf("successful AssessPromotions calls = %v, want at least the %d of two complete runs", v, 2*n/plugins.DefaultBatchSize)
	}
	if v := metric(`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="unavailable"}`); v < 1 {
		t.Errorf("unavailable calls = %v, want at least one (the crash loop)", v)
	}
	if v := metric(`jenjang_plugin_starts_total{region="kalianda"}`); v < 2 {
		t.Errorf("plugin starts = %v, want restarts counted", v)
	}
	if v := metric(`jenjang_plugin_up{region="kalianda"}`); v != 1 {
		t.Errorf("plugin up = %v, want 1", v)
	}
	if v := metric(`jenjang_plugin_call_duration_seconds_count{method="AssessPromotions",region="kalianda"}`); v < 2*n/plugins.DefaultBatchSize {
		t.Errorf("call durations observed = %v", v)
	}

	// No plugin process outlives the server.
	stop()
	deadline := time.Now().Add(5 * time.Second)
	for len(processesUnder(dir)) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if left := processesUnder(dir); len(left) > 0 {
		t.Errorf("plugin processes left after the server stopped: %v", left)
	}
	t.Logf("total %s", time.Since(start).Round(time.Millisecond))
}

func tail(s string) string {
	if len(s) > 300 {
		return s[len(s)-300:]
	}
	return s
}

func copyExecutable(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}

// privateCluster creates and starts a PostgreSQL 15 cluster of its own on a free loopback port (the shared cluster
// of the other tests must never be restarted), dropped when t ends. Without the Debian postgresql-common tools, or
// without root, it skips t loudly, or fails it when CI is set.
func privateCluster(t *testing.T) (name string, port int, dsn string) {
	t.Helper()
	var missing []string
	for _, tool := range []string{"pg_createcluster", "pg_ctlcluster", "pg_dropcluster"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 || os.Geteuid() != 0 {
		msg := fmt.Sprintf("PostgreSQL restart test NOT RUN: needs root and %v (missing: %v)", "postgresql-common", missing)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	name = fmt.Sprintf("jj%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	port = freePort(t)
	pg := func(args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if out, err := exec.CommandContext(ctx, "pg_dropcluster", "--stop", "15", name).CombinedOutput(); err != nil {
			t.Errorf("pg_dropcluster %s: %v\n%s", name, err, out)
		}
	})
	pg("pg_createcluster", "15", name, "-p", fmt.Sprint(port), "--", "--auth=trust")
	pg("pg_ctlcluster", "15", name, "start")
	return name, port, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
}

// TestFaultPostgresRestart runs `jenjang serve` on a private PostgreSQL cluster and stops and starts the cluster
// under load: while it is down every answer is a 503 problem with no driver text (never a 500, never a hang past
// the client's timeout), and once it is back the same server process answers again: the pool drops the dead
// connections by itself.
func TestFaultPostgresRestart(t *testing.T) {
	start := time.Now()
	name, _, dsn := privateCluster(t)
	t.Logf("cluster %s up in %s", name, time.Since(start).Round(time.Millisecond))
	base, stderr, stop := startServeArgs(t, dsn)
	defer stop()
	m := regexp.MustCompile(`initial national admin token: (jjg_\S+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("no admin token:\n%s", stderr)
	}
	admin := m[1]
	st := openDB(t, dsn)
	if err := st.PutRegion(t.Context(), st.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	const timeout = 10 * time.Second
	type result struct {
		at   time.Time
		what string
		a    answer
		took time.Duration
	}
	var (
		mu      sync.Mutex
		results []result
		seq     atomic.Int64
	)
	// One employee read by NIP, from the moment the cluster goes down: that read runs a prepared statement, first
	// prepared while the database is away, which must not stick as a failure once it is back.
	known := importtest.Row(0)[0]
	down := make(chan struct{})
	if a := do(t.Context(), http.MethodPost, base+"/v1/regions/kalianda/employees", admin, employeeJSON(known), timeout); a.status != 201 {
		t.Fatalf("POST employee: %d %v %.200s", a.status, a.err, a.body)
	}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			if w == 3 {
				select {
				case <-down:
				case <-ctx.Done():
					return
				}
			}
			for ctx.Err() == nil {
				var what string
				var a answer
				t0 := time.Now()
				switch w {
				case 3:
					what = "GET employee"
					a = do(t.Context(), http.MethodGet, base+"/v1/regions/kalianda/employees/"+known, admin, "", timeout)
				case 0:
					i := int(seq.Add(1))
					what = "POST employee"
					a = do(t.Context(), http.MethodPost, base+"/v1/regions/kalianda/employees", admin, employeeJSON(importtest.Row(i)[0]), timeout)
				case 1:
					what = "GET employees"
					a = do(t.Context(), http.MethodGet, base+"/v1/regions/kalianda/employees?limit=5", admin, "", timeout)
				case 2:
					what = "GET readyz"
					a = do(t.Context(), http.MethodGet, base+"/readyz", "", "", timeout)
				}
				mu.Lock()
				results = append(results, result{t0, what, a, time.Since(t0)})
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
	ctl := func(args ...string) {
		t.Helper()
		c, cl := context.WithTimeout(t.Context(), 60*time.Second)
		defer cl()
		if out, err := exec.CommandContext(c, "pg_ctlcluster", append([]string{"15", name}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("pg_ctlcluster %v: %v\n%s", args, err, out)
		}
	}
	time.Sleep(time.Second)
	downAt := time.Now()
	ctl("stop", "-m", "fast")
	close(down)
	time.Sleep(1500 * time.Millisecond)
	upAt := time.Now()
	ctl("start")
	startedAt := time.Now()

	// Recovery: a request succeeds again within a few seconds, without restarting the server.
	var recovered time.Duration
	for {
		a := do(t.Context(), http.MethodGet, base+"/v1/regions/kalianda/employees?limit=5", admin, "", timeout)
		b := do(t.Context(), http.MethodGet, base+"/v1/regions/kalianda/employees/"+known, admin, "", timeout)
		if a.status == 200 && b.status == 200 {
			recovered = time.Since(startedAt)
			break
		}
		if time.Since(startedAt) > 15*time.Second {
			t.Fatalf("no successful request 15s after the cluster started again: %d %v %.200s", a.status, a.err, a.body)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second)
	steadyFrom := time.Now()
	time.Sleep(time.Second)
	cancel()
	wg.Wait()

	byKind := map[string]int{}
	unavailable := 0
	for _, r := range results {
		key := fmt.Sprintf("%s %d", r.what, r.a.status)
		byKind[key]++
		switch {
		case r.a.err != nil:
			t.Errorf("%s at +%s: no answer after %s: %v", r.what, r.at.Sub(downAt).Round(time.Millisecond), r.took, r.a.err)
		case r.took > timeout:
			t.Errorf("%s took %s", r.what, r.took)
		case r.a.status < 300:
		case r.what == "GET readyz":
			if r.a.status != 503 {
				t.Errorf("readyz %d: %.200s", r.a.status, r.a.body)
			}
			unavailable++
		default:
			checkProblem(t, r.what, r.a, 503)
			unavailable++
		}
		if r.at.After(steadyFrom) && r.a.status >= 300 {
			t.Errorf("%s failed after recovery: %d %.200s", r.what, r.a.status, r.a.body)
		}
		if r.at.Before(downAt) && r.a.status >= 300 {
			t.Errorf("%s failed before the restart: %d %.200s", r.what, r.a.status, r.a.body)
		}
	}
	if unavailable == 0 {
		t.Error("no request failed while the cluster was down; the test proved nothing")
	}
	t.Logf("down %s (stop took %s); recovered %s after start; answers: %v", startedAt.Sub(downAt).Round(time.Millisecond),
		upAt.Sub(downAt).Round(time.Millisecond), recovered.Round(time.Millisecond), byKind)
	if strings.Contains(stderr.String(), "level=ERROR msg=\"internal error\"") {
		t.Errorf("the server logged internal errors:\n%s", stderr)
	}
	t.Logf("total %s", time.Since(start).Round(time.Millisecond))
}

// employeeJSON is a valid new employee with the given NIP.
func employeeJSON(nip string) string {
	return `{"nip":"` + nip + `","name":"Siti Rahmawati","grade":"III/a","grade_tmt":"2020-04-01","education":"S1",` +
		`"position":{"title":"Pengadministrasi Umum","kind":"pelaksana","field":"administrasi"},"position_tmt":"2021-01-04",` +
		`"unit":"Dinas Kesehatan","agency":"Pemerintah Kabupaten Kalianda"}`
}

// TestFaultSQLiteLocation starts `jenjang serve` (the real binary) on SQLite locations it cannot use and checks that
// it exits at once, non-zero, with a message naming the path and the reason, instead of starting and failing later.
func TestFaultSQLiteLocation(t *testing.T) {
	bin := buildJenjang(t)
	serve := func(t *testing.T, path string, want ...string) {
		t.Helper()
		t0 := time.Now()
		p := startProc(t, bin, nil, nil, "serve", "--addr", "127.0.0.1:0", "--db", "file:"+path)
		err := p.wait(t, 20*time.Second)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() == 0 {
			t.Fatalf("serve on %s: %v, want a non-zero exit\n%s", path, err, p.stderr)
		}
		msg := p.stderr.String()
		for _, w := range append([]string{path}, want...) {
			if !strings.Contains(msg, w) {
				t.Errorf("serve on %s: the message does not say %q:\n%s", path, w, msg)
			}
		}
		if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
			t.Errorf("serve crashed:\n%s", msg)
		}
		t.Logf("%s (%s)", strings.TrimSpace(msg), time.Since(t0).Round(time.Millisecond))
	}
	t.Run("parent is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "data")
		if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		serve(t, filepath.Join(file, "jenjang.db"), file+" is not a directory")
	})
	t.Run("missing directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nope", "deeper")
		serve(t, filepath.Join(dir, "jenjang.db"), "directory "+dir+" does not exist")
	})
	t.Run("read-only file system", func(t *testing.T) {
		// chmod does not stop root: a read-only bind mount does.
		src := t.TempDir()
		ro := mount(t, "--bind", "-o", "ro", src)
		serve(t, filepath.Join(ro, "jenjang.db"), "read-only file system")
	})
	t.Run("read-only existing database", func(t *testing.T) {
		src := t.TempDir()
		if out, err := exec.CommandContext(t.Context(), bin, "migrate", "--db", filepath.Join(src, "jenjang.db")).CombinedOutput(); err != nil {
			t.Fatalf("migrate: %v\n%s", err, out)
		}
		ro := mount(t, "--bind", "-o", "ro", src)
		serve(t, filepath.Join(ro, "jenjang.db"), "read-only file system")
	})
	t.Run("full disk", func(t *testing.T) {
		dir := mount(t, "-t", "tmpfs", "-o", "size=1m", "tmpfs")
		fill(t, dir)
		serve(t, filepath.Join(dir, "jenjang.db"), "no space left")
	})
	t.Run("full disk, existing database", func(t *testing.T) {
		dir := mount(t, "-t", "tmpfs", "-o", "size=1m", "tmpfs")
		if out, err := exec.CommandContext(t.Context(), bin, "migrate", "--db", filepath.Join(dir, "jenjang.db")).CombinedOutput(); err != nil {
			t.Fatalf("migrate: %v\n%s", err, out)
		}
		fill(t, dir)
		serve(t, filepath.Join(dir, "jenjang.db"), "no space left")
	})
}

// TestFaultDiskFillsWhileServing fills the file system of a running server's SQLite database: writes then fail with
// a 507 problem (no driver text), reads keep working, and writes work again once space is freed, without a restart.
func TestFaultDiskFillsWhileServing(t *testing.T) {
	start := time.Now()
	dir := mount(t, "-t", "tmpfs", "-o", "size=2m", "tmpfs")
	db := "file:" + filepath.Join(dir, "jenjang.db")
	base, stderr, stop := startServeArgs(t, db)
	defer stop()
	m := regexp.MustCompile(`initial national admin token: (jjg_\S+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("no admin token:\n%s", stderr)
	}
	admin := m[1]
	st := openDB(t, db)
	if err := st.PutRegion(t.Context(), st.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	emps := base + "/v1/regions/kalianda/employees"
	i := 0
	post := func() answer {
		i++
		return do(t.Context(), http.MethodPost, emps, admin, employeeJSON(importtest.Row(i)[0]), 10*time.Second)
	}
	if a := post(); a.status != 201 {
		t.Fatalf("POST before the disk filled: %d %s", a.status, a.body)
	}

	filler := fill(t, dir)
	// SQLite may still fit a few rows in pages and WAL frames it has; keep writing until it runs out.
	var failed answer
	accepted := 0
	for range 2000 {
		a := post()
		if a.status == 201 {
			accepted++
			continue
		}
		failed = a
		break
	}
	if failed.status == 0 {
		t.Fatalf("2,000 writes fit on a full disk?")
	}
	checkProblem(t, "POST on a full disk", failed, http.StatusInsufficientStorage)
	t.Logf("full disk: %d more writes fit, then %d %s", accepted, failed.status, failed.body)
	for range 3 {
		checkProblem(t, "POST on a full disk", post(), http.StatusInsufficientStorage)
	}
	if a := do(t.Context(), http.MethodGet, emps+"?limit=5", admin, "", 10*time.Second); a.status != 200 {
		t.Errorf("GET on a full disk: %d %.300s", a.status, a.body)
	}
	if a := do(t.Context(), http.MethodGet, base+"/readyz", "", "", 10*time.Second); a.status != 200 {
		t.Logf("readyz on a full disk: %d %.300s", a.status, a.body)
	}

	// Space comes back: writes work again on the same server.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if a := post(); a.status != 201 {
		t.Errorf("POST after space was freed: %d %.300s", a.status, a.body)
	}
	if strings.Contains(stderr.String(), `msg="internal error"`) {
		t.Errorf("the server logged internal errors:\n%s", stderr)
	}
	t.Logf("total %s", time.Since(start).Round(time.Millisecond))
}
