//! `gilbench bench`: the sweep of workloads x models x thread counts, one launched worker per configuration.
//!
//! The sweep never runs Python itself: it reads each workload's `META` from the file text
//! ([`super::meta`]), then hands every configuration to a [`ConfigLauncher`] (the real one
//! re-executes this binary as `gilbench __bench-worker`, see [`super::launcher`]; tests use a
//! mock) and turns each outcome into a [`BenchRow`]. A failed configuration (error, crash,
//! timeout, failed check) becomes a row saying so, and the sweep goes on.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use thiserror::Error;

use super::meta::{parse_meta, MetaError, WorkloadMeta};
use super::python::PythonRun;
use super::results::{fill_speedups, BenchRow};
use super::worker::{WorkerConfig, WorkerReport};
use crate::runtime::ModelKind;

/// Why `gilbench bench` could not start (bad input; nothing was run).
#[derive(Debug, Error)]
pub enum BenchError {
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
    #[error("{0}: no *.py workload files in this directory")]
    EmptyDir(PathBuf),
    #[error("{path}: cannot read: {reason}")]
    Read { path: PathBuf, reason: std::io::Error },
    #[error("{path}: {reason}")]
    Meta { path: PathBuf, reason: MetaError },
    #[error("no workload files given")]
    NoInputs,
}

/// Why one configuration produced no report.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LaunchError {
    #[error("cannot start the worker: {0}")]
    Spawn(String),
    #[error("timed out after {secs} s (killed)")]
    TimedOut { secs: f64 },
    /// Killed by a signal. SIGKILL that was not our timeout usually means the kernel's
    /// out-of-memory killer, which the message says (a `--memory-limit` makes that a MemoryError).
    #[error("crashed (signal {signal}{}){}", name.map(|n| format!(", {n}")).unwrap_or_default(), if *signal == 9 { ": killed from outside, e.g. by the kernel's out-of-memory killer (--memory-limit turns that into a MemoryError)" } else { "" })]
    Crashed { signal: i32, name: Option<&'static str> },
    /// The worker ended without a report: a non-zero status (an uncaught error in the harness,
    /// or the workload's `os._exit(n)`), or status 0 before the report (`os._exit(0)`).
    #[error("worker exited with status {code}{}{}", if *code == 0 { " before writing its report" } else { "" }, tail_suffix(stderr_tail))]
    Exited { code: i32, stderr_tail: String },
    /// The worker's memory ran out (`--memory-limit`, or the machine's): its last word on it.
    #[error("out of memory (MemoryError): {detail}")]
    OutOfMemory { detail: String },
    #[error("invalid worker report: {0}")]
    BadReport(String),
}

fn tail_suffix(tail: &str) -> String {
    if tail.trim().is_empty() {
        String::new()
    } else {
        format!(":\n{}", tail.trim_end())
    }
}

/// One configuration to run: a workload file under one model at one thread count.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchRequest {
    pub file: PathBuf,
    pub config: WorkerConfig,
    /// Kill the worker after this long.
    pub timeout: Duration,
    /// Run on this real interpreter (through the driver script) instead of a gilbench model;
    /// `config.mode` is then ignored.
    pub python: Option<PythonRun>,
    /// Cap the worker process's memory at this many bytes (`--memory-limit`).
    pub memory_limit: Option<u64>,
}

impl LaunchRequest {
    /// The row's mode column: the model's name, or the real interpreter's label (`cpython3.11`).
    pub fn label(&self) -> &str {
        match &self.python {
            Some(run) => &run.label,
            None => self.config.mode.name(),
        }
    }
}

/// Runs one configuration somewhere (a fresh worker process, or a mock) and returns its report.
pub trait ConfigLauncher {
    fn launch(&self, request: &LaunchRequest) -> Result<WorkerReport, LaunchError>;
}

/// A workload file and its `META`.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The file stem, e.g. `cpu_loop`.
    pub name: String,
    pub path: PathBuf,
    pub meta: WorkloadMeta,
}

/// Where each configuration's size comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SizeChoice {
    /// `META["size"]`.
    Meta,
    /// `--size N`: the same size for every workload.
    Fixed(u64),
    /// `--size-scale F`: `META["size"]` times F, rounded, at least 1.
    Scale(f64),
}

impl SizeChoice {
    pub fn resolve(self, meta_size: u64) -> u64 {
        match self {
            SizeChoice::Meta => meta_size,
            SizeChoice::Fixed(n) => n,
            SizeChoice::Scale(f) => ((meta_size as f64 * f).round() as u64).max(1),
        }
    }
}

/// The sweep's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchOptions {
    pub modes: Vec<ModelKind>,
    pub threads: Vec<usize>,
    pub size: SizeChoice,
    pub repeat: usize,
    pub warmup: usize,
    pub timeout: Duration,
    /// Real interpreters (`--python`) run after the models, each as its own set of rows.
    pub pythons: Vec<PythonRun>,
    /// `--memory-limit`: cap each worker process's memory at this many bytes (see
    /// [`super::limits`]).
    pub memory_limit: Option<u64>,
}

/// Default thread counts: 1, 2 and `cores`, deduplicated and sorted.
pub fn default_threads(cores: usize) -> Vec<usize> {
    normalize_threads(vec![1, 2, cores.max(1)])
}

/// Thread counts sorted, deduplicated, zeros dropped.
pub fn normalize_threads(mut threads: Vec<usize>) -> Vec<usize> {
    threads.retain(|&t| t > 0);
    threads.sort_unstable();
    threads.dedup();
    threads
}

/// Models in the order given, duplicates dropped.
pub fn normalize_modes(modes: Vec<ModelKind>) -> Vec<ModelKind> {
    let mut out = Vec::new();
    for m in modes {
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

impl BenchOptions {
    /// The defaults of the spec: every model, threads 1, 2 and the core count, 5 samples after 1 warm-up, 300 s timeout.
    pub fn defaults(cores: usize) -> BenchOptions {
        BenchOptions {
            modes: ModelKind::ALL.to_vec(),
            threads: default_threads(cores),
            size: SizeChoice::Meta,
            repeat: 5,
            warmup: 1,
            timeout: Duration::from_secs(300),
            pythons: Vec::new(),
            memory_limit: None,
        }
    }
}

/// The workload files named by `inputs`: files as given, directories as their `*.py` files,
/// sorted; a file named twice runs once.
pub fn find_workload_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, BenchError> {
    if inputs.is_empty() {
        return Err(BenchError::NoInputs);
    }
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|reason| BenchError::Read { path: input.clone(), reason })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "py"))
                .collect();
            if found.is_empty() {
                return Err(BenchError::EmptyDir(input.clone()));
            }
            found.sort();
            files.extend(found);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            return Err(BenchError::NotFound(input.clone()));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

/// Read one workload file's `META`.
pub fn load_workload(path: &Path) -> Result<Workload, BenchError> {
    let bytes = std::fs::read(path)
        .map_err(|reason| BenchError::Read { path: path.to_path_buf(), reason })?;
    let meta = parse_meta(&String::from_utf8_lossy(&bytes))
        .map_err(|reason| BenchError::Meta { path: path.to_path_buf(), reason })?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Workload { name, path: path.to_path_buf(), meta })
}

/// Every workload named by `inputs`, checked up front so a typo fails before a long sweep starts.
pub fn load_workloads(inputs: &[PathBuf]) -> Result<Vec<Workload>, BenchError> {
    find_workload_files(inputs)?.iter().map(|p| load_workload(p)).collect()
}

/// Hears about the sweep's progress (the CLI prints; tests ignore it).
pub trait SweepObserver {
    /// Configuration `index` (0-based) of `total` is about to run.
    fn starting(&mut self, _index: usize, _total: usize, _request: &LaunchRequest) {}
    /// Configuration `index` (0-based) of `total` has run; `row` is its outcome (speedups not yet filled).
    fn config_done(
        &mut self,
        _index: usize,
        _total: usize,
        _request: &LaunchRequest,
        _row: &BenchRow,
    ) {
    }
    /// Every configuration of one workload has run (rows in table order, speedups filled).
    fn workload_done(&mut self, _rows: &[BenchRow]) {}
}

/// An observer that does nothing.
pub struct Quiet;
impl SweepObserver for Quiet {}

/// The configurations of one workload, in table order: models as given, then the real
/// interpreters as given; thread counts ascending within each.
pub fn requests_for(workload: &Workload, options: &BenchOptions) -> Vec<LaunchRequest> {
    let size = options.size.resolve(workload.meta.size);
    let runners = options
        .modes
        .iter()
        .map(|&mode| (mode, None))
        .chain(options.pythons.iter().map(|p| (ModelKind::Gil, Some(p.clone()))));
    let mut out = Vec::new();
    for (mode, python) in runners {
        for &threads in &options.threads {
            out.push(LaunchRequest {
                file: workload.path.clone(),
                config: WorkerConfig {
                    mode,
                    threads,
                    size,
                    warmup: options.warmup,
                    repeat: options.repeat,
                },
                timeout: options.timeout,
                python: python.clone(),
                memory_limit: options.memory_limit,
            });
        }
    }
    out
}

/// The row of one configuration's outcome.
pub fn row_from(
    workload: &Workload,
    request: &LaunchRequest,
    outcome: Result<WorkerReport, LaunchError>,
) -> BenchRow {
    let c = &request.config;
    let mut row = BenchRow::new(
        &workload.name,
        &workload.path.display().to_string(),
        workload.meta.category.clone(),
        request.label(),
        c.threads,
        c.size,
    );
    row.interpreter = request.python.as_ref().map(PythonRun::description);
    row.doc = workload.meta.doc.clone();
    row.caveat = workload.meta.caveat.clone();
    match outcome {
        Ok(report) => {
            row.set_samples(report.samples_s);
            row.setup_s = report.setup_s;
            row.startup_s = report.startup_s;
            row.check_ok = report.check_ok;
            row.error = report.error;
            row.counters = report.counters;
            if row.error.is_none() && row.samples_s.is_empty() {
                row.error = Some("the worker reported no samples".into());
            }
        }
        Err(e) => row.error = Some(e.to_string()),
    }
    row
}

/// Run every workload under every model and thread count; rows come back in table order
/// (workloads as given, models as given, threads ascending) with speedups filled.
pub fn run_sweep(
    launcher: &dyn ConfigLauncher,
    workloads: &[Workload],
    options: &BenchOptions,
    observer: &mut dyn SweepObserver,
) -> Vec<BenchRow> {
    let plan: Vec<(&Workload, Vec<LaunchRequest>)> =
        workloads.iter().map(|w| (w, requests_for(w, options))).collect();
    let total: usize = plan.iter().map(|(_, r)| r.len()).sum();
    let mut index = 0;
    let mut all = Vec::with_capacity(total);
    for (workload, requests) in plan {
        let mut rows = Vec::with_capacity(requests.len());
        for request in &requests {
            observer.starting(index, total, request);
            let row = row_from(workload, request, launcher.launch(request));
            observer.config_done(index, total, request, &row);
            index += 1;
            rows.push(row);
        }
        fill_speedups(&mut rows);
        observer.workload_done(&rows);
        all.extend(rows);
    }
    all
}

#[cfg(test)]
#[path = "bench_tests.rs"]
mod tests;
