//! URL, base64 and base32 encoding shared by the text methods, the global functions and `zoho.encryption.*`.
//!
//! URL encoding follows Java's `URLEncoder` (what Deluge runs on): letters, digits and `. - * _` stay,
//! a space becomes `+`, every other byte of the UTF-8 text becomes `%XX`.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, DecodeError, Engine};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::BuiltinError;

/// Every byte but ASCII letters, digits, `.`, `-`, `*` and `_` is escaped (space is handled first).
const URL_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'*')
    .remove(b'_');

pub(crate) fn url_encode(s: &str) -> String {
    s.split(' ')
        .map(|part| utf8_percent_encode(part, URL_ESCAPED).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// zoho.encryption.urlEncode: as `url_encode`, but a space is `%20` (the one difference Zoho states).
pub(crate) fn url_encode_percent(s: &str) -> String {
    utf8_percent_encode(s, URL_ESCAPED).to_string()
}

/// `+` is a space and `%XX` a byte; a `%` not followed by two hex digits is an error, as in Java.
pub(crate) fn url_decode(s: &str) -> Result<String, BuiltinError> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices('%') {
        let hex = bytes.get(i + 1..i + 3);
        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
            return Err(BuiltinError::new(format!(
                "cannot URL-decode {s:?}: a `%` is not followed by two hex digits"
            ))
            .with_help("a literal percent sign is written %25 in URL-encoded text"));
        }
    }
    let spaced = s.replace('+', " ");
    Ok(percent_decode_str(&spaced).decode_utf8_lossy().into_owned())
}

pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Accepts the standard alphabet with or without `=` padding, and ignores white space (line breaks
/// of MIME-style base64).
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub(crate) fn base64_decode_bytes(s: &str) -> Result<Vec<u8>, BuiltinError> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    LENIENT.decode(compact.as_bytes()).map_err(|e| {
        let why = match e {
            DecodeError::InvalidByte(_, b'=') => "`=` may only pad the end".to_string(),
            DecodeError::InvalidByte(_, byte) => {
                format!("{:?} is not a base64 character", char::from(byte))
            }
            DecodeError::InvalidLength(n) => {
                format!(
                    "{n} base64 characters cannot be complete (a character is missing or extra)"
                )
            }
            DecodeError::InvalidLastSymbol { symbol, .. } => format!(
                "the last character {:?} does not end a base64 text",
                char::from(symbol)
            ),
            DecodeError::InvalidPadding => "the `=` padding is wrong".to_string(),
        };
        BuiltinError::new(format!("cannot base64-decode the text: {why}"))
            .with_help("base64 text uses A-Z, a-z, 0-9, + and /, padded with =")
    })
}

/// Decodes base64 to text; bytes that are not UTF-8 become U+FFFD.
pub(crate) fn base64_decode(s: &str) -> Result<String, BuiltinError> {
    let bytes = base64_decode_bytes(s)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32, padded with `=` to a multiple of 8 characters.
pub(crate) fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut block = [0u8; 5];
        block[..chunk.len()].copy_from_slice(chunk);
        let bits = block.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(char::from(BASE32[(bits >> (35 - 5 * i) & 31) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// RFC 4648 base32 in either letter case, with or without `=` padding; white space is ignored.
pub(crate) fn base32_decode(s: &str) -> Result<Vec<u8>, BuiltinError> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut bits, mut count) = (0u64, 0u32);
    for c in s
        .trim_end_matches(|c: char| c == '=' || c.is_whitespace())
        .chars()
    {
        if c.is_whitespace() {
            continue;
        }
        let value = BASE32
            .iter()
            .position(|&b| char::from(b) == c.to_ascii_uppercase())
            .ok_or_else(|| {
                BuiltinError::new(format!(
                    "cannot base32-decode the text: {c:?} is not a base32 character"
                ))
                .with_help("base32 text uses A-Z and 2-7, padded with =")
            })?;
        bits = (bits << 5 | value as u64) & 0xFFFF;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Ok(out)
}

/// Lower-case hexadecimal digits of some bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_matches_java() {
        assert_eq!(url_encode("a b&c=d/é*"), "a+b%26c%3Dd%2F%C3%A9*");
        assert_eq!(url_decode("a+b%26c%3Dd%2F%C3%A9").unwrap(), "a b&c=d/é");
        assert!(url_decode("100%").is_err());
        assert!(url_decode("%zz").is_err());
    }

    #[test]
    fn base64_round_trips_and_tolerates_missing_padding() {
        assert_eq!(base64_encode("Zoho".as_bytes()), "Wm9obw==");
        assert_eq!(base64_decode("Wm9obw==").unwrap(), "Zoho");
        assert_eq!(base64_decode("Wm9obw").unwrap(), "Zoho");
        assert!(base64_decode("not base64!").is_err());
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI======");
        assert_eq!(
            base32_encode(b"john@zylker.com"),
            "NJXWQ3SAPJ4WY23FOIXGG33N"
        );
        assert_eq!(base32_decode("MZXW6YTBOI======").unwrap(), b"foobar");
        assert_eq!(base32_decode("mzxw6ytboi").unwrap(), b"foobar");
        assert!(base32_decode("M1").is_err());
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }
}
