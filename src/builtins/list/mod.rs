//! List methods: the registry table, the receiver helper and 0-based index checks.
//!
//! A list is shared (`Rc<RefCell<…>>`), so an argument may be the receiver itself (`l.addAll(l)`):
//! arguments are copied out before the receiver is borrowed mutably.

mod edit;
mod query;
mod stats;

use super::{int_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::value::{ListRef, Value};

pub(crate) use edit::remove_all;
use edit::*;
use query::*;
pub(crate) use query::{check_comparable, distinct_values, order};
use stats::*;

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[crate::builtins::FunctionDef] = &[];

pub static METHODS: &[MethodDef] = &[
    method!("add", "value", 1..=1, add, "appends a value"),
    method!(
        "insert",
        "value",
        1..=1,
        add,
        "appends a value (same as add)"
    ),
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
        "isEmpty",
        "",
        0..=0,
        is_empty,
        "true when the list has no values"
    ),
    method!(
        "contains",
        "value",
        1..=1,
        contains,
        "true when an equal value is in the list"
    ),
    method!(
        "indexOf",
        "value",
        1..=1,
        index_of,
        "index of the first equal value, or -1"
    ),
    method!(
        "lastIndexOf",
        "value",
        1..=1,
        last_index_of,
        "index of the last equal value, or -1"
    ),
    method!(
        "remove",
        "index",
        1..=1,
        remove,
        "removes and returns the value at a 0-based index"
    ),
    method!(
        "removeElement",
        "value",
        1..=1,
        remove_element,
        "removes the first equal value"
    ),
    method!(
        "removeAll",
        "list",
        1..=1,
        remove_all,
        "removes every value found in the list"
    ),
    method!("clear", "", 0..=0, clear, "removes every value"),
    method!(
        "sort",
        "ascending",
        0..=1,
        sort,
        "sorts in place (default ascending) and returns it"
    ),
    method!(
        "distinct",
        "",
        0..=0,
        distinct,
        "a new list without repeated values"
    ),
    method!(
        "intersect",
        "list",
        1..=1,
        intersect,
        "a new list of the values both lists hold"
    ),
    method!(
        "subList",
        "start, end",
        1..=2,
        sub_list,
        "a new list of indexes start..end (end excluded)"
    ),
    method!(
        "sum",
        "",
        0..=0,
        sum,
        "the total of the numbers (0 when empty)"
    ),
    method!(
        "average",
        "",
        0..=0,
        average,
        "the mean of the numbers, a decimal (null when empty)"
    ),
    method!(
        "median",
        "",
        0..=0,
        median,
        "the middle number (the mean of the two middle ones for an even count)"
    ),
    method!(
        "largest",
        "",
        0..=0,
        largest,
        "the largest number (numbers as text count too)"
    ),
    method!(
        "smallest",
        "",
        0..=0,
        smallest,
        "the smallest number (numbers as text count too)"
    ),
    method!(
        "nthLargest",
        "n",
        1..=1,
        nth_largest,
        "the n-th largest number, n from 1"
    ),
    method!(
        "nthSmallest",
        "n",
        1..=1,
        nth_smallest,
        "the n-th smallest number, n from 1"
    ),
    method!(
        "toListString",
        "",
        0..=0,
        to_list_string,
        "a new List of the elements as text"
    ),
    method!(
        "toJSONList",
        "",
        0..=0,
        to_json_list,
        "the list itself (getJSON already gives a JSON array as a List)"
    ),
    method!("max", "", 0..=0, max, "the largest value (null when empty)"),
    method!(
        "min",
        "",
        0..=0,
        min,
        "the smallest value (null when empty)"
    ),
];

/// The receiver as the list it is (every list method's first step).
pub(crate) fn this(v: &Value) -> Result<&ListRef, BuiltinError> {
    match v {
        Value::List(l) => Ok(l),
        other => Err(BuiltinError::new(format!(
            "expected a List, got {}",
            other.type_name()
        ))),
    }
}

/// Checks a 0-based index argument against the list's length.
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

fn is_empty(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(this(v)?.borrow().is_empty()))
}

fn contains(v: &Value, args: &[Value]) -> BuiltinResult {
    let found = this(v)?.borrow().iter().any(|x| x.equals(&args[0]));
    Ok(Value::Bool(found))
}

/// Each element as its text (a nested list or map as its JSON).
fn to_list_string(v: &Value, _: &[Value]) -> BuiltinResult {
    let items = this(v)?
        .borrow()
        .iter()
        .map(|x| Value::text(&x.to_display()))
        .collect();
    Ok(Value::new_list(items))
}

fn to_json_list(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::List(this(v)?.clone()))
}
