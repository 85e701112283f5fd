//! The object header and handles: `PyObject<M>` (refcount + payload), `ObjRef<M>`, `Guarded<M, T>`.
//!
//! Implementation notes (this is one of the few modules with `unsafe`):
//!
//! * Every heap object is a `Box<PyObject<M>>` leaked into an [`ObjRef`]. Cloning an `ObjRef`
//!   increments the model's count; dropping it decrements, and the decrement that reports
//!   "last reference" frees the box at once (CPython's `Py_DECREF` -> `tp_dealloc`).
//! * Biased refcounting (free-threaded build): a decrement by a thread that does not own the
//!   object may answer [`DecRef::Queue`]: the shared count would have gone negative, and the
//!   reference being dropped now belongs to the owner's merge queue. The handle pushes the
//!   object with `brc::enqueue` (type-erased: the pointer plus `merge_queued::<M>`). The owner
//!   runs `merge_queued` when it drains its queue at an eval-breaker check (or when it retires);
//!   if the owner has already exited, `enqueue` runs it at once on the dropping thread. It
//!   consumes the queue's reference and frees the object if the merged count is zero, so each
//!   object is still freed exactly once. The refcount module never sees an `ObjRef`.
//!   A retiring thread drains its queue from a thread-local destructor when the VM did not
//!   retire it explicitly, so deallocation tolerates torn-down thread-locals: without the
//!   trashcan it frees recursively, without the pending-finalizer list it frees without
//!   running `__del__` (no Python code runs on a thread that is exiting).
//! * Freeing a long chain (a linked list of a million nodes) would recurse once per node in
//!   `Drop`. As CPython's trashcan does, a thread that is already this deep in deallocations
//!   parks further objects on a thread-local list and the outermost deallocation frees them
//!   iteratively.
//! * An instance whose class defines `__del__` is not freed when its count hits zero: the
//!   payload reports it ([`Finalize::needs_finalizer`]), the object is resurrected with a count
//!   of one and queued on this thread's pending-finalizer list; the VM runs `__del__` at its
//!   next eval-breaker check (before the next call or backward jump, so the output order matches
//!   CPython's synchronous finalizer), marks it finalized (PEP 442: once) and drops it again.
//! * [`Guarded`] is the interior mutability of every mutable container: an `UnsafeCell` plus the
//!   model's object lock. `with` takes the lock for the duration of a closure that must not run
//!   Python code and must not re-enter `with` on the same object. Under the no-op lock this is
//!   sound because the GIL (GIL build) or isolation (subinterpreters) admits one thread at a time
//!   and closures never re-enter; under the free-threaded build the real mutex excludes others.
//! * Handles are `Send + Sync` only for models with a shared heap ([`SharedHeap`]); in the
//!   subinterpreter build `ObjRef` stays `!Send` so objects cannot leak between interpreters.
//!   The one audited exception is [`SameInterpreter`]: `vm::thread::spawn_thread` moves a
//!   thread's start-up closure (its target, arguments and the interpreter) to the new OS
//!   thread, which attaches to *that same interpreter* (taking its lock) before it touches any
//!   of it. Objects change threads, never interpreters, and the interpreter's own lock (a
//!   per-interpreter GIL, PEP 684) serialises every access, exactly as in the GIL build.

use std::any::TypeId;
use std::cell::{Cell, RefCell, UnsafeCell};
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::runtime::brc::{self, QueuedObject};
use crate::runtime::locks::ObjectLock;
use crate::runtime::refcount::{DecRef, RefCount};
use crate::runtime::{ExecutionModel, SharedHeap};

use super::Payload;

/// Payload hook consulted when the count reaches zero.
pub trait Finalize {
    /// True when the object must be resurrected to run a Python-level finalizer first.
    fn needs_finalizer(&self) -> bool;
}

/// A heap object: the model's reference count, the cyclic GC's link, and the payload.
/// `repr(C)`: the count comes first, so a deferred free's link word (`memory::deferred`, the
/// block's first word) never lands on the payload an optimistic reader may still compare.
#[repr(C)]
pub struct PyObject<M: ExecutionModel> {
    rc: M::RefCount,
    /// Where the collector tracks this object (see `memory::gc`).
    pub gc: crate::memory::gc::GcLink,
    pub payload: Payload<M>,
}

impl<M: ExecutionModel> PyObject<M> {
    pub fn refcount(&self) -> usize {
        self.rc.get()
    }
    pub fn make_immortal(&self) {
        self.rc.make_immortal();
    }
    pub fn is_immortal(&self) -> bool {
        self.rc.is_immortal()
    }
}

/// An owned reference to a heap object.
pub struct ObjRef<M: ExecutionModel> {
    ptr: NonNull<PyObject<M>>,
    _marker: PhantomData<PyObject<M>>,
}

// SAFETY: for shared-heap models every object access is either immutable, guarded by the
// object lock (`Guarded`), or serialised by the GIL; refcounts are biased/atomic (free-threaded)
// or GIL-serialised (GIL build). See the module notes.
unsafe impl<M: SharedHeap> Send for ObjRef<M> {}
// SAFETY: as above.
unsafe impl<M: SharedHeap> Sync for ObjRef<M> {}

impl<M: ExecutionModel> ObjRef<M> {
    /// Allocate a new object with a count of one.
    pub fn new(payload: Payload<M>) -> Self {
        crate::runtime::counters::count_allocation();
        let boxed = Box::new(PyObject {
            rc: M::RefCount::new(),
            gc: crate::memory::gc::GcLink::new(),
            payload,
        });
        let obj = Box::leak(boxed);
        if obj.payload.is_gc_type() && crate::memory::gc::track_new::<M>(&obj.gc) {
            crate::runtime::eval_breaker::signal_current(crate::runtime::EvalBreaker::GC_SCHEDULED);
        }
        ObjRef { ptr: NonNull::from(obj), _marker: PhantomData }
    }

    /// A new handle to a live object, owning a count of its own (the collector's hold on the
    /// objects it is about to clear).
    ///
    /// # Safety
    /// `p` must be a live object of this model, and stay alive until the increment is done.
    pub unsafe fn new_ref_from_raw(p: *const PyObject<M>) -> Self {
        // SAFETY: live per the caller's contract.
        unsafe { &*p }.rc.incref();
        // SAFETY: non-null (a live object); the count taken above belongs to the handle.
        unsafe { ObjRef::from_raw(p as *mut PyObject<M>) }
    }

    /// Identity (CPython's `id()`).
    #[inline(always)]
    pub fn id(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    #[inline(always)]
    pub fn is(&self, other: &ObjRef<M>) -> bool {
        self.ptr == other.ptr
    }

    #[inline(always)]
    pub fn payload(&self) -> &Payload<M> {
        &self.deref_obj().payload
    }

    #[inline(always)]
    fn deref_obj(&self) -> &PyObject<M> {
        // SAFETY: an ObjRef owns one count, so the object is alive while `self` is.
        unsafe { self.ptr.as_ref() }
    }

    /// # Safety
    /// `p` must be a live object and one of its counts is transferred to the new handle.
    unsafe fn from_raw(p: *mut PyObject<M>) -> Self {
        // SAFETY: guaranteed non-null by the caller's contract.
        ObjRef { ptr: unsafe { NonNull::new_unchecked(p) }, _marker: PhantomData }
    }
}

impl<M: ExecutionModel> std::ops::Deref for ObjRef<M> {
    type Target = PyObject<M>;
    #[inline(always)]
    fn deref(&self) -> &PyObject<M> {
        self.deref_obj()
    }
}

impl<M: ExecutionModel> Clone for ObjRef<M> {
    #[inline(always)]
    fn clone(&self) -> Self {
        self.deref_obj().rc.incref();
        ObjRef { ptr: self.ptr, _marker: PhantomData }
    }
}

impl<M: ExecutionModel> ObjRef<M> {
    /// A new reference taken under the lock of a container that holds this object (CPython's
    /// `_Py_NewRefWithLock`): another thread's object is marked so that later lock-free reads
    /// of it may count it without the lock (`RefCount::incref_with_lock`).
    #[inline]
    pub fn new_ref_with_lock(&self) -> Self {
        self.deref_obj().rc.incref_with_lock();
        ObjRef { ptr: self.ptr, _marker: PhantomData }
    }
}

impl<M: ExecutionModel> Drop for ObjRef<M> {
    #[inline(always)]
    fn drop(&mut self) {
        match self.deref_obj().rc.decref() {
            DecRef::Alive => {}
            // SAFETY: this was the last reference; nobody else can reach the object.
            DecRef::Free => unsafe { dealloc::<M>(self.ptr.as_ptr()) },
            DecRef::Queue(owner) => queue_for_owner::<M>(self.ptr.as_ptr(), owner),
        }
    }
}

/// Hand an object whose shared count would have gone negative to its owner's merge queue.
#[cold]
#[inline(never)]
fn queue_for_owner<M: ExecutionModel>(p: *mut PyObject<M>, owner: usize) {
    // SAFETY: the reference being dropped was kept for the queue (`DecRef::Queue`), so `p`
    // stays alive until `merge_queued` consumes it; the brc registry runs it exactly once, on
    // the owner thread or after the owner exited, which is what `RefCount::merge_queued` needs.
    let obj = unsafe { QueuedObject::new(p as *mut (), merge_queued::<M>) };
    brc::enqueue(owner, obj);
}

/// # Safety
/// `p` is a live object queued for merging; the queue's reference is consumed here, once, on
/// the owner thread or after the owner exited.
unsafe fn merge_queued<M: ExecutionModel>(p: *mut ()) {
    let p = p as *mut PyObject<M>;
    // SAFETY: the queue's reference keeps the object alive until the merge below.
    let obj = unsafe { &*p };
    if obj.rc.merge_queued() {
        // SAFETY: the merged count is zero: nobody else holds a reference.
        unsafe { dealloc::<M>(p) }
    }
}

/// A value holding object handles of one interpreter, in transit to another OS thread that
/// will attach to that same interpreter before using it (see the module notes). Only
/// `vm::thread::spawn_thread` builds one.
pub struct SameInterpreter<T>(T);

impl<T> SameInterpreter<T> {
    /// # Safety
    /// The receiving thread must not touch `value` (clone, drop or read its handles) before it
    /// holds the lock of the interpreter the handles belong to, and must use them only while
    /// attached to that interpreter; the sending thread must hold that lock while it builds and
    /// sends the value.
    pub unsafe fn new(value: T) -> Self {
        SameInterpreter(value)
    }

    /// Take the value out (on the receiving thread, once attached).
    pub fn into_inner(self) -> T {
        self.0
    }
}

// SAFETY: the handles inside are only used under their interpreter's lock on whichever thread
// holds it (contract of `SameInterpreter::new`); moving them between threads of the same
// interpreter is what the GIL build does with every object.
unsafe impl<T> Send for SameInterpreter<T> {}

const TRASHCAN_DEPTH: u32 = 50;

type ErasedFree = unsafe fn(*mut ());

thread_local! {
    static DEALLOC_DEPTH: Cell<u32> = const { Cell::new(0) };
    static TRASHCAN: RefCell<Vec<(*mut (), ErasedFree)>> = const { RefCell::new(Vec::new()) };
    static PENDING_FINALIZERS: RefCell<Vec<(TypeId, *mut ())>> = const { RefCell::new(Vec::new()) };
    static HAS_PENDING_FINALIZERS: Cell<bool> = const { Cell::new(false) };
}

/// # Safety
/// `p` is a live object whose count just reached zero, owned by nobody.
unsafe fn free_box<M: ExecutionModel>(p: *mut ()) {
    crate::runtime::counters::count_deallocation();
    let p = p as *mut PyObject<M>;
    // SAFETY: the object is still allocated; untracking first keeps the GC tables free of
    // dangling links.
    match crate::memory::gc::untrack_freed::<M>(unsafe { &(*p).gc }) {
        // SAFETY: `p` came from `Box::leak` in `ObjRef::new` and is freed exactly once.
        crate::memory::gc::Untracked::Done => drop(unsafe { Box::from_raw(p) }),
        crate::memory::gc::Untracked::Remote => {
            // Tracked in a shard another thread owns: release what the object holds now, and
            // let the owner untrack and free the block (see `memory::gc`'s notes).
            // SAFETY: the count and payload are dropped once, in place; the block stays
            // allocated until the owner frees it without dropping them again.
            unsafe {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).payload));
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).rc));
                crate::memory::gc::free_block_later::<M>(&(*p).gc);
            }
        }
    }
}

/// # Safety
/// `p` is a live object whose count just reached zero.
unsafe fn dealloc<M: ExecutionModel>(p: *mut PyObject<M>) {
    // SAFETY: the object is still allocated (count zero, not yet freed).
    let obj = unsafe { &*p };
    if obj.payload.needs_finalizer() {
        let parked = PENDING_FINALIZERS.try_with(|q| {
            obj.rc.incref(); // resurrect with a count of one, owned by the pending list
            q.borrow_mut().push((TypeId::of::<M>(), p as *mut ()));
        });
        if parked.is_ok() {
            HAS_PENDING_FINALIZERS.with(|f| f.set(true));
            crate::runtime::eval_breaker::signal_current(
                crate::runtime::EvalBreaker::PENDING_FINALIZERS,
            );
            return;
        }
        // Thread teardown (the pending list is gone): no Python code can run any more, so the
        // object is freed without its finalizer.
    }
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH
        && TRASHCAN
            .try_with(|t| t.borrow_mut().push((p as *mut (), free_box::<M> as ErasedFree)))
            .is_ok()
    {
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: see function contract.
    unsafe { free_box::<M>(p as *mut ()) };
    if depth == 0 {
        // Outermost deallocation: free what deeper levels parked, iteratively.
        while let Some((q, free)) = TRASHCAN.try_with(|t| t.borrow_mut().pop()).ok().flatten() {
            // SAFETY: parked objects are dead and were parked exactly once.
            unsafe { free(q) };
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

/// True when some object on this thread waits for its `__del__` (cheap; checked by the eval breaker).
#[inline(always)]
pub fn has_pending_finalizers() -> bool {
    HAS_PENDING_FINALIZERS.with(|f| f.get())
}

/// Take this thread's objects waiting for `__del__` (of model `M`).
pub fn take_pending_finalizers<M: ExecutionModel>() -> Vec<ObjRef<M>> {
    HAS_PENDING_FINALIZERS.with(|f| f.set(false));
    PENDING_FINALIZERS.with(|q| {
        let mut q = q.borrow_mut();
        let mut out = Vec::new();
        q.retain(|&(tid, p)| {
            if tid == TypeId::of::<M>() {
                // SAFETY: the pending list owned one count of this object (taken in `dealloc`).
                out.push(unsafe { ObjRef::from_raw(p as *mut PyObject<M>) });
                false
            } else {
                true
            }
        });
        out
    })
}

/// Interior mutability for container data, guarded by the model's object lock (see notes).
pub struct Guarded<M: ExecutionModel, T> {
    lock: M::ObjectLock,
    data: UnsafeCell<T>,
}

// SAFETY: access to `data` only happens inside `with`, under the object lock (free-threaded) or
// under the GIL / single-thread isolation (other models); see the module notes.
unsafe impl<M: SharedHeap, T: Send> Sync for Guarded<M, T> {}

impl<M: ExecutionModel, T> Guarded<M, T> {
    pub fn new(data: T) -> Self {
        Guarded { lock: M::ObjectLock::default(), data: UnsafeCell::new(data) }
    }

    /// Take the object lock for a section; released when the guard drops (also on panic).
    #[inline(always)]
    fn hold(&self, changes: bool) -> HeldLock<'_, M::ObjectLock> {
        self.lock.lock();
        HeldLock { lock: Some(&self.lock), changes }
    }

    /// Run `f` with exclusive access. `f` must not run Python code nor re-enter this object.
    #[inline(always)]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let _held = self.hold(true);
        // SAFETY: exclusive access: the lock (or the GIL / isolation) admits one thread, and
        // `with` is never re-entered for the same object (contract above).
        f(unsafe { &mut *self.data.get() })
    }

    /// Read-only access under the lock, also answering the data's version at that moment
    /// (`None` in builds without object locks); the version does not advance.
    #[inline(always)]
    pub fn read_versioned<R>(&self, f: impl FnOnce(&T) -> R) -> (R, Option<u32>) {
        let _held = self.hold(false);
        let version = self.lock.version();
        // SAFETY: the lock (or the GIL / isolation) admits one thread; shared access only.
        (f(unsafe { &*self.data.get() }), version)
    }

    /// The data's current version, read without the lock (see `runtime::locks`).
    #[inline(always)]
    pub fn version(&self) -> Option<u32> {
        self.lock.version()
    }

    /// Like [`Guarded::with`], but without taking the lock when `holder` (the object this data
    /// lives in) is held exclusively by the calling thread: nobody else can reach the data.
    /// The eval loop uses it for the iterator of a `for` loop, which only its frame references.
    #[inline(always)]
    pub fn with_held<R>(&self, holder: &ObjRef<M>, f: impl FnOnce(&mut T) -> R) -> R {
        let start = holder.ptr.as_ptr() as usize;
        let here = self as *const Self as usize;
        let inside = here >= start && here < start + std::mem::size_of::<PyObject<M>>();
        // Without a real lock there is nothing to skip; with one, skip it only when `self` is
        // part of `holder`'s object and the caller's handle is the only reference, owned by
        // this thread: no other thread holds a reference, so none can be inside `with` on this
        // data or enter it later (it would first need a reference, which only this thread, busy
        // in `f`, could give it; `f` runs no Python code and does not re-enter `self`).
        let exclusive =
            <M::ObjectLock as ObjectLock>::IS_REAL && inside && holder.rc.is_exclusive();
        let _held =
            if exclusive { HeldLock { lock: None, changes: false } } else { self.hold(true) };
        // SAFETY: the lock is held, or the data is reachable by this thread only (see above).
        f(unsafe { &mut *self.data.get() })
    }

    /// Mutable access without locking, for an object not yet shared (`&mut self`).
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }

    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

/// A held object lock (or none, for a section proven exclusive): released on drop, advancing
/// the data's version only after a section that may have changed it.
struct HeldLock<'a, L: ObjectLock> {
    lock: Option<&'a L>,
    changes: bool,
}

impl<L: ObjectLock> Drop for HeldLock<'_, L> {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(lock) = self.lock {
            // SAFETY: taken by `Guarded::hold` on this thread; released once, also on panic.
            unsafe {
                if self.changes {
                    lock.unlock()
                } else {
                    lock.unlock_unchanged()
                }
            }
        }
    }
}

impl<M: ExecutionModel> Guarded<M, Vec<super::Value<M>>> {
    /// A list's item `i` (negative counts from the end) read without the lock:
    /// `Some(Some(item))`, or `Some(None)` when `i` is out of range. `None`: take the lock
    /// instead (no real lock in this build, a writer inside, a writer came by meanwhile, or an
    /// object another thread owns: see `optimistic_result`).
    ///
    /// The seqlock reader of `runtime::locks`: copy the `Vec`'s header, validate, copy the item
    /// out of the storage it named, validate again. Copies are volatile reads into
    /// `MaybeUninit`, interpreted only once validated; a copy that raced with a writer is
    /// thrown away (the pattern of crossbeam's `AtomicCell` fallback; the data race is on bytes
    /// that are never used). The storage a writer replaced meanwhile is still allocated:
    /// frees wait for this thread's next quiescent state (`memory::deferred`).
    #[inline]
    pub fn get_optimistic(&self, i: i64) -> Option<Option<super::Value<M>>> {
        use super::Value;
        use std::mem::{ManuallyDrop, MaybeUninit};
        if !<M::ObjectLock as ObjectLock>::IS_REAL {
            return None;
        }
        let v = self.lock.read_begin()?;
        // SAFETY: `data` is a live `Vec` (the list is alive: the caller holds it); the copy is
        // raw bytes, used only after validation.
        let header = unsafe {
            std::ptr::read_volatile(self.data.get() as *const MaybeUninit<Vec<Value<M>>>)
        };
        if !self.lock.read_valid(v) {
            return None;
        }
        // SAFETY: validated: a bitwise copy of the `Vec` as no writer was changing it. It is
        // never dropped (it owns nothing: the list does).
        let header = ManuallyDrop::new(unsafe { header.assume_init() });
        let len = header.len();
        let j = if i < 0 { i.saturating_add(len as i64) } else { i };
        if j < 0 || j as usize >= len {
            return Some(None);
        }
        // SAFETY: `j < len` of the storage the validated header names; that storage may have
        // been replaced since, but stays allocated until this thread's next quiescent state.
        let item = unsafe {
            std::ptr::read_volatile(header.as_ptr().add(j as usize) as *const MaybeUninit<Value<M>>)
        };
        if !self.lock.read_valid(v) {
            return None;
        }
        // SAFETY: validated: a bitwise copy of the live item; not owned (never dropped).
        let item = ManuallyDrop::new(unsafe { item.assume_init() });
        optimistic_result(&self.lock, v, &item).map(Some)
    }
}

/// The value an optimistic read found, as an owned value; the caller has validated (at
/// version `v`) everything it read so far. Unboxed values are copied; an object is handed out
/// if it is immortal (its clone counts nothing), owned by this thread (only this thread can
/// free it, so it is still alive and the clone's local increment is safe), or counted by a
/// try-increment that refuses an object being freed (`RefCount::try_incref_shared`, CPython's
/// `_Py_TryIncrefCompare`); otherwise `None` (take the lock). The object's header is read after
/// the validation that showed it in the container, and the result stands only if the next
/// validation passes (still in the container: the value the read must answer).
#[inline(always)]
fn optimistic_result<M: ExecutionModel>(
    lock: &M::ObjectLock,
    v: u32,
    found: &super::Value<M>,
) -> Option<super::Value<M>> {
    use super::Value;
    match found {
        Value::Int(n) => Some(Value::Int(*n)),
        Value::Float(x) => Some(Value::Float(*x)),
        Value::Bool(b) => Some(Value::Bool(*b)),
        Value::None => Some(Value::None),
        Value::Obj(o) => {
            let obj = o.deref_obj();
            if obj.rc.is_immortal() || obj.rc.is_owned_by_current_thread() {
                return lock.read_valid(v).then(|| Value::Obj(o.clone()));
            }
            if !obj.rc.try_incref_shared() {
                return None;
            }
            // SAFETY: the try-increment succeeded, so the object was alive and the count it
            // added belongs to this handle (dropped again below if the validation fails).
            let counted = unsafe { ObjRef::from_raw(o.ptr.as_ptr()) };
            lock.read_valid(v).then_some(Value::Obj(counted))
        }
        Value::Null => None,
    }
}

/// A key an optimistic dict lookup can compare without running Python code.
#[derive(Clone, Copy)]
pub enum PlainKey<'a> {
    /// An exact str; `strict`: give up when the table ever held an instance key (a str
    /// subclass with its own `__eq__` could equal it), as Python's `d[k]` must.
    Str { s: &'a str, strict: bool },
    /// An int that fits in a machine word.
    Int(i64),
}

impl<M: ExecutionModel> Guarded<M, crate::object::dict::DictTable<M>> {
    /// A dict lookup without the lock: `Some(Some(value))` when found (values as
    /// `optimistic_result` allows), `Some(None)` when missing. `None`: take the lock instead (no
    /// real lock, a writer inside or passing, a key or value this path does not handle).
    ///
    /// The seqlock reader of `runtime::locks` over CPython's dict layout: copy the table's
    /// header, then each index slot and entry the probe visits, validating after each copy and
    /// before using it; a key object is read only after a validation showed it in the table
    /// (so it was alive then, and its memory stays allocated until this thread's next quiescent
    /// state: `memory::deferred`), and its comparison counts only if the next validation passes.
    /// The walk is bounded by the slot count, so a torn copy cannot make it loop.
    pub fn get_optimistic(&self, hash: i64, key: PlainKey<'_>) -> Option<Option<super::Value<M>>> {
        use super::dict::Entry;
        use super::dict_index::{ProbeSeq, DUMMY, EMPTY};
        use super::Value;
        use std::mem::{ManuallyDrop, MaybeUninit};
        if !<M::ObjectLock as ObjectLock>::IS_REAL {
            return None;
        }
        let v = self.lock.read_begin()?;
        // SAFETY: `data` is a live table (the dict is alive: the caller holds it); raw bytes,
        // used only after validation.
        let header = unsafe {
            std::ptr::read_volatile(
                self.data.get() as *const MaybeUninit<crate::object::dict::DictTable<M>>
            )
        };
        if !self.lock.read_valid(v) {
            return None;
        }
        // SAFETY: validated: a bitwise copy of the table as no writer was changing it; never
        // dropped (the dict owns what it points to).
        let header = ManuallyDrop::new(unsafe { header.assume_init() });
        let raw = header.raw_parts();
        if raw.set_layout
            || (raw.instance_keys && matches!(key, PlainKey::Str { strict: true, .. }))
        {
            return None;
        }
        if raw.n_slots == 0 {
            return Some(None);
        }
        let mut probe = ProbeSeq::new(hash as u64, raw.n_slots);
        for _ in 0..raw.n_slots {
            // SAFETY: `pos < n_slots` of the index the validated header names; replaced
            // storage stays allocated until this thread's next quiescent state.
            let ix = unsafe { std::ptr::read_volatile(raw.slots.add(probe.pos())) };
            if ix == EMPTY {
                return self.lock.read_valid(v).then_some(None);
            }
            if ix == DUMMY {
                probe.advance();
                continue;
            }
            if ix as usize >= raw.n_entries {
                return None;
            }
            // SAFETY: as above, `ix < n_entries`.
            let entry = unsafe {
                std::ptr::read_volatile(
                    raw.entries.add(ix as usize) as *const MaybeUninit<Option<Entry<M>>>
                )
            };
            if !self.lock.read_valid(v) {
                return None;
            }
            // SAFETY: validated: a bitwise copy of a live entry; not owned (never dropped).
            let entry = ManuallyDrop::new(unsafe { entry.assume_init() });
            let e = entry.as_ref()?;
            if e.hash != hash {
                probe.advance();
                continue;
            }
            let same = match (key, &e.key) {
                (PlainKey::Int(n), Value::Int(k)) => *k == n,
                // The key object was in the table at the last validation (alive then); its
                // memory stays allocated however it has been freed since, and the comparison
                // counts only if the next validation passes.
                (PlainKey::Str { s, .. }, Value::Obj(o)) => match o.payload() {
                    super::Payload::Str(k) => super::names_equal(k.as_str(), s),
                    _ => return None,
                },
                _ => return None,
            };
            // The comparison read the key object: it counts only if no writer came by.
            if !self.lock.read_valid(v) {
                return None;
            }
            if !same {
                probe.advance();
                continue;
            }
            return optimistic_result(&self.lock, v, &e.value).map(Some);
        }
        None
    }
}

impl<M: ExecutionModel, T: Default> Default for Guarded<M, T> {
    fn default() -> Self {
        Guarded::new(T::default())
    }
}

/// Run `f` on the arguments `[receiver, rest...]` without counting a reference to `receiver`
/// (a bound builtin method's call: CPython's vectorcall passes `m_self` borrowed).
///
/// The slice holds a bitwise copy of `receiver` that is never dropped: `f` may clone any
/// argument (a counted reference of its own) but cannot drop or move one out of a shared
/// slice. `receiver` is borrowed for the whole call, so the object it names outlives the copy.
/// Up to eight arguments sit in a buffer on the stack; longer calls (rare) clone them into a
/// vector, counted as before.
#[inline]
pub fn with_receiver_prepended<M: ExecutionModel, R>(
    receiver: &super::Value<M>,
    rest: &[super::Value<M>],
    f: impl FnOnce(&[super::Value<M>]) -> R,
) -> R {
    use std::mem::MaybeUninit;
    const INLINE: usize = 8;
    let n = rest.len() + 1;
    if n > INLINE {
        let mut full = Vec::with_capacity(n);
        full.push(receiver.clone());
        full.extend_from_slice(rest);
        return f(&full);
    }
    let mut buf: [MaybeUninit<super::Value<M>>; INLINE] = [const { MaybeUninit::uninit() }; INLINE];
    // SAFETY: bitwise copies into distinct, in-bounds slots; `MaybeUninit` never drops them, so
    // no reference is released twice. The receiver's copy is uncounted but `receiver` is
    // borrowed until `f` returns; the others are shared with `rest`, likewise borrowed.
    unsafe {
        buf[0].write(std::ptr::read(receiver));
        std::ptr::copy_nonoverlapping(rest.as_ptr(), buf.as_mut_ptr().add(1).cast(), rest.len());
    }
    // SAFETY: the first `n` slots were initialised just above; the slice is shared, so `f`
    // cannot drop or replace them.
    let args = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<super::Value<M>>(), n) };
    f(args)
}

/// Move `v` into `*dst` as two 8-byte copies (tag, then payload), without dropping `*dst`.
///
/// A value that was just written to a temporary in two parts (a call's `Result`, a spill
/// around a call) and is then moved whole compiles to a 16-byte load that the CPU cannot
/// forward from those two pending stores: a stall of a dozen cycles, measured on every
/// `STORE_FAST` and push in the free-threaded build. Volatile 8-byte reads keep the copy in
/// two forwardable halves.
///
/// # Safety
/// `dst` must be valid for writing one `Value<M>`; its old contents are overwritten, not dropped.
#[inline(always)]
unsafe fn write_value_parts<M: ExecutionModel>(dst: *mut super::Value<M>, v: super::Value<M>) {
    use std::mem::MaybeUninit;
    let v = std::mem::ManuallyDrop::new(v);
    let src = &*v as *const super::Value<M> as *const MaybeUninit<u64>;
    let dst = dst as *mut MaybeUninit<u64>;
    // SAFETY: `Value<M>` is `repr(u64)`: 16 bytes, two 8-byte-aligned words (tag, payload);
    // copying them as `MaybeUninit<u64>` is valid even where the payload word is uninitialised
    // (payload-less variants). Ownership moves to `*dst`: `v` is never dropped.
    unsafe {
        dst.write(std::ptr::read_volatile(src));
        dst.add(1).write(std::ptr::read_volatile(src.add(1)));
    }
}

/// Push onto a value stack (see [`write_value_parts`]).
#[inline(always)]
pub fn push_stack_value<M: ExecutionModel>(slots: &mut Vec<super::Value<M>>, v: super::Value<M>) {
    if slots.len() == slots.capacity() {
        slots.reserve(1);
    }
    let n = slots.len();
    // SAFETY: capacity > n (reserved above), so slot `n` is allocated; it is initialised by
    // the write before the length covers it.
    unsafe {
        write_value_parts(slots.as_mut_ptr().add(n), v);
        slots.set_len(n + 1);
    }
}

/// `*slot = v` (see [`write_value_parts`]); the old value is dropped after the store.
#[inline(always)]
pub fn store_value<M: ExecutionModel>(slot: &mut super::Value<M>, v: super::Value<M>) {
    // SAFETY: `slot` is a valid, initialised value; it is read out (taking over its ownership)
    // before being overwritten, and the read copy is dropped exactly once below.
    let old = unsafe { std::ptr::read(slot) };
    // SAFETY: `slot` is valid for writes; its old contents now belong to `old`.
    unsafe { write_value_parts(slot, v) };
    drop(old);
}

/// Pop the top of a value stack, reading the tag and the payload as two 8-byte loads.
///
/// The eval loop pushes values as two 8-byte stores; moving the whole 16-byte value out again
/// right away compiles to one 16-byte load that the CPU cannot forward from those pending stores
/// (a stall of a dozen cycles measured on every pop). Rebuilding the value from its parts, with
/// the object handle taken over by its pointer, keeps each load forwardable.
#[inline(always)]
pub fn pop_stack_value<M: ExecutionModel>(slots: &mut Vec<super::Value<M>>) -> super::Value<M> {
    use super::Value;
    let n = slots.len();
    let v = match slots.last() {
        None => return Value::Null,
        Some(Value::Null) => Value::Null,
        Some(Value::None) => Value::None,
        Some(Value::Bool(b)) => Value::Bool(*b),
        Some(Value::Int(i)) => Value::Int(*i),
        Some(Value::Float(x)) => Value::Float(*x),
        Some(Value::Obj(o)) => Value::Obj(ObjRef { ptr: o.ptr, _marker: PhantomData }),
    };
    // SAFETY: `n >= 1` (the stack was not empty). The last element was duplicated above; for an
    // object the duplicate now owns the reference the slot held. Shortening the vector without
    // running the slot's destructor moves that ownership instead of releasing it twice.
    unsafe { slots.set_len(n - 1) };
    v
}
