package career

import "strings"

// Education is the highest education level an employee has been recognised for (pendidikan terakhir).
type Education int

// Education levels, lowest first. Dokter and Apoteker are professional degrees ranked with S2 for the
// promotion ceiling.
const (
	SD Education = iota + 1
	SLTP
	SLTPKejuruan
	SLTA
	D1
	D2
	D3
	D4
	S1
	S2
	Dokter
	Apoteker
	S3
)

var educationNames = [...]string{"", "SD", "SLTP", "SLTP Kejuruan", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S1", "S2", "Dokter", "Apoteker", "S3"}

// Educations returns every level, lowest first.
func Educations() []Education {
	e := make([]Education, 0, len(educationNames)-1)
	for i := SD; i <= S3; i++ {
		e = append(e, i)
	}
	return e
}

func (e Education) String() string {
	if e < SD || e > S3 {
		return ""
	}
	return educationNames[e]
}

// Valid reports whether e is a known level.
func (e Education) Valid() bool { return e >= SD && e <= S3 }

// Ceiling returns the highest grade a PNS with this education reaches by regular promotion
// (PP 99/2000 jo PP 12/2002, Pasal 4): SD II/a; SLTP II/c; SLTP kejuruan II/d; SLTA and D-I III/b; D-II III/b;
// D-III III/c; S1 and D-IV III/d; S2, dokter and apoteker IV/a; S3 IV/b.
func (e Education) Ceiling() Grade {
	switch e {
	case SD:
		return IIA
	case SLTP:
		return IIC
	case SLTPKejuruan:
		return IID
	case SLTA, D1, D2:
		return IIIB
	case D3:
		return IIIC
	case S1, D4:
		return IIID
	case S2, Dokter, Apoteker:
		return IVA
	case S3:
		return IVB
	}
	return 0
}

// AtLeastBachelor reports whether e is S1/D-IV or higher, the floor for JPT candidates (UU 20/2023, PP 11/2017 Pasal 107).
func (e Education) AtLeastBachelor() bool { return e >= D4 }

// ParseEducation parses the names SIMPEG and SIASN exports use, in any case and with or without separators:
// "SD", "SMP"/"SLTP", "SLTP Kejuruan", "SMA"/"SMK"/"SLTA", "D1"/"D-I"/"D I", "D2", "D3"/"D-III"/"D III", "D4"/"D-IV",
// "S1"/"S-1", "S2", "S3", "dokter", "apoteker".
func ParseEducation(s string) (Education, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(strings.NewReplacer("-", "", ".", "", "/", "").Replace(s)), ""))
	switch t {
	case "SD", "SR":
		return SD, nil
	case "SLTP", "SMP", "MTS":
		return SLTP, nil
	case "SLTPKEJURUAN", "SLTPK":
		return SLTPKejuruan, nil
	case "SLTA", "SMA", "SMK", "MA", "SMU", "STM":
		return SLTA, nil
	case "D1", "DI":
		return D1, nil
	case "D2", "DII":
		return D2, nil
	case "D3", "DIII":
		return D3, nil
	case "D4", "DIV":
		return D4, nil
	case "S1", "SARJANA":
		return S1, nil
	case "S2", "MAGISTER":
		return S2, nil
	case "DOKTER", "PROFESIDOKTER":
		return Dokter, nil
	case "DR":
		// "dr." is a physician (dokter, ceiling IV/a) and "Dr." a doctorate (S3, ceiling IV/b): case does not tell
		// them apart reliably in an export, and guessing would move a ceiling.
		return 0, Newf(Invalid, "education", "%q bermakna ganda: tulis \"dokter\" (dr., profesi dokter) atau \"S3\" (Dr., doktor)",
			"%q is ambiguous: write \"dokter\" (dr., a physician) or \"S3\" (Dr., a doctorate)", s)
	case "APOTEKER":
		return Apoteker, nil
	case "S3", "DOKTOR":
		return S3, nil
	}
	return 0, Newf(Invalid, "education", "%q bukan jenjang pendidikan yang dikenal (SD, SLTP, SLTA, D-I..D-IV, S1, S2, S3, dokter, apoteker)",
		"%q is not a known education level (SD, SLTP, SLTA, D-I..D-IV, S1, S2, S3, dokter, apoteker)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (e Education) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseEducation.
func (e *Education) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*e = 0
		return nil
	}
	v, err := ParseEducation(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}
