//! List queries that build new values: indexOf, subList, distinct, intersect, and in-place sort.

use crate::builtins::args::slice_bounds;
use std::cmp::Ordering;
use std::collections::HashSet;

use super::this;
use crate::builtins::args::{bool_arg, list_arg};
use crate::builtins::{BuiltinError, BuiltinResult};
use crate::value::Value;

pub(super) fn index_of(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?.borrow();
    let found = list.iter().position(|x| x.equals(&args[0]));
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

pub(super) fn last_index_of(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?.borrow();
    let found = list.iter().rposition(|x| x.equals(&args[0]));
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

/// `subList(start[, end])`: a new list of the values at start..end, end excluded (default: the size).
pub(super) fn sub_list(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?.borrow();
    let len = list.len();
    let (from, to) = slice_bounds(args, len, "subList", "List", "size")?;
    Ok(Value::new_list(list[from..to].to_vec()))
}

/// Values already met, for `distinct` and `intersect`: scalars by a canonical key (so `1` and `1.0`
/// are one value, as `==` says), lists and maps by comparison.
#[derive(Default)]
struct Seen {
    keys: HashSet<String>,
    others: Vec<Value>,
}

impl Seen {
    fn key(v: &Value) -> Option<String> {
        Some(match v {
            Value::Null => "z".to_string(),
            Value::Bool(b) => format!("b{b}"),
            Value::Int(_) | Value::Decimal(_) => format!("n{}", v.as_decimal()?.normalize()),
            Value::Text(t) => format!("t{t}"),
            Value::Date(_) | Value::DateTime(_) => format!("d{}", v.as_datetime()?),
            Value::Time(t) => format!("h{}", t.naive()),
            Value::List(_) | Value::Map(_) => return None,
        })
    }

    fn contains(&self, v: &Value) -> bool {
        match Seen::key(v) {
            Some(k) => self.keys.contains(&k),
            None => self.others.iter().any(|o| o.equals(v)),
        }
    }

    /// Records `v`; false when it was already there.
    fn insert(&mut self, v: &Value) -> bool {
        if self.contains(v) {
            return false;
        }
        match Seen::key(v) {
            Some(k) => self.keys.insert(k),
            None => {
                self.others.push(v.clone());
                true
            }
        }
    }
}

/// The values without repeats, first occurrences kept in order.
pub(crate) fn distinct_values(values: &[Value]) -> Vec<Value> {
    let mut seen = Seen::default();
    values.iter().filter(|x| seen.insert(x)).cloned().collect()
}

pub(super) fn distinct(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::new_list(distinct_values(&this(v)?.borrow())))
}

/// The receiver's values that the other list also holds, each once, in the receiver's order.
pub(super) fn intersect(v: &Value, args: &[Value]) -> BuiltinResult {
    let other = list_arg(args, 0, "intersect")?.borrow().clone();
    let mut wanted = Seen::default();
    for x in &other {
        wanted.insert(x);
    }
    let mut taken = Seen::default();
    let items: Vec<Value> = this(v)?
        .borrow()
        .iter()
        .filter(|x| wanted.contains(x) && taken.insert(x))
        .cloned()
        .collect();
    Ok(Value::new_list(items))
}

/// Which values can be ordered against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Text,
    Boolean,
    Date,
}

fn kind(v: &Value) -> Option<Kind> {
    match v {
        Value::Int(_) | Value::Decimal(_) => Some(Kind::Number),
        Value::Text(_) => Some(Kind::Text),
        Value::Bool(_) => Some(Kind::Boolean),
        Value::Date(_) | Value::DateTime(_) => Some(Kind::Date),
        _ => None,
    }
}

/// Checks that every value can be compared with every other (numbers with numbers, text with text…).
pub(crate) fn check_comparable(items: &[Value], what: &str) -> Result<(), BuiltinError> {
    let mut first: Option<(Kind, &Value)> = None;
    for (i, item) in items.iter().enumerate() {
        let Some(k) = kind(item) else {
            return Err(BuiltinError::new(format!(
                "`{what}` cannot order a {} (at index {i})",
                item.type_name()
            ))
            .with_help("only numbers, text, booleans and dates can be ordered"));
        };
        match first {
            None => first = Some((k, item)),
            Some((k0, v0)) if k0 != k => {
                return Err(BuiltinError::new(format!(
                    "`{what}` cannot compare {} with {} (at index {i})",
                    v0.type_name(),
                    item.type_name()
                ))
                .with_help("the list must hold values of one kind: all numbers, or all text, …"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub(crate) fn order(a: &Value, b: &Value) -> Ordering {
    a.compare(b).unwrap_or(Ordering::Equal)
}

/// Sorts the list in place (stable) and returns the same list; null for values of mixed types.
pub(super) fn sort(v: &Value, args: &[Value]) -> BuiltinResult {
    let ascending = match args.first() {
        Some(_) => bool_arg(args, 0, "sort")?,
        None => true,
    };
    let list = this(v)?;
    let mut items = list.borrow().clone();
    // Zoho: "if the list holds elements of different data types, the function returns null";
    // the list is left as it was.
    if check_comparable(&items, "sort").is_err() {
        return Ok(Value::Null);
    }
    if ascending {
        items.sort_by(order);
    } else {
        items.sort_by(|a, b| order(b, a));
    }
    *list.borrow_mut() = items;
    Ok(Value::List(list.clone()))
}
