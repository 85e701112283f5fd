//! Tests of the `gilbench bench` sweep against a mock launcher: order, speedups, failures, JSON, exit status.
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;

use super::*;
use crate::harness::results::{exit_status, render, to_json, RowStatus};

/// Canned outcomes per (workload stem, mode name, threads); records every request in order.
#[derive(Default)]
struct MockLauncher {
    outcomes: HashMap<(String, String, usize), Result<WorkerReport, LaunchError>>,
    seen: RefCell<Vec<LaunchRequest>>,
}

impl MockLauncher {
    fn ok(mut self, workload: &str, mode: ModelKind, threads: usize, samples: &[f64]) -> Self {
        let report = WorkerReport {
            samples_s: samples.to_vec(),
            setup_s: 0.01,
            startup_s: 0.002,
            check_ok: true,
            error: None,
            counters: [("gil_switches".to_string(), threads as f64)].into(),
        };
        self.outcomes.insert((workload.into(), mode.name().into(), threads), Ok(report));
        self
    }

    /// A canned report for a real interpreter's rows, keyed by their label (`cpython3.11`).
    fn ok_labelled(mut self, workload: &str, label: &str, threads: usize, samples: &[f64]) -> Self {
        let report =
            WorkerReport { samples_s: samples.to_vec(), check_ok: true, ..Default::default() };
        self.outcomes.insert((workload.into(), label.into(), threads), Ok(report));
        self
    }

    fn outcome(
        mut self,
        workload: &str,
        mode: ModelKind,
        threads: usize,
        outcome: Result<WorkerReport, LaunchError>,
    ) -> Self {
        self.outcomes.insert((workload.into(), mode.name().into(), threads), outcome);
        self
    }
}

impl ConfigLauncher for MockLauncher {
    fn launch(&self, request: &LaunchRequest) -> Result<WorkerReport, LaunchError> {
        self.seen.borrow_mut().push(request.clone());
        let stem = request.file.file_stem().unwrap().to_string_lossy().into_owned();
        self.outcomes
            .get(&(stem, request.label().to_string(), request.config.threads))
            .cloned()
            .unwrap_or_else(|| Err(LaunchError::Spawn("no canned outcome".into())))
    }
}

fn workload(name: &str, size: u64) -> Workload {
    Workload {
        name: name.into(),
        path: PathBuf::from(format!("workloads/{name}.py")),
        meta: WorkloadMeta {
            size,
            category: Some("cpu".into()),
            doc: None,
            caveat: None,
            setup: Default::default(),
        },
    }
}

fn options(modes: &[ModelKind], threads: &[usize]) -> BenchOptions {
    BenchOptions {
        modes: modes.to_vec(),
        threads: threads.to_vec(),
        size: SizeChoice::Meta,
        repeat: 3,
        warmup: 1,
        timeout: Duration::from_secs(60),
        pythons: Vec::new(),
        memory_limit: None,
    }
}

use ModelKind::{FreeThreaded as Ft, Gil, Subinterpreters as Sub};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn rows_follow_workloads_then_models_then_threads_with_both_speedups() {
    let launcher = MockLauncher::default()
        .ok("a", Gil, 1, &[1.0, 1.2, 0.8])
        .ok("a", Gil, 2, &[1.0])
        .ok("a", Ft, 1, &[2.0])
        .ok("a", Ft, 2, &[0.5])
        .ok("b", Gil, 1, &[4.0])
        .ok("b", Gil, 2, &[2.0])
        .ok("b", Ft, 1, &[4.0])
        .ok("b", Ft, 2, &[1.0]);
    let rows = run_sweep(
        &launcher,
        &[workload("a", 100), workload("b", 7)],
        &options(&[Gil, Ft], &[1, 2]),
        &mut Quiet,
    );
    let order: Vec<(String, String, usize)> =
        rows.iter().map(|r| (r.workload.clone(), r.mode.clone(), r.threads)).collect();
    let expected: Vec<(String, String, usize)> = [
        ("a", "gil", 1),
        ("a", "gil", 2),
        ("a", "free-threaded", 1),
        ("a", "free-threaded", 2),
        ("b", "gil", 1),
        ("b", "gil", 2),
        ("b", "free-threaded", 1),
        ("b", "free-threaded", 2),
    ]
    .iter()
    .map(|(w, m, t)| (w.to_string(), m.to_string(), *t))
    .collect();
    assert_eq!(order, expected);
    assert_eq!(launcher.seen.borrow().len(), 8, "one launch per configuration, in row order");
    // a: gil 1t median 1.0; ft 1t 2.0, ft 2t 0.5 -> 4x its own 1 thread, 2x the GIL build at 1 thread.
    assert!(close(rows[0].speedup_vs_1t, 1.0) && close(rows[0].speedup_vs_gil_1t, 1.0));
    assert!(close(rows[1].speedup_vs_1t, 1.0));
    assert!(close(rows[2].speedup_vs_1t, 1.0) && close(rows[2].speedup_vs_gil_1t, 0.5));
    assert!(close(rows[3].speedup_vs_1t, 4.0) && close(rows[3].speedup_vs_gil_1t, 2.0));
    // b's baselines are b's own rows, not a's.
    assert!(close(rows[7].speedup_vs_1t, 4.0) && close(rows[7].speedup_vs_gil_1t, 4.0));
    assert_eq!(rows[4].size, 7);
    assert_eq!(rows[0].counters["gil_switches"], 1.0);
    assert!(close(rows[0].spread_pct, 20.0));
    assert_eq!(exit_status(&rows), 0);
    let table = render(&rows);
    assert!(table.starts_with("a (size 100, cpu)\n"), "{table}");
    assert!(table.contains("\nb (size 7, cpu)\n"), "{table}");
    assert!(
        table.lines().any(|l| l.contains("free-threaded")
            && l.contains("4.00x")
            && l.contains("2.00x")
            && l.ends_with("ok")),
        "{table}"
    );
}

#[test]
fn json_rows_have_the_documented_fields() {
    let mut launcher = MockLauncher::default().ok("a", Gil, 1, &[0.5, 0.7]);
    launcher = launcher.outcome("a", Gil, 2, Err(LaunchError::TimedOut { secs: 60.0 }));
    let rows = run_sweep(&launcher, &[workload("a", 100)], &options(&[Gil], &[1, 2]), &mut Quiet);
    let doc: serde_json::Value = serde_json::from_str(&to_json(&rows)).unwrap();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for key in [
        "workload",
        "mode",
        "threads",
        "size",
        "samples_s",
        "median_s",
        "setup_s",
        "startup_s",
        "check_ok",
        "error",
        "counters",
        "speedup_vs_1t",
        "speedup_vs_gil_1t",
    ] {
        assert!(results.iter().all(|r| r.get(key).is_some()), "missing {key}: {doc}");
    }
    let ok = &results[0];
    assert_eq!(ok["workload"], "a");
    assert_eq!(ok["mode"], "gil");
    assert_eq!(ok["threads"], 1);
    assert_eq!(ok["size"], 100);
    assert_eq!(ok["samples_s"], serde_json::json!([0.5, 0.7]));
    assert!((ok["median_s"].as_f64().unwrap() - 0.6).abs() < 1e-9);
    assert_eq!(ok["check_ok"], true);
    assert!(ok["error"].is_null());
    assert!(ok["counters"].is_object());
    let failed = &results[1];
    assert_eq!(failed["error"], "timed out after 60 s (killed)");
    assert_eq!(failed["check_ok"], false);
    assert!(failed["median_s"].is_null() && failed["speedup_vs_1t"].is_null());
    // Round trip: the JSON reads back as the same rows.
    #[derive(serde::Deserialize)]
    struct Doc {
        results: Vec<BenchRow>,
    }
    let back: Doc = serde_json::from_str(&to_json(&rows)).unwrap();
    assert_eq!(back.results, rows);
}

#[test]
fn a_failed_check_is_loud_and_never_a_speedup() {
    let bad = WorkerReport { samples_s: vec![0.1], check_ok: false, ..Default::default() };
    let launcher = MockLauncher::default()
        .ok("a", Gil, 1, &[1.0])
        .outcome("a", Gil, 2, Ok(bad.clone()))
        .outcome("a", Ft, 1, Ok(bad))
        .ok("a", Ft, 2, &[0.5]);
    let rows =
        run_sweep(&launcher, &[workload("a", 10)], &options(&[Gil, Ft], &[1, 2]), &mut Quiet);
    assert_eq!(rows[1].status(), RowStatus::CheckFailed);
    assert_eq!((rows[1].speedup_vs_1t, rows[1].speedup_vs_gil_1t), (None, None));
    // ft's own 1-thread row failed its check: no same-model speedup, but the GIL baseline still counts.
    assert_eq!(rows[3].speedup_vs_1t, None);
    assert!(close(rows[3].speedup_vs_gil_1t, 2.0));
    assert_eq!(exit_status(&rows), 1);
    let table = render(&rows);
    let line = table.lines().find(|l| l.contains(" gil ") && l.contains("      2 ")).unwrap();
    assert!(
        line.contains("        -         -  CHECK FAILED") && !line.contains("10.00x"),
        "{table}"
    );
}

#[test]
fn errors_crashes_and_hangs_become_rows_and_the_sweep_completes() {
    let exception = WorkerReport {
        error: Some("ZeroDivisionError: division by zero".into()),
        ..Default::default()
    };
    let launcher = MockLauncher::default()
        .ok("a", Gil, 1, &[1.0])
        .outcome("a", Gil, 2, Err(LaunchError::Crashed { signal: 11, name: Some("SIGSEGV") }))
        .outcome("a", Sub, 1, Ok(exception))
        .outcome(
            "a",
            Sub,
            2,
            Err(LaunchError::Exited {
                code: 70,
                stderr_tail: "thread 'main' panicked\nnote: run with RUST_BACKTRACE=1".into(),
            }),
        )
        .ok("b", Gil, 1, &[1.0])
        .ok("b", Gil, 2, &[0.6])
        .ok("b", Sub, 1, &[1.0])
        .outcome("b", Sub, 2, Ok(WorkerReport { check_ok: true, ..Default::default() }));
    let rows = run_sweep(
        &launcher,
        &[workload("a", 10), workload("b", 10)],
        &options(&[Gil, Sub], &[1, 2]),
        &mut Quiet,
    );
    assert_eq!(rows.len(), 8, "every configuration has a row");
    assert_eq!(rows[1].error.as_deref(), Some("crashed (signal 11, SIGSEGV)"));
    assert_eq!(rows[2].error.as_deref(), Some("ZeroDivisionError: division by zero"));
    assert!(rows[3]
        .error
        .as_deref()
        .unwrap()
        .starts_with("worker exited with status 70:\nthread 'main' panicked"));
    assert_eq!(
        rows[7].error.as_deref(),
        Some("the worker reported no samples"),
        "an empty report is not a success"
    );
    assert!(rows[1..4]
        .iter()
        .chain(&rows[7..])
        .all(|r| r.status() == RowStatus::Error && r.speedup_vs_1t.is_none()));
    assert!(close(rows[5].speedup_vs_1t, 1.0 / 0.6));
    assert_eq!(exit_status(&rows), 1);
    let table = render(&rows);
    assert!(
        table.contains("  gil                    2  error: crashed (signal 11, SIGSEGV)\n"),
        "{table}"
    );
    assert!(
        table.contains("  subinterpreters        1  error: ZeroDivisionError: division by zero\n"),
        "{table}"
    );
    assert!(
        table.contains("error: worker exited with status 70:\n        thread 'main' panicked\n"),
        "{table}"
    );
}

#[test]
fn missing_baselines_give_no_speedup() {
    let launcher = MockLauncher::default().ok("a", Ft, 2, &[1.0]).ok("a", Ft, 4, &[0.5]);
    let rows = run_sweep(
        &launcher,
        &[workload("a", 10)],
        &options(&[Ft], &[4, 2, 2]).with_normalized(),
        &mut Quiet,
    );
    assert_eq!(rows.iter().map(|r| r.threads).collect::<Vec<_>>(), vec![2, 4]);
    assert!(rows.iter().all(|r| r.speedup_vs_1t.is_none() && r.speedup_vs_gil_1t.is_none()));
    assert_eq!(exit_status(&rows), 0, "no baseline is not a failure");
    assert!(
        render(&rows).lines().nth(2).unwrap().contains("        -         -  ok"),
        "{}",
        render(&rows)
    );
}

impl BenchOptions {
    fn with_normalized(mut self) -> Self {
        self.threads = normalize_threads(self.threads);
        self.modes = normalize_modes(self.modes);
        self
    }
}

#[test]
fn sizes_and_request_parameters() {
    assert_eq!(SizeChoice::Meta.resolve(1000), 1000);
    assert_eq!(SizeChoice::Fixed(5).resolve(1000), 5);
    assert_eq!(SizeChoice::Scale(0.01).resolve(1050), 11);
    assert_eq!(SizeChoice::Scale(0.0001).resolve(1000), 1, "a scaled size is at least 1");
    let mut opts = options(&[Sub], &[3]);
    opts.size = SizeChoice::Scale(0.5);
    opts.repeat = 7;
    opts.warmup = 2;
    let reqs = requests_for(&workload("a", 1000), &opts);
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        reqs[0].config,
        WorkerConfig { mode: Sub, threads: 3, size: 500, warmup: 2, repeat: 7 }
    );
    assert_eq!(reqs[0].timeout, Duration::from_secs(60));
    assert_eq!(reqs[0].file, PathBuf::from("workloads/a.py"));
}

#[test]
fn defaults_and_normalization() {
    assert_eq!(default_threads(1), vec![1, 2]);
    assert_eq!(default_threads(2), vec![1, 2]);
    assert_eq!(default_threads(8), vec![1, 2, 8]);
    assert_eq!(normalize_threads(vec![4, 0, 1, 4]), vec![1, 4]);
    assert_eq!(normalize_modes(vec![Sub, Gil, Sub]), vec![Sub, Gil]);
    let d = BenchOptions::defaults(4);
    assert_eq!(
        (d.modes, d.threads, d.repeat, d.warmup, d.size),
        (ModelKind::ALL.to_vec(), vec![1, 2, 4], 5, 1, SizeChoice::Meta)
    );
}

#[test]
fn the_observer_hears_every_configuration_and_workload() {
    #[derive(Default)]
    struct Log(Vec<String>);
    impl SweepObserver for Log {
        fn starting(&mut self, index: usize, total: usize, r: &LaunchRequest) {
            self.0.push(format!(
                "{}/{} {} {}",
                index + 1,
                total,
                r.config.mode.name(),
                r.config.threads
            ));
        }
        fn config_done(&mut self, index: usize, _total: usize, r: &LaunchRequest, row: &BenchRow) {
            assert_eq!((row.mode.as_str(), row.threads), (r.config.mode.name(), r.config.threads));
            self.0.push(format!("ran {}", index + 1));
        }
        fn workload_done(&mut self, rows: &[BenchRow]) {
            self.0.push(format!("done {} {}", rows[0].workload, rows.len()));
        }
    }
    let launcher = MockLauncher::default();
    let mut log = Log::default();
    let rows = run_sweep(
        &launcher,
        &[workload("a", 1), workload("b", 1)],
        &options(&[Gil], &[1, 2]),
        &mut log,
    );
    assert_eq!(
        log.0,
        [
            "1/4 gil 1",
            "ran 1",
            "2/4 gil 2",
            "ran 2",
            "done a 2",
            "3/4 gil 1",
            "ran 3",
            "4/4 gil 2",
            "ran 4",
            "done b 2"
        ]
    );
    assert!(rows
        .iter()
        .all(|r| r.error.as_deref() == Some("cannot start the worker: no canned outcome")));
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("gilbench-bench-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn inputs_expand_directories_and_bad_inputs_fail_before_anything_runs() {
    let s = Scratch::new("inputs");
    let d = &s.0;
    std::fs::write(d.join("b.py"), "META = {'size': 2}\n").unwrap();
    std::fs::write(d.join("a.py"), "META = {'size': 1, 'category': 'io'}\n").unwrap();
    std::fs::write(d.join("notes.txt"), "not a workload").unwrap();
    let files = find_workload_files(&[d.clone(), d.join("a.py")]).unwrap();
    assert_eq!(files, vec![d.join("a.py"), d.join("b.py")], "sorted *.py only, each once");
    let loaded = load_workloads(std::slice::from_ref(d)).unwrap();
    assert_eq!(
        (loaded[0].name.as_str(), loaded[0].meta.size, loaded[0].meta.category.as_deref()),
        ("a", 1, Some("io"))
    );

    let missing = load_workloads(&[d.join("nope.py")]).unwrap_err();
    assert!(matches!(missing, BenchError::NotFound(_)));
    assert!(missing.to_string().ends_with("nope.py: no such file or directory"), "{missing}");

    std::fs::write(d.join("c.py"), "def work(state, worker, workers, size):\n    return 1\n")
        .unwrap();
    let no_meta = load_workloads(std::slice::from_ref(d)).unwrap_err();
    let msg = no_meta.to_string();
    assert!(msg.contains("c.py") && msg.contains("META"), "{msg}");

    let empty = Scratch::new("empty");
    assert!(matches!(
        load_workloads(std::slice::from_ref(&empty.0)).unwrap_err(),
        BenchError::EmptyDir(_)
    ));
    assert!(matches!(load_workloads(&[]).unwrap_err(), BenchError::NoInputs));
}

#[test]
fn the_bundled_workloads_load() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("workloads");
    let names: Vec<String> = load_workloads(&[dir]).unwrap().into_iter().map(|w| w.name).collect();
    for expected in ["cpu_loop", "locked_counter", "recursion", "shared_list_append", "sleep_io"] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing from {names:?}");
    }
}

#[test]
fn real_interpreters_run_after_the_models_with_their_own_rows_and_labels() {
    use crate::harness::python::{runs_for, PythonInfo};
    let info = PythonInfo {
        implementation: "CPython".into(),
        version: "3.14.0".into(),
        build: None,
        gil_enabled: true,
        free_threaded_build: false,
        interpreters: true,
    };
    let (runs, notes) = runs_for(Path::new("/usr/bin/python3.14"), &info, &mut Vec::new());
    assert!(notes.is_empty());
    let mut opts = options(&[Gil], &[1, 2]);
    opts.pythons = runs;
    let launcher = MockLauncher::default()
        .ok("a", Gil, 1, &[2.0])
        .ok("a", Gil, 2, &[2.0])
        .ok_labelled("a", "cpython3.14", 1, &[1.0])
        .ok_labelled("a", "cpython3.14", 2, &[1.0])
        .ok_labelled("a", "cpython3.14-interpreters", 1, &[1.0])
        .ok_labelled("a", "cpython3.14-interpreters", 2, &[0.5]);
    let rows = run_sweep(&launcher, &[workload("a", 10)], &opts, &mut Quiet);
    let got: Vec<(&str, usize)> = rows.iter().map(|r| (r.mode.as_str(), r.threads)).collect();
    assert_eq!(
        got,
        [
            ("gil", 1),
            ("gil", 2),
            ("cpython3.14", 1),
            ("cpython3.14", 2),
            ("cpython3.14-interpreters", 1),
            ("cpython3.14-interpreters", 2)
        ]
    );
    assert_eq!(rows[0].interpreter, None);
    assert_eq!(rows[2].interpreter.as_deref(), Some("CPython 3.14.0, GIL enabled, threads"));
    assert_eq!(
        rows[4].interpreter.as_deref(),
        Some("CPython 3.14.0, GIL enabled, one interpreter per worker")
    );
    assert!(
        close(rows[5].speedup_vs_1t, 2.0),
        "a real interpreter's speedup is against its own 1-thread row"
    );
    assert!(
        close(rows[2].speedup_vs_gil_1t, 2.0),
        "and its time is compared with gilbench's GIL build at 1 thread"
    );
    let seen = launcher.seen.borrow();
    assert!(seen[2].python.is_some() && seen[0].python.is_none());
}
