// Package api is the HTTP API of the reference server: Huma v2 on the standard http.ServeMux, with bearer-token
// auth, RFC 9457 problems in Indonesian or English, Prometheus metrics and an offline docs UI.
//
// Every route is registered in routes.go, through register, which also declares who may call it. Handlers return
// domain (career) errors; problem.go maps them to HTTP once for the whole server.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/plugins"
)

// Deps are what the server needs.
type Deps struct {
	Store   *store.Store
	Logger  *slog.Logger // nil: slog.Default()
	Version string       // the server version, shown in the OpenAPI document

	// Checks are readiness checks besides the database (for example one per region plugin); /readyz fails while
	// any of them fails.
	Checks []Check

	// Policies resolves the policy bound to a region (a plugin, or the national baseline); nil binds every region
	// to plugins.National().
	Policies PolicyResolver

	// Metrics is the Prometheus registry to serve at /metrics; nil creates one with Go and process collectors.
	Metrics *prometheus.Registry

	// AuthFailureLimit and AuthFailureWindow bound failed authentications per remote address: after the limit,
	// the address gets 429 until the window ends. Zero values mean 10 per minute.
	AuthFailureLimit  int
	AuthFailureWindow time.Duration
}

// Check is a named readiness check.
type Check struct {
	Name  string
	Check func(ctx context.Context) error
}

// checkTimeout bounds each readiness check.
const checkTimeout = 2 * time.Second

// bearerScheme names the OpenAPI security scheme of bearer tokens.
const bearerScheme = "bearer"

// server carries the dependencies of the handlers.
type server struct {
	store    *store.Store
	logger   *slog.Logger
	checks   []Check
	metrics  *metrics
	failures *failureLimiter
	policies PolicyResolver
	api      huma.API
}

// PolicyResolver returns the policy bound to a region: serve resolves a region's policy column to a loaded plugin
// or, failing that, the national baseline.
type PolicyResolver func(ctx context.Context, r store.Region) (plugins.Policy, error)

// NationalPolicies binds every region to the national baseline.
func NationalPolicies() PolicyResolver {
	n := plugins.National()
	return func(context.Context, store.Region) (plugins.Policy, error) { return n, nil }
}

// NewServer returns the HTTP handler of the whole API.
func NewServer(d Deps) http.Handler {
	s := &server{
		store:    d.Store,
		logger:   d.Logger,
		checks:   d.Checks,
		metrics:  newMetrics(d.Metrics),
		policies: d.Policies,
	}
	if s.policies == nil {
		s.policies = NationalPolicies()
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	limit, window := d.AuthFailureLimit, d.AuthFailureWindow
	if limit <= 0 {
		limit = 10
	}
	if window <= 0 {
		window = time.Minute
	}
	s.failures = newFailureLimiter(limit, window)

	mux := http.NewServeMux()
	s.api = humago.New(mux, humaConfig(d.Version))
	s.api.UseMiddleware(s.authenticate)
	addRoutes(mux, s.api, s)

	var h http.Handler = mux
	h = recoverPanics(h)
	h = observe(s.metrics, h) // must wrap the mux (and recoverPanics, which passes r on) directly: see observe
	h = withRequestInfo(s.logger, h)
	return h
}

// humaConfig is Huma's default configuration without what the server replaces or does not want.
func humaConfig(version string) huma.Config {
	if version == "" {
		version = "dev"
	}
	cfg := huma.DefaultConfig("Jenjang", version)
	cfg.Info.Description = "Career management for Indonesian civil servants (ASN): performance evaluation, " +
		"competency development, mentoring, promotion, transfers and talent. Every route under /v1/regions/{region} " +
		"acts on one region. Authenticate with `Authorization: Bearer <token>` (create tokens with " +
		"`jenjang token create`). Errors are RFC 9457 problems (application/problem+json), in Indonesian or, with " +
		"`Accept-Language: en`, English."
	// A URL rather than an SPDX identifier: identifier is OpenAPI 3.1 only, and the 3.0 document must stay valid.
	cfg.Info.License = &huma.License{Name: "Apache-2.0", URL: "https://www.apache.org/licenses/LICENSE-2.0"}
	// No $schema field / Link: describedBy transformer: it costs ~5% of GET throughput (DESIGN §8) and the schemas
	// are in /openapi.json anyway.
	cfg.CreateHooks = nil
	cfg.SchemasPath = ""
	// The docs UI is our own, served offline (docs.go), instead of Huma's page that loads a CDN.
	cfg.DocsPath = ""
	cfg.OpenAPIPath = "/openapi"
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		bearerScheme: {
			Type:        "http",
			Scheme:      "bearer",
			Description: "A token from `jenjang token create`, scoped to a region (or national) and a role.",
		},
	}
	return cfg
}
