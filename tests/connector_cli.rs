//! `dg connector` through the real binary: definitions, credentials, manifests, and secrets that
//! never show in output or in the database file.

mod common;

use std::path::Path;

use common::dg;
use predicates::prelude::*;
use predicates::str::contains;

const SECRET: &str = "s3cr3t-client-value";

fn create_google(db: &Path) {
    dg(db)
        .args(["connector", "create", "google"])
        .args([
            "--authorize-url",
            "https://accounts.example.com/auth?access_type=offline",
        ])
        .args([
            "--token-url",
            "https://oauth2.example.com/token",
            "--scope",
            "contacts",
            "--scope",
            "profile",
        ])
        .args(["--auth-param", "prompt=consent", "--client-auth", "body"])
        .assert()
        .success()
        .stdout(contains("http://127.0.0.1:8976/callback"));
}

#[test]
fn create_credentials_list_show_never_reveal_the_secret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    create_google(&db);
    dg(&db)
        .args([
            "connector",
            "credentials",
            "google",
            "--client-id",
            "cid-1",
            "--client-secret-stdin",
        ])
        .write_stdin(format!("{SECRET}\n"))
        .assert()
        .success()
        .stdout(contains(SECRET).not());
    dg(&db)
        .args(["connector", "list"])
        .assert()
        .success()
        .stdout(
            contains("google")
                .and(contains("unauthorized"))
                .and(contains(SECRET).not()),
        );
    dg(&db)
        .args(["connector", "show", "google", "--json"])
        .assert()
        .success()
        .stdout(
            contains("\"client_secret\":\"(set, redacted)\"")
                .and(contains("\"status\":\"unauthorized\""))
                .and(contains(SECRET).not()),
        );
    dg(&db)
        .args(["connector", "export", "google"])
        .assert()
        .success()
        .stdout(
            contains(SECRET)
                .not()
                .and(contains("client_id = \"cid-1\"")),
        );
    for entry in std::fs::read_dir(dir.path()).expect("list dir").flatten() {
        let bytes = std::fs::read(entry.path()).expect("read file");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET),
            "{} holds the secret in clear",
            entry.path().display()
        );
    }
}

#[test]
fn secret_from_an_environment_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    create_google(&db);
    dg(&db)
        .env("MY_SECRET", SECRET)
        .args([
            "connector",
            "credentials",
            "google",
            "--client-id",
            "cid",
            "--client-secret-env",
            "MY_SECRET",
        ])
        .assert()
        .success();
    dg(&db)
        .args([
            "connector",
            "credentials",
            "google",
            "--client-id",
            "cid",
            "--client-secret-env",
            "NOT_SET_ANYWHERE",
        ])
        .assert()
        .code(1)
        .stderr(contains("is not set"));
}

#[test]
fn manifests_round_trip_exactly_and_import_updates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    let manifest = dir.path().join("google.toml");
    create_google(&db);
    dg(&db)
        .args(["connector", "export", "google", "-o"])
        .arg(&manifest)
        .assert()
        .success();
    let first = std::fs::read_to_string(&manifest).expect("manifest");
    let other = dir.path().join("other.db");
    dg(&other)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success()
        .stdout(contains("created connector google"));
    let again = dg(&other)
        .args(["connector", "export", "google"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&again), first);
    let edited = first.replace("scope_separator = \" \"", "scope_separator = \",\"");
    std::fs::write(&manifest, edited).expect("edit manifest");
    dg(&other)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success()
        .stdout(contains("updated connector google"));
    dg(&other)
        .args(["connector", "export", "google"])
        .assert()
        .success()
        .stdout(contains("scope_separator = \",\""));
    std::fs::write(&manifest, first + "client_secret = \"oops\"\n").expect("bad manifest");
    dg(&other)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .code(1)
        .stderr(contains("never hold secrets"));
}

#[test]
fn bad_input_is_reported_not_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    create_google(&db);
    dg(&db)
        .args([
            "connector",
            "create",
            "google",
            "--authorize-url",
            "https://a.example.com",
            "--token-url",
            "https://t.example.com",
        ])
        .assert()
        .code(1)
        .stderr(contains("already exists"));
    dg(&db)
        .args([
            "connector",
            "create",
            "bad name",
            "--authorize-url",
            "https://a.example.com",
            "--token-url",
            "https://t.example.com",
        ])
        .assert()
        .code(1)
        .stderr(contains("must be letters"));
    dg(&db)
        .args([
            "connector",
            "create",
            "ftp",
            "--authorize-url",
            "ftp://a.example.com",
            "--token-url",
            "https://t.example.com",
        ])
        .assert()
        .code(1)
        .stderr(contains("must start with http"));
    dg(&db)
        .args(["connector", "delete", "google"])
        .assert()
        .success();
    dg(&db)
        .args(["connector", "show", "google"])
        .assert()
        .code(1)
        .stderr(contains("no connector named"));
}

#[test]
fn a_wrong_master_key_is_detected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    dg(&db)
        .env("DG_MASTER_KEY", key)
        .args(["connector", "list"])
        .assert()
        .success();
    let other = "HxwdHh8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo=";
    dg(&db)
        .env("DG_MASTER_KEY", other)
        .args(["connector", "list"])
        .assert()
        .code(1)
        .stderr(contains("does not match"));
    dg(&db)
        .env("DG_MASTER_KEY", "short")
        .args(["connector", "list"])
        .assert()
        .code(1)
        .stderr(contains("32 bytes").or(contains("base64")));
}

#[test]
fn key_rotation_keeps_the_secrets_readable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    create_google(&db);
    dg(&db)
        .args([
            "connector",
            "credentials",
            "google",
            "--client-id",
            "cid",
            "--client-secret-stdin",
        ])
        .write_stdin(SECRET)
        .assert()
        .success();
    let key_file = dir.path().join("dg.db.key");
    let before = std::fs::read_to_string(&key_file).expect("key file");
    dg(&db)
        .args(["key", "rotate"])
        .assert()
        .success()
        .stdout(contains("re-encrypted 2 stored secrets"));
    let after = std::fs::read_to_string(&key_file).expect("key file");
    assert_ne!(before, after);
    dg(&db)
        .args(["connector", "show", "google"])
        .assert()
        .success()
        .stdout(contains("(set, redacted)"));
    dg(&db)
        .env("DG_MASTER_KEY", before.trim())
        .args(["connector", "list"])
        .assert()
        .code(1)
        .stderr(contains("does not match"));
    dg(&db)
        .env("DG_MASTER_KEY", after.trim())
        .args(["key", "rotate"])
        .assert()
        .code(1)
        .stderr(contains("--new-key-env"));
}

#[test]
fn provider_urls_need_tls_and_reserved_parameters_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dg.db");
    dg(&db)
        .args([
            "connector",
            "create",
            "plain",
            "--authorize-url",
            "https://a.example.com",
            "--token-url",
            "http://t.example.com/token",
        ])
        .assert()
        .code(1)
        .stderr(contains("must use https://"));
    dg(&db)
        .args([
            "connector",
            "create",
            "local",
            "--authorize-url",
            "http://127.0.0.1:9/auth",
            "--token-url",
            "http://localhost:9/token",
        ])
        .assert()
        .success();
    dg(&db)
        .args([
            "connector",
            "create",
            "sneaky",
            "--authorize-url",
            "https://a.example.com",
            "--token-url",
            "https://t.example.com",
        ])
        .args(["--auth-param", "state=fixed"])
        .assert()
        .code(1)
        .stderr(contains("set by dg itself"));
    dg(&db)
        .args([
            "connector",
            "create",
            "keyed",
            "--authorize-url",
            "https://a.example.com",
            "--token-url",
            "https://t.example.com",
        ])
        .args(["--token-param", "api_key=abc"])
        .assert()
        .code(1)
        .stderr(contains("looks like a secret"));
}
