//! Date and date-time functions: arithmetic, working days, differences, parts and conversions,
//! with the method tables for date, text and number receivers. Most functions also take text
//! holding a date, as Zoho's services other than Creator do.

mod arithmetic;
mod business;
mod conversions;
mod differences;
mod moment;
mod parts;
mod tables;
mod time;

use super::MethodDef;
use arithmetic::*;
use business::*;
use conversions::*;
use differences::*;
use parts::*;
pub use tables::{FUNCTIONS, NUMBER_METHODS, SHARED_METHODS, TEXT_METHODS};
pub use time::TIME_METHODS;

/// Methods of dates and date-times only (see `SHARED_METHODS` for those text takes too).
pub static METHODS: &[MethodDef] = &[
    method!(
        "addDay",
        "days",
        1..=1,
        add_day,
        "the date-time that many days later"
    ),
    method!(
        "subDay",
        "days",
        1..=1,
        sub_day,
        "the date-time that many days earlier"
    ),
    method!(
        "addWeek",
        "weeks",
        1..=1,
        add_week,
        "the date-time that many weeks later"
    ),
    method!(
        "subWeek",
        "weeks",
        1..=1,
        sub_week,
        "the date-time that many weeks earlier"
    ),
    method!(
        "addMonth",
        "months",
        1..=1,
        add_month,
        "the date-time that many months later (clamped to month end)"
    ),
    method!(
        "subMonth",
        "months",
        1..=1,
        sub_month,
        "the date-time that many months earlier"
    ),
    method!(
        "addYear",
        "years",
        1..=1,
        add_year,
        "the date-time that many years later"
    ),
    method!(
        "subYear",
        "years",
        1..=1,
        sub_year,
        "the date-time that many years earlier"
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
        "edate",
        "months",
        1..=1,
        edate,
        "the date that many months later, without the time"
    ),
    method!(
        "eomonth",
        "months",
        1..=1,
        eomonth,
        "the last day of the month that many months later"
    ),
    method!(
        "toStartOfWeek",
        "",
        0..=0,
        start_of_week,
        "the Sunday that starts this week, at 00:00:00"
    ),
    method!(
        "toStartOfMonth",
        "",
        0..=0,
        start_of_month,
        "the first day of the month, at 00:00:00"
    ),
    method!(
        "toEndOfMonth",
        "",
        0..=0,
        end_of_month,
        "the last day of the month"
    ),
    method!(
        "nextWeekDay",
        "dayName",
        1..=1,
        next_week_day,
        "the next date on that weekday"
    ),
    method!(
        "previousWeekDay",
        "dayName",
        1..=1,
        previous_week_day,
        "the previous date on that weekday"
    ),
    method!("getDay", "", 0..=0, get_day, "day of the month, 1 to 31"),
    method!("day", "", 0..=0, get_day, "day of the month (getDay)"),
    method!("getMonth", "", 0..=0, get_month, "month, 1 to 12"),
    method!("month", "", 0..=0, get_month, "month, 1 to 12 (getMonth)"),
    method!("getYear", "", 0..=0, get_year, "the year"),
    method!("year", "", 0..=0, get_year, "the year (getYear)"),
    method!("getHour", "", 0..=0, get_hour, "hour of the day, 0 to 23"),
    method!("hour", "", 0..=0, get_hour, "hour of the day (getHour)"),
    method!(
        "getMinutes",
        "",
        0..=0,
        get_minutes,
        "minutes past the hour"
    ),
    method!(
        "minute",
        "",
        0..=0,
        get_minutes,
        "minutes past the hour (getMinutes)"
    ),
    method!(
        "getSeconds",
        "",
        0..=0,
        get_seconds,
        "seconds past the minute"
    ),
    method!(
        "second",
        "",
        0..=0,
        get_seconds,
        "seconds past the minute (getSeconds)"
    ),
    method!(
        "getDayOfWeek",
        "",
        0..=0,
        get_day_of_week,
        "1 for Sunday to 7 for Saturday"
    ),
    method!(
        "weekday",
        "",
        0..=0,
        get_day_of_week,
        "1 for Sunday to 7 for Saturday (getDayOfWeek)"
    ),
    method!(
        "getWeekOfYear",
        "startDay",
        0..=1,
        get_week_of_year,
        "week of the year: week 1 holds 1 January, weeks start on Sunday or startDay"
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
        "end",
        1..=1,
        days_between,
        "calendar days from this date to the end"
    ),
    method!(
        "days360",
        "end",
        1..=1,
        days360,
        "days from this date to the end on a 30/360 calendar"
    ),
    method!(
        "hoursBetween",
        "end",
        1..=1,
        hours_between,
        "whole hours from this date-time to the end"
    ),
    method!(
        "monthsBetween",
        "end",
        1..=1,
        months_between,
        "whole 30-day months from this date to the end"
    ),
    method!(
        "totalMonths",
        "end",
        1..=1,
        total_months,
        "whole calendar months from this date to the end"
    ),
    method!(
        "yearsBetween",
        "end",
        1..=1,
        years_between,
        "whole 365-day years from this date to the end"
    ),
    method!(
        "totalYears",
        "end",
        1..=1,
        total_years,
        "whole calendar years from this date to the end"
    ),
    method!(
        "yearFraction",
        "end",
        1..=1,
        year_fraction,
        "the time to the end over a 365-day year"
    ),
    method!("toDate", "pattern", 0..=1, text_to_date, "the date part"),
    method!(
        "toDateTime",
        "pattern, zone",
        0..=2,
        text_to_date_time,
        "as a date-time (a date at midnight)"
    ),
    method!(
        "toTime",
        "pattern, zone",
        0..=2,
        text_to_time,
        "as a date-time"
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
        "zone",
        0..=1,
        unix_epoch,
        "milliseconds since 1970-01-01 UTC, the wall-clock time read in the zone"
    ),
    method!(
        "toString",
        "pattern, zone",
        0..=2,
        to_string,
        "as text, by default 15-Mar-2019, or with a pattern such as \"yyyy-MM-dd\" in a zone"
    ),
    method!(
        "toDateTimeString",
        "pattern, zone",
        2..=2,
        to_date_time_string,
        "formatted with the pattern in the zone"
    ),
    method!("isDate", "", 0..=0, is_date, "true"),
];
