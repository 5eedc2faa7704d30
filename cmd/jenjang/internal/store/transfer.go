package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// Transfer statuses.
const (
	TransferRequested = "requested"
	TransferApproved  = "approved"
	TransferRejected  = "rejected"
)

// Transfer is a row of transfers: a transfer (mutasi) request, its stored check and its status.
type Transfer struct {
	bun.BaseModel `bun:"table:transfers"`

	ID           int64           `bun:"id,pk,autoincrement"`
	Region       string          `bun:"region,notnull"`
	NIP          string          `bun:"nip,notnull"`
	FromAgency   string          `bun:"from_agency,notnull"`
	FromUnit     string          `bun:"from_unit,notnull"`
	FromRegency  string          `bun:"from_regency,notnull"`
	FromProvince string          `bun:"from_province,notnull"`
	ToAgency     string          `bun:"to_agency,notnull"`
	ToUnit       string          `bun:"to_unit,notnull"`
	ToRegency    string          `bun:"to_regency,notnull"`
	ToProvince   string          `bun:"to_province,notnull"`
	ToPosition   json.RawMessage `bun:"to_position,type:json,nullzero"` // a PositionJSON; nil keeps the current position
	Personal     bool            `bun:"personal,notnull"`
	RequestedOn  Date            `bun:"requested_on"`
	Status       string          `bun:"status,notnull"`
	Outcome      string          `bun:"outcome,notnull"`
	DecisionID   int64           `bun:"decision_id,notnull"`
	Version      int64           `bun:"version,notnull"`
	CreatedAt    time.Time       `bun:"created_at,notnull"`
	DecidedAt    *time.Time      `bun:"decided_at"`
}

// PositionJSON is how a position is stored in a JSON column.
type PositionJSON struct {
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Level       string `json:"level,omitempty"`
	Field       string `json:"field,omitempty"`
	Service     bool   `json:"service,omitempty"`
	LowestGrade string `json:"lowest_grade,omitempty"`
}

// PositionJSONOf returns the stored form of a position.
func PositionJSONOf(p career.Position) PositionJSON {
	return PositionJSON{Title: p.Title, Kind: p.Kind.String(), Level: p.Level.String(), Field: p.Field, Service: p.Service, LowestGrade: p.LowestGrade.String()}
}

// Career returns the domain position.
func (p PositionJSON) Career() (career.Position, error) {
	return positionOf(p.Title, p.Kind, p.Level, p.Field, p.Service, p.LowestGrade)
}

// InsertTransfer stores a transfer request, setting its ID.
func (s *Store) InsertTransfer(ctx context.Context, db bun.IDB, t *Transfer) error {
	t.ID, t.Status, t.Version, t.CreatedAt = 0, TransferRequested, 1, s.now()
	_, err := db.NewInsert().Model(t).Returning("id").Exec(ctx)
	return mapError(err, "transfer")
}

// GetTransfer returns transfer id of region.
func (s *Store) GetTransfer(ctx context.Context, db bun.IDB, region string, id int64) (Transfer, error) {
	if db == nil {
		db = s.db
	}
	var t Transfer
	err := db.NewSelect().Model(&t).Where("region = ?", region).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return t, &career.Error{Code: career.NotFound, Field: "id", Message: "transfer not found in this region", ID: "mutasi tidak ditemukan di wilayah ini"}
	}
	return t, err
}

// DecideTransfer moves a requested transfer at version to status (approved or rejected). A transfer decided
// already, or changed since version, is a career.Conflict.
func (s *Store) DecideTransfer(ctx context.Context, db bun.IDB, region string, id, version int64, status string) error {
	res, err := db.NewUpdate().Model((*Transfer)(nil)).
		Set("status = ?", status).Set("decided_at = ?", s.now()).Set("version = version + 1").
		Where("region = ?", region).Where("id = ?", id).Where("version = ?", version).Where("status = ?", TransferRequested).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return career.Newf(career.Conflict, "", "mutasi %d sudah diputuskan atau diubah",
			"transfer %d was decided or changed already", id)
	}
	return nil
}

// Opening is a row of position_openings: a position open for selection.
type Opening struct {
	bun.BaseModel `bun:"table:position_openings"`

	ID          int64     `bun:"id,pk,autoincrement"`
	Region      string    `bun:"region,notnull"`
	Title       string    `bun:"title,notnull"`
	Kind        string    `bun:"kind,notnull"`
	Level       string    `bun:"level,notnull"`
	Field       string    `bun:"field,notnull"`
	Service     bool      `bun:"service,notnull"`
	LowestGrade string    `bun:"lowest_grade,notnull"`
	Unit        string    `bun:"unit,notnull"`
	Status      string    `bun:"status,notnull"` // open, closed
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// Position returns the opening's domain position.
func (o Opening) Position() (career.Position, error) {
	return positionOf(o.Title, o.Kind, o.Level, o.Field, o.Service, o.LowestGrade)
}

// OpeningFrom returns the row of an open position.
func OpeningFrom(region string, p career.Position, unit string) Opening {
	j := PositionJSONOf(p)
	return Opening{Region: region, Title: j.Title, Kind: j.Kind, Level: j.Level, Field: j.Field, Service: j.Service, LowestGrade: j.LowestGrade, Unit: unit, Status: "open"}
}

// InsertOpening stores an opening, setting its ID.
func (s *Store) InsertOpening(ctx context.Context, db bun.IDB, o *Opening) error {
	o.ID, o.CreatedAt = 0, s.now()
	if o.Status == "" {
		o.Status = "open"
	}
	_, err := db.NewInsert().Model(o).Returning("id").Exec(ctx)
	return mapError(err, "position opening")
}

// GetOpening returns opening id of region.
func (s *Store) GetOpening(ctx context.Context, db bun.IDB, region string, id int64) (Opening, error) {
	if db == nil {
		db = s.db
	}
	var o Opening
	err := db.NewSelect().Model(&o).Where("region = ?", region).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return o, &career.Error{Code: career.NotFound, Field: "id", Message: "position opening not found in this region", ID: "lowongan jabatan tidak ditemukan di wilayah ini"}
	}
	return o, err
}

// ListOpenings returns a region's openings by id.
func (s *Store) ListOpenings(ctx context.Context, region string) ([]Opening, error) {
	os := []Opening{}
	err := s.db.NewSelect().Model(&os).Where("region = ?", region).OrderExpr("id").Scan(ctx)
	return os, err
}

// SelectionResult is a row of selection_results: an applicant's place in a ranking of an opening.
type SelectionResult struct {
	bun.BaseModel `bun:"table:selection_results"`

	OpeningID  int64     `bun:"opening_id,pk"`
	Region     string    `bun:"region,notnull"`
	NIP        string    `bun:"nip,pk"`
	Rank       int       `bun:"rank,notnull"`
	Score      float64   `bun:"score,notnull"`
	DecisionID int64     `bun:"decision_id,pk"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// InsertSelectionResults stores the results of a ranking.
func (s *Store) InsertSelectionResults(ctx context.Context, db bun.IDB, rows []SelectionResult) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		rows[i].CreatedAt = now
	}
	_, err := db.NewInsert().Model(&rows).Exec(ctx)
	return mapError(err, "selection result")
}
