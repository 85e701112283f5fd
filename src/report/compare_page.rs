//! The report of `gilbench compare`: index.html with the verdict, the table, the output check and the explanations, the time and thread-time charts, the thread timeline, and compare.json.
//!
//! Public API: [`write_compare_report`]. It uses the same chart machinery and page style as the
//! sweep report (`charts.rs`, `html.rs`, `writer.rs`) and the thread timeline chart
//! (`timeline_chart.rs`); it reads a finished `harness::compare::Comparison` and runs nothing.

use std::path::Path;

use crate::harness::compare::{render_table, to_json, CompareRow, Comparison};
use crate::harness::provenance::Provenance;
use crate::report::charts::{Bar, Chart, Kind, LegendEntry, Marker};
use crate::report::html::{chart_html, esc, provenance_html, ChartOut, STYLE};
use crate::report::palette;
use crate::report::timeline_chart::state_color;
use crate::report::views::{ReportError, Source};
use crate::report::writer::{chart_files, write, ReportOutput};
use crate::runtime::timeline::LaneState;

/// Thread-time segments: (label, counter); "running" is the rest of the thread-time.
/// Coloured as the same states are on the thread timeline.
const WAITS: [(&str, &str, LaneState); 6] = [
    ("GIL wait", "gil_wait_s", LaneState::GilWait),
    ("object-lock wait", "lock_wait_s", LaneState::ObjectLockWait),
    ("Python-lock wait", "pylock_wait_s", LaneState::PyLockWait),
    ("stop-the-world", "stw_wait_s", LaneState::StopTheWorld),
    ("copying", "xi_copy_s", LaneState::Copying),
    ("blocked (sleep, join, queue, I/O)", "blocked_s", LaneState::Blocked),
];

fn time_chart(c: &Comparison) -> Chart {
    let bars: Vec<Bar> = c
        .rows
        .iter()
        .filter_map(|r| {
            let (w, cpu) = (r.wall_s?, r.cpu_s.unwrap_or(0.0));
            let (color, hollow) = match r.mode.as_deref() {
                Some(m) => (
                    crate::report::views::KNOWN_MODES
                        .iter()
                        .position(|k| *k == m)
                        .map_or(palette::EXTRA_MODE_COLORS[0], |i| palette::MODE_COLORS[i]),
                    false,
                ),
                None => (palette::REFERENCE_STYLES[0].color, true),
            };
            Some(Bar {
                hollow,
                ..Bar::new(
                    r.label.clone(),
                    vec![(w, color)],
                    format!(
                        "{w:.3} s wall, {cpu:.3} s CPU{}",
                        if r.problem.is_some() { " (FAILED)" } else { "" }
                    ),
                )
            })
        })
        .collect();
    let kind = if bars.is_empty() {
        Kind::Message("No run finished: nothing to draw.".into())
    } else {
        Kind::Bars { x_desc: "median wall time (seconds, lower is better)".into(), bars }
    };
    let mut notes: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.wall_s.is_none())
        .map(|r| {
            format!("{}: no time ({})", r.label, r.problem.as_deref().unwrap_or("did not run"))
        })
        .collect();
    if c.rows.iter().any(|r| r.mode.is_none()) {
        notes.push("Outlined bars: real interpreters (references).".into());
    }
    Chart {
        title: format!("{}: wall time per configuration", c.script),
        subtitle: format!(
            "Median of {} run(s), measured from outside the process (start-up included).",
            c.repeat
        ),
        kind,
        legend: vec![],
        notes,
    }
}

fn thread_time_bar(r: &CompareRow) -> Option<Bar> {
    let total = r.counter("thread_time_s").filter(|t| *t > 0.0)?;
    let waits: Vec<f64> =
        WAITS.iter().map(|(_, k, _)| r.counter(k).unwrap_or(0.0).max(0.0)).collect();
    let running = (total - waits.iter().sum::<f64>()).max(0.0);
    let mut segments = vec![(running, state_color(LaneState::Running))];
    segments.extend(waits.iter().zip(&WAITS).map(|(v, w)| (*v, state_color(w.2))));
    Some(Bar::new(r.label.clone(), segments, format!("{total:.3} thread-s")))
}

fn thread_time_chart(c: &Comparison) -> Chart {
    let bars: Vec<Bar> = c.rows.iter().filter_map(thread_time_bar).collect();
    let mut legend = vec![LegendEntry {
        label: "running Python".into(),
        sublabel: None,
        color: state_color(LaneState::Running),
        marker: Marker::Box,
    }];
    legend.extend(WAITS.iter().map(|(l, _, s)| LegendEntry {
        label: l.to_string(),
        sublabel: None,
        color: state_color(*s),
        marker: Marker::Box,
    }));
    let kind = if bars.is_empty() {
        Kind::Message("No model reported its counters: nothing to break down.".into())
    } else {
        Kind::Bars { x_desc: "thread-time (seconds, summed over threads)".into(), bars }
    };
    Chart {
        title: format!("{}: where the thread-time went", c.script),
        subtitle:
            "Each thread's lifetime in Python, summed, split by the runtime counters (mean over the measured runs)."
                .into(),
        kind,
        legend,
        notes: if c.rows.iter().any(|r| r.mode.is_none()) {
            vec!["Real interpreters report no counters: not measured.".into()]
        } else {
            vec![]
        },
    }
}

fn timeline_html(c: &Comparison, dir: &Path, out: &mut ReportOutput) -> String {
    let panels: Vec<_> = c.rows.iter().filter_map(|r| r.timeline.clone()).collect();
    if panels.is_empty() {
        return String::new();
    }
    let svg = dir.join("timeline.svg");
    let png = dir.join("timeline.png");
    let mut html = String::from("<h2 id=\"timeline\">Thread timeline</h2>\n<p class=\"meta\">One extra, untimed run per model with each thread's state recorded: running Python, waiting for the GIL, on an object lock or a Python lock, blocked (I/O, sleep), parked for stop-the-world, copying between interpreters.</p>\n");
    match crate::report::timeline_chart::render(&panels, &svg, Some(&png)) {
        Ok(()) => {
            out.files.push(svg.clone());
            out.files.push(png);
            match std::fs::read_to_string(&svg) {
                Ok(text) => html.push_str(&chart_html(&ChartOut {
                    caption: "thread timeline".into(),
                    svg: Some(text),
                    message: None,
                })),
                Err(e) => out.warnings.push(format!("timeline.svg: {e}")),
            }
        }
        Err(e) => {
            out.warnings.push(format!("timeline: {e}"));
            html.push_str(&format!(
                "<p class=\"note\">The timeline could not be drawn ({}).</p>\n",
                esc(&e.to_string())
            ));
        }
    }
    html
}

/// Write `dir/index.html`, `dir/compare.json`, `dir/summary.txt` and the charts.
pub fn write_compare_report(
    c: &Comparison,
    meta: &Provenance,
    dir: &Path,
) -> Result<ReportOutput, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
    let mut out = ReportOutput::default();
    write(dir.join("compare.json"), &(to_json(c, meta) + "\n"), &mut out)?;
    let table = render_table(c);
    write(dir.join("summary.txt"), &table, &mut out)?;
    let time = chart_files(&time_chart(c), dir, "time", "wall time", &mut out)?;
    let threads =
        chart_files(&thread_time_chart(c), dir, "thread_time", "thread-time breakdown", &mut out)?;
    let timeline = timeline_html(c, dir, &mut out);

    let (verdict, per) = c.explanations();
    let mut page = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>gilbench compare</title>\n");
    page.push_str(&format!(
        "<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>gilbench compare: <code>{}</code></h1>\n",
        esc(format!("{} {}", c.script, c.args.join(" ")).trim())
    ));
    page.push_str(&format!("<p class=\"meta\">Median of {} run(s) per configuration after {} warm-up run(s); every run a fresh process.</p>\n", c.repeat, c.warmup));
    page.push_str(&format!("<p><b>{}</b></p>\n", esc(&verdict)));
    if !c.output_differences.is_empty() {
        page.push_str(&format!("<p class=\"note\">Output differs in {} of {} runs: a race, or nondeterminism, changes what the program prints.</p>\n<ul>\n", c.output_differences.len(), c.outputs_compared));
        for d in c.output_differences.iter().take(10) {
            page.push_str(&format!(
                "<li>{} vs {}, line {}: expected <code>{}</code>, got <code>{}</code></li>\n",
                esc(&d.run),
                esc(&d.reference),
                d.line,
                esc(&d.expected),
                esc(&d.actual)
            ));
        }
        page.push_str("</ul>\n");
    } else {
        page.push_str(&format!(
            "<p class=\"meta\">Output identical in all {} runs.</p>\n",
            c.outputs_compared
        ));
    }
    page.push_str("<h2>Results</h2>\n<pre>");
    page.push_str(&esc(table.split("\n\n").nth(1).unwrap_or("")));
    page.push_str("</pre>\n<h2>Why</h2>\n");
    for (label, lines) in &per {
        page.push_str(&format!("<h3>{}</h3>\n<ul>\n", esc(label)));
        for l in lines {
            page.push_str(&format!("<li>{}</li>\n", esc(l)));
        }
        page.push_str("</ul>\n");
    }
    page.push_str(&chart_html(&time));
    page.push_str(&chart_html(&threads));
    page.push_str(&timeline);
    page.push_str(&provenance_html(&[Source {
        input: "this comparison".into(),
        meta: Some(meta.clone()),
    }]));
    page.push_str("</body>\n</html>\n");
    write(dir.join("index.html"), &page, &mut out)?;
    Ok(out)
}
