// Package evaluation is performance appraisal of ASN (penilaian kinerja, SKP) under PermenPANRB 6/2022: ratings of
// results (hasil kerja) and of behaviour (perilaku kerja, the seven BerAKHLAK core values) against expectations, from
// one or more sources, turned into a performance predicate (predikat kinerja) by the national matrix; and the credit
// points (angka kredit) a functional position earns from its predicate under PermenPANRB 1/2023.
//
// A region shapes appraisal through a Policy: how often, which sources count and how, how results are measured. The
// national baseline is National.
//
// The package imports only the standard library and package career.
package evaluation
