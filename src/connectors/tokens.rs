//! A connector's tokens in the database: sealed at rest, written in one transaction, and a refresh
//! response without a refresh token keeps the stored one.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};

use super::ConnectorError;
use crate::oauth::TokenSet;
use crate::store::{CachedQuery, Store};

/// The grant a connector's tokens come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// The browser flow; renewed with the refresh token.
    AuthorizationCode,
    /// Machine to machine; renewed by asking again with the client credentials.
    ClientCredentials,
}

impl Grant {
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorization_code",
            Grant::ClientCredentials => "client_credentials",
        }
    }

    pub fn parse(text: &str) -> Grant {
        if text == "client_credentials" {
            Grant::ClientCredentials
        } else {
            Grant::AuthorizationCode
        }
    }
}

/// Why tokens are being saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// A new authorization: replaces everything.
    Authorization,
    /// A refresh begun when the row had this version: keeps what the response omits, and lands
    /// only if nobody has saved other tokens since.
    RefreshOf(i64),
}

/// What `dg connector token` shows: never the tokens themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub token_type: Option<String>,
    pub scope: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub obtained_at: String,
    pub last_refresh_at: Option<String>,
    pub has_refresh_token: bool,
    pub needs_reauth: bool,
}

impl Store {
    /// Stores a token response for a connector, obtained through `grant`. A refresh keeps the
    /// stored refresh token, id token and scope when the response omits them; a new authorization
    /// replaces them all. False when a refresh lost to newer tokens and was not saved.
    pub fn save_tokens(
        &self,
        name: &str,
        tokens: &TokenSet,
        grant: Grant,
        saving: Saving,
    ) -> Result<bool, ConnectorError> {
        let (refreshed, expected_version) = match saving {
            Saving::Authorization => (false, None),
            Saving::RefreshOf(v) => (true, Some(v)),
        };
        let id = self.connector_id(name)?;
        let now = Utc::now();
        let expires_at = tokens
            .expires_in
            .and_then(|s| now.checked_add_signed(Duration::try_seconds(s)?))
            .map(|t| t.to_rfc3339());
        let access = self.vault.seal(&tokens.access_token)?;
        let refresh = tokens
            .refresh_token
            .as_deref()
            .map(|t| self.vault.seal(t))
            .transpose()?;
        let id_token = tokens
            .id_token
            .as_deref()
            .map(|t| self.vault.seal(t))
            .transpose()?;
        let at = now.to_rfc3339();
        let last_refresh = refreshed.then(|| at.clone());
        self.conn.execute(
            "INSERT INTO tokens (connector_id, access_token, refresh_token, id_token, token_type, scope,
                 expires_at, obtained_at, last_refresh_at, grant_type, needs_reauth, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, 0, 1)
             ON CONFLICT(connector_id) DO UPDATE SET
                 access_token = excluded.access_token,
                 refresh_token = CASE WHEN ?10 THEN COALESCE(excluded.refresh_token, tokens.refresh_token)
                                      ELSE excluded.refresh_token END,
                 id_token = CASE WHEN ?10 THEN COALESCE(excluded.id_token, tokens.id_token)
                                 ELSE excluded.id_token END,
                 token_type = excluded.token_type,
                 scope = CASE WHEN ?10 THEN COALESCE(excluded.scope, tokens.scope) ELSE excluded.scope END,
                 expires_at = excluded.expires_at,
                 obtained_at = CASE WHEN ?10 THEN tokens.obtained_at ELSE excluded.obtained_at END,
                 last_refresh_at = COALESCE(excluded.last_refresh_at, tokens.last_refresh_at),
                 grant_type = excluded.grant_type,
                 needs_reauth = 0,
                 refresh_lease_until = NULL,
                 refresh_lease_pid = NULL,
                 refresh_lease_host = NULL,
                 refresh_lease_id = NULL,
                 refresh_backoff_until = NULL,
                 refresh_failures = 0,
                 version = tokens.version + 1
             WHERE ?12 IS NULL OR tokens.version = ?12",
            params![id, access, refresh, id_token, tokens.token_type, tokens.scope, expires_at, at, last_refresh, refreshed, grant.as_str(), expected_version],
        )?;
        Ok(self.conn.changes() > 0)
    }

    pub fn token_info(&self, name: &str) -> Result<Option<TokenInfo>, ConnectorError> {
        let id = self.connector_id(name)?;
        Ok(self
            .conn
            .cached_row(
                "SELECT token_type, scope, expires_at, obtained_at, last_refresh_at,
                        refresh_token IS NOT NULL, needs_reauth
                 FROM tokens WHERE connector_id = ?1",
                [id],
                |r| {
                    let expires: Option<String> = r.get(2)?;
                    Ok(TokenInfo {
                        token_type: r.get(0)?,
                        scope: r.get(1)?,
                        expires_at: expires
                            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                            .map(|t| t.with_timezone(&Utc)),
                        obtained_at: r.get(3)?,
                        last_refresh_at: r.get(4)?,
                        has_refresh_token: r.get(5)?,
                        needs_reauth: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// The current access token, decrypted, for making API calls.
    pub fn access_token(&self, name: &str) -> Result<Option<String>, ConnectorError> {
        self.sealed_token(name, "access_token")
    }

    /// The decrypted refresh token, for the refresh grant only.
    pub fn refresh_token(&self, name: &str) -> Result<Option<String>, ConnectorError> {
        self.sealed_token(name, "refresh_token")
    }

    /// One sealed column of the `tokens` row, decrypted (`column` is one of ours, never user input).
    fn sealed_token(&self, name: &str, column: &str) -> Result<Option<String>, ConnectorError> {
        let id = self.connector_id(name)?;
        let sealed: Option<String> = self
            .conn
            .cached_row(
                &format!("SELECT {column} FROM tokens WHERE connector_id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(sealed.map(|s| self.vault.open(&s)).transpose()?)
    }

    /// After `invalid_grant` for the refresh token of row version `version`: stop refreshing until
    /// the connector is authorized again (unless newer tokens were saved meanwhile). Tokens are kept.
    pub fn mark_needs_reauth(&self, name: &str, version: i64) -> Result<(), ConnectorError> {
        let id = self.connector_id(name)?;
        self.conn.execute(
            "UPDATE tokens SET needs_reauth = 1, refresh_lease_until = NULL, refresh_lease_pid = NULL,
                 refresh_lease_host = NULL, refresh_lease_id = NULL
             WHERE connector_id = ?1 AND version = ?2",
            params![id, version],
        )?;
        Ok(())
    }

    /// Forgets a connector's tokens; true when there were some.
    pub fn forget_tokens(&self, name: &str) -> Result<bool, ConnectorError> {
        let id = self.connector_id(name)?;
        Ok(self
            .conn
            .execute("DELETE FROM tokens WHERE connector_id = ?1", [id])?
            > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_connector() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dg.db")).unwrap();
        store
            .create_connector(&crate::connectors::example_definition("c"))
            .unwrap();
        (dir, store)
    }

    fn tokens(access: &str, refresh: Option<&str>) -> TokenSet {
        TokenSet {
            access_token: access.into(),
            token_type: "Bearer".into(),
            expires_in: Some(3600),
            refresh_token: refresh.map(String::from),
            id_token: None,
            scope: Some("read".into()),
        }
    }

    #[test]
    fn a_response_without_refresh_token_keeps_the_old_one() {
        let (_dir, store) = store_with_connector();
        store
            .save_tokens(
                "c",
                &tokens("AT1", Some("RT1")),
                Grant::AuthorizationCode,
                Saving::Authorization,
            )
            .unwrap();
        store
            .save_tokens(
                "c",
                &tokens("AT2", None),
                Grant::AuthorizationCode,
                Saving::RefreshOf(1),
            )
            .unwrap();
        assert_eq!(store.access_token("c").unwrap().as_deref(), Some("AT2"));
        let info = store.token_info("c").unwrap().unwrap();
        assert!(info.has_refresh_token);
        assert!(info.last_refresh_at.is_some());
        assert_eq!(store.connector("c").unwrap().status.as_str(), "authorized");
        assert!(store.forget_tokens("c").unwrap());
        assert_eq!(
            store.connector("c").unwrap().status.as_str(),
            "unauthorized"
        );
    }
}
