//! `dg serve` under load and abuse: 200 concurrent record creations with a rule attached all
//! succeed and each runs the rule exactly once; malformed requests get JSON errors; an endless
//! function is stopped by the statement budget and the server keeps serving; the API key; a
//! graceful stop finishes the execution in flight; oversized bodies and stalled requests.

mod common;

use std::path::Path;

use common::{dg, DgServer};
use reqwest::blocking::Client;
use serde_json::Value;

fn rule_on_contacts(db: &Path, dir: &Path) {
    let function = dir.join("card.dg");
    std::fs::write(
        &function,
        "map card(map contact)\n{\n\tm = Map();\n\tm.put(\"name\", contact.get(\"Last_Name\"));\n\tm.put(\"n\", contact.get(\"N\") * 2);\n\treturn m;\n}\n",
    )
    .unwrap();
    dg(db)
        .args([
            "workflow",
            "add",
            "card",
            "--module",
            "Contacts",
            "--on",
            "create",
            "--function",
        ])
        .arg(&function)
        .assert()
        .success();
}

#[test]
fn two_hundred_concurrent_creations_each_run_the_rule_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    rule_on_contacts(&db, dir.path());
    let server = DgServer::start(&db, &["--workers", "4"], &[]);
    let url = server.url("/records/Contacts");
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let answer = Client::new()
                    .post(&url)
                    .header("Content-Type", "application/json")
                    .body(format!(r#"{{"Last_Name": "C{i}", "N": {i}}}"#))
                    .send()
                    .expect("POST");
                (
                    answer.status().as_u16(),
                    answer.json::<Value>().expect("JSON"),
                )
            })
        })
        .collect();
    for h in handles {
        let (status, answer) = h.join().unwrap();
        assert_eq!(status, 201, "{answer}");
        assert_eq!(answer["runs"].as_array().unwrap().len(), 1);
        assert_eq!(answer["runs"][0]["outcome"], "ok", "{answer}");
    }
    let records = dg(&db)
        .args(["record", "list", "Contacts"])
        .output()
        .unwrap();
    let records: Value = serde_json::from_slice(&records.stdout).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 200);
    let runs = dg(&db)
        .args(["workflow", "runs", "--json", "-n", "1000"])
        .output()
        .unwrap();
    let runs: Value = serde_json::from_slice(&runs.stdout).unwrap();
    let mut ids: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 200);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 200, "exactly one run per record");
}

#[test]
fn malformed_requests_and_failing_functions_get_json_errors_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let functions = dir.path().join("functions");
    std::fs::create_dir(&functions).unwrap();
    std::fs::write(
        functions.join("spin.dg"),
        "void spin()\n{\n\tx = {1,2,3,4,5,6,7,8,9,10};\n\tfor each a in x { for each b in x { for each c in x { for each d in x { for each e in x { for each f in x { y = 1; } } } } } }\n}\n",
    )
    .unwrap();
    std::fs::write(
        functions.join("greet.dg"),
        "string greet(string name)\n{\n\tinfo \"greeting\";\n\treturn \"Hello \" + name;\n}\n",
    )
    .unwrap();
    let server = DgServer::start(&db, &["--functions", functions.to_str().unwrap()], &[]);
    let http = Client::new();
    let post = |path: &str, body: &str| {
        let r = http
            .post(server.url(path))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().unwrap())
    };
    let (status, e) = post("/records/Contacts", "{not json");
    assert_eq!((status, e["code"].as_str()), (400, Some("INVALID_DATA")));
    let (status, _) = post("/records/Contacts", "[1, 2]");
    assert_eq!(status, 400);
    let (status, e) = post("/records/No%20Such", "{}");
    assert_eq!((status, e["code"].as_str()), (400, Some("INVALID_MODULE")));
    let (status, e) = post("/functions/nope", "{}");
    assert_eq!(
        (status, e["code"].as_str()),
        (404, Some("INVALID_FUNCTION"))
    );
    let (status, e) = post("/functions/spin", "");
    assert_eq!(status, 500);
    assert!(
        e["message"].as_str().unwrap().contains("statement limit"),
        "{e}"
    );
    let (status, ok) = post("/functions/greet", r#"{"name": "Ada"}"#);
    assert_eq!(status, 200, "{ok}");
    assert_eq!(ok["details"]["output"], "Hello Ada");
    assert_eq!(ok["details"]["info"][0], "greeting");
    let missing = http
        .put(server.url("/records/Contacts/4150868000999999999"))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(missing.status().as_u16(), 400);
    let health: Value = http
        .get(server.url("/health"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(health["status"], "ok");
}

#[test]
fn an_api_key_guards_everything_but_health_and_is_required_beyond_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    dg(&db)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("an API key is required"));
    let key = "k3y-for-tests-0123456789";
    let server = DgServer::start(
        &db,
        &["--api-key-env", "DG_TEST_KEY"],
        &[("DG_TEST_KEY", key)],
    );
    let http = Client::new();
    let bare = http
        .post(server.url("/records/Leads"))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(bare.status().as_u16(), 401);
    let wrong = http
        .post(server.url("/records/Leads"))
        .bearer_auth("nope")
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let right = http
        .post(server.url("/records/Leads"))
        .bearer_auth(key)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(right.status().as_u16(), 201);
    assert_eq!(
        http.get(server.url("/health"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

/// A functions folder holding `NAME.dg`, a function that waits 1.5 s on the fault server (counted
/// under `key`) and returns "done true".
fn slow_function(dir: &Path, faults: &common::Peer, name: &str, key: &str) -> std::path::PathBuf {
    let functions = dir.join("functions");
    std::fs::create_dir_all(&functions).unwrap();
    std::fs::write(
        functions.join(format!("{name}.dg")),
        format!(
            "string {name}()\n{{\n\tr = invokeurl\n\t[\n\t\turl: \"{}\"\n\t\ttype: GET\n\t];\n\treturn \"done \" + r.get(\"ok\");\n}}\n",
            faults.url(&format!("/slow/{key}?ms=1500"))
        ),
    )
    .unwrap();
    functions
}

#[test]
fn a_graceful_stop_finishes_the_running_execution() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let faults = common::Peer::faults();
    // The function waits 1.5 s on a slow server: it is surely running when the stop arrives.
    let functions = slow_function(dir.path(), &faults, "work", "w");
    let mut server = DgServer::start(&db, &["--functions", functions.to_str().unwrap()], &[]);
    let url = server.url("/functions/work");
    let call = std::thread::spawn(move || {
        let r = Client::new()
            .post(url)
            .header("Content-Type", "application/json")
            .send()
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().unwrap())
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(faults.count("w"), 1, "the execution is under way");
    let status = server.stop().expect("the server exits");
    assert!(status.success(), "{status:?}");
    let (code, answer) = call.join().unwrap();
    assert_eq!(code, 200, "{answer}");
    assert_eq!(answer["details"]["output"], "done true");
}

#[test]
fn the_server_finishes_a_connector_authorization_at_its_callback_route() {
    let oauth = common::MockServer::start("");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let server = DgServer::start(&db, &[], &[]);
    dg(&db)
        .args(["connector", "create", "crm"])
        .args([
            "--authorize-url",
            &oauth.url("/authorize"),
            "--token-url",
            &oauth.url("/token"),
        ])
        .args(["--redirect-url", &server.url("/callback")])
        .assert()
        .success();
    dg(&db)
        .args([
            "connector",
            "credentials",
            "crm",
            "--client-id",
            "c",
            "--client-secret-stdin",
        ])
        .write_stdin("s3cret")
        .assert()
        .success();
    let out = dg(&db)
        .args(["connector", "authorize", "crm", "--no-browser"])
        .write_stdin("")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let url = text
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL");
    // The browser follows the provider's redirect to the server.
    let back = common::provider_redirect(url);
    assert!(back.starts_with(&server.url("/callback")), "{back}");
    let page = Client::new().get(&back).send().unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().unwrap().contains("is authorized"));
    dg(&db)
        .args(["connector", "token", "crm", "--json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"status\":\"authorized\""));
    // A replayed or forged callback is refused.
    let again = Client::new().get(&back).send().unwrap();
    assert_eq!(again.status().as_u16(), 400);
}

#[test]
fn without_a_key_web_pages_cannot_reach_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let server = DgServer::start(&db, &[], &[]);
    let http = Client::new();
    // A form post from a page (no preflight) is not JSON.
    let plain = http
        .post(server.url("/records/Leads"))
        .header("Content-Type", "text/plain")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(plain.status().as_u16(), 415);
    let foreign = http
        .post(server.url("/records/Leads"))
        .header("Content-Type", "application/json")
        .header("Origin", "https://evil.example")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(foreign.status().as_u16(), 403);
    let rebound = http
        .get(server.url("/runs"))
        .header("Host", "evil.example:8080")
        .send()
        .unwrap();
    assert_eq!(rebound.status().as_u16(), 403);
    let local = http
        .post(server.url("/records/Leads"))
        .header("Content-Type", "application/json")
        .header("Origin", &server.url(""))
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(local.status().as_u16(), 201);
}

#[test]
fn a_full_queue_answers_503_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let faults = common::Peer::faults();
    let functions = slow_function(dir.path(), &faults, "wait", "q");
    let server = DgServer::start(
        &db,
        &[
            "--functions",
            functions.to_str().unwrap(),
            "--workers",
            "1",
            "--queue",
            "1",
        ],
        &[],
    );
    let url = server.url("/functions/wait");
    let calls: Vec<_> = (0..3)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(150 * i));
                let r = Client::new()
                    .post(url)
                    .header("Content-Type", "application/json")
                    .send()
                    .unwrap();
                let retry = r
                    .headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_string());
                (r.status().as_u16(), retry)
            })
        })
        .collect();
    let answers: Vec<_> = calls.into_iter().map(|c| c.join().unwrap()).collect();
    assert_eq!(answers[0].0, 200, "{answers:?}");
    assert_eq!(
        answers[1].0, 200,
        "the one waiting gets its turn: {answers:?}"
    );
    assert_eq!(answers[2], (503, Some("1".to_string())), "{answers:?}");
}

#[test]
fn oversized_bodies_get_413_and_a_stalled_request_gets_504() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let server = DgServer::start(&db, &["--request-timeout", "1"], &[]);
    let big = format!("{{\"Last_Name\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let r = Client::new()
        .post(server.url("/records/Contacts"))
        .header("Content-Type", "application/json")
        .body(big)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    // A client that announces a body and stops sending it is cut off after the request limit.
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "POST /records/Contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"Last"
    )
    .unwrap();
    let started = std::time::Instant::now();
    let mut answer = String::new();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 504"), "{answer}");
    assert!(answer.contains("TIMEOUT"), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // Nothing was stored, and the server still answers.
    let listed = dg(&db)
        .args(["record", "list", "Contacts"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed, serde_json::json!([]));
    let health = Client::new().get(server.url("/health")).send().unwrap();
    assert_eq!(health.status().as_u16(), 200);
}
