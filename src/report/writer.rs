//! Writing a whole report directory (charts as SVG and PNG, index.html, summary.md, results.csv, results.md) from sweep rows, and reading `--json` inputs.

use std::path::{Path, PathBuf};

use crate::harness::results::BenchRow;
use crate::report::charts::{self, Chart, Kind, ModeColors};
use crate::report::html::{self, ChartOut};
use crate::report::overview;
use crate::report::views::{
    file_stem, group_workloads, machines_in_order, merge_rows, modes_in_order, parse_document,
    recompute_speedups, Merged, ReportError, ReportMeta, Source,
};
use crate::report::{csv, markdown};

/// What `write_report` produced.
#[derive(Debug, Clone, Default)]
pub struct ReportOutput {
    /// Every file written, in order.
    pub files: Vec<PathBuf>,
    /// Charts that could not be drawn, and why (the rest of the report is still written).
    pub warnings: Vec<String>,
}

/// Read and merge `gilbench bench --json` files (later files win for the same machine,
/// workload, mode and threads), with each file's provenance as its sources.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Merged, ReportError> {
    let mut sets = Vec::new();
    let mut sources = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(p).map_err(|e| ReportError::io(p, e))?;
        let (rows, metas) = parse_document(&text, &name)?;
        if metas.is_empty() {
            sources.push(Source { input: name, meta: None });
        } else {
            sources
                .extend(metas.into_iter().map(|m| Source { input: name.clone(), meta: Some(m) }));
        }
        sets.push(rows);
    }
    let mut merged = merge_rows(sets);
    merged.sources = sources;
    Ok(merged)
}

/// `2026-11-25 06:30 UTC` for a Unix time in seconds.
pub fn utc_timestamp(secs: u64) -> String {
    let (y, m, d, hour, minute, _) = crate::harness::provenance::civil_utc(secs);
    format!("{y:04}-{m:02}-{d:02} {hour:02}:{minute:02} UTC")
}

/// The current time as `utc_timestamp` prints it.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    utc_timestamp(secs)
}

pub(crate) fn write(path: PathBuf, text: &str, out: &mut ReportOutput) -> Result<(), ReportError> {
    std::fs::write(&path, text).map_err(|e| ReportError::io(&path, e))?;
    out.files.push(path);
    Ok(())
}

/// Draw one chart as `dir/name.svg` and `dir/name.png`; a drawing failure becomes a warning.
pub(crate) fn chart_files(
    chart: &Chart,
    dir: &Path,
    name: &str,
    caption: &str,
    out: &mut ReportOutput,
) -> Result<ChartOut, ReportError> {
    let mut shown = ChartOut { caption: caption.to_string(), svg: None, message: None };
    if let Kind::Message(m) = &chart.kind {
        shown.message = Some(m.clone());
    }
    match charts::render_svg(chart) {
        Ok(svg) => {
            write(dir.join(format!("{name}.svg")), &svg, out)?;
            if shown.message.is_none() {
                shown.svg = Some(svg);
            }
        }
        Err(e) => {
            out.warnings.push(format!("{name}.svg: {e}"));
            shown.message.get_or_insert_with(|| format!("could not be drawn ({e})"));
        }
    }
    let png = dir.join(format!("{name}.png"));
    match charts::render_png(chart, &png) {
        Ok(()) => out.files.push(png),
        Err(e) => out.warnings.push(format!("{name}.png: {e}")),
    }
    Ok(shown)
}

/// Write the report for `rows` into `dir` (created if needed). Speedups are recomputed over the
/// rows given (see `model::recompute_speedups`). Never runs Python.
pub fn write_report(
    rows: &[BenchRow],
    dir: &Path,
    meta: &ReportMeta,
) -> Result<ReportOutput, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
    let mut rows = rows.to_vec();
    recompute_speedups(&mut rows);
    let modes = modes_in_order(&rows);
    let views = group_workloads(&rows, &modes);
    let colors = ModeColors::new(&modes);
    let mut out = ReportOutput::default();

    let mut stems: Vec<String> = Vec::new();
    let mut shown = Vec::new();
    let mut links = Vec::new();
    for v in &views {
        let mut stem = file_stem(&v.title());
        if stems.contains(&stem) {
            stem = format!("{stem}-{}", stems.len());
        }
        stems.push(stem.clone());
        let specs = [
            ("time", "Time per configuration", charts::time_chart(v, &colors)),
            ("speedup", "Speedup vs threads", charts::speedup_chart(v, &colors)),
            ("breakdown", "Where the thread-time went", charts::breakdown_chart(v)),
            ("memory", "Memory", charts::memory_chart(v, &colors)),
        ];
        let mut mine = Vec::new();
        let mut my_links = Vec::new();
        for (kind, caption, chart) in specs {
            let name = format!("{stem}-{kind}");
            mine.push(chart_files(&chart, dir, &name, caption, &mut out)?);
            my_links.push((format!("{} {kind}", v.title()), format!("{name}.png")));
        }
        shown.push(mine);
        links.push(my_links);
    }
    // Several machines: per workload, one speedup chart overlaying them.
    let mut across = Vec::new();
    let mut across_links = Vec::new();
    if machines_in_order(&rows).len() > 1 {
        for (i, v) in views.iter().enumerate() {
            if views[..i].iter().any(|o| o.name == v.name) {
                continue;
            }
            let group: Vec<&crate::report::views::WorkloadView> =
                views.iter().filter(|o| o.name == v.name).collect();
            let mut stem = format!("{}-machines", file_stem(&v.name));
            if stems.contains(&stem) {
                stem = format!("{stem}-{}", stems.len());
            }
            stems.push(stem.clone());
            let chart = charts::machines_speedup_chart(&v.name, &group, &colors);
            across.push((
                v.name.clone(),
                chart_files(&chart, dir, &stem, "Speedup vs threads across machines", &mut out)?,
            ));
            across_links.push((v.name.clone(), format!("{stem}.png")));
        }
    }
    let overview = [
        chart_files(
            &overview::time_overview(&views, &modes),
            dir,
            "overview",
            "Time relative to the fastest configuration",
            &mut out,
        )?,
        chart_files(
            &overview::speedup_overview(&views, &modes),
            dir,
            "overview-speedup",
            "Speedup at the largest thread count",
            &mut out,
        )?,
    ];
    let overview_pngs: Vec<&str> = ["overview.png", "overview-speedup.png"]
        .into_iter()
        .filter(|p| out.files.iter().any(|f| f.ends_with(p)))
        .collect();

    write(
        dir.join("index.html"),
        &html::index(&views, &modes, meta, &overview, &shown, &across),
        &mut out,
    )?;
    write(
        dir.join("summary.md"),
        &markdown::summary(&views, &modes, meta, &overview_pngs, &links, &across_links),
        &mut out,
    )?;
    write(dir.join("results.csv"), &csv::to_csv(&rows), &mut out)?;
    write(dir.join("results.md"), &markdown::to_markdown(&rows), &mut out)?;
    // The rows themselves with their provenance, so the report directory feeds `gilbench
    // report` and `recommend --results` again.
    let metas: Vec<crate::harness::provenance::Provenance> =
        meta.sources.iter().filter_map(|s| s.meta.clone()).collect();
    write(
        dir.join("results.json"),
        &(crate::harness::results::to_json_with_meta(&rows, &metas) + "\n"),
        &mut out,
    )?;
    Ok(out)
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
