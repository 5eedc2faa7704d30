// Package config reads the settings of the jenjang command from flags and JENJANG_* environment variables. A flag
// wins over its variable, and the variable over the built-in default.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// Defaults of the settings.
const (
	DefaultAddr    = "127.0.0.1:8080"
	DefaultDB      = "file:jenjang.db" // an SQLite file in the working directory
	DefaultPlugins = "bin/plugins"
)

// Config holds the settings of the jenjang command.
type Config struct {
	Addr     string     // serve: the address to listen on (JENJANG_ADDR, --addr)
	AddrFile string     // serve: if set, the bound address is written here once listening (JENJANG_ADDR_FILE, --addr-file)
	DB       string     // the database: an SQLite file or file: URI, or a postgres:// URL (JENJANG_DB, --db)
	Plugins  string     // serve: the plugin directory holding the manifest and binaries (JENJANG_PLUGINS, --plugins)
	LogLevel slog.Level // debug, info, warn or error (JENJANG_LOG_LEVEL, --log-level)
	Demo     bool       // serve: seed the demo regions into an empty database (JENJANG_DEMO, --demo)
}

// New returns the defaults overridden by the environment, as read by getenv.
func New(getenv func(string) string) (*Config, error) {
	c := &Config{
		Addr:     envOr(getenv, "JENJANG_ADDR", DefaultAddr),
		AddrFile: getenv("JENJANG_ADDR_FILE"),
		DB:       envOr(getenv, "JENJANG_DB", DefaultDB),
		Plugins:  envOr(getenv, "JENJANG_PLUGINS", DefaultPlugins),
		LogLevel: slog.LevelInfo,
	}
	if v := getenv("JENJANG_DEMO"); v != "" {
		demo, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("JENJANG_DEMO: %w", err)
		}
		c.Demo = demo
	}
	if v := getenv("JENJANG_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return nil, fmt.Errorf("JENJANG_LOG_LEVEL: %w", err)
		}
	}
	return c, nil
}

// ServeFlags registers the flags of `jenjang serve` on fs.
func (c *Config) ServeFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on (env JENJANG_ADDR)")
	fs.StringVar(&c.AddrFile, "addr-file", c.AddrFile, "write the bound address to this file once listening, for supervisors and tests (env JENJANG_ADDR_FILE)")
	fs.StringVar(&c.Plugins, "plugins", c.Plugins, "directory of region policy plugins (env JENJANG_PLUGINS)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "seed the five demo regions into an empty database and print an admin token for each (env JENJANG_DEMO)")
	c.StoreFlags(fs)
}

// StoreFlags registers the flags of every command that opens the database on fs.
func (c *Config) StoreFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: an SQLite file (file:jenjang.db) or a postgres:// URL (env JENJANG_DB)")
	fs.TextVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error (env JENJANG_LOG_LEVEL)")
}

// Validate reports settings that cannot work.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return fmt.Errorf("no database: set --db or JENJANG_DB")
	}
	if strings.TrimSpace(c.Addr) == "" {
		return fmt.Errorf("no listen address: set --addr or JENJANG_ADDR")
	}
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
