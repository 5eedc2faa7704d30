package training_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/training"
)

func nip(seq int) career.NIP { return career.MustParseNIP(fmt.Sprintf("198501012010011%03d", seq)) }

func day(s string) career.Date {
	d, err := career.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestJP(t *testing.T) {
	if training.MinutesPerJP != 45 || training.Minutes(20) != 900 || training.Minutes(0) != 0 {
		t.Errorf("Minutes(20) = %d", training.Minutes(20))
	}
	tests := map[int]float64{0: 0, 45: 1, 90: 2, 900: 20, 30: 2.0 / 3, 899: 899.0 / 45}
	for min, want := range tests {
		if got := training.JP(min); got != want {
			t.Errorf("JP(%d) = %v, want %v", min, got, want)
		}
	}
}

func TestMethods(t *testing.T) {
	informal := map[training.Method]bool{training.SelfStudy: true, training.LearningCommunity: true, training.OnTheJob: true}
	for _, m := range training.Methods() {
		if m.Route() == 0 {
			t.Errorf("%s has no route", m)
		}
		if m.Informal() != informal[m] {
			t.Errorf("%s informal = %v", m, m.Informal())
		}
		if back, err := training.ParseMethod(string(m)); err != nil || back != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m, back, err)
		}
	}
	// PP 17/2020 Pasal 203: coaching and mentoring are non-classical, a course is classical.
	if training.Coaching.Route() != training.NonClassical || training.Mentoring.Route() != training.NonClassical || training.Kursus.Route() != training.Classical {
		t.Error("routes of coaching, mentoring, kursus")
	}
	for in, want := range map[string]training.Method{"e-learning": training.ELearning, "Belajar Mandiri": training.SelfStudy, "bimbingan di tempat kerja": training.OnTheJob} {
		if got, err := training.ParseMethod(in); err != nil || got != want {
			t.Errorf("ParseMethod(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := training.ParseMethod("nonton youtube"); career.ErrorField(err) != "method" {
		t.Errorf("unknown method: %v", err)
	}
}

func TestLedgerAdd(t *testing.T) {
	ok := training.Activity{NIP: nip(1), Date: day("2026-03-10"), Program: "PM-01", Method: training.Pelatihan, Minutes: 450}
	tests := []struct {
		name  string
		edit  func(a *training.Activity)
		field string
	}{
		{"valid", func(a *training.Activity) {}, ""},
		{"no NIP", func(a *training.Activity) { a.NIP = career.NIP{} }, "nip"},
		{"another employee", func(a *training.Activity) { a.NIP = nip(2) }, "nip"},
		{"no date", func(a *training.Activity) { a.Date = career.Date{} }, "date"},
		{"another year", func(a *training.Activity) { a.Date = day("2025-12-31") }, "date"},
		{"unknown method", func(a *training.Activity) { a.Method = "rapat" }, "method"},
		{"zero minutes", func(a *training.Activity) { a.Minutes = 0 }, "minutes"},
		{"negative minutes", func(a *training.Activity) { a.Minutes = -45 }, "minutes"},
		{"more than a year", func(a *training.Activity) { a.Minutes = 366*24*60 + 1 }, "minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := training.Ledger{NIP: nip(1), Year: 2026}
			a := ok
			tt.edit(&a)
			err := l.Add(a)
			if tt.field == "" {
				if err != nil || len(l.Activities) != 1 || l.JP() != 10 {
					t.Errorf("Add = %v, ledger %d activities, %v JP", err, len(l.Activities), l.JP())
				}
				return
			}
			if career.ErrorField(err) != tt.field || len(l.Activities) != 0 {
				t.Errorf("Add error = %v (ledger %d), want field %s and nothing added", err, len(l.Activities), tt.field)
			}
		})
	}
}

func ledger(acts ...training.Activity) training.Ledger {
	l := training.Ledger{NIP: nip(1), Year: 2026}
	for _, a := range acts {
		a.NIP = nip(1)
		if a.Date.IsZero() {
			a.Date = day("2026-05-01")
		}
		if err := l.Add(a); err != nil {
			panic(err)
		}
	}
	return l
}

func act(m training.Method, minutes int) training.Activity {
	return training.Activity{Method: m, Minutes: minutes, Program: string(m)}
}

func TestCompliance(t *testing.T) {
	capped := training.NewNational()
	capped.Requirement.InformalCapPercent = 50 // Tanjungpinang
	tests := []struct {
		name    string
		policy  *training.National
		l       training.Ledger
		outcome string
		counted string
		missing string
	}{
		{"899 minutes", training.NewNational(), ledger(act(training.Pelatihan, 899)), training.NotCompliant, "19.98", "0.02"},
		{"900 minutes", training.NewNational(), ledger(act(training.Pelatihan, 450), act(training.Mentoring, 450)), training.Compliant, "20.00", ""},
		{"nothing", training.NewNational(), ledger(), training.NotCompliant, "0.00", "20.00"},
		{"all informal, uncapped", training.NewNational(), ledger(act(training.SelfStudy, 900)), training.Compliant, "20.00", ""},
		{"all informal, capped at 50%", capped, ledger(act(training.SelfStudy, 900)), training.NotCompliant, "10.00", "10.00"},
		{"informal at the cap plus classes", capped, ledger(act(training.SelfStudy, 450), act(training.Kursus, 450)), training.Compliant, "20.00", ""},
		{"informal over the cap plus classes", capped, ledger(act(training.LearningCommunity, 600), act(training.Kursus, 450)), training.Compliant, "20.00", ""},
		{"informal over the cap, short", capped, ledger(act(training.OnTheJob, 600), act(training.Kursus, 405)), training.NotCompliant, "19.00", "1.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.policy.Compliance(context.Background(), tt.l)
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != tt.outcome || d.Details["counted_jp"] != tt.counted || d.Details["missing_jp"] != tt.missing {
				t.Errorf("outcome %s counted %s missing %q; want %s %s %q", d.Outcome, d.Details["counted_jp"], d.Details["missing_jp"], tt.outcome, tt.counted, tt.missing)
			}
			c, ok := d.Criterion("training.min_jp")
			if !ok || c.Passed != (tt.outcome == training.Compliant) || c.Required != "≥ 20.00 JP" {
				t.Errorf("min_jp criterion %+v", c)
			}
			_, hasCap := d.Criterion("training.informal_cap")
			if hasCap != (tt.policy.Requirement.InformalCapPercent < 100) {
				t.Errorf("informal cap criterion present %v", hasCap)
			}
		})
	}
	if _, err := training.NewNational().Compliance(context.Background(), training.Ledger{Year: 2026}); career.ErrorField(err) != "nip" {
		t.Errorf("no NIP: %v", err)
	}
}

func TestRequirementCounted(t *testing.T) {
	q := training.Requirement{Minutes: 900, InformalCapPercent: 50}
	tests := []struct {
		l    training.Ledger
		want int
	}{
		{ledger(act(training.SelfStudy, 450)), 450},
		{ledger(act(training.SelfStudy, 451)), 450},
		{ledger(act(training.SelfStudy, 300), act(training.OnTheJob, 300), act(training.Seminar, 90)), 540},
		{ledger(act(training.Seminar, 2000)), 2000},
	}
	for i, tt := range tests {
		if got := q.Counted(tt.l); got != tt.want {
			t.Errorf("case %d: Counted = %d, want %d", i, got, tt.want)
		}
	}
}

var catalogue = []training.Program{
	{Code: "COACH-01", Title: "Coaching Kinerja", Method: training.Coaching, Competency: training.Manajerial, JP: 8},
	{Code: "MAN-RS", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 40, Fields: []string{"kesehatan"}},
	{Code: "KEU-01", Title: "Akuntansi Pemerintahan", Method: training.Bimtek, Competency: training.Teknis, JP: 24, Fields: []string{"keuangan"}},
	{Code: "PM-01", Title: "Manajemen Proyek", Method: training.Kursus, Competency: training.Teknis, JP: 16},
	{Code: "SEM-01", Title: "Seminar Pelayanan Publik", Method: training.Seminar, Competency: training.SosialKultural, JP: 4, Tags: []string{"coaching"}},
	{Code: "EL-01", Title: "E-learning SKP", Method: training.ELearning, Competency: training.Manajerial, JP: 2},
}

func TestRecommend(t *testing.T) {
	nurse := career.Employee{NIP: nip(1), Position: career.Position{Title: "Perawat", Kind: career.Fungsional, Level: career.Terampil, Field: "kesehatan"}}
	full := ledger(act(training.Pelatihan, 900))
	tests := []struct {
		name string
		last evaluation.Result
		l    training.Ledger
		want []string // program:priority in order
	}{
		{"compliant, good appraisal: nothing", evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai}, full, nil},
		{"behaviour below: coaching first", evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.DiBawah}, full, []string{"COACH-01:1", "SEM-01:1"}},
		{"results below: field programs only", evaluation.Result{Hasil: evaluation.DiBawah, Perilaku: evaluation.Sesuai}, full, []string{"MAN-RS:2"}},
		{"both below", evaluation.Result{Hasil: evaluation.DiBawah, Perilaku: evaluation.DiBawah}, full, []string{"COACH-01:1", "SEM-01:1", "MAN-RS:2"}},
		// 10 JP short: the largest program serving the field covers it.
		{"deficit of 10 JP", evaluation.Result{}, ledger(act(training.Pelatihan, 450)), []string{"MAN-RS:3"}},
		{"deficit, results below: the field program keeps its first reason", evaluation.Result{Hasil: evaluation.DiBawah}, ledger(), []string{"MAN-RS:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := training.NewNational().Recommend(context.Background(), training.RecommendRequest{Employee: nurse, Last: tt.last, Ledger: tt.l, Catalogue: catalogue})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, fmt.Sprintf("%s:%d", r.Program, r.Priority))
				if r.Reason.ID == "" || r.Reason.EN == "" || r.Source == "" {
					t.Errorf("%s has no reason or source", r.Program)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("recommendations = %v, want %v", got, tt.want)
			}
		})
	}
	// A deficit no single program covers takes programs largest first until it is covered.
	q := training.Requirement{Minutes: training.Minutes(60)}
	recs := training.FromDeficit(q)(training.RecommendRequest{Employee: nurse, Ledger: ledger(), Catalogue: catalogue})
	var got []string
	for _, r := range recs {
		got = append(got, r.Program)
	}
	if want := []string{"MAN-RS", "PM-01", "COACH-01"}; !slices.Equal(got, want) {
		t.Errorf("FromDeficit(60 JP) = %v, want %v", got, want)
	}
	if _, err := training.NewNational().Recommend(context.Background(), training.RecommendRequest{}); career.ErrorField(err) != "nip" {
		t.Errorf("no NIP: %v", err)
	}
}

// programs for allocation: two fields, limited seats.
var offer = []training.Program{
	{Code: "MAN-RS", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 40, Cost: 5_000_000, Seats: 2, Fields: []string{"kesehatan"}},
	{Code: "KEU-01", Title: "Akuntansi Pemerintahan", Method: training.Bimtek, Competency: training.Teknis, JP: 24, Cost: 3_000_000, Seats: 1, Fields: []string{"keuangan"}},
	{Code: "PM-01", Title: "Manajemen Proyek", Method: training.Kursus, Competency: training.Teknis, JP: 16, Cost: 2_000_000, Seats: 2},
}

func cand(seq int, field string, minutes, rank int, wants ...string) training.Candidate {
	return training.Candidate{NIP: nip(seq), Field: field, Minutes: minutes, Rank: rank, Wants: wants}
}

func seats(a training.Allocation) []string {
	var out []string
	for _, s := range a.Seats {
		out = append(out, fmt.Sprintf("%d:%s", s.NIP.Sequence(), s.Program))
	}
	return out
}

func unplacedReasons(a training.Allocation) []string {
	var out []string
	for _, u := range a.Unplaced {
		out = append(out, fmt.Sprintf("%d:%s", u.NIP.Sequence(), u.Reason.EN))
	}
	return out
}

func TestAllocate(t *testing.T) {
	pauh := training.NewNational()
	pauh.Order = training.FewestMinutesFirst
	tests := []struct {
		name     string
		policy   *training.National
		budget   int64
		cands    []training.Candidate
		seats    []string
		unplaced []string
		spent    int64
	}{
		{
			name: "below the requirement first, then the office's rank", policy: training.NewNational(), budget: 100_000_000,
			cands: []training.Candidate{cand(1, "kesehatan", 900, 1), cand(2, "kesehatan", 100, 3), cand(3, "kesehatan", 899, 2)},
			// Cheapest serving program first: PM-01 (2 seats) for 3 and 2, then MAN-RS for 1.
			seats: []string{"3:PM-01", "2:PM-01", "1:MAN-RS"}, spent: 9_000_000,
		},
		{
			name: "fewest minutes first (Pauh)", policy: pauh, budget: 100_000_000,
			cands: []training.Candidate{cand(1, "kesehatan", 900, 1), cand(2, "kesehatan", 100, 3), cand(3, "kesehatan", 899, 2)},
			seats: []string{"2:PM-01", "3:PM-01", "1:MAN-RS"}, spent: 9_000_000,
		},
		{
			name: "seat limits and wants", policy: training.NewNational(), budget: 100_000_000,
			cands: []training.Candidate{cand(1, "keuangan", 0, 1, "KEU-01"), cand(2, "keuangan", 0, 2, "KEU-01"), cand(3, "keuangan", 0, 3, "KEU-01", "PM-01")},
			seats: []string{"1:KEU-01", "3:PM-01"}, unplaced: []string{"2:No seat left in a suitable program"}, spent: 5_000_000,
		},
		{
			name: "budget never exceeded", policy: training.NewNational(), budget: 6_000_000,
			cands: []training.Candidate{cand(1, "kesehatan", 0, 1, "MAN-RS"), cand(2, "kesehatan", 0, 2, "MAN-RS", "PM-01"), cand(3, "kesehatan", 0, 3, "MAN-RS")},
			seats: []string{"1:MAN-RS"}, unplaced: []string{"2:The budget does not cover a suitable program", "3:The budget does not cover a suitable program"}, spent: 5_000_000,
		},
		{
			name: "no program for the field", policy: training.NewNational(), budget: 100_000_000,
			cands: []training.Candidate{cand(1, "pertanian", 0, 1)},
			seats: []string{"1:PM-01"}, spent: 2_000_000, // PM-01 serves every field
		},
		{
			name: "zero budget", policy: training.NewNational(), budget: 0,
			cands:    []training.Candidate{cand(1, "kesehatan", 0, 1)},
			unplaced: []string{"1:The budget does not cover a suitable program"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.policy.Allocate(context.Background(), training.AllocationRequest{Year: 2026, Budget: tt.budget, Candidates: tt.cands, Programs: offer})
			if err != nil {
				t.Fatal(err)
			}
			if got := seats(a); !slices.Equal(got, tt.seats) {
				t.Errorf("seats = %v, want %v", got, tt.seats)
			}
			if got := unplacedReasons(a); !slices.Equal(got, tt.unplaced) {
				t.Errorf("unplaced = %v, want %v", got, tt.unplaced)
			}
			if a.Spent != tt.spent || a.Spent > tt.budget || a.Decision.Details["spent"] != fmt.Sprint(tt.spent) {
				t.Errorf("spent %d (detail %s), want %d within %d", a.Spent, a.Decision.Details["spent"], tt.spent, tt.budget)
			}
			if want := fmt.Sprintf("%d/%d", len(tt.seats), len(tt.cands)); a.Decision.Outcome != want {
				t.Errorf("outcome %s, want %s", a.Decision.Outcome, want)
			}
		})
	}
	// Only programs outside the candidate's field: no program serves them.
	a, err := training.NewNational().Allocate(context.Background(), training.AllocationRequest{Year: 2026, Budget: 1e9, Candidates: []training.Candidate{cand(1, "pertanian", 0, 1)}, Programs: offer[:2]})
	if err != nil || !slices.Equal(unplacedReasons(a), []string{"1:No program serves the candidate's field"}) {
		t.Errorf("no program for the field: %v %v", unplacedReasons(a), err)
	}
}

// TestAllocateProperties checks, on random requests, that the allocation never exceeds the budget or a program's
// seats, gives each candidate at most one seat, accounts for every candidate, and does not depend on input order.
func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	fields := []string{"kesehatan", "keuangan", "pendidikan"}
	for trial := range 200 {
		var ps []training.Program
		for i := range 1 + rng.IntN(5) {
			p := training.Program{Code: fmt.Sprintf("P%d", i), Title: "Program", Method: training.Pelatihan, Competency: training.Teknis, JP: 8 + rng.IntN(40),
				Cost: int64(rng.IntN(6)) * 1_000_000, Seats: rng.IntN(4)}
			if rng.IntN(2) == 0 {
				p.Fields = []string{fields[rng.IntN(len(fields))]}
			}
			ps = append(ps, p)
		}
		var cs []training.Candidate
		for i := range rng.IntN(15) {
			c := cand(1+i, fields[rng.IntN(len(fields))], rng.IntN(1200), rng.IntN(5))
			if rng.IntN(3) == 0 {
				c.Wants = []string{ps[rng.IntN(len(ps))].Code}
			}
			cs = append(cs, c)
		}
		r := training.AllocationRequest{Year: 2026, Budget: int64(rng.IntN(15)) * 1_000_000, Candidates: cs, Programs: ps}
		for _, policy := range []*training.National{training.NewNational(), {Order: training.FewestMinutesFirst}} {
			a, err := policy.Allocate(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			cost := map[string]int64{}
			limit := map[string]int{}
			for _, p := range ps {
				cost[p.Code], limit[p.Code] = p.Cost, p.Seats
			}
			var spent int64
			taken := map[string]int{}
			who := map[career.NIP]bool{}
			for _, s := range a.Seats {
				spent += cost[s.Program]
				taken[s.Program]++
				if who[s.NIP] {
					t.Fatalf("trial %d: %s has two seats", trial, s.NIP)
				}
				who[s.NIP] = true
			}
			for code, n := range taken {
				if limit[code] > 0 && n > limit[code] {
					t.Fatalf("trial %d: %s has %d seats taken of %d", trial, code, n, limit[code])
				}
			}
			if spent != a.Spent || spent > r.Budget {
				t.Fatalf("trial %d: spent %d (reported %d) of %d", trial, spent, a.Spent, r.Budget)
			}
			if len(a.Seats)+len(a.Unplaced) != len(cs) {
				t.Fatalf("trial %d: %d seats + %d unplaced for %d candidates", trial, len(a.Seats), len(a.Unplaced), len(cs))
			}
			shuffled := r
			shuffled.Candidates, shuffled.Programs = slices.Clone(cs), slices.Clone(ps)
			rng.Shuffle(len(shuffled.Candidates), func(i, j int) {
				shuffled.Candidates[i], shuffled.Candidates[j] = shuffled.Candidates[j], shuffled.Candidates[i]
			})
			rng.Shuffle(len(shuffled.Programs), func(i, j int) {
				shuffled.Programs[i], shuffled.Programs[j] = shuffled.Programs[j], shuffled.Programs[i]
			})
			b, err := policy.Allocate(context.Background(), shuffled)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Seats, b.Seats) || !slices.Equal(a.Unplaced, b.Unplaced) {
				t.Fatalf("trial %d: shuffling the input changed the allocation:\n%v\n%v", trial, seats(a), seats(b))
			}
		}
	}
}

func TestAllocateValidate(t *testing.T) {
	bad := offer[0]
	bad.JP = 0
	tests := []struct {
		name  string
		r     training.AllocationRequest
		field string
	}{
		{"no year", training.AllocationRequest{Budget: 1}, "year"},
		{"a year with no calendar", training.AllocationRequest{Year: 10000}, "year"},
		{"negative budget", training.AllocationRequest{Year: 2026, Budget: -1}, "budget"},
		{"program without JP", training.AllocationRequest{Year: 2026, Programs: []training.Program{offer[1], bad}}, "programs[1].jp"},
		{"program without code", training.AllocationRequest{Year: 2026, Programs: []training.Program{{Title: "x"}}}, "programs[0].code"},
		{"program twice", training.AllocationRequest{Year: 2026, Programs: []training.Program{offer[0], offer[1], offer[0]}}, "programs[2].code"},
		{"candidate without NIP", training.AllocationRequest{Year: 2026, Programs: offer, Candidates: []training.Candidate{{}}}, "candidates[0].nip"},
		{"candidate twice", training.AllocationRequest{Year: 2026, Programs: offer, Candidates: []training.Candidate{cand(1, "", 0, 0), cand(1, "", 0, 0)}}, "candidates[1].nip"},
		{"wants an unknown program", training.AllocationRequest{Year: 2026, Programs: offer, Candidates: []training.Candidate{cand(1, "", 0, 0, "XYZ")}}, "candidates[0].wants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := training.NewNational().Allocate(context.Background(), tt.r)
			if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
				t.Errorf("error = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

// TestComplianceBadYearAndText checks that a ledger with no calendar year is an Invalid error on "year" (it
// panicked), and that the criterion's text states the requirement the policy judges by, not always 20 JP.
func TestComplianceBadYearAndText(t *testing.T) {
	for _, y := range []int{0, -1, 10000} {
		_, err := training.NewNational().Compliance(context.Background(), training.Ledger{NIP: nip(1), Year: y})
		if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != "year" {
			t.Errorf("year %d: error %v, want invalid year", y, err)
		}
	}
	tests := []struct {
		name     string
		minutes  int
		id, en   string
		required string
	}{
		{"national 20 JP", training.Minutes(20), "Pengembangan kompetensi paling sedikit 20 JP setahun", "At least 20 JP of development a year", "≥ 20.00 JP"},
		{"a region asking 40 JP", training.Minutes(40), "Pengembangan kompetensi paling sedikit 40 JP setahun", "At least 40 JP of development a year", "≥ 40.00 JP"},
		{"a requirement in minutes", 1000, "Pengembangan kompetensi paling sedikit 22.22 JP setahun", "At least 22.22 JP of development a year", "≥ 22.22 JP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := training.NewNational()
			p.Requirement.Minutes = tt.minutes
			d, err := p.Compliance(context.Background(), ledger(act(training.Pelatihan, 900)))
			if err != nil {
				t.Fatal(err)
			}
			c, _ := d.Criterion("training.min_jp")
			if c.Text.ID != tt.id || c.Text.EN != tt.en || c.Required != tt.required || d.JudgedAt != career.MustDate(2026, 12, 31) {
				t.Errorf("criterion %+v judged %v", c, d.JudgedAt)
			}
		})
	}
}
