//! Statement execution: assignment, `if`, `for each`, `try`/`catch`, `info`, `return`, `break`, `continue`.

use super::expr::{is_leaf, op_error};
use super::{ops, Eval, Flow, Interpreter};
use crate::ast::{BinaryOp, Block, Expr, ExprKind, Stmt, StmtKind, Var};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::Value;

impl Interpreter<'_> {
    pub(crate) fn exec_block(&mut self, stmts: &Block) -> Eval<Flow> {
        for stmt in stmts {
            match self.exec(stmt)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec(&mut self, stmt: &Stmt) -> Eval<Flow> {
        self.tick(stmt.span)?;
        match &stmt.kind {
            StmtKind::Assign { target, op, value } => {
                match (op, &value.kind) {
                    (Some(op), _) => self.update(target, *op, value, stmt.span, true)?,
                    // `x = x + e` is an update of x too (e cannot change x: expressions never assign).
                    (None, ExprKind::Binary(op, l, r)) if matches!(&l.kind, ExprKind::Var(v) if v.slot == target.slot) => {
                        self.update(target, *op, r, value.span, false)?
                    }
                    (None, _) => {
                        let v = self.eval(value)?;
                        self.slots[target.slot as usize] = Some(v);
                    }
                }
                Ok(Flow::Normal)
            }
            StmtKind::Expr(e) => {
                self.eval(e)?;
                Ok(Flow::Normal)
            }
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (cond, block) in branches {
                    if self.condition(cond, "if")? {
                        return self.exec_block(block);
                    }
                }
                match otherwise {
                    Some(block) => self.exec_block(block),
                    None => Ok(Flow::Normal),
                }
            }
            StmtKind::ForEach {
                var,
                index,
                iterable,
                body,
            } => self.for_each(var, *index, iterable, body),
            StmtKind::Break => Ok(Flow::Break),
            StmtKind::Continue => Ok(Flow::Continue),
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(e)?,
                    None => Value::Null,
                };
                Ok(Flow::Return(v))
            }
            StmtKind::Info(e) => {
                let v = self.eval(e)?;
                let line = v.to_display();
                self.emit(&line, stmt.span)?;
                Ok(Flow::Normal)
            }
            StmtKind::Try {
                body,
                error_var,
                handler,
            } => match self.exec_block(body) {
                Err(err) if !err.fatal => {
                    self.slots[error_var.slot as usize] = Some(Value::text(&err.message));
                    self.exec_block(handler)
                }
                other => other,
            },
            StmtKind::Error => Err(RuntimeError::new(
                "this statement has a syntax error",
                stmt.span,
                "cannot run this",
            )
            .fatal()),
        }
    }

    /// `target op= rhs`. Integer `+ - *` update the variable in place, which is what counters and
    /// running totals do in loops; everything else goes through the general operator.
    /// `span` is the statement for `x += e`, or the `x + e` expression when the script wrote `x = x + e`.
    fn update(
        &mut self,
        target: &Var,
        op: BinaryOp,
        rhs: &Expr,
        span: Span,
        compound: bool,
    ) -> Eval<()> {
        let rhs = if is_leaf(rhs) {
            self.leaf(rhs)?.clone()
        } else {
            self.eval(rhs)?
        };
        let slot = target.slot as usize;
        if let (Some(Some(Value::Int(a))), Value::Int(b)) = (self.slots.get_mut(slot), &rhs) {
            let result = match op {
                BinaryOp::Add => a.checked_add(*b),
                BinaryOp::Sub => a.checked_sub(*b),
                BinaryOp::Mul => a.checked_mul(*b),
                _ => None,
            };
            if let Some(n) = result {
                *a = n;
                return Ok(());
            }
        }
        let current = self.read_var(target)?;
        let v = ops::binary(op, &current, &rhs).map_err(|e| {
            if compound {
                RuntimeError::new(e.message, span, format!("in this `{}=`", op.symbol()))
                    .with_optional_help(e.help)
            } else {
                op_error(e, span, &current, &rhs)
            }
        })?;
        self.slots[slot] = Some(v);
        Ok(())
    }

    /// Evaluates an `if` condition, which must be a Boolean.
    pub(crate) fn condition(&mut self, cond: &Expr, what: &str) -> Eval<bool> {
        match self.eval(cond)? {
            Value::Bool(b) => Ok(b),
            other => Err(RuntimeError::new(
                format!(
                    "`{what}` condition must be a Boolean, got {}",
                    other.type_name()
                ),
                cond.span,
                format!("this is {}", other.type_name()),
            )
            .with_help("compare explicitly, e.g. `x != null`, `x > 0` or `!x.isEmpty()`")),
        }
    }

    fn for_each(&mut self, var: &Var, index: bool, iterable: &Expr, body: &Block) -> Eval<Flow> {
        let list = match self.eval(iterable)? {
            Value::List(list) => list,
            other => {
                let help = match other {
                    Value::Map(_) => "to loop over a map, use `for each key in m.keys()`",
                    Value::Text(_) => {
                        "to loop over parts of a text, use `for each part in t.toList(\",\")`"
                    }
                    _ => "`for each` loops over a List",
                };
                return Err(RuntimeError::new(
                    format!("`for each` needs a List, got {}", other.type_name()),
                    iterable.span,
                    format!("this is {}", other.type_name()),
                )
                .with_help(help));
            }
        };
        let slot = var.slot as usize;
        let mut i = 0usize;
        loop {
            // The list may change while the loop runs; read it afresh each time round.
            let item = match list.borrow().get(i) {
                Some(item) if !index => item.clone(),
                Some(_) => Value::Int(i as i64),
                None => break,
            };
            self.slots[slot] = Some(item);
            match self.exec_block(body)? {
                Flow::Normal | Flow::Continue => {}
                Flow::Break => break,
                ret @ Flow::Return(_) => return Ok(ret),
            }
            i += 1;
        }
        Ok(Flow::Normal)
    }
}
