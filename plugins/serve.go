package plugins

// Serve runs p as a plugin binary's whole main: it serves the policy to the host over the go-plugin gRPC protocol
// and returns when the host stops it.
//
// PLACEHOLDER until the plugin SDK lands: the SDK session replaces this file.
func Serve(p Policy) {
	panic("plugins.Serve: the plugin SDK is not built yet")
}
