//! Dates and times: the script clock (pinned with `DG_NOW`/`--now`, zoned with `--tz`), Deluge's date
//! literals and the text forms dates are read from.

mod java_zone;
mod literal;
pub mod pattern;
mod time_of_day;

pub use java_zone::java_zone;
pub use literal::{read_clock, read_date_text, two_digit_year};
pub use time_of_day::TimeOfDay;

use std::cell::RefCell;
use std::str::FromStr;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use crate::value::Value;

/// The time zone scripts see: the system's, or a named IANA zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    System,
    Named(chrono_tz::Tz),
    /// A fixed offset from UTC in seconds (`GMT+5:30`).
    Fixed(i32),
}

impl Zone {
    pub fn parse(name: &str) -> Result<Zone, String> {
        chrono_tz::Tz::from_str(name).map(Zone::Named).map_err(|_| {
            format!("unknown time zone {name:?} (use an IANA name such as Europe/Dublin)")
        })
    }

    /// Local wall-clock time of an instant in this zone.
    pub fn local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::System => instant.with_timezone(&Local).naive_local(),
            Zone::Named(tz) => instant.with_timezone(&tz).naive_local(),
            Zone::Fixed(seconds) => {
                let utc = instant.naive_utc();
                utc.checked_add_signed(chrono::Duration::seconds(i64::from(seconds)))
                    .unwrap_or(utc)
            }
        }
    }

    /// The instant a local wall-clock time of this zone stands for.
    pub fn instant(self, local: NaiveDateTime) -> DateTime<Utc> {
        let offset = chrono::Duration::seconds(i64::from(self.offset_seconds(local)));
        let utc = local.checked_sub_signed(offset).unwrap_or(local);
        Utc.from_utc_datetime(&utc)
    }

    /// Milliseconds since 1970-01-01 UTC of a local wall-clock time of this zone.
    pub fn epoch_millis(self, local: NaiveDateTime) -> i64 {
        self.instant(local).timestamp_millis()
    }

    /// The wall-clock time in zone `to` at the instant `local` shows in this zone.
    pub fn convert(self, local: NaiveDateTime, to: Zone) -> NaiveDateTime {
        to.local(self.instant(local))
    }

    /// Offset from UTC in seconds at a local wall-clock time (for `Z`/`XXX` patterns).
    /// A wall-clock time skipped by a daylight-saving change takes the offset an hour later.
    pub fn offset_seconds(self, local: NaiveDateTime) -> i32 {
        let at = |t: NaiveDateTime| match self {
            Zone::Fixed(seconds) => Some(seconds),
            Zone::System => Local
                .offset_from_local_datetime(&t)
                .earliest()
                .map(|o| o.fix().local_minus_utc()),
            Zone::Named(tz) => tz
                .offset_from_local_datetime(&t)
                .earliest()
                .map(|o| o.fix().local_minus_utc()),
        };
        at(local)
            .or_else(|| at(local + chrono::Duration::hours(1)))
            .unwrap_or(0)
    }
}

/// What "now" is for a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    /// A fixed instant, when pinned; otherwise the real time.
    pub pinned: Option<DateTime<Utc>>,
    pub zone: Zone,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock {
            pinned: None,
            zone: Zone::System,
        }
    }
}

impl Clock {
    /// Builds a clock from `--now`/`DG_NOW` and `--tz` values.
    pub fn from_settings(now: Option<&str>, tz: Option<&str>) -> Result<Clock, String> {
        let zone = match tz {
            Some(name) if !name.is_empty() => Zone::parse(name)?,
            _ => Zone::System,
        };
        let pinned = match now {
            Some(text) if !text.is_empty() => Some(parse_instant(text, zone)?),
            _ => None,
        };
        Ok(Clock { pinned, zone })
    }

    pub fn now(&self) -> NaiveDateTime {
        self.zone.local(self.pinned.unwrap_or_else(Utc::now))
    }
}

/// `2024-03-15T10:00:00Z`, `2024-03-15T10:00:00+01:00`, or a local `2024-03-15T10:00:00` / `2024-03-15`.
fn parse_instant(text: &str, zone: Zone) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_err(|_| format!("cannot read the time {text:?} (use e.g. 2024-03-15T10:00:00Z)"))?;
    let offset = zone.offset_seconds(local);
    local
        .checked_sub_signed(chrono::Duration::seconds(offset.into()))
        .map(|utc| Utc.from_utc_datetime(&utc))
        .ok_or_else(|| format!("the time {text:?} is out of range"))
}

thread_local! {
    static CLOCK: RefCell<Clock> = RefCell::new(Clock::default());
}

/// Sets the clock for scripts run on this thread.
pub fn set_clock(clock: Clock) {
    CLOCK.with_borrow_mut(|c| *c = clock);
}

pub fn clock() -> Clock {
    CLOCK.with_borrow(|c| *c)
}

/// The value of a date-valued system name (`zoho.currentdate`, `today`, …), if it is one.
pub fn system_value(name: &str) -> Option<Value> {
    let now = clock().now();
    match name.to_ascii_lowercase().as_str() {
        "zoho.currentdate" | "today" => Some(Value::Date(now.date())),
        "zoho.currenttime" | "now" => Some(Value::DateTime(now)),
        // The signed-in user and the org's admin: one local user, `DG_USER_EMAIL` or a placeholder.
        // Creator's `zoho.loginuser` / `zoho.adminuser` (the user's name there) are the same user.
        "zoho.loginuserid" | "zoho.adminuserid" | "zoho.loginuser" | "zoho.adminuser" => {
            Some(Value::text(&user_email()))
        }
        _ => None,
    }
}

/// The local user's e-mail address, for `zoho.loginuserid` and `zoho.adminuserid`.
pub fn user_email() -> String {
    std::env::var("DG_USER_EMAIL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "user@dg.localhost".to_string())
}

/// Names `system_value` answers.
pub const SYSTEM_NAMES: &[&str] = &[
    "zoho.currentdate",
    "zoho.currenttime",
    "today",
    "now",
    "zoho.loginuserid",
    "zoho.adminuserid",
    "zoho.loginuser",
    "zoho.adminuser",
];

/// A single-quoted literal that is a date (`'15-Mar-2019'`) or date-time (`'15-Mar-2019 15:00:00'`).
/// Creator's TIME literals (`'13:15:10'`, `'06:00:00 PM'`) too.
pub fn literal(text: &str) -> Option<Value> {
    let text = text.trim();
    read_date_text(text).or_else(|| TimeOfDay::literal(text).map(Value::Time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_read_deluge_forms() {
        assert_eq!(
            literal("15-Mar-2019").map(|v| v.to_display()).as_deref(),
            Some("15-Mar-2019")
        );
        assert_eq!(
            literal("15-Mar-2019 15:00:00")
                .map(|v| v.to_display())
                .as_deref(),
            Some("15-Mar-2019 15:00:00")
        );
        assert_eq!(
            literal("2019-03-15").map(|v| v.to_display()).as_deref(),
            Some("15-Mar-2019")
        );
        assert!(literal("Email").is_none());
    }

    #[test]
    fn pinned_clock_in_a_zone() {
        let c = Clock::from_settings(Some("2024-03-15T23:30:00Z"), Some("Europe/Dublin")).unwrap();
        assert_eq!(c.now().to_string(), "2024-03-15 23:30:00");
        let c = Clock::from_settings(Some("2024-07-15T23:30:00Z"), Some("Europe/Dublin")).unwrap();
        assert_eq!(c.now().to_string(), "2024-07-16 00:30:00");
        let c = Clock::from_settings(Some("2024-07-16T00:30:00"), Some("Europe/Dublin")).unwrap();
        assert_eq!(c.pinned.unwrap().to_rfc3339(), "2024-07-15T23:30:00+00:00");
        assert!(Clock::from_settings(None, Some("Mars/Olympus")).is_err());
    }
}
