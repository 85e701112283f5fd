//! Small, never-reused thread ids: the owner ids of biased reference counting.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_THREAD_ID: AtomicUsize = AtomicUsize::new(1);

thread_local! {
    static THREAD_ID: Cell<usize> = const { Cell::new(0) };
}

/// This thread's id (>= 1). Ids are never reused, so an object's recorded owner can only
/// ever match the one thread that created it.
#[inline(always)]
pub fn current() -> usize {
    THREAD_ID.with(|id| {
        let v = id.get();
        if v != 0 {
            v
        } else {
            let fresh = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
            id.set(fresh);
            fresh
        }
    })
}
