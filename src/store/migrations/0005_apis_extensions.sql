-- Connector APIs: the editable draft of each, and its published versions (what invocations use).
CREATE TABLE apis (
    id           INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    name         TEXT NOT NULL COLLATE NOCASE,
    definition   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (connector_id, name)
);

CREATE TABLE api_versions (
    api_id       INTEGER NOT NULL REFERENCES apis(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    definition   TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (api_id, version)
);

-- Extensions, and the association of a published connector with one: a connector row of its own
-- (named EXTENSION.CONNECTOR, a name users cannot create) holding the association's credentials,
-- redirect URL and tokens, with the parent's definition copied in and kept in step.
CREATE TABLE extensions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
ALTER TABLE connectors ADD COLUMN extension_id INTEGER REFERENCES extensions(id) ON DELETE CASCADE;
ALTER TABLE connectors ADD COLUMN parent_id INTEGER REFERENCES connectors(id) ON DELETE CASCADE;

-- What API calls sent and received, redacted, newest last.
CREATE TABLE call_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    origin      TEXT NOT NULL,
    connector   TEXT,
    api         TEXT,
    method      TEXT NOT NULL,
    url         TEXT NOT NULL,
    request     TEXT NOT NULL,
    status      INTEGER,
    response    TEXT,
    error       TEXT,
    attempts    INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL
);
