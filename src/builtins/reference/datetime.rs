//! Zoho's date-time functions, and the time functions of Creator's TIME values.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "addDay",
    DateTime,
    "date.addDay(days) | addDay(date, days)",
    "the date-time that many days later",
    "'01-Jan-2021'.addDay(2)" => "03-Jan-2021"
)];
