package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
	"github.com/jenjang-asn/jenjang/plugins"
)

const pluginsUsage = `usage:
  jenjang plugins manifest [--dir DIR] REGION...   write DIR/manifest.json for the binaries DIR/REGION, then verify it
  jenjang plugins verify   [--dir DIR]             load every plugin in DIR/manifest.json and report what it is
`

// runPlugins runs the plugins subcommands. Both start every plugin through the real host, so that what they report
// is what `serve` will see: a checksum, protocol or handshake problem fails here with the file and the reason.
func runPlugins(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, pluginsUsage)
		return errors.New("plugins: missing subcommand")
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("plugins "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Plugins, "dir", cfg.Plugins, "plugin directory holding manifest.json and the binaries (env JENJANG_PLUGINS)")
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch sub {
	case "manifest":
		if fs.NArg() == 0 {
			fmt.Fprint(stderr, pluginsUsage)
			return errors.New("plugins manifest: name at least one region")
		}
		entries := make([]plugins.ManifestEntry, 0, fs.NArg())
		for _, region := range fs.Args() {
			if _, err := os.Stat(filepath.Join(cfg.Plugins, region)); err != nil {
				return fmt.Errorf("plugins manifest: %w", err)
			}
			entries = append(entries, plugins.ManifestEntry{Region: region, Name: region, Binary: region})
		}
		if err := plugins.WriteManifest(cfg.Plugins, entries...); err != nil {
			return fmt.Errorf("plugins manifest: %w", err)
		}
		// Take each region's name from the plugin itself, so the manifest reads well.
		named, err := describeAll(ctx, cfg.Plugins)
		if err != nil {
			return err
		}
		for i, e := range entries {
			entries[i].Name = named[e.Region].Name
		}
		if err := plugins.WriteManifest(cfg.Plugins, entries...); err != nil {
			return fmt.Errorf("plugins manifest: %w", err)
		}
		fmt.Fprintf(stderr, "wrote %s with %d plugins\n", filepath.Join(cfg.Plugins, plugins.ManifestFile), len(entries))
		return report(stdout, named)
	case "verify":
		if fs.NArg() > 0 {
			return fmt.Errorf("plugins verify: unexpected arguments %q", fs.Args())
		}
		named, err := describeAll(ctx, cfg.Plugins)
		if err != nil {
			return err
		}
		return report(stdout, named)
	}
	fmt.Fprint(stderr, pluginsUsage)
	return fmt.Errorf("plugins: unknown subcommand %q", sub)
}

// describeAll loads every plugin of dir through the host and returns its description by region.
func describeAll(ctx context.Context, dir string) (map[string]plugins.Description, error) {
	host, err := plugins.Open(ctx, plugins.Config{Dir: dir})
	if err != nil {
		return nil, fmt.Errorf("plugins: %w", err)
	}
	defer host.Close()
	out := map[string]plugins.Description{}
	for _, p := range host.Plugins() {
		d, err := p.Describe(ctx)
		if err != nil {
			return nil, fmt.Errorf("plugins: %s: %w", p.Path(), err)
		}
		out[p.Region()] = d
	}
	return out, nil
}

func report(w io.Writer, named map[string]plugins.Description) error {
	entries := make([]string, 0, len(named))
	for r := range named {
		entries = append(entries, r)
	}
	slices.Sort(entries)
	for _, r := range entries {
		d := named[r]
		if _, err := fmt.Fprintf(w, "%-14s ok  %-28s version %-8s protocol %d  %d params\n", r, d.Name, d.Version, d.Protocol, len(d.Params)); err != nil {
			return err
		}
	}
	return nil
}
