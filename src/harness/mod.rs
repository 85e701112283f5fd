//! The harness: runs Python files under gilbench's models and real interpreters, and compares them.
//!
//! Public API: [`microbench`] (the foundation's side-by-side microbenchmarks). Invariant: the
//! harness never reaches into the VM; it runs programs through an [`Executor`], so its logic is
//! tested with a mock executor and timings come only from real runs.

pub mod executor;
pub mod microbench;
pub mod worker;

pub use executor::{Executor, ProcessExecutor, RunOutput};
