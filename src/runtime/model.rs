//! The execution-model seam: what differs between the GIL, free-threaded and subinterpreter builds.
//!
//! The interpreter core is generic over `M: ExecutionModel` and monomorphised three times, as
//! CPython is compiled with or without `Py_GIL_DISABLED`. The differences are types, not
//! branches: the reference count in every object header, the per-object lock on mutable
//! containers, the interpreter lock (the GIL or nothing), how a cyclic collection keeps the other
//! threads out ([`Collector`]), and whether object handles may cross threads at all
//! ([`SharedHeap`]).
#![forbid(unsafe_code)]

use super::gil::{GilLock, InterpreterLock, NoGil};
use super::locks::{NoObjectLock, ObjectLock, ObjectMutex};
use super::refcount::{BiasedRefCount, PlainRefCount, RefCount};
use super::thread_states::{StoppedWorld, ThreadStates};
use super::EvalBreaker;
use std::sync::Arc;

/// Which build a model is (for reports and `sys` flags; never for branching in the eval loop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKind {
    Gil,
    FreeThreaded,
    Subinterpreters,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] =
        [ModelKind::Gil, ModelKind::FreeThreaded, ModelKind::Subinterpreters];

    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Gil => Gil::NAME,
            ModelKind::FreeThreaded => FreeThreaded::NAME,
            ModelKind::Subinterpreters => Subinterpreters::NAME,
        }
    }

    /// Parse a mode name or its short alias (`ft`, `sub`).
    pub fn parse(s: &str) -> Option<ModelKind> {
        match s {
            "gil" => Some(ModelKind::Gil),
            "free-threaded" | "ft" | "freethreaded" | "nogil" => Some(ModelKind::FreeThreaded),
            "subinterpreters" | "sub" | "subinterp" => Some(ModelKind::Subinterpreters),
            _ => None,
        }
    }
}

/// What differs between the three builds of the interpreter core.
pub trait ExecutionModel: Sized + 'static {
    const NAME: &'static str;
    const KIND: ModelKind;
    /// True when the model runs without a global interpreter lock (`sys._is_gil_enabled()` is false).
    const GIL_DISABLED: bool;
    /// The count in every object header.
    type RefCount: RefCount;
    /// The lock on every mutable container (list, dict, set, instance dict).
    type ObjectLock: ObjectLock;
    /// The per-interpreter lock around bytecode execution: the GIL, or a no-op.
    type InterpreterLock: InterpreterLock;
    /// Once a second thread starts, make module-level definitions (modules, their dicts,
    /// non-nested functions and their code, classes) immortal, so threads sharing them do not
    /// contend on their reference counts (CPython 3.13t's answer to deferred reference counting).
    const IMMORTALIZE_DEFINITIONS: bool = false;
    /// How a cyclic collection is made exclusive, and how the collector's tables of tracked
    /// objects are kept.
    type Collector: Collector;
}

/// How the cyclic collector keeps the other threads of its interpreter out of the heap it scans.
pub trait Collector: 'static {
    /// One table of tracked objects per thread, each behind its own lock (threads allocate in
    /// parallel), rather than one table per interpreter that the interpreter lock guards.
    const PER_THREAD_SHARDS: bool;
    /// What guards one table of tracked objects: nothing beyond the interpreter lock when one
    /// table serves threads that hold that lock, a mutex of its own when threads run in parallel.
    type ShardLock: ShardLock;

    /// Make a collection exclusive for as long as the returned guard lives. The caller is
    /// attached to `threads`' interpreter (it holds `lock` where there is one).
    fn exclusive<'a, L: InterpreterLock>(
        threads: &'a ThreadStates,
        lock: &L,
        me: &Arc<EvalBreaker>,
    ) -> Option<StoppedWorld<'a>>;
}

/// The GIL and subinterpreter builds: the collecting thread holds the interpreter lock, which
/// already keeps every other thread of its interpreter out; nothing more to do.
pub struct UnderInterpreterLock;

impl Collector for UnderInterpreterLock {
    const PER_THREAD_SHARDS: bool = false;
    type ShardLock = GuardedByInterpreterLock;

    #[inline]
    fn exclusive<'a, L: InterpreterLock>(
        _threads: &'a ThreadStates,
        _lock: &L,
        _me: &Arc<EvalBreaker>,
    ) -> Option<StoppedWorld<'a>> {
        None
    }
}

/// The free-threaded build: other threads run in parallel, so a collection stops the world
/// (every other attached thread parks at its next safe point), as CPython 3.13t does.
pub struct StopTheWorld;

impl Collector for StopTheWorld {
    const PER_THREAD_SHARDS: bool = true;
    type ShardLock = ShardMutex;

    #[inline]
    fn exclusive<'a, L: InterpreterLock>(
        threads: &'a ThreadStates,
        lock: &L,
        me: &Arc<EvalBreaker>,
    ) -> Option<StoppedWorld<'a>> {
        Some(threads.stop_the_world(lock, me))
    }
}

/// How the collector's table of tracked objects (one shard) is kept exclusive while a thread
/// pushes, removes or scans entries.
pub trait ShardLock: Default + Send + Sync + 'static {
    /// Run `f` with the shard's tables to itself.
    fn exclusive<R>(&self, f: impl FnOnce() -> R) -> R;
}

/// No lock of its own: every thread that touches the shard holds the interpreter lock (the GIL
/// build, and each subinterpreter's own lock).
#[derive(Default)]
pub struct GuardedByInterpreterLock;

impl ShardLock for GuardedByInterpreterLock {
    #[inline(always)]
    fn exclusive<R>(&self, f: impl FnOnce() -> R) -> R {
        f()
    }
}

/// A small mutex per shard (the free-threaded build). The owning thread never takes it: it
/// tracks and untracks its objects alone (see `memory::gc`). It guards a shard nobody owns
/// (a thread freeing one of its objects), the hand-over of a shard between threads, and the
/// collector's bookkeeping: all off the allocation path.
#[derive(Default)]
pub struct ShardMutex(parking_lot::Mutex<()>);

impl ShardLock for ShardMutex {
    #[inline]
    fn exclusive<R>(&self, f: impl FnOnce() -> R) -> R {
        let _held = self.0.lock();
        f()
    }
}

/// Models whose object handles may be shared between threads of one interpreter.
/// Subinterpreters do not implement it, so their handles are `!Send`: the compiler rejects
/// any attempt to move an object from one interpreter's thread to another.
pub trait SharedHeap: ExecutionModel {}

/// The classic build: one global interpreter lock; plain counts, no container locks.
pub struct Gil;

impl ExecutionModel for Gil {
    const NAME: &'static str = "gil";
    const KIND: ModelKind = ModelKind::Gil;
    const GIL_DISABLED: bool = false;
    type RefCount = PlainRefCount;
    type ObjectLock = NoObjectLock;
    type InterpreterLock = GilLock;
    type Collector = UnderInterpreterLock;
}
impl SharedHeap for Gil {}

/// PEP 703: no GIL; biased reference counting, immortal objects, per-object locks.
pub struct FreeThreaded;

impl ExecutionModel for FreeThreaded {
    const NAME: &'static str = "free-threaded";
    const KIND: ModelKind = ModelKind::FreeThreaded;
    const GIL_DISABLED: bool = true;
    type RefCount = BiasedRefCount;
    type ObjectLock = ObjectMutex;
    type InterpreterLock = NoGil;
    const IMMORTALIZE_DEFINITIONS: bool = true;
    type Collector = StopTheWorld;
}
impl SharedHeap for FreeThreaded {}

/// PEP 684/734: isolated interpreters, each with its own lock (a per-interpreter GIL); objects
/// never cross between interpreters, data is copied. Its handles are `!Send`, so the compiler
/// rejects moving an object to another interpreter's thread; threads of one interpreter share
/// its lock as in the GIL build.
pub struct Subinterpreters;

impl ExecutionModel for Subinterpreters {
    const NAME: &'static str = "subinterpreters";
    const KIND: ModelKind = ModelKind::Subinterpreters;
    const GIL_DISABLED: bool = false;
    type RefCount = PlainRefCount;
    type ObjectLock = NoObjectLock;
    type InterpreterLock = GilLock;
    type Collector = UnderInterpreterLock;
}
