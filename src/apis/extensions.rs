//! Extensions: named bundles of published connectors. Each association of a connector with an
//! extension is a connector row of its own, named `EXTENSION.CONNECTOR`, with its own credentials,
//! redirect URL and tokens and the parent's definition copied in (and kept in step on edits), so
//! the whole OAuth machinery works on it unchanged. Scripts call its APIs as `ext.connector.api`.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use crate::connectors::ConnectorError;
use crate::store::{CachedQuery, Store};

/// The connector row name of an association.
pub fn association_name(extension: &str, connector: &str) -> String {
    format!("{extension}.{connector}")
}

/// An extension with its associated connectors.
#[derive(Debug, Clone)]
pub struct Extension {
    pub name: String,
    /// Parent connector names, by name.
    pub connectors: Vec<String>,
}

/// Columns copied from a parent connector into its associations.
const SHARED_COLUMNS: &[&str] = &[
    "description",
    "authorize_url",
    "token_url",
    "refresh_url",
    "revoke_url",
    "scopes",
    "scope_separator",
    "auth_params",
    "token_params",
    "refresh_params",
    "client_auth",
    "pkce",
    "refresh_margin_secs",
];

fn valid_name(name: &str) -> Result<(), ConnectorError> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(ConnectorError::Invalid(format!(
            "extension name {name:?} must be letters, digits, `_` or `-`"
        )))
    }
}

fn no_extension(name: &str) -> ConnectorError {
    ConnectorError::Invalid(format!(
        "no extension named {name:?} (`dg extension list` shows them; `dg extension create {name}` makes it)"
    ))
}

impl Store {
    pub fn create_extension(&self, name: &str) -> Result<(), ConnectorError> {
        valid_name(name)?;
        if self.extension_id(name)?.is_some() {
            return Err(ConnectorError::Invalid(format!(
                "an extension named {name:?} already exists"
            )));
        }
        self.conn.execute(
            "INSERT INTO extensions (name, created_at) VALUES (?1, ?2)",
            params![name, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    fn extension_id(&self, name: &str) -> Result<Option<i64>, ConnectorError> {
        Ok(self
            .conn
            .cached_row("SELECT id FROM extensions WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Associates a published connector with an extension, with the association's own client
    /// credentials (the secret sealed) and redirect URL (default: the connector's).
    pub fn add_connector_to_extension(
        &self,
        extension: &str,
        connector: &str,
        client_id: &str,
        secret: Option<&str>,
        redirect_url: Option<&str>,
    ) -> Result<String, ConnectorError> {
        let ext_id = self
            .extension_id(extension)?
            .ok_or_else(|| no_extension(extension))?;
        let parent = self.connector(connector)?;
        if connector.contains('.') {
            return Err(ConnectorError::Invalid(format!(
                "{connector} is itself an extension's connector; add the connector it comes from"
            )));
        }
        if !self.connector_published(connector)? {
            return Err(ConnectorError::Invalid(format!(
                "connector {connector} is not published: publish one of its APIs first (`dg api publish {connector}.API`)"
            )));
        }
        let name = association_name(extension, &parent.definition.name);
        if self.find_connector_id(&name)?.is_some() {
            return Err(ConnectorError::Invalid(format!(
                "extension {extension} already has connector {connector}"
            )));
        }
        let parent_id = self.connector_id(connector)?;
        let sealed = secret.map(|s| self.vault.seal(s)).transpose()?;
        let shared = SHARED_COLUMNS.join(", ");
        self.conn.execute(
            &format!(
                "INSERT INTO connectors (name, {shared}, redirect_url, client_id, client_secret,
                     extension_id, parent_id, created_at, updated_at)
                 SELECT ?1, {shared}, COALESCE(?2, redirect_url), ?3, ?4, ?5, id, ?6, ?6
                 FROM connectors WHERE id = ?7"
            ),
            params![
                name,
                redirect_url,
                client_id,
                sealed,
                ext_id,
                Utc::now().to_rfc3339(),
                parent_id
            ],
        )?;
        Ok(name)
    }

    /// Copies a connector's edited definition into its associations.
    pub fn sync_associations(&self, parent_id: i64) -> Result<(), ConnectorError> {
        let sets: Vec<String> = SHARED_COLUMNS
            .iter()
            .map(|c| format!("{c} = (SELECT {c} FROM connectors p WHERE p.id = ?1)"))
            .collect();
        self.conn.execute(
            &format!(
                "UPDATE connectors SET {} WHERE parent_id = ?1",
                sets.join(", ")
            ),
            [parent_id],
        )?;
        Ok(())
    }

    pub fn extensions(&self) -> Result<Vec<Extension>, ConnectorError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM extensions ORDER BY name")?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        names.iter().map(|n| self.extension(n)).collect()
    }

    pub fn extension(&self, name: &str) -> Result<Extension, ConnectorError> {
        let id = self.extension_id(name)?.ok_or_else(|| no_extension(name))?;
        let mut stmt = self.conn.prepare(
            "SELECT p.name FROM connectors c JOIN connectors p ON p.id = c.parent_id
             WHERE c.extension_id = ?1 ORDER BY p.name",
        )?;
        let connectors = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let stored_name: String =
            self.conn
                .cached_row("SELECT name FROM extensions WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(Extension {
            name: stored_name,
            connectors,
        })
    }

    /// The API identifiers scripts can call through an extension: `ext.connector.api` for every
    /// published API of its connectors.
    pub fn extension_api_ids(&self, name: &str) -> Result<Vec<String>, ConnectorError> {
        let ext = self.extension(name)?;
        let mut ids = Vec::new();
        for connector in &ext.connectors {
            for api in self.apis(connector)? {
                if api.published.is_some() {
                    ids.push(format!("{}.{connector}.{}", ext.name, api.draft.name));
                }
            }
        }
        Ok(ids)
    }

    pub fn delete_extension(&self, name: &str) -> Result<(), ConnectorError> {
        let id = self.extension_id(name)?.ok_or_else(|| no_extension(name))?;
        self.conn
            .execute("DELETE FROM connectors WHERE extension_id = ?1", [id])?;
        self.conn
            .execute("DELETE FROM extensions WHERE id = ?1", [id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apis::tests::get;

    #[test]
    fn only_published_connectors_join_and_associations_follow_edits() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dg.db")).unwrap();
        store
            .create_connector(&crate::connectors::example_definition("crm"))
            .unwrap();
        store.create_extension("sales").unwrap();
        store
            .add_api("crm", &get("me", "https://x.test/me"))
            .unwrap();
        let err = store
            .add_connector_to_extension("sales", "crm", "id", Some("s"), None)
            .unwrap_err();
        assert!(err.to_string().contains("not published"), "{err}");
        store.publish_api("crm", "me").unwrap();
        let name = store
            .add_connector_to_extension("sales", "crm", "ext-client", Some("ext-secret"), None)
            .unwrap();
        assert_eq!(name, "sales.crm");
        let assoc = store.connector("sales.crm").unwrap();
        assert_eq!(assoc.definition.client_id.as_deref(), Some("ext-client"));
        assert_eq!(
            store.client_secret("sales.crm").unwrap().as_deref(),
            Some("ext-secret")
        );
        assert_eq!(
            store.extension_api_ids("sales").unwrap(),
            vec!["sales.crm.me"]
        );
        // Not listed among the user's connectors; follows the parent's edits.
        assert_eq!(store.connectors().unwrap().len(), 1);
        let mut edited = crate::connectors::example_definition("crm");
        edited.token_url = "https://a.example.com/v2/token".into();
        store.update_connector(&edited).unwrap();
        assert_eq!(
            store.connector("sales.crm").unwrap().definition.token_url,
            "https://a.example.com/v2/token"
        );
        store.delete_extension("sales").unwrap();
        assert!(store.connector("sales.crm").is_err());
    }
}
