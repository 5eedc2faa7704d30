package promotion_test

import (
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

// TestFloors feeds Floors decisions as a region plugin might return them, legal and illegal.
func TestFloors(t *testing.T) {
	claim := func(outcome, on string) career.Decision { return career.Decision{Outcome: outcome, JudgedAt: day(on)} }
	tests := []struct {
		name   string
		c      promotion.Candidate
		d      career.Decision
		broken []string
	}{
		{"legal: 4 years, within the ceiling", staff(), claim(career.Eligible, "2026-04-01"), nil},
		{"eligible with 3 years in grade", staff(), claim(career.Eligible, "2025-04-01"), []string{"floor.promotion.min_years_in_grade"}},
		{"eligible one day short of 4 years", staff(), claim(career.Eligible, "2026-03-31"), []string{"floor.promotion.min_years_in_grade"}},
		{"eligible above the education ceiling", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade = career.IIID }), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.education_ceiling"}},
		{"eligible PPPK", edit(staff(), func(c *promotion.Candidate) { c.Employee.Type = career.PPPK }), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.pns_only"}},
		{"eligible at IV/e", edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade, c.Employee.Education = career.IVE, career.S3 }), claim(career.Eligible, "2026-04-01"),
			[]string{"floor.promotion.next_grade", "floor.promotion.education_ceiling"}},
		{"eligible under a medium sanction", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2026-01-01"), Until: day("2026-12-31")}}
		}), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.no_sanction"}},
		{"eligible with a medium sanction in force on the TMT", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2026-04-20"), Until: day("2026-09-30")}}
		}), career.Decision{Outcome: career.Eligible, JudgedAt: day("2026-04-02"), Details: map[string]string{"tmt": "2026-05-01"}},
			[]string{"floor.promotion.no_sanction_at_tmt"}},
		{"eligible with a sanction over before the TMT", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2026-04-10"), Until: day("2026-04-30")}}
		}), career.Decision{Outcome: career.Eligible, JudgedAt: day("2026-04-02"), Details: map[string]string{"tmt": "2026-05-01"}}, nil},
		{"light sanction is no floor", edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Ringan, From: day("2026-01-01")}}
		}), claim(career.Eligible, "2026-04-01"), nil},
		{"functional at 2 years: legal", functional(career.AhliMuda, career.IIIC, "2024-04-01", 100), claim(career.Eligible, "2026-04-01"), nil},
		{"functional at 1 year", functional(career.AhliMuda, career.IIIC, "2025-04-01", 100), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.min_years_in_grade"}},
		{"functional short of the angka kredit", functional(career.AhliMuda, career.IIIC, "2024-04-01", 99.5), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.credit"}},
		{"functional above the level's highest grade", functional(career.AhliMuda, career.IIID, "2024-04-01", 400), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.level_ceiling"}},
		{"functional below the level's first grade", functional(career.AhliMuda, career.IIIB, "2024-04-01", 400), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.credit"}},
		{"structural one below lowest, 1 year each: legal", structural(career.IIIC, "2025-01-01", "2025-03-01"), claim(career.Eligible, "2026-04-01"), nil},
		{"structural two below lowest, 1 year each", structural(career.IIIB, "2025-01-01", "2025-03-01"), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.min_years_in_grade"}},
		{"structural to the position's highest grade: legal", structural(career.IVA, "2022-04-01", "2024-01-01"), claim(career.Eligible, "2026-04-01"), nil},
		{"structural above the position's highest grade", structural(career.IVB, "2022-04-01", "2024-01-01"), claim(career.Eligible, "2026-04-01"), []string{"floor.promotion.position_ceiling"}},
		{"a stricter region's not-yet breaks nothing", staff(), claim(career.NotYet, "2026-04-01"), nil},
		{"not eligible breaks nothing", edit(staff(), func(c *promotion.Candidate) { c.Employee.Type = career.PPPK }), claim(career.NotEligible, "2024-01-01"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range promotion.Floors(tt.c, tt.d) {
				got = append(got, c.Code)
				if c.Passed || c.Source == "" || c.Text.EN == "" {
					t.Errorf("floor %+v is incomplete", c)
				}
			}
			if !slices.Equal(got, tt.broken) {
				t.Errorf("Floors = %v, want %v", got, tt.broken)
			}
		})
	}
}

// TestFloorsAgreeWithAssess checks the national policy against its own floors day by day over six years: whatever
// Assess calls eligible, Floors accepts; and Assess does call some of them eligible.
func TestFloorsAgreeWithAssess(t *testing.T) {
	preds := map[int]evaluation.Predicate{}
	for y := 2015; y <= 2030; y++ {
		preds[y] = evaluation.Baik
	}
	candidates := []promotion.Candidate{
		edit(staff(), func(c *promotion.Candidate) { c.Employee.GradeTMT = day("2020-02-29") }),
		functional(career.AhliMuda, career.IIIC, "2020-02-29", 100),
		structural(career.IIIC, "2020-02-29", "2021-08-31"),
		structural(career.IIID, "2020-02-29", "2020-03-01"),
		structural(career.IVA, "2020-02-29", "2020-03-01"), // to IV/b, the administrator's ceiling
		structural(career.IVB, "2020-02-29", "2020-03-01"), // above it: never eligible
		edit(structural(career.IIIC, "2020-02-29", "2021-08-31"), func(c *promotion.Candidate) {
			c.Employee.Position = career.Position{Title: "Kepala Seksi", Kind: career.Pengawas, LowestGrade: career.IIID}
		}),
		edit(staff(), func(c *promotion.Candidate) {
			c.Employee.Sanctions = []career.Sanction{{Level: career.Sedang, From: day("2025-01-01"), Until: day("2026-06-30")}}
		}),
	}
	eligible := 0
	for i := range candidates {
		candidates[i].Predicates = preds
	}
	for on := day("2020-01-01"); on.Before(day("2026-12-31")); on = on.AddDays(1) {
		for _, c := range candidates {
			d, err := promotion.Assess(c, on, promotion.NationalRules())
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != career.Eligible {
				continue
			}
			eligible++
			if broken := promotion.Floors(c, d); len(broken) != 0 {
				t.Fatalf("%s on %s: Assess says eligible, Floors says %v", d.Kind, on, broken)
			}
		}
	}
	if eligible < 1000 {
		t.Fatalf("only %d eligible decisions: the test does not exercise Floors", eligible)
	}
}
