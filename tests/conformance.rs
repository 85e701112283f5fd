//! Conformance corpus: every tests/conformance/**/*.py program must match CPython's recorded exit status, stdout and traceback in all three execution models.

mod common;

use common::{Outcome, Program, MODES};

/// Runs every program in every mode (with extra environment `env`) and checks it against its `.expected`.
fn run_corpus(label: &str, env: &[(&str, &str)]) {
    let programs = programs_or_skip(label);
    let jobs: Vec<(Program, &str)> =
        programs.iter().flat_map(|p| MODES.iter().map(move |m| (p.clone(), *m))).collect();
    let timeout = common::timeout();
    let outcomes = common::parallel_map(&jobs, |(p, mode)| {
        let failure = match common::load_expected(p) {
            Err(e) => Some(format!("  {e}\n")),
            Ok(expected) => {
                let mut cmd = common::interpreter_command(mode, &p.dir, &p.file, &[]);
                for (k, v) in env {
                    cmd.env(k, v);
                }
                let out = common::run_with_timeout(cmd, timeout, None);
                common::compare(&expected, &out, &p.dir)
            }
        };
        Outcome { program: p.name.clone(), mode: mode.to_string(), failure }
    });
    common::finish(label, outcomes);
}

fn programs_or_skip(label: &str) -> Vec<Program> {
    let programs = common::programs();
    assert!(
        !programs.is_empty() || std::env::var(common::ENV_FILTER).is_ok(),
        "{label}: no programs found under {}",
        common::corpus_root().display()
    );
    programs
}

#[test]
fn conformance_all_modes() {
    if common::regenerate_if_requested() {
        return;
    }
    run_corpus("conformance", &[]);
}

#[test]
fn conformance_gc_stress() {
    if common::regenerate_if_requested() {
        return;
    }
    run_corpus("conformance-gc-stress", &[("GILBENCH_GC_STRESS", "1")]);
}

/// The committed expectations still match a live python3 (catches drift in the corpus).
#[test]
fn corpus_matches_live_python3() {
    if common::regenerate_if_requested() {
        return;
    }
    if !common::python_available() {
        common::report_line(&format!(
            "corpus_matches_live_python3: skipped, {} not on PATH or not CPython 3.11",
            common::python_cmd()
        ));
        return;
    }
    let programs = programs_or_skip("python3-drift");
    let outcomes = common::parallel_map(&programs, |p| {
        let failure = match (common::load_expected(p), common::python_reference(p)) {
            (Err(e), _) | (_, Err(e)) => Some(format!("  {e}\n")),
            (Ok(expected), Ok(live)) => {
                let as_run = common::RunOutput {
                    code: Some(live.exit),
                    signal: None,
                    timed_out: false,
                    spawn_error: None,
                    stdout: live.stdout,
                    stderr: live.stderr,
                    elapsed: Default::default(),
                };
                common::compare(&expected, &as_run, &p.dir).map(|f| {
                    format!("{f}  (live python3 no longer matches the committed .expected: regenerate with GILBENCH_REGENERATE=1 cargo test --test conformance, or make the program deterministic)\n")
                })
            }
        };
        Outcome { program: p.name.clone(), mode: common::python_cmd(), failure }
    });
    common::finish("python3-drift", outcomes);
}

/// gilbench (GIL build) matches a live python3 run of the same program.
#[test]
fn gilbench_matches_live_python3() {
    if common::regenerate_if_requested() {
        return;
    }
    if !common::python_available() {
        common::report_line(&format!(
            "gilbench_matches_live_python3: skipped, {} not on PATH or not CPython 3.11",
            common::python_cmd()
        ));
        return;
    }
    let programs = programs_or_skip("python3-parity");
    let timeout = common::timeout();
    let outcomes = common::parallel_map(&programs, |p| {
        let failure = match common::python_reference(p) {
            Err(e) => Some(format!("  {e}\n")),
            Ok(live) => {
                let out = common::run_with_timeout(
                    common::interpreter_command("gil", &p.dir, &p.file, &[]),
                    timeout,
                    None,
                );
                common::compare(&live, &out, &p.dir)
            }
        };
        Outcome { program: p.name.clone(), mode: "gil vs live python3".to_string(), failure }
    });
    common::finish("python3-parity", outcomes);
}

/// The `.expected` format round-trips, including output without a trailing newline.
#[test]
fn expected_format_round_trips() {
    for (stdout, stderr) in [
        ("", ""),
        ("a\n", ""),
        ("a\nb", "x\n"),
        ("\n\n", "Traceback\n  File \"a.py\", line 1, in <module>\nE: m\n"),
        ("no newline", ""),
    ] {
        let e =
            common::Expected { exit: 1, stdout: stdout.to_string(), stderr: stderr.to_string() };
        let text = common::format_expected("x.py", &e);
        assert_eq!(common::parse_expected(&text).unwrap(), e, "round trip of {text:?}");
    }
    let tb =
        "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n    f()\n    ^^^\nValueError: bad\n";
    let tb_plain = "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\nValueError: bad\n";
    assert_eq!(common::traceback_skeleton(tb), common::traceback_skeleton(tb_plain));
    assert_eq!(common::traceback_skeleton(tb).len(), 3);
    // Frames inside threading/queue (CPython's .py files, gilbench's frozen sources) are skipped.
    let cpython = "Exception in thread T:\nTraceback (most recent call last):\n  File \"/usr/lib/python3.11/threading.py\", line 1045, in _bootstrap_inner\n    self.run()\n  File \"x.py\", line 3, in w\nValueError: bad\n";
    let ours = "Exception in thread T:\nTraceback (most recent call last):\n  File \"<frozen threading>\", line 474, in _bootstrap_inner\n  File \"x.py\", line 3, in w\nValueError: bad\n";
    assert_eq!(common::traceback_skeleton(cpython), common::traceback_skeleton(ours));
    assert_eq!(common::traceback_skeleton(ours).len(), 4);
}
