package promotion

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// Opening is a position open for selection.
type Opening struct {
	ID       string
	Position career.Position
	On       career.Date // the date applicants are judged at
}

// Applicant is an employee applying for an opening, with the scores the selection panel measured.
type Applicant struct {
	Employee   career.Employee
	Predicates map[int]evaluation.Predicate
	Competence float64 // competency assessment score, 0–100
	Innovation float64 // innovation score, 0–100 (Semarang)
	// Flagship marks Sangat Baik on a flagship project (Kalianda's bonus).
	Flagship bool
	// ExtraMinutes is development this year beyond the yearly requirement (Wanggar's fast track).
	ExtraMinutes int
}

// Selection is a selection for one opening.
type Selection struct {
	Opening    Opening
	Applicants []Applicant
}

// Validate reports whether the selection is well formed.
func (s Selection) Validate() error {
	if s.Opening.On.IsZero() {
		return career.Newf(career.Invalid, "opening.on", "tanggal seleksi wajib diisi",
			"the selection date is required")
	}
	if err := s.Opening.Position.Validate(); err != nil {
		return err
	}
	seen := map[career.NIP]bool{}
	for i, a := range s.Applicants {
		f := fmt.Sprintf("applicants[%d]", i)
		switch {
		case a.Employee.NIP.IsZero():
			return career.Newf(career.Invalid, f+".nip", "NIP wajib diisi", "the NIP is required")
		case seen[a.Employee.NIP]:
			return career.Newf(career.Invalid, f+".nip", "%s mendaftar dua kali", "%s applies twice", a.Employee.NIP)
		case a.Competence < 0 || a.Competence > 100 || a.Competence != a.Competence:
			return career.Newf(career.Invalid, f+".competence", "nilai kompetensi harus 0 sampai dengan 100",
				"the competence score must be 0 to 100")
		case a.Innovation < 0 || a.Innovation > 100 || a.Innovation != a.Innovation:
			return career.Newf(career.Invalid, f+".innovation", "nilai inovasi harus 0 sampai dengan 100",
				"the innovation score must be 0 to 100")
		case a.ExtraMinutes < 0:
			return career.Newf(career.Invalid, f+".extra_minutes", "menit tambahan tidak boleh negatif",
				"extra minutes cannot be negative")
		}
		seen[a.Employee.NIP] = true
	}
	return nil
}

// Weights weigh the merit score of a selection. Performance, Competence, Innovation and Experience are shares that
// should add up to 1; FlagshipBonus is points added for a flagship project.
type Weights struct {
	Performance   float64
	Competence    float64
	Innovation    float64
	Experience    float64
	FlagshipBonus float64
}

// FastTrack halves the time-in-position requirement for pengawas and administrator selections for applicants with
// Sangat Baik in each of the last Years years and at least ExtraMinutes of development beyond the yearly requirement
// (Wanggar). It never applies to JPT, whose floors are national.
type FastTrack struct {
	Years        int
	ExtraMinutes int
	Source       string
}

// SelectionRules are the eligibility rules of a position selection other than JPT: time in the current position and
// predicates (UU 20/2023 on the merit system; PP 11/2017 Pasal 107–108 as amended by PP 17/2020).
type SelectionRules struct {
	MinYearsInPosition int                  // 2
	MinPredicate       evaluation.Predicate // Baik
	PredicateYears     int                  // 2
	FastTrack          *FastTrack
	Source             string
}

// NationalSelectionRules returns the national baseline for selections.
func NationalSelectionRules() SelectionRules {
	return SelectionRules{MinYearsInPosition: 2, MinPredicate: evaluation.Baik, PredicateYears: 2, Source: "PP 11/2017 jo PP 17/2020 Pasal 108"}
}

// Ranked is one applicant's place in a ranking.
type Ranked struct {
	NIP      career.NIP
	Rank     int // 1 is first; 0 for an ineligible applicant
	Score    float64
	Decision career.Decision
}

// Ranking is the result of a selection: eligible applicants by rank, then ineligible ones by NIP.
type Ranking struct {
	Opening string
	Ranked  []Ranked
}

// PerformanceScore turns the annual predicates of the years before on into a 0–100 score: the mean of Sangat Baik
// 100, Baik 80, Butuh Perbaikan 60, Kurang 40, Sangat Kurang 20 over the last `years` years, a missing year counting 0.
func PerformanceScore(preds map[int]evaluation.Predicate, on career.Date, years int) float64 {
	if years <= 0 {
		return 0
	}
	sum := 0.0
	for y := on.Year() - years; y < on.Year(); y++ {
		if p, ok := preds[y]; ok {
			sum += float64(p) * 20
		}
	}
	return sum / float64(years)
}

// Rank assesses each applicant for the opening under the rules and ranks the eligible ones by their merit score
// under the weights. Ties are broken by the better latest predicate, then — in the same grade — the longer time in
// grade, then the higher grade, then the earlier appointment, then the NIP, so the ranking is deterministic.
func Rank(s Selection, rules SelectionRules, w Weights) (Ranking, error) {
	if err := s.Validate(); err != nil {
		return Ranking{}, err
	}
	on := s.Opening.On
	out := Ranking{Opening: s.Opening.ID}
	type scored struct {
		Ranked
		a Applicant
	}
	var ok, no []scored
	for _, a := range s.Applicants {
		d := career.Decision{Kind: "promotion.selection", Subject: a.Employee.NIP.String(), JudgedAt: on}
		eligible := selectionCriteria(&d, s.Opening, a, rules)
		perf := PerformanceScore(a.Predicates, on, 2)
		exp := min(float64(a.Employee.InService(on).TotalMonths())/240*100, 100) // 20 years of service is full marks
		score := w.Performance*perf + w.Competence*a.Competence + w.Innovation*a.Innovation + w.Experience*exp
		if a.Flagship {
			score += w.FlagshipBonus
		}
		d.Set("score", fmt.Sprintf("%.2f", score))
		d.Set("performance", fmt.Sprintf("%.2f", perf))
		d.Set("competence", fmt.Sprintf("%.2f", a.Competence))
		if w.Innovation > 0 {
			d.Set("innovation", fmt.Sprintf("%.2f", a.Innovation))
		}
		if w.Experience > 0 {
			d.Set("experience", fmt.Sprintf("%.2f", exp))
		}
		if a.Flagship && w.FlagshipBonus > 0 {
			d.Set("flagship_bonus", fmt.Sprintf("%.2f", w.FlagshipBonus))
		}
		r := scored{Ranked{NIP: a.Employee.NIP, Score: score, Decision: d}, a}
		if eligible {
			r.Decision.Outcome = career.Eligible
			ok = append(ok, r)
		} else {
			r.Decision.Outcome = career.NotEligible
			no = append(no, r)
		}
	}
	latest := func(a Applicant) evaluation.Predicate { return a.Predicates[on.Year()-1] }
	slices.SortFunc(ok, func(x, y scored) int {
		return cmp.Or(
			cmp.Compare(y.Score, x.Score),
			cmp.Compare(latest(y.a), latest(x.a)),
			x.a.Employee.GradeTMT.Compare(y.a.Employee.GradeTMT)*boolSign(x.a.Employee.Grade == y.a.Employee.Grade),
			cmp.Compare(y.a.Employee.Grade, x.a.Employee.Grade),
			x.a.Employee.AppointedOn().Compare(y.a.Employee.AppointedOn()),
			strings.Compare(x.NIP.String(), y.NIP.String()),
		)
	})
	slices.SortFunc(no, func(x, y scored) int { return strings.Compare(x.NIP.String(), y.NIP.String()) })
	for i, r := range ok {
		r.Rank = i + 1
		r.Decision.Set("rank", fmt.Sprint(i+1))
		out.Ranked = append(out.Ranked, r.Ranked)
	}
	for _, r := range no {
		out.Ranked = append(out.Ranked, r.Ranked)
	}
	return out, nil
}

func boolSign(b bool) int {
	if b {
		return 1
	}
	return 0
}

// selectionCriteria adds the eligibility criteria of an applicant for an opening and reports whether all passed.
func selectionCriteria(d *career.Decision, o Opening, a Applicant, rules SelectionRules) bool {
	on := o.On
	e := a.Employee
	kind := o.Position.Kind
	if kind == career.JPTPratama || kind == career.JPTMadya || kind == career.JPTUtama {
		for _, c := range JPTFloors(o, e) {
			d.Add(c)
		}
		return d.AllPassed()
	}
	years := rules.MinYearsInPosition
	months := years * 12
	if ft := rules.FastTrack; ft != nil && (kind == career.Pengawas || kind == career.Administrator) {
		sb := true
		for y := on.Year() - ft.Years; y < on.Year(); y++ {
			if a.Predicates[y] != evaluation.SangatBaik {
				sb = false
			}
		}
		qualifies := sb && a.ExtraMinutes >= ft.ExtraMinutes
		d.Add(career.Criterion{Code: "promotion.selection.fast_track", Passed: qualifies,
			Required: fmt.Sprintf("Sangat Baik %d tahun berturut-turut dan ≥ %d JP di atas 20 JP", ft.Years, ft.ExtraMinutes/45),
			Found:    fmt.Sprintf("%d JP tambahan", a.ExtraMinutes/45), Source: ft.Source,
			Text: career.Message{ID: "Jalur cepat: syarat masa jabatan menjadi separuh", EN: "Fast track: half the time-in-position requirement"}})
		if !qualifies {
			// The fast track is an option, not a requirement: a failed fast track does not fail the applicant.
			d.Criteria[len(d.Criteria)-1].Passed = true
			d.Criteria[len(d.Criteria)-1].Found += " (tidak memenuhi; syarat biasa berlaku)"
		} else {
			months = years * 6
		}
	}
	inPos := e.InPosition(on)
	d.Add(career.Criterion{Code: "promotion.selection.min_time_in_position", Passed: inPos.TotalMonths() >= months,
		Required: career.Span{Years: months / 12, Months: months % 12}.String(), Found: inPos.String(), Source: rules.Source,
		Text: career.Message{ID: "Masa dalam jabatan saat ini", EN: "Time in the current position"}})
	var found []string
	pass := true
	for y := on.Year() - rules.PredicateYears; y < on.Year(); y++ {
		p, ok := a.Predicates[y]
		if ok {
			found = append(found, fmt.Sprintf("%d: %s", y, p))
		} else {
			found = append(found, fmt.Sprintf("%d: -", y)) // no appraisal that year, as in the rank-promotion criterion
		}
		if !ok || !p.AtLeast(rules.MinPredicate) {
			pass = false
		}
	}
	d.Add(career.Criterion{Code: "promotion.selection.predicate", Passed: pass, Required: fmt.Sprintf("≥ %s, %d tahun terakhir", rules.MinPredicate, rules.PredicateYears),
		Found: strings.Join(found, ", "), Source: rules.Source,
		Text: career.Message{ID: "Predikat kinerja minimal " + rules.MinPredicate.Name().ID, EN: "Predicate at least " + rules.MinPredicate.Name().EN}})
	// The rule is applied to every applicant, so the decision lists it whether it passes or not (DESIGN §3.9).
	sanction := career.Criterion{Code: "promotion.selection.no_sanction", Passed: true, Required: "tidak sedang menjalani hukuman disiplin",
		Found: "tidak ada", Source: "PP 94/2021",
		Text: career.Message{ID: "Tidak sedang menjalani hukuman disiplin", EN: "No disciplinary sanction in force"}}
	if s, ok := e.SanctionInForce(on); ok {
		sanction.Passed, sanction.Found = false, sanctionFound(s)
	}
	d.Add(sanction)
	return d.AllPassed()
}
