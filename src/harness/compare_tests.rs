//! Tests of `compare`'s logic with a mock launcher: rows, medians, the output check, explanations.
#![forbid(unsafe_code)]

use super::*;
use std::cell::RefCell;

/// Answers each run from a script of records per target label, in order.
struct Mock {
    answers: RefCell<BTreeMap<String, Vec<RunRecord>>>,
    calls: RefCell<Vec<(String, RunKind)>>,
}

fn rec(wall: f64, cpu: f64, out: &str, counters: &[(&str, f64)]) -> RunRecord {
    RunRecord {
        end: RunEnd::Exited { code: 0 },
        wall_s: wall,
        cpu_s: cpu,
        max_rss_bytes: 10 << 20,
        stdout: out.as_bytes().to_vec(),
        stderr_tail: String::new(),
        counters: (!counters.is_empty())
            .then(|| counters.iter().map(|(k, v)| (k.to_string(), *v)).collect()),
        timeline: None,
    }
}

impl RunLauncher for Mock {
    fn run(&self, target: &Target, kind: RunKind) -> RunRecord {
        self.calls.borrow_mut().push((target.label(), kind));
        let mut a = self.answers.borrow_mut();
        let list = a.get_mut(&target.label()).expect("a scripted target");
        if list.len() > 1 {
            list.remove(0)
        } else {
            list[0].clone()
        }
    }
}

fn options(targets: Vec<Target>, repeat: usize, warmup: usize, timeline: bool) -> CompareOptions {
    CompareOptions {
        script: "prog.py".into(),
        args: vec!["8".into()],
        targets,
        repeat,
        warmup,
        timeline,
    }
}

fn mock(answers: &[(&str, Vec<RunRecord>)]) -> Mock {
    Mock {
        answers: RefCell::new(answers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()),
        calls: RefCell::new(vec![]),
    }
}

#[test]
fn rows_take_medians_and_explain_a_parallel_speedup() {
    let m = mock(&[
        (
            "gil",
            vec![
                rec(
                    1.0,
                    1.0,
                    "42\n",
                    &[("thread_time_s", 4.0), ("gil_wait_s", 2.9), ("threads_started", 4.0)],
                ),
                rec(
                    1.2,
                    1.2,
                    "42\n",
                    &[("thread_time_s", 4.0), ("gil_wait_s", 3.1), ("threads_started", 4.0)],
                ),
                rec(
                    1.1,
                    1.1,
                    "42\n",
                    &[("thread_time_s", 4.0), ("gil_wait_s", 3.0), ("threads_started", 4.0)],
                ),
            ],
        ),
        (
            "free-threaded",
            vec![rec(
                0.55,
                1.9,
                "42\n",
                &[
                    ("thread_time_s", 2.2),
                    ("lock_wait_s", 0.1),
                    ("threads_started", 4.0),
                    ("refops_local", 90.0),
                    ("refops_shared", 10.0),
                ],
            )],
        ),
        ("cpython3.11", vec![rec(0.9, 0.9, "42\n", &[])]),
    ]);
    let targets = vec![
        Target::Model(ModelKind::Gil),
        Target::Model(ModelKind::FreeThreaded),
        Target::Python {
            path: "python3".into(),
            label: "cpython3.11".into(),
            description: "CPython 3.11.4, GIL enabled".into(),
        },
    ];
    let c = compare(&options(targets, 3, 1, false), &m, |_| {});
    assert_eq!(m.calls.borrow().len(), 12, "a warm-up and three runs per target");
    assert_eq!(c.rows[0].wall_s, Some(1.1));
    assert_eq!(
        c.rows[0].counter("gil_wait_s").map(|v| (v * 1000.0).round()),
        Some(3033.0),
        "counters are the mean over the measured runs (the warm-up took the first answer)"
    );
    assert!(c.output_differences.is_empty());
    assert_eq!(c.outputs_compared, 12);
    assert_eq!(c.fastest().unwrap().label, "free-threaded");
    let (verdict, per) = c.explanations();
    assert!(verdict.starts_with("fastest: free-threaded, 2.00x faster than gil"), "{verdict}");
    let ft = &per[1].1;
    assert!(ft.iter().any(|l| l.starts_with("3.45 cores busy")), "{ft:?}");
    assert!(ft.iter().any(|l| l.contains("5% of thread-time waiting on object locks")), "{ft:?}");
    assert!(
        ft.iter().any(|l| l.starts_with("10% of reference-count operations were atomic")),
        "{ft:?}"
    );
    let gil = &per[0].1;
    assert!(gil.iter().any(|l| l.contains("76% of thread-time waiting for the GIL")), "{gil:?}");
    let py = &per[2].1;
    assert!(py[0].starts_with("1.22x faster than gil"), "{py:?}");
    let table = render_table(&c);
    assert!(table.contains("output: identical in all 12 runs"), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with("free-threaded")
            && l.contains("0.55 s")
            && l.contains("1.90 s")),
        "{table}"
    );
}

#[test]
fn a_lock_bound_program_says_no_gain_and_why() {
    let m = mock(&[
        ("gil", vec![rec(1.0, 1.0, "ok\n", &[("thread_time_s", 4.0), ("threads_started", 4.0)])]),
        (
            "free-threaded",
            vec![rec(
                1.05,
                1.1,
                "ok\n",
                &[
                    ("thread_time_s", 4.2),
                    ("lock_wait_s", 2.6),
                    ("object_locks_contended", 25023.4),
                    ("threads_started", 4.0),
                ],
            )],
        ),
    ]);
    let c = compare(
        &options(
            vec![Target::Model(ModelKind::Gil), Target::Model(ModelKind::FreeThreaded)],
            1,
            0,
            false,
        ),
        &m,
        |_| {},
    );
    let (verdict, per) = c.explanations();
    assert!(verdict.starts_with("fastest: gil"), "{verdict}");
    assert!(per[1].1.iter().any(|l| l == "no gain: 62% of thread-time waiting on object locks (shared containers) (25023 contended acquisitions)"), "{:?}", per[1].1);
}

#[test]
fn a_racy_output_is_flagged_with_the_first_differing_line() {
    let m = mock(&[
        ("gil", vec![rec(1.0, 1.0, "a\ntotal 4000\n", &[])]),
        (
            "free-threaded",
            vec![rec(0.6, 1.2, "a\ntotal 4000\n", &[]), rec(0.6, 1.2, "a\ntotal 3817\n", &[])],
        ),
    ]);
    let c = compare(
        &options(
            vec![Target::Model(ModelKind::Gil), Target::Model(ModelKind::FreeThreaded)],
            2,
            0,
            false,
        ),
        &m,
        |_| {},
    );
    assert_eq!(c.output_differences.len(), 1);
    let d = &c.output_differences[0];
    assert_eq!(
        (d.run.as_str(), d.reference.as_str(), d.line, d.expected.as_str(), d.actual.as_str()),
        ("free-threaded (run 2)", "gil (run 1)", 2, "total 4000", "total 3817")
    );
    assert!(render_table(&c).contains("OUTPUT DIFFERS in 1 of 4 runs"));
}

#[test]
fn failures_are_rows_and_the_rest_still_compare() {
    let mut raised = rec(0.1, 0.1, "", &[]);
    raised.end = RunEnd::Exited { code: 1 };
    raised.stderr_tail =
        "Traceback (most recent call last):\nEOFError: EOF when reading a line".into();
    let mut hung = rec(5.0, 5.0, "", &[]);
    hung.end = RunEnd::TimedOut { secs: 5.0 };
    let m = mock(&[
        ("gil", vec![raised]),
        ("free-threaded", vec![hung]),
        (
            "subinterpreters",
            vec![rec(
                0.5,
                0.5,
                "",
                &[("threads_started", 0.0), ("interpreters_started", 0.0), ("thread_time_s", 0.5)],
            )],
        ),
    ]);
    let targets = ModelKind::ALL.iter().map(|m| Target::Model(*m)).collect();
    let c = compare(&options(targets, 1, 0, true), &m, |_| {});
    assert!(c.rows[0].problem.as_deref().unwrap().contains("exited with status 1: EOFError: EOF when reading a line (the program reads standard input: give it with --stdin FILE)"));
    assert_eq!(
        c.rows[1].problem.as_deref(),
        Some("timed out after 5 s (killed with everything it started)")
    );
    assert_eq!(c.rows[1].wall_s, None, "a killed run has no time");
    let (_, per) = c.explanations();
    assert!(
        per[2].1.iter().any(|l| l.starts_with("the script ran inside one interpreter as written")),
        "{:?}",
        per[2].1
    );
    assert!(
        per[2].1.iter().any(|l| l.starts_with("the program started no threads")),
        "{:?}",
        per[2].1
    );
    assert_eq!(
        first_difference(b"x\n", b"x\ny\n"),
        Some((2, "(end of output)".into(), "y".into()))
    );
}

#[test]
fn worker_command_line() {
    let a: Vec<String> = worker_args(
        ModelKind::FreeThreaded,
        Path::new("/t/r.json"),
        Some((Path::new("/t/tl.json"), 1000)),
        Path::new("p.py"),
        &["-v".into()],
    )
    .iter()
    .map(|s| s.to_string_lossy().into_owned())
    .collect();
    assert_eq!(
        a.join(" "),
        "__compare-worker --mode free-threaded --report /t/r.json --timeline /t/tl.json --timeline-cap 1000 -- p.py -v"
    );
}
