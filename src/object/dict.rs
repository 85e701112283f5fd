//! `DictTable`: the insertion-ordered hash table behind dict, set and every namespace.
//!
//! Entries live in a `Vec` in insertion order (deleted slots become `None` and are compacted
//! when they pile up); a hashbrown `HashTable` maps hashes to entry indices. Key comparison is
//! supplied by the caller, because comparing Python objects may run Python code, which must
//! never happen while the table is borrowed: [`DictTable::probe`] compares natively where it can
//! and otherwise hands back the candidate entries for the VM to compare outside the lock.

use hashbrown::HashTable;

use crate::runtime::ExecutionModel;

use super::{Payload, Value};

pub struct Entry<M: ExecutionModel> {
    pub hash: i64,
    pub key: Value<M>,
    pub value: Value<M>,
}

pub struct DictTable<M: ExecutionModel> {
    entries: Vec<Option<Entry<M>>>,
    index: HashTable<usize>,
    len: usize,
    /// Bumped on every insertion or removal of a key (not on value updates).
    version: u64,
    /// Whether any key ever inserted is an instance (a str subclass key can equal a plain str
    /// without being one, so the str fast path alone cannot prove a key missing).
    instance_keys: bool,
}

/// The outcome of a lookup that compares keys natively where possible.
pub enum Probe<M: ExecutionModel> {
    Found(usize),
    Missing,
    /// Keys with the same hash whose equality needs Python code: (entry index, key).
    NeedsEq(Vec<(usize, Value<M>)>),
}

impl<M: ExecutionModel> Default for DictTable<M> {
    fn default() -> Self {
        DictTable { entries: Vec::new(), index: HashTable::new(), len: 0, version: 0, instance_keys: false }
    }
}

impl<M: ExecutionModel> DictTable<M> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        DictTable { entries: Vec::with_capacity(n), index: HashTable::with_capacity(n), len: 0, version: 0, instance_keys: false }
    }

    /// Whether an instance was ever used as a key (see the field's note).
    pub fn has_instance_keys(&self) -> bool {
        self.instance_keys
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// Number of entry slots (including deleted ones): the bound for index-based iteration.
    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at slot `i`.
    pub fn entry(&self, i: usize) -> Option<&Entry<M>> {
        self.entries.get(i).and_then(|e| e.as_ref())
    }

    pub fn entry_mut(&mut self, i: usize) -> Option<&mut Entry<M>> {
        self.entries.get_mut(i).and_then(|e| e.as_mut())
    }

    /// Look `key` up, comparing natively; see [`Probe`].
    pub fn probe(&self, hash: i64, key: &Value<M>) -> Probe<M> {
        let mut slow: Vec<(usize, Value<M>)> = Vec::new();
        let entries = &self.entries;
        let found = self.index.find(hash as u64, |&i| {
            let Some(e) = &entries[i] else { return false };
            if e.hash != hash {
                return false;
            }
            match native_eq(&e.key, key) {
                Some(eq) => eq,
                None => {
                    slow.push((i, e.key.clone()));
                    false
                }
            }
        });
        match found {
            Some(&i) => Probe::Found(i),
            None if slow.is_empty() => Probe::Missing,
            None => Probe::NeedsEq(slow),
        }
    }

    /// Fast path for str keys (namespaces): compares by identity, then by content.
    #[inline]
    pub fn get_str(&self, hash: i64, key: &str) -> Option<&Value<M>> {
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| match &entries[i] {
                Some(e) => e.hash == hash && e.key.as_str() == Some(key),
                None => false,
            })
            .and_then(|&i| entries[i].as_ref().map(|e| &e.value))
    }

    /// Insert a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value<M>, value: Value<M>) {
        if self.entries.len() >= 16 && self.entries.len() > 2 * self.len + 8 {
            self.compact();
        }
        let i = self.entries.len();
        self.instance_keys |= matches!(key.payload(), Some(Payload::Instance(_)));
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, i, |&j| entries[j].as_ref().map_or(0, |e| e.hash as u64));
        self.len += 1;
        self.version += 1;
    }

    /// Replace the value at slot `i`, returning the old one.
    pub fn replace_value(&mut self, i: usize, value: Value<M>) -> Value<M> {
        let e = self.entries[i].as_mut().expect("live entry");
        std::mem::replace(&mut e.value, value)
    }

    /// Remove the entry at slot `i`, returning it.
    pub fn remove_at(&mut self, i: usize) -> Option<Entry<M>> {
        let e = self.entries.get_mut(i)?.take()?;
        if let Ok(found) = self.index.find_entry(e.hash as u64, |&j| j == i) {
            found.remove();
        }
        self.len -= 1;
        self.version += 1;
        if self.len == 0 {
            self.entries.clear();
            self.index.clear();
        }
        Some(e)
    }

    /// Remove and return the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry<M>> {
        let i = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(i)
    }

    /// Remove everything, returning the old entries (to be dropped outside the lock).
    pub fn take_all(&mut self) -> Vec<Entry<M>> {
        self.index.clear();
        self.len = 0;
        self.version += 1;
        std::mem::take(&mut self.entries).into_iter().flatten().collect()
    }

    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let h = e.as_ref().map_or(0, |e| e.hash as u64);
            let entries = &self.entries;
            self.index.insert_unique(h, i, |&j| entries[j].as_ref().map_or(0, |e| e.hash as u64));
        }
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<M>> {
        self.entries.iter().flatten()
    }

    /// A copy of the table (new references to every key and value).
    pub fn clone_table(&self) -> Self {
        let mut t = DictTable::with_capacity(self.len);
        for e in self.iter() {
            t.insert_new(e.hash, e.key.clone(), e.value.clone());
        }
        t
    }
}

/// Equality decidable without running Python code: `Some(eq)` or `None` (needs `__eq__`).
pub fn native_eq<M: ExecutionModel>(a: &Value<M>, b: &Value<M>) -> Option<bool> {
    use num_traits::ToPrimitive;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => Some((*x as f64) == *y && (*y as i64) == *x),
        (Value::Float(x), Value::Float(y)) => Some(x == y),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => Some(*x as i64 == *y),
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => Some(*x as i64 as f64 == *y),
        (Value::None, Value::None) => Some(true),
        (Value::Obj(x), Value::Obj(y)) => {
            if x.is(y) {
                return Some(true);
            }
            match (x.payload(), y.payload()) {
                (Payload::Str(s), Payload::Str(t)) => Some(s.as_str() == t.as_str()),
                (Payload::BigInt(s), Payload::BigInt(t)) => Some(s == t),
                (Payload::Bytes(s), Payload::Bytes(t)) => Some(s == t),
                (Payload::Tuple(s), Payload::Tuple(t)) => {
                    if s.len() != t.len() {
                        return Some(false);
                    }
                    for (p, q) in s.iter().zip(t.iter()) {
                        match native_eq(p, q) {
                            Some(true) => {}
                            other => return other,
                        }
                    }
                    Some(true)
                }
                (Payload::Instance(_), _) | (_, Payload::Instance(_)) => None,
                (Payload::Set(_), Payload::Set(_)) => None,
                (Payload::Str(_), _) | (_, Payload::Str(_)) => Some(false),
                (Payload::Tuple(_), _) | (_, Payload::Tuple(_)) => Some(false),
                _ => Some(false),
            }
        }
        (Value::Obj(o), Value::Int(i)) | (Value::Int(i), Value::Obj(o)) => match o.payload() {
            Payload::BigInt(b) => Some(b.to_i64() == Some(*i)),
            Payload::Instance(_) => None,
            _ => Some(false),
        },
        (Value::Obj(o), Value::Float(f)) | (Value::Float(f), Value::Obj(o)) => match o.payload() {
            Payload::BigInt(b) => Some(b.to_f64() == Some(*f) && f.fract() == 0.0 && num_bigint::BigInt::from(*f as i128) == *b),
            Payload::Instance(_) => None,
            _ => Some(false),
        },
        (Value::Obj(o), _) | (_, Value::Obj(o)) => match o.payload() {
            Payload::Instance(_) => None,
            _ => Some(false),
        },
        _ => Some(false),
    }
}
