package plugins_test

import (
	"context"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
)

// BenchmarkServeAssess measures the plugin's side of one AssessPromotions batch of 1,000 in process: decoding the
// request bytes, assessing with the national baseline and encoding the answer.
func BenchmarkServeAssess(b *testing.B) {
	on := career.MustDate(2025, 4, 1)
	cands := plugintest.Candidates(1000, 42, on)
	t := wire.NewStrings()
	req := &pb.AssessPromotionsRequest{On: wire.Date(on), Candidates: wire.Candidates(t, cands)}
	req.Strings = t.List()
	data, err := proto.Marshal(req)
	if err != nil {
		b.Fatal(err)
	}
	s := plugins.ServerOf(plugins.National())
	b.ReportAllocs()
	for b.Loop() {
		var m pb.AssessPromotionsRequest
		if err := proto.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
		resp, err := s.AssessPromotions(context.Background(), &m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := proto.Marshal(resp); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000/1000, "µs/employee")
}
