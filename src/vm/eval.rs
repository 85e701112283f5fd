//! The eval loop: executes a frame's bytecode (one `match` over opcodes), unwinds exceptions.
//!
//! One loop, two instantiations: `execute::<false>` (fast) and `execute::<true>` (observed: the
//! frame chain and `sys.monitoring` events, see `vm::monitor`). `run_frame` picks one per frame
//! from `Interp::instrumented` (one relaxed load) and a frame moves between them at safe points.
//! Besides the namespace caches (`namespace_cache`), only int/float `BINARY_OP` and `COMPARE_OP` have inline fast
//! paths; everything else is a `Vm` method (`vm::ops`, `vm::call`, `vm::attr`, `vm::iter`).
//! Exceptions unwind through the frame's block stack (the scheme is in `compiler::opcode`).
//! The eval breaker is polled with one relaxed load at backward jumps and around calls; GIL drop
//! requests and biased-refcount merges wait until after a native call (CPython checks after C
//! calls), so a thread is never switched out just before `with lock:` calls `__exit__`.
//! Nothing here names an execution model: what differs arrives through `M`'s associated types
//! and constants (`tests/layering.rs`, `eval_loop_never_names_a_model`).
#![forbid(unsafe_code)]

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg, Opcode};
use crate::object::{DictTable, Guarded, ObjRef, Payload, PyErr, PyResult, TraceEntry, Value};
use crate::runtime::ExecutionModel;

use super::Vm;
use crate::object::frame::{Block, Frame};

/// How a frame stopped running.
pub enum FrameExit<M: ExecutionModel> {
    Return(Value<M>),
    /// A generator frame suspended at `YIELD_VALUE`/`YIELD_FROM`.
    Yield(Value<M>),
}

impl<M: ExecutionModel> Vm<M> {
    /// Run a (non-generator) frame to completion, counting the Python call depth.
    pub fn run_frame_checked(&mut self, f: &mut Frame<M>) -> PyResult<M> {
        // Python calls recurse on the native stack: a raised recursion limit must still end in
        // RecursionError, never in a native stack overflow.
        if self.depth >= self.interp.recursion_limit()
            || super::native_stack_position() < self.stack_limit
        {
            return Err(self.new_error(
                &self.types().recursion_error.clone(),
                "maximum recursion depth exceeded",
            ));
        }
        self.depth += 1;
        let r = self.run_frame(f);
        self.depth -= 1;
        match r {
            Ok(FrameExit::Return(v)) => Ok(v),
            Ok(FrameExit::Yield(_)) => {
                Err(self.new_runtime_error("yield from a non-generator frame"))
            }
            Err(e) => Err(e),
        }
    }

    /// Run a frame until it returns, yields or raises; exceptions are routed to the frame's
    /// handlers (block stack) first. The frame runs the fast loop unless something is
    /// instrumented (one load here), and moves between the loops at safe points.
    pub fn run_frame(&mut self, f: &mut Frame<M>) -> Result<FrameExit<M>, PyErr<M>> {
        if self.interp.instrumented.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            return self.run_frame_switching(f, true, true);
        }
        loop {
            let err = match self.execute::<false>(f) {
                Ok(exit) => return Ok(exit),
                Err(e) => e,
            };
            if self.is_switch(&err) {
                return self.run_frame_switching(f, false, true);
            }
            self.unwind::<false>(f, err)?;
        }
    }

    /// The loop asks to continue the frame in the other loop (fast <-> observed; see
    /// `vm::monitor`) by returning the interpreter's switch marker as its error: the normal
    /// return path stays exactly as without instrumentation. `run_frame` intercepts it before
    /// anything else sees the error.
    #[inline(always)]
    fn switch_request(&self) -> PyErr<M> {
        PyErr { exc: self.interp.singletons.switch_marker.clone() }
    }

    #[inline(always)]
    fn is_switch(&self, err: &PyErr<M>) -> bool {
        err.exc.is(&self.interp.singletons.switch_marker)
    }

    /// The fast loop inside `run_frame_switching` (a switch request goes back to it).
    fn run_fast(&mut self, f: &mut Frame<M>) -> Result<FrameExit<M>, PyErr<M>> {
        loop {
            let err = match self.execute::<false>(f) {
                Ok(exit) => return Ok(exit),
                Err(e) => e,
            };
            if self.is_switch(&err) {
                return Err(err);
            }
            self.unwind::<false>(f, err)?;
        }
    }

    /// The frame runs (or continues, `entering == false`) in the observed loop, and from there
    /// in whichever loop the instrumentation asks for.
    #[cold]
    #[inline(never)]
    fn run_frame_switching(
        &mut self,
        f: &mut Frame<M>,
        mut entering: bool,
        mut observed: bool,
    ) -> Result<FrameExit<M>, PyErr<M>> {
        loop {
            let r = if observed { self.run_observed(f, entering) } else { self.run_fast(f) };
            match r {
                Err(e) if self.is_switch(&e) => {
                    observed = !observed;
                    entering = false;
                }
                r => return r,
            }
        }
    }

    /// The observed loop: the frame has an entry in the frame chain while it runs here, and
    /// monitoring events are delivered (PY_START/PY_RESUME/PY_THROW first when `entering`).
    fn run_observed(&mut self, f: &mut Frame<M>, entering: bool) -> Result<FrameExit<M>, PyErr<M>> {
        let fresh = entering && f.pc == 0 && self.pending_throw.is_none();
        let last_line =
            if fresh { super::monitor::LINE_START } else { f.code_obj().code.line_for(f.lasti) };
        let version = self.interp.monitoring.version.load(std::sync::atomic::Ordering::Relaxed);
        let mask = self.monitor_mask(&f.code);
        // Every chain entry has a published location (tracemalloc reads the chain of these
        // from the allocator); it is kept current only while tracing.
        let location = crate::memory::tracemalloc::Location::new(&f.code_obj().code);
        let _published = location.enter();
        let traced = self.interp.instrumented.load(std::sync::atomic::Ordering::Relaxed)
            & super::monitor::INSTR_TRACEMALLOC
            != 0;
        if traced {
            location.set_lasti(f.lasti);
        }
        self.frames.push(crate::vm::frame_chain::ChainEntry::new(
            f,
            self.depth as u32,
            last_line,
            mask,
            version,
            traced,
        ));
        // Callers still in the fast loop switch when this returns to them.
        if self.frames.len() < self.depth {
            self.breaker.set(crate::runtime::eval_breaker::EvalBreaker::PENDING_CALLS);
        }
        let mut pending = if entering { self.observe_start(f).err() } else { None };
        let r = loop {
            let err = match pending.take() {
                Some(e) => e,
                None => match self.execute::<true>(f) {
                    Ok(exit) => break Ok(exit),
                    Err(e) if self.is_switch(&e) => break Err(e),
                    Err(e) => e,
                },
            };
            if let Err(e) = self.unwind::<true>(f, err) {
                break Err(e);
            }
        };
        if let Some(entry) = self.frames.pop() {
            self.detach_frame(entry, f);
        }
        r
    }

    /// Route an exception raised in `f` to its innermost handler (`Ok`: run on from there), or
    /// give it back when the frame has none. `INSTR`: deliver RAISE/RERAISE,
    /// EXCEPTION_HANDLED and PY_UNWIND.
    fn unwind<const INSTR: bool>(
        &mut self,
        f: &mut Frame<M>,
        mut err: PyErr<M>,
    ) -> Result<(), PyErr<M>> {
        let reraise = std::mem::take(&mut self.reraising);
        if !reraise {
            self.add_traceback(&err, f);
        }
        if INSTR {
            let event =
                if reraise { super::monitor::ev::RERAISE } else { super::monitor::ev::RAISE };
            err = self.observe_exception(f, event, err);
        }
        if let Some(ctx) = self.handled.last() {
            if !ctx.is(&Value::Obj(err.exc.clone())) {
                self.set_context_if_unset(&err.exc, ctx.clone());
            }
        }
        loop {
            match f.blocks.pop() {
                None => {
                    if INSTR {
                        err = self.observe_exception(f, super::monitor::ev::PY_UNWIND, err);
                    }
                    return Err(err);
                }
                Some(Block::ExceptHandler) => {
                    self.handled.pop();
                }
                Some(Block::Try { handler, level }) => {
                    f.truncate_stack(level as usize);
                    f.blocks.push(Block::ExceptHandler);
                    self.handled.push(Value::Obj(err.exc.clone()));
                    f.push(Value::Obj(err.exc.clone()));
                    f.pc = handler as usize;
                    if INSTR {
                        if let Err(e) = self.observe_handled(f, handler as usize, &err) {
                            // The callback's exception unwinds on from the handler.
                            err = e;
                            continue;
                        }
                    }
                    return Ok(());
                }
            }
        }
    }

    fn add_traceback(&mut self, err: &PyErr<M>, f: &Frame<M>) {
        let co = f.code_obj();
        let entry = TraceEntry {
            filename: co.code.filename.clone(),
            lineno: f.lineno(),
            name: co.code.name.clone(),
        };
        if let Payload::Instance(inst) = err.exc.payload() {
            if let Some(state) = &inst.exc {
                state.with(|s| s.traceback.push(entry));
            }
        }
    }

    /// The items of `seq` for an unpacking assignment, with CPython's message for non-iterables.
    fn unpack_iterable(&mut self, seq: &Value<M>) -> Result<Vec<Value<M>>, PyErr<M>> {
        let it = match self.get_iter(seq) {
            Ok(it) => it,
            Err(e) => {
                let type_error = self.types().type_error.clone();
                if self.isinstance_class(&e.exc, &type_error)
                    && self.lookup_special(seq, "__iter__")?.is_none()
                {
                    let tn = self.type_name(seq);
                    return Err(
                        self.new_type_error(&format!("cannot unpack non-iterable {tn} object"))
                    );
                }
                return Err(e);
            }
        };
        self.drain_iter(&it)
    }

    /// The eval breaker at a backward jump: work that must happen between instructions
    /// (finalizers, GIL drop requests, stop-the-world requests). True: the frame must switch
    /// loops (instrumentation changed; see `vm::monitor`).
    #[inline(always)]
    fn check_eval_breaker<const INSTR: bool>(&mut self) -> bool {
        (INSTR && self.observed_safe_point())
            || (self.breaker.is_set() && self.eval_breaker_slow(INSTR))
    }

    #[cold]
    #[inline(never)]
    fn eval_breaker_slow(&mut self, instr: bool) -> bool {
        self.handle_eval_breaker();
        self.after_eval_breaker(instr)
    }

    /// After the breaker's work: while anything is instrumented keep this thread's
    /// `PENDING_CALLS` raised, so every fast frame of the thread reaches this point and switches
    /// (the bit is a hint: handlers clear it, a spurious visit costs one slow-path call).
    /// True when the running loop (`instr`: the observed one) is the wrong one.
    fn after_eval_breaker(&mut self, instr: bool) -> bool {
        let on = self.interp.instrumented.load(std::sync::atomic::Ordering::Relaxed) != 0;
        // Only while some frame of this thread still runs the fast loop (every frame counts in
        // `depth`; observed ones have a chain entry).
        if on && self.frames.len() < self.depth {
            self.breaker.set(crate::runtime::eval_breaker::EvalBreaker::PENDING_CALLS);
        }
        on != instr
    }

    /// The check at a call, before it. Before a call of a native function only this thread's
    /// own finalizers run (see `handle_eval_breaker_at_call`); GIL drop requests and refcount
    /// merges wait until after the call, where CPython checks after C calls. The `__exit__` of
    /// `with lock:` is such a call: a thread switched out just before it would keep the lock
    /// while it waits for the GIL (a lock convoy).
    /// True: switch loops *before* the call (the instruction runs again in the other loop, so
    /// a frame that was running fast when introspection or monitoring started is in the frame
    /// chain, and its CALL event fires, before its callee runs).
    #[inline(always)]
    fn check_eval_breaker_before_call<const INSTR: bool>(&mut self, func: &Value<M>) -> bool {
        self.breaker.is_set() && self.eval_breaker_before_call_slow(func, INSTR)
    }

    #[cold]
    #[inline(never)]
    fn eval_breaker_before_call_slow(&mut self, func: &Value<M>, instr: bool) -> bool {
        self.handle_eval_breaker_at_call(is_native_callable(func));
        self.after_eval_breaker(instr)
    }

    /// The check after a call: the deferred work after a native function; true when the frame
    /// must switch loops.
    #[inline(always)]
    fn check_eval_breaker_after_call<const INSTR: bool>(&mut self, func: &Value<M>) -> bool {
        (INSTR && self.observed_safe_point())
            || (self.breaker.is_set() && self.eval_breaker_after_call_slow(func, INSTR))
    }

    #[cold]
    #[inline(never)]
    fn eval_breaker_after_call_slow(&mut self, func: &Value<M>, instr: bool) -> bool {
        if is_native_callable(func) {
            self.handle_eval_breaker();
        }
        self.after_eval_breaker(instr)
    }

    /// One loop over the frame's instructions. `INSTR` (the observed loop, see `vm::monitor`
    /// and `vm::frame_chain`) adds the frame-chain bookkeeping and event delivery; the fast loop
    /// compiles without any of it.
    fn execute<const INSTR: bool>(&mut self, f: &mut Frame<M>) -> Result<FrameExit<M>, PyErr<M>> {
        let code_ref = f.code.clone();
        let co = match code_ref.payload() {
            Payload::Code(c) => c,
            _ => return Err(self.new_runtime_error("frame without code")),
        };
        let instrs = &co.code.instructions[..];
        let consts = &co.consts[..];
        let names = &co.names[..];
        let ncells = co.code.cellvars.len();
        if let Some(e) = self.pending_throw.take() {
            return Err(e);
        }

        macro_rules! pop {
            () => {
                crate::object::header::pop_stack_value(&mut f.slots)
            };
        }
        macro_rules! push {
            ($v:expr) => {
                crate::object::header::push_stack_value(&mut f.slots, $v)
            };
        }
        macro_rules! top {
            () => {
                f.slots.last().unwrap_or(&Value::Null)
            };
        }

        loop {
            let pc = f.pc;
            let Some(&ins) = instrs.get(pc) else {
                return Err(self.new_runtime_error("bytecode ran off the end"));
            };
            if INSTR {
                // The live position for frame objects; LINE/INSTRUCTION when set for this frame.
                let lines = match self.frames.last_mut() {
                    Some(e) => {
                        e.lasti = pc as u32;
                        if e.traced {
                            crate::memory::tracemalloc::set_innermost_lasti(pc);
                        }
                        e.mask & super::monitor::LINE_EVENTS != 0
                    }
                    None => false,
                };
                if lines {
                    self.observe_lines(f, &code_ref, co, pc)?;
                }
            }
            f.lasti = pc;
            f.pc = pc + 1;
            let arg = ins.arg() as usize;
            match ins.opcode() {
                Opcode::Nop => {}
                Opcode::PopTop => {
                    pop!();
                }
                Opcode::Copy => {
                    let v = f.slots[f.slots.len() - arg].clone();
                    push!(v);
                }
                Opcode::Swap => {
                    let n = f.slots.len();
                    f.slots.swap(n - 1, n - arg);
                }
                Opcode::LoadConst => push!(consts[arg].clone()),
                Opcode::LoadFast => {
                    let v = f.slots[arg].clone();
                    if v.is_null() {
                        return Err(self.unbound_local(co, arg));
                    }
                    push!(v);
                }
                Opcode::LoadFastBorrow => {
                    if f.slots[arg].is_null() {
                        return Err(self.unbound_local(co, arg));
                    }
                    // `local.attr`, `local.attr = v`, `local[k]`: read the object where the
                    // frame holds it, without a new reference, so an object that other threads
                    // share sees no count traffic (see `Opcode::LoadFastBorrow`). The observed
                    // loop runs the instructions apart, for their events.
                    if !INSTR {
                        let next = instrs[pc + 1];
                        let next_arg = next.arg() as usize;
                        match next.opcode() {
                            Opcode::LoadAttr => {
                                f.lasti = pc + 1;
                                f.pc = pc + 2;
                                let v = self.getattr(&f.slots[arg], &names[next_arg])?;
                                push!(v);
                                continue;
                            }
                            Opcode::StoreAttr => {
                                f.lasti = pc + 1;
                                f.pc = pc + 2;
                                let v = pop!();
                                self.setattr(&f.slots[arg], &names[next_arg], v)?;
                                continue;
                            }
                            op => {
                                let key = if op == Opcode::LoadConst {
                                    &consts[next_arg]
                                } else {
                                    &f.slots[next_arg]
                                };
                                if !key.is_null() {
                                    f.lasti = pc + 2;
                                    f.pc = pc + 3;
                                    let r = self.getitem(&f.slots[arg], key)?;
                                    push!(r);
                                    continue;
                                }
                            }
                        }
                    }
                    let v = f.slots[arg].clone();
                    push!(v);
                }
                Opcode::LoadFastDeferred => {
                    if f.slots[arg].is_null() {
                        return Err(self.unbound_local(co, arg));
                    }
                    // `local[<index>]`: the consumer reads the container from the local, so
                    // no reference is taken here (see `Opcode::LoadFastDeferred`).
                    let v = if INSTR { f.slots[arg].clone() } else { Value::Null };
                    push!(v);
                }
                Opcode::StoreFast => {
                    let v = pop!();
                    crate::object::header::store_value(&mut f.slots[arg], v);
                }
                Opcode::DeleteFast => {
                    if f.slots[arg].is_null() {
                        return Err(self.unbound_local(co, arg));
                    }
                    f.slots[arg] = Value::Null;
                }
                Opcode::LoadDeref | Opcode::LoadClassderef => {
                    if ins.opcode() == Opcode::LoadClassderef {
                        let name = self.cell_name(co, arg);
                        if let Some(d) = &f.locals_dict {
                            if let Some(v) = self.dict_get_str(d, &name) {
                                push!(v);
                                continue;
                            }
                        }
                    }
                    let v = match f.cells[arg].payload() {
                        Payload::Cell(c) => c.with(|v| v.clone()),
                        _ => Value::Null,
                    };
                    if v.is_null() {
                        let name = self.cell_name(co, arg);
                        return Err(if arg < ncells {
                            self.new_error(
                                &self.types().unbound_local_error.clone(),
                                &format!(
                                    "cannot access local variable '{name}' where it is not associated with a value"
                                ),
                            )
                        } else {
                            self.new_error(
                                &self.types().name_error.clone(),
                                &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            )
                        });
                    }
                    push!(v);
                }
                Opcode::StoreDeref => {
                    let v = pop!();
                    if let Payload::Cell(c) = f.cells[arg].payload() {
                        let old = c.with(|slot| std::mem::replace(slot, v));
                        drop(old);
                    }
                }
                Opcode::DeleteDeref => {
                    if let Payload::Cell(c) = f.cells[arg].payload() {
                        let old = c.with(|slot| std::mem::replace(slot, Value::Null));
                        drop(old);
                    }
                }
                Opcode::LoadClosure => push!(Value::Obj(f.cells[arg].clone())),
                Opcode::LoadName => {
                    let name = &names[arg];
                    let mut found = None;
                    if let Some(d) = &f.locals_dict {
                        found = self.dict_get_key(d, name)?;
                    }
                    if found.is_none() {
                        found = self.load_global(&f.globals, name);
                    }
                    match found {
                        Some(v) => push!(v),
                        None => return Err(self.name_not_defined(name)),
                    }
                }
                Opcode::StoreName => {
                    let v = pop!();
                    let d = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                    self.dict_set(&d, names[arg].clone(), v)?;
                }
                Opcode::DeleteName => {
                    let d = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                    if self.dict_del(&d, &names[arg])?.is_none() {
                        return Err(self.name_not_defined(&names[arg]));
                    }
                }
                Opcode::LoadGlobal => match self.load_global(&f.globals, &names[arg]) {
                    Some(v) => push!(v),
                    None => return Err(self.name_not_defined(&names[arg])),
                },
                Opcode::StoreGlobal => {
                    let v = pop!();
                    let g = f.globals.clone();
                    self.dict_set(&g, names[arg].clone(), v)?;
                }
                Opcode::DeleteGlobal => {
                    let g = f.globals.clone();
                    if self.dict_del(&g, &names[arg])?.is_none() {
                        return Err(self.name_not_defined(&names[arg]));
                    }
                }
                Opcode::LoadAttr => {
                    if INSTR && is_f_locals(&names[arg]) {
                        self.publish_if_observed(f);
                    }
                    let obj = pop!();
                    let v = self.getattr(&obj, &names[arg])?;
                    push!(v);
                }
                Opcode::StoreAttr => {
                    let obj = pop!();
                    let v = pop!();
                    self.setattr(&obj, &names[arg], v)?;
                }
                Opcode::DeleteAttr => {
                    let obj = pop!();
                    self.delattr(&obj, &names[arg])?;
                }
                Opcode::LoadMethod => {
                    if INSTR && is_f_locals(&names[arg]) {
                        self.publish_if_observed(f);
                    }
                    let obj = pop!();
                    let (a, b) = self.load_method(obj, &names[arg])?;
                    push!(a);
                    push!(b);
                }
                Opcode::CallMethod => {
                    let n = f.slots.len();
                    let base = n - arg;
                    let func = f.slots[base - 2].clone();
                    if self.check_eval_breaker_before_call::<INSTR>(&func) {
                        f.pc = pc;
                        return Err(self.switch_request());
                    }
                    let c_arg0 = if INSTR {
                        let self_null = f.slots[base - 1].is_null();
                        let arg0 =
                            if self_null { f.slots.get(base) } else { Some(&f.slots[base - 1]) };
                        self.observe_call(f, &code_ref, pc, &func, arg0)?
                    } else {
                        None
                    };
                    // The arguments (and the receiver) move into a Python callee's frame.
                    let result = if f.slots[base - 1].is_null() {
                        self.call_moving_args(&func, &mut f.slots[base..])
                    } else {
                        self.call_moving_args(&func, &mut f.slots[base - 1..])
                    };
                    let result =
                        self.after_observed_call::<INSTR>(f, &code_ref, pc, &func, c_arg0, result);
                    f.slots.truncate(base - 2);
                    push!(result?);
                    if self.check_eval_breaker_after_call::<INSTR>(&func) {
                        return Err(self.switch_request());
                    }
                }
                Opcode::CallFunction => {
                    let base = f.slots.len() - arg;
                    let func = f.slots[base - 1].clone();
                    if self.check_eval_breaker_before_call::<INSTR>(&func) {
                        f.pc = pc;
                        return Err(self.switch_request());
                    }
                    let c_arg0 = if INSTR {
                        self.observe_call(f, &code_ref, pc, &func, f.slots.get(base))?
                    } else {
                        None
                    };
                    let result = if arg == 0
                        && func.obj().is_some_and(|o| o.is(&self.interp.types.super_))
                    {
                        self.zero_arg_super(f, co)
                    } else if arg <= 2
                        && crate::stdlib::frame_builtins::is_frame_builtin(&func, arg)
                    {
                        let args = f.slots[base..].to_vec();
                        crate::stdlib::frame_builtins::call_frame_builtin(self, &func, f, &args)
                    } else {
                        self.call_moving_args(&func, &mut f.slots[base..])
                    };
                    let result =
                        self.after_observed_call::<INSTR>(f, &code_ref, pc, &func, c_arg0, result);
                    f.slots.truncate(base - 1);
                    push!(result?);
                    if self.check_eval_breaker_after_call::<INSTR>(&func) {
                        return Err(self.switch_request());
                    }
                }
                Opcode::CallFunctionKw => {
                    let kwnames = pop!();
                    let base = f.slots.len() - arg;
                    let func = f.slots[base - 1].clone();
                    if self.check_eval_breaker_before_call::<INSTR>(&func) {
                        push!(kwnames);
                        f.pc = pc;
                        return Err(self.switch_request());
                    }
                    let c_arg0 = if INSTR {
                        self.observe_call(f, &code_ref, pc, &func, f.slots.get(base))?
                    } else {
                        None
                    };
                    let kw: &[Value<M>] = kwnames.as_tuple().unwrap_or(&[]);
                    let result = self.call(&func, &f.slots[base..], kw);
                    let result =
                        self.after_observed_call::<INSTR>(f, &code_ref, pc, &func, c_arg0, result);
                    f.slots.truncate(base - 1);
                    push!(result?);
                    if self.check_eval_breaker_after_call::<INSTR>(&func) {
                        return Err(self.switch_request());
                    }
                }
                Opcode::CallFunctionEx => {
                    let kwargs = if arg & 1 != 0 { Some(pop!()) } else { None };
                    let args = pop!();
                    let func = pop!();
                    if self.check_eval_breaker_before_call::<INSTR>(&func) {
                        push!(func);
                        push!(args);
                        if let Some(k) = kwargs {
                            push!(k);
                        }
                        f.pc = pc;
                        return Err(self.switch_request());
                    }
                    let mut c_arg0 = None;
                    if INSTR {
                        let arg0 = match args.payload() {
                            Some(Payload::Tuple(t)) => t.first().cloned(),
                            Some(Payload::List(l)) => l.with(|v| v.first().cloned()),
                            _ => None,
                        };
                        c_arg0 = self.observe_call(f, &code_ref, pc, &func, arg0.as_ref())?;
                    }
                    let result = self.call_ex(&func, &args, kwargs.as_ref());
                    let result =
                        self.after_observed_call::<INSTR>(f, &code_ref, pc, &func, c_arg0, result);
                    push!(result?);
                    if self.check_eval_breaker_after_call::<INSTR>(&func) {
                        return Err(self.switch_request());
                    }
                }
                Opcode::MakeFunction => {
                    let qualname = pop!();
                    let code = pop!();
                    let closure = if arg & 0x08 != 0 { Some(pop!()) } else { None };
                    let annotations = if arg & 0x04 != 0 { Some(pop!()) } else { None };
                    let kwdefaults = if arg & 0x02 != 0 { Some(pop!()) } else { None };
                    let defaults = if arg & 0x01 != 0 { Some(pop!()) } else { None };
                    let func = self.make_function(
                        code,
                        qualname,
                        f.globals.clone(),
                        defaults,
                        kwdefaults,
                        annotations,
                        closure,
                    )?;
                    push!(func);
                }
                Opcode::LoadBuildClass => {
                    let v = self.builtin_value("__build_class__")?;
                    push!(v);
                }
                Opcode::ImportName => {
                    let fromlist = pop!();
                    let level = pop!();
                    let m = self.import_name(&names[arg], &fromlist, &level, &f.globals)?;
                    push!(m);
                }
                Opcode::ImportFrom => {
                    let v = self.import_from(top!(), &names[arg])?;
                    push!(v);
                }
                Opcode::ImportStar => {
                    let module = pop!();
                    let d = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                    self.import_star(&module, &d)?;
                }
                Opcode::BinaryOp => {
                    use crate::compiler::opcode::binary_op_arg::*;
                    let b = pop!();
                    let a = pop!();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => match arg {
                            ADD | INPLACE_ADD => x.checked_add(*y).map(Value::Int),
                            SUBTRACT | INPLACE_SUBTRACT => x.checked_sub(*y).map(Value::Int),
                            MULTIPLY | INPLACE_MULTIPLY => x.checked_mul(*y).map(Value::Int),
                            AND | INPLACE_AND => Some(Value::Int(x & y)),
                            OR | INPLACE_OR => Some(Value::Int(x | y)),
                            XOR | INPLACE_XOR => Some(Value::Int(x ^ y)),
                            // `%` and `//` with Python's floor semantics; zero divisors and
                            // overflow take the general path (which raises or widens).
                            REMAINDER | INPLACE_REMAINDER if *y != 0 => {
                                crate::num::ops::i64_mod(*x, *y).ok().map(Value::Int)
                            }
                            FLOOR_DIVIDE | INPLACE_FLOOR_DIVIDE if *y != 0 => {
                                crate::num::ops::i64_floordiv(*x, *y).ok().flatten().map(Value::Int)
                            }
                            _ => None,
                        },
                        (Value::Float(x), Value::Float(y)) => match arg {
                            ADD | INPLACE_ADD => Some(Value::Float(x + y)),
                            SUBTRACT | INPLACE_SUBTRACT => Some(Value::Float(x - y)),
                            MULTIPLY | INPLACE_MULTIPLY => Some(Value::Float(x * y)),
                            TRUE_DIVIDE | INPLACE_TRUE_DIVIDE if *y != 0.0 => {
                                Some(Value::Float(x / y))
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    let r = match r {
                        Some(v) => v,
                        None => {
                            let (op, inplace) = BinaryOpArg::decode(arg as u32)
                                .ok_or_else(|| self.new_runtime_error("bad BINARY_OP"))?;
                            self.binary_op(op, &a, &b, inplace)?
                        }
                    };
                    push!(r);
                }
                Opcode::CompareOp => {
                    let b = pop!();
                    let a = pop!();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => Value::Bool(match arg {
                            0 => x < y,
                            1 => x <= y,
                            2 => x == y,
                            3 => x != y,
                            4 => x > y,
                            _ => x >= y,
                        }),
                        _ => {
                            let op = CompareOpArg::decode(arg as u32)
                                .ok_or_else(|| self.new_runtime_error("bad COMPARE_OP"))?;
                            self.compare(op, &a, &b)?
                        }
                    };
                    push!(r);
                }
                Opcode::IsOp => {
                    let b = pop!();
                    let a = pop!();
                    push!(Value::Bool(a.is(&b) != (arg == 1)));
                }
                Opcode::ContainsOp => {
                    let container = pop!();
                    let item = pop!();
                    let r = self.contains(&container, &item)?;
                    push!(Value::Bool(r != (arg == 1)));
                }
                Opcode::UnaryNegative => {
                    let a = pop!();
                    let r = self.unary_negative(&a)?;
                    push!(r);
                }
                Opcode::UnaryPositive => {
                    let a = pop!();
                    let r = self.unary_positive(&a)?;
                    push!(r);
                }
                Opcode::UnaryInvert => {
                    let a = pop!();
                    let r = self.unary_invert(&a)?;
                    push!(r);
                }
                Opcode::UnaryNot => {
                    let a = pop!();
                    let t = self.is_true(&a)?;
                    push!(Value::Bool(!t));
                }
                Opcode::BinarySubscr => {
                    let key = pop!();
                    let obj = pop!();
                    let r = self.getitem(&obj, &key)?;
                    push!(r);
                }
                Opcode::BinarySubscrLocal => {
                    let key = pop!();
                    let obj = pop!();
                    let r = if obj.is_null() {
                        self.getitem(&f.slots[arg], &key)?
                    } else {
                        self.getitem(&obj, &key)?
                    };
                    push!(r);
                }
                Opcode::StoreSubscr => {
                    let key = pop!();
                    let obj = pop!();
                    let v = pop!();
                    self.setitem(&obj, key, v)?;
                }
                Opcode::StoreSubscrLocal => {
                    let key = pop!();
                    let obj = pop!();
                    let v = pop!();
                    if obj.is_null() {
                        self.setitem(&f.slots[arg], key, v)?;
                    } else {
                        self.setitem(&obj, key, v)?;
                    }
                }
                Opcode::DeleteSubscr => {
                    let key = pop!();
                    let obj = pop!();
                    self.delitem(&obj, &key)?;
                }
                Opcode::BuildSlice => {
                    let step = if arg == 3 { pop!() } else { Value::None };
                    let stop = pop!();
                    let start = pop!();
                    push!(Value::Obj(ObjRef::new(Payload::Slice(Box::new([start, stop, step])))));
                }
                Opcode::BuildTuple => {
                    let items = f.pop_n(arg);
                    push!(Value::new_tuple(items));
                }
                Opcode::BuildList => {
                    let items = f.pop_n(arg);
                    push!(Value::new_list(items));
                }
                Opcode::BuildSet => {
                    let items = f.pop_n(arg);
                    let s = self.new_set(items, false)?;
                    push!(s);
                }
                Opcode::BuildMap => {
                    let items = f.pop_n(arg * 2);
                    let d = Value::new_dict(DictTable::with_capacity(arg));
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        self.setitem(&d, k, v)?;
                    }
                    push!(d);
                }
                Opcode::BuildString => {
                    let items = f.pop_n(arg);
                    let mut s = String::new();
                    for it in &items {
                        s.push_str(it.as_str().unwrap_or(""));
                    }
                    push!(Value::new_str(s));
                }
                Opcode::ListAppend => {
                    let v = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    if let Some(Payload::List(l)) = target.payload() {
                        l.with(|items| items.push(v));
                    }
                }
                Opcode::SetAdd => {
                    let v = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    self.set_add(&target, v)?;
                }
                Opcode::MapAdd => {
                    let v = pop!();
                    let k = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    self.setitem(&target, k, v)?;
                }
                Opcode::ListExtend => {
                    let it = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    let items = self.iterate_to_vec(&it)?;
                    if let Some(Payload::List(l)) = target.payload() {
                        l.with(|dst| dst.extend(items));
                    }
                }
                Opcode::SetUpdate => {
                    let it = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    for item in self.iterate_to_vec(&it)? {
                        self.set_add(&target, item)?;
                    }
                }
                Opcode::DictUpdate | Opcode::DictMerge => {
                    let m = pop!();
                    let target = f.slots[f.slots.len() - arg].clone();
                    if ins.opcode() == Opcode::DictMerge {
                        let func = f.slots[f.slots.len() - arg - 2].clone();
                        self.dict_merge_kwargs(&target, &m, &func)?;
                    } else {
                        self.dict_update(&target, &m)?;
                    }
                }
                Opcode::ListToTuple => {
                    let l = pop!();
                    let items = match l.payload() {
                        Some(Payload::List(items)) => items.with(|v| v.clone()),
                        _ => Vec::new(),
                    };
                    push!(Value::new_tuple(items));
                }
                Opcode::FormatValue => {
                    let spec = if arg & 4 != 0 { Some(pop!()) } else { None };
                    let v = pop!();
                    let v = match arg & 3 {
                        1 => Value::new_str(self.str_of(&v)?),
                        2 => Value::new_str(self.repr_of(&v)?),
                        3 => Value::new_str(self.ascii_of(&v)?),
                        _ => v,
                    };
                    let spec_s = spec.as_ref().and_then(|s| s.as_str()).unwrap_or("");
                    let r = match &v {
                        _ if spec_s.is_empty() && v.as_str().is_some() => v,
                        Value::Int(i) if spec_s.is_empty() => Value::new_str(i.to_string()),
                        _ => self.format(&v, spec_s)?,
                    };
                    push!(r);
                }
                Opcode::UnpackSequence => {
                    let seq = pop!();
                    let items = match seq.payload() {
                        Some(Payload::Tuple(t)) if t.len() == arg => t.to_vec(),
                        Some(Payload::List(l)) => l.with(|v| v.clone()),
                        _ => self.unpack_iterable(&seq)?,
                    };
                    if items.len() != arg {
                        return Err(if items.len() > arg {
                            self.new_value_error(&format!(
                                "too many values to unpack (expected {arg})"
                            ))
                        } else {
                            self.new_value_error(&format!(
                                "not enough values to unpack (expected {arg}, got {})",
                                items.len()
                            ))
                        });
                    }
                    for v in items.into_iter().rev() {
                        push!(v);
                    }
                }
                Opcode::UnpackEx => {
                    let before = arg & 0xff;
                    let after = arg >> 8;
                    let seq = pop!();
                    let mut items = self.unpack_iterable(&seq)?;
                    if items.len() < before + after {
                        return Err(self.new_value_error(&format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        )));
                    }
                    let tail = items.split_off(items.len() - after);
                    let middle = items.split_off(before);
                    for v in tail.into_iter().rev() {
                        push!(v);
                    }
                    push!(Value::new_list(middle));
                    for v in items.into_iter().rev() {
                        push!(v);
                    }
                }
                Opcode::JumpForward => {
                    f.pc = arg;
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::JUMP, &code_ref, pc, arg)?;
                    }
                }
                Opcode::JumpBackward => {
                    f.pc = arg;
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::JUMP, &code_ref, pc, arg)?;
                    }
                    if self.check_eval_breaker::<INSTR>() {
                        return Err(self.switch_request());
                    }
                }
                Opcode::PopJumpIfFalse => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => self.is_true(&v)?,
                    };
                    if !t {
                        f.pc = arg;
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::PopJumpIfTrue => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => self.is_true(&v)?,
                    };
                    if t {
                        f.pc = arg;
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::JumpIfFalseOrPop => {
                    let t = self.is_true(top!())?;
                    if !t {
                        f.pc = arg;
                    } else {
                        pop!();
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::JumpIfTrueOrPop => {
                    let t = self.is_true(top!())?;
                    if t {
                        f.pc = arg;
                    } else {
                        pop!();
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::GetIter => {
                    let v = pop!();
                    let it = self.get_iter(&v)?;
                    push!(it);
                }
                Opcode::ForIter => {
                    let next = self.iter_next(top!())?;
                    match next {
                        Some(v) => push!(v),
                        None => {
                            pop!();
                            f.pc = arg;
                        }
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::ReturnValue => {
                    let v = pop!();
                    if INSTR {
                        self.observe_value(f, super::monitor::ev::PY_RETURN, &code_ref, pc, &v)?;
                    }
                    return Ok(FrameExit::Return(v));
                }
                Opcode::YieldValue => {
                    let v = pop!();
                    if INSTR {
                        self.observe_value(f, super::monitor::ev::PY_YIELD, &code_ref, pc, &v)?;
                    }
                    return Ok(FrameExit::Yield(v));
                }
                Opcode::GetYieldFromIter => {
                    let v = pop!();
                    let it = match v.payload() {
                        Some(Payload::Generator(_)) => v,
                        _ => self.get_iter(&v)?,
                    };
                    push!(it);
                }
                Opcode::YieldFrom => {
                    let sent = pop!();
                    let it = top!().clone();
                    match self.send_to(&it, sent)? {
                        super::iter::SendResult::Yielded(v) => {
                            f.pc = pc; // run YIELD_FROM again when resumed (with the sent value pushed)
                            if INSTR {
                                self.observe_value(
                                    f,
                                    super::monitor::ev::PY_YIELD,
                                    &code_ref,
                                    pc,
                                    &v,
                                )?;
                            }
                            return Ok(FrameExit::Yield(v));
                        }
                        super::iter::SendResult::Returned(v) => {
                            pop!();
                            push!(v);
                        }
                    }
                }
                Opcode::SetupFinally => {
                    f.blocks.push(Block::Try { handler: arg as u32, level: f.stack_len() as u32 });
                }
                Opcode::SetupWith => {
                    let mgr = pop!();
                    let enter = self.lookup_special(&mgr, "__enter__")?;
                    let exit = self.lookup_special(&mgr, "__exit__")?;
                    let (Some(enter), Some(exit)) = (enter, exit) else {
                        let tn = self.type_name(&mgr);
                        return Err(self.new_type_error(&format!(
                            "'{tn}' object does not support the context manager protocol"
                        )));
                    };
                    // A plain function or builtin `__enter__` is called with the manager as its
                    // first argument; no bound-method object is made for a call that happens
                    // once, right here (nor counted on a manager another thread owns). The
                    // manager popped off the stack then moves into the bound `__exit__`.
                    let plain_enter =
                        matches!(enter.payload(), Some(Payload::Function(_) | Payload::Builtin(_)));
                    let (exit_bound, r) = if plain_enter {
                        let r = self.call(&enter, std::slice::from_ref(&mgr), &[]);
                        (self.bind_method(exit, mgr), r)
                    } else {
                        let exit_bound = self.bind_method(exit, mgr.clone());
                        let enter_bound = self.bind_method(enter, mgr);
                        (exit_bound, self.call(&enter_bound, &[], &[]))
                    };
                    push!(exit_bound);
                    let r = r?;
                    f.blocks.push(Block::Try { handler: arg as u32, level: f.stack_len() as u32 });
                    push!(r);
                }
                Opcode::WithExceptStart => {
                    let exc = f.peek(1).clone();
                    let exit = f.peek(2).clone();
                    let ty = Value::Obj(self.class_of(&exc));
                    let tb = Value::None;
                    let r = self.call(&exit, &[ty, exc, tb], &[])?;
                    push!(r);
                }
                Opcode::PopBlock => {
                    f.blocks.pop();
                }
                Opcode::PopExcept => {
                    if let Some(Block::ExceptHandler) = f.blocks.last() {
                        f.blocks.pop();
                        self.handled.pop();
                    } else {
                        f.blocks.pop();
                    }
                }
                Opcode::Reraise => {
                    let exc = pop!();
                    self.reraising = true;
                    return Err(self.error_from_value(exc));
                }
                Opcode::JumpIfNotExcMatch => {
                    let ty = pop!();
                    let exc = pop!();
                    if !self.exception_matches(&exc, &ty)? {
                        f.pc = arg;
                    }
                    if INSTR {
                        self.observe_jump(f, super::monitor::ev::BRANCH, &code_ref, pc, f.pc)?;
                    }
                }
                Opcode::RaiseVarargs => {
                    return Err(match arg {
                        0 => match self.handled.last().cloned() {
                            Some(exc) => {
                                self.reraising = true;
                                self.error_from_value(exc)
                            }
                            None => self.new_runtime_error("No active exception to reraise"),
                        },
                        1 => {
                            let exc = pop!();
                            self.make_raise(exc, None)?
                        }
                        _ => {
                            let cause = pop!();
                            let exc = pop!();
                            self.make_raise(exc, Some(cause))?
                        }
                    });
                }
                Opcode::LoadAssertionError => {
                    push!(Value::Obj(self.types().assertion_error.clone()))
                }
                Opcode::SetupAnnotations => {
                    let d = f.locals_dict.clone().unwrap_or_else(|| f.globals.clone());
                    if self.dict_get_str(&d, "__annotations__").is_none() {
                        let ann =
                            Value::Obj(ObjRef::new(Payload::Dict(Guarded::new(DictTable::new()))));
                        self.dict_set_str(&d, "__annotations__", ann);
                    }
                }
            }
        }
    }

    /// `UnboundLocalError` for local slot `arg` of `co`.
    #[cold]
    fn unbound_local(&mut self, co: &crate::object::CodeObj<M>, arg: usize) -> PyErr<M> {
        let name = co.code.varnames[arg].clone();
        self.new_error(
            &self.types().unbound_local_error.clone(),
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// `super()` inside a method: the `__class__` cell and the frame's first argument.
    fn zero_arg_super(&mut self, f: &Frame<M>, co: &crate::object::CodeObj<M>) -> PyResult<M> {
        let ncells = co.code.cellvars.len();
        let class =
            co.code.freevars.iter().position(|n| &**n == "__class__").and_then(|i| {
                match f.cells.get(ncells + i)?.payload() {
                    Payload::Cell(c) => Some(c.with(|v| v.clone())),
                    _ => None,
                }
            });
        let Some(class) = class.filter(|c| !c.is_null()) else {
            return Err(self.new_runtime_error("super(): __class__ cell not found"));
        };
        if co.code.argcount == 0 || f.slots.is_empty() || f.slots[0].is_null() {
            return Err(self.new_runtime_error("super(): no arguments"));
        }
        let obj = f.slots[0].clone();
        self.new_super(class, obj)
    }

    /// The end of every call opcode in the observed loop: when the call was of a native
    /// function that `sys.monitoring` watches (`c_arg0`, from `observe_call`), deliver its
    /// `C_RETURN` or `C_RAISE` event; the result passes through. Nothing in the fast loop.
    #[inline(always)]
    fn after_observed_call<const INSTR: bool>(
        &mut self,
        f: &Frame<M>,
        code: &ObjRef<M>,
        pc: usize,
        func: &Value<M>,
        c_arg0: Option<Value<M>>,
        result: PyResult<M>,
    ) -> PyResult<M> {
        match c_arg0 {
            Some(a0) if INSTR => self.observe_c_result(f, code, pc, func, a0, result),
            _ => result,
        }
    }

    fn cell_name(&self, co: &crate::object::CodeObj<M>, arg: usize) -> String {
        let ncells = co.code.cellvars.len();
        if arg < ncells {
            co.code.cellvars[arg].to_string()
        } else {
            co.code.freevars.get(arg - ncells).map(|s| s.to_string()).unwrap_or_default()
        }
    }

    fn name_not_defined(&mut self, name: &Value<M>) -> PyErr<M> {
        let n = name.as_str().unwrap_or("?").to_string();
        self.new_error(&self.types().name_error.clone(), &format!("name '{n}' is not defined"))
    }

    fn builtin_value(&mut self, name: &str) -> PyResult<M> {
        let b = self.interp.builtins.clone();
        match self.dict_get_str(&b, name) {
            Some(v) => Ok(v),
            None => Err(self.new_error(
                &self.types().name_error.clone(),
                &format!("name '{name}' is not defined"),
            )),
        }
    }
}

/// Whether an attribute name is `f_locals` (the observed loop publishes the frame's locals
/// before such a load, so `sys._getframe().f_locals` sees the current values).
#[inline]
fn is_f_locals<M: ExecutionModel>(name: &Value<M>) -> bool {
    name.as_str() == Some("f_locals")
}

/// A callable implemented in Rust (a builtin function or a method of one), not Python code.
#[inline]
fn is_native_callable<M: ExecutionModel>(func: &Value<M>) -> bool {
    match func.payload() {
        Some(Payload::Builtin(_)) => true,
        Some(Payload::Method(m)) => matches!(m.func.payload(), Some(Payload::Builtin(_))),
        _ => false,
    }
}
