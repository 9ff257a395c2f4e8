//! Text conversions: splitting, numbers, JSON (`toMap`, `toJSONList`, `getJSON`, `get`), URL and base64.

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{text, this};
use crate::builtins::args::text_like;
use crate::builtins::{encode, BuiltinError, BuiltinResult};
use crate::value::{from_json_text, from_lenient_json, Value};

/// The parts between separators; empty text gives an empty list. With no separator the text is
/// split at commas: Zoho's page says the whole text becomes one element, but the loop idiom that
/// real scripts depend on (`leftpad("1", n).replaceAll(" ", "1,").toList()`) only works when it
/// splits at commas, so dg follows the scripts (noted in docs/functions.md).
pub(super) fn to_list(v: &Value, args: &[Value]) -> BuiltinResult {
    let text = this(v);
    let sep = match args.first() {
        None => std::borrow::Cow::Borrowed(","),
        Some(_) => text_like(args, 0, "toList")?,
    };
    crate::limits::check_pieces(text, &sep)?;
    let parts: Vec<Value> = if text.is_empty() {
        Vec::new()
    } else if sep.is_empty() {
        text.chars()
            .map(|c| Value::Text(Rc::from(c.to_string())))
            .collect()
    } else {
        text.split(sep.as_ref()).map(Value::text).collect()
    };
    Ok(Value::new_list(parts))
}

/// `toLong` and `toNumber`: whole-number text (surrounding white space allowed).
pub(super) fn to_long(v: &Value, _: &[Value]) -> BuiltinResult {
    let text = this(v).trim();
    text.parse::<i64>().map(Value::Int).map_err(|_| {
        BuiltinError::new(format!("cannot convert {:?} to a Number", this(v)))
            .with_help("toLong() needs whole-number text such as \"42\"")
    })
}

/// Decimal text such as `"12.50"`, `"-3"` or `"1.5E3"`.
pub(super) fn to_decimal(v: &Value, _: &[Value]) -> BuiltinResult {
    let text = this(v).trim();
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map(Value::Decimal)
        .map_err(|_| {
            BuiltinError::new(format!("cannot convert {:?} to a Decimal", this(v)))
                .with_help("toDecimal() needs number text such as \"12.5\"")
        })
}

pub(super) fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v).is_empty()))
}

pub(super) fn is_blank(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v).trim().is_empty()))
}

/// The text parsed as JSON, or else as Zoho's relaxed JSON (`{company:Zoho}`), or an error naming
/// what the caller wanted (with strict JSON's complaint).
fn parse_json(s: &str, what: &str, example: &str) -> BuiltinResult {
    from_json_text(s)
        .or_else(|e| from_lenient_json(s).map_err(|_| e))
        .map_err(|e| {
            let shown = if s.chars().count() > 40 {
                format!("starts {:?}", s.chars().take(40).collect::<String>())
            } else {
                format!("is {s:?}")
            };
            BuiltinError::new(format!("`{what}`: the text is not valid JSON ({e})")).with_help(
                format!("{what}() reads text as JSON such as {example}; this text {shown}"),
            )
        })
}

pub(super) fn to_map(v: &Value, _: &[Value]) -> BuiltinResult {
    match parse_json(this(v), "toMap", r#"{"id":1}"#)? {
        m @ Value::Map(_) => Ok(m),
        other => Err(BuiltinError::new(format!(
            "`toMap`: the text holds a JSON {}, not an object",
            json_kind(&other)
        ))
        .with_help(
            "toMap() needs JSON object text such as {\"id\":1}; use toJSONList() for [ … ]",
        )),
    }
}

pub(super) fn to_json_list(v: &Value, _: &[Value]) -> BuiltinResult {
    match parse_json(this(v), "toJSONList", "[1,2]")? {
        l @ Value::List(_) => Ok(l),
        other => Err(BuiltinError::new(format!(
            "`toJSONList`: the text holds a JSON {}, not an array",
            json_kind(&other)
        ))
        .with_help("toJSONList() needs JSON array text such as [1,2]; use toMap() for { … }")),
    }
}

pub(super) fn get_json(v: &Value, args: &[Value]) -> BuiltinResult {
    json_member(this(v), &args[0], "getJSON")
}

pub(super) fn get(v: &Value, args: &[Value]) -> BuiltinResult {
    json_member(this(v), &args[0], "get")
}

/// A key of JSON object text (null when missing), or an element of JSON array text by 0-based index.
fn json_member(s: &str, key: &Value, what: &str) -> BuiltinResult {
    match parse_json(s, what, r#"{"id":1}"#)? {
        Value::Map(m) => Ok(m.borrow().get(&key.to_key()).cloned().unwrap_or_default()),
        Value::List(items) => {
            let items = items.borrow();
            let Value::Int(i) = key else {
                return Err(BuiltinError::new(format!(
                    "`{what}`: the text holds a JSON array, which is read by index, not by {}",
                    key.type_name()
                )));
            };
            usize::try_from(*i)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .ok_or_else(|| {
                    BuiltinError::new(format!(
                        "index {i} is out of range for a JSON array of size {}",
                        items.len()
                    ))
                })
        }
        other => Err(BuiltinError::new(format!(
            "`{what}`: the text holds a JSON {}, which has no keys",
            json_kind(&other)
        ))
        .with_help(format!(
            "{what}(key) on text needs a JSON object such as {{\"id\":1}}"
        ))),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Decimal(_) => "number",
        Value::Text(_) => "string",
        Value::List(_) => "array",
        _ => "object",
    }
}

pub(super) fn encode_url(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&encode::url_encode(this(v)))
}

pub(super) fn url_decode(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&encode::url_decode(this(v))?)
}

pub(super) fn base64_encode(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&encode::base64_encode(this(v).as_bytes()))
}

pub(super) fn base64_decode(v: &Value, _: &[Value]) -> BuiltinResult {
    text(&encode::base64_decode(this(v))?)
}
