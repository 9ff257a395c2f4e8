//! Global functions: `ifnull`, `isNull` and the `Map()` / `List()` constructors.

use super::{any::is_null_value, BuiltinResult, FunctionDef};
use crate::value::{DgMap, Value};

pub static FUNCTIONS: &[FunctionDef] = &[
    FunctionDef {
        name: "ifnull",
        params: "value, fallback",
        min_args: 2,
        max_args: 2,
        func: ifnull,
        summary: "value, or fallback when value is null",
    },
    FunctionDef {
        name: "isNull",
        params: "value",
        min_args: 1,
        max_args: 1,
        func: is_null,
        summary: "true for null and for empty text",
    },
    FunctionDef {
        name: "Map",
        params: "",
        min_args: 0,
        max_args: 0,
        func: new_map,
        summary: "a new empty map",
    },
    FunctionDef {
        name: "List",
        params: "",
        min_args: 0,
        max_args: 0,
        func: new_list,
        summary: "a new empty list",
    },
];

fn ifnull(args: &[Value]) -> BuiltinResult {
    Ok(match &args[0] {
        Value::Null => args[1].clone(),
        other => other.clone(),
    })
}

fn is_null(args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(is_null_value(&args[0])))
}

/// Room for a small record's fields without regrowing.
const NEW_MAP_CAPACITY: usize = crate::value::SMALL_MAP_LIMIT;

fn new_map(_: &[Value]) -> BuiltinResult {
    Ok(Value::new_map(DgMap::with_capacity(NEW_MAP_CAPACITY)))
}

fn new_list(_: &[Value]) -> BuiltinResult {
    Ok(Value::new_list(Vec::new()))
}
