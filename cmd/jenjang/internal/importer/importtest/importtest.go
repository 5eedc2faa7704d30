// Package importtest generates realistic import files for the importer's tests and benchmarks: valid, distinct
// NIPs, grades, positions, dates and superiors as an HR office's SIMPEG export would have them, in CSV or XLSX.
package importtest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
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
func WriteCSV(w io.Writer, n int) error { return WriteCSVColumns(w, n, Header) }

// EmployeeColumns are the columns of Header that go to the employees table: all but the predicates, which go to a
// table of their own. Benchmarks that compare an import with a bare insert into the employees table use them.
var EmployeeColumns = slices.DeleteFunc(slices.Clone(Header), func(c string) bool { return strings.HasPrefix(c, "predikat_") })

// WriteCSVColumns writes n generated rows as CSV with only the given columns of Header, in that order.
func WriteCSVColumns(w io.Writer, n int, columns []string) error {
	idx := make([]int, len(columns))
	for i, c := range columns {
		if idx[i] = slices.Index(Header, c); idx[i] < 0 {
			return fmt.Errorf("importtest: unknown column %q", c)
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	out := make([]string, len(columns))
	for i := range n {
		row := Row(i)
		for j, k := range idx {
			out[j] = row[k]
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVFile writes a CSV of n generated rows to path, with the given columns of Header (all of them if none).
func CSVFile(path string, n int, columns ...string) error {
	if len(columns) == 0 {
		columns = Header
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteCSVColumns(f, n, columns); err != nil {
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

// Employees returns the employees rows of the first n generated employees in region, as the importer would write
// them: the baseline of the import benchmarks, which insert the same rows with bare bulk writes.
func Employees(region string, n int) ([]store.Employee, error) {
	out := make([]store.Employee, n)
	for i := range n {
		e, potential, err := employee(Row(i))
		if err != nil {
			return nil, fmt.Errorf("importtest: row %d: %w", i, err)
		}
		out[i] = store.EmployeeFrom(region, e)
		out[i].PotentialScore = &potential
	}
	return out, nil
}

// employee parses generated cells (in Header order) with the career parsers.
func employee(c []string) (e career.Employee, potential float64, err error) {
	var errs [12]error
	e = career.Employee{Name: c[1], Unit: c[12], Agency: c[13]}
	e.NIP, errs[0] = career.ParseNIPAt(c[0], career.Date{})
	e.Type, errs[1] = career.ParseEmploymentType(c[2])
	if e.Type == career.PPPK {
		e.PPPKGrade, errs[2] = career.ParsePPPKGrade(c[3])
	} else {
		e.Grade, errs[2] = career.ParseGrade(c[3])
	}
	e.GradeTMT, errs[3] = career.ParseDate(c[4])
	e.Position = career.Position{Title: c[5], Field: c[8], Service: c[9] == "ya"}
	e.Position.Kind, errs[4] = career.ParsePositionKind(c[6])
	if c[7] != "" {
		e.Position.Level, errs[5] = career.ParseLevel(c[7])
	}
	tmt, err := time.Parse("02-01-2006", c[10])
	e.PositionTMT, errs[6] = career.DateOf(tmt), err
	e.Education, errs[7] = career.ParseEducation(c[11])
	if c[14] != "" {
		e.Supervisor, errs[8] = career.ParseNIPAt(c[14], career.Date{})
	}
	e.Appointed, errs[9] = career.ParseDate(c[15])
	if c[16] != "" {
		e.CreditPoints, errs[10] = strconv.ParseFloat(c[16], 64)
	}
	potential, errs[11] = strconv.ParseFloat(c[19], 64)
	return e, potential, errors.Join(errs[:]...)
}
