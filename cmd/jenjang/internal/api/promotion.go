package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
)

// eligibilityBatch is how many employees one step of a region-wide run reads, judges and stores: the memory of the
// run is one batch, whatever the size of the region (DESIGN §7), and a plugin gets a batch per call.
const eligibilityBatch = plugins.DefaultBatchSize

// candidates returns the promotion candidates of rows: the domain employees with history, sanctions and predicates.
func (s *server) candidates(ctx context.Context, region string, rows []store.Employee) ([]promotion.Candidate, error) {
	es, err := s.store.LoadCareers(ctx, nil, rows)
	if err != nil {
		return nil, err
	}
	preds, err := s.store.Predicates(ctx, nil, region, each(rows, nipOf))
	if err != nil {
		return nil, err
	}
	out := make([]promotion.Candidate, len(es))
	for i, e := range es {
		out[i] = promotion.Candidate{Employee: e, Predicates: preds[rows[i].NIP]}
	}
	return out, nil
}

// assessAll judges a batch of candidates with the policy through plugins.AssessAll: one call per batch for a
// plugin, in process for the baseline. Each item gets its own decision or error; an error of the whole call
// (plugin unavailable, timeout, policy conflict) is returned.
func assessAll(ctx context.Context, pol plugins.Policy, cs []promotion.Candidate, on career.Date) ([]career.Decision, []error, error) {
	outs, err := plugins.AssessAll(ctx, pol, cs, on, len(cs))
	if err != nil {
		return nil, nil, err
	}
	ds, errs := make([]career.Decision, len(cs)), make([]error, len(cs))
	for i, o := range outs {
		ds[i], errs[i] = o.Decision, o.Err
	}
	return ds, errs, nil
}

// candidateInputs is what a stored promotion decision records as its inputs.
func candidateInputs(row store.Employee, c promotion.Candidate) map[string]any {
	preds := map[string]string{}
	for y, p := range c.Predicates {
		preds[fmt.Sprint(y)] = p.String()
	}
	return map[string]any{"employee": employeeOut(row), "predicates": preds, "sanctions": len(c.Employee.Sanctions)}
}

// EligibilityInput is GET /promotions/eligibility.
type EligibilityInput struct {
	RegionPath
	Date string `query:"date" format:"date" doc:"The date to judge at; default today"`
}

// EligibilityRow is one employee's line of a region-wide eligibility run.
type EligibilityRow struct {
	NIP      string    `json:"nip"`
	Name     string    `json:"name"`
	Decision *Decision `json:"decision,omitempty"`
	Error    *Problem  `json:"error,omitempty" doc:"Why this employee could not be judged"`
}

// EligibilityAnswer is the shape of the streamed answer of GET /promotions/eligibility, for the OpenAPI document:
// promotionEligibility writes it piece by piece.
type EligibilityAnswer struct {
	Date    string           `json:"date" format:"date"`
	Policy  PolicyRef        `json:"policy"`
	Results []EligibilityRow `json:"results"`
	Summary map[string]int   `json:"summary,omitempty" doc:"Employees by outcome; present on a complete answer only"`
	Error   *Problem         `json:"error,omitempty" doc:"Why the run stopped half-way; the connection is then aborted"`
}

// eligibilityResponses declares the streamed 200 answer, which Huma cannot infer from a StreamResponse.
func eligibilityResponses(api huma.API) map[string]*huma.Response {
	t := reflect.TypeFor[EligibilityAnswer]()
	return map[string]*huma.Response{"200": {
		Description: "One decision per employee, streamed",
		Content:     map[string]*huma.MediaType{"application/json": {Schema: api.OpenAPI().Components.Schemas.Schema(t, true, t.Name())}},
	}}
}

// promotionEligibility judges every employee the caller may see, streaming: rows are read, judged, stored and
// written out one batch at a time, so memory stays flat for a region of any size. The answer is
//
//	{"date": …, "policy": {…}, "results": [EligibilityRow…], "summary": {"eligible": n, …}}
//
// A complete answer always ends with "summary". The status is sent only once the first batch is judged and stored,
// so that a run that fails from the start (plugin down: 503, timeout: 504, database unavailable: 503) is an ordinary
// problem response. A failure after that (the plugin dies half-way) cannot change the status any more: the body
// then ends with an "error" member (a problem) instead of "summary", and the connection is aborted without the
// final chunk, so that no client can take the truncated answer for a complete one (an HTTP client reports an
// unexpected EOF). The batches written before the failure are stored; a retry judges everyone again.
func (s *server) promotionEligibility(ctx context.Context, in *EligibilityInput) (*huma.StreamResponse, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	on, err := parseDate(in.Date, "query", "date", today())
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	f := store.EmployeeFilter{Region: in.Region}
	if err := scopeFilter(p, &f); err != nil {
		return nil, err
	}
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		var (
			w       io.Writer // nil until the status is sent
			enc     *json.Encoder
			summary = map[string]int{}
			first   = true
		)
		begin := func() {
			hctx.SetHeader("Content-Type", "application/json")
			hctx.SetStatus(http.StatusOK)
			w = hctx.BodyWriter()
			enc = json.NewEncoder(w)
			ref, _ := json.Marshal(PolicyRef{Region: pol.desc.Region, Version: pol.desc.Version})
			fmt.Fprintf(w, `{"date":%q,"policy":%s,"results":[`, on.String(), ref)
		}
		flush := func() {
			// Through http.ResponseController: the middleware's wrappers are not Flushers themselves, but unwrap
			// to one (a type assertion on w never flushed, so nothing left before the buffer filled).
			if rw, ok := w.(http.ResponseWriter); ok {
				if err := http.NewResponseController(rw).Flush(); err != nil {
					Logger(ctx).Debug("flush", "err", err)
				}
			}
		}
		err := s.store.EachEmployee(ctx, f, eligibilityBatch, func(rows []store.Employee) error {
			out, err := s.judgeBatch(ctx, in.Region, pol, rows, on, summary)
			if err != nil {
				return err
			}
			if w == nil {
				begin()
			}
			for _, r := range out {
				if !first {
					w.Write([]byte{','})
				}
				first = false
				if err := enc.Encode(r); err != nil {
					return err
				}
			}
			flush()
			return nil
		})
		switch {
		case err != nil && w == nil:
			// Nothing sent yet: an ordinary problem response with its own status.
			s.writeHumaProblem(hctx, problemFor(ctx, err))
			return
		case err != nil:
			pr, _ := json.Marshal(problemFor(ctx, err))
			fmt.Fprintf(w, `],"error":%s}`+"\n", pr)
			flush()
			Logger(ctx).Warn("eligibility run failed after the answer started; connection aborted", "err", err)
			panic(http.ErrAbortHandler) // no final chunk: the client sees a truncated transfer
		case w == nil:
			begin() // no employee to judge
		}
		sum, _ := json.Marshal(summary)
		fmt.Fprintf(w, `],"summary":%s}`+"\n", sum)
	}}, nil
}

// judgeBatch judges one batch of a region-wide eligibility run and stores its decisions in one transaction,
// counting outcomes in summary. An error of the policy as a whole (plugin down, timeout) fails the batch.
func (s *server) judgeBatch(ctx context.Context, region string, pol boundPolicy, rows []store.Employee, on career.Date, summary map[string]int) ([]EligibilityRow, error) {
	cs, err := s.candidates(ctx, region, rows)
	if err != nil {
		return nil, err
	}
	ds, errs, err := assessAll(ctx, pol.Policy, cs, on)
	if err != nil {
		return nil, err
	}
	out := make([]EligibilityRow, len(rows))
	counts := map[string]int{}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		clear(counts)
		for i, row := range rows {
			out[i] = EligibilityRow{NIP: row.NIP, Name: row.Name}
			if errs[i] != nil {
				if career.ErrorCode(errs[i]) == career.Invalid {
					out[i].Error = problemFor(ctx, errs[i])
					counts["error"]++
					continue
				}
				return errs[i] // the policy failed as a whole (plugin down, timeout)
			}
			id, err := s.storeDecision(ctx, tx, region, pol, ds[i], candidateInputs(row, cs[i]))
			if err != nil {
				return err
			}
			d := decisionOut(ctx, ds[i], id, pol.ref())
			out[i].Decision = &d
			counts[ds[i].Outcome]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k, n := range counts {
		summary[k] += n
	}
	return out, nil
}

// EmployeePromotionInput is GET /employees/{nip}/promotion.
type EmployeePromotionInput struct {
	EmployeePath
	Date string `query:"date" format:"date" doc:"The date to judge at; default today"`
}

// DecisionOutput is one decision.
type DecisionOutput struct {
	Body Decision
}

func (s *server) employeePromotion(ctx context.Context, in *EmployeePromotionInput) (*DecisionOutput, error) {
	row, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	on, err := parseDate(in.Date, "query", "date", today())
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	cs, err := s.candidates(ctx, in.Region, []store.Employee{row})
	if err != nil {
		return nil, err
	}
	d, err := pol.Assess(ctx, cs[0], on)
	if err != nil {
		return nil, err
	}
	id, err := s.storeDecision(ctx, s.store.DB(), in.Region, pol, d, candidateInputs(row, cs[0]))
	if err != nil {
		return nil, err
	}
	return &DecisionOutput{Body: decisionOut(ctx, d, id, pol.ref())}, nil
}

// Opening is a position open for selection.
type Opening struct {
	ID       int64    `json:"id"`
	Position Position `json:"position"`
	Unit     string   `json:"unit,omitempty"`
	Status   string   `json:"status" enum:"open,closed"`
}

func openingOut(o store.Opening) Opening {
	return Opening{ID: o.ID, Unit: o.Unit, Status: o.Status, Position: Position{Title: o.Title, Kind: o.Kind, Level: o.Level, Field: o.Field, Service: o.Service, LowestGrade: o.LowestGrade}}
}

// CreateOpeningInput is POST /positions.
type CreateOpeningInput struct {
	RegionPath
	Body struct {
		Position Position `json:"position"`
		Unit     string   `json:"unit,omitempty" maxLength:"200"`
	}
}

// OpeningOutput is one opening.
type OpeningOutput struct {
	Status int
	Body   Opening
}

func (s *server) createOpening(ctx context.Context, in *CreateOpeningInput) (*OpeningOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	pos, err := in.Body.Position.career("position.")
	if err != nil {
		return nil, err
	}
	o := store.OpeningFrom(in.Region, pos, in.Body.Unit)
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.InsertOpening(ctx, tx, &o); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "position.open", "position:"+idString(o.ID), nil, openingOut(o))
	})
	if err != nil {
		return nil, err
	}
	return &OpeningOutput{Status: 201, Body: openingOut(o)}, nil
}

// ListOpeningsOutput lists a region's openings.
type ListOpeningsOutput struct {
	Body struct {
		Openings []Opening `json:"openings"`
	}
}

func (s *server) listOpenings(ctx context.Context, in *RegionPath) (*ListOpeningsOutput, error) {
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	os, err := s.store.ListOpenings(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	out := &ListOpeningsOutput{}
	out.Body.Openings = each(os, openingOut)
	return out, nil
}

// ApplicantBody is an applicant of a selection with the panel's scores.
type ApplicantBody struct {
	NIP          string  `json:"nip"`
	Competence   float64 `json:"competence" minimum:"0" maximum:"100" doc:"Competency assessment score"`
	Innovation   float64 `json:"innovation,omitempty" minimum:"0" maximum:"100"`
	Flagship     bool    `json:"flagship,omitempty" doc:"Sangat Baik on a flagship project (Kalianda's bonus)"`
	ExtraMinutes int     `json:"extra_minutes,omitempty" minimum:"0" doc:"Development this year beyond the 20 JP (Wanggar's fast track)"`
}

// SelectionInput is POST /positions/{id}/selection.
type SelectionInput struct {
	RegionPath
	ID   string `path:"id" maxLength:"20"`
	Body struct {
		Date       string          `json:"date,omitempty" format:"date" doc:"The date applicants are judged at; default today"`
		Applicants []ApplicantBody `json:"applicants" minItems:"1" maxItems:"1000"`
	}
}

// RankedOut is one applicant's place.
type RankedOut struct {
	NIP      string   `json:"nip"`
	Rank     int      `json:"rank" doc:"1 is first; 0 for an ineligible applicant"`
	Score    float64  `json:"score"`
	Decision Decision `json:"decision"`
}

// SelectionOutput is the ranking of an opening.
type SelectionOutput struct {
	Body struct {
		Opening Opening     `json:"opening"`
		Ranked  []RankedOut `json:"ranked"`
	}
}

func (s *server) rankSelection(ctx context.Context, in *SelectionInput) (*SelectionOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	id, ok := parseID(in.ID)
	if !ok {
		return nil, catalogueError(career.NotFound, "path.id", msgNotFound)
	}
	o, err := s.store.GetOpening(ctx, nil, in.Region, id)
	if err != nil {
		return nil, inField(err, "path", "", "id")
	}
	pos, err := o.Position()
	if err != nil {
		return nil, err
	}
	on, err := parseDate(in.Body.Date, "body", "date", today())
	if err != nil {
		return nil, err
	}
	nips := make([]string, len(in.Body.Applicants))
	for i, a := range in.Body.Applicants {
		n, err := parseNIP(a.NIP, "body", fmt.Sprintf("applicants[%d].nip", i))
		if err != nil {
			return nil, err
		}
		nips[i] = n.String()
	}
	page, err := s.store.ListEmployees(ctx, store.EmployeeFilter{Region: in.Region, NIPs: nips, Limit: store.MaxEmployeeLimit})
	if err != nil {
		return nil, err
	}
	byNIP := map[string]store.Employee{}
	for _, r := range page.Employees {
		byNIP[r.NIP] = r
	}
	rows := make([]store.Employee, len(nips))
	for i, n := range nips {
		r, ok := byNIP[n]
		if !ok {
			return nil, career.Newf(career.Invalid, fmt.Sprintf("body.applicants[%d].nip", i), "%s bukan pegawai di wilayah ini",
				"%s is not an employee of this region", n)
		}
		rows[i] = r
	}
	cs, err := s.candidates(ctx, in.Region, rows)
	if err != nil {
		return nil, err
	}
	sel := promotion.Selection{Opening: promotion.Opening{ID: idString(o.ID), Position: pos, On: on}}
	for i, a := range in.Body.Applicants {
		sel.Applicants = append(sel.Applicants, promotion.Applicant{Employee: cs[i].Employee, Predicates: cs[i].Predicates,
			Competence: a.Competence, Innovation: a.Innovation, Flagship: a.Flagship, ExtraMinutes: a.ExtraMinutes})
	}
	ranking, err := pol.Rank(ctx, sel)
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	out := &SelectionOutput{}
	out.Body.Opening = openingOut(o)
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var results []store.SelectionResult
		out.Body.Ranked = make([]RankedOut, len(ranking.Ranked))
		for i, r := range ranking.Ranked {
			did, err := s.storeDecision(ctx, tx, in.Region, pol, r.Decision, map[string]any{"opening": openingOut(o), "applicant": in.Body.Applicants})
			if err != nil {
				return err
			}
			results = append(results, store.SelectionResult{OpeningID: o.ID, Region: in.Region, NIP: r.NIP.String(), Rank: r.Rank, Score: r.Score, DecisionID: did})
			out.Body.Ranked[i] = RankedOut{NIP: r.NIP.String(), Rank: r.Rank, Score: r.Score, Decision: decisionOut(ctx, r.Decision, did, pol.ref())}
		}
		if err := s.store.InsertSelectionResults(ctx, tx, results); err != nil {
			return err
		}
		type line struct {
			NIP   string  `json:"nip"`
			Rank  int     `json:"rank"`
			Score float64 `json:"score"`
		}
		var after []line
		for _, r := range out.Body.Ranked {
			after = append(after, line{r.NIP, r.Rank, r.Score})
		}
		return s.audit(ctx, tx, p, in.Region, "position.select", "position:"+idString(o.ID), nil, after)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
