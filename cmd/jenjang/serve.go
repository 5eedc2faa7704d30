package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/config"
)

// shutdownTimeout bounds how long serve waits for requests in flight when asked to stop.
const shutdownTimeout = 15 * time.Second

// lifecycle collects what serve must release when it stops, released in reverse order of acquisition after the
// HTTP server has drained. Plugin hosts register their Kill here, so that no plugin process outlives the server.
type lifecycle struct {
	logger  *slog.Logger
	closers []closer
}

type closer struct {
	name string
	fn   func(context.Context) error
}

// onShutdown registers fn to run when the server stops.
func (l *lifecycle) onShutdown(name string, fn func(context.Context) error) {
	l.closers = append(l.closers, closer{name, fn})
}

// close runs the registered closers, newest first, and returns their errors joined.
func (l *lifecycle) close(ctx context.Context) error {
	var errs []error
	for i := len(l.closers) - 1; i >= 0; i-- {
		c := l.closers[i]
		if err := c.fn(ctx); err != nil {
			l.logger.Error("shutdown", "closer", c.name, "err", err)
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
		}
	}
	l.closers = nil
	return errors.Join(errs...)
}

// runServe runs the HTTP API until ctx ends.
func runServe(ctx context.Context, cfg *config.Config, args []string, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.ServeFlags(fs)
	if help, err := parseFlags(fs, args, stderr); help || err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	life := &lifecycle{logger: logger}
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
		defer cancel()
		err = errors.Join(err, life.close(ctx))
	}()

	st, applied, err := openStore(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	life.onShutdown("database", func(context.Context) error { return st.Close() })
	for _, name := range applied {
		logger.Info("migration applied", "name", name)
	}
	if tok, err := st.EnsureInitialAdmin(ctx); err != nil {
		return fmt.Errorf("initial admin token: %w", err)
	} else if tok != "" {
		fmt.Fprintf(stderr, "jenjang: initial national admin token: %s\n"+
			"jenjang: store it now, it is not shown again; create others with: jenjang token create\n", tok)
	}

	registry := api.NewRegistry()
	host, checks, err := startPlugins(ctx, cfg.Plugins, logger, stderr, life, api.NewPluginMetrics(registry))
	if err != nil {
		return err
	}
	if cfg.Demo {
		if err := seedDemo(ctx, st, host, logger, stderr); err != nil {
			return err
		}
	}

	handler := api.NewServer(api.Deps{
		Store:    st,
		Logger:   logger,
		Version:  buildVersion(),
		Checks:   checks,
		Policies: policyResolver(host, logger),
		Metrics:  registry,
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	addr := ln.Addr().String()
	if cfg.AddrFile != "" {
		if err := writeFileAtomic(cfg.AddrFile, addr+"\n"); err != nil {
			ln.Close()
			return fmt.Errorf("addr file: %w", err)
		}
	}
	logger.Info("listening", "addr", addr, "db", st.Dialect(), "plugins", cfg.Plugins, "version", buildVersion())

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// writeFileAtomic writes content to path through a rename, so that a reader never sees a partial file.
func writeFileAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jenjang-addr-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
