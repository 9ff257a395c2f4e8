//! Methods every value answers to (`toString`, `toText`, `isNull`, the type tests), and the few
//! allowed on null. A type's own table comes first, so these are the fallbacks.

use super::type_checks::{is_blank, is_date, is_number, is_text};
use super::{find_method, BuiltinError, BuiltinResult, MethodDef};
use crate::value::{TypeTag, Value};

pub static COMMON_METHODS: &[MethodDef] = &[
    method!(
        "toString",
        "",
        0..=0,
        to_string,
        "the value as text, as `info` shows it"
    ),
    method!(
        "toText",
        "format",
        0..=2,
        to_text,
        "toString: the value as text (a date by a pattern and time zone)"
    ),
    method!(
        "toNumber",
        "",
        0..=0,
        to_number,
        "toLong: the value as a whole number"
    ),
    method!(
        "isNull",
        "",
        0..=0,
        is_null,
        "true for null and for empty text"
    ),
    method!(
        "isBlank",
        "",
        0..=0,
        is_blank,
        "true for null, blank text, an empty list or map"
    ),
    method!(
        "isNumber",
        "",
        0..=0,
        is_number,
        "true for a number or number text (null for a list or map)"
    ),
    method!(
        "isText",
        "",
        0..=0,
        is_text,
        "true for text that is neither a number nor a date"
    ),
    method!(
        "isDate",
        "",
        0..=0,
        is_date,
        "true for a date, a date-time or text holding one"
    ),
    method!(
        "reverse",
        "",
        0..=0,
        reverse,
        "the value's text in reverse order"
    ),
];

/// Methods of lists and maps (and so of collections) that their own tables do not have.
pub static CONTAINER_METHODS: &[MethodDef] = &[
    method!(
        "notContains",
        "value",
        1..=1,
        not_contains,
        "true when a list lacks the value or a map the key"
    ),
    method!(
        "toListString",
        "",
        0..=0,
        to_list_string,
        "comma-separated text (or a list) as a list of texts"
    ),
    method!(
        "toJSONList",
        "",
        0..=0,
        to_json_list,
        "a list as itself (what getJSON gives for a JSON array)"
    ),
];

pub static NULL_METHODS: &[MethodDef] = &[
    method!(
        "isNull",
        "",
        0..=0,
        is_null,
        "true for null and for empty text"
    ),
    method!("isBlank", "", 0..=0, is_blank, "true for null"),
    method!("isNumber", "", 0..=0, is_number, "false for null"),
    method!("isText", "", 0..=0, is_text, "false for null"),
    method!("isDate", "", 0..=0, is_date, "false for null"),
];

fn to_string(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match v {
        Value::Text(t) => Value::Text(t.clone()),
        other => {
            let shown = other.to_display();
            crate::limits::check_text(shown.len())?;
            Value::text(&shown)
        }
    })
}

/// `toText()` is `toString()`. With a format, a date goes to its own `toString(format[, zone])`;
/// text holding a date-time is read and formatted, and any other text comes back as it is (Zoho:
/// "if the function fails to recognise the date-time value, it returns the given value").
fn to_text(v: &Value, args: &[Value]) -> BuiltinResult {
    if args.is_empty() {
        return to_string(v, args);
    }
    let as_date = match v {
        Value::Date(_) | Value::DateTime(_) => Some(v.clone()),
        Value::Text(_) => {
            find_method(TypeTag::Text, "toDateTime").and_then(|m| (m.func)(v, &[]).ok())
        }
        _ => None,
    };
    match as_date {
        Some(date) => match find_method(date.tag(), "toString") {
            Some(m) if args.len() <= m.max_args => (m.func)(&date, args),
            _ => Err(BuiltinError::new(format!(
                "`toText` with {} arguments is not supported for {} yet",
                args.len(),
                date.type_name()
            ))),
        },
        None => to_string(v, &[]),
    }
}

/// `toNumber` is Zoho's other name for `toLong` (a date-time gives its epoch milliseconds).
fn to_number(v: &Value, args: &[Value]) -> BuiltinResult {
    match find_method(v.tag(), "toLong") {
        Some(m) => (m.func)(v, args),
        None => Err(super::args::expected(
            "a number, number text or a date-time",
            v,
            "toNumber",
        )),
    }
}

/// `isNull` treats empty text as null, as Deluge does (`"".isNull()` is true, `" ".isNull()` false).
pub fn is_null_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Text(t) => t.is_empty(),
        _ => false,
    }
}

fn is_null(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(is_null_value(v)))
}

/// The negation of a list's `contains` (by value) or a map's `containsKey` (Zoho checks the keys).
fn not_contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let test = match v {
        Value::List(_) => "contains",
        Value::Map(_) => "containsKey",
        other => {
            return Err(super::args::expected(
                "Text, a List or a Map",
                other,
                "notContains",
            ))
        }
    };
    let Some(m) = find_method(v.tag(), test) else {
        return Err(BuiltinError::new(format!(
            "`notContains` is not available on {}",
            v.type_name()
        )));
    };
    match (m.func)(v, args)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

/// Zoho: "non-text input is converted to text first" (`reverse({1,2,13})` reverses "1,2,13").
fn reverse(v: &Value, _: &[Value]) -> BuiltinResult {
    let shown = v.to_display();
    crate::limits::check_text(shown.len())?;
    Ok(Value::text(&shown.chars().rev().collect::<String>()))
}

/// Text split at commas, or a list's elements, each as text (`"1,2"` gives the texts "1" and "2").
pub(crate) fn to_list_string(v: &Value, _: &[Value]) -> BuiltinResult {
    let items: Vec<Value> = match v {
        Value::Text(t) if t.is_empty() => Vec::new(),
        Value::Text(t) => {
            crate::limits::check_pieces(t, ",")?;
            t.split(',').map(Value::text).collect()
        }
        Value::List(l) => l
            .borrow()
            .iter()
            .map(|item| match item {
                Value::Text(_) => item.clone(),
                other => Value::text(&other.to_display()),
            })
            .collect(),
        other => {
            return Err(super::args::expected(
                "Text or a List",
                other,
                "toListString",
            ))
        }
    };
    Ok(Value::new_list(items))
}

/// On a list (what `getJSON` gives for a JSON array) the list itself.
fn to_json_list(v: &Value, _: &[Value]) -> BuiltinResult {
    match v {
        Value::List(_) => Ok(v.clone()),
        other => Err(super::args::expected(
            "JSON array text or a List",
            other,
            "toJSONList",
        )),
    }
}
