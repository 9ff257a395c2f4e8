-- Authorization-code flows waiting for their callback (kept ten minutes).
CREATE TABLE pending_flows (
    state         TEXT PRIMARY KEY,
    connector_id  INTEGER NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    code_verifier TEXT,
    redirect_url  TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
