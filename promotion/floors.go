package promotion

import (
	"fmt"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

// JPTFloors returns the national requirements for a JPT pratama (and higher) candidate, which no region may relax
// (UU 20/2023; PP 11/2017 jo PP 17/2020 Pasal 107 ayat 1 huruf c, the list for JPT pratama — huruf a and b are JPT
// utama and madya): at least S1/D-IV (angka 1); at least 5 years of experience in the field (angka 3: service in
// positions of the opening's field, or all service when the opening names no field); at least 2 years as
// administrator or ahli madya, or higher (angka 4); at most 56 years old (angka 6).
func JPTFloors(o Opening, e career.Employee) []career.Criterion {
	on := o.On
	src := "PP 11/2017 jo PP 17/2020 Pasal 107 ayat 1 huruf c"
	field := o.Position.Field
	related := e.InService(on).TotalMonths()
	if field != "" {
		related = e.MonthsAs(on, func(p career.Position) bool { return strings.EqualFold(p.Field, field) })
	}
	senior := e.MonthsAs(on, func(p career.Position) bool {
		return p.Kind == career.Administrator || p.Kind.Managerial() && p.Kind.Rank() > career.Administrator.Rank() ||
			p.Kind == career.Fungsional && (p.Level == career.AhliMadya || p.Level == career.AhliUtama)
	})
	age := e.Age(on)
	return []career.Criterion{
		{Code: "promotion.jpt.education", Passed: e.Education.AtLeastBachelor(), Required: "≥ S1/D-IV", Found: e.Education.String(), Source: src + " angka 1",
			Text: career.Message{ID: "Pendidikan paling rendah S1/D-IV", EN: "At least a bachelor's degree (S1/D-IV)"}},
		{Code: "promotion.jpt.related_experience", Passed: related >= 60, Required: career.Years(5), Found: career.Span{Years: related / 12, Months: related % 12}.String(), Source: src + " angka 3",
			Text: career.Message{ID: "Pengalaman jabatan di bidang terkait paling singkat 5 tahun", EN: "At least 5 years of related experience"}},
		{Code: "promotion.jpt.senior_position", Passed: senior >= 24, Required: career.Years(2), Found: career.Span{Years: senior / 12, Months: senior % 12}.String(), Source: src + " angka 4",
			Text: career.Message{ID: "Paling singkat 2 tahun sebagai administrator atau ahli madya", EN: "At least 2 years as administrator or ahli madya"}},
		{Code: "promotion.jpt.max_age", Passed: age.Years < 56 || age.Years == 56 && age.Months == 0 && age.Days == 0, Required: "≤ 56 tahun", Found: ageText(age), Source: src + " angka 6",
			Text: career.Message{ID: "Usia paling tinggi 56 tahun", EN: "At most 56 years old"}},
	}
}

// ageText prints an age in full, "56 tahun 0 bulan 1 hari": the bar is 56 years to the day, so a found value of whole
// years alone ("56 tahun") would not show why 56 years and a day fails.
func ageText(a career.Span) string {
	if a.Days == 0 {
		return a.String()
	}
	return fmt.Sprintf("%s %d hari", a, a.Days)
}

// Floors checks a rank-promotion decision made by any policy against the national hard floors, and returns the
// floors it breaks. A decision that is not Eligible breaks none (a region may be stricter). The floors: PNS only;
// at least 4 years in grade for a regular or structural promotion (1 year in grade and in the position one grade
// below its lowest), 2 for a functional one; the education ceiling for a regular promotion; for a functional one
// the level's highest grade and the cumulative angka kredit (PermenPANRB 1/2023 Lampiran); the highest grade of the
// position's eselon for a structural one (PP 100/2000 jo PP 13/2002 Lampiran); no medium or heavy sanction in force,
// on the date judged nor on the TMT the decision gives (Details "tmt").
func Floors(c Candidate, d career.Decision) []career.Criterion {
	if d.Outcome != career.Eligible {
		return nil
	}
	e := c.Employee
	on := d.JudgedAt
	var broken []career.Criterion
	floor := func(code string, ok bool, req, found, src string) {
		if !ok {
			broken = append(broken, career.Criterion{Code: "floor." + code, Passed: false, Required: req, Found: found, Source: src,
				Text: career.Message{ID: "Batas nasional yang tidak boleh dilonggarkan daerah", EN: "A national floor no region may relax"}})
		}
	}
	if e.Type == career.PPPK {
		floor("promotion.pns_only", false, "PNS", "PPPK", "UU 20/2023")
		return broken
	}
	// The found texts are built only for a floor that breaks: most decisions break none.
	next, ok := e.Grade.Next()
	if !ok {
		floor("promotion.next_grade", false, "< IV/e", e.Grade.String(), "PP 99/2000 Pasal 2")
	}
	inGrade := e.InGrade(on)
	switch KindOf(e) {
	case Regular:
		if !inGrade.AtLeast(4, 0) {
			floor("promotion.min_years_in_grade", false, career.Years(4), inGrade.String(), "PP 99/2000 Pasal 7")
		}
		if ceil := e.Education.Ceiling(); !ok || next > ceil {
			floor("promotion.education_ceiling", false, "≤ "+ceil.String(), next.String(), "PP 99/2000 jo PP 12/2002 Pasal 4")
		}
	case Functional:
		if !inGrade.AtLeast(2, 0) {
			floor("promotion.min_years_in_grade", false, career.Years(2), inGrade.String(), "PermenPANRB 1/2023")
		}
		// The angka kredit is the law's measure of a functional promotion: no region may grant one without it.
		lvl := e.Position.Level
		if ceil := LevelCeiling(lvl); !ok || ceil == 0 || next > ceil {
			floor("promotion.level_ceiling", false, levelRequired(lvl, ceil), next.String(), "PermenPANRB 1/2023 Lampiran")
		} else if need, known := RequiredCredit(lvl, e.Grade); !known {
			floor("promotion.credit", false, "pangkat dalam jenjang "+lvl.String(), e.Grade.String(), "PermenPANRB 1/2023 Lampiran")
		} else if e.CreditPoints < need {
			floor("promotion.credit", false, creditRequired(need), creditText("", e.CreditPoints), "PermenPANRB 1/2023 Lampiran")
		}
	case Structural:
		low := e.Position.LowestGrade
		fast := low.Valid() && e.Grade == low-1 && inGrade.AtLeast(1, 0) && e.InPosition(on).AtLeast(1, 0)
		if !fast && !inGrade.AtLeast(4, 0) {
			floor("promotion.min_years_in_grade", false, career.Years(4), inGrade.String(), "PP 99/2000 Pasal 9")
		}
		if pk := e.Position.Kind; !ok || next > pk.HighestGrade() {
			floor("promotion.position_ceiling", false, positionCeilings[pk].Required, next.String(), positionCeilingSource)
		}
	}
	if s, ok := e.SanctionInForce(on); ok && s.Level >= career.Sedang {
		floor("promotion.no_sanction", false, "tanpa hukuman disiplin sedang/berat", s.Level.String(), "PP 94/2021 Pasal 8")
	} else if tmt, err := career.ParseDate(d.Details["tmt"]); err == nil {
		// The promotion takes effect on its TMT: a sanction already decided and in force then bars it as well.
		if s, ok := e.SanctionInForce(tmt); ok && s.Level >= career.Sedang {
			floor("promotion.no_sanction_at_tmt", false, "tanpa hukuman disiplin sedang/berat pada TMT "+tmt.String(),
				sanctionFound(s), "PP 94/2021 Pasal 8")
		}
	}
	return broken
}

// SelectionFloors checks a ranked applicant of a JPT selection against JPTFloors, and returns those it breaks. Other
// selections have no national floor beyond the region's own rules.
func SelectionFloors(o Opening, a Applicant, r Ranked) []career.Criterion {
	k := o.Position.Kind
	if r.Rank == 0 || (k != career.JPTPratama && k != career.JPTMadya && k != career.JPTUtama) {
		return nil
	}
	var broken []career.Criterion
	for _, c := range JPTFloors(o, a.Employee) {
		if !c.Passed {
			c.Code = "floor." + c.Code
			broken = append(broken, c)
		}
	}
	return broken
}
