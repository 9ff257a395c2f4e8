//! The method tables of receivers other than dates: date text, epoch milliseconds, the
//! functions that take a date or date text alike, and the global `isDate`.

use super::super::MethodDef;
use super::*;

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[super::super::FunctionDef] = &[function!(
    "isDate",
    "value",
    1..=1,
    is_date_function,
    "whether the value is, or is text holding, a date (null for lists and maps)"
)];

/// Functions Zoho lets take a date-time or, outside Creator, text holding one.
pub static SHARED_METHODS: &[MethodDef] = &[
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

/// Text methods that read dates.
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
