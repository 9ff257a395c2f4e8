//! OAuth 2.0 token requests. Token responses are read leniently, as real providers need:
//! JSON or form-encoded bodies, `expires_in` as a number, numeric text, a float or missing,
//! `token_type` in any case, and an HTTP 200 that carries `error` treated as the error it is.

pub mod code;
pub mod grant;
pub mod lease;
pub mod refresh;

use std::collections::BTreeMap;

use serde_json::Value as Json;

/// What a successful token response holds.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: Option<i64>,
    pub refresh_token: Option<String>,
    pub id_token: Option<String>,
    pub scope: Option<String>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &"(redacted)")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "(redacted)"),
            )
            .field("scope", &self.scope)
            .finish()
    }
}

/// Why a token request failed. `Grant` errors (`invalid_grant`) need a new authorization; the
/// others may pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum TokenError {
    #[error("the provider refused the token request: {error}{}", description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    #[diagnostic(code(dg::oauth::refused))]
    Refused {
        status: u16,
        error: String,
        description: Option<String>,
    },
    #[error("the token endpoint answered HTTP {status}{}", retry_after.map(|s| format!(", retry after {s} s")).unwrap_or_default())]
    #[diagnostic(
        code(dg::oauth::unavailable),
        help("this is usually temporary; the stored tokens are kept")
    )]
    Unavailable {
        status: u16,
        retry_after: Option<u64>,
    },
    #[error("the token response is not usable: {0}")]
    #[diagnostic(code(dg::oauth::response))]
    BadResponse(String),
    #[error("cannot reach the token endpoint: {0}")]
    #[diagnostic(
        code(dg::oauth::network),
        help("check the URL and the network; the stored tokens are kept")
    )]
    Network(String),
}

/// Statuses that say "try again later": request timeout, too many requests, server errors.
pub fn passing_status(status: u16) -> bool {
    status == 408 || status == 429 || status >= 500
}

/// Reads a token endpoint's answer.
pub fn parse_token_response(status: u16, body: &str) -> Result<TokenSet, TokenError> {
    let fields = fields_of(body);
    if let Some(error) = fields.get("error").and_then(text_of) {
        return Err(TokenError::Refused {
            status,
            error,
            description: fields.get("error_description").and_then(text_of),
        });
    }
    if !(200..300).contains(&status) {
        return Err(TokenError::Unavailable {
            status,
            retry_after: None,
        });
    }
    let access_token = fields
        .get("access_token")
        .and_then(text_of)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| TokenError::BadResponse("no access_token in the response".into()))?;
    let token_type = fields
        .get("token_type")
        .and_then(text_of)
        .map(|t| {
            if t.eq_ignore_ascii_case("bearer") {
                "Bearer".to_string()
            } else {
                t
            }
        })
        .unwrap_or_else(|| "Bearer".to_string());
    Ok(TokenSet {
        access_token,
        token_type,
        // Zero or negative lifetimes are treated as unknown rather than refreshing on every use.
        expires_in: fields
            .get("expires_in")
            .and_then(seconds_of)
            .filter(|s| *s > 0),
        refresh_token: fields
            .get("refresh_token")
            .and_then(text_of)
            .filter(|t| !t.is_empty()),
        id_token: fields.get("id_token").and_then(text_of),
        scope: fields.get("scope").and_then(text_of),
    })
}

/// The top-level fields of a JSON object or a form-encoded body.
fn fields_of(body: &str) -> BTreeMap<String, Json> {
    if let Ok(Json::Object(map)) = serde_json::from_str::<Json>(body) {
        return map.into_iter().collect();
    }
    url::form_urlencoded::parse(body.trim().as_bytes())
        .map(|(k, v)| (k.into_owned(), Json::String(v.into_owned())))
        .collect()
}

fn text_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `3600`, `"3600"`, `3599.9` or `"3599.9"` as whole seconds.
fn seconds_of(v: &Json) -> Option<i64> {
    match v {
        Json::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Json::String(s) => s.trim().parse::<i64>().ok().or_else(|| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| f as i64)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_in_in_every_shape() {
        for (body, want) in [
            (r#"{"access_token":"a","expires_in":3600}"#, Some(3600)),
            (r#"{"access_token":"a","expires_in":"86399"}"#, Some(86399)),
            (r#"{"access_token":"a","expires_in":3599.7}"#, Some(3599)),
            (r#"{"access_token":"a"}"#, None),
        ] {
            assert_eq!(
                parse_token_response(200, body).unwrap().expires_in,
                want,
                "{body}"
            );
        }
    }

    #[test]
    fn form_bodies_and_lowercase_bearer() {
        let t = parse_token_response(200, "access_token=abc&token_type=bearer&scope=repo%2Cuser")
            .unwrap();
        assert_eq!(t.token_type, "Bearer");
        assert_eq!(t.scope.as_deref(), Some("repo,user"));
        assert_eq!(t.refresh_token, None);
    }

    #[test]
    fn errors_even_with_http_200() {
        let e = parse_token_response(
            200,
            "error=bad_verification_code&error_description=The+code+is+wrong",
        )
        .unwrap_err();
        assert!(
            matches!(e, TokenError::Refused { ref error, .. } if error == "bad_verification_code")
        );
        let e = parse_token_response(400, r#"{"error":"invalid_grant"}"#).unwrap_err();
        assert!(matches!(e, TokenError::Refused { status: 400, .. }));
        assert!(matches!(
            parse_token_response(503, ""),
            Err(TokenError::Unavailable { status: 503, .. })
        ));
        assert!(matches!(
            parse_token_response(200, "{}"),
            Err(TokenError::BadResponse(_))
        ));
    }

    #[test]
    fn debug_never_shows_tokens() {
        let t = parse_token_response(
            200,
            r#"{"access_token":"SECRET1","refresh_token":"SECRET2"}"#,
        )
        .unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}
