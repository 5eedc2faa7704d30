package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/training"
)

// Program is a development program of a region's catalogue.
type Program struct {
	Code       string   `json:"code" minLength:"1" maxLength:"50" example:"PM-01"`
	Title      string   `json:"title" minLength:"1" maxLength:"200" example:"Manajemen Proyek"`
	Method     string   `json:"method" example:"pelatihan" doc:"pelatihan, seminar, workshop, kursus, bimtek, coaching, mentoring, e_learning, …"`
	Competency string   `json:"competency" enum:"teknis,manajerial,sosial_kultural"`
	JP         int      `json:"jp" minimum:"1" maximum:"2000" doc:"JP awarded (1 JP = 45 minutes)"`
	Cost       int64    `json:"cost,omitempty" minimum:"0" doc:"Cost per participant, rupiah"`
	Seats      int      `json:"seats,omitempty" minimum:"0" doc:"0: unlimited"`
	Provider   string   `json:"provider,omitempty" maxLength:"200"`
	Fields     []string `json:"fields,omitempty" maxItems:"20" doc:"Job fields served; empty: any"`
	Tags       []string `json:"tags,omitempty" maxItems:"20"`
}

func (b Program) domain() (training.Program, error) {
	m, err := training.ParseMethod(b.Method)
	if err != nil {
		return training.Program{}, inField(err, "body", "", "method")
	}
	c, err := training.ParseCompetency(b.Competency)
	if err != nil {
		return training.Program{}, inField(err, "body", "", "competency")
	}
	p := training.Program{Code: strings.TrimSpace(b.Code), Title: strings.TrimSpace(b.Title), Method: m, Competency: c, JP: b.JP, Cost: b.Cost, Seats: b.Seats, Provider: b.Provider, Fields: b.Fields, Tags: b.Tags}
	if err := p.Validate(); err != nil {
		return p, inField(err, "body", "", "")
	}
	return p, nil
}

func programOut(p training.Program) Program {
	return Program{Code: p.Code, Title: p.Title, Method: string(p.Method), Competency: p.Competency.String(), JP: p.JP, Cost: p.Cost, Seats: p.Seats, Provider: p.Provider, Fields: p.Fields, Tags: p.Tags}
}

// catalogue returns a region's programs as domain values.
func (s *server) catalogue(ctx context.Context, region string) ([]training.Program, error) {
	rows, err := s.store.ListPrograms(ctx, nil, region)
	if err != nil {
		return nil, err
	}
	out := make([]training.Program, len(rows))
	for i, r := range rows {
		if out[i], err = r.Training(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ListProgramsOutput is a region's catalogue.
type ListProgramsOutput struct {
	Body struct {
		Programs []Program `json:"programs"`
	}
}

func (s *server) listPrograms(ctx context.Context, in *RegionPath) (*ListProgramsOutput, error) {
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	ps, err := s.catalogue(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	out := &ListProgramsOutput{}
	out.Body.Programs = each(ps, programOut)
	return out, nil
}

// CreateProgramInput is POST /training/programs.
type CreateProgramInput struct {
	RegionPath
	Body Program
}

// ProgramOutput is one program.
type ProgramOutput struct {
	Status int
	Body   Program
}

func (s *server) createProgram(ctx context.Context, in *CreateProgramInput) (*ProgramOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	prog, err := in.Body.domain()
	if err != nil {
		return nil, err
	}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.InsertPrograms(ctx, tx, []store.Program{store.ProgramFrom(in.Region, prog)}); err != nil {
			return inField(err, "body", "", "code")
		}
		return s.audit(ctx, tx, p, in.Region, "training.program.create", "program:"+prog.Code, nil, programOut(prog))
	})
	if err != nil {
		return nil, err
	}
	return &ProgramOutput{Status: 201, Body: programOut(prog)}, nil
}

// Enrolment is an enrolment in answers.
type Enrolment struct {
	ID          int64  `json:"id"`
	NIP         string `json:"nip"`
	Program     string `json:"program"`
	Status      string `json:"status" enum:"enrolled,completed,cancelled"`
	EnrolledOn  string `json:"enrolled_on" format:"date"`
	CompletedOn string `json:"completed_on,omitempty" format:"date"`
	ActivityID  int64  `json:"activity_id,omitempty" doc:"The ledger activity the completion wrote"`
}

func enrolmentOut(e store.Enrolment) Enrolment {
	out := Enrolment{ID: e.ID, NIP: e.NIP, Program: e.ProgramCode, Status: e.Status, EnrolledOn: e.EnrolledOn.String(), CompletedOn: e.CompletedOn.String()}
	if e.ActivityID != nil {
		out.ActivityID = *e.ActivityID
	}
	return out
}

// EnrolInput is POST /training/enrolments.
type EnrolInput struct {
	RegionPath
	Body struct {
		NIP     string `json:"nip"`
		Program string `json:"program" minLength:"1" maxLength:"50"`
		On      string `json:"on,omitempty" format:"date" doc:"Default today"`
	}
}

// EnrolmentOutput is one enrolment.
type EnrolmentOutput struct {
	Status int
	Body   Enrolment
}

func (s *server) enrol(ctx context.Context, in *EnrolInput) (*EnrolmentOutput, error) {
	nip, err := parseNIP(in.Body.NIP, "body", "nip")
	if err != nil {
		return nil, err
	}
	emp, p, err := s.visibleEmployee(ctx, in.Region, nip.String())
	if err != nil {
		return nil, inField(err, "body", "", "nip")
	}
	on, err := parseDate(in.Body.On, "body", "on", today())
	if err != nil {
		return nil, err
	}
	var e store.Enrolment
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		prog, err := s.store.GetProgram(ctx, tx, in.Region, in.Body.Program)
		if err != nil {
			return inField(err, "body", "", "program")
		}
		e = store.Enrolment{Region: in.Region, NIP: emp.NIP, ProgramCode: prog.Code, EnrolledOn: store.Date(on)}
		if err := s.store.CreateEnrolment(ctx, tx, &e, prog.Seats); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "training.enrol", "enrolment:"+idString(e.ID), nil, enrolmentOut(e))
	})
	if err != nil {
		return nil, err
	}
	return &EnrolmentOutput{Status: 201, Body: enrolmentOut(e)}, nil
}

// CompleteInput is POST /training/enrolments/{id}/complete.
type CompleteInput struct {
	RegionPath
	ID   string `path:"id" maxLength:"20"`
	Body *struct {
		On string `json:"on,omitempty" format:"date" doc:"The day it was completed; default today"`
	}
}

func (s *server) completeEnrolment(ctx context.Context, in *CompleteInput) (*EnrolmentOutput, error) {
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
	on := today()
	if in.Body != nil {
		if on, err = parseDate(in.Body.On, "body", "on", today()); err != nil {
			return nil, err
		}
	}
	var e store.Enrolment
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if e, err = s.store.GetEnrolment(ctx, tx, in.Region, id); err != nil {
			return inField(err, "path", "", "id")
		}
		before := enrolmentOut(e)
		prog, err := s.store.GetProgram(ctx, tx, in.Region, e.ProgramCode)
		if err != nil {
			return err
		}
		if on.Before(e.EnrolledOn.Career()) {
			return career.Newf(career.Invalid, "body.on", "tanggal selesai %s mendahului tanggal pendaftaran %s",
				"completion on %s is before the enrolment on %s", on, e.EnrolledOn)
		}
		nip, err := career.ParseNIPAt(e.NIP, career.Date{})
		if err != nil {
			return err
		}
		act := training.Activity{NIP: nip, Date: on, Program: prog.Code, Method: training.Method(prog.Method), Minutes: training.Minutes(prog.JP)}
		if err := act.Validate(); err != nil {
			return inField(err, "body", "", "")
		}
		rows := []store.Activity{store.ActivityFrom(in.Region, act, "enrolment:"+idString(e.ID))}
		if err := s.store.InsertActivities(ctx, tx, rows); err != nil {
			return err
		}
		if err := s.store.CompleteEnrolment(ctx, tx, in.Region, e.ID, on, rows[0].ID); err != nil {
			return err
		}
		if e, err = s.store.GetEnrolment(ctx, tx, in.Region, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "training.complete", "enrolment:"+idString(e.ID), before, enrolmentOut(e))
	})
	if err != nil {
		return nil, err
	}
	return &EnrolmentOutput{Status: 200, Body: enrolmentOut(e)}, nil
}

// ActivityOut is a ledger activity.
type ActivityOut struct {
	Date    string  `json:"date" format:"date"`
	Program string  `json:"program"`
	Method  string  `json:"method"`
	Minutes int     `json:"minutes"`
	JP      float64 `json:"jp"`
	Source  string  `json:"source"`
}

// YearInput picks a year.
type YearInput struct {
	Year int `query:"year" minimum:"2000" maximum:"2100" doc:"Default this year"`
}

func (y YearInput) year() int {
	if y.Year == 0 {
		return today().Year()
	}
	return y.Year
}

// EmployeeTrainingInput is GET /employees/{nip}/training.
type EmployeeTrainingInput struct {
	EmployeePath
	YearInput
}

// EmployeeTrainingOutput is an employee's ledger of a year and its compliance decision.
type EmployeeTrainingOutput struct {
	Body struct {
		NIP        string        `json:"nip"`
		Year       int           `json:"year"`
		TotalJP    float64       `json:"total_jp"`
		Activities []ActivityOut `json:"activities"`
		Compliance Decision      `json:"compliance"`
	}
}

func (s *server) employeeTraining(ctx context.Context, in *EmployeeTrainingInput) (*EmployeeTrainingOutput, error) {
	row, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	year := in.year()
	acts, err := s.store.ListActivities(ctx, in.Region, row.NIP, year)
	if err != nil {
		return nil, err
	}
	ledgers, err := s.store.Ledgers(ctx, nil, in.Region, year, []string{row.NIP})
	if err != nil {
		return nil, err
	}
	l := ledgers[row.NIP]
	d, err := pol.Compliance(ctx, l)
	if err != nil {
		return nil, err
	}
	out := &EmployeeTrainingOutput{}
	out.Body.NIP, out.Body.Year, out.Body.TotalJP = row.NIP, year, l.JP()
	out.Body.Activities = make([]ActivityOut, len(acts))
	for i, a := range acts {
		out.Body.Activities[i] = ActivityOut{Date: a.On.String(), Program: a.Program, Method: a.Method, Minutes: a.Minutes, JP: training.JP(a.Minutes), Source: a.Source}
	}
	out.Body.Compliance = decisionOut(ctx, d, 0, pol.ref())
	return out, nil
}

// ComplianceInput is GET /training/compliance.
type ComplianceInput struct {
	RegionPath
	YearInput
}

// ComplianceRow is one employee's compliance.
type ComplianceRow struct {
	NIP       string  `json:"nip"`
	Name      string  `json:"name"`
	Unit      string  `json:"unit"`
	JP        float64 `json:"jp"`
	Compliant bool    `json:"compliant"`
	Missing   string  `json:"missing_jp,omitempty"`
}

// ComplianceOutput is the yearly development compliance of the employees the caller may see.
type ComplianceOutput struct {
	Body struct {
		Year         int             `json:"year"`
		Policy       PolicyRef       `json:"policy"`
		Employees    int             `json:"employees"`
		Compliant    int             `json:"compliant"`
		NotCompliant int             `json:"not_compliant"`
		Rows         []ComplianceRow `json:"rows"`
	}
}

func (s *server) trainingCompliance(ctx context.Context, in *ComplianceInput) (*ComplianceOutput, error) {
	p, err := principalFrom(ctx)
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
	year := in.year()
	out := &ComplianceOutput{}
	out.Body.Year, out.Body.Policy, out.Body.Rows = year, PolicyRef{Region: pol.desc.Region, Version: pol.desc.Version}, []ComplianceRow{}
	err = s.store.EachEmployee(ctx, f, eligibilityBatch, func(rows []store.Employee) error {
		nips := make([]string, len(rows))
		for i, r := range rows {
			nips[i] = r.NIP
		}
		ledgers, err := s.store.Ledgers(ctx, nil, in.Region, year, nips)
		if err != nil {
			return err
		}
		for _, r := range rows {
			l := ledgers[r.NIP]
			d, err := pol.Compliance(ctx, l)
			if err != nil {
				return err
			}
			ok := d.Outcome == training.Compliant
			out.Body.Employees++
			if ok {
				out.Body.Compliant++
			} else {
				out.Body.NotCompliant++
			}
			out.Body.Rows = append(out.Body.Rows, ComplianceRow{NIP: r.NIP, Name: r.Name, Unit: r.Unit, JP: l.JP(), Compliant: ok, Missing: d.Details["missing_jp"]})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RecommendationOut is one recommended program.
type RecommendationOut struct {
	Program  string `json:"program"`
	Title    string `json:"title,omitempty"`
	Priority int    `json:"priority" doc:"1 is the most urgent"`
	Reason   string `json:"reason"`
	Source   string `json:"source,omitempty"`
}

// RecommendationsOutput lists recommendations for an employee.
type RecommendationsOutput struct {
	Body struct {
		NIP             string              `json:"nip"`
		Policy          PolicyRef           `json:"policy"`
		Recommendations []RecommendationOut `json:"recommendations"`
	}
}

// lastResult returns the result of the employee's latest finalised appraisal, if any.
func (s *server) lastResult(ctx context.Context, region, nip string) (evaluation.Result, error) {
	as, err := s.store.ListAppraisals(ctx, region, nip)
	if err != nil {
		return evaluation.Result{}, err
	}
	for _, a := range as {
		if a.Status != store.AppraisalFinalised {
			continue
		}
		var r evaluation.Result
		r.Hasil, _ = evaluation.ParseRating(a.Hasil)
		r.Perilaku, _ = evaluation.ParseRating(a.Perilaku)
		r.Predicate, _ = evaluation.ParsePredicate(a.Predicate)
		return r, nil
	}
	return evaluation.Result{}, nil
}

func (s *server) recommendations(ctx context.Context, in *EmployeePath) (*RecommendationsOutput, error) {
	row, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	es, err := s.store.LoadCareers(ctx, nil, []store.Employee{row})
	if err != nil {
		return nil, err
	}
	cat, err := s.catalogue(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	last, err := s.lastResult(ctx, in.Region, row.NIP)
	if err != nil {
		return nil, err
	}
	ledgers, err := s.store.Ledgers(ctx, nil, in.Region, today().Year(), []string{row.NIP})
	if err != nil {
		return nil, err
	}
	recs, err := pol.Recommend(ctx, training.RecommendRequest{Employee: es[0], Last: last, Ledger: ledgers[row.NIP], Catalogue: cat})
	if err != nil {
		return nil, err
	}
	titles := map[string]string{}
	for _, p := range cat {
		titles[p.Code] = p.Title
	}
	out := &RecommendationsOutput{}
	out.Body.NIP, out.Body.Policy = row.NIP, PolicyRef{Region: pol.desc.Region, Version: pol.desc.Version}
	out.Body.Recommendations = make([]RecommendationOut, len(recs))
	lang := langOf(ctx)
	for i, r := range recs {
		out.Body.Recommendations[i] = RecommendationOut{Program: r.Program, Title: titles[r.Program], Priority: r.Priority, Reason: r.Reason.In(lang), Source: r.Source}
	}
	return out, nil
}

// AllocationInput is POST /training/allocations.
type AllocationInput struct {
	RegionPath
	Body struct {
		Year       int      `json:"year,omitempty" minimum:"2000" maximum:"2100" doc:"Default this year"`
		Budget     int64    `json:"budget" minimum:"0" doc:"Rupiah"`
		Candidates []string `json:"candidates,omitempty" maxItems:"5000" doc:"NIPs, in the office's order; absent: every employee of the region"`
		Programs   []string `json:"programs,omitempty" maxItems:"200" doc:"Program codes to allocate; absent: the whole catalogue"`
	}
}

// SeatOut is an allocated seat.
type SeatOut struct {
	NIP     string `json:"nip"`
	Program string `json:"program"`
	Cost    int64  `json:"cost"`
}

// UnplacedOut is a candidate without a seat.
type UnplacedOut struct {
	NIP    string `json:"nip"`
	Reason string `json:"reason"`
}

// AllocationOutput is the allocation and its stored decision.
type AllocationOutput struct {
	Body struct {
		Seats    []SeatOut     `json:"seats"`
		Unplaced []UnplacedOut `json:"unplaced"`
		Spent    int64         `json:"spent"`
		Decision Decision      `json:"decision"`
	}
}

func (s *server) allocateTraining(ctx context.Context, in *AllocationInput) (*AllocationOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	year := in.Body.Year
	if year == 0 {
		year = today().Year()
	}
	cat, err := s.catalogue(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	req := training.AllocationRequest{Year: year, Budget: in.Body.Budget}
	if in.Body.Programs == nil {
		req.Programs = cat
	} else {
		byCode := map[string]training.Program{}
		for _, p := range cat {
			byCode[p.Code] = p
		}
		for i, c := range in.Body.Programs {
			p, ok := byCode[c]
			if !ok {
				return nil, career.Newf(career.Invalid, fmt.Sprintf("body.programs[%d]", i), "program %q tidak ada dalam katalog wilayah ini",
					"program %q is not in this region's catalogue", c)
			}
			req.Programs = append(req.Programs, p)
		}
	}
	f := store.EmployeeFilter{Region: in.Region}
	rank := map[string]int{}
	if in.Body.Candidates != nil {
		f.NIPs = []string{}
		for i, c := range in.Body.Candidates {
			n, err := parseNIP(c, "body", fmt.Sprintf("candidates[%d]", i))
			if err != nil {
				return nil, err
			}
			if _, dup := rank[n.String()]; dup {
				return nil, career.Newf(career.Invalid, fmt.Sprintf("body.candidates[%d]", i), "%s tercantum dua kali",
					"%s appears twice", n)
			}
			rank[n.String()] = i + 1
			f.NIPs = append(f.NIPs, n.String())
		}
	}
	err = s.store.EachEmployee(ctx, f, eligibilityBatch, func(rows []store.Employee) error {
		nips := make([]string, len(rows))
		for i, r := range rows {
			nips[i] = r.NIP
		}
		ledgers, err := s.store.Ledgers(ctx, nil, in.Region, year, nips)
		if err != nil {
			return err
		}
		for _, r := range rows {
			l := ledgers[r.NIP]
			total, _ := l.Minutes()
			req.Candidates = append(req.Candidates, training.Candidate{NIP: l.NIP, Field: r.PositionField, Minutes: total, Rank: rank[r.NIP]})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(req.Candidates) != len(rank) && in.Body.Candidates != nil {
		return nil, career.Newf(career.Invalid, "body.candidates", "setiap calon peserta harus pegawai di wilayah ini",
			"every candidate must be an employee of this region")
	}
	alloc, err := pol.Allocate(ctx, req)
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	out := &AllocationOutput{}
	out.Body.Spent = alloc.Spent
	out.Body.Seats, out.Body.Unplaced = []SeatOut{}, []UnplacedOut{}
	for _, st := range alloc.Seats {
		out.Body.Seats = append(out.Body.Seats, SeatOut{NIP: st.NIP.String(), Program: st.Program, Cost: st.Cost})
	}
	lang := langOf(ctx)
	for _, u := range alloc.Unplaced {
		out.Body.Unplaced = append(out.Body.Unplaced, UnplacedOut{NIP: u.NIP.String(), Reason: u.Reason.In(lang)})
	}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		id, err := s.storeDecision(ctx, tx, in.Region, pol, alloc.Decision, map[string]any{"year": year, "budget": in.Body.Budget, "candidates": len(req.Candidates), "programs": len(req.Programs)})
		if err != nil {
			return err
		}
		out.Body.Decision = decisionOut(ctx, alloc.Decision, id, pol.ref())
		return s.audit(ctx, tx, p, in.Region, "training.allocate", "decision:"+idString(id), nil, map[string]any{"seats": out.Body.Seats, "spent": alloc.Spent})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
