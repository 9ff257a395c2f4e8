//! List aggregates: sum, average, max and min.

use rust_decimal::Decimal;

use super::query::{check_comparable, order};
use super::this;
use crate::builtins::{BuiltinError, BuiltinResult};
use crate::value::Value;

/// The total: an integer while every value is an integer and it fits, otherwise a decimal.
fn total(items: &[Value], what: &str) -> BuiltinResult {
    let mut int_total: Option<i64> = Some(0);
    let mut dec_total = Decimal::ZERO;
    for (i, item) in items.iter().enumerate() {
        let Some(d) = item.as_decimal() else {
            return Err(BuiltinError::new(format!(
                "`{what}` needs a List of numbers, but index {i} holds {}",
                item.type_name()
            ))
            .with_help("convert text with toLong() or toDecimal() first"));
        };
        int_total = match (int_total, item) {
            (Some(t), Value::Int(n)) => t.checked_add(*n),
            _ => None,
        };
        dec_total = dec_total.checked_add(d).ok_or_else(|| {
            BuiltinError::new(format!("`{what}`: the total is too large for a decimal"))
        })?;
    }
    Ok(match int_total {
        Some(t) => Value::Int(t),
        None => Value::Decimal(dec_total),
    })
}

pub(super) fn sum(v: &Value, _: &[Value]) -> BuiltinResult {
    total(&this(v)?.borrow(), "sum")
}

/// The mean: an integer when the division comes out even, otherwise a decimal; null for no values.
pub(super) fn average(v: &Value, _: &[Value]) -> BuiltinResult {
    let items = this(v)?.borrow();
    if items.is_empty() {
        return Ok(Value::Null);
    }
    let count = items.len() as i64;
    match total(&items, "average")? {
        Value::Int(t) if t % count == 0 => Ok(Value::Int(t / count)),
        other => {
            let t = other.as_decimal().unwrap_or_default();
            t.checked_div(Decimal::from(count))
                .map(|d| Value::Decimal(d.normalize()))
                .ok_or_else(|| BuiltinError::new("`average`: the result is out of range"))
        }
    }
}

fn extreme(v: &Value, what: &str, want_max: bool) -> BuiltinResult {
    let items = this(v)?.borrow();
    check_comparable(&items, what)?;
    let best = if want_max {
        // `max_by` keeps the last of equal values; `rev` makes it keep the first.
        items.iter().rev().max_by(|a, b| order(a, b))
    } else {
        items.iter().min_by(|a, b| order(a, b))
    };
    Ok(best.cloned().unwrap_or(Value::Null))
}

pub(super) fn max(v: &Value, _: &[Value]) -> BuiltinResult {
    extreme(v, "max", true)
}

pub(super) fn min(v: &Value, _: &[Value]) -> BuiltinResult {
    extreme(v, "min", false)
}
