//! Tests of the reference counts, above all biased counting's queue-and-merge path across threads.
//!
//! A [`TestObj`] stands in for a heap object: a biased count, a liveness sentinel and a free
//! counter. "Freeing" only flips the sentinel (the memory stays alive in an `Arc`), so a use
//! after an early free is caught by an assertion instead of being undefined behaviour.
#![forbid(unsafe_code)]

use super::*;
use crate::runtime::brc::{self, MergeQueued, QueuedObject};
use crate::runtime::eval_breaker::{self, EvalBreaker};
use parking_lot::Mutex;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

const ALIVE: u64 = 0x0b1e_c7a1_17e0;
const DEAD: u64 = 0xdead_dead;

struct TestObj {
    rc: BiasedRefCount,
    sentinel: AtomicU64,
    frees: AtomicUsize,
    /// Times the object was handed to its owner's queue / merged at once (owner gone).
    queued: AtomicUsize,
    merged_now: AtomicUsize,
}

impl TestObj {
    fn free(&self) {
        let was = self.sentinel.swap(DEAD, Ordering::SeqCst);
        assert_eq!(was, ALIVE, "object freed twice");
        self.frees.fetch_add(1, Ordering::SeqCst);
    }
    fn frees(&self) -> usize {
        self.frees.load(Ordering::SeqCst)
    }
}

impl MergeQueued for TestObj {
    fn merge_queued(&self) {
        assert_eq!(self.sentinel.load(Ordering::SeqCst), ALIVE, "merge of a freed object");
        if self.rc.merge_queued() {
            self.free();
        }
    }
}

type Registry = Mutex<Vec<Arc<TestObj>>>;

/// One counted reference, as `ObjRef` holds one (the `Arc` only keeps the memory for checks).
struct Handle(Arc<TestObj>);

impl Handle {
    fn new(all: &Registry) -> Handle {
        let obj = Arc::new(TestObj {
            rc: BiasedRefCount::new(),
            sentinel: AtomicU64::new(ALIVE),
            frees: AtomicUsize::new(0),
            queued: AtomicUsize::new(0),
            merged_now: AtomicUsize::new(0),
        });
        all.lock().push(obj.clone());
        Handle(obj)
    }
    fn check(&self) {
        assert_eq!(self.0.sentinel.load(Ordering::SeqCst), ALIVE, "use of a freed object");
    }
}

impl Clone for Handle {
    fn clone(&self) -> Self {
        self.check();
        self.0.rc.incref();
        Handle(self.0.clone())
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.check();
        match self.0.rc.decref() {
            DecRef::Alive => {}
            DecRef::Free => self.0.free(),
            DecRef::Queue(owner) => {
                let tally = match brc::enqueue(owner, QueuedObject::from_arc(self.0.clone())) {
                    brc::Enqueued::Queued => &self.0.queued,
                    brc::Enqueued::MergedNow => &self.0.merged_now,
                };
                tally.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}

#[test]
fn plain_counts_to_zero() {
    let rc = PlainRefCount::new();
    rc.incref();
    assert_eq!(rc.get(), 2);
    assert_eq!(rc.decref(), DecRef::Alive);
    assert_eq!(rc.decref(), DecRef::Free);
}

#[test]
fn immortal_never_frees() {
    let rc = PlainRefCount::new();
    rc.make_immortal();
    for _ in 0..10 {
        assert_eq!(rc.decref(), DecRef::Alive);
    }
    let b = BiasedRefCount::new();
    b.make_immortal();
    assert_eq!(b.decref(), DecRef::Alive);
    assert!(!b.merge_queued());
    assert!(b.is_immortal());
}

#[test]
fn biased_owner_only() {
    let rc = BiasedRefCount::new();
    rc.incref();
    assert_eq!(rc.local(), 2);
    assert_eq!(rc.shared(), 0);
    assert_eq!(rc.decref(), DecRef::Alive);
    assert_eq!(rc.decref(), DecRef::Free);
}

/// A dying object resurrected for its finalizer (incref from zero) is reported free again.
#[test]
fn resurrection_after_free() {
    let rc = BiasedRefCount::new();
    assert_eq!(rc.decref(), DecRef::Free);
    assert_eq!((rc.owner(), rc.state(), rc.get()), (0, MERGED, 0));
    rc.incref();
    rc.incref();
    assert_eq!(rc.decref(), DecRef::Alive);
    assert_eq!(rc.decref(), DecRef::Free);
    let plain = PlainRefCount::new();
    assert_eq!(plain.decref(), DecRef::Free);
    plain.incref();
    assert_eq!(plain.decref(), DecRef::Free);
}

/// The owner drops its last local reference while another thread still holds one counted in
/// the shared count: the owner merges, and the other thread's decrement frees.
#[test]
fn owner_merges_then_non_owner_frees() {
    let all = Registry::default();
    let h = Handle::new(&all);
    let obj = h.0.clone();
    let (give_tx, give_rx) = crossbeam::channel::bounded::<Handle>(0);
    let (go_tx, go_rx) = crossbeam::channel::bounded::<()>(0);
    let lent = h.clone(); // counted locally by the owner
    let t = std::thread::spawn(move || {
        let mine = lent.clone(); // counted in the shared count
        give_tx.send(lent).unwrap(); // the owner-counted reference goes back
        go_rx.recv().unwrap();
        drop(mine);
    });
    drop(give_rx.recv().unwrap());
    assert_eq!((obj.rc.local(), obj.rc.shared(), obj.rc.state()), (1, 1, 0));
    drop(h);
    assert_eq!(
        (obj.rc.local(), obj.rc.owner(), obj.rc.shared(), obj.rc.state()),
        (0, 0, 1, MERGED)
    );
    assert_eq!(obj.frees(), 0);
    go_tx.send(()).unwrap();
    t.join().unwrap();
    assert_eq!(obj.frees(), 1);
}

/// A reference the owner counted, dropped by another thread when the shared count is zero: the
/// object is queued, and the owner's drain frees it once the owner's own reference is gone.
#[test]
fn non_owner_drop_queues_and_owner_drain_frees() {
    let all = Registry::default();
    let h = Handle::new(&all);
    let obj = h.0.clone();
    let lent = h.clone();
    drop(h);
    std::thread::spawn(move || drop(lent)).join().unwrap();
    assert_eq!((obj.rc.local(), obj.rc.shared(), obj.rc.state()), (1, 0, QUEUED));
    assert_eq!(obj.frees(), 0);
    assert_eq!(brc::drain_current_thread(), 1);
    assert_eq!(obj.frees(), 1);
}

/// Two references taken by the owner, dropped by another thread: the first drop queues the
/// object, the second takes the shared count negative; the owner's merge keeps it alive for the
/// owner's own reference, and that reference's drop frees it.
#[test]
fn queue_then_owner_merges() {
    let all = Registry::default();
    let h = Handle::new(&all);
    let obj = h.0.clone();
    let (a, b) = (h.clone(), h.clone());
    std::thread::spawn(move || {
        drop(a);
        drop(b);
    })
    .join()
    .unwrap();
    assert_eq!(obj.rc.state(), QUEUED);
    assert_eq!(obj.rc.shared(), -1);
    assert_eq!(brc::queued_for_current_thread(), 1);
    assert!(eval_breaker::current().test(EvalBreaker::EXPLICIT_MERGE));
    assert_eq!(brc::drain_current_thread(), 1);
    assert!(!eval_breaker::current().test(EvalBreaker::EXPLICIT_MERGE));
    assert_eq!(
        (obj.rc.local(), obj.rc.owner(), obj.rc.state(), obj.rc.shared()),
        (0, 0, MERGED, 1)
    );
    assert_eq!(obj.frees(), 0);
    drop(h);
    assert_eq!(obj.frees(), 1);
}

/// The owner exits while other threads hold references it counted: whoever queues the object
/// next finds no owner and merges at once.
#[test]
fn exited_owner_is_abandoned() {
    let all = Arc::new(Registry::default());
    let all2 = all.clone();
    let (h1, h2) = std::thread::spawn(move || {
        let h = Handle::new(&all2);
        let h2 = h.clone();
        (h, h2)
    })
    .join()
    .unwrap();
    let obj = h1.0.clone();
    assert!(!brc::is_registered(obj.rc.owner()));
    drop(h1);
    assert_eq!((obj.rc.state(), obj.rc.shared(), obj.frees()), (MERGED, 1, 0));
    drop(h2);
    assert_eq!(obj.frees(), 1);
}

#[test]
fn retired_thread_creates_merged_objects() {
    let all = Arc::new(Registry::default());
    let all2 = all.clone();
    let h = std::thread::spawn(move || {
        crate::runtime::thread_id::retire_current();
        let h = Handle::new(&all2);
        assert_eq!((h.0.rc.owner(), h.0.rc.state(), h.0.rc.get()), (0, MERGED, 1));
        let c = h.clone();
        drop(c);
        h
    })
    .join()
    .unwrap();
    let obj = h.0.clone();
    drop(h);
    assert_eq!(obj.frees(), 1);
}

/// Other threads take and drop references while the owner drops its own: the object is freed
/// exactly once, whatever the interleaving (after the owner drains its merge queue).
#[test]
fn biased_exactly_one_free() {
    let all = Registry::default();
    for round in 0..200 {
        let h = Handle::new(&all);
        let obj = h.0.clone();
        // The owner takes references on behalf of the other threads.
        let extra: Vec<Handle> = (0..4).map(|_| h.clone()).collect();
        let workers: Vec<_> = extra
            .into_iter()
            .map(|mine| {
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        drop(mine.clone());
                    }
                    drop(mine);
                })
            })
            .collect();
        if round % 2 == 0 {
            std::thread::yield_now();
        }
        drop(h);
        for w in workers {
            w.join().unwrap();
        }
        brc::drain_current_thread();
        assert_eq!(obj.frees(), 1, "round {round}");
    }
}

/// Many threads create, share, clone and drop objects at random; some exit early (their objects
/// are abandoned), some retire explicitly and some through the thread-local hook. Every object
/// is freed exactly once and never while a handle to it is still used (sentinel checks).
#[test]
fn biased_stress_random_sharing() {
    stress(8, 20_000);
}

/// The same, long (run with `--ignored`).
#[test]
#[ignore = "long stress run"]
fn biased_stress_random_sharing_long() {
    for round in 0..20 {
        stress(8 + round % 5, 200_000);
    }
}

fn stress(threads: usize, ops_per_thread: usize) {
    const SLOTS: usize = 32;
    const MAX_HELD: usize = 16;
    let all = Arc::new(Registry::default());
    let slots: Arc<Vec<Mutex<Option<Handle>>>> =
        Arc::new((0..SLOTS).map(|_| Mutex::new(None)).collect());
    // Threads with `t % 3 == 0` do a quarter of the work and exit early (their objects are
    // abandoned); the others start together and keep their owners alive until every one of
    // them has dropped what it held, so drops to live owners are queued.
    let long_lived = (0..threads).filter(|t| t % 3 != 0).count();
    let start = Arc::new(std::sync::Barrier::new(threads));
    let dropped = Arc::new(std::sync::Barrier::new(long_lived));
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let all = all.clone();
            let slots = slots.clone();
            let (start, dropped) = (start.clone(), dropped.clone());
            std::thread::spawn(move || {
                let breaker = eval_breaker::current();
                start.wait();
                let mut rng =
                    0x9e37_79b9_7f4a_7c15u64 ^ (t as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d);
                let mut next = move || {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    rng
                };
                let ops = if t % 3 == 0 { ops_per_thread / 4 } else { ops_per_thread };
                let mut held: Vec<Handle> = Vec::new();
                for i in 0..ops {
                    let r = next();
                    let slot = &slots[(r >> 8) as usize % SLOTS];
                    match r % 8 {
                        0 => {
                            let old = slot.lock().replace(Handle::new(&all));
                            drop(old);
                        }
                        1 | 2 => {
                            if let Some(c) = slot.lock().as_ref().map(Handle::clone) {
                                held.push(c);
                            }
                        }
                        3 => {
                            if let Some(h) = slot.lock().take() {
                                held.push(h);
                            }
                        }
                        4 => {
                            if let Some(h) = held.pop() {
                                let old = slot.lock().replace(h);
                                drop(old);
                            }
                        }
                        5 | 6 => {
                            if !held.is_empty() {
                                let k = (r >> 20) as usize % held.len();
                                drop(held.swap_remove(k));
                            }
                        }
                        _ => {
                            if let Some(c) = held.last().cloned() {
                                held.push(c);
                            }
                        }
                    }
                    if held.len() > MAX_HELD {
                        drop(held.remove(0));
                    }
                    // The eval-breaker check a real interpreter makes at backward jumps.
                    if i % 32 == 0 && breaker.test(EvalBreaker::EXPLICIT_MERGE) {
                        brc::drain_current_thread();
                    }
                }
                drop(held);
                if t % 3 != 0 {
                    dropped.wait();
                }
                brc::drain_current_thread();
                if t % 2 == 0 {
                    crate::runtime::thread_id::retire_current();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    for s in slots.iter() {
        let h = s.lock().take();
        drop(h);
    }
    brc::drain_current_thread();
    let all = all.lock();
    assert!(all.len() > 1000, "the stress test created too few objects: {}", all.len());
    let (mut queued, mut merged_now) = (0, 0);
    for (i, obj) in all.iter().enumerate() {
        assert_eq!(obj.frees(), 1, "object {i} freed {} times", obj.frees());
        assert_eq!(obj.sentinel.load(Ordering::SeqCst), DEAD);
        assert!(
            obj.queued.load(Ordering::SeqCst) + obj.merged_now.load(Ordering::SeqCst) <= 1,
            "object {i} queued twice"
        );
        queued += obj.queued.load(Ordering::SeqCst);
        merged_now += obj.merged_now.load(Ordering::SeqCst);
    }
    // Both merge paths were exercised: by a live owner, and on behalf of an exited one.
    assert!(queued > 0 && merged_now > 0, "queued {queued}, merged at once {merged_now}");
}

/// A lock-free reader's try-increment (CPython's `_Py_TryIncrefCompare`): refused while the
/// owner could free the object with a plain store (shared count zero, unmarked); allowed once a
/// reference taken under a container lock marked it; refused again once it is freed.
#[test]
fn try_increment_needs_the_mark_and_refuses_a_freed_object() {
    let all = Registry::default();
    let h = Handle::new(&all);
    let obj = h.0.clone();
    let o = obj.clone();
    std::thread::spawn(move || {
        assert!(!o.rc.try_incref_shared(), "unmarked, shared count zero: must take the lock");
        o.rc.incref_with_lock();
        assert_eq!((o.rc.state(), o.rc.shared()), (MAYBE_SHARED, 1));
        drop(Handle(o.clone()));
        assert_eq!((o.rc.state(), o.rc.shared()), (MAYBE_SHARED, 0));
        assert!(o.rc.try_incref_shared());
        drop(Handle(o));
    })
    .join()
    .unwrap();
    assert_eq!(obj.frees(), 0);
    drop(h);
    assert_eq!((obj.frees(), obj.rc.state()), (1, MERGED));
    let o = obj.clone();
    std::thread::spawn(move || assert!(!o.rc.try_incref_shared())).join().unwrap();
    // The owner's own marked references count locally, as any owner reference does.
    let h = Handle::new(&all);
    h.0.rc.incref_with_lock();
    assert_eq!((h.0.rc.local(), h.0.rc.state()), (2, 0));
    drop(Handle(h.0.clone()));
}

/// Readers try-increment a marked object while its owner drops the last reference: a reader
/// either counts it before the owner's merge (which then keeps it alive for the reader) or is
/// refused; none ever holds it after the free, and it is freed exactly once.
#[test]
fn try_increment_races_the_owners_last_drop() {
    let all = Registry::default();
    for _ in 0..300 {
        let h = Handle::new(&all);
        let obj = h.0.clone();
        let marker = obj.clone();
        std::thread::spawn(move || {
            marker.rc.incref_with_lock();
            drop(Handle(marker));
        })
        .join()
        .unwrap();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (o, stop) = (obj.clone(), stop.clone());
                std::thread::spawn(move || {
                    let mut counted = 0u32;
                    while !stop.load(Ordering::Acquire) {
                        if o.rc.try_incref_shared() {
                            let r = Handle(o.clone());
                            r.check();
                            counted += 1;
                            drop(r);
                        } else if o.frees() > 0 {
                            break;
                        }
                    }
                    counted
                })
            })
            .collect();
        drop(h);
        stop.store(true, Ordering::Release);
        for r in readers {
            r.join().unwrap();
        }
        assert_eq!(obj.frees(), 1);
    }
}
