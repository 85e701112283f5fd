//! What the cyclic GC needs from each payload: whether it is a container (`is_gc_type`), the references it owns (`gc_traverse`), and how to break its cycles (`gc_clear`).
//!
//! `gc_traverse` must visit only references the payload *owns* (each `ObjRef` and `Value::Obj`
//! field is an owned count). Visiting fewer is safe (the object just looks referenced from
//! outside, so it stays alive); every owned one is visited so cycles are found. `gc_clear`
//! empties the mutable parts (list items, dict and set entries, cells, instance and function
//! dicts, generator frames, iterator state, exception state): every cycle in this object model
//! passes through one of them, since the immutable fields (a tuple's items, a method's self)
//! are fixed at creation and cannot point back at an object made later. The cleared values are
//! handed back so the caller drops them outside every lock.
#![forbid(unsafe_code)]

use super::{IterState, ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

impl<M: ExecutionModel> Payload<M> {
    /// A container the collector tracks (CPython's GC types; an empty tuple is not one).
    #[inline(always)]
    pub fn is_gc_type(&self) -> bool {
        match self {
            Payload::Tuple(items) => !items.is_empty(),
            Payload::List(_)
            | Payload::Dict(_)
            | Payload::Set(_)
            | Payload::Function(_)
            | Payload::Method(_)
            | Payload::Class(_)
            | Payload::Instance(_)
            | Payload::Module(_)
            | Payload::Cell(_)
            | Payload::Generator(_)
            | Payload::Iterator(..)
            | Payload::Property(_)
            | Payload::StaticMethod(_)
            | Payload::ClassMethod(_)
            | Payload::Super(_)
            | Payload::DictView(_)
            | Payload::Frame(_) => true,
            Payload::Str(_)
            | Payload::Member(_)
            | Payload::BigInt(_)
            | Payload::Bytes(_)
            | Payload::Range(_)
            | Payload::Slice(_)
            | Payload::Builtin(_)
            | Payload::Code(_)
            | Payload::Native(_)
            | Payload::NotImplemented
            | Payload::Ellipsis => false,
        }
    }

    /// Whether CPython 3.11 would report this object as tracked: a dict only once it holds a
    /// container (CPython's `MAINTAIN_TRACKING`), every other tracked kind always.
    pub fn cpython_tracked(&self) -> bool {
        match self {
            Payload::Dict(d) => d.with(|t| {
                t.iter().any(|e| {
                    crate::memory::gc::may_be_tracked(&e.key)
                        || crate::memory::gc::may_be_tracked(&e.value)
                })
            }),
            p => p.is_gc_type(),
        }
    }

    /// Visit every object reference this payload owns.
    pub fn gc_traverse(&self, visit: &mut impl FnMut(&ObjRef<M>)) {
        let value = |v: &Value<M>, visit: &mut dyn FnMut(&ObjRef<M>)| {
            if let Value::Obj(o) = v {
                visit(o)
            }
        };
        match self {
            Payload::Tuple(items) => items.iter().for_each(|v| value(v, visit)),
            Payload::List(l) => l.with(|items| items.iter().for_each(|v| value(v, visit))),
            Payload::Dict(d) => d.with(|t| {
                for e in t.iter() {
                    value(&e.key, visit);
                    value(&e.value, visit);
                }
            }),
            Payload::Set(s) => s.table.with(|t| t.iter().for_each(|e| value(&e.key, visit))),
            Payload::Slice(parts) => parts.iter().for_each(|v| value(v, visit)),
            Payload::Function(f) => {
                visit(&f.code);
                visit(&f.globals);
                f.defaults.iter().chain(f.kwdefaults.iter()).for_each(&mut *visit);
                f.closure.iter().flat_map(|c| c.iter()).for_each(&mut *visit);
                f.meta.with(|m| {
                    for v in [&m.name, &m.qualname, &m.doc, &m.module, &m.annotations] {
                        value(v, visit);
                    }
                    m.dict.iter().for_each(&mut *visit);
                });
            }
            Payload::Method(m) => {
                value(&m.func, visit);
                value(&m.self_, visit);
            }
            Payload::Class(c) => {
                c.bases.iter().chain(c.mro.iter()).for_each(&mut *visit);
                visit(&c.dict);
                if let Some(b) = c.native_base() {
                    visit(b);
                }
            }
            Payload::Instance(inst) => {
                visit(&inst.class);
                visit(&inst.dict);
                if let Some(st) = &inst.exc {
                    st.with(|s| {
                        value(&s.args, visit);
                        value(&s.cause, visit);
                        value(&s.context, visit);
                    });
                }
                if let Some(n) = &inst.native {
                    value(n, visit);
                }
                if let Some(slots) = &inst.slots {
                    slots.with(|vs| vs.iter().for_each(|v| value(v, visit)));
                }
            }
            Payload::Module(m) => visit(&m.dict),
            Payload::Code(c) => c
                .consts
                .iter()
                .chain(c.names.iter())
                .chain(c.varnames.iter())
                .for_each(|v| value(v, visit)),
            Payload::Cell(c) => c.with(|v| value(v, visit)),
            Payload::Generator(g) => g.state.with(|s| {
                if let Some(f) = &s.frame {
                    visit(&f.code);
                    visit(&f.globals);
                    f.locals_dict.iter().for_each(&mut *visit);
                    f.slots.iter().for_each(|v| value(v, visit));
                    f.cells.iter().for_each(&mut *visit);
                }
            }),
            Payload::Iterator(_, st) => st.with(|s| match s {
                IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => value(seq, visit),
                IterState::Str { s, .. } => visit(s),
                IterState::Dict { dict, .. } => visit(dict),
                IterState::Enumerate { it, count } => {
                    value(it, visit);
                    value(count, visit);
                }
                IterState::Zip { its, .. } => its.iter().for_each(|v| value(v, visit)),
                IterState::Map { func, its } => {
                    value(func, visit);
                    its.iter().for_each(|v| value(v, visit));
                }
                IterState::Filter { func, it } => {
                    value(func, visit);
                    value(it, visit);
                }
                IterState::CallIter { func, sentinel } => {
                    value(func, visit);
                    value(sentinel, visit);
                }
                IterState::Range { .. } | IterState::Exhausted => {}
            }),
            Payload::Property(p) => {
                [&p.fget, &p.fset, &p.fdel, &p.doc].into_iter().for_each(|v| value(v, visit))
            }
            Payload::StaticMethod(v) | Payload::ClassMethod(v) => value(v, visit),
            Payload::Super(s) => {
                visit(&s.class);
                value(&s.obj, visit);
                visit(&s.obj_type);
            }
            Payload::DictView(d) => visit(&d.dict),
            Payload::Native(n) => visit(&n.class),
            Payload::Frame(f) => {
                visit(&f.code);
                visit(&f.globals);
                f.back.iter().for_each(&mut *visit);
                f.state.with(|s| {
                    s.locals.iter().for_each(&mut *visit);
                    if let Some(snap) = &s.snapshot {
                        snap.fast.iter().for_each(|v| value(v, visit));
                        snap.cells.iter().chain(snap.namespace.iter()).for_each(&mut *visit);
                    }
                });
            }
            Payload::Member(m) => value(&m.name, visit),
            Payload::Str(_)
            | Payload::BigInt(_)
            | Payload::Bytes(_)
            | Payload::Range(_)
            | Payload::Builtin(_)
            | Payload::NotImplemented
            | Payload::Ellipsis => {}
        }
    }

    /// Empty the mutable parts (CPython's `tp_clear`); the caller drops what comes back,
    /// outside every lock. Must not run Python code.
    pub fn gc_clear(&self) -> Cleared<M> {
        let mut out = Cleared::default();
        match self {
            Payload::List(l) => out.values = l.with(std::mem::take),
            Payload::Dict(d) => {
                out.entries =
                    d.with(|t| t.take_all()).into_iter().flat_map(|e| [e.key, e.value]).collect()
            }
            Payload::Set(s) => {
                out.entries = s.table.with(|t| t.take_all()).into_iter().map(|e| e.key).collect()
            }
            Payload::Cell(c) => out.values.push(c.with(|v| std::mem::replace(v, Value::Null))),
            Payload::Function(f) => f.meta.with(|m| {
                out.values.push(std::mem::replace(&mut m.annotations, Value::None));
                out.values.push(std::mem::replace(&mut m.doc, Value::None));
                out.objs.extend(m.dict.take());
            }),
            Payload::Instance(inst) => {
                if let Some(slots) = &inst.slots {
                    out.values.extend(slots.with(|vs| {
                        vs.iter_mut().map(|v| std::mem::replace(v, Value::Null)).collect::<Vec<_>>()
                    }));
                }
                // The attribute dict is its own tracked object: if it is garbage too it is
                // cleared as a dict; if something outside still holds it, it stays intact.
                if let Some(st) = &inst.exc {
                    st.with(|s| {
                        out.values.push(std::mem::replace(&mut s.args, Value::None));
                        out.values.push(std::mem::replace(&mut s.cause, Value::None));
                        out.values.push(std::mem::replace(&mut s.context, Value::None));
                    });
                }
            }
            Payload::Generator(g) => {
                out.frame = g.state.with(|s| {
                    s.finished = true;
                    s.frame.take()
                })
            }
            Payload::Frame(f) => f.state.with(|s| {
                out.objs.extend(s.locals.take());
                if let Some(snap) = s.snapshot.take() {
                    out.values.extend(snap.fast);
                    out.objs.extend(snap.cells);
                    out.objs.extend(snap.namespace);
                }
            }),
            Payload::Iterator(_, st) => {
                out.iter = Some(st.with(|s| std::mem::replace(s, IterState::Exhausted)))
            }
            _ => {}
        }
        out
    }
}

/// What [`Payload::gc_clear`] took out: dropped by the caller.
pub struct Cleared<M: ExecutionModel> {
    values: Vec<Value<M>>,
    entries: Vec<Value<M>>,
    objs: Vec<ObjRef<M>>,
    frame: Option<Box<crate::object::frame::Frame<M>>>,
    iter: Option<IterState<M>>,
}

impl<M: ExecutionModel> Default for Cleared<M> {
    fn default() -> Self {
        Cleared {
            values: Vec::new(),
            entries: Vec::new(),
            objs: Vec::new(),
            frame: None,
            iter: None,
        }
    }
}
