package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/training"
)

// Program is a row of training_programs: a development program in a region's catalogue.
type Program struct {
	bun.BaseModel `bun:"table:training_programs"`

	Region     string          `bun:"region,pk"`
	Code       string          `bun:"code,pk"`
	Title      string          `bun:"title,notnull"`
	Method     string          `bun:"method,notnull"`
	Competency string          `bun:"competency,notnull"`
	JP         int             `bun:"jp,notnull"`
	Cost       int64           `bun:"cost,notnull"`
	Seats      int             `bun:"seats,notnull"`
	Provider   string          `bun:"provider,notnull"`
	Fields     json.RawMessage `bun:"fields,type:json,notnull"`
	Tags       json.RawMessage `bun:"tags,type:json,notnull"`
	CreatedAt  time.Time       `bun:"created_at,notnull"`
}

// ProgramFrom returns the row of a domain program.
func ProgramFrom(region string, p training.Program) Program {
	return Program{Region: region, Code: p.Code, Title: p.Title, Method: string(p.Method), Competency: p.Competency.String(),
		JP: p.JP, Cost: p.Cost, Seats: p.Seats, Provider: p.Provider, Fields: mustJSON(nonNil(p.Fields)), Tags: mustJSON(nonNil(p.Tags))}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Training returns the domain program.
func (r Program) Training() (training.Program, error) {
	p := training.Program{Code: r.Code, Title: r.Title, Method: training.Method(r.Method), JP: r.JP, Cost: r.Cost, Seats: r.Seats, Provider: r.Provider}
	var err error
	if p.Competency, err = training.ParseCompetency(r.Competency); err != nil {
		return p, err
	}
	if err := json.Unmarshal(r.Fields, &p.Fields); err != nil {
		return p, err
	}
	if err := json.Unmarshal(r.Tags, &p.Tags); err != nil {
		return p, err
	}
	return p, nil
}

// InsertPrograms adds programs to a region's catalogue; an existing code is a career.Conflict.
func (s *Store) InsertPrograms(ctx context.Context, db bun.IDB, rows []Program) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		rows[i].CreatedAt = now
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return mapError(err, "training program")
}

// ListPrograms returns a region's catalogue by code.
func (s *Store) ListPrograms(ctx context.Context, db bun.IDB, region string) ([]Program, error) {
	if db == nil {
		db = s.db
	}
	ps := []Program{}
	err := db.NewSelect().Model(&ps).Where("region = ?", region).OrderExpr("code").Scan(ctx)
	return ps, err
}

// GetProgram returns program code of region.
func (s *Store) GetProgram(ctx context.Context, db bun.IDB, region, code string) (Program, error) {
	var p Program
	err := db.NewSelect().Model(&p).Where("region = ?", region).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return p, &career.Error{Code: career.NotFound, Field: "program", Message: "training program " + code + " not found in this region",
			ID: "program pelatihan " + code + " tidak ditemukan di wilayah ini"}
	}
	return p, err
}

// Activity is a row of ledger_activities: one completed development activity in an employee's JP ledger.
type Activity struct {
	bun.BaseModel `bun:"table:ledger_activities"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Region    string    `bun:"region,notnull"`
	NIP       string    `bun:"nip,notnull"`
	On        Date      `bun:"on_date"`
	Program   string    `bun:"program,notnull"`
	Method    string    `bun:"method,notnull"`
	Minutes   int       `bun:"minutes,notnull"`
	Source    string    `bun:"source,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// ActivityFrom returns the row of a domain activity.
func ActivityFrom(region string, a training.Activity, source string) Activity {
	return Activity{Region: region, NIP: a.NIP.String(), On: Date(a.Date), Program: a.Program, Method: string(a.Method), Minutes: a.Minutes, Source: source}
}

// Training returns the domain activity.
func (r Activity) Training() (training.Activity, error) {
	nip, err := career.ParseNIPAt(r.NIP, career.Date{})
	if err != nil {
		return training.Activity{}, err
	}
	return training.Activity{NIP: nip, Date: r.On.Career(), Program: r.Program, Method: training.Method(r.Method), Minutes: r.Minutes}, nil
}

// InsertActivities appends activities to ledgers, setting their IDs.
func (s *Store) InsertActivities(ctx context.Context, db bun.IDB, rows []Activity) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		rows[i].ID, rows[i].CreatedAt = 0, now
	}
	for start := 0; start < len(rows); start += insertChunk {
		chunk := rows[start:min(start+insertChunk, len(rows))]
		if _, err := db.NewInsert().Model(&chunk).Returning("id").Exec(ctx); err != nil {
			return mapError(err, "ledger activity")
		}
	}
	return nil
}

// Ledgers returns the JP ledgers of a year of the given employees of region, by NIP; an employee with no activity
// gets an empty ledger.
func (s *Store) Ledgers(ctx context.Context, db bun.IDB, region string, year int, nips []string) (map[string]training.Ledger, error) {
	if db == nil {
		db = s.db
	}
	out := make(map[string]training.Ledger, len(nips))
	for _, n := range nips {
		nip, err := career.ParseNIPAt(n, career.Date{})
		if err != nil {
			return nil, err
		}
		out[n] = training.Ledger{NIP: nip, Year: year}
	}
	if len(nips) == 0 {
		return out, nil
	}
	var rows []Activity
	from, to := career.MustDate(year, 1, 1), career.MustDate(year, 12, 31)
	if err := db.NewSelect().Model(&rows).Where("region = ?", region).Where("nip IN (?)", bun.List(nips)).
		Where("on_date >= ?", Date(from)).Where("on_date <= ?", Date(to)).OrderExpr("on_date, id").Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rows {
		a, err := r.Training()
		if err != nil {
			return nil, err
		}
		l := out[r.NIP]
		l.Activities = append(l.Activities, a) // stored activities were validated on the way in
		out[r.NIP] = l
	}
	return out, nil
}

// ListActivities returns an employee's activities of a year, oldest first.
func (s *Store) ListActivities(ctx context.Context, region, nip string, year int) ([]Activity, error) {
	rows := []Activity{}
	err := s.db.NewSelect().Model(&rows).Where("region = ?", region).Where("nip = ?", nip).
		Where("on_date >= ?", Date(career.MustDate(year, 1, 1))).Where("on_date <= ?", Date(career.MustDate(year, 12, 31))).
		OrderExpr("on_date, id").Scan(ctx)
	return rows, err
}

// Enrolment statuses.
const (
	EnrolmentEnrolled  = "enrolled"
	EnrolmentCompleted = "completed"
)

// Enrolment is a row of enrolments: an employee enrolled in a program.
type Enrolment struct {
	bun.BaseModel `bun:"table:enrolments"`

	ID          int64     `bun:"id,pk,autoincrement"`
	Region      string    `bun:"region,notnull"`
	NIP         string    `bun:"nip,notnull"`
	ProgramCode string    `bun:"program_code,notnull"`
	Status      string    `bun:"status,notnull"`
	EnrolledOn  Date      `bun:"enrolled_on"`
	CompletedOn Date      `bun:"completed_on"`
	ActivityID  *int64    `bun:"activity_id"`
	Version     int64     `bun:"version,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// CreateEnrolment inserts an enrolment, setting its ID. The program's seat limit is checked in the same
// transaction: a full program is a career.Conflict.
func (s *Store) CreateEnrolment(ctx context.Context, db bun.IDB, e *Enrolment, seats int) error {
	if seats > 0 {
		n, err := db.NewSelect().Model((*Enrolment)(nil)).Where("region = ?", e.Region).Where("program_code = ?", e.ProgramCode).
			Where("status IN (?)", bun.List([]string{EnrolmentEnrolled, EnrolmentCompleted})).Count(ctx)
		if err != nil {
			return err
		}
		if n >= int64(seats) {
			return career.Newf(career.Conflict, "program", "kursi program %s sudah habis (%d)",
				"program %s has no seat left (%d)", e.ProgramCode, seats)
		}
	}
	e.ID, e.Status, e.Version, e.CreatedAt = 0, EnrolmentEnrolled, 1, s.now()
	_, err := db.NewInsert().Model(e).Returning("id").Exec(ctx)
	return mapError(err, "enrolment")
}

// GetEnrolment returns enrolment id of region.
func (s *Store) GetEnrolment(ctx context.Context, db bun.IDB, region string, id int64) (Enrolment, error) {
	var e Enrolment
	err := db.NewSelect().Model(&e).Where("region = ?", region).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return e, &career.Error{Code: career.NotFound, Field: "id", Message: "enrolment not found in this region", ID: "pendaftaran pelatihan tidak ditemukan di wilayah ini"}
	}
	return e, err
}

// CompleteEnrolment marks an enrolled enrolment completed on a date with its ledger activity. An enrolment already
// completed is a career.Conflict.
func (s *Store) CompleteEnrolment(ctx context.Context, db bun.IDB, region string, id int64, on career.Date, activityID int64) error {
	res, err := db.NewUpdate().Model((*Enrolment)(nil)).
		Set("status = ?", EnrolmentCompleted).Set("completed_on = ?", Date(on)).Set("activity_id = ?", activityID).
		Set("version = version + 1").
		Where("region = ?", region).Where("id = ?", id).Where("status = ?", EnrolmentEnrolled).Exec(ctx)
	if err != nil {
		return mapError(err, "enrolment")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return career.Newf(career.Conflict, "", "pendaftaran pelatihan %d tidak dalam status yang dapat diselesaikan",
			"enrolment %d is not open for completion", id)
	}
	return nil
}
