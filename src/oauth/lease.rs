//! The refresh bookkeeping in a connector's `tokens` row: the lease that lets exactly one user
//! (thread or process) refresh at a time, taken over at once when its holder has died, and the
//! backoff recorded after a refresh failed for a passing reason.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::connectors::tokens::Grant;
use crate::connectors::ConnectorError;
use crate::retry;
use crate::store::Store;

/// How long one refresh may hold the lease before another user may try.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(60);
/// Backoff recorded after consecutive passing failures: 5 s, 10 s, 20 s, … at most 5 minutes
/// (or longer when the provider's `Retry-After` says so).
const BACKOFF_BASE: Duration = Duration::from_secs(5);
const BACKOFF_CAP: Duration = Duration::from_secs(300);

/// What the refresh logic needs to know about a connector's tokens.
pub struct TokenRow {
    pub version: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub has_refresh: bool,
    pub needs_reauth: bool,
    pub margin: chrono::Duration,
    pub backoff_until: Option<DateTime<Utc>>,
    pub grant: Grant,
    lease_pid: Option<i64>,
}

fn parse_time(t: Option<String>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

pub fn read(store: &Store, id: i64) -> Result<Option<TokenRow>, ConnectorError> {
    Ok(store
        .conn
        .query_row(
            "SELECT t.version, t.expires_at, t.refresh_token IS NOT NULL, t.needs_reauth,
                    c.refresh_margin_secs, t.refresh_backoff_until, t.refresh_lease_pid, t.grant_type
             FROM tokens t JOIN connectors c ON c.id = t.connector_id
             WHERE t.connector_id = ?1",
            [id],
            |r| {
                Ok(TokenRow {
                    version: r.get(0)?,
                    expires_at: parse_time(r.get(1)?),
                    has_refresh: r.get(2)?,
                    needs_reauth: r.get(3)?,
                    margin: chrono::Duration::seconds(r.get(4)?),
                    backoff_until: parse_time(r.get(5)?),
                    lease_pid: r.get(6)?,
                    grant: Grant::parse(&r.get::<_, String>(7)?),
                })
            },
        )
        .optional()?)
}

/// Claims the right to refresh: only one user gets it while the lease runs, unless the process
/// holding it has died (killed mid-refresh), in which case the first to notice takes it over.
pub fn take(
    store: &Store,
    id: i64,
    row: &TokenRow,
    now: DateTime<Utc>,
) -> Result<bool, ConnectorError> {
    let dead_holder = row.lease_pid.filter(|&pid| !process_alive(pid));
    let changed = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = ?3, refresh_lease_pid = ?5
         WHERE connector_id = ?1 AND version = ?2
           AND (refresh_lease_until IS NULL OR refresh_lease_until < ?4 OR refresh_lease_pid = ?6)",
        params![
            id,
            row.version,
            (now + LEASE).to_rfc3339(),
            now.to_rfc3339(),
            std::process::id(),
            dead_holder
        ],
    )?;
    Ok(changed == 1)
}

/// Keeps the lease while a refresh waits between attempts.
pub fn extend(store: &Store, id: i64) -> Result<(), ConnectorError> {
    store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = ?2 WHERE connector_id = ?1 AND refresh_lease_pid = ?3",
        params![id, (Utc::now() + LEASE).to_rfc3339(), std::process::id()],
    )?;
    Ok(())
}

pub fn release(store: &Store, id: i64) {
    let _ = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = NULL, refresh_lease_pid = NULL WHERE connector_id = ?1",
        [id],
    );
}

/// After a passing failure (5xx, 429, network): no refresh is tried before the returned time,
/// except a forced one. The lease is released; the tokens are untouched.
pub fn back_off(
    store: &Store,
    id: i64,
    retry_after: Option<Duration>,
) -> Result<DateTime<Utc>, ConnectorError> {
    let failures: u32 = store
        .conn
        .query_row(
            "SELECT refresh_failures FROM tokens WHERE connector_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let wait =
        retry::backoff(failures, BACKOFF_BASE, BACKOFF_CAP).max(retry_after.unwrap_or_default());
    let until = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX / 2);
    store.conn.execute(
        "UPDATE tokens SET refresh_backoff_until = ?2, refresh_failures = refresh_failures + 1,
             refresh_lease_until = NULL, refresh_lease_pid = NULL
         WHERE connector_id = ?1",
        params![id, until.to_rfc3339()],
    )?;
    Ok(until)
}

/// Whether a process with this id exists on this machine.
#[cfg(unix)]
fn process_alive(pid: i64) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 sends nothing; kill only reports whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: i64) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_reaped_child_is_not() {
        assert!(process_alive(i64::from(std::process::id())));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = i64::from(child.id());
        child.wait().unwrap();
        assert!(!process_alive(pid));
        assert!(!process_alive(-1));
    }
}
