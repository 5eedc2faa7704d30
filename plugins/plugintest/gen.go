package plugintest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/promotion"
)

var (
	units  = []string{"Dinas Kesehatan", "Dinas Pendidikan", "BKPSDM", "Bappeda", "Dinas Perhubungan", "Sekretariat Daerah", "BPKAD", "Dinas Sosial"}
	fields = []string{"kesehatan", "pendidikan", "kepegawaian", "perencanaan", "perhubungan", "umum", "keuangan", "sosial"}
	given  = []string{"Ahmad", "Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Yuni", "Made", "Nur", "Putu", "Wayan", "Fitri", "Rudi"}
	family = []string{"Saputra", "Wulandari", "Hidayat", "Lestari", "Pratama", "Sari", "Nugroho", "Siregar", "Harahap", "Simanjuntak"}
)

// Employees returns n realistic PNS records, judged at on, drawn deterministically from seed: valid NIPs (birth
// 1966–1998, appointment at 20–35, gender, sequence), grades consistent with education and service, positions of
// every kind, TMTs in the past. The same n, seed and on always give the same employees.
func Employees(n int, seed uint64, on career.Date) []career.Employee {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]career.Employee, 0, n)
	seq := map[string]int{}
	for len(out) < n {
		birth := career.MustDate(1966+r.IntN(33), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		appt := career.MustDate(birth.Year()+20+r.IntN(16), time.Month(1+r.IntN(12)), 1)
		if !appt.Before(on) {
			continue
		}
		gender := 1 + r.IntN(2)
		prefix := fmt.Sprintf("%04d%02d%02d%04d%02d%d", birth.Year(), birth.Month(), birth.Day(), appt.Year(), appt.Month(), gender)
		seq[prefix]++
		if seq[prefix] > 999 {
			continue
		}
		nip := career.MustParseNIP(fmt.Sprintf("%s%03d", prefix, seq[prefix]))
		edu := []career.Education{career.SLTA, career.D3, career.S1, career.S1, career.S1, career.D4, career.S2, career.S2, career.S3}[r.IntN(9)]
		start := map[career.Education]career.Grade{career.SLTA: career.IIA, career.D3: career.IIC, career.S1: career.IIIA, career.D4: career.IIIA,
			career.S2: career.IIIB, career.S3: career.IIIC}[edu]
		service := career.Between(appt, on).Years
		grade := min(start+career.Grade(service/4), career.IVE, max(edu.Ceiling(), start)+career.Grade(r.IntN(2)))
		gradeTMT := appt
		if grade > start {
			gradeTMT = on.AddMonths(-(1 + r.IntN(72)))
			if gradeTMT.Before(appt) {
				gradeTMT = appt
			}
		}
		gradeTMT = career.MustDate(gradeTMT.Year(), gradeTMT.Month(), 1)
		i := r.IntN(len(units))
		pos := career.Position{Title: "Pelaksana " + units[i], Kind: career.Pelaksana, Field: fields[i], Service: r.IntN(3) == 0}
		switch k := r.IntN(10); {
		case k < 4 && edu.AtLeastBachelor():
			lv := []career.Level{career.AhliPertama, career.AhliMuda, career.AhliMadya}[min(int(grade-career.IIIA)/2, 2)*boolInt(grade >= career.IIIA)]
			pos = career.Position{Title: "Analis " + fields[i] + " " + lv.String(), Kind: career.Fungsional, Level: lv, Field: fields[i]}
		case k == 4 && grade >= career.IIIC:
			pos = career.Position{Title: "Kepala Seksi " + units[i], Kind: career.Pengawas, Field: fields[i], LowestGrade: career.IIIB}
		case k == 5 && grade >= career.IIID:
			pos = career.Position{Title: "Kepala Bidang " + units[i], Kind: career.Administrator, Field: fields[i], LowestGrade: career.IIIC}
		}
		posTMT := on.AddMonths(-(1 + r.IntN(96)))
		if posTMT.Before(appt) {
			posTMT = appt
		}
		e := career.Employee{
			NIP: nip, Name: given[r.IntN(len(given))] + " " + family[r.IntN(len(family))], Type: career.PNS, Grade: grade,
			GradeTMT: gradeTMT, Position: pos, PositionTMT: posTMT, Education: edu, Unit: units[i],
			Agency: "Pemerintah Kabupaten Contoh", CreditPoints: float64(r.IntN(250)),
		}
		if r.IntN(40) == 0 {
			e.Sanctions = []career.Sanction{{Level: career.SanctionLevel(1 + r.IntN(3)), From: on.AddMonths(-6), Until: on.AddMonths(6)}}
		}
		out = append(out, e)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Predicates returns annual predicates for the three years before on, mostly Baik and Sangat Baik.
func Predicates(r *rand.Rand, on career.Date) map[int]evaluation.Predicate {
	p := map[int]evaluation.Predicate{}
	for y := on.Year() - 3; y < on.Year(); y++ {
		p[y] = []evaluation.Predicate{evaluation.Baik, evaluation.Baik, evaluation.SangatBaik, evaluation.Baik, evaluation.ButuhPerbaikan}[r.IntN(5)]
	}
	return p
}

// Candidates returns n promotion candidates (Employees with Predicates) judged at on.
func Candidates(n int, seed uint64, on career.Date) []promotion.Candidate {
	r := rand.New(rand.NewPCG(seed+1, seed))
	es := Employees(n, seed, on)
	out := make([]promotion.Candidate, len(es))
	for i, e := range es {
		out[i] = promotion.Candidate{Employee: e, Predicates: Predicates(r, on)}
	}
	return out
}
