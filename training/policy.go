package training

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

const source = "PP 11/2017 jo PP 17/2020 Pasal 203"

// Outcomes of a compliance decision.
const (
	Compliant    = "compliant"
	NotCompliant = "not_compliant"
)

// Policy is a region's competency-development policy.
type Policy interface {
	// Compliance judges one employee's ledger against the yearly requirement.
	Compliance(ctx context.Context, l Ledger) (career.Decision, error)
	// Recommend proposes programs from the catalogue for an employee, from their appraisal and ledger.
	Recommend(ctx context.Context, r RecommendRequest) ([]Recommendation, error)
	// Allocate chooses training seats within a budget.
	Allocate(ctx context.Context, r AllocationRequest) (Allocation, error)
}

// Requirement is the yearly development requirement.
type Requirement struct {
	// Minutes is the yearly minimum: 20 JP = 900 minutes for every PNS (PP 17/2020 Pasal 203 ayat 4).
	Minutes int
	// InformalCapPercent is the largest share of the requirement informal learning may fill (100: no cap).
	InformalCapPercent int
	Source             string
}

// NationalRequirement returns 20 JP a year, informal learning uncapped.
func NationalRequirement() Requirement {
	return Requirement{Minutes: Minutes(20), InformalCapPercent: 100, Source: source + " ayat 4"}
}

// Counted returns the minutes of the ledger that count toward the requirement: informal minutes only up to the cap.
func (q Requirement) Counted(l Ledger) int {
	total, informal := l.Minutes()
	capMin := q.Minutes * q.InformalCapPercent / 100
	if informal > capMin {
		total -= informal - capMin
	}
	return total
}

// RecommendRequest is what recommendations are drawn from.
type RecommendRequest struct {
	Employee career.Employee
	// Last is the latest appraisal result, if any (Predicate zero when none).
	Last      evaluation.Result
	Ledger    Ledger
	Catalogue []Program
}

// Recommendation proposes one program, with the reason.
type Recommendation struct {
	Program  string // program code
	Priority int    // 1 is the most urgent
	Reason   career.Message
	Source   string
}

// Recommender draws recommendations from a request. National and regional rules are recommenders.
type Recommender func(r RecommendRequest) []Recommendation

// Candidate is an employee who may get a training seat.
type Candidate struct {
	NIP   career.NIP
	Field string // job field, to match programs
	// Minutes is the development the candidate already has this year.
	Minutes int
	// Rank is the office's own order of candidates (lower first); ties in the policy's order fall back to it.
	Rank int
	// Wants lists program codes for this candidate, most wanted first (from recommendations). Empty: any program
	// that serves the candidate's field, cheapest first.
	Wants []string
}

// AllocationRequest asks for seats within a budget.
type AllocationRequest struct {
	Year       int
	Budget     int64
	Candidates []Candidate
	Programs   []Program
}

// Validate reports whether the request is well formed.
func (r AllocationRequest) Validate() error {
	if _, err := career.NewDate(r.Year, 1, 1); err != nil {
		return career.Newf(career.Invalid, "year", "tahun %d bukan tahun kalender yang sah", "year %d is not a calendar year", r.Year)
	}
	if r.Budget < 0 {
		return career.Newf(career.Invalid, "budget", "anggaran tidak boleh negatif", "the budget cannot be negative")
	}
	codes := map[string]bool{}
	for i, p := range r.Programs {
		if err := p.Validate(); err != nil {
			e := *err.(*career.Error) // both languages kept, the field placed in the request
			e.Field = fmt.Sprintf("programs[%d].%s", i, e.Field)
			return &e
		}
		if codes[p.Code] {
			return career.Newf(career.Invalid, fmt.Sprintf("programs[%d].code", i), "program %q tercantum dua kali",
				"program %q appears twice", p.Code)
		}
		codes[p.Code] = true
	}
	seen := map[career.NIP]bool{}
	for i, c := range r.Candidates {
		if c.NIP.IsZero() {
			return career.Newf(career.Invalid, fmt.Sprintf("candidates[%d].nip", i), "NIP wajib diisi",
				"the NIP is required")
		}
		if seen[c.NIP] {
			return career.Newf(career.Invalid, fmt.Sprintf("candidates[%d].nip", i), "calon peserta %s tercantum dua kali",
				"candidate %s appears twice", c.NIP)
		}
		seen[c.NIP] = true
		for _, w := range c.Wants {
			if !codes[w] {
				return career.Newf(career.Invalid, fmt.Sprintf("candidates[%d].wants", i), "program %q tidak tercantum dalam permintaan",
					"program %q is not in the request", w)
			}
		}
	}
	return nil
}

// Seat is one allocated training seat.
type Seat struct {
	NIP     career.NIP
	Program string
	Cost    int64
}

// Unplaced is a candidate who got no seat, and why.
type Unplaced struct {
	NIP    career.NIP
	Reason career.Message
}

// Allocation is the result of Allocate.
type Allocation struct {
	Seats    []Seat
	Spent    int64
	Unplaced []Unplaced
	Decision career.Decision
}

// National is the national development policy and the base regions adjust.
type National struct {
	Requirement Requirement
	// Recommenders run in order; their recommendations are merged, the first reason for a program winning.
	Recommenders []Recommender
	// Order sorts allocation candidates: who gets a seat first. Ties fall back to Rank, then NIP.
	Order func(a, b Candidate) int
	// OrderText describes Order in criteria.
	OrderText career.Message
	// OrderSource names where Order comes from.
	OrderSource string
}

// NewNational returns the national baseline: 20 JP a year; recommendations from the appraisal (coaching for
// behaviour below expectations, technical training for results below expectations) and from the JP deficit; seats
// first to those below 20 JP, then in the office's order.
func NewNational() *National {
	q := NationalRequirement()
	return &National{
		Requirement:  q,
		Recommenders: []Recommender{FromAppraisal, FromDeficit(q)},
		Order:        BelowRequirementFirst(q),
		OrderText:    career.Message{ID: "Kursi pertama untuk pegawai yang belum memenuhi 20 JP, lalu urutan usulan instansi", EN: "Seats first to those below 20 JP, then in the office's order"},
		OrderSource:  source,
	}
}

// Compliance implements Policy.
func (n *National) Compliance(ctx context.Context, l Ledger) (career.Decision, error) {
	if err := ctx.Err(); err != nil {
		return career.Decision{}, err
	}
	if l.NIP.IsZero() {
		return career.Decision{}, career.Newf(career.Invalid, "nip", "NIP wajib diisi", "the NIP is required")
	}
	// The ledger's year is judged at its last day; a year with no calendar (0, 10000) is bad input, not a panic.
	end, err := career.NewDate(l.Year, 12, 31)
	if err != nil {
		return career.Decision{}, career.Newf(career.Invalid, "year", "tahun %d bukan tahun kalender yang sah",
			"year %d is not a calendar year", l.Year)
	}
	q := n.Requirement
	counted := q.Counted(l)
	total, informal := l.Minutes()
	d := career.Decision{Kind: "training.compliance", Subject: l.NIP.String(), JudgedAt: end}
	if q.InformalCapPercent < 100 {
		capMin := q.Minutes * q.InformalCapPercent / 100
		d.Add(career.Criterion{
			Code: "training.informal_cap", Passed: informal <= capMin, Required: fmt.Sprintf("≤ %s (%d%%)", jpText(capMin), q.InformalCapPercent),
			Found: jpText(informal), Source: q.Source,
			Text: career.Message{ID: fmt.Sprintf("Pembelajaran informal diakui paling banyak %d%% dari kewajiban", q.InformalCapPercent), EN: fmt.Sprintf("Informal learning counts up to %d%% of the requirement", q.InformalCapPercent)},
		})
	}
	ok := counted >= q.Minutes
	d.Add(career.Criterion{
		Code: "training.min_jp", Passed: ok, Required: "≥ " + jpText(q.Minutes), Found: jpText(counted), Source: q.Source,
		// The text states the requirement the policy judges by, which a region may raise above the national 20 JP.
		Text: career.Message{ID: "Pengembangan kompetensi paling sedikit " + jpWhole(q.Minutes) + " setahun", EN: "At least " + jpWhole(q.Minutes) + " of development a year"},
	})
	d.Outcome = NotCompliant
	if ok {
		d.Outcome = Compliant
	}
	d.Set("total_jp", fmt.Sprintf("%.2f", JP(total)))
	d.Set("counted_jp", fmt.Sprintf("%.2f", JP(counted)))
	if !ok {
		d.Set("missing_jp", fmt.Sprintf("%.2f", JP(q.Minutes-counted)))
	}
	return d, nil
}

// Recommend implements Policy: it runs the recommenders and merges their results, ordered by priority then code.
func (n *National) Recommend(ctx context.Context, r RecommendRequest) ([]Recommendation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.Employee.NIP.IsZero() {
		return nil, career.Newf(career.Invalid, "nip", "NIP wajib diisi", "the NIP is required")
	}
	seen := map[string]bool{}
	var out []Recommendation
	for _, rec := range n.Recommenders {
		for _, x := range rec(r) {
			if !seen[x.Program] {
				seen[x.Program] = true
				out = append(out, x)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Recommendation) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), strings.Compare(a.Program, b.Program))
	})
	return out, nil
}

// FromAppraisal recommends from the latest appraisal (PermenPANRB 6/2022 Pasal 40, follow-up of the appraisal):
// behaviour below expectations → coaching or mentoring (priority 1); results below expectations → technical
// programs that serve the employee's field (priority 2).
func FromAppraisal(r RecommendRequest) []Recommendation {
	var out []Recommendation
	if r.Last.Perilaku == evaluation.DiBawah {
		for _, p := range r.Catalogue {
			if p.Method == Coaching || p.Method == Mentoring || p.HasTag("coaching") {
				out = append(out, Recommendation{Program: p.Code, Priority: 1, Source: "PermenPANRB 6/2022 Pasal 40",
					Reason: career.Message{ID: "Perilaku kerja di bawah ekspektasi: pembinaan melalui coaching", EN: "Behaviour below expectations: coaching"}})
			}
		}
	}
	if r.Last.Hasil == evaluation.DiBawah {
		for _, p := range r.Catalogue {
			if p.Competency == Teknis && p.Serves(r.Employee.Position.Field) && len(p.Fields) > 0 {
				out = append(out, Recommendation{Program: p.Code, Priority: 2, Source: "PermenPANRB 6/2022 Pasal 40",
					Reason: career.Message{ID: "Hasil kerja di bawah ekspektasi: pelatihan teknis bidang tugas", EN: "Results below expectations: technical training in the job field"}})
			}
		}
	}
	return out
}

// FromDeficit recommends, when the ledger is below the requirement, programs serving the employee's field, largest
// JP first, until the deficit is covered (priority 3).
func FromDeficit(q Requirement) Recommender {
	return func(r RecommendRequest) []Recommendation {
		missing := q.Minutes - q.Counted(r.Ledger)
		if missing <= 0 {
			return nil
		}
		ps := slices.Clone(r.Catalogue)
		slices.SortStableFunc(ps, func(a, b Program) int { return cmp.Or(cmp.Compare(b.JP, a.JP), strings.Compare(a.Code, b.Code)) })
		var out []Recommendation
		for _, p := range ps {
			if missing <= 0 {
				break
			}
			if !p.Serves(r.Employee.Position.Field) {
				continue
			}
			missing -= Minutes(p.JP)
			out = append(out, Recommendation{Program: p.Code, Priority: 3, Source: q.Source,
				Reason: career.Message{ID: fmt.Sprintf("Kekurangan JP tahun ini: %s", jpText(q.Minutes-q.Counted(r.Ledger))), EN: fmt.Sprintf("JP still missing this year: %s", jpText(q.Minutes-q.Counted(r.Ledger)))}})
		}
		return out
	}
}

// BelowRequirementFirst orders candidates below the requirement before the others, then by Rank.
func BelowRequirementFirst(q Requirement) func(a, b Candidate) int {
	return func(a, b Candidate) int {
		return cmp.Compare(boolInt(a.Minutes >= q.Minutes), boolInt(b.Minutes >= q.Minutes))
	}
}

// FewestMinutesFirst orders candidates by the development they already have this year, fewest first (equal
// opportunity, Pauh).
func FewestMinutesFirst(a, b Candidate) int { return cmp.Compare(a.Minutes, b.Minutes) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Allocate implements Policy with the greedy rule every region shares: candidates in the policy's order, each gets
// the first program on their list (Wants, or else programs serving their field, cheapest first, then by code) that
// has a free seat and fits the remaining budget; one seat per candidate. The result depends only on the request.
func (n *National) Allocate(ctx context.Context, r AllocationRequest) (Allocation, error) {
	if err := ctx.Err(); err != nil {
		return Allocation{}, err
	}
	if err := r.Validate(); err != nil {
		return Allocation{}, err
	}
	order := n.Order
	if order == nil {
		order = BelowRequirementFirst(n.Requirement)
	}
	cands := slices.Clone(r.Candidates)
	slices.SortStableFunc(cands, func(a, b Candidate) int {
		return cmp.Or(order(a, b), cmp.Compare(a.Rank, b.Rank), strings.Compare(a.NIP.String(), b.NIP.String()))
	})
	byCode := make(map[string]Program, len(r.Programs))
	for _, p := range r.Programs {
		byCode[p.Code] = p
	}
	cheapest := slices.Clone(r.Programs)
	slices.SortStableFunc(cheapest, func(a, b Program) int { return cmp.Or(cmp.Compare(a.Cost, b.Cost), strings.Compare(a.Code, b.Code)) })
	taken := map[string]int{}
	left := r.Budget
	var out Allocation
	for _, c := range cands {
		list := c.Wants
		if len(list) == 0 {
			for _, p := range cheapest {
				if p.Serves(c.Field) {
					list = append(list, p.Code)
				}
			}
		}
		placed, overBudget := false, false
		for _, code := range list {
			p := byCode[code]
			if p.Seats > 0 && taken[code] >= p.Seats {
				continue
			}
			if p.Cost > left {
				overBudget = true
				continue
			}
			taken[code]++
			left -= p.Cost
			out.Seats = append(out.Seats, Seat{NIP: c.NIP, Program: code, Cost: p.Cost})
			placed = true
			break
		}
		if !placed {
			reason := career.Message{ID: "Tidak ada kursi program yang sesuai", EN: "No seat left in a suitable program"}
			if overBudget {
				reason = career.Message{ID: "Anggaran tidak mencukupi", EN: "The budget does not cover a suitable program"}
			} else if len(list) == 0 {
				reason = career.Message{ID: "Tidak ada program untuk bidang tugasnya", EN: "No program serves the candidate's field"}
			}
			out.Unplaced = append(out.Unplaced, Unplaced{NIP: c.NIP, Reason: reason})
		}
	}
	out.Spent = r.Budget - left
	d := career.Decision{Kind: "training.allocation", Subject: fmt.Sprint(r.Year), Outcome: fmt.Sprintf("%d/%d", len(out.Seats), len(r.Candidates))}
	d.Add(career.Criterion{Code: "training.allocation.budget", Passed: out.Spent <= r.Budget, Required: fmt.Sprintf("≤ Rp%d", r.Budget), Found: fmt.Sprintf("Rp%d", out.Spent), Source: n.OrderSource,
		Text: career.Message{ID: "Alokasi dalam batas anggaran", EN: "Allocation within the budget"}})
	d.Add(career.Criterion{Code: "training.allocation.order", Passed: true, Source: n.OrderSource, Text: n.OrderText})
	d.Set("seats", fmt.Sprint(len(out.Seats)))
	d.Set("unplaced", fmt.Sprint(len(out.Unplaced)))
	d.Set("spent", fmt.Sprint(out.Spent))
	out.Decision = d
	return out, nil
}
