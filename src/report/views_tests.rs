//! Tests of the report's pure views: parsing, merging, grouping, speedups, breakdowns and memory.

use super::*;
use crate::report::fixtures::{failed, row, sample_rows};

#[test]
fn parse_accepts_wrapped_and_bare_and_explains_failures() {
    let rows = vec![row("w", "gil", 1, 1.0)];
    let json = crate::harness::results::to_json(&rows);
    assert_eq!(parse_results(&json, "a.json").unwrap(), rows);
    let bare = serde_json::to_string(&rows).unwrap();
    assert_eq!(parse_results(&bare, "b.json").unwrap(), rows);
    assert!(parse_results("{\"results\": []}", "c").unwrap().is_empty());
    for (text, needle) in [
        ("", "empty"),
        ("{}", "no \"results\""),
        ("{\"results\": [{\"x\": 1}]}", "missing field"),
        ("not json", "expected"),
    ] {
        let err = parse_results(text, "bad.json").unwrap_err().to_string();
        assert!(
            err.starts_with("bad.json: not a gilbench results file") && err.contains(needle),
            "{text:?} -> {err}"
        );
    }
}

#[test]
fn merge_keys_on_workload_mode_threads_and_keeps_first_seen_order() {
    let a = vec![row("w", "gil", 1, 1.0), row("w", "gil", 2, 0.9), row("v", "gil", 1, 3.0)];
    let b = vec![row("w", "gil", 2, 0.5), row("w", "cpython3.11", 1, 2.0)];
    let m = merge_rows(vec![a, b]);
    assert_eq!(m.replaced, 1);
    let keys: Vec<(String, String, usize)> =
        m.rows.iter().map(|r| (r.workload.clone(), r.mode.clone(), r.threads)).collect();
    assert_eq!(
        keys,
        vec![
            ("w".into(), "gil".into(), 1),
            ("w".into(), "gil".into(), 2),
            ("v".into(), "gil".into(), 1),
            ("w".into(), "cpython3.11".into(), 1)
        ]
    );
    assert_eq!(m.rows[1].median_s, Some(0.5), "the later file wins");
}

#[test]
fn speedups_use_same_workload_and_size_and_only_ok_rows() {
    let mut rows = vec![
        row("w", "gil", 1, 1.0),
        row("w", "gil", 2, 0.5),
        row("w", "free-threaded", 1, 2.0),
        row("w", "free-threaded", 2, 0.5),
    ];
    let mut other_size = row("w", "gil", 4, 0.25);
    other_size.size = 7;
    rows.push(other_size);
    let mut bad = row("w", "free-threaded", 4, 0.1);
    bad.check_ok = false;
    rows.push(bad);
    recompute_speedups(&mut rows);
    let s: Vec<(Option<f64>, Option<f64>)> =
        rows.iter().map(|r| (r.speedup_vs_1t, r.speedup_vs_gil_1t)).collect();
    assert_eq!(s[0], (Some(1.0), Some(1.0)));
    assert_eq!(s[1], (Some(2.0), Some(2.0)));
    assert_eq!(s[2], (Some(1.0), Some(0.5)));
    assert_eq!(s[3], (Some(4.0), Some(2.0)));
    assert_eq!(s[4], (None, None), "no baseline at size 7");
    assert_eq!(s[5], (None, None), "a failed check has no speedup");
}

#[test]
fn modes_are_first_seen_with_interpreter_labels() {
    let mut c = row("w", "cpython3.14-interpreters", 1, 1.0);
    c.interpreter = Some("CPython 3.14.0, GIL enabled".into());
    let rows = vec![
        row("w", "free-threaded", 1, 1.0),
        c,
        row("w", "gil", 1, 1.0),
        row("v", "free-threaded", 1, 1.0),
    ];
    let modes = modes_in_order(&rows);
    let labels: Vec<String> = modes.iter().map(ModeInfo::label).collect();
    assert_eq!(
        labels,
        ["free-threaded", "cpython3.14-interpreters (CPython 3.14.0, GIL enabled)", "gil"]
    );
}

#[test]
fn grouping_orders_rows_by_mode_then_threads() {
    let rows = vec![
        row("w", "gil", 2, 1.0),
        row("v", "gil", 1, 1.0),
        row("w", "sub", 1, 1.0),
        row("w", "gil", 1, 1.0),
        failed("w", "sub", 8, "boom"),
    ];
    let modes = modes_in_order(&rows);
    let views = group_workloads(&rows, &modes);
    assert_eq!(views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["w", "v"]);
    let w = &views[0];
    assert_eq!(
        w.rows.iter().map(|r| (r.mode.as_str(), r.threads)).collect::<Vec<_>>(),
        [("gil", 1), ("gil", 2), ("sub", 1), ("sub", 8)]
    );
    assert_eq!(w.threads, [1, 2, 8]);
    assert_eq!(w.sizes, [1000]);
    assert_eq!(w.modes.len(), 2);
    assert_eq!(w.failed(), 1);
    assert_eq!(views[1].modes.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["gil"]);
}

#[test]
fn breakdown_splits_thread_time() {
    let mut r = row("w", "gil", 4, 0.5);
    r.counters.insert("gil_wait_s".into(), 1.2);
    r.counters.insert("lock_wait_s".into(), 0.3);
    r.counters.insert("xi_copy_s".into(), 0.1);
    r.setup_s = 0.25;
    r.startup_s = 0.05;
    let b = breakdown(&r).unwrap();
    assert!((b.thread_s - 2.0).abs() < 1e-12);
    assert!((b.running_s - 0.4).abs() < 1e-12, "{b:?}");
    assert_eq!((b.gil_wait_s, b.lock_wait_s, b.copying_s), (1.2, 0.3, 0.1));
    assert!((b.setup_s - 0.3).abs() < 1e-12);
    assert!((b.total() - 2.3).abs() < 1e-12);
    assert_eq!(b.segments().map(|(n, _)| n), SEGMENTS);

    // Missing counters are 0; waits beyond the thread-time clamp running at 0; NaN counts as 0.
    let mut py = row("w", "cpython3.11", 2, 1.0);
    py.interpreter = Some("CPython 3.11.7, GIL enabled, threads".into());
    let p = breakdown(&py).unwrap();
    assert_eq!(
        (p.running_s, p.unmeasured_s),
        (0.0, 2.0),
        "a real interpreter's time is not passed off as running"
    );
    let mut waits = row("w", "gil", 2, 1.0);
    waits.counters.insert("lock_wait_s".into(), 0.25);
    waits.counters.insert("pylock_wait_s".into(), 0.5);
    assert_eq!(
        breakdown(&waits).unwrap().lock_wait_s,
        0.75,
        "object-lock and Python-lock waits are both lock wait"
    );
    let plain = breakdown(&row("w", "gil", 2, 1.0)).unwrap();
    assert_eq!(
        (plain.running_s, plain.gil_wait_s, plain.lock_wait_s, plain.copying_s),
        (2.0, 0.0, 0.0, 0.0)
    );
    let mut over = row("w", "gil", 1, 1.0);
    over.counters.insert("gil_wait_s".into(), 3.0);
    over.counters.insert("lock_wait_s".into(), f64::NAN);
    let o = breakdown(&over).unwrap();
    assert_eq!((o.running_s, o.gil_wait_s, o.lock_wait_s), (0.0, 3.0, 0.0));

    // No breakdown for rows without a usable median.
    assert!(breakdown(&failed("w", "gil", 1, "x")).is_none());
    let mut nan = row("w", "gil", 1, 1.0);
    nan.median_s = Some(f64::NAN);
    assert!(breakdown(&nan).is_none());
    let mut unchecked = row("w", "gil", 1, 1.0);
    unchecked.check_ok = false;
    assert!(breakdown(&unchecked).is_none());
}

#[test]
fn memory_prefers_peak_rss_and_falls_back_to_allocations() {
    let rows = sample_rows();
    let modes = modes_in_order(&rows);
    let views = group_workloads(&rows, &modes);
    let (metric, values) = memory_values(&views[0]).unwrap();
    assert_eq!(metric, MemoryMetric::PeakRss);
    assert_eq!(values[0], Some(30.0), "gil 1t: 30 MiB");
    assert_eq!(values.last().copied().flatten(), None, "the CPython rows have no counters");

    let mut a = row("w", "gil", 1, 1.0);
    a.counters.insert("allocations".into(), 77.0);
    let v = group_workloads(&[a.clone(), row("w", "gil", 2, 1.0)], &modes_in_order(&[a]));
    let (metric, values) = memory_values(&v[0]).unwrap();
    assert_eq!((metric, values), (MemoryMetric::Allocations, vec![Some(77.0), None]));
    assert!(metric.axis().contains("count"));

    let none = group_workloads(&[row("w", "gil", 1, 1.0)], &[]);
    assert!(memory_values(&none[0]).is_none());
}

#[test]
fn headlines_and_speedup_points() {
    let rows = sample_rows();
    let modes = modes_in_order(&rows);
    let views = group_workloads(&rows, &modes);
    let cpu = &views[0];
    let h = headlines(cpu);
    assert_eq!(
        h.iter().map(|c| c.mode.as_str()).collect::<Vec<_>>(),
        ["gil", "free-threaded", "subinterpreters", "cpython3.11"]
    );
    assert_eq!(h[0].threads, 2);
    assert!((h[0].speedup.unwrap() - 1.0).abs() < 1e-12);
    assert!((h[1].speedup.unwrap() - 1.2 / 0.62).abs() < 1e-12);
    assert!((h[1].single_vs_gil.unwrap() - 1.2).abs() < 1e-12);
    assert!((h[3].single_vs_gil.unwrap() - 0.9).abs() < 1e-12);
    let dict = headlines(&views[1]);
    assert!(dict[2].failed && dict[2].speedup.is_none() && dict[2].threads == 2, "{dict:?}");
    assert!((dict[2].single_vs_gil.unwrap() - 1.6).abs() < 1e-12);

    let p = speedup_points(cpu, "free-threaded");
    assert_eq!(p.len(), 2);
    assert_eq!(p[0], (1, 1.0));
    assert!((p[1].1 - 1.2 / 0.62).abs() < 1e-12);
    assert_eq!(speedup_points(&views[1], "subinterpreters"), vec![(1, 1.0)]);
    assert!(speedup_points(cpu, "nope").is_empty());
}

#[test]
fn formatting_helpers() {
    assert_eq!(file_stem("cpu_loop"), "cpu_loop");
    assert_eq!(file_stem("../a b/c"), "_a_b_c");
    assert_eq!(file_stem(""), "workload");
    assert_eq!(fmt_secs(Some(f64::NAN)), "-");
    assert_eq!(fmt_secs(Some(0.01234)), "0.0123");
    assert_eq!(fmt_ratio(Some(1.849)), "1.85x");
    assert_eq!(fmt_ratio(Some(f64::INFINITY)), "-");
    let mut r = row("w", "gil", 1, 1.0);
    r.counters.insert("peak_rss_bytes".into(), 3.0 * 1024.0 * 1024.0);
    r.counters.insert("xi_bytes".into(), 12.0);
    r.counters.insert("gil_wait_s".into(), 0.5);
    assert_eq!(fmt_counter(&r, "peak_rss_bytes"), "3.0 MiB");
    assert_eq!(fmt_counter(&r, "xi_bytes"), "12 B");
    r.counters.insert("object_locks_contended".into(), 25023.2);
    assert_eq!(fmt_counter(&r, "object_locks_contended"), "25023", "counts are whole numbers");
    let mut cpython = row("w", "cpython3.11", 1, 1.0);
    cpython.interpreter = Some("CPython".into());
    assert_eq!(fmt_counter(&cpython, "gil_wait_s"), "not measured");
    assert_eq!(fmt_counter(&r, "gil_wait_s"), "0.500");
    assert_eq!(fmt_counter(&r, "lock_wait_s"), "-");
    assert_eq!(
        error_line(&failed("w", "gil", 1, "\nworker exited\nmore")),
        Some("worker exited".into())
    );
    let mut unchecked = row("w", "gil", 1, 1.0);
    unchecked.check_ok = false;
    assert_eq!(error_line(&unchecked), Some("check returned False".into()));
    assert_eq!(status_word(&unchecked), "CHECK FAILED");
}

/// `row` measured on machine `key`.
fn on(key: &str, mut r: crate::harness::results::BenchRow) -> crate::harness::results::BenchRow {
    r.machine = Some(key.to_string());
    r
}

const LAPTOP: &str = "laptop (Intel i7, 2 logical cores)";
const SERVER: &str = "server (AMD EPYC, 64 logical cores)";

#[test]
fn documents_carry_provenance_and_old_ones_still_load() {
    use crate::harness::provenance::Provenance;
    let mut p = Provenance::default();
    p.machine.key = LAPTOP.into();
    let rows = vec![row("w", "gil", 1, 1.0)];
    let (back, metas) = parse_document(
        &crate::harness::results::to_json_with_meta(&rows, std::slice::from_ref(&p)),
        "a.json",
    )
    .unwrap();
    assert_eq!(metas, vec![p.clone()]);
    assert_eq!(
        back[0].machine.as_deref(),
        Some(LAPTOP),
        "rows of a one-sweep document belong to its machine"
    );
    let mut q = p.clone();
    q.machine.key = SERVER.into();
    let merged = vec![
        on(LAPTOP, row("w", "gil", 1, 1.0)),
        on(SERVER, row("w", "gil", 1, 0.5)),
        row("w", "gil", 2, 0.5),
    ];
    let (back, metas) =
        parse_document(&crate::harness::results::to_json_with_meta(&merged, &[p, q]), "m.json")
            .unwrap();
    assert_eq!(metas.len(), 2, "a merged document lists every sweep");
    assert_eq!(
        back.iter().map(machine_of).collect::<Vec<_>>(),
        [LAPTOP, SERVER, "unknown machine"]
    );
    let (old, metas) =
        parse_document(&crate::harness::results::to_json(&rows), "old.json").unwrap();
    assert!(
        metas.is_empty() && old[0].machine.is_none() && machine_of(&old[0]) == "unknown machine"
    );
    let err = parse_results("{\"meta\": 3, \"results\": []}", "bad.json").unwrap_err().to_string();
    assert!(err.starts_with("bad.json: not a gilbench results file (bad \"meta\""), "{err}");
}

#[test]
fn merging_replaces_rows_only_on_the_same_machine() {
    let first = vec![on(LAPTOP, row("w", "gil", 1, 1.0)), on(LAPTOP, row("w", "gil", 2, 0.9))];
    let second = vec![on(SERVER, row("w", "gil", 1, 0.8)), on(SERVER, row("w", "gil", 2, 0.1))];
    let third = vec![on(LAPTOP, row("w", "gil", 2, 0.6))];
    let m = merge_rows(vec![first, second, third]);
    assert_eq!(m.replaced, 1, "only the laptop's 2-thread row is replaced");
    let got: Vec<(&str, usize, Option<f64>)> =
        m.rows.iter().map(|r| (machine_of(r), r.threads, r.median_s)).collect();
    assert_eq!(
        got,
        [
            (LAPTOP, 1, Some(1.0)),
            (LAPTOP, 2, Some(0.6)),
            (SERVER, 1, Some(0.8)),
            (SERVER, 2, Some(0.1))
        ]
    );
    let mut rows = m.rows;
    recompute_speedups(&mut rows);
    assert!(
        (rows[1].speedup_vs_1t.unwrap() - 1.0 / 0.6).abs() < 1e-12,
        "against the laptop's own 1-thread row"
    );
    assert!(
        (rows[3].speedup_vs_1t.unwrap() - 8.0).abs() < 1e-12,
        "against the server's own 1-thread row"
    );
}

#[test]
fn several_machines_make_one_view_per_workload_and_machine() {
    let rows = vec![
        on(LAPTOP, row("w", "gil", 1, 1.0)),
        on(LAPTOP, row("v", "gil", 1, 1.0)),
        on(SERVER, row("w", "gil", 1, 1.0)),
        on(SERVER, row("w", "gil", 64, 0.1)),
        on(LAPTOP, row("w", "gil", 2, 0.5)),
    ];
    let machines = machines_in_order(&rows);
    assert_eq!(machines.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(), ["laptop", "server"]);
    let views = group_workloads(&rows, &modes_in_order(&rows));
    let titles: Vec<String> = views.iter().map(WorkloadView::title).collect();
    assert_eq!(titles, ["w on laptop", "w on server", "v on laptop"]);
    assert_eq!(views[0].threads, [1, 2]);
    assert_eq!(views[1].threads, [1, 64]);
    assert_eq!(
        headlines(&views[1])[0].speedup,
        Some(10.0),
        "each machine against its own 1-thread row"
    );
    // One machine (or only old files): titles stay the workload's name.
    let single = group_workloads(&[row("w", "gil", 1, 1.0)], &[]);
    assert_eq!((single[0].title(), single[0].machine_label.clone()), ("w".to_string(), None));
    // Hostnames that collide fall back to the whole key.
    let twins = machines_in_order(&[
        on("ci (A, 2 logical cores)", row("w", "gil", 1, 1.0)),
        on("ci (B, 4 logical cores)", row("w", "gil", 1, 1.0)),
    ]);
    assert_eq!(twins[1].label, "ci (B, 4 logical cores)");
}

#[test]
fn provenance_rows_say_what_is_known() {
    use crate::harness::provenance::{Provenance, PythonMeta};
    let mut p = Provenance::default();
    p.machine.key = LAPTOP.into();
    p.machine.cpu_model = Some("Intel i7".into());
    p.machine.logical_cores = 2;
    p.machine.physical_cores = Some(1);
    p.machine.memory_bytes = Some(8 << 30);
    p.gilbench.version = "0.1.0".into();
    p.gilbench.commit = "abc1234-dirty".into();
    p.gilbench.features = vec!["no-counters".into()];
    p.run.date = "2026-12-03T10:15:42Z".into();
    p.run.load_avg = Some([1.5, 0.5, 0.25]);
    p.run.command = vec!["gilbench".into(), "bench".into(), "workloads/".into()];
    p.pythons.push(PythonMeta {
        path: "python3".into(),
        implementation: "CPython".into(),
        version: "3.11.7".into(),
        gil_enabled: true,
        labels: vec!["cpython3.11".into()],
        ..Default::default()
    });
    let sources = vec![
        Source { input: "a.json".into(), meta: Some(p) },
        Source { input: "old.json".into(), meta: None },
    ];
    let rows = provenance_rows(&sources);
    assert_eq!(rows[0].len(), PROVENANCE_HEADERS.len());
    assert_eq!(rows[0][1], LAPTOP);
    assert_eq!(rows[0][3], "2 logical / 1 physical");
    assert_eq!(rows[0][4], "8.0 GiB");
    assert_eq!(rows[0][6], "0.1.0 (abc1234-dirty, no-counters)");
    assert_eq!(rows[0][8], "1.50 / 0.50 / 0.25 (busy)", "1.5 is above half of 2 cores");
    assert_eq!(rows[0][9], "gilbench bench workloads/");
    assert_eq!(rows[0][10], "python3: CPython 3.11.7, GIL build, GIL enabled (cpython3.11)");
    assert_eq!(
        rows[1][..3],
        [
            "old.json".to_string(),
            "unknown machine".into(),
            "not recorded (a results file from before provenance)".into()
        ]
    );
    assert_eq!(rows[1].len(), PROVENANCE_HEADERS.len());
    let notes = busy_notes(&sources);
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].starts_with("a.json (laptop (Intel i7, 2 logical cores)): the machine is busy"),
        "{}",
        notes[0]
    );
}
