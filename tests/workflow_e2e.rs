//! The connector guide's whole scenario with real servers: the googlecontacts connector
//! (oauth2-mock-server), its Atom "contacts" API (httpbin), published and attached to the crmsync
//! extension; a workflow rule on Contacts / create with criteria "Mailing country is Ireland"
//! calling the guide's custom function. An Irish contact, created from the CLI and over HTTP, calls
//! the API exactly once with its values; a French one calls nothing; every run is recorded.

mod common;

use std::path::Path;

use common::{dg, guide_setup, DgServer, MockServer, Peer};
use serde_json::Value;

fn json_of(db: &Path, args: &[&str]) -> Value {
    let out = dg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The calls made to the contacts API so far (from the call log).
fn api_calls(db: &Path) -> Vec<Value> {
    json_of(db, &["log", "--json", "-n", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["api"] == "contacts" && c["origin"] == "invokeConnector")
        .cloned()
        .collect()
}

fn contact(first: &str, last: &str, country: &str) -> String {
    serde_json::json!({
        "First_Name": first, "Last_Name": last, "Email": format!("{}@example.com", first.to_lowercase()),
        "Mobile": "+353 1 555 0100", "Mailing_Country": country
    })
    .to_string()
}

#[test]
fn an_irish_contact_reaches_google_contacts_once_and_a_french_one_does_not() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    guide_setup(&db, &oauth, &httpbin, dir.path());
    let function =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/connector/create_contact.dg");
    dg(&db)
        .args([
            "workflow",
            "add",
            "irish-contacts",
            "--module",
            "Contacts",
            "--on",
            "create",
        ])
        .args([
            "--criteria",
            r#"Mailing_Country == "Ireland""#,
            "--function",
        ])
        .arg(&function)
        .assert()
        .success();

    // From the CLI.
    dg(&db)
        .args([
            "record",
            "create",
            "Contacts",
            "--data",
            &contact("Siobhán", "Ní Bhriain", "Ireland"),
        ])
        .assert()
        .success();
    let calls = api_calls(&db);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0]["status"], 200);
    let sent = calls[0]["request"].as_str().unwrap();
    assert!(
        sent.contains("<gd:givenName>Siobhán</gd:givenName>"),
        "{sent}"
    );
    assert!(
        sent.contains("<gd:familyName>Ní Bhriain</gd:familyName>"),
        "{sent}"
    );
    dg(&db)
        .args([
            "record",
            "create",
            "Contacts",
            "--data",
            &contact("Jean", "Dupont", "France"),
        ])
        .assert()
        .success();
    assert_eq!(api_calls(&db).len(), 1, "nothing for France");

    // Over HTTP.
    let server = DgServer::start(&db, &[], &[]);
    let http = reqwest::blocking::Client::new();
    let created = http
        .post(server.url("/records/Contacts"))
        .header("Content-Type", "application/json")
        .body(contact("Aoife", "Walsh", "Ireland"))
        .send()
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let answer: Value = created.json().unwrap();
    assert_eq!(answer["runs"][0]["outcome"], "ok", "{answer}");
    assert!(answer["runs"][0]["output"][0]
        .as_str()
        .unwrap()
        .starts_with("created Aoife Walsh (HTTP 200)"));
    let french = http
        .post(server.url("/records/Contacts"))
        .header("Content-Type", "application/json")
        .body(contact("Marie", "Curie", "France"))
        .send()
        .unwrap();
    assert_eq!(french.status().as_u16(), 201);
    let calls = api_calls(&db);
    assert_eq!(calls.len(), 2);
    assert!(calls[1]["request"]
        .as_str()
        .unwrap()
        .contains("<gd:givenName>Aoife</gd:givenName>"));

    // Every evaluation is visible, in order: ok, skipped, ok, skipped.
    let runs = json_of(
        &db,
        &["workflow", "runs", "--json", "--rule", "irish-contacts"],
    );
    let outcomes: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["ok", "skipped", "ok", "skipped"]);
    let over_http: Value = http
        .get(server.url("/runs?rule=irish-contacts"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(over_http["runs"].as_array().unwrap().len(), 4);
}

#[test]
fn rules_are_read_at_event_time_and_report_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let function = dir.path().join("tag.dg");
    std::fs::write(
        &function,
        "void tag(map lead)\n{\n\tinfo \"tag \" + lead.get(\"Last_Name\");\n}\n",
    )
    .unwrap();
    dg(&db)
        .args([
            "workflow",
            "add",
            "tag",
            "--module",
            "Leads",
            "--on",
            "create-or-edit",
            "--function",
        ])
        .arg(&function)
        .assert()
        .success();
    let lead = json_of(
        &db,
        &[
            "record",
            "create",
            "Leads",
            "--data",
            r#"{"Last_Name": "Byrne"}"#,
        ],
    );
    let id = lead["id"].as_str().unwrap();
    // The function changes: the next event runs the new text.
    std::fs::write(
        &function,
        "void tag(map lead)\n{\n\tx = lead.get(\"Missing\").length();\n}\n",
    )
    .unwrap();
    dg(&db)
        .args([
            "record",
            "update",
            "Leads",
            id,
            "--data",
            r#"{"Status": "Open"}"#,
        ])
        .assert()
        .success();
    dg(&db)
        .args(["workflow", "disable", "tag"])
        .assert()
        .success();
    dg(&db)
        .args([
            "record",
            "update",
            "Leads",
            id,
            "--data",
            r#"{"Status": "Won"}"#,
        ])
        .assert()
        .success();
    let runs = json_of(&db, &["workflow", "runs", "--json"]);
    let runs = runs.as_array().unwrap();
    assert_eq!(runs.len(), 2, "a disabled rule does not run");
    assert_eq!(runs[0]["outcome"], "ok");
    assert_eq!(runs[0]["output"][0], "tag Byrne");
    assert_eq!(runs[1]["outcome"], "error");
    assert_eq!(runs[1]["event"], "edit");
    assert!(
        runs[1]["error"].as_str().unwrap().contains("tag.dg"),
        "{}",
        runs[1]
    );
}

#[test]
fn a_rule_that_updates_its_own_record_does_not_set_itself_off_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let function = dir.path().join("touch.dg");
    std::fs::write(
        &function,
        "void touch(map lead)\n{\n\tn = ifnull(lead.get(\"Touches\"), 0) + 1;\n\tzoho.crm.updateRecord(\"Leads\", lead.get(\"id\"), {\"Touches\": n}, {\"trigger\": {\"workflow\"}});\n\tinfo \"touched \" + n;\n}\n",
    )
    .unwrap();
    dg(&db)
        .args([
            "workflow",
            "add",
            "touch",
            "--module",
            "Leads",
            "--on",
            "create-or-edit",
            "--function",
        ])
        .arg(&function)
        .assert()
        .success();
    let lead = json_of(
        &db,
        &[
            "record",
            "create",
            "Leads",
            "--data",
            r#"{"Last_Name": "Loop"}"#,
        ],
    );
    let id = lead["id"].as_str().unwrap();
    let runs = json_of(&db, &["workflow", "runs", "--json"]);
    let runs = runs.as_array().unwrap();
    // The outer run, and the refused re-entry its update caused (runs are listed in the order
    // they started).
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(runs[0]["event"], "create");
    assert_eq!(runs[0]["outcome"], "ok");
    assert_eq!(runs[0]["output"][0], "touched 1");
    assert_eq!(runs[1]["event"], "edit");
    assert_eq!(runs[1]["outcome"], "error");
    assert!(runs[1]["error"]
        .as_str()
        .unwrap()
        .contains("already running"));
    let record = json_of(&db, &["record", "get", "Leads", id]);
    assert_eq!(record["Touches"], 1);
}
