//! Methods every value answers to (`toString`, `isNull`), and the few allowed on null.

use super::{BuiltinResult, MethodDef};
use crate::value::Value;

pub static COMMON_METHODS: &[MethodDef] = &[
    MethodDef {
        name: "toString",
        params: "",
        min_args: 0,
        max_args: 0,
        func: to_string,
        summary: "the value as text, as `info` shows it",
    },
    MethodDef {
        name: "isNull",
        params: "",
        min_args: 0,
        max_args: 0,
        func: is_null,
        summary: "true for null and for empty text",
    },
];

pub static NULL_METHODS: &[MethodDef] = &[MethodDef {
    name: "isNull",
    params: "",
    min_args: 0,
    max_args: 0,
    func: is_null,
    summary: "true for null and for empty text",
}];

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
