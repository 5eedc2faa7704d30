// Package importer imports a region's employees from the spreadsheets an HR office (BKPSDM / BKD) already has: a
// CSV or XLSX export of SIMPEG or SIASN (DESIGN §6).
//
// # File
//
// The format is told by content (an XLSX is a zip, "PK\x03\x04"), then by name or media type. CSV may be separated
// by commas, semicolons (as Indonesian-locale spreadsheet programs write it) or tabs, in UTF-8 with or without a
// byte-order mark. Of an XLSX the first sheet is read. The header is the first of the first ten rows that has a nip
// column (exports often put a title above it); header cells are matched case-insensitively, with spaces, dashes and
// dots folded to underscores, against the canonical names and common aliases (see aliases in columns.go):
//
//	nip             required  18 digits; spaces and dots between the groups are accepted
//	nama            required
//	jenis_pegawai             PNS or PPPK; empty means PNS (also read from a status_asn or status_pegawai column,
//	                          not from a bare status column, which in SIMPEG exports holds Aktif, Pensiun, …)
//	golongan        required  III/a (PNS) or IX (PPPK)
//	tmt_golongan    required  date
//	jabatan         required  position title
//	jenis_jabatan   required  pelaksana, fungsional, pengawas, administrator, jpt_pratama, jpt_madya, jpt_utama
//	jenjang                   functional level (ahli_muda, terampil, …): required for fungsional, empty otherwise
//	bidang                    job field or profession
//	golongan_terendah         lowest grade the position requires (pangkat terendah): a PNS grade, III/c
//	layanan_publik            ya / tidak
//	tmt_jabatan     required  date
//	pendidikan      required  SD, SLTP, SLTA, D-I … D-IV, S1, S2, S3, dokter, apoteker
//	unit_kerja, instansi
//	nip_atasan                NIP of the direct superior: a row of the file or an employee of the region
//	tmt_cpns                  date; empty means the month the NIP encodes
//	angka_kredit              number, 12.5 or 12,5
//	predikat_<year>           annual predicate (baik, sangat_baik, …), any number of years: predikat_2023, predikat_2024
//	potensi                   potential score 0–100
//	hukuman_disiplin          the current disciplinary sanction (PP 94/2021): ringan, sedang or berat; one a row,
//	                          added to the employee's stored sanctions (see Modes)
//	tmt_hukuman               its first day: required with hukuman_disiplin
//	hukuman_sampai            its last day, not before the first; empty means open-ended
//
// Other columns are ignored and listed in Result.Ignored. Dates are YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (day
// first), or spreadsheet dates (an XLSX date cell, or its serial number in a CSV).
//
// # Validation
//
// Every row is parsed with the career parsers and checked with career.Employee.Validate before anything is
// written, and every error is kept with its row (as the file numbers it: the header is usually row 1), column and a
// message — all of them, not only the first of a row or of the file (up to Options.MaxErrors listed; all counted).
// A NIP twice in the file is an error of both rows. A superior (nip_atasan) that is neither a row of the file nor a
// current employee of the region is an error of the row, not a warning: the appraisal of that employee would have
// no reachable rater, and an office that does not know the superior can leave the cell empty.
//
// # Modes
//
// All-or-nothing (the default): one invalid row and nothing is written; the *InvalidError lists every error. With
// Options.SkipInvalid the valid rows are written and the invalid ones reported; a row whose superior's row is
// skipped is skipped too. A file the importer cannot read, or whose header lacks a required column, is refused in
// both modes.
//
// Existing NIPs are updated by default (Update): a monthly re-export from SIMPEG re-imports cleanly, an unchanged
// row keeps its version, a changed grade or position sends the previous one to the employee's history, and a
// soft-deleted employee is restored. With Reject an existing NIP is an error of its row.
//
// A column the file lacks leaves what is stored alone: without golongan_terendah an existing employee keeps the
// position's lowest grade, without hukuman_disiplin its sanctions. With golongan_terendah the row is the truth (an
// empty cell included), and an employee whose lowest grade changes counts as updated and gets a new version.
//
// An import never deletes a sanction. A file holds at most one sanction an employee, the current one, while an
// employee may have several (an earlier one, or one decided that starts later), so the row's sanction is added to
// the employee's stored sanctions, not put in their place. A stored sanction with the same level and the same first
// day (tmt_hukuman) is the same sanction: when the row's last day (hukuman_sampai; empty: open-ended) differs, the
// stored one's is updated, keeping its id, note and recording date. An empty hukuman_disiplin cell leaves the
// stored sanctions as they are. An employee to whom the import adds a sanction, or whose sanction's last day it
// changes, counts as updated and gets a new version even when the rest of its row is the same; a sanction the
// employee already has as the row tells it changes nothing. Clearing or deleting sanctions is done with
// PUT /employees/{nip}, which replaces the whole list.
//
// # Memory and speed
//
// The file is streamed twice and never held: CSV with encoding/csv, one record at a time; XLSX with excelize's
// streaming row iterator, which unzips a large sheet to a temporary file. Pass 1 validates and keeps 8 bytes per
// NIP (duplicates), the rows naming a superior and the invalid row numbers; pass 2 reads the file again and writes
// the valid rows in batches, in one transaction (store.ImportEmployees): COPY on PostgreSQL, 1,000-row INSERTs on
// SQLite. Nothing is written unless the transaction commits, so a crash half-way leaves the region as it was.
//
// # Audit
//
// An import writes, in its transaction, one event for the whole import ("employee.import": the file, the mode and
// the counts) and one for each thing it overwrote, as an update through the API would: "employee.update" (or
// "employee.restore" for a soft-deleted employee brought back) with the employee before and after in the form
// Options.Record gives — the server's answer about one employee, sanctions included — and "predicate.update" for an
// imported annual predicate the file replaced. New employees and new predicates are counted in the import's event,
// not one by one: they had no earlier state to lose, so a first import of a whole region stays one event and
// keeps its speed, and a monthly re-import records exactly the employees whose data changed.
package importer
