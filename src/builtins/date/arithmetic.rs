//! Date arithmetic: `addDay` … `subSeconds`, `edate`, `eomonth`, the starts and end of a period.
//!
//! Zoho documents the results of the add/sub functions as date-times (`'01-Jan-2019'.addDay(11)`
//! is `12-Jan-2019 00:00:00`), while `edate`, `eomonth` and `workday` return dates.

use chrono::{Datelike, Duration, NaiveDateTime};

use super::super::{int_arg, BuiltinResult};
use super::moment::{add_days, add_months, moment, out_of_range};
use crate::value::Value;

/// A date-time moved by `n` units of `step`.
fn shift(
    v: &Value,
    args: &[Value],
    what: &str,
    step: impl Fn(NaiveDateTime, i64) -> Option<NaiveDateTime>,
) -> BuiltinResult {
    let t = moment(v)?;
    let n = int_arg(args, 0, what)?;
    step(t, n).map(Value::DateTime).ok_or_else(out_of_range)
}

fn by(unit: fn(i64) -> Option<Duration>) -> impl Fn(NaiveDateTime, i64) -> Option<NaiveDateTime> {
    move |t, n| t.checked_add_signed(unit(n)?)
}

pub(super) fn add_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addDay", add_days)
}
pub(super) fn sub_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subDay", |t, n| add_days(t, n.checked_neg()?))
}
pub(super) fn add_week(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addWeek", |t, n| add_days(t, n.checked_mul(7)?))
}
pub(super) fn sub_week(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subWeek", |t, n| add_days(t, n.checked_mul(-7)?))
}
pub(super) fn add_month(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addMonth", add_months)
}
pub(super) fn sub_month(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subMonth", |t, n| add_months(t, n.checked_neg()?))
}
pub(super) fn add_year(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addYear", |t, n| add_months(t, n.checked_mul(12)?))
}
pub(super) fn sub_year(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subYear", |t, n| add_months(t, n.checked_mul(-12)?))
}
pub(super) fn add_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addHour", by(Duration::try_hours))
}
pub(super) fn sub_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(
        v,
        a,
        "subHour",
        by(|n| Duration::try_hours(n.checked_neg()?)),
    )
}
pub(super) fn add_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addMinutes", by(Duration::try_minutes))
}
pub(super) fn sub_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(
        v,
        a,
        "subMinutes",
        by(|n| Duration::try_minutes(n.checked_neg()?)),
    )
}
pub(super) fn add_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addSeconds", by(Duration::try_seconds))
}
pub(super) fn sub_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(
        v,
        a,
        "subSeconds",
        by(|n| Duration::try_seconds(n.checked_neg()?)),
    )
}

/// `edate(n)`: the date `n` months later, without its time.
pub(super) fn edate(v: &Value, a: &[Value]) -> BuiltinResult {
    let t = moment(v)?;
    let n = int_arg(a, 0, "edate")?;
    add_months(t, n)
        .map(|t| Value::Date(t.date()))
        .ok_or_else(out_of_range)
}

/// `eomonth(n)`: the last day of the month `n` months later.
pub(super) fn eomonth(v: &Value, a: &[Value]) -> BuiltinResult {
    let t = moment(v)?;
    let n = int_arg(a, 0, "eomonth")?;
    let first = t.date().with_day(1).unwrap_or(t.date());
    let month = add_months(first.and_time(t.time()), n).ok_or_else(out_of_range)?;
    last_of_month(month)
        .map(Value::Date)
        .ok_or_else(out_of_range)
}

fn last_of_month(t: NaiveDateTime) -> Option<chrono::NaiveDate> {
    let first = t.date().with_day(1)?;
    add_months(first.and_time(t.time()), 1)?.date().pred_opt()
}

/// The Sunday that starts the week, at 00:00:00.
pub(super) fn start_of_week(v: &Value, _: &[Value]) -> BuiltinResult {
    let d = moment(v)?.date();
    let back = i64::from(d.weekday().num_days_from_sunday());
    d.checked_sub_signed(Duration::days(back))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(Value::DateTime)
        .ok_or_else(out_of_range)
}

/// The first day of the month, at 00:00:00.
pub(super) fn start_of_month(v: &Value, _: &[Value]) -> BuiltinResult {
    let d = moment(v)?.date();
    Ok(Value::DateTime(
        d.with_day(1).unwrap_or(d).and_time(chrono::NaiveTime::MIN),
    ))
}

/// The last day of the month (dg's own; Zoho documents `eomonth(0)`).
pub(super) fn end_of_month(v: &Value, _: &[Value]) -> BuiltinResult {
    last_of_month(moment(v)?)
        .map(Value::Date)
        .ok_or_else(out_of_range)
}
