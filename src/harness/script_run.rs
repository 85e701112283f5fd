//! The worker side of `gilbench compare`: runs an unmodified script as `__main__` under one model and reports the counters of every thread and interpreter it started.
//!
//! Public API: [`run_script`] answering a [`ScriptReport`]. The parent (`compare.rs`) starts one
//! `gilbench __compare-worker` process per run; the worker's standard streams are the script's
//! own (the parent captures them), and the report goes to a file named on its command line.
//!
//! Counters: the worker turns on process-wide collection (`runtime::counters::
//! collect_process_totals`), so every Python context that ends (each thread, each pool job,
//! each interpreter's thread, and finally the main one) adds its thread's tallies to the
//! process totals. With collection off (bench workers) that hook is one relaxed load per
//! context end, never on a hot path.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::runtime::timeline::{self, Timeline};
use crate::runtime::{ExecutionModel, FreeThreaded, Gil, ModelKind, Subinterpreters};
use crate::vm::{ExitStatus, Vm};

use super::session::{Tally, MAIN_STACK};

/// What one run of a script reports to the parent (the exit status is also the worker's own).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScriptReport {
    /// The script's exit status (0, `sys.exit(n)`, 1 after an uncaught exception).
    pub exit_code: i32,
    /// Counters summed over every thread of the run (names as in bench rows, plus
    /// `threads_started`, `interpreters_started` and `thread_time_s`).
    pub counters: BTreeMap<String, f64>,
}

/// The counters of the whole process so far: ended contexts plus the calling thread.
pub fn process_counters() -> BTreeMap<String, f64> {
    let mut tally = Tally { counters: crate::runtime::counters::process_totals() };
    tally.merge(&Tally::current());
    let mut map = tally.to_map();
    map.insert("threads_started".into(), tally.counters.threads_started as f64);
    map.insert("interpreters_started".into(), tally.counters.interpreters_started as f64);
    map.insert("thread_time_s".into(), tally.counters.thread_time_ns as f64 / 1e9);
    map
}

/// Run `source` as `__main__` in a fresh interpreter of model `M` on the calling thread, whose
/// native stack is `stack_bytes` (Python calls recurse on it), with `sys.argv` = `argv` and
/// `dir` first on the import path; the exit status. `gilbench run` and the compare worker both
/// run programs through this.
pub fn run_main_program<M: ExecutionModel>(
    source: &str,
    filename: &str,
    argv: Vec<String>,
    dir: Option<PathBuf>,
    stack_bytes: usize,
) -> i32 {
    let mut vm = Vm::<M>::new_interpreter();
    vm.set_native_stack_budget(stack_bytes - (16 << 20));
    vm.interp().set_argv(argv);
    if let Some(d) = dir {
        vm.interp().append_search_path(d);
    }
    let status = match vm.run_main(source, filename) {
        ExitStatus::Ok => 0,
        ExitStatus::Code(c) => c,
    };
    // Dropping the context adds the main thread's tallies to the process totals.
    drop(vm);
    status
}

/// Run `script` with `args` (its `sys.argv[1:]`) as `__main__` under `mode`, on a thread with
/// a large native stack, collecting every thread's counters, and with `timeline_cap` each
/// thread's states (the script's thread is the `main` lane).
pub fn run_script(
    mode: ModelKind,
    script: &Path,
    args: &[String],
    timeline_cap: Option<usize>,
) -> Result<(ScriptReport, Option<Timeline>), String> {
    let bytes = std::fs::read(script)
        .map_err(|e| format!("can't open file '{}': {e}", script.display()))?;
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let abs = std::path::absolute(script).unwrap_or_else(|_| script.to_path_buf());
    let dir = abs.parent().map(Path::to_path_buf);
    let filename = abs.to_string_lossy().into_owned();
    let mut argv = vec![script.to_string_lossy().into_owned()];
    argv.extend(args.iter().cloned());
    crate::runtime::counters::collect_process_totals(true);
    Tally::reset_current();
    let handle = std::thread::Builder::new()
        .name("gilbench-script".into())
        .stack_size(MAIN_STACK)
        .spawn(move || {
            Tally::reset_current();
            if let Some(cap) = timeline_cap {
                timeline::start(cap);
            }
            match mode {
                ModelKind::Gil => {
                    run_main_program::<Gil>(&source, &filename, argv, dir, MAIN_STACK)
                }
                ModelKind::FreeThreaded => {
                    run_main_program::<FreeThreaded>(&source, &filename, argv, dir, MAIN_STACK)
                }
                ModelKind::Subinterpreters => {
                    run_main_program::<Subinterpreters>(&source, &filename, argv, dir, MAIN_STACK)
                }
            }
        });
    let exit_code = match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => return Err("internal error: the interpreter thread panicked".into()),
    };
    let recorded = timeline_cap.map(|_| timeline::finish(mode.name()));
    Ok((ScriptReport { exit_code, counters: process_counters() }, recorded))
}
