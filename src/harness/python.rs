//! Real Python interpreters beside the models (`gilbench bench --python PATH`): probing one, naming its rows, and the driver script it runs.
//!
//! The driver is `tools/cpython_workload.py`, embedded in the binary so `--python` works from any
//! directory; the launcher writes it to its scratch directory and runs
//! `PATH driver.py FILE --report R --mode threads|interpreters ...` for each configuration. The
//! driver speaks the same report format as `gilbench __bench-worker`, so real-interpreter rows go
//! through the same timeout, crash and check handling, tables, JSON and charts.
//!
//! Each `--python` gives a threads row set (labelled `cpython3.11`, or `cpython3.14t` when the GIL
//! is disabled) and, when the interpreter has `concurrent.interpreters` (3.14+), an interpreters
//! row set (`cpython3.14-interpreters`). Without it the rows are skipped with a note, never faked.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;
use thiserror::Error;

/// The driver script's source (`tools/cpython_workload.py`).
pub const DRIVER_SOURCE: &str = include_str!("../../tools/cpython_workload.py");

/// File name the driver is written under.
pub const DRIVER_FILE_NAME: &str = "gilbench_cpython_workload.py";

/// Why a `--python` interpreter cannot be used.
#[derive(Debug, Error)]
pub enum PythonError {
    #[error("--python {path}: cannot run it: {reason}")]
    Spawn { path: String, reason: std::io::Error },
    #[error("--python {path}: the probe failed (exit status {code:?}): {stderr}")]
    Probe { path: String, code: Option<i32>, stderr: String },
    #[error("--python {path}: cannot understand its self-description {text:?}: {reason}")]
    Describe { path: String, text: String, reason: String },
    #[error("cannot write the driver script {path}: {reason}")]
    Driver { path: PathBuf, reason: std::io::Error },
}

/// What the driver's `--describe` reports about an interpreter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PythonInfo {
    /// `CPython`, `PyPy`, ...
    pub implementation: String,
    /// `3.11.7`.
    pub version: String,
    /// `sys.version` on one line (compiler, build date).
    #[serde(default)]
    pub build: Option<String>,
    pub gil_enabled: bool,
    /// Built with `Py_GIL_DISABLED` (the GIL may still be enabled at run time, `PYTHON_GIL=1`).
    #[serde(default)]
    pub free_threaded_build: bool,
    /// `concurrent.interpreters` imports (CPython 3.14+).
    pub interpreters: bool,
}

/// How a real interpreter runs a workload's workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PythonKind {
    /// Threads sharing one `setup` state (the driver's `--mode threads`).
    Threads,
    /// One `concurrent.interpreters` interpreter per worker (`--mode interpreters`).
    Interpreters,
}

impl PythonKind {
    /// The driver's `--mode` value.
    pub fn driver_mode(self) -> &'static str {
        match self {
            PythonKind::Threads => "threads",
            PythonKind::Interpreters => "interpreters",
        }
    }
}

/// One configuration's interpreter: which Python, described, and how its workers run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonRun {
    /// The command as given to `--python` (a path or a name on PATH).
    pub path: PathBuf,
    pub info: PythonInfo,
    pub kind: PythonKind,
    /// The row's mode column: `cpython3.11`, `cpython3.14t`, `cpython3.14-interpreters`.
    pub label: String,
}

impl PythonRun {
    /// `CPython 3.11.7, GIL enabled` (+ `, interpreters` for the interpreters rows).
    pub fn description(&self) -> String {
        let gil = if self.info.gil_enabled { "GIL enabled" } else { "GIL disabled" };
        let kind = match self.kind {
            PythonKind::Threads => "threads",
            PythonKind::Interpreters => "one interpreter per worker",
        };
        format!("{} {}, {gil}, {kind}", self.info.implementation, self.info.version)
    }
}

/// `cpython3.11`: the implementation in lower case and the major.minor version, with CPython's
/// `t` suffix when the GIL is disabled, and `-interpreters` for the interpreters rows.
pub fn mode_label(info: &PythonInfo, kind: PythonKind) -> String {
    let minor: String = info.version.split('.').take(2).collect::<Vec<_>>().join(".");
    let t = if info.gil_enabled { "" } else { "t" };
    let suffix = match kind {
        PythonKind::Threads => "",
        PythonKind::Interpreters => "-interpreters",
    };
    format!("{}{minor}{t}{suffix}", info.implementation.to_lowercase())
}

/// Parse the driver's `--describe` line.
pub fn parse_info(path: &str, text: &str) -> Result<PythonInfo, PythonError> {
    let line = text.lines().rev().find(|l| l.trim_start().starts_with('{')).unwrap_or("");
    serde_json::from_str(line.trim()).map_err(|e| PythonError::Describe {
        path: path.into(),
        text: text.trim().into(),
        reason: e.to_string(),
    })
}

/// The runs one interpreter contributes, labelled; plus a note for each kind it cannot run.
/// `taken` holds labels already used, so two `--python` of one version stay apart (`#2`).
pub fn runs_for(
    path: &Path,
    info: &PythonInfo,
    taken: &mut Vec<String>,
) -> (Vec<PythonRun>, Vec<String>) {
    let mut runs = Vec::new();
    let mut notes = Vec::new();
    for kind in [PythonKind::Threads, PythonKind::Interpreters] {
        if kind == PythonKind::Interpreters && !info.interpreters {
            notes.push(format!(
                "{} ({} {}) has no concurrent.interpreters (new in CPython 3.14): its interpreter rows are skipped",
                path.display(),
                info.implementation,
                info.version
            ));
            continue;
        }
        let base = mode_label(info, kind);
        let mut label = base.clone();
        let mut n = 2;
        while taken.contains(&label) {
            label = format!("{base}#{n}");
            n += 1;
        }
        taken.push(label.clone());
        runs.push(PythonRun { path: path.to_path_buf(), info: info.clone(), kind, label });
    }
    (runs, notes)
}

/// Write the driver into `dir` (once per sweep) and return its path.
pub fn write_driver(dir: &Path) -> Result<PathBuf, PythonError> {
    let path = dir.join(format!("gilbench-{}-{DRIVER_FILE_NAME}", std::process::id()));
    std::fs::write(&path, DRIVER_SOURCE)
        .map_err(|reason| PythonError::Driver { path: path.clone(), reason })?;
    Ok(path)
}

/// Environment every real-interpreter run gets: no bytecode files next to the workloads, UTF-8
/// I/O, and no user start-up hooks that would time something else.
pub fn apply_env(cmd: &mut Command) {
    cmd.env("PYTHONDONTWRITEBYTECODE", "1").env("PYTHONUTF8", "1").env("PYTHONIOENCODING", "utf-8");
    cmd.env_remove("PYTHONSTARTUP").env_remove("PYTHONINSPECT").env_remove("PYTHONWARNINGS");
}

/// Ask `path` to describe itself through the driver at `driver`.
pub fn probe(path: &Path, driver: &Path) -> Result<PythonInfo, PythonError> {
    let shown = path.display().to_string();
    let mut cmd = Command::new(path);
    cmd.arg(driver).arg("--describe").stdin(Stdio::null());
    apply_env(&mut cmd);
    let out = cmd.output().map_err(|reason| PythonError::Spawn { path: shown.clone(), reason })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(PythonError::Probe {
            path: shown,
            code: out.status.code(),
            stderr: super::launcher::tail_lines(&stderr, 4),
        });
    }
    parse_info(&shown, &String::from_utf8_lossy(&out.stdout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(version: &str, gil: bool, interpreters: bool) -> PythonInfo {
        PythonInfo {
            implementation: "CPython".into(),
            version: version.into(),
            build: None,
            gil_enabled: gil,
            free_threaded_build: !gil,
            interpreters,
        }
    }

    #[test]
    fn labels_follow_cpythons_spelling() {
        assert_eq!(mode_label(&info("3.11.7", true, false), PythonKind::Threads), "cpython3.11");
        assert_eq!(mode_label(&info("3.14.0", false, true), PythonKind::Threads), "cpython3.14t");
        assert_eq!(
            mode_label(&info("3.14.0", true, true), PythonKind::Interpreters),
            "cpython3.14-interpreters"
        );
    }

    #[test]
    fn interpreters_rows_need_the_module_and_say_so() {
        let mut taken = Vec::new();
        let (runs, notes) =
            runs_for(Path::new("python3"), &info("3.11.7", true, false), &mut taken);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].kind, PythonKind::Threads);
        assert_eq!(runs[0].description(), "CPython 3.11.7, GIL enabled, threads");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("no concurrent.interpreters"), "{}", notes[0]);

        let (runs, notes) =
            runs_for(Path::new("python3.14"), &info("3.14.0", true, true), &mut taken);
        assert_eq!(
            runs.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            ["cpython3.14", "cpython3.14-interpreters"]
        );
        assert!(notes.is_empty());
        let (again, _) =
            runs_for(Path::new("/opt/python3.14"), &info("3.14.1", true, true), &mut taken);
        assert_eq!(again[0].label, "cpython3.14#2", "two interpreters of one version stay apart");
    }

    #[test]
    fn describe_lines_are_parsed_or_refused() {
        let ok = parse_info("p", "noise\n{\"implementation\": \"CPython\", \"version\": \"3.13.0\", \"gil_enabled\": false, \"interpreters\": false}\n").unwrap();
        assert_eq!(ok.version, "3.13.0");
        assert!(!ok.gil_enabled);
        assert!(matches!(parse_info("p", "Python 2.7"), Err(PythonError::Describe { .. })));
    }
}
