//! Zoho's list functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "size",
    List,
    "list.size()",
    "the number of elements",
    "l = {\"a\", \"b\"}; l.size()" => "2"
)];
