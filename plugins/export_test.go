package plugins

import pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"

// ServerOf returns the protocol server the SDK runs for p, to benchmark it in process.
func ServerOf(p Policy) pb.PolicyServer { return &server{p: p} }
