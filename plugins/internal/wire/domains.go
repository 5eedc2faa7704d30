package wire

import (
	"fmt"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/training"
)

// Text encodes a message.
func Text(m career.Message) *pb.Text { return &pb.Text{Id: m.ID, En: m.EN} }

// ToText decodes a message.
func ToText(m *pb.Text) career.Message { return career.Message{ID: m.GetId(), EN: m.GetEn()} }

// ---- evaluation ------------------------------------------------------------------------------------------------------

// Appraisal encodes an appraisal.
func Appraisal(a *evaluation.Appraisal) *pb.Appraisal {
	m := &pb.Appraisal{Id: a.ID, Employee: Employee(&a.Employee), Year: int32(a.Period.Year), Quarter: int32(a.Period.Quarter),
		CommunityIndex: a.CommunityIndex}
	for _, e := range a.Entries {
		m.Entries = append(m.Entries, &pb.Entry{Source: int32(e.Source), Rater: e.Rater, Aspect: int32(e.Aspect), Value: int32(e.Value),
			At: Date(e.At), Note: e.Note})
	}
	for _, in := range a.Indicators {
		m.Indicators = append(m.Indicators, &pb.Indicator{Code: in.Code, Target: in.Target, Actual: in.Actual})
	}
	return m
}

// ToAppraisal decodes an appraisal.
func ToAppraisal(m *pb.Appraisal) (evaluation.Appraisal, error) {
	e, err := ToEmployee(m.GetEmployee(), "")
	a := evaluation.Appraisal{ID: m.GetId(), Employee: e, Period: evaluation.Period{Year: int(m.GetYear()), Quarter: int(m.GetQuarter())},
		CommunityIndex: m.GetCommunityIndex()}
	if err != nil {
		return a, err
	}
	if len(m.Entries) > 0 {
		a.Entries = make([]evaluation.Entry, len(m.Entries))
		for i, x := range m.Entries {
			at, err := ToDate(x.GetAt(), fmt.Sprintf("ratings[%d].at", i))
			if err != nil {
				return a, err
			}
			a.Entries[i] = evaluation.Entry{Source: evaluation.Source(x.GetSource()), Rater: x.GetRater(), Aspect: evaluation.Aspect(x.GetAspect()),
				Value: evaluation.Rating(x.GetValue()), At: at, Note: x.GetNote()}
		}
	}
	for _, x := range m.Indicators {
		a.Indicators = append(a.Indicators, evaluation.Indicator{Code: x.GetCode(), Target: x.GetTarget(), Actual: x.GetActual()})
	}
	return a, nil
}

// Result encodes an evaluation result.
func Result(t *Strings, r *evaluation.Result) *pb.EvaluationResult {
	return &pb.EvaluationResult{Hasil: int32(r.Hasil), Perilaku: int32(r.Perilaku), Predicate: int32(r.Predicate), Decision: Decision(t, &r.Decision)}
}

// ToResult decodes an evaluation result.
func ToResult(t Table, m *pb.EvaluationResult) (evaluation.Result, error) {
	d, err := ToDecision(t, m.GetDecision())
	return evaluation.Result{Hasil: evaluation.Rating(m.GetHasil()), Perilaku: evaluation.Rating(m.GetPerilaku()),
		Predicate: evaluation.Predicate(m.GetPredicate()), Decision: d}, err
}

// ---- transfers -------------------------------------------------------------------------------------------------------

func place(p career.Place) *pb.Place {
	return &pb.Place{Agency: p.Agency, Regency: p.Regency, Province: p.Province}
}

func toPlace(m *pb.Place) career.Place {
	return career.Place{Agency: m.GetAgency(), Regency: m.GetRegency(), Province: m.GetProvince()}
}

// Transfer encodes a transfer request.
func Transfer(r *career.TransferRequest) *pb.TransferRequest {
	return &pb.TransferRequest{Employee: Employee(&r.Employee), From: place(r.From), To: place(r.To), Personal: r.Personal, On: Date(r.On),
		Kinerja: int32(r.Kinerja), Potensial: int32(r.Potensial)}
}

// ToTransfer decodes a transfer request.
func ToTransfer(m *pb.TransferRequest) (career.TransferRequest, error) {
	e, err := ToEmployee(m.GetEmployee(), "")
	r := career.TransferRequest{Employee: e, From: toPlace(m.GetFrom()), To: toPlace(m.GetTo()), Personal: m.GetPersonal(),
		Kinerja: career.Band(m.GetKinerja()), Potensial: career.Band(m.GetPotensial())} // ranges: TransferRequest.Validate
	if err != nil {
		return r, err
	}
	r.On, err = ToDate(m.GetOn(), "on")
	return r, err
}

// ---- training --------------------------------------------------------------------------------------------------------

// Ledger encodes a JP ledger.
func Ledger(l *training.Ledger) *pb.Ledger {
	m := &pb.Ledger{Nip: l.NIP.String(), Year: int32(l.Year)}
	for _, a := range l.Activities {
		m.Activities = append(m.Activities, &pb.Activity{Nip: a.NIP.String(), Date: Date(a.Date), Program: a.Program, Method: string(a.Method),
			Minutes: int32(a.Minutes)})
	}
	return m
}

// ToLedger decodes a JP ledger; prefix is prepended to the fields named in errors.
func ToLedger(m *pb.Ledger, prefix string) (training.Ledger, error) {
	var l training.Ledger
	var err error
	if l.NIP, err = ToNIP(m.GetNip(), prefix+"nip"); err != nil {
		return l, err
	}
	l.Year = int(m.GetYear())
	if len(m.GetActivities()) > 0 {
		l.Activities = make([]training.Activity, len(m.Activities))
		for i, a := range m.Activities {
			f := fmt.Sprintf("%sactivities[%d]", prefix, i)
			x := training.Activity{Program: a.GetProgram(), Method: training.Method(a.GetMethod()), Minutes: int(a.GetMinutes())}
			if x.NIP, err = ToNIP(a.GetNip(), f+".nip"); err != nil {
				return l, err
			}
			if x.Date, err = ToDate(a.GetDate(), f+".date"); err != nil {
				return l, err
			}
			l.Activities[i] = x
		}
	}
	return l, nil
}

// Program encodes a program.
func Program(p *training.Program) *pb.Program {
	return &pb.Program{Code: p.Code, Title: p.Title, Method: string(p.Method), Competency: int32(p.Competency), Jp: int32(p.JP),
		Cost: p.Cost, Seats: int32(p.Seats), Provider: p.Provider, Fields: p.Fields, Tags: p.Tags}
}

// ToProgram decodes a program.
func ToProgram(m *pb.Program) training.Program {
	return training.Program{Code: m.GetCode(), Title: m.GetTitle(), Method: training.Method(m.GetMethod()), Competency: training.Competency(m.GetCompetency()),
		JP: int(m.GetJp()), Cost: m.GetCost(), Seats: int(m.GetSeats()), Provider: m.GetProvider(), Fields: m.GetFields(), Tags: m.GetTags()}
}

func programs(ps []training.Program) []*pb.Program {
	out := make([]*pb.Program, len(ps))
	for i := range ps {
		out[i] = Program(&ps[i])
	}
	return out
}

func toPrograms(ms []*pb.Program) []training.Program {
	if len(ms) == 0 {
		return nil
	}
	out := make([]training.Program, len(ms))
	for i, m := range ms {
		out[i] = ToProgram(m)
	}
	return out
}

// RecommendItem encodes a recommendation request; the decision of its last appraisal goes into t.
func RecommendItem(t *Strings, r *training.RecommendRequest) *pb.RecommendItem {
	m := &pb.RecommendItem{Employee: Employee(&r.Employee), Ledger: Ledger(&r.Ledger), Catalogue: programs(r.Catalogue)}
	if r.Last.Predicate != 0 || r.Last.Hasil != 0 || r.Last.Perilaku != 0 {
		m.Last = Result(t, &r.Last)
	}
	return m
}

// ToRecommendItem decodes a recommendation request.
func ToRecommendItem(t Table, m *pb.RecommendItem) (training.RecommendRequest, error) {
	var r training.RecommendRequest
	var err error
	if r.Employee, err = ToEmployee(m.GetEmployee(), ""); err != nil {
		return r, err
	}
	if m.GetLedger() != nil {
		if r.Ledger, err = ToLedger(m.Ledger, "ledger."); err != nil {
			return r, err
		}
	}
	if m.GetLast() != nil {
		if r.Last, err = ToResult(t, m.Last); err != nil {
			return r, career.Errorf(career.Invalid, "last", "the last appraisal result is malformed: %v", err)
		}
	}
	r.Catalogue = toPrograms(m.GetCatalogue())
	return r, nil
}

// Recommendations encodes recommendations.
func Recommendations(rs []training.Recommendation) *pb.Recommendations {
	m := &pb.Recommendations{Recommendations: make([]*pb.Recommendation, len(rs))}
	for i, r := range rs {
		m.Recommendations[i] = &pb.Recommendation{Program: r.Program, Priority: int32(r.Priority), Reason: Text(r.Reason), Source: r.Source}
	}
	return m
}

// ToRecommendations decodes recommendations; none is nil.
func ToRecommendations(m *pb.Recommendations) []training.Recommendation {
	if len(m.GetRecommendations()) == 0 {
		return nil
	}
	out := make([]training.Recommendation, len(m.Recommendations))
	for i, r := range m.Recommendations {
		out[i] = training.Recommendation{Program: r.GetProgram(), Priority: int(r.GetPriority()), Reason: ToText(r.GetReason()), Source: r.GetSource()}
	}
	return out
}

// Allocate encodes an allocation request.
func Allocate(r *training.AllocationRequest) *pb.AllocateRequest {
	m := &pb.AllocateRequest{Year: int32(r.Year), Budget: r.Budget, Programs: programs(r.Programs)}
	for _, c := range r.Candidates {
		m.Candidates = append(m.Candidates, &pb.TrainingCandidate{Nip: c.NIP.String(), Field: c.Field, Minutes: int32(c.Minutes), Rank: int32(c.Rank), Wants: c.Wants})
	}
	return m
}

// ToAllocate decodes an allocation request.
func ToAllocate(m *pb.AllocateRequest) (training.AllocationRequest, error) {
	r := training.AllocationRequest{Year: int(m.GetYear()), Budget: m.GetBudget(), Programs: toPrograms(m.GetPrograms())}
	for i, c := range m.GetCandidates() {
		nip, err := ToNIP(c.GetNip(), fmt.Sprintf("candidates[%d].nip", i))
		if err != nil {
			return r, err
		}
		r.Candidates = append(r.Candidates, training.Candidate{NIP: nip, Field: c.GetField(), Minutes: int(c.GetMinutes()), Rank: int(c.GetRank()), Wants: c.GetWants()})
	}
	return r, nil
}

// Allocation encodes an allocation.
func Allocation(t *Strings, a *training.Allocation) *pb.Allocation {
	m := &pb.Allocation{Spent: a.Spent, Decision: Decision(t, &a.Decision)}
	for _, s := range a.Seats {
		m.Seats = append(m.Seats, &pb.Seat{Nip: s.NIP.String(), Program: s.Program, Cost: s.Cost})
	}
	for _, u := range a.Unplaced {
		m.Unplaced = append(m.Unplaced, &pb.Unplaced{Nip: u.NIP.String(), Reason: Text(u.Reason)})
	}
	return m
}

// ToAllocation decodes an allocation.
func ToAllocation(t Table, m *pb.Allocation) (training.Allocation, error) {
	a := training.Allocation{Spent: m.GetSpent()}
	for i, s := range m.GetSeats() {
		nip, err := ToNIP(s.GetNip(), fmt.Sprintf("seats[%d].nip", i))
		if err != nil {
			return a, err
		}
		a.Seats = append(a.Seats, training.Seat{NIP: nip, Program: s.GetProgram(), Cost: s.GetCost()})
	}
	for i, u := range m.GetUnplaced() {
		nip, err := ToNIP(u.GetNip(), fmt.Sprintf("unplaced[%d].nip", i))
		if err != nil {
			return a, err
		}
		a.Unplaced = append(a.Unplaced, training.Unplaced{NIP: nip, Reason: ToText(u.GetReason())})
	}
	var err error
	a.Decision, err = ToDecision(t, m.GetDecision())
	return a, err
}

// ---- mentoring -------------------------------------------------------------------------------------------------------

func profiles(ps []mentoring.Profile) []*pb.Profile {
	out := make([]*pb.Profile, len(ps))
	for i := range ps {
		out[i] = &pb.Profile{Employee: Employee(&ps[i].Employee), Predicate: int32(ps[i].Predicate), Capacity: int32(ps[i].Capacity)}
	}
	return out
}

func toProfiles(ms []*pb.Profile, field string) ([]mentoring.Profile, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	out := make([]mentoring.Profile, len(ms))
	for i, m := range ms {
		e, err := ToEmployee(m.GetEmployee(), fmt.Sprintf("%s[%d].", field, i))
		if err != nil {
			return nil, err
		}
		out[i] = mentoring.Profile{Employee: e, Predicate: evaluation.Predicate(m.GetPredicate()), Capacity: int(m.GetCapacity())}
	}
	return out, nil
}

// Match encodes a match request.
func Match(r *mentoring.MatchRequest) *pb.MatchRequest {
	return &pb.MatchRequest{Mentors: profiles(r.Mentors), Mentees: profiles(r.Mentees), On: Date(r.On)}
}

// ToMatch decodes a match request.
func ToMatch(m *pb.MatchRequest) (mentoring.MatchRequest, error) {
	var r mentoring.MatchRequest
	var err error
	if r.Mentors, err = toProfiles(m.GetMentors(), "mentors"); err != nil {
		return r, err
	}
	if r.Mentees, err = toProfiles(m.GetMentees(), "mentees"); err != nil {
		return r, err
	}
	r.On, err = ToDate(m.GetOn(), "on")
	return r, err
}

// Matching encodes a matching.
func Matching(t *Strings, x *mentoring.Matching) *pb.Matching {
	m := &pb.Matching{Decision: Decision(t, &x.Decision)}
	for _, p := range x.Pairs {
		m.Pairs = append(m.Pairs, &pb.Pair{Mentor: p.Mentor.String(), Mentee: p.Mentee.String(), Score: p.Score})
	}
	for _, u := range x.Unmatched {
		m.Unmatched = append(m.Unmatched, &pb.Unmatched{Mentee: u.Mentee.String(), Reason: Text(u.Reason)})
	}
	return m
}

// ToMatching decodes a matching.
func ToMatching(t Table, m *pb.Matching) (mentoring.Matching, error) {
	var x mentoring.Matching
	for i, p := range m.GetPairs() {
		mentor, err := ToNIP(p.GetMentor(), fmt.Sprintf("pairs[%d].mentor", i))
		if err != nil {
			return x, err
		}
		mentee, err := ToNIP(p.GetMentee(), fmt.Sprintf("pairs[%d].mentee", i))
		if err != nil {
			return x, err
		}
		x.Pairs = append(x.Pairs, mentoring.Pair{Mentor: mentor, Mentee: mentee, Score: p.GetScore()})
	}
	for i, u := range m.GetUnmatched() {
		nip, err := ToNIP(u.GetMentee(), fmt.Sprintf("unmatched[%d].mentee", i))
		if err != nil {
			return x, err
		}
		x.Unmatched = append(x.Unmatched, mentoring.Unmatched{Mentee: nip, Reason: ToText(u.GetReason())})
	}
	var err error
	x.Decision, err = ToDecision(t, m.GetDecision())
	return x, err
}
