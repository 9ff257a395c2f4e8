-- Refresh tuning and failure state: each connector's refresh margin (seconds before expiry when a
-- token is refreshed), the time before which a refresh that failed for a passing reason (5xx, 429,
-- network) is not tried again, how many such failures came in a row, and who holds the refresh
-- lease: a random id (so that only the holder's writes land), and the host and process (so that a
-- lease left by a process killed on this machine can be taken over at once); and the grant
-- the tokens came from, so that client-credentials tokens are renewed with client credentials.
ALTER TABLE connectors ADD COLUMN refresh_margin_secs INTEGER NOT NULL DEFAULT 60;
ALTER TABLE tokens ADD COLUMN refresh_backoff_until TEXT;
ALTER TABLE tokens ADD COLUMN refresh_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN refresh_lease_pid INTEGER;
ALTER TABLE tokens ADD COLUMN refresh_lease_host TEXT;
ALTER TABLE tokens ADD COLUMN refresh_lease_id TEXT;
ALTER TABLE tokens ADD COLUMN grant_type TEXT NOT NULL DEFAULT 'authorization_code';
