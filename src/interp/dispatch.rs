//! Runtime helpers the compiled code calls: method dispatch through inline caches, built-in calls,
//! field reads, binary operators, and the runtime errors they raise.

use std::cell::Cell;

use super::{ops, Eval};
use crate::ast::{BinaryOp, Callee, Ident, Var};
use crate::builtins::{self, BuiltinError, MethodDef};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{TypeTag, Value};

/// The inline cache a method call site keeps: the method found for the last receiver type.
pub(super) type MethodCache = Cell<Option<(TypeTag, &'static MethodDef)>>;

/// `a op b` for any operands, with the integer cases tried first.
#[inline]
pub(super) fn binary(op: BinaryOp, a: &Value, b: &Value, span: Span) -> Eval<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            if let Some(v) = ops::int_fast(op, *x, *y) {
                return Ok(v);
            }
        }
        (Value::Text(x), Value::Text(y)) if matches!(op, BinaryOp::Eq | BinaryOp::Ne) => {
            return Ok(Value::Bool((x == y) == (op == BinaryOp::Eq)));
        }
        // Text concatenation, the commonest `+` in real scripts, without the general path (which
        // also reports a result past the text limit).
        (Value::Text(x), Value::Text(_) | Value::Int(_))
            if op == BinaryOp::Add && ops::concat_fits(x, b) =>
        {
            return Ok(ops::concat_unchecked(x, b));
        }
        _ => {}
    }
    binary_slow(op, a, b, span)
}

#[inline(never)]
fn binary_slow(op: BinaryOp, a: &Value, b: &Value, span: Span) -> Eval<Value> {
    ops::binary(op, a, b).map_err(|e| op_error(e, span, a, b))
}

/// An `if` or `if()` condition, which must be a Boolean.
#[inline]
pub(super) fn condition_value(v: Value, span: Span, what: &str) -> Eval<bool> {
    match v {
        Value::Bool(b) => Ok(b),
        other => Err(RuntimeError::new(
            format!(
                "`{what}` condition must be a Boolean, got {}",
                other.type_name()
            ),
            span,
            format!("this is {}", other.type_name()),
        )
        .with_help("compare explicitly, e.g. `x != null`, `x > 0` or `!x.isEmpty()`")),
    }
}

/// An operand of `&&` or `||`, which must be a Boolean.
#[inline]
pub(super) fn logic_value(v: Value, span: Span, symbol: &str) -> Eval<bool> {
    match v {
        Value::Bool(b) => Ok(b),
        other => Err(RuntimeError::new(
            format!(
                "`{symbol}` expects Boolean operands, got {}",
                other.type_name()
            ),
            span,
            format!("this is {}", other.type_name()),
        )),
    }
}

#[cold]
pub(super) fn undefined(var: &Var) -> Box<RuntimeError> {
    RuntimeError::new(
        format!("variable `{}` is not defined", var.name),
        var.span,
        "used before it is assigned",
    )
    .with_help(format!("assign it first, e.g. `{} = …;`", var.name))
}

/// Dispatches through the node's inline cache, which remembers the method for the last receiver type.
#[inline]
pub(super) fn call_method(
    receiver: &Value,
    name: &Ident,
    args: &[Value],
    cache: &MethodCache,
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
    Err(
        RuntimeError::new(message, name.span, "no such method").with_help(format!(
            "to list the methods of {}, type such a value, `.` and Tab in `dg repl`",
            tag.name()
        )),
    )
}

pub(super) fn call_function(
    path: &Ident,
    callee: Callee,
    args: &[Value],
    span: Span,
) -> Eval<Value> {
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
            if let Some(def) = builtins::find_function_form(&path.name, args) {
                return function_form(def, args, span);
            }
            if args.is_empty() {
                if let Some(def) = builtins::find_any_method(&path.name) {
                    let params = match def.params {
                        "" => "value".to_string(),
                        p => format!("value, {p}"),
                    };
                    let (min, max) = (def.min_args + 1, def.max_args + 1);
                    return Err(arity_error(def.name, &params, min, max, 0, span, false));
                }
            }
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

/// `name(value, args…)` run as `value.name(args…)`.
fn function_form(def: &'static MethodDef, args: &[Value], span: Span) -> Eval<Value> {
    let (receiver, rest) = match args.split_first() {
        Some(split) => split,
        None => return Err(arity_error(def.name, def.params, 1, 1, 0, span, false)),
    };
    if rest.len() < def.min_args || rest.len() > def.max_args {
        let params = if def.params.is_empty() {
            "value".to_string()
        } else {
            format!("value, {}", def.params)
        };
        let (min, max) = (def.min_args + 1, def.max_args + 1);
        return Err(arity_error(
            def.name,
            &params,
            min,
            max,
            args.len(),
            span,
            false,
        ));
    }
    (def.func)(receiver, rest).map_err(|e| builtin_error(e, span, def.name))
}

pub(super) fn read_field(v: &Value, name: &Ident) -> Eval<Value> {
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
