//! The harness: runs Python files under gilbench's models and real interpreters, and compares them.
//!
//! Public API: [`microbench`] (the foundation's side-by-side microbenchmarks) and [`bench`] (the
//! workload sweep: workloads x models x thread counts, one worker process per configuration).
//! Invariant: the harness never reaches into the VM from the sweep side; it runs programs through
//! an [`Executor`] or a [`bench::ConfigLauncher`], so its logic is tested with mocks and timings
//! come only from real runs. Only [`session`] runs the interpreter: inside the worker process
//! ([`worker`]) and inside the criterion benches (`benches/workloads.rs`).

pub mod baseline;
pub mod bench;
pub mod child;
pub mod compare;
pub mod executor;
pub mod launcher;
pub mod limits;
pub mod meta;
pub mod microbench;
pub mod progress;
pub mod provenance;
pub mod python;
pub mod results;
pub mod script_run;
pub mod session;
pub mod stats;
#[cfg(test)]
pub mod temp_script;
pub mod worker;

pub use executor::{Executor, ProcessExecutor, RunOutput};
