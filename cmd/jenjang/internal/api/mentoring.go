package api

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/mentoring"
)

// Pair is a mentoring pair.
type Pair struct {
	ID         int64   `json:"id"`
	MentorNIP  string  `json:"mentor_nip"`
	MenteeNIP  string  `json:"mentee_nip"`
	Status     string  `json:"status"`
	Score      float64 `json:"score,omitempty"`
	StartedOn  string  `json:"started_on" format:"date"`
	DecisionID int64   `json:"decision_id,omitempty"`
}

func pairOut(p store.Pair) Pair {
	out := Pair{ID: p.ID, MentorNIP: p.MentorNIP, MenteeNIP: p.MenteeNIP, Status: p.Status, Score: p.Score, StartedOn: p.StartedOn.String()}
	if p.DecisionID != nil {
		out.DecisionID = *p.DecisionID
	}
	return out
}

// MatchInput is POST /mentoring/matches.
type MatchInput struct {
	RegionPath
	Body struct {
		On          string   `json:"on,omitempty" format:"date" doc:"Default today"`
		Mentors     []string `json:"mentors,omitempty" maxItems:"5000" doc:"Candidate mentors; absent: every employee of the region"`
		Mentees     []string `json:"mentees,omitempty" maxItems:"5000" doc:"Mentees to match; absent: every employee of the region"`
		CreatePairs bool     `json:"create_pairs,omitempty" doc:"Also create the matched pairs"`
	}
}

// UnmatchedOut is a mentee without a mentor.
type UnmatchedOut struct {
	NIP    string `json:"nip"`
	Reason string `json:"reason"`
}

// MatchOutput is the matching and its stored decision.
type MatchOutput struct {
	Body struct {
		Pairs     []Pair         `json:"pairs"`
		Unmatched []UnmatchedOut `json:"unmatched"`
		Decision  Decision       `json:"decision"`
	}
}

// profiles returns the mentoring profiles of the employees f selects, with last year's predicate.
func (s *server) profiles(ctx context.Context, f store.EmployeeFilter, on career.Date) ([]mentoring.Profile, error) {
	var out []mentoring.Profile
	err := s.store.EachEmployee(ctx, f, eligibilityBatch, func(rows []store.Employee) error {
		cs, err := s.candidates(ctx, f.Region, rows)
		if err != nil {
			return err
		}
		for _, c := range cs {
			out = append(out, mentoring.Profile{Employee: c.Employee, Predicate: c.Predicates[on.Year()-1]})
		}
		return nil
	})
	return out, err
}

func nipFilter(region string, nips []string, field string) (store.EmployeeFilter, error) {
	f := store.EmployeeFilter{Region: region}
	if nips == nil {
		return f, nil
	}
	f.NIPs = []string{}
	for i, s := range nips {
		n, err := parseNIP(s, "body", fmt.Sprintf("%s[%d]", field, i))
		if err != nil {
			return f, err
		}
		f.NIPs = append(f.NIPs, n.String())
	}
	return f, nil
}

func (s *server) matchMentors(ctx context.Context, in *MatchInput) (*MatchOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	on, err := parseDate(in.Body.On, "body", "on", today())
	if err != nil {
		return nil, err
	}
	mf, err := nipFilter(in.Region, in.Body.Mentors, "mentors")
	if err != nil {
		return nil, err
	}
	ef, err := nipFilter(in.Region, in.Body.Mentees, "mentees")
	if err != nil {
		return nil, err
	}
	req := mentoring.MatchRequest{On: on}
	if req.Mentors, err = s.profiles(ctx, mf, on); err != nil {
		return nil, err
	}
	if req.Mentees, err = s.profiles(ctx, ef, on); err != nil {
		return nil, err
	}
	if mf.NIPs != nil && len(req.Mentors) != len(mf.NIPs) || ef.NIPs != nil && len(req.Mentees) != len(ef.NIPs) {
		return nil, career.Newf(career.Invalid, "body", "setiap mentor dan mentee harus pegawai di wilayah ini",
			"every mentor and mentee must be an employee of this region")
	}
	m, err := pol.Match(ctx, req)
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	out := &MatchOutput{}
	out.Body.Pairs, out.Body.Unmatched = []Pair{}, []UnmatchedOut{}
	lang := langOf(ctx)
	for _, u := range m.Unmatched {
		out.Body.Unmatched = append(out.Body.Unmatched, UnmatchedOut{NIP: u.Mentee.String(), Reason: u.Reason.In(lang)})
	}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		id, err := s.storeDecision(ctx, tx, in.Region, pol, m.Decision, map[string]any{"on": on.String(), "mentors": len(req.Mentors), "mentees": len(req.Mentees)})
		if err != nil {
			return err
		}
		rows := make([]store.Pair, len(m.Pairs))
		for i, pr := range m.Pairs {
			rows[i] = store.Pair{Region: in.Region, MentorNIP: pr.Mentor.String(), MenteeNIP: pr.Mentee.String(), Score: pr.Score, DecisionID: &id, StartedOn: store.Date(on), Status: store.PairActive}
		}
		if in.Body.CreatePairs {
			if err := s.store.InsertPairs(ctx, tx, rows); err != nil {
				return err
			}
		}
		for _, r := range rows {
			out.Body.Pairs = append(out.Body.Pairs, pairOut(r))
		}
		out.Body.Decision = decisionOut(ctx, m.Decision, id, pol.ref())
		return s.audit(ctx, tx, p, in.Region, "mentoring.match", "decision:"+idString(id), nil, map[string]any{"pairs": out.Body.Pairs, "created": in.Body.CreatePairs})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListPairsOutput lists mentoring pairs.
type ListPairsOutput struct {
	Body struct {
		Pairs []Pair `json:"pairs"`
	}
}

func (s *server) listPairs(ctx context.Context, in *RegionPath) (*ListPairsOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	f := store.PairFilter{Region: in.Region}
	switch {
	case regionWide(p):
	case p.Role == auth.Supervisor && p.NIP != "":
		page, err := s.store.ListEmployees(ctx, store.EmployeeFilter{Region: in.Region, Supervisor: p.NIP, Limit: store.MaxEmployeeLimit})
		if err != nil {
			return nil, err
		}
		f.AnyOf = []string{p.NIP}
		for _, e := range page.Employees {
			f.AnyOf = append(f.AnyOf, e.NIP)
		}
	default:
		f.AnyOf = []string{}
		if p.NIP != "" {
			f.AnyOf = []string{p.NIP}
		}
	}
	ps, err := s.store.ListPairs(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &ListPairsOutput{}
	out.Body.Pairs = each(ps, pairOut)
	return out, nil
}

// CreatePairInput is POST /mentoring/pairs.
type CreatePairInput struct {
	RegionPath
	Body struct {
		MentorNIP string `json:"mentor_nip"`
		MenteeNIP string `json:"mentee_nip"`
		StartedOn string `json:"started_on,omitempty" format:"date" doc:"Default today"`
	}
}

// PairOutput is one pair.
type PairOutput struct {
	Status int
	Body   Pair
}

func (s *server) createPair(ctx context.Context, in *CreatePairInput) (*PairOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	mentor, err := parseNIP(in.Body.MentorNIP, "body", "mentor_nip")
	if err != nil {
		return nil, err
	}
	mentee, err := parseNIP(in.Body.MenteeNIP, "body", "mentee_nip")
	if err != nil {
		return nil, err
	}
	if mentor == mentee {
		return nil, career.Newf(career.Invalid, "body.mentee_nip", "mentor dan mentee adalah orang yang sama",
			"mentor and mentee are the same person")
	}
	on, err := parseDate(in.Body.StartedOn, "body", "started_on", today())
	if err != nil {
		return nil, err
	}
	row := store.Pair{Region: in.Region, MentorNIP: mentor.String(), MenteeNIP: mentee.String(), StartedOn: store.Date(on)}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for field, n := range map[string]string{"mentor_nip": row.MentorNIP, "mentee_nip": row.MenteeNIP} {
			if _, err := s.store.GetEmployee(ctx, tx, in.Region, n); err != nil {
				return inField(err, "body", "", field)
			}
		}
		rows := []store.Pair{row}
		if err := s.store.InsertPairs(ctx, tx, rows); err != nil {
			return err
		}
		row = rows[0]
		return s.audit(ctx, tx, p, in.Region, "mentoring.pair.create", "pair:"+idString(row.ID), nil, pairOut(row))
	})
	if err != nil {
		return nil, err
	}
	return &PairOutput{Status: 201, Body: pairOut(row)}, nil
}

// SessionInput is POST /mentoring/pairs/{id}/sessions.
type SessionInput struct {
	RegionPath
	ID   string `path:"id" maxLength:"20"`
	Body struct {
		Date    string `json:"date" format:"date"`
		Minutes int    `json:"minutes" minimum:"1" maximum:"1440"`
		Topic   string `json:"topic,omitempty" maxLength:"500"`
	}
}

// SessionOutput is a recorded session and the ledger activity it gave the mentee.
type SessionOutput struct {
	Status int
	Body   struct {
		ID       int64       `json:"id"`
		PairID   int64       `json:"pair_id"`
		Activity ActivityOut `json:"activity"`
	}
}

func (s *server) addSession(ctx context.Context, in *SessionInput) (*SessionOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	id, ok := parseID(in.ID)
	if !ok {
		return nil, catalogueError(career.NotFound, "path.id", msgNotFound)
	}
	pair, err := s.store.GetPair(ctx, s.store.DB(), in.Region, id)
	if err != nil {
		return nil, inField(err, "path", "", "id")
	}
	if p.Role != auth.Admin && (p.NIP == "" || p.NIP != pair.MentorNIP) {
		return nil, forbidden(ctx)
	}
	on, err := parseDate(in.Body.Date, "body", "date", career.Date{})
	if err != nil {
		return nil, err
	}
	mentee, err := career.ParseNIPAt(pair.MenteeNIP, career.Date{})
	if err != nil {
		return nil, err
	}
	act, err := mentoring.Session{Date: on, Minutes: in.Body.Minutes, Topic: in.Body.Topic}.Activity(mentee, idString(pair.ID))
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	out := &SessionOutput{Status: 201}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		rows := []store.Activity{store.ActivityFrom(in.Region, act, "mentoring:"+idString(pair.ID))}
		if err := s.store.InsertActivities(ctx, tx, rows); err != nil {
			return err
		}
		sess := store.Session{PairID: pair.ID, Region: in.Region, On: store.Date(on), Minutes: in.Body.Minutes, Topic: in.Body.Topic, ActivityID: rows[0].ID}
		if err := s.store.InsertSession(ctx, tx, &sess); err != nil {
			return err
		}
		out.Body.ID, out.Body.PairID = sess.ID, pair.ID
		a := rows[0]
		out.Body.Activity = ActivityOut{Date: a.On.String(), Program: a.Program, Method: a.Method, Minutes: a.Minutes, JP: float64(a.Minutes) / 45, Source: a.Source}
		return s.audit(ctx, tx, p, in.Region, "mentoring.session", "pair:"+idString(pair.ID), nil, out.Body)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
