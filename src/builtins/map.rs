//! Map methods: put, get (null when missing), keys and values, key and value tests, merging, removal.
//!
//! Keys are text; a non-text key stands for its display text (`m.put(1, "x")` uses the key "1").

use std::rc::Rc;

use super::args::map_arg;
use super::{BuiltinError, BuiltinResult, MethodDef};
use crate::limits;
use crate::value::{DgMap, MapRef, Value};

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[super::FunctionDef] = &[];

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
        "getJSON",
        "key",
        1..=1,
        get,
        "the value for a key, or null (same as get)"
    ),
    method!(
        "keys",
        "",
        0..=0,
        keys,
        "the keys as a List, in insertion order"
    ),
    method!(
        "values",
        "",
        0..=0,
        values,
        "the values as a List, in insertion order"
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
        "containValue",
        "value",
        1..=1,
        contains_value,
        "true when an equal value is present"
    ),
    method!(
        "containsValue",
        "value",
        1..=1,
        contains_value,
        "true when an equal value is present"
    ),
    method!(
        "remove",
        "key",
        1..=1,
        remove,
        "removes a key and returns its value, or null"
    ),
    method!(
        "putAll",
        "map",
        1..=1,
        put_all,
        "puts every key of another map"
    ),
    method!(
        "insert",
        "key, value",
        1..=2,
        insert,
        "put(key, value), or putAll(map) with one map"
    ),
    method!("clear", "", 0..=0, clear, "removes every key"),
    method!("size", "", 0..=0, size, "number of keys"),
    method!(
        "isEmpty",
        "",
        0..=0,
        is_empty,
        "true when the map has no keys"
    ),
    method!("toMap", "", 0..=0, to_map, "the map itself"),
];

/// The receiver as the map it is (every map method's first step).
pub(crate) fn this(v: &Value) -> Result<&MapRef, BuiltinError> {
    match v {
        Value::Map(m) => Ok(m),
        other => Err(BuiltinError::new(format!(
            "expected a Map, got {}",
            other.type_name()
        ))),
    }
}

pub(crate) fn put(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    let mut map = this(v)?.borrow_mut();
    if map.len() >= limits::MAX_COLLECTION_LEN && map.get(&key).is_none() {
        limits::check_collection(map.len() + 1)?;
    }
    map.insert(key, args[1].clone());
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

fn values(v: &Value, _: &[Value]) -> BuiltinResult {
    let values = this(v)?.borrow().iter().map(|(_, x)| x.clone()).collect();
    Ok(Value::new_list(values))
}

fn contains_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    Ok(Value::Bool(this(v)?.borrow().contains_key(&key)))
}

fn contains_value(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().any(|(_, x)| x.equals(&args[0]));
    Ok(Value::Bool(found))
}

fn remove(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    let removed = this(v)?.borrow_mut().remove(&key);
    Ok(removed.unwrap_or(Value::Null))
}

/// Copies the other map's entries first, so `m.putAll(m)` works.
pub(crate) fn merge(target: &MapRef, source: &MapRef) -> Result<(), BuiltinError> {
    let entries: Vec<(Rc<str>, Value)> = source
        .borrow()
        .iter()
        .map(|(k, x)| (k.clone(), x.clone()))
        .collect();
    let mut map = target.borrow_mut();
    for (k, x) in entries {
        if map.len() >= limits::MAX_COLLECTION_LEN && map.get(&k).is_none() {
            limits::check_collection(map.len() + 1)?;
        }
        map.insert(k, x);
    }
    Ok(())
}

fn put_all(v: &Value, args: &[Value]) -> BuiltinResult {
    merge(this(v)?, map_arg(args, 0, "putAll")?)?;
    Ok(Value::Null)
}

/// The Collection spelling: `insert(key, value)` puts one key, `insert(map)` puts them all.
fn insert(v: &Value, args: &[Value]) -> BuiltinResult {
    if args.len() == 2 {
        return put(v, args);
    }
    match &args[0] {
        Value::Map(source) => {
            merge(this(v)?, source)?;
            Ok(Value::Null)
        }
        other => Err(BuiltinError::new(format!(
            "`insert`: an element ({}) cannot go into a key-value collection",
            other.type_name()
        ))
        .with_help("insert a pair, insert(\"key\" : value), or a map of pairs")),
    }
}

fn clear(v: &Value, _: &[Value]) -> BuiltinResult {
    let old = std::mem::replace(&mut *this(v)?.borrow_mut(), DgMap::new());
    drop(old);
    Ok(Value::Null)
}

fn size(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(this(v)?.borrow().len() as i64))
}

fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v)?.borrow().is_empty()))
}

fn to_map(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Map(this(v)?.clone()))
}
