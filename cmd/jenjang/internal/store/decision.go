package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
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

// CriterionJSON is how a criterion of a decision is stored (and shown): every field of career.Criterion, the
// message in both languages.
type CriterionJSON struct {
	Code     string `json:"code"`
	Passed   bool   `json:"passed"`
	Required string `json:"required,omitempty"`
	Found    string `json:"found,omitempty"`
	Source   string `json:"source,omitempty"`
	TextID   string `json:"text_id,omitempty"`
	TextEN   string `json:"text_en,omitempty"`
}

// CriteriaJSON returns the stored form of a decision's criteria.
func CriteriaJSON(cs []career.Criterion) []CriterionJSON {
	out := make([]CriterionJSON, len(cs))
	for i, c := range cs {
		out[i] = CriterionJSON{Code: c.Code, Passed: c.Passed, Required: c.Required, Found: c.Found, Source: c.Source, TextID: c.Text.ID, TextEN: c.Text.EN}
	}
	return out
}

// DecisionFrom returns the row of a domain decision made in region, with the inputs the rules saw (marshalled to
// JSON) and its details and not-before date folded into the inputs' record. A decision with no policy reference is
// stamped with fallback (the bound policy's).
func DecisionFrom(region string, d career.Decision, fallback career.PolicyRef, inputs any) (*Decision, error) {
	ref := d.Policy
	if ref.Region == "" {
		ref = fallback
	}
	in, err := json.Marshal(map[string]any{"inputs": inputs, "details": d.Details, "not_before": d.NotBefore.String()})
	if err != nil {
		return nil, fmt.Errorf("store: decision inputs: %w", err)
	}
	judged := d.JudgedAt
	if judged.IsZero() {
		judged = career.Today()
	}
	return &Decision{
		Region: region, Kind: d.Kind, Subject: d.Subject, Outcome: d.Outcome,
		PolicyRegion: ref.Region, PolicyVersion: ref.Version, JudgedAt: judged.Time(),
		Criteria: mustJSON(CriteriaJSON(d.Criteria)), Inputs: in,
	}, nil
}

// CountDecisions returns how many decisions of kind about subject region holds.
func (s *Store) CountDecisions(ctx context.Context, region, kind, subject string) (int, error) {
	n, err := s.db.NewSelect().Model((*Decision)(nil)).Where("region = ?", region).Where("kind = ?", kind).Where("subject = ?", subject).Count(ctx)
	return int(n), err
}
