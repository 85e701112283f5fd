//! Per-object locks on mutable containers: a no-op in the GIL and subinterpreter builds, a
//! one-byte parking_lot raw mutex in the free-threaded build (CPython 3.13t's `PyMutex`).
//!
//! Implementation notes: a container's lock is held only while its Rust data is touched, never
//! while Python code runs (a `__eq__` or `__hash__` called during a lookup runs after the lock
//! is released), so a thread never waits for a lock held by code that waits for it. Two
//! containers locked together (e.g. `a.extend(b)`) are never both held: the source is copied
//! under its own lock first. Where a future operation must hold two, it locks them in address
//! order ([`lock_two`]).
//!
//! The free-threaded lock also carries a *version*: every release after a possible change
//! ([`ObjectLock::unlock`]) advances it, a release after a read-only section
//! ([`ObjectLock::unlock_unchanged`]) does not. A reader that remembered a value together with
//! the version it saw under the lock can later re-validate it with one atomic load and no lock
//! (the per-thread `LOAD_GLOBAL` cache does this for immortal module dicts). The version is
//! written only by the lock holder, so a plain load + store suffices; a reader that sees a stale
//! version gets the value as it was an instant earlier, which is a legitimate interleaving.

use std::sync::atomic::{fence, Ordering};

use parking_lot::lock_api::RawMutex as _;

/// The lock on one mutable container.
pub trait ObjectLock: Default {
    fn lock(&self);
    /// # Safety
    /// The lock must be held by the current thread (always true for the no-op lock).
    unsafe fn unlock(&self);
    /// Release after a section that did not change the guarded data (the version stays).
    /// # Safety
    /// As for `unlock`.
    unsafe fn unlock_unchanged(&self) {
        // SAFETY: same contract.
        unsafe { self.unlock() }
    }
    /// The data's version (see the module notes); `None` for the no-op lock.
    fn version(&self) -> Option<u32>;
    /// Start an optimistic read: the version, or `None` while a writer holds the lock (then
    /// take the lock instead). Always `None` for the no-op lock.
    fn read_begin(&self) -> Option<u32>;
    /// After an optimistic read that [`ObjectLock::read_begin`] started with `v`: true when no
    /// writer has taken the lock since, so what was read is a consistent snapshot.
    fn read_valid(&self, v: u32) -> bool;
    /// Whether the lock exists at all (false in builds that rely on a GIL or isolation).
    const IS_REAL: bool;
}

/// No lock: the GIL or single-threaded isolation already serialises container access.
#[derive(Default)]
pub struct NoObjectLock;

impl ObjectLock for NoObjectLock {
    #[inline(always)]
    fn lock(&self) {}
    #[inline(always)]
    unsafe fn unlock(&self) {}
    #[inline(always)]
    fn version(&self) -> Option<u32> {
        None
    }
    #[inline(always)]
    fn read_begin(&self) -> Option<u32> {
        None
    }
    #[inline(always)]
    fn read_valid(&self, _v: u32) -> bool {
        false
    }
    const IS_REAL: bool = false;
}

/// A one-byte mutex (parking_lot's raw mutex: a spin-then-park lock like CPython's `PyMutex`).
pub struct ObjectMutex {
    raw: parking_lot::RawMutex,
    /// Sits in the padding a container's 8-byte-aligned data leaves after the lock byte.
    version: std::sync::atomic::AtomicU32,
}

impl Default for ObjectMutex {
    fn default() -> Self {
        ObjectMutex {
            raw: parking_lot::RawMutex::INIT,
            version: std::sync::atomic::AtomicU32::new(0),
        }
    }
}

impl ObjectLock for ObjectMutex {
    #[inline(always)]
    fn lock(&self) {
        if !self.raw.try_lock() {
            // Slow path only: the uncontended acquisition never reads the clock.
            let waited = crate::runtime::counters::Stopwatch::start();
            let _wait = super::timeline::enter(super::timeline::LaneState::ObjectLockWait);
            self.raw.lock();
            crate::runtime::counters::count_contended_lock(waited.elapsed_ns());
        }
        crate::runtime::counters::count_object_lock();
        // Odd while held: optimistic readers that start now fall back, and readers that started
        // before see the change when they validate. The fence orders this store before the
        // holder's writes to the data.
        let v = self.version.load(Ordering::Relaxed);
        self.version.store(v | 1, Ordering::Relaxed);
        fence(Ordering::Release);
    }
    #[inline(always)]
    unsafe fn unlock(&self) {
        // Only the holder writes the version: load + store, published before the release.
        let v = self.version.load(Ordering::Relaxed);
        self.version.store(v.wrapping_add(1), Ordering::Release);
        // SAFETY: the caller holds the lock (trait contract).
        unsafe { self.raw.unlock() }
    }
    #[inline(always)]
    unsafe fn unlock_unchanged(&self) {
        // Back to the even value it had before `lock`: nothing changed.
        let v = self.version.load(Ordering::Relaxed);
        self.version.store(v.wrapping_sub(1), Ordering::Release);
        // SAFETY: the caller holds the lock (trait contract).
        unsafe { self.raw.unlock() }
    }
    #[inline(always)]
    fn version(&self) -> Option<u32> {
        // Under the lock the value is odd; the data's version is the even value around it.
        Some(self.version.load(Ordering::Acquire) & !1)
    }
    #[inline(always)]
    fn read_begin(&self) -> Option<u32> {
        let v = self.version.load(Ordering::Acquire);
        (v & 1 == 0).then_some(v)
    }
    #[inline(always)]
    fn read_valid(&self, v: u32) -> bool {
        // Orders the reader's copies before the version load (seqlock reader side).
        fence(Ordering::Acquire);
        self.version.load(Ordering::Relaxed) == v
    }
    const IS_REAL: bool = true;
}

/// Lock two containers in address order (the same object twice is locked once).
/// Returns a guard releasing both.
pub fn lock_two<'a, L: ObjectLock>(a: &'a L, b: &'a L) -> TwoLockGuard<'a, L> {
    let (first, second) = if (a as *const L) <= (b as *const L) { (a, b) } else { (b, a) };
    first.lock();
    let same = std::ptr::eq(first, second);
    if !same {
        second.lock();
    }
    TwoLockGuard { first, second: if same { None } else { Some(second) } }
}

/// Releases the locks taken by [`lock_two`].
pub struct TwoLockGuard<'a, L: ObjectLock> {
    first: &'a L,
    second: Option<&'a L>,
}

impl<L: ObjectLock> Drop for TwoLockGuard<'_, L> {
    fn drop(&mut self) {
        // SAFETY: both locks were taken by `lock_two` on this thread and are released once.
        unsafe {
            if let Some(s) = self.second {
                s.unlock();
            }
            self.first.unlock();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimistic_reads_validate_only_when_no_writer_came_by() {
        let l = ObjectMutex::default();
        let v = l.read_begin().expect("unlocked: a read may start");
        assert!(l.read_valid(v));
        // A read-only section leaves the version as it was: the read stays valid.
        l.lock();
        assert_eq!(l.read_begin(), None, "a holder is inside: readers take the lock");
        assert!(!l.read_valid(v), "a read overlapping a held lock is not trusted");
        // SAFETY: locked just above on this thread.
        unsafe { l.unlock_unchanged() };
        assert!(l.read_valid(v));
        assert_eq!(l.version(), Some(v));
        // A section that may change the data invalidates reads that started before it.
        l.lock();
        // SAFETY: as above.
        unsafe { l.unlock() };
        assert!(!l.read_valid(v));
        let w = l.read_begin().expect("unlocked again");
        assert_ne!(w, v);
        assert_eq!(l.version(), Some(w));
        // The no-op lock never reads optimistically.
        assert_eq!(NoObjectLock.read_begin(), None);
    }
}
