//! The in-process side of `gilbench bench`: runs one workload file in one model at one thread count and reports timings.
//!
//! The sweep (`bench.rs`) re-executes the binary once per configuration; the child calls
//! [`run_config`], which loads the workload, runs `setup`, times the parallel section of each
//! sample and runs `check`, and hands back a [`WorkerReport`] that the child writes as JSON.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::runtime::ModelKind;

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
    /// Runtime counters (GIL, locks, refcounts, copies), merged over all threads.
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

/// Run `file` under `config` in this process.
pub fn run_config(file: &Path, config: &WorkerConfig) -> WorkerReport {
    let _ = (file, config);
    WorkerReport { error: Some("the in-process worker is not implemented yet".into()), ..Default::default() }
}
