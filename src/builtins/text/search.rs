//! Text search: contains, starts/ends with, case-insensitive tests, indexes, counts, prefix and suffix.

use std::ops::Range;

use super::pattern::find_ignore_case;
use super::{text, this};
use crate::builtins::args::{char_index, text_like};
use crate::builtins::BuiltinResult;
use crate::value::Value;

pub(super) fn contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = text_like(args, 0, "contains")?;
    Ok(Value::Bool(this(v).contains(needle.as_ref())))
}

pub(super) fn not_contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = text_like(args, 0, "notContains")?;
    Ok(Value::Bool(!this(v).contains(needle.as_ref())))
}

pub(super) fn contains_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = text_like(args, 0, "containsIgnoreCase")?.to_lowercase();
    Ok(Value::Bool(this(v).to_lowercase().contains(&needle)))
}

pub(super) fn starts_with(v: &Value, args: &[Value]) -> BuiltinResult {
    let prefix = text_like(args, 0, "startsWith")?;
    Ok(Value::Bool(this(v).starts_with(prefix.as_ref())))
}

pub(super) fn starts_with_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    let prefix = text_like(args, 0, "startsWithIgnoreCase")?.to_lowercase();
    Ok(Value::Bool(this(v).to_lowercase().starts_with(&prefix)))
}

pub(super) fn ends_with(v: &Value, args: &[Value]) -> BuiltinResult {
    let suffix = text_like(args, 0, "endsWith")?;
    Ok(Value::Bool(this(v).ends_with(suffix.as_ref())))
}

pub(super) fn ends_with_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    let suffix = text_like(args, 0, "endsWithIgnoreCase")?.to_lowercase();
    Ok(Value::Bool(this(v).to_lowercase().ends_with(&suffix)))
}

/// Equality ignoring case; a null argument is simply unequal.
pub(super) fn equals_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    if args[0].is_null() {
        return Ok(Value::Bool(false));
    }
    let other = text_like(args, 0, "equalsIgnoreCase")?;
    Ok(Value::Bool(this(v).to_lowercase() == other.to_lowercase()))
}

/// Character index of the first occurrence; an empty needle is found at 0.
pub(super) fn index_of(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "indexOf")?;
    Ok(Value::Int(
        s.find(needle.as_ref())
            .map_or(-1, |b| char_index(s, b) as i64),
    ))
}

/// Character index of the last occurrence; an empty needle is found at the end.
pub(super) fn last_index_of(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "lastIndexOf")?;
    Ok(Value::Int(
        s.rfind(needle.as_ref())
            .map_or(-1, |b| char_index(s, b) as i64),
    ))
}

/// Non-overlapping occurrences; an empty needle occurs 0 times.
pub(super) fn get_occurence(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = text_like(args, 0, "getOccurence")?;
    if needle.is_empty() {
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(this(v).matches(needle.as_ref()).count() as i64))
}

/// The text before the first occurrence, or null when it does not occur.
pub(super) fn get_prefix(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "getPrefix")?;
    let found = s.find(needle.as_ref()).map(|b| b..b + needle.len());
    around(s, found, true)
}

/// The text after the first occurrence, or null when it does not occur.
pub(super) fn get_suffix(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "getSuffix")?;
    let found = s.find(needle.as_ref()).map(|b| b..b + needle.len());
    around(s, found, false)
}

pub(super) fn get_prefix_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "getPrefixIgnoreCase")?;
    around(s, find_ignore_case(s, &needle)?, true)
}

pub(super) fn get_suffix_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    let s = this(v);
    let needle = text_like(args, 0, "getSuffixIgnoreCase")?;
    around(s, find_ignore_case(s, &needle)?, false)
}

/// The text before (or after) a found range of bytes; null when nothing was found.
fn around(s: &str, found: Option<Range<usize>>, before: bool) -> BuiltinResult {
    match found {
        Some(r) if before => text(&s[..r.start]),
        Some(r) => text(&s[r.end..]),
        None => Ok(Value::Null),
    }
}
