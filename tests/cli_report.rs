//! The `gilbench report` command line and `bench --csv/--markdown/--report`: files written, merged inputs, bad inputs exit 2.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::RunOutput;

fn scratch() -> common::Scratch {
    common::scratch("cli-report")
}

fn gilbench(dir: &Path, args: &[&str]) -> RunOutput {
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(args).current_dir(dir);
    common::run_with_timeout(cmd, Duration::from_secs(120), None)
}

fn ctx(o: &RunOutput) -> String {
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", o.describe_status(), o.stdout, o.stderr)
}

/// One row of a `bench --json` document.
fn row(
    workload: &str,
    mode: &str,
    threads: usize,
    median: Option<f64>,
    interpreter: Option<&str>,
) -> String {
    let samples = median.map(|m| format!("[{m}]")).unwrap_or_else(|| "[]".into());
    let m = median.map(|m| m.to_string()).unwrap_or_else(|| "null".into());
    let error = if median.is_none() {
        "\"worker exited with status 1\"".to_string()
    } else {
        "null".into()
    };
    let interp = interpreter.map(|i| format!("\"{i}\"")).unwrap_or_else(|| "null".into());
    format!(
        r#"{{"workload": "{workload}", "file": "workloads/{workload}.py", "category": "cpu", "mode": "{mode}", "interpreter": {interp},
            "threads": {threads}, "size": 100, "samples_s": {samples}, "median_s": {m}, "min_s": {m}, "max_s": {m}, "spread_pct": 0.0,
            "setup_s": 0.01, "startup_s": 0.001, "check_ok": {ok}, "error": {error},
            "counters": {{"gil_wait_s": 0.05, "allocations": 10.0}}, "speedup_vs_1t": null, "speedup_vs_gil_1t": null}}"#,
        ok = median.is_some()
    )
}

fn doc(rows: &[String]) -> String {
    format!("{{\"results\": [{}]}}\n", rows.join(",\n"))
}

#[test]
fn report_writes_every_file_from_merged_json() {
    let dir = scratch();
    let a = doc(&[
        row("spin", "gil", 1, Some(1.0), None),
        row("spin", "gil", 2, Some(1.0), None),
        row("spin", "free-threaded", 1, Some(1.2), None),
        row("spin", "free-threaded", 2, Some(0.6), None),
        row("spin", "subinterpreters", 2, None, None),
    ]);
    let b = doc(&[
        row("spin", "cpython3.11", 1, Some(0.8), Some("CPython 3.11.4, GIL enabled")),
        row("spin", "cpython3.11", 2, Some(0.8), Some("CPython 3.11.4, GIL enabled")),
    ]);
    std::fs::write(dir.join("a.json"), a).unwrap();
    std::fs::write(dir.join("b.json"), b).unwrap();
    let o = gilbench(&dir, &["report", "a.json", "b.json", "--out", "rep"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stderr.contains("wrote 17 files to rep"), "{}", ctx(&o));
    assert!(std::fs::read_to_string(dir.join("rep/results.json"))
        .unwrap()
        .contains("\"cpython3.11\""));
    let rep = dir.join("rep");
    for f in [
        "spin-time",
        "spin-speedup",
        "spin-breakdown",
        "spin-memory",
        "overview",
        "overview-speedup",
    ] {
        let svg = std::fs::read_to_string(rep.join(format!("{f}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"), "{f}.svg");
        assert_eq!(
            std::fs::read(rep.join(format!("{f}.png"))).unwrap()[..4],
            [0x89, b'P', b'N', b'G'],
            "{f}.png"
        );
    }
    let page = std::fs::read_to_string(rep.join("index.html")).unwrap();
    assert!(
        page.contains("a.json")
            && page.contains("b.json")
            && page.contains("CPython 3.11.4, GIL enabled")
            && page.contains("worker exited with status 1")
    );
    assert!(
        page.contains("<td>2.00x faster</td>"),
        "free-threaded 2t speedup recomputed from the merged rows"
    );
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
    let csv = std::fs::read_to_string(rep.join("results.csv")).unwrap();
    assert_eq!(csv.lines().count(), 8);
    let summary = std::fs::read_to_string(rep.join("summary.md")).unwrap();
    assert!(summary.contains("| spin | free-threaded 2t | cpython3.11 1t: 1.33x the time | 1.00x (same) at 2t | 2.00x faster at 2t | failed at 2t | 1.00x (same) at 2t |"), "{summary}");
    assert!(std::fs::read_to_string(rep.join("results.md"))
        .unwrap()
        .starts_with("| workload | mode | interpreter |"));
}

/// A row with these samples (median = the middle one).
fn sampled(workload: &str, mode: &str, threads: usize, samples: &[f64]) -> String {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let m = sorted[sorted.len() / 2];
    let list: Vec<String> = samples.iter().map(f64::to_string).collect();
    format!(
        r#"{{"workload": "{workload}", "file": "workloads/{workload}.py", "mode": "{mode}", "threads": {threads}, "size": 100,
            "samples_s": [{}], "median_s": {m}, "setup_s": 0.01, "startup_s": 0.001, "check_ok": true, "error": null, "counters": {{}}}}"#,
        list.join(", ")
    )
}

#[test]
fn report_against_a_baseline_judges_each_configuration() {
    let dir = scratch();
    let base = [1.0, 1.01, 0.99, 1.02, 0.98, 1.0];
    let slower: Vec<f64> = base.iter().map(|x| x * 1.5).collect();
    let noisy = [1.0, 1.02, 0.98, 1.01, 0.99, 1.0];
    std::fs::write(
        dir.join("old.json"),
        doc(&[sampled("spin", "gil", 1, &base), sampled("spin", "free-threaded", 1, &base)]),
    )
    .unwrap();
    std::fs::write(
        dir.join("new.json"),
        doc(&[
            sampled("spin", "gil", 1, &slower),
            sampled("spin", "free-threaded", 1, &noisy),
            sampled("spin", "subinterpreters", 1, &base),
        ]),
    )
    .unwrap();
    let o = gilbench(&dir, &["report", "new.json", "--baseline", "old.json", "--out", "rep"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let line = |mode: &str| {
        o.stdout
            .lines()
            .find(|l| l.contains("spin") && l.contains(&format!(" {mode} ")))
            .unwrap_or_else(|| panic!("no {mode} line: {}", ctx(&o)))
            .to_string()
    };
    assert!(
        line("gil").contains("+50.0%") && line("gil").ends_with("regressed"),
        "{}",
        line("gil")
    );
    assert!(line("free-threaded").ends_with("no change"), "{}", line("free-threaded"));
    assert!(
        line("subinterpreters").ends_with("not in the baseline"),
        "{}",
        line("subinterpreters")
    );
    let page = std::fs::read_to_string(dir.join("rep/index.html")).unwrap();
    assert!(
        page.contains("<h2 id=\"baseline\">Against the baseline</h2>")
            && page.contains("1 regressed, 0 improved, 0 within noise, 1 no change"),
        "{page}"
    );
    assert!(page.contains("<td>1.50x the time</td>"), "the change says its direction");
    let summary = std::fs::read_to_string(dir.join("rep/summary.md")).unwrap();
    assert!(
        summary.contains("## Against the baseline") && summary.contains("| spin | gil | 1 |"),
        "{summary}"
    );
    // A missing baseline file is a clear error, exit 2.
    let o = gilbench(&dir, &["report", "new.json", "--baseline", "nope.json"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("nope.json"), "{}", ctx(&o));
}

#[test]
fn report_default_out_dir_and_empty_results() {
    let dir = scratch();
    std::fs::write(dir.join("empty.json"), "{\"results\": []}").unwrap();
    let o = gilbench(&dir, &["report", "empty.json"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stderr.contains("no rows"), "{}", ctx(&o));
    assert!(std::fs::read_to_string(dir.join("reports/index.html"))
        .unwrap()
        .contains("No results"));
}

#[test]
fn report_bad_inputs_exit_2() {
    let dir = scratch();
    let o = gilbench(&dir, &["report", "missing.json"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.starts_with("gilbench: report: missing.json:"), "{}", ctx(&o));
    std::fs::write(dir.join("bad.json"), "{\"rows\": []}").unwrap();
    let o = gilbench(&dir, &["report", "bad.json"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(
        o.stderr.contains("bad.json: not a gilbench results file (no \"results\" key)"),
        "{}",
        ctx(&o)
    );
    let o = gilbench(&dir, &["report"]);
    assert_eq!(o.code, Some(2), "clap usage error: {}", ctx(&o));
    assert!(!dir.join("reports").exists(), "nothing written for bad input");
}

const GOOD: &str = "META = {'category': 'cpu', 'size': 2_000, 'doc': 'tiny loop'}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    t = 0\n    for i in range(size // workers):\n        t += i\n    return t\n\ndef check(results, size, workers):\n    n = size // workers\n    return results == [n * (n - 1) // 2] * workers\n";

#[test]
fn bench_writes_csv_markdown_and_a_report() {
    let dir = scratch();
    std::fs::write(dir.join("good.py"), GOOD).unwrap();
    let o = gilbench(
        &dir,
        &[
            "bench",
            "good.py",
            "--modes",
            "gil,free-threaded",
            "--threads",
            "1,2",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--csv",
            "r.csv",
            "--markdown",
            "r.md",
            "--report",
            "rep",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let csv = std::fs::read_to_string(dir.join("r.csv")).unwrap();
    assert!(csv.starts_with("workload,file,category,mode,") && csv.contains("gil_wait_s"), "{csv}");
    assert_eq!(csv.lines().count(), 5);
    let md = std::fs::read_to_string(dir.join("r.md")).unwrap();
    assert_eq!(md.lines().count(), 6, "{md}");
    assert!(md.lines().nth(2).unwrap().starts_with("| good | gil |"), "{md}");
    for f in [
        "index.html",
        "summary.md",
        "results.csv",
        "results.md",
        "overview.png",
        "good-speedup.svg",
        "good-breakdown.png",
        "good-memory.svg",
    ] {
        assert!(dir.join("rep").join(f).is_file(), "rep/{f} missing: {}", ctx(&o));
    }
    // An unwritable export path fails before the sweep (a missing directory is made, but not
    // one under a file).
    let o = gilbench(&dir, &["bench", "good.py", "--csv", "good.py/r.csv"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("cannot create good.py") && !o.stderr.contains("[1/"), "{}", ctx(&o));
    let o = gilbench(
        &dir,
        &[
            "bench",
            "good.py",
            "--modes",
            "gil",
            "--threads",
            "1",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--json",
            "new/dir/r.json",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(
        std::fs::read_to_string(dir.join("new/dir/r.json")).unwrap().contains("\"results\""),
        "{}",
        ctx(&o)
    );
}

/// A results document with a `"meta"` naming the machine `host` with `cores` logical cores.
fn doc_on(host: &str, cores: usize, rows: &[String]) -> String {
    let key = format!("{host} (Test CPU, {cores} logical cores)");
    format!(
        r#"{{"meta": {{"machine": {{"key": "{key}", "hostname": "{host}", "cpu_model": "Test CPU", "logical_cores": {cores}, "memory_bytes": 8589934592}},
            "gilbench": {{"version": "0.1.0", "commit": "abc1234", "features": [], "profile": "release"}},
            "run": {{"command": ["gilbench", "bench", "workloads/"], "date": "2026-12-03T10:00:00Z", "unix_time": 1796292000, "load_avg": [0.1, 0.2, 0.3]}},
            "pythons": []}},
            "results": [{}]}}"#,
        rows.join(",\n")
    )
}

/// Sweeps of one workload on two machines: rows merge by machine (a later file replaces rows
/// only of its own machine), each machine gets its sections, and one chart overlays them.
#[test]
fn report_merges_sweeps_from_several_machines() {
    let dir = scratch();
    let laptop = doc_on(
        "laptop",
        2,
        &[
            row("spin", "gil", 1, Some(1.0), None),
            row("spin", "gil", 2, Some(1.0), None),
            row("spin", "free-threaded", 1, Some(1.2), None),
            row("spin", "free-threaded", 2, Some(0.6), None),
        ],
    );
    let server = doc_on(
        "server",
        64,
        &[
            row("spin", "free-threaded", 1, Some(1.0), None),
            row("spin", "free-threaded", 64, Some(0.05), None),
        ],
    );
    let rerun = doc_on("laptop", 2, &[row("spin", "free-threaded", 2, Some(0.8), None)]);
    let old = doc(&[row("spin", "gil", 1, Some(3.0), None)]);
    for (name, text) in [
        ("laptop.json", &laptop),
        ("server.json", &server),
        ("rerun.json", &rerun),
        ("old.json", &old),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let o = gilbench(
        &dir,
        &["report", "laptop.json", "server.json", "rerun.json", "old.json", "--out", "rep"],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(
        o.stderr.contains(
            "1 row(s) replaced by a later file with the same machine, workload, mode and threads"
        ),
        "{}",
        ctx(&o)
    );
    let rep = dir.join("rep");
    let page = std::fs::read_to_string(rep.join("index.html")).unwrap();
    for needle in [
        "<h2>spin across machines</h2>",
        "<h2>spin on laptop</h2>",
        "<h2>spin on server</h2>",
        "<h2>spin on unknown machine</h2>",
        "server (Test CPU, 64 logical cores)",
        "rerun.json",
        "not recorded (a results file from before provenance)",
    ] {
        assert!(page.contains(needle), "index.html lacks {needle:?}");
    }
    assert!(
        page.contains("<td>1.50x faster</td>"),
        "the laptop's free-threaded 2t comes from rerun.json: 1.2 / 0.8"
    );
    assert!(page.contains("<td>20.00x faster</td>"), "the server's 64t against its own 1t");
    let across = std::fs::read_to_string(rep.join("spin-machines.svg")).unwrap();
    assert!(
        across.contains("free-threaded on server")
            && across.contains("free-threaded on laptop")
            && across.contains("gil on laptop"),
        "one line per machine and mode"
    );
    assert!(
        !across.contains("on unknown machine"),
        "the old file has a single 1-thread row: no line"
    );
    let summary = std::fs::read_to_string(rep.join("summary.md")).unwrap();
    assert!(
        summary.contains("| spin on server | free-threaded 64t |  | 20.00x faster at 64t |"),
        "{summary}"
    );
    // The merged results.json lists every sweep and feeds `report` again.
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(rep.join("results.json")).unwrap()).unwrap();
    assert_eq!(
        merged["meta"].as_array().map(Vec::len),
        Some(3),
        "the three sweeps with provenance"
    );
    let o = gilbench(&dir, &["report", "rep/results.json", "--out", "again"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(std::fs::read_to_string(dir.join("again/index.html"))
        .unwrap()
        .contains("<h2>spin on server</h2>"));
}
