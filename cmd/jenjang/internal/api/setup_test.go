package api_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// caller is a token a test's set-up creates: its region (auth.National for every region), role and, for a
// supervisor or an employee, the NIP it acts as.
type caller struct {
	region string
	role   auth.Role
	nip    string
}

// openRegions opens a store on b with the two regions the API tests use, kalianda and semarang (the foreign one),
// and creates a token for each caller, returned by the caller's name.
func openRegions(tb testing.TB, b storetest.Backend, callers map[string]caller) (*store.Store, map[string]string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st := b.Open(tb)
	for _, r := range []store.Region{{Code: "kalianda", Name: "Kalianda"}, {Code: "semarang", Name: "Kota Semarang"}} {
		if err := st.PutRegion(ctx, st.DB(), r); err != nil {
			tb.Fatal(err)
		}
	}
	tokens := make(map[string]string, len(callers))
	for name, c := range callers {
		tok, _, err := st.CreateToken(ctx, c.region, c.role, c.nip)
		if err != nil {
			tb.Fatal(err)
		}
		tokens[name] = tok
	}
	return st, tokens
}

// quiet is the logger of test servers: their logs would only bury the test's own output.
func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
