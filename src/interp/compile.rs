//! Compiles resolved expressions into closures ("closure compilation").
//!
//! Each node becomes a boxed closure that does just its own job: a variable read is a slot lookup, an
//! operator over a variable and a constant reads both in place, a one-argument method call on a
//! variable passes references without copying. Walking a tree of such closures costs far less than
//! matching on every node at run time, and the closures keep the spans they need for errors.

use std::cell::Cell;
use std::slice;

use super::dispatch::{self, MethodCache};
use super::{ops, Eval, Interpreter};
use crate::ast::{BinaryOp, Callee, Expr, ExprKind, Ident, LogicOp, UnaryOp, Var};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{DgMap, Value};

/// Compiled code for an expression.
pub(crate) type ExprCode = Box<dyn Fn(&mut Interpreter<'_>) -> Eval<Value>>;
/// Compiled code for an expression that must give a Boolean (conditions, `&&`, `||`).
pub(crate) type BoolCode = Box<dyn Fn(&mut Interpreter<'_>) -> Eval<bool>>;

/// An operand, compiled so that variables and constants need no call at all.
pub(crate) enum Operand {
    Slot(usize, Var),
    Const(Value),
    Code(ExprCode),
}

pub(crate) fn operand(e: &Expr) -> Operand {
    match &e.kind {
        ExprKind::Var(v) => Operand::Slot(v.slot as usize, v.clone()),
        ExprKind::Const(c) => Operand::Const(c.clone()),
        _ => Operand::Code(compile(e)),
    }
}

impl Operand {
    /// The operand's value, owned.
    #[inline]
    pub(crate) fn value(&self, m: &mut Interpreter<'_>) -> Eval<Value> {
        match self {
            Operand::Slot(s, var) => m.slot(*s, var).cloned(),
            Operand::Const(c) => Ok(c.clone()),
            Operand::Code(code) => code(m),
        }
    }
}

impl Interpreter<'_> {
    /// The value of a variable, or the "not defined" error.
    #[inline]
    pub(crate) fn slot(&self, s: usize, var: &Var) -> Eval<&Value> {
        match self.slots.get(s) {
            Some(Some(v)) => Ok(v),
            _ => Err(dispatch::undefined(var)),
        }
    }
}

pub(crate) fn compile(e: &Expr) -> ExprCode {
    let span = e.span;
    match &e.kind {
        ExprKind::Const(v) => {
            let v = v.clone();
            Box::new(move |_| Ok(v.clone()))
        }
        ExprKind::Var(var) => {
            let (s, var) = (var.slot as usize, var.clone());
            Box::new(move |m| m.slot(s, &var).cloned())
        }
        ExprKind::Binary(BinaryOp::Add, l, _)
            if matches!(l.kind, ExprKind::Binary(BinaryOp::Add, ..)) =>
        {
            add_chain(e)
        }
        ExprKind::Binary(op, l, r) => binary(*op, operand(l), operand(r), span),
        ExprKind::Logic(..) => {
            let code = boolean(e, Context::Operand("&&"));
            Box::new(move |m| Ok(Value::Bool(code(m)?)))
        }
        ExprKind::Unary(op, inner) => unary(*op, compile(inner), span),
        ExprKind::Method {
            target, name, args, ..
        } => method(
            operand(target),
            name.clone(),
            args.iter().map(operand).collect(),
            span,
        ),
        ExprKind::Call { path, args, callee }
            if args.is_empty() && path.name.eq_ignore_ascii_case("collection") =>
        {
            super::collection::new_collection(path.clone(), callee.get(), span)
        }
        ExprKind::Call { path, args, callee } => call(
            path.clone(),
            callee.get(),
            args.iter().map(operand).collect(),
            span,
        ),
        ExprKind::Field { target, name } => {
            let (target, name) = (compile(target), name.clone());
            Box::new(move |m| dispatch::read_field(&target(m)?, &name))
        }
        ExprKind::System(path) => {
            let path = path.clone();
            Box::new(move |_| {
                crate::dates::system_value(&path.name).ok_or_else(|| unknown_system(&path))
            })
        }
        ExprKind::Task(task) if task.name == "alert" => super::creator::compile_alert(task, span),
        ExprKind::Task(task) if task.name == "invokeurl" => {
            super::tasks::compile_invokeurl(task, span)
        }
        ExprKind::Task(task) if task.name == "sendmail" || task.name == "sendsms" => {
            super::tasks::compile_sendmail(task, span)
        }
        ExprKind::Task(task) if task.name == "form action" => {
            super::creator::compile_form_action(task, span)
        }
        ExprKind::Task(task) if task.name == "openUrl" => {
            super::creator::compile_open_url(task, span)
        }
        ExprKind::Task(task) if task.name == "cancel submit" => {
            super::creator::compile_cancel(task, span)
        }
        ExprKind::Task(task) if task.name == "insert into" => {
            super::creator::compile_insert(task, span)
        }
        ExprKind::Task(task) => {
            let name = task.name;
            Box::new(move |_| Err(task_not_available(name, span)))
        }
        ExprKind::List(items) => {
            let items: Vec<ExprCode> = items.iter().map(compile).collect();
            Box::new(move |m| {
                let mut out = Vec::with_capacity(items.len());
                for item in &items {
                    out.push(item(m)?);
                }
                Ok(Value::new_list(out))
            })
        }
        ExprKind::Map(entries) => {
            let entries: Vec<(ExprCode, ExprCode)> = entries
                .iter()
                .map(|(k, v)| (compile(k), compile(v)))
                .collect();
            Box::new(move |m| {
                let mut map = DgMap::with_capacity(entries.len());
                for (k, v) in &entries {
                    let key = k(m)?.to_key();
                    map.insert(key, v(m)?);
                }
                Ok(Value::new_map(map))
            })
        }
        ExprKind::IfElse(parts) => {
            let [cond, then, otherwise] = &**parts;
            let cond = condition(cond, "if()");
            let (then, otherwise) = (compile(then), compile(otherwise));
            Box::new(move |m| if cond(m)? { then(m) } else { otherwise(m) })
        }
    }
}

/// `l op r`, specialised on where the operands come from. Operands that are variables are read
/// after the other side is evaluated; that gives the same result, because no expression can
/// reassign a variable (assignment is a statement, and functions have their own frames).
fn binary(op: BinaryOp, l: Operand, r: Operand, span: Span) -> ExprCode {
    use Operand::{Code, Const, Slot};
    match (l, r) {
        (Slot(s, var), Const(k)) => {
            Box::new(move |m| dispatch::binary(op, m.slot(s, &var)?, &k, span))
        }
        (Slot(s1, v1), Slot(s2, v2)) => {
            Box::new(move |m| dispatch::binary(op, m.slot(s1, &v1)?, m.slot(s2, &v2)?, span))
        }
        (Code(c), Const(k)) => Box::new(move |m| dispatch::binary(op, &c(m)?, &k, span)),
        (Code(c), Slot(s, var)) => Box::new(move |m| {
            let a = c(m)?;
            dispatch::binary(op, &a, m.slot(s, &var)?, span)
        }),
        (Slot(s, var), Code(c)) => Box::new(move |m| {
            let b = c(m)?;
            dispatch::binary(op, m.slot(s, &var)?, &b, span)
        }),
        (Const(k), Code(c)) => Box::new(move |m| dispatch::binary(op, &k, &c(m)?, span)),
        (Const(k), Slot(s, var)) => {
            Box::new(move |m| dispatch::binary(op, &k, m.slot(s, &var)?, span))
        }
        (Code(a), Code(b)) => Box::new(move |m| {
            let x = a(m)?;
            dispatch::binary(op, &x, &b(m)?, span)
        }),
        (Const(a), Const(b)) => Box::new(move |_| dispatch::binary(op, &a, &b, span)),
    }
}

/// `a + b + c …` (two or more `+`, left to right): text is built in one buffer (`concat`).
fn add_chain(e: &Expr) -> ExprCode {
    let mut rest = Vec::new();
    let mut node = e;
    while let ExprKind::Binary(BinaryOp::Add, l, r) = &node.kind {
        rest.push((operand(r), node.span));
        node = l;
    }
    rest.reverse();
    let first = operand(node);
    Box::new(move |m| super::concat::add_chain(m, &first, &rest))
}

/// What a non-Boolean value is reported as.
#[derive(Clone, Copy)]
enum Context {
    /// The condition of `if` or `if()`.
    Condition(&'static str),
    /// An operand of `&&` or `||`.
    Operand(&'static str),
}

/// An `if` or `if()` condition.
pub(crate) fn condition(e: &Expr, what: &'static str) -> BoolCode {
    boolean(e, Context::Condition(what))
}

/// Compiles an expression whose value must be a Boolean. `&&` and `||` short-circuit, and integer
/// comparisons give their answer without building a value.
fn boolean(e: &Expr, context: Context) -> BoolCode {
    let span = e.span;
    match &e.kind {
        ExprKind::Logic(op, l, r) => {
            let symbol = if *op == LogicOp::And { "&&" } else { "||" };
            let (left, right) = (logic_operand(l, symbol), logic_operand(r, symbol));
            let short = *op == LogicOp::Or;
            Box::new(move |m| {
                let a = left(m)?;
                if a == short {
                    return Ok(a);
                }
                right(m)
            })
        }
        ExprKind::Binary(op, l, r) if is_comparison(*op) => {
            let general = finish_boolean(binary(*op, operand(l), operand(r), span), span, context);
            match int_comparison(*op, l, r) {
                Some(fast) => Box::new(move |m| match fast(m)? {
                    Some(answer) => Ok(answer),
                    None => general(m),
                }),
                None => general,
            }
        }
        _ => finish_boolean(compile(e), span, context),
    }
}

/// Compiled code that answers a comparison from integers alone, or `None` to fall back.
type IntTest = Box<dyn Fn(&mut Interpreter<'_>) -> Eval<Option<bool>>>;

/// `x cmp k` and `x op j cmp k` (`x % 2 == 0`, `n + 1 > limit` with constants) for an integer
/// variable `x` and integer constants, answered without building values; anything else (x not an
/// integer, an overflow) takes the general path.
fn int_comparison(cmp: BinaryOp, l: &Expr, r: &Expr) -> Option<IntTest> {
    let ExprKind::Const(Value::Int(k)) = r.kind else {
        return None;
    };
    match &l.kind {
        ExprKind::Var(v) => {
            let (s, var) = (v.slot as usize, v.clone());
            Some(Box::new(move |m| match m.slot(s, &var)? {
                Value::Int(x) => Ok(Some(int_compare(cmp, *x, k))),
                _ => Ok(None),
            }))
        }
        ExprKind::Binary(op, a, b)
            if matches!(
                op,
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Rem
            ) =>
        {
            let (ExprKind::Var(v), ExprKind::Const(Value::Int(j))) = (&a.kind, &b.kind) else {
                return None;
            };
            let (op, j, s, var) = (*op, *j, v.slot as usize, v.clone());
            Some(Box::new(move |m| match m.slot(s, &var)? {
                Value::Int(x) => Ok(ops::int_arith(op, *x, j).map(|y| int_compare(cmp, y, k))),
                _ => Ok(None),
            }))
        }
        _ => None,
    }
}

fn int_compare(op: BinaryOp, a: i64, b: i64) -> bool {
    match op {
        BinaryOp::Eq => a == b,
        BinaryOp::Ne => a != b,
        BinaryOp::Lt => a < b,
        BinaryOp::Gt => a > b,
        BinaryOp::Le => a <= b,
        _ => a >= b,
    }
}

fn logic_operand(e: &Expr, symbol: &'static str) -> BoolCode {
    match &e.kind {
        ExprKind::Logic(..) => boolean(e, Context::Operand(symbol)),
        _ => {
            let (code, span) = (compile(e), e.span);
            Box::new(move |m| dispatch::logic_value(code(m)?, span, symbol))
        }
    }
}

fn finish_boolean(code: ExprCode, span: Span, context: Context) -> BoolCode {
    match context {
        Context::Condition(what) => {
            Box::new(move |m| dispatch::condition_value(code(m)?, span, what))
        }
        Context::Operand(symbol) => {
            Box::new(move |m| dispatch::logic_value(code(m)?, span, symbol))
        }
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge
    )
}

fn unary(op: UnaryOp, inner: ExprCode, span: Span) -> ExprCode {
    Box::new(move |m| {
        let v = inner(m)?;
        ops::unary(op, &v).map_err(|err| {
            let label = match v {
                Value::Int(_) => "the result does not fit in a Number".to_string(),
                _ => format!("this is {}", v.type_name()),
            };
            RuntimeError::new(err.message, span, label).with_optional_help(err.help)
        })
    })
}

/// `target.name(args)`. A method on a variable works on the value in its slot (no copy); with one
/// argument that is a variable or constant, the argument is passed in place too.
fn method(target: Operand, name: Ident, mut args: Vec<Operand>, span: Span) -> ExprCode {
    let cache: MethodCache = Cell::new(None);
    if name.name.eq_ignore_ascii_case("add") && args.len() == 1 {
        if let Operand::Slot(s, var) = target {
            return list_add(s, var, args.pop(), name, cache, span);
        }
    }
    let inserts = ["insert", "insertAll"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&name.name));
    if inserts && args.len() == 1 {
        if let Operand::Slot(s, var) = target {
            return super::collection::insert(s, var, args.pop(), name, cache, span);
        }
    }
    match (target, args.len()) {
        (Operand::Slot(s, var), 0) => {
            Box::new(move |m| dispatch::call_method(m.slot(s, &var)?, &name, &[], &cache, span))
        }
        (Operand::Slot(s, var), 1) => match args.pop() {
            Some(Operand::Slot(a, avar)) => Box::new(move |m| {
                let arg = slice::from_ref(m.slot(a, &avar)?);
                dispatch::call_method(m.slot(s, &var)?, &name, arg, &cache, span)
            }),
            Some(Operand::Const(k)) => Box::new(move |m| {
                dispatch::call_method(m.slot(s, &var)?, &name, slice::from_ref(&k), &cache, span)
            }),
            Some(Operand::Code(c)) => Box::new(move |m| {
                let arg = c(m)?;
                dispatch::call_method(m.slot(s, &var)?, &name, slice::from_ref(&arg), &cache, span)
            }),
            None => unreachable!("one argument was counted"),
        },
        (Operand::Slot(s, var), 2) => {
            let second = args.pop();
            let first = args.pop();
            let (Some(first), Some(second)) = (first, second) else {
                unreachable!("two arguments were counted")
            };
            Box::new(move |m| {
                let pair = [first.value(m)?, second.value(m)?];
                dispatch::call_method(m.slot(s, &var)?, &name, &pair, &cache, span)
            })
        }
        (Operand::Slot(s, var), _) => Box::new(move |m| {
            let base = push_args(m, &args)?;
            let result = match m.slot(s, &var) {
                Ok(receiver) => {
                    dispatch::call_method(receiver, &name, &m.stack[base..], &cache, span)
                }
                Err(e) => Err(e),
            };
            m.stack.truncate(base);
            result
        }),
        (target, _) => Box::new(move |m| {
            let receiver = target.value(m)?;
            let base = push_args(m, &args)?;
            let result = dispatch::call_method(&receiver, &name, &m.stack[base..], &cache, span);
            m.stack.truncate(base);
            result
        }),
    }
}

/// `list.add(x)` on a variable, the commonest call in loops: pushed in place, with the general
/// method path for anything that is not a list (or a list in use).
fn list_add(
    s: usize,
    var: Var,
    arg: Option<Operand>,
    name: Ident,
    cache: MethodCache,
    span: Span,
) -> ExprCode {
    let arg = arg.unwrap_or(Operand::Const(Value::Null));
    Box::new(move |m| {
        let value = arg.value(m)?;
        let receiver = m.slot(s, &var)?;
        if let Value::List(items) = receiver {
            if let Ok(mut items) = items.try_borrow_mut() {
                if items.len() < crate::limits::MAX_COLLECTION_LEN {
                    items.push(value);
                    return Ok(Value::Null);
                }
            }
        }
        dispatch::call_method(receiver, &name, slice::from_ref(&value), &cache, span)
    })
}

/// `f(args)`: a user function (by index) or a built-in.
fn call(path: Ident, callee: Callee, args: Vec<Operand>, span: Span) -> ExprCode {
    match callee {
        Callee::User(index) => Box::new(move |m| m.call_user(index, &args, span)),
        other => Box::new(move |m| {
            let base = push_args(m, &args)?;
            let result = dispatch::call_function(&path, other, &m.stack[base..], span);
            m.stack.truncate(base);
            result
        }),
    }
}

/// Evaluates call arguments onto the argument stack and returns where they start. The caller
/// truncates the stack back to that point once the call is done.
fn push_args(m: &mut Interpreter<'_>, args: &[Operand]) -> Eval<usize> {
    let base = m.stack.len();
    for a in args {
        match a.value(m) {
            Ok(v) => m.stack.push(v),
            Err(e) => {
                m.stack.truncate(base);
                return Err(e);
            }
        }
    }
    Ok(base)
}

#[cold]
fn task_not_available(name: &str, span: Span) -> Box<RuntimeError> {
    let when = "Zoho Creator form tasks need a Creator application, which dg does not emulate";
    RuntimeError::new(
        format!("`{name}` is not available in this version of dg"),
        span,
        "this task cannot run yet",
    )
    .with_help(format!("{when}; `dg check` accepts the script already"))
}

#[cold]
fn unknown_system(path: &Ident) -> Box<RuntimeError> {
    RuntimeError::new(
        format!("unknown system value `{}`", path.name),
        path.span,
        "not available",
    )
    .with_help("check the spelling; only variables and built-in names can be read")
}
