//! REPL tests: the real binary over piped stdin, and over a pseudo-terminal for the line editor
//! (prompts, continuation lines, history in the data directory, tab completion, Ctrl-C and Ctrl-D).

use std::io::Write;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn repl(input: &str) -> assert_cmd::assert::Assert {
    let data = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("dg")
        .expect("the dg binary is built for tests")
        .arg("repl")
        .env("NO_COLOR", "1")
        .env("DG_DATA_DIR", data.path())
        .env_remove("DG_MAX_STATEMENTS")
        .write_stdin(input)
        .assert()
}

#[test]
fn multi_line_if_block_and_map_literal() {
    repl("m = {\n  \"name\": \"Ada\",\n  \"age\": 36\n};\nif (m.get(\"age\") > 30)\n{\n  info \"over 30\";\n}\nelse\n{\n  info \"young\";\n}\nm\n")
        .success()
        .stdout("over 30\n{\"name\":\"Ada\",\"age\":36}\n");
}

#[test]
fn bare_expressions_echo_and_statements_do_not() {
    repl("x = 41;\nx + 1\nl = {1, 2};\nl.add(3);\nl\n\"a\" + 1;\nl.size()\n")
        .success()
        .stdout("42\n1,2,3\na1\n3\n");
}

#[test]
fn an_error_does_not_end_the_session() {
    repl("x = 10;\ny = x / 0;\ninfo \"still here \" + x;\nz = (1 + ;\nx * 2\n")
        .code(2)
        .stdout("still here 10\n20\n")
        .stderr(
            contains("division by zero")
                .and(contains("<repl>:1:5]"))
                .and(contains("unexpected `;`")),
        );
}

#[test]
fn vars_lists_names_and_types() {
    repl("n = 1;\nt = \"x\";\nm = Map();\nint standalone.one() { return 1; }\n:vars\n")
        .success()
        .stdout("input: Map\nn: Number\nt: Text\nm: Map\nstandalone.one(…): function\n");
}

#[test]
fn load_runs_a_file_into_the_session() {
    let mut file = tempfile::Builder::new()
        .suffix(".dg")
        .tempfile()
        .expect("temp file");
    file.write_all(b"greeting = \"hello\";\nstring standalone.shout(string s) { return s.toUpperCase(); }\ninfo \"loaded\";\n")
        .expect("write");
    let input = format!(
        ":load {}\nstandalone.shout(greeting)\n",
        file.path().display()
    );
    repl(&input).success().stdout("loaded\nHELLO\n");
}

#[test]
fn reset_forgets_and_quit_stops() {
    repl("a = 1;\n:reset\na\n:quit\ninfo \"never\";\n")
        .code(1)
        .stdout(contains("session reset").and(contains("never").not()))
        .stderr(contains("variable `a` is not defined"));
}

#[test]
fn unknown_command_is_reported() {
    repl(":frob\n")
        .code(1)
        .stderr(contains("unknown command :frob"));
}

// ---------------------------------------------------------------- through a pseudo-terminal

fn spawn_interactive(data_dir: &std::path::Path) -> rexpect::session::PtySession {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_dg"));
    cmd.arg("repl")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("DG_DATA_DIR", data_dir)
        .env_remove("DG_MAX_STATEMENTS");
    rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn dg repl in a pty")
}

#[test]
fn terminal_session_with_continuation_history_and_ctrl_d() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_interactive(data.path());
    p.exp_string("dg> ").expect("first prompt");
    p.send_line("total = 0;").expect("send");
    p.exp_string("dg> ").expect("prompt again");
    p.send_line("for each n in {1, 2, 3} {").expect("send");
    p.exp_string("..> ").expect("continuation prompt");
    p.send_line("total = total + n;").expect("send");
    p.exp_string("..> ").expect("still continuing");
    p.send_line("}").expect("send");
    p.exp_string("dg> ").expect("back to the main prompt");
    p.send_line("total").expect("send");
    p.exp_string("6").expect("echo of total");
    p.exp_string("dg> ").expect("prompt");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("dg> ").expect("prompt after ctrl-c");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exit on ctrl-d");
    let history = std::fs::read_to_string(data.path().join("history.txt")).expect("history file");
    assert!(history.contains("total = 0;"), "{history}");
    assert!(history.contains("for each n in {1, 2, 3} {"), "{history}");
}

#[test]
fn terminal_tab_completes_methods() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_interactive(data.path());
    p.exp_string("dg> ").expect("prompt");
    p.send_line("contact = {\"name\": \"Ada\"};").expect("send");
    p.exp_string("dg> ").expect("prompt");
    p.send("contact.containK").expect("send");
    p.flush().expect("flush");
    p.exp_string("containK").expect("typed text echoed");
    p.send("\t").expect("tab");
    p.flush().expect("flush");
    p.exp_string("containKey(")
        .expect("the method name completed");
    p.send("\"name\")\r").expect("finish the line");
    p.flush().expect("flush");
    p.exp_string("true").expect("the completed call ran");
    p.send_line(":quit").expect("quit");
    p.exp_eof().expect("exit");
}

#[test]
fn dg_alone_on_a_terminal_starts_the_repl() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_dg"));
    cmd.env("TERM", "xterm").env("DG_DATA_DIR", data.path());
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn dg in a pty");
    p.exp_string("dg> ").expect("prompt");
    p.send_line("info 6 * 7;").expect("send");
    p.exp_string("42").expect("output");
    p.send_line(":quit").expect("quit");
    p.exp_eof().expect("exit");
}

#[test]
fn dg_alone_without_a_terminal_prints_usage() {
    Command::cargo_bin("dg")
        .expect("the dg binary is built for tests")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(contains("no command given"));
}
