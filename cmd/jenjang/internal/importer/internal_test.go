package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in       string
		date1904 bool
		want     string // "" means an error
	}{
		{"2024-04-01", false, "2024-04-01"},
		{" 2024-04-01 ", false, "2024-04-01"},
		{"2024-4-1", false, "2024-04-01"},
		{"2024/04/01", false, "2024-04-01"},
		{"01-04-2024", false, "2024-04-01"},
		{"01/04/2024", false, "2024-04-01"},
		{"1/4/2024", false, "2024-04-01"},
		{"01.04.2024", false, "2024-04-01"},
		{"2024-01-15T00:00:00Z", false, "2024-01-15"},
		{"2024-01-15 00:00:00", false, "2024-01-15"},
		{"45292", false, "2024-01-01"},
		{"45292.75", false, "2024-01-01"},
		{"61", false, "1900-03-01"},
		{"43830", true, "2024-01-01"},
		{"29-02-2023", false, ""},
		{"29-02-2024", false, "2024-02-29"},
		{"31/04/2024", false, ""},
		{"01-04/2024", false, ""},
		{"2024-13-01", false, ""},
		{"24-04-01", false, ""},
		{"2024-04-01-02", false, ""},
		{"60", false, ""},
		{"", false, ""},
		{"kemarin", false, ""},
		{"99999999", false, ""},
		{"-1", false, ""},
		{"2024--01", false, ""},
		{"0-0-0000", false, ""},
	} {
		got, err := parseDate(c.in, c.date1904)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("parseDate(%q) = %s, want an error", c.in, got)
		case c.want != "" && (err != nil || got.String() != c.want):
			t.Errorf("parseDate(%q, %v) = %s, %v; want %s", c.in, c.date1904, got, err, c.want)
		}
	}
}

func TestHeaderColumn(t *testing.T) {
	for in, want := range map[string]Column{
		"NIP": ColNIP, "\ufeffnip": ColNIP, "NIP Baru": ColNIP, " nip-baru ": ColNIP, "Nama Pegawai": ColName,
		"Gol. Ruang": ColGrade, "GOL/RUANG": ColGrade, "TMT Golongan": ColGradeTMT, "Jenis Jabatan": ColKind,
		"Pendidikan Terakhir": ColEducation, "Unit Kerja": ColUnit, "NIP Atasan": ColSupervisor, "TMT CPNS": ColAppointed,
		"AK": ColCreditPoints, "Layanan Publik": ColService, "Potensi": ColPotential,
		"STATUS ASN": ColType, "Status Pegawai": ColType, "Status Kepegawaian": ColType, "Jenis Pegawai": ColType,
		"Golongan Terendah": ColLowestGrade, "Gol. Terendah": ColLowestGrade, "Pangkat Terendah Jabatan": ColLowestGrade,
		"lowest_grade": ColLowestGrade, "Hukuman Disiplin": ColSanction, "Tingkat Hukuman Disiplin": ColSanction, "tingkat hukuman": ColSanction,
		"TMT Hukuman": ColSanctionFrom, "TMT Hukuman Disiplin": ColSanctionFrom, "Hukuman Mulai": ColSanctionFrom,
		"Hukuman Sampai": ColSanctionUntil, "TMT Akhir Hukuman": ColSanctionUntil, "Akhir Hukuman": ColSanctionUntil,
		"Hukuman Berakhir": ColSanctionUntil, "sanction_until": ColSanctionUntil,
	} {
		if got, _, ok := headerColumn(in); !ok || got != want {
			t.Errorf("headerColumn(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, year := range map[string]int{"predikat_2024": 2024, "Predikat Kinerja 2023": 2023, "PREDIKAT-2022": 2022} {
		if got, y, ok := headerColumn(in); !ok || got != ColPredicate || y != year {
			t.Errorf("headerColumn(%q) = %q, %d, %v; want predikat %d", in, got, y, ok, year)
		}
	}
	// "Jenis hukuman" is the penalty itself (teguran lisan, …), not its level: not read. A bare "Status" column of a
	// SIMPEG export holds Aktif, Pensiun, …, not PNS/PPPK: not read either.
	for _, in := range []string{"agama", "tempat lahir", "predikat", "predikat_24", "predikat_abcd", "", "Jenis Hukuman Disiplin",
		"Status", "STATUS"} {
		if got, _, ok := headerColumn(in); ok {
			t.Errorf("headerColumn(%q) = %q, want unknown", in, got)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name       string
		head       []byte
		file, ct   string
		want       Format
		wantErrSub string
	}{
		{"zip", []byte("PK\x03\x04rest"), "data.bin", "", XLSX, ""},
		{"zip named csv", []byte("PK\x03\x04rest"), "data.csv", "text/csv", XLSX, ""},
		{"csv", []byte("nip,nama\n1,2\n"), "data.csv", "", CSV, ""},
		{"csv no name", []byte("nip;nama\n"), "", "", CSV, ""},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "data.xls", "", FormatUnknown, "legacy Excel"},
		{"fake xlsx by name", []byte("nip,nama"), "data.xlsx", "", FormatUnknown, "not an XLSX"},
		{"fake xlsx by type", []byte("nip,nama"), "upload", XLSXContentType + "; charset=binary", FormatUnknown, "not an XLSX"},
		{"binary", []byte("\x00\x01\x02"), "blob", "", FormatUnknown, "neither CSV"},
	} {
		got, err := Detect(c.head, c.file, c.ct)
		if got != c.want || (err == nil) != (c.wantErrSub == "") || (err != nil && !strings.Contains(err.Error(), c.wantErrSub)) {
			t.Errorf("%s: Detect = %v, %v; want %v, %q", c.name, got, err, c.want, c.wantErrSub)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"nip,nama,golongan\n": ',', "nip;nama;golongan\n1,5;2\n": ';', "nip\tnama\tgolongan": '\t', "nip": ',',
		`"nama, lengkap";nip;gol`: ';',
	} {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNIPKey(t *testing.T) {
	for _, s := range []string{"198609262015051001", "000101012000011001"} {
		n := career.MustParseNIP(s)
		if got := nipString(nipKey(n)); got != s {
			t.Errorf("nipString(nipKey(%s)) = %s", s, got)
		}
	}
}

// validateOnly runs pass 1 on data without a store, as the fuzz targets do, and returns the result and the rows
// it accepted.
func validateOnly(t testing.TB, data []byte, name string) (*Result, []Record, error) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	res := &Result{Errors: []RowError{}}
	var accepted []Record
	opts := Options{Region: "kalianda", Today: career.MustDate(2026, 1, 15), ProgressEvery: 10000}
	v := &validator{opts: opts, res: res, maxErrors: -1, accepted: func(r *Record) {
		c := *r
		c.Predicates = append([]YearPredicate(nil), r.Predicates...)
		accepted = append(accepted, c)
	}}
	format, size, err := detectFile(File{Path: path, Name: name})
	if err != nil {
		_, err = v.fail(err)
		return res, nil, err
	}
	if err := v.run(context.Background(), path, format, size); err != nil {
		_, err = v.fail(err)
		return res, accepted, err
	}
	return res, accepted, nil
}

// checkAccepted re-validates what pass 1 accepted: every accepted row must be a valid employee by the domain's
// own rules, with a NIP that round-trips, and no accepted row may be counted as an error.
func checkAccepted(t *testing.T, res *Result, accepted []Record) {
	t.Helper()
	today := career.MustDate(2026, 1, 15)
	for _, r := range accepted {
		e := r.Employee
		if err := e.Validate(today); err != nil {
			t.Fatalf("row %d accepted but invalid: %v", r.Row, err)
		}
		if n, err := career.ParseNIPAt(e.NIP.String(), today); err != nil || n != e.NIP {
			t.Fatalf("row %d: NIP %q does not round-trip: %v", r.Row, e.NIP, err)
		}
		if !e.Supervisor.IsZero() && e.Supervisor == e.NIP {
			t.Fatalf("row %d is its own superior", r.Row)
		}
		if r.HasPotential && (r.Potential < 0 || r.Potential > 100) {
			t.Fatalf("row %d: potential %v", r.Row, r.Potential)
		}
		if g := e.Position.LowestGrade; g != 0 && !g.Valid() {
			t.Fatalf("row %d: lowest grade %v", r.Row, g)
		}
		if sn := r.Sanction; sn.Level != 0 {
			if sn.Level.String() == "" || sn.From.IsZero() || (!sn.Until.IsZero() && sn.Until.Before(sn.From)) {
				t.Fatalf("row %d: sanction %+v", r.Row, sn)
			}
			if _, err := career.ParseSanctionLevel(sn.Level.String()); err != nil {
				t.Fatalf("row %d: sanction level %v", r.Row, err)
			}
		} else if sn != (career.Sanction{}) {
			t.Fatalf("row %d: dates of no sanction %+v", r.Row, sn)
		}
		for _, p := range r.Predicates {
			if !p.Predicate.Valid() || p.Year > today.Year() {
				t.Fatalf("row %d: predicate %+v", r.Row, p)
			}
		}
	}
	if res.ErrorCount != len(res.Errors) {
		t.Fatalf("ErrorCount %d, %d listed with no bound", res.ErrorCount, len(res.Errors))
	}
}

func FuzzImportCSV(f *testing.F) {
	var good bytes.Buffer
	if err := importtest.WriteCSV(&good, 12); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte("nip;nama;golongan;tmt_golongan;jabatan;jenis_jabatan;tmt_jabatan;pendidikan\n" +
		"19860926 201505 1 001;Siti;III/a;01/04/2019;Analis;pelaksana;2020-01-01;S1\n"))
	f.Add([]byte("nip,nama\n\"unterminated,1\n"))
	f.Add([]byte("\ufeffNIP,Nama,Gol,TMT Gol,Jabatan,Jenis Jabatan,TMT Jabatan,Pendidikan,Potensi,predikat_2025\n" +
		"198609262015051001,A,IX,45292,B,fungsional,45292,S1,101,baik\n"))
	f.Add([]byte("nip,nama,jenis_pegawai,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,golongan_terendah," +
		"hukuman_disiplin,tmt_hukuman,hukuman_sampai\n" +
		"198609262015051001,A,PNS,III/b,2021-04-01,B,pengawas,2021-04-01,S1,III/c,sedang,2025-07-01,2026-06-30\n" +
		"198609262015051002,A,PNS,III/b,2021-04-01,B,pelaksana,2021-04-01,S1,IX,berat,45292,01/01/2024\n" +
		"198609262015051003,A,PPPK,IX,2021-04-01,B,pelaksana,2021-04-01,S1,-,,2025-07-01,\n"))
	f.Add([]byte("NIP,Nama,Status,Jenis Pegawai,Golongan,TMT Golongan,Jabatan,Jenis Jabatan,TMT Jabatan,Pendidikan\n" +
		"198609262015051001,A,Aktif,PNS,III/b,2021-04-01,B,pelaksana,2021-04-01,S1\n" +
		"198609262015051002,A,Pensiun,PPPK,V,2021-04-01,B,pelaksana,2021-04-01,SLTA\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, accepted, err := validateWithin(t, data, "fuzz.csv")
		if err != nil {
			if _, ok := err.(*InvalidError); !ok {
				t.Fatalf("error is not an *InvalidError: %T %v", err, err)
			}
			return
		}
		checkAccepted(t, res, accepted)
	})
}

func FuzzImportXLSX(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.xlsx")
	if err := importtest.XLSXFile(path, importtest.Generated(5), importtest.DateCols...); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, zipMagic) {
			data = append(append([]byte{}, zipMagic...), data...)
		}
		res, accepted, err := validateWithin(t, data, "fuzz.xlsx")
		if err != nil {
			return
		}
		checkAccepted(t, res, accepted)
	})
}

func TestGeneratedRowsAreValid(t *testing.T) {
	var buf bytes.Buffer
	if err := importtest.WriteCSV(&buf, 3000); err != nil {
		t.Fatal(err)
	}
	res, accepted, err := validateOnly(t, buf.Bytes(), "gen.csv")
	if err != nil || res.ErrorCount != 0 || len(accepted) != 3000 || res.Rows != 3000 {
		t.Fatalf("generated rows: %v, %d rows, %d accepted, errors %v", err, res.Rows, len(accepted), res.Errors[:min(5, len(res.Errors))])
	}
	checkAccepted(t, res, accepted)
}

// validateWithin is validateOnly with a watchdog: a file that makes the importer loop fails the fuzz target (the
// fuzzer then keeps the input), instead of stalling it.
func validateWithin(t *testing.T, data []byte, name string) (res *Result, accepted []Record, err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, accepted, err = validateOnly(t, data, name)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("validating %d bytes does not end", len(data))
	}
	return res, accepted, err
}
