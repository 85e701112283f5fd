//! Writing a whole report directory (charts as SVG and PNG, index.html, summary.md, results.csv, results.md) from sweep rows, and reading `--json` inputs.

use std::path::{Path, PathBuf};

use crate::harness::results::BenchRow;
use crate::report::charts::{self, Chart, Kind, ModeColors};
use crate::report::html::{self, ChartOut};
use crate::report::model::{file_stem, group_workloads, merge_rows, modes_in_order, parse_results, recompute_speedups, Merged, ReportError, ReportMeta};
use crate::report::{csv, markdown};

/// What `write_report` produced.
#[derive(Debug, Clone, Default)]
pub struct ReportOutput {
    /// Every file written, in order.
    pub files: Vec<PathBuf>,
    /// Charts that could not be drawn, and why (the rest of the report is still written).
    pub warnings: Vec<String>,
}

/// Read and merge `gilbench bench --json` files (later files win for the same workload, mode and threads).
pub fn read_inputs(paths: &[PathBuf]) -> Result<Merged, ReportError> {
    let mut sets = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|e| ReportError::io(p, e))?;
        sets.push(parse_results(&text, &p.display().to_string())?);
    }
    Ok(merge_rows(sets))
}

/// `2026-11-25 06:30 UTC` for a Unix time in seconds.
pub fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

/// The current time as `utc_timestamp` prints it.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    utc_timestamp(secs)
}

fn write(path: PathBuf, text: &str, out: &mut ReportOutput) -> Result<(), ReportError> {
    std::fs::write(&path, text).map_err(|e| ReportError::io(&path, e))?;
    out.files.push(path);
    Ok(())
}

/// Draw one chart as `dir/name.svg` and `dir/name.png`; a drawing failure becomes a warning.
fn chart_files(chart: &Chart, dir: &Path, name: &str, caption: &str, out: &mut ReportOutput) -> Result<ChartOut, ReportError> {
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
pub fn write_report(rows: &[BenchRow], dir: &Path, meta: &ReportMeta) -> Result<ReportOutput, ReportError> {
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
        let mut stem = file_stem(&v.name);
        if stems.contains(&stem) {
            stem = format!("{stem}-{}", stems.len());
        }
        stems.push(stem.clone());
        let specs = [
            ("speedup", "Speedup vs threads", charts::speedup_chart(v, &colors)),
            ("breakdown", "Where the thread-time went", charts::breakdown_chart(v)),
            ("memory", "Memory", charts::memory_chart(v, &colors)),
        ];
        let mut mine = Vec::new();
        let mut my_links = Vec::new();
        for (kind, caption, chart) in specs {
            let name = format!("{stem}-{kind}");
            mine.push(chart_files(&chart, dir, &name, caption, &mut out)?);
            my_links.push((format!("{} {kind}", v.name), format!("{name}.png")));
        }
        shown.push(mine);
        links.push(my_links);
    }
    let overview = chart_files(&charts::overview_chart(&views, &modes), dir, "overview", "Speedup at the largest thread count", &mut out)?;
    let overview_png = out.files.iter().any(|f| f.ends_with("overview.png")).then_some("overview.png");

    write(dir.join("index.html"), &html::index(&views, &modes, meta, &overview, &shown), &mut out)?;
    write(dir.join("summary.md"), &markdown::summary(&views, &modes, meta, overview_png, &links), &mut out)?;
    write(dir.join("results.csv"), &csv::to_csv(&rows), &mut out)?;
    write(dir.join("results.md"), &markdown::to_markdown(&rows), &mut out)?;
    // The rows themselves, so the report directory feeds `gilbench report` and `recommend --results` again.
    write(dir.join("results.json"), &(crate::harness::results::to_json(&rows) + "\n"), &mut out)?;
    Ok(out)
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
