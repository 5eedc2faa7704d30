package mentoring_test

import (
	"context"
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
)

func ExampleNational_Match() {
	staff := func(nip string, g career.Grade, unit, field string, p evaluation.Predicate) mentoring.Profile {
		return mentoring.Profile{
			Employee:  career.Employee{NIP: career.MustParseNIP(nip), Type: career.PNS, Grade: g, Unit: unit, Position: career.Position{Field: field}},
			Predicate: p,
		}
	}
	mentors := []mentoring.Profile{
		staff("19750302 200003 1 001", career.IVA, "Dinas Kesehatan", "kesehatan", evaluation.SangatBaik),
		staff("19800714 200503 2 002", career.IIIB, "BPKAD", "keuangan", evaluation.Baik),
		staff("19780101 200201 1 003", career.IVB, "Dinas Kesehatan", "kesehatan", evaluation.ButuhPerbaikan), // predicate too low
	}
	for i := range mentors {
		mentors[i].Capacity = 1
	}
	mentees := []mentoring.Profile{
		staff("19950210 202001 2 011", career.IIIA, "Dinas Kesehatan", "kesehatan", 0),
		staff("19930505 202203 1 012", career.IIIC, "Dinas Kesehatan", "kesehatan", 0),
	}
	// Mentee 011 scores best with the Kesehatan mentor, but mentee 012 (III/c) has no other senior mentor: the
	// matching gives 011 to the BPKAD mentor so that both are placed.
	m, err := mentoring.NewNational().Match(context.Background(), mentoring.MatchRequest{Mentors: mentors, Mentees: mentees, On: career.MustDate(2026, 4, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range m.Pairs {
		fmt.Printf("mentor %s → mentee %s (score %g)\n", p.Mentor.Formatted(), p.Mentee.Formatted(), p.Score)
	}
	fmt.Println("matched", m.Decision.Outcome, "total score", m.Decision.Details["total_score"])
	// Output:
	// mentor 19750302 200003 1 001 → mentee 19930505 202203 1 012 (score 8)
	// mentor 19800714 200503 2 002 → mentee 19950210 202001 2 011 (score 2)
	// matched 2/2 total score 10.000
}
