// Command kalianda is the region policy plugin of Kalianda (Kabupaten Lampung Selatan): the national baseline
// (plugins.National) with the practice described in the seed document 000_f03dd11ddc94c4a7.txt — an annual appraisal
// followed by development advice (coaching, a leadership course, the BKPSDM catalogue), mentoring within the same
// unit, and position selection on performance and competence with a bonus for a flagship project. See New.
//
// The host runs it as a separate process over the go-plugin protocol. Build it with
//
//	go build -o bin/plugins/kalianda ./plugins/kalianda
//
// and list the binary, with its sha256, in the host's plugin manifest.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() { plugins.Serve(New()) }
