package mentoring_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
)

// benchRequest builds a realistic matching: 300 mentors in III/c–IV/b, 1,000 mentees in II/c–III/c, spread over
// 12 units and 6 job fields, mentors' predicates mostly Baik, some Butuh Perbaikan (ineligible).
func benchRequest(mentors, mentees int) mentoring.MatchRequest {
	rng := rand.New(rand.NewPCG(7, 11))
	units := []string{"Dinas Kesehatan", "Dinas Pendidikan", "BPKAD", "Bappeda", "Dinas PUPR", "Dinas Sosial",
		"Dinas Perhubungan", "Inspektorat", "BKPSDM", "Dinas Pertanian", "RSUD", "Sekretariat Daerah"}
	fields := []string{"kesehatan", "pendidikan", "keuangan", "perencanaan", "teknik", "umum"}
	seq := 0
	profile := func(lo, hi career.Grade, born, service int, pred evaluation.Predicate) mentoring.Profile {
		seq++
		appointed := born + 22 + rng.IntN(service)
		nip := career.MustParseNIP(fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", born, 1+rng.IntN(12), 1+rng.IntN(28),
			appointed, 1+rng.IntN(12), 1+rng.IntN(2), seq%999+1))
		u := rng.IntN(len(units))
		return mentoring.Profile{
			Employee: career.Employee{NIP: nip, Type: career.PNS, Grade: lo + career.Grade(rng.IntN(int(hi-lo)+1)),
				Unit: units[u], Position: career.Position{Title: "Staf", Kind: career.Pelaksana, Field: fields[(u+rng.IntN(2))%len(fields)]}},
			Predicate: pred,
		}
	}
	var r mentoring.MatchRequest
	r.On = career.MustDate(2026, 4, 1)
	for range mentors {
		pred := evaluation.Baik
		switch rng.IntN(10) {
		case 0:
			pred = evaluation.SangatBaik
		case 1:
			pred = evaluation.ButuhPerbaikan
		}
		r.Mentors = append(r.Mentors, profile(career.IIIC, career.IVB, 1970+rng.IntN(12), 10, pred))
	}
	for range mentees {
		r.Mentees = append(r.Mentees, profile(career.IIC, career.IIIC, 1990+rng.IntN(8), 6, evaluation.Baik))
	}
	return r
}

// BenchmarkMatch matches 1,000 mentees to 300 mentors of capacity 3 under the national rules.
func BenchmarkMatch(b *testing.B) {
	r := benchRequest(300, 1000)
	n := mentoring.NewNational()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Match(context.Background(), r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatchSameUnit is BenchmarkMatch under Kalianda's same-unit rule, a sparser graph.
func BenchmarkMatchSameUnit(b *testing.B) {
	r := benchRequest(300, 1000)
	n := mentoring.NewNational()
	n.Pair = []mentoring.PairRule{mentoring.SameUnit}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Match(context.Background(), r); err != nil {
			b.Fatal(err)
		}
	}
}
