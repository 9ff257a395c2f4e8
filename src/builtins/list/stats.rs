//! List aggregates: sum, max and min, and Zoho's statistics: average, median, largest, smallest,
//! nthLargest and nthSmallest.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::query::{check_comparable, order};
use super::this;
use crate::builtins::{int_arg, BuiltinError, BuiltinResult};
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

/// The list's numbers, for Zoho's statistics functions, which also take numbers written as text
/// ("5", "2.5").
fn numbers(items: &[Value], what: &str) -> Result<Vec<Value>, BuiltinError> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Int(_) | Value::Decimal(_) => Ok(item.clone()),
            Value::Text(t) => number_text(t.trim()).ok_or_else(|| not_a_number(what, i, item)),
            _ => Err(not_a_number(what, i, item)),
        })
        .collect()
}

fn number_text(t: &str) -> Option<Value> {
    if let Ok(n) = t.parse::<i64>() {
        return Some(Value::Int(n));
    }
    Decimal::from_str(t).ok().map(Value::Decimal)
}

fn not_a_number(what: &str, i: usize, item: &Value) -> BuiltinError {
    BuiltinError::new(format!(
        "`{what}` needs a List of numbers, but index {i} holds {}",
        item.type_name()
    ))
    .with_help("the elements must be numbers, or numbers written as text")
}

/// The list's numbers in ascending order.
fn sorted_numbers(v: &Value, what: &str) -> Result<Vec<Value>, BuiltinError> {
    let mut items = numbers(&this(v)?.borrow(), what)?;
    items.sort_by(order);
    Ok(items)
}

fn as_decimal(v: &Value) -> Decimal {
    v.as_decimal().unwrap_or_default()
}

/// The mean, always a decimal (Zoho documents a DECIMAL: `{1,2,3}.average()` is 2.0); null for
/// no values.
pub(super) fn average(v: &Value, _: &[Value]) -> BuiltinResult {
    let items = numbers(&this(v)?.borrow(), "average")?;
    if items.is_empty() {
        return Ok(Value::Null);
    }
    as_decimal(&total(&items, "average")?)
        .checked_div(Decimal::from(items.len() as i64))
        .map(|d| Value::Decimal(d.normalize()))
        .ok_or_else(|| BuiltinError::new("`average`: the result is out of range"))
}

/// The middle number once sorted; for an even count the mean of the two middle ones (a decimal).
pub(super) fn median(v: &Value, _: &[Value]) -> BuiltinResult {
    let items = sorted_numbers(v, "median")?;
    let n = items.len();
    if n == 0 {
        return Ok(Value::Null);
    }
    if n % 2 == 1 {
        return Ok(items[n / 2].clone());
    }
    let sum = as_decimal(&items[n / 2 - 1])
        .checked_add(as_decimal(&items[n / 2]))
        .ok_or_else(|| BuiltinError::new("`median`: the result is out of range"))?;
    Ok(Value::Decimal((sum / Decimal::TWO).normalize()))
}

pub(super) fn largest(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(sorted_numbers(v, "largest")?.pop().unwrap_or(Value::Null))
}

pub(super) fn smallest(v: &Value, _: &[Value]) -> BuiltinResult {
    let items = sorted_numbers(v, "smallest")?;
    Ok(items.into_iter().next().unwrap_or(Value::Null))
}

/// The number of rank `n` (1-based) counting from the smallest, or from the largest.
fn nth(v: &Value, args: &[Value], what: &str, from_largest: bool) -> BuiltinResult {
    let n = int_arg(args, 0, what)?;
    let items = sorted_numbers(v, what)?;
    let len = items.len();
    let rank = usize::try_from(n)
        .ok()
        .filter(|&r| (1..=len).contains(&r))
        .ok_or_else(|| {
            BuiltinError::new(format!(
                "`{what}({n})`: the rank must be from 1 to the size of the list, {len}"
            ))
            .with_help("the rank counts from 1")
        })?;
    let i = if from_largest { len - rank } else { rank - 1 };
    Ok(items[i].clone())
}

pub(super) fn nth_largest(v: &Value, args: &[Value]) -> BuiltinResult {
    nth(v, args, "nthLargest", true)
}

pub(super) fn nth_smallest(v: &Value, args: &[Value]) -> BuiltinResult {
    nth(v, args, "nthSmallest", false)
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
