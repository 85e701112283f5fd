//! The `gilbench` command-line contract: `run` (files, `-c`, modes, exit statuses, tracebacks, syntax errors), `dis` and `ast`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::RunOutput;

fn scratch() -> common::Scratch {
    common::scratch("cli")
}

fn write(dir: &Path, name: &str, src: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), src).unwrap();
}

const LIMIT: Duration = Duration::from_secs(10);

/// `gilbench ARGS...` in `dir`; with GILBENCH_TEST_INTERPRETER set, `run [--mode M] X...` becomes `<interp> X...`.
fn gilbench(dir: &Path, args: &[&str]) -> RunOutput {
    let cmd = match (common::interpreter_override(), args.first()) {
        (Some(words), Some(&"run")) => {
            let mut rest = &args[1..];
            if rest.first() == Some(&"--mode") {
                rest = &rest[2..];
            }
            let mut c = Command::new(&words[0]);
            c.args(&words[1..]).args(rest);
            c
        }
        _ => {
            let mut c = Command::new(common::gilbench_bin());
            c.args(args);
            c
        }
    };
    let mut cmd = cmd;
    cmd.current_dir(dir);
    common::apply_python_env(&mut cmd);
    common::run_with_timeout(cmd, LIMIT, None)
}

/// Tests of gilbench-specific behaviour (messages naming gilbench, dis/ast, modes) skip under an interpreter override.
fn skip_under_override(test: &str) -> bool {
    if let Some(words) = common::interpreter_override() {
        common::report_line(&format!(
            "{test}: skipped under {}={}",
            common::ENV_INTERPRETER,
            words.join(" ")
        ));
        return true;
    }
    false
}

fn ctx(o: &RunOutput) -> String {
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", o.describe_status(), o.stdout, o.stderr)
}

#[test]
fn missing_file_exits_2_with_one_line() {
    if skip_under_override("missing_file_exits_2_with_one_line") {
        return;
    }
    let dir = scratch();
    let o = gilbench(&dir, &["run", "no_such_file.py"]);
    assert_eq!(o.code, Some(2), "{}", ctx(&o));
    assert_eq!(
        o.stderr,
        "gilbench: can't open file 'no_such_file.py': [Errno 2] No such file or directory\n",
        "{}",
        ctx(&o)
    );
    assert_eq!(o.stdout, "", "{}", ctx(&o));
}

#[test]
fn syntax_error_block_and_exit_1() {
    let dir = scratch();
    write(&dir, "bad.py", "print('this must not run')\nx = = 1\n");
    let o = gilbench(&dir, &["run", "bad.py"]);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    assert_eq!(o.stdout, "", "a file with a syntax error must not run at all\n{}", ctx(&o));
    let err = common::normalize_paths(&o.stderr, &dir);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  File \"") && l.contains("bad.py") && l.contains("line 2")),
        "{}",
        ctx(&o)
    );
    assert!(lines.iter().any(|l| l.trim() == "x = = 1"), "source line missing\n{}", ctx(&o));
    assert!(
        lines.iter().any(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c == '^')),
        "caret line missing\n{}",
        ctx(&o)
    );
    assert!(lines.last().is_some_and(|l| l.starts_with("SyntaxError: ")), "{}", ctx(&o));
}

#[test]
fn syntax_error_unclosed_paren() {
    let dir = scratch();
    write(&dir, "paren.py", "x = (1,\n     2\n");
    let o = gilbench(&dir, &["run", "paren.py"]);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    assert!(o.stderr.contains("  File \""), "{}", ctx(&o));
    assert!(o.stderr.lines().last().is_some_and(|l| l.starts_with("SyntaxError: ")), "{}", ctx(&o));
}

#[test]
fn indentation_errors() {
    let dir = scratch();
    write(&dir, "noblock.py", "if True:\nprint(1)\n");
    write(&dir, "unexpected.py", "x = 1\n    y = 2\n");
    for (file, needle) in
        [("noblock.py", "expected an indented block"), ("unexpected.py", "unexpected indent")]
    {
        let o = gilbench(&dir, &["run", file]);
        assert_eq!(o.code, Some(1), "{file}\n{}", ctx(&o));
        assert_eq!(o.stdout, "", "{file}\n{}", ctx(&o));
        assert!(o.stderr.contains("  File \""), "{file}\n{}", ctx(&o));
        let last = o.stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with("IndentationError: ") && last.contains(needle),
            "{file}\n{}",
            ctx(&o)
        );
    }
}

#[test]
fn dash_c_runs_code() {
    let dir = scratch();
    let o = gilbench(&dir, &["run", "-c", "print(1+1)"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (Some(0), "2\n", ""), "{}", ctx(&o));
    let o = gilbench(
        &dir,
        &["run", "--mode", "gil", "-c", "import sys\nprint(sum(range(10)), sys.argv[0])"],
    );
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert_eq!(o.stdout, "45 -c\n", "{}", ctx(&o));
}

#[test]
fn sys_exit_codes() {
    let dir = scratch();
    write(&dir, "three.py", "import sys\nprint('before')\nsys.exit(3)\nprint('after')\n");
    let o = gilbench(&dir, &["run", "three.py"]);
    assert_eq!(
        (o.code, o.stdout.as_str(), o.stderr.as_str()),
        (Some(3), "before\n", ""),
        "{}",
        ctx(&o)
    );

    write(&dir, "msg.py", "import sys\nsys.exit('fatal: giving up')\n");
    let o = gilbench(&dir, &["run", "msg.py"]);
    assert_eq!(
        (o.code, o.stdout.as_str(), o.stderr.as_str()),
        (Some(1), "", "fatal: giving up\n"),
        "{}",
        ctx(&o)
    );

    write(&dir, "zero.py", "import sys\nsys.exit(0)\n");
    let o = gilbench(&dir, &["run", "zero.py"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));

    write(&dir, "none.py", "import sys\nsys.exit()\n");
    let o = gilbench(&dir, &["run", "none.py"]);
    assert_eq!((o.code, o.stderr.as_str()), (Some(0), ""), "{}", ctx(&o));

    write(&dir, "raise.py", "raise SystemExit(7)\n");
    let o = gilbench(&dir, &["run", "raise.py"]);
    assert_eq!((o.code, o.stderr.as_str()), (Some(7), ""), "{}", ctx(&o));
}

#[test]
fn argv_is_passed_through() {
    let dir = scratch();
    write(&dir, "argv.py", "import sys\nprint(sys.argv)\nprint(len(sys.argv))\n");
    let o = gilbench(&dir, &["run", "argv.py", "a", "b c", "--flag", "-x"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert_eq!(o.stdout, "['argv.py', 'a', 'b c', '--flag', '-x']\n5\n", "{}", ctx(&o));
}

#[test]
fn uncaught_exception_traceback_exact() {
    let dir = scratch();
    write(&dir, "tb.py", "def f():\n    raise ValueError(\"bad\")\n\nprint(\"start\")\nf()\n");
    let o = gilbench(&dir, &["run", "tb.py"]);
    assert_eq!(o.code, Some(1), "{}", ctx(&o));
    assert_eq!(o.stdout, "start\n", "{}", ctx(&o));
    let expected = "Traceback (most recent call last):\n  File \"tb.py\", line 5, in <module>\n    f()\n  File \"tb.py\", line 2, in f\n    raise ValueError(\"bad\")\nValueError: bad\n";
    assert_eq!(common::normalize_paths(&o.stderr, &dir), expected, "{}", ctx(&o));
}

#[test]
fn unbounded_recursion_is_a_recursion_error() {
    let dir = scratch();
    write(&dir, "rec.py", "def f(n):\n    return f(n + 1)\n\nf(0)\n");
    let o = gilbench(&dir, &["run", "rec.py"]);
    assert_eq!(o.code, Some(1), "{}", ctx(&o.clone_trimmed()));
    let last = o.stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("RecursionError: maximum recursion depth exceeded"),
        "{}",
        ctx(&o.clone_trimmed())
    );
    assert!(
        o.stderr.starts_with("Traceback (most recent call last):\n"),
        "{}",
        ctx(&o.clone_trimmed())
    );
}

trait Trimmed {
    fn clone_trimmed(&self) -> RunOutput;
}

impl Trimmed for RunOutput {
    /// Keeps only the last 20 lines of stderr (recursion tracebacks are long).
    fn clone_trimmed(&self) -> RunOutput {
        let mut o = self.clone();
        let lines: Vec<&str> = o.stderr.lines().collect();
        if lines.len() > 20 {
            o.stderr = format!(
                "[... {} lines ...]\n{}\n",
                lines.len() - 20,
                lines[lines.len() - 20..].join("\n")
            );
        }
        o
    }
}

/// With the recursion limit raised far past what the native stack holds, deep recursion must
/// still end in a RecursionError traceback (exit 1), never a native stack overflow (abort).
#[test]
fn raised_recursion_limit_never_overflows_the_native_stack() {
    if skip_under_override("raised_recursion_limit_never_overflows_the_native_stack") {
        return;
    }
    let dir = scratch();
    write(&dir, "deep.py", "import sys\nsys.setrecursionlimit(10**8)\ndef g(n):\n    return 0 if n == 0 else g(n - 1)\nprint('start', flush=True)\ng(10**7)\n");
    for mode in ["gil", "ft", "sub"] {
        let o = gilbench(&dir, &["run", "--mode", mode, "deep.py"]);
        assert_eq!(o.code, Some(1), "mode {mode}\n{}", ctx(&o));
        assert_eq!(o.stdout, "start\n", "mode {mode}\n{}", ctx(&o));
        assert!(
            o.stderr.lines().last().is_some_and(|l| l.starts_with("RecursionError: ")),
            "mode {mode}\n{}",
            ctx(&o)
        );
    }
}

#[test]
fn mode_names_and_aliases() {
    if skip_under_override("mode_names_and_aliases") {
        return;
    }
    let dir = scratch();
    write(&dir, "m.py", "print(6 * 7)\n");
    for mode in ["gil", "free-threaded", "ft", "subinterpreters", "sub"] {
        let o = gilbench(&dir, &["run", "--mode", mode, "m.py"]);
        assert_eq!((o.code, o.stdout.as_str()), (Some(0), "42\n"), "--mode {mode}\n{}", ctx(&o));
    }
    let o = gilbench(&dir, &["run", "m.py"]);
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "42\n"), "default mode\n{}", ctx(&o));
    let o = gilbench(&dir, &["run", "--mode", "bogus", "m.py"]);
    assert!(o.code.is_some() && o.code != Some(0), "an unknown mode must be rejected\n{}", ctx(&o));
    assert_eq!(o.stdout, "", "{}", ctx(&o));
}

#[test]
fn script_directory_is_on_import_path() {
    let dir = scratch();
    write(&dir, "helper.py", "VALUE = 41\ndef inc(x):\n    return x + 1\n");
    write(&dir, "main.py", "import helper\nfrom helper import inc\nprint(inc(helper.VALUE))\n");
    let outside = scratch();
    let path = dir.join("main.py");
    let o = gilbench(&outside, &["run", path.to_str().unwrap()]);
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "42\n"), "{}", ctx(&o));
}

const SMALL: &str = "import math\n\ndef area(r, *, scale=1.0):\n    \"\"\"Circle area.\"\"\"\n    return math.pi * r ** 2 * scale\n\nclass Box:\n    size = 3\n\n    def grow(self, n=1):\n        self.size += n\n        return self\n\nvalues = [area(x) for x in range(3) if x]\nif values and not False:\n    print(f\"{values[0]:.2f}\", len(values), -1, 'a' 'b')\nelse:\n    pass\nfor i, v in enumerate(values):\n    try:\n        d = {i: v, **{}}\n    except (KeyError, ValueError) as e:\n        raise RuntimeError('x') from e\n    finally:\n        del d\nwhile False:\n    break\nlam = lambda a, b=2: a < b <= 3\nx = Box().grow(2).size\nx += 1\nprint(x, lam(1), {1, 2} | {3}, (1,), [*values][::-1][0] > 0)\n";

#[test]
fn dis_exits_0() {
    if skip_under_override("dis_exits_0") {
        return;
    }
    let dir = scratch();
    write(&dir, "small.py", SMALL);
    let o = gilbench(&dir, &["dis", "small.py"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(!o.stdout.trim().is_empty(), "dis printed nothing\n{}", ctx(&o));
}

#[test]
fn ast_matches_python_ast_dump() {
    if skip_under_override("ast_matches_python_ast_dump") {
        return;
    }
    let dir = scratch();
    write(&dir, "small.py", SMALL);
    let o = gilbench(&dir, &["ast", "small.py"]);
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert!(!o.stdout.trim().is_empty(), "ast printed nothing\n{}", ctx(&o));
    if !common::python_available() {
        common::report_line(
            "ast_matches_python_ast_dump: python3 not on PATH or not CPython 3.11, only checked the exit status",
        );
        return;
    }
    let mut py = Command::new(common::python_cmd());
    py.args([
        "-c",
        "import ast, sys\nprint(ast.dump(ast.parse(open(sys.argv[1], encoding='utf-8').read()), indent=2))",
        "small.py",
    ])
    .current_dir(&dir);
    let want = common::run_with_timeout(py, LIMIT, None);
    assert_eq!(want.code, Some(0), "python3 ast.dump failed: {}", want.stderr);
    if want.stdout.trim_end() != o.stdout.trim_end() {
        panic!(
            "gilbench ast differs from python3 ast.dump(indent=2) (- python3, + gilbench):\n{}",
            common::first_diff(want.stdout.trim_end(), o.stdout.trim_end(), 3, 10)
        );
    }
}

/// Deterministic xorshift generator for the garbage-input test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn garbage_inputs() -> Vec<Vec<u8>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tokens: [&str; 40] = [
        "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "//",
        "%", "<", ">", "'", "\"", "\"\"\"", "\\", "\n", "    ", "\t", "def", "class", "if", "else",
        "lambda", "return", "yield", "f'{", "0x", "1e", "1_", "#", "@",
    ];
    let mut inputs = Vec::new();
    for i in 0..24 {
        let len = 1 + rng.below(200);
        let bytes: Vec<u8> = match i % 3 {
            // raw bytes, including NULs and invalid UTF-8
            0 => (0..len).map(|_| rng.next() as u8).collect(),
            // printable ASCII soup
            1 => (0..len).map(|_| b' ' + rng.below(95) as u8).collect(),
            // Python-token soup (never contains a loop keyword, so it cannot hang)
            _ => (0..len / 4 + 1)
                .flat_map(|_| tokens[rng.below(tokens.len())].bytes().chain([b' ']))
                .collect(),
        };
        inputs.push(bytes);
    }
    inputs.push(vec![0xff, 0xfe, 0x00]);
    inputs.push(b"\"\"\"unterminated".to_vec());
    inputs.push(b"'\\".to_vec());
    inputs.push(b"f'{'".to_vec());
    inputs.push(b"(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((".to_vec());
    inputs.push(b"x = ".iter().chain(b"-".repeat(5000).iter()).chain(b"1\n").copied().collect());
    inputs.push(b"\t\n  \tx\n".to_vec());
    inputs
}

#[test]
fn garbage_source_never_kills_the_process() {
    let dir = scratch();
    let mut failures = Vec::new();
    for (i, src) in garbage_inputs().iter().enumerate() {
        let name = format!("garbage{i}.py");
        write(&dir, &name, src);
        let o = gilbench(&dir, &["run", &name]);
        let last = o.stderr.lines().last().unwrap_or("");
        let ok = match o.code {
            Some(0) => true,
            Some(1) => [
                "SyntaxError",
                "IndentationError",
                "TabError",
                "RecursionError: maximum recursion depth exceeded during compilation",
            ]
            .iter()
            .any(|k| o.stderr.contains(k)),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{name} ({} bytes): {}; last stderr line: {last:?}; source: {:?}",
                src.len(),
                o.describe_status(),
                String::from_utf8_lossy(&src[..src.len().min(80)])
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "garbage input must give exit 1 with a SyntaxError (or exit 0), never a crash:\n{}",
        failures.join("\n")
    );
}

/// GIL build: two CPU-bound threads spin, counting, until *each* has seen the other's count move
/// five times, which needs at least five hand-overs of the interpreter lock in each direction
/// (the switch interval and drop requests at work). A GIL that never switched would spin forever
/// and hit the time limit. No timing assertions.
#[test]
fn gil_switches_between_cpu_bound_threads() {
    if skip_under_override("gil_switches_between_cpu_bound_threads") {
        return;
    }
    let dir = scratch();
    write(
        &dir,
        "spin.py",
        r#"
import sys, threading
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
K = 5
progress = [0, 0]
seen_other_move = [0, 0]

def spin(me, other):
    last = progress[other]
    while seen_other_move[0] < K or seen_other_move[1] < K:
        progress[me] += 1
        if progress[other] != last:
            last = progress[other]
            seen_other_move[me] += 1

ts = [threading.Thread(target=spin, args=(i, 1 - i)) for i in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("both made progress:", min(progress) > 0, "alternations seen:", min(seen_other_move) >= K)
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
"#,
    );
    for mode in ["gil", "ft", "sub"] {
        let o = gilbench(&dir, &["run", "--mode", mode, "spin.py"]);
        assert_eq!(o.code, Some(0), "{mode}\n{}", ctx(&o));
        assert_eq!(
            o.stdout,
            "0.001\nboth made progress: True alternations seen: True\n0.005\n",
            "{mode}\n{}",
            ctx(&o)
        );
    }
}

/// GIL build: a thread blocked in `time.sleep` lets the others run. The sleeper (a daemon) sleeps
/// far longer than the time limit and forced switching is practically off, so the main thread can
/// finish its work and exit only if `sleep` released the GIL. No timing assertions.
#[test]
fn gil_is_released_by_sleep() {
    if skip_under_override("gil_is_released_by_sleep") {
        return;
    }
    let dir = scratch();
    write(
        &dir,
        "sleep.py",
        r#"
import sys, threading, time
sys.setswitchinterval(1000.0)
ready = threading.Event()
woke = []

def sleeper():
    ready.set()
    time.sleep(60)
    woke.append(True)

threading.Thread(target=sleeper, daemon=True).start()
ready.wait()
total = 0
for i in range(100000):
    total += i
print("main ran while the other thread slept:", total, woke)
"#,
    );
    let o = gilbench(&dir, &["run", "--mode", "gil", "sleep.py"]);
    assert!(!o.timed_out, "the sleeping thread kept the GIL\n{}", ctx(&o));
    assert_eq!(o.code, Some(0), "{}", ctx(&o));
    assert_eq!(o.stdout, "main ran while the other thread slept: 4999950000 []\n", "{}", ctx(&o));
}

/// The main thread waits for non-daemon threads at exit (threading's shutdown hook), even
/// after an uncaught exception; daemon threads do not hold the process up.
#[test]
fn exit_waits_for_non_daemon_threads() {
    let dir = scratch();
    write(
        &dir,
        "wait.py",
        r#"
import threading, time
def late():
    time.sleep(0.2)
    print("worker done")
threading.Thread(target=late).start()
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
raise SystemExit(3)
"#,
    );
    for mode in ["gil", "ft", "sub"] {
        let o = gilbench(&dir, &["run", "--mode", mode, "wait.py"]);
        assert_eq!(o.code, Some(3), "{mode}\n{}", ctx(&o));
        assert_eq!(o.stdout, "worker done\n", "{mode}\n{}", ctx(&o));
    }
}

/// Daemon threads still running at exit stop for good before `__main__` is torn down: one that
/// keeps updating a global never sees it disappear (no NameError from the excepthook).
#[test]
fn daemon_threads_stop_before_main_is_finalized() {
    let dir = scratch();
    write(
        &dir,
        "daemon.py",
        r#"
import threading, time
counter = 0
started = threading.Event()
def spin():
    global counter
    started.set()
    while True:
        counter += 1
        if counter % 64 == 0:
            time.sleep(0)
threading.Thread(target=spin, daemon=True).start()
started.wait()
print("main exits")
"#,
    );
    for mode in ["gil", "ft", "sub"] {
        for _ in 0..3 {
            let o = gilbench(&dir, &["run", "--mode", mode, "daemon.py"]);
            assert_eq!(o.code, Some(0), "{mode}\n{}", ctx(&o));
            assert_eq!(o.stdout, "main exits\n", "{mode}\n{}", ctx(&o));
            assert_eq!(o.stderr, "", "{mode}\n{}", ctx(&o));
        }
    }
}

/// `examples/runtime_labs.py` (the four lab steps) runs in every build: `tracemalloc` names the
/// lines CPython names, in its order; `gc` and `sys.monitoring` print what CPython prints.
#[test]
fn the_lab_example_runs_in_every_build() {
    if skip_under_override("the_lab_example_runs_in_every_build") {
        return;
    }
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/runtime_labs.py");
    let source = std::fs::read_to_string(&example).unwrap();
    let line_of =
        |needle: &str| source.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap();
    let top_lines =
        [line_of("return [Reading("), line_of("index.setdefault("), line_of("payload = bytes(")];
    let dir = scratch();
    for mode in ["gil", "ft", "sub"] {
        let o = gilbench(&dir, &["run", "--mode", mode, example.to_str().unwrap()]);
        assert_eq!(o.code, Some(0), "{mode}: {}", ctx(&o));
        let stats: Vec<usize> = o
            .stdout
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{}:", example.display())))
            .map(|rest| rest.split(':').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(stats, top_lines, "{mode}: tracemalloc's top lines\n{}", ctx(&o));
        for want in [
            "gc.collect() found 200 unreachable objects (100 pairs of instances)",
            "callbacks saw: [('start', 2, 0), ('stop', 2, 200)]",
            "a self-referencing list is tracked: True; an int is not: False",
            "and it is one unreachable object: 1",
            "returns in order: [1, 0, 1, 1, 2, 1, 0, 1, 3]",
        ] {
            assert!(o.stdout.contains(want), "{mode}: missing {want:?}\n{}", ctx(&o));
        }
        let count = |prefix: &str| -> usize {
            let l = o
                .stdout
                .lines()
                .find(|l| l.starts_with(prefix))
                .unwrap_or_else(|| panic!("{mode}: no {prefix}"));
            l[prefix.len()..].split_whitespace().next().unwrap().parse().unwrap()
        };
        assert!(count("total_loop: ") > count("total_builtin: "), "{mode}: {}", ctx(&o));
    }
}

/// Printing to a pipe whose reader has gone (`gilbench run prog.py | head -1`) raises
/// `BrokenPipeError` and ends the program with a traceback and status 1, as CPython does; it
/// must not keep running with nowhere to print. Checked with an endless printer, in a plain
/// loop and in interpreter-pool workers.
#[test]
fn closed_stdout_pipe_ends_the_program() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let programs = [
        ("loop", "i = 0\nwhile True:\n    print('line', i)\n    i += 1\n"),
        (
            "pool",
            "from concurrent.futures import InterpreterPoolExecutor\n\
             def chatter(n):\n    while True:\n        print('worker', n)\n\
             with InterpreterPoolExecutor(max_workers=2) as ex:\n    list(ex.map(chatter, range(2)))\n",
        ),
    ];
    for (label, code) in programs {
        for mode in common::MODES {
            let mut child = Command::new(common::gilbench_bin())
                .args(["run", "--mode", mode, "-c", code])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
            assert!(!first.is_empty(), "[{label} {mode}] printed nothing");
            // The reader is dropped here: the pipe's read end is closed.
            let deadline = std::time::Instant::now() + Duration::from_secs(20);
            let status = loop {
                if let Some(s) = child.try_wait().unwrap() {
                    break s;
                }
                if std::time::Instant::now() > deadline {
                    let _ = child.kill();
                    panic!("[{label} {mode}] still running 20 s after its stdout closed");
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            assert_eq!(status.code(), Some(1), "[{label} {mode}] {err}");
            assert!(
                err.contains("BrokenPipeError: [Errno 32] Broken pipe"),
                "[{label} {mode}] {err}"
            );
        }
    }
}

/// `os._exit(n)` ends the process at once with status n in every build: no `finally`, no exit
/// hooks (a non-daemon thread still running is not waited for), and stdout text still buffered
/// is lost on a pipe; with PYTHONUNBUFFERED set (`python -u`) everything printed is written,
/// as CPython does. Under GILBENCH_TEST_INTERPRETER=python3 the same assertions hold for CPython.
#[test]
fn os_exit_ends_the_process_at_once() {
    let dir = scratch();
    write(
        &dir,
        "exit_now.py",
        "import os, sys, threading, time\n\
         print('flushed')\n\
         sys.stdout.flush()\n\
         threading.Thread(target=time.sleep, args=(30,)).start()\n\
         print('buffered', end='')\n\
         try:\n    os._exit(7)\nfinally:\n    print('finally ran')\n",
    );
    for mode in ["gil", "ft", "sub"] {
        let start = std::time::Instant::now();
        let o = gilbench(&dir, &["run", "--mode", mode, "exit_now.py"]);
        assert_eq!(o.code, Some(7), "{mode}: {}", ctx(&o));
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{mode}: waited for the sleeping thread"
        );
        assert_eq!(o.stderr, "", "{mode}: {}", ctx(&o));
        assert!(
            o.stdout.starts_with("flushed\n")
                && !o.stdout.contains("finally ran")
                && !o.stdout.contains("buffered"),
            "{mode}: {}",
            ctx(&o)
        );
    }
    write(
        &dir,
        "exit_unbuffered.py",
        "import os\nprint('one')\nprint('two', end='')\nos._exit(0)\n",
    );
    let mut cmd = match common::interpreter_override() {
        Some(words) => {
            let mut c = Command::new(&words[0]);
            c.args(&words[1..]);
            c
        }
        None => {
            let mut c = Command::new(common::gilbench_bin());
            c.arg("run");
            c
        }
    };
    cmd.arg("exit_unbuffered.py").current_dir(&*dir);
    common::apply_python_env(&mut cmd);
    cmd.env("PYTHONUNBUFFERED", "1");
    let o = common::run_with_timeout(cmd, LIMIT, None);
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), "one\ntwo"), "{}", ctx(&o));
    let o = gilbench(&dir, &["run", "exit_unbuffered.py"]);
    assert_eq!((o.code, o.stdout.as_str()), (Some(0), ""), "{}", ctx(&o));
    if skip_under_override("os_exit_ends_the_process_at_once (argument errors)") {
        return;
    }
    let o = gilbench(&dir, &["run", "-c", "import os\ntry:\n    os._exit('x')\nexcept TypeError as e:\n    print(e)\ntry:\n    os._exit(2**40)\nexcept OverflowError as e:\n    print(e)\n"]);
    assert_eq!(
        o.stdout,
        "'str' object cannot be interpreted as an integer\nPython int too large to convert to C int\n",
        "{}",
        ctx(&o)
    );
}
