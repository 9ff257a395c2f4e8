//! Building and encoding text: `concat`, `repeat`, `equals`, the ASCII test and hexadecimal text.

use super::{text, this};
use crate::builtins::args::text_like;
use crate::builtins::{encode, int_arg, BuiltinError, BuiltinResult};
use crate::limits;
use crate::value::Value;

/// The receiver with the argument appended (a number or date stands for its text).
pub(super) fn concat(v: &Value, args: &[Value]) -> BuiltinResult {
    let tail = text_like(args, 0, "concat")?;
    let s = this(v);
    limits::check_text(s.len() + tail.len())?;
    text(&format!("{s}{tail}"))
}

/// The text `count` times over; a count of 0 gives empty text.
pub(super) fn repeat(v: &Value, args: &[Value]) -> BuiltinResult {
    let n = int_arg(args, 0, "repeat")?;
    let count = usize::try_from(n)
        .map_err(|_| BuiltinError::new(format!("`repeat` needs a count of 0 or more, got {n}")))?;
    let s = this(v);
    let total = s.len().saturating_mul(count);
    limits::check_text(total)?;
    text(&s.repeat(count))
}

/// Case-sensitive equality; a null argument is simply unequal.
pub(super) fn equals(v: &Value, args: &[Value]) -> BuiltinResult {
    if args[0].is_null() {
        return Ok(Value::Bool(false));
    }
    let other = text_like(args, 0, "equals")?;
    Ok(Value::Bool(this(v) == other.as_ref()))
}

/// True when every character is ASCII (so empty text is ASCII).
pub(super) fn is_ascii(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v).is_ascii()))
}

/// The UTF-8 bytes as lower-case hexadecimal digits: `"Hi"` is `4869`.
pub(super) fn text_to_hex(v: &Value, _: &[Value]) -> BuiltinResult {
    let s = this(v);
    limits::check_text(s.len().saturating_mul(2))?;
    text(&encode::hex(s.as_bytes()))
}

/// Hexadecimal digits (either case) read as UTF-8 bytes.
pub(super) fn hex_to_text(v: &Value, _: &[Value]) -> BuiltinResult {
    let s = this(v);
    let digits = s.as_bytes();
    let bad = |why: &str| {
        BuiltinError::new(format!("`hexToText`: {why}"))
            .with_help("hexToText() reads pairs of hexadecimal digits, e.g. \"4869\" is \"Hi\"")
    };
    if let Some(c) = s.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(bad(&format!("{c:?} is not a hexadecimal digit")));
    }
    if digits.len() % 2 != 0 {
        return Err(bad("the text has an odd number of digits"));
    }
    let mut bytes = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks(2) {
        let digit = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
        bytes.push(digit(pair[0]) << 4 | digit(pair[1]));
    }
    let decoded = String::from_utf8(bytes).map_err(|_| bad("the bytes are not UTF-8 text"))?;
    text(&decoded)
}
