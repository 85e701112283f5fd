//! `gilbench microbench`: small pure-Python programs under gilbench and a real Python, side by
//! side in one run, with the time ratio of each and a check that both printed the same output.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::executor::{Executor, Interpreter, RunOutput};

/// What to run.
pub struct MicroConfig {
    pub files: Vec<PathBuf>,
    pub subject: Interpreter,
    pub baseline: Option<Interpreter>,
    /// Runs per interpreter and file; the minimum is reported (the least noisy estimate).
    pub repeat: usize,
}

/// Timings of the successful runs of one interpreter on one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub min: Duration,
    pub median: Duration,
    pub runs: usize,
    /// Stdout of the first run (compared across interpreters).
    pub stdout: String,
}

/// One benchmark's row.
#[derive(Debug, Clone, PartialEq)]
pub struct MicroRow {
    pub name: String,
    pub subject: Result<Timing, String>,
    pub baseline: Option<Result<Timing, String>>,
}

impl MicroRow {
    /// subject time / baseline time (above 1: the subject is slower), when both ran.
    pub fn ratio(&self) -> Option<f64> {
        match (&self.subject, &self.baseline) {
            (Ok(s), Some(Ok(b))) if b.min > Duration::ZERO => {
                Some(s.min.as_secs_f64() / b.min.as_secs_f64())
            }
            _ => None,
        }
    }

    /// Whether both interpreters printed the same stdout (None when one did not run).
    pub fn outputs_match(&self) -> Option<bool> {
        match (&self.subject, &self.baseline) {
            (Ok(s), Some(Ok(b))) => Some(s.stdout == b.stdout),
            _ => None,
        }
    }
}

/// The default benchmark files: `benches/micro/*.py`, sorted.
pub fn default_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("benches/micro"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "py"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn time_runs(
    exec: &dyn Executor,
    interp: &Interpreter,
    file: &Path,
    repeat: usize,
) -> Result<Timing, String> {
    let mut walls = Vec::with_capacity(repeat);
    let mut first: Option<RunOutput> = None;
    for _ in 0..repeat.max(1) {
        let out = exec.run(interp, file)?;
        if out.exit_code != Some(0) {
            let last = out.stderr.lines().last().unwrap_or("").to_string();
            return Err(format!("{} exited with {:?}: {last}", interp.label(), out.exit_code));
        }
        walls.push(out.wall);
        first.get_or_insert(out);
    }
    walls.sort();
    Ok(Timing {
        min: walls[0],
        median: walls[walls.len() / 2],
        runs: walls.len(),
        stdout: first.map(|o| o.stdout).unwrap_or_default(),
    })
}

/// Run every file under the subject and the baseline, alternating so drift hits both alike.
pub fn run(exec: &dyn Executor, config: &MicroConfig) -> Vec<MicroRow> {
    config
        .files
        .iter()
        .map(|file| {
            let name =
                file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let subject = time_runs(exec, &config.subject, file, config.repeat);
            let baseline =
                config.baseline.as_ref().map(|b| time_runs(exec, b, file, config.repeat));
            MicroRow { name, subject, baseline }
        })
        .collect()
}

/// Geometric mean of the ratios of the rows that have one.
pub fn geomean_ratio(rows: &[MicroRow]) -> Option<f64> {
    let ratios: Vec<f64> = rows.iter().filter_map(MicroRow::ratio).collect();
    if ratios.is_empty() {
        return None;
    }
    Some((ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp())
}

/// The table printed by `gilbench microbench`.
pub fn render(rows: &[MicroRow], config: &MicroConfig) -> String {
    let subject = config.subject.label();
    let baseline = config.baseline.as_ref().map(|b| b.label());
    let mut out = String::new();
    out.push_str(&format!(
        "{:<16} {:>16} {:>16} {:>8}  output\n",
        "benchmark",
        format!("{subject} s"),
        baseline.as_ref().map(|b| format!("{b} s")).unwrap_or_else(|| "-".into()),
        "ratio"
    ));
    let secs = |t: &Result<Timing, String>| match t {
        Ok(t) => format!("{:.3}", t.min.as_secs_f64()),
        Err(_) => "failed".into(),
    };
    for r in rows {
        let ratio = r.ratio().map(|x| format!("{x:.2}x")).unwrap_or_else(|| "-".into());
        let check = match r.outputs_match() {
            Some(true) => "same".to_string(),
            Some(false) => "DIFFERENT".to_string(),
            None => "-".to_string(),
        };
        out.push_str(&format!(
            "{:<16} {:>16} {:>16} {:>8}  {check}\n",
            r.name,
            secs(&r.subject),
            r.baseline.as_ref().map(secs).unwrap_or_else(|| "-".into()),
            ratio
        ));
        for err in [r.subject.as_ref().err(), r.baseline.as_ref().and_then(|b| b.as_ref().err())]
            .into_iter()
            .flatten()
        {
            out.push_str(&format!("  error: {err}\n"));
        }
    }
    if let Some(g) = geomean_ratio(rows) {
        out.push_str(&format!(
            "geometric mean ratio: {g:.2}x ({subject} time / {} time; below 1 means {subject} is faster)\n",
            baseline.unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "times: minimum wall-clock of {} runs each, process start-up included\n",
        config.repeat.max(1)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Returns canned outputs per (interpreter label, file name).
    struct MockExecutor(HashMap<(String, String), RunOutput>);

    impl Executor for MockExecutor {
        fn run(&self, interp: &Interpreter, file: &Path) -> Result<RunOutput, String> {
            let key = (interp.label(), file.file_name().unwrap().to_string_lossy().into_owned());
            self.0.get(&key).cloned().ok_or_else(|| format!("no such program {key:?}"))
        }
    }

    fn out(ms: u64, stdout: &str, code: i32) -> RunOutput {
        RunOutput {
            exit_code: Some(code),
            stdout: stdout.into(),
            stderr: "Traceback...\nValueError: boom".into(),
            wall: Duration::from_millis(ms),
        }
    }

    fn config(files: &[&str]) -> MicroConfig {
        MicroConfig {
            files: files.iter().map(PathBuf::from).collect(),
            subject: Interpreter::Gilbench { exe: "gilbench".into(), mode: "gil".into() },
            baseline: Some(Interpreter::Python { exe: "python3".into() }),
            repeat: 3,
        }
    }

    #[test]
    fn ratios_output_checks_and_failures() {
        let mut m = HashMap::new();
        m.insert(("gilbench[gil]".into(), "a.py".into()), out(300, "x 1\n", 0));
        m.insert(("python3".into(), "a.py".into()), out(200, "x 1\n", 0));
        m.insert(("gilbench[gil]".into(), "b.py".into()), out(100, "y 2\n", 0));
        m.insert(("python3".into(), "b.py".into()), out(400, "y 3\n", 0));
        m.insert(("gilbench[gil]".into(), "c.py".into()), out(100, "", 1));
        m.insert(("python3".into(), "c.py".into()), out(100, "z\n", 0));
        let cfg = config(&["a.py", "b.py", "c.py"]);
        let rows = run(&MockExecutor(m), &cfg);
        assert_eq!(rows.len(), 3, "a failing benchmark does not stop the others");
        assert!((rows[0].ratio().unwrap() - 1.5).abs() < 1e-9);
        assert_eq!(rows[0].outputs_match(), Some(true));
        assert!((rows[1].ratio().unwrap() - 0.25).abs() < 1e-9);
        assert_eq!(rows[1].outputs_match(), Some(false));
        assert!(rows[2].subject.as_ref().unwrap_err().contains("ValueError: boom"));
        assert_eq!(rows[2].ratio(), None);
        // geometric mean of 1.5 and 0.25
        assert!((geomean_ratio(&rows).unwrap() - (1.5f64 * 0.25).sqrt()).abs() < 1e-9);
        let table = render(&rows, &cfg);
        assert!(
            table.contains("1.50x") && table.contains("DIFFERENT") && table.contains("failed"),
            "{table}"
        );
    }
}
