//! The in-process side of `gilbench bench`: runs one workload file in one model at one thread count and reports timings.
//!
//! The sweep (`bench.rs`) re-executes the binary once per configuration; the child calls
//! [`run_config`], which loads the workload, runs `setup`, times the parallel section of each
//! sample and runs `check`, and hands back a [`WorkerReport`] that the child writes as JSON.
//!
//! How each model runs the workload protocol (see DESIGN.md, "Workload protocol"):
//! * GIL and free-threaded: one interpreter; `setup(size)` once; `workers` threads of that
//!   interpreter share the state. The threads live for the whole run and wait (detached) for a
//!   start signal per sample, so a sample times only `work` and the hand-back of its result.
//! * Subinterpreters: one interpreter per worker, each created on its own thread, importing the
//!   file and running its own `setup` (start-up and setup are measured and reported apart).
//!   Results cross back to the main interpreter through `vm::xi` as copies; that copy is part of
//!   the timed section, because it is the isolation cost the model pays.
//! `check(results, size, workers)` runs in the main interpreter after every measured sample.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use crossbeam::channel;
use serde::{Deserialize, Serialize};

use crate::object::{PyErr, Value};
use crate::runtime::{ExecutionModel, FreeThreaded, Gil, ModelKind, SharedHeap, Subinterpreters};
use crate::vm::Vm;

/// What one configuration (workload x model x threads) measured, as the worker process reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkerReport {
    /// Wall time of the parallel section, one entry per measured sample (warm-up excluded).
    pub samples_s: Vec<f64>,
    /// Time spent in `setup(size)` (for subinterpreters: the slowest worker's setup).
    pub setup_s: f64,
    /// Interpreter start-up (for subinterpreters: mean per interpreter).
    pub startup_s: f64,
    /// `check(results, size, workers)` answered True on every sample.
    pub check_ok: bool,
    /// Null, or what went wrong (an exception's last traceback line, a failed check).
    pub error: Option<String>,
    /// Runtime counters (GIL, locks, refcounts, copies), per measured sample, summed over threads.
    pub counters: BTreeMap<String, f64>,
}

/// The parameters of one configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerConfig {
    pub mode: ModelKind,
    pub threads: usize,
    pub size: u64,
    pub warmup: usize,
    pub repeat: usize,
}

/// Native stack of the thread the main interpreter runs on (Python calls recurse natively).
const MAIN_STACK: usize = 256 << 20;

/// Run `file` under `config` in this process.
pub fn run_config(file: &Path, config: &WorkerConfig) -> WorkerReport {
    let file = file.to_path_buf();
    let config = config.clone();
    let spawned = std::thread::Builder::new().name("gilbench-bench-main".into()).stack_size(MAIN_STACK).spawn(move || match config.mode {
        ModelKind::Gil => run_shared::<Gil>(&file, &config),
        ModelKind::FreeThreaded => run_shared::<FreeThreaded>(&file, &config),
        ModelKind::Subinterpreters => run_isolated::<Subinterpreters>(&file, &config),
    });
    match spawned.map(|h| h.join()) {
        Ok(Ok(report)) => report,
        Ok(Err(_)) => failed("internal error: the worker's main thread panicked".into()),
        Err(e) => failed(format!("cannot start the worker's main thread: {e}")),
    }
}

fn failed(error: String) -> WorkerReport {
    WorkerReport { error: Some(error), ..Default::default() }
}

/// The module name a workload file is loaded under (the same in every interpreter, so classes
/// defined in it resolve by `module.qualname` when values are copied between interpreters).
fn module_name(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workload".into())
}

/// A loaded workload: its `setup`, `work` and `check` functions.
struct Workload<M: ExecutionModel> {
    setup: Value<M>,
    work: Value<M>,
    check: Value<M>,
}

/// Import the workload file as module `module_name(file)` through the ordinary import machinery
/// (its directory first on the path), and find its protocol functions.
fn load<M: ExecutionModel>(vm: &mut Vm<M>, file: &Path) -> Result<Workload<M>, String> {
    let abs = std::fs::canonicalize(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if let Some(dir) = abs.parent() {
        vm.interp.path.lock().insert(0, dir.to_path_buf());
    }
    let name = module_name(file);
    let module = vm.import_module(&name).map_err(|e| describe(vm, &e))?;
    let Some(module) = module.obj().cloned() else { return Err(format!("import {name} gave no module")) };
    // A builtin module of the same name (`queue`, `threading`) would answer instead of the file.
    let loaded = crate::stdlib::modules::module_get(vm, &module, "__file__");
    if loaded.as_ref().and_then(|f| f.as_str()) != Some(abs.to_string_lossy().as_ref()) {
        return Err(format!("{}: the module name `{name}` is taken by a builtin module; rename the workload file", file.display()));
    }
    let get = |vm: &mut Vm<M>, fname: &str| crate::stdlib::modules::module_get(vm, &module, fname).ok_or_else(|| format!("{}: the workload defines no `{fname}` function", file.display()));
    Ok(Workload { setup: get(vm, "setup")?, work: get(vm, "work")?, check: get(vm, "check")? })
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

fn call<M: ExecutionModel>(vm: &mut Vm<M>, f: &Value<M>, args: Vec<Value<M>>) -> Result<Value<M>, String> {
    vm.call(f, &args, &[]).map_err(|e| describe(vm, &e))
}

/// Run `check(results, size, workers)`; an exception or a false answer is an error message.
fn run_check<M: ExecutionModel>(vm: &mut Vm<M>, check: &Value<M>, results: Vec<Value<M>>, config: &WorkerConfig) -> Result<(), String> {
    let answer = call(vm, check, vec![Value::new_list(results), Value::Int(config.size as i64), Value::Int(config.threads as i64)])?;
    match vm.is_true(&answer) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("check failed: check(results, size={}, workers={}) returned a false value", config.size, config.threads)),
        Err(e) => Err(describe(vm, &e)),
    }
}

/// Tallies of the calling thread since its last reset, as named counters.
fn thread_counters() -> BTreeMap<String, f64> {
    let rt = crate::runtime::counters::snapshot();
    let mem = crate::memory::counters::snapshot();
    let mut m = BTreeMap::new();
    m.insert("gil_acquisitions".into(), rt.gil_acquisitions as f64);
    m.insert("gil_contended".into(), rt.gil_contended as f64);
    m.insert("gil_drop_requests".into(), rt.gil_drop_requests as f64);
    m.insert("gil_forced_switches".into(), rt.gil_forced_switches as f64);
    m.insert("gil_wait_s".into(), rt.gil_wait_ns as f64 / 1e9);
    m.insert("brc_queued".into(), rt.brc_queued as f64);
    m.insert("brc_merged".into(), rt.brc_merged as f64);
    m.insert("refops_local".into(), mem.local_refops as f64);
    m.insert("refops_shared".into(), mem.shared_refops as f64);
    m.insert("object_locks".into(), mem.object_locks as f64);
    m.insert("object_locks_contended".into(), mem.contended_locks as f64);
    m.insert("allocations".into(), mem.allocations as f64);
    m.insert("xi_exports".into(), mem.xi_exports as f64);
    m.insert("xi_items".into(), mem.xi_items as f64);
    m.insert("xi_bytes".into(), mem.xi_bytes as f64);
    m
}

fn reset_thread_counters() {
    crate::runtime::counters::reset();
    crate::memory::counters::reset();
}

fn add_counters(into: &mut BTreeMap<String, f64>, from: &BTreeMap<String, f64>) {
    for (k, v) in from {
        *into.entry(k.clone()).or_insert(0.0) += v;
    }
}

/// What a worker thread sends back after a sample: its result (or error), and after the last
/// sample its counters.
enum FromWorker<R> {
    /// An isolated worker's interpreter is ready: (start-up s, setup s), or why not.
    Ready(Result<(f64, f64), String>),
    Result(usize, Result<R, String>),
    Counters(BTreeMap<String, f64>),
}

/// Drive `samples` rounds: signal every worker, collect `threads` results, check them.
/// `receive` turns a worker's result into a main-interpreter value.
fn drive<M: ExecutionModel, R>(
    vm: &mut Vm<M>,
    check: &Value<M>,
    config: &WorkerConfig,
    go: &[channel::Sender<bool>],
    back: &channel::Receiver<FromWorker<R>>,
    mut receive: impl FnMut(&mut Vm<M>, R) -> Result<Value<M>, String>,
    report: &mut WorkerReport,
) {
    let rounds = config.warmup + config.repeat;
    let mut all_checked = true;
    for round in 0..rounds {
        let start = Instant::now();
        for g in go {
            let _ = g.send(true);
        }
        let mut results: Vec<Option<Result<R, String>>> = (0..go.len()).map(|_| None).collect();
        let mut got = 0;
        while got < go.len() {
            match vm.allow_threads(|| back.recv()) {
                Ok(FromWorker::Result(i, r)) => {
                    results[i] = Some(r);
                    got += 1;
                }
                Ok(FromWorker::Counters(_) | FromWorker::Ready(_)) => {}
                Err(_) => {
                    report.error = Some("internal error: a worker thread ended early".into());
                    return;
                }
            }
        }
        let elapsed = start.elapsed().as_secs_f64();
        let mut values = Vec::with_capacity(go.len());
        for (i, r) in results.into_iter().enumerate() {
            match r.expect("every worker answered") {
                Ok(r) => match receive(vm, r) {
                    Ok(v) => values.push(v),
                    Err(e) => {
                        report.error = Some(e);
                        return;
                    }
                },
                Err(e) => {
                    report.error = Some(format!("worker {i}: {e}"));
                    return;
                }
            }
        }
        if round >= config.warmup {
            report.samples_s.push(elapsed);
            if let Err(e) = run_check(vm, check, values, config) {
                all_checked = false;
                report.error.get_or_insert(e);
            }
        }
    }
    report.check_ok = all_checked;
}

/// Tell the workers to stop, and merge their counters into the report (per measured sample).
fn finish<M: ExecutionModel, R>(vm: &mut Vm<M>, go: Vec<channel::Sender<bool>>, back: &channel::Receiver<FromWorker<R>>, config: &WorkerConfig, report: &mut WorkerReport) {
    let n = go.len();
    for g in &go {
        let _ = g.send(false);
    }
    drop(go);
    let mut counters = BTreeMap::new();
    let mut got = 0;
    while got < n {
        match vm.allow_threads(|| back.recv()) {
            Ok(FromWorker::Counters(c)) => {
                add_counters(&mut counters, &c);
                got += 1;
            }
            Ok(FromWorker::Result(..) | FromWorker::Ready(_)) => {}
            Err(_) => break,
        }
    }
    let per = config.repeat.max(1) as f64;
    for v in counters.values_mut() {
        *v /= per;
    }
    report.counters = counters;
}

/// The worker loop: wait (detached) for a start signal, run `step`, send its result; after the
/// last round send this thread's counters (reset after the warm-up rounds).
fn worker_loop<M: ExecutionModel, R>(vm: &mut Vm<M>, index: usize, warmup: usize, go: channel::Receiver<bool>, back: channel::Sender<FromWorker<R>>, mut step: impl FnMut(&mut Vm<M>) -> Result<R, String>) {
    let mut round = 0;
    reset_thread_counters();
    while let Ok(true) = vm.allow_threads(|| go.recv()) {
        if round == warmup {
            reset_thread_counters();
        }
        let r = step(vm);
        round += 1;
        vm.flush_stdout();
        if back.send(FromWorker::Result(index, r)).is_err() {
            return;
        }
    }
    let _ = back.send(FromWorker::Counters(thread_counters()));
}

/// GIL and free-threaded builds: one interpreter, `setup` once, threads share the state.
fn run_shared<M: SharedHeap>(file: &Path, config: &WorkerConfig) -> WorkerReport {
    let mut report = WorkerReport::default();
    let t0 = Instant::now();
    let mut vm = Vm::<M>::new_interpreter();
    vm.set_native_stack_budget(MAIN_STACK - (16 << 20));
    report.startup_s = t0.elapsed().as_secs_f64();
    let wl = match load(&mut vm, file) {
        Ok(w) => w,
        Err(e) => return failed(e),
    };
    let t1 = Instant::now();
    let state = match call(&mut vm, &wl.setup, vec![Value::Int(config.size as i64)]) {
        Ok(s) => s,
        Err(e) => return failed(format!("setup: {e}")),
    };
    report.setup_s = t1.elapsed().as_secs_f64();

    let (back_tx, back_rx) = channel::unbounded::<FromWorker<Value<M>>>();
    let mut go = Vec::new();
    let mut handles = Vec::new();
    for i in 0..config.threads {
        let (go_tx, go_rx) = channel::bounded::<bool>(1);
        go.push(go_tx);
        let (work, state, back) = (wl.work.clone(), state.clone(), back_tx.clone());
        let (n, size, warmup) = (config.threads, config.size, config.warmup);
        let spawned = crate::vm::thread::spawn_thread(&vm, Some(format!("bench-worker-{i}")), move |vm: &mut Vm<M>| {
            worker_loop(vm, i, warmup, go_rx, back, |vm| call(vm, &work, vec![state.clone(), Value::Int(i as i64), Value::Int(n as i64), Value::Int(size as i64)]));
        });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => return failed(format!("cannot start worker thread {i}: {e}")),
        }
    }
    drop(back_tx);
    drive(&mut vm, &wl.check, config, &go, &back_rx, |_, v| Ok(v), &mut report);
    finish(&mut vm, go, &back_rx, config, &mut report);
    for h in handles {
        let _ = vm.allow_threads(|| h.join());
    }
    vm.flush_stdout();
    report
}

/// Subinterpreters: one interpreter per worker thread, each created on its thread with its own
/// `setup`; results are copied back to the main interpreter (`vm::xi`), inside the timed section.
fn run_isolated<M: ExecutionModel>(file: &Path, config: &WorkerConfig) -> WorkerReport {
    use crate::vm::xi;
    let mut report = WorkerReport::default();
    let mut vm = Vm::<M>::new_interpreter();
    vm.set_native_stack_budget(MAIN_STACK - (16 << 20));
    // The main interpreter only runs `check` (and rebuilds results), so it needs the module.
    let wl = match load(&mut vm, file) {
        Ok(w) => w,
        Err(e) => return failed(e),
    };
    let (back_tx, back_rx) = channel::unbounded::<FromWorker<xi::Shareable>>();
    let mut go = Vec::new();
    let mut handles = Vec::new();
    for i in 0..config.threads {
        let (go_tx, go_rx) = channel::bounded::<bool>(1);
        go.push(go_tx);
        let (back, file, config) = (back_tx.clone(), file.to_path_buf(), config.clone());
        let spawned = std::thread::Builder::new().name(format!("bench-interp-{i}")).stack_size(crate::vm::thread::PYTHON_THREAD_STACK).spawn(move || {
            let t0 = Instant::now();
            let mut vm = Vm::<M>::new_interpreter();
            vm.set_native_stack_budget(crate::vm::thread::PYTHON_THREAD_STACK - (4 << 20));
            let startup = t0.elapsed().as_secs_f64();
            let loaded = load(&mut vm, &file).and_then(|wl| {
                let t1 = Instant::now();
                let state = call(&mut vm, &wl.setup, vec![Value::Int(config.size as i64)]).map_err(|e| format!("setup: {e}"))?;
                Ok((wl, state, t1.elapsed().as_secs_f64()))
            });
            let (wl, state) = match loaded {
                Ok((wl, state, setup)) => {
                    let _ = back.send(FromWorker::Ready(Ok((startup, setup))));
                    (wl, state)
                }
                Err(e) => {
                    let _ = back.send(FromWorker::Ready(Err(e)));
                    return;
                }
            };
            let (n, size) = (config.threads as i64, config.size as i64);
            worker_loop(&mut vm, i, config.warmup, go_rx, back, |vm| {
                let r = call(vm, &wl.work, vec![state.clone(), Value::Int(i as i64), Value::Int(n), Value::Int(size)])?;
                xi::export(vm, &r).map_err(|e| format!("returning the result to the main interpreter: {}", describe(vm, &e)))
            });
            drop(vm);
            crate::runtime::thread_id::retire_current();
        });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => return failed(format!("cannot start worker interpreter {i}: {e}")),
        }
    }
    drop(back_tx);
    let (mut startups, mut setup_max, mut ready) = (Vec::new(), 0f64, 0);
    while ready < config.threads {
        match vm.allow_threads(|| back_rx.recv()) {
            Ok(FromWorker::Ready(Ok((startup, setup)))) => {
                startups.push(startup);
                setup_max = setup_max.max(setup);
                ready += 1;
            }
            Ok(FromWorker::Ready(Err(e))) => {
                report.error.get_or_insert(e);
                ready += 1;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    report.startup_s = startups.iter().sum::<f64>() / startups.len().max(1) as f64;
    report.setup_s = setup_max;
    if report.error.is_none() {
        drive(&mut vm, &wl.check, config, &go, &back_rx, |vm, s| xi::import(vm, &s).map_err(|e| describe(vm, &e)), &mut report);
    }
    finish(&mut vm, go, &back_rx, config, &mut report);
    for h in handles {
        let _ = vm.allow_threads(|| h.join());
    }
    vm.flush_stdout();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(name: &str, body: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("gilbench-worker-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.py"));
        std::fs::write(&path, body).unwrap();
        path
    }

    const SUM: &str = "META = {'category': 'cpu', 'size': 1000, 'doc': 'sum'}\n\
def setup(size):\n    return list(range(size))\n\
def work(state, worker, workers, size):\n    return sum(state[worker::workers])\n\
def check(results, size, workers):\n    return sum(results) == size * (size - 1) // 2\n";

    fn config(mode: ModelKind, threads: usize) -> WorkerConfig {
        WorkerConfig { mode, threads, size: 1000, warmup: 1, repeat: 3 }
    }

    #[test]
    fn every_model_runs_the_protocol() {
        let file = workload("sum", SUM);
        for mode in ModelKind::ALL {
            for threads in [1, 2, 3] {
                let r = run_config(&file, &config(mode, threads));
                assert_eq!(r.error, None, "{mode:?} x {threads}");
                assert!(r.check_ok);
                assert_eq!(r.samples_s.len(), 3);
                assert!(r.counters.contains_key("gil_acquisitions"));
            }
        }
    }

    #[test]
    fn failures_are_reported_not_panicked() {
        let wrong = workload("wrong", &SUM.replace("size * (size - 1) // 2", "-1"));
        let r = run_config(&wrong, &config(ModelKind::Gil, 2));
        assert!(!r.check_ok);
        assert!(r.error.as_deref().unwrap().starts_with("check failed"), "{:?}", r.error);
        assert_eq!(r.samples_s.len(), 3, "a failed check still reports its timings");

        let raises = workload("raises", &SUM.replace("return sum(state[worker::workers])", "return 1 // (worker - worker)"));
        let r = run_config(&raises, &config(ModelKind::FreeThreaded, 2));
        let e = r.error.unwrap();
        assert!(e.contains("ZeroDivisionError: integer division or modulo by zero"), "{e}");
        assert!(r.samples_s.is_empty());

        let shadowed = workload("queue", SUM);
        let r = run_config(&shadowed, &config(ModelKind::Gil, 1));
        assert!(r.error.unwrap().contains("taken by a builtin module"));

        let missing = workload("missing", "def setup(size):\n    return 1\n");
        let r = run_config(&missing, &config(ModelKind::Gil, 1));
        assert!(r.error.unwrap().contains("no `work` function"));
    }
}
