//! Calling a connector's API: resolve `ext.connector.api` (an extension's credentials) or
//! `connector.api` (the connector's own) to its published definition, fill the placeholders, send
//! it with the access token (refreshed once and retried once when the API says the token has
//! expired), and log the call.

use std::time::Instant;

use super::template::{self, Rendered};
use super::{extensions, ApiDef};
use crate::connectors::ConnectorError;
use crate::http::log::{self, Origin};
use crate::http::{self, Answer, Outgoing, Transport};
use crate::oauth::refresh;
use crate::store::Store;
use crate::value::DgMap;

pub type Failure = Box<dyn miette::Diagnostic + Send + Sync>;

/// A resolved API: whose tokens to use and what to send.
#[derive(Debug, Clone)]
pub struct Target {
    /// The connector row holding the tokens (`connector` or `extension.connector`).
    pub token_owner: String,
    /// The connector that defines the API.
    pub connector: String,
    pub api: ApiDef,
}

fn unknown(id: &str, why: String) -> ConnectorError {
    ConnectorError::Invalid(format!("cannot call {id:?}: {why}"))
}

/// Finds what `id` names. `draft` takes the API's draft instead of its published version (for
/// `dg api execute`, which tests an API before it is published).
pub fn resolve(store: &Store, id: &str, draft: bool) -> Result<Target, ConnectorError> {
    let parts: Vec<&str> = id.split('.').collect();
    let (token_owner, connector, api) = match parts.as_slice() {
        [ext, connector, api] => {
            let ext = store.extension(ext)?;
            let Some(connector) = ext
                .connectors
                .iter()
                .find(|c| c.eq_ignore_ascii_case(connector))
            else {
                return Err(unknown(
                    id,
                    format!(
                        "extension {} has no connector {connector} (`dg extension add-connector {} {connector} …`)",
                        ext.name, ext.name
                    ),
                ));
            };
            (
                extensions::association_name(&ext.name, connector),
                connector.clone(),
                *api,
            )
        }
        [connector, api] => (connector.to_string(), connector.to_string(), *api),
        _ => {
            return Err(unknown(
                id,
                "an API is named extension.connector.api or connector.api".into(),
            ))
        }
    };
    let api = if draft {
        store.api(&connector, api)?.draft
    } else {
        store.published_api(&connector, api)?
    };
    Ok(Target {
        token_owner,
        connector,
        api,
    })
}

/// The request an API makes with these values, before authorization.
pub fn prepare(api: &ApiDef, vars: &DgMap) -> Result<Outgoing, Failure> {
    let Rendered {
        method,
        url,
        headers,
        body,
    } = template::render(api, vars).map_err(|e| Box::new(e) as Failure)?;
    Ok(Outgoing {
        method,
        url,
        headers,
        body,
        timeout: api
            .timeout_secs
            .filter(|&s| s > 0)
            .map_or_else(http::default_timeout, |s| {
                std::time::Duration::from_secs(u64::from(s))
            }),
        repeatable: api.idempotent(),
        secrets: Vec::new(),
    })
}

/// Whether the API sets its own Authorization header (then the connector's token is not added).
fn has_own_authorization(req: &Outgoing) -> bool {
    req.headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
}

/// The scheme word before the token: the provider's `token_type` (e.g. `Zoho-oauthtoken`), else Bearer.
fn scheme(store: &Store, owner: &str) -> String {
    store
        .token_info(owner)
        .ok()
        .flatten()
        .and_then(|i| i.token_type)
        .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
        .unwrap_or_else(|| "Bearer".to_string())
}

/// Sends `req` with the token of `owner` (when given), logging every attempt; `expired` says
/// whether an answer means the token has expired.
pub fn send_authorized(
    store: &Store,
    transport: &Transport,
    owner: Option<&str>,
    req: &Outgoing,
    origin: &Origin<'_>,
    expired: impl Fn(&Answer) -> bool,
) -> Result<Answer, Failure> {
    let send = |token: Option<&str>| -> Result<Answer, Failure> {
        let mut req = req.clone();
        let scheme_word = owner.map(|o| scheme(store, o)).unwrap_or_default();
        if let Some(token) = token {
            if !has_own_authorization(&req) {
                req.headers
                    .push(("Authorization".into(), format!("{scheme_word} {token}")));
            }
            req.secrets.push(token.to_string());
        }
        let started = Instant::now();
        let outcome = transport.send(&req);
        let ms = started.elapsed().as_millis() as i64;
        let secrets: Vec<&str> = token.into_iter().collect();
        log::record(store, origin, &req, outcome.as_ref(), ms, &secrets);
        outcome.map_err(|e| Box::new(e) as Failure)
    };
    match owner {
        Some(owner) => refresh::with_access_token(store, owner, |t| send(Some(t)), expired),
        None => send(None),
    }
}

/// Calls a resolved API with these placeholder values.
pub fn call(
    store: &Store,
    transport: &Transport,
    target: &Target,
    vars: &DgMap,
    origin_kind: &str,
) -> Result<Answer, Failure> {
    let req = prepare(&target.api, vars)?;
    let origin = Origin {
        kind: origin_kind,
        connector: Some(&target.token_owner),
        api: Some(&target.api.name),
    };
    // An API that brings its own Authorization header (from a placeholder) needs no token.
    let owner = (!has_own_authorization(&req)).then_some(target.token_owner.as_str());
    send_authorized(store, transport, owner, &req, &origin, |a| {
        target.api.token_expired(a.status, &a.body)
    })
}
