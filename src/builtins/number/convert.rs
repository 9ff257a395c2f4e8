//! Number conversions: words, text by a number or date pattern, epoch milliseconds to dates.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::format::format_number;
use super::{this, words, Num};
use crate::builtins::args::text_like;
use crate::builtins::{BuiltinError, BuiltinResult};
use crate::dates::Zone;
use crate::value::Value;

/// Zoho gives no default language; dg takes US English.
pub(super) fn to_words(v: &Value, args: &[Value]) -> BuiltinResult {
    let lang = match args.first() {
        Some(_) => text_like(args, 0, "toWords")?,
        None => "en-us".into(),
    };
    Ok(Value::text(&words::to_words(this(v)?.dec(), &lang)?))
}

/// `toText()` is the value's text. A pattern with number digits (`0`, `#`) writes the number by
/// it (Zoho's number `text` page); any other pattern is a date pattern for the number taken as
/// epoch milliseconds (Zoho's `toText`/`toString` page), in the given time zone if one is named.
pub(super) fn to_text(v: &Value, args: &[Value]) -> BuiltinResult {
    let Some(_) = args.first() else {
        return Ok(Value::text(&v.to_display()));
    };
    let pattern = text_like(args, 0, "toText")?;
    if pattern.contains(['0', '#']) {
        return Ok(Value::text(&format_number(this(v)?.dec(), &pattern)?));
    }
    as_date_text(v, &pattern, args, "toText")
}

/// `toString()` is the value's text; with a pattern the number is epoch milliseconds.
pub(super) fn to_string(v: &Value, args: &[Value]) -> BuiltinResult {
    match args.first() {
        None => Ok(Value::text(&v.to_display())),
        Some(_) => as_date_text(v, &text_like(args, 0, "toString")?, args, "toString"),
    }
}

/// The number as epoch milliseconds, written by a date pattern in the zone `args[1]` (if given)
/// or the script's.
fn as_date_text(v: &Value, pattern: &str, args: &[Value], what: &str) -> BuiltinResult {
    let instant = instant(v, what)?;
    let zone = match args.get(1) {
        Some(_) => Zone::parse(&text_like(args, 1, what)?).map_err(BuiltinError::new)?,
        None => crate::dates::clock().zone,
    };
    crate::dates::pattern::format(zone.local(instant), pattern, zone)
        .map(|t| Value::text(&t))
        .map_err(|e| BuiltinError::new(format!("`{what}`: {e}")))
}

/// `text(value, pattern)`: a number (or number text) by a number pattern; any other value by its
/// own `toText(pattern)` (a date by a date pattern).
pub(super) fn text_function(args: &[Value]) -> BuiltinResult {
    let pattern = text_like(args, 1, "text")?;
    let number = match &args[0] {
        Value::Text(t) => t.trim().parse::<Decimal>().ok(),
        other => other.as_decimal(),
    };
    if let Some(d) = number {
        return Ok(Value::text(&format_number(d, &pattern)?));
    }
    match crate::builtins::find_method(args[0].tag(), "toText") {
        Some(m) => (m.func)(&args[0], &args[1..]),
        None => Err(crate::builtins::args::expected(
            "a number or a date",
            &args[0],
            "text",
        )),
    }
}

/// The number as epoch milliseconds.
fn instant(v: &Value, what: &str) -> Result<DateTime<Utc>, BuiltinError> {
    let millis = match this(v)? {
        Num::Int(n) => n,
        Num::Dec(d) => d.trunc().to_i64().unwrap_or(i64::MAX),
    };
    Utc.timestamp_millis_opt(millis).single().ok_or_else(|| {
        BuiltinError::new(format!("`{what}`: {millis} milliseconds is out of range"))
    })
}

/// Epoch milliseconds as the script's local date-time; Zoho ignores the pattern for a number.
fn local_time(v: &Value, what: &str) -> Result<NaiveDateTime, BuiltinError> {
    Ok(crate::dates::clock().zone.local(instant(v, what)?))
}

pub(super) fn millis_to_date(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Date(local_time(v, "toDate")?.date()))
}

pub(super) fn millis_to_date_time(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::DateTime(local_time(v, "toDateTime")?))
}
