package evaluation

import (
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

// Rating is a rating against expectations (ekspektasi), for results or for behaviour (PermenPANRB 6/2022).
type Rating int

// Ratings, lowest first.
const (
	DiBawah Rating = iota + 1 // di bawah ekspektasi: below expectations
	Sesuai                    // sesuai ekspektasi: meets expectations
	DiAtas                    // di atas ekspektasi: above expectations
)

var ratingCodes = [...]string{"", "di_bawah", "sesuai", "di_atas"}
var ratingNames = [...]career.Message{{}, {ID: "Di Bawah Ekspektasi", EN: "Below expectations"}, {ID: "Sesuai Ekspektasi", EN: "Meets expectations"}, {ID: "Di Atas Ekspektasi", EN: "Above expectations"}}

// Valid reports whether r is one of the three ratings.
func (r Rating) Valid() bool { return r >= DiBawah && r <= DiAtas }

// String returns the code: "di_bawah", "sesuai", "di_atas".
func (r Rating) String() string {
	if !r.Valid() {
		return ""
	}
	return ratingCodes[r]
}

// Name returns the rating's name in Indonesian and English.
func (r Rating) Name() career.Message {
	if !r.Valid() {
		return career.Message{}
	}
	return ratingNames[r]
}

// Band returns the rating as a talent-grid band (Di bawah → Low, Sesuai → Middle, Di atas → High).
func (r Rating) Band() career.Band { return career.Band(r) }

// Up returns the rating one step higher, capped at DiAtas; Down one step lower, capped at DiBawah.
func (r Rating) Up() Rating   { return min(r+1, DiAtas) }
func (r Rating) Down() Rating { return max(r-1, DiBawah) }

// ParseRating parses "di_bawah", "di bawah ekspektasi", "dibawah", "below", "sesuai", "meets", "di_atas", "above"
// (any case).
func ParseRating(s string) (Rating, error) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	t = strings.TrimSuffix(t, " ekspektasi")
	t = strings.TrimSuffix(t, " expectations")
	switch t {
	case "di bawah", "dibawah", "below", "1":
		return DiBawah, nil
	case "sesuai", "meets", "meet", "2":
		return Sesuai, nil
	case "di atas", "diatas", "above", "exceeds", "3":
		return DiAtas, nil
	}
	return 0, career.Newf(career.Invalid, "rating", "%q bukan nilai penilaian (di_bawah, sesuai, di_atas)",
		"%q is not a rating (di_bawah, sesuai, di_atas)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (r Rating) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Rating) UnmarshalText(b []byte) error {
	v, err := ParseRating(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Predicate is a performance predicate (predikat kinerja pegawai), PermenPANRB 6/2022. Higher is better.
type Predicate int

// Predicates, worst first.
const (
	SangatKurang   Predicate = iota + 1 // very poor
	Kurang                              // poor (also: misconduct — behaviour below expectations)
	ButuhPerbaikan                      // needs improvement
	Baik                                // good
	SangatBaik                          // very good
)

var predicateCodes = [...]string{"", "sangat_kurang", "kurang", "butuh_perbaikan", "baik", "sangat_baik"}
var predicateNames = [...]career.Message{{},
	{ID: "Sangat Kurang", EN: "Very poor"}, {ID: "Kurang", EN: "Poor"}, {ID: "Butuh Perbaikan", EN: "Needs improvement"},
	{ID: "Baik", EN: "Good"}, {ID: "Sangat Baik", EN: "Very good"}}

// Predicates returns the five predicates, best first.
func Predicates() []Predicate {
	return []Predicate{SangatBaik, Baik, ButuhPerbaikan, Kurang, SangatKurang}
}

// Valid reports whether p is one of the five predicates.
func (p Predicate) Valid() bool { return p >= SangatKurang && p <= SangatBaik }

// AtLeast reports whether p is q or better.
func (p Predicate) AtLeast(q Predicate) bool { return p.Valid() && p >= q }

// String returns the code: "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang".
func (p Predicate) String() string {
	if !p.Valid() {
		return ""
	}
	return predicateCodes[p]
}

// Name returns the predicate's name in Indonesian and English.
func (p Predicate) Name() career.Message {
	if !p.Valid() {
		return career.Message{}
	}
	return predicateNames[p]
}

// ParsePredicate parses a predicate code or name ("baik", "Sangat Baik", "butuh_perbaikan", "very good").
func ParsePredicate(s string) (Predicate, error) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), "_"))
	for p := SangatKurang; p <= SangatBaik; p++ {
		if predicateCodes[p] == t || strings.ReplaceAll(strings.ToLower(predicateNames[p].EN), " ", "_") == t {
			return p, nil
		}
	}
	return 0, career.Newf(career.Invalid, "predicate", "%q bukan predikat kinerja (sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)",
		"%q is not a predicate (sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (p Predicate) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Predicate) UnmarshalText(b []byte) error {
	v, err := ParsePredicate(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// PredicateOf returns the predicate for a results rating (hasil kerja) and a behaviour rating (perilaku kerja) by
// the matrix of PermenPANRB 6/2022, Lampiran:
//
//	hasil \ perilaku   Di Bawah        Sesuai            Di Atas
//	Di Atas            Kurang*         Baik              Sangat Baik
//	Sesuai             Kurang*         Baik              Baik
//	Di Bawah           Sangat Kurang   Butuh Perbaikan   Butuh Perbaikan
//
// (*) behaviour below expectations with results at or above them is misconduct (kurang/misconduct).
func PredicateOf(hasil, perilaku Rating) (Predicate, error) {
	if !hasil.Valid() {
		return 0, career.Newf(career.Invalid, "hasil_kerja", "penilaian hasil kerja belum ada atau bukan salah satu dari di_bawah, sesuai, di_atas",
			"the results rating is missing or not one of di_bawah, sesuai, di_atas")
	}
	if !perilaku.Valid() {
		return 0, career.Newf(career.Invalid, "perilaku_kerja", "penilaian perilaku kerja belum ada atau bukan salah satu dari di_bawah, sesuai, di_atas",
			"the behaviour rating is missing or not one of di_bawah, sesuai, di_atas")
	}
	return matrix[hasil-1][perilaku-1], nil
}

var matrix = [3][3]Predicate{
	{SangatKurang, ButuhPerbaikan, ButuhPerbaikan}, // hasil di bawah
	{Kurang, Baik, Baik},                           // hasil sesuai
	{Kurang, Baik, SangatBaik},                     // hasil di atas
}

// Misconduct reports whether the pair is the matrix's misconduct cell: behaviour below expectations while results
// meet or exceed them.
func Misconduct(hasil, perilaku Rating) bool { return perilaku == DiBawah && hasil >= Sesuai }
