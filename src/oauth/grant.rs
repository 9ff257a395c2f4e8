//! Token requests to a connector's token endpoint: the client-credentials grant, with the client
//! authenticating by HTTP Basic or in the body, and `Accept: application/json` always sent.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::{parse_token_response, TokenError, TokenSet};
use crate::connectors::{ClientAuth, Definition};

/// The client for token and revocation requests: a timeout, and no redirects (a redirect would
/// re-send secrets such as the client secret, codes and tokens to another URL).
fn http_client() -> Result<reqwest::blocking::Client, TokenError> {
    reqwest::blocking::Client::builder()
        .timeout(token_timeout())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| TokenError::Network(e.to_string()))
}

/// How long a token endpoint may take: the HTTP timeout (40 s, `DG_HTTP_TIMEOUT_SECS`).
pub fn token_timeout() -> Duration {
    crate::http::default_timeout()
}

/// Client credentials as stored for a connector.
pub struct Client<'a> {
    pub id: &'a str,
    pub secret: Option<&'a str>,
}

/// `grant_type=client_credentials` with the connector's scopes and extra token parameters.
pub fn client_credentials(d: &Definition, client: &Client<'_>) -> Result<TokenSet, TokenError> {
    let mut form: Vec<(String, String)> = vec![("grant_type".into(), "client_credentials".into())];
    if !d.scopes.is_empty() {
        form.push(("scope".into(), d.scopes.join(&d.scope_separator)));
    }
    form.extend(d.token_params.iter().map(|(k, v)| (k.clone(), v.clone())));
    post_token(&d.token_url, d.client_auth, client, form)
}

/// Exchanges an authorization code (with its PKCE verifier) for tokens.
pub fn authorization_code(
    d: &Definition,
    client: &Client<'_>,
    code: &str,
    redirect_uri: &str,
    verifier: Option<&str>,
) -> Result<TokenSet, TokenError> {
    let mut form: Vec<(String, String)> = vec![
        ("grant_type".into(), "authorization_code".into()),
        ("code".into(), code.to_string()),
        ("redirect_uri".into(), redirect_uri.to_string()),
    ];
    if let Some(v) = verifier {
        form.push(("code_verifier".into(), v.to_string()));
    }
    form.extend(d.token_params.iter().map(|(k, v)| (k.clone(), v.clone())));
    post_token(&d.token_url, d.client_auth, client, form)
}

/// `grant_type=refresh_token`, to the refresh URL (or the token URL) with the refresh parameters.
pub fn refresh(
    d: &Definition,
    client: &Client<'_>,
    refresh_token: &str,
) -> Result<TokenSet, TokenError> {
    let mut form: Vec<(String, String)> = vec![
        ("grant_type".into(), "refresh_token".into()),
        ("refresh_token".into(), refresh_token.to_string()),
    ];
    form.extend(d.refresh_params.iter().map(|(k, v)| (k.clone(), v.clone())));
    let url = d.refresh_url.as_deref().unwrap_or(&d.token_url);
    post_token(url, d.client_auth, client, form)
}

/// RFC 7009 revocation of a token; a 200 answer is success.
pub fn revoke(
    url: &str,
    auth: ClientAuth,
    client: &Client<'_>,
    token: &str,
    hint: &str,
) -> Result<(), TokenError> {
    let http = http_client()?;
    let mut form: Vec<(String, String)> = vec![
        ("token".into(), token.to_string()),
        ("token_type_hint".into(), hint.to_string()),
    ];
    let request = authenticate(http.post(url), auth, client, &mut form);
    let status = request
        .form(&form)
        .send()
        .map_err(|e| TokenError::Network(redact(&e.to_string())))?
        .status()
        .as_u16();
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(TokenError::Unavailable {
            status,
            retry_after: None,
        })
    }
}

/// Adds client authentication: HTTP Basic, or `client_id`/`client_secret` in the form.
fn authenticate(
    request: reqwest::blocking::RequestBuilder,
    auth: ClientAuth,
    client: &Client<'_>,
    form: &mut Vec<(String, String)>,
) -> reqwest::blocking::RequestBuilder {
    match (auth, client.secret) {
        (ClientAuth::Basic, Some(secret)) => {
            // RFC 6749 §2.3.1: form-encode the id and secret before Basic encoding.
            let pair = format!("{}:{}", form_encode(client.id), form_encode(secret));
            request.header("Authorization", format!("Basic {}", STANDARD.encode(pair)))
        }
        (_, secret) => {
            form.push(("client_id".into(), client.id.to_string()));
            if let Some(secret) = secret {
                form.push(("client_secret".into(), secret.to_string()));
            }
            request
        }
    }
}

fn post_token(
    url: &str,
    auth: ClientAuth,
    client: &Client<'_>,
    mut form: Vec<(String, String)>,
) -> Result<TokenSet, TokenError> {
    let http = http_client()?;
    let request = authenticate(
        http.post(url).header("Accept", "application/json"),
        auth,
        client,
        &mut form,
    );
    tracing::debug!(
        url = %crate::http::log::redact_url(url),
        form = %crate::http::log::redact_form(&form),
        "token request"
    );
    let response = request
        .form(&form)
        .send()
        .map_err(|e| TokenError::Network(redact(&e.to_string())))?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| crate::retry::retry_after(v, chrono::Utc::now()))
        // Whole seconds, rounded up: never retry before the time asked.
        .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0));
    let body = response
        .text()
        .map_err(|e| TokenError::Network(e.to_string()))?;
    tracing::trace!(
        status,
        body = %crate::http::log::redact_body(&body),
        "token response"
    );
    // Overload and server errors pass, whatever their body says (`temporarily_unavailable`, HTML).
    if super::passing_status(status) {
        return Err(TokenError::Unavailable {
            status,
            retry_after,
        });
    }
    match parse_token_response(status, &body) {
        Err(TokenError::Unavailable { status, .. }) => Err(TokenError::Unavailable {
            status,
            retry_after,
        }),
        other => other,
    }
}

fn form_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Network errors can quote the URL; a URL never carries a secret here, but stay careful.
fn redact(message: &str) -> String {
    message.replace("client_secret", "client_secret(redacted)")
}
