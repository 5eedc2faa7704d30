package plugintest

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/training"
)

// This file helps a region test its policy in process, case by case from its own documents: build the case's
// employees and requests (Agency, Appraisal, Ratings, Ledger, Activity), ask the region's policy and the national
// baseline the same question (Compare, Refuses), and check how the answers differ (CriterionPassed, HasCriterion,
// NoCriterion, Detail, NoDetail, CheckPrograms, CheckPairs). A typical case:
//
//	var employee = plugintest.Agency("Pemerintah Kabupaten Contoh").Employee
//
//	func TestQuarterRefused(t *testing.T) {
//		e := employee("198503122010011001", career.IIIC, pelaksana, career.MustDate(2018, 4, 1), "Dinas Pendidikan")
//		a := plugintest.Appraisal(e, evaluation.Period{Year: 2024, Quarter: 2}, evaluation.Sesuai, evaluation.Sesuai)
//		plugintest.Refuses(t, New(), plugins.Policy.Evaluate, a, "period") // the region appraises once a year
//	}

// Agency makes test employees of one agency (instansi, career.Employee.Agency). A region's tests name theirs once,
//
//	var employee = plugintest.Agency("Pemerintah Kota Contoh").Employee
//
// and then write each case's employee in one line.
type Agency string

// Employee returns a PNS of the agency with an S1, named after the NIP's sequence number ("Pegawai 001"), working in
// unit at grade g in position pos, both since tmt (GradeTMT and PositionTMT). It panics on an invalid NIP, as
// career.MustParseNIP does. Change the fields a case needs (Education, Sanctions, Type) on the result.
func (a Agency) Employee(nip string, g career.Grade, pos career.Position, tmt career.Date, unit string) career.Employee {
	n := career.MustParseNIP(nip)
	return career.Employee{
		NIP: n, Name: "Pegawai " + nip[len(nip)-3:], Type: career.PNS, Grade: g, GradeTMT: tmt,
		Position: pos, PositionTMT: tmt, Education: career.S1, Unit: unit, Agency: string(a),
	}
}

// Ratings returns the entries of an appraisal, all given at: the direct superior's ratings (rater "atasan") of
// results (hasil) and behaviour (perilaku), then one behaviour rating from each peer, in order (raters "rekan-1",
// "rekan-2", …).
func Ratings(at career.Date, hasil, perilaku evaluation.Rating, peers ...evaluation.Rating) []evaluation.Entry {
	es := []evaluation.Entry{
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: hasil, At: at},
		{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: perilaku, At: at},
	}
	for i, v := range peers {
		es = append(es, evaluation.Entry{Source: evaluation.Peer, Rater: "rekan-" + strconv.Itoa(i+1), Aspect: evaluation.Perilaku, Value: v, At: at})
	}
	return es
}

// Appraisal returns e's appraisal for the period p with the Ratings given at the period's end. Set Indicators or
// CommunityIndex on the result when the case measures them.
func Appraisal(e career.Employee, p evaluation.Period, hasil, perilaku evaluation.Rating, peers ...evaluation.Rating) evaluation.Appraisal {
	return evaluation.Appraisal{Employee: e, Period: p, Entries: Ratings(p.End(), hasil, perilaku, peers...)}
}

// Ledger returns the training ledger of nip for year holding the activities, each stamped with nip. With no
// activities it is the ledger of an employee who has not trained yet this year.
func Ledger(nip career.NIP, year int, acts ...training.Activity) training.Ledger {
	l := training.Ledger{NIP: nip, Year: year}
	for _, a := range acts {
		a.NIP = nip
		l.Activities = append(l.Activities, a)
	}
	return l
}

// Activity returns jp JP of learning by method m on the date on, outside the catalogue (the program is named after
// the method). Ledger stamps it with the employee's NIP.
func Activity(on career.Date, m training.Method, jp int) training.Activity {
	return training.Activity{Date: on, Program: string(m), Method: m, Minutes: training.Minutes(jp)}
}

// Method is a policy method that answers one request, written as a method expression: plugins.Policy.Evaluate,
// plugins.Policy.CheckTransfer, plugins.Policy.Compliance, plugins.Policy.Recommend, plugins.Policy.Allocate,
// plugins.Policy.Match or plugins.Policy.Rank.
type Method[In, Out any] func(plugins.Policy, context.Context, In) (Out, error)

// Compare asks the national baseline (plugins.National) and the policy p the same question, method with in, and
// returns both answers, so that a test states on one case how the region departs from the baseline:
//
//	nat, got := plugintest.Compare(t, New(), plugins.Policy.Match, req)
//	if len(nat.Pairs) != 2 || len(got.Pairs) != 1 { … }
//
// An error from either ends the test (t.Fatal); Refuses checks a request the region turns down.
func Compare[In, Out any](t testing.TB, p plugins.Policy, method Method[In, Out], in In) (national, region Out) {
	t.Helper()
	national, err := method(plugins.National(), t.Context(), in)
	if err != nil {
		t.Fatalf("the national baseline: %v", err)
	}
	region, err = method(p, t.Context(), in)
	if err != nil {
		t.Fatalf("the region's policy: %v", err)
	}
	return national, region
}

// Refuses checks a rule of the region stricter than the baseline's: the national baseline answers method with in,
// and p refuses it with a typed career.Invalid error on field (on any field when field is "").
func Refuses[In, Out any](t testing.TB, p plugins.Policy, method Method[In, Out], in In, field string) {
	t.Helper()
	if _, err := method(plugins.National(), t.Context(), in); err != nil {
		t.Fatalf("the national baseline refuses it too: %v", err)
	}
	_, err := method(p, t.Context(), in)
	if career.ErrorCode(err) != career.Invalid || field != "" && career.ErrorField(err) != field {
		want := "a typed " + string(career.Invalid) + " error"
		if field != "" {
			want += " on " + field
		}
		t.Errorf("the region's policy answered with %v; want %s", err, want)
	}
}

// HasCriterion checks that the decision d has the criterion code and returns it (the zero Criterion when missing).
func HasCriterion(t testing.TB, d career.Decision, code string) career.Criterion {
	t.Helper()
	c, ok := d.Criterion(code)
	if !ok {
		t.Errorf("criterion %s missing from the decision: %v", code, d.Explain("en"))
	}
	return c
}

// CriterionPassed checks that the decision d has the criterion code and that it passed (passed true) or failed
// (passed false).
func CriterionPassed(t testing.TB, d career.Decision, code string, passed bool) {
	t.Helper()
	if c, ok := d.Criterion(code); !ok {
		t.Errorf("criterion %s missing from the decision: %v", code, d.Explain("en"))
	} else if c.Passed != passed {
		t.Errorf("criterion %s passed = %v, want %v: %+v", code, c.Passed, passed, c)
	}
}

// NoCriterion checks that the decision d has no criterion code: the baseline's, say, for a rule only the region has.
func NoCriterion(t testing.TB, d career.Decision, code string) {
	t.Helper()
	if c, ok := d.Criterion(code); ok {
		t.Errorf("criterion %s should not be in the decision: %+v", code, c)
	}
}

// Detail checks that the decision d's detail key is want; a want of "" accepts the detail unset.
func Detail(t testing.TB, d career.Decision, key, want string) {
	t.Helper()
	if got := d.Details[key]; got != want {
		t.Errorf("detail %s = %q, want %q", key, got, want)
	}
}

// NoDetail checks that the decision d has no detail key at all: the baseline's, say, for what only the region records.
func NoDetail(t testing.TB, d career.Decision, key string) {
	t.Helper()
	if v, ok := d.Details[key]; ok {
		t.Errorf("detail %s = %q should not be set", key, v)
	}
}

// CheckPrograms checks that the recommendations recs are of exactly the programs want, in any order. who names the
// policy in the message ("national", the region's name).
func CheckPrograms(t testing.TB, who string, recs []training.Recommendation, want ...string) {
	t.Helper()
	want = slices.Sorted(slices.Values(want))
	if got := ProgramCodes(recs); !slices.Equal(got, want) {
		t.Errorf("%s recommends %v, want %v", who, got, want)
	}
}

// CheckPairs checks that the matching m pairs exactly the mentors and mentees of want, in any order (Score is not
// compared). who names the policy in the message ("national", the region's name).
func CheckPairs(t testing.TB, who string, m mentoring.Matching, want ...mentoring.Pair) {
	t.Helper()
	key := func(p mentoring.Pair) string { return p.Mentor.String() + "→" + p.Mentee.String() }
	var got, exp []string
	for _, p := range m.Pairs {
		got = append(got, key(p))
	}
	for _, p := range want {
		exp = append(exp, key(p))
	}
	slices.Sort(got)
	slices.Sort(exp)
	if !slices.Equal(got, exp) {
		t.Errorf("%s pairs (mentor→mentee) %v, want %v", who, got, exp)
	}
}

// Describe asks p for its description and checks what every region's must say: the region code, its name and
// version, the current plugins.ProtocolVersion, and at least one rule, each rule in Indonesian and English. It
// returns the description for the region's own checks (CheckParams, the number of rules).
func Describe(t testing.TB, p plugins.Policy, region, name, version string) plugins.Description {
	t.Helper()
	d, err := p.Describe(t.Context())
	if err != nil {
		t.Fatalf("Describe: %v", err)
	}
	if d.Region != region || d.Name != name || d.Version != version || d.Protocol != plugins.ProtocolVersion {
		t.Errorf("description %q %q %q protocol %d; want %q %q %q protocol %d",
			d.Region, d.Name, d.Version, d.Protocol, region, name, version, plugins.ProtocolVersion)
	}
	if len(d.Rules) == 0 {
		t.Errorf("no rules: a policy describes its rules in prose")
	}
	for _, r := range d.Rules {
		if r.ID == "" || r.EN == "" {
			t.Errorf("rule not in both languages: %+v", r)
		}
	}
	return d
}

// Says checks that one rule of d says id in Indonesian and en in English (each a part of the rule's text): a region's
// test states that its published summary tells what the code does, with the numbers the code judges by.
func Says(t testing.TB, d plugins.Description, id, en string) {
	t.Helper()
	for _, r := range d.Rules {
		if strings.Contains(r.ID, id) && strings.Contains(r.EN, en) {
			return
		}
	}
	t.Errorf("no rule of %s says %q / %q", d.Region, id, en)
}
