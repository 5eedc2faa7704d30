package promotion

import (
	"slices"
	"time"

	"github.com/jenjang-asn/jenjang/career"
)

// Schedule is a set of months whose first day is a promotion TMT (terhitung mulai tanggal), in force from a date.
type Schedule struct {
	From   career.Date // in force from this date (zero: since always)
	Months []time.Month
	Source string
}

// Schedules are the TMT schedules in the order they came into force. Rank promotions took effect on 1 April and
// 1 October (PP 99/2000 Pasal 18); from 1 January 2024 on the first of February, April, June, August, October and
// December; from 1 October 2025 on the first of every month (BKN's periodisation of kenaikan pangkat).
var Schedules = []Schedule{
	{Months: []time.Month{4, 10}, Source: "PP 99/2000 Pasal 18"},
	{From: career.MustDate(2024, 1, 1), Months: []time.Month{2, 4, 6, 8, 10, 12}, Source: "BKN: enam periode kenaikan pangkat sejak 1 Januari 2024"},
	{From: career.MustDate(2025, 10, 1), Months: []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, Source: "BKN: kenaikan pangkat setiap bulan sejak 1 Oktober 2025"},
}

// ScheduleAt returns the schedule in force on d.
func ScheduleAt(d career.Date) Schedule {
	s := Schedules[0]
	for _, x := range Schedules[1:] {
		if !d.Before(x.From) {
			s = x
		}
	}
	return s
}

// IsTMT reports whether d is a promotion TMT under the schedule in force on d.
func IsTMT(d career.Date) bool {
	return d.Day() == 1 && slices.Contains(ScheduleAt(d).Months, d.Month())
}

// NextTMT returns the first promotion TMT on or after d, each candidate day judged by the schedule in force on it:
// NextTMT(2023-12-15) is 2024-02-01, not 2024-04-01.
func NextTMT(d career.Date) career.Date {
	c := career.MustDate(d.Year(), d.Month(), 1)
	if d.Day() != 1 {
		c = c.AddMonths(1)
	}
	for !IsTMT(c) {
		c = c.AddMonths(1)
	}
	return c
}
