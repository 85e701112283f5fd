//! Frame introspection: the per-thread chain of observed frames, frame objects (`sys._getframe`, `f_back`, `f_lineno`, `f_locals`), and their detachment when a frame ends.
//!
//! Design. The eval loop keeps frames as Rust structs on the native stack (`object::frame::Frame`),
//! mutably borrowed by the loop that runs them, so safe code cannot read a *caller's* frame while
//! a callee runs. Frames are therefore made observable by the observed loop (`execute::<true>`,
//! see `vm::monitor`): a frame running there has a `ChainEntry` in `Vm::frames` (pushed when it
//! starts or switches to that loop, popped when it stops), which records its code, globals,
//! depth, its live instruction index (written before every instruction), and its locals as
//! *published* before every call and before an `f_locals` load. The fast loop pays nothing.
//!
//! When frames are observed. Compiling code that names `_getframe` or `currentframe` (the frozen
//! `inspect` module does) sets `INSTR_FRAMES` in `Interp::instrumented`: from then on every frame
//! starts in the observed loop, and frames already running switch at their next safe point. So a
//! program that uses frame introspection sees complete chains; a program that never mentions
//! it never pays for them. Monitoring callbacks get the same chain (`sys._getframe(1)` inside a
//! callback is the monitored frame).
//!
//! Frame objects. `sys._getframe(n)` finds the entry of depth `current - n` and returns its frame
//! object, made once and cached in the entry (so `_getframe() is _getframe()` within a frame);
//! `f_back` links are made with it, down the chain. While its frame runs, a frame object reads
//! `f_lineno`/`f_lasti`/`f_locals` live from its thread's chain entry; when the frame ends the
//! entry is popped and the object is *detached*: its last position and locals are copied into it
//! (CPython's `take_ownership`), so it stays valid after the frame is gone (no pointer to frame
//! memory ever exists; everything is reference counted).
//!
//! Differences from CPython: `f_locals` of a caller reflects its locals at its last call (which
//! is the call in progress, so it is exact unless a callee rebinds the caller's cells); a frame
//! object read from another thread shows what was captured when it was last detached or made; a
//! generator frame gets a new frame object at each resumption; frames that were running in the
//! fast loop when introspection was first switched on (code naming `_getframe` compiled while
//! they ran) are missing from `f_back` chains until they reach a safe point; `f_trace` is always
//! None and cannot be set. A frame object kept in its own `f_locals` forms a cycle, which the
//! cyclic GC frees (`Payload::Frame` is a GC type).
#![forbid(unsafe_code)]

use std::sync::atomic::Ordering;

use crate::compiler::CodeObject;
use crate::object::{
    DictTable, FrameObj, FrameObjState, Guarded, LocalsSnapshot, ObjRef, Payload, PyErr, PyResult,
    Value,
};
use crate::runtime::eval_breaker::EvalBreaker;
use crate::runtime::ExecutionModel;

use super::monitor::{INSTR_FRAMES, INSTR_TRACEMALLOC};
use super::Vm;
use crate::object::frame::Frame;

/// Names whose appearance in compiled code (as a name or a str constant) turns frame
/// introspection on for the interpreter.
pub const FRAME_NAMES: [&str; 2] = ["_getframe", "currentframe"];

/// One frame running in the observed loop.
pub struct ChainEntry<M: ExecutionModel> {
    /// `Vm::depth` while the frame runs (1 = the main module).
    pub depth: u32,
    /// The instruction being executed (the call in progress while a callee runs).
    pub lasti: u32,
    /// Line of the previously executed instruction (LINE events; see `monitor::LINE_START`).
    pub last_line: u32,
    /// Monitoring events for this frame's code, as of `mon_version`.
    pub mask: u32,
    pub mon_version: u64,
    pub code: ObjRef<M>,
    pub globals: ObjRef<M>,
    /// The locals as of the last publication (calls, `f_locals` loads, monitoring events).
    pub published: Option<LocalsSnapshot<M>>,
    /// This frame's frame object, once `_getframe` made one.
    pub frame_obj: Option<ObjRef<M>>,
    /// tracemalloc traces: the loop keeps this frame's published `Location` current.
    pub traced: bool,
}

impl<M: ExecutionModel> ChainEntry<M> {
    pub fn new(
        f: &Frame<M>,
        depth: u32,
        last_line: u32,
        mask: u32,
        mon_version: u64,
        traced: bool,
    ) -> Self {
        let published = f.locals_dict.as_ref().map(|ns| LocalsSnapshot {
            fast: Vec::new(),
            cells: Vec::new(),
            namespace: Some(ns.clone()),
        });
        ChainEntry {
            depth,
            lasti: f.lasti as u32,
            last_line,
            mask,
            mon_version,
            code: f.code.clone(),
            globals: f.globals.clone(),
            published,
            frame_obj: None,
            traced,
        }
    }
}

/// The locals of `f` now.
pub fn snapshot_of<M: ExecutionModel>(f: &Frame<M>) -> LocalsSnapshot<M> {
    let n = f.nlocals.min(f.slots.len());
    LocalsSnapshot {
        fast: f.slots[..n].to_vec(),
        cells: f.cells.clone(),
        namespace: f.locals_dict.clone(),
    }
}

/// Make `dict` hold the bound locals of a frame of `code` (CPython's `PyFrame_FastToLocals`:
/// bound names are set, unbound ones removed; other keys stay). Cells are read live.
pub fn fill_locals<M: ExecutionModel>(
    vm: &mut Vm<M>,
    dict: &ObjRef<M>,
    code: &CodeObject,
    fast: &[Value<M>],
    cells: &[ObjRef<M>],
) -> Result<(), PyErr<M>> {
    let put = |vm: &mut Vm<M>, name: &str, v: Value<M>| -> Result<(), PyErr<M>> {
        if v.is_null() {
            if vm.dict_get_str(dict, name).is_some() {
                vm.dict_del(dict, &Value::new_str(name))?;
            }
        } else {
            vm.dict_set_str(dict, name, v);
        }
        Ok(())
    };
    for (i, name) in code.varnames.iter().enumerate() {
        put(vm, name, fast.get(i).cloned().unwrap_or(Value::Null))?;
    }
    let names: Vec<_> = code.cellvars.iter().chain(code.freevars.iter()).cloned().collect();
    for (name, cell) in names.iter().zip(cells.iter()) {
        let v = match cell.payload() {
            Payload::Cell(c) => c.with(|v| v.clone()),
            _ => Value::Null,
        };
        // A captured parameter lives in its cell; an unbound cell leaves the fast value alone.
        if !v.is_null() || !code.varnames.contains(name) {
            put(vm, name, v)?;
        }
    }
    Ok(())
}

fn new_dict<M: ExecutionModel>() -> ObjRef<M> {
    ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())))
}

impl<M: ExecutionModel> Vm<M> {
    /// Frame introspection is in use from now on (see the module notes).
    pub fn observe_frames(&mut self) {
        let old = self.interp.instrumented.fetch_or(INSTR_FRAMES, Ordering::Relaxed);
        if old & INSTR_FRAMES == 0 {
            self.breaker.set(EvalBreaker::PENDING_CALLS);
        }
    }

    /// Make frames publish their position for tracemalloc while it traces (`on`). This thread's
    /// observed frames publish from now on; frames running fast switch to the observed loop at
    /// their next safe point, other threads' observed frames at theirs (the monitoring version
    /// changes so they look).
    pub fn set_tracemalloc_frames(&mut self, on: bool) {
        if on {
            self.interp.instrumented.fetch_or(INSTR_TRACEMALLOC, Ordering::Relaxed);
            self.breaker.set(EvalBreaker::PENDING_CALLS);
        } else {
            self.interp.instrumented.fetch_and(!INSTR_TRACEMALLOC, Ordering::Relaxed);
        }
        for e in self.frames.iter_mut() {
            e.traced = on;
        }
        if on {
            crate::memory::tracemalloc::sync_published(self.frames.iter().rev().map(|e| e.lasti));
        }
        self.interp.monitoring.version.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether frame introspection is on.
    #[inline]
    pub fn frames_observed(&self) -> bool {
        self.interp.instrumented.load(Ordering::Relaxed) & INSTR_FRAMES != 0
    }

    /// Publish the running observed frame's locals when frames are observed.
    #[inline]
    pub fn publish_if_observed(&mut self, f: &Frame<M>) {
        if self.frames_observed() {
            self.publish_locals(f);
        }
    }

    /// Record `f`'s locals in its chain entry (the top one), reusing the previous buffers.
    pub fn publish_locals(&mut self, f: &Frame<M>) {
        let Some(e) = self.frames.last_mut() else { return };
        let n = f.nlocals.min(f.slots.len());
        match &mut e.published {
            Some(s) => {
                s.fast.clear();
                s.fast.extend_from_slice(&f.slots[..n]);
                s.cells.clear();
                s.cells.extend(f.cells.iter().cloned());
                s.namespace = f.locals_dict.clone();
            }
            None => e.published = Some(snapshot_of(f)),
        }
    }

    /// `sys._getframe(depth)`. `f` is the calling frame when the eval loop handed it over (a
    /// direct call), which also covers a caller running the fast loop.
    pub fn get_frame(&mut self, f: Option<&Frame<M>>, depth: i64) -> PyResult<M> {
        let depth = depth.max(0);
        let target = self.depth as i64 - depth;
        if target < 1 {
            return Err(self.new_value_error("call stack is not deep enough"));
        }
        let found = self.frames.iter().rposition(|e| e.depth as i64 == target);
        if let Some(i) = found {
            if let (Some(fr), true) = (f, depth == 0 && i + 1 == self.frames.len()) {
                self.publish_locals(fr);
            }
            return Ok(Value::Obj(self.chain_frame_obj(i)));
        }
        let below = self.frames.iter().rposition(|e| (e.depth as i64) < target);
        match (f, depth) {
            (Some(fr), 0) => {
                // The caller runs the fast loop: a detached snapshot of it.
                let back = below.map(|j| self.chain_frame_obj(j));
                let obj = FrameObj {
                    code: fr.code.clone(),
                    globals: fr.globals.clone(),
                    back,
                    owner: self.vm_id,
                    state: Guarded::new(FrameObjState {
                        live: None,
                        lasti: fr.lasti as u32,
                        locals: None,
                        snapshot: Some(snapshot_of(fr)),
                    }),
                };
                Ok(Value::Obj(ObjRef::new(Payload::Frame(obj))))
            }
            _ => match below {
                Some(j) => Ok(Value::Obj(self.chain_frame_obj(j))),
                None => Err(self.new_value_error("call stack is not deep enough")),
            },
        }
    }

    /// The frame object of chain entry `i`, made (with those below it) when missing.
    fn chain_frame_obj(&mut self, i: usize) -> ObjRef<M> {
        if let Some(o) = &self.frames[i].frame_obj {
            return o.clone();
        }
        let mut j = i;
        while j > 0 && self.frames[j - 1].frame_obj.is_none() {
            j -= 1;
        }
        let mut back = if j > 0 { self.frames[j - 1].frame_obj.clone() } else { None };
        loop {
            let e = &self.frames[j];
            let obj = ObjRef::new(Payload::Frame(FrameObj {
                code: e.code.clone(),
                globals: e.globals.clone(),
                back: back.take(),
                owner: self.vm_id,
                state: Guarded::new(FrameObjState {
                    live: Some(j as u32),
                    lasti: e.lasti,
                    locals: None,
                    snapshot: None,
                }),
            }));
            self.frames[j].frame_obj = Some(obj.clone());
            if j == i {
                return obj;
            }
            back = Some(obj);
            j += 1;
        }
    }

    /// The frame of `entry` has stopped running: its frame object (if any) keeps the final
    /// position and locals and no longer reads the chain.
    pub fn detach_frame(&mut self, entry: ChainEntry<M>, f: &Frame<M>) {
        let Some(obj) = entry.frame_obj else { return };
        if let Payload::Frame(fr) = obj.payload() {
            let snap = snapshot_of(f);
            let lasti = f.lasti as u32;
            let old = fr.state.with(|s| {
                s.live = None;
                s.lasti = lasti;
                s.snapshot.replace(snap)
            });
            drop(old);
        }
    }

    /// The chain index a frame object reads live values from (its frame runs on this thread).
    fn live_index(&self, fr: &FrameObj<M>) -> Option<usize> {
        if fr.owner != self.vm_id {
            return None;
        }
        let i = fr.state.with(|s| s.live)? as usize;
        (i < self.frames.len()).then_some(i)
    }

    fn frame_lasti(&self, fr: &FrameObj<M>) -> u32 {
        match self.live_index(fr) {
            Some(i) => self.frames[i].lasti,
            None => fr.state.with(|s| s.lasti),
        }
    }

    /// The current line of a frame object.
    pub fn frame_lineno(&self, fr: &FrameObj<M>) -> u32 {
        let lasti = self.frame_lasti(fr) as usize;
        match fr.code.payload() {
            Payload::Code(c) => c.code.line_for(lasti),
            _ => 0,
        }
    }

    /// Attributes of frame objects.
    pub fn frame_attr(
        &mut self,
        fr: &FrameObj<M>,
        name: &str,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        Ok(Some(match name {
            "f_code" => Value::Obj(fr.code.clone()),
            "f_globals" => Value::Obj(fr.globals.clone()),
            "f_builtins" => Value::Obj(self.interp.builtins.clone()),
            "f_back" => fr.back.clone().map_or(Value::None, Value::Obj),
            "f_lasti" => Value::Int(self.frame_lasti(fr) as i64 * 4),
            "f_lineno" => Value::Int(self.frame_lineno(fr) as i64),
            "f_locals" => self.frame_locals(fr)?,
            "f_trace" => Value::None,
            "f_trace_lines" => Value::Bool(true),
            "f_trace_opcodes" => Value::Bool(false),
            _ => return Ok(None),
        }))
    }

    /// `frame.f_locals`: the namespace of a module or class body, else one dict per frame object
    /// refreshed from the locals at each access.
    fn frame_locals(&mut self, fr: &FrameObj<M>) -> PyResult<M> {
        let snap = match self.live_index(fr) {
            Some(i) => self.frames[i].published.clone(),
            None => fr.state.with(|s| s.snapshot.clone()),
        };
        if let Some(ns) = snap.as_ref().and_then(|s| s.namespace.clone()) {
            return Ok(Value::Obj(ns));
        }
        let dict = fr.state.with(|s| s.locals.get_or_insert_with(new_dict).clone());
        if let (Some(s), Payload::Code(c)) = (snap, fr.code.payload()) {
            let code = c.code.clone();
            fill_locals(self, &dict, &code, &s.fast, &s.cells)?;
        }
        Ok(Value::Obj(dict))
    }

    /// `<frame at 0x..., file '...', line N, code NAME>`.
    pub fn frame_repr(&self, obj: &ObjRef<M>, fr: &FrameObj<M>) -> String {
        let (file, name) = match fr.code.payload() {
            Payload::Code(c) => (c.code.filename.to_string(), c.code.name.to_string()),
            _ => (String::new(), String::new()),
        };
        let file = crate::text::strrepr::str_repr(&file);
        format!(
            "<frame at {:#x}, file {file}, line {}, code {name}>",
            obj.id(),
            self.frame_lineno(fr)
        )
    }
}
