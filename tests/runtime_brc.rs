//! Biased refcounting end to end through the real object header: objects dropped by non-owner threads are queued, merged and freed exactly once.
//!
//! Frees are observed through the per-thread allocation tallies (`runtime::counters`): each
//! thread reports its own, retiring first so that nothing is merged after its report.

use std::sync::Arc;

use gilbench::object::Value;
use gilbench::runtime::counters;
use gilbench::runtime::{brc, thread_id, EvalBreaker, FreeThreaded};

type V = Value<FreeThreaded>;

/// Lists nested two deep: freeing the outer one frees the inner one too.
fn make(i: i64) -> V {
    V::new_list(vec![V::Int(i), V::new_list(vec![V::Int(i), V::new_str(format!("item {i}"))])])
}

#[test]
fn objects_dropped_by_other_threads_are_freed_once() {
    const OBJECTS: usize = 200;
    const THREADS: usize = 4;
    let before = counters::snapshot();
    let owned: Vec<V> = (0..OBJECTS as i64).map(make).collect();
    // Each worker gets references the owner counted (clones made here, on the owner thread).
    let shares: Vec<Vec<V>> = (0..THREADS).map(|_| owned.clone()).collect();
    let barrier = Arc::new(std::sync::Barrier::new(THREADS + 1));
    let workers: Vec<_> = shares
        .into_iter()
        .enumerate()
        .map(|(t, share)| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let before = counters::snapshot();
                barrier.wait();
                let breaker = gilbench::runtime::eval_breaker::current();
                let mut kept = Vec::new();
                for (i, v) in share.into_iter().enumerate() {
                    let extra = v.clone(); // counted in the shared count
                    if (i + t) % 3 == 0 {
                        kept.push(extra);
                    }
                    drop(v); // the owner-counted reference: may queue the object
                    if breaker.test(EvalBreaker::EXPLICIT_MERGE) {
                        brc::drain_current_thread();
                    }
                }
                drop(kept);
                thread_id::retire_current();
                let after = counters::snapshot();
                (after.allocations - before.allocations, after.deallocations - before.deallocations)
            })
        })
        .collect();
    barrier.wait();
    drop(owned);
    let mut allocations = 0;
    let mut deallocations = 0;
    for w in workers {
        let (a, d) = w.join().unwrap();
        allocations += a;
        deallocations += d;
    }
    brc::drain_current_thread();
    let after = counters::snapshot();
    allocations += after.allocations - before.allocations;
    deallocations += after.deallocations - before.deallocations;
    // Three heap objects per item (outer list, inner list, str).
    assert_eq!(allocations, 3 * OBJECTS as u64);
    assert_eq!(deallocations, allocations, "every object freed exactly once");
}

#[test]
fn owner_that_exits_first_abandons_its_objects() {
    let (values, owner_counts) = std::thread::spawn(|| {
        let before = counters::snapshot();
        let values: Vec<V> = (0..50).map(make).collect();
        let shared: Vec<V> = values.iter().cloned().chain(values.iter().cloned()).collect();
        drop(values);
        thread_id::retire_current();
        let after = counters::snapshot();
        (
            shared,
            (after.allocations - before.allocations, after.deallocations - before.deallocations),
        )
    })
    .join()
    .unwrap();
    assert_eq!(owner_counts, (150, 0));
    let before = counters::snapshot();
    drop(values);
    let after = counters::snapshot();
    // The owner is gone: whoever queues an object merges it at once, and the last drop frees.
    assert_eq!(after.deallocations - before.deallocations, 150);
    assert_eq!(brc::queued_for_current_thread(), 0);
}
