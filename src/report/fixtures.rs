//! Hand-made rows for the report's tests: two workloads, three models at 1 and 2 threads, a failed row and a CPython row.

use crate::harness::results::BenchRow;

/// A row that ran and checked, with `median` as its only sample.
pub fn row(workload: &str, mode: &str, threads: usize, median: f64) -> BenchRow {
    let mut r = BenchRow::new(
        workload,
        &format!("workloads/{workload}.py"),
        Some("cpu".into()),
        mode,
        threads,
        1000,
    );
    r.set_samples(vec![median * 0.98, median, median * 1.03]);
    r.check_ok = true;
    r.setup_s = 0.01;
    r.startup_s = 0.002;
    r
}

/// A row whose worker failed (no samples).
pub fn failed(workload: &str, mode: &str, threads: usize, error: &str) -> BenchRow {
    let mut r = BenchRow::new(
        workload,
        &format!("workloads/{workload}.py"),
        Some("cpu".into()),
        mode,
        threads,
        1000,
    );
    r.error = Some(error.to_string());
    r
}

/// `cpu_loop` and `shared_dict` under gil / free-threaded / subinterpreters at 1 and 2 threads,
/// `shared_dict` subinterpreters at 2 threads failed, plus `cpu_loop` on CPython 3.11 at 1 and 2
/// threads. Speedups are filled.
pub fn sample_rows() -> Vec<BenchRow> {
    let mut rows = Vec::new();
    for (w, times) in [
        ("cpu_loop", [(1.0, 1.0), (1.2, 0.62), (1.1, 0.58)]),
        ("shared_dict", [(0.5, 0.55), (0.7, 0.5), (0.8, 0.45)]),
    ] {
        for (mode, (t1, t2)) in ["gil", "free-threaded", "subinterpreters"].into_iter().zip(times) {
            let mut one = row(w, mode, 1, t1);
            let mut two = row(w, mode, 2, t2);
            two.counters.insert("blocked_s".into(), 0.0);
            if mode == "gil" {
                two.counters.insert("gil_wait_s".into(), 0.4);
                two.counters.insert("gil_acquisitions".into(), 120.0);
            }
            if mode == "free-threaded" {
                two.counters.insert("lock_wait_s".into(), 0.1);
                two.counters.insert("object_locks_contended".into(), 42.0);
                two.counters.insert("gc_pause_s".into(), 0.03);
                two.counters.insert("stw_wait_s".into(), 0.02);
                two.counters.insert("gc_collections".into(), 7.0);
            }
            if mode == "subinterpreters" {
                two.counters.insert("xi_copy_s".into(), 0.05);
                two.counters.insert("xi_bytes".into(), 4096.0);
            }
            for r in [&mut one, &mut two] {
                r.counters.insert(
                    "peak_rss_bytes".into(),
                    (20 + 10 * r.threads) as f64 * 1024.0 * 1024.0,
                );
                r.counters.insert("allocations".into(), 5000.0);
                r.counters
                    .insert("heap_peak_bytes".into(), (8 * r.threads) as f64 * 1024.0 * 1024.0);
            }
            rows.push(one);
            if w == "shared_dict" && mode == "subinterpreters" {
                rows.push(failed(w, mode, 2, "worker exited with status 1:\nValueError: boom"));
            } else {
                rows.push(two);
            }
        }
    }
    for (t, m) in [(1, 0.9), (2, 0.95)] {
        let mut r = row("cpu_loop", "cpython3.11", t, m);
        r.interpreter = Some("CPython 3.11.4, GIL enabled".into());
        rows.push(r);
    }
    crate::report::views::recompute_speedups(&mut rows);
    rows
}
