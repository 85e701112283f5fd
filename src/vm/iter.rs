//! Iteration: `iter()`/`next()` over builtin and Python iterators, and generator resumption.
#![forbid(unsafe_code)]

use crate::object::{Guarded, IterKind, IterState, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;

use super::eval::FrameExit;
use super::Vm;

/// What a generator did when resumed.
pub enum SendResult<M: ExecutionModel> {
    Yielded(Value<M>),
    Returned(Value<M>),
}

impl<M: ExecutionModel> Vm<M> {
    /// A new native iterator of type `kind`.
    pub fn new_iter(&self, kind: IterKind, st: IterState<M>) -> Value<M> {
        Value::Obj(ObjRef::new(Payload::Iterator(kind, crate::object::Guarded::new(st))))
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value<M>) -> PyResult<M> {
        if let Some(p) = v.payload() {
            let st = match p {
                Payload::List(_) => {
                    Some((IterKind::List, IterState::Seq { seq: v.clone(), index: 0 }))
                }
                Payload::Tuple(_) => {
                    Some((IterKind::Tuple, IterState::Seq { seq: v.clone(), index: 0 }))
                }
                Payload::Bytes(_) => {
                    Some((IterKind::Bytes, IterState::Seq { seq: v.clone(), index: 0 }))
                }
                Payload::Str(so) => {
                    let kind = if so.is_ascii() { IterKind::StrAscii } else { IterKind::Str };
                    Some((kind, IterState::Str { s: v.obj().unwrap().clone(), byte: 0 }))
                }
                Payload::Range(r) => Some((
                    IterKind::Range,
                    IterState::Range { next: r.start, stop: r.stop, step: r.step },
                )),
                Payload::Dict(d) => {
                    let n = d.with(|t| t.len());
                    Some((
                        IterKind::DictKeys,
                        IterState::Dict {
                            dict: v.obj().unwrap().clone(),
                            entry: 0,
                            kind: 0,
                            len_at_start: n,
                        },
                    ))
                }
                Payload::Set(s) => {
                    let n = s.table.with(|t| t.len());
                    Some((
                        IterKind::Set,
                        IterState::Dict {
                            dict: v.obj().unwrap().clone(),
                            entry: 0,
                            kind: 0,
                            len_at_start: n,
                        },
                    ))
                }
                Payload::DictView(dv) => {
                    let n = match dv.dict.payload() {
                        Payload::Dict(d) => d.with(|t| t.len()),
                        _ => 0,
                    };
                    let kind = [IterKind::DictKeys, IterKind::DictValues, IterKind::DictItems]
                        [dv.kind.min(2) as usize];
                    Some((
                        kind,
                        IterState::Dict {
                            dict: dv.dict.clone(),
                            entry: 0,
                            kind: dv.kind,
                            len_at_start: n,
                        },
                    ))
                }
                Payload::Iterator(..) | Payload::Generator(_) => return Ok(v.clone()),
                _ => None,
            };
            if let Some((kind, st)) = st {
                return Ok(self.new_iter(kind, st));
            }
        }
        if let Some(r) = self.call_special(v, "__iter__", &[])? {
            return Ok(r);
        }
        if self.lookup_special(v, "__getitem__")?.is_some() {
            return Ok(self.new_iter(IterKind::Seq, IterState::Seq { seq: v.clone(), index: 0 }));
        }
        // Classes whose metaclass would define `__iter__` (enum): metaclasses are not modelled,
        // so such a class states its iteration as the classmethod `_gilbench_iter_`.
        if matches!(v.payload(), Some(Payload::Class(_))) {
            if let Some(f) = self.getattr_opt(v, "_gilbench_iter_")? {
                let r = self.call(&f, &[], &[])?;
                return self.get_iter(&r);
            }
        }
        let tn = self.type_name(v);
        Err(self.new_type_error(&format!("'{tn}' object is not iterable")))
    }

    /// `next(it)`: `Ok(None)` when exhausted (StopIteration is absorbed).
    pub fn iter_next(&mut self, it: &Value<M>) -> Result<Option<Value<M>>, PyErr<M>> {
        let Some(p) = it.payload() else {
            let tn = self.type_name(it);
            return Err(self.new_type_error(&format!("'{tn}' object is not an iterator")));
        };
        match p {
            Payload::Iterator(IterKind::Range, st) => {
                Ok(range_next(it.obj().expect("iterator payload"), st).map(Value::Int))
            }
            Payload::Iterator(_, st) => {
                self.builtin_iter_next(it.obj().expect("iterator payload"), st)
            }
            Payload::Generator(_) => match self.gen_resume(it, Value::None, None)? {
                SendResult::Yielded(v) => Ok(Some(v)),
                SendResult::Returned(_) => Ok(None),
            },
            _ => match self.call_special(it, "__next__", &[]) {
                Ok(Some(v)) => Ok(Some(v)),
                Ok(None) => {
                    let tn = self.type_name(it);
                    Err(self.new_type_error(&format!("'{tn}' object is not an iterator")))
                }
                Err(e) => {
                    let stop = self.types().stop_iteration.clone();
                    if self.isinstance_class(&e.exc, &stop) {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            },
        }
    }

    /// One step of an iterator over `seq[i]` (`__getitem__` sequences, `reversed`): IndexError
    /// or StopIteration ends it for good.
    fn getitem_step(
        &mut self,
        st: &Guarded<M, IterState<M>>,
        seq: &Value<M>,
        i: i64,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        match self.getitem(seq, &Value::Int(i)) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let (ie, si) =
                    (self.types().index_error.clone(), self.types().stop_iteration.clone());
                if self.isinstance_class(&e.exc, &ie) || self.isinstance_class(&e.exc, &si) {
                    st.with(|s| *s = IterState::Exhausted);
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    #[inline(never)]
    fn builtin_iter_next(
        &mut self,
        holder: &ObjRef<M>,
        st: &Guarded<M, IterState<M>>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        // Fast paths that need no Python code run entirely under the iterator's lock.
        enum Step<M: ExecutionModel> {
            Done(Option<Value<M>>),
            SeqGetitem(Value<M>, usize),
            Enumerate(Value<M>, Value<M>),
            Zip(Vec<Value<M>>, bool),
            Map(Value<M>, Vec<Value<M>>),
            Filter(Value<M>, Value<M>),
            Reversed(Value<M>, i64),
            DictChanged,
            CallIter(Value<M>, Value<M>),
        }
        let step = st.with_held(holder, |s| match s {
            IterState::Seq { seq, index } => match seq.payload() {
                Some(Payload::List(l)) => {
                    let v = match l.get_optimistic(*index as i64) {
                        Some(item) => item,
                        None => l.with(|v| v.get(*index).map(Value::new_ref_with_lock)),
                    };
                    if v.is_some() {
                        *index += 1;
                    } else {
                        *s = IterState::Exhausted;
                    }
                    Step::Done(v)
                }
                Some(Payload::Tuple(t)) => {
                    let v = t.get(*index).cloned();
                    if v.is_some() {
                        *index += 1;
                    }
                    Step::Done(v)
                }
                Some(Payload::Bytes(b)) => {
                    let v = b.get(*index).map(|x| Value::Int(*x as i64));
                    *index += 1;
                    Step::Done(v)
                }
                _ => {
                    let r = Step::SeqGetitem(seq.clone(), *index);
                    *index += 1;
                    r
                }
            },
            IterState::Str { s: sobj, byte } => {
                let Payload::Str(so) = sobj.payload() else { return Step::Done(None) };
                let text = so.as_str();
                match text[*byte..].chars().next() {
                    Some(c) => {
                        *byte += c.len_utf8();
                        Step::Done(Some(Value::new_str(c.to_string())))
                    }
                    None => Step::Done(None),
                }
            }
            IterState::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next = next.saturating_add(*step);
                    Step::Done(Some(Value::Int(v)))
                } else {
                    Step::Done(None)
                }
            }
            IterState::Dict { dict, entry, kind, len_at_start } => {
                let table = match dict.payload() {
                    Payload::Dict(d) => d,
                    Payload::Set(s) => &s.table,
                    _ => return Step::Done(None),
                };
                let kind = *kind;
                let r = table.with(|t| {
                    if t.len() != *len_at_start {
                        return Err(());
                    }
                    while *entry < t.slots() {
                        let i = *entry;
                        *entry += 1;
                        if let Some(e) = t.entry(i) {
                            return Ok(Some(match kind {
                                0 => e.key.clone(),
                                1 => e.value.clone(),
                                _ => Value::new_tuple(vec![e.key.clone(), e.value.clone()]),
                            }));
                        }
                    }
                    Ok(None)
                });
                match r {
                    Ok(v) => Step::Done(v),
                    Err(()) => Step::DictChanged,
                }
            }
            IterState::Enumerate { it, count } => Step::Enumerate(it.clone(), count.clone()),
            IterState::Zip { its, strict } => Step::Zip(its.clone(), *strict),
            IterState::Map { func, its } => Step::Map(func.clone(), its.clone()),
            IterState::Filter { func, it } => Step::Filter(func.clone(), it.clone()),
            IterState::Reversed { seq, index } => {
                let i = *index;
                *index -= 1;
                Step::Reversed(seq.clone(), i)
            }
            IterState::CallIter { func, sentinel } => {
                Step::CallIter(func.clone(), sentinel.clone())
            }
            IterState::Exhausted => Step::Done(None),
        });
        match step {
            Step::Done(v) => Ok(v),
            Step::DictChanged => {
                let is_set =
                    st.with(|s| matches!(s, IterState::Dict { dict, .. } if matches!(dict.payload(), Payload::Set(_))));
                Err(self.new_runtime_error(if is_set {
                    "Set changed size during iteration"
                } else {
                    "dictionary changed size during iteration"
                }))
            }
            Step::SeqGetitem(seq, i) => self.getitem_step(st, &seq, i as i64),
            Step::Enumerate(it, count) => match self.iter_next(&it)? {
                Some(v) => {
                    let next = self.binary_op(
                        crate::compiler::opcode::BinaryOpArg::Add,
                        &count,
                        &Value::Int(1),
                        false,
                    )?;
                    st.with(|s| {
                        if let IterState::Enumerate { count: c, .. } = s {
                            *c = next;
                        }
                    });
                    Ok(Some(Value::new_tuple(vec![count, v])))
                }
                None => Ok(None),
            },
            Step::Zip(its, strict) => {
                if its.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(its.len());
                for (i, it) in its.iter().enumerate() {
                    match self.iter_next(it)? {
                        Some(v) => items.push(v),
                        None => {
                            st.with(|s| *s = IterState::Exhausted);
                            if strict {
                                if i > 0 {
                                    let s = if i == 1 { " " } else { "s 1-" };
                                    return Err(self.new_value_error(&format!(
                                        "zip() argument {} is shorter than argument{s}{i}",
                                        i + 1
                                    )));
                                }
                                for (j, other) in its.iter().enumerate().skip(1) {
                                    if self.iter_next(other)?.is_some() {
                                        let s = if j == 1 { " " } else { "s 1-" };
                                        return Err(self.new_value_error(&format!(
                                            "zip() argument {} is longer than argument{s}{j}",
                                            j + 1
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::new_tuple(items)))
            }
            Step::Map(func, its) => {
                let mut args = Vec::with_capacity(its.len());
                for it in &its {
                    match self.iter_next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(self.call(&func, &args, &[])?))
            }
            Step::Filter(func, it) => loop {
                let Some(v) = self.iter_next(&it)? else { return Ok(None) };
                let keep = if func.is_none() {
                    self.is_true(&v)?
                } else {
                    let r = self.call(&func, std::slice::from_ref(&v), &[])?;
                    self.is_true(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            Step::Reversed(seq, i) => {
                if i < 0 {
                    return Ok(None);
                }
                if let Some(Payload::List(l)) = seq.payload() {
                    let v = l.with(|v| v.get(i as usize).cloned());
                    if v.is_none() {
                        st.with(|s| *s = IterState::Exhausted);
                    }
                    return Ok(v);
                }
                self.getitem_step(st, &seq, i)
            }
            Step::CallIter(func, sentinel) => {
                let v = self.call(&func, &[], &[])?;
                if self.eq(&v, &sentinel)? {
                    st.with(|s| *s = IterState::Exhausted);
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
        }
    }

    /// Collect an iterable into a Vec.
    pub fn iterate_to_vec(&mut self, v: &Value<M>) -> Result<Vec<Value<M>>, PyErr<M>> {
        match v.payload() {
            Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
            Some(Payload::List(l)) => return Ok(l.with(|v| v.clone())),
            _ => {}
        }
        let it = self.get_iter(v)?;
        self.drain_iter(&it)
    }

    /// Every remaining item of iterator `it`.
    pub fn drain_iter(&mut self, it: &Value<M>) -> Result<Vec<Value<M>>, PyErr<M>> {
        let mut out = Vec::new();
        while let Some(x) = self.iter_next(it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// Send a value into a generator or iterator (`yield from` delegation).
    pub fn send_to(&mut self, it: &Value<M>, v: Value<M>) -> Result<SendResult<M>, PyErr<M>> {
        if let Some(Payload::Generator(_)) = it.payload() {
            return self.gen_resume(it, v, None);
        }
        if v.is_none() {
            return Ok(match self.iter_next_with_value(it)? {
                Ok(x) => SendResult::Yielded(x),
                Err(ret) => SendResult::Returned(ret),
            });
        }
        match self.call_special(it, "send", std::slice::from_ref(&v))? {
            Some(x) => Ok(SendResult::Yielded(x)),
            None => Err(self.new_type_error("object has no send()")),
        }
    }

    /// Like `iter_next` but reports a StopIteration's value (for `yield from` over iterators).
    fn iter_next_with_value(
        &mut self,
        it: &Value<M>,
    ) -> Result<Result<Value<M>, Value<M>>, PyErr<M>> {
        match it.payload() {
            Some(Payload::Iterator(..)) => Ok(match self.iter_next(it)? {
                Some(v) => Ok(v),
                None => Err(Value::None),
            }),
            _ => match self.call_special(it, "__next__", &[]) {
                Ok(Some(v)) => Ok(Ok(v)),
                Ok(None) => Err(self.new_type_error("object is not an iterator")),
                Err(e) => {
                    let stop = self.types().stop_iteration.clone();
                    if self.isinstance_class(&e.exc, &stop) {
                        let args = self.exception_args(&e.exc);
                        Ok(Err(args
                            .as_tuple()
                            .and_then(|t| t.first().cloned())
                            .unwrap_or(Value::None)))
                    } else {
                        Err(e)
                    }
                }
            },
        }
    }

    /// Resume a generator with a sent value, or throw `exc` into it.
    pub fn gen_resume(
        &mut self,
        gen: &Value<M>,
        sent: Value<M>,
        throw: Option<PyErr<M>>,
    ) -> Result<SendResult<M>, PyErr<M>> {
        let Some(Payload::Generator(g)) = gen.payload() else {
            return Err(self.new_type_error("not a generator"));
        };
        enum Take<M: ExecutionModel> {
            Running,
            Finished,
            Frame(Box<crate::object::frame::Frame<M>>, bool),
        }
        let taken = g.state.with(|s| {
            if s.running {
                Take::Running
            } else if s.finished {
                Take::Finished
            } else {
                match s.frame.take() {
                    Some(f) => {
                        s.running = true;
                        let started = s.started;
                        s.started = true;
                        Take::Frame(f, started)
                    }
                    None => Take::Finished,
                }
            }
        });
        let (mut frame, started) = match taken {
            Take::Running => return Err(self.new_value_error("generator already executing")),
            Take::Finished => {
                if let Some(e) = throw {
                    return Err(e);
                }
                return Ok(SendResult::Returned(Value::None));
            }
            Take::Frame(f, started) => (f, started),
        };
        if !started && !sent.is_none() && throw.is_none() {
            g.state.with(|s| {
                s.running = false;
                s.started = false;
            });
            g.state.with(|s| s.frame = Some(frame));
            return Err(
                self.new_type_error("can't send non-None value to a just-started generator")
            );
        }
        let result = if let Some(exc) = throw {
            // Raise inside the generator at its current position.
            self.depth += 1;
            let r = self.throw_into_frame(&mut frame, exc);
            self.depth -= 1;
            r
        } else {
            if started {
                frame.push(sent);
            }
            if self.depth >= self.interp.recursion_limit() {
                Err(self.new_error(
                    &self.types().recursion_error.clone(),
                    "maximum recursion depth exceeded",
                ))
            } else {
                self.depth += 1;
                let r = self.run_frame(&mut frame);
                self.depth -= 1;
                r
            }
        };
        match result {
            Ok(FrameExit::Yield(v)) => {
                g.state.with(|s| {
                    s.running = false;
                    s.frame = Some(frame);
                });
                Ok(SendResult::Yielded(v))
            }
            Ok(FrameExit::Return(v)) => {
                g.state.with(|s| {
                    s.running = false;
                    s.finished = true;
                });
                Ok(SendResult::Returned(v))
            }
            Err(e) => {
                g.state.with(|s| {
                    s.running = false;
                    s.finished = true;
                });
                // PEP 479: StopIteration escaping a generator becomes RuntimeError.
                let stop = self.types().stop_iteration.clone();
                if self.isinstance_class(&e.exc, &stop) {
                    let err = self.new_runtime_error("generator raised StopIteration");
                    self.set_cause(&err.exc, Value::Obj(e.exc));
                    return Err(err);
                }
                Err(e)
            }
        }
    }

    fn set_cause(&mut self, exc: &ObjRef<M>, cause: Value<M>) {
        if let Payload::Instance(inst) = exc.payload() {
            if let Some(st) = &inst.exc {
                st.with(|s| {
                    s.cause = cause;
                    s.suppress_context = true;
                });
            }
        }
    }

    /// Deliver `exc` at the generator's suspension point and continue running it.
    fn throw_into_frame(
        &mut self,
        frame: &mut crate::object::frame::Frame<M>,
        exc: PyErr<M>,
    ) -> Result<FrameExit<M>, PyErr<M>> {
        // Route the exception through the frame's handlers exactly as if the suspended
        // instruction had raised it: run_frame handles that when execute() fails at once.
        self.pending_throw = Some(exc);
        self.run_frame(frame)
    }
}

/// One step of a range iterator (the `for i in range(...)` loop), kept apart from the general
/// iterator step so its answer travels in registers, not through a temporary in memory.
#[inline(always)]
fn range_next<M: ExecutionModel>(holder: &ObjRef<M>, st: &Guarded<M, IterState<M>>) -> Option<i64> {
    st.with_held(holder, |s| match s {
        IterState::Range { next, stop, step }
            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) =>
        {
            let v = *next;
            *next = next.saturating_add(*step);
            Some(v)
        }
        _ => None,
    })
}
