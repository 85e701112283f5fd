//! Cheap per-thread tallies of runtime events (GIL traffic, biased-refcount merges), merged by whoever collects them.
//!
//! Same style as `memory::counters`: each thread counts in a thread-local `Cell` (no atomics, no
//! sharing); a thread reads its own with [`snapshot`] and hands it to the collector, which adds
//! them up with [`RuntimeCounters::merge`]. Events are counted by the thread that experiences
//! them: a waiter counts its own wait time, the holder counts the forced switch it performed.
//! With the cargo feature `no-counters`, [`bump`] compiles to nothing (see `memory::counters`).
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use parking_lot::Mutex;

/// One thread's tallies (or the merged tallies of many).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuntimeCounters {
    /// Times this thread took the GIL.
    pub gil_acquisitions: u64,
    /// Acquisitions that found the GIL held and had to wait.
    pub gil_contended: u64,
    /// Drop requests this thread raised after waiting a whole switch interval.
    pub gil_drop_requests: u64,
    /// Times this thread, as holder, honoured a drop request and waited for another thread to
    /// take the GIL (CPython's forced switching).
    pub gil_forced_switches: u64,
    /// Total time spent waiting to take the GIL, in nanoseconds.
    pub gil_wait_ns: u64,
    /// Acquisitions after which the GIL changed hands (the previous holder was another thread).
    pub gil_switches: u64,
    /// Python-level lock acquisitions (`_thread` locks and RLocks, so also `threading.Lock`,
    /// `Condition`, `Event`, `Semaphore`, `queue`) that found the lock taken and blocked.
    pub pylock_contended: u64,
    /// Time spent blocked in those acquisitions (detached, GIL released), in nanoseconds.
    pub pylock_wait_ns: u64,
    /// Objects this thread queued for their owner to merge (biased refcounting).
    pub brc_queued: u64,
    /// Queued objects this thread merged (as owner, or on behalf of an exited owner).
    pub brc_merged: u64,
    /// Time this thread spent parked while another thread had the world stopped (the
    /// free-threaded build's GC pauses, seen from the threads that were paused), in nanoseconds.
    pub stw_wait_ns: u64,
    /// Time spent blocked, detached, in waits that are not contention: `time.sleep`, joins,
    /// `Event`/`Condition`/`queue` waits (signal locks), futures' results, reading stdin, in
    /// nanoseconds. Python-lock contention is `pylock_wait_ns` instead.
    pub blocked_ns: u64,
    /// Python threads this thread started (`_thread.start_new_thread`, so `threading.Thread`).
    pub threads_started: u64,
    /// Interpreters this thread created (`concurrent.interpreters`, `InterpreterPoolExecutor`).
    pub interpreters_started: u64,
    /// Time this thread's Python contexts (`Vm`s) existed, in nanoseconds: added when a context
    /// ends, so `thread_time_ns` of all threads is the thread-time a program's breakdown divides.
    pub thread_time_ns: u64,
}

impl RuntimeCounters {
    pub fn merge(&mut self, other: &RuntimeCounters) {
        self.gil_acquisitions += other.gil_acquisitions;
        self.gil_contended += other.gil_contended;
        self.gil_drop_requests += other.gil_drop_requests;
        self.gil_forced_switches += other.gil_forced_switches;
        self.gil_wait_ns += other.gil_wait_ns;
        self.gil_switches += other.gil_switches;
        self.pylock_contended += other.pylock_contended;
        self.pylock_wait_ns += other.pylock_wait_ns;
        self.brc_queued += other.brc_queued;
        self.brc_merged += other.brc_merged;
        self.stw_wait_ns += other.stw_wait_ns;
        self.blocked_ns += other.blocked_ns;
        self.threads_started += other.threads_started;
        self.interpreters_started += other.interpreters_started;
        self.thread_time_ns += other.thread_time_ns;
    }

    /// Total GIL wait as a duration.
    pub fn gil_wait(&self) -> Duration {
        Duration::from_nanos(self.gil_wait_ns)
    }
}

thread_local! {
    static COUNTERS: Cell<RuntimeCounters> = const { Cell::new(RuntimeCounters {
        gil_acquisitions: 0, gil_contended: 0, gil_drop_requests: 0, gil_forced_switches: 0,
        gil_wait_ns: 0, gil_switches: 0, pylock_contended: 0, pylock_wait_ns: 0, brc_queued: 0, brc_merged: 0, stw_wait_ns: 0,
        blocked_ns: 0, threads_started: 0, interpreters_started: 0, thread_time_ns: 0,
    }) };
}

/// Apply `f` to this thread's tallies. Silently skipped during thread teardown.
#[cfg(not(feature = "no-counters"))]
#[inline]
pub(crate) fn bump(f: impl FnOnce(&mut RuntimeCounters)) {
    let _ = COUNTERS.try_with(|c| {
        let mut v = c.get();
        f(&mut v);
        c.set(v);
    });
}

/// The `no-counters` build: nothing is counted.
#[cfg(feature = "no-counters")]
#[inline(always)]
pub(crate) fn bump(_f: impl FnOnce(&mut RuntimeCounters)) {}

/// A blocking wait of `ns` nanoseconds that was not contention (see `blocked_ns`).
#[inline]
pub fn count_blocked(ns: u64) {
    bump(|c| c.blocked_ns += ns);
}

/// Run `f` (a blocking call, already detached) and count its duration as blocked time.
#[inline]
pub fn timed_block<R>(f: impl FnOnce() -> R) -> R {
    let w = crate::memory::counters::Stopwatch::start();
    let r = f();
    count_blocked(w.elapsed_ns());
    r
}

/// This thread's tallies so far.
pub fn snapshot() -> RuntimeCounters {
    COUNTERS.with(|c| c.get())
}

/// Reset this thread's tallies.
pub fn reset() {
    COUNTERS.with(|c| c.set(RuntimeCounters::default()));
}

/// Whether ending contexts add their thread's tallies to the process totals (see [`retire_thread`]).
static COLLECT_PROCESS_TOTALS: AtomicBool = AtomicBool::new(false);
/// The tallies of contexts that have ended since [`collect_process_totals`] was turned on.
static PROCESS_TOTALS: Mutex<RuntimeCounters> = Mutex::new(RuntimeCounters {
    gil_acquisitions: 0,
    gil_contended: 0,
    gil_drop_requests: 0,
    gil_forced_switches: 0,
    gil_wait_ns: 0,
    gil_switches: 0,
    pylock_contended: 0,
    pylock_wait_ns: 0,
    brc_queued: 0,
    brc_merged: 0,
    stw_wait_ns: 0,
    blocked_ns: 0,
    threads_started: 0,
    interpreters_started: 0,
    thread_time_ns: 0,
});

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
/// totals (and zero them, so a later context on the same thread adds only its own).
pub fn retire_thread() {
    if !collecting_process_totals() {
        return;
    }
    let mine = snapshot();
    reset();
    PROCESS_TOTALS.lock().merge(&mine);
}

/// The process totals so far (contexts that ended; add the caller's own [`snapshot`]).
pub fn process_totals() -> RuntimeCounters {
    *PROCESS_TOTALS.lock()
}

#[cfg(all(test, not(feature = "no-counters")))]
mod tests {
    use super::*;

    #[test]
    fn bump_snapshot_merge() {
        reset();
        bump(|c| c.gil_acquisitions += 2);
        bump(|c| c.gil_wait_ns += 5);
        let mine = snapshot();
        assert_eq!(mine.gil_acquisitions, 2);
        let theirs = std::thread::spawn(|| {
            bump(|c| c.gil_acquisitions += 3);
            snapshot()
        })
        .join()
        .unwrap();
        assert_eq!(theirs.gil_acquisitions, 3);
        let mut total = RuntimeCounters::default();
        total.merge(&mine);
        total.merge(&theirs);
        assert_eq!(total.gil_acquisitions, 5);
        assert_eq!(total.gil_wait(), Duration::from_nanos(5));
        reset();
        assert_eq!(snapshot(), RuntimeCounters::default());
    }
}
