// Package importtest generates realistic import files for the importer's tests and benchmarks: valid, distinct
// NIPs, grades, positions, dates and superiors as an HR office's SIMPEG export would have them, in CSV or XLSX.
package importtest

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// Header is the header of generated files, in canonical column names.
var Header = []string{
	"nip", "nama", "jenis_pegawai", "golongan", "tmt_golongan", "jabatan", "jenis_jabatan", "jenjang", "bidang",
	"layanan_publik", "tmt_jabatan", "pendidikan", "unit_kerja", "instansi", "nip_atasan", "tmt_cpns",
	"angka_kredit", "predikat_2023", "predikat_2024", "potensi",
}

var (
	firstNames = []string{"Siti", "Ahmad", "Dewi", "Budi", "Rina", "Agus", "Sri", "Eko", "Nur", "Putu", "Made", "Yohanes", "Fitri", "Hendra", "Wayan", "Maria"}
	lastNames  = []string{"Rahmawati", "Santoso", "Lestari", "Saputra", "Wulandari", "Hidayat", "Pratama", "Kusuma", "Siregar", "Nasution", "Sitompul", "Manurung", "Wijaya", "Halim"}
	units      = []string{"Dinas Kesehatan", "Dinas Pendidikan", "Badan Keuangan Daerah", "Dinas Pekerjaan Umum", "Sekretariat Daerah", "BKPSDM", "Dinas Sosial", "RSUD Bob Bazar", "Bappeda", "Inspektorat"}
	fields     = []string{"kesehatan", "pendidikan", "keuangan", "teknik", "administrasi", "perencanaan", "pengawasan"}
	predicates = []string{"Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"}
	functional = []struct{ title, level, grade, education string }{
		{"Perawat Terampil", "terampil", "II/c", "D-III"},
		{"Analis Kebijakan Ahli Pertama", "ahli_pertama", "III/a", "S1"},
		{"Analis Kebijakan Ahli Muda", "ahli_muda", "III/c", "S1"},
		{"Dokter Ahli Madya", "ahli_madya", "IV/a", "dokter"},
		{"Guru Ahli Muda", "ahli_muda", "III/d", "S1"},
		{"Pranata Komputer Mahir", "mahir", "III/a", "D-III"},
	}
)

// Row returns the cells of the i-th generated employee (0-based), in Header order. Every tenth employee heads a
// group and has no superior; the others report to their group's head, whose row comes earlier. One in ten is a
// PPPK. NIPs are distinct, and rows valid, for i below 120,000.
func Row(i int) []string {
	// NIP: birth date + TMT CPNS + gender + sequence. (birth month, sequence) is distinct per i: the birth days of
	// successive blocks of 999 are 83 days apart, so no two fall in one 30-day month.
	birthDay := 83 * (i / 999) // days after 1966-01-01
	by, bm, bd := civil(birthDay)
	by += 1966
	ty, tm := by+22+i%6, 1+i%12
	nip := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ty, tm, 1+i%2, 1+i%999)
	sup := ""
	if i%10 != 0 {
		sup = Row(i - i%10)[0]
	}
	gradeYear := min(ty+4*(i%4), 2024)
	typ, grade := "PNS", ""
	title, kind, level, edu, ak := "", "", "", "", ""
	switch {
	case i%10 == 0 && i%100 == 0:
		title, kind, grade, edu = "Kepala Bagian "+units[i%len(units)], "administrator", "IV/a", "S2"
	case i%10 == 0:
		title, kind, grade, edu = "Kepala Seksi "+fields[i%len(fields)], "pengawas", "III/d", "S1"
	case i%3 == 0:
		f := functional[i%len(functional)]
		title, kind, level, grade, edu = f.title, "fungsional", f.level, f.grade, f.education
		ak = strconv.FormatFloat(float64(50+i%200)+0.5, 'f', 1, 64)
	default:
		title, kind, grade, edu = "Pengadministrasi Umum", "pelaksana", []string{"II/a", "II/b", "III/a", "III/b"}[i%4], []string{"SLTA", "D-III", "S1", "SLTA"}[i%4]
	}
	if i%10 == 7 {
		typ, grade = "PPPK", []string{"V", "VII", "IX", "X"}[i%4]
	}
	service := "tidak"
	if i%4 == 1 {
		service = "ya"
	}
	return []string{
		nip,
		firstNames[i%len(firstNames)] + " " + lastNames[(i/7)%len(lastNames)],
		typ, grade,
		fmt.Sprintf("%04d-%02d-01", gradeYear, tm),
		title, kind, level,
		fields[i%len(fields)], service,
		fmt.Sprintf("01-%02d-%04d", 1+i%12, min(ty+2+i%5, 2024)), // DD-MM-YYYY, as exports often have it
		edu,
		units[(i/10)%len(units)], "Pemerintah Kabupaten Kalianda",
		sup,
		fmt.Sprintf("%04d-%02d-01", ty, tm),
		ak,
		predicates[i%len(predicates)], predicates[(i/3)%len(predicates)],
		strconv.Itoa(40 + i%56),
	}
}

// civil splits a day offset into a year offset, month and day, with 360-day years of 30-day months (always a
// valid date, as months are capped at 28 days where needed).
func civil(days int) (y, m, d int) {
	y = days / 360
	m = days%360/30 + 1
	d = min(days%30+1, 28)
	return y, m, d
}

// WriteCSV writes a header and n generated rows as CSV.
func WriteCSV(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(Row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVFile writes a CSV of n generated rows to path.
func CSVFile(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteCSV(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// XLSXFile writes the rows to path as the first sheet of a workbook, with excelize's StreamWriter (so generating a
// large file stays small in memory). Cells are text, except cells of the columns dateCols (0-based) that read as
// YYYY-MM-DD, which are written as date cells, to test what a real spreadsheet holds.
func XLSXFile(path string, rows func(yield func([]string) bool), dateCols ...int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	r := 1
	var werr error
	rows(func(row []string) bool {
		vals := make([]any, len(row))
		for i, c := range row {
			vals[i] = c
			if slices.Contains(dateCols, i) {
				if t, err := time.Parse(time.DateOnly, c); err == nil {
					vals[i] = excelize.Cell{StyleID: dateStyle, Value: t}
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if werr = sw.SetRow(cell, vals); werr != nil {
			return false
		}
		r++
		return true
	})
	if werr != nil {
		return werr
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// Generated yields Header and n generated rows, for XLSXFile.
func Generated(n int) func(yield func([]string) bool) {
	return func(yield func([]string) bool) {
		if !yield(Header) {
			return
		}
		for i := range n {
			if !yield(Row(i)) {
				return
			}
		}
	}
}

// Date columns of Header, for XLSXFile: tmt_golongan and tmt_cpns (tmt_jabatan is DD-MM-YYYY text).
var DateCols = []int{4, 15}
