package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// sanctionList formats sanction rows as "level from..until" in their order, for comparisons.
func sanctionList(rows []store.Sanction) string {
	s := ""
	for _, r := range rows {
		s += fmt.Sprintf("[%s %s..%s]", r.Level, r.From, r.Until)
	}
	return s
}

func TestReplaceSanctions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
			t.Fatal(err)
		}
		const ayu, budi = "198609262015051001", "199002142019032002"
		// Each starts with one ringan sanction, 2022-01-01..2022-06-30 (testEmployee).
		if err := s.InsertEmployees(ctx, s.DB(), "kalianda", []career.Employee{testEmployee(ayu, ""), testEmployee(budi, "")}); err != nil {
			t.Fatal(err)
		}
		list := func(nip string) []store.Sanction {
			t.Helper()
			rows, err := s.ListSanctions(ctx, nil, "kalianda", nip)
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		replace := func(db bun.IDB, nip string, ss ...career.Sanction) error {
			rows := make([]store.Sanction, len(ss))
			for i, sn := range ss {
				rows[i] = store.SanctionFrom("elsewhere", "000", sn) // ReplaceSanctions sets region and NIP
			}
			return s.ReplaceSanctions(ctx, db, "kalianda", nip, rows)
		}
		ringan := career.Sanction{Level: career.Ringan, From: career.MustDate(2022, 1, 1), Until: career.MustDate(2022, 6, 30)}
		berat := career.Sanction{Level: career.Berat, From: career.MustDate(2025, 3, 1)}
		sedang := career.Sanction{Level: career.Sedang, From: career.MustDate(2020, 1, 1), Until: career.MustDate(2020, 12, 31)}
		const budiWant = "[ringan 2022-01-01..2022-06-30]"

		kept := list(ayu)
		if len(kept) != 1 {
			t.Fatalf("initial sanctions: %v", sanctionList(kept))
		}
		// Keep the ringan one (same row: id and created_at), add a berat (open-ended) and a sedang.
		if err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return replace(tx, ayu, berat, ringan, sedang)
		}); err != nil {
			t.Fatal(err)
		}
		got := list(ayu)
		if want := "[sedang 2020-01-01..2020-12-31][ringan 2022-01-01..2022-06-30][berat 2025-03-01..]"; sanctionList(got) != want {
			t.Fatalf("after replace: %s, want %s (oldest first)", sanctionList(got), want)
		}
		if got[1].ID != kept[0].ID || !got[1].CreatedAt.Equal(kept[0].CreatedAt) {
			t.Fatalf("an unchanged sanction was rewritten: %+v, was %+v", got[1], kept[0])
		}
		if got[0].Region != "kalianda" || got[0].NIP != ayu {
			t.Fatalf("row of another employee: %+v", got[0])
		}
		if sanctionList(list(budi)) != budiWant {
			t.Fatalf("another employee's sanctions changed: %s", sanctionList(list(budi)))
		}
		// GetEmployee reads the same list with the row, in one query: prepared (db nil, on SQLite) and built by Bun.
		for name, db := range map[string]bun.IDB{"prepared": nil, "bun": s.DB()} {
			row, err := s.GetEmployee(ctx, db, "kalianda", ayu)
			if err != nil {
				t.Fatal(err)
			}
			if sanctionList(row.Sanctions) != sanctionList(got) {
				t.Fatalf("GetEmployee (%s) sanctions %s, ListSanctions %s", name, sanctionList(row.Sanctions), sanctionList(got))
			}
		}
		// The domain view (what promotion judges) follows.
		row, err := s.GetEmployee(ctx, nil, "kalianda", ayu)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := s.LoadCareers(ctx, nil, []store.Employee{row})
		if err != nil {
			t.Fatal(err)
		}
		if sn, ok := cs[0].SanctionInForce(career.MustDate(2026, 4, 1)); !ok || sn.Level != career.Berat {
			t.Fatalf("sanction in force: %+v %v", sn, ok)
		}

		// The same sanction twice is two sanctions; one of the stored two is dropped, then both go.
		if err := replace(s.DB(), ayu, berat, berat); err != nil {
			t.Fatal(err)
		}
		if got := sanctionList(list(ayu)); got != "[berat 2025-03-01..][berat 2025-03-01..]" {
			t.Fatalf("duplicates: %s", got)
		}
		if err := replace(s.DB(), ayu, berat); err != nil {
			t.Fatal(err)
		}
		if got := sanctionList(list(ayu)); got != "[berat 2025-03-01..]" {
			t.Fatalf("one of two: %s", got)
		}

		// A transaction that fails after the replace leaves the sanctions as they were.
		boom := errors.New("boom")
		if err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := replace(tx, ayu, sedang); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatalf("rolled back transaction: %v", err)
		}
		if got := sanctionList(list(ayu)); got != "[berat 2025-03-01..]" {
			t.Fatalf("after a rollback: %s", got)
		}

		// An empty list clears them, for this employee only.
		if err := replace(s.DB(), ayu); err != nil {
			t.Fatal(err)
		}
		if got := list(ayu); len(got) != 0 || got == nil {
			t.Fatalf("after clearing: %#v", got)
		}
		if sanctionList(list(budi)) != budiWant {
			t.Fatalf("another employee's sanctions changed: %s", sanctionList(list(budi)))
		}
	})
}

// TestGetEmployeeSurvivesSchemaGrowth: a column a newer migration adds to employees (another replica migrated
// first, or an older binary on a newer file) does not break reading one employee, prepared or not, before or after
// the statement was prepared.
func TestGetEmployeeSurvivesSchemaGrowth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
			t.Fatal(err)
		}
		const nip = "198609262015051001"
		if err := s.InsertEmployees(ctx, s.DB(), "kalianda", []career.Employee{testEmployee(nip, "")}); err != nil {
			t.Fatal(err)
		}
		get := func(when string) {
			t.Helper()
			for name, db := range map[string]bun.IDB{"prepared": nil, "bun": s.DB()} {
				row, err := s.GetEmployee(ctx, db, "kalianda", nip)
				if err != nil || row.NIP != nip || len(row.Sanctions) != 1 {
					t.Fatalf("%s, %s: %+v, %v", when, name, row, err)
				}
			}
		}
		get("before")
		if _, err := s.DB().ExecContext(ctx, "ALTER TABLE employees ADD COLUMN added_later TEXT"); err != nil {
			t.Fatal(err)
		}
		get("after a column was added")
	})
}
