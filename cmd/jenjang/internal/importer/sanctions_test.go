package importer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
// told by the status column.
const (
	ayu  = "198609262015051001"
	bima = "198609262015051002"
	dodi = "198609262015051004"
	eka  = "198609262015051005"
)

const citra = "198609262015051003"

const sanctionHeader = "nip,nama,status,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan," +
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
		// PPPK by the status column.
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
			got, rows := sanctionsOf(t, ctx, s, nip)
			if got != w || len(rows) != len(ids[nip]) || (len(rows) == 1 && rows[0].ID != ids[nip][0].ID) {
				t.Errorf("%s after the same file: %q %+v, want %q with the same ids %+v", nip, got, rows, w, ids[nip])
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
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
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

		// The next export: Ayu's sanction is over and gone from the file (cleared), Bima's ends earlier and his
		// position's lowest grade changed, Citra's is the stored one (kept with its note), Dodi's holds one of the
		// two stored, and Eka is new with a sanction (the upsert path).
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,,,",
			bima+",III/d,berat,2025-03-01,2026-02-28",
			citra+",,Ringan,2024-01-01,31/03/2024",
			dodi+",,ringan,2024-01-01,2024-03-31",
			eka+",,sedang,2025-10-01,",
		), importer.Options{})
		if got := counts(res); got != "1 new, 3 updated, 1 unchanged, 0 skipped" {
			t.Fatalf("next export: %s (want Eka new; Ayu, Bima, Dodi updated; Citra unchanged)", got)
		}
		for nip, w := range map[string]string{ayu: "", bima: "berat 2025-03-01..2026-02-28", citra: "ringan 2024-01-01..2024-03-31",
			dodi: "ringan 2024-01-01..2024-03-31", eka: "sedang 2025-10-01.."} {
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
				t.Errorf("%s after the next export: %q, want %q", nip, got, w)
			}
		}
		if _, rows := sanctionsOf(t, ctx, s, citra); len(rows) != 1 || rows[0].ID != citraBefore[0].ID || rows[0].Note != noted.Note {
			t.Errorf("Citra's sanction not kept as it was: %+v, was %+v", rows, citraBefore)
		}
		if _, rows := sanctionsOf(t, ctx, s, dodi); len(rows) != 1 || rows[0].ID != min(dodiBefore[0].ID, dodiBefore[1].ID) {
			t.Errorf("Dodi's sanctions %+v, want the older of %+v", rows, dodiBefore)
		}
		for nip, v := range map[string]int64{ayu: 2, bima: 2, citra: 1, dodi: 2, eka: 1} {
			if r := employeeRow(t, ctx, s, nip); r.Version != v {
				t.Errorf("%s: version %d, want %d", nip, r.Version, v)
			}
		}
		if r := employeeRow(t, ctx, s, bima); r.PositionLowestGrade != "III/d" {
			t.Errorf("Bima's lowest grade %q, want III/d", r.PositionLowestGrade)
		}
		if h, err := s.ListHistory(ctx, "kalianda", bima); err != nil || len(h) != 0 {
			t.Errorf("Bima's history %+v, %v: the position did not change", h, err)
		}
		if got := getEmployee(t, s, ayu); got.Sanctions == nil || len(got.Sanctions) != 0 || got.Version != 2 {
			t.Errorf("GET %s after the sanction was cleared: %+v", ayu, got)
		}

		// The lowest grade alone changes an employee.
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,,,",
			bima+",III/c,berat,2025-03-01,2026-02-28",
			citra+",,ringan,2024-01-01,2024-03-31",
			dodi+",,ringan,2024-01-01,2024-03-31",
			eka+",,sedang,2025-10-01,",
		), importer.Options{})
		if got := counts(res); got != "0 new, 1 updated, 4 unchanged, 0 skipped" {
			t.Fatalf("lowest grade only: %s", got)
		}
		if r := employeeRow(t, ctx, s, bima); r.PositionLowestGrade != "III/c" || r.Version != 3 {
			t.Errorf("Bima: lowest grade %q, version %d; want III/c, 3", r.PositionLowestGrade, r.Version)
		}

		// skip_invalid: Citra's row is invalid and skipped, so her sanction stays; Ayu gets a new one.
		res = mustImport(t, ctx, s, sanctionFile(t,
			ayu+",,berat,2026-01-05,",
			citra+",,kurang,2024-01-01,2024-03-31",
		), importer.Options{SkipInvalid: true})
		if got := counts(res); got != "0 new, 1 updated, 0 unchanged, 1 skipped" || res.ErrorCount != 1 || res.Errors[0].Column != "hukuman_disiplin" {
			t.Fatalf("skip invalid: %s, errors %+v", got, res.Errors)
		}
		for nip, w := range map[string]string{ayu: "berat 2026-01-05..", citra: "ringan 2024-01-01..2024-03-31"} {
			if got, _ := sanctionsOf(t, ctx, s, nip); got != w {
				t.Errorf("%s after skip_invalid: %q, want %q", nip, got, w)
			}
		}

		// All or nothing: an invalid row and no sanction is touched.
		path := sanctionFile(t, ayu+",,,,", citra+",,sedang,,")
		if res, err := importer.Import(ctx, s, importer.File{Path: path}, opts(importer.Options{})); !errors.As(err, new(*importer.InvalidError)) {
			t.Fatalf("invalid file: %v %+v", err, res)
		}
		if got, _ := sanctionsOf(t, ctx, s, ayu); got != "berat 2026-01-05.." {
			t.Errorf("Ayu after a refused import: %q", got)
		}

		events := importEvents(t, ctx, s)
		if len(events) != 6 {
			t.Fatalf("%d import audit events, want 6 (one per import that wrote)", len(events))
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

// TestImportEmbedExample: the sample of examples/embed (the library example) imports as it is, with its status,
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

// getEmployee answers GET /v1/regions/kalianda/employees/{nip} from a server on s, checked against the OpenAPI
// document.
func getEmployee(t *testing.T, s *store.Store, nip string) api.Employee {
	t.Helper()
	tok, _, err := s.CreateToken(context.Background(), "kalianda", auth.Admin, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.NewServer(api.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/regions/kalianda/employees/"+nip, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := apitest.Client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", nip, resp.StatusCode, body)
	}
	var e api.Employee
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	return e
}
