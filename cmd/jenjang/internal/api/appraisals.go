package api

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// IndicatorBody is a measured performance indicator.
type IndicatorBody struct {
	Code   string  `json:"code" minLength:"1" maxLength:"50" example:"target"`
	Target float64 `json:"target" minimum:"0"`
	Actual float64 `json:"actual" minimum:"0"`
}

// CreateAppraisalInput is the body of POST /appraisals.
type CreateAppraisalInput struct {
	RegionPath
	Body struct {
		NIP            string          `json:"nip" doc:"The appraised employee"`
		Period         string          `json:"period" example:"2025" doc:"A year (annual appraisal) or a quarter, 2025-Q3"`
		Peers          []string        `json:"peers,omitempty" maxItems:"20" doc:"NIPs of colleagues asked for a peer rating"`
		Indicators     []IndicatorBody `json:"indicators,omitempty" maxItems:"20"`
		CommunityIndex float64         `json:"community_index,omitempty" minimum:"0" maximum:"100" doc:"The unit's IKM for the period"`
	}
}

// Rating is one rating in answers.
type Rating struct {
	Source  string `json:"source" enum:"superior,peer,self,community"`
	Rater   string `json:"rater"`
	Aspect  string `json:"aspect" enum:"hasil_kerja,perilaku_kerja"`
	Value   string `json:"value" enum:"di_bawah,sesuai,di_atas"`
	GivenOn string `json:"given_on" format:"date"`
	Note    string `json:"note,omitempty"`
}

// Appraisal is an appraisal in answers.
type Appraisal struct {
	ID             int64           `json:"id"`
	Region         string          `json:"region"`
	NIP            string          `json:"nip"`
	Period         string          `json:"period" example:"2025"`
	Status         string          `json:"status" enum:"draft,finalised"`
	Peers          []string        `json:"peers,omitempty"`
	Indicators     []IndicatorBody `json:"indicators,omitempty"`
	CommunityIndex float64         `json:"community_index,omitempty"`
	Ratings        []Rating        `json:"ratings,omitempty"`
	Hasil          string          `json:"hasil_kerja,omitempty"`
	Perilaku       string          `json:"perilaku_kerja,omitempty"`
	Predicate      string          `json:"predicate,omitempty" example:"baik"`
	DecisionID     int64           `json:"decision_id,omitempty"`
	Version        int64           `json:"version"`
}

func periodOf(a store.Appraisal) evaluation.Period {
	return evaluation.Period{Year: a.Year, Quarter: a.Quarter}
}

func appraisalOut(d store.AppraisalDetail, withRatings bool) Appraisal {
	a := Appraisal{ID: d.ID, Region: d.Region, NIP: d.NIP, Period: periodOf(d.Appraisal).String(), Status: d.Status, Peers: d.Peers,
		CommunityIndex: d.CommunityIndex, Hasil: d.Hasil, Perilaku: d.Perilaku, Predicate: d.Predicate, Version: d.Version}
	if d.DecisionID != nil {
		a.DecisionID = *d.DecisionID
	}
	for _, in := range d.Indicators {
		a.Indicators = append(a.Indicators, IndicatorBody{Code: in.Code, Target: in.Target, Actual: in.Actual})
	}
	if withRatings {
		for _, r := range d.Ratings {
			a.Ratings = append(a.Ratings, Rating{Source: r.Source, Rater: r.Rater, Aspect: r.Aspect, Value: r.Value, GivenOn: r.GivenOn.String(), Note: r.Note})
		}
	}
	return a
}

// AppraisalOutput is one appraisal with its ETag.
type AppraisalOutput struct {
	Status int
	ETag   string `header:"ETag"`
	Body   Appraisal
}

// mayWriteAppraisal reports whether p may create or finalise an appraisal of e: admins, and the employee's direct
// superior.
func mayWriteAppraisal(p auth.Principal, e store.Employee) bool {
	return p.Role == auth.Admin || p.Role == auth.Supervisor && p.NIP != "" && e.SupervisorNIP == p.NIP
}

func (s *server) createAppraisal(ctx context.Context, in *CreateAppraisalInput) (*AppraisalOutput, error) {
	nip, err := parseNIP(in.Body.NIP, "body", "nip")
	if err != nil {
		return nil, err
	}
	emp, p, err := s.visibleEmployee(ctx, in.Region, nip.String())
	if err != nil {
		return nil, inField(err, "body", "", "nip")
	}
	if !mayWriteAppraisal(p, emp) {
		return nil, forbidden(ctx)
	}
	period, err := evaluation.ParsePeriod(in.Body.Period)
	if err != nil {
		return nil, inField(err, "body", "", "period")
	}
	var peers []string
	for i, s := range in.Body.Peers {
		n, err := parseNIP(s, "body", fmt.Sprintf("peers[%d]", i))
		if err != nil {
			return nil, err
		}
		if n == nip {
			return nil, career.Newf(career.Invalid, fmt.Sprintf("body.peers[%d]", i), "pegawai yang dinilai tidak dapat menjadi rekan kerja bagi dirinya sendiri",
				"the appraised employee cannot be their own peer")
		}
		if !slices.Contains(peers, n.String()) {
			peers = append(peers, n.String())
		}
	}
	var inds []store.Indicator
	seen := map[string]bool{}
	for i, x := range in.Body.Indicators {
		code := strings.ToLower(strings.TrimSpace(x.Code))
		if seen[code] {
			return nil, career.Newf(career.Invalid, fmt.Sprintf("body.indicators[%d].code", i), "indikator %q tercantum dua kali",
				"indicator %q appears twice", code)
		}
		seen[code] = true
		inds = append(inds, store.Indicator{Code: code, Target: x.Target, Actual: x.Actual})
	}
	var d store.AppraisalDetail
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if peers != nil {
			page, err := s.store.ListEmployees(ctx, store.EmployeeFilter{Region: in.Region, NIPs: peers, Limit: len(peers)})
			if err != nil {
				return err
			}
			if len(page.Employees) != len(peers) {
				return career.Newf(career.Invalid, "body.peers", "setiap rekan kerja harus pegawai di wilayah ini",
					"every peer must be an employee of this region")
			}
		}
		a := store.Appraisal{Region: in.Region, NIP: emp.NIP, Year: period.Year, Quarter: period.Quarter, CommunityIndex: in.Body.CommunityIndex}
		if err := s.store.CreateAppraisal(ctx, tx, &a, peers, inds); err != nil {
			return inField(err, "body", "", "period")
		}
		var err error
		if d, err = s.store.GetAppraisal(ctx, tx, in.Region, a.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "appraisal.create", "appraisal:"+idString(a.ID), nil, appraisalOut(d, false))
	})
	if err != nil {
		return nil, err
	}
	return &AppraisalOutput{Status: 201, ETag: ETag(d.Version), Body: appraisalOut(d, true)}, nil
}

// AppraisalPath addresses one appraisal.
type AppraisalPath struct {
	RegionPath
	ID string `path:"id" maxLength:"20" example:"1"`
}

// visibleAppraisal loads an appraisal and its employee, checking the caller may read the employee's records.
func (s *server) visibleAppraisal(ctx context.Context, region, id string) (store.AppraisalDetail, store.Employee, auth.Principal, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return store.AppraisalDetail{}, store.Employee{}, p, err
	}
	if _, err := s.region(ctx, region); err != nil {
		return store.AppraisalDetail{}, store.Employee{}, p, err
	}
	n, ok := parseID(id)
	if !ok {
		return store.AppraisalDetail{}, store.Employee{}, p, catalogueError(career.NotFound, "path.id", msgNotFound)
	}
	d, err := s.store.GetAppraisal(ctx, nil, region, n)
	if err != nil {
		return d, store.Employee{}, p, inField(err, "path", "", "id")
	}
	emp, err := s.store.GetEmployee(ctx, nil, region, d.NIP)
	if err != nil {
		return d, emp, p, err
	}
	return d, emp, p, nil
}

func (s *server) getAppraisal(ctx context.Context, in *AppraisalPath) (*AppraisalOutput, error) {
	d, emp, p, err := s.visibleAppraisal(ctx, in.Region, in.ID)
	if err != nil {
		return nil, err
	}
	if !canSee(p, emp) {
		return nil, forbidden(ctx)
	}
	return &AppraisalOutput{Status: 200, ETag: ETag(d.Version), Body: appraisalOut(d, true)}, nil
}

// RatingBody is one rating given.
type RatingBody struct {
	Source  string `json:"source" enum:"superior,peer,self,community"`
	Rater   string `json:"rater,omitempty" maxLength:"100" doc:"The rater's NIP; set from the token for supervisors and employees; for community feedback a label"`
	Aspect  string `json:"aspect" enum:"hasil_kerja,perilaku_kerja"`
	Value   string `json:"value" enum:"di_bawah,sesuai,di_atas"`
	GivenOn string `json:"given_on,omitempty" format:"date" doc:"Default today"`
	Note    string `json:"note,omitempty" maxLength:"2000"`
}

// RateInput is POST /appraisals/{id}/ratings.
type RateInput struct {
	AppraisalPath
	IfMatch string `header:"If-Match" doc:"Optional ETag of the appraisal; if given and stale the ratings are refused (412)"`
	Body    struct {
		Ratings []RatingBody `json:"ratings" minItems:"1" maxItems:"20"`
	}
}

// ratingSource decides the source and rater of a rating from the caller: admins enter any rating on someone's
// behalf; the direct superior rates as superior; the appraised employee rates themselves; a requested peer as peer.
func ratingSource(p auth.Principal, d store.AppraisalDetail, emp store.Employee, src evaluation.Source, rater string) (string, bool) {
	switch {
	case p.Role == auth.Admin:
		if rater == "" {
			switch src {
			case evaluation.Superior:
				rater = emp.SupervisorNIP
			case evaluation.Self:
				rater = emp.NIP
			}
		}
		return rater, rater != ""
	case p.NIP == "":
		return "", false
	case src == evaluation.Superior:
		return p.NIP, p.Role == auth.Supervisor && emp.SupervisorNIP == p.NIP
	case src == evaluation.Self:
		return p.NIP, emp.NIP == p.NIP
	case src == evaluation.Peer:
		return p.NIP, slices.Contains(d.Peers, p.NIP)
	}
	return "", false
}

func (s *server) rateAppraisal(ctx context.Context, in *RateInput) (*AppraisalOutput, error) {
	d, emp, p, err := s.visibleAppraisal(ctx, in.Region, in.ID)
	if err != nil {
		return nil, err
	}
	if d.Status == store.AppraisalFinalised {
		return nil, career.Newf(career.Conflict, "", "penilaian kinerja %d sudah final dan tidak dapat diubah",
			"appraisal %d is finalised and cannot change", d.ID)
	}
	if err := checkIfMatch(ctx, in.IfMatch, d.Version, false); err != nil {
		return nil, err
	}
	rows := make([]store.Rating, len(in.Body.Ratings))
	for i, r := range in.Body.Ratings {
		f := fmt.Sprintf("ratings[%d].", i)
		src, err := evaluation.ParseSource(r.Source)
		if err != nil {
			return nil, inField(err, "body", f, "source")
		}
		asp, err := evaluation.ParseAspect(r.Aspect)
		if err != nil {
			return nil, inField(err, "body", f, "aspect")
		}
		val, err := evaluation.ParseRating(r.Value)
		if err != nil {
			return nil, inField(err, "body", f, "value")
		}
		on, err := parseDate(r.GivenOn, "body", f+"given_on", today())
		if err != nil {
			return nil, err
		}
		rater, ok := ratingSource(p, d, emp, src, strings.Join(strings.Fields(r.Rater), ""))
		if !ok {
			if p.Role == auth.Admin {
				return nil, career.Newf(career.Invalid, "body."+f+"rater", "penilai wajib diisi untuk penilaian %s",
					"the rater is required for a %s rating", src.Name())
			}
			return nil, forbidden(ctx)
		}
		rows[i] = store.Rating{Source: src.String(), Rater: rater, Aspect: asp.String(), Value: val.String(), GivenOn: store.Date(on), Note: r.Note}
	}
	// Without If-Match, ratings from concurrent raters commute: they are added at whatever version the appraisal
	// has when the transaction gets its row (store.AnyVersion), so none is refused or lost however many raters
	// write at once. With If-Match, the version must still be the one the client read.
	version := d.Version
	if in.IfMatch == "" {
		version = store.AnyVersion
	}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.AddRatings(ctx, tx, in.Region, d.ID, version, rows); err != nil {
			return err
		}
		after, err := s.store.GetAppraisal(ctx, tx, in.Region, d.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "appraisal.rate", "appraisal:"+idString(d.ID), map[string]any{"version": after.Version - 1}, map[string]any{"version": after.Version, "ratings": rows})
	})
	if err != nil {
		if career.ErrorCode(err) == career.Conflict && in.IfMatch != "" {
			if cur, gerr := s.store.GetAppraisal(ctx, nil, in.Region, d.ID); gerr == nil && cur.Status == store.AppraisalDraft {
				return nil, newProblem(ctx, 412, msgPreconditionFailed)
			}
		}
		return nil, err
	}
	cur, err := s.store.GetAppraisal(ctx, nil, in.Region, d.ID)
	if err != nil {
		return nil, err
	}
	return &AppraisalOutput{Status: 200, ETag: ETag(cur.Version), Body: appraisalOut(cur, true)}, nil
}

// FinalizeInput is POST /appraisals/{id}/finalize.
type FinalizeInput struct {
	AppraisalPath
	IfMatch string `header:"If-Match" doc:"Optional ETag of the appraisal; if given and stale, 412"`
}

// FinalizeOutput is the finalised appraisal and the predicate decision.
type FinalizeOutput struct {
	ETag string `header:"ETag"`
	Body struct {
		Appraisal Appraisal `json:"appraisal"`
		Decision  Decision  `json:"decision"`
	}
}

// domainAppraisal builds the evaluation input of a stored appraisal.
func (s *server) domainAppraisal(ctx context.Context, d store.AppraisalDetail, emp store.Employee) (evaluation.Appraisal, error) {
	es, err := s.store.LoadCareers(ctx, nil, []store.Employee{emp})
	if err != nil {
		return evaluation.Appraisal{}, err
	}
	a := evaluation.Appraisal{ID: idString(d.ID), Employee: es[0], Period: periodOf(d.Appraisal), CommunityIndex: d.CommunityIndex}
	for _, in := range d.Indicators {
		a.Indicators = append(a.Indicators, evaluation.Indicator{Code: in.Code, Target: in.Target, Actual: in.Actual})
	}
	for _, r := range d.Ratings {
		src, _ := evaluation.ParseSource(r.Source) // the columns' CHECKs admit valid codes only
		asp, _ := evaluation.ParseAspect(r.Aspect)
		val, _ := evaluation.ParseRating(r.Value)
		a.Entries = append(a.Entries, evaluation.Entry{Source: src, Rater: r.Rater, Aspect: asp, Value: val, At: r.GivenOn.Career(), Note: r.Note})
	}
	return a, nil
}

// finalizeAttempts bounds the re-reads of a finalisation without If-Match that keeps meeting new ratings.
const finalizeAttempts = 10

func (s *server) finalizeAppraisal(ctx context.Context, in *FinalizeInput) (*FinalizeOutput, error) {
	for attempt := 1; ; attempt++ {
		out, err := s.finalizeOnce(ctx, in)
		// Without If-Match the client asks to finalise on the ratings there are: one added between the read and the
		// write (the version moved) is no conflict of the client's. Read again, judge again, try again; a finalised
		// appraisal is then reported as such by the next attempt.
		if in.IfMatch != "" || career.ErrorCode(err) != career.Conflict || attempt >= finalizeAttempts {
			return out, err
		}
	}
}

func (s *server) finalizeOnce(ctx context.Context, in *FinalizeInput) (*FinalizeOutput, error) {
	d, emp, p, err := s.visibleAppraisal(ctx, in.Region, in.ID)
	if err != nil {
		return nil, err
	}
	if !mayWriteAppraisal(p, emp) {
		return nil, forbidden(ctx)
	}
	if d.Status == store.AppraisalFinalised {
		return nil, career.Newf(career.Conflict, "", "penilaian kinerja %d sudah final",
			"appraisal %d is finalised already", d.ID)
	}
	if err := checkIfMatch(ctx, in.IfMatch, d.Version, false); err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	a, err := s.domainAppraisal(ctx, d, emp)
	if err != nil {
		return nil, err
	}
	res, err := pol.Evaluate(ctx, a)
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	var decisionID int64
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if decisionID, err = s.storeDecision(ctx, tx, in.Region, pol, res.Decision, appraisalOut(d, true)); err != nil {
			return err
		}
		if err := s.store.FinaliseAppraisal(ctx, tx, in.Region, d.ID, d.Version, res.Hasil.String(), res.Perilaku.String(), res.Predicate.String(), decisionID); err != nil {
			return err
		}
		if d.Quarter == 0 { // the annual appraisal gives the year's predicate
			aid := d.ID
			if err := s.store.PutPredicates(ctx, tx, []store.Predicate{{Region: in.Region, NIP: d.NIP, Year: d.Year, Predicate: res.Predicate.String(), Source: store.PredicateFromAppraisal, AppraisalID: &aid}}); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, p, in.Region, "appraisal.finalize", "appraisal:"+idString(d.ID),
			map[string]any{"status": d.Status, "version": d.Version},
			map[string]any{"status": store.AppraisalFinalised, "predicate": res.Predicate.String(), "decision_id": decisionID})
	})
	if err != nil {
		return nil, err
	}
	cur, err := s.store.GetAppraisal(ctx, nil, in.Region, d.ID)
	if err != nil {
		return nil, err
	}
	out := &FinalizeOutput{ETag: ETag(cur.Version)}
	out.Body.Appraisal = appraisalOut(cur, true)
	out.Body.Decision = decisionOut(ctx, res.Decision, decisionID, pol.ref())
	return out, nil
}

// ListAppraisalsOutput lists an employee's appraisals.
type ListAppraisalsOutput struct {
	Body struct {
		Appraisals []Appraisal `json:"appraisals"`
	}
}

func (s *server) listEmployeeAppraisals(ctx context.Context, in *EmployeePath) (*ListAppraisalsOutput, error) {
	emp, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	as, err := s.store.ListAppraisals(ctx, in.Region, emp.NIP)
	if err != nil {
		return nil, err
	}
	out := &ListAppraisalsOutput{}
	out.Body.Appraisals = make([]Appraisal, len(as))
	for i, a := range as {
		out.Body.Appraisals[i] = appraisalOut(store.AppraisalDetail{Appraisal: a}, false)
	}
	return out, nil
}
