//! Saved sweeps (`--save-baseline NAME`) and the comparison of a new sweep against one (`--baseline NAME`), with criterion-style verdicts from a Mann–Whitney U test.
//!
//! Where baselines live: `NAME` is a plain name (`[A-Za-z0-9._-]`, not starting with a dot)
//! stored as `target/gilbench/baselines/NAME.json` under the current directory, like
//! criterion's `target/criterion`; the environment variable `GILBENCH_BASELINE_DIR` moves that
//! directory. A `NAME` that contains a `/` or ends in `.json` is a file path used as given, so
//! any `--json` output of `gilbench bench` can serve as a baseline. The file is the same
//! document as `--json`: `{"results": [row, ...]}`.
//!
//! The comparison: each row of the new sweep is matched with the baseline row of the same
//! (workload, model, threads); the size is not part of the key, a changed size is shown. For a
//! pair that both ran and checked, `change` is the relative change of the median, and the
//! verdict comes from the two-sided Mann–Whitney U test on the two sets of samples
//! ([`super::stats::mann_whitney_u`]) at [`SIGNIFICANCE`]:
//! * `regressed`: significant, and the median grew by more than the threshold (`--regression-threshold`, default 5%);
//! * `improved`: significant, and the median shrank by more than the threshold;
//! * `within noise`: significant, but the change is within the threshold;
//! * `no change`: not significant;
//! * `too few samples`: the test cannot reach significance with these sample counts (fewer than
//!   4 a side), so nothing is claimed.
//!
//! `--fail-on-regression` turns any `regressed` row into exit status 1.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::results::BenchRow;
use super::stats::{mann_whitney_u, u_distribution};

/// Where named baselines go, relative to the current directory.
pub const BASELINE_DIR: &str = "target/gilbench/baselines";
/// Environment variable that replaces [`BASELINE_DIR`].
pub const ENV_BASELINE_DIR: &str = "GILBENCH_BASELINE_DIR";
/// p-value below which a change is significant.
pub const SIGNIFICANCE: f64 = 0.05;
/// Default `--regression-threshold`, in percent.
pub const DEFAULT_THRESHOLD_PCT: f64 = 5.0;

/// Why a baseline could not be read or written.
#[derive(Debug, Error)]
pub enum BaselineError {
    #[error("invalid baseline name '{0}': use letters, digits, '.', '_' and '-' (or a path ending in .json)")]
    BadName(String),
    #[error("no baseline '{name}': {} does not exist (save one with --save-baseline {name})", path.display())]
    NotFound { name: String, path: PathBuf },
    #[error("{}: cannot read: {reason}", path.display())]
    Read { path: PathBuf, reason: std::io::Error },
    #[error("{}: not a gilbench results file ({{\"results\": [...]}}): {reason}", path.display())]
    Parse { path: PathBuf, reason: String },
    #[error("{}: cannot write: {reason}", path.display())]
    Write { path: PathBuf, reason: std::io::Error },
}

/// The directory of named baselines: `$GILBENCH_BASELINE_DIR`, else [`BASELINE_DIR`].
pub fn default_dir() -> PathBuf {
    std::env::var_os(ENV_BASELINE_DIR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(BASELINE_DIR))
}

/// The file of baseline `name` in `dir` (a path-like name is used as given).
pub fn baseline_path(name: &str, dir: &Path) -> Result<PathBuf, BaselineError> {
    if name.contains('/') || name.contains(std::path::MAIN_SEPARATOR) || name.ends_with(".json") {
        return Ok(PathBuf::from(name));
    }
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(BaselineError::BadName(name.to_string()));
    }
    Ok(dir.join(format!("{name}.json")))
}

/// Read the rows of a `{"results": [...]}` document (a baseline or a `--json` file).
pub fn read_rows(path: &Path) -> Result<Vec<BenchRow>, BaselineError> {
    #[derive(serde::Deserialize)]
    struct Doc {
        results: Vec<BenchRow>,
    }
    let text = std::fs::read_to_string(path)
        .map_err(|reason| BaselineError::Read { path: path.to_path_buf(), reason })?;
    let doc: Doc = serde_json::from_str(&text)
        .map_err(|e| BaselineError::Parse { path: path.to_path_buf(), reason: e.to_string() })?;
    Ok(doc.results)
}

/// Load baseline `name` (from [`default_dir`] unless it is a path).
pub fn load(name: &str, dir: &Path) -> Result<(PathBuf, Vec<BenchRow>), BaselineError> {
    let path = baseline_path(name, dir)?;
    if !path.exists() {
        return Err(BaselineError::NotFound { name: name.to_string(), path });
    }
    let rows = read_rows(&path)?;
    Ok((path, rows))
}

/// Store `rows` as baseline `name`, creating the directory; written to a temp file and renamed,
/// so a crash never leaves half a baseline. Returns the file written.
pub fn save(name: &str, dir: &Path, rows: &[BenchRow]) -> Result<PathBuf, BaselineError> {
    save_with_meta(name, dir, rows, &[])
}

/// [`save`] with the sweep's provenance as the document's `"meta"` (see `results::to_json_with_meta`).
pub fn save_with_meta(
    name: &str,
    dir: &Path,
    rows: &[BenchRow],
    meta: &[super::provenance::Provenance],
) -> Result<PathBuf, BaselineError> {
    let path = baseline_path(name, dir)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|reason| BaselineError::Write { path: parent.to_path_buf(), reason })?;
    }
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    std::fs::write(&tmp, super::results::to_json_with_meta(rows, meta) + "\n")
        .map_err(|reason| BaselineError::Write { path: tmp.clone(), reason })?;
    std::fs::rename(&tmp, &path)
        .map_err(|reason| BaselineError::Write { path: path.clone(), reason })?;
    Ok(path)
}

/// A note when the baseline's rows were measured on another machine than `machine` (a key of
/// `provenance`): a change may then be the machine's, not the code's. None when they match or
/// the baseline predates provenance.
pub fn machine_note(old: &[BenchRow], machine: &str) -> Option<String> {
    let mut theirs: Vec<&str> = old.iter().filter_map(|r| r.machine.as_deref()).collect();
    theirs.sort_unstable();
    theirs.dedup();
    if theirs.is_empty() || theirs.contains(&machine) {
        return None;
    }
    Some(format!(
        "the baseline was measured on {}, this sweep on {machine}: a change may be the machine's, not the code's",
        theirs.join(", ")
    ))
}

/// The outcome of comparing one configuration with the baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Regressed,
    Improved,
    WithinNoise,
    NoChange,
    /// Too few samples for the test to ever reach significance.
    TooFewSamples,
    /// No comparison: why (absent from the baseline, failed now or then).
    NotCompared(String),
}

impl Verdict {
    pub fn label(&self) -> String {
        match self {
            Verdict::Regressed => "regressed".into(),
            Verdict::Improved => "improved".into(),
            Verdict::WithinNoise => "within noise".into(),
            Verdict::NoChange => "no change".into(),
            Verdict::TooFewSamples => "too few samples (need 4+ a side)".into(),
            Verdict::NotCompared(why) => why.clone(),
        }
    }
}

/// One configuration of the new sweep against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub workload: String,
    pub mode: String,
    pub threads: usize,
    pub old_size: Option<u64>,
    pub new_size: u64,
    pub old_median_s: Option<f64>,
    pub new_median_s: Option<f64>,
    /// (new - old) / old, in percent.
    pub change_pct: Option<f64>,
    pub p_value: Option<f64>,
    pub verdict: Verdict,
}

/// The smallest two-sided p-value the exact test can give with `n1` vs `n2` samples: `2 / C(n1+n2, n1)`.
pub fn min_p_value(n1: usize, n2: usize) -> f64 {
    if n1 == 0 || n2 == 0 {
        return 1.0;
    }
    let total: f64 = u_distribution(n1, n2).iter().sum();
    (2.0 / total).min(1.0)
}

/// The verdict for one pair of rows that both ran and checked.
pub fn judge(
    old: &BenchRow,
    new: &BenchRow,
    threshold_pct: f64,
) -> (Option<f64>, Option<f64>, Verdict) {
    let (Some(o), Some(n)) = (old.median_s, new.median_s) else {
        return (None, None, Verdict::NotCompared("no median".into()));
    };
    let change = (n - o) / o * 100.0;
    let test = mann_whitney_u(&old.samples_s, &new.samples_s);
    let p = test.map(|t| t.p_value);
    if min_p_value(old.samples_s.len(), new.samples_s.len()) >= SIGNIFICANCE {
        return (Some(change), p, Verdict::TooFewSamples);
    }
    let verdict = match p {
        Some(p) if p < SIGNIFICANCE => {
            if change > threshold_pct {
                Verdict::Regressed
            } else if change < -threshold_pct {
                Verdict::Improved
            } else {
                Verdict::WithinNoise
            }
        }
        _ => Verdict::NoChange,
    };
    (Some(change), p, verdict)
}

/// Every row of `current`, in order, against the baseline row with the same (workload, model, threads).
pub fn compare(baseline: &[BenchRow], current: &[BenchRow], threshold_pct: f64) -> Vec<Comparison> {
    current
        .iter()
        .map(|new| {
            let old = baseline.iter().find(|b| {
                b.workload == new.workload && b.mode == new.mode && b.threads == new.threads
            });
            let mut c = Comparison {
                workload: new.workload.clone(),
                mode: new.mode.clone(),
                threads: new.threads,
                old_size: old.map(|o| o.size),
                new_size: new.size,
                old_median_s: old.and_then(|o| o.median_s),
                new_median_s: new.median_s,
                change_pct: None,
                p_value: None,
                verdict: Verdict::NoChange,
            };
            c.verdict = match old {
                None => Verdict::NotCompared("not in the baseline".into()),
                Some(_) if !new.is_ok() => Verdict::NotCompared("failed now".into()),
                Some(o) if !o.is_ok() => Verdict::NotCompared("failed in the baseline".into()),
                Some(o) => {
                    let (change, p, v) = judge(o, new, threshold_pct);
                    c.change_pct = change;
                    c.p_value = p;
                    v
                }
            };
            c
        })
        .collect()
}

/// The configurations that regressed.
pub fn regressions(comparisons: &[Comparison]) -> Vec<&Comparison> {
    comparisons.iter().filter(|c| c.verdict == Verdict::Regressed).collect()
}

fn secs(x: Option<f64>) -> String {
    x.map(|s| format!("{s:.4}")).unwrap_or_else(|| "-".into())
}

/// The comparison table, printed after the sweep's tables.
pub fn render(comparisons: &[Comparison], baseline: &str, threshold_pct: f64) -> String {
    let mut out = format!("Comparison with baseline {baseline}\n");
    out.push_str(&format!(
        "  {:<20} {:<16} {:>7} {:>11} {:>11} {:>8} {:>7}  {}\n",
        "workload", "model", "threads", "old median", "new median", "change", "p", "verdict"
    ));
    for c in comparisons {
        let change = c.change_pct.map(|p| format!("{p:+.1}%")).unwrap_or_else(|| "-".into());
        let p = c.p_value.map(|p| format!("{p:.3}")).unwrap_or_else(|| "-".into());
        let mut verdict = c.verdict.label();
        if let Some(old) = c.old_size.filter(|&s| s != c.new_size) {
            verdict.push_str(&format!(" (size {old} -> {})", c.new_size));
        }
        out.push_str(&format!(
            "  {:<20} {:<16} {:>7} {:>11} {:>11} {:>8} {:>7}  {verdict}\n",
            c.workload,
            c.mode,
            c.threads,
            secs(c.old_median_s),
            secs(c.new_median_s),
            change,
            p
        ));
    }
    out.push_str(&format!(
        "verdicts: two-sided Mann–Whitney U test on the samples, significant when p < {SIGNIFICANCE}; regressed / improved = significant and \
         the median moved by more than {threshold_pct}%; within noise = significant but smaller; no change = not significant\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(workload: &str, mode: &str, threads: usize, samples: &[f64]) -> BenchRow {
        let mut r = BenchRow::new(workload, &format!("{workload}.py"), None, mode, threads, 100);
        r.set_samples(samples.to_vec());
        r.check_ok = true;
        r
    }

    const BASE: [f64; 5] = [1.00, 1.01, 0.99, 1.02, 0.98];

    #[test]
    fn verdicts_follow_significance_and_threshold() {
        let old = row("w", "gil", 1, &BASE);
        let slower = row("w", "gil", 1, &[1.20, 1.21, 1.19, 1.22, 1.18]);
        let (change, p, v) = judge(&old, &slower, 5.0);
        assert!((change.unwrap() - 20.0).abs() < 1e-9);
        assert!(
            (p.unwrap() - 2.0 / 252.0).abs() < 1e-12,
            "fully separated 5 vs 5: exact p = 2/252"
        );
        assert_eq!(v, Verdict::Regressed);
        assert_eq!(
            judge(&old, &slower, 25.0).2,
            Verdict::WithinNoise,
            "significant but below a 25% threshold"
        );
        let faster = row("w", "gil", 1, &[0.80, 0.81, 0.79, 0.82, 0.78]);
        assert_eq!(judge(&old, &faster, 5.0).2, Verdict::Improved);
        // Interleaved samples: a 1% shift in the median, not significant.
        let same = row("w", "gil", 1, &[1.005, 1.015, 0.985, 1.025, 0.995]);
        let (_, p, v) = judge(&old, &same, 5.0);
        assert!(p.unwrap() > 0.5);
        assert_eq!(v, Verdict::NoChange);
        // A noisy 30% slower run that overlaps the baseline is not called a regression.
        let noisy = row("w", "gil", 1, &[0.9, 1.3, 1.0, 1.4, 1.35]);
        assert_eq!(judge(&old, &noisy, 5.0).2, Verdict::NoChange);
        // Three samples a side can never be significant (min p = 0.1).
        let three = row("w", "gil", 1, &[2.0, 2.1, 2.2]);
        assert_eq!(
            judge(&row("w", "gil", 1, &[1.0, 1.1, 1.2]), &three, 5.0).2,
            Verdict::TooFewSamples
        );
        assert!(
            (min_p_value(3, 3) - 0.1).abs() < 1e-12
                && (min_p_value(4, 4) - 2.0 / 70.0).abs() < 1e-12
        );
    }

    #[test]
    fn rows_match_by_workload_model_and_threads() {
        let baseline = vec![
            row("w", "gil", 1, &BASE),
            row("w", "gil", 2, &BASE),
            row("w", "free-threaded", 2, &BASE),
        ];
        let mut failed = row("w", "free-threaded", 2, &[0.5]);
        failed.check_ok = false;
        let mut bigger = row("w", "gil", 2, &[2.0, 2.1, 2.2, 2.3, 2.4]);
        bigger.size = 1000;
        let current = vec![
            row("w", "gil", 1, &[1.0, 1.01, 0.99, 1.02, 0.98]),
            bigger,
            failed,
            row("w", "subinterpreters", 2, &BASE),
        ];
        let cmp = compare(&baseline, &current, 5.0);
        assert_eq!(cmp.len(), 4);
        assert_eq!(cmp[0].verdict, Verdict::NoChange);
        assert_eq!(cmp[1].verdict, Verdict::Regressed);
        assert_eq!((cmp[1].old_size, cmp[1].new_size), (Some(100), 1000));
        assert_eq!(cmp[2].verdict, Verdict::NotCompared("failed now".into()));
        assert_eq!(cmp[3].verdict, Verdict::NotCompared("not in the baseline".into()));
        assert_eq!(regressions(&cmp).len(), 1);
        let text = render(&cmp, "'main'", 5.0);
        let line = text.lines().find(|l| l.contains("regressed")).unwrap();
        assert!(
            line.contains("1.0000")
                && line.contains("2.2000")
                && line.contains("+120.0%")
                && line.contains("0.008")
                && line.contains("(size 100 -> 1000)"),
            "{text}"
        );
        assert!(text.contains("not in the baseline"), "{text}");
    }

    #[test]
    fn names_paths_and_round_trip() {
        let dir =
            std::env::temp_dir().join(format!("gilbench-baseline-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(baseline_path("main", &dir).unwrap(), dir.join("main.json"));
        assert_eq!(baseline_path("out/x.json", &dir).unwrap(), PathBuf::from("out/x.json"));
        assert!(matches!(baseline_path("", &dir), Err(BaselineError::BadName(_))));
        assert!(matches!(baseline_path("..", &dir), Err(BaselineError::BadName(_))));
        assert!(matches!(baseline_path("a b", &dir), Err(BaselineError::BadName(_))));
        let missing = load("nope", &dir).unwrap_err();
        assert!(missing.to_string().contains("--save-baseline nope"), "{missing}");
        let rows = vec![row("w", "gil", 1, &BASE)];
        let path = save("v1", &dir.join("nested"), &rows).unwrap();
        assert!(path.ends_with("nested/v1.json"));
        let (back_path, back) = load("v1", &dir.join("nested")).unwrap();
        assert_eq!((back_path, back), (path.clone(), rows.clone()));
        std::fs::write(&path, "{\"rows\": []}").unwrap();
        assert!(matches!(load("v1", &dir.join("nested")), Err(BaselineError::Parse { .. })));
        // A baseline with provenance loads the same rows.
        let mut meta = crate::harness::provenance::Provenance::default();
        meta.machine.key = "box (cpu, 2 logical cores)".into();
        let mut stamped = rows.clone();
        meta.stamp(&mut stamped);
        let path = save_with_meta("v2", &dir, &stamped, std::slice::from_ref(&meta)).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("\"meta\""));
        assert_eq!(load("v2", &dir).unwrap().1, stamped);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_baseline_from_another_machine_is_noted() {
        let mut old = vec![row("w", "gil", 1, &BASE)];
        assert_eq!(
            machine_note(&old, "box (cpu, 2 logical cores)"),
            None,
            "a baseline without provenance claims nothing"
        );
        old[0].machine = Some("box (cpu, 2 logical cores)".into());
        assert_eq!(machine_note(&old, "box (cpu, 2 logical cores)"), None);
        let note = machine_note(&old, "server (cpu, 64 logical cores)").unwrap();
        assert_eq!(note, "the baseline was measured on box (cpu, 2 logical cores), this sweep on server (cpu, 64 logical cores): a change may be the machine's, not the code's");
    }
}
