-- Refresh tuning and failure state: each connector's refresh margin (seconds before expiry when a
-- token is refreshed), the time before which a refresh that failed for a passing reason (5xx, 429,
-- network) is not tried again, how many such failures came in a row, and the process holding the
-- refresh lease (so that a lease left by a killed process can be taken over at once); and the grant
-- the tokens came from, so that client-credentials tokens are renewed with client credentials.
ALTER TABLE connectors ADD COLUMN refresh_margin_secs INTEGER NOT NULL DEFAULT 60;
ALTER TABLE tokens ADD COLUMN refresh_backoff_until TEXT;
ALTER TABLE tokens ADD COLUMN refresh_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN refresh_lease_pid INTEGER;
ALTER TABLE tokens ADD COLUMN grant_type TEXT NOT NULL DEFAULT 'authorization_code';
