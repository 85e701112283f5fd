//! Memory layer: per-thread cost counters, the cyclic garbage collector, allocation accounting (and tracemalloc's traces).

pub mod alloc;
pub mod counters;
pub mod gc;
pub mod tracemalloc;
