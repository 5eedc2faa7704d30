//go:build !linux

package store

func readOnlyFS(string) bool { return false }

func freeBytes(string) (uint64, bool) { return 0, false }
