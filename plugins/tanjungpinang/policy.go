package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Tanjungpinang's policy.
const Version = "1.0.0"

const (
	region = "tanjungpinang"
	// seed is the document the policy is drawn from; every region rule cites it.
	seed = "Kebijakan Kota Tanjungpinang (seed 004_34529212ac5d13d6.txt)"
	// menteeMaxServiceYears bounds who counts as new staff needing a mentor: less than this many years of service.
	menteeMaxServiceYears = 1
)

// config holds the region's parameters. Their defaults are in defaults; Describe publishes every one with its value.
type config struct {
	// IKMThreshold is the public-satisfaction index below which a service post's results drop one step: 76.61, the
	// bottom of category B ("baik") in PermenPANRB 14/2017, so categories C and D lower results.
	IKMThreshold float64
	// SuperiorWeight is the superior's share of the behaviour rating; peers have the rest.
	SuperiorWeight float64
	// MinPeers is the number of peer ratings the blend needs; with fewer the superior's rating stands alone, flagged.
	MinPeers int
	// InformalCapPercent is the largest share of the yearly 20 JP informal learning may fill.
	InformalCapPercent int
	// FocusTags are the city's training programmes: leadership, project management, public-service quality.
	FocusTags []string
	// PublicServiceTag tags the public-service-quality programmes advised when the unit's IKM is low.
	PublicServiceTag string
	// Transparency lets employees see their own results.
	Transparency bool
}

func defaults() config {
	return config{
		IKMThreshold:       76.61,
		SuperiorWeight:     0.7,
		MinPeers:           2,
		InformalCapPercent: 50,
		FocusTags:          []string{"leadership", "project_management", "public_service"},
		PublicServiceTag:   "public_service",
		Transparency:       true,
	}
}

// New returns Tanjungpinang's policy: the national baseline with these changes, each from the seed document
// 004_34529212ac5d13d6.txt. Rank promotion, position selection, transfers and the budget-limited allocation of
// training seats ("keterbatasan anggaran", section Tantangan) stay national.
//
//   - Evaluation is continuous (section Pentingnya Evaluasi dan Umpan Balik: "evaluasi yang berkesinambungan"):
//     feedback is recorded at any time and the latest of each rater counts; quarterly reviews and the annual
//     appraisal are both accepted.
//   - Behaviour blends the superior's rating (70%) with the mean of peers' (30%), at least 2 peers, else the
//     superior's alone, flagged ("Umpan balik yang konstruktif dari atasan dan rekan kerja sangat penting").
//   - Community feedback counts (section Keterlibatan Masyarakat: the public gives input on public services): in a
//     public-service post, a unit IKM in category C or D (below 76.61, PermenPANRB 14/2017) lowers results one step
//     (evaluation.CommunityAdjusted). The decision's detail "community_index_low" records it, and training
//     recommendations then put public-service quality first.
//   - Employees see their own results ("ASN dapat melihat hasil kinerja mereka secara jelas"): the parameter
//     "transparency" and the decision detail "visible_to_employee" publish the rule. The reference server reads
//     neither: it already shows every employee their own appraisals, in every region, so the rule holds there.
//   - Learning formal and informal (section Prinsip Dasar: "pembelajaran, baik formal maupun informal"): informal
//     learning counts toward the yearly 20 JP (PP 17/2020 Pasal 203), up to 50% of it.
//   - Training is leadership, project management and public-service quality (section Implementasi Program
//     Pelatihan); those programs come first when JP are missing.
//   - Every new ASN gets a mentor in the first year (section Pengembangan Karier Melalui Mentoring: "ASN junior yang
//     baru bergabung"): mentees are first-year staff, so mentors go to them and not to others.
func New() plugins.Policy {
	c := defaults()
	b := plugins.National()
	b.Evaluation.Cadence = evaluation.Continuous
	b.Evaluation.Hasil = evaluation.CommunityAdjusted(evaluation.SuperiorMeasure(evaluation.Hasil), c.IKMThreshold,
		seed+", Keterlibatan Masyarakat; PermenPANRB 14/2017")
	b.Evaluation.Perilaku = evaluation.ThreeSixty(evaluation.Perilaku, c.SuperiorWeight, c.MinPeers, seed+", Pentingnya Evaluasi dan Umpan Balik")
	b.Evaluation.After = c.after
	b.Training.Requirement.InformalCapPercent = c.InformalCapPercent
	b.Training.Requirement.Source = "PP 11/2017 jo PP 17/2020 Pasal 203 ayat 4; " + seed + ", Prinsip Dasar Pengembangan Berkelanjutan"
	q := b.Training.Requirement
	b.Training.Recommenders = []training.Recommender{training.FromAppraisal, c.publicService, c.focusFirst(q)}
	b.Mentoring.Mentee = []mentoring.ProfileRule{mentoring.NewStaffMentee(menteeMaxServiceYears)}
	b.Mentoring.Rules = []career.Criterion{{
		Code: "mentoring.first_year_mentee", Passed: true, Required: fmt.Sprintf("< %d tahun masa kerja", menteeMaxServiceYears), Source: seed + ", Pengembangan Karier Melalui Mentoring",
		Text: career.Message{ID: "Setiap ASN baru pada tahun pertama mendapat mentor", EN: "Every new ASN in the first year gets a mentor"},
	}}
	b.Info = plugins.Description{
		Region: region, Name: "Kota Tanjungpinang", Version: Version, Protocol: plugins.ProtocolVersion,
		Params: c.params(), Rules: rules(c, b),
	}
	return b
}

func (c config) params() []plugins.Param {
	p := plugins.NewParam
	return []plugins.Param{
		p("transparency", fmt.Sprint(c.Transparency), "Pegawai dapat melihat hasil penilaian kinerjanya sendiri", "Employees see their own appraisal results"),
		p("tanjungpinang.ikm.threshold", fmt.Sprintf("%.2f", c.IKMThreshold), "IKM unit layanan di bawah nilai ini (mutu C/D, PermenPANRB 14/2017) menurunkan hasil kerja satu tingkat", "A service unit's IKM below this (category C/D, PermenPANRB 14/2017) lowers results one step"),
		p("tanjungpinang.evaluation.superior_weight", fmt.Sprint(c.SuperiorWeight), "Bobot penilaian atasan atas perilaku kerja", "Weight of the superior's behaviour rating"),
		p("tanjungpinang.evaluation.peer_weight", fmt.Sprint(math.Round((1-c.SuperiorWeight)*100)/100), "Bobot rerata umpan balik rekan kerja atas perilaku kerja", "Weight of the peers' mean behaviour feedback"),
		p("tanjungpinang.evaluation.min_peers", fmt.Sprint(c.MinPeers), "Jumlah minimal umpan balik rekan kerja; bila kurang, hanya penilaian atasan dipakai dan ditandai", "Minimum peer feedback; with fewer the superior's rating alone is used, flagged"),
		p("tanjungpinang.training.focus_tags", strings.Join(c.FocusTags, ","), "Program pelatihan kota: kepemimpinan, manajemen proyek, pelayanan publik", "The city's training programmes: leadership, project management, public service"),
		p("tanjungpinang.mentoring.mentee_max_service_years", strconv.Itoa(menteeMaxServiceYears), "Setiap ASN dengan masa kerja kurang dari (tahun) mendapat mentor", "Every ASN with less service than (years) gets a mentor"),
	}
}

// rules summarises the policy for Describe: what Tanjungpinang changes, then the national rules that still apply,
// with the values b (the configured baseline) judges by, so that the summary never drifts from the code.
func rules(c config, b *plugins.Baseline) []career.Message {
	sel, w, m, t := b.Promotion.Selection, b.Promotion.Weights, b.Mentoring, b.Career.Transfer
	minJP := b.Training.Requirement.Minutes / training.MinutesPerJP
	return []career.Message{
		{ID: "Evaluasi berkelanjutan: umpan balik dicatat kapan saja, tinjauan triwulanan dan penilaian tahunan; umpan balik terakhir tiap penilai yang dipakai (seed 004, Pentingnya Evaluasi dan Umpan Balik).",
			EN: "Continuous evaluation: feedback recorded at any time, quarterly reviews and the annual appraisal; each rater's latest feedback counts (seed 004, Pentingnya Evaluasi dan Umpan Balik)."},
		{ID: fmt.Sprintf("Perilaku kerja = %.0f%% atasan + %.0f%% rerata rekan kerja (paling sedikit %d rekan; bila kurang, hanya atasan dan ditandai) (seed 004, Pentingnya Evaluasi dan Umpan Balik).", c.SuperiorWeight*100, (1-c.SuperiorWeight)*100, c.MinPeers),
			EN: fmt.Sprintf("Behaviour = %.0f%% superior + %.0f%% mean of peers (at least %d peers; with fewer, the superior alone, flagged) (seed 004, Pentingnya Evaluasi dan Umpan Balik).", c.SuperiorWeight*100, (1-c.SuperiorWeight)*100, c.MinPeers)},
		{ID: fmt.Sprintf("Umpan balik masyarakat: pada jabatan pelayanan publik, IKM unit di bawah %.2f (mutu C atau D, PermenPANRB 14/2017) menurunkan hasil kerja satu tingkat, dan pelatihan mutu pelayanan publik disarankan lebih dulu (seed 004, Keterlibatan Masyarakat).", c.IKMThreshold),
			EN: fmt.Sprintf("Community feedback: in a public-service post, a unit IKM below %.2f (category C or D, PermenPANRB 14/2017) lowers results one step, and public-service quality training is advised first (seed 004, Keterlibatan Masyarakat).", c.IKMThreshold)},
		{ID: "Transparansi: pegawai dapat melihat hasil kinerjanya sendiri (seed 004, Pentingnya Evaluasi dan Umpan Balik).",
			EN: "Transparency: employees see their own results (seed 004, Pentingnya Evaluasi dan Umpan Balik)."},
		{ID: fmt.Sprintf("Pembelajaran formal dan informal: pembelajaran informal (belajar mandiri, komunitas belajar, bimbingan di tempat kerja) diakui paling banyak %d%% dari kewajiban %d JP setahun (seed 004, Prinsip Dasar Pengembangan Berkelanjutan).", c.InformalCapPercent, minJP),
			EN: fmt.Sprintf("Formal and informal learning: informal learning (self-study, learning communities, guidance at work) counts up to %d%% of the yearly %d JP (seed 004, Prinsip Dasar Pengembangan Berkelanjutan).", c.InformalCapPercent, minJP)},
		{ID: fmt.Sprintf("Pelatihan kepemimpinan, manajemen proyek dan pelayanan publik: program ini disarankan lebih dulu bila JP belum %d; alokasi kursi dalam batas anggaran, lebih dulu bagi yang belum memenuhi %d JP (seed 004, Implementasi Program Pelatihan; Tantangan).", minJP, minJP),
			EN: fmt.Sprintf("Training in leadership, project management and public service: these programmes are advised first while JP are below %d; seats allocated within the budget, first to those below %d JP (seed 004, Implementasi Program Pelatihan; Tantangan).", minJP, minJP)},
		{ID: fmt.Sprintf("Setiap ASN baru (masa kerja kurang dari %d tahun) mendapat mentor: hanya ASN baru yang dicocokkan, sebanyak mungkin dari mereka mendapat mentor, dan yang belum mendapat mentor dicantumkan dengan alasannya; mentor lebih senior dengan predikat minimal %s, paling banyak %d mentee (seed 004, Pengembangan Karier Melalui Mentoring).", menteeMaxServiceYears, m.MinPredicate.Name().ID, m.Capacity),
			EN: fmt.Sprintf("Every new ASN (less than %d year(s) of service) gets a mentor: only new ASN are matched, as many of them as possible get one, and any left without is listed with the reason; a senior mentor with a predicate of at least %s, at most %d mentees (seed 004, Pengembangan Karier Melalui Mentoring).", menteeMaxServiceYears, m.MinPredicate.Name().ID, m.Capacity)},
		{ID: fmt.Sprintf("Aturan nasional lainnya tetap berlaku: seleksi jabatan (paling singkat %d tahun dalam jabatan, predikat minimal %s dalam %d tahun terakhir; kinerja %.0f%%, kompetensi %.0f%%, pengalaman %.0f%%) dan batas JPT; kenaikan pangkat; mutasi setelah %d tahun dalam jabatan.",
			sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, w.Performance*100, w.Competence*100, w.Experience*100, t.MinYearsInPosition),
			EN: fmt.Sprintf("The other national rules stand: position selection (at least %d years in the position, a predicate of at least %s in the last %d years; performance %.0f%%, competence %.0f%%, experience %.0f%%) and the JPT floors; rank promotion; transfers after %d years in the position.",
				sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, w.Performance*100, w.Competence*100, w.Experience*100, t.MinYearsInPosition)},
	}
}

// after records, once the predicate is known, whether the employee sees the result ("visible_to_employee") and
// whether the unit's IKM lowered results ("community_index_low"), which Recommend reads.
func (c config) after(a evaluation.Appraisal, r *evaluation.Result) {
	r.Decision.Set("visible_to_employee", fmt.Sprint(c.Transparency))
	if a.Employee.Position.Service && a.CommunityIndex > 0 && a.CommunityIndex < c.IKMThreshold {
		r.Decision.Set("community_index_low", "true")
	}
}

// publicService recommends the public-service-quality programs first (priority 1) when the last appraisal found the
// unit's IKM below the threshold.
func (c config) publicService(r training.RecommendRequest) []training.Recommendation {
	if r.Last.Decision.Details["community_index_low"] != "true" {
		return nil
	}
	var out []training.Recommendation
	for _, p := range r.Catalogue {
		if p.HasTag(c.PublicServiceTag) && p.Serves(r.Employee.Position.Field) {
			out = append(out, training.Recommendation{Program: p.Code, Priority: 1, Source: seed + ", Keterlibatan Masyarakat",
				Reason: career.Message{ID: "IKM unit di bawah ambang: pelatihan mutu pelayanan publik", EN: "The unit's IKM is below the threshold: public-service quality training"}})
		}
	}
	return out
}

// focusFirst replaces the national deficit recommender: when JP are missing (informal learning counted up to the
// cap), programs serving the field until the deficit is covered, the city's focus programs first, then largest JP
// (priority 3).
func (c config) focusFirst(q training.Requirement) training.Recommender {
	return func(r training.RecommendRequest) []training.Recommendation {
		missing := q.Minutes - q.Counted(r.Ledger)
		if missing <= 0 {
			return nil
		}
		focus := func(p training.Program) int {
			for _, t := range c.FocusTags {
				if p.HasTag(t) {
					return 0
				}
			}
			return 1
		}
		var ps []training.Program
		for _, p := range r.Catalogue {
			if p.Serves(r.Employee.Position.Field) {
				ps = append(ps, p)
			}
		}
		slices.SortStableFunc(ps, func(a, b training.Program) int {
			return cmp.Or(cmp.Compare(focus(a), focus(b)), cmp.Compare(b.JP, a.JP), strings.Compare(a.Code, b.Code))
		})
		jp := fmt.Sprintf("%.2f JP", training.JP(missing))
		var out []training.Recommendation
		for _, p := range ps {
			if missing <= 0 {
				break
			}
			missing -= training.Minutes(p.JP)
			out = append(out, training.Recommendation{Program: p.Code, Priority: 3, Source: seed + ", Implementasi Program Pelatihan",
				Reason: career.Message{ID: "Kekurangan JP tahun ini: " + jp + "; program kepemimpinan, manajemen proyek, pelayanan publik lebih dulu",
					EN: "JP still missing this year: " + jp + "; leadership, project management and public-service programmes first"}})
		}
		return out
	}
}
