package store

import "syscall"

// readOnlyFS reports whether dir is on a file system mounted read-only (which binds root too, unlike permissions).
func readOnlyFS(dir string) bool {
	var st syscall.Statfs_t
	return syscall.Statfs(dir, &st) == nil && st.Flags&0x1 != 0 // ST_RDONLY
}

// freeBytes returns the bytes of dir's file system available to the process.
func freeBytes(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
