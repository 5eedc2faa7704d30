package plugins

import (
	"context"
	"errors"
	"fmt"
	"log"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// grpcPlugin is the go-plugin face of the protocol: the server half serves a Policy, the client half returns the
// raw gRPC client, which the host wraps.
type grpcPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	policy Policy
}

func (g *grpcPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterPolicyServer(s, &server{p: g.policy})
	return nil
}

func (g *grpcPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, cc *grpc.ClientConn) (any, error) {
	return pb.NewPolicyClient(cc), nil
}

// server answers the protocol with a Policy, looping over batches item by item.
type server struct {
	pb.UnimplementedPolicyServer
	p Policy
}

// guard runs one policy call, turning a panic into an Internal error for that item.
func guard[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("jenjang policy: panic: %v\n%s", r, debug.Stack())
			err = &career.Error{Code: career.Internal, Message: "the policy failed on this item", ID: "kebijakan gagal pada butir ini", Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	return f()
}

// stopped reports a deadline or cancellation as the gRPC status the host expects.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return status.FromContextError(err).Err()
	}
	return nil
}

func itemError(err error) *pb.Error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &pb.Error{Code: string(career.Timeout), Message: "the policy did not answer before the deadline", MessageId: "kebijakan tidak menjawab sebelum batas waktu"}
	case errors.Is(err, context.Canceled):
		return &pb.Error{Code: string(career.Unavailable), Message: "the call was cancelled", MessageId: "panggilan dibatalkan"}
	}
	return wire.Error(err)
}

func decisionResult(t *wire.Strings, d *career.Decision, err error) *pb.DecisionResult {
	if err != nil {
		return &pb.DecisionResult{Result: &pb.DecisionResult_Error{Error: itemError(err)}}
	}
	return &pb.DecisionResult{Result: &pb.DecisionResult_Decision{Decision: wire.Decision(t, d)}}
}

func (s *server) Describe(ctx context.Context, _ *pb.DescribeRequest) (*pb.DescribeResponse, error) {
	d, err := guard(func() (Description, error) { return s.p.Describe(ctx) })
	if err != nil {
		return nil, status.Error(grpcCode(err), err.Error())
	}
	return describeMessage(d), nil
}

func (s *server) AssessPromotions(ctx context.Context, req *pb.AssessPromotionsRequest) (*pb.AssessPromotionsResponse, error) {
	on, onErr := wire.ToDate(req.GetOn(), "on")
	r, err := wire.ReadCandidates(wire.Table(req.GetStrings()), req.GetCandidates())
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, "candidates: "+err.Error())
	}
	n := r.Len()
	workers := max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
	ws := make([]*wire.DecisionWriter, workers)
	bounds := func(w int) (int, int) { return w * n / workers, (w + 1) * n / workers }
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := bounds(w)
		size := hi - lo
		if w == 0 {
			size = n // the others are merged into the first: room for all at once, not grown again
		}
		ws[w] = wire.NewDecisionWriter(wire.NewStrings(), size, lo)
		wg.Go(func() {
			var dates wire.Dates
			// The candidate is the policy's only for the duration of Assess (see Serve): its predicates map is
			// reused for the next one.
			preds := make(map[int]evaluation.Predicate, 8)
			for i := lo; i < hi; i++ {
				if i%64 == 0 && ctx.Err() != nil {
					return
				}
				d, err := guard(func() (career.Decision, error) {
					if onErr != nil {
						return career.Decision{}, onErr
					}
					c, err := r.CandidateReusing(i, &dates, preds)
					if err != nil {
						return career.Decision{}, err
					}
					return s.p.Assess(ctx, c, on)
				})
				if err != nil {
					ws[w].Fail(itemError(err))
				} else {
					ws[w].Add(&d)
				}
			}
		})
	}
	wg.Wait()
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	ws[0].Merge(ws[1:]...)
	ds, errs := ws[0].Message()
	return &pb.AssessPromotionsResponse{Strings: wire.StringsOf(ws[0]), Decisions: ds, Errors: errs}, nil
}

func (s *server) Evaluate(ctx context.Context, req *pb.EvaluateRequest) (*pb.EvaluateResponse, error) {
	as := req.GetAppraisals()
	res, strs, err := batch(ctx, len(as), func(t *wire.Strings, i int) *pb.EvaluationItem {
		r, err := guard(func() (r evaluation.Result, err error) {
			a, err := wire.ToAppraisal(as[i])
			if err != nil {
				return r, err
			}
			return s.p.Evaluate(ctx, a)
		})
		if err != nil {
			return &pb.EvaluationItem{Result: &pb.EvaluationItem_Error{Error: itemError(err)}}
		}
		return &pb.EvaluationItem{Result: &pb.EvaluationItem_Evaluation{Evaluation: wire.Result(t, &r)}}
	}, func(m *pb.EvaluationItem) *pb.Decision { return m.GetEvaluation().GetDecision() })
	if err != nil {
		return nil, err
	}
	return &pb.EvaluateResponse{Strings: strs, Results: res}, nil
}

func (s *server) CheckTransfers(ctx context.Context, req *pb.CheckTransfersRequest) (*pb.CheckTransfersResponse, error) {
	rs := req.GetRequests()
	res, strs, err := batch(ctx, len(rs), func(t *wire.Strings, i int) *pb.DecisionResult {
		d, err := guard(func() (career.Decision, error) {
			r, err := wire.ToTransfer(rs[i])
			if err != nil {
				return career.Decision{}, err
			}
			return s.p.CheckTransfer(ctx, r)
		})
		return decisionResult(t, &d, err)
	}, (*pb.DecisionResult).GetDecision)
	if err != nil {
		return nil, err
	}
	return &pb.CheckTransfersResponse{Strings: strs, Results: res}, nil
}

func (s *server) Compliance(ctx context.Context, req *pb.ComplianceRequest) (*pb.ComplianceResponse, error) {
	ls := req.GetLedgers()
	res, strs, err := batch(ctx, len(ls), func(t *wire.Strings, i int) *pb.DecisionResult {
		d, err := guard(func() (career.Decision, error) {
			l, err := wire.ToLedger(ls[i], "")
			if err != nil {
				return career.Decision{}, err
			}
			return s.p.Compliance(ctx, l)
		})
		return decisionResult(t, &d, err)
	}, (*pb.DecisionResult).GetDecision)
	if err != nil {
		return nil, err
	}
	return &pb.ComplianceResponse{Strings: strs, Results: res}, nil
}

func (s *server) Recommend(ctx context.Context, req *pb.RecommendRequest) (*pb.RecommendResponse, error) {
	in := wire.Table(req.GetStrings())
	res := make([]*pb.RecommendResult, len(req.GetItems()))
	for i, m := range req.GetItems() {
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		rs, err := guard(func() ([]training.Recommendation, error) {
			r, err := wire.ToRecommendItem(in, m)
			if err != nil {
				return nil, err
			}
			return s.p.Recommend(ctx, r)
		})
		if err != nil {
			res[i] = &pb.RecommendResult{Result: &pb.RecommendResult_Error{Error: itemError(err)}}
		} else {
			res[i] = &pb.RecommendResult{Result: &pb.RecommendResult_Recommendations{Recommendations: wire.Recommendations(rs)}}
		}
	}
	return &pb.RecommendResponse{Results: res}, nil
}

func (s *server) Allocate(ctx context.Context, req *pb.AllocateRequest) (*pb.AllocateResponse, error) {
	a, err := guard(func() (training.Allocation, error) {
		r, err := wire.ToAllocate(req)
		if err != nil {
			return training.Allocation{}, err
		}
		return s.p.Allocate(ctx, r)
	})
	if err != nil {
		return &pb.AllocateResponse{Result: &pb.AllocateResponse_Error{Error: itemError(err)}}, nil
	}
	t := wire.NewStrings()
	m := wire.Allocation(t, &a)
	return &pb.AllocateResponse{Strings: t.List(), Result: &pb.AllocateResponse_Allocation{Allocation: m}}, nil
}

func (s *server) Match(ctx context.Context, req *pb.MatchRequest) (*pb.MatchResponse, error) {
	x, err := guard(func() (mentoring.Matching, error) {
		r, err := wire.ToMatch(req)
		if err != nil {
			return mentoring.Matching{}, err
		}
		return s.p.Match(ctx, r)
	})
	if err != nil {
		return &pb.MatchResponse{Result: &pb.MatchResponse_Error{Error: itemError(err)}}, nil
	}
	t := wire.NewStrings()
	m := wire.Matching(t, &x)
	return &pb.MatchResponse{Strings: t.List(), Result: &pb.MatchResponse_Matching{Matching: m}}, nil
}

func (s *server) Rank(ctx context.Context, req *pb.RankRequest) (*pb.RankResponse, error) {
	r, err := guard(func() (promotion.Ranking, error) {
		sel, err := wire.ToSelection(req)
		if err != nil {
			return promotion.Ranking{}, err
		}
		return s.p.Rank(ctx, sel)
	})
	if err != nil {
		return &pb.RankResponse{Result: &pb.RankResponse_Error{Error: itemError(err)}}, nil
	}
	t := wire.NewStrings()
	m := wire.Ranking(t, &r)
	return &pb.RankResponse{Strings: t.List(), Result: &pb.RankResponse_Ranking{Ranking: m}}, nil
}

// minChunk is the fewest items a worker of batch takes: below it, goroutines cost more than they save.
const minChunk = 128

// batch answers the n items of a batch with item, on up to GOMAXPROCS workers in contiguous chunks, and returns the
// results in order with the merged strings table. Each worker fills its own table; the tables are merged and the
// decisions' indices (found with decision) rewritten, so the encoding runs in parallel too. It stops with the
// context's status when the deadline passes.
func batch[T any](ctx context.Context, n int, item func(t *wire.Strings, i int) T, decision func(T) *pb.Decision) ([]T, []string, error) {
	res := make([]T, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
	tabs := make([]*wire.Strings, workers)
	bounds := func(w int) (int, int) { return w * n / workers, (w + 1) * n / workers }
	var wg sync.WaitGroup
	for w := range workers {
		tabs[w] = wire.NewStrings()
		wg.Go(func() {
			lo, hi := bounds(w)
			for i := lo; i < hi; i++ {
				if i%64 == 0 && ctx.Err() != nil {
					return
				}
				res[i] = item(tabs[w], i)
			}
		})
	}
	wg.Wait()
	if err := stopped(ctx); err != nil {
		return nil, nil, err
	}
	all := tabs[0]
	for w := 1; w < workers; w++ {
		remap := make([]uint32, len(tabs[w].List()))
		for j, s := range tabs[w].List() {
			remap[j] = all.Add(s)
		}
		lo, hi := bounds(w)
		for i := lo; i < hi; i++ {
			wire.Remap(decision(res[i]), remap)
		}
	}
	return res, all.List(), nil
}
