package main

import (
	"context"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
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
			if c := plugintest.ProgramCodes(nat); !slices.Equal(c, tt.national) {
				t.Errorf("national = %v, want %v", c, tt.national)
			}
			if c := plugintest.ProgramCodes(got); !slices.Equal(c, tt.pauh) {
				t.Errorf("Pauh = %v, want %v", c, tt.pauh)
			}
		})
	}
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
	plugintest.CheckParams(t, d, map[string]string{
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

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
