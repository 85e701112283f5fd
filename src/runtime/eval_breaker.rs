//! The eval breaker: one atomic word of "stop and look" requests that the eval loop polls at backward jumps and calls.
//!
//! As in CPython 3.13 every runtime thread has its own breaker (other threads reach it through
//! the thread registry in [`super::brc`], or the GIL through its holder record). The eval loop's
//! fast path is a single relaxed load compared with zero ([`EvalBreaker::is_set`]); only when a
//! bit is up does it look at which one and handle it. Bits are hints: a bit seen late costs one
//! more trip round the loop, a bit seen spuriously costs one call to the slow path, which
//! re-checks the real condition under its own synchronisation (the GIL mutex, a merge queue).
//! The breaker belongs to the OS thread, not to an interpreter: a thread that runs code of two
//! interpreters in turn shares one breaker between them, and a request meant for one can at
//! worst cause one spurious slow-path visit in the other.
#![forbid(unsafe_code)]

use std::cell::OnceCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A set of pending requests for one thread's eval loop.
#[derive(Debug, Default)]
pub struct EvalBreaker(AtomicU32);

impl EvalBreaker {
    /// Another thread has waited a whole switch interval for the GIL: the holder must drop it at
    /// its next check and wait until some other thread has taken it (forced switching). Set by a
    /// waiter in `GilLock::acquire`; cleared by the holder when it drops the GIL, and by any
    /// thread when it takes the GIL (a request aimed at a previous tenure is stale).
    pub const GIL_DROP_REQUEST: u32 = 1 << 0;
    /// Calls scheduled from another thread (CPython's `Py_AddPendingCall`, signal handlers) wait
    /// to run on this thread with the interpreter in a consistent state.
    pub const PENDING_CALLS: u32 = 1 << 1;
    /// The cyclic GC (or another stop-the-world operation) asks every thread to park at its next
    /// safe point. Set on every registered thread by the requester; cleared by the requester once
    /// the world restarts. Reserved for the memory issue.
    pub const STOP_THE_WORLD: u32 = 1 << 2;
    /// An asynchronous exception (`PyThreadState_SetAsyncExc`, `KeyboardInterrupt` delivery) is
    /// waiting to be raised in this thread.
    pub const ASYNC_EXC: u32 = 1 << 3;
    /// Biased reference counting: another thread queued objects owned by this thread whose
    /// shared count went negative; the owner must merge them (see `brc::drain_current_thread`).
    /// Set by the queuing thread, cleared by the owner before it drains.
    pub const EXPLICIT_MERGE: u32 = 1 << 4;
    /// Objects on this thread wait for their `__del__` (pending finalizers in the object layer).
    /// Reserved: until the VM is wired to the breaker, the object layer's own flag
    /// (`header::has_pending_finalizers`) is what gets polled.
    pub const PENDING_FINALIZERS: u32 = 1 << 5;
    /// A tracked allocation took generation 0 past its threshold: run the cyclic GC at the next
    /// safe point (CPython 3.12's scheduled collection). Set by the allocating thread on itself.
    pub const GC_SCHEDULED: u32 = 1 << 6;
    /// A thread waits to free memory that optimistic readers may still see: report a quiescent
    /// state (`qsbr::quiescent`) at the next check. Set by the waiting thread on every thread.
    pub const QSBR_REPORT: u32 = 1 << 7;

    /// Every defined bit, with its name (for debugging and reports).
    pub const ALL: [(u32, &'static str); 8] = [
        (Self::GIL_DROP_REQUEST, "gil_drop_request"),
        (Self::PENDING_CALLS, "pending_calls"),
        (Self::STOP_THE_WORLD, "stop_the_world"),
        (Self::ASYNC_EXC, "async_exc"),
        (Self::EXPLICIT_MERGE, "explicit_merge"),
        (Self::PENDING_FINALIZERS, "pending_finalizers"),
        (Self::GC_SCHEDULED, "gc_scheduled"),
        (Self::QSBR_REPORT, "qsbr_report"),
    ];

    pub const fn new() -> Self {
        EvalBreaker(AtomicU32::new(0))
    }

    /// The eval loop's fast path: is any request pending? One relaxed load.
    #[inline(always)]
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed) != 0
    }

    /// Is this particular bit (or any of these bits) set?
    #[inline]
    pub fn test(&self, bits: u32) -> bool {
        self.0.load(Ordering::Acquire) & bits != 0
    }

    /// All bits currently set.
    #[inline]
    pub fn bits(&self) -> u32 {
        self.0.load(Ordering::Acquire)
    }

    /// Raise a request. Release ordering: whatever the requester wrote before (a queued
    /// object, a pending call) is visible to the thread that sees the bit with [`test`](Self::test).
    #[inline]
    pub fn set(&self, bits: u32) {
        self.0.fetch_or(bits, Ordering::Release);
    }

    /// Withdraw a request.
    #[inline]
    pub fn clear(&self, bits: u32) {
        self.0.fetch_and(!bits, Ordering::Release);
    }

    /// Clear `bits` and report whether any of them was set (the handler's "take" step).
    #[inline]
    pub fn take(&self, bits: u32) -> bool {
        self.0.fetch_and(!bits, Ordering::AcqRel) & bits != 0
    }
}

thread_local! {
    static CURRENT: OnceCell<Arc<EvalBreaker>> = const { OnceCell::new() };
}

/// This thread's eval breaker (created on first use). The VM caches the `Arc` in its per-thread
/// context so the loop's check is a plain field load; other threads reach it through the
/// thread registry. During thread teardown (thread-locals already destroyed) a fresh, orphan
/// breaker is returned: nobody can signal it, which is harmless because no Python code runs then.
pub fn current() -> Arc<EvalBreaker> {
    CURRENT
        .try_with(|c| c.get_or_init(|| Arc::new(EvalBreaker::new())).clone())
        .unwrap_or_else(|_| Arc::new(EvalBreaker::new()))
}

/// Raise `bits` on this thread's own breaker (e.g. a finalizer became pending during a
/// deallocation); a no-op during thread teardown.
pub fn signal_current(bits: u32) {
    let _ = CURRENT.try_with(|c| c.get_or_init(|| Arc::new(EvalBreaker::new())).set(bits));
}

/// Raise `bits` on this thread's breaker only if it exists already: never allocates, so the
/// allocator may call it.
pub fn signal_current_if_created(bits: u32) {
    let _ = CURRENT.try_with(|c| {
        if let Some(b) = c.get() {
            b.set(bits);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_set_test_take() {
        let b = EvalBreaker::new();
        assert!(!b.is_set());
        b.set(EvalBreaker::GIL_DROP_REQUEST | EvalBreaker::EXPLICIT_MERGE);
        assert!(b.is_set());
        assert!(b.test(EvalBreaker::GIL_DROP_REQUEST));
        assert!(!b.test(EvalBreaker::PENDING_CALLS));
        assert!(b.take(EvalBreaker::GIL_DROP_REQUEST));
        assert!(!b.take(EvalBreaker::GIL_DROP_REQUEST));
        assert_eq!(b.bits(), EvalBreaker::EXPLICIT_MERGE);
        b.clear(EvalBreaker::EXPLICIT_MERGE);
        assert!(!b.is_set());
    }

    #[test]
    fn bits_are_distinct() {
        let mut all = 0;
        for (bit, _) in EvalBreaker::ALL {
            assert_eq!(bit.count_ones(), 1);
            assert_eq!(all & bit, 0);
            all |= bit;
        }
    }

    #[test]
    fn current_is_per_thread_and_stable() {
        let a = current();
        let b = current();
        assert!(Arc::ptr_eq(&a, &b));
        let other = std::thread::spawn(current).join().unwrap();
        assert!(!Arc::ptr_eq(&a, &other));
    }
}
