package main

import (
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// The cases come from seed 000 (Kalianda): a PNS at Dinas Pendidikan advised a leadership course after the annual
// evaluation, BKPSDM's project-management training, a senior at Dinas Kesehatan mentoring new staff, and a PNS made
// kepala seksi after outstanding work on an infrastructure project.

var employee = plugintest.Agency("Pemerintah Kabupaten Lampung Selatan").Employee

var (
	pelaksana  = career.Position{Title: "Pengelola Data", Kind: career.Pelaksana, Field: "pendidikan"}
	kesehatan  = career.Position{Title: "Pengelola Data Kesehatan", Kind: career.Pelaksana, Field: "kesehatan"}
	kepalaSksi = career.Position{Title: "Kepala Seksi Pembangunan Jalan", Kind: career.Pengawas, Field: "pekerjaan_umum"}
)

func TestEvaluateQuarterRefused(t *testing.T) {
	e := employee("198503122010011001", career.IIIC, pelaksana, career.MustDate(2018, 4, 1), "Dinas Pendidikan")
	a := plugintest.Appraisal(e, evaluation.Period{Year: 2024, Quarter: 2}, evaluation.Sesuai, evaluation.Sesuai)
	// The national baseline appraises quarters; Kalianda appraises once a year.
	plugintest.Refuses(t, New(), plugins.Policy.Evaluate, a, "period")
}

func TestEvaluateDevelopmentAdvice(t *testing.T) {
	year := evaluation.Period{Year: 2024}
	tmt := career.MustDate(2018, 4, 1)
	tests := []struct {
		name            string
		e               career.Employee
		hasil, perilaku evaluation.Rating
		want            string // Kalianda's "development" detail; national has none
		code            string
	}{
		{"Dinas Pendidikan III/c Baik: leadership course",
			employee("198503122010011001", career.IIIC, pelaksana, tmt, "Dinas Pendidikan"), evaluation.Sesuai, evaluation.Sesuai,
			"leadership_course", "kalianda.development.leadership"},
		{"kepala seksi Sangat Baik: leadership course",
			employee("197808202003121002", career.IIID, kepalaSksi, tmt, "Dinas PUPR"), evaluation.DiAtas, evaluation.DiAtas,
			"leadership_course", "kalianda.development.leadership"},
		{"behaviour below expectations: coaching",
			employee("199001152015032003", career.IIIA, pelaksana, tmt, "Dinas Pendidikan"), evaluation.Sesuai, evaluation.DiBawah,
			"coaching", "kalianda.development.coaching"},
		{"results below expectations: BKPSDM catalogue",
			employee("199001152015032003", career.IIIA, pelaksana, tmt, "Dinas Pendidikan"), evaluation.DiBawah, evaluation.Sesuai,
			"bkpsdm_catalogue", "kalianda.development.catalogue"},
		{"III/b Baik is not near a managerial post: no advice",
			employee("199001152015032003", career.IIIB, pelaksana, tmt, "Dinas Pendidikan"), evaluation.Sesuai, evaluation.Sesuai,
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Evaluate, plugintest.Appraisal(tt.e, year, tt.hasil, tt.perilaku))
			if got.Predicate != nat.Predicate {
				t.Errorf("the predicate must not change: national %s, Kalianda %s", nat.Predicate, got.Predicate)
			}
			plugintest.NoDetail(t, nat.Decision, "development")
			plugintest.Detail(t, got.Decision, "development", tt.want)
			if tt.code != "" {
				plugintest.HasCriterion(t, got.Decision, tt.code)
			}
			if got.Decision.Policy.Region != "kalianda" {
				t.Errorf("decision policy = %+v", got.Decision.Policy)
			}
		})
	}
}

func TestRecommend(t *testing.T) {
	catalogue := []training.Program{
		{Code: "BKPSDM-KEP", Title: "Kursus Kepemimpinan Pengawas", Method: training.Kursus, Competency: training.Manajerial, JP: 40, Tags: []string{"leadership"}},
		{Code: "BKPSDM-MP", Title: "Pelatihan Manajemen Proyek", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Tags: []string{"project_management"}},
		{Code: "BKPSDM-KEU", Title: "Pengelolaan Keuangan Daerah", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Tags: []string{"finance"}},
		{Code: "DIKLAT-KES", Title: "Pengelolaan Data Kesehatan", Method: training.Bimtek, Competency: training.Teknis, JP: 16, Fields: []string{"kesehatan"}},
	}
	tmt := career.MustDate(2018, 4, 1)
	guru := employee("198503122010011001", career.IIIC, pelaksana, tmt, "Dinas Pendidikan")
	data := employee("199001152015032003", career.IIIA, kesehatan, tmt, "Dinas Kesehatan")
	tests := []struct {
		name     string
		e        career.Employee
		last     evaluation.Result
		national []string
		kalianda []string
	}{
		{"III/c Baik at Dinas Pendidikan: leadership course", guru,
			evaluation.Result{Hasil: evaluation.Sesuai, Perilaku: evaluation.Sesuai, Predicate: evaluation.Baik},
			nil, []string{"BKPSDM-KEP"}},
		{"results below expectations: BKPSDM focus programs besides the technical one", data,
			evaluation.Result{Hasil: evaluation.DiBawah, Perilaku: evaluation.Sesuai, Predicate: evaluation.ButuhPerbaikan},
			[]string{"DIKLAT-KES"}, []string{"BKPSDM-KEU", "BKPSDM-MP", "DIKLAT-KES"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// 20 JP done: no deficit.
			done := plugintest.Ledger(tt.e.NIP, 2025, plugintest.Activity(career.MustDate(2025, 3, 3), training.Pelatihan, 20))
			req := training.RecommendRequest{Employee: tt.e, Last: tt.last, Ledger: done, Catalogue: catalogue}
			nat, got := plugintest.Compare(t, New(), plugins.Policy.Recommend, req)
			plugintest.CheckPrograms(t, "national", nat, tt.national...)
			plugintest.CheckPrograms(t, "Kalianda", got, tt.kalianda...)
		})
	}
}

func TestMatchSameUnit(t *testing.T) {
	on := career.MustDate(2025, 2, 1)
	senior := mentoring.Profile{Predicate: evaluation.Baik,
		Employee: employee("197808202003121002", career.IIID, kesehatan, career.MustDate(2016, 4, 1), "Dinas Kesehatan")}
	newKes := mentoring.Profile{Employee: employee("199801102024032001", career.IIIA, kesehatan, career.MustDate(2024, 3, 1), "Dinas Kesehatan")}
	newPU := mentoring.Profile{Employee: employee("199705052024031002", career.IIIA, kesehatan, career.MustDate(2024, 3, 1), "Dinas PUPR")}
	req := mentoring.MatchRequest{Mentors: []mentoring.Profile{senior}, Mentees: []mentoring.Profile{newKes, newPU}, On: on}

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Match, req)
	// National pairs across units; Kalianda only the Dinas Kesehatan mentee.
	plugintest.CheckPairs(t, "national", nat, mentoring.Pair{Mentor: senior.Employee.NIP, Mentee: newKes.Employee.NIP},
		mentoring.Pair{Mentor: senior.Employee.NIP, Mentee: newPU.Employee.NIP})
	plugintest.CheckPairs(t, "Kalianda", got, mentoring.Pair{Mentor: senior.Employee.NIP, Mentee: newKes.Employee.NIP})
	if len(got.Unmatched) != 1 || got.Unmatched[0].Mentee != newPU.Employee.NIP {
		t.Errorf("Kalianda unmatched = %+v, want the Dinas PUPR mentee", got.Unmatched)
	}
	plugintest.HasCriterion(t, got.Decision, "mentoring.same_unit")
}

func TestRankFlagship(t *testing.T) {
	on := career.MustDate(2025, 3, 1)
	open := promotion.Opening{ID: "kasi-jalan", Position: kepalaSksi, On: on}
	tmt := career.MustDate(2021, 1, 1)
	pos := career.Position{Title: "Teknik Jalan dan Jembatan", Kind: career.Pelaksana, Field: "pekerjaan_umum"}
	steady := promotion.Applicant{Employee: employee("198503122010011001", career.IIIC, pos, tmt, "Dinas PUPR"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.SangatBaik, 2024: evaluation.SangatBaik}, Competence: 80}
	flagship := promotion.Applicant{Employee: employee("198607072010012004", career.IIIC, pos, tmt, "Dinas PUPR"),
		Predicates: map[int]evaluation.Predicate{2023: evaluation.Baik, 2024: evaluation.SangatBaik}, Competence: 82, Flagship: true}
	s := promotion.Selection{Opening: open, Applicants: []promotion.Applicant{steady, flagship}}

	nat, got := plugintest.Compare(t, New(), plugins.Policy.Rank, s)
	if nat.Ranked[0].NIP != steady.Employee.NIP {
		t.Errorf("national ranks first %s, want the steady applicant", nat.Ranked[0].NIP)
	}
	if got.Ranked[0].NIP != flagship.Employee.NIP {
		t.Errorf("Kalianda ranks first %s, want the flagship-project applicant", got.Ranked[0].NIP)
	}
	first := got.Ranked[0].Decision
	// 0.5×90 + 0.5×82 + 5 = 91 against 0.5×100 + 0.5×80 = 90: the bonus decides.
	plugintest.Detail(t, first, "score", "91.00")
	plugintest.Detail(t, first, "flagship_bonus", "5.00")
	plugintest.Detail(t, got.Ranked[1].Decision, "score", "90.00") // the runner-up
	// Transparency (seed 000: "transparansi dalam proses promosi"): the decision shows how the score was made.
	plugintest.Detail(t, first, "performance", "90.00")
	plugintest.Detail(t, first, "competence", "82.00")
	plugintest.Detail(t, first, "rank", "1")
	plugintest.NoDetail(t, first, "experience")                         // Kalianda does not weigh years of service
	plugintest.Detail(t, nat.Ranked[0].Decision, "experience", "75.83") // national: 15 years 2 months of 20
}

func TestDescribe(t *testing.T) {
	d := plugintest.Describe(t, New(), "kalianda", "Kalianda", Version)
	plugintest.CheckParams(t, d, map[string]string{
		"evaluation.cadence":                "annual",
		"selection.weight.performance":      "0.5",
		"selection.weight.competence":       "0.5",
		"selection.weight.experience":       "0",
		"kalianda.leadership.min_grade":     "III/c",
		"kalianda.leadership.tag":           "leadership",
		"kalianda.catalogue.tags":           "project_management,finance,public_service",
		"kalianda.selection.flagship_bonus": "5",
	})
	// The summary states the numbers the code judges by, in both languages.
	for _, want := range []struct{ id, en string }{
		{"golongan III/c ke atas", "at III/c or above"},
		{"kinerja 2 tahun terakhir (50%) dan kompetensi (50%)", "performance of the last 2 years (50%) and competence (50%)"},
		{"menambah 5 poin", "adds 5 points"},
		{"setiap keputusan seleksi memuat", "every selection decision lists"},
		{"paling singkat 2 tahun dalam jabatan", "at least 2 years in the position"},
		{"paling sedikit 20 JP setahun", "at least 20 JP a year"},
		{"paling banyak 3 mentee", "at most 3 mentees"},
	} {
		plugintest.Says(t, d, want.id, want.en)
	}
}

// TestTotal feeds every method empty and odd input (see plugintest.Total).
func TestTotal(t *testing.T) { plugintest.Total(t, New()) }
