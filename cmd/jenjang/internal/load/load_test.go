package load_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/demo"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/load"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// TestLoad runs the generator against the real server on the demo data, in this process so that the server's heap
// can be read after a garbage collection: no 5xx, every operation answered 2xx at least once, and neither the live
// heap nor the goroutine count grows with the length of the run (a run three times longer ends where a short one
// ended), which is what a per-request goroutine or an ever-growing cache would break.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		st := b.Open(t)
		seeded, err := demo.Seed(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		token := ""
		for _, r := range seeded {
			if r.Region == "kalianda" {
				token = r.Token
			}
		}
		srv := httptest.NewServer(api.NewServer(api.Deps{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		t.Cleanup(srv.Close)

		run := func(d time.Duration) *load.Report {
			t.Helper()
			rep, err := load.Run(ctx, load.Config{BaseURL: srv.URL, Token: token, Region: "kalianda", Duration: d, Clients: 8, ReadPercent: 70})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			rep.WriteText(&buf)
			t.Logf("%s run:\n%s", d, &buf)
			if n := rep.ServerErrors(); n > 0 {
				t.Errorf("%d answers were 5xx or missing", n)
			}
			for _, op := range rep.Ops {
				if op.OK() == 0 {
					t.Errorf("operation %s never succeeded: %v", op.Name, op.Statuses)
				}
			}
			return rep
		}
		run(time.Second) // warm-up: pools, prepared schemas, lazily built state
		heap0, g0 := settle(t)
		short := run(1500 * time.Millisecond)
		heap1, g1 := settle(t)
		long := run(4500 * time.Millisecond)
		heap2, g2 := settle(t)

		t.Logf("live heap after GC: warm %.2f MiB, after %d calls %.2f MiB, after %d more %.2f MiB; goroutines %d, %d, %d",
			mib(heap0), short.Overall.Calls, mib(heap1), long.Overall.Calls, mib(heap2), g0, g1, g2)
		if long.Overall.Calls < 2*short.Overall.Calls {
			t.Logf("the long run made only %d calls against %d: the comparison is weaker than meant", long.Overall.Calls, short.Overall.Calls)
		}
		// Generous: a collected heap moves by well under 100 KiB between these runs; a leak of a goroutine (≥ 8 KiB
		// of stack) or of 1 KiB per call shows as megabytes over the thousands of extra calls of the long run (a
		// 1 KiB-per-request leak planted in the middleware took the live heap from 6.4 to 10.0 MiB here).
		if limit := heap1 + max(heap1/8, 3<<19); heap2 > limit {
			t.Errorf("live heap grew with the run length: %.2f MiB after the short run, %.2f MiB after the long one (limit %.2f MiB)",
				mib(heap1), mib(heap2), mib(limit))
		}
		if g2 > g1+4 || g1 > g0+4 {
			t.Errorf("goroutines grew with the run length: %d, %d, %d", g0, g1, g2)
		}
	})
}

// settle waits for the connections of the last run to close, collects garbage, and returns the live heap and the
// goroutine count. A run ends by cancelling the requests in flight; on PostgreSQL pgx then closes each of their
// connections in the background (PgConn.asyncClose sends a cancel request and waits, at most 15 s, for the server to
// hang up), goroutines that end by themselves but may outlive two equal samples. They are waited for, not counted
// as a leak.
func settle(t *testing.T) (heap uint64, goroutines int) {
	t.Helper()
	prev := -1
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		g := runtime.NumGoroutine()
		if g == prev && !closingConns() {
			break
		}
		prev = g
		time.Sleep(100 * time.Millisecond)
	}
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, runtime.NumGoroutine()
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// closingConns reports whether a goroutine of pgx's background close of a cancelled connection is still running.
func closingConns() bool {
	buf := make([]byte, 1<<20)
	return bytes.Contains(buf[:runtime.Stack(buf, true)], []byte("pgconn.(*PgConn).asyncClose"))
}
