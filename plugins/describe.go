package plugins

import (
	"google.golang.org/grpc/codes"

	"github.com/jenjang-asn/jenjang/career"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

func describeMessage(d Description) *pb.DescribeResponse {
	m := &pb.DescribeResponse{Region: d.Region, Name: d.Name, Version: d.Version, Protocol: int32(d.Protocol)}
	for _, p := range d.Params {
		m.Params = append(m.Params, &pb.Param{Name: p.Name, Value: p.Value, Text: wire.Text(p.Text)})
	}
	for _, r := range d.Rules {
		m.Rules = append(m.Rules, wire.Text(r))
	}
	return m
}

func toDescription(m *pb.DescribeResponse) Description {
	d := Description{Region: m.GetRegion(), Name: m.GetName(), Version: m.GetVersion(), Protocol: int(m.GetProtocol())}
	for _, p := range m.GetParams() {
		d.Params = append(d.Params, Param{Name: p.GetName(), Value: p.GetValue(), Text: wire.ToText(p.GetText())})
	}
	for _, r := range m.GetRules() {
		d.Rules = append(d.Rules, wire.ToText(r))
	}
	return d
}

// grpcCode maps an error's career code to the gRPC status a call-level failure carries.
func grpcCode(err error) codes.Code {
	switch career.ErrorCode(err) {
	case career.Invalid:
		return codes.InvalidArgument
	case career.NotFound:
		return codes.NotFound
	case career.Timeout:
		return codes.DeadlineExceeded
	case career.Unavailable:
		return codes.Unavailable
	}
	return codes.Internal
}
