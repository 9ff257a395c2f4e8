//! CLI tests: run the real `dg` binary and check exit codes, `--arg` forms, `--json` and `check`.

use std::io::Write;

mod common;
use common::files_under;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn dg() -> Command {
    let mut cmd = Command::cargo_bin("dg").expect("the dg binary is built for tests");
    cmd.env("NO_COLOR", "1").env_remove("DG_MAX_STATEMENTS");
    cmd
}

fn script(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".dg")
        .tempfile()
        .expect("temp file");
    f.write_all(text.as_bytes()).expect("write script");
    f
}

#[test]
fn run_prints_info_lines_and_exits_zero() {
    let f = script("info 1 + 1;\ninfo \"done\";");
    dg().arg("run")
        .arg(f.path())
        .assert()
        .success()
        .stdout("2\ndone\n");
}

#[test]
fn top_level_return_prints_the_value_last() {
    let f = script("info \"a\";\nreturn {\"ok\": true};");
    dg().arg("run")
        .arg(f.path())
        .assert()
        .success()
        .stdout("a\n{\"ok\":true}\n");
}

#[test]
fn runtime_error_exits_one_with_a_located_diagnostic() {
    let f = script("info \"before\";\nx = 1 / 0;\n");
    dg().arg("run")
        .arg(f.path())
        .assert()
        .code(1)
        .stdout("before\n")
        .stderr(contains("division by zero").and(contains(":2:5]")));
}

#[test]
fn syntax_error_exits_two_and_runs_nothing() {
    let f = script("info \"never\";\nx = 1\ny = 2;\n");
    dg().arg("run")
        .arg(f.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("expected \";\" after this statement").and(contains(":2:6]")));
}

#[test]
fn arg_text_json_and_file_forms() {
    let body = script("Hello from a file");
    let json = script("{\"FIRSTNAME\": \"Ada\", \"tags\": [1, 2]}");
    let f = script(
        "info name;\ninfo input.name;\ninfo n + 1;\ninfo body;\ninfo contact.get(\"FIRSTNAME\");\ninfo input.contact.get(\"tags\");",
    );
    dg().arg("run")
        .arg(f.path())
        .arg("--arg")
        .arg("name=Ada")
        .arg("--arg")
        .arg("n:=41")
        .arg("--arg")
        .arg(format!("body=@{}", body.path().display()))
        .arg("--arg")
        .arg(format!("contact:=@{}", json.path().display()))
        .assert()
        .success()
        .stdout("Ada\nAda\n42\nHello from a file\nAda\n1,2\n");
}

#[test]
fn bad_arg_is_a_usage_error() {
    let f = script("info 1;");
    dg().args(["run", "--arg", "x:={oops"])
        .arg(f.path())
        .assert()
        .code(1)
        .stderr(contains("invalid JSON"));
    dg().args(["run", "--arg", "no_equals_sign"])
        .arg(f.path())
        .assert()
        .code(1)
        .stderr(contains("missing `=`"));
}

#[test]
fn json_output_collects_info_and_return() {
    let f = script("info \"a\";\ninfo {1, 2};\nreturn 2.50;");
    dg().args(["run", "--json"])
        .arg(f.path())
        .assert()
        .success()
        .stdout("{\"info\":[\"a\",\"1,2\"],\"return\":2.5}\n");
}

#[test]
fn json_output_reports_errors_too() {
    let f = script("info \"a\";\nx = null.get(\"k\");");
    dg().args(["run", "--json"])
        .arg(f.path())
        .assert()
        .code(1)
        .stdout(
            contains("\"info\":[\"a\"]").and(contains("\"error\":\"cannot call `get` on null\"")),
        );
}

#[test]
fn script_from_stdin() {
    dg().args(["run", "-"])
        .write_stdin("info \"piped\";")
        .assert()
        .success()
        .stdout("piped\n");
}

#[test]
fn missing_file_is_exit_one() {
    dg().args(["run", "/definitely/not/here.dg"])
        .assert()
        .code(1)
        .stderr(contains("cannot read /definitely/not/here.dg"));
}

#[test]
fn unknown_option_is_a_usage_error_with_exit_one() {
    dg().args(["run", "--frobnicate", "x.dg"]).assert().code(1);
    dg().arg("--version")
        .assert()
        .success()
        .stdout(contains("dg"));
}

#[test]
fn statement_budget_stops_runaway_loops() {
    let f = script("l = {1, 2, 3};\nfor each a in l { for each b in l { info a * b; } }");
    dg().args(["run", "--max-statements", "5"])
        .arg(f.path())
        .assert()
        .code(1)
        .stderr(contains("statement limit of 5 exceeded"));
    dg().args(["run", "--max-statements", "0"])
        .arg(f.path())
        .assert()
        .success();
    dg().arg("run")
        .arg(f.path())
        .env("DG_MAX_STATEMENTS", "5")
        .assert()
        .code(1);
}

#[test]
fn check_reports_every_error_in_every_file() {
    let good = script("x = 1;\n");
    let bad = script("a = 1\nb = (2;\nc = 3;\nd = \"open\n");
    let out = dg()
        .arg("check")
        .arg(good.path())
        .arg(bad.path())
        .assert()
        .code(2)
        .stdout(contains(": ok"))
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
    assert!(stderr.contains(":1:6]"), "{stderr}");
    assert!(stderr.contains(":2:7]"), "{stderr}");
    assert!(stderr.contains(":4:5]"), "{stderr}");
    assert!(stderr.contains("3 syntax errors"), "{stderr}");
}

#[test]
fn check_does_not_run_the_script() {
    let f = script("info \"side effect\";\nx = 1 / 0;\n");
    dg().arg("check")
        .arg(f.path())
        .assert()
        .success()
        .stdout(contains(": ok").and(contains("side effect").not()));
}

#[test]
fn function_entry_with_typed_args_and_a_library() {
    let lib = script("string standalone.fullName(string first, string last)\n{\n\treturn first + \" \" + last;\n}\n");
    let f = script(
        "map automation.describe(int dealId, decimal amount, date closing, map contact)\n{\n\tinfo (dealId + 1) + \" \" + (amount * 2) + \" \" + closing.addDay(1);\n\tinfo standalone.fullName(contact.get(\"first\"), contact.get(\"last\"));\n\treturn {\"id\": dealId, \"amount\": input.amount};\n}\n",
    );
    dg().arg("run")
        .arg(f.path())
        .arg("--lib")
        .arg(lib.path())
        .args([
            "--arg",
            "dealId=41",
            "--arg",
            "amount=10.5",
            "--arg",
            "closing=2024-03-15",
        ])
        .arg("--arg")
        .arg(r#"contact:={"first":"Ada","last":"Lovelace"}"#)
        .assert()
        .success()
        .stdout("42 21.0 16-Mar-2024 00:00:00\nAda Lovelace\n{\"id\":41,\"amount\":10.5}\n");
}

#[test]
fn function_entry_errors_are_usage_errors() {
    let f = script("int standalone.twice(int n)\n{\n\treturn n * 2;\n}\n");
    dg().arg("run")
        .arg(f.path())
        .args(["--function", "standalone.nope"])
        .assert()
        .code(1)
        .stderr(contains("no function named"));
    dg().arg("run")
        .arg(f.path())
        .args(["--arg", "m=1"])
        .assert()
        .code(1)
        .stderr(contains("has no parameter \"m\""));
    dg().arg("run")
        .arg(f.path())
        .args(["--arg", "n=abc"])
        .assert()
        .code(1)
        .stderr(contains("is not a valid int"));
    dg().arg("run")
        .arg(f.path())
        .args(["--function", "standalone.twice", "--arg", "n=21"])
        .assert()
        .success()
        .stdout("42\n");
}

#[test]
fn errors_inside_a_library_point_into_the_library() {
    let lib = script("int standalone.boom(int n)\n{\n\treturn n / 0;\n}\n");
    let f = script("info standalone.boom(1);\n");
    let lib_name = lib.path().display().to_string();
    dg().arg("run")
        .arg(f.path())
        .arg("--lib")
        .arg(lib.path())
        .assert()
        .code(1)
        .stderr(contains(format!("{lib_name}:3:9]")));
}

#[test]
fn pinned_clock_and_zone() {
    let f = script("info zoho.currenttime;");
    dg().arg("run")
        .arg(f.path())
        .args(["--now", "2024-07-15T23:30:00Z", "--tz", "Europe/Dublin"])
        .assert()
        .success()
        .stdout("16-Jul-2024 00:30:00\n");
    dg().arg("run")
        .arg(f.path())
        .env("DG_NOW", "2024-01-02T03:04:05Z")
        .env("DG_TZ", "UTC")
        .assert()
        .success()
        .stdout("02-Jan-2024 03:04:05\n");
    dg().arg("run")
        .arg(f.path())
        .args(["--tz", "Mars/Olympus"])
        .assert()
        .code(1)
        .stderr(contains("unknown time zone"));
}

#[test]
fn an_endless_loop_stops_at_the_time_limit_and_cannot_be_caught() {
    // About a billion statements: without the limit this runs for minutes.
    let loops = "for each a in d\n{\nfor each b in d\n{\nfor each c in d\n{\nfor each e in d\n{\n\
                 for each f in d\n{\nfor each g in d\n{\nfor each h in d\n{\nfor each i in d\n{\n\
                 x = a + b + c + e + f + g + h + i;\n}\n}\n}\n}\n}\n}\n}\n}\n";
    let file = script(&format!(
        "d = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};\ntry\n{{\n{loops}}}\ncatch (err)\n{{\n\tinfo \"caught\";\n}}\ninfo \"not reached\";\n"
    ));
    let started = std::time::Instant::now();
    dg().args(["run", "--max-statements", "0", "--timeout", "1"])
        .arg(file.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("time limit of 1 s exceeded"))
        .stderr(contains("--timeout SECONDS"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// With `ulimit -s` below what the deepest script needs, `dg run` still gives the script a large
/// stack of its own: it ends in the call-depth error, not in a crash of the stack.
#[cfg(target_os = "linux")]
#[test]
fn a_small_stack_limit_leaves_the_script_its_large_stack() {
    use std::os::unix::process::CommandExt;
    let deepest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scripts/limits/deepest_calls.dg"
    );
    let mut std_cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dg"));
    std_cmd.env("NO_COLOR", "1").arg("run").arg(deepest);
    // SAFETY: the closure runs in the child between fork and exec and only calls setrlimit, which
    // is async-signal-safe.
    unsafe {
        std_cmd.pre_exec(|| {
            let mut limit = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::getrlimit(libc::RLIMIT_STACK, &mut limit);
            limit.rlim_cur = limit.rlim_max.min(1024 * 1024);
            if libc::setrlimit(libc::RLIMIT_STACK, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    Command::from_std(std_cmd)
        .assert()
        .code(1)
        .stderr(contains("too many nested function calls (the limit is 75)"));
}

/// `dg run FILE` alone is read without clap (`cli::plain`); its settings from the environment act
/// as the options do, and a setting that does not parse is still reported by clap.
#[test]
fn settings_from_the_environment_apply_to_a_plain_run() {
    let f = script("for each i in {1, 2, 3, 4, 5, 6, 7, 8, 9, 10} { info \"line \" + i; }");
    dg().arg("run")
        .arg(f.path())
        .env("DG_MAX_OUTPUT", "20")
        .assert()
        .success()
        .stdout(contains("info output stopped at the limit of 20 bytes"));
    dg().arg("run")
        .arg(f.path())
        .env("DG_MAX_STATEMENTS", "abc")
        .assert()
        .code(1)
        .stderr(contains("invalid value 'abc' for '--max-statements"));
    dg().arg("run")
        .arg(f.path())
        .env("DG_DB", "")
        .assert()
        .code(1)
        .stderr(contains("a value is required for '--db"));
}

#[test]
fn a_script_that_needs_no_records_leaves_the_home_and_data_directories_untouched() {
    let home = tempfile::tempdir().expect("temp home");
    let run = |text: &str| {
        let f = script(text);
        dg().arg("run")
            .arg(f.path())
            .env_remove("DG_DB")
            .env_remove("DG_DATA_DIR")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .assert()
            .success();
    };
    run("m = Map();\nm.put(\"k\", [1, 2]);\ninfo m.toString() + \" \" + zoho.currentdate;");
    assert_eq!(files_under(home.path()), Vec::<std::path::PathBuf>::new());
    // The same home does get the embedded default database once a script stores a record.
    run("r = zoho.crm.createRecord(\"Leads\", {\"Last_Name\": \"Kelly\"});\ninfo r.get(\"id\") != null;");
    assert!(
        files_under(home.path())
            .iter()
            .any(|p| p.starts_with(home.path().join("data").join("dg"))),
        "the default database lives under the data directory"
    );
}

#[test]
fn doc_prints_forms_doc_and_example_and_fails_on_unknown_names() {
    let out = dg().args(["doc", "ADDDAY"]).output().expect("run dg doc");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("addDay(dateTime, days)"), "{text}");
    assert!(text.contains("example:"), "{text}");
    let out = dg().args(["doc", "lenght"]).output().expect("run dg doc");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `length`"));
}

#[test]
fn json_output_carries_creator_form_actions() {
    let file = script("hide Discount;\ninput.Country:ui.add(\"Ireland\");\ninfo \"ok\";\n");
    let out = dg()
        .args(["run", "--json"])
        .arg(file.path())
        .output()
        .expect("run dg");
    assert!(out.status.success());
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("dg run --json prints JSON");
    assert_eq!(doc["info"], serde_json::json!(["ok"]));
    assert_eq!(
        doc["form_actions"],
        serde_json::json!([
            {"action": "hide", "field": "Discount"},
            {"action": "ui.add", "field": "Country", "value": "Ireland"}
        ])
    );
}
