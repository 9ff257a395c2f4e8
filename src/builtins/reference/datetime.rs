//! Zoho's date-time functions, and the time functions of Creator's TIME values.
//!
//! Examples run with the clock at 23-May-2020 10:00 in America/Los_Angeles, the zone Zoho's own
//! examples assume.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "addBusinessDay",
        DateTime,
        "date.addBusinessDay(days, [weekends], [holidays]) | addBusinessDay(date, days, [weekends], [holidays])",
        "the date that many working days later, skipping the weekend days (Saturday and Sunday unless named) and the holidays; a negative count leaves the date as it is",
        "'20-Mar-2020'.addBusinessDay(2, {\"Friday\", \"Saturday\"}, {'22-Mar-2020'})" => "24-Mar-2020"
    ),
    zoho!(
        "subBusinessDay",
        DateTime,
        "date.subBusinessDay(days, [weekends], [holidays]) | subBusinessDay(date, days, [weekends], [holidays])",
        "the date that many working days earlier (at most 365), skipping weekend days and holidays",
        "'06-Apr-2020'.subBusinessDay(3, {\"Saturday\", \"Sunday\"}, {'02-Apr-2020'})" => "31-Mar-2020"
    ),
    zoho!(
        "workday",
        DateTime,
        "date.workday(days, [weekends], [holidays]) | workday(date, days, [weekends], [holidays])",
        "the date, without its time, that many working days later",
        "workday('09-Oct-2020 17:30:00', 1)" => "12-Oct-2020"
    ),
    zoho!(
        "addBusinessHour",
        DateTime,
        "dateTime.addBusinessHour(hours, [weekends], [holidays], [businessHours])",
        "that many working hours later (earlier when negative) within the daily business hours ({\"start\": 9, \"end\": 17} by default), skipping weekend days and holidays",
        "'03-Jun-2020 15:00:00'.addBusinessHour(4, {\"Saturday\", \"Sunday\"}, {'04-Jun-2020'}, {\"start\": 8, \"end\": 18})" => "05-Jun-2020 09:00:00"
    ),
    zoho!(
        "workDaysList",
        DateTime,
        "start.workDaysList(end, [weekends], [holidays])",
        "the working days from the start; Zoho's example lists as many working days as there are non-weekend days from the start up to the end, and dg follows it",
        "'02-Mar-2020'.workDaysList('05-Mar-2020')" => "02-Mar-2020,03-Mar-2020,04-Mar-2020"
    ),
    zoho!(
        "workDaysBetween",
        DateTime,
        "start.workDaysBetween(end, [weekends], [holidays])",
        "working days after the start up to and including the end (negative when the end comes first)",
        "'06-Mar-2020'.workDaysBetween('13-Mar-2020', {\"Saturday\", \"Sunday\"}, {'10-Mar-2020'})" => "4"
    ),
    zoho!(
        "addDay",
        DateTime,
        "dateTime.addDay(days) | addDay(dateTime, days)",
        "the date-time that many days later; Zoho shows a date's result with its time, 00:00:00",
        "'28-Feb-2020'.addDay(2)" => "01-Mar-2020 00:00:00"
    ),
    zoho!(
        "subDay",
        DateTime,
        "dateTime.subDay(days) | subDay(dateTime, days)",
        "the date-time that many days earlier",
        "subDay('01-Mar-2021 08:30:00', 1)" => "28-Feb-2021 08:30:00"
    ),
    zoho!(
        "addWeek",
        DateTime,
        "dateTime.addWeek(weeks) | addWeek(dateTime, weeks)",
        "the date-time that many weeks later",
        "'25-Dec-2020'.addWeek(2)" => "08-Jan-2021 00:00:00"
    ),
    zoho!(
        "subWeek",
        DateTime,
        "dateTime.subWeek(weeks) | subWeek(dateTime, weeks)",
        "the date-time that many weeks earlier",
        "subWeek('10-Jan-2021 06:00:00', 3)" => "20-Dec-2020 06:00:00"
    ),
    zoho!(
        "addMonth",
        DateTime,
        "dateTime.addMonth(months) | addMonth(dateTime, months)",
        "the date-time that many months later (the day clamped to the month's end)",
        "'31-Oct-2020 12:00:00'.addMonth(4)" => "28-Feb-2021 12:00:00"
    ),
    zoho!(
        "subMonth",
        DateTime,
        "dateTime.subMonth(months) | subMonth(dateTime, months)",
        "the date-time that many months earlier",
        "subMonth('15-Mar-2020', 5)" => "15-Oct-2019 00:00:00"
    ),
    zoho!(
        "addYear",
        DateTime,
        "dateTime.addYear(years) | addYear(dateTime, years)",
        "the date-time that many years later",
        "'10-Aug-1999'.addYear(25)" => "10-Aug-2024 00:00:00"
    ),
    zoho!(
        "subYear",
        DateTime,
        "dateTime.subYear(years) | subYear(dateTime, years)",
        "the date-time that many years earlier",
        "subYear('29-Feb-2024 09:15:00', 4)" => "29-Feb-2020 09:15:00"
    ),
    zoho!(
        "addHour",
        DateTime,
        "dateTime.addHour(hours) | addHour(dateTime, hours)",
        "the date-time that many hours later",
        "'31-Dec-2020 22:45:00'.addHour(3)" => "01-Jan-2021 01:45:00"
    ),
    zoho!(
        "subHour",
        DateTime,
        "dateTime.subHour(hours) | subHour(dateTime, hours)",
        "the date-time that many hours earlier",
        "subHour('01-Jun-2020', 1)" => "31-May-2020 23:00:00"
    ),
    zoho!(
        "addMinutes",
        DateTime,
        "dateTime.addMinutes(minutes) | addMinutes(dateTime, minutes)",
        "the date-time that many minutes later",
        "'05-May-2020 10:50:30'.addMinutes(15)" => "05-May-2020 11:05:30"
    ),
    zoho!(
        "subMinutes",
        DateTime,
        "dateTime.subMinutes(minutes) | subMinutes(dateTime, minutes)",
        "the date-time that many minutes earlier",
        "subMinutes('05-May-2020', 90)" => "04-May-2020 22:30:00"
    ),
    zoho!(
        "addSeconds",
        DateTime,
        "dateTime.addSeconds(seconds) | addSeconds(dateTime, seconds)",
        "the date-time that many seconds later",
        "'07-Jul-2020 07:07:07'.addSeconds(3600)" => "07-Jul-2020 08:07:07"
    ),
    zoho!(
        "subSeconds",
        DateTime,
        "dateTime.subSeconds(seconds) | subSeconds(dateTime, seconds)",
        "the date-time that many seconds earlier",
        "subSeconds('07-Jul-2020 07:07:07', 8)" => "07-Jul-2020 07:06:59"
    ),
    zoho!(
        "edate",
        DateTime,
        "dateTime.edate(months) | edate(dateTime, months)",
        "the date that many months later (earlier when negative), without its time",
        "edate('30-Sep-2020 18:00:00', -7)" => "29-Feb-2020"
    ),
    zoho!(
        "eomonth",
        DateTime,
        "dateTime.eomonth(months) | eomonth(dateTime, months)",
        "the last day of the month that many months later",
        "'12-Nov-2020'.eomonth(3)" => "28-Feb-2021"
    ),
    zoho!(
        "getDay",
        DateTime,
        "dateTime.getDay() | getDay(dateTime) | dateTime.day() | day(dateTime)",
        "the day of the month",
        "getDay('09-Sep-2020 23:00:00')" => "9"
    ),
    zoho!(
        "day",
        DateTime,
        "dateTime.day() | day(dateTime)",
        "the day of the month (another name for getDay)",
        "'27-Apr-2021'.day()" => "27"
    ),
    zoho!(
        "getMonth",
        DateTime,
        "dateTime.getMonth() | getMonth(dateTime) | dateTime.month() | month(dateTime)",
        "the month, 1 for January to 12 for December",
        "'27-Apr-2021'.getMonth()" => "4"
    ),
    zoho!(
        "month",
        DateTime,
        "dateTime.month() | month(dateTime)",
        "the month number (another name for getMonth)",
        "month('03-Nov-2020')" => "11"
    ),
    zoho!(
        "getYear",
        DateTime,
        "dateTime.getYear() | getYear(dateTime) | dateTime.year() | year(dateTime)",
        "the year; a two-digit year in a date literal is read within 80 years before and 20 after today",
        "'04-Jul-76'.getYear()" => "1976"
    ),
    zoho!(
        "getHour",
        DateTime,
        "dateTime.getHour() | getHour(dateTime) | dateTime.hour() | hour(dateTime)",
        "the hour of the day, 0 to 23 (0 for a date)",
        "getHour('14-Feb-2021 19:45:00')" => "19"
    ),
    zoho!(
        "hour",
        DateTime,
        "dateTime.hour() | hour(dateTime)",
        "the hour of the day (another name for getHour)",
        "'14-Feb-2021 06:45:00'.hour()" => "6"
    ),
    zoho!(
        "getMinutes",
        DateTime,
        "dateTime.getMinutes() | getMinutes(dateTime) | dateTime.minute() | minute(dateTime)",
        "the minutes past the hour",
        "'14-Feb-2021 19:45:00'.getMinutes()" => "45"
    ),
    zoho!(
        "minute",
        DateTime,
        "dateTime.minute() | minute(dateTime)",
        "the minutes past the hour (another name for getMinutes)",
        "minute('14-Feb-2021')" => "0"
    ),
    zoho!(
        "getSeconds",
        DateTime,
        "dateTime.getSeconds() | getSeconds(dateTime) | dateTime.second() | second(dateTime)",
        "the seconds past the minute",
        "getSeconds('14-Feb-2021 19:45:33')" => "33"
    ),
    zoho!(
        "second",
        DateTime,
        "dateTime.second() | second(dateTime)",
        "the seconds past the minute (another name for getSeconds)",
        "'14-Feb-2021 19:45:08'.second()" => "8"
    ),
    zoho!(
        "weekday",
        DateTime,
        "dateTime.weekday() | weekday(dateTime) | dateTime.getDayOfWeek() | getDayOfWeek(dateTime)",
        "the day of the week, 1 for Sunday to 7 for Saturday",
        "weekday('04-Jul-2020')" => "7"
    ),
    zoho!(
        "getDayOfWeek",
        DateTime,
        "dateTime.getDayOfWeek() | getDayOfWeek(dateTime)",
        "the day of the week, 1 for Sunday to 7 for Saturday (another name for weekday)",
        "'05-Jul-2020'.getDayOfWeek()" => "1"
    ),
    zoho!(
        "getDayOfYear",
        DateTime,
        "dateTime.getDayOfYear()",
        "the day of the year, 1 to 366",
        "'01-Mar-2020'.getDayOfYear()" => "61"
    ),
    zoho!(
        "getWeekOfYear",
        DateTime,
        "dateTime.getWeekOfYear([startDay]) | getWeekOfYear(dateTime, [startDay])",
        "the week of the year: week 1 holds 1 January (so late December can be week 1), weeks start on Sunday or the named day; not ISO weeks",
        "'10-Jan-2022'.getWeekOfYear() + \" \" + '10-Jan-2022'.getWeekOfYear(\"Monday\") + \" \" + '30-Dec-2020'.getWeekOfYear()" => "3 3 1"
    ),
    zoho!(
        "toStartOfWeek",
        DateTime,
        "dateTime.toStartOfWeek() | toStartOfWeek(dateTime)",
        "the Sunday that starts the week, at 00:00:00",
        "toStartOfWeek('02-Jan-2021 20:00:00')" => "27-Dec-2020 00:00:00"
    ),
    zoho!(
        "toStartOfMonth",
        DateTime,
        "dateTime.toStartOfMonth() | toStartOfMonth(dateTime)",
        "the first day of the month, at 00:00:00",
        "'19-Aug-2020 11:11:11'.toStartOfMonth()" => "01-Aug-2020 00:00:00"
    ),
    zoho!(
        "daysBetween",
        DateTime,
        "start.daysBetween(end) | daysBetween(start, end)",
        "calendar days from the start's date to the end's (negative when the end comes first)",
        "daysBetween('01-Feb-2020', '01-Mar-2020')" => "29"
    ),
    zoho!(
        "days360",
        DateTime,
        "start.days360(end) | days360(start, end)",
        "days between two dates on a 30/360 calendar (Zoho's one example also fits a plain day count)",
        "days360('15-Jan-2021', '15-Mar-2021')" => "60"
    ),
    zoho!(
        "hoursBetween",
        DateTime,
        "start.hoursBetween(end) | hoursBetween(start, end)",
        "whole hours from start to end, minutes and seconds cut off",
        "hoursBetween('01-May-2020 22:30:00', '02-May-2020 03:29:59')" => "4"
    ),
    zoho!(
        "monthsBetween",
        DateTime,
        "start.monthsBetween(end) | monthsBetween(start, end)",
        "whole 30-day months from start to end",
        "monthsBetween('01-Jan-2021', '02-Mar-2021')" => "2"
    ),
    zoho!(
        "monthsDiff",
        DateTime,
        "start.monthsDiff(end) | monthsDiff(start, end)",
        "whole calendar months from start to end (a month ends on the same day of the month, or the month's last day)",
        "monthsDiff('31-Jan-2021', '28-Feb-2021')" => "1"
    ),
    zoho!(
        "totalMonths",
        DateTime,
        "start.totalMonths(end) | totalMonths(start, end)",
        "whole calendar months from start to end, as monthsDiff",
        "totalMonths('15-Jan-2021', '14-Mar-2021')" => "1"
    ),
    zoho!(
        "yearsBetween",
        DateTime,
        "start.yearsBetween(end) | yearsBetween(start, end)",
        "whole 365-day years from start to end",
        "yearsBetween('01-Mar-2019', '29-Feb-2020')" => "1"
    ),
    zoho!(
        "yearsDiff",
        DateTime,
        "start.yearsDiff(end) | yearsDiff(start, end)",
        "whole calendar years from start to end",
        "yearsDiff('01-Mar-2019', '29-Feb-2020')" => "0"
    ),
    zoho!(
        "totalYears",
        DateTime,
        "start.totalYears(end) | totalYears(start, end)",
        "whole calendar years from start to end, as yearsDiff",
        "totalYears('10-Oct-2010', '10-Oct-2020')" => "10"
    ),
    zoho!(
        "yearFraction",
        DateTime,
        "start.yearFraction(end)",
        "the elapsed time over a 365-day year, time of day and daylight-saving shifts counted",
        "'01-Jan-2021'.yearFraction('02-Mar-2021 12:00:00')" => "0.16575342465753426"
    ),
    zoho!(
        "timeBetween",
        DateTime,
        "start.timeBetween(end)",
        "the elapsed time as hours:minutes:seconds text, days counted as 24 hours (Zoho's example prints a seconds value that does not follow from its inputs; dg prints the true difference)",
        "'01-Mar-2021 08:00:00'.timeBetween('02-Mar-2021 09:05:07')" => "25:5:7"
    ),
    zoho!(
        "nextWeekDay",
        DateTime,
        "date.nextWeekDay(dayName) | nextWeekDay(date, dayName)",
        "the first date after this one on the named weekday (a week later when it already is that day)",
        "'01-Jan-2021'.nextWeekDay(\"Friday\")" => "08-Jan-2021"
    ),
    zoho!(
        "previousWeekDay",
        DateTime,
        "date.previousWeekDay(dayName) | previousWeekDay(date, dayName)",
        "the last date before this one on the named weekday",
        "previousWeekDay('01-Jan-2021', \"Sunday\")" => "27-Dec-2020"
    ),
    zoho!(
        "unixEpoch",
        DateTime,
        "dateText.unixEpoch([timeZone]) | unixEpoch(dateText, [timeZone])",
        "milliseconds since 1970-01-01 UTC of a date-time text read in the zone (the script's by default; an unknown zone is GMT); text that holds no date comes back as it is",
        "\"01-Jan-2021 00:00:00\".unixEpoch(\"GMT+1\")" => "1609455600000"
    ),
    zoho!(
        "toString",
        DateTime,
        "value.toString([pattern], [timeZone]) | toString(value, [pattern], [timeZone])",
        "a date-time (or text holding one, or epoch milliseconds) formatted with a Java-style pattern, shown in the zone when one is given",
        "'01-Jun-2020 09:30:00'.toString(\"yyyy-MM-dd HH:mm\", \"Asia/Tokyo\")" => "2020-06-02 01:30"
    ),
    zoho!(
        "toDateTimeString",
        DateTime,
        "value.toDateTimeString(pattern, timeZone) | toDateTimeString(value, pattern, timeZone)",
        "epoch milliseconds or a date-time formatted with the pattern in the zone, daylight saving applied",
        "1593561600000.toDateTimeString(\"dd/MM/yyyy HH:mm\", \"Europe/London\")" => "01/07/2020 01:00"
    ),
    zoho!(
        "toDate",
        DateTime,
        "value.toDate([pattern]) | toDate(value, [pattern])",
        "the date in text (read with the pattern, which may cover only the date at its start), in epoch milliseconds or in a date-time",
        "toDate(\"2020/12/25 08:00\", \"yyyy/MM/dd\")" => "25-Dec-2020"
    ),
    zoho!(
        "toTime",
        DateTime,
        "value.toTime([pattern], [timeZone]) | toTime(value, [pattern], [timeZone])",
        "the date-time in text, read with the pattern and converted from the zone into the script's",
        "toTime(\"2020-12-25 08:00\", \"yyyy-MM-dd HH:mm\", \"GMT\")" => "25-Dec-2020 00:00:00"
    ),
    zoho!(
        "toDateTime",
        DateTime,
        "value.toDateTime([pattern]) | toDateTime(value, [pattern])",
        "the date-time in text (a pattern for the date part is enough: a time after it is still read), or epoch milliseconds as a date-time",
        "toDateTime(\"12/25/2020 18:20:00\", \"MM/dd/yyyy\")" => "25-Dec-2020 18:20:00"
    ),
    zoho!(
        "isDate",
        DateTime,
        "value.isDate() | isDate(value)",
        "whether the value is a date-time or text holding one (null for lists and maps)",
        "isDate(\"31-Apr-2020\") + \" \" + isDate(\"30-Apr-2020\")" => "false true"
    ),
    zoho!(
        "getDate",
        DateTime,
        "dateTime.getDate()",
        "the date in words with an ordinal day",
        "'22-Nov-2020 10:00:00'.getDate()" => "22nd November 2020"
    ),
    zoho!(
        "getDateTime",
        DateTime,
        "dateTime.getDateTime([format], [showSeconds]) | getDateTime(dateTime, [format], [showSeconds])",
        "the date and time in words, on a 12-hour (default) or 24-hour clock, seconds only when asked for",
        "'03-Oct-2020 21:05:09'.getDateTime(24)" => "3rd October 2020,21:05"
    ),
    zoho!(
        "getHour",
        Time,
        "time.getHour() | getHour(time)",
        "the hour of a TIME as written: 0 to 23, or 1 to 12 for a 12-hour time (Zoho documents '10:00:00 PM' as 10)",
        "'08:30:00 PM'.getHour() + \" \" + getHour('20:30:00')" => "8 20"
    ),
    zoho!(
        "getMinutes",
        Time,
        "time.getMinutes() | getMinutes(time)",
        "the minutes of a TIME",
        "'07:42:05'.getMinutes()" => "42"
    ),
    zoho!(
        "getSeconds",
        Time,
        "time.getSeconds() | getSeconds(time)",
        "the seconds of a TIME",
        "getSeconds('07:42:05 AM')" => "5"
    ),
    zoho!(
        "addHour",
        Time,
        "time.addHour(hours) | addHour(time, hours)",
        "the TIME that many hours later; a result outside 00:00:00 to 23:59:59 is an error",
        "'09:15:00'.addHour(14)" => "23:15:00"
    ),
    zoho!(
        "subHour",
        Time,
        "time.subHour(hours) | subHour(time, hours)",
        "the TIME that many hours earlier, within the day",
        "subHour('03:00:00 PM', 3)" => "12:00:00 PM"
    ),
    zoho!(
        "addMinutes",
        Time,
        "time.addMinutes(minutes) | addMinutes(time, minutes)",
        "the TIME that many minutes later, within the day",
        "'11:50:00 AM'.addMinutes(25)" => "12:15:00 PM"
    ),
    zoho!(
        "subMinutes",
        Time,
        "time.subMinutes(minutes) | subMinutes(time, minutes)",
        "the TIME that many minutes earlier, within the day (a negative count adds)",
        "'00:10:00'.subMinutes(-50)" => "01:00:00"
    ),
    zoho!(
        "addSeconds",
        Time,
        "time.addSeconds(seconds) | addSeconds(time, seconds)",
        "the TIME that many seconds later, within the day",
        "addSeconds('23:59:00', 59)" => "23:59:59"
    ),
    zoho!(
        "subSeconds",
        Time,
        "time.subSeconds(seconds) | subSeconds(time, seconds)",
        "the TIME that many seconds earlier, within the day",
        "'00:01:00'.subSeconds(61)" => "error: Invalid Operation. Value outside 24 hour range"
    ),
    zoho!(
        "toString",
        Time,
        "time.toString([pattern]) | toString(time, [pattern])",
        "a TIME as written, or formatted with a pattern of hours, minutes, seconds and AM/PM",
        "'18:05:00'.toString(\"hh:mm a\")" => "06:05 PM"
    ),
];
