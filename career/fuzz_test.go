package career_test

import (
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

// FuzzParseNIP checks that ParseNIPAt never panics, that whatever it accepts is 18 digits whose accessors agree with
// the rules, and that the printed forms parse back to the same NIP.
func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{
		"198609262015051001", "19860926 201505 1 001", "198402292008012002", "198502292008012002",
		"198609662015052001", "198609262015053001", "198609262015051000", "19860926201505100", "1986092620150510011",
		"", "                  ", "abcdefghijklmnopqr", "19860926.201505.1.001", "000000000000000000",
	} {
		f.Add(s)
	}
	on := career.MustDate(2026, 11, 25)
	f.Fuzz(func(t *testing.T, s string) {
		n, err := career.ParseNIPAt(s, on)
		if err != nil {
			if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != "nip" {
				t.Fatalf("ParseNIPAt(%q) error %v is not an Invalid error on field nip", s, err)
			}
			return
		}
		d := n.String()
		if len(d) != 18 || strings.Trim(d, "0123456789") != "" {
			t.Fatalf("accepted %q as %q, not 18 digits", s, d)
		}
		if g := n.Gender(); g != career.Male && g != career.Female {
			t.Fatalf("accepted %q with gender %d", s, g)
		}
		if n.Sequence() < 1 || n.Sequence() > 999 {
			t.Fatalf("accepted %q with sequence %d", s, n.Sequence())
		}
		if n.Appointed().Year() < n.BirthDate().Year()+18 || n.Appointed().After(on) {
			t.Fatalf("accepted %q with appointment %s for birth %s", s, n.Appointed(), n.BirthDate())
		}
		for _, form := range []string{d, n.Formatted()} {
			back, err := career.ParseNIPAt(form, on)
			if err != nil || back != n {
				t.Fatalf("%q did not round-trip through %q: %v", s, form, err)
			}
		}
	})
}

// FuzzParseGrade checks that ParseGrade never panics and that every accepted grade prints and parses back to itself.
func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{"III/a", "IV/e", "iv/E", "3a", "3/a", "II-b", "I d", "IV/f", "V/a", "III", "", "/", "IIII/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := career.ParseGrade(s)
		if err != nil {
			if career.ErrorCode(err) != career.Invalid {
				t.Fatalf("ParseGrade(%q) error %v is not Invalid", s, err)
			}
			return
		}
		if !g.Valid() || g.Name() == "" {
			t.Fatalf("ParseGrade(%q) = %d, not a valid grade", s, g)
		}
		back, err := career.ParseGrade(g.String())
		if err != nil || back != g {
			t.Fatalf("%q → %s did not round-trip: %v", s, g, err)
		}
	})
}

// FuzzParseDate checks that ParseDate never panics and round-trips.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-13-01", "", "2024-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := career.ParseDate(s)
		if err != nil {
			return
		}
		if back, err := career.ParseDate(d.String()); err != nil || back != d {
			t.Fatalf("%q → %s did not round-trip: %v", s, d, err)
		}
	})
}
