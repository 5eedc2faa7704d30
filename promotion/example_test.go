package promotion_test

import (
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

func ExampleAssess() {
	c := promotion.Candidate{
		Employee: career.Employee{
			NIP:         career.MustParseNIP("19850101 201001 1 001"),
			Name:        "Ahmad Fauzi",
			Type:        career.PNS,
			Grade:       career.IIIC,
			GradeTMT:    career.MustDate(2022, 8, 1),
			Education:   career.S1,
			Position:    career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana},
			PositionTMT: career.MustDate(2018, 1, 1),
		},
		Predicates: map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.SangatBaik},
	}
	d, err := promotion.Assess(c, career.MustDate(2026, 4, 1), promotion.NationalRules())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Kind, d.Outcome, "not before", d.NotBefore, "TMT", d.Details["tmt"], d.Details["from_grade"], "→", d.Details["to_grade"])
	for _, line := range d.Explain("en") {
		fmt.Println(line)
	}
	// Output:
	// promotion.regular not_yet not before 2026-08-01 TMT 2026-08-01 III/c → III/d
	// ✓ There is a higher grade (required < IV/e; found III/c; PP 99/2000 Pasal 2)
	// ✗ At least 4 years in the current grade (required 4 tahun 0 bulan; found 3 tahun 8 bulan; PP 99/2000 jo PP 12/2002 Pasal 7)
	// ✓ The new grade is within the education ceiling (required ≤ III/d (S1); found III/d; PP 99/2000 jo PP 12/2002 Pasal 4)
	// ✓ Predicate at least Good in each of the last 2 years (required ≥ baik, 2 tahun terakhir; found 2024: baik, 2025: sangat_baik; PP 99/2000 Pasal 7; PermenPANRB 6/2022)
	// ✓ No medium or heavy disciplinary sanction in force (required tidak sedang menjalani hukuman disiplin sedang/berat; found tidak ada; PP 94/2021 Pasal 8)
}

// An administrator at IV/b has reached the highest grade of the position's eselon (III.a: IV/a–IV/b): time in grade
// does not open a structural promotion to IV/c.
func ExampleAssess_structuralCeiling() {
	c := promotion.Candidate{
		Employee: career.Employee{
			NIP:         career.MustParseNIP("19750101 200001 1 001"),
			Name:        "Siti Rahma",
			Type:        career.PNS,
			Grade:       career.IVB,
			GradeTMT:    career.MustDate(2021, 4, 1),
			Education:   career.S2,
			Position:    career.Position{Title: "Kepala Bagian Umum", Kind: career.Administrator, LowestGrade: career.IIID},
			PositionTMT: career.MustDate(2019, 1, 1),
		},
		Predicates: map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.Baik},
	}
	d, err := promotion.Assess(c, career.MustDate(2026, 4, 1), promotion.NationalRules())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Kind, d.Outcome, d.Details["from_grade"], "→", d.Details["to_grade"])
	for _, line := range d.Explain("en") {
		fmt.Println(line)
	}
	// Output:
	// promotion.structural not_eligible IV/b → IV/c
	// ✓ There is a higher grade (required < IV/e; found IV/b; PP 99/2000 Pasal 2)
	// ✓ At least 4 years in the current grade (required 4 tahun 0 bulan; found 5 tahun 0 bulan; PP 99/2000 Pasal 9)
	// ✗ The new grade is within the position's highest grade (required ≤ IV/b (administrator); found IV/c; PP 100/2000 jo PP 13/2002 Lampiran)
	// ✓ Predicate at least Good in each of the last 2 years (required ≥ baik, 2 tahun terakhir; found 2024: baik, 2025: baik; PP 99/2000 Pasal 7; PermenPANRB 6/2022)
	// ✓ No medium or heavy disciplinary sanction in force (required tidak sedang menjalani hukuman disiplin sedang/berat; found tidak ada; PP 94/2021 Pasal 8)
}

func ExampleNextTMT() {
	for _, d := range []career.Date{
		career.MustDate(2023, 5, 10), // April/October schedule
		career.MustDate(2023, 10, 2), // Nov and Dec 2023 are no TMT; January 2024 is none under the new schedule
		career.MustDate(2025, 8, 2),  // even months in 2024–2025
		career.MustDate(2025, 10, 2), // every month from 1 October 2025
		career.MustDate(2026, 4, 1),  // a TMT itself
	} {
		fmt.Println(d, "→", promotion.NextTMT(d))
	}
	// Output:
	// 2023-05-10 → 2023-10-01
	// 2023-10-02 → 2024-02-01
	// 2025-08-02 → 2025-10-01
	// 2025-10-02 → 2025-11-01
	// 2026-04-01 → 2026-04-01
}
