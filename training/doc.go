// Package training is competency development of ASN (pengembangan kompetensi) under PP 11/2017 jo PP 17/2020 and
// Peraturan LAN 10/2018: programs on classical and non-classical routes, the JP ledger of each employee (1 JP, jam
// pelajaran, is 45 minutes), the yearly requirement of at least 20 JP and compliance with it, recommendations drawn
// from appraisal results, and the allocation of a limited budget to training seats.
//
// A region shapes these through a Policy; the national baseline is National.
//
// The package imports only the standard library and packages career and evaluation.
package training
