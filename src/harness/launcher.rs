//! The real [`ConfigLauncher`]: one fresh `gilbench __bench-worker` process per configuration, with a timeout.
//!
//! The worker writes its [`WorkerReport`] as JSON to a temp file named on its command line (never
//! to stdout: workloads may print). Its stdout is discarded and its stderr goes to another temp
//! file, whose last lines explain a failure. A worker killed by a signal is reported as a crash,
//! one still running at the timeout is killed, and one that exits without a readable report is
//! an error; in every case the sweep carries on with the next configuration.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::bench::{ConfigLauncher, LaunchError, LaunchRequest};
use super::worker::{WorkerConfig, WorkerReport};

/// The hidden subcommand a worker process runs.
pub const WORKER_SUBCOMMAND: &str = "__bench-worker";

/// How many lines of the worker's stderr a failure quotes.
const TAIL_LINES: usize = 6;

/// The worker's command line after the executable:
/// `__bench-worker --mode M --threads N --size S --warmup W --repeat R [--memory-limit BYTES] --report PATH -- FILE`.
pub fn worker_args(
    config: &WorkerConfig,
    memory_limit: Option<u64>,
    file: &Path,
    report: &Path,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![WORKER_SUBCOMMAND.into()];
    for (flag, value) in [
        ("--mode", config.mode.name().to_string()),
        ("--threads", config.threads.to_string()),
        ("--size", config.size.to_string()),
        ("--warmup", config.warmup.to_string()),
        ("--repeat", config.repeat.to_string()),
    ] {
        args.push(flag.into());
        args.push(value.into());
    }
    if let Some(bytes) = memory_limit {
        args.push("--memory-limit".into());
        args.push(bytes.to_string().into());
    }
    args.push("--report".into());
    args.push(report.into());
    args.push("--".into());
    args.push(file.into());
    args
}

/// Write a report where the parent will look for it (via a temp file and a rename, so the
/// parent never reads half a report).
pub fn write_report(path: &Path, report: &WorkerReport) -> std::io::Result<()> {
    let json = serde_json::to_string(report).map_err(std::io::Error::other)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, path)
}

/// Launches `exe __bench-worker ...` per configuration (or, for `--python` rows, the real
/// interpreter on the driver script).
pub struct ProcessLauncher {
    /// This binary (`std::env::current_exe()`).
    pub exe: PathBuf,
    /// Where report and stderr files go (removed after each run).
    pub scratch: PathBuf,
    /// The driver script real interpreters run (written by [`ProcessLauncher::with_driver`]).
    pub driver: Option<PathBuf>,
}

impl ProcessLauncher {
    pub fn new(exe: PathBuf) -> ProcessLauncher {
        ProcessLauncher { exe, scratch: std::env::temp_dir(), driver: None }
    }

    /// Also able to run `--python` rows: the driver script is written to the scratch directory
    /// (and removed when the launcher is dropped).
    pub fn with_driver(mut self) -> Result<ProcessLauncher, super::python::PythonError> {
        self.driver = Some(super::python::write_driver(&self.scratch)?);
        Ok(self)
    }

    /// The command of one configuration, stdio not yet set.
    fn command(
        &self,
        request: &LaunchRequest,
        file: &Path,
        report: &Path,
    ) -> Result<Command, LaunchError> {
        let Some(run) = &request.python else {
            let mut cmd = Command::new(&self.exe);
            cmd.args(worker_args(&request.config, request.memory_limit, file, report));
            if request.memory_limit.is_some() {
                // Address space reserved but never used would count against the limit: mimalloc's
                // 1 GiB first arena (reserve in small steps instead) and glibc malloc's 64 MiB
                // arena per thread (glibc serves only incidental C allocations here: one arena).
                for (var, value) in super::limits::WORKER_ENV {
                    cmd.env(var, value);
                }
            }
            return Ok(cmd);
        };
        let driver = self.driver.as_ref().ok_or_else(|| {
            LaunchError::Spawn(
                "no driver script for real interpreters (ProcessLauncher::with_driver)".into(),
            )
        })?;
        let c = &request.config;
        let mut cmd = Command::new(&run.path);
        cmd.arg(driver)
            .arg(file)
            .arg("--report")
            .arg(report)
            .args(["--mode", run.kind.driver_mode()]);
        cmd.args([
            "--threads",
            &c.threads.to_string(),
            "--size",
            &c.size.to_string(),
            "--warmup",
            &c.warmup.to_string(),
            "--repeat",
            &c.repeat.to_string(),
        ]);
        if let Some(bytes) = request.memory_limit {
            cmd.args(["--memory-limit", &bytes.to_string()]);
        }
        super::python::apply_env(&mut cmd);
        Ok(cmd)
    }
}

impl Drop for ProcessLauncher {
    fn drop(&mut self) {
        if let Some(driver) = &self.driver {
            let _ = std::fs::remove_file(driver);
        }
    }
}

/// Removes the per-run temp files however the run ends.
struct TempFiles(Vec<PathBuf>);

impl Drop for TempFiles {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl ConfigLauncher for ProcessLauncher {
    fn launch(&self, request: &LaunchRequest) -> Result<WorkerReport, LaunchError> {
        static RUN: AtomicUsize = AtomicUsize::new(0);
        let stem = format!(
            "gilbench-bench-{}-{}",
            std::process::id(),
            RUN.fetch_add(1, Ordering::Relaxed)
        );
        let report_path = self.scratch.join(format!("{stem}.report.json"));
        let stderr_path = self.scratch.join(format!("{stem}.stderr"));
        let mut part = report_path.as_os_str().to_owned();
        part.push(".part");
        let _cleanup =
            TempFiles(vec![report_path.clone(), stderr_path.clone(), PathBuf::from(part)]);
        let _ = std::fs::remove_file(&report_path);
        let stderr = File::create(&stderr_path).map_err(|e| {
            LaunchError::Spawn(format!("cannot create {}: {e}", stderr_path.display()))
        })?;
        let file = std::path::absolute(&request.file).unwrap_or_else(|_| request.file.clone());
        let program = request.python.as_ref().map_or(&self.exe, |p| &p.path).clone();
        let mut child = self
            .command(request, &file, &report_path)?
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| LaunchError::Spawn(format!("{}: {e}", program.display())))?;

        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() >= request.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(LaunchError::TimedOut { secs: request.timeout.as_secs_f64() });
                }
                Ok(None) => {
                    std::thread::sleep(
                        pause
                            .min(request.timeout.saturating_sub(start.elapsed()))
                            .max(Duration::from_millis(1)),
                    );
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(LaunchError::Spawn(format!("cannot wait for the worker: {e}")));
                }
            }
        };
        let report = match std::fs::read(&report_path) {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Err(_) => None,
        };
        interpret_exit(
            status.code(),
            signal_of(&status),
            report.as_deref(),
            &stderr_tail(&stderr_path),
        )
    }
}

/// Turn a finished worker's exit status, report file and stderr tail into its outcome.
///
/// A worker that ran out of memory (an abort or exit whose stderr says so, see
/// [`super::limits::out_of_memory_in`]) is "out of memory", not a crash. Any other signal is a
/// crash whatever was written; a readable report wins otherwise (a non-zero exit after it is
/// added as the error when the report has none); without a report, an exit quotes stderr (the
/// workload may have called `os._exit(n)`).
pub fn interpret_exit(
    code: Option<i32>,
    signal: Option<i32>,
    report: Option<&str>,
    stderr_tail: &str,
) -> Result<WorkerReport, LaunchError> {
    let out_of_memory = super::limits::out_of_memory_in(stderr_tail);
    if let (Some(line), true) =
        (out_of_memory, report.is_none() && (signal.is_some() || code != Some(0)))
    {
        return Err(LaunchError::OutOfMemory { detail: line.to_string() });
    }
    if let Some(signal) = signal {
        return Err(LaunchError::Crashed { signal, name: signal_name(signal) });
    }
    let code = code.unwrap_or(-1);
    match report {
        Some(text) => {
            let mut report: WorkerReport =
                serde_json::from_str(text).map_err(|e| LaunchError::BadReport(e.to_string()))?;
            if code != 0 && report.error.is_none() {
                let exited = LaunchError::Exited { code, stderr_tail: stderr_tail.to_string() };
                report.error = Some(format!("{exited} (after writing its report)"));
            }
            Ok(report)
        }
        None => Err(LaunchError::Exited { code, stderr_tail: stderr_tail.to_string() }),
    }
}

/// The last few non-empty lines of a file (at most its last 64 KiB are read).
pub fn stderr_tail(path: &Path) -> String {
    let Ok(mut f) = File::open(path) else { return String::new() };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = f.seek(SeekFrom::Start(len.saturating_sub(64 * 1024)));
    let mut bytes = Vec::new();
    let _ = f.read_to_end(&mut bytes);
    tail_lines(&String::from_utf8_lossy(&bytes), TAIL_LINES)
}

/// The last `n` non-empty lines of `text`, each cut to 300 characters.
pub fn tail_lines(text: &str, n: usize) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.chars().count() > 300 {
                format!("{}...", l.chars().take(300).collect::<String>())
            } else {
                l.to_string()
            }
        })
        .collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal_of(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// The usual name of a POSIX signal number (Linux numbering).
pub fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::ModelKind;

    fn report_json(error: Option<&str>) -> String {
        let r = WorkerReport {
            samples_s: vec![0.5],
            check_ok: error.is_none(),
            error: error.map(str::to_string),
            ..Default::default()
        };
        serde_json::to_string(&r).unwrap()
    }

    #[test]
    fn worker_command_line() {
        let c = WorkerConfig {
            mode: ModelKind::FreeThreaded,
            threads: 4,
            size: 1000,
            warmup: 1,
            repeat: 5,
        };
        let args: Vec<String> =
            worker_args(&c, None, Path::new("/w/-odd.py"), Path::new("/tmp/r.json"))
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
        assert_eq!(
            args.join(" "),
            "__bench-worker --mode free-threaded --threads 4 --size 1000 --warmup 1 --repeat 5 --report /tmp/r.json -- /w/-odd.py"
        );
        let args: Vec<String> =
            worker_args(&c, Some(1 << 30), Path::new("w.py"), Path::new("r.json"))
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
        assert_eq!(args.join(" "), "__bench-worker --mode free-threaded --threads 4 --size 1000 --warmup 1 --repeat 5 --memory-limit 1073741824 --report r.json -- w.py");
    }

    #[test]
    fn exit_statuses_become_outcomes() {
        assert_eq!(
            interpret_exit(None, Some(11), Some(&report_json(None)), "").unwrap_err().to_string(),
            "crashed (signal 11, SIGSEGV)"
        );
        assert_eq!(
            interpret_exit(None, Some(64), None, "").unwrap_err().to_string(),
            "crashed (signal 64)"
        );
        let ok = interpret_exit(Some(0), None, Some(&report_json(None)), "").unwrap();
        assert_eq!(ok.samples_s, vec![0.5]);
        let errored =
            interpret_exit(Some(0), None, Some(&report_json(Some("ValueError: x"))), "").unwrap();
        assert_eq!(errored.error.as_deref(), Some("ValueError: x"));
        let late = interpret_exit(Some(3), None, Some(&report_json(None)), "oops").unwrap();
        assert_eq!(
            late.error.as_deref(),
            Some("worker exited with status 3:\noops (after writing its report)")
        );
        assert_eq!(
            interpret_exit(Some(70), None, None, "thread panicked\nat src/x.rs").unwrap_err(),
            LaunchError::Exited { code: 70, stderr_tail: "thread panicked\nat src/x.rs".into() }
        );
        assert_eq!(
            interpret_exit(Some(70), None, None, "boom").unwrap_err().to_string(),
            "worker exited with status 70:\nboom"
        );
        // os._exit(0) in a workload: no report, a clean status.
        assert_eq!(
            interpret_exit(Some(0), None, None, "").unwrap_err().to_string(),
            "worker exited with status 0 before writing its report"
        );
        assert_eq!(
            interpret_exit(Some(3), None, None, "").unwrap_err().to_string(),
            "worker exited with status 3"
        );
        // Out of memory: Rust's allocation failure abort, or a MemoryError traceback, is not a crash.
        assert_eq!(
            interpret_exit(None, Some(6), None, "memory allocation of 4194304 bytes failed")
                .unwrap_err()
                .to_string(),
            "out of memory (MemoryError): memory allocation of 4194304 bytes failed"
        );
        assert_eq!(
            interpret_exit(Some(1), None, None, "Traceback (most recent call last):\nMemoryError")
                .unwrap_err(),
            LaunchError::OutOfMemory { detail: "MemoryError".into() }
        );
        assert_eq!(
            interpret_exit(None, Some(6), None, "assertion failed").unwrap_err().to_string(),
            "crashed (signal 6, SIGABRT)"
        );
        assert!(interpret_exit(None, Some(9), None, "").unwrap_err().to_string().starts_with(
            "crashed (signal 9, SIGKILL): killed from outside, e.g. by the kernel's out-of-memory killer"
        ));
        assert!(matches!(
            interpret_exit(Some(0), None, Some("{not json"), ""),
            Err(LaunchError::BadReport(_))
        ));
    }

    #[test]
    fn tails_keep_the_last_non_empty_lines() {
        assert_eq!(tail_lines("a\n\nb\nc\n\n", 2), "b\nc");
        assert_eq!(tail_lines("", 3), "");
        assert_eq!(tail_lines(&"x".repeat(400), 1).len(), 303);
    }

    #[test]
    fn reports_round_trip_through_the_file() {
        let dir =
            std::env::temp_dir().join(format!("gilbench-launcher-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.json");
        let r = WorkerReport {
            samples_s: vec![0.25, 0.5],
            setup_s: 0.1,
            startup_s: 0.01,
            check_ok: true,
            error: None,
            counters: [("gil_acquisitions".to_string(), 3.0)].into(),
        };
        write_report(&path, &r).unwrap();
        let back =
            interpret_exit(Some(0), None, Some(&std::fs::read_to_string(&path).unwrap()), "")
                .unwrap();
        assert_eq!(back, r);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The real launcher against `/bin/sh` standing in for the worker: a crash, a hang, a
    /// non-zero exit and a missing report are all reported, and temp files are removed.
    #[cfg(unix)]
    #[test]
    fn process_launcher_reports_crashes_hangs_and_exits() {
        let dir =
            std::env::temp_dir().join(format!("gilbench-launcher-proc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = |name: &str, script: &str| {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            ProcessLauncher { exe: path, scratch: dir.clone(), driver: None }
        };
        let request = |timeout_ms: u64| LaunchRequest {
            file: PathBuf::from("w.py"),
            config: WorkerConfig {
                mode: ModelKind::Gil,
                threads: 1,
                size: 10,
                warmup: 0,
                repeat: 1,
            },
            timeout: Duration::from_millis(timeout_ms),
            python: None,
            memory_limit: None,
        };
        // argv: $1 = __bench-worker ... the report path is the 13th argument.
        let good = fake(
            "good.sh",
            r#"echo noise; echo '{"samples_s":[0.5],"setup_s":0,"startup_s":0,"check_ok":true,"error":null,"counters":{}}' > "${13}""#,
        );
        assert_eq!(good.launch(&request(10_000)).unwrap().samples_s, vec![0.5]);
        let crash = fake("crash.sh", "kill -SEGV $$");
        assert_eq!(
            crash.launch(&request(10_000)).unwrap_err().to_string(),
            "crashed (signal 11, SIGSEGV)"
        );
        let hang = fake("hang.sh", "exec sleep 30");
        let t = Instant::now();
        assert!(matches!(hang.launch(&request(200)).unwrap_err(), LaunchError::TimedOut { .. }));
        assert!(t.elapsed() < Duration::from_secs(10));
        let exits = fake(
            "exit.sh",
            "echo 'Traceback (most recent call last):' >&2; echo 'ValueError: bad' >&2; exit 1",
        );
        assert_eq!(
            exits.launch(&request(10_000)).unwrap_err().to_string(),
            "worker exited with status 1:\nTraceback (most recent call last):\nValueError: bad"
        );
        let silent = fake("silent.sh", "exit 0");
        assert!(matches!(
            silent.launch(&request(10_000)).unwrap_err(),
            LaunchError::Exited { code: 0, .. }
        ));
        let missing =
            ProcessLauncher { exe: dir.join("does-not-exist"), scratch: dir.clone(), driver: None };
        assert!(matches!(missing.launch(&request(10_000)).unwrap_err(), LaunchError::Spawn(_)));
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("gilbench-bench-"))
            .collect();
        assert!(leftovers.is_empty(), "temp files left behind: {leftovers:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
