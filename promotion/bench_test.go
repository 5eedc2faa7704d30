package promotion_test

import (
	"fmt"
	"testing"
	stdtime "time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

const employees = 100_000

// benchCandidates builds 100,000 candidates of a large region: regular, functional and structural, a spread of
// grades, TMTs and educations, predicates for 2024–2025, and one in fifty under a sanction.
func benchCandidates() []promotion.Candidate {
	out := make([]promotion.Candidate, employees)
	preds := []map[int]evaluation.Predicate{
		{2024: evaluation.Baik, 2025: evaluation.Baik},
		{2024: evaluation.SangatBaik, 2025: evaluation.Baik},
		{2024: evaluation.Baik, 2025: evaluation.ButuhPerbaikan},
		{2025: evaluation.Baik},
	}
	edus := []career.Education{career.SLTA, career.D3, career.S1, career.S1, career.S2}
	for i := range out {
		born := 1970 + i%25
		nip := career.MustParseNIP(fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", born, 1+i%12, 1+i%28, born+23+i%5, 1+i/7%12, 1+i%2, 1+i%999))
		e := career.Employee{
			NIP: nip, Type: career.PNS, Grade: career.IIA + career.Grade(i%9), GradeTMT: career.MustDate(2019+i%6, month(i), 1),
			Education: edus[i%len(edus)], PositionTMT: career.MustDate(2018+i%7, month(i+3), 1),
			Position: career.Position{Title: "Pelaksana", Kind: career.Pelaksana},
		}
		switch i % 5 {
		case 1:
			e.Position = career.Position{Title: "Analis", Kind: career.Fungsional, Level: career.AhliMuda}
			e.CreditPoints = float64(i % 150)
		case 2:
			e.Position = career.Position{Title: "Kepala Seksi", Kind: career.Pengawas, LowestGrade: career.IIIB + career.Grade(i%3)}
		}
		if i%50 == 0 {
			e.Sanctions = []career.Sanction{{Level: career.Sedang, From: career.MustDate(2025, 6, 1), Until: career.MustDate(2026, 5, 31)}}
		}
		out[i] = promotion.Candidate{Employee: e, Predicates: preds[i%len(preds)]}
	}
	return out
}

func month(i int) stdtime.Month { return stdtime.Month(1 + i%12) }

// BenchmarkAssess assesses 100,000 employees in-process per op.
func BenchmarkAssess(b *testing.B) {
	cs := benchCandidates()
	on := career.MustDate(2026, 4, 1)
	rules := promotion.NationalRules()
	b.ReportAllocs()
	var eligible int
	for b.Loop() {
		eligible = 0
		for _, c := range cs {
			d, err := promotion.Assess(c, on, rules)
			if err != nil {
				b.Fatal(err)
			}
			if d.Outcome == career.Eligible {
				eligible++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/employees, "ns/employee")
	b.ReportMetric(float64(eligible), "eligible")
}
