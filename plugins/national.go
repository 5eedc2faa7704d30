package plugins

import (
	"context"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

// NationalVersion is the version of the national baseline policy.
const NationalVersion = "2025.10.0"

// Baseline is a Policy made of the national domain policies. National returns the national baseline itself; a
// region plugin starts from National(), changes the parameters its rules differ on (they are plain fields), adds
// its own Params and Rules to Info, and — for what parameters cannot express — embeds *Baseline in its own type and
// overrides a method.
//
// Every decision a Baseline returns carries Info's region and version (career.Decision.Policy).
type Baseline struct {
	Info       Description
	Career     *career.National
	Evaluation *evaluation.National
	Training   *training.National
	Mentoring  *mentoring.National
	Promotion  *promotion.National
}

// National returns the national baseline policy (DESIGN §3).
func National() *Baseline {
	return &Baseline{
		Info: Description{
			Region: "national", Name: "Nasional", Version: NationalVersion, Protocol: ProtocolVersion,
			Rules: nationalRules,
		},
		Career:     career.NewNational(),
		Evaluation: evaluation.NewNational(),
		Training:   training.NewNational(),
		Mentoring:  mentoring.NewNational(),
		Promotion:  promotion.NewNational(),
	}
}

// nationalRules is the national baseline's summary of its rules (DESIGN §3), for Describe. A region's plugin
// replaces it with what the region changes; the rest of these apply there too.
var nationalRules = []career.Message{
	{ID: "Predikat kinerja dari hasil kerja dan perilaku kerja (7 nilai BerAKHLAK) yang dinilai atasan langsung: Di Bawah, Sesuai atau Di Atas Ekspektasi, menurut matriks PermenPANRB 6/2022; penilaian tahunan.",
		EN: "The performance predicate comes from results and behaviour (the 7 BerAKHLAK values) rated by the direct superior as below, meeting or above expectations, by the PermenPANRB 6/2022 matrix; appraisal is annual."},
	{ID: "Setiap PNS mengikuti pengembangan kompetensi paling sedikit 20 JP setahun (1 JP = 45 menit); mentoring dan coaching dihitung (PP 17/2020).",
		EN: "Every PNS takes at least 20 JP of competency development a year (1 JP = 45 minutes); mentoring and coaching count (PP 17/2020)."},
	{ID: "Kenaikan pangkat reguler: paling singkat 4 tahun dalam pangkat, predikat paling rendah Baik dalam 2 tahun terakhir, tidak melampaui batas pendidikan, tidak sedang menjalani hukuman disiplin sedang atau berat (PP 99/2000 jo PP 12/2002; PP 94/2021).",
		EN: "Regular rank promotion: at least 4 years in grade, a predicate of at least Baik in each of the last 2 years, within the education ceiling, no medium or heavy disciplinary sanction in force (PP 99/2000 jo PP 12/2002; PP 94/2021)."},
	{ID: "Kenaikan pangkat jabatan fungsional: paling singkat 2 tahun dalam pangkat dan angka kredit kumulatif yang dipersyaratkan, dalam jenjang jabatannya (PermenPANRB 1/2023).",
		EN: "Functional rank promotion: at least 2 years in grade and the required cumulative angka kredit, within the position's level (PermenPANRB 1/2023)."},
	{ID: "Kenaikan pangkat jabatan struktural: 4 tahun dalam pangkat, atau 1 tahun dalam pangkat dan 1 tahun dalam jabatan bila satu tingkat di bawah pangkat terendah jabatan; tidak melampaui pangkat tertinggi jabatan (PP 99/2000 Pasal 9; PP 100/2000 jo PP 13/2002).",
		EN: "Structural rank promotion: 4 years in grade, or 1 year in grade and 1 in the position when one grade below the position's lowest; never above the position's highest grade (PP 99/2000 Pasal 9; PP 100/2000 jo PP 13/2002)."},
	{ID: "TMT kenaikan pangkat: 1 April dan 1 Oktober sampai 2023; 1 Februari, April, Juni, Agustus, Oktober dan Desember sejak 2024; tanggal 1 setiap bulan sejak 1 Oktober 2025 (BKN).",
		EN: "Promotion effective dates (TMT): 1 April and 1 October until 2023; the 1st of February, April, June, August, October and December from 2024; the 1st of every month from 1 October 2025 (BKN)."},
	{ID: "Mutasi: paling singkat 2 dan paling lama 5 tahun dalam jabatan (setelah 5 tahun rotasi dianjurkan); pindah instansi atas permintaan sendiri setelah 10 tahun masa kerja; perpindahan antarperangkat daerah satu pemerintah daerah adalah mutasi dalam satu instansi, diputuskan PPK (PP 11/2017 Pasal 190). Keputusan menunjukkan kotak manajemen talenta pegawai dan tindak lanjutnya bila kinerja dan potensinya diketahui (PermenPANRB 3/2020).",
		EN: "Transfers: at least 2 and at most 5 years in a position (after 5 a rotation is advised); a move to another agency at one's own request after 10 years of service; a move between offices of one regional government is a transfer within one agency, decided by its PPK (PP 11/2017 Pasal 190). The decision shows the employee's talent box and its actions when performance and potential are known (PermenPANRB 3/2020)."},
	{ID: "Mentor lebih senior dari mentee dengan predikat paling rendah Baik, paling banyak 3 mentee; pasangan dipilih agar jumlah skor terbesar (penugasan optimal).",
		EN: "A mentor is senior to the mentee with a predicate of at least Baik and takes at most 3 mentees; pairs are chosen to maximise the total score (an optimal assignment)."},
	{ID: "Manajemen talenta: kotak 9 dari kinerja dan potensi; kotak 7–9 menjadi kelompok rencana suksesi (PermenPANRB 3/2020).",
		EN: "Talent management: the 9-box from performance and potential; boxes 7–9 form the succession pool (PermenPANRB 3/2020)."},
}

var _ Policy = (*Baseline)(nil)

// Describe implements Policy: Info, with the national parameters' current values first and the region's own
// Params after them.
func (b *Baseline) Describe(ctx context.Context) (Description, error) {
	if err := ctx.Err(); err != nil {
		return Description{}, err
	}
	d := b.Info
	d.Protocol = ProtocolVersion
	d.Params = append(b.params(), b.Info.Params...)
	return d, nil
}

func (b *Baseline) params() []Param {
	p := NewParam
	t, q, m, pr := b.Career.Transfer, b.Training.Requirement, b.Mentoring, b.Promotion
	return []Param{
		p("evaluation.cadence", b.Evaluation.Cadence, "Siklus penilaian kinerja", "Appraisal cadence"),
		p("training.min_jp", q.Minutes/training.MinutesPerJP, "JP minimal setahun", "Minimum JP a year"),
		p("training.informal_cap_percent", q.InformalCapPercent, "Batas pembelajaran informal (% dari kewajiban JP)", "Cap on informal learning (% of the JP requirement)"),
		p("mentoring.capacity", m.Capacity, "Mentee per mentor", "Mentees per mentor"),
		p("mentoring.min_predicate", m.MinPredicate, "Predikat minimal mentor", "Minimum mentor predicate"),
		p("promotion.min_years_regular", pr.Rules.MinYearsRegular, "Masa dalam pangkat untuk kenaikan pangkat reguler (tahun)", "Years in grade for a regular promotion"),
		p("promotion.min_years_functional", pr.Rules.MinYearsFunctional, "Masa dalam pangkat untuk kenaikan pangkat fungsional (tahun)", "Years in grade for a functional promotion"),
		p("promotion.min_predicate", pr.Rules.MinPredicate, "Predikat minimal kenaikan pangkat", "Minimum predicate for promotion"),
		p("selection.min_years_in_position", pr.Selection.MinYearsInPosition, "Masa dalam jabatan untuk seleksi jabatan (tahun)", "Years in position for a selection"),
		p("selection.weight.performance", pr.Weights.Performance, "Bobot kinerja dalam seleksi", "Weight of performance in a selection"),
		p("selection.weight.competence", pr.Weights.Competence, "Bobot kompetensi dalam seleksi", "Weight of competence in a selection"),
		p("selection.weight.innovation", pr.Weights.Innovation, "Bobot inovasi dalam seleksi", "Weight of innovation in a selection"),
		p("selection.weight.experience", pr.Weights.Experience, "Bobot pengalaman dalam seleksi", "Weight of experience in a selection"),
		p("transfer.min_years_in_position", t.MinYearsInPosition, "Masa minimal dalam jabatan sebelum mutasi (tahun)", "Minimum years in position before a transfer"),
		p("transfer.max_years_in_position", t.MaxYearsInPosition, "Masa maksimal dalam jabatan sebelum rotasi dianjurkan (tahun)", "Years in position after which rotation is recommended"),
	}
}

func (b *Baseline) stamp(d *career.Decision) { d.Policy = b.Info.Ref() }

// CheckTransfer implements career.Policy.
func (b *Baseline) CheckTransfer(ctx context.Context, r career.TransferRequest) (career.Decision, error) {
	d, err := b.Career.CheckTransfer(ctx, r)
	b.stamp(&d)
	return d, err
}

// Evaluate implements evaluation.Policy.
func (b *Baseline) Evaluate(ctx context.Context, a evaluation.Appraisal) (evaluation.Result, error) {
	r, err := b.Evaluation.Evaluate(ctx, a)
	b.stamp(&r.Decision)
	return r, err
}

// Compliance implements training.Policy.
func (b *Baseline) Compliance(ctx context.Context, l training.Ledger) (career.Decision, error) {
	d, err := b.Training.Compliance(ctx, l)
	b.stamp(&d)
	return d, err
}

// Recommend implements training.Policy.
func (b *Baseline) Recommend(ctx context.Context, r training.RecommendRequest) ([]training.Recommendation, error) {
	return b.Training.Recommend(ctx, r)
}

// Allocate implements training.Policy.
func (b *Baseline) Allocate(ctx context.Context, r training.AllocationRequest) (training.Allocation, error) {
	a, err := b.Training.Allocate(ctx, r)
	b.stamp(&a.Decision)
	return a, err
}

// Match implements mentoring.Policy.
func (b *Baseline) Match(ctx context.Context, r mentoring.MatchRequest) (mentoring.Matching, error) {
	m, err := b.Mentoring.Match(ctx, r)
	b.stamp(&m.Decision)
	return m, err
}

// Assess implements promotion.Policy.
func (b *Baseline) Assess(ctx context.Context, c promotion.Candidate, on career.Date) (career.Decision, error) {
	d, err := b.Promotion.Assess(ctx, c, on)
	b.stamp(&d)
	return d, err
}

// Rank implements promotion.Policy.
func (b *Baseline) Rank(ctx context.Context, s promotion.Selection) (promotion.Ranking, error) {
	r, err := b.Promotion.Rank(ctx, s)
	for i := range r.Ranked {
		b.stamp(&r.Ranked[i].Decision)
	}
	return r, err
}
