// Package policyv1 is the generated Go code of the Jenjang plugin protocol, proto package jenjang.policy.v1
// (plugins/proto/jenjang/policy/v1/policy.proto). Do not edit the *.pb.go files: change the .proto and run
// plugins/proto/generate.sh (make proto). It is internal: plugin authors and host callers use Go domain types, and
// package wire converts.
package policyv1
