//! Per-object locks on mutable containers: a no-op in the GIL and subinterpreter builds, a
//! one-byte parking_lot raw mutex in the free-threaded build (CPython 3.13t's `PyMutex`).
//!
//! Implementation notes: a container's lock is held only while its Rust data is touched, never
//! while Python code runs (a `__eq__` or `__hash__` called during a lookup runs after the lock
//! is released), so a thread never waits for a lock held by code that waits for it. Two
//! containers locked together (e.g. `a.extend(b)`) are never both held: the source is copied
//! under its own lock first. Where a future operation must hold two, it locks them in address
//! order ([`lock_two`]).

use parking_lot::lock_api::RawMutex as _;

/// The lock on one mutable container.
pub trait ObjectLock: Default {
    fn lock(&self);
    /// # Safety
    /// The lock must be held by the current thread (always true for the no-op lock).
    unsafe fn unlock(&self);
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
    const IS_REAL: bool = false;
}

/// A one-byte mutex (parking_lot's raw mutex: a spin-then-park lock like CPython's `PyMutex`).
pub struct ObjectMutex(parking_lot::RawMutex);

impl Default for ObjectMutex {
    fn default() -> Self {
        ObjectMutex(parking_lot::RawMutex::INIT)
    }
}

impl ObjectLock for ObjectMutex {
    #[inline(always)]
    fn lock(&self) {
        if !self.0.try_lock() {
            crate::memory::counters::count_contended_lock();
            self.0.lock();
        }
        crate::memory::counters::count_object_lock();
    }
    #[inline(always)]
    unsafe fn unlock(&self) {
        // SAFETY: the caller holds the lock (trait contract).
        unsafe { self.0.unlock() }
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
