//! The report's two overview heat maps (workload × mode): time relative to each workload's fastest configuration, and each mode's speedup over its own 1-thread run.
//!
//! Public API: [`time_overview`] (the first view: which configuration to pick), [`speedup_overview`]
//! (the second: which mode scales), and [`draw_heatmap`], which `charts::draw` calls. Real
//! interpreters' columns come last, apart, under a "references" heading; cells within noise of
//! the fastest (or of 1x) say so. Colours come from `palette`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::harness::results::BenchRow;
use crate::report::charts::{fit, font, grey_font, text_w, Cell, Chart, ChartError, HeatKey, Kind};
use crate::report::palette::{speedup_color, time_ratio_color, EMPTY};
use crate::report::recommend::within_noise;
use crate::report::views::{ok_median, ModeInfo, WorkloadView};

const NOT_RUN: RGBColor = RGBColor(250, 250, 250);

/// Models first, then real interpreters; the index where the references start (if any).
fn columns(modes: &[ModeInfo]) -> (Vec<&ModeInfo>, Option<usize>) {
    let mut cols: Vec<&ModeInfo> = modes.iter().filter(|m| m.interpreter.is_none()).collect();
    let first_ref = cols.len();
    cols.extend(modes.iter().filter(|m| m.interpreter.is_some()));
    (cols.clone(), (cols.len() > first_ref && first_ref > 0).then_some(first_ref))
}

fn threads_text(n: usize) -> String {
    format!("at {n} thread{}", if n == 1 { "" } else { "s" })
}

fn fastest_row<'a>(rows: impl Iterator<Item = &'a BenchRow>) -> Option<(&'a BenchRow, f64)> {
    rows.filter_map(|r| Some((r, ok_median(r)?))).min_by(|a, b| a.1.total_cmp(&b.1))
}

fn empty(title: String, subtitle: String) -> Chart {
    Chart {
        title,
        subtitle,
        kind: Kind::Message("No results.".into()),
        legend: vec![],
        notes: vec![],
    }
}

/// A heat map of `views` (rows) by `modes` (columns: models, then references), each cell made
/// by `cell(view, mode)`.
fn heatmap(
    views: &[WorkloadView],
    modes: &[ModeInfo],
    title: &str,
    subtitle: &str,
    key: HeatKey,
    cell: impl Fn(&WorkloadView, &ModeInfo) -> Cell,
) -> Chart {
    let (title, subtitle) = (title.to_string(), subtitle.to_string());
    if views.is_empty() || modes.is_empty() {
        return empty(title, subtitle);
    }
    let (cols, references_from) = columns(modes);
    let cells = views.iter().map(|v| cols.iter().map(|m| cell(v, m)).collect()).collect();
    let rows = views.iter().map(WorkloadView::title).collect();
    let cols = cols.iter().map(|m| m.name.clone()).collect();
    Chart {
        title,
        subtitle,
        kind: Kind::Heatmap { rows, cols, cells, key, references_from },
        legend: vec![],
        notes: vec![],
    }
}

fn not_run(hollow: bool) -> Cell {
    Cell { main: "–".into(), sub: "not run".into(), color: NOT_RUN, hollow }
}

/// Each mode's best time (its fastest thread count) against the workload's fastest
/// configuration of any interpreter: "fastest", "≈ fastest" within noise, else "N.NNx the time".
pub fn time_overview(views: &[WorkloadView], modes: &[ModeInfo]) -> Chart {
    let subtitle = "Each cell: the mode's best median (at its fastest thread count) / the workload's fastest median of any configuration, real interpreters included. Darker is faster; ≈ marks a tie within noise.";
    heatmap(
        views,
        modes,
        "Time relative to the fastest configuration",
        subtitle,
        HeatKey::TimeRatio,
        |v, m| {
            let hollow = m.interpreter.is_some();
            let mine: Vec<&BenchRow> = v.rows_of(&m.name).collect();
            if mine.is_empty() {
                return not_run(hollow);
            }
            match (fastest_row(mine.iter().copied()), fastest_row(v.rows.iter())) {
                (Some((best, t)), Some((f, ft))) => {
                    let (main, color) = if std::ptr::eq(best, f) {
                        ("fastest".to_string(), time_ratio_color(1.0))
                    } else if within_noise(f, best).is_some() {
                        ("≈ fastest".to_string(), time_ratio_color(1.0))
                    } else {
                        (format!("{:.2}x the time", t / ft), time_ratio_color(t / ft))
                    };
                    let unstable = if best.unstable { ", unstable" } else { "" };
                    Cell {
                        main,
                        sub: format!("{}{unstable}", threads_text(best.threads)),
                        color,
                        hollow,
                    }
                }
                _ => Cell {
                    main: "failed".into(),
                    sub: "no configuration checked".into(),
                    color: EMPTY,
                    hollow,
                },
            }
        },
    )
}

/// Each mode's speedup at its largest thread count against its own 1-thread run; a speedup
/// within noise of 1x is marked so.
pub fn speedup_overview(views: &[WorkloadView], modes: &[ModeInfo]) -> Chart {
    let subtitle = "Each cell: the mode's 1-thread median / its median at the largest thread count run (ideal = the thread count). Blue toward the ideal, orange for a slowdown.";
    heatmap(
        views,
        modes,
        "Speedup at the largest thread count",
        subtitle,
        HeatKey::Speedup,
        |v, m| {
            let hollow = m.interpreter.is_some();
            let Some(top) = v.rows_of(&m.name).max_by_key(|r| r.threads) else {
                return not_run(hollow);
            };
            let Some(top_t) = ok_median(top) else {
                return Cell {
                    main: "failed".into(),
                    sub: threads_text(top.threads),
                    color: EMPTY,
                    hollow,
                };
            };
            if top.threads <= 1 {
                return Cell {
                    main: "–".into(),
                    sub: "1 thread only".into(),
                    color: NOT_RUN,
                    hollow,
                };
            }
            match v.rows_of(&m.name).find(|r| r.threads == 1).and_then(|o| Some((o, ok_median(o)?)))
            {
                Some((one, base)) => {
                    let s = base / top_t;
                    let sub = if within_noise(one, top).is_some() {
                        format!("{}: ≈ 1x, noise", threads_text(top.threads))
                    } else {
                        format!("{} (ideal {}x)", threads_text(top.threads), top.threads)
                    };
                    Cell {
                        main: format!("{s:.2}x"),
                        sub,
                        color: speedup_color(s, top.threads as f64),
                        hollow,
                    }
                }
                None => Cell {
                    main: "–".into(),
                    sub: "no 1-thread baseline".into(),
                    color: EMPTY,
                    hollow,
                },
            }
        },
    )
}

/// The gap before the references' columns, in pixels.
pub const REFERENCE_GAP: i32 = 28;

/// The heat map's pixel size for these rows and columns.
pub fn size(rows: &[String], cols: &[String], references_from: Option<usize>) -> (u32, u32) {
    // Room for the longest names (about 9 px a character at 14-15 px).
    let chars = |v: &[String]| v.iter().map(|s| s.chars().count()).max().unwrap_or(0) as u32;
    let col_w = (chars(cols) * 9 + 20).clamp(150, 260);
    let left = (chars(rows) * 9 + 40).clamp(88, 288);
    let gap = if references_from.is_some() { REFERENCE_GAP as u32 } else { 0 };
    let w = (left + col_w * cols.len() as u32 + gap + 24).clamp(720, 2400);
    (w, 236 + 56 * rows.len() as u32)
}

fn dashed_rect<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> Result<(), ChartError> {
    let style = RGBColor(60, 60, 60).stroke_width(2);
    let edges =
        [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))];
    for ((ax, ay), (bx, by)) in edges {
        let len = ((bx - ax).abs() + (by - ay).abs()).max(1);
        let (dx, dy) = ((bx - ax).signum(), (by - ay).signum());
        let mut d = 0;
        while d < len {
            let e = (d + 6).min(len);
            plot.draw(&PathElement::new(
                vec![(ax + dx * d, ay + dy * d), (ax + dx * e, ay + dy * e)],
                style,
            ))?;
            d += 10;
        }
    }
    Ok(())
}

/// Draw a heat map's cells, labels and colour key on `plot`.
pub fn draw_heatmap<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    rows: &[String],
    cols: &[String],
    cells: &[Vec<Cell>],
    key: HeatKey,
    references_from: Option<usize>,
) -> Result<(), ChartError> {
    let (pw, _) = plot.dim_in_pixel();
    let left =
        rows.iter().map(|r| text_w(plot, r, &font(15.0))).max().unwrap_or(0).clamp(60, 260) + 28;
    let gap = if references_from.is_some() { REFERENCE_GAP } else { 0 };
    let col_w = ((pw as i32 - left - gap - 16) / cols.len().max(1) as i32).clamp(60, 260);
    let col_x = |j: usize| {
        left + col_w * j as i32 + if references_from.is_some_and(|r| j >= r) { gap } else { 0 }
    };
    let row_h = 56;
    let top = 60;
    if let Some(r) = references_from {
        let x0 = col_x(r);
        let x1 = col_x(cols.len() - 1) + col_w;
        plot.draw(&Text::new(
            "references (real interpreters)",
            ((x0 + x1) / 2, 12),
            grey_font(13.0).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        plot.draw(&PathElement::new(
            vec![(x0 + 2, 24), (x1 - 2, 24)],
            RGBColor(150, 150, 150).stroke_width(1),
        ))?;
    }
    for (j, c) in cols.iter().enumerate() {
        let cx = col_x(j) + col_w / 2;
        let label = fit(plot, c, &font(14.0), col_w - 8);
        plot.draw(&Text::new(
            label,
            (cx, top - 16),
            font(14.0).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y0 = top + row_h * i as i32;
        let label = fit(plot, r, &font(15.0), left - 28);
        plot.draw(&Text::new(
            label,
            (left - 12, y0 + row_h / 2),
            font(15.0).pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        for (j, cell) in cells.get(i).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
            let x0 = col_x(j);
            plot.draw(&Rectangle::new(
                [(x0 + 2, y0 + 2), (x0 + col_w - 2, y0 + row_h - 2)],
                cell.color.filled(),
            ))?;
            if cell.hollow {
                dashed_rect(plot, (x0 + 3, y0 + 3), (x0 + col_w - 3, y0 + row_h - 3))?;
            }
            let cx = x0 + col_w / 2;
            let main = fit(plot, &cell.main, &font(17.0), col_w - 10);
            plot.draw(&Text::new(
                main,
                (cx, y0 + 20),
                font(17.0).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
            let sub = fit(plot, &cell.sub, &font(12.0), col_w - 10);
            plot.draw(&Text::new(
                sub,
                (cx, y0 + 40),
                font(12.0).color(&RGBColor(50, 50, 50)).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
    }
    draw_key(plot, left, top + row_h * rows.len() as i32 + 30, key)
}

fn draw_key<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    kx: i32,
    ky: i32,
    key: HeatKey,
) -> Result<(), ChartError> {
    let kw = 280;
    let steps = 56;
    let (color_at, lo, hi, what): (Box<dyn Fn(f64) -> RGBColor>, &str, &str, &str) = match key {
        HeatKey::TimeRatio => (
            Box::new(|t| time_ratio_color(4f64.powf(t))),
            "1x (fastest)",
            "4x the time or more",
            "colour: time / fastest (log scale)",
        ),
        HeatKey::Speedup => (
            Box::new(|t| {
                if t < 0.25 {
                    speedup_color(0.5 + 1.8 * t, 16.0)
                } else {
                    speedup_color(16f64.powf((t - 0.25) / 0.75), 16.0)
                }
            }),
            "slowdown",
            "ideal (= threads)",
            "colour: speedup, 1x (grey) to ideal (log scale)",
        ),
    };
    for s in 0..steps {
        let t = s as f64 / (steps - 1) as f64;
        let x = kx + kw * s / steps;
        plot.draw(&Rectangle::new(
            [(x, ky), (kx + kw * (s + 1) / steps + 1, ky + 16)],
            color_at(t).filled(),
        ))?;
    }
    plot.draw(&Text::new(
        lo,
        (kx, ky + 30),
        grey_font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    plot.draw(&Text::new(
        hi,
        (kx + kw, ky + 30),
        grey_font(13.0).pos(Pos::new(HPos::Right, VPos::Center)),
    ))?;
    plot.draw(&Text::new(
        what,
        (kx + kw + 20, ky + 8),
        grey_font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::sample_rows;
    use crate::report::views::{group_workloads, modes_in_order};

    fn views() -> (Vec<WorkloadView>, Vec<ModeInfo>) {
        let rows = sample_rows();
        let modes = modes_in_order(&rows);
        (group_workloads(&rows, &modes), modes)
    }

    #[test]
    fn time_view_names_the_fastest_and_puts_references_last() {
        let (v, modes) = views();
        let c = time_overview(&v, &modes);
        let Kind::Heatmap { rows, cols, cells, key, references_from } = &c.kind else {
            panic!("{c:?}")
        };
        assert_eq!(*key, HeatKey::TimeRatio);
        assert_eq!(rows.len(), v.len());
        let r = references_from.expect("the sample has a real interpreter");
        assert!(cols[r..].iter().all(|c| c.starts_with("cpython")), "{cols:?}");
        assert!(cols[..r].iter().all(|c| !c.starts_with("cpython")), "{cols:?}");
        for row in cells {
            assert_eq!(row.len(), cols.len());
            assert!(row[r..].iter().all(|c| c.hollow) && row[..r].iter().all(|c| !c.hollow));
            // Exactly one "fastest" per workload that ran, unless failed everywhere.
            let n = row.iter().filter(|c| c.main == "fastest").count();
            assert!(n <= 1, "{row:?}");
        }
        // cpu_loop: every cell is fastest, a tie, or a ratio >= 1.
        for c in &cells[0] {
            if let Some(x) = c.main.strip_suffix("x the time") {
                assert!(x.parse::<f64>().unwrap() >= 1.0, "{c:?}");
            }
        }
        assert!(cells[0].iter().any(|c| c.main == "fastest"), "{:?}", cells[0]);
    }

    #[test]
    fn speedup_view_keeps_the_scaling_numbers() {
        let (v, modes) = views();
        let c = speedup_overview(&v, &modes);
        let Kind::Heatmap { cells, key, cols, .. } = &c.kind else { panic!("{c:?}") };
        assert_eq!(*key, HeatKey::Speedup);
        let gil = cols.iter().position(|c| c == "gil").unwrap();
        assert!(cells[0][gil].main.ends_with('x'), "{:?}", cells[0][gil]);
        assert!(matches!(speedup_overview(&[], &[]).kind, Kind::Message(_)));
        assert!(matches!(time_overview(&[], &[]).kind, Kind::Message(_)));
    }
}
