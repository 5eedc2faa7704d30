package mentoring

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/training"
)

const source = "PP 17/2020 Pasal 203; Peraturan LAN 10/2018"

// Profile is an employee as mentoring sees them.
type Profile struct {
	Employee career.Employee
	// Predicate is the latest performance predicate (zero when none).
	Predicate evaluation.Predicate
	// Capacity, for a mentor, overrides the policy's default number of mentees (0: the default).
	Capacity int
}

// MatchRequest asks to match mentees to mentors on a date.
type MatchRequest struct {
	Mentors []Profile
	Mentees []Profile
	On      career.Date
}

// Validate reports whether the request is well formed.
func (r MatchRequest) Validate() error {
	if r.On.IsZero() {
		return career.Newf(career.Invalid, "on", "tanggal pencocokan mentor dan mentee wajib diisi",
			"the date of the matching is required")
	}
	seen := map[career.NIP]string{}
	for i, p := range r.Mentors {
		f := fmt.Sprintf("mentors[%d]", i)
		if p.Employee.NIP.IsZero() {
			return career.Newf(career.Invalid, f+".nip", "NIP wajib diisi", "the NIP is required")
		}
		if p.Capacity < 0 {
			return career.Newf(career.Invalid, f+".capacity", "kapasitas tidak boleh negatif",
				"capacity cannot be negative")
		}
		if _, dup := seen[p.Employee.NIP]; dup {
			return career.Newf(career.Invalid, f+".nip", "%s tercantum dua kali", "%s appears twice", p.Employee.NIP)
		}
		seen[p.Employee.NIP] = "mentor"
	}
	for i, p := range r.Mentees {
		f := fmt.Sprintf("mentees[%d]", i)
		if p.Employee.NIP.IsZero() {
			return career.Newf(career.Invalid, f+".nip", "NIP wajib diisi", "the NIP is required")
		}
		if role, dup := seen[p.Employee.NIP]; dup && role == "mentee" {
			return career.Newf(career.Invalid, f+".nip", "%s tercantum dua kali", "%s appears twice", p.Employee.NIP)
		}
		seen[p.Employee.NIP] = "mentee"
	}
	return nil
}

// Pair is a mentor and a mentee matched together.
type Pair struct {
	Mentor career.NIP
	Mentee career.NIP
	Score  float64
}

// Unmatched is a mentee left without a mentor, and why.
type Unmatched struct {
	Mentee career.NIP
	Reason career.Message
}

// Matching is the result of Match.
type Matching struct {
	Pairs     []Pair
	Unmatched []Unmatched
	Decision  career.Decision
}

// Policy is a region's mentoring policy.
type Policy interface {
	Match(ctx context.Context, r MatchRequest) (Matching, error)
}

// Rule is a condition on a profile (who may mentor, who needs a mentor) or on a pair; ok false carries the reason.
type (
	ProfileRule func(p Profile, on career.Date) (ok bool, why career.Message)
	PairRule    func(mentor, mentee Profile, on career.Date) (ok bool, why career.Message)
	ScoreFunc   func(mentor, mentee Profile, on career.Date) float64
)

// National is the national mentoring policy and the base regions adjust: any senior with a predicate of at least
// Baik may mentor up to Capacity mentees; extra rules narrow who mentors, who is mentored and which pairs are
// allowed; Score ranks the allowed pairs.
type National struct {
	Capacity     int
	MinPredicate evaluation.Predicate
	Mentor       []ProfileRule // extra conditions on mentors (Wanggar: administrator or above)
	Mentee       []ProfileRule // who needs a mentor (Tanjungpinang: first-year staff)
	Pair         []PairRule    // extra conditions on pairs (Kalianda: same unit; Semarang: same profession)
	Score        ScoreFunc
	// Rules describes the extra rules in the decision, in Indonesian and English, with their source.
	Rules []career.Criterion
}

// NewNational returns the national baseline: capacity 3, predicate at least Baik, seniority, NationalScore.
func NewNational() *National {
	return &National{Capacity: 3, MinPredicate: evaluation.Baik, Score: NationalScore}
}

// Senior reports whether a is senior to b: for two PNS a higher grade, or the same grade and an earlier appointment
// (TMT CPNS); when either is PPPK, whose grades do not compare with PNS grades, the earlier appointment.
func Senior(a, b career.Employee) bool {
	if a.Type == career.PNS && b.Type == career.PNS && a.Grade != b.Grade {
		return a.Grade > b.Grade
	}
	return a.AppointedOn().Before(b.AppointedOn())
}

// Eligible checks the national mentor conditions for one pair: different people, mentor senior to the mentee, the
// mentor's latest predicate at least min.
func Eligible(mentor, mentee Profile, min evaluation.Predicate) (bool, career.Message) {
	switch {
	case mentor.Employee.NIP == mentee.Employee.NIP:
		return false, career.Message{ID: "Mentor dan mentee orang yang sama", EN: "Mentor and mentee are the same person"}
	case !Senior(mentor.Employee, mentee.Employee):
		return false, career.Message{ID: "Mentor harus lebih senior dari mentee", EN: "The mentor must be senior to the mentee"}
	case !mentor.Predicate.AtLeast(min):
		return false, career.Message{ID: "Predikat kinerja mentor minimal " + min.Name().ID, EN: "The mentor's predicate must be at least " + min.Name().EN}
	}
	return true, career.Message{}
}

// NationalScore prefers mentors in the same unit (+3) and the same job field (+3), and a grade gap of one or two
// (+2, +1) over a wider one; a better mentor predicate adds one for Sangat Baik.
func NationalScore(mentor, mentee Profile, on career.Date) float64 {
	s := 0.0
	if strings.EqualFold(mentor.Employee.Unit, mentee.Employee.Unit) && mentor.Employee.Unit != "" {
		s += 3
	}
	if strings.EqualFold(mentor.Employee.Position.Field, mentee.Employee.Position.Field) && mentor.Employee.Position.Field != "" {
		s += 3
	}
	switch int(mentor.Employee.Grade) - int(mentee.Employee.Grade) {
	case 1:
		s += 2
	case 2:
		s++
	}
	if mentor.Predicate == evaluation.SangatBaik {
		s++
	}
	return s
}

// Match implements Policy: it filters mentors and mentees by the rules, builds every allowed pair with its score, and
// solves the capacitated assignment with Assign. Inputs are sorted by NIP first, so the result does not depend on
// their order.
func (n *National) Match(ctx context.Context, r MatchRequest) (Matching, error) {
	if err := ctx.Err(); err != nil {
		return Matching{}, err
	}
	if err := r.Validate(); err != nil {
		return Matching{}, err
	}
	byNIP := func(a, b Profile) int { return strings.Compare(a.Employee.NIP.String(), b.Employee.NIP.String()) }
	mentors, mentees := slices.Clone(r.Mentors), slices.Clone(r.Mentees)
	slices.SortFunc(mentors, byNIP)
	slices.SortFunc(mentees, byNIP)

	var out Matching
	d := career.Decision{Kind: "mentoring.match", Subject: r.On.String(), JudgedAt: r.On}
	d.Add(career.Criterion{Code: "mentoring.mentor_senior", Passed: true, Source: source,
		Text: career.Message{ID: "Mentor lebih senior dari mentee", EN: "The mentor is senior to the mentee"}})
	d.Add(career.Criterion{Code: "mentoring.mentor_predicate", Passed: true, Required: "≥ " + n.MinPredicate.String(), Source: "PermenPANRB 6/2022",
		Text: career.Message{ID: "Predikat kinerja mentor minimal " + n.MinPredicate.Name().ID, EN: "The mentor's predicate is at least " + n.MinPredicate.Name().EN}})
	d.Add(career.Criterion{Code: "mentoring.capacity", Passed: true, Required: fmt.Sprintf("≤ %d mentee", n.Capacity), Source: source,
		Text: career.Message{ID: "Jumlah mentee per mentor dibatasi", EN: "Each mentor takes a limited number of mentees"}})
	d.Criteria = append(d.Criteria, n.Rules...)

	var okMentors []Profile
	for _, m := range mentors {
		if pass(n.Mentor, m, r.On) {
			okMentors = append(okMentors, m)
		}
	}
	var okMentees []Profile
	for _, e := range mentees {
		if ok, why := passWhy(n.Mentee, e, r.On); !ok {
			out.Unmatched = append(out.Unmatched, Unmatched{Mentee: e.Employee.NIP, Reason: why})
			continue
		}
		okMentees = append(okMentees, e)
	}
	capacity := make([]int, len(okMentors))
	for j, m := range okMentors {
		capacity[j] = cmp.Or(m.Capacity, n.Capacity)
	}
	score := n.Score
	if score == nil {
		score = NationalScore
	}
	var edges []Edge
	for i, e := range okMentees {
		for j, m := range okMentors {
			if ok, _ := Eligible(m, e, n.MinPredicate); !ok {
				continue
			}
			if !passPair(n.Pair, m, e, r.On) {
				continue
			}
			sc := score(m, e, r.On)
			if math.IsNaN(sc) || math.Abs(sc) > maxAbsScore {
				// A region's score function gave a value Assign cannot weigh: a fault of the policy, not of the
				// request, and one that would otherwise drop the pair silently.
				return Matching{}, career.Newf(career.Internal, "score", "kebijakan memberi pasangan mentor %s dan mentee %s nilai %v, bukan bilangan terhingga dalam ±%g",
					"the policy scores mentor %s for mentee %s as %v, not a finite number within ±%g", m.Employee.NIP, e.Employee.NIP, sc, maxAbsScore)
			}
			edges = append(edges, Edge{Mentee: i, Mentor: j, Score: sc})
		}
	}
	scores := make(map[[2]int]float64, len(edges))
	hasEdge := make([]bool, len(okMentees))
	for _, e := range edges {
		scores[[2]int{e.Mentee, e.Mentor}] = e.Score
		hasEdge[e.Mentee] = true
	}
	for i, j := range Assign(len(okMentees), capacity, edges) {
		if j < 0 {
			why := career.Message{ID: "Semua mentor yang memenuhi syarat sudah penuh", EN: "Every eligible mentor is at capacity"}
			if !hasEdge[i] {
				why = career.Message{ID: "Tidak ada mentor yang memenuhi syarat", EN: "No eligible mentor"}
			}
			out.Unmatched = append(out.Unmatched, Unmatched{Mentee: okMentees[i].Employee.NIP, Reason: why})
			continue
		}
		out.Pairs = append(out.Pairs, Pair{Mentor: okMentors[j].Employee.NIP, Mentee: okMentees[i].Employee.NIP, Score: scores[[2]int{i, j}]})
	}
	slices.SortFunc(out.Unmatched, func(a, b Unmatched) int { return strings.Compare(a.Mentee.String(), b.Mentee.String()) })
	total := 0.0
	for _, p := range out.Pairs {
		total += p.Score
	}
	d.Outcome = fmt.Sprintf("%d/%d", len(out.Pairs), len(r.Mentees))
	d.Set("pairs", fmt.Sprint(len(out.Pairs)))
	d.Set("unmatched", fmt.Sprint(len(out.Unmatched)))
	d.Set("total_score", fmt.Sprintf("%.3f", total))
	out.Decision = d
	return out, nil
}

func pass(rules []ProfileRule, p Profile, on career.Date) bool {
	ok, _ := passWhy(rules, p, on)
	return ok
}

func passWhy(rules []ProfileRule, p Profile, on career.Date) (bool, career.Message) {
	for _, rule := range rules {
		if ok, why := rule(p, on); !ok {
			return false, why
		}
	}
	return true, career.Message{}
}

func passPair(rules []PairRule, m, e Profile, on career.Date) bool {
	for _, rule := range rules {
		if ok, _ := rule(m, e, on); !ok {
			return false
		}
	}
	return true
}

// SameUnit allows only pairs in the same unit (Kalianda).
func SameUnit(m, e Profile, _ career.Date) (bool, career.Message) {
	if m.Employee.Unit != "" && strings.EqualFold(m.Employee.Unit, e.Employee.Unit) {
		return true, career.Message{}
	}
	return false, career.Message{ID: "Mentor harus dari unit kerja yang sama", EN: "The mentor must work in the same unit"}
}

// SameProfession allows only pairs of the same job field or profession, across units (Semarang).
func SameProfession(m, e Profile, _ career.Date) (bool, career.Message) {
	if m.Employee.Position.Field != "" && strings.EqualFold(m.Employee.Position.Field, e.Employee.Position.Field) {
		return true, career.Message{}
	}
	return false, career.Message{ID: "Mentor harus dari profesi yang sama", EN: "The mentor must share the mentee's profession"}
}

// FirstYearMentee admits as mentees only those in their first year of service (Wanggar, Tanjungpinang). It is
// NewStaffMentee(1).
func FirstYearMentee(p Profile, on career.Date) (bool, career.Message) {
	return NewStaffMentee(1)(p, on)
}

// NewStaffMentee admits as mentees only those with less than the given years of service, so that a region can
// publish the bound as a parameter and change it.
func NewStaffMentee(years int) ProfileRule {
	return func(p Profile, on career.Date) (bool, career.Message) {
		if p.Employee.InService(on).Years < years {
			return true, career.Message{}
		}
		if years == 1 {
			return false, career.Message{ID: "Mentoring hanya untuk pegawai pada tahun pertama", EN: "Mentoring is for staff in their first year only"}
		}
		return false, career.Message{
			ID: fmt.Sprintf("Mentoring hanya untuk pegawai dengan masa kerja kurang dari %d tahun", years),
			EN: fmt.Sprintf("Mentoring is for staff with less than %d years of service only", years),
		}
	}
}

// ManagerialMentor admits as mentors only holders of a managerial post at the given kind or above
// (Wanggar: administrator or above).
func ManagerialMentor(atLeast career.PositionKind) ProfileRule {
	return func(p Profile, _ career.Date) (bool, career.Message) {
		k := p.Employee.Position.Kind
		if k.Managerial() && k.Rank() >= atLeast.Rank() {
			return true, career.Message{}
		}
		return false, career.Message{ID: "Mentor harus pejabat " + atLeast.String() + " atau lebih tinggi", EN: "The mentor must hold a " + atLeast.String() + " post or higher"}
	}
}

// Session is one mentoring meeting. Its minutes count toward the mentee's JP.
type Session struct {
	Date    career.Date
	Minutes int
	Topic   string
}

// Activity returns the session as a development activity in the mentee's ledger (method Mentoring).
func (s Session) Activity(mentee career.NIP, pairID string) (training.Activity, error) {
	if s.Date.IsZero() {
		return training.Activity{}, career.Newf(career.Invalid, "date", "tanggal sesi wajib diisi",
			"the session date is required")
	}
	if s.Minutes <= 0 || s.Minutes > 24*60 {
		return training.Activity{}, career.Newf(career.Invalid, "minutes", "satu sesi berlangsung antara 1 menit dan satu hari, bukan %d menit",
			"a session lasts between 1 minute and a day, not %d minutes", s.Minutes)
	}
	a := training.Activity{NIP: mentee, Date: s.Date, Program: "mentoring:" + pairID, Method: training.Mentoring, Minutes: s.Minutes}
	return a, a.Validate()
}
