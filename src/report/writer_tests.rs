//! Tests of a whole report written to a scratch directory: every file, what it says, and odd inputs.

use super::*;
use crate::report::fixtures::{failed, row, sample_rows};

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(tag: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("gilbench-report-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Scratch(dir)
}

fn meta() -> ReportMeta {
    ReportMeta {
        generated: utc_timestamp(0),
        inputs: vec!["r.json".into()],
        sources: vec![],
        baseline: None,
    }
}

const PNG_MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

#[test]
fn timestamps() {
    assert_eq!(utc_timestamp(0), "1970-01-01 00:00 UTC");
    assert_eq!(utc_timestamp(951_782_400 + 3_600 * 13 + 60 * 7), "2000-02-29 13:07 UTC");
    assert_eq!(utc_timestamp(1_795_588_200), "2026-11-25 06:30 UTC");
}

#[test]
fn full_report_for_hand_made_rows() {
    let dir = scratch("full");
    let rows = sample_rows();
    let out = write_report(&rows, &dir.0, &meta()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let read = |name: &str| {
        std::fs::read_to_string(dir.0.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };

    for w in ["cpu_loop", "shared_dict"] {
        for (kind, needles) in [
            (
                "speedup",
                vec![
                    format!("{w}: speedup vs threads"),
                    "threads".to_string(),
                    "speedup vs 1 thread".to_string(),
                    "ideal (speedup = threads)".to_string(),
                ],
            ),
            (
                "breakdown",
                vec![
                    format!("{w}: where the thread-time went"),
                    "thread-time per sample (seconds)".to_string(),
                    "GIL wait".to_string(),
                    "start-up + setup".to_string(),
                ],
            ),
            ("memory", vec![format!("{w}: peak memory (RSS)"), "(MiB)".to_string()]),
            (
                "time",
                vec![
                    format!("{w}: time per configuration"),
                    "median time (seconds)".to_string(),
                    "fastest".to_string(),
                ],
            ),
        ] {
            let svg = read(&format!("{w}-{kind}.svg"));
            assert!(
                svg.trim_start().starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
                "{w}-{kind}.svg"
            );
            for n in needles {
                assert!(svg.contains(&n), "{w}-{kind}.svg lacks {n:?}");
            }
            let png = std::fs::read(dir.0.join(format!("{w}-{kind}.png"))).unwrap();
            assert_eq!(png[..8], PNG_MAGIC, "{w}-{kind}.png");
            assert!(png.len() > 5_000, "{w}-{kind}.png has text and lines: {} bytes", png.len());
        }
    }
    // Every mode is in the legends; the CPython row with its interpreter label.
    let speed = read("cpu_loop-speedup.svg");
    for m in
        ["gil", "free-threaded", "subinterpreters", "cpython3.11", "CPython 3.11.4, GIL enabled"]
    {
        assert!(speed.contains(m), "legend lacks {m}");
    }
    assert!(read("shared_dict-speedup.svg").contains("1 failed, not drawn"));

    let overview = read("overview-speedup.svg");
    assert!(
        overview.contains("Speedup at the largest thread count")
            && overview.contains("1.94x")
            && overview.contains("failed")
            && overview.contains("ideal 2x"),
        "{overview}"
    );
    let times = read("overview.svg");
    assert!(
        times.contains("Time relative to the fastest configuration")
            && times.contains("fastest")
            && times.contains("x the time")
            && times.contains("references (real interpreters)")
    );
    for png in ["overview.png", "overview-speedup.png", "cpu_loop-time.png"] {
        assert_eq!(std::fs::read(dir.0.join(png)).unwrap()[..8], PNG_MAGIC, "{png}");
    }

    let page = read("index.html");
    assert!(
        !page.contains("src=\"http")
            && !page.contains("href=\"http")
            && !page.contains("<script")
            && !page.contains("<link"),
        "self-contained"
    );
    assert!(!page.contains("<img"), "charts are inline SVG");
    assert_eq!(page.matches("<svg").count(), 10, "4 charts per workload and the two overviews");
    for needle in [
        "cpu_loop",
        "shared_dict",
        "<td>1.94x faster</td>",
        "<td>0.620</td>",
        "ValueError: boom",
        "How to read this",
        "r.json",
        "1970-01-01 00:00 UTC",
        "CHECK FAILED",
    ]
    .iter()
    .filter(|n| **n != "CHECK FAILED")
    {
        assert!(page.contains(needle), "index.html lacks {needle:?}");
    }

    let csv = read("results.csv");
    assert!(csv.starts_with("workload,file,category,mode,"));
    assert_eq!(csv.lines().count(), rows.len() + 1);

    let summary = read("summary.md");
    assert!(
        summary.contains("## Headline")
            && summary
                .contains("| workload | gil | free-threaded | subinterpreters | cpython3.11 |")
    );
    assert!(summary.contains("](overview.png)") && summary.contains("(cpu_loop-breakdown.png)"));
    assert!(read("results.md").lines().count() == rows.len() + 2);
    let back = crate::report::read_inputs(&[dir.0.join("results.json")]).unwrap();
    assert_eq!(back.rows.len(), rows.len(), "results.json reads back as the same rows");

    let names: Vec<String> =
        out.files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2 * 4 * 2 + 2 * 2 + 5, "{names:?}");
}

#[test]
fn odd_inputs_give_notes_not_panics() {
    // No rows at all.
    let dir = scratch("empty");
    let out = write_report(&[], &dir.0, &meta()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(std::fs::read_to_string(dir.0.join("index.html")).unwrap().contains("No results"));
    assert!(std::fs::read_to_string(dir.0.join("overview.svg")).unwrap().contains("No results."));

    // One thread count, a null median, NaN everywhere, a failed-only workload, no counters.
    let dir = scratch("odd");
    let mut nan = row("odd", "gil", 1, 1.0);
    nan.median_s = Some(f64::NAN);
    nan.counters.insert("gil_wait_s".into(), f64::NAN);
    let mut nan_rss = row("single", "free-threaded", 1, 0.5);
    nan_rss.counters.insert("peak_rss_bytes".into(), f64::NAN);
    let rows = vec![
        row("single", "gil", 1, 1.0),
        nan_rss,
        nan,
        failed("odd", "free-threaded", 1, "boom"),
        failed("broken", "gil", 2, ""),
    ];
    let out = write_report(&rows, &dir.0, &meta()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let read = |name: &str| std::fs::read_to_string(dir.0.join(name)).unwrap();
    assert!(read("single-speedup.svg").contains("Only one thread count (1) was run"));
    assert!(read("odd-breakdown.svg").contains("No configuration ran and checked"));
    assert!(read("single-memory.svg").contains("neither peak RSS nor allocations"));
    assert!(read("broken-speedup.svg").contains("Only one thread count (2)"));
    let page = read("index.html");
    assert!(
        page.contains("Only one thread count (1) was run") && page.contains("boom"),
        "messages instead of empty charts"
    );
    assert!(page.contains("no samples"), "a failed row with an empty error still says why");
    for f in &out.files {
        if f.extension().is_some_and(|e| e == "png") {
            assert_eq!(std::fs::read(f).unwrap()[..8], PNG_MAGIC);
        }
    }
}

#[test]
fn read_inputs_merges_files_and_reports_bad_ones() {
    let dir = scratch("inputs");
    std::fs::create_dir_all(&dir.0).unwrap();
    let a = dir.0.join("a.json");
    let b = dir.0.join("b.json");
    std::fs::write(
        &a,
        crate::harness::results::to_json(&[row("w", "gil", 1, 1.0), row("w", "gil", 2, 0.7)]),
    )
    .unwrap();
    std::fs::write(&b, crate::harness::results::to_json(&[row("w", "gil", 2, 0.5)])).unwrap();
    let m = read_inputs(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((m.rows.len(), m.replaced), (2, 1));
    let missing = dir.0.join("missing.json");
    let e = read_inputs(&[a, missing]).unwrap_err().to_string();
    assert!(e.contains("missing.json"), "{e}");
    std::fs::write(&b, "").unwrap();
    assert!(read_inputs(&[b]).unwrap_err().to_string().contains("empty"));
}

#[test]
fn several_machines_get_a_provenance_table_and_overlaid_charts() {
    use crate::harness::provenance::Provenance;
    let dir = scratch("machines");
    let machine = |key: &str, cores: usize| {
        let mut p = Provenance::default();
        p.machine.key = key.into();
        p.machine.logical_cores = cores;
        p.run.load_avg = Some([0.1, 0.1, 0.1]);
        p.gilbench.commit = "abc1234".into();
        p
    };
    let laptop = machine("laptop (i7, 2 logical cores)", 2);
    let server = machine("server (EPYC, 64 logical cores)", 64);
    let mut rows = Vec::new();
    for (p, threads, t) in [(&laptop, 2, 0.6), (&server, 64, 0.05)] {
        for mode in ["gil", "free-threaded"] {
            let mut one = row("w", mode, 1, 1.0);
            let mut n = row("w", mode, threads, if mode == "gil" { 1.0 } else { t });
            p.stamp(std::slice::from_mut(&mut one));
            p.stamp(std::slice::from_mut(&mut n));
            rows.extend([one, n]);
        }
    }
    let sources = vec![
        Source { input: "laptop.json".into(), meta: Some(laptop) },
        Source { input: "server.json".into(), meta: Some(server) },
    ];
    let m = ReportMeta {
        generated: utc_timestamp(0),
        inputs: vec!["laptop.json".into(), "server.json".into()],
        sources,
        baseline: None,
    };
    let out = write_report(&rows, &dir.0, &m).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let read = |name: &str| {
        std::fs::read_to_string(dir.0.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let across = read("w-machines.svg");
    assert!(
        across.contains("w: speedup vs threads across machines")
            && across.contains("free-threaded on server")
            && across.contains("gil on laptop")
    );
    for f in ["w_on_laptop-speedup.svg", "w_on_server-breakdown.png", "w-machines.png"] {
        assert!(dir.0.join(f).is_file(), "{f}");
    }
    let page = read("index.html");
    assert!(
        page.contains("<h2 id=\"provenance\">Provenance</h2>")
            && page.contains("laptop.json")
            && page.contains("server (EPYC, 64 logical cores)")
    );
    assert!(
        page.contains("<h2>w across machines</h2>")
            && page.contains("<h2>w on laptop</h2>")
            && page.contains("<h2>w on server</h2>")
    );
    assert!(
        page.find("across machines</h2>") < page.find("<h2>w on laptop</h2>"),
        "the overlay comes before the per-machine sections"
    );
    let summary = read("summary.md");
    assert!(
        summary.contains("## Provenance\n\n| input | machine | CPU |")
            && summary.contains("| server.json | server (EPYC, 64 logical cores) |"),
        "{summary}"
    );
    assert!(summary.contains(
        "## w across machines\n\n![w speedup vs threads across machines](w-machines.png)"
    ));
    assert!(
        summary.contains(
            "| w on server | free-threaded 64t | 1.00x (same) at 64t | 20.00x faster at 64t |"
        ),
        "{summary}"
    );
    assert!(read("results.md").starts_with("| machine | workload |"));
    // results.json keeps both sweeps' provenance and every row's machine: it reads back the same.
    let back = read_inputs(&[dir.0.join("results.json")]).unwrap();
    assert_eq!(back.sources.len(), 2);
    assert_eq!(
        back.rows
            .iter()
            .filter(|r| r.machine.as_deref() == Some("server (EPYC, 64 logical cores)"))
            .count(),
        4
    );
}

#[test]
fn one_machine_report_shows_its_provenance_and_no_overlay() {
    use crate::harness::provenance::Provenance;
    let dir = scratch("one-machine");
    let mut p = Provenance::default();
    p.machine.key = "box (AMD EPYC, 2 logical cores)".into();
    p.machine.logical_cores = 2;
    p.run.load_avg = Some([1.75, 1.0, 0.5]);
    let mut rows = sample_rows();
    p.stamp(&mut rows);
    let m = ReportMeta {
        generated: utc_timestamp(0),
        inputs: vec![],
        sources: vec![Source { input: "this sweep".into(), meta: Some(p) }],
        baseline: None,
    };
    write_report(&rows, &dir.0, &m).unwrap();
    let page = std::fs::read_to_string(dir.0.join("index.html")).unwrap();
    assert!(
        page.contains("<tr><th class=\"l\">machine</th><td class=\"l\">box (AMD EPYC, 2 logical cores)</td></tr>"),
        "one sweep: a two-column table"
    );
    assert!(
        page.contains("1.75 / 1.00 / 0.50 (busy)")
            && page.contains("the machine is busy: its 1-minute load average is 1.75")
    );
    assert!(
        !page.contains("across machines") && page.contains("<h2>cpu_loop</h2>"),
        "titles as before"
    );
    assert!(!dir.0.join("cpu_loop-machines.svg").exists());
    let summary = std::fs::read_to_string(dir.0.join("summary.md")).unwrap();
    assert!(
        summary.contains("| machine | box (AMD EPYC, 2 logical cores) |")
            && summary.contains("**Warning:**")
    );
    // Files without provenance: an "unknown machine" source.
    let old = dir.0.join("old.json");
    std::fs::write(&old, crate::harness::results::to_json(&sample_rows())).unwrap();
    let back = read_inputs(&[old]).unwrap();
    assert_eq!(back.sources.len(), 1);
    assert_eq!(
        (back.sources[0].meta.is_none(), back.sources[0].machine()),
        (true, "unknown machine")
    );
}
