//! Cheap per-thread tallies of the costs the harness explains (refcount ops, lock traffic, allocations).
//!
//! Each thread counts in thread-local cells (no atomics, no sharing); a thread's tallies are
//! read with [`snapshot`] and merged by whoever collects them.

use std::cell::Cell;

/// One thread's tallies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub local_refops: u64,
    pub shared_refops: u64,
    pub object_locks: u64,
    pub contended_locks: u64,
    pub allocations: u64,
    pub deallocations: u64,
}

impl Counters {
    pub fn merge(&mut self, other: &Counters) {
        self.local_refops += other.local_refops;
        self.shared_refops += other.shared_refops;
        self.object_locks += other.object_locks;
        self.contended_locks += other.contended_locks;
        self.allocations += other.allocations;
        self.deallocations += other.deallocations;
    }
}

thread_local! {
    static COUNTERS: Cell<Counters> = const { Cell::new(Counters {
        local_refops: 0, shared_refops: 0, object_locks: 0, contended_locks: 0, allocations: 0, deallocations: 0,
    }) };
}

#[inline(always)]
fn bump(f: impl FnOnce(&mut Counters)) {
    COUNTERS.with(|c| {
        let mut v = c.get();
        f(&mut v);
        c.set(v);
    });
}

#[inline(always)]
pub fn count_local_refop() {
    bump(|c| c.local_refops += 1);
}
#[inline(always)]
pub fn count_shared_refop() {
    bump(|c| c.shared_refops += 1);
}
#[inline(always)]
pub fn count_object_lock() {
    bump(|c| c.object_locks += 1);
}
#[inline(always)]
pub fn count_contended_lock() {
    bump(|c| c.contended_locks += 1);
}
#[inline(always)]
pub fn count_allocation() {
    bump(|c| c.allocations += 1);
}
#[inline(always)]
pub fn count_deallocation() {
    bump(|c| c.deallocations += 1);
}

/// This thread's tallies so far.
pub fn snapshot() -> Counters {
    COUNTERS.with(|c| c.get())
}

/// Reset this thread's tallies.
pub fn reset() {
    COUNTERS.with(|c| c.set(Counters::default()));
}
