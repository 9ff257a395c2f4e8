//! `DgMap`, the map behind Deluge's KEY-VALUE type: text keys kept in insertion order.
//!
//! Most maps in real scripts are small records (a handful of fields), so up to `SMALL_LIMIT` entries
//! live in a plain vector searched linearly: no hash table, less memory, and lookups that compare a
//! few short keys. Larger maps move to an `IndexMap` for hashed lookups.

use std::rc::Rc;

use super::table::{EntryIter, OrderedTable};
use super::Value;

/// Entries a map holds before it switches to a hash table.
pub const SMALL_LIMIT: usize = 8;

#[derive(Debug, Clone)]
pub struct DgMap {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    Small(Vec<(Rc<str>, Value)>),
    Large(Box<OrderedTable>),
}

impl Default for DgMap {
    fn default() -> DgMap {
        DgMap {
            repr: Repr::Small(Vec::new()),
        }
    }
}

/// Key equality with a shortcut for the same text object (keys are usually shared `Rc`s), which
/// saves reading the stored key's bytes, often a cache miss in a big map.
#[inline]
pub(super) fn same_key(stored: &str, key: &str) -> bool {
    std::ptr::eq(stored.as_ptr(), key.as_ptr()) && stored.len() == key.len() || stored == key
}

impl DgMap {
    pub fn new() -> DgMap {
        DgMap::default()
    }

    pub fn with_capacity(n: usize) -> DgMap {
        let repr = if n <= SMALL_LIMIT {
            Repr::Small(Vec::with_capacity(n))
        } else {
            Repr::Large(Box::new(OrderedTable::with_capacity(n)))
        };
        DgMap { repr }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Small(v) => v.len(),
            Repr::Large(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.repr {
            Repr::Small(v) => v.iter().find(|(k, _)| same_key(k, key)).map(|(_, v)| v),
            Repr::Large(m) => m.get(key),
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`; an existing key keeps its position. Returns the value it replaced.
    pub fn insert(&mut self, key: Rc<str>, value: Value) -> Option<Value> {
        match &mut self.repr {
            Repr::Small(v) => {
                if let Some(slot) = v.iter_mut().find(|(k, _)| same_key(k, &key)) {
                    return Some(std::mem::replace(&mut slot.1, value));
                }
                if v.len() < SMALL_LIMIT {
                    // Grow by half rather than double: records of 5-7 fields (the common case)
                    // then waste at most one slot instead of up to four.
                    if v.len() == v.capacity() {
                        v.reserve_exact((v.len() / 2).max(2).min(SMALL_LIMIT - v.len()));
                    }
                    v.push((key, value));
                    return None;
                }
                let mut large = OrderedTable::with_capacity(v.len() * 2);
                for (k, old) in v.drain(..) {
                    large.insert(k, old);
                }
                large.insert(key, value);
                self.repr = Repr::Large(Box::new(large));
                None
            }
            Repr::Large(m) => m.insert(key, value),
        }
    }

    /// Removes `key`, keeping the order of the others. Returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        match &mut self.repr {
            Repr::Small(v) => {
                let i = v.iter().position(|(k, _)| same_key(k, key))?;
                Some(v.remove(i).1)
            }
            Repr::Large(m) => m.remove(key),
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        match &self.repr {
            Repr::Small(v) => Iter(IterRepr::Small(v.iter())),
            Repr::Large(m) => Iter(IterRepr::Large(m.iter())),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.iter().map(|(k, _)| k)
    }
}

/// Entries in insertion order.
pub struct Iter<'a>(IterRepr<'a>);

enum IterRepr<'a> {
    Small(std::slice::Iter<'a, (Rc<str>, Value)>),
    Large(EntryIter<'a>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Rc<str>, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            IterRepr::Small(it) => it.next().map(|(k, v)| (k, v)),
            IterRepr::Large(it) => it.next(),
        }
    }
}

impl FromIterator<(Rc<str>, Value)> for DgMap {
    fn from_iter<I: IntoIterator<Item = (Rc<str>, Value)>>(iter: I) -> DgMap {
        let mut map = DgMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Rc<str> {
        Rc::from(s)
    }

    fn keys(m: &DgMap) -> Vec<String> {
        m.keys().map(|k| k.to_string()).collect()
    }

    #[test]
    fn small_and_large_keep_insertion_order_and_positions() {
        for n in [3, SMALL_LIMIT, SMALL_LIMIT * 4] {
            let mut m = DgMap::new();
            for i in 0..n {
                m.insert(key(&format!("k{i}")), Value::Int(i as i64));
            }
            m.insert(key("k1"), Value::Int(100));
            assert_eq!(m.len(), n);
            assert_eq!(keys(&m)[1], "k1");
            assert!(matches!(m.get("k1"), Some(Value::Int(100))));
            assert!(m.get("missing").is_none());
            assert!(matches!(m.remove("k0"), Some(Value::Int(0))));
            assert_eq!(keys(&m)[0], "k1");
            assert_eq!(m.len(), n - 1);
        }
    }

    #[test]
    fn growing_past_the_limit_switches_to_a_hash_table() {
        let mut m = DgMap::with_capacity(2);
        for i in 0..=SMALL_LIMIT {
            m.insert(key(&format!("f{i}")), Value::Null);
        }
        assert!(matches!(m.repr, Repr::Large(_)));
        assert_eq!(keys(&m).first().map(String::as_str), Some("f0"));
    }
}
