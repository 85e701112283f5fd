//! Criterion benches over `workloads/*.py`: one group per workload file, one benchmark per model x thread count, timing only the parallel section.
//!
//! Every `*.py` file in `workloads/` that follows the workload protocol (workloads/README.md) is found at
//! run time. Benchmark ids are `NAME/MODEL/THREADS` (`cpu_loop/gil/1`,
//! `cpu_loop/free-threaded/2`, `cpu_loop/subinterpreters/2`), so criterion's filter selects
//! them: `cargo bench --bench workloads -- cpu_loop` runs one workload,
//! `cargo bench --bench workloads -- /free-threaded/` one model.
//!
//! Each benchmark starts a `harness::session::ConfigSession` lazily (a filtered-out or listed
//! benchmark starts nothing): the workload is loaded, `setup` runs and the worker threads (or
//! interpreters) start, all untimed. Criterion then calls `iter_custom(|iters| session.run(iters))`:
//! `iters` rounds of the parallel section, each checked, and only the parallel sections are
//! timed (the same runner as `gilbench bench`). Like criterion's `iter_batched`, every round
//! starts from a fresh state: the session runs `setup` between rounds, untimed (unless the
//! workload says `META["setup"] = "once"`), so a round's time never includes it. A session that cannot start, a
//! worker that raises or a `check` that fails panics with its message: criterion has no other
//! way to fail a benchmark.
//!
//! Environment:
//! * `GILBENCH_THREADS`: comma-separated thread counts (default `1,2` plus the machine's core
//!   count, deduplicated).
//! * `GILBENCH_MODES`: comma-separated models (default all three; `ft`/`sub` aliases work).
//! * `GILBENCH_SIZE_SCALE`: the factor applied to each workload's `META["size"]` (default
//!   0.1, so that one workload's whole group (3 models x 2 thread counts on a 2-core machine)
//!   takes about a minute; in criterion's test mode (`cargo bench -- --test`, or
//!   `cargo test --release --bench workloads`, which reuses the release build of the library)
//!   the default is 0.02, since each benchmark then runs one round and only has to prove it
//!   works).
//!
//! Criterion settings per group: 10 samples, flat sampling (every sample runs the same number
//! of rounds: a round takes milliseconds to a second, too long for linear sampling), 1 s
//! warm-up, 3 s measurement. Command-line options such as `--measurement-time` still apply.
//!
//! Counter overhead: build with `--features no-counters` (every counter bump compiles to
//! nothing) and compare with criterion's baselines (see `benches/README.md`):
//! `cargo bench --bench workloads --features no-counters -- cpu_loop --save-baseline nocount`
//! then `cargo bench --bench workloads -- cpu_loop --baseline nocount`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode};
use gilbench::harness::meta::parse_meta;
use gilbench::harness::session::ConfigSession;
use gilbench::runtime::ModelKind;

/// Default `GILBENCH_SIZE_SCALE` for measuring runs.
const SIZE_SCALE: f64 = 0.1;
/// Default `GILBENCH_SIZE_SCALE` in criterion's `--test` mode (one round per benchmark).
const TEST_SIZE_SCALE: f64 = 0.02;

/// One workload file: its name and its default size (or why `META` could not be read).
struct Workload {
    name: String,
    path: PathBuf,
    size: Result<u64, String>,
}

fn workloads(dir: &Path) -> Vec<Workload> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let size = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|src| parse_meta(&src).map(|m| m.size).map_err(|e| e.to_string()));
            Workload { name, path, size }
        })
        .collect()
}

fn env_list(var: &str) -> Option<Vec<String>> {
    let v = std::env::var(var).ok()?;
    let items: Vec<String> =
        v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    (!items.is_empty()).then_some(items)
}

fn thread_counts() -> Vec<usize> {
    let mut counts = match env_list("GILBENCH_THREADS") {
        Some(items) => items
            .iter()
            .map(|s| {
                s.parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| panic!("GILBENCH_THREADS: `{s}` is not a thread count >= 1"))
            })
            .collect(),
        None => vec![1, 2, std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)],
    };
    counts.sort_unstable();
    counts.dedup();
    counts
}

fn modes() -> Vec<ModelKind> {
    match env_list("GILBENCH_MODES") {
        Some(items) => items
            .iter()
            .map(|s| {
                ModelKind::parse(s).unwrap_or_else(|| {
                    panic!(
                        "GILBENCH_MODES: unknown model `{s}` (gil, free-threaded, subinterpreters)"
                    )
                })
            })
            .collect(),
        None => ModelKind::ALL.to_vec(),
    }
}

fn size_scale(test_mode: bool) -> f64 {
    match std::env::var("GILBENCH_SIZE_SCALE") {
        Ok(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| *f > 0.0 && f.is_finite())
            .unwrap_or_else(|| panic!("GILBENCH_SIZE_SCALE: `{s}` is not a positive number")),
        Err(_) if test_mode => TEST_SIZE_SCALE,
        Err(_) => SIZE_SCALE,
    }
}

fn bench_workloads(c: &mut Criterion) {
    // Criterion's own rule: `--test`, or no `--bench` (`cargo test --bench workloads`), is test mode.
    let args: Vec<String> = std::env::args().collect();
    let test_mode = args.iter().any(|a| a == "--test") || !args.iter().any(|a| a == "--bench");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads");
    let (threads, modes, scale) = (thread_counts(), modes(), size_scale(test_mode));
    for wl in workloads(&dir) {
        let mut group = c.benchmark_group(&wl.name);
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        for &mode in &modes {
            for &n in &threads {
                let id = format!("{}/{}/{n}", wl.name, mode.name());
                let mut session: Option<ConfigSession> = None;
                group.bench_function(BenchmarkId::new(mode.name(), n), |b| {
                    b.iter_custom(|iters| {
                        let s = session.get_or_insert_with(|| {
                            let meta_size = wl
                                .size
                                .clone()
                                .unwrap_or_else(|e| panic!("{id}: {}: {e}", wl.path.display()));
                            let size = ((meta_size as f64 * scale).round() as u64).max(1);
                            ConfigSession::start(&wl.path, mode, n, size)
                                .unwrap_or_else(|e| panic!("{id} (size {size}): {e}"))
                        });
                        let rounds = usize::try_from(iters).expect("iteration count fits usize");
                        s.run(rounds).unwrap_or_else(|e| panic!("{id} (size {}): {e}", s.size()))
                    })
                });
                if let Some(s) = session.take() {
                    s.finish().unwrap_or_else(|e| panic!("{id}: {e}"));
                }
            }
        }
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_workloads(&mut c);
    c.final_summary();
}
