//! Cheap per-thread tallies of the costs the harness explains (refcount ops, lock traffic, allocations, cross-interpreter copies).
//!
//! Each thread counts in thread-local cells (no atomics, no sharing): a bump is one add to one
//! thread-local cell. A thread's tallies are read with [`snapshot`] and merged by whoever
//! collects them. The field list is written once, in `counters!` below.
//!
//! Time counters (`*_ns`) are taken only on slow paths: [`Stopwatch`] reads the clock when a
//! fast try-lock has already failed, or around a whole cross-interpreter copy, never per object.
//!
//! With the cargo feature `no-counters` every bump (here and in `runtime::counters`) and every
//! [`Stopwatch`] compiles to nothing, so `cargo bench --features no-counters` measures what the
//! counters cost (see `benches/README.md`); the tallies then stay zero.
#![forbid(unsafe_code)]

use std::cell::Cell;

macro_rules! counters {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// One thread's tallies (or the merged tallies of many).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct Counters {
            $($(#[$doc])* pub $name: u64,)*
        }

        impl Counters {
            /// Add `other`'s tallies (the `*_max_*` fields take the larger value instead).
            pub fn merge(&mut self, other: &Counters) {
                let max = self.gc_pause_max_ns.max(other.gc_pause_max_ns);
                $(self.$name += other.$name;)*
                self.gc_pause_max_ns = max;
            }
        }

        /// One thread's live tallies: a cell per counter.
        struct Live {
            $($name: Cell<u64>,)*
        }

        thread_local! {
            static LIVE: Live = const { Live { $($name: Cell::new(0),)* } };
        }

        /// This thread's tallies so far (`alloc_bytes` from the counting allocator).
        pub fn snapshot() -> Counters {
            let mut c = LIVE.try_with(|l| Counters { $($name: l.$name.get(),)* }).unwrap_or_default();
            c.alloc_bytes = crate::memory::alloc::allocated_bytes();
            c
        }

        /// Reset this thread's tallies.
        pub fn reset() {
            let _ = LIVE.try_with(|l| { $(l.$name.set(0);)* });
            crate::memory::alloc::take_allocated_bytes();
        }

        /// The tallies of contexts that have ended while process totals were collected.
        static PROCESS_TOTALS: parking_lot::Mutex<Counters> = parking_lot::Mutex::new(Counters { $($name: 0,)* });
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
    /// Time spent waiting for contended object locks, in nanoseconds (slow path only).
    lock_wait_ns,
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
    /// Time spent in top-level `vm::xi::export` and `vm::xi::import` calls, in nanoseconds.
    xi_copy_ns,
    /// Cyclic GC collections run by this thread.
    gc_collections,
    /// Objects those collections found unreachable (what `gc.collect()` answers).
    gc_collected,
    /// Time the collections paused the interpreter (scan and clear; not finalizers or
    /// callbacks, which run Python code), in nanoseconds.
    gc_pause_ns,
    /// The longest single pause, in nanoseconds (merged by maximum, not summed).
    gc_pause_max_ns,
    /// Heap bytes this thread allocated (read from `memory::alloc`, not a cell of its own).
    alloc_bytes,
}

/// A context of this thread ends: when `runtime::counters::collect_process_totals` is on, move
/// this thread's tallies into the process totals and zero them (see `runtime::counters`).
pub fn retire_thread() {
    if !crate::runtime::counters::collecting_process_totals() {
        return;
    }
    let mine = snapshot();
    reset();
    PROCESS_TOTALS.lock().merge(&mine);
}

/// The process totals so far (contexts that ended; add the caller's own [`snapshot`]).
pub fn process_totals() -> Counters {
    *PROCESS_TOTALS.lock()
}

/// Measures a wait on a slow path; a zero-sized no-op with the `no-counters` feature.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    #[cfg(not(feature = "no-counters"))]
    start: std::time::Instant,
}

impl Stopwatch {
    #[inline(always)]
    pub fn start() -> Stopwatch {
        Stopwatch {
            #[cfg(not(feature = "no-counters"))]
            start: std::time::Instant::now(),
        }
    }

    /// Nanoseconds since [`Stopwatch::start`] (0 with the `no-counters` feature).
    #[inline(always)]
    pub fn elapsed_ns(&self) -> u64 {
        #[cfg(not(feature = "no-counters"))]
        {
            self.start.elapsed().as_nanos().min(u64::MAX as u128) as u64
        }
        #[cfg(feature = "no-counters")]
        {
            0
        }
    }
}

#[cfg(not(feature = "no-counters"))]
#[inline(always)]
fn add(f: impl FnOnce(&Live) -> &Cell<u64>, n: u64) {
    // `try_with`: counting during thread teardown is skipped, never a panic.
    let _ = LIVE.try_with(|l| {
        let c = f(l);
        c.set(c.get() + n);
    });
}

#[cfg(feature = "no-counters")]
#[inline(always)]
fn add(_f: impl FnOnce(&Live) -> &Cell<u64>, _n: u64) {}

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
/// An acquisition that found the lock held and then waited `wait_ns` for it.
#[inline(always)]
pub fn count_contended_lock(wait_ns: u64) {
    add(|c| &c.contended_locks, 1);
    add(|c| &c.lock_wait_ns, wait_ns);
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

/// One collection that found `collected` objects and paused for `pause_ns`.
#[inline]
pub fn count_gc_collection(collected: u64, pause_ns: u64) {
    add(|c| &c.gc_collections, 1);
    add(|c| &c.gc_collected, collected);
    add(|c| &c.gc_pause_ns, pause_ns);
    #[cfg(not(feature = "no-counters"))]
    let _ = LIVE.try_with(|l| l.gc_pause_max_ns.set(l.gc_pause_max_ns.get().max(pause_ns)));
}

thread_local! {
    /// Nesting of [`XiCopyTimer`]s on this thread (an import may run Python that copies again).
    static XI_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Times one top-level cross-interpreter copy into `xi_copy_ns` when dropped; nested copies
/// inside it add nothing (their time is already inside the outer one).
pub struct XiCopyTimer {
    outer: Option<Stopwatch>,
}

impl XiCopyTimer {
    #[inline]
    pub fn start() -> XiCopyTimer {
        if cfg!(feature = "no-counters") {
            return XiCopyTimer { outer: None };
        }
        let depth = XI_DEPTH.try_with(|d| {
            let v = d.get();
            d.set(v + 1);
            v
        });
        XiCopyTimer { outer: (depth == Ok(0)).then(Stopwatch::start) }
    }
}

impl Drop for XiCopyTimer {
    #[inline]
    fn drop(&mut self) {
        if cfg!(feature = "no-counters") {
            return;
        }
        let _ = XI_DEPTH.try_with(|d| d.set(d.get().saturating_sub(1)));
        if let Some(w) = self.outer {
            add(|c| &c.xi_copy_ns, w.elapsed_ns());
        }
    }
}

#[cfg(all(test, not(feature = "no-counters")))]
mod tests {
    use super::*;

    #[test]
    fn bumps_are_per_thread_and_merge() {
        reset();
        count_local_refop();
        count_xi_export(3, 24);
        let mine = snapshot();
        assert_eq!(
            (mine.local_refops, mine.xi_exports, mine.xi_items, mine.xi_bytes),
            (1, 1, 3, 24)
        );
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

    #[test]
    fn waits_and_copies_are_timed_once_at_the_top_level() {
        reset();
        count_contended_lock(7);
        assert_eq!((snapshot().contended_locks, snapshot().lock_wait_ns), (1, 7));
        {
            let _outer = XiCopyTimer::start();
            let _inner = XiCopyTimer::start();
            std::thread::sleep(std::time::Duration::from_millis(2));
            drop(_inner);
            assert_eq!(snapshot().xi_copy_ns, 0, "a nested copy adds nothing");
        }
        let ns = snapshot().xi_copy_ns;
        assert!(ns >= 2_000_000, "{ns}");
        assert_eq!(XI_DEPTH.with(|d| d.get()), 0, "the depth went back to zero");
        reset();
    }
}
