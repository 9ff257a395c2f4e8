//! The parts of a date-time: `getDay`/`day` … `getSeconds`/`second`, `weekday`, week and day of
//! the year, and the date written out in words (`getDate`, `getDateTime`).

use std::str::FromStr;

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

use super::super::args::bool_arg;
use super::super::{int_arg, text_arg, BuiltinError, BuiltinResult};
use super::moment::moment;
use crate::dates::pattern;
use crate::value::Value;

fn field(v: &Value, f: impl Fn(NaiveDateTime) -> u32) -> BuiltinResult {
    Ok(Value::Int(i64::from(f(moment(v)?))))
}

pub(super) fn get_day(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.day())
}
pub(super) fn get_month(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.month())
}
pub(super) fn get_year(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(i64::from(moment(v)?.year())))
}
pub(super) fn get_hour(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.hour())
}
pub(super) fn get_minutes(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.minute())
}
pub(super) fn get_seconds(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.second())
}
pub(super) fn get_day_of_week(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.weekday().num_days_from_sunday() + 1)
}
pub(super) fn get_day_of_year(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.ordinal())
}

/// Zoho's week number: week 1 holds 1 January and weeks start on Sunday, or on the named day.
pub(super) fn get_week_of_year(v: &Value, a: &[Value]) -> BuiltinResult {
    let start = match a.first() {
        None => Weekday::Sun,
        Some(_) => {
            let name = text_arg(a, 0, "getWeekOfYear")?;
            Weekday::from_str(name.trim()).map_err(|_| {
                BuiltinError::new(format!(
                    "`getWeekOfYear`: {name:?} is not a day of the week"
                ))
            })?
        }
    };
    let (_, week) = pattern::week_of_year(moment(v)?.date(), start);
    Ok(Value::Int(i64::from(week)))
}

/// `17th January 2018`.
fn in_words(t: NaiveDateTime) -> String {
    let day = t.day();
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix} {}", t.format("%B %Y"))
}

pub(super) fn get_date(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::text(&in_words(moment(v)?)))
}

/// `getDateTime(format, showSeconds)`: `17th January 2018,10:10 AM` on a 12-hour clock (the
/// default) or `17th January 2018,22:10` on a 24-hour one; seconds only when asked for.
pub(super) fn get_date_time(v: &Value, a: &[Value]) -> BuiltinResult {
    let t = moment(v)?;
    let hours = if a.is_empty() {
        12
    } else {
        int_arg(a, 0, "getDateTime")?
    };
    let seconds = a.len() > 1 && bool_arg(a, 1, "getDateTime")?;
    let clock = match (hours, seconds) {
        (12, false) => "%I:%M %p",
        (12, true) => "%I:%M:%S %p",
        (24, false) => "%H:%M",
        (24, true) => "%H:%M:%S",
        _ => {
            return Err(BuiltinError::new(format!(
                "`getDateTime` takes a 12 or 24 hour clock, got {hours}"
            )))
        }
    };
    Ok(Value::text(&format!("{},{}", in_words(t), t.format(clock))))
}
