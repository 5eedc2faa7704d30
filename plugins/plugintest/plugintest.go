// Package plugintest is the conformance kit for Jenjang region policy plugins. A region runs it against its own
// binary in an ordinary Go test:
//
//	func TestConformance(t *testing.T) {
//		bin := plugintest.Build(t, ".")           // go build the plugin package
//		plugintest.Run(t, bin, "kalianda")        // load it through the real host and check it
//	}
//
// Build compiles a plugin, Load starts it through the real plugins.Host (manifest, checksum, AutoMTLS, no host
// environment), and Run checks what every region plugin must do: a complete Describe, well-formed decisions from
// every method within the deadline, batches answered item for item, typed errors for invalid input, the national
// floors respected, and determinism. Employees and Candidates make realistic test employees with valid NIPs.
//
// A region's own tests check its rules in process, case by case from its documents, against the national baseline:
// Agency, Appraisal, Ratings, Ledger and Activity build a case; Compare asks the region's policy and the baseline
// the same question and Refuses checks a request only the region turns down; HasCriterion, CriterionPassed,
// NoCriterion, Detail, NoDetail, CheckPrograms and CheckPairs check the answers; Describe, CheckParams and Total check
// the policy as a whole.
package plugintest

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/plugins"
)

// Build compiles the plugin package pkg (an import path, or a directory relative to the test's working directory)
// into a temporary directory and returns the binary's path. It uses the go command on PATH and its build cache, so
// a rebuild of an unchanged plugin is quick.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plugin")
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("plugintest: go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// Load installs the binary in a fresh plugin directory with a one-entry manifest binding it to region, opens a
// plugins.Host on it (cfg.Dir is set by Load; zero fields take the host defaults) and returns the region's plugin.
// The host is closed when the test ends.
func Load(t testing.TB, binPath, region string) *plugins.Plugin {
	t.Helper()
	return LoadConfig(t, binPath, region, plugins.Config{})
}

// LoadConfig is Load with a host configuration (a short Timeout, say).
func LoadConfig(t testing.TB, binPath, region string, cfg plugins.Config) *plugins.Plugin {
	t.Helper()
	h := Install(t, cfg, map[string]string{region: binPath})
	p, ok := h.Plugin(region)
	if !ok {
		t.Fatalf("plugintest: the host has no plugin for %q", region)
	}
	return p
}

// Install copies the binaries (region → path) into a fresh plugin directory, writes its manifest and opens a
// plugins.Host on it. The host is closed when the test ends.
func Install(t testing.TB, cfg plugins.Config, bins map[string]string) *plugins.Host {
	t.Helper()
	dir := t.TempDir()
	var entries []plugins.ManifestEntry
	for region, bin := range bins {
		if err := copyFile(bin, filepath.Join(dir, region)); err != nil {
			t.Fatalf("plugintest: %v", err)
		}
		entries = append(entries, plugins.ManifestEntry{Region: region, Name: region, Binary: region})
	}
	if err := plugins.WriteManifest(dir, entries...); err != nil {
		t.Fatalf("plugintest: %v", err)
	}
	cfg.Dir = dir
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h, err := plugins.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("plugintest: the host refused the plugin: %v", err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
