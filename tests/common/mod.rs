//! Shared helpers for the integration tests: running the interpreter with a timeout, the `.expected` file format, traceback-aware comparison and a tiny thread pool.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Execution models every conformance program is run in (as spelled on the CLI).
pub const MODES: [&str; 3] = ["gil", "free-threaded", "subinterpreters"];

/// Environment variable: command (split on whitespace) used instead of `gilbench run --mode M`,
/// e.g. `GILBENCH_TEST_INTERPRETER=python3`. The program path is appended.
pub const ENV_INTERPRETER: &str = "GILBENCH_TEST_INTERPRETER";
/// Environment variable: when `1`, rewrite every `.expected` file from python3 instead of comparing.
pub const ENV_REGENERATE: &str = "GILBENCH_REGENERATE";
/// Environment variable: per-run timeout in seconds (default 10).
pub const ENV_TIMEOUT: &str = "GILBENCH_TEST_TIMEOUT";
/// Environment variable: only run corpus programs whose relative path contains this substring.
pub const ENV_FILTER: &str = "GILBENCH_CONFORMANCE_FILTER";
/// Environment variable: worker threads for the corpus runs (default: cores clamped to 2..=4).
pub const ENV_THREADS: &str = "GILBENCH_TEST_THREADS";
/// Environment variable: the python used as the reference (default `python3`).
pub const ENV_PYTHON: &str = "GILBENCH_PYTHON";

pub fn gilbench_bin() -> &'static str {
    env!("CARGO_BIN_EXE_gilbench")
}

/// The interpreter override from `GILBENCH_TEST_INTERPRETER`, split into words.
pub fn interpreter_override() -> Option<Vec<String>> {
    let v = std::env::var(ENV_INTERPRETER).ok()?;
    let words: Vec<String> = v.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        None
    } else {
        Some(words)
    }
}

pub fn python_cmd() -> String {
    std::env::var(ENV_PYTHON)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "python3".to_string())
}

/// Whether the reference python is on PATH *and* is CPython 3.11, the version the committed
/// expectations come from (another version's messages differ; comparing live would be noise).
pub fn python_available() -> bool {
    Command::new(python_cmd())
        .args(["-c", "import sys; print(sys.version_info[:2] == (3, 11))"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "True")
        .unwrap_or(false)
}

pub fn timeout() -> Duration {
    let secs =
        std::env::var(ENV_TIMEOUT).ok().and_then(|s| s.trim().parse::<f64>().ok()).unwrap_or(10.0);
    Duration::from_secs_f64(secs.max(0.1))
}

/// Environment applied to every child so CPython behaves reproducibly (harmless for gilbench).
pub fn apply_python_env(cmd: &mut Command) {
    cmd.env("PYTHONDONTWRITEBYTECODE", "1").env("PYTHONUTF8", "1").env("PYTHONIOENCODING", "utf-8");
    cmd.env_remove("PYTHONSTARTUP").env_remove("PYTHONINSPECT").env_remove("PYTHONWARNINGS");
    // Programs see stdout as a plain pipe sees it (block-buffered in CPython): what `os._exit`
    // loses must not depend on the caller's environment.
    cmd.env_remove("PYTHONUNBUFFERED");
}

/// Command running `file` (relative to `dir`) the way the tests run programs:
/// `gilbench run --mode MODE FILE ARGS...`, or `<override> FILE ARGS...` when `GILBENCH_TEST_INTERPRETER` is set.
pub fn interpreter_command(mode: &str, dir: &Path, file: &str, args: &[&str]) -> Command {
    let mut cmd = match interpreter_override() {
        Some(words) => {
            let mut c = Command::new(&words[0]);
            c.args(&words[1..]);
            c
        }
        None => {
            let mut c = Command::new(gilbench_bin());
            c.args(["run", "--mode", mode]);
            c
        }
    };
    cmd.arg(file).args(args).current_dir(dir);
    apply_python_env(&mut cmd);
    cmd
}

/// `python3 FILE` in `dir`.
pub fn python_command(dir: &Path, file: &str) -> Command {
    let mut cmd = Command::new(python_cmd());
    cmd.arg(file).current_dir(dir);
    apply_python_env(&mut cmd);
    cmd
}

/// What a finished (or killed) child did.
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub spawn_error: Option<String>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl RunOutput {
    pub fn describe_status(&self) -> String {
        if let Some(e) = &self.spawn_error {
            return format!("failed to start: {e}");
        }
        if self.timed_out {
            return format!("timed out after {:.1}s (killed)", self.elapsed.as_secs_f64());
        }
        match (self.code, self.signal) {
            (Some(c), _) => format!("exit {c}"),
            (None, Some(s)) => format!("killed by signal {s}"),
            _ => "unknown status".to_string(),
        }
    }
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

/// Runs `cmd` with stdin from `stdin` (or /dev/null), capturing output; kills it after `limit`.
pub fn run_with_timeout(mut cmd: Command, limit: Duration, stdin: Option<&[u8]>) -> RunOutput {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let start = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunOutput {
                code: None,
                signal: None,
                timed_out: false,
                spawn_error: Some(format!("{e} ({cmd:?})")),
                stdout: String::new(),
                stderr: String::new(),
                elapsed: start.elapsed(),
            }
        }
    };
    let stdin_thread = match (stdin, child.stdin.take()) {
        (Some(data), Some(mut pipe)) => {
            let data = data.to_vec();
            Some(std::thread::spawn(move || {
                let _ = pipe.write_all(&data);
            }))
        }
        _ => None,
    };
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {
                if start.elapsed() >= limit {
                    timed_out = true;
                    let _ = child.kill();
                    break child.wait().ok();
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => break None,
        }
    };
    let elapsed = start.elapsed();
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    if let Some(t) = stdin_thread {
        let _ = t.join();
    }
    RunOutput {
        code: if timed_out { None } else { status.and_then(|s| s.code()) },
        signal: status.as_ref().and_then(signal_of),
        timed_out,
        spawn_error: None,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        elapsed,
    }
}

/// Replaces absolute references to `dir` in traceback `File "..."` lines by the bare file name,
/// so CPython (which prints the absolute script path) and an interpreter printing the relative one agree.
pub fn normalize_paths(text: &str, dir: &Path) -> String {
    let mut out = text.to_string();
    let mut prefixes = vec![dir.to_path_buf()];
    if let Ok(c) = dir.canonicalize() {
        prefixes.push(c);
    }
    for p in prefixes {
        let p = p.to_string_lossy().trim_end_matches('/').to_string();
        if p.is_empty() {
            continue;
        }
        out = out.replace(&format!("File \"{p}/"), "File \"");
        out = out.replace(&format!("'{p}/"), "'");
    }
    out = out.replace("File \"./", "File \"");
    out
}

// ---------------------------------------------------------------------------------------------
// Corpus discovery
// ---------------------------------------------------------------------------------------------

/// One corpus program.
#[derive(Debug, Clone)]
pub struct Program {
    /// Path relative to tests/conformance, e.g. `errors/key_error.py` (used in reports).
    pub name: String,
    /// Directory the program is run from.
    pub dir: PathBuf,
    /// File name passed to the interpreter, e.g. `key_error.py`.
    pub file: String,
    /// The `.expected` file next to it.
    pub expected_path: PathBuf,
}

pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("conformance")
}

/// Every program under tests/conformance (recursively), skipping `_*.py` helper modules, sorted,
/// restricted by `GILBENCH_CONFORMANCE_FILTER` when set.
pub fn programs() -> Vec<Program> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Program>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let fname = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if !fname.starts_with('.') && fname != "__pycache__" {
                    walk(root, &path, out);
                }
            } else if fname.ends_with(".py") && !fname.starts_with('_') {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push(Program {
                    name: rel,
                    dir: dir.to_path_buf(),
                    expected_path: path.with_extension("expected"),
                    file: fname,
                });
            }
        }
    }
    let root = corpus_root();
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    if let Ok(filter) = std::env::var(ENV_FILTER) {
        if !filter.is_empty() {
            out.retain(|p| p.name.contains(&filter));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The .expected format
// ---------------------------------------------------------------------------------------------
//
//   # @generated by python3 NAME.py; regenerate with GILBENCH_REGENERATE=1 cargo test --test conformance
//   exit: 0
//   stdout: 3 lines
//   <3 lines of stdout, verbatim>
//   stderr: 0 lines
//
// A section header reads `stdout: N lines` (N verbatim lines follow) and gains the suffix
// `, no newline at end` when the output's last line was not terminated by `\n`.
// stderr is stored with absolute paths of the program's directory removed (see `normalize_paths`).

/// Exit status, stdout and stderr as recorded from CPython.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub exit: i32,
    pub stdout: String,
    pub stderr: String,
}

fn split_section(text: &str) -> (Vec<&str>, bool) {
    if text.is_empty() {
        return (Vec::new(), true);
    }
    match text.strip_suffix('\n') {
        Some(body) => (body.split('\n').collect(), true),
        None => (text.split('\n').collect(), false),
    }
}

fn write_section(out: &mut String, label: &str, text: &str) {
    let (lines, terminated) = split_section(text);
    let plural = if lines.len() == 1 { "line" } else { "lines" };
    out.push_str(&format!("{label}: {} {plural}", lines.len()));
    if !terminated {
        out.push_str(", no newline at end");
    }
    out.push('\n');
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
}

pub fn format_expected(file: &str, e: &Expected) -> String {
    format_expected_with(
        &format!("# @generated by python3 {file}; regenerate with GILBENCH_REGENERATE=1 cargo test --test conformance"),
        e,
    )
}

/// An `.expected` file under the given `# @generated ...` header line.
pub fn format_expected_with(header: &str, e: &Expected) -> String {
    let mut out = format!("{header}\n");
    out.push_str(&format!("exit: {}\n", e.exit));
    write_section(&mut out, "stdout", &e.stdout);
    write_section(&mut out, "stderr", &e.stderr);
    out
}

pub fn parse_expected(text: &str) -> Result<Expected, String> {
    let mut lines = text.split('\n');
    let mut lineno = 0usize;
    let mut next = |what: &str| -> Result<String, String> {
        lineno += 1;
        lines
            .next()
            .map(str::to_string)
            .ok_or_else(|| format!("unexpected end of file (expected {what} at line {lineno})"))
    };
    let header = next("the # @generated line")?;
    if !header.starts_with('#') {
        return Err(format!("first line must be the `# @generated` comment, got {header:?}"));
    }
    let exit_line = next("`exit: N`")?;
    let exit = exit_line
        .strip_prefix("exit: ")
        .and_then(|s| s.trim().parse::<i32>().ok())
        .ok_or_else(|| format!("bad exit line {exit_line:?}"))?;
    let mut read_section = |label: &str| -> Result<String, String> {
        let h = next(label)?;
        let rest = h
            .strip_prefix(&format!("{label}: "))
            .ok_or_else(|| format!("expected `{label}: N lines`, got {h:?}"))?;
        let (count_part, terminated) = match rest.strip_suffix(", no newline at end") {
            Some(r) => (r, false),
            None => (rest, true),
        };
        let n: usize = count_part
            .trim_end_matches(" lines")
            .trim_end_matches(" line")
            .parse()
            .map_err(|_| format!("bad section header {h:?}"))?;
        let mut body = Vec::with_capacity(n);
        for _ in 0..n {
            body.push(next(label)?);
        }
        let mut s = body.join("\n");
        if terminated && n > 0 {
            s.push('\n');
        }
        Ok(s)
    };
    let stdout = read_section("stdout")?;
    let stderr = read_section("stderr")?;
    Ok(Expected { exit, stdout, stderr })
}

pub fn load_expected(p: &Program) -> Result<Expected, String> {
    let text = std::fs::read_to_string(&p.expected_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (generate it with GILBENCH_REGENERATE=1 cargo test --test conformance)",
            p.expected_path.display()
        )
    })?;
    parse_expected(&text).map_err(|e| format!("{}: {e}", p.expected_path.display()))
}

/// Runs the reference python on `p` and turns the result into an `Expected` (paths normalized).
pub fn python_reference(p: &Program) -> Result<Expected, String> {
    let out = run_with_timeout(python_command(&p.dir, &p.file), Duration::from_secs(60), None);
    let exit = out
        .code
        .ok_or_else(|| format!("{} under {}: {}", p.name, python_cmd(), out.describe_status()))?;
    Ok(Expected { exit, stdout: out.stdout, stderr: normalize_paths(&out.stderr, &p.dir) })
}

/// With `GILBENCH_REGENERATE=1`, rewrites every `.expected` file from python3 (once per test
/// process) and returns true: the calling test should then return without comparing.
pub fn regenerate_if_requested() -> bool {
    static DONE: std::sync::Once = std::sync::Once::new();
    if std::env::var(ENV_REGENERATE).map(|v| v == "1").unwrap_or(false) {
        DONE.call_once(|| {
            let progs = programs();
            let results = parallel_map(&progs, |p| python_reference(p).map(|e| (p.clone(), e)));
            let mut errors = Vec::new();
            for r in results {
                match r {
                    Ok((p, e)) => std::fs::write(&p.expected_path, format_expected(&p.file, &e))
                        .unwrap_or_else(|err| {
                            panic!("writing {}: {err}", p.expected_path.display())
                        }),
                    Err(e) => errors.push(e),
                }
            }
            assert!(errors.is_empty(), "regeneration failed:\n{}", errors.join("\n"));
            report_line(&format!(
                "regenerated {} .expected files from {}",
                progs.len(),
                python_cmd()
            ));
        });
        return true;
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// Standard-library modules that gilbench implements as Python source of its own: their frames
/// (CPython's `.../threading.py`, gilbench's `<frozen threading>`) differ in path and line
/// numbers, so tracebacks are compared without them.
const LIBRARY_MODULES: [&str; 2] = ["threading", "queue"];

/// True for a traceback `File "..."` line inside one of [`LIBRARY_MODULES`].
pub fn is_library_frame(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("File \"") else { return false };
    let Some(path) = rest.split('"').next() else { return false };
    LIBRARY_MODULES
        .iter()
        .any(|m| path == format!("<frozen {m}>") || path.ends_with(&format!("/{m}.py")))
}

/// True for a caret/underline marker line such as `    ^^^^^` or `    ~~~^~~~`.
pub fn is_marker_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == '^' || c == '~' || c == ' ')
}

/// The lines of a traceback that must match exactly: every non-indented, non-blank line
/// (`Traceback (most recent call last):`, chaining separators, the final `Type: message`)
/// and every `File "...", line N, in NAME` line, in order. Source lines and marker lines are ignored.
pub fn traceback_skeleton(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !is_marker_line(l) && !is_library_frame(l))
        .filter(|l| {
            (!l.starts_with(' ') && !l.starts_with('\t')) || l.trim_start().starts_with("File \"")
        })
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// A readable diff of the first differing lines of `expected` vs `actual`.
pub fn first_diff(expected: &str, actual: &str, context: usize, window: usize) -> String {
    let (e, e_term) = split_section(expected);
    let (a, a_term) = split_section(actual);
    let mut i = 0;
    while i < e.len() && i < a.len() && e[i] == a[i] {
        i += 1;
    }
    if i == e.len() && i == a.len() {
        return format!(
            "    (lines identical; only the final newline differs: expected {}, actual {})\n",
            if e_term { "one" } else { "none" },
            if a_term { "one" } else { "none" }
        );
    }
    let start = i.saturating_sub(context);
    let mut out = format!("    @@ first difference at line {} @@\n", i + 1);
    for l in &e[start..i] {
        out.push_str(&format!("     {l}\n"));
    }
    for (sign, lines, what) in [('-', &e, "expected"), ('+', &a, "actual")] {
        let end = (i + window).min(lines.len());
        if i >= lines.len() {
            out.push_str(&format!("    {sign}<end of {what} output>\n"));
        }
        for l in &lines[i.min(lines.len())..end] {
            out.push_str(&format!("    {sign}{l}\n"));
        }
        if lines.len() > end {
            out.push_str(&format!("    {sign}... ({} more {what} lines)\n", lines.len() - end));
        }
    }
    out
}

fn show_tail(s: &str, max_lines: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let skip = lines.len().saturating_sub(max_lines);
    let mut out = String::new();
    if skip > 0 {
        out.push_str(&format!("    | ... ({skip} earlier lines)\n"));
    }
    for l in &lines[skip..] {
        out.push_str(&format!("    | {l}\n"));
    }
    out
}

/// Compares one run with its expectation. `None` if it matches, else a description of every difference.
pub fn compare(expected: &Expected, actual: &RunOutput, dir: &Path) -> Option<String> {
    let mut problems = String::new();
    if actual.code != Some(expected.exit) {
        problems.push_str(&format!(
            "  exit status: expected exit {}, got {}\n",
            expected.exit,
            actual.describe_status()
        ));
    }
    if actual.stdout != expected.stdout {
        problems.push_str("  stdout differs (- expected, + actual):\n");
        problems.push_str(&first_diff(&expected.stdout, &actual.stdout, 2, 6));
    }
    let actual_err = normalize_paths(&actual.stderr, dir);
    if expected.stderr.is_empty() {
        if !actual_err.is_empty() {
            problems.push_str("  stderr: expected nothing, got:\n");
            problems.push_str(&show_tail(&actual_err, 12));
        }
    } else {
        let e = traceback_skeleton(&expected.stderr);
        let a = traceback_skeleton(&actual_err);
        if e != a {
            problems
                .push_str("  stderr traceback differs (source and ^~ marker lines ignored; - expected, + actual):\n");
            problems.push_str(&first_diff(&e.join("\n"), &a.join("\n"), 2, 8));
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems)
    }
}

// ---------------------------------------------------------------------------------------------
// Parallelism and reporting
// ---------------------------------------------------------------------------------------------

pub fn worker_count() -> usize {
    if let Some(n) = std::env::var(ENV_THREADS).ok().and_then(|s| s.trim().parse::<usize>().ok()) {
        return n.max(1);
    }
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 4)
}

/// Applies `f` to every item on a small pool of std threads; results are in input order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..worker_count().min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("worker finished every item"))
        .collect()
}

/// Writes a line straight to the process's stderr (not captured by the test harness).
pub fn report_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// One checked run: which program, which mode (or label), and the mismatch if any.
pub struct Outcome {
    pub program: String,
    pub mode: String,
    pub failure: Option<String>,
}

/// Prints `<label>: N passed, M failed` and panics with a grouped report if anything failed.
pub fn finish(label: &str, outcomes: Vec<Outcome>) {
    let passed = outcomes.iter().filter(|o| o.failure.is_none()).count();
    let failed = outcomes.len() - passed;
    let summary = format!("{label}: {passed} passed, {failed} failed");
    report_line(&summary);
    if failed == 0 {
        return;
    }
    // Group identical failures of one program across modes.
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    for o in outcomes.into_iter().filter(|o| o.failure.is_some()) {
        let f = o.failure.unwrap();
        let key = (o.program.clone(), f.clone());
        match index.get(&key) {
            Some(&i) => groups[i].2.push(o.mode),
            None => {
                index.insert(key, groups.len());
                groups.push((o.program, f, vec![o.mode]));
            }
        }
    }
    let limit: usize =
        std::env::var("GILBENCH_REPORT_LIMIT").ok().and_then(|s| s.parse().ok()).unwrap_or(25);
    let mut report = String::new();
    for (i, (program, failure, modes)) in groups.iter().enumerate() {
        if i < limit {
            report.push_str(&format!("\n=== {program} [{}]\n{failure}", modes.join(", ")));
        } else {
            if i == limit {
                report.push_str(&format!(
                    "\n... {} more failing program/mode groups (raise GILBENCH_REPORT_LIMIT to see them):\n",
                    groups.len() - limit
                ));
            }
            let first = failure.lines().next().unwrap_or("").trim();
            report.push_str(&format!("  {program} [{}]: {first}\n", modes.join(", ")));
        }
    }
    panic!("{summary}\n{report}\n{summary}");
}

/// A fresh scratch directory under the system temp dir, removed when dropped.
pub struct Scratch(pub PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A new empty scratch directory named `gilbench-TAG-PID-N`.
pub fn scratch(tag: &str) -> Scratch {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "gilbench-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// Replace every `0x<hex digits>` with `0x...` so object addresses are stable.
pub fn normalize_addresses(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0' && i + 1 < b.len() && b[i + 1] == b'x' {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_hexdigit() {
                j += 1;
            }
            if j > i + 2 {
                out.push_str("0x...");
                i = j;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Run `dir/NAME.py` in every mode (at least `min_timeout` each) and compare with
/// `dir/NAME.stdout`: exit 0, that stdout exactly, nothing on stderr.
pub fn check_program_stdout(dir: &Path, name: &str, min_timeout: Duration) {
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.stdout"))).expect("expected stdout file");
    let mut failures = Vec::new();
    for mode in MODES {
        let cmd = interpreter_command(mode, dir, &format!("{name}.py"), &[]);
        let out = run_with_timeout(cmd, timeout().max(min_timeout), None);
        if out.code != Some(0) || out.stdout != expected || !out.stderr.is_empty() {
            failures.push(format!(
                "--- {name}.py [{mode}]: {}\n{}\n--- stderr:\n{}",
                out.describe_status(),
                first_diff(&expected, &out.stdout, 3, 20),
                out.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Write `source` to `dir/prog.py` and run `gilbench run --mode MODE prog.py ARGS...` there.
pub fn run_source(
    dir: &Path,
    mode: &str,
    source: &str,
    args: &[&str],
    limit: Duration,
) -> RunOutput {
    std::fs::write(dir.join("prog.py"), source).unwrap();
    let mut cmd = Command::new(gilbench_bin());
    cmd.args(["run", "--mode", mode, "prog.py"]).args(args).current_dir(dir);
    apply_python_env(&mut cmd);
    run_with_timeout(cmd, limit, None)
}
