package load

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// histogram counts latencies in logarithmic buckets, each 2% wider than the one before, from 1 µs to about 10
// minutes: percentiles are within 2% and its memory does not grow with the length of a run, so that a long run
// measures the server, not the generator's own bookkeeping. It is safe for concurrent use.
type histogram struct {
	buckets [histBuckets]atomic.Uint64
	count   atomic.Uint64
	sumNs   atomic.Uint64
	maxNs   atomic.Int64
}

const (
	histGrowth  = 1.02
	histBuckets = 1100 // 1.02^1100 µs ≈ 2.9e9 µs
)

var logGrowth = math.Log(histGrowth)

func bucketOf(d time.Duration) int {
	us := float64(d) / float64(time.Microsecond)
	if us <= 1 {
		return 0
	}
	i := int(math.Log(us)/logGrowth) + 1
	return min(i, histBuckets-1)
}

// upper returns the upper bound of bucket i.
func upper(i int) time.Duration {
	return time.Duration(math.Pow(histGrowth, float64(i)) * float64(time.Microsecond))
}

func (h *histogram) add(d time.Duration) {
	h.buckets[bucketOf(d)].Add(1)
	h.count.Add(1)
	h.sumNs.Add(uint64(d))
	for {
		m := h.maxNs.Load()
		if int64(d) <= m || h.maxNs.CompareAndSwap(m, int64(d)) {
			break
		}
	}
}

// quantile returns the latency below which a fraction q of the calls fell (the upper bound of its bucket).
func (h *histogram) quantile(q float64) time.Duration {
	n := h.count.Load()
	if n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(n)))
	if rank == 0 {
		rank = 1
	}
	var seen uint64
	for i := range h.buckets {
		seen += h.buckets[i].Load()
		if seen >= rank {
			return min(upper(i), time.Duration(h.maxNs.Load()))
		}
	}
	return time.Duration(h.maxNs.Load())
}

// opStats is the running record of one operation.
type opStats struct {
	lat      histogram
	mu       sync.Mutex
	statuses map[int]int64 // HTTP status → calls; 0 for transport errors
	firstErr string        // the first 5xx or transport error, for the report
}

func newOpStats() *opStats { return &opStats{statuses: map[int]int64{}} }

func (s *opStats) record(status int, d time.Duration, errText string) {
	s.lat.add(d)
	s.mu.Lock()
	s.statuses[status]++
	if (status == 0 || status >= 500) && s.firstErr == "" {
		s.firstErr = errText
	}
	s.mu.Unlock()
}

// OpReport is what a run measured of one operation (or of all of them, in Report.Overall).
type OpReport struct {
	Name       string
	Calls      int64
	PerSecond  float64
	P50        time.Duration
	P90        time.Duration
	P99        time.Duration
	Max        time.Duration
	Mean       time.Duration
	Statuses   map[int]int64 // HTTP status → calls; status 0 counts calls that got no answer (transport errors)
	FirstError string        // the first 5xx body or transport error seen, if any
}

// OK returns the number of 2xx answers.
func (o OpReport) OK() int64 {
	var n int64
	for s, c := range o.Statuses {
		if s >= 200 && s < 300 {
			n += c
		}
	}
	return n
}

// ServerErrors returns the number of 5xx answers plus the calls that got no answer at all.
func (o OpReport) ServerErrors() int64 {
	var n int64
	for s, c := range o.Statuses {
		if s == 0 || s >= 500 {
			n += c
		}
	}
	return n
}

func (s *opStats) report(name string, elapsed time.Duration) OpReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := OpReport{Name: name, Calls: int64(s.lat.count.Load()), Statuses: map[int]int64{}, FirstError: s.firstErr,
		P50: s.lat.quantile(0.50), P90: s.lat.quantile(0.90), P99: s.lat.quantile(0.99), Max: time.Duration(s.lat.maxNs.Load())}
	for k, v := range s.statuses {
		r.Statuses[k] = v
	}
	if r.Calls > 0 {
		r.Mean = time.Duration(s.lat.sumNs.Load() / uint64(r.Calls))
	}
	if elapsed > 0 {
		r.PerSecond = float64(r.Calls) / elapsed.Seconds()
	}
	return r
}
