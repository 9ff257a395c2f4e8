//! Zoho's number and math functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "floor",
    Number,
    "number.floor() | floor(number)",
    "the largest whole number not above the number",
    "floor(7.8)" => "7"
)];
