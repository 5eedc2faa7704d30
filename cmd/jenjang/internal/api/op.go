package api

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// DefaultMaxBodyBytes limits request bodies of operations that do not set their own huma.Operation.MaxBodyBytes.
// The spreadsheet import sets a larger one.
const DefaultMaxBodyBytes = 1 << 20

// accessKey is the huma.Operation.Metadata key of an operation's access rule.
const accessKey = "jenjang.access"

// access is who may call an operation: everyone (public), or bearer tokens with one of the roles.
type access struct {
	public bool
	roles  []auth.Role
}

// public lets anyone call an operation (health checks).
func public() access { return access{public: true} }

// roles lets tokens with one of rs call an operation, within their region (or any region, for national tokens).
func roles(rs ...auth.Role) access { return access{roles: rs} }

// anyRole lets every authenticated caller in.
func anyRole() access { return roles(auth.Roles...) }

// register adds an operation to the API with its access rule, and is the only way routes.go adds operations:
//
//	register(api, huma.Operation{
//		OperationID: "get-employee", Method: http.MethodGet, Path: "/v1/regions/{region}/employees/{nip}",
//		Summary: "Get an employee", Tags: []string{"Employees"},
//	}, roles(auth.Admin, auth.Auditor), s.getEmployee)
//
// It records the rule for the authenticate middleware and in the OpenAPI document (security, x-jenjang-roles, the
// 401/403/429 responses), sets the default body limit, and passes handler errors through problemFor, so a handler
// simply returns domain (career) errors. The handler finds the caller with principalFrom(ctx).
func register[I, O any](api huma.API, op huma.Operation, rule access, handler func(context.Context, *I) (*O, error)) {
	if !rule.public && len(rule.roles) == 0 {
		panic(fmt.Sprintf("api: operation %s allows no role", op.OperationID)) // a programming error, found at start-up
	}
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[accessKey] = rule
	if op.MaxBodyBytes == 0 {
		op.MaxBodyBytes = DefaultMaxBodyBytes
	}
	errs := []int{http.StatusInternalServerError}
	if !rule.public {
		op.Security = []map[string][]string{{bearerScheme: {}}}
		if op.Extensions == nil {
			op.Extensions = map[string]any{}
		}
		names := make([]string, len(rule.roles))
		for i, r := range rule.roles {
			names[i] = string(r)
		}
		op.Extensions["x-jenjang-roles"] = names
		op.Description = strings.TrimSpace(op.Description + "\n\nRoles: " + strings.Join(names, ", ") + ".")
		errs = append(errs, http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests,
			// Every such handler reaches the database or the region's policy: one that is down is 503, one that
			// does not answer in time 504, and a database out of room refuses a change with 507 (problemFor).
			http.StatusServiceUnavailable, http.StatusGatewayTimeout)
		if op.Method != http.MethodGet {
			errs = append(errs, http.StatusInsufficientStorage)
		}
	}
	if _, ok := reflect.TypeFor[I]().FieldByName("IfMatch"); ok {
		errs = append(errs, http.StatusPreconditionFailed) // checkIfMatch: a stale ETag
	}
	if _, ok := reflect.TypeFor[I]().FieldByName("Body"); ok {
		// Huma reads and parses the body before the handler: malformed (400), too slow (408), over MaxBodyBytes
		// (413), or of a media type it cannot parse (415).
		errs = append(errs, http.StatusBadRequest, http.StatusRequestTimeout, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	for _, e := range errs {
		if !slices.Contains(op.Errors, e) {
			op.Errors = append(op.Errors, e)
		}
	}
	huma.Register(api, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := handler(ctx, in)
		if err != nil {
			return nil, problemFor(ctx, err)
		}
		return out, nil
	})
}
