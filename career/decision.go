package career

import "strings"

// Outcome is the result of an eligibility decision. Decisions of other kinds (a predicate, a rank) use their own
// outcome codes in Decision.Outcome.
const (
	Eligible    = "eligible"     // every criterion passes
	NotYet      = "not_yet"      // only time-based criteria fail; Decision.NotBefore says when they pass
	NotEligible = "not_eligible" // a criterion fails that time alone will not cure
)

// Message is a text in Indonesian and English. Every criterion and decision carries both, so that a user and an
// auditor read the same reason in their language.
type Message struct {
	ID string // Bahasa Indonesia
	EN string // English
}

// In returns the text for a language tag: English for tags starting with "en", Indonesian otherwise.
func (m Message) In(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "en") && m.EN != "" {
		return m.EN
	}
	return m.ID
}

// Criterion is one rule applied in a decision (DESIGN §3.9).
type Criterion struct {
	// Code is stable and dotted: "promotion.regular.min_years_in_grade".
	Code string
	// Passed reports whether the rule is met.
	Passed bool
	// Required and Found are the value the rule asks for and the value the employee has, as text ("4 tahun", "III/d").
	Required string
	Found    string
	// Source is the regulation and article, or the region policy and its parameter, the rule comes from.
	Source string
	// Text says what the rule asks, in Indonesian and English.
	Text Message
}

// PolicyRef names the policy that made a decision.
type PolicyRef struct {
	Region  string // region code; "national" for the baseline
	Version string // the policy's version
}

// Decision is the common shape of every rule-based answer: predicate, promotion eligibility, transfer check, mentor
// match, training allocation, selection ranking (DESIGN §3.9). A person can see why; an auditor can replay it.
type Decision struct {
	Kind      string      // "promotion.regular", "evaluation.predicate", "transfer", …
	Subject   string      // what was decided on: a NIP, an appraisal id, a position id
	Outcome   string      // Eligible, NotYet, NotEligible, a predicate code, …
	NotBefore Date        // for NotYet: the earliest date the outcome could change
	Criteria  []Criterion // one entry per rule applied, in the order applied
	// Details holds named results that are not criteria: the TMT of a promotion, the authority that decides a
	// transfer, a score, a 9-box cell.
	Details  map[string]string
	Policy   PolicyRef
	JudgedAt Date
}

// Add appends a criterion and returns whether it passed, so rules read as `if !d.Add(...) { … }`.
func (d *Decision) Add(c Criterion) bool {
	d.Criteria = append(d.Criteria, c)
	return c.Passed
}

// Set records a named detail.
func (d *Decision) Set(key, value string) {
	if d.Details == nil {
		d.Details = make(map[string]string, 2)
	}
	d.Details[key] = value
}

// AllPassed reports whether every criterion passed.
func (d Decision) AllPassed() bool {
	for _, c := range d.Criteria {
		if !c.Passed {
			return false
		}
	}
	return true
}

// Failed returns the criteria that did not pass.
func (d Decision) Failed() []Criterion {
	var out []Criterion
	for _, c := range d.Criteria {
		if !c.Passed {
			out = append(out, c)
		}
	}
	return out
}

// Criterion returns the criterion with the given code.
func (d Decision) Criterion(code string) (Criterion, bool) {
	for _, c := range d.Criteria {
		if c.Code == code {
			return c, true
		}
	}
	return Criterion{}, false
}

// Explain returns one line per criterion in the given language: "✓ At least 4 years in grade (required 4 tahun,
// found 5 tahun 1 bulan; PP 99/2000 Pasal 4)".
func (d Decision) Explain(lang string) []string {
	lines := make([]string, 0, len(d.Criteria))
	req, found := "syarat", "nilai"
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		req, found = "required", "found"
	}
	for _, c := range d.Criteria {
		mark := "✗"
		if c.Passed {
			mark = "✓"
		}
		line := mark + " " + c.Text.In(lang)
		var parts []string
		if c.Required != "" {
			parts = append(parts, req+" "+c.Required)
		}
		if c.Found != "" {
			parts = append(parts, found+" "+c.Found)
		}
		if c.Source != "" {
			parts = append(parts, c.Source)
		}
		if len(parts) > 0 {
			line += " (" + strings.Join(parts, "; ") + ")"
		}
		lines = append(lines, line)
	}
	return lines
}
