//! Golden script tests: runs `dg run` on every `tests/scripts/**/NAME.dg` and compares stdout with
//! `NAME.out` and the rendered diagnostic on stderr with `NAME.err`.
//!
//! A first line `// args: --max-statements 10 --arg x=1` passes extra arguments. Set `DG_BLESS=1` to
//! rewrite the expected files from the actual output, then review the diff.

use std::path::Path;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

mod common;

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = common::files_under(&root.join("tests/scripts"));
    files.retain(|p| p.extension().is_some_and(|e| e == "dg"));
    files.sort();
    let trials = files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let name = rel
                .strip_prefix("tests/scripts")
                .unwrap_or(&rel)
                .with_extension("")
                .display()
                .to_string();
            Trial::test(name, move || run_one(&rel))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn run_one(rel: &Path) -> Result<(), Failed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = std::fs::read_to_string(root.join(rel)).map_err(|e| format!("{e}"))?;
    let extra: Vec<&str> = script
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("// args:"))
        .map(|a| a.split_whitespace().collect())
        .unwrap_or_default();
    // Each script gets a database of its own (created only if it calls out), never the user's.
    let db_dir = tempfile::tempdir().map_err(|e| format!("{e}"))?;
    let output = Command::new(env!("CARGO_BIN_EXE_dg"))
        .current_dir(root)
        .env("DG_DB", db_dir.path().join("dg.db"))
        .env_remove("DG_MASTER_KEY")
        .env_remove("DG_MAX_STATEMENTS")
        .env("NO_COLOR", "1")
        .arg("run")
        .args(&extra)
        .arg(rel)
        .output()
        .map_err(|e| format!("cannot start dg: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let out_path = root.join(rel.with_extension("out"));
    let err_path = root.join(rel.with_extension("err"));

    if std::env::var_os("DG_BLESS").is_some() {
        bless(&out_path, &stdout, !stdout.is_empty() || stderr.is_empty())?;
        bless(&err_path, &stderr, !stderr.is_empty())?;
        return Ok(());
    }

    let expected_out = std::fs::read_to_string(&out_path).ok();
    let expected_err = std::fs::read_to_string(&err_path).ok();
    if expected_out.is_none() && expected_err.is_none() {
        return Err(format!(
            "{} has neither a .out nor a .err file (run with DG_BLESS=1)",
            rel.display()
        )
        .into());
    }
    compare("stdout", expected_out.as_deref().unwrap_or(""), &stdout)?;
    compare("stderr", expected_err.as_deref().unwrap_or(""), &stderr)?;
    let code = output.status.code().unwrap_or(-1);
    let wanted = match &expected_err {
        None => 0,
        Some(e) if e.contains("dg::syntax") => 2,
        Some(_) => 1,
    };
    if code != wanted {
        return Err(format!("exit code {code}, expected {wanted}").into());
    }
    Ok(())
}

/// Writes `text` to `path` when `wanted`, otherwise removes any stale file.
fn bless(path: &Path, text: &str, wanted: bool) -> Result<(), Failed> {
    if wanted {
        std::fs::write(path, text).map_err(|e| format!("{e}"))?;
    } else if path.exists() {
        std::fs::remove_file(path).map_err(|e| format!("{e}"))?;
    }
    Ok(())
}

fn compare(what: &str, expected: &str, actual: &str) -> Result<(), Failed> {
    if expected == actual {
        return Ok(());
    }
    Err(format!("{what} differs\n--- expected\n{expected}\n--- actual\n{actual}").into())
}
