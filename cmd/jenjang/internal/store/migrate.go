package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

// migrationFiles holds the SQL migrations, one folder per dialect; see migrations/README.md.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

const (
	migrationsTable = "bun_migrations"
	locksTable      = "bun_migration_locks"
	// lockWait bounds how long Migrate waits for another process's SQLite migration lock.
	lockWait = 15 * time.Second
)

// MigrationFS returns the migration files of a dialect, for tests and tools.
func MigrationFS(d Dialect) (fs.FS, error) {
	return fs.Sub(migrationFiles, "migrations/"+string(d))
}

// Migrate applies the migrations not applied yet and returns their names, oldest first. It is safe to call on every
// start and from several processes at once: on PostgreSQL a session advisory lock serialises migrators; on SQLite the
// single writer plus Bun's lock table does. Each migration runs in one transaction that also records it as applied,
// so a failed migration leaves no trace and is retried next time.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	fsys, err := MigrationFS(s.dialect)
	if err != nil {
		return nil, err
	}
	migrations := migrate.NewMigrations()
	if err := migrations.Discover(fsys); err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	m := migrate.NewMigrator(s.db, migrations,
		migrate.WithTableName(migrationsTable),
		migrate.WithLocksTableName(locksTable),
		migrate.WithMarkAppliedOnSuccess(true),
		// recordApplied inserts the row inside the migration's transaction; Bun's own mark after the commit then
		// finds it and, with upsert, leaves it be.
		migrate.WithUpsert(true),
		migrate.AfterMigration(recordApplied),
	)

	unlock, err := s.lockMigrations(ctx, m)
	if err != nil {
		return nil, err
	}
	defer unlock()

	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var names []string
	for _, mig := range group.Migrations {
		names = append(names, mig.Name+"_"+mig.Comment)
	}
	return names, nil
}

// recordApplied marks a migration applied within the transaction that ran it.
func recordApplied(ctx context.Context, db bun.IConn, mig *migrate.Migration) error {
	_, err := db.ExecContext(ctx,
		"INSERT INTO "+migrationsTable+" (name, group_id, migrated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
		mig.Name, mig.GroupID, time.Now().UTC())
	return err
}

// lockMigrations creates the migration tables and takes the migration lock, returning its release.
func (s *Store) lockMigrations(ctx context.Context, m *migrate.Migrator) (unlock func(), err error) {
	if s.dialect == Postgres {
		// A session-level advisory lock, keyed by schema so that separate schemas migrate independently. It is
		// released when the connection closes, so a crashed migrator cannot leave it behind.
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("store: migration lock: %w", err)
		}
		const key = "hashtext(current_schema() || '.jenjang_migrations')"
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+key+")"); err != nil {
			conn.Close()
			return nil, fmt.Errorf("store: migration lock: %w", err)
		}
		if err := m.Init(ctx); err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+key+")")
			conn.Close()
			return nil, fmt.Errorf("store: migration tables: %w", err)
		}
		return func() {
			conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+key+")")
			conn.Close()
		}, nil
	}

	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("store: migration tables: %w", err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := m.Lock(ctx)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("store: another migration holds the lock (if no other jenjang process is "+
				"migrating, a crashed one left it: delete the row from %s): %w", locksTable, err)
		}
		select {
		case <-ctx.Done():
			return nil, errors.Join(ctx.Err(), err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return func() { m.Unlock(context.WithoutCancel(ctx)) }, nil
}
