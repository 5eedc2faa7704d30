package api_test

import (
	"context"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// TestTransferPlaces: a place the request does not locate is in the region's government, so the check names who
// decides the move (PP 11/2017 Pasal 190) from where the region sits and where the request goes.
func TestTransferPlaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		if err := w.store.PutRegion(context.Background(), w.store.DB(), store.Region{Code: "kalianda", Name: "Kalianda",
			Regency: "Kabupaten Kalianda", Province: "Lampung"}); err != nil {
			t.Fatal(err)
		}
		k := "/v1/regions/kalianda"
		for _, c := range []struct {
			name      string
			to        map[string]any
			authority string
			province  string // of the stored destination
		}{
			{"another office of the regency's government", map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"}, "ppk", "Lampung"},
			{"another city of the province", map[string]any{"agency": "Pemerintah Kota Bandar Lampung", "regency": "Kota Bandar Lampung", "province": "Lampung"}, "gubernur", "Lampung"},
			{"another province", map[string]any{"agency": "Pemerintah Provinsi Riau", "province": "Riau"}, "mendagri", "Riau"},
		} {
			t.Run(c.name, func(t *testing.T) {
				tf := w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipAyu, "to": c.to, "on": "2026-04-01"})
				details := tf["decision"].(map[string]any)["details"].(map[string]any)
				transfer := tf["transfer"].(map[string]any)
				from, to := transfer["from"].(map[string]any), transfer["to"].(map[string]any)
				if details["authority"] != c.authority || from["province"] != "Lampung" || from["regency"] != "Kabupaten Kalianda" || to["province"] != c.province {
					t.Errorf("authority %v, from %v, to %v; want %s, from Kabupaten Kalianda, Lampung, to %s", details["authority"], from, to, c.authority, c.province)
				}
			})
		}
		regions := w.must(200, "GET", "/v1/regions", "admin", nil)["regions"].([]any)
		if r := regions[0].(map[string]any); r["regency"] != "Kabupaten Kalianda" || r["province"] != "Lampung" {
			t.Errorf("region %v", r)
		}
	})
}
