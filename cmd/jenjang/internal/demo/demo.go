// Package demo seeds a small, realistic and deterministic data set into an empty database, so that a newcomer can
// try every route of the server: the five seed regions of DESIGN §4, each bound to its plugin, with employees in
// four units (with supervisors, grades and TMTs so that some are eligible for promotion and some not yet),
// predicates for the last two years, a training catalogue drawn from the region's policy, a few ledger activities
// and a position open for selection.
package demo

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/training"
)

// Region is a seed region. Regency and Province place its government for transfer checks; the seed documents name
// no province, so the demo's are illustrative (a province's own government has no regency).
type Region struct {
	Code, Name, Agency, Regency, Province string
	Catalogue                             []training.Program
}

// Regions are the five seed regions, each bound to the plugin of the same code.
var Regions = []Region{
	{"kalianda", "Kalianda", "Pemerintah Kabupaten Kalianda", "Kabupaten Kalianda", "Lampung", []training.Program{
		{Code: "KLD-PM", Title: "Manajemen Proyek", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Cost: 2500000, Seats: 20, Provider: "BKPSDM Kalianda", Tags: []string{"project_management"}},
		{Code: "KLD-KEU", Title: "Pengelolaan Keuangan Daerah", Method: training.Bimtek, Competency: training.Teknis, JP: 16, Cost: 1800000, Seats: 25, Provider: "BKPSDM Kalianda", Fields: []string{"keuangan"}},
		{Code: "KLD-YAN", Title: "Pelayanan Publik Prima", Method: training.Workshop, Competency: training.SosialKultural, JP: 12, Cost: 900000, Provider: "BKPSDM Kalianda", Tags: []string{"public_service"}},
		{Code: "KLD-LEAD", Title: "Kursus Kepemimpinan Pengawas", Method: training.Kursus, Competency: training.Manajerial, JP: 40, Cost: 6000000, Seats: 10, Provider: "BPSDM Provinsi", Tags: []string{"leadership"}},
		{Code: "KLD-COACH", Title: "Coaching Kinerja", Method: training.Coaching, Competency: training.Manajerial, JP: 6, Provider: "BKPSDM Kalianda", Tags: []string{"coaching"}},
	}},
	{"semarang", "Kota Semarang", "Pemerintah Kota Semarang", "Kota Semarang", "Jawa Tengah", []training.Program{
		{Code: "SMG-PM", Title: "Manajemen Proyek", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Cost: 3000000, Seats: 20, Provider: "BPSDM Kota Semarang", Tags: []string{"project_management"}},
		{Code: "SMG-TI", Title: "Transformasi Digital dan Keamanan Informasi", Method: training.Pelatihan, Competency: training.Teknis, JP: 32, Cost: 3500000, Seats: 15, Provider: "Diskominfo", Fields: []string{"informatika"}},
		{Code: "SMG-KOM", Title: "Komunikasi Publik", Method: training.Seminar, Competency: training.SosialKultural, JP: 8, Cost: 500000, Provider: "Diskominfo"},
		{Code: "SMG-S2", Title: "Tugas Belajar S2 Perencanaan Wilayah", Method: training.FurtherStudy, Competency: training.Teknis, JP: 200, Cost: 60000000, Seats: 2, Provider: "Universitas Diponegoro"},
	}},
	{"pauh", "Pauh", "Pemerintah Kabupaten Pauh", "Kabupaten Pauh", "Sumatera Barat", []training.Program{
		{Code: "PAU-RS", Title: "Manajemen Rumah Sakit", Method: training.Pelatihan, Competency: training.Teknis, JP: 30, Cost: 4000000, Seats: 10, Provider: "BKPSDM Pauh", Fields: []string{"kesehatan"}},
		{Code: "PAU-GURU", Title: "Pembelajaran Berdiferensiasi", Method: training.Bimtek, Competency: training.Teknis, JP: 20, Cost: 1500000, Seats: 30, Provider: "Dinas Pendidikan", Fields: []string{"pendidikan"}},
		{Code: "PAU-PUPR", Title: "Pengawasan Konstruksi Jalan", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Cost: 2500000, Seats: 15, Provider: "Balai Jasa Konstruksi", Fields: []string{"teknik"}},
		{Code: "PAU-SDM", Title: "Manajemen ASN", Method: training.ELearning, Competency: training.Manajerial, JP: 12, Cost: 300000, Provider: "BKN"},
	}},
	{"wanggar", "Provinsi Wanggar", "Pemerintah Provinsi Wanggar", "", "Wanggar", []training.Program{
		{Code: "WGR-WS-TEK", Title: "Workshop Perencanaan Teknis", Method: training.Workshop, Competency: training.Teknis, JP: 16, Cost: 2000000, Seats: 25, Provider: "BPSDM Wanggar"},
		{Code: "WGR-SEM-MAN", Title: "Seminar Kepemimpinan Daerah", Method: training.Seminar, Competency: training.Manajerial, JP: 8, Cost: 750000, Provider: "BPSDM Wanggar", Tags: []string{"leadership"}},
		{Code: "WGR-WS-MAN", Title: "Workshop Manajemen Kinerja", Method: training.Workshop, Competency: training.Manajerial, JP: 16, Cost: 1800000, Seats: 20, Provider: "BPSDM Wanggar"},
	}},
	{"tanjungpinang", "Kota Tanjungpinang", "Pemerintah Kota Tanjungpinang", "Kota Tanjungpinang", "Kepulauan Riau", []training.Program{
		{Code: "TPI-LEAD", Title: "Kepemimpinan Pelayanan", Method: training.Pelatihan, Competency: training.Manajerial, JP: 24, Cost: 3000000, Seats: 15, Provider: "BKPSDM Tanjungpinang", Tags: []string{"leadership"}},
		{Code: "TPI-PM", Title: "Manajemen Proyek", Method: training.Pelatihan, Competency: training.Teknis, JP: 24, Cost: 2500000, Seats: 20, Provider: "BKPSDM Tanjungpinang", Tags: []string{"project_management"}},
		{Code: "TPI-MUTU", Title: "Mutu Pelayanan Publik", Method: training.Workshop, Competency: training.SosialKultural, JP: 12, Cost: 1000000, Provider: "Ombudsman RI", Tags: []string{"public_service"}},
		{Code: "TPI-MANDIRI", Title: "Belajar Mandiri ASN Digital", Method: training.SelfStudy, Competency: training.Teknis, JP: 10, Provider: "LAN"},
	}},
}

// unit is a unit kerja of the seed, with its job field.
type unit struct{ name, field, head, staff string }

var units = []unit{
	{"Dinas Kesehatan", "kesehatan", "Kepala Bidang Pelayanan Kesehatan", "Pengelola Data Kesehatan"},
	{"Dinas Pendidikan", "pendidikan", "Kepala Bidang Pembinaan SD", "Pengadministrasi Pendidikan"},
	{"BKPSDM", "sdm", "Kepala Bidang Pengembangan Kompetensi", "Analis SDM Aparatur"},
	{"Dinas PUPR", "teknik", "Kepala Bidang Bina Marga", "Pengawas Jalan dan Jembatan"},
}

var names = []string{
	"Agus Setiawan", "Sri Wahyuni", "Bambang Hartono", "Dewi Kartika", "Rudi Hermawan", "Siti Nurhaliza", "Joko Susilo",
	"Rina Marlina", "Hendra Gunawan", "Fitri Handayani", "Andi Pratama", "Nur Aini", "Yusuf Hidayat", "Maya Sari",
	"Dedi Kurniawan", "Lestari Wulandari", "Eko Prasetyo", "Ratna Dewi", "Fajar Nugroho", "Indah Permata",
	"Budi Santoso", "Putri Ayu", "Heri Purnomo", "Wulan Sari", "Taufik Rahman", "Nining Suryani", "Arif Budiman",
	"Yuliana Putri", "Iwan Setiadi", "Kartini Susanti", "Rizky Ramadhan", "Ani Yulianti",
}

// employees returns the region's employees: per unit a head (administrator), a section chief (pengawas, the head's
// subordinate) and two staff under the chief — one four years in grade (eligible; in Dinas PUPR deferred by a
// disciplinary sanction), one recently promoted (not yet).
func employees(ri int, r Region, year int) ([]career.Employee, []float64) {
	var out []career.Employee
	var potentials []float64
	seq := 1
	nip := func(birthY, birthM, birthD, apptY, apptM int, female bool) career.NIP {
		g := 1
		if female {
			g = 2
		}
		s := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birthY, birthM, birthD, apptY, apptM, g, seq+ri*40)
		seq++
		return career.MustParseNIP(s)
	}
	for ui, u := range units {
		k := ri*len(units)*4 + ui*4
		name := func(i int) (string, bool) { n := names[(k+i)%len(names)]; return n, (k+i)%2 == 1 }
		n0, f0 := name(0)
		head := career.Employee{NIP: nip(1972+ui, 3+ui, 10+ri, 1998+ui, 3, f0), Name: n0, Type: career.PNS, Grade: career.IVA,
			GradeTMT: career.MustDate(year-5, 4, 1), Education: career.S2, Unit: u.name, Agency: r.Agency,
			Position:    career.Position{Title: u.head, Kind: career.Administrator, Field: u.field, LowestGrade: career.IIID},
			PositionTMT: career.MustDate(year-4, 1, 2)}
		n1, f1 := name(1)
		chief := career.Employee{NIP: nip(1980+ui, 6, 5+ri, 2005+ui, 2, f1), Name: n1, Type: career.PNS, Grade: career.IIID,
			GradeTMT: career.MustDate(year-3, 10, 1), Education: career.S1, Unit: u.name, Agency: r.Agency, Supervisor: head.NIP,
			Position:    career.Position{Title: "Kepala Seksi " + u.field, Kind: career.Pengawas, Field: u.field, LowestGrade: career.IIIC, Service: u.field == "kesehatan"},
			PositionTMT: career.MustDate(year-3, 1, 2)}
		n2, f2 := name(2)
		senior := career.Employee{NIP: nip(1986+ui, 9, 20+ri, 2010+ui, 3, f2), Name: n2, Type: career.PNS, Grade: career.IIIB,
			GradeTMT: career.MustDate(year-4, 4, 1), Education: career.S1, Unit: u.name, Agency: r.Agency, Supervisor: chief.NIP,
			Position:    career.Position{Title: u.staff, Kind: career.Pelaksana, Field: u.field, Service: u.field == "kesehatan"},
			PositionTMT: career.MustDate(year-5, 7, 1),
			Grades:      []career.GradeStep{{Grade: career.IIIA, TMT: career.MustDate(year-8, 4, 1)}}}
		n3, f3 := name(3)
		junior := career.Employee{NIP: nip(1996+ui%3, 1+ui, 12+ri, year-2, 3, f3), Name: n3, Type: career.PNS, Grade: career.IIIA,
			GradeTMT: career.MustDate(year-2, 3, 1), Education: career.S1, Unit: u.name, Agency: r.Agency, Supervisor: chief.NIP,
			Position:    career.Position{Title: u.staff, Kind: career.Pelaksana, Field: u.field},
			PositionTMT: career.MustDate(year-2, 3, 1)}
		if u.field == "teknik" {
			// One sanction to show how it defers a promotion: hukuman disiplin sedang until the end of this year.
			senior.Sanctions = []career.Sanction{{Level: career.Sedang, From: career.MustDate(year-1, 7, 1), Until: career.MustDate(year, 12, 31)}}
		}
		out = append(out, head, chief, senior, junior)
		potentials = append(potentials, 88-float64(ui), 82-float64(ri), 74+float64(ui*3), 58+float64(ri*2))
	}
	return out, potentials
}

// Result is what Seed created: one admin token per region.
type Result struct {
	Region, Token string
}

// Seed fills an empty database (no region yet) with the demo data and returns one admin token per region. On a
// database that has regions it does nothing and returns nil: a demo never overwrites real data. Everything of a
// region is written in one transaction with one audit event ("demo.seed").
func Seed(ctx context.Context, st *store.Store) ([]Result, error) {
	n, err := st.DB().NewSelect().Model((*store.Region)(nil)).Count(ctx)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, nil
	}
	year := career.Today().Year()
	var out []Result
	for ri, r := range Regions {
		err := st.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			if err := st.PutRegion(ctx, tx, store.Region{Code: r.Code, Name: r.Name, Policy: r.Code, Regency: r.Regency, Province: r.Province}); err != nil {
				return err
			}
			es, potentials := employees(ri, r, year)
			rows := make([]store.Employee, len(es))
			for i, e := range es {
				if err := e.Validate(career.Date{}); err != nil {
					return fmt.Errorf("demo: %s: %w", e.Name, err)
				}
				rows[i] = store.EmployeeFrom(r.Code, e)
				p := potentials[i]
				rows[i].PotentialScore = &p
			}
			if err := st.InsertEmployeeRows(ctx, tx, rows); err != nil {
				return err
			}
			var hist []store.HistoryStep
			for _, e := range es {
				hist = append(hist, store.HistoryOf(r.Code, e, "demo")...)
			}
			if err := st.AppendHistory(ctx, tx, hist); err != nil {
				return err
			}
			var sanctions []store.Sanction
			for _, e := range es {
				for _, sn := range e.Sanctions {
					sanctions = append(sanctions, store.SanctionFrom(r.Code, e.NIP.String(), sn))
				}
			}
			if err := st.InsertSanctions(ctx, tx, sanctions); err != nil {
				return err
			}
			var preds []store.Predicate
			var acts []store.Activity
			for i, e := range es {
				for _, y := range []int{year - 2, year - 1} {
					p := "baik"
					switch {
					case i%4 == 0 && y == year-1, i == 6:
						p = "sangat_baik"
					case i == 11 && y == year-1:
						p = "butuh_perbaikan"
					}
					preds = append(preds, store.Predicate{Region: r.Code, NIP: e.NIP.String(), Year: y, Predicate: p, Source: store.PredicateFromDemo})
				}
				if i%3 == 0 {
					a := training.Activity{NIP: e.NIP, Date: career.MustDate(year, 1, 15+i%10), Program: r.Catalogue[0].Code, Method: r.Catalogue[0].Method, Minutes: training.Minutes(r.Catalogue[0].JP)}
					acts = append(acts, store.ActivityFrom(r.Code, a, "demo"))
				}
			}
			if err := st.PutPredicates(ctx, tx, preds); err != nil {
				return err
			}
			if err := st.InsertActivities(ctx, tx, acts); err != nil {
				return err
			}
			progs := make([]store.Program, len(r.Catalogue))
			for i, p := range r.Catalogue {
				if err := p.Validate(); err != nil {
					return fmt.Errorf("demo: program %s: %w", p.Code, err)
				}
				progs[i] = store.ProgramFrom(r.Code, p)
			}
			if err := st.InsertPrograms(ctx, tx, progs); err != nil {
				return err
			}
			o := store.OpeningFrom(r.Code, career.Position{Title: "Kepala Seksi Perencanaan", Kind: career.Pengawas, Field: "sdm", LowestGrade: career.IIIC}, "BKPSDM")
			if err := st.InsertOpening(ctx, tx, &o); err != nil {
				return err
			}
			return st.AppendAudit(ctx, tx, store.Event{Region: r.Code, Actor: "system", Action: "demo.seed", Target: "region:" + r.Code,
				After: []byte(fmt.Sprintf(`{"employees":%d,"predicates":%d,"programs":%d,"activities":%d,"openings":1}`, len(es), len(preds), len(progs), len(acts)))})
		})
		if err != nil {
			return out, fmt.Errorf("demo: seed %s: %w", r.Code, err)
		}
		tok, _, err := st.CreateToken(ctx, r.Code, auth.Admin, "")
		if err != nil {
			return out, err
		}
		out = append(out, Result{Region: r.Code, Token: tok})
	}
	return out, nil
}
