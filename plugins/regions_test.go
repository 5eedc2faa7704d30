package plugins_test

import (
	"os"
	"testing"

	"github.com/jenjang-asn/jenjang/plugins/plugintest"
)

// TestRegionConformance builds each of the five seed region plugins and runs the conformance kit on it.
func TestRegionConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds five plugin binaries")
	}
	for _, region := range []string{"kalianda", "semarang", "pauh", "wanggar", "tanjungpinang"} {
		t.Run(region, func(t *testing.T) {
			if _, err := os.Stat(region + "/main.go"); err != nil {
				t.Skipf("plugins/%s is not there yet", region)
			}
			plugintest.Run(t, plugintest.Build(t, "./"+region), region)
		})
	}
}
