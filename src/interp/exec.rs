//! Compiles statements into closures, and runs compiled blocks: assignment (with in-place integer
//! updates), `if`, `for each`, `try`/`catch`, `info`, `return`, `break`, `continue`.

use super::compile::{self, condition, operand, BoolCode, ExprCode, Operand};
use super::dispatch;
use super::{ops, Eval, Flow, Interpreter};
use crate::ast::{BinaryOp, ExprKind, Ident, Stmt, StmtKind, Var};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::Value;

/// Compiled code for a statement.
pub(crate) type StmtCode = Box<dyn Fn(&mut Interpreter<'_>) -> Eval<Flow>>;
/// Compiled statements of a block, in order.
pub(crate) type BlockCode = Box<[StmtCode]>;

pub(crate) fn block(stmts: &[Stmt]) -> BlockCode {
    stmts.iter().map(statement).collect()
}

impl Interpreter<'_> {
    #[inline]
    pub(crate) fn run_block(&mut self, block: &[StmtCode]) -> Eval<Flow> {
        for stmt in block {
            match stmt(self)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }
}

fn statement(stmt: &Stmt) -> StmtCode {
    let span = stmt.span;
    match &stmt.kind {
        StmtKind::Assign {
            target,
            op: Some(op),
            value,
        } => update(target, *op, operand(value), span, None),
        StmtKind::Assign {
            target,
            op: None,
            value,
        } => match &value.kind {
            // `x = x + e` updates x too (e cannot change x: expressions never assign).
            ExprKind::Binary(op, l, r) if matches!(&l.kind, ExprKind::Var(v) if v.slot == target.slot) => {
                update(target, *op, operand(r), span, Some(value.span))
            }
            _ => assign(target, compile::compile(value), span),
        },
        StmtKind::FieldAssign {
            target,
            name,
            op,
            value,
        } => field_assign(
            compile::compile(target),
            name.clone(),
            *op,
            compile::compile(value),
            span,
        ),
        StmtKind::Expr(e) => {
            let code = compile::compile(e);
            Box::new(move |m| {
                m.tick(span)?;
                code(m)?;
                Ok(Flow::Normal)
            })
        }
        StmtKind::If {
            branches,
            otherwise,
        } => {
            let branches: Vec<(BoolCode, BlockCode)> = branches
                .iter()
                .map(|(c, b)| (condition(c, "if"), block(b)))
                .collect();
            let otherwise = otherwise.as_deref().map(block);
            Box::new(move |m| {
                m.tick(span)?;
                for (cond, body) in &branches {
                    if cond(m)? {
                        return m.run_block(body);
                    }
                }
                match &otherwise {
                    Some(body) => m.run_block(body),
                    None => Ok(Flow::Normal),
                }
            })
        }
        StmtKind::ForEach {
            var,
            index,
            iterable,
            body,
        } => for_each(
            var,
            *index,
            compile::compile(iterable),
            iterable.span,
            block(body),
            span,
        ),
        StmtKind::Break => simple(span, || Flow::Break),
        StmtKind::Continue => simple(span, || Flow::Continue),
        StmtKind::Return(value) => {
            let value = value.as_ref().map(compile::compile);
            Box::new(move |m| {
                m.tick(span)?;
                m.returned = match &value {
                    Some(code) => code(m)?,
                    None => Value::Null,
                };
                Ok(Flow::Return)
            })
        }
        StmtKind::Info(e) => {
            let code = compile::compile(e);
            Box::new(move |m| {
                m.tick(span)?;
                let line = code(m)?.to_display();
                m.emit(&line, span)?;
                Ok(Flow::Normal)
            })
        }
        StmtKind::Try {
            body,
            error_var,
            handler,
        } => {
            let (body, handler, slot) = (block(body), block(handler), error_var.slot as usize);
            Box::new(move |m| {
                m.tick(span)?;
                match m.run_block(&body) {
                    Err(err) if !err.fatal => {
                        m.slots[slot] = Some(Value::text(&err.message));
                        m.run_block(&handler)
                    }
                    other => other,
                }
            })
        }
        StmtKind::Error => Box::new(move |_| {
            Err(
                RuntimeError::new("this statement has a syntax error", span, "cannot run this")
                    .fatal(),
            )
        }),
    }
}

/// `m.field = value;` (or `op=`): sets a key of the map `m`.
fn field_assign(
    target: ExprCode,
    name: Ident,
    op: Option<BinaryOp>,
    value: ExprCode,
    span: Span,
) -> StmtCode {
    Box::new(move |m| {
        m.tick(span)?;
        let map = match target(m)? {
            Value::Map(map) => map,
            other => {
                return Err(RuntimeError::new(
                    format!("cannot set `.{}` on {}", name.name, other.type_name()),
                    name.span,
                    format!("this is {}", other.type_name()),
                )
                .with_help("only maps have fields to set"))
            }
        };
        let v = value(m)?;
        let v = match op {
            None => v,
            Some(op) => {
                let current = map.borrow().get(&name.name).cloned().unwrap_or(Value::Null);
                ops::binary(op, &current, &v).map_err(|e| {
                    RuntimeError::new(e.message, span, format!("in this `{}=`", op.symbol()))
                        .with_optional_help(e.help)
                })?
            }
        };
        let mut map = map.borrow_mut();
        if map.len() >= crate::limits::MAX_COLLECTION_LEN && map.get(&name.name).is_none() {
            let e = crate::limits::check_collection(map.len() + 1).err();
            if let Some(e) = e {
                return Err(RuntimeError::new(e.message, span, "this field is new")
                    .with_optional_help(e.help));
            }
        }
        map.insert(name.name.clone(), v);
        Ok(Flow::Normal)
    })
}

fn simple(span: Span, flow: fn() -> Flow) -> StmtCode {
    Box::new(move |m| {
        m.tick(span)?;
        Ok(flow())
    })
}

fn assign(target: &Var, code: ExprCode, span: Span) -> StmtCode {
    let slot = target.slot as usize;
    Box::new(move |m| {
        m.tick(span)?;
        let v = code(m)?;
        store(&mut m.slots[slot], v);
        Ok(Flow::Normal)
    })
}

/// Puts a value in a variable slot; an integer over an integer is written in place.
#[inline]
fn store(slot: &mut Option<Value>, value: Value) {
    match (slot, value) {
        (Some(Value::Int(old)), Value::Int(new)) => *old = new,
        (slot, value) => *slot = Some(value),
    }
}

/// `target op= rhs`, or `target = target op rhs` when `written_as` holds the span of `target op rhs`.
/// An integer variable updated with `+ - * %` by an integer is changed in place: that is what
/// counters and running totals do in loops.
fn update(
    target: &Var,
    op: BinaryOp,
    rhs: Operand,
    span: Span,
    written_as: Option<Span>,
) -> StmtCode {
    let (slot, target) = (target.slot as usize, target.clone());
    match rhs {
        Operand::Const(Value::Int(k)) => Box::new(move |m| {
            m.tick(span)?;
            if let Some(Some(Value::Int(a))) = m.slots.get_mut(slot) {
                if let Some(n) = ops::int_arith(op, *a, k) {
                    *a = n;
                    return Ok(Flow::Normal);
                }
            }
            update_general(m, &target, op, &Value::Int(k), span, written_as)
        }),
        rhs => Box::new(move |m| {
            m.tick(span)?;
            let v = rhs.value(m)?;
            if let (Some(Some(Value::Int(a))), Value::Int(b)) = (m.slots.get_mut(slot), &v) {
                if let Some(n) = ops::int_arith(op, *a, *b) {
                    *a = n;
                    return Ok(Flow::Normal);
                }
            }
            update_general(m, &target, op, &v, span, written_as)
        }),
    }
}

#[inline(never)]
fn update_general(
    m: &mut Interpreter<'_>,
    target: &Var,
    op: BinaryOp,
    rhs: &Value,
    span: Span,
    written_as: Option<Span>,
) -> Eval<Flow> {
    let slot = target.slot as usize;
    let current = m.slot(slot, target)?.clone();
    if let (Value::List(items), BinaryOp::Add, None) = (&current, op, written_as) {
        // `list += x` adds to the list itself, as `list.add(x)` / `addAll` would (`l = l + x`
        // builds a new list, like any `+`).
        let mut extra = Vec::new();
        ops::append(&mut extra, rhs);
        items.borrow_mut().extend(extra);
        return Ok(Flow::Normal);
    }
    let v = ops::binary(op, &current, rhs).map_err(|e| match written_as {
        Some(expr_span) => dispatch::op_error(e, expr_span, &current, rhs),
        None => RuntimeError::new(e.message, span, format!("in this `{}=`", op.symbol()))
            .with_optional_help(e.help),
    })?;
    m.slots[slot] = Some(v);
    Ok(Flow::Normal)
}

fn for_each(
    var: &Var,
    index: bool,
    iterable: ExprCode,
    iterable_span: Span,
    body: BlockCode,
    span: Span,
) -> StmtCode {
    let slot = var.slot as usize;
    Box::new(move |m| {
        m.tick(span)?;
        let list = match iterable(m)? {
            Value::List(list) => list,
            other => return Err(not_a_list(&other, iterable_span)),
        };
        let mut i = 0usize;
        loop {
            // The list may change while the loop runs; read it afresh each time round.
            {
                let items = list.borrow();
                let item = match items.get(i) {
                    Some(item) if !index => item.clone(),
                    Some(_) => Value::Int(i as i64),
                    None => break,
                };
                drop(items);
                store(&mut m.slots[slot], item);
            }
            match m.run_block(&body)? {
                Flow::Normal | Flow::Continue => {}
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
            }
            i += 1;
        }
        Ok(Flow::Normal)
    })
}

#[cold]
fn not_a_list(v: &Value, span: Span) -> Box<RuntimeError> {
    let help = match v {
        Value::Map(_) => "to loop over a map, use `for each key in m.keys()`",
        Value::Text(_) => "to loop over parts of a text, use `for each part in t.toList(\",\")`",
        _ => "`for each` loops over a List",
    };
    RuntimeError::new(
        format!("`for each` needs a List, got {}", v.type_name()),
        span,
        format!("this is {}", v.type_name()),
    )
    .with_help(help)
}
