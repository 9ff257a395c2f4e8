//! Date and date-time methods (`addDay`, `getMonth`, `daysBetween`, `toString("yyyy-MM-dd")` …) and
//! reading dates from text (`toDate`, `toDateTime`, `toTime`).

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::{int_arg, text_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::dates::{self, pattern};
use crate::value::Value;

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[super::FunctionDef] = &[];

pub static METHODS: &[MethodDef] = &[
    method!(
        "addDay",
        "days",
        1..=1,
        add_day,
        "the date that many days later"
    ),
    method!(
        "subDay",
        "days",
        1..=1,
        sub_day,
        "the date that many days earlier"
    ),
    method!(
        "addWeek",
        "weeks",
        1..=1,
        add_week,
        "the date that many weeks later"
    ),
    method!(
        "subWeek",
        "weeks",
        1..=1,
        sub_week,
        "the date that many weeks earlier"
    ),
    method!(
        "addMonth",
        "months",
        1..=1,
        add_month,
        "the date that many months later (clamped to month end)"
    ),
    method!(
        "subMonth",
        "months",
        1..=1,
        sub_month,
        "the date that many months earlier"
    ),
    method!(
        "addYear",
        "years",
        1..=1,
        add_year,
        "the date that many years later"
    ),
    method!(
        "subYear",
        "years",
        1..=1,
        sub_year,
        "the date that many years earlier"
    ),
    method!(
        "addHour",
        "hours",
        1..=1,
        add_hour,
        "the date-time that many hours later"
    ),
    method!(
        "subHour",
        "hours",
        1..=1,
        sub_hour,
        "the date-time that many hours earlier"
    ),
    method!(
        "addMinutes",
        "minutes",
        1..=1,
        add_minutes,
        "the date-time that many minutes later"
    ),
    method!(
        "subMinutes",
        "minutes",
        1..=1,
        sub_minutes,
        "the date-time that many minutes earlier"
    ),
    method!(
        "addSeconds",
        "seconds",
        1..=1,
        add_seconds,
        "the date-time that many seconds later"
    ),
    method!(
        "subSeconds",
        "seconds",
        1..=1,
        sub_seconds,
        "the date-time that many seconds earlier"
    ),
    method!(
        "addBusinessDay",
        "days",
        1..=1,
        add_business_day,
        "that many weekdays later (Saturday and Sunday skipped)"
    ),
    method!(
        "subBusinessDay",
        "days",
        1..=1,
        sub_business_day,
        "that many weekdays earlier"
    ),
    method!("getDay", "", 0..=0, get_day, "day of the month, 1 to 31"),
    method!("getMonth", "", 0..=0, get_month, "month, 1 to 12"),
    method!("getYear", "", 0..=0, get_year, "the year"),
    method!("getHour", "", 0..=0, get_hour, "hour of the day, 0 to 23"),
    method!(
        "getMinutes",
        "",
        0..=0,
        get_minutes,
        "minutes past the hour"
    ),
    method!(
        "getSeconds",
        "",
        0..=0,
        get_seconds,
        "seconds past the minute"
    ),
    method!(
        "getDayOfWeek",
        "",
        0..=0,
        get_day_of_week,
        "1 for Sunday to 7 for Saturday"
    ),
    method!(
        "getWeekOfYear",
        "",
        0..=0,
        get_week_of_year,
        "ISO week number"
    ),
    method!(
        "getDayOfYear",
        "",
        0..=0,
        get_day_of_year,
        "day of the year, 1 to 366"
    ),
    method!(
        "daysBetween",
        "other",
        1..=1,
        days_between,
        "whole days from this date to the other"
    ),
    method!(
        "hoursBetween",
        "other",
        1..=1,
        hours_between,
        "whole hours from this date-time to the other"
    ),
    method!(
        "monthsBetween",
        "other",
        1..=1,
        months_between,
        "whole months from this date to the other"
    ),
    method!(
        "toStartOfWeek",
        "",
        0..=0,
        start_of_week,
        "the Sunday that starts this week"
    ),
    method!(
        "toStartOfMonth",
        "",
        0..=0,
        start_of_month,
        "the first day of the month"
    ),
    method!(
        "toEndOfMonth",
        "",
        0..=0,
        end_of_month,
        "the last day of the month"
    ),
    method!("toDate", "", 0..=0, to_date, "the date part"),
    method!(
        "toDateTime",
        "",
        0..=0,
        to_date_time,
        "as a date-time (a date at midnight)"
    ),
    method!(
        "toTime",
        "",
        0..=0,
        to_time,
        "the time of day as text HH:mm:ss"
    ),
    method!(
        "toLong",
        "",
        0..=0,
        to_millis,
        "milliseconds since 1970-01-01 UTC"
    ),
    method!(
        "unixEpoch",
        "",
        0..=0,
        to_epoch_seconds,
        "seconds since 1970-01-01 UTC"
    ),
    method!(
        "toString",
        "pattern",
        0..=1,
        to_string,
        "as text, by default 15-Mar-2019, or with a pattern such as \"yyyy-MM-dd\""
    ),
];

/// Text methods that read dates.
pub static TEXT_METHODS: &[MethodDef] = &[
    method!(
        "toDate",
        "pattern",
        0..=1,
        text_to_date,
        "the date this text holds (15-Mar-2019, 2019-03-15, or with a pattern)"
    ),
    method!(
        "toDateTime",
        "pattern",
        0..=1,
        text_to_date_time,
        "the date-time this text holds"
    ),
    method!(
        "toTime",
        "pattern",
        0..=1,
        text_to_time,
        "today at the time of day this text holds (HH:mm:ss)"
    ),
];

fn parts(v: &Value) -> Result<(NaiveDateTime, bool), BuiltinError> {
    match v {
        Value::Date(d) => Ok((d.and_time(NaiveTime::MIN), true)),
        Value::DateTime(t) => Ok((*t, false)),
        other => Err(BuiltinError::new(format!(
            "expected a date, got {}",
            other.type_name()
        ))),
    }
}

/// A result of the receiver's kind: a date stays a date.
fn same_kind(t: NaiveDateTime, date: bool) -> Value {
    if date {
        Value::Date(t.date())
    } else {
        Value::DateTime(t)
    }
}

fn out_of_range() -> BuiltinError {
    BuiltinError::new("the resulting date is out of range")
}

fn shift(
    v: &Value,
    args: &[Value],
    what: &str,
    f: impl Fn(NaiveDateTime, i64) -> Option<NaiveDateTime>,
) -> BuiltinResult {
    let (t, date) = parts(v)?;
    let n = int_arg(args, 0, what)?;
    f(t, n).map(|t| same_kind(t, date)).ok_or_else(out_of_range)
}

/// Time units turn a date into a date-time.
fn shift_time(
    v: &Value,
    args: &[Value],
    what: &str,
    unit: fn(i64) -> Option<Duration>,
) -> BuiltinResult {
    let (t, _) = parts(v)?;
    let n = int_arg(args, 0, what)?;
    unit(n)
        .and_then(|d| t.checked_add_signed(d))
        .map(Value::DateTime)
        .ok_or_else(out_of_range)
}

fn days(t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
    t.checked_add_signed(Duration::try_days(n)?)
}

fn months(t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        t.checked_add_months(m)
    } else {
        t.checked_sub_months(m)
    }
}

fn add_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addDay", days)
}
fn sub_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subDay", |t, n| days(t, n.checked_neg()?))
}
fn add_week(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addWeek", |t, n| days(t, n.checked_mul(7)?))
}
fn sub_week(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subWeek", |t, n| days(t, n.checked_mul(-7)?))
}
fn add_month(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addMonth", months)
}
fn sub_month(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subMonth", |t, n| months(t, n.checked_neg()?))
}
fn add_year(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addYear", |t, n| months(t, n.checked_mul(12)?))
}
fn sub_year(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subYear", |t, n| months(t, n.checked_mul(-12)?))
}
fn add_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "addHour", Duration::try_hours)
}
fn sub_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "subHour", |n| Duration::try_hours(n.checked_neg()?))
}
fn add_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "addMinutes", Duration::try_minutes)
}
fn sub_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "subMinutes", |n| {
        Duration::try_minutes(n.checked_neg()?)
    })
}
fn add_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "addSeconds", Duration::try_seconds)
}
fn sub_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift_time(v, a, "subSeconds", |n| {
        Duration::try_seconds(n.checked_neg()?)
    })
}

/// Moves by `n` weekdays, skipping Saturdays and Sundays.
fn business_days(t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
    let step = if n >= 0 { 1 } else { -1 };
    let mut left = n.unsigned_abs();
    if left > 1_000_000 {
        return None;
    }
    let mut t = t;
    while left > 0 {
        t = days(t, step)?;
        if !matches!(t.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(t)
}

fn add_business_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addBusinessDay", business_days)
}
fn sub_business_day(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subBusinessDay", |t, n| {
        business_days(t, n.checked_neg()?)
    })
}

fn field(v: &Value, f: impl Fn(NaiveDateTime) -> u32) -> BuiltinResult {
    Ok(Value::Int(i64::from(f(parts(v)?.0))))
}

fn get_day(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.day())
}
fn get_month(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.month())
}
fn get_year(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(i64::from(parts(v)?.0.year())))
}
fn get_hour(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.hour())
}
fn get_minutes(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.minute())
}
fn get_seconds(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.second())
}
fn get_day_of_week(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.weekday().num_days_from_sunday() + 1)
}
fn get_week_of_year(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.iso_week().week())
}
fn get_day_of_year(v: &Value, _: &[Value]) -> BuiltinResult {
    field(v, |t| t.ordinal())
}

fn other(args: &[Value], what: &str) -> Result<NaiveDateTime, BuiltinError> {
    match &args[0] {
        Value::Text(t) => match dates::read_date_text(t) {
            Some(v) => Ok(parts(&v)?.0),
            None => Err(BuiltinError::new(format!(
                "`{what}` cannot read {t:?} as a date"
            ))),
        },
        v => parts(v).map(|(t, _)| t).map_err(|_| {
            BuiltinError::new(format!("`{what}` expects a date, got {}", v.type_name()))
        }),
    }
}

fn days_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = (parts(v)?.0.date(), other(a, "daysBetween")?.date());
    Ok(Value::Int((to - from).num_days()))
}

fn hours_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = (parts(v)?.0, other(a, "hoursBetween")?);
    Ok(Value::Int((to - from).num_hours()))
}

fn months_between(v: &Value, a: &[Value]) -> BuiltinResult {
    let (from, to) = (parts(v)?.0, other(a, "monthsBetween")?);
    let mut n =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if n > 0 && (to.day(), to.time()) < (from.day(), from.time()) {
        n -= 1;
    } else if n < 0 && (to.day(), to.time()) > (from.day(), from.time()) {
        n += 1;
    }
    Ok(Value::Int(n))
}

fn start_of_week(v: &Value, _: &[Value]) -> BuiltinResult {
    let d = parts(v)?.0.date();
    let back = i64::from(d.weekday().num_days_from_sunday());
    d.checked_sub_signed(Duration::days(back))
        .map(Value::Date)
        .ok_or_else(out_of_range)
}

fn start_of_month(v: &Value, _: &[Value]) -> BuiltinResult {
    let d = parts(v)?.0.date();
    Ok(Value::Date(d.with_day(1).unwrap_or(d)))
}

fn end_of_month(v: &Value, _: &[Value]) -> BuiltinResult {
    let d = parts(v)?.0.date();
    let first = d.with_day(1).unwrap_or(d);
    let next = first
        .checked_add_months(Months::new(1))
        .ok_or_else(out_of_range)?;
    Ok(Value::Date(next.pred_opt().unwrap_or(d)))
}

fn to_date(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Date(parts(v)?.0.date()))
}
fn to_date_time(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::DateTime(parts(v)?.0))
}
fn to_time(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::text(&parts(v)?.0.format("%H:%M:%S").to_string()))
}

fn epoch_millis(v: &Value) -> Result<i64, BuiltinError> {
    let local = parts(v)?.0;
    let offset = dates::clock().zone.offset_seconds(local);
    Ok(local.and_utc().timestamp_millis() - i64::from(offset) * 1000)
}

fn to_millis(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(epoch_millis(v)?))
}
fn to_epoch_seconds(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(epoch_millis(v)?.div_euclid(1000)))
}

fn to_string(v: &Value, args: &[Value]) -> BuiltinResult {
    match args.first() {
        None => Ok(Value::text(&v.to_display())),
        Some(_) => {
            let java = text_arg(args, 0, "toString")?;
            let (t, _) = parts(v)?;
            pattern::format(t, java, dates::clock().zone)
                .map(|s| Value::text(&s))
                .map_err(BuiltinError::new)
        }
    }
}

fn read(v: &Value, args: &[Value], what: &str) -> Result<NaiveDateTime, BuiltinError> {
    let text = match v {
        Value::Text(t) => t.to_string(),
        other => {
            return Err(BuiltinError::new(format!(
                "`{what}` expects Text, got {}",
                other.type_name()
            )))
        }
    };
    let found = match args.first() {
        Some(_) => pattern::parse(&text, text_arg(args, 0, what)?).map_err(BuiltinError::new)?,
        None => match dates::read_date_text(&text) {
            Some(v) => parts(&v)?.0,
            None => {
                return Err(BuiltinError::new(format!("cannot read {text:?} as a date"))
                    .with_help("write it as 15-Mar-2019, 2019-03-15 or 2019-03-15 10:00:00, or pass the pattern: toDate(\"dd/MM/yyyy\")"))
            }
        },
    };
    Ok(found)
}

fn text_to_date(v: &Value, a: &[Value]) -> BuiltinResult {
    Ok(Value::Date(read(v, a, "toDate")?.date()))
}
fn text_to_date_time(v: &Value, a: &[Value]) -> BuiltinResult {
    Ok(Value::DateTime(read(v, a, "toDateTime")?))
}

fn text_to_time(v: &Value, args: &[Value]) -> BuiltinResult {
    let Value::Text(text) = v else {
        return Err(BuiltinError::new("`toTime` expects Text"));
    };
    let time = match args.first() {
        Some(_) => pattern::parse(
            &format!("1970-01-01 {text}"),
            &format!("yyyy-MM-dd {}", text_arg(args, 0, "toTime")?),
        )
        .map(|t| t.time())
        .map_err(BuiltinError::new)?,
        None => NaiveTime::parse_from_str(text.trim(), "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H:%M"))
            .map_err(|_| BuiltinError::new(format!("cannot read {text:?} as a time of day")))?,
    };
    let today: NaiveDate = dates::clock().now().date();
    Ok(Value::DateTime(today.and_time(time)))
}
