//! End-to-end OAuth tests against a real server on 127.0.0.1: npm `oauth2-mock-server`, started by
//! each test from `tests/peers/` (installed by `tests/run.sh` with `npm ci`).

mod common;

use std::path::Path;

use common::{dg, MockServer};
use predicates::prelude::*;
use predicates::str::contains;

const SECRET: &str = "mock-client-secret-value";

fn machine_connector(db: &Path, server: &MockServer, client_auth: &str) {
    dg(db)
        .args([
            "connector",
            "create",
            "machine",
            "--client-auth",
            client_auth,
        ])
        .args([
            "--authorize-url",
            &server.url("/authorize"),
            "--token-url",
            &server.url("/token"),
        ])
        .args([
            "--revoke-url",
            &server.url("/revoke"),
            "--scope",
            "read",
            "--scope",
            "write",
        ])
        .assert()
        .success();
    dg(db)
        .args([
            "connector",
            "credentials",
            "machine",
            "--client-id",
            "machine-client",
            "--client-secret-stdin",
        ])
        .write_stdin(SECRET)
        .assert()
        .success();
}

#[test]
fn client_credentials_with_basic_and_body_auth() {
    let server = MockServer::start("");
    for auth in ["basic", "body"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("dg.db");
        machine_connector(&db, &server, auth);
        dg(&db)
            .args([
                "connector",
                "authorize",
                "machine",
                "--grant",
                "client-credentials",
            ])
            .assert()
            .success()
            .stdout(contains("authorized machine").and(contains("expires in 3600 s")));
        dg(&db)
            .args(["connector", "token", "machine", "--json"])
            .assert()
            .success()
            .stdout(
                contains("\"status\":\"authorized\"")
                    .and(contains("\"scope\":\"read write\""))
                    .and(contains("\"token_type\":\"Bearer\"")),
            );
        dg(&db)
            .args(["connector", "list"])
            .assert()
            .success()
            .stdout(contains("authorized"));
        let db_bytes = std::fs::read(&db).expect("read db");
        assert!(
            !String::from_utf8_lossy(&db_bytes).contains("eyJ"),
            "a JWT access token is readable in the database"
        );
        dg(&db)
            .args(["connector", "revoke", "machine"])
            .assert()
            .success()
            .stdout(contains("forgot the tokens"));
        dg(&db)
            .args(["connector", "token", "machine"])
            .assert()
            .success()
            .stdout(contains("unauthorized"));
    }
}

#[test]
fn expires_in_sent_as_text_is_understood() {
    let server = MockServer::start("expires-in-string");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    machine_connector(&db, &server, "basic");
    dg(&db)
        .args([
            "connector",
            "authorize",
            "machine",
            "--grant",
            "client-credentials",
        ])
        .assert()
        .success()
        .stdout(contains("expires in 3600 s"));
    dg(&db)
        .args(["connector", "token", "machine", "--json"])
        .assert()
        .success()
        .stdout(contains("\"expires_at\":\"20"));
}

#[test]
fn an_unreachable_token_endpoint_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    dg(&db)
        .args([
            "connector",
            "create",
            "down",
            "--authorize-url",
            "http://127.0.0.1:9/authorize",
            "--token-url",
            "http://127.0.0.1:9/token",
        ])
        .assert()
        .success();
    dg(&db)
        .args(["connector", "credentials", "down", "--client-id", "x"])
        .assert()
        .success();
    dg(&db)
        .args([
            "connector",
            "authorize",
            "down",
            "--grant",
            "client-credentials",
        ])
        .assert()
        .code(1)
        .stderr(contains("cannot reach the token endpoint"));
}

#[test]
fn a_token_endpoint_that_never_answers_times_out() {
    // A server that accepts the connection and then says nothing.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().expect("address").port();
    let holder = std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().take(1).flatten().collect();
        std::thread::sleep(std::time::Duration::from_secs(3));
        drop(held);
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    dg(&db)
        .args([
            "connector",
            "create",
            "slow",
            "--authorize-url",
            "http://127.0.0.1:9/authorize",
        ])
        .args(["--token-url", &format!("http://127.0.0.1:{port}/token")])
        .assert()
        .success();
    dg(&db)
        .args(["connector", "credentials", "slow", "--client-id", "x"])
        .assert()
        .success();
    let started = std::time::Instant::now();
    dg(&db)
        .env("DG_HTTP_TIMEOUT_SECS", "1")
        .args([
            "connector",
            "authorize",
            "slow",
            "--grant",
            "client-credentials",
        ])
        .assert()
        .code(1)
        .stderr(contains("cannot reach the token endpoint"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let _ = holder.join();
}

#[test]
fn an_expired_client_credentials_token_is_renewed_with_client_credentials() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    machine_connector(&db, &server, "basic");
    dg(&db)
        .args(["connector", "authorize", "machine"])
        .args(["--grant", "client-credentials"])
        .assert()
        .success();
    assert_eq!(server.count("client_credentials"), 1);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE tokens SET expires_at = '2000-01-01T00:00:00+00:00'",
            [],
        )
        .unwrap();
    // Still "authorized": it renews itself on the next use.
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("authorized").and(contains("expired").not()));
    dg(&db)
        .args(["connector", "token", "machine", "--refresh", "--json"])
        .assert()
        .success()
        .stdout(contains("\"last_refresh_at\":\"20").and(contains("\"status\":\"authorized\"")));
    assert_eq!(server.count("client_credentials"), 2);
    assert_eq!(server.refresh_count(), 0);
}
