//! Conversions to and from date-times: `toDate`, `toDateTime`, `toTime` (from date-times, text
//! with or without a pattern, epoch milliseconds), `toLong`, `unixEpoch`, `toString(pattern,
//! zone)`, `toDateTimeString` and `isDate`.

use chrono::{NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::super::{int_arg, text_arg, BuiltinError, BuiltinResult};
use super::moment::{moment, out_of_range, read_text, zone_arg};
use crate::dates::{self, pattern, Zone};
use crate::value::Value;

/// Milliseconds since 1970-01-01 UTC.
pub(super) fn to_millis(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(dates::clock().zone.epoch_millis(moment(v)?)))
}

/// `unixEpoch(zone)`: the milliseconds since 1970-01-01 UTC of the wall-clock time, read in the
/// zone (the script's by default; Zoho reads an unknown zone as GMT). Text that holds no date
/// is returned as it is, as Zoho documents.
pub(super) fn unix_epoch(v: &Value, a: &[Value]) -> BuiltinResult {
    let zone = zone_arg(a, 0, "unixEpoch")?;
    let local = match v {
        Value::Text(t) => match read_text(t) {
            Some(local) => local,
            None => return Ok(v.clone()),
        },
        other => moment(other)?,
    };
    Ok(Value::Int(zone.epoch_millis(local)))
}

/// The wall-clock time of epoch milliseconds in the script's zone.
fn from_millis(v: &Value, what: &str) -> Result<NaiveDateTime, BuiltinError> {
    let millis = int_arg(std::slice::from_ref(v), 0, what)?;
    let instant = Utc
        .timestamp_millis_opt(millis)
        .single()
        .ok_or_else(out_of_range)?;
    Ok(dates::clock().zone.local(instant))
}

/// A receiver as a wall-clock time of the script's zone: a date-time, text holding one, or
/// epoch milliseconds.
fn any_moment(v: &Value, what: &str) -> Result<NaiveDateTime, BuiltinError> {
    match v {
        Value::Int(_) | Value::Decimal(_) => from_millis(v, what),
        other => moment(other),
    }
}

/// Formats `local` (a time of the script's zone) with a pattern, shown in `zone`.
fn format_in(local: NaiveDateTime, java: &str, zone: Zone) -> BuiltinResult {
    let shown = dates::clock().zone.convert(local, zone);
    pattern::format(shown, java, zone)
        .map(|s| Value::text(&s))
        .map_err(BuiltinError::new)
}

/// `toString([pattern], [zone])`: without a pattern the value as `info` shows it (text stays as it
/// is); with one, the date-time formatted, shifted into the zone when one is given.
pub(super) fn to_string(v: &Value, a: &[Value]) -> BuiltinResult {
    if a.is_empty() {
        return Ok(match v {
            Value::Text(t) => Value::Text(t.clone()),
            other => Value::text(&other.to_display()),
        });
    }
    let java = text_arg(a, 0, "toString")?;
    let zone = zone_arg(a, 1, "toString")?;
    format_in(any_moment(v, "toString")?, java, zone)
}

/// `toDateTimeString(pattern, zone)`: epoch milliseconds or a date-time formatted in the zone.
pub(super) fn to_date_time_string(v: &Value, a: &[Value]) -> BuiltinResult {
    let java = text_arg(a, 0, "toDateTimeString")?;
    let zone = zone_arg(a, 1, "toDateTimeString")?;
    format_in(any_moment(v, "toDateTimeString")?, java, zone)
}

/// Epoch milliseconds as a date-time of the script's zone (`toDateTime` on a number).
pub(super) fn millis_to_date_time(v: &Value, _: &[Value]) -> BuiltinResult {
    from_millis(v, "toDateTime").map(Value::DateTime)
}

/// Epoch milliseconds as a date (`toDate` on a number).
pub(super) fn millis_to_date(v: &Value, _: &[Value]) -> BuiltinResult {
    from_millis(v, "toDate").map(|t| Value::Date(t.date()))
}

/// Reads text with an optional pattern. The pattern may cover only the start of the text; when
/// it has no time of day, a clock time after the date is still read if `with_time`.
fn read(
    v: &Value,
    a: &[Value],
    what: &str,
    with_time: bool,
) -> Result<NaiveDateTime, BuiltinError> {
    let Value::Text(text) = v else {
        return moment(v);
    };
    if a.is_empty() {
        return read_text(text).ok_or_else(|| {
            BuiltinError::new(format!("cannot read {text:?} as a date")).with_help(
                "write it as 15-Mar-2019, 2019-03-15 or 2019-03-15 10:00:00, or pass the pattern: toDate(\"dd/MM/yyyy\")",
            )
        });
    }
    let java = text_arg(a, 0, what)?;
    let (found, rest) = pattern::parse_prefix(text, java).ok_or_else(|| {
        BuiltinError::new(format!("{text:?} does not match the pattern {java:?}"))
    })?;
    let clock = dates::read_clock(rest.trim());
    let found = match clock {
        Some(time) if with_time && !pattern::has_time(java) => found.date().and_time(time),
        _ => found,
    };
    let zone = zone_arg(a, 1, what)?;
    Ok(zone.convert(found, dates::clock().zone))
}

/// `toDate([pattern])`: the date a date-time or text holds.
pub(super) fn text_to_date(v: &Value, a: &[Value]) -> BuiltinResult {
    Ok(Value::Date(read(v, a, "toDate", false)?.date()))
}

/// `toDateTime([pattern], [zone])`: the date-time a date or text holds.
pub(super) fn text_to_date_time(v: &Value, a: &[Value]) -> BuiltinResult {
    Ok(Value::DateTime(read(v, a, "toDateTime", true)?))
}

/// `toTime`: the date-time text holds; a clock time alone (`13:30:00`) is today at that time.
pub(super) fn text_to_time(v: &Value, a: &[Value]) -> BuiltinResult {
    if let (Value::Text(text), true) = (v, a.is_empty()) {
        if read_text(text).is_none() {
            let time: NaiveTime = dates::read_clock(text.trim()).ok_or_else(|| {
                BuiltinError::new(format!("cannot read {text:?} as a time of day"))
            })?;
            return Ok(Value::DateTime(dates::clock().now().date().and_time(time)));
        }
    }
    Ok(Value::DateTime(read(v, a, "toTime", true)?))
}

fn is_date_value(v: &Value) -> Value {
    match v {
        Value::Date(_) | Value::DateTime(_) => Value::Bool(true),
        Value::Text(t) => Value::Bool(read_text(t).is_some()),
        Value::List(_) | Value::Map(_) => Value::Null,
        _ => Value::Bool(false),
    }
}

/// `value.isDate()`: whether the value is, or is text holding, a date.
pub(super) fn is_date(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(is_date_value(v))
}

/// `isDate(value)` for any value; lists and maps give null.
pub(super) fn is_date_function(args: &[Value]) -> BuiltinResult {
    match args {
        [v] => Ok(is_date_value(v)),
        _ => Err(BuiltinError::new(format!(
            "isDate takes 1 argument, got {}",
            args.len()
        ))),
    }
}
