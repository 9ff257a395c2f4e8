//! Connector APIs: the definition of one HTTP call (method, URL, headers, parameters, body, all
//! with `${name}` placeholders), stored as an editable draft per connector with numbered published
//! versions that invocations use.

pub mod call;
pub mod extensions;
pub mod template;

use std::collections::BTreeMap;

use chrono::Utc;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::connectors::ConnectorError;
use crate::store::{CachedQuery, Store};

/// The HTTP methods an API may use.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// One API of a connector, as the developer defined it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiDef {
    pub name: String,
    pub method: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Seconds before the request is abandoned (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
    /// Retry POST and PATCH too (GET, PUT and DELETE are always retried on passing failures).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retry_unsafe: bool,
    /// Statuses besides 401 that mean "the access token has expired" (e.g. 403).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expired_status: Vec<u16>,
    /// Text in a response body that means "the access token has expired".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_body: Option<String>,
}

impl ApiDef {
    /// Whether a failed attempt may be sent again without risk of doing the work twice.
    pub fn idempotent(&self) -> bool {
        matches!(self.method.as_str(), "GET" | "PUT" | "DELETE") || self.retry_unsafe
    }

    /// Whether an answer says the access token is no longer good: 401, a configured status, or
    /// the configured text in a 4xx body (never in a success, which must not be sent twice).
    pub fn token_expired(&self, status: u16, body: &str) -> bool {
        status == 401
            || self.expired_status.contains(&status)
            || ((400..500).contains(&status)
                && self
                    .expired_body
                    .as_deref()
                    .is_some_and(|p| !p.is_empty() && body.contains(p)))
    }
}

/// Checks what an API definition must hold before it is stored.
pub fn validate(api: &ApiDef) -> Result<(), ConnectorError> {
    let name_ok = !api.name.is_empty()
        && api
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !name_ok {
        return Err(ConnectorError::Invalid(format!(
            "API name {:?} must be letters, digits, `_` or `-`",
            api.name
        )));
    }
    if !METHODS.contains(&api.method.as_str()) {
        return Err(ConnectorError::Invalid(format!(
            "method {:?} is not one of {}",
            api.method,
            METHODS.join(", ")
        )));
    }
    if !(api.url.starts_with("http://")
        || api.url.starts_with("https://")
        || api.url.starts_with("${"))
    {
        return Err(ConnectorError::Invalid(format!(
            "the URL {:?} must start with http:// or https://",
            api.url
        )));
    }
    if let Some(s) = api.expired_status.iter().find(|s| !(400..500).contains(*s)) {
        return Err(ConnectorError::Invalid(format!(
            "--expired-status {s}: only a 4xx status can mean an expired token"
        )));
    }
    template::check(api)?;
    Ok(())
}

/// A stored API: its draft and what has been published of it.
#[derive(Debug, Clone)]
pub struct StoredApi {
    pub draft: ApiDef,
    /// The newest published version and its definition.
    pub published: Option<(i64, ApiDef)>,
}

impl StoredApi {
    /// True when the draft differs from what invocations use.
    pub fn has_unpublished_changes(&self) -> bool {
        self.published
            .as_ref()
            .is_none_or(|(_, p)| *p != self.draft)
    }
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

fn to_json(api: &ApiDef) -> String {
    serde_json::to_string(api).unwrap_or_else(|_| "{}".to_string())
}

fn from_json(text: &str) -> Result<ApiDef, ConnectorError> {
    serde_json::from_str(text)
        .map_err(|e| ConnectorError::Invalid(format!("a stored API definition is unreadable: {e}")))
}

/// Why an API cannot be found.
fn no_api(connector: &str, api: &str) -> ConnectorError {
    ConnectorError::Invalid(format!(
        "connector {connector} has no API named {api:?} (`dg api list {connector}` shows its APIs)"
    ))
}

impl Store {
    /// Adds an API draft to a connector.
    pub fn add_api(&self, connector: &str, api: &ApiDef) -> Result<(), ConnectorError> {
        validate(api)?;
        let id = self.connector_id(connector)?;
        if self.api_id(id, &api.name)?.is_some() {
            return Err(ConnectorError::Invalid(format!(
                "connector {connector} already has an API named {:?}; use `dg api edit`",
                api.name
            )));
        }
        self.conn.execute(
            "INSERT INTO apis (connector_id, name, definition, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, api.name, to_json(api), now()],
        )?;
        Ok(())
    }

    /// Replaces an API's draft (what invocations use changes only when it is published).
    pub fn update_api(&self, connector: &str, api: &ApiDef) -> Result<(), ConnectorError> {
        validate(api)?;
        let id = self.connector_id(connector)?;
        let changed = self.conn.execute(
            "UPDATE apis SET definition = ?3, updated_at = ?4 WHERE connector_id = ?1 AND name = ?2",
            params![id, api.name, to_json(api), now()],
        )?;
        if changed == 0 {
            return Err(no_api(connector, &api.name));
        }
        Ok(())
    }

    pub fn delete_api(&self, connector: &str, name: &str) -> Result<(), ConnectorError> {
        let id = self.connector_id(connector)?;
        let changed = self.conn.execute(
            "DELETE FROM apis WHERE connector_id = ?1 AND name = ?2",
            params![id, name],
        )?;
        if changed == 0 {
            return Err(no_api(connector, name));
        }
        Ok(())
    }

    fn api_id(&self, connector_id: i64, name: &str) -> Result<Option<i64>, ConnectorError> {
        Ok(self
            .conn
            .cached_row(
                "SELECT id FROM apis WHERE connector_id = ?1 AND name = ?2",
                params![connector_id, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// One API with its newest published version.
    pub fn api(&self, connector: &str, name: &str) -> Result<StoredApi, ConnectorError> {
        let id = self.connector_id(connector)?;
        let (api_id, draft): (i64, String) = self
            .conn
            .cached_row(
                "SELECT id, definition FROM apis WHERE connector_id = ?1 AND name = ?2",
                params![id, name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| no_api(connector, name))?;
        self.stored_api(api_id, &draft)
    }

    fn stored_api(&self, api_id: i64, draft: &str) -> Result<StoredApi, ConnectorError> {
        let published: Option<(i64, String)> = self
            .conn
            .cached_row(
                "SELECT version, definition FROM api_versions WHERE api_id = ?1
                 ORDER BY version DESC LIMIT 1",
                [api_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(StoredApi {
            draft: from_json(draft)?,
            published: published
                .map(|(v, text)| from_json(&text).map(|d| (v, d)))
                .transpose()?,
        })
    }

    /// A connector's APIs, by name.
    pub fn apis(&self, connector: &str) -> Result<Vec<StoredApi>, ConnectorError> {
        let id = self.connector_id(connector)?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, definition FROM apis WHERE connector_id = ?1 ORDER BY name")?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.iter()
            .map(|(api_id, draft)| self.stored_api(*api_id, draft))
            .collect()
    }

    /// Freezes an API's draft as its next version; returns the version number. Publishing an
    /// unchanged draft again returns the current version.
    pub fn publish_api(&self, connector: &str, name: &str) -> Result<i64, ConnectorError> {
        let stored = self.api(connector, name)?;
        if let Some((version, published)) = &stored.published {
            if *published == stored.draft {
                return Ok(*version);
            }
        }
        let id = self.connector_id(connector)?;
        let api_id = self
            .api_id(id, name)?
            .ok_or_else(|| no_api(connector, name))?;
        let version = stored.published.map_or(1, |(v, _)| v + 1);
        self.conn.execute(
            "INSERT INTO api_versions (api_id, version, definition, published_at) VALUES (?1, ?2, ?3, ?4)",
            params![api_id, version, to_json(&stored.draft), now()],
        )?;
        Ok(version)
    }

    /// True once any API of the connector has been published.
    pub fn connector_published(&self, connector: &str) -> Result<bool, ConnectorError> {
        let id = self.connector_id(connector)?;
        Ok(self.conn.cached_row(
            "SELECT EXISTS (SELECT 1 FROM api_versions v JOIN apis a ON a.id = v.api_id
                            WHERE a.connector_id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// The published definition invocations use, with a hint when there is none.
    pub fn published_api(&self, connector: &str, name: &str) -> Result<ApiDef, ConnectorError> {
        let stored = self.api(connector, name)?;
        stored.published.map(|(_, d)| d).ok_or_else(|| {
            ConnectorError::Invalid(format!(
                "the API {connector}.{name} is not published yet; run `dg api publish {connector}.{name}`"
            ))
        })
    }

    /// Makes the connector's APIs exactly `apis` (manifest import): drafts are added or replaced,
    /// and APIs missing from the list are deleted.
    pub fn replace_apis(&self, connector: &str, apis: &[ApiDef]) -> Result<(), ConnectorError> {
        for api in apis {
            validate(api)?;
        }
        let id = self.connector_id(connector)?;
        for old in self.apis(connector)? {
            if !apis
                .iter()
                .any(|a| a.name.eq_ignore_ascii_case(&old.draft.name))
            {
                self.delete_api(connector, &old.draft.name)?;
            }
        }
        for api in apis {
            if self.api_id(id, &api.name)?.is_some() {
                self.update_api(connector, api)?;
            } else {
                self.add_api(connector, api)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn get(name: &str, url: &str) -> ApiDef {
        ApiDef {
            name: name.into(),
            method: "GET".into(),
            url: url.into(),
            headers: BTreeMap::new(),
            params: BTreeMap::new(),
            body: None,
            content_type: None,
            timeout_secs: None,
            retry_unsafe: false,
            expired_status: vec![],
            expired_body: None,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dg.db")).unwrap();
        store
            .create_connector(&crate::connectors::example_definition("c"))
            .unwrap();
        (dir, store)
    }

    #[test]
    fn publishing_freezes_a_version_and_edits_stay_drafts() {
        let (_dir, store) = store();
        store.add_api("c", &get("me", "https://x.test/me")).unwrap();
        assert!(!store.connector_published("c").unwrap());
        assert!(store.published_api("c", "me").is_err());
        assert_eq!(store.publish_api("c", "me").unwrap(), 1);
        assert_eq!(store.publish_api("c", "me").unwrap(), 1, "unchanged");
        assert!(store.connector_published("c").unwrap());
        store
            .update_api("c", &get("me", "https://x.test/v2/me"))
            .unwrap();
        assert_eq!(
            store.published_api("c", "me").unwrap().url,
            "https://x.test/me"
        );
        assert!(store.api("c", "me").unwrap().has_unpublished_changes());
        assert_eq!(store.publish_api("c", "me").unwrap(), 2);
        assert_eq!(
            store.published_api("c", "me").unwrap().url,
            "https://x.test/v2/me"
        );
    }

    #[test]
    fn expired_token_signals_are_401_configured_statuses_and_body_text() {
        let mut api = get("me", "https://x.test/me");
        assert!(api.token_expired(401, ""));
        assert!(!api.token_expired(403, "INVALID_TOKEN"));
        api.expired_status = vec![403];
        api.expired_body = Some("INVALID_OAUTHTOKEN".into());
        assert!(api.token_expired(403, ""));
        assert!(api.token_expired(400, r#"{"code":"INVALID_OAUTHTOKEN"}"#));
        assert!(!api.token_expired(400, r#"{"code":"INVALID_DATA"}"#));
        assert!(api.idempotent(), "GET");
        api.method = "POST".into();
        assert!(!api.idempotent());
        api.retry_unsafe = true;
        assert!(api.idempotent());
    }

    #[test]
    fn bad_definitions_are_refused() {
        let (_dir, store) = store();
        let mut api = get("me", "https://x.test/me");
        api.method = "FETCH".into();
        assert!(store.add_api("c", &api).is_err());
        assert!(store.add_api("c", &get("a.b", "https://x.test")).is_err());
        assert!(store.add_api("c", &get("me", "ftp://x.test")).is_err());
        store.add_api("c", &get("me", "https://x.test/me")).unwrap();
        assert!(store.add_api("c", &get("ME", "https://x.test/me")).is_err());
    }
}
