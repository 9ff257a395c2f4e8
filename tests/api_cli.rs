//! `dg api` and `dg extension` bookkeeping through the real binary, with no server: add, list, show,
//! edit, publish, delete, manifests with APIs, refusals, and script errors that need no network.

mod common;

use std::path::Path;

use common::dg;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn connector(db: &Path) {
    dg(db)
        .args(["connector", "create", "crm"])
        .args(["--authorize-url", "https://accounts.example.com/auth"])
        .args(["--token-url", "https://accounts.example.com/token"])
        .assert()
        .success();
}

#[test]
fn apis_are_added_listed_shown_edited_published_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    connector(&db);
    dg(&db)
        .args(["api", "add", "crm", "lead", "--method", "post"])
        .args(["--url", "https://api.example.com/leads/${owner}"])
        .args(["--header", "X-Org: ${org}", "--param", "dry=${dry}"])
        .args([
            "--content-type",
            "application/json",
            "--body",
            r#"{"n": "${name}"}"#,
        ])
        .assert()
        .success();
    dg(&db)
        .args(["api", "list", "crm"])
        .assert()
        .success()
        .stdout(
            contains("lead")
                .and(contains("POST"))
                .and(contains("draft")),
        );
    dg(&db)
        .args(["api", "show", "crm.lead", "--json"])
        .assert()
        .success()
        .stdout(contains(r#""placeholders":["owner","org","dry","name"]"#));
    dg(&db)
        .args(["api", "publish", "crm.lead"])
        .assert()
        .success();
    dg(&db)
        .args([
            "api",
            "edit",
            "crm.lead",
            "--timeout",
            "5",
            "--remove-header",
            "X-Org",
        ])
        .assert()
        .success();
    dg(&db)
        .args(["api", "list", "crm"])
        .assert()
        .success()
        .stdout(contains("published v1 + draft"));
    // The manifest carries the APIs; importing it elsewhere recreates them.
    let manifest = dir.path().join("crm.toml");
    dg(&db)
        .args(["connector", "export", "crm", "-o"])
        .arg(&manifest)
        .assert()
        .success();
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        text.contains("[[apis]]") && text.contains("timeout_secs = 5"),
        "{text}"
    );
    let other = dir.path().join("other.db");
    dg(&other)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success();
    dg(&other)
        .args(["connector", "export", "crm"])
        .assert()
        .success()
        .stdout(text);
    dg(&db)
        .args(["api", "delete", "crm.lead"])
        .assert()
        .success();
    dg(&db)
        .args(["api", "show", "crm.lead"])
        .assert()
        .code(1)
        .stderr(contains("no API named"));
}

#[test]
fn bad_definitions_and_names_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    connector(&db);
    dg(&db)
        .args([
            "api",
            "add",
            "crm",
            "x",
            "--method",
            "FETCH",
            "--url",
            "https://a.test",
        ])
        .assert()
        .code(1);
    dg(&db)
        .args([
            "api",
            "add",
            "crm",
            "x",
            "--method",
            "GET",
            "--url",
            "ftp://a.test",
        ])
        .assert()
        .code(1)
        .stderr(contains("must start with http"));
    dg(&db)
        .args([
            "api",
            "add",
            "crm",
            "x",
            "--method",
            "GET",
            "--url",
            "https://a.test",
        ])
        .args(["--header", "no colon"])
        .assert()
        .code(1)
        .stderr(contains("Name: value"));
    dg(&db)
        .args(["api", "execute", "nope.x"])
        .assert()
        .code(1)
        .stderr(contains("no connector named"));
    dg(&db)
        .args([
            "extension",
            "add-connector",
            "missing",
            "crm",
            "--client-id",
            "x",
        ])
        .assert()
        .code(1)
        .stderr(contains("no extension named"));
}

#[test]
fn script_errors_before_any_request_are_catchable_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    connector(&db);
    dg(&db)
        .args(["api", "add", "crm", "me", "--method", "GET"])
        .args(["--url", "https://api.example.com/me/${id}"])
        .assert()
        .success();
    dg(&db)
        .args(["api", "publish", "crm.me"])
        .assert()
        .success();
    let script = dir.path().join("s.dg");
    std::fs::write(
        &script,
        r#"for each id in {"crm.me", "crm.other", "a.b.c.d", "ext.crm.me"}
{
	try
	{
		zoho.crm.invokeConnector(id, {"id": 1});
	}
	catch (e)
	{
		info e;
	}
}
try
{
	zoho.crm.invokeConnector("crm.me", Map());
}
catch (e)
{
	info e;
}
"#,
    )
    .unwrap();
    dg(&db).arg("run").arg(&script).assert().success().stdout(
        contains("connector crm is not authorized yet")
            .and(contains("no API named \"other\""))
            .and(contains("extension.connector.api or connector.api"))
            .and(contains("no extension named \"ext\""))
            .and(contains("no value for ${id}, used in the URL")),
    );
}
