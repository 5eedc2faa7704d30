// Package archtest holds the guard tests that keep the house in order (DESIGN §2, STYLE "Tests"): the five domain
// packages — career, evaluation, training, mentoring, promotion — import nothing but the standard library and each
// other, so that a government developer can `go get` them without server or database baggage; and every package in
// the module carries a package doc comment.
//
// The package has no API; its checks run with `go test ./internal/archtest/`.
package archtest
