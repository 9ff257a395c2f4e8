//! The date and date-time texts Deluge reads without a pattern: its literal formats
//! (`'15-Aug-47'`, `'15 Aug 1947'`, `'08/15/1947 10:00:00'` …), ISO forms and clock times.

use chrono::{DateTime, Datelike, NaiveDateTime, NaiveTime, Utc};

use super::{clock, pattern};
use crate::value::Value;

/// The date formats of Zoho's date-time data type, day-first forms before month-first ones (a
/// two-digit first field is a day, so `yy-MM-dd` texts read as `dd-MM-yy`); a `yy` year also
/// reads four digits, and `MMM` also reads full month names.
const DATE_PATTERNS: &[&str] = &[
    "dd-MMM-yy",
    "dd/MM/yy",
    "MM/dd/yy",
    "dd-MM-yy",
    "MM-dd-yy",
    "yyyy-MM-dd",
    "yyyy/MM/dd",
    "dd.MM.yy",
    "MM.dd.yy",
    "yyyy.MM.dd",
    "dd MMM,yy",
    "MMM dd,yy",
    "E,MMM dd,yy",
    "dd MMM yy",
    "MMM dd yy",
    "dd MM yyyy",
];

/// Reads the date and date-time forms Deluge accepts without a pattern: a date alone is a
/// `Date`, a date followed by a clock time a `DateTime`.
pub fn read_date_text(text: &str) -> Option<Value> {
    const ISO: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ];
    let text = text.trim();
    for f in ISO {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, f) {
            return Some(Value::DateTime(t));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        let local = clock().zone.local(t.with_timezone(&Utc));
        return Some(Value::DateTime(local));
    }
    for p in DATE_PATTERNS {
        let Some((t, rest)) = pattern::parse_prefix(text, p) else {
            continue;
        };
        if rest.is_empty() {
            return Some(Value::Date(t.date()));
        }
        if rest.starts_with(char::is_whitespace) {
            if let Some(time) = read_clock(rest.trim()) {
                return Some(Value::DateTime(t.date().and_time(time)));
            }
        }
    }
    None
}

/// A clock time `H:mm[:ss]`, optionally followed by AM/PM. As in Zoho, an hour of 24 or more
/// means 00:00:00, minutes of 60 or more mean mm:ss 00:00, seconds of 60 or more mean ss 00;
/// a part of more than two digits is no time.
pub fn read_clock(text: &str) -> Option<NaiveTime> {
    let (clock_part, half) = match text.len().checked_sub(2).and_then(|i| text.get(i..)) {
        Some(end) if end.eq_ignore_ascii_case("AM") || end.eq_ignore_ascii_case("PM") => (
            text[..text.len() - 2].trim_end(),
            Some(end.eq_ignore_ascii_case("PM")),
        ),
        _ => (text, None),
    };
    let mut fields = [0u32; 3];
    let mut count = 0;
    for part in clock_part.split(':') {
        if count == 3
            || part.is_empty()
            || part.len() > 2
            || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        fields[count] = part.parse().ok()?;
        count += 1;
    }
    if count < 2 {
        return None;
    }
    let [mut h, mut m, mut s] = fields;
    if let Some(pm) = half {
        if h == 0 || h > 12 {
            return None;
        }
        h = h % 12 + if pm { 12 } else { 0 };
    }
    if h >= 24 {
        (h, m, s) = (0, 0, 0);
    } else if m >= 60 {
        (m, s) = (0, 0);
    } else if s >= 60 {
        s = 0;
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// The year a two-digit year stands for, as Java reads it: within 80 years before and 20 years
/// after the script's current date.
pub fn two_digit_year(yy: i32) -> i32 {
    let now = clock().now().year();
    let low = now - 80;
    let mut year = low - low.rem_euclid(100) + yy;
    if year < low {
        year += 100;
    }
    year
}

/// Dates in `text` that `read_date_text` accepts, for the tests.
#[cfg(test)]
fn shown(text: &str) -> Option<String> {
    read_date_text(text).map(|v| v.to_display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoho_literal_formats() {
        assert_eq!(two_digit_year(47) % 100, 47);
        assert_eq!(shown("15-Mar-2019").as_deref(), Some("15-Mar-2019"));
        assert_eq!(shown("15 Aug 1947").as_deref(), Some("15-Aug-1947"));
        assert_eq!(shown("15.08.1947").as_deref(), Some("15-Aug-1947"));
        assert_eq!(shown("Fri,August 15,1947").as_deref(), Some("15-Aug-1947"));
        assert_eq!(
            shown("Aug 21, 2013 16:04:37").as_deref(),
            Some("21-Aug-2013 16:04:37")
        );
        assert_eq!(
            shown("15-Mar-2019 24:00:00").as_deref(),
            Some("15-Mar-2019 00:00:00")
        );
        assert_eq!(shown("2019-03-15").as_deref(), Some("15-Mar-2019"));
        assert_eq!(shown("03/15/2019").as_deref(), Some("15-Mar-2019"));
        assert!(shown("Email").is_none());
        assert!(shown("12:30").is_none());
    }

    #[test]
    fn clock_times() {
        assert_eq!(read_clock("1:30:00 pm"), NaiveTime::from_hms_opt(13, 30, 0));
        assert_eq!(read_clock("10:61:05"), NaiveTime::from_hms_opt(10, 0, 0));
        assert_eq!(read_clock("10:100:05"), None);
    }
}
