//! Memory layer: per-thread cost counters (and, later, the cyclic GC and allocation accounting).

pub mod counters;
