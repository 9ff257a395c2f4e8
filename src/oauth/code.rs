//! The authorization-code flow: an authorize URL with PKCE (S256) and a random `state`, the pending
//! flow kept in the database for ten minutes, the loopback callback (or a pasted redirect URL), and
//! the code exchange.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use chrono::Utc;
use oauth2::{CsrfToken, PkceCodeChallenge};
use rusqlite::{params, OptionalExtension};
use url::Url;

use super::grant::{self, Client};
use super::TokenError;
use crate::connectors::tokens::{Grant, Saving};
use crate::connectors::ConnectorError;
use crate::store::Store;

/// How long a started flow may wait for its callback.
pub const PENDING_MINUTES: i64 = 10;

/// What the provider sent back to the redirect URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Starts a flow: stores it as pending and returns the URL to open and the flow's `state`.
pub fn begin(store: &Store, name: &str) -> Result<(String, String), ConnectorError> {
    let s = store.connector(name)?;
    let d = &s.definition;
    let client_id = d.client_id.clone().ok_or_else(|| {
        ConnectorError::Invalid(format!(
            "connector {name} has no client id yet: dg connector credentials {name} --client-id ID --client-secret-stdin"
        ))
    })?;
    let mut url = Url::parse(&d.authorize_url)
        .map_err(|e| ConnectorError::Invalid(format!("the authorize URL is not valid: {e}")))?;
    let state = CsrfToken::new_random().secret().clone();
    let verifier = if d.pkce {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        url.query_pairs_mut()
            .append_pair("code_challenge", challenge.as_str())
            .append_pair("code_challenge_method", "S256");
        Some(verifier.secret().clone())
    } else {
        None
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", &client_id)
            .append_pair("redirect_uri", &d.redirect_url)
            .append_pair("state", &state);
        if !d.scopes.is_empty() {
            q.append_pair("scope", &d.scopes.join(&d.scope_separator));
        }
        for (k, v) in &d.auth_params {
            q.append_pair(k, v);
        }
    }
    let id = store.connector_id(name)?;
    let sealed = verifier
        .as_deref()
        .map(|v| store.vault.seal(v))
        .transpose()?;
    store.conn.execute(
        "DELETE FROM pending_flows WHERE created_at < ?1",
        [(Utc::now() - chrono::Duration::minutes(PENDING_MINUTES)).to_rfc3339()],
    )?;
    store.conn.execute(
        "INSERT INTO pending_flows (state, connector_id, code_verifier, redirect_url, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![state, id, sealed, d.redirect_url, Utc::now().to_rfc3339()],
    )?;
    Ok((url.to_string(), state))
}

/// Reads the query of a redirected URL (or of a bare `?code=…&state=…`).
pub fn parse_callback(text: &str) -> Result<Callback, ConnectorError> {
    let text = text.trim();
    let query = match Url::parse(text) {
        Ok(url) => url.query().unwrap_or("").to_string(),
        Err(_) => text.split_once('?').map_or(text, |(_, q)| q).to_string(),
    };
    let mut cb = Callback {
        code: None,
        state: None,
        error: None,
        error_description: None,
    };
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "code" => cb.code = Some(v.into_owned()),
            "state" => cb.state = Some(v.into_owned()),
            "error" => cb.error = Some(v.into_owned()),
            "error_description" => cb.error_description = Some(v.into_owned()),
            _ => {}
        }
    }
    if cb.code.is_none() && cb.error.is_none() {
        return Err(ConnectorError::Invalid(
            "the URL carries neither a code nor an error: paste the whole URL the browser was sent to".into(),
        ));
    }
    Ok(cb)
}

/// The connector a pending flow belongs to, by its `state` (for a callback that arrives at the
/// server rather than at `dg connector authorize`).
pub fn connector_for_state(store: &Store, state: &str) -> Result<Option<String>, ConnectorError> {
    Ok(store
        .conn
        .query_row(
            "SELECT c.name FROM pending_flows f JOIN connectors c ON c.id = f.connector_id
             WHERE f.state = ?1",
            [state],
            |r| r.get(0),
        )
        .optional()?)
}

/// Finishes a pending flow of `name` with its callback: checks the state, exchanges the code,
/// stores the tokens.
pub fn complete(
    store: &Store,
    name: &str,
    cb: &Callback,
) -> Result<(), Box<dyn miette::Diagnostic + Send + Sync>> {
    let id = store.connector_id(name)?;
    let cutoff = (Utc::now() - chrono::Duration::minutes(PENDING_MINUTES)).to_rfc3339();
    // Taken and deleted in one statement: two callbacks with one state cannot both pass.
    let pending: Option<(Option<String>, String)> = match &cb.state {
        Some(state) => store
            .conn
            .query_row(
                "DELETE FROM pending_flows
                 WHERE state = ?1 AND connector_id = ?2 AND created_at >= ?3
                 RETURNING code_verifier, redirect_url",
                params![state, id, cutoff],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(ConnectorError::from)?,
        None => None,
    };
    let Some((sealed_verifier, redirect_url)) = pending else {
        return Err(Box::new(ConnectorError::Invalid(format!(
            "the callback's state does not match a pending authorization of {name} (missing, wrong, used or older than \
             {PENDING_MINUTES} minutes): start again with dg connector authorize {name}"
        ))));
    };
    if let Some(error) = &cb.error {
        return Err(Box::new(TokenError::Refused {
            status: 0,
            error: error.clone(),
            description: cb.error_description.clone(),
        }));
    }
    let code = cb.code.clone().unwrap_or_default();
    let verifier = sealed_verifier.map(|v| store.vault.open(&v)).transpose()?;
    let s = store.connector(name)?;
    let client_id = s.definition.client_id.clone().unwrap_or_default();
    let secret = store.client_secret(name)?;
    let client = Client {
        id: &client_id,
        secret: secret.as_deref(),
    };
    let tokens = grant::authorization_code(
        &s.definition,
        &client,
        &code,
        &redirect_url,
        verifier.as_deref(),
    )?;
    if tokens.refresh_token.is_none() {
        eprintln!(
            "dg: note: the provider sent no refresh token; ask for offline access (e.g. --auth-param access_type=offline, \
             --auth-param prompt=consent or the offline_access scope) to stay authorized after expiry"
        );
    }
    store.save_tokens(
        name,
        &tokens,
        Grant::AuthorizationCode,
        Saving::Authorization,
    )?;
    Ok(())
}

/// Waits on the redirect URL's loopback port for the provider's redirect, until `timeout`.
pub fn listen(
    redirect_url: &str,
    state: &str,
    timeout: Duration,
) -> Result<Callback, ConnectorError> {
    let url = Url::parse(redirect_url)
        .map_err(|e| ConnectorError::Invalid(format!("the redirect URL is not valid: {e}")))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let host = url.host_str().unwrap_or("127.0.0.1");
    if host != "127.0.0.1" && host != "localhost" {
        return Err(ConnectorError::Invalid(format!(
            "the redirect URL {redirect_url} is not on this machine; use --no-browser and paste the final URL"
        )));
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        ConnectorError::Invalid(format!(
            "cannot listen on 127.0.0.1:{port} for the callback: {e}"
        ))
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ConnectorError::Invalid(e.to_string()))?;
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        match listener.accept() {
            Ok((stream, _)) => {
                if let Some(cb) = answer(stream, url.path(), state) {
                    return Ok(cb);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(e) => {
                return Err(ConnectorError::Invalid(format!(
                    "the callback listener failed: {e}"
                )))
            }
        }
    }
    Err(ConnectorError::Invalid(format!(
        "no callback arrived within {} s; start again, or finish with --callback-url URL",
        timeout.as_secs()
    )))
}

/// Reads one HTTP request; a request for the callback path carrying this flow's `state` gives the
/// callback and a page saying so. Anything else (another page, a forged state) gets a 404 and the
/// listener keeps waiting.
fn answer(mut stream: TcpStream, path: &str, state: &str) -> Option<Callback> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    // Read the headers too, so closing the connection does not reset it under the browser.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let found = target
        .split('?')
        .next()
        .filter(|p| *p == path)
        .and_then(|_| parse_callback(&target).ok())
        .filter(|cb| cb.state.as_deref() == Some(state));
    let (status, body) = match &found {
        Some(cb) if cb.error.is_some() => (
            "200 OK",
            "dg: the provider refused the authorization. You can close this window.",
        ),
        Some(_) => (
            "200 OK",
            "dg: authorization received. You can close this window.",
        ),
        None => ("404 Not Found", "not the dg callback"),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    found
}
