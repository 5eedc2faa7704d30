package career

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// Date is a calendar date with no time of day and no time zone: a TMT (terhitung mulai tanggal), a birth date, the
// date a rule is judged at. Two Dates compare by value (==) and by Before/After/Compare.
//
// The zero Date is "no date" (IsZero).
type Date struct {
	y int
	m time.Month
	d int
}

// jakarta is Western Indonesian Time (WIB, UTC+7), used only to decide what "today" is.
var jakarta = time.FixedZone("WIB", 7*60*60)

// NewDate returns the date y-m-d, or an Invalid error if no such day exists (2023-02-29, month 13, day 0).
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, Newf(Invalid, "date", "%04d-%02d-%02d bukan tanggal yang valid",
			"%04d-%02d-%02d is not a calendar date", y, int(m), d)
	}
	return Date{y, m, d}, nil
}

// MustDate is NewDate for literals known to be valid; it panics otherwise. Use it in tests, examples and tables.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// ParseDate parses an ISO 8601 calendar date ("2024-04-01") in the years NewDate accepts: time.Parse takes year 0000,
// which no Date made by NewDate has (and which the zero-based day count does not cover).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err == nil && t.Year() >= 1 {
		return DateOf(t), nil
	}
	return Date{}, Newf(Invalid, "date", "%q bukan tanggal dengan format YYYY-MM-DD",
		"%q is not a date of the form YYYY-MM-DD", s)
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns today's date in Western Indonesian Time (WIB).
func Today() Date { return DateOf(time.Now().In(jakarta)) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	case time.January, time.March, time.May, time.July, time.August, time.October, time.December:
		return 31
	}
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Year, Month and Day return the parts of d.
func (d Date) Year() int         { return d.y }
func (d Date) Month() time.Month { return d.m }
func (d Date) Day() int          { return d.d }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.y != e.y:
		return cmpInt(d.y, e.y)
	case d.m != e.m:
		return cmpInt(int(d.m), int(e.m))
	default:
		return cmpInt(d.d, e.d)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns d moved by n months. A day that does not exist in the target month is clamped to its last day
// (31 January + 1 month = 28 or 29 February), which is how service periods are counted.
func (d Date) AddMonths(n int) Date {
	total := d.y*12 + int(d.m-1) + n
	y, m := total/12, time.Month(total%12+1)
	return Date{y, m, min(d.d, daysIn(y, m))}
}

// AddYears returns d moved by n years; 29 February becomes 28 February in a common year.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// String returns the ISO form, "2024-04-01"; the zero Date prints as "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.y < 1000 { // not on the hot path: years before 1000 are only ever bad input
		return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d)
	}
	// A run of assessments prints the same few dates (a TMT, the date judged at) over and over: a small cache keyed
	// by the date answers them without allocating, and hands out the same string each time.
	e := &dateStrings[uint32(d.y*372+int(d.m)*31+d.d)*0x9e3779b1>>(32-dateCacheBits)]
	if c := e.Load(); c != nil && c.d == d {
		return c.s
	}
	var b [10]byte
	strconv.AppendInt(b[:0], int64(d.y), 10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+d.m/10), byte('0'+d.m%10)
	b[8], b[9] = byte('0'+d.d/10), byte('0'+d.d%10)
	s := string(b[:])
	e.Store(&dateString{d, s})
	return s
}

const dateCacheBits = 8

type dateString struct {
	d Date
	s string
}

// dateStrings caches the text of recently printed dates; entries are replaced whole, so a reader sees a date with
// its own text.
var dateStrings [1 << dateCacheBits]atomic.Pointer[dateString]

// MarshalText implements encoding.TextMarshaler (ISO form).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; the empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Span is a length of service in whole years, months and days, as personnel law counts it (masa kerja).
type Span struct {
	Years, Months, Days int
}

// Between returns the span from `from` to `to`; it is zero when to is not after from.
func Between(from, to Date) Span {
	if !to.After(from) {
		return Span{}
	}
	months := (to.y-from.y)*12 + int(to.m-from.m)
	if from.AddMonths(months).After(to) {
		months--
	}
	days := to.days() - from.AddMonths(months).days()
	return Span{Years: months / 12, Months: months % 12, Days: days}
}

// days returns the number of days from 1970-01-01 to d, by integer arithmetic on the proleptic Gregorian calendar
// (H. Hinnant's days_from_civil), so that counting service does not go through time.Time.
func (d Date) days() int {
	y, m := d.y, int(d.m)
	if m <= 2 {
		y--
	}
	era := y / 400 // y ≥ 0 for every valid Date
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// TotalMonths returns the span in whole months.
func (s Span) TotalMonths() int { return s.Years*12 + s.Months }

// AtLeast reports whether the span is at least the given number of years and months.
func (s Span) AtLeast(years, months int) bool { return s.TotalMonths() >= years*12+months }

// String prints the span in Indonesian personnel style, "4 tahun 2 bulan".
func (s Span) String() string {
	if s.Years >= 0 && s.Years < len(spanStrings) && s.Months >= 0 && s.Months < 12 {
		return spanStrings[s.Years][s.Months]
	}
	return s.format()
}

// spanStrings holds the text of every span of up to 63 years, built once: service is printed for every employee of
// a run, and a shared string is cheaper than a new one each time.
var spanStrings = func() (t [64][12]string) {
	for y := range t {
		for m := range t[y] {
			t[y][m] = Span{Years: y, Months: m}.format()
		}
	}
	return t
}()

func (s Span) format() string {
	b := make([]byte, 0, 24)
	b = strconv.AppendInt(b, int64(s.Years), 10)
	b = append(b, " tahun "...)
	b = strconv.AppendInt(b, int64(s.Months), 10)
	b = append(b, " bulan"...)
	return string(b)
}
