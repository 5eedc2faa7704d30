package main

import (
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// The cases come from seed 003 (Provinsi Wanggar): yearly evaluation on set indicators, a reward programme for high
// performers, a Dinas Kesehatan officer made kepala seksi quickly after outstanding work and extra training, and a
// head of agency (kepala dinas) guiding new staff.

var employee = plugintest.Agency("Pemerintah Provinsi Wanggar").Employee

var (
	pengelola  = career.Position{Title: "Pengelola Program Kesehatan", Kind: career.Pelaksana, Field: "kesehatan"}
	kasiYankes = career.Position{Title: "Kepala Seksi Pelayanan Kesehatan", Kind: career.Pengawas, Field: "kesehatan"}
	officer    = employee("199003152014031001", career.IIIC, pengelola, career.MustDate(2024, 1, 2), "Dinas Kesehatan")
)

func TestEvaluate(t *testing.T) {
	year := evaluation.Period{Year: 2024}
	indicators := []evaluation.Indicator{
		{Code: "cakupan_imunisasi", Target: 90, Actual: 108},  // 120%
		{Code: "penurunan_stunting", Target: 10, Actual: 12},  // 120%
		{Code: "laporan_tepat_waktu", Target: 12, Actual: 12}, // 100%
	}
	tests := []struct {
		name              string
		hasil, perilaku   evaluation.Rating // the superior's
		indicators        []evaluation.Indicator
		national, wanggar evaluation.Predicate
		reward            string // Wanggar's detail
	}{
		{"indicators at 113% lift results the superior rated as meeting: Sangat Baik and the reward programme",
			evaluation.Sesuai, evaluation.DiAtas, indicators, evaluation.Baik, evaluation.SangatBaik, "true"},
		{"indicators at 113% with behaviour as expected: Baik, no reward",
			evaluation.Sesuai, evaluation.Sesuai, indicators, evaluation.Baik, evaluation.Baik, "false"},
		{"indicators at 50%: results below expectations whatever the superior says",
			evaluation.DiAtas, evaluation.DiAtas, []evaluation.Indicator{{Code: "cakupan_imunisasi", Target: 90, Actual: 45}},
			evaluation.SangatBaik, evaluation.ButuhPerbaikan, "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := plugintest.Appraisal(officer, year, tt.hasil, tt.perilaku)
			a.Indicators = tt.indicators
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Evaluate, a)
			if nat.Predicate != tt.national || got.Predicate != tt.wanggar {
				t.Errorf("national %s, Wanggar %s; want %s and %s", nat.Predicate, got.Predicate, tt.national, tt.wanggar)
			}
			plugintest.NoDetail(t, nat.Decision, "reward_programme") // national has no reward programme
			plugintest.Detail(t, got.Decision, "reward_programme", tt.reward)
			if tt.reward == "true" {
				plugintest.HasCriterion(t, got.Decision, "wanggar.reward_programme")
			} else {
				plugintest.NoCriterion(t, got.Decision, "wanggar.reward_programme")
			}
		})
	}
	t.Run("no indicators: refused", func(t *testing.T) {
		a := plugintest.Appraisal(officer, year, evaluation.Sesuai, evaluation.Sesuai)
		plugintest.Refuses(t, New(), plugins.Policy.Evaluate, a, "indicators")
	})
}

func TestRecommendWorkshops(t *testing.T) {
	catalogue := []training.Program{
		{Code: "WS-TEK", Title: "Workshop Surveilans Kesehatan", Method: training.Workshop, Competency: training.Teknis, JP: 24, Fields: []string{"kesehatan"}},
		{Code: "SEM-MAN", Title: "Seminar Manajemen Proyek", Method: training.Seminar, Competency: training.Manajerial, JP: 16},
		{Code: "PEL-X", Title: "Pelatihan Dasar Administrasi", Method: training.Pelatihan, Competency: training.Teknis, JP: 40},
	}
	done := plugintest.Ledger(officer.NIP, 2025, plugintest.Activity(career.MustDate(2025, 2, 3), training.Pelatihan, 20))
	tests := []struct {
		name              string
		last              evaluation.Result
		ledger            training.Ledger
		national, wanggar []string
	}{
		{"Sangat Baik with 20 JP: workshops and seminars toward the fast track",
			evaluation.Result{Hasil: evaluation.DiAtas, Perilaku: evaluation.DiAtas, Predicate: evaluation.SangatBaik},
			done, nil, []string{"SEM-MAN", "WS-TEK"}},
		{"no JP yet: a workshop before the larger classroom course",
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai, Predicate: evaluation.Baik},
			plugintest.Ledger(officer.NIP, 2025), []string{"PEL-X"}, []string{"WS-TEK"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := training.RecommendRequest{Employee: officer, Last: tt.last, Ledger: tt.ledger, Catalogue: catalogue}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Recommend, req)
			plugintest.CheckPrograms(t, "national", nat, tt.national...)
			plugintest.CheckPrograms(t, "Wanggar", got, tt.wanggar...)
		})
	}
}

func TestMatchHeadsMentorNewStaff(t *testing.T) {
	on := career.MustDate(2025, 2, 3)
	kepalaDinas := mentoring.Profile{Predicate: evaluation.Baik, Employee: employee("197201011998031001", career.IVC,
		career.Position{Title: "Kepala Dinas Kesehatan", Kind: career.JPTPratama, Field: "kesehatan"}, career.MustDate(2021, 1, 4), "Dinas Kesehatan")}
	fungsional := mentoring.Profile{Predicate: evaluation.SangatBaik, Employee: employee("198105052006042002", career.IIIC,
		career.Position{Title: "Epidemiolog Kesehatan Ahli Muda", Kind: career.Fungsional, Level: career.AhliMuda, Field: "kesehatan"}, career.MustDate(2020, 1, 2), "Dinas Kesehatan")}
	baru := mentoring.Profile{Employee: employee("200001012024091001", career.IIIA, pengelola, career.MustDate(2024, 9, 1), "Dinas Kesehatan")}
	lama := mentoring.Profile{Employee: employee("199505052021032001", career.IIIA, pengelola, career.MustDate(2021, 3, 1), "Dinas Kesehatan")}
	req := mentoring.MatchRequest{Mentors: []mentoring.Profile{kepalaDinas, fungsional}, Mentees: []mentoring.Profile{baru, lama}, On: on}

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Match, req)
	// National pairs both mentees with the closer-graded fungsional; Wanggar the new staff with the kepala dinas only.
	plugintest.CheckPairs(t, "national", nat, mentoring.Pair{Mentor: fungsional.Employee.NIP, Mentee: baru.Employee.NIP},
		mentoring.Pair{Mentor: fungsional.Employee.NIP, Mentee: lama.Employee.NIP})
	plugintest.CheckPairs(t, "Wanggar", got, mentoring.Pair{Mentor: kepalaDinas.Employee.NIP, Mentee: baru.Employee.NIP})
	if len(got.Unmatched) != 1 || got.Unmatched[0].Mentee != lama.Employee.NIP || got.Unmatched[0].Reason.EN == "" {
		t.Errorf("Wanggar unmatched = %+v, want the staff of 4 years, with the reason", got.Unmatched)
	}
}

func TestRankFastTrack(t *testing.T) {
	on := career.MustDate(2025, 3, 3)
	sb := map[int]evaluation.Predicate{2023: evaluation.SangatBaik, 2024: evaluation.SangatBaik}
	tests := []struct {
		name              string
		opening           career.Position
		applicant         promotion.Applicant
		national, wanggar string
	}{
		{"kepala seksi after 1 year 2 months in post, Sangat Baik twice and 45 JP extra",
			kasiYankes, promotion.Applicant{Employee: officer, Predicates: sb, Competence: 85, ExtraMinutes: training.Minutes(45)},
			career.NotEligible, career.Eligible},
		{"only 30 JP extra: no fast track",
			kasiYankes, promotion.Applicant{Employee: officer, Predicates: sb, Competence: 85, ExtraMinutes: training.Minutes(30)},
			career.NotEligible, career.NotEligible},
		{"Baik once: no fast track",
			kasiYankes, promotion.Applicant{Employee: officer, Predicates: map[int]evaluation.Predicate{2023: evaluation.Baik, 2024: evaluation.SangatBaik}, Competence: 85, ExtraMinutes: training.Minutes(45)},
			career.NotEligible, career.NotEligible},
		{"JPT pratama: the national floors, never the fast track",
			career.Position{Title: "Kepala Dinas Kesehatan", Kind: career.JPTPratama, Field: "kesehatan"},
			promotion.Applicant{Employee: officer, Predicates: sb, Competence: 85, ExtraMinutes: training.Minutes(45)},
			career.NotEligible, career.NotEligible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := promotion.Selection{Opening: promotion.Opening{ID: "open", Position: tt.opening, On: on}, Applicants: []promotion.Applicant{tt.applicant}}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Rank, s)
			n, w := nat.Ranked[0].Decision, got.Ranked[0].Decision
			if n.Outcome != tt.national || w.Outcome != tt.wanggar {
				t.Errorf("national %s, Wanggar %s; want %s and %s\n%v", n.Outcome, w.Outcome, tt.national, tt.wanggar, w.Explain("en"))
			}
			if tt.opening.Kind == career.JPTPratama {
				plugintest.NoCriterion(t, w, "promotion.selection.fast_track") // never for a JPT selection
				return
			}
			if ft := plugintest.HasCriterion(t, w, "promotion.selection.fast_track"); ft.Source == "" {
				t.Error("the fast track must cite its source")
			}
			req, _ := w.Criterion("promotion.selection.min_time_in_position")
			if want := map[bool]string{true: "1 tahun 0 bulan", false: "2 tahun 0 bulan"}[tt.wanggar == career.Eligible]; req.Required != want {
				t.Errorf("time in post required = %q, want %q", req.Required, want)
			}
		})
	}
}

func TestRankWeights(t *testing.T) {
	on := career.MustDate(2025, 3, 3)
	old := career.MustDate(2020, 1, 2)
	veteran := promotion.Applicant{Employee: employee("197005051995031001", career.IIID, pengelola, old, "Dinas Kesehatan"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.Baik, 2024: evaluation.Baik}, Competence: 80}
	young := promotion.Applicant{Employee: employee("199003152014031001", career.IIIC, pengelola, old, "Dinas Kesehatan"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.Baik, 2024: evaluation.Baik}, Competence: 88}
	s := promotion.Selection{Opening: promotion.Opening{ID: "kasi", Position: kasiYankes, On: on}, Applicants: []promotion.Applicant{veteran, young}}
	nat, got := plugintest.Compare(t, New(), plugins.Policy.Rank, s)
	// National: 30 years of service weigh 20%; Wanggar counts evaluation and competence only.
	if nat.Ranked[0].NIP != veteran.Employee.NIP || got.Ranked[0].NIP != young.Employee.NIP {
		t.Errorf("first: national %s, Wanggar %s; want the veteran, then the more competent applicant", nat.Ranked[0].NIP, got.Ranked[0].NIP)
	}
}

func TestDescribe(t *testing.T) {
	d := plugintest.Describe(t, New(), "wanggar", "Provinsi Wanggar", Version)
	plugintest.CheckParams(t, d, map[string]string{
		"evaluation.cadence":                         "annual",
		"selection.min_years_in_position":            "2",
		"selection.weight.performance":               "0.5",
		"selection.weight.competence":                "0.5",
		"selection.weight.experience":                "0",
		"wanggar.indicator.below":                    "80",
		"wanggar.indicator.above":                    "110",
		"wanggar.reward.predicate":                   "sangat_baik",
		"wanggar.mentoring.mentor_min_kind":          "administrator",
		"wanggar.mentoring.mentee_max_service_years": "1",
		"wanggar.fast_track.years":                   "2",
		"wanggar.fast_track.extra_jp":                "40",
		"wanggar.fast_track.kinds":                   "pengawas,administrator",
	})
	// The summary states the numbers the code judges by, in both languages.
	for _, want := range []struct{ id, en string }{
		{"< 80% di bawah ekspektasi, ≥ 110% di atas ekspektasi", "below 80% below expectations, 110% or more above"},
		{"Sangat Baik masuk program reward", "Sangat Baik enter the reward programme"},
		{"sampai 40 JP tambahan untuk jalur cepat", "up to the 40 extra JP of the fast track"},
		{"administrator ke atas) membimbing staf baru dengan masa kerja kurang dari 1 tahun", "administrator or above) mentor new staff with less than 1 year(s) of service"},
		{"kinerja (50%) dan kompetensi (50%)", "appraisal results (50%) and competence (50%)"},
		{"syarat 2 tahun dalam jabatan menjadi separuhnya (12 bulan)", "halve the 2 years in post (to 12 months)"},
		{"paling sedikit 20 JP setahun", "at least 20 JP a year"},
		{"paling banyak 3 mentee", "at most 3 mentees"},
		{"Hasil evaluasi kinerja menjadi dasar keputusan mutasi", "Appraisal results are the basis of transfer decisions"},
	} {
		plugintest.Says(t, d, want.id, want.en)
	}
}

// TestCheckTransferOnEvaluation: the officer, 2 years 3 months in post at Dinas Kesehatan, asks to move to Bappeda
// (seed 003: "Hasil evaluasi ini menjadi dasar untuk pengambilan keputusan terkait promosi, mutasi, …"). Nationally
// the time in post decides; Wanggar also wants the appraisal result, and without one the move is not eligible.
func TestCheckTransferOnEvaluation(t *testing.T) {
	on := career.MustDate(2026, 4, 1)
	dinkes := career.Place{Agency: "Dinas Kesehatan Provinsi Wanggar", Province: "Wanggar"}
	bappeda := career.Place{Agency: "Bappeda Provinsi Wanggar", Province: "Wanggar"}
	tests := []struct {
		name               string
		kinerja, potensial career.Band
		employee           career.Employee
		national, wanggar  string
		passed             bool
		found              string
	}{
		{"result on record, box 7", career.High, career.Middle, officer, career.Eligible, career.Eligible, true, "kinerja di atas ekspektasi (kotak 7)"},
		{"result without a potential score", career.Low, 0, officer, career.Eligible, career.Eligible, true, "kinerja di bawah ekspektasi"},
		{"no result: no basis", 0, career.High, officer, career.Eligible, career.NotEligible, false, "tidak ada"},
		{"no result and too soon in post", 0, 0, employee("199003152014031001", career.IIIC, pengelola, career.MustDate(2025, 6, 2), "Dinas Kesehatan"),
			career.NotYet, career.NotEligible, false, "tidak ada"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := career.TransferRequest{Employee: tt.employee, From: dinkes, To: bappeda, On: on, Kinerja: tt.kinerja, Potensial: tt.potensial}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.CheckTransfer, req)
			if nat.Outcome != tt.national || got.Outcome != tt.wanggar {
				t.Errorf("outcome national %s, Wanggar %s; want %s, %s", nat.Outcome, got.Outcome, tt.national, tt.wanggar)
			}
			if tt.wanggar == career.NotEligible && !got.NotBefore.IsZero() {
				t.Errorf("not eligible with a date %s", got.NotBefore)
			}
			plugintest.NoCriterion(t, nat, "wanggar.transfer.evaluation")
			plugintest.CriterionPassed(t, got, "wanggar.transfer.evaluation", tt.passed)
			if c := plugintest.HasCriterion(t, got, "wanggar.transfer.evaluation"); c.Found != tt.found {
				t.Errorf("found %q, want %q", c.Found, tt.found)
			}
			plugintest.Detail(t, got, "authority", "ppk") // two offices of the province's own government
		})
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
