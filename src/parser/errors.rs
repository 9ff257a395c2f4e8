//! Syntax errors: LALRPOP and lexer failures turned into miette diagnostics with a label and a hint.

use std::sync::Arc;

use lalrpop_util::ParseError;
use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use crate::lexer::{LexError, LexErrorKind, Lexer, Tok};
use crate::source::{SourceFile, Span};

/// One syntax error, located in its file.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(dg::syntax))]
pub struct SyntaxError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<Arc<str>>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
    /// True when the input simply stopped too early (an open block, text or call), which the REPL
    /// treats as "keep typing".
    pub at_end: bool,
    /// True for "expected `;` after this statement": the parser retries with a `;` at `offset()`.
    pub missing_semicolon: bool,
}

impl SyntaxError {
    pub fn offset(&self) -> usize {
        self.span.offset()
    }
}

/// Every syntax error found in one file, in source order.
#[derive(Debug, Error, Diagnostic)]
#[error("{} syntax error{} in {file}", errors.len(), if errors.len() == 1 { "" } else { "s" })]
#[diagnostic(code(dg::syntax))]
pub struct SyntaxErrors {
    pub file: String,
    #[related]
    pub errors: Vec<SyntaxError>,
}

impl SyntaxErrors {
    pub fn new(source: &SourceFile, errors: Vec<SyntaxError>) -> SyntaxErrors {
        SyntaxErrors {
            file: source.name.to_string(),
            errors,
        }
    }

    /// True when the only problem is that the input ended before a statement or block was complete.
    pub fn is_incomplete(&self) -> bool {
        !self.errors.is_empty() && self.errors.iter().all(|e| e.at_end)
    }
}

/// What one problem becomes before it is attached to its source.
struct Draft {
    span: Span,
    message: String,
    label: String,
    help: Option<String>,
    at_end: bool,
    missing_semicolon: bool,
}

/// Turns the parser's and the lexer's problems into sorted, de-duplicated diagnostics.
pub(super) fn collect(
    source: &SourceFile,
    problems: Vec<ParseError<usize, Tok<'_>, LexError>>,
    lexer: &Lexer<'_>,
) -> Vec<SyntaxError> {
    let mut drafts: Vec<Draft> = lexer.errors.iter().map(|e| lex_draft(e, source)).collect();
    drafts.extend(
        problems
            .into_iter()
            .filter_map(|p| parse_draft(p, source, lexer)),
    );
    drafts.sort_by_key(|d| (d.span.start, d.span.end));
    drafts.dedup_by_key(|d| d.span.start);
    drafts
        .into_iter()
        .map(|d| SyntaxError {
            message: d.message,
            src: source.named(),
            span: d.span.into(),
            label: d.label,
            help: d.help,
            at_end: d.at_end,
            missing_semicolon: d.missing_semicolon,
        })
        .collect()
}

fn lex_draft(error: &LexError, source: &SourceFile) -> Draft {
    let at_end = error.span.end as usize >= source.text.len();
    let (label, help) = match error.kind {
        LexErrorKind::UnexpectedChar => (
            "not valid here",
            Some("remove it, or put it inside a text literal".to_string()),
        ),
        LexErrorKind::UnterminatedText => (
            "this text never ends",
            Some("add the closing quote".to_string()),
        ),
        LexErrorKind::UnterminatedComment => (
            "this comment never ends",
            Some("close it with `*/`".to_string()),
        ),
        LexErrorKind::IntegerTooLarge => (
            "too large",
            Some(
                "Numbers are 64-bit (at most 9223372036854775807); write larger values as decimals, \
                 e.g. 12345678901234567890.0"
                    .to_string(),
            ),
        ),
        LexErrorKind::DecimalTooLarge => (
            "too many digits",
            Some("decimals hold at most 28 significant digits".to_string()),
        ),
        LexErrorKind::TooDeep => (
            "too deep",
            Some(format!(
                "split the expression; at most {} brackets may be open at once",
                crate::lexer::MAX_NESTING
            )),
        ),
        LexErrorKind::ExpressionTooDeep => (
            "the limit is reached here",
            Some("split it into several statements with intermediate variables".to_string()),
        ),
        LexErrorKind::ExpectedIndex => (
            "expected `index` here",
            Some("write `for each x in list` or `for each index i in list`".to_string()),
        ),
        LexErrorKind::ExpectedNot => ("expected `not` here", None),
        LexErrorKind::UnknownStatement => (
            "not a Deluge statement",
            Some(
                "two words in a row start only Creator's `show`, `hide`, `enable`, `disable`, \
                 `clear` and `cancel submit`; assign with `=` or call with `(…)`"
                    .to_string(),
            ),
        ),
        LexErrorKind::ExpectedUiCall => (
            "expected `ui.add` or `ui.append`",
            Some("write `Field:ui.add(value);` or `Field:ui.append(value);`".to_string()),
        ),
    };
    let unterminated = matches!(
        error.kind,
        LexErrorKind::UnterminatedText | LexErrorKind::UnterminatedComment
    );
    Draft {
        span: error.span,
        message: error.kind.to_string(),
        label: label.to_string(),
        help,
        at_end: at_end && unterminated,
        missing_semicolon: false,
    }
}

fn parse_draft(
    problem: ParseError<usize, Tok<'_>, LexError>,
    source: &SourceFile,
    lexer: &Lexer<'_>,
) -> Option<Draft> {
    match problem {
        ParseError::User { error } => Some(lex_draft(&error, source)),
        ParseError::UnrecognizedToken {
            token: (_, Tok::Error, _),
            ..
        } => None,
        ParseError::UnrecognizedToken {
            token: (start, tok, end),
            expected,
        } => Some(unexpected(
            Span::new(start, end),
            &tok.to_string(),
            &expected,
            lexer,
            false,
        )),
        ParseError::UnrecognizedEof { location, expected } => {
            let at = Span::new(location, location);
            Some(unexpected(at, "end of file", &expected, lexer, true))
        }
        ParseError::ExtraToken {
            token: (start, tok, end),
        } => Some(Draft {
            span: Span::new(start, end),
            message: format!("unexpected {tok}"),
            label: "not expected here".to_string(),
            help: None,
            at_end: false,
            missing_semicolon: false,
        }),
        ParseError::InvalidToken { location } => Some(Draft {
            span: Span::new(location, location + 1),
            message: "invalid token".to_string(),
            label: "not valid here".to_string(),
            help: None,
            at_end: false,
            missing_semicolon: false,
        }),
    }
}

/// An unexpected token or end of input. When a `;` would have fitted, the error points right after the
/// statement that lacks it, which is where the mistake is.
fn unexpected(
    span: Span,
    found: &str,
    expected: &[String],
    lexer: &Lexer<'_>,
    at_end: bool,
) -> Draft {
    let wants_semicolon = expected.iter().any(|e| e == "\";\"");
    if wants_semicolon {
        if let Some(prev_end) = previous_token_end(lexer, span.start as usize) {
            return Draft {
                span: Span::new(prev_end, prev_end),
                message: "expected \";\" after this statement".to_string(),
                label: format!("add `;` here (found {found} next)"),
                help: Some("every Deluge statement ends with `;`".to_string()),
                at_end,
                missing_semicolon: true,
            };
        }
    }
    let closers: Vec<&str> = ["\"}\"", "\")\"", "\"]\""]
        .into_iter()
        .filter(|c| expected.iter().any(|e| e == c))
        .collect();
    let help = if at_end && !closers.is_empty() {
        Some(format!(
            "something is still open: add {}",
            pretty(&closers.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        ))
    } else {
        Some(format!("expected {}", pretty(expected)))
    };
    Draft {
        span,
        message: format!("unexpected {found}"),
        label: "not expected here".to_string(),
        help,
        at_end,
        missing_semicolon: false,
    }
}

/// End offset of the last token that starts before `offset`.
fn previous_token_end(lexer: &Lexer<'_>, offset: usize) -> Option<usize> {
    let idx = lexer
        .token_spans
        .partition_point(|&(start, _)| start < offset);
    idx.checked_sub(1).map(|i| lexer.token_spans[i].1)
}

/// Tokens that can start an expression; when all of them are expected, the list says "an expression".
const EXPRESSION_START: &[&str] = &[
    "identifier",
    "number",
    "decimal",
    "text",
    "true",
    "false",
    "null",
    "(",
    "{",
    "[",
    "!",
    "-",
    "if",
];
/// Further expression starters, left out of the list whenever "an expression" is said.
const EXPRESSION_EXTRA: &[&str] = &["quoted text", "invokeurl", "insert into", "typed"];
/// Keywords that start only statements.
const STATEMENT_ONLY: &[&str] = &["for", "info", "return", "break", "continue", "try"];
/// Further statement starters, left out of the list whenever "a statement" is said.
const STATEMENT_EXTRA: &[&str] = &["sendmail", "sendsms", "alert", "cancel", "success message"];

/// `a`, `a or b`, `a, b or c` …, summarising whole groups as "an expression" or "a statement".
fn pretty(expected: &[String]) -> String {
    let bare: Vec<&str> = expected.iter().map(|e| e.trim_matches('"')).collect();
    let has_all = |group: &[&str]| group.iter().all(|g| bare.contains(g));
    let mut names = Vec::new();
    let mut skip: Vec<&str> = Vec::new();
    if has_all(STATEMENT_ONLY) && has_all(EXPRESSION_START) {
        names.push("a statement".to_string());
        skip.extend(STATEMENT_ONLY);
        skip.extend(STATEMENT_EXTRA);
        skip.extend(EXPRESSION_START);
        skip.extend(EXPRESSION_EXTRA);
    } else if has_all(EXPRESSION_START) {
        names.push("an expression".to_string());
        skip.extend(EXPRESSION_START);
        skip.extend(EXPRESSION_EXTRA);
    }
    for b in bare.iter().filter(|b| !skip.contains(b)) {
        names.push(match *b {
            "identifier" => "an identifier".to_string(),
            "number" | "decimal" => format!("a {b}"),
            "text" => "a text literal".to_string(),
            "invalid input" => b.to_string(),
            _ => format!("`{b}`"),
        });
    }
    let shown: Vec<&String> = names.iter().take(8).collect();
    let mut out = match shown.len() {
        0 => "something else".to_string(),
        1 => shown[0].clone(),
        n => format!(
            "{} or {}",
            shown[..n - 1]
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            shown[n - 1]
        ),
    };
    if names.len() > 8 {
        out.push_str(", …");
    }
    out
}

/// `break` or `continue` outside of a `for each` loop.
pub(super) fn misplaced_loop_control(source: &SourceFile, span: Span, word: &str) -> SyntaxError {
    SyntaxError {
        message: format!("`{word}` outside of a loop"),
        src: source.named(),
        span: span.into(),
        label: "not inside a `for each`".to_string(),
        help: Some(format!("`{word}` only works inside `for each` loops")),
        at_end: false,
        missing_semicolon: false,
    }
}
