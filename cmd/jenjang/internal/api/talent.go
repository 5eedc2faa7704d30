package api

import (
	"context"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/evaluation"
)

// kinerjaBand maps an annual predicate to the performance axis of the 9-box. The regulation (PermenPANRB 3/2020)
// speaks of kinerja above, meeting or below expectations; the server reads the year's predicate so: Sangat Baik →
// above (High), Baik → meets (Middle), Butuh Perbaikan, Kurang and Sangat Kurang → below (Low).
func kinerjaBand(p evaluation.Predicate) career.Band {
	switch {
	case p == evaluation.SangatBaik:
		return career.High
	case p == evaluation.Baik:
		return career.Middle
	}
	return career.Low
}

// talentBands places an employee on the talent grid on a date, as the grid of GET /talent/grid does: the
// performance band of the annual predicate of the year of on, or else of the year before (an older one says little
// about today), and the potential band of the stored score; 0 where unknown.
func talentBands(preds map[int]evaluation.Predicate, potential *float64, on career.Date) (kinerja, potensial career.Band) {
	for _, y := range []int{on.Year(), on.Year() - 1} {
		if p, ok := preds[y]; ok {
			kinerja = kinerjaBand(p)
			break
		}
	}
	if potential != nil {
		potensial = career.PotentialBand(*potential)
	}
	return kinerja, potensial
}

// TalentInput is GET /talent/grid.
type TalentInput struct {
	RegionPath
	YearInput
}

// TalentRow is one employee's place on the grid.
type TalentRow struct {
	NIP        string   `json:"nip"`
	Name       string   `json:"name"`
	Unit       string   `json:"unit"`
	Predicate  string   `json:"predicate,omitempty"`
	Potential  *float64 `json:"potential_score,omitempty"`
	Kinerja    string   `json:"kinerja,omitempty" enum:"low,middle,high"`
	Potensial  string   `json:"potensial,omitempty" enum:"low,middle,high"`
	Box        int      `json:"box,omitempty" minimum:"1" maximum:"9"`
	Actions    []string `json:"actions,omitempty"`
	Succession bool     `json:"succession"`
	Unplaced   string   `json:"unplaced,omitempty" doc:"Why the employee is not on the grid: no predicate for the year, or no potential score"`
}

// TalentOutput is the 9-box of a year.
type TalentOutput struct {
	Body struct {
		Year       int         `json:"year"`
		Boxes      map[int]int `json:"boxes" doc:"Employees per box"`
		Succession []string    `json:"succession" doc:"NIPs in boxes 7–9 (the succession pool)"`
		Rows       []TalentRow `json:"rows"`
	}
}

func (s *server) talentGrid(ctx context.Context, in *TalentInput) (*TalentOutput, error) {
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	year := in.year()
	out := &TalentOutput{}
	out.Body.Year, out.Body.Boxes, out.Body.Succession, out.Body.Rows = year, map[int]int{}, []string{}, []TalentRow{}
	err := s.store.EachEmployee(ctx, store.EmployeeFilter{Region: in.Region}, eligibilityBatch, func(rows []store.Employee) error {
		preds, err := s.store.Predicates(ctx, nil, in.Region, each(rows, nipOf))
		if err != nil {
			return err
		}
		for _, r := range rows {
			row := TalentRow{NIP: r.NIP, Name: r.Name, Unit: r.Unit, Potential: r.PotentialScore}
			pred, ok := preds[r.NIP][year]
			switch {
			case !ok:
				row.Unplaced = "no_predicate"
			case r.PotentialScore == nil:
				row.Predicate, row.Unplaced = pred.String(), "no_potential_score"
			default:
				row.Predicate = pred.String()
				k, pt := kinerjaBand(pred), career.PotentialBand(*r.PotentialScore)
				box, err := career.Box(k, pt)
				if err != nil {
					return err
				}
				row.Kinerja, row.Potensial, row.Box, row.Succession = k.String(), pt.String(), int(box), box.Succession()
				for _, a := range box.Actions() {
					row.Actions = append(row.Actions, string(a))
				}
				out.Body.Boxes[int(box)]++
				if box.Succession() {
					out.Body.Succession = append(out.Body.Succession, r.NIP)
				}
			}
			out.Body.Rows = append(out.Body.Rows, row)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
