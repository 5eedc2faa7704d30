package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/demo"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/plugins"
)

// startPlugins opens the plugin host on dir when it holds a manifest, registering its Close on life, one readiness
// check per plugin, and the plugins' calls and processes with metrics. go-plugin's log and the plugins' own stderr
// go to stderr, beside the server's log. A directory without a manifest (the default bin/plugins before `make plugins`) means no
// plugins: every region runs the national baseline. A manifest the host refuses (checksum, protocol) stops serve.
func startPlugins(ctx context.Context, dir string, logger *slog.Logger, stderr io.Writer, life *lifecycle, metrics *api.PluginMetrics) (*plugins.Host, []api.Check, error) {
	if dir == "" {
		return nil, nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, plugins.ManifestFile)); errors.Is(err, fs.ErrNotExist) {
		logger.Info("no plugin manifest; every region runs the national baseline", "dir", dir)
		return nil, nil, nil
	}
	h, err := plugins.Open(ctx, plugins.Config{Dir: dir, Logger: hclog.New(&hclog.LoggerOptions{Name: "plugins", Level: hclog.Warn, Output: stderr}),
		Observe: metrics.Observe, Refused: metrics.Refused})
	if err != nil {
		return nil, nil, fmt.Errorf("plugins: %w", err)
	}
	life.onShutdown("plugins", func(context.Context) error { return h.Close() })
	metrics.Watch(h)
	var checks []api.Check
	for _, p := range h.Plugins() {
		logger.Info("plugin loaded", "region", p.Region())
		checks = append(checks, api.Check{Name: "plugin." + p.Region(), Check: func(ctx context.Context) error {
			_, err := p.Describe(ctx)
			return err
		}})
	}
	return h, checks, nil
}

// policyResolver binds each region to its policy: the plugin its policy column names when the host has it, else
// the national baseline (with a warning, once per region, when a plugin was asked for but is not loaded).
func policyResolver(h *plugins.Host, logger *slog.Logger) api.PolicyResolver {
	national := plugins.National()
	var warned sync.Map
	return func(ctx context.Context, r store.Region) (plugins.Policy, error) {
		if r.Policy == "" || r.Policy == store.NationalPolicy {
			return national, nil
		}
		if h != nil {
			if p, ok := h.Plugin(r.Policy); ok {
				return p, nil
			}
		}
		if _, seen := warned.LoadOrStore(r.Code, true); !seen {
			logger.Warn("region bound to a plugin that is not loaded; using the national baseline", "region", r.Code, "policy", r.Policy)
		}
		return national, nil
	}
}

// seedDemo seeds the demo regions into an empty database and prints an admin token for each on stderr. A region
// whose plugin is not loaded runs the national baseline, with a warning.
func seedDemo(ctx context.Context, st *store.Store, h *plugins.Host, logger *slog.Logger, stderr io.Writer) error {
	res, err := demo.Seed(ctx, st)
	if err != nil {
		return err
	}
	if res == nil {
		logger.Info("demo: the database has regions already; nothing seeded")
		return nil
	}
	for _, r := range res {
		if _, ok := pluginOf(h, r.Region); !ok {
			logger.Warn("demo: region plugin not loaded; the region runs the national baseline", "region", r.Region)
		}
		fmt.Fprintf(stderr, "jenjang: demo region %s admin token: %s\n", r.Region, r.Token)
	}
	return nil
}

func pluginOf(h *plugins.Host, region string) (*plugins.Plugin, bool) {
	if h == nil {
		return nil, false
	}
	return h.Plugin(region)
}
