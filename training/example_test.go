package training_test

import (
	"context"
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/training"
)

func ExampleNational_Allocate() {
	programs := []training.Program{
		{Code: "MAN-RS", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 40, Cost: 5_000_000, Seats: 1, Fields: []string{"kesehatan"}},
		{Code: "PM-01", Title: "Manajemen Proyek", Method: training.Kursus, Competency: training.Teknis, JP: 16, Cost: 2_000_000, Seats: 2},
	}
	candidates := []training.Candidate{
		// Already 22 JP this year: served after those below 20 JP, whatever the office's rank.
		{NIP: career.MustParseNIP("19850101 201001 1 001"), Field: "kesehatan", Minutes: training.Minutes(22), Rank: 1, Wants: []string{"MAN-RS"}},
		{NIP: career.MustParseNIP("19870505 201203 2 002"), Field: "kesehatan", Minutes: training.Minutes(4), Rank: 2, Wants: []string{"MAN-RS", "PM-01"}},
		{NIP: career.MustParseNIP("19900909 201506 1 003"), Field: "keuangan", Minutes: 0, Rank: 3},
	}
	a, err := training.NewNational().Allocate(context.Background(), training.AllocationRequest{
		Year: 2026, Budget: 8_000_000, Candidates: candidates, Programs: programs,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range a.Seats {
		fmt.Println(s.NIP, s.Program, s.Cost)
	}
	for _, u := range a.Unplaced {
		fmt.Println(u.NIP, "unplaced:", u.Reason.EN)
	}
	fmt.Println("spent", a.Spent, "of", 8_000_000)
	// Output:
	// 198705052012032002 MAN-RS 5000000
	// 199009092015061003 PM-01 2000000
	// 198501012010011001 unplaced: No seat left in a suitable program
	// spent 7000000 of 8000000
}
