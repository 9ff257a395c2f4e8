//! Every built-in called with awkward receivers and arguments returns a value or an error, never panics.

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{all_methods, functions};
use crate::value::{DgMap, Value};

fn awkward_values() -> Vec<Value> {
    let dec = |s: &str| Value::Decimal(Decimal::from_str(s).unwrap_or_default());
    let mut map = DgMap::new();
    map.insert(Rc::from("a"), Value::Int(1));
    let self_list = Value::new_list(vec![Value::Int(1)]);
    if let Value::List(l) = &self_list {
        l.borrow_mut().push(self_list.clone());
    }
    vec![
        Value::Date(chrono::NaiveDate::MIN),
        Value::Date(chrono::NaiveDate::MAX),
        Value::DateTime(chrono::NaiveDateTime::MAX),
        Value::Null,
        Value::Bool(true),
        Value::Int(0),
        Value::Int(-1),
        Value::Int(3),
        Value::Int(i64::MIN),
        Value::Int(i64::MAX),
        Value::Decimal(Decimal::MAX),
        Value::Decimal(Decimal::MIN),
        dec("0.0000000000000000000000000001"),
        dec("-2.5"),
        Value::text(""),
        Value::text("é☕ x"),
        Value::text("{\"a\":[1,2]}"),
        Value::text("[1,\"b\"]"),
        Value::text("(("),
        Value::text("$1\\"),
        Value::text("%zz+"),
        Value::new_list(Vec::new()),
        Value::new_list(vec![Value::Int(2), Value::text("a"), Value::Null]),
        self_list,
        Value::empty_map(),
        Value::new_map(map),
        Value::Date(chrono::NaiveDate::MIN),
    ]
}

/// Every list of `min..=max` indexes into the pool (capped at `cap` arguments).
fn index_lists(pool_len: usize, min: usize, max: usize, cap: usize) -> Vec<Vec<usize>> {
    let mut all = Vec::new();
    for n in min..=max.min(cap) {
        let mut lists: Vec<Vec<usize>> = vec![Vec::new()];
        for _ in 0..n {
            lists = lists
                .into_iter()
                .flat_map(|l| {
                    (0..pool_len).map(move |i| {
                        let mut next = l.clone();
                        next.push(i);
                        next
                    })
                })
                .collect();
        }
        all.extend(lists);
    }
    all
}

/// Each call gets fresh values: methods such as `addAll` change their receiver, and the receiver
/// may also be one of the arguments.
fn fresh_call(receiver: usize, indexes: &[usize]) -> (Value, Vec<Value>) {
    let pool = awkward_values();
    let args = indexes.iter().map(|&i| pool[i].clone()).collect();
    (pool[receiver].clone(), args)
}

#[test]
fn methods_never_panic() {
    let pool = awkward_values();
    for (r, receiver) in pool.iter().enumerate() {
        let tag = receiver.tag();
        for method in all_methods(tag) {
            for indexes in index_lists(pool.len(), method.min_args, method.max_args, 2) {
                let (receiver, args) = fresh_call(r, &indexes);
                let _ = (method.func)(&receiver, &args);
            }
        }
    }
}

#[test]
fn functions_never_panic() {
    let pool = awkward_values();
    for f in functions() {
        for indexes in index_lists(pool.len(), f.min_args, f.max_args, 3) {
            let args: Vec<Value> = indexes.iter().map(|&i| pool[i].clone()).collect();
            let _ = (f.func)(&args);
        }
    }
}
