//! `DictTable`: the insertion-ordered hash table behind dict, set and every namespace.
//!
//! Entries live in a `Vec` in insertion order (deleted slots become `None` and are compacted
//! when they pile up); an [`EntryIndex`] (CPython's `dk_indices`) maps hashes to entry positions. Key comparison is
//! supplied by the caller, because comparing Python objects may run Python code, which must
//! never happen while the table is borrowed: [`DictTable::probe`] compares natively where it can
//! and otherwise hands back the candidate entries for the VM to compare outside the lock.
//!
//! Sets use the same table in *set layout* ([`DictTable::new_set`]): there the entry `Vec` is
//! CPython's open-addressing slot array (size a power of two, dummies after deletions, linear
//! probes then perturbation, the same resize points), so a set iterates, prints and pops in
//! exactly CPython's order. Entry indices are slot indices in that layout.
#![forbid(unsafe_code)]

use crate::runtime::ExecutionModel;

use super::dict_index::EntryIndex;
use super::{Payload, Value};

pub struct Entry<M: ExecutionModel> {
    pub hash: i64,
    pub key: Value<M>,
    pub value: Value<M>,
}

pub struct DictTable<M: ExecutionModel> {
    entries: Vec<Option<Entry<M>>>,
    index: EntryIndex,
    len: usize,
    /// Bumped on every insertion or removal of a key (not on value updates).
    version: u64,
    /// Set layout only: CPython's slot bookkeeping (`None` for dicts).
    set: Option<Box<SetSlots>>,
    /// Whether any key ever inserted is an instance (a str subclass key can equal a plain str
    /// without being one, so the str fast path alone cannot prove a key missing).
    instance_keys: bool,
}

/// CPython `setobject.c` state besides the slots themselves.
struct SetSlots {
    /// Slots holding a dummy (a deleted key); parallel to `entries`.
    dummy: Vec<bool>,
    /// Active plus dummy slots.
    fill: usize,
    /// Where `pop()` starts looking.
    finger: usize,
}

const SET_MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// Where a table's entries and index live (see [`DictTable::raw_parts`]).
pub struct RawTable<M: ExecutionModel> {
    pub entries: *const Option<Entry<M>>,
    pub n_entries: usize,
    pub slots: *const u32,
    pub n_slots: usize,
    pub set_layout: bool,
    pub instance_keys: bool,
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
        DictTable {
            entries: Vec::new(),
            index: EntryIndex::new(),
            len: 0,
            version: 0,
            set: None,
            instance_keys: false,
        }
    }
}

impl<M: ExecutionModel> DictTable<M> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        DictTable {
            entries: Vec::with_capacity(n),
            index: EntryIndex::with_capacity(n),
            len: 0,
            version: 0,
            set: None,
            instance_keys: false,
        }
    }

    /// An empty table in set layout (CPython's 8-slot small table).
    pub fn new_set() -> Self {
        let mut entries = Vec::new();
        entries.resize_with(SET_MINSIZE, || None);
        let set = Some(Box::new(SetSlots { dummy: vec![false; SET_MINSIZE], fill: 0, finger: 0 }));
        DictTable {
            entries,
            index: EntryIndex::new(),
            len: 0,
            version: 0,
            set,
            instance_keys: false,
        }
    }

    pub fn is_set_layout(&self) -> bool {
        self.set.is_some()
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

    /// Raw parts for a reader without the lock (`Guarded::<DictTable>::get_optimistic`, which
    /// calls this on a validated bitwise copy of the table).
    pub fn raw_parts(&self) -> RawTable<M> {
        RawTable {
            entries: self.entries.as_ptr(),
            n_entries: self.entries.len(),
            slots: self.index.slots().as_ptr(),
            n_slots: self.index.slots().len(),
            set_layout: self.set.is_some(),
            instance_keys: self.instance_keys,
        }
    }

    /// Look `key` up, comparing natively; see [`Probe`].
    pub fn probe(&self, hash: i64, key: &Value<M>) -> Probe<M> {
        let mut slow: Vec<(usize, Value<M>)> = Vec::new();
        let entries = &self.entries;
        let found = self.index.find(hash as u64, |i| {
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
            Some(i) => Probe::Found(i),
            None if slow.is_empty() => Probe::Missing,
            None => Probe::NeedsEq(slow),
        }
    }

    /// Fast path for str keys (namespaces): compares by identity, then by content.
    #[inline]
    pub fn get_str(&self, hash: i64, key: &str) -> Option<&Value<M>> {
        let entries = &self.entries;
        self.index
            .find(
                hash as u64,
                #[inline(always)]
                |i| match &entries[i] {
                    Some(e) => {
                        e.hash == hash && e.key.as_str().is_some_and(|k| super::names_equal(k, key))
                    }
                    None => false,
                },
            )
            .and_then(|i| entries[i].as_ref().map(|e| &e.value))
    }

    /// `d[key] = value` for a str key whose equality needs no Python code: returns the replaced
    /// value, or `Err(value)` when the table may hold keys only Python `__eq__` can compare.
    #[inline]
    pub fn set_str(
        &mut self,
        hash: i64,
        key: &Value<M>,
        value: Value<M>,
    ) -> Result<Option<Value<M>>, Value<M>> {
        let Some(k) = key.as_str() else { return Err(value) };
        if self.instance_keys || self.set.is_some() {
            return Err(value);
        }
        let entries = &self.entries;
        let found = self.index.find(
            hash as u64,
            #[inline(always)]
            |i| match &entries[i] {
                Some(e) => {
                    e.hash == hash && e.key.as_str().is_some_and(|x| super::names_equal(x, k))
                }
                None => false,
            },
        );
        match found {
            Some(i) => Ok(Some(self.replace_value(i, value))),
            None => {
                self.insert_new(hash, key.clone(), value);
                Ok(None)
            }
        }
    }

    /// Like `get_str`, also giving the entry index (a hint for `get_str_at`).
    #[inline]
    pub fn get_str_index(&self, hash: i64, key: &str) -> Option<(usize, &Value<M>)> {
        let entries = &self.entries;
        self.index
            .find(
                hash as u64,
                #[inline(always)]
                |i| match &entries[i] {
                    Some(e) => {
                        e.hash == hash && e.key.as_str().is_some_and(|k| super::names_equal(k, key))
                    }
                    None => false,
                },
            )
            .and_then(|i| entries[i].as_ref().map(|e| (i, &e.value)))
    }

    /// The value at entry `i` if that entry's key is the str `key`: since keys are unique, a
    /// match is the current binding of `key`, whatever happened to the table since the hint.
    #[inline]
    pub fn get_str_at(&self, i: usize, key: &str) -> Option<&Value<M>> {
        match self.entries.get(i) {
            Some(Some(e)) if e.key.as_str().is_some_and(|k| super::names_equal(k, key)) => {
                Some(&e.value)
            }
            _ => None,
        }
    }

    /// Insert a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value<M>, value: Value<M>) {
        if self.set.is_some() {
            self.set_insert_absent(hash, key, value);
            return;
        }
        if self.entries.len() >= 16 && self.entries.len() > 2 * self.len + 8 {
            self.compact();
        }
        let i = self.entries.len();
        self.instance_keys |= matches!(key.payload(), Some(Payload::Instance(_)));
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index
            .insert_unique(hash as u64, i, |j| entries[j].as_ref().map_or(0, |e| e.hash as u64));
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
        self.index.remove(e.hash as u64, i);
        self.len -= 1;
        self.version += 1;
        if let Some(st) = &mut self.set {
            st.dummy[i] = true;
            return Some(e);
        }
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
        let old: Vec<Entry<M>> = std::mem::take(&mut self.entries).into_iter().flatten().collect();
        if let Some(st) = &mut self.set {
            self.entries.resize_with(SET_MINSIZE, || None);
            **st = SetSlots { dummy: vec![false; SET_MINSIZE], fill: 0, finger: 0 };
        }
        old
    }

    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let h = e.as_ref().map_or(0, |e| e.hash as u64);
            let entries = &self.entries;
            self.index.insert_unique(h, i, |j| entries[j].as_ref().map_or(0, |e| e.hash as u64));
        }
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<M>> {
        self.entries.iter().flatten()
    }

    /// A copy of the table (new references to every key and value).
    pub fn clone_table(&self) -> Self {
        if self.set.is_some() {
            let mut t = DictTable::new_set();
            t.set_merge_into_empty(self);
            return t;
        }
        let mut t = DictTable::with_capacity(self.len);
        for e in self.iter() {
            t.insert_new(e.hash, e.key.clone(), e.value.clone());
        }
        t
    }
}

/// Set layout: CPython's `setobject.c` placement rules (see the module notes).
impl<M: ExecutionModel> DictTable<M> {
    fn mask(&self) -> usize {
        self.entries.len() - 1
    }

    fn slot_empty(&self, i: usize) -> bool {
        self.entries[i].is_none() && !self.set.as_ref().is_some_and(|s| s.dummy[i])
    }

    fn place(&mut self, slot: usize, hash: i64, key: Value<M>, value: Value<M>) {
        self.instance_keys |= matches!(key.payload(), Some(Payload::Instance(_)));
        self.entries[slot] = Some(Entry { hash, key, value });
        let entries = &self.entries;
        self.index
            .insert_unique(hash as u64, slot, |j| entries[j].as_ref().map_or(0, |e| e.hash as u64));
    }

    /// `set_add_entry` for a key known to be absent: the last dummy on the probe path, else the first empty slot.
    fn set_insert_absent(&mut self, hash: i64, key: Value<M>, value: Value<M>) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot = None;
        let unused = 'outer: loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                if self.slot_empty(j) {
                    break 'outer j;
                }
                if self.entries[j].is_none() {
                    freeslot = Some(j);
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        self.len += 1;
        self.version += 1;
        if let Some(f) = freeslot {
            if let Some(st) = &mut self.set {
                st.dummy[f] = false;
            }
            self.place(f, hash, key, value);
            return;
        }
        self.place(unused, hash, key, value);
        let fill = match &mut self.set {
            Some(st) => {
                st.fill += 1;
                st.fill
            }
            None => return,
        };
        if fill * 5 >= mask * 3 {
            let used = self.len;
            self.set_resize(if used > 50000 { used * 2 } else { used * 4 });
        }
    }

    /// `set_insert_clean`: place into a table without dummies, no equality checks.
    fn set_insert_clean(&mut self, hash: i64, key: Value<M>, value: Value<M>) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let slot = 'outer: loop {
            if self.entries[i].is_none() {
                break i;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if self.entries[j].is_none() {
                        break 'outer j;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        self.place(slot, hash, key, value);
    }

    /// `set_table_resize`: the smallest power of two above `minused`, dummies dropped.
    fn set_resize(&mut self, minused: usize) {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let Some(st) = &self.set else { return };
        if newsize == SET_MINSIZE && self.entries.len() == SET_MINSIZE && st.fill == self.len {
            return;
        }
        let old = std::mem::take(&mut self.entries);
        self.entries.resize_with(newsize, || None);
        self.index.clear();
        if let Some(st) = &mut self.set {
            st.dummy = vec![false; newsize];
            st.fill = self.len;
        }
        for e in old.into_iter().flatten() {
            self.set_insert_clean(e.hash, e.key, e.value);
        }
    }

    /// The one big resize `set_merge`/`set_update_internal` do before adding `n` keys.
    pub fn set_presize(&mut self, n: usize) {
        let Some(st) = &self.set else { return };
        if (st.fill + n) * 5 >= self.mask() * 3 {
            self.set_resize((self.len + n) * 2);
        }
    }

    /// `set_merge` into an empty set from a set without needing key comparisons.
    /// Returns false (doing nothing) when this table is not empty.
    pub fn set_merge_into_empty(&mut self, other: &DictTable<M>) -> bool {
        let (Some(st), Some(ost)) = (&self.set, &other.set) else { return false };
        if st.fill != 0 {
            return false;
        }
        if other.len == 0 {
            return true;
        }
        self.set_presize(other.len);
        if self.entries.len() == other.entries.len() && ost.fill == other.len {
            for (i, e) in other.entries.iter().enumerate() {
                if let Some(e) = e {
                    self.place(i, e.hash, e.key.clone(), e.value.clone());
                }
            }
        } else {
            for e in other.iter() {
                self.set_insert_clean(e.hash, e.key.clone(), e.value.clone());
            }
        }
        self.len = other.len;
        self.version += 1;
        if let Some(st) = &mut self.set {
            st.fill = other.len;
        }
        true
    }

    /// An exact copy of a set-layout table (same slots, dummies and finger), for merging from it.
    pub fn set_raw_copy(&self) -> Self {
        let entries = self
            .entries
            .iter()
            .map(|e| {
                e.as_ref().map(|e| Entry {
                    hash: e.hash,
                    key: e.key.clone(),
                    value: e.value.clone(),
                })
            })
            .collect();
        let set = self
            .set
            .as_ref()
            .map(|s| Box::new(SetSlots { dummy: s.dummy.clone(), fill: s.fill, finger: s.finger }));
        DictTable {
            entries,
            index: self.index.clone(),
            len: self.len,
            version: 0,
            set,
            instance_keys: self.instance_keys,
        }
    }

    /// `(hash, key)` of every live entry in iteration order.
    pub fn hashed_keys(&self) -> Vec<(i64, Value<M>)> {
        self.iter().map(|e| (e.hash, e.key.clone())).collect()
    }

    /// `set_pop`: remove the first active slot at or after the finger.
    pub fn set_pop(&mut self) -> Option<Entry<M>> {
        if self.len == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.set.as_ref().map_or(0, |s| s.finger) & mask;
        while self.entries[i].is_none() {
            i = if i == mask { 0 } else { i + 1 };
        }
        if let Some(st) = &mut self.set {
            st.finger = i + 1;
        }
        self.remove_at(i)
    }

    /// After a difference update: "if more than 1/4th are dummies, resize them away".
    pub fn set_purge_dummies(&mut self) {
        let Some(st) = &self.set else { return };
        if st.fill - self.len > self.mask() / 4 {
            let used = self.len;
            self.set_resize(if used > 50000 { used * 2 } else { used * 4 });
        }
    }
}

/// Equality decidable without running Python code: `Some(eq)` or `None` (needs `__eq__`).
pub fn native_eq<M: ExecutionModel>(a: &Value<M>, b: &Value<M>) -> Option<bool> {
    use num_traits::ToPrimitive;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            Some((*x as f64) == *y && (*y as i64) == *x)
        }
        (Value::Float(x), Value::Float(y)) => Some(x == y),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => Some(*x as i64 == *y),
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => {
            Some(*x as i64 as f64 == *y)
        }
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
                // Native types (`bytearray`) may define `__eq__` as a method.
                (Payload::Native(_), _) | (_, Payload::Native(_)) => None,
                (Payload::Set(_), Payload::Set(_)) => None,
                // Containers compare element-wise (possibly running `__eq__`); views like sets.
                (Payload::List(_), Payload::List(_))
                | (Payload::Dict(_), Payload::Dict(_))
                | (Payload::Range(_), Payload::Range(_)) => None,
                (Payload::DictView(_), _) | (_, Payload::DictView(_)) => None,
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
            Payload::BigInt(b) => Some(
                b.to_f64() == Some(*f)
                    && f.fract() == 0.0
                    && num_bigint::BigInt::from(*f as i128) == *b,
            ),
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
