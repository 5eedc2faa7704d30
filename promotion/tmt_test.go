package promotion_test

import (
	"testing"

	"github.com/jenjang-asn/jenjang/promotion"
)

func TestNextTMT(t *testing.T) {
	tests := []struct {
		on, want string
	}{
		// Before 2024: 1 April and 1 October (PP 99/2000 Pasal 18).
		{"2023-04-01", "2023-04-01"},
		{"2023-04-02", "2023-10-01"},
		{"2023-01-15", "2023-04-01"},
		{"2023-10-01", "2023-10-01"},
		{"2023-10-02", "2024-02-01"}, // no TMT in Nov/Dec 2023; January 2024 is not one under the new schedule
		{"2023-12-15", "2024-02-01"},
		{"2023-12-31", "2024-02-01"},
		// From 1 January 2024: Feb, Apr, Jun, Aug, Oct, Dec.
		{"2024-01-01", "2024-02-01"},
		{"2024-01-02", "2024-02-01"},
		{"2024-02-01", "2024-02-01"},
		{"2024-02-02", "2024-04-01"},
		{"2024-03-01", "2024-04-01"},
		{"2024-12-01", "2024-12-01"},
		{"2024-12-02", "2025-02-01"},
		{"2025-08-02", "2025-10-01"},
		{"2025-09-01", "2025-10-01"},
		{"2025-09-30", "2025-10-01"},
		// From 1 October 2025: every month.
		{"2025-10-01", "2025-10-01"},
		{"2025-10-02", "2025-11-01"},
		{"2025-11-01", "2025-11-01"},
		{"2026-01-01", "2026-01-01"},
		{"2026-03-31", "2026-04-01"},
		{"2026-12-02", "2027-01-01"},
	}
	for _, tt := range tests {
		got := promotion.NextTMT(day(tt.on))
		if got.String() != tt.want {
			t.Errorf("NextTMT(%s) = %s, want %s", tt.on, got, tt.want)
		}
		if !promotion.IsTMT(got) {
			t.Errorf("NextTMT(%s) = %s is not a TMT", tt.on, got)
		}
	}
}

func TestIsTMT(t *testing.T) {
	tests := map[string]bool{
		"2023-04-01": true, "2023-10-01": true, "2023-06-01": false, "2023-04-02": false, "2023-12-01": false,
		"2024-01-01": false, "2024-02-01": true, "2024-03-01": false, "2024-04-01": true, "2024-06-01": true, "2024-12-01": true,
		"2025-08-01": true, "2025-09-01": false,
		"2025-10-01": true, "2025-11-01": true, "2026-01-01": true, "2026-03-01": true, "2026-01-02": false,
	}
	for d, want := range tests {
		if got := promotion.IsTMT(day(d)); got != want {
			t.Errorf("IsTMT(%s) = %v, want %v", d, got, want)
		}
	}
}

func TestScheduleAt(t *testing.T) {
	tests := map[string]int{"2000-01-01": 0, "2023-12-31": 0, "2024-01-01": 1, "2025-09-30": 1, "2025-10-01": 2, "2030-01-01": 2}
	for d, i := range tests {
		if got := promotion.ScheduleAt(day(d)); got.Source != promotion.Schedules[i].Source {
			t.Errorf("ScheduleAt(%s) = %q, want schedule %d", d, got.Source, i)
		}
	}
}
