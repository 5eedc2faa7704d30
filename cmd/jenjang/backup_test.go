package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// TestBackup backs up the SQLite database of a serving server while clients write to it: the copy is complete as
// of one moment, passes SQLite's integrity check, serves, and is never written over.
func TestBackup(t *testing.T) {
	db := storetest.SQLite(t).DSN
	base, stderr, stop := startServeArgs(t, db, "--demo", "--plugins", t.TempDir())
	defer stop()
	m := regexp.MustCompile(`initial national admin token: (jjg_\S+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("no admin token:\n%s", stderr)
	}
	admin := m[1]

	// Writers while the backup runs: new employees, one after another.
	var wg sync.WaitGroup
	var created atomic.Int64
	done := make(chan struct{})
	wg.Go(func() {
		for i := 1; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			a := do(t.Context(), "POST", base+"/v1/regions/kalianda/employees", admin, employeeJSON(importtest.Row(i)[0]), 10*time.Second)
			if a.status != 201 {
				t.Errorf("POST employee during the backup: %d %v %.200s", a.status, a.err, a.body)
				return
			}
			created.Add(1)
		}
	})
	time.Sleep(200 * time.Millisecond)

	file := filepath.Join(t.TempDir(), "cadangan.db")
	out, errOut, err := runCmd(t, nil, "backup", "--db", db, file)
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, errOut)
	}
	got := regexp.MustCompile(`^backup \S+: \d+ bytes, integrity ok; 5 regions, (\d+) employees, \d+ audit events\n$`).FindStringSubmatch(out)
	if got == nil {
		t.Fatalf("backup printed %q", out)
	}
	if created.Load() == 0 {
		t.Fatal("no write ran beside the backup; the test proved nothing")
	}
	if _, err := os.Stat(file + ".partial"); !os.IsNotExist(err) {
		t.Errorf("the partial copy was left behind: %v", err)
	}

	// The copy opens as a database of its own, with what the backup reported.
	st, err := store.Open(t.Context(), "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.DB().NewSelect().Model((*store.Employee)(nil)).Where("deleted_at IS NULL").Count(t.Context())
	st.Close()
	if err != nil || got[1] != strconv.FormatInt(n, 10) {
		t.Errorf("the copy holds %d employees (%v); the backup reported %s", n, err, got[1])
	}
	if n < 80 { // the five demo regions' 16 each, and whatever the writer added before the copy's moment
		t.Errorf("the copy holds %d employees, fewer than the demo's 80", n)
	}

	// Never over an existing file; PostgreSQL is pg_dump's job.
	before, _ := os.ReadFile(file)
	if _, _, err := runCmd(t, nil, "backup", "--db", db, file); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a second backup to the same file: %v", err)
	}
	if after, _ := os.ReadFile(file); string(after) != string(before) {
		t.Error("the existing backup was changed")
	}
	if _, _, err := runCmd(t, nil, "backup", "--db", "postgres://nobody@127.0.0.1:1/x", filepath.Join(t.TempDir(), "x.db")); err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup of PostgreSQL: %v", err)
	}
	// A mistyped database name is an error, not a new empty database backed up.
	dir := t.TempDir()
	typo := filepath.Join(dir, "jenjnag.db")
	if _, _, err := runCmd(t, nil, "backup", "--db", "file:"+typo, filepath.Join(dir, "copy.db")); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("backup of a missing database: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a backup of a missing database left files: %v", entries)
	}
}
