//! The date arguments of the date functions: dates, date-times and (outside Creator) text holding
//! one; time-zone arguments; and the date steps the functions share.

use chrono::{Duration, Months, NaiveDate, NaiveDateTime, NaiveTime};

use super::super::{text_arg, BuiltinError};
use crate::dates::{self, Zone};
use crate::value::Value;

/// A date-time receiver: a date is its midnight, text holding a date is read.
pub(super) fn moment(v: &Value) -> Result<NaiveDateTime, BuiltinError> {
    match v {
        Value::Date(d) => Ok(d.and_time(NaiveTime::MIN)),
        Value::DateTime(t) => Ok(*t),
        Value::Text(t) => read_text(t).ok_or_else(|| {
            BuiltinError::new(format!("cannot read {t:?} as a date"))
                .with_help("write it as 15-Mar-2019 or 15-Mar-2019 10:00:00")
        }),
        other => Err(BuiltinError::new(format!(
            "expected a date, got {}",
            other.type_name()
        ))),
    }
}

/// The date-time a text holds, if it holds one.
pub(super) fn read_text(text: &str) -> Option<NaiveDateTime> {
    match dates::read_date_text(text)? {
        Value::Date(d) => Some(d.and_time(NaiveTime::MIN)),
        Value::DateTime(t) => Some(t),
        _ => None,
    }
}

/// The `i`-th argument as a date-time.
pub(super) fn moment_arg(
    args: &[Value],
    i: usize,
    what: &str,
) -> Result<NaiveDateTime, BuiltinError> {
    match args.get(i) {
        Some(Value::Text(t)) => read_text(t)
            .ok_or_else(|| BuiltinError::new(format!("`{what}` cannot read {t:?} as a date"))),
        Some(v) => moment(v).map_err(|_| {
            BuiltinError::new(format!("`{what}` expects a date, got {}", v.type_name()))
        }),
        None => Err(BuiltinError::new(format!(
            "`{what}` is missing an argument"
        ))),
    }
}

/// The optional `i`-th argument as a time zone (Zoho reads an unknown name as GMT); the
/// script's zone when it is absent.
pub(super) fn zone_arg(args: &[Value], i: usize, what: &str) -> Result<Zone, BuiltinError> {
    if args.len() <= i {
        return Ok(dates::clock().zone);
    }
    Ok(dates::java_zone(text_arg(args, i, what)?))
}

pub(super) fn out_of_range() -> BuiltinError {
    BuiltinError::new("the resulting date is out of range")
}

pub(super) fn add_days(t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
    t.checked_add_signed(Duration::try_days(n)?)
}

pub(super) fn add_date_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// `n` calendar months later (earlier when negative), the day clamped to the month's end.
pub(super) fn add_months(t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        t.checked_add_months(m)
    } else {
        t.checked_sub_months(m)
    }
}
