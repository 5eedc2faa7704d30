package importer

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jenjang-asn/jenjang/career"
)

// parseDate reads a date cell in the forms Indonesian HR spreadsheets use:
//
//   - ISO, YYYY-MM-DD (also with a time part, as XLSX date cells of type "d" hold it);
//   - DD-MM-YYYY and DD/MM/YYYY, day first as in Indonesia (01/02/2024 is 1 February), also with one-digit day or month;
//   - an Excel serial day number (45292 is 2024-01-01), which is what an XLSX date cell holds, and what a CSV saved
//     from a spreadsheet holds when the column was not formatted as a date. date1904 selects the 1904 date system.
func parseDate(s string, date1904 bool) (career.Date, error) {
	s = strings.TrimSpace(s)
	if serial, ok := excelSerial(s); ok {
		return serialDate(serial, date1904, s)
	}
	if len(s) > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ') { // 2024-01-15T00:00:00Z
		s = s[:10]
	}
	var parts [3]string
	n, sep := 0, byte(0)
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '-' && s[i] != '/' && s[i] != '.' {
			continue
		}
		if i < len(s) {
			if sep == 0 {
				sep = s[i]
			} else if s[i] != sep {
				return career.Date{}, errDate(s)
			}
		}
		if n == 3 {
			return career.Date{}, errDate(s)
		}
		parts[n] = s[start:i]
		n++
		start = i + 1
	}
	if n != 3 {
		return career.Date{}, errDate(s)
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2: // YYYY-MM-DD
		y, m, d = digits(parts[0]), digits(parts[1]), digits(parts[2])
	case len(parts[2]) == 4 && len(parts[0]) <= 2: // DD-MM-YYYY
		d, m, y = digits(parts[0]), digits(parts[1]), digits(parts[2])
	default:
		return career.Date{}, errDate(s)
	}
	if y < 0 || m < 0 || d < 0 || len(parts[1]) == 0 || len(parts[1]) > 2 {
		return career.Date{}, errDate(s)
	}
	dt, err := career.NewDate(y, time.Month(m), d)
	if err != nil {
		return career.Date{}, career.Newf(career.Invalid, "", "%q bukan tanggal yang valid", "%q is not a calendar date", s)
	}
	return dt, nil
}

func errDate(s string) error {
	return career.Newf(career.Invalid, "", "%q bukan tanggal (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY atau tanggal lembar kerja)",
		"%q is not a date (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or a spreadsheet date)", s)
}

// digits returns the value of a string of 1 to 4 ASCII digits, or -1.
func digits(s string) int {
	if len(s) == 0 || len(s) > 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// excelSerial reports whether s is a spreadsheet serial day number: digits, optionally with a fraction (the time
// of day, ignored). Four-digit numbers are not serials only by accident: 1900-01-01 is 1 and 9999-12-31 is 2958465.
func excelSerial(s string) (int, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) == 0 || len(whole) > 7 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(whole); i++ {
		if whole[i] < '0' || whole[i] > '9' {
			return 0, false
		}
		n = n*10 + int(whole[i]-'0')
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return 0, false
		}
	}
	return n, true
}

var (
	excelEpoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // serial 61 is 1900-03-01: the 1900 leap-year bug
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// serialDate converts a spreadsheet serial day number. In the 1900 system serial 60 is the non-existent
// 29 February 1900 (a Lotus 1-2-3 bug Excel kept), so serials below 61 are one day off; no employee date is that
// old, and they are refused.
func serialDate(serial int, date1904 bool, s string) (career.Date, error) {
	const maxSerial = 2958465 // 9999-12-31
	if date1904 {
		if serial < 0 || serial > maxSerial-1462 {
			return career.Date{}, errDate(s)
		}
		return career.DateOf(excelEpoch1904.AddDate(0, 0, serial)), nil
	}
	if serial < 61 || serial > maxSerial {
		return career.Date{}, career.Newf(career.Invalid, "", "%q bukan tanggal (nomor hari lembar kerja harus setelah 1900-03-01)",
			"%q is not a date (a spreadsheet day number must be after 1900-03-01)", s)
	}
	return career.DateOf(excelEpoch1900.AddDate(0, 0, serial)), nil
}

// parseBool reads a yes/no cell: ya, y, yes, true, 1, x, ✓ are yes; tidak, t, no, n, false, 0, -, and an empty
// cell are no.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ya", "y", "yes", "true", "1", "x", "✓", "benar":
		return true, nil
	case "", "tidak", "t", "no", "n", "false", "0", "-", "bukan":
		return false, nil
	}
	return false, career.Newf(career.Invalid, "", "%q bukan ya maupun tidak", "%q is neither ya nor tidak", s)
}

// parseNumber reads a non-negative decimal in either convention: 12.5, or 12,5 as Indonesian-locale spreadsheets
// write it. Thousands separators are not accepted, since "1.250" is ambiguous.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, ",") && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, career.Newf(career.Invalid, "", "%q bukan angka", "%q is not a number", s)
	}
	if v < 0 {
		return 0, career.Newf(career.Invalid, "", "%q bernilai negatif", "%q is negative", s)
	}
	return v, nil
}
