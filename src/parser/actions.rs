//! Helpers the grammar actions call: node construction, depth limits and small desugarings.

use std::cell::Cell;

use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast::{
    max_depth, BinaryOp, Callee, Expr, ExprKind, Ident, LogicOp, StmtKind, Task, UnaryOp,
    MAX_EXPR_DEPTH,
};
use crate::lexer::{LexError, LexErrorKind, Tok};
use crate::source::Span;
use crate::value::Value;

type Built<'s> = Result<Expr, ParseError<usize, Tok<'s>, LexError>>;

/// Builds a node, refusing trees deeper than `MAX_EXPR_DEPTH` so nothing later can overflow the stack.
/// The error points at the last part added (`blame`), not at the whole, possibly huge, expression.
fn node<'s>(kind: ExprKind, span: Span, child_depth: u16, blame: Span) -> Built<'s> {
    if child_depth >= MAX_EXPR_DEPTH {
        return Err(ParseError::User {
            error: LexError {
                kind: LexErrorKind::ExpressionTooDeep,
                span: blame,
            },
        });
    }
    Ok(Expr::new(kind, span, child_depth))
}

pub fn binary<'s>(op: BinaryOp, l: Expr, r: Expr) -> Built<'s> {
    let span = l.span.to(r.span);
    let (depth, blame) = (l.depth.max(r.depth), r.span);
    node(
        ExprKind::Binary(op, Box::new(l), Box::new(r)),
        span,
        depth,
        blame,
    )
}

pub fn logic<'s>(op: LogicOp, l: Expr, r: Expr) -> Built<'s> {
    let span = l.span.to(r.span);
    let (depth, blame) = (l.depth.max(r.depth), r.span);
    node(
        ExprKind::Logic(op, Box::new(l), Box::new(r)),
        span,
        depth,
        blame,
    )
}

/// `!e` and `-e`; a minus directly before a number literal folds into a negative constant.
pub fn unary<'s>(op: UnaryOp, start: usize, e: Expr) -> Built<'s> {
    let span = Span::new(start, e.span.end as usize);
    if op == UnaryOp::Neg {
        if let ExprKind::Const(value) = &e.kind {
            let folded = match value {
                Value::Int(n) => n.checked_neg().map(Value::Int),
                Value::Decimal(d) => Some(Value::Decimal(-*d)),
                _ => None,
            };
            if let Some(v) = folded {
                return Ok(Expr::leaf(ExprKind::Const(v), span));
            }
        }
    }
    let depth = e.depth;
    let blame = Span::new(start, start + 1);
    node(ExprKind::Unary(op, Box::new(e)), span, depth, blame)
}

pub fn method<'s>(target: Expr, name: Ident, args: Vec<Expr>, end: usize) -> Built<'s> {
    let span = Span::new(target.span.start as usize, end);
    let depth = target.depth.max(max_depth(&args));
    let blame = name.span;
    let kind = ExprKind::Method {
        target: Box::new(target),
        name,
        args,
    };
    node(kind, span, depth, blame)
}

pub fn field<'s>(target: Expr, name: Ident) -> Built<'s> {
    let span = target.span.to(name.span);
    let (depth, blame) = (target.depth, name.span);
    let kind = ExprKind::Field {
        target: Box::new(target),
        name,
    };
    node(kind, span, depth, blame)
}

pub fn call<'s>(path: Ident, args: Vec<Expr>, end: usize) -> Built<'s> {
    let span = Span::new(path.span.start as usize, end);
    if path.name.eq_ignore_ascii_case("openUrl") {
        // Creator's `openUrl(url, "new window")` is a form action.
        return task("openUrl", vec![(path, args)], span.start as usize, end);
    }
    let depth = max_depth(&args);
    let blame = path.span;
    let kind = ExprKind::Call {
        path,
        args,
        callee: Cell::new(Callee::Unresolved),
    };
    node(kind, span, depth, blame)
}

pub fn if_else<'s>(c: Expr, t: Expr, e: Expr, start: usize, end: usize) -> Built<'s> {
    let depth = max_depth([&c, &t, &e]);
    let blame = Span::new(start, start + 2);
    node(
        ExprKind::IfElse(Box::new([c, t, e])),
        Span::new(start, end),
        depth,
        blame,
    )
}

pub fn list<'s>(items: Vec<Expr>, start: usize, end: usize) -> Built<'s> {
    let depth = max_depth(&items);
    let blame = Span::new(start, start + 1);
    node(ExprKind::List(items), Span::new(start, end), depth, blame)
}

pub fn map<'s>(entries: Vec<(Expr, Expr)>, start: usize, end: usize) -> Built<'s> {
    let depth = entries
        .iter()
        .map(|(k, v)| k.depth.max(v.depth))
        .max()
        .unwrap_or(0);
    let blame = Span::new(start, start + 1);
    node(ExprKind::Map(entries), Span::new(start, end), depth, blame)
}

/// Prepends `if (c) { b }` to the branches of its `else` tail.
pub fn if_stmt(condition: Expr, block: Vec<crate::ast::Stmt>, rest: Option<StmtKind>) -> StmtKind {
    match rest {
        Some(StmtKind::If {
            mut branches,
            otherwise,
        }) => {
            branches.insert(0, (condition, block));
            StmtKind::If {
                branches,
                otherwise,
            }
        }
        _ => StmtKind::If {
            branches: vec![(condition, block)],
            otherwise: None,
        },
    }
}

/// Records a grammar rule's own error at `span`, so parsing goes on and `dg check` reports it.
fn record<'s>(
    errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>,
    kind: LexErrorKind,
    span: Span,
) {
    errors.push(ErrorRecovery {
        error: ParseError::User {
            error: LexError { kind, span },
        },
        dropped_tokens: Vec::new(),
    });
}

/// `for each WORD var in …` is only valid when WORD is `index`; anything else is recorded, not fatal.
pub fn expect_index<'s>(errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>, word: Ident) {
    if !word.name.eq_ignore_ascii_case("index") {
        errors.push(ErrorRecovery {
            error: ParseError::User {
                error: LexError {
                    kind: LexErrorKind::ExpectedIndex,
                    span: word.span,
                },
            },
            dropped_tokens: Vec::new(),
        });
    }
}

/// `standalone.mix` from its parts.
pub fn qualified(first: &str, rest: Vec<Ident>, start: usize, end: usize) -> Ident {
    let mut name = first.to_string();
    for part in rest {
        name.push('.');
        name.push_str(&part.name);
    }
    Ident {
        name: std::rc::Rc::from(name),
        span: Span::new(start, end),
    }
}

/// A single-quoted literal: a date or date-time when it reads as one (`'15-Mar-2019'`), else text.
pub fn quoted(text: std::rc::Rc<str>) -> Value {
    crate::dates::literal(&text).unwrap_or(Value::Text(text))
}

/// `e is null` / `e is not null`, read as `isNull(e)` / `!isNull(e)` (so empty text counts as null,
/// as in Deluge criteria).
pub fn is_null<'s>(
    errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>,
    e: Expr,
    not: Option<Ident>,
    end: usize,
) -> Built<'s> {
    if let Some(word) = not.as_ref().filter(|w| !w.name.eq_ignore_ascii_case("not")) {
        record(errors, LexErrorKind::ExpectedNot, word.span);
    }
    let span = Span::new(e.span.start as usize, end);
    let path = Ident {
        name: std::rc::Rc::from("isNull"),
        span,
    };
    let depth = e.depth;
    let test = node(
        ExprKind::Call {
            path,
            args: vec![e],
            callee: Cell::new(Callee::Unresolved),
        },
        span,
        depth,
        span,
    )?;
    match not {
        None => Ok(test),
        Some(_) => unary(UnaryOp::Not, span.start as usize, test),
    }
}

/// A task key from its words: `content-type` (hyphenated), `reply to` (two words).
pub fn task_key(first: &str, rest: Vec<(bool, &str)>, start: usize, end: usize) -> Ident {
    let mut name = first.to_string();
    for (hyphen, part) in rest {
        name.push(if hyphen { '-' } else { ' ' });
        name.push_str(part);
    }
    Ident {
        name: std::rc::Rc::from(name),
        span: Span::new(start, end),
    }
}

/// A fixed name at a position, for entries the grammar makes up (`alert`'s message).
pub fn word(name: &str, at: usize) -> Ident {
    Ident {
        name: std::rc::Rc::from(name),
        span: Span::new(at, at),
    }
}

/// `x = e;`, `x += e;`, and `m.field = e;` (a map field, as Creator's `input.Status = …`).
pub fn assign<'s>(
    lhs: Expr,
    op: Option<BinaryOp>,
    value: Expr,
) -> Result<StmtKind, ParseError<usize, Tok<'s>, LexError>> {
    match lhs.kind {
        ExprKind::Var(target) => Ok(StmtKind::Assign { target, op, value }),
        ExprKind::Field { target, name } => Ok(StmtKind::FieldAssign {
            target: *target,
            name,
            op,
            value,
        }),
        _ => Err(ParseError::UnrecognizedToken {
            token: (lhs.span.start as usize, Tok::Assign, lhs.span.end as usize),
            expected: vec!["\"a variable or field to assign to\"".to_string()],
        }),
    }
}

/// Creator's `insert into Form [ Field = value … ]`.
pub fn insert_into<'s>(
    form: Ident,
    entries: Vec<(Ident, Vec<Expr>)>,
    start: usize,
    end: usize,
) -> Built<'s> {
    let mut all = vec![(
        word("form", form.span.start as usize),
        vec![Expr::leaf(
            ExprKind::Const(Value::Text(form.name)),
            form.span,
        )],
    )];
    all.extend(entries);
    task("insert into", all, start, end)
}

/// Keys whose values are bare words (`type: GET`, `response-format: JSON`), read as text.
const WORD_VALUED_KEYS: &[&str] = &["type", "response-format", "response-decoding"];

/// A bracket task node.
pub fn task<'s>(
    name: &'static str,
    entries: Vec<(Ident, Vec<Expr>)>,
    start: usize,
    end: usize,
) -> Built<'s> {
    let entries: Vec<(Ident, Vec<Expr>)> = entries
        .into_iter()
        .map(|(key, values)| {
            let word_valued = WORD_VALUED_KEYS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(&key.name));
            let values = values
                .into_iter()
                .map(|v| match v.kind {
                    ExprKind::Var(var) if word_valued => {
                        Expr::leaf(ExprKind::Const(Value::Text(var.name)), v.span)
                    }
                    _ => v,
                })
                .collect();
            (key, values)
        })
        .collect();
    let depth = entries
        .iter()
        .flat_map(|(_, v)| v.iter())
        .map(|e| e.depth)
        .max()
        .unwrap_or(0);
    let span = Span::new(start, end);
    node(
        ExprKind::Task(Box::new(Task { name, entries })),
        span,
        depth,
        span,
    )
}

/// A name made up by the grammar with its real span (a typed constructor's `List`).
pub fn named(name: &str, start: usize, end: usize) -> Ident {
    Ident {
        name: std::rc::Rc::from(name),
        span: Span::new(start, end),
    }
}

/// Creator's form actions, written `show Field;`; anything but these words is reported.
const FORM_ACTIONS: &[&str] = &["show", "hide", "enable", "disable", "clear"];

/// `show Field;`, `hide input.Field;`, `enable …`, `disable …`, `clear …`: a `form action` task
/// with the action as its key and the field's name as its value.
pub fn form_action<'s>(
    errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>,
    action: Ident,
    field: Ident,
    start: usize,
    end: usize,
) -> Built<'s> {
    let known = FORM_ACTIONS
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&action.name));
    let Some(known) = known else {
        record(
            errors,
            LexErrorKind::UnknownStatement,
            action.span.to(field.span),
        );
        return task("form action", Vec::new(), start, end);
    };
    let name = field
        .name
        .strip_prefix("input.")
        .unwrap_or(&field.name)
        .to_string();
    let value = Expr::leaf(ExprKind::Const(Value::text(&name)), field.span);
    task(
        "form action",
        vec![(
            named(known, action.span.start as usize, action.span.end as usize),
            vec![value],
        )],
        start,
        end,
    )
}

/// `input.Field:ui.add(value);` and `ui.append`: a `form action` task keyed `ui.add`, with the
/// field's name then the values.
pub fn ui_call<'s>(
    errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>,
    field: Expr,
    ui: Ident,
    name: Ident,
    args: Vec<Expr>,
    start: usize,
    end: usize,
) -> Built<'s> {
    let method = ["add", "append"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(&name.name));
    let field_name = match &field.kind {
        ExprKind::Field { name, .. } => Some(name.name.clone()),
        ExprKind::Var(v) => Some(v.name.clone()),
        _ => None,
    };
    let (Some(method), Some(field_name), true) =
        (method, field_name, ui.name.eq_ignore_ascii_case("ui"))
    else {
        record(errors, LexErrorKind::ExpectedUiCall, ui.span.to(name.span));
        return task("form action", Vec::new(), start, end);
    };
    let mut values = vec![Expr::leaf(
        ExprKind::Const(Value::Text(field_name)),
        field.span,
    )];
    values.extend(args);
    let key = if method == "add" {
        "ui.add"
    } else {
        "ui.append"
    };
    task(
        "form action",
        vec![(
            named(key, ui.span.start as usize, name.span.end as usize),
            values,
        )],
        start,
        end,
    )
}

/// An expression statement; Creator's `reload;` (a bare word) is a form action.
pub fn expr_stmt(e: Expr) -> StmtKind {
    match &e.kind {
        ExprKind::Var(v) if v.name.eq_ignore_ascii_case("reload") => {
            let entry = (
                named("reload", e.span.start as usize, e.span.end as usize),
                Vec::new(),
            );
            match task(
                "form action",
                vec![entry],
                e.span.start as usize,
                e.span.end as usize,
            ) {
                Ok(t) => StmtKind::Expr(t),
                Err(_) => StmtKind::Expr(e),
            }
        }
        _ => StmtKind::Expr(e),
    }
}

/// Creator's `cancel submit;`; any other word after `cancel` is reported.
pub fn cancel<'s>(
    errors: &mut Vec<ErrorRecovery<usize, Tok<'s>, LexError>>,
    what: Ident,
    start: usize,
    end: usize,
) -> Built<'s> {
    if !what.name.eq_ignore_ascii_case("submit") {
        record(errors, LexErrorKind::UnknownStatement, what.span);
    }
    task("cancel submit", vec![(what, Vec::new())], start, end)
}

/// Creator's `success message <expr>;`, recorded as a form action.
pub fn success_message<'s>(message: Expr, start: usize, end: usize) -> Built<'s> {
    let key = named("success message", start, start);
    task("form action", vec![(key, vec![message])], start, end)
}
