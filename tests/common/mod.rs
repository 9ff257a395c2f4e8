//! Helpers shared by the end-to-end tests: the real OAuth server peer and the `dg` command.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::Command;

/// A running oauth2-mock-server; stopped when dropped.
pub struct MockServer {
    child: Child,
    pub port: u16,
}

impl MockServer {
    pub fn start(mode: &str) -> MockServer {
        let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/peers");
        assert!(
            peers.join("node_modules/oauth2-mock-server").exists(),
            "the test peers are not installed: run `npm ci` in tests/peers (bash tests/run.sh does it)"
        );
        let mut child = StdCommand::new("node")
            .arg(peers.join("oauth2-mock.mjs"))
            .arg(mode)
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
        let port = line
            .trim()
            .trim_start_matches("{\"port\":")
            .trim_end_matches('}')
            .parse()
            .unwrap_or_else(|_| panic!("unexpected first line from the mock server: {line:?}"));
        MockServer { child, port }
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

/// `dg --db DB` with a clean environment.
pub fn dg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dg").expect("the dg binary is built for tests");
    cmd.env("NO_COLOR", "1")
        .env_remove("DG_MASTER_KEY")
        .env("DG_NO_BROWSER", "1")
        .arg("--db")
        .arg(db);
    cmd
}
