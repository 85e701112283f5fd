//! Tests of the timeline chart: panels, lanes and legend in the SVG, the cap note, empty input, many spans, files by extension.

use super::*;
use crate::runtime::timeline::{Span, ThreadLane};

fn lane(label: &str, interpreter: u32, spans: &[(LaneState, u64, u64)]) -> ThreadLane {
    ThreadLane {
        label: label.into(),
        interpreter,
        spans: spans
            .iter()
            .map(|&(state, start_ns, end_ns)| Span { state, start_ns, end_ns })
            .collect(),
    }
}

fn two_panels() -> Vec<Timeline> {
    use LaneState::*;
    let gil = Timeline {
        model: "gil".into(),
        duration_ns: 40_000_000,
        lanes: vec![
            lane("main", 0, &[(Running, 0, 1_000_000), (Blocked, 1_000_000, 40_000_000)]),
            lane(
                "thread 1",
                0,
                &[
                    (Running, 1_000_000, 10_000_000),
                    (GilWait, 10_000_000, 20_000_000),
                    (Running, 20_000_000, 30_000_000),
                ],
            ),
            lane(
                "thread 2",
                0,
                &[
                    (GilWait, 1_000_000, 10_000_000),
                    (Running, 10_000_000, 20_000_000),
                    (PyLockWait, 20_000_000, 39_000_000),
                ],
            ),
        ],
        event_cap: 200_000,
        events_dropped: 0,
    };
    let ft = Timeline {
        model: "free-threaded".into(),
        duration_ns: 25_000_000,
        lanes: vec![
            lane("main", 0, &[(Running, 0, 1_000_000), (Blocked, 1_000_000, 25_000_000)]),
            lane(
                "interp 2 · thread 1",
                2,
                &[
                    (Running, 1_000_000, 20_000_000),
                    (ObjectLockWait, 20_000_000, 21_000_000),
                    (Copying, 21_000_000, 22_000_000),
                    (StopTheWorld, 22_000_000, 23_000_000),
                ],
            ),
        ],
        event_cap: 200_000,
        events_dropped: 0,
    };
    vec![gil, ft]
}

#[test]
fn two_panels_show_lanes_titles_and_the_legend() {
    let svg = render_svg(&two_panels()).unwrap();
    assert!(svg.starts_with("<svg") || svg.contains("<svg"), "{}", &svg[..200.min(svg.len())]);
    for text in [
        "main",
        "thread 1",
        "thread 2",
        "interp 2 · thread 1",
        "gil · 3 threads",
        "free-threaded · 2 threads",
        "time since recording started (s)",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    for s in LaneState::ALL {
        assert!(svg.contains(s.label()), "legend misses {:?}", s.label());
    }
    assert!(!svg.contains("event cap"));
    // The Okabe-Ito colours of the states drawn.
    assert!(svg.to_ascii_uppercase().contains("#009E73"), "no running colour");
    assert!(svg.to_ascii_uppercase().contains("#D55E00"), "no GIL-wait colour");
}

#[test]
fn the_cap_note_appears_when_events_were_dropped() {
    let mut panels = two_panels();
    panels[1].events_dropped = 1234;
    panels[1].event_cap = 500;
    let svg = render_svg(&panels).unwrap();
    assert!(svg.contains("event cap 500 reached: 1,234 later events not drawn"), "no cap note");
    assert_eq!(cap_note(&panels[0]), None);
}

#[test]
fn empty_input_renders_a_message() {
    let svg = render_svg(&[]).unwrap();
    assert!(svg.contains("No timeline was recorded."));
    let empty = Timeline {
        model: "gil".into(),
        duration_ns: 0,
        lanes: vec![],
        event_cap: 10,
        events_dropped: 0,
    };
    let svg = render_svg(&[empty]).unwrap();
    assert!(svg.contains("No thread changed state"));
    assert!(svg.contains("gil · 0 threads"));
}

#[test]
fn many_thin_spans_merge_into_at_most_one_rectangle_per_pixel() {
    use LaneState::*;
    // 200,000 spans of 1 µs alternating: far thinner than a pixel.
    let spans: Vec<Span> = (0..200_000u64)
        .map(|i| Span {
            state: if i % 2 == 0 { Running } else { GilWait },
            start_ns: i * 1000,
            end_ns: i * 1000 + 1000,
        })
        .collect();
    let t = Timeline {
        model: "gil".into(),
        duration_ns: 200_000_000,
        lanes: vec![ThreadLane { label: "thread 1".into(), interpreter: 0, spans }],
        event_cap: 200_000,
        events_dropped: 0,
    };
    let started = std::time::Instant::now();
    let svg = render_svg(&[t]).unwrap();
    assert!(started.elapsed().as_secs_f64() < 10.0);
    assert!(svg.matches("<rect").count() < 2000, "{} rectangles", svg.matches("<rect").count());
}

#[test]
fn columns_take_the_dominant_state() {
    use LaneState::*;
    let spans = vec![
        Span { state: Running, start_ns: 0, end_ns: 700 },
        Span { state: GilWait, start_ns: 700, end_ns: 1000 },
        Span { state: Blocked, start_ns: 2000, end_ns: 5000 },
    ];
    // 10 columns of 1000 ns.
    let runs = lane_runs(&spans, 10, 1000.0);
    assert_eq!(runs, vec![(0, 1, Running), (2, 5, Blocked)]);
}

#[test]
fn ticks_are_round_numbers() {
    assert_eq!(tick_step(1.0), 0.2);
    assert_eq!(tick_step(8.0), 1.0);
    assert_eq!(tick_label(0.4, 0.2), "0.4");
    assert_eq!(tick_label(2.0, 1.0), "2");
}

#[test]
fn write_timeline_picks_the_format_by_extension() {
    let dir = std::env::temp_dir().join(format!("gilbench-timeline-chart-{}", std::process::id()));
    let t = two_panels().remove(0);
    let json = dir.join("t.json");
    assert_eq!(write_timeline(&t, &json).unwrap(), vec![json.clone()]);
    let back: Timeline = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(back, t);
    let svg = dir.join("t.svg");
    let written = write_timeline(&t, &svg).unwrap();
    assert_eq!(written, vec![svg.clone(), dir.join("t.png")]);
    assert!(std::fs::metadata(dir.join("t.png")).unwrap().len() > 1000);
    assert!(write_timeline(&t, &dir.join("t.txt")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
