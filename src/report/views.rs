//! Pure views of sweep rows for the report: reading and merging inputs, modes in first-seen order, per-workload groups, speedups, thread-time breakdowns and memory.

use std::collections::HashMap;

use serde::Deserialize;

use crate::harness::provenance::{Provenance, UNKNOWN_MACHINE};
use crate::harness::results::{BenchRow, RowStatus};

/// gilbench's own models, in the order and with the colours the charts give them.
pub const KNOWN_MODES: [&str; 3] = ["gil", "free-threaded", "subinterpreters"];

/// What can go wrong while reading inputs or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a gilbench results file ({message})")]
    Parse { path: String, message: String },
}

impl ReportError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> ReportError {
        ReportError::Io { path: path.display().to_string(), source }
    }
}

/// What the report says about where its rows came from.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// When the report was generated (`2026-11-25 06:30 UTC`).
    pub generated: String,
    /// The input files' names (empty for `bench --report`).
    pub inputs: Vec<String>,
    /// Every sweep the rows come from, with its provenance (the report's "Provenance" table).
    pub sources: Vec<Source>,
    /// `gilbench report --baseline OLD.json`: every configuration against the old file.
    pub baseline: Option<BaselineView>,
}

/// The rows of a report against a baseline file, configuration by configuration.
#[derive(Debug, Clone, Default)]
pub struct BaselineView {
    /// The baseline file's name.
    pub label: String,
    /// `--regression-threshold`, in percent.
    pub threshold_pct: f64,
    pub comparisons: Vec<crate::harness::baseline::Comparison>,
    /// Set when the two were measured on different machines.
    pub machine_note: Option<String>,
}

/// One sweep behind a report: the input it was read from and its `"meta"` (None for files
/// written before provenance was recorded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// The input file, or `this sweep` for `bench --report`.
    pub input: String,
    pub meta: Option<Provenance>,
}

impl Source {
    /// The machine key of this source's rows.
    pub fn machine(&self) -> &str {
        self.meta.as_ref().map(Provenance::key).unwrap_or(UNKNOWN_MACHINE)
    }
}

/// The machine key of a row ([`UNKNOWN_MACHINE`] for rows from files without provenance).
pub fn machine_of(row: &BenchRow) -> &str {
    row.machine.as_deref().filter(|m| !m.is_empty()).unwrap_or(UNKNOWN_MACHINE)
}

/// Parse a `gilbench bench --json` document (`{"results": [...]}`; a bare array of rows is
/// accepted too). `name` is used in the error message.
pub fn parse_results(text: &str, name: &str) -> Result<Vec<BenchRow>, ReportError> {
    parse_document(text, name).map(|(rows, _)| rows)
}

/// Parse a results document with its provenance: `"meta"` is one sweep's object, or a list of
/// them in a merged document; absent in older files. Rows without a `machine` of a document
/// with exactly one provenance get its machine key.
pub fn parse_document(
    text: &str,
    name: &str,
) -> Result<(Vec<BenchRow>, Vec<Provenance>), ReportError> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Meta {
        Many(Vec<Provenance>),
        One(Box<Provenance>),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Doc {
        Wrapped {
            #[serde(default)]
            meta: Option<Meta>,
            results: Vec<BenchRow>,
        },
        Bare(Vec<BenchRow>),
    }
    if text.trim().is_empty() {
        return Err(ReportError::Parse {
            path: name.to_string(),
            message: "the file is empty".into(),
        });
    }
    match serde_json::from_str::<Doc>(text) {
        Ok(Doc::Bare(results)) => Ok((results, Vec::new())),
        Ok(Doc::Wrapped { meta, mut results }) => {
            let meta = match meta {
                None => Vec::new(),
                Some(Meta::One(p)) => vec![*p],
                Some(Meta::Many(v)) => v,
            };
            if let [only] = meta.as_slice() {
                for r in results.iter_mut().filter(|r| r.machine.is_none()) {
                    r.machine = Some(only.key().to_string());
                }
            }
            Ok((results, meta))
        }
        Err(e) => {
            // The untagged enum hides the real reason; ask the wrapped shape for it.
            let message = match serde_json::from_str::<serde_json::Value>(text) {
                Err(e) => e.to_string(),
                Ok(serde_json::Value::Object(o)) if !o.contains_key("results") => {
                    "no \"results\" key".to_string()
                }
                Ok(serde_json::Value::Object(o))
                    if o.get("meta")
                        .is_some_and(|m| serde_json::from_value::<Meta>(m.clone()).is_err()) =>
                {
                    let m = o.get("meta").cloned().unwrap_or_default();
                    let why = serde_json::from_value::<Provenance>(m)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| "neither an object nor a list of objects".into());
                    format!("bad \"meta\": {why}")
                }
                Ok(v) => {
                    let rows = v.get("results").cloned().unwrap_or(v);
                    serde_json::from_value::<Vec<BenchRow>>(rows)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| e.to_string())
                }
            };
            Err(ReportError::Parse { path: name.to_string(), message })
        }
    }
}

/// Rows merged from several inputs.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub rows: Vec<BenchRow>,
    /// How many rows were replaced by a later row with the same machine, workload, mode and threads.
    pub replaced: usize,
    /// The sweeps read, in input order (see [`Source`]).
    pub sources: Vec<Source>,
}

/// Merge row sets in order. Rows are keyed by (machine, workload, mode, threads): a later row
/// replaces an earlier one in place, so the order is first-seen and each key appears once; rows
/// of different machines never replace each other.
pub fn merge_rows(sets: Vec<Vec<BenchRow>>) -> Merged {
    let mut merged = Merged::default();
    let mut index: HashMap<(String, String, String, usize), usize> = HashMap::new();
    for row in sets.into_iter().flatten() {
        let key =
            (machine_of(&row).to_string(), row.workload.clone(), row.mode.clone(), row.threads);
        match index.get(&key) {
            Some(&i) => {
                merged.rows[i] = row;
                merged.replaced += 1;
            }
            None => {
                index.insert(key, merged.rows.len());
                merged.rows.push(row);
            }
        }
    }
    merged
}

/// A usable timing: a finite, positive median of a row that ran and checked.
pub fn ok_median(row: &BenchRow) -> Option<f64> {
    row.median_s.filter(|m| row.is_ok() && m.is_finite() && *m > 0.0)
}

/// Recompute `speedup_vs_1t` and `speedup_vs_gil_1t` over merged rows: baselines are the rows
/// of the same machine, workload *and size* at 1 thread (same mode; `gil`), which also works
/// across input files. Same rule as the harness: only rows that ran and checked enter a speedup.
pub fn recompute_speedups(rows: &mut [BenchRow]) {
    let mut base: HashMap<(String, String, u64, String), f64> = HashMap::new();
    for r in rows.iter().filter(|r| r.threads == 1) {
        if let Some(m) = ok_median(r) {
            base.entry((machine_of(r).to_string(), r.workload.clone(), r.size, r.mode.clone()))
                .or_insert(m);
        }
    }
    for r in rows.iter_mut() {
        let me = ok_median(r);
        let machine = machine_of(r).to_string();
        let lookup = |mode: &str| {
            base.get(&(machine.clone(), r.workload.clone(), r.size, mode.to_string())).copied()
        };
        r.speedup_vs_1t = me.and_then(|m| lookup(&r.mode).map(|b| b / m));
        r.speedup_vs_gil_1t = me.and_then(|m| lookup("gil").map(|b| b / m));
    }
}

/// A mode as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeInfo {
    pub name: String,
    /// The real interpreter's label (`CPython 3.11.4, GIL enabled`), when the rows carry one.
    pub interpreter: Option<String>,
}

impl ModeInfo {
    /// `name`, or `name (interpreter)`.
    pub fn label(&self) -> String {
        match &self.interpreter {
            Some(i) if !i.is_empty() => format!("{} ({i})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// Every mode in the rows, in first-seen order (with the first interpreter label seen for it).
pub fn modes_in_order(rows: &[BenchRow]) -> Vec<ModeInfo> {
    let mut modes: Vec<ModeInfo> = Vec::new();
    for r in rows {
        match modes.iter_mut().find(|m| m.name == r.mode) {
            Some(m) => {
                if m.interpreter.is_none() {
                    m.interpreter = r.interpreter.clone();
                }
            }
            None => {
                modes.push(ModeInfo { name: r.mode.clone(), interpreter: r.interpreter.clone() })
            }
        }
    }
    modes
}

/// A machine as the report shows it: its key and a short label for charts and headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineInfo {
    pub key: String,
    /// The hostname part of the key (`laptop`) when that tells the machines apart, else the key.
    pub label: String,
}

/// Every machine in the rows, in first-seen order, with short labels.
pub fn machines_in_order(rows: &[BenchRow]) -> Vec<MachineInfo> {
    let mut keys: Vec<&str> = Vec::new();
    for r in rows {
        if !keys.contains(&machine_of(r)) {
            keys.push(machine_of(r));
        }
    }
    let short =
        |k: &str| k.split_once(" (").map(|(h, _)| h.to_string()).unwrap_or_else(|| k.to_string());
    keys.iter()
        .map(|k| {
            let unique = keys.iter().filter(|o| short(o) == short(k)).count() == 1;
            MachineInfo { key: k.to_string(), label: if unique { short(k) } else { k.to_string() } }
        })
        .collect()
}

/// One workload's rows on one machine, ordered by mode (first-seen over the whole report) then threads.
#[derive(Debug, Clone)]
pub struct WorkloadView {
    pub name: String,
    /// The machine key of every row of the view.
    pub machine: String,
    /// The machine's short label when the report holds several machines (None for one).
    pub machine_label: Option<String>,
    pub category: Option<String>,
    /// Distinct sizes, ascending (one unless inputs were merged from different sweeps).
    pub sizes: Vec<u64>,
    pub rows: Vec<BenchRow>,
    /// The modes present in this workload, in the report's order.
    pub modes: Vec<ModeInfo>,
    /// Distinct thread counts, ascending.
    pub threads: Vec<usize>,
}

impl WorkloadView {
    /// The heading: the workload's name, and `on MACHINE` when the report holds several machines.
    pub fn title(&self) -> String {
        match &self.machine_label {
            Some(m) => format!("{} on {m}", self.name),
            None => self.name.clone(),
        }
    }

    /// This workload's rows of one mode, by threads.
    pub fn rows_of<'a>(&'a self, mode: &'a str) -> impl Iterator<Item = &'a BenchRow> + 'a {
        self.rows.iter().filter(move |r| r.mode == mode)
    }

    /// Rows that did not run and check (shown in the tables, left out of the charts).
    pub fn failed(&self) -> usize {
        self.rows.iter().filter(|r| ok_median(r).is_none()).count()
    }
}

/// Group rows by workload name and machine (workloads in first-seen order, each workload's
/// machines in the report's machine order); `modes` gives the mode order.
pub fn group_workloads(rows: &[BenchRow], modes: &[ModeInfo]) -> Vec<WorkloadView> {
    let rank = |mode: &str| modes.iter().position(|m| m.name == mode).unwrap_or(usize::MAX);
    let machines = machines_in_order(rows);
    let several = machines.len() > 1;
    let mut views: Vec<WorkloadView> = Vec::new();
    for r in rows {
        let machine = machine_of(r);
        let view = match views.iter().position(|v| v.name == r.workload && v.machine == machine) {
            Some(i) => &mut views[i],
            None => {
                let machine_label = several.then(|| {
                    machines
                        .iter()
                        .find(|m| m.key == machine)
                        .map(|m| m.label.clone())
                        .unwrap_or_else(|| machine.to_string())
                });
                views.push(WorkloadView {
                    name: r.workload.clone(),
                    machine: machine.to_string(),
                    machine_label,
                    category: None,
                    sizes: vec![],
                    rows: vec![],
                    modes: vec![],
                    threads: vec![],
                });
                views.last_mut().expect("just pushed")
            }
        };
        if view.category.is_none() {
            view.category = r.category.clone();
        }
        view.rows.push(r.clone());
    }
    for v in &mut views {
        v.rows.sort_by(|a, b| {
            (rank(&a.mode), &a.mode, a.threads).cmp(&(rank(&b.mode), &b.mode, b.threads))
        });
        v.sizes = v.rows.iter().map(|r| r.size).collect();
        v.sizes.sort_unstable();
        v.sizes.dedup();
        v.threads = v.rows.iter().map(|r| r.threads).collect();
        v.threads.sort_unstable();
        v.threads.dedup();
        v.modes =
            modes.iter().filter(|m| v.rows.iter().any(|r| r.mode == m.name)).cloned().collect();
    }
    // Keep a workload's machines together, in machine order (stable: workloads stay first-seen).
    let workload_rank =
        |name: &str| rows.iter().position(|r| r.workload == name).unwrap_or(usize::MAX);
    let machine_rank = |key: &str| machines.iter().position(|m| m.key == key).unwrap_or(usize::MAX);
    views.sort_by_key(|v| (workload_rank(&v.name), machine_rank(&v.machine)));
    views
}

/// A counter's value, with a missing or non-finite one counted as 0.
pub fn counter(row: &BenchRow, name: &str) -> f64 {
    row.counters.get(name).copied().filter(|v| v.is_finite()).unwrap_or(0.0)
}

/// Where a configuration's thread-time went, in seconds (per measured sample, summed over threads).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Breakdown {
    /// Thread-time of the parallel section: median × threads.
    pub thread_s: f64,
    /// Thread-time not spent waiting or copying (never negative).
    pub running_s: f64,
    pub gil_wait_s: f64,
    pub lock_wait_s: f64,
    /// Blocked without contention: sleeping, joining, waiting on events, queues or futures,
    /// reading input (the `blocked_s` counter). Not "running".
    pub blocked_s: f64,
    /// The cyclic GC: the collecting thread's pauses plus the time other threads spent parked
    /// while it had the world stopped (free-threaded build).
    pub gc_s: f64,
    pub copying_s: f64,
    /// Interpreter start-up plus `setup`, outside the timed section.
    pub setup_s: f64,
    /// Thread-time of a real interpreter's row (`--python`), which reports no counters: shown
    /// whole rather than passed off as "running".
    pub unmeasured_s: f64,
}

impl Breakdown {
    /// The stacked segments in drawing order, with their names.
    pub fn segments(&self) -> [(&'static str, f64); 8] {
        [
            (SEGMENTS[0], self.running_s),
            (SEGMENTS[1], self.gil_wait_s),
            (SEGMENTS[2], self.lock_wait_s),
            (SEGMENTS[3], self.blocked_s),
            (SEGMENTS[4], self.gc_s),
            (SEGMENTS[5], self.copying_s),
            (SEGMENTS[6], self.setup_s),
            (SEGMENTS[7], self.unmeasured_s),
        ]
    }

    /// The length of the stacked bar.
    pub fn total(&self) -> f64 {
        self.segments().iter().map(|(_, v)| v).sum()
    }
}

/// The breakdown's segment names, in stacking order.
pub const SEGMENTS: [&str; 8] = [
    "running",
    "GIL wait",
    "lock wait",
    "blocked (sleep, join, queue, I/O)",
    "GC pause",
    "copying between interpreters",
    "start-up + setup",
    "not broken down (real interpreter)",
];

/// The breakdown of a row that ran and checked (None otherwise).
pub fn breakdown(row: &BenchRow) -> Option<Breakdown> {
    let median = ok_median(row)?;
    let nonneg = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let thread_s = median * row.threads.max(1) as f64;
    let gil_wait_s = nonneg(counter(row, "gil_wait_s"));
    // Lock wait: free-threaded object locks plus the program's own blocking lock acquires
    // (`threading.Lock`, `queue`, `Condition`), which every model pays.
    let lock_wait_s = nonneg(counter(row, "lock_wait_s")) + nonneg(counter(row, "pylock_wait_s"));
    let copying_s = nonneg(counter(row, "xi_copy_s"));
    let blocked_s = nonneg(counter(row, "blocked_s"));
    let gc_s = nonneg(counter(row, "gc_pause_s")) + nonneg(counter(row, "stw_wait_s"));
    let setup_s = nonneg(row.setup_s) + nonneg(row.startup_s);
    if row.interpreter.is_some() {
        return Some(Breakdown {
            thread_s,
            running_s: 0.0,
            gil_wait_s: 0.0,
            lock_wait_s: 0.0,
            blocked_s: 0.0,
            gc_s: 0.0,
            copying_s: 0.0,
            setup_s,
            unmeasured_s: thread_s,
        });
    }
    let running_s = (thread_s - gil_wait_s - lock_wait_s - blocked_s - gc_s - copying_s).max(0.0);
    Some(Breakdown {
        thread_s,
        running_s,
        gil_wait_s,
        lock_wait_s,
        blocked_s,
        gc_s,
        copying_s,
        setup_s,
        unmeasured_s: 0.0,
    })
}

/// Which memory figure a workload's memory chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryMetric {
    /// `counters["peak_rss_bytes"]`, drawn in MiB.
    PeakRss,
    /// `counters["allocations"]` (a count) when no row has a peak RSS.
    Allocations,
}

impl MemoryMetric {
    pub fn counter(self) -> &'static str {
        match self {
            MemoryMetric::PeakRss => "peak_rss_bytes",
            MemoryMetric::Allocations => "allocations",
        }
    }

    /// The axis label, with its unit.
    pub fn axis(self) -> &'static str {
        match self {
            MemoryMetric::PeakRss => "peak resident set size of the worker process (MiB)",
            MemoryMetric::Allocations => {
                "objects allocated per sample (count; peak RSS not recorded)"
            }
        }
    }

    /// The value as drawn (bytes become MiB).
    pub fn scale(self, raw: f64) -> f64 {
        match self {
            MemoryMetric::PeakRss => raw / (1024.0 * 1024.0),
            MemoryMetric::Allocations => raw,
        }
    }
}

/// The memory figure of each row (None where the row has no such counter), and which figure it is.
/// Peak RSS when any row of the view has it, else allocations; None when neither exists.
pub fn memory_values(view: &WorkloadView) -> Option<(MemoryMetric, Vec<Option<f64>>)> {
    let has =
        |name: &str| view.rows.iter().any(|r| r.counters.get(name).is_some_and(|v| v.is_finite()));
    let metric = if has("peak_rss_bytes") {
        MemoryMetric::PeakRss
    } else if has("allocations") {
        MemoryMetric::Allocations
    } else {
        return None;
    };
    let values = view
        .rows
        .iter()
        .map(|r| {
            r.counters
                .get(metric.counter())
                .copied()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(|v| metric.scale(v))
        })
        .collect();
    Some((metric, values))
}

/// One cell of the headline (workload × mode).
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub mode: String,
    /// The largest thread count this mode was run at for the workload.
    pub threads: usize,
    /// Speedup at `threads` against 1 thread of the same mode (None if either failed or is absent).
    pub speedup: Option<f64>,
    /// This mode's 1-thread median over the GIL build's 1-thread median (lower is faster).
    pub single_vs_gil: Option<f64>,
    /// The row at `threads` did not run and check.
    pub failed: bool,
}

/// The headline of each mode of a workload, in the view's mode order.
pub fn headlines(view: &WorkloadView) -> Vec<Headline> {
    let one = |mode: &str| {
        view.rows.iter().find(|r| r.mode == mode && r.threads == 1).and_then(ok_median)
    };
    let gil_1t = one("gil");
    view.modes
        .iter()
        .filter_map(|m| {
            let top = view.rows_of(&m.name).max_by_key(|r| r.threads)?;
            let speedup = match (one(&m.name), ok_median(top)) {
                (Some(b), Some(t)) => Some(b / t),
                _ => None,
            };
            let single_vs_gil = match (one(&m.name), gil_1t) {
                (Some(me), Some(g)) => Some(me / g),
                _ => None,
            };
            Some(Headline {
                mode: m.name.clone(),
                threads: top.threads,
                speedup,
                single_vs_gil,
                failed: ok_median(top).is_none(),
            })
        })
        .collect()
}

/// The speedup line of one mode: (threads, speedup vs 1 thread of the same mode) for rows that ran.
pub fn speedup_points(view: &WorkloadView, mode: &str) -> Vec<(usize, f64)> {
    let Some(base) = view.rows_of(mode).find(|r| r.threads == 1).and_then(ok_median) else {
        return Vec::new();
    };
    view.rows_of(mode)
        .filter_map(|r| ok_median(r).map(|m| (r.threads, base / m)))
        .filter(|(_, s)| s.is_finite())
        .collect()
}

/// The table's word for a row's outcome.
pub fn status_word(row: &BenchRow) -> &'static str {
    match row.status() {
        RowStatus::Ok => "ok",
        RowStatus::CheckFailed => "CHECK FAILED",
        RowStatus::Error => "ERROR",
    }
}

/// The columns of the report's provenance table (one row per sweep, see [`provenance_rows`]).
pub const PROVENANCE_HEADERS: [&str; 11] = [
    "input",
    "machine",
    "CPU",
    "cores",
    "memory",
    "OS",
    "gilbench",
    "date",
    "load avg 1/5/15 min",
    "command",
    "--python",
];

/// Bytes as `23.5 GiB`.
pub fn fmt_bytes(b: u64) -> String {
    let gib = b as f64 / (1024.0 * 1024.0 * 1024.0);
    if gib >= 1.0 {
        format!("{gib:.1} GiB")
    } else {
        format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0))
    }
}

/// One row of the provenance table per source, in [`PROVENANCE_HEADERS`] order. A source
/// without provenance says so; a load above half the cores is marked `busy`.
pub fn provenance_rows(sources: &[Source]) -> Vec<Vec<String>> {
    sources
        .iter()
        .map(|s| {
            let Some(p) = &s.meta else {
                let mut row = vec![
                    s.input.clone(),
                    UNKNOWN_MACHINE.to_string(),
                    "not recorded (a results file from before provenance)".to_string(),
                ];
                row.resize(PROVENANCE_HEADERS.len(), "-".to_string());
                return row;
            };
            let m = &p.machine;
            let load = match p.run.load_avg {
                Some([a, b, c]) => {
                    let busy = if p.busy_warning().is_some() { " (busy)" } else { "" };
                    format!("{a:.2} / {b:.2} / {c:.2}{busy}")
                }
                None => "-".into(),
            };
            let pythons: Vec<String> = p
                .pythons
                .iter()
                .map(|py| format!("{}: {} ({})", py.path, py.describe(), py.labels.join(", ")))
                .collect();
            vec![
                s.input.clone(),
                p.key().to_string(),
                m.cpu_model.clone().unwrap_or_else(|| "-".into()),
                m.cores_text(),
                m.memory_bytes.map(fmt_bytes).unwrap_or_else(|| "-".into()),
                m.os_text(),
                p.gilbench.describe(),
                if p.run.date.is_empty() { "-".into() } else { p.run.date.clone() },
                load,
                if p.run.command.is_empty() { "-".into() } else { p.run.command.join(" ") },
                if pythons.is_empty() { "-".into() } else { pythons.join("; ") },
            ]
        })
        .collect()
}

/// Warnings for sweeps that started on a busy machine (see `provenance::busy_warning`).
pub fn busy_notes(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .filter_map(|s| {
            Some(format!("{} ({}): {}", s.input, s.machine(), s.meta.as_ref()?.busy_warning()?))
        })
        .collect()
}

/// A file-name-safe form of a workload name.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(
            |c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' },
        )
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "workload".to_string()
    } else {
        s
    }
}

/// Seconds as the tables print them (`-` for none).
pub fn fmt_secs(x: Option<f64>) -> String {
    match x {
        Some(s) if !s.is_finite() => "-".into(),
        Some(s) if s.abs() >= 100.0 => format!("{s:.1}"),
        Some(s) if s.abs() >= 0.1 => format!("{s:.3}"),
        Some(s) => format!("{s:.4}"),
        None => "-".into(),
    }
}

/// A ratio as `1.85x` (`-` for none).
pub fn fmt_ratio(x: Option<f64>) -> String {
    match x {
        Some(r) if r.is_finite() => format!("{r:.2}x"),
        _ => "-".into(),
    }
}

/// The main counters a table shows (name, heading), when any row has them.
pub const KEY_COUNTERS: [(&str, &str); 10] = [
    ("gil_wait_s", "GIL wait s"),
    ("lock_wait_s", "lock wait s"),
    ("xi_copy_s", "copy s"),
    ("object_locks_contended", "contended locks"),
    ("xi_bytes", "copied"),
    ("gc_collections", "GC runs"),
    ("gc_pause_s", "GC pause s"),
    ("alloc_bytes", "allocated"),
    ("heap_peak_bytes", "heap peak"),
    ("peak_rss_bytes", "peak RSS"),
];

/// The key counters present in any of `rows`.
pub fn key_counters_present(rows: &[BenchRow]) -> Vec<(&'static str, &'static str)> {
    KEY_COUNTERS
        .iter()
        .copied()
        .filter(|(name, _)| rows.iter().any(|r| r.counters.contains_key(*name)))
        .collect()
}

/// Bytes for a table cell: `512 B`, `19.5 KiB`, `18.5 MiB`, `1.2 GiB`.
pub fn fmt_size(b: f64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = b.max(0.0);
    let mut i = 0;
    while v >= 1024.0 && i + 1 < units.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{v:.0} B")
    } else {
        format!("{v:.1} {}", units[i])
    }
}

/// A counter as a table cell: seconds with `fmt_secs`, bytes in KiB/MiB/GiB, counts as whole
/// numbers (a per-sample mean, rounded). A counter a real interpreter cannot report is "not
/// measured"; one gilbench did not record is "-".
pub fn fmt_counter(row: &BenchRow, name: &str) -> String {
    match row.counters.get(name).copied() {
        None if row.interpreter.is_some() => "not measured".into(),
        None => "-".into(),
        Some(v) if !v.is_finite() => "-".into(),
        Some(v) if name.ends_with("_bytes") => fmt_size(v),
        Some(v) if name.ends_with("_s") => fmt_secs(Some(v)),
        Some(v) if v.abs() < 1e15 => format!("{}", v.round() as i64),
        Some(v) => format!("{v:.3e}"),
    }
}

/// The first line of a row's error, or the reason it has no speedup.
pub fn error_line(row: &BenchRow) -> Option<String> {
    let first = row
        .error
        .as_deref()
        .and_then(|e| e.lines().map(str::trim).find(|l| !l.is_empty()))
        .map(str::to_string);
    match row.status() {
        RowStatus::Ok => first,
        RowStatus::CheckFailed => Some(first.unwrap_or_else(|| "check returned False".into())),
        RowStatus::Error => Some(first.unwrap_or_else(|| "no samples".into())),
    }
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
