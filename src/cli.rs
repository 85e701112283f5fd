//! The command line (clap lives only here): `gilbench run | dis | ast | microbench | bench | report | recommend | compare`.
//!
//! Two hidden subcommands are the worker processes the harness re-executes this binary as:
//! `__bench-worker` (one `bench` configuration, `harness::worker`) and `__compare-worker` (one
//! `compare` run, `harness::script_run`).
#![forbid(unsafe_code)]

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use gilbench::runtime::{ExecutionModel, FreeThreaded, Gil, ModelKind, Subinterpreters};

#[derive(Parser)]
#[command(
    name = "gilbench",
    version,
    about = "A Python interpreter core in three execution models, and a harness comparing them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run a Python file (or -c CODE) like `python FILE.py`.
    Run {
        /// gil | free-threaded (ft) | subinterpreters (sub)
        #[arg(long, default_value = "gil")]
        mode: String,
        /// Program passed in as a string.
        #[arg(short = 'c')]
        code: Option<String>,
        /// Record each thread's state over the run into PATH: .json (data), .svg (chart, and a
        /// .png beside it) or .png.
        #[arg(long, value_name = "PATH")]
        timeline: Option<PathBuf>,
        /// Most thread state changes the timeline records (later ones are counted, not drawn).
        #[arg(long, value_name = "N", default_value_t = 200_000)]
        timeline_cap: usize,
        /// The script and its arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the disassembly of a file, CPython `dis` style.
    Dis { file: PathBuf },
    /// Print the AST of a file as `ast.dump(tree, indent=2)`.
    Ast { file: PathBuf },
    /// Time small pure-Python programs (default: benches/micro/*.py) under gilbench and a real
    /// Python side by side, printing each time ratio and whether the outputs agree.
    Microbench {
        /// gil | free-threaded (ft) | subinterpreters (sub)
        #[arg(long, default_value = "gil")]
        mode: String,
        /// The Python to compare against.
        #[arg(long, default_value = "python3")]
        python: PathBuf,
        /// Do not run a Python baseline.
        #[arg(long)]
        no_python: bool,
        /// Runs per interpreter and program (the minimum is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Programs to run instead of benches/micro/*.py.
        files: Vec<PathBuf>,
    },
    /// Run workload files (see workloads/) under every model and thread count, one fresh worker
    /// process per configuration, and print a table per workload.
    Bench {
        /// Workload files, or directories meaning all their *.py files (sorted).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        run: WorkloadOpts,
        /// Also write the rows as JSON ({"results": [...]}) to this file.
        #[arg(long, value_name = "PATH")]
        json: Option<PathBuf>,
        /// Store the rows as baseline NAME (target/gilbench/baselines/NAME.json, or
        /// $GILBENCH_BASELINE_DIR/NAME.json; a NAME with a '/' or ending in .json is a path).
        #[arg(long, value_name = "NAME")]
        save_baseline: Option<String>,
        /// Compare every row with baseline NAME (Mann–Whitney U test): regressed, improved, no change.
        #[arg(long, value_name = "NAME")]
        baseline: Option<String>,
        /// Exit with status 1 when a configuration regressed against --baseline.
        #[arg(long, requires = "baseline")]
        fail_on_regression: bool,
        /// A significant change smaller than PCT percent of the median is "within noise".
        #[arg(long, value_name = "PCT", default_value_t = 5.0)]
        regression_threshold: f64,
        /// Also write the rows as CSV (one line per row, counters as columns) to this file.
        #[arg(long, value_name = "PATH")]
        csv: Option<PathBuf>,
        /// Also write the rows as a Markdown table to this file.
        #[arg(long, value_name = "PATH")]
        markdown: Option<PathBuf>,
        /// Also write the full report (charts, index.html, summary.md, CSV) into this directory.
        #[arg(long, value_name = "DIR")]
        report: Option<PathBuf>,
        /// Also write one pyperf JSON file per model and --python interpreter into this directory
        /// (for `python -m pyperf compare_to` and `pyperf stats`).
        #[arg(long, value_name = "DIR")]
        pyperf: Option<PathBuf>,
        /// Refuse to run (exit status 2) on a busy machine (1-minute load average above half the
        /// cores) instead of warning.
        #[arg(long)]
        strict: bool,
    },
    /// Turn `bench --json` files into charts (SVG and PNG), index.html, summary.md, results.csv
    /// and results.md. Rows of several files are merged by machine (a later file wins for the
    /// same machine, workload, mode and threads). Runs no Python.
    Report {
        /// Files written by `gilbench bench --json`.
        #[arg(required = true, value_name = "RESULTS.json")]
        inputs: Vec<PathBuf>,
        /// Directory to write into (created if needed).
        #[arg(long, value_name = "DIR", default_value = "reports")]
        out: PathBuf,
        /// Compare every configuration with this older `--json` file (Mann–Whitney U test on
        /// the samples, as `pyperf compare_to`): printed, and a section of the report.
        #[arg(long, value_name = "OLD.json")]
        baseline: Option<PathBuf>,
        /// A significant change larger than this (percent) is "regressed" or "improved".
        #[arg(long, value_name = "PCT", default_value_t = gilbench::harness::baseline::DEFAULT_THRESHOLD_PCT, requires = "baseline")]
        regression_threshold: f64,
    },
    /// Rank the models for one workload (runs it at 1 thread and at the --threads counts, or
    /// reads --results); real interpreters' rows (--python) are shown as references.
    Recommend {
        /// The workload file (with --results, its file stem selects the rows to rank).
        file: PathBuf,
        #[command(flatten)]
        run: WorkloadOpts,
        /// Read rows from these `gilbench bench --json` files instead of running the workload.
        #[arg(long, value_name = "JSON", num_args = 1.., conflicts_with_all = ["pythons", "size", "size_scale", "memory_limit"])]
        results: Vec<PathBuf>,
    },
    /// Run an unmodified Python program under every model (and --python interpreters), one fresh
    /// process per run: wall and CPU time, peak RSS, the runtime counters of every thread it
    /// starts, whether its output is the same everywhere, and why one model is faster.
    Compare {
        /// Models to run, comma-separated [default: gil,free-threaded,subinterpreters]
        #[arg(long, value_delimiter = ',')]
        modes: Option<Vec<String>>,
        /// Also run the program on this real Python (repeatable).
        #[arg(long = "python", value_name = "PATH")]
        pythons: Vec<PathBuf>,
        /// Measured runs per model (the median is reported).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..))]
        repeat: u64,
        /// Untimed runs per model first (their output is still compared).
        #[arg(long, default_value_t = 1)]
        warmup: u64,
        /// Kill a run (with everything it started) after this many seconds.
        #[arg(long, value_name = "SECS", default_value_t = 300.0)]
        timeout: f64,
        /// Standard input of every run (default: empty).
        #[arg(long, value_name = "FILE")]
        stdin: Option<PathBuf>,
        /// Record each thread's states in one extra run per model and draw them (needs --report
        /// to keep the picture; the JSON gets the recorded timelines either way).
        #[arg(long)]
        timeline: bool,
        /// State changes kept per timeline run (later ones are counted, not drawn).
        #[arg(long, value_name = "N", default_value_t = 200_000)]
        timeline_cap: usize,
        /// Also write the comparison as JSON (with provenance) to this file.
        #[arg(long, value_name = "PATH")]
        json: Option<PathBuf>,
        /// Also write a report (index.html, charts as SVG and PNG, compare.json) into this directory.
        #[arg(long, value_name = "DIR")]
        report: Option<PathBuf>,
        /// Refuse to run (exit status 2) on a busy machine instead of warning.
        #[arg(long)]
        strict: bool,
        /// The program and its arguments.
        #[arg(
            required = true,
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "SCRIPT [ARGS]..."
        )]
        program: Vec<String>,
    },
    /// Internal: run a program once under one model for `compare` and write its counters.
    #[command(name = "__compare-worker", hide = true)]
    CompareWorker {
        #[arg(long)]
        mode: String,
        #[arg(long)]
        report: PathBuf,
        #[arg(long)]
        timeline: Option<PathBuf>,
        #[arg(long, default_value_t = 200_000)]
        timeline_cap: usize,
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        program: Vec<String>,
    },
    /// Internal: run one bench configuration in this process and write its report (used by `bench`).
    #[command(name = "__bench-worker", hide = true)]
    BenchWorker {
        #[arg(long)]
        mode: String,
        #[arg(long)]
        threads: usize,
        #[arg(long)]
        size: u64,
        #[arg(long)]
        warmup: usize,
        #[arg(long)]
        repeat: usize,
        /// Where to write the JSON report.
        #[arg(long)]
        report: PathBuf,
        /// Cap this process's address space (bytes, beyond its native stacks).
        #[arg(long)]
        memory_limit: Option<u64>,
        file: PathBuf,
    },
}

/// The workload options `bench` and `recommend` share: which configurations run and how.
#[derive(clap::Args)]
pub struct WorkloadOpts {
    /// Models to run, comma-separated [default: gil,free-threaded,subinterpreters]
    #[arg(long, value_delimiter = ',')]
    modes: Option<Vec<String>>,
    /// Thread counts, comma-separated [bench default: 1, 2 and the number of cores; recommend
    /// default: the number of cores, at least 2; recommend also runs 1 thread and ranks at the
    /// largest count]
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u64).range(1..))]
    threads: Option<Vec<u64>>,
    /// Use this size for every workload instead of its META["size"].
    #[arg(long, conflicts_with = "size_scale")]
    size: Option<u64>,
    /// Multiply each workload's META["size"] by F (e.g. 0.1 for a quick run).
    #[arg(long, value_name = "F")]
    size_scale: Option<f64>,
    /// Timed samples per configuration (the median is reported).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    repeat: u64,
    /// Untimed warm-up samples per configuration.
    #[arg(long, default_value_t = 1)]
    warmup: u64,
    /// Kill a configuration's worker after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    timeout: f64,
    /// Also run the workloads on this real Python (repeatable): threads, and one interpreter
    /// per worker where it has concurrent.interpreters (3.14+).
    #[arg(long = "python", value_name = "PATH")]
    pythons: Vec<PathBuf>,
    /// Cap each worker process's memory (address space, RLIMIT_AS) at SIZE: 4G, 512M, 64K or
    /// bytes (K/M/G/T are powers of 1024). A workload past it ends as "out of memory".
    #[arg(long, value_name = "SIZE", value_parser = parse_memory_limit)]
    memory_limit: Option<u64>,
}

fn parse_memory_limit(text: &str) -> Result<u64, String> {
    gilbench::harness::limits::parse_size(text)
}

fn read_source(path: &std::path::Path) -> Result<String, i32> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(2);
            eprintln!(
                "gilbench: can't open file '{}': [Errno {errno}] {}",
                path.display(),
                if errno == 2 { "No such file or directory".to_string() } else { e.to_string() }
            );
            Err(2)
        }
    }
}

/// Native stack of the interpreter thread: Python calls recurse on it.
const INTERPRETER_STACK: usize = 512 << 20;

fn run_model<M: ExecutionModel>(
    source: &str,
    filename: &str,
    argv: Vec<String>,
    dir: Option<PathBuf>,
) -> i32 {
    // This runs on the thread `main_with` spawns with INTERPRETER_STACK bytes of stack.
    gilbench::harness::script_run::run_main_program::<M>(
        source,
        filename,
        argv,
        dir,
        INTERPRETER_STACK,
    )
}

/// Execute the parsed command line; returns the process exit status.
/// Parse the process's arguments and run the command; the exit status.
pub fn main() -> i32 {
    main_with(<Cli as clap::Parser>::parse())
}

pub fn main_with(cli: Cli) -> i32 {
    match cli.command {
        Command::Run { mode, code, args, timeline, timeline_cap } => {
            let Some(kind) = ModelKind::parse(&mode) else {
                eprintln!("gilbench: unknown mode '{mode}' (expected gil, free-threaded or subinterpreters)");
                return 2;
            };
            let (source, filename, argv, dir) = match code {
                Some(c) => {
                    let mut argv = vec!["-c".to_string()];
                    argv.extend(args);
                    (c, "<string>".to_string(), argv, std::env::current_dir().ok())
                }
                None => {
                    let Some(file) = args.first() else {
                        eprintln!("gilbench: run needs FILE.py or -c CODE");
                        return 2;
                    };
                    let path = PathBuf::from(file);
                    let source = match read_source(&path) {
                        Ok(s) => s,
                        Err(code) => return code,
                    };
                    // Like CPython 3.9+: `__main__.__file__` and tracebacks use the absolute path
                    // (symlinks kept, as os.path.abspath does); sys.argv[0] stays as typed.
                    let abs = std::path::absolute(&path).unwrap_or(path);
                    let dir = abs.parent().map(|p| {
                        if p.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            p.to_path_buf()
                        }
                    });
                    (source, abs.to_string_lossy().into_owned(), args.clone(), dir)
                }
            };
            // Python recursion runs on the native stack: give the interpreter a large one.
            let record = timeline.is_some();
            let handle =
                std::thread::Builder::new().stack_size(INTERPRETER_STACK).spawn(move || {
                    if record {
                        gilbench::runtime::timeline::start(timeline_cap);
                    }
                    let code = match kind {
                        ModelKind::Gil => run_model::<Gil>(&source, &filename, argv, dir),
                        ModelKind::FreeThreaded => {
                            run_model::<FreeThreaded>(&source, &filename, argv, dir)
                        }
                        ModelKind::Subinterpreters => {
                            run_model::<Subinterpreters>(&source, &filename, argv, dir)
                        }
                    };
                    (code, record.then(|| gilbench::runtime::timeline::finish(kind.name())))
                });
            match handle.map(|h| h.join()) {
                Ok(Ok((code, recorded))) => {
                    if let (Some(path), Some(t)) = (timeline, recorded) {
                        match gilbench::report::timeline_chart::write_timeline(&t, &path) {
                            Ok(files) => eprintln!(
                                "gilbench: timeline ({} threads) written to {}",
                                t.lanes.len(),
                                files
                                    .iter()
                                    .map(|f| f.display().to_string())
                                    .collect::<Vec<_>>()
                                    .join(" and ")
                            ),
                            Err(e) => eprintln!("gilbench: timeline: {e}"),
                        }
                    }
                    code
                }
                _ => {
                    eprintln!("gilbench: internal error: the interpreter thread panicked");
                    70
                }
            }
        }
        Command::Microbench { mode, python, no_python, repeat, files } => {
            microbench(mode, python, no_python, repeat, files)
        }
        Command::Report { inputs, out, baseline, regression_threshold } => {
            match report(&inputs, &out, baseline.as_deref(), regression_threshold) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("gilbench: report: {e:#}");
                    2
                }
            }
        }
        Command::Bench {
            inputs,
            run,
            json,
            save_baseline,
            baseline,
            fail_on_regression,
            regression_threshold,
            csv,
            markdown,
            report,
            pyperf,
            strict,
        } => {
            let args = BenchArgs {
                inputs,
                run,
                json,
                save_baseline,
                baseline,
                fail_on_regression,
                regression_threshold,
                csv,
                markdown,
                report,
                pyperf,
                strict,
            };
            match bench(args) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("gilbench: bench: {e:#}");
                    2
                }
            }
        }
        Command::Recommend { file, run, results } => match recommend(file, run, results) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("gilbench: recommend: {e:#}");
                2
            }
        },
        Command::Compare {
            modes,
            pythons,
            repeat,
            warmup,
            timeout,
            stdin,
            timeline,
            timeline_cap,
            json,
            report,
            strict,
            program,
        } => {
            let args = CompareArgs {
                modes,
                pythons,
                repeat: repeat as usize,
                warmup: warmup as usize,
                timeout,
                stdin,
                timeline,
                timeline_cap,
                json,
                report,
                strict,
                program,
            };
            match compare(args) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("gilbench: compare: {e:#}");
                    2
                }
            }
        }
        Command::CompareWorker { mode, report, timeline, timeline_cap, program } => {
            compare_worker(mode, report, timeline, timeline_cap, program)
        }
        Command::BenchWorker {
            mode,
            threads,
            size,
            warmup,
            repeat,
            report,
            memory_limit,
            file,
        } => bench_worker(mode, threads, size, warmup, repeat, report, memory_limit, file),
        Command::Dis { file } => {
            let source = match read_source(&file) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let name = file.display().to_string();
            match gilbench::compiler::compile_source(&source, &name) {
                Ok(code) => {
                    print!("{}", gilbench::compiler::dis::disassemble(&code));
                    0
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    1
                }
            }
        }
        Command::Ast { file } => {
            let source = match read_source(&file) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let name = file.display().to_string();
            match gilbench::frontend::parse_module(&source, &name) {
                Ok(m) => {
                    println!("{}", gilbench::frontend::ast_dump::dump_module(&m, 2));
                    0
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    1
                }
            }
        }
    }
}

fn microbench(
    mode: String,
    python: PathBuf,
    no_python: bool,
    repeat: usize,
    files: Vec<PathBuf>,
) -> i32 {
    use gilbench::harness::{executor::Interpreter, microbench, ProcessExecutor};
    let Some(kind) = ModelKind::parse(&mode) else {
        eprintln!(
            "gilbench: unknown mode '{mode}' (expected gil, free-threaded or subinterpreters)"
        );
        return 2;
    };
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gilbench: cannot locate its own executable: {e}");
            return 2;
        }
    };
    let files = if files.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let cwd = std::env::current_dir().unwrap_or_else(|_| root.clone());
        let found = microbench::default_files(&cwd);
        if found.is_empty() {
            microbench::default_files(&root)
        } else {
            found
        }
    } else {
        files
    };
    if files.is_empty() {
        eprintln!("gilbench: no benchmark files (expected benches/micro/*.py under the current directory)");
        return 2;
    }
    let config = microbench::MicroConfig {
        files,
        subject: Interpreter::Gilbench { exe, mode: kind.name().to_string() },
        baseline: (!no_python).then_some(Interpreter::Python { exe: python }),
        repeat,
    };
    let rows = microbench::run(&ProcessExecutor, &config);
    print!("{}", microbench::render(&rows, &config));
    if rows.iter().any(|r| r.subject.is_err()) {
        1
    } else {
        0
    }
}

/// `gilbench bench`'s arguments, as parsed.
struct BenchArgs {
    inputs: Vec<PathBuf>,
    run: WorkloadOpts,
    json: Option<PathBuf>,
    save_baseline: Option<String>,
    baseline: Option<String>,
    fail_on_regression: bool,
    regression_threshold: f64,
    csv: Option<PathBuf>,
    markdown: Option<PathBuf>,
    report: Option<PathBuf>,
    pyperf: Option<PathBuf>,
    strict: bool,
}

/// Shows progress on stderr (a bar on a terminal, else plain lines; see `harness::progress`) and
/// prints each workload's table on stdout as soon as it is complete.
struct PrintProgress(gilbench::harness::progress::SweepProgress);

impl gilbench::harness::bench::SweepObserver for PrintProgress {
    fn starting(
        &mut self,
        index: usize,
        total: usize,
        r: &gilbench::harness::bench::LaunchRequest,
    ) {
        self.0.starting(index, total, r);
    }

    fn config_done(
        &mut self,
        index: usize,
        _total: usize,
        _r: &gilbench::harness::bench::LaunchRequest,
        _row: &gilbench::harness::results::BenchRow,
    ) {
        self.0.done(index);
    }

    fn workload_done(&mut self, rows: &[gilbench::harness::results::BenchRow]) {
        self.0.print_stdout(&format!("{}\n", gilbench::harness::results::render_workload(rows)));
    }
}

fn bench(args: BenchArgs) -> anyhow::Result<i32> {
    use anyhow::{bail, Context};
    use gilbench::harness::bench::{self as sweep, BenchOptions};
    use gilbench::harness::{baseline, results};

    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut options = BenchOptions::defaults(cores);
    let pythons = args.run.apply(&mut options)?;
    let workloads = sweep::load_workloads(&args.inputs)?;
    // Provenance, and the busy-machine check, before anything is written or run.
    let mut meta = gilbench::harness::provenance::Provenance::collect(std::env::args().collect());
    if let Some(busy) = meta.busy_warning() {
        if args.strict {
            bail!("refusing to run (--strict): {busy}");
        }
        eprintln!("warning: {busy}");
    }
    for path in [&args.json, &args.csv, &args.markdown].into_iter().flatten() {
        // Fail now rather than after a long sweep (a missing parent directory is made).
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(path, "").with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !(args.regression_threshold.is_finite() && args.regression_threshold >= 0.0) {
        bail!(
            "--regression-threshold must be a percentage >= 0, not {}",
            args.regression_threshold
        );
    }
    let baseline_dir = baseline::default_dir();
    if let Some(name) = &args.save_baseline {
        baseline::baseline_path(name, &baseline_dir)?;
    }
    // A missing baseline fails now, before the sweep.
    let old =
        args.baseline.as_deref().map(|name| baseline::load(name, &baseline_dir)).transpose()?;
    for dir in [&args.report, &args.pyperf].into_iter().flatten() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let launcher = launcher_for(&pythons, &mut options)?;
    meta.add_pythons(&options.pythons);
    let mut progress = PrintProgress(gilbench::harness::progress::SweepProgress::auto());
    let mut rows = sweep::run_sweep(&launcher, &workloads, &options, &mut progress);
    progress.0.finish();
    meta.stamp(&mut rows);
    print!("{}", results::legend(options.repeat, options.warmup));
    let failed = rows.iter().filter(|r| r.status() != results::RowStatus::Ok).count();
    if failed > 0 {
        println!(
            "{failed} of {} configurations failed (see CHECK FAILED / error rows above)",
            rows.len()
        );
    }
    if let Some(path) = args.json {
        std::fs::write(
            &path,
            results::to_json_with_meta(&rows, std::slice::from_ref(&meta)) + "\n",
        )
        .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut status = results::exit_status(&rows);
    if let (Some(name), Some((path, old_rows))) = (&args.baseline, &old) {
        let comparisons = baseline::compare(old_rows, &rows, args.regression_threshold);
        print!(
            "\n{}",
            baseline::render(
                &comparisons,
                &format!("'{name}' ({})", path.display()),
                args.regression_threshold
            )
        );
        if let Some(note) = baseline::machine_note(old_rows, meta.key()) {
            println!("note: {note}");
        }
        let regressed = baseline::regressions(&comparisons);
        if !regressed.is_empty() {
            println!(
                "{} of {} configurations regressed against '{name}'",
                regressed.len(),
                comparisons.len()
            );
            if args.fail_on_regression {
                status = 1;
            }
        }
    }
    if let Some(name) = &args.save_baseline {
        let path =
            baseline::save_with_meta(name, &baseline_dir, &rows, std::slice::from_ref(&meta))?;
        println!("saved baseline '{name}' to {}", path.display());
    }
    if let Some(path) = args.csv {
        std::fs::write(&path, gilbench::report::to_csv(&rows))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = args.markdown {
        std::fs::write(&path, gilbench::report::to_markdown(&rows))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(dir) = &args.pyperf {
        let (files, skipped) = gilbench::report::pyperf::write_dir(dir, &rows, &meta)?;
        for s in skipped {
            eprintln!("gilbench: pyperf: left out {s}");
        }
        eprintln!(
            "gilbench: pyperf: wrote {} file(s) to {} (compare: python3 -m pyperf compare_to --table FILE1 FILE2)",
            files.len(),
            dir.display()
        );
    }
    if let Some(dir) = args.report {
        let source =
            gilbench::report::views::Source { input: "this sweep".into(), meta: Some(meta) };
        let meta = gilbench::report::views::ReportMeta {
            generated: gilbench::report::writer::now_utc(),
            inputs: vec![],
            sources: vec![source],
            baseline: None,
        };
        write_report_dir(&rows, &dir, &meta)?;
    }
    Ok(status)
}

impl WorkloadOpts {
    /// Apply the options to `options` (bad values are errors: exit status 2); answers the
    /// `--python` paths, which [`launcher_for`] probes.
    fn apply(
        self,
        options: &mut gilbench::harness::bench::BenchOptions,
    ) -> anyhow::Result<Vec<PathBuf>> {
        use anyhow::bail;
        use gilbench::harness::bench::{self as sweep, SizeChoice};
        if let Some(names) = self.modes {
            let mut modes = Vec::new();
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let Some(kind) = ModelKind::parse(name) else {
                    bail!("unknown mode '{name}' (expected gil, free-threaded or subinterpreters)");
                };
                modes.push(kind);
            }
            options.modes = sweep::normalize_modes(modes);
            if options.modes.is_empty() {
                bail!("--modes names no model");
            }
        }
        if let Some(threads) = self.threads {
            options.threads =
                sweep::normalize_threads(threads.into_iter().map(|t| t as usize).collect());
        }
        options.size = match (self.size, self.size_scale) {
            (Some(n), _) => SizeChoice::Fixed(n),
            (None, Some(f)) if f.is_finite() && f > 0.0 => SizeChoice::Scale(f),
            (None, Some(f)) => bail!("--size-scale must be a positive number, not {f}"),
            (None, None) => SizeChoice::Meta,
        };
        if !(self.timeout.is_finite() && self.timeout > 0.0) {
            bail!("--timeout must be a positive number of seconds, not {}", self.timeout);
        }
        options.timeout = std::time::Duration::from_secs_f64(self.timeout);
        options.repeat = self.repeat as usize;
        options.warmup = self.warmup as usize;
        options.memory_limit = self.memory_limit;
        Ok(self.pythons)
    }
}

/// The process launcher, with the driver script written and every `--python` probed (its rows
/// added to `options`) when there are any.
fn launcher_for(
    pythons: &[PathBuf],
    options: &mut gilbench::harness::bench::BenchOptions,
) -> anyhow::Result<gilbench::harness::launcher::ProcessLauncher> {
    use anyhow::Context;
    use gilbench::harness::{launcher::ProcessLauncher, python};
    let exe = std::env::current_exe().context("cannot locate its own executable")?;
    let mut launcher = ProcessLauncher::new(exe);
    if !pythons.is_empty() {
        launcher = launcher.with_driver()?;
        let driver = launcher.driver.clone().expect("with_driver sets the driver");
        let mut taken: Vec<String> = options.modes.iter().map(|m| m.name().to_string()).collect();
        for path in pythons {
            let info = python::probe(path, &driver)?;
            let (runs, notes) = python::runs_for(path, &info, &mut taken);
            for note in notes {
                eprintln!("note: {note}");
            }
            options.pythons.extend(runs);
        }
    }
    Ok(launcher)
}

/// `gilbench recommend`: run (or read) the rows, rank the models, show real interpreters beside.
fn recommend(file: PathBuf, run: WorkloadOpts, results: Vec<PathBuf>) -> anyhow::Result<i32> {
    use anyhow::bail;
    use gilbench::harness::bench::{self as sweep, BenchOptions};
    use gilbench::harness::{baseline, results as table};
    use gilbench::report::recommend as rec;

    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let asked_threads = run.threads.is_some();
    let mut options = BenchOptions::defaults(cores);
    options.threads = vec![rec::default_threads(cores)];
    let pythons = run.apply(&mut options)?;
    let (name, rows, threads) = if results.is_empty() {
        let workload = sweep::load_workload(&file)?;
        if let Some(busy) =
            gilbench::harness::provenance::Provenance::collect(std::env::args().collect())
                .busy_warning()
        {
            eprintln!("warning: {busy}");
        }
        let ranked_at = options.threads.iter().copied().max().unwrap_or(1);
        let launcher = launcher_for(&pythons, &mut options)?;
        let sweep_options = rec::sweep_options(&options.threads, options.clone());
        let mut progress = PrintProgress(gilbench::harness::progress::SweepProgress::auto());
        let rows = sweep::run_sweep(
            &launcher,
            std::slice::from_ref(&workload),
            &sweep_options,
            &mut progress,
        );
        progress.0.finish();
        println!("{}", table::legend(sweep_options.repeat, sweep_options.warmup));
        (workload.name, rows, ranked_at)
    } else {
        let mut rows = Vec::new();
        for path in &results {
            rows.extend(baseline::read_rows(path)?);
        }
        let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // Rows of several machines are not comparable: rank those of the machine read last.
        let machines: Vec<Option<String>> = rows
            .iter()
            .filter(|r| r.workload == name)
            .map(|r| r.machine.clone())
            .fold(Vec::new(), |mut v, m| {
                if !v.contains(&m) {
                    v.push(m);
                }
                v
            });
        if machines.len() > 1 {
            let chosen = machines.last().cloned().flatten();
            let label = |m: &Option<String>| m.clone().unwrap_or_else(|| "unknown machine".into());
            let others: Vec<String> = machines[..machines.len() - 1].iter().map(label).collect();
            eprintln!("note: the --results files hold '{name}' from {} machines; ranking the rows of {} (the last read), not of {}", machines.len(), label(&chosen), others.join(", "));
            rows.retain(|r| r.workload != name || r.machine == chosen);
        }
        let Some(measured) = rec::threads_in(&rows, &name, &options.modes) else {
            let mut names: Vec<&str> = rows.iter().map(|r| r.workload.as_str()).collect();
            names.dedup();
            bail!(
                "no rows for workload '{name}' in the --results files (they hold: {})",
                if names.is_empty() { "nothing".to_string() } else { names.join(", ") }
            );
        };
        let threads = if asked_threads {
            options.threads.iter().copied().max().unwrap_or(measured)
        } else {
            measured
        };
        (name, rows, threads)
    };
    let recommendation = rec::recommend_among(&rows, &name, threads, &options.modes);
    print!("{}", rec::render(&recommendation));
    Ok(if recommendation.choice.is_some() { 0 } else { 1 })
}

/// Write a report directory and say where it is (chart failures are warnings).
fn write_report_dir(
    rows: &[gilbench::harness::results::BenchRow],
    dir: &std::path::Path,
    meta: &gilbench::report::views::ReportMeta,
) -> anyhow::Result<()> {
    let out = gilbench::report::write_report(rows, dir, meta)?;
    for w in &out.warnings {
        eprintln!("gilbench: report: warning: {w}");
    }
    eprintln!(
        "gilbench: report: wrote {} files to {} (open {})",
        out.files.len(),
        dir.display(),
        dir.join("index.html").display()
    );
    Ok(())
}

/// `gilbench report`: read and merge `--json` files, write the report directory; with
/// `--baseline OLD.json`, print and show every configuration's change against it.
fn report(
    inputs: &[PathBuf],
    out: &std::path::Path,
    baseline: Option<&std::path::Path>,
    threshold_pct: f64,
) -> anyhow::Result<i32> {
    use gilbench::harness::baseline as base;
    let merged = gilbench::report::read_inputs(inputs)?;
    let against = match baseline {
        None => None,
        Some(path) => {
            let old = base::read_rows(path)?;
            let comparisons = base::compare(&old, &merged.rows, threshold_pct);
            let label = path.display().to_string();
            print!("{}", base::render(&comparisons, &format!("'{label}'"), threshold_pct));
            let machine = merged
                .rows
                .first()
                .map(|r| gilbench::report::views::machine_of(r).to_string())
                .unwrap_or_default();
            let machine_note = base::machine_note(&old, &machine);
            if let Some(note) = &machine_note {
                println!("note: {note}");
            }
            Some(gilbench::report::views::BaselineView {
                label,
                threshold_pct,
                comparisons,
                machine_note,
            })
        }
    };
    if merged.replaced > 0 {
        eprintln!(
            "gilbench: report: {} row(s) replaced by a later file with the same machine, workload, mode and threads",
            merged.replaced
        );
    }
    if merged.rows.is_empty() {
        eprintln!("gilbench: report: the inputs hold no rows; writing an empty report");
    }
    let meta = gilbench::report::views::ReportMeta {
        generated: gilbench::report::writer::now_utc(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        sources: merged.sources.clone(),
        baseline: against,
    };
    write_report_dir(&merged.rows, out, &meta)?;
    Ok(0)
}

/// The worker process of `gilbench bench`: one configuration, its report written to `report`.
#[allow(clippy::too_many_arguments)]
fn bench_worker(
    mode: String,
    threads: usize,
    size: u64,
    warmup: usize,
    repeat: usize,
    report: PathBuf,
    memory_limit: Option<u64>,
    file: PathBuf,
) -> i32 {
    use gilbench::harness::{launcher::write_report, limits, worker};
    let Some(kind) = ModelKind::parse(&mode) else {
        eprintln!(
            "gilbench: unknown mode '{mode}' (expected gil, free-threaded or subinterpreters)"
        );
        return 2;
    };
    if let Some(bytes) = memory_limit {
        // The native stacks this process reserves (never touched unless Python recurses deeply)
        // come on top, so SIZE is the same room for the heap as a CPython driver gets.
        let stacks = limits::worker_stack_reserve(INTERPRETER_STACK, threads);
        if let Err(e) = limits::limit_address_space(bytes.saturating_add(stacks)) {
            eprintln!("gilbench: cannot set the memory limit: {e}");
            return 2;
        }
    }
    let config = worker::WorkerConfig { mode: kind, threads, size, warmup, repeat };
    // Like `run`: Python calls recurse on the native stack, so the interpreter gets a large one.
    let handle = std::thread::Builder::new()
        .stack_size(INTERPRETER_STACK)
        .spawn(move || worker::run_config(&file, &config));
    let result = match handle.map(|h| h.join()) {
        Ok(Ok(r)) => r,
        _ => {
            eprintln!("gilbench: internal error: the bench worker thread panicked");
            return 70;
        }
    };
    match write_report(&report, &result) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("gilbench: cannot write the report {}: {e}", report.display());
            2
        }
    }
}

/// `gilbench compare`'s options (see `Command::Compare`).
struct CompareArgs {
    modes: Option<Vec<String>>,
    pythons: Vec<PathBuf>,
    repeat: usize,
    warmup: usize,
    timeout: f64,
    stdin: Option<PathBuf>,
    timeline: bool,
    timeline_cap: usize,
    json: Option<PathBuf>,
    report: Option<PathBuf>,
    strict: bool,
    program: Vec<String>,
}

/// `gilbench compare SCRIPT [ARGS...]`: every model and --python interpreter, side by side.
fn compare(args: CompareArgs) -> anyhow::Result<i32> {
    use anyhow::{bail, Context};
    use gilbench::harness::compare::{self as cmp, CompareOptions, ProcessRunLauncher, Target};
    use gilbench::harness::python;

    let (script, script_args) = args.program.split_first().context("compare needs SCRIPT")?;
    let script = PathBuf::from(script);
    if !script.is_file() {
        bail!("can't open file '{}': no such file", script.display());
    }
    if let Some(f) = &args.stdin {
        std::fs::metadata(f).with_context(|| format!("--stdin {}", f.display()))?;
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds, not {}", args.timeout);
    }
    let mut modes = Vec::new();
    for name in
        args.modes.unwrap_or_else(|| ModelKind::ALL.iter().map(|m| m.name().to_string()).collect())
    {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let Some(kind) = ModelKind::parse(name) else {
            bail!("unknown mode '{name}' (expected gil, free-threaded or subinterpreters)");
        };
        if !modes.contains(&kind) {
            modes.push(kind);
        }
    }
    if modes.is_empty() && args.pythons.is_empty() {
        bail!("--modes names no model and no --python is given: nothing to compare");
    }
    let mut meta = gilbench::harness::provenance::Provenance::collect(std::env::args().collect());
    if let Some(busy) = meta.busy_warning() {
        if args.strict {
            bail!("refusing to run (--strict): {busy}");
        }
        eprintln!("warning: {busy}");
    }
    let mut targets: Vec<Target> = modes.iter().map(|m| Target::Model(*m)).collect();
    if !args.pythons.is_empty() {
        let scratch = std::env::temp_dir();
        let driver = python::write_driver(&scratch)?;
        let mut taken: Vec<String> = modes.iter().map(|m| m.name().to_string()).collect();
        let mut runs = Vec::new();
        for path in &args.pythons {
            let info = python::probe(path, &driver);
            let info = match info {
                Ok(i) => i,
                Err(e) => {
                    let _ = std::fs::remove_file(&driver);
                    return Err(e.into());
                }
            };
            // Only the threads row: the script runs as written, whatever it uses.
            let (found, _) = python::runs_for(path, &info, &mut taken);
            if let Some(run) = found.into_iter().find(|r| r.kind == python::PythonKind::Threads) {
                targets.push(Target::Python {
                    path: path.clone(),
                    label: run.label.clone(),
                    description: format!(
                        "{} {}, {}",
                        run.info.implementation,
                        run.info.version,
                        if run.info.gil_enabled { "GIL enabled" } else { "GIL disabled" }
                    ),
                });
                runs.push(run);
            }
        }
        let _ = std::fs::remove_file(&driver);
        meta.add_pythons(&runs);
    }
    for path in [&args.json].into_iter().flatten() {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(path, "").with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(dir) = &args.report {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let launcher = ProcessRunLauncher {
        exe: std::env::current_exe().context("cannot locate its own executable")?,
        script: std::path::absolute(&script).unwrap_or(script.clone()),
        args: script_args.to_vec(),
        stdin: args.stdin.clone(),
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        scratch: std::env::temp_dir(),
        timeline_cap: args.timeline_cap,
    };
    let options = CompareOptions {
        script: script.clone(),
        args: script_args.to_vec(),
        targets,
        repeat: args.repeat,
        warmup: args.warmup,
        timeline: args.timeline,
    };
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let comparison = cmp::compare(&options, &launcher, |what| {
        if interactive {
            eprint!("\r\x1b[2K{what}");
        }
    });
    if interactive {
        eprint!("\r\x1b[2K");
    }
    print!("{}", cmp::render_table(&comparison));
    if let Some(path) = &args.json {
        std::fs::write(path, cmp::to_json(&comparison, &meta) + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(dir) = &args.report {
        let out = gilbench::report::compare_page::write_compare_report(&comparison, &meta, dir)?;
        for w in &out.warnings {
            eprintln!("warning: {w}");
        }
        println!("report: {}", dir.join("index.html").display());
    }
    let failed = comparison.rows.iter().any(|r| r.problem.is_some());
    Ok(if failed || !comparison.output_differences.is_empty() { 1 } else { 0 })
}

/// The compare worker: run the program under one model, then write its counters (and timeline).
fn compare_worker(
    mode: String,
    report: PathBuf,
    timeline: Option<PathBuf>,
    timeline_cap: usize,
    program: Vec<String>,
) -> i32 {
    use gilbench::harness::script_run;
    let Some(kind) = ModelKind::parse(&mode) else {
        eprintln!(
            "gilbench: unknown mode '{mode}' (expected gil, free-threaded or subinterpreters)"
        );
        return 2;
    };
    let Some((script, args)) = program.split_first() else {
        eprintln!("gilbench: the compare worker needs SCRIPT");
        return 2;
    };
    let result = script_run::run_script(
        kind,
        std::path::Path::new(script),
        args,
        timeline.as_ref().map(|_| timeline_cap),
    );
    let (report_out, recorded) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gilbench: {e}");
            return 2;
        }
    };
    let write = |path: &std::path::Path, text: String| {
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("gilbench: cannot write {}: {e}", path.display());
        }
    };
    if let (Some(path), Some(t)) = (&timeline, &recorded) {
        write(path, serde_json::to_string(t).unwrap_or_default());
    }
    write(&report, serde_json::to_string(&report_out).unwrap_or_default());
    report_out.exit_code
}
