//! The virtual machine: interpreter state, the eval loop, calls, attribute access, exceptions.
//!
//! Public API: [`Interp`] (state shared by the threads of one interpreter), [`Vm`] (one
//! thread's execution context: `run_source`, `call`, errors), and the operation helpers.
//! Invariant: the eval loop never branches on the execution model's name; what differs
//! between builds comes in through `M`'s associated types.

pub mod attr;
pub mod attr_cache;
pub mod builtins_types;
pub mod call;
pub mod eval;
pub mod exc;
pub mod frame_chain;
pub mod gc;
pub mod immortal;
pub mod iter;
pub mod monitor;
pub mod namespace_cache;
pub mod ops;
pub mod repr;
pub mod slots;
pub mod stdout;
pub mod thread;
pub mod thread_local;
pub mod xi;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::object::{DictTable, Guarded, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;

pub use builtins_types::Types;
pub use iter::SendResult;

/// State shared by every thread of one interpreter (one per process for the GIL and
/// free-threaded builds; one per worker for subinterpreters). Fields are private to `vm`;
/// other layers use the accessors below. Related fields travel in small groups:
/// [`Singletons`], [`ImportState`], [`XiTables`], [`HeapAccounting`].
pub struct Interp<M: ExecutionModel> {
    types: Types<M>,
    builtins: ObjRef<M>,
    /// `sys.modules`, `sys.path`'s directories and `sys.argv`.
    imports: ImportState<M>,
    /// Source text by filename, for tracebacks.
    sources: parking_lot::Mutex<HashMap<String, Arc<str>>>,
    recursion_limit: AtomicUsize,
    /// Non-zero when frames must run the observed loop (`monitor::INSTR_*` bits: monitoring
    /// events set, frame introspection in use). Read once per frame entry.
    instrumented: AtomicU32,
    /// `sys.monitoring` tools, event sets and callbacks (see `monitor`).
    monitoring: monitor::Monitoring<M>,
    /// The interpreter lock: the GIL (GIL build) or a no-op. Taken by `Vm::attach`.
    lock: M::InterpreterLock,
    /// The threads running (or blocked in) this interpreter; stop-the-world requests.
    threads: crate::runtime::ThreadStates,
    /// Run by the main thread when `__main__` has finished, before finalization (the
    /// `threading` module registers the wait for non-daemon threads here).
    exit_hooks: parking_lot::Mutex<Vec<fn(&mut Vm<M>)>>,
    /// Definitions are immortal from birth (free-threaded build, threads started; see `immortal.rs`).
    immortalize: std::sync::atomic::AtomicBool,
    /// `NotImplemented`, `Ellipsis` and the eval loop's private marker.
    singletons: Singletons<M>,
    /// Bumped when a class namespace changes in a way that invalidates `AttrCache` entries.
    class_epoch: std::sync::atomic::AtomicU64,
    /// Every thread's stdout buffer, flushed together at exit (see `stdout`).
    stdout_buffers: stdout::Registry,
    /// `gc.callbacks` and `gc.garbage`, once the `gc` module exists (see `vm::gc`).
    gc_lists: parking_lot::Mutex<Option<gc::GcLists<M>>>,
    /// Heap bytes charged to this interpreter and tracemalloc's tracer.
    heap: HeapAccounting,
    /// What this interpreter has received from or sent to other interpreters (see `xi`).
    xi: XiTables<M>,
    /// The cyclic collector's tables and settings. Last field: dropped after everything else
    /// the interpreter holds, so their frees can still untrack.
    gc: crate::memory::gc::GcState<M>,
}

/// The interpreter's unique objects that are not types: immortal from birth.
struct Singletons<M: ExecutionModel> {
    not_implemented: ObjRef<M>,
    ellipsis: ObjRef<M>,
    /// Never seen by Python code: the eval loop's "continue in the other loop" request travels
    /// as an error carrying this object (see `eval::run_frame`).
    switch_marker: ObjRef<M>,
    /// The immortal string `"__name__"`, a stable key for the per-thread namespace caches
    /// (every new function reads its module's name).
    dunder_name: Value<M>,
}

/// What `import` and `sys` read: `sys.modules`, the search path and `sys.argv`.
struct ImportState<M: ExecutionModel> {
    /// `sys.modules`.
    modules: ObjRef<M>,
    /// Directories searched by `import` (the script's directory first).
    path: parking_lot::Mutex<Vec<PathBuf>>,
    argv: parking_lot::Mutex<Vec<String>>,
}

/// Heap accounting for `gilbench`'s memory figures and `tracemalloc`.
struct HeapAccounting {
    /// Heap bytes charged to this interpreter (see `memory::alloc`).
    mem: crate::memory::alloc::MemStats,
    /// tracemalloc's tracer while this interpreter traces (see `memory::tracemalloc`).
    tracer: parking_lot::Mutex<Option<&'static crate::memory::tracemalloc::Tracer>>,
}

/// Cross-interpreter caches (see `xi`).
struct XiTables<M: ExecutionModel> {
    /// Code objects of functions received from other interpreters, materialised once each
    /// (keyed by the shared `CodeObject`'s address, which the entry keeps alive).
    code: parking_lot::Mutex<HashMap<usize, (Arc<crate::compiler::CodeObject>, ObjRef<M>)>>,
    /// Data globals of this interpreter's main script already copied for other interpreters:
    /// object address -> (the object, kept alive so the address stays its own; the copy).
    globals: parking_lot::Mutex<HashMap<usize, (Value<M>, Arc<xi::Shareable>)>>,
}

/// One thread's execution context.
pub struct Vm<M: ExecutionModel> {
    interp: Arc<Interp<M>>,
    /// Python call depth (RecursionError past the limit).
    depth: usize,
    /// Exceptions being handled (innermost last): `sys.exc_info()` and bare `raise`.
    handled: Vec<Value<M>>,
    /// Set by `RERAISE`/bare `raise`: the unwinder must not add a traceback entry again.
    reraising: bool,
    /// An exception to raise at the start of the next `execute` (generator `throw()`).
    pending_throw: Option<PyErr<M>>,
    /// Containers whose repr is being computed (to print `[...]` for self-references).
    repr_stack: Vec<usize>,
    /// This thread's pending stdout text (see `stdout`: handed over in whole lines).
    stdout: stdout::ThreadStdout,
    /// `LOAD_GLOBAL` hints, a small direct-mapped table (see [`namespace_cache::GlobalHint`]).
    global_hints: std::cell::RefCell<Vec<namespace_cache::GlobalHint>>,
    /// Version-validated `LOAD_GLOBAL` answers from immortal namespaces (free-threaded build).
    global_cache: std::cell::RefCell<Vec<namespace_cache::GlobalCacheEntry<M>>>,
    /// Lowest native stack address Python calls may reach (see `set_native_stack_budget`).
    stack_limit: usize,
    /// Emptied locals/stack vectors of finished frames, reused by the next calls.
    slot_pool: Vec<Vec<Value<M>>>,
    /// Class attribute lookups already answered (see `attr_cache`).
    attr_cache: std::cell::RefCell<attr_cache::AttrCache<M>>,
    /// This OS thread's eval breaker (cached: the loop's check is one load of it).
    breaker: Arc<crate::runtime::EvalBreaker>,
    /// Whether this context holds the interpreter (see `thread.rs`).
    attached: bool,
    /// This thread's attribute dicts of `threading.local` objects (see `thread_local`), dropped
    /// when the thread ends (while still attached).
    thread_locals: thread_local::ThreadLocals<M>,
    /// The GC shard this thread tracks new objects in (see `memory::gc`), and the shard that
    /// was current before this context attached (restored when it detaches).
    gc_shard: Option<Arc<crate::memory::gc::GcShard<M>>>,
    gc_prev_shard: *const crate::memory::gc::GcShard<M>,
    /// The interpreter this thread's allocations were charged to before this context.
    mem_prev: Option<*const crate::memory::alloc::MemStats>,
    /// The frames running in the observed loop, innermost last (see `frames`).
    frames: Vec<frame_chain::ChainEntry<M>>,
    /// Unique per context (frame objects remember whose chain they read).
    vm_id: u64,
    /// Non-zero while a `sys.monitoring` callback runs: no event fires then.
    monitor_tracing: u32,
    /// The OS thread ends with this context: retire its biased-refcount owner id (merging what
    /// other threads queued for it) while still attached (see `detach_for_exit`).
    retire_owner_at_exit: bool,
    /// When this context was made (its lifetime is the thread-time `compare` divides).
    born: std::time::Instant,
}

/// The source of `Vm::vm_id`.
static NEXT_VM_ID: AtomicU64 = AtomicU64::new(1);

/// How a program run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitStatus {
    Ok,
    /// `sys.exit(n)` or an uncaught exception (1).
    Code(i32),
}

/// An address inside the current native stack frame (the stack grows down on every target we
/// build for), for the native-stack guard on Python calls.
#[inline(always)]
pub fn native_stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl<M: ExecutionModel> Interp<M> {
    /// This interpreter's `sys.argv`.
    pub fn argv(&self) -> Vec<String> {
        self.imports.argv.lock().clone()
    }

    pub fn set_argv(&self, argv: Vec<String>) {
        *self.imports.argv.lock() = argv;
    }

    /// The directories `import` searches, in order (`sys.path`'s directories).
    pub fn search_path(&self) -> Vec<PathBuf> {
        self.imports.path.lock().clone()
    }

    pub fn set_search_path(&self, path: Vec<PathBuf>) {
        *self.imports.path.lock() = path;
    }

    /// Search `dir` after the directories already on the path.
    pub fn append_search_path(&self, dir: PathBuf) {
        self.imports.path.lock().push(dir);
    }

    /// Search `dir` before every other directory (the running script's own directory).
    pub fn prepend_search_path(&self, dir: PathBuf) {
        self.imports.path.lock().insert(0, dir);
    }

    /// The peak of this interpreter's live heap bytes since the last reset (every thread summed).
    pub fn heap_peak(&self) -> i64 {
        self.heap.mem.peak()
    }

    /// Start a new peak from the current live bytes.
    pub fn reset_heap_peak(&self) {
        self.heap.mem.reset_peak();
    }

    /// tracemalloc's tracer while this interpreter traces.
    pub fn tracer(&self) -> Option<&'static crate::memory::tracemalloc::Tracer> {
        *self.heap.tracer.lock()
    }

    /// Start tracing with `nframe` frames a trace: the new tracer, or None when already tracing.
    /// The allocator is handed the tracer by [`Interp::trace_allocations`], once the caller's
    /// frames are published (so the first traced allocation already has its Python lines).
    pub fn start_tracing(
        &self,
        nframe: usize,
    ) -> Option<&'static crate::memory::tracemalloc::Tracer> {
        let mut slot = self.heap.tracer.lock();
        if slot.is_some() {
            return None;
        }
        // One small leak per start: the allocator may still be reading a previous tracer.
        let t: &'static crate::memory::tracemalloc::Tracer =
            Box::leak(Box::new(crate::memory::tracemalloc::Tracer::new(nframe)));
        *slot = Some(t);
        Some(t)
    }

    /// Hand every allocation of this interpreter to `tracer` from now on.
    pub fn trace_allocations(&self, tracer: &'static crate::memory::tracemalloc::Tracer) {
        self.heap.mem.set_tracer(Some(tracer));
    }

    /// Stop tracing; the tracer that was tracing, if any (its traces are the caller's to clear).
    pub fn stop_tracing(&self) -> Option<&'static crate::memory::tracemalloc::Tracer> {
        let old = self.heap.tracer.lock().take();
        if old.is_some() {
            self.heap.mem.set_tracer(None);
        }
        old
    }

    /// Run `hook` when the interpreter finalizes (threading's shutdown, pools, actors).
    pub fn at_exit(&self, hook: fn(&mut Vm<M>)) {
        self.exit_hooks.lock().push(hook);
    }

    pub fn new() -> Arc<Self> {
        let types = Types::<M>::new();
        let builtins = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
        let modules = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
        let not_implemented = ObjRef::new(Payload::NotImplemented);
        let ellipsis = ObjRef::new(Payload::Ellipsis);
        not_implemented.make_immortal();
        ellipsis.make_immortal();
        let switch_marker = ObjRef::new(Payload::Ellipsis);
        switch_marker.make_immortal();
        Arc::new(Interp {
            types,
            builtins,
            imports: ImportState {
                modules,
                path: parking_lot::Mutex::new(Vec::new()),
                argv: parking_lot::Mutex::new(Vec::new()),
            },
            sources: parking_lot::Mutex::new(HashMap::new()),
            recursion_limit: AtomicUsize::new(1000),
            instrumented: AtomicU32::new(0),
            monitoring: Default::default(),
            lock: Default::default(),
            threads: Default::default(),
            exit_hooks: parking_lot::Mutex::new(Vec::new()),
            immortalize: std::sync::atomic::AtomicBool::new(false),
            singletons: Singletons {
                not_implemented,
                ellipsis,
                switch_marker,
                dunder_name: {
                    let v = Value::new_str("__name__");
                    if let Value::Obj(o) = &v {
                        o.make_immortal();
                    }
                    v
                },
            },
            class_epoch: std::sync::atomic::AtomicU64::new(0),
            stdout_buffers: Default::default(),
            gc_lists: parking_lot::Mutex::new(None),
            heap: HeapAccounting { mem: Default::default(), tracer: parking_lot::Mutex::new(None) },
            xi: XiTables {
                code: parking_lot::Mutex::new(HashMap::new()),
                globals: parking_lot::Mutex::new(HashMap::new()),
            },
            gc: crate::memory::gc::GcState::new(crate::memory::gc::stress_from_env()),
        })
    }

    pub fn recursion_limit(&self) -> usize {
        self.recursion_limit.load(Ordering::Relaxed)
    }

    /// `sys.setrecursionlimit` (the caller has checked `limit` against the current depth).
    pub fn set_recursion_limit(&self, limit: usize) {
        self.recursion_limit.store(limit, Ordering::Relaxed);
    }

    /// The builtin types and exception classes.
    #[inline]
    pub fn types(&self) -> &Types<M> {
        &self.types
    }

    /// The `builtins` module's dict.
    #[inline]
    pub fn builtins(&self) -> &ObjRef<M> {
        &self.builtins
    }

    /// `sys.modules`.
    #[inline]
    pub fn modules(&self) -> &ObjRef<M> {
        &self.imports.modules
    }

    /// `sys.monitoring`'s tools, event sets and callbacks.
    pub fn monitoring(&self) -> &monitor::Monitoring<M> {
        &self.monitoring
    }

    /// The interpreter lock (the GIL in the GIL build).
    pub fn lock(&self) -> &M::InterpreterLock {
        &self.lock
    }

    #[inline]
    pub fn not_implemented(&self) -> &ObjRef<M> {
        &self.singletons.not_implemented
    }

    #[inline]
    pub fn ellipsis(&self) -> &ObjRef<M> {
        &self.singletons.ellipsis
    }

    /// Every thread's stdout buffer (see `stdout`).
    pub fn stdout_buffers(&self) -> &stdout::Registry {
        &self.stdout_buffers
    }

    /// `gc.callbacks` and `gc.garbage`, once the `gc` module has made them.
    pub fn gc_lists(&self) -> parking_lot::MutexGuard<'_, Option<gc::GcLists<M>>> {
        self.gc_lists.lock()
    }

    /// The cyclic collector's tables and settings.
    #[inline]
    pub fn gc(&self) -> &crate::memory::gc::GcState<M> {
        &self.gc
    }

    /// Invalidate every thread's cached class attribute lookups (see `attr_cache`).
    pub fn bump_class_epoch(&self) {
        self.class_epoch.fetch_add(1, Ordering::Relaxed);
    }
}

impl<M: ExecutionModel> Vm<M> {
    /// A fresh interpreter with its builtins, and this thread's context on it.
    pub fn new_interpreter() -> Self {
        let interp = Interp::<M>::new();
        let mut vm = Vm::for_thread(interp);
        crate::stdlib::install_builtins(&mut vm);
        vm.interp.bump_class_epoch();
        vm
    }

    /// A context for another thread of the same interpreter.
    pub fn for_thread(interp: Arc<Interp<M>>) -> Self {
        let mut vm = Vm::bare(interp);
        vm.attach();
        // Safe for any thread with the default 2 MiB stack; `run` raises it for its big thread.
        vm.set_native_stack_budget(1 << 20);
        vm
    }

    /// How much native stack (bytes, below the caller's current position) Python calls may use
    /// before they raise RecursionError instead of overflowing the thread's stack.
    pub fn set_native_stack_budget(&mut self, bytes: usize) {
        self.stack_limit = native_stack_position().saturating_sub(bytes);
    }

    fn bare(interp: Arc<Interp<M>>) -> Self {
        let stdout = stdout::ThreadStdout::new(&interp.stdout_buffers);
        Vm {
            interp,
            depth: 0,
            handled: Vec::new(),
            reraising: false,
            pending_throw: None,
            repr_stack: Vec::new(),
            stdout,
            attr_cache: Default::default(),
            slot_pool: Vec::new(),
            stack_limit: 0,
            global_hints: std::cell::RefCell::new(vec![
                namespace_cache::GlobalHint::default();
                namespace_cache::GLOBAL_HINTS
            ]),
            breaker: crate::runtime::eval_breaker::current(),
            attached: false,
            thread_locals: Default::default(),
            gc_shard: None,
            gc_prev_shard: std::ptr::null(),
            mem_prev: None,
            frames: Vec::new(),
            vm_id: NEXT_VM_ID.fetch_add(1, Ordering::Relaxed),
            monitor_tracing: 0,
            retire_owner_at_exit: false,
            born: std::time::Instant::now(),
            global_cache: std::cell::RefCell::new(
                (0..namespace_cache::GLOBAL_HINTS).map(|_| Default::default()).collect(),
            ),
        }
    }

    #[inline]
    pub fn types(&self) -> &Types<M> {
        &self.interp.types
    }

    /// The interpreter this thread runs in.
    #[inline]
    pub fn interp(&self) -> &Arc<Interp<M>> {
        &self.interp
    }

    /// Python call depth (1 while the main module runs).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The exception being handled (innermost `except` block), for `sys.exc_info()`.
    pub fn handled_exception(&self) -> Option<Value<M>> {
        self.handled.last().cloned().filter(|v| !v.is_none())
    }

    /// The globals of the innermost frame running in the observed loop, if any.
    pub fn observed_frame_globals(&self) -> Option<ObjRef<M>> {
        self.frames.last().map(|e| e.globals.clone())
    }

    pub fn flush_stdout(&mut self) {
        self.stdout.flush();
    }

    /// Write text to stdout (buffered; see `stdout`).
    #[inline]
    pub fn write_stdout(&mut self, s: &str) {
        self.stdout.write_str(s);
    }

    /// `BrokenPipeError: [Errno 32] Broken pipe` once the process stdout is a closed pipe (what
    /// CPython's writes raise then), dropping what this thread still buffers.
    pub fn check_stdout(&mut self) -> Result<(), crate::object::PyErr<M>> {
        if !stdout::is_broken() {
            return Ok(());
        }
        self.stdout.discard();
        let b = self.interp.builtins.clone();
        let cls = match self.dict_get_str(&b, "BrokenPipeError") {
            Some(Value::Obj(c)) => c,
            _ => self.types().os_error.clone(),
        };
        let exc = self.new_exception_obj(&cls, vec![Value::Int(32), Value::new_str("Broken pipe")]);
        Err(crate::object::PyErr { exc })
    }

    /// Remember a module's source text for tracebacks.
    pub fn register_source(&self, filename: &str, source: &str) {
        self.interp.sources.lock().insert(filename.to_string(), Arc::from(source));
    }

    /// The source line `lineno` of `filename`, if known.
    pub fn source_line(&self, filename: &str, lineno: u32) -> Option<String> {
        let sources = self.interp.sources.lock();
        let src = sources.get(filename)?;
        src.lines().nth(lineno.checked_sub(1)? as usize).map(|l| l.to_string())
    }

    /// Compile and run `source` as the `__main__` module. Uncaught exceptions are printed as a
    /// traceback on stderr; `SystemExit` gives its code.
    pub fn run_main(&mut self, source: &str, filename: &str) -> ExitStatus {
        let status = match crate::compiler::compile_source(source, filename) {
            Err(e) => {
                self.flush_stdout();
                eprint!("{}", e.render());
                ExitStatus::Code(1)
            }
            Ok(code) => {
                self.register_source(filename, source);
                let module = self.new_module("__main__", Some(filename));
                let result = self.exec_code_in_module(code, &module);
                let status = match result {
                    Ok(_) => ExitStatus::Ok,
                    Err(err) => self.handle_uncaught(err),
                };
                self.run_exit_hooks();
                self.stop_remaining_threads();
                crate::stdlib::import::finalize_main_module(self, &module);
                status
            }
        };
        self.run_pending_finalizers();
        self.flush_stdout();
        // Threads still running (daemons) keep their pending output in their own buffers.
        self.interp.stdout_buffers.flush_all();
        status
    }

    /// Print an uncaught exception (or honour SystemExit) and return the exit status.
    pub fn handle_uncaught(&mut self, err: PyErr<M>) -> ExitStatus {
        let sys_exit = self.types().system_exit.clone();
        if self.isinstance_class(&err.exc, &sys_exit) {
            let args = self.exception_args(&err.exc);
            let code = match args.as_tuple().and_then(|t| t.first().cloned()) {
                None | Some(Value::None) => 0,
                Some(Value::Int(i)) => i as i32,
                Some(Value::Bool(b)) => b as i32,
                Some(other) => {
                    self.flush_stdout();
                    let s = self.str_of(&other).unwrap_or_default();
                    eprintln!("{s}");
                    1
                }
            };
            return if code == 0 { ExitStatus::Ok } else { ExitStatus::Code(code) };
        }
        self.flush_stdout();
        let text = self.format_exception(&err);
        eprint!("{text}");
        ExitStatus::Code(1)
    }

    /// A new, registered module object with `__name__` (and `__file__`) set.
    pub fn new_module(&mut self, name: &str, file: Option<&str>) -> ObjRef<M> {
        let dict = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
        let module = ObjRef::new(Payload::Module(crate::object::ModuleObj {
            name: name.to_string(),
            dict: dict.clone(),
        }));
        let name_v = Value::new_str(name);
        self.dict_set_str(&dict, "__name__", name_v);
        self.dict_set_str(&dict, "__builtins__", Value::Obj(self.interp.builtins.clone()));
        self.dict_set_str(&dict, "__doc__", Value::None);
        if let Some(f) = file {
            self.dict_set_str(&dict, "__file__", Value::new_str(f));
        }
        let modules = self.interp.imports.modules.clone();
        self.dict_set_str(&modules, name, Value::Obj(module.clone()));
        self.new_definition(&module);
        module
    }

    /// Run a module's code object in the module's namespace.
    pub fn exec_code_in_module(
        &mut self,
        code: Arc<crate::compiler::CodeObject>,
        module: &ObjRef<M>,
    ) -> PyResult<M> {
        let dict = match module.payload() {
            Payload::Module(m) => m.dict.clone(),
            _ => return Err(self.new_type_error("not a module")),
        };
        let code_obj = self.materialize_code(&code);
        let mut frame = crate::object::frame::Frame::new(code_obj, dict.clone(), Some(dict));
        self.run_frame_checked(&mut frame)
    }

    /// Interpreter shutdown: threads still running now (daemon threads; the exit hooks have
    /// waited for the others) stop at their next safe point for good, as CPython's do once
    /// finalization starts, so they never see `__main__` being torn down. Blocked ones stay
    /// blocked when they try to re-attach. The world is never restarted: the process exits.
    fn stop_remaining_threads(&mut self) {
        if self.interp.threads.count() > 1 {
            std::mem::forget(self.stop_the_world());
        }
    }

    /// Run the interpreter's exit hooks once (waiting for non-daemon threads, ...).
    pub fn run_exit_hooks(&mut self) {
        let hooks = std::mem::take(&mut *self.interp.exit_hooks.lock());
        for hook in hooks {
            hook(self);
        }
    }

    /// Run the objects waiting for `__del__` (see `object::header`).
    pub fn run_pending_finalizers(&mut self) {
        while crate::object::header::has_pending_finalizers() {
            for obj in crate::object::header::take_pending_finalizers::<M>() {
                self.finalize_object(obj);
            }
        }
    }

    /// Run one object's finalizer, once (PEP 442): `__del__` of an instance, `close()` of a
    /// suspended generator. An exception is reported as CPython's "Exception ignored in".
    pub fn finalize_object(&mut self, obj: ObjRef<M>) {
        if let Payload::Generator(_) = obj.payload() {
            crate::types::gen::finalize_generator(self, Value::Obj(obj));
            return;
        }
        if let Payload::Instance(inst) = obj.payload() {
            inst.finalized.store(true, Ordering::Relaxed);
        }
        let v = Value::Obj(obj);
        if let Ok(Some(del)) = self.lookup_special(&v, "__del__") {
            if let Err(e) = self.call(&del, std::slice::from_ref(&v), &[]) {
                // CPython prints "Exception ignored in: ..." and continues.
                self.flush_stdout();
                let repr = self.repr_of(&del).unwrap_or_default();
                eprintln!("Exception ignored in: {repr}");
                eprint!("{}", self.format_exception(&e));
            }
        }
    }
}
