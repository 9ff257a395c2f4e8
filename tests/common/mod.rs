//! Helpers shared by the end-to-end tests: the real peers (oauth2-mock-server, oidc-provider,
//! httpbin, json-server), started on 127.0.0.1 free ports, and the `dg` command.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

/// Every file under `dir`, at any depth; none where a folder cannot be read.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// A running oauth2-mock-server; stopped when dropped.
pub struct MockServer {
    child: Child,
    pub port: u16,
    /// The wrapper's admin port (`/count`).
    pub admin: u16,
}

/// Starts a Node peer script from tests/peers and reads the JSON line it prints first (its ports).
pub fn spawn_peer(script: &str, args: &[&str]) -> (Child, serde_json::Value) {
    let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers");
    assert!(
        peers.join("node_modules/oauth2-mock-server").exists()
            && peers.join("node_modules/oidc-provider").exists(),
        "the test peers are not installed: run `npm ci` in tests/peers (bash tests/run.sh does it)"
    );
    let mut child = StdCommand::new("node")
        .arg(peers.join(script))
        .args(args)
        .current_dir(&peers)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start node (Node.js is needed for the test peers)");
    let stdout = child.stdout.take().expect("child stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the port");
    let ports = serde_json::from_str(line.trim())
        .unwrap_or_else(|_| panic!("unexpected first line from {script}: {line:?}"));
    (child, ports)
}

fn port_of(ports: &serde_json::Value, key: &str) -> u16 {
    ports[key]
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
        .expect("a port")
}

impl MockServer {
    pub fn start(mode: &str) -> MockServer {
        let (child, ports) = spawn_peer("oauth2-mock.mjs", &[mode]);
        MockServer {
            child,
            port: port_of(&ports, "port"),
            admin: port_of(&ports, "admin"),
        }
    }

    /// How many refresh_token grants the server has answered.
    pub fn refresh_count(&self) -> u64 {
        self.count("refresh")
    }

    /// How many grants of a kind (`refresh`, `client_credentials`) the server has answered.
    pub fn count(&self, grant: &str) -> u64 {
        let body = reqwest::blocking::get(format!("http://127.0.0.1:{}/count", self.admin))
            .and_then(|r| r.text())
            .expect("the admin count");
        serde_json::from_str::<serde_json::Value>(&body).expect("JSON count")[grant]
            .as_u64()
            .expect("a number")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running npm oidc-provider (tests/peers/oidc.mjs); stopped when dropped.
pub struct OidcServer {
    child: Child,
    pub port: u16,
}

impl OidcServer {
    /// Access tokens live `access_ttl` seconds.
    pub fn start(access_ttl: u32) -> OidcServer {
        let (child, ports) = spawn_peer("oidc.mjs", &[&access_ttl.to_string()]);
        OidcServer {
            child,
            port: port_of(&ports, "port"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for OidcServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `dg` program: the built binary, or during the secrets audit (`DG_AUDIT_DIR` set, see
/// tests/audit) a wrapper that runs it logging at trace level and keeps what it printed and stored.
pub fn dg_command() -> StdCommand {
    let real = env!("CARGO_BIN_EXE_dg");
    if std::env::var_os("DG_AUDIT_DIR").is_none() {
        return StdCommand::new(real);
    }
    let mut cmd =
        StdCommand::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/audit/dg-wrap.sh"));
    cmd.env("DG_AUDIT_REAL", real);
    cmd
}

/// `dg --db DB` with a clean environment.
pub fn dg(db: &Path) -> Command {
    let mut cmd = Command::from_std(dg_command());
    cmd.env("NO_COLOR", "1")
        .env_remove("DG_MASTER_KEY")
        .env("DG_NO_BROWSER", "1")
        .arg("--db")
        .arg(db);
    cmd
}

/// The `web` connector still holds a refresh token, and its token JSON contains `status`.
pub fn assert_tokens_kept(db: &Path, status: &str) {
    dg(db)
        .args(["connector", "token", "web", "--json"])
        .assert()
        .success()
        .stdout(contains("\"refresh_token\":\"(stored, redacted)\"").and(contains(status)));
}

const SECRET: &str = "code-flow-client-secret";

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn web_connector(db: &Path, server: &MockServer, redirect_port: u16) {
    dg(db)
        .args(["connector", "create", "web"])
        .args([
            "--authorize-url",
            &format!("{}?access_type=offline", server.url("/authorize")),
        ])
        .args([
            "--token-url",
            &server.url("/token"),
            "--scope",
            "openid",
            "--scope",
            "profile",
        ])
        .args([
            "--redirect-url",
            &format!("http://127.0.0.1:{redirect_port}/callback"),
        ])
        .assert()
        .success();
    dg(db)
        .args([
            "connector",
            "credentials",
            "web",
            "--client-id",
            "web-client",
            "--client-secret-stdin",
        ])
        .write_stdin(SECRET)
        .assert()
        .success();
}

/// Follows the provider's authorize URL once and returns where it redirects to.
pub fn provider_redirect(url: &str) -> String {
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    let response = http.get(url).send().expect("GET the authorize URL");
    assert_eq!(response.status().as_u16(), 302, "the mock server redirects");
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a Location header")
        .to_string()
}

/// Starts a headless flow with nothing on stdin (so it stays pending) and returns its URL.
pub fn pending_flow(db: &Path) -> String {
    let out = dg(db)
        .args(["connector", "authorize", "web", "--no-browser"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(contains("stays pending"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out).to_string();
    let url = text
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL is printed")
        .to_string();
    for part in [
        "code_challenge_method=S256",
        "response_type=code",
        "client_id=web-client",
        "state=",
        "access_type=offline",
        "scope=openid+profile",
    ] {
        assert!(url.contains(part), "{part} missing from {url}");
    }
    url
}

/// A connector `web` authorized through the code flow (with a refresh token).
pub fn authorized_web_connector(db: &Path, server: &MockServer) {
    web_connector(db, server, free_port());
    let url = pending_flow(db);
    let location = provider_redirect(&url);
    dg(db)
        .args(["connector", "authorize", "web", "--callback-url", &location])
        .assert()
        .success();
}

/// Makes the stored access token of `web` look expired.
pub fn expire_token(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.execute(
        "UPDATE tokens SET expires_at = '2000-01-01T00:00:00+00:00'",
        [],
    )
    .expect("expire the token");
}

/// Waits until something accepts connections on the port (a peer that prints nothing when ready).
fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before it listened: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{what} did not listen on 127.0.0.1:{port} within 10 s");
}

/// A running peer process that only needs a port; stopped when dropped.
pub struct Peer {
    child: Child,
    pub port: u16,
}

impl Peer {
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The fault-injecting server (tests/peers/faults.mjs).
    pub fn faults() -> Peer {
        let (child, ports) = spawn_peer("faults.mjs", &[]);
        Peer {
            child,
            port: port_of(&ports, "port"),
        }
    }

    /// How many requests the fault server saw for a key.
    pub fn count(&self, key: &str) -> u64 {
        let body = reqwest::blocking::get(self.url(&format!("/count/{key}")))
            .and_then(|r| r.text())
            .expect("the fault server's count");
        serde_json::from_str::<serde_json::Value>(&body).expect("JSON count")["count"]
            .as_u64()
            .expect("a number")
    }

    /// PyPI httpbin served by gunicorn with threads (from the venv `tests/run.sh` makes).
    pub fn httpbin() -> Peer {
        let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers");
        let gunicorn = peers.join(".venv/bin/gunicorn");
        assert!(
            gunicorn.exists(),
            "httpbin is not installed: run `bash tests/run.sh` (it makes tests/peers/.venv)"
        );
        let port = free_port();
        let mut child = StdCommand::new(gunicorn)
            .args([
                "-b",
                &format!("127.0.0.1:{port}"),
                "-k",
                "gthread",
                "--threads",
                "8",
                "-w",
                "1",
            ])
            .arg("httpbin:app")
            .current_dir(&peers)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gunicorn");
        wait_for_port(port, &mut child, "httpbin");
        Peer { child, port }
    }

    /// npm json-server over a fresh copy of a database file with a `contacts` collection.
    pub fn json_server(dir: &Path) -> Peer {
        let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers");
        let db = dir.join("json-server-db.json");
        std::fs::write(&db, r#"{"contacts": [{"id": 1, "name": "Ada"}]}"#).expect("write the db");
        let port = free_port();
        let mut child = StdCommand::new("node")
            .arg(peers.join("node_modules/json-server/lib/cli/bin.js"))
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--quiet",
            ])
            .arg(&db)
            .current_dir(&peers)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start json-server");
        wait_for_port(port, &mut child, "json-server");
        Peer { child, port }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `dg serve` on a free loopback port; stopped (SIGTERM, then waited for) when dropped.
pub struct DgServer {
    child: Child,
    pub port: u16,
}

impl DgServer {
    /// Starts `dg --db DB serve --listen 127.0.0.1:0` with extra arguments and environment.
    pub fn start(db: &Path, args: &[&str], envs: &[(&str, &str)]) -> DgServer {
        let mut cmd = dg_command();
        cmd.env("NO_COLOR", "1")
            .env_remove("DG_MASTER_KEY")
            .arg("--db")
            .arg(db)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start dg serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut reader = BufReader::new(stderr);
        // Log lines (DG_LOG) and notes on resumed runs may come first.
        let mut line = String::new();
        while !line.contains("serving on") {
            line.clear();
            let n = reader.read_line(&mut line).expect("the serving line");
            assert!(n > 0, "dg serve exited before serving");
        }
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected serving line from dg serve: {line:?}"));
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            while reader.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                sink.clear();
            }
        });
        DgServer { child, port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sends SIGTERM and waits for the server to exit; its exit status.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let _ = StdCommand::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait().ok()
    }
}

impl Drop for DgServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The connector guide's manifest (scripts/connector/googlecontacts.toml) with its Google URLs
/// pointed at the local peers, written to `out`.
pub fn guide_manifest(oauth: &MockServer, httpbin: &Peer, out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scripts/connector/googlecontacts.toml")).unwrap();
    let text = text
        .replace(
            "https://accounts.google.com/o/oauth2/auth",
            &oauth.url("/authorize"),
        )
        .replace(
            "https://accounts.google.com/o/oauth2/token",
            &oauth.url("/token"),
        )
        .replace(
            "https://accounts.google.com/o/oauth2/revoke",
            &oauth.url("/revoke"),
        )
        .replace(
            "https://www.google.com/m8/feeds",
            &httpbin.url("/anything/m8/feeds"),
        )
        .replace("127.0.0.1:8976", &format!("127.0.0.1:{}", free_port()));
    std::fs::write(out, text).unwrap();
}

/// Runs a headless authorization (`dg connector authorize ARGS --no-browser`) and completes it
/// with the provider's redirect.
pub fn authorize_headless(db: &Path, args: &[&str]) {
    let out = dg(db)
        .args(["connector", "authorize"])
        .args(args)
        .arg("--no-browser")
        .write_stdin("")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out).to_string();
    let url = text
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL");
    let back = provider_redirect(url);
    dg(db)
        .args(["connector", "authorize"])
        .args(args)
        .args(["--callback-url", &back])
        .assert()
        .success();
}

/// The whole connector-guide setup: googlecontacts imported, authorized, its contacts API
/// published and associated (authorized too) with the crmsync extension.
pub fn guide_setup(db: &Path, oauth: &MockServer, httpbin: &Peer, dir: &Path) {
    let manifest = dir.join("googlecontacts.toml");
    guide_manifest(oauth, httpbin, &manifest);
    dg(db)
        .args(["connector", "import"])
        .arg(&manifest)
        .assert()
        .success();
    dg(db)
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
    authorize_headless(db, &["googlecontacts"]);
    dg(db)
        .args(["api", "publish", "googlecontacts.contacts"])
        .assert()
        .success();
    dg(db)
        .args(["extension", "create", "crmsync"])
        .assert()
        .success();
    dg(db)
        .args([
            "extension",
            "add-connector",
            "crmsync",
            "googlecontacts",
            "--client-id",
            "crmsync-client",
        ])
        .arg("--client-secret-stdin")
        .write_stdin("crmsync-secret")
        .assert()
        .success();
    authorize_headless(db, &["googlecontacts", "--extension", "crmsync"]);
}
