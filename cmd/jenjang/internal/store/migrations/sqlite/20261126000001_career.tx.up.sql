-- Career tables of the reference server (SQLite): employees and their history, sanctions, predicates,
-- appraisals, training, mentoring, transfers and position selections. The PostgreSQL twin is ../postgres/ with the same
-- file name. Every row belongs to a region; indexes lead with it.
-- Dates are TEXT "YYYY-MM-DD" (they order as dates), booleans INTEGER 0/1, JSON TEXT.

CREATE TABLE IF NOT EXISTS employees (
    region                TEXT NOT NULL REFERENCES regions (code),
    nip                   TEXT NOT NULL,
    name                  TEXT NOT NULL,
    type                  TEXT NOT NULL CHECK (type IN ('PNS', 'PPPK')),
    grade                 TEXT NOT NULL DEFAULT '',   -- "III/a" for a PNS, '' for a PPPK
    pppk_grade            TEXT NOT NULL DEFAULT '',   -- "IX" for a PPPK, '' for a PNS
    grade_tmt             TEXT NOT NULL,
    position_title        TEXT NOT NULL,
    position_kind         TEXT NOT NULL,
    position_level        TEXT NOT NULL DEFAULT '',
    position_field        TEXT NOT NULL DEFAULT '',
    position_service      INTEGER NOT NULL DEFAULT 0,
    position_lowest_grade TEXT NOT NULL DEFAULT '',
    position_tmt          TEXT NOT NULL,
    education             TEXT NOT NULL,
    unit                  TEXT NOT NULL DEFAULT '',
    agency                TEXT NOT NULL DEFAULT '',
    supervisor_nip        TEXT,                        -- no foreign key: the superior may sit outside the data
    appointed             TEXT,                        -- TMT CPNS; NULL: the month the NIP encodes
    credit_points         REAL NOT NULL DEFAULT 0,
    potential_score       REAL,            -- 0–100 from a potential assessment; NULL: not assessed
    version               BIGINT NOT NULL DEFAULT 1,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    deleted_at            TIMESTAMP,                 -- soft delete: the row and its history stay
    PRIMARY KEY (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS employees_region_supervisor ON employees (region, supervisor_nip);

--bun:split

CREATE INDEX IF NOT EXISTS employees_region_unit ON employees (region, unit, nip);

--bun:split

CREATE TABLE IF NOT EXISTS employee_history (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    region                TEXT NOT NULL,
    nip                   TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('grade', 'position')),
    grade                 TEXT NOT NULL DEFAULT '',
    position_title        TEXT NOT NULL DEFAULT '',
    position_kind         TEXT NOT NULL DEFAULT '',
    position_level        TEXT NOT NULL DEFAULT '',
    position_field        TEXT NOT NULL DEFAULT '',
    position_service      INTEGER NOT NULL DEFAULT 0,
    position_lowest_grade TEXT NOT NULL DEFAULT '',
    unit                  TEXT NOT NULL DEFAULT '',
    agency                TEXT NOT NULL DEFAULT '',
    from_date             TEXT NOT NULL,              -- the TMT of the grade, or the first day in the position
    until_date            TEXT,                       -- the last day in the position; NULL for grades
    source                TEXT NOT NULL DEFAULT '',   -- "import", "update", "transfer:12", …
    recorded_at           TIMESTAMP NOT NULL,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS employee_history_region_nip ON employee_history (region, nip, from_date);

--bun:split

CREATE TABLE IF NOT EXISTS sanctions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    region     TEXT NOT NULL,
    nip        TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('ringan', 'sedang', 'berat')),
    from_date  TEXT NOT NULL,
    until_date TEXT,                                  -- the last day in force; NULL: open-ended
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS sanctions_region_nip ON sanctions (region, nip);

--bun:split

CREATE TABLE IF NOT EXISTS appraisals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    region          TEXT NOT NULL,
    nip             TEXT NOT NULL,
    year            INTEGER NOT NULL,
    quarter         INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'finalised')),
    community_index REAL NOT NULL DEFAULT 0,
    hasil           TEXT NOT NULL DEFAULT '',
    perilaku        TEXT NOT NULL DEFAULT '',
    predicate       TEXT NOT NULL DEFAULT '',
    decision_id     BIGINT REFERENCES decisions (id),
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    finalised_at    TIMESTAMP,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip),
    UNIQUE (region, nip, year, quarter)
);

--bun:split

CREATE TABLE IF NOT EXISTS appraisal_peers (
    appraisal_id BIGINT NOT NULL REFERENCES appraisals (id),
    region       TEXT NOT NULL,
    peer_nip     TEXT NOT NULL,
    PRIMARY KEY (appraisal_id, peer_nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS appraisal_peers_region_peer ON appraisal_peers (region, peer_nip);

--bun:split

CREATE TABLE IF NOT EXISTS appraisal_ratings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    appraisal_id BIGINT NOT NULL REFERENCES appraisals (id),
    region       TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('superior', 'peer', 'self', 'community')),
    rater        TEXT NOT NULL,
    aspect       TEXT NOT NULL CHECK (aspect IN ('hasil_kerja', 'perilaku_kerja')),
    value        TEXT NOT NULL CHECK (value IN ('di_bawah', 'sesuai', 'di_atas')),
    given_on     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX IF NOT EXISTS appraisal_ratings_appraisal ON appraisal_ratings (appraisal_id, id);

--bun:split

CREATE TABLE IF NOT EXISTS appraisal_indicators (
    appraisal_id BIGINT NOT NULL REFERENCES appraisals (id),
    region       TEXT NOT NULL,
    code         TEXT NOT NULL,
    target       REAL NOT NULL,
    actual       REAL NOT NULL,
    PRIMARY KEY (appraisal_id, code)
);

--bun:split

CREATE TABLE IF NOT EXISTS predicates (
    region       TEXT NOT NULL,
    nip          TEXT NOT NULL,
    year         INTEGER NOT NULL,
    predicate    TEXT NOT NULL CHECK (predicate IN ('sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    source       TEXT NOT NULL,                       -- "appraisal", "import", "demo"
    appraisal_id BIGINT REFERENCES appraisals (id),
    recorded_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (region, nip, year),
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS predicates_region_year ON predicates (region, year, nip);

--bun:split

CREATE TABLE IF NOT EXISTS training_programs (
    region     TEXT NOT NULL REFERENCES regions (code),
    code       TEXT NOT NULL,
    title      TEXT NOT NULL,
    method     TEXT NOT NULL,
    competency TEXT NOT NULL,
    jp         INTEGER NOT NULL CHECK (jp > 0),
    cost       BIGINT NOT NULL DEFAULT 0,
    seats      INTEGER NOT NULL DEFAULT 0,
    provider   TEXT NOT NULL DEFAULT '',
    fields     TEXT NOT NULL DEFAULT '[]',
    tags       TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (region, code)
);

--bun:split

CREATE TABLE IF NOT EXISTS ledger_activities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    region     TEXT NOT NULL,
    nip        TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    program    TEXT NOT NULL DEFAULT '',
    method     TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    source     TEXT NOT NULL,                          -- "enrolment:7", "mentoring:3", "import", "demo"
    created_at TIMESTAMP NOT NULL,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS ledger_activities_region_nip_date ON ledger_activities (region, nip, on_date);

--bun:split

CREATE INDEX IF NOT EXISTS ledger_activities_region_date ON ledger_activities (region, on_date);

--bun:split

CREATE TABLE IF NOT EXISTS enrolments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    region       TEXT NOT NULL,
    nip          TEXT NOT NULL,
    program_code TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('enrolled', 'completed', 'cancelled')),
    enrolled_on  TEXT NOT NULL,
    completed_on TEXT,
    activity_id  BIGINT REFERENCES ledger_activities (id),
    version      BIGINT NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip),
    FOREIGN KEY (region, program_code) REFERENCES training_programs (region, code)
);

--bun:split

CREATE INDEX IF NOT EXISTS enrolments_region_nip ON enrolments (region, nip);

--bun:split

CREATE INDEX IF NOT EXISTS enrolments_region_program ON enrolments (region, program_code, status);

--bun:split

CREATE TABLE IF NOT EXISTS mentoring_pairs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    region      TEXT NOT NULL,
    mentor_nip  TEXT NOT NULL,
    mentee_nip  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    score       REAL NOT NULL DEFAULT 0,
    decision_id BIGINT REFERENCES decisions (id),
    started_on  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    FOREIGN KEY (region, mentor_nip) REFERENCES employees (region, nip),
    FOREIGN KEY (region, mentee_nip) REFERENCES employees (region, nip),
    UNIQUE (region, mentor_nip, mentee_nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS mentoring_pairs_region_mentee ON mentoring_pairs (region, mentee_nip);

--bun:split

CREATE TABLE IF NOT EXISTS mentoring_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_id     BIGINT NOT NULL REFERENCES mentoring_pairs (id),
    region      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    topic       TEXT NOT NULL DEFAULT '',
    activity_id BIGINT NOT NULL REFERENCES ledger_activities (id),
    created_at  TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX IF NOT EXISTS mentoring_sessions_pair ON mentoring_sessions (pair_id, id);

--bun:split

CREATE TABLE IF NOT EXISTS transfers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    region        TEXT NOT NULL,
    nip           TEXT NOT NULL,
    from_agency   TEXT NOT NULL,
    from_unit     TEXT NOT NULL DEFAULT '',
    from_regency  TEXT NOT NULL DEFAULT '',
    from_province TEXT NOT NULL DEFAULT '',
    to_agency     TEXT NOT NULL,
    to_unit       TEXT NOT NULL DEFAULT '',
    to_regency    TEXT NOT NULL DEFAULT '',
    to_province   TEXT NOT NULL DEFAULT '',
    to_position   TEXT,                              -- the new position; NULL keeps the current one
    personal      INTEGER NOT NULL DEFAULT 0,
    requested_on  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
    outcome       TEXT NOT NULL,                      -- the outcome of the stored check
    decision_id   BIGINT NOT NULL REFERENCES decisions (id),
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    decided_at    TIMESTAMP,
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);

--bun:split

CREATE INDEX IF NOT EXISTS transfers_region_nip ON transfers (region, nip);

--bun:split

CREATE TABLE IF NOT EXISTS position_openings (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    region                TEXT NOT NULL REFERENCES regions (code),
    title                 TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    level                 TEXT NOT NULL DEFAULT '',
    field                 TEXT NOT NULL DEFAULT '',
    service               INTEGER NOT NULL DEFAULT 0,
    lowest_grade          TEXT NOT NULL DEFAULT '',
    unit                  TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at            TIMESTAMP NOT NULL
);

--bun:split

CREATE INDEX IF NOT EXISTS position_openings_region ON position_openings (region, id);

--bun:split

CREATE TABLE IF NOT EXISTS selection_results (
    opening_id  BIGINT NOT NULL REFERENCES position_openings (id),
    region      TEXT NOT NULL,
    nip         TEXT NOT NULL,
    rank        INTEGER NOT NULL,                     -- 1 is first; 0 for an ineligible applicant
    score       REAL NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES decisions (id),
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (opening_id, nip, decision_id),
    FOREIGN KEY (region, nip) REFERENCES employees (region, nip)
);
