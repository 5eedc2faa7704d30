package plugins

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Region is a region the server serves, bound to its policy: a plugin, or the in-process national baseline.
type Region struct {
	Code        string      // the region code in URLs: /v1/regions/{code}
	Description Description // what the bound policy is (Describe)
	Policy      Policy
	Plugin      bool // bound to a plugin, not to the in-process baseline
}

// Registry maps region codes to their policies. It is read-only after NewRegistry and safe for concurrent use.
type Registry struct {
	host    *Host
	regions map[string]Region
}

// NewRegistry builds the registry from the host's plugins (one region per manifest entry; h may be nil) and the
// regions bound to the national baseline, which run in process. The code "national" is always present and bound to
// the baseline. A code bound both ways is an error.
func NewRegistry(ctx context.Context, h *Host, national ...string) (*Registry, error) {
	r := &Registry{host: h, regions: map[string]Region{}}
	base := National()
	desc, err := base.Describe(ctx)
	if err != nil {
		return nil, err
	}
	for _, code := range append([]string{"national"}, national...) {
		if _, dup := r.regions[code]; dup && code != "national" {
			return nil, fmt.Errorf("plugins: region %q is bound to the national baseline twice", code)
		}
		r.regions[code] = Region{Code: code, Description: desc, Policy: base}
	}
	if h != nil {
		for _, p := range h.Plugins() {
			if _, dup := r.regions[p.Region()]; dup {
				return nil, fmt.Errorf("plugins: region %q is bound both to a plugin and to the national baseline", p.Region())
			}
			d, err := p.Describe(ctx)
			if err != nil {
				return nil, err
			}
			r.regions[p.Region()] = Region{Code: p.Region(), Description: d, Policy: p, Plugin: true}
		}
	}
	return r, nil
}

// Lookup returns the region with the given code.
func (r *Registry) Lookup(code string) (Region, bool) {
	x, ok := r.regions[code]
	return x, ok
}

// Regions returns every region, by code.
func (r *Registry) Regions() []Region {
	out := make([]Region, 0, len(r.regions))
	for _, x := range r.regions {
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b Region) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// Ready reports whether every plugin-bound region's plugin answers (see Host.Ready); in-process regions are always
// ready.
func (r *Registry) Ready(ctx context.Context) error {
	if r.host == nil {
		return nil
	}
	return r.host.Ready(ctx)
}
