//! Crash tests: `dg` killed with SIGKILL at random points while it refreshes a token, creates a
//! record that fires a rule, and imports records. Afterwards the database passes
//! `PRAGMA integrity_check`, a token pair is always there and works, every record has its rule
//! run recorded (pending ones are finished by `dg workflow resume`), and an import is all or
//! nothing. `DG_CRASH_ROUNDS` sets the kills per scenario (default 10; `DG_CRASH_ROUNDS=100` is
//! the full run).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use assert_cmd::cargo::CommandCargoExt;
use common::{assert_tokens_kept, authorized_web_connector, dg, expire_token, MockServer};

fn rounds() -> u32 {
    std::env::var("DG_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

/// A small xorshift generator: random kill points without another dependency; the seed is
/// printed so a failing sequence can be replayed with DG_CRASH_SEED.
struct Random(u64);

impl Random {
    fn new() -> Random {
        let seed = std::env::var("DG_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            })
            | 1;
        eprintln!("DG_CRASH_SEED={seed}");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Starts `dg --db DB ARGS…` and kills it with SIGKILL after `after`.
fn kill_after(db: &Path, args: &[&str], after: Duration) {
    let mut child = Command::cargo_bin("dg")
        .expect("the dg binary")
        .env("NO_COLOR", "1")
        .env_remove("DG_MASTER_KEY")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dg");
    std::thread::sleep(after);
    let _ = child.kill();
    let _ = child.wait();
}

/// How long `dg --db DB ARGS…` takes when left alone, to spread the kills over its whole run.
fn run_time(db: &Path, args: &[&str]) -> Duration {
    let started = std::time::Instant::now();
    dg(db).args(args).assert().success();
    started.elapsed()
}

/// A random moment between start-up and a little after a run of `typical` would end.
fn kill_point(random: &mut Random, typical: Duration) -> Duration {
    let span = (typical.as_micros() as u64 * 3 / 2).max(1);
    Duration::from_micros(random.below(span))
}

fn integrity(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(verdict, "ok");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign key check");
    assert_eq!(broken, 0);
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn killed_refreshes_never_lose_the_tokens() {
    let server = MockServer::start("slow-refresh");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &server);
    let mut random = Random::new();
    for _ in 0..rounds() {
        expire_token(&db);
        // The mock holds each refresh for 500 ms: kill before, during and after it.
        let at = Duration::from_millis(random.below(700));
        kill_after(&db, &["connector", "token", "web", "--refresh"], at);
        integrity(&db);
        // The old pair or the new one is stored and works: a refresh succeeds at once, taking
        // over a lease the killed process may have left.
        dg(&db)
            .args(["connector", "token", "web", "--refresh", "--force"])
            .timeout(Duration::from_secs(30))
            .assert()
            .success();
        assert_tokens_kept(&db, "\"status\":\"authorized\"");
    }
}

#[test]
fn a_killed_record_creation_leaves_the_record_with_its_runs_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let script = dir.path().join("card.dg");
    std::fs::write(
        &script,
        "string card(map contact)\n{\n\tinfo contact.get(\"Last_Name\");\n\treturn \"carded\";\n}\n",
    )
    .unwrap();
    dg(&db)
        .args([
            "workflow", "add", "card", "--module", "Contacts", "--on", "create",
        ])
        .arg("--function")
        .arg(&script)
        .assert()
        .success();
    let typical = run_time(
        &db,
        &[
            "record",
            "create",
            "Contacts",
            "--data",
            "{\"Last_Name\": \"First\"}",
        ],
    );
    let mut random = Random::new();
    for i in 0..rounds() {
        let data = format!("{{\"Last_Name\": \"Byrne {i}\"}}");
        let at = kill_point(&mut random, typical);
        kill_after(&db, &["record", "create", "Contacts", "--data", &data], at);
        integrity(&db);
        let orphans = count(
            &db,
            "SELECT count(*) FROM records r WHERE NOT EXISTS
               (SELECT 1 FROM workflow_runs w WHERE w.record_id = r.id)",
        );
        assert_eq!(orphans, 0, "a record without its rule run");
        let stray = count(
            &db,
            "SELECT count(*) FROM workflow_runs w WHERE NOT EXISTS
               (SELECT 1 FROM records r WHERE r.id = w.record_id)",
        );
        assert_eq!(stray, 0, "a rule run without its record");
    }
    eprintln!(
        "{} records, {} runs pending",
        count(&db, "SELECT count(*) FROM records"),
        count(
            &db,
            "SELECT count(*) FROM workflow_runs WHERE outcome = 'pending'"
        )
    );
    // What was left pending by the killed processes is finished now, once each.
    dg(&db).args(["workflow", "resume"]).assert().success();
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM workflow_runs WHERE outcome <> 'ok'"
        ),
        0
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM records"),
        count(&db, "SELECT count(DISTINCT record_id) FROM workflow_runs")
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM workflow_runs"),
        count(&db, "SELECT count(*) FROM records"),
        "one run per record"
    );
}

#[test]
fn a_killed_import_imports_everything_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let file = dir.path().join("contacts.json");
    let rows: Vec<serde_json::Value> = (0..2000)
        .map(|i| serde_json::json!({"Last_Name": format!("Byrne {i}"), "Score": i}))
        .collect();
    std::fs::write(&file, serde_json::to_string(&rows).unwrap()).unwrap();
    let path = file.to_str().unwrap();
    let typical = run_time(&db, &["record", "import", "Contacts", path]);
    let mut random = Random::new();
    for _ in 0..rounds() {
        let at = kill_point(&mut random, typical);
        kill_after(&db, &["record", "import", "Contacts", path], at);
        integrity(&db);
        let n = count(&db, "SELECT count(*) FROM records");
        assert_eq!(n % 2000, 0, "a partial import: {n} records");
    }
    eprintln!(
        "{} of {} killed imports completed",
        count(&db, "SELECT count(*) FROM records") / 2000 - 1,
        rounds()
    );
    dg(&db)
        .args(["record", "import", "Contacts", path])
        .assert()
        .success();
}
