//! Checks that need a whole (possibly partly broken) tree but no names: `break`/`continue` placement.

use crate::ast::{Item, Stmt, StmtKind};
use crate::source::Span;

/// A misplaced statement: where, and which keyword.
pub(super) struct Misplaced {
    pub span: Span,
    pub word: &'static str,
}

/// Every `break` or `continue` that is not inside a `for each` (function bodies start outside one).
pub(super) fn loop_control_outside_loops(items: &[Item]) -> Vec<Misplaced> {
    let mut found = Vec::new();
    for item in items {
        match item {
            Item::Stmt(s) => visit(std::slice::from_ref(s), false, &mut found),
            Item::Function(f) => visit(&f.body, false, &mut found),
        }
    }
    found
}

fn visit(stmts: &[Stmt], in_loop: bool, found: &mut Vec<Misplaced>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Break if !in_loop => found.push(Misplaced {
                span: stmt.span,
                word: "break",
            }),
            StmtKind::Continue if !in_loop => found.push(Misplaced {
                span: stmt.span,
                word: "continue",
            }),
            StmtKind::ForEach { body, .. } => visit(body, true, found),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (_, block) in branches {
                    visit(block, in_loop, found);
                }
                if let Some(block) = otherwise {
                    visit(block, in_loop, found);
                }
            }
            StmtKind::Try { body, handler, .. } => {
                visit(body, in_loop, found);
                visit(handler, in_loop, found);
            }
            _ => {}
        }
    }
}
