package bench

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	if p := percentile(d, 0.5); p != 50 {
		t.Errorf("p50 = %d", p)
	}
	if p := percentile(d, 0.99); p != 99 {
		t.Errorf("p99 = %d", p)
	}
	if p := percentile(d[:1], 0.99); p != 1 {
		t.Errorf("p99 of one = %d", p)
	}
	if p := percentile(nil, 0.5); p != 0 {
		t.Errorf("p50 of none = %d", p)
	}
}

func TestRun(t *testing.T) {
	s := Run(context.Background(), 3, 100*time.Millisecond, func(ctx context.Context, w, i int) error {
		time.Sleep(time.Millisecond)
		if i%10 == 9 {
			return errors.New("every tenth fails")
		}
		return nil
	})
	if s.Requests < 30 || s.Errors == 0 || s.FirstErr == nil || s.P50 < time.Millisecond || s.P99 < s.P50 || s.Max < s.P99 || s.PerSecond() <= 0 {
		t.Fatalf("stats %+v", s)
	}
}
