package store

import (
	"strings"
	"time"

	"context"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// NationalPolicy is the Policy of a region bound to the national baseline rather than a plugin.
const NationalPolicy = "national"

// Region is a region the server serves (a regency, city or province) and the policy bound to it.
type Region struct {
	bun.BaseModel `bun:"table:regions"`

	Code   string `bun:"code,pk" json:"code"`
	Name   string `bun:"name,notnull" json:"name"`
	Policy string `bun:"policy,notnull" json:"policy"` // NationalPolicy or the region code of a plugin
	// Regency and Province place the region's government: a regency's or city's names both, a province's own
	// government its province only; empty when not set. A transfer check places the region's employees there.
	Regency  string `bun:"regency,notnull" json:"regency"`
	Province string `bun:"province,notnull" json:"province"`
}

// PutRegion creates region r or updates its name, policy binding and place, with db (a transaction, or the store's
// DB, when PutRegion runs its own), and records the change in the audit log.
func (s *Store) PutRegion(ctx context.Context, db bun.IDB, r Region) error {
	if !auth.ValidRegionCode(r.Code) {
		return career.Newf(career.Invalid, "code", "kode wilayah %q tidak valid", "invalid region code %q", r.Code)
	}
	if r.Name == "" {
		return career.Newf(career.Invalid, "name", "nama wilayah wajib diisi", "region name is required")
	}
	if r.Policy == "" {
		r.Policy = NationalPolicy
	}
	r.Regency, r.Province = strings.TrimSpace(r.Regency), strings.TrimSpace(r.Province)
	if r.Regency != "" && r.Province == "" {
		return career.Newf(career.Invalid, "province", "provinsi wajib diisi bila kabupaten/kota diisi",
			"the province is required with a regency or city")
	}
	// The change and its audit event ("region.put": the region before, if it existed, and after) commit together;
	// the actor is the principal in ctx, or "system" (the CLI, the demo seed).
	actor := "system"
	if p, ok := auth.FromContext(ctx); ok {
		actor = p.Actor()
	}
	write := func(ctx context.Context, tx bun.IDB) error {
		var before []Region
		if err := tx.NewSelect().Model(&before).Where("code = ?", r.Code).Scan(ctx); err != nil {
			return err
		}
		if len(before) == 1 && before[0] == r {
			return nil // nothing changes, nothing to record
		}
		if _, err := tx.NewInsert().Model(&r).
			On("CONFLICT (code) DO UPDATE").
			Set("name = EXCLUDED.name").
			Set("policy = EXCLUDED.policy").
			Set("regency = EXCLUDED.regency").
			Set("province = EXCLUDED.province").
			Exec(ctx); err != nil {
			return err
		}
		e := Event{Region: r.Code, Actor: actor, Action: "region.put", Target: "region:" + r.Code, After: mustJSON(r)}
		if len(before) == 1 {
			e.Before = mustJSON(before[0])
		}
		return s.AppendAudit(ctx, tx, e)
	}
	var err error
	if tx, ok := db.(bun.Tx); ok {
		err = write(ctx, tx)
	} else {
		err = s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error { return write(ctx, tx) })
	}
	s.regions.drop(r.Code)
	return mapError(err, "region")
}

// GetRegion returns the region with the given code, or a career.NotFound error.
func (s *Store) GetRegion(ctx context.Context, code string) (Region, error) {
	now := time.Now()
	if r, ok := s.regions.get(code, now); ok {
		return r, nil
	}
	var r Region
	err := s.db.NewSelect().Model(&r).Where("code = ?", code).Scan(ctx)
	if err == nil {
		s.regions.put(code, r, now)
	}
	return r, mapError(err, "region")
}

// ListRegions returns the regions p may see, ordered by code: all of them for a national principal, its own for
// any other.
func (s *Store) ListRegions(ctx context.Context, p auth.Principal) ([]Region, error) {
	regions := []Region{}
	q := s.db.NewSelect().Model(&regions).Order("code")
	if !p.IsNational() {
		q = q.Where("code = ?", p.Region)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	return regions, nil
}
