//! Tests of the chart specs (colours, lines, bars, cells, messages) and of drawing them with the embedded font.

use super::*;
use crate::report::fixtures::{failed, row, sample_rows};
use crate::report::views::{group_workloads, modes_in_order};

fn views() -> (Vec<WorkloadView>, Vec<ModeInfo>) {
    let rows = sample_rows();
    let modes = modes_in_order(&rows);
    (group_workloads(&rows, &modes), modes)
}

/// The sample views with 7 samples a row, so every row has a 95% CI.
fn with_ci() -> (Vec<WorkloadView>, Vec<ModeInfo>) {
    let mut rows = sample_rows();
    for r in rows.iter_mut().filter(|r| r.median_s.is_some()) {
        let m = r.median_s.unwrap();
        r.set_samples(vec![m * 0.97, m * 0.98, m * 0.99, m, m * 1.01, m * 1.02, m * 1.03]);
    }
    let modes = modes_in_order(&rows);
    (group_workloads(&rows, &modes), modes)
}

fn info(name: &str) -> ModeInfo {
    ModeInfo { name: name.into(), interpreter: None }
}

#[test]
fn known_modes_keep_their_colours_and_others_take_the_palette_in_order() {
    let a = ModeColors::new(&[
        info("cpython3.11"),
        info("subinterpreters"),
        info("cpython3.14"),
        info("gil"),
    ]);
    let b = ModeColors::new(&[info("gil"), info("free-threaded"), info("subinterpreters")]);
    assert_eq!(a.get("gil"), b.get("gil"));
    assert_eq!(a.get("subinterpreters"), b.get("subinterpreters"));
    assert_eq!(
        (a.get("cpython3.11"), a.get("cpython3.14")),
        (EXTRA_MODE_COLORS[0], EXTRA_MODE_COLORS[1])
    );
    let all = [
        a.get("gil"),
        b.get("free-threaded"),
        a.get("subinterpreters"),
        a.get("cpython3.11"),
        a.get("cpython3.14"),
    ];
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            assert_ne!(all[i], all[j], "modes {i} and {j} share a colour");
        }
    }
    assert_eq!(a.get("unknown"), GREY);
    // A real interpreter is a reference: grey, dashed, never a model's colour.
    let real = ModeInfo { name: "cpython3.14".into(), interpreter: Some("CPython 3.14.0".into()) };
    let c = ModeColors::new(&[info("gil"), real.clone()]);
    assert_eq!(c.reference("cpython3.14"), Some(REFERENCE_STYLES[0]));
    assert_eq!(c.get("cpython3.14"), REFERENCE_STYLES[0].color);
    assert_eq!(c.reference("gil"), None);
}

#[test]
fn time_chart_names_the_fastest_and_draws_whiskers() {
    let (v, modes) = views();
    let colors = ModeColors::new(&modes);
    let c = time_chart(&v[0], &colors);
    let Kind::Bars { bars, .. } = &c.kind else { panic!("{c:?}") };
    assert_eq!(bars.len(), 8);
    let fastest: Vec<&Bar> = bars.iter().filter(|b| b.value_text.ends_with("fastest")).collect();
    assert_eq!(fastest.len(), 1, "{bars:?}");
    // cpu_loop's fastest is subinterpreters at 2 threads (0.58 s).
    assert_eq!(fastest[0].label, "subinterpreters, 2 threads");
    let gil1 = bars.iter().find(|b| b.label == "gil, 1 thread").unwrap();
    assert!(gil1.value_text.contains(&format!("{:.2}x the time", 1.0 / 0.58)), "{gil1:?}");
    assert!(
        bars.iter().filter(|b| b.label.starts_with("cpython")).all(|b| b.hollow),
        "references are outlined"
    );
    assert!(bars.iter().filter(|b| !b.label.starts_with("cpython")).all(|b| !b.hollow));
    let labels: Vec<&str> = c.legend.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "gil",
            "free-threaded",
            "subinterpreters",
            "references (real interpreters)",
            "cpython3.11"
        ]
    );
    assert_eq!(c.legend[4].marker, Marker::OutlineBox);
    // The fixture rows have 3 samples: no CI, no whisker, and a note says why.
    assert!(bars.iter().all(|b| b.whisker.is_none()));
    assert!(c.notes.iter().any(|n| n.contains("too few for a CI")), "{:?}", c.notes);
    // With enough samples every bar has its whisker, around its median.
    let (w, _) = with_ci();
    let Kind::Bars { bars, .. } = time_chart(&w[0], &colors).kind else { panic!() };
    for b in &bars {
        let (lo, hi) = b.whisker.unwrap_or_else(|| panic!("no whisker: {b:?}"));
        assert!(lo <= b.segments[0].0 && b.segments[0].0 <= hi, "{b:?}");
    }
    // shared_dict: the failed configuration is left out and noted.
    let d = time_chart(&v[1], &colors);
    let Kind::Bars { bars, .. } = &d.kind else { panic!() };
    assert_eq!(bars.len(), 5);
    assert_eq!(d.notes[0], "1 failed, not drawn (see the tables).");
}

#[test]
fn speedup_chart_has_a_line_per_mode_and_the_ideal() {
    let (v, modes) = views();
    let colors = ModeColors::new(&modes);
    let c = speedup_chart(&v[0], &colors);
    let Kind::Speedup { threads, lines } = &c.kind else { panic!("{c:?}") };
    assert_eq!(threads, &[1, 2]);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1].color, colors.get("free-threaded"));
    assert!((lines[1].points[1].1 - 1.2 / 0.62).abs() < 1e-12);
    let labels: Vec<&str> = c.legend.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "gil",
            "free-threaded",
            "subinterpreters",
            "references (real interpreters)",
            "cpython3.11",
            "ideal (speedup = threads)"
        ]
    );
    assert_eq!(c.legend[4].sublabel.as_deref(), Some("CPython 3.11.4, GIL enabled"));
    assert_eq!(c.legend[3].marker, Marker::Heading);
    assert!(
        lines[3].reference && lines[3].dash.is_some() && !lines[0].reference,
        "the real interpreter's line is a dashed reference"
    );
    assert!(
        lines.iter().all(|l| l.whiskers.is_empty())
            && c.notes.iter().any(|n| n.contains("too few for a CI")),
        "3 samples: no CI"
    );
    let (w, _) = with_ci();
    let Kind::Speedup { lines, .. } = speedup_chart(&w[0], &colors).kind else { panic!() };
    assert!(
        lines.iter().all(|l| l.whiskers.len() == 1),
        "a CI whisker at 2 threads on every line: {lines:?}"
    );
    let (_, lo, hi) = lines[1].whiskers[0];
    assert!(lo <= lines[1].points[1].1 && lines[1].points[1].1 <= hi);
    // shared_dict: subinterpreters' 2-thread row failed, so its line is a single point and a note says so.
    let d = speedup_chart(&v[1], &colors);
    assert_eq!(d.notes[0], "1 failed, not drawn (see the tables).");

    let one = group_workloads(&[row("w", "gil", 4, 1.0)], &[info("gil")]);
    assert!(
        matches!(&speedup_chart(&one[0], &colors).kind, Kind::Message(m) if m.contains("Only one thread count (4)"))
    );
    let no_base =
        group_workloads(&[row("w", "gil", 2, 1.0), row("w", "gil", 4, 1.0)], &[info("gil")]);
    assert!(
        matches!(&speedup_chart(&no_base[0], &colors).kind, Kind::Message(m) if m.contains("baseline"))
    );
}

#[test]
fn breakdown_chart_stacks_the_segments_in_order() {
    let (v, _) = views();
    let c = breakdown_chart(&v[0]);
    let Kind::Bars { bars, x_desc } = &c.kind else { panic!("{c:?}") };
    assert!(x_desc.contains("seconds"));
    assert_eq!(bars.len(), 8);
    assert_eq!(bars[1].label, "gil, 2 threads");
    let values: Vec<f64> = bars[1].segments.iter().map(|s| s.0).collect();
    assert!(
        (values[0] - 1.6).abs() < 1e-12
            && values[1] == 0.4
            && values[2] == 0.0
            && values[3] == 0.0
            && values[4] == 0.0
            && values[5] == 0.0,
        "{values:?}"
    );
    assert!((values[6] - 0.012).abs() < 1e-12);
    // free-threaded, 2 threads: the GC segment is the collector's pause plus the parked time.
    let ft: Vec<f64> = bars[3].segments.iter().map(|s| s.0).collect();
    assert_eq!(bars[3].label, "free-threaded, 2 threads");
    assert!(
        (ft[4] - 0.05).abs() < 1e-12 && (ft[0] - (2.0 * 0.62 - 0.1 - 0.05)).abs() < 1e-12,
        "{ft:?}"
    );
    assert_eq!(bars[1].segments.iter().map(|s| s.1).collect::<Vec<_>>(), SEGMENT_COLORS);
    assert_eq!(bars[1].value_text, "2.012 s");
    assert_eq!(
        c.legend.len(),
        8,
        "with CPython rows, the not-broken-down segment is in the legend"
    );
    let cpython = bars.iter().find(|b| b.label.starts_with("cpython")).unwrap();
    assert!(cpython.segments[0].0 == 0.0 && cpython.segments[7].0 > 0.0, "{cpython:?}");
    assert!(c.notes.is_empty(), "every counter is measured somewhere: {:?}", c.notes);
    let plain = group_workloads(&[row("w", "gil", 1, 1.0)], &[info("gil")]);
    assert_eq!(breakdown_chart(&plain[0]).legend.len(), 7);
    assert_eq!(breakdown_chart(&plain[0]).notes, ["Not measured in these rows (drawn as 0, their time counted as running): GIL wait, lock wait, blocked, GC pause, copying."]);
    let broken = group_workloads(&[failed("w", "gil", 1, "x")], &[info("gil")]);
    assert!(matches!(breakdown_chart(&broken[0]).kind, Kind::Message(_)));
}

#[test]
fn memory_chart_says_what_it_shows() {
    let (v, modes) = views();
    let colors = ModeColors::new(&modes);
    let c = memory_chart(&v[0], &colors);
    assert!(c.title.contains("peak memory (RSS)"));
    let Kind::Bars { bars, x_desc } = &c.kind else { panic!() };
    assert!(x_desc.contains("MiB"));
    assert_eq!(bars.len(), 6, "the two CPython rows have no RSS");
    // The interpreters' heap peak is the darker part of the RSS bar.
    assert_eq!(bars[0].value_text, "30.0 MiB (heap 8.0)");
    assert_eq!(
        bars[0].segments,
        vec![(8.0, colors.get("gil")), (22.0, lighter(colors.get("gil")))]
    );
    let mut no_heap = row("w", "gil", 1, 1.0);
    no_heap.counters.insert("peak_rss_bytes".into(), 3.0 * 1024.0 * 1024.0);
    let nh = group_workloads(&[no_heap], &[info("gil")]);
    let Kind::Bars { bars: nb, .. } = memory_chart(&nh[0], &colors).kind else { panic!() };
    assert_eq!((nb[0].value_text.as_str(), nb[0].segments.len()), ("3.0 MiB", 1));
    assert_eq!(c.notes, ["2 configuration(s) without this counter not drawn."]);
    assert_eq!(c.legend.len(), 3);

    let mut a = row("w", "gil", 1, 1.0);
    a.counters.insert("allocations".into(), 2_000_003.0);
    let v = group_workloads(&[a], &[info("gil")]);
    let c = memory_chart(&v[0], &colors);
    assert!(c.title.contains("allocations (peak RSS not recorded)"));
    let Kind::Bars { bars, x_desc } = &c.kind else { panic!() };
    assert!(x_desc.contains("count"));
    assert_eq!(bars[0].value_text, "2,000,003");
}

#[test]
fn number_formats() {
    assert_eq!(
        [
            format_tick(0.25),
            format_tick(12.0),
            format_tick(1.5e6),
            format_tick(2e6),
            format_tick(50_000.0)
        ],
        ["0.25", "12", "1.5M", "2M", "50k"]
    );
    assert_eq!(
        [thousands(2_000_003.0), thousands(999.0), thousands(-1234.0)],
        ["2,000,003", "999", "-1,234"]
    );
}

#[test]
fn charts_render_to_svg_and_png_with_the_embedded_font() {
    let (v, modes) = views();
    let colors = ModeColors::new(&modes);
    let chart = speedup_chart(&v[0], &colors);
    let svg = render_svg(&chart).unwrap();
    assert!(
        svg.starts_with("<svg")
            && svg.contains("cpu_loop: speedup vs threads")
            && svg.contains("font-family=\"sans-serif\"")
    );
    let dir = std::env::temp_dir().join(format!("gilbench-charts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("s.png");
    render_png(&chart, &png).unwrap();
    let bytes = std::fs::read(&png).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(bytes[..4], [0x89, b'P', b'N', b'G']);
    // A long title is cut to fit, never drawn off the edge.
    let mut long = chart.clone();
    long.title = "x".repeat(400);
    assert!(render_svg(&long).unwrap().contains("…"));
    assert_eq!(
        size(&Chart {
            title: "t".into(),
            subtitle: String::new(),
            kind: Kind::Message("m".into()),
            legend: vec![],
            notes: vec![]
        }),
        (WIDTH, 240)
    );
}

#[test]
fn machines_chart_overlays_a_line_per_machine_and_mode() {
    let on = |key: &str, mut r: crate::harness::results::BenchRow| {
        r.machine = Some(key.to_string());
        r
    };
    let rows = vec![
        on("laptop (i7, 2 logical cores)", row("w", "gil", 1, 1.0)),
        on("laptop (i7, 2 logical cores)", row("w", "gil", 2, 1.0)),
        on("laptop (i7, 2 logical cores)", row("w", "free-threaded", 1, 1.2)),
        on("laptop (i7, 2 logical cores)", row("w", "free-threaded", 2, 0.6)),
        on("server (EPYC, 64 logical cores)", row("w", "free-threaded", 1, 1.0)),
        on("server (EPYC, 64 logical cores)", row("w", "free-threaded", 64, 0.05)),
        on("server (EPYC, 64 logical cores)", failed("w", "gil", 64, "boom")),
    ];
    let modes = modes_in_order(&rows);
    let colors = ModeColors::new(&modes);
    let views = group_workloads(&rows, &modes);
    let group: Vec<&WorkloadView> = views.iter().collect();
    let c = machines_speedup_chart("w", &group, &colors);
    let Kind::Speedup { threads, lines } = &c.kind else { panic!("{c:?}") };
    assert_eq!(threads, &[1, 2, 64], "the union of every machine's thread counts");
    assert_eq!(
        lines.len(),
        3,
        "gil and free-threaded on the laptop, free-threaded on the server (its gil has no 2 points)"
    );
    assert_eq!(
        (lines[0].dash, lines[2].dash),
        (None, MACHINE_DASHES[1]),
        "the machine by line pattern"
    );
    assert_eq!(
        (lines[1].color, lines[2].color),
        (colors.get("free-threaded"), colors.get("free-threaded")),
        "the mode by colour"
    );
    assert_eq!(lines[2].points, vec![(1, 1.0), (64, 20.0)]);
    let labels: Vec<&str> = c.legend.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "gil on laptop",
            "free-threaded on laptop",
            "free-threaded on server",
            "ideal (speedup = threads)"
        ]
    );
    assert_eq!(c.legend[2].marker, Marker::Pattern(12, 6));
    assert_eq!(c.notes, ["1 failed, not drawn (see the tables)."]);
    let svg = render_svg(&c).unwrap();
    assert!(
        svg.contains("w: speedup vs threads across machines")
            && svg.contains("free-threaded on server"),
        "{svg}"
    );
    let lonely = group_workloads(&[on("a (x, 1 logical cores)", row("w", "gil", 1, 1.0))], &modes);
    assert!(matches!(machines_speedup_chart("w", &[&lonely[0]], &colors).kind, Kind::Message(_)));
}
