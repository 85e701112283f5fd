//! The thread timeline chart: one panel per execution model on a common time axis, one lane per thread, each stretch coloured by what the thread was doing (SVG and PNG, with plotters).
//!
//! Public API: [`render`] (SVG file and optional PNG), [`render_svg`] (SVG text), [`render_png`],
//! and [`write_timeline`], which writes one timeline as `.json`, `.svg` (+ `.png` beside it) or
//! `.png` by the path's extension (what `gilbench run --timeline PATH` calls).
//!
//! Drawing follows `charts.rs` (the embedded DejaVu Sans, text of 12 px and more). Spans are not
//! drawn one by one: each lane is cut into pixel columns, every span adds its time to the
//! columns it covers, and a column takes the colour of the state that covered most of it; runs
//! of equal columns become one rectangle. A lane therefore costs at most one rectangle per
//! pixel however many spans it has (the recorder's cap allows hundreds of thousands), and a
//! stretch shorter than a pixel shows where it dominates its pixel.

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::charts::{
    fit, font, grey_font, register_font, text_w, thousands, wrap, ChartError,
};
use crate::runtime::timeline::{LaneState, Timeline};

/// The chart's width in pixels.
const WIDTH: u32 = 1200;
const MARGIN: i32 = 16;
const LANE_H: i32 = 22;
const LANE_GAP: i32 = 6;
const PANEL_TITLE_H: i32 = 30;
const NOTE_H: i32 = 20;
const AXIS_H: i32 = 34;
const PANEL_GAP: i32 = 18;
const HEAD_H: i32 = 72;
const LEGEND_ROW_H: i32 = 24;
const FOOT_H: i32 = 34;
const LANE_BG: RGBColor = RGBColor(242, 242, 242);
const GRID: RGBColor = RGBColor(215, 215, 215);
const NOTE: RGBColor = RGBColor(160, 40, 0);

/// A state's colour (`palette`'s thread-state set, Okabe-Ito, safe for colour-blind readers).
pub fn state_color(s: LaneState) -> RGBColor {
    use crate::report::palette as p;
    match s {
        LaneState::Running => p::RUNNING,
        LaneState::GilWait => p::GIL_WAIT,
        LaneState::ObjectLockWait => p::OBJECT_LOCK_WAIT,
        LaneState::PyLockWait => p::PY_LOCK_WAIT,
        LaneState::Blocked => p::BLOCKED,
        LaneState::StopTheWorld => p::GC_PAUSE,
        LaneState::Copying => p::COPYING,
    }
}

fn state_index(s: LaneState) -> usize {
    LaneState::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The note a panel shows when its recording hit the cap.
pub fn cap_note(t: &Timeline) -> Option<String> {
    (t.events_dropped > 0).then(|| {
        format!(
            "event cap {} reached: {} later events not drawn",
            thousands(t.event_cap as f64),
            thousands(t.events_dropped as f64)
        )
    })
}

fn panel_title(t: &Timeline) -> String {
    let n = t.lanes.len();
    format!("{} · {} thread{}", t.model, n, if n == 1 { "" } else { "s" })
}

fn panel_height(t: &Timeline) -> i32 {
    let lanes = t.lanes.len().max(1) as i32;
    PANEL_TITLE_H
        + if t.events_dropped > 0 { NOTE_H } else { 0 }
        + lanes * (LANE_H + LANE_GAP)
        + AXIS_H
}

/// Where the legend's entries go: (x, row) of each state, in `LaneState::ALL` order.
fn legend_layout<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Vec<(i32, i32)> {
    let max_x = WIDTH as i32 - MARGIN;
    let (mut x, mut row) = (MARGIN, 0);
    let mut out = Vec::new();
    for s in LaneState::ALL {
        let w = 26 + text_w(area, s.label(), &font(13.0)) + 22;
        if x + w > max_x && x > MARGIN {
            x = MARGIN;
            row += 1;
        }
        out.push((x, row));
        x += w;
    }
    out
}

/// The chart's pixel size for these panels.
fn size_of(panels: &[Timeline], legend_rows: i32) -> (u32, u32) {
    let body: i32 = if panels.is_empty() {
        120
    } else {
        panels.iter().map(|t| panel_height(t) + PANEL_GAP).sum()
    };
    (WIDTH, (HEAD_H + legend_rows * LEGEND_ROW_H + 10 + body + FOOT_H) as u32)
}

/// Legend rows, measured on a throwaway SVG backend (the same font metrics as every backend).
fn legend_rows() -> Result<i32, ChartError> {
    register_font()?;
    let mut sink = String::new();
    let root = SVGBackend::with_string(&mut sink, (WIDTH, 100)).into_drawing_area();
    Ok(legend_layout(&root).iter().map(|p| p.1).max().unwrap_or(0) + 1)
}

/// A tick step of 1, 2 or 5 times a power of ten giving about eight ticks over `max_s`.
fn tick_step(max_s: f64) -> f64 {
    let raw = (max_s / 8.0).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw * 0.999).unwrap_or(10.0 * mag)
}

fn tick_label(v: f64, step: f64) -> String {
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    format!("{v:.decimals$}")
}

/// One lane cut into pixel columns: runs of (first column, end column, state).
fn lane_runs(
    spans: &[crate::runtime::timeline::Span],
    cols: usize,
    ns_per_col: f64,
) -> Vec<(usize, usize, LaneState)> {
    let mut cover = vec![[0f64; 7]; cols];
    for s in spans {
        if s.end_ns <= s.start_ns {
            continue;
        }
        let a = s.start_ns as f64 / ns_per_col;
        let b = (s.end_ns as f64 / ns_per_col).min(cols as f64);
        if a >= cols as f64 {
            continue;
        }
        let i = state_index(s.state);
        let first = a.floor() as usize;
        let last = (b.ceil() as usize).clamp(first + 1, cols);
        for (c, cell) in cover.iter_mut().enumerate().take(last).skip(first) {
            let overlap = b.min(c as f64 + 1.0) - a.max(c as f64);
            if overlap > 0.0 {
                cell[i] += overlap;
            }
        }
    }
    let mut runs: Vec<(usize, usize, LaneState)> = Vec::new();
    for (c, cell) in cover.iter().enumerate() {
        let (best, amount) =
            cell.iter()
                .enumerate()
                .fold((0, 0.0), |acc, (i, v)| if *v > acc.1 { (i, *v) } else { acc });
        if amount <= 0.0 {
            continue;
        }
        let state = LaneState::ALL[best];
        match runs.last_mut() {
            Some(r) if r.1 == c && r.2 == state => r.1 = c + 1,
            _ => runs.push((c, c + 1, state)),
        }
    }
    runs
}

/// Draw the panels on `root` (any plotters backend).
fn draw<DB: DrawingBackend>(
    panels: &[Timeline],
    root: &DrawingArea<DB, Shift>,
) -> Result<(), ChartError> {
    register_font()?;
    root.fill(&WHITE)?;
    let w = WIDTH as i32;
    let title = match panels {
        [one] => format!("Thread timeline: {}", one.model),
        _ => "Thread timeline".to_string(),
    };
    root.draw(&Text::new(
        fit(root, &title, &font(22.0), w - 2 * MARGIN),
        (MARGIN, 14),
        font(22.0),
    ))?;
    let sub = "One lane per thread; the colour says what the thread was doing. All panels share the time axis.";
    root.draw(&Text::new(
        fit(root, sub, &grey_font(14.0), w - 2 * MARGIN),
        (MARGIN, 46),
        grey_font(14.0),
    ))?;
    // The legend: every state, whether it occurs or not.
    let layout = legend_layout(root);
    for (s, (x, row)) in LaneState::ALL.iter().zip(&layout) {
        let y = HEAD_H + row * LEGEND_ROW_H + 8;
        root.draw(&Rectangle::new([(*x, y - 7), (x + 20, y + 7)], state_color(*s).filled()))?;
        root.draw(&Text::new(
            s.label(),
            (x + 26, y),
            font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    let legend_rows = layout.iter().map(|p| p.1).max().unwrap_or(0) + 1;
    let mut y = HEAD_H + legend_rows * LEGEND_ROW_H + 10;
    if panels.is_empty() {
        root.draw(&Text::new(
            "No timeline was recorded.",
            (w / 2, y + 40),
            font(16.0).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        return Ok(());
    }
    let label_w = panels
        .iter()
        .flat_map(|t| t.lanes.iter())
        .map(|l| text_w(root, &l.label, &font(13.0)))
        .max()
        .unwrap_or(0)
        .clamp(60, 280)
        + 20;
    let x0 = MARGIN + label_w;
    let x1 = w - MARGIN - 8;
    let cols = (x1 - x0).max(1) as usize;
    let max_ns = panels.iter().map(|t| t.duration_ns).max().unwrap_or(0).max(1);
    let ns_per_col = max_ns as f64 / cols as f64;
    let max_s = max_ns as f64 / 1e9;
    let step = tick_step(max_s);
    let ticks: Vec<f64> =
        (0..).map(|k| k as f64 * step).take_while(|v| *v <= max_s * 1.0001).collect();
    let px = |s: f64| x0 + ((s / max_s) * cols as f64).round() as i32;
    for t in panels {
        root.draw(&Text::new(
            fit(root, &panel_title(t), &font(16.0), w - 2 * MARGIN),
            (MARGIN, y + 6),
            font(16.0),
        ))?;
        y += PANEL_TITLE_H;
        if let Some(note) = cap_note(t) {
            root.draw(&Text::new(
                fit(root, &note, &font(13.0).color(&NOTE), w - 2 * MARGIN),
                (x0, y),
                font(13.0).color(&NOTE),
            ))?;
            y += NOTE_H;
        }
        let lanes_top = y;
        let lanes_h = t.lanes.len().max(1) as i32 * (LANE_H + LANE_GAP);
        for v in &ticks {
            root.draw(&PathElement::new(
                vec![(px(*v), lanes_top), (px(*v), lanes_top + lanes_h)],
                GRID.stroke_width(1),
            ))?;
        }
        if t.lanes.is_empty() {
            let msg = "No thread changed state while this was recorded.";
            root.draw(&Text::new(
                msg,
                (x0 + 8, y + LANE_H / 2),
                grey_font(14.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        for lane in &t.lanes {
            root.draw(&Rectangle::new([(x0, y), (x1, y + LANE_H)], LANE_BG.filled()))?;
            let label = fit(root, &lane.label, &font(13.0), label_w - 12);
            root.draw(&Text::new(
                label,
                (x0 - 8, y + LANE_H / 2),
                font(13.0).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            for (a, b, state) in lane_runs(&lane.spans, cols, ns_per_col) {
                root.draw(&Rectangle::new(
                    [(x0 + a as i32, y), (x0 + b as i32, y + LANE_H)],
                    state_color(state).filled(),
                ))?;
            }
            y += LANE_H + LANE_GAP;
        }
        if t.lanes.is_empty() {
            y += LANE_H + LANE_GAP;
        }
        // The time axis under each panel (the same scale in all of them).
        root.draw(&PathElement::new(vec![(x0, y), (x1, y)], BLACK.stroke_width(1)))?;
        for v in &ticks {
            root.draw(&PathElement::new(
                vec![(px(*v), y), (px(*v), y + 5)],
                BLACK.stroke_width(1),
            ))?;
            root.draw(&Text::new(
                tick_label(*v, step),
                (px(*v), y + 16),
                font(12.0).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        y += AXIS_H + PANEL_GAP;
    }
    let foot = "time since recording started (s)";
    for (i, line) in wrap(root, foot, &font(14.0), w - 2 * MARGIN).into_iter().enumerate() {
        root.draw(&Text::new(
            line,
            ((x0 + x1) / 2, y + 18 * i as i32),
            font(14.0).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// The chart of `panels` as SVG text.
pub fn render_svg(panels: &[Timeline]) -> Result<String, ChartError> {
    let size = size_of(panels, legend_rows()?);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(panels, &root)?;
        root.present()?;
    }
    Ok(svg)
}

/// The chart of `panels` as a PNG file.
pub fn render_png(panels: &[Timeline], path: &Path) -> Result<(), ChartError> {
    let size = size_of(panels, legend_rows()?);
    let root = BitMapBackend::new(path, size).into_drawing_area();
    draw(panels, &root)?;
    root.present()?;
    Ok(())
}

/// Write the chart of `panels` (one per model, stacked, common time axis) as SVG to `svg`, and
/// as PNG to `png` when given.
pub fn render(panels: &[Timeline], svg: &Path, png: Option<&Path>) -> Result<(), ChartError> {
    let text = render_svg(panels)?;
    std::fs::write(svg, text).map_err(|e| ChartError(format!("{}: {e}", svg.display())))?;
    if let Some(p) = png {
        render_png(panels, p)?;
    }
    Ok(())
}

/// Write one timeline by `path`'s extension: `.json` (the data), `.svg` (the chart, and a PNG
/// with the same stem beside it) or `.png`. Answers the files written.
pub fn write_timeline(timeline: &Timeline, path: &Path) -> Result<Vec<PathBuf>, ChartError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| ChartError(format!("{}: {e}", dir.display())))?;
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => {
            let text =
                serde_json::to_string_pretty(timeline).map_err(|e| ChartError(e.to_string()))?;
            std::fs::write(path, text + "\n")
                .map_err(|e| ChartError(format!("{}: {e}", path.display())))?;
            Ok(vec![path.to_path_buf()])
        }
        Some("svg") => {
            let png = path.with_extension("png");
            render(std::slice::from_ref(timeline), path, Some(&png))?;
            Ok(vec![path.to_path_buf(), png])
        }
        Some("png") => {
            render_png(std::slice::from_ref(timeline), path)?;
            Ok(vec![path.to_path_buf()])
        }
        _ => Err(ChartError(format!(
            "{}: a timeline is written as .json, .svg or .png",
            path.display()
        ))),
    }
}

#[cfg(test)]
#[path = "timeline_chart_tests.rs"]
mod tests;
