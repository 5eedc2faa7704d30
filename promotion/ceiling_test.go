package promotion_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

const ceilingCode = "promotion.structural.position_ceiling"

// manager is a holder of a managerial position of kind k at grade g since 2022-04-01 (4 years on 2026-04-01), in the
// position since 2024-01-01, with the given lowest grade (0: none recorded).
func manager(k career.PositionKind, g, lowest career.Grade) promotion.Candidate {
	c := structural(g, "2022-04-01", "2024-01-01")
	c.Employee.Position = career.Position{Title: "Pejabat " + k.String(), Kind: k, LowestGrade: lowest}
	return c
}

// TestStructuralPositionCeiling checks that a structural promotion never goes above the highest grade of the
// position's eselon (PP 100/2000 jo PP 13/2002 Lampiran), and that the bar is permanent: not eligible, never not-yet.
func TestStructuralPositionCeiling(t *testing.T) {
	tests := []struct {
		name     string
		c        promotion.Candidate
		outcome  string
		passed   bool
		required string
		found    string
	}{
		{"administrator III/d to IV/a: within", manager(career.Administrator, career.IIID, career.IIID), career.Eligible, true, "≤ IV/b (administrator)", "IV/a"},
		{"administrator IV/a to IV/b: at the ceiling", manager(career.Administrator, career.IVA, career.IIID), career.Eligible, true, "≤ IV/b (administrator)", "IV/b"},
		{"administrator IV/b to IV/c: above", manager(career.Administrator, career.IVB, career.IIID), career.NotEligible, false, "≤ IV/b (administrator)", "IV/c"},
		{"pengawas III/c to III/d: at the ceiling", manager(career.Pengawas, career.IIIC, career.IIIB), career.Eligible, true, "≤ III/d (pengawas)", "III/d"},
		{"pengawas III/d to IV/a: above", manager(career.Pengawas, career.IIID, career.IIIB), career.NotEligible, false, "≤ III/d (pengawas)", "IV/a"},
		{"pengawas III/d one below a recorded lowest of IV/a: the fast path does not lift the ceiling", manager(career.Pengawas, career.IIID, career.IVA), career.NotEligible, false, "≤ III/d (pengawas)", "IV/a"},
		{"JPT pratama IV/c to IV/d: within", manager(career.JPTPratama, career.IVC, career.IVC), career.Eligible, true, "≤ IV/d (jpt_pratama)", "IV/d"},
		{"JPT pratama IV/d to IV/e: above", manager(career.JPTPratama, career.IVD, career.IVC), career.NotEligible, false, "≤ IV/d (jpt_pratama)", "IV/e"},
		{"JPT madya IV/d to IV/e: within", manager(career.JPTMadya, career.IVD, career.IVC), career.Eligible, true, "≤ IV/e (jpt_madya)", "IV/e"},
		{"JPT utama IV/d to IV/e: within", manager(career.JPTUtama, career.IVD, career.IVD), career.Eligible, true, "≤ IV/e (jpt_utama)", "IV/e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := promotion.Assess(tt.c, day("2026-04-01"), promotion.NationalRules())
			if err != nil {
				t.Fatal(err)
			}
			explain := strings.Join(d.Explain("en"), "\n")
			if d.Kind != "promotion.structural" || d.Outcome != tt.outcome {
				t.Errorf("%s %s, want promotion.structural %s\n%s", d.Kind, d.Outcome, tt.outcome, explain)
			}
			c, ok := d.Criterion(ceilingCode)
			if !ok {
				t.Fatalf("no %s criterion\n%s", ceilingCode, explain)
			}
			if c.Passed != tt.passed || c.Required != tt.required || c.Found != tt.found || c.Source != "PP 100/2000 jo PP 13/2002 Lampiran" ||
				c.Text.ID == "" || c.Text.EN == "" {
				t.Errorf("criterion %+v, want passed %v required %q found %q with its source and texts", c, tt.passed, tt.required, tt.found)
			}
			if !tt.passed {
				if !d.NotBefore.IsZero() || d.Details["tmt"] != "" {
					t.Errorf("a permanent bar promises a date: not before %s, tmt %q", d.NotBefore, d.Details["tmt"])
				}
				if failed := d.Failed(); len(failed) != 1 || failed[0].Code != ceilingCode {
					t.Errorf("failed criteria %v, want only the ceiling\n%s", failed, explain)
				}
			}
			if d.Outcome == career.Eligible && len(promotion.Floors(tt.c, d)) != 0 {
				t.Errorf("the national policy's own decision breaks a floor: %v", promotion.Floors(tt.c, d))
			}
		})
	}
}

// TestPositionCeilingOnlyStructural checks that the ceiling criterion appears once on the structural path and never on
// the regular or functional path.
func TestPositionCeilingOnlyStructural(t *testing.T) {
	for _, c := range []promotion.Candidate{
		staff(),
		edit(staff(), func(c *promotion.Candidate) { c.Employee.Grade = career.IVB }),
		functional(career.AhliMadya, career.IVB, "2022-04-01", 150),
		structural(career.IIID, "2022-04-01", "2024-01-01"),
		manager(career.Pengawas, career.IIID, career.IIIB),
		manager(career.JPTPratama, career.IVD, career.IVC),
	} {
		d, err := promotion.Assess(c, day("2026-04-01"), promotion.NationalRules())
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range d.Criteria {
			if x.Code == ceilingCode {
				n++
			}
		}
		want := 0
		if promotion.KindOf(c.Employee) == promotion.Structural {
			want = 1
		}
		if n != want {
			t.Errorf("%s (%s at %s): %d ceiling criteria, want %d", d.Kind, c.Employee.Position.Kind, c.Employee.Grade, n, want)
		}
	}
}

// TestPositionCeilingIsPermanent assesses every managerial kind at every grade on many dates, with and without a
// sanction: above the ceiling the outcome is always not eligible with no date, and at or below it the criterion
// passes.
func TestPositionCeilingIsPermanent(t *testing.T) {
	preds := map[int]evaluation.Predicate{}
	for y := 2015; y <= 2035; y++ {
		preds[y] = evaluation.SangatBaik
	}
	checked := 0
	for k := career.JPTUtama; k <= career.Pengawas; k++ {
		for g := career.IIIA; g < career.IVE; g++ {
			for _, sanctioned := range []bool{false, true} {
				c := manager(k, g, g+1)
				c.Predicates = preds
				if sanctioned {
					c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2025-01-01"), Until: day("2027-12-31")}}
				}
				for on := day("2022-06-01"); on.Before(day("2031-01-01")); on = on.AddMonths(5) {
					d, err := promotion.Assess(c, on, promotion.NationalRules())
					if err != nil {
						t.Fatal(err)
					}
					x, ok := d.Criterion(ceilingCode)
					above := g+1 > k.HighestGrade()
					if !ok || x.Passed == above {
						t.Fatalf("%s at %s on %s: criterion %+v (present %v), above the ceiling %v", k, g, on, x, ok, above)
					}
					if above && (d.Outcome != career.NotEligible || !d.NotBefore.IsZero() || d.Details["tmt"] != "") {
						t.Fatalf("%s at %s on %s: %s not before %s tmt %q; want not eligible with no date", k, g, on, d.Outcome, d.NotBefore, d.Details["tmt"])
					}
					checked++
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d decisions checked", checked)
	}
}

// TestPositionCeilingFloor checks the floor that stops a region granting a structural promotion above the
// position's highest grade.
func TestPositionCeilingFloor(t *testing.T) {
	eligible := career.Decision{Outcome: career.Eligible, JudgedAt: day("2026-04-01")}
	tests := []struct {
		name     string
		c        promotion.Candidate
		broken   []string
		required string
	}{
		{"administrator IV/a to IV/b: legal", manager(career.Administrator, career.IVA, career.IIID), nil, ""},
		{"administrator IV/b to IV/c", manager(career.Administrator, career.IVB, career.IIID), []string{"floor.promotion.position_ceiling"}, "≤ IV/b (administrator)"},
		{"pengawas III/d to IV/a", manager(career.Pengawas, career.IIID, career.IIIB), []string{"floor.promotion.position_ceiling"}, "≤ III/d (pengawas)"},
		{"JPT pratama IV/c to IV/d: legal", manager(career.JPTPratama, career.IVC, career.IVC), nil, ""},
		{"JPT pratama IV/d to IV/e", manager(career.JPTPratama, career.IVD, career.IVC), []string{"floor.promotion.position_ceiling"}, "≤ IV/d (jpt_pratama)"},
		{"JPT utama at IV/e", manager(career.JPTUtama, career.IVE, career.IVD), []string{"floor.promotion.next_grade", "floor.promotion.position_ceiling"}, "≤ IV/e (jpt_utama)"},
		{"administrator IV/b to IV/c, 2 years: both floors", edit(manager(career.Administrator, career.IVB, career.IIID), func(c *promotion.Candidate) { c.Employee.GradeTMT = day("2024-04-01") }),
			[]string{"floor.promotion.min_years_in_grade", "floor.promotion.position_ceiling"}, "≤ IV/b (administrator)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range promotion.Floors(tt.c, eligible) {
				got = append(got, c.Code)
				if c.Passed || c.Source == "" || c.Text.ID == "" || c.Text.EN == "" {
					t.Errorf("floor %+v is incomplete", c)
				}
				if c.Code == "floor.promotion.position_ceiling" && (c.Required != tt.required || c.Source != "PP 100/2000 jo PP 13/2002 Lampiran") {
					t.Errorf("floor %+v, want required %q", c, tt.required)
				}
			}
			if !slices.Equal(got, tt.broken) {
				t.Errorf("Floors = %v, want %v", got, tt.broken)
			}
			if got := promotion.Floors(tt.c, career.Decision{Outcome: career.NotEligible, JudgedAt: day("2026-04-01")}); got != nil {
				t.Errorf("a not-eligible decision breaks %v", got)
			}
		})
	}
}
