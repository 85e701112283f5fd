//! Small, never-reused thread ids: the owner ids of biased reference counting, and thread retirement.
//!
//! A thread gets its id on first use and is registered in the thread registry (`brc`) at the
//! same moment, so every id that can appear as an object's owner belongs to a thread that other
//! threads can queue merges for. When the thread ends it *retires*: its id becomes [`RETIRED`]
//! (which never owns anything, so from then on it counts like any non-owner) and it leaves the
//! registry, merging what was queued for it. Runtime threads should call [`retire_current`] as
//! their last step; a thread-local destructor does it otherwise.
#![forbid(unsafe_code)]

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::brc;

/// The id of a thread that has retired, or that is being torn down and cannot register. It is
/// never recorded as an object's owner: such threads create objects already merged.
pub const RETIRED: usize = usize::MAX;

/// A thread's id before its first [`current`] call. Like [`RETIRED`] it is never an owner.
const UNASSIGNED: usize = usize::MAX - 1;

static NEXT_THREAD_ID: AtomicUsize = AtomicUsize::new(1);

thread_local! {
    static THREAD_ID: Cell<usize> = const { Cell::new(UNASSIGNED) };
    static EXIT_HOOK: ExitHook = const { ExitHook };
}

/// Retires the thread when its thread-locals are destroyed (if it has not retired already).
struct ExitHook;

impl Drop for ExitHook {
    fn drop(&mut self) {
        retire_current();
    }
}

/// This thread's id (>= 1, or [`RETIRED`]). Ids are never reused, so an object's recorded owner
/// can only ever match the one thread that created it, and only until it retires.
#[inline(always)]
pub fn current() -> usize {
    let v = THREAD_ID.try_with(|id| id.get()).unwrap_or(RETIRED);
    if v != UNASSIGNED {
        v
    } else {
        assign()
    }
}

/// This thread's id if it has one, else a value that is never an object's owner. Enough for
/// the "am I the owner?" test of biased refcounting: a thread that never asked for its id owns
/// nothing. No lazy-assignment branch, so the refcount fast path stays small enough to inline.
#[inline(always)]
pub fn current_for_owner_test() -> usize {
    THREAD_ID.try_with(|id| id.get()).unwrap_or(RETIRED)
}

#[cold]
fn assign() -> usize {
    // Arm the exit hook first: a thread already tearing down its thread-locals cannot be
    // retired later, so it must not become an owner at all.
    if EXIT_HOOK.try_with(|_| ()).is_err() {
        let _ = THREAD_ID.try_with(|id| id.set(RETIRED));
        return RETIRED;
    }
    let fresh = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
    let id = if brc::register_current(fresh) { fresh } else { RETIRED };
    THREAD_ID.with(|c| c.set(id));
    id
}

/// End this thread's ownership: later counting on its objects goes through the shared count,
/// and objects queued for it are merged now. Idempotent; the thread keeps [`RETIRED`] as its id.
pub fn retire_current() {
    let Ok(id) = THREAD_ID.try_with(|c| c.replace(RETIRED)) else {
        return;
    };
    if id != UNASSIGNED && id != RETIRED {
        brc::unregister_current(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_retire() {
        let a = current();
        assert_ne!(a, RETIRED);
        assert_eq!(current(), a);
        let (b, after) = std::thread::spawn(|| {
            let b = current();
            retire_current();
            retire_current();
            (b, current())
        })
        .join()
        .unwrap();
        assert_ne!(a, b);
        assert_eq!(after, RETIRED);
        assert!(!brc::is_registered(b));
        assert!(brc::is_registered(a));
    }
}
