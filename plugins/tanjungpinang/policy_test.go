package main

import (
	"context"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/training"
)

// The cases come from seed 004 (Tanjungpinang): feedback from superiors and peers, the public's input on public
// services, learning formal and informal, leadership and public-service training, and a junior who has just joined
// and needs a mentor.

var ctx = context.Background()

func employee(nip string, g career.Grade, pos career.Position, posTMT career.Date, unit string) career.Employee {
	return career.Employee{
		NIP: career.MustParseNIP(nip), Name: "Pegawai " + nip[15:], Type: career.PNS, Grade: g, GradeTMT: posTMT,
		Position: pos, PositionTMT: posTMT, Education: career.S1, Unit: unit, Agency: "Pemerintah Kota Tanjungpinang",
	}
}

var (
	loket    = career.Position{Title: "Pengadministrasi Layanan Perizinan", Kind: career.Pelaksana, Field: "perizinan", Service: true}
	analis   = career.Position{Title: "Analis Perencanaan", Kind: career.Pelaksana, Field: "perencanaan"}
	petugas  = employee("199106182015031002", career.IIIA, loket, career.MustDate(2020, 1, 2), "DPMPTSP")
	perencan = employee("199106182015031002", career.IIIA, analis, career.MustDate(2020, 1, 2), "Bappelitbang")
)

func entries(at career.Date, hasil, perilaku evaluation.Rating, peers ...evaluation.Rating) []evaluation.Entry {
	es := []evaluation.Entry{
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: hasil, At: at},
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: perilaku, At: at},
	}
	for i, p := range peers {
		es = append(es, evaluation.Entry{Source: evaluation.Peer, Rater: string(rune('a' + i)), Aspect: evaluation.Perilaku, Value: p, At: at})
	}
	return es
}

func TestEvaluate(t *testing.T) {
	q2 := evaluation.Period{Year: 2025, Quarter: 2}
	tests := []struct {
		name                    string
		e                       career.Employee
		ikm                     float64
		entries                 []evaluation.Entry
		national, tanjungpinang evaluation.Predicate
		ikmLow                  bool
	}{
		{"licensing desk, IKM 72.50 (category C): results drop to meets", petugas, 72.50,
			entries(q2.End(), evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas),
			evaluation.SangatBaik, evaluation.Baik, true},
		{"licensing desk, IKM 88.40 (category B): no change", petugas, 88.40,
			entries(q2.End(), evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas),
			evaluation.SangatBaik, evaluation.SangatBaik, false},
		{"planning post: the unit's IKM does not apply", perencan, 72.50,
			entries(q2.End(), evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas),
			evaluation.SangatBaik, evaluation.SangatBaik, false},
		{"peers' feedback counts: 0.7×3 + 0.3×1 = 2.4 → meets", perencan, 0,
			entries(q2.End(), evaluation.DiAtas, evaluation.DiAtas, evaluation.DiBawah, evaluation.DiBawah),
			evaluation.SangatBaik, evaluation.Baik, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evaluation.Appraisal{Employee: tt.e, Period: q2, Entries: tt.entries, CommunityIndex: tt.ikm}
			nat, err := plugins.National().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if nat.Predicate != tt.national || got.Predicate != tt.tanjungpinang {
				t.Errorf("national %s, Tanjungpinang %s; want %s and %s\n%v", nat.Predicate, got.Predicate, tt.national, tt.tanjungpinang, got.Decision.Explain("en"))
			}
			if low := got.Decision.Details["community_index_low"] == "true"; low != tt.ikmLow {
				t.Errorf("community_index_low = %v, want %v", low, tt.ikmLow)
			}
			if tt.ikmLow {
				if c, ok := got.Decision.Criterion("evaluation.community_index"); !ok || c.Passed {
					t.Errorf("community criterion = %+v, want failed", c)
				}
			}
			if got.Decision.Details["visible_to_employee"] != "true" || nat.Decision.Details["visible_to_employee"] != "" {
				t.Errorf("visible_to_employee: national %q, Tanjungpinang %q", nat.Decision.Details["visible_to_employee"], got.Decision.Details["visible_to_employee"])
			}
		})
	}
}

func TestComplianceInformalCap(t *testing.T) {
	nip := petugas.NIP
	act := func(m training.Method, jp int) training.Activity {
		return training.Activity{NIP: nip, Date: career.MustDate(2025, 5, 5), Program: string(m), Method: m, Minutes: training.Minutes(jp)}
	}
	tests := []struct {
		name                    string
		acts                    []training.Activity
		national, tanjungpinang string
		counted                 string // Tanjungpinang's counted JP
	}{
		{"14 JP self-study + 8 JP training: only 10 JP of self-study count", []training.Activity{act(training.SelfStudy, 14), act(training.Pelatihan, 8)},
			training.Compliant, training.NotCompliant, "18.00"},
		{"10 JP learning community + 10 JP e-learning: within the cap", []training.Activity{act(training.LearningCommunity, 10), act(training.ELearning, 10)},
			training.Compliant, training.Compliant, "20.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := training.Ledger{NIP: nip, Year: 2025, Activities: tt.acts}
			nat, err := plugins.National().Compliance(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Compliance(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			if nat.Outcome != tt.national || got.Outcome != tt.tanjungpinang || got.Details["counted_jp"] != tt.counted {
				t.Errorf("national %s, Tanjungpinang %s (counted %s); want %s, %s (%s)", nat.Outcome, got.Outcome, got.Details["counted_jp"], tt.national, tt.tanjungpinang, tt.counted)
			}
			if _, ok := nat.Criterion("training.informal_cap"); ok {
				t.Error("national does not cap informal learning")
			}
			if _, ok := got.Criterion("training.informal_cap"); !ok {
				t.Error("the informal cap is not in Tanjungpinang's decision")
			}
		})
	}
}

func TestRecommend(t *testing.T) {
	catalogue := []training.Program{
		{Code: "PP-01", Title: "Pelayanan Publik Prima", Method: training.Pelatihan, Competency: training.SosialKultural, JP: 16, Tags: []string{"public_service"}},
		{Code: "KEP-01", Title: "Pelatihan Kepemimpinan Pengawas", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Tags: []string{"leadership"}},
		{Code: "UMUM-01", Title: "Orientasi Tata Naskah Dinas", Method: training.Bimtek, Competency: training.Teknis, JP: 32},
	}
	q2 := evaluation.Period{Year: 2025, Quarter: 2}
	a := evaluation.Appraisal{Employee: petugas, Period: q2, CommunityIndex: 72.5,
		Entries: entries(q2.End(), evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas)}
	done := training.Ledger{NIP: petugas.NIP, Year: 2025, Activities: []training.Activity{
		{NIP: petugas.NIP, Date: career.MustDate(2025, 2, 3), Program: "x", Method: training.Pelatihan, Minutes: training.Minutes(20)}}}
	tests := []struct {
		name                    string
		ledger                  training.Ledger
		national, tanjungpinang []string
	}{
		{"IKM 72.50 at the licensing desk: public-service quality", done, nil, []string{"PP-01"}},
		{"no JP yet: the city's programmes before the largest general one", training.Ledger{NIP: petugas.NIP, Year: 2025},
			[]string{"UMUM-01"}, []string{"KEP-01", "PP-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each policy recommends from its own evaluation of the same appraisal.
			natP, tpP := plugins.National(), New()
			natR, err := natP.Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			tpR, err := tpP.Evaluate(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			nat, err := natP.Recommend(ctx, training.RecommendRequest{Employee: petugas, Last: natR, Ledger: tt.ledger, Catalogue: catalogue})
			if err != nil {
				t.Fatal(err)
			}
			got, err := tpP.Recommend(ctx, training.RecommendRequest{Employee: petugas, Last: tpR, Ledger: tt.ledger, Catalogue: catalogue})
			if err != nil {
				t.Fatal(err)
			}
			if c := plugintest.ProgramCodes(nat); !slices.Equal(c, tt.national) {
				t.Errorf("national = %v, want %v", c, tt.national)
			}
			if c := plugintest.ProgramCodes(got); !slices.Equal(c, tt.tanjungpinang) {
				t.Errorf("Tanjungpinang = %v, want %v", c, tt.tanjungpinang)
			}
			if len(got) > 0 && got[0].Program != "PP-01" {
				t.Errorf("public-service quality should come first after a low IKM: %v", got)
			}
		})
	}
}

func TestMatchFirstYear(t *testing.T) {
	on := career.MustDate(2025, 4, 1)
	mentor := mentoring.Profile{Predicate: evaluation.Baik, Capacity: 1,
		Employee: employee("198204042006041001", career.IIID, loket, career.MustDate(2018, 1, 2), "DPMPTSP")}
	// The newcomer works elsewhere; the 5-year colleague shares the mentor's unit and field, so scores higher.
	baru := mentoring.Profile{Employee: employee("200102022024111002", career.IIA, career.Position{Title: "Pengadministrasi Umum", Kind: career.Pelaksana, Field: "umum"}, career.MustDate(2024, 11, 1), "Kecamatan Bukit Bestari")}
	lama := mentoring.Profile{Employee: employee("199106182020031002", career.IIIB, loket, career.MustDate(2020, 3, 2), "DPMPTSP")}
	req := mentoring.MatchRequest{Mentors: []mentoring.Profile{mentor}, Mentees: []mentoring.Profile{baru, lama}, On: on}
	nat, err := plugins.National().Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New().Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(nat.Pairs) != 1 || nat.Pairs[0].Mentee != lama.Employee.NIP {
		t.Errorf("national pairs = %+v, want the 5-year colleague (the newcomer stranded)", nat.Pairs)
	}
	if len(got.Pairs) != 1 || got.Pairs[0].Mentee != baru.Employee.NIP {
		t.Errorf("Tanjungpinang pairs = %+v, want the newcomer", got.Pairs)
	}
	if _, ok := got.Decision.Criterion("mentoring.first_year_mentee"); !ok {
		t.Error("the first-year rule is not in the decision")
	}
}

func TestDescribe(t *testing.T) {
	d, err := New().Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Region != "tanjungpinang" || d.Name != "Kota Tanjungpinang" || d.Version != Version {
		t.Errorf("description = %+v", d)
	}
	plugintest.CheckParams(t, d, map[string]string{
		"evaluation.cadence":                               "continuous",
		"training.min_jp":                                  "20",
		"training.informal_cap_percent":                    "50",
		"promotion.min_years_regular":                      "4",
		"transparency":                                     "true",
		"tanjungpinang.ikm.threshold":                      "76.61",
		"tanjungpinang.evaluation.superior_weight":         "0.7",
		"tanjungpinang.evaluation.peer_weight":             "0.3",
		"tanjungpinang.evaluation.min_peers":               "2",
		"tanjungpinang.training.focus_tags":                "leadership,project_management,public_service",
		"tanjungpinang.mentoring.mentee_max_service_years": "1",
	})
	for _, r := range d.Rules {
		if r.ID == "" || r.EN == "" {
			t.Errorf("rule not in both languages: %+v", r)
		}
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
