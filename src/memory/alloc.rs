//! Allocation accounting: a counting global allocator that charges every heap allocation to the interpreter its thread runs (bytes now, peak, count) and hands each one to tracemalloc while it traces.
//!
//! Implementation notes (this module has `unsafe`: the `GlobalAlloc` impl):
//!
//! * **The heap.** Underneath is mimalloc, the allocator CPython 3.13t uses for the same reason:
//!   per-thread heaps, and a block freed by another thread goes back without a lock. (With
//!   glibc's malloc, a collection on one thread freeing another thread's cycles contended on
//!   that thread's arena lock: ref_cycles' free-threaded run at 2 threads spent most of its
//!   extra time in futex waits.)
//! * **Attribution.** A thread is charged to an interpreter from the moment a `Vm` of it is
//!   created on the thread until that `Vm` is dropped ([`enter_interpreter`] /
//!   [`leave_interpreter`], which nest); blocking calls made while detached stay charged, so a
//!   buffer allocated before a blocking call and freed after it balances. Memory allocated on a
//!   thread charged to nobody (start-up, harness threads) is not counted anywhere.
//! * **Cost.** The allocator's own work is a few thread-local adds: each thread keeps a local
//!   balance and folds it into the interpreter's shared atomics only when it passes
//!   [`FLUSH_BYTES`] either way, so threads of the free-threaded build do not contend on every
//!   allocation. The interpreter's peak is therefore exact to within `FLUSH_BYTES` per thread.
//! * **No allocation inside the allocator.** The thread-locals are `const`-initialised cells
//!   without destructors (touching them never allocates or registers anything). Tracing
//!   (`tracemalloc`) does allocate (its table of traces); a per-thread `busy` flag makes any
//!   allocation made while the tracer runs invisible to the tracer, so it cannot recurse.
//! * **Races that are harmless.** `now`, `peak` and `count` are relaxed atomics: a reader may
//!   see a flush half applied (now updated, peak not yet), which is an approximation the
//!   batching already makes; nothing depends on exact values.

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc as Heap;
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicPtr, AtomicU64, Ordering};

/// A thread folds its local balance into its interpreter's totals past this many bytes.
pub const FLUSH_BYTES: i64 = 64 * 1024;

/// Receives every allocation and free of a thread whose interpreter traces (tracemalloc).
pub trait AllocTracer: Sync {
    /// `ptr` of `size` bytes was just allocated.
    fn on_alloc(&self, ptr: usize, size: usize);
    /// `ptr` is about to be freed.
    fn on_free(&self, ptr: usize);
}

/// One interpreter's heap totals.
pub struct MemStats {
    now: AtomicI64,
    peak: AtomicI64,
    count: AtomicU64,
    /// The tracer while tracemalloc traces this interpreter (a leaked `&'static dyn`, boxed).
    tracer: AtomicPtr<&'static dyn AllocTracer>,
}

impl Default for MemStats {
    fn default() -> Self {
        MemStats {
            now: AtomicI64::new(0),
            peak: AtomicI64::new(0),
            count: AtomicU64::new(0),
            tracer: AtomicPtr::new(std::ptr::null_mut()),
        }
    }
}

impl MemStats {
    /// Bytes allocated and not yet freed by the interpreter's threads (within the batching).
    pub fn current(&self) -> i64 {
        self.now.load(Ordering::Relaxed).max(0)
    }
    /// The largest `current` seen since start or the last [`MemStats::reset_peak`].
    pub fn peak(&self) -> i64 {
        self.peak.load(Ordering::Relaxed).max(self.current())
    }
    /// Allocations made so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
    pub fn reset_peak(&self) {
        self.peak.store(self.current(), Ordering::Relaxed);
    }

    /// Start handing this interpreter's allocations to `tracer` (replacing any previous one).
    pub fn set_tracer(&self, tracer: Option<&'static dyn AllocTracer>) {
        let new = tracer.map_or(std::ptr::null_mut(), |t| Box::into_raw(Box::new(t)));
        // The previous box is leaked on purpose: another thread may be reading it right now,
        // and it is one pointer (tracing is switched on and off a handful of times per run).
        self.tracer.store(new, Ordering::Release);
    }

    fn flush(&self, delta: i64, count: u64) {
        let now = self.now.fetch_add(delta, Ordering::Relaxed) + delta;
        self.count.fetch_add(count, Ordering::Relaxed);
        if delta > 0 {
            self.peak.fetch_max(now, Ordering::Relaxed);
        }
    }
}

struct Account {
    stats: Cell<*const MemStats>,
    delta: Cell<i64>,
    count: Cell<u64>,
    /// Bytes allocated by this thread since the last [`take_allocated_bytes`] (the harness's
    /// `alloc_bytes` counter).
    allocated: Cell<u64>,
    /// The tracer is running on this thread: its own allocations are not traced.
    busy: Cell<bool>,
}

thread_local! {
    static ACCOUNT: Account = const {
        Account { stats: Cell::new(std::ptr::null()), delta: Cell::new(0), count: Cell::new(0), allocated: Cell::new(0), busy: Cell::new(false) }
    };
}

/// Charge this thread's allocations to `stats` from now on; answers the previous charge, to
/// hand back to [`leave_interpreter`]. `stats` must outlive the charge (the `Vm` that calls
/// this holds its interpreter).
pub fn enter_interpreter(stats: &MemStats) -> *const MemStats {
    ACCOUNT
        .try_with(|a| {
            settle(a);
            a.stats.replace(stats as *const MemStats)
        })
        .unwrap_or(std::ptr::null())
}

/// Settle this thread's balance and charge it to `previous` again.
pub fn leave_interpreter(previous: *const MemStats) {
    let _ = ACCOUNT.try_with(|a| {
        settle(a);
        a.stats.set(previous);
    });
}

/// Fold the thread's local balance into its interpreter's totals now (before reading them).
pub fn settle_current_thread() {
    let _ = ACCOUNT.try_with(settle);
}

fn settle(a: &Account) {
    let stats = a.stats.get();
    if !stats.is_null() && (a.delta.get() != 0 || a.count.get() != 0) {
        // SAFETY: a charged interpreter outlives the charge (see `enter_interpreter`).
        unsafe { &*stats }.flush(a.delta.get(), a.count.get());
    }
    a.delta.set(0);
    a.count.set(0);
}

/// Bytes this thread allocated since the last call (and reset the tally).
pub fn take_allocated_bytes() -> u64 {
    ACCOUNT.try_with(|a| a.allocated.replace(0)).unwrap_or(0)
}

/// Bytes this thread allocated since the last [`take_allocated_bytes`], without resetting.
pub fn allocated_bytes() -> u64 {
    ACCOUNT.try_with(|a| a.allocated.get()).unwrap_or(0)
}

/// Charge `added` bytes (one allocation, when non-zero) and release `removed` bytes on this
/// thread's account, then hand the event to the tracer if its interpreter traces.
#[inline(always)]
fn account(added: usize, removed: usize, traced: impl FnOnce(&dyn AllocTracer)) {
    let _ = ACCOUNT.try_with(|a| {
        let stats = a.stats.get();
        if stats.is_null() {
            return;
        }
        if added != 0 {
            a.allocated.set(a.allocated.get().wrapping_add(added as u64));
            a.count.set(a.count.get() + 1);
        }
        let d = a.delta.get() + added as i64 - removed as i64;
        a.delta.set(d);
        if d.abs() >= FLUSH_BYTES {
            settle(a);
        }
        // SAFETY: a charged interpreter outlives the charge (see `enter_interpreter`).
        trace(a, unsafe { &*stats }, traced);
    });
}

#[inline(always)]
fn on_alloc(ptr: *mut u8, size: usize) {
    account(size, 0, |t| t.on_alloc(ptr as usize, size));
}

#[inline(always)]
fn on_free(ptr: *mut u8, size: usize) {
    account(0, size, |t| t.on_free(ptr as usize));
}

/// A block moved or resized: one free and one allocation, in one visit to the thread's account.
#[inline(always)]
fn on_realloc(old: *mut u8, old_size: usize, new: *mut u8, new_size: usize) {
    account(new_size, old_size, |t| {
        t.on_free(old as usize);
        t.on_alloc(new as usize, new_size);
    });
}

#[inline(always)]
fn trace(a: &Account, stats: &MemStats, f: impl FnOnce(&dyn AllocTracer)) {
    let t = stats.tracer.load(Ordering::Acquire);
    if t.is_null() || a.busy.get() {
        return;
    }
    a.busy.set(true);
    // SAFETY: tracer boxes are never freed (see `set_tracer`), and point at `'static` tracers.
    f(unsafe { *t });
    a.busy.set(false);
}

/// Run `f` with tracing off on this thread: what it allocates is counted but never handed to
/// the tracer. Whoever holds the tracer's own lock outside the allocator must use it, or an
/// allocation under that lock would re-enter the tracer and wait for the lock forever.
pub fn untraced<R>(f: impl FnOnce() -> R) -> R {
    let was = ACCOUNT.try_with(|a| a.busy.replace(true)).unwrap_or(true);
    let out = f();
    let _ = ACCOUNT.try_with(|a| a.busy.set(was));
    out
}

/// The process's allocator: mimalloc, counted (see the module notes).
pub struct CountingAllocator;

// SAFETY: every method forwards to mimalloc (`Heap`) with the caller's arguments unchanged and only
// adds bookkeeping that never allocates through this allocator re-entrantly (the tracer's
// allocations are made with `busy` set, which skips tracing, and counting itself never
// allocates), so its guarantees carry over.
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged (caller upholds `GlobalAlloc::alloc`'s contract).
        let p = unsafe { Heap.alloc(layout) };
        if !p.is_null() {
            on_alloc(p, layout.size());
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { Heap.alloc_zeroed(layout) };
        if !p.is_null() {
            on_alloc(p, layout.size());
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(ptr, layout.size());
        // SAFETY: the caller gives the block up; deferred blocks are freed later, once.
        if super::deferred::deferring() && unsafe { super::deferred::defer(ptr, layout.size()) } {
            return;
        }
        // SAFETY: forwarded unchanged.
        unsafe { Heap.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if super::deferred::deferring() {
            // A move must leave the old block readable for optimistic readers: allocate, copy,
            // defer the old block (see `memory::deferred`).
            // SAFETY: `realloc`'s contract makes `new_size` with `layout.align()` a valid layout.
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            // SAFETY: a non-zero size (realloc's contract).
            let q = unsafe { Heap.alloc(new_layout) };
            if q.is_null() {
                return q;
            }
            // SAFETY: both blocks are live and distinct; the copy stays within both.
            unsafe { std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size)) };
            on_realloc(ptr, layout.size(), q, new_size);
            // SAFETY: the old block is given up here, once.
            if !unsafe { super::deferred::defer(ptr, layout.size()) } {
                // SAFETY: as above; not deferred, so freed now.
                unsafe { Heap.dealloc(ptr, layout) };
            }
            return q;
        }
        // SAFETY: forwarded unchanged.
        let q = unsafe { Heap.realloc(ptr, layout, new_size) };
        if !q.is_null() {
            on_realloc(ptr, layout.size(), q, new_size);
        }
        q
    }
}

/// Whether an allocation of `bytes` could ever be backed: at most the machine's memory and swap
/// (`MemTotal + SwapTotal` of `/proc/meminfo`, read once; no bound where it cannot be read).
///
/// mimalloc maps its memory with `MAP_NORESERVE`, so the kernel grants a reservation of any size
/// and a huge allocation fails only when it is written, by the OOM killer. CPython's allocator
/// gets a refusal instead (heuristic overcommit refuses a single mapping beyond memory + swap),
/// so `[0] * 2**40` raises MemoryError there; callers that size an allocation from a program's
/// request ask this first to raise MemoryError too.
pub fn could_hold(bytes: usize) -> bool {
    static BOUND: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    let bound = BOUND.get_or_init(|| {
        let text = std::fs::read_to_string("/proc/meminfo").ok()?;
        let kib = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().strip_suffix("kB"))
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        Some((kib("MemTotal:")? + kib("SwapTotal:").unwrap_or(0)) * 1024)
    });
    bound.is_none_or(|b| bytes as u64 <= b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_are_charged_to_the_entered_interpreter() {
        let stats: &'static MemStats = Box::leak(Box::default());
        let prev = enter_interpreter(stats);
        let before = stats.count();
        // black_box: an allocation nobody reads may be elided by the optimizer.
        let v: Vec<u8> = std::hint::black_box(Vec::with_capacity(1 << 20));
        settle_current_thread();
        assert!(stats.current() >= 1 << 20, "{}", stats.current());
        assert!(stats.count() > before);
        drop(v);
        settle_current_thread();
        assert!(stats.current() < 1 << 20);
        assert!(stats.peak() >= 1 << 20, "the peak remembers");
        stats.reset_peak();
        assert!(stats.peak() < 1 << 20);
        leave_interpreter(prev);
        let after = stats.count();
        let w: Vec<u8> = std::hint::black_box(Vec::with_capacity(4096));
        settle_current_thread();
        assert_eq!(stats.count(), after, "not charged after leaving");
        drop(w);
    }
}
