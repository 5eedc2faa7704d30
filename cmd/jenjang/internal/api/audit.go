package api

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// AuditEvent is an audit event in API answers.
type AuditEvent struct {
	ID     int64           `json:"id"`
	At     time.Time       `json:"at"`
	Region string          `json:"region,omitempty"`
	Actor  string          `json:"actor" example:"token:12" doc:"Who: the token that made the change, or system"`
	Action string          `json:"action" example:"employee.update"`
	Target string          `json:"target" example:"employee:198609262015051001"`
	Before json.RawMessage `json:"before,omitempty" doc:"State before the change"`
	After  json.RawMessage `json:"after,omitempty" doc:"State after the change"`
}

// ListAuditInput is the input of GET /v1/regions/{region}/audit.
type ListAuditInput struct {
	RegionPath
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50" doc:"Page size"`
	Cursor string `query:"cursor" maxLength:"32" doc:"The next value of the previous page"`
	Target string `query:"target" maxLength:"200" example:"employee:198609262015051001" doc:"Only the events of this target: the history of one employee, appraisal, transfer, …"`
	Action string `query:"action" maxLength:"64" example:"employee.update" doc:"Only the events of this action"`
}

// ListAuditOutput is a page of audit events.
type ListAuditOutput struct {
	Body struct {
		Events []AuditEvent `json:"events"`
		Next   string       `json:"next,omitempty" doc:"Cursor of the next (older) page; absent on the last page"`
	}
}

func (s *server) listAudit(ctx context.Context, in *ListAuditInput) (*ListAuditOutput, error) {
	if _, err := s.region(ctx, in.Region); err != nil {
		return nil, err
	}
	page, err := s.store.ListAudit(ctx, store.AuditFilter{Region: in.Region, Limit: in.Limit, Cursor: in.Cursor,
		Target: in.Target, Action: in.Action})
	if err != nil {
		return nil, err
	}
	out := &ListAuditOutput{}
	out.Body.Next = page.Next
	out.Body.Events = make([]AuditEvent, len(page.Events))
	for i, e := range page.Events {
		out.Body.Events[i] = AuditEvent{
			ID: e.ID, At: e.At, Region: e.Region, Actor: e.Actor, Action: e.Action, Target: e.Target,
			Before: e.Before, After: e.After,
		}
	}
	return out, nil
}
