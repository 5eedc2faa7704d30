// Package store is the reference server's storage on Bun: one schema, two databases. SQLite (the pure-Go
// modernc.org/sqlite driver, WAL, foreign keys on) is the embedded default; PostgreSQL (pgx, simple protocol) is for
// production. The same migrations (see migrations/README.md) and the same test suite run on both.
//
// Errors returned by the store carry the career error vocabulary (career.NotFound, career.Conflict, …), so the
// HTTP edge maps them without knowing about SQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// Dialect names the database behind a Store.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the server's storage. It is safe for concurrent use.
type Store struct {
	db      *bun.DB
	dialect Dialect
	now     func() time.Time
	tokens  *ttlCache[string, auth.Principal] // by token hash; see cache.go
	regions *ttlCache[string, Region]         // by region code

	// prepare says the store prepares its hottest statement (GetEmployee): always on SQLite; on PostgreSQL unless
	// the DSN chose pgx's default_query_exec_mode itself (simple_protocol behind PgBouncer's transaction pooling,
	// say, where prepared statements cannot work).
	prepare     bool
	getEmployee struct { // the prepared statement of GetEmployee; see getEmployeePrepared
		mu   sync.Mutex // held while preparing
		stmt atomic.Pointer[sql.Stmt]
	}
}

// sqlitePragmas are set on every pooled SQLite connection through the DSN (a PRAGMA run once on *sql.DB would reach
// one connection only). WAL lets readers run beside the single writer; synchronous=NORMAL is safe with WAL and makes
// single-row commits ~7× faster than FULL (DESIGN §8); busy_timeout makes a writer wait for the lock instead of
// failing at once. _txlock=immediate takes the write lock at BEGIN, so two read-then-write transactions cannot
// deadlock on a lock upgrade, which busy_timeout cannot resolve.
var sqlitePragmas = []struct{ key, value string }{
	{"_pragma", "foreign_keys(1)"},
	{"_pragma", "journal_mode(WAL)"},
	{"_pragma", "busy_timeout(5000)"},
	{"_pragma", "synchronous(NORMAL)"},
	{"_txlock", "immediate"},
}

// IsPostgresDSN reports whether dsn selects PostgreSQL (a postgres:// or postgresql:// URL); anything else is an
// SQLite file name or file: URI.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database dsn names and checks that it can be written. It does not migrate; call Migrate.
//
// An SQLite dsn is a file name or a file: URI ("file:jenjang.db", the default of the server); the pragmas the
// server relies on are added to it. A PostgreSQL dsn is a postgres:// URL; default_query_exec_mode=simple_protocol
// is added unless the dsn sets a mode, because Bun inlines values and pgx's default would prepare every statement
// (half the throughput, DESIGN §8).
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("store: empty database name")
	}
	s := &Store{now: func() time.Time { return time.Now().UTC() },
		tokens: newTTLCache[string, auth.Principal](tokenTTL), regions: newTTLCache[string, Region](regionTTL)}
	if IsPostgresDSN(dsn) {
		full, chosen, err := postgresDSN(dsn)
		if err != nil {
			return nil, err
		}
		s.prepare = !chosen
		sqldb, err := sql.Open("pgx", full)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		// One server replica keeps up to 32 connections and keeps them: reconnecting to PostgreSQL costs far more
		// than a query. database/sql's default of 2 idle connections would close and reopen one on most requests
		// under concurrent load.
		sqldb.SetMaxOpenConns(32)
		sqldb.SetMaxIdleConns(32)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		sqldb.SetConnMaxLifetime(time.Hour)
		s.db, s.dialect = bun.NewDB(sqldb, pgdialect.New()), Postgres
	} else {
		sqldb, err := sql.Open("sqlite", sqliteDSN(dsn))
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite %s: %w", dsn, err)
		}
		// Readers run in parallel under WAL; writers queue on the busy timeout. Keep every connection open: each new
		// one re-runs the pragmas, and with database/sql's default of 2 idle connections most requests under
		// concurrent load would open one.
		n := max(4, 2*runtime.GOMAXPROCS(0))
		sqldb.SetMaxOpenConns(n)
		sqldb.SetMaxIdleConns(n)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		s.db, s.dialect, s.prepare = bun.NewDB(sqldb, sqlitedialect.New()), SQLite, true
	}
	if err := s.checkWritable(ctx); err != nil {
		s.db.Close()
		if s.dialect == SQLite {
			if why := diagnoseSQLite(dsn); why != nil {
				return nil, fmt.Errorf("store: sqlite database %s: %w (%w)", dsn, why, err)
			}
		}
		return nil, fmt.Errorf("store: %s database %s: %w", s.dialect, redact(dsn), err)
	}
	return s, nil
}

// checkWritable pings the database and rolls back a small DDL write, so that a read-only file, a missing directory
// or a user without rights fails at Open with a clear message instead of at the first request.
func (s *Store) checkWritable(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("cannot connect (does the directory exist and is it writable?): %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cannot begin a write (is the file or directory read-only?): %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "CREATE TABLE jenjang_write_probe (x INTEGER)"); err != nil {
		return fmt.Errorf("not writable (is the file or directory read-only, or does the user lack CREATE rights?): %w", err)
	}
	return nil
}

func sqliteDSN(dsn string) string {
	var b strings.Builder
	b.WriteString(dsn)
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	for _, p := range sqlitePragmas {
		name, _, _ := strings.Cut(p.value, "(")
		if strings.Contains(dsn, name) {
			continue // the caller chose their own value
		}
		b.WriteString(sep + p.key + "=" + url.QueryEscape(p.value))
		sep = "&"
	}
	return b.String()
}

func postgresDSN(dsn string) (full string, chosen bool, err error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", false, fmt.Errorf("store: postgres dsn: %w", redactErr(err))
	}
	q := u.Query()
	if chosen = q.Get("default_query_exec_mode") != ""; !chosen {
		q.Set("default_query_exec_mode", "simple_protocol")
	}
	u.RawQuery = q.Encode()
	return u.String(), chosen, nil
}

// redact drops a password from a URL DSN so that it can be logged.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// redactErr hides the DSN url.Parse echoes back, since it may hold a password.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Close closes the database.
func (s *Store) Close() error {
	if stmt := s.getEmployee.stmt.Swap(nil); stmt != nil {
		stmt.Close()
	}
	return s.db.Close()
}

// DB returns the Bun database, for queries this package does not provide yet.
func (s *Store) DB() *bun.DB { return s.db }

// Dialect returns which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers; the server's readiness check calls it.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// RunInTx runs fn in a transaction, committing if fn returns nil and rolling back otherwise. Write the audit event
// of a change (AppendAudit) with the same tx, so that the change and its audit record commit together.
func (s *Store) RunInTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.db.RunInTx(ctx, nil, fn)
}

// mapError turns driver errors the caller can act on into career errors: a unique or foreign-key violation becomes
// career.Conflict, sql.ErrNoRows becomes career.NotFound. Anything else is returned unchanged (and will be internal).
func mapError(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &career.Error{Code: career.NotFound, Message: what + " not found", ID: whatID(what) + " tidak ditemukan", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505", "23503": // unique_violation, foreign_key_violation
			return &career.Error{Code: career.Conflict, Message: what + " conflicts with existing data", ID: whatID(what) + " bertentangan dengan data yang sudah ada", Err: err}
		}
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &career.Error{Code: career.Conflict, Message: what + " conflicts with existing data", ID: whatID(what) + " bertentangan dengan data yang sudah ada", Err: err}
		}
		switch sqErr.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &career.Error{Code: career.Unavailable, Message: "database is busy", ID: "basis data sedang sibuk", Err: err}
		}
	}
	return err
}

// whatNames are the Indonesian names of what mapError is told about, for the Indonesian message of its errors.
var whatNames = map[string]string{
	"appraisal":           "penilaian kinerja",
	"appraisal peer":      "rekan kerja penilai",
	"appraisal indicator": "indikator penilaian kinerja",
	"rating":              "nilai penilaian kinerja",
	"employee":            "pegawai",
	"employee history":    "riwayat pegawai",
	"sanction":            "hukuman disiplin",
	"predicate":           "predikat kinerja",
	"import":              "impor",
	"mentoring pair":      "pasangan mentoring",
	"mentoring session":   "sesi mentoring",
	"region":              "wilayah",
	"token":               "token",
	"training program":    "program pelatihan",
	"ledger activity":     "kegiatan pengembangan kompetensi",
	"enrolment":           "pendaftaran pelatihan",
	"transfer":            "mutasi",
	"position opening":    "lowongan jabatan",
	"selection result":    "hasil seleksi",
}

// whatID names what in Indonesian for the messages of mapError: "data pegawai".
func whatID(what string) string {
	if id, ok := whatNames[what]; ok {
		return "data " + id
	}
	return "data " + what
}
