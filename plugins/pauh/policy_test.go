package main

import (
	"context"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// The cases come from seed 002 (Pauh): an annual appraisal with the direct superior and peers, a health officer who
// should take hospital management, and staff who feel they do not get the same chance to train.

var ctx = context.Background()

func employee(nip string, g career.Grade, pos career.Position, posTMT career.Date, unit string) career.Employee {
	return career.Employee{
		NIP: career.MustParseNIP(nip), Name: "Pegawai " + nip[15:], Type: career.PNS, Grade: g, GradeTMT: posTMT,
		Position: pos, PositionTMT: posTMT, Education: career.S1, Unit: unit, Agency: "Pemerintah Daerah Pauh",
	}
}

var (
	kesehatan = career.Position{Title: "Pengelola Layanan Kesehatan", Kind: career.Pelaksana, Field: "kesehatan"}
	perawat   = employee("198811032012122001", career.IIIB, kesehatan, career.MustDate(2019, 4, 1), "RSUD Pauh")
)

func TestEvaluate360(t *testing.T) {
	year := evaluation.Period{Year: 2024}
	at := year.End()
	rate := func(src evaluation.Source, rater string, asp evaluation.Aspect, v evaluation.Rating) evaluation.Entry {
		return evaluation.Entry{Source: src, Rater: rater, Aspect: asp, Value: v, At: at}
	}
	tests := []struct {
		name           string
		entries        []evaluation.Entry
		national, pauh evaluation.Predicate
		flagged        bool // Pauh's peers criterion failed: too few peers
	}{
		{"peers temper the superior's Di Atas: 0.6×3 + 0.4×1 = 2.2 → Sesuai", []evaluation.Entry{
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.DiAtas),
			rate(evaluation.Superior, "atasan", evaluation.Perilaku, evaluation.DiAtas),
			rate(evaluation.Peer, "rekan-1", evaluation.Perilaku, evaluation.DiBawah),
			rate(evaluation.Peer, "rekan-2", evaluation.Perilaku, evaluation.DiBawah),
		}, evaluation.SangatBaik, evaluation.Baik, false},
		{"peers lift the superior's Di Bawah: 0.6×1 + 0.4×3 = 1.8 → Sesuai, no misconduct", []evaluation.Entry{
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.Sesuai),
			rate(evaluation.Superior, "atasan", evaluation.Perilaku, evaluation.DiBawah),
			rate(evaluation.Peer, "rekan-1", evaluation.Perilaku, evaluation.DiAtas),
			rate(evaluation.Peer, "rekan-2", evaluation.Perilaku, evaluation.DiAtas),
			rate(evaluation.Peer, "rekan-3", evaluation.Perilaku, evaluation.DiAtas),
		}, evaluation.Kurang, evaluation.Baik, false},
		{"one peer only: the superior's rating stands, flagged", []evaluation.Entry{
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.DiAtas),
			rate(evaluation.Superior, "atasan", evaluation.Perilaku, evaluation.DiAtas),
			rate(evaluation.Peer, "rekan-1", evaluation.Perilaku, evaluation.DiBawah),
		}, evaluation.SangatBaik, evaluation.SangatBaik, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evaluation.Appraisal{Employee: perawat, Period: year, Entries: tt.entries}
			nat, err := plugins.National().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if nat.Predicate != tt.national || got.Predicate != tt.pauh {
				t.Errorf("national %s, Pauh %s; want %s and %s", nat.Predicate, got.Predicate, tt.national, tt.pauh)
			}
			c, ok := got.Decision.Criterion("evaluation.perilaku_kerja.peers")
			if !ok || c.Passed == tt.flagged {
				t.Errorf("peers criterion = %+v (present %v), want flagged %v", c, ok, tt.flagged)
			}
			if _, ok := nat.Decision.Criterion("evaluation.perilaku_kerja.peers"); ok {
				t.Error("national does not count peers")
			}
		})
	}
	t.Run("a quarter is refused", func(t *testing.T) {
		q := evaluation.Period{Year: 2024, Quarter: 1}
		a := evaluation.Appraisal{Employee: perawat, Period: q, Entries: []evaluation.Entry{
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: evaluation.Sesuai, At: q.End()},
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: q.End()},
		}}
		if _, err := plugins.National().Evaluate(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := New().Evaluate(ctx, a); career.ErrorCode(err) != career.Invalid {
			t.Errorf("Pauh appraises yearly; got %v, want Invalid", err)
		}
	})
}

func TestRecommendMatchesField(t *testing.T) {
	catalogue := []training.Program{
		{Code: "MRS-01", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Fields: []string{"kesehatan"}},
		{Code: "SEM-PP", Title: "Seminar Pelayanan Publik", Method: training.Seminar, Competency: training.SosialKultural, JP: 32},
		{Code: "KEU-01", Title: "Pengelolaan Keuangan Daerah", Method: training.Pelatihan, Competency: training.Teknis, JP: 40, Fields: []string{"keuangan"}},
		{Code: "COACH-DIK", Title: "Coaching Tenaga Kependidikan", Method: training.Coaching, Competency: training.Manajerial, JP: 8, Fields: []string{"pendidikan"}},
		{Code: "COACH-KES", Title: "Coaching Tenaga Kesehatan", Method: training.Coaching, Competency: training.Manajerial, JP: 8, Fields: []string{"kesehatan"}},
	}
	done := training.Ledger{NIP: perawat.NIP, Year: 2025, Activities: []training.Activity{
		{NIP: perawat.NIP, Date: career.MustDate(2025, 2, 3), Program: "x", Method: training.Pelatihan, Minutes: training.Minutes(20)}}}
	tests := []struct {
		name           string
		last           evaluation.Result
		ledger         training.Ledger
		national, pauh []string
	}{
		{"no JP yet: hospital management before a general seminar",
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai, Predicate: evaluation.Baik},
			training.Ledger{NIP: perawat.NIP, Year: 2025}, []string{"SEM-PP"}, []string{"MRS-01"}},
		{"behaviour below expectations: coaching for health staff only",
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.DiBawah, Predicate: evaluation.Kurang},
			done, []string{"COACH-DIK", "COACH-KES"}, []string{"COACH-KES"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := training.RecommendRequest{Employee: perawat, Last: tt.last, Ledger: tt.ledger, Catalogue: catalogue}
			nat, err := plugins.National().Recommend(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Recommend(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if c := codes(nat); !slices.Equal(c, tt.national) {
				t.Errorf("national = %v, want %v", c, tt.national)
			}
			if c := codes(got); !slices.Equal(c, tt.pauh) {
				t.Errorf("Pauh = %v, want %v", c, tt.pauh)
			}
		})
	}
}

func codes(rs []training.Recommendation) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Program)
	}
	slices.Sort(out)
	return out
}

func TestAllocateEqualOpportunity(t *testing.T) {
	rahma := employee("199203152019032002", career.IIIA, kesehatan, career.MustDate(2019, 3, 1), "Puskesmas Pauh")
	req := training.AllocationRequest{Year: 2025, Budget: 3_000_000,
		Programs: []training.Program{{Code: "MRS-01", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Cost: 3_000_000, Fields: []string{"kesehatan"}}},
		Candidates: []training.Candidate{
			{NIP: perawat.NIP, Field: "kesehatan", Minutes: training.Minutes(15), Rank: 1}, // the office's first choice, 15 JP already
			{NIP: rahma.NIP, Field: "kesehatan", Minutes: training.Minutes(2), Rank: 2},    // 2 JP this year
		}}
	nat, err := plugins.National().Allocate(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New().Allocate(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(nat.Seats) != 1 || nat.Seats[0].NIP != perawat.NIP {
		t.Errorf("national seats = %+v, want the office's first choice (both are below 20 JP)", nat.Seats)
	}
	if len(got.Seats) != 1 || got.Seats[0].NIP != rahma.NIP {
		t.Errorf("Pauh seats = %+v, want the candidate with the fewest JP", got.Seats)
	}
	if c, _ := got.Decision.Criterion("training.allocation.order"); c.Source == nat.Decision.Criteria[1].Source || c.Text.EN == "" {
		t.Errorf("the order criterion should cite Pauh's policy: %+v", c)
	}
	if got.Decision.Policy.Region != "pauh" || got.Spent > req.Budget {
		t.Errorf("decision = %+v, spent %d", got.Decision.Policy, got.Spent)
	}
}

func TestDescribe(t *testing.T) {
	d, err := New().Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Region != "pauh" || d.Name != "Pauh" || d.Version != Version {
		t.Errorf("description = %+v", d)
	}
	checkParams(t, d, map[string]string{
		"evaluation.cadence":              "annual",
		"mentoring.capacity":              "3",
		"pauh.evaluation.superior_weight": "0.6",
		"pauh.evaluation.peer_weight":     "0.4",
		"pauh.evaluation.min_peers":       "2",
		"pauh.training.field_match":       "true",
		"pauh.training.order":             "fewest_jp_first",
		"pauh.transparency":               "true",
	})
	if len(d.Rules) < 4 {
		t.Errorf("the rules are to be published; got %d", len(d.Rules))
	}
	for _, r := range d.Rules {
		if r.ID == "" || r.EN == "" {
			t.Errorf("rule not in both languages: %+v", r)
		}
	}
}

func checkParams(t *testing.T, d plugins.Description, want map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range d.Params {
		if seen[p.Name] {
			t.Errorf("param %s listed twice", p.Name)
		}
		seen[p.Name] = true
		if p.Text.ID == "" || p.Text.EN == "" {
			t.Errorf("param %s is not described in both languages", p.Name)
		}
		if v, ok := want[p.Name]; ok && p.Value != v {
			t.Errorf("param %s = %q, want %q", p.Name, p.Value, v)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("param %s missing", name)
		}
	}
}

// TestTotal feeds every method empty and odd input: each must answer with a result or a typed Invalid error, never
// panic, and answer the same twice (the host replays decisions).
func TestTotal(t *testing.T) {
	p := New()
	nip := career.MustParseNIP("199001152015032003")
	odd := career.Employee{NIP: nip, Position: career.Position{Kind: career.PositionKind(99)}, Grade: career.Grade(40)}
	on := career.MustDate(2025, 1, 1)
	year := evaluation.Period{Year: 2024}
	calls := map[string]func() (any, error){
		"Evaluate/zero": func() (any, error) { return p.Evaluate(ctx, evaluation.Appraisal{}) },
		"Evaluate/no ratings": func() (any, error) {
			return p.Evaluate(ctx, evaluation.Appraisal{Employee: odd, Period: year})
		},
		"Evaluate/odd indicators": func() (any, error) {
			return p.Evaluate(ctx, evaluation.Appraisal{Employee: odd, Period: year, CommunityIndex: 50,
				Indicators: []evaluation.Indicator{{Code: "", Target: 0, Actual: 5}},
				Entries: []evaluation.Entry{
					{Source: evaluation.Superior, Aspect: evaluation.Hasil, Value: evaluation.Sesuai},
					{Source: evaluation.Superior, Aspect: evaluation.Perilaku, Value: evaluation.DiBawah},
				}})
		},
		"Compliance/zero": func() (any, error) { return p.Compliance(ctx, training.Ledger{}) },
		"Recommend/zero":  func() (any, error) { return p.Recommend(ctx, training.RecommendRequest{}) },
		"Recommend/odd": func() (any, error) {
			return p.Recommend(ctx, training.RecommendRequest{Employee: odd, Catalogue: []training.Program{{}}})
		},
		"Allocate/zero": func() (any, error) { return p.Allocate(ctx, training.AllocationRequest{}) },
		"Match/zero":    func() (any, error) { return p.Match(ctx, mentoring.MatchRequest{}) },
		"Match/odd": func() (any, error) {
			return p.Match(ctx, mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{{Employee: odd}}, Mentees: []mentoring.Profile{{Employee: odd}}})
		},
		"Assess/zero":     func() (any, error) { return p.Assess(ctx, promotion.Candidate{}, career.Date{}) },
		"Rank/zero":       func() (any, error) { return p.Rank(ctx, promotion.Selection{}) },
		"CheckTransfer/0": func() (any, error) { return p.CheckTransfer(ctx, career.TransferRequest{}) },
		"Describe":        func() (any, error) { return p.Describe(ctx) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			_, err := call()
			if err != nil && career.ErrorCode(err) != career.Invalid {
				t.Errorf("error %v is not a typed Invalid error", err)
			}
			_, err2 := call()
			if (err == nil) != (err2 == nil) {
				t.Errorf("a second call answered differently: %v, then %v", err, err2)
			}
		})
	}
}
