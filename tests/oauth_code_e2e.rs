//! The authorization-code flow end to end against npm `oauth2-mock-server` on 127.0.0.1: PKCE and
//! state, the loopback callback, the headless paste flow, a wrong state, and `access_denied`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{dg, free_port, pending_flow, provider_redirect, web_connector, MockServer};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn headless_flow_finished_with_the_callback_url() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    web_connector(&db, &server, free_port());
    let url = pending_flow(&db);
    let location = provider_redirect(&url);
    dg(&db)
        .args(["connector", "authorize", "web", "--callback-url", &location])
        .assert()
        .success()
        .stdout(contains("authorized web"));
    dg(&db)
        .args(["connector", "token", "web", "--json"])
        .assert()
        .success()
        .stdout(
            contains("\"status\":\"authorized\"")
                .and(contains("\"refresh_token\":\"(stored, redacted)\"")),
        );
    // A callback can be used once only.
    dg(&db)
        .args(["connector", "authorize", "web", "--callback-url", &location])
        .assert()
        .code(1)
        .stderr(contains("state does not match"));
}

#[test]
fn loopback_callback_completes_the_flow() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    web_connector(&db, &server, free_port());
    let mut child = common::dg_command()
        .env("DG_NO_BROWSER", "1")
        .env_remove("DG_MASTER_KEY")
        .arg("--db")
        .arg(&db)
        .args(["connector", "authorize", "web", "--timeout", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dg connector authorize");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL is printed");
    let _waiting = lines.next();
    let location = provider_redirect(&url);
    // The browser now follows the redirect to dg's loopback listener.
    let mut answered = false;
    for _ in 0..50 {
        if let Ok(r) = reqwest::blocking::get(&location) {
            assert_eq!(r.status().as_u16(), 200);
            answered = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(answered, "dg's callback listener did not answer");
    let status = child.wait().expect("dg exits");
    assert!(status.success(), "dg connector authorize failed");
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("authorized"));
}

#[test]
fn a_wrong_state_and_access_denied_are_refused() {
    let server = MockServer::start("");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    web_connector(&db, &server, free_port());
    let url = pending_flow(&db);
    let location = provider_redirect(&url);
    let tampered = location
        .split('&')
        .map(|p| {
            if p.starts_with("state=") {
                "state=forged".to_string()
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    dg(&db)
        .args(["connector", "authorize", "web", "--callback-url", &tampered])
        .assert()
        .code(1)
        .stderr(contains("state does not match"));
    let state = url
        .split("state=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .expect("state in the URL");
    let denied = format!("http://127.0.0.1:1/callback?error=access_denied&error_description=User+said+no&state={state}");
    dg(&db)
        .args(["connector", "authorize", "web", "--callback-url", &denied])
        .assert()
        .code(1)
        .stderr(contains("access_denied").and(contains("User said no")));
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(contains("unauthorized"));
}
