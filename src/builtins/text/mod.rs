//! Text methods: length, search, case, trimming, splitting and conversion to numbers.

use std::rc::Rc;

use super::{text_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::value::Value;

pub static METHODS: &[MethodDef] = &[
    method!("length", "", 0..=0, length, "number of characters"),
    method!(
        "contains",
        "text",
        1..=1,
        contains,
        "true when the text occurs (case-sensitive)"
    ),
    method!(
        "startsWith",
        "text",
        1..=1,
        starts_with,
        "true when the text begins with it"
    ),
    method!(
        "endsWith",
        "text",
        1..=1,
        ends_with,
        "true when the text ends with it"
    ),
    method!("toUpperCase", "", 0..=0, to_upper, "the text in upper case"),
    method!("toLowerCase", "", 0..=0, to_lower, "the text in lower case"),
    method!(
        "trim",
        "",
        0..=0,
        trim,
        "the text without leading and trailing white space"
    ),
    method!(
        "toList",
        "separator",
        0..=1,
        to_list,
        "the parts between separators (default \",\")"
    ),
    method!(
        "toLong",
        "",
        0..=0,
        to_long,
        "the text read as a whole number"
    ),
    method!("isEmpty", "", 0..=0, is_empty, "true for empty text"),
];

fn this(v: &Value) -> &str {
    match v {
        Value::Text(t) => t,
        _ => "",
    }
}

fn length(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(this(v).chars().count() as i64))
}

fn contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let needle = args[0].to_display();
    Ok(Value::Bool(this(v).contains(needle.as_str())))
}

fn starts_with(v: &Value, args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v).starts_with(text_arg(
        args,
        0,
        "startsWith",
    )?)))
}

fn ends_with(v: &Value, args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(
        this(v).ends_with(text_arg(args, 0, "endsWith")?),
    ))
}

fn to_upper(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::text(&this(v).to_uppercase()))
}

fn to_lower(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::text(&this(v).to_lowercase()))
}

fn trim(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::text(this(v).trim()))
}

fn to_list(v: &Value, args: &[Value]) -> BuiltinResult {
    let sep = match args.first() {
        Some(_) => text_arg(args, 0, "toList")?,
        None => ",",
    };
    let text = this(v);
    let parts: Vec<Value> = if text.is_empty() {
        Vec::new()
    } else if sep.is_empty() {
        text.chars()
            .map(|c| Value::Text(Rc::from(c.to_string())))
            .collect()
    } else {
        text.split(sep).map(Value::text).collect()
    };
    Ok(Value::new_list(parts))
}

fn to_long(v: &Value, _: &[Value]) -> BuiltinResult {
    let text = this(v).trim();
    text.parse::<i64>().map(Value::Int).map_err(|_| {
        BuiltinError::new(format!("cannot convert {:?} to a Number", this(v)))
            .with_help("toLong() needs whole-number text such as \"42\"")
    })
}

fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v).is_empty()))
}
