// Command pauh is the region policy plugin of Pauh: the national baseline (plugins.National) with the practice
// described in the seed document 002_446637bf4a63cf86.txt — an annual 360 appraisal by the direct superior and
// peers, training matched to the job field and chosen from the appraisal, training seats first to those with the
// fewest JP this year (equal opportunity), and every criterion published. See New.
//
// The host runs it as a separate process over the go-plugin protocol. Build it with
//
//	go build -o bin/plugins/pauh ./plugins/pauh
//
// and list the binary, with its sha256, in the host's plugin manifest.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() { plugins.Serve(New()) }
