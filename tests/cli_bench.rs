//! The `gilbench bench` command-line contract: bad inputs, failure rows, JSON, the worker subcommand, and the bundled workloads under CPython.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::RunOutput;

fn scratch() -> common::Scratch {
    common::scratch("cli-bench")
}

fn write(dir: &Path, name: &str, src: &str) {
    std::fs::write(dir.join(name), src).unwrap();
}

const LIMIT: Duration = Duration::from_secs(120);

/// `gilbench ARGS...` in `dir` (always the gilbench binary: these tests are about its harness).
fn gilbench(dir: &Path, args: &[&str]) -> RunOutput {
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(args).current_dir(dir);
    common::apply_python_env(&mut cmd);
    common::run_with_timeout(cmd, LIMIT, None)
}

fn ctx(o: &RunOutput) -> String {
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", o.describe_status(), o.stdout, o.stderr)
}

/// The model rows of one workload's table (continuation lines such as `error:` details left out).
fn table_rows<'a>(stdout: &'a str, workload: &str) -> Vec<&'a str> {
    let modes = ["  gil ", "  free-threaded ", "  subinterpreters "];
    stdout
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{workload} (")))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| modes.iter().any(|m| l.starts_with(m)))
        .collect()
}

fn workloads_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads")
}

const GOOD: &str = "META = {'category': 'cpu', 'size': 2_000, 'doc': 'tiny loop'}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    t = 0\n    for i in range(size // workers):\n        t += i\n    return t\n\ndef check(results, size, workers):\n    n = size // workers\n    return results == [n * (n - 1) // 2] * workers\n";
const RAISES: &str = "META = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    return 1 // 0\n\ndef check(results, size, workers):\n    return True\n";
const WRONG: &str = "META = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    return worker\n\ndef check(results, size, workers):\n    return False\n";
const HANGS: &str = "META = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    while True:\n        pass\n\ndef check(results, size, workers):\n    return True\n";

#[test]
fn bench_missing_file_exits_2_before_running_anything() {
    let dir = scratch();
    let o = gilbench(&dir, &["bench", "nope.py"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert_eq!(o.stderr, "gilbench: bench: nope.py: no such file or directory\n", "{}", ctx(&o));
    assert_eq!(o.stdout, "", "{}", ctx(&o));
}

#[test]
fn bench_file_without_meta_exits_2_naming_it() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    write(&dir, "plain.py", "def work(state, worker, workers, size):\n    return 1\n");
    let o = gilbench(&dir, &["bench", "good.py", "plain.py"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(
        o.stderr.starts_with("gilbench: bench: plain.py: no top-level `META = {...}` dict"),
        "{}",
        ctx(&o)
    );
    assert_eq!(o.stderr.lines().count(), 1, "one clear line\n{}", ctx(&o));
    assert!(!o.stderr.contains("[1/"), "nothing may run when an input is bad\n{}", ctx(&o));

    write(&dir, "expr.py", "META = {'size': 10**6}\n");
    let o = gilbench(&dir, &["bench", "expr.py"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(
        o.stderr.contains("META[\"size\"] must be an int literal such as 2_000_000, found `10**6`"),
        "{}",
        ctx(&o)
    );

    let empty = scratch();
    let o = gilbench(&dir, &["bench", empty.to_str().unwrap()]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("no *.py workload files"), "{}", ctx(&o));
}

#[test]
fn bench_rejects_bad_options() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    for (args, needle) in [
        (&["--modes", "gil,turbo"][..], "unknown mode 'turbo'"),
        (&["--threads", "0"][..], "--threads"),
        (&["--repeat", "0"][..], "--repeat"),
        (&["--size", "5", "--size-scale", "0.5"][..], "cannot be used with"),
        (&["--size-scale", "0"][..], "--size-scale must be a positive number"),
        (&["--timeout", "0"][..], "--timeout"),
    ] {
        let mut all = vec!["bench", "good.py"];
        all.extend_from_slice(args);
        let o = gilbench(&dir, &all);
        assert_eq!(o.code, Some(2), "{args:?}\n{}", ctx(&o));
        assert!(o.stderr.contains(needle), "{args:?}: expected {needle:?}\n{}", ctx(&o));
    }
}

/// Holds with the stub worker and with the real one: a raising workload becomes error rows, the
/// sweep still covers every configuration, the JSON has every row, and the exit status is 1.
#[test]
fn bench_failing_configurations_are_rows_and_the_sweep_completes() {
    let dir = scratch();
    write(&dir, "a_raises.py", RAISES);
    write(&dir, "b_good.py", GOOD);
    let o = gilbench(
        &dir,
        &["bench", ".", "--threads", "1,2", "--repeat", "1", "--warmup", "0", "--json", "out.json"],
    );
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    assert!(
        o.stdout.contains("a_raises (size 10)\n") && o.stdout.contains("b_good (size 2000, cpu)\n"),
        "{}",
        ctx(&o)
    );
    let raising = table_rows(&o.stdout, "a_raises");
    assert_eq!(raising.len(), 6, "{}", ctx(&o));
    assert!(
        raising.iter().all(|l| l.contains("error: ") || l.contains("ERROR")),
        "every configuration of a_raises is an error row\n{}",
        ctx(&o)
    );
    assert!(o.stderr.contains("[12/12] b_good subinterpreters threads=2 size=2000"), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    for row in rows {
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
        ] {
            assert!(row.get(key).is_some(), "row lacks {key}: {row}");
        }
    }
    assert!(rows
        .iter()
        .filter(|r| r["workload"] == "a_raises")
        .all(|r| r["error"].is_string() && r["check_ok"] == false));
    assert_eq!(
        rows.iter().map(|r| r["mode"].as_str().unwrap()).take(6).collect::<Vec<_>>(),
        ["gil", "gil", "free-threaded", "free-threaded", "subinterpreters", "subinterpreters"]
    );
}

/// The hidden worker subcommand writes a readable report to --report, whatever the workload does.
#[test]
fn bench_worker_writes_its_report_to_the_given_file() {
    let dir = scratch();
    write(&dir, "good.py", &format!("print('workload output is not the report')\n{GOOD}"));
    let report = dir.join("r.json");
    let o = gilbench(
        &dir,
        &[
            "__bench-worker",
            "--mode",
            "gil",
            "--threads",
            "1",
            "--size",
            "100",
            "--warmup",
            "0",
            "--repeat",
            "1",
            "--report",
            report.to_str().unwrap(),
            "good.py",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    for key in ["samples_s", "setup_s", "startup_s", "check_ok", "error", "counters"] {
        assert!(doc.get(key).is_some(), "report lacks {key}: {doc}");
    }
    let o = gilbench(
        &dir,
        &[
            "__bench-worker",
            "--mode",
            "warp",
            "--threads",
            "1",
            "--size",
            "1",
            "--warmup",
            "0",
            "--repeat",
            "1",
            "--report",
            "x.json",
            "good.py",
        ],
    );
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
}

#[test]
fn bench_sweep_measures_checks_and_computes_speedups() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    let o = gilbench(
        &dir,
        &[
            "bench",
            "good.py",
            "--threads",
            "1,2",
            "--repeat",
            "3",
            "--warmup",
            "1",
            "--json",
            "out.json",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stdout.starts_with("good (size 2000, cpu)\n"), "{}", ctx(&o));
    let table = table_rows(&o.stdout, "good");
    assert_eq!(table.iter().filter(|l| l.trim_end().ends_with(" ok")).count(), 6, "{}", ctx(&o));
    assert!(table[0].contains("1.00x"), "GIL at 1 thread is its own baseline\n{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    for row in doc["results"].as_array().unwrap() {
        assert_eq!(row["check_ok"], true, "{row}");
        assert!(row["error"].is_null(), "{row}");
        assert_eq!(row["samples_s"].as_array().unwrap().len(), 3, "{row}");
        assert!(
            row["median_s"].as_f64().unwrap() > 0.0
                && row["speedup_vs_1t"].as_f64().is_some()
                && row["speedup_vs_gil_1t"].as_f64().is_some(),
            "{row}"
        );
    }
}

#[test]
fn bench_shows_failed_checks_exceptions_and_timeouts_loudly() {
    let dir = scratch();
    write(&dir, "a_wrong.py", WRONG);
    write(&dir, "b_raises.py", RAISES);
    write(&dir, "c_hangs.py", HANGS);
    let start = std::time::Instant::now();
    let o = gilbench(
        &dir,
        &[
            "bench",
            ".",
            "--modes",
            "gil,sub",
            "--threads",
            "1",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--timeout",
            "2",
        ],
    );
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "hung configurations must be killed at --timeout\n{}",
        ctx(&o)
    );
    let wrong = table_rows(&o.stdout, "a_wrong");
    assert!(
        wrong.len() == 2 && wrong.iter().all(|l| l.contains("CHECK FAILED") && !l.contains('x')),
        "{}",
        ctx(&o)
    );
    assert!(o.stdout.contains("ZeroDivisionError"), "{}", ctx(&o));
    assert_eq!(
        table_rows(&o.stdout, "c_hangs")
            .iter()
            .filter(|l| l.ends_with("error: timed out after 2 s (killed)"))
            .count(),
        2,
        "{}",
        ctx(&o)
    );
}

/// Every bundled workload follows the protocol under real CPython threads, shared and isolated
/// (one module copy and setup per worker, as subinterpreters do), at a small size.
#[test]
fn bundled_workloads_pass_their_checks_under_cpython() {
    let python = common::python_cmd();
    if Command::new(&python).arg("--version").output().map(|o| !o.status.success()).unwrap_or(true)
    {
        common::report_line(
            "bundled_workloads_pass_their_checks_under_cpython: no python3, skipped",
        );
        return;
    }
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/cpython_workload.py");
    let mut files: Vec<PathBuf> = std::fs::read_dir(workloads_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for file in files {
        for isolated in [false, true] {
            let mut cmd = Command::new(&python);
            cmd.arg(&driver).arg(&file).args([
                "--size-scale",
                "0.02",
                "--threads",
                "1,2,3",
                "--repeat",
                "2",
            ]);
            if isolated {
                cmd.arg("--isolated");
            }
            common::apply_python_env(&mut cmd);
            let o = common::run_with_timeout(cmd, LIMIT, None);
            assert_eq!(o.code, Some(0), "{} (isolated: {isolated})\n{}", file.display(), ctx(&o));
            assert_eq!(o.stdout.matches("check=ok").count(), 3, "{}\n{}", file.display(), ctx(&o));
        }
    }
}

/// `--python` runs the same workloads on a real interpreter through the shipped driver: its rows
/// sit beside the models' in the table and JSON, labelled with version and GIL. With a stand-in
/// `concurrent.interpreters` on PYTHONPATH (tests/fixtures/fake_pep734) the driver's interpreters
/// path runs too; without it, those rows are skipped with a note.
#[test]
fn bench_python_rows_sit_beside_the_models() {
    let python = common::python_cmd();
    if Command::new(&python).arg("--version").output().map(|o| !o.status.success()).unwrap_or(true)
    {
        common::report_line("bench_python_rows_sit_beside_the_models: no python3, skipped");
        return;
    }
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    let json = dir.join("out.json");
    let args = [
        "bench",
        "good.py",
        "--modes",
        "gil",
        "--threads",
        "1,2",
        "--repeat",
        "2",
        "--python",
        &python,
        "--json",
        json.to_str().unwrap(),
    ];
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let version = Command::new(&python)
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .unwrap();
    let label = format!("cpython{}", String::from_utf8_lossy(&version.stdout).trim());
    let rows: Vec<&str> =
        o.stdout.lines().filter(|l| l.starts_with(&format!("  {label} "))).collect();
    assert_eq!(rows.len(), 2, "{}", ctx(&o));
    assert!(rows.iter().all(|r| r.ends_with("  ok")), "{}", ctx(&o));
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let results = parsed["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let real = &results[2];
    assert_eq!(real["mode"], label.as_str());
    assert!(real["interpreter"].as_str().unwrap().starts_with("CPython 3."), "{real}");
    assert_eq!(results[0]["interpreter"], serde_json::Value::Null);

    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fake_pep734");
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args([
        "bench",
        "good.py",
        "--modes",
        "gil",
        "--threads",
        "1,2",
        "--repeat",
        "2",
        "--python",
        &python,
    ])
    .current_dir(&*dir);
    common::apply_python_env(&mut cmd);
    cmd.env("PYTHONPATH", &fake);
    let o = common::run_with_timeout(cmd, LIMIT, None);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let interp_rows =
        o.stdout.lines().filter(|l| l.starts_with(&format!("  {label}-interpreters "))).count();
    if o.stderr.contains("no concurrent.interpreters") {
        panic!("the stand-in module was not picked up:\n{}", ctx(&o));
    }
    assert_eq!(interp_rows, 2, "{}", ctx(&o));
}

/// A `--python` that is not a Python fails before anything runs, naming it.
#[test]
fn bench_python_that_cannot_describe_itself_exits_2() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    let o = gilbench(&dir, &["bench", "good.py", "--python", "/bin/false"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("--python /bin/false: the probe failed"), "{}", ctx(&o));
    assert_eq!(o.stdout, "");
}

/// `gilbench ARGS...` in `dir` with `/proc/loadavg` replaced by `load` (the
/// `GILBENCH_FAKE_LOADAVG` test hook of `harness::provenance`).
fn gilbench_at_load(dir: &Path, load: &str, args: &[&str]) -> RunOutput {
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(args).current_dir(dir).env("GILBENCH_FAKE_LOADAVG", load);
    common::apply_python_env(&mut cmd);
    common::run_with_timeout(cmd, LIMIT, None)
}

/// `--json` carries the sweep's provenance beside the rows, every row names the machine, and a
/// busy machine is named in a warning before the sweep.
#[test]
fn bench_json_records_provenance_and_warns_on_a_busy_machine() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    let o = gilbench_at_load(
        &dir,
        "999.00 2.00 1.00 1/100 4242",
        &[
            "bench",
            "good.py",
            "--modes",
            "gil",
            "--threads",
            "1,2",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--json",
            "out.json",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let first = o.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with(
            "warning: the machine is busy: its 1-minute load average is 999.00, above half its "
        ),
        "{}",
        ctx(&o)
    );
    assert!(first.ends_with("results will be noisy (run on a quiet machine)"), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let meta = &doc["meta"];
    let key = meta["machine"]["key"].as_str().unwrap();
    let cores = meta["machine"]["logical_cores"].as_u64().unwrap();
    assert!(cores >= 1 && key.ends_with(&format!(", {cores} logical cores)")), "{meta}");
    assert!(first.contains(&format!("above half its {cores} logical cores")), "{}", ctx(&o));
    assert_eq!(meta["run"]["load_avg"], serde_json::json!([999.0, 2.0, 1.0]));
    assert_eq!(meta["run"]["command"][1], "bench");
    assert!(meta["run"]["date"].as_str().unwrap().ends_with('Z'), "{meta}");
    assert_eq!(meta["gilbench"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(!meta["gilbench"]["commit"].as_str().unwrap().is_empty(), "{meta}");
    assert!(
        meta["machine"]["memory_bytes"].as_u64().unwrap() > 0
            && meta["machine"]["kernel"].is_string(),
        "{meta}"
    );
    for row in doc["results"].as_array().unwrap() {
        assert_eq!(row["machine"], key, "{row}");
    }
}

/// `--strict` turns the busy-machine warning into exit status 2 before anything runs; a quiet
/// machine runs with no warning.
#[test]
fn bench_strict_refuses_a_busy_machine() {
    let dir = scratch();
    write(&dir, "good.py", GOOD);
    let args = [
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
        "--strict",
        "--json",
        "out.json",
    ];
    let o = gilbench_at_load(&dir, "999.00 2.00 1.00", &args);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(
        o.stderr.starts_with(
            "gilbench: bench: refusing to run (--strict): the machine is busy: its 1-minute load average is 999.00"
        ),
        "{}",
        ctx(&o)
    );
    assert_eq!(o.stderr.lines().count(), 1, "{}", ctx(&o));
    assert_eq!(o.stdout, "", "nothing ran");
    assert!(!dir.join("out.json").exists(), "nothing written");
    let o = gilbench_at_load(&dir, "0.00 0.00 0.00", &args);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(!o.stderr.contains("busy"), "{}", ctx(&o));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workloads").join(name)
}

/// Each sample starts from a fresh state, in every model and on CPython (threads, and the
/// driver's interpreters path with the stand-in `concurrent.interpreters`): `fresh_state.py`
/// appends to its state and fails `check` from the second sample on if `setup` is reused.
/// `setup_once.py` (META["setup"] = "once") fails if `setup` runs twice.
#[test]
fn every_sample_starts_from_a_fresh_state_in_every_model_and_on_cpython() {
    let dir = scratch();
    let (fresh, once) = (fixture("fresh_state.py"), fixture("setup_once.py"));
    let mut args: Vec<&str> = vec![
        "bench",
        fresh.to_str().unwrap(),
        once.to_str().unwrap(),
        "--threads",
        "1,2",
        "--repeat",
        "3",
        "--warmup",
        "1",
        "--json",
        "out.json",
    ];
    let python = common::python_cmd();
    let with_python =
        Command::new(&python).arg("--version").output().is_ok_and(|o| o.status.success());
    if with_python {
        args.extend(["--python", python.as_str()]);
    }
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), if with_python { 16 } else { 12 });
    for row in rows {
        assert_eq!(row["check_ok"], true, "{row}");
        assert!(row["setup_s"].as_f64().unwrap() > 0.0, "{row}");
    }
    if !with_python {
        common::report_line(
            "every_sample_starts_from_a_fresh_state...: no python3, CPython rows skipped",
        );
        return;
    }
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fake_pep734");
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/cpython_workload.py");
    for mode in ["threads", "isolated", "interpreters"] {
        let mut cmd = Command::new(&python);
        cmd.arg(&driver).arg(&fresh).args([
            "--threads",
            "1,2,3",
            "--repeat",
            "3",
            "--warmup",
            "2",
            "--mode",
            mode,
        ]);
        common::apply_python_env(&mut cmd);
        cmd.env("PYTHONPATH", &fake);
        let o = common::run_with_timeout(cmd, LIMIT, None);
        assert_eq!(o.code, Some(0), "{mode}\n{}", ctx(&o));
        assert_eq!(o.stdout.matches("check=ok").count(), 3, "{mode}\n{}", ctx(&o));
    }
}

/// `--memory-limit`: a workload that allocates without bound ends as MemoryError / "out of
/// memory" on its row, never as a crash, in every model and on CPython; whether the failing
/// allocation was one the interpreter could see coming (`[0] * size`: a Python MemoryError) or
/// not (a list growing inside `list(range(size))`: the allocator's abort).
#[test]
fn a_workload_that_exhausts_its_memory_limit_says_so_on_its_row() {
    let dir = scratch();
    write(&dir, "hoard.py", "META = {'size': 1_000_000}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    hoard = []\n    while True:\n        hoard.append([0] * size)\n\ndef check(results, size, workers):\n    return True\n");
    write(&dir, "grow.py", "META = {'size': 100_000}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    hoard = []\n    while True:\n        hoard.append(list(range(size)))\n\ndef check(results, size, workers):\n    return True\n");
    let python = common::python_cmd();
    let mut args = vec![
        "bench",
        "hoard.py",
        "grow.py",
        "--threads",
        "1,2",
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--memory-limit",
        "256M",
        "--timeout",
        "60",
        "--json",
        "out.json",
    ];
    let with_python =
        Command::new(&python).arg("--version").output().is_ok_and(|o| o.status.success());
    if with_python {
        args.extend(["--python", python.as_str()]);
    }
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), if with_python { 16 } else { 12 });
    for row in rows {
        let e = row["error"].as_str().unwrap_or_else(|| panic!("{row}"));
        assert!(e.contains("MemoryError"), "{row}");
        assert!(!e.contains("crashed") && !e.contains("timed out"), "{row}");
    }
    // The Python-level MemoryError names the line; the abort says how much it could not get.
    let hoard_gil = rows.iter().find(|r| r["workload"] == "hoard" && r["mode"] == "gil").unwrap();
    assert!(hoard_gil["error"].as_str().unwrap().contains("MemoryError (File \""), "{hoard_gil}");
    let grow_gil = rows.iter().find(|r| r["workload"] == "grow" && r["mode"] == "gil").unwrap();
    assert!(
        grow_gil["error"]
            .as_str()
            .unwrap()
            .starts_with("out of memory (MemoryError): memory allocation of "),
        "{grow_gil}"
    );
    // Under an ample limit the same binary runs a normal workload untouched.
    write(&dir, "good.py", GOOD);
    let o = gilbench(
        &dir,
        &["bench", "good.py", "--threads", "1,2", "--repeat", "2", "--memory-limit", "512M"],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
}

/// A workload that calls `os._exit(n)` inside `work` is reported as "exited with status n" on
/// its row (no report was written), in every model and on CPython; status 0 too.
#[test]
fn a_workload_that_calls_os_exit_is_reported_as_exited() {
    let dir = scratch();
    write(&dir, "quits.py", "import os\nMETA = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    print('bye')\n    os._exit(3)\n\ndef check(results, size, workers):\n    return True\n");
    write(&dir, "quits0.py", "import os\nMETA = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    os._exit(0)\n\ndef check(results, size, workers):\n    return True\n");
    let python = common::python_cmd();
    let mut args = vec![
        "bench",
        "quits.py",
        "quits0.py",
        "--threads",
        "1,2",
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--json",
        "out.json",
    ];
    if Command::new(&python).arg("--version").output().is_ok_and(|o| o.status.success()) {
        args.extend(["--python", python.as_str()]);
    }
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    for row in doc["results"].as_array().unwrap() {
        let want = if row["workload"] == "quits" {
            "worker exited with status 3"
        } else {
            "worker exited with status 0 before writing its report"
        };
        assert_eq!(row["error"].as_str(), Some(want), "{row}");
    }
}

/// A `check` that says what is wrong (a returned message, or an AssertionError's) puts that
/// message on its row, in gilbench's models and on CPython alike; the sweep still completes.
#[test]
fn check_messages_appear_on_the_rows() {
    let dir = scratch();
    let src = "META = {'size': 10}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    return worker\n\n\
               def check(results, size, workers):\n    assert sum(results) == 99, f'expected 99, got {sum(results)}'\n    return True\n";
    write(&dir, "asserts.py", src);
    let mut args = vec![
        "bench",
        "asserts.py",
        "--modes",
        "gil,sub",
        "--threads",
        "2",
        "--repeat",
        "1",
        "--warmup",
        "0",
        "--json",
        "out.json",
    ];
    let python = common::python_cmd();
    if common::python_available() {
        args.extend(["--python", python.as_str()]);
    }
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(1), "a failed check fails the sweep\n{}", ctx(&o));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let rows = doc["results"].as_array().unwrap();
    assert_eq!(rows.len(), if common::python_available() { 3 } else { 2 }, "{doc}");
    for row in rows {
        assert_eq!(row["error"].as_str(), Some("check failed: expected 99, got 1"), "{row}");
        assert_eq!(row["check_ok"], false);
    }
}
