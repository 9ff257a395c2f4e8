//! Collection methods on an index-value collection (a List): positions are 0-based keys.

use super::duplicate_bounds;
use crate::builtins::args::list_arg;
use crate::builtins::list::{remove_all, this};
use crate::builtins::{int_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::limits;
use crate::value::{ListRef, Value};

pub static METHODS: &[MethodDef] = &[
    method!(
        "containsKey",
        "index",
        1..=1,
        contains_key,
        "true when the 0-based index exists"
    ),
    method!(
        "containsValue",
        "element",
        1..=1,
        contains_value,
        "true when an equal element is present"
    ),
    method!(
        "notContains",
        "element",
        1..=1,
        not_contains,
        "true when no element is equal"
    ),
    method!(
        "getKey",
        "element",
        1..=1,
        get_key,
        "the index of the first equal element, or -1"
    ),
    method!(
        "getLastKey",
        "element",
        1..=1,
        get_last_key,
        "the index of the last equal element, or -1"
    ),
    method!(
        "keys",
        "",
        0..=0,
        elements,
        "the elements as a new List (an index-value collection's keys)"
    ),
    method!("values", "", 0..=0, elements, "the elements as a new List"),
    method!("toCollection", "", 0..=0, elements, "a copy of the list"),
    method!(
        "duplicate",
        "start, end",
        0..=2,
        duplicate,
        "a new List of the elements start..end (end excluded), or of all"
    ),
    method!(
        "insertAll",
        "list",
        1..=1,
        insert_all,
        "appends every element of a list"
    ),
    method!(
        "update",
        "index, value",
        2..=2,
        update,
        "replaces the element at a 0-based index"
    ),
    method!(
        "delete",
        "element",
        1..=1,
        delete,
        "removes the first equal element"
    ),
    method!(
        "deleteAll",
        "list",
        1..=1,
        delete_all,
        "removes every element equal to one in the list"
    ),
    method!(
        "deleteKey",
        "index",
        1..=1,
        delete_key,
        "removes the element at a 0-based index"
    ),
    method!(
        "deleteKeys",
        "indexes",
        1..=1,
        delete_keys,
        "removes the elements at several 0-based indexes"
    ),
];

/// A 0-based index of the list, or an error naming the method.
fn position(list: &ListRef, index: i64, what: &str) -> Result<usize, BuiltinError> {
    let len = list.borrow().len();
    usize::try_from(index)
        .ok()
        .filter(|&i| i < len)
        .ok_or_else(|| {
            BuiltinError::new(format!(
                "`{what}`: index {index} is out of range for a collection of size {len}"
            ))
            .with_help(if len == 0 {
                "the collection is empty".to_string()
            } else {
                format!("indexes run from 0 to {}", len - 1)
            })
        })
}

fn contains_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let len = this(v)?.borrow().len() as i64;
    let found = match &args[0] {
        Value::Int(i) => (0..len).contains(i),
        Value::Decimal(d) if d.fract().is_zero() => {
            i64::try_from(*d).is_ok_and(|i| (0..len).contains(&i))
        }
        _ => false,
    };
    Ok(Value::Bool(found))
}

fn contains_value(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().any(|x| x.equals(&args[0]));
    Ok(Value::Bool(found))
}

fn not_contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().any(|x| x.equals(&args[0]));
    Ok(Value::Bool(!found))
}

fn get_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().position(|x| x.equals(&args[0]));
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

fn get_last_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().rposition(|x| x.equals(&args[0]));
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

fn elements(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::new_list(this(v)?.borrow().clone()))
}

fn duplicate(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?.borrow();
    let (from, to) = duplicate_bounds(args, list.len())?;
    Ok(Value::new_list(list[from..to].to_vec()))
}

fn insert_all(v: &Value, args: &[Value]) -> BuiltinResult {
    if let Some(Value::Map(_)) = args.first() {
        return Err(BuiltinError::new(
            "`insertAll`: key-value pairs cannot go into an index-value collection",
        )
        .with_help("insert elements in a list: c.insertAll({\"a\", \"b\"})"));
    }
    // Copied first: `c.insertAll(c)` borrows the same list twice.
    let items = list_arg(args, 0, "insertAll")?.borrow().clone();
    let mut list = this(v)?.borrow_mut();
    limits::check_collection(list.len() + items.len())?;
    list.extend(items);
    Ok(Value::Null)
}

fn update(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let i = position(list, int_arg(args, 0, "update")?, "update")?;
    list.borrow_mut()[i] = args[1].clone();
    Ok(Value::Null)
}

fn delete(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let found = list.borrow().iter().position(|x| x.equals(&args[0]));
    if let Some(i) = found {
        let removed = list.borrow_mut().remove(i);
        drop(removed);
    }
    Ok(Value::Null)
}

/// Removes every element equal to one in the list, as `removeAll` does.
fn delete_all(v: &Value, args: &[Value]) -> BuiltinResult {
    remove_all(v, args)
}

fn delete_key(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let i = position(list, int_arg(args, 0, "deleteKey")?, "deleteKey")?;
    let removed = list.borrow_mut().remove(i);
    drop(removed);
    Ok(Value::Null)
}

/// The indexes all refer to the positions before any removal (`{1, 2}` removes the second and
/// third elements); each must exist.
fn delete_keys(v: &Value, args: &[Value]) -> BuiltinResult {
    let indexes = list_arg(args, 0, "deleteKeys")?.borrow().clone();
    let list = this(v)?;
    let mut doomed = vec![false; list.borrow().len()];
    for (n, index) in indexes.iter().enumerate() {
        let i = int_arg(std::slice::from_ref(index), 0, "deleteKeys")
            .map_err(|e| e.with_help(format!("element {n} of the index list is not a number")))?;
        doomed[position(list, i, "deleteKeys")?] = true;
    }
    let kept: Vec<Value> = list
        .borrow()
        .iter()
        .zip(&doomed)
        .filter(|(_, &gone)| !gone)
        .map(|(x, _)| x.clone())
        .collect();
    let old = std::mem::replace(&mut *list.borrow_mut(), kept);
    drop(old);
    Ok(Value::Null)
}
