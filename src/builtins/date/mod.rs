//! Date and date-time functions: arithmetic, working days, differences, parts and conversions,
//! with the method tables for date, text and number receivers. Most functions also take text
//! holding a date, as Zoho's services other than Creator do.

mod arithmetic;
mod business;
mod conversions;
mod differences;
mod moment;
mod parts;

use super::MethodDef;
use arithmetic::*;
use business::*;
use conversions::*;
use differences::*;
use parts::*;

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[super::FunctionDef] = &[function!(
    "isDate",
    "value",
    1..=1,
    is_date_function,
    "whether the value is, or is text holding, a date (null for lists and maps)"
)];

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
        "addBusinessDay",
        "days, weekends, holidays",
        1..=3,
        add_business_day,
        "the date that many working days later (weekends default to Saturday and Sunday)"
    ),
    method!(
        "subBusinessDay",
        "days, weekends, holidays",
        1..=3,
        sub_business_day,
        "the date that many working days earlier (at most 365)"
    ),
    method!(
        "workday",
        "days, weekends, holidays",
        1..=3,
        workday,
        "the date that many working days later"
    ),
    method!(
        "workDaysBetween",
        "end, weekends, holidays",
        1..=3,
        work_days_between,
        "working days after this date up to the end"
    ),
    method!(
        "workDaysList",
        "end, weekends, holidays",
        1..=3,
        work_days_list,
        "the working days from this date (as Zoho's example counts them)"
    ),
    method!(
        "addBusinessHour",
        "hours, weekends, holidays, businessHours",
        1..=4,
        add_business_hour,
        "that many working hours later (9 to 17 by default)"
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
        "getDate",
        "",
        0..=0,
        get_date,
        "the date in words: 17th January 2018"
    ),
    method!(
        "getDateTime",
        "format, showSeconds",
        0..=2,
        get_date_time,
        "the date and time in words: 17th January 2018,10:10 AM"
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
        "monthsDiff",
        "end",
        1..=1,
        months_diff,
        "whole calendar months from this date to the end"
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
        "yearsDiff",
        "end",
        1..=1,
        years_diff,
        "whole calendar years from this date to the end"
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
    method!(
        "timeBetween",
        "end",
        1..=1,
        time_between,
        "the time to the end as hours:minutes:seconds text"
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

/// Text methods: reading dates, and the functions Zoho lets take date text.
pub static TEXT_METHODS: &[MethodDef] = &[
    method!(
        "toDate",
        "pattern",
        0..=1,
        text_to_date,
        "the date this text holds (15-Mar-2019, 2019-03-15, or with a pattern covering its start)"
    ),
    method!(
        "toDateTime",
        "pattern, zone",
        0..=2,
        text_to_date_time,
        "the date-time this text holds, read in the zone"
    ),
    method!(
        "toTime",
        "pattern, zone",
        0..=2,
        text_to_time,
        "the date-time this text holds; a clock time alone is today at that time"
    ),
    method!(
        "unixEpoch",
        "zone",
        0..=1,
        unix_epoch,
        "milliseconds since 1970-01-01 UTC of the date-time text, read in the zone"
    ),
    method!(
        "toString",
        "pattern, zone",
        0..=2,
        to_string,
        "the text, or the date it holds formatted with the pattern in the zone"
    ),
    method!(
        "toDateTimeString",
        "pattern, zone",
        2..=2,
        to_date_time_string,
        "the date it holds formatted with the pattern in the zone"
    ),
    method!(
        "isDate",
        "",
        0..=0,
        is_date,
        "whether the text holds a date"
    ),
    method!(
        "addBusinessDay",
        "days, weekends, holidays",
        1..=3,
        add_business_day,
        "the date that many working days later (weekends default to Saturday and Sunday)"
    ),
    method!(
        "subBusinessDay",
        "days, weekends, holidays",
        1..=3,
        sub_business_day,
        "the date that many working days earlier (at most 365)"
    ),
    method!(
        "workday",
        "days, weekends, holidays",
        1..=3,
        workday,
        "the date that many working days later"
    ),
    method!(
        "workDaysBetween",
        "end, weekends, holidays",
        1..=3,
        work_days_between,
        "working days after this date up to the end"
    ),
    method!(
        "workDaysList",
        "end, weekends, holidays",
        1..=3,
        work_days_list,
        "the working days from this date (as Zoho's example counts them)"
    ),
    method!(
        "addBusinessHour",
        "hours, weekends, holidays, businessHours",
        1..=4,
        add_business_hour,
        "that many working hours later (9 to 17 by default)"
    ),
    method!(
        "getDate",
        "",
        0..=0,
        get_date,
        "the date in words: 17th January 2018"
    ),
    method!(
        "getDateTime",
        "format, showSeconds",
        0..=2,
        get_date_time,
        "the date and time in words: 17th January 2018,10:10 AM"
    ),
    method!(
        "monthsDiff",
        "end",
        1..=1,
        months_diff,
        "whole calendar months from this date to the end"
    ),
    method!(
        "yearsDiff",
        "end",
        1..=1,
        years_diff,
        "whole calendar years from this date to the end"
    ),
    method!(
        "timeBetween",
        "end",
        1..=1,
        time_between,
        "the time to the end as hours:minutes:seconds text"
    ),
];

/// Number methods: epoch milliseconds as dates.
pub static NUMBER_METHODS: &[MethodDef] = &[
    method!(
        "toDateTime",
        "",
        0..=2,
        millis_to_date_time,
        "the date-time these epoch milliseconds stand for"
    ),
    method!(
        "toDate",
        "",
        0..=1,
        millis_to_date,
        "the date these epoch milliseconds stand for"
    ),
    method!(
        "toString",
        "pattern, zone",
        0..=2,
        to_string,
        "as text, or as epoch milliseconds formatted with the pattern in the zone"
    ),
    method!(
        "toDateTimeString",
        "pattern, zone",
        2..=2,
        to_date_time_string,
        "epoch milliseconds formatted with the pattern in the zone"
    ),
    method!("isDate", "", 0..=0, is_date, "false"),
];
