package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/training"
)

// Version is the version of Pauh's policy.
const Version = "1.0.0"

const (
	region = "pauh"
	// seed is the document the policy is drawn from; every region rule cites it.
	seed = "Kebijakan Pauh (seed 002_446637bf4a63cf86.txt)"
)

// config holds the region's parameters. Their defaults are in defaults; Describe publishes every one with its value.
type config struct {
	// SuperiorWeight is the superior's share of the behaviour rating; peers have the rest.
	SuperiorWeight float64
	// MinPeers is the number of peer ratings the blend needs; with fewer the superior's rating stands alone, flagged.
	MinPeers int
}

func defaults() config { return config{SuperiorWeight: 0.6, MinPeers: 2} }

// New returns Pauh's policy: the national baseline with these changes, each from the seed document
// 002_446637bf4a63cf86.txt. Pauh's mentoring and promotion rules are national.
//
//   - The appraisal is annual and involves the direct superior and peers (section Evaluasi Kinerja dan Pengembangan
//     Karier: "evaluasi ini bisa dilakukan setiap tahun dengan melibatkan atasan langsung dan rekan kerja"):
//     behaviour is 60% the superior's rating and 40% the mean of the peers' (evaluation.ThreeSixty); with fewer than
//     2 peer ratings the superior's rating stands alone and the decision flags it. Results stay the superior's
//     rating (PermenPANRB 6/2022 Pasal 10).
//   - Evaluation results choose the training ("Hasil evaluasi ini kemudian dapat digunakan untuk menentukan
//     pelatihan yang tepat"), and training matches the job field (section Komponen Utama: "pelatihan yang sesuai
//     dengan bidang tugas mereka", a health officer taking hospital management): every recommendation serves the
//     employee's field, and programs made for that field come before general ones.
//   - Equal opportunity (section Tantangan: some feel they do not get the same chance): seats go first to those with
//     the fewest JP this year (training.FewestMinutesFirst), within the budget.
//   - Transparency (section Tantangan: "sosialisasi mengenai kebijakan ini agar semua pegawai memahami proses yang
//     ada"): Describe publishes every parameter and rule, and every decision lists its criteria.
func New() plugins.Policy {
	c := defaults()
	b := plugins.National()
	b.Evaluation.Cadence = evaluation.Annual
	b.Evaluation.Perilaku = evaluation.ThreeSixty(evaluation.Perilaku, c.SuperiorWeight, c.MinPeers, seed+", Evaluasi Kinerja dan Pengembangan Karier")
	b.Training.Recommenders = []training.Recommender{matched(training.FromAppraisal), fieldFirst(b.Training.Requirement)}
	b.Training.Order = training.FewestMinutesFirst
	b.Training.OrderText = career.Message{
		ID: "Kesempatan yang sama: kursi pertama untuk pegawai dengan JP paling sedikit tahun ini, lalu urutan usulan instansi",
		EN: "Equal opportunity: seats first to those with the fewest JP this year, then in the office's order",
	}
	b.Training.OrderSource = seed + ", Tantangan dalam Pengelolaan Karier ASN"
	b.Info = plugins.Description{
		Region: region, Name: "Pauh", Version: Version, Protocol: plugins.ProtocolVersion,
		Params: c.params(), Rules: rules(c, b),
	}
	return b
}

func (c config) params() []plugins.Param {
	p := plugins.NewParam
	return []plugins.Param{
		p("pauh.evaluation.superior_weight", fmt.Sprint(c.SuperiorWeight), "Bobot penilaian atasan langsung atas perilaku kerja", "Weight of the direct superior's behaviour rating"),
		p("pauh.evaluation.peer_weight", fmt.Sprint(math.Round((1-c.SuperiorWeight)*100)/100), "Bobot rerata penilaian rekan kerja atas perilaku kerja", "Weight of the peers' mean behaviour rating"),
		p("pauh.evaluation.min_peers", fmt.Sprint(c.MinPeers), "Jumlah minimal penilaian rekan kerja; bila kurang, hanya penilaian atasan dipakai dan ditandai", "Minimum peer ratings; with fewer the superior's rating alone is used, flagged"),
		p("pauh.training.field_match", "true", "Rekomendasi pelatihan hanya program yang melayani bidang tugas pegawai, program khusus bidang lebih dulu", "Training recommendations serve the employee's job field only, field programs first"),
		p("pauh.training.order", "fewest_jp_first", "Urutan alokasi kursi: JP tahun ini paling sedikit lebih dulu", "Seat order: fewest JP this year first"),
		p("pauh.transparency", "true", "Semua parameter, aturan dan kriteria keputusan diumumkan", "Every parameter, rule and decision criterion is published"),
	}
}

// rules summarises the policy for Describe: what Pauh changes, then the national rules that still apply, with the
// values b (the configured baseline) judges by, so that the summary never drifts from the code.
func rules(c config, b *plugins.Baseline) []career.Message {
	sel, w, m, t := b.Promotion.Selection, b.Promotion.Weights, b.Mentoring, b.Career.Transfer
	minJP := b.Training.Requirement.Minutes / training.MinutesPerJP
	return []career.Message{
		{ID: fmt.Sprintf("Penilaian kinerja tahunan melibatkan atasan langsung dan rekan kerja: perilaku kerja = %.0f%% atasan + %.0f%% rerata rekan kerja, paling sedikit %d rekan; bila kurang, hanya penilaian atasan dipakai dan ditandai (seed 002, Evaluasi Kinerja dan Pengembangan Karier).", c.SuperiorWeight*100, (1-c.SuperiorWeight)*100, c.MinPeers),
			EN: fmt.Sprintf("Annual appraisal by the direct superior and peers: behaviour = %.0f%% superior + %.0f%% mean of peers, at least %d peers; with fewer the superior's rating alone is used, flagged (seed 002, Evaluasi Kinerja dan Pengembangan Karier).", c.SuperiorWeight*100, (1-c.SuperiorWeight)*100, c.MinPeers)},
		{ID: "Hasil evaluasi menentukan pelatihan; pelatihan sesuai bidang tugas (mis. kesehatan → manajemen rumah sakit), program khusus bidang lebih dulu (seed 002, Komponen Utama Kebijakan).",
			EN: "Appraisal results choose the training; training matches the job field (e.g. health → hospital management), field programs first (seed 002, Komponen Utama Kebijakan)."},
		{ID: "Kesempatan yang sama: kursi pelatihan pertama untuk pegawai dengan JP paling sedikit tahun ini, dalam batas anggaran (seed 002, Tantangan).",
			EN: "Equal opportunity: training seats first to those with the fewest JP this year, within the budget (seed 002, Tantangan)."},
		{ID: "Transparansi: semua parameter dan aturan diumumkan; setiap keputusan memuat kriterianya (seed 002, Tantangan: sosialisasi kebijakan).",
			EN: "Transparency: every parameter and rule is published; every decision lists its criteria (seed 002, Tantangan: explaining the policy)."},
		{ID: fmt.Sprintf("Aturan nasional lainnya tetap berlaku: paling sedikit %d JP setahun; hasil kerja dinilai atasan langsung; mentor lebih senior dengan predikat minimal %s, paling banyak %d mentee; seleksi jabatan (paling singkat %d tahun dalam jabatan, predikat minimal %s dalam %d tahun terakhir; kinerja %.0f%%, kompetensi %.0f%%, pengalaman %.0f%%) dan batas JPT; kenaikan pangkat; mutasi setelah %d tahun dalam jabatan.",
			minJP, m.MinPredicate.Name().ID, m.Capacity, sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, w.Performance*100, w.Competence*100, w.Experience*100, t.MinYearsInPosition),
			EN: fmt.Sprintf("The other national rules stand: at least %d JP a year; results rated by the direct superior; a senior mentor with a predicate of at least %s, at most %d mentees; position selection (at least %d years in the position, a predicate of at least %s in the last %d years; performance %.0f%%, competence %.0f%%, experience %.0f%%) and the JPT floors; rank promotion; transfers after %d years in the position.",
				minJP, m.MinPredicate.Name().ID, m.Capacity, sel.MinYearsInPosition, sel.MinPredicate.Name().ID, sel.PredicateYears, w.Performance*100, w.Competence*100, w.Experience*100, t.MinYearsInPosition)},
	}
}

// matched keeps only the recommendations of rec whose program serves the employee's job field: national coaching
// advice, for instance, may name a coaching program made for another field.
func matched(rec training.Recommender) training.Recommender {
	return func(r training.RecommendRequest) []training.Recommendation {
		serves := make(map[string]bool, len(r.Catalogue))
		for _, p := range r.Catalogue {
			serves[p.Code] = p.Serves(r.Employee.Position.Field)
		}
		return slices.DeleteFunc(rec(r), func(x training.Recommendation) bool { return !serves[x.Program] })
	}
}

// fieldFirst recommends, when the ledger is below the requirement, programs serving the employee's field until the
// deficit is covered: programs made for the field first, then general ones, each group largest JP first (priority 3).
// The national FromDeficit orders by JP alone, so a general seminar can crowd out the field's own training.
func fieldFirst(q training.Requirement) training.Recommender {
	return func(r training.RecommendRequest) []training.Recommendation {
		missing := q.Minutes - q.Counted(r.Ledger)
		if missing <= 0 {
			return nil
		}
		field := r.Employee.Position.Field
		var ps []training.Program
		for _, p := range r.Catalogue {
			if p.Serves(field) {
				ps = append(ps, p)
			}
		}
		general := func(p training.Program) int {
			if len(p.Fields) > 0 {
				return 0
			}
			return 1
		}
		slices.SortStableFunc(ps, func(a, b training.Program) int {
			return cmp.Or(cmp.Compare(general(a), general(b)), cmp.Compare(b.JP, a.JP), strings.Compare(a.Code, b.Code))
		})
		jp := fmt.Sprintf("%.2f JP", training.JP(missing))
		var out []training.Recommendation
		for _, p := range ps {
			if missing <= 0 {
				break
			}
			missing -= training.Minutes(p.JP)
			out = append(out, training.Recommendation{Program: p.Code, Priority: 3, Source: seed + ", Komponen Utama Kebijakan",
				Reason: career.Message{ID: "Kekurangan JP tahun ini: " + jp + "; pelatihan sesuai bidang tugas", EN: "JP still missing this year: " + jp + "; training in the job field"}})
		}
		return out
	}
}
