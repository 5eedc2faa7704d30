package promotion_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

func day(s string) career.Date {
	d, err := career.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var good = map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.Baik}

// staff is a pelaksana (regular promotion), S1, appointed 2010-01, III/c since 2022-04-01, Baik in 2024 and 2025.
func staff() promotion.Candidate {
	return promotion.Candidate{
		Employee: career.Employee{
			NIP: career.MustParseNIP("19850101 201001 1 001"), Name: "Ahmad Fauzi", Type: career.PNS,
			Grade: career.IIIC, GradeTMT: day("2022-04-01"), Education: career.S1,
			Position:    career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana},
			PositionTMT: day("2018-01-01"),
		},
		Predicates: good,
	}
}

func functional(l career.Level, g career.Grade, tmt string, credit float64) promotion.Candidate {
	c := staff()
	c.Employee.Position = career.Position{Title: "Analis Kebijakan", Kind: career.Fungsional, Level: l}
	c.Employee.Grade, c.Employee.GradeTMT, c.Employee.CreditPoints = g, day(tmt), credit
	return c
}

func structural(g career.Grade, gradeTMT, positionTMT string) promotion.Candidate {
	c := staff()
	c.Employee.Position = career.Position{Title: "Kepala Bagian Umum", Kind: career.Administrator, LowestGrade: career.IIID}
	c.Employee.Grade, c.Employee.GradeTMT, c.Employee.PositionTMT = g, day(gradeTMT), day(positionTMT)
	return c
}

func edit(c promotion.Candidate, f func(c *promotion.Candidate)) promotion.Candidate {
	f(&c)
	return c
}

func TestAssess(t *testing.T) {
	sedang := career.Sanction{Level: career.Sedang, From: day("2025-07-01"), Until: day("2026-06-30")}
	tests := []struct {
		name      string
		c         promotion.Candidate
		on        string
		kind      string
		outcome   string
		notBefore string
		tmt       string
		failed    []string // codes of failed criteria
	}{
		{"regular: exactly 4 years", staff(), "2026-04-01", "promotion.regular", career.Eligible, "", "2026-04-01", nil},
		{"regular: one day short", staff(), "2026-03-31", "promotion.regular", career.NotYet, "2026-04-01", "2026-04-01", []string{"promotion.regular.min_years_in_grade"}},
		{"regular: grade TMT a day later", edit(staff(), func(c *promotion.Candidate) { c.Employee.GradeTMT = day("2022-04-02") }), "2026-04-01", "promotion.regular", career.NotYet, "2026-04-02", "2026-05-01", []string{"promotion.regular.min_years_in_grade"}},
		{"regular: eligible between TMTs (old schedule)", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.GradeTMT = day("2019-04-01")
			c.Predicates = map[int]evaluation.Predicate{2021: evaluation.Baik, 2022: evaluation.Baik}
		}), "2023-05-10", "promotion.regular", career.Eligible, "", "2023-10-01", nil},
		{"regular: S1 at III/d hits the ceiling", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade = career.IIID }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.regular.education_ceiling"}},
		{"regular: S1 at III/d, also too early: still not eligible", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade, c.Employee.GradeTMT = career.IIID, day("2024-04-01") }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.regular.min_years_in_grade", "promotion.regular.education_ceiling"}},
		{"regular: SLTA at III/b", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade, c.Employee.Education = career.IIIB, career.SLTA }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.regular.education_ceiling"}},
		{"regular: S2 at III/d to IV/a", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade, c.Employee.Education = career.IIID, career.S2 }), "2026-04-01", "promotion.regular", career.Eligible, "", "2026-04-01", nil},
		{"regular: no education recorded", edit(staff(), func(c *promotion.Candidate) { c.Employee.Education = 0 }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.regular.education_ceiling"}},
		{"predicate missing for 2024", edit(staff(), func(c *promotion.Candidate) { c.Predicates = map[int]evaluation.Predicate{2025: evaluation.SangatBaik} }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.predicate"}},
		{"predicate butuh perbaikan in 2025", edit(staff(), func(c *promotion.Candidate) {
			c.Predicates = map[int]evaluation.Predicate{2024: evaluation.SangatBaik, 2025: evaluation.ButuhPerbaikan}
		}), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.predicate"}},
		{"sangat baik twice", edit(staff(), func(c *promotion.Candidate) {
			c.Predicates = map[int]evaluation.Predicate{2024: evaluation.SangatBaik, 2025: evaluation.SangatBaik}
		}), "2026-04-01", "promotion.regular", career.Eligible, "", "2026-04-01", nil},
		{"medium sanction in force until 30 June", edit(staff(), func(c *promotion.Candidate) { c.Employee.Sanctions = []career.Sanction{sedang} }), "2026-04-01", "promotion.regular", career.NotYet, "2026-07-01", "2026-07-01", []string{"promotion.no_sanction"}},
		{"medium sanction and time: the later date", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions, c.Employee.GradeTMT = []career.Sanction{sedang}, day("2022-08-15")
		}), "2026-04-01", "promotion.regular", career.NotYet, "2026-08-15", "2026-09-01", []string{"promotion.regular.min_years_in_grade", "promotion.no_sanction"}},
		{"medium sanction ended yesterday", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2025-04-01"), Until: day("2026-03-31")}}
		}), "2026-04-01", "promotion.regular", career.Eligible, "", "2026-04-01", nil},
		{"a sanction starting later pushes the date", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.GradeTMT = day("2022-08-15")
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2026-07-01"), Until: day("2026-12-31")}}
		}), "2026-04-01", "promotion.regular", career.NotYet, "2027-01-01", "2027-01-01", []string{"promotion.regular.min_years_in_grade", "promotion.no_sanction_ahead"}},
		// Eligible on the date judged, but a sanction already decided is in force on the TMT (PP 94/2021 Pasal 8).
		{"a sanction in force on the TMT", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2026-04-20"), Until: day("2026-09-30")}}
		}), "2026-04-02", "promotion.regular", career.NotYet, "2026-10-01", "2026-10-01", []string{"promotion.no_sanction_ahead"}},
		{"an open-ended sanction in force on the TMT", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2026-04-20")}}
		}), "2026-04-02", "promotion.regular", career.NotEligible, "", "", []string{"promotion.no_sanction_ahead"}},
		{"a sanction over before the TMT", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2026-04-10"), Until: day("2026-04-30")}}
		}), "2026-04-02", "promotion.regular", career.Eligible, "", "2026-05-01", nil},
		{"an open-ended sanction starting later", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.GradeTMT = day("2022-08-15")
			c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2026-07-01")}}
		}), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.regular.min_years_in_grade", "promotion.no_sanction_ahead"}},
		{"light sanction does not block", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Ringan, From: day("2026-01-01"), Until: day("2026-12-31")}}
		}), "2026-04-01", "promotion.regular", career.Eligible, "", "2026-04-01", nil},
		{"open-ended heavy sanction", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2025-01-01")}}
		}), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.no_sanction"}},
		{"PPPK", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Type, c.Employee.Grade, c.Employee.PPPKGrade = career.PPPK, 0, 9
		}), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.pns_only"}},
		{"IV/e", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade, c.Employee.Education = career.IVE, career.S3 }), "2026-04-01", "promotion.regular", career.NotEligible, "", "", []string{"promotion.next_grade"}},

		{"functional: 2 years and the credit", functional(career.AhliMuda, career.IIIC, "2024-04-01", 100), "2026-04-01", "promotion.functional", career.Eligible, "", "2026-04-01", nil},
		{"functional: a day short of 2 years", functional(career.AhliMuda, career.IIIC, "2024-04-02", 100), "2026-04-01", "promotion.functional", career.NotYet, "2026-04-02", "2026-05-01", []string{"promotion.functional.min_years_in_grade"}},
		{"functional: credit short", functional(career.AhliMuda, career.IIIC, "2024-04-01", 99.99), "2026-04-01", "promotion.functional", career.NotEligible, "", "", []string{"promotion.functional.credit"}},
		{"functional: ahli pertama III/a with 50", functional(career.AhliPertama, career.IIIA, "2023-01-01", 50), "2026-04-01", "promotion.functional", career.Eligible, "", "2026-04-01", nil},
		{"functional: ahli pertama at its ceiling III/b", functional(career.AhliPertama, career.IIIB, "2020-01-01", 500), "2026-04-01", "promotion.functional", career.NotEligible, "", "", []string{"promotion.functional.level_ceiling"}},
		{"functional: ahli muda at its ceiling III/d", functional(career.AhliMuda, career.IIID, "2020-01-01", 500), "2026-04-01", "promotion.functional", career.NotEligible, "", "", []string{"promotion.functional.level_ceiling"}},
		{"functional: ahli madya IV/b to IV/c", functional(career.AhliMadya, career.IVB, "2023-01-01", 150), "2026-04-01", "promotion.functional", career.Eligible, "", "2026-04-01", nil},

		{"structural: 4 years in grade", structural(career.IIID, "2022-04-01", "2024-01-01"), "2026-04-01", "promotion.structural", career.Eligible, "", "2026-04-01", nil},
		{"structural: 4 years less a day", structural(career.IIID, "2022-04-02", "2024-01-01"), "2026-04-01", "promotion.structural", career.NotYet, "2026-04-02", "2026-05-01", []string{"promotion.structural.min_years_in_grade"}},
		{"structural: one below lowest, 1 year each", structural(career.IIIC, "2025-01-01", "2025-03-01"), "2026-04-01", "promotion.structural", career.Eligible, "", "2026-04-01", nil},
		{"structural: one below lowest, position too recent", structural(career.IIIC, "2025-01-01", "2025-03-01"), "2026-02-15", "promotion.structural", career.NotYet, "2026-03-01", "2026-03-01", []string{"promotion.structural.one_below_lowest"}},
		{"structural: one below lowest, grade too recent", structural(career.IIIC, "2025-06-01", "2020-01-01"), "2026-04-01", "promotion.structural", career.NotYet, "2026-06-01", "2026-06-01", []string{"promotion.structural.one_below_lowest"}},
		{"structural: one below lowest, new post but 4 years in grade", structural(career.IIIC, "2022-04-01", "2026-01-01"), "2026-04-01", "promotion.structural", career.Eligible, "", "2026-04-01", nil},
		{"structural: one below lowest, 4 years come before the post's first year", structural(career.IIIC, "2022-04-01", "2026-01-01"), "2026-03-01", "promotion.structural", career.NotYet, "2026-04-01", "2026-04-01", []string{"promotion.structural.one_below_lowest"}},
		{"structural: administrator IV/b, 4 years, above the ceiling", structural(career.IVB, "2022-04-01", "2024-01-01"), "2026-04-01", "promotion.structural", career.NotEligible, "", "", []string{"promotion.structural.position_ceiling"}},
		{"structural: administrator IV/b, also too early: still not eligible", structural(career.IVB, "2024-04-01", "2024-01-01"), "2026-04-01", "promotion.structural", career.NotEligible, "", "", []string{"promotion.structural.min_years_in_grade", "promotion.structural.position_ceiling"}},
		{"structural: administrator IV/b under a sanction: not eligible, no date", edit(structural(career.IVB, "2022-04-01", "2024-01-01"), func(c *promotion.Candidate) { c.Employee.Sanctions = []career.Sanction{sedang} }), "2026-04-01", "promotion.structural", career.NotEligible, "", "", []string{"promotion.structural.position_ceiling", "promotion.no_sanction"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := promotion.NewNational().Assess(context.Background(), tt.c, day(tt.on))
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != tt.kind || d.Outcome != tt.outcome || d.NotBefore.String() != tt.notBefore || d.Details["tmt"] != tt.tmt {
				t.Errorf("%s %s not before %q tmt %q; want %s %s %q %q\n%s", d.Kind, d.Outcome, d.NotBefore, d.Details["tmt"],
					tt.kind, tt.outcome, tt.notBefore, tt.tmt, strings.Join(d.Explain("en"), "\n"))
			}
			var failed []string
			for _, c := range d.Failed() {
				failed = append(failed, c.Code)
			}
			if fmt.Sprint(failed) != fmt.Sprint(tt.failed) {
				t.Errorf("failed criteria %v, want %v", failed, tt.failed)
			}
			if d.Subject != tt.c.Employee.NIP.String() || d.JudgedAt != day(tt.on) {
				t.Errorf("subject %q judged %v", d.Subject, d.JudgedAt)
			}
			if d.Outcome == career.Eligible && len(promotion.Floors(tt.c, d)) != 0 {
				t.Errorf("the national policy's own decision breaks a floor: %v", promotion.Floors(tt.c, d))
			}
		})
	}
}

func TestAssessCriteriaValues(t *testing.T) {
	d, err := promotion.Assess(staff(), day("2026-03-31"), promotion.NationalRules())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"promotion.next_grade":                 {"< IV/e", "III/c"},
		"promotion.regular.min_years_in_grade": {"4 tahun 0 bulan", "3 tahun 11 bulan"},
		"promotion.regular.education_ceiling":  {"≤ III/d (S1)", "III/d"},
		"promotion.predicate":                  {"≥ baik, 2 tahun terakhir", "2024: baik, 2025: baik"},
		"promotion.no_sanction":                {"tidak sedang menjalani hukuman disiplin sedang/berat", "tidak ada"},
	}
	for code, rf := range want {
		c, ok := d.Criterion(code)
		if !ok || c.Required != rf[0] || c.Found != rf[1] || c.Source == "" || c.Text.ID == "" || c.Text.EN == "" {
			t.Errorf("%s = %+v, want required %q found %q with a source and texts", code, c, rf[0], rf[1])
		}
	}
	if d.Details["from_grade"] != "III/c" || d.Details["to_grade"] != "III/d" || d.Details["tmt_schedule"] != promotion.Schedules[2].Source {
		t.Errorf("details %v", d.Details)
	}
}

func TestAssessErrors(t *testing.T) {
	tests := []struct {
		name  string
		c     promotion.Candidate
		on    career.Date
		field string
	}{
		{"no date", staff(), career.Date{}, "date"},
		{"no NIP", edit(staff(), func(c *promotion.Candidate) { c.Employee.NIP = career.NIP{} }), day("2026-04-01"), "nip"},
		{"no grade", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade = 0 }), day("2026-04-01"), "grade"},
		{"invalid grade", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade = 18 }), day("2026-04-01"), "grade"},
		{"no grade TMT", edit(staff(), func(c *promotion.Candidate) { c.Employee.GradeTMT = career.Date{} }), day("2026-04-01"), "grade_tmt"},
	}
	for _, tt := range tests {
		if _, err := promotion.Assess(tt.c, tt.on, promotion.NationalRules()); career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
			t.Errorf("%s: error %v, want invalid %s", tt.name, err, tt.field)
		}
	}
}

// TestNotBeforeIsExact checks the promise of a not-yet decision on random candidates of every kind: on NotBefore the
// candidate is eligible, and the day before they are not.
func TestNotBeforeIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	preds := map[int]evaluation.Predicate{}
	for y := 2000; y <= 2040; y++ {
		preds[y] = evaluation.Baik
	}
	start := day("2016-01-01")
	seen := 0
	for range 3000 {
		var c promotion.Candidate
		gradeTMT := start.AddDays(rng.IntN(3650)).Time().Format("2006-01-02")
		posTMT := start.AddDays(rng.IntN(3650)).Time().Format("2006-01-02")
		switch rng.IntN(3) {
		case 0:
			c = staff()
			c.Employee.GradeTMT = day(gradeTMT)
		case 1:
			c = functional(career.AhliMuda, career.IIIC, gradeTMT, 120)
		default:
			c = structural(career.IIIB+career.Grade(rng.IntN(3)), gradeTMT, posTMT)
		}
		c.Predicates = preds
		if rng.IntN(4) == 0 {
			from := start.AddDays(rng.IntN(3650))
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: from, Until: from.AddDays(rng.IntN(700))}}
		}
		on := day("2020-01-01").AddDays(rng.IntN(3650))
		d, err := promotion.Assess(c, on, promotion.NationalRules())
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome != career.NotYet {
			continue
		}
		seen++
		at, err := promotion.Assess(c, d.NotBefore, promotion.NationalRules())
		if err != nil || at.Outcome != career.Eligible {
			t.Fatalf("%s on %s: not yet until %s, but on that date: %s\n%s", d.Kind, on, d.NotBefore, at.Outcome, strings.Join(at.Explain("en"), "\n"))
		}
		if at.Details["tmt"] != d.Details["tmt"] {
			t.Errorf("promised TMT %s, on NotBefore the TMT is %s", d.Details["tmt"], at.Details["tmt"])
		}
		if before, _ := promotion.Assess(c, d.NotBefore.AddDays(-1), promotion.NationalRules()); before.Outcome == career.Eligible {
			t.Fatalf("%s on %s: not yet until %s, but already eligible the day before", d.Kind, on, d.NotBefore)
		}
	}
	if seen < 100 {
		t.Fatalf("only %d not-yet decisions: the generator does not exercise the rule", seen)
	}
}

func TestKindOf(t *testing.T) {
	tests := map[career.PositionKind]promotion.Kind{
		career.Pelaksana: promotion.Regular, career.Fungsional: promotion.Functional, career.Pengawas: promotion.Structural,
		career.Administrator: promotion.Structural, career.JPTPratama: promotion.Structural, 0: promotion.Regular,
	}
	for k, want := range tests {
		if got := promotion.KindOf(career.Employee{Position: career.Position{Kind: k}}); got != want {
			t.Errorf("KindOf(%v) = %v, want %v", k, got, want)
		}
	}
}

func TestRequiredCreditAndCeiling(t *testing.T) {
	tests := []struct {
		l       career.Level
		g       career.Grade
		need    float64
		ok      bool
		ceiling career.Grade
	}{
		{career.AhliPertama, career.IIIA, 50, true, career.IIIB},
		{career.AhliPertama, career.IIIB, 0, false, career.IIIB},
		{career.AhliMuda, career.IIIC, 100, true, career.IIID},
		{career.AhliMadya, career.IVA, 150, true, career.IVC},
		{career.AhliMadya, career.IVB, 150, true, career.IVC},
		{career.AhliUtama, career.IVD, 200, true, career.IVE},
		{career.Terampil, career.IIC, 20, true, career.IID},
		{career.Mahir, career.IIIA, 50, true, career.IIIB},
		{career.Penyelia, career.IIIC, 100, true, career.IIID},
	}
	for _, tt := range tests {
		need, ok := promotion.RequiredCredit(tt.l, tt.g)
		if need != tt.need || ok != tt.ok || promotion.LevelCeiling(tt.l) != tt.ceiling {
			t.Errorf("%v at %v: need %v %v ceiling %v; want %v %v %v", tt.l, tt.g, need, ok, promotion.LevelCeiling(tt.l), tt.need, tt.ok, tt.ceiling)
		}
	}
}

// TestFunctionalGradeOutsideLevel checks that a grade the level's credit table does not know (an ahli muda at
// III/b, below the level's first grade) fails the credit criterion instead of passing it with a zero requirement.
func TestFunctionalGradeOutsideLevel(t *testing.T) {
	e := career.Employee{
		NIP: career.MustParseNIP("198001012005011001"), Name: "Sari", Type: career.PNS, Grade: career.IIIB,
		GradeTMT: career.MustDate(2018, 4, 1), Education: career.S2,
		Position:    career.Position{Title: "Analis Kebijakan Ahli Muda", Kind: career.Fungsional, Level: career.AhliMuda},
		PositionTMT: career.MustDate(2018, 4, 1), CreditPoints: 500,
	}
	preds := map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.Baik}
	d, err := promotion.Assess(promotion.Candidate{Employee: e, Predicates: preds}, career.MustDate(2026, 4, 1), promotion.NationalRules())
	if err != nil {
		t.Fatal(err)
	}
	c, ok := d.Criterion("promotion.functional.credit")
	if !ok || c.Passed || d.Outcome != career.NotEligible {
		t.Fatalf("outcome %s, credit criterion %+v; want not_eligible with a failed credit criterion", d.Outcome, c)
	}
}
