//! pyperf export (`bench --pyperf DIR`): one pyperf JSON file per model and per `--python` interpreter, which `python -m pyperf compare_to` and `pyperf stats` read.
//!
//! The format is pyperf's own (`"version": "1.0"`, pyperf 1.0 and later):
//! `{"version": "1.0", "metadata": {...}, "benchmarks": [{"metadata": {"name": ...}, "runs":
//! [{"metadata": {...}, "values": [...]}]}]}`. Each file is one mode's rows: one benchmark per
//! workload × thread count, named `WORKLOAD/Nt` (`cpu_loop/2t`) in every file, so
//! `compare_to gil.json free-threaded.json` pairs them. A benchmark has one run (gilbench's one
//! worker process per configuration) whose values are the timed samples in seconds (`loops` 1:
//! one value is one round of the workload). Warm-up rounds are not timed by the worker, so no
//! `warmups` are written.
//!
//! Metadata uses pyperf's keys with the types pyperf checks: `hostname`, `cpu_model_name`,
//! `cpu_count` (int), `platform`, `python_implementation`, `python_version`,
//! `python_executable` (for `--python`), `date` (`YYYY-MM-DD HH:MM:SS`, UTC), `load_avg_1min`
//! (number), `unit` (`second`), `loops` (int), and per run `mem_max_rss` (int bytes, the worker's
//! peak RSS). gilbench's own facts go under `gilbench_*` keys. pyperf refuses empty strings,
//! line breaks and values that are not positive, so such metadata is left out, and only rows that
//! ran, passed `check` and have positive samples are exported (the others are listed as skipped).

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::harness::provenance::Provenance;
use crate::harness::results::BenchRow;
use crate::report::views::{file_stem, ReportError};

/// gilbench's own models (their rows have no `interpreter`).
const GILBENCH_IMPLEMENTATION: &str = "gilbench";

/// One pyperf file: its file name and its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Suite {
    /// `gil.json`, `free-threaded.json`, `cpython3.11.json`.
    pub file_name: String,
    pub mode: String,
    pub doc: Value,
    /// How many benchmarks it holds.
    pub benchmarks: usize,
}

/// What [`build`] left out, one line per row (`shared_dict/2t on subinterpreters: check failed`).
pub type Skipped = Vec<String>;

/// The benchmark name of a row: `WORKLOAD/Nt`.
pub fn benchmark_name(row: &BenchRow) -> String {
    format!("{}/{}t", row.workload, row.threads)
}

/// Add `key: text` when the text is usable as pyperf metadata (non-empty, one line).
fn put_str(map: &mut Map<String, Value>, key: &str, text: &str) {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !t.is_empty() {
        map.insert(key.to_string(), Value::String(t));
    }
}

/// The metadata every benchmark of one mode's file shares.
fn suite_metadata(mode: &str, rows: &[&BenchRow], meta: &Provenance) -> Map<String, Value> {
    let mut m = Map::new();
    let machine = &meta.machine;
    put_str(&mut m, "hostname", &machine.hostname);
    if let Some(cpu) = &machine.cpu_model {
        put_str(&mut m, "cpu_model_name", cpu);
    }
    if machine.logical_cores > 0 {
        m.insert("cpu_count".into(), json!(machine.logical_cores));
    }
    let platform = match &machine.kernel {
        Some(k) => format!("Linux-{k}-{}", machine.arch),
        None => machine.arch.clone(),
    };
    put_str(&mut m, "platform", &platform);
    m.insert("unit".into(), json!("second"));
    m.insert("loops".into(), json!(1));
    if let Some(load) = meta.run.load_avg {
        m.insert("load_avg_1min".into(), json!(load[0]));
    }
    if meta.run.unix_time > 0 {
        let (y, mo, d, h, mi, s) = crate::harness::provenance::civil_utc(meta.run.unix_time);
        m.insert("date".into(), json!(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")));
    }
    // The interpreter: a gilbench model, or a `--python` one (found by its row label).
    let python = meta.pythons.iter().find(|p| p.labels.iter().any(|l| l == mode));
    match (python, rows.first().and_then(|r| r.interpreter.as_deref())) {
        (Some(p), _) => {
            put_str(&mut m, "python_implementation", &p.implementation.to_lowercase());
            let build = if p.free_threaded_build { "free-threaded build" } else { "GIL build" };
            let gil = if p.gil_enabled { "GIL enabled" } else { "GIL disabled" };
            put_str(&mut m, "python_version", &format!("{} ({build}, {gil})", p.version));
            put_str(&mut m, "python_executable", &p.path);
        }
        (None, Some(interpreter)) => put_str(&mut m, "python_version", interpreter),
        (None, None) => {
            m.insert("python_implementation".into(), json!(GILBENCH_IMPLEMENTATION));
            put_str(
                &mut m,
                "python_version",
                &format!("3.11 (gilbench {}, {mode} model)", meta.gilbench.version),
            );
        }
    }
    put_str(&mut m, "gilbench_mode", mode);
    put_str(&mut m, "gilbench_version", &meta.gilbench.version);
    put_str(&mut m, "gilbench_commit", &meta.gilbench.commit);
    put_str(&mut m, "gilbench_machine", meta.key());
    if !meta.gilbench.features.is_empty() {
        put_str(&mut m, "gilbench_features", &meta.gilbench.features.join(","));
    }
    m
}

/// Why a row is not exported, or None when it is.
fn skip_reason(row: &BenchRow) -> Option<&'static str> {
    if !row.is_ok() {
        return Some(if row.median_s.is_some() && !row.check_ok {
            "check failed"
        } else {
            "no usable samples (the configuration failed)"
        });
    }
    if row.samples_s.is_empty() || row.samples_s.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
        return Some("a sample is not a positive time");
    }
    None
}

/// One pyperf suite per mode, in first-seen mode order; modes with no exportable row give no file.
pub fn build(rows: &[BenchRow], meta: &Provenance) -> (Vec<Suite>, Skipped) {
    let mut modes: Vec<&str> = Vec::new();
    for r in rows {
        if !modes.contains(&r.mode.as_str()) {
            modes.push(&r.mode);
        }
    }
    let mut suites = Vec::new();
    let mut skipped = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for mode in modes {
        let mine: Vec<&BenchRow> = rows.iter().filter(|r| r.mode == mode).collect();
        let mut benchmarks = Vec::new();
        for r in &mine {
            if let Some(why) = skip_reason(r) {
                skipped.push(format!("{} on {mode}: {why}", benchmark_name(r)));
                continue;
            }
            let mut bench_meta = Map::new();
            bench_meta.insert("name".into(), json!(benchmark_name(r)));
            put_str(&mut bench_meta, "gilbench_workload", &r.workload);
            bench_meta.insert("gilbench_threads".into(), json!(r.threads));
            bench_meta.insert("gilbench_size".into(), json!(r.size));
            let mut run_meta = Map::new();
            if let Some(rss) =
                r.counters.get("peak_rss_bytes").copied().filter(|v| v.is_finite() && *v >= 0.0)
            {
                run_meta.insert("mem_max_rss".into(), json!(rss.round() as u64));
            }
            let mut run = Map::new();
            if !run_meta.is_empty() {
                run.insert("metadata".into(), Value::Object(run_meta));
            }
            run.insert("values".into(), json!(r.samples_s));
            benchmarks.push(json!({"metadata": bench_meta, "runs": [run]}));
        }
        if benchmarks.is_empty() {
            continue;
        }
        let mut file_name = format!("{}.json", file_stem(mode));
        if names.contains(&file_name) {
            file_name = format!("{}-{}.json", file_stem(mode), names.len());
        }
        names.push(file_name.clone());
        let n = benchmarks.len();
        let doc = json!({"version": "1.0", "metadata": suite_metadata(mode, &mine, meta), "benchmarks": benchmarks});
        suites.push(Suite { file_name, mode: mode.to_string(), doc, benchmarks: n });
    }
    (suites, skipped)
}

/// Write [`build`]'s files into `dir` (created if needed; existing files of the same name are
/// replaced). Returns the files written and what was skipped.
pub fn write_dir(
    dir: &Path,
    rows: &[BenchRow],
    meta: &Provenance,
) -> Result<(Vec<PathBuf>, Skipped), ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
    let (suites, skipped) = build(rows, meta);
    let mut files = Vec::new();
    for s in suites {
        let path = dir.join(&s.file_name);
        let text = serde_json::to_string_pretty(&s.doc).expect("pyperf documents serialize") + "\n";
        std::fs::write(&path, text).map_err(|e| ReportError::io(&path, e))?;
        files.push(path);
    }
    Ok((files, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::provenance::{Machine, PythonMeta, RunInfo};
    use crate::report::fixtures::sample_rows;

    fn meta() -> Provenance {
        let machine = Machine {
            key: "box (AMD EPYC, 2 logical cores)".into(),
            hostname: "box".into(),
            cpu_model: Some("AMD EPYC".into()),
            logical_cores: 2,
            kernel: Some("6.1.0".into()),
            arch: "x86_64".into(),
            ..Default::default()
        };
        let mut p = Provenance { machine, ..Default::default() };
        p.gilbench.version = "0.1.0".into();
        p.gilbench.commit = "abc1234".into();
        p.run = RunInfo {
            command: vec!["gilbench".into()],
            date: "2026-12-03T10:15:42Z".into(),
            unix_time: 1_796_292_942,
            load_avg: Some([0.25, 0.5, 0.5]),
        };
        p.pythons.push(PythonMeta {
            path: "python3".into(),
            implementation: "CPython".into(),
            version: "3.11.4".into(),
            gil_enabled: true,
            labels: vec!["cpython3.11".into()],
            ..Default::default()
        });
        p
    }

    #[test]
    fn one_file_per_mode_with_shared_benchmark_names() {
        let rows = sample_rows();
        let (suites, skipped) = build(&rows, &meta());
        let files: Vec<&str> = suites.iter().map(|s| s.file_name.as_str()).collect();
        assert_eq!(
            files,
            ["gil.json", "free-threaded.json", "subinterpreters.json", "cpython3.11.json"]
        );
        assert_eq!(
            skipped,
            ["shared_dict/2t on subinterpreters: no usable samples (the configuration failed)"]
        );
        let names = |s: &Suite| {
            s.doc["benchmarks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["metadata"]["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&suites[0]),
            ["cpu_loop/1t", "cpu_loop/2t", "shared_dict/1t", "shared_dict/2t"]
        );
        assert_eq!(names(&suites[0]), names(&suites[1]), "the same names in every model's file");
        assert_eq!(suites[2].benchmarks, 3);
        let gil = &suites[0].doc;
        assert_eq!(gil["version"], "1.0");
        let first_run = &gil["benchmarks"][0]["runs"][0];
        assert_eq!(first_run["values"], json!([0.98, 1.0, 1.03]));
        assert_eq!(first_run["metadata"]["mem_max_rss"], json!(30 * 1024 * 1024));
        assert!(first_run.get("warmups").is_none(), "warm-ups are not timed, so none are written");
        assert_eq!(gil["benchmarks"][1]["metadata"]["gilbench_threads"], json!(2));
    }

    #[test]
    fn metadata_uses_pyperfs_keys_and_types() {
        let (suites, _) = build(&sample_rows(), &meta());
        let m = &suites[0].doc["metadata"];
        assert_eq!(m["hostname"], "box");
        assert_eq!(m["cpu_model_name"], "AMD EPYC");
        assert_eq!(m["cpu_count"], json!(2));
        assert_eq!(m["platform"], "Linux-6.1.0-x86_64");
        assert_eq!((m["unit"].as_str(), m["loops"].as_i64()), (Some("second"), Some(1)));
        assert_eq!(m["load_avg_1min"], json!(0.25));
        assert_eq!(m["date"], "2026-12-03 10:15:42");
        assert_eq!(m["python_implementation"], "gilbench");
        assert_eq!(m["gilbench_mode"], "gil");
        assert_eq!(m["gilbench_commit"], "abc1234");
        let c = &suites[3].doc["metadata"];
        assert_eq!(c["python_implementation"], "cpython");
        assert_eq!(c["python_version"], "3.11.4 (GIL build, GIL enabled)");
        assert_eq!(c["python_executable"], "python3");
        // pyperf rejects empty or multi-line strings and non-int counts.
        for s in &suites {
            for (k, v) in s.doc["metadata"].as_object().unwrap() {
                match v {
                    Value::String(t) => assert!(!t.is_empty() && !t.contains('\n'), "{k}: {t:?}"),
                    Value::Number(_) => {}
                    other => panic!("{k}: {other:?} is not a pyperf metadata value"),
                }
            }
        }
    }

    #[test]
    fn failed_checks_and_empty_modes_write_nothing_for_them() {
        let mut rows = sample_rows();
        for r in rows.iter_mut().filter(|r| r.mode == "gil") {
            r.check_ok = false;
        }
        let (suites, skipped) = build(&rows, &Provenance::default());
        assert!(
            suites.iter().all(|s| s.mode != "gil"),
            "no file without a benchmark (pyperf refuses one)"
        );
        assert_eq!(skipped.iter().filter(|s| s.ends_with("on gil: check failed")).count(), 4);
        let m = &suites[0].doc["metadata"];
        assert!(
            m.get("hostname").is_none() && m.get("date").is_none(),
            "unknown facts are left out, not made up: {m}"
        );
    }
}
