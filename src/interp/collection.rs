//! Zoho's `Collection()`: created empty as a map, it becomes an index-value collection (a list) when
//! its first insert is of elements rather than of `key : value` pairs. The interpreter remembers
//! which empty maps are such undecided collections.

use std::slice;

use super::compile::Operand;
use super::dispatch::{self, MethodCache};
use super::Interpreter;
use crate::ast::{Callee, Ident, Var};
use crate::source::Span;
use crate::value::Value;

use super::compile::ExprCode;

/// `c.insert(x)` / `c.insertAll(list)` on a variable: a `Collection()` is created empty as a map,
/// and becomes an index-value collection (a list) when its first insert is of elements rather
/// than of `key : value` pairs, as in Zoho. Only a collection made by `Collection()` and still
/// empty changes so; the variable is given the list (other references to the empty collection
/// keep seeing it empty).
pub(super) fn insert(
    s: usize,
    var: Var,
    arg: Option<Operand>,
    name: Ident,
    cache: MethodCache,
    span: Span,
) -> ExprCode {
    let arg = arg.unwrap_or(Operand::Const(Value::Null));
    Box::new(move |m| {
        let value = arg.value(m)?;
        let map = match m.slot(s, &var)? {
            Value::Map(map) => Some(map.clone()),
            _ => None,
        };
        // Any first insert decides; only one of elements makes a list.
        let decided_now = map.is_some_and(|map| m.take_undecided(&map));
        let becomes_list = decided_now && !matches!(value, Value::Map(_));
        if becomes_list {
            m.slots[s] = Some(Value::new_list(Vec::new()));
        }
        let receiver = m.slot(s, &var)?;
        dispatch::call_method(receiver, &name, slice::from_ref(&value), &cache, span)
    })
}

/// `Collection()`: an empty map, remembered as undecided until its first insert.
pub(super) fn new_collection(path: Ident, callee: Callee, span: Span) -> ExprCode {
    Box::new(move |m| {
        let made = dispatch::call_function(&path, callee, &[], span)?;
        if let Value::Map(map) = &made {
            m.note_undecided(map);
        }
        Ok(made)
    })
}

/// How many undecided collections are remembered before the dropped ones are forgotten.
const UNDECIDED_PRUNE_AT: usize = 64;

impl Interpreter<'_> {
    fn note_undecided(&mut self, map: &crate::value::MapRef) {
        if self.undecided.len() >= UNDECIDED_PRUNE_AT {
            self.undecided
                .retain(|w| w.upgrade().is_some_and(|m| m.borrow().is_empty()));
        }
        self.undecided.push(std::rc::Rc::downgrade(map));
    }

    /// Whether `map` is an empty `Collection()` still undecided; it is decided from now on.
    fn take_undecided(&mut self, map: &crate::value::MapRef) -> bool {
        if !map.borrow().is_empty() {
            return false;
        }
        let found = self
            .undecided
            .iter()
            .position(|w| std::ptr::eq(w.as_ptr(), std::rc::Rc::as_ptr(map)));
        match found {
            Some(i) => {
                self.undecided.swap_remove(i);
                true
            }
            None => false,
        }
    }
}
