package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/importer"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

const importUsage = `usage: jenjang import --region R [--skip-invalid] [--existing update|reject] [--db …] FILE

Imports the employees of a CSV or XLSX file (a SIMPEG/SIASN export) into region R, straight into the database:
every row is validated first, and nothing is written unless all rows are valid (or --skip-invalid). Progress goes
to stderr; the summary and the errors, one per line as "row N, column: message", to stdout.

flags:
`

// runImport is `jenjang import`: the importer of the HTTP route, run against the database directly.
func runImport(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	cfg.StoreFlags(fs)
	region := fs.String("region", "", "region code to import into (required)")
	regionName := fs.String("region-name", "", "create the region with this name if it does not exist yet (bound to the national policy)")
	skip := fs.Bool("skip-invalid", false, "write the valid rows and report the invalid ones, instead of writing nothing")
	existingFlag := fs.String("existing", "update", "what to do with NIPs already in the region: update or reject")
	maxErrors := fs.Int("max-errors", importer.DefaultMaxErrors, "list at most this many errors (all are counted); -1 lists all")
	every := fs.Int("progress-every", 10000, "report progress on stderr every this many rows; 0 reports none")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout instead of text")
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	files, help, err := parseWithFiles(fs, args)
	if help || err != nil {
		return err
	}
	switch {
	case len(files) != 1:
		fs.Usage()
		return fmt.Errorf("import: want exactly one FILE, got %d", len(files))
	case *region == "":
		return errors.New("import: --region is required")
	case !auth.ValidRegionCode(*region):
		return fmt.Errorf("import: invalid region code %q (lower-case letters, digits, '-' and '_')", *region)
	}
	existing, err := importer.ParseExisting(*existingFlag)
	if err != nil {
		return fmt.Errorf("import: --existing: %s", career.ErrorMessage(err))
	}
	if *maxErrors == 0 {
		*maxErrors = -1
	}

	st, _, err := openStore(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureRegion(ctx, st, *region, *regionName); err != nil {
		return err
	}

	start := time.Now()
	opts := importer.Options{
		Region: *region, Actor: "cli", Record: api.EmployeeRecord, SkipInvalid: *skip, Existing: existing,
		MaxErrors: *maxErrors,
	}
	if *every > 0 {
		opts.ProgressEvery = *every
		opts.Progress = func(p importer.Progress) { fmt.Fprintln(stderr, progressLine(p, time.Since(start))) }
	}
	res, err := importer.Import(ctx, st, importer.File{Path: files[0]}, opts)
	var invalid *importer.InvalidError
	if err != nil && !errors.As(err, &invalid) {
		return fmt.Errorf("import: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(res); werr != nil {
			return werr
		}
	} else {
		printResult(stdout, res, *region, time.Since(start), invalid != nil)
	}
	if invalid != nil {
		return fmt.Errorf("import: %d errors in %s; nothing was written", res.ErrorCount, res.File)
	}
	return nil
}

// ensureRegion checks that the region exists, creating it when a name is given.
func ensureRegion(ctx context.Context, st *store.Store, code, name string) error {
	_, err := st.GetRegion(ctx, code)
	switch {
	case err == nil:
		return nil
	case career.ErrorCode(err) != career.NotFound:
		return err
	case name == "":
		return fmt.Errorf("import: region %q does not exist; pass --region-name to create it", code)
	}
	return st.PutRegion(ctx, st.DB(), store.Region{Code: code, Name: name})
}

// progressLine is one line of progress: rows so far, the share of the file (by bytes while validating a CSV, by
// rows while writing) and the rate.
func progressLine(p importer.Progress, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s rows", p.Phase, thousands(p.Rows))
	switch {
	case p.Phase == importer.Writing && p.Total > 0:
		fmt.Fprintf(&b, " of %s (%d%%)", thousands(p.Total), 100*p.Rows/p.Total)
	case p.Bytes > 0 && p.Size > 0:
		fmt.Fprintf(&b, " (%d%% of the file)", 100*p.Bytes/p.Size)
	}
	if p.Done {
		b.WriteString(", done")
	}
	if s := elapsed.Seconds(); s > 0 {
		fmt.Fprintf(&b, " [%s]", elapsed.Round(time.Millisecond))
	}
	return b.String()
}

// printResult writes the summary and the errors of an import.
func printResult(w io.Writer, r *importer.Result, region string, elapsed time.Duration, failed bool) {
	if failed {
		fmt.Fprintf(w, "%s: %s rows read, %s errors: nothing was written\n", r.File, thousands(r.Rows), thousands(r.ErrorCount))
	} else {
		fmt.Fprintf(w, "%s → %s: %s rows read; %s imported, %s updated, %s unchanged, %s skipped; %s predicates; %s (%.0f rows/s)\n",
			r.File, region, thousands(r.Rows), thousands(r.Imported), thousands(r.Updated), thousands(r.Unchanged),
			thousands(r.Skipped), thousands(r.Predicates), elapsed.Round(time.Millisecond), float64(r.Rows)/max(elapsed.Seconds(), 1e-9))
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "ignored columns: %s\n", strings.Join(r.Ignored, ", "))
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w, e.String())
	}
	if more := r.ErrorCount - len(r.Errors); more > 0 {
		fmt.Fprintf(w, "… and %s more errors (see --max-errors)\n", thousands(more))
	}
}

// thousands prints n with thousands separators: 100,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
