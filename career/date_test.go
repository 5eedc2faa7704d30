package career_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/career"
)

func d(s string) career.Date {
	v, err := career.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		y   int
		m   time.Month
		day int
		ok  bool
	}{
		{2024, 2, 29, true}, {2023, 2, 29, false}, {2000, 2, 29, true}, {1900, 2, 29, false},
		{2024, 13, 1, false}, {2024, 0, 1, false}, {2024, 1, 0, false}, {2024, 4, 31, false}, {2024, 12, 31, true}, {0, 1, 1, false},
	}
	for _, tt := range tests {
		_, err := career.NewDate(tt.y, tt.m, tt.day)
		if (err == nil) != tt.ok {
			t.Errorf("NewDate(%d, %d, %d) error = %v, want ok %v", tt.y, tt.m, tt.day, err, tt.ok)
		}
		if err != nil && career.ErrorCode(err) != career.Invalid {
			t.Errorf("NewDate error code = %v", career.ErrorCode(err))
		}
	}
}

func TestDateAdd(t *testing.T) {
	tests := []struct {
		name string
		got  career.Date
		want string
	}{
		{"leap day + 1 year", d("2024-02-29").AddYears(1), "2025-02-28"},
		{"leap day + 4 years", d("2024-02-29").AddYears(4), "2028-02-29"},
		{"leap day - 1 year", d("2024-02-29").AddYears(-1), "2023-02-28"},
		{"31 Jan + 1 month, leap year", d("2024-01-31").AddMonths(1), "2024-02-29"},
		{"31 Jan + 1 month, common year", d("2023-01-31").AddMonths(1), "2023-02-28"},
		{"31 Mar - 1 month", d("2024-03-31").AddMonths(-1), "2024-02-29"},
		{"31 Mar + 1 month", d("2024-03-31").AddMonths(1), "2024-04-30"},
		{"across the year end", d("2024-12-15").AddMonths(1), "2025-01-15"},
		{"back across the year start", d("2024-01-15").AddMonths(-1), "2023-12-15"},
		{"+ 0 months", d("2024-05-31").AddMonths(0), "2024-05-31"},
		{"+ 14 months", d("2024-05-31").AddMonths(14), "2025-07-31"},
		{"+ 1 day at month end", d("2024-02-28").AddDays(1), "2024-02-29"},
		{"+ 1 day at year end", d("2024-12-31").AddDays(1), "2025-01-01"},
		{"- 1 day", d("2024-03-01").AddDays(-1), "2024-02-29"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     career.Span
	}{
		{"same day", "2024-04-01", "2024-04-01", career.Span{}},
		{"to before from", "2024-04-01", "2020-04-01", career.Span{}},
		{"one day", "2024-04-01", "2024-04-02", career.Span{Days: 1}},
		{"exactly 4 years", "2020-04-01", "2024-04-01", career.Span{Years: 4}},
		{"one day short of 4 years", "2020-04-01", "2024-03-31", career.Span{Years: 3, Months: 11, Days: 30}},
		{"31 Jan to 29 Feb is a month", "2024-01-31", "2024-02-29", career.Span{Months: 1}},
		{"31 Jan to 28 Feb (common year) is a month", "2023-01-31", "2023-02-28", career.Span{Months: 1}},
		{"31 Jan to 27 Feb is not", "2023-01-31", "2023-02-27", career.Span{Days: 27}},
		{"31 Jan to 30 Mar", "2024-01-31", "2024-03-30", career.Span{Months: 1, Days: 30}},
		{"leap day to the day before its 4th anniversary", "2020-02-29", "2024-02-28", career.Span{Years: 3, Months: 11, Days: 30}},
		{"leap day to its 4th anniversary", "2020-02-29", "2024-02-29", career.Span{Years: 4}},
		{"leap day to 28 Feb a year on", "2020-02-29", "2021-02-28", career.Span{Years: 1}},
		{"masa kerja", "2015-05-01", "2026-04-01", career.Span{Years: 10, Months: 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := career.Between(d(tt.from), d(tt.to))
			if got != tt.want {
				t.Errorf("Between(%s, %s) = %+v, want %+v", tt.from, tt.to, got, tt.want)
			}
		})
	}
	s := career.Span{Years: 4, Months: 2, Days: 9}
	if s.TotalMonths() != 50 || !s.AtLeast(4, 2) || s.AtLeast(4, 3) || s.String() != "4 tahun 2 bulan" {
		t.Errorf("Span helpers: %d %v %v %q", s.TotalMonths(), s.AtLeast(4, 2), s.AtLeast(4, 3), s.String())
	}
	if career.Years(4) != "4 tahun 0 bulan" {
		t.Errorf("Years(4) = %q", career.Years(4))
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2024-04-01", "2024-04-01", 0},
		{"2023-12-31", "2024-01-01", -1},
		{"2024-02-01", "2024-01-31", 1},
		{"2024-01-02", "2024-01-01", 1},
		{"2024-01-01", "2024-01-02", -1},
		{"2024-03-01", "2024-11-01", -1},
	}
	for _, tt := range tests {
		a, b := d(tt.a), d(tt.b)
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if a.Before(b) != (tt.want < 0) || a.After(b) != (tt.want > 0) || (a == b) != (tt.want == 0) {
			t.Errorf("%s vs %s: Before %v After %v ==%v", tt.a, tt.b, a.Before(b), a.After(b), a == b)
		}
	}
}

func TestDateText(t *testing.T) {
	type row struct {
		TMT career.Date `json:"tmt"`
	}
	b, err := json.Marshal(row{d("2024-02-29")})
	if err != nil || string(b) != `{"tmt":"2024-02-29"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back row
	if err := json.Unmarshal(b, &back); err != nil || back.TMT != d("2024-02-29") {
		t.Errorf("round trip = %v, %v", back.TMT, err)
	}
	if b, _ := json.Marshal(row{}); string(b) != `{"tmt":""}` {
		t.Errorf("zero date marshals to %s", b)
	}
	if err := json.Unmarshal([]byte(`{"tmt":""}`), &back); err != nil || !back.TMT.IsZero() {
		t.Errorf("empty = %v, %v", back.TMT, err)
	}
	for _, bad := range []string{"2023-02-29", "2024-13-01", "01-04-2024", "2024-4-1", "tomorrow", "0000-01-01", "0000-12-31", "2024-04-01T00:00:00Z", " 2024-04-01"} {
		if err := json.Unmarshal([]byte(`{"tmt":"`+bad+`"}`), &back); career.ErrorField(err) != "date" {
			t.Errorf("Unmarshal %q: error %v, want an invalid date", bad, err)
		}
	}
	if got := d("2024-04-01"); got.Year() != 2024 || got.Month() != time.April || got.Day() != 1 || !got.Time().Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("parts of 2024-04-01: %d %v %d %v", got.Year(), got.Month(), got.Day(), got.Time())
	}
	if got, err := career.ParseDate("0001-01-01"); err != nil || got != career.MustDate(1, 1, 1) {
		t.Errorf("the first valid year: %v, %v", got, err)
	}
	if got := career.DateOf(time.Date(2024, 4, 1, 23, 30, 0, 0, time.FixedZone("WIB", 7*3600))); got != d("2024-04-01") {
		t.Errorf("DateOf keeps the location's date: %v", got)
	}
}

// TestDaysMatchesTime checks the integer day count behind Between against the time package (AddDays), day by day
// over four centuries that include the 1900 (not leap) and 2000 (leap) century years.
func TestDaysMatchesTime(t *testing.T) {
	d := career.MustDate(1850, 1, 1)
	end := career.MustDate(2250, 12, 31)
	for ; !d.After(end); d = d.AddDays(1) {
		got := career.Between(career.MustDate(1850, 1, 1), d)
		start := career.MustDate(1850, 1, 1).AddMonths(got.TotalMonths())
		if start.AddDays(got.Days) != d {
			t.Fatalf("Between(1850-01-01, %s) = %+v: %s + %d days is not %s", d, got, start, got.Days, d)
		}
	}
}
