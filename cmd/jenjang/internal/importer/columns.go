package importer

import (
	"strconv"
	"strings"
	"unicode"
)

// Column is the canonical name of a column of an import file. Errors name columns by these names, whatever the
// header of the file says ("NIP Baru" is reported as nip).
type Column string

// The columns of an import file (DESIGN §6): what an HR office exports from SIMPEG or SIASN.
const (
	ColNIP          Column = "nip"            // Nomor Induk Pegawai, 18 digits; required
	ColName         Column = "nama"           // full name; required
	ColType         Column = "jenis_pegawai"  // PNS or PPPK; empty means PNS
	ColGrade        Column = "golongan"       // III/a for a PNS, IX for a PPPK; required
	ColGradeTMT     Column = "tmt_golongan"   // TMT of the current grade; required
	ColTitle        Column = "jabatan"        // position title; required
	ColKind         Column = "jenis_jabatan"  // pelaksana, fungsional, pengawas, administrator, jpt_pratama, …; required
	ColLevel        Column = "jenjang"        // functional level (ahli_muda, terampil, …); required for fungsional only
	ColField        Column = "bidang"         // job field or profession (rumpun jabatan)
	ColService      Column = "layanan_publik" // ya/tidak: a public-service post
	ColPositionTMT  Column = "tmt_jabatan"    // TMT of the current position; required
	ColEducation    Column = "pendidikan"     // highest education; required
	ColUnit         Column = "unit_kerja"     // work unit
	ColAgency       Column = "instansi"       // agency
	ColSupervisor   Column = "nip_atasan"     // NIP of the direct superior
	ColAppointed    Column = "tmt_cpns"       // TMT CPNS; empty means the month the NIP encodes
	ColCreditPoints Column = "angka_kredit"   // cumulative credit points of a functional position holder
	ColPotential    Column = "potensi"        // potential score 0–100 (talent management)
	// ColLowestGrade is the lowest grade the position requires (pangkat terendah jabatan, PP 99/2000 Pasal 9),
	// which structural promotion uses; a PNS grade, III/c.
	ColLowestGrade Column = "golongan_terendah"
	// The employee's current disciplinary sanction (hukuman disiplin, PP 94/2021), one a row: its level (ringan,
	// sedang, berat), its first day and its last day (empty: open-ended). The row's sanction is added to the
	// employee's stored sanctions; a stored one with the same level and first day is the same sanction, whose last
	// day the row updates. An import never deletes a sanction, and an empty cell leaves the stored ones as they are
	// (a PUT of the employee clears or deletes them).
	ColSanction      Column = "hukuman_disiplin"
	ColSanctionFrom  Column = "tmt_hukuman"
	ColSanctionUntil Column = "hukuman_sampai"
	// ColPredicate is the prefix of the yearly performance predicate columns: predikat_2024, predikat_2025, …
	ColPredicate Column = "predikat"
)

// requiredColumns must be in the header of every file: without them no row could be valid.
var requiredColumns = []Column{ColNIP, ColName, ColGrade, ColGradeTMT, ColTitle, ColKind, ColPositionTMT, ColEducation}

// aliases maps a normalised header (see normalizeHeader) to its column. Besides the canonical names it holds the
// spellings of SIMPEG and SIASN exports and of hand-made spreadsheets, and English names.
var aliases = map[string]Column{}

func init() {
	for col, names := range map[Column][]string{
		ColNIP:          {"nip", "nip_baru", "nip_pegawai", "nomor_induk_pegawai", "nipppk", "ni_pppk"},
		ColName:         {"nama", "nama_pegawai", "nama_lengkap", "nama_asn", "name"},
		ColType:         {"jenis_pegawai", "jenis_asn", "status_asn", "status_pegawai", "status_kepegawaian", "jenis_kepegawaian", "employment_type", "type"},
		ColGrade:        {"golongan", "gol", "gol_ruang", "golongan_ruang", "pangkat_golongan", "pangkat_gol", "gol_akhir", "golongan_akhir", "grade"},
		ColGradeTMT:     {"tmt_golongan", "tmt_gol", "tmt_pangkat", "tmt_golongan_akhir", "tmt_gol_akhir", "tmt_pangkat_golongan", "grade_tmt"},
		ColTitle:        {"jabatan", "nama_jabatan", "jabatan_nama", "jabatan_akhir", "position", "position_title", "title"},
		ColKind:         {"jenis_jabatan", "jenis_jabatan_nama", "position_kind", "kind"},
		ColLevel:        {"jenjang", "jenjang_jabatan", "jenjang_fungsional", "level", "position_level"},
		ColField:        {"bidang", "rumpun", "rumpun_jabatan", "bidang_tugas", "field", "job_field"},
		ColService:      {"layanan_publik", "pelayanan_publik", "unit_layanan", "public_service", "service"},
		ColPositionTMT:  {"tmt_jabatan", "tmt_jabatan_akhir", "position_tmt"},
		ColEducation:    {"pendidikan", "pendidikan_terakhir", "tingkat_pendidikan", "jenjang_pendidikan", "pendidikan_akhir", "education"},
		ColUnit:         {"unit_kerja", "unor", "unit_organisasi", "satuan_kerja", "satker", "unit", "work_unit"},
		ColAgency:       {"instansi", "instansi_induk", "instansi_kerja", "agency"},
		ColSupervisor:   {"nip_atasan", "nip_atasan_langsung", "atasan_nip", "nip_pejabat_penilai", "supervisor_nip", "supervisor"},
		ColAppointed:    {"tmt_cpns", "tmt_cpns_pppk", "tmt_pengangkatan", "appointed", "tmt_appointment"},
		ColCreditPoints: {"angka_kredit", "ak", "ak_kumulatif", "angka_kredit_kumulatif", "credit_points"},
		ColPotential:    {"potensi", "nilai_potensi", "skor_potensi", "potential"},
		ColLowestGrade: {"golongan_terendah", "gol_terendah", "pangkat_terendah", "golongan_terendah_jabatan", "gol_terendah_jabatan",
			"pangkat_terendah_jabatan", "lowest_grade", "position_lowest_grade"},
		// The level only: SIASN's "jenis hukuman" is the penalty itself (teguran lisan, penurunan jabatan, …), not a level.
		ColSanction: {"hukuman_disiplin", "tingkat_hukuman", "tingkat_hukuman_disiplin", "tingkat_hukdis", "sanction_level", "sanction"},
		ColSanctionFrom: {"tmt_hukuman", "tmt_hukuman_disiplin", "tmt_hukdis", "hukuman_mulai", "mulai_hukuman", "hukuman_disiplin_mulai",
			"sanction_from"},
		ColSanctionUntil: {"hukuman_sampai", "hukuman_disiplin_sampai", "akhir_hukuman", "tmt_akhir_hukuman", "tmt_akhir_hukuman_disiplin",
			"hukuman_berakhir", "sanction_until"},
	} {
		for _, n := range names {
			if prev, dup := aliases[n]; dup {
				panic("importer: header alias " + n + " of both " + string(prev) + " and " + string(col))
			}
			aliases[n] = col
		}
	}
}

// normalizeHeader folds a header cell for matching: lower case, a UTF-8 byte-order mark and surrounding space
// dropped, and every run of spaces, dashes, dots, slashes and parentheses turned into one underscore, so that
// "NIP Baru", "nip-baru" and "Nip_Baru" all read nip_baru.
func normalizeHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	var b strings.Builder
	b.Grow(len(s))
	pendingSep := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if pendingSep && b.Len() > 0 {
				b.WriteByte('_')
			}
			pendingSep = false
			b.WriteRune(r)
			continue
		}
		pendingSep = true
	}
	return b.String()
}

// headerColumn returns the column a header cell names, and for a predicate column its year. ok is false for a
// header the importer does not know, which is then ignored (exports carry many columns the server does not keep).
func headerColumn(cell string) (col Column, year int, ok bool) {
	h := normalizeHeader(cell)
	if c, found := aliases[h]; found {
		return c, 0, true
	}
	// predikat_2024, predikat_kinerja_2024, predikat_skp_2024, predicate_2024
	for _, prefix := range []string{"predikat_kinerja_", "predikat_skp_", "predikat_", "predicate_"} {
		rest, found := strings.CutPrefix(h, prefix)
		if !found || len(rest) != 4 {
			continue
		}
		y, err := strconv.Atoi(rest)
		if err == nil && y >= 1900 && y <= 9999 {
			return ColPredicate, y, true
		}
	}
	return "", 0, false
}

// predicateColumn is the column name of the predicate of a year: predikat_2024.
func predicateColumn(year int) Column {
	return ColPredicate + "_" + Column(strconv.Itoa(year))
}
