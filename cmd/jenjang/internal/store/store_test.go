package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func TestMigrationsMatch(t *testing.T) {
	names := func(d store.Dialect) []string {
		fsys, err := store.MigrationFS(d)
		if err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(fsys, "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, ".tx.up.sql") {
				t.Errorf("%s/%s: migrations must be transactional up files (*.tx.up.sql)", d, f)
			}
		}
		return files
	}
	lite, pg := names(store.SQLite), names(store.Postgres)
	if len(lite) == 0 || !slices.Equal(lite, pg) {
		t.Fatalf("migration files differ:\nsqlite:   %v\npostgres: %v", lite, pg)
	}
}

func TestMigrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s, err := store.Open(ctx, b.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		applied, err := s.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) == 0 {
			t.Fatal("first Migrate applied nothing")
		}
		again, err := s.Migrate(ctx)
		if err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
		if len(again) != 0 {
			t.Fatalf("second Migrate applied %v", again)
		}
		// Concurrent migrators (replicas starting together) must serialise, not fail.
		var wg sync.WaitGroup
		errs := make(chan error, 3)
		for range 3 {
			wg.Go(func() {
				_, err := s.Migrate(ctx)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent Migrate: %v", err)
			}
		}
		recorded, err := s.DB().NewSelect().TableExpr("bun_migrations").Count(ctx)
		if err != nil || int(recorded) != len(applied) {
			t.Fatalf("bun_migrations has %d rows (%v), want %d: each migration recorded once", recorded, err, len(applied))
		}
		for _, table := range []string{"regions", "tokens", "audit_events", "decisions"} {
			if _, err := s.DB().NewSelect().TableExpr(table).Count(ctx); err != nil {
				t.Errorf("table %s: %v", table, err)
			}
		}
	})
}

func TestOpenReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	ctx := testContext(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err := store.Open(ctx, "file:"+filepath.Join(dir, "jenjang.db"))
	if err == nil {
		t.Fatal("Open succeeded in a read-only directory")
	}
	if !strings.Contains(err.Error(), "writable") && !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("error does not say why: %v", err)
	}
}

func TestOpenReadOnlyFile(t *testing.T) {
	ctx := testContext(t)
	path := filepath.Join(t.TempDir(), "jenjang.db")
	s, err := store.Open(ctx, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// mode=ro makes SQLite refuse writes whoever runs the test, root included.
	_, err = store.Open(ctx, "file:"+path+"?mode=ro")
	if err == nil {
		t.Fatal("Open succeeded on a read-only database")
	}
	if !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("error does not say why: %v", err)
	}
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)

		n, err := s.CountTokens(ctx)
		if err != nil || n != 0 {
			t.Fatalf("CountTokens = %d, %v", n, err)
		}
		plain, tok, err := s.CreateToken(ctx, "kalianda", auth.Supervisor, "198609262015051001")
		if err != nil {
			t.Fatal(err)
		}
		if !auth.WellFormedToken(plain) || tok.ID == 0 || tok.Hash == plain || tok.Hash != auth.HashToken(plain) {
			t.Fatalf("token %q, record %+v", plain, tok)
		}
		var stored string
		if err := s.DB().NewSelect().TableExpr("tokens").Column("hash").Where("id = ?", tok.ID).Scan(ctx, &stored); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored, plain) || stored != tok.Hash {
			t.Fatal("the token itself is stored")
		}

		p, err := s.Authenticate(ctx, plain)
		want := auth.Principal{TokenID: tok.ID, Region: "kalianda", Role: auth.Supervisor, NIP: "198609262015051001"}
		if err != nil || p != want {
			t.Fatalf("Authenticate = %+v, %v; want %+v", p, err, want)
		}

		natPlain, _, err := s.CreateToken(ctx, auth.National, auth.Admin, "")
		if err != nil {
			t.Fatal(err)
		}
		if p, err := s.Authenticate(ctx, natPlain); err != nil || !p.IsNational() || p.NIP != "" {
			t.Fatalf("national Authenticate = %+v, %v", p, err)
		}
		if n, _ := s.CountTokens(ctx); n != 2 {
			t.Fatalf("CountTokens = %d, want 2", n)
		}

		for name, bad := range map[string]string{
			"empty":    "",
			"garbage":  "Bearer nonsense",
			"unknown":  func() string { p, _, _ := auth.NewToken(); return p }(),
			"mangled":  mangle(plain),
			"no prefx": strings.TrimPrefix(plain, auth.TokenPrefix),
		} {
			if _, err := s.Authenticate(ctx, bad); career.ErrorCode(err) != career.Unauthorized {
				t.Errorf("%s: Authenticate error = %v, want unauthorized", name, err)
			}
		}

		if err := s.RevokeToken(ctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, tok.ID); err != nil {
			t.Fatalf("second revoke: %v", err)
		}
		if _, err := s.Authenticate(ctx, plain); career.ErrorCode(err) != career.Unauthorized {
			t.Fatalf("revoked token: %v", err)
		}
		if err := s.RevokeToken(ctx, 999999); career.ErrorCode(err) != career.NotFound {
			t.Fatalf("revoke unknown: %v", err)
		}

		for name, c := range map[string]struct {
			region string
			role   auth.Role
		}{
			"bad region": {"Kali Anda", auth.Admin},
			"bad role":   {"kalianda", "root"},
		} {
			if _, _, err := s.CreateToken(ctx, c.region, c.role, ""); career.ErrorCode(err) != career.Invalid {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

func TestEnsureInitialAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		var wg sync.WaitGroup
		tokens := make(chan string, 4)
		for range 4 {
			wg.Go(func() {
				tok, err := s.EnsureInitialAdmin(ctx)
				if err != nil {
					t.Error(err)
				}
				tokens <- tok
			})
		}
		wg.Wait()
		close(tokens)
		var created []string
		for tok := range tokens {
			if tok != "" {
				created = append(created, tok)
			}
		}
		if len(created) != 1 {
			t.Fatalf("created %d initial tokens, want 1", len(created))
		}
		p, err := s.Authenticate(ctx, created[0])
		if err != nil || !p.IsNational() || p.Role != auth.Admin {
			t.Fatalf("initial token: %+v, %v", p, err)
		}
		page, err := s.ListAudit(ctx, store.AuditFilter{})
		if err != nil || len(page.Events) != 1 || page.Events[0].Action != "token.create" {
			t.Fatalf("audit of initial token: %+v, %v", page, err)
		}
	})
}

func TestAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)

		for i := range 5 {
			region := "kalianda"
			if i%2 == 1 {
				region = "semarang"
			}
			err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
				return s.AppendAudit(ctx, tx, store.Event{
					Region: region, Actor: "token:1", Action: "employee.update", Target: "employee:" + string(rune('a'+i)),
					Before: json.RawMessage(`{"grade":"III/a"}`), After: json.RawMessage(`{"grade":"III/b"}`),
				})
			})
			if err != nil {
				t.Fatal(err)
			}
		}

		// A rolled-back transaction leaves no audit event.
		errBoom := errors.New("boom")
		err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := s.AppendAudit(ctx, tx, store.Event{Region: "kalianda", Actor: "token:1", Action: "x", Target: "y"}); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Fatal(err)
		}

		var got []store.Event
		f := store.AuditFilter{Region: "kalianda", Limit: 2}
		for pages := 0; ; pages++ {
			if pages > 3 {
				t.Fatal("paging does not end")
			}
			page, err := s.ListAudit(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, page.Events...)
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
		if len(got) != 3 {
			t.Fatalf("kalianda events = %d, want 3: %+v", len(got), got)
		}
		for i, e := range got {
			if e.Region != "kalianda" || e.Actor != "token:1" || e.At.IsZero() || time.Since(e.At) > time.Hour {
				t.Errorf("event %d = %+v", i, e)
			}
			if i > 0 && e.ID >= got[i-1].ID {
				t.Errorf("events not newest first: %d after %d", e.ID, got[i-1].ID)
			}
			var after map[string]string
			if err := json.Unmarshal(e.After, &after); err != nil || after["grade"] != "III/b" {
				t.Errorf("event %d after = %s (%v)", i, e.After, err)
			}
		}
		all, err := s.ListAudit(ctx, store.AuditFilter{})
		if err != nil || len(all.Events) != 5 || all.Next != "" {
			t.Fatalf("all events: %d, next %q, %v", len(all.Events), all.Next, err)
		}
		// One thing's history, and one action: exact matches, within the region.
		for _, tt := range []struct {
			f    store.AuditFilter
			want int
		}{
			{store.AuditFilter{Region: "kalianda", Target: "employee:c"}, 1},
			{store.AuditFilter{Region: "semarang", Target: "employee:c"}, 0},
			{store.AuditFilter{Region: "kalianda", Target: "employee:"}, 0},
			{store.AuditFilter{Region: "kalianda", Action: "employee.update"}, 3},
			{store.AuditFilter{Region: "kalianda", Action: "employee.delete"}, 0},
			{store.AuditFilter{Target: "employee:b", Action: "employee.update"}, 1},
		} {
			page, err := s.ListAudit(ctx, tt.f)
			if err != nil || len(page.Events) != tt.want {
				t.Errorf("ListAudit(%+v) = %d events, %v; want %d", tt.f, len(page.Events), err, tt.want)
			}
			for _, e := range page.Events {
				if tt.f.Target != "" && e.Target != tt.f.Target || tt.f.Action != "" && e.Action != tt.f.Action {
					t.Errorf("ListAudit(%+v) returned %+v", tt.f, e)
				}
			}
		}
		if _, err := s.ListAudit(ctx, store.AuditFilter{Cursor: "x"}); career.ErrorCode(err) != career.Invalid {
			t.Fatalf("bad cursor: %v", err)
		}

		// Append-only: the database refuses changes, whatever the client.
		if _, err := s.DB().NewUpdate().TableExpr("audit_events").Set("actor = 'mallory'").Where("1 = 1").Exec(ctx); err == nil {
			t.Error("UPDATE audit_events succeeded")
		}
		if _, err := s.DB().NewDelete().TableExpr("audit_events").Where("1 = 1").Exec(ctx); err == nil {
			t.Error("DELETE FROM audit_events succeeded")
		}
		if n, _ := s.DB().NewSelect().TableExpr("audit_events").Where("actor = 'mallory'").Count(ctx); n != 0 {
			t.Error("an audit event was changed")
		}

		for name, e := range map[string]store.Event{
			"no actor": {Action: "a", Target: "t"},
			"bad json": {Actor: "a", Action: "a", Target: "t", After: json.RawMessage(`{`)},
		} {
			if err := s.AppendAudit(ctx, s.DB(), e); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
	})
}

func TestRegions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		for _, r := range []store.Region{
			{Code: "semarang", Name: "Kota Semarang"},
			{Code: "kalianda", Name: "Kabupaten Kalianda", Policy: "kalianda"},
		} {
			if err := s.PutRegion(ctx, s.DB(), r); err != nil {
				t.Fatal(err)
			}
		}
		if r, err := s.GetRegion(ctx, "semarang"); err != nil || r.Policy != store.NationalPolicy {
			t.Fatalf("GetRegion(semarang) = %+v, %v", r, err) // now in the store's cache
		}
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "semarang", Name: "Kota Semarang", Policy: "semarang"}); err != nil {
			t.Fatal(err)
		}
		if r, err := s.GetRegion(ctx, "semarang"); err != nil || r.Policy != "semarang" {
			t.Fatalf("GetRegion after PutRegion = %+v, %v: a cached region outlived its update", r, err)
		}
		all, err := s.ListRegions(ctx, auth.Principal{Role: auth.Admin})
		if err != nil || len(all) != 2 || all[0].Code != "kalianda" || all[1].Policy != "semarang" {
			t.Fatalf("national ListRegions = %+v, %v", all, err)
		}
		own, err := s.ListRegions(ctx, auth.Principal{Region: "semarang", Role: auth.Auditor})
		if err != nil || len(own) != 1 || own[0].Code != "semarang" {
			t.Fatalf("regional ListRegions = %+v, %v", own, err)
		}
		if _, err := s.GetRegion(ctx, "pauh"); career.ErrorCode(err) != career.NotFound {
			t.Fatalf("GetRegion(pauh): %v", err)
		}
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "Bad Code", Name: "x"}); career.ErrorCode(err) != career.Invalid {
			t.Fatalf("bad code: %v", err)
		}
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "pauh", Name: "Pauh", Regency: "Kabupaten Pauh"}); career.ErrorField(err) != "province" {
			t.Fatalf("a regency without its province: %v", err)
		}

		// Every change is in the audit log, before and after; a put that changes nothing records nothing.
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "semarang", Name: "Kota Semarang", Policy: "semarang"}); err != nil {
			t.Fatal(err)
		}
		page, err := s.ListAudit(ctx, store.AuditFilter{Region: "semarang", Action: "region.put"})
		if err != nil || len(page.Events) != 2 {
			t.Fatalf("semarang's region.put events: %+v, %v; want its creation and its rebinding", page.Events, err)
		}
		var before, after store.Region
		if err := json.Unmarshal(page.Events[0].Before, &before); err != nil || before.Policy != store.NationalPolicy {
			t.Errorf("before %s (%v)", page.Events[0].Before, err)
		}
		if err := json.Unmarshal(page.Events[0].After, &after); err != nil || after.Policy != "semarang" || page.Events[0].Actor != "system" {
			t.Errorf("after %s (%v), actor %q", page.Events[0].After, err, page.Events[0].Actor)
		}
		if len(page.Events[1].Before) != 0 || page.Events[1].Target != "region:semarang" {
			t.Errorf("creation event %+v", page.Events[1])
		}
	})
}

func TestDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		d := &store.Decision{
			Region: "kalianda", Kind: "promotion.regular", Subject: "198609262015051001", Outcome: "eligible",
			PolicyRegion: "national", PolicyVersion: "2025.10", JudgedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			Criteria: json.RawMessage(`[{"code":"promotion.regular.min_years_in_grade","passed":true}]`),
			Inputs:   json.RawMessage(`{"years_in_grade":4}`),
		}
		if err := s.AppendDecision(ctx, s.DB(), d); err != nil {
			t.Fatal(err)
		}
		if d.ID == 0 || d.CreatedAt.IsZero() {
			t.Fatalf("decision not stored: %+v", d)
		}
		ds, err := s.ListDecisions(ctx, "kalianda", "198609262015051001")
		if err != nil || len(ds) != 1 || !ds[0].JudgedAt.Equal(d.JudgedAt) || ds[0].Outcome != "eligible" {
			t.Fatalf("ListDecisions = %+v, %v", ds, err)
		}
		if err := s.AppendDecision(ctx, s.DB(), &store.Decision{Region: "kalianda"}); err == nil {
			t.Fatal("incomplete decision accepted")
		}
	})
}

// mangle changes the last character of a token.
func mangle(tok string) string {
	last := "A"
	if strings.HasSuffix(tok, last) {
		last = "B"
	}
	return tok[:len(tok)-1] + last
}
