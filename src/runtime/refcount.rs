//! Reference counts for the object header: plain (GIL, subinterpreters) and biased (free-threaded).
//!
//! Implementation notes (who touches what):
//!
//! * [`PlainRefCount`] is a `Cell`. In the GIL build every access happens with the GIL held; in
//!   the subinterpreter build an object never leaves its interpreter (its handles are `!Send`)
//!   and every access happens with that interpreter's own lock held, so no two threads can race
//!   on it. It is never used by the free-threaded build and never asks for a merge.
//! * [`BiasedRefCount`] follows PEP 703 (CPython's `Objects/object.c` and `Python/brc.c`). An
//!   object records the thread that created it (its *owner*). The owner counts in `local` with
//!   plain loads and stores (no read-modify-write, no lock prefix): only the owner thread ever
//!   writes `local` while it owns the object, so the relaxed atomic is just a data-race-free
//!   plain access. Every other thread counts in `shared` with atomic read-modify-writes.
//!   `shared` holds `count << 2 | state`, where state is 0, [`QUEUED`] or [`MERGED`]. The true
//!   count is `local + count`; `count` may be negative while the owner still holds the
//!   references other threads dropped.
//! * How an object reaches zero (exactly one thread frees it):
//!     - The owner's `local` drops to zero: it clears the owner (first, so late queuers see it),
//!       then sets `MERGED` with one CAS. If the shared count was zero it frees the object.
//!     - A non-owner decrement that would take a state-0 count from 0 to -1 instead marks the
//!       object `QUEUED` *without* decrementing: the reference it was dropping now belongs to
//!       the owner's merge queue. [`RefCount::decref`] returns [`DecRef::Queue`] and the object
//!       layer pushes the object to the owner (`brc::enqueue`). Later non-owner decrements may
//!       take the count further negative; none of them frees.
//!     - The owner drains its queue at an eval-breaker check and calls
//!       [`RefCount::merge_queued`] on each object: it writes `local = 0` and clears the owner
//!       (before the CAS, as CPython gh-119999: after the CAS another thread may free the
//!       object), then adds `local - 1` (the queue's reference) into the shared count and sets
//!       `MERGED`; a merged count of zero means "free it". If the owner has exited, the queuing
//!       thread does the same merge at once: the owner will never write `local` again, and the
//!       registry mutex orders its last writes before the read (see `brc.rs`).
//!     - After the merge everybody counts in `shared`; the decrement that takes a merged count
//!       to zero frees.
//! * Lock-free readers (CPython's `_Py_TryIncrefCompare`). A thread that read an object out of
//!   a container without its lock may count it with [`RefCount::try_incref_shared`]: a CAS on
//!   `shared` that refuses a count of zero in state 0 (the owner may free such an object with a
//!   plain store, no CAS to race with) and a merged zero (it is being freed). Both are what a
//!   freed object's count reads, and the block keeps it until every reader has passed a
//!   quiescent state (`memory::deferred`; the free list's link lands on `owner`, the first
//!   field, never on `shared`). So that such reads can succeed, a reference taken *under* the
//!   container's lock from another thread's object ([`RefCount::incref_with_lock`], CPython's
//!   `_Py_NewRefWithLock`) marks the count [`MAYBE_SHARED`]: the container's own reference
//!   keeps the object alive meanwhile, and from then on the owner merges with a CAS even at a
//!   shared count of zero. The mark is dropped only by queueing or merging, states a reader's
//!   CAS handles too.
//! * A queuer that finds the owner already cleared (the owner merged concurrently) simply
//!   decrements again: the state is no longer 0, so it cannot queue twice.
//! * Every object reported [`DecRef::Free`] is left merged with a count of zero, so a
//!   resurrection (the object layer increfs a dying object whose class has `__del__`) counts
//!   in `shared` and the next decrement to zero reports `Free` again.
//! * A thread that has retired (or never could register) has id `thread_id::RETIRED`; objects
//!   it creates are born merged, so no object ever names an owner that cannot drain a queue.
//! * Immortal objects (None, True, False, constants, interned names, shared functions and
//!   code) skip counting entirely, which is what keeps shared functions and globals from
//!   becoming contended cache lines between threads.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, AtomicU32, AtomicUsize, Ordering};

use super::thread_id;

/// What the caller of [`RefCount::decref`] must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum DecRef {
    /// References remain; nothing to do.
    Alive,
    /// That was the last reference: the caller frees the object.
    Free,
    /// Biased counting only: the shared count would have gone negative; the caller's reference
    /// was kept for the owner's merge queue. Hand the object to `brc::enqueue(owner, ..)`; the
    /// merge then goes through [`RefCount::merge_queued`]. `owner` is never 0 nor `RETIRED`.
    Queue(usize),
}

/// The count in an object header.
pub trait RefCount {
    /// A count of one owned by the current thread.
    fn new() -> Self;
    fn incref(&self);
    /// Drop one reference.
    fn decref(&self) -> DecRef;
    /// Drop the reference held by a merge queue, merging any split count (the owner draining
    /// its queue, or any thread once the owner has exited). True when the caller must free.
    fn merge_queued(&self) -> bool;
    /// The current count (approximate under concurrency), for `sys.getrefcount`.
    fn get(&self) -> usize;
    /// Make the object immortal: counting stops, it is never freed by refcounting.
    fn make_immortal(&self);
    fn is_immortal(&self) -> bool;
    /// A reference taken while holding the lock of a container that refers to the object:
    /// biased counting marks another thread's object so that lock-free readers may count it
    /// later ([`RefCount::try_incref_shared`]). Plain counts just increment.
    fn incref_with_lock(&self) {
        self.incref();
    }
    /// A lock-free reader's increment (biased counting): succeeds unless the object may be
    /// freed without a CAS or is being freed (see the module notes). Plain counts never.
    fn try_incref_shared(&self) -> bool {
        false
    }
    /// True when the calling thread owns the object's count (biased counting): only this thread
    /// can then free it, so a reference read from a container without its lock stays valid
    /// while this thread runs. Always false for plain counts.
    fn is_owned_by_current_thread(&self) -> bool {
        false
    }
    /// True when the caller's reference is the only one and no other thread can hold or
    /// obtain one (the count is one, owned by the calling thread). Exact when it answers true:
    /// a thread without a reference cannot create one.
    fn is_exclusive(&self) -> bool;
}

/// Above this a plain count is treated as immortal (as CPython 3.12's saturating counts).
const IMMORTAL: usize = usize::MAX / 2;

/// A non-atomic count: the GIL (or a single-threaded interpreter) serialises every access.
pub struct PlainRefCount(Cell<usize>);

impl RefCount for PlainRefCount {
    #[inline(always)]
    fn new() -> Self {
        PlainRefCount(Cell::new(1))
    }
    #[inline(always)]
    fn incref(&self) {
        let c = self.0.get();
        if c < IMMORTAL {
            self.0.set(c + 1);
        }
    }
    #[inline(always)]
    fn decref(&self) -> DecRef {
        let c = self.0.get();
        if c >= IMMORTAL {
            return DecRef::Alive;
        }
        self.0.set(c - 1);
        if c == 1 {
            DecRef::Free
        } else {
            DecRef::Alive
        }
    }
    fn merge_queued(&self) -> bool {
        // Never queued; dropping the reference is all there is to do.
        self.decref() == DecRef::Free
    }
    fn get(&self) -> usize {
        self.0.get()
    }
    fn make_immortal(&self) {
        self.0.set(usize::MAX);
    }
    fn is_immortal(&self) -> bool {
        self.0.get() >= IMMORTAL
    }
    #[inline(always)]
    fn is_exclusive(&self) -> bool {
        self.0.get() == 1
    }
}

/// Shared-count state: queued for the owner's merge (the queue holds one reference).
pub const QUEUED: isize = 0b01;
/// Shared-count state: merged; `local` is zero and there is no owner.
pub const MERGED: isize = 0b10;
/// Shared-count state: not merged, and lock-free readers may count it (see the module notes).
pub const MAYBE_SHARED: isize = 0b11;
const STATE_MASK: isize = 0b11;
const SHIFT: u32 = 2;
const ONE: isize = 1 << SHIFT;
const NO_OWNER: usize = 0;
const IMMORTAL_LOCAL: u32 = u32::MAX;

/// PEP 703's biased reference count (see the module notes). `repr(C)`, owner first: a deferred
/// free's link overwrites the block's first word (`memory::deferred`), and a lock-free reader's
/// CAS on `shared` must still find the freed object's merged zero there.
#[repr(C)]
pub struct BiasedRefCount {
    owner: AtomicUsize,
    local: AtomicU32,
    shared: AtomicIsize,
}

impl BiasedRefCount {
    /// The owner's local count (for tests and counters).
    pub fn local(&self) -> u32 {
        self.local.load(Ordering::Relaxed)
    }
    /// The shared count (may be negative before a merge).
    pub fn shared(&self) -> isize {
        self.shared.load(Ordering::Relaxed) >> SHIFT
    }
    /// The shared-count state: 0, [`QUEUED`] or [`MERGED`].
    pub fn state(&self) -> isize {
        self.shared.load(Ordering::Relaxed) & STATE_MASK
    }
    /// The owning thread id, 0 once merged.
    pub fn owner(&self) -> usize {
        self.owner.load(Ordering::Relaxed)
    }

    /// The owner's local count reached zero: give up ownership and merge. Out of line, as are
    /// the non-owner paths below: the owner's fast path (`incref`/`decref`) must stay a few
    /// instructions so it inlines into every `ObjRef` clone and drop.
    #[cold]
    #[inline(never)]
    fn merge_zero_local(&self) -> DecRef {
        // Clear the owner before touching `shared`, so a non-owner that queues concurrently
        // sees that there is nobody to queue to (CPython gh-121794).
        self.owner.store(NO_OWNER, Ordering::Release);
        let mut shared = self.shared.load(Ordering::Acquire);
        if shared == 0 {
            // No other thread holds a reference: nobody can race with us. Leave the count in
            // the merged-zero state every freed object has, so that a finalizer's resurrection
            // (an `incref` from zero) and its later `decref` count in `shared` like any merged
            // object's and free it again.
            self.shared.store(MERGED, Ordering::Relaxed);
            return DecRef::Free;
        }
        loop {
            let new = (shared & !STATE_MASK) | MERGED;
            match self.shared.compare_exchange_weak(
                shared,
                new,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return if new == MERGED { DecRef::Free } else { DecRef::Alive },
                Err(s) => shared = s,
            }
        }
    }

    /// The increment that needs no atomic read-modify-write (CPython's `_Py_TryIncrefFast`):
    /// nothing for an immortal object, a plain store for the owner. False: the caller is not
    /// the owner and must count in `shared`.
    #[inline(always)]
    fn incref_if_local(&self) -> bool {
        let local = self.local.load(Ordering::Relaxed);
        if local == IMMORTAL_LOCAL {
            return true;
        }
        if self.owner.load(Ordering::Relaxed) == thread_id::current_for_owner_test() {
            // Only the owner writes `local`: a plain store suffices.
            self.local.store(local + 1, Ordering::Relaxed);
            crate::runtime::counters::count_local_refop();
            return true;
        }
        false
    }

    /// A non-owner takes a reference (CPython's `_Py_IncRefShared`).
    #[inline(never)]
    fn incref_shared(&self) {
        self.shared.fetch_add(ONE, Ordering::Relaxed);
        crate::runtime::counters::count_shared_refop();
    }

    /// A non-owner drops a reference (CPython's `_Py_DecRefShared`).
    #[inline(never)]
    fn decref_shared(&self) -> DecRef {
        crate::runtime::counters::count_shared_refop();
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            // A count of zero, not queued or merged: the reference being dropped was counted by
            // the owner.
            let queue = shared == 0 || shared == MAYBE_SHARED;
            let new = if queue { QUEUED } else { shared - ONE };
            debug_assert!(
                !(new < 0 && shared & STATE_MASK == MERGED),
                "negative reference count on a merged object"
            );
            match self.shared.compare_exchange_weak(
                shared,
                new,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => {
                    if queue {
                        // We still hold the reference we kept for the queue: `self` is alive.
                        let owner = self.owner.load(Ordering::Acquire);
                        if owner == NO_OWNER {
                            // The owner merged concurrently: drop the reference for real. The
                            // state is no longer 0, so this cannot queue again.
                            return self.decref_shared();
                        }
                        return DecRef::Queue(owner);
                    }
                    return if new == MERGED { DecRef::Free } else { DecRef::Alive };
                }
                Err(s) => shared = s,
            }
        }
    }
}

impl RefCount for BiasedRefCount {
    #[inline(always)]
    fn new() -> Self {
        let me = thread_id::current();
        if me == thread_id::RETIRED {
            // No owner can ever drain a queue for this thread: start merged.
            return BiasedRefCount {
                owner: AtomicUsize::new(NO_OWNER),
                local: AtomicU32::new(0),
                shared: AtomicIsize::new(ONE | MERGED),
            };
        }
        BiasedRefCount {
            owner: AtomicUsize::new(me),
            local: AtomicU32::new(1),
            shared: AtomicIsize::new(0),
        }
    }

    #[inline(always)]
    fn incref(&self) {
        if !self.incref_if_local() {
            self.incref_shared();
        }
    }

    #[inline(always)]
    fn decref(&self) -> DecRef {
        let local = self.local.load(Ordering::Relaxed);
        if local == IMMORTAL_LOCAL {
            return DecRef::Alive;
        }
        if self.owner.load(Ordering::Relaxed) == thread_id::current_for_owner_test() {
            crate::runtime::counters::count_local_refop();
            let local = local - 1;
            self.local.store(local, Ordering::Relaxed);
            if local > 0 {
                return DecRef::Alive;
            }
            self.merge_zero_local()
        } else {
            self.decref_shared()
        }
    }

    #[inline]
    fn incref_with_lock(&self) {
        if self.incref_if_local() {
            return;
        }
        crate::runtime::counters::count_shared_refop();
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            let mut new = shared + ONE;
            if shared & STATE_MASK == 0 {
                new |= MAYBE_SHARED;
            }
            match self.shared.compare_exchange_weak(
                shared,
                new,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return,
                Err(s) => shared = s,
            }
        }
    }

    #[inline]
    fn try_incref_shared(&self) -> bool {
        let mut shared = self.shared.load(Ordering::Relaxed);
        loop {
            if shared == 0 || shared == MERGED {
                return false;
            }
            match self.shared.compare_exchange_weak(
                shared,
                shared + ONE,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => {
                    crate::runtime::counters::count_shared_refop();
                    return true;
                }
                Err(s) => shared = s,
            }
        }
    }

    fn merge_queued(&self) -> bool {
        if self.is_immortal() {
            return false;
        }
        // Only the owner (or anybody after the owner exited) gets here, so `local` is stable.
        // Write `local` and the owner before the CAS: once the merged count is published,
        // another thread may free the object (CPython gh-119999).
        let local = self.local.load(Ordering::Relaxed) as isize;
        self.local.store(0, Ordering::Relaxed);
        self.owner.store(NO_OWNER, Ordering::Release);
        let mut shared = self.shared.load(Ordering::Acquire);
        loop {
            let count = (shared >> SHIFT) + local - 1;
            debug_assert!(count >= 0, "negative reference count after merge");
            let new = (count << SHIFT) | MERGED;
            match self.shared.compare_exchange_weak(
                shared,
                new,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return count == 0,
                Err(s) => shared = s,
            }
        }
    }

    fn get(&self) -> usize {
        let local = self.local.load(Ordering::Relaxed);
        if local == IMMORTAL_LOCAL {
            return u32::MAX as usize;
        }
        (local as isize + (self.shared.load(Ordering::Relaxed) >> SHIFT)).max(0) as usize
    }

    fn make_immortal(&self) {
        self.local.store(IMMORTAL_LOCAL, Ordering::Relaxed);
    }

    fn is_immortal(&self) -> bool {
        self.local.load(Ordering::Relaxed) == IMMORTAL_LOCAL
    }
    #[inline(always)]
    fn is_owned_by_current_thread(&self) -> bool {
        // Only the owner clears `owner` (merging), so a match cannot go stale under us.
        let owner = self.owner.load(Ordering::Relaxed);
        owner != NO_OWNER && owner == thread_id::current_for_owner_test()
    }
    #[inline(always)]
    fn is_exclusive(&self) -> bool {
        // One local reference (ours, as owner) and nothing shared or queued. `shared` can only
        // fall to 0 by the last other holder's final decrement, after which it never touches
        // the object again.
        self.local.load(Ordering::Relaxed) == 1
            && self.owner.load(Ordering::Relaxed) == thread_id::current_for_owner_test()
            && self.shared.load(Ordering::Acquire) == 0
    }
}

#[cfg(test)]
#[path = "refcount_tests.rs"]
mod tests;
