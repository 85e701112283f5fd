//! Markdown output: the `results.md` table of every row (`to_markdown`) and the report's `summary.md`.

use crate::harness::results::BenchRow;
use crate::report::html::{speedup_words, time_ratio_words};
use crate::report::views::{
    busy_notes, error_line, fmt_counter, fmt_secs, headlines, key_counters_present, machine_of,
    machines_in_order, provenance_rows, status_word, ModeInfo, ReportMeta, Source, WorkloadView,
    PROVENANCE_HEADERS,
};

/// A table cell: pipes escaped, line breaks folded.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn spread(r: &BenchRow) -> String {
    r.spread_pct
        .filter(|p| p.is_finite())
        .map(|p| format!("±{p:.1}%"))
        .unwrap_or_else(|| "-".into())
}

/// `low–high` seconds, or `-`.
pub fn ci(r: &BenchRow) -> String {
    match (r.ci_low_s, r.ci_high_s) {
        (Some(l), Some(h)) if l.is_finite() && h.is_finite() => {
            format!("{}–{}", fmt_secs(Some(l)), fmt_secs(Some(h)))
        }
        _ => "-".into(),
    }
}

/// A Markdown table of `rows`, with a workload column when `with_workload`.
fn table(rows: &[BenchRow], with_workload: bool) -> String {
    let counters = key_counters_present(rows);
    let with_interp = rows.iter().any(|r| r.interpreter.is_some());
    let machines = machines_in_order(rows);
    let with_machine = machines.len() > 1;
    let mut head: Vec<&str> = Vec::new();
    if with_machine {
        head.push("machine");
    }
    if with_workload {
        head.push("workload");
    }
    head.push("mode");
    if with_interp {
        head.push("interpreter");
    }
    head.extend([
        "threads",
        "size",
        "median s",
        "±",
        "95% CI s",
        "vs 1t",
        "vs GIL 1t",
        "vs fastest",
        "check",
        "start-up+setup s",
    ]);
    head.extend(counters.iter().map(|(_, h)| *h));
    head.push("error");
    let mut out = format!("| {} |\n", head.join(" | "));
    let aligns: Vec<&str> = head
        .iter()
        .map(|h| {
            if matches!(*h, "machine" | "workload" | "mode" | "interpreter" | "check" | "error") {
                "---"
            } else {
                "---:"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for r in rows {
        let mut cells: Vec<String> = Vec::new();
        if with_machine {
            cells.push(cell(
                machines
                    .iter()
                    .find(|m| m.key == machine_of(r))
                    .map(|m| m.label.as_str())
                    .unwrap_or(machine_of(r)),
            ));
        }
        if with_workload {
            cells.push(cell(&r.workload));
        }
        cells.push(cell(&r.mode));
        if with_interp {
            cells.push(cell(r.interpreter.as_deref().unwrap_or("")));
        }
        let ok = r.is_ok();
        cells.extend([
            r.threads.to_string(),
            r.size.to_string(),
            fmt_secs(r.median_s),
            spread(r),
            ci(r),
            if ok { speedup_words(r.speedup_vs_1t) } else { "-".into() },
            if ok { speedup_words(r.speedup_vs_gil_1t) } else { "-".into() },
            crate::report::decision::vs_fastest(rows, r),
            status_word(r).to_string(),
            fmt_secs(Some(r.setup_s + r.startup_s)),
        ]);
        cells.extend(counters.iter().map(|(name, _)| fmt_counter(r, name)));
        cells.push(cell(&error_line(r).unwrap_or_default()));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Every row as one Markdown table (`results.md`): workload, mode, threads, timings, speedups,
/// check, and the key counters present in any row.
pub fn to_markdown(rows: &[BenchRow]) -> String {
    if rows.is_empty() {
        return "_No results._\n".into();
    }
    table(rows, true)
}

/// One workload's table (no workload column).
pub fn workload_table(view: &WorkloadView) -> String {
    table(&view.rows, false)
}

/// The headline tables: speedup at the largest thread count, and single-thread time against GIL 1t.
pub fn headline_tables(views: &[WorkloadView], modes: &[ModeInfo]) -> String {
    let mut out = String::new();
    let names = modes.iter().map(|m| cell(&m.name)).collect::<Vec<_>>().join(" | ");
    let refs = modes.iter().any(|m| m.interpreter.is_some());
    let ref_head = if refs { " fastest real interpreter vs it |" } else { "" };
    let mut speed = format!(
        "| workload | fastest gilbench configuration |{ref_head} {names} |\n|---|---|{}{}\n",
        if refs { "---|" } else { "" },
        "---:|".repeat(modes.len())
    );
    let mut single = format!("| workload | {names} |\n|---|{}\n", "---:|".repeat(modes.len()));
    for v in views {
        let cells = headlines(v);
        let find = |m: &ModeInfo| cells.iter().find(|c| c.mode == m.name);
        let s: Vec<String> = modes
            .iter()
            .map(|m| match find(m) {
                None => String::new(),
                Some(c) if c.failed => format!("failed at {}t", c.threads),
                Some(c) if c.threads <= 1 => "1t only".into(),
                Some(c) => match c.speedup {
                    Some(x) => format!("{} at {}t", speedup_words(Some(x)), c.threads),
                    None => format!("- at {}t", c.threads),
                },
            })
            .collect();
        let t: Vec<String> = modes
            .iter()
            .map(|m| find(m).map(|c| time_ratio_words(c.single_vs_gil)).unwrap_or_default())
            .collect();
        let d = crate::report::decision::decide(v);
        let reference =
            if refs { format!(" {} |", cell(&d.reference_cell())) } else { String::new() };
        speed.push_str(&format!(
            "| {} | {} |{reference} {} |\n",
            cell(&v.title()),
            cell(&d.fastest_cell()),
            s.join(" | ")
        ));
        single.push_str(&format!("| {} | {} |\n", cell(&v.title()), t.join(" | ")));
    }
    out.push_str("The fastest gilbench configuration by absolute time (ties within noise named), the fastest real interpreter against it (a reference), and each mode's scaling at the largest thread count against its own 1-thread time (the ideal is the thread count times faster):\n\n");
    out.push_str(&speed);
    out.push_str("\nEach mode's single-thread time against the GIL build at 1 thread:\n\n");
    out.push_str(&single);
    out
}

/// The charts of a workload as (caption, PNG file name), for `summary.md`.
pub type ChartLinks = Vec<(String, String)>;

/// The provenance section: one sweep as a two-column table, several as one row per sweep.
pub fn provenance_section(sources: &[Source]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let rows = provenance_rows(sources);
    let mut out = String::from("## Provenance\n\n");
    if let [one] = rows.as_slice() {
        out.push_str("| | |\n|---|---|\n");
        for (h, v) in PROVENANCE_HEADERS.iter().zip(one) {
            out.push_str(&format!("| {} | {} |\n", cell(h), cell(v)));
        }
    } else {
        out.push_str(&format!(
            "| {} |\n|{}\n",
            PROVENANCE_HEADERS.join(" | "),
            "---|".repeat(PROVENANCE_HEADERS.len())
        ));
        for r in &rows {
            out.push_str(&format!(
                "| {} |\n",
                r.iter().map(|v| cell(v)).collect::<Vec<_>>().join(" | ")
            ));
        }
    }
    for note in busy_notes(sources) {
        out.push_str(&format!("\n**Warning:** {}\n", cell(&note)));
    }
    out.push('\n');
    out
}

/// `summary.md`: the provenance, the headline tables, the overview chart, then per workload its
/// charts and table. `across` holds, per workload name, the PNG of the chart overlaying
/// several machines (empty for a one-machine report).
pub fn summary(
    views: &[WorkloadView],
    modes: &[ModeInfo],
    meta: &ReportMeta,
    overview_pngs: &[&str],
    charts: &[ChartLinks],
    across: &[(String, String)],
) -> String {
    let mut out = String::from("# gilbench report\n\n");
    out.push_str(&format!("Generated {}", meta.generated));
    if !meta.inputs.is_empty() {
        out.push_str(&format!(
            " from {}",
            meta.inputs
                .iter()
                .map(|i| format!("`{}`", i.replace('`', "'")))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str(".\n\n");
    out.push_str(&provenance_section(&meta.sources));
    if views.is_empty() {
        out.push_str("_No results: the inputs hold no rows._\n");
        return out;
    }
    out.push_str("## Headline\n\n");
    out.push_str(&headline_tables(views, modes));
    if let Some(b) = &meta.baseline {
        out.push_str(&format!("\n## Against the baseline\n\nEvery configuration against `{}` (two-sided Mann–Whitney U test on the samples; regressed / improved = significant and moved by more than {}%).\n\n", b.label.replace('`', "'"), b.threshold_pct));
        out.push_str("| workload | mode | threads | old median s | new median s | change | p | verdict |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for c in &b.comparisons {
            let change = crate::report::html::change_words(c);
            let p = c.p_value.map(|p| format!("{p:.3}")).unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {change} | {p} | {} |\n",
                cell(&c.workload),
                cell(&c.mode),
                c.threads,
                fmt_secs(c.old_median_s),
                fmt_secs(c.new_median_s),
                cell(&c.verdict.label())
            ));
        }
        if let Some(n) = &b.machine_note {
            out.push_str(&format!("\n**Note:** {}\n", cell(n)));
        }
    }
    for png in overview_pngs {
        let alt = if png.contains("speedup") {
            "Speedup at the largest thread count per workload and mode"
        } else {
            "Time relative to the fastest configuration per workload and mode"
        };
        out.push_str(&format!("\n![{alt}]({png})\n"));
    }
    for (i, v) in views.iter().enumerate() {
        if views[..i].iter().all(|o| o.name != v.name) {
            if let Some((_, png)) = across.iter().find(|(w, _)| *w == v.name) {
                out.push_str(&format!(
                    "\n## {} across machines\n\n![{} speedup vs threads across machines]({png})\n",
                    cell(&v.name),
                    cell(&v.name)
                ));
            }
        }
        out.push_str(&format!("\n## {}\n\n", cell(&v.title())));
        let mut facts = Vec::new();
        if let Some(c) = &v.category {
            facts.push(format!("category {}", cell(c)));
        }
        if v.machine_label.is_some() {
            facts.push(format!("machine {}", cell(&v.machine)));
        }
        facts.push(format!(
            "size {}",
            v.sizes.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        ));
        let failed = v.failed();
        if failed > 0 {
            facts.push(format!(
                "{failed} configuration(s) failed (see the table; left out of the charts)"
            ));
        }
        out.push_str(&format!("{}.\n\n", facts.join("; ")));
        for (caption, file) in charts.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            out.push_str(&format!("![{}]({})\n", cell(caption), file));
        }
        out.push('\n');
        out.push_str(&workload_table(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{row, sample_rows};
    use crate::report::views::{group_workloads, modes_in_order};

    #[test]
    fn markdown_table_has_every_row_and_failures() {
        let rows = sample_rows();
        let md = to_markdown(&rows);
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines.len(), rows.len() + 2);
        assert!(
            lines[0].starts_with("| workload | mode | interpreter | threads |"),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].contains("GIL wait s")
                && lines[0].contains("peak RSS")
                && lines[0].ends_with("| error |")
        );
        assert!(
            lines.iter().all(|l| l.matches(" | ").count() == lines[0].matches(" | ").count()),
            "{md}"
        );
        let gil2 = lines.iter().find(|l| l.starts_with("| cpu_loop | gil |  | 2 |")).unwrap();
        assert!(
            gil2.contains("| 1.000 |") && gil2.contains("| 0.400 |") && gil2.contains("| ok |"),
            "{gil2}"
        );
        let bad = lines.iter().find(|l| l.contains("ERROR")).unwrap();
        assert!(
            bad.contains("worker exited with status 1:") && !bad.contains("ValueError"),
            "first line only: {bad}"
        );
        assert!(md.contains("CPython 3.11.4, GIL enabled"));
        assert_eq!(to_markdown(&[]), "_No results._\n");
        let mut piped = row("a|b", "gil", 1, 1.0);
        piped.error = Some("x|y".into());
        assert!(to_markdown(&[piped]).contains("a\\|b"));
    }

    #[test]
    fn summary_has_headline_and_workload_sections() {
        let rows = sample_rows();
        let modes = modes_in_order(&rows);
        let views = group_workloads(&rows, &modes);
        let meta = ReportMeta {
            generated: "2026-01-01 00:00 UTC".into(),
            inputs: vec!["r.json".into()],
            sources: vec![],
            baseline: None,
        };
        let charts =
            vec![vec![("speedup".to_string(), "cpu_loop-speedup.png".to_string())], vec![]];
        let s =
            summary(&views, &modes, &meta, &["overview.png", "overview-speedup.png"], &charts, &[]);
        assert!(s.contains("Generated 2026-01-01 00:00 UTC from `r.json`"));
        assert!(s.contains("| workload | fastest gilbench configuration | fastest real interpreter vs it | gil | free-threaded | subinterpreters | cpython3.11 |"), "{s}");
        assert!(s.contains("| cpu_loop | subinterpreters 2t | cpython3.11 1t: 1.55x the time | 1.00x (same) at 2t | 1.94x faster at 2t | 1.90x faster at 2t | 1.06x the time at 2t |"), "{s}");
        assert!(s.contains("| shared_dict | gil 1t (tie: free-threaded 2t) |  | 1.10x the time at 2t | 1.40x faster at 2t | failed at 2t |  |"), "{s}");
        assert!(
            s.contains(
                "| cpu_loop | 1.00x (same) | 1.20x the time | 1.10x the time | 1.11x faster |"
            ),
            "{s}"
        );
        assert!(s.contains(
            "![Speedup at the largest thread count per workload and mode](overview-speedup.png)"
        ));
        assert!(s.contains(
            "![Time relative to the fastest configuration per workload and mode](overview.png)"
        ));
        assert!(
            s.contains("## cpu_loop\n")
                && s.contains("## shared_dict\n")
                && s.contains("![speedup](cpu_loop-speedup.png)")
        );
        assert!(s.contains("1 configuration(s) failed"));
        let empty = summary(&[], &[], &meta, &[], &[], &[]);
        assert!(empty.contains("No results"));
    }
}
