package wire_test

import (
	"testing"

	"google.golang.org/protobuf/proto"

	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

// FuzzDecodeAssessResponse feeds arbitrary bytes to the host's decoder as a plugin's answer to AssessPromotions for
// a batch of n candidates: garbage, truncated messages, huge counts, columns that do not add up and string indices
// out of range must all end in an error (for the batch or the item), never a panic or a runaway allocation.
func FuzzDecodeAssessResponse(f *testing.F) {
	ds := decisions(6, 1)
	w := wire.NewDecisionWriter(wire.NewStrings(), len(ds), 0)
	for i := range ds {
		if i == 2 {
			w.Fail(&pb.Error{Code: "invalid", Field: "nip", Message: "x"})
			continue
		}
		w.Add(&ds[i])
	}
	cols, errs := w.Message()
	good, err := proto.Marshal(&pb.AssessPromotionsResponse{Strings: wire.StringsOf(w), Decisions: cols, Errors: errs})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, uint16(len(ds)))
	f.Add(good[:len(good)/2], uint16(len(ds)))
	f.Add(good, uint16(1))
	f.Add([]byte{}, uint16(0))
	huge, _ := proto.Marshal(&pb.AssessPromotionsResponse{Decisions: &pb.Decisions{Count: 1 << 31, CriteriaCounts: []uint32{1<<32 - 1, 1<<32 - 1},
		Kind: []uint32{1 << 30}, SubjectLengths: []uint32{1 << 31}}})
	f.Add(huge, uint16(2))
	badIndex, _ := proto.Marshal(&pb.AssessPromotionsResponse{Strings: []string{"", "a"}, Decisions: &pb.Decisions{Count: 1,
		Kind: []uint32{7}, CriteriaCounts: []uint32{1}, Criteria: []uint32{1, 2, 99, 1, 1, 1, 1}, DetailsCounts: []uint32{1}, Details: []uint32{1, 1000}},
		Errors: []*pb.ItemError{{Item: 5}}})
	f.Add(badIndex, uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, n uint16) {
		var m pb.AssessPromotionsResponse
		if proto.Unmarshal(data, &m) != nil {
			return
		}
		r, err := wire.ReadDecisions(wire.Table(m.Strings), m.Decisions, m.Errors, int(n))
		if err != nil {
			if r != nil {
				t.Fatal("a reader and an error")
			}
			return
		}
		for i := range int(n) {
			_ = r.Subject(i)
			if r.Err(i) != nil {
				continue
			}
			_, _ = r.Decision(i)
		}
	})
}
