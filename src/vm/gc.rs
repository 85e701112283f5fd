//! The cyclic GC's VM side: when collections run, who is paused, finalizers, `gc.callbacks`, `gc.garbage` and the debug flags.
//!
//! A tracked allocation that takes generation 0 past its threshold raises `GC_SCHEDULED` on
//! the allocating thread's eval breaker, and the collection runs at that thread's next safe
//! point ([`Vm::gc_collect_scheduled`], as CPython 3.12+ does) instead of inside the
//! allocation, where native code may be in the middle of an operation. `gc.collect()` runs
//! one at once ([`Vm::gc_collect`]). Per model: the GIL build and each subinterpreter collect
//! while holding their interpreter lock (other threads of that interpreter are waiting for it
//! or detached); the free-threaded build also stops the world for the passes that read
//! reference counts, so every other thread is parked at a safe point. Finalizers and
//! callbacks run Python code with the world running; the garbage they could resurrect is
//! re-checked with the world stopped again (see `memory::gc`).

use std::time::Instant;

use crate::memory::gc::{self as core, GENERATIONS};
use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

/// `gc.DEBUG_STATS`: print collection statistics on stderr.
pub const DEBUG_STATS: u32 = 1;
/// `gc.DEBUG_COLLECTABLE`: print the collectable objects found.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// `gc.DEBUG_UNCOLLECTABLE` (this collector frees every cycle: nothing is uncollectable).
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// `gc.DEBUG_SAVEALL`: put unreachable objects in `gc.garbage` instead of freeing them.
pub const DEBUG_SAVEALL: u32 = 32;

/// The `gc` module's two lists the collector itself uses.
pub struct GcLists<M: ExecutionModel> {
    pub callbacks: ObjRef<M>,
    pub garbage: ObjRef<M>,
}

impl<M: ExecutionModel> Vm<M> {
    /// The collection `GC_SCHEDULED` asked for: the generation CPython 3.11's rules pick.
    pub fn gc_collect_scheduled(&mut self) {
        if !self.interp.gc.is_enabled() {
            return;
        }
        if let Some(generation) = self.interp.gc.generation_to_collect() {
            self.gc_collect(generation);
        }
    }

    /// Collect generations `0..=generation`; answers how many unreachable objects were found
    /// (0 when a collection is already running, as in CPython).
    pub fn gc_collect(&mut self, generation: usize) -> usize {
        let interp = self.interp.clone();
        let gc = &interp.gc;
        if !gc.begin() {
            return 0;
        }
        let debug = gc.debug.load(std::sync::atomic::Ordering::Relaxed);
        self.gc_run_callbacks("start", generation, 0);
        if debug & DEBUG_STATS != 0 {
            self.flush_stdout();
            eprintln!("gc: collecting generation {generation}...");
        }
        let started = Instant::now();
        let scan = {
            let _world = self.exclusive_gc();
            // SAFETY: this thread is attached and runs no Python code until the scan returns;
            // in the GIL and subinterpreter builds it holds the interpreter lock, in the
            // free-threaded build every other thread is parked at a safe point (`_world`).
            unsafe { core::find_unreachable::<M>(gc, generation) }
        };
        let mut pause = started.elapsed();
        let mut found = scan.found;
        let mut garbage = scan.garbage;
        if debug & DEBUG_COLLECTABLE != 0 {
            for o in &garbage {
                if o.payload().cpython_tracked() {
                    eprintln!(
                        "gc: collectable <{} {:#x}>",
                        self.type_name(&Value::Obj(o.clone())),
                        o.id()
                    );
                }
            }
        }
        // Finalizers (PEP 442): each unreachable object's `__del__` runs once, then whatever a
        // finalizer made reachable again is left alone.
        let needing: Vec<ObjRef<M>> = garbage
            .iter()
            .filter(|o| crate::object::header::Finalize::needs_finalizer(o.payload()))
            .cloned()
            .collect();
        if !needing.is_empty() {
            for o in needing {
                self.finalize_object(o);
            }
            let again = Instant::now();
            let (dead, resurrected, still_found) = {
                let _world = self.exclusive_gc();
                // SAFETY: as for the scan above.
                unsafe { core::still_unreachable::<M>(garbage) }
            };
            pause += again.elapsed();
            drop(resurrected);
            garbage = dead;
            found = still_found;
        }
        let clearing = Instant::now();
        if debug & DEBUG_SAVEALL != 0 {
            if let Some(list) = self.interp.gc_lists.lock().as_ref().map(|l| l.garbage.clone()) {
                if let Payload::List(items) = list.payload() {
                    let visible: Vec<Value<M>> = garbage
                        .iter()
                        .filter(|o| o.payload().cpython_tracked())
                        .map(|o| Value::Obj(o.clone()))
                        .collect();
                    items.with(|v| v.extend(visible));
                }
            }
            drop(garbage);
        } else {
            // Break every cycle, then let reference counting free the objects.
            let cleared: Vec<_> = garbage.iter().map(|o| o.payload().gc_clear()).collect();
            drop(cleared);
            drop(garbage);
        }
        pause += clearing.elapsed();
        gc.record(generation, found, scan.survivors);
        crate::runtime::counters::count_gc_collection(
            found as u64,
            pause.as_nanos().min(u64::MAX as u128) as u64,
        );
        gc.end();
        if debug & DEBUG_STATS != 0 {
            eprintln!(
                "gc: done, {found} unreachable, 0 uncollectable, {:.4}s elapsed",
                started.elapsed().as_secs_f64()
            );
        }
        self.gc_run_callbacks("stop", generation, found);
        found
    }

    /// Call every `gc.callbacks` entry with `(phase, info)`, as CPython does around a
    /// collection; an exception is reported and ignored.
    fn gc_run_callbacks(&mut self, phase: &str, generation: usize, collected: usize) {
        let Some(list) = self.interp.gc_lists.lock().as_ref().map(|l| l.callbacks.clone()) else {
            return;
        };
        let callbacks = match list.payload() {
            Payload::List(items) => items.with(|v| v.clone()),
            _ => return,
        };
        if callbacks.is_empty() {
            return;
        }
        let info = Value::new_dict(crate::object::DictTable::new());
        for (k, v) in [("generation", generation), ("collected", collected), ("uncollectable", 0)] {
            if let Value::Obj(d) = &info {
                self.dict_set_str(d, k, Value::Int(v as i64));
            }
        }
        for cb in callbacks {
            if let Err(e) = self.call(&cb, &[Value::new_str(phase), info.clone()], &[]) {
                self.flush_stdout();
                let repr = self.repr_of(&cb).unwrap_or_default();
                eprintln!("Exception ignored while calling GC callback: {repr}");
                eprint!("{}", self.format_exception(&e));
            }
        }
    }

    /// `gc.freeze()` (`true`) or `gc.unfreeze()`, with the world stopped.
    pub fn gc_freeze(&mut self, freeze: bool) {
        let interp = self.interp.clone();
        let _world = self.exclusive_gc();
        // SAFETY: exclusive access as in `gc_collect` (no Python code runs in between).
        unsafe {
            if freeze {
                interp.gc.freeze()
            } else {
                interp.gc.unfreeze()
            }
        }
    }

    /// `gc.get_freeze_count()`, with the world stopped.
    pub fn gc_freeze_count(&mut self) -> usize {
        let interp = self.interp.clone();
        let _world = self.exclusive_gc();
        // SAFETY: as above.
        unsafe { interp.gc.freeze_count() }
    }

    /// How many objects are tracked, in every generation, with the world stopped.
    pub fn gc_tracked_len(&mut self) -> usize {
        let interp = self.interp.clone();
        let _world = self.exclusive_gc();
        // SAFETY: as above.
        unsafe { interp.gc.tracked_len() }
    }

    /// `gc.get_objects(generation=None)`: the objects CPython would report as tracked.
    pub fn gc_objects(&mut self, generation: Option<usize>) -> Vec<ObjRef<M>> {
        let interp = self.interp.clone();
        let _world = self.exclusive_gc();
        // SAFETY: exclusive access as in `gc_collect` (no Python code runs in between).
        unsafe { core::tracked_objects::<M>(&interp.gc, generation) }
    }

    /// `gc.get_referents(*objs)`: what each one refers to, in CPython's traversal order
    /// (sequences from the end; a dict with only str keys visits its values, otherwise each
    /// value then its key; numbers are objects there, so they are listed too).
    pub fn gc_referents(&mut self, objs: &[Value<M>]) -> Vec<Value<M>> {
        let mut out = Vec::new();
        for v in objs {
            let Value::Obj(o) = v else { continue };
            match o.payload() {
                Payload::Tuple(items) => out.extend(items.iter().rev().cloned()),
                Payload::List(l) => {
                    out.extend(l.with(|items| items.iter().rev().cloned().collect::<Vec<_>>()))
                }
                Payload::Dict(d) => d.with(|t| {
                    let str_keys = t.iter().all(|e| e.key.as_str().is_some());
                    for e in t.iter() {
                        out.push(e.value.clone());
                        if !str_keys {
                            out.push(e.key.clone());
                        }
                    }
                }),
                p if p.is_gc_type() => {
                    p.gc_traverse(&mut |child| out.push(Value::Obj(child.clone())))
                }
                _ => {}
            }
        }
        out
    }
}

/// The generation argument of `gc.collect` / `gc.get_objects`: 0, 1 or 2.
pub fn valid_generation(g: i64) -> Option<usize> {
    (0..GENERATIONS as i64).contains(&g).then_some(g as usize)
}
