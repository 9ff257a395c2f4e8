//! The reference checks itself: every example gives its documented result, every implemented
//! function is callable, and `docs/functions.md` is current.

use super::*;
use crate::interp::{CapturedOutput, Limits};
use crate::source::SourceFile;

/// Runs an example (statements, then one expression) and gives what `info` shows, or the error.
fn run_example(example: &str) -> String {
    let (setup, expr) = match example.rfind(';') {
        Some(i) => (&example[..=i], example[i + 1..].trim()),
        None => ("", example.trim()),
    };
    let script = format!("{setup}\ninfo {expr};\n");
    let source = SourceFile::new("example.dg", script);
    let mut out = CapturedOutput::default();
    // Zoho's examples assume an application in US Pacific time.
    let clock = crate::dates::Clock::from_settings(
        Some("2020-05-23T10:00:00-07:00"),
        Some("America/Los_Angeles"),
    );
    crate::dates::set_clock(clock.expect("a valid test clock"));
    match crate::script::run(&source, &[], Limits::default(), &mut out) {
        Ok(_) => out.lines.join("\n"),
        Err(crate::script::Failure::Syntax(e)) => format!("syntax error: {}", e.errors[0].message),
        Err(crate::script::Failure::Runtime(e)) => format!("error: {}", e.message),
        Err(crate::script::Failure::Usage(m)) => format!("error: {m}"),
    }
}

#[test]
fn every_example_gives_its_documented_result() {
    let mut wrong = Vec::new();
    for e in all().filter(|e| e.status == Status::Implemented) {
        let got = run_example(e.example);
        if got != e.result {
            wrong.push(format!(
                "{} ({:?}): {}\n    documented: {}\n    dg gives:   {}",
                e.name, e.category, e.example, e.result, got
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} examples differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn implemented_functions_are_callable_and_others_say_why() {
    let names: Vec<&str> = crate::builtins::function_names().collect();
    for e in all() {
        match e.status {
            Status::Implemented => assert!(
                names.iter().any(|n| n.eq_ignore_ascii_case(e.name)),
                "{} is marked implemented but dg has no such function or method",
                e.name
            ),
            Status::NeedsZoho(why) | Status::NotYet(why) => {
                assert!(!why.trim().is_empty(), "{} needs a reason", e.name)
            }
        }
        assert!(!e.forms.is_empty() && !e.doc.is_empty(), "{}", e.name);
    }
}

#[test]
fn docs_functions_md_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/functions.md");
    let want = markdown();
    if std::env::var_os("DG_BLESS").is_some() {
        std::fs::write(&path, &want).expect("write docs/functions.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/functions.md is stale: run `DG_BLESS=1 cargo test --lib reference` and commit it"
    );
}

#[test]
fn doc_describes_documented_and_registered_names() {
    let text = describe("LENGTH").expect("length is documented");
    assert!(
        text.contains("length") && text.contains("example"),
        "{text}"
    );
    assert!(describe("no_such_function_anywhere").is_none());
}
