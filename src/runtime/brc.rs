//! The registry of live runtime threads and biased refcounting's per-owner merge queues (CPython's `Python/brc.c`).
//!
//! Implementation notes (this module has `unsafe`):
//!
//! * Every thread that obtains an owner id (`thread_id::current`) is registered here under that
//!   id with a [`ThreadEntry`]: its eval breaker and its merge queue. Registration happens once,
//!   on the thread's first id request; unregistration when the thread retires
//!   (`thread_id::retire_current`, called explicitly at the end of a runtime thread and, as a
//!   fallback, by a thread-local destructor). Ids are never reused, so "not registered" means
//!   "never existed or exited": the owner will never write its local counts again.
//! * The registry is split into [`BUCKETS`] buckets keyed by id, each a parking_lot mutex over a
//!   short vector. Bucket locks are held only to find, insert or remove an entry and to push onto
//!   that entry's queue; never while object code runs (merging can free objects, and freeing can
//!   queue more objects, which needs a bucket lock again). Lock order: bucket, then queue.
//! * A [`QueuedObject`] is a type-erased object pointer plus the object layer's merge function.
//!   The thread that queues it gives the queue the reference it was dropping (the shared count
//!   was not decremented for it, see `refcount.rs`), so the object stays alive while queued.
//!   Exactly one call of the merge function consumes that reference: by the owner when it
//!   drains its queue ([`drain_current_thread`]) or when it retires, or, if the owner has
//!   already exited, by the queuing thread itself right after the lookup failed.
//! * Why pushing under the bucket lock matters: a retiring owner removes its entry under the
//!   same bucket lock and drains afterwards. A push either happened before the removal (and is
//!   drained by the retiring owner) or finds no entry (and merges at once). No object is left in
//!   a queue that nobody will drain. The mutex also orders the exited owner's last (relaxed)
//!   writes of its local counts before the queuing thread's explicit merge reads them.
//! * Harmless races: the `EXPLICIT_MERGE` bit is set after the push and cleared by the owner
//!   before it takes the queue, so a push racing with a drain is either taken now or re-signals
//!   the bit for the next check. A signal sent to a thread that is retiring is simply lost with
//!   its breaker.

use std::cell::OnceCell;
use std::ptr::NonNull;
use std::sync::Arc;

use parking_lot::{const_mutex, Mutex};

use super::counters;
use super::eval_breaker::{self, EvalBreaker};

/// An object waiting for its owner to merge its split reference count.
pub struct QueuedObject {
    ptr: NonNull<()>,
    merge: unsafe fn(*mut ()),
}

// SAFETY: the pointer is only dereferenced by `merge`, once, on the owner thread or after the
// owner exited (the contract of `QueuedObject::new`); the objects that are queued belong to
// shared-heap models, whose handles are `Send` themselves.
unsafe impl Send for QueuedObject {}

impl QueuedObject {
    /// Wrap an object for queueing.
    ///
    /// # Safety
    /// `ptr` must be non-null and stay valid until `merge(ptr)` runs; the queue owns one
    /// reference, which `merge` consumes. Calling `merge(ptr)` once is sound on the owning thread
    /// while it is alive, or on any thread once the owner has exited.
    pub unsafe fn new(ptr: *mut (), merge: unsafe fn(*mut ())) -> Self {
        // SAFETY: non-null by the caller's contract.
        QueuedObject { ptr: unsafe { NonNull::new_unchecked(ptr) }, merge }
    }

    /// Queue an `Arc`-managed object: the queue keeps one `Arc` (and with it the memory) until
    /// the merge runs. A safe entry point for objects that are not raw object-layer boxes.
    pub fn from_arc<T: MergeQueued>(obj: Arc<T>) -> Self {
        /// # Safety
        /// `p` came from `Arc::into_raw::<T>` in `from_arc` and is consumed exactly once.
        unsafe fn run_arc<T: MergeQueued>(p: *mut ()) {
            // SAFETY: see the function contract.
            let obj = unsafe { Arc::from_raw(p as *const T) };
            obj.merge_queued();
        }
        // SAFETY: the `Arc` keeps the object valid until `run_arc` takes it back; `T` is
        // `Send + Sync`, so running the merge on the owner (or any thread) is memory-safe.
        unsafe { QueuedObject::new(Arc::into_raw(obj) as *mut (), run_arc::<T>) }
    }

    /// The object's address (for tests and debugging).
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    fn run(self) {
        counters::bump(|c| c.brc_merged.add(1));
        // SAFETY: called once per queued object (it is consumed), and only from the places
        // listed in the module notes: the owner's drain or retirement, or after the owner exited.
        unsafe { (self.merge)(self.ptr.as_ptr()) }
    }
}

/// An `Arc`-managed object that can sit in a merge queue ([`QueuedObject::from_arc`]).
pub trait MergeQueued: Send + Sync + 'static {
    /// Consume the queue's reference: called once, on the owner thread while it lives, or on
    /// whichever thread finds the owner gone.
    fn merge_queued(&self);
}

/// What other threads can reach of one registered thread.
pub struct ThreadEntry {
    id: usize,
    breaker: Arc<EvalBreaker>,
    queue: Mutex<Vec<QueuedObject>>,
}

impl ThreadEntry {
    pub fn id(&self) -> usize {
        self.id
    }
    pub fn breaker(&self) -> &Arc<EvalBreaker> {
        &self.breaker
    }
}

/// Number of registry buckets (a power of two).
pub const BUCKETS: usize = 16;

type Bucket = Mutex<Vec<Arc<ThreadEntry>>>;
#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_BUCKET: Bucket = const_mutex(Vec::new());
static REGISTRY: [Bucket; BUCKETS] = [EMPTY_BUCKET; BUCKETS];

thread_local! {
    static SELF_ENTRY: OnceCell<Arc<ThreadEntry>> = const { OnceCell::new() };
}

fn bucket(id: usize) -> &'static Bucket {
    &REGISTRY[id % BUCKETS]
}

/// Register the current thread under `id` (called once by `thread_id`). Returns false when the
/// thread is being torn down and cannot keep per-thread state; it must not own objects then.
pub(crate) fn register_current(id: usize) -> bool {
    let entry = Arc::new(ThreadEntry {
        id,
        breaker: eval_breaker::current(),
        queue: Mutex::new(Vec::new()),
    });
    let stored = SELF_ENTRY.try_with(|slot| slot.set(entry.clone()).is_ok()).unwrap_or(false);
    if !stored {
        return false;
    }
    bucket(id).lock().push(entry);
    true
}

/// Unregister the current thread (registered as `id`) and merge whatever is still queued for it.
/// After this, objects it owns are merged by whichever thread queues them.
pub(crate) fn unregister_current(id: usize) {
    let entry = {
        let mut b = bucket(id).lock();
        b.iter().position(|e| e.id == id).map(|i| b.swap_remove(i))
    };
    if let Some(entry) = entry {
        drain_entry(&entry);
    }
}

/// Is a thread with this id registered (alive)?
pub fn is_registered(id: usize) -> bool {
    bucket(id).lock().iter().any(|e| e.id == id)
}

/// The eval breaker of a registered thread.
pub fn breaker_of(id: usize) -> Option<Arc<EvalBreaker>> {
    bucket(id).lock().iter().find(|e| e.id == id).map(|e| e.breaker.clone())
}

/// Raise `bits` on every registered thread's eval breaker (stop-the-world requests). Returns the
/// number of threads signalled.
pub fn signal_all(bits: u32) -> usize {
    let mut n = 0;
    for b in &REGISTRY {
        for e in b.lock().iter() {
            e.breaker.set(bits);
            n += 1;
        }
    }
    n
}

/// How an object handed to [`enqueue`] was dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    /// Pushed onto the owner's queue; the owner was signalled.
    Queued,
    /// The owner has exited: the object was merged at once on this thread.
    MergedNow,
}

/// Hand `obj` to the thread registered as `owner` (CPython's `_Py_brc_queue_object`).
pub fn enqueue(owner: usize, obj: QueuedObject) -> Enqueued {
    counters::bump(|c| c.brc_queued.add(1));
    let orphan = {
        let b = bucket(owner).lock();
        match b.iter().find(|e| e.id == owner) {
            Some(e) => {
                e.queue.lock().push(obj);
                e.breaker.set(EvalBreaker::EXPLICIT_MERGE);
                None
            }
            None => Some(obj),
        }
    };
    match orphan {
        None => Enqueued::Queued,
        Some(obj) => {
            // The owner is gone for good (ids are never reused): merge here, outside the lock.
            obj.run();
            Enqueued::MergedNow
        }
    }
}

/// Merge every object queued for the current thread (the eval breaker's `EXPLICIT_MERGE`
/// handler). Returns how many were merged.
pub fn drain_current_thread() -> usize {
    match SELF_ENTRY.try_with(|s| s.get().cloned()) {
        Ok(Some(entry)) => drain_entry(&entry),
        _ => 0,
    }
}

/// Objects currently queued for the current thread.
pub fn queued_for_current_thread() -> usize {
    SELF_ENTRY.try_with(|s| s.get().map_or(0, |e| e.queue.lock().len())).unwrap_or(0)
}

fn drain_entry(entry: &ThreadEntry) -> usize {
    let mut total = 0;
    loop {
        entry.breaker.clear(EvalBreaker::EXPLICIT_MERGE);
        let batch = std::mem::take(&mut *entry.queue.lock());
        if batch.is_empty() {
            return total;
        }
        total += batch.len();
        for obj in batch {
            obj.run();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::thread_id;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static MERGED: AtomicUsize = AtomicUsize::new(0);

    unsafe fn count_merge(p: *mut ()) {
        // SAFETY: the tests pass pointers to a live `AtomicUsize`.
        let n = unsafe { &*(p as *const AtomicUsize) };
        n.fetch_add(1, Ordering::SeqCst);
        MERGED.fetch_add(1, Ordering::SeqCst);
    }

    fn item(n: &'static AtomicUsize) -> QueuedObject {
        // SAFETY: a leaked static counter outlives the queue; `count_merge` may run anywhere.
        unsafe { QueuedObject::new(n as *const AtomicUsize as *mut (), count_merge) }
    }

    #[test]
    fn queue_to_live_owner_then_drain() {
        let me = thread_id::current();
        assert!(is_registered(me));
        let n: &'static AtomicUsize = Box::leak(Box::new(AtomicUsize::new(0)));
        let breaker = eval_breaker::current();
        let r = std::thread::spawn(move || enqueue(me, item(n))).join().unwrap();
        assert_eq!(r, Enqueued::Queued);
        assert!(breaker.test(EvalBreaker::EXPLICIT_MERGE));
        assert_eq!(n.load(Ordering::SeqCst), 0);
        assert_eq!(queued_for_current_thread(), 1);
        assert_eq!(drain_current_thread(), 1);
        assert_eq!(n.load(Ordering::SeqCst), 1);
        assert!(!breaker.test(EvalBreaker::EXPLICIT_MERGE));
    }

    #[test]
    fn exited_owner_merges_immediately() {
        let id = std::thread::spawn(|| {
            let id = thread_id::current();
            thread_id::retire_current();
            id
        })
        .join()
        .unwrap();
        assert!(!is_registered(id));
        let n: &'static AtomicUsize = Box::leak(Box::new(AtomicUsize::new(0)));
        assert_eq!(enqueue(id, item(n)), Enqueued::MergedNow);
        assert_eq!(n.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn retiring_owner_drains_its_queue() {
        let n: &'static AtomicUsize = Box::leak(Box::new(AtomicUsize::new(0)));
        let (tx, rx) = crossbeam::channel::bounded::<usize>(0);
        let (done_tx, done_rx) = crossbeam::channel::bounded::<()>(0);
        let owner = std::thread::spawn(move || {
            tx.send(thread_id::current()).unwrap();
            done_rx.recv().unwrap();
            // Exit without draining: the thread-local destructor retires and drains.
        });
        let id = rx.recv().unwrap();
        assert_eq!(enqueue(id, item(n)), Enqueued::Queued);
        done_tx.send(()).unwrap();
        owner.join().unwrap();
        assert_eq!(n.load(Ordering::SeqCst), 1);
        assert!(!is_registered(id));
    }

    #[test]
    fn signal_all_reaches_this_thread() {
        let _ = thread_id::current();
        let b = eval_breaker::current();
        assert!(signal_all(EvalBreaker::PENDING_CALLS) >= 1);
        assert!(b.take(EvalBreaker::PENDING_CALLS));
        assert!(breaker_of(thread_id::current()).is_some_and(|x| Arc::ptr_eq(&x, &b)));
    }
}
