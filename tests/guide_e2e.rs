//! The connector guide's sample, for real, from the files in `scripts/connector/`: the
//! googlecontacts manifest (its Google URLs pointed at oauth2-mock-server and httpbin on
//! 127.0.0.1), the "contacts" API with its Atom XML body executed, published, added to the crmsync
//! extension with that association's own credentials and authorization, and invoked from the
//! guide's custom function. The body httpbin received must be valid XML holding the values.

mod common;

use common::{
    authorize_headless as authorize, dg, guide_manifest as manifest_for, MockServer, Peer,
};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

const CONTACT: &str = r#"contact:={"First_Name": "Ada & <Co>", "Last_Name": "O'Brien \"Jr\"", "Email": "ada@example.com", "Mobile": "+353 1 555 0100"}"#;

#[test]
fn the_connector_guide_sample_end_to_end() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let manifest = dir.path().join("googlecontacts.toml");
    manifest_for(&oauth, &httpbin, &manifest);

    // The connector, as code, with its API.
    dg(&db)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success()
        .stdout(contains("1 API draft(s) imported"));
    dg(&db)
        .args([
            "connector",
            "credentials",
            "googlecontacts",
            "--client-id",
            "dev-client",
        ])
        .arg("--client-secret-stdin")
        .write_stdin("dev-secret")
        .assert()
        .success();
    authorize(&db, &["googlecontacts"]);

    // Executed (the draft, with the connector's own tokens), then published.
    dg(&db)
        .args(["api", "execute", "googlecontacts.contacts"])
        .args(["--var", "Fname=Test", "--var", "Lname=Run"])
        .args(["--var", "Email=t@example.com", "--var", "Mobile=1"])
        .assert()
        .success()
        .stdout(contains("<gd:givenName>Test</gd:givenName>"));
    // An extension accepts only published connectors.
    dg(&db)
        .args(["extension", "create", "crmsync"])
        .assert()
        .success();
    dg(&db)
        .args(["extension", "add-connector", "crmsync", "googlecontacts"])
        .args([
            "--client-id",
            "crmsync-client",
            "--client-secret-env",
            "CRMSYNC_SECRET",
        ])
        .env("CRMSYNC_SECRET", "crmsync-secret")
        .assert()
        .code(1)
        .stderr(contains("not published"));
    dg(&db)
        .args(["api", "publish", "googlecontacts.contacts"])
        .assert()
        .success()
        .stdout(contains("version 1"));
    dg(&db)
        .args(["extension", "add-connector", "crmsync", "googlecontacts"])
        .args([
            "--client-id",
            "crmsync-client",
            "--client-secret-env",
            "CRMSYNC_SECRET",
        ])
        .env("CRMSYNC_SECRET", "crmsync-secret")
        .assert()
        .success();
    dg(&db)
        .args(["extension", "show", "crmsync"])
        .assert()
        .success()
        .stdout(contains("crmsync.googlecontacts.contacts").and(contains("unauthorized")));
    authorize(&db, &["googlecontacts", "--extension", "crmsync"]);

    // The guide's custom function, with a contact whose values need XML escaping.
    let out = dg(&db)
        .args([
            "run",
            "scripts/connector/create_contact.dg",
            "--arg",
            CONTACT,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .success()
        .stdout(contains("created Ada & <Co> O'Brien \"Jr\" (HTTP 200)"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let echo: serde_json::Value =
        serde_json::from_str(text.split_once('\n').expect("the response").1)
            .expect("httpbin's JSON echo");
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["headers"]["Content-Type"], "application/atom+xml");
    assert_eq!(echo["headers"]["Gdata-Version"], "3.0");
    assert!(echo["headers"]["Authorization"]
        .as_str()
        .unwrap()
        .starts_with("Bearer "));
    let xml = echo["data"].as_str().expect("the body sent");
    let doc = roxmltree::Document::parse(xml).expect("the body is valid XML");
    let text_of = |tag: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == tag)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(text_of("givenName").as_deref(), Some("Ada & <Co>"));
    assert_eq!(text_of("familyName").as_deref(), Some("O'Brien \"Jr\""));
    assert_eq!(text_of("phoneNumber").as_deref(), Some("+353 1 555 0100"));
    let email = doc
        .descendants()
        .find(|n| n.tag_name().name() == "email")
        .unwrap();
    assert_eq!(email.attribute("address"), Some("ada@example.com"));
}

#[test]
fn invocations_use_the_published_version_and_errors_are_catchable() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    common::authorized_web_connector(&db, &oauth);
    dg(&db)
        .args(["api", "add", "web", "echo", "--method", "GET"])
        .args(["--url", &httpbin.url("/anything/v1/${id}")])
        .assert()
        .success();
    let script = dir.path().join("call.dg");
    std::fs::write(
        &script,
        r#"try
{
	zoho.crm.invokeConnector("web.echo", {"id": "x"});
}
catch (e)
{
	info "caught: " + e;
}
resp = zoho.crm.invokeConnector("web.echo", {"id": "a b"});
info resp.get("status_code");
info resp.get("response").toMap().get("url");
r = zoho.crm.invokeConnector("web.nope", Map());
"#,
    )
    .unwrap();
    // Not yet published: a catchable error with the fix; then the unknown API stops the script.
    dg(&db)
        .arg("run")
        .arg(&script)
        .assert()
        .code(1)
        .stdout(contains("caught: the API web.echo is not published yet"));
    dg(&db)
        .args(["api", "publish", "web.echo"])
        .assert()
        .success();
    dg(&db)
        .args([
            "api",
            "edit",
            "web.echo",
            "--url",
            &httpbin.url("/anything/v2/${id}"),
        ])
        .assert()
        .success();
    dg(&db)
        .arg("run")
        .arg(&script)
        .assert()
        .code(1)
        .stdout(contains("200\n").and(contains("/anything/v1/a%20b")))
        .stderr(contains("no API named \"nope\""));
}
