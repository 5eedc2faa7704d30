package career

import "strings"

// PositionKind is the kind of position (jenis jabatan) under UU 20/2023 on the ASN.
type PositionKind int

// Position kinds. JPT (jabatan pimpinan tinggi), administrator and pengawas are managerial; fungsional and
// pelaksana are not.
const (
	JPTUtama PositionKind = iota + 1
	JPTMadya
	JPTPratama
	Administrator
	Pengawas
	Fungsional
	Pelaksana
)

var kindNames = [...]string{"", "jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana"}

func (k PositionKind) String() string {
	if k < JPTUtama || k > Pelaksana {
		return ""
	}
	return kindNames[k]
}

// Managerial reports whether the kind is a managerial position (JPT, administrator, pengawas).
func (k PositionKind) Managerial() bool { return k >= JPTUtama && k <= Pengawas }

// Rank orders managerial kinds by seniority: JPT utama 5 … pengawas 1; non-managerial kinds rank 0.
func (k PositionKind) Rank() int {
	if !k.Managerial() {
		return 0
	}
	return int(Pengawas-k) + 1
}

// kindCeilings is the highest grade of each managerial kind; see HighestGrade.
var kindCeilings = [...]Grade{JPTUtama: IVE, JPTMadya: IVE, JPTPratama: IVD, Administrator: IVB, Pengawas: IIID}

// HighestGrade returns the highest grade (pangkat tertinggi) a structural promotion may reach in a position of kind
// k, and 0 (no valid grade) for a non-structural kind (fungsional, pelaksana) or an unknown one.
//
// PP 100/2000 jo PP 13/2002 (Lampiran) gives every eselon its lowest and highest pangkat; as published in public
// summaries of the lampiran: I.a IV/d–IV/e, I.b IV/c–IV/e, II.a IV/c–IV/d, II.b IV/b–IV/c, III.a IV/a–IV/b, III.b
// III/d–IV/a, IV.a III/c–III/d, IV.b III/b–III/c, V.a III/a–III/b (not checked against the official text). The
// kinds of UU 20/2023 stand for the old eselons: JPT utama for eselon I.a, JPT madya for I.a/I.b, JPT pratama for
// II.a/II.b, administrator for III.a/III.b, pengawas for IV.a/IV.b. A kind does not tell the sub-eselon (a or b), so
// the ceiling of a kind is the highest of its eselons: JPT utama and madya IV/e, JPT pratama IV/d, administrator
// IV/b, pengawas III/d.
func (k PositionKind) HighestGrade() Grade {
	if !k.Managerial() {
		return 0
	}
	return kindCeilings[k]
}

// ParsePositionKind parses a kind by its code ("administrator", "jpt_pratama", "JPT Pratama", "fungsional").
func ParsePositionKind(s string) (PositionKind, error) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), "_"))
	for k := JPTUtama; k <= Pelaksana; k++ {
		if kindNames[k] == t {
			return k, nil
		}
	}
	return 0, Newf(Invalid, "position_kind", "%q bukan jenis jabatan (jpt_utama, jpt_madya, jpt_pratama, administrator, pengawas, fungsional, pelaksana)",
		"%q is not a position kind (jpt_utama, jpt_madya, jpt_pratama, administrator, pengawas, fungsional, pelaksana)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k PositionKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *PositionKind) UnmarshalText(b []byte) error {
	v, err := ParsePositionKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Level is the level (jenjang) of a functional position (jabatan fungsional, PermenPANRB 1/2023): the skill
// track (keterampilan: pemula, terampil, mahir, penyelia) or the expert track (keahlian: ahli pertama, muda, madya, utama).
type Level int

// Functional levels.
const (
	Pemula Level = iota + 1
	Terampil
	Mahir
	Penyelia
	AhliPertama
	AhliMuda
	AhliMadya
	AhliUtama
)

var levelNames = [...]string{"", "pemula", "terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"}

func (l Level) String() string {
	if l < Pemula || l > AhliUtama {
		return ""
	}
	return levelNames[l]
}

// Expert reports whether l is on the expert (keahlian) track.
func (l Level) Expert() bool { return l >= AhliPertama && l <= AhliUtama }

// ParseLevel parses a level by its code ("ahli_muda", "Ahli Muda", "terampil").
func ParseLevel(s string) (Level, error) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), "_"))
	for l := Pemula; l <= AhliUtama; l++ {
		if levelNames[l] == t {
			return l, nil
		}
	}
	return 0, Newf(Invalid, "level", "%q bukan jenjang jabatan fungsional (pemula, terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya, ahli_utama)",
		"%q is not a functional level (pemula, terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya, ahli_utama)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; the empty text is the zero Level.
func (l *Level) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*l = 0
		return nil
	}
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Position is a position (jabatan) an employee holds.
type Position struct {
	Title string       // "Analis Kebijakan Ahli Muda", "Kepala Seksi Pelayanan"
	Kind  PositionKind // the kind under UU 20/2023
	Level Level        // the functional level, for Kind == Fungsional
	// Field is the job field or profession (rumpun jabatan): "kesehatan", "keuangan", "pendidikan", "dokter". Region
	// policies match training to it, and mentors to mentees of the same profession.
	Field string
	// Service reports a public-service post (a unit that serves the public directly), to which a community
	// satisfaction index (IKM) applies.
	Service bool
	// LowestGrade is the lowest grade the position requires; structural promotion uses it (PP 99/2000 Pasal 9).
	LowestGrade Grade
}

// Validate reports whether the position is complete.
func (p Position) Validate() error {
	if strings.TrimSpace(p.Title) == "" {
		return Newf(Invalid, "position.title", "nama jabatan wajib diisi", "the position title is required")
	}
	if p.Kind < JPTUtama || p.Kind > Pelaksana {
		return Newf(Invalid, "position.kind", "jenis jabatan wajib diisi", "the position kind is required")
	}
	if p.Kind == Fungsional && p.Level == 0 {
		return Newf(Invalid, "position.level", "jabatan fungsional wajib mencantumkan jenjangnya (misalnya ahli_muda)",
			"a functional position needs its level (e.g. ahli_muda)")
	}
	if p.Kind != Fungsional && p.Level != 0 {
		return Newf(Invalid, "position.level", "hanya jabatan fungsional yang memiliki jenjang",
			"only a functional position has a level")
	}
	return nil
}
