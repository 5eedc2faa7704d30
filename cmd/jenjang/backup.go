package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

const backupUsage = `usage: jenjang backup [--db file:jenjang.db] FILE

Writes a consistent copy of the SQLite database to FILE (a new file), checks it and prints what it holds. It may
run while the server serves: writers go on meanwhile. To restore, stop the server and serve the copy (--db FILE).
On PostgreSQL use pg_dump.

flags:
`

// runBackup is `jenjang backup`: a checked copy of the SQLite database (store.Backup), for an HR office that runs
// the embedded default.
func runBackup(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	cfg.StoreFlags(fs)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, backupUsage)
		fs.PrintDefaults()
	}
	files, help, err := parseWithFiles(fs, args)
	if help || err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("backup: want exactly one FILE, got %d", len(files))
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	info, err := store.Backup(ctx, cfg.DB, files[0])
	if errors.Is(err, store.ErrBackupPostgres) {
		return errors.New("backup: " + err.Error())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup %s: %d bytes, integrity ok; %d regions, %d employees, %d audit events\n",
		files[0], info.Bytes, info.Regions, info.Employees, info.AuditEvents)
	return nil
}
