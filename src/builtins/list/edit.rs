//! List changes: add, addAll, remove by index or value, removeAll, clear.

use super::{index, this};
use crate::builtins::args::list_arg;
use crate::builtins::BuiltinResult;
use crate::limits;
use crate::value::Value;

pub(super) fn add(v: &Value, args: &[Value]) -> BuiltinResult {
    let mut list = this(v)?.borrow_mut();
    limits::check_collection(list.len() + 1)?;
    list.push(args[0].clone());
    Ok(Value::Null)
}

pub(super) fn add_all(v: &Value, args: &[Value]) -> BuiltinResult {
    // Copied first: `l.addAll(l)` borrows the same list twice.
    let items = list_arg(args, 0, "addAll")?.borrow().clone();
    let mut list = this(v)?.borrow_mut();
    limits::check_collection(list.len() + items.len())?;
    list.extend(items);
    Ok(Value::Null)
}

pub(super) fn remove(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let i = index(list, args, "remove")?;
    let removed = list.borrow_mut().remove(i);
    Ok(removed)
}

/// Removes the first value equal to the argument (nothing happens when there is none).
pub(super) fn remove_element(v: &Value, args: &[Value]) -> BuiltinResult {
    let list = this(v)?;
    let found = list.borrow().iter().position(|x| x.equals(&args[0]));
    if let Some(i) = found {
        list.borrow_mut().remove(i);
    }
    Ok(Value::Null)
}

/// Removes every value equal to one in the argument list.
pub(crate) fn remove_all(v: &Value, args: &[Value]) -> BuiltinResult {
    let unwanted = list_arg(args, 0, "removeAll")?.borrow().clone();
    let list = this(v)?;
    // Decided under a shared borrow: comparing may need to read this same list.
    let kept: Vec<Value> = list
        .borrow()
        .iter()
        .filter(|x| !unwanted.iter().any(|u| x.equals(u)))
        .cloned()
        .collect();
    *list.borrow_mut() = kept;
    Ok(Value::Null)
}

pub(super) fn clear(v: &Value, _: &[Value]) -> BuiltinResult {
    // Taken out first so the old values are dropped after the borrow ends.
    let old = std::mem::take(&mut *this(v)?.borrow_mut());
    drop(old);
    Ok(Value::Null)
}
