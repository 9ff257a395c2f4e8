//! `dg record`, `dg workflow` and `dg outbox` through the real binary, with no server.

mod common;

use common::dg;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn records_are_created_listed_updated_imported_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let a = json(dg(&db).args([
        "record",
        "create",
        "Contacts",
        "--data",
        r#"{"Last_Name": "Byrne", "City": "Cork"}"#,
    ]));
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 19);
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "Last_Name,City\nMurphy,Dublin\n\"Kelly, Jr\",Cork\n").unwrap();
    dg(&db)
        .args(["record", "import", "Contacts"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(contains("imported 2 Contacts record(s)"));
    let json_file = dir.path().join("deals.json");
    std::fs::write(
        &json_file,
        r#"{"data": [{"Deal_Name": "A"}, {"Deal_Name": "B"}]}"#,
    )
    .unwrap();
    dg(&db)
        .args(["record", "import", "Deals"])
        .arg(&json_file)
        .assert()
        .success();
    let cork = json(dg(&db).args([
        "record",
        "list",
        "Contacts",
        "--criteria",
        "(City:equals:Cork)",
    ]));
    assert_eq!(cork.as_array().unwrap().len(), 2);
    let page = json(dg(&db).args([
        "record",
        "list",
        "Contacts",
        "--page",
        "2",
        "--per-page",
        "2",
    ]));
    assert_eq!(page[0]["Last_Name"], "Kelly, Jr");
    let data = dir.path().join("change.json");
    std::fs::write(&data, r#"{"City": "Galway"}"#).unwrap();
    let updated = json(dg(&db).args([
        "record",
        "update",
        "Contacts",
        &id,
        "--data",
        &format!("@{}", data.display()),
    ]));
    assert_eq!(updated["City"], "Galway");
    assert_eq!(updated["Last_Name"], "Byrne");
    dg(&db)
        .args(["record", "delete", "Contacts", &id])
        .assert()
        .success();
    dg(&db)
        .args(["record", "get", "Contacts", &id])
        .assert()
        .code(1)
        .stderr(contains("no Contacts record"));
    dg(&db)
        .args(["record", "list", "Contacts", "--criteria", "(City:like:x)"])
        .assert()
        .code(1)
        .stderr(contains("unknown operator").and(contains("equals, not_equal")));
    dg(&db)
        .args(["record", "create", "Contacts", "--data", "[1]"])
        .assert()
        .code(1)
        .stderr(contains("JSON object"));
}

#[test]
fn rules_are_listed_shown_toggled_and_deleted_and_bad_rules_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let f = dir.path().join("f.dg");
    std::fs::write(
        &f,
        "void notify(map deal)\n{\n\tinfo deal.get(\"Deal_Name\");\n}\n",
    )
    .unwrap();
    let file = format!("{}:notify", f.display());
    dg(&db)
        .args([
            "workflow", "add", "big", "--module", "Deals", "--on", "edit",
        ])
        .args(["--criteria", "Amount > 1000", "--function", &file])
        .assert()
        .success();
    dg(&db)
        .args([
            "workflow",
            "add",
            "big",
            "--module",
            "Deals",
            "--on",
            "edit",
            "--function",
            &file,
        ])
        .assert()
        .code(1)
        .stderr(contains("already exists"));
    dg(&db)
        .args(["workflow", "add", "x", "--module", "Deals", "--on", "edit"])
        .args(["--function", &format!("{}:missing", f.display())])
        .assert()
        .code(1)
        .stderr(contains("no function named"));
    dg(&db)
        .args([
            "workflow",
            "add",
            "y",
            "--module",
            "Deals",
            "--on",
            "edit",
            "--criteria",
            "Amount >",
        ])
        .args(["--function", &file])
        .assert()
        .code(1)
        .stderr(contains("does not parse"));
    let listed = json(dg(&db).args(["workflow", "list", "--json"]));
    assert_eq!(listed[0]["criteria"], "Amount > 1000");
    assert_eq!(listed[0]["function"], "notify");
    dg(&db)
        .args(["workflow", "disable", "big"])
        .assert()
        .success();
    let shown = json(dg(&db).args(["workflow", "show", "big", "--json"]));
    assert_eq!(shown["enabled"], false);
    dg(&db)
        .args(["workflow", "enable", "big"])
        .assert()
        .success();
    let deal = json(dg(&db).args([
        "record",
        "create",
        "Deals",
        "--data",
        r#"{"Deal_Name": "D", "Amount": 5000}"#,
    ]));
    let id = deal["id"].as_str().unwrap();
    dg(&db)
        .args([
            "record",
            "update",
            "Deals",
            id,
            "--data",
            r#"{"Stage": "Won"}"#,
        ])
        .assert()
        .success()
        .stderr(contains("workflow big on Deals"));
    let runs = json(dg(&db).args(["workflow", "runs", "--json", "--rule", "big"]));
    assert_eq!(runs[0]["output"][0], "D");
    dg(&db)
        .args(["workflow", "delete", "big"])
        .assert()
        .success();
    dg(&db)
        .args(["workflow", "show", "big"])
        .assert()
        .code(1)
        .stderr(contains("no workflow rule"));
}

#[test]
fn sendmail_goes_to_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let script = dir.path().join("mail.dg");
    std::fs::write(
        &script,
        "sendmail\n[\n\tfrom: zoho.adminuserid\n\tto: \"ada@example.com\"\n\tsubject: \"Welcome\"\n\tmessage: \"Hi\"\n]\n",
    )
    .unwrap();
    dg(&db)
        .arg("run")
        .arg(&script)
        .env("DG_USER_EMAIL", "me@example.com")
        .assert()
        .success();
    dg(&db)
        .args(["outbox"])
        .assert()
        .success()
        .stdout(contains("to ada@example.com: Welcome"));
    let all = json(dg(&db).args(["outbox", "--json"]));
    assert_eq!(all[0]["message"]["from"], "me@example.com");
}

#[test]
fn the_database_is_backed_up_online_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    json(dg(&db).args([
        "record",
        "create",
        "Leads",
        "--data",
        r#"{"Last_Name": "Kept"}"#,
    ]));
    let copy = dir.path().join("backup.db");
    dg(&db)
        .args(["db", "backup"])
        .arg(&copy)
        .assert()
        .success()
        .stdout(contains("backed up"));
    dg(&db)
        .args(["db", "backup"])
        .arg(&copy)
        .assert()
        .code(1)
        .stderr(contains("exists already"));
    dg(&copy)
        .args(["db", "check"])
        .assert()
        .success()
        .stdout(contains("ok:"));
    let leads = json(dg(&copy).args(["record", "list", "Leads"]));
    assert_eq!(leads[0]["Last_Name"], "Kept");
    // A damaged file is reported, not used.
    let broken = dir.path().join("broken.db");
    let mut bytes = std::fs::read(&copy).unwrap();
    for b in bytes.iter_mut().skip(4096).take(4096) {
        *b = 0x5a;
    }
    std::fs::write(&broken, bytes).unwrap();
    dg(&broken).args(["db", "check"]).assert().code(1);
}
