package main

import (
	"fmt"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Kalianda's policy.
const Version = "1.0.0"

const (
	region = "kalianda"
	// seed is the document the policy is drawn from; every region rule cites it.
	seed = "Kebijakan Kalianda (seed 000_f03dd11ddc94c4a7.txt)"
)

// config holds the region's parameters. Their defaults are in defaults; Describe publishes every one with its value.
type config struct {
	// LeadershipMinGrade is the grade from which a pelaksana or fungsional counts as "near" a managerial post and
	// is advised a leadership course after a good annual appraisal.
	LeadershipMinGrade career.Grade
	// LeadershipTag tags the leadership courses (kursus kepemimpinan) in the catalogue.
	LeadershipTag string
	// CatalogueTags are the BKPSDM catalogue's focus areas: project management, finance, public service.
	CatalogueTags []string
	// Weights of a position selection: performance of the last 2 years and competence, plus the flagship bonus.
	PerformanceWeight, CompetenceWeight, FlagshipBonus float64
}

func defaults() config {
	return config{
		LeadershipMinGrade: career.IIIC,
		LeadershipTag:      "leadership",
		CatalogueTags:      []string{"project_management", "finance", "public_service"},
		PerformanceWeight:  0.5,
		CompetenceWeight:   0.5,
		FlagshipBonus:      5,
	}
}

// New returns Kalianda's policy: the national baseline with these changes, each from the seed document
// 000_f03dd11ddc94c4a7.txt.
//
//   - Evaluation is annual only ("setelah evaluasi tahunan", section Feedback dan Evaluasi Kinerja), and after it the
//     policy advises development in the decision's "development" detail: coaching when behaviour is below
//     expectations (as PermenPANRB 6/2022 Pasal 40 already asks), a leadership course (kursus kepemimpinan) when the
//     predicate is at least Baik and the employee holds or is near a managerial post — the seed's example is a PNS
//     at Dinas Pendidikan advised a leadership course after the annual evaluation — and the BKPSDM catalogue when
//     results are below expectations.
//   - Training recommendations follow that advice: leadership courses (tag "leadership") and the BKPSDM catalogue's
//     focus areas — management (project management), finance and public service (section Program Pelatihan dan
//     Pendidikan: "pelatihan manajemen proyek yang diadakan oleh BKPSDM").
//   - Mentoring pairs a senior with a junior of the same unit only (section Mentoring dan Pembimbingan: a senior at
//     Dinas Kesehatan shares health-data management with new staff).
//   - Position selection ranks by performance (the last 2 years' predicates) and competence, 50% each — the seed's
//     "seleksi jabatan tertentu, yang didasarkan pada kinerja dan kompetensi" — with a bonus for Sangat Baik on a
//     flagship project (the seed's infrastructure-development example of a PNS made kepala seksi). The national
//     selection eligibility rules (2 years in position, Baik for 2 years; PP 11/2017 jo PP 17/2020 Pasal 108) stand.
func New() plugins.Policy {
	c := defaults()
	b := plugins.National()
	b.Evaluation.Cadence = evaluation.Annual
	b.Evaluation.After = c.after
	b.Training.Recommenders = []training.Recommender{
		training.FromAppraisal, c.catalogueFocus, c.leadership, training.FromDeficit(b.Training.Requirement),
	}
	b.Mentoring.Pair = []mentoring.PairRule{mentoring.SameUnit}
	b.Mentoring.Rules = []career.Criterion{{
		Code: "mentoring.same_unit", Passed: true, Source: seed + ", Mentoring dan Pembimbingan",
		Text: career.Message{ID: "Mentor dan mentee dari unit kerja yang sama", EN: "Mentor and mentee work in the same unit"},
	}}
	b.Promotion.Weights = promotion.Weights{Performance: c.PerformanceWeight, Competence: c.CompetenceWeight, FlagshipBonus: c.FlagshipBonus}
	b.Info = plugins.Description{
		Region: region, Name: "Kalianda", Version: Version, Protocol: plugins.ProtocolVersion,
		Params: c.params(), Rules: rules(c, b),
	}
	return b
}

func (c config) params() []plugins.Param {
	p := plugins.NewParam
	return []plugins.Param{
		p("kalianda.leadership.min_grade", c.LeadershipMinGrade.String(),
			"Golongan terendah pelaksana/fungsional yang dianggap dekat jabatan manajerial dan disarankan kursus kepemimpinan",
			"Lowest grade at which a pelaksana or fungsional counts as near a managerial post and is advised a leadership course"),
		p("kalianda.leadership.tag", c.LeadershipTag, "Tag program kursus kepemimpinan dalam katalog", "Catalogue tag of leadership courses"),
		p("kalianda.catalogue.tags", strings.Join(c.CatalogueTags, ","),
			"Fokus katalog BKPSDM yang disarankan bila hasil kerja di bawah ekspektasi", "BKPSDM catalogue focus advised when results are below expectations"),
		p("kalianda.selection.flagship_bonus", fmt.Sprint(c.FlagshipBonus),
			"Tambahan nilai seleksi jabatan untuk Sangat Baik pada proyek unggulan", "Selection points added for Sangat Baik on a flagship project"),
	}
}

// rules summarises the policy for Describe: what Kalianda changes, then the national rules that still apply, with
// the values b (the configured baseline) judges by, so that the summary never drifts from the code.
func rules(c config, b *plugins.Baseline) []career.Message {
	sel, m := b.Promotion.Selection, b.Mentoring
	minJP := b.Training.Requirement.Minutes / training.MinutesPerJP
	return []career.Message{
		{ID: "Penilaian kinerja tahunan; setelah penilaian, kebijakan menyarankan pengembangan: coaching bila perilaku kerja di bawah ekspektasi, kursus kepemimpinan bila predikat minimal Baik bagi pejabat manajerial atau pelaksana/fungsional golongan " + c.LeadershipMinGrade.String() + " ke atas, katalog BKPSDM bila hasil kerja di bawah ekspektasi (seed 000, Feedback dan Evaluasi Kinerja).",
			EN: "Annual appraisal; afterwards the policy advises development: coaching when behaviour is below expectations, a leadership course when the predicate is at least Baik for managers and for pelaksana/fungsional at " + c.LeadershipMinGrade.String() + " or above, the BKPSDM catalogue when results are below expectations (seed 000, Feedback dan Evaluasi Kinerja)."},
		{ID: "Katalog pelatihan BKPSDM berfokus pada manajemen proyek, keuangan dan layanan publik (seed 000, Program Pelatihan dan Pendidikan).",
			EN: "The BKPSDM training catalogue focuses on project management, finance and public service (seed 000, Program Pelatihan dan Pendidikan)."},
		{ID: "Pegawai senior membimbing pegawai junior dalam unit kerja yang sama, misalnya Dinas Kesehatan (seed 000, Mentoring dan Pembimbingan).",
			EN: "A senior mentors a junior within the same unit, e.g. Dinas Kesehatan (seed 000, Mentoring dan Pembimbingan)."},
		{ID: fmt.Sprintf("Seleksi jabatan berdasarkan kinerja 2 tahun terakhir (%.0f%%) dan kompetensi (%.0f%%); Sangat Baik pada proyek unggulan menambah %.0f poin. Proses promosi transparan: setiap keputusan seleksi memuat syarat yang diperiksa, nilai kinerja, nilai kompetensi, tambahan proyek unggulan, nilai akhir dan peringkat (seed 000, Peluang Promosi dan Penempatan).", c.PerformanceWeight*100, c.CompetenceWeight*100, c.FlagshipBonus),
			EN: fmt.Sprintf("Position selection on performance of the last 2 years (%.0f%%) and competence (%.0f%%); Sangat Baik on a flagship project adds %.0f points. Promotion is transparent: every selection decision lists the criteria checked, the performance and competence scores, the flagship bonus, the final score and the rank (seed 000, Peluang Promosi dan Penempatan).", c.PerformanceWeight*100, c.CompetenceWeight*100, c.FlagshipBonus)},
		{ID: fmt.Sprintf("Aturan nasional lainnya tetap berlaku: syarat seleksi jabatan (paling singkat %d tahun dalam jabatan, predikat minimal %s dalam %d tahun terakhir) dan batas JPT; paling sedikit %d JP setahun, kursi pelatihan lebih dulu bagi yang belum memenuhinya; mentor lebih senior dengan predikat minimal %s, paling banyak %d mentee; kenaikan pangkat dan mutasi.",
			sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity),
			EN: fmt.Sprintf("The other national rules stand: position-selection eligibility (at least %d years in the position, a predicate of at least %s in the last %d years) and the JPT floors; at least %d JP a year, training seats first to those below it; a senior mentor with a predicate of at least %s, at most %d mentees; rank promotion and transfers.",
				sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity)},
	}
}

// nearManagerial reports whether e holds a managerial post, or is a PNS at grade min or above in a pelaksana or
// fungsional post — the pool from which Kalianda fills kepala seksi posts (seed 000: a PNS promoted to kepala seksi).
func nearManagerial(e career.Employee, min career.Grade) bool {
	k := e.Position.Kind
	if k.Managerial() {
		return true
	}
	return (k == career.Pelaksana || k == career.Fungsional) && e.Type == career.PNS && e.Grade.Valid() && e.Grade >= min
}

// after advises development once the predicate is known (seed 000, Feedback dan Evaluasi Kinerja: "setelah evaluasi
// tahunan, seorang PNS di Dinas Pendidikan mendapatkan saran untuk mengikuti kursus kepemimpinan"). The advice goes
// into the decision's "development" detail, one criterion per item; Recommend turns it into catalogue programs.
func (c config) after(a evaluation.Appraisal, r *evaluation.Result) {
	var dev []string
	add := func(code, item string, id, en string) {
		dev = append(dev, item)
		r.Decision.Add(career.Criterion{Code: code, Passed: true, Found: item, Source: seed + ", Feedback dan Evaluasi Kinerja",
			Text: career.Message{ID: id, EN: en}})
	}
	if r.Perilaku == evaluation.DiBawah {
		add("kalianda.development.coaching", "coaching",
			"Perilaku kerja di bawah ekspektasi: disarankan coaching", "Behaviour below expectations: coaching advised")
	}
	if r.Predicate.AtLeast(evaluation.Baik) && nearManagerial(a.Employee, c.LeadershipMinGrade) {
		add("kalianda.development.leadership", "leadership_course",
			"Predikat minimal Baik pada atau dekat jabatan manajerial: disarankan kursus kepemimpinan",
			"Predicate at least Baik in or near a managerial post: a leadership course is advised")
	}
	if r.Hasil == evaluation.DiBawah {
		add("kalianda.development.catalogue", "bkpsdm_catalogue",
			"Hasil kerja di bawah ekspektasi: disarankan pelatihan katalog BKPSDM", "Results below expectations: BKPSDM catalogue training advised")
	}
	if len(dev) > 0 {
		r.Decision.Set("development", strings.Join(dev, ","))
	}
}

// leadership recommends the catalogue's leadership courses to an employee whose latest predicate is at least Baik
// and who holds or is near a managerial post (priority 2).
func (c config) leadership(r training.RecommendRequest) []training.Recommendation {
	if !r.Last.Predicate.AtLeast(evaluation.Baik) || !nearManagerial(r.Employee, c.LeadershipMinGrade) {
		return nil
	}
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if p.HasTag(c.LeadershipTag) && p.Serves(r.Employee.Position.Field) {
			out = append(out, training.Recommendation{Program: p.Code, Priority: 2, Source: seed + ", Feedback dan Evaluasi Kinerja",
				Reason: career.Message{ID: "Predikat minimal Baik pada atau dekat jabatan manajerial: kursus kepemimpinan",
					EN: "Predicate at least Baik in or near a managerial post: leadership course"}})
		}
	}
	return out
}

// catalogueFocus recommends, when results are below expectations, the BKPSDM catalogue's programs in its focus areas
// (priority 2).
func (c config) catalogueFocus(r training.RecommendRequest) []training.Recommendation {
	if r.Last.Hasil != evaluation.DiBawah {
		return nil
	}
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if !p.Serves(r.Employee.Position.Field) {
			continue
		}
		for _, t := range c.CatalogueTags {
			if p.HasTag(t) {
				out = append(out, training.Recommendation{Program: p.Code, Priority: 2, Source: seed + ", Program Pelatihan dan Pendidikan",
					Reason: career.Message{ID: "Hasil kerja di bawah ekspektasi: pelatihan katalog BKPSDM (" + t + ")",
						EN: "Results below expectations: BKPSDM catalogue training (" + t + ")"}})
				break
			}
		}
	}
	return out
}
