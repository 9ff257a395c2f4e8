//! Zoho's collection methods on both kinds of collection: an index-value collection is a List, a
//! key-value collection is a Map. Names the list and map tables already answer (get, size, insert,
//! sort of a list, …) are not repeated here; these tables come after them in the registry.

mod indexed;
mod keyed;

use super::{BuiltinError, BuiltinResult, MethodDef};
use crate::value::Value;

pub use indexed::METHODS as LIST_METHODS;
pub use keyed::METHODS as MAP_METHODS;

/// The `[start[, end]]` of `duplicate`: both optional, 0-based, end excluded and at most `len`.
fn duplicate_bounds(args: &[Value], len: usize) -> Result<(usize, usize), BuiltinError> {
    if args.is_empty() {
        return Ok((0, len));
    }
    super::args::slice_bounds(args, len, "duplicate", "collection", "size")
}

/// Text turned into a collection; the list and map receivers have their own entries.
pub static TEXT_METHODS: &[MethodDef] = &[
    method!(
        "toCollection",
        "",
        0..=0,
        text_to_collection,
        "JSON object text as a Map; other text as a List of its comma-separated parts"
    ),
    method!(
        "toListString",
        "",
        0..=0,
        text_to_list_string,
        "a List of the comma-separated parts of the text"
    ),
];

fn receiver_text(v: &Value) -> Result<&str, BuiltinError> {
    match v {
        Value::Text(t) => Ok(t),
        other => Err(BuiltinError::new(format!(
            "expected Text, got {}",
            other.type_name()
        ))),
    }
}

/// `"{k: v, …}"` (JSON, quoted or not) gives a key-value collection, `"[…]"` an index-value one;
/// other text, with any surrounding braces dropped, is split at its commas.
fn text_to_collection(v: &Value, _: &[Value]) -> BuiltinResult {
    let text = receiver_text(v)?.trim();
    if let Ok(parsed @ (Value::Map(_) | Value::List(_))) =
        super::xml::parse_lenient_json(text, "toCollection")
    {
        return Ok(parsed);
    }
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    crate::limits::check_pieces(inner, ",")?;
    Ok(Value::new_list(
        inner.split(',').map(|p| Value::text(p.trim())).collect(),
    ))
}

fn text_to_list_string(v: &Value, _: &[Value]) -> BuiltinResult {
    let text = receiver_text(v)?;
    crate::limits::check_pieces(text, ",")?;
    Ok(Value::new_list(text.split(',').map(Value::text).collect()))
}
