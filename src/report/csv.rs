//! CSV export of sweep rows: one line per `BenchRow`, its counters as columns (the union of their names).

use std::collections::BTreeSet;

use crate::harness::results::BenchRow;
use crate::report::views::status_word;

/// The fixed columns, before the counters.
pub const COLUMNS: [&str; 23] = [
    "workload",
    "file",
    "category",
    "mode",
    "interpreter",
    "threads",
    "size",
    "status",
    "median_s",
    "min_s",
    "max_s",
    "spread_pct",
    "ci_low_s",
    "ci_high_s",
    "unstable",
    "setup_s",
    "startup_s",
    "check_ok",
    "speedup_vs_1t",
    "speedup_vs_gil_1t",
    "samples_s",
    "error",
    "machine",
];

/// Quote a field when it holds a comma, quote, or line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A multi-line message on one line: its non-empty lines joined with ` | `.
fn one_line(s: &str) -> String {
    s.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join(" | ")
}

/// A number at full precision; empty for none or non-finite.
fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

/// The rows as CSV (header line, then exactly one line per row; lines end with `\n`; a
/// multi-line error is joined with ` | `). Counter columns follow the fixed ones, sorted by
/// name, each empty where a row lacks that counter.
pub fn to_csv(rows: &[BenchRow]) -> String {
    let counters: BTreeSet<&str> =
        rows.iter().flat_map(|r| r.counters.keys().map(String::as_str)).collect();
    let mut out = String::new();
    let header: Vec<String> =
        COLUMNS.iter().map(|c| c.to_string()).chain(counters.iter().map(|c| field(c))).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for r in rows {
        let samples = r.samples_s.iter().map(|s| num(Some(*s))).collect::<Vec<_>>().join(";");
        let mut cells = vec![
            field(&r.workload),
            field(&r.file),
            field(r.category.as_deref().unwrap_or("")),
            field(&r.mode),
            field(r.interpreter.as_deref().unwrap_or("")),
            r.threads.to_string(),
            r.size.to_string(),
            field(status_word(r)),
            num(r.median_s),
            num(r.min_s),
            num(r.max_s),
            num(r.spread_pct),
            num(r.ci_low_s),
            num(r.ci_high_s),
            r.unstable.to_string(),
            num(Some(r.setup_s)),
            num(Some(r.startup_s)),
            r.check_ok.to_string(),
            num(r.speedup_vs_1t),
            num(r.speedup_vs_gil_1t),
            field(&samples),
            field(&one_line(r.error.as_deref().unwrap_or(""))),
            field(r.machine.as_deref().unwrap_or("")),
        ];
        cells.extend(counters.iter().map(|c| num(r.counters.get(*c).copied())));
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::{failed, row, sample_rows};

    /// Split one CSV document into records of fields (enough of RFC 4180 for these tests).
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut records = vec![];
        let mut rec = vec![];
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', true) => quoted = false,
                ('"', false) => quoted = true,
                (',', false) => rec.push(std::mem::take(&mut cur)),
                ('\n', false) => {
                    rec.push(std::mem::take(&mut cur));
                    records.push(std::mem::take(&mut rec));
                }
                (c, _) => cur.push(c),
            }
        }
        records
    }

    #[test]
    fn header_counters_and_one_line_per_row() {
        let rows = sample_rows();
        let csv = to_csv(&rows);
        let recs = parse(&csv);
        assert_eq!(recs.len(), rows.len() + 1);
        let header = &recs[0];
        assert_eq!(&header[..COLUMNS.len()], COLUMNS.map(String::from).as_slice());
        let counters: Vec<&str> = header[COLUMNS.len()..].iter().map(String::as_str).collect();
        assert_eq!(
            counters,
            [
                "allocations",
                "blocked_s",
                "gc_collections",
                "gc_pause_s",
                "gil_acquisitions",
                "gil_wait_s",
                "heap_peak_bytes",
                "lock_wait_s",
                "object_locks_contended",
                "peak_rss_bytes",
                "stw_wait_s",
                "xi_bytes",
                "xi_copy_s"
            ]
        );
        assert!(recs.iter().all(|r| r.len() == header.len()), "every record has every column");
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        // gil 2t of cpu_loop: median 1.0, a GIL wait, no lock wait.
        let gil2 = &recs[2];
        assert_eq!((gil2[col("mode")].as_str(), gil2[col("threads")].as_str()), ("gil", "2"));
        assert_eq!(gil2[col("median_s")], "1");
        assert_eq!(gil2[col("gil_wait_s")], "0.4");
        assert_eq!(gil2[col("lock_wait_s")], "");
        assert_eq!(gil2[col("samples_s")], "0.98;1;1.03");
        let bad = recs.iter().find(|r| r[col("status")] == "ERROR").unwrap();
        assert_eq!(
            bad[col("error")],
            "worker exited with status 1: | ValueError: boom",
            "one line per row"
        );
        assert_eq!(csv.lines().count(), rows.len() + 1);
        assert_eq!(bad[col("median_s")], "");
        let cpy = recs.iter().find(|r| r[col("mode")] == "cpython3.11").unwrap();
        assert_eq!(cpy[col("interpreter")], "CPython 3.11.4, GIL enabled");
        assert_eq!(cpy[col("machine")], "", "a row without provenance has no machine");
        let mut on = row("w", "gil", 1, 1.0);
        on.machine = Some("box (cpu, 2 logical cores)".into());
        assert_eq!(parse(&to_csv(&[on]))[1][col("machine")], "box (cpu, 2 logical cores)");
    }

    #[test]
    fn empty_and_odd_values() {
        assert_eq!(to_csv(&[]), COLUMNS.join(",") + "\n");
        let mut r = row("a,\"b\"", "gil", 1, 1.0);
        r.median_s = Some(f64::NAN);
        r.counters.insert("x".into(), f64::INFINITY);
        let recs = parse(&to_csv(&[r, failed("w", "gil", 1, "e")]));
        assert_eq!(recs[1][0], "a,\"b\"");
        assert_eq!(recs[1][COLUMNS.iter().position(|c| *c == "median_s").unwrap()], "");
        assert_eq!(recs[1].last().unwrap(), "");
        assert_eq!(recs.len(), 3);
    }
}
