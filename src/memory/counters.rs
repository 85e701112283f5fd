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
    /// Values copied out of an interpreter (`vm::xi::export` calls): the isolation cost.
    pub xi_exports: u64,
    /// Values rebuilt in an interpreter (`vm::xi::import` calls).
    pub xi_imports: u64,
    /// Items (every scalar, string, container, instance) copied by exports.
    pub xi_items: u64,
    /// Approximate bytes copied by exports (8 per scalar or container, plus string/bytes data).
    pub xi_bytes: u64,
    /// Objects created by imports.
    pub xi_items_imported: u64,
}

impl Counters {
    pub fn merge(&mut self, other: &Counters) {
        self.local_refops += other.local_refops;
        self.shared_refops += other.shared_refops;
        self.object_locks += other.object_locks;
        self.contended_locks += other.contended_locks;
        self.allocations += other.allocations;
        self.deallocations += other.deallocations;
        self.xi_exports += other.xi_exports;
        self.xi_imports += other.xi_imports;
        self.xi_items += other.xi_items;
        self.xi_bytes += other.xi_bytes;
        self.xi_items_imported += other.xi_items_imported;
    }
}

thread_local! {
    static COUNTERS: Cell<Counters> = const { Cell::new(Counters {
        local_refops: 0, shared_refops: 0, object_locks: 0, contended_locks: 0, allocations: 0, deallocations: 0,
        xi_exports: 0, xi_imports: 0, xi_items: 0, xi_bytes: 0, xi_items_imported: 0,
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

/// One cross-interpreter export of `items` items and `bytes` bytes (see `vm::xi`).
#[inline]
pub fn count_xi_export(items: u64, bytes: u64) {
    bump(|c| {
        c.xi_exports += 1;
        c.xi_items += items;
        c.xi_bytes += bytes;
    });
}
/// One cross-interpreter import that created `items` objects.
#[inline]
pub fn count_xi_import(items: u64) {
    bump(|c| {
        c.xi_imports += 1;
        c.xi_items_imported += items;
    });
}

/// This thread's tallies so far.
pub fn snapshot() -> Counters {
    COUNTERS.with(|c| c.get())
}

/// Reset this thread's tallies.
pub fn reset() {
    COUNTERS.with(|c| c.set(Counters::default()));
}
