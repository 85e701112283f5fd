//! The command line of baselines (`--save-baseline`, `--baseline`, `--fail-on-regression`) and of `gilbench recommend`, on tiny workloads.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::RunOutput;

fn scratch() -> common::Scratch {
    common::scratch("cli-baseline")
}

const LIMIT: Duration = Duration::from_secs(180);

/// `gilbench ARGS...` in `dir`, with baselines in their default place (`target/gilbench/baselines` under `dir`).
fn gilbench(dir: &Path, args: &[&str]) -> RunOutput {
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(args).current_dir(dir).env_remove("GILBENCH_BASELINE_DIR");
    common::apply_python_env(&mut cmd);
    common::run_with_timeout(cmd, LIMIT, None)
}

fn ctx(o: &RunOutput) -> String {
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", o.describe_status(), o.stdout, o.stderr)
}

/// A CPU loop whose work is `size` iterations split across the workers.
const TINY: &str = "META = {'category': 'cpu', 'size': 2_000, 'doc': 'tiny loop'}\n\ndef setup(size):\n    return None\n\ndef work(state, worker, workers, size):\n    t = 0\n    for i in range(size // workers):\n        t += i\n    return t\n\ndef check(results, size, workers):\n    n = size // workers\n    return results == [n * (n - 1) // 2] * workers\n";

/// The comparison table's line for `mode` at `threads`.
fn comparison_line<'a>(stdout: &'a str, mode: &str, threads: usize) -> Option<&'a str> {
    stdout.lines().skip_while(|l| !l.starts_with("Comparison with baseline")).find(|l| {
        let words: Vec<&str> = l.split_whitespace().collect();
        words.len() > 3 && words[1] == mode && words[2] == threads.to_string()
    })
}

#[test]
fn save_baseline_then_compare_prints_old_new_change_and_a_verdict() {
    let dir = scratch();
    std::fs::write(dir.join("tiny.py"), TINY).unwrap();
    let run = [
        "bench",
        "tiny.py",
        "--modes",
        "gil,ft",
        "--threads",
        "1",
        "--repeat",
        "5",
        "--warmup",
        "0",
    ];
    let mut save = run.to_vec();
    save.extend(["--save-baseline", "before"]);
    let o = gilbench(&dir, &save);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let stored = dir.join("target/gilbench/baselines/before.json");
    assert!(
        o.stdout.contains("saved baseline 'before' to target/gilbench/baselines/before.json"),
        "{}",
        ctx(&o)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&stored).unwrap()).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 2);
    assert!(doc["results"][0]["ci_low_s"].as_f64().is_some(), "5 samples give an interval: {doc}");

    let mut compare = run.to_vec();
    compare.extend(["--baseline", "before"]);
    let o = gilbench(&dir, &compare);
    assert_eq!(
        o.code,
        Some(0),
        "without --fail-on-regression a comparison never fails the run\n{}",
        ctx(&o)
    );
    assert!(
        o.stdout
            .contains("Comparison with baseline 'before' (target/gilbench/baselines/before.json)"),
        "{}",
        ctx(&o)
    );
    for mode in ["gil", "free-threaded"] {
        let line = comparison_line(&o.stdout, mode, 1)
            .unwrap_or_else(|| panic!("no comparison line for {mode}\n{}", ctx(&o)));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], "tiny", "{line}");
        assert!(
            words[3].parse::<f64>().is_ok() && words[4].parse::<f64>().is_ok(),
            "old and new medians: {line}"
        );
        assert!(
            words[5].ends_with('%') && (words[5].starts_with('+') || words[5].starts_with('-')),
            "change: {line}"
        );
        assert!(words[6].parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p)), "p-value: {line}");
        let verdict = words[7..].join(" ");
        assert!(
            ["regressed", "improved", "within noise", "no change"]
                .iter()
                .any(|v| verdict.starts_with(v)),
            "{line}"
        );
    }

    // A missing baseline fails before anything runs; --fail-on-regression needs --baseline.
    let o = gilbench(&dir, &["bench", "tiny.py", "--baseline", "nope"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("no baseline 'nope'") && !o.stderr.contains("[1/"), "{}", ctx(&o));
    let o = gilbench(&dir, &["bench", "tiny.py", "--fail-on-regression"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    let o = gilbench(&dir, &["bench", "tiny.py", "--save-baseline", "bad name"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("invalid baseline name 'bad name'"), "{}", ctx(&o));
}

#[test]
fn fail_on_regression_exits_1_when_the_same_configuration_got_slower() {
    let dir = scratch();
    std::fs::write(dir.join("tiny.py"), TINY).unwrap();
    let base =
        ["bench", "tiny.py", "--modes", "gil", "--threads", "1", "--repeat", "5", "--warmup", "0"];
    let mut save = base.to_vec();
    save.extend(["--size", "100", "--save-baseline", "fast"]);
    let o = gilbench(&dir, &save);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    // The same (workload, model, threads) with 20,000x the work: deliberately slower.
    let mut slow = base.to_vec();
    slow.extend([
        "--size",
        "2000000",
        "--baseline",
        "fast",
        "--fail-on-regression",
        "--regression-threshold",
        "10",
    ]);
    let o = gilbench(&dir, &slow);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    let line = comparison_line(&o.stdout, "gil", 1).unwrap_or_else(|| panic!("{}", ctx(&o)));
    assert!(line.ends_with("  regressed (size 100 -> 2000000)"), "{}", ctx(&o));
    // 5 vs 5 separated samples give p = 2/252 = 0.008 (a little more if a hiccup made one overlap).
    let p: f64 = line.split_whitespace().nth(6).unwrap().parse().unwrap();
    assert!(p < 0.05, "{}", ctx(&o));
    assert!(o.stdout.contains("1 of 1 configurations regressed against 'fast'"), "{}", ctx(&o));
    // The same run without --fail-on-regression reports it but exits 0.
    let o = gilbench(&dir, &slow[..slow.len() - 3]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stdout.contains("regressed"), "{}", ctx(&o));
}

#[test]
fn recommend_ranks_all_three_models_from_a_run_and_from_results() {
    let dir = scratch();
    std::fs::write(dir.join("tiny.py"), TINY).unwrap();
    let o = gilbench(
        &dir,
        &[
            "recommend",
            "tiny.py",
            "--threads",
            "2",
            "--size",
            "20000",
            "--repeat",
            "3",
            "--warmup",
            "0",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(
        o.stderr.contains("[6/6] tiny subinterpreters threads=2 size=20000"),
        "one configuration per model at 1 and 2 threads\n{}",
        ctx(&o)
    );
    let ranking: Vec<&str> = o
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Ranking for tiny at 2 threads"))
        .skip(1)
        .take(3)
        .collect();
    assert_eq!(ranking.len(), 3, "{}", ctx(&o));
    for (i, line) in ranking.iter().enumerate() {
        assert!(
            line.starts_with(&format!("{}. ", i + 1)) && line.contains("x at 2 threads ("),
            "{}",
            ctx(&o)
        );
    }
    for mode in ["gil", "free-threaded", "subinterpreters"] {
        assert_eq!(
            ranking.iter().filter(|l| l.split_whitespace().nth(1) == Some(mode)).count(),
            1,
            "{mode} ranked once\n{}",
            ctx(&o)
        );
    }
    let last = o.stdout.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("Recommendation: gil — ")
            || last.starts_with("Recommendation: free-threaded — ")
            || last.starts_with("Recommendation: subinterpreters — "),
        "{}",
        ctx(&o)
    );

    // From a --json file: no run, and a model whose check failed is disqualified.
    let o = gilbench(
        &dir,
        &[
            "bench",
            "tiny.py",
            "--threads",
            "1,2",
            "--size",
            "20000",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--json",
            "rows.json",
        ],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("rows.json")).unwrap()).unwrap();
    for row in doc["results"].as_array_mut().unwrap() {
        if row["mode"] == "free-threaded" && row["threads"] == 2 {
            row["check_ok"] = false.into();
        }
    }
    std::fs::write(dir.join("rows.json"), doc.to_string()).unwrap();
    let o = gilbench(&dir, &["recommend", "tiny.py", "--results", "rows.json"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(o.stderr.is_empty(), "nothing runs with --results\n{}", ctx(&o));
    assert!(
        o.stdout.contains("-. free-threaded — disqualified: check failed at 2 threads"),
        "{}",
        ctx(&o)
    );
    assert!(
        o.stdout.lines().filter(|l| l.starts_with("1. ") || l.starts_with("2. ")).count() == 2,
        "{}",
        ctx(&o)
    );
    let o = gilbench(&dir, &["recommend", "other.py", "--results", "rows.json"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(
        o.stderr.contains("no rows for workload 'other'") && o.stderr.contains("tiny"),
        "{}",
        ctx(&o)
    );

    // Files of two machines: the rows of the machine read last are ranked, with a note.
    let mut other = doc.clone();
    for row in other["results"].as_array_mut().unwrap() {
        row["machine"] = "box-b (Other CPU, 64 logical cores)".into();
        row["check_ok"] = true.into();
    }
    std::fs::write(dir.join("other_machine.json"), other.to_string()).unwrap();
    let o =
        gilbench(&dir, &["recommend", "tiny.py", "--results", "rows.json", "other_machine.json"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(
        o.stderr
            .contains("from 2 machines; ranking the rows of box-b (Other CPU, 64 logical cores)"),
        "{}",
        ctx(&o)
    );
    assert!(
        !o.stdout.contains("disqualified"),
        "box-b's free-threaded rows passed their check\n{}",
        ctx(&o)
    );
    let o =
        gilbench(&dir, &["recommend", "tiny.py", "--results", "other_machine.json", "rows.json"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(
        o.stdout.contains("-. free-threaded — disqualified: check failed at 2 threads"),
        "this machine's rows now\n{}",
        ctx(&o)
    );
}

/// `recommend` takes bench's workload options (one shared clap struct): `--modes` ranks only
/// those models, `--threads` is a list (1 thread is always run; the ranking is at the largest),
/// `--size-scale` scales META["size"], and `--python` rows are shown as references, not ranked.
#[test]
fn recommend_takes_the_workload_options_of_bench() {
    let dir = scratch();
    std::fs::write(dir.join("tiny.py"), TINY).unwrap();
    let mut args = vec![
        "recommend",
        "tiny.py",
        "--modes",
        "gil,ft",
        "--threads",
        "2,3",
        "--size-scale",
        "10",
        "--repeat",
        "3",
        "--warmup",
        "0",
        "--memory-limit",
        "1G",
    ];
    let python = common::python_cmd();
    let with_python = common::python_available();
    if with_python {
        args.extend(["--python", python.as_str()]);
    }
    let o = gilbench(&dir, &args);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    let configs = if with_python { 9 } else { 6 };
    assert!(
        o.stderr.contains(&format!("[{configs}/{configs}] tiny ")),
        "gil and ft (and CPython) at 1, 2 and 3 threads\n{}",
        ctx(&o)
    );
    assert!(
        o.stderr.contains("threads=3 size=20000"),
        "--size-scale 10 of META's 2000\n{}",
        ctx(&o)
    );
    assert!(!o.stderr.contains("subinterpreters"), "{}", ctx(&o));
    let ranking: Vec<&str> = o
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Ranking for tiny at 3 threads"))
        .skip(1)
        .take_while(|l| l.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        .collect();
    assert_eq!(ranking.len(), 2, "{}", ctx(&o));
    assert!(
        ranking.iter().all(|l| l.contains(" gil — ") || l.contains(" free-threaded — ")),
        "{}",
        ctx(&o)
    );
    if with_python {
        let refs: Vec<&str> = o
            .stdout
            .lines()
            .skip_while(|l| !l.starts_with("Real interpreters (references, not ranked"))
            .skip(1)
            .take_while(|l| l.starts_with("   "))
            .collect();
        assert_eq!(refs.len(), 1, "{}", ctx(&o));
        assert!(
            refs[0].starts_with("   cpython3.")
                && refs[0].contains(" at 3 threads, ")
                && refs[0].contains("its 1-thread time (CPython 3."),
            "{}",
            ctx(&o)
        );
    }
    assert!(
        o.stdout.trim_end().lines().last().unwrap().starts_with("Recommendation: "),
        "{}",
        ctx(&o)
    );

    // --results reads rows: options that would run something are refused.
    let o =
        gilbench(&dir, &["recommend", "tiny.py", "--results", "rows.json", "--python", "python3"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("cannot be used with"), "{}", ctx(&o));
    let o = gilbench(&dir, &["recommend", "tiny.py", "--modes", "warp"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("unknown mode 'warp'"), "{}", ctx(&o));
    let o = gilbench(&dir, &["recommend", "tiny.py", "--memory-limit", "lots"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert!(o.stderr.contains("invalid size \"lots\""), "{}", ctx(&o));
}
