package store_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
	"github.com/jenjang-asn/jenjang/evaluation"
)

func testEmployee(nip string, supervisor string) career.Employee {
	e := career.Employee{
		NIP: career.MustParseNIP(nip), Name: "Siti Rahmawati", Type: career.PNS, Grade: career.IIIC,
		GradeTMT: career.MustDate(2020, 4, 1), Education: career.S1, Unit: "Dinas Kesehatan", Agency: "Pemerintah Kabupaten Kalianda",
		Position:    career.Position{Title: "Analis Kebijakan Ahli Muda", Kind: career.Fungsional, Level: career.AhliMuda, Field: "kesehatan", Service: true},
		PositionTMT: career.MustDate(2021, 1, 1), CreditPoints: 112.5,
		Grades:    []career.GradeStep{{Grade: career.IIIB, TMT: career.MustDate(2016, 4, 1)}},
		Sanctions: []career.Sanction{{Level: career.Ringan, From: career.MustDate(2022, 1, 1), Until: career.MustDate(2022, 6, 30)}},
	}
	if supervisor != "" {
		e.Supervisor = career.MustParseNIP(supervisor)
	}
	return e
}

func TestEmployees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := testContext(t)
		s := b.Open(t)
		if err := s.PutRegion(ctx, s.DB(), store.Region{Code: "kalianda", Name: "Kalianda"}); err != nil {
			t.Fatal(err)
		}
		boss := testEmployee("197501012000031001", "")
		staff := []career.Employee{boss}
		for _, nip := range []string{"198609262015051001", "199002142019032002", "199105052019031003"} {
			staff = append(staff, testEmployee(nip, boss.NIP.String()))
		}
		if err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return s.InsertEmployees(ctx, tx, "kalianda", staff)
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.InsertEmployees(ctx, s.DB(), "kalianda", staff[:1]); career.ErrorCode(err) != career.Conflict {
			t.Fatalf("duplicate insert: %v, want conflict", err)
		}
		row, err := s.GetEmployee(ctx, nil, "kalianda", "198609262015051001")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetEmployee(ctx, nil, "semarang", "198609262015051001"); career.ErrorCode(err) != career.NotFound {
			t.Fatalf("other region: %v", err)
		}
		got, err := s.LoadCareers(ctx, nil, []store.Employee{row})
		if err != nil {
			t.Fatal(err)
		}
		want := staff[1]
		g := got[0]
		if g.NIP != want.NIP || g.Grade != want.Grade || g.GradeTMT != want.GradeTMT || g.Position != want.Position ||
			g.Supervisor != want.Supervisor || len(g.Grades) != 1 || g.Grades[0] != want.Grades[0] || len(g.Sanctions) != 1 ||
			g.Sanctions[0] != want.Sanctions[0] || g.CreditPoints != want.CreditPoints || g.Education != want.Education {
			t.Fatalf("round trip:\n got %+v\nwant %+v", g, want)
		}

		page, err := s.ListEmployees(ctx, store.EmployeeFilter{Region: "kalianda", Limit: 3})
		if err != nil || len(page.Employees) != 3 || page.Next == "" {
			t.Fatalf("page 1: %d, %q, %v", len(page.Employees), page.Next, err)
		}
		page2, err := s.ListEmployees(ctx, store.EmployeeFilter{Region: "kalianda", Limit: 3, After: page.Next})
		if err != nil || len(page2.Employees) != 1 || page2.Next != "" {
			t.Fatalf("page 2: %d, %q, %v", len(page2.Employees), page2.Next, err)
		}
		subs, err := s.ListEmployees(ctx, store.EmployeeFilter{Region: "kalianda", Supervisor: boss.NIP.String()})
		if err != nil || len(subs.Employees) != 3 {
			t.Fatalf("subordinates: %d, %v", len(subs.Employees), err)
		}
		n, err := s.CountEmployees(ctx, store.EmployeeFilter{Region: "kalianda", Query: "siti"})
		if err != nil || n != 4 {
			t.Fatalf("count: %d, %v", n, err)
		}
		var seen []string
		if err := s.EachEmployee(ctx, store.EmployeeFilter{Region: "kalianda"}, 2, func(rows []store.Employee) error {
			for _, r := range rows {
				seen = append(seen, r.NIP)
			}
			return nil
		}); err != nil || len(seen) != 4 {
			t.Fatalf("each: %v, %v", seen, err)
		}

		row.Name = "Siti Rahmawati, S.Kep."
		upd, err := s.UpdateEmployee(ctx, s.DB(), row, row.Version)
		if err != nil || upd.Version != 2 || upd.Name != row.Name {
			t.Fatalf("update: %+v, %v", upd, err)
		}
		if _, err := s.UpdateEmployee(ctx, s.DB(), row, 1); career.ErrorCode(err) != career.Conflict {
			t.Fatalf("stale update: %v", err)
		}
		if err := s.DeleteEmployee(ctx, s.DB(), "kalianda", row.NIP, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetEmployee(ctx, nil, "kalianda", row.NIP); career.ErrorCode(err) != career.NotFound {
			t.Fatalf("deleted: %v", err)
		}
		hist, err := s.ListHistory(ctx, "kalianda", row.NIP)
		if err != nil || len(hist) != 1 {
			t.Fatalf("history kept: %v, %v", hist, err)
		}

		if err := s.PutPredicates(ctx, s.DB(), []store.Predicate{
			{Region: "kalianda", NIP: boss.NIP.String(), Year: 2024, Predicate: "baik", Source: store.PredicateFromImport},
			{Region: "kalianda", NIP: boss.NIP.String(), Year: 2025, Predicate: "sangat_baik", Source: store.PredicateFromImport},
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutPredicates(ctx, s.DB(), []store.Predicate{{Region: "kalianda", NIP: boss.NIP.String(), Year: 2025, Predicate: "baik", Source: store.PredicateFromAppraisal}}); err != nil {
			t.Fatal(err)
		}
		preds, err := s.Predicates(ctx, nil, "kalianda", []string{boss.NIP.String()})
		if err != nil || preds[boss.NIP.String()][2024] != evaluation.Baik || preds[boss.NIP.String()][2025] != evaluation.Baik {
			t.Fatalf("predicates: %v, %v", preds, err)
		}
	})
}
