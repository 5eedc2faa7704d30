package plugins

import (
	"context"
	"fmt"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

var (
	_ Policy                 = (*Plugin)(nil)
	_ BatchAssessor          = (*Plugin)(nil)
	_ BatchEvaluator         = (*Plugin)(nil)
	_ BatchTransferChecker   = (*Plugin)(nil)
	_ BatchComplianceChecker = (*Plugin)(nil)
)

// FloorError is the detail of a career.PolicyConflict error: a region policy made a decision that the national
// hard floors forbid (DESIGN §4, precedence), so the host refused to pass it on.
type FloorError struct {
	Region   string
	Decision career.Decision    // the decision the plugin made
	Broken   []career.Criterion // the floors it breaks, codes "floor.…"
}

// Codes returns the codes of the broken floors.
func (e *FloorError) Codes() []string {
	out := make([]string, len(e.Broken))
	for i, c := range e.Broken {
		out[i] = c.Code
	}
	return out
}

func (e *FloorError) Error() string {
	return fmt.Sprintf("policy %s decided %s for %s, which breaks the national floors %s", e.Region, e.Decision.Outcome,
		e.Decision.Subject, strings.Join(e.Codes(), ", "))
}

func (p *Plugin) conflict(method string, d career.Decision, broken []career.Criterion) error {
	p.refused(method, "conflict")
	fe := &FloorError{Region: p.entry.Region, Decision: d, Broken: broken}
	e := career.Newf(career.PolicyConflict, "",
		"keputusan kebijakan %s untuk %s melanggar batas nasional (%s); keputusan itu tidak diterapkan",
		"the %s policy's decision for %s breaks the national floors (%s); it was not applied",
		p.entry.Region, d.Subject, strings.Join(fe.Codes(), ", "))
	e.Err = fe
	return e
}

// one returns the single item of a batch of one.
func one[T any](items []Item[T], err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return items[0].Value, items[0].Err
}

// Describe implements Policy with the description the plugin gave when it was loaded.
func (p *Plugin) Describe(ctx context.Context) (Description, error) {
	if err := ctx.Err(); err != nil {
		return Description{}, err
	}
	d := p.desc
	d.Params = append([]Param(nil), d.Params...)
	d.Rules = append([]career.Message(nil), d.Rules...)
	return d, nil
}

// Assess implements promotion.Policy with a batch of one.
func (p *Plugin) Assess(ctx context.Context, c promotion.Candidate, on career.Date) (career.Decision, error) {
	return one(p.AssessBatch(ctx, []promotion.Candidate{c}, on))
}

// AssessBatch implements BatchAssessor: one call for the whole batch, sent and answered in columns, each decision
// checked against the national floors.
func (p *Plugin) AssessBatch(ctx context.Context, cands []promotion.Candidate, on career.Date) ([]Item[career.Decision], error) {
	r, err := p.assessBatch(ctx, cands, on)
	if err != nil {
		return nil, err
	}
	out := make([]Item[career.Decision], len(cands))
	for i := range out {
		out[i] = p.promotionItem(r, i, &cands[i])
	}
	return out, nil
}

// assessBatch sends a batch and returns the reader of its answer; promotionItem decodes and checks each decision.
func (p *Plugin) assessBatch(ctx context.Context, cands []promotion.Candidate, on career.Date) (*wire.DecisionReader, error) {
	t := wire.NewStrings()
	req := &pb.AssessPromotionsRequest{On: wire.Date(on), Candidates: wire.Candidates(t, cands)}
	req.Strings = t.List()
	var resp *pb.AssessPromotionsResponse
	err := p.invoke(ctx, "AssessPromotions", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.AssessPromotions(ctx, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	r, err := wire.ReadDecisions(wire.Table(resp.GetStrings()), resp.GetDecisions(), resp.GetErrors(), len(cands))
	if err != nil {
		return nil, p.malformed("AssessPromotions", "%v", err)
	}
	return r, nil
}

func (p *Plugin) promotionItem(r *wire.DecisionReader, i int, c *promotion.Candidate) Item[career.Decision] {
	if e := r.Err(i); e != nil {
		return Item[career.Decision]{Err: wire.ToError(e)}
	}
	d, err := r.Decision(i)
	nip := c.Employee.NIP.String()
	switch {
	case err != nil:
		return Item[career.Decision]{Err: p.malformed("AssessPromotions", "decision for %s: %v", c.Employee.NIP, err)}
	case d.Subject != nip:
		return Item[career.Decision]{Err: p.malformed("AssessPromotions", "decision about %q answers candidate %s (out of order?)", d.Subject, c.Employee.NIP)}
	case !promotionOutcome(d.Outcome):
		return Item[career.Decision]{Err: p.malformed("AssessPromotions", "unknown promotion outcome %q for %s", d.Outcome, c.Employee.NIP)}
	}
	d.Subject = nip // the candidate's own string, not a part of the whole response's
	if broken := promotion.Floors(*c, d); len(broken) > 0 {
		return Item[career.Decision]{Err: p.conflict("AssessPromotions", d, broken)}
	}
	return Item[career.Decision]{Value: d}
}

func promotionOutcome(o string) bool {
	return o == career.Eligible || o == career.NotYet || o == career.NotEligible
}

// Rank implements promotion.Policy, checking every ranked applicant against promotion.SelectionFloors.
func (p *Plugin) Rank(ctx context.Context, s promotion.Selection) (promotion.Ranking, error) {
	req := wire.Selection(&s)
	var resp *pb.RankResponse
	if err := p.invoke(ctx, "Rank", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Rank(ctx, req)
		return err
	}); err != nil {
		return promotion.Ranking{}, err
	}
	if e := resp.GetError(); e != nil {
		return promotion.Ranking{}, wire.ToError(e)
	}
	if resp.GetRanking() == nil {
		return promotion.Ranking{}, p.malformed("Rank", "neither a ranking nor an error")
	}
	r, err := wire.ToRanking(wire.Table(resp.Strings), resp.GetRanking())
	if err != nil {
		return promotion.Ranking{}, p.malformed("Rank", "%v", err)
	}
	applicants := make(map[career.NIP]int, len(s.Applicants))
	for i, a := range s.Applicants {
		applicants[a.Employee.NIP] = i
	}
	if len(r.Ranked) != len(s.Applicants) {
		return promotion.Ranking{}, p.malformed("Rank", "%d ranked for %d applicants", len(r.Ranked), len(s.Applicants))
	}
	seen := make(map[career.NIP]bool, len(r.Ranked))
	ranks := make(map[int]bool, len(r.Ranked))
	for _, x := range r.Ranked {
		i, ok := applicants[x.NIP]
		switch {
		case !ok || seen[x.NIP]:
			return promotion.Ranking{}, p.malformed("Rank", "ranked %s is not an applicant, or appears twice", x.NIP)
		case x.Rank < 0 || x.Rank > 0 && ranks[x.Rank]:
			return promotion.Ranking{}, p.malformed("Rank", "rank %d of %s is negative or shared", x.Rank, x.NIP)
		}
		seen[x.NIP], ranks[x.Rank] = true, x.Rank > 0
		if broken := promotion.SelectionFloors(s.Opening, s.Applicants[i], x); len(broken) > 0 {
			return promotion.Ranking{}, p.conflict("Rank", x.Decision, broken)
		}
	}
	return r, nil
}

// Evaluate implements evaluation.Policy with a batch of one.
func (p *Plugin) Evaluate(ctx context.Context, a evaluation.Appraisal) (evaluation.Result, error) {
	return one(p.EvaluateBatch(ctx, []evaluation.Appraisal{a}))
}

// EvaluateBatch implements BatchEvaluator.
func (p *Plugin) EvaluateBatch(ctx context.Context, as []evaluation.Appraisal) ([]Item[evaluation.Result], error) {
	req := &pb.EvaluateRequest{Appraisals: make([]*pb.Appraisal, len(as))}
	for i := range as {
		req.Appraisals[i] = wire.Appraisal(&as[i])
	}
	var resp *pb.EvaluateResponse
	if err := p.invoke(ctx, "Evaluate", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Evaluate(ctx, req)
		return err
	}); err != nil {
		return nil, err
	}
	if len(resp.Results) != len(as) {
		return nil, p.malformed("Evaluate", "%d results for %d appraisals", len(resp.Results), len(as))
	}
	t := wire.Table(resp.Strings)
	out := make([]Item[evaluation.Result], len(as))
	for i, r := range resp.Results {
		if e := r.GetError(); e != nil {
			out[i].Err = wire.ToError(e)
			continue
		}
		res, err := wire.ToResult(t, r.GetEvaluation())
		switch {
		case r.GetEvaluation() == nil || err != nil:
			out[i].Err = p.malformed("Evaluate", "result %d: %v", i, err)
		case !res.Predicate.Valid() || !res.Hasil.Valid() || !res.Perilaku.Valid():
			out[i].Err = p.malformed("Evaluate", "result %d: unknown predicate %d or rating (%d, %d)", i, res.Predicate, res.Hasil, res.Perilaku)
		default:
			out[i].Value = res
		}
	}
	return out, nil
}

// CheckTransfer implements career.Policy with a batch of one.
func (p *Plugin) CheckTransfer(ctx context.Context, r career.TransferRequest) (career.Decision, error) {
	return one(p.CheckTransferBatch(ctx, []career.TransferRequest{r}))
}

// CheckTransferBatch implements BatchTransferChecker.
func (p *Plugin) CheckTransferBatch(ctx context.Context, rs []career.TransferRequest) ([]Item[career.Decision], error) {
	req := &pb.CheckTransfersRequest{Requests: make([]*pb.TransferRequest, len(rs))}
	for i := range rs {
		req.Requests[i] = wire.Transfer(&rs[i])
	}
	var resp *pb.CheckTransfersResponse
	if err := p.invoke(ctx, "CheckTransfers", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.CheckTransfers(ctx, req)
		return err
	}); err != nil {
		return nil, err
	}
	return p.decisions("CheckTransfers", resp.Strings, resp.Results, len(rs))
}

// Compliance implements training.Policy with a batch of one.
func (p *Plugin) Compliance(ctx context.Context, l training.Ledger) (career.Decision, error) {
	return one(p.ComplianceBatch(ctx, []training.Ledger{l}))
}

// ComplianceBatch implements BatchComplianceChecker.
func (p *Plugin) ComplianceBatch(ctx context.Context, ls []training.Ledger) ([]Item[career.Decision], error) {
	req := &pb.ComplianceRequest{Ledgers: make([]*pb.Ledger, len(ls))}
	for i := range ls {
		req.Ledgers[i] = wire.Ledger(&ls[i])
	}
	var resp *pb.ComplianceResponse
	if err := p.invoke(ctx, "Compliance", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Compliance(ctx, req)
		return err
	}); err != nil {
		return nil, err
	}
	return p.decisions("Compliance", resp.Strings, resp.Results, len(ls))
}

func (p *Plugin) decisions(method string, strs []string, rs []*pb.DecisionResult, n int) ([]Item[career.Decision], error) {
	if len(rs) != n {
		return nil, p.malformed(method, "%d results for %d items", len(rs), n)
	}
	t := wire.Table(strs)
	out := make([]Item[career.Decision], n)
	for i, r := range rs {
		if e := r.GetError(); e != nil {
			out[i].Err = wire.ToError(e)
			continue
		}
		d, err := wire.ToDecision(t, r.GetDecision())
		if err != nil {
			out[i].Err = p.malformed(method, "result %d: %v", i, err)
			continue
		}
		out[i].Value = d
	}
	return out, nil
}

// Recommend implements training.Policy.
func (p *Plugin) Recommend(ctx context.Context, r training.RecommendRequest) ([]training.Recommendation, error) {
	t := wire.NewStrings()
	item := wire.RecommendItem(t, &r)
	req := &pb.RecommendRequest{Strings: t.List(), Items: []*pb.RecommendItem{item}}
	var resp *pb.RecommendResponse
	if err := p.invoke(ctx, "Recommend", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Recommend(ctx, req)
		return err
	}); err != nil {
		return nil, err
	}
	if len(resp.Results) != 1 {
		return nil, p.malformed("Recommend", "%d results for 1 request", len(resp.Results))
	}
	if e := resp.Results[0].GetError(); e != nil {
		return nil, wire.ToError(e)
	}
	if resp.Results[0].GetRecommendations() == nil {
		return nil, p.malformed("Recommend", "neither recommendations nor an error")
	}
	out := wire.ToRecommendations(resp.Results[0].GetRecommendations())
	codes := make(map[string]bool, len(r.Catalogue))
	for _, c := range r.Catalogue {
		codes[c.Code] = true
	}
	for _, x := range out {
		if !codes[x.Program] {
			return nil, p.malformed("Recommend", "program %q is not in the catalogue", x.Program)
		}
	}
	return out, nil
}

// Allocate implements training.Policy; an allocation over budget or to unknown candidates or programs is refused.
func (p *Plugin) Allocate(ctx context.Context, r training.AllocationRequest) (training.Allocation, error) {
	req := wire.Allocate(&r)
	var resp *pb.AllocateResponse
	if err := p.invoke(ctx, "Allocate", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Allocate(ctx, req)
		return err
	}); err != nil {
		return training.Allocation{}, err
	}
	if e := resp.GetError(); e != nil {
		return training.Allocation{}, wire.ToError(e)
	}
	if resp.GetAllocation() == nil {
		return training.Allocation{}, p.malformed("Allocate", "neither an allocation nor an error")
	}
	a, err := wire.ToAllocation(wire.Table(resp.Strings), resp.GetAllocation())
	if err != nil {
		return training.Allocation{}, p.malformed("Allocate", "%v", err)
	}
	cands := make(map[career.NIP]bool, len(r.Candidates))
	for _, c := range r.Candidates {
		cands[c.NIP] = true
	}
	progs := make(map[string]bool, len(r.Programs))
	for _, pr := range r.Programs {
		progs[pr.Code] = true
	}
	var spent int64
	for _, s := range a.Seats {
		if !cands[s.NIP] || !progs[s.Program] {
			return training.Allocation{}, p.malformed("Allocate", "seat %s → %q is not for a candidate and program of the request", s.NIP, s.Program)
		}
		spent += s.Cost
	}
	if spent > r.Budget || a.Spent > r.Budget {
		return training.Allocation{}, career.Newf(career.PolicyConflict, "",
			"kebijakan %s mengalokasikan Rp%d melebihi anggaran Rp%d; alokasi itu tidak diterapkan",
			"the %s policy allocated Rp%d over a budget of Rp%d; it was not applied", p.entry.Region, max(spent, a.Spent), r.Budget)
	}
	return a, nil
}

// Match implements mentoring.Policy; pairs must join a mentor and a mentee of the request.
func (p *Plugin) Match(ctx context.Context, r mentoring.MatchRequest) (mentoring.Matching, error) {
	req := wire.Match(&r)
	var resp *pb.MatchResponse
	if err := p.invoke(ctx, "Match", func(ctx context.Context, c pb.PolicyClient) (err error) {
		resp, err = c.Match(ctx, req)
		return err
	}); err != nil {
		return mentoring.Matching{}, err
	}
	if e := resp.GetError(); e != nil {
		return mentoring.Matching{}, wire.ToError(e)
	}
	if resp.GetMatching() == nil {
		return mentoring.Matching{}, p.malformed("Match", "neither a matching nor an error")
	}
	m, err := wire.ToMatching(wire.Table(resp.Strings), resp.GetMatching())
	if err != nil {
		return mentoring.Matching{}, p.malformed("Match", "%v", err)
	}
	mentors := make(map[career.NIP]bool, len(r.Mentors))
	for _, x := range r.Mentors {
		mentors[x.Employee.NIP] = true
	}
	mentees := make(map[career.NIP]bool, len(r.Mentees))
	for _, x := range r.Mentees {
		mentees[x.Employee.NIP] = true
	}
	for _, pr := range m.Pairs {
		if !mentors[pr.Mentor] || !mentees[pr.Mentee] {
			return mentoring.Matching{}, p.malformed("Match", "pair %s → %s is not a mentor and a mentee of the request", pr.Mentor, pr.Mentee)
		}
	}
	return m, nil
}
