package api_test

import (
	"context"
	"testing"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
)

// TestStoryOnPlugin walks the story on kalianda bound to the real Kalianda plugin binary, through the go-plugin host.
func TestStoryOnPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a plugin binary")
	}
	bin := plugintest.Build(t, "github.com/jenjang-asn/jenjang/plugins/kalianda")
	host := plugintest.Install(t, plugins.Config{}, map[string]string{"kalianda": bin})
	national := plugins.National()
	resolve := api.PolicyResolver(func(_ context.Context, r store.Region) (plugins.Policy, error) {
		if p, ok := host.Plugin(r.Policy); ok {
			return p, nil
		}
		return national, nil
	})
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := newWorld(t, b, resolve)
		if err := w.store.PutRegion(context.Background(), w.store.DB(), store.Region{Code: "kalianda", Name: "Kalianda", Policy: "kalianda"}); err != nil {
			t.Fatal(err)
		}
		runStory(t, w, "kalianda")
	})
}
