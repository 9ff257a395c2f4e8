//! List methods: adding, reading by 0-based index, searching and removing.

use super::{int_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::value::{ListRef, Value};

pub static METHODS: &[MethodDef] = &[
    method!("add", "value", 1..=1, add, "appends a value"),
    method!(
        "addAll",
        "list",
        1..=1,
        add_all,
        "appends every value of another list"
    ),
    method!("get", "index", 1..=1, get, "the value at a 0-based index"),
    method!("size", "", 0..=0, size, "number of values"),
    method!(
        "contains",
        "value",
        1..=1,
        contains,
        "true when an equal value is in the list"
    ),
    method!(
        "isEmpty",
        "",
        0..=0,
        is_empty,
        "true when the list has no values"
    ),
    method!(
        "remove",
        "index",
        1..=1,
        remove,
        "removes and returns the value at a 0-based index"
    ),
];

fn this(v: &Value) -> Result<&ListRef, BuiltinError> {
    match v {
        Value::List(l) => Ok(l),
        other => Err(BuiltinError::new(format!(
            "expected a List, got {}",
            other.type_name()
        ))),
    }
}

fn add(v: &Value, args: &[Value]) -> BuiltinResult {
    this(v)?.borrow_mut().push(args[0].clone());
    Ok(Value::Null)
}

fn add_all(v: &Value, args: &[Value]) -> BuiltinResult {
    let items = match &args[0] {
        Value::List(other) => other.borrow().clone(),
        other => {
            return Err(BuiltinError::new(format!(
                "`addAll` expects a List, got {}",
                other.type_name()
            )))
        }
    };
    this(v)?.borrow_mut().extend(items);
    Ok(Value::Null)
}

/// Checks a 0-based index against the list's length.
fn index(list: &ListRef, args: &[Value], what: &str) -> Result<usize, BuiltinError> {
    let i = int_arg(args, 0, what)?;
    let len = list.borrow().len();
    usize::try_from(i).ok().filter(|&i| i < len).ok_or_else(|| {
        BuiltinError::new(format!(
            "index {i} is out of range for a List of size {len}"
        ))
        .with_help(if len == 0 {
            "the list is empty".to_string()
        } else {
            format!("valid indexes are 0 to {}", len - 1)
        })
    })
}

fn get(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let i = index(list, args, "get")?;
    Ok(list.borrow()[i].clone())
}

fn size(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(this(v)?.borrow().len() as i64))
}

fn contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().any(|x| x.equals(&args[0]));
    Ok(Value::Bool(found))
}

fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v)?.borrow().is_empty()))
}

fn remove(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let i = index(list, args, "remove")?;
    let removed = list.borrow_mut().remove(i);
    Ok(removed)
}
