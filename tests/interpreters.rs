//! `concurrent.interpreters` and `InterpreterPoolExecutor` programs (tests/interpreters/*.py), run by the gilbench binary in all three execution models.
//!
//! These cannot live in the conformance corpus: the `python3` here is CPython 3.11, which has
//! neither module. Two kinds of expectations:
//!
//! * `NAME.expected` (the conformance format, `@generated` header): recorded from a real
//!   CPython 3.14, for programs whose behaviour 3.14 and gilbench share. Regenerate with
//!   `GILBENCH_REGENERATE=1 GILBENCH_PYTHON314=/path/to/python3.14 cargo test --test interpreters`;
//!   with `GILBENCH_PYTHON314` set (or `python3.14` on `PATH`) the test also checks the recorded
//!   file against a live 3.14 run.
//! * `NAME.stdout`: written by hand for what gilbench does where 3.14 differs, all gilbench's
//!   documented choices: 3.14's `Interpreter.call` refuses arguments and results that are not
//!   natively shareable (gilbench copies them, as its queues and pools do); an uncopyable object
//!   raises `NotShareableError` (a `TypeError` subclass, as in 3.14) with pickle's message
//!   (`cannot pickle 'generator' object`) instead of CPython's chained "object could not be
//!   pickled"; definitions of the main script cross by value instead of by re-running the script
//!   as `<fake __main__>` (see `src/vm/xi_defs.rs`); `call_in_thread` returns a small thread-like
//!   handle, not a `threading.Thread`. Every such program must exit 0 with exactly that stdout
//!   (and no stderr).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("interpreters")
}

/// Run `NAME.py` in every mode and compare with `NAME.stdout`.
fn check(name: &str) {
    common::check_program_stdout(&dir(), name, Duration::from_secs(60));
}

#[test]
fn interpreters_basics() {
    check("basics");
}

#[test]
fn interpreters_isolation() {
    check("isolation");
}

#[test]
fn interpreters_queues() {
    check("queues");
}

#[test]
fn interpreters_main_script_classes() {
    check("main_classes");
}

#[test]
fn interpreter_pool_executor() {
    check("pool_executor");
}

/// A lock cannot cross: while the `threading` module is not merged this only checks that the
/// program runs; once it is, `Queue.put(threading.Lock())` must raise the clear TypeError.
#[test]
fn lock_is_not_shareable() {
    let code = "from concurrent import interpreters\ntry:\n    import threading\nexcept ImportError:\n    print('lock: no threading')\nelse:\n    q = interpreters.create_queue()\n    try:\n        q.put(threading.Lock())\n        print('lock: sent')\n    except TypeError as e:\n        print(f'lock: {type(e).__name__}: {e}')\n";
    for mode in common::MODES {
        let mut cmd = std::process::Command::new(common::gilbench_bin());
        cmd.args(["run", "--mode", mode, "-c", code]);
        let out = common::run_with_timeout(cmd, common::timeout(), None);
        let line = out.stdout.trim_end();
        assert!(
            line == "lock: no threading"
                || (line.starts_with("lock: NotShareableError: cannot pickle '")
                    && line.contains("lock")),
            "[{mode}] {line:?} {}",
            out.stderr
        );
    }
}

/// The environment variable naming a CPython 3.14 (the reference for `NAME.expected` here).
const ENV_PYTHON314: &str = "GILBENCH_PYTHON314";

/// The CPython 3.14 to compare with live: `GILBENCH_PYTHON314`, else `python3.14` on `PATH`.
fn python314() -> Option<String> {
    let candidate = std::env::var(ENV_PYTHON314)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "python3.14".into());
    let ok = std::process::Command::new(&candidate)
        .args(["-c", "import sys; from concurrent import interpreters; print(sys.version_info[:2] == (3, 14))"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "True")
        .unwrap_or(false);
    ok.then_some(candidate)
}

/// Run `NAME.py` in every mode and compare with `NAME.expected`, recorded from CPython 3.14
/// (rewritten first under `GILBENCH_REGENERATE=1`; checked against a live 3.14 when one exists).
fn check_against_314(name: &str) {
    let dir = dir();
    let file = format!("{name}.py");
    let path = dir.join(format!("{name}.expected"));
    let live = python314().map(|py| {
        let mut cmd = std::process::Command::new(&py);
        cmd.arg(&file).current_dir(&dir);
        common::apply_python_env(&mut cmd);
        let out = common::run_with_timeout(cmd, Duration::from_secs(60), None);
        let exit =
            out.code.unwrap_or_else(|| panic!("{file} under {py}: {}", out.describe_status()));
        common::Expected {
            exit,
            stdout: out.stdout,
            stderr: common::normalize_paths(&out.stderr, &dir),
        }
    });
    let header = format!("# @generated by python3.14 {file}; regenerate with GILBENCH_REGENERATE=1 {ENV_PYTHON314}=/path/to/python3.14 cargo test --test interpreters");
    if std::env::var(common::ENV_REGENERATE).is_ok_and(|v| v == "1") {
        let e = live.as_ref().unwrap_or_else(|| {
            panic!("regenerating {name}.expected needs CPython 3.14: set {ENV_PYTHON314}")
        });
        std::fs::write(&path, common::format_expected_with(&header, e)).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let expected =
        common::parse_expected(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Some(live) = &live {
        assert_eq!(
            live, &expected,
            "{name}.expected no longer matches a live CPython 3.14 run: regenerate it"
        );
    }
    let mut failures = Vec::new();
    for mode in common::MODES {
        let cmd = common::interpreter_command(mode, &dir, &file, &[]);
        let out =
            common::run_with_timeout(cmd, common::timeout().max(Duration::from_secs(60)), None);
        if let Some(p) = common::compare(&expected, &out, &dir) {
            failures.push(format!("--- {file} [{mode}]:\n{p}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A script without a `__main__` guard mapping its own functions over an interpreter pool,
/// calling them in an interpreter, a thread of it and through a queue: CPython 3.14 sends these
/// stateless functions as code and prints every top-level line once. Were any worker to re-run
/// the script, its first line would print again (and each re-run would start a pool of its own).
#[test]
fn unguarded_script_runs_once() {
    check_against_314("unguarded_main");
}

/// Functions and classes of the main script that use its globals cross by value: nothing of
/// the script runs again in a worker (CPython 3.14 re-runs it as `<fake __main__>` there, so an
/// unguarded line prints once per worker). Checked on a script whose guard is missing, by
/// counting its top-level line, in every model.
#[test]
fn main_definitions_cross_without_rerunning_the_script() {
    check("main_definitions");
}
