//! The corpus: realistic multi-construct CRM and Creator functions in `tests/corpus/`, every one of
//! which must pass `dg check` (real Deluge must parse).

use std::path::Path;

use assert_cmd::Command;

#[test]
fn every_corpus_script_passes_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dg"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus has {} scripts", files.len());
    let output = Command::cargo_bin("dg")
        .expect("the dg binary is built for tests")
        .env("NO_COLOR", "1")
        .arg("check")
        .args(&files)
        .output()
        .expect("run dg check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dg check failed:\n{stderr}");
}
