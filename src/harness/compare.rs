//! `gilbench compare SCRIPT [ARGS...]`: an unmodified program run under every model and real interpreter, its rows, the output check and the plain-words explanation.
//!
//! Public API: [`compare`] drives the runs through a [`RunLauncher`] ([`ProcessRunLauncher`]
//! in the binary, a mock in the tests) and returns a [`Comparison`]; [`render_table`] and
//! [`Comparison::explanations`] turn it into text, and `report::compare_page` into a report.
//!
//! Every run is a fresh process: `gilbench __compare-worker --mode M` for the models (see
//! `script_run.rs`), the interpreter itself for `--python` rows. The parent measures every row
//! the same way, from outside (`child.rs`: wall time, user + system CPU time, peak RSS), and
//! reads the models' counters from the worker's report file. Warm-up runs are not timed; their
//! output is still compared. With `--timeline`, one extra run per model records each thread's
//! states (an untimed run, so the measured runs carry no recording at all).
//!
//! The output check compares the standard output of *every* run (warm-up, measured and
//! timeline runs, all models and interpreters) with the first one, byte for byte. A race that
//! changes what a program prints shows up as a difference, never passes silently.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::runtime::timeline::Timeline;
use crate::runtime::ModelKind;

use super::child::{run_child, ChildEnd, ChildSpec};
use super::results::median;
use super::script_run::ScriptReport;

/// The hidden subcommand of a compare worker.
pub const WORKER_SUBCOMMAND: &str = "__compare-worker";

/// What runs a row: one of gilbench's models, or a real interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Model(ModelKind),
    /// A real Python: the command, its row label (`cpython3.11`) and description.
    Python {
        path: PathBuf,
        label: String,
        description: String,
    },
}

impl Target {
    pub fn label(&self) -> String {
        match self {
            Target::Model(m) => m.name().to_string(),
            Target::Python { label, .. } => label.clone(),
        }
    }
}

/// Which kind of run this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Warmup,
    Measured,
    /// The extra run that records the thread timeline (models only).
    Timeline,
}

/// How one run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunEnd {
    Exited {
        code: i32,
    },
    Signaled {
        signal: i32,
    },
    TimedOut {
        secs: f64,
    },
    /// It could not be started at all.
    NotStarted {
        reason: String,
    },
}

/// One run, as the parent saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub end: RunEnd,
    pub wall_s: f64,
    pub cpu_s: f64,
    pub max_rss_bytes: u64,
    /// The run's standard output (compared across runs; not written to JSON).
    #[serde(skip)]
    pub stdout: Vec<u8>,
    /// The last lines of its standard error.
    pub stderr_tail: String,
    /// The worker's counters (models only; absent when the run ended before writing them).
    pub counters: Option<BTreeMap<String, f64>>,
    #[serde(skip)]
    pub timeline: Option<Timeline>,
}

impl RunRecord {
    pub fn ok(&self) -> bool {
        self.end == RunEnd::Exited { code: 0 }
    }
}

/// Starts the runs. The real one spawns processes; tests use a mock.
pub trait RunLauncher {
    fn run(&self, target: &Target, kind: RunKind) -> RunRecord;
}

/// The options of one comparison.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub script: PathBuf,
    pub args: Vec<String>,
    pub targets: Vec<Target>,
    pub repeat: usize,
    pub warmup: usize,
    pub timeline: bool,
}

/// One row: a target's measured runs and their summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    pub label: String,
    /// The model's name, or None for a real interpreter.
    pub mode: Option<String>,
    /// A real interpreter's description (`CPython 3.11.4, GIL enabled`).
    pub interpreter: Option<String>,
    pub runs: Vec<RunRecord>,
    /// Medians over the measured runs that exited (any status); None when none did.
    pub wall_s: Option<f64>,
    pub cpu_s: Option<f64>,
    pub max_rss_bytes: Option<u64>,
    /// Counters: the mean over the measured runs that reported them.
    pub counters: BTreeMap<String, f64>,
    /// What went wrong, if anything (a non-zero exit, a signal, a timeout).
    pub problem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
}

impl CompareRow {
    /// CPU time over wall time: how many cores were busy on average.
    pub fn parallelism(&self) -> Option<f64> {
        match (self.cpu_s, self.wall_s) {
            (Some(c), Some(w)) if w > 0.0 => Some(c / w),
            _ => None,
        }
    }

    pub fn counter(&self, name: &str) -> Option<f64> {
        self.counters.get(name).copied()
    }

    /// Measured wall times of the runs that ended normally.
    fn walls(&self) -> Vec<f64> {
        self.runs.iter().filter(|r| r.ok()).map(|r| r.wall_s).collect()
    }
}

/// Where two runs' outputs first differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputDifference {
    /// `free-threaded (run 2)`.
    pub run: String,
    /// The run it was compared with.
    pub reference: String,
    /// 1-based line of the first difference, and both lines (cut to 200 characters).
    pub line: usize,
    pub expected: String,
    pub actual: String,
}

/// Everything one comparison found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub script: String,
    pub args: Vec<String>,
    pub repeat: usize,
    pub warmup: usize,
    pub rows: Vec<CompareRow>,
    /// Runs whose standard output differs from the first run's (empty: all identical).
    pub output_differences: Vec<OutputDifference>,
    /// How many runs' outputs were compared.
    pub outputs_compared: usize,
}

fn cut(s: &str) -> String {
    if s.chars().count() > 200 {
        format!("{}...", s.chars().take(200).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The first differing line of two outputs (None when equal).
pub fn first_difference(expected: &[u8], actual: &[u8]) -> Option<(usize, String, String)> {
    if expected == actual {
        return None;
    }
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let (mut el, mut al) = (e.split_inclusive('\n'), a.split_inclusive('\n'));
    let mut n = 0;
    loop {
        n += 1;
        match (el.next(), al.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => {
                let show = |l: Option<&str>| {
                    l.map_or("(end of output)".to_string(), |l| cut(l.trim_end_matches('\n')))
                };
                return Some((n, show(x), show(y)));
            }
        }
    }
}

fn describe_end(end: &RunEnd, stderr_tail: &str) -> Option<String> {
    let last = stderr_tail.lines().last().unwrap_or("").trim();
    match end {
        RunEnd::Exited { code: 0 } => None,
        RunEnd::Exited { code } => {
            let mut s = format!("exited with status {code}");
            if !last.is_empty() {
                s.push_str(&format!(": {last}"));
            }
            if last.starts_with("EOFError") {
                s.push_str(" (the program reads standard input: give it with --stdin FILE)");
            }
            Some(s)
        }
        RunEnd::Signaled { signal } => Some(match super::launcher::signal_name(*signal) {
            Some(name) => format!("killed by signal {signal} ({name})"),
            None => format!("killed by signal {signal}"),
        }),
        RunEnd::TimedOut { secs } => {
            Some(format!("timed out after {secs} s (killed with everything it started)"))
        }
        RunEnd::NotStarted { reason } => Some(format!("could not start: {reason}")),
    }
}

fn summarize(target: &Target, runs: Vec<RunRecord>, timeline: Option<Timeline>) -> CompareRow {
    let finished: Vec<&RunRecord> =
        runs.iter().filter(|r| matches!(r.end, RunEnd::Exited { .. })).collect();
    let med = |v: Vec<f64>| median(&v);
    let wall_s = med(finished.iter().map(|r| r.wall_s).collect());
    let cpu_s = med(finished.iter().map(|r| r.cpu_s).collect());
    let max_rss_bytes = finished.iter().map(|r| r.max_rss_bytes).max();
    let mut counters = BTreeMap::new();
    let reported: Vec<&BTreeMap<String, f64>> =
        runs.iter().filter_map(|r| r.counters.as_ref()).collect();
    for c in &reported {
        for (k, v) in c.iter() {
            *counters.entry(k.clone()).or_insert(0.0) += v / reported.len() as f64;
        }
    }
    let mut problems: Vec<String> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        if let Some(p) = describe_end(&r.end, &r.stderr_tail) {
            let p = if runs.len() > 1 { format!("run {}: {p}", i + 1) } else { p };
            if !problems
                .iter()
                .any(|q| q.split_once(": ").map(|x| x.1) == p.split_once(": ").map(|x| x.1))
            {
                problems.push(p);
            }
        }
    }
    let (mode, interpreter) = match target {
        Target::Model(m) => (Some(m.name().to_string()), None),
        Target::Python { description, .. } => (None, Some(description.clone())),
    };
    let problem = (!problems.is_empty()).then(|| problems.join("; "));
    CompareRow {
        label: target.label(),
        mode,
        interpreter,
        runs,
        wall_s,
        cpu_s,
        max_rss_bytes,
        counters,
        problem,
        timeline,
    }
}

/// Run the comparison: per target, `warmup` untimed runs, `repeat` measured runs and (models,
/// with `timeline`) one recording run; then the output check over all of them.
pub fn compare(
    options: &CompareOptions,
    launcher: &dyn RunLauncher,
    mut progress: impl FnMut(&str),
) -> Comparison {
    let mut rows = Vec::new();
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    for target in &options.targets {
        let label = target.label();
        for i in 0..options.warmup {
            progress(&format!("{label}: warm-up {}/{}", i + 1, options.warmup));
            let r = launcher.run(target, RunKind::Warmup);
            outputs.push((format!("{label} (warm-up {})", i + 1), r.stdout));
        }
        let mut runs = Vec::new();
        for i in 0..options.repeat {
            progress(&format!("{label}: run {}/{}", i + 1, options.repeat));
            let r = launcher.run(target, RunKind::Measured);
            outputs.push((format!("{label} (run {})", i + 1), r.stdout.clone()));
            runs.push(r);
        }
        let mut timeline = None;
        if options.timeline && matches!(target, Target::Model(_)) {
            progress(&format!("{label}: timeline run"));
            let r = launcher.run(target, RunKind::Timeline);
            outputs.push((format!("{label} (timeline run)"), r.stdout.clone()));
            timeline = r.timeline;
        }
        rows.push(summarize(target, runs, timeline));
    }
    let mut output_differences = Vec::new();
    if let Some((first_name, first)) = outputs.first() {
        for (name, out) in &outputs[1..] {
            if let Some((line, expected, actual)) = first_difference(first, out) {
                output_differences.push(OutputDifference {
                    run: name.clone(),
                    reference: first_name.clone(),
                    line,
                    expected,
                    actual,
                });
            }
        }
    }
    Comparison {
        script: options.script.display().to_string(),
        args: options.args.clone(),
        repeat: options.repeat,
        warmup: options.warmup,
        rows,
        outputs_compared: outputs.len(),
        output_differences,
    }
}

// ---------------------------------------------------------------------------------------------
// The real launcher
// ---------------------------------------------------------------------------------------------

/// Runs each target as a child process (see `child.rs`), its outputs in scratch files.
pub struct ProcessRunLauncher {
    /// This binary.
    pub exe: PathBuf,
    pub script: PathBuf,
    pub args: Vec<String>,
    pub stdin: Option<PathBuf>,
    pub timeout: Duration,
    pub scratch: PathBuf,
    /// Events kept per timeline run.
    pub timeline_cap: usize,
}

/// The compare worker's command line after the executable.
pub fn worker_args(
    mode: ModelKind,
    report: &Path,
    timeline: Option<(&Path, usize)>,
    script: &Path,
    args: &[String],
) -> Vec<std::ffi::OsString> {
    let mut v: Vec<std::ffi::OsString> = vec![
        WORKER_SUBCOMMAND.into(),
        "--mode".into(),
        mode.name().into(),
        "--report".into(),
        report.into(),
    ];
    if let Some((path, cap)) = timeline {
        v.extend([
            "--timeline".into(),
            path.into(),
            "--timeline-cap".into(),
            cap.to_string().into(),
        ]);
    }
    v.push("--".into());
    v.push(script.into());
    v.extend(args.iter().map(Into::into));
    v
}

impl RunLauncher for ProcessRunLauncher {
    fn run(&self, target: &Target, kind: RunKind) -> RunRecord {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUN: AtomicUsize = AtomicUsize::new(0);
        let stem = self.scratch.join(format!(
            "gilbench-compare-{}-{}",
            std::process::id(),
            RUN.fetch_add(1, Ordering::Relaxed)
        ));
        let path = |ext: &str| PathBuf::from(format!("{}.{ext}", stem.display()));
        let (report, timeline_path, out, err) =
            (path("report.json"), path("timeline.json"), path("stdout"), path("stderr"));
        let (program, args, env) = match target {
            Target::Model(mode) => {
                let tl = (kind == RunKind::Timeline)
                    .then_some((timeline_path.as_path(), self.timeline_cap));
                (
                    self.exe.clone(),
                    worker_args(*mode, &report, tl, &self.script, &self.args),
                    vec![],
                )
            }
            Target::Python { path, .. } => {
                let mut a: Vec<std::ffi::OsString> = vec![self.script.clone().into()];
                a.extend(self.args.iter().map(Into::into));
                (path.clone(), a, vec![("PYTHONDONTWRITEBYTECODE".to_string(), "1".to_string())])
            }
        };
        let spec = ChildSpec {
            program,
            args,
            env,
            stdin: self.stdin.clone(),
            stdout: out.clone(),
            stderr: err.clone(),
            timeout: self.timeout,
        };
        let outcome = run_child(&spec);
        let stdout = std::fs::read(&out).unwrap_or_default();
        let stderr_tail = super::launcher::stderr_tail(&err);
        let counters = std::fs::read_to_string(&report)
            .ok()
            .and_then(|t| serde_json::from_str::<ScriptReport>(&t).ok())
            .map(|r| r.counters);
        let timeline = std::fs::read_to_string(&timeline_path)
            .ok()
            .and_then(|t| serde_json::from_str::<Timeline>(&t).ok());
        for p in [&report, &timeline_path, &out, &err] {
            let _ = std::fs::remove_file(p);
        }
        match outcome {
            Ok(o) => RunRecord {
                end: match o.end {
                    ChildEnd::Exited(code) => RunEnd::Exited { code },
                    ChildEnd::Signaled(signal) => RunEnd::Signaled { signal },
                    ChildEnd::TimedOut => RunEnd::TimedOut { secs: self.timeout.as_secs_f64() },
                },
                wall_s: o.wall.as_secs_f64(),
                cpu_s: o.cpu().as_secs_f64(),
                max_rss_bytes: o.max_rss_bytes,
                stdout,
                stderr_tail,
                counters,
                timeline,
            },
            Err(e) => RunRecord {
                end: RunEnd::NotStarted { reason: e.to_string() },
                wall_s: 0.0,
                cpu_s: 0.0,
                max_rss_bytes: 0,
                stdout,
                stderr_tail,
                counters: None,
                timeline: None,
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Explaining and printing
// ---------------------------------------------------------------------------------------------

fn pct(x: f64) -> String {
    if x > 0.0 && x < 0.01 {
        "<1%".to_string()
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

fn secs(s: f64) -> String {
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 0.1 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1000.0)
    }
}

/// `1.7x faster than gil`, `1.3x the time of gil`, or `as fast as gil (within noise)`.
pub fn speed_phrase(row: &CompareRow, base: &CompareRow) -> Option<String> {
    let (w, b) = (row.wall_s?, base.wall_s?);
    if w <= 0.0 || b <= 0.0 {
        return None;
    }
    let (rw, bw) = (row.walls(), base.walls());
    // Within noise: the ranges of the measured runs overlap, or the medians are within 3%.
    let overlap = !rw.is_empty() && !bw.is_empty() && {
        let (rmin, rmax) =
            (rw.iter().cloned().fold(f64::MAX, f64::min), rw.iter().cloned().fold(0.0, f64::max));
        let (bmin, bmax) =
            (bw.iter().cloned().fold(f64::MAX, f64::min), bw.iter().cloned().fold(0.0, f64::max));
        rmin <= bmax && bmin <= rmax && rw.len() > 1
    };
    if overlap || (w / b - 1.0).abs() < 0.03 {
        return Some(format!(
            "as fast as {} (within noise: {} vs {})",
            base.label,
            secs(w),
            secs(b)
        ));
    }
    Some(if w < b {
        format!("{:.2}x faster than {} ({} vs {})", b / w, base.label, secs(w), secs(b))
    } else {
        format!("{:.2}x the time of {} ({} vs {})", w / b, base.label, secs(w), secs(b))
    })
}

/// Thread-time of a row: the threads' lifetimes summed (models), else wall × 1.
fn thread_time(row: &CompareRow) -> Option<f64> {
    row.counter("thread_time_s").filter(|t| *t > 0.0)
}

/// The waits of a row as (label, seconds), largest first, with thread-time shares.
fn waits(row: &CompareRow) -> Vec<(&'static str, f64)> {
    let gil = if row.mode.as_deref() == Some(ModelKind::Subinterpreters.name()) {
        "waiting for their interpreter's own GIL"
    } else {
        "waiting for the GIL"
    };
    let mut w: Vec<(&'static str, f64)> = [
        (gil, "gil_wait_s"),
        ("waiting on object locks (shared containers)", "lock_wait_s"),
        ("waiting on Python locks (threading.Lock and friends)", "pylock_wait_s"),
        ("parked for stop-the-world GC pauses", "stw_wait_s"),
        ("copying between interpreters", "xi_copy_s"),
        ("in cyclic GC collections", "gc_pause_s"),
    ]
    .iter()
    .filter_map(|(label, name)| Some((*label, row.counter(name)?)))
    .filter(|(_, v)| *v > 0.0)
    .collect();
    w.sort_by(|a, b| b.1.total_cmp(&a.1));
    w
}

/// Plain-words lines for one row (`base`: the row it is compared with, usually gil).
pub fn explain_row(row: &CompareRow, base: Option<&CompareRow>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(p) = &row.problem {
        lines.push(format!("problem: {p}"));
    }
    if let Some(b) = base.filter(|b| b.label != row.label) {
        if let Some(s) = speed_phrase(row, b) {
            lines.push(s);
        }
    }
    if let Some(par) = row.parallelism() {
        let threads = row.counter("threads_started").unwrap_or(0.0);
        let interps = row.counter("interpreters_started").unwrap_or(0.0);
        let mut s = format!("{par:.2} cores busy on average (CPU time / wall time)");
        if row.mode.is_some() {
            s.push_str(&format!(
                "; the program started {} thread(s) and {} interpreter(s)",
                threads.round(),
                interps.round()
            ));
        }
        lines.push(s);
    }
    if let Some(tt) = thread_time(row) {
        let ws = waits(row);
        let shown: Vec<String> = ws
            .iter()
            .filter(|(_, v)| v / tt >= 0.02)
            .map(|(l, v)| format!("{} of thread-time {l}", pct(v / tt)))
            .collect();
        if !shown.is_empty() {
            lines.push(shown.join("; "));
        }
        if let Some(b) = row.counter("blocked_s").filter(|b| b / tt >= 0.02) {
            lines.push(format!("{} of thread-time blocked, not contending: sleeping, joining, waiting on events, queues or futures, reading input", pct(b / tt)));
        }
        let gain = match (base, row.wall_s) {
            (Some(b), Some(w)) => b.wall_s.is_some_and(|bw| w < bw * 0.9),
            _ => false,
        };
        if let Some((label, v)) = ws.first() {
            if !gain && v / tt >= 0.2 && base.is_some_and(|b| b.label != row.label) {
                let mut s = format!("no gain: {} of thread-time {label}", pct(v / tt));
                if label.starts_with("waiting on object locks") {
                    if let Some(n) = row.counter("object_locks_contended") {
                        s.push_str(&format!(" ({} contended acquisitions)", n.round()));
                    }
                }
                lines.push(s);
            }
        }
    }
    if let (Some(local), Some(shared)) = (row.counter("refops_local"), row.counter("refops_shared"))
    {
        if shared > 0.0 && local + shared > 0.0 {
            lines.push(format!(
                "{} of reference-count operations were atomic (objects used by more than one thread)",
                pct(shared / (local + shared))
            ));
        }
    }
    if row.mode.as_deref() == Some(ModelKind::Subinterpreters.name()) {
        let interps = row.counter("interpreters_started").unwrap_or(0.0);
        if interps < 1.0 {
            lines.push(
                "the script ran inside one interpreter as written and started no others: this row is the script on one interpreter with its own lock; subinterpreters help only programs that use concurrent.interpreters or InterpreterPoolExecutor"
                    .into(),
            );
        } else if let Some(items) = row.counter("xi_items").filter(|i| *i > 0.0) {
            let bytes = row.counter("xi_bytes").unwrap_or(0.0);
            lines.push(format!(
                "{} item(s) ({:.1} KiB) copied between interpreters",
                items.round(),
                bytes / 1024.0
            ));
        }
    }
    if row.mode.is_some()
        && row.counter("threads_started").unwrap_or(0.0) < 1.0
        && row.counter("interpreters_started").unwrap_or(0.0) < 1.0
        && row.problem.is_none()
    {
        lines.push(
            "the program started no threads or interpreters: no model can run it in parallel"
                .into(),
        );
    }
    lines
}

impl Comparison {
    /// The row other rows are compared with: gil if it ran, else the first row with a time.
    pub fn base(&self) -> Option<&CompareRow> {
        self.rows
            .iter()
            .find(|r| r.mode.as_deref() == Some(ModelKind::Gil.name()) && r.wall_s.is_some())
            .or_else(|| self.rows.iter().find(|r| r.wall_s.is_some()))
    }

    /// The fastest row that ran cleanly (by median wall time).
    pub fn fastest(&self) -> Option<&CompareRow> {
        self.rows
            .iter()
            .filter(|r| r.problem.is_none() && r.wall_s.is_some())
            .min_by(|a, b| a.wall_s.unwrap().total_cmp(&b.wall_s.unwrap()))
    }

    /// One verdict line, then per row its explanation.
    pub fn explanations(&self) -> (String, Vec<(String, Vec<String>)>) {
        let base = self.base();
        let per: Vec<(String, Vec<String>)> =
            self.rows.iter().map(|r| (r.label.clone(), explain_row(r, base))).collect();
        let verdict = match (self.fastest(), base) {
            (None, _) => "no configuration ran cleanly: see the problems below".to_string(),
            (Some(f), Some(b)) if f.label != b.label => match speed_phrase(f, b) {
                Some(p) if p.starts_with("as fast") => {
                    format!("no model is clearly faster: {} is {p}", f.label)
                }
                Some(p) => format!("fastest: {}, {p}", f.label),
                None => format!("fastest: {}", f.label),
            },
            (Some(f), _) => {
                format!("fastest: {} (no other configuration beat it beyond noise)", f.label)
            }
        };
        let references: Vec<String> = self
            .rows
            .iter()
            .filter(|r| r.mode.is_none())
            .filter_map(|r| Some(format!("{} {}", r.label, secs(r.wall_s?))))
            .collect();
        let verdict = if references.is_empty() {
            verdict
        } else {
            format!("{verdict}; real interpreters (references): {}", references.join(", "))
        };
        (verdict, per)
    }
}

fn fmt_opt_secs(x: Option<f64>) -> String {
    x.map_or("-".to_string(), secs)
}

fn fmt_rss(b: Option<u64>) -> String {
    b.map_or("-".to_string(), |b| format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)))
}

/// The table printed on stdout, then the output check and the explanations.
pub fn render_table(c: &Comparison) -> String {
    let headers = [
        "configuration",
        "wall",
        "CPU",
        "cores busy",
        "peak RSS",
        "threads",
        "interps",
        "GIL wait",
        "lock wait",
        "pylock wait",
        "status",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &c.rows {
        let count = |n: &str| r.counter(n).map_or("-".to_string(), |v| format!("{}", v.round()));
        let wait = |n: &str| r.counter(n).map_or("-".to_string(), secs);
        rows.push(vec![
            r.label.clone(),
            fmt_opt_secs(r.wall_s),
            fmt_opt_secs(r.cpu_s),
            r.parallelism().map_or("-".to_string(), |p| format!("{p:.2}")),
            fmt_rss(r.max_rss_bytes),
            count("threads_started"),
            count("interpreters_started"),
            wait("gil_wait_s"),
            wait("lock_wait_s"),
            wait("pylock_wait_s"),
            if r.problem.is_some() { "FAILED".to_string() } else { "ok".to_string() },
        ]);
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    format!("{s:<w$}", w = widths[i])
                } else {
                    format!("{s:>w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    let mut out = format!(
        "{} {}: median of {} run(s) after {} warm-up run(s); wall and CPU time from outside the process\n\n",
        c.script,
        c.args.join(" "),
        c.repeat,
        c.warmup
    );
    out.push_str(&line(headers.iter().map(|s| s.to_string()).collect()));
    for row in rows {
        out.push_str(&line(row));
    }
    out.push('\n');
    if c.output_differences.is_empty() {
        out.push_str(&format!("output: identical in all {} runs\n", c.outputs_compared));
    } else {
        out.push_str(&format!(
            "OUTPUT DIFFERS in {} of {} runs (a race, or nondeterminism, changes what the program prints):\n",
            c.output_differences.len(),
            c.outputs_compared
        ));
        for d in c.output_differences.iter().take(6) {
            out.push_str(&format!(
                "  {} vs {}, line {}:\n    expected: {}\n    actual:   {}\n",
                d.run, d.reference, d.line, d.expected, d.actual
            ));
        }
        if c.output_differences.len() > 6 {
            out.push_str(&format!("  ... and {} more\n", c.output_differences.len() - 6));
        }
    }
    let (verdict, per) = c.explanations();
    out.push_str(&format!("\n{verdict}\n"));
    for (label, lines) in per {
        out.push_str(&format!("  {label}:\n"));
        for l in lines {
            out.push_str(&format!("    - {l}\n"));
        }
    }
    out
}

/// The `--json` document: provenance beside the comparison.
pub fn to_json(c: &Comparison, meta: &super::provenance::Provenance) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        meta: &'a super::provenance::Provenance,
        compare: &'a Comparison,
    }
    serde_json::to_string_pretty(&Doc { meta, compare: c })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
