// Command wanggar is the region policy plugin of Provinsi Wanggar: the national baseline (plugins.National) with the
// practice described in the seed document 003_f338f992b5301b34.txt — an annual appraisal on the indicators set in
// each SKP, a reward programme for top performers, workshops and seminars, heads of agencies mentoring new staff,
// and open selection on evaluation and competence with a fast track for sustained top performers. See New.
//
// The host runs it as a separate process over the go-plugin protocol. Build it with
//
//	go build -o bin/plugins/wanggar ./plugins/wanggar
//
// and list the binary, with its sha256, in the host's plugin manifest.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() { plugins.Serve(New()) }
