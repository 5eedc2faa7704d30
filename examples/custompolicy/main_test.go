package main

import (
	"context"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
)

// TestConformance builds this plugin and runs the conformance kit on it through the real host.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the plugin binary")
	}
	bin := plugintest.Build(t, ".")
	plugintest.Run(t, bin, "contoh")
}

// TestLightSanctionDefers checks the overridden method in process.
func TestLightSanctionDefers(t *testing.T) {
	on := career.MustDate(2025, 11, 3)
	var c promotion.Candidate
	for _, x := range plugintest.Candidates(2000, 3, on) {
		if d, _ := New().Baseline.Assess(context.Background(), x, on); d.Outcome == career.Eligible {
			c = x
			break
		}
	}
	if c.Employee.NIP.IsZero() {
		t.Fatal("no eligible candidate generated")
	}
	c.Employee.Sanctions = []career.Sanction{{Level: career.Ringan, From: on.AddMonths(-2), Until: on.AddMonths(4)}}
	d, err := New().Assess(context.Background(), c, on)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != career.NotYet || d.NotBefore != on.AddMonths(4).AddDays(1) {
		t.Fatalf("outcome %s not before %s, want not_yet after the sanction", d.Outcome, d.NotBefore)
	}
	if cr, ok := d.Criterion("contoh.promotion.no_light_sanction"); !ok || cr.Passed {
		t.Fatalf("criterion %+v", cr)
	}
	if d.Policy != (career.PolicyRef{Region: "contoh", Version: Version}) {
		t.Fatalf("policy %+v", d.Policy)
	}
}
