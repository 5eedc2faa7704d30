package plugins_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
)

var (
	bench100k     []promotion.Candidate
	bench100kOnce sync.Once
)

func candidates100k() []promotion.Candidate {
	bench100kOnce.Do(func() { bench100k = plugintest.Candidates(100_000, 42, on) })
	return bench100k
}

// BenchmarkAssess100k assesses the promotion of 100,000 employees with the national baseline, in process and
// through a plugin in batches, and reports µs per employee.
func BenchmarkAssess100k(b *testing.B) {
	cands := candidates100k()
	local := plugins.National()
	remote := plugintest.Load(b, bin("baseline"), "baseline")
	for _, c := range []struct {
		name  string
		p     plugins.Policy
		batch int
	}{
		{"inprocess", local, 1000},
		{"plugin/batch=1000", remote, 1000},
		{"plugin/batch=5000", remote, 5000},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out, err := plugins.AssessAll(context.Background(), c.p, cands, on, c.batch)
				if err != nil || len(out) != len(cands) {
					b.Fatal(err, len(out))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(cands))/1000, "µs/employee")
		})
	}
}

// BenchmarkPluginStart starts a plugin through the host (checksum, handshake, AutoMTLS, Describe) and stops it.
func BenchmarkPluginStart(b *testing.B) {
	dir := b.TempDir()
	data, err := os.ReadFile(bin("baseline"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "baseline"), data, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := plugins.WriteManifest(dir, plugins.ManifestEntry{Region: "baseline", Name: "Baseline", Binary: "baseline"}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		h, err := plugins.Open(context.Background(), plugins.Config{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		h.Close()
	}
}
