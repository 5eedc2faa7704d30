package plugins_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

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
// through a plugin in batches, and reports µs per employee. Through the plugin it also reports the CPU time per
// employee of each side (host-cpu, plugin-cpu; Linux only): the two processes share the machine's cores, so the
// wall time follows their sum, and CPU time is steadier than wall time on a busy machine.
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
			perEmployee := func(d time.Duration) float64 {
				return float64(d.Nanoseconds()) / float64(b.N) / float64(len(cands)) / 1000
			}
			pl, _ := c.p.(*plugins.Plugin)
			var self0, plugin0 time.Duration
			cpu := pl != nil
			if cpu {
				self0, plugin0, cpu = cpuTimes(pl.PID())
			}
			for b.Loop() {
				out, err := plugins.AssessAll(context.Background(), c.p, cands, on, c.batch)
				if err != nil || len(out) != len(cands) {
					b.Fatal(err, len(out))
				}
			}
			b.ReportMetric(perEmployee(b.Elapsed()), "µs/employee")
			if !cpu {
				return
			}
			if self1, plugin1, ok := cpuTimes(pl.PID()); ok {
				b.ReportMetric(perEmployee(self1-self0), "host-cpu-µs/employee")
				b.ReportMetric(perEmployee(plugin1-plugin0), "plugin-cpu-µs/employee")
			}
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
