package career_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

// mover is appointed 2016-03 (10 years of service on 2026-03-01) and in the current post since 2020-03-15.
func mover() career.Employee {
	return career.Employee{
		NIP: career.MustParseNIP("19900510 201603 1 004"), Name: "Rudi Hartono", Type: career.PNS, Grade: career.IIIC,
		GradeTMT: d("2020-04-01"), PositionTMT: d("2020-03-15"), Education: career.S1,
		Position: career.Position{Title: "Analis Keuangan", Kind: career.Pelaksana},
	}
}

var (
	dinasA   = career.Place{Agency: "Dinas Kesehatan Kab. Lampung Selatan", Regency: "Lampung Selatan", Province: "Lampung"}
	dinasA2  = career.Place{Agency: " dinas kesehatan kab. lampung selatan ", Regency: "Lampung Selatan", Province: "Lampung"}
	dinasB   = career.Place{Agency: "Bappeda Kab. Lampung Selatan", Regency: "Lampung Selatan", Province: "Lampung"}
	kotaBL   = career.Place{Agency: "Dinas Kesehatan Kota Bandar Lampung", Regency: "Bandar Lampung", Province: "Lampung"}
	semarang = career.Place{Agency: "Bappeda Kota Semarang", Regency: "Semarang", Province: "Jawa Tengah"}
	provA    = career.Place{Agency: "Dinas Pendidikan Provinsi Lampung", Province: "Lampung"}
	provB    = career.Place{Agency: "BKD Provinsi Lampung", Province: "Lampung"}
	central  = career.Place{Agency: "Kementerian Kesehatan"}
	centralB = career.Place{Agency: "Kementerian Dalam Negeri"}
)

func check(t *testing.T, r career.TransferRequest) career.Decision {
	t.Helper()
	dec, err := career.NewNational().CheckTransfer(context.Background(), r)
	if err != nil {
		t.Fatalf("CheckTransfer: %v", err)
	}
	return dec
}

func TestCheckTransferTime(t *testing.T) {
	tests := []struct {
		name      string
		on        string
		outcome   string
		notBefore string
		rotation  string
	}{
		{"one day before 2 years", "2022-03-14", career.NotYet, "2022-03-15", "false"},
		{"exactly 2 years", "2022-03-15", career.Eligible, "", "false"},
		{"one day after 2 years", "2022-03-16", career.Eligible, "", "false"},
		{"4 years 11 months", "2025-02-15", career.Eligible, "", "false"},
		{"one day before 5 years", "2025-03-14", career.Eligible, "", "false"},
		{"exactly 5 years: at most 5 years still holds", "2025-03-15", career.Eligible, "", "false"},
		{"5 years and a day: past 5 years, rotation", "2025-03-16", career.Eligible, "", "true"},
		{"8 years", "2028-03-15", career.Eligible, "", "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := check(t, career.TransferRequest{Employee: mover(), From: dinasA, To: dinasB, On: d(tt.on)})
			if dec.Outcome != tt.outcome || dec.NotBefore.String() != tt.notBefore {
				t.Errorf("outcome %s not before %q, want %s %q", dec.Outcome, dec.NotBefore, tt.outcome, tt.notBefore)
			}
			if got := dec.Details["rotation_recommended"]; got != tt.rotation {
				t.Errorf("rotation_recommended = %s, want %s", got, tt.rotation)
			}
			c, ok := dec.Criterion("transfer.min_years_in_position")
			if !ok || c.Passed != (tt.outcome == career.Eligible) || c.Required != "2 tahun 0 bulan" || c.Source != "PP 11/2017 Pasal 190 ayat 2" {
				t.Errorf("criterion %+v", c)
			}
			if dec.Kind != "transfer" || dec.Subject != "199005102016031004" || dec.JudgedAt != d(tt.on) {
				t.Errorf("decision header %q %q %v", dec.Kind, dec.Subject, dec.JudgedAt)
			}
		})
	}
}

func TestCheckTransferPersonal(t *testing.T) {
	tests := []struct {
		name      string
		to        career.Place
		personal  bool
		on        string
		outcome   string
		notBefore string
		checked   bool // whether the 10-year rule applies
	}{
		{"personal, other agency, one day before 10 years", kotaBL, true, "2026-02-28", career.NotYet, "2026-03-01", true},
		{"personal, other agency, at 10 years", kotaBL, true, "2026-03-01", career.Eligible, "", true},
		{"personal, same agency", dinasA2, true, "2023-01-01", career.Eligible, "", false},
		{"personal, another office of the same regency's government", dinasB, true, "2023-01-01", career.Eligible, "", false},
		{"by the office, other agency", kotaBL, false, "2023-01-01", career.Eligible, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := check(t, career.TransferRequest{Employee: mover(), From: dinasA, To: tt.to, Personal: tt.personal, On: d(tt.on)})
			if dec.Outcome != tt.outcome || dec.NotBefore.String() != tt.notBefore {
				t.Errorf("outcome %s not before %q, want %s %q", dec.Outcome, dec.NotBefore, tt.outcome, tt.notBefore)
			}
			c, ok := dec.Criterion("transfer.min_service_personal")
			if ok != tt.checked {
				t.Fatalf("10-year criterion present %v, want %v", ok, tt.checked)
			}
			if ok && (c.Passed != (tt.outcome == career.Eligible) || c.Required != "10 tahun 0 bulan") {
				t.Errorf("criterion %+v", c)
			}
		})
	}
	// Both time rules failing: the later date is the one to wait for.
	e := mover()
	e.PositionTMT = d("2025-09-01")
	dec := check(t, career.TransferRequest{Employee: e, From: dinasA, To: kotaBL, Personal: true, On: d("2026-01-15")})
	if dec.Outcome != career.NotYet || dec.NotBefore != d("2027-09-01") || len(dec.Failed()) != 2 {
		t.Errorf("two waits: %s %v, %d failed", dec.Outcome, dec.NotBefore, len(dec.Failed()))
	}
}

func TestTransferAuthority(t *testing.T) {
	tests := []struct {
		name     string
		from, to career.Place
		want     career.Authority
	}{
		{"same agency (case and spaces ignored)", dinasA, dinasA2, career.AuthorityPPK},
		{"another office of the same regency's government", dinasA, dinasB, career.AuthorityPPK},
		{"two offices of one province's own government", provA, provB, career.AuthorityPPK},
		{"from a regency to its province", dinasA, provA, career.AuthorityGovernor},
		{"two central agencies", central, centralB, career.AuthorityBKN},
		{"another regency of the same province", dinasA, kotaBL, career.AuthorityGovernor},
		{"another province", dinasA, semarang, career.AuthorityMinister},
		{"to a central agency", dinasA, central, career.AuthorityBKN},
		{"from a central agency", central, semarang, career.AuthorityBKN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := career.TransferAuthority(tt.from, tt.to); got != tt.want {
				t.Errorf("TransferAuthority = %s, want %s", got, tt.want)
			}
			dec := check(t, career.TransferRequest{Employee: mover(), From: tt.from, To: tt.to, On: d("2024-01-01")})
			if dec.Details["authority"] != string(tt.want) {
				t.Errorf("decision authority = %s, want %s", dec.Details["authority"], tt.want)
			}
		})
	}
}

func TestCheckTransferSanction(t *testing.T) {
	tests := []struct {
		name      string
		sanction  career.Sanction
		on        string
		outcome   string
		notBefore string
	}{
		{"medium sanction until 30 June", career.Sanction{Level: career.Sedang, From: d("2025-07-01"), Until: d("2026-06-30")}, "2026-04-01", career.NotYet, "2026-07-01"},
		{"light sanction in force", career.Sanction{Level: career.Ringan, From: d("2026-03-01"), Until: d("2026-05-31")}, "2026-04-01", career.NotYet, "2026-06-01"},
		{"open-ended heavy sanction", career.Sanction{Level: career.Berat, From: d("2025-01-01")}, "2026-04-01", career.NotEligible, ""},
		{"sanction ended the day before", career.Sanction{Level: career.Sedang, From: d("2025-04-01"), Until: d("2026-03-31")}, "2026-04-01", career.Eligible, ""},
		{"sanction not yet begun", career.Sanction{Level: career.Sedang, From: d("2026-04-02")}, "2026-04-01", career.Eligible, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mover()
			e.Sanctions = []career.Sanction{tt.sanction}
			dec := check(t, career.TransferRequest{Employee: e, From: dinasA, To: dinasB, On: d(tt.on)})
			if dec.Outcome != tt.outcome || dec.NotBefore.String() != tt.notBefore {
				t.Errorf("outcome %s not before %q, want %s %q", dec.Outcome, dec.NotBefore, tt.outcome, tt.notBefore)
			}
			c, ok := dec.Criterion("transfer.no_sanction")
			if !ok || c.Passed != (tt.outcome == career.Eligible) || c.Source == "" || c.Required == "" || c.Found == "" {
				t.Errorf("sanction criterion %+v (present %v)", c, ok)
			}
		})
	}
	// A sanction ending before the 2 years are up: wait for the 2 years.
	e := mover()
	e.PositionTMT = d("2025-01-01")
	e.Sanctions = []career.Sanction{{Level: career.Sedang, From: d("2025-06-01"), Until: d("2026-05-31")}}
	dec := check(t, career.TransferRequest{Employee: e, From: dinasA, To: dinasB, On: d("2026-04-01")})
	if dec.Outcome != career.NotYet || dec.NotBefore != d("2027-01-01") {
		t.Errorf("sanction and time: %s %v, want not_yet 2027-01-01", dec.Outcome, dec.NotBefore)
	}
}

func TestTransferValidate(t *testing.T) {
	full := career.TransferRequest{Employee: mover(), From: dinasA, To: dinasB, On: d("2024-01-01")}
	tests := []struct {
		name  string
		edit  func(r *career.TransferRequest)
		field string
	}{
		{"no NIP", func(r *career.TransferRequest) { r.Employee.NIP = career.NIP{} }, "nip"},
		{"no destination", func(r *career.TransferRequest) { r.To.Agency = "  " }, "to.agency"},
		{"no origin", func(r *career.TransferRequest) { r.From.Agency = "" }, "from.agency"},
		{"no date", func(r *career.TransferRequest) { r.On = career.Date{} }, "on"},
		{"no position TMT", func(r *career.TransferRequest) { r.Employee.PositionTMT = career.Date{} }, "position_tmt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := full
			tt.edit(&r)
			_, err := career.CheckTransfer(r, career.NationalTransferRules())
			if career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
				t.Errorf("error = %v, want invalid %s", err, tt.field)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := career.NewNational().CheckTransfer(ctx, full); err == nil {
		t.Error("a cancelled context was ignored")
	}
}

// TestCheckTransferBoundaries checks the 2- and 5-year boundaries from a TMT on 29 February: the anniversary in a
// common year is 28 February, for both the rule and the date promised.
func TestCheckTransferBoundaries(t *testing.T) {
	tests := []struct {
		name      string
		on        string
		outcome   string
		notBefore string
		rotation  string
	}{
		{"2 years less a day", "2022-02-27", career.NotYet, "2022-02-28", "false"},
		{"2 years (28 February in a common year)", "2022-02-28", career.Eligible, "", "false"},
		{"5 years (28 February 2025)", "2025-02-28", career.Eligible, "", "false"},
		{"5 years and a day", "2025-03-01", career.Eligible, "", "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mover()
			e.PositionTMT = d("2020-02-29")
			dec := check(t, career.TransferRequest{Employee: e, From: dinasA, To: dinasB, On: d(tt.on)})
			if dec.Outcome != tt.outcome || dec.NotBefore.String() != tt.notBefore || dec.Details["rotation_recommended"] != tt.rotation {
				t.Errorf("%s not before %q rotation %s; want %s %q %s", dec.Outcome, dec.NotBefore, dec.Details["rotation_recommended"], tt.outcome, tt.notBefore, tt.rotation)
			}
		})
	}
}

// TestCheckTransferSanctionsAhead checks that a not-yet date is one on which no recorded sanction is in force: not
// only the heaviest in force today, but another of the same level ending later, or one that starts before the date.
func TestCheckTransferSanctionsAhead(t *testing.T) {
	tests := []struct {
		name      string
		tmt       string
		sanctions []career.Sanction
		outcome   string
		notBefore string
		failed    []string
	}{
		{"two medium sanctions in force, the second ends later", "2020-03-15", []career.Sanction{
			{Level: career.Sedang, From: d("2026-01-01"), Until: d("2026-05-31")},
			{Level: career.Sedang, From: d("2026-02-01"), Until: d("2026-09-30")},
		}, career.NotYet, "2026-10-01", []string{"transfer.no_sanction"}},
		{"a sanction starting before the 2 years pass", "2025-01-01", []career.Sanction{
			{Level: career.Ringan, From: d("2026-12-01"), Until: d("2027-02-28")},
		}, career.NotYet, "2027-03-01", []string{"transfer.min_years_in_position"}},
		{"a sanction starting after the 2 years pass changes nothing", "2025-01-01", []career.Sanction{
			{Level: career.Berat, From: d("2027-01-02")},
		}, career.NotYet, "2027-01-01", []string{"transfer.min_years_in_position"}},
		{"an open-ended sanction starting before the 2 years pass", "2025-01-01", []career.Sanction{
			{Level: career.Berat, From: d("2026-12-01")},
		}, career.NotEligible, "", []string{"transfer.min_years_in_position", "transfer.no_sanction_ahead"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mover()
			e.PositionTMT, e.Sanctions = d(tt.tmt), tt.sanctions
			on := d("2026-04-01")
			dec := check(t, career.TransferRequest{Employee: e, From: dinasA, To: dinasB, On: on})
			var failed []string
			for _, c := range dec.Failed() {
				failed = append(failed, c.Code)
			}
			if dec.Outcome != tt.outcome || dec.NotBefore.String() != tt.notBefore || strings.Join(failed, " ") != strings.Join(tt.failed, " ") {
				t.Errorf("%s not before %q failed %v; want %s %q %v", dec.Outcome, dec.NotBefore, failed, tt.outcome, tt.notBefore, tt.failed)
			}
			if dec.Outcome == career.NotYet {
				at := check(t, career.TransferRequest{Employee: e, From: dinasA, To: dinasB, On: dec.NotBefore})
				if at.Outcome != career.Eligible {
					t.Errorf("on the promised %s: %s, failed %v", dec.NotBefore, at.Outcome, at.Failed())
				}
			}
		})
	}
}

// TestCheckTransferTalent shows the talent grid in the decision when the request places the employee on it
// (PermenPANRB 3/2020), and the outcome unchanged by it.
func TestCheckTransferTalent(t *testing.T) {
	tests := []struct {
		name               string
		kinerja, potensial career.Band
		details            map[string]string // "" for a detail that must be absent
	}{
		{"unknown", 0, 0, map[string]string{"kinerja": "", "talent_box": "", "talent_actions": ""}},
		{"performance only", career.High, 0, map[string]string{"kinerja": "high", "talent_box": ""}},
		{"box 7", career.High, career.Middle, map[string]string{"kinerja": "high", "talent_box": "7", "talent_actions": "retain,rotate,develop"}},
		{"box 1", career.Low, career.Low, map[string]string{"kinerja": "low", "talent_box": "1", "talent_actions": "performance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := check(t, career.TransferRequest{Employee: mover(), From: dinasA, To: kotaBL, On: d("2023-01-01"),
				Kinerja: tt.kinerja, Potensial: tt.potensial})
			if dec.Outcome != career.Eligible {
				t.Errorf("outcome %s, want eligible whatever the grid says", dec.Outcome)
			}
			for k, want := range tt.details {
				if got, ok := dec.Details[k]; got != want || ok != (want != "") {
					t.Errorf("detail %s = %q (present %v), want %q", k, got, ok, want)
				}
			}
		})
	}
	for _, bad := range []career.TransferRequest{
		{Employee: mover(), From: dinasA, To: kotaBL, On: d("2023-01-01"), Kinerja: 4},
		{Employee: mover(), From: dinasA, To: kotaBL, On: d("2023-01-01"), Potensial: -1},
	} {
		if _, err := career.NewNational().CheckTransfer(context.Background(), bad); career.ErrorCode(err) != career.Invalid {
			t.Errorf("bands %d/%d: error %v, want invalid", bad.Kinerja, bad.Potensial, err)
		}
	}
}
