package promotion

import (
	"context"

	"github.com/jenjang-asn/jenjang/career"
)

// Policy is a region's promotion policy.
type Policy interface {
	// Assess decides the rank promotion of one candidate on a date.
	Assess(ctx context.Context, c Candidate, on career.Date) (career.Decision, error)
	// Rank ranks the applicants of a position selection.
	Rank(ctx context.Context, s Selection) (Ranking, error)
}

// National is the national promotion policy and the base regions adjust.
type National struct {
	Rules     Rules
	Selection SelectionRules
	Weights   Weights
}

// NewNational returns the national baseline: NationalRules, NationalSelectionRules, and merit weights of 40%
// performance, 40% competence and 20% experience.
func NewNational() *National {
	return &National{Rules: NationalRules(), Selection: NationalSelectionRules(),
		Weights: Weights{Performance: 0.4, Competence: 0.4, Experience: 0.2}}
}

// Assess implements Policy with Assess and the policy's rules.
func (n *National) Assess(ctx context.Context, c Candidate, on career.Date) (career.Decision, error) {
	if err := ctx.Err(); err != nil {
		return career.Decision{}, err
	}
	return Assess(c, on, n.Rules)
}

// Rank implements Policy with Rank, the policy's selection rules and weights.
func (n *National) Rank(ctx context.Context, s Selection) (Ranking, error) {
	if err := ctx.Err(); err != nil {
		return Ranking{}, err
	}
	return Rank(s, n.Selection, n.Weights)
}
