//! The cyclic garbage collector: tracked-object tables, generations, and the trial-deletion passes (CPython's `Modules/gcmodule.c`).
//!
//! Implementation notes (this is one of the few modules with `unsafe`):
//!
//! * **What is tracked.** Every heap object embeds a [`GcLink`] in its header. Objects whose
//!   payload can refer to other objects (lists, dicts, sets, non-empty tuples, instances,
//!   functions, classes, cells, generators, iterators, ...) are *tracked* at birth: the link is
//!   pushed onto generation 0 of a [`GcShard`]'s tables and remembers (shard, generation,
//!   index). Freeing a tracked object untracks it first (swap-remove, then the moved link's
//!   index is fixed), so a table never holds a dangling pointer. Strings, numbers and bytes are
//!   never tracked, exactly as in CPython.
//! * **Shards and who may touch them.** The GIL and subinterpreter builds give each interpreter
//!   one shard and take no lock: their threads touch objects (and so allocate, free and collect)
//!   only while holding the interpreter's lock, which serialises every table access. The
//!   free-threaded build gives every thread its own shard, *owned* by that thread while it
//!   lives (handed to a later thread through the idle list when it ends). As in CPython 3.14t,
//!   where tracking is a bit in the object header, the owner tracks and untracks its objects
//!   with no atomic read-modify-write at all: only the owner, or a collector that has stopped
//!   the world, touches an owned shard's tables. A thread finds its shard through a
//!   thread-local pointer set while it is attached ([`enter_shard`]); objects made while no
//!   shard is current (interpreter start-up, detached code) stay untracked, which is safe: an
//!   untracked container is simply a root.
//! * **Frees by another thread.** A thread that frees an object tracked in a shard another
//!   thread owns drops the payload at once (finalizer order and memory are as before) but keeps
//!   the block, and pushes its link onto the shard's *remote* list (a lock-free stack; the link
//!   reuses the object's `gc_refs` word as its next pointer). The owner drains that list at its
//!   next track or untrack (one relaxed load when empty): it removes each link from its tables
//!   and frees the block. A collector drains every shard's list first, under its exclusive
//!   access, so a scan never meets a block whose payload is gone. A shard nobody owns is
//!   guarded by its mutex instead: a freeing thread takes it and, if the shard is still
//!   unowned, removes the link itself. Adopting and releasing a shard flip `owned` under that
//!   lock, and a releasing owner drains the list after the flip; a pusher re-reads `owned`
//!   after its push (both sides sequentially consistent, Dekker's pattern), and drains under
//!   the lock if the shard was released meanwhile, so no block is stranded.
//! * **Collecting** (CPython's trial deletion). The caller guarantees exclusivity for the
//!   passes marked `unsafe`: it holds the interpreter lock (GIL, subinterpreters) or has stopped
//!   the world (free-threaded: every other thread parked at a safe point, where it holds no
//!   object lock and frees nothing). Then (1) every object of the collected generations gets
//!   `gc_refs` = its reference count; (2) each one's references to other members are subtracted;
//!   (3) members left with `gc_refs > 0` are referenced from outside, and everything they reach
//!   is marked reachable; (4) the rest is garbage: the collector takes a strong reference to
//!   each (so nothing is freed under it), lets the VM run finalizers with the world running
//!   again, re-checks which garbage a finalizer resurrected ([`still_unreachable`], same passes
//!   over the garbage alone, minus the collector's own reference), and clears the rest
//!   (`Payload::gc_clear`), which breaks every cycle so that dropping the strong references
//!   frees everything by plain reference counting. Objects outside the collected generations
//!   keep `gc_refs == NOT_IN_SET`, so references from older objects count as outside
//!   references: a young collection never frees what an old object still holds.
//! * **Races that are harmless.** `GcLink::shard` is written when an object is tracked (before
//!   any other thread can see the object) and cleared when it is freed (count zero: nobody else
//!   holds it) or untracked by the collector (exclusive); the relaxed atomics make reads of it
//!   well defined. `gc_refs` is written by the collector during its exclusive passes and, as a
//!   remote-list link, by the thread that freed the object (nobody else holds it then). A
//!   shard's generation-0 count and trigger are atomics that the owner updates with plain
//!   loads and stores; a concurrent reset (`record`) or read (`gc.get_count()`) may lose or
//!   see a stale increment, which only shifts when the next automatic collection runs.
//! * **Lifetime of shards.** Shards belong to their interpreter's [`GcState`]. When it is
//!   dropped (no thread attached any more), every object still tracked is untracked in place, so
//!   an object that outlives its interpreter (immortal, leaked) never reaches a freed shard.

use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

use crate::object::header::PyObject;
use crate::object::{ObjRef, Payload, Value};
use crate::runtime::{Collector, ExecutionModel, ShardLock};

/// CPython's three generations.
pub const GENERATIONS: usize = 3;
/// `gc.freeze()` moves objects here: never collected until `gc.unfreeze()`.
const PERMANENT: usize = 3;
/// `gc_refs` of an object that is not part of the running collection.
const NOT_IN_SET: isize = isize::MIN;
/// `gc_refs` of a member found reachable.
const REACHABLE: isize = isize::MAX;
/// `gc_refs` of an instance's own attribute dict that CPython keeps inline (not an object).
const INLINE: isize = isize::MAX - 1;
/// `gc_refs` given to immortal members: always referenced from outside.
const IMMORTAL_REFS: isize = 1 << 40;
const INDEX_BITS: u32 = 40;

/// CPython 3.11's default thresholds.
pub const DEFAULT_THRESHOLDS: [isize; GENERATIONS] = [700, 10, 10];

/// The per-object part of the collector: where the object is tracked, and the collector's scratch count.
pub struct GcLink {
    /// The `GcShard<M>` the object is tracked in (type-erased: the link is model-free; every
    /// reader knows its `M`), or null.
    shard: AtomicPtr<()>,
    /// `generation << INDEX_BITS | index` in the shard's tables (meaningful while tracked).
    slot: AtomicU64,
    gc_refs: AtomicIsize,
}

impl GcLink {
    pub const fn new() -> Self {
        GcLink {
            shard: AtomicPtr::new(std::ptr::null_mut()),
            slot: AtomicU64::new(0),
            gc_refs: AtomicIsize::new(NOT_IN_SET),
        }
    }

    /// Whether the object is in some shard's tables.
    #[inline]
    pub fn is_tracked(&self) -> bool {
        !self.shard.load(Ordering::Relaxed).is_null()
    }

    fn in_set(&self) -> bool {
        self.gc_refs.load(Ordering::Relaxed) != NOT_IN_SET
    }
}

impl Default for GcLink {
    fn default() -> Self {
        GcLink::new()
    }
}

struct Tables {
    gens: [Vec<*const GcLink>; GENERATIONS + 1],
}

/// A table of tracked objects: one per interpreter (GIL, subinterpreters) or per thread
/// (free-threaded). Who may touch the tables: see the module notes.
pub struct GcShard<M: ExecutionModel> {
    lock: ShardLockOf<M>,
    tables: UnsafeCell<Tables>,
    /// Tracked allocations minus deallocations since the last collection (CPython's gen-0 count).
    count0: AtomicIsize,
    /// Schedule a collection once `count0` exceeds this (`isize::MAX` when disabled).
    trigger: AtomicIsize,
    /// A thread owns the shard (free-threaded; flipped under `lock`).
    owned: AtomicBool,
    /// Links of objects another thread freed, waiting for the owner (see the module notes).
    remote: crossbeam::utils::CachePadded<AtomicPtr<GcLink>>,
    _model: std::marker::PhantomData<fn() -> M>,
}

/// The shard lock of model `M`'s collector.
type ShardLockOf<M> = <<M as ExecutionModel>::Collector as Collector>::ShardLock;

// SAFETY: the tables hold raw pointers to links inside live objects of one interpreter; who
// touches them when is set out in the module notes (the owner alone, a collector with the world
// stopped, or a holder of the lock while nobody owns the shard).
unsafe impl<M: ExecutionModel> Send for GcShard<M> {}
// SAFETY: as above.
unsafe impl<M: ExecutionModel> Sync for GcShard<M> {}

impl<M: ExecutionModel> GcShard<M> {
    fn new(trigger: isize, owned: bool) -> Self {
        GcShard {
            lock: Default::default(),
            tables: UnsafeCell::new(Tables { gens: Default::default() }),
            count0: AtomicIsize::new(0),
            trigger: AtomicIsize::new(trigger),
            owned: AtomicBool::new(owned),
            remote: Default::default(),
            _model: std::marker::PhantomData,
        }
    }

    /// The tables, for a caller with exclusive access that the lock does not provide: the
    /// collector with the world stopped, or the interpreter lock's holder. Takes the lock too,
    /// which costs nothing there and orders against a thread freeing into an unowned shard.
    #[inline]
    fn with_tables<R>(&self, f: impl FnOnce(&mut Tables) -> R) -> R {
        self.lock.exclusive(|| {
            // SAFETY: exclusive access per the contract above; `f` never re-enters this shard.
            f(unsafe { &mut *self.tables.get() })
        })
    }

    /// The tables, for the thread that owns the shard (or, under an interpreter lock, holds it).
    ///
    /// # Safety
    /// The shard is the calling thread's current shard, and the caller does not hold another
    /// borrow of the tables.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    unsafe fn owner_tables(&self) -> &mut Tables {
        // SAFETY: caller's contract: nobody else touches a shard its owner is using (module notes).
        unsafe { &mut *self.tables.get() }
    }

    #[inline]
    fn count_freed(&self) {
        let c = self.count0.load(Ordering::Relaxed);
        if c > 0 {
            self.count0.store(c - 1, Ordering::Relaxed);
        }
    }

    /// Push the link of an object whose payload is gone onto the remote list; the block is
    /// freed by whoever drains it.
    fn push_remote(&self, link: &GcLink) {
        let me = link as *const GcLink as *mut GcLink;
        let mut head = self.remote.load(Ordering::Relaxed);
        loop {
            link.gc_refs.store(head as isize, Ordering::Relaxed);
            match self.remote.compare_exchange_weak(head, me, Ordering::SeqCst, Ordering::Relaxed) {
                Ok(_) => break,
                Err(h) => head = h,
            }
        }
        if !self.owned.load(Ordering::SeqCst) {
            // Released since we looked: nobody will drain, so do it (under the lock, as the
            // unowned shard's rules say), unless a new owner adopted it meanwhile.
            self.lock.exclusive(|| {
                if !self.owned.load(Ordering::Relaxed) {
                    // SAFETY: unowned and locked: exclusive.
                    unsafe { self.drain_remote(&mut *self.tables.get()) };
                }
            });
        }
    }

    /// Untrack and free every block on the remote list.
    ///
    /// # Safety
    /// `t` is this shard's tables, held exclusively (owner, locked while unowned, or collector).
    unsafe fn drain_remote(&self, t: &mut Tables) {
        let mut p = self.remote.swap(std::ptr::null_mut(), Ordering::SeqCst);
        while !p.is_null() {
            // SAFETY: a link on the list is inside a block whose payload was dropped and that
            // nobody else frees; its `gc_refs` holds the next link.
            let link = unsafe { &*p };
            let next = link.gc_refs.load(Ordering::Relaxed) as *mut GcLink;
            remove(t, link);
            self.count_freed();
            // SAFETY: the block came from `Box::new` in `ObjRef::new` (same layout); its payload
            // and count were dropped in place by the freeing thread (`free_block_later`).
            unsafe {
                std::alloc::dealloc(
                    object_of::<M>(p) as *mut u8,
                    std::alloc::Layout::new::<PyObject<M>>(),
                )
            };
            p = next;
        }
    }

    /// Drain the remote list if it holds anything (the owner's cheap check).
    ///
    /// # Safety
    /// As for [`GcShard::owner_tables`].
    #[inline]
    unsafe fn drain_remote_if_any(&self, t: &mut Tables) {
        if !self.remote.load(Ordering::Relaxed).is_null() {
            // SAFETY: caller's contract.
            unsafe { self.drain_remote(t) };
        }
    }
}

thread_local! {
    /// The shard this thread tracks new objects in, per model (index `ModelKind as usize`; the
    /// entry for model `M` is a `*const GcShard<M>`).
    static CURRENT: [Cell<*const ()>; 3] = const { [Cell::new(std::ptr::null()), Cell::new(std::ptr::null()), Cell::new(std::ptr::null())] };
}

/// Make `shard` (or none) the current thread's shard for model `M`; answers the previous one,
/// which the caller restores when it leaves (attach/detach nest).
pub fn enter_shard<M: ExecutionModel>(shard: Option<&Arc<GcShard<M>>>) -> *const GcShard<M> {
    let p = shard.map_or(std::ptr::null(), Arc::as_ptr) as *const ();
    CURRENT.try_with(|c| c[M::KIND as usize].replace(p)).unwrap_or(std::ptr::null()) as *const _
}

/// Restore what [`enter_shard`] answered.
pub fn restore_shard<M: ExecutionModel>(prev: *const GcShard<M>) {
    let _ = CURRENT.try_with(|c| c[M::KIND as usize].set(prev as *const ()));
}

fn current_shard<M: ExecutionModel>() -> *const GcShard<M> {
    CURRENT.try_with(|c| c[M::KIND as usize].get()).unwrap_or(std::ptr::null()) as *const GcShard<M>
}

/// Track a new object in the current thread's shard (no-op without one). True when the
/// generation-0 count passed its threshold: the caller schedules a collection.
#[inline]
pub fn track_new<M: ExecutionModel>(link: &GcLink) -> bool {
    let shard = current_shard::<M>();
    if shard.is_null() {
        return false;
    }
    // SAFETY: a current shard belongs to the interpreter this thread is attached to, which keeps
    // it alive (the `Vm` holds the interpreter) until the thread leaves and resets the pointer.
    let s = unsafe { &*shard };
    // SAFETY: the current shard is this thread's own (free-threaded) or guarded by the
    // interpreter lock it holds; no other borrow of the tables is live here.
    let t = unsafe { s.owner_tables() };
    // SAFETY: as above.
    unsafe { s.drain_remote_if_any(t) };
    let index = t.gens[0].len() as u64;
    t.gens[0].push(link as *const GcLink);
    link.slot.store(index, Ordering::Relaxed);
    link.shard.store(shard as *mut (), Ordering::Relaxed);
    let count = s.count0.load(Ordering::Relaxed) + 1;
    s.count0.store(count, Ordering::Relaxed);
    count > s.trigger.load(Ordering::Relaxed)
}

/// What [`untrack_freed`] did with an object being freed.
pub enum Untracked {
    /// Untracked (or never tracked): free the whole block now.
    Done,
    /// Tracked in a shard another thread owns: drop the payload in place, then hand the block
    /// over with [`free_block_later`].
    Remote,
}

/// Untrack an object that is being freed (its count reached zero), if it is tracked.
#[inline]
pub fn untrack_freed<M: ExecutionModel>(link: &GcLink) -> Untracked {
    let shard = link.shard.load(Ordering::Relaxed) as *const GcShard<M>;
    if shard.is_null() {
        return Untracked::Done;
    }
    // SAFETY: a tracked object's shard outlives it (see "Lifetime of shards").
    let s = unsafe { &*shard };
    if shard == current_shard::<M>() {
        // SAFETY: this thread's own shard (see `track_new`).
        let t = unsafe { s.owner_tables() };
        // SAFETY: as above.
        unsafe { s.drain_remote_if_any(t) };
        remove(t, link);
        s.count_freed();
        return Untracked::Done;
    }
    untrack_foreign(s, link)
}

/// [`untrack_freed`] of an object tracked in a shard this thread does not own (out of line:
/// the owner's path stays small).
#[cold]
#[inline(never)]
fn untrack_foreign<M: ExecutionModel>(s: &GcShard<M>, link: &GcLink) -> Untracked {
    s.lock.exclusive(|| {
        if s.owned.load(Ordering::Relaxed) {
            Untracked::Remote
        } else {
            // SAFETY: nobody owns the shard and its lock is held (interpreter-lock models: the
            // interpreter lock is held): exclusive.
            let t = unsafe { &mut *s.tables.get() };
            remove(t, link);
            s.count_freed();
            Untracked::Done
        }
    })
}

/// Hand a block whose payload was dropped in place (after [`Untracked::Remote`]) to its
/// shard's owner, who untracks and frees it.
///
/// # Safety
/// `link` is the `gc` field of such a block, which the caller will not touch again.
pub unsafe fn free_block_later<M: ExecutionModel>(link: &GcLink) {
    let shard = link.shard.load(Ordering::Relaxed) as *const GcShard<M>;
    // SAFETY: still tracked, so its shard is alive (see "Lifetime of shards").
    unsafe { &*shard }.push_remote(link);
}

fn remove(t: &mut Tables, link: &GcLink) {
    let slot = link.slot.load(Ordering::Relaxed);
    let (gen, index) = ((slot >> INDEX_BITS) as usize, (slot & ((1 << INDEX_BITS) - 1)) as usize);
    let table = &mut t.gens[gen];
    debug_assert!(std::ptr::eq(table[index], link));
    table.swap_remove(index);
    if let Some(&moved) = table.get(index) {
        // SAFETY: every link in a table is inside a live object (freed objects are removed first).
        unsafe { &*moved }
            .slot
            .store(((gen as u64) << INDEX_BITS) | index as u64, Ordering::Relaxed);
    }
    link.shard.store(std::ptr::null_mut(), Ordering::Relaxed);
}

/// Statistics of one generation (`gc.get_stats()`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenStats {
    pub collections: u64,
    pub collected: u64,
    pub uncollectable: u64,
}

/// Whether `GILBENCH_GC_STRESS` asks for a collection at every tracked allocation.
pub fn stress_from_env() -> bool {
    std::env::var("GILBENCH_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// One interpreter's collector state: its shards, thresholds, counts and statistics.
pub struct GcState<M: ExecutionModel> {
    shards: parking_lot::Mutex<Vec<Arc<GcShard<M>>>>,
    /// Shards whose thread has ended (free-threaded), handed to the next thread.
    idle: parking_lot::Mutex<Vec<Arc<GcShard<M>>>>,
    enabled: AtomicBool,
    thresholds: [AtomicIsize; GENERATIONS],
    /// CPython's counts of generations 1 and 2 (collections of the younger one since the last
    /// collection of this one); generation 0's count lives in the shards.
    older_counts: [AtomicIsize; 2],
    long_lived_total: AtomicIsize,
    long_lived_pending: AtomicIsize,
    collecting: AtomicBool,
    stats: parking_lot::Mutex<[GenStats; GENERATIONS]>,
    /// `gc.set_debug` flags.
    pub debug: AtomicU32,
    /// Collect on every tracked allocation (`GILBENCH_GC_STRESS=1`).
    stress: bool,
    /// Total objects found unreachable, and collections, over the interpreter's life.
    pub total_collections: AtomicU64,
}

impl<M: ExecutionModel> GcState<M> {
    /// One shard for the whole interpreter, or one per thread (the model's
    /// `Collector::PER_THREAD_SHARDS`); `stress`: collect on every tracked allocation.
    pub fn new(stress: bool) -> Self {
        let st = GcState {
            shards: parking_lot::Mutex::new(Vec::new()),
            idle: parking_lot::Mutex::new(Vec::new()),
            enabled: AtomicBool::new(true),
            thresholds: DEFAULT_THRESHOLDS.map(AtomicIsize::new),
            older_counts: [AtomicIsize::new(0), AtomicIsize::new(0)],
            long_lived_total: AtomicIsize::new(0),
            long_lived_pending: AtomicIsize::new(0),
            collecting: AtomicBool::new(false),
            stats: parking_lot::Mutex::new([GenStats::default(); GENERATIONS]),
            debug: AtomicU32::new(0),
            stress,
            total_collections: AtomicU64::new(0),
        };
        if !Self::PER_THREAD {
            let trigger = st.trigger();
            st.shards.lock().push(Arc::new(GcShard::new(trigger, false)));
        }
        st
    }

    const PER_THREAD: bool = <M::Collector as Collector>::PER_THREAD_SHARDS;

    fn trigger(&self) -> isize {
        let t0 = self.thresholds[0].load(Ordering::Relaxed);
        if !self.enabled.load(Ordering::Relaxed) || t0 == 0 {
            isize::MAX
        } else if self.stress {
            0
        } else {
            t0
        }
    }

    fn retrigger(&self) {
        let trigger = self.trigger();
        for s in self.shards.lock().iter() {
            s.trigger.store(trigger, Ordering::Relaxed);
        }
    }

    /// The shard a newly attached thread tracks its objects in.
    pub fn shard_for_thread(&self) -> Arc<GcShard<M>> {
        if !Self::PER_THREAD {
            return self.shards.lock()[0].clone();
        }
        if let Some(s) = self.idle.lock().pop() {
            s.lock.exclusive(|| s.owned.store(true, Ordering::SeqCst));
            return s;
        }
        let s = Arc::new(GcShard::new(self.trigger(), true));
        self.shards.lock().push(s.clone());
        s
    }

    /// A thread is done with its shard (its objects stay tracked there); it becomes unowned,
    /// and what other threads freed into it meanwhile is freed now.
    pub fn release_shard(&self, shard: Arc<GcShard<M>>) {
        if Self::PER_THREAD {
            shard.lock.exclusive(|| {
                shard.owned.store(false, Ordering::SeqCst);
                // SAFETY: unowned now, and the lock is held: exclusive.
                unsafe { shard.drain_remote(&mut *shard.tables.get()) };
            });
            self.idle.lock().push(shard);
        }
    }

    /// Free every block waiting on a remote list (before a scan of the tables).
    ///
    /// # Safety
    /// Exclusive access to every shard (as for [`find_unreachable`]).
    unsafe fn drain_all_remote(&self) {
        for s in self.shards.lock().iter() {
            // SAFETY: caller's contract.
            s.with_tables(|t| unsafe { s.drain_remote(t) });
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
        self.retrigger();
    }

    pub fn thresholds(&self) -> [isize; GENERATIONS] {
        [0, 1, 2].map(|i| self.thresholds[i].load(Ordering::Relaxed))
    }

    pub fn set_thresholds(&self, t: [isize; GENERATIONS]) {
        for (i, v) in t.into_iter().enumerate() {
            self.thresholds[i].store(v, Ordering::Relaxed);
        }
        self.retrigger();
    }

    /// `gc.get_count()`.
    pub fn counts(&self) -> [isize; GENERATIONS] {
        let c0 = self.shards.lock().iter().map(|s| s.count0.load(Ordering::Relaxed)).sum::<isize>();
        [
            c0,
            self.older_counts[0].load(Ordering::Relaxed),
            self.older_counts[1].load(Ordering::Relaxed),
        ]
    }

    pub fn stats(&self) -> [GenStats; GENERATIONS] {
        *self.stats.lock()
    }

    /// Claim the right to collect; false when a collection is already running (CPython's
    /// `gcstate->collecting`: a nested or concurrent request returns at once).
    pub fn begin(&self) -> bool {
        self.collecting.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }

    pub fn end(&self) {
        self.collecting.store(false, Ordering::Release);
    }

    /// Which generation an automatic collection should collect, or none (CPython 3.11's
    /// `gc_collect_generations`: the oldest whose count passed its threshold; the oldest only
    /// when a quarter of the long-lived objects are new since its last collection).
    pub fn generation_to_collect(&self) -> Option<usize> {
        let counts = self.counts();
        let mut thresholds = self.thresholds();
        if self.stress {
            thresholds[0] = 0;
        }
        (0..GENERATIONS).rev().find(|&g| {
            counts[g] > thresholds[g]
                && !(g == GENERATIONS - 1
                    && self.long_lived_pending.load(Ordering::Relaxed)
                        < self.long_lived_total.load(Ordering::Relaxed) / 4)
        })
    }

    /// Bookkeeping after a collection of `generation` that found `found` unreachable objects
    /// and left `survivors` in the next generation.
    pub fn record(&self, generation: usize, found: usize, survivors: usize) {
        if generation + 1 < GENERATIONS {
            self.older_counts[generation].fetch_add(1, Ordering::Relaxed);
        }
        for g in 1..=generation.min(GENERATIONS - 1) {
            self.older_counts[g - 1].store(0, Ordering::Relaxed);
        }
        for s in self.shards.lock().iter() {
            s.count0.store(0, Ordering::Relaxed);
        }
        if generation == GENERATIONS - 2 {
            self.long_lived_pending.fetch_add(survivors as isize, Ordering::Relaxed);
        } else if generation == GENERATIONS - 1 {
            self.long_lived_pending.store(0, Ordering::Relaxed);
            self.long_lived_total.store(survivors as isize, Ordering::Relaxed);
        }
        let mut stats = self.stats.lock();
        stats[generation].collections += 1;
        stats[generation].collected += found as u64;
        self.total_collections.fetch_add(1, Ordering::Relaxed);
    }

    /// `gc.freeze()`: move every tracked object to the permanent generation.
    ///
    /// # Safety
    /// Exclusive access, as for [`find_unreachable`] (so do the next three).
    pub unsafe fn freeze(&self) {
        // SAFETY: caller's contract.
        unsafe { self.drain_all_remote() };
        for s in self.shards.lock().iter() {
            s.with_tables(|t| {
                for g in 0..GENERATIONS {
                    move_generation(t, g, PERMANENT);
                }
            });
            s.count0.store(0, Ordering::Relaxed);
        }
    }

    /// `gc.unfreeze()`: back into the oldest generation.
    ///
    /// # Safety
    /// As for [`GcState::freeze`].
    pub unsafe fn unfreeze(&self) {
        for s in self.shards.lock().iter() {
            s.with_tables(|t| move_generation(t, PERMANENT, GENERATIONS - 1));
        }
    }

    /// How many objects are tracked now, in every generation (for tests and reports).
    ///
    /// # Safety
    /// As for [`GcState::freeze`].
    pub unsafe fn tracked_len(&self) -> usize {
        // SAFETY: caller's contract.
        unsafe { self.drain_all_remote() };
        self.shards
            .lock()
            .iter()
            .map(|s| s.with_tables(|t| t.gens.iter().map(Vec::len).sum::<usize>()))
            .sum()
    }

    /// `gc.get_freeze_count()`.
    ///
    /// # Safety
    /// As for [`GcState::freeze`].
    pub unsafe fn freeze_count(&self) -> usize {
        self.shards.lock().iter().map(|s| s.with_tables(|t| t.gens[PERMANENT].len())).sum()
    }

    /// Tracked links of generations `0..=generation` (or every generation including the
    /// permanent one), from every shard.
    fn gather(&self, generation: Option<usize>) -> Vec<*const GcLink> {
        let last = generation.unwrap_or(PERMANENT);
        let mut out = Vec::new();
        for s in self.shards.lock().iter() {
            s.with_tables(|t| {
                for g in 0..=last {
                    out.extend_from_slice(&t.gens[g]);
                }
            });
        }
        out
    }

    /// Move the survivors of a collection of `generation` one generation up.
    fn promote(&self, generation: usize) {
        if generation + 1 >= GENERATIONS {
            return;
        }
        for s in self.shards.lock().iter() {
            s.with_tables(|t| {
                for g in 0..=generation {
                    move_generation(t, g, generation + 1);
                }
            });
        }
    }
}

fn move_generation(t: &mut Tables, from: usize, to: usize) {
    if from == to {
        return;
    }
    let moved = std::mem::take(&mut t.gens[from]);
    let base = t.gens[to].len();
    for (i, &l) in moved.iter().enumerate() {
        // SAFETY: links in a table are inside live objects.
        unsafe { &*l }
            .slot
            .store(((to as u64) << INDEX_BITS) | (base + i) as u64, Ordering::Relaxed);
    }
    t.gens[to].extend(moved);
}

impl<M: ExecutionModel> Drop for GcState<M> {
    fn drop(&mut self) {
        // Objects that outlive the interpreter must never reach a freed shard: untrack them.
        for s in self.shards.get_mut().iter() {
            // SAFETY: no thread is attached any more (the state is being dropped): exclusive.
            s.with_tables(|t| unsafe { s.drain_remote(t) });
            s.with_tables(|t| {
                for g in t.gens.iter_mut() {
                    for &l in g.iter() {
                        // SAFETY: links in a table are inside live objects.
                        unsafe { &*l }.shard.store(std::ptr::null_mut(), Ordering::Relaxed);
                    }
                    g.clear();
                }
            });
        }
    }
}

/// The object a link is embedded in.
///
/// # Safety
/// `link` is the `gc` field of a live `PyObject<M>`.
unsafe fn object_of<M: ExecutionModel>(link: *const GcLink) -> *const PyObject<M> {
    // SAFETY: caller's contract: stepping back by the field offset stays inside that object.
    unsafe { (link as *const u8).sub(std::mem::offset_of!(PyObject<M>, gc)) as *const PyObject<M> }
}

/// What one collection found.
pub struct Scan<M: ExecutionModel> {
    /// The unreachable objects, each with a strong reference the collector owns.
    pub garbage: Vec<ObjRef<M>>,
    /// How many of them CPython would count (`gc.collect()`'s answer): an instance's own
    /// attribute dict is inline in CPython 3.11 until something asks for `__dict__`, and a dict
    /// holding no container is not tracked there.
    pub found: usize,
    /// Objects of the collected generations that survived.
    pub survivors: usize,
}

/// Find the unreachable objects of generations `0..=generation` and promote the survivors.
///
/// # Safety
/// Exclusive access to the interpreter's objects for the whole call: the interpreter lock is
/// held (GIL, subinterpreters) or every other thread is stopped (free-threaded), and the
/// calling thread runs no Python code meanwhile (see the module notes).
pub unsafe fn find_unreachable<M: ExecutionModel>(
    state: &GcState<M>,
    generation: usize,
) -> Scan<M> {
    // SAFETY: caller's contract (exclusive access).
    unsafe { state.drain_all_remote() };
    let links = state.gather(Some(generation));
    // SAFETY: every gathered link is inside a live object of this interpreter, and nothing is
    // freed during the passes (exclusive access, no Python code).
    let objs: Vec<&PyObject<M>> = links.iter().map(|&l| unsafe { &*object_of::<M>(l) }).collect();
    for o in &objs {
        let refs = if o.is_immortal() { IMMORTAL_REFS } else { o.refcount() as isize };
        o.gc.gc_refs.store(refs, Ordering::Relaxed);
    }
    subtract_internal(&objs);
    mark_reachable(&objs);
    let unreachable: Vec<&PyObject<M>> = objs
        .iter()
        .copied()
        .filter(|o| o.gc.gc_refs.load(Ordering::Relaxed) != REACHABLE)
        .collect();
    let found = visible_count(&unreachable);
    let survivors = objs.len() - unreachable.len();
    untrack_atomic_tuples(state, &objs);
    let garbage: Vec<ObjRef<M>> = unreachable
        .iter()
        // SAFETY: each unreachable object is alive (counts unchanged since the scan); the new
        // handle owns one more count, which `Drop` gives back.
        .map(|o| unsafe { ObjRef::new_ref_from_raw(*o as *const PyObject<M>) })
        .collect();
    for o in &objs {
        o.gc.gc_refs.store(NOT_IN_SET, Ordering::Relaxed);
    }
    state.promote(generation);
    Scan { garbage, found, survivors }
}

/// Split `garbage` after finalizers ran: what is still unreachable, what a finalizer
/// resurrected (referenced from outside the garbage again, or reachable from such an object),
/// and how many of the still-unreachable ones CPython counts (3.11 counts after resurrection).
///
/// # Safety
/// As for [`find_unreachable`].
pub unsafe fn still_unreachable<M: ExecutionModel>(
    garbage: Vec<ObjRef<M>>,
) -> (Vec<ObjRef<M>>, Vec<ObjRef<M>>, usize) {
    let objs: Vec<&PyObject<M>> = garbage.iter().map(|o| &**o).collect();
    for o in &objs {
        // The collector's own handle is not an outside reference.
        let refs = if o.is_immortal() { IMMORTAL_REFS } else { o.refcount() as isize - 1 };
        o.gc.gc_refs.store(refs, Ordering::Relaxed);
    }
    subtract_internal(&objs);
    mark_reachable(&objs);
    let keep: Vec<bool> =
        objs.iter().map(|o| o.gc.gc_refs.load(Ordering::Relaxed) != REACHABLE).collect();
    let dead_objs: Vec<&PyObject<M>> =
        objs.iter().zip(&keep).filter(|(_, k)| **k).map(|(o, _)| *o).collect();
    let found = visible_count(&dead_objs);
    for o in &objs {
        o.gc.gc_refs.store(NOT_IN_SET, Ordering::Relaxed);
    }
    let (mut dead, mut alive) = (Vec::new(), Vec::new());
    for (o, k) in garbage.into_iter().zip(keep) {
        if k {
            dead.push(o)
        } else {
            alive.push(o)
        }
    }
    (dead, alive, found)
}

fn subtract_internal<M: ExecutionModel>(objs: &[&PyObject<M>]) {
    for o in objs {
        o.payload.gc_traverse(&mut |child: &ObjRef<M>| {
            let l = &child.gc;
            let r = l.gc_refs.load(Ordering::Relaxed);
            if r != NOT_IN_SET && r != IMMORTAL_REFS {
                l.gc_refs.store(r - 1, Ordering::Relaxed);
            }
        });
    }
}

fn mark_reachable<M: ExecutionModel>(objs: &[&PyObject<M>]) {
    let mut stack: Vec<&PyObject<M>> = Vec::new();
    for o in objs {
        if o.gc.gc_refs.load(Ordering::Relaxed) > 0 {
            o.gc.gc_refs.store(REACHABLE, Ordering::Relaxed);
            stack.push(o);
        }
    }
    while let Some(o) = stack.pop() {
        o.payload.gc_traverse(&mut |child: &ObjRef<M>| {
            let l = &child.gc;
            if l.in_set() && l.gc_refs.load(Ordering::Relaxed) != REACHABLE {
                l.gc_refs.store(REACHABLE, Ordering::Relaxed);
                // SAFETY: members of the set are alive for the whole exclusive pass; the
                // reference is only used within it.
                stack.push(unsafe { &*(&**child as *const PyObject<M>) });
            }
        });
    }
}

/// `gc.collect()`'s count over the unreachable set, by CPython 3.11's object layout.
fn visible_count<M: ExecutionModel>(unreachable: &[&PyObject<M>]) -> usize {
    for o in unreachable {
        if let Payload::Instance(inst) = &o.payload {
            if !inst.dict_materialized.load(Ordering::Relaxed) && inst.dict.gc.in_set() {
                inst.dict.gc.gc_refs.store(INLINE, Ordering::Relaxed);
            }
        }
    }
    unreachable
        .iter()
        .filter(|o| o.gc.gc_refs.load(Ordering::Relaxed) != INLINE && o.payload.cpython_tracked())
        .count()
}

/// CPython untracks tuples that hold no container when a collection sees them: they can never
/// be part of a cycle (`gc.is_tracked((1, 2))` turns false after a collection).
fn untrack_atomic_tuples<M: ExecutionModel>(state: &GcState<M>, objs: &[&PyObject<M>]) {
    for o in objs {
        if let Payload::Tuple(items) = &o.payload {
            if o.gc.gc_refs.load(Ordering::Relaxed) == REACHABLE
                && !items.iter().any(may_be_tracked)
            {
                let shard = o.gc.shard.load(Ordering::Relaxed) as *const GcShard<M>;
                if !shard.is_null() {
                    // SAFETY: a tracked object's shard is alive (it belongs to `state`).
                    unsafe { &*shard }.with_tables(|t| remove(t, &o.gc));
                }
            }
        }
    }
    let _ = state;
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`: a container that is (or could become) tracked.
pub fn may_be_tracked<M: ExecutionModel>(v: &Value<M>) -> bool {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Tuple(_) => o.gc.is_tracked(),
            p => p.is_gc_type(),
        },
        _ => false,
    }
}

/// Every tracked object CPython would report (`gc.get_objects()`), with strong references.
///
/// # Safety
/// As for [`find_unreachable`].
pub unsafe fn tracked_objects<M: ExecutionModel>(
    state: &GcState<M>,
    generation: Option<usize>,
) -> Vec<ObjRef<M>> {
    // SAFETY: caller's contract (exclusive access).
    unsafe { state.drain_all_remote() };
    let links = match generation {
        Some(g) => {
            let mut v = Vec::new();
            for s in state.shards.lock().iter() {
                s.with_tables(|t| v.extend_from_slice(&t.gens[g]));
            }
            v
        }
        None => state.gather(None),
    };
    links
        .into_iter()
        // SAFETY: live objects (exclusive access); each new handle owns a new count.
        .map(|l| unsafe { ObjRef::new_ref_from_raw(object_of::<M>(l)) })
        .filter(|o| o.payload.cpython_tracked())
        .collect()
}

#[cfg(test)]
#[path = "gc_tests.rs"]
mod tests;
