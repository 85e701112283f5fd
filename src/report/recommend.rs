//! `gilbench recommend`: ranks the execution models for one workload from its bench rows, with the numbers that decided it and a reason in plain words.
//!
//! The rules (the same text is in `docs/recommend.md`). `N` is the thread count asked for.
//!
//! 1. **Disqualified**: a model whose row at `N` threads is missing, raised, crashed, timed out
//!    or failed `check` is not ranked, and the reason is printed. A failed `check` at 1 thread
//!    disqualifies too (the model computes wrong results on this workload); an error at 1
//!    thread only loses the scaling figure.
//! 2. **Order**: the median wall time at `N` threads, fastest first. The work is fixed and split
//!    across the threads, so this is the work per second a user gets. The headline figure is
//!    `speedup = median of the GIL build at 1 thread / this median` (what moving from today's
//!    default, one thread under a GIL, buys).
//! 3. **Ties go to the simpler model**: two models are within noise of each other when their
//!    medians differ by less than [`TIE_PCT`] (5%) or by less than the larger coefficient of
//!    variation of the two rows, or when a two-sided Mann–Whitney U test on their samples is not
//!    significant (p >= 0.05; applied only with enough samples for the test to ever reach
//!    significance, 4+ a side). Within noise, the simpler model ranks first, in the order
//!    GIL, free-threaded, subinterpreters: the GIL build is the default CPython, runs every C
//!    extension, and has the best single-thread speed; the free-threaded build keeps the same
//!    program (threads sharing objects) but needs extensions built for it and exposes races
//!    the GIL hid; subinterpreters need the program restructured around isolated interpreters
//!    that exchange copies, and pay start-up and memory per interpreter.
//! 4. **Notes** (they explain the time, they do not move the rank; the time already contains
//!    what they cost). Counters missing from a row count as 0; `thread-time = median × N`.
//!    * scaling: below [`NO_SPEEDUP`] (1.10x) against its own 1-thread time, "no parallel
//!      speedup" ("on CPU-bound work" for a `cpu` workload); a free-threaded or subinterpreter
//!      build more than 10% slower than the GIL build at 1 thread, its single-thread overhead;
//!    * GIL: `gil_wait_s` at 5% of thread-time or more, "threads wait for the GIL";
//!    * lock contention: `lock_wait_s` as a share of thread-time (shown from 1%; "heavy" from
//!      10%); without it, `object_locks_contended / object_locks` (from 1%);
//!    * shared objects: `refops_shared` at 10% or more of all reference-count updates;
//!    * copies (subinterpreters): `xi_bytes` per run (else `xi_items`) when at least 1 MB or
//!      when `xi_copy_s` is 1% of thread-time or more (then shown as a share of time);
//!    * one-off cost: `startup_s + setup_s` when it exceeds the cheapest other ranked model's by
//!      more than 10% of this model's run and 1 ms, per interpreter for subinterpreters, with
//!      the number of runs (reusing the interpreters) after which the faster runs pay it back;
//!    * memory: `peak_rss_bytes` 1.5x the GIL build's or more;
//!    * instability: an `unstable` row (see `harness::stats`).
//! 5. **Recommendation**: the first ranked model, why (fastest by how much, or within noise of
//!    the fastest and simpler), and a warning when its numbers are unstable. None when every
//!    model is disqualified.
//!
//! Only the models asked for are ranked (`--modes`; all three by default). Rows of real
//! interpreters (`--python`: `cpython3.11`, `cpython3.14-interpreters`, ...) are listed after the
//! ranking as *references*, with their time and their scaling against their own 1-thread row,
//! but never ranked: their times measure another interpreter, so only their shape (does it scale?)
//! compares with the models'.

use crate::harness::baseline::{min_p_value, SIGNIFICANCE};
use crate::harness::bench::{normalize_threads, BenchOptions};
use crate::harness::results::{BenchRow, RowStatus};
use crate::harness::stats::{coefficient_of_variation, is_unstable, mann_whitney_u};
use crate::runtime::ModelKind;

/// The three models, simplest first (the tie-break order).
pub const MODELS: [&str; 3] = ["gil", "free-threaded", "subinterpreters"];
/// Medians closer than this (percent) are within noise.
pub const TIE_PCT: f64 = 5.0;
/// Below this speedup over its own 1-thread time a model has "no parallel speedup".
pub const NO_SPEEDUP: f64 = 1.10;

/// One model's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub mode: String,
    /// 1-based rank; None when disqualified.
    pub rank: Option<usize>,
    /// Median wall time at N threads.
    pub median_s: Option<f64>,
    /// GIL build at 1 thread / this median.
    pub speedup: Option<f64>,
    /// Own 1-thread median / this median.
    pub scaling: Option<f64>,
    pub disqualified: Option<String>,
    /// Plain-words notes, most important first.
    pub notes: Vec<String>,
    pub unstable: bool,
}

/// A real interpreter's row beside the ranking (never ranked; see the module notes).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The row's mode label, e.g. `cpython3.11`.
    pub mode: String,
    /// `CPython 3.11.7, GIL enabled, threads`, when the row says.
    pub interpreter: Option<String>,
    /// Median wall time at N threads.
    pub median_s: Option<f64>,
    /// Own 1-thread median / the N-thread median.
    pub scaling: Option<f64>,
    /// Why the row at N threads cannot be used (missing, error, failed check).
    pub failure: Option<String>,
}

/// The ranking of the models for one workload at N threads.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub workload: String,
    pub threads: usize,
    /// Ranked models first (best first), then the disqualified ones.
    pub models: Vec<Assessment>,
    /// Real interpreters' rows of the workload, in first-seen order (not ranked).
    pub references: Vec<Reference>,
    /// The recommended model, if any ran correctly.
    pub choice: Option<String>,
    /// The final "Recommendation: ..." line.
    pub line: String,
    /// Remarks about the inputs (sizes that differ between models).
    pub remarks: Vec<String>,
}

/// Default N for `recommend`: the core count, at least 2.
pub fn default_threads(cores: usize) -> usize {
    cores.max(2)
}

/// The sweep `recommend` runs: `base` (its models and real interpreters) at 1 thread and at
/// `threads` (the largest of which is the N the ranking is at).
pub fn sweep_options(threads: &[usize], mut base: BenchOptions) -> BenchOptions {
    let mut all = vec![1];
    all.extend_from_slice(threads);
    base.threads = normalize_threads(all);
    base
}

/// The largest thread count measured for `workload` by any of `modes` (what `--results` ranks
/// at by default).
pub fn threads_in(rows: &[BenchRow], workload: &str, modes: &[ModelKind]) -> Option<usize> {
    rows.iter()
        .filter(|r| r.workload == workload && modes.iter().any(|m| m.name() == r.mode))
        .map(|r| r.threads)
        .max()
}

fn pick<'a>(
    rows: &'a [BenchRow],
    workload: &str,
    mode: &str,
    threads: usize,
) -> Option<&'a BenchRow> {
    // The last one wins: a later --results file overrides an earlier one.
    rows.iter().rev().find(|r| r.workload == workload && r.mode == mode && r.threads == threads)
}

fn counter(row: &BenchRow, name: &str) -> f64 {
    row.counters.get(name).copied().filter(|v| v.is_finite() && *v > 0.0).unwrap_or(0.0)
}

fn pct(x: f64) -> String {
    if x < 0.1 {
        format!("{:.1}%", x * 100.0)
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

fn bytes(b: f64) -> String {
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.0} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.0} kB", b / 1e3)
    } else {
        format!("{b:.0} bytes")
    }
}

fn count(n: f64) -> String {
    if n >= 1e6 {
        format!("{:.1} M", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.0} k", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

fn secs(s: f64) -> String {
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 0.1 {
        format!("{s:.2} s")
    } else if s >= 0.01 {
        format!("{s:.3} s")
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

fn first_line(s: &str) -> &str {
    s.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("unknown error")
}

/// Why a row cannot be used, or None.
fn failure(row: &BenchRow, threads: usize) -> Option<String> {
    let at = if threads == 1 { "1 thread".to_string() } else { format!("{threads} threads") };
    match row.status() {
        RowStatus::Ok if row.is_ok() => None,
        RowStatus::CheckFailed => Some(format!(
            "check failed at {at}: the results were wrong (lost or corrupted updates)"
        )),
        _ => Some(format!(
            "error at {at}: {}",
            row.error.as_deref().map(first_line).unwrap_or("no samples")
        )),
    }
}

/// Whether two rows' medians are within noise of each other; the reason when they are.
pub(crate) fn within_noise(a: &BenchRow, b: &BenchRow) -> Option<String> {
    let (ta, tb) = (a.median_s?, b.median_s?);
    let diff = (ta - tb).abs() / ta.min(tb) * 100.0;
    let cv =
        [a, b].iter().filter_map(|r| coefficient_of_variation(&r.samples_s)).fold(0.0, f64::max)
            * 100.0;
    if diff < TIE_PCT.max(cv) {
        return Some(format!("{diff:.0}% apart"));
    }
    if min_p_value(a.samples_s.len(), b.samples_s.len()) < SIGNIFICANCE {
        if let Some(t) = mann_whitney_u(&a.samples_s, &b.samples_s) {
            if t.p_value >= SIGNIFICANCE {
                return Some(format!("{diff:.0}% apart, not significant: p = {:.2}", t.p_value));
            }
        }
    }
    None
}

fn simplicity(mode: &str) -> usize {
    MODELS.iter().position(|m| *m == mode).unwrap_or(MODELS.len())
}

/// Rank the three models for `workload` at `threads` threads (see the module doc for the rules).
pub fn recommend(rows: &[BenchRow], workload: &str, threads: usize) -> Recommendation {
    recommend_among(rows, workload, threads, &ModelKind::ALL)
}

/// Rank `modes` for `workload` at `threads` threads; real interpreters' rows become references.
pub fn recommend_among(
    rows: &[BenchRow],
    workload: &str,
    threads: usize,
    modes: &[ModelKind],
) -> Recommendation {
    let threads = threads.max(1);
    // Candidates in simplicity order (the tie-break order), whatever order they were asked in.
    let candidates: Vec<&'static str> =
        MODELS.iter().copied().filter(|m| modes.iter().any(|k| k.name() == *m)).collect();
    let at_n: Vec<Option<&BenchRow>> =
        candidates.iter().map(|m| pick(rows, workload, m, threads)).collect();
    let at_1: Vec<Option<&BenchRow>> =
        candidates.iter().map(|m| pick(rows, workload, m, 1)).collect();
    // The GIL build at 1 thread is the headline's baseline even when the GIL is not ranked.
    let gil_1t_row = pick(rows, workload, MODELS[0], 1);
    let gil_1t = gil_1t_row.filter(|r| r.is_ok()).and_then(|r| r.median_s);
    let category_cpu =
        rows.iter().find(|r| r.workload == workload).and_then(|r| r.category.as_deref())
            == Some("cpu");

    let mut models: Vec<Assessment> = Vec::new();
    for (i, mode) in candidates.iter().enumerate() {
        let mut a = Assessment {
            mode: mode.to_string(),
            rank: None,
            median_s: None,
            speedup: None,
            scaling: None,
            disqualified: None,
            notes: Vec::new(),
            unstable: false,
        };
        let Some(rn) = at_n[i] else {
            a.disqualified = Some(format!("not measured at {threads} threads"));
            models.push(a);
            continue;
        };
        if let Some(why) = failure(rn, threads) {
            a.disqualified = Some(why);
            models.push(a);
            continue;
        }
        if threads != 1 {
            if let Some(r1) = at_1[i] {
                if r1.status() == RowStatus::CheckFailed {
                    a.disqualified = failure(r1, 1);
                    models.push(a);
                    continue;
                }
            }
        }
        a.median_s = rn.median_s;
        let t = rn.median_s.unwrap_or(f64::NAN);
        a.speedup = gil_1t.map(|g| g / t);
        let r1 = at_1[i].filter(|r| r.is_ok());
        a.scaling = r1.and_then(|r| r.median_s).map(|m| m / t);
        // Recomputed from the samples too: rows read from older JSON files lack the flag.
        a.unstable =
            [Some(rn), r1].into_iter().flatten().any(|r| r.unstable || is_unstable(&r.samples_s));
        models.push(a);
    }

    // Order: fastest first, then let a simpler model within noise move ahead.
    let mut ranked: Vec<usize> =
        (0..models.len()).filter(|&i| models[i].disqualified.is_none()).collect();
    ranked.sort_by(|&x, &y| {
        models[x]
            .median_s
            .unwrap_or(f64::INFINITY)
            .total_cmp(&models[y].median_s.unwrap_or(f64::INFINITY))
            .then(x.cmp(&y))
    });
    let fastest = ranked.first().copied();
    loop {
        let mut swapped = false;
        for k in 1..ranked.len() {
            let (x, y) = (ranked[k - 1], ranked[k]);
            if simplicity(&models[y].mode) < simplicity(&models[x].mode)
                && within_noise(at_n[x].unwrap(), at_n[y].unwrap()).is_some()
            {
                ranked.swap(k - 1, k);
                swapped = true;
            }
        }
        if !swapped {
            break;
        }
    }
    for (pos, &i) in ranked.iter().enumerate() {
        models[i].rank = Some(pos + 1);
    }

    // Notes.
    let shared_one_off = |exclude: usize| -> Option<(f64, f64)> {
        // (one-off cost, median) of the cheapest-to-start other ranked model.
        ranked
            .iter()
            .filter(|&&j| j != exclude)
            .map(|&j| {
                (
                    at_n[j].unwrap().startup_s + at_n[j].unwrap().setup_s,
                    at_n[j].unwrap().median_s.unwrap_or(f64::INFINITY),
                )
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    };
    let gil_rss = pick(rows, workload, MODELS[0], threads)
        .map(|r| counter(r, "peak_rss_bytes"))
        .unwrap_or(0.0);
    for &i in &ranked {
        let rn = at_n[i].unwrap();
        let mode = candidates[i];
        let is_gil = mode == MODELS[0];
        let t = rn.median_s.unwrap_or(f64::NAN);
        let thread_time = t * threads as f64;
        let mut notes = Vec::new();
        if threads > 1 {
            if let Some(s) = models[i].scaling.filter(|&s| s < NO_SPEEDUP) {
                let what = if category_cpu {
                    "no parallel speedup on CPU-bound work"
                } else {
                    "no parallel speedup"
                };
                notes.push(format!("{what} ({s:.2}x its 1-thread time at {threads} threads)"));
            }
        }
        if !is_gil {
            if let (Some(g), Some(own)) =
                (gil_1t, at_1[i].filter(|r| r.is_ok()).and_then(|r| r.median_s))
            {
                if own > g * 1.10 {
                    notes.push(format!(
                        "single-thread overhead +{:.0}% against the GIL build",
                        (own / g - 1.0) * 100.0
                    ));
                }
            }
        }
        let gil_wait = counter(rn, "gil_wait_s");
        if threads > 1 && gil_wait >= 0.05 * thread_time {
            notes.push(format!(
                "threads wait for the GIL {} of the time",
                pct(gil_wait / thread_time)
            ));
        }
        let lock_wait = counter(rn, "lock_wait_s");
        let (locks, contended) =
            (counter(rn, "object_locks"), counter(rn, "object_locks_contended"));
        if lock_wait > 0.0 && lock_wait >= 0.01 * thread_time {
            let share = lock_wait / thread_time;
            let heavy = if share >= 0.10 { "heavy " } else { "" };
            notes.push(format!("{heavy}lock contention {} of time", pct(share.min(1.0))));
        } else if locks > 0.0 && contended / locks >= 0.01 {
            let share = contended / locks;
            let heavy = if share >= 0.10 { "heavy lock contention: " } else { "" };
            notes.push(format!(
                "{heavy}{} of {} object-lock acquisitions per run contended",
                pct(share.min(1.0)),
                count(locks)
            ));
        }
        let (shared, local) = (counter(rn, "refops_shared"), counter(rn, "refops_local"));
        if !is_gil && shared > 0.0 && shared / (shared + local) >= 0.10 {
            notes.push(format!(
                "{} of reference-count updates are atomic (objects shared between threads)",
                pct(shared / (shared + local))
            ));
        }
        let (xi_bytes, xi_items, xi_copy) =
            (counter(rn, "xi_bytes"), counter(rn, "xi_items"), counter(rn, "xi_copy_s"));
        if xi_bytes > 0.0 || xi_items > 0.0 {
            let mut s = if xi_bytes > 0.0 {
                format!("{} copied per run", bytes(xi_bytes))
            } else {
                format!("{} items copied per run", count(xi_items))
            };
            if xi_copy > 0.0 && xi_copy >= 0.01 * thread_time {
                s.push_str(&format!(
                    " (copying {} of time)",
                    pct((xi_copy / thread_time).min(1.0))
                ));
            }
            // Small hand-backs of results are not worth a note.
            if xi_bytes >= 1e6 || xi_copy >= 0.01 * thread_time {
                notes.push(s);
            }
        }
        let one_off = rn.startup_s + rn.setup_s;
        if let Some((other, other_t)) = shared_one_off(i) {
            let extra = one_off - other;
            if extra > 0.001 && extra > 0.10 * t {
                let per = if mode == "subinterpreters" { " per interpreter" } else { "" };
                let mut s = format!("start-up + setup {}{per}", secs(one_off));
                let saving = other_t - t;
                if saving > 0.0 {
                    let runs = (extra / saving).ceil().max(1.0);
                    let plural = if runs == 1.0 { "" } else { "s" };
                    s.push_str(&format!(
                        ", paid back after {runs:.0} run{plural} reusing the interpreters"
                    ));
                }
                notes.push(s);
            }
        }
        let rss = counter(rn, "peak_rss_bytes");
        if !is_gil && gil_rss > 0.0 && rss >= 1.5 * gil_rss {
            notes.push(format!(
                "peak memory {} ({:.1}x the GIL build's)",
                bytes(rss),
                rss / gil_rss
            ));
        }
        if models[i].unstable {
            let cv = |r: &BenchRow| coefficient_of_variation(&r.samples_s).unwrap_or(0.0);
            let r1 = at_1[i].filter(|r| r.is_ok() && threads != 1);
            match r1 {
                Some(r1) if cv(r1) > cv(rn) => notes.push(format!(
                    "results unstable (1-thread samples vary by ±{:.0}%)",
                    cv(r1) * 100.0
                )),
                _ => notes
                    .push(format!("results unstable (samples vary by ±{:.0}%)", cv(rn) * 100.0)),
            }
        }
        models[i].notes = notes;
    }

    // The line.
    let choice = ranked.first().map(|&i| candidates[i].to_string());
    let line = match ranked.first() {
        None => {
            "Recommendation: none — every model failed on this workload (see the reasons above)"
                .to_string()
        }
        Some(&w) => {
            let head = |i: usize| match models[i].speedup {
                Some(s) => format!("{s:.2}x the GIL build's 1-thread speed at {threads} threads"),
                None => format!("{} at {threads} threads", secs(models[i].median_s.unwrap_or(0.0))),
            };
            let mut line = if ranked.len() == 1 {
                format!(
                    "Recommendation: {} — the only model that ran correctly ({})",
                    candidates[w],
                    head(w)
                )
            } else if Some(w) != fastest {
                let f = fastest.unwrap();
                // Two models change places only by an adjacent swap of the two, which needs them
                // within noise of each other, so the winner is within noise of the fastest.
                let why = within_noise(at_n[w].unwrap(), at_n[f].unwrap()).unwrap_or_default();
                format!(
                    "Recommendation: {} — within noise of {} ({why}) and the simpler model ({})",
                    candidates[w],
                    candidates[f],
                    head(w)
                )
            } else {
                let next = ranked[1];
                let ahead = (models[next].median_s.unwrap_or(f64::NAN)
                    / models[w].median_s.unwrap_or(f64::NAN)
                    - 1.0)
                    * 100.0;
                format!(
                    "Recommendation: {} — fastest ({}), {ahead:.0}% ahead of {}",
                    candidates[w],
                    head(w),
                    candidates[next]
                )
            };
            if models[w].notes.iter().any(|n| !n.starts_with("results unstable")) {
                let key: Vec<&str> = models[w]
                    .notes
                    .iter()
                    .filter(|n| !n.starts_with("results unstable"))
                    .map(String::as_str)
                    .take(2)
                    .collect();
                line.push_str(&format!("; {}", key.join("; ")));
            }
            if ranked.iter().take(2).any(|&i| models[i].unstable) {
                line.push_str(
                    " (results unstable: rerun with more --repeat or on a quiet machine before relying on this)",
                );
            }
            line
        }
    };

    let mut remarks = Vec::new();
    let sizes: Vec<u64> = at_n.iter().flatten().map(|r| r.size).collect();
    if sizes.windows(2).any(|w| w[0] != w[1]) {
        remarks.push(format!(
            "note: the models were measured at different sizes ({sizes:?}); the comparison is not like for like"
        ));
    }

    let mut order: Vec<Assessment> = ranked.iter().map(|&i| models[i].clone()).collect();
    order.extend(models.iter().filter(|m| m.disqualified.is_some()).cloned());
    Recommendation {
        workload: workload.to_string(),
        threads,
        models: order,
        references: references(rows, workload, threads),
        choice,
        line,
        remarks,
    }
}

/// The real interpreters' rows of `workload` (modes that are not a model), first-seen order.
fn references(rows: &[BenchRow], workload: &str, threads: usize) -> Vec<Reference> {
    let mut labels: Vec<&str> = Vec::new();
    for r in rows.iter().filter(|r| r.workload == workload && !MODELS.contains(&r.mode.as_str())) {
        if !labels.contains(&r.mode.as_str()) {
            labels.push(&r.mode);
        }
    }
    labels
        .into_iter()
        .map(|label| {
            let rn = pick(rows, workload, label, threads);
            let interpreter =
                rn.or_else(|| pick(rows, workload, label, 1)).and_then(|r| r.interpreter.clone());
            let mut reference = Reference {
                mode: label.to_string(),
                interpreter,
                median_s: None,
                scaling: None,
                failure: None,
            };
            match rn {
                None => reference.failure = Some(format!("not measured at {threads} threads")),
                Some(rn) => match failure(rn, threads) {
                    Some(why) => reference.failure = Some(why),
                    None => {
                        reference.median_s = rn.median_s;
                        let own_1t = pick(rows, workload, label, 1)
                            .filter(|r| r.is_ok())
                            .and_then(|r| r.median_s);
                        reference.scaling = own_1t.zip(rn.median_s).map(|(one, n)| one / n);
                    }
                },
            }
            reference
        })
        .collect()
}

/// The ranked list and the final line.
pub fn render(rec: &Recommendation) -> String {
    let mut out = format!(
        "Ranking for {} at {} threads (speedup = GIL build at 1 thread / this model's median):\n",
        rec.workload, rec.threads
    );
    for m in &rec.models {
        let mut line = match (m.rank, &m.disqualified) {
            (Some(r), _) => {
                let t = secs(m.median_s.unwrap_or(0.0));
                match m.speedup {
                    Some(s) => {
                        format!("{r}. {} — {s:.2}x at {} threads ({t})", m.mode, rec.threads)
                    }
                    None => format!("{r}. {} — {t} at {} threads", m.mode, rec.threads),
                }
            }
            (None, why) => {
                format!("-. {} — disqualified: {}", m.mode, why.as_deref().unwrap_or("not ranked"))
            }
        };
        for n in &m.notes {
            line.push_str("; ");
            line.push_str(n);
        }
        out.push_str(&line);
        out.push('\n');
    }
    if !rec.references.is_empty() {
        out.push_str("Real interpreters (references, not ranked: their times are another interpreter's; compare their scaling):\n");
        for r in &rec.references {
            let mut line = format!("   {} — ", r.mode);
            match (&r.failure, r.median_s) {
                (Some(why), _) => line.push_str(why),
                (None, Some(t)) => {
                    line.push_str(&format!("{} at {} threads", secs(t), rec.threads));
                    if let Some(s) = r.scaling.filter(|_| rec.threads > 1) {
                        line.push_str(&format!(", {s:.2}x its 1-thread time"));
                    }
                }
                (None, None) => line.push_str("no samples"),
            }
            if let Some(i) = &r.interpreter {
                line.push_str(&format!(" ({i})"));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    for r in &rec.remarks {
        out.push_str(r);
        out.push('\n');
    }
    out.push_str(&rec.line);
    out.push('\n');
    out
}

#[cfg(test)]
#[path = "recommend_tests.rs"]
mod tests;
