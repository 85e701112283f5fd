//! The three execution models (GIL, free-threaded, subinterpreters) and the primitives they differ in.
//!
//! Public API: [`ExecutionModel`] and its three implementations [`Gil`], [`FreeThreaded`],
//! [`Subinterpreters`]; the refcount and object-lock primitives they plug into the object header.
//! Invariant: the eval loop and the object model only use these through the trait; nothing
//! outside this module branches on a model's name.

pub mod locks;
pub mod model;
pub mod refcount;
pub mod thread_id;

pub use model::{ExecutionModel, FreeThreaded, Gil, ModelKind, SharedHeap, Subinterpreters};
