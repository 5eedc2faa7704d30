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

// The cases come from seed 001 (Semarang): indicators of target achievement, service quality and innovation; a
// Dinas Pendidikan employee whose innovative programme improved schools; a finance officer moved to planning; a
// senior doctor guiding young doctors; further study to magister or doktor.

const city = "Pemerintah Kota Semarang"

var employee = plugintest.Agency(city).Employee

var (
	analis = career.Position{Title: "Analis Keuangan", Kind: career.Pelaksana, Field: "keuangan"}
	guru   = career.Position{Title: "Pengelola Program Pendidikan", Kind: career.Pelaksana, Field: "pendidikan"}
	dokter = career.Position{Title: "Dokter Ahli Pertama", Kind: career.Fungsional, Level: career.AhliPertama, Field: "dokter"}
)

func TestEvaluateIndicators(t *testing.T) {
	e := employee("198503122010011001", career.IIIC, guru, career.MustDate(2019, 1, 2), "Dinas Pendidikan")
	q3 := evaluation.Period{Year: 2024, Quarter: 3}
	ind := func(target, quality, innovation float64) []evaluation.Indicator {
		return []evaluation.Indicator{
			{Code: IndicatorTarget, Target: 100, Actual: target},
			{Code: IndicatorServiceQuality, Target: 100, Actual: quality},
			{Code: IndicatorInnovation, Target: 100, Actual: innovation},
		}
	}
	tests := []struct {
		name               string
		superior, behavior evaluation.Rating
		indicators         []evaluation.Indicator
		national, semarang evaluation.Predicate
		semarangHasil      evaluation.Rating
	}{
		// 0.5×130 + 0.3×110 + 0.2×100 = 118% ≥ 110%.
		{"targets exceeded: above expectations though the superior said meets", evaluation.Sesuai, evaluation.DiAtas,
			ind(130, 110, 100), evaluation.Baik, evaluation.SangatBaik, evaluation.DiAtas},
		// 0.5×70 + 0.3×80 + 0.2×50 = 69% < 80%.
		{"targets missed: below expectations though the superior said meets", evaluation.Sesuai, evaluation.Sesuai,
			ind(70, 80, 50), evaluation.Baik, evaluation.ButuhPerbaikan, evaluation.DiBawah},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := plugintest.Appraisal(e, q3, tt.superior, tt.behavior)
			a.Indicators = tt.indicators
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Evaluate, a)
			if nat.Predicate != tt.national || got.Predicate != tt.semarang || got.Hasil != tt.semarangHasil {
				t.Errorf("national %s, Semarang %s (hasil %s); want %s and %s (hasil %s)", nat.Predicate, got.Predicate, got.Hasil, tt.national, tt.semarang, tt.semarangHasil)
			}
			plugintest.HasCriterion(t, got.Decision, "evaluation.hasil_kerja.indicators")
		})
	}
	t.Run("an indicator missing is refused", func(t *testing.T) {
		// National needs no indicators; Semarang wants the innovation indicator too.
		a := plugintest.Appraisal(e, q3, evaluation.Sesuai, evaluation.Sesuai)
		a.Indicators = ind(100, 100, 100)[:2]
		plugintest.Refuses(t, New(), plugins.Policy.Evaluate, a, "indicators")
	})
}

func TestRecommend(t *testing.T) {
	catalogue := []training.Program{
		{Code: "MP-01", Title: "Manajemen Proyek", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Tags: []string{"project_management"}},
		{Code: "TI-01", Title: "Literasi Digital dan Sistem Informasi", Method: training.Pelatihan, Competency: training.Teknis, JP: 16, Tags: []string{"it"}},
		{Code: "KOM-01", Title: "Komunikasi Publik", Method: training.Workshop, Competency: training.SosialKultural, JP: 16, Tags: []string{"communication"}},
		{Code: "S2-UNDIP", Title: "Magister Administrasi Publik (kerja sama Undip)", Method: training.FurtherStudy, Competency: training.Manajerial, JP: 200, Tags: []string{"s2"}},
	}
	e := employee("198503122010011001", career.IIIC, analis, career.MustDate(2019, 1, 2), "Badan Keuangan Daerah")
	done := plugintest.Ledger(e.NIP, 2025, plugintest.Activity(career.MustDate(2025, 2, 3), training.Pelatihan, 20))
	tests := []struct {
		name               string
		last               evaluation.Result
		national, semarang []string
	}{
		{"results below expectations: project management, IT, communication", evaluation.Result{Hasil: evaluation.DiBawah, Perilaku: evaluation.Sesuai, Predicate: evaluation.ButuhPerbaikan},
			nil, []string{"KOM-01", "MP-01", "TI-01"}},
		{"Baik with an S1: magister", evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai, Predicate: evaluation.Baik},
			nil, []string{"S2-UNDIP"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := training.RecommendRequest{Employee: e, Last: tt.last, Ledger: done, Catalogue: catalogue}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Recommend, req)
			plugintest.CheckPrograms(t, "national", nat, tt.national...)
			plugintest.CheckPrograms(t, "Semarang", got, tt.semarang...)
		})
	}
}

func TestComplianceFurtherStudy(t *testing.T) {
	e := employee("198503122010011001", career.IIIC, analis, career.MustDate(2019, 1, 2), "Badan Keuangan Daerah")
	l := plugintest.Ledger(e.NIP, 2025, training.Activity{Date: career.MustDate(2025, 9, 1), Program: "S2-UNDIP", Method: training.FurtherStudy, Minutes: training.Minutes(30)})
	nat, got := plugintest.Compare(t, New(), plugins.Policy.Compliance, l)
	if nat.Outcome != training.Compliant || got.Outcome != training.Compliant {
		t.Errorf("further study counts in both: national %s, Semarang %s (%v)", nat.Outcome, got.Outcome, got.Details)
	}
	plugintest.Detail(t, got, "counted_jp", "30.00")
	plugintest.NoDetail(t, nat, "further_study_jp") // national does not single out further study
	plugintest.Detail(t, got, "further_study_jp", "30.00")
	plugintest.HasCriterion(t, got, "semarang.training.further_study")
}

func TestMatchSameProfession(t *testing.T) {
	on := career.MustDate(2025, 2, 1)
	young := mentoring.Profile{Employee: employee("199604112022032001", career.IIIB, dokter, career.MustDate(2022, 3, 1), "Puskesmas Halmahera")}
	seniorDoctor := mentoring.Profile{Predicate: evaluation.Baik,
		Employee: employee("197910052005011002", career.IVA, career.Position{Title: "Dokter Ahli Madya", Kind: career.Fungsional, Level: career.AhliMadya, Field: "dokter"}, career.MustDate(2017, 4, 1), "RSUD KRMT Wongsonegoro")}
	seniorAdmin := mentoring.Profile{Predicate: evaluation.Baik,
		Employee: employee("198202142008011003", career.IIIC, career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana, Field: "administrasi"}, career.MustDate(2018, 1, 2), "Puskesmas Halmahera")}
	req := mentoring.MatchRequest{Mentors: []mentoring.Profile{seniorDoctor, seniorAdmin}, Mentees: []mentoring.Profile{young}, On: on}

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Match, req)
	// Nationally the same-unit administrator one grade up scores 5 against the doctor's 3; Semarang pairs the young
	// doctor with the senior doctor from another unit.
	plugintest.CheckPairs(t, "national", nat, mentoring.Pair{Mentor: seniorAdmin.Employee.NIP, Mentee: young.Employee.NIP})
	plugintest.CheckPairs(t, "Semarang", got, mentoring.Pair{Mentor: seniorDoctor.Employee.NIP, Mentee: young.Employee.NIP})
	plugintest.HasCriterion(t, got.Decision, "mentoring.same_profession")
}

func TestRankInnovation(t *testing.T) {
	on := career.MustDate(2025, 3, 1)
	open := promotion.Opening{ID: "kasi-kurikulum", Position: career.Position{Title: "Kepala Seksi Kurikulum", Kind: career.Pengawas, Field: "pendidikan"}, On: on}
	tmt := career.MustDate(2020, 1, 2)
	innovator := promotion.Applicant{Employee: employee("198503122010011001", career.IIIC, guru, tmt, "Dinas Pendidikan"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.Baik, 2024: evaluation.Baik}, Competence: 85, Innovation: 90}
	steady := promotion.Applicant{Employee: employee("198607072010012004", career.IIIC, guru, tmt, "Dinas Pendidikan"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.SangatBaik, 2024: evaluation.SangatBaik}, Competence: 88, Innovation: 20}
	s := promotion.Selection{Opening: open, Applicants: []promotion.Applicant{innovator, steady}}

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Rank, s)
	if nat.Ranked[0].NIP != steady.Employee.NIP {
		t.Errorf("national ranks first %s, want the applicant with Sangat Baik", nat.Ranked[0].NIP)
	}
	if got.Ranked[0].NIP != innovator.Employee.NIP {
		t.Errorf("Semarang ranks first %s, want the innovator", got.Ranked[0].NIP)
	}
	// 0.4×80 + 0.3×85 + 0.3×90 = 84.5.
	plugintest.Detail(t, got.Ranked[0].Decision, "score", "84.50")
	plugintest.Detail(t, got.Ranked[0].Decision, "innovation", "90.00")
}

func TestCheckTransfer(t *testing.T) {
	on := career.MustDate(2025, 6, 2)
	keuangan := employee("199002202018011001", career.IIIB, analis, career.MustDate(2023, 3, 1), "Badan Keuangan Daerah")
	fresh := employee("199002202018011001", career.IIIB, analis, career.MustDate(2024, 7, 1), "Badan Keuangan Daerah")
	inCity := career.Place{Agency: city, Regency: "Kota Semarang", Province: "Jawa Tengah"}
	// The same move when each perangkat daerah is recorded as its own agency.
	bkd := career.Place{Agency: "Badan Keuangan Daerah Kota Semarang", Regency: "Kota Semarang", Province: "Jawa Tengah"}
	bappeda := career.Place{Agency: "Bappeda Kota Semarang", Regency: "Kota Semarang", Province: "Jawa Tengah"}
	province := career.Place{Agency: "Pemerintah Provinsi Jawa Tengah", Province: "Jawa Tengah"}
	tests := []struct {
		name        string
		req         career.TransferRequest
		outcome     string // the same under both: Semarang does not change the national outcome
		timeServed  bool   // Semarang's mobility criterion: MobilityYears in post served
		recommended string // Semarang's detail mobility_recommended
	}{
		{"keuangan → perencanaan within the city government after 2 years 3 months: recommended",
			career.TransferRequest{Employee: keuangan, From: inCity, To: inCity, On: on}, career.Eligible, true, "true"},
		{"within the city after 11 months: not yet, not recommended",
			career.TransferRequest{Employee: fresh, From: inCity, To: inCity, On: on}, career.NotYet, false, "false"},
		{"Badan Keuangan → Bappeda, two agencies, after 2 years 3 months: recommended across agencies",
			career.TransferRequest{Employee: keuangan, From: bkd, To: bappeda, On: on}, career.Eligible, true, "true"},
		{"personal request to the province after 7 years of service: the national 10 years stand, not recommended",
			career.TransferRequest{Employee: keuangan, From: inCity, To: province, Personal: true, On: on}, career.NotYet, true, "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nat, got := plugintest.Compare(t, New(), plugins.Policy.CheckTransfer, tt.req)
			if nat.Outcome != tt.outcome || got.Outcome != tt.outcome || nat.NotBefore != got.NotBefore {
				t.Errorf("outcome national %s (%s), Semarang %s (%s); want %s for both", nat.Outcome, nat.NotBefore, got.Outcome, got.NotBefore, tt.outcome)
			}
			plugintest.NoDetail(t, nat, "mobility_recommended") // national has no mobility rule
			plugintest.NoCriterion(t, nat, "semarang.transfer.mobility")
			plugintest.Detail(t, nat, "rotation_recommended", "false") // national recommends rotation only after 5 years
			plugintest.CriterionPassed(t, got, "semarang.transfer.mobility", tt.timeServed)
			plugintest.Detail(t, got, "mobility_recommended", tt.recommended)
			if got.Policy.Region != "semarang" {
				t.Errorf("policy = %+v", got.Policy)
			}
		})
	}
	// Offices recorded as agencies are still one city government: its PPK decides (PP 11/2017), not the governor.
	for to, want := range map[career.Place]string{bappeda: "ppk", province: "gubernur"} {
		d, err := New().CheckTransfer(t.Context(), career.TransferRequest{Employee: keuangan, From: bkd, To: to, On: on})
		if err != nil {
			t.Fatal(err)
		}
		plugintest.Detail(t, d, "authority", want)
	}
	if _, err := New().CheckTransfer(t.Context(), career.TransferRequest{}); career.ErrorCode(err) != career.Invalid {
		t.Errorf("an empty request: got %v, want Invalid", err)
	}
}

func TestDescribe(t *testing.T) {
	d := plugintest.Describe(t, New(), "semarang", "Kota Semarang", Version)
	plugintest.CheckParams(t, d, map[string]string{
		"evaluation.cadence":                        "quarterly",
		"selection.weight.performance":              "0.4",
		"selection.weight.competence":               "0.3",
		"selection.weight.innovation":               "0.3",
		"selection.weight.experience":               "0",
		"transfer.min_years_in_position":            "2",
		"semarang.indicator.weight.target":          "0.5",
		"semarang.indicator.weight.service_quality": "0.3",
		"semarang.indicator.weight.innovation":      "0.2",
		"semarang.indicator.below":                  "80",
		"semarang.indicator.above":                  "110",
		"semarang.training.focus_tags":              "project_management,it,communication",
		"semarang.further_study.min_predicate":      "baik",
		"semarang.transfer.mobility_years":          "2",
	})
	// The summary states the numbers the code judges by, in both languages.
	for _, want := range []struct{ id, en string }{
		{"pencapaian target 50%, kualitas pelayanan 30%, inovasi 20%", "target achievement 50%, service quality 30%, innovation 20%"},
		{"kinerja 40%, kompetensi 30%, inovasi 30%", "performance 40%, competence 30%, innovation 30%"},
		{"antarunit, bidang atau instansi", "between units, fields or agencies"},
		{"dianjurkan setelah 2 tahun dalam jabatan", "recommended after 2 years in post"},
		{"setelah 10 tahun masa kerja", "after 10 years of service"},
		{"paling sedikit 20 JP setahun", "at least 20 JP a year"},
	} {
		plugintest.Says(t, d, want.id, want.en)
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
