package main

import (
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/training"
)

// The cases come from seed 002 (Pauh): an annual appraisal with the direct superior and peers, a health officer who
// should take hospital management, and staff who feel they do not get the same chance to train.

var employee = plugintest.Agency("Pemerintah Daerah Pauh").Employee

var (
	kesehatan = career.Position{Title: "Pengelola Layanan Kesehatan", Kind: career.Pelaksana, Field: "kesehatan"}
	perawat   = employee("198811032012122001", career.IIIB, kesehatan, career.MustDate(2019, 4, 1), "RSUD Pauh")
)

func TestEvaluate360(t *testing.T) {
	year := evaluation.Period{Year: 2024}
	// The superior's ratings of results and behaviour, then the peers' ratings of behaviour.
	tests := []struct {
		name            string
		hasil, perilaku evaluation.Rating
		peers           []evaluation.Rating
		national, pauh  evaluation.Predicate
		flagged         bool // Pauh's peers criterion failed: too few peers
	}{
		{"peers temper the superior's Di Atas: 0.6×3 + 0.4×1 = 2.2 → Sesuai", evaluation.DiAtas, evaluation.DiAtas,
			[]evaluation.Rating{evaluation.DiBawah, evaluation.DiBawah}, evaluation.SangatBaik, evaluation.Baik, false},
		{"peers lift the superior's Di Bawah: 0.6×1 + 0.4×3 = 1.8 → Sesuai, no misconduct", evaluation.Sesuai, evaluation.DiBawah,
			[]evaluation.Rating{evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas}, evaluation.Kurang, evaluation.Baik, false},
		{"one peer only: the superior's rating stands, flagged", evaluation.DiAtas, evaluation.DiAtas,
			[]evaluation.Rating{evaluation.DiBawah}, evaluation.SangatBaik, evaluation.SangatBaik, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := plugintest.Appraisal(perawat, year, tt.hasil, tt.perilaku, tt.peers...)
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Evaluate, a)
			if nat.Predicate != tt.national || got.Predicate != tt.pauh {
				t.Errorf("national %s, Pauh %s; want %s and %s", nat.Predicate, got.Predicate, tt.national, tt.pauh)
			}
			plugintest.CriterionPassed(t, got.Decision, "evaluation.perilaku_kerja.peers", !tt.flagged)
			plugintest.NoCriterion(t, nat.Decision, "evaluation.perilaku_kerja.peers") // national does not count peers
		})
	}
	t.Run("a quarter is refused", func(t *testing.T) {
		a := plugintest.Appraisal(perawat, evaluation.Period{Year: 2024, Quarter: 1}, evaluation.Sesuai, evaluation.Sesuai)
		plugintest.Refuses(t, New(), plugins.Policy.Evaluate, a, "period") // Pauh appraises yearly
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
	done := plugintest.Ledger(perawat.NIP, 2025, plugintest.Activity(career.MustDate(2025, 2, 3), training.Pelatihan, 20))
	tests := []struct {
		name           string
		last           evaluation.Result
		ledger         training.Ledger
		national, pauh []string
	}{
		{"no JP yet: hospital management before a general seminar",
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai, Predicate: evaluation.Baik},
			plugintest.Ledger(perawat.NIP, 2025), []string{"SEM-PP"}, []string{"MRS-01"}},
		{"behaviour below expectations: coaching for health staff only",
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.DiBawah, Predicate: evaluation.Kurang},
			done, []string{"COACH-DIK", "COACH-KES"}, []string{"COACH-KES"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := training.RecommendRequest{Employee: perawat, Last: tt.last, Ledger: tt.ledger, Catalogue: catalogue}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Recommend, req)
			plugintest.CheckPrograms(t, "national", nat, tt.national...)
			plugintest.CheckPrograms(t, "Pauh", got, tt.pauh...)
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
	nat, got := plugintest.Compare(t, New(), plugins.Policy.Allocate, req)
	if len(nat.Seats) != 1 || nat.Seats[0].NIP != perawat.NIP {
		t.Errorf("national seats = %+v, want the office's first choice (both are below 20 JP)", nat.Seats)
	}
	if len(got.Seats) != 1 || got.Seats[0].NIP != rahma.NIP {
		t.Errorf("Pauh seats = %+v, want the candidate with the fewest JP", got.Seats)
	}
	if c := plugintest.HasCriterion(t, got.Decision, "training.allocation.order"); c.Source == nat.Decision.Criteria[1].Source || c.Text.EN == "" {
		t.Errorf("the order criterion should cite Pauh's policy: %+v", c)
	}
	if got.Decision.Policy.Region != "pauh" || got.Spent > req.Budget {
		t.Errorf("decision = %+v, spent %d", got.Decision.Policy, got.Spent)
	}
}

func TestDescribe(t *testing.T) {
	d := plugintest.Describe(t, New(), "pauh", "Pauh", Version)
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
	// The published rules state the numbers the code judges by, in both languages.
	for _, want := range []struct{ id, en string }{
		{"60% atasan + 40% rerata rekan kerja, paling sedikit 2 rekan", "60% superior + 40% mean of peers, at least 2 peers"},
		{"JP paling sedikit tahun ini", "the fewest JP this year"},
		{"sesuai bidang tugas", "matches the job field"},
		{"paling sedikit 20 JP setahun", "at least 20 JP a year"},
		{"paling banyak 3 mentee", "at most 3 mentees"},
		{"kinerja 40%, kompetensi 40%, pengalaman 20%", "performance 40%, competence 40%, experience 20%"},
	} {
		plugintest.Says(t, d, want.id, want.en)
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
