// Command jenjang is the Jenjang reference server and its administration CLI.
//
//	jenjang serve   [--addr 127.0.0.1:8080] [--db file:jenjang.db] [--plugins bin/plugins] [--demo] [--log-level info]
//	jenjang migrate [--db …]
//	jenjang region put --code C --name N [--policy national|PLUGIN] [--regency R] [--province P] [--db …]
//	jenjang region list [--db …]
//	jenjang token create --region R|--national --role admin|supervisor|employee|auditor [--nip N] [--db …]
//	jenjang import --region R [--skip-invalid] [--existing update|reject] [--db …] FILE
//	jenjang backup [--db …] FILE
//	jenjang load --addr URL --token T --region R [--duration 30s] [--clients 16] [--mix read=80,write=20]
//	jenjang plugins manifest [--dir bin/plugins] REGION...
//	jenjang plugins verify [--dir bin/plugins]
//	jenjang version
//
// Every flag has a JENJANG_* environment variable (JENJANG_ADDR, JENJANG_DB, JENJANG_PLUGINS, JENJANG_LOG_LEVEL,
// JENJANG_ADDR_FILE); a flag wins over its variable. --db takes an SQLite file name or file: URI (the default, a file
// in the working directory) or a postgres:// URL.
//
// On its first start with no tokens, serve creates a national admin token and prints it once on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
)

func main() {
	if err := run(context.Background(), os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "jenjang: %v\n", err)
		os.Exit(1)
	}
}

// version is set at build time with -ldflags "-X main.version=…"; otherwise the module version is used.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

const usage = `usage: jenjang <command> [flags]

commands:
  serve          run the HTTP API (migrates the database first)
  migrate        apply database migrations and exit
  region         create or update a region (name, policy binding, place) or list them
  token create   create an access token and print it on stdout
  import         import employees from a CSV or XLSX file into a region
  backup         write a checked copy of the SQLite database while the server runs
  load           drive a running server with a realistic mix of calls and report throughput, latency and memory
  plugins        write (manifest) or check (verify) the plugin directory's manifest
  version        print the version

Run "jenjang <command> -h" for the flags of a command.
`

// run is the whole program, with its environment passed in so that tests can run it in-process. It returns when
// the command is done or, for serve, when ctx is cancelled or SIGINT/SIGTERM arrives.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	cfg, err := config.New(getenv)
	if err != nil {
		return err
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return runServe(ctx, cfg, rest, stderr)
	case "migrate":
		return runMigrate(ctx, cfg, rest, stdout, stderr)
	case "import":
		return runImport(ctx, cfg, rest, stdout, stderr)
	case "backup":
		return runBackup(ctx, cfg, rest, stdout, stderr)
	case "load":
		return runLoad(ctx, cfg, rest, stdout, stderr)
	case "plugins":
		return runPlugins(ctx, cfg, rest, stdout, stderr)
	case "region":
		return runRegion(ctx, cfg, rest, stdout, stderr)
	case "token":
		if len(rest) == 0 || rest[0] != "create" {
			fmt.Fprint(stderr, "usage: jenjang token create --region R|--national --role ROLE [--nip N]\n")
			return errors.New("token: unknown or missing subcommand")
		}
		return runTokenCreate(ctx, cfg, rest[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, buildVersion())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// parseFlags parses a command's flags, treating -h as success.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (help bool, err error) {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	if fs.NArg() > 0 {
		return false, fmt.Errorf("%s: unexpected arguments %q", fs.Name(), fs.Args())
	}
	return false, nil
}

// parseWithFiles parses a command's flags around its file arguments, which may come before, between or after the
// flags: parse, take a positional argument, parse the rest again. -h is success with help set.
func parseWithFiles(fs *flag.FlagSet, args []string) (files []string, help bool, err error) {
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, true, nil
			}
			return nil, false, err
		}
		if fs.NArg() == 0 {
			return files, false, nil
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
}

// newLogger returns the logger of the commands: text to stderr at the configured level.
func newLogger(cfg *config.Config, stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
}
