//! Threads of one interpreter: attaching a `Vm` (taking the GIL), detaching around blocking calls, the eval-breaker slow path, spawning threads.
//!
//! Public API: [`Vm::allow_threads`] (run a blocking Rust operation detached: the GIL build lets
//! other threads run meanwhile), [`Vm::stop_the_world`] (park every other thread at a safe
//! point), [`spawn_thread`] / [`InterpreterJob`] (run a closure on another OS thread with its own `Vm`
//! on the same interpreter),
//! and [`Vm::handle_eval_breaker`], which the eval loop calls when its breaker is non-zero.
//! A `Vm` is attached from creation until it is dropped, except inside `allow_threads`.
//!
//! Implementation notes (this module has one `unsafe` block): a new thread's start-up closure
//! holds object handles of the spawning interpreter. In the subinterpreter build those are
//! `!Send`, so they travel in a `SameInterpreter` package. The spawner is attached (holds the
//! interpreter's lock) while it builds the package; the new thread only moves the parts out and
//! attaches (`Vm::for_thread` waits for the lock) before the closure runs or is dropped, so no
//! handle is ever used without its own interpreter's lock. Objects change OS threads, never
//! interpreters.

use std::sync::Arc;

use crate::object::header::SameInterpreter;
use crate::runtime::brc;
use crate::runtime::eval_breaker::EvalBreaker;
use crate::runtime::timeline::{self, LaneState};
use crate::runtime::{Collector, ExecutionModel, InterpreterLock, StoppedWorld};

use super::{Interp, Vm};
use crate::memory::deferred;
use crate::runtime::qsbr;

/// Native stack of every thread that runs Python code besides the main one. Python calls recurse
/// on the native stack; the memory is reserved lazily, so a large figure costs address space only.
pub const PYTHON_THREAD_STACK: usize = 64 << 20;

/// Whether this build reads some containers without their lock (free-threaded: its object locks
/// are real), so its threads report quiescent states and defer frees (`runtime::qsbr`).
#[inline(always)]
fn optimistic_reads<M: ExecutionModel>() -> bool {
    <M::ObjectLock as crate::runtime::locks::ObjectLock>::IS_REAL
}

impl<M: ExecutionModel> Vm<M> {
    /// Take the interpreter lock and register this thread as running Python code.
    pub(crate) fn attach(&mut self) {
        debug_assert!(!self.attached);
        self.interp.threads.attach(&self.interp.lock, &self.breaker);
        self.attached = true;
        if optimistic_reads::<M>() {
            qsbr::online();
            if qsbr::enabled() {
                deferred::defer_this_thread();
            }
        }
        if timeline::is_recording() {
            timeline::set_interpreter(
                crate::stdlib::modules::interpreters::current_id(self).clamp(0, u32::MAX as i64)
                    as u32,
            );
            timeline::begin_lane();
        }
        let shard = self.gc_shard.get_or_insert_with(|| self.interp.gc.shard_for_thread());
        self.gc_prev_shard = crate::memory::gc::enter_shard::<M>(Some(shard));
        if self.mem_prev.is_none() {
            self.mem_prev = Some(crate::memory::alloc::enter_interpreter(&self.interp.heap.mem));
        }
    }

    /// Run `f` detached from the interpreter: the GIL is released (other Python threads run),
    /// and a stop-the-world request does not wait for this thread. `f` must not touch Python
    /// objects (in the GIL build another thread may be using them).
    pub fn allow_threads<R>(&mut self, f: impl FnOnce() -> R) -> R {
        if !self.attached {
            return f();
        }
        self.flush_stdout();
        // Detached code must not make objects; if it does they stay untracked (a root).
        crate::memory::gc::restore_shard::<M>(self.gc_prev_shard);
        // Blocked from before the release until the lock is back (a GIL re-take nests as
        // GilWait, a Python lock wait inside `f` as PyLockWait).
        let _blocked = timeline::enter(LaneState::Blocked);
        if optimistic_reads::<M>() {
            if deferred::has_pending() {
                deferred::process();
            }
            qsbr::offline();
        }
        self.interp.threads.detach(&self.interp.lock, &self.breaker);
        self.attached = false;
        struct Reattach<'a, M: ExecutionModel>(
            &'a Interp<M>,
            &'a Arc<EvalBreaker>,
            Option<&'a Arc<crate::memory::gc::GcShard<M>>>,
        );
        impl<M: ExecutionModel> Drop for Reattach<'_, M> {
            fn drop(&mut self) {
                self.0.threads.attach(&self.0.lock, self.1);
                if optimistic_reads::<M>() {
                    qsbr::online();
                }
                crate::memory::gc::enter_shard::<M>(self.2);
            }
        }
        let out = {
            let _reattach = Reattach(&self.interp, &self.breaker, self.gc_shard.as_ref());
            f()
        };
        self.attached = true;
        out
    }

    /// Park every other thread of this interpreter at its next safe point (the cyclic GC's
    /// pause in the free-threaded build); they resume when the guard is dropped.
    pub fn stop_the_world(&self) -> StoppedWorld<'_> {
        self.interp.threads.stop_the_world(&self.interp.lock, &self.breaker)
    }

    /// Make a cyclic collection exclusive, as the model does it (`ExecutionModel::Collector`):
    /// the world stopped in the free-threaded build; nothing more than the interpreter lock the
    /// caller holds elsewhere. Keep the guard for the whole collection.
    pub fn exclusive_gc(&self) -> Option<StoppedWorld<'_>> {
        <M::Collector as Collector>::exclusive(
            &self.interp.threads,
            &self.interp.lock,
            &self.breaker,
        )
    }

    /// The eval breaker's slow path: a bit is up on this thread's breaker.
    #[cold]
    #[inline(never)]
    pub fn handle_eval_breaker(&mut self) {
        self.handle_eval_breaker_at_call(false);
    }

    /// [`Vm::handle_eval_breaker`] at a check point; `before_native_call`: the check just before
    /// a call of a native function, where only this thread's own pending finalizers (objects it
    /// released itself, which CPython would finalize at once) and stop-the-world requests are
    /// handled. A GIL drop request and biased-refcount merges (which free objects other threads
    /// released, running their `__del__`) wait for the check after the call, where CPython does
    /// them: otherwise a thread could be switched out, or run foreign finalizers, inside
    /// `with lock:` just before `__exit__` releases the lock (lock convoys; a `__del__` that takes
    /// the same lock deadlocks).
    #[cold]
    #[inline(never)]
    pub fn handle_eval_breaker_at_call(&mut self, before_native_call: bool) {
        let b = self.breaker.clone();
        if !before_native_call && b.test(EvalBreaker::GIL_DROP_REQUEST) {
            self.flush_stdout_if_threaded();
            self.interp.threads.yield_lock(&self.interp.lock, &b);
        }
        if b.test(EvalBreaker::STOP_THE_WORLD) {
            self.interp.threads.park_if_stopping(&self.interp.lock, &b);
        }
        if !before_native_call && b.take(EvalBreaker::EXPLICIT_MERGE) {
            brc::drain_current_thread();
        }
        if b.take(EvalBreaker::PENDING_FINALIZERS) {
            self.run_pending_finalizers();
        }
        if b.take(EvalBreaker::QSBR_REPORT) {
            qsbr::quiescent();
            deferred::process();
        }
        if b.take(EvalBreaker::GC_SCHEDULED) {
            self.gc_collect_scheduled();
        }
        // PENDING_CALLS and ASYNC_EXC have no producers yet; clear them so they cannot spin.
        b.clear(EvalBreaker::PENDING_CALLS | EvalBreaker::ASYNC_EXC);
    }

    /// Before handing the GIL to another thread, or waking other threads (a lock released, an
    /// event set, a thread started), make this thread's buffered output visible so that lines
    /// from different threads come out in the order they were printed.
    #[inline]
    pub fn flush_stdout_if_threaded(&mut self) {
        if !self.stdout.is_empty() && self.interp.threads.count() > 1 {
            self.flush_stdout();
        }
    }

    /// Leave the interpreter for good (thread end): drop what this context holds while still
    /// attached, then unregister and release the lock.
    fn detach_for_exit(&mut self) {
        if !self.attached {
            return;
        }
        self.flush_stdout();
        self.handled.clear();
        self.pending_throw = None;
        self.thread_locals.clear();
        self.slot_pool.clear();
        *self.attr_cache.borrow_mut() = Default::default();
        // Merging queued objects can free them, and freeing must happen attached: a detached
        // thread that frees objects races with a collection in another thread (the free-threaded
        // collector stops only attached threads). So the owner id is retired here, not after.
        if self.retire_owner_at_exit {
            crate::runtime::thread_id::retire_current();
        } else {
            crate::runtime::brc::drain_current_thread();
        }
        if crate::object::header::has_pending_finalizers() {
            self.run_pending_finalizers();
        }
        crate::memory::gc::restore_shard::<M>(self.gc_prev_shard);
        if let Some(shard) = self.gc_shard.take() {
            self.interp.gc.release_shard(shard);
        }
        if timeline::is_recording() {
            timeline::end_lane();
        }
        self.interp.threads.remove(&self.interp.lock, &self.breaker);
        if optimistic_reads::<M>() {
            deferred::retire_current_thread();
        }
        self.attached = false;
        if let Some(prev) = self.mem_prev.take() {
            crate::memory::alloc::leave_interpreter(prev);
        }
    }
}

impl<M: ExecutionModel> Drop for Vm<M> {
    fn drop(&mut self) {
        self.detach_for_exit();
        let lived = self.born.elapsed().as_nanos().min(u64::MAX as u128) as u64;
        crate::runtime::counters::bump(|c| c.thread_time_ns.add(lived));
        // `gilbench compare`: every thread's tallies end up in the process totals.
        crate::runtime::counters::retire_thread(crate::memory::alloc::take_allocated_bytes);
    }
}

/// Work for another OS thread on this interpreter: when [`InterpreterJob::run`] is called (on
/// any thread: a new one, a rayon pool worker), it attaches a fresh `Vm` to the interpreter
/// (in the GIL build it waits for the GIL), runs the closure, and detaches.
pub struct InterpreterJob {
    run: Box<dyn FnOnce(usize) + Send + 'static>,
}

impl InterpreterJob {
    /// Package `f` for another thread (CPython's `PyThreadState_New` + attach, deferred).
    ///
    /// Works in every model: in the subinterpreter build the closure's handles are `!Send`, and
    /// they travel as a [`SameInterpreter`] value, because the receiving thread uses them only
    /// once attached to the same interpreter (its per-interpreter GIL serialises the threads).
    /// The caller must be attached to `vm`'s interpreter.
    pub fn new<M, F>(vm: &Vm<M>, f: F) -> Self
    where
        M: ExecutionModel,
        F: FnOnce(&mut Vm<M>) + 'static,
    {
        Self::build(vm, f, false)
    }

    /// [`InterpreterJob::new`] for a thread that ends with the job: its biased-refcount owner
    /// id is retired before the context detaches (`Vm::retire_owner_at_exit`).
    pub fn for_thread_end<M, F>(vm: &Vm<M>, f: F) -> Self
    where
        M: ExecutionModel,
        F: FnOnce(&mut Vm<M>) + 'static,
    {
        Self::build(vm, f, true)
    }

    fn build<M, F>(vm: &Vm<M>, f: F, retire_owner_at_exit: bool) -> Self
    where
        M: ExecutionModel,
        F: FnOnce(&mut Vm<M>) + 'static,
    {
        assert!(vm.attached, "InterpreterJob::new from a detached context");
        vm.start_immortalizing();
        if optimistic_reads::<M>() {
            // Before the new thread exists: from now on, memory that optimistic readers may
            // still see waits for them (see `memory::deferred`).
            qsbr::enable();
            deferred::defer_this_thread();
        }
        // SAFETY: the caller is attached to `vm.interp` (asserted above), and `run` takes the
        // package apart only to hand the interpreter to `Vm::for_thread`, which attaches before
        // the closure runs or is dropped.
        let package = unsafe { SameInterpreter::new((vm.interp.clone(), f)) };
        InterpreterJob {
            run: Box::new(move |stack_budget: usize| {
                // Moving the parts out copies bits only: no handle is cloned, read or dropped yet.
                let (interp, f) = package.into_inner();
                let mut vm = Vm::for_thread(interp);
                vm.retire_owner_at_exit = retire_owner_at_exit;
                vm.set_native_stack_budget(stack_budget);
                f(&mut vm);
                drop(vm);
                if optimistic_reads::<M>() {
                    // What the `Vm`'s fields released after it left the interpreter was
                    // deferred too: hand it over as well (`memory::deferred`).
                    deferred::retire_current_thread();
                }
            }),
        }
    }

    /// Run the job on the calling thread, which must not be attached to any interpreter of the
    /// same model already. `stack_budget`: how much of this thread's native stack Python calls
    /// may use (see `Vm::set_native_stack_budget`).
    pub fn run(self, stack_budget: usize) {
        (self.run)(stack_budget)
    }
}

/// Start an OS thread (with a [`PYTHON_THREAD_STACK`] stack) that runs `f` on a new context of
/// `vm`'s interpreter, then retires its biased-refcount owner id. The caller must be attached.
pub fn spawn_thread<M, F>(
    vm: &Vm<M>,
    name: Option<String>,
    f: F,
) -> std::io::Result<std::thread::JoinHandle<()>>
where
    M: ExecutionModel,
    F: FnOnce(&mut Vm<M>) + 'static,
{
    let job = InterpreterJob::for_thread_end(vm, f);
    let mut builder = std::thread::Builder::new().stack_size(PYTHON_THREAD_STACK);
    if let Some(n) = name {
        builder = builder.name(n);
    }
    builder.spawn(move || {
        job.run(PYTHON_THREAD_STACK - (4 << 20));
        // Already retired while attached (see `detach_for_exit`); idempotent.
        crate::runtime::thread_id::retire_current();
    })
}

impl<M: ExecutionModel> Interp<M> {
    /// `sys.getswitchinterval()`.
    pub fn switch_interval(&self) -> f64 {
        self.lock.switch_interval().as_secs_f64()
    }
}
