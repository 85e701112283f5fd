//! `AttrCache`: a per-thread cache of class attribute lookups, in the spirit of CPython's type
//! method cache (`Objects/typeobject.c`), so `obj.method` and `self.attr` skip the MRO walk.
//!
//! Entries are keyed by (class, attribute name) and stamped with the interpreter's class epoch.
//! Only two kinds of answers are cached: "no class in the MRO defines it" (the common case for
//! instance attributes) and descriptors/functions (methods, properties, static/class methods).
//! Plain data attributes are never cached, so `Account.count += 1` need not invalidate anything.
//! Invariant: whoever changes a class namespace in a way that could change a cached answer (a
//! name appears or disappears, or a function/descriptor is stored or replaced) calls
//! [`Interp::bump_class_epoch`](super::Interp::bump_class_epoch). Entries hold strong references
//! to the class, so a cached class's address is never reused while its entry exists.

use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

const SIZE: usize = 1024;

struct Entry<M: ExecutionModel> {
    epoch: u64,
    class: ObjRef<M>,
    hash: i64,
    name: Box<str>,
    result: Option<Value<M>>,
}

/// One thread's cache (no locking: each `Vm` owns its own).
pub struct AttrCache<M: ExecutionModel> {
    entries: Vec<Option<Entry<M>>>,
}

impl<M: ExecutionModel> Default for AttrCache<M> {
    fn default() -> Self {
        AttrCache { entries: (0..SIZE).map(|_| None).collect() }
    }
}

#[inline(always)]
fn slot<M: ExecutionModel>(class: &ObjRef<M>, hash: i64) -> usize {
    ((class.id() >> 4) ^ (hash as usize)) & (SIZE - 1)
}

/// Whether a lookup answer may be cached (see the module notes).
pub fn cacheable<M: ExecutionModel>(result: &Option<Value<M>>) -> bool {
    match result {
        None => true,
        Some(v) => matches!(
            v.payload(),
            Some(Payload::Function(_) | Payload::Builtin(_) | Payload::Property(_) | Payload::StaticMethod(_) | Payload::ClassMethod(_))
        ),
    }
}

impl<M: ExecutionModel> AttrCache<M> {
    /// The cached answer: `Some(answer)` on a hit (the answer itself may be "absent").
    #[inline]
    pub fn get(&self, epoch: u64, class: &ObjRef<M>, hash: i64, name: &str) -> Option<Option<Value<M>>> {
        match &self.entries[slot(class, hash)] {
            Some(e) if e.epoch == epoch && e.hash == hash && e.class.is(class) && crate::object::names_equal(&e.name, name) => Some(e.result.clone()),
            _ => None,
        }
    }

    pub fn put(&mut self, epoch: u64, class: &ObjRef<M>, hash: i64, name: &str, result: &Option<Value<M>>) {
        if cacheable(result) {
            self.entries[slot(class, hash)] = Some(Entry { epoch, class: class.clone(), hash, name: name.into(), result: result.clone() });
        }
    }
}
