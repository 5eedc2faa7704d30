package promotion_test

import (
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

// TestAssessScheduleOfTheTMT checks that the schedule a decision names is the one its TMT falls under: judged in the
// last weeks of a schedule, the TMT lands in the next one, and the decision must cite the rule that made that date.
func TestAssessScheduleOfTheTMT(t *testing.T) {
	old, six, monthly := promotion.Schedules[0].Source, promotion.Schedules[1].Source, promotion.Schedules[2].Source
	eligible := edit(staff(), func(c *promotion.Candidate) {
		c.Employee.GradeTMT = day("2019-04-01")
		c.Predicates = map[int]evaluation.Predicate{}
		for y := 2018; y <= 2026; y++ {
			c.Predicates[y] = evaluation.Baik
		}
	})
	tests := []struct {
		name     string
		c        promotion.Candidate
		on       string
		outcome  string
		tmt      string
		schedule string
	}{
		{"eligible on 2023-10-01, a TMT of the old schedule", eligible, "2023-10-01", career.Eligible, "2023-10-01", old},
		{"eligible on 2023-10-02: TMT 2024-02-01 under the 2024 schedule", eligible, "2023-10-02", career.Eligible, "2024-02-01", six},
		{"eligible on 2023-12-31: TMT 2024-02-01", eligible, "2023-12-31", career.Eligible, "2024-02-01", six},
		{"eligible on 2024-01-01", eligible, "2024-01-01", career.Eligible, "2024-02-01", six},
		{"eligible on 2025-08-02: TMT 2025-10-01, monthly", eligible, "2025-08-02", career.Eligible, "2025-10-01", monthly},
		{"eligible on 2025-09-30: TMT 2025-10-01, monthly", eligible, "2025-09-30", career.Eligible, "2025-10-01", monthly},
		{"eligible on 2025-10-01", eligible, "2025-10-01", career.Eligible, "2025-10-01", monthly},
		{"not yet in 2023, passes in 2024", edit(eligible, func(c *promotion.Candidate) { c.Employee.GradeTMT = day("2020-01-15") }),
			"2023-06-01", career.NotYet, "2024-02-01", six},
		{"not yet in 2025, passes after 1 October 2025", edit(eligible, func(c *promotion.Candidate) { c.Employee.GradeTMT = day("2021-10-02") }),
			"2025-06-01", career.NotYet, "2025-11-01", monthly},
		{"not eligible: the schedule of the date judged", edit(eligible, func(c *promotion.Candidate) { c.Employee.Grade = career.IIID }),
			"2023-12-01", career.NotEligible, "", old},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := promotion.Assess(tt.c, day(tt.on), promotion.NationalRules())
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != tt.outcome || d.Details["tmt"] != tt.tmt || d.Details["tmt_schedule"] != tt.schedule {
				t.Errorf("%s tmt %q schedule %q; want %s %q %q", d.Outcome, d.Details["tmt"], d.Details["tmt_schedule"], tt.outcome, tt.tmt, tt.schedule)
			}
			if tt.tmt != "" && !promotion.IsTMT(day(tt.tmt)) {
				t.Errorf("%s is not a TMT", tt.tmt)
			}
		})
	}
}

// TestAssessFoundTexts checks the found and required values of criteria whose input is missing or open-ended: none
// may read as an empty value.
func TestAssessFoundTexts(t *testing.T) {
	openEnded := edit(staff(), func(c *promotion.Candidate) {
		c.Employee.Sanctions = []career.Sanction{{Level: career.Berat, From: day("2025-01-01")}}
	})
	d, err := promotion.Assess(openEnded, day("2026-04-01"), promotion.NationalRules())
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := d.Criterion("promotion.no_sanction"); c.Passed || c.Found != "hukuman disiplin berat tanpa batas akhir" {
		t.Errorf("open-ended sanction: %+v", c)
	}
	for _, e := range []career.Education{0, 99} {
		d, err := promotion.Assess(edit(staff(), func(c *promotion.Candidate) { c.Employee.Education = e }), day("2026-04-01"), promotion.NationalRules())
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := d.Criterion("promotion.regular.education_ceiling"); c.Passed || c.Required != "pendidikan terakhir tercatat" || d.Outcome != career.NotEligible {
			t.Errorf("education %d: %s, %+v", e, d.Outcome, c)
		}
	}
}

// TestJPTFloorSources checks the article each JPT floor cites: the JPT pratama list is Pasal 107 ayat 1 huruf c of
// PP 11/2017 as amended by PP 17/2020 (huruf a and b are JPT utama and madya), items 1, 3, 4 and 6.
func TestJPTFloorSources(t *testing.T) {
	const src = "PP 11/2017 jo PP 17/2020 Pasal 107 ayat 1 huruf c angka "
	want := map[string]string{
		"promotion.jpt.education":          src + "1",
		"promotion.jpt.related_experience": src + "3",
		"promotion.jpt.senior_position":    src + "4",
		"promotion.jpt.max_age":            src + "6",
	}
	o := kadis
	o.On = day("2026-04-01")
	var codes []string
	for _, c := range promotion.JPTFloors(o, jpt().Employee) {
		codes = append(codes, c.Code)
		if c.Source != want[c.Code] {
			t.Errorf("%s source %q, want %q", c.Code, c.Source, want[c.Code])
		}
	}
	if len(codes) != len(want) {
		t.Errorf("floors %v", codes)
	}
	// The age found is exact: 56 years and a day fails, and says so.
	a := jpt()
	a.Employee.NIP = career.MustParseNIP("19700401 199503 1 002")
	tests := []struct{ on, found string }{
		{"2026-04-01", "56 tahun 0 bulan"},
		{"2026-04-02", "56 tahun 0 bulan 1 hari"},
		{"2026-05-01", "56 tahun 1 bulan"},
	}
	for _, tt := range tests {
		o.On = day(tt.on)
		i := slices.IndexFunc(promotion.JPTFloors(o, a.Employee), func(c career.Criterion) bool { return c.Code == "promotion.jpt.max_age" })
		if c := promotion.JPTFloors(o, a.Employee)[i]; c.Found != tt.found {
			t.Errorf("on %s: age found %q, want %q", tt.on, c.Found, tt.found)
		}
	}
}

// TestSelectionCriteriaListed checks that a selection decision lists the sanction rule when it passes too, and that a
// year with no predicate reads "-".
func TestSelectionCriteriaListed(t *testing.T) {
	a := applicant(1, "201001", career.IIIC, "2022-01-01", "2020-01-01", map[int]evaluation.Predicate{2025: evaluation.SangatBaik}, 80)
	r, err := promotion.Rank(promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{a}}, promotion.NationalSelectionRules(), promotion.Weights{Performance: 1})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Ranked[0].Decision
	var codes []string
	for _, c := range d.Criteria {
		codes = append(codes, c.Code)
		if c.Source == "" || c.Required == "" || c.Found == "" {
			t.Errorf("criterion %+v lacks a value", c)
		}
	}
	if want := []string{"promotion.selection.min_time_in_position", "promotion.selection.predicate", "promotion.selection.no_sanction"}; !slices.Equal(codes, want) {
		t.Errorf("criteria %v, want %v", codes, want)
	}
	if c, _ := d.Criterion("promotion.selection.predicate"); c.Found != "2024: -, 2025: sangat_baik" || c.Passed {
		t.Errorf("predicate criterion %+v", c)
	}
	if c, _ := d.Criterion("promotion.selection.no_sanction"); !c.Passed || c.Found != "tidak ada" {
		t.Errorf("sanction criterion %+v", c)
	}
}
