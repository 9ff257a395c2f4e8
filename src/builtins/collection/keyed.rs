//! Collection methods on a key-value collection (a Map): lookups by value, removal by value or
//! key, and reordering by value (`sort`) or by key (`sortKey`).

use std::cmp::Ordering;
use std::rc::Rc;

use super::duplicate_bounds;
use crate::builtins::args::{bool_arg, list_arg};
use crate::builtins::list::{check_comparable, distinct_values, order};
use crate::builtins::map::{merge, put, this};
use crate::builtins::{BuiltinError, BuiltinResult, MethodDef};
use crate::value::{DgMap, MapRef, Value};

pub static METHODS: &[MethodDef] = &[
    method!(
        "notContains",
        "key",
        1..=1,
        not_contains,
        "true when the key is not present"
    ),
    method!(
        "getKey",
        "value",
        1..=1,
        get_key,
        "the key of the first equal value, or null"
    ),
    method!(
        "getLastKey",
        "value",
        1..=1,
        get_last_key,
        "the key of the last equal value, or null"
    ),
    method!(
        "distinct",
        "",
        0..=0,
        distinct,
        "the values without repeats, as a new List"
    ),
    method!(
        "duplicate",
        "start, end",
        0..=2,
        duplicate,
        "a new Map of the pairs at positions start..end (end excluded), or of all"
    ),
    method!("toCollection", "", 0..=0, copy, "a copy of the map"),
    method!(
        "insertAll",
        "map",
        1..=1,
        insert_all,
        "puts every pair of another map"
    ),
    method!(
        "update",
        "key, value",
        2..=2,
        put,
        "sets the key's value (a new key is added)"
    ),
    method!(
        "delete",
        "value",
        1..=1,
        delete,
        "removes the first pair holding an equal value"
    ),
    method!(
        "deleteAll",
        "values",
        1..=1,
        delete_all,
        "removes every pair whose value is in the list"
    ),
    method!(
        "deleteKey",
        "key",
        1..=1,
        delete_key,
        "removes the key (nothing happens when it is missing)"
    ),
    method!(
        "deleteKeys",
        "keys",
        1..=1,
        delete_keys,
        "removes every key of the list"
    ),
    method!(
        "sort",
        "ascending",
        0..=1,
        sort,
        "orders the pairs by value (default ascending); null when values of different types"
    ),
    method!(
        "sortKey",
        "ascending",
        0..=1,
        sort_key,
        "orders the pairs by key (default ascending)"
    ),
];

fn not_contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    Ok(Value::Bool(!this(v)?.borrow().contains_key(&key)))
}

fn key_of<'a>(mut pairs: impl Iterator<Item = (&'a Rc<str>, &'a Value)>, x: &Value) -> Value {
    pairs
        .find(|(_, value)| value.equals(x))
        .map_or(Value::Null, |(k, _)| Value::Text(k.clone()))
}

fn get_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let map = this(v)?.borrow();
    Ok(key_of(map.iter(), &args[0]))
}

fn get_last_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let map = this(v)?.borrow();
    let pairs: Vec<_> = map.iter().collect();
    Ok(key_of(pairs.into_iter().rev(), &args[0]))
}

fn distinct(v: &Value, _: &[Value]) -> BuiltinResult {
    let values: Vec<Value> = this(v)?.borrow().iter().map(|(_, x)| x.clone()).collect();
    Ok(Value::new_list(distinct_values(&values)))
}

fn pairs(map: &MapRef) -> Vec<(Rc<str>, Value)> {
    map.borrow()
        .iter()
        .map(|(k, x)| (k.clone(), x.clone()))
        .collect()
}

fn duplicate(v: &Value, args: &[Value]) -> BuiltinResult {
    let all = pairs(this(v)?);
    let (from, to) = duplicate_bounds(args, all.len())?;
    Ok(Value::new_map(all[from..to].iter().cloned().collect()))
}

fn copy(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::new_map(this(v)?.borrow().clone()))
}

fn insert_all(v: &Value, args: &[Value]) -> BuiltinResult {
    match &args[0] {
        Value::Map(source) => {
            merge(this(v)?, source)?;
            Ok(Value::Null)
        }
        other => Err(BuiltinError::new(format!(
            "`insertAll`: a key-value collection takes pairs, got a {}",
            other.type_name()
        ))
        .with_help("write c.insertAll({\"key\": value, …})")),
    }
}

/// Replaces the map's pairs with those `keep` accepts.
fn retain(map: &MapRef, mut keep: impl FnMut(usize, &Rc<str>, &Value) -> bool) {
    let kept: DgMap = pairs(map)
        .into_iter()
        .enumerate()
        .filter(|(i, (k, x))| keep(*i, k, x))
        .map(|(_, pair)| pair)
        .collect();
    let old = std::mem::replace(&mut *map.borrow_mut(), kept);
    drop(old);
}

fn delete(v: &Value, args: &[Value]) -> BuiltinResult {
    let map = this(v)?;
    let found = map.borrow().iter().position(|(_, x)| x.equals(&args[0]));
    if let Some(at) = found {
        retain(map, |i, _, _| i != at);
    }
    Ok(Value::Null)
}

fn delete_all(v: &Value, args: &[Value]) -> BuiltinResult {
    let unwanted = list_arg(args, 0, "deleteAll")?.borrow().clone();
    retain(this(v)?, |_, _, x| !unwanted.iter().any(|u| x.equals(u)));
    Ok(Value::Null)
}

fn delete_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let key = args[0].to_key();
    let removed = this(v)?.borrow_mut().remove(&key);
    drop(removed);
    Ok(Value::Null)
}

fn delete_keys(v: &Value, args: &[Value]) -> BuiltinResult {
    let keys: Vec<Rc<str>> = list_arg(args, 0, "deleteKeys")?
        .borrow()
        .iter()
        .map(Value::to_key)
        .collect();
    let map = this(v)?;
    for key in keys {
        let removed = map.borrow_mut().remove(&key);
        drop(removed);
    }
    Ok(Value::Null)
}

fn ascending(args: &[Value], what: &str) -> Result<bool, BuiltinError> {
    match args.first() {
        Some(_) => bool_arg(args, 0, what),
        None => Ok(true),
    }
}

/// Reorders the map's pairs (stable) and gives the map back.
fn reorder(
    v: &Value,
    asc: bool,
    cmp: impl Fn(&(Rc<str>, Value), &(Rc<str>, Value)) -> Ordering,
) -> BuiltinResult {
    let map = this(v)?;
    let mut all = pairs(map);
    if asc {
        all.sort_by(&cmp);
    } else {
        all.sort_by(|a, b| cmp(b, a));
    }
    let old = std::mem::replace(&mut *map.borrow_mut(), all.into_iter().collect());
    drop(old);
    Ok(Value::Map(map.clone()))
}

/// Orders by value. As for a list, values of different types cannot be ordered: the result is
/// null and the map is left as it was.
fn sort(v: &Value, args: &[Value]) -> BuiltinResult {
    let asc = ascending(args, "sort")?;
    let values: Vec<Value> = this(v)?.borrow().iter().map(|(_, x)| x.clone()).collect();
    if check_comparable(&values, "sort").is_err() {
        return Ok(Value::Null);
    }
    reorder(v, asc, |a, b| order(&a.1, &b.1))
}

/// Orders by key, in code-point order ("CRM" before "Creator").
fn sort_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let asc = ascending(args, "sortKey")?;
    reorder(v, asc, |a, b| a.0.cmp(&b.0))
}
