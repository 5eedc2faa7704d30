package plugins

import (
	"context"
	"iter"
	"slices"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// DefaultBatchSize is the number of items AssessAll sends in one call when not told otherwise.
const DefaultBatchSize = 1000

// pipelineDepth is the number of batches AssessAll and AssessEach keep in flight beside the one whose outcomes
// are being handed on.
const pipelineDepth = 2

// Item is the result of one item of a batch: a value, or the typed error (*career.Error) of that item alone.
type Item[T any] struct {
	Value T
	Err   error
}

// BatchAssessor is the capability of a Policy that decides many promotions in one call (a plugin does: one round
// trip per batch instead of one per employee). The result has one Item per candidate, in order; the error is for
// the call as a whole (the plugin died, timed out, or answered garbage).
type BatchAssessor interface {
	AssessBatch(ctx context.Context, cands []promotion.Candidate, on career.Date) ([]Item[career.Decision], error)
}

// BatchEvaluator is the capability of evaluating many appraisals in one call.
type BatchEvaluator interface {
	EvaluateBatch(ctx context.Context, as []evaluation.Appraisal) ([]Item[evaluation.Result], error)
}

// BatchTransferChecker is the capability of judging many transfer requests in one call.
type BatchTransferChecker interface {
	CheckTransferBatch(ctx context.Context, rs []career.TransferRequest) ([]Item[career.Decision], error)
}

// BatchComplianceChecker is the capability of judging many JP ledgers in one call.
type BatchComplianceChecker interface {
	ComplianceBatch(ctx context.Context, ls []training.Ledger) ([]Item[career.Decision], error)
}

// Outcome is the promotion decision of one employee in AssessAll, or the typed error for that employee.
type Outcome struct {
	NIP      career.NIP
	Decision career.Decision
	Err      error
}

// AssessAll decides the rank promotion of every candidate on a date: in batches of batchSize (DefaultBatchSize
// when ≤ 0) when p is a BatchAssessor (a plugin), one by one in process otherwise. Outcomes come in the order of
// cands. An error for a whole batch (career.Unavailable, career.Timeout) stops it and is returned with the
// outcomes decided so far.
func AssessAll(ctx context.Context, p Policy, cands []promotion.Candidate, on career.Date, batchSize int) ([]Outcome, error) {
	out := make([]Outcome, 0, len(cands))
	add := func(o Outcome) error {
		out = append(out, o)
		return nil
	}
	ba, ok := p.(BatchAssessor)
	if !ok {
		err := AssessEach(ctx, p, slices.Values(cands), on, batchSize, add)
		return out, err
	}
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	// The batches are parts of cands itself (capped, so that nothing appends into the next), not copies.
	batches := func(yield func([]promotion.Candidate) bool) {
		for lo := 0; lo < len(cands); lo += batchSize {
			hi := min(lo+batchSize, len(cands))
			if !yield(cands[lo:hi:hi]) {
				return
			}
		}
	}
	err := assessBatches(ctx, ba, batches, on, add)
	return out, err
}

// AssessEach is AssessAll for a stream: it reads candidates from cands (rows from a database cursor, say) and hands
// each outcome to yield in order, holding at most three batches in memory, so memory stays flat however large the
// region. With a BatchAssessor, the next two batches are in flight while yield consumes the oldest. An error from
// yield stops the run and is returned.
func AssessEach(ctx context.Context, p Policy, cands iter.Seq[promotion.Candidate], on career.Date, batchSize int, yield func(Outcome) error) error {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	ba, ok := p.(BatchAssessor)
	if !ok {
		for c := range cands {
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := p.Assess(ctx, c, on)
			if err := yield(Outcome{NIP: c.Employee.NIP, Decision: d, Err: err}); err != nil {
				return err
			}
		}
		return nil
	}
	batches := func(yield func([]promotion.Candidate) bool) {
		batch := make([]promotion.Candidate, 0, batchSize)
		for c := range cands {
			batch = append(batch, c)
			if len(batch) < batchSize {
				continue
			}
			if !yield(batch) {
				return
			}
			batch = make([]promotion.Candidate, 0, batchSize)
		}
		if len(batch) > 0 {
			yield(batch)
		}
	}
	return assessBatches(ctx, ba, batches, on, yield)
}

// assessBatches sends each batch of batches to ba, the next ones in flight while yield consumes the oldest one's
// outcomes, in order. A batch must not change while it is in flight.
func assessBatches(ctx context.Context, ba BatchAssessor, batches iter.Seq[[]promotion.Candidate], on career.Date, yield func(Outcome) error) error {
	type pending struct {
		cands  []promotion.Candidate
		items  []Item[career.Decision]
		answer *wire.DecisionReader // a plugin's answer, decoded item by item straight into the outcomes
		err    error
		done   chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pl, _ := ba.(*Plugin)
	send := func(batch []promotion.Candidate) *pending {
		pd := &pending{cands: batch, done: make(chan struct{})}
		go func() {
			defer close(pd.done)
			if pl != nil {
				pd.answer, pd.err = pl.assessBatch(ctx, batch, on)
				return
			}
			pd.items, pd.err = ba.AssessBatch(ctx, batch, on)
		}()
		return pd
	}
	drain := func(pd *pending) error {
		<-pd.done
		if pd.err != nil {
			return pd.err
		}
		for i := range pd.cands {
			var it Item[career.Decision]
			if pd.answer != nil {
				it = pl.promotionItem(pd.answer, i, &pd.cands[i])
			} else {
				it = pd.items[i]
			}
			if err := yield(Outcome{NIP: pd.cands[i].Employee.NIP, Decision: it.Value, Err: it.Err}); err != nil {
				return err
			}
		}
		return nil
	}
	// Up to pipelineDepth batches are in flight while yield consumes the oldest, so that the plugin always has the
	// next batch in hand and does not wait while the host encodes it.
	var queue []*pending
	// abandon stops the batches still in flight after an error and waits for them: a cancelled call is the caller
	// giving up, which the supervisor does not hold against the plugin.
	abandon := func() {
		cancel()
		for _, pd := range queue {
			<-pd.done
		}
		queue = nil
	}
	for batch := range batches {
		queue = append(queue, send(batch))
		if len(queue) <= pipelineDepth {
			continue
		}
		pd := queue[0]
		queue[0], queue = nil, queue[1:] // the drained batch is garbage once handed on
		if err := drain(pd); err != nil {
			abandon()
			return err
		}
	}
	for len(queue) > 0 {
		pd := queue[0]
		queue[0], queue = nil, queue[1:]
		if err := drain(pd); err != nil {
			abandon()
			return err
		}
	}
	return nil
}
