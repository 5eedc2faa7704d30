package api

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// PlaceBody is where a position sits.
type PlaceBody struct {
	Agency   string `json:"agency" maxLength:"200" example:"Pemerintah Kabupaten Kalianda"`
	Unit     string `json:"unit,omitempty" maxLength:"200" example:"BKPSDM"`
	Regency  string `json:"regency,omitempty" maxLength:"200"`
	Province string `json:"province,omitempty" maxLength:"200"`
}

// Transfer is a transfer request in answers.
type Transfer struct {
	ID          int64     `json:"id"`
	NIP         string    `json:"nip"`
	From        PlaceBody `json:"from"`
	To          PlaceBody `json:"to"`
	ToPosition  *Position `json:"to_position,omitempty"`
	Personal    bool      `json:"personal"`
	RequestedOn string    `json:"requested_on" format:"date"`
	Status      string    `json:"status" enum:"requested,approved,rejected"`
	Outcome     string    `json:"outcome" doc:"Outcome of the check: eligible, not_yet, not_eligible"`
	DecisionID  int64     `json:"decision_id"`
	Version     int64     `json:"version"`
}

func transferOut(t store.Transfer) Transfer {
	out := Transfer{ID: t.ID, NIP: t.NIP, Personal: t.Personal, RequestedOn: t.RequestedOn.String(), Status: t.Status, Outcome: t.Outcome, DecisionID: t.DecisionID, Version: t.Version,
		From: PlaceBody{Agency: t.FromAgency, Unit: t.FromUnit, Regency: t.FromRegency, Province: t.FromProvince},
		To:   PlaceBody{Agency: t.ToAgency, Unit: t.ToUnit, Regency: t.ToRegency, Province: t.ToProvince}}
	var pj store.PositionJSON
	if len(t.ToPosition) > 0 && json.Unmarshal(t.ToPosition, &pj) == nil && pj.Title != "" {
		p := positionOut(pj)
		out.ToPosition = &p
	}
	return out
}

// TransferInput is POST /transfers.
type TransferInput struct {
	RegionPath
	Body struct {
		NIP        string     `json:"nip"`
		From       *PlaceBody `json:"from,omitempty" doc:"Default: the employee's agency and unit, in the region's regency and province"`
		To         PlaceBody  `json:"to" doc:"Without a regency and a province, a place of the region's government (GET /v1/regions shows where it sits)"`
		ToPosition *Position  `json:"to_position,omitempty" doc:"The new position; absent keeps the current one"`
		Personal   bool       `json:"personal,omitempty" doc:"At the employee's own request"`
		On         string     `json:"on,omitempty" format:"date" doc:"Default today"`
	}
}

// TransferOutput is a transfer and its check.
type TransferOutput struct {
	Status int
	ETag   string `header:"ETag"`
	Body   struct {
		Transfer Transfer  `json:"transfer"`
		Decision *Decision `json:"decision,omitempty"`
	}
}

// transferRequest returns the request the policy judges: transfer t of the employee of row emp, on a date, with the
// employee's career and place on the talent grid (talentBands).
func (s *server) transferRequest(ctx context.Context, t store.Transfer, emp store.Employee, on career.Date) (career.TransferRequest, error) {
	es, err := s.store.LoadCareers(ctx, nil, []store.Employee{emp})
	if err != nil {
		return career.TransferRequest{}, err
	}
	preds, err := s.store.Predicates(ctx, nil, emp.Region, []string{emp.NIP})
	if err != nil {
		return career.TransferRequest{}, err
	}
	r := career.TransferRequest{Employee: es[0], Personal: t.Personal, On: on,
		From: career.Place{Agency: t.FromAgency, Regency: t.FromRegency, Province: t.FromProvince},
		To:   career.Place{Agency: t.ToAgency, Regency: t.ToRegency, Province: t.ToProvince}}
	r.Kinerja, r.Potensial = talentBands(preds[emp.NIP], emp.PotentialScore, on)
	return r, nil
}

// transferInputs is what a stored transfer decision records as its inputs: the employee, the request or transfer
// judged (under key), and the talent-grid bands the policy saw.
func transferInputs(emp store.Employee, req career.TransferRequest, key string, judged any) map[string]any {
	return map[string]any{"employee": employeeOut(emp), key: judged,
		"kinerja": req.Kinerja.String(), "potensial": req.Potensial.String()}
}

func (s *server) requestTransfer(ctx context.Context, in *TransferInput) (*TransferOutput, error) {
	nip, err := parseNIP(in.Body.NIP, "body", "nip")
	if err != nil {
		return nil, err
	}
	emp, p, err := s.visibleEmployee(ctx, in.Region, nip.String())
	if err != nil {
		return nil, inField(err, "body", "", "nip")
	}
	region, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	on, err := parseDate(in.Body.On, "body", "on", today())
	if err != nil {
		return nil, err
	}
	t := store.Transfer{Region: in.Region, NIP: emp.NIP, FromAgency: emp.Agency, FromUnit: emp.Unit, Personal: in.Body.Personal, RequestedOn: store.Date(on),
		ToAgency: strings.TrimSpace(in.Body.To.Agency), ToUnit: strings.TrimSpace(in.Body.To.Unit), ToRegency: in.Body.To.Regency, ToProvince: in.Body.To.Province}
	if f := in.Body.From; f != nil {
		t.FromAgency, t.FromUnit, t.FromRegency, t.FromProvince = strings.TrimSpace(f.Agency), strings.TrimSpace(f.Unit), f.Regency, f.Province
	}
	// A place the request does not locate is in the region's government: who decides the move depends on where
	// both places sit (career.TransferAuthority), and the stored transfer shows what was judged.
	for _, place := range []struct{ regency, province *string }{{&t.FromRegency, &t.FromProvince}, {&t.ToRegency, &t.ToProvince}} {
		if strings.TrimSpace(*place.regency) == "" && strings.TrimSpace(*place.province) == "" {
			*place.regency, *place.province = region.Regency, region.Province
		}
	}
	if in.Body.ToPosition != nil {
		pos, err := in.Body.ToPosition.career("to_position.")
		if err != nil {
			return nil, err
		}
		if t.ToPosition, err = json.Marshal(store.PositionJSONOf(pos)); err != nil {
			return nil, err
		}
	}
	req, err := s.transferRequest(ctx, t, emp, on)
	if err != nil {
		return nil, err
	}
	d, err := pol.CheckTransfer(ctx, req)
	if err != nil {
		return nil, inField(err, "body", "", "")
	}
	out := &TransferOutput{Status: 201}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		id, err := s.storeDecision(ctx, tx, in.Region, pol, d, transferInputs(emp, req, "request", in.Body))
		if err != nil {
			return err
		}
		t.DecisionID, t.Outcome = id, d.Outcome
		if err := s.store.InsertTransfer(ctx, tx, &t); err != nil {
			return err
		}
		dec := decisionOut(ctx, d, id, pol.ref())
		out.Body.Transfer, out.Body.Decision = transferOut(t), &dec
		return s.audit(ctx, tx, p, in.Region, "transfer.request", "transfer:"+idString(t.ID), nil, out.Body.Transfer)
	})
	if err != nil {
		return nil, err
	}
	out.ETag = ETag(t.Version)
	return out, nil
}

// TransferPath addresses one transfer.
type TransferPath struct {
	RegionPath
	ID string `path:"id" maxLength:"20"`
}

func (s *server) visibleTransfer(ctx context.Context, region, id string) (store.Transfer, store.Employee, error) {
	if _, err := s.region(ctx, region); err != nil {
		return store.Transfer{}, store.Employee{}, err
	}
	n, ok := parseID(id)
	if !ok {
		return store.Transfer{}, store.Employee{}, catalogueError(career.NotFound, "path.id", msgNotFound)
	}
	t, err := s.store.GetTransfer(ctx, nil, region, n)
	if err != nil {
		return t, store.Employee{}, inField(err, "path", "", "id")
	}
	emp, _, err := s.visibleEmployee(ctx, region, t.NIP)
	return t, emp, err
}

func (s *server) getTransfer(ctx context.Context, in *TransferPath) (*TransferOutput, error) {
	t, _, err := s.visibleTransfer(ctx, in.Region, in.ID)
	if err != nil {
		return nil, err
	}
	out := &TransferOutput{Status: 200, ETag: ETag(t.Version)}
	out.Body.Transfer = transferOut(t)
	return out, nil
}

// ApproveInput is POST /transfers/{id}/approve.
type ApproveInput struct {
	TransferPath
	IfMatch string `header:"If-Match" doc:"Optional ETag of the transfer; if given and stale, 412"`
	Body    *struct {
		On string `json:"on,omitempty" format:"date" doc:"The day the move takes effect (TMT of the new position); default today"`
	}
}

// approveTransfer checks the request again on the day it takes effect and, when eligible, moves the employee:
// agency, unit and (if asked) position change, the old position goes to the history, and the transfer is approved —
// all in one transaction with one audit event. A check that is not eligible is 409 with the decision's reasons.
func (s *server) approveTransfer(ctx context.Context, in *ApproveInput) (*TransferOutput, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return nil, err
	}
	t, emp, err := s.visibleTransfer(ctx, in.Region, in.ID)
	if err != nil {
		return nil, err
	}
	if err := checkIfMatch(ctx, in.IfMatch, t.Version, false); err != nil {
		return nil, err
	}
	if t.Status != store.TransferRequested {
		return nil, career.Newf(career.Conflict, "", "mutasi %d sudah %s", "transfer %d is %s already", t.ID, transferStatusName(t.Status))
	}
	on := today()
	if in.Body != nil {
		if on, err = parseDate(in.Body.On, "body", "on", today()); err != nil {
			return nil, err
		}
	}
	_, pol, err := s.policyFor(ctx, in.Region)
	if err != nil {
		return nil, err
	}
	req, err := s.transferRequest(ctx, t, emp, on)
	if err != nil {
		return nil, err
	}
	d, err := pol.CheckTransfer(ctx, req)
	if err != nil {
		return nil, err
	}
	if d.Outcome != career.Eligible {
		var id, en []string
		for _, c := range d.Failed() {
			id, en = append(id, c.Text.ID), append(en, c.Text.EN)
		}
		outcome := career.Message{ID: "belum memenuhi syarat", EN: d.Outcome}
		if d.Outcome == career.NotEligible {
			outcome.ID = "tidak memenuhi syarat"
		}
		return nil, career.Newf(career.Conflict, "", "mutasi %s: %s", "the transfer is %s: %s",
			outcome, career.Message{ID: strings.Join(id, "; "), EN: strings.Join(en, "; ")})
	}
	out := &TransferOutput{Status: 200}
	err = s.store.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		id, err := s.storeDecision(ctx, tx, in.Region, pol, d, transferInputs(emp, req, "transfer", transferOut(t)))
		if err != nil {
			return err
		}
		next := emp
		next.Agency, next.Unit, next.PositionTMT = t.ToAgency, t.ToUnit, store.Date(on)
		if len(t.ToPosition) > 0 {
			var pj store.PositionJSON
			if err := json.Unmarshal(t.ToPosition, &pj); err != nil {
				return err
			}
			next.PositionTitle, next.PositionKind, next.PositionLevel, next.PositionField = pj.Title, pj.Kind, pj.Level, pj.Field
			next.PositionService, next.PositionLowestGrade = pj.Service, pj.LowestGrade
		}
		cur, err := s.store.UpdateEmployee(ctx, tx, next, emp.Version)
		if err != nil {
			return err
		}
		if err := s.store.AppendHistory(ctx, tx, changeHistory(emp, cur, "transfer:"+idString(t.ID))); err != nil {
			return err
		}
		if err := s.store.DecideTransfer(ctx, tx, in.Region, t.ID, t.Version, store.TransferApproved); err != nil {
			return err
		}
		if t, err = s.store.GetTransfer(ctx, tx, in.Region, t.ID); err != nil {
			return err
		}
		dec := decisionOut(ctx, d, id, pol.ref())
		out.Body.Transfer, out.Body.Decision = transferOut(t), &dec
		return s.audit(ctx, tx, p, in.Region, "transfer.approve", "transfer:"+idString(t.ID),
			map[string]any{"status": store.TransferRequested, "employee": employeeOut(emp)},
			map[string]any{"status": store.TransferApproved, "employee": employeeOut(cur)})
	})
	if err != nil {
		return nil, err
	}
	out.ETag = ETag(t.Version)
	return out, nil
}

// transferStatusName names a transfer status in an error: in Indonesian, and as its code in English.
func transferStatusName(status string) career.Message {
	switch status {
	case store.TransferRequested:
		return career.Message{ID: "diajukan", EN: status}
	case store.TransferApproved:
		return career.Message{ID: "disetujui", EN: status}
	case store.TransferRejected:
		return career.Message{ID: "ditolak", EN: status}
	}
	return career.Message{ID: status, EN: status}
}
