//! Connector APIs end to end: a connector authorized against npm oauth2-mock-server calls PyPI
//! httpbin (whose /anything echoes what it got) and npm json-server, with placeholders escaped by
//! position; `--dry-run` hides the token; non-2xx answers exit 1; the call log is redacted.

mod common;

use std::path::Path;

use common::{authorized_web_connector, dg, MockServer, Peer};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

fn access_token(db: &Path) -> String {
    dg::store::Store::open(db)
        .unwrap()
        .access_token("web")
        .unwrap()
        .expect("an access token")
}

/// `dg api execute ID --json` with `--var`s: the answer's JSON, and whether it exited 0.
fn execute(db: &Path, id: &str, vars: &[&str]) -> (bool, Value) {
    let mut cmd = dg(db);
    cmd.args(["api", "execute", id, "--json"]);
    for v in vars {
        cmd.args(["--var", v]);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), json)
}

fn add_api(db: &Path, name: &str, method: &str, url: &str, extra: &[&str]) {
    dg(db)
        .args(["api", "add", "web", name, "--method", method, "--url", url])
        .args(extra)
        .assert()
        .success();
}

#[test]
fn placeholders_reach_httpbin_escaped_for_where_they_stand() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &oauth);
    let token = access_token(&db);

    add_api(
        &db,
        "echo",
        "GET",
        &httpbin.url("/anything/users/${id}"),
        &["--param", "q=${q}", "--header", "X-Trace: t-${trace}"],
    );
    let (ok, answer) = execute(&db, "web.echo", &["id=a/b c", "q=a&b=c d é", "trace=7"]);
    assert!(ok, "{answer}");
    let echo = &answer["response"];
    assert_eq!(echo["args"]["q"], "a&b=c d é");
    assert_eq!(echo["headers"]["X-Trace"], "t-7");
    // The token was sent, and httpbin's echo of it is replaced in the answer (only the exact
    // token is replaced, so this also shows which one was sent).
    assert_eq!(echo["headers"]["Authorization"], "Bearer (redacted)");
    assert!(!answer.to_string().contains(&token));
    assert_eq!(answer["status_code"], 200);

    add_api(
        &db,
        "json",
        "POST",
        &httpbin.url("/anything"),
        &[
            "--content-type",
            "application/json",
            "--body",
            r#"{"name": "${name}", "age": ${age}, "tags": ${tags}, "note": "${name} is ${age}"}"#,
        ],
    );
    let name = "Ann \"Q\" O'Neil \\ back\nslash ☃";
    let (ok, answer) = execute(
        &db,
        "web.json",
        &[
            &format!("name={name}"),
            "age:=42",
            r#"tags:=["a", {"b": 1}]"#,
        ],
    );
    assert!(ok, "{answer}");
    let sent = &answer["response"]["json"];
    assert_eq!(sent["name"], name);
    assert_eq!(sent["age"], 42);
    assert_eq!(sent["tags"], serde_json::json!(["a", {"b": 1}]));
    assert_eq!(sent["note"], format!("{name} is 42"));

    add_api(
        &db,
        "form",
        "POST",
        &httpbin.url("/anything"),
        &[
            "--content-type",
            "application/x-www-form-urlencoded",
            "--body",
            "a=${a}&b=2",
        ],
    );
    let (ok, answer) = execute(&db, "web.form", &["a=x&y=z +%"]);
    assert!(ok, "{answer}");
    assert_eq!(answer["response"]["form"]["a"], "x&y=z +%");
    assert_eq!(answer["response"]["form"]["b"], "2");
}

#[test]
fn missing_values_and_line_breaks_in_headers_stop_the_call() {
    let oauth = MockServer::start("");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &oauth);
    add_api(
        &db,
        "get",
        "GET",
        "http://127.0.0.1:9/users/${id}",
        &["--header", "X-Name: ${who}"],
    );
    dg(&db)
        .args(["api", "execute", "web.get", "--var", "who=x"])
        .assert()
        .code(1)
        .stderr(contains("no value for ${id}, used in the URL"));
    dg(&db)
        .args(["api", "execute", "web.get", "--var", "id=1"])
        .args(["--var", "who=a\r\nSet-Cookie: x=1"])
        .assert()
        .code(1)
        .stderr(contains("holds a line break"));
    // Nothing was sent.
    dg(&db)
        .args(["log"])
        .assert()
        .success()
        .stdout(contains("no calls logged yet"));
}

#[test]
fn dry_run_prints_the_request_without_the_token() {
    let oauth = MockServer::start("");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &oauth);
    let token = access_token(&db);
    add_api(
        &db,
        "post",
        "POST",
        "http://127.0.0.1:9/items/${id}",
        &[
            "--content-type",
            "application/json",
            "--body",
            r#"{"n": "${n}"}"#,
        ],
    );
    dg(&db)
        .args(["api", "execute", "web.post", "--dry-run"])
        .args(["--var", "id=a b", "--var", "n=x\"y"])
        .assert()
        .success()
        .stdout(
            contains("POST http://127.0.0.1:9/items/a%20b")
                .and(contains("Authorization: Bearer (redacted)"))
                .and(contains(r#"{"n": "x\"y"}"#))
                .and(contains(token.as_str()).not()),
        );
}

#[test]
fn non_2xx_exits_1_json_server_creates_with_201_and_the_log_is_redacted() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let json_server = Peer::json_server(dir.path());
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &oauth);
    let token = access_token(&db);

    add_api(&db, "missing", "GET", &httpbin.url("/status/404"), &[]);
    dg(&db)
        .args(["api", "execute", "web.missing"])
        .assert()
        .code(1)
        .stdout(contains("HTTP 404"))
        .stderr(contains("answered HTTP 404 Not Found"));

    add_api(
        &db,
        "create",
        "POST",
        &json_server.url("/contacts"),
        &[
            "--content-type",
            "application/json",
            "--body",
            r#"{"name": "${name}"}"#,
        ],
    );
    let (ok, answer) = execute(&db, "web.create", &["name=Grace"]);
    assert!(ok, "{answer}");
    assert_eq!(answer["status_code"], 201);
    assert_eq!(answer["response"]["name"], "Grace");

    let log = dg(&db).args(["log", "--json", "-v"]).output().unwrap();
    let text = String::from_utf8_lossy(&log.stdout);
    assert!(
        text.contains("\"status\":201") && text.contains("\"status\":404"),
        "{text}"
    );
    assert!(text.contains("Authorization: (redacted)"), "{text}");
    assert!(!text.contains(&token), "the token leaked into the log");
}

#[test]
fn invokeurl_runs_with_parameters_headers_a_connection_and_detailed_answers() {
    let oauth = MockServer::start("");
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    authorized_web_connector(&db, &oauth);
    let token = access_token(&db);
    let script = dir.path().join("urls.dg");
    let base = httpbin.url("/anything");
    std::fs::write(
        &script,
        format!(
            r#"got = invokeurl
[
	url: "{base}/search"
	type: GET
	parameters: {{"q": "a&b c", "n": 2}}
	headers: {{"X-Trace": "t1"}}
	connection: "web"
];
info got.get("args").get("q") + "|" + got.get("headers").get("X-Trace");
info got.get("headers").get("Authorization").startsWith("Bearer ");
posted = invokeurl
[
	url: "{base}/items"
	type: POST
	parameters: {{"name": "Ada & co"}}
];
info posted.get("form").get("name");
raw = invokeurl
[
	url: "{base}/raw"
	type: POST
	parameters: {{"k": [1, 2]}}.toString()
	content-type: "application/json"
];
info raw.get("json").get("k");
detailed = invokeurl
[
	url: "{status}"
	type: GET
	detailed: true
];
info detailed.get("responseCode");
info detailed.keys();
"#,
            status = httpbin.url("/status/418")
        ),
    )
    .unwrap();
    dg(&db)
        .arg("run")
        .arg(&script)
        .assert()
        .success()
        .stdout("a&b c|t1\ntrue\nAda & co\n1,2\n418\nresponseCode,responseText,responseHeader\n");
    let log = dg(&db).args(["log", "--json", "-v"]).output().unwrap();
    let text = String::from_utf8_lossy(&log.stdout);
    assert!(text.contains("\"origin\":\"invokeurl\""), "{text}");
    assert!(!text.contains(&token), "the token leaked into the log");
}

#[test]
fn get_url_and_post_url_answer_text_or_code_text_and_headers() {
    let httpbin = Peer::httpbin();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dg.db");
    let script = dir.path().join("legacy.dg");
    let base = httpbin.url("/anything");
    std::fs::write(
        &script,
        format!(
            r#"text = getUrl("{base}/one?x=1", {{"X-Trace": "t2"}});
info text.trim().startsWith("{{");
echo = text.toMap();
info echo.get("args").get("x") + "|" + echo.get("headers").get("X-Trace");
detailed = getUrl("{status}", false);
info detailed.get("responseCode");
posted = postUrl("{base}/form", {{"name": "Ada & co"}});
info posted.toMap().get("form").get("name");
full = postUrl("{base}/form", {{"n": 1}}, {{"X-Trace": "t3"}}, false);
info full.get("responseCode") + " " + full.get("responseText").toMap().get("headers").get("X-Trace");
"#,
            status = httpbin.url("/status/418")
        ),
    )
    .unwrap();
    dg(&db)
        .arg("run")
        .arg(&script)
        .assert()
        .success()
        .stdout("true\n1|t2\n418\nAda & co\n200 t3\n");
}
