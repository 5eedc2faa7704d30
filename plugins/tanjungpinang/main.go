// Command tanjungpinang is the region policy plugin of Kota Tanjungpinang: the national baseline (plugins.National)
// with the practice described in the seed document 004_34529212ac5d13d6.txt — continuous evaluation with feedback
// from the superior, peers and the community (the public-satisfaction index, IKM), results visible to the employee,
// informal learning counted up to half of the yearly 20 JP, training in leadership, project management and public
// service, and a mentor for every new ASN in the first year. See New.
//
// The host runs it as a separate process over the go-plugin protocol. Build it with
//
//	go build -o bin/plugins/tanjungpinang ./plugins/tanjungpinang
//
// and list the binary, with its sha256, in the host's plugin manifest.
package main

import "github.com/jenjang-asn/jenjang/plugins"

func main() { plugins.Serve(New()) }
