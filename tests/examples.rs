//! The example scripts in `scripts/`: every one passes `dg check`, and the runnable ones print what
//! their headers promise.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;

fn dg() -> Command {
    let mut cmd = Command::cargo_bin("dg").expect("the dg binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("DG_MAX_STATEMENTS");
    cmd
}

/// The `.dg` files under `dir`.
fn scripts(dir: &Path) -> Vec<PathBuf> {
    let mut found = common::files_under(dir);
    found.retain(|p| p.extension().is_some_and(|e| e == "dg"));
    found
}

#[test]
fn every_example_passes_check() {
    let files = scripts(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts"));
    assert!(
        files.len() >= 5,
        "expected the example scripts, found {files:?}"
    );
    dg().arg("check").args(&files).assert().success();
}

#[test]
fn hello_runs() {
    dg().args(["run", "scripts/hello.dg"]).assert().success().stdout(
        "Hello, Ada Lovelace!\nDia dhuit\n{\"First_Name\":\"Ada\",\"Last_Name\":\"Lovelace\",\"Mailing_Country\":\"Ireland\"}\n",
    );
}

#[test]
fn contact_card_reads_json_input() {
    dg().args(["run", "scripts/contact_card.dg", "--arg"])
        .arg(r#"contact:={"FIRSTNAME":"Ada","LASTNAME":"Lovelace","EMAIL":"ada@example.com"}"#)
        .assert()
        .success()
        .stdout("Ada Lovelace\n{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"(none)\",\"tag\":\"test data\"}\n");
}

#[test]
fn deal_summary_totals_exactly() {
    dg().args(["run", "scripts/deal_summary.dg"])
        .assert()
        .success()
        .stdout("Won: 14000.25\nOpen: 500\nLost: 0\nbiggest: Initech upsell\n{\"Won\":14000.25,\"Open\":500,\"Lost\":0}\n");
}

#[test]
fn lead_assignment_routes_by_territory() {
    dg().args(["run", "scripts/lead_assignment.dg", "--function", "automation.assignLead", "--arg", "lead:=@scripts/data/lead.json"])
        .assert()
        .success()
        .stdout("assigned lead 4876876000000623001 to cork.rep@example.com (score 55)\n{\"Lead_Id\":4876876000000623001,\"Owner\":\"cork.rep@example.com\",\"Territory\":\"Ireland\",\"Lead_Score\":55}\n");
}

#[test]
fn follow_up_dates_with_a_pinned_clock() {
    dg().args(["run", "scripts/follow_up_dates.dg", "--now", "2024-03-15T10:00:00Z", "--tz", "Europe/Dublin"])
        .assert()
        .success()
        .stdout(
            "today: Friday 15 March 2024\nfirst call: 2024-03-18 (Mon)\nsecond call: 2024-03-22\nproposal valid until: 30-Apr-2024\nopen for 14 days\nSLA missed by 264 hours\n\
             {\"Subject\":\"Follow up (day 1)\",\"Due_Date\":\"2024-03-18\"},{\"Subject\":\"Follow up (day 3)\",\"Due_Date\":\"2024-03-18\"},{\"Subject\":\"Follow up (day 7)\",\"Due_Date\":\"2024-03-22\"}\n",
        );
}

#[test]
fn json_payload_builds_and_reads_json() {
    dg().args(["run", "scripts/json_payload.dg"]).assert().success().stdout(
        "{\"external_id\":\"4876876000000623001\",\"customer\":\"Acme\",\"currency\":\"EUR\",\"lines\":[{\"line\":1,\"sku\":\"SKU-1\",\"quantity\":3,\"amount\":59.97},{\"line\":2,\"sku\":\"SKU-2\",\"quantity\":1,\"amount\":250},{\"line\":3,\"sku\":\"SKU-3\",\"quantity\":12,\"amount\":4.2}],\"net\":314.17,\"vat\":72.26,\"gross\":386.43}\n\
         invoice INV-2024-0042 (created)\nline 3 rejected: SKU-3 discontinued\n",
    );
}

#[test]
fn deal_rollup_sums_money_exactly() {
    dg().args(["run", "scripts/deal_rollup.dg"]).assert().success().stdout(
        "deals: 6\nClosed Won: 14000.45\nNegotiation: 500.1\nClosed Lost: 750.25\nwon 14000.45 of 15250.8 (91.8%)\n{\"ada\":1999.95,\"grace\":12000.5}\n",
    );
}
