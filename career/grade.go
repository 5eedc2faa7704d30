package career

import (
	"strings"
)

// Grade is a PNS grade (pangkat / golongan ruang), I/a (1) to IV/e (17), in order. The zero Grade is "no grade".
// Source: PP 99/2000 jo PP 12/2002 on the rank promotion of PNS.
type Grade int

// The 17 PNS grades, lowest first.
const (
	IA Grade = iota + 1
	IB
	IC
	ID
	IIA
	IIB
	IIC
	IID
	IIIA
	IIIB
	IIIC
	IIID
	IVA
	IVB
	IVC
	IVD
	IVE
)

var gradeNames = [...]string{"",
	"Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I",
	"Pengatur Muda", "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I",
	"Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
	"Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama",
}

var romans = [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"}

// Grades returns the 17 grades, lowest first.
func Grades() []Grade {
	g := make([]Grade, 0, 17)
	for i := IA; i <= IVE; i++ {
		g = append(g, i)
	}
	return g
}

// Valid reports whether g is one of the 17 grades.
func (g Grade) Valid() bool { return g >= IA && g <= IVE }

// Golongan returns the group, 1 (I) to 4 (IV).
func (g Grade) Golongan() int {
	if !g.Valid() {
		return 0
	}
	return min(int(g-1)/4+1, 4) // group IV has five ruang, a to e
}

// Ruang returns the letter within the group, 'a' to 'e'.
func (g Grade) Ruang() byte {
	if !g.Valid() {
		return 0
	}
	return byte('a' + int(g) - 1 - (g.Golongan()-1)*4)
}

// gradeStrings holds the written form of every grade, so that printing one does not allocate.
var gradeStrings = func() [18]string {
	var t [18]string
	for g := IA; g <= IVE; g++ {
		t[g] = romans[g.Golongan()] + "/" + string(g.Ruang())
	}
	return t
}()

// String returns the grade in its usual written form, "III/a".
func (g Grade) String() string {
	if !g.Valid() {
		return ""
	}
	return gradeStrings[g]
}

// Name returns the pangkat name, "Penata Muda" for III/a.
func (g Grade) Name() string {
	if !g.Valid() {
		return ""
	}
	return gradeNames[g]
}

// Next returns the grade one step up; false at IV/e.
func (g Grade) Next() (Grade, bool) {
	if !g.Valid() || g == IVE {
		return 0, false
	}
	return g + 1, true
}

// ParseGrade parses a grade written as "III/a", "III/A", "IIIa", "III-a", "III a", "3/a" or "3a".
func ParseGrade(s string) (Grade, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	t = strings.NewReplacer("/", "", "-", "", ".", "").Replace(t)
	if len(t) < 2 {
		return 0, Newf(Invalid, "grade", "%q bukan golongan ruang yang sah, misalnya III/a",
			"%q is not a grade such as III/a", s)
	}
	letter := t[len(t)-1]
	group := t[:len(t)-1]
	var gol int
	switch group {
	case "I", "1":
		gol = 1
	case "II", "2":
		gol = 2
	case "III", "3":
		gol = 3
	case "IV", "4":
		gol = 4
	default:
		return 0, Newf(Invalid, "grade", "%q bukan golongan ruang yang sah, misalnya III/a: golongan harus I sampai dengan IV",
			"%q is not a grade such as III/a: the group must be I to IV", s)
	}
	maxLetter := byte('D')
	if gol == 4 {
		maxLetter = 'E'
	}
	if letter < 'A' || letter > maxLetter {
		return 0, Newf(Invalid, "grade", "%q bukan golongan ruang yang sah, misalnya III/a: golongan %s memiliki ruang a sampai dengan %c",
			"%q is not a grade such as III/a: group %s has ruang a to %c", s, romans[gol], maxLetter+'a'-'A')
	}
	return Grade((gol-1)*4 + int(letter-'A') + 1), nil
}

// MarshalText implements encoding.TextMarshaler ("III/a").
func (g Grade) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseGrade; the empty text is the zero Grade.
func (g *Grade) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*g = 0
		return nil
	}
	v, err := ParseGrade(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// EmploymentType tells a PNS (civil servant) from a PPPK (government employee on contract, UU 20/2023). PPPK have
// grades I to XVII and no rank promotion.
type EmploymentType int

// Employment types.
const (
	PNS EmploymentType = iota + 1
	PPPK
)

func (t EmploymentType) String() string {
	switch t {
	case PNS:
		return "PNS"
	case PPPK:
		return "PPPK"
	}
	return ""
}

// ParseEmploymentType parses "PNS" or "PPPK" (any case); the empty string is PNS.
func ParseEmploymentType(s string) (EmploymentType, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "PNS", "CPNS":
		return PNS, nil
	case "PPPK", "P3K":
		return PPPK, nil
	}
	return 0, Newf(Invalid, "type", "%q bukan PNS maupun PPPK", "%q is neither PNS nor PPPK", s)
}

// PPPKGrade is a PPPK grade, I (1) to XVII (17) (Perpres 98/2020).
type PPPKGrade int

// Valid reports whether g is one of the 17 PPPK grades.
func (g PPPKGrade) Valid() bool { return g >= 1 && g <= 17 }

// String returns the Roman numeral, "IX".
func (g PPPKGrade) String() string {
	if !g.Valid() {
		return ""
	}
	return romans[g]
}

// ParsePPPKGrade parses "IX" or "9".
func ParsePPPKGrade(s string) (PPPKGrade, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	for i := 1; i <= 17; i++ {
		if t == romans[i] || t == itoa(i) {
			return PPPKGrade(i), nil
		}
	}
	return 0, Newf(Invalid, "grade", "%q bukan golongan PPPK (I sampai dengan XVII)",
		"%q is not a PPPK grade (I to XVII)", s)
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
