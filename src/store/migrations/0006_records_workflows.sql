-- The local CRM: records of any module (a JSON object of fields each), workflow rules that call a
-- function when records change, the log of every rule evaluation, and the outbox of `sendmail`.
-- AUTOINCREMENT: a deleted record's id is never given to another.
CREATE TABLE records (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    module      TEXT NOT NULL COLLATE NOCASE,
    id          TEXT NOT NULL UNIQUE,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX records_by_module ON records (module, seq);

CREATE TABLE workflow_rules (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    module      TEXT NOT NULL COLLATE NOCASE,
    on_event    TEXT NOT NULL,
    criteria    TEXT,
    file        TEXT NOT NULL,
    function    TEXT,
    args        TEXT NOT NULL DEFAULT '{}',
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE workflow_runs (
    id          INTEGER PRIMARY KEY,
    rule        TEXT NOT NULL,
    module      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    event       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    output      TEXT NOT NULL DEFAULT '[]',
    result      TEXT,
    error       TEXT
);
CREATE INDEX workflow_runs_by_rule ON workflow_runs (rule, id);

CREATE TABLE outbox (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    message TEXT NOT NULL
);
