// Command badproto is a plugin with the right handshake cookie that speaks protocol version 2 only: the host must
// refuse it.
package main

import (
	"context"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

type v2 struct{ plugin.NetRPCUnsupportedPlugin }

type server struct{ pb.UnimplementedPolicyServer }

func (v2) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterPolicyServer(s, server{})
	return nil
}

func (v2) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (any, error) {
	return nil, nil
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig:  plugin.HandshakeConfig{MagicCookieKey: wire.MagicCookieKey, MagicCookieValue: wire.MagicCookieValue},
		VersionedPlugins: map[int]plugin.PluginSet{2: {wire.PluginName: v2{}}},
		GRPCServer:       plugin.DefaultGRPCServer,
	})
}
