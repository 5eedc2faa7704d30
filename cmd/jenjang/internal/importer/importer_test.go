package importer_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
	"github.com/jenjang-asn/jenjang/evaluation"
)

var today = career.MustDate(2026, 1, 15)

func setup(t *testing.T, b storetest.Backend) (*store.Store, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	s := b.Open(t)
	for _, r := range []store.Region{{Code: "kalianda", Name: "Kabupaten Kalianda"}, {Code: "semarang", Name: "Kota Semarang"}} {
		if err := s.PutRegion(ctx, s.DB(), r); err != nil {
			t.Fatal(err)
		}
	}
	return s, ctx
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func csvFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pegawai.csv")
	if err := importtest.CSVFile(path, n); err != nil {
		t.Fatal(err)
	}
	return path
}

func opts(o importer.Options) importer.Options {
	if o.Region == "" {
		o.Region = "kalianda"
	}
	o.Today = today
	o.Actor = "test"
	o.Record = api.EmployeeRecord
	return o
}

func count(t *testing.T, ctx context.Context, s *store.Store, region string) int {
	t.Helper()
	n, err := s.CountEmployees(ctx, store.EmployeeFilter{Region: region})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// importEvents returns the audit events of whole imports in kalianda, newest first.
func importEvents(t *testing.T, ctx context.Context, s *store.Store) []store.Event {
	t.Helper()
	return events(t, ctx, s, "employee.import")
}

// events returns kalianda's audit events of the actions, newest first.
func events(t *testing.T, ctx context.Context, s *store.Store, actions ...string) []store.Event {
	t.Helper()
	page, err := s.ListAudit(ctx, store.AuditFilter{Region: "kalianda", Limit: store.MaxAuditLimit})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Event
	for _, e := range page.Events {
		if slices.Contains(actions, e.Action) {
			out = append(out, e)
		}
	}
	return out
}

// state decodes the JSON of an audit event's before or after.
func state(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("audit state %s: %v", raw, err)
	}
	return m
}

func TestImportGoodCSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		const n = 1234 // more than one write batch on SQLite
		path := csvFile(t, n)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{}))
		if err != nil {
			t.Fatalf("import: %v (%+v)", err, res.Errors[:min(len(res.Errors), 5)])
		}
		if res.Rows != n || res.Imported != n || res.Updated != 0 || res.Skipped != 0 || res.ErrorCount != 0 || res.Format != "csv" {
			t.Fatalf("result %+v", res)
		}
		if res.Predicates != 2*n {
			t.Errorf("predicates = %d, want %d", res.Predicates, 2*n)
		}
		if got := count(t, ctx, s, "kalianda"); got != n {
			t.Fatalf("%d employees in the region, want %d", got, n)
		}
		if got := count(t, ctx, s, "semarang"); got != 0 {
			t.Fatalf("%d employees leaked into another region", got)
		}

		// One row, field by field, against the generator.
		cells := importtest.Row(13)
		row, err := s.GetEmployee(ctx, nil, "kalianda", cells[0])
		if err != nil {
			t.Fatal(err)
		}
		e, err := row.Career()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name != cells[1] || e.Type.String() != cells[2] || e.Grade.String() != cells[3] || e.GradeTMT.String() != cells[4] ||
			e.Position.Title != cells[5] || e.Position.Kind.String() != cells[6] || e.Position.Field != cells[8] ||
			e.Position.Service != (cells[9] == "ya") || e.Unit != cells[12] || e.Agency != cells[13] ||
			e.Supervisor.String() != cells[14] || e.Appointed.String() != cells[15] {
			t.Errorf("employee 13 = %+v\nfrom cells %q", e, cells)
		}
		if row.PotentialScore == nil || *row.PotentialScore != 53 {
			t.Errorf("potential = %v, want 53", row.PotentialScore)
		}
		preds, err := s.Predicates(ctx, nil, "kalianda", []string{cells[0]})
		if err != nil {
			t.Fatal(err)
		}
		want2023, _ := evaluation.ParsePredicate(cells[17])
		want2024, _ := evaluation.ParsePredicate(cells[18])
		if p := preds[cells[0]]; p[2023] != want2023 || p[2024] != want2024 {
			t.Errorf("predicates = %v, want 2023 %v, 2024 %v", p, want2023, want2024)
		}

		events := importEvents(t, ctx, s)
		if len(events) != 1 {
			t.Fatalf("%d import audit events, want exactly 1", len(events))
		}
		var after map[string]any
		if err := json.Unmarshal(events[0].After, &after); err != nil {
			t.Fatal(err)
		}
		if res.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("sha256 %q, want the file's %x", res.SHA256, sum)
		}
		if after["file"] != "pegawai.csv" || after["sha256"] != res.SHA256 || after["imported"] != float64(n) ||
			after["mode"] != "all_or_nothing" || events[0].Actor != "test" {
			t.Errorf("audit event %+v, after %v", events[0], after)
		}
	})
}

func TestImportGoodXLSX(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		// Header spelled as an SIASN export would, with a title row above it, date cells, and an ignored column.
		header := []string{"NIP Baru", "Nama Pegawai", "Jenis Pegawai", "Gol. Ruang", "TMT Golongan", "Nama Jabatan",
			"Jenis Jabatan", "Jenjang", "Bidang", "Layanan Publik", "TMT Jabatan", "Pendidikan Terakhir", "Unit Kerja",
			"Instansi", "NIP Atasan", "TMT CPNS", "AK", "Predikat 2023", "Predikat 2024", "Potensi", "Agama"}
		const n = 40
		path := filepath.Join(t.TempDir(), "siasn.xlsx")
		err := importtest.XLSXFile(path, func(yield func([]string) bool) {
			// A title row and a blank row before the header are skipped.
			if !yield([]string{"DAFTAR PEGAWAI KABUPATEN KALIANDA"}) || !yield(nil) || !yield(header) {
				return
			}
			for i := range n {
				if !yield(append(importtest.Row(i), "Islam")) {
					return
				}
			}
		}, importtest.DateCols...)
		if err != nil {
			t.Fatal(err)
		}
		res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{}))
		if err != nil {
			t.Fatalf("import: %v %+v", err, res)
		}
		if res.Format != "xlsx" || res.Rows != n || res.Imported != n || !slices.Equal(res.Ignored, []string{"Agama"}) {
			t.Fatalf("result %+v", res)
		}
		cells := importtest.Row(21)
		row, err := s.GetEmployee(ctx, nil, "kalianda", cells[0])
		if err != nil {
			t.Fatal(err)
		}
		if row.GradeTMT.String() != cells[4] || row.Appointed.String() != cells[15] || row.Name != cells[1] || row.SupervisorNIP != cells[14] {
			t.Errorf("row 21 = %+v, want cells %q", row, cells)
		}
	})
}

// badCSV has one good head of group and rows each wrong in a known way. The want list is every error, in order.
const badHeader = "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,jenjang,tmt_jabatan,pendidikan,nip_atasan,potensi\n"

var badRows = []struct {
	line string
	errs []string // "column: message fragment"
}{
	{"197501012000031001,Kepala,IV/a,2020-04-01,Kepala Dinas,administrator,,2021-01-01,S2,,", nil},                                // row 2
	{"19860926201505100,Pendek,III/a,2020-04-01,Analis,pelaksana,,2021-01-01,S1,197501012000031001,", []string{"nip: 18 digits"}}, // row 3
	{"198609262015051002,Gol Salah,III/f,2020-04-01,Analis,pelaksana,,2021-01-01,S1,197501012000031001,", []string{"golongan: III/f"}},
	{"198609262015051003,Tanggal Salah,III/a,31/02/2020,Analis,pelaksana,,kemarin,S1,197501012000031001,", []string{"tmt_golongan: not a calendar date", "tmt_jabatan: not a date"}},
	{"198609262015051004,,III/a,2020-04-01,Analis,pelaksana,,2021-01-01,S1,197501012000031001,", []string{"nama: required"}},
	{"198609262015051005,Dobel Satu,III/a,2020-04-01,Analis,pelaksana,,2021-01-01,S1,197501012000031001,", []string{"nip: also in row 8"}},
	{"198609262015051005,Dobel Dua,III/a,2020-04-01,Analis,pelaksana,,2021-01-01,S1,197501012000031001,", []string{"nip: also in row 7"}},
	{"198609262015051006,Jenis Aneh,III/a,2020-04-01,Analis,kepala,,2021-01-01,S7,197501012000031001,120", []string{"jenis_jabatan: not a position kind", "pendidikan: S7", "potensi: above 100"}},
	{"198609262015051007,Tanpa Jenjang,III/a,2020-04-01,Analis,fungsional,,2021-01-01,S1,197501012000031001,", []string{"jenjang: level"}},
	{"198609262015051008,Atasan Hilang,III/a,2020-04-01,Analis,pelaksana,,2021-01-01,S1,196001011985031009,", []string{"nip_atasan: neither in the file nor"}},
	{"198609262015051009,TMT Sebelum CPNS,III/a,2010-04-01,Analis,pelaksana,,2021-01-01,S1,,", []string{"tmt_golongan: before the appointment"}},
	{"198609262015051010,Baik,III/b,01-04-2020,Analis,pelaksana,,01/01/2021,D-IV,197501012000031001,88,", nil},
}

func badFile(t *testing.T) string {
	var b strings.Builder
	b.WriteString(badHeader)
	for _, r := range badRows {
		b.WriteString(r.line + "\n")
	}
	return writeFile(t, "salah.csv", b.String())
}

// wantErrors lists the expected errors of badRows as "row column" keys with their message fragments.
func checkBadErrors(t *testing.T, errs []importer.RowError, extra ...string) {
	t.Helper()
	var want []string
	for i, r := range badRows {
		for _, e := range r.errs {
			want = append(want, fmt.Sprintf("%d %s", i+2, e))
		}
	}
	want = append(want, extra...)
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:", len(errs), len(want))
		for _, e := range errs {
			t.Logf("  %s", e)
		}
	}
	for i := range min(len(errs), len(want)) {
		row, rest, _ := strings.Cut(want[i], " ")
		col, frag, _ := strings.Cut(rest, ": ")
		if fmt.Sprint(errs[i].Row) != row || errs[i].Column != col || !strings.Contains(errs[i].Message, frag) {
			t.Errorf("error %d = %s; want row %s, column %s, message containing %q", i, errs[i], row, col, frag)
		}
	}
}

func TestImportBadRowsWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		res, err := importer.Import(ctx, s, importer.File{Path: badFile(t)}, opts(importer.Options{}))
		var ie *importer.InvalidError
		if !errors.As(err, &ie) || career.ErrorCode(err) != career.Invalid {
			t.Fatalf("err = %v, want an *InvalidError with code invalid", err)
		}
		checkBadErrors(t, res.Errors)
		if res.ErrorCount != len(res.Errors) || res.Imported != 0 || res.Rows != len(badRows) {
			t.Errorf("result %+v", res)
		}
		if n := count(t, ctx, s, "kalianda"); n != 0 {
			t.Fatalf("%d employees written, want none", n)
		}
		if ev := importEvents(t, ctx, s); len(ev) != 0 {
			t.Fatalf("audit events of a failed import: %+v", ev)
		}
	})
}

func TestImportSkipInvalid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		// Plus a row whose superior is the row with the bad date (row 5): it is skipped with its superior.
		path := badFile(t)
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(f, "199001012015051001,Bawahan,II/c,2020-04-01,Pengadministrasi,pelaksana,,2021-01-01,SLTA,198609262015051003,")
		f.Close()

		res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{SkipInvalid: true}))
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		checkBadErrors(t, res.Errors, "14 nip_atasan: row 5 is invalid")
		if res.Imported != 2 || res.Skipped != len(badRows)-2+1 || res.Rows != len(badRows)+1 || res.Mode != "skip_invalid" {
			t.Errorf("result %+v", res)
		}
		page, err := s.ListEmployees(ctx, store.EmployeeFilter{Region: "kalianda"})
		if err != nil {
			t.Fatal(err)
		}
		var nips []string
		for _, e := range page.Employees {
			nips = append(nips, e.NIP)
		}
		if want := []string{"197501012000031001", "198609262015051010"}; !slices.Equal(nips, want) {
			t.Fatalf("written %v, want exactly %v", nips, want)
		}
		if ev := importEvents(t, ctx, s); len(ev) != 1 {
			t.Fatalf("%d import audit events, want 1", len(ev))
		}
	})
}

func TestReimport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		const n = 30
		path := csvFile(t, n)
		if res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{})); err != nil || res.Imported != n {
			t.Fatalf("first import: %v %+v", err, res)
		}

		// The same file again: everything matched, nothing changed, versions kept.
		res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{}))
		if err != nil || res.Imported != 0 || res.Updated != 0 || res.Unchanged != n || res.Predicates != 0 {
			t.Fatalf("same file again: %v %+v", err, res)
		}
		first := importtest.Row(4)
		row, _ := s.GetEmployee(ctx, nil, "kalianda", first[0])
		if row.Version != 1 {
			t.Errorf("unchanged row has version %d, want 1", row.Version)
		}

		// A new export: employee 4 promoted and moved, employee 5 deleted in the meantime, two new employees, one
		// predicate changed. The potential column is left empty for employee 6: the stored score stays.
		if err := s.DeleteEmployee(ctx, s.DB(), "kalianda", importtest.Row(5)[0], 1); err != nil {
			t.Fatal(err)
		}
		var lines []string
		lines = append(lines, strings.Join(importtest.Header, ","))
		for i := range n + 2 {
			c := importtest.Row(i)
			switch i {
			case 4:
				c[3], c[4] = "III/b", "2025-04-01"
				c[5], c[6], c[7], c[10] = "Kepala Subbagian Umum", "pengawas", "", "2025-06-01"
				c[18] = "Sangat Baik"
			case 6:
				c[19] = ""
			}
			lines = append(lines, strings.Join(c, ","))
		}
		res, err = importer.Import(ctx, s, importer.File{Path: writeFile(t, "bulan-depan.csv", strings.Join(lines, "\n"))}, opts(importer.Options{}))
		if err != nil {
			t.Fatalf("new export: %v %+v", err, res.Errors)
		}
		if res.Imported != 2 || res.Updated != 2 || res.Unchanged != n-2 || res.Predicates != 2*2+1 {
			t.Fatalf("new export: %+v (want 2 new, 2 updated: the promoted and the restored)", res)
		}
		row, err = s.GetEmployee(ctx, nil, "kalianda", first[0])
		if err != nil {
			t.Fatal(err)
		}
		if row.Grade != "III/b" || row.PositionKind != "pengawas" || row.Version != 2 {
			t.Errorf("promoted row %+v", row)
		}
		hist, err := s.ListHistory(ctx, "kalianda", first[0])
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, h := range hist {
			kinds = append(kinds, h.Kind+":"+h.Grade+h.PositionTitle+":"+h.From.String()+".."+h.Until.String())
		}
		if want := []string{"grade:" + first[3] + ":" + first[4] + "..", "position:" + first[5] + ":" + mustISO(first[10]) + "..2025-05-31"}; !slices.Equal(sortStrings(kinds), sortStrings(want)) {
			t.Errorf("history %v, want %v", kinds, want)
		}
		if _, err := s.GetEmployee(ctx, nil, "kalianda", importtest.Row(5)[0]); err != nil {
			t.Errorf("deleted employee not restored: %v", err)
		}
		row6, _ := s.GetEmployee(ctx, nil, "kalianda", importtest.Row(6)[0])
		if row6.PotentialScore == nil || *row6.PotentialScore != 46 || row6.Version != 1 {
			t.Errorf("employee 6: potential %v, version %d; want the stored 46, unchanged", row6.PotentialScore, row6.Version)
		}
		preds, _ := s.Predicates(ctx, nil, "kalianda", []string{first[0]})
		if preds[first[0]][2024] != evaluation.SangatBaik {
			t.Errorf("predicates %v", preds[first[0]])
		}

		// What the import overwrote is in the audit log, one event per change, as an update through the API: the
		// promoted employee before and after, the restored one, the replaced predicate. The new employees and
		// the unchanged ones have no event of their own.
		changes := events(t, ctx, s, "employee.update", "employee.restore", "predicate.update")
		var got []string
		whole := importEvents(t, ctx, s)[0]
		for _, e := range changes {
			got = append(got, e.Action+" "+e.Target)
			if e.Actor != "test" || e.Region != "kalianda" || len(e.Before) == 0 || len(e.After) == 0 || !e.At.Equal(whole.At) || e.ID > whole.ID {
				t.Errorf("change event %+v", e)
			}
		}
		want := []string{"employee.update employee:" + first[0], "employee.restore employee:" + importtest.Row(5)[0],
			"predicate.update employee:" + first[0]}
		if !slices.Equal(sortStrings(got), sortStrings(want)) {
			t.Fatalf("change events %v, want %v", got, want)
		}
		for _, e := range changes {
			before, after := state(t, e.Before), state(t, e.After)
			switch e.Action {
			case "employee.update":
				if before["grade"] != first[3] || after["grade"] != "III/b" || before["version"] != 1.0 || after["version"] != 2.0 {
					t.Errorf("update event: grade %v → %v, version %v → %v", before["grade"], after["grade"], before["version"], after["version"])
				}
				if pos := after["position"].(map[string]any); pos["kind"] != "pengawas" || after["sanctions"] == nil {
					t.Errorf("update event after %v: want the API's answer about the employee", after)
				}
			case "predicate.update":
				if before["year"] != 2024.0 || after["predicate"] != "sangat_baik" || before["predicate"] == after["predicate"] {
					t.Errorf("predicate event %v → %v", before, after)
				}
			}
		}

		// Reject mode: every existing NIP is an error; nothing written.
		res, err = importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{Existing: importer.Reject}))
		if !errors.As(err, new(*importer.InvalidError)) || res.ErrorCount != n {
			t.Fatalf("reject: %v, %d errors, want %d", err, res.ErrorCount, n)
		}
		if e := res.Errors[0]; e.Row != 2 || e.Column != "nip" || !strings.Contains(e.Message, "already an employee") {
			t.Errorf("reject error %s", e)
		}
		// Reject with skip_invalid on a file of old and new: only the new go in.
		res, err = importer.Import(ctx, s, importer.File{Path: csvFile(t, n+5)}, opts(importer.Options{Existing: importer.Reject, SkipInvalid: true}))
		if err != nil || res.Imported != 3 || res.Skipped != n+2 {
			t.Fatalf("reject + skip: %v %+v", err, res)
		}
		if got := count(t, ctx, s, "kalianda"); got != n+5 {
			t.Fatalf("%d employees, want %d", got, n+5)
		}
		if ev := importEvents(t, ctx, s); len(ev) != 4 {
			t.Fatalf("%d import audit events, want 4 (one per successful import)", len(ev))
		}
	})
}

func mustISO(ddmmyyyy string) string {
	t, err := time.Parse("02-01-2006", ddmmyyyy)
	if err != nil {
		panic(err)
	}
	return t.Format(time.DateOnly)
}

func sortStrings(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestSupervisorInRegion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s, ctx := setup(t, b)
		head := "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan,nip_atasan\n"
		if _, err := importer.Import(ctx, s, importer.File{Path: writeFile(t, "a.csv", head+
			"197501012000031001,Kepala,IV/a,2020-04-01,Kepala Dinas,administrator,2021-01-01,S2,\n")}, opts(importer.Options{})); err != nil {
			t.Fatal(err)
		}
		// A later file names the head, who is only in the region; and the same file in another region fails.
		f := writeFile(t, "b.csv", head+"198609262015051001,Staf,III/a,2020-04-01,Analis,pelaksana,2021-01-01,S1,197501012000031001\n")
		if res, err := importer.Import(ctx, s, importer.File{Path: f}, opts(importer.Options{})); err != nil || res.Imported != 1 {
			t.Fatalf("superior in the region: %v %+v", err, res)
		}
		res, err := importer.Import(ctx, s, importer.File{Path: f}, opts(importer.Options{Region: "semarang"}))
		if err == nil || len(res.Errors) != 1 || res.Errors[0].Column != "nip_atasan" {
			t.Fatalf("superior in another region: %v %+v", err, res)
		}
	})
}

func TestFileErrors(t *testing.T) {
	s, ctx := setup(t, storetest.SQLite(t))
	full := "nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan"
	for _, c := range []struct {
		name, file, content string
		want                []string // "row column: fragment"
	}{
		{"empty", "a.csv", "", []string{"0 : empty"}},
		{"no header", "a.csv", "a,b\n1,2\n", []string{"0 : no header row"}},
		{"missing columns", "a.csv", "nip;nama;golongan\n198609262015051001;A;III/a\n",
			[]string{"1 tmt_golongan: missing", "1 jabatan: missing", "1 jenis_jabatan: missing", "1 tmt_jabatan: missing", "1 pendidikan: missing"}},
		{"duplicate column", "a.csv", full + ",Gol\n", []string{"1 golongan: two columns"}},
		{"header only", "a.csv", full + "\n", []string{"1 : no employee rows"}},
		{"xls", "a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old", []string{"0 : legacy Excel"}},
		{"broken xlsx", "a.xlsx", "PK\x03\x04 not really", []string{"0 : XLSX workbook cannot be read"}},
		{"latin-1", "a.csv", full + "\n198609262015051001,Jos\xe9,III/a,2020-04-01,A,pelaksana,2021-01-01,S1\n", []string{"2 nama: not UTF-8"}},
		{"rounded NIP", "a.csv", full + "\n1.98609262015051E+17,A,III/a,2020-04-01,A,pelaksana,2021-01-01,S1\n", []string{"2 nip: scientific notation"}},
		{"bad quote", "a.csv", full + "\n198609262015051001,\"A\"x,III/a,2020-04-01,A,pelaksana,2021-01-01,S1\n", []string{"2 : cannot be read as CSV"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := importer.Import(ctx, s, importer.File{Path: writeFile(t, c.file, c.content)}, opts(importer.Options{SkipInvalid: true}))
			if c.name == "bad quote" || c.name == "latin-1" || c.name == "rounded NIP" {
				// Row errors: with skip_invalid the import succeeds and writes nothing.
				if err != nil {
					t.Fatalf("err = %v", err)
				}
			} else if !errors.As(err, new(*importer.InvalidError)) {
				t.Fatalf("err = %v, want *InvalidError", err)
			}
			if len(res.Errors) != len(c.want) {
				t.Fatalf("errors %v, want %v", res.Errors, c.want)
			}
			for i, w := range c.want {
				row, rest, _ := strings.Cut(w, " ")
				col, frag, _ := strings.Cut(rest, ": ")
				if e := res.Errors[i]; fmt.Sprint(e.Row) != row || e.Column != col || !strings.Contains(e.Message, frag) {
					t.Errorf("error %s, want %s", e, w)
				}
			}
		})
	}
	if n := count(t, ctx, s, "kalianda"); n != 0 {
		t.Fatalf("%d employees written", n)
	}
}

func TestMaxErrors(t *testing.T) {
	s, ctx := setup(t, storetest.SQLite(t))
	var b strings.Builder
	b.WriteString(badHeader)
	for range 50 {
		b.WriteString("x,,,,,,,,,,\n")
	}
	res, err := importer.Import(ctx, s, importer.File{Path: writeFile(t, "a.csv", b.String())}, opts(importer.Options{MaxErrors: 20}))
	if err == nil || len(res.Errors) != 20 || res.ErrorCount != 50*8 {
		t.Fatalf("err %v, %d listed, %d counted", err, len(res.Errors), res.ErrorCount)
	}
}

func TestProgress(t *testing.T) {
	s, ctx := setup(t, storetest.SQLite(t))
	var got []importer.Progress
	_, err := importer.Import(ctx, s, importer.File{Path: csvFile(t, 2500)}, opts(importer.Options{
		ProgressEvery: 1000,
		Progress:      func(p importer.Progress) { got = append(got, p) },
	}))
	if err != nil {
		t.Fatal(err)
	}
	var phases []string
	for _, p := range got {
		phases = append(phases, fmt.Sprintf("%s %d/%d %v", p.Phase, p.Rows, p.Total, p.Done))
	}
	want := []string{"validating 1000/0 false", "validating 2000/0 false", "validating 2500/0 true",
		"writing 1000/2500 false", "writing 2000/2500 false", "writing 2500/2500 true"}
	if !slices.Equal(phases, want) {
		t.Fatalf("progress %v, want %v", phases, want)
	}
	if last := got[2]; last.Bytes != last.Size || last.Size == 0 {
		t.Errorf("validating ended at %d of %d bytes", last.Bytes, last.Size)
	}
}

func TestCancel(t *testing.T) {
	s, ctx := setup(t, storetest.SQLite(t))
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := importer.Import(ctx, s, importer.File{Path: csvFile(t, 3000)}, opts(importer.Options{})); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
