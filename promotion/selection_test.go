package promotion_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

var (
	selectionDay = day("2026-04-01")
	kasi         = promotion.Opening{ID: "kasi-yankes", On: selectionDay,
		Position: career.Position{Title: "Kepala Seksi Pelayanan Kesehatan", Kind: career.Pengawas, Field: "kesehatan", LowestGrade: career.IIIC}}
	kabag = promotion.Opening{ID: "kabag-umum", On: selectionDay,
		Position: career.Position{Title: "Kepala Bagian Umum", Kind: career.Administrator, LowestGrade: career.IIID}}
	kadis = promotion.Opening{ID: "kadis-kes", On: selectionDay,
		Position: career.Position{Title: "Kepala Dinas Kesehatan", Kind: career.JPTPratama, Field: "kesehatan", LowestGrade: career.IVC}}
	sb2 = map[int]evaluation.Predicate{2024: evaluation.SangatBaik, 2025: evaluation.SangatBaik}
)

// applicant: seq and appointment "YYYYMM" make the NIP; in the current position since positionTMT.
func applicant(seq int, appointed string, g career.Grade, gradeTMT, positionTMT string, preds map[int]evaluation.Predicate, competence float64) promotion.Applicant {
	return promotion.Applicant{
		Employee: career.Employee{
			NIP: career.MustParseNIP(fmt.Sprintf("19850101%s1%03d", appointed, seq)), Type: career.PNS, Grade: g,
			GradeTMT: day(gradeTMT), PositionTMT: day(positionTMT), Education: career.S1,
			Position: career.Position{Title: "Analis", Kind: career.Pelaksana, Field: "kesehatan"},
		},
		Predicates: preds, Competence: competence,
	}
}

func ranked(r promotion.Ranking) []string {
	var out []string
	for _, x := range r.Ranked {
		out = append(out, fmt.Sprintf("%d:%d", x.Rank, x.NIP.Sequence()))
	}
	return out
}

func TestRankTieBreaks(t *testing.T) {
	w := promotion.Weights{Performance: 0.5, Competence: 0.5} // no experience share: appointment only breaks ties
	base := func(seq int) promotion.Applicant {
		return applicant(seq, "201001", career.IIIC, "2022-01-01", "2023-01-01", good, 80)
	}
	tests := []struct {
		name string
		a, b promotion.Applicant
		want []string
	}{
		{"higher score first", base(1), func() promotion.Applicant { x := base(2); x.Competence = 81; return x }(), []string{"1:2", "2:1"}},
		{"equal score: better latest predicate", func() promotion.Applicant {
			x := base(1)
			x.Predicates = map[int]evaluation.Predicate{2024: evaluation.SangatBaik, 2025: evaluation.Baik}
			return x
		}(), func() promotion.Applicant {
			x := base(2)
			x.Predicates = map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.SangatBaik}
			return x
		}(), []string{"1:2", "2:1"}},
		{"same grade: longer in grade", base(1), func() promotion.Applicant { x := base(2); x.Employee.GradeTMT = day("2021-06-01"); return x }(), []string{"1:2", "2:1"}},
		{"different grades: the higher, however long in grade", base(1), func() promotion.Applicant {
			x := base(2)
			x.Employee.Grade, x.Employee.GradeTMT = career.IIID, day("2025-10-01")
			return x
		}(), []string{"1:2", "2:1"}},
		{"then the earlier appointment", base(1), func() promotion.Applicant {
			x := applicant(2, "200801", career.IIIC, "2022-01-01", "2023-01-01", good, 80)
			return x
		}(), []string{"1:2", "2:1"}},
		{"then the NIP", base(2), base(1), []string{"1:1", "2:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, order := range [][]promotion.Applicant{{tt.a, tt.b}, {tt.b, tt.a}} {
				r, err := promotion.Rank(promotion.Selection{Opening: kasi, Applicants: order}, promotion.NationalSelectionRules(), w)
				if err != nil {
					t.Fatal(err)
				}
				if got := ranked(r); !slices.Equal(got, tt.want) {
					t.Errorf("ranking = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestRankEligibility(t *testing.T) {
	ok := applicant(1, "201001", career.IIIC, "2022-01-01", "2024-04-01", good, 70)
	short := applicant(2, "201001", career.IIIC, "2022-01-01", "2024-04-02", good, 99)
	weak := applicant(3, "201001", career.IIIC, "2022-01-01", "2020-01-01", map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.ButuhPerbaikan}, 99)
	missing := applicant(4, "201001", career.IIIC, "2022-01-01", "2020-01-01", map[int]evaluation.Predicate{2025: evaluation.SangatBaik}, 99)
	sanctioned := applicant(5, "201001", career.IIIC, "2022-01-01", "2020-01-01", good, 99)
	sanctioned.Employee.Sanctions = []career.Sanction{{Level: career.Ringan, From: day("2026-01-01"), Until: day("2026-06-30")}}
	r, err := promotion.NewNational().Rank(context.Background(), promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{sanctioned, missing, weak, short, ok}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ranked(r), []string{"1:1", "0:2", "0:3", "0:4", "0:5"}; !slices.Equal(got, want) {
		t.Fatalf("ranking = %v, want %v", got, want)
	}
	failed := map[int]string{
		2: "promotion.selection.min_time_in_position", 3: "promotion.selection.predicate", 4: "promotion.selection.predicate", 5: "promotion.selection.no_sanction",
	}
	for _, x := range r.Ranked {
		if x.Rank == 0 {
			f := x.Decision.Failed()
			if x.Decision.Outcome != career.NotEligible || len(f) != 1 || f[0].Code != failed[x.NIP.Sequence()] {
				t.Errorf("%d: %s failed %v, want %s", x.NIP.Sequence(), x.Decision.Outcome, f, failed[x.NIP.Sequence()])
			}
		} else if x.Decision.Outcome != career.Eligible || x.Decision.Details["rank"] != "1" || x.Decision.Details["score"] == "" {
			t.Errorf("winner decision %s %v", x.Decision.Outcome, x.Decision.Details)
		}
	}
}

func TestFastTrack(t *testing.T) {
	wanggar := promotion.NationalSelectionRules()
	wanggar.FastTrack = &promotion.FastTrack{Years: 2, ExtraMinutes: 1800, Source: "Pergub Wanggar: jalur cepat"}
	oneYear := func(preds map[int]evaluation.Predicate, extra int) promotion.Applicant {
		a := applicant(1, "200501", career.IVA, "2021-01-01", "2025-04-01", preds, 80)
		a.Employee.Education = career.S2
		a.Employee.Position = career.Position{Title: "Kepala Bidang", Kind: career.Administrator, Field: "kesehatan"}
		a.Employee.Positions = []career.PositionStep{{Position: career.Position{Title: "Kepala Seksi", Kind: career.Pengawas, Field: "kesehatan"}, From: day("2012-01-01"), Until: day("2025-03-31")}}
		a.ExtraMinutes = extra
		return a
	}
	tests := []struct {
		name     string
		opening  promotion.Opening
		rules    promotion.SelectionRules
		a        promotion.Applicant
		eligible bool
		required string // required time in position, for non-JPT openings
	}{
		{"pengawas, fast track met: 1 year suffices", kasi, wanggar, oneYear(sb2, 1800), true, "1 tahun 0 bulan"},
		{"administrator, fast track met", kabag, wanggar, oneYear(sb2, 2000), true, "1 tahun 0 bulan"},
		{"one JP short of the extra 40", kasi, wanggar, oneYear(sb2, 1799), false, "2 tahun 0 bulan"},
		{"Sangat Baik only last year", kasi, wanggar, oneYear(map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.SangatBaik}, 1800), false, "2 tahun 0 bulan"},
		{"national rules: no fast track", kasi, promotion.NationalSelectionRules(), oneYear(sb2, 1800), false, "2 tahun 0 bulan"},
		// JPT: 1 year as administrator stays short of the national 2, fast track or not.
		{"never for JPT", kadis, wanggar, oneYear(sb2, 5000), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := promotion.Rank(promotion.Selection{Opening: tt.opening, Applicants: []promotion.Applicant{tt.a}}, tt.rules, promotion.Weights{Performance: 1})
			if err != nil {
				t.Fatal(err)
			}
			d := r.Ranked[0].Decision
			if (d.Outcome == career.Eligible) != tt.eligible {
				t.Errorf("outcome %s, want eligible %v; failed %v", d.Outcome, tt.eligible, d.Failed())
			}
			if tt.required != "" {
				c, _ := d.Criterion("promotion.selection.min_time_in_position")
				if c.Required != tt.required {
					t.Errorf("required time %q, want %q", c.Required, tt.required)
				}
				return
			}
			if _, ok := d.Criterion("promotion.selection.fast_track"); ok {
				t.Error("a JPT selection considered the fast track")
			}
			if c, _ := d.Criterion("promotion.jpt.senior_position"); c.Passed {
				t.Errorf("JPT senior position passed with one year: %+v", c)
			}
		})
	}
}

// jpt is a JPT pratama candidate judged on 2026-04-01: born 1975-06-01, S2, pengawas in health 2015–2022,
// administrator in health since 2023.
func jpt() promotion.Applicant {
	return promotion.Applicant{
		Employee: career.Employee{
			NIP: career.MustParseNIP("19750601 200003 1 002"), Type: career.PNS, Grade: career.IVB, GradeTMT: day("2022-04-01"), Education: career.S2,
			Position: career.Position{Title: "Sekretaris Dinas Kesehatan", Kind: career.Administrator, Field: "kesehatan"}, PositionTMT: day("2023-01-01"),
			Positions: []career.PositionStep{{Position: career.Position{Title: "Kepala Seksi", Kind: career.Pengawas, Field: "Kesehatan"}, From: day("2015-01-01"), Until: day("2022-12-31")}},
		},
		Predicates: good, Competence: 85,
	}
}

func TestJPTFloors(t *testing.T) {
	onlyCurrent := func(kind career.PositionKind, lvl career.Level, since string) func(a *promotion.Applicant) {
		return func(a *promotion.Applicant) {
			a.Employee.Positions = nil
			a.Employee.Position = career.Position{Title: "Jabatan", Kind: kind, Level: lvl, Field: "kesehatan"}
			a.Employee.PositionTMT = day(since)
		}
	}
	born := func(nip string) func(a *promotion.Applicant) {
		return func(a *promotion.Applicant) { a.Employee.NIP = career.MustParseNIP(nip) }
	}
	tests := []struct {
		name   string
		edit   func(a *promotion.Applicant)
		on     string
		failed []string
	}{
		{"all floors met", func(a *promotion.Applicant) {}, "2026-04-01", nil},
		{"S1 is enough", func(a *promotion.Applicant) { a.Employee.Education = career.S1 }, "2026-04-01", nil},
		{"D-IV is enough", func(a *promotion.Applicant) { a.Employee.Education = career.D4 }, "2026-04-01", nil},
		{"D-III is not", func(a *promotion.Applicant) { a.Employee.Education = career.D3 }, "2026-04-01", []string{"promotion.jpt.education"}},
		{"exactly 5 years in the field", onlyCurrent(career.Administrator, 0, "2021-04-01"), "2026-04-01", nil},
		{"5 years less a day in the field", onlyCurrent(career.Administrator, 0, "2021-04-02"), "2026-04-01", []string{"promotion.jpt.related_experience"}},
		{"exactly 2 years as administrator", func(a *promotion.Applicant) { a.Employee.PositionTMT = day("2024-04-01") }, "2026-04-01", nil},
		{"2 years less a day as administrator", func(a *promotion.Applicant) {
			a.Employee.PositionTMT = day("2024-04-02")
			a.Employee.Positions[0].Until = day("2024-04-01")
		}, "2026-04-01", []string{"promotion.jpt.senior_position"}},
		{"ahli madya counts", onlyCurrent(career.Fungsional, career.AhliMadya, "2019-01-01"), "2026-04-01", nil},
		{"ahli muda does not", onlyCurrent(career.Fungsional, career.AhliMuda, "2019-01-01"), "2026-04-01", []string{"promotion.jpt.senior_position"}},
		{"pengawas does not", onlyCurrent(career.Pengawas, 0, "2019-01-01"), "2026-04-01", []string{"promotion.jpt.senior_position"}},
		{"56 today", born("19700401 199503 1 002"), "2026-04-01", nil},
		{"56 and a day", born("19700401 199503 1 002"), "2026-04-02", []string{"promotion.jpt.max_age"}},
		{"55, 56 tomorrow", born("19700402 199503 1 002"), "2026-04-01", nil},
		{"57", born("19690101 199503 1 002"), "2026-04-01", []string{"promotion.jpt.max_age"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := jpt()
			tt.edit(&a)
			o := kadis
			o.On = day(tt.on)
			var failed []string
			for _, c := range promotion.JPTFloors(o, a.Employee) {
				if !c.Passed {
					failed = append(failed, c.Code)
				}
			}
			if !slices.Equal(failed, tt.failed) {
				t.Errorf("failed floors %v, want %v", failed, tt.failed)
			}
			// A region's ranking that puts this applicant first is checked against the same floors.
			broken := promotion.SelectionFloors(o, a, promotion.Ranked{NIP: a.Employee.NIP, Rank: 1})
			if len(broken) != len(tt.failed) {
				t.Errorf("SelectionFloors = %v, want %d broken", broken, len(tt.failed))
			}
			for _, b := range broken {
				if b.Code[:6] != "floor." || b.Passed {
					t.Errorf("broken floor %+v", b)
				}
			}
		})
	}
	// No floors for an unranked applicant or a non-JPT opening.
	old := jpt()
	old.Employee.NIP = career.MustParseNIP("19600101 198503 1 002")
	if promotion.SelectionFloors(kadis, old, promotion.Ranked{Rank: 0}) != nil || promotion.SelectionFloors(kasi, old, promotion.Ranked{Rank: 1}) != nil {
		t.Error("SelectionFloors applied beyond ranked JPT applicants")
	}
	// Without a field on the opening, all service counts as related experience.
	o := kadis
	o.Position.Field = ""
	a := jpt()
	a.Employee.Positions = nil
	for _, c := range promotion.JPTFloors(o, a.Employee) {
		if c.Code == "promotion.jpt.related_experience" && (!c.Passed || c.Found != "26 tahun 1 bulan") {
			t.Errorf("related experience without a field: %+v", c)
		}
	}
}

func TestPerformanceScore(t *testing.T) {
	tests := []struct {
		preds map[int]evaluation.Predicate
		years int
		want  float64
	}{
		{sb2, 2, 100},
		{map[int]evaluation.Predicate{2024: evaluation.SangatBaik, 2025: evaluation.Baik}, 2, 90},
		{map[int]evaluation.Predicate{2025: evaluation.SangatBaik}, 2, 50},
		{map[int]evaluation.Predicate{2026: evaluation.SangatBaik}, 2, 0}, // this year's predicate is not in the window
		{map[int]evaluation.Predicate{2025: evaluation.SangatKurang}, 1, 20},
		{sb2, 0, 0},
	}
	for _, tt := range tests {
		if got := promotion.PerformanceScore(tt.preds, selectionDay, tt.years); got != tt.want {
			t.Errorf("PerformanceScore(%v, %d) = %v, want %v", tt.preds, tt.years, got, tt.want)
		}
	}
}

func TestSelectionValidate(t *testing.T) {
	a := applicant(1, "201001", career.IIIC, "2022-01-01", "2023-01-01", good, 80)
	bad := func(f func(x *promotion.Applicant)) promotion.Applicant { x := a; f(&x); return x }
	tests := []struct {
		name  string
		s     promotion.Selection
		field string
	}{
		{"no date", promotion.Selection{Opening: promotion.Opening{Position: kasi.Position}}, "opening.on"},
		{"no position title", promotion.Selection{Opening: promotion.Opening{On: selectionDay, Position: career.Position{Kind: career.Pengawas}}}, "position.title"},
		{"applies twice", promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{a, a}}, "applicants[1].nip"},
		{"competence above 100", promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{bad(func(x *promotion.Applicant) { x.Competence = 101 })}}, "applicants[0].competence"},
		{"negative innovation", promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{bad(func(x *promotion.Applicant) { x.Innovation = -1 })}}, "applicants[0].innovation"},
		{"negative extra minutes", promotion.Selection{Opening: kasi, Applicants: []promotion.Applicant{bad(func(x *promotion.Applicant) { x.ExtraMinutes = -1 })}}, "applicants[0].extra_minutes"},
	}
	for _, tt := range tests {
		if _, err := promotion.Rank(tt.s, promotion.NationalSelectionRules(), promotion.Weights{}); career.ErrorField(err) != tt.field {
			t.Errorf("%s: error %v, want field %s", tt.name, err, tt.field)
		}
	}
}
