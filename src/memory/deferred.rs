//! Deferred frees: memory a lock-free reader may still be reading goes back to the heap only once every thread has passed a quiescent state (`runtime::qsbr`).
//!
//! Implementation notes (this module has `unsafe`: it writes into freed blocks and frees them):
//!
//! * **What is deferred.** Every block freed or moved (a `realloc` that moves) by an attached
//!   thread of the free-threaded build once the program has a second thread
//!   ([`defer_this_thread`], after `qsbr::enable`): a list's old storage left behind when it
//!   grows or is cleared, an object's memory and whatever its death releases. A reader that
//!   copied a pointer before the writer unlinked it can thus never touch freed memory, wherever
//!   the writer drops what it unlinked (CPython gets the same from mimalloc pages that wait for
//!   QSBR, plus `_PyMem_FreeDelayed`). Other builds, and single-threaded programs, free at once.
//! * **The lists.** Each thread keeps two intrusive singly linked lists, no allocation: the
//!   *collecting* list and the *waiting* list with its QSBR goal. A deferred block's first word
//!   holds the next block's address (mimalloc's smallest block is one word, so every block has
//!   room; whatever a reader copies out of a deferred block is discarded by its validation, so
//!   overwriting the first word is harmless). Accounting and tracemalloc see the free when the
//!   block is deferred; the heap sees it when the goal is reached.
//! * **Progress.** Every [`BATCH`] deferred blocks (and every block of a quarter of
//!   [`BATCH_BYTES`] or more) the thread rotates at once, inside the allocator ([`rotate`]:
//!   lock-free, no allocation): a waiting list whose goal is reached is freed, and when nothing
//!   waits the collected blocks start waiting under a fresh goal (the sequence is advanced). It
//!   also raises its own `QSBR_REPORT` bit; at that eval-breaker check the VM calls [`process`],
//!   which does the same and asks every thread to report (once per goal). A thread that frees a
//!   big structure without passing a check thus never holds all of it back.
//! * **Alone.** A block of [`ALONE_TEST_MIN`] bytes or more is freed at once when no other
//!   thread is online (`qsbr::alone`, which costs a fence: not worth it for small blocks).
//! * **Thread end.** A retiring thread hands its lists to a global orphan list that any
//!   thread's [`process`] frees once their goal is reached; it does so again once its `Vm` is
//!   gone (`InterpreterJob`), for what the `Vm`'s own fields released after the first handover.
//! * **Only the owning thread touches its lists**; the thread-locals are `const`-initialised
//!   cells without destructors, so the allocator can use them at any time, even while the
//!   thread is being torn down (then `try_with` fails and the block is freed at once: no reader
//!   can be using a block a dying thread frees outside a container write).
//! * Freeing uses mimalloc's free by address (`MiMalloc::dealloc` ignores the layout and calls
//!   `mi_free`), so a deferred block need not remember its size.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc as Heap;
use parking_lot::{const_mutex, Mutex};

use crate::runtime::eval_breaker::{self, EvalBreaker};
use crate::runtime::qsbr;

/// Every this many deferred blocks, the thread rotates its lists (see the module notes).
const BATCH: usize = 512;
/// Blocks at least this large are freed at once when no other thread is online.
const ALONE_TEST_MIN: usize = 4096;
/// A single deferred block of a quarter of this size triggers the try too.
const BATCH_BYTES: usize = 1 << 20;

struct Lists {
    deferring: Cell<bool>,
    collecting: Cell<*mut u8>,
    collected: Cell<usize>,
    waiting: Cell<*mut u8>,
    goal: Cell<u64>,
    /// The goal reports were last requested for.
    requested: Cell<u64>,
}

thread_local! {
    static LISTS: Lists = const {
        Lists {
            deferring: Cell::new(false),
            collecting: Cell::new(std::ptr::null_mut()),
            collected: Cell::new(0),
            waiting: Cell::new(std::ptr::null_mut()),
            goal: Cell::new(0),
            requested: Cell::new(0),
        }
    };
}

/// Lists handed over by retired threads: (head, goal), heads as addresses.
static ORPHANS: Mutex<Vec<(usize, u64)>> = const_mutex(Vec::new());
/// Whether [`ORPHANS`] may hold lists (read before taking its lock on every [`process`]).
static HAS_ORPHANS: AtomicBool = AtomicBool::new(false);

/// Does the calling thread defer its frees? (Checked by the allocator on each free.)
#[inline(always)]
pub(crate) fn deferring() -> bool {
    LISTS.try_with(|l| l.deferring.get()).unwrap_or(false)
}

/// Defer `ptr` (a live heap block of `size` bytes being freed). Answers false when it need
/// not or could not be deferred (no other thread online: `qsbr::alone`; thread teardown): the
/// caller frees it at once.
///
/// # Safety
/// `ptr` is a block of this heap that the caller is freeing; nobody frees it again.
#[inline]
pub(crate) unsafe fn defer(ptr: *mut u8, size: usize) -> bool {
    // The alone test costs a full fence: worth it for a large block (memory that would
    // otherwise stay unusable for a while), not for the small ones a batch frees soon anyway.
    if size >= ALONE_TEST_MIN && qsbr::alone() {
        return false;
    }
    LISTS
        .try_with(|l| {
            // SAFETY: the block is at least one word and word-aligned (mimalloc), and it is
            // ours from now on (the caller gave it up).
            unsafe { (ptr as *mut *mut u8).write(l.collecting.get()) };
            l.collecting.set(ptr);
            l.collected.set(l.collected.get() + 1);
            if l.collected.get() % BATCH == 0 || size >= BATCH_BYTES / 4 {
                if size >= BATCH_BYTES / 4 {
                    l.collected.set(l.collected.get().max(BATCH));
                }
                // A thread freeing a lot without passing a check (dropping a big structure)
                // must not hold it all back: rotate here (lock-free, no allocation), and ask
                // for reports at this thread's next eval-breaker check.
                rotate(l, 1);
                eval_breaker::signal_current_if_created(EvalBreaker::QSBR_REPORT);
            }
        })
        .is_ok()
}

/// Free the waiting list if its goal is reached, then, when nothing waits and at least `min`
/// blocks were collected, let them wait under a fresh goal. Lock-free and allocation-free (the
/// allocator calls it); reports for a new goal are requested by [`process`].
fn rotate(l: &Lists, min: usize) {
    let waiting = l.waiting.get();
    if !waiting.is_null() && qsbr::reached(l.goal.get()) {
        l.waiting.set(std::ptr::null_mut());
        // SAFETY: the list is ours and its goal is reached: no reader can reach it.
        unsafe { free_list(waiting) };
    }
    if l.waiting.get().is_null() && !l.collecting.get().is_null() && l.collected.get() >= min {
        let goal = qsbr::goal();
        qsbr::advance(goal);
        l.waiting.set(l.collecting.replace(std::ptr::null_mut()));
        l.collected.set(0);
        l.goal.set(goal);
    }
}

/// Free a whole list.
///
/// # Safety
/// `head` starts a list built by [`defer`] whose goal is reached, owned by the caller.
unsafe fn free_list(mut head: *mut u8) {
    while !head.is_null() {
        // SAFETY: each node's first word is the next node (written by `defer`).
        let next = unsafe { *(head as *mut *mut u8) };
        // SAFETY: a block of this heap, deferred once and freed once, here.
        unsafe { Heap.dealloc(head, Layout::new::<usize>()) };
        head = next;
    }
}

/// Free what is ready, and start waiting on what was collected (see the module notes). Never
/// called from inside the allocator: it may take locks.
pub fn process() {
    let _ = LISTS.try_with(|l| {
        // A new batch only once enough has been collected: starting one per check (each start
        // raises every thread's bit, this one's included) would keep the thread in this path.
        rotate(l, BATCH);
        // Ask once per goal; the next try comes with the next batch (a thread that is slow to
        // report must not turn every check of this one into a request).
        if !l.waiting.get().is_null() && l.requested.get() != l.goal.get() {
            l.requested.set(l.goal.get());
            qsbr::request_reports();
        }
    });
    if HAS_ORPHANS.load(Ordering::Relaxed) {
        process_orphans();
    }
}

fn process_orphans() {
    let Some(mut orphans) = ORPHANS.try_lock() else { return };
    if orphans.is_empty() {
        return;
    }
    orphans.retain(|&(head, goal)| {
        if qsbr::reached(goal) {
            // SAFETY: handed over by a retired thread, goal reached, removed from the list here.
            unsafe { free_list(head as *mut u8) };
            false
        } else {
            true
        }
    });
    HAS_ORPHANS.store(!orphans.is_empty(), Ordering::Relaxed);
    // No request here: the goals of orphans are older than any batch a live thread waits on,
    // and those threads' requests bring the reports (a request per check would spin).
}

/// Whether this thread has deferred blocks not yet freed.
pub fn has_pending() -> bool {
    LISTS.try_with(|l| !l.collecting.get().is_null() || !l.waiting.get().is_null()).unwrap_or(false)
}

/// The calling thread ends: hand its lists over and give up its QSBR slot.
pub fn retire_current_thread() {
    let _ = LISTS.try_with(|l| {
        let goal = qsbr::goal();
        qsbr::advance(goal);
        let mut orphans = ORPHANS.lock();
        for head in
            [l.waiting.replace(std::ptr::null_mut()), l.collecting.replace(std::ptr::null_mut())]
        {
            if !head.is_null() {
                orphans.push((head as usize, goal));
                HAS_ORPHANS.store(true, Ordering::Relaxed);
            }
        }
        l.collected.set(0);
    });
    qsbr::retire();
}

/// From now on, defer every free this thread makes (an attached thread of the free-threaded
/// build once a second thread exists; see the module notes).
pub fn defer_this_thread() {
    let _ = LISTS.try_with(|l| l.deferring.set(true));
}
