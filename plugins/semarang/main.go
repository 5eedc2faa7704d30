// Command semarang is the region policy plugin of Kota Semarang: the national baseline (plugins.National) with the
// practice described in the seed document 001_d683ef1ce1b626a4.txt — results measured on weighted indicators
// (target achievement, service quality, innovation), training in project management, IT and communication and
// further study (S2/S3) as development, mentoring within a profession across units, a merit ranking that rewards
// innovation, and mobility between units, fields and agencies recommended once the national time in post is met. See
// New.
//
// The host runs it as a separate process over the go-plugin protocol. Build it with
//
//	go build -o bin/plugins/semarang ./plugins/semarang
//
// and list the binary, with its sha256, in the host's plugin manifest.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() { plugins.Serve(New()) }
