//! `concurrent.futures`: `ThreadPoolExecutor` and `InterpreterPoolExecutor` on rayon pools, completion slots behind `Future`, `wait`/`as_completed` support.
//!
//! Implementation notes:
//!
//! * Every `Future` owns a *slot* in a process-wide table (`SLOTS`, one mutex and one condvar):
//!   `Pending -> Running -> Finished | Cancelled`. Waiters block on the condvar inside
//!   `allow_threads`; the table lock is only ever held for a few loads and stores, never while
//!   Python code runs, so it cannot deadlock against an interpreter lock.
//! * `ThreadPoolExecutor`: each job is an `InterpreterJob` run on a rayon worker (same
//!   interpreter, its own `Vm` per job). The worker calls `future.set_result(...)` /
//!   `set_exception(...)` itself (the Python fields are written before the slot says
//!   Finished, so a woken waiter sees them), and done-callbacks run in the worker as in CPython.
//! * `InterpreterPoolExecutor`: `(fn, args, kwargs)` is exported in the caller, the job (only
//!   `Shareable` data) runs on a rayon worker that keeps its own interpreter in a thread-local
//!   (created on the worker's first job, finalized by the pool's exit handler), and the result
//!   (or the error, as a copy of the exception or else `ExecutionFailed`) is stored in the
//!   slot; the waiter imports it. Done-callbacks of such futures run in the thread that first
//!   observes completion (CPython runs them in its worker thread; ours belongs to another
//!   interpreter and cannot call them).
//! * Shutdown drops the rayon pool (spawned jobs still run) and, with `wait=True`, waits until
//!   every worker thread has exited; unfinished executors are shut down by an exit hook of the
//!   interpreter that created them.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::object::{ObjRef, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::thread::{InterpreterJob, PYTHON_THREAD_STACK};
use crate::vm::xi::{self, Shareable};
use crate::vm::Vm;

use super::interpreters::{
    call_payload, execution_failed, new_worker_interpreter, next_id, remote_error,
    shutdown_interpreter, Reply,
};
use super::{arg_i64, exec_snippet, make_module};

/// Native stack Python calls may use on a pool worker (its stack is `PYTHON_THREAD_STACK`).
const WORKER_BUDGET: usize = PYTHON_THREAD_STACK - (8 << 20);

enum Slot {
    Pending,
    Running,
    /// `None`: a thread-pool job already stored the outcome on the Python object.
    Finished(Option<Box<Reply>>),
    Cancelled,
}

static SLOTS: LazyLock<Mutex<HashMap<u64, Slot>>> = LazyLock::new(Default::default);
static SLOTS_CV: Condvar = Condvar::new();
static NEXT_SLOT: AtomicU64 = AtomicU64::new(1);

/// A job is about to run: false when its future was cancelled (skip it).
fn slot_start(id: u64) -> bool {
    let mut g = SLOTS.lock();
    match g.get_mut(&id) {
        Some(Slot::Cancelled) => false,
        Some(s @ Slot::Pending) => {
            *s = Slot::Running;
            true
        }
        // The Future was dropped unobserved (fire and forget): the job still runs.
        _ => true,
    }
}

fn slot_finish(id: u64, outcome: Option<Box<Reply>>) {
    let mut g = SLOTS.lock();
    if let Some(s) = g.get_mut(&id) {
        if !matches!(s, Slot::Finished(_) | Slot::Cancelled) {
            *s = Slot::Finished(outcome);
        }
    }
    drop(g);
    SLOTS_CV.notify_all();
}

fn slot_cancel(id: u64) -> bool {
    let mut g = SLOTS.lock();
    let ok = match g.get_mut(&id) {
        Some(s @ Slot::Pending) => {
            *s = Slot::Cancelled;
            true
        }
        Some(Slot::Cancelled) => true,
        _ => false,
    };
    drop(g);
    if ok {
        SLOTS_CV.notify_all();
    }
    ok
}

/// What a waiter learns about a slot.
enum Seen {
    Pending,
    Running,
    Cancelled,
    Finished(Option<Box<Reply>>),
}

fn look(slot: Option<&Slot>) -> Seen {
    match slot {
        None => Seen::Finished(None),
        Some(Slot::Pending) => Seen::Pending,
        Some(Slot::Running) => Seen::Running,
        Some(Slot::Cancelled) => Seen::Cancelled,
        Some(Slot::Finished(r)) => Seen::Finished(r.clone()),
    }
}

fn is_settled(s: Option<&Slot>) -> bool {
    matches!(s, None | Some(Slot::Finished(_)) | Some(Slot::Cancelled))
}

/// Wait (detached) until `pred` holds for the table, or until the deadline; returns whether it held.
fn wait_table<M: ExecutionModel>(
    vm: &mut Vm<M>,
    timeout: Option<Duration>,
    pred: impl Fn(&HashMap<u64, Slot>) -> bool,
) -> bool {
    if pred(&SLOTS.lock()) {
        return true;
    }
    if timeout == Some(Duration::ZERO) {
        return false;
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    vm.allow_threads(|| {
        crate::runtime::counters::timed_block(|| {
            let mut g = SLOTS.lock();
            loop {
                if pred(&g) {
                    return true;
                }
                match deadline {
                    None => SLOTS_CV.wait(&mut g),
                    Some(d) => {
                        if SLOTS_CV.wait_until(&mut g, d).timed_out() {
                            return pred(&g);
                        }
                    }
                }
            }
        })
    })
}

fn arg_timeout<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<Duration>, PyErr<M>> {
    if v.is_none() {
        return Ok(None);
    }
    let secs = super::arg_f64(vm, v)?;
    Ok(Some(Duration::from_secs_f64(if secs.is_nan() { 0.0 } else { secs.clamp(0.0, 1e9) })))
}

fn slot_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<u64, PyErr<M>> {
    Ok(arg_i64(vm, v)? as u64)
}

fn f_new_slot<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_new_slot", args, kw, 0, 0)?;
    let id = NEXT_SLOT.fetch_add(1, Ordering::Relaxed);
    SLOTS.lock().insert(id, Slot::Pending);
    Ok(Value::Int(id as i64))
}

fn f_drop_slot<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_drop_slot", args, kw, 1, 1)?;
    let id = slot_arg(vm, &p[0])?;
    SLOTS.lock().remove(&id);
    Ok(Value::None)
}

fn f_cancel<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_cancel", args, kw, 1, 1)?;
    let id = slot_arg(vm, &p[0])?;
    Ok(Value::Bool(slot_cancel(id)))
}

/// `_finish_local(slot)`: the Python object holds the outcome (set_result/set_exception).
fn f_finish_local<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_finish_local", args, kw, 1, 1)?;
    let id = slot_arg(vm, &p[0])?;
    slot_finish(id, None);
    Ok(Value::None)
}

/// `_wait(slot, timeout)`: `'PENDING'`, `'RUNNING'`, `'CANCELLED'`, `'FINISHED'` (outcome on the
/// object), or `(ok, value)` for an interpreter-pool outcome (imported here).
fn f_wait<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_wait", args, kw, 2, 2)?;
    let id = slot_arg(vm, &p[0])?;
    let timeout = arg_timeout(vm, &p[1])?;
    wait_table(vm, timeout, |t| is_settled(t.get(&id)));
    let seen = look(SLOTS.lock().get(&id));
    Ok(match seen {
        Seen::Pending => Value::new_str("PENDING"),
        Seen::Running => Value::new_str("RUNNING"),
        Seen::Cancelled => Value::new_str("CANCELLED"),
        Seen::Finished(None) => Value::new_str("FINISHED"),
        Seen::Finished(Some(reply)) => match *reply {
            Ok(s) => Value::new_tuple(vec![Value::Bool(true), xi::import(vm, &s)?]),
            Err(re) => {
                let exc = match &re.exc {
                    Some(s) => match xi::import(vm, s) {
                        Ok(v) if matches!(&v, Value::Obj(o) if vm.is_exception_instance(o)) => v,
                        _ => Value::Obj(execution_failed(vm, &re).exc),
                    },
                    None => Value::Obj(execution_failed(vm, &re).exc),
                };
                Value::new_tuple(vec![Value::Bool(false), exc])
            }
        },
    })
}

/// `_wait_any(slots, timeout)`: True once any of them finished or was cancelled.
fn f_wait_any<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_wait_any", args, kw, 2, 2)?;
    let mut ids = Vec::new();
    for v in vm.iterate_to_vec(&p[0])? {
        ids.push(slot_arg(vm, &v)?);
    }
    let timeout = arg_timeout(vm, &p[1])?;
    let any = wait_table(vm, timeout, |t| ids.iter().any(|id| is_settled(t.get(id))));
    Ok(Value::Bool(any))
}

// ----- pools -----

struct Pool {
    pool: Mutex<Option<rayon::ThreadPool>>,
    /// 0: threads of the caller's interpreter; 1: one interpreter per worker.
    kind: u8,
    owner: usize,
    /// Import path, argv and nesting level for worker interpreters.
    env: Arc<(Vec<PathBuf>, Vec<String>, u32)>,
    /// Slots submitted (for `shutdown(cancel_futures=True)`).
    slots: Mutex<Vec<u64>>,
    /// Worker threads still alive, and a condvar signalled as they exit.
    live: Arc<(Mutex<usize>, Condvar)>,
}

static POOLS: LazyLock<Mutex<HashMap<i64, Arc<Pool>>>> = LazyLock::new(Default::default);
static NEXT_POOL: AtomicI64 = AtomicI64::new(1);
static HOOKED: LazyLock<Mutex<HashSet<usize>>> = LazyLock::new(Default::default);

thread_local! {
    /// An interpreter-pool worker's own interpreter (a `Vm<M>`), kept between jobs.
    static POOL_INTERP: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Finalize this worker thread's interpreter, if it has one (pool exit handler).
fn drop_worker_interp<M: ExecutionModel>() {
    let taken = POOL_INTERP.try_with(|w| w.borrow_mut().take()).ok().flatten();
    if let Some(b) = taken {
        if let Ok(mut vm) = b.downcast::<Vm<M>>() {
            shutdown_interpreter(&mut vm);
        }
    }
}

fn no_worker_interp() {}

fn f_pool_new<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_pool_new", args, kw, 3, 3)?;
    let n = arg_i64(vm, &p[0])?.clamp(1, 4096) as usize;
    let kind = arg_i64(vm, &p[1])? as u8;
    let prefix = p[2].as_str().unwrap_or("").to_string();
    let id = NEXT_POOL.fetch_add(1, Ordering::Relaxed);
    let prefix = if prefix.is_empty() {
        format!("{}-{id}", if kind == 1 { "InterpreterPoolExecutor" } else { "ThreadPoolExecutor" })
    } else {
        prefix
    };
    let live = Arc::new((Mutex::new(n), Condvar::new()));
    let live_exit = live.clone();
    let on_exit: fn() = if kind == 1 { drop_worker_interp::<M> } else { no_worker_interp };
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .stack_size(PYTHON_THREAD_STACK)
        .thread_name(move |i| format!("{prefix}_{i}"))
        .exit_handler(move |_| {
            on_exit();
            crate::runtime::thread_id::retire_current();
            let (m, cv) = &*live_exit;
            *m.lock() -= 1;
            cv.notify_all();
        })
        .build();
    let pool = match built {
        Ok(p) => p,
        Err(e) => return Err(vm.new_runtime_error(&format!("cannot start worker threads: {e}"))),
    };
    // rayon starts all `n` workers when the pool is built.
    crate::runtime::counters::bump(|c| c.threads_started.add(n as u64));
    let level = if kind == 1 { super::interpreters::child_nesting(vm)? } else { 0 };
    let env = Arc::new((vm.interp().search_path(), vm.interp().argv(), level));
    let owner = Arc::as_ptr(vm.interp()) as usize;
    POOLS.lock().insert(
        id,
        Arc::new(Pool {
            pool: Mutex::new(Some(pool)),
            kind,
            owner,
            env,
            slots: Mutex::new(Vec::new()),
            live,
        }),
    );
    if HOOKED.lock().insert(owner) {
        vm.interp().at_exit(shutdown_owned_pools::<M>);
    }
    Ok(Value::Int(id))
}

/// `_submit(pool, future, fn, args, kwargs)`.
fn f_submit<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_submit", args, kw, 5, 5)?;
    let pool_id = arg_i64(vm, &p[0])?;
    let fut = p[1].clone();
    let slot_v = vm.getattr_opt(&fut, "_slot")?.unwrap_or(Value::None);
    let slot = slot_arg(vm, &slot_v)?;
    let Some(pool) = POOLS.lock().get(&pool_id).cloned() else {
        return Err(vm.new_runtime_error("cannot schedule new futures after shutdown"));
    };
    // Everything that may run Python happens before the pool lock is taken.
    let job: Box<dyn FnOnce() + Send> = if pool.kind == 0 {
        let (f, a, k) = (p[2].clone(), p[3].clone(), p[4].clone());
        let job =
            InterpreterJob::new(vm, move |wvm: &mut Vm<M>| run_thread_job(wvm, slot, fut, f, a, k));
        Box::new(move || job.run(WORKER_BUDGET))
    } else {
        let payload = super::interpreters::export_for_transfer(
            vm,
            &Value::new_tuple(vec![p[2].clone(), p[3].clone(), p[4].clone()]),
        )?;
        let env = pool.env.clone();
        Box::new(move || run_interpreter_job::<M>(slot, payload, env))
    };
    pool.slots.lock().push(slot);
    let guard = pool.pool.lock();
    match guard.as_ref() {
        Some(rp) => rp.spawn(job),
        None => {
            drop(guard);
            return Err(vm.new_runtime_error("cannot schedule new futures after shutdown"));
        }
    }
    Ok(Value::None)
}

/// A thread-pool job, on a worker attached to the submitter's interpreter.
fn run_thread_job<M: ExecutionModel>(
    vm: &mut Vm<M>,
    slot: u64,
    fut: Value<M>,
    f: Value<M>,
    args: Value<M>,
    kwargs: Value<M>,
) {
    if !slot_start(slot) {
        return;
    }
    let r = vm.call_ex(&f, &args, Some(&kwargs));
    let (method, value) = match r {
        Ok(v) => ("set_result", v),
        Err(e) => ("set_exception", Value::Obj(e.exc)),
    };
    let stored = vm.getattr_opt(&fut, method).and_then(|m| match m {
        Some(m) => vm.call(&m, &[value], &[]),
        None => Ok(Value::None),
    });
    if let Err(e) = stored {
        vm.flush_stdout();
        let text = vm.format_exception(&e);
        eprint!("Exception ignored in thread pool worker:\n{text}");
    }
    slot_finish(slot, None);
    vm.run_pending_finalizers();
}

/// An interpreter-pool job: runs in this worker's own interpreter, only `Shareable` data in and out.
fn run_interpreter_job<M: ExecutionModel>(
    slot: u64,
    payload: Shareable,
    env: Arc<(Vec<PathBuf>, Vec<String>, u32)>,
) {
    if !slot_start(slot) {
        return;
    }
    let taken =
        POOL_INTERP.with(|w| w.borrow_mut().take()).and_then(|b| b.downcast::<Vm<M>>().ok());
    let mut vm = taken.unwrap_or_else(|| {
        crate::runtime::counters::bump(|c| c.interpreters_started.add(1));
        let mut vm =
            Box::new(new_worker_interpreter::<M>(env.0.clone(), env.1.clone(), next_id(), env.2));
        vm.set_native_stack_budget(WORKER_BUDGET);
        vm
    });
    let reply = match call_payload(&mut vm, &payload) {
        Ok(v) => xi::export(&mut vm, &v).map_err(|e| remote_error(&mut vm, &e)),
        Err(e) => Err(remote_error(&mut vm, &e)),
    };
    vm.run_pending_finalizers();
    vm.flush_stdout();
    POOL_INTERP.with(|w| *w.borrow_mut() = Some(vm));
    slot_finish(slot, Some(Box::new(reply)));
}

fn shutdown_pool<M: ExecutionModel>(vm: &mut Vm<M>, id: i64, wait: bool, cancel: bool) {
    let Some(pool) = POOLS.lock().remove(&id) else { return };
    if cancel {
        let slots = std::mem::take(&mut *pool.slots.lock());
        for s in slots {
            slot_cancel(s);
        }
    }
    // Dropping the rayon pool lets its threads finish the spawned jobs, then exit.
    let rp = pool.pool.lock().take();
    drop(rp);
    if wait {
        let live = pool.live.clone();
        vm.allow_threads(|| {
            let (m, cv) = &*live;
            let mut n = m.lock();
            while *n > 0 {
                cv.wait(&mut n);
            }
        });
    }
}

fn f_pool_shutdown<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_pool_shutdown", args, kw, 3, 3)?;
    let id = arg_i64(vm, &p[0])?;
    let wait = vm.is_true(&p[1])?;
    let cancel = vm.is_true(&p[2])?;
    shutdown_pool(vm, id, wait, cancel);
    Ok(Value::None)
}

/// Exit hook: wait for the executors this interpreter created and did not shut down.
fn shutdown_owned_pools<M: ExecutionModel>(vm: &mut Vm<M>) {
    let me = Arc::as_ptr(vm.interp()) as usize;
    HOOKED.lock().remove(&me);
    let mut ids: Vec<i64> =
        POOLS.lock().iter().filter(|(_, p)| p.owner == me).map(|(id, _)| *id).collect();
    ids.sort_unstable();
    for id in ids {
        shutdown_pool(vm, id, true, false);
    }
}

fn f_cpu_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_cpu_count", args, kw, 0, 0)?;
    Ok(Value::Int(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i64))
}

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("_new_slot", f_new_slot),
        ("_drop_slot", f_drop_slot),
        ("_cancel", f_cancel),
        ("_finish_local", f_finish_local),
        ("_wait", f_wait),
        ("_wait_any", f_wait_any),
        ("_pool_new", f_pool_new),
        ("_submit", f_submit),
        ("_pool_shutdown", f_pool_shutdown),
        ("_cpu_count", f_cpu_count),
    ];
    let module = make_module(vm, "concurrent.futures", funcs, vec![]);
    exec_snippet(vm, &module, include_str!("futures.py"), "<concurrent.futures>");
    module
}
