//! `AttrCache`: a per-thread cache of class attribute lookups, in the spirit of CPython's type
//! method cache (`Objects/typeobject.c`), so `obj.method` and `self.attr` skip the MRO walk.
//!
//! Entries are keyed by (class, attribute name) and stamped with the interpreter's class epoch.
//! Only two kinds of answers are cached: "no class in the MRO defines it" (the common case for
//! instance attributes) and descriptors/functions (methods, properties, static/class methods).
//! Plain data attributes are never cached, so `Account.count += 1` need not invalidate anything.
//! Invariant: whoever changes a class namespace in a way that could change a cached answer (a
//! name appears or disappears, or a function/descriptor is stored or replaced) calls
//! [`Interp::bump_class_epoch`](super::Interp::bump_class_epoch). Entries name the class by its
//! address only, so the cache never keeps a class alive (the cyclic GC can free a class that is
//! in a cycle); an address reused by a new class is told apart by
//! [`CLASSES_FREED`](crate::object::CLASSES_FREED), which every class's destructor advances and
//! every entry records. A lookup holds a reference to the class it asks about, so that class
//! cannot be freed during the lookup. Answers are strong references (a stale answer after a
//! namespace change the epoch missed is wrong, never dangling).
#![forbid(unsafe_code)]

use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

const SIZE: usize = 1024;

struct Entry<M: ExecutionModel> {
    epoch: u64,
    /// `CLASSES_FREED` when the entry was made.
    freed: u64,
    class: usize,
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
            Some(
                Payload::Function(_)
                    | Payload::Builtin(_)
                    | Payload::Property(_)
                    | Payload::StaticMethod(_)
                    | Payload::ClassMethod(_)
            )
        ),
    }
}

impl<M: ExecutionModel> AttrCache<M> {
    /// The cached answer: `Some(answer)` on a hit (the answer itself may be "absent").
    #[inline]
    pub fn get(
        &self,
        epoch: u64,
        class: &ObjRef<M>,
        hash: i64,
        name: &str,
    ) -> Option<Option<Value<M>>> {
        match &self.entries[slot(class, hash)] {
            Some(e)
                if e.epoch == epoch
                    && e.hash == hash
                    && e.class == class.id()
                    && crate::object::names_equal(&e.name, name)
                    && e.freed
                        == crate::object::CLASSES_FREED
                            .load(std::sync::atomic::Ordering::Acquire) =>
            {
                Some(e.result.clone())
            }
            _ => None,
        }
    }

    pub fn put(
        &mut self,
        epoch: u64,
        class: &ObjRef<M>,
        hash: i64,
        name: &str,
        result: &Option<Value<M>>,
    ) {
        if cacheable(result) {
            let freed = crate::object::CLASSES_FREED.load(std::sync::atomic::Ordering::Acquire);
            self.entries[slot(class, hash)] = Some(Entry {
                epoch,
                freed,
                class: class.id(),
                hash,
                name: name.into(),
                result: result.clone(),
            });
        }
    }
}
