//! Transport faults for API calls, against the fault server (tests/peers/faults.mjs) with a
//! connector authorized at npm oauth2-mock-server: 503 then 200, 429 with `Retry-After`, a dropped
//! connection, POST not retried unless the API opts in, a slow answer timing out, and a token the
//! API calls expired (401, or a configured 403) refreshed once and retried once.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{authorized_web_connector, dg, MockServer, Peer};
use predicates::str::contains;

fn api(db: &Path, name: &str, method: &str, url: &str, extra: &[&str]) {
    dg(db)
        .args(["api", "add", "web", name, "--method", method, "--url", url])
        .args(extra)
        .assert()
        .success();
}

fn setup() -> (MockServer, Peer, tempfile::TempDir) {
    let oauth = MockServer::start("");
    let faults = Peer::faults();
    let dir = tempfile::tempdir().unwrap();
    authorized_web_connector(&dir.path().join("dg.db"), &oauth);
    (oauth, faults, dir)
}

#[test]
fn passing_failures_are_retried_for_repeatable_requests_only() {
    let (_oauth, faults, dir) = setup();
    let db = dir.path().join("dg.db");
    api(
        &db,
        "flaky",
        "GET",
        &faults.url("/flaky/a?fail=1&status=503"),
        &[],
    );
    dg(&db)
        .args(["api", "execute", "web.flaky"])
        .assert()
        .success();
    assert_eq!(faults.count("a"), 2, "503, then 200");

    // 429 with Retry-After: 1 waits a second, then succeeds.
    api(
        &db,
        "limited",
        "GET",
        &faults.url("/flaky/b?fail=1&status=429&retry_after=1"),
        &[],
    );
    let started = std::time::Instant::now();
    dg(&db)
        .args(["api", "execute", "web.limited"])
        .assert()
        .success();
    assert_eq!(faults.count("b"), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));

    // A dropped connection is a network error, retried.
    api(&db, "dropped", "GET", &faults.url("/drop/c?fail=1"), &[]);
    dg(&db)
        .args(["api", "execute", "web.dropped"])
        .assert()
        .success();
    assert_eq!(faults.count("c"), 2);

    // POST could do the work twice: not retried, unless the API opts in.
    api(&db, "post", "POST", &faults.url("/flaky/d?fail=1"), &[]);
    dg(&db)
        .args(["api", "execute", "web.post"])
        .assert()
        .code(1)
        .stderr(contains("HTTP 503"));
    assert_eq!(faults.count("d"), 1);
    api(
        &db,
        "post-retried",
        "POST",
        &faults.url("/flaky/e?fail=1"),
        &["--retry-unsafe"],
    );
    dg(&db)
        .args(["api", "execute", "web.post-retried"])
        .assert()
        .success();
    assert_eq!(faults.count("e"), 2);

    // A Retry-After beyond the cap is not waited out: the 429 is the answer.
    api(
        &db,
        "later",
        "GET",
        &faults.url("/flaky/f?fail=5&status=429&retry_after=3600"),
        &[],
    );
    dg(&db)
        .args(["api", "execute", "web.later"])
        .assert()
        .code(1)
        .stderr(contains("HTTP 429"));
    assert_eq!(faults.count("f"), 1);
}

#[test]
fn a_slow_answer_times_out_with_a_clear_error() {
    let (_oauth, faults, dir) = setup();
    let db = dir.path().join("dg.db");
    api(
        &db,
        "slow",
        "POST",
        &faults.url("/slow/s?ms=3000"),
        &["--timeout", "1"],
    );
    dg(&db)
        .args(["api", "execute", "web.slow"])
        .assert()
        .code(1)
        .stderr(contains("took longer than 1 s"));
}

#[test]
fn an_expired_token_is_refreshed_once_and_the_call_retried_once() {
    let (oauth, faults, dir) = setup();
    let db = dir.path().join("dg.db");
    api(&db, "me", "GET", &faults.url("/expired/g"), &[]);
    dg(&db)
        .args(["api", "execute", "web.me"])
        .assert()
        .success();
    assert_eq!(
        faults.count("g"),
        2,
        "401 with the old token, 200 with the new"
    );
    assert_eq!(oauth.refresh_count(), 1);

    // A provider that says 403 for an expired token, configured as such.
    api(
        &db,
        "me403",
        "GET",
        &faults.url("/expired/h?status=403"),
        &["--expired-status", "403"],
    );
    dg(&db)
        .args(["api", "execute", "web.me403"])
        .assert()
        .success();
    assert_eq!(oauth.refresh_count(), 2);

    // Without that setting a 403 is just the answer: no refresh.
    api(
        &db,
        "plain403",
        "GET",
        &faults.url("/expired/i?status=403"),
        &[],
    );
    dg(&db)
        .args(["api", "execute", "web.plain403"])
        .assert()
        .code(1)
        .stderr(contains("HTTP 403"));
    assert_eq!(oauth.refresh_count(), 2);
    assert_eq!(faults.count("i"), 1);
}
