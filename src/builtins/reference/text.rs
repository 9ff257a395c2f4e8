//! Zoho's text functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "length",
    Text,
    "text.length() | length(text) | len(text)",
    "the number of characters in the text",
    "\"Deluge\".length()" => "6"
)];
