// Command custompolicy is a complete region policy plugin for an invented region, Kota Contoh: the example a
// region's IT team copies. It starts from the national baseline, changes two parameters (24 JP of development a
// year instead of 20; two mentees per mentor instead of three) and overrides one method (a light disciplinary
// sanction in force also defers a rank promotion, which national rules allow a region to add).
//
// Build it and add it to a plugin directory as README.md explains; run the conformance kit with go test.
package main

import (
	"context"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Kota Contoh's policy.
const Version = "1.0.0"

// source is the (invented) regulation the region's own rules come from.
const source = "Peraturan Wali Kota Contoh 7/2025"

// Policy is Kota Contoh's policy: the national baseline with two parameters changed and Assess overridden.
type Policy struct {
	*plugins.Baseline
}

// New returns Kota Contoh's policy.
func New() *Policy {
	b := plugins.National()
	b.Info = plugins.Description{
		Region: "contoh", Name: "Kota Contoh", Version: Version,
		Params: []plugins.Param{plugins.NewParam("contoh.promotion.light_sanction_defers", true,
			"Hukuman disiplin ringan menunda kenaikan pangkat", "A light disciplinary sanction defers a rank promotion")},
		Rules: []career.Message{
			{ID: "Pengembangan kompetensi paling sedikit 24 JP setahun.", EN: "At least 24 JP of development a year."},
			{ID: "Seorang mentor membimbing paling banyak 2 mentee.", EN: "A mentor takes at most 2 mentees."},
			{ID: "Hukuman disiplin ringan yang masih berlaku menunda kenaikan pangkat sampai hukuman berakhir.",
				EN: "A light disciplinary sanction in force defers a rank promotion until it ends."},
		},
	}
	b.Training.Requirement.Minutes = training.Minutes(24)
	b.Training.Requirement.Source = source + " Pasal 2"
	b.Mentoring.Capacity = 2
	return &Policy{Baseline: b}
}

// Assess implements promotion.Policy: the national decision, plus Kota Contoh's rule that a light sanction in force
// defers the promotion until the day after it ends.
func (p *Policy) Assess(ctx context.Context, c promotion.Candidate, on career.Date) (career.Decision, error) {
	d, err := p.Baseline.Assess(ctx, c, on)
	if err != nil || d.Outcome == career.NotEligible {
		return d, err
	}
	light := false
	var until career.Date
	for _, s := range c.Employee.Sanctions {
		if s.Level == career.Ringan && s.InForce(on) {
			light = true
			if s.Until.After(until) || s.Until.IsZero() {
				until = s.Until
			}
		}
	}
	found := "tidak ada"
	if light {
		found = "hukuman disiplin ringan s.d. " + until.String()
	}
	d.Add(career.Criterion{Code: "contoh.promotion.no_light_sanction", Passed: !light, Required: "tidak sedang menjalani hukuman disiplin ringan",
		Found: found, Source: source + " Pasal 3",
		Text: career.Message{ID: "Tidak sedang menjalani hukuman disiplin ringan", EN: "No light disciplinary sanction in force"}})
	if !light {
		return d, nil
	}
	if until.IsZero() {
		d.Outcome, d.NotBefore = career.NotEligible, career.Date{}
		delete(d.Details, "tmt")
		return d, nil
	}
	if next := until.AddDays(1); d.Outcome == career.Eligible || next.After(d.NotBefore) {
		d.Outcome, d.NotBefore = career.NotYet, next
		d.Set("tmt", promotion.NextTMT(next).String())
	}
	return d, nil
}

func main() {
	plugins.Serve(New())
}
