package plugintest

import (
	"context"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// Total feeds every method of p, in process, empty and odd input: each must answer with a result or a typed Invalid
// error, never panic, and answer the same twice (the host replays decisions). A region calls it from its own tests
// before it ever builds a binary:
//
//	func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
func Total(t *testing.T, p plugins.Policy) {
	t.Helper()
	ctx := context.Background()
	nip := career.MustParseNIP("199001152015032003")
	odd := career.Employee{NIP: nip, Position: career.Position{Kind: career.PositionKind(99)}, Grade: career.Grade(40)}
	on := career.MustDate(2025, 1, 1)
	year := evaluation.Period{Year: 2024}
	calls := map[string]func() (any, error){
		"Evaluate/zero": func() (any, error) { return p.Evaluate(ctx, evaluation.Appraisal{}) },
		"Evaluate/no ratings": func() (any, error) {
			return p.Evaluate(ctx, evaluation.Appraisal{Employee: odd, Period: year})
		},
		"Evaluate/odd indicators": func() (any, error) {
			return p.Evaluate(ctx, evaluation.Appraisal{Employee: odd, Period: year, CommunityIndex: 50,
				Indicators: []evaluation.Indicator{{Code: "", Target: 0, Actual: 5}},
				Entries: []evaluation.Entry{
					{Source: evaluation.Superior, Aspect: evaluation.Hasil, Value: evaluation.Sesuai},
					{Source: evaluation.Superior, Aspect: evaluation.Perilaku, Value: evaluation.DiBawah},
				}})
		},
		"Compliance/zero": func() (any, error) { return p.Compliance(ctx, training.Ledger{}) },
		"Recommend/zero":  func() (any, error) { return p.Recommend(ctx, training.RecommendRequest{}) },
		"Recommend/odd": func() (any, error) {
			return p.Recommend(ctx, training.RecommendRequest{Employee: odd, Catalogue: []training.Program{{}}})
		},
		"Allocate/zero": func() (any, error) { return p.Allocate(ctx, training.AllocationRequest{}) },
		"Match/zero":    func() (any, error) { return p.Match(ctx, mentoring.MatchRequest{}) },
		"Match/odd": func() (any, error) {
			return p.Match(ctx, mentoring.MatchRequest{On: on, Mentors: []mentoring.Profile{{Employee: odd}}, Mentees: []mentoring.Profile{{Employee: odd}}})
		},
		"Assess/zero":     func() (any, error) { return p.Assess(ctx, promotion.Candidate{}, career.Date{}) },
		"Rank/zero":       func() (any, error) { return p.Rank(ctx, promotion.Selection{}) },
		"CheckTransfer/0": func() (any, error) { return p.CheckTransfer(ctx, career.TransferRequest{}) },
		"Describe":        func() (any, error) { return p.Describe(ctx) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			_, err := call()
			if err != nil && career.ErrorCode(err) != career.Invalid {
				t.Errorf("error %v is not a typed Invalid error", err)
			}
			_, err2 := call()
			if (err == nil) != (err2 == nil) {
				t.Errorf("a second call answered differently: %v, then %v", err, err2)
			}
		})
	}
}

// CheckParams checks the parameters a policy publishes: no name listed twice, each described in Indonesian and
// English, and each name in want present with that value.
func CheckParams(t testing.TB, d plugins.Description, want map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range d.Params {
		if seen[p.Name] {
			t.Errorf("param %s listed twice", p.Name)
		}
		seen[p.Name] = true
		if p.Text.ID == "" || p.Text.EN == "" {
			t.Errorf("param %s is not described in both languages", p.Name)
		}
		if v, ok := want[p.Name]; ok && p.Value != v {
			t.Errorf("param %s = %q, want %q", p.Name, p.Value, v)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("param %s missing", name)
		}
	}
}

// ProgramCodes returns the program codes of recommendations, sorted, so that a region's test can compare what its
// policy recommends with what the national baseline recommends.
func ProgramCodes(rs []training.Recommendation) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Program)
	}
	slices.Sort(out)
	return out
}
