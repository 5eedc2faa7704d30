package evaluation

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

// Period is the period an appraisal covers: a year (Quarter 0) or a quarter of it (Triwulan I–IV). PermenPANRB 6/2022
// asks for quarterly performance dialogues and an annual appraisal.
type Period struct {
	Year    int
	Quarter int // 0 for the annual appraisal, 1–4 for Triwulan I–IV
}

// Annual reports whether p is a whole year.
func (p Period) Annual() bool { return p.Quarter == 0 }

// Validate reports whether p is a year from 2000 to 2100, or a quarter 1–4 of one.
func (p Period) Validate() error {
	if p.Year < 2000 || p.Year > 2100 {
		return career.Newf(career.Invalid, "period.year", "tahun %d di luar rentang yang diperbolehkan",
			"year %d is out of range", p.Year)
	}
	if p.Quarter < 0 || p.Quarter > 4 {
		return career.Newf(career.Invalid, "period.quarter", "triwulan harus 1 sampai dengan 4 (atau 0 untuk satu tahun), bukan %d",
			"quarter must be 1 to 4 (or 0 for the year), not %d", p.Quarter)
	}
	return nil
}

// Start returns the first day of the period; End its last day. Both are the zero Date for a period that does not
// validate.
func (p Period) Start() career.Date {
	if p.Validate() != nil {
		return career.Date{}
	}
	if p.Annual() {
		return career.MustDate(p.Year, 1, 1)
	}
	return career.MustDate(p.Year, 1, 1).AddMonths(3 * (p.Quarter - 1))
}

// End returns the last day of the period.
func (p Period) End() career.Date {
	if p.Validate() != nil {
		return career.Date{}
	}
	if p.Annual() {
		return career.MustDate(p.Year, 12, 31)
	}
	return p.Start().AddMonths(3).AddDays(-1)
}

// String returns "2025" or "2025-Q3".
func (p Period) String() string {
	if p.Annual() {
		return fmt.Sprint(p.Year)
	}
	return fmt.Sprintf("%d-Q%d", p.Year, p.Quarter)
}

// ParsePeriod parses "2025" or "2025-Q3" (the Q in either case); nothing else is accepted, not even trailing text.
func ParsePeriod(s string) (Period, error) {
	bad := career.Newf(career.Invalid, "period", "%q bukan periode penilaian yang sah, misalnya 2025 atau 2025-Q3",
		"%q is not a period such as 2025 or 2025-Q3", s)
	y, q, quarter := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "-Q")
	year, err := digits(y, 4)
	if err != nil {
		return Period{}, bad
	}
	p := Period{Year: year}
	if quarter {
		if p.Quarter, err = digits(q, 1); err != nil || p.Quarter == 0 {
			return Period{}, bad
		}
	}
	return p, p.Validate()
}

// digits parses exactly n ASCII digits.
func digits(s string, n int) (int, error) {
	if len(s) != n || strings.Trim(s, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	return strconv.Atoi(s)
}

// Source is who gives a rating.
type Source int

// Rating sources. The direct superior (pejabat penilai kinerja) rates under PermenPANRB 6/2022; peers, the employee
// and the public give feedback that a region policy may weigh (a 360 appraisal).
const (
	Superior Source = iota + 1
	Peer
	Self
	Community
)

var sourceCodes = [...]string{"", "superior", "peer", "self", "community"}

func (s Source) String() string {
	if s < Superior || s > Community {
		return ""
	}
	return sourceCodes[s]
}

// ParseSource parses "superior" (or "atasan"), "peer" ("rekan"), "self" ("diri"), "community" ("masyarakat").
func ParseSource(s string) (Source, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "superior", "atasan":
		return Superior, nil
	case "peer", "rekan", "rekan_kerja":
		return Peer, nil
	case "self", "diri", "diri_sendiri":
		return Self, nil
	case "community", "masyarakat", "public":
		return Community, nil
	}
	return 0, career.Newf(career.Invalid, "source", "%q bukan sumber penilaian (superior, peer, self, community)",
		"%q is not a rating source (superior, peer, self, community)", s)
}

// Name returns the name of the source in Indonesian ("atasan", "rekan kerja", "diri sendiri", "masyarakat") and its
// code in English.
func (s Source) Name() career.Message {
	if s < Superior || s > Community {
		return career.Message{}
	}
	return career.Message{ID: sourceNamesID[s], EN: sourceCodes[s]}
}

var sourceNamesID = [...]string{"", "atasan", "rekan kerja", "diri sendiri", "masyarakat"}

// MarshalText implements encoding.TextMarshaler.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Source) UnmarshalText(b []byte) error {
	v, err := ParseSource(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Aspect is what a rating is about: results (hasil kerja) or behaviour (perilaku kerja, the BerAKHLAK values).
type Aspect int

// Aspects.
const (
	Hasil    Aspect = iota + 1 // hasil kerja
	Perilaku                   // perilaku kerja
)

func (a Aspect) String() string {
	switch a {
	case Hasil:
		return "hasil_kerja"
	case Perilaku:
		return "perilaku_kerja"
	}
	return ""
}

// ParseAspect parses "hasil_kerja" ("hasil", "results") or "perilaku_kerja" ("perilaku", "behaviour").
func ParseAspect(s string) (Aspect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "hasil_kerja", "hasil", "results", "result":
		return Hasil, nil
	case "perilaku_kerja", "perilaku", "behaviour", "behavior":
		return Perilaku, nil
	}
	return 0, career.Newf(career.Invalid, "aspect", "%q bukan aspek penilaian (hasil_kerja, perilaku_kerja)",
		"%q is not an aspect (hasil_kerja, perilaku_kerja)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (a Aspect) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Aspect) UnmarshalText(b []byte) error {
	v, err := ParseAspect(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// BerAKHLAK lists the seven ASN core values that behaviour is rated on (SE MenPANRB 20/2021; PermenPANRB 6/2022).
var BerAKHLAK = []string{"Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"}

// Entry is one rating given by one rater, at one time.
type Entry struct {
	Source Source
	Rater  string // the rater's NIP, or a label for community feedback
	Aspect Aspect
	Value  Rating
	At     career.Date // when it was given; continuous feedback records many over a period
	Note   string
}

// Indicator is a measured performance indicator with its target and the value achieved. A region that measures
// results objectively (Semarang, Wanggar) weighs indicators into the results rating.
type Indicator struct {
	Code   string // "target", "service_quality", "innovation"
	Target float64
	Actual float64
}

// Achievement returns Actual as a percentage of Target (0 when there is no target).
func (i Indicator) Achievement() float64 {
	if i.Target <= 0 {
		return 0
	}
	return i.Actual / i.Target * 100
}

// Appraisal is a performance appraisal of one employee for one period.
type Appraisal struct {
	ID         string
	Employee   career.Employee
	Period     Period
	Entries    []Entry
	Indicators []Indicator
	// CommunityIndex is the public-satisfaction index (indeks kepuasan masyarakat, IKM, 0–100) of the employee's
	// unit for the period, per PermenPANRB 14/2017; zero means not measured.
	CommunityIndex float64
}

// Validate checks that the appraisal is well formed (not that it is complete enough to evaluate: that is the
// policy's call).
func (a Appraisal) Validate() error {
	if a.Employee.NIP.IsZero() {
		return career.Newf(career.Invalid, "nip", "NIP pegawai yang dinilai wajib diisi",
			"the appraised employee's NIP is required")
	}
	if err := a.Period.Validate(); err != nil {
		return err
	}
	for i, e := range a.Entries {
		f := fmt.Sprintf("ratings[%d]", i)
		switch {
		case e.Source < Superior || e.Source > Community:
			return career.Newf(career.Invalid, f+".source", "sumber penilaian tidak dikenal", "unknown rating source")
		case e.Aspect != Hasil && e.Aspect != Perilaku:
			return career.Newf(career.Invalid, f+".aspect", "aspek harus hasil_kerja atau perilaku_kerja",
				"the aspect must be hasil_kerja or perilaku_kerja")
		case !e.Value.Valid():
			return career.Newf(career.Invalid, f+".value", "nilai harus di_bawah, sesuai atau di_atas",
				"the rating must be di_bawah, sesuai or di_atas")
		}
	}
	for i, in := range a.Indicators {
		// The field names the value at fault; an infinite target or value would make the achievement 0 or infinite.
		for _, v := range []struct {
			name string
			x    float64
		}{{"target", in.Target}, {"actual", in.Actual}} {
			if v.x < 0 || math.IsNaN(v.x) || math.IsInf(v.x, 0) {
				return career.Newf(career.Invalid, fmt.Sprintf("indicators[%d].%s", i, v.name), "target dan realisasi harus berupa bilangan terhingga yang tidak negatif",
					"targets and values must be finite non-negative numbers")
			}
		}
	}
	if a.CommunityIndex < 0 || a.CommunityIndex > 100 || a.CommunityIndex != a.CommunityIndex {
		return career.Newf(career.Invalid, "community_index", "IKM harus bernilai antara 0 dan 100",
			"the IKM must be between 0 and 100")
	}
	return nil
}

// Latest returns the most recent entry from the source on the aspect (the last one given when dates tie).
func (a Appraisal) Latest(src Source, asp Aspect) (Entry, bool) {
	var best Entry
	found := false
	for _, e := range a.Entries {
		if e.Source == src && e.Aspect == asp && (!found || !e.At.Before(best.At)) {
			best, found = e, true
		}
	}
	return best, found
}

// Mean returns the mean rating (1–3) of the latest entry of each rater of the source on the aspect, and how many
// raters there were.
func (a Appraisal) Mean(src Source, asp Aspect) (float64, int) {
	latest := map[string]Entry{}
	for _, e := range a.Entries {
		if e.Source != src || e.Aspect != asp {
			continue
		}
		if prev, ok := latest[e.Rater]; !ok || !e.At.Before(prev.At) {
			latest[e.Rater] = e
		}
	}
	if len(latest) == 0 {
		return 0, 0
	}
	sum := 0
	for _, e := range latest {
		sum += int(e.Value)
	}
	return float64(sum) / float64(len(latest)), len(latest)
}

// RatingOf rounds a mean rating on the 1–3 scale to the nearest rating: below 1.5 DiBawah, below 2.5 Sesuai,
// otherwise DiAtas.
func RatingOf(score float64) Rating {
	switch {
	case score < 1.5:
		return DiBawah
	case score < 2.5:
		return Sesuai
	}
	return DiAtas
}
