package career_test

import (
	"slices"
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

func TestBox(t *testing.T) {
	// PermenPANRB 3/2020, DESIGN §3.8: every cell of the grid and its actions.
	tests := []struct {
		kinerja, potensial career.Band
		box                career.TalentBox
		actions            []career.Action
	}{
		{career.High, career.High, 9, []career.Action{career.ActPromote, career.ActRetain}},
		{career.Middle, career.High, 8, []career.Action{career.ActRetain, career.ActRotate, career.ActCoach}},
		{career.High, career.Middle, 7, []career.Action{career.ActRetain, career.ActRotate, career.ActDevelop}},
		{career.Low, career.High, 6, []career.Action{career.ActPlace, career.ActCoach, career.ActCounsel}},
		{career.Middle, career.Middle, 5, []career.Action{career.ActPlace, career.ActCoach, career.ActDevelop}},
		{career.High, career.Low, 4, []career.Action{career.ActRotate, career.ActDevelop}},
		{career.Low, career.Middle, 3, []career.Action{career.ActCoach, career.ActCounsel, career.ActDevelop, career.ActPlace}},
		{career.Middle, career.Low, 2, []career.Action{career.ActCoach, career.ActDevelop, career.ActPlace}},
		{career.Low, career.Low, 1, []career.Action{career.ActPerformance}},
	}
	for _, tt := range tests {
		t.Run(tt.box.String(), func(t *testing.T) {
			got, err := career.Box(tt.kinerja, tt.potensial)
			if err != nil || got != tt.box {
				t.Fatalf("Box(%s, %s) = %v, %v; want %v", tt.kinerja, tt.potensial, got, err, tt.box)
			}
			if got.Kinerja() != tt.kinerja || got.Potensial() != tt.potensial {
				t.Errorf("%v reads back as (%s, %s)", got, got.Kinerja(), got.Potensial())
			}
			if !slices.Equal(got.Actions(), tt.actions) {
				t.Errorf("Actions = %v, want %v", got.Actions(), tt.actions)
			}
			if want := tt.box >= 7; got.Succession() != want {
				t.Errorf("Succession = %v, want %v", got.Succession(), want)
			}
		})
	}
	for _, b := range []career.TalentBox{0, 10, -1} {
		if b.Succession() || b.Actions() != nil || b.Kinerja() != 0 || b.Potensial() != 0 {
			t.Errorf("box %d is treated as a real box", int(b))
		}
	}
}

func TestBoxInvalid(t *testing.T) {
	tests := []struct {
		kinerja, potensial career.Band
		field              string
	}{
		{0, career.High, "kinerja"},
		{4, career.High, "kinerja"},
		{career.High, 0, "potensial"},
		{career.Low, 4, "potensial"},
	}
	for _, tt := range tests {
		box, err := career.Box(tt.kinerja, tt.potensial)
		if box != 0 || career.ErrorCode(err) != career.Invalid || career.ErrorField(err) != tt.field {
			t.Errorf("Box(%d, %d) = %v, %v; want invalid %s", tt.kinerja, tt.potensial, box, err, tt.field)
		}
	}
}

func TestPotentialBand(t *testing.T) {
	tests := map[float64]career.Band{0: career.Low, 59.99: career.Low, 60: career.Middle, 79.99: career.Middle, 80: career.High, 100: career.High}
	for score, want := range tests {
		if got := career.PotentialBand(score); got != want {
			t.Errorf("PotentialBand(%v) = %s, want %s", score, got, want)
		}
	}
}
