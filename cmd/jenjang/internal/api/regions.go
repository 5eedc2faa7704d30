package api

import (
	"context"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// Region is a region in API answers.
type Region struct {
	Code   string `json:"code" example:"kalianda" doc:"Region code, used in every /v1/regions/{region} path"`
	Name   string `json:"name" example:"Kabupaten Kalianda"`
	Policy string `json:"policy" example:"national" doc:"The policy bound to the region: national, or the region code of a plugin"`
	// Where the region's government sits; a transfer's places default to it.
	Regency  string `json:"regency,omitempty" example:"Kabupaten Kalianda" doc:"The regency or city of the region's government; absent for a province's own"`
	Province string `json:"province,omitempty" example:"Lampung" doc:"The province of the region's government"`
}

func regionOut(r store.Region) Region {
	return Region{Code: r.Code, Name: r.Name, Policy: r.Policy, Regency: r.Regency, Province: r.Province}
}

// RegionPath is the {region} path parameter; embed it in the input of every route under /v1/regions/{region}.
type RegionPath struct {
	Region string `path:"region" pattern:"^[a-z0-9][a-z0-9_-]{0,62}$" maxLength:"63" example:"kalianda" doc:"Region code"`
}

// ListRegionsOutput is the answer of GET /v1/regions.
type ListRegionsOutput struct {
	Body struct {
		Regions []Region `json:"regions"`
	}
}

func (s *server) listRegions(ctx context.Context, _ *struct{}) (*ListRegionsOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := s.store.ListRegions(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &ListRegionsOutput{}
	out.Body.Regions = each(rs, regionOut)
	return out, nil
}

// region returns the region of a path, or a not-found error naming it. Routes under /v1/regions/{region} call it
// first: the middleware has checked the token's scope, this checks the region exists.
func (s *server) region(ctx context.Context, code string) (store.Region, error) {
	r, err := s.store.GetRegion(ctx, code)
	if career.ErrorCode(err) == career.NotFound {
		e := catalogueError(career.NotFound, "path.region", msgRegionNotFound)
		e.Err = err
		return r, e
	}
	return r, err
}
