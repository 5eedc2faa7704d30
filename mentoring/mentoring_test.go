package mentoring_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/training"
)

var on = career.MustDate(2026, 4, 1)

// person returns a profile: seq makes the NIP (and so the order by NIP), appointed is "YYYYMM" of the TMT CPNS.
func person(seq int, g career.Grade, appointed string, pred evaluation.Predicate) mentoring.Profile {
	return mentoring.Profile{
		Employee: career.Employee{
			NIP:  career.MustParseNIP(fmt.Sprintf("19800101%s1%03d", appointed, seq)),
			Type: career.PNS, Grade: g, Unit: "Dinas Kesehatan",
			Position: career.Position{Title: "Staf", Kind: career.Pelaksana, Field: "kesehatan"},
		},
		Predicate: pred,
	}
}

func withCap(p mentoring.Profile, c int) mentoring.Profile { p.Capacity = c; return p }

func withUnit(p mentoring.Profile, unit, field string) mentoring.Profile {
	p.Employee.Unit, p.Employee.Position.Field = unit, field
	return p
}

func withKind(p mentoring.Profile, k career.PositionKind) mentoring.Profile {
	p.Employee.Position.Kind = k
	return p
}

func match(t *testing.T, n *mentoring.National, mentors, mentees []mentoring.Profile) mentoring.Matching {
	t.Helper()
	m, err := n.Match(context.Background(), mentoring.MatchRequest{Mentors: mentors, Mentees: mentees, On: on})
	if err != nil {
		t.Fatalf("Match: %v", err)
	}
	return m
}

// pairs renders a matching as "mentorSeq→menteeSeq", sorted, for readable comparisons.
func pairs(m mentoring.Matching) []string {
	var out []string
	for _, p := range m.Pairs {
		out = append(out, fmt.Sprintf("%d→%d", p.Mentor.Sequence(), p.Mentee.Sequence()))
	}
	slices.Sort(out)
	return out
}

func unmatched(m mentoring.Matching) map[int]string {
	out := map[int]string{}
	for _, u := range m.Unmatched {
		out[u.Mentee.Sequence()] = u.Reason.EN
	}
	return out
}

func TestSenior(t *testing.T) {
	pns := func(g career.Grade, appointed string) career.Employee { return person(1, g, appointed, 0).Employee }
	pppk := func(appointed string) career.Employee {
		e := pns(0, appointed)
		e.Type, e.PPPKGrade = career.PPPK, 9
		return e
	}
	tests := []struct {
		name string
		a, b career.Employee
		want bool
	}{
		{"higher grade", pns(career.IIIC, "201001"), pns(career.IIIB, "200501"), true},
		{"lower grade", pns(career.IIIB, "200501"), pns(career.IIIC, "201001"), false},
		{"same grade, earlier appointment", pns(career.IIIB, "200501"), pns(career.IIIB, "201001"), true},
		{"same grade, later appointment", pns(career.IIIB, "201001"), pns(career.IIIB, "200501"), false},
		{"same grade, same appointment", pns(career.IIIB, "201001"), pns(career.IIIB, "201001"), false},
		{"PPPK earlier appointment", pppk("200501"), pns(career.IVA, "201001"), true},
		{"PNS higher grade but later than PPPK", pns(career.IVA, "201001"), pppk("200501"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mentoring.Senior(tt.a, tt.b); got != tt.want {
				t.Errorf("Senior = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEligible(t *testing.T) {
	mentor := person(1, career.IVA, "200501", evaluation.Baik)
	mentee := person(2, career.IIIA, "202001", 0)
	tests := []struct {
		name           string
		mentor, mentee mentoring.Profile
		ok             bool
		why            string
	}{
		{"eligible", mentor, mentee, true, ""},
		{"sangat baik mentor", person(1, career.IVA, "200501", evaluation.SangatBaik), mentee, true, ""},
		{"same person", mentor, mentor, false, "Mentor and mentee are the same person"},
		{"not senior", person(3, career.IIIA, "202301", evaluation.Baik), mentee, false, "The mentor must be senior to the mentee"},
		{"predicate butuh perbaikan", person(1, career.IVA, "200501", evaluation.ButuhPerbaikan), mentee, false, "The mentor's predicate must be at least Good"},
		{"no predicate", person(1, career.IVA, "200501", 0), mentee, false, "The mentor's predicate must be at least Good"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := mentoring.Eligible(tt.mentor, tt.mentee, evaluation.Baik)
			if ok != tt.ok || why.EN != tt.why {
				t.Errorf("Eligible = %v %q, want %v %q", ok, why.EN, tt.ok, tt.why)
			}
		})
	}
}

func TestMatchRules(t *testing.T) {
	national := mentoring.NewNational
	with := func(f func(n *mentoring.National)) func() *mentoring.National {
		return func() *mentoring.National { n := mentoring.NewNational(); f(n); return n }
	}
	newStaff := func(seq int) mentoring.Profile { return person(seq, career.IIIA, "202601", 0) } // appointed 2026-01
	oldStaff := func(seq int) mentoring.Profile { return person(seq, career.IIIA, "202401", 0) }
	tests := []struct {
		name      string
		policy    func() *mentoring.National
		mentors   []mentoring.Profile
		mentees   []mentoring.Profile
		pairs     []string
		unmatched map[int]string
	}{
		{
			name:      "default capacity 3",
			policy:    national,
			mentors:   []mentoring.Profile{person(1, career.IVA, "200501", evaluation.Baik)},
			mentees:   []mentoring.Profile{oldStaff(11), oldStaff(12), oldStaff(13), oldStaff(14), oldStaff(15)},
			pairs:     []string{"1→11", "1→12", "1→13"},
			unmatched: map[int]string{14: "Every eligible mentor is at capacity", 15: "Every eligible mentor is at capacity"},
		},
		{
			name:      "profile capacity overrides the default",
			policy:    national,
			mentors:   []mentoring.Profile{withCap(person(1, career.IVA, "200501", evaluation.Baik), 1)},
			mentees:   []mentoring.Profile{oldStaff(11), oldStaff(12)},
			pairs:     []string{"1→11"},
			unmatched: map[int]string{12: "Every eligible mentor is at capacity"},
		},
		{
			name:      "junior mentor and mentor below Baik are not eligible",
			policy:    national,
			mentors:   []mentoring.Profile{person(1, career.IIC, "201001", evaluation.SangatBaik), person(2, career.IVA, "200501", evaluation.ButuhPerbaikan)},
			mentees:   []mentoring.Profile{oldStaff(11)},
			unmatched: map[int]string{11: "No eligible mentor"},
		},
		{
			name:      "nobody mentors themself",
			policy:    national,
			mentors:   []mentoring.Profile{person(1, career.IVA, "200501", evaluation.Baik)},
			mentees:   []mentoring.Profile{person(1, career.IVA, "200501", evaluation.Baik)},
			unmatched: map[int]string{1: "No eligible mentor"},
		},
		{
			name:   "same unit (Kalianda)",
			policy: with(func(n *mentoring.National) { n.Pair = []mentoring.PairRule{mentoring.SameUnit} }),
			mentors: []mentoring.Profile{
				withUnit(person(1, career.IVA, "200501", evaluation.SangatBaik), "Dinas Pendidikan", "kesehatan"),
				withUnit(person(2, career.IIIC, "200801", evaluation.Baik), "Dinas Kesehatan", "umum"),
			},
			mentees:   []mentoring.Profile{oldStaff(11), withUnit(oldStaff(12), "BPKAD", "keuangan")},
			pairs:     []string{"2→11"},
			unmatched: map[int]string{12: "No eligible mentor"},
		},
		{
			name:   "same profession across units (Semarang)",
			policy: with(func(n *mentoring.National) { n.Pair = []mentoring.PairRule{mentoring.SameProfession} }),
			mentors: []mentoring.Profile{
				withUnit(person(1, career.IVA, "200501", evaluation.Baik), "Dinas Kesehatan", "umum"),
				withUnit(person(2, career.IVA, "200501", evaluation.Baik), "RSUD", "kesehatan"),
			},
			mentees: []mentoring.Profile{oldStaff(11), withUnit(oldStaff(12), "Dinas Kesehatan", "")},
			pairs:   []string{"2→11"},
			// An empty field matches no one, not even another empty field.
			unmatched: map[int]string{12: "No eligible mentor"},
		},
		{
			name:      "first-year mentees only (Tanjungpinang)",
			policy:    with(func(n *mentoring.National) { n.Mentee = []mentoring.ProfileRule{mentoring.FirstYearMentee} }),
			mentors:   []mentoring.Profile{person(1, career.IVA, "200501", evaluation.Baik)},
			mentees:   []mentoring.Profile{newStaff(11), oldStaff(12), person(13, career.IIIA, "202505", 0), person(14, career.IIIA, "202504", 0)},
			pairs:     []string{"1→11", "1→13"},
			unmatched: map[int]string{12: "Mentoring is for staff in their first year only", 14: "Mentoring is for staff in their first year only"},
		},
		{
			name: "administrator or above mentors (Wanggar)",
			policy: with(func(n *mentoring.National) {
				n.Mentor = []mentoring.ProfileRule{mentoring.ManagerialMentor(career.Administrator)}
			}),
			mentors: []mentoring.Profile{
				withCap(withKind(person(1, career.IVB, "200001", evaluation.Baik), career.Pengawas), 5),
				withCap(withKind(person(2, career.IVA, "200501", evaluation.Baik), career.Administrator), 1),
				withCap(withKind(withUnit(person(3, career.IVC, "199901", evaluation.Baik), "RSUD", "kesehatan"), career.JPTPratama), 1),
				withCap(withKind(person(4, career.IVD, "199901", evaluation.Baik), career.Fungsional), 5),
			},
			mentees:   []mentoring.Profile{oldStaff(11), withUnit(oldStaff(12), "RSUD", "kesehatan"), oldStaff(13)},
			pairs:     []string{"2→11", "3→12"},
			unmatched: map[int]string{13: "Every eligible mentor is at capacity"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := match(t, tt.policy(), tt.mentors, tt.mentees)
			if got := pairs(m); !slices.Equal(got, tt.pairs) {
				t.Errorf("pairs = %v, want %v", got, tt.pairs)
			}
			got := unmatched(m)
			if len(got) != len(tt.unmatched) {
				t.Errorf("unmatched = %v, want %v", got, tt.unmatched)
			}
			for seq, why := range tt.unmatched {
				if got[seq] != why {
					t.Errorf("unmatched[%d] = %q, want %q", seq, got[seq], why)
				}
			}
			if want := fmt.Sprintf("%d/%d", len(tt.pairs), len(tt.mentees)); m.Decision.Outcome != want {
				t.Errorf("outcome = %q, want %q", m.Decision.Outcome, want)
			}
		})
	}
}

// TestMatchBeatsFirstFit is the case a first fit strands: mentee 11 (III/a) can take either mentor and scores best
// with mentor 1 (IV/a, same unit and field, Sangat Baik); mentee 12 (III/c) can take only mentor 1, since mentor 2
// (III/b) is junior to them. Mentee 11 comes first by NIP, so a first fit — or a greedy by score — gives mentor 1 to
// 11 and strands 12; the optimal matching places both.
func TestMatchBeatsFirstFit(t *testing.T) {
	mentors := []mentoring.Profile{
		withCap(person(1, career.IVA, "200501", evaluation.SangatBaik), 1),
		withCap(withUnit(person(2, career.IIIB, "200501", evaluation.Baik), "BPKAD", "keuangan"), 1),
	}
	mentees := []mentoring.Profile{person(11, career.IIIA, "201501", 0), person(12, career.IIIC, "202001", 0)}
	if mentees[0].Employee.NIP.String() > mentees[1].Employee.NIP.String() {
		t.Fatal("mentee 11 must come first by NIP for this case to trap a first fit")
	}
	m := match(t, mentoring.NewNational(), mentors, mentees)
	if got, want := pairs(m), []string{"1→12", "2→11"}; !slices.Equal(got, want) {
		t.Fatalf("pairs = %v, want %v (unmatched %v)", got, want, unmatched(m))
	}
	if len(m.Unmatched) != 0 {
		t.Errorf("unmatched = %v, want none", unmatched(m))
	}
}

func TestAssign(t *testing.T) {
	tests := []struct {
		name     string
		mentees  int
		capacity []int
		edges    []mentoring.Edge
		want     []int
	}{
		{
			// Mentee 0 comes first and likes mentor 0 best; mentee 1 can only take mentor 0.
			name: "first fit strands a mentee", mentees: 2, capacity: []int{1, 1},
			edges: []mentoring.Edge{{0, 0, 9}, {0, 1, 1}, {1, 0, 1}},
			want:  []int{1, 0},
		},
		{
			// Greedy by score takes 0–0 (10) then 1–1 (1) = 11; the optimum 0–1 + 1–0 = 18.
			name: "greedy by score loses total", mentees: 2, capacity: []int{1, 1},
			edges: []mentoring.Edge{{0, 0, 10}, {0, 1, 9}, {1, 0, 9}, {1, 1, 1}},
			want:  []int{1, 0},
		},
		{
			// More pairs beat a higher score: 0–0 alone scores 100, but 0–1 and 1–0 place both.
			name: "cardinality before score", mentees: 2, capacity: []int{1, 1},
			edges: []mentoring.Edge{{0, 0, 100}, {0, 1, 0}, {1, 0, 0}},
			want:  []int{1, 0},
		},
		{
			name: "capacity respected", mentees: 4, capacity: []int{2, 0, 1},
			edges: []mentoring.Edge{{0, 0, 1}, {1, 0, 2}, {2, 0, 3}, {3, 0, 4}, {0, 1, 9}, {1, 1, 9}},
			want:  []int{-1, -1, 0, 0},
		},
		{name: "no edges", mentees: 2, capacity: []int{3}, want: []int{-1, -1}},
		{name: "no mentees", mentees: 0, capacity: []int{3}, edges: nil, want: []int{}},
		// Bad edges are ignored, never a panic nor a pair with the flow network's source or sink (mentor index 1 and 2
		// here would be nodes s and t).
		{name: "mentor index past the mentors", mentees: 2, capacity: []int{1}, edges: []mentoring.Edge{{0, 1, 5}, {1, 2, 5}, {1, 0, 1}}, want: []int{-1, 0}},
		{name: "negative indexes", mentees: 1, capacity: []int{1}, edges: []mentoring.Edge{{-1, 0, 5}, {0, -1, 5}}, want: []int{-1}},
		{name: "mentee index past the mentees", mentees: 1, capacity: []int{2}, edges: []mentoring.Edge{{1, 0, 5}, {0, 0, 1}}, want: []int{0}},
		{name: "NaN and infinite scores", mentees: 2, capacity: []int{1, 1}, edges: []mentoring.Edge{{0, 0, math.NaN()}, {0, 1, 2}, {1, 0, math.Inf(1)}, {1, 1, 1}}, want: []int{1, -1}},
		{name: "a capacity above any int32", mentees: 2, capacity: []int{1 << 40}, edges: []mentoring.Edge{{0, 0, 1}, {1, 0, 1}}, want: []int{0, 0}},
		{name: "negative mentee count", mentees: -1, capacity: []int{1}, want: []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentoring.Assign(tt.mentees, tt.capacity, tt.edges)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Assign = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAssignAgainstBruteForce compares Assign with an exhaustive search on small random instances: the same number of
// pairs, then the same total score, and a result that respects edges and capacities.
func TestAssignAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 26))
	for trial := range 300 {
		mentees, mentors := 1+rng.IntN(6), 1+rng.IntN(4)
		capacity := make([]int, mentors)
		for j := range capacity {
			capacity[j] = rng.IntN(3)
		}
		score := map[[2]int]float64{}
		var edges []mentoring.Edge
		for i := range mentees {
			for j := range mentors {
				if rng.IntN(3) > 0 {
					s := float64(rng.IntN(7))
					edges = append(edges, mentoring.Edge{Mentee: i, Mentor: j, Score: s})
					score[[2]int{i, j}] = s
				}
			}
		}
		got := mentoring.Assign(mentees, capacity, edges)
		used := make([]int, mentors)
		n, total := 0, 0.0
		for i, j := range got {
			if j < 0 {
				continue
			}
			s, ok := score[[2]int{i, j}]
			if !ok {
				t.Fatalf("trial %d: mentee %d given mentor %d without an edge", trial, i, j)
			}
			used[j]++
			n++
			total += s
		}
		for j := range used {
			if used[j] > capacity[j] {
				t.Fatalf("trial %d: mentor %d has %d mentees, capacity %d", trial, j, used[j], capacity[j])
			}
		}
		bestN, bestTotal := brute(mentees, capacity, score)
		if n != bestN || math.Abs(total-bestTotal) > 1e-9 {
			t.Fatalf("trial %d: Assign %v places %d with score %g; the optimum places %d with score %g", trial, got, n, total, bestN, bestTotal)
		}
	}
}

// brute tries every assignment and returns the most pairs and, among those, the greatest score.
func brute(mentees int, capacity []int, score map[[2]int]float64) (int, float64) {
	used := make([]int, len(capacity))
	bestN, bestTotal := 0, 0.0
	var rec func(i, n int, total float64)
	rec = func(i, n int, total float64) {
		if i == mentees {
			if n > bestN || n == bestN && total > bestTotal {
				bestN, bestTotal = n, total
			}
			return
		}
		rec(i+1, n, total)
		for j := range capacity {
			if s, ok := score[[2]int{i, j}]; ok && used[j] < capacity[j] {
				used[j]++
				rec(i+1, n+1, total+s)
				used[j]--
			}
		}
	}
	rec(0, 0, 0)
	return bestN, bestTotal
}

func TestMatchDeterministic(t *testing.T) {
	var mentors, mentees []mentoring.Profile
	for i := range 8 {
		mentors = append(mentors, withCap(withUnit(person(1+i, career.IIIC+career.Grade(i%3), "200501", evaluation.Baik), []string{"A", "B"}[i%2], []string{"x", "y", "z"}[i%3]), 1+i%2))
	}
	for i := range 20 {
		mentees = append(mentees, withUnit(person(100+i, career.IIA+career.Grade(i%5), "201501", 0), []string{"A", "B", "C"}[i%3], []string{"x", "y"}[i%2]))
	}
	n := mentoring.NewNational()
	want := match(t, n, mentors, mentees)
	if len(want.Pairs) == 0 {
		t.Fatal("no pairs: the instance does not exercise the matching")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10 {
		a, b := slices.Clone(mentors), slices.Clone(mentees)
		rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		got := match(t, n, a, b)
		if !slices.Equal(got.Pairs, want.Pairs) || !slices.Equal(got.Unmatched, want.Unmatched) || got.Decision.Details["total_score"] != want.Decision.Details["total_score"] {
			t.Fatalf("shuffled input changed the matching:\n got %v\nwant %v", got.Pairs, want.Pairs)
		}
	}
}

func TestMatchValidate(t *testing.T) {
	a := person(1, career.IVA, "200501", evaluation.Baik)
	b := person(2, career.IIIA, "202001", 0)
	tests := []struct {
		name  string
		r     mentoring.MatchRequest
		field string
	}{
		{"no date", mentoring.MatchRequest{Mentors: []mentoring.Profile{a}}, "on"},
		{"mentor without NIP", mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{{}}}, "mentors[0].nip"},
		{"negative capacity", mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{withCap(a, -1)}}, "mentors[0].capacity"},
		{"mentor twice", mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{a, b, a}}, "mentors[2].nip"},
		{"mentee twice", mentoring.MatchRequest{On: on, Mentees: []mentoring.Profile{b, b}}, "mentees[1].nip"},
		{"mentee without NIP", mentoring.MatchRequest{On: on, Mentees: []mentoring.Profile{{}}}, "mentees[0].nip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mentoring.NewNational().Match(context.Background(), tt.r)
			if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
				t.Errorf("Match error = %v, want invalid %s", err, tt.field)
			}
		})
	}
	// A mentor may also be a mentee of someone more senior.
	if _, err := mentoring.NewNational().Match(context.Background(), mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{a}, Mentees: []mentoring.Profile{a}}); err != nil {
		t.Errorf("a person both mentor and mentee: %v", err)
	}
}

func TestSessionActivity(t *testing.T) {
	mentee := person(2, career.IIIA, "202001", 0).Employee.NIP
	day := career.MustDate(2026, 3, 10)
	tests := []struct {
		name  string
		s     mentoring.Session
		field string
	}{
		{"valid", mentoring.Session{Date: day, Minutes: 90, Topic: "Penyusunan SKP"}, ""},
		{"a full day", mentoring.Session{Date: day, Minutes: 24 * 60}, ""},
		{"no date", mentoring.Session{Minutes: 90}, "date"},
		{"no minutes", mentoring.Session{Date: day}, "minutes"},
		{"longer than a day", mentoring.Session{Date: day, Minutes: 24*60 + 1}, "minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.s.Activity(mentee, "p7")
			if tt.field != "" {
				if career.ErrorField(err) != tt.field {
					t.Fatalf("error = %v, want field %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := training.Activity{NIP: mentee, Date: day, Program: "mentoring:p7", Method: training.Mentoring, Minutes: tt.s.Minutes}
			if a != want {
				t.Errorf("Activity = %+v, want %+v", a, want)
			}
			if a.Method.Route() != training.NonClassical {
				t.Errorf("mentoring route = %v, want nonklasikal", a.Method.Route())
			}
			l := training.Ledger{NIP: mentee, Year: 2026}
			if err := l.Add(a); err != nil {
				t.Errorf("the session does not go into the mentee's ledger: %v", err)
			}
		})
	}
}

// TestMatchScoreNotFinite checks that a region's score function returning NaN or an infinity is reported as the
// policy's fault, naming the field, instead of silently dropping or corrupting the matching.
func TestMatchScoreNotFinite(t *testing.T) {
	mentors := []mentoring.Profile{person(1, career.IVA, "200001", evaluation.Baik)}
	mentees := []mentoring.Profile{person(2, career.IIIA, "201501", 0)}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e13} {
		n := mentoring.NewNational()
		n.Score = func(_, _ mentoring.Profile, _ career.Date) float64 { return v }
		_, err := n.Match(context.Background(), mentoring.MatchRequest{Mentors: mentors, Mentees: mentees, On: on})
		if career.ErrorCode(err) != career.Internal || career.ErrorField(err) != "score" {
			t.Errorf("score %v: error %v, want internal on score", v, err)
		}
	}
}
