package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api/apitest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// The employees of the sanction tests. Bima holds a structural position with its lowest grade; Dodi is a PPPK,
// told by the jenis_pegawai column.
const (
	ayu  = "198609262015051001"
	bima = "198609262015051002"
	dodi = "198609262015051004"
	eka  = "198609262015051005"
)

const citra = "198609262015051003"

const sanctionHeader = "nip,nama,jenis_pegawai,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan," +
	"golongan_terendah,hukuman_disiplin,tmt_hukuman,hukuman_sampai\n"

// sanctionRows are the rows of the sanction tests by NIP, with the cells of golongan_terendah, hukuman_disiplin,
// tmt_hukuman and hukuman_sampai left to the test.
var sanctionRows = map[string]string{
	ayu:   ayu + ",Ayu Lestari,PNS,III/b,2021-04-01,Analis Keuangan,pelaksana,2021-04-01,S1",
	bima:  bima + ",Bima Sakti,PNS,III/c,2021-04-01,Kepala Seksi Umum,pengawas,2021-04-01,S1",
	citra: citra + ",Citra Dewi,PNS,III/a,2021-04-01,Analis Data,pelaksana,2021-04-01,S1",
	dodi:  dodi + ",Dodi Saputra,PPPK,V,2021-04-01,Pengadministrasi Umum,pelaksana,2021-04-01,SLTA",
	eka:   eka + ",Eka Putri,PNS,III/a,2021-04-01,Analis SDM,pelaksana,2021-04-01,S1",
}

// sanctionFile writes a file of the sanction columns: each line is a NIP of sanctionRows and its four last cells.
func sanctionFile(t *testing.T, lines ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(sanctionHeader)
	for _, l := range lines {
		nip, rest, _ := strings.Cut(l, ",")
		b.WriteString(sanctionRows[nip] + "," + rest + "\n")
	}
	return writeFile(t, "hukdis.csv", b.String())
}

// baseFile writes the same employees without the lowest grade and sanction columns.
func baseFile(t *testing.T, nips ...string) string {
	t.Helper()
	head, _, _ := strings.Cut(sanctionHeader, ",golongan_terendah")
	var b strings.Builder
	b.WriteString(head + "\n")
	for _, n := range nips {
		b.WriteString(sanctionRows[n] + "\n")
	}
	return writeFile(t, "dasar.csv", b.String())
}

// sanctionsOf lists the stored sanctions of an employee as "level from..until", oldest first.
func sanctionsOf(t *testing.T, ctx context.Context, s *store.Store, nip string) (list string, rows []store.Sanction) {
	t.Helper()
	rows, err := s.ListSanctions(ctx, nil, "kalianda", nip)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, r := range rows {
		parts = append(parts, fmt.Sprintf("%s %s..%s", r.Level, r.From, r.Until))
	}
	return strings.Join(parts, "; "), rows
}

func employeeRow(t *testing.T, ctx context.Context, s *store.Store, nip string) store.Employee {
	t.Helper()
	row, err := s.GetEmployee(ctx, nil, "kalianda", nip)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func mustImport(t *testing.T, ctx context.Context, s *store.Store, path string, o importer.Options) *importer.Result {
	t.Helper()
	res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(o))
	if err != nil {
		t.Fatalf("import: %v %+v", err, res)
	}
	if !o.SkipInvalid && res.ErrorCount != 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	return res
}

func counts(r *importer.Result) string {
	return fmt.Sprintf("%d new, %d updated, %d unchanged, %d skipped", r.Imported, r.Updated, r.Unchanged, r.Skipped)
}

func TestImportSanctionsAndLowestGrade(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)

		// New employees (COPY / INSERT straight into the tables): sanctions, an open-ended one, the lowest grade, a
		// PPPK by the jenis_pegawai column.
		res := mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,sedang,2025-07-01,2026-06-30",
			bima+",III/c,berat,01-03-2025,",
			citra+",,,,",
			dodi+",,-,-,-",
		), importer.Options{})
		if got := counts(res); got != "4 new, 0 updated, 0 unchanged, 0 skipped" || len(res.Ignored) != 0 {
			t.Fatalf("first import: %s, ignored %v", got, res.Ignored)
		}
		want := map[string]string{ayu: "sedang 2025-07-01..2026-06-30", bima: "berat 2025-03-01..", citra: "", dodi: ""}
		ids := map[string][]store.Sanction{}
		for nip, w := range want {
			got, rows := sanctionsOf(t, ctx, s, nip)
			if got != w {
				t.Errorf("%s: sanctions %q, want %q", nip, got, w)
			}
			ids[nip] = rows
		}
		if r := employeeRow(t, ctx, s, bima); r.PositionLowestGrade != "III/c" {
			t.Errorf("lowest grade %q, want III/c", r.PositionLowestGrade)
		}
		if r := employeeRow(t, ctx, s, dodi); r.Type != "PPPK" || r.PPPKGrade != "V" {
			t.Errorf("Dodi: type %q grade %q, want a PPPK V", r.Type, r.PPPKGrade)
		}
		// The answer about one employee shows them.
		got := getEmployee(t, s, ayu)
		if b, _ := json.Marshal(got.Sanctions); string(b) != `[{"level":"sedang","from":"2025-07-01","until":"2026-06-30"}]` {
			t.Errorf("GET %s: sanctions %s", ayu, b)
		}
		if got := getEmployee(t, s, bima); got.Position.LowestGrade != "III/c" || len(got.Sanctions) != 1 || got.Sanctions[0].Until != "" {
			t.Errorf("GET %s: %+v", bima, got)
		}
		if got := getEmployee(t, s, citra); got.Sanctions == nil || len(got.Sanctions) != 0 {
			t.Errorf("GET %s: sanctions %v, want []", citra, got.Sanctions)
		}

		// The same file again: nothing changes, the sanction rows are the same rows.
		same := sanctionFile(t,
			ayu+",,sedang,2025-07-01,2026-06-30",
			bima+",III/c,berat,2025-03-01,",
			citra+",,,,",
			dodi+",,,,",
		)
		if got := counts(mustImport(t, ctx, s, same, importer.Options{})); got != "0 new, 0 updated, 4 unchanged, 0 skipped" {
			t.Fatalf("same file: %s", got)
		}
		for nip, w := range want {
			if got, rows := sanctionsOf(t, ctx, s, nip); got != w || !sameRows(rows, ids[nip]) {
				t.Errorf("%s after the same file: %q %+v, want %q as the rows %+v", nip, got, rows, w, ids[nip])
			}
			if v := employeeRow(t, ctx, s, nip).Version; v != 1 {
				t.Errorf("%s: version %d, want 1", nip, v)
			}
		}

		// A file without the columns leaves sanctions and lowest grade alone.
		if got := counts(mustImport(t, ctx, s, baseFile(t, ayu, bima, citra, dodi), importer.Options{})); got != "0 new, 0 updated, 4 unchanged, 0 skipped" {
			t.Fatalf("file without the columns: %s", got)
		}
		for nip, w := range want {
			if got, rows := sanctionsOf(t, ctx, s, nip); got != w || !sameRows(rows, ids[nip]) {
				t.Errorf("%s after a file without sanctions: %q, want %q", nip, got, w)
			}
		}
		if r := employeeRow(t, ctx, s, bima); r.PositionLowestGrade != "III/c" || r.Version != 1 {
			t.Errorf("Bima after a file without the lowest grade: %q, version %d", r.PositionLowestGrade, r.Version)
		}

		// Sanctions recorded otherwise (a PUT): Citra's with a note, Dodi's twice.
		ringan := career.Sanction{Level: career.Ringan, From: career.MustDate(2024, 1, 1), Until: career.MustDate(2024, 3, 31)}
		noted := store.SanctionFrom("kalianda", citra, ringan)
		noted.Note = "SK 800/12/2024"
		if err := s.InsertSanctions(ctx, s.DB(), []store.Sanction{noted, store.SanctionFrom("kalianda", dodi, ringan), store.SanctionFrom("kalianda", dodi, ringan)}); err != nil {
			t.Fatal(err)
		}
		_, citraBefore := sanctionsOf(t, ctx, s, citra)
		_, dodiBefore := sanctionsOf(t, ctx, s, dodi)
		_, ayuBefore := sanctionsOf(t, ctx, s, ayu)

		// The next export: Ayu's sanction is over and gone from the file (an empty cell: kept), Bima's ends (the
		// same sanction, its last day updated), Citra's is the stored one told otherwise (kept with its note), Dodi's
		// is one of his two equal ones (both kept), and Eka is new with a sanction (the upsert path).
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,,,",
			bima+",III/c,berat,2025-03-01,2026-02-28",
			citra+",,Ringan,2024-01-01,31/03/2024",
			dodi+",,ringan,2024-01-01,2024-03-31",
			eka+",,sedang,2025-10-01,",
		), importer.Options{})
		if got := counts(res); got != "1 new, 1 updated, 3 unchanged, 0 skipped" {
			t.Fatalf("next export: %s (want Eka new; Bima updated; Ayu, Citra, Dodi unchanged)", got)
		}
		for nip, w := range map[string]string{ayu: "sedang 2025-07-01..2026-06-30", bima: "berat 2025-03-01..2026-02-28",
			citra: "ringan 2024-01-01..2024-03-31", dodi: "ringan 2024-01-01..2024-03-31; ringan 2024-01-01..2024-03-31",
			eka: "sedang 2025-10-01.."} {
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
				t.Errorf("%s after the next export: %q, want %q", nip, got, w)
			}
		}
		for nip, before := range map[string][]store.Sanction{ayu: ayuBefore, citra: citraBefore, dodi: dodiBefore} {
			if _, rows := sanctionsOf(t, ctx, s, nip); !sameRows(rows, before) {
				t.Errorf("%s's sanctions not kept as they were: %+v, were %+v", nip, rows, before)
			}
		}
		if _, rows := sanctionsOf(t, ctx, s, citra); rows[0].Note != noted.Note {
			t.Errorf("Citra's note %q, want %q", rows[0].Note, noted.Note)
		}
		_, bimaRows := sanctionsOf(t, ctx, s, bima)
		if len(bimaRows) != 1 || bimaRows[0].ID != ids[bima][0].ID || !bimaRows[0].CreatedAt.Equal(ids[bima][0].CreatedAt) {
			t.Errorf("Bima's sanction is not the same row with a new last day: %+v, was %+v", bimaRows, ids[bima])
		}
		for nip, v := range map[string]int64{ayu: 1, bima: 2, citra: 1, dodi: 1, eka: 1} {
			if r := employeeRow(t, ctx, s, nip); r.Version != v {
				t.Errorf("%s: version %d, want %d", nip, r.Version, v)
			}
		}
		if h, err := s.ListHistory(ctx, "kalianda", bima); err != nil || len(h) != 0 {
			t.Errorf("Bima's history %+v, %v: the position did not change", h, err)
		}
		// Bima's is the one change the audit log records of this import: his sanction before and after.
		if ev := events(t, ctx, s, "employee.update"); len(ev) != 1 || ev[0].Target != "employee:"+bima {
			t.Errorf("update events %+v, want Bima's alone", ev)
		} else {
			before, after := state(t, ev[0].Before)["sanctions"], state(t, ev[0].After)["sanctions"]
			if fmt.Sprint(before) != "[map[from:2025-03-01 level:berat]]" ||
				fmt.Sprint(after) != "[map[from:2025-03-01 level:berat until:2026-02-28]]" {
				t.Errorf("Bima's sanctions in the audit: %v → %v", before, after)
			}
		}
		if got := getEmployee(t, s, ayu); len(got.Sanctions) != 1 || got.Version != 1 {
			t.Errorf("GET %s after an emptied cell: %+v", ayu, got)
		}

		// A new sanction is added, the old one kept; a last day emptied makes the same sanction open-ended again;
		// of Dodi's two equal sanctions the older gets the new last day, the other stays; Eka's is told again ("-":
		// open-ended, as stored). Citra is not in the file.
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,berat,2026-01-05,",
			bima+",III/c,berat,2025-03-01,",
			dodi+",,ringan,2024-01-01,2024-06-30",
			eka+",,sedang,2025-10-01,-",
		), importer.Options{})
		if got := counts(res); got != "0 new, 3 updated, 1 unchanged, 0 skipped" {
			t.Fatalf("added and changed sanctions: %s (want Ayu, Bima, Dodi updated; Eka unchanged)", got)
		}
		for nip, w := range map[string]string{ayu: "sedang 2025-07-01..2026-06-30; berat 2026-01-05..", bima: "berat 2025-03-01..",
			dodi: "ringan 2024-01-01..2024-06-30; ringan 2024-01-01..2024-03-31", eka: "sedang 2025-10-01.."} {
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
				t.Errorf("%s after added and changed sanctions: %q, want %q", nip, got, w)
			}
		}
		if _, rows := sanctionsOf(t, ctx, s, ayu); len(rows) != 2 || rows[0].ID != ayuBefore[0].ID || rows[1].ID <= ayuBefore[0].ID {
			t.Errorf("Ayu's sanctions %+v: want the stored one %+v kept and a new one", rows, ayuBefore)
		}
		if _, rows := sanctionsOf(t, ctx, s, bima); len(rows) != 1 || rows[0].ID != ids[bima][0].ID {
			t.Errorf("Bima's sanction %+v, want the row %d", rows, ids[bima][0].ID)
		}
		older := min(dodiBefore[0].ID, dodiBefore[1].ID)
		for _, r := range func() []store.Sanction { _, rows := sanctionsOf(t, ctx, s, dodi); return rows }() {
			if (r.ID == older) != (r.Until.String() == "2024-06-30") {
				t.Errorf("Dodi's sanction %+v: the older row (%d) should have the new last day, the other not", r, older)
			}
		}
		for nip, v := range map[string]int64{ayu: 2, bima: 3, citra: 1, dodi: 2, eka: 1} {
			if r := employeeRow(t, ctx, s, nip); r.Version != v {
				t.Errorf("%s: version %d, want %d", nip, r.Version, v)
			}
		}

		// The lowest grade alone changes an employee.
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,,,",
			bima+",III/d,berat,2025-03-01,",
			citra+",,ringan,2024-01-01,2024-03-31",
		), importer.Options{})
		if got := counts(res); got != "0 new, 1 updated, 2 unchanged, 0 skipped" {
			t.Fatalf("lowest grade only: %s", got)
		}
		if r := employeeRow(t, ctx, s, bima); r.PositionLowestGrade != "III/d" || r.Version != 4 {
			t.Errorf("Bima: lowest grade %q, version %d; want III/d, 4", r.PositionLowestGrade, r.Version)
		}

		// skip_invalid: Citra's row is invalid and skipped, so her sanction stays; Ayu's berat is told again with a
		// last day.
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,berat,2026-01-05,2026-12-31",
			citra+",,kurang,2024-01-01,2024-03-31",
		), importer.Options{SkipInvalid: true})
		if got := counts(res); got != "0 new, 1 updated, 0 unchanged, 1 skipped" || res.ErrorCount != 1 || res.Errors[0].Column != "hukuman_disiplin" {
			t.Fatalf("skip invalid: %s, errors %+v", got, res.Errors)
		}
		for nip, w := range map[string]string{ayu: "sedang 2025-07-01..2026-06-30; berat 2026-01-05..2026-12-31", citra: "ringan 2024-01-01..2024-03-31"} {
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
				t.Errorf("%s after skip_invalid: %q, want %q", nip, got, w)
			}
		}

		// All or nothing: an invalid row and no sanction is touched.
		path := sanctionFile(t, ayu+",,ringan,2026-11-01,", citra+",,sedang,,")
		if res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{})); !errors.As(err, new(*importer.InvalidError)) {
			t.Fatalf("invalid file: %v %+v", err, res)
		}
		if got, _ := sanctionsOf(t, ctx, s, ayu); got != "sedang 2025-07-01..2026-06-30; berat 2026-01-05..2026-12-31" {
			t.Errorf("Ayu after a refused import: %q", got)
		}

		events := importEvents(t, ctx, s)
		if len(events) != 7 {
			t.Fatalf("%d import audit events, want 7 (one per import that wrote)", len(events))
		}
		var after map[string]any
		if err := json.Unmarshal(events[0].After, &after); err != nil {
			t.Fatal(err)
		}
		if after["updated"] != float64(1) || after["skipped"] != float64(1) {
			t.Errorf("the last import's audit event (the newest) %v", after)
		}
	})
}

// TestImportKeepsOtherSanctions is the reviewer's case: an employee has, entered by PUT, a sedang sanction in force
// and an open-ended berat decided to start after it; the nightly SIMPEG export shows the current one (or nothing).
// The re-import must lose neither: the berat keeps promotion not_eligible.
func TestImportKeepsOtherSanctions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		const head = "nip,nama,jenis_pegawai,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,predikat_2024,predikat_2025"
		row := sanctionRows[ayu] + ",baik,baik"
		mustImport(t, ctx, s, writeFile(t, "awal.csv", head+"\n"+row+"\n"), importer.Options{})
		on := "2026-04-01"
		if d := promotionOf(t, s, ayu, on); d.Outcome != "eligible" {
			t.Fatalf("before the sanctions: %s %+v", d.Outcome, d)
		}

		srv := newServer(t, s)
		emp, etag := srv.getEmployee(t, ayu)
		body := api.EmployeeBody{NIP: emp.NIP, Name: emp.Name, Type: emp.Type, Grade: emp.Grade, GradeTMT: emp.GradeTMT,
			Position: emp.Position, PositionTMT: emp.PositionTMT, Education: emp.Education, Unit: emp.Unit, Agency: emp.Agency,
			Appointed: emp.Appointed, CreditPoints: emp.CreditPoints, PotentialScore: emp.PotentialScore,
			Sanctions: []api.SanctionBody{{Level: "sedang", From: "2025-07-01", Until: "2026-06-30"}, {Level: "berat", From: "2026-07-01"}}}
		srv.putEmployee(t, ayu, etag, body)
		const both = "sedang 2025-07-01..2026-06-30; berat 2026-07-01.."
		list, stored := sanctionsOf(t, ctx, s, ayu)
		if list != both {
			t.Fatalf("after the PUT: %q", list)
		}
		version := employeeRow(t, ctx, s, ayu).Version
		if d := promotionOf(t, s, ayu, on); d.Outcome != "not_eligible" {
			t.Fatalf("with the berat to come: %s, want not_eligible", d.Outcome)
		}

		for _, c := range []struct{ name, cells string }{
			{"the current sanction", "sedang,2025-07-01,2026-06-30"},
			{"an empty cell", ",,"},
			{"the current sanction, spelt otherwise", "Sedang,01/07/2025,30-06-2026"},
		} {
			const h = "nip,nama,jenis_pegawai,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,predikat_2024,predikat_2025,hukuman_disiplin,tmt_hukuman,hukuman_sampai"
			res := mustImport(t, ctx, s, writeFile(t, "malam.csv", h+"\n"+row+","+c.cells+"\n"), importer.Options{})
			if got := counts(res); got != "0 new, 0 updated, 1 unchanged, 0 skipped" {
				t.Errorf("%s: %s, want unchanged", c.name, got)
			}
			if list, rows := sanctionsOf(t, ctx, s, ayu); list != both || !sameRows(rows, stored) {
				t.Errorf("%s: sanctions %q %+v, want %q as the rows %+v", c.name, list, rows, both, stored)
			}
			if v := employeeRow(t, ctx, s, ayu).Version; v != version {
				t.Errorf("%s: version %d, want %d", c.name, v, version)
			}
			if d := promotionOf(t, s, ayu, on); d.Outcome != "not_eligible" {
				t.Errorf("%s: promotion %s, want not_eligible still", c.name, d.Outcome)
			}
		}

		// Clearing them is a PUT's business: "sanctions": [] (which EmployeeBody's omitempty would leave out).
		_, etag = srv.getEmployee(t, ayu)
		body.Sanctions = nil
		var clear map[string]any
		if b, err := json.Marshal(body); err != nil || json.Unmarshal(b, &clear) != nil {
			t.Fatal(err)
		}
		clear["sanctions"] = []any{}
		srv.putEmployee(t, ayu, etag, clear)
		if list, _ := sanctionsOf(t, ctx, s, ayu); list != "" {
			t.Errorf("after a PUT with no sanctions: %q", list)
		}
	})
}

// TestImportStatusColumnIgnored: a bare Status column of a SIMPEG export holds Aktif, Pensiun, …, not PNS/PPPK; it
// is ignored (and reported), with or without jenis_pegawai beside it.
func TestImportStatusColumnIgnored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		const head = "NIP,Nama,Status,Golongan,TMT Golongan,Jabatan,Jenis Jabatan,TMT Jabatan,Pendidikan"
		base := func(nip string) string {
			_, rest, _ := strings.Cut(sanctionRows[nip], ",PNS,")
			name := strings.Split(sanctionRows[nip], ",")[1]
			return nip + "," + name + ",Aktif," + rest
		}
		res := mustImport(t, ctx, s, writeFile(t, "simpeg.csv", head+"\n"+base(ayu)+"\n"+base(bima)+"\n"), importer.Options{})
		if got := counts(res); got != "2 new, 0 updated, 0 unchanged, 0 skipped" || !slices.Equal(res.Ignored, []string{"Status"}) {
			t.Fatalf("a Status column alone: %s, ignored %v", got, res.Ignored)
		}
		if r := employeeRow(t, ctx, s, ayu); r.Type != "PNS" {
			t.Errorf("Ayu: type %q, want PNS", r.Type)
		}

		// With jenis_pegawai beside it: the type is read from jenis_pegawai, Status is still ignored.
		const head2 = "nip,nama,jenis_pegawai,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,status"
		res = mustImport(t, ctx, s, writeFile(t, "simpeg2.csv", head2+"\n"+sanctionRows[ayu]+",Aktif\n"+
			sanctionRows[dodi]+",Pensiun\n"), importer.Options{})
		if got := counts(res); got != "1 new, 0 updated, 1 unchanged, 0 skipped" || !slices.Equal(res.Ignored, []string{"status"}) {
			t.Fatalf("jenis_pegawai and status: %s, ignored %v", got, res.Ignored)
		}
		if r := employeeRow(t, ctx, s, dodi); r.Type != "PPPK" || r.PPPKGrade != "V" {
			t.Errorf("Dodi: type %q grade %q, want a PPPK V", r.Type, r.PPPKGrade)
		}
	})
}

// TestImportSanctionTwiceInOneImport: the store refuses an upsert that tells one sanction (an employee, a level and
// a first day) twice, and writes nothing.
func TestImportSanctionTwiceInOneImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		mustImport(t, ctx, s, sanctionFile(t, ayu+",,sedang,2025-07-01,2026-06-30"), importer.Options{})
		before, _ := sanctionsOf(t, ctx, s, ayu)
		row := employeeRow(t, ctx, s, ayu)
		sn := career.Sanction{Level: career.Sedang, From: career.MustDate(2025, 7, 1)}
		other := sn
		other.Until = career.MustDate(2025, 12, 31)
		_, err := s.ImportEmployees(ctx, store.EmployeeImport{Region: "kalianda", Mode: store.ImportUpsert, Sanctions: true,
			Audit: func(store.ImportCounts) store.Event {
				return store.Event{Region: "kalianda", Actor: "test", Action: "employee.import", Target: "employees"}
			},
			Changed: func(_, after store.Employee) (store.Event, error) {
				return store.Event{Region: "kalianda", Actor: "test", Action: "employee.update", Target: "employee:" + after.NIP}, nil
			},
			Replaced: func(_, after store.Predicate) (store.Event, error) {
				return store.Event{Region: "kalianda", Actor: "test", Action: "predicate.update", Target: "employee:" + after.NIP}, nil
			}}, func(ctx context.Context, w *store.BulkWriter) error {
			if err := w.Write(ctx, []store.Employee{row}, nil); err != nil {
				return err
			}
			return w.WriteSanctions(ctx, []store.Sanction{store.SanctionFrom("kalianda", ayu, sn), store.SanctionFrom("kalianda", ayu, other)})
		})
		if err == nil || !strings.Contains(err.Error(), "two sanctions") {
			t.Fatalf("err = %v, want two sanctions refused", err)
		}
		if after, _ := sanctionsOf(t, ctx, s, ayu); after != before {
			t.Errorf("sanctions %q after a refused import, were %q", after, before)
		}
	})
}

// sameRows reports whether two lists of sanction rows are the same rows, as they were: ids, dates, notes, times.
func sameRows(a, b []store.Sanction) bool {
	return slices.EqualFunc(a, b, func(x, y store.Sanction) bool {
		return x.ID == y.ID && x.Level == y.Level && x.From == y.From && x.Until == y.Until && x.Note == y.Note &&
			x.CreatedAt.Equal(y.CreatedAt)
	})
}

func TestImportSanctionErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		for _, c := range []struct {
			name string
			file string
			want []string // "row column: English fragment"
		}{
			{"cells", sanctionHeader +
				sanctionRows[ayu] + ",,sedang,2025-07-01,2026-06-30\n" + // row 2: good
				sanctionRows[bima] + ",,kurang,2025-07-01,\n" + // row 3
				sanctionRows[citra] + ",,sedang,,2026-06-30\n" + // row 4
				sanctionRows[dodi] + ",,berat,31/02/2025,\n" + // row 5: one error, the date (not also "required")
				sanctionRows[eka] + ",,ringan,2025-06-01,2025-01-31\n" + // row 6
				"198609262015051006,Fajar,PNS,III/a,2021-04-01,Analis,pelaksana,2021-04-01,S1,,,2025-01-01,\n" + // row 7
				"198609262015051007,Gita,PNS,III/a,2021-04-01,Analis,pelaksana,2021-04-01,S1,,,,2025-12-31\n" + // row 8
				"198609262015051008,Hadi,PNS,III/a,2021-04-01,Analis,pelaksana,2021-04-01,S1,,sedang,2025-01-01,kemarin\n" + // row 9
				"198609262015051009,Indah,PNS,III/a,2021-04-01,Kepala Seksi,pengawas,2021-04-01,S1,III/f,,,\n" + // row 10
				"198609262015051010,Joko,PNS,III/a,2021-04-01,Kepala Seksi,pengawas,2021-04-01,S1,IX,,,\n" + // row 11
				"198609262015051011,Kiki,PNS,III/a,2021-04-01,Kepala Seksi,pengawas,2021-04-01,S1,iii-c,,,\n", // row 12: good
				[]string{
					"3 hukuman_disiplin: \"kurang\" is not a sanction level",
					"4 tmt_hukuman: the first day of the sanction (tmt_hukuman) is required",
					"5 tmt_hukuman: not a calendar date",
					"6 hukuman_sampai: the last day of the sanction 2025-01-31 is before its first day 2025-06-01",
					"7 hukuman_disiplin: the sanction level (ringan, sedang, berat) is required when tmt_hukuman or hukuman_sampai is filled",
					"8 hukuman_disiplin: the sanction level (ringan, sedang, berat) is required",
					"9 hukuman_sampai: not a date",
					"10 golongan_terendah: \"III/f\" is not a grade",
					"11 golongan_terendah: \"IX\" is a PPPK grade",
				}},
			{"no tmt_hukuman column", "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,hukuman_disiplin,hukuman_sampai\n" +
				"198609262015051001,Ayu,III/b,2021-04-01,Analis,pelaksana,2021-04-01,S1,sedang,2026-06-30\n" +
				"198609262015051002,Bima,III/b,2021-04-01,Analis,pelaksana,2021-04-01,S1,,\n" +
				"198609262015051003,Citra,III/b,2021-04-01,Analis,pelaksana,2021-04-01,S1,berat,\n",
				[]string{"2 tmt_hukuman: the file has no tmt_hukuman column", "4 tmt_hukuman: the file has no tmt_hukuman column"}},
			{"no hukuman_disiplin column", "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,TMT Hukuman,Akhir Hukuman\n" +
				"198609262015051001,Ayu,III/b,2021-04-01,Analis,pelaksana,2021-04-01,S1,2025-07-01,2026-06-30\n" +
				"198609262015051002,Bima,III/b,2021-04-01,Analis,pelaksana,2021-04-01,S1,,\n",
				[]string{"2 hukuman_disiplin: the file has no hukuman_disiplin column"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				res, err := importer.Import(ctx, s, importer.File{Path: writeFile(t, "salah.csv", c.file)}, opts(importer.Options{}))
				if !errors.As(err, new(*importer.InvalidError)) {
					t.Fatalf("err = %v, want *InvalidError", err)
				}
				if len(res.Errors) != len(c.want) {
					t.Errorf("%d errors, want %d", len(res.Errors), len(c.want))
					for _, e := range res.Errors {
						t.Logf("  %s", e)
					}
				}
				for i := range min(len(res.Errors), len(c.want)) {
					row, rest, _ := strings.Cut(c.want[i], " ")
					col, frag, _ := strings.Cut(rest, ": ")
					e := res.Errors[i]
					if fmt.Sprint(e.Row) != row || e.Column != col || !strings.Contains(e.Message, frag) {
						t.Errorf("error %d = %s; want %s", i, e, c.want[i])
					}
					if id := e.In("id"); id.Message == "" || id.Message == e.Message {
						t.Errorf("error %s has no Indonesian text", e)
					}
				}
			})
		}
		if n := count(t, ctx, s, "kalianda"); n != 0 {
			t.Fatalf("%d employees written", n)
		}
	})
}

// TestImportEmbedExample: the sample of examples/embed (the library example) imports as it is, with its jenis_pegawai,
// golongan_terendah and sanction columns.
func TestImportEmbedExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		res := mustImport(t, ctx, s, "../../../../examples/embed/employees.csv", importer.Options{})
		if res.Rows != 12 || res.Imported != 12 || res.ErrorCount != 0 || len(res.Ignored) != 0 || res.Predicates != 24 {
			t.Fatalf("result %+v", res)
		}
		if got, _ := sanctionsOf(t, ctx, s, "198605152010012002"); got != "sedang 2025-07-01..2026-06-30" {
			t.Errorf("Fitri Handayani's sanctions %q", got)
		}
		if r := employeeRow(t, ctx, s, "198802032012032006"); r.PositionLowestGrade != "III/c" {
			t.Errorf("Rina Marlina's lowest grade %q, want III/c", r.PositionLowestGrade)
		}
		if r := employeeRow(t, ctx, s, "199507072022031001"); r.Type != "PPPK" || r.PPPKGrade != "IX" {
			t.Errorf("Andi Pratama: %q %q, want a PPPK IX", r.Type, r.PPPKGrade)
		}
	})
}

// testServer is a server on a store, with an admin token, whose answers are checked against the OpenAPI document.
type testServer struct {
	url, token string
	client     *http.Client
}

func newServer(t *testing.T, s *store.Store) *testServer {
	t.Helper()
	tok, _, err := s.CreateToken(context.Background(), "kalianda", auth.Admin, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.NewServer(api.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	return &testServer{url: srv.URL, token: tok, client: apitest.Client(t)}
}

// do sends a request below /v1/regions/kalianda and decodes a 200 answer into out; it returns the answer's header.
func (ts *testServer) do(t *testing.T, method, path string, header http.Header, body, out any) http.Header {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, ts.url+"/v1/regions/kalianda"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(req.Header, header)
	req.Header.Set("Authorization", "Bearer "+ts.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	return resp.Header
}

// getEmployee answers GET /employees/{nip} with the ETag.
func (ts *testServer) getEmployee(t *testing.T, nip string) (api.Employee, string) {
	t.Helper()
	var e api.Employee
	h := ts.do(t, http.MethodGet, "/employees/"+nip, nil, nil, &e)
	return e, h.Get("ETag")
}

// putEmployee sends PUT /employees/{nip} with body, an api.EmployeeBody or its JSON object.
func (ts *testServer) putEmployee(t *testing.T, nip, etag string, body any) api.Employee {
	t.Helper()
	var e api.Employee
	ts.do(t, http.MethodPut, "/employees/"+nip, http.Header{"If-Match": {etag}}, body, &e)
	return e
}

// getEmployee answers GET /v1/regions/kalianda/employees/{nip} from a server on s.
func getEmployee(t *testing.T, s *store.Store, nip string) api.Employee {
	t.Helper()
	e, _ := newServer(t, s).getEmployee(t, nip)
	return e
}

// promotionOf answers GET /employees/{nip}/promotion?date=on from a server on s.
func promotionOf(t *testing.T, s *store.Store, nip, on string) api.Decision {
	t.Helper()
	var d api.Decision
	newServer(t, s).do(t, http.MethodGet, "/employees/"+nip+"/promotion?date="+on, nil, nil, &d)
	return d
}
