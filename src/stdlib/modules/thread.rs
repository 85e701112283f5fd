//! The `_thread` module: native locks (`lock`, `RLock`), starting threads, thread identities and the per-thread dict; `threading` and `queue` are Python over it.
//!
//! Implementation notes:
//!
//! * A lock's state ([`LockState`]) is plain Rust data in a `Payload::Native` object. Taking a
//!   free lock is one compare-and-swap; a thread that has to wait does so *detached*
//!   (`Vm::allow_threads`), on the lock's own parking_lot mutex and condition variable, so the
//!   GIL build lets other threads run and a stop-the-world request never waits for it. Every
//!   blocking wait of `_thread`, `threading` and `queue` ends up in [`LockState::acquire_blocking`].
//! * Lost wake-ups: a waiter registers (`waiters += 1`) and re-tries under the mutex before it
//!   sleeps; a releaser clears `locked` and then, if anyone is registered, notifies under the
//!   same mutex (all sequentially consistent). A waiter whose wait times out tries once more, so
//!   a notification it consumed is never lost to the others.
//! * A `lock` may be released by any thread (CPython allows it); an `RLock` only by its owner.
//! * Thread identities (`get_ident`) are small process-wide numbers handed out once per OS
//!   thread; a thread started here learns its number from the spawner, which returns it.
//! * Joining: `threading` asks for a *sentinel* lock in each new thread (`_set_sentinel`) and
//!   holds it; the thread's wrapper releases it after the thread's `Vm` is gone (its output
//!   flushed, its objects released), which is what `Thread.join()` waits for.
//! * Sentinels and `Condition` waiters (`_waiter_lock`, what `Event`, `Queue`, `Semaphore` and
//!   `Thread.start` wait on) are marked as *signal* locks (`_mark_signal`): on a thread timeline
//!   a wait on them is blocked, a wait on any other lock is a Python-lock wait (contention).

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::object::{Layout, NativeObj, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install, method_positional, positional};
use crate::vm::thread::{InterpreterJob, PYTHON_THREAD_STACK};
use crate::vm::Vm;

use super::{arg_f64, make_module};

/// `_thread.TIMEOUT_MAX` (CPython's value on 64-bit Linux).
pub const TIMEOUT_MAX: f64 = 9223372036.0;

type Native<M> = crate::object::NativeFn<M>;

// ---------------------------------------------------------------------------------------------
// Lock state
// ---------------------------------------------------------------------------------------------

/// The state of one `_thread.lock` (see the module notes).
#[derive(Default)]
pub struct LockState {
    locked: AtomicBool,
    waiters: AtomicUsize,
    mutex: Mutex<()>,
    cond: Condvar,
    /// Used to signal, not to exclude (a join sentinel, a condition's waiter): a wait on it is
    /// drawn as blocked on a thread timeline, not as a Python-lock wait. Read only when waiting.
    signal: AtomicBool,
}

impl LockState {
    /// Take the lock if it is free (never blocks).
    #[inline]
    pub fn try_acquire(&self) -> bool {
        self.locked.compare_exchange(false, true, Ordering::SeqCst, Ordering::Relaxed).is_ok()
    }

    /// Wait until the lock is taken (true) or `deadline` passes (false). Blocks: the caller must
    /// be detached (inside `Vm::allow_threads`).
    pub fn acquire_blocking(&self, deadline: Option<Instant>) -> bool {
        let mut guard = self.mutex.lock();
        self.waiters.fetch_add(1, Ordering::SeqCst);
        let got = loop {
            if self.try_acquire() {
                break true;
            }
            match deadline {
                None => self.cond.wait(&mut guard),
                Some(d) => {
                    if self.cond.wait_until(&mut guard, d).timed_out() {
                        break self.try_acquire();
                    }
                }
            }
        };
        self.waiters.fetch_sub(1, Ordering::SeqCst);
        got
    }

    /// Let go of the lock, waking one waiter. False if it was not locked.
    pub fn release(&self) -> bool {
        if !self.locked.swap(false, Ordering::SeqCst) {
            return false;
        }
        if self.waiters.load(Ordering::SeqCst) > 0 {
            let _guard = self.mutex.lock();
            self.cond.notify_one();
        }
        true
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }
}

/// The state of one `_thread.RLock`: a lock plus its owner's ident and recursion count (both
/// written only by the owner while it holds the lock).
#[derive(Default)]
pub struct RLockState {
    lock: LockState,
    owner: AtomicU64,
    count: AtomicU64,
}

impl RLockState {
    fn owned_by(&self, me: u64) -> bool {
        self.owner.load(Ordering::Relaxed) == me && self.count.load(Ordering::Relaxed) > 0
    }
}

/// Take `lock` within `timeout` seconds (`None`: wait forever), detached while waiting.
fn acquire_with<M: ExecutionModel>(vm: &mut Vm<M>, lock: &LockState, timeout: Option<f64>) -> bool {
    if lock.try_acquire() {
        return true;
    }
    let deadline = match timeout {
        Some(t) if t <= 0.0 => return false,
        Some(t) => Instant::now().checked_add(Duration::from_secs_f64(t)),
        None => None,
    };
    // Timed inside the detached section: the GIL re-take afterwards is `gil_wait_ns`.
    let (got, waited_ns) = vm.allow_threads(|| {
        let waited = crate::runtime::counters::Stopwatch::start();
        use crate::runtime::timeline::{self, LaneState, TimelineGuard};
        let _waiting = if timeline::is_recording() && !lock.signal.load(Ordering::Relaxed) {
            timeline::enter(LaneState::PyLockWait)
        } else {
            TimelineGuard::INERT
        };
        let got = lock.acquire_blocking(deadline);
        (got, waited.elapsed_ns())
    });
    if lock.signal.load(Ordering::Relaxed) {
        // A join or a condition's waiter: waiting for a signal, not contention.
        crate::runtime::counters::count_blocked(waited_ns);
    } else {
        crate::runtime::counters::bump(|c| {
            c.pylock_contended.add(1);
            c.pylock_wait_ns.add(waited_ns);
        });
    }
    got
}

// ---------------------------------------------------------------------------------------------
// Thread identities and sentinels
// ---------------------------------------------------------------------------------------------

static NEXT_IDENT: AtomicU64 = AtomicU64::new(1);
/// Threads started by `start_new_thread` that have not finished (`_thread._count()`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static IDENT: Cell<u64> = const { Cell::new(0) };
    static NATIVE_ID: Cell<u64> = const { Cell::new(0) };
    /// Sentinel locks to release when this thread's `Vm` is gone; `None` on threads not
    /// started by `start_new_thread` (their sentinels are never released automatically).
    static SENTINELS: RefCell<Option<Vec<Arc<dyn std::any::Any + Send + Sync>>>> = const { RefCell::new(None) };
}

/// `_thread.get_ident()` of the calling OS thread.
pub fn current_ident() -> u64 {
    IDENT.with(|c| {
        if c.get() == 0 {
            c.set(NEXT_IDENT.fetch_add(1, Ordering::Relaxed));
        }
        c.get()
    })
}

/// The kernel's id of the calling thread (Linux: from `/proc/thread-self`), else its ident.
fn native_id() -> u64 {
    NATIVE_ID.with(|c| {
        if c.get() == 0 {
            let tid = std::fs::read_link("/proc/thread-self").ok().and_then(|p| {
                p.file_name().and_then(|n| n.to_str()).and_then(|s| s.parse::<u64>().ok())
            });
            c.set(tid.unwrap_or_else(current_ident));
        }
        c.get()
    })
}

fn release_sentinels() {
    if let Some(list) = SENTINELS.with(|s| s.borrow_mut().take()) {
        for l in list {
            if let Ok(l) = l.downcast::<LockState>() {
                l.release();
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------------------------

const SNIPPET: &str = r#"
error = RuntimeError
allocate_lock = allocate = LockType
start_new = start_new_thread

def _set_sentinel():
    lock = LockType()
    _register_sentinel(lock)
    _mark_signal(lock)
    return lock

def _waiter_lock():
    lock = LockType()
    _mark_signal(lock)
    return lock

def daemon_threads_allowed():
    return True

def exit():
    raise SystemExit

_stack_size = 0

def stack_size(size=0):
    global _stack_size
    if size != 0 and size < 32768:
        raise ValueError("size not valid: %d bytes" % size)
    old = _stack_size
    _stack_size = size
    return old
"#;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, Native<M>)] = &[
        ("start_new_thread", start_new_thread),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", thread_count),
        ("_register_sentinel", register_sentinel),
        ("_mark_signal", mark_signal),
        ("_excepthook", excepthook),
        ("_print_exception", print_exception),
        ("_format_exception", format_exception),
        ("_local_class", local_class),
        ("_local_new", local_new),
    ];
    let lock_type = native_class(
        vm,
        "lock",
        lock_new,
        &[
            ("acquire", lock_acquire),
            ("acquire_lock", lock_acquire),
            ("__enter__", lock_acquire),
            ("release", lock_release),
            ("release_lock", lock_release),
            ("__exit__", lock_exit),
            ("locked", lock_locked),
            ("locked_lock", lock_locked),
            ("__repr__", lock_repr),
        ],
    );
    let rlock_type = native_class(
        vm,
        "RLock",
        rlock_new,
        &[
            ("acquire", rlock_acquire),
            ("__enter__", rlock_acquire),
            ("release", rlock_release),
            ("__exit__", rlock_exit),
            ("_is_owned", rlock_is_owned),
            ("_release_save", rlock_release_save),
            ("_acquire_restore", rlock_acquire_restore),
            ("_recursion_count", rlock_recursion_count),
            ("__repr__", rlock_repr),
        ],
    );
    let values = vec![
        ("LockType", Value::Obj(lock_type)),
        ("RLock", Value::Obj(rlock_type)),
        ("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX)),
    ];
    let module = make_module(vm, "_thread", funcs, values);
    super::exec_snippet(vm, &module, SNIPPET, "<frozen _thread>");
    module
}

/// A native type of `_thread`: `cls()` calls `ctor`; instances carry Rust state.
fn native_class<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &'static str,
    ctor: Native<M>,
    methods: &[(&'static str, Native<M>)],
) -> ObjRef<M> {
    let object = vm.types().object.clone();
    let cls = crate::vm::builtins_types::new_class::<M>(name, vec![object], Layout::Builtin);
    if let Payload::Class(c) = cls.payload() {
        c.set_native_ctor(ctor);
        let d = c.dict.clone();
        vm.dict_set_str(&d, "__module__", Value::new_str("_thread"));
    }
    install(vm, &cls, name, methods);
    cls
}

fn new_native<M: ExecutionModel>(
    cls: &Value<M>,
    data: Arc<dyn std::any::Any + Send + Sync>,
) -> Value<M> {
    let class = cls.obj().cloned().expect("a native constructor receives its class");
    Value::Obj(ObjRef::new(Payload::Native(NativeObj { class, data })))
}

/// The Rust state of `self` (`args[0]`) as a `T`, or CPython's descriptor TypeError.
fn state_of<'a, M: ExecutionModel, T: 'static>(
    vm: &mut Vm<M>,
    v: &'a Value<M>,
    type_name: &str,
    meth: &str,
) -> Result<&'a T, PyErr<M>> {
    if let Some(Payload::Native(n)) = v.payload() {
        if let Some(s) = n.data::<T>() {
            return Ok(s);
        }
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!(
        "descriptor '{meth}' for '_thread.{type_name}' objects doesn't apply to a '{tn}' object"
    )))
}

/// `self` of a method called with any arguments (`acquire`, `__exit__`), or CPython's TypeError
/// for an unbound call without one.
fn self_arg<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    type_name: &str,
    meth: &str,
) -> Result<&'a Value<M>, PyErr<M>> {
    match args.get(..args.len() - kw.len()).and_then(|p| p.first()) {
        Some(v) => Ok(v),
        None if meth.starts_with("__") && meth != "__exit__" => Err(vm.new_type_error(&format!(
            "descriptor '{meth}' of '_thread.{type_name}' object needs an argument"
        ))),
        None => {
            Err(vm
                .new_type_error(&format!("unbound method {type_name}.{meth}() needs an argument")))
        }
    }
}

/// A method's arguments, self first, checked in CPython's words (`lock.release() takes no
/// arguments (1 given)`); `min`/`max` count the arguments after self.
fn method_args<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    owner: &str,
    name: &str,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    min: usize,
    max: usize,
) -> Result<&'a [Value<M>], PyErr<M>> {
    self_arg(vm, args, kw, owner, name)?;
    method_positional(vm, owner, name, args, kw, min, max)
}

/// `acquire(blocking=True, timeout=-1)`: the timeout in seconds (`None`: forever), CPython's checks.
fn acquire_args<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> Result<Option<f64>, PyErr<M>> {
    let npos = args.len() - kw.len();
    if npos > 3 {
        return Err(
            vm.new_type_error(&format!("acquire() takes at most 2 arguments ({} given)", npos - 1))
        );
    }
    let (mut blocking, mut timeout) =
        (args.get(1).filter(|_| npos > 1).cloned(), args.get(2).filter(|_| npos > 2).cloned());
    for (i, name) in kw.iter().enumerate() {
        let v = args[npos + i].clone();
        let slot = match name.as_str() {
            Some("blocking") => &mut blocking,
            Some("timeout") => &mut timeout,
            other => {
                return Err(vm.new_type_error(&format!(
                    "'{}' is an invalid keyword argument for acquire()",
                    other.unwrap_or("?")
                )))
            }
        };
        if slot.is_some() {
            let n = name.as_str().unwrap_or("?");
            let pos = if n == "blocking" { 1 } else { 2 };
            return Err(vm.new_type_error(&format!(
                "argument for acquire() given by name ('{n}') and position ({pos})"
            )));
        }
        *slot = Some(v);
    }
    let blocking = match blocking {
        Some(b) => vm.is_true(&b)?,
        None => true,
    };
    let timeout = match timeout {
        None => -1.0,
        Some(Value::None) => {
            return Err(vm.new_type_error("'NoneType' object cannot be interpreted as an integer"))
        }
        Some(t) => arg_f64(vm, &t)?,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.new_value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.new_value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.new_overflow_error("timeout value is too large"));
    }
    Ok(if !blocking {
        Some(0.0)
    } else if timeout == -1.0 {
        None
    } else {
        Some(timeout)
    })
}

// ----- lock -----

fn lock_new<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "allocate_lock", &args[1..], kw, 0, 0)?;
    Ok(new_native(&args[0], Arc::new(LockState::default())))
}

fn lock_acquire<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let me = self_arg(vm, args, kw, "lock", "acquire")?;
    let timeout = acquire_args(vm, args, kw)?;
    let lock = state_of::<M, LockState>(vm, me, "lock", "acquire")?;
    Ok(Value::Bool(acquire_with(vm, lock, timeout)))
}

fn lock_release<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "lock", "release", args, kw, 0, 0)?;
    let lock = state_of::<M, LockState>(vm, &p[0], "lock", "release")?;
    // Output printed before the release comes before whatever a woken thread prints.
    vm.flush_stdout_if_threaded();
    if !lock.release() {
        return Err(vm.new_runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_exit<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let me = self_arg(vm, args, kw, "lock", "__exit__")?.clone();
    lock_release(vm, &[me], &[])
}

fn lock_locked<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "lock", "locked", args, kw, 0, 0)?;
    let lock = state_of::<M, LockState>(vm, &p[0], "lock", "locked")?;
    Ok(Value::Bool(lock.is_locked()))
}

fn lock_repr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = method_args(vm, "lock", "__repr__", args, kw, 0, 0)?;
    let lock = state_of::<M, LockState>(vm, &p[0], "lock", "__repr__")?;
    let state = if lock.is_locked() { "locked" } else { "unlocked" };
    let id = p[0].obj().map_or(0, |o| o.id());
    Ok(Value::new_str(format!("<{state} _thread.lock object at {id:#x}>")))
}

// ----- RLock -----

fn rlock_new<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let _ = vm;
    Ok(new_native(&args[0], Arc::new(RLockState::default())))
}

fn rlock_acquire<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let this = self_arg(vm, args, kw, "RLock", "acquire")?;
    let timeout = acquire_args(vm, args, kw)?;
    let r = state_of::<M, RLockState>(vm, this, "RLock", "acquire")?;
    let me = current_ident();
    if r.owned_by(me) {
        let c = r.count.load(Ordering::Relaxed);
        if c == u64::MAX {
            return Err(vm.new_overflow_error("Internal lock count overflowed"));
        }
        r.count.store(c + 1, Ordering::Relaxed);
        return Ok(Value::Bool(true));
    }
    if !acquire_with(vm, &r.lock, timeout) {
        return Ok(Value::Bool(false));
    }
    r.owner.store(me, Ordering::Relaxed);
    r.count.store(1, Ordering::Relaxed);
    Ok(Value::Bool(true))
}

fn rlock_release<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "release", args, kw, 0, 0)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "release")?;
    if !r.owned_by(current_ident()) {
        return Err(vm.new_runtime_error("cannot release un-acquired lock"));
    }
    let c = r.count.load(Ordering::Relaxed) - 1;
    r.count.store(c, Ordering::Relaxed);
    if c == 0 {
        r.owner.store(0, Ordering::Relaxed);
        vm.flush_stdout_if_threaded();
        r.lock.release();
    }
    Ok(Value::None)
}

fn rlock_exit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let me = self_arg(vm, args, kw, "RLock", "__exit__")?.clone();
    rlock_release(vm, &[me], &[])
}

fn rlock_is_owned<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "_is_owned", args, kw, 0, 0)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "_is_owned")?;
    Ok(Value::Bool(r.owned_by(current_ident())))
}

fn rlock_recursion_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "_recursion_count", args, kw, 0, 0)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "_recursion_count")?;
    let n = if r.owned_by(current_ident()) { r.count.load(Ordering::Relaxed) } else { 0 };
    Ok(Value::Int(n as i64))
}

/// `Condition.wait` support: release completely, returning `(count, owner)` to restore later.
fn rlock_release_save<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "_release_save", args, kw, 0, 0)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "_release_save")?;
    if r.count.load(Ordering::Relaxed) == 0 {
        return Err(vm.new_runtime_error("cannot release un-acquired lock"));
    }
    let (count, owner) = (r.count.swap(0, Ordering::Relaxed), r.owner.swap(0, Ordering::Relaxed));
    vm.flush_stdout_if_threaded();
    r.lock.release();
    Ok(Value::new_tuple(vec![Value::Int(count as i64), Value::Int(owner as i64)]))
}

fn rlock_acquire_restore<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "_acquire_restore", args, kw, 1, 1)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "_acquire_restore")?;
    let saved =
        p[1].as_tuple().filter(|t| t.len() == 2).map(|t| (vm.as_index(&t[0]), vm.as_index(&t[1])));
    let Some((Some(count), Some(owner))) = saved else {
        return Err(
            vm.new_type_error("_acquire_restore() argument 1 must be a (count, owner) tuple")
        );
    };
    acquire_with(vm, &r.lock, None);
    r.owner.store(owner as u64, Ordering::Relaxed);
    r.count.store(count as u64, Ordering::Relaxed);
    Ok(Value::None)
}

fn rlock_repr<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = method_args(vm, "RLock", "__repr__", args, kw, 0, 0)?;
    let r = state_of::<M, RLockState>(vm, &p[0], "RLock", "__repr__")?;
    let state = if r.lock.is_locked() { "locked" } else { "unlocked" };
    let id = p[0].obj().map_or(0, |o| o.id());
    let (owner, count) = (r.owner.load(Ordering::Relaxed), r.count.load(Ordering::Relaxed));
    Ok(Value::new_str(format!(
        "<{state} _thread.RLock object owner={owner} count={count} at {id:#x}>"
    )))
}

// ----- threads -----

/// `start_new_thread(function, args, kwargs=None)`: run `function(*args, **kwargs)` on a new OS
/// thread of this interpreter; returns the new thread's ident.
fn start_new_thread<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "start_new_thread", args, kw, 2, 3)?;
    let func = p[0].clone();
    if !matches!(
        func.payload(),
        Some(Payload::Function(_) | Payload::Builtin(_) | Payload::Method(_) | Payload::Class(_))
    ) && vm.lookup_special(&func, "__call__")?.is_none()
    {
        return Err(vm.new_type_error("first arg must be callable"));
    }
    if p[1].as_tuple().is_none() {
        return Err(vm.new_type_error("2nd arg must be a tuple"));
    }
    let fargs = p[1].clone();
    let fkwargs = match p.get(2) {
        None => None,
        Some(d) if matches!(d.payload(), Some(Payload::Dict(_))) => Some(d.clone()),
        Some(_) => return Err(vm.new_type_error("optional 3rd arg must be a dictionary")),
    };
    // What this thread printed so far comes before anything the new thread prints.
    vm.flush_stdout();
    let ident = NEXT_IDENT.fetch_add(1, Ordering::Relaxed);
    let job = InterpreterJob::for_thread_end(vm, move |vm2: &mut Vm<M>| {
        if let Err(e) = vm2.call_ex(&func, &fargs, fkwargs.as_ref()) {
            let sys_exit = vm2.types().system_exit.clone();
            if !vm2.isinstance_class(&e.exc, &sys_exit) {
                let what = vm2.repr_of(&func).unwrap_or_default();
                let text = format!(
                    "Exception ignored in thread started by: {what}\n{}",
                    vm2.format_exception(&e)
                );
                write_stderr(vm2, &text);
            }
        }
    });
    RUNNING.fetch_add(1, Ordering::SeqCst);
    crate::runtime::counters::bump(|c| c.threads_started.add(1));
    let spawned = std::thread::Builder::new().stack_size(PYTHON_THREAD_STACK).spawn(move || {
        IDENT.with(|c| c.set(ident));
        SENTINELS.with(|s| *s.borrow_mut() = Some(Vec::new()));
        // A panic is a VM bug. Unwinding past here would leave joiners waiting forever (and in
        // the GIL build the lock held), so end the process like the main thread's would.
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            job.run(PYTHON_THREAD_STACK - (4 << 20))
        }))
        .is_err()
        {
            eprintln!("gilbench: internal error: a Python thread panicked");
            std::process::exit(70);
        }
        // The thread's Vm is gone: its output is flushed and its objects released.
        crate::runtime::thread_id::retire_current();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        release_sentinels();
    });
    if spawned.is_err() {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        return Err(vm.new_runtime_error("can't start new thread"));
    }
    Ok(Value::Int(ident as i64))
}

fn get_ident<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "get_ident", args, kw, 0, 0)?;
    Ok(Value::Int(current_ident() as i64))
}

fn get_native_id<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_native_id", args, kw, 0, 0)?;
    Ok(Value::Int(native_id() as i64))
}

fn thread_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_count", args, kw, 0, 0)?;
    Ok(Value::Int(RUNNING.load(Ordering::SeqCst) as i64))
}

/// `_register_sentinel(lock)`: release `lock` when the calling thread has ended (threads started
/// by `start_new_thread` only; elsewhere a no-op).
fn register_sentinel<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_register_sentinel", args, kw, 1, 1)?;
    state_of::<M, LockState>(vm, &p[0], "lock", "_register_sentinel")?;
    let Some(Payload::Native(n)) = p[0].payload() else { unreachable!("checked by state_of") };
    let data = n.data.clone();
    SENTINELS.with(|s| {
        if let Some(list) = s.borrow_mut().as_mut() {
            list.push(data);
        }
    });
    Ok(Value::None)
}

/// `_mark_signal(lock)`: the lock signals (a join sentinel, a `Condition` waiter), so waits on it
/// are drawn as blocked on a thread timeline, not as Python-lock waits.
fn mark_signal<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_mark_signal", args, kw, 1, 1)?;
    state_of::<M, LockState>(vm, &p[0], "lock", "_mark_signal")?
        .signal
        .store(true, Ordering::Relaxed);
    Ok(Value::None)
}

/// Write text to `sys.stderr` (the real stderr unless a program replaced it).
pub fn write_stderr<M: ExecutionModel>(vm: &mut Vm<M>, text: &str) {
    let modules = vm.interp().modules().clone();
    let stream = vm
        .dict_get_str(&modules, "sys")
        .and_then(|sys| super::module_get(vm, sys.obj()?, "stderr"));
    match stream {
        Some(s) if super::sys::stream_fd(vm, &s) != Some(2) => {
            if let Ok(Some(w)) = vm.getattr_opt(&s, "write") {
                let _ = vm.call(&w, &[Value::new_str(text)], &[]);
            }
        }
        _ => {
            let _ = super::sys::write_fd(vm, 2, text);
        }
    }
}

/// `_excepthook(args)`: CPython's default `threading.excepthook` (SystemExit is silent).
fn excepthook<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "excepthook", args, kw, 1, 1)?;
    let a = p[0].clone();
    let exc_type = vm.getattr_opt(&a, "exc_type")?.unwrap_or(Value::None);
    let sys_exit = vm.types().system_exit.clone();
    if let Some(t) = exc_type.obj() {
        if vm.is_subclass(t, &sys_exit) {
            return Ok(Value::None);
        }
    }
    let thread = vm.getattr_opt(&a, "thread")?.unwrap_or(Value::None);
    let name = if thread.is_none() {
        current_ident().to_string()
    } else {
        let n = vm.getattr(&thread, &Value::new_str("name"))?;
        vm.str_of(&n)?
    };
    let value = vm.getattr_opt(&a, "exc_value")?.unwrap_or(Value::None);
    let body = match value.obj() {
        Some(o) if vm.is_exception_instance(o) => vm.format_exception(&PyErr { exc: o.clone() }),
        _ => format!("{}\n", vm.repr_of(&value)?),
    };
    write_stderr(vm, &format!("Exception in thread {name}:\n{body}"));
    Ok(Value::None)
}

/// `_print_exception(exc)`: the traceback of `exc` on `sys.stderr`.
fn print_exception<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_print_exception", args, kw, 1, 1)?;
    let text = match p[0].obj() {
        Some(o) if vm.is_exception_instance(o) => vm.format_exception(&PyErr { exc: o.clone() }),
        _ => format!("{}\n", vm.repr_of(&p[0])?),
    };
    write_stderr(vm, &text);
    Ok(Value::None)
}

/// `_format_exception(exc)`: the traceback text `_print_exception` would write (`traceback.format_exc`).
fn format_exception<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_format_exception", args, kw, 1, 1)?;
    let text = match p[0].obj() {
        Some(o) if vm.is_exception_instance(o) => vm.format_exception(&PyErr { exc: o.clone() }),
        _ => format!("{}\n", vm.repr_of(&p[0])?),
    };
    Ok(Value::new_str(text))
}

// ----- per-thread data -----

/// `_local_class(cls)`: make `cls` the `threading.local` type (its instances and those of its
/// subclasses keep per-thread attribute dicts; see `vm::thread_local`).
fn local_class<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_local_class", args, kw, 1, 1)?;
    match p[0].payload() {
        Some(Payload::Class(c)) => {
            c.set_flag(crate::object::ClassObj::<M>::THREAD_LOCAL, true);
            Ok(Value::None)
        }
        _ => Err(vm.new_type_error("_local_class() argument must be a class")),
    }
}

/// `_local_new(local, args, kwargs)`: the native part of `threading.local.__new__`.
fn local_new<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_local_new", args, kw, 3, 3)?;
    vm.init_thread_local(&p[0], p[1].clone(), p[2].clone())?;
    Ok(Value::None)
}
