package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// Token is a stored bearer token. The token itself is shown once, when created; only its hash is kept.
type Token struct {
	bun.BaseModel `bun:"table:tokens"`

	ID        int64      `bun:"id,pk,autoincrement"`
	Hash      string     `bun:"hash,notnull"`
	Region    string     `bun:"region,nullzero"` // auth.National ("") is stored as NULL
	Role      auth.Role  `bun:"role,notnull"`
	NIP       string     `bun:"nip,nullzero"`
	CreatedAt time.Time  `bun:"created_at,notnull"`
	RevokedAt *time.Time `bun:"revoked_at"`
}

// Principal returns the caller the token stands for.
func (t Token) Principal() auth.Principal {
	return auth.Principal{TokenID: t.ID, Region: t.Region, Role: t.Role, NIP: t.NIP}
}

// CreateToken creates a token for region (auth.National for a national token) and role, bound to an employee's NIP
// if nip is not empty, and returns the token — the only time it is ever available — with its stored record. It
// writes a "token.create" audit event naming the principal in ctx (auth.FromContext) as the actor, or "system" when
// there is none (the CLI).
func (s *Store) CreateToken(ctx context.Context, region string, role auth.Role, nip string) (string, Token, error) {
	actor := "system"
	if p, ok := auth.FromContext(ctx); ok {
		actor = p.Actor()
	}
	var plaintext string
	var tok Token
	err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		plaintext, tok, err = s.createToken(ctx, tx, region, role, nip)
		if err != nil {
			return err
		}
		return s.AppendAudit(ctx, tx, Event{
			Region: region, Actor: actor, Action: "token.create", Target: tok.target(),
			After: mustJSON(map[string]any{"id": tok.ID, "role": tok.Role, "scope": tok.Principal().Scope(), "nip": nip}),
		})
	})
	if err != nil {
		return "", Token{}, err
	}
	return plaintext, tok, nil
}

func (s *Store) createToken(ctx context.Context, db bun.IDB, region string, role auth.Role, nip string) (string, Token, error) {
	if region != auth.National && !auth.ValidRegionCode(region) {
		return "", Token{}, career.Newf(career.Invalid, "region", "kode wilayah %q tidak valid",
			"invalid region code %q", region)
	}
	if _, err := auth.ParseRole(string(role)); err != nil {
		return "", Token{}, &career.Error{Code: career.Invalid, Field: "role", Message: err.Error(),
			ID: fmt.Sprintf("peran %q tidak dikenal (pilih admin, supervisor, employee atau auditor)", role)}
	}
	plaintext, hash, err := auth.NewToken()
	if err != nil {
		return "", Token{}, err
	}
	t := Token{Hash: hash, Region: region, Role: role, NIP: nip, CreatedAt: s.now()}
	if _, err := db.NewInsert().Model(&t).Returning("id").Exec(ctx); err != nil {
		return "", Token{}, mapError(err, "token")
	}
	return plaintext, t, nil
}

// errUnauthorized is the one answer to every bad token, so that a caller cannot tell a revoked token from a
// made-up one.
var errUnauthorized = &career.Error{Code: career.Unauthorized, Message: "invalid or revoked token", ID: "token tidak valid atau sudah dicabut"}

// Authenticate returns the principal of a valid, unrevoked token, or a career.Unauthorized error.
func (s *Store) Authenticate(ctx context.Context, plaintext string) (auth.Principal, error) {
	if !auth.WellFormedToken(plaintext) {
		return auth.Principal{}, errUnauthorized
	}
	hash := auth.HashToken(plaintext)
	now := time.Now()
	if p, ok := s.tokens.get(hash, now); ok {
		return p, nil
	}
	var t Token
	err := s.db.NewSelect().Model(&t).Where("hash = ?", hash).Where("revoked_at IS NULL").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Principal{}, errUnauthorized
	}
	if err != nil {
		return auth.Principal{}, err
	}
	// The lookup is by hash, which leaks nothing useful through timing; compare again in constant time anyway so
	// that the decision never rests on a database collation.
	if subtle.ConstantTimeCompare([]byte(t.Hash), []byte(hash)) != 1 {
		return auth.Principal{}, errUnauthorized
	}
	p := t.Principal()
	s.tokens.put(hash, p, now)
	return p, nil
}

// CountTokens returns the number of unrevoked tokens.
func (s *Store) CountTokens(ctx context.Context) (int64, error) {
	return s.db.NewSelect().Model((*Token)(nil)).Where("revoked_at IS NULL").Count(ctx)
}

// RevokeToken revokes the token with the given id; revoking twice is not an error. Like CreateToken it writes an
// audit event ("token.revoke") naming the principal in ctx, or "system".
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	actor := "system"
	if p, ok := auth.FromContext(ctx); ok {
		actor = p.Actor()
	}
	var hash string
	// Drop the token from this replica's cache once the revocation is committed (a request racing the commit could
	// have cached it again meanwhile).
	defer func() { s.tokens.drop(hash) }()
	return s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var t Token
		if err := tx.NewSelect().Model(&t).Where("id = ?", id).Scan(ctx); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return career.Newf(career.NotFound, "id", "token %d tidak ditemukan", "token %d not found", id)
			}
			return err
		}
		hash = t.Hash
		if t.RevokedAt != nil {
			return nil
		}
		now := s.now()
		if _, err := tx.NewUpdate().Model((*Token)(nil)).Set("revoked_at = ?", now).Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		return s.AppendAudit(ctx, tx, Event{
			Region: t.Region, Actor: actor, Action: "token.revoke", Target: t.target(),
			Before: mustJSON(map[string]any{"revoked_at": nil}), After: mustJSON(map[string]any{"revoked_at": now}),
		})
	})
}

// EnsureInitialAdmin creates a national admin token if no unrevoked token exists, so that a fresh server can be
// used at all, and returns it; it returns "" when tokens exist. Concurrent callers (replicas starting together on
// one PostgreSQL) create at most one token.
func (s *Store) EnsureInitialAdmin(ctx context.Context) (string, error) {
	var plaintext string
	err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if s.dialect == Postgres {
			// Serialise the check-then-insert; SQLite's immediate transactions already do.
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.jenjang_initial_admin'))"); err != nil {
				return err
			}
		}
		n, err := tx.NewSelect().Model((*Token)(nil)).Where("revoked_at IS NULL").Count(ctx)
		if err != nil || n > 0 {
			return err
		}
		p, t, err := s.createToken(ctx, tx, auth.National, auth.Admin, "")
		if err != nil {
			return err
		}
		plaintext = p
		return s.AppendAudit(ctx, tx, Event{
			Actor: "system", Action: "token.create", Target: t.target(),
			After: mustJSON(map[string]any{"id": t.ID, "role": t.Role, "scope": "national", "initial": true}),
		})
	})
	return plaintext, err
}

// target names a token in audit events.
func (t Token) target() string { return auth.Principal{TokenID: t.ID}.Actor() }
