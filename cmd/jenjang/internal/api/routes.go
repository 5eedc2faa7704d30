package api

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// addRoutes registers every route of the server: the whole API surface, in one place.
//
// Huma operations go through register, which takes the access rule: public() or roles(...). Each operation lives
// under /v1/regions/{region}/… unless it is about regions themselves; the authenticate middleware checks {region}
// against the token. Huma itself serves /openapi.json (and .yaml, -3.0.json, -3.0.yaml).
func addRoutes(mux *http.ServeMux, api huma.API, s *server) {
	ops := []string{"Operations"}
	register(api, huma.Operation{
		OperationID: "healthz", Method: http.MethodGet, Path: "/healthz", Tags: ops,
		Summary:     "Liveness",
		Description: "Answers 200 while the process runs. It checks nothing else; see /readyz.",
	}, public(), s.healthz)
	register(api, huma.Operation{
		OperationID: "readyz", Method: http.MethodGet, Path: "/readyz", Tags: ops,
		Summary:     "Readiness",
		Description: "Answers 200 when the database and every other dependency (plugins) answer, 503 otherwise.",
		Errors:      []int{http.StatusServiceUnavailable},
	}, public(), s.readyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.Handle("GET /docs", docsPage())
	mux.Handle("GET /docs/", docsAssets())

	regions := []string{"Regions"}
	register(api, huma.Operation{
		OperationID: "list-regions", Method: http.MethodGet, Path: "/v1/regions", Tags: regions,
		Summary:     "List regions",
		Description: "The regions the caller may see: all of them for a national token, its own for any other.",
	}, anyRole(), s.listRegions)

	register(api, huma.Operation{
		OperationID: "get-policy", Method: http.MethodGet, Path: "/v1/regions/{region}/policy", Tags: regions,
		Summary:     "Describe the region's policy",
		Description: "The policy bound to the region (a plugin, or the national baseline): version, parameters and rules in the request language.",
	}, anyRole(), s.getPolicy)

	addCareerRoutes(api, s)
	register(api, importOperation(), roles(auth.Admin), s.importEmployees)

	audit := []string{"Audit"}
	register(api, huma.Operation{
		OperationID: "list-audit", Method: http.MethodGet, Path: "/v1/regions/{region}/audit", Tags: audit,
		Summary:     "List a region's audit events",
		Description: "The append-only record of every change in the region, newest first. Page with `cursor`.",
		Errors:      []int{http.StatusNotFound},
	}, roles(auth.Admin, auth.Auditor), s.listAudit)

	// Anything else is a 404 problem, not the mux's plain-text page.
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, newProblem(r.Context(), http.StatusNotFound, msgRouteNotFound))
	}))
}
