//! `index.html`: one self-contained page (inline CSS and SVG charts, no scripts or external links) with the overview, headline and per-workload tables.

use crate::harness::results::BenchRow;
use crate::report::markdown::ci;
use crate::report::views::{
    busy_notes, error_line, fmt_counter, fmt_secs, headlines, key_counters_present,
    provenance_rows, status_word, BaselineView, ModeInfo, ReportMeta, Source, WorkloadView,
    PROVENANCE_HEADERS,
};

/// A chart as the page shows it: the inline SVG, or the reason there is nothing to draw.
#[derive(Debug, Clone, Default)]
pub struct ChartOut {
    pub caption: String,
    pub svg: Option<String>,
    /// Shown instead of the chart when there is nothing to plot (or it failed).
    pub message: Option<String>,
}

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An `id` for a workload's section.
fn anchor(name: &str) -> String {
    format!(
        "w-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect::<String>()
    )
}

pub(crate) const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:24px auto;max-width:1400px;padding:0 16px;color:#222;line-height:1.45}
.scroll{overflow-x:auto;max-width:100%}.scroll table{margin:0}table.rows th:first-child,table.rows td:first-child{position:sticky;left:0;background:#fff;z-index:1}table.rows th:first-child{background:#f3f3f3}
.best{background:#e3eef9;font-weight:bold}.decision{font-weight:bold;background:#eef6ff;border-left:4px solid #0072B2;padding:6px 10px}.badge{font-size:11px;color:#fff;background:#D55E00;border-radius:3px;padding:0 4px}
details{margin:8px 0}summary{cursor:pointer;color:#0072B2}nav{display:flex;flex-wrap:wrap;gap:4px 0}nav a:not(:last-child)::after{content:'·';color:#999;margin-left:12px}
.chart{overflow-x:auto;max-width:100%}pre{overflow-x:auto;max-width:100%}h1,li,p{overflow-wrap:anywhere}
@media (max-width:600px){body{padding:0 8px;margin:8px auto}h1{font-size:22px}table{font-size:12px}th,td{padding:3px 5px}}
h1{margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:40px}
.meta{color:#666;margin-top:0}.howto{background:#f6f8fa;border:1px solid #e1e4e8;padding:8px 16px;border-radius:6px}
table{border-collapse:collapse;margin:12px 0;font-size:14px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.l,th.l{text-align:left}tr.bad td{background:#fff1f0}td.err{text-align:left;color:#a8071a;font-family:monospace;white-space:pre-wrap}
.interp{color:#666;font-size:12px}.chart svg{max-width:none;height:auto;border:1px solid #eee;margin:8px 0}
.note{color:#8c6d1f;background:#fffbe6;border:1px solid #ffe58f;padding:6px 10px;border-radius:4px}
nav a{margin-right:12px}table.prov td{font-size:13px}";

/// A speedup (higher is better) in words: `1.86x faster`, or `1.15x the time` below 1.
pub fn speedup_words(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() && v > 0.0 => {
            if (v - 1.0).abs() < 0.005 {
                "1.00x (same)".to_string()
            } else if v >= 1.0 {
                format!("{v:.2}x faster")
            } else {
                format!("{:.2}x the time", 1.0 / v)
            }
        }
        _ => "-".into(),
    }
}

/// A time ratio (lower is better) in words: `0.5` is `2.00x faster`, `1.3` is `1.30x the time`.
pub fn time_ratio_words(x: Option<f64>) -> String {
    speedup_words(x.filter(|v| *v > 0.0).map(|v| 1.0 / v))
}

fn headline_html(views: &[WorkloadView], modes: &[ModeInfo]) -> String {
    let head: String = modes.iter().map(|m| format!("<th>{}</th>", esc(&m.name))).collect();
    let refs = modes.iter().any(|m| m.interpreter.is_some());
    let ref_head = if refs { "<th class=\"l\">fastest real interpreter vs it</th>" } else { "" };
    let mut speed = format!("<table><tr><th class=\"l\">workload</th><th class=\"l\">fastest gilbench configuration</th>{ref_head}{head}</tr>\n");
    let mut single = format!("<table><tr><th class=\"l\">workload</th>{head}</tr>\n");
    for v in views {
        let cells = headlines(v);
        let d = crate::report::decision::decide(v);
        let fastest = d.fastest_cell();
        let reference = if refs {
            format!("<td class=\"l\">{}</td>", esc(&d.reference_cell()))
        } else {
            String::new()
        };
        let mut s_row = format!(
            "<tr><td class=\"l\"><a href=\"#{}\">{}</a></td><td class=\"l\">{}</td>",
            anchor(&v.title()),
            esc(&v.title()),
            esc(&fastest)
        ) + &reference;
        let mut t_row = format!("<tr><td class=\"l\">{}</td>", esc(&v.title()));
        for m in modes {
            let (s, t) = match cells.iter().find(|c| c.mode == m.name) {
                None => (String::new(), String::new()),
                Some(c) => {
                    let s = if c.failed {
                        format!("failed at {}t", c.threads)
                    } else if c.threads <= 1 {
                        "1t only".into()
                    } else {
                        format!("{} at {}t", speedup_words(c.speedup), c.threads)
                    };
                    (s, time_ratio_words(c.single_vs_gil))
                }
            };
            s_row.push_str(&format!("<td>{}</td>", esc(&s)));
            t_row.push_str(&format!("<td>{}</td>", esc(&t)));
        }
        speed.push_str(&s_row);
        speed.push_str("</tr>\n");
        single.push_str(&t_row);
        single.push_str("</tr>\n");
    }
    format!(
        "<p>The fastest gilbench configuration by absolute time (ties within noise named), the fastest real interpreter against it (a reference), and each mode's scaling: its time at the largest thread count against its own 1-thread time (the ideal is the thread count times faster):</p>\n<div class=\"scroll\">{speed}</table></div>\n\
         <p>Each mode's single-thread time against the GIL build at 1 thread:</p>\n<div class=\"scroll\">{single}</table></div>\n"
    )
}

/// One workload's table: every row, failed ones with their error, then its counters folded
/// under `<details>` (a second table, one line per row).
pub fn workload_table(rows: &[BenchRow]) -> String {
    let mut out = String::from("<div class=\"scroll\"><table class=\"rows\">\n<tr><th class=\"l\">mode</th><th>threads</th><th>size</th><th>samples</th><th>median s</th><th>±</th><th>95% CI s</th><th>vs own 1t</th><th>vs GIL 1t</th><th>vs fastest</th><th class=\"l\">check</th><th>start-up+setup s</th></tr>\n");
    let width = 12;
    for r in rows {
        let ok = r.is_ok();
        let mode = mode_cell(r);
        let spread = r
            .spread_pct
            .filter(|p| p.is_finite())
            .map(|p| format!("±{p:.1}%"))
            .unwrap_or_else(|| "-".into());
        let n = r.samples_s.len();
        let ci_text = match ci(r).as_str() {
            "-" if n > 0 && n < crate::harness::stats::CI_MIN_SAMPLES => {
                format!("- (needs {}+ samples)", crate::harness::stats::CI_MIN_SAMPLES)
            }
            other => other.to_string(),
        };
        let vs = crate::report::decision::vs_fastest(rows, r);
        let median = if r.unstable {
            format!(
                "{} <span class=\"badge\" title=\"the samples vary too much for a stable median\">unstable</span>",
                esc(&fmt_secs(r.median_s))
            )
        } else {
            esc(&fmt_secs(r.median_s))
        };
        let mut line = format!(
            "<tr{}><td class=\"l\">{mode}</td><td>{}</td><td>{}</td><td>{n}</td><td>{median}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td class=\"l\">{}</td><td>{}</td>",
            if ok { "" } else { " class=\"bad\"" },
            r.threads,
            r.size,
            esc(&spread),
            esc(&ci_text),
            if ok { speedup_words(r.speedup_vs_1t) } else { "-".into() },
            if ok { speedup_words(r.speedup_vs_gil_1t) } else { "-".into() },
            if vs.contains("fastest") { " class=\"best\"" } else { "" },
            esc(&vs),
            status_word(r),
            fmt_secs(Some(r.setup_s + r.startup_s)),
        );
        line.push_str("</tr>\n");
        out.push_str(&line);
        let given = r.error.clone().filter(|e| !e.trim().is_empty());
        let detail = if ok { given } else { given.or_else(|| error_line(r)) };
        if let Some(e) = detail {
            out.push_str(&format!(
                "<tr class=\"bad\"><td class=\"err\" colspan=\"{width}\">{}</td></tr>\n",
                esc(e.trim_end())
            ));
        }
    }
    out.push_str("</table></div>\n");
    let counters = key_counters_present(rows);
    if !counters.is_empty() {
        out.push_str("<details><summary>Counters (per timed sample; counts are rounded means)</summary>\n<div class=\"scroll\"><table class=\"rows\">\n<tr><th class=\"l\">mode</th><th>threads</th>");
        for (_, h) in &counters {
            out.push_str(&format!("<th>{}</th>", esc(h)));
        }
        out.push_str("</tr>\n");
        for r in rows {
            out.push_str(&format!(
                "<tr><td class=\"l\">{}</td><td>{}</td>",
                mode_cell(r),
                r.threads
            ));
            for (name, _) in &counters {
                out.push_str(&format!("<td>{}</td>", esc(&fmt_counter(r, name))));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></div>\n</details>\n");
    }
    out
}

fn mode_cell(r: &BenchRow) -> String {
    match &r.interpreter {
        Some(i) => format!("{}<br><span class=\"interp\">{}</span>", esc(&r.mode), esc(i)),
        None => esc(&r.mode),
    }
}

pub(crate) fn chart_html(c: &ChartOut) -> String {
    match (&c.svg, &c.message) {
        (Some(svg), _) => {
            format!(
                "<div class=\"chart\" role=\"img\" aria-label=\"{}\">\n{}\n</div>\n",
                esc(&c.caption),
                svg
            )
        }
        (None, Some(m)) => format!("<p class=\"note\">{}: {}</p>\n", esc(&c.caption), esc(m)),
        (None, None) => String::new(),
    }
}

/// A configuration's change against the baseline in words (`1.50x the time`), or `-`.
pub fn change_words(c: &crate::harness::baseline::Comparison) -> String {
    match (c.old_median_s, c.new_median_s) {
        (Some(o), Some(n)) if o > 0.0 && n > 0.0 => time_ratio_words(Some(n / o)),
        _ => "-".into(),
    }
}

/// The section comparing every configuration with a baseline file (`report --baseline`).
pub fn baseline_html(b: &BaselineView) -> String {
    use crate::harness::baseline::Verdict;
    let mut out = format!("<h2 id=\"baseline\">Against the baseline</h2>\n<p>Every configuration against <code>{}</code>: change of the median, two-sided Mann–Whitney U test on the samples (significant when p &lt; {}); <b>regressed</b> / <b>improved</b> = significant and moved by more than {}%.</p>\n", esc(&b.label), crate::harness::baseline::SIGNIFICANCE, b.threshold_pct);
    if let Some(n) = &b.machine_note {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(n)));
    }
    let count = |v: &Verdict| b.comparisons.iter().filter(|c| &c.verdict == v).count();
    out.push_str(&format!(
        "<p>{} regressed, {} improved, {} within noise, {} no change.</p>\n",
        count(&Verdict::Regressed),
        count(&Verdict::Improved),
        count(&Verdict::WithinNoise),
        count(&Verdict::NoChange)
    ));
    out.push_str("<div class=\"scroll\"><table class=\"rows\">\n<tr><th class=\"l\">workload</th><th class=\"l\">mode</th><th>threads</th><th>old median s</th><th>new median s</th><th>change</th><th>p</th><th class=\"l\">verdict</th></tr>\n");
    for c in &b.comparisons {
        let change = change_words(c);
        let class = match c.verdict {
            Verdict::Regressed => " class=\"bad\"",
            Verdict::Improved => " class=\"best\"",
            _ => "",
        };
        let mut verdict = c.verdict.label();
        if let Some(old) = c.old_size.filter(|&s| s != c.new_size) {
            verdict.push_str(&format!(" (size {old} → {})", c.new_size));
        }
        out.push_str(&format!(
            "<tr{class}><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"l\">{}</td></tr>\n",
            esc(&c.workload),
            esc(&c.mode),
            c.threads,
            fmt_secs(c.old_median_s),
            fmt_secs(c.new_median_s),
            esc(&change),
            c.p_value.map(|p| format!("{p:.3}")).unwrap_or_else(|| "-".into()),
            esc(&verdict)
        ));
    }
    out.push_str("</table></div>\n");
    out
}

/// The provenance block: where, when and by what each sweep was made. One sweep is shown as a
/// two-column table; several as one row per sweep.
pub fn provenance_html(sources: &[Source]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let rows = provenance_rows(sources);
    let mut out = String::from("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"prov\">\n");
    if let [one] = rows.as_slice() {
        for (h, v) in PROVENANCE_HEADERS.iter().zip(one) {
            out.push_str(&format!(
                "<tr><th class=\"l\">{}</th><td class=\"l\">{}</td></tr>\n",
                esc(h),
                esc(v)
            ));
        }
    } else {
        out.push_str("<tr>");
        for h in PROVENANCE_HEADERS {
            out.push_str(&format!("<th class=\"l\">{}</th>", esc(h)));
        }
        out.push_str("</tr>\n");
        for r in &rows {
            out.push_str("<tr>");
            for v in r {
                out.push_str(&format!("<td class=\"l\">{}</td>", esc(v)));
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n");
    for note in busy_notes(sources) {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(&note)));
    }
    out
}

const HOW_TO_READ: &str = "<p>Each workload runs the same fixed total work split across N threads, under each mode (execution model), \
in a fresh worker process per configuration. Each section opens with its <b>decision</b>: the fastest configuration by absolute time, \
ties within noise, a reason from the counters and the real interpreters' time as a reference. \
<b>median s</b> is the median wall time of the parallel section over the timed <b>samples</b> (an <b>unstable</b> badge marks rows whose samples vary too much); \
<b>±</b> is half the min–max range as a percentage of the median; <b>95% CI</b> is a confidence interval for the median when there were enough samples. \
Every ratio says its direction (<i>1.90x faster</i>, <i>1.30x the time</i>): <b>vs own 1t</b> against the same mode at 1 thread (the ideal is the thread count, drawn dashed), \
<b>vs GIL 1t</b> against the GIL build at 1 thread, so single-thread overhead shows too; <b>vs fastest</b> against the workload's fastest configuration of any interpreter, \
with <i>&asymp; fastest</i> where the difference is within noise. \
Only rows that ran and passed <code>check</code> enter a speedup or a chart; failed rows are red with their error, and a banner opens the section. \
The counters (per timed sample) are folded under each table.</p>\n\
<p>The overview comes in two views: <b>time relative to the fastest configuration</b> (which to pick; darker is faster) and <b>speedup</b> (which mode scales). \
Real interpreters (<code>--python</code>) are references, never recommendations: their columns stand apart, their lines are dashed with hollow markers, their bars outlined, \
in their own legend group. Each colour has one meaning across the page: thread states (running, GIL wait, ...) never share a colour with a model. \
The <b>time</b> charts show each configuration's median with its 95% CI as a whisker; the <b>speedup</b> charts draw the CI of each speedup the same way.</p>\n\
<p>The <b>breakdown</b> charts split the thread-time of the parallel section (median × threads) into GIL wait, lock wait, blocked (sleep, joins, queues, I/O), GC and copying between \
interpreters (from the counters), the rest being running; start-up + setup is outside the timed section and drawn as its own segment. \
The <b>memory</b> charts show each worker process's peak RSS (or, when that was not recorded, the number of allocations).</p>\n";

/// The whole page. `overview` is the overview chart; `charts[i]` are `views[i]`'s charts;
/// `across` holds, per workload name, the chart overlaying several machines (empty for a
/// one-machine report), shown before that workload's per-machine sections.
pub fn index(
    views: &[WorkloadView],
    modes: &[ModeInfo],
    meta: &ReportMeta,
    overview: &[ChartOut],
    charts: &[Vec<ChartOut>],
    across: &[(String, ChartOut)],
) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>gilbench report</title>\n");
    out.push_str(&format!(
        "<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>gilbench report</h1>\n"
    ));
    let rows: usize = views.iter().map(|v| v.rows.len()).sum();
    let mut meta_line = format!("Generated {}", esc(&meta.generated));
    if !meta.inputs.is_empty() {
        meta_line.push_str(&format!(
            " from {}",
            meta.inputs
                .iter()
                .map(|i| format!("<code>{}</code>", esc(i)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    meta_line.push_str(&format!(
        ". {rows} configuration(s), {} workload(s); modes: {}.",
        views.len(),
        modes.iter().map(|m| esc(&m.label())).collect::<Vec<_>>().join(", ")
    ));
    out.push_str(&format!("<p class=\"meta\">{meta_line}</p>\n"));
    out.push_str(&provenance_html(&meta.sources));
    if views.is_empty() {
        out.push_str(
            "<p class=\"note\">No results: the inputs hold no rows.</p>\n</body>\n</html>\n",
        );
        return out;
    }
    out.push_str("<nav>");
    if meta.baseline.is_some() {
        out.push_str("<a href=\"#baseline\">against the baseline</a>");
    }
    for v in views {
        out.push_str(&format!("<a href=\"#{}\">{}</a>", anchor(&v.title()), esc(&v.title())));
    }
    out.push_str("</nav>\n<section class=\"howto\">\n<h3>How to read this</h3>\n");
    out.push_str(HOW_TO_READ);
    out.push_str("</section>\n<h2>Overview</h2>\n");
    for c in overview {
        out.push_str(&chart_html(c));
    }
    out.push_str(&headline_html(views, modes));
    if let Some(b) = &meta.baseline {
        out.push_str(&baseline_html(b));
    }
    for (i, v) in views.iter().enumerate() {
        if views[..i].iter().all(|o| o.name != v.name) {
            if let Some((_, chart)) = across.iter().find(|(w, _)| *w == v.name) {
                out.push_str(&format!(
                    "<section id=\"{}\">\n<h2>{} across machines</h2>\n",
                    anchor(&format!("{}-machines", v.name)),
                    esc(&v.name)
                ));
                out.push_str(&chart_html(chart));
                out.push_str("</section>\n");
            }
        }
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            anchor(&v.title()),
            esc(&v.title())
        ));
        if let Some(banner) = crate::report::decision::failure_banner(v) {
            out.push_str(&format!("<p class=\"note banner\">{}</p>\n", esc(&banner)));
        }
        out.push_str(&format!(
            "<p class=\"decision\">{}</p>\n",
            esc(&crate::report::decision::decide(v).line)
        ));
        if let Some(doc) = v.rows.iter().find_map(|r| r.doc.as_deref()) {
            out.push_str(&format!("<p>{}</p>\n", esc(doc)));
        }
        let mut facts = Vec::new();
        if let Some(c) = &v.category {
            facts.push(format!("category {}", esc(c)));
        }
        if v.machine_label.is_some() {
            facts.push(format!("machine {}", esc(&v.machine)));
        }
        facts.push(format!(
            "size {}",
            v.sizes.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        ));
        let files: Vec<&str> = {
            let mut f: Vec<&str> = v.rows.iter().map(|r| r.file.as_str()).collect();
            f.dedup();
            f
        };
        facts.push(format!(
            "file {}",
            files.iter().map(|f| format!("<code>{}</code>", esc(f))).collect::<Vec<_>>().join(", ")
        ));
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", facts.join("; ")));
        out.push_str(&workload_table(&v.rows));
        for c in charts.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            out.push_str(&chart_html(c));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::sample_rows;
    use crate::report::views::{group_workloads, modes_in_order};

    #[test]
    fn escapes_and_shows_failures() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let rows = sample_rows();
        let modes = modes_in_order(&rows);
        let views = group_workloads(&rows, &modes);
        let t = workload_table(&views[1].rows);
        assert!(
            t.contains("<tr class=\"bad\"><td class=\"l\">subinterpreters</td><td>2</td>"),
            "{t}"
        );
        assert!(
            t.contains("worker exited with status 1:\nValueError: boom"),
            "the whole error: {t}"
        );
        let c = workload_table(&views[0].rows);
        assert!(
            c.contains("cpython3.11<br><span class=\"interp\">CPython 3.11.4, GIL enabled</span>")
        );
        assert!(c.contains("<td>1.94x faster</td>"), "{c}");
        assert_eq!(
            (
                speedup_words(Some(0.5)),
                speedup_words(Some(1.0)),
                time_ratio_words(Some(0.5)),
                time_ratio_words(Some(1.3))
            ),
            (
                "2.00x the time".to_string(),
                "1.00x (same)".to_string(),
                "2.00x faster".to_string(),
                "1.30x the time".to_string()
            )
        );
        let meta = ReportMeta {
            generated: "now".into(),
            inputs: vec!["<in>.json".into()],
            sources: vec![],
            baseline: None,
        };
        let page = index(
            &views,
            &modes,
            &meta,
            &[ChartOut { caption: "overview".into(), svg: None, message: Some("nothing".into()) }],
            &[],
            &[],
        );
        assert!(
            page.contains("<code>&lt;in&gt;.json</code>")
                && page.contains("<p class=\"note\">overview: nothing</p>")
        );
        assert!(page.contains("<a href=\"#w-cpu_loop\">cpu_loop</a>"));
        assert!(
            page.contains("<p class=\"decision\">Fastest: subinterpreters at 2 threads"),
            "the decision opens the section"
        );
        assert!(page.contains("<p class=\"note banner\">1 of "), "a failure banner");

        let empty = index(&[], &[], &meta, &[], &[], &[]);
        assert!(empty.contains("No results") && empty.ends_with("</html>\n"));
    }
}
