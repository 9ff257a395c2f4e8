//! Expression evaluation: variables, literals, operators, calls and method dispatch.

use std::cell::Cell;

use super::{ops, Eval, Interpreter};
use crate::ast::{Callee, Expr, ExprKind, Ident, LogicOp, Var};
use crate::builtins::{self, BuiltinError, MethodDef};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{DgMap, TypeTag, Value};

impl Interpreter<'_> {
    /// Evaluates an expression. The common node kinds are handled here; the rest live in
    /// `eval_rare` so this function's stack frame stays small for deep recursion and fast loops.
    pub(crate) fn eval(&mut self, expr: &Expr) -> Eval<Value> {
        match &expr.kind {
            ExprKind::Const(v) => Ok(v.clone()),
            ExprKind::Var(var) => self.read_var(var),
            ExprKind::Binary(op, l, r) => {
                // Variables and constants are read in place rather than copied. Reading them after
                // the other side is evaluated gives the same result: no expression can reassign a
                // variable (assignment is a statement, and functions have their own frames).
                let left = if is_leaf(l) {
                    None
                } else {
                    Some(self.eval(l)?)
                };
                let right = if is_leaf(r) {
                    None
                } else {
                    Some(self.eval(r)?)
                };
                let a = match &left {
                    Some(v) => v,
                    None => self.leaf(l)?,
                };
                let b = match &right {
                    Some(v) => v,
                    None => self.leaf(r)?,
                };
                match ops::binary(*op, a, b) {
                    Ok(v) => Ok(v),
                    Err(e) => Err(op_error(e, expr.span, a, b)),
                }
            }
            ExprKind::Method {
                target,
                name,
                args,
                cache,
            } => self.eval_method(target, name, args, cache, expr.span),
            ExprKind::Logic(op, l, r) => {
                let what = if *op == LogicOp::And { "&&" } else { "||" };
                let left = self.logic_operand(l, what)?;
                if left == (*op == LogicOp::Or) {
                    return Ok(Value::Bool(left));
                }
                Ok(Value::Bool(self.logic_operand(r, what)?))
            }
            _ => self.eval_rare(expr),
        }
    }

    #[inline(never)]
    fn eval_rare(&mut self, expr: &Expr) -> Eval<Value> {
        match &expr.kind {
            ExprKind::Unary(op, e) => {
                let v = self.eval(e)?;
                ops::unary(*op, &v).map_err(|err| {
                    let label = match v {
                        Value::Int(_) => "the result does not fit in a Number".to_string(),
                        _ => format!("this is {}", v.type_name()),
                    };
                    RuntimeError::new(err.message, expr.span, label).with_optional_help(err.help)
                })
            }
            ExprKind::Field { target, name } => {
                let v = self.eval(target)?;
                read_field(&v, name)
            }
            ExprKind::Call { path, args, callee } => {
                let base = self.push_args(args)?;
                match callee.get() {
                    Callee::User(index) => self.call_user(index, base, expr.span),
                    other => {
                        let result = call_function(path, other, &self.stack[base..], expr.span);
                        self.stack.truncate(base);
                        result
                    }
                }
            }
            ExprKind::System(path) => Err(RuntimeError::new(
                format!("unknown system value `{}`", path.name),
                path.span,
                "not available",
            )
            .with_help("check the spelling; only variables and built-in names can be read")),
            ExprKind::List(items) => {
                let items = items
                    .iter()
                    .map(|e| self.eval(e))
                    .collect::<Eval<Vec<_>>>()?;
                Ok(Value::new_list(items))
            }
            ExprKind::Map(entries) => {
                let mut map = DgMap::default();
                for (k, v) in entries {
                    let key = self.eval(k)?.to_key();
                    let value = self.eval(v)?;
                    map.insert(key, value);
                }
                Ok(Value::new_map(map))
            }
            ExprKind::IfElse(parts) => {
                let [cond, then, otherwise] = &**parts;
                if self.condition(cond, "if()")? {
                    self.eval(then)
                } else {
                    self.eval(otherwise)
                }
            }
            ExprKind::Const(_)
            | ExprKind::Var(_)
            | ExprKind::Binary(..)
            | ExprKind::Method { .. }
            | ExprKind::Logic(..) => self.eval(expr),
        }
    }

    /// `target.name(args)`. When the target is a variable, the method works on the value in its slot
    /// directly (no copy of the receiver); arguments cannot reassign variables, so this is safe.
    fn eval_method(
        &mut self,
        target: &Expr,
        name: &Ident,
        args: &[Expr],
        cache: &Cell<Option<(TypeTag, &'static MethodDef)>>,
        span: Span,
    ) -> Eval<Value> {
        let result = if let ExprKind::Var(var) = &target.kind {
            let base = self.push_args(args)?;
            let result = match self.slots.get(var.slot as usize) {
                Some(Some(receiver)) => {
                    call_method(receiver, name, &self.stack[base..], cache, span)
                }
                _ => Err(undefined(var)),
            };
            self.stack.truncate(base);
            result
        } else {
            let receiver = self.eval(target)?;
            let base = self.push_args(args)?;
            let result = call_method(&receiver, name, &self.stack[base..], cache, span);
            self.stack.truncate(base);
            result
        };
        result
    }

    /// The value of a constant or variable node, borrowed (see `is_leaf`).
    #[inline]
    pub(super) fn leaf<'a>(&'a self, e: &'a Expr) -> Eval<&'a Value> {
        match &e.kind {
            ExprKind::Const(v) => Ok(v),
            ExprKind::Var(var) => match self.slots.get(var.slot as usize) {
                Some(Some(v)) => Ok(v),
                _ => Err(undefined(var)),
            },
            _ => unreachable!("leaf() is only called on nodes for which is_leaf() holds"),
        }
    }

    #[inline]
    pub(crate) fn read_var(&self, var: &Var) -> Eval<Value> {
        match self.slots.get(var.slot as usize) {
            Some(Some(v)) => Ok(v.clone()),
            _ => Err(undefined(var)),
        }
    }

    /// Evaluates call arguments onto the argument stack and returns where they start. The caller
    /// truncates the stack back to that point once the call is done.
    fn push_args(&mut self, args: &[Expr]) -> Eval<usize> {
        let base = self.stack.len();
        for a in args {
            let v = if is_leaf(a) {
                self.leaf(a).cloned()
            } else {
                self.eval(a)
            };
            match v {
                Ok(v) => self.stack.push(v),
                Err(e) => {
                    self.stack.truncate(base);
                    return Err(e);
                }
            }
        }
        Ok(base)
    }

    fn logic_operand(&mut self, e: &Expr, what: &str) -> Eval<bool> {
        match self.eval(e)? {
            Value::Bool(b) => Ok(b),
            other => Err(RuntimeError::new(
                format!(
                    "`{what}` expects Boolean operands, got {}",
                    other.type_name()
                ),
                e.span,
                format!("this is {}", other.type_name()),
            )),
        }
    }
}

/// Constants and variables, which can be read without evaluating anything.
#[inline]
pub(super) fn is_leaf(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Const(_) | ExprKind::Var(_))
}

#[cold]
fn undefined(var: &Var) -> Box<RuntimeError> {
    RuntimeError::new(
        format!("variable `{}` is not defined", var.name),
        var.span,
        "used before it is assigned",
    )
    .with_help(format!("assign it first, e.g. `{} = …;`", var.name))
}

/// Dispatches through the node's inline cache, which remembers the method for the last receiver type.
#[inline]
fn call_method(
    receiver: &Value,
    name: &Ident,
    args: &[Value],
    cache: &Cell<Option<(TypeTag, &'static MethodDef)>>,
    span: Span,
) -> Eval<Value> {
    let tag = receiver.tag();
    let def = match cache.get() {
        Some((cached_tag, def)) if cached_tag == tag => def,
        _ => {
            let def = find_method(receiver, name)?;
            cache.set(Some((tag, def)));
            def
        }
    };
    if args.len() < def.min_args || args.len() > def.max_args {
        return Err(arity_error(
            def.name,
            def.params,
            def.min_args,
            def.max_args,
            args.len(),
            span,
            true,
        ));
    }
    (def.func)(receiver, args).map_err(|e| builtin_error(e, span, def.name))
}

fn find_method(receiver: &Value, name: &Ident) -> Eval<&'static MethodDef> {
    let tag = receiver.tag();
    if let Some(def) = builtins::find_method(tag, &name.name) {
        return Ok(def);
    }
    if tag == TypeTag::Null {
        return Err(RuntimeError::new(
            format!("cannot call `{}` on null", name.name),
            name.span,
            "the value here is null",
        )
        .with_help("guard it with `if (x != null)` or give a default with ifnull(x, …)"));
    }
    let message = match builtins::suggest_method(tag, &name.name) {
        Some(s) => format!(
            "unknown method \"{}\" on {}; did you mean \"{s}\"?",
            name.name,
            tag.name()
        ),
        None => format!("unknown method \"{}\" on {}", name.name, tag.name()),
    };
    let known: Vec<&str> = builtins::all_methods(tag).map(|m| m.name).collect();
    Err(
        RuntimeError::new(message, name.span, "no such method").with_help(format!(
            "{} methods: {}",
            tag.name(),
            known.join(", ")
        )),
    )
}

fn call_function(path: &Ident, callee: Callee, args: &[Value], span: Span) -> Eval<Value> {
    match callee {
        Callee::Builtin(def) => {
            if args.len() < def.min_args || args.len() > def.max_args {
                let (min, max) = (def.min_args, def.max_args);
                return Err(arity_error(
                    def.name,
                    def.params,
                    min,
                    max,
                    args.len(),
                    span,
                    false,
                ));
            }
            (def.func)(args).map_err(|e| builtin_error(e, span, def.name))
        }
        Callee::Unresolved | Callee::User(_) => {
            let err = RuntimeError::new(
                format!("unknown function `{}`", path.name),
                path.span,
                "not defined",
            );
            Err(match builtins::suggest_function(&path.name) {
                Some(s) => err.with_help(format!("did you mean `{s}`?")),
                None => err,
            })
        }
    }
}

fn read_field(v: &Value, name: &Ident) -> Eval<Value> {
    match v {
        Value::Map(m) => Ok(m.borrow().get(&name.name).cloned().unwrap_or(Value::Null)),
        other => Err(RuntimeError::new(
            format!("cannot read `.{}` of {}", name.name, other.type_name()),
            name.span,
            format!("this is read from {}", other.type_name()),
        )
        .with_help(format!(
            "only maps have fields; to call a method write `.{}()`",
            name.name
        ))),
    }
}

#[cold]
fn arity_error(
    name: &str,
    params: &str,
    min: usize,
    max: usize,
    got: usize,
    span: Span,
    method: bool,
) -> Box<RuntimeError> {
    let wanted = match (min, max) {
        (a, b) if a == b => format!("{a} argument{}", if a == 1 { "" } else { "s" }),
        (a, b) => format!("{a} to {b} arguments"),
    };
    let usage = if method {
        format!("usage: value.{name}({params})")
    } else {
        format!("usage: {name}({params})")
    };
    RuntimeError::new(
        format!("`{name}` takes {wanted}, got {got}"),
        span,
        "wrong number of arguments",
    )
    .with_help(usage)
}

#[cold]
fn builtin_error(e: BuiltinError, span: Span, name: &str) -> Box<RuntimeError> {
    RuntimeError::new(e.message, span, format!("in this call to `{name}`"))
        .with_optional_help(e.help)
}

#[cold]
pub(super) fn op_error(e: BuiltinError, span: Span, a: &Value, b: &Value) -> Box<RuntimeError> {
    RuntimeError::new(
        e.message,
        span,
        format!("{} and {}", a.type_name(), b.type_name()),
    )
    .with_optional_help(e.help)
}
