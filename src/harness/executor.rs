//! `Executor`: how the harness runs one interpreter on one file (a real process, or a mock in tests).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What one run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutput {
    pub exit_code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Wall-clock time of the whole process, start-up included.
    pub wall: Duration,
}

/// An interpreter the harness can run: gilbench in a model, or a real Python.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interpreter {
    /// This gilbench binary with `run --mode MODE`.
    Gilbench { exe: PathBuf, mode: String },
    /// A Python executable (`python3`, `/usr/bin/python3.13t`, ...).
    Python { exe: PathBuf },
}

impl Interpreter {
    /// A short label for tables: `gilbench[gil]`, `python3`.
    pub fn label(&self) -> String {
        match self {
            Interpreter::Gilbench { mode, .. } => format!("gilbench[{mode}]"),
            Interpreter::Python { exe } => exe
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| exe.display().to_string()),
        }
    }
}

/// Runs `interp` on `file`; errors are reported as text (the caller reports, and goes on).
pub trait Executor {
    fn run(&self, interp: &Interpreter, file: &Path) -> Result<RunOutput, String>;
}

/// Spawns a real process and times it.
pub struct ProcessExecutor;

impl Executor for ProcessExecutor {
    fn run(&self, interp: &Interpreter, file: &Path) -> Result<RunOutput, String> {
        let mut cmd = match interp {
            Interpreter::Gilbench { exe, mode } => {
                let mut c = Command::new(exe);
                c.arg("run").arg("--mode").arg(mode).arg(file);
                c
            }
            Interpreter::Python { exe } => {
                let mut c = Command::new(exe);
                c.arg(file);
                c
            }
        };
        let start = Instant::now();
        let out = cmd.output().map_err(|e| format!("cannot start {}: {e}", interp.label()))?;
        let wall = start.elapsed();
        Ok(RunOutput {
            exit_code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            wall,
        })
    }
}
