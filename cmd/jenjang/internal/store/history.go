package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// History kinds.
const (
	HistoryGrade    = "grade"
	HistoryPosition = "position"
)

// HistoryStep is a row of employee_history: a past grade (Kind "grade": Grade and From = its TMT) or a past
// position (Kind "position": the position, unit and agency, From and Until).
type HistoryStep struct {
	bun.BaseModel `bun:"table:employee_history"`

	ID                  int64     `bun:"id,pk,autoincrement"`
	Region              string    `bun:"region,notnull"`
	NIP                 string    `bun:"nip,notnull"`
	Kind                string    `bun:"kind,notnull"`
	Grade               string    `bun:"grade,notnull"`
	PositionTitle       string    `bun:"position_title,notnull"`
	PositionKind        string    `bun:"position_kind,notnull"`
	PositionLevel       string    `bun:"position_level,notnull"`
	PositionField       string    `bun:"position_field,notnull"`
	PositionService     bool      `bun:"position_service,notnull"`
	PositionLowestGrade string    `bun:"position_lowest_grade,notnull"`
	Unit                string    `bun:"unit,notnull"`
	Agency              string    `bun:"agency,notnull"`
	From                Date      `bun:"from_date"`
	Until               Date      `bun:"until_date"`
	Source              string    `bun:"source,notnull"`
	RecordedAt          time.Time `bun:"recorded_at,notnull"`
}

// HistoryOf returns the history rows of a domain employee's past grades and positions, oldest first.
func HistoryOf(region string, e career.Employee, source string) []HistoryStep {
	var out []HistoryStep
	for _, g := range e.Grades {
		out = append(out, HistoryStep{Region: region, NIP: e.NIP.String(), Kind: HistoryGrade, Grade: g.Grade.String(), From: Date(g.TMT), Source: source})
	}
	for _, p := range e.Positions {
		out = append(out, PositionStep(region, e.NIP.String(), p.Position, "", "", p.From.Time(), p.Until, source))
	}
	return out
}

// PositionStep returns the history row of a position held from `from` until `until`.
func PositionStep(region, nip string, p career.Position, unit, agency string, from time.Time, until career.Date, source string) HistoryStep {
	return HistoryStep{
		Region: region, NIP: nip, Kind: HistoryPosition,
		PositionTitle: p.Title, PositionKind: p.Kind.String(), PositionLevel: p.Level.String(), PositionField: p.Field,
		PositionService: p.Service, PositionLowestGrade: p.LowestGrade.String(), Unit: unit, Agency: agency,
		From: Date(career.DateOf(from)), Until: Date(until), Source: source,
	}
}

// AppendHistory inserts history rows with db.
func (s *Store) AppendHistory(ctx context.Context, db bun.IDB, steps []HistoryStep) error {
	if len(steps) == 0 {
		return nil
	}
	now := s.now()
	for i := range steps {
		steps[i].ID, steps[i].RecordedAt = 0, now
	}
	for start := 0; start < len(steps); start += insertChunk {
		chunk := steps[start:min(start+insertChunk, len(steps))]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return mapError(err, "employee history")
		}
	}
	return nil
}

// ListHistory returns the history of an employee of region, oldest first.
func (s *Store) ListHistory(ctx context.Context, region, nip string) ([]HistoryStep, error) {
	steps := []HistoryStep{}
	err := s.db.NewSelect().Model(&steps).Where("region = ?", region).Where("nip = ?", nip).
		OrderExpr("from_date ASC, id ASC").Scan(ctx)
	return steps, err
}

// Sanction is a row of the sanctions table: a disciplinary sanction (hukuman disiplin) of an employee.
type Sanction struct {
	bun.BaseModel `bun:"table:sanctions"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Region    string    `bun:"region,notnull"`
	NIP       string    `bun:"nip,notnull"`
	Level     string    `bun:"level,notnull"` // ringan, sedang, berat
	From      Date      `bun:"from_date"`
	Until     Date      `bun:"until_date"`
	Note      string    `bun:"note,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// SanctionList is the sanctions of one employee read as a JSON array of {level, from, until} in one column (see
// GetEmployee).
type SanctionList []Sanction

// Scan implements sql.Scanner for the JSON text of the array.
func (l *SanctionList) Scan(src any) error {
	var data []byte
	switch v := src.(type) {
	case nil:
		*l = nil
		return nil
	case string:
		data = []byte(v)
	case []byte:
		data = v
	default:
		return fmt.Errorf("store: scan sanctions from %T", src)
	}
	var items []struct {
		Level string  `json:"level"`
		From  string  `json:"from"`
		Until *string `json:"until"`
	}
	if err := json.Unmarshal(data, &items); err != nil {
		return fmt.Errorf("store: scan sanctions: %w", err)
	}
	out := make(SanctionList, len(items))
	for i, it := range items {
		out[i].Level = it.Level
		if err := out[i].From.parse(it.From); err != nil {
			return err
		}
		if it.Until != nil {
			if err := out[i].Until.parse(*it.Until); err != nil {
				return err
			}
		}
	}
	*l = out
	return nil
}

// SanctionFrom returns the row of a domain sanction.
func SanctionFrom(region, nip string, s career.Sanction) Sanction {
	return Sanction{Region: region, NIP: nip, Level: s.Level.String(), From: Date(s.From), Until: Date(s.Until)}
}

// Career returns the domain sanction.
func (r Sanction) Career() career.Sanction {
	l, _ := career.ParseSanctionLevel(r.Level) // the column's CHECK admits valid levels only
	return career.Sanction{Level: l, From: r.From.Career(), Until: r.Until.Career()}
}

// InsertSanctions inserts sanction rows with db.
func (s *Store) InsertSanctions(ctx context.Context, db bun.IDB, rows []Sanction) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		rows[i].ID, rows[i].CreatedAt = 0, now
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return mapError(err, "sanction")
}

// ListSanctions returns the sanctions of employee nip of region, oldest first. db may be the store's DB (nil) or a
// transaction: an update reads them inside its own, after it has locked the employee row, so that what it audits as
// "before" is what it replaces.
func (s *Store) ListSanctions(ctx context.Context, db bun.IDB, region, nip string) ([]Sanction, error) {
	if db == nil {
		db = s.db
	}
	rows := []Sanction{}
	err := db.NewSelect().Model(&rows).Where("region = ?", region).Where("nip = ?", nip).
		OrderExpr("from_date ASC, id ASC").Scan(ctx)
	return rows, err
}

// sanctionKey is what makes two sanction rows the same sanction: ReplaceSanctions keeps a stored row whose key is
// still wanted.
type sanctionKey struct {
	level       string
	from, until Date
}

// ReplaceSanctions makes rows the whole list of sanctions of employee nip of region, with db (the transaction of the
// update that carries them); rows' Region and NIP are set to region and nip, and an empty rows clears the list.
// Stored sanctions that rows still holds (same level, from and until) are kept as they are, with their id, note
// and created_at: only the sanctions that went away are deleted and only the new ones inserted, so writing back
// an unchanged list (a read-modify-write of the employee) touches nothing and loses no note nor recording date.
// The caller bumps the employee's version in the same transaction (UpdateEmployee), so that the ETag covers the
// sanctions.
func (s *Store) ReplaceSanctions(ctx context.Context, db bun.IDB, region, nip string, rows []Sanction) error {
	cur, err := s.ListSanctions(ctx, db, region, nip)
	if err != nil {
		return err
	}
	want := make(map[sanctionKey]int, len(rows))
	for i := range rows {
		rows[i].Region, rows[i].NIP = region, nip
		want[sanctionKey{rows[i].Level, rows[i].From, rows[i].Until}]++
	}
	var drop []int64
	for _, r := range cur {
		k := sanctionKey{r.Level, r.From, r.Until}
		if want[k] > 0 {
			want[k]-- // kept: one fewer of this sanction to insert
			continue
		}
		drop = append(drop, r.ID)
	}
	if len(drop) > 0 {
		if _, err := db.NewDelete().Model((*Sanction)(nil)).Where("region = ?", region).Where("nip = ?", nip).
			Where("id IN (?)", bun.List(drop)).Exec(ctx); err != nil {
			return mapError(err, "sanction")
		}
	}
	var add []Sanction
	for _, r := range rows {
		k := sanctionKey{r.Level, r.From, r.Until}
		if want[k] > 0 {
			want[k]--
			add = append(add, r)
		}
	}
	return s.InsertSanctions(ctx, db, add)
}

// LoadCareers returns the domain employees of rows (all of one region) with their sanctions and history attached,
// in the order of rows, with two queries for the whole batch.
func (s *Store) LoadCareers(ctx context.Context, db bun.IDB, rows []Employee) ([]career.Employee, error) {
	if db == nil {
		db = s.db
	}
	out := make([]career.Employee, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	index := make(map[string]int, len(rows))
	nips := make([]string, len(rows))
	for i, r := range rows {
		e, err := r.Career()
		if err != nil {
			return nil, err
		}
		out[i], index[r.NIP], nips[i] = e, i, r.NIP
	}
	region := rows[0].Region
	var sanctions []Sanction
	if err := db.NewSelect().Model(&sanctions).Where("region = ?", region).Where("nip IN (?)", bun.List(nips)).
		OrderExpr("id ASC").Scan(ctx); err != nil {
		return nil, err
	}
	for _, sn := range sanctions {
		i := index[sn.NIP]
		out[i].Sanctions = append(out[i].Sanctions, sn.Career())
	}
	var steps []HistoryStep
	if err := db.NewSelect().Model(&steps).Where("region = ?", region).Where("nip IN (?)", bun.List(nips)).
		OrderExpr("from_date ASC, id ASC").Scan(ctx); err != nil {
		return nil, err
	}
	for _, h := range steps {
		i := index[h.NIP]
		switch h.Kind {
		case HistoryGrade:
			g, err := career.ParseGrade(h.Grade)
			if err != nil {
				return nil, err
			}
			out[i].Grades = append(out[i].Grades, career.GradeStep{Grade: g, TMT: h.From.Career()})
		case HistoryPosition:
			p, err := positionOf(h.PositionTitle, h.PositionKind, h.PositionLevel, h.PositionField, h.PositionService, h.PositionLowestGrade)
			if err != nil {
				return nil, err
			}
			out[i].Positions = append(out[i].Positions, career.PositionStep{Position: p, From: h.From.Career(), Until: h.Until.Career()})
		}
	}
	return out, nil
}

// Predicate sources.
const (
	PredicateFromAppraisal = "appraisal" // recorded when an annual appraisal is finalised
	PredicateFromImport    = "import"    // brought by an import of earlier years
	PredicateFromDemo      = "demo"      // seeded demo data
)

// Predicate is a row of the predicates table: an employee's annual performance predicate for a year, with where it
// came from.
type Predicate struct {
	bun.BaseModel `bun:"table:predicates"`

	Region      string    `bun:"region,pk"`
	NIP         string    `bun:"nip,pk"`
	Year        int       `bun:"year,pk"`
	Predicate   string    `bun:"predicate,notnull"` // evaluation.Predicate code, "baik"
	Source      string    `bun:"source,notnull"`
	AppraisalID *int64    `bun:"appraisal_id"`
	RecordedAt  time.Time `bun:"recorded_at,notnull"`
}

// PutPredicates records annual predicates with db; a predicate already recorded for the same employee and year is
// replaced (a finalised appraisal supersedes an imported value).
func (s *Store) PutPredicates(ctx context.Context, db bun.IDB, rows []Predicate) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		if _, err := evaluation.ParsePredicate(rows[i].Predicate); err != nil {
			return err
		}
		rows[i].RecordedAt = now
	}
	for start := 0; start < len(rows); start += insertChunk {
		chunk := rows[start:min(start+insertChunk, len(rows))]
		_, err := db.NewInsert().Model(&chunk).
			On("CONFLICT (region, nip, year) DO UPDATE").
			Set("predicate = EXCLUDED.predicate").Set("source = EXCLUDED.source").
			Set("appraisal_id = EXCLUDED.appraisal_id").Set("recorded_at = EXCLUDED.recorded_at").
			Exec(ctx)
		if err != nil {
			return mapError(err, "predicate")
		}
	}
	return nil
}

// Predicates returns the annual predicates of the given employees of region, by NIP then year.
func (s *Store) Predicates(ctx context.Context, db bun.IDB, region string, nips []string) (map[string]map[int]evaluation.Predicate, error) {
	if db == nil {
		db = s.db
	}
	out := make(map[string]map[int]evaluation.Predicate, len(nips))
	if len(nips) == 0 {
		return out, nil
	}
	var rows []Predicate
	if err := db.NewSelect().Model(&rows).Where("region = ?", region).Where("nip IN (?)", bun.List(nips)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rows {
		p, err := evaluation.ParsePredicate(r.Predicate)
		if err != nil {
			return nil, err
		}
		if out[r.NIP] == nil {
			out[r.NIP] = map[int]evaluation.Predicate{}
		}
		out[r.NIP][r.Year] = p
	}
	return out, nil
}

// Sanctions in a bulk import (ImportEmployees with EmployeeImport.Sanctions): the file brings sanctions of its
// employees, written with the BulkWriter after the employees' rows. A new employee simply gets them. For an employee
// that already exists (ImportUpsert) each is added to the stored ones, never replacing them: a file holds only the
// current sanction of an employee, not the whole list, so an import deletes nothing. A stored sanction with the
// same level and first day is the same sanction, whose last day the file updates when it differs; the others are
// inserted. This is done in set-based statements over staging tables, so that a re-import of a whole region costs a
// few statements, not some per employee. Deleting or clearing sanctions is the business of a PUT
// (ReplaceSanctions).

// Staging tables of the sanctions of an ImportUpsert: the file's sanctions, and what the merge does with those it
// does not already hold as they are: the id of the stored row whose last day it updates, or NULL for a new row.
const (
	stageSanctions        = "jenjang_import_sanctions"
	stageSanctionsChanged = "jenjang_import_sanction_changes"
)

// sanctionColumns are the columns a bulk import writes to the sanctions table (id is the database's), in the order
// of copySanction.
var sanctionColumns = []string{"region", "nip", "level", "from_date", "until_date", "note", "created_at"}

// stagedSanctionColumns are the columns of the stage table stageSanctions.
var stagedSanctionColumns = []string{"nip", "level", "from_date", "until_date"}

// stagedSanction is a row of the stage table stageSanctions (SQLite writes it through Bun).
type stagedSanction struct {
	bun.BaseModel `bun:"table:jenjang_import_sanctions"`

	NIP   string `bun:"nip"`
	Level string `bun:"level"`
	From  Date   `bun:"from_date"`
	Until Date   `bun:"until_date"`
}

// sanctionsChanged is the condition of merge's upsert that makes an employee whose sanctions change (one added, or
// the last day of one updated) an updated one (new version) even when its row is the same.
const sanctionsChanged = "employees.nip IN (SELECT nip FROM " + stageSanctionsChanged + ")"

// WriteSanctions adds sanctions to the import, of employees already handed to Write (in this batch or an earlier
// one); the slice may be reused once it returns. It needs EmployeeImport.Sanctions. Rows get the import's time as
// created_at; their Region must be the import's. In ImportNew they go straight to the sanctions table (COPY on
// PostgreSQL); in ImportUpsert to a stage, from which the merge adds them to each employee's stored sanctions (see
// EmployeeImport.Sanctions). An ImportUpsert holds at most one sanction of an employee with a given level and first
// day: two are one sanction told twice, and fail the import.
func (w *BulkWriter) WriteSanctions(ctx context.Context, rows []Sanction) error {
	if len(rows) == 0 {
		return nil
	}
	if !w.imp.Sanctions {
		return errors.New("store: sanctions written to an import without EmployeeImport.Sanctions")
	}
	for i := range rows {
		r := &rows[i]
		if r.Region != w.imp.Region {
			return fmt.Errorf("store: import of region %s got a sanction of region %q", w.imp.Region, r.Region)
		}
		if _, err := career.ParseSanctionLevel(r.Level); err != nil || r.Level == "" || career.Date(r.From).IsZero() {
			return fmt.Errorf("store: import got an invalid sanction %+v", *r)
		}
		r.ID, r.CreatedAt = 0, w.now
	}
	pg := w.s.dialect == Postgres
	if w.imp.Mode == ImportUpsert {
		if pg {
			i := 0
			return mapError(w.copy(ctx, stageSanctions, stagedSanctionColumns, pgx.CopyFromFunc(func() ([]any, error) {
				if i == len(rows) {
					return nil, nil
				}
				r := &rows[i]
				i++
				w.vals = append(w.vals[:0], r.NIP, r.Level, career.Date(r.From).Time(), copyDate(r.Until))
				return w.vals, nil
			})), "sanction")
		}
		staged := make([]stagedSanction, 0, min(len(rows), importChunk))
		for start := 0; start < len(rows); start += importChunk {
			staged = staged[:0]
			for _, r := range rows[start:min(start+importChunk, len(rows))] {
				staged = append(staged, stagedSanction{NIP: r.NIP, Level: r.Level, From: r.From, Until: r.Until})
			}
			if _, err := w.tx.NewInsert().Model(&staged).Exec(ctx); err != nil {
				return mapError(err, "sanction")
			}
		}
		return nil
	}
	if pg {
		i := 0
		return mapError(w.copy(ctx, "sanctions", sanctionColumns, pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			r := &rows[i]
			i++
			w.vals = append(w.vals[:0], r.Region, r.NIP, r.Level, career.Date(r.From).Time(), copyDate(r.Until), r.Note, r.CreatedAt)
			return w.vals, nil
		})), "sanction")
	}
	for start := 0; start < len(rows); start += importChunk {
		chunk := rows[start:min(start+importChunk, len(rows))]
		if _, err := w.tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return mapError(err, "sanction")
		}
	}
	return nil
}

// copyDate is a nullable DATE for COPY: nil for the zero date.
func copyDate(d Date) any {
	if career.Date(d).IsZero() {
		return nil
	}
	return career.Date(d).Time()
}

// createSanctionStage creates the staging tables of the sanctions of an ImportUpsert (see createStage), with an
// index on the NIP: the merge looks the stored sanctions up by employee.
func (w *BulkWriter) createSanctionStage(ctx context.Context) error {
	var stmts []string
	if w.s.dialect == Postgres {
		stmts = []string{
			"CREATE TEMPORARY TABLE " + stageSanctions + " (nip TEXT NOT NULL, level TEXT NOT NULL, from_date DATE NOT NULL," +
				" until_date DATE) ON COMMIT DROP",
			"CREATE INDEX " + stageSanctions + "_nip ON " + stageSanctions + " (nip)",
			"CREATE TEMPORARY TABLE " + stageSanctionsChanged + " (nip TEXT NOT NULL, level TEXT NOT NULL," +
				" from_date DATE NOT NULL, until_date DATE, id BIGINT) ON COMMIT DROP",
		}
	} else {
		stmts = []string{
			"DROP TABLE IF EXISTS temp." + stageSanctions,
			"DROP TABLE IF EXISTS temp." + stageSanctionsChanged,
			"CREATE TEMPORARY TABLE " + stageSanctions + " (nip TEXT NOT NULL, level TEXT NOT NULL, from_date TEXT NOT NULL," +
				" until_date TEXT)",
			"CREATE INDEX temp." + stageSanctions + "_nip ON " + stageSanctions + " (nip)",
			"CREATE TEMPORARY TABLE " + stageSanctionsChanged + " (nip TEXT NOT NULL, level TEXT NOT NULL," +
				" from_date TEXT NOT NULL, until_date TEXT, id INTEGER)",
		}
	}
	for _, q := range stmts {
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: import staging: %w", err)
		}
	}
	return nil
}

// findSanctionChanges fills stageSanctionsChanged, before merge's upsert, with the staged sanctions the employees
// do not already hold as they are (same level, first and last day): each with the id of the oldest stored
// sanction of the employee with the same level and first day, whose last day the merge updates, or NULL when
// there is none and the merge inserts it. Their NIPs are the employees the upsert counts as updated. Two staged
// sanctions of one employee with the same level and first day fail the import: which last day would be the one?
func (w *BulkWriter) findSanctionChanges(ctx context.Context) error {
	var nip, level string
	var from Date
	err := w.tx.QueryRowContext(ctx, "SELECT nip, level, from_date FROM "+stageSanctions+
		" GROUP BY nip, level, from_date HAVING count(*) > 1 LIMIT 1").Scan(&nip, &level, &from)
	switch {
	case err == nil:
		return fmt.Errorf("store: import got two sanctions of %s of level %s from %s", nip, level, from)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: import sanctions: %w", err)
	}
	same := " IS " // SQLite's null-safe equality
	if w.s.dialect == Postgres {
		same = " IS NOT DISTINCT FROM "
	}
	q := "INSERT INTO " + stageSanctionsChanged + " (nip, level, from_date, until_date, id)" +
		" SELECT y.nip, y.level, y.from_date, y.until_date," +
		" (SELECT min(x.id) FROM sanctions x WHERE x.region = ? AND x.nip = y.nip AND x.level = y.level AND x.from_date = y.from_date)" +
		" FROM " + stageSanctions + " y WHERE NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.region = ? AND x.nip = y.nip" +
		" AND x.level = y.level AND x.from_date = y.from_date AND x.until_date" + same + "y.until_date)"
	if _, err := w.tx.NewRaw(q, w.imp.Region, w.imp.Region).Exec(ctx); err != nil {
		return fmt.Errorf("store: import sanctions: %w", err)
	}
	return nil
}

// mergeSanctions applies stageSanctionsChanged after merge's upsert (a new employee's row must exist first): it
// updates the last day of the stored sanctions the file tells again with another one, and inserts the sanctions the
// employees did not have. Nothing is deleted, and a stored sanction the file does not change keeps its row as it
// is, with its id, note and created_at; so does an updated one, but for its last day.
func (w *BulkWriter) mergeSanctions(ctx context.Context) error {
	upd := "UPDATE sanctions SET until_date = c.until_date FROM " + stageSanctionsChanged + " c" +
		" WHERE c.id IS NOT NULL AND sanctions.id = c.id AND sanctions.region = ?"
	if _, err := w.tx.NewRaw(upd, w.imp.Region).Exec(ctx); err != nil {
		return mapError(err, "sanction")
	}
	ins := "INSERT INTO sanctions (region, nip, level, from_date, until_date, note, created_at)" +
		" SELECT ?, c.nip, c.level, c.from_date, c.until_date, '', ? FROM " + stageSanctionsChanged + " c" +
		" WHERE c.id IS NULL ORDER BY c.nip, c.from_date, c.level"
	if _, err := w.tx.NewRaw(ins, w.imp.Region, w.now).Exec(ctx); err != nil {
		return mapError(err, "sanction")
	}
	return w.dropTemp(ctx, stageSanctions, stageSanctionsChanged)
}
