// Package storetest runs tests against every database the server supports: a fresh SQLite file and, when
// JENJANG_TEST_POSTGRES names a server, a fresh PostgreSQL schema. Each call gets its own database, so tests can run
// in parallel and never see each other's rows.
//
//	func TestThing(t *testing.T) {
//		storetest.Each(t, func(t *testing.T, b storetest.Backend) {
//			s := b.Open(t) // migrated, closed and dropped when t ends
//			...
//		})
//	}
//
// Without JENJANG_TEST_POSTGRES the PostgreSQL subtests are skipped, unless CI is set, where they fail: CI must
// test both databases.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop schemas

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// PostgresEnv names the environment variable holding the PostgreSQL server to test against, for example
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. Its user must be allowed to create schemas.
const PostgresEnv = "JENJANG_TEST_POSTGRES"

// Backend is one database to run a test against.
type Backend struct {
	Name string // "sqlite" or "postgres"; the subtest name
	DSN  string // a fresh, empty database; pass it to store.Open or to the server's --db flag
}

// Each runs fn as one subtest per backend ("sqlite", "postgres"), each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, b Backend)) {
	t.Helper()
	t.Run(string(store.SQLite), func(t *testing.T) {
		fn(t, SQLite(t))
	})
	t.Run(string(store.Postgres), func(t *testing.T) {
		fn(t, Postgres(t))
	})
}

// SQLite returns a backend on a new SQLite file in t's temporary directory.
func SQLite(t testing.TB) Backend {
	t.Helper()
	return Backend{Name: string(store.SQLite), DSN: "file:" + filepath.Join(t.TempDir(), "jenjang.db")}
}

// Postgres returns a backend on a new schema of the server named by JENJANG_TEST_POSTGRES, dropped when t ends.
// It skips t when the variable is unset, or fails it when CI is set.
func Postgres(t testing.TB) Backend {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI must run the storage tests on PostgreSQL too "+
				"(e.g. %s=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv, PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}

	schema := "jenjang_test_" + randomHex(t, 8)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema on %s: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})

	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return Backend{Name: string(store.Postgres), DSN: u.String()}
}

// Open opens and migrates the backend's database, closing it when t ends.
func (b Backend) Open(t testing.TB) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := store.Open(ctx, b.DSN)
	if err != nil {
		t.Fatalf("open %s: %v", b.Name, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", b.Name, err)
	}
	return s
}

func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
