//! `gilbench run --timeline`: the recorded thread states of real programs in each model (alternation under the GIL, overlap free-threaded and across subinterpreters, Python-lock waits, sleeps) and the chart files.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use gilbench::runtime::timeline::{LaneState, Span, ThreadLane, Timeline};

const LIMIT: Duration = Duration::from_secs(120);
/// Clock readings around a GIL hand-over are taken by two threads: allow this much overlap.
const TOLERANCE_NS: u64 = 50_000;

const CPU_THREADS: &str = r#"
import threading

def work(n):
    x = 0
    for i in range(n):
        x += i
    return x

if __name__ == "__main__":
    ts = [threading.Thread(target=work, args=(2_000_000,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("done")
"#;

const CPU_INTERPRETERS: &str = r#"
from concurrent import interpreters

def work(n):
    x = 0
    for i in range(n):
        x += i
    return x

if __name__ == "__main__":
    a = interpreters.create()
    b = interpreters.create()
    ta = a.call_in_thread(work, 2_000_000)
    tb = b.call_in_thread(work, 2_000_000)
    ta.join()
    tb.join()
    a.close()
    b.close()
    print("done")
"#;

const LOCKED: &str = r#"
import threading
import time

lock = threading.Lock()
count = 0

def work(n):
    global count
    for i in range(n):
        with lock:
            for j in range(20):
                count += 1

if __name__ == "__main__":
    time.sleep(0.05)
    ts = [threading.Thread(target=work, args=(20_000,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(count)
"#;

/// Run `source` in `mode` with `--timeline DIR/NAME`; answers the run and the directory.
fn run(mode: &str, source: &str, out_name: &str) -> (common::RunOutput, common::Scratch) {
    let dir = common::scratch("timeline");
    std::fs::write(dir.join("prog.py"), source).unwrap();
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(["run", "--mode", mode, "--timeline", out_name, "prog.py"]).current_dir(&*dir);
    common::apply_python_env(&mut cmd);
    let out = common::run_with_timeout(cmd, LIMIT, None);
    assert_eq!(
        out.code,
        Some(0),
        "{mode}: {}\nstdout: {}\nstderr: {}",
        out.describe_status(),
        out.stdout,
        out.stderr
    );
    assert!(
        out.stderr.contains("timeline") && out.stderr.contains(out_name),
        "{mode}: where it was written is not said: {}",
        out.stderr
    );
    (out, dir)
}

fn record(mode: &str, source: &str) -> (common::RunOutput, Timeline) {
    let (out, dir) = run(mode, source, "out.json");
    let text = std::fs::read_to_string(dir.join("out.json")).unwrap();
    let t: Timeline = serde_json::from_str(&text).unwrap();
    check_well_formed(&t);
    (out, t)
}

fn check_well_formed(t: &Timeline) {
    assert!(!t.lanes.is_empty(), "no lanes: {t:?}");
    assert_eq!(t.lanes[0].label, "main");
    assert_eq!(t.events_dropped, 0);
    for l in &t.lanes {
        for s in &l.spans {
            assert!(
                s.start_ns < s.end_ns && s.end_ns <= t.duration_ns,
                "{}: bad span {s:?}",
                l.label
            );
        }
        for w in l.spans.windows(2) {
            assert!(w[0].end_ns <= w[1].start_ns, "{}: overlapping spans {w:?}", l.label);
        }
    }
}

fn spans(l: &ThreadLane, state: LaneState) -> impl Iterator<Item = &Span> {
    l.spans.iter().filter(move |s| s.state == state)
}

fn total(l: &ThreadLane, state: LaneState) -> u64 {
    spans(l, state).map(|s| s.end_ns - s.start_ns).sum()
}

/// Time both lanes spent in `state` at once.
fn overlap(a: &ThreadLane, b: &ThreadLane, state: LaneState) -> u64 {
    let mut sum = 0;
    for x in spans(a, state) {
        for y in spans(b, state) {
            sum += x.end_ns.min(y.end_ns).saturating_sub(x.start_ns.max(y.start_ns));
        }
    }
    sum
}

/// The lanes of threads that ran Python, besides the main thread.
fn workers(t: &Timeline) -> Vec<&ThreadLane> {
    t.lanes.iter().filter(|l| l.label != "main" && total(l, LaneState::Running) > 0).collect()
}

fn describe(t: &Timeline) -> String {
    t.lanes
        .iter()
        .map(|l| {
            let per: Vec<String> = LaneState::ALL
                .iter()
                .filter(|s| total(l, **s) > 0)
                .map(|s| format!("{:?} {:.1} ms", s, total(l, *s) as f64 / 1e6))
                .collect();
            format!("{} ({} spans): {}", l.label, l.spans.len(), per.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn gil_threads_alternate() {
    let (out, t) = record("gil", CPU_THREADS);
    assert_eq!(out.stdout, "done\n");
    assert_eq!(t.model, "gil");
    let w = workers(&t);
    assert_eq!(w.len(), 2, "{}", describe(&t));
    for l in &w {
        assert!(spans(l, LaneState::Running).count() > 1, "{}", describe(&t));
        assert!(spans(l, LaneState::GilWait).count() > 0, "{}", describe(&t));
    }
    // Starting and joining threads waits on signal locks: blocked, not a Python-lock wait.
    let main = &t.lanes[0];
    assert!(
        total(main, LaneState::Blocked) > 0 && total(main, LaneState::PyLockWait) == 0,
        "{}",
        describe(&t)
    );
    // Only the holder of the GIL runs Python: Running spans of any two lanes never overlap.
    for (i, a) in t.lanes.iter().enumerate() {
        for b in &t.lanes[i + 1..] {
            for x in spans(a, LaneState::Running) {
                for y in spans(b, LaneState::Running) {
                    let both = x.end_ns.min(y.end_ns).saturating_sub(x.start_ns.max(y.start_ns));
                    assert!(
                        both <= TOLERANCE_NS,
                        "{} {x:?} and {} {y:?} run at once\n{}",
                        a.label,
                        b.label,
                        describe(&t)
                    );
                }
            }
        }
    }
}

#[test]
fn free_threaded_threads_overlap() {
    let (out, t) = record("free-threaded", CPU_THREADS);
    assert_eq!(out.stdout, "done\n");
    let w = workers(&t);
    assert_eq!(w.len(), 2, "{}", describe(&t));
    let shorter = total(w[0], LaneState::Running).min(total(w[1], LaneState::Running));
    let both = overlap(w[0], w[1], LaneState::Running);
    assert!(both * 10 > shorter * 3, "overlap {both} ns of {shorter} ns\n{}", describe(&t));
    assert!(t.lanes.iter().all(|l| spans(l, LaneState::GilWait).count() == 0), "{}", describe(&t));
}

#[test]
fn subinterpreters_run_side_by_side() {
    let (out, t) = record("subinterpreters", CPU_INTERPRETERS);
    assert_eq!(out.stdout, "done\n");
    let subs: Vec<&ThreadLane> =
        t.lanes.iter().filter(|l| l.interpreter != 0 && total(l, LaneState::Running) > 0).collect();
    let mut ids: Vec<u32> = subs.iter().map(|l| l.interpreter).collect();
    ids.sort_unstable();
    ids.dedup();
    assert!(ids.len() >= 2, "{}", describe(&t));
    for l in &subs {
        assert!(l.label.starts_with(&format!("interp {} · thread ", l.interpreter)), "{}", l.label);
    }
    let mut best = 0f64;
    for a in &subs {
        for b in subs.iter().filter(|b| b.interpreter != a.interpreter) {
            let shorter = total(a, LaneState::Running).min(total(b, LaneState::Running)).max(1);
            best = best.max(overlap(a, b, LaneState::Running) as f64 / shorter as f64);
        }
    }
    assert!(best > 0.3, "best overlap {best:.2}\n{}", describe(&t));
    // The call's function and result cross between interpreters.
    assert!(t.lanes.iter().any(|l| total(l, LaneState::Copying) > 0), "{}", describe(&t));
}

fn check_lock_and_sleep(mode: &str) {
    let (out, t) = record(mode, LOCKED);
    assert_eq!(out.stdout, "800000\n");
    assert!(
        workers(&t).iter().any(|l| total(l, LaneState::PyLockWait) > 0),
        "{mode}: no Python-lock wait\n{}",
        describe(&t)
    );
    let main = &t.lanes[0];
    assert!(
        spans(main, LaneState::Blocked).any(|s| s.end_ns - s.start_ns >= 40_000_000),
        "{mode}: the 50 ms sleep is not Blocked\n{}",
        describe(&t)
    );
}

#[test]
fn a_shared_lock_shows_python_lock_waits_and_sleep_shows_blocked() {
    check_lock_and_sleep("free-threaded");
    check_lock_and_sleep("gil");
}

#[test]
fn svg_output_writes_svg_and_png() {
    let (out, dir) = run("gil", CPU_THREADS, "chart.svg");
    assert_eq!(out.stdout, "done\n");
    let svg = std::fs::read_to_string(dir.join("chart.svg")).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("main") && svg.contains("waiting for the GIL"),
        "{}",
        &svg[..svg.len().min(400)]
    );
    let png = std::fs::read(dir.join("chart.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 1000);
    assert!(out.stderr.contains("chart.png"), "{}", out.stderr);
}

#[test]
fn png_output_and_exit_status_are_kept() {
    let dir = common::scratch("timeline");
    std::fs::write(dir.join("prog.py"), "import sys\nprint('hi')\nsys.exit(3)\n").unwrap();
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(["run", "--mode", "ft", "--timeline", "t.png", "--timeline-cap", "1000", "prog.py"])
        .current_dir(&*dir);
    common::apply_python_env(&mut cmd);
    let out = common::run_with_timeout(cmd, LIMIT, None);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert_eq!(out.stdout, "hi\n");
    assert!(Path::new(&dir.join("t.png")).exists());
}
