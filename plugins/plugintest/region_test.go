package plugintest

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/training"
)

// recorder is a testing.TB that records failures instead of failing, so that the helpers' own failures can be
// checked. Fatalf ends the goroutine, as testing.T's does.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// failures runs f with a recorder on a goroutine of its own and returns what it reported.
func failures(t *testing.T, f func(tb testing.TB)) []string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.errs
}

var (
	staff     = Agency("Pemerintah Kabupaten Contoh")
	pelaksana = career.Position{Title: "Pengelola Data", Kind: career.Pelaksana, Field: "umum"}
	pegawai   = staff.Employee("198503122010011001", career.IIIC, pelaksana, career.MustDate(2018, 4, 1), "BKPSDM")
)

func TestEmployee(t *testing.T) {
	e := pegawai
	if e.NIP.String() != "198503122010011001" || e.Name != "Pegawai 001" || e.Agency != "Pemerintah Kabupaten Contoh" ||
		e.Unit != "BKPSDM" || e.Type != career.PNS || e.Education != career.S1 || e.Grade != career.IIIC ||
		e.GradeTMT != career.MustDate(2018, 4, 1) || e.PositionTMT != e.GradeTMT || e.Position != pelaksana {
		t.Errorf("employee %+v", e)
	}
}

func TestAppraisal(t *testing.T) {
	q := evaluation.Period{Year: 2024, Quarter: 2}
	a := Appraisal(pegawai, q, evaluation.DiAtas, evaluation.Sesuai, evaluation.DiBawah, evaluation.Sesuai)
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	at := q.End()
	want := []evaluation.Entry{
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: evaluation.DiAtas, At: at},
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
		{Source: evaluation.Peer, Rater: "rekan-1", Aspect: evaluation.Perilaku, Value: evaluation.DiBawah, At: at},
		{Source: evaluation.Peer, Rater: "rekan-2", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
	}
	if !slices.Equal(a.Entries, want) || a.Employee.NIP != pegawai.NIP || a.Period != q {
		t.Errorf("appraisal %+v, want entries %+v", a, want)
	}
}

func TestLedger(t *testing.T) {
	l := Ledger(pegawai.NIP, 2025, Activity(career.MustDate(2025, 2, 3), training.Pelatihan, 20))
	if len(l.Activities) != 1 || l.Activities[0].NIP != pegawai.NIP || l.JP() != 20 || l.Year != 2025 {
		t.Errorf("ledger %+v (%.2f JP)", l, l.JP())
	}
	if err := l.Activities[0].Validate(); err != nil {
		t.Error(err)
	}
	if l := Ledger(pegawai.NIP, 2025); l.NIP != pegawai.NIP || len(l.Activities) != 0 {
		t.Errorf("an empty ledger: %+v", l)
	}
}

func TestCompareAndRefuses(t *testing.T) {
	a := Appraisal(pegawai, evaluation.Period{Year: 2024}, evaluation.Sesuai, evaluation.Sesuai)
	nat, got := Compare(t, plugins.National(), plugins.Policy.Evaluate, a)
	if nat.Predicate != evaluation.Baik || got.Predicate != nat.Predicate {
		t.Errorf("national %s and %s, want Baik twice", nat.Predicate, got.Predicate)
	}
	// The baseline does not refuse what it accepts.
	if errs := failures(t, func(tb testing.TB) { Refuses(tb, plugins.National(), plugins.Policy.Evaluate, a, "") }); len(errs) != 1 {
		t.Errorf("Refuses on an accepted request reported %q", errs)
	}
	// A request the baseline refuses too is no region rule.
	bad := a
	bad.Entries = nil
	if errs := failures(t, func(tb testing.TB) { Refuses(tb, plugins.National(), plugins.Policy.Evaluate, bad, "") }); len(errs) != 1 ||
		!strings.Contains(errs[0], "national baseline refuses it too") {
		t.Errorf("Refuses on a request the baseline refuses reported %q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { Compare(tb, plugins.National(), plugins.Policy.Evaluate, bad) }); len(errs) != 1 {
		t.Errorf("Compare on an invalid request reported %q", errs)
	}
}

func TestDecisionChecks(t *testing.T) {
	d := career.Decision{Kind: "test", Outcome: career.Eligible}
	d.Add(career.Criterion{Code: "ok", Passed: true, Source: "s"})
	d.Add(career.Criterion{Code: "no", Passed: false, Source: "s"})
	d.Set("k", "v")
	pass := []func(tb testing.TB){
		func(tb testing.TB) { HasCriterion(tb, d, "ok") },
		func(tb testing.TB) { CriterionPassed(tb, d, "ok", true) },
		func(tb testing.TB) { CriterionPassed(tb, d, "no", false) },
		func(tb testing.TB) { NoCriterion(tb, d, "absent") },
		func(tb testing.TB) { Detail(tb, d, "k", "v") },
		func(tb testing.TB) { Detail(tb, d, "absent", "") },
		func(tb testing.TB) { NoDetail(tb, d, "absent") },
	}
	fail := []func(tb testing.TB){
		func(tb testing.TB) { HasCriterion(tb, d, "absent") },
		func(tb testing.TB) { CriterionPassed(tb, d, "ok", false) },
		func(tb testing.TB) { CriterionPassed(tb, d, "no", true) },
		func(tb testing.TB) { CriterionPassed(tb, d, "absent", true) },
		func(tb testing.TB) { NoCriterion(tb, d, "ok") },
		func(tb testing.TB) { Detail(tb, d, "k", "w") },
		func(tb testing.TB) { Detail(tb, d, "k", "") },
		func(tb testing.TB) { NoDetail(tb, d, "k") },
	}
	for i, f := range pass {
		if errs := failures(t, f); len(errs) != 0 {
			t.Errorf("passing check %d reported %q", i, errs)
		}
	}
	for i, f := range fail {
		if errs := failures(t, f); len(errs) != 1 {
			t.Errorf("failing check %d reported %q, want one failure", i, errs)
		}
	}
}

func TestCheckProgramsAndPairs(t *testing.T) {
	recs := []training.Recommendation{{Program: "B"}, {Program: "A"}}
	if errs := failures(t, func(tb testing.TB) { CheckPrograms(tb, "x", recs, "A", "B") }); len(errs) != 0 {
		t.Errorf("%q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { CheckPrograms(tb, "x", recs, "B", "A") }); len(errs) != 0 {
		t.Errorf("the order of want matters: %q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { CheckPrograms(tb, "x", recs, "A") }); len(errs) != 1 {
		t.Errorf("%q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { CheckPrograms(tb, "x", nil) }); len(errs) != 0 {
		t.Errorf("no recommendations, none wanted: %q", errs)
	}

	es := Employees(3, 1, On)
	p1 := mentoring.Pair{Mentor: es[0].NIP, Mentee: es[1].NIP, Score: 3}
	p2 := mentoring.Pair{Mentor: es[0].NIP, Mentee: es[2].NIP, Score: 1}
	m := mentoring.Matching{Pairs: []mentoring.Pair{p1, p2}}
	if errs := failures(t, func(tb testing.TB) {
		CheckPairs(tb, "x", m, mentoring.Pair{Mentor: es[0].NIP, Mentee: es[2].NIP}, mentoring.Pair{Mentor: es[0].NIP, Mentee: es[1].NIP})
	}); len(errs) != 0 {
		t.Errorf("%q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { CheckPairs(tb, "x", m, p1) }); len(errs) != 1 {
		t.Errorf("%q", errs)
	}
	if errs := failures(t, func(tb testing.TB) { CheckPairs(tb, "x", m, p1, mentoring.Pair{Mentor: es[1].NIP, Mentee: es[2].NIP}) }); len(errs) != 1 {
		t.Errorf("%q", errs)
	}
}

func TestDescribe(t *testing.T) {
	b := plugins.National()
	d := Describe(t, b, b.Info.Region, b.Info.Name, b.Info.Version)
	if d.Region != b.Info.Region {
		t.Errorf("description %+v", d)
	}
	if errs := failures(t, func(tb testing.TB) { Describe(tb, b, "elsewhere", b.Info.Name, b.Info.Version) }); len(errs) != 1 {
		t.Errorf("a wrong region reported %q", errs)
	}
	Says(t, d, "paling sedikit 20 JP", "at least 20 JP")
	for _, c := range []struct{ id, en string }{
		{"paling sedikit 20 JP", "at least 21 JP"},    // the English differs
		{"paling sedikit 21 JP", "at least 20 JP"},    // the Indonesian differs
		{"paling sedikit 20 JP", "at most 3 mentees"}, // both said, but by two rules
	} {
		if errs := failures(t, func(tb testing.TB) { Says(tb, d, c.id, c.en) }); len(errs) != 1 {
			t.Errorf("Says(%q, %q) reported %q", c.id, c.en, errs)
		}
	}
}
