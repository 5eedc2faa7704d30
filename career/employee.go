package career

import "strings"

// SanctionLevel is the level of a disciplinary sanction (hukuman disiplin, PP 94/2021).
type SanctionLevel int

// Sanction levels.
const (
	Ringan SanctionLevel = iota + 1 // light
	Sedang                          // medium
	Berat                           // heavy
)

func (l SanctionLevel) String() string {
	switch l {
	case Ringan:
		return "ringan"
	case Sedang:
		return "sedang"
	case Berat:
		return "berat"
	}
	return ""
}

// ParseSanctionLevel parses "ringan", "sedang" or "berat"; the empty string is no sanction (0).
func ParseSanctionLevel(s string) (SanctionLevel, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return 0, nil
	case "ringan", "light":
		return Ringan, nil
	case "sedang", "medium":
		return Sedang, nil
	case "berat", "heavy":
		return Berat, nil
	}
	return 0, Newf(Invalid, "sanction", "%q bukan tingkat hukuman disiplin (ringan, sedang, berat)",
		"%q is not a sanction level (ringan, sedang, berat)", s)
}

// Sanction is a disciplinary sanction with the period it is in force.
type Sanction struct {
	Level SanctionLevel
	From  Date
	Until Date // the last day in force; zero means open-ended
}

// InForce reports whether the sanction is in force on the given date.
func (s Sanction) InForce(on Date) bool {
	if s.Level == 0 || on.Before(s.From) {
		return false
	}
	return s.Until.IsZero() || !on.After(s.Until)
}

// GradeStep is a past grade with its TMT.
type GradeStep struct {
	Grade Grade
	TMT   Date
}

// PositionStep is a past position and the period it was held.
type PositionStep struct {
	Position Position
	From     Date
	Until    Date
}

// Employee is an ASN with the facts the rules need. Grade/GradeTMT and Position/PositionTMT are the current ones;
// the history slices hold the earlier ones, oldest first.
type Employee struct {
	NIP       NIP
	Name      string
	Type      EmploymentType
	Grade     Grade     // PNS grade; zero for PPPK
	PPPKGrade PPPKGrade // PPPK grade; zero for PNS
	GradeTMT  Date      // TMT of the current grade
	Position  Position
	// PositionTMT is the TMT of the current position.
	PositionTMT Date
	Education   Education
	Unit        string // unit kerja: "Dinas Kesehatan"
	Agency      string // instansi: "Pemerintah Kabupaten Lampung Selatan"
	Supervisor  NIP    // the direct superior (pejabat penilai kinerja); zero if none
	// Appointed is the TMT CPNS; when zero, the month encoded in the NIP is used.
	Appointed Date
	Sanctions []Sanction
	// CreditPoints is the cumulative angka kredit of a functional position holder.
	CreditPoints float64

	Grades    []GradeStep
	Positions []PositionStep
}

// Validate checks the employee record as a whole: required fields and consistent dates, judged at on.
func (e Employee) Validate(on Date) error {
	switch {
	case e.NIP.IsZero():
		return Newf(Invalid, "nip", "NIP wajib diisi", "the NIP is required")
	case strings.TrimSpace(e.Name) == "":
		return Newf(Invalid, "name", "nama wajib diisi", "the name is required")
	case e.Type != PNS && e.Type != PPPK:
		return Newf(Invalid, "type", "jenis pegawai harus PNS atau PPPK", "the employment type must be PNS or PPPK")
	case e.Type == PNS && !e.Grade.Valid():
		return Newf(Invalid, "grade", "PNS harus memiliki golongan ruang I/a sampai dengan IV/e",
			"a PNS needs a grade from I/a to IV/e")
	case e.Type == PPPK && !e.PPPKGrade.Valid():
		return Newf(Invalid, "grade", "PPPK harus memiliki golongan I sampai dengan XVII",
			"a PPPK needs a grade from I to XVII")
	case e.GradeTMT.IsZero():
		return Newf(Invalid, "grade_tmt", "TMT golongan terakhir wajib diisi",
			"the TMT of the current grade is required")
	case !e.Education.Valid():
		return Newf(Invalid, "education", "jenjang pendidikan wajib diisi", "the education level is required")
	case e.PositionTMT.IsZero():
		return Newf(Invalid, "position_tmt", "TMT jabatan terakhir wajib diisi",
			"the TMT of the current position is required")
	}
	if err := e.Position.Validate(); err != nil {
		return err
	}
	if !on.IsZero() {
		if e.GradeTMT.After(on) {
			return Newf(Invalid, "grade_tmt", "TMT golongan %s jatuh setelah tanggal %s",
				"the grade TMT %s is after %s", e.GradeTMT, on)
		}
		if e.PositionTMT.After(on) {
			return Newf(Invalid, "position_tmt", "TMT jabatan %s jatuh setelah tanggal %s",
				"the position TMT %s is after %s", e.PositionTMT, on)
		}
	}
	if e.GradeTMT.Before(e.AppointedOn()) {
		return Newf(Invalid, "grade_tmt", "TMT golongan %s mendahului pengangkatan (TMT CPNS %s)",
			"the grade TMT %s is before the appointment (TMT CPNS %s)", e.GradeTMT, e.AppointedOn())
	}
	return nil
}

// AppointedOn returns the TMT CPNS: Appointed, or the month the NIP encodes.
func (e Employee) AppointedOn() Date {
	if !e.Appointed.IsZero() {
		return e.Appointed
	}
	return e.NIP.Appointed()
}

// InGrade returns the time in the current grade on the given date (masa kerja golongan).
func (e Employee) InGrade(on Date) Span { return Between(e.GradeTMT, on) }

// InPosition returns the time in the current position on the given date.
func (e Employee) InPosition(on Date) Span { return Between(e.PositionTMT, on) }

// InService returns the time since the TMT CPNS on the given date.
func (e Employee) InService(on Date) Span { return Between(e.AppointedOn(), on) }

// Age returns the employee's age on the given date.
func (e Employee) Age(on Date) Span { return Between(e.NIP.BirthDate(), on) }

// MonthsAs returns the total whole months, up to on, spent in positions for which match is true: past positions and
// the current one. JPT selection counts time as administrator or ahli madya this way.
func (e Employee) MonthsAs(on Date, match func(Position) bool) int {
	months := 0
	for _, p := range e.Positions {
		if !match(p.Position) {
			continue
		}
		until := p.Until
		if until.IsZero() || until.After(on) {
			until = on
		}
		months += Between(p.From, until).TotalMonths()
	}
	if match(e.Position) {
		months += e.InPosition(on).TotalMonths()
	}
	return months
}

// SanctionInForce returns the heaviest sanction in force on the given date, if any.
func (e Employee) SanctionInForce(on Date) (Sanction, bool) {
	var worst Sanction
	for _, s := range e.Sanctions {
		if s.InForce(on) && s.Level > worst.Level {
			worst = s
		}
	}
	return worst, worst.Level != 0
}

// FirstYear reports whether the employee is in the first year of service on the given date (new staff).
func (e Employee) FirstYear(on Date) bool { return e.InService(on).Years < 1 }

// Years prints a whole number of years the way criteria show a requirement: "4 tahun 0 bulan".
func Years(n int) string { return Span{Years: n}.String() }
