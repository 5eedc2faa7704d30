package plugins

import (
	"os"
	"runtime/debug"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

// Serve runs p as a plugin binary's whole main: it serves the policy to the host over the go-plugin gRPC protocol
// (jenjang.policy.v1, ProtocolVersion) and returns when the host stops it. A region plugin is
//
//	func main() { plugins.Serve(kalianda.New()) }
//
// The host calls the policy in batches; Serve answers each item of a batch with its own Policy method, so a
// policy only implements the per-item methods. A panic in a method fails that item alone (an Internal error for the
// item; the stack goes to the plugin's stderr, which the host logs), never the plugin. p must be safe for concurrent
// use: the host may send several batches at once.
//
// A candidate handed to Assess is the policy's only for the duration of the call: Serve decodes a batch into
// memory it reuses (the Predicates map is cleared and refilled for the next candidate), so a policy that keeps a
// candidate, or hands it to a goroutine that outlives the call, must copy what it keeps (maps.Clone(c.Predicates)).
// What Assess returns is the policy's to make: nothing of a decision is reused.
//
// Run by hand, outside a host, the binary prints that it is a plugin and exits.
func Serve(p Policy) {
	if _, set := os.LookupEnv("GOGC"); !set {
		// A plugin's live heap is small (its policy and the batches in hand) while a batch allocates megabytes of
		// short-lived decisions: at the default GOGC the collector would run several times a batch for nothing.
		debug.SetGCPercent(servedGCPercent)
	}
	plugin.Serve(serveConfig(p))
}

// servedGCPercent is the GOGC of a plugin process (unless its environment sets GOGC).
const servedGCPercent = 400

// handshake is the go-plugin handshake every Jenjang plugin and host share. ProtocolVersion is negotiated through
// VersionedPlugins.
func handshake() plugin.HandshakeConfig {
	return plugin.HandshakeConfig{MagicCookieKey: wire.MagicCookieKey, MagicCookieValue: wire.MagicCookieValue}
}

func serveConfig(p Policy) *plugin.ServeConfig {
	return &plugin.ServeConfig{
		HandshakeConfig:  handshake(),
		VersionedPlugins: map[int]plugin.PluginSet{ProtocolVersion: {wire.PluginName: &grpcPlugin{policy: p}}},
		GRPCServer: func(opts []grpc.ServerOption) *grpc.Server {
			return grpc.NewServer(append(opts, grpc.MaxRecvMsgSize(wire.MaxMessageBytes), grpc.MaxSendMsgSize(wire.MaxMessageBytes),
				grpc.InitialWindowSize(wire.WindowBytes), grpc.InitialConnWindowSize(wire.WindowBytes),
				grpc.ReadBufferSize(wire.BufferBytes), grpc.WriteBufferSize(wire.BufferBytes))...)
		},
		Logger: hclog.New(&hclog.LoggerOptions{Name: "policy", Level: hclog.Warn, Output: os.Stderr, JSONFormat: true}),
	}
}
