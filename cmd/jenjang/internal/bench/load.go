// Package bench measures the reference server: bulk import against bare bulk writes, and HTTP routes under
// concurrent load against the database calls beneath them. The benchmarks are in *_test.go; this file holds the
// small load generator they share (goroutines with a keep-alive http.Client, every latency kept, percentiles
// computed) and a heap sampler. Run them with:
//
//	JENJANG_TEST_POSTGRES=postgres://… go test -run '^$' -bench . -benchtime 1x ./cmd/jenjang/internal/bench/
package bench

import (
	"context"
	"net/http"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Stats is the outcome of a load run.
type Stats struct {
	Requests int           // calls that succeeded
	Errors   int           // calls that failed
	Elapsed  time.Duration // wall time of the run
	P50, P99 time.Duration // latency percentiles of the successful calls
	Max      time.Duration
	FirstErr error
}

// PerSecond is the rate of successful calls.
func (s Stats) PerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Requests) / s.Elapsed.Seconds()
}

// Run calls do from clients goroutines, each in a loop, until d has passed or ctx ends, and measures every call.
// worker is the goroutine's number and i its call count, so that do can vary its input without sharing state.
func Run(ctx context.Context, clients int, d time.Duration, do func(ctx context.Context, worker, i int) error) Stats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu       sync.Mutex
		all      []time.Duration
		errs     atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			for i := 0; ctx.Err() == nil; i++ {
				t0 := time.Now()
				err := do(ctx, w, i)
				if ctx.Err() != nil {
					break // a call cut by the deadline is not counted
				}
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	s := Stats{Requests: len(all), Errors: int(errs.Load()), Elapsed: time.Since(start)}
	if e, ok := firstErr.Load().(error); ok {
		s.FirstErr = e
	}
	if len(all) > 0 {
		slices.Sort(all)
		s.P50, s.P99, s.Max = percentile(all, 0.50), percentile(all, 0.99), all[len(all)-1]
	}
	return s
}

// percentile returns the q-quantile of sorted latencies (nearest rank).
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// Client returns an HTTP client that keeps a connection per concurrent client alive.
func Client(clients int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = clients*2, clients*2
	return &http.Client{Transport: t, Timeout: time.Minute}
}

// HeapSampler samples the bytes of live heap objects (runtime/metrics, no stop-the-world) while it runs, to find
// the peak of an operation.
type HeapSampler struct {
	stop chan struct{}
	done chan struct{}
	peak atomic.Uint64
	base uint64
}

// StartHeapSampler collects garbage, notes the heap as the base and samples every interval until Stop.
func StartHeapSampler(interval time.Duration) *HeapSampler {
	runtime.GC()
	h := &HeapSampler{stop: make(chan struct{}), done: make(chan struct{}), base: heapObjects()}
	h.peak.Store(h.base)
	go func() {
		defer close(h.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				if v := heapObjects(); v > h.peak.Load() {
					h.peak.Store(v)
				}
			}
		}
	}()
	return h
}

// Stop ends sampling and returns the peak live heap above the base, in bytes.
func (h *HeapSampler) Stop() uint64 {
	close(h.stop)
	<-h.done
	if v := heapObjects(); v > h.peak.Load() {
		h.peak.Store(v)
	}
	return h.peak.Load() - h.base
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapObjects() uint64 {
	s := slices.Clone(heapSample)
	metrics.Read(s)
	return s[0].Value.Uint64()
}
