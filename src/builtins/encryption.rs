//! `zoho.encryption.*`: URL and base64 coding, HMAC signatures and message digests.
//!
//! HMACs come out in base64 by default (how Zoho's examples use them for API signatures); pass "hex"
//! as a third argument for lower-case hexadecimal. Digests (`md5`, `sha1`, `sha256`) are hexadecimal.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[super::FunctionDef] = &[];

use super::args::text_like;
use super::encode;
use super::{text_arg, BuiltinError, BuiltinResult};
use crate::value::Value;

pub(super) fn url_encode(args: &[Value]) -> BuiltinResult {
    let s = text_like(args, 0, "zoho.encryption.urlEncode")?;
    Ok(Value::text(&encode::url_encode(&s)))
}

pub(super) fn url_decode(args: &[Value]) -> BuiltinResult {
    let s = text_like(args, 0, "zoho.encryption.urlDecode")?;
    Ok(Value::text(&encode::url_decode(&s)?))
}

pub(super) fn base64_encode(args: &[Value]) -> BuiltinResult {
    let s = text_like(args, 0, "zoho.encryption.base64Encode")?;
    Ok(Value::text(&encode::base64_encode(s.as_bytes())))
}

pub(super) fn base64_decode(args: &[Value]) -> BuiltinResult {
    let s = text_like(args, 0, "zoho.encryption.base64Decode")?;
    Ok(Value::text(&encode::base64_decode(&s)?))
}

/// How a signature is written out.
enum Format {
    Base64,
    Hex,
}

fn format_arg(args: &[Value], what: &str) -> Result<Format, BuiltinError> {
    let Some(_) = args.get(2) else {
        return Ok(Format::Base64);
    };
    let f = text_arg(args, 2, what)
        .map_err(|e| e.with_help("the output format is \"base64\" (the default) or \"hex\""))?;
    match f.to_ascii_lowercase().as_str() {
        "base64" => Ok(Format::Base64),
        "hex" => Ok(Format::Hex),
        _ => Err(
            BuiltinError::new(format!("`{what}`: unknown output format {f:?}"))
                .with_help("the output format is \"base64\" (the default) or \"hex\""),
        ),
    }
}

fn written(bytes: &[u8], format: Format) -> Value {
    Value::text(&match format {
        Format::Base64 => encode::base64_encode(bytes),
        Format::Hex => encode::hex(bytes),
    })
}

fn sign<M: Mac + KeyInit>(args: &[Value], what: &str) -> BuiltinResult {
    let key = text_like(args, 0, what)?;
    let message = text_like(args, 1, what)?;
    let format = format_arg(args, what)?;
    let mut mac = <M as KeyInit>::new_from_slice(key.as_bytes())
        .map_err(|_| BuiltinError::new(format!("`{what}`: the key cannot be used")))?;
    mac.update(message.as_bytes());
    Ok(written(&mac.finalize().into_bytes(), format))
}

pub(super) fn hmac_sha256(args: &[Value]) -> BuiltinResult {
    sign::<Hmac<Sha256>>(args, "zoho.encryption.hmacsha256")
}

pub(super) fn hmac_sha1(args: &[Value]) -> BuiltinResult {
    sign::<Hmac<Sha1>>(args, "zoho.encryption.hmacsha1")
}

fn digest<D: Digest>(args: &[Value], what: &str) -> BuiltinResult {
    let s = text_like(args, 0, what)?;
    Ok(Value::text(&encode::hex(&D::digest(s.as_bytes()))))
}

pub(super) fn md5(args: &[Value]) -> BuiltinResult {
    digest::<md5::Md5>(args, "zoho.encryption.md5")
}

pub(super) fn sha1(args: &[Value]) -> BuiltinResult {
    digest::<Sha1>(args, "zoho.encryption.sha1")
}

pub(super) fn sha256(args: &[Value]) -> BuiltinResult {
    digest::<Sha256>(args, "zoho.encryption.sha256")
}
