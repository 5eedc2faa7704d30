package evaluation

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

const source = "PermenPANRB 6/2022"

// Result is the outcome of evaluating an appraisal: the two ratings the policy derived, the predicate, and the
// decision that records how.
type Result struct {
	Hasil     Rating
	Perilaku  Rating
	Predicate Predicate
	Decision  career.Decision
}

// Policy is a region's appraisal policy. Evaluate derives the predicate of an appraisal; it returns an Invalid error
// when the appraisal lacks what the policy needs (no superior rating, a quarter in an annual-only region).
type Policy interface {
	Evaluate(ctx context.Context, a Appraisal) (Result, error)
}

// Measure derives one rating (results or behaviour) from an appraisal and returns the criteria that explain it.
// Regions compose measures: a 360 blend of superior and peers, weighted indicators, a community adjustment.
type Measure func(a Appraisal) (Rating, []career.Criterion, error)

// Cadence is how often a region appraises.
type Cadence int

// Cadences.
const (
	Quarterly  Cadence = iota + 1 // quarterly dialogues and an annual appraisal (the national practice)
	Annual                        // an annual appraisal only
	Continuous                    // feedback at any time, quarterly reviews and an annual appraisal
)

func (c Cadence) String() string {
	switch c {
	case Quarterly:
		return "quarterly"
	case Annual:
		return "annual"
	case Continuous:
		return "continuous"
	}
	return ""
}

// National is the national appraisal policy, and the base regions adjust: the direct superior rates results and
// behaviour, and the matrix gives the predicate (PermenPANRB 6/2022). Hasil and Perilaku may be replaced by other
// measures; After, if set, adds to the decision once the predicate is known (a region's reward programme).
type National struct {
	Cadence  Cadence
	Hasil    Measure
	Perilaku Measure
	After    func(a Appraisal, r *Result)
}

// NewNational returns the national baseline: quarterly cadence, superior ratings for both aspects.
func NewNational() *National {
	return &National{Cadence: Quarterly, Hasil: SuperiorMeasure(Hasil), Perilaku: SuperiorMeasure(Perilaku)}
}

// Evaluate implements Policy.
func (n *National) Evaluate(ctx context.Context, a Appraisal) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := a.Validate(); err != nil {
		return Result{}, err
	}
	d := career.Decision{Kind: "evaluation.predicate", Subject: a.ID, JudgedAt: a.Period.End()}
	if d.Subject == "" {
		d.Subject = a.Employee.NIP.String() + "/" + a.Period.String()
	}
	if n.Cadence == Annual && !a.Period.Annual() {
		return Result{}, career.Newf(career.Invalid, "period", "daerah ini menilai kinerja sekali setahun; %s adalah periode triwulan",
			"this region appraises once a year; %s is a quarter", a.Period)
	}
	hasilM, perilakuM := n.Hasil, n.Perilaku
	if hasilM == nil {
		hasilM = SuperiorMeasure(Hasil)
	}
	if perilakuM == nil {
		perilakuM = SuperiorMeasure(Perilaku)
	}
	hasil, hc, err := hasilM(a)
	if err != nil {
		return Result{}, err
	}
	perilaku, pc, err := perilakuM(a)
	if err != nil {
		return Result{}, err
	}
	d.Criteria = append(append(d.Criteria, hc...), pc...)
	p, err := PredicateOf(hasil, perilaku)
	if err != nil {
		return Result{}, err
	}
	d.Add(career.Criterion{
		Code: "evaluation.matrix", Passed: true, Found: hasil.String() + " × " + perilaku.String() + " → " + p.String(),
		Source: source + " Lampiran (matriks predikat kinerja)",
		Text:   career.Message{ID: "Predikat dari matriks hasil kerja dan perilaku kerja", EN: "Predicate from the results × behaviour matrix"},
	})
	if Misconduct(hasil, perilaku) {
		d.Set("misconduct", "true")
	}
	d.Outcome = p.String()
	d.Set("hasil_kerja", hasil.String())
	d.Set("perilaku_kerja", perilaku.String())
	r := Result{Hasil: hasil, Perilaku: perilaku, Predicate: p, Decision: d}
	if n.After != nil {
		n.After(a, &r)
	}
	return r, nil
}

// SuperiorMeasure rates an aspect by the direct superior's latest rating (PermenPANRB 6/2022 Pasal 10: the pejabat
// penilai kinerja rates). It fails with Invalid when the superior has not rated the aspect.
func SuperiorMeasure(asp Aspect) Measure {
	return func(a Appraisal) (Rating, []career.Criterion, error) {
		e, ok := a.Latest(Superior, asp)
		if !ok {
			return 0, nil, career.Newf(career.Invalid, "ratings", "atasan langsung belum menilai %s",
				"the direct superior has not rated %s yet", aspectName(asp))
		}
		return e.Value, []career.Criterion{{
			Code: "evaluation." + asp.String() + ".superior", Passed: true, Found: e.Value.String(), Source: source + " Pasal 10",
			Text: career.Message{ID: "Penilaian " + aspectID(asp) + " oleh atasan langsung", EN: "Direct superior's rating of " + aspectEN(asp)},
		}}, nil
	}
}

func aspectID(a Aspect) string {
	if a == Hasil {
		return "hasil kerja"
	}
	return "perilaku kerja"
}

// aspectName names an aspect in an error: its Indonesian name, and its code in English.
func aspectName(a Aspect) career.Message { return career.Message{ID: aspectID(a), EN: a.String()} }

func aspectEN(a Aspect) string {
	if a == Hasil {
		return "results"
	}
	return "behaviour"
}

// ThreeSixty blends the superior's rating with the mean of peer ratings: superiorWeight × superior +
// (1 − superiorWeight) × mean(peers), on the 1–3 scale, rounded by RatingOf. With fewer than minPeers peer ratings the
// superior's rating stands alone and a failed criterion flags it (the appraisal is still evaluated). Pauh uses
// 0.6 and 2 for behaviour.
func ThreeSixty(asp Aspect, superiorWeight float64, minPeers int, src string) Measure {
	return func(a Appraisal) (Rating, []career.Criterion, error) {
		sup, ok := a.Latest(Superior, asp)
		if !ok {
			return 0, nil, career.Newf(career.Invalid, "ratings", "atasan langsung belum menilai %s",
				"the direct superior has not rated %s yet", aspectName(asp))
		}
		mean, n := a.Mean(Peer, asp)
		c := career.Criterion{
			Code: "evaluation." + asp.String() + ".peers", Passed: n >= minPeers,
			Required: fmt.Sprintf("≥ %d", minPeers), Found: fmt.Sprint(n), Source: src,
			Text: career.Message{ID: fmt.Sprintf("Paling sedikit %d penilaian rekan kerja", minPeers), EN: fmt.Sprintf("At least %d peer ratings", minPeers)},
		}
		if n < minPeers {
			return sup.Value, []career.Criterion{c, {
				Code: "evaluation." + asp.String() + ".superior", Passed: true, Found: sup.Value.String(), Source: source + " Pasal 10",
				Text: career.Message{ID: "Rekan kerja kurang: hanya penilaian atasan dipakai", EN: "Too few peers: the superior's rating alone is used"},
			}}, nil
		}
		// Rounded to 1e-9 so that a blend landing exactly on a band edge (2.5) is not pushed below it by binary
		// floating point.
		score := math.Round((superiorWeight*float64(sup.Value)+(1-superiorWeight)*mean)*1e9) / 1e9
		r := RatingOf(score)
		return r, []career.Criterion{c, {
			Code: "evaluation." + asp.String() + ".blend", Passed: true,
			Required: fmt.Sprintf("%.0f%% atasan + %.0f%% rerata rekan", superiorWeight*100, (1-superiorWeight)*100),
			Found:    fmt.Sprintf("%.2f → %s", score, r), Source: src,
			Text: career.Message{ID: "Penilaian 360: atasan dan rekan kerja", EN: "360 rating: superior and peers"},
		}}, nil
	}
}

// IndicatorMeasure rates results from weighted indicators: the weighted mean achievement (actual ÷ target, in %) is
// DiBawah below `below`, DiAtas at or above `above`, Sesuai between. Every weighted indicator must be present.
// Semarang weighs target 0.5, service quality 0.3, innovation 0.2.
// Indicator codes match without regard to case; weights given under codes that differ only in case ("Target",
// "target") add up, so the measure does not depend on the order a map is read in.
func IndicatorMeasure(weights map[string]float64, below, above float64, src string) Measure {
	codes := make([]string, 0, len(weights))
	lower := make(map[string]float64, len(weights))
	for c, w := range weights {
		lower[strings.ToLower(c)] += w
	}
	weights = lower
	for c := range weights {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return func(a Appraisal) (Rating, []career.Criterion, error) {
		have := map[string]Indicator{}
		for _, in := range a.Indicators {
			have[strings.ToLower(in.Code)] = in
		}
		total, sum := 0.0, 0.0
		var parts []string
		for _, c := range codes {
			in, ok := have[c]
			if !ok {
				return 0, nil, career.Newf(career.Invalid, "indicators", "indikator %q wajib menurut kebijakan daerah ini",
					"indicator %q is required by this region's policy", c)
			}
			w := weights[c]
			sum += w * in.Achievement()
			total += w
			parts = append(parts, fmt.Sprintf("%s %.0f%%×%.0f%%", c, in.Achievement(), w*100))
		}
		score := 0.0
		if total > 0 {
			score = math.Round(sum/total*1e9) / 1e9 // a score on a band edge stays on it
		}
		r := Sesuai
		switch {
		case score < below:
			r = DiBawah
		case score >= above:
			r = DiAtas
		}
		return r, []career.Criterion{{
			Code: "evaluation.hasil_kerja.indicators", Passed: true,
			Required: fmt.Sprintf("di bawah < %.0f%% ≤ sesuai < %.0f%% ≤ di atas", below, above),
			Found:    fmt.Sprintf("%.1f%% (%s) → %s", score, strings.Join(parts, ", "), r), Source: src,
			Text: career.Message{ID: "Hasil kerja dari indikator berbobot", EN: "Results from weighted indicators"},
		}}, nil
	}
}

// CommunityAdjusted lowers the rating of base by one step when the employee holds a public-service post and the
// unit's community satisfaction index (IKM) is below threshold (76.61 is the bottom of category B, "baik", in
// PermenPANRB 14/2017). Tanjungpinang applies it to results.
func CommunityAdjusted(base Measure, threshold float64, src string) Measure {
	return func(a Appraisal) (Rating, []career.Criterion, error) {
		r, cs, err := base(a)
		if err != nil || !a.Employee.Position.Service {
			return r, cs, err
		}
		if a.CommunityIndex == 0 {
			return r, append(cs, career.Criterion{
				Code: "evaluation.community_index", Passed: false, Required: fmt.Sprintf("IKM ≥ %.2f", threshold), Found: "belum diukur", Source: src,
				Text: career.Message{ID: "IKM unit layanan belum tersedia; hasil kerja tidak disesuaikan", EN: "The unit's IKM is not available; results not adjusted"},
			}), nil
		}
		ok := a.CommunityIndex >= threshold
		c := career.Criterion{
			Code: "evaluation.community_index", Passed: ok, Required: fmt.Sprintf("IKM ≥ %.2f", threshold), Found: fmt.Sprintf("%.2f", a.CommunityIndex), Source: src,
			Text: career.Message{ID: "Indeks kepuasan masyarakat unit layanan (IKM)", EN: "Public-satisfaction index of the service unit (IKM)"},
		}
		if !ok {
			r = r.Down()
			c.Found += " → hasil kerja turun satu tingkat: " + r.String()
		}
		return r, append(cs, c), nil
	}
}
