//! The refresh bookkeeping in a connector's `tokens` row: the lease that lets exactly one user
//! (thread or process) refresh at a time, taken over at once when its holder has died, and the
//! backoff recorded after a refresh failed for a passing reason.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::connectors::tokens::Grant;
use crate::connectors::ConnectorError;
use crate::retry;
use crate::store::{CachedQuery, Store};

/// The shortest time one refresh may hold the lease before another user may take it; the lease
/// is renewed before each attempt and always outlasts one token request.
const MIN_LEASE: Duration = Duration::from_secs(60);
/// Backoff recorded after consecutive passing failures: 5 s, 10 s, 20 s, … at most 5 minutes
/// (or longer when the provider's `Retry-After` says so, up to a day).
const BACKOFF_BASE: Duration = Duration::from_secs(5);
const BACKOFF_CAP: Duration = Duration::from_secs(300);
const LONGEST_BACKOFF: Duration = Duration::from_secs(86_400);

/// How long a lease runs: a whole token request plus slack.
pub fn lease_length() -> Duration {
    MIN_LEASE.max(crate::oauth::grant::token_timeout() + Duration::from_secs(20))
}

fn after(now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(wait)
        .ok()
        .and_then(|d| now.checked_add_signed(d))
        .unwrap_or(now)
}

/// What the refresh logic needs to know about a connector's tokens.
pub struct TokenRow {
    pub version: i64,
    pub expires_at: Option<DateTime<Utc>>,
    /// When the current access token was issued (obtained or last refreshed).
    pub issued_at: Option<DateTime<Utc>>,
    pub has_refresh: bool,
    pub needs_reauth: bool,
    pub margin: chrono::Duration,
    pub backoff_until: Option<DateTime<Utc>>,
    pub grant: Grant,
    pub leased_until: Option<DateTime<Utc>>,
    lease_pid: Option<i64>,
    lease_host: Option<String>,
}

impl TokenRow {
    /// The refresh margin, at most half the token's lifetime, so that a short-lived token is not
    /// refreshed on every use.
    pub fn effective_margin(&self) -> chrono::Duration {
        match (self.issued_at, self.expires_at) {
            (Some(issued), Some(expires)) if expires > issued => {
                self.margin.min((expires - issued) / 2)
            }
            _ => self.margin,
        }
    }

    /// Whether another user holds a running lease.
    pub fn leased(&self, now: DateTime<Utc>) -> bool {
        self.leased_until.is_some_and(|t| t > now)
    }
}

fn parse_time(t: Option<String>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

pub fn read(store: &Store, id: i64) -> Result<Option<TokenRow>, ConnectorError> {
    Ok(store
        .conn
        .cached_row(
            "SELECT t.version, t.expires_at, COALESCE(t.last_refresh_at, t.obtained_at),
                    t.refresh_token IS NOT NULL, t.needs_reauth, c.refresh_margin_secs,
                    t.refresh_backoff_until, t.grant_type, t.refresh_lease_until,
                    t.refresh_lease_pid, t.refresh_lease_host
             FROM tokens t JOIN connectors c ON c.id = t.connector_id
             WHERE t.connector_id = ?1",
            [id],
            |r| {
                Ok(TokenRow {
                    version: r.get(0)?,
                    expires_at: parse_time(r.get(1)?),
                    issued_at: parse_time(r.get(2)?),
                    has_refresh: r.get(3)?,
                    needs_reauth: r.get(4)?,
                    margin: chrono::Duration::seconds(r.get(5)?),
                    backoff_until: parse_time(r.get(6)?),
                    grant: Grant::parse(&r.get::<_, String>(7)?),
                    leased_until: parse_time(r.get(8)?),
                    lease_pid: r.get(9)?,
                    lease_host: r.get(10)?,
                })
            },
        )
        .optional()?)
}

/// A held refresh lease: only its holder's writes to the lease columns land.
pub struct Lease {
    connector_id: i64,
    lease_id: String,
    /// The row version when the lease was taken: the refresh saves only over this version.
    pub version: i64,
}

/// Claims the right to refresh: only one user gets it while the lease runs, unless the process
/// holding it was on this machine and has died (killed mid-refresh), in which case the first to
/// notice takes it over.
pub fn take(
    store: &Store,
    id: i64,
    row: &TokenRow,
    now: DateTime<Utc>,
) -> Result<Option<Lease>, ConnectorError> {
    let host = this_host();
    let dead_holder = row
        .lease_pid
        .filter(|&pid| row.lease_host.as_deref() == Some(host.as_str()) && !process_alive(pid));
    let lease_id = format!("{:032x}", rand::random::<u128>());
    let changed = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = ?3, refresh_lease_pid = ?5, refresh_lease_host = ?6,
             refresh_lease_id = ?7
         WHERE connector_id = ?1 AND version = ?2
           AND (refresh_lease_until IS NULL OR refresh_lease_until < ?4 OR refresh_lease_pid = ?8)",
        params![
            id,
            row.version,
            after(now, lease_length()).to_rfc3339(),
            now.to_rfc3339(),
            std::process::id(),
            host,
            lease_id,
            dead_holder
        ],
    )?;
    Ok((changed == 1).then_some(Lease {
        connector_id: id,
        lease_id,
        version: row.version,
    }))
}

/// Keeps the lease for another token request.
pub fn extend(store: &Store, lease: &Lease) -> Result<(), ConnectorError> {
    store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = ?2 WHERE connector_id = ?1 AND refresh_lease_id = ?3",
        params![
            lease.connector_id,
            after(Utc::now(), lease_length()).to_rfc3339(),
            lease.lease_id
        ],
    )?;
    Ok(())
}

pub fn release(store: &Store, lease: &Lease) {
    let _ = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = NULL, refresh_lease_pid = NULL,
             refresh_lease_host = NULL, refresh_lease_id = NULL
         WHERE connector_id = ?1 AND refresh_lease_id = ?2",
        params![lease.connector_id, lease.lease_id],
    );
}

/// After a passing failure (5xx, 429, network): no refresh is tried before the returned time,
/// except a forced one. The lease is released; the tokens are untouched.
pub fn back_off(
    store: &Store,
    lease: &Lease,
    retry_after: Option<Duration>,
) -> Result<DateTime<Utc>, ConnectorError> {
    let failures: u32 = store
        .conn
        .cached_row(
            "SELECT refresh_failures FROM tokens WHERE connector_id = ?1",
            [lease.connector_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let wait = retry::backoff(failures, BACKOFF_BASE, BACKOFF_CAP)
        .max(retry_after.unwrap_or_default())
        .min(LONGEST_BACKOFF);
    let until = after(Utc::now(), wait);
    store.conn.execute(
        "UPDATE tokens SET refresh_backoff_until = ?2, refresh_failures = refresh_failures + 1,
             refresh_lease_until = NULL, refresh_lease_pid = NULL, refresh_lease_host = NULL,
             refresh_lease_id = NULL
         WHERE connector_id = ?1 AND refresh_lease_id = ?3",
        params![lease.connector_id, until.to_rfc3339(), lease.lease_id],
    )?;
    Ok(until)
}

/// This machine's name, to tell whether a lease holder's process id means anything here.
#[cfg(unix)]
pub(crate) fn this_host() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    if ok {
        String::from_utf8_lossy(&buf[..end]).into_owned()
    } else {
        String::new()
    }
}

/// Whether a process with this id exists on this machine.
#[cfg(unix)]
pub(crate) fn process_alive(pid: i64) -> bool {
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
pub(crate) fn process_alive(_pid: i64) -> bool {
    true
}

#[cfg(not(unix))]
pub(crate) fn this_host() -> String {
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(issued: i64, expires: i64, margin: i64) -> TokenRow {
        let t = |s: i64| DateTime::from_timestamp(s, 0);
        TokenRow {
            version: 1,
            expires_at: t(expires),
            issued_at: t(issued),
            has_refresh: true,
            needs_reauth: false,
            margin: chrono::Duration::seconds(margin),
            backoff_until: None,
            grant: Grant::AuthorizationCode,
            leased_until: None,
            lease_pid: None,
            lease_host: None,
        }
    }

    #[test]
    fn the_margin_is_at_most_half_the_lifetime() {
        assert_eq!(row(0, 3600, 60).effective_margin().num_seconds(), 60);
        assert_eq!(row(0, 60, 60).effective_margin().num_seconds(), 30);
        assert_eq!(row(0, 0, 60).effective_margin().num_seconds(), 60);
    }

    #[test]
    fn huge_waits_do_not_overflow() {
        let now = Utc::now();
        assert_eq!(after(now, Duration::from_secs(u64::MAX)), now);
        assert!(after(now, Duration::from_secs(10)) > now);
    }

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
