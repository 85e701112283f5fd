//! Cheap per-thread tallies of the costs the harness explains (refcount ops, lock traffic, allocations, cross-interpreter copies).
//!
//! Each thread counts in thread-local cells (no atomics, no sharing): a bump is one add to one
//! thread-local cell. A thread's tallies are read with [`snapshot`] and merged by whoever
//! collects them. The field list is written once, in `counters!` below.

use std::cell::Cell;

macro_rules! counters {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// One thread's tallies (or the merged tallies of many).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct Counters {
            $($(#[$doc])* pub $name: u64,)*
        }

        impl Counters {
            pub fn merge(&mut self, other: &Counters) {
                $(self.$name += other.$name;)*
            }
        }

        /// One thread's live tallies: a cell per counter.
        struct Live {
            $($name: Cell<u64>,)*
        }

        thread_local! {
            static LIVE: Live = const { Live { $($name: Cell::new(0),)* } };
        }

        /// This thread's tallies so far.
        pub fn snapshot() -> Counters {
            LIVE.try_with(|l| Counters { $($name: l.$name.get(),)* }).unwrap_or_default()
        }

        /// Reset this thread's tallies.
        pub fn reset() {
            let _ = LIVE.try_with(|l| { $(l.$name.set(0);)* });
        }
    };
}

counters! {
    /// Reference-count operations by the owning thread (no atomics).
    local_refops,
    /// Reference-count operations through the shared atomic count (free-threaded build).
    shared_refops,
    /// Object-lock acquisitions (free-threaded build).
    object_locks,
    /// Acquisitions that found the object lock held.
    contended_locks,
    allocations,
    deallocations,
    /// Values copied out of an interpreter (`vm::xi::export` calls): the isolation cost.
    xi_exports,
    /// Values rebuilt in an interpreter (`vm::xi::import` calls).
    xi_imports,
    /// Items (every scalar, string, container, instance) copied by exports.
    xi_items,
    /// Approximate bytes copied by exports (8 per scalar or container, plus string/bytes data).
    xi_bytes,
    /// Objects created by imports.
    xi_items_imported,
}

#[inline(always)]
fn add(f: impl FnOnce(&Live) -> &Cell<u64>, n: u64) {
    // `try_with`: counting during thread teardown is skipped, never a panic.
    let _ = LIVE.try_with(|l| {
        let c = f(l);
        c.set(c.get() + n);
    });
}

#[inline(always)]
pub fn count_local_refop() {
    add(|c| &c.local_refops, 1);
}
#[inline(always)]
pub fn count_shared_refop() {
    add(|c| &c.shared_refops, 1);
}
#[inline(always)]
pub fn count_object_lock() {
    add(|c| &c.object_locks, 1);
}
#[inline(always)]
pub fn count_contended_lock() {
    add(|c| &c.contended_locks, 1);
}
#[inline(always)]
pub fn count_allocation() {
    add(|c| &c.allocations, 1);
}
#[inline(always)]
pub fn count_deallocation() {
    add(|c| &c.deallocations, 1);
}

/// One cross-interpreter export of `items` items and `bytes` bytes (see `vm::xi`).
#[inline]
pub fn count_xi_export(items: u64, bytes: u64) {
    add(|c| &c.xi_exports, 1);
    add(|c| &c.xi_items, items);
    add(|c| &c.xi_bytes, bytes);
}

/// One cross-interpreter import that created `items` objects.
#[inline]
pub fn count_xi_import(items: u64) {
    add(|c| &c.xi_imports, 1);
    add(|c| &c.xi_items_imported, items);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_are_per_thread_and_merge() {
        reset();
        count_local_refop();
        count_xi_export(3, 24);
        let mine = snapshot();
        assert_eq!((mine.local_refops, mine.xi_exports, mine.xi_items, mine.xi_bytes), (1, 1, 3, 24));
        let theirs = std::thread::spawn(|| {
            count_shared_refop();
            snapshot()
        })
        .join()
        .unwrap();
        assert_eq!(theirs.local_refops, 0);
        let mut all = mine;
        all.merge(&theirs);
        assert_eq!((all.local_refops, all.shared_refops), (1, 1));
        reset();
        assert_eq!(snapshot(), Counters::default());
    }
}
