//! Argument and receiver helpers shared by the built-ins: typed views of arguments, character indexes.

use std::borrow::Cow;

use super::BuiltinError;
use crate::value::{ListRef, MapRef, Value};

/// The `i`-th argument as text; numbers, booleans and dates stand for their display text.
/// Null, lists and maps are refused (a list or map is almost always a mistake here).
pub(crate) fn text_like<'a>(
    args: &'a [Value],
    i: usize,
    what: &str,
) -> Result<Cow<'a, str>, BuiltinError> {
    match args.get(i) {
        Some(Value::Text(t)) => Ok(Cow::Borrowed(t)),
        Some(v @ (Value::Int(_) | Value::Decimal(_) | Value::Bool(_))) => {
            Ok(Cow::Owned(v.to_display()))
        }
        Some(v @ (Value::Date(_) | Value::DateTime(_) | Value::Time(_))) => {
            Ok(Cow::Owned(v.to_display()))
        }
        Some(other) => Err(expected("Text", other, what)),
        None => Err(missing(what)),
    }
}

/// The `i`-th argument as a Boolean.
pub(crate) fn bool_arg(args: &[Value], i: usize, what: &str) -> Result<bool, BuiltinError> {
    match args.get(i) {
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(expected("a Boolean", other, what)),
        None => Err(missing(what)),
    }
}

/// The `i`-th argument as a List.
pub(crate) fn list_arg<'a>(
    args: &'a [Value],
    i: usize,
    what: &str,
) -> Result<&'a ListRef, BuiltinError> {
    match args.get(i) {
        Some(Value::List(l)) => Ok(l),
        Some(other) => Err(expected("a List", other, what)),
        None => Err(missing(what)),
    }
}

/// The `i`-th argument as a Map.
pub(crate) fn map_arg<'a>(
    args: &'a [Value],
    i: usize,
    what: &str,
) -> Result<&'a MapRef, BuiltinError> {
    match args.get(i) {
        Some(Value::Map(m)) => Ok(m),
        Some(other) => Err(expected("a Map", other, what)),
        None => Err(missing(what)),
    }
}

/// "`what` expects T, got U" for an argument of the wrong type.
pub(crate) fn expected(wanted: &str, got: &Value, what: &str) -> BuiltinError {
    let err = BuiltinError::new(format!(
        "`{what}` expects {wanted}, got {}",
        got.type_name()
    ));
    if got.is_null() {
        err.with_help("the argument is null; supply a default with ifnull(value, …)")
    } else {
        err
    }
}

fn missing(what: &str) -> BuiltinError {
    BuiltinError::new(format!("`{what}` is missing an argument"))
}

/// The number of characters (not bytes) in a text. Most texts are ASCII, one byte a character, and
/// telling so takes a word at a time where counting takes a byte at a time.
pub(crate) fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The byte offset of character `index`; `index == char_len(s)` gives `s.len()`.
pub(crate) fn byte_at(s: &str, index: usize) -> Option<usize> {
    if index == 0 {
        return Some(0);
    }
    s.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .nth(index)
}

/// The character index of byte offset `byte` (which must fall on a character boundary).
pub(crate) fn char_index(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, char_len)
}

/// The `start[, end]` of `subString`/`subList` checked against a length: 0-based, end-exclusive,
/// the end defaulting to the length. `kind` and `size` name the receiver in errors ("Text", "length").
pub(crate) fn slice_bounds(
    args: &[Value],
    len: usize,
    what: &str,
    kind: &str,
    size: &str,
) -> Result<(usize, usize), BuiltinError> {
    let start = super::int_arg(args, 0, what)?;
    let end = match args.get(1) {
        Some(_) => super::int_arg(args, 1, what)?,
        None => len as i64,
    };
    let in_range = |i: i64| usize::try_from(i).ok().filter(|&i| i <= len);
    let (Some(from), Some(to)) = (in_range(start), in_range(end)) else {
        let bad = if in_range(start).is_none() {
            start
        } else {
            end
        };
        return Err(BuiltinError::new(format!(
            "index {bad} is out of range for a {kind} of {size} {len}"
        ))
        .with_help(format!(
            "indexes run from 0 to {len} (the {size}); the end index is excluded"
        )));
    };
    if from > to {
        return Err(
            BuiltinError::new(format!("start index {from} is after end index {to}"))
                .with_help(format!("`{what}(start, end)` needs start <= end")),
        );
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_in_ascii_and_beyond() {
        assert_eq!(char_len(""), 0);
        assert_eq!(char_len("Dublin, Ireland"), 15);
        assert_eq!(char_len("Zoë Ó Súilleabháin"), 18);
        assert_eq!(char_len("日本"), 2);
    }

    #[test]
    fn byte_offsets_follow_characters() {
        let s = "héllo";
        assert_eq!(byte_at(s, 0), Some(0));
        assert_eq!(byte_at(s, 2), Some(3));
        assert_eq!(byte_at(s, 5), Some(6));
        assert_eq!(byte_at(s, 6), None);
        assert_eq!(char_index(s, 3), 2);
    }

    #[test]
    fn text_like_accepts_numbers_but_not_null() {
        let args = [Value::Int(7), Value::Null];
        assert_eq!(text_like(&args, 0, "x").unwrap(), "7");
        assert!(text_like(&args, 1, "x").is_err());
    }
}
