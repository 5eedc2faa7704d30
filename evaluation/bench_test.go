package evaluation_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

const appraisals = 100_000

// benchAppraisals builds 100,000 annual appraisals, each with the superior's two ratings and two peer ratings.
func benchAppraisals() []evaluation.Appraisal {
	out := make([]evaluation.Appraisal, appraisals)
	at := career.MustDate(2025, 12, 15)
	for i := range out {
		nip := career.MustParseNIP(fmt.Sprintf("1985%02d%02d2010%02d%d%03d", 1+i%12, 1+i%28, 1+i/999%12, 1+i%2, 1+i%999))
		h, p := evaluation.Rating(1+i%3), evaluation.Rating(1+i/3%3)
		out[i] = evaluation.Appraisal{
			Employee: career.Employee{NIP: nip},
			Period:   evaluation.Period{Year: 2025},
			Entries: []evaluation.Entry{
				{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: h, At: at},
				{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: p, At: at},
				{Source: evaluation.Peer, Rater: "rekan-1", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
				{Source: evaluation.Peer, Rater: "rekan-2", Aspect: evaluation.Perilaku, Value: evaluation.DiAtas, At: at},
			},
		}
	}
	return out
}

// BenchmarkEvaluate runs the national policy over 100,000 appraisals per op.
func BenchmarkEvaluate(b *testing.B) {
	as := benchAppraisals()
	n := evaluation.NewNational()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range as {
			if _, err := n.Evaluate(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/appraisals, "ns/appraisal")
}

// BenchmarkPredicateOf looks up the matrix for 100,000 rating pairs per op.
func BenchmarkPredicateOf(b *testing.B) {
	pairs := make([][2]evaluation.Rating, appraisals)
	for i := range pairs {
		pairs[i] = [2]evaluation.Rating{evaluation.Rating(1 + i%3), evaluation.Rating(1 + i/3%3)}
	}
	b.ReportAllocs()
	var sink evaluation.Predicate
	for b.Loop() {
		for _, p := range pairs {
			q, err := evaluation.PredicateOf(p[0], p[1])
			if err != nil {
				b.Fatal(err)
			}
			sink += q
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/appraisals, "ns/appraisal")
	_ = sink
}
