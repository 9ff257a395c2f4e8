//! `OrderedTable`, the hashed form of a large map: entries in insertion order, found through a
//! hashbrown table of 32-bit entry numbers (half the size of indexmap's, so lookups in big maps
//! touch less memory).

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use super::map::same_key;
use super::Value;

#[derive(Debug, Clone)]
struct Entry {
    hash: u64,
    key: Rc<str>,
    value: Value,
}

#[derive(Debug, Clone, Default)]
pub(super) struct OrderedTable {
    entries: Vec<Entry>,
    index: HashTable<u32>,
}

fn hash_key(key: &str) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

impl OrderedTable {
    pub(super) fn with_capacity(n: usize) -> OrderedTable {
        OrderedTable {
            entries: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    fn position(&self, hash: u64, key: &str) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(hash, |&i| same_key(&entries[i as usize].key, key))
            .map(|&i| i as usize)
    }

    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        let i = self.position(hash_key(key), key)?;
        Some(&self.entries[i].value)
    }

    /// Sets `key`; an existing key keeps its position. Returns the value it replaced.
    pub(super) fn insert(&mut self, key: Rc<str>, value: Value) -> Option<Value> {
        let hash = hash_key(&key);
        if let Some(i) = self.position(hash, &key) {
            return Some(std::mem::replace(&mut self.entries[i].value, value));
        }
        // Entry numbers are 32-bit: four billion entries would need hundreds of gigabytes first.
        let number = self.entries.len() as u32;
        let entries = &self.entries;
        self.index
            .insert_unique(hash, number, |&i| entries[i as usize].hash);
        self.entries.push(Entry { hash, key, value });
        None
    }

    /// Removes `key`, keeping the order of the others. Returns its value.
    pub(super) fn remove(&mut self, key: &str) -> Option<Value> {
        let hash = hash_key(key);
        let entries = &self.entries;
        let found = self
            .index
            .find_entry(hash, |&i| same_key(&entries[i as usize].key, key))
            .ok()?;
        let (number, _) = found.remove();
        let removed = self.entries.remove(number as usize);
        for i in self.index.iter_mut() {
            if *i > number {
                *i -= 1;
            }
        }
        Some(removed.value)
    }

    pub(super) fn iter(&self) -> EntryIter<'_> {
        EntryIter(self.entries.iter())
    }
}

/// Entries of an `OrderedTable` in insertion order.
pub(super) struct EntryIter<'a>(std::slice::Iter<'a, Entry>);

impl<'a> Iterator for EntryIter<'a> {
    type Item = (&'a Rc<str>, &'a Value);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|e| (&e.key, &e.value))
    }
}
