// Package auth holds who may call the Jenjang server: the roles, the principal a bearer token stands for, and the
// token format. It knows nothing about storage or HTTP; the store keeps token hashes and the API checks principals.
//
// A token is "jjg_" followed by 32 random bytes in unpadded base64url. Only its SHA-256 hash is ever stored, so a
// leaked database does not leak usable tokens.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Role is what a token may do within its scope (DESIGN §6).
type Role string

// The roles of the reference server.
const (
	Admin      Role = "admin"      // the region's HR office (BKPSDM / BKD): reads and writes everything in the region
	Supervisor Role = "supervisor" // rates their own subordinates
	Employee   Role = "employee"   // sees their own record and results; gives peer feedback when asked
	Auditor    Role = "auditor"    // read-only, including the audit log
)

// Roles lists every role, in a stable order.
var Roles = []Role{Admin, Supervisor, Employee, Auditor}

// ParseRole returns the role named s, or an error naming the valid roles.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles, r) {
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (want one of admin, supervisor, employee, auditor)", s)
}

// National is the region value of a national token: it may act on every region.
const National = ""

var regionCodeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// ValidRegionCode reports whether code is a well-formed region code: lower-case letters, digits, '-' and '_', at most
// 63 characters, starting with a letter or digit (for example "kalianda", "wanggar").
func ValidRegionCode(code string) bool { return regionCodeRE.MatchString(code) }

// Principal is the caller a valid token stands for.
type Principal struct {
	TokenID int64  // the token's row id; audit events name the actor by it
	Region  string // the region the token is scoped to; National ("") for a national token
	Role    Role
	NIP     string // the employee's NIP for employee and supervisor tokens, if bound; "" otherwise
}

// IsNational reports whether the principal may act on every region.
func (p Principal) IsNational() bool { return p.Region == National }

// CanAccess reports whether the principal may act on region: a national principal may act on any region, any other
// only on its own.
func (p Principal) CanAccess(region string) bool { return p.IsNational() || p.Region == region }

// Actor is how audit events name the principal: "token:<id>".
func (p Principal) Actor() string { return "token:" + strconv.FormatInt(p.TokenID, 10) }

// Scope returns "national" or the region code, for logs and messages.
func (p Principal) Scope() string {
	if p.IsNational() {
		return "national"
	}
	return p.Region
}

type principalKey struct{}

// NewContext returns a copy of ctx carrying p.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal stored in ctx by NewContext, if any.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// TokenPrefix starts every token, so that a token found in a log or a repository is easy to recognise and scan for.
const TokenPrefix = "jjg_"

// tokenBytes is the entropy of a token.
const tokenBytes = 32

// NewToken returns a fresh random token and its hash (see HashToken).
func NewToken() (plaintext, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: random token: %w", err)
	}
	plaintext = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return plaintext, HashToken(plaintext), nil
}

// HashToken returns the hex SHA-256 of a token, the only form in which tokens are stored. A plain hash (not a slow
// password hash) is right here because tokens carry 256 bits of entropy: there is nothing to brute-force.
func HashToken(plaintext string) string {
	sum := sha256.Sum256([]byte(plaintext))
	return hex.EncodeToString(sum[:])
}

// WellFormedToken reports whether s has the shape of a token, so that garbage can be refused without a database
// round trip.
func WellFormedToken(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}
