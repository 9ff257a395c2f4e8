//! Differences between two date-times: `daysBetween`, `days360`, `hoursBetween`,
//! `monthsBetween`/`yearsBetween` (30- and 365-day blocks), `monthsDiff`/`totalMonths` and
//! `yearsDiff`/`totalYears` (calendar months and years), `yearFraction` and `timeBetween`.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use super::super::{BuiltinError, BuiltinResult};
use super::moment::{add_months, moment, moment_arg};
use crate::dates;
use crate::value::Value;

/// The receiver and the first argument.
fn pair(
    v: &Value,
    a: &[Value],
    what: &str,
) -> Result<(NaiveDateTime, NaiveDateTime), BuiltinError> {
    Ok((moment(v)?, moment_arg(a, 0, what)?))
}

fn calendar_days(v: &Value, a: &[Value], what: &str) -> Result<i64, BuiltinError> {
    let (from, to) = pair(v, a, what)?;
    Ok((to.date() - from.date()).num_days())
}

/// Calendar days from the receiver's date to the argument's.
pub(super) fn days_between(v: &Value, a: &[Value]) -> BuiltinResult {
    calendar_days(v, a, "daysBetween").map(Value::Int)
}

/// Whole hours from the receiver to the argument (minutes and seconds cut off).
pub(super) fn hours_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "hoursBetween")?;
    Ok(Value::Int((to - from).num_hours()))
}

/// Zoho counts a month as 30 days here: 1 February to 1 March 2020 is 0 months.
pub(super) fn months_between(v: &Value, a: &[Value]) -> BuiltinResult {
    calendar_days(v, a, "monthsBetween").map(|d| Value::Int(d / 30))
}

/// Zoho counts a year as 365 days here: 1 January to 31 December 2020 is 1 year.
pub(super) fn years_between(v: &Value, a: &[Value]) -> BuiltinResult {
    calendar_days(v, a, "yearsBetween").map(|d| Value::Int(d / 365))
}

/// Days on the 30/360 (US) calendar, as the name says; Zoho's one example (31 December 1989 to
/// 1 January 1990 is 1) agrees with it.
pub(super) fn days360(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "days360")?;
    let (from, to) = (from.date(), to.date());
    let last_of_february =
        |d: NaiveDate| d.month() == 2 && d.succ_opt().is_some_and(|n| n.month() == 3);
    let mut d1 = from.day();
    let mut d2 = to.day();
    if last_of_february(from) {
        if last_of_february(to) {
            d2 = 30;
        }
        d1 = 30;
    }
    if d1 == 31 {
        d1 = 30;
    }
    if d2 == 31 && d1 >= 30 {
        d2 = 30;
    }
    let years = i64::from(to.year() - from.year());
    let months = i64::from(to.month()) - i64::from(from.month());
    Ok(Value::Int(
        years * 360 + months * 30 + i64::from(d2) - i64::from(d1),
    ))
}

/// Whole calendar months from `from` to `to`: a month is complete when the same day of the
/// month (or the month's last day, when it is shorter) is reached.
fn whole_months(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let mut n =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    let passed =
        |n: i64| add_months(from, n).is_some_and(|t| if n >= 0 { t <= to } else { t >= to });
    while n != 0 && !passed(n) {
        n -= n.signum();
    }
    n
}

pub(super) fn months_diff(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "monthsDiff")?;
    Ok(Value::Int(whole_months(from, to)))
}

pub(super) fn total_months(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "totalMonths")?;
    Ok(Value::Int(whole_months(from, to)))
}

pub(super) fn years_diff(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "yearsDiff")?;
    Ok(Value::Int(whole_months(from, to) / 12))
}

pub(super) fn total_years(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "totalYears")?;
    Ok(Value::Int(whole_months(from, to) / 12))
}

/// Milliseconds between two wall-clock times of the script's zone (a daylight-saving change
/// in between counts).
fn elapsed_millis(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let zone = dates::clock().zone;
    zone.epoch_millis(to) - zone.epoch_millis(from)
}

/// The elapsed time over a 365-day year, as a double like Zoho's.
pub(super) fn year_fraction(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "yearFraction")?;
    // Days first, then years: Zoho's documented digits (3.7519608384069003) come out this way.
    let fraction = elapsed_millis(from, to) as f64 / 86_400_000.0 / 365.0;
    let shortest = format!("{fraction}");
    shortest
        .parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_f64(fraction))
        .map(Value::Decimal)
        .ok_or_else(|| BuiltinError::new("`yearFraction`: the result is out of range"))
}

/// `timeBetween`: the elapsed time as `hours:minutes:seconds` text, days counted as 24 hours.
pub(super) fn time_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = pair(v, a, "timeBetween")?;
    let seconds = (to - from).num_seconds();
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    Ok(Value::text(&format!(
        "{sign}{}:{}:{}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )))
}
