package career_test

import (
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
)

func ExampleParseNIP() {
	// The appointment (May 2015) is long past, so judging "the future" against today cannot change the answer.
	n, err := career.ParseNIP("19860926 201505 1 001")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	fmt.Println(n.Formatted())
	fmt.Println("born", n.BirthDate(), "appointed", n.Appointed(), n.Gender(), "sequence", n.Sequence())

	// A woman's NIK adds 40 to the birth day; a NIP never does.
	_, err = career.ParseNIP("198609662015052001")
	fmt.Println(err)
	// Output:
	// 198609262015051001
	// 19860926 201505 1 001
	// born 1986-09-26 appointed 2015-05-01 laki-laki sequence 1
	// invalid: nip: birth day 66 is not a day of the month (the +40 for women is a NIK rule, not a NIP rule)
}

func ExampleParseNIPAt() {
	on := career.MustDate(2026, 4, 1)
	for _, s := range []string{"199801012026041001", "199801012026051001"} {
		if _, err := career.ParseNIPAt(s, on); err != nil {
			fmt.Println(s, err)
			continue
		}
		fmt.Println(s, "valid on", on)
	}
	// Output:
	// 199801012026041001 valid on 2026-04-01
	// 199801012026051001 invalid: nip: appointment month 2026-05 is in the future
}

func ExampleBox() {
	box, err := career.Box(career.Middle, career.High) // kinerja sesuai ekspektasi, potensial tinggi
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(box, box.Actions(), "succession pool:", box.Succession())
	// Output: box 8 [retain rotate coach] succession pool: true
}

func ExampleCheckTransfer() {
	e := career.Employee{
		NIP:         career.MustParseNIP("19900510 201603 1 004"),
		Name:        "Rudi Hartono",
		Type:        career.PNS,
		Grade:       career.IIIC,
		GradeTMT:    career.MustDate(2020, 4, 1),
		Position:    career.Position{Title: "Analis Keuangan", Kind: career.Pelaksana},
		PositionTMT: career.MustDate(2024, 7, 1),
		Education:   career.S1,
	}
	d, err := career.CheckTransfer(career.TransferRequest{
		Employee: e,
		From:     career.Place{Agency: "BPKAD Kab. Lampung Selatan", Regency: "Lampung Selatan", Province: "Lampung"},
		To:       career.Place{Agency: "Bappeda Kota Semarang", Regency: "Semarang", Province: "Jawa Tengah"},
		Personal: true,
		On:       career.MustDate(2026, 4, 1),
	}, career.NationalTransferRules())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Outcome, "from", d.NotBefore, "decided by", d.Details["authority"])
	for _, line := range d.Explain("en") {
		fmt.Println(line)
	}
	// Output:
	// not_yet from 2026-07-01 decided by mendagri
	// ✗ At least 2 years in the position (required 2 tahun 0 bulan; found 1 tahun 9 bulan; PP 11/2017 Pasal 190 ayat 2)
	// ✓ A personal request to move to another agency needs 10 years of service (required 10 tahun 0 bulan; found 10 tahun 1 bulan; PP 11/2017 Pasal 190 ayat 3)
	// ✓ No disciplinary sanction in force (required tidak sedang menjalani hukuman disiplin; found tidak ada; PP 94/2021)
}
