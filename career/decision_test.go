package career_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

func TestDecision(t *testing.T) {
	var d career.Decision
	if !d.Add(career.Criterion{Code: "a", Passed: true, Required: "≥ 1", Found: "2", Source: "PP 1/2000", Text: career.Message{ID: "Satu", EN: "One"}}) {
		t.Error("Add of a passing criterion returned false")
	}
	if d.Add(career.Criterion{Code: "b", Passed: false, Text: career.Message{ID: "Dua"}}) {
		t.Error("Add of a failing criterion returned true")
	}
	if d.AllPassed() || len(d.Failed()) != 1 || d.Failed()[0].Code != "b" {
		t.Errorf("AllPassed %v Failed %v", d.AllPassed(), d.Failed())
	}
	if c, ok := d.Criterion("a"); !ok || c.Found != "2" {
		t.Errorf("Criterion(a) = %+v, %v", c, ok)
	}
	if _, ok := d.Criterion("c"); ok {
		t.Error("Criterion(c) found")
	}
	want := []string{"✓ Satu (syarat ≥ 1; nilai 2; PP 1/2000)", "✗ Dua"}
	if got := d.Explain("id"); !slices.Equal(got, want) {
		t.Errorf("Explain(id) = %q, want %q", got, want)
	}
	// English falls back to Indonesian where a text has no English.
	want = []string{"✓ One (required ≥ 1; found 2; PP 1/2000)", "✗ Dua"}
	if got := d.Explain("en-GB"); !slices.Equal(got, want) {
		t.Errorf("Explain(en-GB) = %q, want %q", got, want)
	}
	d.Set("tmt", "2026-05-01")
	if d.Details["tmt"] != "2026-05-01" {
		t.Errorf("Set: %v", d.Details)
	}
}

func TestErrors(t *testing.T) {
	err := career.Errorf(career.Invalid, "nip", "bad %s", "nip")
	wrapped := fmt.Errorf("import row 3: %w", err)
	if career.ErrorCode(wrapped) != career.Invalid || career.ErrorField(wrapped) != "nip" || career.ErrorMessage(wrapped) != "bad nip" {
		t.Errorf("through a wrap: %v %v %v", career.ErrorCode(wrapped), career.ErrorField(wrapped), career.ErrorMessage(wrapped))
	}
	if err.Error() != "invalid: nip: bad nip" {
		t.Errorf("Error() = %q", err.Error())
	}
	secret := errors.New("dial tcp 10.0.0.1:5432: connection refused")
	if career.ErrorCode(secret) != career.Internal || career.ErrorMessage(secret) != "internal error" || career.ErrorCode(nil) != "" {
		t.Error("an unknown error leaks or is not internal")
	}
	cause := &career.Error{Code: career.Internal, Message: "db", Err: secret}
	if !errors.Is(cause, secret) || career.ErrorMessage(cause) != "internal error" {
		t.Error("an internal *Error leaks its message or loses its cause")
	}
}

func TestEmployeeValidate(t *testing.T) {
	on := d("2026-04-01")
	tests := []struct {
		name  string
		edit  func(e *career.Employee)
		field string
	}{
		{"valid", func(e *career.Employee) {}, ""},
		{"no name", func(e *career.Employee) { e.Name = " " }, "name"},
		{"no type", func(e *career.Employee) { e.Type = 0 }, "type"},
		{"PNS without grade", func(e *career.Employee) { e.Grade = 0 }, "grade"},
		{"PPPK without PPPK grade", func(e *career.Employee) { e.Type = career.PPPK }, "grade"},
		{"no education", func(e *career.Employee) { e.Education = 0 }, "education"},
		{"grade TMT after the date", func(e *career.Employee) { e.GradeTMT = d("2026-05-01") }, "grade_tmt"},
		{"grade TMT before the appointment", func(e *career.Employee) { e.GradeTMT = d("2016-02-01") }, "grade_tmt"},
		{"functional without level", func(e *career.Employee) { e.Position.Kind = career.Fungsional }, "position.level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mover()
			tt.edit(&e)
			err := e.Validate(on)
			if career.ErrorField(err) != tt.field || (tt.field == "") != (err == nil) {
				t.Errorf("Validate = %v, want field %q", err, tt.field)
			}
		})
	}
	e := mover()
	if e.AppointedOn() != d("2016-03-01") {
		t.Errorf("AppointedOn from the NIP = %v", e.AppointedOn())
	}
	e.Appointed = d("2016-03-15")
	if e.AppointedOn() != d("2016-03-15") {
		t.Errorf("AppointedOn with an explicit TMT CPNS = %v", e.AppointedOn())
	}
	if got := e.Age(on); got.Years != 35 {
		t.Errorf("Age = %v", got)
	}
}
