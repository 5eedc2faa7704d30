package career

import (
	"fmt"
	"strings"
)

// Place is where a position sits: the agency (instansi) and the regency/city and province it belongs to.
//
// In PP 11/2017 a regional agency (instansi daerah) is a regency's, city's or province's government as a whole;
// its offices (perangkat daerah: a dinas, a badan) are not agencies of their own. Agency may name either, because
// an HR office's data often records the office: two places of one regency or city (or both of one province's own
// government, with no regency) are one agency whatever Agency says. A central agency has no Province.
type Place struct {
	Agency   string
	Regency  string // kabupaten/kota; empty for a provincial or central agency
	Province string
}

// SameAgency reports whether from and to belong to one agency (instansi) in the sense of PP 11/2017: the same
// Agency, or two offices of one regional government (the same province and the same regency or city, or both with
// none: the province's own). A move within one agency is decided by its PPK and is not a move to another agency.
func SameAgency(from, to Place) bool {
	if eq(from.Agency, to.Agency) {
		return true
	}
	if strings.TrimSpace(from.Province) == "" || strings.TrimSpace(to.Province) == "" {
		return false // a central agency: only the same Agency is the same
	}
	return eq(from.Province, to.Province) && eq(from.Regency, to.Regency)
}

// Authority is who decides a transfer (PP 11/2017 Pasal 190–194).
type Authority string

// Transfer authorities.
const (
	AuthorityPPK      Authority = "ppk"        // within one agency: the Pejabat Pembina Kepegawaian
	AuthorityGovernor Authority = "gubernur"   // between regencies/cities of one province
	AuthorityMinister Authority = "mendagri"   // between provinces: the Minister of Home Affairs
	AuthorityBKN      Authority = "kepala_bkn" // between a region and a central agency
)

// TransferRequest asks whether an employee may move to another position or agency.
type TransferRequest struct {
	Employee Employee
	From     Place
	To       Place
	// Personal marks a transfer at the employee's own request (atas permintaan sendiri).
	Personal bool
	On       Date // the date the request is judged at
	// Kinerja and Potensial place the employee on the talent grid when known (0 when not): the performance band
	// of the latest annual predicate and the potential band of the latest assessment. Talent management bases
	// placement, rotation and development on the grid (PermenPANRB 3/2020), so the decision shows the box and its
	// actions; the national rules do not make the outcome depend on them, a region may (Provinsi Wanggar).
	Kinerja   Band
	Potensial Band
}

// Talent returns the employee's box on the talent grid, and false when Kinerja or Potensial is unknown.
func (r TransferRequest) Talent() (TalentBox, bool) {
	b, err := Box(r.Kinerja, r.Potensial)
	return b, err == nil
}

// Validate reports whether the request is complete.
func (r TransferRequest) Validate() error {
	switch {
	case r.Employee.NIP.IsZero():
		return Newf(Invalid, "nip", "NIP pegawai wajib diisi", "the employee's NIP is required")
	case strings.TrimSpace(r.To.Agency) == "":
		return Newf(Invalid, "to.agency", "instansi tujuan wajib diisi", "the destination agency is required")
	case strings.TrimSpace(r.From.Agency) == "":
		return Newf(Invalid, "from.agency", "instansi asal wajib diisi", "the origin agency is required")
	case r.On.IsZero():
		return Newf(Invalid, "on", "tanggal pertimbangan mutasi wajib diisi",
			"the date the transfer is judged at is required")
	case r.Employee.PositionTMT.IsZero():
		return Newf(Invalid, "position_tmt", "TMT jabatan terakhir wajib diisi",
			"the TMT of the current position is required")
	case r.Kinerja < 0 || r.Kinerja > High:
		return Newf(Invalid, "kinerja", "tingkat kinerja harus kosong, low, middle atau high",
			"the performance band must be empty, low, middle or high")
	case r.Potensial < 0 || r.Potensial > High:
		return Newf(Invalid, "potensial", "tingkat potensial harus kosong, low, middle atau high",
			"the potential band must be empty, low, middle or high")
	}
	return nil
}

// TransferRules are the parameters of the transfer check. NationalTransferRules are the baseline; a region may
// tighten them, or allow a transfer between its own agencies earlier (Semarang).
type TransferRules struct {
	MinYearsInPosition int // 2 (PP 11/2017 Pasal 190 ayat 2)
	MaxYearsInPosition int // 5; past it a rotation is recommended (Pasal 190 ayat 2)
	// MinServiceYearsPersonal is the service a PNS needs before asking to move to another agency for personal
	// reasons: 10 years.
	MinServiceYearsPersonal int
	// Source names the rules in criteria.
	Source string
}

// NationalTransferRules returns the national baseline: 2 to 5 years in a position, 10 years of service before a
// personal request to move to another agency (PP 11/2017 Pasal 190).
func NationalTransferRules() TransferRules {
	return TransferRules{MinYearsInPosition: 2, MaxYearsInPosition: 5, MinServiceYearsPersonal: 10, Source: "PP 11/2017 Pasal 190"}
}

// TransferAuthority returns who decides a move from one place to another (PP 11/2017 Pasal 190–194): within one
// agency (SameAgency) its PPK; between regencies or cities of one province, or between one of them and the
// province, the governor; between provinces the Minister of Home Affairs; to or from a central agency the Kepala BKN.
func TransferAuthority(from, to Place) Authority {
	switch {
	case SameAgency(from, to):
		return AuthorityPPK
	case to.Province == "" || from.Province == "":
		return AuthorityBKN
	case eq(from.Province, to.Province):
		return AuthorityGovernor
	default:
		return AuthorityMinister
	}
}

func eq(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// CheckTransfer judges a transfer request against the rules. The decision is Eligible, NotYet (with the date the
// time rules pass) or NotEligible, and its details name the deciding authority and whether a rotation is
// recommended (more than MaxYearsInPosition in the post: from the day after the fifth anniversary), and, when the
// request carries them, the performance band ("kinerja"), the talent box and its actions ("talent_box",
// "talent_actions": PermenPANRB 3/2020). A NotYet date is one on which no sanction already recorded is in force.
func CheckTransfer(r TransferRequest, rules TransferRules) (Decision, error) {
	if err := r.Validate(); err != nil {
		return Decision{}, err
	}
	d := Decision{Kind: "transfer", Subject: r.Employee.NIP.String(), JudgedAt: r.On}
	inPos := r.Employee.InPosition(r.On)
	minPos := r.Employee.PositionTMT.AddYears(rules.MinYearsInPosition)
	var waitUntil Date
	if !d.Add(Criterion{
		Code: "transfer.min_years_in_position", Passed: inPos.AtLeast(rules.MinYearsInPosition, 0),
		Required: Years(rules.MinYearsInPosition), Found: inPos.String(), Source: rules.Source + " ayat 2",
		Text: Message{ID: fmt.Sprintf("Paling singkat %d tahun dalam jabatan", rules.MinYearsInPosition), EN: fmt.Sprintf("At least %d years in the position", rules.MinYearsInPosition)},
	}) {
		waitUntil = minPos
	}
	if r.Personal && !SameAgency(r.From, r.To) { // a move between offices of one government is not "pindah instansi"
		svc := r.Employee.InService(r.On)
		if !d.Add(Criterion{
			Code: "transfer.min_service_personal", Passed: svc.AtLeast(rules.MinServiceYearsPersonal, 0),
			Required: Years(rules.MinServiceYearsPersonal), Found: svc.String(), Source: "PP 11/2017 Pasal 190 ayat 3",
			Text: Message{ID: fmt.Sprintf("Pindah instansi atas permintaan sendiri setelah %d tahun masa kerja", rules.MinServiceYearsPersonal), EN: fmt.Sprintf("A personal request to move to another agency needs %d years of service", rules.MinServiceYearsPersonal)},
		}) {
			if w := r.Employee.AppointedOn().AddYears(rules.MinServiceYearsPersonal); w.After(waitUntil) {
				waitUntil = w
			}
		}
	}
	// The sanction rule is applied to every request, so the decision lists it whether it passes or not (DESIGN §3.9).
	sanction := Criterion{Code: "transfer.no_sanction", Passed: true, Required: "tidak sedang menjalani hukuman disiplin", Found: "tidak ada",
		Source: "PP 94/2021", Text: Message{ID: "Tidak sedang menjalani hukuman disiplin", EN: "No disciplinary sanction in force"}}
	blocked := false // an open-ended sanction: no date to promise
	if s, ok := r.Employee.SanctionInForce(r.On); ok {
		sanction.Passed, sanction.Found = false, "hukuman disiplin "+s.Level.String()
		if s.Until.IsZero() {
			blocked = true
		} else if w := s.Until.AddDays(1); w.After(waitUntil) {
			waitUntil = w
		}
	}
	d.Add(sanction)
	// Past MaxYearsInPosition, not at it: "at most 5 years" still holds on the fifth anniversary (Pasal 190 ayat 2).
	rotation := r.On.After(r.Employee.PositionTMT.AddYears(rules.MaxYearsInPosition))
	d.Set("authority", string(TransferAuthority(r.From, r.To)))
	d.Set("rotation_recommended", fmt.Sprint(rotation))
	if r.Kinerja != 0 {
		d.Set("kinerja", r.Kinerja.String())
	}
	if box, ok := r.Talent(); ok {
		d.Set("talent_box", fmt.Sprint(int(box)))
		d.Set("talent_actions", joinActions(box.Actions()))
	}
	switch {
	case blocked:
		d.Outcome = NotEligible
	case d.AllPassed():
		d.Outcome = Eligible
	default:
		d.Outcome = NotYet
		// A sanction already recorded may be in force on the date the other rules pass (another one than the heaviest
		// in force today, or one starting later): the promised date is past it. Each step passes one sanction's end.
		for range len(r.Employee.Sanctions) {
			s, ok := r.Employee.SanctionInForce(waitUntil)
			if !ok {
				break
			}
			if s.Until.IsZero() {
				d.Add(Criterion{Code: "transfer.no_sanction_ahead", Passed: false, Required: "tidak ada hukuman disiplin tanpa batas yang akan berlaku",
					Found: "hukuman disiplin " + s.Level.String() + " mulai " + s.From.String(), Source: "PP 94/2021",
					Text: Message{ID: "Hukuman disiplin tanpa batas akhir berlaku sebelum syarat waktu terpenuhi", EN: "An open-ended sanction is in force when the time rules pass"}})
				d.Outcome, waitUntil = NotEligible, Date{}
				break
			}
			waitUntil = s.Until.AddDays(1)
		}
		d.NotBefore = waitUntil
	}
	return d, nil
}

// joinActions lists talent actions as "retain,rotate,develop".
func joinActions(as []Action) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = string(a)
	}
	return strings.Join(parts, ",")
}
