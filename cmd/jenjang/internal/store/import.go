package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// Bulk writes of employees, for the spreadsheet import: many rows, one transaction, the fastest write each database
// offers — COPY on PostgreSQL (~10× a multi-row INSERT, DESIGN §8), 1,000-row INSERT statements on SQLite.

// ImportMode says what a bulk import does with employees that already exist in the region.
type ImportMode int

// Import modes.
const (
	// ImportNew inserts every row straight into the employees table. A NIP that already exists in the region (even
	// soft-deleted) fails the whole import with a career.Conflict. It is the fastest path; the importer takes it when
	// its check found none of the file's NIPs in the region.
	ImportNew ImportMode = iota
	// ImportUpsert stages the rows in a temporary table, then, in set-based statements: records the previous grade
	// and position of each existing employee whose grade or position changed in its history, inserts the new
	// employees and updates the existing ones (restoring soft-deleted ones), bumping the version only of rows that
	// changed. Values the file does not carry are kept: the potential score when the cell is empty, the TMT CPNS
	// when empty, and the lowest grade of the position unless EmployeeImport.LowestGrade. Sanctions are never
	// removed: EmployeeImport.Sanctions adds the import's to the stored ones.
	ImportUpsert
)

// importChunk is the rows of one multi-row INSERT on SQLite (DESIGN §8: ~1,000-row statements are the sweet spot).
const importChunk = 1000

// ImportCounts are what a bulk import did.
type ImportCounts struct {
	Inserted   int `json:"inserted"`   // new employees
	Updated    int `json:"updated"`    // existing employees whose row changed (a soft-deleted one is restored)
	Unchanged  int `json:"unchanged"`  // existing employees the import matched without a change
	Predicates int `json:"predicates"` // annual predicates written (an appraisal's predicate is never replaced)
}

// EmployeeImport describes one bulk import.
type EmployeeImport struct {
	Region string
	Mode   ImportMode
	// Audit builds the audit event of the import as a whole from its counts; it is written in the import's
	// transaction.
	Audit func(ImportCounts) Event
	// Changed builds the audit event of an existing employee that an ImportUpsert changed, from the employee's rows
	// before and after the import (each with its Sanctions); Replaced that of an imported predicate it replaced.
	// Both are required with ImportUpsert: an import that overwrites what is stored records what it overwrote, as
	// an update through the API does (see auditChanges). New employees and predicates are counted by Audit's event.
	Changed  func(before, after Employee) (Event, error)
	Replaced func(before, after Predicate) (Event, error)
	// LowestGrade says the rows carry the position's lowest grade (the file has the column): ImportUpsert then
	// overwrites the stored one, a change of it alone making the employee updated. Without it the stored one is kept.
	LowestGrade bool
	// Sanctions says the import carries sanctions of its employees (the file has the column), written with
	// WriteSanctions. They are added to what is stored, never in its place: a file holds an employee's current
	// sanction, not the whole list. In ImportUpsert a stored sanction of the employee with the same level and first
	// day is the same sanction, and its last day (open-ended when zero) is updated when the import's differs (the
	// row keeps its id, note and created_at); a sanction the employee does not have is inserted. No sanction is ever
	// deleted, and an employee the import brings no sanction for keeps its sanctions as they are: clearing or
	// deleting them is done by a PUT (ReplaceSanctions). An employee to whom the import adds a sanction, or whose
	// sanction's last day it changes, is updated (new version) even when its row is the same; one whose sanctions
	// the import leaves as they were is not. Without Sanctions, WriteSanctions fails.
	Sanctions bool
}

// BulkWriter receives the rows of an import inside its transaction; see ImportEmployees.
type BulkWriter struct {
	s      *Store
	tx     bun.Tx
	conn   bun.Conn
	imp    EmployeeImport
	now    time.Time
	staged int // rows written
	preds  int // predicate rows written
	vals   []any
}

// Names of the staging tables of ImportUpsert: temporary, so private to the import's connection.
const (
	stageEmployees  = "jenjang_import_employees"
	stagePredicates = "jenjang_import_predicates"
)

// employeeColumns are the columns of the employees table, in the order copyEmployee gives their values.
var employeeColumns = []string{
	"region", "nip", "name", "type", "grade", "pppk_grade", "grade_tmt", "position_title", "position_kind",
	"position_level", "position_field", "position_service", "position_lowest_grade", "position_tmt", "education",
	"unit", "agency", "supervisor_nip", "appointed", "credit_points", "potential_score", "version", "created_at",
	"updated_at", "deleted_at",
}

var predicateColumns = []string{"region", "nip", "year", "predicate", "source", "appraisal_id", "recorded_at"}

// ImportEmployees runs fill inside one transaction, in which fill hands every row to the BulkWriter, then finishes
// the import as imp.Mode says, writes the audit event imp.Audit builds and commits. Any error rolls everything
// back: a failed import leaves no row behind, even when the process dies half-way (the transaction never commits).
//
// Rows must be valid (the importer validated them with the career parsers) and their NIPs distinct.
func (s *Store) ImportEmployees(ctx context.Context, imp EmployeeImport, fill func(ctx context.Context, w *BulkWriter) error) (ImportCounts, error) {
	if imp.Audit == nil || imp.Mode == ImportUpsert && (imp.Changed == nil || imp.Replaced == nil) {
		return ImportCounts{}, errors.New("store: import without its audit events")
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return ImportCounts{}, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return ImportCounts{}, mapError(err, "import")
	}
	defer tx.Rollback() // a no-op after Commit
	w := &BulkWriter{s: s, tx: tx, conn: conn, imp: imp, now: s.now()}

	if imp.Mode == ImportUpsert {
		if err := w.createStage(ctx); err != nil {
			return ImportCounts{}, err
		}
	}
	if err := fill(ctx, w); err != nil {
		return ImportCounts{}, err
	}
	counts := ImportCounts{Inserted: w.staged, Predicates: w.preds}
	if imp.Mode == ImportUpsert {
		if counts, err = w.merge(ctx); err != nil {
			return ImportCounts{}, err
		}
	}
	event := imp.Audit(counts)
	if event.At.IsZero() {
		event.At = w.now // the time of the import's rows and of its other events
	}
	if err := s.AppendAudit(ctx, tx, event); err != nil {
		return ImportCounts{}, err
	}
	if err := tx.Commit(); err != nil {
		return ImportCounts{}, mapError(err, "import")
	}
	return counts, nil
}

// Write adds rows and their predicates to the import. The slices may be reused once Write returns. Rows get
// version 1 and the import's time; predicates the import's time and source PredicateFromImport unless set.
func (w *BulkWriter) Write(ctx context.Context, rows []Employee, preds []Predicate) error {
	for i := range rows {
		r := &rows[i]
		if r.Region != w.imp.Region {
			return fmt.Errorf("store: import of region %s got a row of region %q", w.imp.Region, r.Region)
		}
		r.Version, r.CreatedAt, r.UpdatedAt, r.DeletedAt = 1, w.now, w.now, nil
	}
	for i := range preds {
		p := &preds[i]
		if p.Region != w.imp.Region {
			return fmt.Errorf("store: import of region %s got a predicate of region %q", w.imp.Region, p.Region)
		}
		p.RecordedAt = w.now
		if p.Source == "" {
			p.Source = PredicateFromImport
		}
	}
	empTable, predTable := "employees", "predicates"
	if w.imp.Mode == ImportUpsert {
		empTable, predTable = stageEmployees, stagePredicates
	}
	if err := w.insert(ctx, empTable, rows); err != nil {
		return err
	}
	w.staged += len(rows)
	if err := w.insertPredicates(ctx, predTable, preds); err != nil {
		return err
	}
	w.preds += len(preds)
	return nil
}

// insert writes employee rows to table: COPY on PostgreSQL, multi-row INSERTs on SQLite.
func (w *BulkWriter) insert(ctx context.Context, table string, rows []Employee) error {
	if len(rows) == 0 {
		return nil
	}
	if w.s.dialect == Postgres {
		i := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			w.vals = copyEmployee(w.vals[:0], &rows[i])
			i++
			return w.vals, nil
		})
		return mapError(w.copy(ctx, table, employeeColumns, src), "employee")
	}
	for start := 0; start < len(rows); start += importChunk {
		chunk := rows[start:min(start+importChunk, len(rows))]
		if _, err := w.tx.NewInsert().Model(&chunk).ModelTableExpr(table).Exec(ctx); err != nil {
			return mapError(err, "employee")
		}
	}
	return nil
}

func (w *BulkWriter) insertPredicates(ctx context.Context, table string, preds []Predicate) error {
	if len(preds) == 0 {
		return nil
	}
	if w.s.dialect == Postgres {
		i := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(preds) {
				return nil, nil
			}
			p := &preds[i]
			i++
			var appraisal any
			if p.AppraisalID != nil {
				appraisal = *p.AppraisalID
			}
			w.vals = append(w.vals[:0], p.Region, p.NIP, int32(p.Year), p.Predicate, p.Source, appraisal, p.RecordedAt)
			return w.vals, nil
		})
		return mapError(w.copy(ctx, table, predicateColumns, src), "predicate")
	}
	for start := 0; start < len(preds); start += importChunk {
		chunk := preds[start:min(start+importChunk, len(preds))]
		if _, err := w.tx.NewInsert().Model(&chunk).ModelTableExpr(table).Exec(ctx); err != nil {
			return mapError(err, "predicate")
		}
	}
	return nil
}

// copy runs a COPY FROM on the connection of the import's transaction. database/sql hides the pgx connection, and
// a *sql.Tx does not give it up; but the transaction was begun on a dedicated *sql.Conn, whose Raw hands out the
// same session, so the COPY runs inside the transaction (jackc/pgx#1904).
func (w *BulkWriter) copy(ctx context.Context, table string, columns []string, src pgx.CopyFromSource) error {
	return w.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: COPY needs the pgx driver, not %T", dc)
		}
		_, err := sc.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
		return err
	})
}

// copyEmployee appends the COPY values of r to vals, in the order of employeeColumns. Dates go as time.Time (DATE
// in binary COPY), NULLs as nil.
func copyEmployee(vals []any, r *Employee) []any {
	var supervisor, appointed, potential any
	if r.SupervisorNIP != "" {
		supervisor = r.SupervisorNIP
	}
	if !career.Date(r.Appointed).IsZero() {
		appointed = career.Date(r.Appointed).Time()
	}
	if r.PotentialScore != nil {
		potential = *r.PotentialScore
	}
	return append(vals,
		r.Region, r.NIP, r.Name, r.Type, r.Grade, r.PPPKGrade, career.Date(r.GradeTMT).Time(), r.PositionTitle,
		r.PositionKind, r.PositionLevel, r.PositionField, r.PositionService, r.PositionLowestGrade,
		career.Date(r.PositionTMT).Time(), r.Education, r.Unit, r.Agency, supervisor, appointed, r.CreditPoints,
		potential, r.Version, r.CreatedAt, r.UpdatedAt, nil)
}

// createStage creates the staging tables of ImportUpsert, shaped like the real ones but without their keys.
func (w *BulkWriter) createStage(ctx context.Context) error {
	var stmts []string
	if w.s.dialect == Postgres {
		stmts = []string{
			"CREATE TEMPORARY TABLE " + stageEmployees + " (LIKE employees INCLUDING DEFAULTS) ON COMMIT DROP",
			"CREATE TEMPORARY TABLE " + stagePredicates + " (LIKE predicates INCLUDING DEFAULTS) ON COMMIT DROP",
		}
	} else {
		stmts = []string{
			"DROP TABLE IF EXISTS temp." + stageEmployees,
			"DROP TABLE IF EXISTS temp." + stagePredicates,
			"CREATE TEMPORARY TABLE " + stageEmployees + " AS SELECT * FROM employees WHERE 0",
			"CREATE TEMPORARY TABLE " + stagePredicates + " AS SELECT * FROM predicates WHERE 0",
		}
	}
	for _, q := range stmts {
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: import staging: %w", err)
		}
	}
	if w.imp.Sanctions {
		return w.createSanctionStage(ctx)
	}
	return nil
}

// updatedColumns are the columns an import overwrites on an existing employee; keepColumns those it keeps when
// the file leaves them empty. position_lowest_grade is overwritten only when the file has the column
// (EmployeeImport.LowestGrade); version and created_at are never taken from the file.
var (
	updatedColumns = []string{
		"name", "type", "grade", "pppk_grade", "grade_tmt", "position_title", "position_kind", "position_level",
		"position_field", "position_service", "position_tmt", "education", "unit", "agency", "supervisor_nip",
		"credit_points",
	}
	keepColumns = []string{"appointed", "potential_score"}
)

// merge finishes an ImportUpsert: history of the changed, then insert or update from the stage, then predicates.
func (w *BulkWriter) merge(ctx context.Context) (ImportCounts, error) {
	pg := w.s.dialect == Postgres
	distinct := " IS NOT " // SQLite's null-safe inequality
	dayBefore := "date(s.position_tmt, '-1 day')"
	if pg {
		distinct, dayBefore = " IS DISTINCT FROM ", "s.position_tmt - 1"
	}
	join := " FROM " + stageEmployees + " s JOIN employees e ON e.region = s.region AND e.nip = s.nip"

	var counts ImportCounts
	var matched int
	if err := w.tx.QueryRowContext(ctx, "SELECT count(*)"+join).Scan(&matched); err != nil {
		return counts, fmt.Errorf("store: import: %w", err)
	}

	// The previous grade and position of a current employee go to the history when they change, as when an
	// employee is updated one at a time (api.changeHistory): the position step ends the day before the new TMT, and
	// a move to another unit or agency is a position step too. PPPK grades are not history steps (not ranks).
	history := []string{
		"INSERT INTO employee_history (region, nip, kind, grade, from_date, source, recorded_at)" +
			" SELECT e.region, e.nip, 'grade', e.grade, e.grade_tmt, 'import', ?" + join +
			" WHERE e.deleted_at IS NULL AND e.grade <> '' AND (e.grade <> s.grade OR e.grade_tmt <> s.grade_tmt)",
		"INSERT INTO employee_history (region, nip, kind, position_title, position_kind, position_level, position_field," +
			" position_service, position_lowest_grade, unit, agency, from_date, until_date, source, recorded_at)" +
			" SELECT e.region, e.nip, 'position', e.position_title, e.position_kind, e.position_level, e.position_field," +
			" e.position_service, e.position_lowest_grade, e.unit, e.agency, e.position_tmt," +
			" CASE WHEN s.position_tmt > e.position_tmt THEN " + dayBefore + " ELSE e.position_tmt END, 'import', ?" + join +
			" WHERE e.deleted_at IS NULL AND (e.position_title <> s.position_title OR e.position_kind <> s.position_kind" +
			" OR e.position_level <> s.position_level OR e.position_tmt <> s.position_tmt OR e.unit <> s.unit OR e.agency <> s.agency)",
	}
	for _, q := range history {
		if _, err := w.tx.NewRaw(q, w.now).Exec(ctx); err != nil {
			return counts, fmt.Errorf("store: import history: %w", err)
		}
	}

	var set, changed []string
	for _, c := range updatedColumns {
		set = append(set, c+" = excluded."+c)
		changed = append(changed, "employees."+c+distinct+"excluded."+c)
	}
	for _, c := range keepColumns {
		set = append(set, c+" = COALESCE(excluded."+c+", employees."+c+")")
		changed = append(changed, "COALESCE(excluded."+c+", employees."+c+")"+distinct+"employees."+c)
	}
	if w.imp.LowestGrade {
		set = append(set, "position_lowest_grade = excluded.position_lowest_grade")
		changed = append(changed, "employees.position_lowest_grade <> excluded.position_lowest_grade")
	}
	set = append(set, "version = employees.version + 1", "updated_at = excluded.updated_at", "deleted_at = NULL")
	changed = append(changed, "employees.deleted_at IS NOT NULL")
	if w.imp.Sanctions {
		if err := w.findSanctionChanges(ctx); err != nil {
			return counts, err
		}
		changed = append(changed, sanctionsChanged)
	}
	// The stored rows the upsert is about to change (its own WHERE), kept for their audit events (auditChanges); an
	// unchanged re-import keeps none. The history above did not touch the employees table.
	as := " AS "
	if pg {
		as = " ON COMMIT DROP AS "
	}
	if err := w.dropTemp(ctx, snapEmployees, snapSanctions, snapPredicates); err != nil { // left by a failed import
		return counts, err
	}
	snap := "CREATE TEMPORARY TABLE " + snapEmployees + as + "SELECT employees.* FROM " + stageEmployees + " excluded" +
		" JOIN employees ON employees.region = excluded.region AND employees.nip = excluded.nip WHERE " + strings.Join(changed, " OR ")
	if _, err := w.tx.ExecContext(ctx, snap); err != nil {
		return counts, fmt.Errorf("store: import snapshot: %w", err)
	}
	if err := w.snapshot(ctx); err != nil {
		return counts, err
	}
	cols := strings.Join(employeeColumns, ", ")
	upsert := "INSERT INTO employees (" + cols + ") SELECT " + cols + " FROM " + stageEmployees + " WHERE true" +
		" ON CONFLICT (region, nip) DO UPDATE SET " + strings.Join(set, ", ") + " WHERE " + strings.Join(changed, " OR ")
	res, err := w.tx.ExecContext(ctx, upsert)
	if err != nil {
		return counts, mapError(err, "employee")
	}
	affected, err := res.RowsAffected()
	if err != nil {
		return counts, err
	}
	counts.Inserted = w.staged - matched
	counts.Updated = int(affected) - counts.Inserted
	counts.Unchanged = matched - counts.Updated
	if w.imp.Sanctions {
		if err := w.mergeSanctions(ctx); err != nil {
			return counts, err
		}
	}

	pcols := strings.Join(predicateColumns, ", ")
	res, err = w.tx.ExecContext(ctx, "INSERT INTO predicates ("+pcols+") SELECT "+pcols+" FROM "+stagePredicates+
		" WHERE true ON CONFLICT (region, nip, year) DO UPDATE SET predicate = excluded.predicate,"+
		" source = excluded.source, recorded_at = excluded.recorded_at"+
		" WHERE "+predicateReplaced)
	if err != nil {
		return counts, mapError(err, "predicate")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return counts, err
	}
	counts.Predicates = int(n)

	if err := w.auditChanges(ctx); err != nil {
		return counts, err
	}
	return counts, w.dropTemp(ctx, stageEmployees, stagePredicates, snapEmployees, snapSanctions, snapPredicates)
}

// EmployeeStates returns which of nips exist in region, each mapped to whether it is soft-deleted. The importer
// asks it in batches, to tell new employees from existing ones and to find superiors outside the file.
func (s *Store) EmployeeStates(ctx context.Context, region string, nips []string) (map[string]bool, error) {
	out := make(map[string]bool, len(nips))
	if len(nips) == 0 {
		return out, nil
	}
	rows, err := s.db.NewSelect().Model((*Employee)(nil)).Column("nip").ColumnExpr("deleted_at IS NOT NULL").
		Where("region = ?", region).Where("nip IN (?)", bun.List(nips)).Rows(ctx)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var nip string
		var deleted bool
		if err := rows.Scan(&nip, &deleted); err != nil {
			return nil, err
		}
		out[nip] = deleted
	}
	return out, rows.Err()
}

// BulkInsertEmployees inserts rows into the employees table with plain multi-row INSERTs of 1,000 rows through
// Bun, in one transaction, and nothing else: no history, no audit. It is the baseline the import benchmark
// compares with, and a tool for seeding test data.
func (s *Store) BulkInsertEmployees(ctx context.Context, rows []Employee) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		for i := range rows {
			rows[i].Version, rows[i].CreatedAt, rows[i].UpdatedAt = 1, now, now
		}
		for start := 0; start < len(rows); start += importChunk {
			chunk := rows[start:min(start+importChunk, len(rows))]
			if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
				return mapError(err, "employee")
			}
		}
		return nil
	})
}

// CopyEmployees writes rows into the employees table with one bare pgx COPY in one transaction: the ceiling of
// PostgreSQL bulk writes, for the import benchmark. It fails on SQLite.
func (s *Store) CopyEmployees(ctx context.Context, rows []Employee) error {
	if s.dialect != Postgres {
		return errors.New("store: COPY needs PostgreSQL")
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	now := s.now()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		var vals []any
		i := 0
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"employees"}, employeeColumns, pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			r := &rows[i]
			r.Version, r.CreatedAt, r.UpdatedAt = 1, now, now
			vals = copyEmployee(vals[:0], r)
			i++
			return vals, nil
		})); err != nil {
			return mapError(err, "employee")
		}
		return tx.Commit(ctx)
	})
}
