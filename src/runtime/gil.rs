//! The global interpreter lock, with CPython's algorithm (`Python/ceval_gil.c`): switch interval, drop requests through the eval breaker, forced switching.
//!
//! Implementation notes (who holds what, when it is released):
//!
//! * The GIL is a boolean `locked` inside a parking_lot mutex, plus two condition variables on
//!   that same mutex: `released` (signalled when the holder lets go) and `switched` (signalled
//!   when a thread takes it). The mutex is held only for the few instructions that read or
//!   change the state, never while Python code runs, so it is almost never contended; the GIL
//!   itself is "held" by whichever thread set `locked`.
//! * A thread that finds the GIL held waits on `released` for one switch interval (default
//!   5 ms). If the wait times out, the GIL is still held and nobody took it in the meantime
//!   (the switch number did not move), it raises `GIL_DROP_REQUEST` on the holder's
//!   [`EvalBreaker`] and keeps waiting. The holder polls its breaker at backward jumps and calls
//!   (one relaxed load) and, seeing the request, calls [`InterpreterLock::yield_if_requested`].
//! * Forced switching: a holder honouring a drop request releases the GIL and then waits on
//!   `switched` until another thread has taken it, so it cannot win the race to re-take the
//!   lock it just dropped (the convoy effect on multi-core machines). It only waits while
//!   somebody is waiting for the GIL (`waiters > 0`), so a stale request cannot hang it.
//! * `last_holder` and `switch_number` change only when a *different* thread takes the GIL;
//!   thread identity is the thread's eval breaker (an `Arc`, kept alive by the record, so its
//!   address cannot be reused while compared).
//! * Voluntary releases (blocking calls: sleep, lock acquire, join, queue get, I/O) go through
//!   [`InterpreterLock::release`] / [`GilState::allow_threads`]: they release without waiting
//!   for a switch (the blocking call itself lets the others run) and withdraw any pending drop
//!   request, which the release satisfies.
//! * Harmless races: the drop-request bit is set and cleared under the GIL mutex but read by the
//!   holder without it. A request seen late costs at most one more trip round the eval loop; a
//!   stale one is re-checked under the mutex and ignored. Taking the GIL clears the taker's own
//!   bit, because a request aimed at an earlier tenure is void.
//! * [`NoGil`] is the lock of the free-threaded build: every operation is a no-op apart from
//!   remembering the switch interval (which `sys` still reports). The subinterpreter build uses
//!   [`GilLock`], one per interpreter: threads of one interpreter share its lock as under the
//!   GIL, while interpreters run in parallel.
#![forbid(unsafe_code)]

use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::counters;
use super::eval_breaker::{self, EvalBreaker};
use super::timeline::{self, LaneState};

/// CPython's default switch interval (`sys.getswitchinterval()` is 0.005).
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// Errors from the interpreter-lock API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GilError {
    /// `sys.setswitchinterval(0)` (CPython raises `ValueError` with this message).
    #[error("switch interval must be strictly positive")]
    NonPositiveInterval,
}

/// The per-interpreter lock of an execution model: the GIL, or nothing.
///
/// `me` is always the calling thread's eval breaker (its identity and the place where drop
/// requests are raised); `eval_breaker::current()` gives it, and the VM caches it per thread.
pub trait InterpreterLock: Default + Send + Sync + 'static {
    /// False for the no-op lock (the free-threaded build).
    const IS_REAL: bool;
    /// Take the lock, waiting (and asking the holder to drop it) as needed.
    fn acquire(&self, me: &Arc<EvalBreaker>);
    /// Let go of the lock, which the caller holds (`Py_BEGIN_ALLOW_THREADS`).
    fn release(&self, me: &Arc<EvalBreaker>);
    /// The eval breaker's slow path: if another thread asked for the lock, hand it over (drop
    /// it, wait until someone else has taken it, take it back). True when a switch happened.
    fn yield_if_requested(&self, me: &Arc<EvalBreaker>) -> bool;
    /// Is the lock held by the thread whose breaker is `me`?
    fn is_held_by(&self, me: &Arc<EvalBreaker>) -> bool;
    fn switch_interval(&self) -> Duration;
    /// Set the switch interval (rounded up to a microsecond); zero is an error.
    fn set_switch_interval(&self, interval: Duration) -> Result<(), GilError>;
}

/// Store a switch interval as whole microseconds (at least one).
fn interval_to_us(interval: Duration) -> Result<u64, GilError> {
    if interval.is_zero() {
        return Err(GilError::NonPositiveInterval);
    }
    Ok((interval.as_nanos().div_ceil(1000)).min(u64::MAX as u128) as u64)
}

/// The lock of builds without a GIL: nothing to take, nothing to release.
#[derive(Debug)]
pub struct NoGil {
    interval_us: AtomicU64,
}

impl Default for NoGil {
    fn default() -> Self {
        NoGil { interval_us: AtomicU64::new(DEFAULT_SWITCH_INTERVAL.as_micros() as u64) }
    }
}

impl InterpreterLock for NoGil {
    const IS_REAL: bool = false;
    #[inline(always)]
    fn acquire(&self, _me: &Arc<EvalBreaker>) {}
    #[inline(always)]
    fn release(&self, _me: &Arc<EvalBreaker>) {}
    #[inline(always)]
    fn yield_if_requested(&self, _me: &Arc<EvalBreaker>) -> bool {
        false
    }
    fn is_held_by(&self, _me: &Arc<EvalBreaker>) -> bool {
        true
    }
    fn switch_interval(&self) -> Duration {
        Duration::from_micros(self.interval_us.load(Ordering::Relaxed))
    }
    fn set_switch_interval(&self, interval: Duration) -> Result<(), GilError> {
        self.interval_us.store(interval_to_us(interval)?, Ordering::Relaxed);
        Ok(())
    }
}

/// The state behind the GIL mutex.
struct GilInner {
    locked: bool,
    /// The current holder's breaker (where drop requests go).
    holder: Option<Arc<EvalBreaker>>,
    /// The last thread that took the GIL (it may have released it since).
    last_holder: Option<Arc<EvalBreaker>>,
    /// Incremented each time a thread other than `last_holder` takes the GIL.
    switch_number: u64,
    /// Threads blocked in `acquire`.
    waiters: usize,
}

/// A real global interpreter lock (see the module notes).
pub struct GilLock {
    state: Mutex<GilInner>,
    /// Signalled when the GIL is released.
    released: Condvar,
    /// Signalled when a thread takes the GIL.
    switched: Condvar,
    interval_us: AtomicU64,
    /// Mirror of `locked` for lock-free queries.
    locked: AtomicBool,
}

impl Default for GilLock {
    fn default() -> Self {
        GilLock {
            state: Mutex::new(GilInner {
                locked: false,
                holder: None,
                last_holder: None,
                switch_number: 0,
                waiters: 0,
            }),
            released: Condvar::new(),
            switched: Condvar::new(),
            interval_us: AtomicU64::new(DEFAULT_SWITCH_INTERVAL.as_micros() as u64),
            locked: AtomicBool::new(false),
        }
    }
}

fn is_me(who: &Option<Arc<EvalBreaker>>, me: &Arc<EvalBreaker>) -> bool {
    who.as_ref().is_some_and(|w| Arc::ptr_eq(w, me))
}

impl GilLock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Is the GIL held by anyone right now (a racy snapshot)?
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::Relaxed)
    }

    /// How many times the GIL has changed hands between different threads.
    pub fn switch_number(&self) -> u64 {
        self.state.lock().switch_number
    }

    /// Threads currently blocked waiting for the GIL.
    pub fn waiters(&self) -> usize {
        self.state.lock().waiters
    }

    /// Release under the mutex (the caller keeps the guard, e.g. to wait for a switch).
    fn release_locked(&self, st: &mut GilInner, me: &Arc<EvalBreaker>) {
        assert!(
            st.locked && is_me(&st.holder, me),
            "GIL released by a thread that does not hold it"
        );
        st.locked = false;
        st.holder = None;
        self.locked.store(false, Ordering::Relaxed);
        // Whatever request was pending is satisfied by this release.
        me.clear(EvalBreaker::GIL_DROP_REQUEST);
        self.released.notify_one();
    }
}

impl InterpreterLock for GilLock {
    const IS_REAL: bool = true;

    fn acquire(&self, me: &Arc<EvalBreaker>) {
        let mut st = self.state.lock();
        assert!(!(st.locked && is_me(&st.holder, me)), "GIL acquired twice by the same thread");
        let mut waited = None;
        if st.locked {
            // Until the GIL is ours: the guard ends under the mutex, before anyone else can take it.
            let _wait = timeline::enter(LaneState::GilWait);
            let start = Instant::now();
            st.waiters += 1;
            while st.locked {
                let saved = st.switch_number;
                let timed_out = self.released.wait_for(&mut st, self.switch_interval()).timed_out();
                if timed_out && st.locked && st.switch_number == saved {
                    // A whole interval without a switch: ask the holder to drop the GIL.
                    if let Some(holder) = &st.holder {
                        holder.set(EvalBreaker::GIL_DROP_REQUEST);
                        counters::bump(|c| c.gil_drop_requests.add(1));
                    }
                }
            }
            st.waiters -= 1;
            waited = Some(start.elapsed());
        }
        st.locked = true;
        self.locked.store(true, Ordering::Relaxed);
        st.holder = Some(me.clone());
        let switched = !is_me(&st.last_holder, me);
        if switched {
            st.last_holder = Some(me.clone());
            st.switch_number += 1;
        }
        // A request aimed at an earlier tenure of ours is void.
        me.clear(EvalBreaker::GIL_DROP_REQUEST);
        self.switched.notify_all();
        drop(st);
        counters::bump(|c| {
            c.gil_acquisitions.add(1);
            c.gil_switches.add(switched as u64);
            if let Some(w) = waited {
                c.gil_contended.add(1);
                c.gil_wait_ns.add(w.as_nanos().min(u64::MAX as u128) as u64);
            }
        });
    }

    fn release(&self, me: &Arc<EvalBreaker>) {
        let mut st = self.state.lock();
        self.release_locked(&mut st, me);
    }

    fn yield_if_requested(&self, me: &Arc<EvalBreaker>) -> bool {
        if !me.test(EvalBreaker::GIL_DROP_REQUEST) {
            return false;
        }
        let mut st = self.state.lock();
        if !(st.locked && is_me(&st.holder, me)) || st.waiters == 0 {
            // Stale: we do not hold this GIL, or whoever asked is no longer waiting.
            me.clear(EvalBreaker::GIL_DROP_REQUEST);
            return false;
        }
        // From the release until the GIL is back (the forced switch's wait and the re-take).
        let _wait = timeline::enter(LaneState::GilWait);
        self.release_locked(&mut st, me);
        // Forced switching: do not race the waiter we just woke for the lock.
        while is_me(&st.last_holder, me) && st.waiters > 0 {
            self.switched.wait(&mut st);
        }
        drop(st);
        counters::bump(|c| c.gil_forced_switches.add(1));
        self.acquire(me);
        true
    }

    fn is_held_by(&self, me: &Arc<EvalBreaker>) -> bool {
        let st = self.state.lock();
        st.locked && is_me(&st.holder, me)
    }

    fn switch_interval(&self) -> Duration {
        Duration::from_micros(self.interval_us.load(Ordering::Relaxed))
    }

    fn set_switch_interval(&self, interval: Duration) -> Result<(), GilError> {
        self.interval_us.store(interval_to_us(interval)?, Ordering::Relaxed);
        Ok(())
    }
}

/// A thread's hold on an interpreter lock, released on drop (CPython's `PyGILState_Ensure` /
/// `PyGILState_Release`). Not `Send`: the hold belongs to the thread that took it.
pub struct GilState<'a, L: InterpreterLock> {
    lock: &'a L,
    me: Arc<EvalBreaker>,
    _not_send: PhantomData<*const ()>,
}

impl<'a, L: InterpreterLock> GilState<'a, L> {
    /// Take `lock` for the current thread.
    pub fn acquire(lock: &'a L) -> Self {
        Self::acquire_with(lock, eval_breaker::current())
    }

    /// Take `lock` for the thread whose (cached) breaker is `me`.
    pub fn acquire_with(lock: &'a L, me: Arc<EvalBreaker>) -> Self {
        lock.acquire(&me);
        GilState { lock, me, _not_send: PhantomData }
    }

    /// This thread's eval breaker.
    pub fn breaker(&self) -> &Arc<EvalBreaker> {
        &self.me
    }

    pub fn lock(&self) -> &'a L {
        self.lock
    }

    /// The eval-breaker check (backward jumps, calls): one relaxed load on the fast path;
    /// hands the lock over if another thread asked for it. True when a switch happened.
    #[inline(always)]
    pub fn check(&mut self) -> bool {
        if !self.me.is_set() {
            return false;
        }
        self.lock.yield_if_requested(&self.me)
    }

    /// Run a blocking operation without the lock (`Py_BEGIN_ALLOW_THREADS` ..
    /// `Py_END_ALLOW_THREADS`); the lock is taken back afterwards, also if `f` panics. In the
    /// GIL build `f` must not touch Python objects: other threads run meanwhile.
    pub fn allow_threads<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.lock.release(&self.me);
        struct Retake<'b, L: InterpreterLock>(&'b L, &'b Arc<EvalBreaker>);
        impl<L: InterpreterLock> Drop for Retake<'_, L> {
            fn drop(&mut self) {
                self.0.acquire(self.1);
            }
        }
        let _retake = Retake(self.lock, &self.me);
        f()
    }
}

impl<L: InterpreterLock> Drop for GilState<'_, L> {
    fn drop(&mut self) {
        self.lock.release(&self.me);
    }
}

#[cfg(test)]
#[path = "gil_tests.rs"]
mod tests;
