//! Connectors: OAuth 2.0 client definitions kept in the database (`store`), with their credentials
//! (the client secret sealed by the vault) and a status derived from their tokens.

pub mod manifest;
pub mod tokens;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::store::{CachedQuery, Store, StoreError};

/// Port of the loopback redirect URL every connector gets unless it says otherwise.
pub const DEFAULT_REDIRECT_PORT: u16 = 8976;

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientAuth {
    /// HTTP Basic with the client id and secret (RFC 6749 §2.3.1).
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

impl ClientAuth {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuth::Basic => "basic",
            ClientAuth::Body => "body",
        }
    }

    pub fn parse(text: &str) -> Option<ClientAuth> {
        match text.to_ascii_lowercase().as_str() {
            "basic" => Some(ClientAuth::Basic),
            "body" | "post" => Some(ClientAuth::Body),
            _ => None,
        }
    }
}

/// A connector's definition: everything but secrets and tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub name: String,
    pub description: String,
    pub authorize_url: String,
    pub token_url: String,
    pub refresh_url: Option<String>,
    pub revoke_url: Option<String>,
    pub scopes: Vec<String>,
    pub scope_separator: String,
    pub auth_params: BTreeMap<String, String>,
    pub token_params: BTreeMap<String, String>,
    pub refresh_params: BTreeMap<String, String>,
    pub client_auth: ClientAuth,
    pub pkce: bool,
    pub redirect_url: String,
    pub client_id: Option<String>,
    /// A token this many seconds from expiry is refreshed before use.
    pub refresh_margin_secs: u32,
}

/// The refresh margin a connector gets unless it says otherwise.
pub const DEFAULT_REFRESH_MARGIN_SECS: u32 = 60;

impl Definition {
    pub fn default_redirect_url() -> String {
        format!("http://127.0.0.1:{DEFAULT_REDIRECT_PORT}/callback")
    }
}

/// Where a connector stands with its provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unauthorized,
    Authorized,
    Expired,
    NeedsReauth,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unauthorized => "unauthorized",
            Status::Authorized => "authorized",
            Status::Expired => "expired",
            Status::NeedsReauth => "needs-reauth",
        }
    }
}

/// A stored connector as listed: its definition, whether it has a secret, and its status.
#[derive(Debug, Clone)]
pub struct Summary {
    pub definition: Definition,
    pub has_client_secret: bool,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConnectorError {
    #[error("no connector named {0:?}")]
    #[diagnostic(
        code(dg::connector),
        help("`dg connector list` shows the connectors in this database")
    )]
    NotFound(String),
    #[error("a connector named {0:?} already exists")]
    #[diagnostic(
        code(dg::connector),
        help("choose another name, or `dg connector delete` the old one first")
    )]
    Exists(String),
    #[error("{0}")]
    #[diagnostic(code(dg::connector))]
    Invalid(String),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ConnectorError {
    fn from(e: rusqlite::Error) -> ConnectorError {
        ConnectorError::Store(e.into())
    }
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

fn from_json<T: for<'de> Deserialize<'de> + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

/// Parameter names that would put a secret into a definition (and so into manifests).
fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("secret")
        || k.contains("password")
        || k.ends_with("token")
        || k.contains("assertion")
        || k == "key"
        || k.contains("api_key")
        || k.contains("apikey")
}

/// Authorization parameters `dg` itself sets; a connector may not override them.
const RESERVED_AUTH_PARAMS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// Provider URLs carry secrets, so they must use TLS, except on this machine (tests, local proxies).
fn plain_http_allowed(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .is_some_and(|u| matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")))
}

/// Checks what a definition must hold before it is stored.
pub fn validate(d: &Definition) -> Result<(), ConnectorError> {
    let name_ok = !d.name.is_empty()
        && d.name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !name_ok {
        return Err(ConnectorError::Invalid(format!(
            "connector name {:?} must be letters, digits, `_` or `-`",
            d.name
        )));
    }
    for (flag, params) in [
        ("auth", &d.auth_params),
        ("token", &d.token_params),
        ("refresh", &d.refresh_params),
    ] {
        if let Some(key) = params.keys().find(|k| looks_secret(k)) {
            return Err(ConnectorError::Invalid(format!(
                "the {flag} parameter {key:?} looks like a secret; secrets never go in a connector definition \
                 (manifests never hold secrets) — use `dg connector credentials`"
            )));
        }
    }
    if let Some(key) = d
        .auth_params
        .keys()
        .find(|k| RESERVED_AUTH_PARAMS.contains(&k.as_str()))
    {
        return Err(ConnectorError::Invalid(format!(
            "the auth parameter {key:?} is set by dg itself (response_type, client_id, redirect_uri, state and PKCE)"
        )));
    }
    for (what, url) in [
        ("authorize URL", Some(&d.authorize_url)),
        ("token URL", Some(&d.token_url)),
        ("refresh URL", d.refresh_url.as_ref()),
        ("revoke URL", d.revoke_url.as_ref()),
        ("redirect URL", Some(&d.redirect_url)),
    ] {
        if let Some(url) = url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ConnectorError::Invalid(format!(
                    "the {what} {url:?} must start with http:// or https://"
                )));
            }
            if what != "redirect URL" && url.starts_with("http://") && !plain_http_allowed(url) {
                return Err(ConnectorError::Invalid(format!(
                    "the {what} {url:?} must use https:// (plain http is only allowed on 127.0.0.1 or localhost)"
                )));
            }
        }
    }
    Ok(())
}

impl Store {
    pub fn create_connector(&self, d: &Definition) -> Result<(), ConnectorError> {
        validate(d)?;
        if self.find_connector_id(&d.name)?.is_some() {
            return Err(ConnectorError::Exists(d.name.clone()));
        }
        self.conn.execute(
            "INSERT INTO connectors (name, description, authorize_url, token_url, refresh_url, revoke_url,
                scopes, scope_separator, auth_params, token_params, refresh_params, client_auth, pkce,
                redirect_url, client_id, refresh_margin_secs, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
            rusqlite::params_from_iter(bind(d.name.clone().into(), d)),
        )?;
        Ok(())
    }

    /// Replaces a connector's definition (import of an edited manifest); keeps secret and tokens.
    pub fn update_connector(&self, d: &Definition) -> Result<(), ConnectorError> {
        validate(d)?;
        let id = self.connector_id(&d.name)?;
        self.conn.execute(
            "UPDATE connectors SET description = ?2, authorize_url = ?3, token_url = ?4, refresh_url = ?5,
                revoke_url = ?6, scopes = ?7, scope_separator = ?8, auth_params = ?9, token_params = ?10,
                refresh_params = ?11, client_auth = ?12, pkce = ?13, redirect_url = ?14,
                client_id = COALESCE(?15, client_id), refresh_margin_secs = ?16, updated_at = ?17
             WHERE id = ?1",
            rusqlite::params_from_iter(bind(id.into(), d)),
        )?;
        self.sync_associations(id)?;
        Ok(())
    }

    /// The row id of a connector that must exist.
    pub fn connector_id(&self, name: &str) -> Result<i64, ConnectorError> {
        self.find_connector_id(name)?
            .ok_or_else(|| ConnectorError::NotFound(name.to_string()))
    }

    pub fn find_connector_id(&self, name: &str) -> Result<Option<i64>, ConnectorError> {
        Ok(self
            .conn
            .cached_row("SELECT id FROM connectors WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores the client id and (sealed) secret.
    pub fn set_credentials(
        &self,
        name: &str,
        client_id: &str,
        secret: Option<&str>,
    ) -> Result<(), ConnectorError> {
        let id = self.connector_id(name)?;
        let sealed = secret.map(|s| self.vault.seal(s)).transpose()?;
        self.conn.execute(
            "UPDATE connectors SET client_id = ?2, client_secret = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, client_id, sealed, now()],
        )?;
        // New credentials deserve a fresh try: forget the backoff of earlier failures.
        self.conn.execute(
            "UPDATE tokens SET refresh_backoff_until = NULL, refresh_failures = 0 WHERE connector_id = ?1",
            [id],
        )?;
        Ok(())
    }

    /// The decrypted client secret, for the OAuth flows only.
    pub fn client_secret(&self, name: &str) -> Result<Option<String>, ConnectorError> {
        let sealed: Option<String> = self
            .conn
            .cached_row(
                "SELECT client_secret FROM connectors WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| ConnectorError::NotFound(name.to_string()))?;
        Ok(sealed.map(|s| self.vault.open(&s)).transpose()?)
    }

    pub fn connector(&self, name: &str) -> Result<Summary, ConnectorError> {
        self.conn
            .cached_row(
                &format!("{SUMMARY_SELECT} WHERE c.name = ?1"),
                [name],
                summary_row,
            )
            .optional()?
            .ok_or_else(|| ConnectorError::NotFound(name.to_string()))
    }

    pub fn connectors(&self) -> Result<Vec<Summary>, ConnectorError> {
        let mut stmt = self.conn.prepare(&format!(
            "{SUMMARY_SELECT} WHERE c.parent_id IS NULL ORDER BY c.name"
        ))?;
        let rows = stmt.query_map([], summary_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Deletes a connector with its credentials and tokens.
    pub fn delete_connector(&self, name: &str) -> Result<(), ConnectorError> {
        let n = self
            .conn
            .execute("DELETE FROM connectors WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(ConnectorError::NotFound(name.to_string()));
        }
        Ok(())
    }
}

/// The statement parameters `?1` (the row's key), `?2`–`?16` (the definition's columns, in table
/// order) and `?17` (the time of the change), shared by insert and update.
fn bind(key: rusqlite::types::Value, d: &Definition) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value as Sql;
    let opt = |t: &Option<String>| t.clone().map_or(Sql::Null, Sql::Text);
    vec![
        key,
        Sql::Text(d.description.clone()),
        Sql::Text(d.authorize_url.clone()),
        Sql::Text(d.token_url.clone()),
        opt(&d.refresh_url),
        opt(&d.revoke_url),
        Sql::Text(json(&d.scopes)),
        Sql::Text(d.scope_separator.clone()),
        Sql::Text(json(&d.auth_params)),
        Sql::Text(json(&d.token_params)),
        Sql::Text(json(&d.refresh_params)),
        Sql::Text(d.client_auth.as_str().to_string()),
        Sql::Integer(i64::from(d.pkce)),
        Sql::Text(d.redirect_url.clone()),
        opt(&d.client_id),
        Sql::Integer(i64::from(d.refresh_margin_secs)),
        Sql::Text(now()),
    ]
}

const SUMMARY_SELECT: &str =
    "SELECT c.name, c.description, c.authorize_url, c.token_url, c.refresh_url,
    c.revoke_url, c.scopes, c.scope_separator, c.auth_params, c.token_params, c.refresh_params,
    c.client_auth, c.pkce, c.redirect_url, c.client_id, c.client_secret IS NOT NULL, c.created_at,
    c.updated_at, t.connector_id IS NOT NULL, COALESCE(t.needs_reauth, 0), t.expires_at,
    t.refresh_token IS NOT NULL, c.refresh_margin_secs, t.grant_type
    FROM connectors c LEFT JOIN tokens t ON t.connector_id = c.id";

fn summary_row(r: &Row<'_>) -> rusqlite::Result<Summary> {
    let client_auth: String = r.get(11)?;
    let definition = Definition {
        name: r.get(0)?,
        description: r.get(1)?,
        authorize_url: r.get(2)?,
        token_url: r.get(3)?,
        refresh_url: r.get(4)?,
        revoke_url: r.get(5)?,
        scopes: from_json(&r.get::<_, String>(6)?),
        scope_separator: r.get(7)?,
        auth_params: from_json(&r.get::<_, String>(8)?),
        token_params: from_json(&r.get::<_, String>(9)?),
        refresh_params: from_json(&r.get::<_, String>(10)?),
        client_auth: ClientAuth::parse(&client_auth).unwrap_or(ClientAuth::Basic),
        pkce: r.get(12)?,
        redirect_url: r.get(13)?,
        client_id: r.get(14)?,
        refresh_margin_secs: r.get(22)?,
    };
    let has_tokens: bool = r.get(18)?;
    let needs_reauth: bool = r.get(19)?;
    let expires_at: Option<String> = r.get(20)?;
    // Client-credentials tokens renew themselves as refreshable ones do.
    let renewable = r.get::<_, bool>(21)?
        || r.get::<_, Option<String>>(23)?.as_deref() == Some("client_credentials");
    let expired = expires_at
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .is_some_and(|t| t < Utc::now());
    let status = match (has_tokens, needs_reauth) {
        (false, _) => Status::Unauthorized,
        (true, true) => Status::NeedsReauth,
        (true, false) if expired && !renewable => Status::Expired,
        _ => Status::Authorized,
    };
    Ok(Summary {
        definition,
        has_client_secret: r.get(15)?,
        status,
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
    })
}

/// A minimal valid definition, for tests.
#[cfg(test)]
pub(crate) fn example_definition(name: &str) -> Definition {
    Definition {
        name: name.into(),
        description: String::new(),
        authorize_url: "https://a.example.com/auth".into(),
        token_url: "https://a.example.com/token".into(),
        refresh_url: None,
        revoke_url: None,
        scopes: vec![],
        scope_separator: " ".into(),
        auth_params: Default::default(),
        token_params: Default::default(),
        refresh_params: Default::default(),
        client_auth: ClientAuth::Basic,
        pkce: true,
        redirect_url: Definition::default_redirect_url(),
        client_id: None,
        refresh_margin_secs: DEFAULT_REFRESH_MARGIN_SECS,
    }
}
