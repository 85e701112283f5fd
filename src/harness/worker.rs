//! The worker-process side of `gilbench bench`: runs one workload file in one model at one thread count and reports timings.
//!
//! The sweep (`bench.rs`) re-executes the binary once per configuration; the child calls
//! [`run_config`], which starts a [`ConfigSession`] (the one in-process runner, shared with the
//! criterion benches: see `session.rs` for how each model runs the protocol), runs `warmup`
//! unchecked rounds, resets the counters, runs `repeat` measured rounds (each timed alone and
//! checked, each from a fresh `setup` unless the workload says `META["setup"] = "once"`), and
//! hands back a [`WorkerReport`] that the child writes as JSON.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::runtime::ModelKind;

pub use super::session::{peak_rss_bytes, ConfigSession, Rounds, Tally, MAIN_STACK};

/// What one configuration (workload x model x threads) measured, as the worker process reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkerReport {
    /// Wall time of the parallel section, one entry per measured sample (warm-up excluded).
    pub samples_s: Vec<f64>,
    /// Seconds of one `setup(size)` (for subinterpreters: the slowest worker's): the mean over
    /// the measured samples of the setup that built each one's fresh state, or the one setup of a
    /// `META["setup"] = "once"` workload. Never part of `samples_s`.
    pub setup_s: f64,
    /// Interpreter start-up (for subinterpreters: mean per interpreter).
    pub startup_s: f64,
    /// `check(results, size, workers)` answered True on every sample.
    pub check_ok: bool,
    /// Null, or what went wrong (an exception's last traceback line, a failed check).
    pub error: Option<String>,
    /// Runtime counters (GIL, locks, refcounts, copies, waits), per measured sample, summed over
    /// the worker threads and the main thread's timed sections; names in [`Tally::to_map`].
    /// `peak_rss_bytes` is the exception: the worker process's peak resident set, once per
    /// configuration (absent where `/proc/self/status` is not available).
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

/// Counters whose value is for the whole configuration, not divided per sample (a peak, a maximum).
const PER_CONFIG: &[&str] = &["peak_rss_bytes", "heap_peak_bytes", "gc_pause_max_s"];

/// Run `file` under `config` in this process.
pub fn run_config(file: &Path, config: &WorkerConfig) -> WorkerReport {
    let mut session = match ConfigSession::start(file, config.mode, config.threads, config.size) {
        Ok(s) => s,
        Err(e) => return WorkerReport { error: Some(e), ..Default::default() },
    };
    let mut report = WorkerReport {
        startup_s: session.startup_s(),
        setup_s: session.setup_s(),
        ..Default::default()
    };
    let measured = session
        .warm_up(config.warmup)
        .and_then(|()| session.reset_counters())
        .and_then(|()| session.rounds(config.repeat));
    match measured {
        Ok(r) => {
            report.samples_s = r.times.iter().map(|t| t.as_secs_f64()).collect();
            if !r.setups.is_empty() {
                report.setup_s = r.setups.iter().sum::<f64>() / r.setups.len() as f64;
            }
            report.check_ok = r.check.is_ok();
            report.error = r.check.err();
        }
        Err(e) => report.error = Some(e),
    }
    match session.counters() {
        Ok(mut counters) => {
            let per = config.repeat.max(1) as f64;
            for (k, v) in counters.iter_mut() {
                if !PER_CONFIG.contains(&k.as_str()) {
                    *v /= per;
                }
            }
            report.counters = counters;
        }
        Err(e) => {
            report.error.get_or_insert(e);
        }
    }
    if let Err(e) = session.finish() {
        report.error.get_or_insert(e);
    }
    report
}

/// Tallies of the calling thread since its last reset, by the names reports use.
pub fn thread_counters() -> BTreeMap<String, f64> {
    Tally::current().to_map()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(name: &str, body: &str) -> crate::harness::temp_script::TempScript {
        crate::harness::temp_script::TempScript::new("gilbench-worker", name, body)
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

    /// Per-sample setup: `setup_s` is the mean of the measured samples' setups, and a workload
    /// that mutates its state (tests/fixtures/workloads/fresh_state.py) passes in every model.
    #[test]
    fn every_sample_gets_a_fresh_state_and_setup_s_says_what_it_cost() {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workloads/fresh_state.py");
        for mode in ModelKind::ALL {
            let r = run_config(
                &file,
                &WorkerConfig { mode, threads: 2, size: 3000, warmup: 2, repeat: 3 },
            );
            assert_eq!(r.error, None, "{mode:?}");
            assert!(r.check_ok && r.samples_s.len() == 3, "{mode:?}: {r:?}");
            assert!(r.setup_s > 0.0 && r.setup_s < 1.0, "{mode:?}: {}", r.setup_s);
        }
    }

    #[test]
    fn failures_are_reported_not_panicked() {
        let wrong = workload("wrong", &SUM.replace("size * (size - 1) // 2", "-1"));
        let r = run_config(&wrong, &config(ModelKind::Gil, 2));
        assert!(!r.check_ok);
        assert!(r.error.as_deref().unwrap().starts_with("check failed"), "{:?}", r.error);
        assert_eq!(r.samples_s.len(), 3, "a failed check still reports its timings");

        let raises = workload(
            "raises",
            &SUM.replace("return sum(state[worker::workers])", "return 1 // (worker - worker)"),
        );
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
