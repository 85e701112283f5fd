//! The rows of `gilbench bench`: one per workload x model x threads, their statistics, speedups, JSON and table.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One configuration's outcome, as printed in the table and written to `--json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchRow {
    /// The workload's file stem (`cpu_loop`).
    pub workload: String,
    /// The workload file as given (or found in a directory).
    pub file: String,
    /// `META["category"]`, when it is a string.
    pub category: Option<String>,
    /// The model's name: `gil`, `free-threaded` or `subinterpreters`; for a real interpreter
    /// run with `--python`, a label such as `cpython3.11` or `cpython3.14-interpreters`.
    pub mode: String,
    /// For rows measured on a real interpreter: its version and whether its GIL is enabled
    /// (`CPython 3.11.4, GIL enabled`). Null for gilbench's own models.
    #[serde(default)]
    pub interpreter: Option<String>,
    pub threads: usize,
    /// The size passed to `setup`/`work`/`check`.
    pub size: u64,
    /// Wall time of the parallel section of each measured sample, in seconds.
    pub samples_s: Vec<f64>,
    /// Median of `samples_s` (null when there are none).
    pub median_s: Option<f64>,
    pub min_s: Option<f64>,
    pub max_s: Option<f64>,
    /// Half the min-max range as a percentage of the median (the table's `±`).
    pub spread_pct: Option<f64>,
    /// A 95% confidence interval for the median, in seconds (null with too few samples).
    #[serde(default)]
    pub ci_low_s: Option<f64>,
    #[serde(default)]
    pub ci_high_s: Option<f64>,
    /// The samples vary too much to trust the median (see `stats`); the table warns.
    #[serde(default)]
    pub unstable: bool,
    pub setup_s: f64,
    pub startup_s: f64,
    /// `check` answered True on every sample.
    pub check_ok: bool,
    /// Null, or what went wrong: the worker's error, a crash, a timeout.
    pub error: Option<String>,
    /// Counters that explain the time, per measured sample summed over threads (names in
    /// `harness::worker::thread_counters`; `*_s` are seconds), plus whole-process ones such as
    /// `peak_rss_bytes`.
    pub counters: BTreeMap<String, f64>,
    /// Same model at 1 thread: its median / this median (null when either row failed or is absent).
    pub speedup_vs_1t: Option<f64>,
    /// The GIL build at 1 thread: its median / this median.
    pub speedup_vs_gil_1t: Option<f64>,
    /// The machine key of the sweep that measured the row (`provenance::Machine::key`). Absent
    /// in files written before provenance; `gilbench report` reads those as "unknown machine".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// `META["doc"]`: the workload's one-line description, when it is a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// `META["caveat"]`: what a reader must know before trusting a comparison of this workload
    /// (e.g. that its state is per-interpreter under subinterpreters), when it is a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

/// How a row ended, for the table's last column and the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    Ok,
    /// Timings exist but `check` said the results were wrong.
    CheckFailed,
    /// No usable timings: the worker failed, crashed, timed out or raised.
    Error,
}

impl BenchRow {
    /// A row with no measurements yet, for `workload` in `mode` at `threads`.
    pub fn new(
        workload: &str,
        file: &str,
        category: Option<String>,
        mode: &str,
        threads: usize,
        size: u64,
    ) -> BenchRow {
        BenchRow {
            workload: workload.to_string(),
            file: file.to_string(),
            category,
            mode: mode.to_string(),
            interpreter: None,
            threads,
            size,
            samples_s: Vec::new(),
            median_s: None,
            min_s: None,
            max_s: None,
            spread_pct: None,
            ci_low_s: None,
            ci_high_s: None,
            unstable: false,
            setup_s: 0.0,
            startup_s: 0.0,
            check_ok: false,
            error: None,
            counters: BTreeMap::new(),
            speedup_vs_1t: None,
            speedup_vs_gil_1t: None,
            machine: None,
            doc: None,
            caveat: None,
        }
    }

    /// Record the samples and their statistics.
    pub fn set_samples(&mut self, samples: Vec<f64>) {
        self.median_s = median(&samples);
        self.min_s = samples.iter().copied().reduce(f64::min);
        self.max_s = samples.iter().copied().reduce(f64::max);
        self.spread_pct = spread_pct(&samples);
        let ci = super::stats::median_ci(&samples);
        self.ci_low_s = ci.map(|c| c.low);
        self.ci_high_s = ci.map(|c| c.high);
        self.unstable = super::stats::is_unstable(&samples);
        self.samples_s = samples;
    }

    pub fn status(&self) -> RowStatus {
        if self.median_s.is_none() {
            RowStatus::Error
        } else if !self.check_ok {
            RowStatus::CheckFailed
        } else if self.error.is_some() {
            RowStatus::Error
        } else {
            RowStatus::Ok
        }
    }

    /// Ran, checked, and has a positive median: the only rows that enter a speedup.
    pub fn is_ok(&self) -> bool {
        self.status() == RowStatus::Ok && self.median_s.is_some_and(|m| m > 0.0)
    }
}

/// The median (mean of the middle two for an even count); None for no samples.
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 })
}

/// Half the min-max range as a percentage of the median: `±x%` covers every sample.
pub fn spread_pct(samples: &[f64]) -> Option<f64> {
    let med = median(samples)?;
    let min = samples.iter().copied().filter(|x| x.is_finite()).reduce(f64::min)?;
    let max = samples.iter().copied().filter(|x| x.is_finite()).reduce(f64::max)?;
    (med > 0.0).then(|| (max - min) / 2.0 / med * 100.0)
}

/// Fill `speedup_vs_1t` and `speedup_vs_gil_1t` of every row that ran and checked, against the
/// rows of the same workload file at 1 thread (same model; the GIL build). A baseline that
/// failed, or is not in the sweep, gives no speedup.
pub fn fill_speedups(rows: &mut [BenchRow]) {
    let base = |rows: &[BenchRow], file: &str, mode: &str| {
        rows.iter()
            .find(|r| r.file == file && r.mode == mode && r.threads == 1 && r.is_ok())
            .and_then(|r| r.median_s)
    };
    for i in 0..rows.len() {
        let (vs_1t, vs_gil) = if rows[i].is_ok() {
            let me = rows[i].median_s.unwrap_or(f64::NAN);
            (
                base(rows, &rows[i].file, &rows[i].mode).map(|b| b / me),
                base(rows, &rows[i].file, "gil").map(|b| b / me),
            )
        } else {
            (None, None)
        };
        rows[i].speedup_vs_1t = vs_1t;
        rows[i].speedup_vs_gil_1t = vs_gil;
    }
}

/// A results document without provenance: `{"results": [row, ...]}`.
pub fn to_json(rows: &[BenchRow]) -> String {
    to_json_with_meta(rows, &[])
}

/// The `--json` document: `{"meta": {...}, "results": [row, ...]}`. `meta` is the sweep's
/// provenance; a merged document (a report's `results.json`) holds several, as a list; none
/// leaves `"meta"` out.
pub fn to_json_with_meta(rows: &[BenchRow], meta: &[super::provenance::Provenance]) -> String {
    use super::provenance::Provenance;
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Meta<'a> {
        One(&'a Provenance),
        Many(&'a [Provenance]),
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        meta: Option<Meta<'a>>,
        results: &'a [BenchRow],
    }
    let meta = match meta {
        [] => None,
        [one] => Some(Meta::One(one)),
        many => Some(Meta::Many(many)),
    };
    serde_json::to_string_pretty(&Doc { meta, results: rows }).expect("rows serialize")
}

/// 0 when every configuration ran and checked, else 1.
pub fn exit_status(rows: &[BenchRow]) -> i32 {
    if rows.iter().all(|r| r.status() == RowStatus::Ok) {
        0
    } else {
        1
    }
}

fn secs(x: Option<f64>) -> String {
    match x {
        Some(s) if s >= 100.0 => format!("{s:.1}"),
        Some(s) if s >= 0.1 => format!("{s:.3}"),
        Some(s) => format!("{s:.4}"),
        None => "-".into(),
    }
}

fn ratio(x: Option<f64>) -> String {
    x.map(|r| format!("{r:.2}x")).unwrap_or_else(|| "-".into())
}

/// The `95% CI` cell: both ends with three significant digits of the median (`0.480–0.520`).
fn ci_cell(r: &BenchRow) -> String {
    match (r.ci_low_s, r.ci_high_s, r.median_s) {
        (Some(lo), Some(hi), Some(m)) if m > 0.0 => {
            let decimals = (2 - m.log10().floor() as i32).clamp(1, 7) as usize;
            format!("{lo:.decimals$}–{hi:.decimals$}")
        }
        _ => "-".into(),
    }
}

/// The table of one workload's rows (the rows must share one workload file).
pub fn render_workload(rows: &[BenchRow]) -> String {
    let Some(first) = rows.first() else { return String::new() };
    let mut out = String::new();
    let mut title = format!("{} (size {}", first.workload, first.size);
    if let Some(c) = &first.category {
        title.push_str(&format!(", {c}"));
    }
    title.push(')');
    if rows.iter().any(|r| r.size != first.size) {
        title = format!("{} (sizes vary, see rows)", first.workload);
    }
    out.push_str(&title);
    out.push('\n');
    let w = rows.iter().map(|r| r.mode.chars().count()).max().unwrap_or(0).max(16);
    out.push_str(&format!(
        "  {:<w$} {:>7} {:>10} {:>8} {:>17} {:>8} {:>9}  {}\n",
        "model", "threads", "median s", "±", "95% CI", "vs 1t", "vs gil 1t", "check"
    ));
    for r in rows {
        let head = format!("  {:<w$} {:>7}", r.mode, r.threads);
        let mut messages =
            r.error.as_deref().unwrap_or("").lines().map(str::trim_end).filter(|l| !l.is_empty());
        match r.status() {
            RowStatus::Error if r.median_s.is_none() => {
                out.push_str(&format!(
                    "{head}  error: {}\n",
                    messages.next().unwrap_or("no samples")
                ));
            }
            status => {
                let (vs1, vsg, check) = match status {
                    RowStatus::Ok => (ratio(r.speedup_vs_1t), ratio(r.speedup_vs_gil_1t), "ok"),
                    RowStatus::CheckFailed => ("-".into(), "-".into(), "CHECK FAILED"),
                    RowStatus::Error => ("-".into(), "-".into(), "ERROR"),
                };
                let spread =
                    r.spread_pct.map(|p| format!("±{p:.1}%")).unwrap_or_else(|| "-".into());
                let ci = ci_cell(r);
                out.push_str(&format!(
                    "{head} {:>10} {:>8} {:>17} {:>8} {:>9}  {check}\n",
                    secs(r.median_s),
                    spread,
                    ci,
                    vs1,
                    vsg
                ));
                if let Some(m) = messages.next() {
                    out.push_str(&format!("      error: {m}\n"));
                }
            }
        }
        for more in messages {
            out.push_str(&format!("        {more}\n"));
        }
    }
    for w in rows.iter().filter_map(unstable_warning) {
        out.push_str(&w);
        out.push('\n');
    }
    out
}

/// The warning printed under a table for an unstable row (see `stats`), or None.
pub fn unstable_warning(r: &BenchRow) -> Option<String> {
    if !r.unstable || r.median_s.is_none() {
        return None;
    }
    let cv = super::stats::coefficient_of_variation(&r.samples_s)?;
    Some(format!(
        "warning: {} {}/{}: samples vary by ±{:.0}% (standard deviation / mean, above {:.0}%); rerun with more --repeat or on a quiet machine",
        r.workload,
        r.mode,
        r.threads,
        cv * 100.0,
        super::stats::UNSTABLE_CV * 100.0
    ))
}

/// All tables, one per workload file, in row order.
pub fn render(rows: &[BenchRow]) -> String {
    let mut out = String::new();
    let mut start = 0;
    while start < rows.len() {
        let end = start + rows[start..].iter().take_while(|r| r.file == rows[start].file).count();
        if start > 0 {
            out.push('\n');
        }
        out.push_str(&render_workload(&rows[start..end]));
        start = end;
    }
    out
}

/// The legend printed under the tables.
pub fn legend(repeat: usize, warmup: usize) -> String {
    format!(
        "median of {repeat} timed samples after {warmup} warm-up, each in a fresh worker process per row; ± is half the min-max \
         range; 95% CI = distribution-free interval for the median from two order statistics ([min, max] at 5 samples, \
         a 93.75% interval; none below 5 samples); vs 1t / vs gil 1t = median at 1 thread (same model / GIL build) divided \
         by this median (work is fixed and split across threads, so above 1 means faster)\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(mode: &str, threads: usize, samples: &[f64]) -> BenchRow {
        let mut r = BenchRow::new("w", "w.py", Some("cpu".into()), mode, threads, 100);
        r.set_samples(samples.to_vec());
        r.check_ok = true;
        r
    }

    #[test]
    fn median_and_spread() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(spread_pct(&[1.0]), Some(0.0));
        let s = spread_pct(&[0.9, 1.0, 1.1]).unwrap();
        assert!((s - 10.0).abs() < 1e-9, "{s}");
        let r = row("gil", 1, &[0.3, 0.1, 0.2]);
        assert_eq!((r.median_s, r.min_s, r.max_s), (Some(0.2), Some(0.1), Some(0.3)));
    }

    #[test]
    fn status_of_rows() {
        assert_eq!(row("gil", 1, &[1.0]).status(), RowStatus::Ok);
        let mut failed = row("gil", 1, &[1.0]);
        failed.check_ok = false;
        assert_eq!(failed.status(), RowStatus::CheckFailed);
        failed.error = Some("check returned False".into());
        assert_eq!(
            failed.status(),
            RowStatus::CheckFailed,
            "a failed check with a message is still a failed check"
        );
        let mut errored = row("gil", 1, &[]);
        errored.error = Some("boom".into());
        assert_eq!(errored.status(), RowStatus::Error);
        let mut late = row("gil", 1, &[1.0]);
        late.error = Some("worker exited with status 3 after reporting".into());
        assert_eq!(late.status(), RowStatus::Error);
        assert_eq!(exit_status(&[row("gil", 1, &[1.0])]), 0);
        assert_eq!(exit_status(&[row("gil", 1, &[1.0]), late]), 1);
    }

    #[test]
    fn rows_carry_a_median_interval_and_unstable_rows_warn() {
        let steady = row("gil", 1, &[0.50, 0.51, 0.49, 0.52, 0.48]);
        assert_eq!(
            (steady.ci_low_s, steady.ci_high_s, steady.unstable),
            (Some(0.48), Some(0.52), false)
        );
        let short = row("gil", 2, &[0.5, 0.52]);
        assert_eq!((short.ci_low_s, short.ci_high_s), (None, None), "two samples give no interval");
        let noisy = row("free-threaded", 2, &[0.30, 0.30, 0.30, 0.30, 0.45]);
        assert!(noisy.unstable);
        let t = render(&[steady, short, noisy]);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[1].contains("95% CI"), "{t}");
        assert!(lines[2].contains(" 0.480–0.520 "), "{t}");
        assert!(lines[3].contains("        - ") && !lines[3].contains('–'), "{t}");
        assert_eq!(lines[5], "warning: w free-threaded/2: samples vary by ±20% (standard deviation / mean, above 10%); rerun with more --repeat or on a quiet machine", "{t}");
        assert_eq!(lines.len(), 6, "one warning, for the unstable row only\n{t}");
        assert_eq!(
            ci_cell(&row("gil", 1, &[0.0040, 0.0041, 0.0042, 0.0041, 0.0040])),
            "0.00400–0.00420",
            "three significant digits of small medians"
        );
        assert_eq!(ci_cell(&row("gil", 1, &[12.1, 12.3, 12.6, 12.2, 12.4])), "12.1–12.6");
    }

    #[test]
    fn table_shows_failures_loudly() {
        let mut rows = vec![row("gil", 1, &[1.0]), row("gil", 2, &[0.5, 0.5])];
        let mut bad = row("free-threaded", 2, &[0.25]);
        bad.check_ok = false;
        rows.push(bad);
        let mut crashed = BenchRow::new("w", "w.py", None, "subinterpreters", 2, 100);
        crashed.error = Some(
            "worker exited with status 1:\nTraceback (most recent call last):\nValueError: x"
                .into(),
        );
        rows.push(crashed);
        fill_speedups(&mut rows);
        let t = render(&rows);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "w (size 100, cpu)");
        assert!(lines[3].contains("2.00x") && lines[3].trim_end().ends_with("ok"), "{t}");
        assert!(lines[4].contains("CHECK FAILED") && !lines[4].contains("4.00x"), "{t}");
        assert!(
            lines[5].contains("subinterpreters")
                && lines[5].contains("error: worker exited with status 1:"),
            "{t}"
        );
        assert!(lines[7].trim() == "ValueError: x", "{t}");
    }
}
