package promotion

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// Kind is the kind of rank promotion (PP 99/2000 Pasal 3).
type Kind int

// Kinds of rank promotion.
const (
	Regular    Kind = iota + 1 // reguler: by time in grade, within the education ceiling
	Functional                 // pilihan, for a functional position: by angka kredit
	Structural                 // pilihan, for a structural (managerial) position, within the position's highest grade
)

func (k Kind) String() string {
	switch k {
	case Regular:
		return "regular"
	case Functional:
		return "functional"
	case Structural:
		return "structural"
	}
	return ""
}

// KindOf returns the kind of promotion an employee is considered for: functional for a functional position,
// structural for a managerial one, regular otherwise.
func KindOf(e career.Employee) Kind {
	switch {
	case e.Position.Kind == career.Fungsional:
		return Functional
	case e.Position.Kind.Managerial():
		return Structural
	}
	return Regular
}

// Candidate is an employee considered for rank promotion.
type Candidate struct {
	Employee career.Employee
	// Predicates holds annual predicates by year.
	Predicates map[int]evaluation.Predicate
}

// Rules are the parameters of rank promotion. NationalRules are the baseline; a region may only tighten them (the
// national values are also the hard floors, see Floors).
type Rules struct {
	MinYearsRegular    int                  // 4 (PP 99/2000 Pasal 7)
	MinYearsFunctional int                  // 2 (PermenPANRB 1/2023)
	MinYearsStructural int                  // 4 (PP 99/2000 Pasal 9)
	MinPredicate       evaluation.Predicate // Baik
	PredicateYears     int                  // 2: each of the last two years
}

// NationalRules returns the national rules.
func NationalRules() Rules {
	return Rules{MinYearsRegular: 4, MinYearsFunctional: 2, MinYearsStructural: 4, MinPredicate: evaluation.Baik, PredicateYears: 2}
}

// levelCeiling is the highest grade a functional level reaches (PermenPANRB 1/2023, Lampiran).
var levelCeiling = map[career.Level]career.Grade{
	career.Pemula: career.IIA, career.Terampil: career.IID, career.Mahir: career.IIIB, career.Penyelia: career.IIID,
	career.AhliPertama: career.IIIB, career.AhliMuda: career.IIID, career.AhliMadya: career.IVC, career.AhliUtama: career.IVE,
}

// requiredCredit is the cumulative angka kredit needed to move from a grade to the next within a level
// (PermenPANRB 1/2023, Lampiran: kebutuhan angka kredit kumulatif minimal).
var requiredCredit = map[career.Level]map[career.Grade]float64{
	career.Terampil:    {career.IIB: 20, career.IIC: 20},
	career.Mahir:       {career.IIIA: 50},
	career.Penyelia:    {career.IIIC: 100},
	career.AhliPertama: {career.IIIA: 50},
	career.AhliMuda:    {career.IIIC: 100},
	career.AhliMadya:   {career.IVA: 150, career.IVB: 150},
	career.AhliUtama:   {career.IVD: 200},
}

// RequiredCredit returns the cumulative angka kredit a holder of a functional level needs to rise from grade g to
// the next, and false when the level's ceiling stops them at g (a move up a level, kenaikan jenjang, is needed).
func RequiredCredit(l career.Level, g career.Grade) (float64, bool) {
	c, ok := requiredCredit[l][g]
	return c, ok
}

// LevelCeiling returns the highest grade a functional level reaches.
func LevelCeiling(l career.Level) career.Grade { return levelCeiling[l] }

// Assess decides the rank promotion of c on the date on, under rules. The outcome is career.Eligible (Details "tmt"
// gives the promotion's TMT, the first TMT on or after on), career.NotYet (NotBefore is the earliest date all
// time-based criteria pass and no medium or heavy sanction already recorded is in force, neither on that date nor
// on the TMT that follows it; "tmt" that TMT) or career.NotEligible. A sanction already decided that starts before
// the TMT is one the employee would be serving when promoted (PP 94/2021 Pasal 8): it makes an otherwise eligible
// employee not yet eligible (promotion.no_sanction_ahead), or not eligible when it has no end.
func Assess(c Candidate, on career.Date, rules Rules) (career.Decision, error) {
	e := c.Employee
	if on.IsZero() {
		return career.Decision{}, career.Newf(career.Invalid, "date", "tanggal penilaian wajib diisi",
			"the date of the assessment is required")
	}
	if e.NIP.IsZero() {
		return career.Decision{}, career.Newf(career.Invalid, "nip", "NIP wajib diisi", "the NIP is required")
	}
	kind := KindOf(e)
	t := textsFor(rules)
	d := career.Decision{Kind: decisionKinds[kind], Subject: e.NIP.String(), JudgedAt: on,
		Criteria: make([]career.Criterion, 0, 6), Details: make(map[string]string, 4)}
	if e.Type == career.PPPK {
		d.Add(career.Criterion{Code: "promotion.pns_only", Passed: false, Required: "PNS", Found: "PPPK", Source: "UU 20/2023 Pasal 21",
			Text: career.Message{ID: "Kenaikan pangkat hanya bagi PNS", EN: "Rank promotion applies to PNS only"}})
		d.Outcome = career.NotEligible
		return d, nil
	}
	// Each missing fact is named by its own field, as career.Employee.Validate names it.
	if !e.Grade.Valid() {
		return career.Decision{}, career.Newf(career.Invalid, "grade", "golongan ruang terakhir (I/a sampai dengan IV/e) wajib diisi",
			"the current grade (I/a to IV/e) is required")
	}
	if e.GradeTMT.IsZero() {
		return career.Decision{}, career.Newf(career.Invalid, "grade_tmt", "TMT golongan terakhir wajib diisi",
			"the TMT of the current grade is required")
	}
	next, ok := e.Grade.Next()
	if !d.Add(career.Criterion{Code: "promotion.next_grade", Passed: ok, Required: "< IV/e", Found: e.Grade.String(), Source: "PP 99/2000 Pasal 2",
		Text: career.Message{ID: "Ada pangkat setingkat lebih tinggi", EN: "There is a higher grade"}}) {
		d.Outcome = career.NotEligible
		return d, nil
	}
	d.Set("from_grade", e.Grade.String())
	d.Set("to_grade", next.String())

	var waitBuf [3]career.Date // when each failing time criterion passes
	waits := waitBuf[:0]
	timeOK := true
	cured := true // every failing criterion is cured by time
	inGrade := e.InGrade(on)
	switch kind {
	case Regular, Functional:
		years, c := rules.MinYearsRegular, t.regular
		if kind == Functional {
			years, c = rules.MinYearsFunctional, t.functional
		}
		c.Passed, c.Found = inGrade.AtLeast(years, 0), inGrade.String()
		if !d.Add(c) {
			timeOK = false
			waits = append(waits, e.GradeTMT.AddYears(years))
		}
	}
	switch kind {
	case Regular:
		ceil := e.Education.Ceiling()
		if !d.Add(career.Criterion{Code: "promotion.regular.education_ceiling", Passed: ceil != 0 && next <= ceil,
			Required: ceilingText(e.Education), Found: next.String(), Source: "PP 99/2000 jo PP 12/2002 Pasal 4",
			Text: career.Message{ID: "Pangkat baru tidak melampaui batas pendidikan", EN: "The new grade is within the education ceiling"}}) {
			cured = false
		}
	case Functional:
		lvl := e.Position.Level
		ceil := LevelCeiling(lvl)
		if !d.Add(career.Criterion{Code: "promotion.functional.level_ceiling", Passed: ceil != 0 && next <= ceil,
			Required: levelRequired(lvl, ceil), Found: next.String(), Source: "PermenPANRB 1/2023 Lampiran",
			Text: career.Message{ID: "Pangkat baru dalam jenjang jabatan fungsional", EN: "The new grade is within the functional level"}}) {
			cured = false
		} else {
			need, known := RequiredCredit(lvl, e.Grade)
			c := career.Criterion{Code: "promotion.functional.credit", Passed: known && e.CreditPoints >= need,
				Required: creditRequired(need), Found: creditText("", e.CreditPoints), Source: "PermenPANRB 1/2023 Lampiran",
				Text: career.Message{ID: "Angka kredit kumulatif memenuhi", EN: "Enough cumulative angka kredit"}}
			if !known {
				// A grade below the level's first grade (an ahli muda at III/b) has no credit requirement in the
				// table: the record is inconsistent, and no promotion can be granted on it.
				c.Required = "pangkat dalam jenjang " + lvl.String()
				c.Found = e.Grade.String()
			}
			if !d.Add(c) {
				cured = false
			}
		}
	case Structural:
		low := e.Position.LowestGrade
		fast := low.Valid() && e.Grade == low-1
		if fast {
			// One grade below the position's lowest grade, either path opens the promotion: 1 year in grade and 1 year
			// in the position (PP 99/2000 Pasal 9 ayat 2), or the ordinary 4 years in grade (ayat 1). Without the
			// second, the date promised below (the earlier of the two) would not pass when it came.
			inPos := e.InPosition(on)
			pass := inGrade.AtLeast(1, 0) && inPos.AtLeast(1, 0) || inGrade.AtLeast(rules.MinYearsStructural, 0)
			d.Add(career.Criterion{Code: "promotion.structural.one_below_lowest", Passed: pass,
				Required: t.structuralFast,
				Found:    inGrade.String() + " / " + inPos.String(),
				Source:   "PP 99/2000 Pasal 9 ayat 2",
				Text:     career.Message{ID: "Satu tingkat di bawah pangkat terendah jabatan: 1 tahun dalam pangkat dan 1 tahun dalam jabatan", EN: "One grade below the position's lowest grade: 1 year in grade and 1 year in the position"}})
			if !pass {
				timeOK = false
				w := e.GradeTMT.AddYears(1)
				if p := e.PositionTMT.AddYears(1); p.After(w) {
					w = p
				}
				if alt := e.GradeTMT.AddYears(rules.MinYearsStructural); alt.Before(w) {
					w = alt
				}
				waits = append(waits, w)
			}
		} else {
			c := t.structural
			c.Passed, c.Found = inGrade.AtLeast(rules.MinYearsStructural, 0), inGrade.String()
			if !d.Add(c) {
				timeOK = false
				waits = append(waits, e.GradeTMT.AddYears(rules.MinYearsStructural))
			}
		}
		// The position's highest grade bars the promotion for as long as the employee holds it: time does not cure it.
		// The kind is managerial (KindOf), so positionCeilings has its criterion.
		pk := e.Position.Kind
		d.Criteria = append(d.Criteria, positionCeilings[pk])
		pc := &d.Criteria[len(d.Criteria)-1]
		pc.Passed, pc.Found = next <= pk.HighestGrade(), next.String()
		if !pc.Passed {
			cured = false
		}
	}
	if !predicates(&d, c, on, rules, t.predicate) {
		cured = false
	}
	if s, ok := e.SanctionInForce(on); ok && s.Level >= career.Sedang {
		d.Add(career.Criterion{Code: "promotion.no_sanction", Passed: false, Required: "tidak sedang menjalani hukuman disiplin sedang/berat",
			Found: sanctionFound(s), Source: "PP 94/2021 Pasal 8",
			Text: career.Message{ID: "Tidak sedang menjalani hukuman disiplin sedang atau berat", EN: "No medium or heavy disciplinary sanction in force"}})
		if s.Until.IsZero() {
			cured = false
		} else {
			timeOK = false
			waits = append(waits, s.Until.AddDays(1))
		}
	} else {
		d.Add(career.Criterion{Code: "promotion.no_sanction", Passed: true, Required: "tidak sedang menjalani hukuman disiplin sedang/berat", Found: "tidak ada", Source: "PP 94/2021 Pasal 8",
			Text: career.Message{ID: "Tidak sedang menjalani hukuman disiplin sedang atau berat", EN: "No medium or heavy disciplinary sanction in force"}})
	}
	// The schedule named is the one the promised TMT falls under, not the one in force on the date judged: judged
	// on 15 December 2023, the TMT is 1 February 2024, a date the 2024 schedule made (1 February was no TMT before).
	scheduleAt := on
	if cured {
		from := on
		for _, w := range waits {
			if w.After(from) {
				from = w
			}
		}
		clear, tmt, ahead, ok := clearOfSanctions(e, on, from)
		if ahead.Level != 0 { // a sanction not in force on the date judged stands in the way of the TMT
			found := "hukuman disiplin " + ahead.Level.String() + " mulai " + ahead.From.String()
			if !ahead.Until.IsZero() {
				found += " s.d. " + ahead.Until.String()
			}
			d.Add(career.Criterion{Code: "promotion.no_sanction_ahead", Passed: false,
				Required: "tidak menjalani hukuman disiplin sedang/berat saat syarat terpenuhi dan pada TMT", Found: found,
				Source: "PP 94/2021 Pasal 8",
				Text: career.Message{ID: "Tidak menjalani hukuman disiplin sedang atau berat saat syarat lain terpenuhi dan pada TMT",
					EN: "No medium or heavy disciplinary sanction in force when the other criteria pass, nor on the TMT"}})
		}
		switch {
		case !ok: // an open-ended sanction: no date to promise
			d.Outcome = career.NotEligible
		case clear == on && timeOK:
			d.Outcome = career.Eligible
		default:
			d.Outcome, d.NotBefore = career.NotYet, clear
		}
		if ok {
			d.Set("tmt", tmt.String())
			scheduleAt = tmt
		}
	} else {
		d.Outcome = career.NotEligible
	}
	d.Set("tmt_schedule", ScheduleAt(scheduleAt).Source)
	return d, nil
}

// clearOfSanctions returns the first date on or after from on which no medium or heavy sanction of e is in force,
// neither on that date nor on the TMT that follows it (PP 94/2021 Pasal 8: no rank promotion while serving one),
// and that TMT. ahead is the last sanction waited for that is not in force on the date judged (zero if none): a
// sanction already decided that starts later. ok is false when an open-ended sanction stands in the way.
func clearOfSanctions(e career.Employee, judged, from career.Date) (clear, tmt career.Date, ahead career.Sanction, ok bool) {
	blocking := func(on career.Date) (career.Sanction, bool) {
		s, in := e.SanctionInForce(on)
		return s, in && s.Level >= career.Sedang
	}
	for range 2*len(e.Sanctions) + 1 { // each sanction moves the date at most once past its end
		s, in := blocking(from)
		if !in {
			tmt = NextTMT(from)
			if s, in = blocking(tmt); !in {
				return from, tmt, ahead, true
			}
		}
		if !s.InForce(judged) {
			ahead = s
		}
		if s.Until.IsZero() {
			return career.Date{}, career.Date{}, ahead, false
		}
		from = s.Until.AddDays(1)
	}
	return career.Date{}, career.Date{}, ahead, false // unreachable: the sanctions are finitely many
}

// sanctionFound describes a sanction in force for a criterion's Found: "hukuman disiplin sedang s.d. 2026-06-30", or
// "… tanpa batas akhir" when it has no end date (an empty date would read as a missing value).
func sanctionFound(s career.Sanction) string {
	if s.Until.IsZero() {
		return "hukuman disiplin " + s.Level.String() + " tanpa batas akhir"
	}
	return "hukuman disiplin " + s.Level.String() + " s.d. " + s.Until.String()
}

// predicates adds the criterion "at least MinPredicate in each of the last PredicateYears years" (the years before
// the year of on) and reports whether it passed. c is the criterion with its fixed texts.
func predicates(d *career.Decision, cand Candidate, on career.Date, rules Rules, c career.Criterion) bool {
	pass := true
	// key packs the years judged and the predicate of each (0: none), so that the found text, the same few over a
	// whole run, is formatted once; ok is false when they do not fit in it.
	from, n := on.Year()-rules.PredicateYears, rules.PredicateYears
	key, fits := uint64(uint32(from))<<32|uint64(n)<<24, n >= 0 && n <= 6
	for j, y := 0, from; y < on.Year(); j, y = j+1, y+1 {
		p, ok := cand.Predicates[y]
		if !ok || !p.AtLeast(rules.MinPredicate) {
			pass = false
		}
		v := 0
		if ok {
			v = int(p) + 1
		}
		if v < 0 || v > 15 || ok && v == 0 {
			fits = false
		} else if fits {
			key |= uint64(v) << (4 * j)
		}
	}
	c.Passed = pass
	if fits {
		e := &predicateTexts[uint32(key^key>>32)*0x9e3779b1>>(32-predicateCacheBits)]
		if t := e.Load(); t != nil && t.key == key {
			c.Found = t.s
		} else {
			c.Found = predicatesFound(cand, from, on.Year())
			e.Store(&predicateText{key, c.Found})
		}
	} else {
		c.Found = predicatesFound(cand, from, on.Year())
	}
	d.Add(c)
	return pass
}

// predicatesFound formats the predicates of the years [from, to): "2023: B, 2024: -".
func predicatesFound(cand Candidate, from, to int) string {
	found := make([]byte, 0, 48)
	for y := from; y < to; y++ {
		if len(found) > 0 {
			found = append(found, ", "...)
		}
		found = strconv.AppendInt(found, int64(y), 10)
		found = append(found, ": "...)
		p, ok := cand.Predicates[y]
		if !ok {
			found = append(found, '-')
			continue
		}
		found = append(found, p.String()...)
	}
	return string(found)
}

const predicateCacheBits = 8

type predicateText struct {
	key uint64
	s   string
}

// predicateTexts caches the found texts of the predicate criterion by key (see predicates); entries are replaced
// whole.
var predicateTexts [1 << predicateCacheBits]atomic.Pointer[predicateText]

// levelTexts holds the Required text of the level-ceiling criterion for each functional level.
var levelTexts = func() (t [career.AhliUtama + 1]string) {
	for l := career.Pemula; l <= career.AhliUtama; l++ {
		t[l] = "≤ " + LevelCeiling(l).String() + " (" + l.String() + ")"
	}
	return t
}()

// levelRequired returns "≤ ceil (level)", from levelTexts when it is there.
func levelRequired(l career.Level, ceil career.Grade) string {
	if l >= career.Pemula && l <= career.AhliUtama {
		return levelTexts[l]
	}
	return "≤ " + ceil.String() + " (" + l.String() + ")"
}

// creditTexts holds the Required text of the credit criterion for every value of requiredCredit.
var creditTexts = func() map[float64]string {
	m := map[float64]string{0: creditText("≥ ", 0)}
	for _, gs := range requiredCredit {
		for _, v := range gs {
			m[v] = creditText("≥ ", v)
		}
	}
	return m
}()

// creditRequired returns "≥ need" with two decimals.
func creditRequired(need float64) string {
	if s, ok := creditTexts[need]; ok {
		return s
	}
	return creditText("≥ ", need)
}

// creditText is fmt.Sprintf(prefix+"%.2f", v) without fmt.
func creditText(prefix string, v float64) string {
	b := make([]byte, 0, 24)
	b = append(b, prefix...)
	return string(strconv.AppendFloat(b, v, 'f', 2, 64))
}

// positionCeilings holds, for each managerial kind, the criterion of a structural promotion that the new grade does
// not exceed the highest grade of the position's eselon (PP 100/2000 jo PP 13/2002 Lampiran; see
// career.PositionKind.HighestGrade), with its fixed texts, so that an assessment sets only Passed and Found.
var positionCeilings = func() (t [career.Pengawas + 1]career.Criterion) {
	for k := career.JPTUtama; k <= career.Pengawas; k++ {
		t[k] = career.Criterion{Code: "promotion.structural.position_ceiling",
			Required: "≤ " + k.HighestGrade().String() + " (" + k.String() + ")", Source: positionCeilingSource,
			Text: career.Message{ID: "Pangkat baru tidak melampaui pangkat tertinggi jabatan", EN: "The new grade is within the position's highest grade"}}
	}
	return t
}()

const positionCeilingSource = "PP 100/2000 jo PP 13/2002 Lampiran"

var decisionKinds = map[Kind]string{Regular: "promotion.regular", Functional: "promotion.functional", Structural: "promotion.structural"}

// ceilingRequired is the Required text of the education-ceiling criterion for each education level.
var ceilingRequired = func() map[career.Education]string {
	m := map[career.Education]string{0: "pendidikan terakhir tercatat"}
	for _, e := range career.Educations() {
		m[e] = "≤ " + e.Ceiling().String() + " (" + e.String() + ")"
	}
	return m
}()

// ceilingText returns the Required text of the education-ceiling criterion; an education not recorded (or not known)
// asks for one, since the ceiling cannot be judged without it.
func ceilingText(e career.Education) string {
	if !e.Valid() {
		e = 0
	}
	return ceilingRequired[e]
}

// ruleTexts are the parts of the criteria that depend only on the rules, built once per Rules value so that an
// assessment formats only what depends on the employee.
type ruleTexts struct {
	regular, functional, structural, predicate career.Criterion
	structuralFast                             string
}

var textCache sync.Map // Rules → *ruleTexts

func textsFor(r Rules) *ruleTexts {
	if t, ok := textCache.Load(r); ok {
		return t.(*ruleTexts)
	}
	years := func(code string, n int, src string) career.Criterion {
		return career.Criterion{Code: code, Required: career.Years(n), Source: src,
			Text: career.Message{ID: fmt.Sprintf("Paling singkat %d tahun dalam pangkat terakhir", n), EN: fmt.Sprintf("At least %d years in the current grade", n)}}
	}
	t := &ruleTexts{
		regular:    years("promotion.regular.min_years_in_grade", r.MinYearsRegular, "PP 99/2000 jo PP 12/2002 Pasal 7"),
		functional: years("promotion.functional.min_years_in_grade", r.MinYearsFunctional, "PermenPANRB 1/2023"),
		structural: years("promotion.structural.min_years_in_grade", r.MinYearsStructural, "PP 99/2000 Pasal 9"),
		predicate: career.Criterion{Code: "promotion.predicate",
			Required: fmt.Sprintf("≥ %s, %d tahun terakhir", r.MinPredicate, r.PredicateYears),
			Source:   "PP 99/2000 Pasal 7; PermenPANRB 6/2022",
			Text: career.Message{ID: fmt.Sprintf("Predikat kinerja minimal %s dalam %d tahun terakhir", r.MinPredicate.Name().ID, r.PredicateYears),
				EN: fmt.Sprintf("Predicate at least %s in each of the last %d years", r.MinPredicate.Name().EN, r.PredicateYears)}},
		structuralFast: fmt.Sprintf("1 tahun dalam pangkat dan 1 tahun dalam jabatan, atau %d tahun dalam pangkat", r.MinYearsStructural),
	}
	v, _ := textCache.LoadOrStore(r, t)
	return v.(*ruleTexts)
}
