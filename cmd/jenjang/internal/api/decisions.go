package api

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/plugins"
)

// Criterion is one rule applied in a decision (DESIGN §3.9).
type Criterion struct {
	Code     string `json:"code" example:"promotion.regular.min_years_in_grade" doc:"Stable code of the rule"`
	Passed   bool   `json:"passed"`
	Required string `json:"required,omitempty" doc:"The value the rule requires"`
	Found    string `json:"found,omitempty" doc:"The value found"`
	Source   string `json:"source,omitempty" doc:"Regulation and article, or the region policy and its parameter"`
	Text     string `json:"text,omitempty" doc:"The rule in the request language"`
}

// PolicyRef names the policy that made a decision.
type PolicyRef struct {
	Region  string `json:"region" example:"national"`
	Version string `json:"version" example:"2025.10.0"`
}

// Decision is a rule-based answer with the reasons for it (DESIGN §3.9).
type Decision struct {
	ID        int64             `json:"id,omitempty" doc:"Id of the stored decision"`
	Kind      string            `json:"kind" example:"promotion.regular"`
	Subject   string            `json:"subject" example:"198609262015051001"`
	Outcome   string            `json:"outcome" example:"eligible"`
	NotBefore string            `json:"not_before,omitempty" format:"date" doc:"For not_yet: the earliest date the outcome could change"`
	JudgedAt  string            `json:"judged_at,omitempty" format:"date"`
	Criteria  []Criterion       `json:"criteria"`
	Details   map[string]string `json:"details,omitempty"`
	Policy    PolicyRef         `json:"policy"`
}

// decisionOut returns the API form of a decision, texts in the request language.
func decisionOut(ctx context.Context, d career.Decision, id int64, fallback career.PolicyRef) Decision {
	ref := d.Policy
	if ref.Region == "" {
		ref = fallback
	}
	out := Decision{ID: id, Kind: d.Kind, Subject: d.Subject, Outcome: d.Outcome, NotBefore: d.NotBefore.String(),
		JudgedAt: d.JudgedAt.String(), Details: d.Details, Policy: PolicyRef{Region: ref.Region, Version: ref.Version},
		Criteria: make([]Criterion, len(d.Criteria))}
	lang := langOf(ctx)
	for i, c := range d.Criteria {
		out.Criteria[i] = Criterion{Code: c.Code, Passed: c.Passed, Required: c.Required, Found: c.Found, Source: c.Source, Text: c.Text.In(lang)}
	}
	return out
}

// boundPolicy is a region's policy with its description, resolved for one request.
type boundPolicy struct {
	plugins.Policy
	desc plugins.Description
}

// ref returns the reference decisions of the policy carry.
func (b boundPolicy) ref() career.PolicyRef { return b.desc.Ref() }

// policyFor returns the policy bound to a region (checking the region exists).
func (s *server) policyFor(ctx context.Context, code string) (store.Region, boundPolicy, error) {
	r, err := s.region(ctx, code)
	if err != nil {
		return r, boundPolicy{}, err
	}
	p, err := s.policies(ctx, r)
	if err != nil {
		return r, boundPolicy{}, err
	}
	desc, err := p.Describe(ctx)
	if err != nil {
		return r, boundPolicy{}, err
	}
	return r, boundPolicy{Policy: p, desc: desc}, nil
}

// storeDecision stores a decision of region made by pol with the inputs it saw, and returns its id.
func (s *server) storeDecision(ctx context.Context, db bun.IDB, region string, pol boundPolicy, d career.Decision, inputs any) (int64, error) {
	row, err := store.DecisionFrom(region, d, pol.ref(), inputs)
	if err != nil {
		return 0, err
	}
	if err := s.store.AppendDecision(ctx, db, row); err != nil {
		return 0, err
	}
	return row.ID, nil
}
