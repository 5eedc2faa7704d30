package evaluation_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
)

func TestPredicateOf(t *testing.T) {
	// PermenPANRB 6/2022 Lampiran, DESIGN §3.4: rows hasil kerja, columns perilaku kerja.
	tests := []struct {
		hasil, perilaku evaluation.Rating
		want            evaluation.Predicate
		misconduct      bool
	}{
		{evaluation.DiAtas, evaluation.DiBawah, evaluation.Kurang, true},
		{evaluation.DiAtas, evaluation.Sesuai, evaluation.Baik, false},
		{evaluation.DiAtas, evaluation.DiAtas, evaluation.SangatBaik, false},
		{evaluation.Sesuai, evaluation.DiBawah, evaluation.Kurang, true},
		{evaluation.Sesuai, evaluation.Sesuai, evaluation.Baik, false},
		{evaluation.Sesuai, evaluation.DiAtas, evaluation.Baik, false},
		{evaluation.DiBawah, evaluation.DiBawah, evaluation.SangatKurang, false},
		{evaluation.DiBawah, evaluation.Sesuai, evaluation.ButuhPerbaikan, false},
		{evaluation.DiBawah, evaluation.DiAtas, evaluation.ButuhPerbaikan, false},
	}
	for _, tt := range tests {
		t.Run(tt.hasil.String()+"×"+tt.perilaku.String(), func(t *testing.T) {
			got, err := evaluation.PredicateOf(tt.hasil, tt.perilaku)
			if err != nil || got != tt.want {
				t.Errorf("PredicateOf = %v, %v; want %v", got, err, tt.want)
			}
			if m := evaluation.Misconduct(tt.hasil, tt.perilaku); m != tt.misconduct {
				t.Errorf("Misconduct = %v, want %v", m, tt.misconduct)
			}
		})
	}
	invalid := []struct {
		hasil, perilaku evaluation.Rating
		field           string
	}{
		{0, evaluation.Sesuai, "hasil_kerja"},
		{4, evaluation.Sesuai, "hasil_kerja"},
		{evaluation.Sesuai, 0, "perilaku_kerja"},
		{evaluation.Sesuai, -1, "perilaku_kerja"},
		{0, 0, "hasil_kerja"},
	}
	for _, tt := range invalid {
		p, err := evaluation.PredicateOf(tt.hasil, tt.perilaku)
		if p != 0 || career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
			t.Errorf("PredicateOf(%d, %d) = %v, %v; want invalid %s", tt.hasil, tt.perilaku, p, err, tt.field)
		}
	}
}

func TestParseRating(t *testing.T) {
	tests := map[string]evaluation.Rating{
		"di_bawah": evaluation.DiBawah, "Di Bawah Ekspektasi": evaluation.DiBawah, "dibawah": evaluation.DiBawah, "below": evaluation.DiBawah,
		"below expectations": evaluation.DiBawah, "1": evaluation.DiBawah,
		"sesuai": evaluation.Sesuai, "SESUAI EKSPEKTASI": evaluation.Sesuai, "meets": evaluation.Sesuai, "meets expectations": evaluation.Sesuai, "2": evaluation.Sesuai,
		"di_atas": evaluation.DiAtas, "di  atas": evaluation.DiAtas, "diatas": evaluation.DiAtas, "above": evaluation.DiAtas, "exceeds": evaluation.DiAtas, "3": evaluation.DiAtas,
	}
	for in, want := range tests {
		if got, err := evaluation.ParseRating(in); err != nil || got != want {
			t.Errorf("ParseRating(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "4", "baik", "ekspektasi", "di"} {
		if _, err := evaluation.ParseRating(in); career.ErrorField(err) != "rating" {
			t.Errorf("ParseRating(%q) error = %v, want invalid rating", in, err)
		}
	}
	for r := evaluation.DiBawah; r <= evaluation.DiAtas; r++ {
		b, _ := json.Marshal(r)
		var back evaluation.Rating
		if err := json.Unmarshal(b, &back); err != nil || back != r || r.Name().ID == "" || r.Band() != career.Band(r) {
			t.Errorf("rating %v: round trip %v, %v; name %v", r, back, err, r.Name())
		}
	}
	if evaluation.DiAtas.Up() != evaluation.DiAtas || evaluation.Sesuai.Up() != evaluation.DiAtas ||
		evaluation.DiBawah.Down() != evaluation.DiBawah || evaluation.Sesuai.Down() != evaluation.DiBawah {
		t.Error("Up/Down do not step and cap")
	}
}

func TestParsePredicate(t *testing.T) {
	names := []struct {
		p            evaluation.Predicate
		code, id, en string
		percent      float64
	}{
		{evaluation.SangatBaik, "sangat_baik", "Sangat Baik", "Very good", 150},
		{evaluation.Baik, "baik", "Baik", "Good", 100},
		{evaluation.ButuhPerbaikan, "butuh_perbaikan", "Butuh Perbaikan", "Needs improvement", 75},
		{evaluation.Kurang, "kurang", "Kurang", "Poor", 50},
		{evaluation.SangatKurang, "sangat_kurang", "Sangat Kurang", "Very poor", 25},
	}
	for i, tt := range names {
		if evaluation.Predicates()[i] != tt.p {
			t.Errorf("Predicates()[%d] = %v, want %v (best first)", i, evaluation.Predicates()[i], tt.p)
		}
		if tt.p.String() != tt.code || tt.p.Name().ID != tt.id || tt.p.Name().EN != tt.en || tt.p.Percent() != tt.percent {
			t.Errorf("%v: %q %v %v", tt.p, tt.p.String(), tt.p.Name(), tt.p.Percent())
		}
		for _, in := range []string{tt.code, tt.id, tt.en, "  " + tt.id + " "} {
			if got, err := evaluation.ParsePredicate(in); err != nil || got != tt.p {
				t.Errorf("ParsePredicate(%q) = %v, %v; want %v", in, got, err, tt.p)
			}
		}
		var back evaluation.Predicate
		b, _ := json.Marshal(tt.p)
		if err := json.Unmarshal(b, &back); err != nil || back != tt.p {
			t.Errorf("round trip %s = %v, %v", b, back, err)
		}
	}
	for _, in := range []string{"", "cukup", "sangat", "B", "excellent"} {
		if _, err := evaluation.ParsePredicate(in); career.ErrorField(err) != "predicate" {
			t.Errorf("ParsePredicate(%q) error = %v", in, err)
		}
	}
	if !evaluation.SangatBaik.AtLeast(evaluation.Baik) || !evaluation.Baik.AtLeast(evaluation.Baik) || evaluation.ButuhPerbaikan.AtLeast(evaluation.Baik) || evaluation.Predicate(0).AtLeast(0) {
		t.Error("AtLeast misorders predicates")
	}
	if evaluation.Predicate(0).Percent() != 0 || evaluation.Predicate(6).String() != "" {
		t.Error("an unknown predicate has a percent or a code")
	}
}

func TestCreditPoints(t *testing.T) {
	// PermenPANRB 1/2023: percent of the predicate × the level's yearly coefficient.
	coefficient := map[career.Level]float64{
		career.Terampil: 5, career.Mahir: 12.5, career.Penyelia: 25,
		career.AhliPertama: 12.5, career.AhliMuda: 25, career.AhliMadya: 37.5, career.AhliUtama: 50,
	}
	percent := map[evaluation.Predicate]float64{
		evaluation.SangatBaik: 1.5, evaluation.Baik: 1, evaluation.ButuhPerbaikan: 0.75, evaluation.Kurang: 0.5, evaluation.SangatKurang: 0.25,
	}
	for l, c := range coefficient {
		if evaluation.Coefficient(l) != c {
			t.Errorf("Coefficient(%v) = %v, want %v", l, evaluation.Coefficient(l), c)
		}
		for p, pct := range percent {
			got, err := evaluation.CreditPoints(p, l, 12)
			if err != nil || got != c*pct {
				t.Errorf("CreditPoints(%v, %v, 12) = %v, %v; want %v", p, l, got, err, c*pct)
			}
		}
	}
	spot := []struct {
		p      evaluation.Predicate
		l      career.Level
		months int
		want   float64
	}{
		{evaluation.Baik, career.AhliMuda, 12, 25},
		{evaluation.SangatBaik, career.AhliPertama, 12, 18.75},
		{evaluation.SangatBaik, career.AhliUtama, 12, 75},
		{evaluation.Baik, career.AhliMuda, 3, 6.25},
		{evaluation.Baik, career.AhliMuda, 6, 12.5},
		{evaluation.ButuhPerbaikan, career.Terampil, 1, 0.3125},
	}
	for _, tt := range spot {
		got, err := evaluation.CreditPoints(tt.p, tt.l, tt.months)
		if err != nil || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("CreditPoints(%v, %v, %d) = %v, %v; want %v", tt.p, tt.l, tt.months, got, err, tt.want)
		}
	}
	bad := []struct {
		p      evaluation.Predicate
		l      career.Level
		months int
		field  string
	}{
		{0, career.AhliMuda, 12, "predicate"},
		{evaluation.Baik, career.Pemula, 12, "level"},
		{evaluation.Baik, 0, 12, "level"},
		{evaluation.Baik, career.AhliMuda, 0, "months"},
		{evaluation.Baik, career.AhliMuda, 13, "months"},
	}
	for _, tt := range bad {
		if _, err := evaluation.CreditPoints(tt.p, tt.l, tt.months); career.ErrorField(err) != tt.field {
			t.Errorf("CreditPoints(%v, %v, %d) error = %v, want field %s", tt.p, tt.l, tt.months, err, tt.field)
		}
	}
}
