//! End-to-end against npm `oidc-provider` on 127.0.0.1: its login and consent pages driven over HTTP
//! with a cookie jar, both client-authentication methods, a public PKCE client, refresh-token
//! rotation (an old refresh token is refused and the connector then needs re-authorization),
//! client credentials, a wrong secret and a denied consent.

mod common;

use std::path::Path;

use common::{dg, OidcServer};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;
use serde_json::Value;

const REDIRECT: &str = "http://127.0.0.1:8976/callback";

type ClientId<'a> = (&'a str, Option<&'a str>);

/// `dg connector create NAME` for the provider, asking for offline access (refresh tokens), with
/// the client's credentials.
fn oidc_connector(db: &Path, server: &OidcServer, name: &str, auth: &str, client: ClientId<'_>) {
    create(
        db,
        server,
        name,
        auth,
        &["--scope", "openid", "--scope", "offline_access"],
    );
    credentials(db, name, client);
}

fn create(db: &Path, server: &OidcServer, name: &str, auth: &str, extra: &[&str]) {
    dg(db)
        .args(["connector", "create", name])
        .args(["--authorize-url", &server.url("/auth")])
        .args(["--token-url", &server.url("/token")])
        .args(["--revoke-url", &server.url("/token/revocation")])
        .args(["--auth-param", "prompt=consent", "--client-auth", auth])
        .args(["--redirect-url", REDIRECT])
        .args(extra)
        .assert()
        .success();
}

fn credentials(db: &Path, name: &str, client: ClientId<'_>) {
    let mut credentials = dg(db);
    credentials.args(["connector", "credentials", name, "--client-id", client.0]);
    match client.1 {
        Some(secret) => credentials.arg("--client-secret-stdin").write_stdin(secret),
        None => &mut credentials,
    }
    .assert()
    .success();
}

/// Starts a headless flow and returns the authorize URL it printed.
fn start_flow(db: &Path, name: &str) -> String {
    let out = dg(db)
        .args(["connector", "authorize", name, "--no-browser"])
        .write_stdin("")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    String::from_utf8_lossy(&out)
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL is printed")
        .to_string()
}

/// Plays the user at the provider: logs in as alice and grants consent (or aborts), following
/// redirects with a cookie jar until the provider sends the browser back to the redirect URL.
fn user_at_provider(authorize_url: &str, abort: bool) -> String {
    let http = Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .build()
        .expect("http client");
    let mut at = url::Url::parse(authorize_url).expect("an authorize URL");
    for _ in 0..16 {
        let response = http.get(at.clone()).send().expect("GET at the provider");
        let answer = if response.status().is_redirection() {
            response
        } else {
            let page = response.text().expect("an interaction page");
            if abort {
                http.get(format!("{}/abort", at.as_str().trim_end_matches('/')))
                    .send()
                    .expect("abort")
            } else if page.contains("value=\"login\"") {
                http.post(at.clone())
                    .form(&[("prompt", "login"), ("login", "alice"), ("password", "x")])
                    .send()
                    .expect("log in")
            } else {
                assert!(
                    page.contains("value=\"consent\""),
                    "unexpected page: {page}"
                );
                http.post(at.clone())
                    .form(&[("prompt", "consent")])
                    .send()
                    .expect("consent")
            }
        };
        let location = answer
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("a redirect")
            .to_string();
        if location.starts_with(REDIRECT) {
            return location;
        }
        at = at.join(&location).expect("a relative redirect");
    }
    panic!("the provider never redirected back");
}

fn authorize(db: &Path, name: &str) {
    let url = start_flow(db, name);
    assert!(url.contains("code_challenge_method=S256") && url.contains("prompt=consent"));
    let back = user_at_provider(&url, false);
    assert!(back.contains("code=") && back.contains("iss="), "{back}");
    dg(db)
        .args(["connector", "authorize", name, "--callback-url", &back])
        .assert()
        .success()
        .stdout(contains("authorized"));
}

fn token_json(db: &Path, name: &str, extra: &[&str]) -> Value {
    let out = dg(db)
        .args(["connector", "token", name, "--json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("token JSON")
}

#[test]
fn basic_auth_code_flow_rotates_refresh_tokens_and_an_old_one_is_refused() {
    let server = OidcServer::start(3600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    oidc_connector(
        &db,
        &server,
        "oidc",
        "basic",
        ("connector-basic", Some("basic-secret")),
    );
    authorize(&db, "oidc");
    let first = token_json(&db, "oidc", &[]);
    assert_eq!(first["refresh_token"], "(stored, redacted)", "{first}");
    assert!(first["scope"].as_str().unwrap().contains("offline_access"));

    // Keep a copy of the database holding the first refresh token, then rotate it.
    let old = dir.path().join("old.db");
    std::fs::copy(&db, &old).unwrap();
    let refreshed = token_json(&db, "oidc", &["--refresh", "--force"]);
    assert_eq!(refreshed["status"], "authorized", "{refreshed}");
    assert_ne!(refreshed["last_refresh_at"], Value::Null);
    // The rotated token works again and again.
    token_json(&db, "oidc", &["--refresh", "--force"]);

    // The first refresh token was spent: the provider refuses it and revokes the grant.
    std::fs::copy(&old, &db).unwrap();
    dg(&db)
        .args(["connector", "token", "oidc", "--refresh", "--force"])
        .assert()
        .code(1)
        .stderr(contains("needs to be authorized again"));
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("needs-reauth"));
    // Tokens are kept (never deleted by a failure), and a new authorization repairs the connector.
    assert_eq!(
        token_json(&db, "oidc", &[])["refresh_token"],
        "(stored, redacted)"
    );
    authorize(&db, "oidc");
    assert_eq!(
        token_json(&db, "oidc", &["--refresh", "--force"])["status"],
        "authorized"
    );
}

#[test]
fn body_client_auth_and_a_public_pkce_client() {
    let server = OidcServer::start(3600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    oidc_connector(
        &db,
        &server,
        "post",
        "body",
        ("connector-post", Some("post-secret")),
    );
    authorize(&db, "post");
    token_json(&db, "post", &["--refresh", "--force"]);

    oidc_connector(&db, &server, "public", "body", ("connector-public", None));
    authorize(&db, "public");
    assert_eq!(
        token_json(&db, "public", &["--refresh", "--force"])["refresh_token"],
        "(stored, redacted)"
    );
}

#[test]
fn a_wrong_secret_is_reported_and_stores_nothing() {
    let server = OidcServer::start(3600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    oidc_connector(
        &db,
        &server,
        "oidc",
        "basic",
        ("connector-basic", Some("wrong-secret")),
    );
    let back = user_at_provider(&start_flow(&db, "oidc"), false);
    dg(&db)
        .args(["connector", "authorize", "oidc", "--callback-url", &back])
        .assert()
        .code(1)
        .stderr(contains("invalid_client"))
        .stderr(contains("wrong-secret").not());
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("unauthorized"));
}

#[test]
fn a_denied_consent_is_shown_plainly() {
    let server = OidcServer::start(3600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    oidc_connector(
        &db,
        &server,
        "oidc",
        "basic",
        ("connector-basic", Some("basic-secret")),
    );
    let back = user_at_provider(&start_flow(&db, "oidc"), true);
    assert!(back.contains("error=access_denied"), "{back}");
    dg(&db)
        .args(["connector", "authorize", "oidc", "--callback-url", &back])
        .assert()
        .code(1)
        .stderr(contains("access_denied"));
}

#[test]
fn client_credentials_with_both_client_auth_methods() {
    let server = OidcServer::start(3600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    for (name, auth, client) in [
        (
            "m2m-basic",
            "basic",
            ("connector-basic", Some("basic-secret")),
        ),
        ("m2m-post", "body", ("connector-post", Some("post-secret"))),
    ] {
        create(&db, &server, name, auth, &[]);
        credentials(&db, name, client);
        dg(&db)
            .args([
                "connector",
                "authorize",
                name,
                "--grant",
                "client-credentials",
            ])
            .assert()
            .success();
        let token = token_json(&db, name, &[]);
        assert_eq!(token["status"], "authorized", "{token}");
        assert_eq!(token["refresh_token"], "(none)", "{token}");
    }
}

#[test]
fn an_api_401_refreshes_once_and_retries_with_the_new_token() {
    let server = OidcServer::start(2);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let client = ("connector-basic", Some("basic-secret"));
    oidc_connector(&db, &server, "oidc", "basic", client);
    authorize(&db, "oidc");
    // The provider lets the token die long before the expiry dg was told (as providers that revoke
    // early do), so only the 401 from the bearer-protected /me can tell.
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE tokens SET expires_at = ?1", [later])
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2500));

    let store = dg::store::Store::open(&db).unwrap();
    let http = Client::new();
    let mut sent = Vec::new();
    let (status, body) = dg::oauth::refresh::with_access_token(
        &store,
        "oidc",
        |token| {
            sent.push(token.to_string());
            let answer = http
                .get(server.url("/me"))
                .bearer_auth(token)
                .send()
                .unwrap();
            Ok((answer.status().as_u16(), answer.text().unwrap()))
        },
        |(status, _)| *status == 401,
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"sub\":\"alice\""), "{body}");
    assert_eq!(sent.len(), 2, "one refusal, one retry");
    assert_ne!(sent[0], sent[1]);
    assert_ne!(token_json(&db, "oidc", &[])["last_refresh_at"], Value::Null);
}
