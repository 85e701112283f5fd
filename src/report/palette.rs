//! Every colour the report draws with, and the one meaning each has across all charts (safe for colour-blind readers).
//!
//! Three keyed sets that never share a colour, so a colour means one thing on every page:
//! * **Thread states** (breakdown bars, thread timelines): the Okabe–Ito palette. Running is
//!   bluish green, GIL wait vermillion, object-lock wait orange, Python-lock wait reddish
//!   purple, blocked sky blue, GC pause dark grey, copying between interpreters blue; start-up
//!   is light grey and a real interpreter's unsplit time a mid grey.
//! * **gilbench's models** (speedup, time and memory charts): dark blue for the GIL build,
//!   purple for the free-threaded build, green for subinterpreters (Paul Tol's colour-blind-safe
//!   sets, chosen to differ in lightness as well as hue, so they stay apart in a deuteranopia
//!   or greyscale rendering). Models beyond these three take [`EXTRA_MODE_COLORS`] in order.
//! * **Real interpreters** (references): no hue at all. Black and greys, dashed lines, hollow
//!   markers and outlined bars, listed in their own legend group.
//!
//! The overview heat maps use two scales with no hue of the sets above in their meaning: a
//! light-to-dark blue lightness ramp for "time relative to the fastest" (darker is faster), and
//! an orange-to-blue diverging ramp for speedup (orange below 1x, blue toward the ideal).

use plotters::style::RGBColor;

/// Thread states, in `model::SEGMENTS` order: running, GIL wait, lock wait, blocked, GC pause,
/// copying, start-up + setup, a real interpreter's unsplit time.
pub const SEGMENT_COLORS: [RGBColor; 8] = [
    RUNNING,
    GIL_WAIT,
    OBJECT_LOCK_WAIT,
    BLOCKED,
    GC_PAUSE,
    COPYING,
    RGBColor(200, 200, 200),
    RGBColor(150, 150, 150),
];

pub const RUNNING: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const GIL_WAIT: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const OBJECT_LOCK_WAIT: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const PY_LOCK_WAIT: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub const BLOCKED: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const GC_PAUSE: RGBColor = RGBColor(0x33, 0x33, 0x33);
pub const COPYING: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// gilbench's three models, in `model::KNOWN_MODES` order (gil, free-threaded, subinterpreters).
pub const MODE_COLORS: [RGBColor; 3] =
    [RGBColor(0, 68, 136), RGBColor(170, 51, 119), RGBColor(34, 136, 51)];

/// Further models (a custom `--modes` name that is not a real interpreter), in first-seen order.
pub const EXTRA_MODE_COLORS: [RGBColor; 4] =
    [RGBColor(153, 153, 51), RGBColor(102, 37, 6), RGBColor(51, 34, 136), RGBColor(68, 170, 153)];

/// One real interpreter's look: its grey and its dash pattern (dash, gap in pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReferenceStyle {
    pub color: RGBColor,
    pub dash: (u32, u32),
}

/// Real interpreters, in first-seen order (then repeating).
pub const REFERENCE_STYLES: [ReferenceStyle; 4] = [
    ReferenceStyle { color: RGBColor(0, 0, 0), dash: (10, 5) },
    ReferenceStyle { color: RGBColor(110, 110, 110), dash: (4, 4) },
    ReferenceStyle { color: RGBColor(0, 0, 0), dash: (2, 5) },
    ReferenceStyle { color: RGBColor(110, 110, 110), dash: (16, 5) },
];

/// Axis, ideal line and text greys (no meaning of their own).
pub const NEUTRAL: RGBColor = RGBColor(110, 110, 110);
/// A cell or bar with nothing to show.
pub const EMPTY: RGBColor = RGBColor(240, 240, 240);

fn mix(a: (u8, u8, u8), b: (u8, u8, u8), f: f64) -> RGBColor {
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f.clamp(0.0, 1.0)).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The time view's colour for `ratio` = a configuration's time / the workload's fastest time
/// (1 = fastest): dark blue at 1x, fading on a log scale to near-white at 4x and beyond.
pub fn time_ratio_color(ratio: f64) -> RGBColor {
    if !ratio.is_finite() || ratio <= 0.0 {
        return EMPTY;
    }
    let t = (ratio.max(1.0).ln() / 4f64.ln()).clamp(0.0, 1.0);
    mix((86, 150, 210), (244, 246, 250), t)
}

/// The speedup view's colour: orange for a slowdown (below 0.95x), light grey at 1x, then blue
/// deepening on a log scale up to the ideal (`ideal` = the thread count).
pub fn speedup_color(speedup: f64, ideal: f64) -> RGBColor {
    if !speedup.is_finite() || speedup <= 0.0 {
        return EMPTY;
    }
    if speedup < 0.95 {
        // Down to half speed and below: deeper orange.
        let t = ((1.0 / speedup).ln() / 2f64.ln()).clamp(0.0, 1.0);
        return mix((250, 222, 170), (235, 160, 60), t);
    }
    let t = if ideal > 1.0 { (speedup.max(1.0).ln() / ideal.ln()).clamp(0.0, 1.0) } else { 1.0 };
    mix((238, 238, 238), (86, 150, 210), t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_sets_share_no_colour() {
        let mut all: Vec<RGBColor> = SEGMENT_COLORS.to_vec();
        all.extend([PY_LOCK_WAIT]);
        all.extend(MODE_COLORS);
        all.extend(EXTRA_MODE_COLORS);
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j], "colours {i} and {j} are the same");
            }
        }
        for r in REFERENCE_STYLES {
            let RGBColor(a, b, c) = r.color;
            assert!(a == b && b == c, "references are grey: {:?}", r.color);
        }
    }

    #[test]
    fn scales_run_the_right_way() {
        let lum = |c: RGBColor| c.0 as u32 + c.1 as u32 + c.2 as u32;
        assert!(lum(time_ratio_color(1.0)) < lum(time_ratio_color(1.5)));
        assert!(lum(time_ratio_color(1.5)) < lum(time_ratio_color(3.0)));
        assert_eq!(time_ratio_color(4.0), time_ratio_color(9.0));
        assert_eq!(time_ratio_color(f64::NAN), EMPTY);
        assert!(
            lum(speedup_color(1.9, 2.0)) < lum(speedup_color(1.2, 2.0)),
            "nearer the ideal is darker blue"
        );
        let slow = speedup_color(0.6, 2.0);
        assert!(slow.0 > slow.2, "a slowdown is orange: {slow:?}");
        let fast = speedup_color(2.0, 2.0);
        assert!(fast.2 > fast.0, "the ideal is blue: {fast:?}");
    }
}
