//! The single entry point to the generated LALRPOP parser: `parse()` turns a source file into a `Program`.

mod actions;
mod checks;
mod errors;

use lalrpop_util::lalrpop_mod;

pub use errors::{SyntaxError, SyntaxErrors};

use crate::ast::{Item, Program};
use crate::lexer::{Lexer, Tok};
use crate::source::SourceFile;

lalrpop_mod!(
    #[allow(
        clippy::all,
        clippy::pedantic,
        unused_parens,
        unused_imports,
        dead_code
    )]
    grammar,
    "/deluge.rs"
);

/// At most this many left-out `;` are supplied before the remaining errors are reported as they are.
const MAX_SUPPLIED_SEMICOLONS: usize = 256;

/// Parses a whole script, recovering at `;` and `}` so that every syntax error is reported at once.
///
/// A missing `;` is the commonest mistake, and recovering from it would swallow the next statement. So
/// each one found is reported, a `;` is supplied at that spot, and the file is parsed again, until no
/// new one turns up. (After the `]` that closes a bracket task, `invokeurl [ … ]`, Zoho takes a
/// statement without its `;`: the lexer supplies that one itself.)
pub fn parse(source: &SourceFile) -> Result<Program, SyntaxErrors> {
    let mut supplied: Vec<SyntaxError> = Vec::new();
    loop {
        let offsets: Vec<usize> = supplied.iter().map(SyntaxError::offset).collect();
        let (body, mut errors) = parse_once(source, offsets);
        let before = supplied.len();
        let mut rest = Vec::new();
        for e in errors.drain(..) {
            if e.missing_semicolon && supplied.len() < MAX_SUPPLIED_SEMICOLONS {
                supplied.push(e);
            } else {
                rest.push(e);
            }
        }
        if supplied.len() == before || supplied.len() >= MAX_SUPPLIED_SEMICOLONS {
            rest.extend(supplied);
            rest.sort_by_key(SyntaxError::offset);
            return match body {
                Some(items) if rest.is_empty() => Ok(program_of(items)),
                _ => Err(SyntaxErrors::new(source, rest)),
            };
        }
    }
}

fn program_of(items: Vec<Item>) -> Program {
    let mut program = Program::default();
    for item in items {
        match item {
            Item::Stmt(s) => program.body.push(s),
            Item::Function(f) => program.functions.push(std::rc::Rc::new(f)),
        }
    }
    program
}

/// One pass of the generated parser, with `;` supplied at `semicolons`.
fn parse_once(
    source: &SourceFile,
    semicolons: Vec<usize>,
) -> (Option<Vec<Item>>, Vec<SyntaxError>) {
    let mut lexer = Lexer::with_semicolons_at(&source.text, semicolons);
    let mut recovered = Vec::new();
    let result = grammar::ProgramParser::new().parse(&mut recovered, &source.text, &mut lexer);
    let mut problems = Vec::new();
    // Recovery skips to the next `;`, so a `{` skipped on the way leaves its `}` behind; that
    // stray `}` is a consequence of the earlier error, not a new one.
    let mut skipped_open_braces = 0usize;
    for r in recovered {
        if is_close_brace(&r.error) && skipped_open_braces > 0 {
            skipped_open_braces -= 1;
        } else {
            problems.push(r.error);
        }
        for (_, tok, _) in &r.dropped_tokens {
            match tok {
                Tok::LBrace => skipped_open_braces += 1,
                Tok::RBrace => skipped_open_braces = skipped_open_braces.saturating_sub(1),
                _ => {}
            }
        }
    }
    let items = match result {
        Ok(items) => Some(items),
        Err(fatal) => {
            if !(is_close_brace(&fatal) && skipped_open_braces > 0) {
                problems.push(fatal);
            }
            None
        }
    };
    let mut errors = errors::collect(source, problems, &lexer);
    if let Some(items) = &items {
        for m in checks::loop_control_outside_loops(items) {
            errors.push(errors::misplaced_loop_control(source, m.span, m.word));
        }
    }
    (items, errors)
}

fn is_close_brace(
    error: &lalrpop_util::ParseError<usize, Tok<'_>, crate::lexer::LexError>,
) -> bool {
    matches!(
        error,
        lalrpop_util::ParseError::UnrecognizedToken {
            token: (_, Tok::RBrace, _),
            ..
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::StmtKind;

    fn parse_ok(text: &str) -> Program {
        match parse(&SourceFile::new("t.dg", text)) {
            Ok(p) => p,
            Err(e) => panic!("{text:?} should parse: {e:?}"),
        }
    }

    fn error_positions(text: &str) -> Vec<(usize, usize, String)> {
        let source = SourceFile::new("t.dg", text);
        match parse(&source) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .errors
                .iter()
                .map(|err| {
                    let (l, c) = source.line_col(err.offset());
                    (l, c, err.message.clone())
                })
                .collect(),
        }
    }

    #[test]
    fn statements_parse() {
        let p = parse_ok(
            "x = 1; x += 2; m.put(\"k\", {1, 2}); if (x > 1) { info x; } else if (x < 0) { } else { }\n\
             for each v in l { break; } for each index i in l { continue; } return;\n\
             try { y = 1 / 0; } catch (e) { info e; } return x;",
        );
        assert_eq!(p.body.len(), 9);
        assert!(
            matches!(p.body[3].kind, StmtKind::If { ref branches, otherwise: Some(_) } if branches.len() == 2)
        );
    }

    #[test]
    fn index_is_still_a_variable_name() {
        parse_ok("index = 1; for each index in l { info index; }");
    }

    #[test]
    fn missing_semicolon_is_reported_after_the_statement() {
        let errs = error_positions("x = 1\ny = 2;\n");
        assert_eq!(
            errs,
            vec![(1, 6, "expected \";\" after this statement".to_string())]
        );
    }

    #[test]
    fn several_errors_are_all_reported() {
        let errs = error_positions("a = 1\nb = 2;\nc = = 3;\nd = (4;\ne = 5;\n");
        let lines: Vec<_> = errs.iter().map(|e| e.0).collect();
        assert_eq!(lines, vec![1, 3, 4]);
    }

    #[test]
    fn statements_after_a_missing_semicolon_are_still_checked() {
        let errs = error_positions("a = 1\nb = (2;\nc = 3\nif (x) { y = 1 }\n");
        let at: Vec<_> = errs.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(at, vec![(1, 6), (2, 7), (3, 6), (4, 15)]);
    }

    #[test]
    fn deep_expressions_are_rejected_not_overflowed() {
        let text = format!("x = 1{};", " + 1".repeat(5000));
        let errs = error_positions(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].2.contains("nested too deeply"));
    }
}
