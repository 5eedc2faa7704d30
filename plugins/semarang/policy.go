package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Semarang's policy.
const Version = "1.0.0"

const (
	region = "semarang"
	// seed is the document the policy is drawn from; every region rule cites it.
	seed = "Kebijakan Kota Semarang (seed 001_d683ef1ce1b626a4.txt)"
)

// Indicator codes of Semarang's results measure (evaluation.Indicator.Code).
const (
	IndicatorTarget         = "target"          // pencapaian target
	IndicatorServiceQuality = "service_quality" // kualitas pelayanan
	IndicatorInnovation     = "innovation"      // inovasi yang dihasilkan
)

// config holds the region's parameters. Their defaults are in defaults; Describe publishes every one with its value.
type config struct {
	// IndicatorWeights weigh the results indicators; they add up to 1.
	IndicatorWeights map[string]float64
	// Below and Above bound the weighted achievement (% of target): below Below is di bawah ekspektasi, at or
	// above Above di atas, in between sesuai.
	Below, Above float64
	// FocusTags are the city's training focus: project management, IT, communication.
	FocusTags []string
	// FurtherStudyMinPredicate is the latest predicate from which further study (S2/S3) is recommended.
	FurtherStudyMinPredicate evaluation.Predicate
	// Selection weights: performance, competence and innovation.
	Weights promotion.Weights
	// MobilityYears is the time in post after which the city recommends a move between its own units.
	MobilityYears int
}

func defaults() config {
	return config{
		IndicatorWeights:         map[string]float64{IndicatorTarget: 0.5, IndicatorServiceQuality: 0.3, IndicatorInnovation: 0.2},
		Below:                    80,
		Above:                    110,
		FocusTags:                []string{"project_management", "it", "communication"},
		FurtherStudyMinPredicate: evaluation.Baik,
		Weights:                  promotion.Weights{Performance: 0.4, Competence: 0.3, Innovation: 0.3},
		MobilityYears:            2,
	}
}

// policy is Semarang's policy: the configured baseline, with CheckTransfer and Compliance overridden because the
// career and training domain policies have no hook for what Semarang adds there.
type policy struct {
	*plugins.Baseline
	c config
}

// New returns Semarang's policy: the national baseline with these changes, each from the seed document
// 001_d683ef1ce1b626a4.txt.
//
//   - Results (hasil kerja) are measured on weighted indicators — target achievement 50%, service quality 30%,
//     innovation 20% — in the quarterly cadence the national practice already has (section Penilaian Kinerja dan
//     Promosi: "penilaian kinerja dilakukan secara berkala dengan melibatkan berbagai indikator, seperti pencapaian
//     target, kualitas pelayanan, dan inovasi"). Behaviour stays the superior's rating (PermenPANRB 6/2022 Pasal 10).
//   - Training recommendations add the city's focus — project management, IT and communication — when results are
//     below expectations, and further study (magister, doktor) for those with a good predicate (section Program
//     Pelatihan dan Pendidikan). Further study counts in the JP ledger as development, as PP 17/2020 Pasal 203
//     allows (pendidikan is a form of development); the compliance decision shows it separately.
//   - Mentoring pairs a senior with a junior of the same profession, across units (section Peran Mentoring dan
//     Pembinaan: a senior doctor at Dinas Kesehatan guides young doctors).
//   - Position selection rewards innovation: performance 40%, competence 30%, innovation 30% (the seed's Dinas
//     Pendidikan employee whose innovative programme improved schools).
//   - Mobility between positions, fields and agencies (keuangan → perencanaan, section Peluang Mobilitas Karier:
//     "berpindah antar instansi atau jabatan") is recommended once 2 years in post are served. The national transfer
//     rules all stand: 2 years in post (PP 11/2017 Pasal 190 ayat 2) and, for a personal request to move to another
//     agency, 10 years of service (ayat 3) — a national rule Semarang may not relax.
//   - Training allocation stays budget-limited and national (seed: "kurangnya sumber daya dan anggaran").
func New() plugins.Policy {
	c := defaults()
	b := plugins.National()
	b.Evaluation.Hasil = evaluation.IndicatorMeasure(c.IndicatorWeights, c.Below, c.Above, seed+", Penilaian Kinerja dan Promosi")
	b.Training.Recommenders = []training.Recommender{
		training.FromAppraisal, c.focus, training.FromDeficit(b.Training.Requirement), c.furtherStudy,
	}
	b.Mentoring.Pair = []mentoring.PairRule{mentoring.SameProfession}
	b.Mentoring.Rules = []career.Criterion{{
		Code: "mentoring.same_profession", Passed: true, Source: seed + ", Peran Mentoring dan Pembinaan",
		Text: career.Message{ID: "Mentor dan mentee dari profesi yang sama, boleh lintas unit kerja", EN: "Mentor and mentee share a profession, across units"},
	}}
	b.Promotion.Weights = c.Weights
	b.Info = plugins.Description{
		Region: region, Name: "Kota Semarang", Version: Version, Protocol: plugins.ProtocolVersion,
		Params: c.params(), Rules: rules(c, b),
	}
	return &policy{Baseline: b, c: c}
}

func (c config) params() []plugins.Param {
	p := plugins.NewParam
	w := c.IndicatorWeights
	return []plugins.Param{
		p("semarang.indicator.weight.target", fmt.Sprint(w[IndicatorTarget]), "Bobot indikator pencapaian target", "Weight of the target-achievement indicator"),
		p("semarang.indicator.weight.service_quality", fmt.Sprint(w[IndicatorServiceQuality]), "Bobot indikator kualitas pelayanan", "Weight of the service-quality indicator"),
		p("semarang.indicator.weight.innovation", fmt.Sprint(w[IndicatorInnovation]), "Bobot indikator inovasi", "Weight of the innovation indicator"),
		p("semarang.indicator.below", fmt.Sprint(c.Below), "Capaian tertimbang (%) di bawahnya hasil kerja di bawah ekspektasi", "Weighted achievement (%) below which results are below expectations"),
		p("semarang.indicator.above", fmt.Sprint(c.Above), "Capaian tertimbang (%) mulai dari mana hasil kerja di atas ekspektasi", "Weighted achievement (%) from which results are above expectations"),
		p("semarang.training.focus_tags", strings.Join(c.FocusTags, ","), "Fokus pelatihan kota: manajemen proyek, TI, komunikasi", "The city's training focus: project management, IT, communication"),
		p("semarang.further_study.min_predicate", c.FurtherStudyMinPredicate.String(), "Predikat minimal untuk saran pendidikan lanjutan (S2/S3)", "Minimum predicate for advising further study (S2/S3)"),
		p("semarang.transfer.mobility_years", fmt.Sprint(c.MobilityYears), "Masa dalam jabatan sebelum perpindahan antarunit, bidang atau instansi dianjurkan (tahun)", "Years in post after which a move between units, fields or agencies is recommended"),
	}
}

// rules summarises the policy for Describe: what Semarang changes, then the national rules that still apply, with
// the values b (the configured baseline) judges by, so that the summary never drifts from the code.
func rules(c config, b *plugins.Baseline) []career.Message {
	w := c.IndicatorWeights
	t, sel, m := b.Career.Transfer, b.Promotion.Selection, b.Mentoring
	minJP := b.Training.Requirement.Minutes / training.MinutesPerJP
	return []career.Message{
		{ID: fmt.Sprintf("Penilaian berkala (triwulanan dan tahunan); hasil kerja dari indikator berbobot: pencapaian target %.0f%%, kualitas pelayanan %.0f%%, inovasi %.0f%%; capaian < %.0f%% di bawah ekspektasi, ≥ %.0f%% di atas ekspektasi (seed 001, Penilaian Kinerja dan Promosi).", w[IndicatorTarget]*100, w[IndicatorServiceQuality]*100, w[IndicatorInnovation]*100, c.Below, c.Above),
			EN: fmt.Sprintf("Periodic appraisal (quarterly and annual); results from weighted indicators: target achievement %.0f%%, service quality %.0f%%, innovation %.0f%%; below %.0f%% is below expectations, %.0f%% or more above (seed 001, Penilaian Kinerja dan Promosi).", w[IndicatorTarget]*100, w[IndicatorServiceQuality]*100, w[IndicatorInnovation]*100, c.Below, c.Above)},
		{ID: "Pelatihan manajemen proyek, teknologi informasi dan komunikasi; pendidikan lanjutan (magister, doktor) dicatat sebagai pengembangan kompetensi; alokasi kursi dibatasi anggaran (seed 001, Program Pelatihan dan Pendidikan; Kendala dan Tantangan).",
			EN: "Training in project management, IT and communication; further study (master's, doctorate) recorded as development; seats allocated within the budget (seed 001, Program Pelatihan dan Pendidikan; Kendala dan Tantangan)."},
		{ID: "Dokter senior membimbing dokter muda: mentor dan mentee dari profesi yang sama, lintas unit (seed 001, Peran Mentoring dan Pembinaan).",
			EN: "Senior doctors mentor young doctors: mentor and mentee share a profession, across units (seed 001, Peran Mentoring dan Pembinaan)."},
		{ID: fmt.Sprintf("Seleksi jabatan menghargai inovasi: kinerja %.0f%%, kompetensi %.0f%%, inovasi %.0f%% (seed 001, Penilaian Kinerja dan Promosi).", c.Weights.Performance*100, c.Weights.Competence*100, c.Weights.Innovation*100),
			EN: fmt.Sprintf("Position selection rewards innovation: performance %.0f%%, competence %.0f%%, innovation %.0f%% (seed 001, Penilaian Kinerja dan Promosi).", c.Weights.Performance*100, c.Weights.Competence*100, c.Weights.Innovation*100)},
		{ID: fmt.Sprintf("Pegawai dapat berpindah antarunit, bidang atau instansi (mis. keuangan ke perencanaan); perpindahan dianjurkan setelah %d tahun dalam jabatan bila syarat nasional mutasi terpenuhi: paling singkat %d tahun dalam jabatan, dan pindah instansi atas permintaan sendiri setelah %d tahun masa kerja (PP 11/2017 Pasal 190; seed 001, Peluang Mobilitas Karier).", c.MobilityYears, t.MinYearsInPosition, t.MinServiceYearsPersonal),
			EN: fmt.Sprintf("Employees may move between units, fields or agencies (e.g. finance to planning); a move is recommended after %d years in post when the national transfer rules are met: at least %d years in the position, and a personal request to move to another agency only after %d years of service (PP 11/2017 Pasal 190; seed 001, Peluang Mobilitas Karier).", c.MobilityYears, t.MinYearsInPosition, t.MinServiceYearsPersonal)},
		{ID: fmt.Sprintf("Aturan nasional lainnya tetap berlaku: syarat seleksi jabatan (paling singkat %d tahun dalam jabatan, predikat minimal %s dalam %d tahun terakhir) dan batas JPT; paling sedikit %d JP setahun, kursi pelatihan lebih dulu bagi yang belum memenuhinya; perilaku kerja dinilai atasan langsung; mentor lebih senior dengan predikat minimal %s, paling banyak %d mentee; kenaikan pangkat.",
			sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity),
			EN: fmt.Sprintf("The other national rules stand: position-selection eligibility (at least %d years in the position, a predicate of at least %s in the last %d years) and the JPT floors; at least %d JP a year, training seats first to those below it; behaviour rated by the direct superior; a senior mentor with a predicate of at least %s, at most %d mentees; rank promotion.",
				sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, minJP, m.MinPredicate.Name().ID, m.Capacity)},
	}
}

// CheckTransfer implements career.Policy: the national check, plus the mobility criterion
// "semarang.transfer.mobility" and the detail "mobility_recommended" on every request — a move between the city's
// units or fields within one agency and a move to another agency alike, since the seed lets employees "berpindah
// antar instansi atau jabatan" (section Peluang Mobilitas Karier; DESIGN §4: cross-agency transfer after 2 years in
// post, e.g. keuangan → perencanaan). The move is recommended once MobilityYears in post are served and the national
// check allows it, where the national check only recommends a rotation after 5 years. It never changes the national
// outcome: Semarang adds encouragement, not permission, so a personal request to move to another agency still
// waits for 10 years of service (PP 11/2017 Pasal 190 ayat 3), and a move the national check does not allow yet is
// not recommended.
func (p *policy) CheckTransfer(ctx context.Context, r career.TransferRequest) (career.Decision, error) {
	d, err := p.Baseline.CheckTransfer(ctx, r)
	if err != nil {
		return d, err
	}
	inPos := r.Employee.InPosition(r.On)
	ok := inPos.AtLeast(p.c.MobilityYears, 0)
	d.Add(career.Criterion{
		Code: "semarang.transfer.mobility", Passed: ok, Required: career.Years(p.c.MobilityYears), Found: inPos.String(),
		Source: seed + ", Peluang Mobilitas Karier; parameter semarang.transfer.mobility_years",
		Text: career.Message{ID: fmt.Sprintf("Perpindahan antarunit, bidang atau instansi dianjurkan setelah %d tahun dalam jabatan", p.c.MobilityYears),
			EN: fmt.Sprintf("A move between units, fields or agencies is recommended after %d years in post", p.c.MobilityYears)},
	})
	d.Set("mobility_recommended", fmt.Sprint(ok && d.Outcome == career.Eligible))
	return d, nil
}

// Compliance implements training.Policy: the national check (further study counts like any classical activity),
// plus, when the ledger holds further study (S2/S3, training.FurtherStudy), the criterion
// "semarang.training.further_study" and the detail "further_study_jp" that show it recorded as development.
func (p *policy) Compliance(ctx context.Context, l training.Ledger) (career.Decision, error) {
	d, err := p.Baseline.Compliance(ctx, l)
	if err != nil {
		return d, err
	}
	study := 0
	for _, a := range l.Activities {
		if a.Method == training.FurtherStudy {
			study += a.Minutes
		}
	}
	if study > 0 {
		d.Add(career.Criterion{
			Code: "semarang.training.further_study", Passed: true, Found: fmt.Sprintf("%.2f JP", training.JP(study)),
			Source: seed + ", Program Pelatihan dan Pendidikan; PP 17/2020 Pasal 203",
			Text:   career.Message{ID: "Pendidikan lanjutan (S2/S3) dicatat sebagai pengembangan kompetensi", EN: "Further study (S2/S3) recorded as development"},
		})
		d.Set("further_study_jp", fmt.Sprintf("%.2f", training.JP(study)))
	}
	return d, nil
}

// focus recommends, when results are below expectations, the programs in the city's focus areas (priority 2).
func (c config) focus(r training.RecommendRequest) []training.Recommendation {
	if r.Last.Hasil != evaluation.DiBawah {
		return nil
	}
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if !p.Serves(r.Employee.Position.Field) {
			continue
		}
		for _, t := range c.FocusTags {
			if p.HasTag(t) {
				out = append(out, training.Recommendation{Program: p.Code, Priority: 2, Source: seed + ", Program Pelatihan dan Pendidikan",
					Reason: career.Message{ID: "Hasil kerja di bawah ekspektasi: pelatihan fokus kota (" + t + ")", EN: "Results below expectations: city focus training (" + t + ")"}})
				break
			}
		}
	}
	return out
}

// furtherStudy recommends further-study programs (method training.FurtherStudy) to an employee whose latest
// predicate is at least FurtherStudyMinPredicate and who can still rise a degree: a program tagged "s2" to S1/D-IV
// holders, "s3" to S2, dokter and apoteker holders, an untagged one to anyone below S3 (priority 4: development,
// not a deficit).
func (c config) furtherStudy(r training.RecommendRequest) []training.Recommendation {
	if !r.Last.Predicate.AtLeast(c.FurtherStudyMinPredicate) {
		return nil
	}
	ed := r.Employee.Education
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if p.Method != training.FurtherStudy || !p.Serves(r.Employee.Position.Field) {
			continue
		}
		var fits bool
		switch {
		case p.HasTag("s2"):
			fits = ed == career.S1 || ed == career.D4
		case p.HasTag("s3"):
			fits = ed == career.S2 || ed == career.Dokter || ed == career.Apoteker
		default:
			fits = ed.Valid() && ed != career.S3
		}
		if fits {
			out = append(out, training.Recommendation{Program: p.Code, Priority: 4, Source: seed + ", Program Pelatihan dan Pendidikan",
				Reason: career.Message{ID: "Kinerja baik: pendidikan lanjutan (magister/doktor)", EN: "Good performance: further study (master's/doctorate)"}})
		}
	}
	return out
}
