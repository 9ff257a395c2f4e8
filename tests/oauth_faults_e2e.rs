//! Refresh failures against the real oauth2-mock-server (its hooks inject the faults): 429 with a
//! `Retry-After` date is waited out, 503 with a long `Retry-After` backs every user off, an
//! unreachable endpoint is retried and then backed off, a process killed in the middle of a
//! refresh loses nothing, and none of them touch the stored tokens.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use common::{
    assert_tokens_kept, authorized_web_connector, dg, expire_token, free_port, MockServer,
};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn set(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.execute(sql, []).expect("update the database");
}

#[test]
fn a_rate_limited_refresh_waits_for_retry_after_and_succeeds() {
    let server = MockServer::start("rate-limited-once");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    expire_token(&db);
    let started = std::time::Instant::now();
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .success();
    assert_eq!(server.refresh_count(), 2, "one 429, then one success");
    // The date is 1-2 s ahead (HTTP dates have whole seconds): the retry waited for it.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_tokens_kept(&db, "\"status\":\"authorized\"");
}

#[test]
fn an_unavailable_token_endpoint_backs_off_and_keeps_the_tokens() {
    let server = MockServer::start("unavailable-refresh");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    expire_token(&db);
    // Retry-After: 120 is longer than anyone waits in-process: one request, then the error.
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .code(1)
        .stderr(contains("HTTP 503").and(contains("retry after 120 s")));
    assert_eq!(server.refresh_count(), 1);
    // Every later user (another process here) backs off instead of asking again...
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .code(1)
        .stderr(contains("the next refresh is tried after"));
    assert_eq!(server.refresh_count(), 1);
    // ...while a token that is only close to expiry keeps being used.
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc3339();
    set(&db, &format!("UPDATE tokens SET expires_at = '{soon}'"));
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .success();
    assert_eq!(server.refresh_count(), 1);
    // --force asks anyway; nothing is ever marked for re-authorization or deleted.
    dg(&db)
        .args(["connector", "token", "web", "--refresh", "--force"])
        .assert()
        .code(1);
    assert_eq!(server.refresh_count(), 2);
    assert_tokens_kept(&db, "\"status\":\"authorized\"");
}

#[test]
fn an_unreachable_refresh_url_is_retried_then_reported_and_the_tokens_kept() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    expire_token(&db);
    let closed = format!("http://127.0.0.1:{}/token", free_port());
    set(
        &db,
        &format!("UPDATE connectors SET refresh_url = '{closed}'"),
    );
    dg(&db)
        .args(["connector", "token", "web", "--refresh"])
        .assert()
        .code(1)
        .stderr(contains("cannot reach the token endpoint"));
    assert_tokens_kept(&db, "\"refresh_token\"");
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("needs-reauth").not());
}

#[test]
fn killing_a_process_in_the_middle_of_a_refresh_loses_nothing() {
    let server = MockServer::start("slow-refresh");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    // Kill at several points: before the request, while the server holds it (500 ms), around the
    // answer and while the new tokens are written.
    for delay_ms in [20, 150, 350, 480, 520, 560, 650] {
        expire_token(&db);
        let mut child = common::dg_command()
            .env("NO_COLOR", "1")
            .env_remove("DG_MASTER_KEY")
            .arg("--db")
            .arg(&db)
            .args(["connector", "token", "web", "--refresh"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dg");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // The old tokens or the new ones are there and readable: a refresh with them succeeds at
        // once, taking over a lease the killed process may have left.
        dg(&db)
            .args(["connector", "token", "web", "--refresh", "--force"])
            .timeout(Duration::from_secs(30))
            .assert()
            .success();
        assert_tokens_kept(&db, "\"status\":\"authorized\"");
    }
}
