package evaluation

import (
	"github.com/jenjang-asn/jenjang/career"
)

// Percent returns the share of the yearly coefficient a predicate earns as angka kredit (PermenPANRB 1/2023,
// Pasal 29): Sangat Baik 150%, Baik 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%.
func (p Predicate) Percent() float64 {
	switch p {
	case SangatBaik:
		return 150
	case Baik:
		return 100
	case ButuhPerbaikan:
		return 75
	case Kurang:
		return 50
	case SangatKurang:
		return 25
	}
	return 0
}

// Coefficient returns the yearly angka kredit coefficient of a functional level (PermenPANRB 1/2023, Lampiran):
// terampil 5, mahir 12.5, penyelia 25, ahli pertama 12.5, ahli muda 25, ahli madya 37.5, ahli utama 50. Pemula has
// none (it is reached by appointment, not by credit).
func Coefficient(l career.Level) float64 {
	switch l {
	case career.Terampil:
		return 5
	case career.Mahir:
		return 12.5
	case career.Penyelia:
		return 25
	case career.AhliPertama:
		return 12.5
	case career.AhliMuda:
		return 25
	case career.AhliMadya:
		return 37.5
	case career.AhliUtama:
		return 50
	}
	return 0
}

// CreditPoints returns the angka kredit a year with predicate p earns at level l: percent × coefficient
// (PermenPANRB 1/2023). A quarter of a year earns a quarter of it; pass months=12 for a full year.
func CreditPoints(p Predicate, l career.Level, months int) (float64, error) {
	if !p.Valid() {
		return 0, career.Newf(career.Invalid, "predicate", "predikat kinerja wajib ada untuk menghitung angka kredit",
			"a predicate is required to compute angka kredit")
	}
	if Coefficient(l) == 0 {
		return 0, career.Newf(career.Invalid, "level", "jenjang %q tidak memperoleh angka kredit",
			"level %q earns no angka kredit", l)
	}
	if months < 1 || months > 12 {
		return 0, career.Newf(career.Invalid, "months", "jumlah bulan harus 1 sampai dengan 12, bukan %d",
			"months must be 1 to 12, not %d", months)
	}
	return p.Percent() / 100 * Coefficient(l) * float64(months) / 12, nil
}
