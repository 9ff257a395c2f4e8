//! Java-style date patterns (`yyyy-MM-dd'T'HH:mm:ss`), as Deluge's `toString(pattern)` and
//! `toDate(pattern)` use them, translated to chrono's format strings.

use chrono::format::{parse_and_remainder, Parsed, StrftimeItems};
use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};

use super::Zone;

/// A translated pattern, whether it mentions a time of day, and whether its year is `yy`.
pub struct Pattern {
    chrono: String,
    has_time: bool,
    two_digit_year: bool,
}

/// Translates a Java `SimpleDateFormat`-style pattern. Letters it does not know are kept as text.
pub fn translate(java: &str) -> Pattern {
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::new();
    let mut has_time = false;
    let mut two_digit_year = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // 'quoted text', with '' for a single quote.
            let mut j = i + 1;
            if j < chars.len() && chars[j] == '\'' {
                out.push('\'');
                i += 2;
                continue;
            }
            while j < chars.len() {
                if chars[j] == '\'' {
                    if j + 1 < chars.len() && chars[j + 1] == '\'' {
                        out.push('\'');
                        j += 2;
                        continue;
                    }
                    break;
                }
                push_literal(&mut out, chars[j]);
                j += 1;
            }
            i = j + 1;
            continue;
        }
        let mut run = 1;
        while i + run < chars.len() && chars[i + run] == c {
            run += 1;
        }
        let spec = match (c, run) {
            ('y', 2) => "%y",
            ('y', _) => "%Y",
            ('M', 1) => "%-m",
            ('M', 2) => "%m",
            ('M', 3) => "%b",
            ('M', _) => "%B",
            ('d', 1) => "%-d",
            ('d', _) => "%d",
            ('E', 1..=3) => "%a",
            ('E', _) => "%A",
            ('D', _) => "%j",
            ('u', _) => "%u",
            ('w', _) => "%V",
            ('H', 1) => "%-H",
            ('H', _) => "%H",
            ('h', 1) => "%-I",
            ('h', _) => "%I",
            ('k', _) => "%H",
            ('m', 1) => "%-M",
            ('m', _) => "%M",
            ('s', 1) => "%-S",
            ('s', _) => "%S",
            ('S', _) => "%3f",
            ('a', _) => "%p",
            ('Z', _) => "%z",
            ('X', 1 | 2) => "%z",
            ('X', _) => "%:z",
            ('z', _) => "%:z",
            _ => "",
        };
        if spec.is_empty() {
            for _ in 0..run {
                push_literal(&mut out, c);
            }
        } else {
            has_time |= matches!(c, 'H' | 'h' | 'k' | 'm' | 's' | 'S' | 'a');
            two_digit_year |= (c, run) == ('y', 2);
            out.push_str(spec);
        }
        i += run;
    }
    Pattern {
        chrono: out,
        has_time,
        two_digit_year,
    }
}

fn push_literal(out: &mut String, c: char) {
    if c == '%' {
        out.push_str("%%");
    } else {
        out.push(c);
    }
}

/// Formats a date-time (a date is its midnight) in `zone` with a Java pattern.
pub fn format(local: NaiveDateTime, java: &str, zone: Zone) -> Result<String, String> {
    let pattern = translate(&with_week_fields(local.date(), java));
    let offset = FixedOffset::east_opt(zone.offset_seconds(local))
        .or_else(|| FixedOffset::east_opt(0))
        .ok_or("no UTC offset")?;
    let zoned = offset
        .from_local_datetime(&local)
        .single()
        .ok_or_else(|| format!("{local} does not exist in the time zone"))?;
    let mut out = String::new();
    use std::fmt::Write;
    write!(out, "{}", zoned.format(&pattern.chrono))
        .map_err(|_| format!("the pattern {java:?} cannot format this value"))?;
    Ok(out)
}

/// The pattern with Java's week fields (`w` week of year, `Y` week year; weeks start on Sunday
/// and week 1 holds 1 January) written out as quoted text for `date`.
fn with_week_fields(date: NaiveDate, java: &str) -> String {
    let (week_year, week) = week_of_year(date, Weekday::Sun);
    let mut out = String::new();
    let mut quoted = false;
    let chars: Vec<char> = java.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            quoted = !quoted;
        }
        if quoted || !matches!(c, 'w' | 'Y') {
            out.push(c);
            i += 1;
            continue;
        }
        let mut run = 1;
        while chars.get(i + run) == Some(&c) {
            run += 1;
        }
        let text = match (c, run) {
            ('w', 1) => week.to_string(),
            ('w', _) => format!("{week:02}"),
            (_, 2) => format!("{:02}", week_year.rem_euclid(100)),
            _ => format!("{week_year:04}"),
        };
        out.push('\'');
        out.push_str(&text);
        out.push('\'');
        i += run;
    }
    out
}

/// The week year and week number of `date` when weeks start on `start` and week 1 is the week
/// holding 1 January (so the last days of December can be week 1 of the next year).
pub fn week_of_year(date: NaiveDate, start: Weekday) -> (i32, u32) {
    let since_start =
        |d: NaiveDate| (d.weekday().num_days_from_monday() + 7 - start.num_days_from_monday()) % 7;
    let week_end = date
        .checked_add_signed(chrono::Duration::days(i64::from(6 - since_start(date))))
        .unwrap_or(NaiveDate::MAX);
    if week_end.year() > date.year() {
        return (date.year() + 1, 1);
    }
    let new_year = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
    (
        date.year(),
        (date.ordinal0() + since_start(new_year)) / 7 + 1,
    )
}

/// Reads the start of `text` with a Java pattern: the date-time (midnight when the pattern has no
/// time of day) and the text after it. A `yy` year of two digits is read as Java reads it.
pub fn parse_prefix<'a>(text: &'a str, java: &str) -> Option<(NaiveDateTime, &'a str)> {
    let pattern = translate(java);
    // Years read up to four digits; month and day names read short or long.
    let chrono_pattern = pattern
        .chrono
        .replace("%-", "%")
        .replace("%y", "%Y")
        .replace("%b", "%B")
        .replace("%a", "%A");
    let mut parsed = Parsed::new();
    let read = text.trim_start();
    let rest = parse_and_remainder(&mut parsed, read, StrftimeItems::new(&chrono_pattern)).ok()?;
    let mut date = parsed.to_naive_date().ok()?;
    // Java reads a `yy` year as a century guess only when exactly two digits are written:
    // `0050` is the year 50.
    let consumed = &read[..read.len() - rest.len()];
    let written_long = consumed
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() > 2 && run.parse::<i32>().ok() == Some(date.year()));
    if pattern.two_digit_year && !written_long && (0..100).contains(&date.year()) {
        date = date.with_year(super::two_digit_year(date.year()))?;
    }
    let time = if pattern.has_time {
        parsed.to_naive_time().ok()?
    } else {
        NaiveTime::MIN
    };
    Some((date.and_time(time), rest))
}

/// Reads text with a Java pattern: a date-time when the pattern has a time of day, else a date.
pub fn parse(text: &str, java: &str) -> Result<NaiveDateTime, String> {
    parse_prefix(text, java)
        .filter(|(_, rest)| rest.trim().is_empty())
        .map(|(t, _)| t)
        .ok_or_else(|| format!("{text:?} does not match the pattern {java:?}"))
}

/// True when a pattern mentions a time of day.
pub fn has_time(java: &str) -> bool {
    translate(java).has_time
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2019, 3, 5)
            .and_then(|d| d.and_hms_milli_opt(15, 4, 9, 120))
            .unwrap()
    }

    #[test]
    fn common_patterns() {
        let utc = Zone::Named(chrono_tz::UTC);
        assert_eq!(format(t(), "yyyy-MM-dd", utc).unwrap(), "2019-03-05");
        assert_eq!(
            format(t(), "yyyy-MM-dd'T'HH:mm:ss", utc).unwrap(),
            "2019-03-05T15:04:09"
        );
        assert_eq!(
            format(t(), "dd-MMM-yyyy hh:mm a", utc).unwrap(),
            "05-Mar-2019 03:04 PM"
        );
        assert_eq!(
            format(t(), "EEEE, MMMM d, yy", utc).unwrap(),
            "Tuesday, March 5, 19"
        );
        assert_eq!(format(t(), "HH:mm:ss.SSS", utc).unwrap(), "15:04:09.120");
        assert_eq!(
            format(t(), "'Week' w 'of' yyyy, 'o''clock'", utc).unwrap(),
            "Week 10 of 2019, o'clock"
        );
    }

    #[test]
    fn zones_in_patterns() {
        let dublin = Zone::Named(chrono_tz::Europe::Dublin);
        let summer = NaiveDate::from_ymd_opt(2024, 7, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        assert_eq!(
            format(summer, "yyyy-MM-dd'T'HH:mm:ssXXX", dublin).unwrap(),
            "2024-07-01T09:00:00+01:00"
        );
        assert_eq!(format(summer, "Z", dublin).unwrap(), "+0100");
    }

    #[test]
    fn parsing_with_patterns() {
        assert_eq!(
            parse("05/03/2019", "dd/MM/yyyy").unwrap().to_string(),
            "2019-03-05 00:00:00"
        );
        assert_eq!(
            parse("2019-03-05 15:04", "yyyy-MM-dd HH:mm")
                .unwrap()
                .to_string(),
            "2019-03-05 15:04:00"
        );
        assert!(parse("5th March", "dd/MM/yyyy").is_err());
    }
}
