//! `sys.monitoring` (PEP 669): the per-interpreter tool/event/callback state and event delivery from the observed eval loop.
//!
//! Cost model. The eval loop has two instantiations, `execute::<false>` (fast) and
//! `execute::<true>` (observed). A frame starts in the observed loop only when the interpreter's
//! `Interp::instrumented` word is non-zero (one relaxed load per frame entry, next to the
//! recursion check); with no event ever set and no frame introspection, nothing else is paid.
//! Frames already running when events are switched on move to the observed loop at their next
//! safe point: turning monitoring on raises `PENDING_CALLS` on this thread's eval breaker, and
//! while some frame of the thread still runs the fast loop (fewer chain entries than `depth`)
//! every slow-path visit raises it again ("sticky"), so each fast frame sees it at its next call
//! (before and after it) or backward jump, and switches (a switch before a call re-runs the call
//! instruction in the other loop). Observed frames compare the monitoring version at the same
//! safe points (one load), pick up new event sets there, and go back to the fast loop once
//! nothing is instrumented.
//! Other threads switch at their next frame entry or eval-breaker visit (CPython instruments
//! their running code at once; here a thread busy in one frame with no calls and no pending
//! breaker bit keeps running the fast loop until then).
//!
//! Semantics follow CPython 3.12's `Python/instrumentation.c`: event bits and tool ids are
//! 3.12's, callbacks run highest tool id first, no event fires while a callback runs (any
//! tool), a callback returning `DISABLE` turns that event off at that instruction for that tool
//! (local events only; for the others it is a ValueError and the callback is removed),
//! `restart_events()` re-enables them. C_RETURN/C_RAISE follow calls of anything but Python
//! functions and methods, for the tools that set CALL (as in CPython, they are never stored).
//! Offsets are this project's (instruction index x 4, as `gilbench dis` prints). Not delivered:
//! `STOP_ITERATION` (accepted by `set_events`, never fired: this VM raises no StopIteration
//! when a generator or iterator ends inside `for`).
#![forbid(unsafe_code)]

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::object::{CodeObj, ObjRef, Payload, PyErr, Value};
use crate::runtime::eval_breaker::EvalBreaker;
use crate::runtime::ExecutionModel;

use super::Vm;
use crate::object::frame::Frame;

/// Event numbers (bit positions) of CPython 3.12.
pub mod ev {
    pub const PY_START: u32 = 0;
    pub const PY_RESUME: u32 = 1;
    pub const PY_RETURN: u32 = 2;
    pub const PY_YIELD: u32 = 3;
    pub const CALL: u32 = 4;
    pub const LINE: u32 = 5;
    pub const INSTRUCTION: u32 = 6;
    pub const JUMP: u32 = 7;
    pub const BRANCH: u32 = 8;
    pub const STOP_ITERATION: u32 = 9;
    pub const RAISE: u32 = 10;
    pub const EXCEPTION_HANDLED: u32 = 11;
    pub const PY_UNWIND: u32 = 12;
    pub const PY_THROW: u32 = 13;
    pub const RERAISE: u32 = 14;
    pub const C_RETURN: u32 = 15;
    pub const C_RAISE: u32 = 16;
}

/// How many events there are (`sys.monitoring.events.*` are `1 << n` for n below this).
pub const NUM_EVENTS: usize = 17;
/// Events placed on instructions ("local" events): the only ones `DISABLE` and `set_local_events` apply to.
pub const LOCAL_EVENT_COUNT: u32 = 10;
/// Whether calling `func` runs Python code directly (a function or a method of one); every
/// other callable is "C" for C_RETURN/C_RAISE.
fn is_python_callable<M: ExecutionModel>(func: &Value<M>) -> bool {
    use crate::object::Payload;
    match func.payload() {
        Some(Payload::Function(_)) => true,
        Some(Payload::Method(m)) => matches!(m.func.payload(), Some(Payload::Function(_))),
        _ => false,
    }
}

/// Tool ids 0..=5 (6 and 7 are CPython's internal `settrace`/`setprofile` ids).
pub const TOOLS: usize = 6;

/// Event names in event-number order (`sys.monitoring.events` attributes).
pub const EVENT_NAMES: [&str; NUM_EVENTS] = [
    "PY_START",
    "PY_RESUME",
    "PY_RETURN",
    "PY_YIELD",
    "CALL",
    "LINE",
    "INSTRUCTION",
    "JUMP",
    "BRANCH",
    "STOP_ITERATION",
    "RAISE",
    "EXCEPTION_HANDLED",
    "PY_UNWIND",
    "PY_THROW",
    "RERAISE",
    "C_RETURN",
    "C_RAISE",
];

/// `Interp::instrumented` bits: frames must run the observed loop because...
/// ... some monitoring event is set (globally or on some code object);
pub const INSTR_MONITORING: u32 = 1;
/// ... frame introspection is in use (see `vm::frame_chain`): frames keep a chain entry.
pub const INSTR_FRAMES: u32 = 2;
/// ... tracemalloc traces: frames publish their position (see `memory::tracemalloc`).
pub const INSTR_TRACEMALLOC: u32 = 4;

/// A line number meaning "the frame has executed nothing yet": the next line always fires.
pub const LINE_START: u32 = u32::MAX;
/// The events handled before each instruction of an observed frame.
pub const LINE_EVENTS: u32 = 1 << ev::LINE | 1 << ev::INSTRUCTION;

/// One interpreter's monitoring state.
pub struct Monitoring<M: ExecutionModel> {
    /// Bumped on every change of event sets (frames re-read their mask when it moves).
    pub version: AtomicU64,
    inner: parking_lot::Mutex<MonInner<M>>,
}

struct MonInner<M: ExecutionModel> {
    names: [Option<Value<M>>; TOOLS],
    global: [u32; TOOLS],
    callbacks: Vec<Option<Value<M>>>,
    /// Per code object (by id: code objects are immortal, so ids are never reused): events per tool.
    local: HashMap<usize, [u32; TOOLS]>,
    /// (code id, instruction index, event, tool) turned off by a callback returning `DISABLE`.
    disabled: HashSet<(usize, u32, u32, usize)>,
    /// The `DISABLE` and `MISSING` sentinels, made with the `sys.monitoring` module.
    disable: Option<Value<M>>,
    missing: Option<Value<M>>,
}

impl<M: ExecutionModel> Default for Monitoring<M> {
    fn default() -> Self {
        Monitoring {
            version: AtomicU64::new(0),
            inner: parking_lot::Mutex::new(MonInner {
                names: Default::default(),
                global: [0; TOOLS],
                callbacks: (0..TOOLS * NUM_EVENTS).map(|_| None).collect(),
                local: HashMap::new(),
                disabled: HashSet::new(),
                disable: None,
                missing: None,
            }),
        }
    }
}

/// A monitoring API error, raised as ValueError/TypeError by the `sys.monitoring` module.
pub enum MonError {
    Value(String),
}

impl<M: ExecutionModel> Monitoring<M> {
    /// Install the sentinels (once per interpreter; later calls keep the first ones).
    pub fn set_sentinels(&self, disable: Value<M>, missing: Value<M>) -> (Value<M>, Value<M>) {
        let mut g = self.inner.lock();
        let d = g.disable.get_or_insert(disable).clone();
        let m = g.missing.get_or_insert(missing).clone();
        (d, m)
    }

    pub fn missing(&self) -> Value<M> {
        self.inner.lock().missing.clone().unwrap_or(Value::None)
    }

    pub fn use_tool_id(&self, tool: usize, name: Value<M>) -> Result<(), MonError> {
        let mut g = self.inner.lock();
        if g.names[tool].is_some() {
            return Err(MonError::Value(format!("tool {tool} is already in use")));
        }
        g.names[tool] = Some(name);
        Ok(())
    }

    /// CPython 3.12: forgets the name only (events and callbacks stay).
    pub fn free_tool_id(&self, tool: usize) -> Option<Value<M>> {
        self.inner.lock().names[tool].take()
    }

    pub fn get_tool(&self, tool: usize) -> Option<Value<M>> {
        self.inner.lock().names[tool].clone()
    }

    /// Set the callback of `tool` for event number `event`; the previous one is returned.
    pub fn register_callback(
        &self,
        tool: usize,
        event: usize,
        func: Option<Value<M>>,
    ) -> Option<Value<M>> {
        let mut g = self.inner.lock();
        std::mem::replace(&mut g.callbacks[tool * NUM_EVENTS + event], func)
    }

    pub fn get_events(&self, tool: usize) -> u32 {
        self.inner.lock().global[tool]
    }

    pub fn get_local_events(&self, tool: usize, code: usize) -> u32 {
        self.inner.lock().local.get(&code).map_or(0, |l| l[tool])
    }

    fn check_in_use(g: &MonInner<M>, tool: usize) -> Result<(), MonError> {
        if g.names[tool].is_none() {
            return Err(MonError::Value(format!("tool {tool} is not in use")));
        }
        Ok(())
    }

    /// `set_events`; returns whether anything is monitored afterwards.
    pub fn set_events(&self, tool: usize, events: u32) -> Result<bool, MonError> {
        let mut g = self.inner.lock();
        Self::check_in_use(&g, tool)?;
        g.global[tool] = events;
        self.version.fetch_add(1, Ordering::Relaxed);
        Ok(Self::any_active(&g))
    }

    pub fn set_local_events(
        &self,
        tool: usize,
        code: usize,
        events: u32,
    ) -> Result<bool, MonError> {
        let mut g = self.inner.lock();
        Self::check_in_use(&g, tool)?;
        let entry = g.local.entry(code).or_insert([0; TOOLS]);
        entry[tool] = events;
        if entry.iter().all(|e| *e == 0) {
            g.local.remove(&code);
        }
        self.version.fetch_add(1, Ordering::Relaxed);
        Ok(Self::any_active(&g))
    }

    /// `restart_events()`: every location disabled by `DISABLE` fires again.
    pub fn restart_events(&self) {
        self.inner.lock().disabled.clear();
        self.version.fetch_add(1, Ordering::Relaxed);
    }

    fn any_active(g: &MonInner<M>) -> bool {
        g.global.iter().any(|e| *e != 0) || !g.local.is_empty()
    }

    /// The events any tool wants for code object `code` (global and local sets).
    pub fn code_mask(&self, code: usize) -> u32 {
        let g = self.inner.lock();
        let mut m = g.global.iter().fold(0, |a, e| a | e);
        if let Some(l) = g.local.get(&code) {
            m |= l.iter().fold(0, |a, e| a | e);
        }
        m
    }

    /// `_all_events()`: event name -> tool bit set, for events some tool has set globally.
    pub fn all_events(&self) -> Vec<(&'static str, u32)> {
        let g = self.inner.lock();
        (0..NUM_EVENTS)
            .filter_map(|e| {
                let tools =
                    (0..TOOLS).filter(|t| g.global[*t] >> e & 1 != 0).fold(0, |a, t| a | 1 << t);
                (tools != 0).then_some((EVENT_NAMES[e], tools))
            })
            .collect()
    }

    /// The callbacks to run for `event` at (`code`, `index`), highest tool id first.
    fn callbacks_for(
        &self,
        event: u32,
        code: usize,
        index: u32,
    ) -> (Vec<(usize, Value<M>)>, Option<Value<M>>) {
        let g = self.inner.lock();
        let mut out = Vec::new();
        for tool in (0..TOOLS).rev() {
            let events = g.global[tool] | g.local.get(&code).map_or(0, |l| l[tool]);
            // C_RETURN and C_RAISE go to the tools that set CALL (they are never stored).
            let wanted =
                if event == ev::C_RETURN || event == ev::C_RAISE { ev::CALL } else { event };
            if events >> wanted & 1 == 0 {
                continue;
            }
            if event < LOCAL_EVENT_COUNT && g.disabled.contains(&(code, index, event, tool)) {
                continue;
            }
            if let Some(cb) = &g.callbacks[tool * NUM_EVENTS + event as usize] {
                out.push((tool, cb.clone()));
            }
        }
        let disable = if out.is_empty() { None } else { g.disable.clone() };
        (out, disable)
    }

    fn disable_at(&self, event: u32, code: usize, index: u32, tool: usize) {
        self.inner.lock().disabled.insert((code, index, event, tool));
    }

    fn remove_callback(&self, tool: usize, event: u32) -> Option<Value<M>> {
        self.inner.lock().callbacks[tool * NUM_EVENTS + event as usize].take()
    }
}

impl<M: ExecutionModel> Vm<M> {
    /// Recompute the interpreter's `INSTR_MONITORING` bit after a change of event sets; when
    /// monitoring turns on, this thread's running frames switch to the observed loop at their
    /// next safe point (see the module notes).
    pub fn monitoring_changed(&mut self, active: bool) {
        if active {
            self.interp.instrumented.fetch_or(INSTR_MONITORING, Ordering::Relaxed);
            self.breaker.set(EvalBreaker::PENDING_CALLS);
        } else {
            self.interp.instrumented.fetch_and(!INSTR_MONITORING, Ordering::Relaxed);
        }
    }

    /// The monitoring events of code object `code` (0 when nothing is monitored).
    pub fn monitor_mask(&self, code: &ObjRef<M>) -> u32 {
        if self.interp.instrumented.load(Ordering::Relaxed) & INSTR_MONITORING == 0 {
            return 0;
        }
        self.interp.monitoring.code_mask(code.id())
    }

    /// The event mask of the running observed frame (0 outside observed frames).
    #[inline]
    pub fn frame_events(&self) -> u32 {
        self.frames.last().map_or(0, |e| e.mask)
    }

    /// Deliver `event` at instruction `index` of `code`: every tool's callback gets
    /// `(code, second, *extra)` where `second` is the offset (index x 4), or the line for LINE.
    /// A callback's exception is returned. Nothing fires while a callback is running.
    pub fn monitor_fire(
        &mut self,
        event: u32,
        code: &ObjRef<M>,
        index: u32,
        second: i64,
        extra: &[Value<M>],
    ) -> Result<(), PyErr<M>> {
        if self.monitor_tracing != 0 {
            return Ok(());
        }
        let (calls, disable) = self.interp.monitoring.callbacks_for(event, code.id(), index);
        if calls.is_empty() {
            return Ok(());
        }
        let mut args = Vec::with_capacity(2 + extra.len());
        args.push(Value::Obj(code.clone()));
        args.push(Value::Int(second));
        args.extend_from_slice(extra);
        for (tool, cb) in calls {
            self.monitor_tracing += 1;
            let r = self.call(&cb, &args, &[]);
            self.monitor_tracing -= 1;
            let r = r?;
            if disable.as_ref().is_some_and(|d| r.is(d)) {
                if event < LOCAL_EVENT_COUNT {
                    self.interp.monitoring.disable_at(event, code.id(), index, tool);
                } else {
                    let old = self.interp.monitoring.remove_callback(tool, event);
                    drop(old);
                    return Err(self.new_value_error(&format!(
                        "Cannot disable {} events. Callback removed.",
                        EVENT_NAMES[event as usize]
                    )));
                }
            }
        }
        Ok(())
    }

    /// At a safe point of an observed frame (after a call, at a backward jump): pick up
    /// changed event sets (a frame sees `set_events` right after the call that made it, in any
    /// frame of its thread; other threads' changes at its next safe point). True when nothing
    /// is instrumented any more: the frame goes back to the fast loop.
    #[inline(always)]
    pub fn observed_safe_point(&mut self) -> bool {
        let version = self.interp.monitoring.version.load(Ordering::Relaxed);
        match self.frames.last() {
            Some(e) if e.mon_version != version => self.refresh_frame_events(version),
            _ => false,
        }
    }

    #[inline(never)]
    fn refresh_frame_events(&mut self, version: u64) -> bool {
        if self.interp.instrumented.load(Ordering::Relaxed) == 0 {
            return true;
        }
        let Some(code) = self.frames.last().map(|e| e.code.clone()) else { return false };
        let mask = self.monitor_mask(&code);
        let Payload::Code(co) = code.payload() else { return false };
        if let Some(e) = self.frames.last_mut() {
            if mask & (1 << ev::LINE) != 0
                && e.mask & (1 << ev::LINE) == 0
                && !(e.last_line == LINE_START && e.lasti == 0)
            {
                // LINE starts mid-frame: the next line start fires if it differs from this one.
                e.last_line = co.code.line_for(e.lasti as usize);
            }
            e.mask = mask;
            e.mon_version = version;
            e.traced = self.interp.instrumented.load(Ordering::Relaxed) & INSTR_TRACEMALLOC != 0;
        }
        false
    }

    /// LINE and INSTRUCTION before instruction `pc` of the running observed frame (called only
    /// when one of them is set for it). LINE fires when the line differs from the line of the
    /// previously executed instruction (or the frame has just started), as CPython 3.12 does.
    #[inline(never)]
    pub fn observe_lines(
        &mut self,
        f: &Frame<M>,
        code: &ObjRef<M>,
        co: &CodeObj<M>,
        pc: usize,
    ) -> Result<(), PyErr<M>> {
        let mask = self.frame_events();
        if mask & (1 << ev::LINE) != 0 {
            let line = co.code.line_for(pc);
            let fire = match self.frames.last_mut() {
                Some(e) if e.last_line != line => {
                    e.last_line = line;
                    line != 0
                }
                _ => false,
            };
            if fire && self.monitor_tracing == 0 {
                self.publish_if_observed(f);
                self.monitor_fire(ev::LINE, code, pc as u32, line as i64, &[])?;
            }
        }
        if mask & (1 << ev::INSTRUCTION) != 0 && self.monitor_tracing == 0 {
            self.publish_if_observed(f);
            self.monitor_fire(ev::INSTRUCTION, code, pc as u32, pc as i64 * 4, &[])?;
        }
        Ok(())
    }

    /// CALL at instruction `pc`: `func` with its first argument (`MISSING` when none). Also
    /// publishes the caller's locals for frame introspection. Returns the first argument when
    /// C_RETURN/C_RAISE must follow the call (`func` is not Python code and CALL is set).
    #[inline(always)]
    pub fn observe_call(
        &mut self,
        f: &Frame<M>,
        code: &ObjRef<M>,
        pc: usize,
        func: &Value<M>,
        arg0: Option<&Value<M>>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if self.frame_events() & (1 << ev::CALL) == 0 && !self.frames_observed() {
            return Ok(None);
        }
        self.observe_call_slow(f, code, pc, func, arg0)
    }

    #[inline(never)]
    fn observe_call_slow(
        &mut self,
        f: &Frame<M>,
        code: &ObjRef<M>,
        pc: usize,
        func: &Value<M>,
        arg0: Option<&Value<M>>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        self.publish_if_observed(f);
        if self.frame_events() & (1 << ev::CALL) == 0 || self.monitor_tracing != 0 {
            return Ok(None);
        }
        let arg0 = match arg0 {
            Some(v) => v.clone(),
            None => self.interp.monitoring.missing(),
        };
        self.monitor_fire(ev::CALL, code, pc as u32, pc as i64 * 4, &[func.clone(), arg0.clone()])?;
        Ok((!is_python_callable(func)).then_some(arg0))
    }

    /// C_RETURN or C_RAISE after a call of a callable that is not Python code (CPython: not a
    /// function, nor a method of one); delivered to the tools that set CALL. A callback's
    /// exception replaces the call's outcome.
    #[inline(never)]
    pub fn observe_c_result(
        &mut self,
        f: &Frame<M>,
        code: &ObjRef<M>,
        pc: usize,
        func: &Value<M>,
        arg0: Value<M>,
        result: Result<Value<M>, PyErr<M>>,
    ) -> Result<Value<M>, PyErr<M>> {
        let event = if result.is_ok() { ev::C_RETURN } else { ev::C_RAISE };
        self.publish_if_observed(f);
        match self.monitor_fire(event, code, pc as u32, pc as i64 * 4, &[func.clone(), arg0]) {
            Ok(()) => result,
            Err(e) => Err(e),
        }
    }

    /// JUMP or BRANCH from instruction `pc` to instruction `dest` (fired after the jump).
    #[inline(always)]
    pub fn observe_jump(
        &mut self,
        f: &Frame<M>,
        event: u32,
        code: &ObjRef<M>,
        pc: usize,
        dest: usize,
    ) -> Result<(), PyErr<M>> {
        if self.frame_events() & (1 << event) == 0 {
            return Ok(());
        }
        self.observe_jump_slow(f, event, code, pc, dest)
    }

    #[inline(never)]
    fn observe_jump_slow(
        &mut self,
        f: &Frame<M>,
        event: u32,
        code: &ObjRef<M>,
        pc: usize,
        dest: usize,
    ) -> Result<(), PyErr<M>> {
        if self.monitor_tracing != 0 {
            return Ok(());
        }
        self.publish_if_observed(f);
        self.monitor_fire(event, code, pc as u32, pc as i64 * 4, &[Value::Int(dest as i64 * 4)])
    }

    /// PY_RETURN / PY_YIELD with the value leaving the frame.
    #[inline(always)]
    pub fn observe_value(
        &mut self,
        f: &Frame<M>,
        event: u32,
        code: &ObjRef<M>,
        pc: usize,
        v: &Value<M>,
    ) -> Result<(), PyErr<M>> {
        if self.frame_events() & (1 << event) == 0 {
            return Ok(());
        }
        self.observe_value_slow(f, event, code, pc, v)
    }

    #[inline(never)]
    fn observe_value_slow(
        &mut self,
        f: &Frame<M>,
        event: u32,
        code: &ObjRef<M>,
        pc: usize,
        v: &Value<M>,
    ) -> Result<(), PyErr<M>> {
        if self.monitor_tracing != 0 {
            return Ok(());
        }
        self.publish_if_observed(f);
        self.monitor_fire(event, code, pc as u32, pc as i64 * 4, std::slice::from_ref(v))
    }

    /// PY_START (fresh frame), PY_RESUME (a generator continues) or PY_THROW (`gen.throw()`).
    pub fn observe_start(&mut self, f: &Frame<M>) -> Result<(), PyErr<M>> {
        let mask = self.frame_events();
        if mask == 0 || self.monitor_tracing != 0 {
            return Ok(());
        }
        let code = f.code.clone();
        // The exception `gen.throw()` delivers waits in `pending_throw` for this frame's first
        // `execute`; the callback's own frames must not pick it up.
        if let Some(pending) = self.pending_throw.take() {
            if mask & (1 << ev::PY_THROW) != 0 {
                self.publish_if_observed(f);
                let exc = Value::Obj(pending.exc.clone());
                // A callback's exception replaces the thrown one.
                self.monitor_fire(ev::PY_THROW, &code, f.lasti as u32, f.lasti as i64 * 4, &[exc])?;
            }
            self.pending_throw = Some(pending);
            return Ok(());
        }
        let (event, index) = if f.pc == 0 { (ev::PY_START, 0) } else { (ev::PY_RESUME, f.pc) };
        if mask & (1 << event) == 0 {
            return Ok(());
        }
        self.publish_if_observed(f);
        self.monitor_fire(event, &code, index as u32, index as i64 * 4, &[])
    }

    /// RAISE, RERAISE, PY_UNWIND at the frame's current instruction: the exception continues,
    /// unless a callback raised (its exception replaces it, as in CPython).
    pub fn observe_exception(&mut self, f: &Frame<M>, event: u32, err: PyErr<M>) -> PyErr<M> {
        if self.frame_events() & (1 << event) == 0 || self.monitor_tracing != 0 {
            return err;
        }
        self.publish_if_observed(f);
        let code = f.code.clone();
        let exc = Value::Obj(err.exc.clone());
        match self.monitor_fire(event, &code, f.lasti as u32, f.lasti as i64 * 4, &[exc]) {
            Ok(()) => err,
            Err(e) => e,
        }
    }

    /// EXCEPTION_HANDLED: the frame's handler at instruction `handler` caught `err`.
    pub fn observe_handled(
        &mut self,
        f: &Frame<M>,
        handler: usize,
        err: &PyErr<M>,
    ) -> Result<(), PyErr<M>> {
        if self.frame_events() & (1 << ev::EXCEPTION_HANDLED) == 0 || self.monitor_tracing != 0 {
            return Ok(());
        }
        self.publish_if_observed(f);
        let code = f.code.clone();
        let exc = Value::Obj(err.exc.clone());
        self.monitor_fire(ev::EXCEPTION_HANDLED, &code, handler as u32, handler as i64 * 4, &[exc])
    }
}
