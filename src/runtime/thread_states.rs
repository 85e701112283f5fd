//! The threads of one interpreter: attach/detach (taking and releasing the interpreter lock) and stop-the-world safe points.
//!
//! Implementation notes (CPython's `_PyThreadState_Attach`/`_PyThreadState_Detach` and
//! `_PyEval_StopTheWorld` in `Python/pystate.c`):
//!
//! * A thread runs Python code only while *attached*. Attaching takes the interpreter lock (the
//!   GIL, or nothing) and then records the thread as attached; detaching records it as detached
//!   and then releases the lock. Blocking calls (sleep, lock waits, joins, queue waits) run
//!   detached, so in the GIL build they let other threads run and in every build they count as
//!   stopped for a stop-the-world request.
//! * Stop the world: the requester (an attached thread, e.g. the cyclic GC) sets `stop_requested`,
//!   raises `STOP_THE_WORLD` on every other attached thread's eval breaker and waits on `changed`
//!   until no other thread is attached. A thread sees the bit at its next safe point (backward
//!   jump or call), marks itself parked (detached) and waits until the world restarts. A thread
//!   that tries to attach while the world is stopped waits too, so once the requester's guard
//!   exists, no other thread touches Python objects until it is dropped.
//! * Everything here is under one parking_lot mutex, taken only at attach/detach/park and by
//!   requesters, never on the eval loop's fast path (that is one relaxed load of the breaker).
//! * Deadlock freedom: a detached thread holds no interpreter lock, so a requester never waits
//!   on a thread that waits for it. In the GIL build only the holder can request, and every
//!   other thread is detached by construction (waiting for the GIL happens before attaching),
//!   so the request completes at once. That includes a forced switch: [`ThreadStates::yield_lock`]
//!   records the yielding thread as detached before it hands the GIL over and waits to get it
//!   back (a holder that stops the world meanwhile must not wait for a thread that waits for
//!   the holder's GIL), and re-attaches like `attach`, parking if the world is stopped. Two concurrent requesters are serialised: the second
//!   finds `stop_requested` set, parks like any other thread (detached, so the running
//!   requester does not wait for it) and tries again after the restart.
#![forbid(unsafe_code)]

use std::sync::Arc;

use parking_lot::{Condvar, Mutex};

use super::eval_breaker::EvalBreaker;
use super::gil::InterpreterLock;
use super::timeline::{self, LaneState};

struct Entry {
    breaker: Arc<EvalBreaker>,
    attached: bool,
}

#[derive(Default)]
struct Inner {
    threads: Vec<Entry>,
    stop_requested: bool,
    /// How many stop-the-world pauses have completed (for tests and counters).
    stops: u64,
}

/// Registry of one interpreter's threads (see the module notes).
#[derive(Default)]
pub struct ThreadStates {
    inner: Mutex<Inner>,
    /// Signalled when a thread detaches or parks, and when the world restarts.
    changed: Condvar,
}

impl ThreadStates {
    /// Take `lock` and record the calling thread (`me`) as attached, waiting while the world is stopped.
    pub fn attach<L: InterpreterLock>(&self, lock: &L, me: &Arc<EvalBreaker>) {
        loop {
            lock.acquire(me);
            let mut st = self.inner.lock();
            if !st.stop_requested {
                match st.threads.iter_mut().find(|e| Arc::ptr_eq(&e.breaker, me)) {
                    Some(e) => e.attached = true,
                    None => st.threads.push(Entry { breaker: me.clone(), attached: true }),
                }
                return;
            }
            // The world is stopped: give the lock back and wait for the restart.
            let _parked = timeline::enter(LaneState::StopTheWorld);
            lock.release(me);
            while st.stop_requested {
                self.changed.wait(&mut st);
            }
        }
    }

    /// Forced switching at a safe point (the GIL's drop request): hand the lock to the waiter
    /// while counted as detached, take it back, and re-attach, parking first if the world was
    /// stopped meanwhile. Answers whether the lock changed hands.
    pub fn yield_lock<L: InterpreterLock>(&self, lock: &L, me: &Arc<EvalBreaker>) -> bool {
        if !me.test(EvalBreaker::GIL_DROP_REQUEST) {
            return false;
        }
        {
            let mut st = self.inner.lock();
            if let Some(e) = st.threads.iter_mut().find(|e| Arc::ptr_eq(&e.breaker, me)) {
                e.attached = false;
            }
            self.changed.notify_all();
        }
        let yielded = lock.yield_if_requested(me);
        // The lock is held again: record the thread as attached unless the world is stopped.
        let mut st = self.inner.lock();
        loop {
            if !st.stop_requested {
                if let Some(e) = st.threads.iter_mut().find(|e| Arc::ptr_eq(&e.breaker, me)) {
                    e.attached = true;
                }
                return yielded;
            }
            let _parked = timeline::enter(LaneState::StopTheWorld);
            lock.release(me);
            while st.stop_requested {
                self.changed.wait(&mut st);
            }
            drop(st);
            lock.acquire(me);
            st = self.inner.lock();
        }
    }

    /// Record the calling thread as detached, then release `lock`.
    pub fn detach<L: InterpreterLock>(&self, lock: &L, me: &Arc<EvalBreaker>) {
        {
            let mut st = self.inner.lock();
            if let Some(e) = st.threads.iter_mut().find(|e| Arc::ptr_eq(&e.breaker, me)) {
                e.attached = false;
            }
            self.changed.notify_all();
        }
        lock.release(me);
    }

    /// Detach for good (the thread is ending): forget it.
    pub fn remove<L: InterpreterLock>(&self, lock: &L, me: &Arc<EvalBreaker>) {
        {
            let mut st = self.inner.lock();
            st.threads.retain(|e| !Arc::ptr_eq(&e.breaker, me));
            self.changed.notify_all();
        }
        lock.release(me);
    }

    /// Threads known to this interpreter that have not ended (attached or detached).
    pub fn count(&self) -> usize {
        self.inner.lock().threads.len()
    }

    /// Completed stop-the-world pauses.
    pub fn stops(&self) -> u64 {
        self.inner.lock().stops
    }

    /// A safe point: if the world is being stopped, park (detached, without the interpreter
    /// lock) until it restarts. Called by the eval loop when `STOP_THE_WORLD` is up on `me`.
    pub fn park_if_stopping<L: InterpreterLock>(&self, lock: &L, me: &Arc<EvalBreaker>) {
        me.clear(EvalBreaker::STOP_THE_WORLD);
        if !self.inner.lock().stop_requested {
            return;
        }
        let parked = crate::runtime::counters::Stopwatch::start();
        let _parked = timeline::enter(LaneState::StopTheWorld);
        self.detach(lock, me);
        self.attach(lock, me); // waits for the restart
        let ns = parked.elapsed_ns();
        super::counters::bump(|c| c.stw_wait_ns.add(ns));
    }

    /// Stop every other attached thread at its next safe point; the world restarts when the
    /// guard is dropped. The caller must be attached (it keeps running).
    pub fn stop_the_world<'a, L: InterpreterLock>(
        &'a self,
        lock: &L,
        me: &Arc<EvalBreaker>,
    ) -> StoppedWorld<'a> {
        let mut st = self.inner.lock();
        while st.stop_requested {
            // Another requester is running: park like any other thread, then try again.
            drop(st);
            self.park_if_stopping(lock, me);
            st = self.inner.lock();
        }
        st.stop_requested = true;
        for e in st.threads.iter_mut() {
            if Arc::ptr_eq(&e.breaker, me) {
                e.attached = true;
            } else if e.attached {
                e.breaker.set(EvalBreaker::STOP_THE_WORLD);
            }
        }
        while st.threads.iter().any(|e| e.attached && !Arc::ptr_eq(&e.breaker, me)) {
            self.changed.wait(&mut st);
        }
        StoppedWorld { states: self }
    }
}

/// Proof that every other thread of the interpreter is parked or detached; dropping it restarts them.
pub struct StoppedWorld<'a> {
    states: &'a ThreadStates,
}

impl Drop for StoppedWorld<'_> {
    fn drop(&mut self) {
        let mut st = self.states.inner.lock();
        st.stop_requested = false;
        st.stops += 1;
        for e in st.threads.iter() {
            e.breaker.clear(EvalBreaker::STOP_THE_WORLD);
        }
        self.states.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::gil::{GilLock, NoGil};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    #[test]
    fn stop_the_world_parks_running_threads() {
        let states = Arc::new(ThreadStates::default());
        let lock = Arc::new(NoGil::default());
        let running = Arc::new(AtomicBool::new(true));
        let in_pause = Arc::new(AtomicBool::new(false));
        let violations = Arc::new(AtomicUsize::new(0));
        let mut handles = Vec::new();
        for _ in 0..3 {
            let (states, lock, running, in_pause, violations) = (
                states.clone(),
                lock.clone(),
                running.clone(),
                in_pause.clone(),
                violations.clone(),
            );
            handles.push(std::thread::spawn(move || {
                let me = Arc::new(EvalBreaker::new());
                states.attach(&*lock, &me);
                while running.load(Ordering::Relaxed) {
                    // "Run bytecode": must never overlap a pause.
                    if in_pause.load(Ordering::SeqCst) {
                        violations.fetch_add(1, Ordering::Relaxed);
                    }
                    if me.test(EvalBreaker::STOP_THE_WORLD) {
                        states.park_if_stopping(&*lock, &me);
                    }
                    std::hint::spin_loop();
                }
                states.remove(&*lock, &me);
            }));
        }
        let me = Arc::new(EvalBreaker::new());
        states.attach(&*lock, &me);
        for _ in 0..200 {
            let world = states.stop_the_world(&*lock, &me);
            in_pause.store(true, Ordering::SeqCst);
            std::thread::yield_now();
            in_pause.store(false, Ordering::SeqCst);
            drop(world);
        }
        running.store(false, Ordering::Relaxed);
        states.detach(&*lock, &me);
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(violations.load(Ordering::Relaxed), 0);
        assert_eq!(states.stops(), 200);
    }

    #[test]
    fn gil_build_stops_at_once_and_detached_threads_do_not_block() {
        let states = ThreadStates::default();
        let lock = GilLock::default();
        let me = Arc::new(EvalBreaker::new());
        states.attach(&lock, &me);
        // Another thread registered but detached (sleeping) never holds up the request.
        let other = Arc::new(EvalBreaker::new());
        states.inner.lock().threads.push(Entry { breaker: other.clone(), attached: false });
        drop(states.stop_the_world(&lock, &me));
        assert!(!other.test(EvalBreaker::STOP_THE_WORLD));
        assert_eq!(states.count(), 2);
        states.detach(&lock, &me);
        assert!(!lock.is_locked());
    }
}
