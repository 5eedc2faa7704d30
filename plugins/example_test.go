package plugins_test

import (
	"context"
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// A region's policy starts from the national baseline and changes what its own rules change: here a stricter
// yearly development requirement, published as a parameter. Its main would be plugins.Serve(b).
func ExampleNational() {
	b := plugins.National()
	b.Info.Region, b.Info.Name, b.Info.Version = "contoh", "Kota Contoh", "1.0.0"
	b.Training.Requirement.Minutes = training.Minutes(24)
	b.Info.Params = append(b.Info.Params, plugins.NewParam("contoh.training.reason", "seed 2025",
		"Dasar kewajiban 24 JP", "Why 24 JP"))

	d, _ := b.Describe(context.Background())
	fmt.Println(d.Region, d.Version, "protocol", d.Protocol)
	for _, p := range d.Params {
		if p.Name == "training.min_jp" || p.Name == "contoh.training.reason" {
			fmt.Println(p.Name, "=", p.Value, "—", p.Text.EN)
		}
	}
	// Output:
	// contoh 1.0.0 protocol 1
	// training.min_jp = 24 — Minimum JP a year
	// contoh.training.reason = seed 2025 — Why 24 JP
}

// AssessAll decides a whole list of candidates with any policy: in process here, in batches through a plugin
// (a *plugins.Plugin from plugins.Open) — the same call, the same outcomes.
func ExampleAssessAll() {
	staff := func(nip string, grade career.Grade, tmt career.Date) promotion.Candidate {
		return promotion.Candidate{
			Employee: career.Employee{NIP: career.MustParseNIP(nip), Name: "Pegawai " + nip[15:], Type: career.PNS,
				Grade: grade, GradeTMT: tmt, Education: career.S1, PositionTMT: tmt,
				Position: career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana}},
			Predicates: map[int]evaluation.Predicate{2024: evaluation.Baik, 2025: evaluation.Baik},
		}
	}
	cands := []promotion.Candidate{
		staff("198501012010011001", career.IIIB, career.MustDate(2021, 4, 1)),
		staff("199002022015032002", career.IIIA, career.MustDate(2024, 4, 1)),
		staff("198001012005011003", career.IIID, career.MustDate(2019, 4, 1)), // S1's ceiling is III/d
	}
	out, err := plugins.AssessAll(context.Background(), plugins.National(), cands, career.MustDate(2026, 4, 1), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range out {
		if d := o.Decision; d.Outcome == career.NotYet {
			fmt.Println(o.NIP, d.Outcome, "from", d.NotBefore)
		} else {
			fmt.Println(o.NIP, d.Outcome)
		}
	}
	// Output:
	// 198501012010011001 eligible
	// 199002022015032002 not_yet from 2028-04-01
	// 198001012005011003 not_eligible
}
