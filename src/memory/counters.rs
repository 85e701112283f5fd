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

/// One thread's live tallies: a cell per counter, so a bump is one thread-local add.
struct Live {
    local_refops: Cell<u64>,
    shared_refops: Cell<u64>,
    object_locks: Cell<u64>,
    contended_locks: Cell<u64>,
    allocations: Cell<u64>,
    deallocations: Cell<u64>,
}

thread_local! {
    static LIVE: Live = const { Live {
        local_refops: Cell::new(0), shared_refops: Cell::new(0), object_locks: Cell::new(0),
        contended_locks: Cell::new(0), allocations: Cell::new(0), deallocations: Cell::new(0),
    } };
}

#[inline(always)]
fn bump(f: impl FnOnce(&Live) -> &Cell<u64>) {
    // `try_with`: counting during thread teardown is skipped, never a panic.
    let _ = LIVE.try_with(|l| {
        let c = f(l);
        c.set(c.get() + 1);
    });
}

#[inline(always)]
pub fn count_local_refop() {
    bump(|c| &c.local_refops);
}
#[inline(always)]
pub fn count_shared_refop() {
    bump(|c| &c.shared_refops);
}
#[inline(always)]
pub fn count_object_lock() {
    bump(|c| &c.object_locks);
}
#[inline(always)]
pub fn count_contended_lock() {
    bump(|c| &c.contended_locks);
}
#[inline(always)]
pub fn count_allocation() {
    bump(|c| &c.allocations);
}
#[inline(always)]
pub fn count_deallocation() {
    bump(|c| &c.deallocations);
}

/// This thread's tallies so far.
pub fn snapshot() -> Counters {
    LIVE.try_with(|l| Counters {
        local_refops: l.local_refops.get(),
        shared_refops: l.shared_refops.get(),
        object_locks: l.object_locks.get(),
        contended_locks: l.contended_locks.get(),
        allocations: l.allocations.get(),
        deallocations: l.deallocations.get(),
    })
    .unwrap_or_default()
}

/// Reset this thread's tallies.
pub fn reset() {
    let _ = LIVE.try_with(|l| {
        for c in [&l.local_refops, &l.shared_refops, &l.object_locks, &l.contended_locks, &l.allocations, &l.deallocations] {
            c.set(0);
        }
    });
}
