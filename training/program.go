package training

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

// MinutesPerJP is the length of one jam pelajaran (JP): 45 minutes (Peraturan LAN 10/2018).
const MinutesPerJP = 45

// JP converts minutes to JP (jam pelajaran), with fractions.
func JP(minutes int) float64 { return float64(minutes) / MinutesPerJP }

// Minutes converts whole JP to minutes.
func Minutes(jp int) int { return jp * MinutesPerJP }

// Route is the route of a development activity (jalur pengembangan kompetensi, PP 17/2020 Pasal 203).
type Route int

// Routes.
const (
	Classical    Route = iota + 1 // klasikal: face to face, in a class
	NonClassical                  // nonklasikal: at work, online, by coaching or mentoring, self-study
)

func (r Route) String() string {
	switch r {
	case Classical:
		return "klasikal"
	case NonClassical:
		return "nonklasikal"
	}
	return ""
}

// Method is a form of development activity; each belongs to one route (PP 17/2020 Pasal 203 ayat 4 and 5).
type Method string

// Classical methods.
const (
	Pelatihan   Method = "pelatihan"
	Seminar     Method = "seminar"
	Workshop    Method = "workshop"
	Kursus      Method = "kursus"
	Bimtek      Method = "bimtek"
	Penataran   Method = "penataran"
	Sosialisasi Method = "sosialisasi"
)

// Non-classical methods.
const (
	Coaching          Method = "coaching"
	Mentoring         Method = "mentoring"
	ELearning         Method = "e_learning"
	DistanceLearning  Method = "distance_learning"
	Detasering        Method = "detasering"
	Benchmarking      Method = "benchmarking"
	Exchange          Method = "exchange"
	SelfStudy         Method = "belajar_mandiri"
	LearningCommunity Method = "komunitas_belajar"
	OnTheJob          Method = "bimbingan_di_tempat_kerja"
	Magang            Method = "magang"
	// FurtherStudy is further formal education (tugas belajar: S2, S3), which Semarang records as development.
	FurtherStudy Method = "pendidikan_lanjutan"
)

var methodRoute = map[Method]Route{
	Pelatihan: Classical, Seminar: Classical, Workshop: Classical, Kursus: Classical, Bimtek: Classical,
	Penataran: Classical, Sosialisasi: Classical,
	Coaching: NonClassical, Mentoring: NonClassical, ELearning: NonClassical, DistanceLearning: NonClassical,
	Detasering: NonClassical, Benchmarking: NonClassical, Exchange: NonClassical, SelfStudy: NonClassical,
	LearningCommunity: NonClassical, OnTheJob: NonClassical, Magang: NonClassical, FurtherStudy: Classical,
}

// Methods returns every known method.
func Methods() []Method {
	return []Method{Pelatihan, Seminar, Workshop, Kursus, Bimtek, Penataran, Sosialisasi, Coaching, Mentoring,
		ELearning, DistanceLearning, Detasering, Benchmarking, Exchange, SelfStudy, LearningCommunity, OnTheJob, Magang, FurtherStudy}
}

// Route returns the method's route, or 0 for an unknown method.
func (m Method) Route() Route { return methodRoute[m] }

// Informal reports whether the method is informal learning — self-study, a learning community, guidance at work —
// which some regions count only up to a share of the yearly requirement.
func (m Method) Informal() bool {
	return m == SelfStudy || m == LearningCommunity || m == OnTheJob
}

// ParseMethod parses a method code ("pelatihan", "e-learning", "belajar mandiri").
func ParseMethod(s string) (Method, error) {
	t := Method(strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(s)), "_")))
	if _, ok := methodRoute[t]; ok {
		return t, nil
	}
	return "", career.Newf(career.Invalid, "method", "%q bukan metode pengembangan kompetensi",
		"%q is not a development method", s)
}

// Competency is the kind of competency an activity builds (PP 11/2017 Pasal 203 ayat 3).
type Competency int

// Competencies.
const (
	Teknis         Competency = iota + 1 // technical
	Manajerial                           // managerial
	SosialKultural                       // socio-cultural
)

func (c Competency) String() string {
	switch c {
	case Teknis:
		return "teknis"
	case Manajerial:
		return "manajerial"
	case SosialKultural:
		return "sosial_kultural"
	}
	return ""
}

// ParseCompetency parses "teknis", "manajerial" or "sosial_kultural".
func ParseCompetency(s string) (Competency, error) {
	switch strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(s)), "_")) {
	case "teknis", "technical":
		return Teknis, nil
	case "manajerial", "managerial":
		return Manajerial, nil
	case "sosial_kultural", "sosiokultural", "socio_cultural":
		return SosialKultural, nil
	}
	return 0, career.Newf(career.Invalid, "competency", "%q bukan jenis kompetensi (teknis, manajerial, sosial_kultural)",
		"%q is not a competency (teknis, manajerial, sosial_kultural)", s)
}

// Program is a development program in a catalogue.
type Program struct {
	Code       string
	Title      string
	Method     Method
	Competency Competency
	JP         int   // the JP the program awards
	Cost       int64 // cost per participant, in rupiah
	Seats      int   // seats available; 0 means unlimited
	Provider   string
	// Fields lists the job fields the program serves ("kesehatan", "keuangan"); empty means any field.
	Fields []string
	// Tags describe the program for recommendations: "leadership", "coaching", "project_management", …
	Tags []string
}

// Validate reports whether the program is complete and consistent.
func (p Program) Validate() error {
	switch {
	case strings.TrimSpace(p.Code) == "":
		return career.Newf(career.Invalid, "code", "kode program wajib diisi", "the program code is required")
	case strings.TrimSpace(p.Title) == "":
		return career.Newf(career.Invalid, "title", "nama program wajib diisi", "the program title is required")
	case p.Method.Route() == 0:
		return career.Newf(career.Invalid, "method", "%q bukan metode pengembangan kompetensi",
			"%q is not a development method", p.Method)
	case p.Competency < Teknis || p.Competency > SosialKultural:
		return career.Newf(career.Invalid, "competency", "kompetensi harus teknis, manajerial atau sosial_kultural",
			"the competency must be teknis, manajerial or sosial_kultural")
	case p.JP <= 0 || p.JP > 2000:
		return career.Newf(career.Invalid, "jp", "JP harus antara 1 dan 2000, bukan %d",
			"JP must be between 1 and 2000, not %d", p.JP)
	case p.Cost < 0:
		return career.Newf(career.Invalid, "cost", "biaya tidak boleh negatif", "the cost cannot be negative")
	case p.Seats < 0:
		return career.Newf(career.Invalid, "seats", "jumlah kursi tidak boleh negatif", "seats cannot be negative")
	}
	return nil
}

// Serves reports whether the program serves the job field (always, when the program lists no field).
func (p Program) Serves(field string) bool {
	if len(p.Fields) == 0 {
		return true
	}
	for _, f := range p.Fields {
		if strings.EqualFold(f, field) {
			return true
		}
	}
	return false
}

// HasTag reports whether the program carries the tag.
func (p Program) HasTag(tag string) bool {
	for _, t := range p.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Activity is one completed development activity in an employee's ledger.
type Activity struct {
	NIP     career.NIP
	Date    career.Date
	Program string // program code, or a short title for activities outside the catalogue
	Method  Method
	Minutes int
}

// Validate reports whether the activity can go into a ledger.
func (a Activity) Validate() error {
	switch {
	case a.NIP.IsZero():
		return career.Newf(career.Invalid, "nip", "NIP wajib diisi", "the NIP is required")
	case a.Date.IsZero():
		return career.Newf(career.Invalid, "date", "tanggal wajib diisi", "the date is required")
	case a.Method.Route() == 0:
		return career.Newf(career.Invalid, "method", "%q bukan metode pengembangan kompetensi",
			"%q is not a development method", a.Method)
	case a.Minutes <= 0 || a.Minutes > 366*24*60:
		return career.Newf(career.Invalid, "minutes", "jumlah menit harus positif dan tidak melebihi satu tahun, bukan %d",
			"minutes must be positive and within a year, not %d", a.Minutes)
	}
	return nil
}

// Ledger is the development record of one employee for one year.
type Ledger struct {
	NIP        career.NIP
	Year       int
	Activities []Activity
}

// Add records an activity; it must belong to the ledger's employee and year.
func (l *Ledger) Add(a Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.NIP != l.NIP {
		return career.Newf(career.Invalid, "nip", "kegiatan milik %s tidak termasuk dalam catatan JP milik %s",
			"activity of %s does not belong to the ledger of %s", a.NIP, l.NIP)
	}
	if a.Date.Year() != l.Year {
		return career.Newf(career.Invalid, "date", "kegiatan bertanggal %s tidak termasuk dalam catatan JP tahun %d",
			"activity dated %s does not belong to the %d ledger", a.Date, l.Year)
	}
	l.Activities = append(l.Activities, a)
	return nil
}

// Minutes returns the total minutes, and the minutes of informal learning among them.
func (l Ledger) Minutes() (total, informal int) {
	for _, a := range l.Activities {
		total += a.Minutes
		if a.Method.Informal() {
			informal += a.Minutes
		}
	}
	return total, informal
}

// JP returns the total JP in the ledger.
func (l Ledger) JP() float64 {
	t, _ := l.Minutes()
	return JP(t)
}

func jpText(minutes int) string { return fmt.Sprintf("%.2f JP", JP(minutes)) }

// jpWhole prints a requirement in JP, whole JP without decimals: "20 JP", and otherwise as jpText, "22.22 JP".
func jpWhole(minutes int) string {
	if minutes%MinutesPerJP == 0 {
		return strconv.Itoa(minutes/MinutesPerJP) + " JP"
	}
	return jpText(minutes)
}
