//! The report's charts: specs built from per-workload views (pure) and drawn with plotters to SVG text and PNG files, with an embedded font.
//!
//! Text is drawn with plotters' `ab_glyph` engine from DejaVu Sans compiled into the binary
//! (`assets/fonts/DejaVuSans.ttf`, registered as the `sans-serif` family), so PNGs render the
//! same on a machine with no fonts and no fontconfig. SVGs name the `sans-serif` family and let
//! the viewer's font draw the text; layout (label widths) is measured with DejaVu Sans.
//! Legends sit in a panel beside the plot and category labels are drawn by hand, so no text
//! overlaps the data.

use std::path::Path;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::palette::{
    ReferenceStyle, EXTRA_MODE_COLORS, MODE_COLORS, NEUTRAL, REFERENCE_STYLES,
};
use crate::report::views::{
    breakdown, memory_values, ok_median, speedup_points, MemoryMetric, ModeInfo, WorkloadView,
    KNOWN_MODES, SEGMENTS,
};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

/// A chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ChartError(pub String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// Register the embedded font with plotters (once per process).
pub fn register_font() -> Result<(), ChartError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    if *DONE.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok())
    {
        Ok(())
    } else {
        Err(ChartError("the embedded font could not be loaded".into()))
    }
}

const GREY: RGBColor = NEUTRAL;
const LIGHT_RULE: RGBColor = RGBColor(200, 200, 200);
pub use crate::report::palette::SEGMENT_COLORS;

/// How each mode is drawn: gilbench's models by colour ([`crate::report::palette::MODE_COLORS`], others
/// [`crate::report::palette::EXTRA_MODE_COLORS`] in first-seen order), real interpreters (a mode with an
/// `interpreter`) as references: grey, dashed, hollow ([`crate::report::palette::REFERENCE_STYLES`]).
#[derive(Debug, Clone)]
pub struct ModeColors(Vec<(String, RGBColor, Option<ReferenceStyle>)>);

impl ModeColors {
    pub fn new(modes: &[ModeInfo]) -> ModeColors {
        let (mut extra, mut refs) = (0, 0);
        let mut out = Vec::new();
        for m in modes {
            if m.interpreter.is_some() {
                let style = REFERENCE_STYLES[refs % REFERENCE_STYLES.len()];
                refs += 1;
                out.push((m.name.clone(), style.color, Some(style)));
                continue;
            }
            let c = match KNOWN_MODES.iter().position(|k| *k == m.name) {
                Some(i) => MODE_COLORS[i],
                None => {
                    extra += 1;
                    EXTRA_MODE_COLORS[(extra - 1) % EXTRA_MODE_COLORS.len()]
                }
            };
            out.push((m.name.clone(), c, None));
        }
        ModeColors(out)
    }

    pub fn get(&self, mode: &str) -> RGBColor {
        self.0.iter().find(|(m, ..)| m == mode).map(|(_, c, _)| *c).unwrap_or(GREY)
    }

    /// The reference style of a real interpreter's mode (None for gilbench's models).
    pub fn reference(&self, mode: &str) -> Option<ReferenceStyle> {
        self.0.iter().find(|(m, ..)| m == mode).and_then(|(.., r)| *r)
    }
}

/// How a legend entry's marker looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Marker {
    Line,
    /// A line drawn with a dash pattern (dash length, gap), as in [`Line::dash`].
    Pattern(u32, u32),
    /// A real interpreter's line: dashed (dash, gap) with a hollow marker.
    Reference(u32, u32),
    Dashed,
    Box,
    /// An outlined box: a real interpreter's bar.
    OutlineBox,
    /// Text only.
    None,
    /// A group's heading (text only, set apart from the entries above).
    Heading,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    /// A second, smaller line (the interpreter).
    pub sublabel: Option<String>,
    pub color: RGBColor,
    pub marker: Marker,
}

impl LegendEntry {
    fn heading(label: &str) -> LegendEntry {
        LegendEntry { label: label.into(), sublabel: None, color: GREY, marker: Marker::Heading }
    }
}

/// One mode's line on a speedup chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub color: RGBColor,
    pub points: Vec<(usize, f64)>,
    /// Solid (None), or dashed as (dash length, gap) in pixels: the machine, on charts that
    /// overlay several machines, or a real interpreter.
    pub dash: Option<(u32, u32)>,
    /// A real interpreter's line: hollow markers.
    pub reference: bool,
    /// Uncertainty whiskers: (threads, low, high).
    pub whiskers: Vec<(usize, f64, f64)>,
}

/// The dash pattern of each machine on an overlay chart, in machine order (then repeating).
pub const MACHINE_DASHES: [Option<(u32, u32)>; 4] =
    [None, Some((12, 6)), Some((3, 5)), Some((20, 5))];

/// One horizontal bar: stacked segments (value, colour) and the text at its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub segments: Vec<(f64, RGBColor)>,
    pub value_text: String,
    /// An interval drawn over the bar's end (the 95% CI of a median).
    pub whisker: Option<(f64, f64)>,
    /// Drawn as an outline (a real interpreter, a reference).
    pub hollow: bool,
}

impl Bar {
    pub fn new(label: String, segments: Vec<(f64, RGBColor)>, value_text: String) -> Bar {
        Bar { label, segments, value_text, whisker: None, hollow: false }
    }
}

/// One cell of an overview heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub main: String,
    pub sub: String,
    pub color: RGBColor,
    /// Drawn as an outline in `color` (a real interpreter's column).
    pub hollow: bool,
}

/// The colour key under a heat map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeatKey {
    /// Time relative to the workload's fastest configuration ([`crate::report::palette::time_ratio_color`]).
    TimeRatio,
    /// Speedup against the mode's own 1-thread run ([`crate::report::palette::speedup_color`]).
    Speedup,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Speedup vs threads, one line per mode and the dashed ideal y = x.
    Speedup { threads: Vec<usize>, lines: Vec<Line> },
    /// Horizontal (stacked) bars with an x axis description.
    Bars { x_desc: String, bars: Vec<Bar> },
    /// A table of coloured cells (rows × columns) with a colour key; columns from
    /// `references_from` on are real interpreters, drawn apart under their own heading.
    Heatmap {
        rows: Vec<String>,
        cols: Vec<String>,
        cells: Vec<Vec<Cell>>,
        key: HeatKey,
        references_from: Option<usize>,
    },
    /// Nothing to plot: the message says why.
    Message(String),
}

/// A chart: title, subtitle, what to draw, legend and notes (shown under the legend).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    pub kind: Kind,
    pub legend: Vec<LegendEntry>,
    pub notes: Vec<String>,
}

/// The legend: gilbench's models first, then a "references" group of real interpreters.
fn mode_legend<'a>(
    modes: impl Iterator<Item = &'a ModeInfo>,
    colors: &ModeColors,
    marker: Marker,
) -> Vec<LegendEntry> {
    let (mut models, mut refs) = (Vec::new(), Vec::new());
    for m in modes {
        match colors.reference(&m.name) {
            None => models.push(LegendEntry {
                label: m.name.clone(),
                sublabel: m.interpreter.clone(),
                color: colors.get(&m.name),
                marker,
            }),
            Some(style) => {
                let marker = match marker {
                    Marker::Line => Marker::Reference(style.dash.0, style.dash.1),
                    _ => Marker::OutlineBox,
                };
                refs.push(LegendEntry {
                    label: m.name.clone(),
                    sublabel: m.interpreter.clone(),
                    color: style.color,
                    marker,
                });
            }
        }
    }
    if !refs.is_empty() {
        models.push(LegendEntry::heading("references (real interpreters)"));
        models.extend(refs);
    }
    models
}

fn failed_note(view: &WorkloadView) -> Vec<String> {
    match view.failed() {
        0 => vec![],
        n => vec![format!("{n} failed, not drawn (see the tables).")],
    }
}

/// The 95% CI of a speedup base / t: the ratio of the CIs' far ends (conservative: both
/// medians' uncertainty at once). None unless both rows carry a CI.
fn speedup_interval(
    base: &crate::harness::results::BenchRow,
    row: &crate::harness::results::BenchRow,
) -> Option<(f64, f64)> {
    let (bl, bh, l, h) = (base.ci_low_s?, base.ci_high_s?, row.ci_low_s?, row.ci_high_s?);
    (l > 0.0 && h > 0.0 && bl.is_finite() && bh.is_finite()).then(|| (bl / h, bh / l))
}

/// One mode's speedup line with its whiskers.
fn mode_line(
    view: &WorkloadView,
    mode: &str,
    colors: &ModeColors,
    dash: Option<(u32, u32)>,
) -> Option<Line> {
    let points = speedup_points(view, mode);
    if points.is_empty() {
        return None;
    }
    let base = view.rows_of(mode).find(|r| r.threads == 1)?;
    let whiskers = view
        .rows_of(mode)
        .filter(|r| r.threads > 1 && ok_median(r).is_some())
        .filter_map(|r| speedup_interval(base, r).map(|(l, h)| (r.threads, l, h)))
        .collect();
    let reference = colors.reference(mode);
    let dash = match reference {
        Some(style) => Some(style.dash),
        None => dash,
    };
    Some(Line { color: colors.get(mode), points, dash, reference: reference.is_some(), whiskers })
}

/// Speedup vs threads for one workload.
pub fn speedup_chart(view: &WorkloadView, colors: &ModeColors) -> Chart {
    let title = format!("{}: speedup vs threads", view.title());
    let subtitle = "Speedup = 1-thread median / N-thread median of the same mode (fixed total work split across threads). Whiskers: 95% CI. Higher is better.".to_string();
    let mut lines = Vec::new();
    let mut drawn = Vec::new();
    for m in &view.modes {
        if let Some(line) = mode_line(view, &m.name, colors, None) {
            lines.push(line);
            drawn.push(m);
        }
    }
    let mut legend = mode_legend(drawn.into_iter(), colors, Marker::Line);
    let mut notes = failed_note(view);
    let threads: Vec<usize> = view.threads.clone();
    let kind = if threads.len() < 2 {
        Kind::Message(format!(
            "Only one thread count ({}) was run: no speedup to draw.",
            threads.first().copied().unwrap_or(0)
        ))
    } else if lines.iter().all(|l| l.points.len() < 2) {
        Kind::Message(
            "No mode has a usable 1-thread baseline and a multi-thread run: no speedup to draw."
                .into(),
        )
    } else {
        legend.push(LegendEntry {
            label: "ideal (speedup = threads)".into(),
            sublabel: None,
            color: GREY,
            marker: Marker::Dashed,
        });
        if view.rows.iter().any(|r| r.threads > 1 && ok_median(r).is_some() && r.ci_low_s.is_none())
        {
            notes.push(format!(
                "No whisker: fewer than {} samples, too few for a CI.",
                crate::harness::stats::CI_MIN_SAMPLES
            ));
        }
        Kind::Speedup { threads, lines }
    };
    if matches!(kind, Kind::Message(_)) {
        legend.clear();
        notes.clear();
    }
    Chart { title, subtitle, kind, legend, notes }
}

/// Speedup vs threads of one workload on several machines: a line per machine × mode, the mode
/// by colour and the machine by dash pattern ([`MACHINE_DASHES`]). `views` are the workload's
/// views, one per machine.
pub fn machines_speedup_chart(name: &str, views: &[&WorkloadView], colors: &ModeColors) -> Chart {
    let title = format!("{name}: speedup vs threads across machines");
    let subtitle = "Each machine's speedup against its own 1-thread median of the same mode. Colour: mode; line pattern: machine. Higher is better.".to_string();
    let mut threads: Vec<usize> = views.iter().flat_map(|v| v.threads.iter().copied()).collect();
    threads.sort_unstable();
    threads.dedup();
    let mut lines = Vec::new();
    let mut legend = Vec::new();
    for (i, v) in views.iter().enumerate() {
        let dash = MACHINE_DASHES[i % MACHINE_DASHES.len()];
        let machine = v.machine_label.clone().unwrap_or_else(|| v.machine.clone());
        for m in &v.modes {
            let Some(mut line) =
                mode_line(v, &m.name, colors, dash).filter(|l| l.points.len() >= 2)
            else {
                continue;
            };
            // The machine owns the dash pattern here; a reference keeps its hollow markers.
            line.dash = dash;
            let marker = match dash {
                None => Marker::Line,
                Some((a, b)) => Marker::Pattern(a, b),
            };
            legend.push(LegendEntry {
                label: format!("{} on {machine}", m.name),
                sublabel: m.interpreter.clone(),
                color: line.color,
                marker,
            });
            lines.push(line);
        }
    }
    let failed: usize = views.iter().map(|v| v.failed()).sum();
    let mut notes = Vec::new();
    if failed > 0 {
        notes.push(format!("{failed} failed, not drawn (see the tables)."));
    }
    let kind = if lines.is_empty() {
        legend.clear();
        notes.clear();
        Kind::Message(
            "No machine has a usable 1-thread baseline and a multi-thread run: no speedup to draw."
                .into(),
        )
    } else {
        legend.push(LegendEntry {
            label: "ideal (speedup = threads)".into(),
            sublabel: None,
            color: GREY,
            marker: Marker::Dashed,
        });
        Kind::Speedup { threads, lines }
    };
    Chart { title, subtitle, kind, legend, notes }
}

fn bar_label(mode: &str, threads: usize) -> String {
    format!("{mode}, {threads} thread{}", if threads == 1 { "" } else { "s" })
}

/// Median time of every configuration that ran and checked, with its 95% CI as a whisker; the
/// fastest and those within noise of it are named, real interpreters are outlined bars.
pub fn time_chart(view: &WorkloadView, colors: &ModeColors) -> Chart {
    let title = format!("{}: time per configuration", view.title());
    let subtitle = "Median wall time of the timed section (the same total work in every configuration). Whiskers: 95% CI. Lower is better.".to_string();
    let fastest = view
        .rows
        .iter()
        .filter_map(|r| Some((r, ok_median(r)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let mut bars = Vec::new();
    let mut no_ci = 0;
    for r in &view.rows {
        let Some(m) = ok_median(r) else { continue };
        let mark = match fastest {
            Some((f, _)) if std::ptr::eq(f, r) => "  fastest".to_string(),
            Some((f, fm)) => match crate::report::recommend::within_noise(f, r) {
                Some(_) => "  ≈ fastest (within noise)".into(),
                None => format!("  {:.2}x the time", m / fm),
            },
            None => String::new(),
        };
        let whisker = match (r.ci_low_s, r.ci_high_s) {
            (Some(l), Some(h)) if l.is_finite() && h.is_finite() => Some((l, h)),
            _ => {
                no_ci += 1;
                None
            }
        };
        let unstable = if r.unstable { " (unstable)" } else { "" };
        bars.push(Bar {
            label: bar_label(&r.mode, r.threads),
            segments: vec![(m, colors.get(&r.mode))],
            value_text: format!("{}{mark}{unstable}", secs_text(m)),
            whisker,
            hollow: colors.reference(&r.mode).is_some(),
        });
    }
    let shown: Vec<&ModeInfo> = view
        .modes
        .iter()
        .filter(|m| view.rows_of(&m.name).any(|r| ok_median(r).is_some()))
        .collect();
    let legend = mode_legend(shown.into_iter(), colors, Marker::Box);
    let mut notes = failed_note(view);
    if no_ci > 0 {
        notes.push(format!(
            "{no_ci} without a whisker: fewer than {} samples, too few for a CI.",
            crate::harness::stats::CI_MIN_SAMPLES
        ));
    }
    let kind = if bars.is_empty() {
        Kind::Message("No configuration ran and checked: no time to draw.".into())
    } else {
        Kind::Bars { x_desc: "median time (seconds)".into(), bars }
    };
    Chart { title, subtitle, kind, legend, notes }
}

/// Seconds with sensible digits (`1.234 s`, `87.6 ms`).
fn secs_text(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 0.001 {
        format!("{:.1} ms", s * 1000.0)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

/// Where the thread-time went, one stacked bar per mode × threads.
pub fn breakdown_chart(view: &WorkloadView) -> Chart {
    let title = format!("{}: where the thread-time went", view.title());
    let subtitle = "Per timed sample, summed over threads: thread-time = median × threads, split by the counters; start-up + setup is outside the timed section.".to_string();
    let bars: Vec<Bar> = view
        .rows
        .iter()
        .filter_map(|r| {
            let b = breakdown(r)?;
            let segments =
                b.segments().iter().zip(SEGMENT_COLORS).map(|((_, v), c)| (*v, c)).collect();
            Some(Bar::new(bar_label(&r.mode, r.threads), segments, format!("{:.3} s", b.total())))
        })
        .collect();
    // The last segment only exists for real interpreters' rows.
    let shown = if view.rows.iter().any(|r| r.interpreter.is_some()) {
        SEGMENTS.len()
    } else {
        SEGMENTS.len() - 1
    };
    let legend = SEGMENTS
        .iter()
        .zip(SEGMENT_COLORS)
        .take(shown)
        .map(|(s, c)| LegendEntry {
            label: s.to_string(),
            sublabel: None,
            color: c,
            marker: Marker::Box,
        })
        .collect();
    let mut notes = failed_note(view);
    let missing: Vec<&str> = [
        ("gil_wait_s", "GIL wait"),
        ("lock_wait_s", "lock wait"),
        ("blocked_s", "blocked"),
        ("gc_pause_s", "GC pause"),
        ("xi_copy_s", "copying"),
    ]
    .iter()
    .filter(|(c, _)| !view.rows.iter().any(|r| r.counters.contains_key(*c)))
    .map(|(_, n)| *n)
    .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "Not measured in these rows (drawn as 0, their time counted as running): {}.",
            missing.join(", ")
        ));
    }
    let kind = if bars.is_empty() {
        Kind::Message("No configuration ran and checked: nothing to break down.".into())
    } else {
        Kind::Bars { x_desc: "thread-time per sample (seconds)".into(), bars }
    };
    Chart { title, subtitle, kind, legend, notes }
}

/// Memory per mode × threads: peak RSS in MiB, or allocations when no row has a peak RSS.
/// Configurations that failed are left out (a note says how many).
pub fn memory_chart(view: &WorkloadView, colors: &ModeColors) -> Chart {
    let Some((metric, values)) = memory_values(view) else {
        return Chart {
            title: format!("{}: memory", view.title()),
            subtitle: String::new(),
            kind: Kind::Message("These rows record neither peak RSS nor allocations.".into()),
            legend: vec![],
            notes: vec![],
        };
    };
    let (title, subtitle) = match metric {
        MemoryMetric::PeakRss => (
            format!("{}: peak memory (RSS)", view.title()),
            "Peak resident set size of each configuration's worker process, in MiB; the darker part is the peak of the interpreters' own heap (bytes allocated and not yet freed, every interpreter summed). Lower is better.".to_string(),
        ),
        MemoryMetric::Allocations => (
            format!("{}: allocations (peak RSS not recorded)", view.title()),
            "These rows carry no peak RSS; shown instead: objects allocated per timed sample (a count, not bytes).".to_string(),
        ),
    };
    let mut bars = Vec::new();
    let mut missing = 0;
    for (r, v) in view.rows.iter().zip(values) {
        if ok_median(r).is_none() {
            continue;
        }
        match v {
            Some(v) => {
                let color = colors.get(&r.mode);
                let heap = (metric == MemoryMetric::PeakRss)
                    .then(|| r.counters.get("heap_peak_bytes").copied())
                    .flatten()
                    .filter(|h| h.is_finite() && *h >= 0.0)
                    .map(|h| (h / (1024.0 * 1024.0)).min(v));
                let (segments, text) = match (metric, heap) {
                    (MemoryMetric::PeakRss, Some(h)) => (
                        vec![(h, color), (v - h, lighter(color))],
                        format!("{v:.1} MiB (heap {h:.1})"),
                    ),
                    (MemoryMetric::PeakRss, None) => (vec![(v, color)], format!("{v:.1} MiB")),
                    (MemoryMetric::Allocations, _) => (vec![(v, color)], thousands(v)),
                };
                bars.push(Bar {
                    hollow: colors.reference(&r.mode).is_some(),
                    ..Bar::new(bar_label(&r.mode, r.threads), segments, text)
                });
            }
            None => missing += 1,
        }
    }
    let shown: Vec<&ModeInfo> = view
        .modes
        .iter()
        .filter(|m| {
            view.rows.iter().any(|r| {
                r.mode == m.name
                    && ok_median(r).is_some()
                    && r.counters.contains_key(metric.counter())
            })
        })
        .collect();
    let legend = mode_legend(shown.into_iter(), colors, Marker::Box);
    let mut notes = failed_note(view);
    if missing > 0 {
        notes.push(format!("{missing} configuration(s) without this counter not drawn."));
    }
    let kind = if bars.is_empty() {
        Kind::Message("No configuration ran, checked and recorded memory: nothing to draw.".into())
    } else {
        Kind::Bars { x_desc: metric.axis().into(), bars }
    };
    Chart { title, subtitle, kind, legend, notes }
}

/// A paler shade of `c` (the part of a memory bar outside the interpreters' heap).
pub fn lighter(c: RGBColor) -> RGBColor {
    let mix = |x: u8| (x as u16 + (255 - x as u16) * 11 / 20) as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// The smallest nominal size any chart text gets: plotters writes an SVG font size of about
/// 0.81 times the nominal one, and a chart shown at its own width must never carry text below
/// 11 CSS px (the report's rule), so nothing is drawn below 14.
pub const MIN_FONT: f64 = 14.0;

pub(crate) fn font(size: f64) -> TextStyle<'static> {
    (FAMILY, size.max(MIN_FONT)).into_font().color(&BLACK)
}

pub(crate) fn grey_font(size: f64) -> TextStyle<'static> {
    (FAMILY, size.max(MIN_FONT)).into_font().color(&GREY)
}

pub(crate) fn text_w<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> i32 {
    area.estimate_text_size(text, style)
        .map(|(w, _)| w as i32)
        .unwrap_or((text.chars().count() * 8) as i32)
}

/// Break `text` into lines no wider than `max_w` pixels (a long word stays whole).
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: i32,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if !cur.is_empty() && text_w(area, &candidate, style) > max_w {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Shorten `text` with an ellipsis until it fits `max_w` pixels.
pub(crate) fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: i32,
) -> String {
    if text_w(area, text, style) <= max_w {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().collect::<String>() + "…";
        if text_w(area, &s, style) <= max_w {
            return s;
        }
    }
    "…".into()
}

const WIDTH: u32 = 1000;

/// The header's height for this chart (title, then the wrapped subtitle).
fn header_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    width: i32,
) -> Vec<String> {
    if chart.subtitle.is_empty() {
        vec![]
    } else {
        wrap(root, &chart.subtitle, &grey_font(14.0), width - 32)
    }
}

fn header_height(sub_lines: usize) -> i32 {
    48 + 19 * sub_lines as i32 + 8
}

fn draw_header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    sub: &[String],
) -> Result<(), ChartError> {
    let (w, _) = root.dim_in_pixel();
    let title = fit(root, &chart.title, &font(22.0), w as i32 - 32);
    root.draw(&Text::new(title, (16, 14), font(22.0)))?;
    for (i, line) in sub.iter().enumerate() {
        root.draw(&Text::new(line.clone(), (16, 46 + 19 * i as i32), grey_font(14.0)))?;
    }
    Ok(())
}

/// The legend panel's width for these entries and notes.
fn legend_width<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> i32 {
    if chart.legend.is_empty() && chart.notes.is_empty() {
        return 0;
    }
    let widest = chart
        .legend
        .iter()
        .flat_map(|e| std::iter::once(&e.label).chain(e.sublabel.as_ref()))
        .map(|t| text_w(root, t, &font(14.0)))
        .max()
        .unwrap_or(0);
    (widest + 64).clamp(200, 360)
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
) -> Result<(), ChartError> {
    let (w, _) = area.dim_in_pixel();
    let text_max = w as i32 - 56;
    let mut y = 26;
    for e in &chart.legend {
        match e.marker {
            Marker::Line => {
                area.draw(&PathElement::new(vec![(12, y), (38, y)], e.color.stroke_width(3)))?;
                area.draw(&Circle::new((25, y), 4, e.color.filled()))?;
            }
            Marker::Pattern(dash, gap) => {
                // The pattern at half scale, so a few dashes fit in the marker's 26 pixels.
                let (dash, gap) = ((dash / 2).max(2) as i32, (gap / 2).max(2) as i32);
                let mut x = 12;
                while x < 38 {
                    area.draw(&PathElement::new(
                        vec![(x, y), ((x + dash).min(38), y)],
                        e.color.stroke_width(3),
                    ))?;
                    x += dash + gap;
                }
            }
            Marker::Dashed => {
                for x in [12, 22, 32] {
                    area.draw(&PathElement::new(
                        vec![(x, y), (x + 6, y)],
                        e.color.stroke_width(2),
                    ))?;
                }
            }
            Marker::Reference(dash, gap) => {
                let (dash, gap) = ((dash / 2).max(2) as i32, (gap / 2).max(2) as i32);
                let mut x = 12;
                while x < 38 {
                    area.draw(&PathElement::new(
                        vec![(x, y), ((x + dash).min(38), y)],
                        e.color.stroke_width(2),
                    ))?;
                    x += dash + gap;
                }
                area.draw(&Circle::new((25, y), 5, WHITE.filled()))?;
                area.draw(&Circle::new((25, y), 5, e.color.stroke_width(2)))?;
            }
            Marker::Box => {
                area.draw(&Rectangle::new([(14, y - 7), (36, y + 7)], e.color.filled()))?
            }
            Marker::OutlineBox => {
                area.draw(&Rectangle::new([(14, y - 7), (36, y + 7)], e.color.stroke_width(2)))?
            }
            Marker::None => {}
            Marker::Heading => {
                // Set the group apart: a rule above its heading.
                y += 6;
                area.draw(&PathElement::new(
                    vec![(12, y - 14), (w as i32 - 12, y - 14)],
                    LIGHT_RULE.stroke_width(1),
                ))?;
                let label = fit(area, &e.label, &grey_font(13.0), w as i32 - 24);
                area.draw(&Text::new(
                    label,
                    (12, y),
                    grey_font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
                y += 24;
                continue;
            }
        }
        let label = fit(area, &e.label, &font(14.0), text_max);
        area.draw(&Text::new(label, (46, y), font(14.0).pos(Pos::new(HPos::Left, VPos::Center))))?;
        y += 20;
        if let Some(sub) = &e.sublabel {
            for line in wrap(area, sub, &grey_font(12.0), text_max) {
                area.draw(&Text::new(
                    line,
                    (46, y - 4),
                    grey_font(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
                y += 16;
            }
        }
        y += 6;
    }
    y += 8;
    for note in &chart.notes {
        for line in wrap(area, note, &grey_font(12.0), w as i32 - 24) {
            area.draw(&Text::new(
                line,
                (12, y),
                grey_font(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            y += 16;
        }
        y += 6;
    }
    Ok(())
}

/// The chart's pixel size (bar charts and heat maps grow with their rows).
pub fn size(chart: &Chart) -> (u32, u32) {
    match &chart.kind {
        Kind::Speedup { .. } => (WIDTH, 560),
        Kind::Bars { bars, .. } => (WIDTH, (190 + 36 * bars.len() as u32).max(380)),
        Kind::Heatmap { rows, cols, references_from, .. } => {
            crate::report::overview::size(rows, cols, *references_from)
        }
        Kind::Message(_) => (WIDTH, 240),
    }
}

/// Draw `chart` on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    chart: &Chart,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), ChartError> {
    register_font()?;
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let sub = header_lines(root, chart, w as i32);
    let head_h = header_height(sub.len());
    draw_header(root, chart, &sub)?;
    let lw = legend_width(root, chart);
    let body = root.margin(head_h, 0, 0, 0);
    let (plot, legend) = body.split_horizontally(w as i32 - lw);
    if lw > 0 {
        draw_legend(&legend, chart)?;
    }
    match &chart.kind {
        Kind::Message(m) => {
            let (pw, ph) = plot.dim_in_pixel();
            for (i, line) in wrap(&plot, m, &font(16.0), pw as i32 - 40).iter().enumerate() {
                plot.draw(&Text::new(
                    line.clone(),
                    (pw as i32 / 2, ph as i32 / 3 + 22 * i as i32),
                    font(16.0).pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
            }
        }
        Kind::Speedup { threads, lines } => draw_speedup(root, &plot, threads, lines)?,
        Kind::Bars { x_desc, bars } => draw_bars(root, &plot, x_desc, bars)?,
        Kind::Heatmap { rows, cols, cells, key, references_from } => {
            crate::report::overview::draw_heatmap(&plot, rows, cols, cells, *key, *references_from)?
        }
    }
    Ok(())
}

fn draw_speedup<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &DrawingArea<DB, Shift>,
    threads: &[usize],
    lines: &[Line],
) -> Result<(), ChartError> {
    let lo = threads.first().copied().unwrap_or(1) as f64;
    let hi = threads.last().copied().unwrap_or(2) as f64;
    let pad = ((hi - lo) * 0.04).max(0.1);
    let top = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1).chain(l.whiskers.iter().map(|w| w.2)))
        .filter(|v| v.is_finite())
        .fold(hi, f64::max)
        * 1.08;
    let mut chart = ChartBuilder::on(plot)
        .margin_top(8)
        .margin_right(24)
        .margin_bottom(8)
        .x_label_area_size(52)
        .y_label_area_size(70)
        .build_cartesian_2d((lo - pad)..(hi + pad), 0f64..top.max(1.2))?;
    // The x ticks are the thread counts themselves, drawn by hand below.
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .x_desc("threads")
        .y_desc("speedup vs 1 thread (×)")
        .y_label_formatter(&|y| format!("{y:.1}"))
        .label_style(font(14.0))
        .axis_desc_style(font(15.0))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()?;
    let (_, yr) = chart.plotting_area().get_pixel_range();
    for t in threads {
        let x = *t as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, top.max(1.2))],
            RGBColor(225, 225, 225).stroke_width(1),
        )))?;
        let (px, _) = chart.backend_coord(&(x, 0.0));
        root.draw(&PathElement::new(vec![(px, yr.end), (px, yr.end + 5)], BLACK.stroke_width(1)))?;
        root.draw(&Text::new(
            t.to_string(),
            (px, yr.end + 16),
            font(14.0).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    chart.draw_series(DashedLineSeries::new(
        vec![(lo, lo), (hi, hi)],
        8,
        6,
        GREY.stroke_width(2),
    ))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(lo - pad, 1.0), (hi + pad, 1.0)],
        RGBColor(160, 160, 160).stroke_width(1),
    )))?;
    for l in lines {
        let pts: Vec<(f64, f64)> = l.points.iter().map(|(t, s)| (*t as f64, *s)).collect();
        let width = if l.reference { 2 } else { 3 };
        match l.dash {
            None => {
                chart.draw_series(LineSeries::new(pts.clone(), l.color.stroke_width(width)))?;
            }
            Some((dash, gap)) => {
                chart.draw_series(DashedLineSeries::new(
                    pts.clone(),
                    dash,
                    gap,
                    l.color.stroke_width(width),
                ))?;
            }
        }
        for (t, lo, hi) in &l.whiskers {
            let (x, cap) = (*t as f64, pad * 0.25);
            let style = l.color.stroke_width(2);
            chart.draw_series([
                PathElement::new(vec![(x, *lo), (x, *hi)], style),
                PathElement::new(vec![(x - cap, *lo), (x + cap, *lo)], style),
                PathElement::new(vec![(x - cap, *hi), (x + cap, *hi)], style),
            ])?;
        }
        if l.reference {
            chart.draw_series(pts.iter().map(|p| Circle::new(*p, 5, WHITE.filled())))?;
            chart.draw_series(pts.iter().map(|p| Circle::new(*p, 5, l.color.stroke_width(2))))?;
        } else {
            chart.draw_series(pts.iter().map(|p| Circle::new(*p, 5, l.color.filled())))?;
        }
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &DrawingArea<DB, Shift>,
    x_desc: &str,
    bars: &[Bar],
) -> Result<(), ChartError> {
    let n = bars.len().max(1);
    let label_w =
        bars.iter().map(|b| text_w(root, &b.label, &font(14.0))).max().unwrap_or(0).clamp(60, 300)
            + 20;
    let max_total = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0).sum::<f64>().max(b.whisker.map_or(0.0, |w| w.1)))
        .fold(0.0, f64::max);
    // Leave room right of each bar for its text: x_max so that every bar's end plus its text
    // fits the plot (the plot is the area less the label column and margins).
    let (pw, _) = plot.dim_in_pixel();
    let usable = (pw as f64 - label_w as f64 - 40.0).max(100.0);
    let x_max = bars
        .iter()
        .map(|b| {
            let end = b
                .segments
                .iter()
                .map(|s| s.0)
                .filter(|v| v.is_finite() && *v > 0.0)
                .sum::<f64>()
                .max(b.whisker.map_or(0.0, |w| w.1));
            let room =
                1.0 - ((text_w(root, &b.value_text, &font(13.0)) + 14) as f64 / usable).min(0.7);
            end / room
        })
        .fold(0.0, f64::max);
    let x_max = if max_total > 0.0 && max_total.is_finite() && x_max.is_finite() {
        x_max.max(max_total * 1.05)
    } else {
        1.0
    };
    let mut chart = ChartBuilder::on(plot)
        .margin_top(8)
        .margin_right(24)
        .margin_bottom(8)
        .x_label_area_size(52)
        .y_label_area_size(label_w as u32)
        .build_cartesian_2d(0f64..x_max, 0f64..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(x_desc)
        .x_label_formatter(&|x| format_tick(*x))
        .label_style(font(14.0))
        .axis_desc_style(font(15.0))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()?;
    let (xr, _) = chart.plotting_area().get_pixel_range();
    for (i, b) in bars.iter().enumerate() {
        let y1 = (n - i) as f64 - 0.18;
        let y0 = (n - 1 - i) as f64 + 0.18;
        let mut x = 0.0;
        for (v, c) in &b.segments {
            if *v > 0.0 && v.is_finite() {
                let style = if b.hollow { c.stroke_width(2) } else { c.filled() };
                chart
                    .draw_series(std::iter::once(Rectangle::new([(x, y0), (x + v, y1)], style)))?;
                x += v;
            }
        }
        let mut end = x;
        if let Some((lo, hi)) = b.whisker.filter(|(l, h)| l.is_finite() && h.is_finite() && h >= l)
        {
            let mid = (y0 + y1) / 2.0;
            let cap = (y1 - y0) * 0.3;
            let style = BLACK.stroke_width(2);
            chart.draw_series([
                PathElement::new(vec![(lo, mid), (hi, mid)], style),
                PathElement::new(vec![(lo, mid - cap), (lo, mid + cap)], style),
                PathElement::new(vec![(hi, mid - cap), (hi, mid + cap)], style),
            ])?;
            end = end.max(hi);
        }
        let (px, py) = chart.backend_coord(&(end, (y0 + y1) / 2.0));
        root.draw(&Text::new(
            b.value_text.clone(),
            (px + 6, py),
            font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        let label = fit(root, &b.label, &font(14.0), label_w - 20);
        root.draw(&Text::new(
            label,
            (xr.start - 10, py),
            font(14.0).pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// A count with thousands separators (`2,000,003`).
pub fn thousands(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e18 {
        return format!("{v:.0}");
    }
    let digits = format!("{}", v.round().abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v.round() < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// An axis tick without trailing noise (`0.25`, `12`, `1.5k`).
fn format_tick(x: f64) -> String {
    let a = x.abs();
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if a >= 1e6 {
        format!("{}M", trim(format!("{:.2}", x / 1e6)))
    } else if a >= 1e4 {
        format!("{}k", trim(format!("{:.1}", x / 1e3)))
    } else if a >= 100.0 || x == x.round() {
        format!("{x:.0}")
    } else {
        trim(format!("{x:.3}"))
    }
}

/// The chart as SVG text.
pub fn render_svg(chart: &Chart) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size(chart)).into_drawing_area();
        draw(chart, &root)?;
        root.present()?;
    }
    Ok(svg)
}

/// Draw the chart into a PNG file.
pub fn render_png(chart: &Chart, path: &Path) -> Result<(), ChartError> {
    let root = BitMapBackend::new(path, size(chart)).into_drawing_area();
    draw(chart, &root)?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
#[path = "charts_tests.rs"]
mod tests;
