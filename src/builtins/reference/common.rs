//! Zoho's common and conversion functions.

use super::{zoho, zoho_missing, Entry};

pub static ENTRIES: &[Entry] = &[
    zoho!(
        "isEmpty",
        Common,
        "value.isEmpty() | isEmpty(value)",
        "true for an empty text, list or map",
        "isEmpty(\"\")" => "true"
    ),
    zoho_missing!(
        "isFile",
        Common,
        "value.isFile() | isFile(value)",
        "true when the value is a file",
        NotYet("dg has no FILE values yet")
    ),
];
