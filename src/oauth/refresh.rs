//! Fresh access tokens: refresh shortly before expiry, exactly once however many users ask at the
//! same time (threads or processes sharing the database), keep the refresh token when the provider
//! omits it, mark the connector for re-authorization on `invalid_grant`, and keep the tokens on any
//! other failure.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::grant::{self, Client};
use super::TokenError;
use crate::connectors::ConnectorError;
use crate::store::Store;

/// A token this close to expiry is refreshed before use.
pub const REFRESH_MARGIN: chrono::Duration = chrono::Duration::seconds(60);
/// How long one refresh may hold the lease before another user may try.
const LEASE: chrono::Duration = chrono::Duration::seconds(60);
/// How often a waiting user looks again.
const POLL: Duration = Duration::from_millis(50);

type Failure = Box<dyn miette::Diagnostic + Send + Sync>;

struct Row {
    version: i64,
    expires_at: Option<DateTime<Utc>>,
    has_refresh: bool,
    needs_reauth: bool,
}

/// Why no usable token could be had.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum NotAuthorized {
    #[error("connector {0} is not authorized yet")]
    #[diagnostic(
        code(dg::connector::unauthorized),
        help("run: dg connector authorize {0}")
    )]
    Never(String),
    #[error("connector {0} needs to be authorized again (the provider refused its refresh token)")]
    #[diagnostic(
        code(dg::connector::needs_reauth),
        help("run: dg connector authorize {0}")
    )]
    NeedsReauth(String),
    #[error("the access token of {0} has expired and there is no refresh token")]
    #[diagnostic(
        code(dg::connector::expired),
        help("run: dg connector authorize {0} (ask for offline access to get a refresh token)")
    )]
    Expired(String),
    #[error("another refresh of {0} did not finish in time")]
    #[diagnostic(
        code(dg::connector::busy),
        help("try again; the stored tokens are kept")
    )]
    Busy(String),
}

fn parse_time(t: Option<String>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn read_row(store: &Store, id: i64) -> Result<Option<Row>, ConnectorError> {
    Ok(store
        .conn
        .query_row(
            "SELECT version, expires_at, refresh_token IS NOT NULL, needs_reauth
             FROM tokens WHERE connector_id = ?1",
            [id],
            |r| {
                Ok(Row {
                    version: r.get(0)?,
                    expires_at: parse_time(r.get(1)?),
                    has_refresh: r.get(2)?,
                    needs_reauth: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The access token of `name`, refreshed first when it is (nearly) expired. `force` refreshes
/// even a fresh token.
pub fn fresh_access_token(store: &Store, name: &str, force: bool) -> Result<String, Failure> {
    let id = store.connector_id(name)?;
    let started = Instant::now();
    let mut forced = force;
    let mut seen_version = None;
    loop {
        let row = read_row(store, id)?.ok_or_else(|| NotAuthorized::Never(name.to_string()))?;
        if row.needs_reauth {
            return Err(Box::new(NotAuthorized::NeedsReauth(name.to_string())));
        }
        // A forced refresh is satisfied once anyone has refreshed since we looked.
        if forced && seen_version.is_some_and(|v| v != row.version) {
            forced = false;
        }
        seen_version.get_or_insert(row.version);
        let now = Utc::now();
        let expiring = row.expires_at.is_some_and(|t| t - REFRESH_MARGIN <= now);
        if !expiring && !forced {
            return store
                .access_token(name)?
                .ok_or_else(|| Box::new(NotAuthorized::Never(name.to_string())) as Failure);
        }
        if !row.has_refresh {
            return Err(Box::new(NotAuthorized::Expired(name.to_string())));
        }
        if take_lease(store, id, row.version, now)? {
            return refresh_holding_lease(store, id, name);
        }
        if started.elapsed() > Duration::from_secs(LEASE.num_seconds() as u64 + 5) {
            return Err(Box::new(NotAuthorized::Busy(name.to_string())));
        }
        std::thread::sleep(POLL);
    }
}

/// Claims the right to refresh: only one user gets it while the lease runs.
fn take_lease(
    store: &Store,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, ConnectorError> {
    let changed = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = ?3
         WHERE connector_id = ?1 AND version = ?2
           AND (refresh_lease_until IS NULL OR refresh_lease_until < ?4)",
        params![id, version, (now + LEASE).to_rfc3339(), now.to_rfc3339()],
    )?;
    Ok(changed == 1)
}

fn release_lease(store: &Store, id: i64) {
    let _ = store.conn.execute(
        "UPDATE tokens SET refresh_lease_until = NULL WHERE connector_id = ?1",
        [id],
    );
}

fn refresh_holding_lease(store: &Store, id: i64, name: &str) -> Result<String, Failure> {
    let outcome = refresh_once(store, name);
    match outcome {
        Ok(token) => Ok(token),
        Err(e) => {
            release_lease(store, id);
            Err(e)
        }
    }
}

fn refresh_once(store: &Store, name: &str) -> Result<String, Failure> {
    let s = store.connector(name)?;
    let refresh_token = store
        .refresh_token(name)?
        .ok_or_else(|| NotAuthorized::Expired(name.to_string()))?;
    let client_id = s.definition.client_id.clone().unwrap_or_default();
    let secret = store.client_secret(name)?;
    let client = Client {
        id: &client_id,
        secret: secret.as_deref(),
    };
    match grant::refresh(&s.definition, &client, &refresh_token) {
        Ok(tokens) => {
            // Stored (with a rotated refresh token) before the new access token is handed out.
            store.save_tokens(name, &tokens, true)?;
            Ok(tokens.access_token)
        }
        Err(TokenError::Refused { ref error, .. }) if error == "invalid_grant" => {
            store.mark_needs_reauth(name)?;
            Err(Box::new(NotAuthorized::NeedsReauth(name.to_string())))
        }
        Err(other) => Err(Box::new(other)),
    }
}
