//! gilbench: a small Python interpreter core built in three execution models, and a harness comparing them.

// Interpreter state is generic over the execution model, so handles such as
// `HashMap<Key, Vec<(ObjRef<M>, Value<M>)>>` are spelled out where they are used rather than
// hidden behind one-use aliases.
#![allow(clippy::type_complexity)]
// Every `unsafe` block says why it is sound; modules without unsafe code forbid it (each
// file or folder opens with `#![forbid(unsafe_code)]`; tests/layering.rs checks that).
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod compiler;
pub mod frontend;
pub mod harness;
pub mod memory;
pub mod num;
pub mod object;
pub mod report;
pub mod runtime;
pub mod stdlib;
pub mod text;
pub mod types;
pub mod vm;

/// Every heap allocation of the process goes through the counting allocator, which charges it to
/// the interpreter of the allocating thread (see `memory::alloc`).
#[global_allocator]
static ALLOCATOR: memory::alloc::CountingAllocator = memory::alloc::CountingAllocator;
