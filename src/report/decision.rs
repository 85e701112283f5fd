//! The decision a report states first for each workload: the fastest configuration by absolute time, its ties within noise, one reason from the counters, the real interpreters beside it, and a failure banner.
//!
//! Public API: [`decide`] answering a [`Decision`], and [`failure_banner`]. The reason is the
//! first note `recommend` gives the chosen model (the ranking logic is shared, not copied), and
//! a tie uses `recommend`'s within-noise rule.
//!
//! Only gilbench's own rows that ran, passed `check` and have a positive median compete; the
//! winner is the smallest median, compared with the GIL build at 1 thread when that is not the
//! winner itself. Real interpreters never win: the fastest of them is stated beside the winner
//! as a reference. A workload where nothing competed says so instead of naming a winner.

use crate::harness::results::BenchRow;
use crate::report::recommend::{recommend, within_noise};
use crate::report::views::{error_line, ok_median, WorkloadView};

/// What to use for one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The fastest gilbench configuration that ran and checked: (mode, threads, median s).
    pub fastest: Option<(String, usize, f64)>,
    /// Other configurations within noise of it: (mode, threads, why it is a tie).
    pub ties: Vec<(String, usize, String)>,
    /// One reason, from the counters (what `recommend` says first about the chosen model).
    pub reason: Option<String>,
    /// The fastest real interpreter's configuration, a reference: (label, threads, median s).
    pub reference: Option<(String, usize, f64)>,
    /// The whole line, as the report prints it.
    pub line: String,
}

fn secs(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.0} ms", s * 1000.0)
    }
}

fn threads_word(n: usize) -> String {
    if n == 1 {
        "1 thread".into()
    } else {
        format!("{n} threads")
    }
}

fn fastest_of<'a>(rows: impl Iterator<Item = &'a BenchRow>) -> Option<(&'a BenchRow, f64)> {
    rows.filter_map(|r| Some((r, ok_median(r)?))).min_by(|a, b| a.1.total_cmp(&b.1))
}

/// Decide for one workload view (see the module doc).
pub fn decide(view: &WorkloadView) -> Decision {
    let best = fastest_of(view.rows.iter().filter(|r| r.interpreter.is_none()));
    let reference = fastest_of(view.rows.iter().filter(|r| r.interpreter.is_some()))
        .map(|(r, m)| (r.mode.clone(), r.threads, m));
    let Some((winner, median)) = best else {
        return Decision {
            fastest: None,
            ties: vec![],
            reason: None,
            reference,
            line: "No gilbench configuration ran and passed its check: nothing to recommend."
                .into(),
        };
    };
    let ties: Vec<(String, usize, String)> = view
        .rows
        .iter()
        .filter(|r| r.interpreter.is_none() && !std::ptr::eq(*r, winner) && ok_median(r).is_some())
        .filter_map(|r| Some((r.mode.clone(), r.threads, within_noise(winner, r)?)))
        .collect();
    let rec = recommend(&view.rows, &view.name, winner.threads);
    let reason =
        rec.models.iter().find(|a| a.mode == winner.mode).and_then(|a| a.notes.first().cloned());
    let mut line =
        format!("Fastest: {} at {} ({})", winner.mode, threads_word(winner.threads), secs(median));
    if let Some(gil1) = view
        .rows
        .iter()
        .find(|r| r.mode == "gil" && r.threads == 1 && r.interpreter.is_none())
        .and_then(ok_median)
    {
        if winner.mode != "gil" || winner.threads != 1 {
            let ratio = gil1 / median;
            if ratio >= 1.0 {
                line.push_str(&format!(", {ratio:.2}x faster than the GIL build at 1 thread"));
            } else {
                line.push_str(&format!(
                    ", {:.2}x the time of the GIL build at 1 thread",
                    1.0 / ratio
                ));
            }
        }
    }
    line.push('.');
    if !ties.is_empty() {
        let t: Vec<String> =
            ties.iter().map(|(m, n, why)| format!("{m} at {} ({why})", threads_word(*n))).collect();
        line.push_str(&format!(" Tied within noise: {}.", t.join(", ")));
    }
    if let Some(r) = &reason {
        line.push_str(&format!(" Why: {r}."));
    }
    if let Some((label, n, m)) = &reference {
        let cmp = if *m < median {
            format!("{:.2}x faster", median / m)
        } else {
            format!("{:.2}x the time", m / median)
        };
        line.push_str(&format!(
            " Reference: {label} at {} takes {} ({cmp}).",
            threads_word(*n),
            secs(*m)
        ));
    }
    if let Some(c) = view.rows.iter().find_map(|r| r.caveat.as_deref()) {
        line.push_str(&format!(" Caveat: {c}"));
        if !c.ends_with('.') {
            line.push('.');
        }
    }
    Decision {
        fastest: Some((winner.mode.clone(), winner.threads, median)),
        ties,
        reason,
        reference,
        line,
    }
}

impl Decision {
    /// The headline table's cell: `free-threaded 2t`, with ties (`(tie: subinterpreters 2t)`).
    pub fn fastest_cell(&self) -> String {
        match &self.fastest {
            Some((m, n, _)) if self.ties.is_empty() => format!("{m} {n}t"),
            Some((m, n, _)) => format!(
                "{m} {n}t (tie: {})",
                self.ties
                    .iter()
                    .map(|(tm, tn, _)| format!("{tm} {tn}t"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "none ran".into(),
        }
    }

    /// The headline's reference cell: the fastest real interpreter against that choice
    /// (`cpython3.11 1t: 2.14x faster`); empty without one.
    pub fn reference_cell(&self) -> String {
        match (&self.reference, &self.fastest) {
            (Some((label, n, t)), Some((_, _, best))) if *t > 0.0 => {
                format!("{label} {n}t: {}", crate::report::html::time_ratio_words(Some(t / best)))
            }
            (Some((label, n, _)), None) => format!("{label} {n}t"),
            _ => String::new(),
        }
    }
}

/// How `row` stands against the fastest of `peers` (the rows of its workload, real
/// interpreters included): `fastest`, `≈ fastest (within noise)`, `1.84x the time`, or `-` when
/// it did not run and check.
pub fn vs_fastest(peers: &[BenchRow], row: &BenchRow) -> String {
    let Some(mine) = ok_median(row) else { return "-".into() };
    let same = |r: &&BenchRow| r.workload == row.workload && r.machine == row.machine;
    let Some((best, t)) = fastest_of(peers.iter().filter(same)) else { return "-".into() };
    if std::ptr::eq(best, row)
        || (best.mode == row.mode && best.threads == row.threads && t == mine)
    {
        "fastest".into()
    } else if within_noise(best, row).is_some() {
        "≈ fastest (within noise)".into()
    } else {
        format!("{:.2}x the time", mine / t)
    }
}

/// The banner at the top of a workload's section when configurations failed: how many, the
/// distinct errors, and, when every configuration failed including a real interpreter, that the
/// workload's `check` is the likely culprit. None when everything ran and checked.
pub fn failure_banner(view: &WorkloadView) -> Option<String> {
    let failed: Vec<&BenchRow> = view.rows.iter().filter(|r| ok_median(r).is_none()).collect();
    if failed.is_empty() {
        return None;
    }
    let mut errors: Vec<String> = Vec::new();
    for r in &failed {
        let e = error_line(r).unwrap_or_else(|| "failed".into());
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
    let shown: Vec<String> = errors.iter().take(3).cloned().collect();
    let more = if errors.len() > 3 {
        format!(" (and {} other errors)", errors.len() - 3)
    } else {
        String::new()
    };
    let all = failed.len() == view.rows.len();
    let with_cpython = view.rows.iter().any(|r| r.interpreter.is_some());
    let mut s = if all {
        format!("Every configuration failed ({}).", failed.len())
    } else {
        format!("{} of {} configurations failed.", failed.len(), view.rows.len())
    };
    s.push_str(&format!(" {}{more}", shown.join(" | ")));
    if all && with_cpython {
        s.push_str(
            " All models failed, including real CPython: the workload's check is likely wrong.",
        );
    } else if all {
        s.push_str(" All models failed: the workload itself, or its check, is the likely cause.");
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{failed, row};
    use crate::report::views::{group_workloads, modes_in_order};

    #[test]
    fn vs_fastest_names_the_fastest_ties_and_ratios() {
        let rows = vec![
            row("w", "gil", 1, 2.0),
            row("w", "free-threaded", 2, 1.0),
            row("w", "subinterpreters", 2, 1.005),
            failed("w", "gil", 2, "boom"),
            row("other", "gil", 1, 0.1),
        ];
        let words: Vec<String> = rows.iter().map(|r| vs_fastest(&rows, r)).collect();
        assert_eq!(
            words,
            ["2.00x the time", "fastest", "≈ fastest (within noise)", "-", "fastest"]
        );
    }

    fn view(rows: Vec<BenchRow>) -> WorkloadView {
        let modes = modes_in_order(&rows);
        group_workloads(&rows, &modes).remove(0)
    }

    #[test]
    fn the_fastest_configuration_by_absolute_time_with_ties_and_references() {
        let mut cpython = row("w", "cpython3.11", 2, 0.30);
        cpython.interpreter = Some("CPython 3.11.4, GIL enabled, threads".into());
        let v = view(vec![
            row("w", "gil", 1, 1.0),
            row("w", "gil", 2, 1.05),
            row("w", "free-threaded", 1, 1.2),
            row("w", "free-threaded", 2, 0.60),
            row("w", "subinterpreters", 2, 0.61),
            cpython,
        ]);
        let d = decide(&v);
        assert_eq!(d.fastest, Some(("free-threaded".into(), 2, 0.60)));
        assert_eq!(
            d.ties.iter().map(|t| (t.0.as_str(), t.1)).collect::<Vec<_>>(),
            [("subinterpreters", 2)]
        );
        assert!(d.line.starts_with("Fastest: free-threaded at 2 threads (600 ms), 1.67x faster than the GIL build at 1 thread. Tied within noise: subinterpreters at 2 threads (2% apart)."), "{}", d.line);
        assert!(
            d.line.ends_with("Reference: cpython3.11 at 2 threads takes 300 ms (2.00x faster)."),
            "{}",
            d.line
        );
        let mut caveated = row("w", "gil", 1, 1.0);
        caveated.caveat = Some("state is per-interpreter under subinterpreters".into());
        assert!(decide(&view(vec![caveated]))
            .line
            .ends_with(" Caveat: state is per-interpreter under subinterpreters."));
        let slow = view(vec![row("w", "gil", 1, 1.0), row("w", "free-threaded", 1, 1.5)]);
        assert!(
            decide(&slow).line.starts_with("Fastest: gil at 1 thread (1.00 s)."),
            "{}",
            decide(&slow).line
        );
    }

    #[test]
    fn failures_get_a_banner_and_all_failing_blames_the_check() {
        let ok = view(vec![row("w", "gil", 1, 1.0)]);
        assert_eq!(failure_banner(&ok), None);
        let some =
            view(vec![row("w", "gil", 1, 1.0), failed("w", "free-threaded", 2, "ValueError: x")]);
        assert_eq!(failure_banner(&some).unwrap(), "1 of 2 configurations failed. ValueError: x");
        let mut cpython = failed("w", "cpython3.11", 1, "check failed: expected 4, got 3");
        cpython.interpreter = Some("CPython".into());
        let all = view(vec![
            failed("w", "gil", 1, "check failed: expected 4, got 3"),
            failed("w", "free-threaded", 1, "check failed: expected 4, got 3"),
            cpython,
        ]);
        let b = failure_banner(&all).unwrap();
        assert!(b.starts_with("Every configuration failed (3). check failed: expected 4, got 3 All models failed, including real CPython"), "{b}");
        assert_eq!(decide(&all).fastest, None);
    }
}
