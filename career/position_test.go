package career_test

import (
	"testing"

	"github.com/jenjang-asn/jenjang/career"
)

// TestHighestGrade checks the ceiling of every kind (PP 100/2000 jo PP 13/2002 Lampiran, the higher eselon of each
// kind), and that non-structural and unknown kinds have none.
func TestHighestGrade(t *testing.T) {
	tests := []struct {
		kind career.PositionKind
		want career.Grade
	}{
		{career.JPTUtama, career.IVE},      // eselon I.a: IV/d–IV/e
		{career.JPTMadya, career.IVE},      // eselon I.a/I.b: up to IV/e
		{career.JPTPratama, career.IVD},    // eselon II.a: IV/c–IV/d (II.b: IV/b–IV/c)
		{career.Administrator, career.IVB}, // eselon III.a: IV/a–IV/b (III.b: III/d–IV/a)
		{career.Pengawas, career.IIID},     // eselon IV.a: up to III/d (IV.b: up to III/c)
		{career.Fungsional, 0},
		{career.Pelaksana, 0},
		{0, 0},
		{career.Pelaksana + 1, 0},
		{-1, 0},
	}
	for _, tt := range tests {
		got := tt.kind.HighestGrade()
		if got != tt.want {
			t.Errorf("%d (%q).HighestGrade() = %v, want %v", tt.kind, tt.kind, got, tt.want)
		}
		if got.Valid() != tt.kind.Managerial() {
			t.Errorf("%q: HighestGrade valid = %v, but Managerial = %v", tt.kind, got.Valid(), tt.kind.Managerial())
		}
	}
	// More senior kinds never have a lower ceiling.
	for k := career.JPTUtama; k < career.Pengawas; k++ {
		if k.HighestGrade() < (k + 1).HighestGrade() {
			t.Errorf("%v ceiling %v is below %v ceiling %v", k, k.HighestGrade(), k+1, (k + 1).HighestGrade())
		}
	}
}
