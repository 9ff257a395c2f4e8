-- A refresh in progress holds a lease, so that concurrent users (threads or processes) wait for it
-- instead of spending the refresh token a second time.
ALTER TABLE tokens ADD COLUMN refresh_lease_until TEXT;
