//! Working days and hours: `addBusinessDay`, `subBusinessDay`, `workday`, `workDaysList`,
//! `workDaysBetween`, `addBusinessHour`, and the weekday finders `nextWeekDay`/`previousWeekDay`.

use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::super::{int_arg, text_arg, BuiltinError, BuiltinResult};
use super::moment::{add_date_days, moment, moment_arg, out_of_range};
use crate::value::Value;

/// Steps a walk over the calendar may take before it is refused (about 2,700 years of days).
const MAX_STEPS: u64 = 1_000_000;

/// Which days are worked: not a weekend day, not a holiday.
struct Calendar {
    /// Indexed by days from Monday.
    weekend: [bool; 7],
    holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// Weekends (default Saturday and Sunday) and holidays (default none) from arguments `i` and
    /// `i + 1`.
    fn from_args(args: &[Value], i: usize, what: &str) -> Result<Calendar, BuiltinError> {
        let mut weekend = [false, false, false, false, false, true, true];
        if let Some(v) = args.get(i) {
            weekend = [false; 7];
            for name in items(v, what, "weekends")? {
                let day = match &name {
                    Value::Text(t) => Weekday::from_str(t.trim()).ok(),
                    _ => None,
                }
                .ok_or_else(|| {
                    BuiltinError::new(format!(
                        "`{what}`: {} is not a day of the week",
                        name.to_display()
                    ))
                    .with_help("name weekend days in full, e.g. {\"Saturday\", \"Sunday\"}")
                })?;
                weekend[day.num_days_from_monday() as usize] = true;
            }
        }
        if weekend.iter().all(|w| *w) {
            return Err(BuiltinError::new(format!(
                "`{what}`: every day of the week is a weekend day"
            )));
        }
        let mut holidays = Vec::new();
        if let Some(v) = args.get(i + 1) {
            for day in items(v, what, "holidays")? {
                holidays.push(
                    moment(&day)
                        .map_err(|e| {
                            BuiltinError::new(format!("`{what}` holidays: {}", e.message))
                        })?
                        .date(),
                );
            }
        }
        Ok(Calendar { weekend, holidays })
    }

    fn works(&self, d: NaiveDate) -> bool {
        !self.weekend[d.weekday().num_days_from_monday() as usize] && !self.holidays.contains(&d)
    }

    /// The date `n` working days after (before, for a negative `n`) `d`.
    fn step(&self, d: NaiveDate, n: i64) -> Result<NaiveDate, BuiltinError> {
        let dir = n.signum();
        let mut left = n.unsigned_abs();
        let mut d = d;
        let mut steps = 0u64;
        while left > 0 {
            d = add_date_days(d, dir).ok_or_else(out_of_range)?;
            steps += 1;
            if steps > MAX_STEPS {
                return Err(out_of_range());
            }
            if self.works(d) {
                left -= 1;
            }
        }
        Ok(d)
    }
}

/// The elements of a list argument.
fn items(v: &Value, what: &str, name: &str) -> Result<Vec<Value>, BuiltinError> {
    match v {
        Value::List(l) => Ok(l.borrow().clone()),
        other => Err(BuiltinError::new(format!(
            "`{what}` expects {name} as a list, got {}",
            other.type_name()
        ))),
    }
}

/// Moves `n` working days forward (`sign` 1) or back (-1); a negative count leaves the date as
/// it is, as Zoho documents. The result is a date.
fn business(v: &Value, args: &[Value], what: &str, sign: i64) -> BuiltinResult {
    let start = moment(v)?.date();
    let n = int_arg(args, 0, what)?;
    let calendar = Calendar::from_args(args, 1, what)?;
    if n < 0 {
        return Ok(Value::Date(start));
    }
    calendar.step(start, n * sign).map(Value::Date)
}

pub(super) fn add_business_day(v: &Value, a: &[Value]) -> BuiltinResult {
    business(v, a, "addBusinessDay", 1)
}

pub(super) fn workday(v: &Value, a: &[Value]) -> BuiltinResult {
    business(v, a, "workday", 1)
}

pub(super) fn sub_business_day(v: &Value, a: &[Value]) -> BuiltinResult {
    if int_arg(a, 0, "subBusinessDay")? > 365 {
        return Err(BuiltinError::new(
            "`subBusinessDay` goes back at most 365 business days",
        ));
    }
    business(v, a, "subBusinessDay", -1)
}

/// Days from `from` to `to`, refused when the walk would be too long.
fn span(from: NaiveDate, to: NaiveDate) -> Result<i64, BuiltinError> {
    let days = (to - from).num_days();
    if days.unsigned_abs() > MAX_STEPS {
        return Err(out_of_range());
    }
    Ok(days)
}

/// `workDaysBetween(end)`: working days after the start up to and including the end; negative
/// when the end comes first.
pub(super) fn work_days_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let what = "workDaysBetween";
    let (start, end) = (moment(v)?.date(), moment_arg(a, 0, what)?.date());
    let calendar = Calendar::from_args(a, 1, what)?;
    let days = span(start, end)?;
    let (low, sign) = if days >= 0 { (start, 1) } else { (end, -1) };
    let count = (1..=days.abs())
        .filter_map(|i| add_date_days(low, i))
        .filter(|d| calendar.works(*d))
        .count();
    Ok(Value::Int(sign * count as i64))
}

/// `workDaysList(end)`. Zoho's documented example (1 to 6 January 2020 with the 2nd and 3rd as
/// holidays lists the 1st, 6th and 7th) shows the list holding as many working days, counted
/// from the start, as there are non-weekend days from the start up to the end; dg follows it.
pub(super) fn work_days_list(v: &Value, a: &[Value]) -> BuiltinResult {
    let what = "workDaysList";
    let (start, end) = (moment(v)?.date(), moment_arg(a, 0, what)?.date());
    let calendar = Calendar::from_args(a, 1, what)?;
    let days = span(start, end)?;
    let weekdays = (0..days)
        .filter_map(|i| add_date_days(start, i))
        .filter(|d| !calendar.weekend[d.weekday().num_days_from_monday() as usize])
        .count();
    crate::limits::check_collection(weekdays)?;
    let mut out = Vec::with_capacity(weekdays);
    let mut d = start;
    let mut steps = 0u64;
    while out.len() < weekdays {
        if calendar.works(d) {
            out.push(Value::Date(d));
        }
        d = add_date_days(d, 1).ok_or_else(out_of_range)?;
        steps += 1;
        if steps > MAX_STEPS {
            return Err(out_of_range());
        }
    }
    Ok(Value::new_list(out))
}

/// The `{"start": 9, "end": 17}` working hours of `addBusinessHour`, as hours of the day.
fn business_hours(args: &[Value]) -> Result<(u32, u32), BuiltinError> {
    let Some(v) = args.get(3) else {
        return Ok((9, 17));
    };
    let Value::Map(m) = v else {
        return Err(BuiltinError::new(format!(
            "`addBusinessHour` expects the business hours as a map, got {}",
            v.type_name()
        )));
    };
    let hour = |key: &str, default: u32| -> Result<u32, BuiltinError> {
        let m = m.borrow();
        let Some(found) = m.get(key) else {
            return Ok(default);
        };
        let text = found.to_display();
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|h| *h <= 24)
            .ok_or_else(|| {
                BuiltinError::new(format!(
                    "`addBusinessHour`: the {key} hour {text:?} is not an hour of the day"
                ))
            })
    };
    let (start, end) = (hour("start", 9)?, hour("end", 17)?);
    if start >= end {
        return Err(BuiltinError::new(
            "`addBusinessHour`: business hours must end after they start",
        ));
    }
    Ok((start, end))
}

/// `addBusinessHour(hours, weekends, holidays, businessHours)`: moves through the working hours
/// of working days only; a negative count goes back.
pub(super) fn add_business_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    let what = "addBusinessHour";
    let mut t = moment(v)?;
    let hours = int_arg(a, 0, what)?;
    let calendar = Calendar::from_args(a, 1, what)?;
    let (open, close) = business_hours(a)?;
    let at = |d: NaiveDate, h: u32| -> Result<NaiveDateTime, BuiltinError> {
        d.and_time(NaiveTime::MIN)
            .checked_add_signed(Duration::hours(i64::from(h)))
            .ok_or_else(out_of_range)
    };
    let mut left = i64::try_from(hours.unsigned_abs())
        .ok()
        .and_then(Duration::try_hours)
        .ok_or_else(out_of_range)?;
    let mut steps = 0u64;
    while left > Duration::zero() {
        steps += 1;
        if steps > MAX_STEPS {
            return Err(out_of_range());
        }
        let day = t.date();
        let (start, end) = (at(day, open)?, at(day, close)?);
        if hours > 0 {
            if !calendar.works(day) || t >= end {
                t = at(add_date_days(day, 1).ok_or_else(out_of_range)?, open)?;
                continue;
            }
            t = t.max(start);
            let room = end - t;
            let used = room.min(left);
            t += used;
            left -= used;
        } else {
            if !calendar.works(day) || t <= start {
                t = at(add_date_days(day, -1).ok_or_else(out_of_range)?, close)?;
                continue;
            }
            t = t.min(end);
            let room = t - start;
            let used = room.min(left);
            t -= used;
            left -= used;
        }
    }
    Ok(Value::DateTime(t))
}

fn weekday_arg(args: &[Value], what: &str) -> Result<Weekday, BuiltinError> {
    let name = text_arg(args, 0, what)?;
    Weekday::from_str(name.trim()).map_err(|_| {
        BuiltinError::new(format!("`{what}`: {name:?} is not a day of the week"))
            .with_help("name the day in full, e.g. \"Monday\"")
    })
}

/// The first date strictly after (`dir` 1) or before (-1) the receiver on the named weekday.
fn next_named(v: &Value, a: &[Value], what: &str, dir: i64) -> BuiltinResult {
    let start = moment(v)?.date();
    let want = weekday_arg(a, what)?;
    let mut d = start;
    for _ in 0..7 {
        d = add_date_days(d, dir).ok_or_else(out_of_range)?;
        if d.weekday() == want {
            return Ok(Value::Date(d));
        }
    }
    Err(out_of_range())
}

pub(super) fn next_week_day(v: &Value, a: &[Value]) -> BuiltinResult {
    next_named(v, a, "nextWeekDay", 1)
}

pub(super) fn previous_week_day(v: &Value, a: &[Value]) -> BuiltinResult {
    next_named(v, a, "previousWeekDay", -1)
}
