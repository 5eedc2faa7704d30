package evaluation_test

import (
	"context"
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

func ExamplePredicateOf() {
	for _, pair := range [][2]evaluation.Rating{
		{evaluation.DiAtas, evaluation.DiAtas},
		{evaluation.Sesuai, evaluation.DiAtas},
		{evaluation.DiAtas, evaluation.DiBawah},
		{evaluation.DiBawah, evaluation.Sesuai},
	} {
		p, err := evaluation.PredicateOf(pair[0], pair[1])
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s × %s → %s (%s), misconduct %v\n", pair[0], pair[1], p.Name().ID, p.Name().EN, evaluation.Misconduct(pair[0], pair[1]))
	}
	// Output:
	// di_atas × di_atas → Sangat Baik (Very good), misconduct false
	// sesuai × di_atas → Baik (Good), misconduct false
	// di_atas × di_bawah → Kurang (Poor), misconduct true
	// di_bawah × sesuai → Butuh Perbaikan (Needs improvement), misconduct false
}

func ExampleNational_Evaluate() {
	pauh := evaluation.NewNational()
	pauh.Cadence = evaluation.Annual
	pauh.Perilaku = evaluation.ThreeSixty(evaluation.Perilaku, 0.6, 2, "Pauh: penilaian 360")
	at := career.MustDate(2025, 12, 20)
	a := evaluation.Appraisal{
		Employee: career.Employee{NIP: career.MustParseNIP("19880317 201101 2 003")},
		Period:   evaluation.Period{Year: 2025},
		Entries: []evaluation.Entry{
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: evaluation.DiAtas, At: at},
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: evaluation.DiAtas, At: at},
			{Source: evaluation.Peer, Rater: "rekan-1", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
			{Source: evaluation.Peer, Rater: "rekan-2", Aspect: evaluation.Perilaku, Value: evaluation.DiBawah, At: at},
		},
	}
	r, err := pauh.Evaluate(context.Background(), a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Predicate.Name().ID)
	for _, line := range r.Decision.Explain("en") {
		fmt.Println(line)
	}
	// Output:
	// Baik
	// ✓ Direct superior's rating of results (found di_atas; PermenPANRB 6/2022 Pasal 10)
	// ✓ At least 2 peer ratings (required ≥ 2; found 2; Pauh: penilaian 360)
	// ✓ 360 rating: superior and peers (required 60% atasan + 40% rerata rekan; found 2.40 → sesuai; Pauh: penilaian 360)
	// ✓ Predicate from the results × behaviour matrix (found di_atas × sesuai → baik; PermenPANRB 6/2022 Lampiran (matriks predikat kinerja))
}
