package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// Employee is a row of the employees table: the current state of one ASN in one region. Career converts it to the
// domain type and EmployeeFrom back; the history (grade and position steps) and sanctions live in their own tables
// and are attached by LoadCareers.
type Employee struct {
	bun.BaseModel `bun:"table:employees"`

	Region              string     `bun:"region,pk"`
	NIP                 string     `bun:"nip,pk"`
	Name                string     `bun:"name,notnull"`
	Type                string     `bun:"type,notnull"`  // "PNS" or "PPPK"
	Grade               string     `bun:"grade,notnull"` // "III/a"; "" for a PPPK
	PPPKGrade           string     `bun:"pppk_grade,notnull"`
	GradeTMT            Date       `bun:"grade_tmt"`
	PositionTitle       string     `bun:"position_title,notnull"`
	PositionKind        string     `bun:"position_kind,notnull"`
	PositionLevel       string     `bun:"position_level,notnull"`
	PositionField       string     `bun:"position_field,notnull"`
	PositionService     bool       `bun:"position_service,notnull"`
	PositionLowestGrade string     `bun:"position_lowest_grade,notnull"`
	PositionTMT         Date       `bun:"position_tmt"`
	Education           string     `bun:"education,notnull"`
	Unit                string     `bun:"unit,notnull"`
	Agency              string     `bun:"agency,notnull"`
	SupervisorNIP       string     `bun:"supervisor_nip,nullzero"`
	Appointed           Date       `bun:"appointed"`
	CreditPoints        float64    `bun:"credit_points,notnull"`
	PotentialScore      *float64   `bun:"potential_score"` // nil: not assessed
	Version             int64      `bun:"version,notnull"`
	CreatedAt           time.Time  `bun:"created_at,notnull"`
	UpdatedAt           time.Time  `bun:"updated_at,notnull"`
	DeletedAt           *time.Time `bun:"deleted_at"`
	// Sanctions are the employee's sanctions, oldest first, as GetEmployee read them in the same query as the row
	// (the answer about one employee shows them). Other reads, and every write, leave them nil.
	Sanctions SanctionList `bun:"sanctions,scanonly"`
}

// EmployeeFrom returns the row of a domain employee in region. Version and timestamps are set by the store when it
// writes the row; the history and sanctions of e are written by InsertEmployees, not by the row.
func EmployeeFrom(region string, e career.Employee) Employee {
	row := Employee{
		Region:              region,
		NIP:                 e.NIP.String(),
		Name:                strings.TrimSpace(e.Name),
		Type:                e.Type.String(),
		Grade:               e.Grade.String(),
		PPPKGrade:           e.PPPKGrade.String(),
		GradeTMT:            Date(e.GradeTMT),
		PositionTitle:       strings.TrimSpace(e.Position.Title),
		PositionKind:        e.Position.Kind.String(),
		PositionLevel:       e.Position.Level.String(),
		PositionField:       strings.TrimSpace(e.Position.Field),
		PositionService:     e.Position.Service,
		PositionLowestGrade: e.Position.LowestGrade.String(),
		PositionTMT:         Date(e.PositionTMT),
		Education:           e.Education.String(),
		Unit:                strings.TrimSpace(e.Unit),
		Agency:              strings.TrimSpace(e.Agency),
		SupervisorNIP:       e.Supervisor.String(),
		Appointed:           Date(e.Appointed),
		CreditPoints:        e.CreditPoints,
	}
	return row
}

// Career returns the domain employee of the row, without history and sanctions (see LoadCareers). It fails only
// on a row the store did not write (an edited database).
func (r Employee) Career() (career.Employee, error) {
	var e career.Employee
	var err error
	if e.NIP, err = career.ParseNIPAt(r.NIP, career.Date{}); err != nil {
		return e, err
	}
	e.Name, e.Unit, e.Agency, e.CreditPoints = r.Name, r.Unit, r.Agency, r.CreditPoints
	if e.Type, err = career.ParseEmploymentType(r.Type); err != nil {
		return e, err
	}
	if r.Grade != "" {
		if e.Grade, err = career.ParseGrade(r.Grade); err != nil {
			return e, err
		}
	}
	if r.PPPKGrade != "" {
		if e.PPPKGrade, err = career.ParsePPPKGrade(r.PPPKGrade); err != nil {
			return e, err
		}
	}
	e.GradeTMT, e.PositionTMT, e.Appointed = r.GradeTMT.Career(), r.PositionTMT.Career(), r.Appointed.Career()
	if e.Position, err = positionOf(r.PositionTitle, r.PositionKind, r.PositionLevel, r.PositionField, r.PositionService, r.PositionLowestGrade); err != nil {
		return e, err
	}
	if e.Education, err = career.ParseEducation(r.Education); err != nil {
		return e, err
	}
	if r.SupervisorNIP != "" {
		if e.Supervisor, err = career.ParseNIPAt(r.SupervisorNIP, career.Date{}); err != nil {
			return e, err
		}
	}
	return e, nil
}

func positionOf(title, kind, level, field string, service bool, lowest string) (career.Position, error) {
	p := career.Position{Title: title, Field: field, Service: service}
	var err error
	if kind != "" {
		if p.Kind, err = career.ParsePositionKind(kind); err != nil {
			return p, err
		}
	}
	if level != "" {
		if p.Level, err = career.ParseLevel(level); err != nil {
			return p, err
		}
	}
	if lowest != "" {
		if p.LowestGrade, err = career.ParseGrade(lowest); err != nil {
			return p, err
		}
	}
	return p, nil
}

// insertChunk bounds the rows of one multi-row INSERT (DESIGN §8: ~1,000-row statements are the sweet spot; the
// employees table has 25 columns, well within both databases' parameter limits as Bun inlines values).
const insertChunk = 500

// InsertEmployees inserts new employees of region with db (a transaction, for an import): the rows, their grade and
// position history (e.Grades, e.Positions) and their sanctions. Each employee must be valid (career.Employee.Validate);
// InsertEmployees checks it again and fails on the first invalid one with its field. A NIP that already exists in
// the region (even soft-deleted) is a career.Conflict. It writes no audit event: the caller writes one per change.
func (s *Store) InsertEmployees(ctx context.Context, db bun.IDB, region string, es []career.Employee) error {
	rows := make([]Employee, len(es))
	for i, e := range es {
		if err := e.Validate(career.Date{}); err != nil {
			return err
		}
		rows[i] = EmployeeFrom(region, e)
	}
	if err := s.InsertEmployeeRows(ctx, db, rows); err != nil {
		return err
	}
	var hist []HistoryStep
	var sanctions []Sanction
	for _, e := range es {
		hist = append(hist, HistoryOf(region, e, "insert")...)
		for _, sn := range e.Sanctions {
			sanctions = append(sanctions, SanctionFrom(region, e.NIP.String(), sn))
		}
	}
	if err := s.AppendHistory(ctx, db, hist); err != nil {
		return err
	}
	return s.InsertSanctions(ctx, db, sanctions)
}

// InsertEmployeeRows inserts employee rows as they are (PotentialScore included), in chunks, setting Version to 1
// and the timestamps.
func (s *Store) InsertEmployeeRows(ctx context.Context, db bun.IDB, rows []Employee) error {
	now := s.now()
	for i := range rows {
		rows[i].Version, rows[i].CreatedAt, rows[i].UpdatedAt, rows[i].DeletedAt = 1, now, now, nil
	}
	for start := 0; start < len(rows); start += insertChunk {
		chunk := rows[start:min(start+insertChunk, len(rows))]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return mapError(err, "employee")
		}
	}
	return nil
}

// errEmployeeNotFound is the answer for a NIP that is not (or no longer) in the region: another region's NIP looks
// exactly like a missing one.
func errEmployeeNotFound(nip string) error {
	return &career.Error{Code: career.NotFound, Field: "nip", Message: "employee " + nip + " not found in this region",
		ID: "pegawai " + nip + " tidak ditemukan di wilayah ini"}
}

// GetEmployee returns the current (not deleted) employee nip of region, with its sanctions (Employee.Sanctions), or
// a career.NotFound error. db may be nil (the store's DB, through a prepared statement when the store prepares
// them: see getEmployeePrepared) or a transaction.
func (s *Store) GetEmployee(ctx context.Context, db bun.IDB, region, nip string) (Employee, error) {
	var r Employee
	var err error
	if db == nil && s.prepare {
		err = s.getEmployeePrepared(ctx, &r, region, nip)
	} else {
		if db == nil {
			db = s.db
		}
		err = s.selectEmployee(db.NewSelect().Model(&r)).
			Where("region = ?", region).Where("nip = ?", nip).Where("deleted_at IS NULL").Scan(ctx)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return r, errEmployeeNotFound(nip)
	}
	return r, err
}

// selectEmployee selects the model's columns by name (not *, so that a column a newer migration adds cannot
// break an older binary's reads) and the sanctions beside them.
func (s *Store) selectEmployee(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("?TableColumns").ColumnExpr(s.sanctionsColumn())
}

// placeholder returns the n-th parameter placeholder of a statement in the store's dialect.
func (s *Store) placeholder(n int) string {
	if s.dialect == Postgres {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// sanctionsColumn is the column expression that reads an employee's sanctions as one JSON array (oldest first)
// beside the row, so that the answer about one employee costs one query, not two: GET of an employee is the
// hottest read of the server. The two databases spell JSON aggregation differently.
func (s *Store) sanctionsColumn() string {
	if s.dialect == Postgres {
		return "(SELECT coalesce(json_agg(json_build_object('level', sn.level, 'from', sn.from_date, 'until', sn.until_date) " +
			"ORDER BY sn.from_date, sn.id), '[]') FROM sanctions AS sn WHERE sn.region = employee.region AND sn.nip = employee.nip) AS sanctions"
	}
	return "(SELECT json_group_array(json_object('level', sn.level, 'from', sn.from_date, 'until', sn.until_date) " +
		"ORDER BY sn.from_date, sn.id) FROM sanctions AS sn WHERE sn.region = employee.region AND sn.nip = employee.nip) AS sanctions"
}

// getEmployeePrepared is GetEmployee's query as a prepared statement. It is the hottest read of the server, and
// parsing and planning it costs about as much as running it: on SQLite at every call, as Bun inlines values; on
// PostgreSQL too, because the store runs pgx in simple-protocol mode (see Open), which prepares nothing unless
// asked. The SQL text is Bun's own for the model, with placeholders where the values go.
//
// database/sql prepares the statement again on each new pooled connection (after a database restart, say). A
// statement that failed is dropped, and one that could not be prepared is not kept: the next call prepares it
// afresh, so a database that was down when it was first needed costs those calls only.
func (s *Store) getEmployeePrepared(ctx context.Context, r *Employee, region, nip string) error {
	stmt, err := s.getEmployeeStmt(ctx)
	if err != nil {
		return err
	}
	err = s.scanEmployee(ctx, stmt, r, region, nip)
	if err != nil && !errors.Is(err, sql.ErrNoRows) && ctx.Err() == nil {
		if s.getEmployee.stmt.CompareAndSwap(stmt, nil) {
			stmt.Close() // in-flight queries keep it until they end
		}
	}
	return err
}

// getEmployeeStmt returns the prepared statement of GetEmployee, preparing it when there is none.
func (s *Store) getEmployeeStmt(ctx context.Context) (*sql.Stmt, error) {
	if stmt := s.getEmployee.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	s.getEmployee.mu.Lock()
	defer s.getEmployee.mu.Unlock()
	if stmt := s.getEmployee.stmt.Load(); stmt != nil {
		return stmt, nil
	}
	q := s.selectEmployee(s.db.NewSelect().Model((*Employee)(nil))).
		Where("region = ?", bun.Safe(s.placeholder(1))).Where("nip = ?", bun.Safe(s.placeholder(2))).Where("deleted_at IS NULL")
	stmt, err := s.db.DB.PrepareContext(ctx, q.String())
	if err != nil {
		return nil, err
	}
	s.getEmployee.stmt.Store(stmt)
	return stmt, nil
}

func (s *Store) scanEmployee(ctx context.Context, stmt *sql.Stmt, r *Employee, region, nip string) error {
	rows, err := stmt.QueryContext(ctx, region, nip)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := s.db.ScanRow(ctx, rows, r); err != nil {
		return err
	}
	return rows.Close()
}

// EmployeeFilter selects employees of one region. Zero fields do not filter.
type EmployeeFilter struct {
	Region     string // required
	Unit       string // exact unit kerja
	Supervisor string // only the direct subordinates of this NIP
	Grade      string // exact grade, "III/a"
	Kind       string // position kind, "fungsional"
	Query      string // a substring of the name (case-insensitive) or a prefix of the NIP
	NIPs       []string
	After      string // keyset cursor: only NIPs after this one
	Limit      int    // page size: 0 means DefaultEmployeeLimit; capped at MaxEmployeeLimit
}

// Paging bounds of ListEmployees.
const (
	DefaultEmployeeLimit = 50
	MaxEmployeeLimit     = 1000
)

// EmployeePage is one page of employees, by NIP.
type EmployeePage struct {
	Employees []Employee
	Next      string // cursor (the last NIP) of the next page; "" on the last page
}

func (s *Store) employeeQuery(db bun.IDB, f EmployeeFilter) *bun.SelectQuery {
	q := db.NewSelect().Model((*Employee)(nil)).Where("region = ?", f.Region).Where("deleted_at IS NULL")
	if f.Unit != "" {
		q = q.Where("unit = ?", f.Unit)
	}
	if f.Supervisor != "" {
		q = q.Where("supervisor_nip = ?", f.Supervisor)
	}
	if f.Grade != "" {
		q = q.Where("grade = ?", f.Grade)
	}
	if f.Kind != "" {
		q = q.Where("position_kind = ?", f.Kind)
	}
	if f.Query != "" {
		like := "%" + escapeLike(strings.ToLower(f.Query)) + "%"
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("LOWER(name) LIKE ? ESCAPE '\\'", like).WhereOr("nip LIKE ? ESCAPE '\\'", escapeLike(f.Query)+"%")
		})
	}
	if f.NIPs != nil {
		q = q.Where("nip IN (?)", bun.List(f.NIPs))
	}
	if f.After != "" {
		q = q.Where("nip > ?", f.After)
	}
	return q.OrderExpr("nip ASC")
}

// escapeLike escapes the LIKE wildcards of user input.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListEmployees returns one page of the employees f selects, ordered by NIP.
func (s *Store) ListEmployees(ctx context.Context, f EmployeeFilter) (EmployeePage, error) {
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultEmployeeLimit
	case limit > MaxEmployeeLimit:
		limit = MaxEmployeeLimit
	}
	if f.NIPs != nil && len(f.NIPs) == 0 {
		return EmployeePage{Employees: []Employee{}}, nil
	}
	rows := []Employee{}
	if err := s.employeeQuery(s.db, f).Limit(int64(limit)+1).Scan(ctx, &rows); err != nil {
		return EmployeePage{}, err
	}
	page := EmployeePage{Employees: rows}
	if len(rows) > limit {
		page.Employees = rows[:limit]
		page.Next = rows[limit-1].NIP
	}
	return page, nil
}

// EachEmployee streams every employee f selects (f.After and f.Limit are ignored) to fn in batches of batchSize,
// by NIP, reading one batch at a time with a keyset query so that memory stays flat however large the region is.
// fn may keep nothing of the slice after it returns; an error from fn stops the walk and is returned.
func (s *Store) EachEmployee(ctx context.Context, f EmployeeFilter, batchSize int, fn func([]Employee) error) error {
	if batchSize <= 0 {
		batchSize = DefaultEmployeeLimit
	}
	if f.NIPs != nil && len(f.NIPs) == 0 {
		return nil
	}
	f.After = ""
	rows := make([]Employee, 0, batchSize)
	for {
		rows = rows[:0]
		if err := s.employeeQuery(s.db, f).Limit(int64(batchSize)).Scan(ctx, &rows); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		if err := fn(rows); err != nil {
			return err
		}
		if len(rows) < batchSize {
			return nil
		}
		f.After = rows[len(rows)-1].NIP
	}
}

// CountEmployees returns how many current employees f selects.
func (s *Store) CountEmployees(ctx context.Context, f EmployeeFilter) (int, error) {
	f.After = ""
	n, err := s.employeeQuery(s.db, f).Count(ctx)
	return int(n), err
}

// UpdateEmployee writes row over the current employee if its version is still version, increments the version and
// returns the new row. A version that no longer matches (a concurrent change) is a career.Conflict; a missing or
// deleted employee a career.NotFound.
func (s *Store) UpdateEmployee(ctx context.Context, db bun.IDB, row Employee, version int64) (Employee, error) {
	row.Version = version + 1
	row.UpdatedAt = s.now()
	res, err := db.NewUpdate().Model(&row).
		ExcludeColumn("region", "nip", "created_at", "deleted_at").
		Where("region = ?", row.Region).Where("nip = ?", row.NIP).
		Where("version = ?", version).Where("deleted_at IS NULL").
		Exec(ctx)
	if err != nil {
		return Employee{}, mapError(err, "employee")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.GetEmployee(ctx, db, row.Region, row.NIP); err != nil {
			return Employee{}, err
		}
		return Employee{}, career.Newf(career.Conflict, "", "data pegawai %s sudah berubah sejak dibaca",
			"employee %s changed since it was read", row.NIP)
	}
	return s.GetEmployee(ctx, db, row.Region, row.NIP)
}

// DeleteEmployee soft-deletes the employee if its version is still version: the row stays (its history,
// appraisals and decisions refer to it) but reads no longer return it. Errors as UpdateEmployee.
func (s *Store) DeleteEmployee(ctx context.Context, db bun.IDB, region, nip string, version int64) error {
	now := s.now()
	res, err := db.NewUpdate().Model((*Employee)(nil)).
		Set("deleted_at = ?", now).Set("updated_at = ?", now).Set("version = version + 1").
		Where("region = ?", region).Where("nip = ?", nip).Where("version = ?", version).Where("deleted_at IS NULL").
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.GetEmployee(ctx, db, region, nip); err != nil {
			return err
		}
		return career.Newf(career.Conflict, "", "data pegawai %s sudah berubah sejak dibaca",
			"employee %s changed since it was read", nip)
	}
	return nil
}
