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
			Rules: []career.Message{
				{ID: "Aturan nasional tanpa penyesuaian daerah.", EN: "National rules with no regional adjustment."},
			},
		},
		Career:     career.NewNational(),
		Evaluation: evaluation.NewNational(),
		Training:   training.NewNational(),
		Mentoring:  mentoring.NewNational(),
		Promotion:  promotion.NewNational(),
	}
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
