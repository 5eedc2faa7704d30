package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// Appraisal statuses: a draft takes ratings; a finalised appraisal never changes again.
const (
	AppraisalDraft     = "draft"
	AppraisalFinalised = "finalised"
)

// Appraisal is a row of the appraisals table: one employee's performance appraisal (SKP) for a period.
type Appraisal struct {
	bun.BaseModel `bun:"table:appraisals"`

	ID             int64      `bun:"id,pk,autoincrement"`
	Region         string     `bun:"region,notnull"`
	NIP            string     `bun:"nip,notnull"`
	Year           int        `bun:"year,notnull"`
	Quarter        int        `bun:"quarter,notnull"`
	Status         string     `bun:"status,notnull"`
	CommunityIndex float64    `bun:"community_index,notnull"`
	Hasil          string     `bun:"hasil,notnull"`
	Perilaku       string     `bun:"perilaku,notnull"`
	Predicate      string     `bun:"predicate,notnull"`
	DecisionID     *int64     `bun:"decision_id"`
	Version        int64      `bun:"version,notnull"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`
	UpdatedAt      time.Time  `bun:"updated_at,notnull"`
	FinalisedAt    *time.Time `bun:"finalised_at"`
}

// Rating is a row of appraisal_ratings: one rating given by one rater.
type Rating struct {
	bun.BaseModel `bun:"table:appraisal_ratings"`

	ID          int64     `bun:"id,pk,autoincrement"`
	AppraisalID int64     `bun:"appraisal_id,notnull"`
	Region      string    `bun:"region,notnull"`
	Source      string    `bun:"source,notnull"` // superior, peer, self, community
	Rater       string    `bun:"rater,notnull"`  // NIP, or a label for community feedback
	Aspect      string    `bun:"aspect,notnull"` // hasil_kerja, perilaku_kerja
	Value       string    `bun:"value,notnull"`  // di_bawah, sesuai, di_atas
	GivenOn     Date      `bun:"given_on"`
	Note        string    `bun:"note,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// Indicator is a row of appraisal_indicators: a measured indicator of an appraisal.
type Indicator struct {
	bun.BaseModel `bun:"table:appraisal_indicators"`

	AppraisalID int64   `bun:"appraisal_id,pk"`
	Region      string  `bun:"region,notnull"`
	Code        string  `bun:"code,pk"`
	Target      float64 `bun:"target,notnull"`
	Actual      float64 `bun:"actual,notnull"`
}

// Peer is a row of appraisal_peers: a colleague asked to give a peer rating on an appraisal.
type Peer struct {
	bun.BaseModel `bun:"table:appraisal_peers"`

	AppraisalID int64  `bun:"appraisal_id,pk"`
	Region      string `bun:"region,notnull"`
	PeerNIP     string `bun:"peer_nip,pk"`
}

// AppraisalDetail is an appraisal with its peers, indicators and ratings (oldest first).
type AppraisalDetail struct {
	Appraisal
	Peers      []string
	Indicators []Indicator
	Ratings    []Rating
}

// CreateAppraisal inserts a draft appraisal with its requested peers and indicators, setting its ID. An appraisal
// of the same employee and period is a career.Conflict.
func (s *Store) CreateAppraisal(ctx context.Context, db bun.IDB, a *Appraisal, peers []string, indicators []Indicator) error {
	now := s.now()
	a.ID, a.Status, a.Version, a.CreatedAt, a.UpdatedAt = 0, AppraisalDraft, 1, now, now
	if _, err := db.NewInsert().Model(a).Returning("id").Exec(ctx); err != nil {
		return mapError(err, "appraisal")
	}
	if len(peers) > 0 {
		rows := make([]Peer, len(peers))
		for i, p := range peers {
			rows[i] = Peer{AppraisalID: a.ID, Region: a.Region, PeerNIP: p}
		}
		if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return mapError(err, "appraisal peer")
		}
	}
	if len(indicators) > 0 {
		for i := range indicators {
			indicators[i].AppraisalID, indicators[i].Region = a.ID, a.Region
		}
		if _, err := db.NewInsert().Model(&indicators).Exec(ctx); err != nil {
			return mapError(err, "appraisal indicator")
		}
	}
	return nil
}

func errAppraisalNotFound() error {
	return &career.Error{Code: career.NotFound, Field: "id", Message: "appraisal not found in this region", ID: "penilaian kinerja tidak ditemukan di wilayah ini"}
}

// GetAppraisal returns appraisal id of region with its peers, indicators and ratings.
func (s *Store) GetAppraisal(ctx context.Context, db bun.IDB, region string, id int64) (AppraisalDetail, error) {
	if db == nil {
		db = s.db
	}
	var d AppraisalDetail
	err := db.NewSelect().Model(&d.Appraisal).Where("region = ?", region).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return d, errAppraisalNotFound()
	}
	if err != nil {
		return d, err
	}
	var peers []Peer
	if err := db.NewSelect().Model(&peers).Where("appraisal_id = ?", id).OrderExpr("peer_nip").Scan(ctx); err != nil {
		return d, err
	}
	d.Peers = make([]string, len(peers))
	for i, p := range peers {
		d.Peers[i] = p.PeerNIP
	}
	d.Indicators = []Indicator{}
	if err := db.NewSelect().Model(&d.Indicators).Where("appraisal_id = ?", id).OrderExpr("code").Scan(ctx); err != nil {
		return d, err
	}
	d.Ratings = []Rating{}
	err = db.NewSelect().Model(&d.Ratings).Where("appraisal_id = ?", id).OrderExpr("id").Scan(ctx)
	return d, err
}

// ListAppraisals returns the appraisals of an employee of region, newest period first.
func (s *Store) ListAppraisals(ctx context.Context, region, nip string) ([]Appraisal, error) {
	as := []Appraisal{}
	err := s.db.NewSelect().Model(&as).Where("region = ?", region).Where("nip = ?", nip).
		OrderExpr("year DESC, quarter DESC, id DESC").Scan(ctx)
	return as, err
}

// bumpAppraisal increments a draft appraisal's version if it is still at version: the compare-and-set every
// change of an appraisal goes through, so that concurrent raters never lose an update and finalisation happens once.
// A finalised appraisal, or one changed since version, is a career.Conflict.
//
// With AnyVersion, any version will do (the change commutes with concurrent ones, as ratings do): the row lock the
// UPDATE takes orders concurrent callers, and only a finalised appraisal is a conflict.
func (s *Store) bumpAppraisal(ctx context.Context, db bun.IDB, region string, id, version int64, set func(q *bun.UpdateQuery) *bun.UpdateQuery) error {
	q := db.NewUpdate().Model((*Appraisal)(nil)).
		Set("version = version + 1").Set("updated_at = ?", s.now()).
		Where("region = ?", region).Where("id = ?", id).Where("status = ?", AppraisalDraft)
	if version != AnyVersion {
		q = q.Where("version = ?", version)
	}
	if set != nil {
		q = set(q)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return mapError(err, "appraisal")
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	cur, err := s.GetAppraisal(ctx, db, region, id)
	if err != nil {
		return err
	}
	if cur.Status == AppraisalFinalised {
		return career.Newf(career.Conflict, "", "penilaian kinerja %d sudah final dan tidak dapat diubah",
			"appraisal %d is finalised and cannot change", id)
	}
	return career.Newf(career.Conflict, "", "penilaian kinerja %d sudah berubah sejak versi %d",
		"appraisal %d changed since version %d", id, version)
}

// AnyVersion, passed as the version of AddRatings, adds the ratings whatever the appraisal's version is: ratings
// from different raters commute, so a rater who did not send If-Match never gets a conflict from another's rating.
const AnyVersion int64 = -1

// AddRatings appends ratings to a draft appraisal at version (or AnyVersion), incrementing its version.
func (s *Store) AddRatings(ctx context.Context, db bun.IDB, region string, id, version int64, rs []Rating) error {
	if err := s.bumpAppraisal(ctx, db, region, id, version, nil); err != nil {
		return err
	}
	now := s.now()
	for i := range rs {
		rs[i].ID, rs[i].AppraisalID, rs[i].Region, rs[i].CreatedAt = 0, id, region, now
	}
	_, err := db.NewInsert().Model(&rs).Exec(ctx)
	return mapError(err, "rating")
}

// FinaliseAppraisal marks a draft appraisal at version finalised with its result and decision. Exactly one of any
// number of concurrent callers succeeds; the others get a career.Conflict.
func (s *Store) FinaliseAppraisal(ctx context.Context, db bun.IDB, region string, id, version int64, hasil, perilaku, predicate string, decisionID int64) error {
	now := s.now()
	return s.bumpAppraisal(ctx, db, region, id, version, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("status = ?", AppraisalFinalised).Set("hasil = ?", hasil).Set("perilaku = ?", perilaku).
			Set("predicate = ?", predicate).Set("decision_id = ?", decisionID).Set("finalised_at = ?", now)
	})
}
