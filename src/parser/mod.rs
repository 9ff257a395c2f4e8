//! The single entry point to the generated LALRPOP parser: `parse()` turns a source file into a `Program`.

mod actions;
mod errors;

use lalrpop_util::lalrpop_mod;

pub use errors::{SyntaxError, SyntaxErrors};

use crate::ast::Program;
use crate::lexer::Lexer;
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

/// Parses a whole script, recovering at `;` and `}` so that every syntax error is reported at once.
pub fn parse(source: &SourceFile) -> Result<Program, SyntaxErrors> {
    let mut lexer = Lexer::new(&source.text);
    let mut recovered = Vec::new();
    let result = grammar::ProgramParser::new().parse(&mut recovered, &mut lexer);
    let mut problems: Vec<_> = recovered.into_iter().map(|r| r.error).collect();
    let body = match result {
        Ok(body) => Some(body),
        Err(fatal) => {
            problems.push(fatal);
            None
        }
    };
    let errors = errors::collect(source, problems, &lexer);
    match body {
        Some(body) if errors.is_empty() => Ok(Program { body }),
        _ => Err(SyntaxErrors::new(source, errors)),
    }
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
    fn deep_expressions_are_rejected_not_overflowed() {
        let text = format!("x = 1{};", " + 1".repeat(5000));
        let errs = error_positions(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].2.contains("nested too deeply"));
    }
}
