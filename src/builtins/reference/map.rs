//! Zoho's map (key-value) functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "put",
    Map,
    "map.put(key, value)",
    "adds the pair, replacing the value of a key already there",
    "m = Map(); m.put(\"a\", 1); m" => "{\"a\":1}"
)];
