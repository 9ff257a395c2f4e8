//! The character sets Zoho's base64 and base32 functions take: UTF-8 (the default), UTF-16LE and
//! UTF-16BE (UTF-16 is big-endian behind a byte-order mark, as in Java).

use crate::builtins::{text_arg, BuiltinError};
use crate::value::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf16,
}

/// The optional charset argument at `i`, by name in any letter case.
pub(super) fn charset_arg(args: &[Value], i: usize, what: &str) -> Result<Charset, BuiltinError> {
    if args.get(i).is_none() {
        return Ok(Charset::Utf8);
    }
    let name = text_arg(args, i, what)?;
    match name.to_ascii_uppercase().replace('_', "-").as_str() {
        "UTF-8" | "UTF8" => Ok(Charset::Utf8),
        "UTF-16LE" => Ok(Charset::Utf16Le),
        "UTF-16BE" => Ok(Charset::Utf16Be),
        "UTF-16" => Ok(Charset::Utf16),
        _ => Err(
            BuiltinError::new(format!("`{what}`: unknown character set {name:?}")).with_help(
                "the character set is \"UTF-8\" (the default), \"UTF-16LE\" or \"UTF-16BE\"",
            ),
        ),
    }
}

pub(super) fn encode_text(text: &str, charset: Charset) -> Vec<u8> {
    let units = text.encode_utf16();
    match charset {
        Charset::Utf8 => text.as_bytes().to_vec(),
        Charset::Utf16Le => units.flat_map(u16::to_le_bytes).collect(),
        Charset::Utf16Be => units.flat_map(u16::to_be_bytes).collect(),
        Charset::Utf16 => [0xFE, 0xFF]
            .into_iter()
            .chain(units.flat_map(u16::to_be_bytes))
            .collect(),
    }
}

/// Bytes read as text; what is not valid in the charset becomes U+FFFD.
pub(super) fn decode_text(bytes: &[u8], charset: Charset) -> String {
    let units = |big: bool, bytes: &[u8]| -> Vec<u16> {
        bytes
            .chunks(2)
            .map(|pair| match (pair, big) {
                ([a, b], true) => u16::from_be_bytes([*a, *b]),
                ([a, b], false) => u16::from_le_bytes([*a, *b]),
                _ => 0xFFFD,
            })
            .collect()
    };
    let utf16 = |big, bytes| String::from_utf16_lossy(&units(big, bytes));
    match charset {
        Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Charset::Utf16Le => utf16(false, bytes),
        Charset::Utf16Be => utf16(true, bytes),
        Charset::Utf16 => match bytes {
            [0xFF, 0xFE, rest @ ..] => utf16(false, rest),
            [0xFE, 0xFF, rest @ ..] => utf16(true, rest),
            _ => utf16(true, bytes),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_both_ways() {
        for cs in [
            Charset::Utf8,
            Charset::Utf16Le,
            Charset::Utf16Be,
            Charset::Utf16,
        ] {
            assert_eq!(
                decode_text(&encode_text("api_key é日", cs), cs),
                "api_key é日"
            );
        }
        assert_eq!(encode_text("a", Charset::Utf16Le), vec![0x61, 0]);
    }
}
