package main

import (
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

var employee = plugintest.Agency("Pemerintah Kota Tanjungpinang").Employee

var (
	loket    = career.Position{Title: "Pengadministrasi Layanan Perizinan", Kind: career.Pelaksana, Field: "perizinan", Service: true}
	analis   = career.Position{Title: "Analis Perencanaan", Kind: career.Pelaksana, Field: "perencanaan"}
	petugas  = employee("199106182015031002", career.IIIA, loket, career.MustDate(2020, 1, 2), "DPMPTSP")
	perencan = employee("199106182015031002", career.IIIA, analis, career.MustDate(2020, 1, 2), "Bappelitbang")
)

func TestEvaluate(t *testing.T) {
	q2 := evaluation.Period{Year: 2025, Quarter: 2}
	// The superior rates results and behaviour Di Atas; two peers rate behaviour.
	tests := []struct {
		name                    string
		e                       career.Employee
		ikm                     float64
		peers                   []evaluation.Rating
		national, tanjungpinang evaluation.Predicate
		ikmLow                  bool
	}{
		{"licensing desk, IKM 72.50 (category C): results drop to meets", petugas, 72.50,
			[]evaluation.Rating{evaluation.DiAtas, evaluation.DiAtas}, evaluation.SangatBaik, evaluation.Baik, true},
		{"licensing desk, IKM 88.40 (category B): no change", petugas, 88.40,
			[]evaluation.Rating{evaluation.DiAtas, evaluation.DiAtas}, evaluation.SangatBaik, evaluation.SangatBaik, false},
		{"planning post: the unit's IKM does not apply", perencan, 72.50,
			[]evaluation.Rating{evaluation.DiAtas, evaluation.DiAtas}, evaluation.SangatBaik, evaluation.SangatBaik, false},
		{"peers' feedback counts: 0.7×3 + 0.3×1 = 2.4 → meets", perencan, 0,
			[]evaluation.Rating{evaluation.DiBawah, evaluation.DiBawah}, evaluation.SangatBaik, evaluation.Baik, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := plugintest.Appraisal(tt.e, q2, evaluation.DiAtas, evaluation.DiAtas, tt.peers...)
			a.CommunityIndex = tt.ikm
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Evaluate, a)
			if nat.Predicate != tt.national || got.Predicate != tt.tanjungpinang {
				t.Errorf("national %s, Tanjungpinang %s; want %s and %s\n%v", nat.Predicate, got.Predicate, tt.national, tt.tanjungpinang, got.Decision.Explain("en"))
			}
			if low := got.Decision.Details["community_index_low"] == "true"; low != tt.ikmLow {
				t.Errorf("community_index_low = %v, want %v", low, tt.ikmLow)
			}
			if tt.ikmLow {
				plugintest.CriterionPassed(t, got.Decision, "evaluation.community_index", false)
			}
			plugintest.Detail(t, got.Decision, "visible_to_employee", "true")
			plugintest.NoDetail(t, nat.Decision, "visible_to_employee")
		})
	}
}

func TestComplianceInformalCap(t *testing.T) {
	on := career.MustDate(2025, 5, 5)
	tests := []struct {
		name                    string
		acts                    []training.Activity
		national, tanjungpinang string
		counted                 string // Tanjungpinang's counted JP
	}{
		{"14 JP self-study + 8 JP training: only 10 JP of self-study count",
			[]training.Activity{plugintest.Activity(on, training.SelfStudy, 14), plugintest.Activity(on, training.Pelatihan, 8)},
			training.Compliant, training.NotCompliant, "18.00"},
		{"10 JP learning community + 10 JP e-learning: within the cap",
			[]training.Activity{plugintest.Activity(on, training.LearningCommunity, 10), plugintest.Activity(on, training.ELearning, 10)},
			training.Compliant, training.Compliant, "20.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Compliance, plugintest.Ledger(petugas.NIP, 2025, tt.acts...))
			if nat.Outcome != tt.national || got.Outcome != tt.tanjungpinang || got.Details["counted_jp"] != tt.counted {
				t.Errorf("national %s, Tanjungpinang %s (counted %s); want %s, %s (%s)", nat.Outcome, got.Outcome, got.Details["counted_jp"], tt.national, tt.tanjungpinang, tt.counted)
			}
			plugintest.NoCriterion(t, nat, "training.informal_cap") // national does not cap informal learning
			plugintest.HasCriterion(t, got, "training.informal_cap")
		})
	}
}

func TestRecommend(t *testing.T) {
	catalogue := []training.Program{
		{Code: "PP-01", Title: "Pelayanan Publik Prima", Method: training.Pelatihan, Competency: training.SosialKultural, JP: 16, Tags: []string{"public_service"}},
		{Code: "KEP-01", Title: "Pelatihan Kepemimpinan Pengawas", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Tags: []string{"leadership"}},
		{Code: "UMUM-01", Title: "Orientasi Tata Naskah Dinas", Method: training.Bimtek, Competency: training.Teknis, JP: 32},
	}
	a := plugintest.Appraisal(petugas, evaluation.Period{Year: 2025, Quarter: 2}, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas, evaluation.DiAtas)
	a.CommunityIndex = 72.5
	done := plugintest.Ledger(petugas.NIP, 2025, plugintest.Activity(career.MustDate(2025, 2, 3), training.Pelatihan, 20))
	tests := []struct {
		name                    string
		ledger                  training.Ledger
		national, tanjungpinang []string
	}{
		{"IKM 72.50 at the licensing desk: public-service quality", done, nil, []string{"PP-01"}},
		{"no JP yet: the city's programmes before the largest general one", plugintest.Ledger(petugas.NIP, 2025),
			[]string{"UMUM-01"}, []string{"KEP-01", "PP-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each policy recommends from its own evaluation of the same appraisal.
			natR, tpR := plugintest.Compare(t, New(), plugins.Policy.Evaluate, a)
			nat, err := plugins.National().Recommend(t.Context(), training.RecommendRequest{Employee: petugas, Last: natR, Ledger: tt.ledger, Catalogue: catalogue})
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Recommend(t.Context(), training.RecommendRequest{Employee: petugas, Last: tpR, Ledger: tt.ledger, Catalogue: catalogue})
			if err != nil {
				t.Fatal(err)
			}
			plugintest.CheckPrograms(t, "national", nat, tt.national...)
			plugintest.CheckPrograms(t, "Tanjungpinang", got, tt.tanjungpinang...)
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

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Match, req)
	// National gives the one seat to the 5-year colleague (the newcomer stranded); Tanjungpinang to the newcomer.
	plugintest.CheckPairs(t, "national", nat, mentoring.Pair{Mentor: mentor.Employee.NIP, Mentee: lama.Employee.NIP})
	plugintest.CheckPairs(t, "Tanjungpinang", got, mentoring.Pair{Mentor: mentor.Employee.NIP, Mentee: baru.Employee.NIP})
	plugintest.HasCriterion(t, got.Decision, "mentoring.first_year_mentee")
	// Whoever is left without a mentor is listed with the reason: nationally the newcomer, in Tanjungpinang the
	// colleague past the first year, who is not a mentee there at all.
	if len(nat.Unmatched) != 1 || nat.Unmatched[0].Mentee != baru.Employee.NIP {
		t.Errorf("national unmatched = %+v, want the newcomer", nat.Unmatched)
	}
	if len(got.Unmatched) != 1 || got.Unmatched[0].Mentee != lama.Employee.NIP || got.Unmatched[0].Reason.ID != "Mentoring hanya untuk pegawai pada tahun pertama" {
		t.Errorf("Tanjungpinang unmatched = %+v, want the 5-year colleague, first-year rule as the reason", got.Unmatched)
	}
}

func TestDescribe(t *testing.T) {
	d := plugintest.Describe(t, New(), "tanjungpinang", "Kota Tanjungpinang", Version)
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
	// The summary states the numbers the code judges by, in both languages.
	for _, want := range []struct{ id, en string }{
		{"70% atasan + 30% rerata rekan kerja (paling sedikit 2 rekan", "70% superior + 30% mean of peers (at least 2 peers"},
		{"IKM unit di bawah 76.61", "a unit IKM below 76.61"},
		{"pelatihan mutu pelayanan publik disarankan lebih dulu", "public-service quality training is advised first"},
		{"paling banyak 50% dari kewajiban 20 JP setahun", "up to 50% of the yearly 20 JP"},
		{"disarankan lebih dulu bila JP belum 20", "advised first while JP are below 20"},
		{"masa kerja kurang dari 1 tahun", "less than 1 year(s) of service"},
		{"pengalaman 20%", "experience 20%"},
	} {
		plugintest.Says(t, d, want.id, want.en)
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
