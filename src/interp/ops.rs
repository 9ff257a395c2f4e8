//! Operators: arithmetic, concatenation, comparison and negation, with Deluge's conversions.
//!
//! `+` concatenates when either side is text. Integer arithmetic is checked (overflow is an error);
//! integer division that does not come out even gives a decimal (`5 / 2` is `2.5`).

use std::cmp::Ordering;
use std::rc::Rc;

use crate::ast::{BinaryOp, UnaryOp};
use crate::builtins::BuiltinError;
use crate::limits;
use crate::value::Value;

/// What went wrong in an operator, for the interpreter to place at the operator's span.
pub type OpResult = Result<Value, BuiltinError>;

/// Integer `+ - * %` and comparisons when they cannot fail; `None` means "take the general path"
/// (division, overflow, modulo by zero). Inlined into the interpreter's hot paths.
#[inline(always)]
pub fn int_fast(op: BinaryOp, a: i64, b: i64) -> Option<Value> {
    Some(match op {
        BinaryOp::Eq => Value::Bool(a == b),
        BinaryOp::Ne => Value::Bool(a != b),
        BinaryOp::Lt => Value::Bool(a < b),
        BinaryOp::Gt => Value::Bool(a > b),
        BinaryOp::Le => Value::Bool(a <= b),
        BinaryOp::Ge => Value::Bool(a >= b),
        _ => Value::Int(int_arith(op, a, b)?),
    })
}

/// Integer `+ - * %` when the result fits; `None` for anything else.
#[inline(always)]
pub fn int_arith(op: BinaryOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::Rem if b != 0 => a.checked_rem(b),
        _ => None,
    }
}

pub fn binary(op: BinaryOp, l: &Value, r: &Value) -> OpResult {
    if let (Value::Int(a), Value::Int(b)) = (l, r) {
        return int_binary(op, *a, *b);
    }
    match op {
        BinaryOp::Add => add(l, r),
        BinaryOp::Sub if matches!(l, Value::Date(_) | Value::DateTime(_)) => date_minus(l, r),
        BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => decimal_binary(op, l, r),
        BinaryOp::Eq => Ok(Value::Bool(l.equals(r))),
        BinaryOp::Ne => Ok(Value::Bool(!l.equals(r))),
        BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge => {
            let ord = l.compare(r).ok_or_else(|| type_error(op, l, r))?;
            Ok(Value::Bool(ordering_holds(op, ord)))
        }
    }
}

/// `date - date`: the milliseconds between them, as Zoho documents (`(end - start) / 86400000`
/// counts days); the times are read in the script's zone, so a daylight-saving change counts.
fn date_minus(l: &Value, r: &Value) -> OpResult {
    match (l.as_datetime(), r.as_datetime()) {
        (Some(a), Some(b)) => {
            let zone = crate::dates::clock().zone;
            Ok(Value::Int(zone.epoch_millis(a) - zone.epoch_millis(b)))
        }
        _ => Err(type_error(BinaryOp::Sub, l, r)),
    }
}

fn ordering_holds(op: BinaryOp, ord: Ordering) -> bool {
    match op {
        BinaryOp::Lt => ord == Ordering::Less,
        BinaryOp::Gt => ord == Ordering::Greater,
        BinaryOp::Le => ord != Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

fn int_binary(op: BinaryOp, a: i64, b: i64) -> OpResult {
    let checked = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::Div => {
            if b == 0 {
                return Err(division_by_zero());
            }
            match a.checked_rem(b) {
                Some(0) => a.checked_div(b),
                Some(_) => return decimal_binary(op, &Value::Int(a), &Value::Int(b)),
                None => None,
            }
        }
        BinaryOp::Rem => {
            if b == 0 {
                return Err(division_by_zero());
            }
            a.checked_rem(b)
        }
        BinaryOp::Eq => return Ok(Value::Bool(a == b)),
        BinaryOp::Ne => return Ok(Value::Bool(a != b)),
        BinaryOp::Lt => return Ok(Value::Bool(a < b)),
        BinaryOp::Gt => return Ok(Value::Bool(a > b)),
        BinaryOp::Le => return Ok(Value::Bool(a <= b)),
        BinaryOp::Ge => return Ok(Value::Bool(a >= b)),
    };
    checked.map(Value::Int).ok_or_else(|| {
        BuiltinError::new(format!("integer overflow in {a} {} {b}", op.symbol()))
            .with_help("Numbers are 64-bit; use decimals (e.g. 1.0 * x) for larger values")
    })
}

fn decimal_binary(op: BinaryOp, l: &Value, r: &Value) -> OpResult {
    let (Some(a), Some(b)) = (l.as_decimal(), r.as_decimal()) else {
        return Err(type_error(op, l, r));
    };
    let result = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::Div | BinaryOp::Rem if b.is_zero() => return Err(division_by_zero()),
        BinaryOp::Div => a.checked_div(b),
        _ => a.checked_rem(b),
    };
    result
        .map(Value::Decimal)
        .ok_or_else(|| BuiltinError::new(format!("decimal overflow in {a} {} {b}", op.symbol())))
}

fn add(l: &Value, r: &Value) -> OpResult {
    match (l, r) {
        (Value::Text(a), _) => concat(a, r),
        (Value::List(items), _) => {
            let mut joined = items.borrow().clone();
            append(&mut joined, r);
            limits::check_collection(joined.len())?;
            Ok(Value::new_list(joined))
        }
        (_, Value::Text(b)) => {
            let mut s = l.to_display();
            s.push_str(b);
            limits::check_text(s.len())?;
            Ok(Value::Text(Rc::from(s)))
        }
        _ => decimal_binary(BinaryOp::Add, l, r),
    }
}

/// Text followed by any value's display text, or an error past the text limit.
pub fn concat(a: &str, r: &Value) -> OpResult {
    let joined = concat_unchecked(a, r);
    match &joined {
        Value::Text(t) if t.len() > limits::MAX_TEXT_BYTES => Err(limits::text_too_long()),
        _ => Ok(joined),
    }
}

/// Whether `a + r` (text and text, or text and integer) stays within the text limit.
#[inline(always)]
pub fn concat_fits(a: &str, r: &Value) -> bool {
    let right = match r {
        Value::Text(b) => b.len(),
        _ => 20,
    };
    a.len() + right <= limits::MAX_TEXT_BYTES
}

/// Text followed by any value's display text, with fast paths for the common right-hand sides.
/// The text is assembled in a reused buffer so each result costs one allocation.
pub fn concat_unchecked(a: &str, r: &Value) -> Value {
    CONCAT_BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        buf.push_str(a);
        push_display(buf, r);
        Value::Text(Rc::from(buf.as_str()))
    })
}

/// Appends what `+` appends to a text: the value's display text, texts and integers directly.
#[inline]
pub fn push_display(buf: &mut String, r: &Value) {
    match r {
        Value::Text(b) => buf.push_str(b),
        Value::Int(n) => buf.push_str(itoa::Buffer::new().format(*n)),
        other => other.write_display(buf),
    }
}

thread_local! {
    static CONCAT_BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `list + x`: a list adds all of another list's values, or one value.
pub fn append(items: &mut Vec<Value>, value: &Value) {
    match value {
        Value::List(more) => {
            let more = more.borrow().clone();
            items.extend(more);
        }
        other => items.push(other.clone()),
    }
}

pub fn unary(op: UnaryOp, v: &Value) -> OpResult {
    match (op, v) {
        (UnaryOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
        (UnaryOp::Neg, Value::Int(n)) => n
            .checked_neg()
            .map(Value::Int)
            .ok_or_else(|| BuiltinError::new(format!("integer overflow in -({n})"))),
        (UnaryOp::Neg, Value::Decimal(d)) => Ok(Value::Decimal(-*d)),
        (UnaryOp::Not, other) => Err(BuiltinError::new(format!(
            "`!` expects a Boolean, got {}",
            other.type_name()
        ))
        .with_help("compare explicitly, e.g. `x == null` or `x.isEmpty()`")),
        (UnaryOp::Neg, other) => Err(BuiltinError::new(format!(
            "`-` expects a number, got {}",
            other.type_name()
        ))),
    }
}

fn division_by_zero() -> BuiltinError {
    BuiltinError::new("division by zero").with_help("check the divisor before dividing")
}

fn type_error(op: BinaryOp, l: &Value, r: &Value) -> BuiltinError {
    let err = BuiltinError::new(format!(
        "cannot apply `{}` to {} and {}",
        op.symbol(),
        l.type_name(),
        r.type_name()
    ));
    if l.is_null() || r.is_null() {
        err.with_help("one side is null; use ifnull(value, default) to supply a default")
    } else if matches!(l, Value::Text(_)) || matches!(r, Value::Text(_)) {
        err.with_help("convert text with toLong() before doing arithmetic")
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Value {
        Value::Decimal(Decimal::from_str(s).unwrap())
    }

    fn show(v: OpResult) -> String {
        match v {
            Ok(v) => v.to_display(),
            Err(e) => format!("error: {}", e.message),
        }
    }

    #[test]
    fn money_arithmetic_has_no_float_noise() {
        assert_eq!(show(binary(BinaryOp::Add, &d("0.1"), &d("0.2"))), "0.3");
        assert_eq!(
            show(binary(BinaryOp::Mul, &d("19.99"), &Value::Int(3))),
            "59.97"
        );
    }

    #[test]
    fn integer_division_gives_decimal_when_uneven() {
        assert_eq!(
            show(binary(BinaryOp::Div, &Value::Int(5), &Value::Int(2))),
            "2.5"
        );
        assert_eq!(
            show(binary(BinaryOp::Div, &Value::Int(6), &Value::Int(2))),
            "3"
        );
        assert_eq!(
            show(binary(BinaryOp::Div, &Value::Int(1), &Value::Int(0))),
            "error: division by zero"
        );
    }

    #[test]
    fn plus_concatenates_when_either_side_is_text() {
        assert_eq!(
            show(binary(BinaryOp::Add, &Value::text("a"), &Value::Int(1))),
            "a1"
        );
        assert_eq!(
            show(binary(BinaryOp::Add, &Value::Int(1), &Value::text("a"))),
            "1a"
        );
        assert_eq!(
            show(binary(BinaryOp::Add, &Value::Null, &Value::text("a"))),
            "nulla"
        );
    }

    #[test]
    fn smallest_integer_divided_by_minus_one_is_an_overflow_error() {
        assert!(binary(BinaryOp::Div, &Value::Int(i64::MIN), &Value::Int(-1)).is_err());
        assert!(binary(BinaryOp::Rem, &Value::Int(i64::MIN), &Value::Int(-1)).is_err());
    }

    #[test]
    fn overflow_and_type_errors_are_errors() {
        assert!(binary(BinaryOp::Add, &Value::Int(i64::MAX), &Value::Int(1)).is_err());
        assert!(binary(BinaryOp::Sub, &Value::text("a"), &Value::Int(1)).is_err());
        assert!(binary(BinaryOp::Lt, &Value::Null, &Value::Int(1)).is_err());
        assert!(unary(UnaryOp::Not, &Value::Int(1)).is_err());
    }

    #[test]
    fn comparisons_mix_int_and_decimal() {
        assert_eq!(
            show(binary(BinaryOp::Lt, &Value::Int(2), &d("2.5"))),
            "true"
        );
        assert_eq!(
            show(binary(BinaryOp::Eq, &Value::Int(2), &d("2.0"))),
            "true"
        );
        assert_eq!(
            show(binary(BinaryOp::Ge, &Value::text("b"), &Value::text("a"))),
            "true"
        );
    }
}
