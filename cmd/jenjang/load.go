package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/load"
)

// runLoad drives a running server with the load generator and prints its report on stdout. It fails when any
// answer was a 5xx or missing, so that a script or CI job can gate on it.
func runLoad(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	addr := fs.String("addr", "http://"+config.DefaultAddr, "base URL of the running server")
	token := fs.String("token", "", "an admin token of the region (or a national admin token)")
	region := fs.String("region", "", "the region to load; it needs at least two employees (serve --demo seeds some)")
	duration := fs.Duration("duration", 30*time.Second, "how long to run")
	clients := fs.Int("clients", 16, "concurrent clients")
	mix := fs.String("mix", "read=80,write=20", "percentages of reads and write flows")
	if help, err := parseFlags(fs, args, stderr); help || err != nil {
		return err
	}
	if *token == "" || *region == "" {
		return errors.New("load: --token and --region are required")
	}
	read, err := load.ParseMix(*mix)
	if err != nil {
		return err
	}
	base := *addr
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	fmt.Fprintf(stderr, "jenjang: load on %s for %s with %d clients\n", base, *duration, *clients)
	rep, err := load.Run(ctx, load.Config{BaseURL: base, Token: *token, Region: *region, Duration: *duration, Clients: *clients, ReadPercent: read})
	if err != nil {
		return err
	}
	rep.WriteText(stdout)
	if n := rep.ServerErrors(); n > 0 {
		return fmt.Errorf("load: %d answers were 5xx or missing", n)
	}
	return nil
}
