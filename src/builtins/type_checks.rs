//! Tests every value answers: `isBlank`, `isNumber`, `isText`, `isDate` (method and function forms).
//!
//! Zoho documents that `isNumber` and `isText` give null, not false, for a list or a map (and
//! `isText` for a boolean too), and that `isDate` gives null for a list or a map.

use super::{find_method, BuiltinResult};
use crate::value::{TypeTag, Value};

/// Null, empty or white-space-only text, and an empty list or map.
pub(super) fn is_blank(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(match v {
        Value::Null => true,
        Value::Text(t) => t.trim().is_empty(),
        Value::List(l) => l.borrow().is_empty(),
        Value::Map(m) => m.borrow().is_empty(),
        _ => false,
    }))
}

/// Text that reads as a number: an optional sign, digits, at most one decimal point.
fn is_number_text(t: &str) -> bool {
    let t = t.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !(whole.is_empty() && frac.is_empty())
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// Text that one of the text-to-date methods reads as a date or date-time.
fn is_date_text(v: &Value) -> bool {
    ["toDate", "toDateTime"]
        .iter()
        .any(|name| find_method(TypeTag::Text, name).is_some_and(|m| (m.func)(v, &[]).is_ok()))
}

/// A number, or text holding one (`"12.3"`); an expression in text (`"24/2*10"`) is not.
pub(super) fn is_number(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match v {
        Value::Int(_) | Value::Decimal(_) => Value::Bool(true),
        Value::Text(t) => Value::Bool(is_number_text(t)),
        Value::List(_) | Value::Map(_) => Value::Null,
        _ => Value::Bool(false),
    })
}

/// Text that is neither a number nor a date (empty or blank text counts as text).
pub(super) fn is_text(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match v {
        Value::Text(t) => {
            Value::Bool(t.trim().is_empty() || !(is_number_text(t) || is_date_text(v)))
        }
        Value::List(_) | Value::Map(_) | Value::Bool(_) => Value::Null,
        _ => Value::Bool(false),
    })
}

/// A date or date-time, or text holding one. The page says elsewhere that text without a date
/// "will throw an error", but its overview says false; dg gives false.
pub(super) fn is_date(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match v {
        Value::Date(_) | Value::DateTime(_) => Value::Bool(true),
        Value::Text(_) => Value::Bool(is_date_text(v)),
        Value::List(_) | Value::Map(_) => Value::Null,
        _ => Value::Bool(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text() {
        for yes in ["12.3", "1", " -4 ", "+7", ".5", "5."] {
            assert!(is_number_text(yes), "{yes}");
        }
        for no in ["", ".", "24/2*10", "1e5", "12a", "--1", "1.2.3"] {
            assert!(!is_number_text(no), "{no}");
        }
    }
}
