//! `sys.monitoring` (PEP 669) programs (tests/monitoring/*.py), run by the gilbench binary in all three execution models.
//!
//! These cannot live in the conformance corpus: the `python3` here is CPython 3.11, which has no
//! `sys.monitoring` (new in 3.12), so there is no CPython-generated `.expected`. Each `NAME.stdout`
//! was derived by hand from CPython 3.12's documented semantics and its implementation
//! (`Python/instrumentation.c`, the `error:`/`exception_unwind:` paths of `Python/ceval.c`, and the
//! expectations of `Lib/test/test_monitoring.py`): events and their arguments, callbacks run
//! highest tool id first, no events while a callback runs, `DISABLE` per location for local
//! events and ValueError for the others, RAISE once in each frame an exception passes through.
//! The programs print no instruction offsets (this project's are instruction index x 4, CPython's
//! index x 2 over a different bytecode): locations are shown as lines relative to the function's
//! `def` line, and they avoid constructs whose line tables differ between CPython 3.11 (which this
//! compiler follows) and 3.12 (see `vm::monitor`). Every program must exit 0 with exactly that
//! stdout (and no stderr).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("monitoring")
}

/// Run `NAME.py` in every mode and compare with `NAME.stdout`.
fn check(name: &str) {
    common::check_program_stdout(&dir(), name, Duration::from_secs(30));
}

#[test]
fn monitoring_api() {
    check("api");
}

#[test]
fn monitoring_call_events() {
    check("calls");
}

#[test]
fn monitoring_line_branch_jump_and_exception_events() {
    check("lines");
}

#[test]
fn monitoring_callbacks_see_the_monitored_frame() {
    check("frames");
}

/// Off-cost sanity: a program that never enables monitoring prints the same as CPython would,
/// whatever else it does with `sys` (the micro benchmark `benches/micro/monitoring_off.py`).
#[test]
fn monitoring_never_enabled_bench_program_runs() {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches").join("micro");
    for mode in common::MODES {
        let cmd = common::interpreter_command(mode, &bench, "monitoring_off.py", &[]);
        let out =
            common::run_with_timeout(cmd, common::timeout().max(Duration::from_secs(60)), None);
        assert_eq!(out.stdout, "monitoring_off checksum 1250075025\n", "[{mode}] {}", out.stderr);
    }
}
