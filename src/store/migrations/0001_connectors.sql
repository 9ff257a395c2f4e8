-- Connectors (OAuth 2.0 client definitions), their credentials and their tokens.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE connectors (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description     TEXT NOT NULL DEFAULT '',
    authorize_url   TEXT NOT NULL,
    token_url       TEXT NOT NULL,
    refresh_url     TEXT,
    revoke_url      TEXT,
    scopes          TEXT NOT NULL DEFAULT '[]',
    scope_separator TEXT NOT NULL DEFAULT ' ',
    auth_params     TEXT NOT NULL DEFAULT '{}',
    token_params    TEXT NOT NULL DEFAULT '{}',
    refresh_params  TEXT NOT NULL DEFAULT '{}',
    client_auth     TEXT NOT NULL DEFAULT 'basic',
    pkce            INTEGER NOT NULL DEFAULT 1,
    redirect_url    TEXT NOT NULL,
    client_id       TEXT,
    client_secret   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE tokens (
    connector_id    INTEGER PRIMARY KEY REFERENCES connectors(id) ON DELETE CASCADE,
    access_token    TEXT,
    refresh_token   TEXT,
    id_token        TEXT,
    token_type      TEXT,
    scope           TEXT,
    expires_at      TEXT,
    obtained_at     TEXT NOT NULL,
    last_refresh_at TEXT,
    needs_reauth    INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 0
);
