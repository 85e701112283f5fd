//! Quiescent-state-based reclamation (QSBR): when memory a lock-free reader may still be looking at can be freed (CPython's `Python/qsbr.c`).
//!
//! Implementation notes:
//!
//! * The free-threaded build reads some containers without their lock (`Guarded::read_optimistic`
//!   in the object layer): a reader copies a list's storage pointer and then an item out of that
//!   storage, and validates afterwards. Meanwhile a writer may replace the storage (a list
//!   growing). The old storage must stay allocated until no reader can still be between its
//!   pointer copy and its item copy. Such memory is *deferred* (the memory layer keeps it on a
//!   per-thread list) together with a *goal*, and freed once every thread has passed a
//!   quiescent state after the goal was set.
//! * A *quiescent state* is a point where a thread holds no pointer obtained by an optimistic
//!   read: its eval-breaker check (between bytecodes), attaching, detaching. Each thread reports
//!   one by copying the global sequence [`SEQ`] into its slot ([`quiescent`]). A detached
//!   thread's slot reads [`OFFLINE`]: it holds nothing and is ignored.
//! * Goals: deferring memory reads `SEQ` and sets the goal to the next value; the deferring
//!   thread advances `SEQ` ([`advance`]) when it starts waiting on a batch. A thread whose slot
//!   shows at least the goal has reported after the advance, hence after the memory was
//!   unlinked, so it cannot reach it any more. [`reached`] is the minimum over online slots.
//! * Threads do not report on every check: a waiting thread raises
//!   [`EvalBreaker::QSBR_REPORT`] on every thread ([`request_reports`]) and each reports at its
//!   next check. The fast path of the eval loop is unchanged.
//! * Deferral starts only once the program has started a second thread ([`enable`], called by
//!   the spawning thread before the new thread exists) and never stops: a single-threaded
//!   program frees at once, as before. No reader on another thread can exist before that.
//! * Slots are a fixed static array, so reporting and [`reached`] never allocate or lock (the
//!   memory layer calls them from inside the global allocator). A thread that finds no free
//!   slot (more than [`MAX_SLOTS`] threads at once) registers in [`UNSLOTTED`]; while any such
//!   thread lives nothing deferred is freed (memory waits, nothing is freed early).
//! * Orderings: reports and goals use `SeqCst`, so "reported after the advance" implies "reads
//!   after the unlink", whatever the hardware.
//! * **Alone online.** While no other thread is online, nobody can be reading optimistically, so
//!   a free need not wait: [`alone`] lets the memory layer free at once (it asks for large
//!   blocks only, where holding memory back costs most; for small ones a fence per free would
//!   cost more than deferring them). The race
//!   to close: a thread coming online reads a container right after another thread, still
//!   seeing itself alone, freed that container's old storage. It is Dekker's: the newcomer
//!   counts itself in [`ONLINE`], then a `SeqCst` fence, then reads; the freer unlinks, then a
//!   `SeqCst` fence, then reads `ONLINE`. Either the freer sees two threads online (and defers)
//!   or the newcomer sees the unlink (and never reaches the old storage). (A `membarrier`
//!   system call on the newcomer's side, as liburcu does, would spare the freer its fence, but
//!   costs an inter-processor interrupt per wake-up: producer_consumer took 0.42 s instead of
//!   0.33 s per sample with it, free-threaded, one worker.)
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use super::eval_breaker::EvalBreaker;

/// The slot value of a thread that holds no optimistic pointer (detached, exited, unused).
pub const OFFLINE: u64 = 0;
/// Threads that can hold a slot at the same time.
pub const MAX_SLOTS: usize = 512;

/// The global sequence (starts above [`OFFLINE`]).
static SEQ: AtomicU64 = AtomicU64::new(1);
/// Set once a second thread is started: from then on, memory is deferred.
static ENABLED: AtomicBool = AtomicBool::new(false);
/// Threads online now (see the module notes on being alone).
static ONLINE: AtomicUsize = AtomicUsize::new(0);
/// Live threads that could not get a slot: while non-zero, nothing deferred is freed.
static UNSLOTTED: AtomicUsize = AtomicUsize::new(0);
/// One past the highest slot ever used (scans stop there).
static HIGH_WATER: AtomicUsize = AtomicUsize::new(0);

/// One thread's report, on a cache line of its own.
#[repr(align(64))]
struct Slot {
    in_use: AtomicBool,
    seen: AtomicU64,
}

#[allow(clippy::declare_interior_mutable_const)]
const FREE_SLOT: Slot = Slot { in_use: AtomicBool::new(false), seen: AtomicU64::new(OFFLINE) };
static SLOTS: [Slot; MAX_SLOTS] = [FREE_SLOT; MAX_SLOTS];

const NO_SLOT: usize = usize::MAX;
const UNSLOTTED_MARK: usize = usize::MAX - 1;

thread_local! {
    /// This thread's slot index, [`NO_SLOT`] before registration.
    static MY_SLOT: Cell<usize> = const { Cell::new(NO_SLOT) };
    /// This thread is counted in [`ONLINE`].
    static IS_ONLINE: Cell<bool> = const { Cell::new(false) };
}

/// True when no other thread is online: a free may happen at once (see the module notes).
/// Called by the freeing thread after it unlinked what it frees.
#[inline(always)]
pub fn alone() -> bool {
    std::sync::atomic::fence(Ordering::SeqCst);
    ONLINE.load(Ordering::Relaxed) <= 1
}

/// Deferral is on (a second thread has been started).
#[inline(always)]
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Turn deferral on for good. Called by a thread about to start another one, before it exists.
pub fn enable() {
    if !ENABLED.load(Ordering::Relaxed) {
        ENABLED.store(true, Ordering::SeqCst);
    }
}

fn my_slot() -> usize {
    let i = MY_SLOT.try_with(|s| s.get()).unwrap_or(UNSLOTTED_MARK);
    if i != NO_SLOT {
        return i;
    }
    for (i, slot) in SLOTS.iter().enumerate() {
        if slot.in_use.compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            HIGH_WATER.fetch_max(i + 1, Ordering::AcqRel);
            let _ = MY_SLOT.try_with(|s| s.set(i));
            return i;
        }
    }
    UNSLOTTED.fetch_add(1, Ordering::SeqCst);
    let _ = MY_SLOT.try_with(|s| s.set(UNSLOTTED_MARK));
    UNSLOTTED_MARK
}

/// The calling thread may read optimistically from now on (it attached).
pub fn online() {
    if !IS_ONLINE.try_with(|c| c.replace(true)).unwrap_or(true) {
        ONLINE.fetch_add(1, Ordering::SeqCst);
        std::sync::atomic::fence(Ordering::SeqCst);
    }
    quiescent();
}

/// The calling thread holds no optimistic pointer until [`online`] (it detaches).
pub fn offline() {
    if IS_ONLINE.try_with(|c| c.replace(false)).unwrap_or(false) {
        ONLINE.fetch_sub(1, Ordering::SeqCst);
    }
    let i = MY_SLOT.try_with(|s| s.get()).unwrap_or(NO_SLOT);
    if i < MAX_SLOTS {
        SLOTS[i].seen.store(OFFLINE, Ordering::SeqCst);
    }
}

/// The calling thread ends: give its slot back.
pub fn retire() {
    offline();
    let i = MY_SLOT.try_with(|s| s.replace(NO_SLOT)).unwrap_or(NO_SLOT);
    if i < MAX_SLOTS {
        SLOTS[i].seen.store(OFFLINE, Ordering::SeqCst);
        SLOTS[i].in_use.store(false, Ordering::Release);
    } else if i == UNSLOTTED_MARK {
        UNSLOTTED.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Report a quiescent state: the calling thread holds no pointer from an optimistic read.
#[inline]
pub fn quiescent() {
    let i = my_slot();
    if i < MAX_SLOTS {
        let now = SEQ.load(Ordering::SeqCst);
        SLOTS[i].seen.store(now, Ordering::SeqCst);
    }
}

/// The goal for memory unlinked before this call: free it once [`reached`] is at least this.
#[inline]
pub fn goal() -> u64 {
    SEQ.load(Ordering::SeqCst) + 1
}

/// Move the sequence to (at least) `goal`, so reports made from now on count for it.
pub fn advance(goal: u64) {
    let mut cur = SEQ.load(Ordering::SeqCst);
    while cur < goal {
        match SEQ.compare_exchange(cur, goal, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => return,
            Err(c) => cur = c,
        }
    }
}

/// Whether every thread has reported at or after `goal` (offline threads count as having).
/// The caller is counted as quiescent: it must hold no optimistic pointer itself.
pub fn reached(goal: u64) -> bool {
    quiescent();
    if UNSLOTTED.load(Ordering::SeqCst) != 0 {
        return false;
    }
    let high = HIGH_WATER.load(Ordering::Acquire);
    SLOTS[..high].iter().all(|s| {
        let seen = s.seen.load(Ordering::SeqCst);
        seen == OFFLINE || seen >= goal
    })
}

/// Ask every thread to report at its next eval-breaker check.
pub fn request_reports() {
    super::brc::signal_all(EvalBreaker::QSBR_REPORT);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Other tests of this binary may run online threads too: wait for them to report.
    fn wait_reached(g: u64) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !reached(g) {
            assert!(std::time::Instant::now() < deadline, "goal {g} never reached");
            request_reports();
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_goal_waits_for_an_online_thread_until_it_reports_after_the_advance() {
        online();
        let (to_other, from_main) = std::sync::mpsc::channel::<bool>();
        let (to_main, from_other) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || {
            online();
            to_main.send(()).unwrap();
            if from_main.recv().unwrap() {
                quiescent();
            }
            to_main.send(()).unwrap();
            from_main.recv().unwrap();
            retire();
        });
        from_other.recv().unwrap();
        let g = goal();
        advance(g);
        // The other thread is online and has not reported since the advance.
        assert!(!reached(g));
        to_other.send(true).unwrap();
        from_other.recv().unwrap();
        wait_reached(g);
        to_other.send(true).unwrap();
        other.join().unwrap();
        offline();
    }

    #[test]
    fn offline_and_retired_threads_do_not_hold_goals_back() {
        online();
        let (to_main, from_other) = std::sync::mpsc::channel::<()>();
        let (to_other, from_main) = std::sync::mpsc::channel::<()>();
        let other = std::thread::spawn(move || {
            online();
            offline();
            to_main.send(()).unwrap();
            from_main.recv().unwrap();
            retire();
        });
        from_other.recv().unwrap();
        let g = goal();
        advance(g);
        wait_reached(g);
        to_other.send(()).unwrap();
        other.join().unwrap();
        offline();
    }
}
