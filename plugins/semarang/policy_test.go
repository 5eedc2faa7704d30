package main

import (
	"context"
	"slices"
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

var ctx = context.Background()

const city = "Pemerintah Kota Semarang"

func employee(nip string, g career.Grade, pos career.Position, posTMT career.Date, unit string) career.Employee {
	return career.Employee{
		NIP: career.MustParseNIP(nip), Name: "Pegawai " + nip[15:], Type: career.PNS, Grade: g, GradeTMT: posTMT,
		Position: pos, PositionTMT: posTMT, Education: career.S1, Unit: unit, Agency: city,
	}
}

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
			a := evaluation.Appraisal{Employee: e, Period: q3, Indicators: tt.indicators, Entries: []evaluation.Entry{
				{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: tt.superior, At: q3.End()},
				{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: tt.behavior, At: q3.End()},
			}}
			nat, err := plugins.National().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if nat.Predicate != tt.national || got.Predicate != tt.semarang || got.Hasil != tt.semarangHasil {
				t.Errorf("national %s, Semarang %s (hasil %s); want %s and %s (hasil %s)", nat.Predicate, got.Predicate, got.Hasil, tt.national, tt.semarang, tt.semarangHasil)
			}
			if _, ok := got.Decision.Criterion("evaluation.hasil_kerja.indicators"); !ok {
				t.Errorf("the indicator criterion is missing: %v", got.Decision.Explain("id"))
			}
		})
	}
	t.Run("an indicator missing is refused", func(t *testing.T) {
		a := evaluation.Appraisal{Employee: e, Period: q3, Indicators: ind(100, 100, 100)[:2], Entries: []evaluation.Entry{
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: evaluation.Sesuai, At: q3.End()},
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: q3.End()},
		}}
		if _, err := plugins.National().Evaluate(ctx, a); err != nil {
			t.Fatalf("national needs no indicators: %v", err)
		}
		if _, err := New().Evaluate(ctx, a); career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != "indicators" {
			t.Errorf("Semarang without the innovation indicator: got %v, want Invalid on indicators", err)
		}
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
	ledger := training.Ledger{NIP: e.NIP, Year: 2025, Activities: []training.Activity{
		{NIP: e.NIP, Date: career.MustDate(2025, 2, 3), Program: "x", Method: training.Pelatihan, Minutes: training.Minutes(20)}}}
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
			req := training.RecommendRequest{Employee: e, Last: tt.last, Ledger: ledger, Catalogue: catalogue}
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
			if c := plugintest.ProgramCodes(got); !slices.Equal(c, tt.semarang) {
				t.Errorf("Semarang = %v, want %v", c, tt.semarang)
			}
		})
	}
}

func TestComplianceFurtherStudy(t *testing.T) {
	e := employee("198503122010011001", career.IIIC, analis, career.MustDate(2019, 1, 2), "Badan Keuangan Daerah")
	l := training.Ledger{NIP: e.NIP, Year: 2025, Activities: []training.Activity{
		{NIP: e.NIP, Date: career.MustDate(2025, 9, 1), Program: "S2-UNDIP", Method: training.FurtherStudy, Minutes: training.Minutes(30)}}}
	nat, err := plugins.National().Compliance(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New().Compliance(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	if nat.Outcome != training.Compliant || got.Outcome != training.Compliant || got.Details["counted_jp"] != "30.00" {
		t.Errorf("further study counts in both: national %s, Semarang %s (%v)", nat.Outcome, got.Outcome, got.Details)
	}
	if _, ok := nat.Details["further_study_jp"]; ok {
		t.Error("national does not single out further study")
	}
	if got.Details["further_study_jp"] != "30.00" {
		t.Errorf("further_study_jp = %q, want 30.00", got.Details["further_study_jp"])
	}
	if _, ok := got.Criterion("semarang.training.further_study"); !ok {
		t.Error("criterion semarang.training.further_study missing")
	}
}

func TestMatchSameProfession(t *testing.T) {
	on := career.MustDate(2025, 2, 1)
	young := mentoring.Profile{Employee: employee("199604112022032001", career.IIIB, dokter, career.MustDate(2022, 3, 1), "Puskesmas Halmahera")}
	seniorDoctor := mentoring.Profile{Predicate: evaluation.Baik,
		Employee: employee("197910052005011002", career.IVA, career.Position{Title: "Dokter Ahli Madya", Kind: career.Fungsional, Level: career.AhliMadya, Field: "dokter"}, career.MustDate(2017, 4, 1), "RSUD KRMT Wongsonegoro")}
	seniorAdmin := mentoring.Profile{Predicate: evaluation.Baik,
		Employee: employee("198202142008011003", career.IIIC, career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana, Field: "administrasi"}, career.MustDate(2018, 1, 2), "Puskesmas Halmahera")}
	req := mentoring.MatchRequest{Mentors: []mentoring.Profile{seniorDoctor, seniorAdmin}, Mentees: []mentoring.Profile{young}, On: on}

	nat, err := plugins.National().Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New().Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	// Nationally the same-unit administrator one grade up scores 5 against the doctor's 3.
	if len(nat.Pairs) != 1 || nat.Pairs[0].Mentor != seniorAdmin.Employee.NIP {
		t.Errorf("national pairs = %+v, want the same-unit administrator", nat.Pairs)
	}
	if len(got.Pairs) != 1 || got.Pairs[0].Mentor != seniorDoctor.Employee.NIP {
		t.Errorf("Semarang pairs = %+v, want the senior doctor from another unit", got.Pairs)
	}
	if _, ok := got.Decision.Criterion("mentoring.same_profession"); !ok {
		t.Error("the same-profession rule is not in the decision")
	}
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
	nat, err := plugins.National().Rank(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New().Rank(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if nat.Ranked[0].NIP != steady.Employee.NIP {
		t.Errorf("national ranks first %s, want the applicant with Sangat Baik", nat.Ranked[0].NIP)
	}
	if got.Ranked[0].NIP != innovator.Employee.NIP {
		t.Errorf("Semarang ranks first %s, want the innovator", got.Ranked[0].NIP)
	}
	// 0.4×80 + 0.3×85 + 0.3×90 = 84.5.
	if d := got.Ranked[0].Decision.Details; d["score"] != "84.50" || d["innovation"] != "90.00" {
		t.Errorf("innovator details = %v", d)
	}
}

func TestCheckTransfer(t *testing.T) {
	on := career.MustDate(2025, 6, 2)
	keuangan := employee("199002202018011001", career.IIIB, analis, career.MustDate(2023, 3, 1), "Badan Keuangan Daerah")
	fresh := employee("199002202018011001", career.IIIB, analis, career.MustDate(2024, 7, 1), "Badan Keuangan Daerah")
	inCity := career.Place{Agency: city, Regency: "Kota Semarang", Province: "Jawa Tengah"}
	province := career.Place{Agency: "Pemerintah Provinsi Jawa Tengah", Province: "Jawa Tengah"}
	tests := []struct {
		name     string
		req      career.TransferRequest
		outcome  string // the same under both: Semarang does not change the national outcome
		mobility string // Semarang's detail; "" when not set
	}{
		{"keuangan → perencanaan after 2 years 3 months: mobility recommended",
			career.TransferRequest{Employee: keuangan, From: inCity, To: inCity, On: on}, career.Eligible, "true"},
		{"within the city after 11 months: not yet, no mobility",
			career.TransferRequest{Employee: fresh, From: inCity, To: inCity, On: on}, career.NotYet, "false"},
		{"personal request to the province after 7 years of service: the national 10 years stand",
			career.TransferRequest{Employee: keuangan, From: inCity, To: province, Personal: true, On: on}, career.NotYet, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nat, err := plugins.National().CheckTransfer(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().CheckTransfer(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if nat.Outcome != tt.outcome || got.Outcome != tt.outcome || nat.NotBefore != got.NotBefore {
				t.Errorf("outcome national %s (%s), Semarang %s (%s); want %s for both", nat.Outcome, nat.NotBefore, got.Outcome, got.NotBefore, tt.outcome)
			}
			if _, ok := nat.Details["mobility_recommended"]; ok {
				t.Error("national has no mobility rule")
			}
			if nat.Details["rotation_recommended"] != "false" {
				t.Errorf("national recommends rotation only after 5 years: %v", nat.Details)
			}
			if v := got.Details["mobility_recommended"]; v != tt.mobility {
				t.Errorf("Semarang mobility_recommended = %q, want %q", v, tt.mobility)
			}
			if c, ok := got.Criterion("semarang.transfer.mobility"); ok != (tt.mobility != "") || ok && c.Passed != (tt.mobility == "true") {
				t.Errorf("mobility criterion = %+v (present %v)", c, ok)
			}
			if got.Policy.Region != "semarang" {
				t.Errorf("policy = %+v", got.Policy)
			}
		})
	}
	if _, err := New().CheckTransfer(ctx, career.TransferRequest{}); career.ErrorCode(err) != career.Invalid {
		t.Errorf("an empty request: got %v, want Invalid", err)
	}
}

func TestDescribe(t *testing.T) {
	d, err := New().Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Region != "semarang" || d.Name != "Kota Semarang" || d.Version != Version {
		t.Errorf("description = %+v", d)
	}
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
	for _, r := range d.Rules {
		if r.ID == "" || r.EN == "" {
			t.Errorf("rule not in both languages: %+v", r)
		}
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
