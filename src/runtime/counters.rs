//! Cheap per-thread tallies of every cost the harness explains: GIL traffic, waits, blocked time, refcount operations, lock traffic, allocations, cross-interpreter copies, GC pauses.
//!
//! One module for all of them, at the bottom layer, so the runtime (GIL, locks, refcounts), the
//! memory layer (allocator, collector) and the VM count into the same place and none of them
//! reaches upward to count. Each thread counts in thread-local cells (no atomics, no sharing): a
//! bump is one add to one thread-local cell. Events are counted by the thread that experiences
//! them: a waiter counts its own wait time, the holder counts the forced switch it performed. A
//! thread reads its own tallies with [`snapshot`] and hands them to the collector, which adds them
//! up with [`Counters::merge`]. The field list is written once, in `counters!` below.
//!
//! Time counters (`*_ns`) are taken only on slow paths: [`Stopwatch`] reads the clock when a fast
//! try-lock has already failed, around a blocking call, or around a whole cross-interpreter copy,
//! never per object.
//!
//! Process totals: when [`collect_process_totals`] is on (`gilbench compare`'s worker), every
//! Python context that ends moves its thread's tallies into one process-wide total
//! ([`retire_thread`], [`process_totals`]), so the counters cover every thread a program starts.
//!
//! With the cargo feature `no-counters` every bump and every [`Stopwatch`] compiles to nothing,
//! so `cargo bench --features no-counters` measures what the counters cost (see
//! `benches/README.md`); the tallies then stay zero.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use parking_lot::Mutex;

/// One live counter of this thread.
pub(crate) struct Count(Cell<u64>);

impl Count {
    const fn new() -> Count {
        Count(Cell::new(0))
    }

    /// Add `n` (wrapping never happens in practice: u64 nanoseconds is 584 years).
    #[inline(always)]
    pub(crate) fn add(&self, n: u64) {
        self.0.set(self.0.get() + n);
    }

    #[inline(always)]
    fn get(&self) -> u64 {
        self.0.get()
    }
}

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
        pub(crate) struct Live {
            $(pub(crate) $name: Count,)*
        }

        thread_local! {
            static LIVE: Live = const { Live { $($name: Count::new(),)* } };
        }

        /// This thread's tallies so far (`alloc_bytes` stays 0: the allocator keeps it).
        pub fn snapshot() -> Counters {
            LIVE.try_with(|l| Counters { $($name: l.$name.get(),)* }).unwrap_or_default()
        }

        /// Reset this thread's tallies.
        pub fn reset() {
            let _ = LIVE.try_with(|l| { $(l.$name.0.set(0);)* });
        }

        /// The tallies of contexts that have ended while process totals were collected.
        static PROCESS_TOTALS: Mutex<Counters> = Mutex::new(Counters { $($name: 0,)* });
    };
}

counters! {
    /// Times this thread took the GIL.
    gil_acquisitions,
    /// Acquisitions that found the GIL held and had to wait.
    gil_contended,
    /// Drop requests this thread raised after waiting a whole switch interval.
    gil_drop_requests,
    /// Times this thread, as holder, honoured a drop request and waited for another thread to
    /// take the GIL (CPython's forced switching).
    gil_forced_switches,
    /// Total time spent waiting to take the GIL, in nanoseconds.
    gil_wait_ns,
    /// Acquisitions after which the GIL changed hands (the previous holder was another thread).
    gil_switches,
    /// Python-level lock acquisitions (`_thread` locks and RLocks, so also `threading.Lock`,
    /// `Condition`, `Event`, `Semaphore`, `queue`) that found the lock taken and blocked.
    pylock_contended,
    /// Time spent blocked in those acquisitions (detached, GIL released), in nanoseconds.
    pylock_wait_ns,
    /// Objects this thread queued for their owner to merge (biased refcounting).
    brc_queued,
    /// Queued objects this thread merged (as owner, or on behalf of an exited owner).
    brc_merged,
    /// Time this thread spent parked while another thread had the world stopped (the
    /// free-threaded build's GC pauses, seen from the threads that were paused), in nanoseconds.
    stw_wait_ns,
    /// Time spent blocked, detached, in waits that are not contention: `time.sleep`, joins,
    /// `Event`/`Condition`/`queue` waits (signal locks), futures' results, reading stdin, in
    /// nanoseconds. Python-lock contention is `pylock_wait_ns` instead.
    blocked_ns,
    /// Python threads this thread started (`_thread.start_new_thread`, so `threading.Thread`).
    threads_started,
    /// Interpreters this thread created (`concurrent.interpreters`, `InterpreterPoolExecutor`).
    interpreters_started,
    /// Time this thread's Python contexts (`Vm`s) existed, in nanoseconds: added when a context
    /// ends, so `thread_time_ns` of all threads is the thread-time a program's breakdown divides.
    thread_time_ns,
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
    /// Heap bytes this thread allocated (kept by `memory::alloc`; the collector of a snapshot
    /// fills it in, see `harness::session::Tally::current`).
    alloc_bytes,
}

/// Apply `f` to this thread's live tallies (`bump(|c| c.gil_wait_ns.add(ns))`). Silently skipped
/// during thread teardown; nothing at all with the `no-counters` feature.
#[cfg(not(feature = "no-counters"))]
#[inline(always)]
pub(crate) fn bump(f: impl FnOnce(&Live)) {
    let _ = LIVE.try_with(f);
}

/// The `no-counters` build: nothing is counted.
#[cfg(feature = "no-counters")]
#[inline(always)]
pub(crate) fn bump(_f: impl FnOnce(&Live)) {}

/// A blocking wait of `ns` nanoseconds that was not contention (see `blocked_ns`).
#[inline]
pub fn count_blocked(ns: u64) {
    bump(|c| c.blocked_ns.add(ns));
}

/// Run `f` (a blocking call, already detached) and count its duration as blocked time.
#[inline]
pub fn timed_block<R>(f: impl FnOnce() -> R) -> R {
    let w = Stopwatch::start();
    let r = f();
    count_blocked(w.elapsed_ns());
    r
}

/// Whether ending contexts add their thread's tallies to the process totals (see [`retire_thread`]).
static COLLECT_PROCESS_TOTALS: AtomicBool = AtomicBool::new(false);

/// Turn on (or off) process-wide collection: from now on every Python context that ends
/// (`Vm` drop) moves its thread's tallies into the process totals. `gilbench compare`'s worker
/// turns it on, so the counters cover every thread and interpreter a program starts; the bench
/// harness, which collects per worker thread itself, leaves it off.
pub fn collect_process_totals(on: bool) {
    COLLECT_PROCESS_TOTALS.store(on, Ordering::Relaxed);
}

/// Whether [`collect_process_totals`] is on.
#[inline]
pub fn collecting_process_totals() -> bool {
    COLLECT_PROCESS_TOTALS.load(Ordering::Relaxed)
}

/// A context of this thread ends: when collecting, move the thread's tallies into the process
/// totals and zero them, so a later context on the same thread adds only its own.
/// `take_alloc_bytes` hands over (and zeroes) the bytes the allocator charged to this thread.
pub fn retire_thread(take_alloc_bytes: impl FnOnce() -> u64) {
    if !collecting_process_totals() {
        return;
    }
    let mut mine = snapshot();
    mine.alloc_bytes = take_alloc_bytes();
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
fn add(f: impl FnOnce(&Live) -> &Count, n: u64) {
    // `try_with`: counting during thread teardown is skipped, never a panic.
    let _ = LIVE.try_with(|l| f(l).add(n));
}

#[cfg(feature = "no-counters")]
#[inline(always)]
fn add(_f: impl FnOnce(&Live) -> &Count, _n: u64) {}

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
    let _ = LIVE.try_with(|l| l.gc_pause_max_ns.0.set(l.gc_pause_max_ns.get().max(pause_ns)));
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

#[cfg(all(test, not(feature = "no-counters")))]
mod runtime_tests {
    use super::*;

    #[test]
    fn bump_snapshot_merge() {
        reset();
        bump(|c| c.gil_acquisitions.add(2));
        bump(|c| c.gil_wait_ns.add(5));
        let mine = snapshot();
        assert_eq!(mine.gil_acquisitions, 2);
        let theirs = std::thread::spawn(|| {
            bump(|c| c.gil_acquisitions.add(3));
            snapshot()
        })
        .join()
        .unwrap();
        assert_eq!(theirs.gil_acquisitions, 3);
        let mut total = Counters::default();
        total.merge(&mine);
        total.merge(&theirs);
        assert_eq!(total.gil_acquisitions, 5);
        assert_eq!(total.gil_wait_ns, 5);
        reset();
        assert_eq!(snapshot(), Counters::default());
    }
}
