//! Token refresh end to end against npm `oauth2-mock-server`: proactive refresh of an expired token
//! within each connector's margin, exactly one refresh for 50 concurrent processes, and
//! `invalid_grant` marking the connector for re-authorization without losing its tokens.

mod common;

use std::process::Stdio;

use common::{authorized_web_connector, dg, expire_token, MockServer};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn a_fresh_token_is_not_refreshed_and_force_refreshes() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .success();
    assert_eq!(server.refresh_count(), 0);
    dg(&db)
        .args([
            "connector",
            "token",
            "web",
            "--refresh",
            "--force",
            "--json",
        ])
        .assert()
        .success()
        .stdout(contains("\"last_refresh_at\":\"20"));
    assert_eq!(server.refresh_count(), 1);
}

#[test]
fn a_token_is_refreshed_within_the_connector_margin() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    let in_two_minutes = (chrono::Utc::now() + chrono::Duration::seconds(120)).to_rfc3339();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE tokens SET expires_at = ?1, obtained_at = '2026-01-01T00:00:00+00:00'",
            [in_two_minutes],
        )
        .unwrap();
    // The default margin is 60 s: two minutes left is fresh enough.
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .success();
    assert_eq!(server.refresh_count(), 0);
    // A margin of 5 minutes, set through an edited manifest, makes it due.
    let manifest = dir.path().join("web.toml");
    dg(&db)
        .args(["connector", "export", "web", "-o"])
        .arg(&manifest)
        .assert()
        .success();
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        !text.contains("refresh_margin_secs"),
        "the default is not written"
    );
    std::fs::write(&manifest, format!("{text}refresh_margin_secs = 300\n")).unwrap();
    dg(&db)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success();
    dg(&db)
        .args(["connector", "show", "web", "--json"])
        .assert()
        .success()
        .stdout(contains("\"refresh_margin_secs\":300"));
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .success();
    assert_eq!(server.refresh_count(), 1);
}

#[test]
fn fifty_concurrent_processes_refresh_once() {
    let server = MockServer::start("slow-refresh");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    expire_token(&db);
    let children: Vec<_> = (0..50)
        .map(|_| {
            common::dg_command()
                .env_remove("DG_MASTER_KEY")
                .arg("--db")
                .arg(&db)
                .args(["connector", "token", "web", "--refresh"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start dg")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("dg finishes");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(server.refresh_count(), 1, "exactly one refresh request");
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("authorized"));
}

#[test]
fn invalid_grant_needs_reauthorization_and_keeps_the_tokens() {
    let server = MockServer::start("invalid-grant-refresh");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    expire_token(&db);
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .code(1)
        .stderr(contains("needs to be authorized again"));
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("needs-reauth"));
    // No more refresh attempts once the grant is known dead, and the tokens are still there.
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .code(1);
    assert_eq!(server.refresh_count(), 1);
    dg(&db)
        .args(["connector", "token", "web", "--json"])
        .assert()
        .success()
        .stdout(contains("\"refresh_token\":\"(stored, redacted)\"").and(contains("needs-reauth")));
}
