package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// Position is a position (jabatan) in requests and answers.
type Position struct {
	Title       string `json:"title" minLength:"1" maxLength:"200" example:"Analis Kebijakan Ahli Muda"`
	Kind        string `json:"kind" enum:"jpt_utama,jpt_madya,jpt_pratama,administrator,pengawas,fungsional,pelaksana" example:"fungsional"`
	Level       string `json:"level,omitempty" doc:"Functional level, for kind fungsional: pemula … penyelia, ahli_pertama … ahli_utama" example:"ahli_muda"`
	Field       string `json:"field,omitempty" maxLength:"100" doc:"Job field or profession (rumpun jabatan)" example:"kesehatan"`
	Service     bool   `json:"service,omitempty" doc:"A public-service post, to which the unit's IKM applies"`
	LowestGrade string `json:"lowest_grade,omitempty" doc:"Lowest grade the position requires (structural promotion)" example:"III/c"`
}

func (p Position) career(prefix string) (career.Position, error) {
	pos, err := store.PositionJSON{Title: strings.TrimSpace(p.Title), Kind: p.Kind, Level: p.Level, Field: strings.TrimSpace(p.Field), Service: p.Service, LowestGrade: p.LowestGrade}.Career()
	if err != nil {
		return pos, inField(err, "body", prefix, "")
	}
	if err := pos.Validate(); err != nil {
		return pos, inField(err, "body", strings.TrimSuffix(prefix, "position."), "")
	}
	return pos, nil
}

func positionOut(j store.PositionJSON) Position {
	return Position{Title: j.Title, Kind: j.Kind, Level: j.Level, Field: j.Field, Service: j.Service, LowestGrade: j.LowestGrade}
}

// SanctionBody is a disciplinary sanction (hukuman disiplin, PP 94/2021), in requests and answers alike, so that a
// client can send back what it read.
type SanctionBody struct {
	Level string `json:"level" enum:"ringan,sedang,berat"`
	From  string `json:"from" format:"date" example:"2024-01-01"`
	Until string `json:"until,omitempty" format:"date" doc:"Last day in force; absent: open-ended"`
}

// GradeStepBody is a past grade.
type GradeStepBody struct {
	Grade string `json:"grade" example:"III/b"`
	TMT   string `json:"tmt" format:"date"`
}

// PositionStepBody is a past position.
type PositionStepBody struct {
	Position Position `json:"position"`
	From     string   `json:"from" format:"date"`
	Until    string   `json:"until,omitempty" format:"date"`
}

// EmployeeBody is an employee as written by POST and PUT.
type EmployeeBody struct {
	NIP            string             `json:"nip" example:"198609262015051001" doc:"18 digits; spaces allowed"`
	Name           string             `json:"name" minLength:"1" maxLength:"200" example:"Siti Rahmawati"`
	Type           string             `json:"type,omitempty" enum:"PNS,PPPK" default:"PNS"`
	Grade          string             `json:"grade" example:"III/c" doc:"PNS: I/a … IV/e; PPPK: I … XVII"`
	GradeTMT       string             `json:"grade_tmt" format:"date" example:"2020-04-01"`
	Position       Position           `json:"position"`
	PositionTMT    string             `json:"position_tmt" format:"date" example:"2021-01-01"`
	Education      string             `json:"education" example:"S1"`
	Unit           string             `json:"unit,omitempty" maxLength:"200" example:"Dinas Kesehatan"`
	Agency         string             `json:"agency,omitempty" maxLength:"200" example:"Pemerintah Kabupaten Kalianda"`
	SupervisorNIP  string             `json:"supervisor_nip,omitempty" doc:"NIP of the direct superior (pejabat penilai kinerja)"`
	Appointed      string             `json:"appointed,omitempty" format:"date" doc:"TMT CPNS; absent: the month the NIP encodes"`
	CreditPoints   float64            `json:"credit_points,omitempty" minimum:"0"`
	PotentialScore *float64           `json:"potential_score,omitempty" minimum:"0" maximum:"100" doc:"Potential assessment score for the talent grid"`
	Sanctions      []SanctionBody     `json:"sanctions,omitempty" maxItems:"50" doc:"Disciplinary sanctions (PP 94/2021): the whole list. On PUT it replaces the stored list; absent or null leaves it unchanged, [] clears it"`
	Grades         []GradeStepBody    `json:"grades,omitempty" maxItems:"30" doc:"Earlier grades (POST only)"`
	Positions      []PositionStepBody `json:"positions,omitempty" maxItems:"50" doc:"Earlier positions (POST only)"`
}

// domain parses the body into a domain employee, naming the field at fault.
func (b EmployeeBody) domain(on career.Date) (career.Employee, error) {
	var e career.Employee
	var err error
	if e.NIP, err = parseNIP(b.NIP, "body", "nip"); err != nil {
		return e, err
	}
	e.Name, e.Unit, e.Agency, e.CreditPoints = strings.TrimSpace(b.Name), strings.TrimSpace(b.Unit), strings.TrimSpace(b.Agency), b.CreditPoints
	if e.Type, err = career.ParseEmploymentType(b.Type); err != nil {
		return e, inField(err, "body", "", "type")
	}
	if e.Type == career.PPPK {
		e.PPPKGrade, err = career.ParsePPPKGrade(b.Grade)
	} else {
		e.Grade, err = career.ParseGrade(b.Grade)
	}
	if err != nil {
		return e, inField(err, "body", "", "grade")
	}
	if e.GradeTMT, err = parseDate(b.GradeTMT, "body", "grade_tmt", career.Date{}); err != nil {
		return e, err
	}
	if e.Position, err = b.Position.career("position."); err != nil {
		return e, err
	}
	if e.PositionTMT, err = parseDate(b.PositionTMT, "body", "position_tmt", career.Date{}); err != nil {
		return e, err
	}
	if e.Education, err = career.ParseEducation(b.Education); err != nil {
		return e, inField(err, "body", "", "education")
	}
	if b.SupervisorNIP != "" {
		if e.Supervisor, err = parseNIP(b.SupervisorNIP, "body", "supervisor_nip"); err != nil {
			return e, err
		}
		if e.Supervisor == e.NIP {
			return e, career.Newf(career.Invalid, "body.supervisor_nip", "pegawai tidak dapat menjadi atasannya sendiri",
				"an employee cannot be their own superior")
		}
	}
	if e.Appointed, err = parseDate(b.Appointed, "body", "appointed", career.Date{}); err != nil {
		return e, err
	}
	for i, s := range b.Sanctions {
		f := fmt.Sprintf("sanctions[%d].", i)
		var sn career.Sanction
		if sn.Level, err = career.ParseSanctionLevel(s.Level); err != nil || sn.Level == 0 {
			return e, career.Newf(career.Invalid, "body."+f+"level", "tingkat hukuman disiplin harus ringan, sedang atau berat",
				"the sanction level must be ringan, sedang or berat")
		}
		if sn.From, err = parseDate(s.From, "body", f+"from", career.Date{}); err != nil || sn.From.IsZero() {
			return e, career.Newf(career.Invalid, "body."+f+"from", "tanggal mulai hukuman disiplin wajib diisi (YYYY-MM-DD)",
				"the first day of the sanction is required (YYYY-MM-DD)")
		}
		if sn.Until, err = parseDate(s.Until, "body", f+"until", career.Date{}); err != nil {
			return e, err
		}
		if !sn.Until.IsZero() && sn.Until.Before(sn.From) {
			return e, career.Newf(career.Invalid, "body."+f+"until", "hari terakhir hukuman disiplin tidak boleh sebelum hari pertamanya",
				"the last day of the sanction cannot be before its first day")
		}
		e.Sanctions = append(e.Sanctions, sn)
	}
	for i, g := range b.Grades {
		f := fmt.Sprintf("grades[%d].", i)
		var st career.GradeStep
		if st.Grade, err = career.ParseGrade(g.Grade); err != nil {
			return e, inField(err, "body", f, "grade")
		}
		if st.TMT, err = parseDate(g.TMT, "body", f+"tmt", career.Date{}); err != nil || st.TMT.IsZero() {
			return e, career.Newf(career.Invalid, "body."+f+"tmt", "TMT golongan wajib diisi (YYYY-MM-DD)",
				"the TMT of the grade is required (YYYY-MM-DD)")
		}
		e.Grades = append(e.Grades, st)
	}
	for i, ps := range b.Positions {
		f := fmt.Sprintf("positions[%d].", i)
		var st career.PositionStep
		if st.Position, err = ps.Position.career(f + "position."); err != nil {
			return e, err
		}
		if st.From, err = parseDate(ps.From, "body", f+"from", career.Date{}); err != nil || st.From.IsZero() {
			return e, career.Newf(career.Invalid, "body."+f+"from", "tanggal mulai menduduki jabatan wajib diisi (YYYY-MM-DD)",
				"the first day in the position is required (YYYY-MM-DD)")
		}
		if st.Until, err = parseDate(ps.Until, "body", f+"until", career.Date{}); err != nil {
			return e, err
		}
		e.Positions = append(e.Positions, st)
	}
	if err := e.Validate(on); err != nil {
		return e, inField(err, "body", "", "")
	}
	return e, nil
}

// Employee is an employee in answers.
type Employee struct {
	Region         string   `json:"region" example:"kalianda"`
	NIP            string   `json:"nip" example:"198609262015051001"`
	Name           string   `json:"name" example:"Siti Rahmawati"`
	Type           string   `json:"type" example:"PNS"`
	Grade          string   `json:"grade" example:"III/c"`
	GradeName      string   `json:"grade_name,omitempty" example:"Penata"`
	GradeTMT       string   `json:"grade_tmt" format:"date"`
	Position       Position `json:"position"`
	PositionTMT    string   `json:"position_tmt" format:"date"`
	Education      string   `json:"education" example:"S1"`
	Unit           string   `json:"unit"`
	Agency         string   `json:"agency"`
	SupervisorNIP  string   `json:"supervisor_nip,omitempty"`
	Appointed      string   `json:"appointed,omitempty" format:"date"`
	CreditPoints   float64  `json:"credit_points"`
	PotentialScore *float64 `json:"potential_score,omitempty"`
	// Sanctions is omitzero, not omitempty: an employee without sanctions shows [], a list answer (which does not
	// load them, to stay one query a page) leaves the field out.
	Sanctions []SanctionBody `json:"sanctions,omitzero" doc:"Disciplinary sanctions, oldest first; in the answers about one employee, not in GET /employees"`
	Version   int64          `json:"version" doc:"Row version; the ETag is \"v<version>\"; it changes with the sanctions too"`
}

func employeeOut(r store.Employee) Employee {
	e := Employee{Region: r.Region, NIP: r.NIP, Name: r.Name, Type: r.Type, Grade: r.Grade, GradeTMT: r.GradeTMT.String(),
		Position:    Position{Title: r.PositionTitle, Kind: r.PositionKind, Level: r.PositionLevel, Field: r.PositionField, Service: r.PositionService, LowestGrade: r.PositionLowestGrade},
		PositionTMT: r.PositionTMT.String(), Education: r.Education, Unit: r.Unit, Agency: r.Agency, SupervisorNIP: r.SupervisorNIP,
		Appointed: r.Appointed.String(), CreditPoints: r.CreditPoints, PotentialScore: r.PotentialScore, Version: r.Version}
	if r.Type == "PPPK" {
		e.Grade = r.PPPKGrade
	} else if g, err := career.ParseGrade(r.Grade); err == nil {
		e.GradeName = g.Name()
	}
	return e
}

// sanctionsOut returns the API form of sanction rows: never nil, so that an employee answer shows [] for none.
func sanctionsOut(rows []store.Sanction) []SanctionBody {
	return each(rows, func(r store.Sanction) SanctionBody {
		return SanctionBody{Level: r.Level, From: r.From.String(), Until: r.Until.String()}
	})
}

// employeeWithSanctions returns the answer about one employee from a row GetEmployee read (with its sanctions).
func employeeWithSanctions(r store.Employee) Employee {
	e := employeeOut(r)
	e.Sanctions = sanctionsOut(r.Sanctions)
	return e
}

// EmployeeRecord is the form of an employee in the audit log: the answer about one employee, from a row carrying
// its Sanctions. An import records each employee it changes in it (importer.Options.Record), so that an update by
// import reads like an update through the API.
func EmployeeRecord(r store.Employee) any { return employeeWithSanctions(r) }

// employeeFull returns the answer about one employee: the row and its sanctions, read with db (nil: the store's
// DB; a write passes its transaction, to answer and audit what it wrote).
func (s *server) employeeFull(ctx context.Context, db bun.IDB, r store.Employee) (Employee, error) {
	sanctions, err := s.store.ListSanctions(ctx, db, r.Region, r.NIP)
	if err != nil {
		return Employee{}, err
	}
	e := employeeOut(r)
	e.Sanctions = sanctionsOut(sanctions)
	return e, nil
}

// ListEmployeesInput filters and pages GET /employees.
type ListEmployeesInput struct {
	RegionPath
	Unit       string `query:"unit" maxLength:"200" doc:"Only this unit kerja"`
	Supervisor string `query:"supervisor" maxLength:"30" doc:"Only the direct subordinates of this NIP"`
	Grade      string `query:"grade" maxLength:"10" doc:"Only this grade, III/a"`
	Kind       string `query:"kind" maxLength:"20" doc:"Only this position kind"`
	Q          string `query:"q" maxLength:"100" doc:"A part of the name, or the start of the NIP"`
	Limit      int    `query:"limit" minimum:"1" maximum:"1000" default:"50"`
	Cursor     string `query:"cursor" maxLength:"30" doc:"The next value of the previous page"`
}

// ListEmployeesOutput is a page of employees, by NIP.
type ListEmployeesOutput struct {
	Body struct {
		Employees []Employee `json:"employees"`
		Next      string     `json:"next,omitempty" doc:"Cursor of the next page; absent on the last page"`
	}
}

func (s *server) listEmployees(ctx context.Context, in *ListEmployeesInput) (*ListEmployeesOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	f := store.EmployeeFilter{Region: in.Region, Unit: in.Unit, Supervisor: strings.Join(strings.Fields(in.Supervisor), ""), Grade: in.Grade,
		Kind: in.Kind, Query: strings.TrimSpace(in.Q), After: in.Cursor, Limit: in.Limit}
	if err := scopeFilter(p, &f); err != nil {
		return nil, err
	}
	page, err := s.store.ListEmployees(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &ListEmployeesOutput{}
	out.Body.Next = page.Next
	out.Body.Employees = each(page.Employees, employeeOut)
	return out, nil
}

// scopeFilter narrows a region-wide employee filter to what p may see: a supervisor's subordinates (and
// themselves), an employee's own record.
func scopeFilter(p auth.Principal, f *store.EmployeeFilter) error {
	switch {
	case regionWide(p):
		return nil
	case p.NIP == "":
		f.NIPs = []string{}
	case p.Role == auth.Supervisor:
		if f.Supervisor != "" && f.Supervisor != p.NIP {
			f.NIPs = []string{}
			return nil
		}
		f.Supervisor = p.NIP
	default:
		f.NIPs = []string{p.NIP}
	}
	return nil
}

// EmployeeOutput is one employee, with its ETag.
type EmployeeOutput struct {
	ETag string `header:"ETag"`
	Body Employee
}

// CreateEmployeeInput is the body of POST /employees.
type CreateEmployeeInput struct {
	RegionPath
	Body EmployeeBody
}

// CreatedEmployeeOutput answers POST /employees with 201.
type CreatedEmployeeOutput struct {
	Status   int
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Employee
}

func (s *server) createEmployee(ctx context.Context, in *CreateEmployeeInput) (*CreatedEmployeeOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	e, err := in.Body.domain(today())
	if err != nil {
		return nil, err
	}
	var row store.Employee
	var out Employee
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r := store.EmployeeFrom(in.Region, e)
		r.PotentialScore = in.Body.PotentialScore
		if err := s.store.InsertEmployeeRows(ctx, tx, []store.Employee{r}); err != nil {
			return inField(err, "body", "", "nip")
		}
		hist := store.HistoryOf(in.Region, e, "create")
		if err := s.store.AppendHistory(ctx, tx, hist); err != nil {
			return err
		}
		var sanctions []store.Sanction
		for _, sn := range e.Sanctions {
			sanctions = append(sanctions, store.SanctionFrom(in.Region, e.NIP.String(), sn))
		}
		if err := s.store.InsertSanctions(ctx, tx, sanctions); err != nil {
			return err
		}
		if row, err = s.store.GetEmployee(ctx, tx, in.Region, e.NIP.String()); err != nil {
			return err
		}
		out = employeeWithSanctions(row)
		return s.audit(ctx, tx, p, in.Region, "employee.create", "employee:"+row.NIP, nil, out)
	})
	if err != nil {
		return nil, err
	}
	return &CreatedEmployeeOutput{Status: 201, ETag: ETag(row.Version), Location: "/v1/regions/" + in.Region + "/employees/" + row.NIP, Body: out}, nil
}

// EmployeePath addresses one employee.
type EmployeePath struct {
	RegionPath
	NIP string `path:"nip" maxLength:"30" example:"198609262015051001"`
}

func (s *server) getEmployee(ctx context.Context, in *EmployeePath) (*EmployeeOutput, error) {
	row, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	// The row was read with its sanctions, in one query: this is the hottest read of the server.
	return &EmployeeOutput{ETag: ETag(row.Version), Body: employeeWithSanctions(row)}, nil
}

// UpdateEmployeeInput is PUT /employees/{nip}: the whole record, guarded by If-Match. Its sanctions replace the
// stored ones when the body has the field; without it they stay (a client that never knew of sanctions must not
// clear them).
type UpdateEmployeeInput struct {
	EmployeePath
	IfMatch string `header:"If-Match" doc:"The ETag of the last GET; required"`
	Body    EmployeeBody
}

func (s *server) updateEmployee(ctx context.Context, in *UpdateEmployeeInput) (*EmployeeOutput, error) {
	old, p, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	if err := checkIfMatch(ctx, in.IfMatch, old.Version, true); err != nil {
		return nil, err
	}
	if in.Body.NIP == "" {
		in.Body.NIP = old.NIP
	}
	e, err := in.Body.domain(today())
	if err != nil {
		return nil, err
	}
	if e.NIP.String() != old.NIP {
		return nil, career.Newf(career.Invalid, "body.nip", "NIP pegawai tidak dapat diubah",
			"the NIP of an employee cannot change")
	}
	var row store.Employee
	var before, after Employee
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		next := store.EmployeeFrom(in.Region, e)
		next.PotentialScore = in.Body.PotentialScore
		next.CreatedAt = old.CreatedAt
		// The row first: the version check and bump lock the employee, so the sanctions read next are those of
		// the version the client read, and a change of the sanctions alone still gets a new version (ETag).
		if row, err = s.store.UpdateEmployee(ctx, tx, next, old.Version); err != nil {
			if career.ErrorCode(err) == career.Conflict {
				return newProblem(ctx, 412, msgPreconditionFailed)
			}
			return err
		}
		if before, err = s.employeeFull(ctx, tx, old); err != nil {
			return err
		}
		if in.Body.Sanctions != nil {
			rows := make([]store.Sanction, len(e.Sanctions))
			for i, sn := range e.Sanctions {
				rows[i] = store.SanctionFrom(in.Region, row.NIP, sn)
			}
			if err := s.store.ReplaceSanctions(ctx, tx, in.Region, row.NIP, rows); err != nil {
				return err
			}
		}
		if after, err = s.employeeFull(ctx, tx, row); err != nil {
			return err
		}
		if err := s.store.AppendHistory(ctx, tx, changeHistory(old, row, "update")); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "employee.update", "employee:"+row.NIP, before, after)
	})
	if err != nil {
		return nil, err
	}
	return &EmployeeOutput{ETag: ETag(row.Version), Body: after}, nil
}

// changeHistory returns the history steps an update adds: the grade left behind when the grade changed, and the
// position left behind when the position changed.
func changeHistory(old, cur store.Employee, source string) []store.HistoryStep {
	var steps []store.HistoryStep
	if old.Grade != cur.Grade || old.GradeTMT != cur.GradeTMT {
		if old.Grade != "" {
			steps = append(steps, store.HistoryStep{Region: old.Region, NIP: old.NIP, Kind: store.HistoryGrade, Grade: old.Grade, From: old.GradeTMT, Source: source})
		}
	}
	if old.PositionTitle != cur.PositionTitle || old.PositionKind != cur.PositionKind || old.PositionLevel != cur.PositionLevel ||
		old.PositionTMT != cur.PositionTMT || old.Unit != cur.Unit || old.Agency != cur.Agency {
		until := cur.PositionTMT.Career().AddDays(-1)
		if until.Before(old.PositionTMT.Career()) {
			until = old.PositionTMT.Career()
		}
		steps = append(steps, store.HistoryStep{Region: old.Region, NIP: old.NIP, Kind: store.HistoryPosition,
			PositionTitle: old.PositionTitle, PositionKind: old.PositionKind, PositionLevel: old.PositionLevel, PositionField: old.PositionField,
			PositionService: old.PositionService, PositionLowestGrade: old.PositionLowestGrade, Unit: old.Unit, Agency: old.Agency,
			From: old.PositionTMT, Until: store.Date(until), Source: source})
	}
	return steps
}

// DeleteEmployeeInput is DELETE /employees/{nip}, guarded by If-Match.
type DeleteEmployeeInput struct {
	EmployeePath
	IfMatch string `header:"If-Match" doc:"The ETag of the last GET; required"`
}

func (s *server) deleteEmployee(ctx context.Context, in *DeleteEmployeeInput) (*struct{}, error) {
	old, p, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	if err := checkIfMatch(ctx, in.IfMatch, old.Version, true); err != nil {
		return nil, err
	}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.DeleteEmployee(ctx, tx, in.Region, old.NIP, old.Version); err != nil {
			if career.ErrorCode(err) == career.Conflict {
				return newProblem(ctx, 412, msgPreconditionFailed)
			}
			return err
		}
		before, err := s.employeeFull(ctx, tx, old) // the whole record the auditor sees go, sanctions included
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, p, in.Region, "employee.delete", "employee:"+old.NIP, before, nil)
	})
	return nil, err
}

// HistoryStep is a past grade or position.
type HistoryStep struct {
	Kind     string    `json:"kind" enum:"grade,position"`
	Grade    string    `json:"grade,omitempty"`
	Position *Position `json:"position,omitempty"`
	Unit     string    `json:"unit,omitempty"`
	Agency   string    `json:"agency,omitempty"`
	From     string    `json:"from" format:"date"`
	Until    string    `json:"until,omitempty" format:"date"`
	Source   string    `json:"source,omitempty"`
}

// HistoryOutput is an employee's career history: the current grade and position and the earlier ones.
type HistoryOutput struct {
	Body struct {
		Employee Employee      `json:"employee"`
		History  []HistoryStep `json:"history" doc:"Earlier grades and positions, oldest first"`
	}
}

func (s *server) employeeHistory(ctx context.Context, in *EmployeePath) (*HistoryOutput, error) {
	row, _, err := s.visibleEmployee(ctx, in.Region, in.NIP)
	if err != nil {
		return nil, err
	}
	steps, err := s.store.ListHistory(ctx, in.Region, row.NIP)
	if err != nil {
		return nil, err
	}
	out := &HistoryOutput{}
	out.Body.Employee = employeeOut(row)
	out.Body.History = make([]HistoryStep, len(steps))
	for i, h := range steps {
		st := HistoryStep{Kind: h.Kind, Grade: h.Grade, Unit: h.Unit, Agency: h.Agency, From: h.From.String(), Until: h.Until.String(), Source: h.Source}
		if h.Kind == store.HistoryPosition {
			st.Position = &Position{Title: h.PositionTitle, Kind: h.PositionKind, Level: h.PositionLevel, Field: h.PositionField, Service: h.PositionService, LowestGrade: h.PositionLowestGrade}
		}
		out.Body.History[i] = st
	}
	return out, nil
}
