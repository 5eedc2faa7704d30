package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
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

const regionUsage = `usage: jenjang region put --code C --name N [--policy national|PLUGIN] [--regency R] [--province P] [--db …]
       jenjang region list [--db …]

put creates region C or updates what it is given of it (the rest stays): its name, the policy bound to it (the national baseline, or the region code of a
plugin in the server's manifest) and where its government sits (a regency's or city's: --regency and --province; a
province's own: --province), which a transfer check needs to tell who decides a move. list prints the regions.
`

// runRegion creates, updates or lists regions: how an HR office sets up its region and binds it to its plugin.
func runRegion(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "put" && args[0] != "list") {
		fmt.Fprint(stderr, regionUsage)
		return errors.New("region: unknown or missing subcommand")
	}
	fs := flag.NewFlagSet("region "+args[0], flag.ContinueOnError)
	cfg.StoreFlags(fs)
	var r store.Region
	if args[0] == "put" {
		fs.StringVar(&r.Code, "code", "", "region code: lower-case letters, digits, '-' and '_'")
		fs.StringVar(&r.Name, "name", "", `region name, e.g. "Kabupaten Kalianda"`)
		fs.StringVar(&r.Policy, "policy", store.NationalPolicy, "policy: national, or the region code of a plugin")
		fs.StringVar(&r.Regency, "regency", "", "the regency or city of the region's government")
		fs.StringVar(&r.Province, "province", "", "the province of the region's government")
	}
	if help, err := parseFlags(fs, args[1:], stderr); help || err != nil {
		return err
	}
	st, _, err := openStore(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "put" {
		// An existing region keeps what the command does not set: renaming it must not unbind its plugin.
		if old, err := st.GetRegion(ctx, r.Code); err == nil {
			set := map[string]bool{}
			fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
			for name, keep := range map[string]struct {
				to   *string
				from string
			}{
				"name": {&r.Name, old.Name}, "policy": {&r.Policy, old.Policy},
				"regency": {&r.Regency, old.Regency}, "province": {&r.Province, old.Province},
			} {
				if !set[name] {
					*keep.to = keep.from
				}
			}
		} else if career.ErrorCode(err) != career.NotFound {
			return err
		}
		if err := st.PutRegion(ctx, st.DB(), r); err != nil {
			return fmt.Errorf("region put: %w", err)
		}
	}
	regions, err := st.ListRegions(ctx, auth.Principal{Region: auth.National})
	if err != nil {
		return err
	}
	for _, x := range regions {
		if args[0] == "put" && x.Code != r.Code {
			continue
		}
		place := strings.Trim(x.Regency+", "+x.Province, ", ")
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", x.Code, x.Name, x.Policy, place)
	}
	return nil
}
