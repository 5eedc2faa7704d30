package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
)

// BackupInfo is what a backup copy holds, read back from the copy itself.
type BackupInfo struct {
	Bytes       int64 // size of the file
	Regions     int
	Employees   int // current (not deleted) employees
	AuditEvents int
}

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose own tools do it better.
var ErrBackupPostgres = errors.New("back up PostgreSQL with pg_dump (or the provider's snapshots); jenjang backup copies SQLite databases")

// Backup writes a consistent copy of the SQLite database dsn names to path — a new file: Backup never writes over
// one — and checks it. The database must exist (a mistyped name is an error, not a new empty database) and is not
// migrated: a backup leaves it as it finds it.
//
// It runs beside a serving server: VACUUM INTO reads the database in one read transaction, which under WAL lets
// writers go on, and the copy is compact and self-contained (no -wal file). The copy is written next to path and
// linked into place once complete and checked, so a crash never leaves a half-written backup under the name given.
// The check opens the copy read-only, runs PRAGMA integrity_check and counts what it holds.
func Backup(ctx context.Context, dsn, path string) (BackupInfo, error) {
	if IsPostgresDSN(dsn) {
		return BackupInfo{}, ErrBackupPostgres
	}
	src := sqlitePath(dsn)
	if src == "" {
		return BackupInfo{}, fmt.Errorf("store: backup: %s is an in-memory database", dsn)
	}
	if fi, err := os.Stat(src); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: no database at %s: %w", src, err)
	} else if !fi.Mode().IsRegular() {
		return BackupInfo{}, fmt.Errorf("store: backup: %s is not a database file", src)
	}
	if _, err := os.Lstat(path); err == nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %s exists; choose a new file name", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		return BackupInfo{}, err
	}
	defer s.Close()
	partial := path + ".partial"
	if err := os.Remove(partial); err != nil && !errors.Is(err, os.ErrNotExist) {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	defer os.Remove(partial)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	info, err := checkBackup(ctx, partial)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup to %s: the copy is not sound: %w", path, err)
	}
	// A link, unlike a rename, fails when path has appeared meanwhile: what is there stays.
	if err := os.Link(partial, path); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	return info, nil
}

// checkBackup opens the copy at path read-only and returns what it holds, failing unless SQLite finds it intact.
func checkBackup(ctx context.Context, path string) (BackupInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil {
		return BackupInfo{}, err
	}
	if check != "ok" {
		return BackupInfo{}, fmt.Errorf("integrity_check: %s", check)
	}
	info := BackupInfo{Bytes: st.Size()}
	for _, q := range []struct {
		sql string
		n   *int
	}{
		{"SELECT count(*) FROM regions", &info.Regions},
		{"SELECT count(*) FROM employees WHERE deleted_at IS NULL", &info.Employees},
		{"SELECT count(*) FROM audit_events", &info.AuditEvents},
	} {
		if err := db.QueryRowContext(ctx, q.sql).Scan(q.n); err != nil {
			return BackupInfo{}, err
		}
	}
	return info, nil
}
