-- Foundation tables of the reference server (SQLite). The PostgreSQL twin is ../postgres/ with the same file name.

CREATE TABLE IF NOT EXISTS regions (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    policy TEXT NOT NULL DEFAULT 'national' -- the policy bound to the region: "national" or a plugin's region code
);

--bun:split

CREATE TABLE IF NOT EXISTS tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    hash       TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the token; the token itself is never stored
    region     TEXT,                  -- NULL: a national token
    role       TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'employee', 'auditor')),
    nip        TEXT,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

--bun:split

CREATE TABLE IF NOT EXISTS audit_events (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TIMESTAMP NOT NULL,
    region TEXT,                      -- NULL: an event outside any region (e.g. a national token created)
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT,                      -- JSON
    after  TEXT                       -- JSON
);

--bun:split

CREATE INDEX IF NOT EXISTS audit_events_region_id ON audit_events (region, id);

--bun:split

-- The audit log is append-only: the store has no update or delete, and the database refuses them too.
CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

--bun:split

CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

--bun:split

CREATE TABLE IF NOT EXISTS decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    region         TEXT NOT NULL,
    kind           TEXT NOT NULL,     -- e.g. promotion.regular, evaluation.predicate
    subject        TEXT NOT NULL,     -- what the decision is about, e.g. an employee's NIP
    outcome        TEXT NOT NULL,
    policy_region  TEXT NOT NULL,     -- the policy that decided: "national" or a region code
    policy_version TEXT NOT NULL,
    judged_at      TIMESTAMP NOT NULL, -- the date the rules were judged at
    criteria       TEXT NOT NULL,     -- JSON: one entry per rule applied
    inputs         TEXT NOT NULL,     -- JSON: the values the rules saw, so an auditor can replay the decision
    created_at     TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX IF NOT EXISTS decisions_region_subject ON decisions (region, subject, id);
