package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// PairActive is the status of a mentoring pair in progress.
const PairActive = "active"

// Pair is a row of mentoring_pairs: a mentor and a mentee of a region.
type Pair struct {
	bun.BaseModel `bun:"table:mentoring_pairs"`

	ID         int64     `bun:"id,pk,autoincrement"`
	Region     string    `bun:"region,notnull"`
	MentorNIP  string    `bun:"mentor_nip,notnull"`
	MenteeNIP  string    `bun:"mentee_nip,notnull"`
	Status     string    `bun:"status,notnull"`
	Score      float64   `bun:"score,notnull"`
	DecisionID *int64    `bun:"decision_id"`
	StartedOn  Date      `bun:"started_on"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// InsertPairs creates active pairs, setting their IDs; a pair that exists already is a career.Conflict.
func (s *Store) InsertPairs(ctx context.Context, db bun.IDB, rows []Pair) error {
	if len(rows) == 0 {
		return nil
	}
	now := s.now()
	for i := range rows {
		rows[i].ID, rows[i].Status, rows[i].CreatedAt = 0, PairActive, now
	}
	_, err := db.NewInsert().Model(&rows).Returning("id").Exec(ctx)
	return mapError(err, "mentoring pair")
}

// PairFilter selects pairs of a region; NIP, when set, keeps pairs where it is the mentor or the mentee, and
// AnyOf keeps pairs where any of its NIPs is.
type PairFilter struct {
	Region string
	NIP    string
	AnyOf  []string
}

// ListPairs returns pairs of a region by id.
func (s *Store) ListPairs(ctx context.Context, f PairFilter) ([]Pair, error) {
	ps := []Pair{}
	q := s.db.NewSelect().Model(&ps).Where("region = ?", f.Region).OrderExpr("id")
	if f.NIP != "" {
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("mentor_nip = ?", f.NIP).WhereOr("mentee_nip = ?", f.NIP)
		})
	}
	if f.AnyOf != nil {
		if len(f.AnyOf) == 0 {
			return ps, nil
		}
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("mentor_nip IN (?)", bun.List(f.AnyOf)).WhereOr("mentee_nip IN (?)", bun.List(f.AnyOf))
		})
	}
	err := q.Scan(ctx)
	return ps, err
}

// GetPair returns pair id of region.
func (s *Store) GetPair(ctx context.Context, db bun.IDB, region string, id int64) (Pair, error) {
	var p Pair
	err := db.NewSelect().Model(&p).Where("region = ?", region).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return p, &career.Error{Code: career.NotFound, Field: "id", Message: "mentoring pair not found in this region", ID: "pasangan mentoring tidak ditemukan di wilayah ini"}
	}
	return p, err
}

// Session is a row of mentoring_sessions; each session has a ledger activity for the mentee.
type Session struct {
	bun.BaseModel `bun:"table:mentoring_sessions"`

	ID         int64     `bun:"id,pk,autoincrement"`
	PairID     int64     `bun:"pair_id,notnull"`
	Region     string    `bun:"region,notnull"`
	On         Date      `bun:"on_date"`
	Minutes    int       `bun:"minutes,notnull"`
	Topic      string    `bun:"topic,notnull"`
	ActivityID int64     `bun:"activity_id,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// InsertSession stores a session, setting its ID.
func (s *Store) InsertSession(ctx context.Context, db bun.IDB, r *Session) error {
	r.ID, r.CreatedAt = 0, s.now()
	_, err := db.NewInsert().Model(r).Returning("id").Exec(ctx)
	return mapError(err, "mentoring session")
}
