//! Memory layer: per-thread cost counters, the cyclic garbage collector (and, later, allocation accounting).

pub mod counters;
pub mod gc;
