package evaluation_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

var staff = career.Employee{
	NIP: career.MustParseNIP("19880317 201101 2 003"), Name: "Siti Rahmawati", Type: career.PNS, Grade: career.IIIC,
	Position: career.Position{Title: "Pengelola Layanan", Kind: career.Pelaksana, Service: true},
}

func rate(src evaluation.Source, rater string, asp evaluation.Aspect, v evaluation.Rating, at string) evaluation.Entry {
	d, err := career.ParseDate(at)
	if err != nil {
		panic(err)
	}
	return evaluation.Entry{Source: src, Rater: rater, Aspect: asp, Value: v, At: d}
}

func sup(asp evaluation.Aspect, v evaluation.Rating) evaluation.Entry {
	return rate(evaluation.Superior, "atasan", asp, v, "2025-12-15")
}

func appraisal(p evaluation.Period, entries ...evaluation.Entry) evaluation.Appraisal {
	return evaluation.Appraisal{Employee: staff, Period: p, Entries: entries}
}

var (
	year2025 = evaluation.Period{Year: 2025}
	q3       = evaluation.Period{Year: 2025, Quarter: 3}
)

func TestNationalEvaluate(t *testing.T) {
	annual := evaluation.NewNational()
	annual.Cadence = evaluation.Annual
	tests := []struct {
		name      string
		policy    *evaluation.National
		a         evaluation.Appraisal
		want      evaluation.Predicate
		field     string // the field of an expected Invalid error
		misconduc bool
	}{
		{"di atas × di atas", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, evaluation.DiAtas), sup(evaluation.Perilaku, evaluation.DiAtas)), evaluation.SangatBaik, "", false},
		{"sesuai × sesuai, quarterly", evaluation.NewNational(), appraisal(q3, sup(evaluation.Hasil, evaluation.Sesuai), sup(evaluation.Perilaku, evaluation.Sesuai)), evaluation.Baik, "", false},
		{"misconduct", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, evaluation.DiAtas), sup(evaluation.Perilaku, evaluation.DiBawah)), evaluation.Kurang, "", true},
		{"the latest superior rating wins", evaluation.NewNational(), appraisal(year2025,
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.DiBawah, "2025-06-30"),
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.DiAtas, "2025-12-31"),
			rate(evaluation.Superior, "atasan", evaluation.Hasil, evaluation.Sesuai, "2025-09-30"),
			sup(evaluation.Perilaku, evaluation.DiAtas)), evaluation.SangatBaik, "", false},
		{"peers do not count nationally", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, evaluation.Sesuai), sup(evaluation.Perilaku, evaluation.Sesuai),
			rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiBawah, "2025-12-31"), rate(evaluation.Peer, "p2", evaluation.Perilaku, evaluation.DiBawah, "2025-12-31")), evaluation.Baik, "", false},
		{"no superior rating of behaviour", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, evaluation.DiAtas),
			rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiAtas, "2025-12-31")), 0, "ratings", false},
		{"no ratings at all", evaluation.NewNational(), appraisal(year2025), 0, "ratings", false},
		{"annual-only cadence rejects a quarter", annual, appraisal(q3, sup(evaluation.Hasil, evaluation.Sesuai), sup(evaluation.Perilaku, evaluation.Sesuai)), 0, "period", false},
		{"annual-only cadence takes the year", annual, appraisal(year2025, sup(evaluation.Hasil, evaluation.Sesuai), sup(evaluation.Perilaku, evaluation.Sesuai)), evaluation.Baik, "", false},
		{"invalid rating value", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, 7)), 0, "ratings[0].value", false},
		{"invalid source", evaluation.NewNational(), appraisal(year2025, sup(evaluation.Hasil, evaluation.Sesuai), evaluation.Entry{Aspect: evaluation.Hasil, Value: evaluation.Sesuai}), 0, "ratings[1].source", false},
		{"invalid period", evaluation.NewNational(), appraisal(evaluation.Period{Year: 2025, Quarter: 5}), 0, "period.quarter", false},
		{"no NIP", evaluation.NewNational(), evaluation.Appraisal{Period: year2025}, 0, "nip", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.policy.Evaluate(context.Background(), tt.a)
			if tt.field != "" {
				if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
					t.Fatalf("Evaluate error = %v, want invalid %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d := r.Decision
			if r.Predicate != tt.want || d.Outcome != tt.want.String() || d.Kind != "evaluation.predicate" || d.JudgedAt != tt.a.Period.End() {
				t.Errorf("predicate %v, decision %s %s judged %v; want %v", r.Predicate, d.Kind, d.Outcome, d.JudgedAt, tt.want)
			}
			if (d.Details["misconduct"] == "true") != tt.misconduc {
				t.Errorf("misconduct detail = %q, want %v", d.Details["misconduct"], tt.misconduc)
			}
			if c, ok := d.Criterion("evaluation.matrix"); !ok || !strings.HasSuffix(c.Found, "→ "+tt.want.String()) {
				t.Errorf("matrix criterion %+v", c)
			}
			if d.Details["hasil_kerja"] != r.Hasil.String() || d.Details["perilaku_kerja"] != r.Perilaku.String() {
				t.Errorf("details %v", d.Details)
			}
		})
	}
}

func TestEvaluateAfterAndSubject(t *testing.T) {
	n := evaluation.NewNational()
	n.After = func(a evaluation.Appraisal, r *evaluation.Result) {
		if r.Predicate == evaluation.SangatBaik {
			r.Decision.Set("reward", "true")
		}
	}
	r, err := n.Evaluate(context.Background(), appraisal(year2025, sup(evaluation.Hasil, evaluation.DiAtas), sup(evaluation.Perilaku, evaluation.DiAtas)))
	if err != nil || r.Decision.Details["reward"] != "true" {
		t.Errorf("After hook not applied: %v %v", r.Decision.Details, err)
	}
	if r.Decision.Subject != "198803172011012003/2025" {
		t.Errorf("subject without an ID = %q", r.Decision.Subject)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := n.Evaluate(ctx, appraisal(year2025)); err != context.Canceled {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestThreeSixty(t *testing.T) {
	pauh := evaluation.ThreeSixty(evaluation.Perilaku, 0.6, 2, "Perbup Pauh")
	peer := func(rater string, v evaluation.Rating) evaluation.Entry {
		return rate(evaluation.Peer, rater, evaluation.Perilaku, v, "2025-12-20")
	}
	tests := []struct {
		name    string
		entries []evaluation.Entry
		want    evaluation.Rating
		flagged bool   // fewer than 2 peers
		found   string // the blend's Found
	}{
		{"superior di atas, peers sesuai and di bawah: 2.4", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiAtas), peer("p1", evaluation.Sesuai), peer("p2", evaluation.DiBawah)}, evaluation.Sesuai, false, "2.40 → sesuai"},
		{"superior sesuai, peers di atas: 2.4", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.Sesuai), peer("p1", evaluation.DiAtas), peer("p2", evaluation.DiAtas)}, evaluation.Sesuai, false, "2.40 → sesuai"},
		{"superior di atas, peers di atas and sesuai: 2.8", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiAtas), peer("p1", evaluation.DiAtas), peer("p2", evaluation.Sesuai)}, evaluation.DiAtas, false, "2.80 → di_atas"},
		{"exactly on the 2.5 edge", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiAtas), peer("p1", evaluation.DiBawah), peer("p2", evaluation.Sesuai), peer("p3", evaluation.Sesuai), peer("p4", evaluation.Sesuai)}, evaluation.DiAtas, false, "2.50 → di_atas"},
		{"exactly on the 1.5 edge", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiBawah), peer("p1", evaluation.DiAtas), peer("p2", evaluation.Sesuai), peer("p3", evaluation.Sesuai), peer("p4", evaluation.Sesuai)}, evaluation.Sesuai, false, "1.50 → sesuai"},
		{"superior di bawah, peers di atas: 1.8", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiBawah), peer("p1", evaluation.DiAtas), peer("p2", evaluation.DiAtas)}, evaluation.Sesuai, false, "1.80 → sesuai"},
		{"a peer's latest rating counts once", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiAtas),
			rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiBawah, "2025-03-01"), rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiAtas, "2025-12-01"),
			peer("p2", evaluation.DiAtas)}, evaluation.DiAtas, false, "3.00 → di_atas"},
		{"one peer: superior alone, flagged", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiAtas), peer("p1", evaluation.DiBawah)}, evaluation.DiAtas, true, ""},
		{"one peer rating twice is still one peer", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.Sesuai), peer("p1", evaluation.DiBawah),
			rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiBawah, "2025-12-30")}, evaluation.Sesuai, true, ""},
		{"no peers: superior alone, flagged", []evaluation.Entry{sup(evaluation.Perilaku, evaluation.DiBawah)}, evaluation.DiBawah, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := pauh(appraisal(year2025, tt.entries...))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("rating = %v, want %v", got, tt.want)
			}
			if len(cs) != 2 || cs[0].Code != "evaluation.perilaku_kerja.peers" || cs[0].Passed == tt.flagged {
				t.Fatalf("criteria %+v: want the peers criterion first, passed %v", cs, !tt.flagged)
			}
			if tt.flagged {
				if cs[1].Code != "evaluation.perilaku_kerja.superior" || cs[1].Found != tt.want.String() {
					t.Errorf("superior-only criterion %+v", cs[1])
				}
			} else if cs[1].Code != "evaluation.perilaku_kerja.blend" || cs[1].Found != tt.found || cs[1].Required != "60% atasan + 40% rerata rekan" {
				t.Errorf("blend criterion %+v, want found %q", cs[1], tt.found)
			}
		})
	}
	if _, _, err := pauh(appraisal(year2025, rate(evaluation.Peer, "p1", evaluation.Perilaku, evaluation.DiAtas, "2025-12-31"))); career.ErrorField(err) != "ratings" {
		t.Errorf("no superior rating: %v", err)
	}
	// As the behaviour measure of a policy, the flag does not stop the evaluation.
	n := evaluation.NewNational()
	n.Perilaku = pauh
	r, err := n.Evaluate(context.Background(), appraisal(year2025, sup(evaluation.Hasil, evaluation.DiAtas), sup(evaluation.Perilaku, evaluation.DiAtas)))
	if err != nil || r.Predicate != evaluation.SangatBaik || len(r.Decision.Failed()) != 1 {
		t.Errorf("Pauh evaluation: %v %v failed %v", r.Predicate, err, r.Decision.Failed())
	}
}

func TestIndicatorMeasure(t *testing.T) {
	semarang := evaluation.IndicatorMeasure(map[string]float64{"target": 0.5, "service_quality": 0.3, "Innovation": 0.2}, 80, 110, "Perwal Semarang")
	ind := func(target, quality, innovation float64) []evaluation.Indicator {
		return []evaluation.Indicator{{Code: "target", Target: 100, Actual: target}, {Code: "SERVICE_QUALITY", Target: 100, Actual: quality}, {Code: "innovation", Target: 10, Actual: innovation / 10}}
	}
	tests := []struct {
		name       string
		indicators []evaluation.Indicator
		want       evaluation.Rating
		score      string
	}{
		{"all at target", ind(100, 100, 100), evaluation.Sesuai, "100.0%"},
		{"just below the lower edge", ind(79, 80, 80), evaluation.DiBawah, "79.5%"},
		{"on the lower edge", ind(80, 80, 80), evaluation.Sesuai, "80.0%"},
		{"on the upper edge", ind(110, 110, 110), evaluation.DiAtas, "110.0%"},
		{"weights matter", ind(60, 100, 200), evaluation.Sesuai, "100.0%"},
		{"zero target counts as 0%", []evaluation.Indicator{{Code: "target", Target: 0, Actual: 5}, {Code: "service_quality", Target: 100, Actual: 100}, {Code: "innovation", Target: 1, Actual: 1}}, evaluation.DiBawah, "50.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := appraisal(year2025)
			a.Indicators = tt.indicators
			got, cs, err := semarang(a)
			if err != nil || got != tt.want {
				t.Fatalf("rating = %v, %v; want %v", got, err, tt.want)
			}
			if len(cs) != 1 || !strings.HasPrefix(cs[0].Found, tt.score+" (") || !strings.HasSuffix(cs[0].Found, "→ "+tt.want.String()) {
				t.Errorf("criterion %+v, want score %s", cs, tt.score)
			}
		})
	}
	a := appraisal(year2025)
	a.Indicators = []evaluation.Indicator{{Code: "target", Target: 100, Actual: 100}}
	if _, _, err := semarang(a); career.ErrorField(err) != "indicators" || !strings.Contains(err.Error(), "innovation") {
		t.Errorf("missing indicator: %v", err)
	}
	// A bad value names the indicator and the value at fault, as the request body spells them.
	bad := []struct {
		name  string
		in    []evaluation.Indicator
		field string
	}{
		{"negative target", []evaluation.Indicator{{Code: "target", Target: -1}}, "indicators[0].target"},
		{"negative actual", []evaluation.Indicator{{Code: "target", Target: 1}, {Code: "x", Target: 1, Actual: -1}}, "indicators[1].actual"},
		{"NaN target", []evaluation.Indicator{{Code: "target", Target: math.NaN()}}, "indicators[0].target"},
		{"infinite actual", []evaluation.Indicator{{Code: "target", Target: 100, Actual: math.Inf(1)}}, "indicators[0].actual"},
		{"infinite target", []evaluation.Indicator{{Code: "target", Target: math.Inf(1), Actual: 5}}, "indicators[0].target"},
	}
	for _, tt := range bad {
		a.Indicators = tt.in
		if _, err := evaluation.NewNational().Evaluate(context.Background(), a); career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
			t.Errorf("%s: %v, want invalid %s", tt.name, err, tt.field)
		}
	}
}

// TestIndicatorMeasureCaseCollision checks that weights under codes differing only in case add up: before, one of
// them won by the order the map was read in, so the same appraisal could be rated differently run to run.
func TestIndicatorMeasureCaseCollision(t *testing.T) {
	m := evaluation.IndicatorMeasure(map[string]float64{"Target": 0.25, "target": 0.25, "innovation": 0.5}, 80, 110, "test")
	a := appraisal(year2025)
	a.Indicators = []evaluation.Indicator{{Code: "TARGET", Target: 100, Actual: 120}, {Code: "innovation", Target: 100, Actual: 90}}
	for range 50 {
		r, cs, err := m(a)
		// (0.5 × 120 + 0.5 × 90) / 1 = 105: Sesuai. Either weight alone would give (0.25 × 120 + 0.5 × 90) / 0.75 = 100.
		if err != nil || r != evaluation.Sesuai || !strings.HasPrefix(cs[0].Found, "105.0% (") {
			t.Fatalf("rating %v, %v, %+v", r, err, cs)
		}
	}
}

func TestCommunityAdjusted(t *testing.T) {
	tanjungpinang := evaluation.CommunityAdjusted(evaluation.SuperiorMeasure(evaluation.Hasil), 76.61, "Perwako Tanjungpinang")
	office := staff
	office.Position.Service = false
	tests := []struct {
		name   string
		emp    career.Employee
		base   evaluation.Rating
		ikm    float64
		want   evaluation.Rating
		passed bool
		found  string // "" when no IKM criterion is expected
	}{
		{"service post, IKM 76.60: one step down", staff, evaluation.DiAtas, 76.60, evaluation.Sesuai, false, "76.60 → hasil kerja turun satu tingkat: sesuai"},
		{"service post, IKM 76.61: unchanged", staff, evaluation.DiAtas, 76.61, evaluation.DiAtas, true, "76.61"},
		{"service post, IKM 88.30: unchanged", staff, evaluation.Sesuai, 88.30, evaluation.Sesuai, true, "88.30"},
		{"service post, di bawah cannot go lower", staff, evaluation.DiBawah, 60, evaluation.DiBawah, false, "60.00 → hasil kerja turun satu tingkat: di_bawah"},
		{"service post, IKM not measured", staff, evaluation.DiAtas, 0, evaluation.DiAtas, false, "belum diukur"},
		{"not a service post, low IKM", office, evaluation.DiAtas, 50, evaluation.DiAtas, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evaluation.Appraisal{Employee: tt.emp, Period: year2025, Entries: []evaluation.Entry{sup(evaluation.Hasil, tt.base)}, CommunityIndex: tt.ikm}
			got, cs, err := tanjungpinang(a)
			if err != nil || got != tt.want {
				t.Fatalf("rating = %v, %v; want %v", got, err, tt.want)
			}
			var ikm *career.Criterion
			for i := range cs {
				if cs[i].Code == "evaluation.community_index" {
					ikm = &cs[i]
				}
			}
			if tt.found == "" {
				if ikm != nil {
					t.Errorf("a non-service post got an IKM criterion %+v", *ikm)
				}
				return
			}
			if ikm == nil || ikm.Passed != tt.passed || ikm.Found != tt.found || ikm.Required != "IKM ≥ 76.61" {
				t.Errorf("IKM criterion %+v, want passed %v found %q", ikm, tt.passed, tt.found)
			}
		})
	}
	a := evaluation.Appraisal{Employee: staff, Period: year2025, Entries: []evaluation.Entry{sup(evaluation.Hasil, evaluation.Sesuai)}, CommunityIndex: 100.5}
	if err := a.Validate(); career.ErrorField(err) != "community_index" {
		t.Errorf("IKM above 100: %v", err)
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		in         string
		want       evaluation.Period
		start, end string
	}{
		{"2025", evaluation.Period{Year: 2025}, "2025-01-01", "2025-12-31"},
		{" 2024 ", evaluation.Period{Year: 2024}, "2024-01-01", "2024-12-31"},
		{"2025-Q1", evaluation.Period{Year: 2025, Quarter: 1}, "2025-01-01", "2025-03-31"},
		{"2024-q1", evaluation.Period{Year: 2024, Quarter: 1}, "2024-01-01", "2024-03-31"},
		{"2025-Q2", evaluation.Period{Year: 2025, Quarter: 2}, "2025-04-01", "2025-06-30"},
		{"2025-Q3", evaluation.Period{Year: 2025, Quarter: 3}, "2025-07-01", "2025-09-30"},
		{"2025-Q4", evaluation.Period{Year: 2025, Quarter: 4}, "2025-10-01", "2025-12-31"},
	}
	for _, tt := range tests {
		p, err := evaluation.ParsePeriod(tt.in)
		if err != nil || p != tt.want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", tt.in, p, err, tt.want)
			continue
		}
		if p.Start().String() != tt.start || p.End().String() != tt.end || p.Annual() != (p.Quarter == 0) {
			t.Errorf("%v: %s to %s, want %s to %s", p, p.Start(), p.End(), tt.start, tt.end)
		}
		if back, err := evaluation.ParsePeriod(p.String()); err != nil || back != p {
			t.Errorf("String round trip of %+v: %q → %+v, %v", p, p.String(), back, err)
		}
	}
	for _, in := range []string{"", "25", "1999", "2101", "2025-Q0", "2025-Q5", "2025-Q", "2025-Q3x", "2025-Q33", "2025x", "+2025", "Q3-2025", "2025-3", "2025 Q3"} {
		if p, err := evaluation.ParsePeriod(in); career.ErrorCode(err) != career.Invalid {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want invalid", in, p, err)
		}
	}
	if !(evaluation.Period{}).Start().IsZero() || !(evaluation.Period{Year: 2025, Quarter: 9}).End().IsZero() {
		t.Error("an invalid period has dates")
	}
}
