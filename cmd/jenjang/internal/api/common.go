package api

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// inField renames the field of a career error to where it sits in the request ("body.grade_tmt",
// "query.date"), so that the problem's errors[].location points at the input at fault. where is "body", "query" or
// "path"; prefix is the path of the enclosing object ("position."), if any. A field-less error gets name.
func inField(err error, where, prefix, name string) error {
	var ce *career.Error
	if !errors.As(err, &ce) {
		return err
	}
	cp := *ce
	field := cp.Field
	if field == "" || field == "date" || field == "grade" && name != "" && name != "grade" {
		field = name
	}
	if field == "" {
		return &cp
	}
	cp.Field = where + "." + prefix + field
	return &cp
}

// parseDate parses an optional "YYYY-MM-DD" input; "" gives def.
func parseDate(s, where, name string, def career.Date) (career.Date, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	d, err := career.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return d, inField(err, where, "", name)
	}
	return d, nil
}

// parseNIP parses a NIP from the request; a malformed one is an Invalid error naming the field.
func parseNIP(s, where, name string) (career.NIP, error) {
	n, err := career.ParseNIPAt(s, career.Date{})
	if err != nil {
		return n, inField(err, where, "", name)
	}
	return n, nil
}

// parseID parses a numeric id of a path; anything else is simply not found.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// forbidden is the error of a record-level access rule: the caller's role may use the route, but not on this record.
func forbidden(ctx context.Context) error {
	return catalogueError(career.Forbidden, "", msgRecordForbidden)
}

// regionWide reports whether p sees every employee of the region: admins and auditors.
func regionWide(p auth.Principal) bool { return p.Role == auth.Admin || p.Role == auth.Auditor }

// canSee reports whether p may read the records of employee e: admins and auditors every employee of the region;
// a supervisor their direct subordinates and themselves; an employee only themselves.
func canSee(p auth.Principal, e store.Employee) bool {
	switch {
	case regionWide(p):
		return true
	case p.NIP == "":
		return false
	case p.Role == auth.Supervisor:
		return e.SupervisorNIP == p.NIP || e.NIP == p.NIP
	}
	return e.NIP == p.NIP
}

// employeeInput loads employee nip of the path's region after checking the region and the caller's record access.
// A malformed NIP, or one not in this region, is 404 for everyone: another region's NIP looks like a missing one.
func (s *server) visibleEmployee(ctx context.Context, region, nip string) (store.Employee, auth.Principal, error) {
	p, err := principalFrom(ctx)
	if err != nil {
		return store.Employee{}, p, err
	}
	if _, err := s.region(ctx, region); err != nil {
		return store.Employee{}, p, err
	}
	n, err := career.ParseNIPAt(nip, career.Date{})
	if err != nil {
		return store.Employee{}, p, catalogueError(career.NotFound, "path.nip", msgNotFound)
	}
	row, err := s.store.GetEmployee(ctx, nil, region, n.String())
	if err != nil {
		return row, p, inField(err, "path", "", "nip")
	}
	if !canSee(p, row) {
		return row, p, forbidden(ctx)
	}
	return row, p, nil
}

// each returns f of every element of xs, in order: never nil, so that an empty list is [] in JSON, not null.
func each[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// nipOf is the NIP of a row, for each.
func nipOf(r store.Employee) string { return r.NIP }

// audit appends the audit event of a change with tx. before and after are marshalled to JSON (nil: absent).
func (s *server) audit(ctx context.Context, tx bun.Tx, p auth.Principal, region, action, target string, before, after any) error {
	e := store.Event{Region: region, Actor: p.Actor(), Action: action, Target: target}
	var err error
	if before != nil {
		if e.Before, err = json.Marshal(before); err != nil {
			return err
		}
	}
	if after != nil {
		if e.After, err = json.Marshal(after); err != nil {
			return err
		}
	}
	return s.store.AppendAudit(ctx, tx, e)
}

// lang returns the language code of the request for career.Message.In: "id" or "en".
func langOf(ctx context.Context) string { return infoFrom(ctx).lang.String() }

// today is the date the server judges at when a request gives none.
func today() career.Date { return career.Today() }

// idString formats a row id for paths and audit targets.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
