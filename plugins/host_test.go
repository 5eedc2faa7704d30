package plugins_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
)

var on = plugintest.On

func TestConformanceBaseline(t *testing.T) {
	plugintest.Run(t, bin("baseline"), "baseline")
}

func TestConformanceCustomPolicy(t *testing.T) {
	plugintest.Run(t, bin("custompolicy"), "contoh")
}

// kill sends SIGKILL to a plugin process. A pid ≤ 0 would signal a whole process group (the test's own, and
// whatever started it), so it fails the test instead.
func kill(t *testing.T, pid int) error {
	if pid <= 0 {
		t.Errorf("no plugin process to kill (pid %d)", pid)
		return syscall.ESRCH
	}
	return syscall.Kill(pid, syscall.SIGKILL)
}

// gone reports whether the process has exited and been reaped, waiting a little for the reaper.
func gone(pid int) bool {
	if pid <= 0 {
		return false // not a process: kill(0, …) would ask about the whole process group
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// install writes a plugin directory with the given manifest entries (binaries copied from bins) and returns it.
func install(t *testing.T, entries ...plugins.ManifestEntry) string {
	t.Helper()
	dir := t.TempDir()
	for i, e := range entries {
		src := bin(e.Binary)
		if _, err := os.Stat(src); err == nil {
			b, err := os.ReadFile(src)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, e.Binary), b, 0o755))
		}
		if e.SHA256 == "" {
			entries[i].SHA256, _ = plugins.FileSHA256(filepath.Join(dir, e.Binary))
		}
	}
	require.NoError(t, plugins.WriteManifest(dir, entries...))
	return dir
}

func TestOpenRefuses(t *testing.T) {
	script := func(dir string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "script.sh"), []byte("#!/bin/sh\necho 'not a plugin'\n"), 0o755))
	}
	zeros := "0000000000000000000000000000000000000000000000000000000000000000"
	cases := []struct {
		name    string
		entry   plugins.ManifestEntry
		prepare func(dir string)
		reason  error
	}{
		{"checksum differs", plugins.ManifestEntry{Region: "baseline", Binary: "baseline", SHA256: zeros}, nil, plugins.ErrChecksum},
		{"binary swapped after the manifest", plugins.ManifestEntry{Region: "baseline", Binary: "baseline"}, func(dir string) {
			b, _ := os.ReadFile(bin("trick"))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "baseline"), b, 0o755))
		}, plugins.ErrChecksum},
		{"protocol version 2", plugins.ManifestEntry{Region: "badproto", Binary: "badproto"}, nil, plugins.ErrProtocol},
		{"a Go program that is no plugin", plugins.ManifestEntry{Region: "notplugin", Binary: "notplugin"}, nil, plugins.ErrNotPlugin},
		{"a shell script", plugins.ManifestEntry{Region: "script", Binary: "script.sh", SHA256: zeros}, nil, plugins.ErrNotPlugin},
		{"missing file", plugins.ManifestEntry{Region: "ghost", Binary: "ghost", SHA256: zeros}, nil, plugins.ErrMissing},
		{"another region", plugins.ManifestEntry{Region: "kalianda", Binary: "baseline"}, nil, plugins.ErrMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.entry.Binary == "script.sh" {
				script(dir)
				c.entry.SHA256, _ = plugins.FileSHA256(filepath.Join(dir, "script.sh"))
			} else if b, err := os.ReadFile(bin(c.entry.Binary)); err == nil {
				require.NoError(t, os.WriteFile(filepath.Join(dir, c.entry.Binary), b, 0o755))
				if c.entry.SHA256 == "" {
					c.entry.SHA256, _ = plugins.FileSHA256(filepath.Join(dir, c.entry.Binary))
				}
			}
			require.NoError(t, plugins.WriteManifest(dir, c.entry))
			if c.prepare != nil {
				c.prepare(dir)
			}
			start := time.Now()
			h, err := plugins.Open(context.Background(), plugins.Config{Dir: dir, StartTimeout: 5 * time.Second})
			require.Error(t, err)
			assert.Nil(t, h)
			assert.ErrorIs(t, err, c.reason)
			var le *plugins.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, c.entry.Region, le.Region)
			assert.Contains(t, err.Error(), c.entry.Binary, "the error names the file")
			assert.Less(t, time.Since(start), 5*time.Second)
			t.Log(err)
		})
	}
}

func TestManifest(t *testing.T) {
	dir := install(t, plugins.ManifestEntry{Region: "trick", Name: "Trick", Binary: "trick"},
		plugins.ManifestEntry{Region: "baseline", Name: "Baseline", Binary: "baseline"})
	got, err := plugins.LoadManifest(dir)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "baseline", got[0].Region, "sorted by region")
	sum, err := plugins.FileSHA256(filepath.Join(dir, "trick"))
	require.NoError(t, err)
	assert.Equal(t, sum, got[1].SHA256)

	for name, body := range map[string]string{
		"path in binary": `[{"region":"x","name":"X","binary":"../x","sha256":"` + sum + `"}]`,
		"bad sha":        `[{"region":"x","name":"X","binary":"x","sha256":"abc"}]`,
		"duplicate":      `[{"region":"x","binary":"x","sha256":"` + sum + `"},{"region":"x","binary":"y","sha256":"` + sum + `"}]`,
		"national":       `[{"region":"national","binary":"x","sha256":"` + sum + `"}]`,
		"unknown field":  `[{"region":"x","binary":"x","sha256":"` + sum + `","extra":1}]`,
		"not json":       `{`,
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, plugins.ManifestFile), []byte(body), 0o644))
		_, err := plugins.LoadManifest(dir)
		assert.ErrorIs(t, err, plugins.ErrManifest, name)
	}
	none, err := plugins.LoadManifest(t.TempDir())
	assert.NoError(t, err)
	assert.Empty(t, none)
}

// trickCandidate returns a valid candidate whose name tells the trick plugin how to misbehave.
func trickCandidate(t *testing.T, name string) promotion.Candidate {
	c := plugintest.Candidates(1, 99, on)[0]
	c.Employee.Name = name
	return c
}

func TestCrashedPluginRestarts(t *testing.T) {
	p := plugintest.Load(t, bin("trick"), "trick")
	pid := p.PID()
	require.NotZero(t, pid)

	cands := append(plugintest.Candidates(10, 5, on), trickCandidate(t, "sleep"))
	go func() {
		time.Sleep(300 * time.Millisecond)
		_ = kill(t, pid)
	}()
	start := time.Now()
	_, err := p.AssessBatch(context.Background(), cands, on)
	require.Error(t, err)
	assert.Equal(t, career.Unavailable, career.ErrorCode(err), "%v", err)
	assert.Less(t, time.Since(start), 2*time.Second, "the call fails when the process dies, not at the deadline")
	assert.True(t, gone(pid))

	items, err := p.AssessBatch(context.Background(), cands[:10], on)
	require.NoError(t, err, "the next call restarts the plugin")
	assert.Len(t, items, 10)
	assert.NotEqual(t, pid, p.PID())
	assert.Equal(t, 2, p.Starts())
}

func TestPluginExitingMidCallRestarts(t *testing.T) {
	p := plugintest.Load(t, bin("trick"), "trick")
	_, err := p.Assess(context.Background(), trickCandidate(t, "exit"), on)
	assert.Equal(t, career.Unavailable, career.ErrorCode(err), "%v", err)
	d, err := p.Assess(context.Background(), trickCandidate(t, "ok"), on)
	require.NoError(t, err)
	assert.NotEmpty(t, d.Outcome)
}

func TestHungPluginTimesOutAndIsReplaced(t *testing.T) {
	p := plugintest.LoadConfig(t, bin("trick"), "trick", plugins.Config{Timeout: 500 * time.Millisecond})
	pid := p.PID()
	start := time.Now()
	_, err := p.Assess(context.Background(), trickCandidate(t, "hang"), on)
	took := time.Since(start)
	require.Error(t, err)
	assert.Equal(t, career.Timeout, career.ErrorCode(err), "%v", err)
	assert.GreaterOrEqual(t, took, 500*time.Millisecond)
	assert.Less(t, took, 2*time.Second)
	assert.True(t, gone(pid), "the hung process is killed")

	d, err := p.Assess(context.Background(), trickCandidate(t, "ok"), on)
	require.NoError(t, err, "the next call works with a fresh process")
	assert.NotEmpty(t, d.Outcome)
	assert.NotEqual(t, pid, p.PID())
}

func TestCloseKillsEveryPlugin(t *testing.T) {
	h := plugintest.Install(t, plugins.Config{}, map[string]string{"baseline": bin("baseline"), "trick": bin("trick"), "contoh": bin("custompolicy")})
	var pids []int
	for _, p := range h.Plugins() {
		require.NotZero(t, p.PID())
		pids = append(pids, p.PID())
	}
	// one plugin busy in a call when the host closes
	tp, _ := h.Plugin("trick")
	done := make(chan error, 1)
	go func() {
		_, err := tp.Assess(context.Background(), trickCandidate(t, "hang"), on)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, h.Close())
	for _, pid := range pids {
		assert.True(t, gone(pid), "pid %d still exists after Close", pid)
	}
	select {
	case err := <-done:
		assert.Error(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the call in flight did not end with Close")
	}
	_, err := tp.Assess(context.Background(), trickCandidate(t, "ok"), on)
	assert.Equal(t, career.Unavailable, career.ErrorCode(err))
	assert.NoError(t, h.Close(), "Close is idempotent")
}

func TestFloorBreakingDecisionIsAConflict(t *testing.T) {
	p := plugintest.Load(t, bin("trick"), "trick")
	c := trickCandidate(t, "floor")
	c.Employee.Position = career.Position{Title: "Pelaksana", Kind: career.Pelaksana}
	c.Employee.GradeTMT = on.AddYears(-3)
	if c.Employee.GradeTMT.Before(c.Employee.AppointedOn()) {
		c.Employee.Appointed = c.Employee.GradeTMT
	}
	items, err := p.AssessBatch(context.Background(), []promotion.Candidate{trickCandidate(t, "ok"), c}, on)
	require.NoError(t, err)
	require.NoError(t, items[0].Err)
	assert.Equal(t, career.PolicyConflict, career.ErrorCode(items[1].Err), "%v", items[1].Err)
	var fe *plugins.FloorError
	require.ErrorAs(t, items[1].Err, &fe)
	assert.Contains(t, fe.Codes(), "floor.promotion.min_years_in_grade")
	assert.Equal(t, career.Eligible, fe.Decision.Outcome)
	assert.Contains(t, career.ErrorMessage(items[1].Err), "floor.promotion.min_years_in_grade")
}

func TestPanicFailsOneItem(t *testing.T) {
	p := plugintest.Load(t, bin("trick"), "trick")
	pid := p.PID()
	items, err := p.AssessBatch(context.Background(), []promotion.Candidate{trickCandidate(t, "a"), trickCandidate(t, "panic"), trickCandidate(t, "b")}, on)
	require.NoError(t, err)
	assert.NoError(t, items[0].Err)
	assert.Equal(t, career.Internal, career.ErrorCode(items[1].Err))
	assert.Equal(t, "internal error", career.ErrorMessage(items[1].Err), "internal text is never shown")
	assert.NoError(t, items[2].Err)
	assert.Equal(t, pid, p.PID(), "the plugin survives")
}

// TestRoundTrip checks the converters end to end: every method of the baseline served as a plugin answers exactly
// what the in-process baseline answers (but for the region stamped on decisions).
func TestRoundTrip(t *testing.T) {
	p := plugintest.Load(t, bin("baseline"), "baseline")
	local := plugins.National()
	local.Info.Region, local.Info.Name = "baseline", "National baseline (test plugin)"
	ctx := context.Background()

	cands := plugintest.Candidates(2500, 31, on)
	remote, err := plugins.AssessAll(ctx, p, cands, on, 1000)
	require.NoError(t, err)
	inproc, err := plugins.AssessAll(ctx, local, cands, on, 1000)
	require.NoError(t, err)
	require.Len(t, remote, len(cands))
	for i := range cands {
		require.True(t, reflect.DeepEqual(inproc[i], remote[i]), "candidate %d:\nin process %+v\nplugin     %+v", i, inproc[i], remote[i])
	}

	es := plugintest.Employees(3, 37, on)
	ld, _ := plugins.National().Describe(ctx)
	rd, _ := p.Describe(ctx)
	assert.Equal(t, len(ld.Params), len(rd.Params))

	a := appraisalFor(es[0])
	r1, err1 := local.Evaluate(ctx, a)
	r2, err2 := p.Evaluate(ctx, a)
	require.NoError(t, err1)
	require.NoError(t, err2)
	assert.Equal(t, r1, r2)

	tr := career.TransferRequest{Employee: es[1], On: on, Personal: true,
		From: career.Place{Agency: "A", Province: "Lampung"}, To: career.Place{Agency: "B", Province: "Riau"},
		Kinerja: career.High, Potensial: career.Middle}
	d1, _ := local.CheckTransfer(ctx, tr)
	d2, err := p.CheckTransfer(ctx, tr)
	require.NoError(t, err)
	assert.Equal(t, d1, d2)
	assert.Equal(t, "7", d2.Details["talent_box"], "the talent grid crosses the wire")
}

func TestRegistry(t *testing.T) {
	h := plugintest.Install(t, plugins.Config{}, map[string]string{"contoh": bin("custompolicy")})
	r, err := plugins.NewRegistry(context.Background(), h, "lampung-selatan")
	require.NoError(t, err)
	var codes []string
	for _, x := range r.Regions() {
		codes = append(codes, x.Code)
	}
	assert.Equal(t, []string{"contoh", "lampung-selatan", "national"}, codes)
	x, ok := r.Lookup("contoh")
	require.True(t, ok)
	assert.True(t, x.Plugin)
	assert.Equal(t, "Kota Contoh", x.Description.Name)
	y, _ := r.Lookup("lampung-selatan")
	assert.False(t, y.Plugin)
	assert.Equal(t, "national", y.Description.Region)
	require.NoError(t, r.Ready(context.Background()))

	p, _ := h.Plugin("contoh")
	pid := p.PID()
	require.NoError(t, kill(t, pid))
	require.True(t, gone(pid))
	assert.NoError(t, r.Ready(context.Background()), "Ready restarts a dead plugin")
	assert.NotEqual(t, pid, p.PID())

	_, err = plugins.NewRegistry(context.Background(), h, "contoh")
	assert.Error(t, err, "a region bound both ways")
}

// TestHostEnvironmentNotPassed checks that a plugin does not inherit the host's environment — a secret in the
// host's environment stays there — while the handshake variables go-plugin needs do reach it.
func TestHostEnvironmentNotPassed(t *testing.T) {
	t.Setenv("JENJANG_TEST_SECRET", "s3cret")
	p := plugintest.Load(t, bin("trick"), "trick")
	env := func(name string) string {
		d, err := p.Assess(context.Background(), trickCandidate(t, "env:"+name), on)
		require.NoError(t, err)
		return d.Details["env"]
	}
	assert.Empty(t, env("JENJANG_TEST_SECRET"), "the host's environment reached the plugin")
	assert.Empty(t, env("JENJANG_TEST_POSTGRES"), "the host's environment reached the plugin")
	assert.Equal(t, "1", env("PLUGIN_PROTOCOL_VERSIONS"), "the handshake must reach the plugin")
}

// TestAssessEachStops checks that a consumer that stops a stream part-way gets its own error back at once, with
// the batches still in flight cancelled (a slow one among them), and that the plugin is not blamed for it: it
// answers the next call, not restarted.
func TestAssessEachStops(t *testing.T) {
	var mu sync.Mutex
	var canceled int
	p := plugintest.LoadConfig(t, bin("trick"), "trick", plugins.Config{Observe: func(_, method string, _ time.Duration, err error) {
		if method == "AssessPromotions" && errors.Is(err, context.Canceled) {
			mu.Lock()
			canceled++
			mu.Unlock()
		}
	}})
	starts := p.Starts()
	cands := plugintest.Candidates(5000, 17, on)
	cands[1200] = trickCandidate(t, "sleep") // in the third batch, in flight when the consumer stops: 2 s
	stop := errors.New("the client went away")
	seen := 0
	start := time.Now()
	err := plugins.AssessEach(context.Background(), p, slices.Values(cands), on, 500, func(o plugins.Outcome) error {
		if o.NIP != cands[seen].Employee.NIP {
			return fmt.Errorf("outcome %d is about %s, want %s", seen, o.NIP, cands[seen].Employee.NIP)
		}
		seen++
		if seen == 700 { // in the second batch, with more in flight
			return stop
		}
		return nil
	})
	took := time.Since(start)
	require.ErrorIs(t, err, stop)
	assert.Equal(t, 700, seen, "nothing is handed on after the consumer stops")
	assert.Less(t, took, time.Second, "the slow batch in flight was cancelled, not waited for")
	mu.Lock()
	assert.Positive(t, canceled, "a call in flight was cancelled")
	mu.Unlock()

	out, err := plugins.AssessAll(context.Background(), p, cands[:1200], on, 500)
	require.NoError(t, err)
	require.Len(t, out, 1200)
	assert.Equal(t, starts, p.Starts(), "the plugin was not restarted")
}

// TestObserve checks that Config.Observe hears of every call with its method, duration and typed error — a
// success, a plugin that exits mid-call (unavailable) and one that hangs (timeout) — and Config.Refused of every
// answer the host refused: a decision breaking a floor (conflict) and one outside the protocol (malformed).
func TestObserve(t *testing.T) {
	type call struct {
		region, method string
		took           time.Duration
		code           career.Code
		err            error
	}
	var mu sync.Mutex
	var calls []call
	var refused []string
	cfg := plugins.Config{Timeout: 500 * time.Millisecond,
		Observe: func(region, method string, took time.Duration, err error) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, call{region, method, took, career.ErrorCode(err), err})
		},
		Refused: func(region, method, reason string) {
			mu.Lock()
			defer mu.Unlock()
			refused = append(refused, region+" "+method+" "+reason)
		}}
	p := plugintest.LoadConfig(t, bin("trick"), "trick", cfg)
	mu.Lock()
	calls = nil // the calls of loading (Describe) are not this test's
	mu.Unlock()

	floor := trickCandidate(t, "floor")
	floor.Employee.Position = career.Position{Title: "Pelaksana", Kind: career.Pelaksana}
	floor.Employee.GradeTMT = on.AddYears(-3)
	if floor.Employee.GradeTMT.Before(floor.Employee.AppointedOn()) {
		floor.Employee.Appointed = floor.Employee.GradeTMT
	}
	items, err := p.AssessBatch(context.Background(), []promotion.Candidate{floor, trickCandidate(t, "malformed"), trickCandidate(t, "ok")}, on)
	require.NoError(t, err)
	assert.Equal(t, career.PolicyConflict, career.ErrorCode(items[0].Err), "%v", items[0].Err)
	assert.Equal(t, career.Internal, career.ErrorCode(items[1].Err), "%v", items[1].Err)
	assert.NoError(t, items[2].Err)
	mu.Lock()
	assert.Equal(t, []string{"trick AssessPromotions conflict", "trick AssessPromotions malformed"}, refused)
	require.Len(t, calls, 1)
	assert.NoError(t, calls[0].err, "the plugin answered; what it answered is Refused's to tell")
	calls = nil
	mu.Unlock()

	_, err = p.Assess(context.Background(), trickCandidate(t, "ok"), on)
	require.NoError(t, err)
	_, err = p.Assess(context.Background(), trickCandidate(t, "exit"), on)
	require.Error(t, err)
	_, err = p.Assess(context.Background(), trickCandidate(t, "hang"), on)
	require.Error(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, calls, 3)
	for _, c := range calls {
		assert.Equal(t, "trick", c.region)
		assert.Equal(t, "AssessPromotions", c.method)
		assert.Positive(t, c.took)
	}
	assert.NoError(t, calls[0].err)
	assert.Equal(t, career.Unavailable, calls[1].code, "%v", calls[1].err)
	assert.Equal(t, career.Timeout, calls[2].code, "%v", calls[2].err)
	assert.GreaterOrEqual(t, calls[2].took, 500*time.Millisecond, "a hung call is observed when its deadline ends it")
}
