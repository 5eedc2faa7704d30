// Package career is the ground of Jenjang: the civil servant (ASN) and the facts every other rule is judged on.
//
// It holds the NIP (Nomor Induk Pegawai, PP 11/2017 and Peraturan BKN on the NIP), the 17 PNS grades
// (pangkat/golongan ruang, PP 99/2000 jo PP 12/2002) and the regular-promotion ceiling by education, the kinds of
// position (jabatan, UU 20/2023), an employee with grade and position history, transfer (mutasi, PP 11/2017
// Pasal 190) eligibility, and the talent 9-box (PermenPANRB 3/2020).
//
// It also holds what every domain package shares: the calendar Date, the error vocabulary (Error, Code) and the shape
// of a decision (Decision, Criterion), so that a predicate, a promotion assessment or a mentor match can each say
// which rule and which source produced it.
//
// The package imports only the standard library.
package career
