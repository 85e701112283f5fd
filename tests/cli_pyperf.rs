//! `bench --pyperf DIR` against the real pyperf: `python -m pyperf compare_to` and `pyperf stats` read the files gilbench writes.
//!
//! The Python with pyperf installed comes from `GILBENCH_PYPERF` (a path to its `python`; `.ci/run`
//! sets it to a venv it creates), else `python3` when it can `import pyperf`. With neither, the
//! test says it is skipped. A `GILBENCH_PYPERF` that cannot import pyperf fails the test.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::RunOutput;

/// Environment variable: the `python` that has pyperf.
const ENV_PYPERF: &str = "GILBENCH_PYPERF";

fn ctx(o: &RunOutput) -> String {
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", o.describe_status(), o.stdout, o.stderr)
}

fn imports_pyperf(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import pyperf"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The Python to run pyperf with, or None (skip).
fn pyperf_python() -> Option<String> {
    if let Some(p) = std::env::var(ENV_PYPERF).ok().filter(|p| !p.trim().is_empty()) {
        assert!(imports_pyperf(&p), "{ENV_PYPERF}={p} cannot `import pyperf`");
        return Some(p);
    }
    let python = common::python_cmd();
    imports_pyperf(&python).then_some(python)
}

/// A workload whose time differs by model on purpose: it sleeps 4 ms per worker round under the
/// GIL and 1 ms under the free-threaded build, so pyperf's significance test always has a
/// difference to show, however busy the machine (this test is about the file format, not speed).
const SLEEPY: &str = "import sys, time\n\nMETA = {'category': 'io', 'size': 1}\n\ndef setup(size):\n    return None\n\n\
def work(state, worker, workers, size):\n    gil = getattr(sys, '_is_gil_enabled', lambda: True)()\n    time.sleep(0.004 if gil else 0.001)\n    return worker\n\n\
def check(results, size, workers):\n    return sorted(results) == list(range(workers))\n";

fn run(python: &str, args: &[&str], dir: &Path) -> RunOutput {
    let mut cmd = Command::new(python);
    cmd.args(["-m", "pyperf"]).args(args).current_dir(dir);
    common::run_with_timeout(cmd, Duration::from_secs(120), None)
}

#[test]
fn pyperf_reads_the_files_bench_writes() {
    let Some(python) = pyperf_python() else {
        common::report_line(&format!(
            "pyperf_reads_the_files_bench_writes: pyperf not installed (set {ENV_PYPERF}=path/to/python), skipped"
        ));
        return;
    };
    let dir = common::scratch("cli-pyperf");
    std::fs::write(dir.join("sleepy.py"), SLEEPY).unwrap();
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args([
        "bench",
        "sleepy.py",
        "--modes",
        "gil,ft",
        "--threads",
        "1,2",
        "--repeat",
        "6",
        "--warmup",
        "0",
        "--pyperf",
        "pp",
    ])
    .current_dir(&*dir);
    let o = common::run_with_timeout(cmd, Duration::from_secs(120), None);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stderr.contains("gilbench: pyperf: wrote 2 file(s) to pp"), "{}", ctx(&o));
    for f in ["gil.json", "free-threaded.json"] {
        assert!(dir.join("pp").join(f).is_file(), "pp/{f}\n{}", ctx(&o));
    }

    let cmp =
        run(&python, &["compare_to", "--table", "pp/gil.json", "pp/free-threaded.json"], &dir);
    assert_eq!(cmp.code, Some(0), "compare_to\n{}", ctx(&cmp));
    let lines: Vec<&str> = cmp.stdout.lines().collect();
    let header = lines
        .iter()
        .find(|l| l.starts_with("| Benchmark"))
        .unwrap_or_else(|| panic!("no table\n{}", ctx(&cmp)));
    assert!(header.contains("| gil") && header.contains("| free-threaded"), "{}", ctx(&cmp));
    for name in ["sleepy/1t", "sleepy/2t"] {
        let row = lines
            .iter()
            .find(|l| l.starts_with(&format!("| {name} ")))
            .unwrap_or_else(|| panic!("no row for {name}\n{}", ctx(&cmp)));
        assert!(
            row.contains("faster"),
            "the free-threaded file sleeps a quarter as long: {row}\n{}",
            ctx(&cmp)
        );
    }
    assert!(lines.iter().any(|l| l.starts_with("+==")), "a reST table\n{}", ctx(&cmp));

    let stats = run(&python, &["stats", "pp/gil.json"], &dir);
    assert_eq!(stats.code, Some(0), "stats\n{}", ctx(&stats));
    for needle in [
        "Number of benchmarks: 2",
        "sleepy/1t",
        "sleepy/2t",
        "Number of value per run: 6",
        "Loop iterations per value: 1",
        "Median +- MAD:",
    ] {
        assert!(stats.stdout.contains(needle), "stats lacks {needle:?}\n{}", ctx(&stats));
    }
    let meta = run(&python, &["show", "--metadata", "pp/free-threaded.json"], &dir);
    assert_eq!(meta.code, Some(0), "show --metadata\n{}", ctx(&meta));
    for needle in [
        "gilbench_mode: free-threaded",
        "python_implementation: gilbench",
        "unit: second",
        "cpu_count: ",
    ] {
        assert!(meta.stdout.contains(needle), "metadata lacks {needle:?}\n{}", ctx(&meta));
    }
}
