package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync/atomic"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// Existing says what an import does with a NIP that is already an employee of the region.
type Existing int

// What to do with existing employees.
const (
	// Update (the default) overwrites the employee with the file's row, as a monthly re-export from SIMPEG expects:
	// the previous grade and position go to the employee's history when they changed, a soft-deleted employee is
	// restored, and an employee whose row is unchanged keeps its version (ETag).
	Update Existing = iota
	// Reject makes an existing NIP an error of its row, for an office that only adds new staff by import.
	Reject
)

// ParseExisting parses "update" or "reject"; "" is Update.
func ParseExisting(s string) (Existing, error) {
	switch s {
	case "", "update", "upsert":
		return Update, nil
	case "reject", "conflict":
		return Reject, nil
	}
	return 0, career.Newf(career.Invalid, "existing", "%q bukan update maupun reject",
		"%q is neither update nor reject", s)
}

func (e Existing) String() string {
	if e == Reject {
		return "reject"
	}
	return "update"
}

// DefaultMaxErrors bounds the errors a Result lists when Options.MaxErrors is zero. A file of garbage would
// otherwise answer with millions of entries; ErrorCount still counts them all.
const DefaultMaxErrors = 10000

// Options are the settings of one import.
type Options struct {
	Region string // the region the employees belong to; required
	Actor  string // who imports, for the audit events ("token:12", "cli"); "system" if empty
	// Record is the form of an employee in the audit event of an existing employee the import changes (the
	// employee before and after, with its sanctions): the server's answer about one employee, so that an update by
	// import reads like an update through the API. Required.
	Record func(store.Employee) any
	// SkipInvalid writes the valid rows and reports the invalid ones. Without it (all-or-nothing, the default) one
	// invalid row means nothing is written.
	SkipInvalid bool
	Existing    Existing    // what to do with NIPs already in the region
	Today       career.Date // the date rows are judged at (dates in the future are errors); zero means today (WIB)
	// MaxErrors bounds Result.Errors; 0 means DefaultMaxErrors, negative means no bound.
	MaxErrors int
	// Progress, if set, is called every ProgressEvery rows of each pass and at the end of each pass.
	Progress      func(Progress)
	ProgressEvery int // 0 means 10,000
}

// Phase is a pass of the import.
type Phase string

// The two passes: validate every row (nothing written), then write the valid ones in one transaction.
const (
	Validating Phase = "validating"
	Writing    Phase = "writing"
)

// Progress reports how far an import got.
type Progress struct {
	Phase Phase
	Rows  int   // rows done in this phase
	Total int   // rows this phase will do, when known (writing); 0 otherwise
	Bytes int64 // bytes of the file read so far (CSV; 0 for XLSX, whose bytes are compressed)
	Size  int64 // size of the file
	Done  bool  // the phase is over
}

// Result is the outcome of an import, also when it failed validation.
type Result struct {
	File       string     `json:"file,omitempty" doc:"Name of the imported file"`
	SHA256     string     `json:"sha256,omitempty" doc:"SHA-256 of the file's bytes (hex), also in the import's audit event: which file it was"`
	Format     string     `json:"format" enum:"csv,xlsx,unknown"`
	Mode       string     `json:"mode" enum:"all_or_nothing,skip_invalid" doc:"all_or_nothing: one invalid row and nothing is written; skip_invalid: valid rows are written"`
	Existing   string     `json:"existing" enum:"update,reject" doc:"What was done with NIPs already in the region"`
	Rows       int        `json:"rows" doc:"Data rows read (blank rows are not counted)"`
	Imported   int        `json:"imported" doc:"New employees written"`
	Updated    int        `json:"updated" doc:"Existing employees changed by the import"`
	Unchanged  int        `json:"unchanged" doc:"Existing employees the file matched exactly"`
	Skipped    int        `json:"skipped" doc:"Invalid rows not written (skip_invalid)"`
	Predicates int        `json:"predicates" doc:"Annual predicates written from predikat_<year> columns"`
	Errors     []RowError `json:"errors" doc:"What is wrong with the file, by row and column, in row order"`
	ErrorCount int        `json:"error_count" doc:"Number of errors, including any beyond the listed ones"`
	Ignored    []string   `json:"ignored_columns,omitempty" doc:"Header cells that name no known column; their cells were not read"`
}

// InvalidError is the error of an import that wrote nothing because the file is at fault: it cannot be read, its
// header lacks a required column, or (all-or-nothing) a row is invalid. Result lists every error. Its code is
// career.Invalid.
type InvalidError struct {
	Result *Result
}

func (e *InvalidError) Error() string {
	if e.Result.ErrorCount == 1 && len(e.Result.Errors) == 1 {
		return "import: " + e.Result.Errors[0].String()
	}
	return fmt.Sprintf("import: the file has %d errors; nothing was written", e.Result.ErrorCount)
}

// Unwrap gives the error its place in the career vocabulary.
func (e *InvalidError) Unwrap() error {
	return career.Newf(career.Invalid, "", "berkas memuat %d kesalahan; tidak ada data yang disimpan",
		"the file has %d errors; nothing was written", e.Result.ErrorCount)
}

// File is a file to import, on disk: it is read twice, once to validate and once to write, so that neither pass
// holds the file in memory.
type File struct {
	Path        string
	Name        string // shown in results and the audit event; the base name of Path if empty
	ContentType string // a hint for Detect ("text/csv", XLSXContentType); may be empty
}

// batch sizes of the write pass: a COPY per batch on PostgreSQL, 1,000-row INSERTs on SQLite.
const (
	batchPostgres = 5000
	batchSQLite   = 1000
	lookupBatch   = 1000 // NIPs per region lookup
	headerScan    = 10   // rows searched for the header (exports often put a title above it)
)

// Import validates the file and writes its employees to region in one transaction, as opts say. It returns the
// result and, when nothing was written because of the file, an *InvalidError carrying the same result. Other
// errors (database, context) come as they are.
func Import(ctx context.Context, st *store.Store, f File, opts Options) (*Result, error) {
	if !auth.ValidRegionCode(opts.Region) {
		return nil, career.Newf(career.Invalid, "region", "kode wilayah %q tidak valid",
			"invalid region code %q", opts.Region)
	}
	if opts.Record == nil {
		return nil, errors.New("importer: Options.Record is required")
	}
	if _, err := st.GetRegion(ctx, opts.Region); err != nil {
		return nil, err // career.NotFound for a region the server does not serve
	}
	if f.Name == "" {
		f.Name = filepath.Base(f.Path)
	}
	if opts.Today.IsZero() {
		opts.Today = career.Today()
	}
	if opts.Actor == "" {
		opts.Actor = "system"
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 10000
	}
	res := &Result{File: f.Name, Format: FormatUnknown.String(), Mode: "all_or_nothing", Existing: opts.Existing.String(), Errors: []RowError{}}
	if opts.SkipInvalid {
		res.Mode = "skip_invalid"
	}
	v := &validator{st: st, opts: opts, res: res, maxErrors: opts.MaxErrors}
	if v.maxErrors == 0 {
		v.maxErrors = DefaultMaxErrors
	}

	format, size, err := detectFile(f)
	if err != nil {
		return v.fail(err)
	}
	res.Format = format.String()
	if res.SHA256, err = fileSHA256(f.Path); err != nil {
		return v.fail(err)
	}

	// Pass 1: validate every row; keep the NIPs (8 bytes each) and the rows that failed, nothing else.
	defer v.removeSpool()
	if err := v.run(ctx, f.Path, format, size); err != nil {
		return v.fail(err)
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Row < res.Errors[j].Row })
	if res.ErrorCount > 0 && (!opts.SkipInvalid || v.fatal) {
		return res, &InvalidError{res}
	}
	res.Skipped = len(v.bad)

	// Pass 2: read the file again and write the valid rows in one transaction.
	mode := store.ImportNew
	if opts.Existing == Update && v.existing > 0 {
		mode = store.ImportUpsert
	}
	total := res.Rows - res.Skipped
	_, lowest := v.lay.idx[ColLowestGrade]
	_, sanctions := v.lay.idx[ColSanction]
	counts, err := st.ImportEmployees(ctx, store.EmployeeImport{
		Region: opts.Region,
		Mode:   mode,
		// golongan_terendah is the truth about every employee of the file, an empty cell included; a row's sanction
		// is added to the employee's stored ones, of which an import removes none; a column the file lacks leaves
		// what is stored alone.
		LowestGrade: lowest,
		Sanctions:   sanctions,
		Audit: func(c store.ImportCounts) store.Event {
			return store.Event{
				Region: opts.Region, Actor: opts.Actor, Action: "employee.import", Target: "employees",
				After: auditJSON(res, c),
			}
		},
		Changed: func(before, after store.Employee) (store.Event, error) {
			action := "employee.update"
			if before.DeletedAt != nil {
				action = "employee.restore"
			}
			return changeEvent(opts, action, after.NIP, opts.Record(before), opts.Record(after))
		},
		Replaced: func(before, after store.Predicate) (store.Event, error) {
			return changeEvent(opts, "predicate.update", after.NIP, predicateRecord(before), predicateRecord(after))
		},
	}, func(ctx context.Context, w *store.BulkWriter) error {
		return v.write(ctx, w, f.Path, format, total)
	})
	if err != nil {
		if career.ErrorCode(err) == career.Conflict {
			// A NIP was added by someone else between the check and the write.
			return res, &career.Error{Code: career.Conflict, Err: err,
				Message: "an employee of the file was added to the region while importing; import again",
				ID:      "seorang pegawai dalam berkas ditambahkan ke wilayah ini selama impor berlangsung; ulangi impor"}
		}
		return res, err
	}
	res.Imported, res.Updated, res.Unchanged, res.Predicates = counts.Inserted, counts.Updated, counts.Unchanged, counts.Predicates
	return res, nil
}

// predicateRecord is the form of an annual predicate in an audit event.
func predicateRecord(p store.Predicate) any {
	return map[string]any{"year": p.Year, "predicate": p.Predicate, "source": p.Source}
}

// changeEvent is the audit event of what an import changed of employee nip: before and after as JSON.
func changeEvent(opts Options, action, nip string, before, after any) (store.Event, error) {
	e := store.Event{Region: opts.Region, Actor: opts.Actor, Action: action, Target: "employee:" + nip}
	var err error
	if e.Before, err = json.Marshal(before); err != nil {
		return e, err
	}
	e.After, err = json.Marshal(after)
	return e, err
}

// auditJSON is the After of the import's audit event: what was imported and how, without the rows.
func auditJSON(r *Result, c store.ImportCounts) json.RawMessage {
	b, _ := json.Marshal(map[string]any{
		"file": r.File, "sha256": r.SHA256, "format": r.Format, "mode": r.Mode, "existing": r.Existing, "rows": r.Rows,
		"imported": c.Inserted, "updated": c.Updated, "unchanged": c.Unchanged, "skipped": r.Skipped,
		"predicates": c.Predicates, "errors": r.ErrorCount,
	})
	return b
}

// fileSHA256 returns the SHA-256 of the file at path, in hex, reading it as a stream.
func fileSHA256(path string) (string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// detectFile reads the first bytes of the file to tell its format.
func detectFile(f File) (Format, int64, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return FormatUnknown, 0, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return FormatUnknown, 0, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return FormatUnknown, 0, err
	}
	if n == 0 {
		return FormatUnknown, 0, errFile("berkas kosong", "the file is empty")
	}
	format, err := Detect(head[:n], f.Name, f.ContentType)
	return format, st.Size(), err
}

// nipKey packs the 18 digits of a valid NIP into a uint64 (they are below 10^18 < 2^64), so that the NIP set of a
// 100,000-row file takes a few megabytes.
func nipKey(n career.NIP) uint64 {
	s := n.String()
	var k uint64
	for i := 0; i < len(s); i++ {
		k = k*10 + uint64(s[i]-'0')
	}
	return k
}

func nipString(k uint64) string {
	s := strconv.FormatUint(k, 10)
	for len(s) < 18 {
		s = "0" + s
	}
	return s
}

// seen is what pass 1 keeps of a row with a NIP.
type seen struct {
	row     int32
	bad     bool // the row is invalid
	dup     bool // already reported as duplicated
	current bool // the NIP is a current (not deleted) employee of the region
}

// supRef is a row naming a superior.
type supRef struct {
	row int32
	nip uint64
	sup uint64
}

// pendingNIP is a row waiting for the region lookup of its NIP.
type pendingNIP struct {
	row int32
	nip uint64
}

// validator is pass 1 and, with what it found, pass 2.
type validator struct {
	st        *store.Store
	opts      Options
	res       *Result
	maxErrors int
	fatal     bool // the file itself is at fault (unreadable, header): nothing can be written, even skipping rows

	lay       layout
	headerRow int
	date1904  bool
	nips      map[uint64]seen
	sups      []supRef
	bad       map[int32]struct{} // invalid rows, which pass 2 skips
	pending   []pendingNIP
	existing  int // file NIPs already in the region
	bytesRead atomic.Int64
	// accepted, if set, sees every row that passed the row checks of pass 1 (the fuzz tests re-validate them).
	accepted func(*Record)
	// spool holds the valid rows of an XLSX file for pass 2 (see spooler), so the slow XML is parsed once.
	spool *spooler
}

// addError records an error, listing it while under the bound.
func (v *validator) addError(e RowError) {
	v.res.ErrorCount++
	if v.maxErrors < 0 || len(v.res.Errors) < v.maxErrors {
		v.res.Errors = append(v.res.Errors, e)
	}
}

// markBad records that a row will not be written.
func (v *validator) markBad(row int32) {
	if v.bad == nil {
		v.bad = make(map[int32]struct{})
	}
	v.bad[row] = struct{}{}
}

// fail ends an import whose file is at fault as an *InvalidError; other errors pass.
func (v *validator) fail(err error) (*Result, error) {
	var fe *fileError
	var re *rowError
	switch {
	case errors.As(err, &fe):
		v.addError(RowError{Message: fe.msg, ID: fe.id})
	case errors.As(err, &re):
		v.addError(RowError{Row: re.row, Message: re.msg, ID: re.id})
	default:
		return v.res, err
	}
	v.fatal = true
	sort.SliceStable(v.res.Errors, func(i, j int) bool { return v.res.Errors[i].Row < v.res.Errors[j].Row })
	return v.res, &InvalidError{v.res}
}

// header finds the header row among the first rows and lays out the columns. Errors in it are fatal.
func (v *validator) header(rows rowReader) error {
	for {
		row, cells, err := rows.Next()
		if errors.Is(err, io.EOF) || (err == nil && row > headerScan) {
			return errFile(fmt.Sprintf("tidak ada baris judul dengan kolom nip pada %d baris pertama", headerScan),
				fmt.Sprintf("no header row with a nip column in the first %d rows", headerScan))
		}
		var re *rowError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return err
		}
		lay, ignored, errs, ok := buildLayout(row, cells)
		if !ok {
			continue
		}
		v.lay, v.headerRow, v.res.Ignored = lay, row, ignored
		if len(errs) > 0 {
			for _, e := range errs {
				v.addError(e)
			}
			v.fatal = true
		}
		return nil
	}
}

// buildLayout reads a header row. ok is false when the row has no nip column (it is not the header).
func buildLayout(row int, cells []string) (lay layout, ignored []string, errs []RowError, ok bool) {
	lay.idx = make(map[Column]int)
	years := map[int]bool{}
	for i, cell := range cells {
		col, year, known := headerColumn(cell)
		switch {
		case !known:
			if t := normalizeHeader(cell); t != "" {
				ignored = append(ignored, cell)
			}
			continue
		case col == ColPredicate:
			if years[year] {
				errs = append(errs, RowError{Row: row, Column: string(predicateColumn(year)), Message: fmt.Sprintf("two columns hold the predicate of %d", year),
					ID: fmt.Sprintf("dua kolom memuat predikat kinerja tahun %d", year)})
				continue
			}
			years[year] = true
			lay.predicates = append(lay.predicates, predicateCol{year: year, idx: i})
			lay.used = append(lay.used, usedCell{idx: i, column: string(predicateColumn(year))})
			continue
		}
		if _, dup := lay.idx[col]; dup {
			errs = append(errs, RowError{Row: row, Column: string(col), Message: fmt.Sprintf("two columns are %s (the second is %q)", col, cell),
				ID: fmt.Sprintf("dua kolom bernama %s (kolom kedua: %q)", col, cell)})
			continue
		}
		lay.idx[col] = i
		lay.used = append(lay.used, usedCell{idx: i, column: string(col)})
	}
	if _, found := lay.idx[ColNIP]; !found {
		return lay, nil, nil, false
	}
	for _, c := range requiredColumns {
		if _, found := lay.idx[c]; !found {
			errs = append(errs, RowError{Row: row, Column: string(c), Message: "the required column is missing from the header",
				ID: "kolom wajib ini tidak ada pada baris judul"})
		}
	}
	slices.SortFunc(lay.predicates, func(a, b predicateCol) int { return a.year - b.year })
	return lay, ignored, errs, true
}

// run is pass 1.
func (v *validator) run(ctx context.Context, path string, format Format, size int64) error {
	rows, err := openRows(path, format, func(n int) { v.bytesRead.Add(int64(n)) })
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := v.header(rows); err != nil || v.fatal {
		return err
	}
	v.date1904 = rows.Date1904()
	p := newParser(v.lay, v.opts.Today, v.date1904)
	v.nips = make(map[uint64]seen)
	if format == XLSX {
		if v.spool, err = newSpooler(v.lay); err != nil {
			return err
		}
	}
	var rec Record
	var errs []RowError
	report := func(done bool) {
		if v.opts.Progress != nil {
			b := v.bytesRead.Load()
			if format != CSV {
				b = 0
			}
			v.opts.Progress(Progress{Phase: Validating, Rows: v.res.Rows, Bytes: b, Size: size, Done: done})
		}
	}
	for {
		row, cells, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			v.res.Rows++
			v.addError(RowError{Row: row, Message: re.msg, ID: re.id})
			v.markBad(int32(row))
			continue
		}
		if err != nil {
			return err
		}
		if blank(cells) {
			continue
		}
		v.res.Rows++
		if v.res.Rows%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if v.res.Rows%v.opts.ProgressEvery == 0 {
			report(false)
		}
		errs = p.parse(row, cells, &rec, errs[:0])
		v.check(int32(row), &rec, errs)
		if v.spool != nil && len(errs) == 0 {
			if err := v.spool.write(row, cells); err != nil {
				return err
			}
		}
		if len(v.pending) >= lookupBatch {
			if err := v.lookup(ctx); err != nil {
				return err
			}
		}
	}
	if err := v.lookup(ctx); err != nil {
		return err
	}
	if err := v.checkSupervisors(ctx); err != nil {
		return err
	}
	if v.spool != nil {
		if err := v.spool.flush(); err != nil {
			return err
		}
	}
	report(true)
	if v.res.Rows == 0 && v.res.ErrorCount == 0 {
		v.addError(RowError{Row: v.headerRow, Message: "the file has a header but no employee rows",
			ID: "berkas memiliki baris judul tetapi tidak memuat baris data pegawai"})
		v.fatal = true
	}
	return nil
}

// check records what pass 1 must remember of a parsed row: its errors, its NIP (for duplicates) and its superior.
func (v *validator) check(row int32, rec *Record, errs []RowError) {
	for _, e := range errs {
		v.addError(e)
	}
	bad := len(errs) > 0
	if bad {
		v.markBad(row)
	}
	nip := rec.Employee.NIP
	if nip.IsZero() {
		return
	}
	k := nipKey(nip)
	if first, dup := v.nips[k]; dup {
		v.addError(RowError{Row: int(row), Column: string(ColNIP), Message: fmt.Sprintf("NIP %s is also in row %d", nip, first.row),
			ID: fmt.Sprintf("NIP %s juga tercantum pada baris %d", nip, first.row)})
		v.markBad(row)
		if !first.dup {
			v.addError(RowError{Row: int(first.row), Column: string(ColNIP), Message: fmt.Sprintf("NIP %s is also in row %d", nip, row),
				ID: fmt.Sprintf("NIP %s juga tercantum pada baris %d", nip, row)})
			v.markBad(first.row)
			first.dup, first.bad = true, true
			v.nips[k] = first
		}
		return
	}
	v.nips[k] = seen{row: row, bad: bad}
	v.pending = append(v.pending, pendingNIP{row: row, nip: k})
	if bad {
		return
	}
	if v.accepted != nil {
		v.accepted(rec)
	}
	if !rec.Employee.Supervisor.IsZero() {
		sup := nipKey(rec.Employee.Supervisor)
		// All-or-nothing needs only the superiors not seen yet (exports usually list a superior first); skipping
		// invalid rows needs every link, to skip the rows under a skipped superior.
		if _, seenBefore := v.nips[sup]; !seenBefore || v.opts.SkipInvalid {
			v.sups = append(v.sups, supRef{row: row, nip: k, sup: sup})
		}
	}
}

// lookup asks the region about the pending NIPs (of valid and invalid rows alike): it notes which are current
// employees, for the superior checks, and counts the existing ones; in Reject mode an existing one is an error of
// its row.
func (v *validator) lookup(ctx context.Context) error {
	if len(v.pending) == 0 || v.st == nil { // no store: the fuzz tests validate against an empty region
		v.pending = v.pending[:0]
		return nil
	}
	nips := make([]string, len(v.pending))
	for i, p := range v.pending {
		nips[i] = nipString(p.nip)
	}
	states, err := v.st.EmployeeStates(ctx, v.opts.Region, nips)
	if err != nil {
		return err
	}
	for i, p := range v.pending {
		deleted, found := states[nips[i]]
		if !found {
			continue
		}
		v.existing++
		if !deleted {
			s := v.nips[p.nip]
			s.current = true
			v.nips[p.nip] = s
		}
		if v.opts.Existing == Reject {
			e := RowError{Row: int(p.row), Column: string(ColNIP),
				Message: "the NIP is already an employee of the region (existing employees are rejected in this import)",
				ID:      "NIP sudah terdaftar sebagai pegawai di wilayah ini (pegawai yang sudah ada ditolak pada impor ini)"}
			if deleted {
				e.Message = "the NIP belongs to a deleted employee of the region (existing employees are rejected in this import)"
				e.ID = "NIP milik pegawai wilayah ini yang telah dihapus (pegawai yang sudah ada ditolak pada impor ini)"
			}
			v.addError(e)
			v.markBad(p.row)
		}
	}
	v.pending = v.pending[:0]
	return nil
}

// checkSupervisors makes sure each superior named exists: a valid row of the file, or a current employee of the
// region. A superior that is neither is an error of the row naming it, because an appraisal needs a reachable
// rater (pejabat penilai kinerja); leave nip_atasan empty when the superior is outside the data. When invalid rows
// are skipped, a row whose superior's row is skipped is skipped too (and so on down the chain) unless the superior
// is already a current employee of the region, so no written row points at a superior that does not exist.
func (v *validator) checkSupervisors(ctx context.Context) error {
	var outside []string
	asked := map[uint64]bool{}
	for _, r := range v.sups {
		if _, inFile := v.nips[r.sup]; !inFile && !asked[r.sup] {
			asked[r.sup] = true
			outside = append(outside, nipString(r.sup))
		}
	}
	known := map[uint64]bool{}
	for start := 0; v.st != nil && start < len(outside); start += lookupBatch {
		states, err := v.st.EmployeeStates(ctx, v.opts.Region, outside[start:min(start+lookupBatch, len(outside))])
		if err != nil {
			return err
		}
		for nip, deleted := range states {
			if !deleted {
				k, _ := strconv.ParseUint(nip, 10, 64)
				known[k] = true
			}
		}
	}
	for _, r := range v.sups {
		if _, inFile := v.nips[r.sup]; inFile || known[r.sup] {
			continue
		}
		v.addError(RowError{Row: int(r.row), Column: string(ColSupervisor),
			Message: fmt.Sprintf("the superior %s is neither in the file nor an employee of the region", nipString(r.sup)),
			ID:      fmt.Sprintf("atasan %s tidak tercantum dalam berkas dan bukan pegawai di wilayah ini", nipString(r.sup))})
		v.markBad(r.row)
	}
	if !v.opts.SkipInvalid || len(v.bad) == 0 {
		return nil
	}
	for changed := true; changed; {
		changed = false
		for _, r := range v.sups {
			if _, bad := v.bad[r.row]; bad {
				continue
			}
			s, inFile := v.nips[r.sup]
			if !inFile || s.current { // a superior already in the region stays there, whatever their row
				continue
			}
			if _, supBad := v.bad[s.row]; supBad {
				v.addError(RowError{Row: int(r.row), Column: string(ColSupervisor),
					Message: fmt.Sprintf("the superior's row %d is invalid and is skipped, so this row is skipped too", s.row),
					ID:      fmt.Sprintf("baris atasan (baris %d) tidak valid dan dilewati, sehingga baris ini juga dilewati", s.row)})
				v.markBad(r.row)
				changed = true
			}
		}
	}
	return nil
}

// write is pass 2: the valid rows, in batches, to the bulk writer.
func (v *validator) write(ctx context.Context, w *store.BulkWriter, path string, format Format, total int) error {
	var rows rowReader
	var err error
	if v.spool != nil {
		rows, err = v.spool.open()
	} else {
		rows, err = openRows(path, format, nil)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for v.spool == nil { // the source file: skip to the header
		row, _, err := rows.Next()
		if err != nil && !isRowError(err) {
			if errors.Is(err, io.EOF) {
				return errChanged
			}
			return err
		}
		if row == v.headerRow {
			break
		}
	}
	p := newParser(v.lay, v.opts.Today, v.date1904)
	size := batchSQLite
	if v.st.Dialect() == store.Postgres {
		size = batchPostgres
	}
	batch := make([]store.Employee, 0, size)
	potentials := make([]float64, size)
	var preds []store.Predicate
	var sanctions []store.Sanction
	var rec Record
	var errs []RowError
	done := 0
	flush := func() error {
		if err := w.Write(ctx, batch, preds); err != nil {
			return err
		}
		if err := w.WriteSanctions(ctx, sanctions); err != nil { // after their employees' rows
			return err
		}
		batch, preds, sanctions = batch[:0], preds[:0], sanctions[:0]
		return nil
	}
	for {
		row, cells, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if isRowError(err) {
			continue // invalid in pass 1 too
		}
		if err != nil {
			return err
		}
		if _, bad := v.bad[int32(row)]; bad || blank(cells) {
			continue
		}
		if errs = p.parse(row, cells, &rec, errs[:0]); len(errs) > 0 {
			return errChanged
		}
		er := store.EmployeeFrom(v.opts.Region, rec.Employee)
		if rec.HasPotential {
			potentials[len(batch)] = rec.Potential
			er.PotentialScore = &potentials[len(batch)]
		}
		batch = append(batch, er)
		for _, yp := range rec.Predicates {
			preds = append(preds, store.Predicate{Region: v.opts.Region, NIP: er.NIP, Year: yp.Year, Predicate: yp.Predicate.String()})
		}
		if rec.Sanction.Level != 0 {
			sanctions = append(sanctions, store.SanctionFrom(v.opts.Region, er.NIP, rec.Sanction))
		}
		done++
		if len(batch) == size {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := flush(); err != nil {
				return err
			}
		}
		if v.opts.Progress != nil && done%v.opts.ProgressEvery == 0 {
			v.opts.Progress(Progress{Phase: Writing, Rows: done, Total: total})
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if done != total {
		return errChanged
	}
	if v.opts.Progress != nil {
		v.opts.Progress(Progress{Phase: Writing, Rows: done, Total: total, Done: true})
	}
	return nil
}

// errChanged is the file changing between the passes (a CLI user saving it again): the write is rolled back.
var errChanged = errors.New("import: the file changed while it was being imported; nothing was written, import it again")

func isRowError(err error) bool {
	var re *rowError
	return errors.As(err, &re)
}
