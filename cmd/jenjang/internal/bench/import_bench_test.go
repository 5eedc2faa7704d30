package bench

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// importRows is the size of the import benchmark; IMPORT_ROWS overrides it.
func importRows() int {
	if n, err := strconv.Atoi(os.Getenv("IMPORT_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// BenchmarkImport compares, on each database, the import of a generated CSV of employees (two passes: validate
// every row, then write in one transaction with the audit event) with bare bulk writes of the same rows into the
// same table: Bun's multi-row INSERT of 1,000-row slices and, on PostgreSQL, one pgx COPY. Each variant runs on a
// fresh database and writes each iteration into a new region. Metrics: rows/s; for the import also the peak live
// heap above the start (heap-MB) and allocations per row.
func BenchmarkImport(b *testing.B) {
	n := importRows()
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "pegawai.csv")
	if err := importtest.CSVFile(csvPath, n, importtest.EmployeeColumns...); err != nil {
		b.Fatal(err)
	}
	withPredicates := filepath.Join(dir, "pegawai-predikat.csv")
	if err := importtest.CSVFile(withPredicates, n); err != nil {
		b.Fatal(err)
	}
	renamed := filepath.Join(dir, "pegawai-ganti-nama.csv")
	if err := renameAll(csvPath, renamed); err != nil {
		b.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "pegawai.xlsx")
	if err := importtest.XLSXFile(xlsxPath, importtest.Generated(n), importtest.DateCols...); err != nil {
		b.Fatal(err)
	}
	backends := []struct {
		name string
		open func(b *testing.B) storetest.Backend
	}{
		{"sqlite", func(b *testing.B) storetest.Backend { return storetest.SQLite(b) }},
		{"postgres", func(b *testing.B) storetest.Backend { return storetest.Postgres(b) }},
	}
	for _, be := range backends {
		b.Run(be.name+"/import-csv", func(b *testing.B) { benchImport(b, be.open(b).Open(b), csvPath, n) })
		b.Run(be.name+"/import-csv-predicates", func(b *testing.B) { benchImport(b, be.open(b).Open(b), withPredicates, n) })
		b.Run(be.name+"/import-xlsx", func(b *testing.B) { benchImport(b, be.open(b).Open(b), xlsxPath, n) })
		b.Run(be.name+"/reimport-unchanged", func(b *testing.B) { benchReimport(b, be.open(b).Open(b), csvPath, csvPath, 0) })
		b.Run(be.name+"/reimport-all-changed", func(b *testing.B) { benchReimport(b, be.open(b).Open(b), csvPath, renamed, n) })
		b.Run(be.name+"/bun-insert", func(b *testing.B) {
			st := be.open(b).Open(b)
			benchRaw(b, st, n, st.BulkInsertEmployees)
		})
		if be.name == "postgres" {
			b.Run(be.name+"/pgx-copy", func(b *testing.B) {
				st := be.open(b).Open(b)
				benchRaw(b, st, n, st.CopyEmployees)
			})
		}
	}
}

func newRegion(b *testing.B, st *store.Store, i int) string {
	code := fmt.Sprintf("r%d", i)
	if err := st.PutRegion(context.Background(), st.DB(), store.Region{Code: code, Name: code}); err != nil {
		b.Fatal(err)
	}
	return code
}

func benchImport(b *testing.B, st *store.Store, path string, n int) {
	ctx := context.Background()
	var peak uint64
	var mallocs uint64
	var ms runtime.MemStats
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		region := newRegion(b, st, i)
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		h := StartHeapSampler(2 * time.Millisecond)
		b.StartTimer()
		res, err := importer.Import(ctx, st, importer.File{Path: path}, importer.Options{Region: region, Actor: "bench", Record: api.EmployeeRecord})
		b.StopTimer()
		peak = max(peak, h.Stop())
		runtime.ReadMemStats(&ms)
		mallocs += ms.Mallocs - before
		if err != nil || res.Imported != n {
			b.Fatalf("import: %v, %d imported of %d", err, res.Imported, n)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
	b.ReportMetric(float64(mallocs)/float64(n*b.N), "allocs/row")
}

// renameAll writes to dst the CSV file src with every employee's name changed: a re-import of it updates every
// employee, the worst case of an upsert and of its audit (one event per employee, before and after).
func renameAll(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	r, w := csv.NewReader(in), csv.NewWriter(out)
	col := -1
	for line := 0; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out.Close()
			return err
		}
		if line == 0 {
			col = slices.Index(rec, string(importer.ColName))
		} else if col >= 0 {
			rec[col] += " (baru)"
		}
		if err := w.Write(rec); err != nil {
			out.Close()
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// benchReimport imports path into a new region (not timed), then times the import of changed, which updates
// updated employees of path: the upsert (stage, snapshot, history, merge) and one audit event per updated employee.
// rows/s counts the rows of the file.
func benchReimport(b *testing.B, st *store.Store, path, changed string, updated int) {
	ctx := context.Background()
	opts := func(region string) importer.Options {
		return importer.Options{Region: region, Actor: "bench", Record: api.EmployeeRecord}
	}
	rows := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		region := newRegion(b, st, i)
		if _, err := importer.Import(ctx, st, importer.File{Path: path}, opts(region)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := importer.Import(ctx, st, importer.File{Path: changed}, opts(region))
		if err != nil || res.Updated != updated {
			b.Fatalf("re-import: %v, %d updated, want %d", err, res.Updated, updated)
		}
		rows = res.Rows
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func benchRaw(b *testing.B, st *store.Store, n int, write func(context.Context, []store.Employee) error) {
	ctx := context.Background()
	rows, err := importtest.Employees("", n)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		region := newRegion(b, st, i)
		for j := range rows {
			rows[j].Region = region
		}
		b.StartTimer()
		if err := write(ctx, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
