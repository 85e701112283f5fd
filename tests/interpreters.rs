//! `concurrent.interpreters` and `InterpreterPoolExecutor` programs (tests/interpreters/*.py), run by the gilbench binary in all three execution models.
//!
//! These cannot live in the conformance corpus: the `python3` here is CPython 3.11, which has
//! neither module, so there is no CPython-generated `.expected`. Each `NAME.stdout` was written by
//! hand from the CPython 3.14 documentation and source (`Lib/concurrent/interpreters`,
//! `Python/crossinterp.c`), with these knowing differences, all gilbench's documented choices:
//! an uncopyable object raises `NotShareableError` (a `TypeError` subclass, as in 3.14) with
//! pickle's message (`cannot pickle 'generator' object`) instead of CPython's chained
//! "object could not be pickled"; lambdas and nested functions are refused (3.14 can send some
//! stateless functions as code); `call_in_thread` returns a small thread-like handle, not a
//! `threading.Thread`. Every program must exit 0 with exactly that stdout (and no stderr).

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
            line == "lock: no threading" || (line.starts_with("lock: NotShareableError: cannot pickle '") && line.contains("lock")),
            "[{mode}] {line:?} {}",
            out.stderr
        );
    }
}

/// A script without a `__main__` guard that sends its own function to a new interpreter is
/// re-run there (as in CPython 3.14); the nesting limit turns the runaway into an error.
#[test]
fn unguarded_script_hits_the_nesting_limit() {
    let tmp = std::env::temp_dir().join(format!("gilbench-interp-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("unguarded.py"), "from concurrent import interpreters\ndef f():\n    return 1\ninterpreters.create().call(f)\nprint('done')\n").unwrap();
    let cmd = common::interpreter_command("subinterpreters", &tmp, "unguarded.py", &[]);
    let out = common::run_with_timeout(cmd, Duration::from_secs(60), None);
    let _ = std::fs::remove_dir_all(&tmp);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("interpreters nested more than 16 deep"), "{}", out.stderr);
}
