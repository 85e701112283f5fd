//! The command line (clap lives only here): `gilbench run | dis | ast | microbench`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use gilbench::runtime::{ExecutionModel, FreeThreaded, Gil, ModelKind, Subinterpreters};
use gilbench::vm::{ExitStatus, Vm};

#[derive(Parser)]
#[command(name = "gilbench", version, about = "A Python interpreter core in three execution models, and a harness comparing them")]
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
}

fn read_source(path: &std::path::Path) -> Result<String, i32> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(2);
            eprintln!("gilbench: can't open file '{}': [Errno {errno}] {}", path.display(), if errno == 2 { "No such file or directory".to_string() } else { e.to_string() });
            Err(2)
        }
    }
}

/// Native stack of the interpreter thread: Python calls recurse on it.
const INTERPRETER_STACK: usize = 512 << 20;

fn run_model<M: ExecutionModel>(source: &str, filename: &str, argv: Vec<String>, dir: Option<PathBuf>) -> i32 {
    let mut vm = Vm::<M>::new_interpreter();
    // This runs on the thread `main_with` spawns with INTERPRETER_STACK bytes of stack.
    vm.set_native_stack_budget(INTERPRETER_STACK - (16 << 20));
    *vm.interp.argv.lock() = argv;
    if let Some(d) = dir {
        vm.interp.path.lock().push(d);
    }
    match vm.run_main(source, filename) {
        ExitStatus::Ok => 0,
        ExitStatus::Code(c) => c,
    }
}

/// Execute the parsed command line; returns the process exit status.
pub fn main_with(cli: Cli) -> i32 {
    match cli.command {
        Command::Run { mode, code, args } => {
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
                    let dir = abs.parent().map(|p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.to_path_buf() });
                    (source, abs.to_string_lossy().into_owned(), args.clone(), dir)
                }
            };
            // Python recursion runs on the native stack: give the interpreter a large one.
            let handle = std::thread::Builder::new().stack_size(INTERPRETER_STACK).spawn(move || match kind {
                ModelKind::Gil => run_model::<Gil>(&source, &filename, argv, dir),
                ModelKind::FreeThreaded => run_model::<FreeThreaded>(&source, &filename, argv, dir),
                ModelKind::Subinterpreters => run_model::<Subinterpreters>(&source, &filename, argv, dir),
            });
            match handle.map(|h| h.join()) {
                Ok(Ok(code)) => code,
                _ => {
                    eprintln!("gilbench: internal error: the interpreter thread panicked");
                    70
                }
            }
        }
        Command::Microbench { mode, python, no_python, repeat, files } => microbench(mode, python, no_python, repeat, files),
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

fn microbench(mode: String, python: PathBuf, no_python: bool, repeat: usize, files: Vec<PathBuf>) -> i32 {
    use gilbench::harness::{executor::Interpreter, microbench, ProcessExecutor};
    let Some(kind) = ModelKind::parse(&mode) else {
        eprintln!("gilbench: unknown mode '{mode}' (expected gil, free-threaded or subinterpreters)");
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
        if found.is_empty() { microbench::default_files(&root) } else { found }
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
    if rows.iter().any(|r| r.subject.is_err()) { 1 } else { 0 }
}
