package wire

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/promotion"
)

// The columnar ("struct of arrays") batches of AssessPromotions: see the comment above Candidates in policy.proto.
// A column decodes without an allocation per item and every repeated text goes once per batch in the strings table.

// ---- candidates ------------------------------------------------------------------------------------------------------

// Candidates encodes a batch of promotion candidates in columns, their texts into t.
func Candidates(t *Strings, cs []promotion.Candidate) *pb.Candidates {
	n := len(cs)
	m := &pb.Candidates{
		Count: uint32(n), NipLengths: make([]uint32, n), Name: make([]uint32, n), Type: make([]int32, n), Grade: make([]int32, n),
		PppkGrade: make([]int32, n), GradeTmt: make([]int32, n), PositionTmt: make([]int32, n), Education: make([]int32, n),
		Unit: make([]uint32, n), Agency: make([]uint32, n), Supervisor: make([]uint32, n), Appointed: make([]int32, n),
		CreditPoints: make([]float64, n), PositionTitle: make([]uint32, n), PositionKind: make([]int32, n),
		PositionLevel: make([]int32, n), PositionField: make([]uint32, n), PositionService: make([]bool, n),
		PositionLowestGrade: make([]int32, n), PredicateCounts: make([]uint32, n),
		PredicateYears: make([]int32, 0, 3*n), PredicateValues: make([]int32, 0, 3*n),
	}
	var nips strings.Builder
	nips.Grow(18 * n)
	var years [8]int
	for i := range cs {
		c := &cs[i]
		e := &c.Employee
		nip := e.NIP.String()
		nips.WriteString(nip)
		m.NipLengths[i] = uint32(len(nip))
		m.Name[i], m.Type[i], m.Grade[i], m.PppkGrade[i] = t.Add(e.Name), int32(e.Type), int32(e.Grade), int32(e.PPPKGrade)
		m.GradeTmt[i], m.PositionTmt[i], m.Education[i] = Date(e.GradeTMT), Date(e.PositionTMT), int32(e.Education)
		m.Unit[i], m.Agency[i], m.Supervisor[i] = t.Add(e.Unit), t.Add(e.Agency), t.Add(e.Supervisor.String())
		m.Appointed[i], m.CreditPoints[i] = Date(e.Appointed), e.CreditPoints
		p := &e.Position
		m.PositionTitle[i], m.PositionKind[i], m.PositionLevel[i] = t.Add(p.Title), int32(p.Kind), int32(p.Level)
		m.PositionField[i], m.PositionService[i], m.PositionLowestGrade[i] = t.Add(p.Field), p.Service, int32(p.LowestGrade)
		// years in order, so that equal candidates encode to equal bytes
		ys := years[:0]
		for y := range c.Predicates {
			ys = append(ys, y)
		}
		slices.Sort(ys)
		m.PredicateCounts[i] = uint32(len(ys))
		for _, y := range ys {
			m.PredicateYears = append(m.PredicateYears, int32(y))
			m.PredicateValues = append(m.PredicateValues, int32(c.Predicates[y]))
		}
		if len(e.Sanctions) > 0 {
			if m.SanctionCounts == nil {
				m.SanctionCounts = make([]uint32, n)
			}
			m.SanctionCounts[i] = uint32(len(e.Sanctions))
			for _, s := range e.Sanctions {
				m.SanctionLevels = append(m.SanctionLevels, int32(s.Level))
				m.SanctionFrom = append(m.SanctionFrom, Date(s.From))
				m.SanctionUntil = append(m.SanctionUntil, Date(s.Until))
			}
		}
		if len(e.Grades) > 0 {
			if m.GradeStepCounts == nil {
				m.GradeStepCounts = make([]uint32, n)
			}
			m.GradeStepCounts[i] = uint32(len(e.Grades))
			for _, g := range e.Grades {
				m.GradeStepGrades = append(m.GradeStepGrades, int32(g.Grade))
				m.GradeStepTmts = append(m.GradeStepTmts, Date(g.TMT))
			}
		}
		if len(e.Positions) > 0 {
			if m.PositionStepCounts == nil {
				m.PositionStepCounts = make([]uint32, n)
			}
			m.PositionStepCounts[i] = uint32(len(e.Positions))
			for _, s := range e.Positions {
				p := &s.Position
				m.PositionStepTitles = append(m.PositionStepTitles, t.Add(p.Title))
				m.PositionStepKinds = append(m.PositionStepKinds, int32(p.Kind))
				m.PositionStepLevels = append(m.PositionStepLevels, int32(p.Level))
				m.PositionStepFields = append(m.PositionStepFields, t.Add(p.Field))
				m.PositionStepServices = append(m.PositionStepServices, p.Service)
				m.PositionStepLowestGrades = append(m.PositionStepLowestGrades, int32(p.LowestGrade))
				m.PositionStepFrom = append(m.PositionStepFrom, Date(s.From))
				m.PositionStepUntil = append(m.PositionStepUntil, Date(s.Until))
			}
		}
	}
	m.Nips = nips.String()
	return m
}

// column checks that a per-item column has n values or none.
func column[T any](name string, c []T, n int) error {
	if len(c) != 0 && len(c) != n {
		return fmt.Errorf("column %s holds %d values for %d items", name, len(c), n)
	}
	return nil
}

// at returns value i of a column checked by column: the zero value when the column is empty.
func at[T any](c []T, i int) T {
	if len(c) == 0 {
		var zero T
		return zero
	}
	return c[i]
}

// offsets checks a counts column (n values or none) against the entries it describes, every entry column holding
// width values per entry, and returns the start of each item's entries (n+1 values, in entries), or nil when no
// item has any.
func offsets(name string, counts []uint32, n, width int, entries ...int) ([]int, error) {
	if err := column(name, counts, n); err != nil {
		return nil, err
	}
	var total uint64
	for _, c := range counts {
		total += uint64(c)
	}
	for _, e := range entries {
		if uint64(e) != total*uint64(width) {
			return nil, fmt.Errorf("column %s counts %d entries, another column of it holds %d values", name, total, e)
		}
	}
	if total == 0 {
		return nil, nil
	}
	off := make([]int, n+1)
	for i, c := range counts {
		off[i+1] = off[i] + int(c)
	}
	return off, nil
}

// span returns the entries [lo, hi) of item i under offsets off (nil: none).
func span(off []int, i int) (int, int) {
	if off == nil {
		return 0, 0
	}
	return off[i], off[i+1]
}

// lengths checks a lengths column against the concatenated texts and returns the start of each item's text.
func lengths(name string, ls []uint32, n int, s string) ([]int, error) {
	off, err := offsets(name, ls, n, 1, len(s))
	if err != nil {
		return nil, err
	}
	return off, nil
}

// CandidateReader reads the candidates of a batch in columns. ReadCandidates checks that the columns add up; each
// candidate is then decoded on its own by Candidate, so a bad value fails that candidate alone.
type CandidateReader struct {
	t                      Table
	m                      *pb.Candidates
	n                      int
	nips, preds, sanctions []int
	grades, positions      []int
}

// ReadCandidates checks the columns of a batch of candidates; the error (the columns do not add up) is for the batch.
func ReadCandidates(t Table, m *pb.Candidates) (*CandidateReader, error) {
	if m == nil {
		m = &pb.Candidates{}
	}
	n := int(m.Count)
	r := &CandidateReader{t: t, m: m, n: n}
	var err error
	errs := []error{
		column("name", m.Name, n), column("type", m.Type, n), column("grade", m.Grade, n), column("pppk_grade", m.PppkGrade, n),
		column("grade_tmt", m.GradeTmt, n), column("position_tmt", m.PositionTmt, n), column("education", m.Education, n),
		column("unit", m.Unit, n), column("agency", m.Agency, n), column("supervisor", m.Supervisor, n),
		column("appointed", m.Appointed, n), column("credit_points", m.CreditPoints, n), column("position_title", m.PositionTitle, n),
		column("position_kind", m.PositionKind, n), column("position_level", m.PositionLevel, n),
		column("position_field", m.PositionField, n), column("position_service", m.PositionService, n),
		column("position_lowest_grade", m.PositionLowestGrade, n),
	}
	if r.nips, err = lengths("nip_lengths", m.NipLengths, n, m.Nips); err != nil {
		errs = append(errs, err)
	}
	if r.preds, err = offsets("predicate_counts", m.PredicateCounts, n, 1, len(m.PredicateYears), len(m.PredicateValues)); err != nil {
		errs = append(errs, err)
	}
	if r.sanctions, err = offsets("sanction_counts", m.SanctionCounts, n, 1, len(m.SanctionLevels), len(m.SanctionFrom), len(m.SanctionUntil)); err != nil {
		errs = append(errs, err)
	}
	if r.grades, err = offsets("grade_step_counts", m.GradeStepCounts, n, 1, len(m.GradeStepGrades), len(m.GradeStepTmts)); err != nil {
		errs = append(errs, err)
	}
	if r.positions, err = offsets("position_step_counts", m.PositionStepCounts, n, 1, len(m.PositionStepTitles), len(m.PositionStepKinds),
		len(m.PositionStepLevels), len(m.PositionStepFields), len(m.PositionStepServices), len(m.PositionStepLowestGrades),
		len(m.PositionStepFrom), len(m.PositionStepUntil)); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return r, nil
}

// Len returns the number of candidates.
func (r *CandidateReader) Len() int { return r.n }

// text returns an index's string, an Invalid error for field when it is outside the table.
func (r *CandidateReader) text(i uint32, field string) (string, error) {
	s, err := r.t.Get(i)
	if err != nil {
		return "", career.Errorf(career.Invalid, field, "%v", err)
	}
	return s, nil
}

// Dates decodes dates like ToDate, remembering the last ones it decoded: a batch holds the same few dates (a TMT is
// the first of a month, the date judged at is the batch's) over and over. The zero Dates is ready; a nil *Dates
// just calls ToDate. It is not safe for concurrent use: give each goroutine its own.
type Dates struct {
	cache [256]struct {
		v int32
		d career.Date
	}
}

// Date decodes v as ToDate does.
func (c *Dates) Date(v int32, field string) (career.Date, error) {
	if c == nil || v == 0 {
		return ToDate(v, field)
	}
	e := &c.cache[uint32(v)*0x9e3779b1>>24]
	if e.v == v {
		return e.d, nil
	}
	d, err := ToDate(v, field)
	if err == nil {
		e.v, e.d = v, d
	}
	return d, err
}

// Candidate decodes candidate i (0 ≤ i < Len()), its dates through dates (nil: none).
func (r *CandidateReader) Candidate(i int, dates *Dates) (promotion.Candidate, error) {
	return r.CandidateReusing(i, dates, nil)
}

// CandidateReusing is Candidate, but fills preds (cleared first) as the candidate's Predicates instead of a new
// map when preds is not nil: a worker decoding a batch reuses one map, so the candidate is valid only until the
// next call with the same map. A candidate without predicates has nil Predicates either way.
func (r *CandidateReader) CandidateReusing(i int, dates *Dates, preds map[int]evaluation.Predicate) (promotion.Candidate, error) {
	m := r.m
	var c promotion.Candidate
	e := &c.Employee
	var err error
	lo, hi := span(r.nips, i)
	if e.NIP, err = ToNIP(m.Nips[lo:hi], "nip"); err != nil {
		return c, err
	}
	sup, err := r.text(at(m.Supervisor, i), "supervisor")
	if err != nil {
		return c, err
	}
	if e.Supervisor, err = ToNIP(sup, "supervisor"); err != nil {
		return c, err
	}
	if e.Name, err = r.text(at(m.Name, i), "name"); err != nil {
		return c, err
	}
	if e.Unit, err = r.text(at(m.Unit, i), "unit"); err != nil {
		return c, err
	}
	if e.Agency, err = r.text(at(m.Agency, i), "agency"); err != nil {
		return c, err
	}
	e.Type, e.Grade, e.PPPKGrade = career.EmploymentType(at(m.Type, i)), career.Grade(at(m.Grade, i)), career.PPPKGrade(at(m.PppkGrade, i))
	e.Education, e.CreditPoints = career.Education(at(m.Education, i)), at(m.CreditPoints, i)
	if e.GradeTMT, err = dates.Date(at(m.GradeTmt, i), "grade_tmt"); err != nil {
		return c, err
	}
	if e.PositionTMT, err = dates.Date(at(m.PositionTmt, i), "position_tmt"); err != nil {
		return c, err
	}
	if e.Appointed, err = dates.Date(at(m.Appointed, i), "appointed"); err != nil {
		return c, err
	}
	if e.Position, err = r.position(at(m.PositionTitle, i), at(m.PositionKind, i), at(m.PositionLevel, i), at(m.PositionField, i),
		at(m.PositionService, i), at(m.PositionLowestGrade, i), "position", -1); err != nil {
		return c, err
	}
	if lo, hi := span(r.preds, i); hi > lo {
		if preds != nil {
			clear(preds)
			c.Predicates = preds
		} else {
			c.Predicates = make(map[int]evaluation.Predicate, hi-lo)
		}
		for j := lo; j < hi; j++ {
			y := int(m.PredicateYears[j])
			if _, dup := c.Predicates[y]; dup {
				return c, career.Errorf(career.Invalid, "predicates", "year %d appears twice", y)
			}
			c.Predicates[y] = evaluation.Predicate(m.PredicateValues[j])
		}
	}
	if lo, hi := span(r.sanctions, i); hi > lo {
		e.Sanctions = make([]career.Sanction, hi-lo)
		for j := lo; j < hi; j++ {
			s := &e.Sanctions[j-lo]
			s.Level = career.SanctionLevel(m.SanctionLevels[j])
			if s.From, err = dateAt(dates, m.SanctionFrom[j], "sanctions[%d].from", j-lo); err != nil {
				return c, err
			}
			if s.Until, err = dateAt(dates, m.SanctionUntil[j], "sanctions[%d].until", j-lo); err != nil {
				return c, err
			}
		}
	}
	if lo, hi := span(r.grades, i); hi > lo {
		e.Grades = make([]career.GradeStep, hi-lo)
		for j := lo; j < hi; j++ {
			g := &e.Grades[j-lo]
			g.Grade = career.Grade(m.GradeStepGrades[j])
			if g.TMT, err = dateAt(dates, m.GradeStepTmts[j], "grades[%d].tmt", j-lo); err != nil {
				return c, err
			}
		}
	}
	if lo, hi := span(r.positions, i); hi > lo {
		e.Positions = make([]career.PositionStep, hi-lo)
		for j := lo; j < hi; j++ {
			p := &e.Positions[j-lo]
			if p.Position, err = r.position(m.PositionStepTitles[j], m.PositionStepKinds[j], m.PositionStepLevels[j], m.PositionStepFields[j],
				m.PositionStepServices[j], m.PositionStepLowestGrades[j], "positions[%d].position", j-lo); err != nil {
				return c, err
			}
			if p.From, err = dateAt(dates, m.PositionStepFrom[j], "positions[%d].from", j-lo); err != nil {
				return c, err
			}
			if p.Until, err = dateAt(dates, m.PositionStepUntil[j], "positions[%d].until", j-lo); err != nil {
				return c, err
			}
		}
	}
	return c, nil
}

// dateAt decodes a date of entry j of a list, naming the field (format with j) only when it fails.
func dateAt(dates *Dates, v int32, format string, j int) (career.Date, error) {
	d, err := dates.Date(v, "")
	if err != nil {
		return ToDate(v, fmt.Sprintf(format, j))
	}
	return d, nil
}

// position decodes a position; its field is format, with j when j ≥ 0 (named only when it fails).
func (r *CandidateReader) position(title uint32, kind, level int32, field uint32, service bool, lowest int32, format string, j int) (career.Position, error) {
	p := career.Position{Kind: career.PositionKind(kind), Level: career.Level(level), Service: service, LowestGrade: career.Grade(lowest)}
	var ok bool
	if p.Title, ok = r.t.lookup(title); !ok {
		return p, r.bad(title, format, j, ".title")
	}
	if p.Field, ok = r.t.lookup(field); !ok {
		return p, r.bad(field, format, j, ".field")
	}
	return p, nil
}

func (r *CandidateReader) bad(i uint32, format string, j int, suffix string) error {
	f := format
	if j >= 0 {
		f = fmt.Sprintf(format, j)
	}
	_, err := r.text(i, f+suffix)
	return err
}

// ---- decisions -------------------------------------------------------------------------------------------------------

// DecisionWriter encodes a batch of decisions in columns, their texts into its table.
type DecisionWriter struct {
	t        *Strings
	m        pb.Decisions
	subjects []byte
	errors   []*pb.ItemError
	first    int // the batch position of the writer's first decision
}

// NewDecisionWriter returns a writer for about n decisions, the first of which is item first of the batch.
func NewDecisionWriter(t *Strings, n, first int) *DecisionWriter {
	w := &DecisionWriter{t: t, first: first, subjects: make([]byte, 0, 18*n)}
	m := &w.m
	m.SubjectLengths, m.Kind, m.Outcome = make([]uint32, 0, n), make([]uint32, 0, n), make([]uint32, 0, n)
	m.NotBefore, m.PolicyRegion, m.PolicyVersion, m.JudgedAt = make([]int32, 0, n), make([]uint32, 0, n), make([]uint32, 0, n), make([]int32, 0, n)
	m.CriteriaCounts, m.Criteria = make([]uint32, 0, n), make([]uint32, 0, 6*CriterionWidth*n)
	m.DetailsCounts, m.Details = make([]uint32, 0, n), make([]uint32, 0, 8*n)
	return w
}

// Add appends a decision.
func (w *DecisionWriter) Add(d *career.Decision) {
	t, m := w.t, &w.m
	w.subjects = append(w.subjects, d.Subject...)
	m.SubjectLengths = append(m.SubjectLengths, uint32(len(d.Subject)))
	m.Kind = append(m.Kind, t.Add(d.Kind))
	m.Outcome = append(m.Outcome, t.Add(d.Outcome))
	m.NotBefore = append(m.NotBefore, Date(d.NotBefore))
	m.PolicyRegion = append(m.PolicyRegion, t.Add(d.Policy.Region))
	m.PolicyVersion = append(m.PolicyVersion, t.Add(d.Policy.Version))
	m.JudgedAt = append(m.JudgedAt, Date(d.JudgedAt))
	m.CriteriaCounts = append(m.CriteriaCounts, uint32(len(d.Criteria)))
	for i := range d.Criteria {
		c := &d.Criteria[i]
		passed := uint32(0)
		if c.Passed {
			passed = 1
		}
		m.Criteria = append(m.Criteria, t.Add(c.Code), passed, t.Add(c.Required), t.Add(c.Found), t.Add(c.Source), t.Add(c.Text.ID), t.Add(c.Text.EN))
	}
	m.DetailsCounts = append(m.DetailsCounts, uint32(len(d.Details)))
	if len(d.Details) > 0 {
		var buf [8]string
		keys := buf[:0]
		for k := range d.Details {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			m.Details = append(m.Details, t.Add(k), t.Add(d.Details[k]))
		}
	}
}

// Fail appends the error of an item: an empty decision in the columns, the error in the list.
func (w *DecisionWriter) Fail(err *pb.Error) {
	w.errors = append(w.errors, &pb.ItemError{Item: uint32(w.first + len(w.m.SubjectLengths)), Error: err})
	w.Add(&career.Decision{})
}

// Append appends the decisions and errors of o, which follow w's in the batch, rewriting o's string indices into w's
// table.
func (w *DecisionWriter) Append(o *DecisionWriter) {
	src := o.t.List()
	remap := make([]uint32, len(src))
	for j, s := range src {
		remap[j] = w.t.Add(s)
	}
	re := func(dst, idx []uint32) []uint32 {
		for _, i := range idx {
			dst = append(dst, remap[i])
		}
		return dst
	}
	m, x := &w.m, &o.m
	w.subjects = append(w.subjects, o.subjects...)
	m.SubjectLengths = append(m.SubjectLengths, x.SubjectLengths...)
	m.Kind, m.Outcome = re(m.Kind, x.Kind), re(m.Outcome, x.Outcome)
	m.NotBefore, m.JudgedAt = append(m.NotBefore, x.NotBefore...), append(m.JudgedAt, x.JudgedAt...)
	m.PolicyRegion, m.PolicyVersion = re(m.PolicyRegion, x.PolicyRegion), re(m.PolicyVersion, x.PolicyVersion)
	m.CriteriaCounts = append(m.CriteriaCounts, x.CriteriaCounts...)
	for k, i := range x.Criteria {
		if k%CriterionWidth == 1 { // passed, not an index
			m.Criteria = append(m.Criteria, i)
		} else {
			m.Criteria = append(m.Criteria, remap[i])
		}
	}
	m.DetailsCounts = append(m.DetailsCounts, x.DetailsCounts...)
	m.Details = re(m.Details, x.Details)
	w.errors = append(w.errors, o.errors...)
}

// Merge appends the decisions of every writer of rest, in order, to w, growing w's columns once.
func (w *DecisionWriter) Merge(rest ...*DecisionWriter) {
	var items, crit, det, subj int
	for _, o := range rest {
		items, crit, det, subj = items+len(o.m.SubjectLengths), crit+len(o.m.Criteria), det+len(o.m.Details), subj+len(o.subjects)
	}
	m := &w.m
	w.subjects = slices.Grow(w.subjects, subj)
	m.SubjectLengths, m.Kind, m.Outcome = slices.Grow(m.SubjectLengths, items), slices.Grow(m.Kind, items), slices.Grow(m.Outcome, items)
	m.NotBefore, m.JudgedAt = slices.Grow(m.NotBefore, items), slices.Grow(m.JudgedAt, items)
	m.PolicyRegion, m.PolicyVersion = slices.Grow(m.PolicyRegion, items), slices.Grow(m.PolicyVersion, items)
	m.CriteriaCounts, m.DetailsCounts = slices.Grow(m.CriteriaCounts, items), slices.Grow(m.DetailsCounts, items)
	m.Criteria, m.Details = slices.Grow(m.Criteria, crit), slices.Grow(m.Details, det)
	for _, o := range rest {
		w.Append(o)
	}
}

// Message returns the columns and the item errors written.
func (w *DecisionWriter) Message() (*pb.Decisions, []*pb.ItemError) {
	m := &pb.Decisions{
		Count: uint32(len(w.m.SubjectLengths)), Subjects: string(w.subjects), SubjectLengths: w.m.SubjectLengths, Kind: w.m.Kind,
		Outcome: w.m.Outcome, NotBefore: w.m.NotBefore, PolicyRegion: w.m.PolicyRegion, PolicyVersion: w.m.PolicyVersion,
		JudgedAt: w.m.JudgedAt, CriteriaCounts: w.m.CriteriaCounts, Criteria: w.m.Criteria, DetailsCounts: w.m.DetailsCounts,
		Details: w.m.Details,
	}
	return m, w.errors
}

// DecisionReader reads the decisions of a batch in columns. ReadDecisions checks that the columns add up; each
// decision is then decoded on its own by Decision, so a bad value fails that decision alone.
type DecisionReader struct {
	t                       Table
	m                       *pb.Decisions
	n                       int
	subjects, crit, details []int
	criteria                []career.Criterion // the criteria of every decision, one allocation for the batch
	dates                   Dates
	errs                    map[int]*pb.Error
	inTable                 bool // every index inside the table, every passed flag 0 or 1 (see indicesInTable)
}

// ReadDecisions checks the columns of a batch of n decisions and its item errors; the error (the columns do not add
// up, the batch has another size, an item error is out of range or repeated) is for the batch.
func ReadDecisions(t Table, m *pb.Decisions, itemErrs []*pb.ItemError, n int) (*DecisionReader, error) {
	if m == nil {
		m = &pb.Decisions{}
	}
	if int64(m.Count) != int64(n) {
		return nil, fmt.Errorf("%d decisions for %d items", m.Count, n)
	}
	r := &DecisionReader{t: t, m: m, n: n}
	errs := []error{
		column("kind", m.Kind, n), column("outcome", m.Outcome, n), column("not_before", m.NotBefore, n),
		column("policy_region", m.PolicyRegion, n), column("policy_version", m.PolicyVersion, n), column("judged_at", m.JudgedAt, n),
	}
	var err error
	if r.subjects, err = lengths("subject_lengths", m.SubjectLengths, n, m.Subjects); err != nil {
		errs = append(errs, err)
	}
	if r.crit, err = offsets("criteria_counts", m.CriteriaCounts, n, CriterionWidth, len(m.Criteria)); err != nil {
		errs = append(errs, err)
	}
	if r.details, err = offsets("details_counts", m.DetailsCounts, n, 2, len(m.Details)); err != nil {
		errs = append(errs, err)
	}
	last := -1
	for _, e := range itemErrs {
		if i := int64(e.GetItem()); i <= int64(last) || i >= int64(n) {
			errs = append(errs, fmt.Errorf("item error for item %d: out of order or outside a batch of %d", i, n))
			break
		}
		last = int(e.GetItem())
		if r.errs == nil {
			r.errs = make(map[int]*pb.Error, len(itemErrs))
		}
		r.errs[last] = e.GetError()
		if r.errs[last] == nil {
			r.errs[last] = &pb.Error{}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if r.crit != nil {
		r.criteria = make([]career.Criterion, r.crit[n])
	}
	r.inTable = r.indicesInTable()
	return r, nil
}

// indicesInTable reports whether every string index of the batch is inside the table and every passed flag is 0
// or 1, so that Decision need not check them one by one (when some is not, it does, and fails that decision alone).
func (r *DecisionReader) indicesInTable() bool {
	m, n := r.m, uint32(len(r.t))
	var worst uint32
	for _, c := range [][]uint32{m.Kind, m.Outcome, m.PolicyRegion, m.PolicyVersion, m.Details} {
		for _, i := range c {
			worst = max(worst, i)
		}
	}
	if worst >= n {
		return false
	}
	for k := 0; k+CriterionWidth <= len(m.Criteria); k += CriterionWidth {
		c := m.Criteria[k : k+CriterionWidth : k+CriterionWidth]
		if c[1] > 1 || max(c[0], c[2], c[3], c[4], c[5], c[6]) >= n {
			return false
		}
	}
	return true
}

// Len returns the number of decisions.
func (r *DecisionReader) Len() int { return r.n }

// Subject returns the subject of decision i, without allocating.
func (r *DecisionReader) Subject(i int) string {
	lo, hi := span(r.subjects, i)
	return r.m.Subjects[lo:hi]
}

// Err returns the error the plugin answered for item i, nil when it answered a decision.
func (r *DecisionReader) Err(i int) *pb.Error { return r.errs[i] }

// Decision decodes decision i (0 ≤ i < Len()); it fails on a structurally invalid decision: an index outside the
// table, a passed flag other than 0 or 1, a date that is not a date, a key twice. The decision's Subject is
// Subject(i); its criteria share the reader's memory (each decision has its own part).
func (r *DecisionReader) Decision(i int) (career.Decision, error) {
	if r.inTable {
		return r.checkedDecision(i)
	}
	m, t := r.m, r.t
	var d career.Decision
	var err error
	get := func(i uint32) string {
		if int(i) < len(t) {
			return t[i]
		}
		if err == nil {
			err = fmt.Errorf("string index %d outside a table of %d", i, len(t))
		}
		return ""
	}
	d.Subject = r.Subject(i)
	d.Kind, d.Outcome = get(at(m.Kind, i)), get(at(m.Outcome, i))
	d.Policy = career.PolicyRef{Region: get(at(m.PolicyRegion, i)), Version: get(at(m.PolicyVersion, i))}
	if d.NotBefore, err = r.dates.Date(at(m.NotBefore, i), "not_before"); err != nil {
		return d, err
	}
	if d.JudgedAt, err = r.dates.Date(at(m.JudgedAt, i), "judged_at"); err != nil {
		return d, err
	}
	if lo, hi := span(r.crit, i); hi > lo {
		d.Criteria = r.criteria[lo:hi:hi]
		for j := range d.Criteria {
			c := m.Criteria[(lo+j)*CriterionWidth : (lo+j+1)*CriterionWidth]
			if c[1] > 1 {
				return d, fmt.Errorf("criterion %d: passed is %d, not 0 or 1", j, c[1])
			}
			d.Criteria[j] = career.Criterion{Code: get(c[0]), Passed: c[1] == 1, Required: get(c[2]), Found: get(c[3]),
				Source: get(c[4]), Text: career.Message{ID: get(c[5]), EN: get(c[6])}}
		}
	}
	if lo, hi := span(r.details, i); hi > lo {
		d.Details = make(map[string]string, hi-lo)
		for j := lo; j < hi; j++ {
			k := get(m.Details[2*j])
			if _, dup := d.Details[k]; dup {
				return d, fmt.Errorf("detail %q appears twice", k)
			}
			d.Details[k] = get(m.Details[2*j+1])
		}
	}
	return d, err
}

// checkedDecision is Decision for a batch whose indices and passed flags indicesInTable checked.
func (r *DecisionReader) checkedDecision(i int) (career.Decision, error) {
	m, t := r.m, r.t
	var d career.Decision
	var err error
	d.Subject = r.Subject(i)
	d.Kind, d.Outcome = t[at(m.Kind, i)], t[at(m.Outcome, i)]
	d.Policy = career.PolicyRef{Region: t[at(m.PolicyRegion, i)], Version: t[at(m.PolicyVersion, i)]}
	if d.NotBefore, err = r.dates.Date(at(m.NotBefore, i), "not_before"); err != nil {
		return d, err
	}
	if d.JudgedAt, err = r.dates.Date(at(m.JudgedAt, i), "judged_at"); err != nil {
		return d, err
	}
	if lo, hi := span(r.crit, i); hi > lo {
		d.Criteria = r.criteria[lo:hi:hi]
		cs := m.Criteria[lo*CriterionWidth : hi*CriterionWidth]
		for j := range d.Criteria {
			c := cs[j*CriterionWidth : (j+1)*CriterionWidth : (j+1)*CriterionWidth]
			d.Criteria[j] = career.Criterion{Code: t[c[0]], Passed: c[1] == 1, Required: t[c[2]], Found: t[c[3]],
				Source: t[c[4]], Text: career.Message{ID: t[c[5]], EN: t[c[6]]}}
		}
	}
	if lo, hi := span(r.details, i); hi > lo {
		d.Details = make(map[string]string, hi-lo)
		for j := lo; j < hi; j++ {
			k := t[m.Details[2*j]]
			if _, dup := d.Details[k]; dup {
				return d, fmt.Errorf("detail %q appears twice", k)
			}
			d.Details[k] = t[m.Details[2*j+1]]
		}
	}
	return d, nil
}

// StringsOf returns the table of a writer's strings, to send with its columns.
func StringsOf(w *DecisionWriter) []string { return w.t.List() }
