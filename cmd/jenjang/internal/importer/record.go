package importer

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// Record is one valid row of an import file: the employee and the optional talent facts that came with it.
type Record struct {
	Row        int // the row number in the file
	Employee   career.Employee
	Predicates []YearPredicate // from the predikat_<year> columns, oldest year first; empty cells are left out
	Potential  float64         // the potensi column, 0–100
	// HasPotential reports whether the potensi cell was filled.
	HasPotential bool
	// Sanction is the employee's current disciplinary sanction from the hukuman_disiplin, tmt_hukuman and
	// hukuman_sampai columns; Level 0 when the row has none. (Employee.Sanctions stays empty.)
	Sanction career.Sanction
}

// YearPredicate is the annual performance predicate (predikat kinerja) of one year.
type YearPredicate struct {
	Year      int
	Predicate evaluation.Predicate
}

// RowError is one thing wrong with an import file: the row as the file numbers it (the header is usually row 1;
// 0 for the file as a whole), the column by its canonical name ("" when the whole row is at fault) and a message
// safe to show, in English (Message) and Indonesian (ID). The importer fills both; whoever shows the error picks
// the language with In (the HTTP server by the request's Accept-Language, the CLI prints English).
type RowError struct {
	Row     int    `json:"row" example:"7" doc:"Row number as in the file (the header is usually row 1); 0 for the whole file"`
	Column  string `json:"column,omitempty" example:"golongan" doc:"Canonical column name; absent when the whole row is at fault"`
	Message string `json:"message" example:"\"III/f\" bukan golongan ruang yang sah, misalnya III/a: golongan III memiliki ruang a sampai dengan d" doc:"What is wrong, in the language of the request (Indonesian unless Accept-Language prefers English)"`
	// ID is Message in Bahasa Indonesia; "" when there is no Indonesian text.
	ID string `json:"-"`
}

// In returns e with Message in the language of a tag: Indonesian unless the tag starts with "en" (English), and
// English when e has no Indonesian text. The copy has no ID, so that it is shown as it is.
func (e RowError) In(lang string) RowError {
	e.Message = (&career.Error{Message: e.Message, ID: e.ID}).In(lang)
	e.ID = ""
	return e
}

// rowErr is the RowError of err at row and column c: a career error's messages in both languages. Any other error
// is the importer's own, written for the user in English.
func rowErr(row int, c string, err error) RowError {
	var ce *career.Error
	if errors.As(err, &ce) && ce.Code != career.Internal {
		return RowError{Row: row, Column: c, Message: ce.Message, ID: ce.ID}
	}
	return RowError{Row: row, Column: c, Message: err.Error()}
}

func (e RowError) String() string {
	switch {
	case e.Row == 0:
		return e.Message
	case e.Column == "":
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d, %s: %s", e.Row, e.Column, e.Message)
}

// maxCellBytes bounds a cell. No field of an employee is near it; a longer cell is a broken file, and refusing it
// keeps one row from holding megabytes.
const maxCellBytes = 1000

// layout is where each column sits in the rows of one file.
type layout struct {
	idx        map[Column]int // column → cell index
	predicates []predicateCol // oldest year first
	used       []usedCell     // every cell index the importer reads, with its column name
}

type usedCell struct {
	idx    int
	column string
}

type predicateCol struct {
	year int
	idx  int
}

// memo caches the parse of a small-vocabulary column (golongan, pendidikan, jenis_jabatan, …): an export repeats a
// few dozen values a hundred thousand times, and the career parsers allocate. Entries are bounded, so a file of
// distinct garbage cannot grow it.
type memo[T any] struct {
	m     map[string]memoEntry[T]
	parse func(string) (T, error)
}

type memoEntry[T any] struct {
	v   T
	err error
}

const memoMax = 512

func newMemo[T any](parse func(string) (T, error)) *memo[T] {
	return &memo[T]{m: make(map[string]memoEntry[T]), parse: parse}
}

func (c *memo[T]) get(s string) (T, error) {
	if e, ok := c.m[s]; ok {
		return e.v, e.err
	}
	v, err := c.parse(s)
	if len(c.m) < memoMax {
		c.m[strings.Clone(s)] = memoEntry[T]{v, err} // s may point into a reused read buffer
	}
	return v, err
}

// parser turns the cells of a row into a Record, collecting every error of the row.
type parser struct {
	lay      layout
	today    career.Date
	date1904 bool

	types      *memo[career.EmploymentType]
	grades     *memo[career.Grade]
	pppkGrades *memo[career.PPPKGrade]
	kinds      *memo[career.PositionKind]
	levels     *memo[career.Level]
	educations *memo[career.Education]
	predicates *memo[evaluation.Predicate]
}

func newParser(lay layout, today career.Date, date1904 bool) *parser {
	return &parser{
		lay: lay, today: today, date1904: date1904,
		types:      newMemo(career.ParseEmploymentType),
		grades:     newMemo(career.ParseGrade),
		pppkGrades: newMemo(career.ParsePPPKGrade),
		kinds:      newMemo(career.ParsePositionKind),
		levels:     newMemo(career.ParseLevel),
		educations: newMemo(career.ParseEducation),
		predicates: newMemo(evaluation.ParsePredicate),
	}
}

// cell returns the trimmed cell of column c, "" when the file has no such column or the row is short.
func (p *parser) cell(cells []string, c Column) string {
	i, ok := p.lay.idx[c]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// blank reports whether every cell of a row is empty: such rows (spacers, the tail of a sheet) are skipped.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parse reads one data row into rec (reusing its Predicates slice) and appends what is wrong with it to errs. The
// row is valid when nothing was appended. rec holds no reference to cells afterwards, so the read buffer can be
// reused.
func (p *parser) parse(row int, cells []string, rec *Record, errs []RowError) []RowError {
	n0 := len(errs)
	bad := func(c Column, id, en string, args ...any) { // id (Indonesian) and en (English) formats of the same args
		errs = append(errs, rowErr(row, string(c), career.Newf(career.Invalid, "", id, en, args...)))
	}
	badErr := func(c Column, err error) {
		errs = append(errs, rowErr(row, string(c), err))
	}

	// Text checks first: a cell that is not UTF-8, holds a NUL or is absurdly long cannot be stored as given.
	for _, u := range p.lay.used {
		if u.idx >= len(cells) {
			continue
		}
		switch c := cells[u.idx]; {
		case len(c) > maxCellBytes:
			errs = append(errs, RowError{Row: row, Column: u.column, Message: fmt.Sprintf("the cell is longer than %d bytes", maxCellBytes),
				ID: fmt.Sprintf("isi sel melebihi %d byte", maxCellBytes)})
		case !utf8.ValidString(c) || strings.IndexByte(c, 0) >= 0:
			errs = append(errs, RowError{Row: row, Column: u.column, Message: "the cell is not UTF-8 text; save the file as CSV UTF-8 or XLSX",
				ID: "isi sel bukan teks UTF-8; simpan berkas sebagai CSV UTF-8 atau XLSX"})
		}
	}
	if len(errs) > n0 {
		return errs
	}

	preds := rec.Predicates[:0]
	*rec = Record{Row: row, Predicates: preds}
	e := &rec.Employee

	if s := p.cell(cells, ColNIP); s == "" {
		bad(ColNIP, "NIP wajib diisi", "the NIP is required")
	} else if scientific(s) {
		bad(ColNIP, "%q adalah angka dalam notasi ilmiah: lembar kerja telah membulatkan NIP; ubah format kolom menjadi teks lalu ketik ulang NIP",
			"%q is a number in scientific notation: the spreadsheet rounded the NIP; format the column as text and type it again", s)
	} else if n, err := career.ParseNIPAt(s, p.today); err != nil {
		badErr(ColNIP, err)
	} else {
		e.NIP = n
	}

	e.Name = p.cell(cells, ColName)
	if e.Name == "" {
		bad(ColName, "nama wajib diisi", "the name is required")
	}

	typ, err := p.types.get(p.cell(cells, ColType))
	if err != nil {
		badErr(ColType, err)
	}
	e.Type = typ

	switch g := p.cell(cells, ColGrade); {
	case g == "":
		bad(ColGrade, "golongan wajib diisi", "the grade (golongan) is required")
	case typ == career.PPPK:
		if e.PPPKGrade, err = p.pppkGrades.get(g); err != nil {
			badErr(ColGrade, err)
		}
	case typ == career.PNS:
		if e.Grade, err = p.grades.get(g); err != nil {
			if _, perr := p.pppkGrades.get(g); perr == nil {
				bad(ColGrade, "%q adalah golongan PPPK; golongan PNS berbentuk seperti III/a (isi jenis_pegawai dengan PPPK untuk pegawai PPPK)",
					"%q is a PPPK grade; a PNS grade looks like III/a (set jenis_pegawai to PPPK for a PPPK)", g)
			} else {
				badErr(ColGrade, err)
			}
		}
	}

	e.GradeTMT = p.date(cells, ColGradeTMT, true, &errs, row)
	e.Position.Title = p.cell(cells, ColTitle)
	if e.Position.Title == "" {
		bad(ColTitle, "nama jabatan wajib diisi", "the position title (jabatan) is required")
	}
	if s := p.cell(cells, ColKind); s == "" {
		bad(ColKind, "jenis jabatan (jenis_jabatan) wajib diisi", "the position kind (jenis_jabatan) is required")
	} else if e.Position.Kind, err = p.kinds.get(s); err != nil {
		badErr(ColKind, err)
	}
	if s := p.cell(cells, ColLevel); s != "" && s != "-" {
		if e.Position.Level, err = p.levels.get(s); err != nil {
			badErr(ColLevel, err)
		}
	}
	switch {
	case e.Position.Kind == career.Fungsional && e.Position.Level == 0 && !p.has(errs[n0:], ColLevel):
		bad(ColLevel, "jabatan fungsional wajib mencantumkan jenjangnya, misalnya ahli_muda",
			"a functional position needs its level (jenjang), e.g. ahli_muda")
	case e.Position.Kind != 0 && e.Position.Kind != career.Fungsional && e.Position.Level != 0:
		bad(ColLevel, "hanya jabatan fungsional yang memiliki jenjang; kosongkan untuk jabatan %s",
			"only a functional position has a level (jenjang); leave it empty for %s", e.Position.Kind)
	}
	e.Position.Field = p.cell(cells, ColField)
	if e.Position.Service, err = parseBool(p.cell(cells, ColService)); err != nil {
		badErr(ColService, err)
	}
	if s := p.cell(cells, ColLowestGrade); s != "" && s != "-" {
		if e.Position.LowestGrade, err = p.grades.get(s); err != nil {
			if _, perr := p.pppkGrades.get(s); perr == nil {
				bad(ColLowestGrade, "%q adalah golongan PPPK; golongan terendah jabatan adalah golongan ruang PNS, misalnya III/c",
					"%q is a PPPK grade; the lowest grade of a position is a PNS grade such as III/c", s)
			} else {
				badErr(ColLowestGrade, err)
			}
		}
	}
	e.PositionTMT = p.date(cells, ColPositionTMT, true, &errs, row)

	if s := p.cell(cells, ColEducation); s == "" {
		bad(ColEducation, "pendidikan wajib diisi", "the education (pendidikan) is required")
	} else if e.Education, err = p.educations.get(s); err != nil {
		badErr(ColEducation, err)
	}
	e.Unit = p.cell(cells, ColUnit)
	e.Agency = p.cell(cells, ColAgency)

	if s := p.cell(cells, ColSupervisor); s != "" && s != "-" {
		if n, err := career.ParseNIPAt(s, p.today); err != nil {
			badErr(ColSupervisor, err)
		} else if n == e.NIP {
			bad(ColSupervisor, "pegawai tidak dapat menjadi atasannya sendiri", "an employee cannot be their own superior")
		} else {
			e.Supervisor = n
		}
	}
	e.Appointed = p.date(cells, ColAppointed, false, &errs, row)
	if !e.Appointed.IsZero() {
		if !e.NIP.IsZero() && e.Appointed.Before(e.NIP.BirthDate().AddYears(18)) {
			bad(ColAppointed, "TMT CPNS %s mendahului tanggal pegawai berusia 18 tahun menurut tanggal lahir pada NIP",
				"the TMT CPNS %s is before the 18th birthday the NIP encodes", e.Appointed)
		} else if !p.today.IsZero() && e.Appointed.After(p.today) {
			bad(ColAppointed, "TMT CPNS %s belum tiba", "the TMT CPNS %s is in the future", e.Appointed)
		}
	}
	if s := p.cell(cells, ColCreditPoints); s != "" && s != "-" {
		if e.CreditPoints, err = parseNumber(s); err != nil {
			badErr(ColCreditPoints, err)
		}
	}
	if s := p.cell(cells, ColPotential); s != "" && s != "-" {
		v, err := parseNumber(s)
		switch {
		case err != nil:
			badErr(ColPotential, err)
		case v > 100:
			bad(ColPotential, "nilai potensi %s melebihi 100", "the potential score %s is above 100", s)
		default:
			rec.Potential, rec.HasPotential = v, true
		}
	}
	rec.Sanction = p.sanction(row, cells, &errs, n0)
	for _, pc := range p.lay.predicates {
		if pc.idx >= len(cells) {
			continue
		}
		s := strings.TrimSpace(cells[pc.idx])
		if s == "" || s == "-" {
			continue
		}
		if pr, err := p.predicates.get(s); err != nil {
			badErr(predicateColumn(pc.year), err)
		} else if !p.today.IsZero() && pc.year > p.today.Year() {
			bad(predicateColumn(pc.year), "tahun %d belum dimulai", "the year %d has not begun", pc.year)
		} else {
			rec.Predicates = append(rec.Predicates, YearPredicate{Year: pc.year, Predicate: pr})
		}
	}

	if len(errs) > n0 {
		return errs
	}
	// The cells are sound one by one; now the record as a whole, by the domain's own rules (dates in order and not
	// in the future, a grade for the employment type, the position complete).
	if err := e.Validate(p.today); err != nil {
		badErr(validateColumn(career.ErrorField(err)), err)
	}
	return errs
}

// sanction reads the row's disciplinary sanction: a level (ringan, sedang, berat) with its first day and, if it
// ends, its last day (not before the first). Dates without a level are an error of hukuman_disiplin, a level
// without its first day one of tmt_hukuman, also when the file lacks the column. (*errs)[n0:] are the errors of the
// row so far.
func (p *parser) sanction(row int, cells []string, errs *[]RowError, n0 int) career.Sanction {
	bad := func(c Column, id, en string, args ...any) {
		*errs = append(*errs, rowErr(row, string(c), career.Newf(career.Invalid, "", id, en, args...)))
	}
	filled := func(c Column) bool { s := p.cell(cells, c); return s != "" && s != "-" }
	from := p.date(cells, ColSanctionFrom, false, errs, row)
	until := p.date(cells, ColSanctionUntil, false, errs, row)
	if !from.IsZero() && !until.IsZero() && until.Before(from) {
		bad(ColSanctionUntil, "hari terakhir hukuman disiplin %s mendahului hari pertamanya %s (tmt_hukuman)",
			"the last day of the sanction %s is before its first day %s (tmt_hukuman)", until, from)
	}
	if !filled(ColSanction) {
		if filled(ColSanctionFrom) || filled(ColSanctionUntil) {
			if _, ok := p.lay.idx[ColSanction]; !ok {
				bad(ColSanction, "berkas tidak memiliki kolom hukuman_disiplin: tmt_hukuman dan hukuman_sampai memerlukan tingkat hukumannya (ringan, sedang, berat)",
					"the file has no hukuman_disiplin column: tmt_hukuman and hukuman_sampai need the sanction's level (ringan, sedang, berat)")
			} else {
				bad(ColSanction, "tingkat hukuman disiplin (ringan, sedang, berat) wajib diisi bila tmt_hukuman atau hukuman_sampai diisi",
					"the sanction level (ringan, sedang, berat) is required when tmt_hukuman or hukuman_sampai is filled")
			}
		}
		return career.Sanction{}
	}
	level, err := career.ParseSanctionLevel(p.cell(cells, ColSanction))
	if err != nil {
		*errs = append(*errs, rowErr(row, string(ColSanction), err))
	}
	if from.IsZero() && !p.has((*errs)[n0:], ColSanctionFrom) {
		if _, ok := p.lay.idx[ColSanctionFrom]; !ok {
			bad(ColSanctionFrom, "berkas tidak memiliki kolom tmt_hukuman: hukuman disiplin memerlukan hari pertamanya",
				"the file has no tmt_hukuman column: a sanction needs its first day")
		} else {
			bad(ColSanctionFrom, "hari pertama hukuman disiplin (tmt_hukuman) wajib diisi bila hukuman_disiplin diisi",
				"the first day of the sanction (tmt_hukuman) is required when hukuman_disiplin is filled")
		}
	}
	return career.Sanction{Level: level, From: from, Until: until}
}

// date reads a date column; a required one must be filled.
func (p *parser) date(cells []string, c Column, required bool, errs *[]RowError, row int) career.Date {
	s := p.cell(cells, c)
	if s == "" || (!required && s == "-") {
		if required {
			*errs = append(*errs, RowError{Row: row, Column: string(c), Message: "the date is required", ID: "tanggal wajib diisi"})
		}
		return career.Date{}
	}
	d, err := parseDate(s, p.date1904)
	if err != nil {
		*errs = append(*errs, rowErr(row, string(c), err))
	}
	return d
}

func (p *parser) has(errs []RowError, c Column) bool {
	for _, e := range errs {
		if e.Column == string(c) {
			return true
		}
	}
	return false
}

// validateColumn maps a field of career.Employee.Validate to the column that holds it.
func validateColumn(field string) Column {
	switch field {
	case "nip":
		return ColNIP
	case "name":
		return ColName
	case "type":
		return ColType
	case "grade":
		return ColGrade
	case "grade_tmt":
		return ColGradeTMT
	case "education":
		return ColEducation
	case "position_tmt":
		return ColPositionTMT
	case "position.title":
		return ColTitle
	case "position.kind":
		return ColKind
	case "position.level":
		return ColLevel
	}
	return ""
}

// scientific reports whether s is a number in scientific notation, "1.98609262015051E+17": what a spreadsheet
// shows of a NIP typed into a number cell, whose last digits are lost for good.
func scientific(s string) bool {
	mant, exp, ok := strings.Cut(strings.ToUpper(s), "E")
	if !ok || mant == "" || exp == "" {
		return false
	}
	exp = strings.TrimPrefix(exp, "+")
	return strings.Trim(mant, "0123456789.,") == "" && exp != "" && strings.Trim(exp, "0123456789") == ""
}
