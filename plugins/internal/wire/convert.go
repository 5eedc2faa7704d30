package wire

import (
	"errors"
	"fmt"
	"slices"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/promotion"
)

// ---- errors ----------------------------------------------------------------------------------------------------------

// Error encodes an item's error. A *career.Error keeps its code, field and message; any other error becomes
// Internal with its text (logged by the host, never shown).
func Error(err error) *pb.Error {
	var e *career.Error
	if errors.As(err, &e) {
		msg := e.Message
		if e.Code == career.Internal && e.Err != nil {
			msg = e.Error()
		}
		id := e.ID
		if e.Code == career.Internal {
			id = ""
		}
		return &pb.Error{Code: string(e.Code), Field: e.Field, Message: msg, MessageId: id}
	}
	return &pb.Error{Code: string(career.Internal), Message: err.Error()}
}

var codes = map[string]career.Code{}

func init() {
	for _, c := range []career.Code{career.Invalid, career.NotFound, career.Conflict, career.Forbidden, career.Unauthorized,
		career.PolicyConflict, career.Unavailable, career.Timeout, career.Internal} {
		codes[string(c)] = c
	}
}

// ToError decodes an item's error into a *career.Error. An unknown code becomes Internal; the text of an Internal
// error is kept as the cause, never as the user-safe message.
func ToError(m *pb.Error) *career.Error {
	code, ok := codes[m.GetCode()]
	if !ok || code == career.Internal {
		return &career.Error{Code: career.Internal, Field: m.GetField(), Message: "the policy plugin failed", ID: "plugin kebijakan gagal",
			Err: fmt.Errorf("plugin error %q: %s", m.GetCode(), m.GetMessage())}
	}
	return &career.Error{Code: code, Field: m.GetField(), Message: m.GetMessage(), ID: m.GetMessageId()}
}

// ---- decisions -------------------------------------------------------------------------------------------------------

// CriterionWidth is the count of numbers one criterion takes in Decision.criteria.
const CriterionWidth = 7

// Decision encodes d, its strings into t.
func Decision(t *Strings, d *career.Decision) *pb.Decision {
	m := &pb.Decision{
		Kind: t.Add(d.Kind), Subject: d.Subject, Outcome: t.Add(d.Outcome), NotBefore: Date(d.NotBefore),
		PolicyRegion: t.Add(d.Policy.Region), PolicyVersion: t.Add(d.Policy.Version), JudgedAt: Date(d.JudgedAt),
	}
	if n := len(d.Criteria); n > 0 {
		m.Criteria = make([]uint32, 0, CriterionWidth*n)
		for i := range d.Criteria {
			c := &d.Criteria[i]
			passed := uint32(0)
			if c.Passed {
				passed = 1
			}
			m.Criteria = append(m.Criteria, t.Add(c.Code), passed, t.Add(c.Required), t.Add(c.Found), t.Add(c.Source), t.Add(c.Text.ID), t.Add(c.Text.EN))
		}
	}
	if len(d.Details) > 0 {
		keys := make([]string, 0, len(d.Details))
		for k := range d.Details {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		m.Details = make([]uint32, 0, 2*len(keys))
		for _, k := range keys {
			m.Details = append(m.Details, t.Add(k), t.Add(d.Details[k]))
		}
	}
	return m
}

// ToDecision decodes a decision against its table. It fails on a structurally invalid decision: an index outside
// the table, an odd details list, a date that is not a date.
func ToDecision(t Table, m *pb.Decision) (career.Decision, error) {
	if m == nil {
		return career.Decision{}, errors.New("missing decision")
	}
	var d career.Decision
	var err error
	get := func(i uint32) string {
		s, e := t.Get(i)
		if e != nil && err == nil {
			err = e
		}
		return s
	}
	d.Kind, d.Subject, d.Outcome = get(m.Kind), m.Subject, get(m.Outcome)
	d.Policy = career.PolicyRef{Region: get(m.PolicyRegion), Version: get(m.PolicyVersion)}
	if d.NotBefore, err = ToDate(m.NotBefore, "not_before"); err != nil {
		return d, err
	}
	if d.JudgedAt, err = ToDate(m.JudgedAt, "judged_at"); err != nil {
		return d, err
	}
	if n := len(m.Criteria); n > 0 {
		if n%CriterionWidth != 0 {
			return d, fmt.Errorf("criteria hold %d numbers, not groups of %d", n, CriterionWidth)
		}
		d.Criteria = make([]career.Criterion, n/CriterionWidth)
		for i := range d.Criteria {
			c := m.Criteria[i*CriterionWidth : (i+1)*CriterionWidth]
			if c[1] > 1 {
				return d, fmt.Errorf("criterion %d: passed is %d, not 0 or 1", i, c[1])
			}
			d.Criteria[i] = career.Criterion{Code: get(c[0]), Passed: c[1] == 1, Required: get(c[2]), Found: get(c[3]),
				Source: get(c[4]), Text: career.Message{ID: get(c[5]), EN: get(c[6])}}
		}
	}
	if n := len(m.Details); n > 0 {
		if n%2 != 0 {
			return d, fmt.Errorf("details hold %d indices, not key/value pairs", n)
		}
		d.Details = make(map[string]string, n/2)
		for i := 0; i < n; i += 2 {
			d.Details[get(m.Details[i])] = get(m.Details[i+1])
		}
	}
	return d, err
}

// ---- employees -------------------------------------------------------------------------------------------------------

// Position encodes a position.
func Position(p career.Position) *pb.Position {
	return &pb.Position{Title: p.Title, Kind: int32(p.Kind), Level: int32(p.Level), Field: p.Field, Service: p.Service,
		LowestGrade: int32(p.LowestGrade)}
}

// ToPosition decodes a position; an absent one is the zero Position.
func ToPosition(m *pb.Position) career.Position {
	if m == nil {
		return career.Position{}
	}
	return career.Position{Title: m.Title, Kind: career.PositionKind(m.Kind), Level: career.Level(m.Level), Field: m.Field,
		Service: m.Service, LowestGrade: career.Grade(m.LowestGrade)}
}

// Employee encodes an employee.
func Employee(e *career.Employee) *pb.Employee {
	m := &pb.Employee{
		Nip: e.NIP.String(), Name: e.Name, Type: int32(e.Type), Grade: int32(e.Grade), PppkGrade: int32(e.PPPKGrade),
		GradeTmt: Date(e.GradeTMT), Position: Position(e.Position), PositionTmt: Date(e.PositionTMT),
		Education: int32(e.Education), Unit: e.Unit, Agency: e.Agency, Supervisor: e.Supervisor.String(),
		Appointed: Date(e.Appointed), CreditPoints: e.CreditPoints,
	}
	for _, s := range e.Sanctions {
		m.Sanctions = append(m.Sanctions, &pb.Sanction{Level: int32(s.Level), From: Date(s.From), Until: Date(s.Until)})
	}
	for _, g := range e.Grades {
		m.Grades = append(m.Grades, &pb.GradeStep{Grade: int32(g.Grade), Tmt: Date(g.TMT)})
	}
	for _, p := range e.Positions {
		m.Positions = append(m.Positions, &pb.PositionStep{Position: Position(p.Position), From: Date(p.From), Until: Date(p.Until)})
	}
	return m
}

// ToEmployee decodes an employee. prefix is prepended to the fields named in errors ("mentors[2].").
func ToEmployee(m *pb.Employee, prefix string) (career.Employee, error) {
	if m == nil {
		return career.Employee{}, career.Errorf(career.Invalid, prefix+"employee", "the employee is required")
	}
	var e career.Employee
	var err error
	if e.NIP, err = ToNIP(m.Nip, prefix+"nip"); err != nil {
		return e, err
	}
	if e.Supervisor, err = ToNIP(m.Supervisor, prefix+"supervisor"); err != nil {
		return e, err
	}
	e.Name, e.Type, e.Grade, e.PPPKGrade = m.Name, career.EmploymentType(m.Type), career.Grade(m.Grade), career.PPPKGrade(m.PppkGrade)
	e.Position, e.Education, e.Unit, e.Agency, e.CreditPoints = ToPosition(m.Position), career.Education(m.Education), m.Unit, m.Agency, m.CreditPoints
	if e.GradeTMT, err = ToDate(m.GradeTmt, prefix+"grade_tmt"); err != nil {
		return e, err
	}
	if e.PositionTMT, err = ToDate(m.PositionTmt, prefix+"position_tmt"); err != nil {
		return e, err
	}
	if e.Appointed, err = ToDate(m.Appointed, prefix+"appointed"); err != nil {
		return e, err
	}
	if len(m.Sanctions) > 0 {
		e.Sanctions = make([]career.Sanction, len(m.Sanctions))
		for i, s := range m.Sanctions {
			f := fmt.Sprintf("%ssanctions[%d]", prefix, i)
			e.Sanctions[i].Level = career.SanctionLevel(s.GetLevel())
			if e.Sanctions[i].From, err = ToDate(s.GetFrom(), f+".from"); err != nil {
				return e, err
			}
			if e.Sanctions[i].Until, err = ToDate(s.GetUntil(), f+".until"); err != nil {
				return e, err
			}
		}
	}
	if len(m.Grades) > 0 {
		e.Grades = make([]career.GradeStep, len(m.Grades))
		for i, g := range m.Grades {
			e.Grades[i].Grade = career.Grade(g.GetGrade())
			if e.Grades[i].TMT, err = ToDate(g.GetTmt(), fmt.Sprintf("%sgrades[%d].tmt", prefix, i)); err != nil {
				return e, err
			}
		}
	}
	if len(m.Positions) > 0 {
		e.Positions = make([]career.PositionStep, len(m.Positions))
		for i, p := range m.Positions {
			f := fmt.Sprintf("%spositions[%d]", prefix, i)
			e.Positions[i].Position = ToPosition(p.GetPosition())
			if e.Positions[i].From, err = ToDate(p.GetFrom(), f+".from"); err != nil {
				return e, err
			}
			if e.Positions[i].Until, err = ToDate(p.GetUntil(), f+".until"); err != nil {
				return e, err
			}
		}
	}
	return e, nil
}

// Predicates encodes predicates by year.
func Predicates(p map[int]evaluation.Predicate) map[int32]int32 {
	if len(p) == 0 {
		return nil
	}
	m := make(map[int32]int32, len(p))
	for y, v := range p {
		m[int32(y)] = int32(v)
	}
	return m
}

// ToPredicates decodes predicates by year.
func ToPredicates(m map[int32]int32) map[int]evaluation.Predicate {
	if len(m) == 0 {
		return nil
	}
	p := make(map[int]evaluation.Predicate, len(m))
	for y, v := range m {
		p[int(y)] = evaluation.Predicate(v)
	}
	return p
}

// ---- promotion -------------------------------------------------------------------------------------------------------

// Selection encodes a position selection.
func Selection(s *promotion.Selection) *pb.RankRequest {
	m := &pb.RankRequest{Opening: &pb.Opening{Id: s.Opening.ID, Position: Position(s.Opening.Position), On: Date(s.Opening.On)}}
	m.Applicants = make([]*pb.Applicant, len(s.Applicants))
	for i := range s.Applicants {
		a := &s.Applicants[i]
		m.Applicants[i] = &pb.Applicant{Employee: Employee(&a.Employee), Predicates: Predicates(a.Predicates),
			Competence: a.Competence, Innovation: a.Innovation, Flagship: a.Flagship, ExtraMinutes: int32(a.ExtraMinutes)}
	}
	return m
}

// ToSelection decodes a position selection.
func ToSelection(m *pb.RankRequest) (promotion.Selection, error) {
	var s promotion.Selection
	o := m.GetOpening()
	s.Opening = promotion.Opening{ID: o.GetId(), Position: ToPosition(o.GetPosition())}
	var err error
	if s.Opening.On, err = ToDate(o.GetOn(), "opening.on"); err != nil {
		return s, err
	}
	s.Applicants = make([]promotion.Applicant, len(m.Applicants))
	for i, a := range m.Applicants {
		e, err := ToEmployee(a.GetEmployee(), fmt.Sprintf("applicants[%d].", i))
		if err != nil {
			return s, err
		}
		s.Applicants[i] = promotion.Applicant{Employee: e, Predicates: ToPredicates(a.GetPredicates()), Competence: a.GetCompetence(),
			Innovation: a.GetInnovation(), Flagship: a.GetFlagship(), ExtraMinutes: int(a.GetExtraMinutes())}
	}
	return s, nil
}

// Ranking encodes a ranking, its decisions' strings into t.
func Ranking(t *Strings, r *promotion.Ranking) *pb.Ranking {
	m := &pb.Ranking{Opening: r.Opening, Ranked: make([]*pb.Ranked, len(r.Ranked))}
	for i := range r.Ranked {
		x := &r.Ranked[i]
		m.Ranked[i] = &pb.Ranked{Nip: x.NIP.String(), Rank: int32(x.Rank), Score: x.Score, Decision: Decision(t, &x.Decision)}
	}
	return m
}

// ToRanking decodes a ranking.
func ToRanking(t Table, m *pb.Ranking) (promotion.Ranking, error) {
	r := promotion.Ranking{Opening: m.GetOpening()}
	if len(m.GetRanked()) > 0 {
		r.Ranked = make([]promotion.Ranked, len(m.Ranked))
	}
	for i, x := range m.GetRanked() {
		nip, err := ToNIP(x.GetNip(), fmt.Sprintf("ranked[%d].nip", i))
		if err != nil {
			return r, err
		}
		d, err := ToDecision(t, x.GetDecision())
		if err != nil {
			return r, fmt.Errorf("ranked[%d]: %w", i, err)
		}
		r.Ranked[i] = promotion.Ranked{NIP: nip, Rank: int(x.GetRank()), Score: x.GetScore(), Decision: d}
	}
	return r, nil
}
