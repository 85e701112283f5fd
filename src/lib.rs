//! gilbench: a small Python interpreter core built in three execution models, and a harness comparing them.

pub mod compiler;
pub mod frontend;
pub mod harness;
pub mod memory;
pub mod object;
pub mod report;
pub mod runtime;
pub mod stdlib;
pub mod vm;

/// Every heap allocation of the process goes through the counting allocator, which charges it to
/// the interpreter of the allocating thread (see `memory::alloc`).
#[global_allocator]
static ALLOCATOR: memory::alloc::CountingAllocator = memory::alloc::CountingAllocator;
