package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
)

// Event is one append-only audit record: who (Actor) did what (Action) to which thing (Target) in which region,
// when, with the thing's state before and after as JSON. The store offers no way to change or delete an event, and
// the database refuses it too (a trigger).
type Event struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID     int64           `bun:"id,pk,autoincrement" json:"id"`
	At     time.Time       `bun:"at,notnull" json:"at"`
	Region string          `bun:"region,nullzero" json:"region,omitempty"` // "" for an event outside any region
	Actor  string          `bun:"actor,notnull" json:"actor"`              // e.g. auth.Principal.Actor(): "token:12"
	Action string          `bun:"action,notnull" json:"action"`            // dotted verb, e.g. "employee.update"
	Target string          `bun:"target,notnull" json:"target"`            // e.g. "employee:198609262015051001"
	Before json.RawMessage `bun:"before,type:json" json:"before,omitempty"`
	After  json.RawMessage `bun:"after,type:json" json:"after,omitempty"`
}

// AppendAudit appends e using db, which should be the transaction that makes the change, so that the change and its
// record commit or roll back together:
//
//	err := s.RunInTx(ctx, func(ctx context.Context, tx bun.Tx) error {
//		// ... change rows with tx ...
//		return s.AppendAudit(ctx, tx, store.Event{Region: r, Actor: p.Actor(), Action: "employee.update", ...})
//	})
//
// At defaults to now. Before and After must be valid JSON or empty.
func (s *Store) AppendAudit(ctx context.Context, db bun.IDB, e Event) error {
	if err := e.ready(s.now()); err != nil {
		return err
	}
	_, err := db.NewInsert().Model(&e).Exec(ctx)
	return err
}

// ready checks that e can be appended and fills what the store sets: At (now when zero, in UTC) and no ID.
func (e *Event) ready(now time.Time) error {
	if e.Actor == "" || e.Action == "" || e.Target == "" {
		return fmt.Errorf("store: audit event needs actor, action and target (got %q, %q, %q)", e.Actor, e.Action, e.Target)
	}
	for name, raw := range map[string]json.RawMessage{"before": e.Before, "after": e.After} {
		if len(raw) > 0 && !json.Valid(raw) {
			return fmt.Errorf("store: audit event %s is not valid JSON", name)
		}
	}
	if e.At.IsZero() {
		e.At = now
	}
	e.At = e.At.UTC()
	e.ID = 0
	return nil
}

// AuditFilter selects audit events. Zero fields do not filter.
type AuditFilter struct {
	Region string // only this region's events
	Target string // only the events of this thing, e.g. "employee:198609262015051001": its history
	Action string // only this action, e.g. "employee.update"
	Limit  int    // page size; 0 means DefaultAuditLimit, and it is capped at MaxAuditLimit
	Cursor string // from the previous page's AuditPage.Next; "" for the first page
}

// Paging bounds of ListAudit.
const (
	DefaultAuditLimit = 50
	MaxAuditLimit     = 500
)

// AuditPage is one page of audit events, newest first.
type AuditPage struct {
	Events []Event
	Next   string // cursor of the next (older) page; "" on the last page
}

// ListAudit returns audit events matching f, newest first, one page at a time.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) (AuditPage, error) {
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultAuditLimit
	case limit > MaxAuditLimit:
		limit = MaxAuditLimit
	}
	q := s.db.NewSelect().Model((*Event)(nil)).OrderExpr("id DESC").Limit(int64(limit) + 1)
	if f.Region != "" {
		q = q.Where("region = ?", f.Region)
	}
	if f.Target != "" {
		q = q.Where("target = ?", f.Target)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Cursor != "" {
		before, err := strconv.ParseInt(f.Cursor, 10, 64)
		if err != nil || before <= 0 {
			return AuditPage{}, career.Newf(career.Invalid, "cursor", "penanda halaman (cursor) tidak valid",
				"invalid cursor")
		}
		q = q.Where("id < ?", before)
	}
	var events []Event
	if err := q.Scan(ctx, &events); err != nil {
		return AuditPage{}, err
	}
	for i := range events { // a NULL column scans as the JSON literal null; keep "absent" absent
		if string(events[i].Before) == "null" {
			events[i].Before = nil
		}
		if string(events[i].After) == "null" {
			events[i].After = nil
		}
	}
	page := AuditPage{Events: events}
	if len(events) > limit {
		page.Events = events[:limit]
		// The cursor is the id to continue below. Clients must treat it as opaque.
		page.Next = strconv.FormatInt(page.Events[limit-1].ID, 10)
	}
	if page.Events == nil {
		page.Events = []Event{}
	}
	return page, nil
}

// mustJSON marshals values the store builds itself, which cannot fail to marshal.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: marshal %T: %v", v, err))
	}
	return b
}
