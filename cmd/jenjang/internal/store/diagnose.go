package store

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// diagnoseSQLite looks at the file system around an SQLite database that failed to open or to take a write, and
// says why in words an operator can act on: the directory is missing or is a file, the file system is read-only,
// the disk is full. SQLite itself only says "unable to open database file" or "disk I/O error". It returns nil
// when it finds nothing wrong (the driver's error then stands).
func diagnoseSQLite(dsn string) error {
	path := sqlitePath(dsn)
	if path == "" {
		return nil // in memory
	}
	dir := filepath.Dir(path)
	for d := dir; ; d = filepath.Dir(d) { // the nearest existing ancestor must be a directory
		fi, err := os.Stat(d)
		if err == nil {
			if !fi.IsDir() {
				return fmt.Errorf("%s is not a directory, so %s cannot be created", d, path)
			}
			if d != dir {
				return fmt.Errorf("directory %s does not exist", dir)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
			return fmt.Errorf("directory %s: %w", dir, err)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory, not a database file", path)
	}
	if readOnlyFS(dir) {
		return fmt.Errorf("%s is on a read-only file system", dir)
	}
	if free, ok := freeBytes(dir); ok && free < minFreeBytes {
		return fmt.Errorf("no space left on the file system of %s (%d bytes free)", dir, free)
	}
	return nil
}

// minFreeBytes is the free space below which a database that failed to open is reported as on a full disk: SQLite
// needs room for its -wal and -shm files (32 KiB at least) besides the database.
const minFreeBytes = 128 << 10

// sqlitePath returns the file an SQLite dsn names, or "" for an in-memory database.
func sqlitePath(dsn string) string {
	name, query, _ := strings.Cut(dsn, "?")
	if strings.HasPrefix(name, "file:") {
		name = strings.TrimPrefix(name, "file:")
		name = strings.TrimPrefix(name, "//") // file:///abs/path
		if u, err := url.PathUnescape(name); err == nil {
			name = u
		}
	}
	if q, err := url.ParseQuery(query); err == nil && q.Get("mode") == "memory" {
		return ""
	}
	if name == "" || name == ":memory:" {
		return ""
	}
	return name
}
