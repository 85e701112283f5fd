//! The three execution models (GIL, free-threaded, subinterpreters) and the primitives they differ in.
//!
//! Public API: [`ExecutionModel`] and its three implementations [`Gil`], [`FreeThreaded`],
//! [`Subinterpreters`]; the refcount, object-lock and interpreter-lock primitives they plug
//! into the object header and the eval loop; the per-thread [`EvalBreaker`]; the thread
//! registry with biased refcounting's merge queues ([`brc`]); per-thread runtime counters; the
//! thread [`timeline`] recorder.
//! Invariant: the eval loop and the object model only use these through the trait; nothing
//! outside this module branches on a model's name.

pub mod brc;
pub mod counters;
pub mod eval_breaker;
pub mod gil;
pub mod locks;
pub mod model;
pub mod qsbr;
pub mod refcount;
pub mod thread_id;
pub mod thread_states;
pub mod timeline;

pub use eval_breaker::EvalBreaker;
pub use gil::{GilError, GilLock, GilState, InterpreterLock, NoGil};
pub use model::{
    Collector, ExecutionModel, FreeThreaded, Gil, GuardedByInterpreterLock, ModelKind, ShardLock,
    ShardMutex, SharedHeap, StopTheWorld, Subinterpreters, UnderInterpreterLock,
};
pub use thread_states::{StoppedWorld, ThreadStates};
