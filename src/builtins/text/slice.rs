//! Text slicing by character index (`subString`, `mid`, `left`, `right`), padding and reversal.

use super::{count_arg, text, this};
use crate::builtins::args::slice_bounds;
use crate::builtins::args::{byte_at, char_len, text_like};
use crate::builtins::{int_arg, BuiltinError, BuiltinResult};
use crate::value::Value;

/// `subString(start[, end])`: 0-based, end excluded, the end defaults to the end of the text.
pub(super) fn sub_string(v: &Value, args: &[Value]) -> BuiltinResult {
    slice(this(v), args, "subString")
}

/// `mid(start[, end])`: the same slice as `subString`.
pub(super) fn mid(v: &Value, args: &[Value]) -> BuiltinResult {
    slice(this(v), args, "mid")
}

/// A negative end is ignored (the slice runs to the end of the text), as Zoho documents.
fn slice(s: &str, args: &[Value], what: &str) -> BuiltinResult {
    let args = match args.get(1) {
        Some(Value::Int(end)) if *end < 0 => &args[..1],
        _ => args,
    };
    let (from, to) = slice_bounds(args, char_len(s), what, "Text", "length")?;
    match (byte_at(s, from), byte_at(s, to)) {
        (Some(a), Some(b)) => text(&s[a..b]),
        _ => text(""),
    }
}

/// The first `n` characters. Zoho: a negative count gives the whole text, a count beyond the
/// length is an error.
pub(super) fn left(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    if int_arg(args, 0, "left")? < 0 {
        return text(s);
    }
    let n = within_length(s, args, "left")?;
    text(byte_at(s, n).map_or(s, |b| &s[..b]))
}

/// The last `n` characters. Zoho: a negative count or one beyond the length is an error.
pub(super) fn right(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let n = within_length(s, args, "right")?;
    let len = char_len(s);
    text(byte_at(s, len - n).map_or(s, |b| &s[b..]))
}

/// A count from 0 to the text's length.
fn within_length(s: &str, args: &[Value], what: &str) -> Result<usize, BuiltinError> {
    let n = count_arg(args, 0, what)?;
    let len = char_len(s);
    if n > len {
        return Err(BuiltinError::new(format!(
            "`{what}({n})` is beyond the end of a text of length {len}"
        ))
        .with_help(format!("the count may be at most the length, {len}")));
    }
    Ok(n)
}

pub(crate) fn left_pad(v: &Value, args: &[Value]) -> BuiltinResult {
    pad(this(v), args, "leftPad", true)
}

pub(crate) fn right_pad(v: &Value, args: &[Value]) -> BuiltinResult {
    pad(this(v), args, "rightPad", false)
}

/// Longest result a pad may build, so a typo like `leftPad(1000000000)` fails instead of eating memory.
const MAX_PAD: usize = 1 << 20;

/// Pads to `length` characters with a single character (a space by default); longer text, or a
/// negative length, leaves the text unchanged.
fn pad(s: &str, args: &[Value], what: &str, on_left: bool) -> BuiltinResult {
    if int_arg(args, 0, what)? < 0 {
        return text(s);
    }
    let target = count_arg(args, 0, what)?;
    if target > MAX_PAD {
        return Err(BuiltinError::new(format!(
            "`{what}` length {target} is too large (at most {MAX_PAD})"
        )));
    }
    let fill = match args.get(1) {
        Some(_) => {
            let p = text_like(args, 1, what)?;
            let mut chars = p.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(BuiltinError::new(format!(
                        "`{what}` pads with one character, got {:?}",
                        p.as_ref()
                    ))
                    .with_help(format!("e.g. value.{what}(8, \"0\")")))
                }
            }
        }
        None => ' ',
    };
    let len = char_len(s);
    if target <= len {
        return text(s);
    }
    let padding: String = std::iter::repeat_n(fill, target - len).collect();
    if on_left {
        text(&(padding + s))
    } else {
        text(&(s.to_string() + &padding))
    }
}

pub(super) fn reverse(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&this(v).chars().rev().collect::<String>())
}
