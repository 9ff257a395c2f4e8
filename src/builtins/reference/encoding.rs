//! Zoho's encryption and encoding functions, and the JSON and XML functions.

use super::{zoho, Entry};

pub static ENTRIES: &[Entry] = &[zoho!(
    "base64Encode",
    Encoding,
    "zoho.encryption.base64Encode(text) | base64Encode(text)",
    "the text's UTF-8 bytes in base64",
    "zoho.encryption.base64Encode(\"hi\")" => "aGk="
)];
