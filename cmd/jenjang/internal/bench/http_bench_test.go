package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer/importtest"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// loadDuration is how long each load run lasts; LOAD_SECONDS overrides it.
func loadDuration(def time.Duration) time.Duration {
	if s, err := strconv.ParseFloat(os.Getenv("LOAD_SECONDS"), 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	return def
}

// region is a served region of 10,000 imported employees (with two years of predicates) and an admin token.
type region struct {
	st    *store.Store
	url   string
	token string
	nips  []string
}

const regionSize = 10000

func newRegion10k(b *testing.B, be storetest.Backend) *region {
	ctx := context.Background()
	st := be.Open(b)
	if err := st.PutRegion(ctx, st.DB(), store.Region{Code: "kalianda", Name: "Kabupaten Kalianda"}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "pegawai.csv")
	if err := importtest.CSVFile(path, regionSize); err != nil {
		b.Fatal(err)
	}
	if res, err := importer.Import(ctx, st, importer.File{Path: path}, importer.Options{Region: "kalianda", Record: api.EmployeeRecord}); err != nil || res.Imported != regionSize {
		b.Fatalf("import: %v", err)
	}
	tok, _, err := st.CreateToken(ctx, "kalianda", auth.Admin, "")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(api.NewServer(api.Deps{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(srv.Close)
	r := &region{st: st, url: srv.URL, token: tok}
	for i := range regionSize {
		r.nips = append(r.nips, importtest.Row(i)[0])
	}
	return r
}

func (r *region) get(ctx context.Context, c *http.Client, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return nil
}

func backends() []struct {
	name string
	open func(b *testing.B) storetest.Backend
} {
	return []struct {
		name string
		open func(b *testing.B) storetest.Backend
	}{
		{"sqlite", func(b *testing.B) storetest.Backend { return storetest.SQLite(b) }},
		{"postgres", func(b *testing.B) storetest.Backend { return storetest.Postgres(b) }},
	}
}

func reportLoad(b *testing.B, prefix string, s Stats) {
	if s.Errors > 0 {
		b.Fatalf("%s: %d errors, first: %v", prefix, s.Errors, s.FirstErr)
	}
	b.ReportMetric(s.PerSecond(), prefix+"/s")
	b.ReportMetric(float64(s.P50.Microseconds())/1000, prefix+"-p50-ms")
	b.ReportMetric(float64(s.P99.Microseconds())/1000, prefix+"-p99-ms")
}

// BenchmarkGetEmployee runs, in the same benchmark, GET /v1/regions/{region}/employees/{nip} over HTTP with several
// keep-alive clients, and the bare point select of the same rows through Bun with as many goroutines, on a
// 10,000-employee region. Target: the HTTP rate at least half the Bun rate. For scale it also measures the ceiling
// of HTTP itself on this machine: a bare net/http handler answering a fixed body of the same size (bare-http), with
// the same clients — client and server share the machine's cores, as they do in this benchmark. Run with
// -benchtime 1x: each run lasts LOAD_SECONDS (default 3) whatever b.N is.
func BenchmarkGetEmployee(b *testing.B) {
	const clients = 8
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			r := newRegion10k(b, be.open(b))
			ctx := context.Background()
			d := loadDuration(3 * time.Second)
			c := Client(clients)
			pick := func(w, i int) string { return r.nips[(w*7919+i*104729)%len(r.nips)] }
			b.ResetTimer()
			for range b.N {
				bun := Run(ctx, clients, d, func(ctx context.Context, w, i int) error {
					var row store.Employee
					return r.st.DB().NewSelect().Model(&row).Where("region = ?", "kalianda").Where("nip = ?", pick(w, i)).
						Where("deleted_at IS NULL").Scan(ctx)
				})
				httpStats := Run(ctx, clients, d, func(ctx context.Context, w, i int) error {
					return r.get(ctx, c, "/v1/regions/kalianda/employees/"+pick(w, i))
				})
				bare := bareHTTP(b, r, clients, d)
				reportLoad(b, "bun-select", bun)
				reportLoad(b, "http-get", httpStats)
				reportLoad(b, "bare-http", bare)
				b.ReportMetric(httpStats.PerSecond()/bun.PerSecond(), "http/bun")
				b.ReportMetric(httpStats.PerSecond()/bare.PerSecond(), "http/bare")
			}
		})
	}
}

// BenchmarkEligibility runs GET /v1/regions/{region}/promotions/eligibility (every employee of a 10,000-employee
// region assessed with the national policy, each decision stored) with a few clients for LOAD_SECONDS (default 20).
func BenchmarkEligibility(b *testing.B) {
	const clients = 2
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			r := newRegion10k(b, be.open(b))
			ctx := context.Background()
			c := Client(clients)
			b.ResetTimer()
			for range b.N {
				s := Run(ctx, clients, loadDuration(20*time.Second), func(ctx context.Context, w, i int) error {
					return r.get(ctx, c, "/v1/regions/kalianda/promotions/eligibility?date=2026-01-15")
				})
				reportLoad(b, "eligibility", s)
				b.ReportMetric(s.PerSecond()*regionSize, "employees/s")
			}
		})
	}
}

// bareHTTP measures a net/http server that answers every GET with the body the API gives for one employee, fetched
// once: the cost of HTTP alone, client included.
func bareHTTP(b *testing.B, r *region, clients int, d time.Duration) Stats {
	ctx := context.Background()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url+"/v1/regions/kalianda/employees/"+r.nips[0], nil)
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	c := Client(clients)
	bare := &region{url: srv.URL, token: r.token}
	return Run(ctx, clients, d, func(ctx context.Context, w, i int) error { return bare.get(ctx, c, "/") })
}
