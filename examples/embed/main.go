// Command embed shows how a government system embeds Jenjang's domain packages, with no server and no database: it
// reads employees from a CSV export (the columns an HR office exports from SIMPEG/SIASN) and reports, for a date, who
// is eligible for rank promotion (kenaikan pangkat, PP 99/2000 jo PP 12/2002) with the promotion's TMT, and for
// everyone else why not — the failed criteria, and for those not yet eligible the date they will be.
//
// Run it from the repository root:
//
//	go run ./examples/embed -date 2026-04-01
//	go run ./examples/embed -date 2026-04-01 -lang en -file path/to/export.csv
//
// -date defaults to today (WIB) and -file to examples/embed/employees.csv, resolved against the working directory.
// The columns are named in the header row, in any order: nip, nama, golongan, tmt_golongan, pendidikan and
// jenis_jabatan are required; jenis_pegawai (PNS/PPPK; empty: PNS), jabatan, jenjang, golongan_terendah,
// tmt_jabatan, unit_kerja, angka_kredit, hukuman_disiplin (ringan/sedang/berat) with tmt_hukuman (its first day)
// and hukuman_sampai (its last day; empty: open-ended), and one predikat_YYYY column per year are optional; other
// columns are ignored. These are the server's import columns too (cmd/jenjang/internal/importer), so the same file
// can be imported there. A row that does not parse is reported with its row and column and left out; the exit
// status is then 1.
//
// It imports only the standard library and the domain packages career, evaluation and promotion.
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its arguments and outputs passed in so that a test can call it.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("embed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	date := fs.String("date", career.Today().String(), "the date eligibility is judged at, YYYY-MM-DD")
	file := fs.String("file", "examples/embed/employees.csv", "the CSV of employees, relative to the working directory")
	lang := fs.String("lang", "id", "the language of the reasons: id or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	on, err := career.ParseDate(*date)
	if err != nil {
		return fmt.Errorf("-date: %s", career.ErrorMessage(err))
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	bad, err := report(stdout, f, on, *lang)
	if err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("%d row(s) could not be read", bad)
	}
	return nil
}

// row is one employee read from the CSV, with the line it came from.
type row struct {
	line      int
	candidate promotion.Candidate
}

// rowError is a cell that does not parse.
type rowError struct {
	line   int
	column string
	msg    string
}

func (e rowError) Error() string {
	return fmt.Sprintf("row %d, column %s: %s", e.line, e.column, e.msg)
}

// report reads employees from r, assesses each for rank promotion on the date, and writes the report to w: eligible
// employees with their TMT, then those not yet eligible with the date and the reasons, then those not eligible with
// the reasons, then the rows it could not read. It returns how many rows it could not read; its error is for a file
// it cannot use at all (no header, a required column missing, an I/O failure).
func report(w io.Writer, r io.Reader, on career.Date, lang string) (int, error) {
	rows, bad, err := read(r)
	if err != nil {
		return 0, err
	}
	en := strings.HasPrefix(lang, "en")
	say := func(id, english string) string {
		if en {
			return english
		}
		return id
	}
	groups := map[string][]string{}
	rules := promotion.NationalRules()
	for _, x := range rows {
		c := x.candidate
		d, err := promotion.Assess(c, on, rules)
		if err != nil {
			bad = append(bad, rowError{x.line, career.ErrorField(err), career.ErrorMessage(err)})
			continue
		}
		head := fmt.Sprintf("  %s  %-20s %s", c.Employee.NIP.Formatted(), c.Employee.Name, grades(c.Employee, d))
		var lines []string
		switch d.Outcome {
		case career.Eligible:
			lines = append(lines, head+"  TMT "+d.Details["tmt"])
		case career.NotYet:
			lines = append(lines, head+"  "+say("memenuhi syarat mulai", "eligible from")+" "+d.NotBefore.String()+", TMT "+d.Details["tmt"])
		default:
			lines = append(lines, head)
		}
		if d.Outcome != career.Eligible {
			failed := career.Decision{Criteria: d.Failed()}
			for _, l := range failed.Explain(lang) {
				lines = append(lines, "      "+l)
			}
		}
		groups[d.Outcome] = append(groups[d.Outcome], lines...)
	}
	fmt.Fprintf(w, "%s %s: %d %s\n", say("Kenaikan pangkat per", "Rank promotion on"), on, len(rows), say("pegawai", "employees"))
	for _, g := range []struct{ outcome, id, en string }{
		{career.Eligible, "Memenuhi syarat", "Eligible"},
		{career.NotYet, "Belum memenuhi syarat", "Not yet eligible"},
		{career.NotEligible, "Tidak memenuhi syarat", "Not eligible"},
	} {
		fmt.Fprintf(w, "\n%s:\n", say(g.id, g.en))
		if len(groups[g.outcome]) == 0 {
			fmt.Fprintln(w, "  -")
		}
		for _, l := range groups[g.outcome] {
			fmt.Fprintln(w, l)
		}
	}
	if len(bad) > 0 {
		fmt.Fprintf(w, "\n%s:\n", say("Baris yang tidak terbaca", "Rows not read"))
		for _, e := range bad {
			fmt.Fprintln(w, "  "+e.Error())
		}
	}
	return len(bad), nil
}

// grades prints "III/c → III/d", or the PPPK grade alone.
func grades(e career.Employee, d career.Decision) string {
	if e.Type == career.PPPK {
		return "PPPK " + e.PPPKGrade.String()
	}
	if to := d.Details["to_grade"]; to != "" {
		return e.Grade.String() + " → " + to
	}
	return e.Grade.String()
}

var required = []string{"nip", "nama", "golongan", "tmt_golongan", "pendidikan", "jenis_jabatan"}

// read parses the CSV: a header row naming the columns, then one employee a row. Rows that do not parse become
// rowErrors; the rest become candidates.
func read(r io.Reader) ([]row, []rowError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked per row below, to report the row rather than stop
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, errors.New("the file is empty: a header row is required")
	}
	if err != nil {
		return nil, nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range required {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("the header has no %q column (required: %s)", c, strings.Join(required, ", "))
		}
	}
	var rows []row
	var bad []rowError
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			bad = append(bad, rowError{perr.StartLine, "-", perr.Err.Error()})
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			bad = append(bad, rowError{line, "-", fmt.Sprintf("%d fields, the header has %d", len(rec), len(header))})
			continue
		}
		c, rerr := parseRow(rec, col, line)
		if rerr != nil {
			bad = append(bad, *rerr)
			continue
		}
		rows = append(rows, row{line, c})
	}
	return rows, bad, nil
}

// parseRow turns one record into a candidate; the first cell that does not parse is the error.
func parseRow(rec []string, col map[string]int, line int) (promotion.Candidate, *rowError) {
	get := func(name string) string {
		if i, ok := col[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var fail *rowError
	check := func(name string, err error) bool {
		if err != nil && fail == nil {
			fail = &rowError{line, name, career.ErrorMessage(err)}
		}
		return err == nil
	}
	var e career.Employee
	var err error
	e.NIP, err = career.ParseNIP(get("nip"))
	check("nip", err)
	e.Name = get("nama")
	if e.Name == "" {
		check("nama", career.Errorf(career.Invalid, "nama", "the name is required"))
	}
	e.Type, err = career.ParseEmploymentType(get("jenis_pegawai"))
	check("jenis_pegawai", err)
	if e.Type == career.PPPK {
		e.PPPKGrade, err = career.ParsePPPKGrade(get("golongan"))
	} else {
		e.Grade, err = career.ParseGrade(get("golongan"))
	}
	check("golongan", err)
	e.GradeTMT, err = career.ParseDate(get("tmt_golongan"))
	check("tmt_golongan", err)
	e.Education, err = career.ParseEducation(get("pendidikan"))
	check("pendidikan", err)
	e.Position.Kind, err = career.ParsePositionKind(get("jenis_jabatan"))
	check("jenis_jabatan", err)
	e.Position.Title = get("jabatan")
	if s := get("jenjang"); s != "" {
		e.Position.Level, err = career.ParseLevel(s)
		check("jenjang", err)
	}
	if s := get("golongan_terendah"); s != "" {
		e.Position.LowestGrade, err = career.ParseGrade(s)
		check("golongan_terendah", err)
	}
	if s := get("tmt_jabatan"); s != "" {
		e.PositionTMT, err = career.ParseDate(s)
		check("tmt_jabatan", err)
	} else {
		e.PositionTMT = e.GradeTMT
	}
	e.Unit = get("unit_kerja")
	if s := get("angka_kredit"); s != "" {
		e.CreditPoints, err = strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		if err != nil || e.CreditPoints < 0 {
			check("angka_kredit", career.Errorf(career.Invalid, "angka_kredit", "%q is not a non-negative number", s))
		}
	}
	if s := get("hukuman_disiplin"); s != "" {
		var sanction career.Sanction
		sanction.Level, err = career.ParseSanctionLevel(s)
		check("hukuman_disiplin", err)
		if f := get("tmt_hukuman"); f != "" {
			sanction.From, err = career.ParseDate(f)
			check("tmt_hukuman", err)
		}
		if u := get("hukuman_sampai"); u != "" {
			sanction.Until, err = career.ParseDate(u)
			check("hukuman_sampai", err)
		}
		e.Sanctions = []career.Sanction{sanction}
	}
	preds := map[int]evaluation.Predicate{}
	for name, i := range col {
		y, ok := strings.CutPrefix(name, "predikat_")
		if !ok {
			continue
		}
		year, yerr := strconv.Atoi(y)
		if yerr != nil || strings.TrimSpace(rec[i]) == "" {
			continue
		}
		p, err := evaluation.ParsePredicate(rec[i])
		if check(name, err) {
			preds[year] = p
		}
	}
	if fail == nil {
		// The record as a whole: a title, a functional level where one is needed, a grade TMT not before the
		// appointment the NIP encodes.
		if err := e.Validate(career.Date{}); err != nil {
			fail = &rowError{line, career.ErrorField(err), career.ErrorMessage(err)}
		}
	}
	if fail != nil {
		return promotion.Candidate{}, fail
	}
	return promotion.Candidate{Employee: e, Predicates: preds}, nil
}
