package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

// The audit of an ImportUpsert. Besides the import's own event (EmployeeImport.Audit: the file, the mode, the
// counts), an import that overwrites stored data records what it overwrote, as an update through the API does: one
// event per existing employee it changed, with the employee before and after (sanctions included), and one per
// imported predicate it replaced. New employees and new predicates are not recorded one by one: they did not exist
// before, the import's event counts them, and their rows carry the import's time (created_at, recorded_at). A first
// import of a region's 100,000 employees stays one event and keeps its speed; a monthly re-import records exactly
// the employees whose data changed.

// Names of the snapshot tables: the stored rows an ImportUpsert will change, taken before it changes them.
// Temporary, like the stage tables, so private to the import's connection.
const (
	snapEmployees  = "jenjang_import_before"
	snapSanctions  = "jenjang_import_before_sanctions"
	snapPredicates = "jenjang_import_before_predicates"
)

// predicateReplaced is when the merge replaces a stored predicate (alias predicates) by the import's (excluded):
// an appraisal's predicate is never replaced, and an equal one is left alone.
const predicateReplaced = "predicates.source <> '" + PredicateFromAppraisal + "' AND predicates.predicate <> excluded.predicate"

// The queries of the snapshot tables of sanctions and predicates: the sanctions of the employees in the employees'
// snapshot, and the predicates the merge will replace (predicateReplaced, over the same aliases as the merge's
// upsert).
const (
	snapSanctionsQuery  = "SELECT x.* FROM sanctions x JOIN " + snapEmployees + " b ON x.region = b.region AND x.nip = b.nip"
	snapPredicatesQuery = "SELECT predicates.* FROM " + stagePredicates + " excluded JOIN predicates ON" +
		" predicates.region = excluded.region AND predicates.nip = excluded.nip AND predicates.year = excluded.year" +
		" WHERE " + predicateReplaced
)

// snapshot copies, before the merge changes them, the stored rows it will change, to compare with what it leaves
// (auditChanges). merge has taken the employees it will update (snapEmployees: the upsert's WHERE picks them); this
// adds their sanctions when the import brings sanctions, and the predicates it will replace. The tables are
// temporary: PostgreSQL drops them at commit, SQLite (where they live as long as the pooled connection) when the
// merge ends (dropTemp).
func (w *BulkWriter) snapshot(ctx context.Context) error {
	as := " AS "
	if w.s.dialect == Postgres {
		as = " ON COMMIT DROP AS "
	}
	// Indexed by what auditChanges pages and joins on, or each page would scan the whole snapshot.
	stmts := []string{
		"CREATE INDEX " + snapEmployees + "_nip ON " + snapEmployees + " (nip)",
		"CREATE TEMPORARY TABLE " + snapPredicates + as + snapPredicatesQuery,
		"CREATE INDEX " + snapPredicates + "_nip ON " + snapPredicates + " (nip, year)",
	}
	if w.imp.Sanctions {
		stmts = append(stmts, "CREATE TEMPORARY TABLE "+snapSanctions+as+snapSanctionsQuery,
			"CREATE INDEX "+snapSanctions+"_nip ON "+snapSanctions+" (nip)")
	}
	for _, q := range stmts {
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: import snapshot: %w", err)
		}
	}
	return nil
}

// dropTemp drops SQLite's temporary tables names, if they exist; PostgreSQL drops them at commit.
func (w *BulkWriter) dropTemp(ctx context.Context, names ...string) error {
	if w.s.dialect == Postgres {
		return nil
	}
	for _, t := range names {
		if _, err := w.tx.NewRaw("DROP TABLE IF EXISTS temp.?", bun.Ident(t)).Exec(ctx); err != nil {
			return fmt.Errorf("store: import staging: %w", err)
		}
	}
	return nil
}

// auditChunk is the employees or predicates whose events auditChanges builds and writes at a time, so that memory
// stays flat however many the import changed.
const auditChunk = 1000

// auditChanges appends the events of the employees whose version the merge bumped and of the predicates it
// replaced, built by EmployeeImport.Changed and Replaced, in NIP order.
func (w *BulkWriter) auditChanges(ctx context.Context) error {
	for last := ""; ; {
		var before, after []Employee
		err := w.tx.NewRaw("SELECT b.* FROM "+snapEmployees+" b JOIN employees e ON e.region = b.region AND e.nip = b.nip"+
			" WHERE e.version <> b.version AND b.nip > ? ORDER BY b.nip LIMIT ?", last, auditChunk).Scan(ctx, &before)
		if err != nil {
			return fmt.Errorf("store: import audit: %w", err)
		}
		if len(before) == 0 {
			break
		}
		nips := make([]string, len(before))
		for i := range before {
			nips[i] = before[i].NIP
		}
		err = w.tx.NewSelect().Model(&after).Where("region = ?", w.imp.Region).Where("nip IN (?)", bun.List(nips)).
			OrderExpr("nip").Scan(ctx)
		if err != nil {
			return fmt.Errorf("store: import audit: %w", err)
		}
		if len(after) != len(before) {
			return fmt.Errorf("store: import audit: %d employees changed, %d found after", len(before), len(after))
		}
		sanctionsAfter, err := w.sanctionsOf(ctx, "sanctions", nips)
		if err != nil {
			return err
		}
		sanctionsBefore := sanctionsAfter // an import without sanctions leaves them as they were
		if w.imp.Sanctions {
			if sanctionsBefore, err = w.sanctionsOf(ctx, snapSanctions, nips); err != nil {
				return err
			}
		}
		events := make([]Event, len(before))
		for i := range before {
			before[i].Sanctions, after[i].Sanctions = sanctionsBefore[nips[i]], sanctionsAfter[nips[i]]
			if events[i], err = w.imp.Changed(before[i], after[i]); err != nil {
				return err
			}
		}
		if err := w.writeEvents(ctx, events); err != nil {
			return fmt.Errorf("store: import audit: %w", err)
		}
		last = nips[len(nips)-1]
	}
	return w.auditPredicates(ctx)
}

// sanctionsOf returns the sanctions of the import's region's employees nips held in table (sanctions or its
// snapshot), oldest first, by NIP.
func (w *BulkWriter) sanctionsOf(ctx context.Context, table string, nips []string) (map[string]SanctionList, error) {
	var rows []Sanction
	err := w.tx.NewSelect().Model(&rows).ModelTableExpr("? AS sanction", bun.Ident(table)).Where("region = ?", w.imp.Region).
		Where("nip IN (?)", bun.List(nips)).OrderExpr("nip, from_date, id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: import audit: %w", err)
	}
	out := make(map[string]SanctionList)
	for _, r := range rows {
		out[r.NIP] = append(out[r.NIP], r)
	}
	return out, nil
}

// auditPredicates appends the events of the predicates the merge replaced, a chunk at a time.
func (w *BulkWriter) auditPredicates(ctx context.Context) error {
	type pair struct {
		Before Predicate `bun:"embed:b_"`
		After  Predicate `bun:"embed:a_"`
	}
	lastNIP, lastYear := "", 0
	for {
		var pairs []pair
		err := w.tx.NewRaw("SELECT b.region AS b_region, b.nip AS b_nip, b.year AS b_year, b.predicate AS b_predicate,"+
			" b.source AS b_source, b.appraisal_id AS b_appraisal_id, b.recorded_at AS b_recorded_at,"+
			" p.region AS a_region, p.nip AS a_nip, p.year AS a_year, p.predicate AS a_predicate, p.source AS a_source,"+
			" p.appraisal_id AS a_appraisal_id, p.recorded_at AS a_recorded_at"+
			" FROM "+snapPredicates+" b JOIN predicates p ON p.region = b.region AND p.nip = b.nip AND p.year = b.year"+
			" WHERE b.nip > ? OR (b.nip = ? AND b.year > ?) ORDER BY b.nip, b.year LIMIT ?",
			lastNIP, lastNIP, lastYear, auditChunk).Scan(ctx, &pairs)
		if err != nil {
			return fmt.Errorf("store: import audit: %w", err)
		}
		if len(pairs) == 0 {
			return nil
		}
		events := make([]Event, len(pairs))
		for i, p := range pairs {
			if events[i], err = w.imp.Replaced(p.Before, p.After); err != nil {
				return err
			}
		}
		if err := w.writeEvents(ctx, events); err != nil {
			return fmt.Errorf("store: import audit: %w", err)
		}
		lastNIP, lastYear = pairs[len(pairs)-1].Before.NIP, pairs[len(pairs)-1].Before.Year
	}
}

// auditColumns are the columns of audit_events that writeEvents fills (the id is the database's).
var auditColumns = []string{"at", "region", "actor", "action", "target", "before", "after"}

// writeEvents appends events as AppendAudit appends one, in the import's transaction, the fastest way each
// database offers: COPY on PostgreSQL, one prepared INSERT on SQLite (whose multi-row statements Bun would spell
// out with every event's JSON inlined).
func (w *BulkWriter) writeEvents(ctx context.Context, events []Event) error {
	for i := range events {
		if err := events[i].ready(w.now); err != nil {
			return err
		}
	}
	if w.s.dialect == Postgres {
		i := 0
		return w.copy(ctx, "audit_events", auditColumns, pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(events) {
				return nil, nil
			}
			e := &events[i]
			i++
			w.vals = append(w.vals[:0], e.At, nullText(e.Region), e.Actor, e.Action, e.Target, nullJSON(e.Before), nullJSON(e.After))
			return w.vals, nil
		}))
	}
	stmt, err := w.tx.PrepareContext(ctx,
		"INSERT INTO audit_events (at, region, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range events {
		e := &events[i]
		// The time as Bun writes it to SQLite, so that every event of the table reads and sorts alike.
		at := e.At.UTC().Format(sqliteTime)
		if _, err := stmt.ExecContext(ctx, at, nullText(e.Region), e.Actor, e.Action, e.Target, nullJSON(e.Before), nullJSON(e.After)); err != nil {
			return err
		}
	}
	return nil
}

// sqliteTime is how Bun writes a time to SQLite (schema.BaseDialect.AppendTime).
const sqliteTime = "2006-01-02 15:04:05.999999-07:00"

// nullText is s, or NULL when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullJSON is the JSON text of raw, or NULL when empty.
func nullJSON(raw []byte) any {
	if len(raw) == 0 {
		return nil
	}
	return string(raw)
}
