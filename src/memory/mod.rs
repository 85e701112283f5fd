//! Memory layer: the cyclic garbage collector, allocation accounting (and tracemalloc's traces).

pub mod alloc;
pub mod deferred;
pub mod gc;
pub mod tracemalloc;
