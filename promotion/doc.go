// Package promotion decides rank promotion (kenaikan pangkat) of PNS under PP 99/2000 jo PP 12/2002 — regular,
// functional and structural — with the effective-date (TMT) schedule in force at each date, and ranks applicants for a
// position (seleksi jabatan) by a weighted merit score.
//
// Every decision lists each criterion with its values and source, and a not-yet-eligible decision gives the earliest
// date it could pass. The national hard floors that no region may relax are in Floors.
//
// The package imports only the standard library and the other domain packages.
package promotion
