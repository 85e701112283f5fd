//! The one in-process runner of a configuration (workload x model x threads): [`ConfigSession`] starts it once, then runs rounds of its parallel section on demand.
//!
//! Used by the `__bench-worker` process (`worker::run_config`: warm-up rounds, then `repeat`
//! measured rounds) and by the criterion benches (`benches/workloads.rs`: `iter_custom` over
//! [`ConfigSession::run`]), so both time exactly the same thing.
//!
//! Threads. [`ConfigSession::start`] spawns the session's *main thread* (a [`MAIN_STACK`]
//! native stack, because Python calls recurse natively). It owns the main interpreter, which
//! loads the workload and runs `check`, and it starts the workers; the [`ConfigSession`] handle
//! only sends it commands and waits for the replies, so the handle is `Send`, any thread may
//! hold it, and every session has fresh threads of its own: sessions of different models (or
//! several of one) can live in one process side by side.
//!
//! How each model runs the workload protocol (see workloads/README.md, "The protocol"):
//! * GIL and free-threaded: one interpreter; `threads` threads of that interpreter share the
//!   state. They live as long as the session and wait (detached) for the next command, so a
//!   round times only `work` and the hand-back of its result. The main thread runs `setup` and
//!   hands each worker the state with the round's start signal.
//! * Subinterpreters: one interpreter per worker, each created on its own thread, importing the
//!   file and running its own `setup` (start-up and setup are measured and reported apart).
//!   Results cross back to the main interpreter through `vm::xi` as copies (export in the
//!   worker, import in the main interpreter); both halves are inside the timed section, because
//!   that copy is the isolation cost the model pays.
//!
//! Fresh state. By default every round (warm-up rounds included) starts from a state no round
//! has seen: `setup(size)` runs at start for the first round and again before each later one,
//! untimed, after the old state has been dropped (so two states never coexist). Under
//! subinterpreters each worker interpreter runs its own `setup`, all of them before the start
//! signal; [`Rounds::setups`] records each round's setup time (the slowest worker's). A workload
//! with `META["setup"] = "once"` ([`SetupPolicy::Once`]) keeps the first state for every round.
//!
//! A round is timed from the start signal until the last result is a main-interpreter value;
//! `check(results, size, workers)` then runs, untimed, on that round's results. Counters: every
//! worker thread keeps its own tallies (`runtime::counters`) and hands them
//! over on request; the main thread adds what it counted inside the timed sections (receiving
//! and importing results). Setup never counts: on the main thread it runs before the tallies
//! are zeroed for the timed section; a worker interpreter's thread sets its tallies aside
//! before dropping the old state and running `setup`, and discards what those two counted.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam::channel;

use super::meta::SetupPolicy;
use crate::object::{PyErr, Value};
use crate::runtime::counters::Counters;
use crate::runtime::{ExecutionModel, FreeThreaded, Gil, ModelKind, SharedHeap, Subinterpreters};
use crate::vm::Vm;

/// Native stack of a session's main thread (the main interpreter runs `setup` and `check` there).
pub const MAIN_STACK: usize = 256 << 20;

/// One running configuration; see the module notes. Dropping it stops its threads (as
/// [`ConfigSession::finish`] does, ignoring a panic report).
pub struct ConfigSession {
    mode: ModelKind,
    threads: usize,
    size: u64,
    startup_s: f64,
    setup_s: f64,
    commands: channel::Sender<Command>,
    replies: channel::Receiver<Reply>,
    thread: Option<JoinHandle<()>>,
}

/// What [`ConfigSession::rounds`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounds {
    /// Wall time of each round's parallel section.
    pub times: Vec<Duration>,
    /// `Ok` when `check` answered True on every round, else the first failure's message.
    pub check: Result<(), String>,
    /// Seconds of the `setup` that built each round's fresh state (subinterpreters: the slowest
    /// worker's); empty under `META["setup"] = "once"`.
    pub setups: Vec<f64>,
}

enum Command {
    /// Run `n` rounds; `check` each one when asked.
    Rounds {
        n: usize,
        check: bool,
    },
    Counters,
    ResetCounters,
}

enum Reply {
    /// (start-up s, setup s), or why the session could not start.
    Started(Result<(f64, f64), String>),
    Rounds(Result<Rounds, String>),
    /// The tallies, and the heap peak of every interpreter of the session summed (bytes).
    Counters(Tally, u64),
    Done,
}

const ENDED: &str = "internal error: the session's main thread ended early (it panicked)";

impl ConfigSession {
    /// Load `file`, run its `setup(size)` (the first round's state) and start `threads` workers
    /// under `mode`. An error is
    /// one line: an exception's last traceback line and where it was raised, a missing protocol
    /// function, a file that cannot be read.
    pub fn start(
        file: &Path,
        mode: ModelKind,
        threads: usize,
        size: u64,
    ) -> Result<ConfigSession, String> {
        if threads == 0 {
            return Err("a configuration needs at least 1 thread".into());
        }
        let (commands, command_rx) = channel::unbounded::<Command>();
        let (reply_tx, replies) = channel::unbounded::<Reply>();
        let file = file.to_path_buf();
        let main = move || {
            let ends = Ends { commands: command_rx, replies: reply_tx };
            match mode {
                ModelKind::Gil => serve_shared::<Gil>(&file, threads, size, ends),
                ModelKind::FreeThreaded => serve_shared::<FreeThreaded>(&file, threads, size, ends),
                ModelKind::Subinterpreters => {
                    serve_isolated::<Subinterpreters>(&file, threads, size, ends)
                }
            }
            crate::runtime::thread_id::retire_current();
        };
        let thread = std::thread::Builder::new()
            .name("gilbench-session".into())
            .stack_size(MAIN_STACK)
            .spawn(main)
            .map_err(|e| format!("cannot start the session's main thread: {e}"))?;
        match replies.recv() {
            Ok(Reply::Started(Ok((startup_s, setup_s)))) => Ok(ConfigSession {
                mode,
                threads,
                size,
                startup_s,
                setup_s,
                commands,
                replies,
                thread: Some(thread),
            }),
            Ok(Reply::Started(Err(e))) => {
                let _ = thread.join();
                Err(e)
            }
            _ => {
                let _ = thread.join();
                Err(ENDED.into())
            }
        }
    }

    pub fn mode(&self) -> ModelKind {
        self.mode
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Interpreter start-up in seconds (subinterpreters: mean per worker interpreter).
    pub fn startup_s(&self) -> f64 {
        self.startup_s
    }

    /// The first `setup(size)` in seconds, run at start (subinterpreters: the slowest worker's).
    /// Later ones are in [`Rounds::setups`].
    pub fn setup_s(&self) -> f64 {
        self.setup_s
    }

    fn request(&mut self, command: Command) -> Result<Reply, String> {
        self.commands.send(command).map_err(|_| ENDED.to_string())?;
        self.replies.recv().map_err(|_| ENDED.to_string())
    }

    /// Run `n` rounds back to back, each checked. `Err` when a worker raised, a result could not
    /// be copied back, or the session broke; a false `check` is reported in [`Rounds::check`]
    /// (the timings still count).
    pub fn rounds(&mut self, n: usize) -> Result<Rounds, String> {
        match self.request(Command::Rounds { n, check: true })? {
            Reply::Rounds(r) => r,
            _ => Err("internal error: unexpected reply from the session".into()),
        }
    }

    /// Run `n` rounds without checking their results (warm-up).
    pub fn warm_up(&mut self, n: usize) -> Result<(), String> {
        match self.request(Command::Rounds { n, check: false })? {
            Reply::Rounds(r) => r.map(|_| ()),
            _ => Err("internal error: unexpected reply from the session".into()),
        }
    }

    /// Run `n` rounds and answer the total time of their parallel sections; any failure,
    /// a false `check` included, is an `Err` (what criterion's `iter_custom` needs).
    pub fn run(&mut self, n: usize) -> Result<Duration, String> {
        let r = self.rounds(n)?;
        r.check?;
        Ok(r.times.iter().sum())
    }

    /// The counters since the start or the last [`ConfigSession::reset_counters`], summed over
    /// the worker threads and the main thread's timed sections (names and units in
    /// [`Tally::to_map`]), plus `peak_rss_bytes` (the whole process's peak so far) on Linux.
    pub fn counters(&mut self) -> Result<BTreeMap<String, f64>, String> {
        match self.request(Command::Counters)? {
            Reply::Counters(t, heap_peak) => {
                let mut map = t.to_map();
                map.insert("heap_peak_bytes".into(), heap_peak as f64);
                if let Some(rss) = peak_rss_bytes() {
                    map.insert("peak_rss_bytes".into(), rss as f64);
                }
                Ok(map)
            }
            _ => Err("internal error: unexpected reply from the session".into()),
        }
    }

    /// Zero the counters of every thread of the session.
    pub fn reset_counters(&mut self) -> Result<(), String> {
        match self.request(Command::ResetCounters)? {
            Reply::Done => Ok(()),
            _ => Err("internal error: unexpected reply from the session".into()),
        }
    }

    /// Stop the workers and the main thread and wait for them.
    pub fn finish(mut self) -> Result<(), String> {
        self.stop()
    }

    fn stop(&mut self) -> Result<(), String> {
        let Some(thread) = self.thread.take() else { return Ok(()) };
        // Closing the command channel is the stop signal.
        let (closed, _) = channel::bounded(0);
        drop(std::mem::replace(&mut self.commands, closed));
        thread.join().map_err(|_| ENDED.to_string())
    }
}

impl Drop for ConfigSession {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// The peak resident set size of this process in bytes (`VmHWM` in `/proc/self/status`);
/// `None` where that file does not exist (not Linux).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

/// One thread's tallies (or the merged tallies of many), with the heap bytes its allocator
/// charged to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub counters: Counters,
}

impl Tally {
    /// The calling thread's tallies since its last reset.
    pub fn current() -> Tally {
        let mut counters = crate::runtime::counters::snapshot();
        counters.alloc_bytes = crate::memory::alloc::allocated_bytes();
        Tally { counters }
    }

    /// Zero the calling thread's tallies.
    pub fn reset_current() {
        crate::runtime::counters::reset();
        crate::memory::alloc::take_allocated_bytes();
    }

    pub fn merge(&mut self, other: &Tally) {
        self.counters.merge(&other.counters);
    }

    /// The counters by the names reports use: counts, and `*_s` in seconds.
    pub fn to_map(&self) -> BTreeMap<String, f64> {
        let c = &self.counters;
        let s = |ns: u64| ns as f64 / 1e9;
        let entries: [(&str, f64); 30] = [
            ("gil_acquisitions", c.gil_acquisitions as f64),
            ("gil_contended", c.gil_contended as f64),
            ("gil_drop_requests", c.gil_drop_requests as f64),
            ("gil_forced_switches", c.gil_forced_switches as f64),
            ("gil_switches", c.gil_switches as f64),
            ("gil_wait_s", s(c.gil_wait_ns)),
            ("pylock_contended", c.pylock_contended as f64),
            ("pylock_wait_s", s(c.pylock_wait_ns)),
            ("brc_queued", c.brc_queued as f64),
            ("brc_merged", c.brc_merged as f64),
            ("refops_local", c.local_refops as f64),
            ("refops_shared", c.shared_refops as f64),
            ("object_locks", c.object_locks as f64),
            ("object_locks_contended", c.contended_locks as f64),
            ("lock_wait_s", s(c.lock_wait_ns)),
            ("allocations", c.allocations as f64),
            ("deallocations", c.deallocations as f64),
            ("xi_exports", c.xi_exports as f64),
            ("xi_items", c.xi_items as f64),
            ("xi_bytes", c.xi_bytes as f64),
            ("xi_imports", c.xi_imports as f64),
            ("xi_items_imported", c.xi_items_imported as f64),
            ("xi_copy_s", s(c.xi_copy_ns)),
            ("gc_collections", c.gc_collections as f64),
            ("gc_collected", c.gc_collected as f64),
            ("gc_pause_s", s(c.gc_pause_ns)),
            ("gc_pause_max_s", s(c.gc_pause_max_ns)),
            ("alloc_bytes", c.alloc_bytes as f64),
            ("stw_wait_s", s(c.stw_wait_ns)),
            ("blocked_s", s(c.blocked_ns)),
        ];
        entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Loading and calling the workload
// ---------------------------------------------------------------------------------------------

/// The module name a workload file is loaded under (the same in every interpreter, so classes
/// defined in it resolve by `module.qualname` when values are copied between interpreters).
fn module_name(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workload".into())
}

/// A loaded workload: its `setup`, `work` and `check` functions and when `setup` runs.
struct Workload<M: ExecutionModel> {
    setup: Value<M>,
    work: Value<M>,
    check: Value<M>,
    policy: SetupPolicy,
}

/// Import the workload file as module `module_name(file)` through the ordinary import machinery
/// (its directory first on the path), and find its protocol functions and `META["setup"]`.
fn load<M: ExecutionModel>(vm: &mut Vm<M>, file: &Path) -> Result<Workload<M>, String> {
    let abs =
        std::fs::canonicalize(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if let Some(dir) = abs.parent() {
        vm.prepend_import_path(dir).map_err(|e| describe(vm, &e))?;
    }
    let name = module_name(file);
    let module = vm.import_module(&name).map_err(|e| describe(vm, &e))?;
    let Some(module) = module.obj().cloned() else {
        return Err(format!("import {name} gave no module"));
    };
    // A builtin module of the same name (`queue`, `threading`) would answer instead of the file.
    let loaded = crate::stdlib::modules::module_get(vm, &module, "__file__");
    if loaded.as_ref().and_then(|f| f.as_str()) != Some(abs.to_string_lossy().as_ref()) {
        return Err(format!(
            "{}: the module name `{name}` is taken by a builtin module; rename the workload file",
            file.display()
        ));
    }
    let get = |vm: &mut Vm<M>, fname: &str| {
        crate::stdlib::modules::module_get(vm, &module, fname).ok_or_else(|| {
            format!("{}: the workload defines no `{fname}` function", file.display())
        })
    };
    let (setup, work, check) = (get(vm, "setup")?, get(vm, "work")?, get(vm, "check")?);
    let policy = setup_policy(vm, &module).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Workload { setup, work, check, policy })
}

/// `META["setup"]` of a loaded module: absent (or no `META` dict) is the default.
fn setup_policy<M: ExecutionModel>(
    vm: &mut Vm<M>,
    module: &crate::object::ObjRef<M>,
) -> Result<SetupPolicy, String> {
    let Some(meta) = crate::stdlib::modules::module_get(vm, module, "META") else {
        return Ok(SetupPolicy::default());
    };
    let Some(dict) =
        meta.obj().filter(|o| matches!(o.payload(), crate::object::Payload::Dict(_))).cloned()
    else {
        return Ok(SetupPolicy::default());
    };
    match vm.dict_get_str(&dict, "setup") {
        None => Ok(SetupPolicy::default()),
        Some(v) => match v.as_str() {
            Some(s) => SetupPolicy::from_meta_value(Some(s)),
            None => {
                let shown = vm.repr_of(&v).unwrap_or_else(|_| "?".into());
                Err(format!(
                    "META[\"setup\"] must be \"sample\" (the default) or \"once\", not {shown}"
                ))
            }
        },
    }
}

/// One line for an exception: the traceback's last line (`ZeroDivisionError: division by zero`)
/// and where it was raised.
fn describe<M: ExecutionModel>(vm: &mut Vm<M>, err: &PyErr<M>) -> String {
    let text = vm.format_exception(err);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let last = lines.last().copied().unwrap_or("exception").trim().to_string();
    match lines.iter().rev().find(|l| l.trim_start().starts_with("File ")) {
        Some(at) => format!("{last} ({})", at.trim()),
        None => last,
    }
}

fn call<M: ExecutionModel>(
    vm: &mut Vm<M>,
    f: &Value<M>,
    args: Vec<Value<M>>,
) -> Result<Value<M>, String> {
    vm.call(f, &args, &[]).map_err(|e| describe(vm, &e))
}

/// Run `check(results, size, workers)`. It passes by returning a true value other than a
/// string; it fails by returning a false value, by returning a non-empty string (its message:
/// "expected 10, got 9"), or by raising `AssertionError` (its message). Any other exception is
/// an error of the workload, described as such.
fn run_check<M: ExecutionModel>(
    vm: &mut Vm<M>,
    check: &Value<M>,
    results: Vec<Value<M>>,
    size: u64,
    workers: usize,
) -> Result<(), String> {
    let args = [Value::new_list(results), Value::Int(size as i64), Value::Int(workers as i64)];
    let answer = match vm.call(check, &args, &[]) {
        Ok(v) => v,
        Err(e) => {
            let assertion = vm.types().assertion_error.clone();
            if vm.isinstance_class(&e.exc, &assertion) {
                let msg = vm.exception_str(&e.exc).unwrap_or_default();
                return Err(check_failure(&msg, size, workers));
            }
            return Err(describe(vm, &e));
        }
    };
    if let Some(msg) = answer.as_str() {
        return if msg.is_empty() {
            Err(check_failure("", size, workers))
        } else {
            Err(check_failure(msg, size, workers))
        };
    }
    match vm.is_true(&answer) {
        Ok(true) => Ok(()),
        Ok(false) => Err(check_failure("", size, workers)),
        Err(e) => Err(describe(vm, &e)),
    }
}

/// The one wording of a failed check (the CPython driver writes the same): its message, or
/// what was called when it gave none.
pub fn check_failure(message: &str, size: u64, workers: usize) -> String {
    if message.is_empty() {
        format!(
            "check failed: check(results, size={size}, workers={workers}) returned a false value"
        )
    } else {
        format!("check failed: {message}")
    }
}

// ---------------------------------------------------------------------------------------------
// The session's main thread and its workers
// ---------------------------------------------------------------------------------------------

/// The main thread's ends of the handle's channels.
struct Ends {
    commands: channel::Receiver<Command>,
    replies: channel::Sender<Reply>,
}

/// From the main thread to one worker; `P` is what a round hands the worker (the shared state
/// for GIL/free-threaded workers, nothing for an isolated one, which owns its state).
enum ToWorker<P> {
    /// Drop the old state and run `setup` for a fresh one (isolated workers only).
    Setup,
    Round(P),
    Counters,
    ResetCounters,
}

/// From a worker to the main thread.
enum FromWorker<R> {
    /// An isolated worker's interpreter is ready: (start-up s, setup s), or why not.
    Ready(Result<(f64, f64), String>),
    /// An isolated worker's fresh state is ready: its `setup` seconds, or why not.
    SetUp(Result<f64, String>),
    Result(usize, Result<R, String>),
    /// A worker's tallies, and (its interpreter's address, that interpreter's heap peak).
    Counters(Box<Tally>, (usize, u64)),
}

/// The workers of a session, seen from its main thread.
struct Pool<P, R> {
    go: Vec<channel::Sender<ToWorker<P>>>,
    back: channel::Receiver<FromWorker<R>>,
    handles: Vec<JoinHandle<()>>,
}

impl<P, R> Pool<P, R> {
    /// Close every worker's command channel (the stop signal) and wait for the threads.
    fn stop<M: ExecutionModel>(self, vm: &mut Vm<M>) {
        let Pool { go, back, handles } = self;
        drop(go);
        drop(back);
        for h in handles {
            let _ = vm.allow_threads(|| h.join());
        }
    }

    /// The next message from any worker, waited for detached; `None` when every worker is gone.
    fn next<M: ExecutionModel>(&self, vm: &mut Vm<M>) -> Option<FromWorker<R>> {
        vm.allow_threads(|| self.back.recv()).ok()
    }
}

/// What a worker thread does with the commands it gets.
trait WorkerSide<M: ExecutionModel> {
    type Payload;
    type Out;
    /// Drop the old state, then build a fresh one; answers the `setup` seconds.
    fn fresh_state(&mut self, vm: &mut Vm<M>) -> Result<f64, String>;
    /// One round's `work`.
    fn round(&mut self, vm: &mut Vm<M>, payload: Self::Payload) -> Result<Self::Out, String>;
}

/// A worker thread's loop: wait (detached) for a command; run a round (or a setup) and send its
/// outcome back. Counter requests touch no Python object, so they are answered detached.
///
/// Tallies: `kept` holds what the thread counted outside setups; a setup's own tallies (and
/// those of dropping the old state) are discarded, so they never reach a report.
fn worker_loop<M: ExecutionModel, S: WorkerSide<M>>(
    vm: &mut Vm<M>,
    index: usize,
    go: channel::Receiver<ToWorker<S::Payload>>,
    back: channel::Sender<FromWorker<S::Out>>,
    mut side: S,
) {
    Tally::reset_current();
    let mut kept = Tally::default();
    let interp = vm.interp().clone();
    enum Next<P> {
        Stop,
        Setup,
        Round(P),
    }
    loop {
        let next = vm.allow_threads(|| loop {
            match go.recv() {
                Ok(ToWorker::Round(p)) => return Next::Round(p),
                Ok(ToWorker::Setup) => return Next::Setup,
                Ok(ToWorker::Counters) => {
                    crate::memory::alloc::settle_current_thread();
                    let heap = (
                        std::sync::Arc::as_ptr(&interp) as usize,
                        interp.heap_peak().max(0) as u64,
                    );
                    let mut total = kept;
                    total.merge(&Tally::current());
                    if back.send(FromWorker::Counters(Box::new(total), heap)).is_err() {
                        return Next::Stop;
                    }
                }
                Ok(ToWorker::ResetCounters) => {
                    kept = Tally::default();
                    Tally::reset_current();
                    crate::memory::alloc::settle_current_thread();
                    interp.reset_heap_peak();
                }
                Err(_) => return Next::Stop,
            }
        });
        let message = match next {
            Next::Stop => return,
            Next::Setup => {
                crate::memory::alloc::settle_current_thread();
                kept.merge(&Tally::current());
                let r = side.fresh_state(vm);
                crate::memory::alloc::settle_current_thread();
                Tally::reset_current();
                FromWorker::SetUp(r)
            }
            Next::Round(p) => FromWorker::Result(index, side.round(vm, p)),
        };
        vm.flush_stdout();
        if back.send(message).is_err() {
            return;
        }
    }
}

/// What the main thread does before each round and with each result; see [`serve_shared`] and
/// [`serve_isolated`].
trait MainSide<M: ExecutionModel> {
    type Payload;
    type Out;
    /// Make the next round's state fresh if the policy asks for it (untimed) and hand out each
    /// worker's payload; answers the seconds of the `setup` that built the round's state, or
    /// `None` under `META["setup"] = "once"`.
    fn prepare(
        &mut self,
        vm: &mut Vm<M>,
        pool: &Pool<Self::Payload, Self::Out>,
    ) -> Result<(Vec<Self::Payload>, Option<f64>), String>;
    /// Turn a worker's result into a main-interpreter value (inside the timed section).
    fn receive(&mut self, vm: &mut Vm<M>, out: Self::Out) -> Result<Value<M>, String>;
}

/// Serve the handle's commands until it closes the channel, then stop the workers.
fn serve<M: ExecutionModel, S: MainSide<M>>(
    vm: &mut Vm<M>,
    check: &Value<M>,
    size: u64,
    pool: Pool<S::Payload, S::Out>,
    ends: Ends,
    mut side: S,
) {
    let mut main_tally = Tally::default();
    while let Ok(command) = vm.allow_threads(|| ends.commands.recv()) {
        let reply = match command {
            Command::Rounds { n, check: checked } => Reply::Rounds(rounds(
                vm,
                checked.then_some(check),
                size,
                &pool,
                n,
                &mut side,
                &mut main_tally,
            )),
            Command::Counters => {
                let mut total = main_tally;
                crate::memory::alloc::settle_current_thread();
                // Each interpreter's peak once: shared-heap workers all report the main one.
                let mut peaks = vec![(
                    std::sync::Arc::as_ptr(vm.interp()) as usize,
                    vm.interp().heap_peak().max(0) as u64,
                )];
                for g in &pool.go {
                    let _ = g.send(ToWorker::Counters);
                }
                let mut got = 0;
                while got < pool.go.len() {
                    match pool.next(vm) {
                        Some(FromWorker::Counters(t, heap)) => {
                            total.merge(&t);
                            if !peaks.iter().any(|(id, _)| *id == heap.0) {
                                peaks.push(heap);
                            }
                            got += 1;
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                Reply::Counters(total, peaks.iter().map(|(_, p)| p).sum())
            }
            Command::ResetCounters => {
                main_tally = Tally::default();
                crate::memory::alloc::settle_current_thread();
                vm.interp().reset_heap_peak();
                for g in &pool.go {
                    let _ = g.send(ToWorker::ResetCounters);
                }
                Reply::Done
            }
        };
        if ends.replies.send(reply).is_err() {
            break;
        }
    }
    drop(side);
    pool.stop(vm);
    vm.flush_stdout();
}

/// Run `n` rounds: make the state fresh (untimed), signal every worker, collect and receive
/// every result (timed), check them (untimed).
fn rounds<M: ExecutionModel, S: MainSide<M>>(
    vm: &mut Vm<M>,
    check: Option<&Value<M>>,
    size: u64,
    pool: &Pool<S::Payload, S::Out>,
    n: usize,
    side: &mut S,
    main_tally: &mut Tally,
) -> Result<Rounds, String> {
    let workers = pool.go.len();
    let mut out = Rounds { times: Vec::with_capacity(n), check: Ok(()), setups: Vec::new() };
    for _ in 0..n {
        let (payloads, setup) = side.prepare(vm, pool)?;
        out.setups.extend(setup);
        // The main thread counts only inside the timed section.
        crate::memory::alloc::settle_current_thread();
        Tally::reset_current();
        let start = Instant::now();
        for (g, p) in pool.go.iter().zip(payloads) {
            g.send(ToWorker::Round(p))
                .map_err(|_| "internal error: a worker thread ended early".to_string())?;
        }
        let mut results: Vec<Option<Result<S::Out, String>>> = (0..workers).map(|_| None).collect();
        let mut got = 0;
        while got < workers {
            match pool.next(vm) {
                Some(FromWorker::Result(i, r)) => {
                    results[i] = Some(r);
                    got += 1;
                }
                Some(_) => {}
                None => return Err("internal error: a worker thread ended early".into()),
            }
        }
        let mut values = Vec::with_capacity(workers);
        let mut failure = None;
        for (i, r) in results.into_iter().enumerate() {
            match r.expect("every worker answered") {
                Ok(r) => match side.receive(vm, r) {
                    Ok(v) => values.push(v),
                    Err(e) => {
                        failure.get_or_insert(e);
                    }
                },
                Err(e) => {
                    failure.get_or_insert(format!("worker {i}: {e}"));
                }
            }
        }
        let elapsed = start.elapsed();
        main_tally.merge(&Tally::current());
        if let Some(e) = failure {
            return Err(e);
        }
        out.times.push(elapsed);
        if let Some(check) = check {
            if let Err(e) = run_check(vm, check, values, size, workers) {
                if out.check.is_ok() {
                    out.check = Err(e);
                }
            }
        }
    }
    Ok(out)
}

/// The main thread of a shared-heap session: it owns the state and runs `setup`.
struct SharedMain<M: ExecutionModel> {
    setup: Value<M>,
    size: u64,
    policy: SetupPolicy,
    /// The state the next round gets; `None` only after a failed `setup`.
    state: Option<Value<M>>,
    /// The seconds of the `setup` that built `state` while no round has used it yet.
    unused: Option<f64>,
}

impl<M: SharedHeap> MainSide<M> for SharedMain<M> {
    type Payload = Value<M>;
    /// (the result, the worker's reference to the state, handed back).
    type Out = (Value<M>, Value<M>);

    fn prepare(
        &mut self,
        vm: &mut Vm<M>,
        pool: &Pool<Value<M>, Self::Out>,
    ) -> Result<(Vec<Value<M>>, Option<f64>), String> {
        let fresh = match self.unused.take() {
            Some(secs) => Some(secs),
            None if self.policy == SetupPolicy::PerSample || self.state.is_none() => {
                // Free the old state before building the new one, so two never coexist.
                self.state = None;
                let t = Instant::now();
                self.state = Some(
                    call(vm, &self.setup, vec![Value::Int(self.size as i64)])
                        .map_err(|e| format!("setup: {e}"))?,
                );
                Some(t.elapsed().as_secs_f64())
            }
            None => None,
        };
        let state = self.state.as_ref().expect("a state after setup");
        let payloads = pool.go.iter().map(|_| state.clone()).collect();
        Ok((payloads, fresh.filter(|_| self.policy == SetupPolicy::PerSample)))
    }

    fn receive(&mut self, _vm: &mut Vm<M>, (result, state): Self::Out) -> Result<Value<M>, String> {
        // The main thread made this reference, so it drops it: in the free-threaded build a
        // reference made by the owner and dropped by another thread would leave the object to
        // the owner's biased-refcount merge queue, and the old state alive past the next setup.
        drop(state);
        Ok(result)
    }
}

/// A worker thread of a shared-heap session: it gets the state with each round.
struct SharedWorker<M: ExecutionModel> {
    work: Value<M>,
    index: usize,
    threads: usize,
    size: u64,
}

impl<M: SharedHeap> WorkerSide<M> for SharedWorker<M> {
    type Payload = Value<M>;
    type Out = (Value<M>, Value<M>);

    fn fresh_state(&mut self, _vm: &mut Vm<M>) -> Result<f64, String> {
        Err("internal error: a shared-heap worker has no state of its own".into())
    }

    fn round(&mut self, vm: &mut Vm<M>, state: Value<M>) -> Result<Self::Out, String> {
        // The state goes back with the result: between rounds only the main thread holds it.
        let result = call(
            vm,
            &self.work,
            vec![
                state.clone(),
                Value::Int(self.index as i64),
                Value::Int(self.threads as i64),
                Value::Int(self.size as i64),
            ],
        )?;
        Ok((result, state))
    }
}

/// GIL and free-threaded builds: one interpreter, threads share the state.
fn serve_shared<M: SharedHeap>(file: &Path, threads: usize, size: u64, ends: Ends) {
    let t0 = Instant::now();
    let mut vm = Vm::<M>::new_interpreter();
    vm.set_native_stack_budget(MAIN_STACK - (16 << 20));
    let startup = t0.elapsed().as_secs_f64();
    let started = load(&mut vm, file).and_then(|wl| {
        let t1 = Instant::now();
        let state = call(&mut vm, &wl.setup, vec![Value::Int(size as i64)])
            .map_err(|e| format!("setup: {e}"))?;
        Ok((wl, state, t1.elapsed().as_secs_f64()))
    });
    let (wl, state, setup) = match started {
        Ok(s) => s,
        Err(e) => {
            let _ = ends.replies.send(Reply::Started(Err(e)));
            return;
        }
    };
    let (back_tx, back) = channel::unbounded::<FromWorker<(Value<M>, Value<M>)>>();
    let mut pool = Pool { go: Vec::new(), back, handles: Vec::new() };
    for i in 0..threads {
        let (go_tx, go_rx) = channel::unbounded::<ToWorker<Value<M>>>();
        let (side, back) =
            (SharedWorker { work: wl.work.clone(), index: i, threads, size }, back_tx.clone());
        let spawned = crate::vm::thread::spawn_thread(
            &vm,
            Some(format!("bench-worker-{i}")),
            move |vm: &mut Vm<M>| worker_loop(vm, i, go_rx, back, side),
        );
        match spawned {
            Ok(h) => {
                pool.go.push(go_tx);
                pool.handles.push(h);
            }
            Err(e) => {
                let _ = ends
                    .replies
                    .send(Reply::Started(Err(format!("cannot start worker thread {i}: {e}"))));
                pool.stop(&mut vm);
                return;
            }
        }
    }
    drop(back_tx);
    if ends.replies.send(Reply::Started(Ok((startup, setup)))).is_err() {
        pool.stop(&mut vm);
        return;
    }
    let side = SharedMain {
        setup: wl.setup.clone(),
        size,
        policy: wl.policy,
        state: Some(state),
        unused: Some(setup),
    };
    serve(&mut vm, &wl.check, size, pool, ends, side);
}

/// The main thread of a subinterpreter session: it asks the workers for fresh states and
/// imports their results.
struct IsolatedMain {
    policy: SetupPolicy,
    /// The slowest worker's first `setup` while no round has used its state yet.
    unused: Option<f64>,
}

impl<M: ExecutionModel> MainSide<M> for IsolatedMain {
    type Payload = ();
    type Out = crate::vm::xi::Shareable;

    fn prepare(
        &mut self,
        vm: &mut Vm<M>,
        pool: &Pool<(), crate::vm::xi::Shareable>,
    ) -> Result<(Vec<()>, Option<f64>), String> {
        let payloads = vec![(); pool.go.len()];
        if let Some(secs) = self.unused.take() {
            return Ok((payloads, (self.policy == SetupPolicy::PerSample).then_some(secs)));
        }
        if self.policy == SetupPolicy::Once {
            return Ok((payloads, None));
        }
        for g in &pool.go {
            g.send(ToWorker::Setup)
                .map_err(|_| "internal error: a worker interpreter ended early".to_string())?;
        }
        let (mut slowest, mut failure, mut got) = (0f64, None, 0);
        while got < pool.go.len() {
            match pool.next(vm) {
                Some(FromWorker::SetUp(r)) => {
                    got += 1;
                    match r {
                        Ok(secs) => slowest = slowest.max(secs),
                        Err(e) => {
                            failure.get_or_insert(e);
                        }
                    }
                }
                Some(_) => {}
                None => return Err("internal error: a worker interpreter ended early".into()),
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok((payloads, Some(slowest))),
        }
    }

    fn receive(
        &mut self,
        vm: &mut Vm<M>,
        out: crate::vm::xi::Shareable,
    ) -> Result<Value<M>, String> {
        crate::vm::xi::import(vm, &out).map_err(|e| describe(vm, &e))
    }
}

/// A subinterpreter worker: its own interpreter, module and state.
struct IsolatedWorker<M: ExecutionModel> {
    wl: Workload<M>,
    /// `None` only after a failed `setup`.
    state: Option<Value<M>>,
    index: usize,
    threads: usize,
    size: u64,
}

impl<M: ExecutionModel> WorkerSide<M> for IsolatedWorker<M> {
    type Payload = ();
    type Out = crate::vm::xi::Shareable;

    fn fresh_state(&mut self, vm: &mut Vm<M>) -> Result<f64, String> {
        // Free the old state before building the new one, so two never coexist.
        self.state = None;
        let t = Instant::now();
        self.state = Some(
            call(vm, &self.wl.setup, vec![Value::Int(self.size as i64)])
                .map_err(|e| format!("setup: {e}"))?,
        );
        Ok(t.elapsed().as_secs_f64())
    }

    fn round(&mut self, vm: &mut Vm<M>, (): ()) -> Result<crate::vm::xi::Shareable, String> {
        let state = self
            .state
            .clone()
            .ok_or_else(|| "internal error: no state (setup failed)".to_string())?;
        let r = call(
            vm,
            &self.wl.work,
            vec![
                state,
                Value::Int(self.index as i64),
                Value::Int(self.threads as i64),
                Value::Int(self.size as i64),
            ],
        )?;
        crate::vm::xi::export(vm, &r).map_err(|e| {
            format!("returning the result to the main interpreter: {}", describe(vm, &e))
        })
    }
}

/// Subinterpreters: one interpreter per worker thread, each created on its thread with its own
/// `setup`; results are copied back to the main interpreter (`vm::xi`), inside the timed section.
fn serve_isolated<M: ExecutionModel>(file: &Path, threads: usize, size: u64, ends: Ends) {
    use crate::vm::xi;
    let mut vm = Vm::<M>::new_interpreter();
    vm.set_native_stack_budget(MAIN_STACK - (16 << 20));
    // The main interpreter only runs `check` (and rebuilds results), so it needs the module.
    let wl = match load(&mut vm, file) {
        Ok(w) => w,
        Err(e) => {
            let _ = ends.replies.send(Reply::Started(Err(e)));
            return;
        }
    };
    let (back_tx, back) = channel::unbounded::<FromWorker<xi::Shareable>>();
    let mut pool = Pool { go: Vec::new(), back, handles: Vec::new() };
    let mut failure = None;
    for i in 0..threads {
        let (go_tx, go_rx) = channel::unbounded::<ToWorker<()>>();
        let (back, file): (_, PathBuf) = (back_tx.clone(), file.to_path_buf());
        let spawned = std::thread::Builder::new()
            .name(format!("bench-interp-{i}"))
            .stack_size(crate::vm::thread::PYTHON_THREAD_STACK)
            .spawn(move || {
                let t0 = Instant::now();
                let mut vm = Vm::<M>::new_interpreter();
                vm.set_native_stack_budget(crate::vm::thread::PYTHON_THREAD_STACK - (4 << 20));
                let startup = t0.elapsed().as_secs_f64();
                let loaded = load(&mut vm, &file).and_then(|wl| {
                    let t1 = Instant::now();
                    let state = call(&mut vm, &wl.setup, vec![Value::Int(size as i64)])
                        .map_err(|e| format!("setup: {e}"))?;
                    Ok((wl, state, t1.elapsed().as_secs_f64()))
                });
                match loaded {
                    Ok((wl, state, setup)) => {
                        if back.send(FromWorker::Ready(Ok((startup, setup)))).is_ok() {
                            let side =
                                IsolatedWorker { wl, state: Some(state), index: i, threads, size };
                            worker_loop(&mut vm, i, go_rx, back, side);
                        }
                    }
                    Err(e) => {
                        let _ = back.send(FromWorker::Ready(Err(e)));
                    }
                }
                drop(vm);
                crate::runtime::thread_id::retire_current();
            });
        match spawned {
            Ok(h) => {
                pool.go.push(go_tx);
                pool.handles.push(h);
            }
            Err(e) => {
                failure = Some(format!("cannot start worker interpreter {i}: {e}"));
                break;
            }
        }
    }
    drop(back_tx);
    let (mut startups, mut setup_max, mut ready) = (Vec::new(), 0f64, 0);
    while ready < pool.handles.len() {
        match pool.next(&mut vm) {
            Some(FromWorker::Ready(Ok((startup, setup)))) => {
                startups.push(startup);
                setup_max = setup_max.max(setup);
                ready += 1;
            }
            Some(FromWorker::Ready(Err(e))) => {
                failure.get_or_insert(e);
                ready += 1;
            }
            Some(_) => {}
            None => {
                failure.get_or_insert("internal error: a worker interpreter ended early".into());
                break;
            }
        }
    }
    if let Some(e) = failure {
        let _ = ends.replies.send(Reply::Started(Err(e)));
        pool.stop(&mut vm);
        return;
    }
    let startup = startups.iter().sum::<f64>() / startups.len().max(1) as f64;
    if ends.replies.send(Reply::Started(Ok((startup, setup_max)))).is_err() {
        pool.stop(&mut vm);
        return;
    }
    let side = IsolatedMain { policy: wl.policy, unused: Some(setup_max) };
    serve(&mut vm, &wl.check, size, pool, ends, side);
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
