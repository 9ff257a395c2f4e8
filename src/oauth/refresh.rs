//! Fresh access tokens: refresh shortly before expiry (each connector's margin), and after an API
//! answered 401; exactly once however many users ask at the same time (threads or processes sharing
//! the database); renew client-credentials tokens by asking again; keep the refresh token when the
//! provider omits it; mark the connector for
//! re-authorization on `invalid_grant`; retry and then back off on 5xx, 429 and network errors,
//! honouring `Retry-After`, and keep the tokens on any failure.

use std::time::{Duration, Instant};

use chrono::Utc;

use super::grant::{self, Client};
use super::lease::{self, Lease};
use super::TokenError;
use crate::connectors::tokens::{Grant, Saving};
use crate::retry;
use crate::store::Store;

/// How often a user waiting for another's refresh looks again.
const POLL: Duration = Duration::from_millis(50);
/// Attempts at one refresh (in this process) before a passing failure is recorded.
const ATTEMPTS: u32 = 3;
/// The first wait between attempts; it doubles.
const RETRY_BASE: Duration = Duration::from_millis(500);
/// A `Retry-After` longer than this is not waited out here: the failure is recorded instead, and
/// every user backs off until then.
const LONGEST_WAIT: Duration = Duration::from_secs(5);

type Failure = Box<dyn miette::Diagnostic + Send + Sync>;

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
    #[error("the access token of {name} has expired and its token endpoint failed recently; the next refresh is tried after {until}")]
    #[diagnostic(
        code(dg::connector::backing_off),
        help(
            "the stored tokens are kept; `dg connector token {name} --refresh --force` tries now"
        )
    )]
    BackingOff { name: String, until: String },
}

/// When a refresh is wanted beyond the usual "about to expire".
#[derive(Clone, Copy)]
enum Want<'a> {
    /// Only when the token is (nearly) expired.
    Usual,
    /// Now, even for a fresh token, unless somebody refreshed since we first looked.
    Force,
    /// A token other than this one, which an API refused (401).
    Replace(&'a str),
}

/// The access token of `name`, refreshed first when it is (nearly) expired. `force` refreshes
/// even a fresh token (and ignores a recorded backoff).
pub fn fresh_access_token(store: &Store, name: &str, force: bool) -> Result<String, Failure> {
    obtain(store, name, if force { Want::Force } else { Want::Usual })
}

/// After an API answered 401 to `refused` (the access token it was sent): the token to retry with.
/// When another user has already replaced that token, the new one; otherwise one refresh.
pub fn token_after_unauthorized(
    store: &Store,
    name: &str,
    refused: &str,
) -> Result<String, Failure> {
    obtain(store, name, Want::Replace(refused))
}

/// Calls an API with the connector's access token: `send` makes the request with the token it is
/// given; when `unauthorized` says the answer is a 401 (or the provider's equivalent), the token is
/// refreshed once and the request sent once more.
pub fn with_access_token<R>(
    store: &Store,
    name: &str,
    mut send: impl FnMut(&str) -> Result<R, Failure>,
    unauthorized: impl Fn(&R) -> bool,
) -> Result<R, Failure> {
    let token = fresh_access_token(store, name, false)?;
    let answer = send(&token)?;
    if !unauthorized(&answer) {
        return Ok(answer);
    }
    let token = token_after_unauthorized(store, name, &token)?;
    send(&token)
}

fn current(store: &Store, name: &str) -> Result<String, Failure> {
    store
        .access_token(name)?
        .ok_or_else(|| Box::new(NotAuthorized::Never(name.to_string())) as Failure)
}

fn obtain(store: &Store, name: &str, want: Want<'_>) -> Result<String, Failure> {
    let id = store.connector_id(name)?;
    let started = Instant::now();
    let mut first_version = None;
    loop {
        let row = lease::read(store, id)?.ok_or_else(|| NotAuthorized::Never(name.to_string()))?;
        if row.needs_reauth {
            return Err(Box::new(NotAuthorized::NeedsReauth(name.to_string())));
        }
        let first = *first_version.get_or_insert(row.version);
        // A forced refresh or a replacement is satisfied once anyone has refreshed.
        let insist = match want {
            Want::Usual => false,
            Want::Force => row.version == first,
            Want::Replace(refused) => store.access_token(name)?.as_deref() == Some(refused),
        };
        let now = Utc::now();
        let valid = row.expires_at.is_none_or(|t| t > now);
        let expiring = row
            .expires_at
            .is_some_and(|t| t - row.effective_margin() <= now);
        if !expiring && !insist {
            return current(store, name);
        }
        let renewable = row.has_refresh || row.grant == Grant::ClientCredentials;
        if !renewable {
            return if valid && !insist {
                current(store, name)
            } else {
                Err(Box::new(NotAuthorized::Expired(name.to_string())))
            };
        }
        let backing_off = row.backoff_until.filter(|&until| until > now);
        if let (Some(until), Want::Usual) = (backing_off, want) {
            return if valid {
                current(store, name)
            } else {
                Err(Box::new(NotAuthorized::BackingOff {
                    name: name.to_string(),
                    until: until.to_rfc3339(),
                }))
            };
        }
        let usual_and_valid = valid && matches!(want, Want::Usual);
        if let Some(lease) = lease::take(store, id, &row, now)? {
            return refresh_holding_lease(store, &lease, name, row.grant, usual_and_valid);
        }
        // Someone else is refreshing ahead of expiry: the current token still works meanwhile.
        if usual_and_valid && row.leased(now) {
            return current(store, name);
        }
        if started.elapsed() > lease::lease_length() + Duration::from_secs(5) {
            return Err(Box::new(NotAuthorized::Busy(name.to_string())));
        }
        std::thread::sleep(POLL);
    }
}

/// Refreshes while holding the lease. On a passing failure the backoff is recorded and, when
/// `fallback` allows (a usual refresh ahead of expiry), the still-valid token is used.
fn refresh_holding_lease(
    store: &Store,
    lease: &Lease,
    name: &str,
    grant: Grant,
    fallback: bool,
) -> Result<String, Failure> {
    match refresh_with_retries(store, lease, name, grant) {
        Ok(token) => Ok(token),
        Err(Failed::Grant) => Err(Box::new(NotAuthorized::NeedsReauth(name.to_string()))),
        Err(Failed::Passing(error)) => {
            let retry_after = match &error {
                TokenError::Unavailable { retry_after, .. } => retry_after.map(Duration::from_secs),
                _ => None,
            };
            if let Err(e) = lease::back_off(store, lease, retry_after) {
                lease::release(store, lease);
                return Err(Box::new(e));
            }
            if fallback {
                return current(store, name);
            }
            Err(Box::new(error))
        }
        Err(Failed::Other(e)) => {
            lease::release(store, lease);
            Err(e)
        }
    }
}

enum Failed {
    /// `invalid_grant`: the connector has been marked for re-authorization.
    Grant,
    /// The provider or the network failed; worth trying again later.
    Passing(TokenError),
    /// Anything else (the database, the vault).
    Other(Failure),
}

impl<E: miette::Diagnostic + Send + Sync + 'static> From<E> for Failed {
    fn from(e: E) -> Failed {
        Failed::Other(Box::new(e))
    }
}

/// One refresh (or client-credentials renewal), tried up to `ATTEMPTS` times.
fn refresh_with_retries(
    store: &Store,
    lease: &Lease,
    name: &str,
    grant: Grant,
) -> Result<String, Failed> {
    let s = store.connector(name)?;
    let refresh_token = store.refresh_token(name)?;
    let client_id = s.definition.client_id.clone().unwrap_or_default();
    let secret = store.client_secret(name)?;
    let client = Client {
        id: &client_id,
        secret: secret.as_deref(),
    };
    let mut attempt = 0;
    loop {
        let answer = match (&refresh_token, grant) {
            (Some(rt), _) => grant::refresh(&s.definition, &client, rt),
            (None, Grant::ClientCredentials) => grant::client_credentials(&s.definition, &client),
            (None, Grant::AuthorizationCode) => {
                return Err(NotAuthorized::Expired(name.to_string()).into())
            }
        };
        match answer {
            Ok(tokens) => {
                // Stored (with a rotated refresh token) before the new access token is handed out.
                if store.save_tokens(name, &tokens, grant, Saving::RefreshOf(lease.version))? {
                    return Ok(tokens.access_token);
                }
                // Newer tokens were saved meanwhile (a new authorization): use those.
                return current(store, name).map_err(Failed::Other);
            }
            Err(TokenError::Refused { ref error, .. }) if error == "invalid_grant" => {
                store.mark_needs_reauth(name, lease.version)?;
                return Err(Failed::Grant);
            }
            Err(e) if is_passing(&e) => {
                attempt += 1;
                let wait = match e {
                    TokenError::Unavailable {
                        retry_after: Some(s),
                        ..
                    } => Duration::from_secs(s),
                    _ => retry::backoff(attempt - 1, RETRY_BASE, LONGEST_WAIT),
                };
                if attempt >= ATTEMPTS || wait > LONGEST_WAIT {
                    return Err(Failed::Passing(e));
                }
                std::thread::sleep(wait);
                lease::extend(store, lease)?;
            }
            Err(e) => return Err(Failed::Other(Box::new(e))),
        }
    }
}

/// Failures worth trying again: the network, and statuses that say "later".
fn is_passing(e: &TokenError) -> bool {
    match e {
        TokenError::Network(_) => true,
        TokenError::Unavailable { status, .. } => super::passing_status(*status),
        _ => false,
    }
}
