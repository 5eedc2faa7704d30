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

// Backup writes a consistent copy of the SQLite database to path — a new file: Backup refuses to overwrite one —
// and checks it. It runs beside a serving server: VACUUM INTO reads the database in one read transaction, which
// under WAL lets writers go on, and the copy is compact and self-contained (no -wal file). The copy is first
// written next to path and renamed into place once complete, so a crash never leaves a half-written backup under
// the name given. The check opens the copy read-only, runs PRAGMA integrity_check and counts what it holds.
func (s *Store) Backup(ctx context.Context, path string) (BackupInfo, error) {
	if s.dialect != SQLite {
		return BackupInfo{}, ErrBackupPostgres
	}
	if _, err := os.Lstat(path); err == nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %s exists; choose a new file name", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	partial := path + ".partial"
	if err := os.Remove(partial); err != nil && !errors.Is(err, os.ErrNotExist) {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		os.Remove(partial)
		return BackupInfo{}, fmt.Errorf("store: backup to %s: %w", path, err)
	}
	info, err := checkBackup(ctx, partial)
	if err != nil {
		os.Remove(partial)
		return BackupInfo{}, fmt.Errorf("store: backup to %s: the copy is not sound: %w", path, err)
	}
	if err := os.Rename(partial, path); err != nil {
		os.Remove(partial)
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
