package config_test

import (
	"flag"
	"io"
	"log/slog"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
)

func TestPrecedence(t *testing.T) {
	env := map[string]string{
		"JENJANG_ADDR":      "127.0.0.1:9000",
		"JENJANG_DB":        "postgres://db/jenjang",
		"JENJANG_LOG_LEVEL": "debug",
	}
	for name, c := range map[string]struct {
		env  map[string]string
		args []string
		want config.Config
	}{
		"defaults": {
			want: config.Config{Addr: config.DefaultAddr, DB: config.DefaultDB, Plugins: config.DefaultPlugins, LogLevel: slog.LevelInfo},
		},
		"env": {
			env:  env,
			want: config.Config{Addr: "127.0.0.1:9000", DB: "postgres://db/jenjang", Plugins: config.DefaultPlugins, LogLevel: slog.LevelDebug},
		},
		"flag wins": {
			env:  env,
			args: []string{"--addr", "127.0.0.1:0", "--db", "file:x.db", "--plugins", "p", "--log-level", "warn", "--addr-file", "a"},
			want: config.Config{Addr: "127.0.0.1:0", AddrFile: "a", DB: "file:x.db", Plugins: "p", LogLevel: slog.LevelWarn},
		},
	} {
		t.Run(name, func(t *testing.T) {
			cfg, err := config.New(func(k string) string { return c.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			cfg.ServeFlags(fs)
			if err := fs.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			if *cfg != c.want {
				t.Fatalf("got %+v, want %+v", *cfg, c.want)
			}
		})
	}
}

func TestBadLevel(t *testing.T) {
	if _, err := config.New(func(k string) string {
		if k == "JENJANG_LOG_LEVEL" {
			return "loud"
		}
		return ""
	}); err == nil {
		t.Fatal("bad JENJANG_LOG_LEVEL accepted")
	}
	cfg, _ := config.New(func(string) string { return "" })
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.ServeFlags(fs)
	if err := fs.Parse([]string{"--log-level", "loud"}); err == nil {
		t.Fatal("bad --log-level accepted")
	}
}
