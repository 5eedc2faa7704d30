//go:build ignore

// Command gen is a generator outside the build, so its comment does not document package main.
package main
