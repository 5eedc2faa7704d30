package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// openStore opens and migrates the configured database.
func openStore(ctx context.Context, cfg *config.Config, stderr io.Writer) (*store.Store, []string, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, applied, nil
}

// runMigrate applies the migrations and lists what it applied on stdout.
func runMigrate(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfg.StoreFlags(fs)
	if help, err := parseFlags(fs, args, stderr); help || err != nil {
		return err
	}
	st, applied, err := openStore(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "database is up to date")
	}
	for _, name := range applied {
		fmt.Fprintln(stdout, "applied", name)
	}
	return nil
}

// runTokenCreate creates a token and prints it alone on stdout, so that scripts can capture it.
func runTokenCreate(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	cfg.StoreFlags(fs)
	region := fs.String("region", "", `region code the token is scoped to; "*" for a national token`)
	national := fs.Bool("national", false, "create a national token (may act on every region)")
	roleName := fs.String("role", "", "role: admin, supervisor, employee or auditor")
	nip := fs.String("nip", "", "NIP of the employee the token belongs to (for employee and supervisor tokens)")
	if help, err := parseFlags(fs, args, stderr); help || err != nil {
		return err
	}

	switch {
	case *national && *region != "" && *region != "*":
		return errors.New("token create: --national and --region are exclusive")
	case *national || *region == "*":
		*region = auth.National
	case *region == "":
		return errors.New("token create: --region (or --national) is required")
	case !auth.ValidRegionCode(*region):
		return fmt.Errorf("token create: invalid region code %q (lower-case letters, digits, '-' and '_')", *region)
	}
	role, err := auth.ParseRole(*roleName)
	if err != nil {
		return fmt.Errorf("token create: --role: %w", err)
	}
	*nip = strings.Join(strings.Fields(*nip), "") // NIPs are often written with spaces: 19860926 201505 1 001

	st, _, err := openStore(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	plaintext, tok, err := st.CreateToken(ctx, *region, role, *nip)
	if err != nil {
		return err
	}
	newLogger(cfg, stderr).Info("token created", "id", tok.ID, "scope", tok.Principal().Scope(), "role", tok.Role)
	_, err = fmt.Fprintln(stdout, plaintext)
	return err
}
