// Package archtest holds the guard tests that keep the house in order (DESIGN §2, STYLE "Tests"): the five domain
// packages — career, evaluation, training, mentoring, promotion — import nothing but the standard library and each
// other, so that a government developer can `go get` them without server or database baggage; every package in
// the module carries a package doc comment; and the errors a user can see are built in Indonesian and English
// (career.Newf, never career.Errorf), with the two formats of each reading the same args.
//
// The package has no API; its checks run with `go test ./internal/archtest/`.
package archtest
