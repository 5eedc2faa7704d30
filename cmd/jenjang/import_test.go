package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

func TestImportCommand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		dir := t.TempDir()
		good := filepath.Join(dir, "pegawai.csv")
		if err := importtest.CSVFile(good, 25000); err != nil {
			t.Fatal(err)
		}

		// The region must exist, or be created with --region-name.
		if _, _, err := runCmd(t, nil, "import", "--db", b.DSN, "--region", "kalianda", good); err == nil || !strings.Contains(err.Error(), "--region-name") {
			t.Fatalf("unknown region: %v", err)
		}
		// Flags after the file work too.
		stdout, stderr, err := runCmd(t, nil, "import", "--db", b.DSN, good, "--region", "kalianda", "--region-name", "Kabupaten Kalianda", "--progress-every", "10000")
		if err != nil {
			t.Fatalf("import: %v\nstderr: %s", err, stderr)
		}
		for _, want := range []string{
			"validating: 10,000 rows (", "% of the file)", "validating: 20,000 rows", "validating: 25,000 rows (100% of the file), done",
			"writing: 10,000 rows of 25,000 (40%)", "writing: 25,000 rows of 25,000 (100%), done",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("progress on stderr lacks %q:\n%s", want, stderr)
			}
		}
		if !strings.Contains(stdout, "pegawai.csv → kalianda: 25,000 rows read; 25,000 imported, 0 updated, 0 unchanged, 0 skipped; 50,000 predicates;") {
			t.Errorf("summary: %s", stdout)
		}

		// A bad file: non-zero exit, every error on stdout, nothing written.
		bad := filepath.Join(dir, "salah.csv")
		os.WriteFile(bad, []byte("nip,nama,golongan,tmt_golongan,jabatan,jenis_jabatan,tmt_jabatan,pendidikan\n"+
			"198609262015051001,Siti,III/f,2020-04-01,Analis,pelaksana,2021-01-01,S1\n"+
			"19860926201505100,,III/a,2020-04-01,Analis,pelaksana,2021-01-01,S1\n"+
			"198609262015051004,Budi,III/a,2020-04-01,Analis,pelaksana,2021-01-01,S1\n"), 0o600)
		stdout, _, err = runCmd(t, nil, "import", "--db", b.DSN, "--region", "semarang", "--region-name", "Kota Semarang", bad)
		if err == nil || !strings.Contains(err.Error(), "3 errors in salah.csv; nothing was written") {
			t.Fatalf("bad file: %v", err)
		}
		for _, want := range []string{"salah.csv: 3 rows read, 3 errors: nothing was written", "row 2, golongan: \"III/f\"", "row 3, nip: NIP must have 18 digits", "row 3, nama: the name is required"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		// --skip-invalid --json: exit 0, the result as JSON.
		stdout, _, err = runCmd(t, nil, "import", "--db", b.DSN, "--region", "semarang", "--skip-invalid", "--json", "--progress-every", "0", bad)
		if err != nil {
			t.Fatalf("skip-invalid: %v", err)
		}
		var res importer.Result
		if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Imported != 1 || res.Skipped != 2 || res.ErrorCount != 3 {
			t.Fatalf("json result %s: %v", stdout, err)
		}

		ctx := context.Background()
		st, err := store.Open(ctx, b.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for region, want := range map[string]int{"kalianda": 25000, "semarang": 1} {
			if n, err := st.CountEmployees(ctx, store.EmployeeFilter{Region: region}); err != nil || n != want {
				t.Errorf("%s: %d employees, %v; want %d", region, n, err, want)
			}
		}
	})
}

func TestImportCommandUsage(t *testing.T) {
	dsn := storetest.SQLite(t).DSN
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", dsn, "--region", "kalianda"}, "want exactly one FILE"},
		{[]string{"import", "--db", dsn, "a.csv", "b.csv", "--region", "kalianda"}, "want exactly one FILE, got 2"},
		{[]string{"import", "--db", dsn, "a.csv"}, "--region is required"},
		{[]string{"import", "--db", dsn, "--region", "Bad Region", "a.csv"}, "invalid region code"},
		{[]string{"import", "--db", dsn, "--region", "kalianda", "--existing", "merge", "a.csv"}, "neither update nor reject"},
	} {
		if _, _, err := runCmd(t, nil, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
	if _, stderr, err := runCmd(t, nil, "import", "-h"); err != nil || !strings.Contains(stderr, "usage: jenjang import") {
		t.Errorf("-h: %v %s", err, stderr)
	}
}
