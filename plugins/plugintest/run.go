package plugintest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// On is the date the conformance suite judges at.
var On = career.MustDate(2025, 11, 3)

// BatchSize is the size of the batch the suite sends in one promotion call.
const BatchSize = 5000

// Run loads the plugin binary for region through the real host and runs the conformance suite on it as subtests.
func Run(t *testing.T, binPath, region string) {
	t.Helper()
	p := Load(t, binPath, region)
	RunPolicy(t, p, region)
}

// RunPolicy runs the conformance suite on a loaded plugin (or any Policy with the batch capability, such as the
// in-process baseline).
func RunPolicy(t *testing.T, p plugins.Policy, region string) {
	ctx := context.Background()
	var desc plugins.Description
	t.Run("Describe", func(t *testing.T) {
		d, err := p.Describe(ctx)
		if err != nil {
			t.Fatalf("Describe: %v", err)
		}
		desc = d
		switch {
		case d.Region != region:
			t.Errorf("region %q, want %q", d.Region, region)
		case d.Name == "" || d.Version == "":
			t.Errorf("name %q and version %q must be set", d.Name, d.Version)
		case d.Protocol != plugins.ProtocolVersion:
			t.Errorf("protocol %d, want %d", d.Protocol, plugins.ProtocolVersion)
		case len(d.Params) == 0:
			t.Errorf("no parameters: a policy publishes its parameters")
		case len(d.Rules) == 0:
			t.Errorf("no rules: a policy describes its rules in prose")
		}
		for _, pr := range d.Params {
			if pr.Name == "" || pr.Value == "" || pr.Text.ID == "" || pr.Text.EN == "" {
				t.Errorf("parameter %+v: name, value and text in ID and EN are required", pr)
			}
		}
		for i, r := range d.Rules {
			if r.ID == "" || r.EN == "" {
				t.Errorf("rule %d %+v: text in ID and EN is required", i, r)
			}
		}
	})
	if desc.Region == "" {
		d, _ := p.Describe(ctx)
		desc = d
	}
	ref := career.PolicyRef{Region: region, Version: desc.Version}
	wellFormed := func(t *testing.T, what string, d career.Decision) {
		t.Helper()
		if d.Kind == "" || d.Outcome == "" {
			t.Errorf("%s: decision without kind or outcome: %+v", what, d)
		}
		if d.Policy != ref {
			t.Errorf("%s: decision policy %+v, want %+v", what, d.Policy, ref)
		}
		for _, c := range d.Criteria {
			if c.Code == "" || c.Source == "" {
				t.Errorf("%s: criterion without code or source: %+v", what, c)
			}
		}
	}

	t.Run("PromotionBatch", func(t *testing.T) {
		cands := Candidates(BatchSize, 7, On)
		start := time.Now()
		items := assessBatch(t, p, cands)
		t.Logf("%d promotions in %s (%.1f µs each)", len(cands), time.Since(start).Round(time.Millisecond),
			float64(time.Since(start).Microseconds())/float64(len(cands)))
		outcomes := map[string]int{}
		for i, it := range items {
			if it.Err != nil {
				t.Errorf("candidate %d (%s): %v", i, cands[i].Employee.NIP, it.Err)
				continue
			}
			d := it.Value
			if d.Subject != cands[i].Employee.NIP.String() {
				t.Fatalf("item %d answers %q, want %s: the batch is not answered item for item in order", i, d.Subject, cands[i].Employee.NIP)
			}
			switch d.Outcome {
			case career.Eligible, career.NotEligible:
			case career.NotYet:
				if d.NotBefore.IsZero() || !d.NotBefore.After(On) {
					t.Errorf("%s: not_yet without a future NotBefore (%s)", d.Subject, d.NotBefore)
				}
			default:
				t.Errorf("%s: outcome %q is not eligible, not_yet or not_eligible", d.Subject, d.Outcome)
			}
			outcomes[d.Outcome]++
			if i < 200 {
				wellFormed(t, d.Subject, d)
			}
		}
		t.Logf("outcomes: %v", outcomes)
	})

	t.Run("Floors", func(t *testing.T) {
		cands := floorCandidates()
		items := assessBatch(t, p, cands)
		for i, it := range items {
			name := cands[i].Employee.Name
			if career.ErrorCode(it.Err) == career.PolicyConflict {
				t.Errorf("%s: the plugin decided against the national floors: %v", name, it.Err)
			} else if it.Err != nil {
				t.Errorf("%s: %v", name, it.Err)
			} else if it.Value.Outcome == career.Eligible {
				t.Errorf("%s: eligible, but the national floors forbid it", name)
			}
		}
	})

	t.Run("Methods", func(t *testing.T) {
		es := Employees(40, 11, On)
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()

		r, err := p.Evaluate(tctx, appraisal(es[0]))
		if err != nil {
			t.Errorf("Evaluate: %v", err)
		} else {
			if !r.Predicate.Valid() {
				t.Errorf("Evaluate: predicate %d", r.Predicate)
			}
			wellFormed(t, "Evaluate", r.Decision)
		}

		d, err := p.CheckTransfer(tctx, transfer(es[1]))
		if err != nil {
			t.Errorf("CheckTransfer: %v", err)
		} else {
			wellFormed(t, "CheckTransfer", d)
		}

		d, err = p.Compliance(tctx, ledger(es[2]))
		if err != nil {
			t.Errorf("Compliance: %v", err)
		} else {
			wellFormed(t, "Compliance", d)
		}

		recs, err := p.Recommend(tctx, training.RecommendRequest{Employee: es[3], Ledger: ledger(es[3]), Catalogue: catalogue(),
			Last: evaluation.Result{Hasil: evaluation.DiBawah, Perilaku: evaluation.DiBawah, Predicate: evaluation.SangatKurang}})
		if err != nil {
			t.Errorf("Recommend: %v", err)
		}
		for _, x := range recs {
			if x.Program == "" || x.Priority < 1 || x.Reason.ID == "" || x.Reason.EN == "" {
				t.Errorf("Recommend: malformed recommendation %+v", x)
			}
		}

		a, err := p.Allocate(tctx, allocation(es[4:14]))
		if err != nil {
			t.Errorf("Allocate: %v", err)
		} else {
			wellFormed(t, "Allocate", a.Decision)
			if len(a.Seats)+len(a.Unplaced) != 10 {
				t.Errorf("Allocate: %d seats and %d unplaced for 10 candidates", len(a.Seats), len(a.Unplaced))
			}
		}

		m, err := p.Match(tctx, match(es[14:30]))
		if err != nil {
			t.Errorf("Match: %v", err)
		} else {
			wellFormed(t, "Match", m.Decision)
		}

		rk, err := p.Rank(tctx, selection(es[30:40]))
		if err != nil {
			t.Errorf("Rank: %v", err)
		} else if len(rk.Ranked) != 10 {
			t.Errorf("Rank: %d ranked for 10 applicants", len(rk.Ranked))
		} else {
			for _, x := range rk.Ranked {
				wellFormed(t, "Rank "+x.NIP.String(), x.Decision)
			}
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		e := Employees(1, 13, On)[0]
		noGrade := e
		noGrade.Grade, noGrade.GradeTMT = 0, career.Date{}
		noSuperior := appraisal(e)
		noSuperior.Entries = nil
		badYear := appraisal(e)
		badYear.Period.Year = 1990
		noAgency := transfer(e)
		noAgency.To.Agency = ""
		cases := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"Assess without a grade", func(ctx context.Context) error {
				_, err := p.Assess(ctx, promotion.Candidate{Employee: noGrade}, On)
				return err
			}},
			{"Assess without a date", func(ctx context.Context) error {
				_, err := p.Assess(ctx, promotion.Candidate{Employee: e}, career.Date{})
				return err
			}},
			{"Evaluate without a superior rating", func(ctx context.Context) error { _, err := p.Evaluate(ctx, noSuperior); return err }},
			{"Evaluate in 1990", func(ctx context.Context) error { _, err := p.Evaluate(ctx, badYear); return err }},
			{"CheckTransfer without a destination", func(ctx context.Context) error { _, err := p.CheckTransfer(ctx, noAgency); return err }},
			{"Compliance without a NIP", func(ctx context.Context) error {
				_, err := p.Compliance(ctx, training.Ledger{Year: 2025})
				return err
			}},
			{"Allocate with a negative budget", func(ctx context.Context) error {
				_, err := p.Allocate(ctx, training.AllocationRequest{Year: 2025, Budget: -1})
				return err
			}},
			{"Match without a date", func(ctx context.Context) error { _, err := p.Match(ctx, mentoring.MatchRequest{}); return err }},
			{"Rank without a date", func(ctx context.Context) error {
				s := selection(nil)
				s.Opening.On = career.Date{}
				_, err := p.Rank(ctx, s)
				return err
			}},
		}
		for _, c := range cases {
			tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := c.call(tctx)
			cancel()
			if code := career.ErrorCode(err); code != career.Invalid {
				t.Errorf("%s: error %v (code %q), want a typed %q error", c.name, err, code, career.Invalid)
			}
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		cands := Candidates(300, 17, On)
		a, b := assessBatch(t, p, cands), assessBatch(t, p, cands)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("the same candidates gave different decisions")
		}
		es := Employees(30, 19, On)
		r1, err1 := p.Rank(ctx, selection(es[:10]))
		r2, err2 := p.Rank(ctx, selection(es[:10]))
		if !reflect.DeepEqual(r1, r2) || fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Errorf("the same selection gave different rankings")
		}
		m1, err1 := p.Match(ctx, match(es[10:30]))
		m2, err2 := p.Match(ctx, match(es[10:30]))
		if !reflect.DeepEqual(m1, m2) || fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Errorf("the same match request gave different matchings")
		}
	})
}

// assessBatch sends the candidates in one batch when p can, one by one otherwise, and checks the shape.
func assessBatch(t *testing.T, p plugins.Policy, cands []promotion.Candidate) []plugins.Item[career.Decision] {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var items []plugins.Item[career.Decision]
	if ba, ok := p.(plugins.BatchAssessor); ok {
		var err error
		if items, err = ba.AssessBatch(ctx, cands, On); err != nil {
			t.Fatalf("a batch of %d promotions failed: %v", len(cands), err)
		}
	} else {
		for _, c := range cands {
			d, err := p.Assess(ctx, c, On)
			items = append(items, plugins.Item[career.Decision]{Value: d, Err: err})
		}
	}
	if len(items) != len(cands) {
		t.Fatalf("%d results for %d candidates", len(items), len(cands))
	}
	return items
}
