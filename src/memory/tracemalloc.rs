//! tracemalloc's core: the Python stack each thread publishes while it traces, and the table of traced allocations (address -> size and the Python lines that made it).
//!
//! Implementation notes (this module has `unsafe`: reading the published stack):
//!
//! * **The published stack.** While an interpreter traces, its frames run in the VM's observed
//!   loop, which keeps a [`Location`] on the native stack of each running frame (one per frame
//!   chain entry, see `vm::frame_chain`): the frame's code object and the instruction being executed
//!   (updated before every instruction while tracing; [`sync_published`] brings the callers'
//!   up to date when tracing starts). The
//!   locations are linked innermost-first through a thread-local pointer ([`Location::enter`]
//!   links one in, its guard unlinks it when the frame stops, restoring the caller's), so an
//!   allocation anywhere below a frame (a native function, the object layer) finds the Python
//!   lines responsible, as CPython's tracemalloc walks `tstate->current_frame`.
//! * **Why the raw links are sound.** A `Location` is pinned for as long as it is linked: it
//!   lives in the stack frame of the function that linked it, and the guard that unlinks it is
//!   dropped before that function returns (guards nest like the calls). Its code pointer stays
//!   valid because the frame holds a reference to its code object while it runs. Only the
//!   owning thread reads its own chain.
//! * **The table.** The counting allocator (`memory::alloc`) calls [`Tracer::on_alloc`] /
//!   [`Tracer::on_free`] for every allocation of a tracing interpreter's threads, with its
//!   re-entrancy flag set, so the table's own allocations are not traced. A mutex guards the
//!   table (threads of the free-threaded build trace concurrently); it is never held while
//!   anything else is locked.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::compiler::CodeObject;

use super::alloc::AllocTracer;

/// CPython's limit on `tracemalloc.start(nframe)`.
pub const MAX_NFRAME: usize = 65535;

/// One running frame's position, linked into its thread's published stack.
pub struct Location {
    code: *const CodeObject,
    lasti: Cell<u32>,
    prev: Cell<*const Location>,
}

thread_local! {
    static TOP: Cell<*const Location> = const { Cell::new(std::ptr::null()) };
}

impl Location {
    pub fn new(code: &Arc<CodeObject>) -> Self {
        Location { code: Arc::as_ptr(code), lasti: Cell::new(0), prev: Cell::new(std::ptr::null()) }
    }

    /// The instruction now executing.
    #[inline(always)]
    pub fn set_lasti(&self, lasti: usize) {
        self.lasti.set(lasti as u32);
    }

    /// Link this location in as the thread's innermost frame until the guard drops. The
    /// location must not move while linked (keep it in a local of the caller, declared before
    /// the guard, so the guard is dropped first).
    pub fn enter(&self) -> Entered<'_> {
        let prev = TOP.try_with(|t| t.replace(self as *const Location)).unwrap_or(std::ptr::null());
        self.prev.set(prev);
        Entered { loc: self }
    }
}

/// Unlinks a [`Location`] (restoring the caller's) when dropped.
pub struct Entered<'a> {
    loc: &'a Location,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        let _ = TOP.try_with(|t| t.set(self.loc.prev.get()));
    }
}

/// Set the instruction of the thread's innermost published frame (the observed loop calls this
/// before each instruction of a frame while tracemalloc traces).
#[inline]
pub fn set_innermost_lasti(lasti: usize) {
    let _ = TOP.try_with(|t| {
        let p = t.get();
        if !p.is_null() {
            // SAFETY: linked locations are alive and pinned (module notes); only this thread
            // reads or writes its chain, and `lasti` is a `Cell` (shared access only).
            unsafe { &*p }.set_lasti(lasti);
        }
    });
}

/// Set the instructions of the thread's published frames, innermost first, from `lastis` (when
/// tracing starts, so callers that are mid-call show the call they are making).
pub fn sync_published(lastis: impl Iterator<Item = u32>) {
    let mut p = TOP.try_with(|t| t.get()).unwrap_or(std::ptr::null());
    for lasti in lastis {
        if p.is_null() {
            break;
        }
        // SAFETY: as in `set_innermost_lasti`.
        let loc = unsafe { &*p };
        loc.set_lasti(lasti as usize);
        p = loc.prev.get();
    }
}

/// One frame of a traceback: (filename, line).
pub type TraceFrame = (Arc<str>, u32);

/// The calling thread's published Python stack, innermost first, at most `limit` frames, and
/// how many frames there were in all.
pub fn current_traceback(limit: usize) -> (Vec<TraceFrame>, usize) {
    let mut out = Vec::new();
    let mut total = 0;
    let mut p = TOP.try_with(|t| t.get()).unwrap_or(std::ptr::null());
    while !p.is_null() {
        // SAFETY: linked locations are alive and pinned, and their code objects are held by
        // the running frames (see the module notes); only this thread reads its chain.
        let loc = unsafe { &*p };
        // SAFETY: as above.
        let code = unsafe { &*loc.code };
        if out.len() < limit {
            out.push((code.filename.clone(), code.line_for(loc.lasti.get() as usize)));
        }
        total += 1;
        p = loc.prev.get();
    }
    (out, total)
}

/// One traced allocation.
#[derive(Clone)]
pub struct Trace {
    pub size: usize,
    /// Innermost first; `("<unknown>", 0)` when no Python frame was running.
    pub frames: Arc<[TraceFrame]>,
    /// Frames the stack had in all (more than `frames.len()` when it was cut at the limit).
    pub total_nframe: usize,
}

/// The traced allocations and the distinct tracebacks they share (as CPython's
/// `tracemalloc_tracebacks`: one copy per distinct stack).
#[derive(Default)]
struct Table {
    traces: HashMap<usize, Trace>,
    tracebacks: HashSet<Arc<[TraceFrame]>>,
}

/// The traces of one interpreter while tracemalloc traces it.
pub struct Tracer {
    nframe: usize,
    traces: parking_lot::Mutex<Table>,
    current: AtomicI64,
    peak: AtomicI64,
    unknown: Arc<[TraceFrame]>,
}

impl Tracer {
    /// A tracer keeping `nframe` frames per traceback (clamped to 1..=MAX_NFRAME).
    pub fn new(nframe: usize) -> Tracer {
        Tracer {
            nframe: nframe.clamp(1, MAX_NFRAME),
            traces: parking_lot::Mutex::new(Table::default()),
            current: AtomicI64::new(0),
            peak: AtomicI64::new(0),
            unknown: Arc::from(vec![(Arc::<str>::from("<unknown>"), 0u32)]),
        }
    }

    pub fn nframe(&self) -> usize {
        self.nframe
    }

    /// (traced bytes now, their peak).
    pub fn traced_memory(&self) -> (i64, i64) {
        (self.current.load(Ordering::Relaxed).max(0), self.peak.load(Ordering::Relaxed).max(0))
    }

    pub fn reset_peak(&self) {
        self.peak.store(self.current.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    // Every method below that takes the table's lock does so `untraced`: an allocation made
    // while holding it must not re-enter `on_alloc` (see `alloc::untraced`).

    /// Forget every trace (`tracemalloc.clear_traces()`).
    pub fn clear(&self) {
        super::alloc::untraced(|| {
            let old = std::mem::take(&mut *self.traces.lock());
            self.current.store(0, Ordering::Relaxed);
            self.peak.store(0, Ordering::Relaxed);
            drop(old);
        })
    }

    /// Every trace (a copy), for a snapshot.
    pub fn traces(&self) -> Vec<Trace> {
        super::alloc::untraced(|| self.traces.lock().traces.values().cloned().collect())
    }

    /// The trace of the allocation at `addr`, if it is traced.
    pub fn trace_of(&self, addr: usize) -> Option<Trace> {
        super::alloc::untraced(|| self.traces.lock().traces.get(&addr).cloned())
    }

    /// Approximate memory the table itself uses, in bytes (`get_tracemalloc_memory()`).
    pub fn own_memory(&self) -> usize {
        super::alloc::untraced(|| {
            let t = self.traces.lock();
            let frames: usize =
                t.tracebacks.iter().map(|f| f.len() * std::mem::size_of::<TraceFrame>() + 16).sum();
            t.traces.capacity() * (std::mem::size_of::<(usize, Trace)>() + 8)
                + t.tracebacks.capacity() * 24
                + frames
        })
    }
}

impl AllocTracer for Tracer {
    fn on_alloc(&self, ptr: usize, size: usize) {
        let (frames, total) = current_traceback(self.nframe);
        let mut table = self.traces.lock();
        let frames: Arc<[TraceFrame]> = if frames.is_empty() {
            self.unknown.clone()
        } else if let Some(shared) = table.tracebacks.get(&frames[..]) {
            shared.clone()
        } else {
            let new: Arc<[TraceFrame]> = Arc::from(frames);
            table.tracebacks.insert(new.clone());
            new
        };
        let old = table.traces.insert(ptr, Trace { size, frames, total_nframe: total.max(1) });
        drop(table);
        let delta = size as i64 - old.map_or(0, |t| t.size as i64);
        let now = self.current.fetch_add(delta, Ordering::Relaxed) + delta;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }

    fn on_free(&self, ptr: usize) {
        let old = self.traces.lock().traces.remove(&ptr);
        if let Some(t) = old {
            self.current.fetch_sub(t.size as i64, Ordering::Relaxed);
        }
    }
}
