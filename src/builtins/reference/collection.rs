//! Zoho's collection functions (index-value and key-value collections).

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "insert",
    Collection,
    "collection.insert(key : value) | collection.insert(element)",
    "adds a pair to a key-value collection, or an element to an index-value one",
    "c = Collection(); c.insert(\"a\" : 1); c" => "{\"a\":1}"
)];
