package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Decision is a stored rule-based answer (DESIGN §3.9): the outcome, every criterion applied, the inputs the rules
// saw and the policy version that decided, so that an auditor can see why and replay it.
type Decision struct {
	bun.BaseModel `bun:"table:decisions"`

	ID            int64           `bun:"id,pk,autoincrement" json:"id"`
	Region        string          `bun:"region,notnull" json:"region"`
	Kind          string          `bun:"kind,notnull" json:"kind"`       // e.g. "promotion.regular"
	Subject       string          `bun:"subject,notnull" json:"subject"` // e.g. the employee's NIP
	Outcome       string          `bun:"outcome,notnull" json:"outcome"`
	PolicyRegion  string          `bun:"policy_region,notnull" json:"policy_region"` // NationalPolicy or a region code
	PolicyVersion string          `bun:"policy_version,notnull" json:"policy_version"`
	JudgedAt      time.Time       `bun:"judged_at,notnull" json:"judged_at"`
	Criteria      json.RawMessage `bun:"criteria,type:json,notnull" json:"criteria"`
	Inputs        json.RawMessage `bun:"inputs,type:json,notnull" json:"inputs"`
	CreatedAt     time.Time       `bun:"created_at,notnull" json:"created_at"`
}

// AppendDecision stores d using db (the transaction of the change the decision belongs to, if any) and sets its ID
// and CreatedAt. Decisions are records of what was decided: there is no update.
func (s *Store) AppendDecision(ctx context.Context, db bun.IDB, d *Decision) error {
	if d.Region == "" || d.Kind == "" || d.Subject == "" || d.Outcome == "" || d.PolicyRegion == "" || d.PolicyVersion == "" {
		return fmt.Errorf("store: decision needs region, kind, subject, outcome and policy (got %+v)", *d)
	}
	if !json.Valid(d.Criteria) || !json.Valid(d.Inputs) {
		return fmt.Errorf("store: decision criteria and inputs must be valid JSON")
	}
	d.ID = 0
	d.CreatedAt = s.now()
	d.JudgedAt = d.JudgedAt.UTC()
	_, err := db.NewInsert().Model(d).Returning("id").Exec(ctx)
	return err
}

// ListDecisions returns the decisions about subject in region, newest first.
func (s *Store) ListDecisions(ctx context.Context, region, subject string) ([]Decision, error) {
	ds := []Decision{}
	err := s.db.NewSelect().Model(&ds).
		Where("region = ?", region).Where("subject = ?", subject).
		OrderExpr("id DESC").Scan(ctx)
	return ds, err
}
