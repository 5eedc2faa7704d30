package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

func TestNewToken(t *testing.T) {
	a, ha, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two tokens are equal")
	}
	if !strings.HasPrefix(a, auth.TokenPrefix) || !auth.WellFormedToken(a) {
		t.Fatalf("token %q is not well formed", a)
	}
	if ha != auth.HashToken(a) || len(ha) != 64 || strings.Contains(ha, a) {
		t.Fatalf("hash %q does not match token", ha)
	}
}

func TestWellFormedToken(t *testing.T) {
	for name, s := range map[string]string{
		"empty":     "",
		"no prefix": strings.Repeat("a", 43),
		"short":     auth.TokenPrefix + "abc",
		"bad chars": auth.TokenPrefix + strings.Repeat("*", 43),
	} {
		t.Run(name, func(t *testing.T) {
			if auth.WellFormedToken(s) {
				t.Fatalf("%q accepted", s)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range auth.Roles {
		got, err := auth.ParseRole(" " + strings.ToUpper(string(r)) + " ")
		if err != nil || got != r {
			t.Fatalf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := auth.ParseRole("root"); err == nil {
		t.Fatal("root accepted")
	}
}

func TestPrincipal(t *testing.T) {
	nat := auth.Principal{TokenID: 7, Role: auth.Admin}
	reg := auth.Principal{TokenID: 8, Region: "kalianda", Role: auth.Auditor}
	if !nat.CanAccess("semarang") || !nat.IsNational() || nat.Scope() != "national" {
		t.Fatal("national principal is not national")
	}
	if !reg.CanAccess("kalianda") || reg.CanAccess("semarang") {
		t.Fatal("region principal crosses regions")
	}
	if reg.Actor() != "token:8" {
		t.Fatalf("actor = %q", reg.Actor())
	}
	ctx := auth.NewContext(context.Background(), reg)
	if got, ok := auth.FromContext(ctx); !ok || got != reg {
		t.Fatalf("FromContext = %v, %v", got, ok)
	}
	if _, ok := auth.FromContext(context.Background()); ok {
		t.Fatal("principal in empty context")
	}
}

func TestValidRegionCode(t *testing.T) {
	for code, want := range map[string]bool{
		"kalianda": true, "tanjung-pinang": true, "r1": true,
		"": false, "Kalianda": false, "-x": false, "a b": false, strings.Repeat("a", 64): false,
	} {
		if got := auth.ValidRegionCode(code); got != want {
			t.Errorf("ValidRegionCode(%q) = %v, want %v", code, got, want)
		}
	}
}
