// Command baseline serves the national baseline as a plugin for region "baseline": the reference the conformance
// kit and the benchmarks run against.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() {
	p := plugins.National()
	p.Info.Region, p.Info.Name = "baseline", "National baseline (test plugin)"
	plugins.Serve(p)
}
