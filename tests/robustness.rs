//! Property tests: arbitrary bytes and random token soups never panic the lexer, parser, resolver or
//! interpreter, and every failure comes back as an ordinary error.

use dg::interp::{CapturedOutput, Limits};
use dg::source::SourceFile;
use proptest::prelude::*;

/// Compiles and, when that works, runs `text` with a small statement budget.
fn exercise(text: &str) {
    let source = SourceFile::new("fuzz.dg", text);
    let _ = dg::lexer::tokens(text);
    if dg::script::compile(&source, &["input"]).is_ok() {
        let mut out = CapturedOutput::default();
        let _ = dg::script::run(
            &source,
            &[],
            Limits {
                max_statements: 2_000,
                ..Limits::default()
            },
            &mut out,
        );
    }
}

const VOCABULARY: &[&str] = &[
    "x",
    "y",
    "m",
    "l",
    "input",
    "zoho",
    "info",
    "if",
    "else",
    "for",
    "each",
    "index",
    "in",
    "return",
    "break",
    "continue",
    "try",
    "catch",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ":",
    ".",
    "=",
    "+=",
    "==",
    "!=",
    "<",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "!",
    "&&",
    "||",
    "1",
    "0",
    "2.5",
    "\"t\"",
    "'s'",
    "true",
    "false",
    "null",
    "Map()",
    "List()",
    "put",
    "get",
    "add",
    "size",
    "ifnull",
    "\"",
    "/*",
    "//",
    "\n",
    "99999999999999999999",
    "é",
    "#",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 0..80).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        exercise(&text);
    }
}

#[test]
fn very_long_and_deep_inputs_fail_cleanly() {
    let chain = format!("x = 1{};", " + 1".repeat(100_000));
    let parens = format!("x = {}1{};", "(".repeat(10_000), ")".repeat(10_000));
    let unary = format!("x = {}true;", "!".repeat(10_000));
    let calls = format!("x = l{};", ".get(0)".repeat(10_000));
    let blocks = format!("{}{}", "if (true) {".repeat(5_000), "}".repeat(5_000));
    for text in [chain, parens, unary, calls, blocks] {
        let source = SourceFile::new("deep.dg", text.as_str());
        let err = match dg::script::compile(&source, &["input"]) {
            Ok(_) => panic!("deep input should be rejected"),
            Err(e) => e,
        };
        assert!(
            err.errors.iter().any(|e| e.message.contains("too deeply")),
            "{err:?}"
        );
    }
}

#[test]
fn many_statements_parse_and_run() {
    let text = "x = 0;\n".to_string() + &"x = x + 1;\n".repeat(50_000) + "info x;";
    let source = SourceFile::new("long.dg", text.as_str());
    let mut out = CapturedOutput::default();
    let result = dg::script::run(
        &source,
        &[],
        Limits {
            max_statements: 0,
            ..Limits::default()
        },
        &mut out,
    );
    assert!(result.is_ok());
    assert_eq!(out.lines, vec!["50000".to_string()]);
}
