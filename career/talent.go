package career

import "fmt"

// Band is a three-step level on one axis of the talent grid: kinerja (performance: Di bawah / Sesuai / Di atas
// ekspektasi) or potensial (potential: Rendah / Menengah / Tinggi).
type Band int

// Bands, lowest first.
const (
	Low    Band = iota + 1 // kinerja di bawah ekspektasi; potensial rendah
	Middle                 // kinerja sesuai ekspektasi; potensial menengah
	High                   // kinerja di atas ekspektasi; potensial tinggi
)

func (b Band) String() string {
	switch b {
	case Low:
		return "low"
	case Middle:
		return "middle"
	case High:
		return "high"
	}
	return ""
}

// PotentialBand maps a potential score (0–100, from a competency and potential assessment) to a band:
// below 60 Rendah, 60 to below 80 Menengah, 80 and above Tinggi.
func PotentialBand(score float64) Band {
	switch {
	case score >= 80:
		return High
	case score >= 60:
		return Middle
	}
	return Low
}

// TalentBox is a cell of the 9-box talent grid, 1 to 9 (PermenPANRB 3/2020 on talent management).
type TalentBox int

// Box places an employee on the 9-box from performance (kinerja) and potential (potensial).
//
//	            potensial: Rendah  Menengah  Tinggi
//	kinerja Di atas          4        7        9
//	kinerja Sesuai           2        5        8
//	kinerja Di bawah         1        3        6
func Box(kinerja, potensial Band) (TalentBox, error) {
	if kinerja < Low || kinerja > High {
		return 0, Newf(Invalid, "kinerja", "tingkat kinerja harus low, middle atau high",
			"performance band must be low, middle or high")
	}
	if potensial < Low || potensial > High {
		return 0, Newf(Invalid, "potensial", "tingkat potensial harus low, middle atau high",
			"potential band must be low, middle or high")
	}
	grid := [3][3]TalentBox{
		{1, 3, 6}, // kinerja di bawah
		{2, 5, 8}, // sesuai
		{4, 7, 9}, // di atas
	}
	return grid[kinerja-1][potensial-1], nil
}

// Succession reports whether the box belongs to the succession pool (boxes 7, 8 and 9).
func (b TalentBox) Succession() bool { return b >= 7 && b <= 9 }

// Action is a recommended talent action for a box.
type Action string

// Talent actions (PermenPANRB 3/2020).
const (
	ActPromote     Action = "promote"
	ActRetain      Action = "retain"
	ActRotate      Action = "rotate"
	ActCoach       Action = "coach"
	ActDevelop     Action = "develop"
	ActCounsel     Action = "counsel"
	ActPlace       Action = "place"       // placement (review) in a position that fits
	ActPerformance Action = "performance" // handled under the discipline and performance rules
)

// Actions returns the recommended actions for the box, in the order of the regulation's table.
func (b TalentBox) Actions() []Action {
	switch b {
	case 9:
		return []Action{ActPromote, ActRetain}
	case 8:
		return []Action{ActRetain, ActRotate, ActCoach}
	case 7:
		return []Action{ActRetain, ActRotate, ActDevelop}
	case 6:
		return []Action{ActPlace, ActCoach, ActCounsel}
	case 5:
		return []Action{ActPlace, ActCoach, ActDevelop}
	case 4:
		return []Action{ActRotate, ActDevelop}
	case 3:
		return []Action{ActCoach, ActCounsel, ActDevelop, ActPlace}
	case 2:
		return []Action{ActCoach, ActDevelop, ActPlace}
	case 1:
		return []Action{ActPerformance}
	}
	return nil
}

// Kinerja returns the performance band of the box.
func (b TalentBox) Kinerja() Band {
	switch b {
	case 4, 7, 9:
		return High
	case 2, 5, 8:
		return Middle
	case 1, 3, 6:
		return Low
	}
	return 0
}

// Potensial returns the potential band of the box.
func (b TalentBox) Potensial() Band {
	switch b {
	case 6, 8, 9:
		return High
	case 3, 5, 7:
		return Middle
	case 1, 2, 4:
		return Low
	}
	return 0
}

// String returns "box 9".
func (b TalentBox) String() string { return fmt.Sprintf("box %d", int(b)) }
