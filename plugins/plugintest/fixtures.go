package plugintest

import (
	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/evaluation"
	"github.com/jenjang-asn/jenjang/mentoring"
	"github.com/jenjang-asn/jenjang/promotion"
	"github.com/jenjang-asn/jenjang/training"
)

func sangatBaik() map[int]evaluation.Predicate {
	return map[int]evaluation.Predicate{On.Year() - 3: evaluation.SangatBaik, On.Year() - 2: evaluation.SangatBaik, On.Year() - 1: evaluation.SangatBaik}
}

// floorCandidates are employees the national floors forbid to promote, with the best predicates, so that only the
// floors stop them. Their names say why.
func floorCandidates() []promotion.Candidate {
	base := Employees(9, 23, On)
	pelaksana := career.Position{Title: "Pelaksana", Kind: career.Pelaksana, Field: "umum"}
	mk := func(i int, name string, f func(e *career.Employee)) promotion.Candidate {
		e := base[i]
		e.Name, e.Position, e.Education, e.Sanctions = name, pelaksana, career.S2, nil
		e.Appointed = career.MustDate(2005, 1, 1)
		e.GradeTMT = On.AddYears(-6)
		e.PositionTMT = e.GradeTMT
		e.Grade = career.IIIA
		f(&e)
		return promotion.Candidate{Employee: e, Predicates: sangatBaik()}
	}
	return []promotion.Candidate{
		mk(0, "3 years in grade (regular)", func(e *career.Employee) { e.GradeTMT = On.AddYears(-3) }),
		mk(1, "above the education ceiling", func(e *career.Employee) { e.Education, e.Grade = career.SLTA, career.IIIB }),
		mk(2, "PPPK", func(e *career.Employee) { e.Type, e.Grade, e.PPPKGrade = career.PPPK, 0, 9 }),
		mk(3, "heavy sanction in force", func(e *career.Employee) {
			e.Sanctions = []career.Sanction{{Level: career.Berat, From: On.AddMonths(-3), Until: On.AddYears(1)}}
		}),
		mk(4, "1 year in grade (functional)", func(e *career.Employee) {
			e.Position = career.Position{Title: "Analis Ahli Muda", Kind: career.Fungsional, Level: career.AhliMuda, Field: "umum"}
			e.Grade, e.GradeTMT, e.CreditPoints = career.IIIC, On.AddYears(-1), 500
		}),
		mk(5, "IV/e, the top grade", func(e *career.Employee) { e.Grade, e.Education = career.IVE, career.S3 }),
		mk(6, "3 years in grade (structural)", func(e *career.Employee) {
			e.Position = career.Position{Title: "Kepala Bidang", Kind: career.Administrator, Field: "umum", LowestGrade: career.IIIC}
			e.Grade, e.GradeTMT = career.IIID, On.AddYears(-3)
		}),
		mk(7, "medium sanction in force", func(e *career.Employee) {
			e.Sanctions = []career.Sanction{{Level: career.Sedang, From: On.AddMonths(-1), Until: On.AddMonths(11)}}
		}),
		mk(8, "above the position's highest grade (structural)", func(e *career.Employee) {
			e.Position = career.Position{Title: "Kepala Bagian", Kind: career.Administrator, Field: "umum", LowestGrade: career.IIIC}
			e.Grade = career.IVB
		}),
	}
}

func appraisal(e career.Employee) evaluation.Appraisal {
	at := career.MustDate(On.Year()-1, 12, 20)
	return evaluation.Appraisal{
		ID: "skp-" + e.NIP.String(), Employee: e, Period: evaluation.Period{Year: On.Year() - 1},
		Entries: []evaluation.Entry{
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Hasil, Value: evaluation.DiAtas, At: at},
			{Source: evaluation.Superior, Rater: "atasan", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
			{Source: evaluation.Peer, Rater: "rekan-1", Aspect: evaluation.Perilaku, Value: evaluation.DiAtas, At: at},
			{Source: evaluation.Peer, Rater: "rekan-2", Aspect: evaluation.Perilaku, Value: evaluation.Sesuai, At: at},
			{Source: evaluation.Peer, Rater: "rekan-1", Aspect: evaluation.Hasil, Value: evaluation.Sesuai, At: at},
			{Source: evaluation.Peer, Rater: "rekan-2", Aspect: evaluation.Hasil, Value: evaluation.DiAtas, At: at},
		},
		Indicators: []evaluation.Indicator{
			{Code: "target", Target: 100, Actual: 105}, {Code: "service_quality", Target: 100, Actual: 92}, {Code: "innovation", Target: 10, Actual: 12},
		},
		CommunityIndex: 82.5,
	}
}

func transfer(e career.Employee) career.TransferRequest {
	return career.TransferRequest{Employee: e, On: On, Kinerja: career.Middle, Potensial: career.High,
		From: career.Place{Agency: e.Agency, Regency: "Kabupaten Contoh", Province: "Lampung"},
		To:   career.Place{Agency: "Pemerintah Kota Contoh", Regency: "Kota Contoh", Province: "Lampung"}}
}

func ledger(e career.Employee) training.Ledger {
	l := training.Ledger{NIP: e.NIP, Year: On.Year()}
	for _, a := range []training.Activity{
		{Date: career.MustDate(On.Year(), 3, 10), Program: "PM-01", Method: training.Pelatihan, Minutes: training.Minutes(8)},
		{Date: career.MustDate(On.Year(), 5, 2), Program: "self", Method: training.SelfStudy, Minutes: training.Minutes(6)},
		{Date: career.MustDate(On.Year(), 8, 21), Program: "mentoring:1", Method: training.Mentoring, Minutes: training.Minutes(4)},
	} {
		a.NIP = e.NIP
		_ = l.Add(a)
	}
	return l
}

func catalogue() []training.Program {
	return []training.Program{
		{Code: "PM-01", Title: "Manajemen Proyek", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Cost: 2_500_000, Seats: 4, Tags: []string{"project"}},
		{Code: "KEU-01", Title: "Pengelolaan Keuangan Daerah", Method: training.Bimtek, Competency: training.Teknis, JP: 16, Cost: 1_500_000, Seats: 3, Fields: []string{"keuangan"}},
		{Code: "KES-01", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 32, Cost: 4_000_000, Seats: 2, Fields: []string{"kesehatan"}},
		{Code: "YAN-01", Title: "Pelayanan Publik Prima", Method: training.Workshop, Competency: training.SosialKultural, JP: 12, Cost: 800_000, Seats: 5},
		{Code: "KPM-01", Title: "Kursus Kepemimpinan", Method: training.Kursus, Competency: training.Manajerial, JP: 40, Cost: 6_000_000, Seats: 2, Tags: []string{"leadership"}},
		{Code: "COA-01", Title: "Coaching Kinerja", Method: training.Coaching, Competency: training.Manajerial, JP: 8, Cost: 300_000, Tags: []string{"coaching"}},
		{Code: "IT-01", Title: "Literasi Digital", Method: training.ELearning, Competency: training.Teknis, JP: 10, Cost: 0},
	}
}

func allocation(es []career.Employee) training.AllocationRequest {
	r := training.AllocationRequest{Year: On.Year(), Budget: 12_000_000, Programs: catalogue()}
	for i, e := range es {
		r.Candidates = append(r.Candidates, training.Candidate{NIP: e.NIP, Field: e.Position.Field, Minutes: training.Minutes(i * 4), Rank: i + 1})
	}
	return r
}

func match(es []career.Employee) mentoring.MatchRequest {
	r := mentoring.MatchRequest{On: On}
	half := len(es) / 2
	for i, e := range es {
		p := mentoring.Profile{Employee: e, Predicate: []evaluation.Predicate{evaluation.Baik, evaluation.SangatBaik}[i%2]}
		if i < half {
			e.Position = career.Position{Title: "Kepala Bidang " + e.Unit, Kind: career.Administrator, Field: e.Position.Field, LowestGrade: career.IIIC}
			e.Grade = max(e.Grade, career.IVA)
			p.Employee = e
			r.Mentors = append(r.Mentors, p)
		} else {
			e.Appointed = On.AddMonths(-(2 + i))
			e.GradeTMT, e.Grade = e.Appointed, min(e.Grade, career.IIIA)
			p.Employee = e
			r.Mentees = append(r.Mentees, p)
		}
	}
	return r
}

func selection(es []career.Employee) promotion.Selection {
	s := promotion.Selection{Opening: promotion.Opening{ID: "kabid-umum", On: On,
		Position: career.Position{Title: "Kepala Bidang Umum", Kind: career.Administrator, Field: "umum", LowestGrade: career.IIIC}}}
	for i, e := range es {
		s.Applicants = append(s.Applicants, promotion.Applicant{Employee: e, Predicates: sangatBaik(),
			Competence: float64(60 + i*3), Innovation: float64(50 + i*4), Flagship: i%3 == 0, ExtraMinutes: training.Minutes(10 * i)})
	}
	return s
}
