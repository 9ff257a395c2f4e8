//! Text rewriting: case, trimming, removing occurrences, keeping or dropping letters and digits.

use super::{text, this};
use crate::builtins::args::text_like;
use crate::builtins::BuiltinResult;
use crate::value::Value;

pub(super) fn to_upper(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&this(v).to_uppercase())
}

pub(super) fn to_lower(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&this(v).to_lowercase())
}

/// Each word (a run after white space) starts upper case; every other letter becomes lower case.
pub(super) fn proper(v: &Value, _: &[Value]) -> BuiltinResult {
    let mut out = String::with_capacity(this(v).len());
    let mut word_start = true;
    for c in this(v).chars() {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = c.is_whitespace();
    }
    text(&out)
}

pub(super) fn trim(v: &Value, _: &[Value]) -> BuiltinResult {
    text(this(v).trim())
}

pub(super) fn ltrim(v: &Value, _: &[Value]) -> BuiltinResult {
    text(this(v).trim_start())
}

pub(super) fn rtrim(v: &Value, _: &[Value]) -> BuiltinResult {
    text(this(v).trim_end())
}

/// Every occurrence removed (plain text, not a regex).
pub(super) fn remove(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = text_like(args, 0, "remove")?;
    if needle.is_empty() {
        return text(this(v));
    }
    text(&this(v).replace(needle.as_ref(), ""))
}

pub(super) fn remove_first(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "removeFirstOccurence")?;
    match s.find(needle.as_ref()) {
        Some(b) => text(&format!("{}{}", &s[..b], &s[b + needle.len()..])),
        None => text(s),
    }
}

pub(super) fn remove_last(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "removeLastOccurence")?;
    match s.rfind(needle.as_ref()) {
        Some(b) => text(&format!("{}{}", &s[..b], &s[b + needle.len()..])),
        None => text(s),
    }
}

/// The characters that pass `keep`, in order.
fn filtered(v: &Value, keep: impl Fn(char) -> bool) -> BuiltinResult {
    text(&this(v).chars().filter(|&c| keep(c)).collect::<String>())
}

pub(super) fn get_alpha(v: &Value, _: &[Value]) -> BuiltinResult {
    filtered(v, char::is_alphabetic)
}

pub(super) fn get_alpha_numeric(v: &Value, _: &[Value]) -> BuiltinResult {
    filtered(v, char::is_alphanumeric)
}

pub(super) fn remove_all_alpha(v: &Value, _: &[Value]) -> BuiltinResult {
    filtered(v, |c| !c.is_alphabetic())
}

pub(super) fn remove_all_numeric(v: &Value, _: &[Value]) -> BuiltinResult {
    filtered(v, |c| !c.is_numeric())
}

pub(super) fn remove_all_alnum(v: &Value, _: &[Value]) -> BuiltinResult {
    filtered(v, |c| !c.is_alphanumeric())
}
