//! `zoho.encryption.*`: URL, base64 and base32 coding, message digests, HMAC signatures and AES.
//!
//! HMACs come out in base64 by default (how Zoho's examples use them for API signatures); digests
//! in lower-case hexadecimal. Both take an output type: "hex", "base64" or "binary".

mod aes;
mod charset;
mod hash;

use super::args::text_like;
use super::{encode, BuiltinResult, FunctionDef};
use crate::value::Value;
use charset::{charset_arg, decode_text, encode_text};

/// The `zoho.encryption.*` functions (they have no receiver, so no method form).
pub static FUNCTIONS: &[FunctionDef] = &[
    function!(
        "zoho.encryption.urlEncode",
        "text",
        1..=1,
        url_encode,
        "URL-encoded text (space as %20); null for anything but text"
    ),
    function!(
        "zoho.encryption.urlDecode",
        "text",
        1..=1,
        url_decode,
        "URL-decoded text (+ as space); null for anything but text"
    ),
    function!(
        "zoho.encryption.base64Encode",
        "text, charset",
        1..=2,
        base64_encode,
        "the text's bytes (UTF-8, or UTF-16LE/UTF-16BE) in base64"
    ),
    function!(
        "zoho.encryption.base64Decode",
        "text, charset",
        1..=2,
        base64_decode,
        "base64 decoded to text, reading the bytes as UTF-8 (or UTF-16LE/UTF-16BE)"
    ),
    function!(
        "zoho.encryption.base32Encode",
        "text, charset",
        1..=2,
        base32_encode,
        "the text's bytes (UTF-8, or UTF-16LE/UTF-16BE) in base32 (RFC 4648)"
    ),
    function!(
        "zoho.encryption.base32Decode",
        "text, charset",
        1..=2,
        base32_decode,
        "base32 decoded to text, reading the bytes as UTF-8 (or UTF-16LE/UTF-16BE)"
    ),
    function!(
        "zoho.encryption.hmacsha256",
        "key, message, format",
        2..=3,
        hash::hmac_sha256,
        "HMAC-SHA256 signature, \"base64\" (default), \"hex\" or \"binary\""
    ),
    function!(
        "zoho.encryption.hmacsha512",
        "key, message, format",
        2..=3,
        hash::hmac_sha512,
        "HMAC-SHA512 signature, \"base64\" (default), \"hex\" or \"binary\""
    ),
    function!(
        "zoho.encryption.hmacsha1",
        "key, message, format",
        2..=3,
        hash::hmac_sha1,
        "HMAC-SHA1 signature, \"base64\" (default) or \"hex\""
    ),
    function!(
        "zoho.encryption.md5",
        "text",
        1..=1,
        hash::md5,
        "MD5 digest in hexadecimal"
    ),
    function!(
        "zoho.encryption.sha1",
        "text",
        1..=1,
        hash::sha1,
        "SHA-1 digest in hexadecimal"
    ),
    function!(
        "zoho.encryption.sha256",
        "text, format",
        1..=2,
        hash::sha256,
        "SHA-256 digest, \"hex\" (default), \"base64\" or \"binary\""
    ),
    function!(
        "zoho.encryption.sha512",
        "text, format",
        1..=2,
        hash::sha512,
        "SHA-512 digest, \"hex\" (default), \"base64\" or \"binary\""
    ),
    function!(
        "zoho.encryption.aesEncode",
        "key, text, iv",
        2..=3,
        aes::aes_encode,
        "AES-256-CBC in base64; without an IV a random one goes in front"
    ),
    function!(
        "zoho.encryption.aesDecode",
        "key, encrypted, iv",
        2..=3,
        aes::aes_decode,
        "reverses aesEncode"
    ),
    function!(
        "zoho.encryption.aesEncode128",
        "key, text, iv, iterations",
        2..=4,
        aes::aes_encode_128,
        "AES-128-CBC in base64; without an IV a random one goes in front"
    ),
    function!(
        "zoho.encryption.aesDecode128",
        "key, encrypted, iv, iterations",
        2..=4,
        aes::aes_decode_128,
        "reverses aesEncode128"
    ),
];

/// Zoho: "except TEXT, all other data types will return null".
fn url_encode(args: &[Value]) -> BuiltinResult {
    Ok(match &args[0] {
        Value::Text(t) => Value::text(&encode::url_encode_percent(t)),
        _ => Value::Null,
    })
}

fn url_decode(args: &[Value]) -> BuiltinResult {
    Ok(match &args[0] {
        Value::Text(t) => Value::text(&encode::url_decode(t)?),
        _ => Value::Null,
    })
}

fn base64_encode(args: &[Value]) -> BuiltinResult {
    let what = "zoho.encryption.base64Encode";
    let bytes = encode_text(&text_like(args, 0, what)?, charset_arg(args, 1, what)?);
    Ok(Value::text(&encode::base64_encode(&bytes)))
}

fn base64_decode(args: &[Value]) -> BuiltinResult {
    let what = "zoho.encryption.base64Decode";
    let charset = charset_arg(args, 1, what)?;
    let bytes = encode::base64_decode_bytes(&text_like(args, 0, what)?)?;
    Ok(Value::text(&decode_text(&bytes, charset)))
}

fn base32_encode(args: &[Value]) -> BuiltinResult {
    let what = "zoho.encryption.base32Encode";
    let bytes = encode_text(&text_like(args, 0, what)?, charset_arg(args, 1, what)?);
    Ok(Value::text(&encode::base32_encode(&bytes)))
}

fn base32_decode(args: &[Value]) -> BuiltinResult {
    let what = "zoho.encryption.base32Decode";
    let charset = charset_arg(args, 1, what)?;
    let bytes = encode::base32_decode(&text_like(args, 0, what)?)?;
    Ok(Value::text(&decode_text(&bytes, charset)))
}
