//! `concurrent.interpreters` (Python 3.14's API, a subset): each created interpreter is an actor, an OS thread owning its own `Interp<M>` and serving exec/call/prepare_main/close requests.
//!
//! Implementation notes:
//!
//! * An actor thread (stack [`PYTHON_THREAD_STACK`]) builds its interpreter *on that thread*
//!   (`Vm::<M>::new_interpreter()`, with its own lock: a per-interpreter GIL in every model),
//!   makes an empty `__main__`, then loops on a crossbeam channel of [`Request`]s. Requests and
//!   replies carry only [`Shareable`] values and strings, so nothing of one interpreter's heap
//!   reaches another: `Shareable` holds no object handle (see `vm::xi`).
//! * A caller sends a request and waits for the reply inside `allow_threads`, so its own
//!   interpreter's other threads keep running (the GIL build would deadlock otherwise).
//!   The actor serves one request at a time; `call_in_thread` queues a call and returns a handle
//!   whose `join()` waits for the reply (an uncaught error is printed like `threading` does).
//! * Interpreter ids: the main interpreter (any interpreter not created here) is 0; actors and
//!   `InterpreterPoolExecutor` workers get ids from [`next_id`], recorded by the address of their
//!   `Interp` so `get_current()` works on every thread of that interpreter.
//! * Interpreters not closed explicitly are closed by an exit hook of the interpreter that
//!   created them (CPython finalizes subinterpreters at shutdown).
//! * The Python-level classes (`Interpreter`, `Queue`, `ExecutionFailed`, ...) are a snippet run
//!   in the module; `Interpreter` and `Queue` objects carry only an id, opt in to cross-interpreter
//!   copying (`_xi_shareable`), and so reach other interpreters as the same interpreter or queue.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use crossbeam::channel::{self, Receiver, Sender};
use parking_lot::Mutex;

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::thread::PYTHON_THREAD_STACK;
use crate::vm::xi::{self, Shareable};
use crate::vm::Vm;

use super::{arg_i64, exec_snippet, make_module};

/// An error raised in another interpreter, as data: what `ExecutionFailed.excinfo` shows, and
/// the exception itself when it could be copied.
#[derive(Debug, Clone)]
pub struct RemoteError {
    pub type_name: String,
    pub type_qualname: String,
    pub type_module: String,
    /// `str(exc)`.
    pub msg: String,
    /// `Type: msg` (the last traceback line).
    pub formatted: String,
    /// The whole traceback text.
    pub errdisplay: String,
    pub exc: Option<Shareable>,
}

/// What a request answers.
pub type Reply = Result<Shareable, RemoteError>;

/// Work for an interpreter actor.
pub enum Request {
    /// Run source text in `__main__`.
    Exec {
        source: String,
        reply: Sender<Reply>,
    },
    /// `(func, args, kwargs)`; `report`: print an uncaught error under this thread name.
    Call {
        payload: Shareable,
        reply: Sender<Reply>,
        report: Option<String>,
    },
    /// A dict of names to bind in `__main__`.
    PrepareMain {
        items: Shareable,
        reply: Sender<Reply>,
    },
    Close,
}

struct Actor {
    tx: Sender<Request>,
    running: Arc<AtomicBool>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Address of the interpreter that created it (its exit hook closes it).
    owner: usize,
}

static ACTORS: LazyLock<Mutex<HashMap<i64, Arc<Actor>>>> = LazyLock::new(Default::default);
/// Interpreter address -> (id, nesting level), for every interpreter made here (actors, pool workers).
static INTERP_IDS: LazyLock<Mutex<HashMap<usize, (i64, u32)>>> = LazyLock::new(Default::default);
/// How deep interpreters may create interpreters: a safety net against a program that makes
/// every interpreter it starts start another (nothing here re-runs a script, see `vm::xi`).
pub const MAX_NESTING: u32 = 16;
static NEXT_ID: AtomicI64 = AtomicI64::new(1);
/// Interpreters that already have the exit hook closing their actors.
static HOOKED: LazyLock<Mutex<HashSet<usize>>> = LazyLock::new(Default::default);
/// A `call_in_thread` handle: the reply channel and whether the reply arrived.
type CallHandle = (Receiver<Reply>, Arc<AtomicBool>);
static CALLS: LazyLock<Mutex<HashMap<u64, CallHandle>>> = LazyLock::new(Default::default);
static NEXT_CALL: AtomicU64 = AtomicU64::new(1);

/// A fresh interpreter id.
pub fn next_id() -> i64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

fn interp_addr<M: ExecutionModel>(vm: &Vm<M>) -> usize {
    Arc::as_ptr(vm.interp()) as usize
}

/// Record `vm`'s interpreter under `id` (so `get_current()` answers it) at nesting `level`.
pub fn register_interp<M: ExecutionModel>(vm: &Vm<M>, id: i64, level: u32) {
    INTERP_IDS.lock().insert(interp_addr(vm), (id, level));
    crate::runtime::timeline::set_interpreter(id.clamp(0, u32::MAX as i64) as u32);
}

pub fn unregister_interp<M: ExecutionModel>(vm: &Vm<M>) {
    INTERP_IDS.lock().remove(&interp_addr(vm));
}

/// The id of the interpreter `vm` runs in (0: the main interpreter).
pub fn current_id<M: ExecutionModel>(vm: &Vm<M>) -> i64 {
    INTERP_IDS.lock().get(&interp_addr(vm)).map(|e| e.0).unwrap_or(0)
}

/// How many interpreters up the chain of creators `vm`'s interpreter is (0: the main one).
pub fn nesting<M: ExecutionModel>(vm: &Vm<M>) -> u32 {
    INTERP_IDS.lock().get(&interp_addr(vm)).map(|e| e.1).unwrap_or(0)
}

/// The level for an interpreter `vm` creates, or InterpreterError past [`MAX_NESTING`].
pub fn child_nesting<M: ExecutionModel>(vm: &mut Vm<M>) -> Result<u32, PyErr<M>> {
    let level = nesting(vm) + 1;
    if level > MAX_NESTING {
        return Err(module_error(
            vm,
            "InterpreterError",
            &format!("interpreters nested more than {MAX_NESTING} deep (does every interpreter start another?)"),
        ));
    }
    Ok(level)
}

/// A new interpreter context on this thread, set up like the caller's (import path, argv),
/// with an empty `__main__`; what actors and interpreter-pool workers start from.
pub fn new_worker_interpreter<M: ExecutionModel>(
    path: Vec<std::path::PathBuf>,
    argv: Vec<String>,
    id: i64,
    level: u32,
) -> Vm<M> {
    let mut vm = Vm::<M>::new_interpreter();
    vm.interp().set_search_path(path);
    vm.interp().set_argv(argv);
    vm.new_module("__main__", None);
    register_interp(&vm, id, level);
    vm
}

/// Turn an error raised in this interpreter into data for another one.
pub fn remote_error<M: ExecutionModel>(vm: &mut Vm<M>, err: &PyErr<M>) -> RemoteError {
    let v = Value::Obj(err.exc.clone());
    let cls = vm.class_of(&v);
    let (type_name, type_qualname, type_module) = match cls.payload() {
        Payload::Class(c) => {
            let m = vm
                .dict_get_str(&c.dict, "__module__")
                .and_then(|m| m.as_str().map(String::from))
                .unwrap_or_else(|| "builtins".into());
            (c.name.clone(), c.qualname.clone(), m)
        }
        _ => ("?".into(), "?".into(), "builtins".into()),
    };
    let msg = vm.str_of(&v).unwrap_or_default();
    let formatted = vm.exception_summary(&err.exc);
    let errdisplay = vm.format_exception(err);
    let exc = xi::export(vm, &v).ok();
    RemoteError { type_name, type_qualname, type_module, msg, formatted, errdisplay, exc }
}

fn syntax_remote_error(e: &crate::frontend::error::SyntaxError) -> RemoteError {
    let formatted = format!("SyntaxError: {}", e.msg);
    RemoteError {
        type_name: "SyntaxError".into(),
        type_qualname: "SyntaxError".into(),
        type_module: "builtins".into(),
        msg: e.msg.clone(),
        formatted,
        errdisplay: e.render(),
        exc: None,
    }
}

/// An instance of one of this module's exception classes, raised.
pub fn module_error<M: ExecutionModel>(vm: &mut Vm<M>, class: &str, msg: &str) -> PyErr<M> {
    let cls = match vm.import_module("concurrent.interpreters") {
        Ok(m) => vm.getattr_opt(&m, class).ok().flatten(),
        Err(e) => return e,
    };
    let Some(cls) = cls else { return vm.new_runtime_error(msg) };
    match vm.call(&cls, &[Value::new_str(msg)], &[]) {
        Ok(exc) => vm.error_from_value(exc),
        Err(e) => e,
    }
}

/// Copy a value for another interpreter; pickle's `TypeError` becomes `NotShareableError`, a
/// `TypeError` subclass with the same message (CPython 3.14 raises `NotShareableError` too).
pub fn export_for_transfer<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Shareable, PyErr<M>> {
    xi::export(vm, v).map_err(|e| {
        let type_error = vm.types().type_error.clone();
        if !matches!(e.exc.payload(), Payload::Instance(i) if i.class.is(&type_error)) {
            return e;
        }
        let msg = vm.exception_str(&e.exc).unwrap_or_default();
        module_error(vm, "NotShareableError", &msg)
    })
}

/// `ExecutionFailed(excinfo)` for an error of another interpreter.
pub fn execution_failed<M: ExecutionModel>(vm: &mut Vm<M>, re: &RemoteError) -> PyErr<M> {
    let make = match vm.import_module("concurrent.interpreters") {
        Ok(m) => vm.getattr_opt(&m, "_make_failed").ok().flatten(),
        Err(e) => return e,
    };
    let Some(make) = make else { return vm.new_runtime_error(&re.formatted) };
    let args: Vec<Value<M>> =
        [&re.type_name, &re.type_qualname, &re.type_module, &re.msg, &re.formatted, &re.errdisplay]
            .iter()
            .map(|s| Value::new_str(s.to_string()))
            .collect();
    match vm.call(&make, &args, &[]) {
        Ok(exc) => vm.error_from_value(exc),
        Err(e) => e,
    }
}

/// Make an interpreter actor; returns its id once its interpreter exists.
pub fn create_actor<M: ExecutionModel>(vm: &mut Vm<M>) -> Result<i64, PyErr<M>> {
    let level = child_nesting(vm)?;
    let id = next_id();
    crate::runtime::counters::bump(|c| c.interpreters_started.add(1));
    let (tx, rx) = channel::unbounded::<Request>();
    let (ready_tx, ready_rx) = channel::bounded::<()>(1);
    let running = Arc::new(AtomicBool::new(false));
    let path = vm.interp().search_path();
    let argv = vm.interp().argv();
    let run_flag = running.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("interpreter-{id}"))
        .stack_size(PYTHON_THREAD_STACK)
        .spawn(move || actor_main::<M>(id, level, rx, ready_tx, run_flag, path, argv));
    let handle = match spawned {
        Ok(h) => h,
        Err(e) => {
            return Err(module_error(
                vm,
                "InterpreterError",
                &format!("cannot start an interpreter thread: {e}"),
            ))
        }
    };
    if vm.allow_threads(|| ready_rx.recv()).is_err() {
        let _ = handle.join();
        return Err(module_error(vm, "InterpreterError", "interpreter initialization failed"));
    }
    let owner = interp_addr(vm);
    ACTORS
        .lock()
        .insert(id, Arc::new(Actor { tx, running, thread: Mutex::new(Some(handle)), owner }));
    if HOOKED.lock().insert(owner) {
        vm.interp().at_exit(close_owned_actors::<M>);
    }
    Ok(id)
}

fn actor_main<M: ExecutionModel>(
    id: i64,
    level: u32,
    rx: Receiver<Request>,
    ready: Sender<()>,
    running: Arc<AtomicBool>,
    path: Vec<std::path::PathBuf>,
    argv: Vec<String>,
) {
    {
        let mut vm = new_worker_interpreter::<M>(path, argv, id, level);
        vm.set_native_stack_budget(PYTHON_THREAD_STACK - (4 << 20));
        let _ = ready.send(());
        drop(ready);
        loop {
            let req = vm.allow_threads(|| rx.recv());
            let Ok(req) = req else { break };
            running.store(true, Ordering::Release);
            let done = serve(&mut vm, req);
            vm.run_pending_finalizers();
            vm.flush_stdout();
            running.store(false, Ordering::Release);
            if done {
                break;
            }
        }
        shutdown_interpreter(&mut vm);
    }
    crate::runtime::thread_id::retire_current();
}

/// Finalize an interpreter this thread owns: its exit hooks (its own actors, threads), then
/// `__main__`, the way `run_main` ends.
pub fn shutdown_interpreter<M: ExecutionModel>(vm: &mut Vm<M>) {
    vm.run_exit_hooks();
    let modules = vm.interp().modules().clone();
    if let Some(Value::Obj(main)) = vm.dict_get_str(&modules, "__main__") {
        crate::stdlib::import::finalize_main_module(vm, &main);
    }
    vm.run_pending_finalizers();
    vm.flush_stdout();
    unregister_interp(vm);
}

/// Serve one request; true when the actor should stop.
fn serve<M: ExecutionModel>(vm: &mut Vm<M>, req: Request) -> bool {
    match req {
        Request::Close => return true,
        Request::Exec { source, reply } => {
            let r = match crate::compiler::compile_source(&source, "<string>") {
                Err(e) => Err(syntax_remote_error(&e)),
                Ok(code) => {
                    vm.register_source("<string>", &source);
                    let main = main_module(vm);
                    match vm.exec_code_in_module(code, &main) {
                        Ok(_) => Ok(Shareable::None),
                        Err(e) => Err(remote_error(vm, &e)),
                    }
                }
            };
            vm.flush_stdout();
            let _ = reply.send(r);
        }
        Request::Call { payload, reply, report } => {
            let r = call_payload(vm, &payload);
            let r = match r {
                Ok(v) => xi::export(vm, &v).map_err(|e| remote_error(vm, &e)),
                Err(e) => {
                    if let Some(name) = report {
                        vm.flush_stdout();
                        let text = vm.format_exception(&e);
                        eprint!("Exception in thread {name}:\n{text}");
                    }
                    Err(remote_error(vm, &e))
                }
            };
            vm.flush_stdout();
            let _ = reply.send(r);
        }
        Request::PrepareMain { items, reply } => {
            let r = (|| -> Result<(), PyErr<M>> {
                let d = xi::import(vm, &items)?;
                let main = main_module(vm);
                let Payload::Module(m) = main.payload() else { return Ok(()) };
                let md = m.dict.clone();
                for (k, v) in vm.dict_items_vec(&d)? {
                    vm.dict_set(&md, k, v)?;
                }
                Ok(())
            })();
            let _ = reply.send(r.map(|_| Shareable::None).map_err(|e| remote_error(vm, &e)));
        }
    }
    false
}

/// Import `(func, args, kwargs)` and call it.
pub fn call_payload<M: ExecutionModel>(vm: &mut Vm<M>, payload: &Shareable) -> PyResult<M> {
    let t = xi::import(vm, payload)?;
    let Some([f, args, kwargs]) =
        t.as_tuple().and_then(|t| <&[Value<M>; 3]>::try_from(t).ok()).cloned()
    else {
        return Err(vm.new_type_error("malformed cross-interpreter call"));
    };
    vm.call_ex(&f, &args, Some(&kwargs))
}

fn main_module<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let modules = vm.interp().modules().clone();
    match vm.dict_get_str(&modules, "__main__") {
        Some(Value::Obj(m)) if matches!(m.payload(), Payload::Module(_)) => m,
        _ => vm.new_module("__main__", None),
    }
}

fn lookup_actor<M: ExecutionModel>(vm: &mut Vm<M>, id: i64) -> Result<Arc<Actor>, PyErr<M>> {
    if id == current_id(vm) {
        return Err(module_error(
            vm,
            "InterpreterError",
            "cannot send a request to the current interpreter (it would wait for itself)",
        ));
    }
    if id == 0 {
        return Err(module_error(
            vm,
            "InterpreterError",
            "the main interpreter does not serve requests from other interpreters",
        ));
    }
    match ACTORS.lock().get(&id) {
        Some(a) => Ok(a.clone()),
        None => Err(module_error(
            vm,
            "InterpreterNotFoundError",
            &format!("unrecognized interpreter ID {id}"),
        )),
    }
}

/// Send a request built around a fresh reply channel and wait (detached) for the answer.
fn request<M: ExecutionModel>(
    vm: &mut Vm<M>,
    id: i64,
    make: impl FnOnce(Sender<Reply>) -> Request,
) -> Result<Reply, PyErr<M>> {
    let actor = lookup_actor(vm, id)?;
    let (reply_tx, reply_rx) = channel::bounded(1);
    if actor.tx.send(make(reply_tx)).is_err() {
        return Err(module_error(
            vm,
            "InterpreterNotFoundError",
            &format!("unrecognized interpreter ID {id}"),
        ));
    }
    match vm.allow_threads(|| reply_rx.recv()) {
        Ok(r) => Ok(r),
        Err(_) => Err(module_error(
            vm,
            "InterpreterError",
            &format!("interpreter {id} stopped before answering"),
        )),
    }
}

/// Import a successful reply, or raise `ExecutionFailed`.
fn finish<M: ExecutionModel>(vm: &mut Vm<M>, r: Reply) -> PyResult<M> {
    match r {
        Ok(s) => xi::import(vm, &s),
        Err(re) => Err(execution_failed(vm, &re)),
    }
}

fn close_actor<M: ExecutionModel>(vm: &mut Vm<M>, id: i64) {
    let Some(actor) = ACTORS.lock().remove(&id) else { return };
    let _ = actor.tx.send(Request::Close);
    let handle = actor.thread.lock().take();
    if let Some(h) = handle {
        vm.allow_threads(|| {
            let _ = h.join();
        });
    }
}

/// Exit hook: close every actor this interpreter created and did not close.
fn close_owned_actors<M: ExecutionModel>(vm: &mut Vm<M>) {
    let me = interp_addr(vm);
    HOOKED.lock().remove(&me);
    let mut ids: Vec<i64> =
        ACTORS.lock().iter().filter(|(_, a)| a.owner == me).map(|(id, _)| *id).collect();
    ids.sort_unstable();
    for id in ids {
        close_actor(vm, id);
    }
}

fn arg_timeout<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<Duration>, PyErr<M>> {
    if v.is_none() {
        return Ok(None);
    }
    let secs = super::arg_f64(vm, v)?;
    if secs.is_nan() || secs < 0.0 {
        return Err(vm.new_value_error("timeout value must be a non-negative number"));
    }
    Ok(Some(Duration::from_secs_f64(secs.min(1e9))))
}

// ----- native functions -----

fn i_create<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "_create", args, kw, 0, 0)?;
    Ok(Value::Int(create_actor(vm)?))
}

fn i_exec<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "exec", args, kw, 2, 2)?;
    let id = arg_i64(vm, &p[0])?;
    if let Some(Payload::Function(f)) = p[1].payload() {
        // A function as a script (3.14): its body runs there, called without arguments.
        let code = f.code_obj().code.clone();
        let flags =
            crate::compiler::code::flags::VARARGS | crate::compiler::code::flags::VARKEYWORDS;
        if code.argcount + code.kwonlyargcount > 0 || code.flags & flags != 0 {
            return Err(vm.new_value_error("code with args not supported"));
        }
        if &*code.name == "<lambda>" {
            return Err(vm.new_value_error("code that returns a value is not a script"));
        }
        let payload = export_call(
            vm,
            &[
                p[1].clone(),
                Value::new_tuple(Vec::new()),
                Value::new_dict(crate::object::DictTable::new()),
            ],
        )?;
        let r = request(vm, id, |reply| Request::Call { payload, reply, report: None })?;
        return finish(vm, r).map(|_| Value::None);
    }
    let Some(source) = p[1].as_str().map(String::from) else {
        let tn = vm.type_name(&p[1]);
        return Err(vm.new_type_error(&format!(
            "unsupported script {tn} (exec() takes source text or a function)"
        )));
    };
    let r = request(vm, id, |reply| Request::Exec { source, reply })?;
    finish(vm, r).map(|_| Value::None)
}

/// `(func, args, kwargs)` exported in the caller.
fn export_call<M: ExecutionModel>(vm: &mut Vm<M>, p: &[Value<M>]) -> Result<Shareable, PyErr<M>> {
    let t = Value::new_tuple(vec![p[0].clone(), p[1].clone(), p[2].clone()]);
    export_for_transfer(vm, &t)
}

fn i_call<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "call", args, kw, 4, 4)?;
    let id = arg_i64(vm, &p[0])?;
    let payload = export_call(vm, &p[1..])?;
    let r = request(vm, id, |reply| Request::Call { payload, reply, report: None })?;
    finish(vm, r)
}

static THREAD_COUNTER: AtomicU64 = AtomicU64::new(1);

fn i_call_in_thread<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "call_in_thread", args, kw, 4, 4)?;
    let id = arg_i64(vm, &p[0])?;
    let fname = vm
        .getattr_opt(&p[1], "__name__")
        .ok()
        .flatten()
        .and_then(|n| n.as_str().map(String::from))
        .unwrap_or_else(|| "call".into());
    let name = format!("Thread-{} ({fname})", THREAD_COUNTER.fetch_add(1, Ordering::Relaxed));
    let payload = export_call(vm, &p[1..])?;
    let actor = lookup_actor(vm, id)?;
    let (reply_tx, reply_rx) = channel::bounded(1);
    if actor
        .tx
        .send(Request::Call { payload, reply: reply_tx, report: Some(name.clone()) })
        .is_err()
    {
        return Err(module_error(
            vm,
            "InterpreterNotFoundError",
            &format!("unrecognized interpreter ID {id}"),
        ));
    }
    let h = NEXT_CALL.fetch_add(1, Ordering::Relaxed);
    CALLS.lock().insert(h, (reply_rx, Arc::new(AtomicBool::new(false))));
    Ok(Value::new_tuple(vec![Value::Int(h as i64), Value::new_str(name)]))
}

/// `_join(handle, timeout)`: True once the call finished.
fn i_join<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_join", args, kw, 2, 2)?;
    let h = arg_i64(vm, &p[0])? as u64;
    let timeout = arg_timeout(vm, &p[1])?;
    let Some((rx, done)) = CALLS.lock().get(&h).cloned() else { return Ok(Value::Bool(true)) };
    if done.load(Ordering::Acquire) {
        return Ok(Value::Bool(true));
    }
    // A disconnected channel means the interpreter went away: the call is over either way.
    let finished = vm.allow_threads(|| match timeout {
        None => {
            let _ = rx.recv();
            true
        }
        Some(t) => !matches!(rx.recv_timeout(t), Err(channel::RecvTimeoutError::Timeout)),
    });
    if finished {
        done.store(true, Ordering::Release);
        CALLS.lock().remove(&h);
    }
    Ok(Value::Bool(finished))
}

fn i_prepare_main<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "prepare_main", args, kw, 2, 2)?;
    let id = arg_i64(vm, &p[0])?;
    let items = export_for_transfer(vm, &p[1])?;
    let r = request(vm, id, |reply| Request::PrepareMain { items, reply })?;
    finish(vm, r).map(|_| Value::None)
}

fn i_close<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "close", args, kw, 1, 1)?;
    let id = arg_i64(vm, &p[0])?;
    if id == current_id(vm) {
        return Err(module_error(vm, "InterpreterError", "cannot close the current interpreter"));
    }
    if id == 0 {
        return Err(module_error(vm, "InterpreterError", "cannot close the main interpreter"));
    }
    if !ACTORS.lock().contains_key(&id) {
        return Err(module_error(
            vm,
            "InterpreterNotFoundError",
            &format!("unrecognized interpreter ID {id}"),
        ));
    }
    close_actor(vm, id);
    Ok(Value::None)
}

fn i_is_running<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "is_running", args, kw, 1, 1)?;
    let id = arg_i64(vm, &p[0])?;
    if id == current_id(vm) || id == 0 {
        return Ok(Value::Bool(true));
    }
    match ACTORS.lock().get(&id) {
        Some(a) => Ok(Value::Bool(a.running.load(Ordering::Acquire))),
        None => Err(module_error(
            vm,
            "InterpreterNotFoundError",
            &format!("unrecognized interpreter ID {id}"),
        )),
    }
}

fn i_current<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "_current", args, kw, 0, 0)?;
    Ok(Value::Int(current_id(vm)))
}

fn i_list_all<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_list_all", args, kw, 0, 0)?;
    let mut ids: Vec<i64> = vec![0];
    ids.extend(ACTORS.lock().keys().copied());
    ids.extend(INTERP_IDS.lock().values().map(|e| e.0));
    ids.sort_unstable();
    ids.dedup();
    Ok(Value::new_list(ids.into_iter().map(Value::Int).collect()))
}

fn i_exists<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_exists", args, kw, 1, 1)?;
    let id = arg_i64(vm, &p[0])?;
    Ok(Value::Bool(
        id == 0
            || id == current_id(vm)
            || ACTORS.lock().contains_key(&id)
            || INTERP_IDS.lock().values().any(|v| v.0 == id),
    ))
}

/// `_check_shareable(obj)`: TypeError unless `obj` is natively shareable (CPython 3.14's
/// `is_shareable`: None, bool, int, float, str, bytes, tuples of these, queues, interpreters).
fn i_check_shareable<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "is_shareable", args, kw, 1, 1)?;
    if xi::is_natively_shareable(vm, &p[0]) {
        Ok(Value::None)
    } else {
        let tn = vm.type_name(&p[0]);
        Err(vm.new_type_error(&format!("{tn} does not support cross-interpreter data")))
    }
}

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("_create", i_create),
        ("_exec", i_exec),
        ("_call", i_call),
        ("_call_in_thread", i_call_in_thread),
        ("_join", i_join),
        ("_prepare_main", i_prepare_main),
        ("_close", i_close),
        ("_is_running", i_is_running),
        ("_current", i_current),
        ("_list_all", i_list_all),
        ("_exists", i_exists),
        ("_check_shareable", i_check_shareable),
        ("_queue_create", super::xi_queue::q_create),
        ("_queue_put", super::xi_queue::q_put),
        ("_queue_get", super::xi_queue::q_get),
        ("_queue_size", super::xi_queue::q_size),
        ("_queue_maxsize", super::xi_queue::q_maxsize),
    ];
    let module = make_module(vm, "concurrent.interpreters", funcs, vec![]);
    exec_snippet(vm, &module, SNIPPET, "<concurrent.interpreters>");
    module
}

/// The Python side of the module (3.14's `concurrent.interpreters`, a subset).
const SNIPPET: &str = include_str!("interpreters.py");
