//! Creator's TIME values: a time of day without a date, written `'13:15:10'` or `'06:00:00 PM'`
//! and shown the way it was written.

use std::fmt;

/// Seconds since midnight, and whether the value is written on a 12-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay {
    seconds: u32,
    twelve_hour: bool,
}

const DAY: i64 = 86_400;

impl TimeOfDay {
    /// A TIME literal: `HH:mm:ss` (00:00:00 to 23:59:59) or `hh:mm:ss AM|PM` (12:00:00 AM to
    /// 11:59:59 PM), every part written with two digits.
    pub fn literal(text: &str) -> Option<TimeOfDay> {
        let (clock, half) = match text.split_once(' ') {
            Some((clock, half)) if half.eq_ignore_ascii_case("AM") => (clock, Some(false)),
            Some((clock, half)) if half.eq_ignore_ascii_case("PM") => (clock, Some(true)),
            Some(_) => return None,
            None => (text, None),
        };
        let mut parts = [0u32; 3];
        let mut count = 0;
        for part in clock.split(':') {
            if count == 3 || part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts[count] = part.parse().ok()?;
            count += 1;
        }
        let [h, m, s] = parts;
        if count != 3 || m > 59 || s > 59 {
            return None;
        }
        let hour = match half {
            None if h < 24 => h,
            Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
            _ => return None,
        };
        Some(TimeOfDay {
            seconds: hour * 3600 + m * 60 + s,
            twelve_hour: half.is_some(),
        })
    }

    /// The hour as written: 0 to 23, or 1 to 12 on a 12-hour clock (Zoho documents
    /// `'10:00:00 PM'.getHour()` as 10).
    pub fn hour(self) -> u32 {
        let h = self.seconds / 3600;
        if self.twelve_hour {
            (h + 11) % 12 + 1
        } else {
            h
        }
    }

    pub fn hour_of_day(self) -> u32 {
        self.seconds / 3600
    }

    pub fn minute(self) -> u32 {
        self.seconds / 60 % 60
    }

    pub fn second(self) -> u32 {
        self.seconds % 60
    }

    /// This time moved by `seconds`, if the result stays within the same day.
    pub fn plus_seconds(self, seconds: i64) -> Option<TimeOfDay> {
        let moved = i64::from(self.seconds).checked_add(seconds)?;
        if !(0..DAY).contains(&moved) {
            return None;
        }
        Some(TimeOfDay {
            seconds: u32::try_from(moved).ok()?,
            ..self
        })
    }

    /// As chrono's time of day.
    pub fn naive(self) -> chrono::NaiveTime {
        chrono::NaiveTime::from_num_seconds_from_midnight_opt(self.seconds, 0)
            .unwrap_or(chrono::NaiveTime::MIN)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (m, s) = (self.minute(), self.second());
        if self.twelve_hour {
            let half = if self.hour_of_day() < 12 { "AM" } else { "PM" };
            write!(f, "{:02}:{m:02}:{s:02} {half}", self.hour())
        } else {
            write!(f, "{:02}:{m:02}:{s:02}", self.hour_of_day())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_literals() {
        let t = TimeOfDay::literal("13:15:10").unwrap();
        assert_eq!((t.hour(), t.minute(), t.second()), (13, 15, 10));
        let pm = TimeOfDay::literal("10:00:00 PM").unwrap();
        assert_eq!((pm.hour(), pm.hour_of_day()), (10, 22));
        assert_eq!(pm.plus_seconds(4).unwrap().to_string(), "10:00:04 PM");
        assert!(pm.plus_seconds(4 * 3600).is_none());
        assert_eq!(TimeOfDay::literal("12:30:00 AM").unwrap().hour_of_day(), 0);
        for bad in [
            "13:15",
            "24:00:00",
            "23:59:60",
            "13:00:00 PM",
            "1:00:00",
            "00:00:00 AM",
        ] {
            assert!(TimeOfDay::literal(bad).is_none(), "{bad}");
        }
    }
}
