//! Tests of the recommendation rules: hand-made rows, and mock-launcher sweeps of typical workload profiles.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Duration;

use super::*;
use crate::harness::bench::{
    run_sweep, ConfigLauncher, LaunchError, LaunchRequest, Quiet, SizeChoice, Workload,
};
use crate::harness::meta::WorkloadMeta;
use crate::harness::worker::WorkerReport;

/// Canned reports per (mode name, threads).
#[derive(Default)]
struct Profile(HashMap<(String, usize), WorkerReport>);

impl Profile {
    /// `median` seconds (five samples around it, ±1%), with counters.
    fn run(mut self, mode: &str, threads: usize, median: f64, counters: &[(&str, f64)]) -> Self {
        let samples = [0.99, 1.0, 1.01, 0.995, 1.005].iter().map(|f| f * median).collect();
        let counters: BTreeMap<String, f64> =
            counters.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        self.0.insert(
            (mode.into(), threads),
            WorkerReport {
                samples_s: samples,
                setup_s: 0.001,
                startup_s: 0.001,
                check_ok: true,
                error: None,
                counters,
            },
        );
        self
    }

    fn report(mut self, mode: &str, threads: usize, report: WorkerReport) -> Self {
        self.0.insert((mode.into(), threads), report);
        self
    }
}

impl ConfigLauncher for Profile {
    fn launch(&self, r: &LaunchRequest) -> Result<WorkerReport, LaunchError> {
        self.0
            .get(&(r.config.mode.name().to_string(), r.config.threads))
            .cloned()
            .ok_or_else(|| LaunchError::Spawn("no canned report".into()))
    }
}

fn sweep(profile: &Profile, category: &str) -> Vec<BenchRow> {
    let w = Workload {
        name: "w".into(),
        path: PathBuf::from("workloads/w.py"),
        meta: WorkloadMeta {
            caveat: None,
            size: 1000,
            category: Some(category.into()),
            doc: None,
            setup: Default::default(),
        },
    };
    let base = BenchOptions {
        modes: ModelKind::ALL.to_vec(),
        threads: vec![],
        size: SizeChoice::Meta,
        repeat: 5,
        warmup: 1,
        timeout: Duration::from_secs(10),
        pythons: Vec::new(),
        memory_limit: None,
    };
    let opts = sweep_options(&[2], base);
    assert_eq!(opts.threads, vec![1, 2]);
    assert_eq!(opts.modes, ModelKind::ALL.to_vec());
    run_sweep(profile, &[w], &opts, &mut Quiet)
}

fn order(rec: &Recommendation) -> Vec<&str> {
    rec.models.iter().filter(|m| m.rank.is_some()).map(|m| m.mode.as_str()).collect()
}

fn model<'a>(rec: &'a Recommendation, mode: &str) -> &'a Assessment {
    rec.models.iter().find(|m| m.mode == mode).unwrap()
}

#[test]
fn cpu_bound_ranks_the_parallel_models_above_the_gil() {
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.01, &[("gil_wait_s", 0.95)])
        .run("free-threaded", 1, 1.15, &[])
        .run("free-threaded", 2, 0.58, &[("object_locks", 100.0), ("lock_wait_s", 0.035)])
        .run("subinterpreters", 1, 1.02, &[])
        .run("subinterpreters", 2, 0.52, &[("xi_items", 2.0), ("xi_bytes", 64.0)]);
    let rec = recommend(&sweep(&p, "cpu"), "w", 2);
    assert_eq!(order(&rec), ["subinterpreters", "free-threaded", "gil"], "{}", render(&rec));
    assert_eq!(rec.choice.as_deref(), Some("subinterpreters"));
    let gil = model(&rec, "gil");
    assert!(
        gil.notes[0].starts_with("no parallel speedup on CPU-bound work (0.99x"),
        "{:?}",
        gil.notes
    );
    assert!(
        gil.notes.iter().any(|n| n.starts_with("threads wait for the GIL 47% of the time")),
        "{:?}",
        gil.notes
    );
    let ft = model(&rec, "free-threaded");
    assert!(
        ft.notes.iter().any(|n| n == "single-thread overhead +15% against the GIL build"),
        "{:?}",
        ft.notes
    );
    assert!(ft.notes.iter().any(|n| n == "lock contention 3.0% of time"), "{:?}", ft.notes);
    assert!(
        model(&rec, "subinterpreters").notes.is_empty(),
        "64 bytes of results are not worth a note: {:?}",
        model(&rec, "subinterpreters").notes
    );
    let text = render(&rec);
    assert!(text.contains("\n1. subinterpreters — 1.92x at 2 threads (0.52 s)\n"), "{text}");
    assert!(
        text.contains(
            "\n3. gil — 0.99x at 2 threads (1.01 s); no parallel speedup on CPU-bound work"
        ),
        "{text}"
    );
    assert!(text.trim_end().lines().last().unwrap().starts_with("Recommendation: subinterpreters — fastest (1.92x the GIL build's 1-thread speed at 2 threads), 12% ahead of free-threaded"), "{text}");
}

#[test]
fn shared_lock_heavy_work_puts_free_threaded_last_with_the_contention_reason() {
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.02, &[])
        .run("free-threaded", 1, 1.1, &[])
        .run(
            "free-threaded",
            2,
            1.9,
            &[
                ("object_locks", 2.0e6),
                ("object_locks_contended", 9.0e5),
                ("refops_shared", 3.0e6),
                ("refops_local", 1.0e6),
            ],
        )
        .run("subinterpreters", 1, 1.0, &[])
        .run("subinterpreters", 2, 0.55, &[]);
    let rec = recommend(&sweep(&p, "shared"), "w", 2);
    assert_eq!(order(&rec), ["subinterpreters", "gil", "free-threaded"], "{}", render(&rec));
    let ft = model(&rec, "free-threaded");
    assert!(
        ft.notes.iter().any(|n| n
            == "heavy lock contention: 45% of 2.0 M object-lock acquisitions per run contended"),
        "{:?}",
        ft.notes
    );
    assert!(
        ft.notes.iter().any(|n| n.starts_with("75% of reference-count updates are atomic")),
        "{:?}",
        ft.notes
    );
    assert!(
        ft.notes.iter().any(|n| n.starts_with("no parallel speedup (0.58x")),
        "not a cpu workload: {:?}",
        ft.notes
    );
    // With lock_wait_s reported, the share of time is what is shown.
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.0, &[])
        .run("free-threaded", 1, 1.0, &[])
        .run("free-threaded", 2, 2.0, &[("lock_wait_s", 1.6), ("object_locks", 10.0)])
        .run("subinterpreters", 1, 1.0, &[])
        .run("subinterpreters", 2, 1.5, &[]);
    let rec = recommend(&sweep(&p, "shared"), "w", 2);
    assert_eq!(order(&rec), ["gil", "subinterpreters", "free-threaded"], "{}", render(&rec));
    assert!(
        model(&rec, "free-threaded")
            .notes
            .contains(&"heavy lock contention 40% of time".to_string()),
        "{}",
        render(&rec)
    );
}

#[test]
fn a_huge_copy_penalises_subinterpreters_with_the_copy_reason() {
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.0, &[])
        .run("free-threaded", 1, 1.05, &[])
        .run("free-threaded", 2, 0.55, &[])
        .run("subinterpreters", 1, 1.6, &[("xi_bytes", 4.0e8), ("xi_copy_s", 0.6)])
        .run(
            "subinterpreters",
            2,
            1.4,
            &[
                ("xi_bytes", 4.0e8),
                ("xi_items", 1.0e6),
                ("xi_copy_s", 1.2),
                ("peak_rss_bytes", 9.0e8),
            ],
        )
        .run("gil", 2, 1.0, &[("peak_rss_bytes", 3.0e8)]);
    let rec = recommend(&sweep(&p, "data"), "w", 2);
    assert_eq!(order(&rec), ["free-threaded", "gil", "subinterpreters"], "{}", render(&rec));
    let sub = model(&rec, "subinterpreters");
    assert!(
        sub.notes.contains(&"400 MB copied per run (copying 43% of time)".to_string()),
        "{:?}",
        sub.notes
    );
    assert!(
        sub.notes.contains(&"peak memory 900 MB (3.0x the GIL build's)".to_string()),
        "{:?}",
        sub.notes
    );
    assert!(
        sub.notes.iter().any(|n| n.starts_with("single-thread overhead +60%")),
        "{:?}",
        sub.notes
    );
}

#[test]
fn a_failed_check_or_an_error_disqualifies_and_says_why() {
    let wrong = WorkerReport {
        samples_s: vec![0.2; 5],
        setup_s: 0.0,
        startup_s: 0.0,
        check_ok: false,
        error: Some("check returned False".into()),
        counters: BTreeMap::new(),
    };
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.0, &[])
        .run("free-threaded", 1, 1.0, &[])
        .report("free-threaded", 2, wrong.clone())
        .run("subinterpreters", 1, 1.0, &[])
        .report(
            "subinterpreters",
            2,
            WorkerReport {
                error: Some("TypeError: cannot pickle 'lock' object\n".into()),
                ..Default::default()
            },
        );
    let rec = recommend(&sweep(&p, "cpu"), "w", 2);
    assert_eq!(order(&rec), ["gil"]);
    assert_eq!(
        model(&rec, "free-threaded").disqualified.as_deref(),
        Some("check failed at 2 threads: the results were wrong (lost or corrupted updates)")
    );
    assert_eq!(
        model(&rec, "subinterpreters").disqualified.as_deref(),
        Some("error at 2 threads: TypeError: cannot pickle 'lock' object")
    );
    let text = render(&rec);
    assert!(
        text.contains("\n-. free-threaded — disqualified: check failed at 2 threads"),
        "{text}"
    );
    assert!(text.contains("Recommendation: gil — the only model that ran correctly (1.00x the GIL build's 1-thread speed at 2 threads)"), "{text}");

    // A failed check at 1 thread disqualifies as well, even when the 2-thread row passed.
    let p = Profile::default()
        .run("gil", 1, 1.0, &[])
        .run("gil", 2, 1.0, &[])
        .report("free-threaded", 1, wrong)
        .run("free-threaded", 2, 0.5, &[]);
    let rec = recommend(&sweep(&p, "cpu"), "w", 2);
    assert_eq!(
        model(&rec, "free-threaded").disqualified.as_deref(),
        Some("check failed at 1 thread: the results were wrong (lost or corrupted updates)")
    );
    assert!(
        model(&rec, "subinterpreters")
            .disqualified
            .as_deref()
            .unwrap()
            .starts_with("error at 2 threads: cannot start the worker"),
        "{:?}",
        model(&rec, "subinterpreters")
    );

    let none = recommend(&[], "w", 2);
    assert_eq!(none.choice, None);
    assert!(none.line.starts_with("Recommendation: none"), "{}", none.line);
    assert!(none
        .models
        .iter()
        .all(|m| m.disqualified.as_deref() == Some("not measured at 2 threads")));
}

fn row(mode: &str, threads: usize, samples: &[f64]) -> BenchRow {
    let mut r = BenchRow::new("w", "w.py", Some("io".into()), mode, threads, 10);
    r.set_samples(samples.to_vec());
    r.check_ok = true;
    r
}

#[test]
fn within_noise_the_simpler_model_wins() {
    // io-bound: every model overlaps the waits; free-threaded is 2% faster, the GIL build still wins.
    let rows = vec![
        row("gil", 1, &[2.0; 5]),
        row("gil", 2, &[1.00, 1.01, 0.99, 1.02, 0.98]),
        row("free-threaded", 1, &[2.0; 5]),
        row("free-threaded", 2, &[0.98, 0.99, 0.97, 1.00, 0.96]),
        row("subinterpreters", 1, &[2.0; 5]),
        row("subinterpreters", 2, &[0.97, 0.98, 0.96, 0.99, 0.95]),
    ];
    let rec = recommend(&rows, "w", 2);
    assert_eq!(order(&rec), ["gil", "free-threaded", "subinterpreters"], "{}", render(&rec));
    assert!(
        rec.line.starts_with("Recommendation: gil — within noise of subinterpreters (3% apart) and the simpler model"),
        "{}",
        rec.line
    );

    // 20% apart, but the samples vary by ±30%: within noise, and flagged as unstable.
    let rows = vec![
        row("gil", 1, &[2.0; 5]),
        row("gil", 2, &[1.0, 1.6, 0.7, 1.4, 1.2]),
        row("free-threaded", 2, &[1.0, 0.9, 0.6, 1.5, 1.1]),
    ];
    let rec = recommend(&rows, "w", 2);
    assert_eq!(order(&rec), ["gil", "free-threaded"], "{}", render(&rec));
    assert!(
        rec.line.starts_with(
            "Recommendation: gil — within noise of free-threaded (20% apart) and the simpler model"
        ),
        "{}",
        rec.line
    );
    assert!(rec.line.contains("(results unstable: rerun with more --repeat"), "{}", rec.line);
    assert!(
        model(&rec, "gil").notes.iter().any(|n| n == "results unstable (samples vary by ±30%)"),
        "{:?}",
        model(&rec, "gil").notes
    );
    let mut noisy_1t = rows.clone();
    noisy_1t[1] = row("gil", 2, &[1.00, 1.01, 0.99, 1.02, 0.98]);
    noisy_1t[0] = row("gil", 1, &[2.0, 2.8, 1.4, 2.0, 2.0]);
    assert!(
        model(&recommend(&noisy_1t, "w", 2), "gil")
            .notes
            .contains(&"results unstable (1-thread samples vary by ±24%)".to_string()),
        "{}",
        render(&recommend(&noisy_1t, "w", 2))
    );
    let mut old_json = rows;
    old_json.iter_mut().for_each(|r| r.unstable = false);
    assert!(
        model(&recommend(&old_json, "w", 2), "gil").unstable,
        "rows without the flag (older JSON) are judged from their samples"
    );

    // 11% apart with steady-looking samples that still overlap: the U test (p = 138/252) cannot tell them apart.
    let rows = vec![
        row("gil", 1, &[2.0; 5]),
        row("gil", 2, &[1.00, 1.01, 1.02, 1.03, 1.04]),
        row("free-threaded", 2, &[0.90, 0.91, 0.92, 1.035, 1.045]),
    ];
    let rec = recommend(&rows, "w", 2);
    assert_eq!(order(&rec), ["gil", "free-threaded"], "{}", render(&rec));
    assert!(
        rec.line.contains("within noise of free-threaded (11% apart, not significant: p = 0.55)"),
        "{}",
        rec.line
    );

    // Clearly separated: the faster model wins even though it is less simple.
    let rows = vec![
        row("gil", 1, &[2.0; 5]),
        row("gil", 2, &[1.00, 1.01, 0.99, 1.02, 0.98]),
        row("free-threaded", 2, &[0.80, 0.81, 0.79, 0.82, 0.78]),
    ];
    assert_eq!(order(&recommend(&rows, "w", 2)), ["free-threaded", "gil"]);
}

#[test]
fn one_off_costs_are_reported_with_their_pay_back() {
    let mut sub = row("subinterpreters", 2, &[0.50, 0.51, 0.49, 0.52, 0.48]);
    sub.startup_s = 0.3;
    sub.setup_s = 0.1;
    let rows = vec![row("gil", 1, &[1.0; 5]), row("gil", 2, &[1.00, 1.01, 0.99, 1.02, 0.98]), sub];
    let rec = recommend(&rows, "w", 2);
    assert_eq!(order(&rec), ["subinterpreters", "gil"]);
    assert_eq!(
        model(&rec, "subinterpreters").notes,
        vec!["start-up + setup 0.40 s per interpreter, paid back after 1 run reusing the interpreters".to_string()]
    );
    assert_eq!(threads_in(&rows, "w", &ModelKind::ALL), Some(2));
    assert_eq!(
        threads_in(&rows, "w", &[ModelKind::FreeThreaded]),
        None,
        "only the models asked for count"
    );
    assert_eq!(threads_in(&rows, "other", &ModelKind::ALL), None);
    assert_eq!(default_threads(1), 2);
    assert_eq!(default_threads(8), 8);
    // Different sizes are flagged.
    let mut rows = rows;
    rows[2].size = 99;
    assert!(recommend(&rows, "w", 2).remarks[0].contains("different sizes"));
}

/// `--modes` ranks only the models asked for; the GIL build at 1 thread stays the headline's
/// baseline when it was measured, and the order is the simplicity order whatever the order asked.
#[test]
fn only_the_models_asked_for_are_ranked() {
    let rows = vec![
        row("gil", 1, &[1.0; 5]),
        row("gil", 2, &[1.0; 5]),
        row("free-threaded", 1, &[1.1; 5]),
        row("free-threaded", 2, &[0.6; 5]),
        row("subinterpreters", 1, &[1.0; 5]),
        row("subinterpreters", 2, &[0.5; 5]),
    ];
    let rec =
        recommend_among(&rows, "w", 2, &[ModelKind::Subinterpreters, ModelKind::FreeThreaded]);
    assert_eq!(order(&rec), ["subinterpreters", "free-threaded"], "{}", render(&rec));
    assert_eq!(rec.models.len(), 2, "the GIL build is not listed at all: {}", render(&rec));
    assert!(
        (rec.models[0].speedup.unwrap() - 2.0).abs() < 1e-9,
        "speedup still against the GIL build at 1 thread"
    );
    let only_ft = recommend_among(&rows, "w", 2, &[ModelKind::FreeThreaded]);
    assert_eq!(only_ft.choice.as_deref(), Some("free-threaded"));
    assert!(only_ft.line.contains("the only model that ran correctly"), "{}", only_ft.line);
}

/// Real interpreters' rows (`--python`) are references beside the ranking, never ranked: their
/// time, their scaling against their own 1-thread row, or why they cannot be used.
#[test]
fn real_interpreters_are_shown_as_references() {
    let mut cpy1 = row("cpython3.11", 1, &[0.4; 5]);
    cpy1.interpreter = Some("CPython 3.11.7, GIL enabled, threads".into());
    let mut cpy2 = row("cpython3.11", 2, &[0.41; 5]);
    cpy2.interpreter = cpy1.interpreter.clone();
    let mut interp2 = row("cpython3.14-interpreters", 2, &[]);
    interp2.error = Some("MemoryError (File \"w.py\", line 3, in work)".into());
    let rows = vec![
        row("gil", 1, &[1.0; 5]),
        row("gil", 2, &[1.0; 5]),
        row("subinterpreters", 1, &[1.0; 5]),
        row("subinterpreters", 2, &[0.5; 5]),
        cpy1,
        cpy2,
        row("cpython3.14-interpreters", 1, &[0.5; 5]),
        interp2,
    ];
    let rec = recommend(&rows, "w", 2);
    // CPython is 1.2x faster than the winner here, and still not ranked: another interpreter.
    assert_eq!(order(&rec), ["subinterpreters", "gil"], "{}", render(&rec));
    assert_eq!(rec.choice.as_deref(), Some("subinterpreters"));
    assert_eq!(
        rec.references.iter().map(|r| r.mode.as_str()).collect::<Vec<_>>(),
        ["cpython3.11", "cpython3.14-interpreters"]
    );
    let cpy = &rec.references[0];
    assert_eq!(cpy.median_s, Some(0.41));
    assert!((cpy.scaling.unwrap() - 0.4 / 0.41).abs() < 1e-9);
    assert!(
        rec.references[1]
            .failure
            .as_deref()
            .unwrap()
            .starts_with("error at 2 threads: MemoryError"),
        "{:?}",
        rec.references[1]
    );
    let text = render(&rec);
    assert!(text.contains("Real interpreters (references, not ranked"), "{text}");
    assert!(
        text.contains(
            "\n   cpython3.11 — 0.41 s at 2 threads, 0.98x its 1-thread time (CPython 3.11.7, GIL enabled, threads)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n   cpython3.14-interpreters — error at 2 threads: MemoryError"),
        "{text}"
    );
    assert!(
        text.trim_end().lines().last().unwrap().starts_with("Recommendation: subinterpreters"),
        "{text}"
    );
    // Without real rows there is no such section.
    assert!(!render(&recommend(&rows[..4], "w", 2)).contains("Real interpreters"));
}
