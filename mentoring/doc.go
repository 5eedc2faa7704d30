// Package mentoring pairs mentors with mentees and records their sessions. Mentoring is a non-classical route of
// competency development (PP 17/2020 Pasal 203; Peraturan LAN 10/2018) and its sessions count toward the yearly JP.
//
// A mentor must be senior to the mentee and have a predicate of at least Baik; each mentor takes a limited number of
// mentees. Match assigns mentees to mentors optimally: it first matches as many mentees as the eligibility rules
// and capacities allow, then maximises the total score of the policy among those assignments — a first-fit that
// strands a mentee when a better assignment exists is not acceptable.
//
// The package imports only the standard library and packages career, evaluation and training.
package mentoring
