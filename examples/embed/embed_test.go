package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

func Example_report() {
	f, err := os.Open("employees.csv")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if _, err := report(os.Stdout, f, career.MustDate(2026, 4, 1), "en"); err != nil {
		panic(err)
	}
	// Output:
	// Rank promotion on 2026-04-01: 12 employees
	//
	// Eligible:
	//   19820314 200801 1 003  Budi Santoso         III/c → III/d  TMT 2026-04-01
	//   19900105 201503 1 002  Rudi Hartono         III/a → III/b  TMT 2026-04-01
	//   19880203 201203 2 006  Rina Marlina         III/b → III/c  TMT 2026-04-01
	//   19830909 200704 1 002  Yohanes Kambu        II/d → III/a  TMT 2026-04-01
	//
	// Not yet eligible:
	//   19870722 201101 2 004  Siti Aminah          III/b → III/c  eligible from 2026-10-01, TMT 2026-10-01
	//       ✗ At least 4 years in the current grade (required 4 tahun 0 bulan; found 3 tahun 6 bulan; PP 99/2000 jo PP 12/2002 Pasal 7)
	//   19760620 200212 1 001  Agus Salim           IV/a → IV/b  eligible from 2027-04-01, TMT 2027-04-01
	//       ✗ At least 4 years in the current grade (required 4 tahun 0 bulan; found 3 tahun 0 bulan; PP 99/2000 Pasal 9)
	//   19860515 201001 2 002  Fitri Handayani      III/b → III/c  eligible from 2026-07-01, TMT 2026-07-01
	//       ✗ No medium or heavy disciplinary sanction in force (required tidak sedang menjalani hukuman disiplin sedang/berat; found hukuman disiplin sedang s.d. 2026-06-30; PP 94/2021 Pasal 8)
	//
	// Not eligible:
	//   19790510 200312 2 001  Dewi Lestari         III/d → IV/a
	//       ✗ The new grade is within the education ceiling (required ≤ III/d (S1); found IV/a; PP 99/2000 jo PP 12/2002 Pasal 4)
	//   19850818 200903 1 005  I Made Wirawan       III/c → III/d
	//       ✗ Enough cumulative angka kredit (required ≥ 100.00; found 87.50; PermenPANRB 1/2023 Lampiran)
	//   19920411 201803 2 003  Nur Hidayah          III/a → III/b
	//       ✗ Predicate at least Good in each of the last 2 years (required ≥ baik, 2 tahun terakhir; found 2024: baik, 2025: butuh_perbaikan; PP 99/2000 Pasal 7; PermenPANRB 6/2022)
	//   19810227 200604 1 004  I Wayan Suarta       III/c → III/d
	//       ✗ The new grade is within the education ceiling (required ≤ III/c (D-III); found III/d; PP 99/2000 jo PP 12/2002 Pasal 4)
	//   19950707 202203 1 001  Andi Pratama         PPPK IX
	//       ✗ Rank promotion applies to PNS only (required PNS; found PPPK; UU 20/2023 Pasal 21)
}

func TestReportBadRows(t *testing.T) {
	const header = "nip,nama,golongan,tmt_golongan,pendidikan,jenis_jabatan,jabatan,predikat_2024,predikat_2025\n"
	const good = "19820314 200801 1 003,Budi Santoso,III/c,2022-04-01,S1,pelaksana,Staf,baik,baik\n"
	csv := header +
		good + // row 2
		"19870762 201101 2 004,Siti Aminah,III/b,2022-10-01,S1,pelaksana,Staf,baik,baik\n" + // row 3: the NIK +40
		"19790510 200312 2 001,Dewi Lestari,III/f,2020-04-01,S1,pelaksana,Staf,baik,baik\n" + // row 4
		"19900105 201503 1 002,Rudi Hartono,III/a,2023-02-30,S1,pelaksana,Staf,baik,baik\n" + // row 5
		"19850818 200903 1 005,Made Wirawan,III/c,2023-04-01,S1,fungsional,Analis,baik,baik\n" + // row 6: no level
		"19880203 201203 2 006,Rina Marlina,III/b,2024-10-01,S1,pelaksana,Staf,baik,cukup\n" + // row 7
		"19830909 200704 1 002,Yohanes Kambu,II/d\n" + // row 8
		"19760620 200212 1 001,Agus Salim,IV/a,2001-04-01,S2,pelaksana,Staf,baik,baik\n" // row 9: TMT before the appointment
	var out bytes.Buffer
	bad, err := report(&out, strings.NewReader(csv), career.MustDate(2026, 4, 1), "en")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"row 3, column nip: birth day 62 is not a day of the month",
		"row 4, column golongan: \"III/f\" is not a grade",
		"row 5, column tmt_golongan: \"2023-02-30\" is not a date",
		"row 6, column position.level: a functional position needs its level",
		"row 7, column predikat_2025: \"cukup\" is not a predicate",
		"row 8, column -: 3 fields, the header has 9",
		"row 9, column grade_tmt: the grade TMT 2001-04-01 is before the appointment",
	}
	if bad != len(want) {
		t.Errorf("bad rows = %d, want %d\n%s", bad, len(want), out.String())
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the report does not say %q:\n%s", w, out.String())
		}
	}
	if !strings.Contains(out.String(), "Rank promotion on 2026-04-01: 1 employees") || !strings.Contains(out.String(), "Budi Santoso") {
		t.Errorf("the good row was not assessed:\n%s", out.String())
	}
}

func TestReportUnusableFile(t *testing.T) {
	tests := map[string]string{
		"empty file":      "",
		"missing columns": "nip,nama\n19820314 200801 1 003,Budi\n",
	}
	for name, in := range tests {
		if _, err := report(&bytes.Buffer{}, strings.NewReader(in), career.MustDate(2026, 4, 1), "id"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-date", "2026-04-01", "-file", "employees.csv"}, &out, &errOut); err != nil {
		t.Fatalf("run: %v (%s)", err, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "Kenaikan pangkat per 2026-04-01: 12 pegawai") || !strings.Contains(out.String(), "Memenuhi syarat:") {
		t.Errorf("the default language is not Indonesian:\n%s", out.String())
	}
	for _, args := range [][]string{{"-date", "1 April 2026", "-file", "employees.csv"}, {"-date", "2026-04-01", "-file", "missing.csv"}, {"-nope"}} {
		if err := run(args, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestReportSanctionDates(t *testing.T) {
	const csv = "nip,nama,golongan,tmt_golongan,pendidikan,jenis_jabatan,jabatan,predikat_2024,predikat_2025,hukuman_disiplin,tmt_hukuman,hukuman_sampai\n" +
		"19820314 200801 1 003,Budi Santoso,III/c,2022-04-01,S1,pelaksana,Staf,baik,baik,sedang,2025-02-30,\n" + // row 2
		"19860515 201001 2 002,Fitri Handayani,III/b,2021-04-01,S1,pelaksana,Staf,baik,baik,sedang,2026-05-01,2026-06-30\n" // row 3
	var out bytes.Buffer
	bad, err := report(&out, strings.NewReader(csv), career.MustDate(2026, 4, 1), "en")
	if err != nil {
		t.Fatal(err)
	}
	if bad != 1 || !strings.Contains(out.String(), "row 2, column tmt_hukuman: \"2025-02-30\" is not a date") {
		t.Errorf("a bad tmt_hukuman is not reported:\n%s", out.String())
	}
	// Fitri's sanction begins after the date: it is not in force then, so it does not hold her back.
	if s := out.String(); !strings.Contains(s, "Fitri Handayani      III/b → III/c  TMT 2026-04-01") {
		t.Errorf("a sanction not yet in force counted:\n%s", s)
	}
}
