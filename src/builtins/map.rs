//! Map methods: put, get (null when missing), keys, key tests, removal and size.

use super::{BuiltinError, BuiltinResult, MethodDef};
use crate::value::{MapRef, Value};

pub static METHODS: &[MethodDef] = &[
    method!(
        "put",
        "key, value",
        2..=2,
        put,
        "sets a key (an existing key keeps its position)"
    ),
    method!("get", "key", 1..=1, get, "the value for a key, or null"),
    method!(
        "keys",
        "",
        0..=0,
        keys,
        "the keys as a List, in insertion order"
    ),
    method!(
        "containKey",
        "key",
        1..=1,
        contains_key,
        "true when the key is present"
    ),
    method!(
        "containsKey",
        "key",
        1..=1,
        contains_key,
        "true when the key is present"
    ),
    method!(
        "remove",
        "key",
        1..=1,
        remove,
        "removes a key and returns its value, or null"
    ),
    method!("size", "", 0..=0, size, "number of keys"),
    method!(
        "isEmpty",
        "",
        0..=0,
        is_empty,
        "true when the map has no keys"
    ),
];

fn this(v: &Value) -> Result<&MapRef, BuiltinError> {
    match v {
        Value::Map(m) => Ok(m),
        other => Err(BuiltinError::new(format!(
            "expected a Map, got {}",
            other.type_name()
        ))),
    }
}

fn put(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    this(v)?.borrow_mut().insert(key, args[1].clone());
    Ok(Value::Null)
}

fn get(v: &Value, args: &[Value]) -> BuiltinResult {
    let map = this(v)?.borrow();
    let found = match &args[0] {
        Value::Text(k) => map.get(k),
        other => map.get(&other.to_key()),
    };
    Ok(found.cloned().unwrap_or(Value::Null))
}

fn keys(v: &Value, _: &[Value]) -> BuiltinResult {
    let keys = this(v)?
        .borrow()
        .keys()
        .map(|k| Value::Text(k.clone()))
        .collect();
    Ok(Value::new_list(keys))
}

fn contains_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    Ok(Value::Bool(this(v)?.borrow().contains_key(&key)))
}

fn remove(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    let removed = this(v)?.borrow_mut().remove(&key);
    Ok(removed.unwrap_or(Value::Null))
}

fn size(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(this(v)?.borrow().len() as i64))
}

fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v)?.borrow().is_empty()))
}
