package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Wanggar's policy.
const Version = "1.0.0"

const (
	region = "wanggar"
	// seed is the document the policy is drawn from; every region rule cites it.
	seed = "Kebijakan Provinsi Wanggar (seed 003_f338f992b5301b34.txt)"
	// menteeMaxServiceYears bounds who counts as new staff needing a mentor: less than this many years of service.
	menteeMaxServiceYears = 1
)

// config holds the region's parameters. Their defaults are in defaults; Describe publishes every one with its value.
type config struct {
	// Below and Above bound the mean achievement (% of target) of the SKP's indicators: below Below is di bawah
	// ekspektasi, at or above Above di atas, in between sesuai.
	Below, Above float64
	// RewardPredicate is the predicate that enters the reward programme.
	RewardPredicate evaluation.Predicate
	// MentorKind is the lowest managerial post whose holders mentor new staff.
	MentorKind career.PositionKind
	// FastTrack halves the time in post for pengawas and administrator selections.
	FastTrack promotion.FastTrack
	// Selection weights: evaluation (performance) and competence.
	PerformanceWeight, CompetenceWeight float64
}

func defaults() config {
	return config{
		Below: 80, Above: 110,
		RewardPredicate:   evaluation.SangatBaik,
		MentorKind:        career.Administrator,
		FastTrack:         promotion.FastTrack{Years: 2, ExtraMinutes: training.Minutes(40), Source: seed + ", Peluang Promosi dan Mobilitas Karier"},
		PerformanceWeight: 0.5,
		CompetenceWeight:  0.5,
	}
}

// New returns Wanggar's policy: the national baseline with these changes, each from the seed document
// 003_f338f992b5301b34.txt.
//
//   - The appraisal is annual and objective (section Pengukuran Kinerja dan Evaluasi: "Setiap tahun, ASN akan
//     dievaluasi berdasarkan indikator kinerja yang telah ditetapkan"): results are the mean achievement of the
//     indicators set in the employee's SKP, each weighed equally (evaluation.IndicatorMeasure over the appraisal's
//     own indicators); an appraisal without indicators is refused. Behaviour stays the superior's rating
//     (PermenPANRB 6/2022 Pasal 10).
//   - Sangat Baik enters the reward programme ("program reward bagi ASN yang memiliki kinerja tinggi"): the
//     evaluation decision's detail "reward_programme" says whether, with a criterion when it does.
//   - Training is workshops and seminars, technical and managerial (section Strategi Pengembangan Karier): they
//     come first when results are below expectations or JP are missing, and a Sangat Baik employee who has the
//     yearly 20 JP is advised the 40 JP more that open the fast track.
//   - Heads of agencies mentor new staff (section Peran Mentoring dan Pembinaan: "seorang kepala dinas memberikan
//     bimbingan kepada staf baru"): mentors hold an administrator post or higher, mentees are in their first year.
//   - Open selection on evaluation and competence, 50% each (section Peluang Promosi dan Mobilitas Karier), with a
//     fast track: Sangat Baik 2 years running plus at least 40 JP beyond the yearly 20 halve the 2 years in post a
//     pengawas or administrator selection asks (the seed's Dinas Kesehatan officer made kepala seksi "dalam waktu
//     singkat" after outstanding work and extra training). The JPT floors (PP 11/2017 jo PP 17/2020 Pasal 107) and
//     every rank-promotion rule stay national.
//   - The appraisal result is the basis of transfer decisions (section Pengukuran Kinerja dan Evaluasi: "Hasil
//     evaluasi ini menjadi dasar untuk pengambilan keputusan terkait promosi, mutasi, dan pengembangan lebih
//     lanjut"): see policy.CheckTransfer.
func New() plugins.Policy {
	c := defaults()
	b := plugins.National()
	b.Evaluation.Cadence = evaluation.Annual
	b.Evaluation.Hasil = skpIndicators(c.Below, c.Above, seed+", Pengukuran Kinerja dan Evaluasi")
	b.Evaluation.After = c.reward
	q := b.Training.Requirement
	b.Training.Recommenders = []training.Recommender{training.FromAppraisal, belowExpectations, workshopsFirst(q), c.fastTrackDevelopment(q)}
	b.Mentoring.Mentor = []mentoring.ProfileRule{mentoring.ManagerialMentor(c.MentorKind)}
	b.Mentoring.Mentee = []mentoring.ProfileRule{mentoring.NewStaffMentee(menteeMaxServiceYears)}
	b.Mentoring.Rules = []career.Criterion{
		{Code: "mentoring.managerial_mentor", Passed: true, Required: "≥ " + c.MentorKind.String(), Source: seed + ", Peran Mentoring dan Pembinaan",
			Text: career.Message{ID: "Mentor adalah kepala perangkat daerah: pejabat administrator atau lebih tinggi", EN: "Mentors are heads of agencies: administrator or higher"}},
		{Code: "mentoring.first_year_mentee", Passed: true, Required: fmt.Sprintf("< %d tahun masa kerja", menteeMaxServiceYears), Source: seed + ", Peran Mentoring dan Pembinaan",
			Text: career.Message{ID: "Mentee adalah staf baru pada tahun pertama", EN: "Mentees are new staff in their first year"}},
	}
	ft := c.FastTrack
	b.Promotion.Selection.FastTrack = &ft
	b.Promotion.Weights = promotion.Weights{Performance: c.PerformanceWeight, Competence: c.CompetenceWeight}
	b.Info = plugins.Description{
		Region: region, Name: "Provinsi Wanggar", Version: Version, Protocol: plugins.ProtocolVersion,
		Params: c.params(), Rules: rules(c, b),
	}
	return &policy{Baseline: b}
}

// policy is Wanggar's policy: the configured baseline and the transfer check it overrides.
type policy struct {
	*plugins.Baseline
}

// CheckTransfer implements career.Policy: the national check, plus the criterion "wanggar.transfer.evaluation" —
// a transfer is decided on the employee's appraisal result, so a request must carry an annual result of this year
// or the last (TransferRequest.Kinerja; the server takes it from the recorded predicates). Without one there is
// nothing to base the decision on, and it is not eligible whatever the time in post (a region may add
// requirements; it cannot grant a move the national check refuses, and it does not: with a result the national
// outcome stands). The decision shows the result, and the national details place the employee on the talent grid
// with the box's actions (rotation, placement, development: PermenPANRB 3/2020).
func (p *policy) CheckTransfer(ctx context.Context, r career.TransferRequest) (career.Decision, error) {
	d, err := p.Baseline.CheckTransfer(ctx, r)
	if err != nil {
		return d, err
	}
	found := "tidak ada"
	if r.Kinerja != 0 {
		// A band is the rating it came from (evaluation.Rating.Band), named as the appraisal names it.
		found = "kinerja " + strings.ToLower(evaluation.Rating(r.Kinerja).Name().ID)
		if box, ok := r.Talent(); ok {
			found += fmt.Sprintf(" (kotak %d)", int(box))
		}
	}
	if !d.Add(career.Criterion{Code: "wanggar.transfer.evaluation", Passed: r.Kinerja != 0,
		Required: "hasil evaluasi kinerja tahunan tahun ini atau tahun lalu", Found: found,
		Source: seed + ", Pengukuran Kinerja dan Evaluasi",
		Text: career.Message{ID: "Keputusan mutasi didasarkan pada hasil evaluasi kinerja tahunan",
			EN: "A transfer is decided on the annual appraisal result"}}) {
		d.Outcome, d.NotBefore = career.NotEligible, career.Date{}
	}
	return d, nil
}

func (c config) params() []plugins.Param {
	p := plugins.NewParam
	return []plugins.Param{
		p("wanggar.indicator.below", fmt.Sprint(c.Below), "Rerata capaian indikator SKP (%) di bawahnya hasil kerja di bawah ekspektasi", "Mean SKP indicator achievement (%) below which results are below expectations"),
		p("wanggar.indicator.above", fmt.Sprint(c.Above), "Rerata capaian indikator SKP (%) mulai dari mana hasil kerja di atas ekspektasi", "Mean SKP indicator achievement (%) from which results are above expectations"),
		p("wanggar.reward.predicate", c.RewardPredicate.String(), "Predikat yang masuk program reward", "Predicate that enters the reward programme"),
		p("wanggar.mentoring.mentor_min_kind", c.MentorKind.String(), "Jabatan terendah mentor (kepala perangkat daerah)", "Lowest post of a mentor (head of an agency)"),
		p("wanggar.mentoring.mentee_max_service_years", strconv.Itoa(menteeMaxServiceYears), "Mentee: staf baru dengan masa kerja kurang dari (tahun)", "Mentees: new staff with less service than (years)"),
		p("wanggar.fast_track.years", fmt.Sprint(c.FastTrack.Years), "Jalur cepat: tahun berturut-turut dengan predikat Sangat Baik", "Fast track: consecutive years of Sangat Baik"),
		p("wanggar.fast_track.extra_jp", fmt.Sprint(c.FastTrack.ExtraMinutes/training.MinutesPerJP), "Jalur cepat: JP di atas kewajiban 20 JP setahun", "Fast track: JP beyond the yearly 20"),
		p("wanggar.fast_track.kinds", "pengawas,administrator", "Seleksi jabatan yang dapat memakai jalur cepat (masa jabatan menjadi separuh)", "Selections where the fast track halves the time in post"),
	}
}

// rules summarises the policy for Describe: what Wanggar changes, then the national rules that still apply, with the
// values b (the configured baseline) judges by, so that the summary never drifts from the code.
func rules(c config, b *plugins.Baseline) []career.Message {
	sel, m, t := b.Promotion.Selection, b.Mentoring, b.Career.Transfer
	minJP := b.Training.Requirement.Minutes / training.MinutesPerJP
	extraJP := c.FastTrack.ExtraMinutes / training.MinutesPerJP
	halfMonths := sel.MinYearsInPosition * 6 // promotion.Rank halves the months in post on the fast track
	return []career.Message{
		{ID: fmt.Sprintf("Penilaian kinerja tahunan yang objektif: hasil kerja dari rerata capaian indikator yang ditetapkan dalam SKP (< %.0f%% di bawah ekspektasi, ≥ %.0f%% di atas ekspektasi) (seed 003, Pengukuran Kinerja dan Evaluasi).", c.Below, c.Above),
			EN: fmt.Sprintf("Objective annual appraisal: results from the mean achievement of the indicators set in the SKP (below %.0f%% below expectations, %.0f%% or more above) (seed 003, Pengukuran Kinerja dan Evaluasi).", c.Below, c.Above)},
		{ID: "ASN dengan predikat Sangat Baik masuk program reward (seed 003, Pengukuran Kinerja dan Evaluasi).",
			EN: "Employees with Sangat Baik enter the reward programme (seed 003, Pengukuran Kinerja dan Evaluasi)."},
		{ID: fmt.Sprintf("Pengembangan melalui workshop dan seminar teknis dan manajerial: workshop/seminar teknis bidang tugas bila hasil kerja di bawah ekspektasi, workshop dan seminar lebih dulu bila JP belum %d, dan bagi pegawai Sangat Baik yang sudah memenuhi %d JP, workshop dan seminar sampai %d JP tambahan untuk jalur cepat (seed 003, Strategi Pengembangan Karier ASN).", minJP, minJP, extraJP),
			EN: fmt.Sprintf("Development through technical and managerial workshops and seminars: technical ones in the job field when results are below expectations, workshops and seminars first while JP are below %d, and for a Sangat Baik employee who has the %d JP, workshops and seminars up to the %d extra JP of the fast track (seed 003, Strategi Pengembangan Karier ASN).", minJP, minJP, extraJP)},
		{ID: fmt.Sprintf("Kepala perangkat daerah (%s ke atas) membimbing staf baru dengan masa kerja kurang dari %d tahun; pegawai lain tidak dicocokkan (seed 003, Peran Mentoring dan Pembinaan).", c.MentorKind, menteeMaxServiceYears),
			EN: fmt.Sprintf("Heads of agencies (%s or above) mentor new staff with less than %d year(s) of service; others are not matched (seed 003, Peran Mentoring dan Pembinaan).", c.MentorKind, menteeMaxServiceYears)},
		{ID: fmt.Sprintf("Seleksi terbuka berdasarkan hasil evaluasi kinerja (%.0f%%) dan kompetensi (%.0f%%); jalur cepat: Sangat Baik %d tahun berturut-turut dan paling sedikit %d JP di atas %d JP membuat syarat %d tahun dalam jabatan menjadi separuhnya (%d bulan) untuk seleksi pengawas dan administrator, tidak untuk JPT (seed 003, Peluang Promosi dan Mobilitas Karier).", c.PerformanceWeight*100, c.CompetenceWeight*100, c.FastTrack.Years, extraJP, minJP, sel.MinYearsInPosition, halfMonths),
			EN: fmt.Sprintf("Open selection on appraisal results (%.0f%%) and competence (%.0f%%); fast track: Sangat Baik %d years running and at least %d JP beyond the yearly %d halve the %d years in post (to %d months) for pengawas and administrator selections, never for JPT (seed 003, Peluang Promosi dan Mobilitas Karier).", c.PerformanceWeight*100, c.CompetenceWeight*100, c.FastTrack.Years, extraJP, minJP, sel.MinYearsInPosition, halfMonths)},
		{ID: "Hasil evaluasi kinerja menjadi dasar keputusan mutasi: permohonan tanpa hasil evaluasi tahunan tahun ini atau tahun lalu tidak memenuhi syarat; keputusan menunjukkan hasil itu dan kotak manajemen talenta dengan tindak lanjutnya (seed 003, Pengukuran Kinerja dan Evaluasi).",
			EN: "Appraisal results are the basis of transfer decisions: a request without an annual result of this year or the last is not eligible; the decision shows the result and the talent box with its actions (seed 003, Pengukuran Kinerja dan Evaluasi)."},
		{ID: fmt.Sprintf("Aturan nasional lainnya tetap berlaku: syarat seleksi jabatan (predikat minimal %s dalam %d tahun terakhir) dan batas JPT; paling sedikit %d JP setahun, kursi pelatihan lebih dulu bagi yang belum memenuhinya; perilaku kerja dinilai atasan langsung; mentor lebih senior dengan predikat minimal %s, paling banyak %d mentee; kenaikan pangkat; mutasi setelah %d tahun dalam jabatan.",
			sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity, t.MinYearsInPosition),
			EN: fmt.Sprintf("The other national rules stand: position-selection eligibility (a predicate of at least %s in the last %d years) and the JPT floors; at least %d JP a year, training seats first to those below it; behaviour rated by the direct superior; a senior mentor with a predicate of at least %s, at most %d mentees; rank promotion; transfers after %d years in the position.",
				sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity, t.MinYearsInPosition)},
	}
}

// skpIndicators rates results on the indicators set in the appraisal's SKP, each weighed equally: the province sets
// the indicators per employee, so the measure takes whichever the appraisal carries and refuses one with none.
func skpIndicators(below, above float64, src string) evaluation.Measure {
	return func(a evaluation.Appraisal) (evaluation.Rating, []career.Criterion, error) {
		if len(a.Indicators) == 0 {
			return 0, nil, career.Newf(career.Invalid, "indicators", "Wanggar menilai hasil kerja berdasarkan indikator yang ditetapkan dalam SKP; penilaian ini tidak memuat indikator",
				"Wanggar rates results on the indicators set in the SKP; the appraisal has none")
		}
		w := make(map[string]float64, len(a.Indicators))
		for _, in := range a.Indicators {
			w[strings.ToLower(in.Code)] = 1
		}
		return evaluation.IndicatorMeasure(w, below, above, src)(a)
	}
}

// reward enters a Sangat Baik employee in the reward programme: detail "reward_programme" and the criterion
// "wanggar.reward_programme"; others get the detail "false".
func (c config) reward(_ evaluation.Appraisal, r *evaluation.Result) {
	if r.Predicate != c.RewardPredicate {
		r.Decision.Set("reward_programme", "false")
		return
	}
	r.Decision.Add(career.Criterion{
		Code: "wanggar.reward_programme", Passed: true, Required: c.RewardPredicate.String(), Found: r.Predicate.String(),
		Source: seed + ", Pengukuran Kinerja dan Evaluasi; parameter wanggar.reward.predicate",
		Text:   career.Message{ID: "Kinerja tinggi: masuk program reward", EN: "High performance: enters the reward programme"},
	})
	r.Decision.Set("reward_programme", "true")
}

// workshop reports whether p is one of the province's workshops or seminars on technical or managerial competency.
func workshop(p training.Program) bool {
	return (p.Method == training.Workshop || p.Method == training.Seminar) &&
		(p.Competency == training.Teknis || p.Competency == training.Manajerial)
}

// belowExpectations recommends technical workshops and seminars in the employee's field when results are below
// expectations (priority 2).
func belowExpectations(r training.RecommendRequest) []training.Recommendation {
	if r.Last.Hasil != evaluation.DiBawah {
		return nil
	}
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if workshop(p) && p.Competency == training.Teknis && p.Serves(r.Employee.Position.Field) {
			out = append(out, training.Recommendation{Program: p.Code, Priority: 2, Source: seed + ", Strategi Pengembangan Karier ASN",
				Reason: career.Message{ID: "Hasil kerja di bawah ekspektasi: workshop/seminar teknis", EN: "Results below expectations: technical workshop or seminar"}})
		}
	}
	return out
}

// cover recommends programs from ps, in order, until minutes are covered.
func cover(ps []training.Program, minutes, priority int, reason career.Message) []training.Recommendation {
	var out []training.Recommendation
	for _, p := range ps {
		if minutes <= 0 {
			break
		}
		minutes -= training.Minutes(p.JP)
		out = append(out, training.Recommendation{Program: p.Code, Priority: priority, Source: seed + ", Strategi Pengembangan Karier ASN", Reason: reason})
	}
	return out
}

// byWorkshopThenJP orders the programs serving field: workshops and seminars first, then largest JP, then code.
func byWorkshopThenJP(cat []training.Program, field string, only bool) []training.Program {
	var ps []training.Program
	for _, p := range cat {
		if p.Serves(field) && (!only || workshop(p)) {
			ps = append(ps, p)
		}
	}
	rank := func(p training.Program) int {
		if workshop(p) {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ps, func(a, b training.Program) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.JP, a.JP), strings.Compare(a.Code, b.Code))
	})
	return ps
}

// workshopsFirst replaces the national deficit recommender: when JP are missing, programs serving the field until
// the deficit is covered, workshops and seminars first (priority 3).
func workshopsFirst(q training.Requirement) training.Recommender {
	return func(r training.RecommendRequest) []training.Recommendation {
		missing := q.Minutes - q.Counted(r.Ledger)
		if missing <= 0 {
			return nil
		}
		jp := fmt.Sprintf("%.2f JP", training.JP(missing))
		return cover(byWorkshopThenJP(r.Catalogue, r.Employee.Position.Field, false), missing, 3,
			career.Message{ID: "Kekurangan JP tahun ini: " + jp + "; workshop dan seminar lebih dulu", EN: "JP still missing this year: " + jp + "; workshops and seminars first"})
	}
}

// fastTrackDevelopment advises a Sangat Baik employee who has met the yearly requirement the workshops and seminars
// that bring them to the fast track's extra JP (priority 4).
func (c config) fastTrackDevelopment(q training.Requirement) training.Recommender {
	return func(r training.RecommendRequest) []training.Recommendation {
		if r.Last.Predicate != evaluation.SangatBaik {
			return nil
		}
		counted := q.Counted(r.Ledger)
		if counted < q.Minutes {
			return nil // the deficit comes first
		}
		missing := c.FastTrack.ExtraMinutes - (counted - q.Minutes)
		if missing <= 0 {
			return nil
		}
		jp := fmt.Sprintf("%.2f JP", training.JP(missing))
		return cover(byWorkshopThenJP(r.Catalogue, r.Employee.Position.Field, true), missing, 4,
			career.Message{ID: "Sangat Baik: tambahan " + jp + " di atas 20 JP membuka jalur cepat seleksi jabatan", EN: "Sangat Baik: " + jp + " more beyond the yearly 20 open the selection fast track"})
	}
}
