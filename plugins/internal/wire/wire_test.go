package wire_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
	"github.com/jenjang-asn/jenjang/plugins/plugintest"
	"github.com/jenjang-asn/jenjang/promotion"
)

var on = plugintest.On

// candidates returns n realistic candidates with every field the wire carries set on some of them: supervisors,
// appointment dates, PPPK records, sanctions, past grades and positions, missing or empty predicates.
func candidates(n int, seed uint64) []promotion.Candidate {
	cs := plugintest.Candidates(n, seed, on)
	r := rand.New(rand.NewPCG(seed, 7))
	date := func() career.Date { return on.AddDays(-r.IntN(9000)) }
	pos := func() career.Position {
		return career.Position{Title: fmt.Sprintf("Jabatan %d", r.IntN(50)), Kind: career.PositionKind(1 + r.IntN(7)),
			Level: career.Level(r.IntN(9)), Field: []string{"", "kesehatan", "keuangan"}[r.IntN(3)], Service: r.IntN(2) == 0,
			LowestGrade: career.Grade(r.IntN(18))}
	}
	for i := range cs {
		e := &cs[i].Employee
		if r.IntN(3) == 0 {
			e.Supervisor = cs[r.IntN(len(cs))].Employee.NIP
		}
		if r.IntN(4) == 0 {
			e.Appointed = date()
		}
		if r.IntN(10) == 0 {
			e.Type, e.Grade, e.PPPKGrade = career.PPPK, 0, career.PPPKGrade(1+r.IntN(17))
		}
		for range r.IntN(3) {
			s := career.Sanction{Level: career.SanctionLevel(1 + r.IntN(3)), From: date()}
			if r.IntN(2) == 0 {
				s.Until = s.From.AddMonths(12)
			}
			e.Sanctions = append(e.Sanctions, s)
		}
		for range r.IntN(4) {
			e.Grades = append(e.Grades, career.GradeStep{Grade: career.Grade(1 + r.IntN(17)), TMT: date()})
		}
		for range r.IntN(3) {
			st := career.PositionStep{Position: pos(), From: date()}
			if r.IntN(3) > 0 {
				st.Until = st.From.AddMonths(1 + r.IntN(60))
			}
			e.Positions = append(e.Positions, st)
		}
		switch r.IntN(10) {
		case 0:
			cs[i].Predicates = nil
		case 1:
			cs[i].Predicates = map[int]evaluation.Predicate{on.Year() - 1: evaluation.Predicate(r.IntN(6))}
		}
	}
	return cs
}

// roundTrip marshals and unmarshals m, as gRPC does.
func roundTrip[M proto.Message](t testing.TB, m M, into M) M {
	t.Helper()
	data, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := proto.Unmarshal(data, into); err != nil {
		t.Fatal(err)
	}
	return into
}

func TestCandidatesRoundTrip(t *testing.T) {
	cs := candidates(3000, 11)
	cs = append(cs, promotion.Candidate{}) // the zero candidate: no NIP, no position, nothing
	st := wire.NewStrings()
	req := &pb.AssessPromotionsRequest{On: wire.Date(on), Candidates: wire.Candidates(st, cs)}
	req.Strings = st.List()
	got := roundTrip(t, req, &pb.AssessPromotionsRequest{})
	r, err := wire.ReadCandidates(wire.Table(got.Strings), got.Candidates)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != len(cs) {
		t.Fatalf("Len %d, want %d", r.Len(), len(cs))
	}
	var dates wire.Dates
	for i := range cs {
		c, err := r.Candidate(i, &dates)
		if err != nil {
			t.Fatalf("candidate %d: %v", i, err)
		}
		compareCandidate(t, i, cs[i], c)
	}
	if d, err := wire.ToDate(got.On, "on"); err != nil || d != on {
		t.Errorf("on: %v %v, want %v", d, err, on)
	}
}

// compareCandidate compares field by field, so a failure names the field.
func compareCandidate(t *testing.T, i int, want, got promotion.Candidate) {
	t.Helper()
	w, g := reflect.ValueOf(want.Employee), reflect.ValueOf(got.Employee)
	for f := range w.NumField() {
		if !reflect.DeepEqual(w.Field(f).Interface(), g.Field(f).Interface()) {
			t.Errorf("candidate %d: Employee.%s = %v, want %v", i, w.Type().Field(f).Name, g.Field(f), w.Field(f))
		}
	}
	if len(want.Predicates) == 0 && len(got.Predicates) == 0 {
		return
	}
	if !reflect.DeepEqual(want.Predicates, got.Predicates) {
		t.Errorf("candidate %d: Predicates = %v, want %v", i, got.Predicates, want.Predicates)
	}
}

func TestEmployeeRoundTrip(t *testing.T) {
	for i, c := range candidates(500, 5) {
		m := roundTrip(t, wire.Employee(&c.Employee), &pb.Employee{})
		e, err := wire.ToEmployee(m, "")
		if err != nil {
			t.Fatalf("employee %d: %v", i, err)
		}
		compareCandidate(t, i, c, promotion.Candidate{Employee: e, Predicates: c.Predicates})
	}
}

// decisions returns realistic decisions (the national assessment of candidates) and random ones exercising every
// field: dates, policy, odd texts, no criteria, no details.
func decisions(n int, seed uint64) []career.Decision {
	cs := candidates(n, seed)
	r := rand.New(rand.NewPCG(seed, 3))
	text := func() string {
		return []string{"", "a", "≥ 4 tahun", "PP 99/2000 Pasal 7", fmt.Sprint(r.IntN(1000))}[r.IntN(5)]
	}
	out := make([]career.Decision, 0, 2*n)
	for _, c := range cs {
		d, err := promotion.Assess(c, on, promotion.NationalRules())
		if err != nil {
			continue
		}
		d.Policy = career.PolicyRef{Region: "baseline", Version: "1.0.0"}
		out = append(out, d)
		x := career.Decision{Kind: text(), Subject: c.Employee.NIP.String(), Outcome: text(), JudgedAt: on}
		if r.IntN(2) == 0 {
			x.NotBefore = on.AddDays(r.IntN(800))
		}
		for range r.IntN(4) {
			x.Criteria = append(x.Criteria, career.Criterion{Code: text(), Passed: r.IntN(2) == 0, Required: text(), Found: text(),
				Source: text(), Text: career.Message{ID: text(), EN: text()}})
		}
		if k := r.IntN(4); k > 0 {
			x.Details = map[string]string{}
			for j := range k {
				x.Details[fmt.Sprint("k", j)] = text()
			}
		}
		out = append(out, x)
	}
	return out
}

// normal makes empty criteria and details nil: the wire does not tell them apart.
func normal(d career.Decision) career.Decision {
	if len(d.Criteria) == 0 {
		d.Criteria = nil
	}
	if len(d.Details) == 0 {
		d.Details = nil
	}
	return d
}

func TestDecisionsRoundTrip(t *testing.T) {
	ds := decisions(1000, 9)
	// three writers merged, as the SDK's workers do, with an item error in each
	fails := map[int]bool{3: true, len(ds) / 2: true, len(ds) - 1: true}
	var ws []*wire.DecisionWriter
	for k := range 3 {
		lo, hi := k*len(ds)/3, (k+1)*len(ds)/3
		w := wire.NewDecisionWriter(wire.NewStrings(), hi-lo, lo)
		for i := lo; i < hi; i++ {
			if fails[i] {
				w.Fail(&pb.Error{Code: "invalid", Field: "nip", Message: fmt.Sprint("item ", i)})
			} else {
				w.Add(&ds[i])
			}
		}
		ws = append(ws, w)
	}
	ws[0].Merge(ws[1:]...)
	cols, errs := ws[0].Message()
	resp := roundTrip(t, &pb.AssessPromotionsResponse{Strings: wire.StringsOf(ws[0]), Decisions: cols, Errors: errs}, &pb.AssessPromotionsResponse{})
	r, err := wire.ReadDecisions(wire.Table(resp.Strings), resp.Decisions, resp.Errors, len(ds))
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds {
		if fails[i] {
			e := r.Err(i)
			if e == nil || e.Message != fmt.Sprint("item ", i) || e.Code != "invalid" || e.Field != "nip" {
				t.Errorf("item %d: error %v, want the one written", i, e)
			}
			continue
		}
		if e := r.Err(i); e != nil {
			t.Errorf("item %d: unexpected error %v", i, e)
		}
		got, err := r.Decision(i)
		if err != nil {
			t.Fatalf("decision %d: %v", i, err)
		}
		want := normal(ds[i])
		if !reflect.DeepEqual(got, want) {
			w, g := reflect.ValueOf(want), reflect.ValueOf(got)
			for f := range w.NumField() {
				if !reflect.DeepEqual(w.Field(f).Interface(), g.Field(f).Interface()) {
					t.Errorf("decision %d: %s = %v, want %v", i, w.Type().Field(f).Name, g.Field(f), w.Field(f))
				}
			}
		}
	}
	// the per-item encoding the other calls use
	for i := range ds[:200] {
		st := wire.NewStrings()
		m := roundTrip(t, wire.Decision(st, &ds[i]), &pb.Decision{})
		got, err := wire.ToDecision(wire.Table(st.List()), m)
		if err != nil || !reflect.DeepEqual(got, normal(ds[i])) {
			t.Errorf("decision %d: %+v, %v; want %+v", i, got, err, normal(ds[i]))
		}
	}
}

// TestStringsCache checks that the address-keyed cache of Strings never confuses two strings: equal strings at
// different addresses share an index, different strings never do.
func TestStringsCache(t *testing.T) {
	st := wire.NewStrings()
	want := map[string]uint32{}
	r := rand.New(rand.NewPCG(1, 2))
	base := "abcdefghijklmnopqrstuvwxyz0123456789"
	for range 200_000 {
		lo := r.IntN(len(base))
		hi := lo + r.IntN(len(base)-lo+1)
		s := base[lo:hi] // substrings share addresses and differ in length
		if r.IntN(2) == 0 {
			s = string([]byte(s)) // same text, new address
		}
		i := st.Add(s)
		if s == "" {
			if i != 0 {
				t.Fatalf("empty string at %d", i)
			}
			continue
		}
		if j, ok := want[s]; ok && j != i {
			t.Fatalf("%q at %d, then at %d", s, j, i)
		}
		want[s] = i
		if st.List()[i] != s {
			t.Fatalf("%q at %d, which holds %q", s, i, st.List()[i])
		}
	}
}

// TestCandidatesMalformed checks that columns that do not add up fail the batch, and a bad value its candidate.
func TestCandidatesMalformed(t *testing.T) {
	cs := candidates(10, 3)
	st := wire.NewStrings()
	m := wire.Candidates(st, cs)
	bad := proto.Clone(m).(*pb.Candidates)
	bad.Grade = bad.Grade[:5]
	if _, err := wire.ReadCandidates(wire.Table(st.List()), bad); err == nil {
		t.Error("a short column was accepted")
	}
	bad = proto.Clone(m).(*pb.Candidates)
	bad.PredicateCounts[0]++
	if _, err := wire.ReadCandidates(wire.Table(st.List()), bad); err == nil {
		t.Error("counts that do not add up were accepted")
	}
	bad = proto.Clone(m).(*pb.Candidates)
	bad.PositionField[4], bad.GradeTmt[5] = 1<<30, 20251340
	r, err := wire.ReadCandidates(wire.Table(st.List()), bad)
	if err != nil {
		t.Fatal(err)
	}
	for i, field := range map[int]string{4: "position.field", 5: "grade_tmt"} {
		_, err := r.Candidate(i, nil)
		var e *career.Error
		if !errors.As(err, &e) || e.Code != career.Invalid || e.Field != field {
			t.Errorf("candidate %d: %v, want an error on %s", i, err, field)
		}
	}
	if _, err := r.Candidate(3, nil); err != nil {
		t.Errorf("candidate 3: %v", err)
	}
}

// TestErrorRoundTrip checks that an item's error crosses the wire with its code, field and both languages, and that
// an internal error's text never becomes a user-safe message.
func TestErrorRoundTrip(t *testing.T) {
	in := career.Newf(career.Invalid, "nip", "NIP %s tidak dikenal", "NIP %s is unknown", "198609262015051001")
	out := wire.ToError(wire.Error(in))
	if out.Code != in.Code || out.Field != in.Field || out.Message != in.Message || out.ID != in.ID {
		t.Fatalf("round trip of %+v gave %+v", in, out)
	}
	if got := career.ErrorMessageIn(out, "id"); got != "NIP 198609262015051001 tidak dikenal" {
		t.Errorf("Indonesian message after the wire: %q", got)
	}
	internal := &career.Error{Code: career.Internal, Message: "boom", ID: "meledak", Err: errors.New("secret detail")}
	back := wire.ToError(wire.Error(internal))
	if back.Code != career.Internal || strings.Contains(back.Message, "secret") || strings.Contains(back.ID, "secret") {
		t.Fatalf("internal error leaked its text: %+v", back)
	}
}
