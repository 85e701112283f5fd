//! Tests of the GIL with plain Rust threads (no VM): exclusion, forced switching, blocking calls, the interval.
//!
//! The assertions are about counts and orderings, never durations. A watchdog turns a hang
//! (the failure mode of a broken hand-over) into a test failure after a generous minute.
#![forbid(unsafe_code)]

use super::*;
use std::sync::atomic::AtomicUsize;
use std::sync::{Barrier, Mutex as StdMutex};

const WATCHDOG: Duration = Duration::from_secs(60);

/// Run `f` on `n` threads (argument: thread index) and collect the results, failing the test
/// instead of hanging if they do not all finish within the watchdog.
fn run_threads<T: Send + 'static>(
    n: usize,
    f: impl Fn(usize) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let f = Arc::new(f);
    let (tx, rx) = crossbeam::channel::unbounded();
    for i in 0..n {
        let f = f.clone();
        let tx = tx.clone();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(i)));
            let _ = tx.send((i, r));
        });
    }
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    for _ in 0..n {
        let (i, r) = rx
            .recv_timeout(WATCHDOG)
            .expect("watchdog: threads did not finish (GIL hand-over hung)");
        match r {
            Ok(v) => out[i] = Some(v),
            Err(p) => std::panic::resume_unwind(p),
        }
    }
    out.into_iter().map(|v| v.unwrap()).collect()
}

/// A small unit of CPU work the optimiser cannot remove.
fn spin(units: u64) -> u64 {
    let mut x = 0u64;
    for i in 0..units {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(i));
    }
    x
}

/// Two CPU-bound threads that hold the GIL and poll their eval breaker: never both inside the
/// lock, and forced switching hands it back and forth until each has had many tenures.
#[test]
fn cpu_bound_threads_never_overlap_and_alternate() {
    const TENURES: usize = 25;
    let gil = Arc::new(GilLock::new());
    gil.set_switch_interval(Duration::from_micros(200)).unwrap();
    let holding = Arc::new(AtomicUsize::new(0));
    let max_holding = Arc::new(AtomicUsize::new(0));
    let tenures = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
    let log = Arc::new(StdMutex::new(Vec::new()));
    let (g2, h2, m2, t2, l2) =
        (gil.clone(), holding.clone(), max_holding.clone(), tenures.clone(), log.clone());
    let results = run_threads(2, move |t| {
        let (gil, holding, max_holding, tenures, log) = (&g2, &h2, &m2, &t2, &l2);
        let before = counters::snapshot();
        let me = eval_breaker::current();
        let enter = || {
            let n = holding.fetch_add(1, Ordering::SeqCst) + 1;
            max_holding.fetch_max(n, Ordering::SeqCst);
        };
        gil.acquire(&me);
        enter();
        let mut units = 0u64;
        loop {
            spin(200);
            units += 1;
            // The eval-breaker check at a backward jump.
            if me.is_set() && me.test(EvalBreaker::GIL_DROP_REQUEST) {
                holding.fetch_sub(1, Ordering::SeqCst);
                let switched = gil.yield_if_requested(&me);
                enter();
                if switched {
                    tenures[t].fetch_add(1, Ordering::SeqCst);
                    log.lock().unwrap().push(t);
                }
            }
            if tenures[0].load(Ordering::SeqCst) >= TENURES
                && tenures[1].load(Ordering::SeqCst) >= TENURES
            {
                break;
            }
        }
        holding.fetch_sub(1, Ordering::SeqCst);
        gil.release(&me);
        let after = counters::snapshot();
        (
            units,
            after.gil_forced_switches - before.gil_forced_switches,
            after.gil_acquisitions - before.gil_acquisitions,
        )
    });
    assert_eq!(max_holding.load(Ordering::SeqCst), 1, "two threads held the GIL at once");
    for (t, &(units, forced, acquisitions)) in results.iter().enumerate() {
        assert!(units > 0);
        assert!(forced as usize >= TENURES, "thread {t}: {forced} forced switches");
        assert!(acquisitions as usize > TENURES, "thread {t}: {acquisitions} acquisitions");
    }
    // Forced switching with two threads: every hand-over goes to the other thread.
    let log = log.lock().unwrap();
    assert!(log.len() >= 2 * TENURES);
    for w in log.windows(2) {
        assert_ne!(w[0], w[1], "a thread re-took the GIL it had just been asked to drop: {log:?}");
    }
    assert!(gil.switch_number() as usize >= 2 * TENURES);
    assert!(!gil.is_locked());
}

/// A waiter that times out raises the drop request on the holder's breaker; the holder's
/// `yield_if_requested` lets the waiter run before it takes the GIL back.
#[test]
fn drop_request_reaches_holder_and_forces_a_switch() {
    let gil = Arc::new(GilLock::new());
    gil.set_switch_interval(Duration::from_micros(100)).unwrap();
    let me = eval_breaker::current();
    let before = counters::snapshot();
    gil.acquire(&me);
    let ran = Arc::new(AtomicBool::new(false));
    let (g, r) = (gil.clone(), ran.clone());
    let waiter = std::thread::spawn(move || {
        let before = counters::snapshot();
        let other = eval_breaker::current();
        g.acquire(&other);
        r.store(true, Ordering::SeqCst);
        g.release(&other);
        let after = counters::snapshot();
        (
            after.gil_drop_requests - before.gil_drop_requests,
            after.gil_contended - before.gil_contended,
        )
    });
    let start = Instant::now();
    while !me.is_set() {
        assert!(start.elapsed() < WATCHDOG, "watchdog: no drop request arrived");
        std::hint::spin_loop();
    }
    assert!(me.test(EvalBreaker::GIL_DROP_REQUEST));
    assert!(!ran.load(Ordering::SeqCst), "the waiter ran while we held the GIL");
    assert!(gil.yield_if_requested(&me));
    assert!(ran.load(Ordering::SeqCst), "forced switch returned before the waiter ran");
    assert!(gil.is_held_by(&me));
    assert!(!me.test(EvalBreaker::GIL_DROP_REQUEST));
    gil.release(&me);
    let (requests, contended) = waiter.join().unwrap();
    assert!(requests >= 1);
    assert_eq!(contended, 1);
    let after = counters::snapshot();
    assert_eq!(after.gil_forced_switches - before.gil_forced_switches, 1);
    assert_eq!(after.gil_acquisitions - before.gil_acquisitions, 2);
}

/// Threads that release the GIL around a blocking call run that call in parallel: both reach a
/// barrier inside `allow_threads`, which is impossible if either kept the GIL.
#[test]
fn blocking_calls_overlap() {
    let gil = Arc::new(GilLock::new());
    let barrier = Arc::new(Barrier::new(2));
    let sleeping = Arc::new(AtomicUsize::new(0));
    let max_sleeping = Arc::new(AtomicUsize::new(0));
    let (g, b, s, m) = (gil.clone(), barrier.clone(), sleeping.clone(), max_sleeping.clone());
    run_threads(2, move |_| {
        let mut state = GilState::acquire(&*g);
        state.allow_threads(|| {
            let n = s.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(n, Ordering::SeqCst);
            b.wait();
            std::thread::sleep(Duration::from_millis(5));
            s.fetch_sub(1, Ordering::SeqCst);
        });
        assert!(g.is_held_by(state.breaker()));
    });
    assert_eq!(max_sleeping.load(Ordering::SeqCst), 2);
    assert!(!gil.is_locked());
}

/// While one thread sleeps without the GIL, another takes it and runs.
#[test]
fn sleeping_thread_lets_the_other_run() {
    let gil = Arc::new(GilLock::new());
    let (tx, rx) = crossbeam::channel::bounded::<&'static str>(1);
    let mut state = GilState::acquire(&*gil);
    let g = gil.clone();
    let got = state.allow_threads(move || {
        let other = std::thread::spawn(move || {
            let mut s = GilState::acquire(&*g);
            tx.send("ran with the GIL").unwrap();
            s.check();
        });
        let got = rx.recv_timeout(WATCHDOG);
        other.join().unwrap();
        got
    });
    assert_eq!(got, Ok("ran with the GIL"));
    assert!(gil.is_held_by(state.breaker()));
    drop(state);
    assert!(!gil.is_locked());
}

#[test]
fn allow_threads_retakes_after_panic() {
    let gil = GilLock::new();
    let mut state = GilState::acquire(&gil);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        state.allow_threads(|| panic!("boom"))
    }));
    assert!(r.is_err());
    assert!(gil.is_held_by(state.breaker()));
}

#[test]
fn switch_interval_get_set() {
    let gil = GilLock::new();
    assert_eq!(gil.switch_interval(), DEFAULT_SWITCH_INTERVAL);
    assert_eq!(DEFAULT_SWITCH_INTERVAL, Duration::from_millis(5));
    gil.set_switch_interval(Duration::from_millis(1)).unwrap();
    assert_eq!(gil.switch_interval(), Duration::from_millis(1));
    gil.set_switch_interval(Duration::from_nanos(1)).unwrap();
    assert_eq!(gil.switch_interval(), Duration::from_micros(1));
    assert_eq!(gil.set_switch_interval(Duration::ZERO), Err(GilError::NonPositiveInterval));
    assert_eq!(gil.switch_interval(), Duration::from_micros(1));
    assert_eq!(
        GilError::NonPositiveInterval.to_string(),
        "switch interval must be strictly positive"
    );
    let none = NoGil::default();
    assert_eq!(none.switch_interval(), DEFAULT_SWITCH_INTERVAL);
    none.set_switch_interval(Duration::from_secs_f64(0.01)).unwrap();
    assert_eq!(none.switch_interval(), Duration::from_millis(10));
    assert!(none.set_switch_interval(Duration::ZERO).is_err());
}

#[test]
fn stale_drop_requests_are_ignored() {
    let gil = GilLock::new();
    let me = eval_breaker::current();
    me.set(EvalBreaker::GIL_DROP_REQUEST);
    assert!(!gil.yield_if_requested(&me), "not holding: nothing to yield");
    assert!(!me.test(EvalBreaker::GIL_DROP_REQUEST));
    me.set(EvalBreaker::GIL_DROP_REQUEST);
    gil.acquire(&me);
    assert!(!me.test(EvalBreaker::GIL_DROP_REQUEST), "taking the GIL voids old requests");
    me.set(EvalBreaker::GIL_DROP_REQUEST);
    assert!(!gil.yield_if_requested(&me), "nobody waits: no forced switch");
    assert!(gil.is_held_by(&me));
    gil.release(&me);
}

#[test]
#[should_panic(expected = "does not hold")]
fn release_without_holding_panics() {
    let gil = GilLock::new();
    gil.release(&eval_breaker::current());
}

#[test]
fn no_gil_is_a_no_op() {
    let lock = NoGil::default();
    let mut a = GilState::acquire(&lock);
    let mut b = GilState::acquire(&lock); // no exclusion at all
    a.breaker().set(EvalBreaker::GIL_DROP_REQUEST);
    assert!(!a.check());
    a.breaker().clear(EvalBreaker::GIL_DROP_REQUEST);
    assert_eq!(b.allow_threads(|| 7), 7);
    assert!(lock.is_held_by(a.breaker()));
    const { assert!(!NoGil::IS_REAL && GilLock::IS_REAL) };
}
