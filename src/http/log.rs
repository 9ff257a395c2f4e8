//! The local call log (`dg log`): what each API call and `invokeurl` sent and received, with
//! secrets redacted (credential headers, secret-looking query parameters, and any token given)
//! and bodies shortened.

use chrono::Utc;
use rusqlite::params;

use serde_json::Value as Json;

use super::{Answer, HttpError, Outgoing};
use crate::connectors::ConnectorError;
use crate::store::Store;

/// How much of a body the log keeps.
const BODY_PREVIEW: usize = 2000;
/// How many entries the log keeps; older ones are dropped.
const KEEP: i64 = 1000;
pub const REDACTED: &str = "(redacted)";

/// Who made a call.
pub struct Origin<'a> {
    /// `api execute`, `invokeConnector` or `invokeurl`.
    pub kind: &'a str,
    pub connector: Option<&'a str>,
    pub api: Option<&'a str>,
}

/// One logged call, as `dg log` shows it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub at: String,
    pub origin: String,
    pub connector: Option<String>,
    pub api: Option<String>,
    pub method: String,
    pub url: String,
    pub request: String,
    pub status: Option<u16>,
    pub response: Option<String>,
    pub error: Option<String>,
    pub attempts: u32,
    pub duration_ms: i64,
}

/// Header names whose values are credentials.
pub fn secret_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie"
    ) || n.contains("token")
        || n.contains("secret")
        || n.contains("api-key")
        || n.contains("apikey")
        || n.contains("password")
}

/// Parameter and field names whose values are credentials.
pub fn secret_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("token")
        || n.contains("secret")
        || n.contains("password")
        || n == "key"
        || n.contains("api_key")
        || n.contains("apikey")
        || n == "code"
}

/// A URL with secret-looking query values replaced.
pub fn redact_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    if parsed.query().is_none() {
        return url.to_string();
    }
    let pairs = redact_pairs(parsed.query_pairs());
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// A form for the log: `k=v&…` with the values of secret-looking keys replaced.
pub fn redact_form(pairs: &[(String, String)]) -> String {
    redact_pairs(
        pairs
            .iter()
            .map(|(k, v)| (k.as_str().into(), v.as_str().into())),
    )
    .iter()
    .map(|(k, v)| format!("{k}={v}"))
    .collect::<Vec<_>>()
    .join("&")
}

/// Form pairs with the values of secret-looking keys replaced.
fn redact_pairs<'a>(
    pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) -> Vec<(String, String)> {
    pairs
        .map(|(k, v)| {
            let v = if secret_param(&k) {
                REDACTED.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect()
}

/// Replaces every given secret in a text.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(*s, REDACTED);
    }
    out
}

pub fn preview(body: &str) -> String {
    match body.char_indices().nth(BODY_PREVIEW) {
        Some((cut, _)) => format!("{}… ({} bytes in all)", &body[..cut], body.len()),
        None => body.to_string(),
    }
}

/// A body with the values of secret-looking keys replaced: JSON objects at any depth, and
/// form-encoded bodies.
pub fn redact_body(body: &str) -> String {
    fn walk(v: &mut Json) {
        match v {
            Json::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if (secret_param(k) || secret_header(k)) && !v.is_object() && !v.is_array() {
                        *v = Json::String(REDACTED.into());
                    } else {
                        walk(v);
                    }
                }
            }
            Json::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(mut v) = serde_json::from_str::<Json>(body) {
            walk(&mut v);
            return v.to_string();
        }
    }
    if body.contains('=') && !body.trim().contains(char::is_whitespace) {
        let pairs = redact_pairs(url::form_urlencoded::parse(body.trim().as_bytes()));
        return url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
    }
    body.to_string()
}

/// The request as the log keeps it: headers (credentials redacted) and the start of the body
/// (secret-looking fields redacted).
pub fn describe_request(req: &Outgoing) -> String {
    let mut out = String::new();
    for (k, v) in &req.headers {
        let v = if secret_header(k) {
            REDACTED
        } else {
            v.as_str()
        };
        out.push_str(&format!("{k}: {v}\n"));
    }
    if let Some(body) = &req.body {
        out.push('\n');
        out.push_str(&preview(&redact_body(body)));
    }
    out
}

/// Appends one call to the log. Logging never fails a call: errors are ignored.
pub fn record(
    store: &Store,
    origin: &Origin<'_>,
    req: &Outgoing,
    outcome: Result<&Answer, &HttpError>,
    duration_ms: i64,
    secrets: &[&str],
) {
    let (status, response, error, attempts) = match outcome {
        Ok(a) => (Some(a.status), Some(preview(&a.body)), None, a.attempts),
        Err(e) => {
            let attempts = match e {
                HttpError::Network { attempts, .. } => *attempts,
                _ => 1,
            };
            (None, None, Some(e.to_string()), attempts)
        }
    };
    let clean = |t: &str| scrub(t, secrets);
    let inserted = store
        .conn
        .prepare_cached(
            "INSERT INTO call_log (at, origin, connector, api, method, url, request, status, response,
                 error, attempts, duration_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                Utc::now().to_rfc3339(),
                origin.kind,
                origin.connector,
                origin.api,
                req.method,
                clean(&redact_url(&req.url)),
                clean(&describe_request(req)),
                status,
                response.as_deref().map(clean),
                error.as_deref().map(clean),
                attempts,
                duration_ms
            ])
        });
    // Old entries are dropped now and then, not on every call.
    if inserted.is_ok() && store.conn.last_insert_rowid() % 64 == 0 {
        let _ = store.conn.execute(
            "DELETE FROM call_log WHERE id <= (SELECT MAX(id) FROM call_log) - ?1",
            [KEEP],
        );
    }
}

/// The newest `limit` entries, oldest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Logged>, ConnectorError> {
    let mut stmt = store.conn.prepare(
        "SELECT at, origin, connector, api, method, url, request, status, response, error,
                attempts, duration_ms
         FROM (SELECT * FROM call_log ORDER BY id DESC LIMIT ?1) ORDER BY id",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Logged {
            at: r.get(0)?,
            origin: r.get(1)?,
            connector: r.get(2)?,
            api: r.get(3)?,
            method: r.get(4)?,
            url: r.get(5)?,
            request: r.get(6)?,
            status: r.get(7)?,
            response: r.get(8)?,
            error: r.get(9)?,
            attempts: r.get(10)?,
            duration_ms: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        assert_eq!(
            redact_url("https://x.test/a?access_token=abc&q=1&api_key=k"),
            "https://x.test/a?access_token=%28redacted%29&q=1&api_key=%28redacted%29"
        );
        let req = Outgoing {
            method: "GET".into(),
            url: "https://x.test/".into(),
            headers: vec![
                ("Authorization".into(), "Bearer abcdef".into()),
                ("X-Trace".into(), "t1".into()),
            ],
            body: Some("token abcdef here".into()),
            timeout: std::time::Duration::from_secs(1),
            repeatable: true,
            secrets: Vec::new(),
        };
        let text = scrub(&describe_request(&req), &["abcdef"]);
        assert!(!text.contains("abcdef"), "{text}");
        assert!(text.contains("X-Trace: t1"), "{text}");
        assert_eq!(
            redact_body(r#"{"user": "a", "auth": {"password": "p", "refresh_token": "r"}}"#),
            r#"{"auth":{"password":"(redacted)","refresh_token":"(redacted)"},"user":"a"}"#
        );
        assert_eq!(
            redact_body("grant_type=x&client_secret=s3&code=c"),
            "grant_type=x&client_secret=%28redacted%29&code=%28redacted%29"
        );
    }
}
