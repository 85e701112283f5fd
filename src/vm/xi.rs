//! Cross-interpreter data: [`Shareable`], an owned `Send` copy of a Python value holding no object handle; [`export`] / [`import`] and their counters.
//!
//! Values cross between interpreters only as `Shareable` (CPython 3.14 sends natively shareable
//! data as is and pickles the rest; here both are one deep copy):
//!
//! * None, bool, int, float, str, bytes, tuples of these go straight (a long string referenced
//!   twice within one value is copied once: both share one `Arc<str>`);
//! * lists, dicts, sets, frozensets, ranges, slices are deep-copied;
//! * classes, module-level functions of importable modules and builtin functions travel *by
//!   reference* (module + qualified name, resolved again in the receiver, as pickle does);
//!   functions of the main script, lambdas and nested functions travel as code (below);
//!   closures and anything else whose name does not lead back to the very same object raise
//!   `TypeError`;
//! * instances of Python classes travel as class reference + their `__dict__` (or whatever
//!   `__getstate__` returns; the receiver calls `__setstate__` when the class defines it), with
//!   the builtin part of a subclass of a builtin type (`class Stack(list)`); exceptions as
//!   class + `args` + `__dict__`; bound methods as receiver + method name;
//! * generators, modules, iterators, code objects, instances of classes from builtin modules
//!   that do not opt in (locks, ...) raise `TypeError: cannot pickle 'T' object`.
//!
//! Shared references and cycles inside one value are preserved: lists, dicts, sets, instances
//! and exceptions get a memo index in the order they are first met (preorder), later
//! occurrences are [`Shareable::Memo`], and [`import`] rebuilds them in the same order.
//!
//! Functions. A function of the main script (`__module__ == '__main__'`), a lambda or a nested
//! function crosses *as its code* ([`FunctionData`]: the model-independent `Arc<CodeObject>`,
//! its names and its copied defaults), and the receiver rebuilds it over its own namespace: the
//! receiver's `__main__` for a main-script function, the receiver's copy of the module otherwise.
//! So a function's globals resolve in that interpreter (a name the worker's `__main__` lacks is a
//! `NameError` there, unless `prepare_main` bound it), and the sender's script never runs again
//! in the receiver. CPython 3.14 sends stateless functions this way; it would pickle the others by
//! name, then re-run the main script as `<fake __main__>` to find them, which re-runs every line
//! of an unguarded script in every worker (and, when that script starts workers of its own,
//! interpreters without end). Closures cannot cross (their cells are state of the sender).
//! Module-level functions of importable modules still travel by name, as pickle sends them.
//! Classes travel by name only: a class of the main script must be defined in the receiver's
//! `__main__` (or moved to a module) to be found there.
//!
//! Cost accounting: every export bumps `runtime::counters` (`xi_exports`, `xi_items`,
//! `xi_bytes`), every import `xi_imports` and `xi_items_imported`; read them with [`snapshot`].
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::Arc;

use num_bigint::BigInt;

use crate::object::{
    DictTable, Guarded, Layout, ObjRef, Payload, PyErr, PyResult, RangeObj, SetObj, Value,
};
use crate::runtime::ExecutionModel;

use super::Vm;

#[path = "xi_defs.rs"]
mod defs;
pub use defs::{ClassData, FunctionData, GlobalsSpec};

/// A Python value copied out of one interpreter, ready to be rebuilt in another. Holds no
/// object handle, so it is `Send` in every model (checked at compile time below).
#[derive(Debug, Clone, PartialEq)]
pub enum Shareable {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Box<BigInt>),
    Float(f64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    Ellipsis,
    NotImplemented,
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice(Box<[Shareable; 3]>),
    Tuple(Vec<Shareable>),
    FrozenSet(Vec<Shareable>),
    /// Memoized (takes the next memo index).
    List(Vec<Shareable>),
    /// Memoized.
    Dict(Vec<(Shareable, Shareable)>),
    /// Memoized.
    Set(Vec<Shareable>),
    /// An instance of a Python class. Memoized.
    Instance(Box<InstanceData>),
    /// An exception instance: class, `args` and `__dict__`. Memoized.
    Exception(Box<ExceptionData>),
    /// A class, function or builtin function, by name.
    Global(Box<GlobalRef>),
    /// A function sent as its code (see `xi_defs.rs`). Memoized.
    Function(Box<FunctionData>),
    /// A class of the main script, by value (see `xi_defs.rs`). Memoized.
    Class(Box<ClassData>),
    /// A module, by name (only as a global a function uses).
    Module(Arc<str>),
    StaticMethod(Box<Shareable>),
    ClassMethod(Box<Shareable>),
    /// `property(fget, fset, fdel, doc)`.
    Property(Box<[Shareable; 4]>),
    /// A value copied on its own, with its own memo indices, shared between sends (a data
    /// global of the main script; see `xi_defs.rs`).
    Detached(Arc<Shareable>),
    /// A bound method: `getattr(receiver, name)` on the other side.
    Method {
        receiver: Box<Shareable>,
        name: Arc<str>,
    },
    /// The object that took memo index `n` earlier in this value.
    Memo(u32),
}

/// What an instance carries across (wide, so boxed: a `Shareable` stays 32 bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceData {
    pub class: GlobalRef,
    /// The class itself when it crosses by value (a class of the main script).
    pub class_def: Option<Shareable>,
    /// The instance dict (when the class has no `__getstate__`).
    pub attrs: Vec<(Shareable, Shareable)>,
    /// `__getstate__()`'s result, when the class defines it.
    pub state: Option<Shareable>,
    /// The builtin value of an instance of a subclass of a builtin type (`class Stack(list)`).
    pub native: Option<Shareable>,
}

/// What an exception carries across.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionData {
    pub class: GlobalRef,
    /// The class itself when it crosses by value (a class of the main script).
    pub class_def: Option<Shareable>,
    pub args: Vec<Shareable>,
    pub attrs: Vec<(Shareable, Shareable)>,
}

/// A module-level name: `module.qualname` (dotted for nested classes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GlobalRef {
    pub module: Arc<str>,
    pub qualname: Arc<str>,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Shareable>();
    // One node per copied item: keep it small (a list of a million ints is 32 MB).
    assert!(std::mem::size_of::<Shareable>() <= 32);
};

/// This thread's tallies, cross-interpreter copies included (`xi_*` fields).
pub fn snapshot() -> crate::runtime::counters::Counters {
    crate::runtime::counters::snapshot()
}

/// Deep-copy `v` out of `vm`'s interpreter (the sending side).
pub fn export<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<Shareable, PyErr<M>> {
    let _timer = crate::runtime::counters::XiCopyTimer::start();
    let _copying = crate::runtime::timeline::enter(crate::runtime::timeline::LaneState::Copying);
    let mut cx = ExportCx {
        memo: HashMap::new(),
        keep: Vec::new(),
        strs: HashMap::new(),
        items: 0,
        bytes: 0,
        defs: Default::default(),
    };
    let out = cx.export(vm, v)?;
    crate::runtime::counters::count_xi_export(cx.items, cx.bytes);
    Ok(out)
}

/// Rebuild `s` as new objects of `vm`'s interpreter (the receiving side).
pub fn import<M: ExecutionModel>(vm: &mut Vm<M>, s: &Shareable) -> PyResult<M> {
    let _timer = crate::runtime::counters::XiCopyTimer::start();
    let _copying = crate::runtime::timeline::enter(crate::runtime::timeline::LaneState::Copying);
    let mut cx = ImportCx { memo: Vec::new(), items: 0, fixups: Vec::new() };
    let out = cx.import(vm, s)?;
    cx.finish_fixups(vm)?;
    crate::runtime::counters::count_xi_import(cx.items);
    Ok(out)
}

/// Data that crosses as is in CPython 3.14 (no pickling): None, bool, int, float, str, bytes,
/// tuples of these, and objects that opt in by id (`Queue`, `Interpreter`: `_xi_shareable`).
pub fn is_natively_shareable<M: ExecutionModel>(vm: &Vm<M>, v: &Value<M>) -> bool {
    match v {
        Value::Null | Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::Obj(o) => match o.payload() {
            Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) => true,
            Payload::Tuple(items) => items.iter().all(|i| is_natively_shareable(vm, i)),
            Payload::Instance(i) if i.exc.is_none() => vm
                .class_lookup(&i.class, "_xi_shareable")
                .is_some_and(|v| matches!(v, Value::Bool(true))),
            _ => false,
        },
    }
}

/// `cannot pickle 'T' object` (pickle's wording), as a TypeError.
pub fn not_shareable<M: ExecutionModel>(vm: &mut Vm<M>, what: &str) -> PyErr<M> {
    vm.new_type_error(&format!("cannot pickle '{what}' object"))
}

struct ExportCx<M: ExecutionModel> {
    /// Object id -> memo index.
    memo: HashMap<usize, u32>,
    /// Every memoized object, kept alive so that no id is reused during this export.
    keep: Vec<Value<M>>,
    /// Strings already copied (by object id), so repeated references share one buffer.
    strs: HashMap<usize, Arc<str>>,
    items: u64,
    bytes: u64,
    /// Definitions crossing by value (see `xi_defs.rs`).
    defs: defs::DefsCx,
}

/// How far an export had got, to undo an attempt that failed (`ExportCx::rollback`).
struct Checkpoint {
    memo: usize,
    sent: usize,
}

/// Whether this native stack has room for one more level of nesting.
fn stack_ok<M: ExecutionModel>(vm: &Vm<M>) -> bool {
    super::native_stack_position() >= vm.stack_limit.saturating_add(64 << 10)
}

fn recursion_error<M: ExecutionModel>(vm: &mut Vm<M>, what: &str) -> PyErr<M> {
    let c = vm.types().recursion_error.clone();
    vm.new_error(&c, &format!("maximum recursion depth exceeded while {what}"))
}

impl<M: ExecutionModel> ExportCx<M> {
    fn export(&mut self, vm: &mut Vm<M>, v: &Value<M>) -> Result<Shareable, PyErr<M>> {
        self.items += 1;
        self.bytes += 8;
        let o = match v {
            Value::Null | Value::None => return Ok(Shareable::None),
            Value::Bool(b) => return Ok(Shareable::Bool(*b)),
            Value::Int(i) => return Ok(Shareable::Int(*i)),
            Value::Float(f) => return Ok(Shareable::Float(*f)),
            Value::Obj(o) => o,
        };
        if let Some(&i) = self.memo.get(&o.id()) {
            return Ok(Shareable::Memo(i));
        }
        if !stack_ok(vm) {
            return Err(recursion_error(vm, "copying an object to another interpreter"));
        }
        Ok(match o.payload() {
            // Short strings are copied each time; long ones once per value (repeated references
            // share one buffer), which costs a table entry per distinct long string.
            Payload::Str(s) if s.as_str().len() < 64 => {
                self.bytes += s.as_str().len() as u64;
                Shareable::Str(Arc::from(s.as_str()))
            }
            Payload::Str(s) => {
                let a = match self.strs.get(&o.id()) {
                    Some(a) => a.clone(),
                    None => {
                        self.bytes += s.as_str().len() as u64;
                        let a: Arc<str> = Arc::from(s.as_str());
                        // Keep the str alive too so its id stays unique during this export.
                        self.keep.push(v.clone());
                        self.strs.insert(o.id(), a.clone());
                        a
                    }
                };
                Shareable::Str(a)
            }
            Payload::BigInt(b) => {
                self.bytes += b.bits() / 8;
                Shareable::BigInt(Box::new(b.clone()))
            }
            Payload::Bytes(b) => {
                self.bytes += b.len() as u64;
                Shareable::Bytes(Arc::from(&b[..]))
            }
            Payload::Tuple(items) => Shareable::Tuple(self.export_all(vm, items)?),
            Payload::Range(r) => Shareable::Range { start: r.start, stop: r.stop, step: r.step },
            Payload::Slice(s) => {
                let [a, b, c] = &**s;
                Shareable::Slice(Box::new([
                    self.export(vm, a)?,
                    self.export(vm, b)?,
                    self.export(vm, c)?,
                ]))
            }
            Payload::Ellipsis => Shareable::Ellipsis,
            Payload::NotImplemented => Shareable::NotImplemented,
            Payload::List(l) => {
                self.remember(v, o);
                let items = l.with(|l| l.clone());
                Shareable::List(self.export_all(vm, &items)?)
            }
            Payload::Dict(d) => {
                self.remember(v, o);
                let items = d.with(|t| {
                    t.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<Vec<_>>()
                });
                Shareable::Dict(self.export_pairs(vm, &items)?)
            }
            Payload::Set(s) => {
                let items = s.table.with(|t| t.iter().map(|e| e.key.clone()).collect::<Vec<_>>());
                if s.frozen {
                    Shareable::FrozenSet(self.export_all(vm, &items)?)
                } else {
                    self.remember(v, o);
                    Shareable::Set(self.export_all(vm, &items)?)
                }
            }
            Payload::Class(c) if Self::class_by_value(vm, o) => self.export_class(vm, v, o, c)?,
            Payload::Class(_) => Shareable::Global(Box::new(self.global_ref(vm, v)?)),
            Payload::Function(f) => self.export_function(vm, v, o, f)?,
            Payload::StaticMethod(f) => Shareable::StaticMethod(Box::new(self.export(vm, f)?)),
            Payload::ClassMethod(f) => Shareable::ClassMethod(Box::new(self.export(vm, f)?)),
            Payload::Property(p) => {
                let parts = [p.fget.clone(), p.fset.clone(), p.fdel.clone(), p.doc.clone()];
                let [a, b, c, d] = parts.map(|x| self.export(vm, &x));
                Shareable::Property(Box::new([a?, b?, c?, d?]))
            }
            Payload::Builtin(b) if b.owner.is_none() => {
                Shareable::Global(Box::new(self.global_ref(vm, v)?))
            }
            Payload::Method(m) => {
                let name = match m.func.payload() {
                    Some(Payload::Function(f)) => {
                        f.meta.with(|meta| meta.name.as_str().map(Arc::from))
                    }
                    Some(Payload::Builtin(b)) => Some(Arc::from(b.name)),
                    _ => None,
                };
                let Some(name) = name else {
                    return Err(not_shareable(vm, "method"));
                };
                let receiver = m.self_.clone();
                Shareable::Method { receiver: Box::new(self.export(vm, &receiver)?), name }
            }
            Payload::Instance(inst) => {
                self.remember(v, o);
                let class = Value::Obj(inst.class.clone());
                let attrs = inst.dict.payload();
                let mut attrs = match attrs {
                    Payload::Dict(d) => d.with(|t| {
                        t.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<Vec<_>>()
                    }),
                    _ => Vec::new(),
                };
                // `__slots__` values travel with the attributes (pickle's slot state), by name.
                if inst.slots.is_some() {
                    attrs.extend(slot_items(v, &inst.class));
                }
                if let Some(st) = &inst.exc {
                    let args = st.with(|s| s.args.clone());
                    let class_def = self.class_def(vm, &inst.class)?;
                    let class = self.global_ref(vm, &class)?;
                    let args = match args.as_tuple() {
                        Some(t) => self.export_all(vm, t)?,
                        None => vec![self.export(vm, &args)?],
                    };
                    let attrs = self.export_pairs(vm, &attrs)?;
                    return Ok(Shareable::Exception(Box::new(ExceptionData {
                        class,
                        class_def,
                        args,
                        attrs,
                    })));
                }
                self.check_instance_class(vm, &inst.class)?;
                let class_def = self.class_def(vm, &inst.class)?;
                let class_ref = self.global_ref(vm, &class)?;
                let native = match &inst.native {
                    Some(n) => Some(self.export(vm, n)?),
                    None => None,
                };
                match vm.class_lookup(&inst.class, "__getstate__") {
                    Some(f) if matches!(f.payload(), Some(Payload::Function(_))) => {
                        let state = vm.call(&f, std::slice::from_ref(v), &[])?;
                        let state = self.export(vm, &state)?;
                        Shareable::Instance(Box::new(InstanceData {
                            class: class_ref,
                            class_def,
                            attrs: Vec::new(),
                            state: Some(state),
                            native,
                        }))
                    }
                    _ => {
                        let attrs = self.export_pairs(vm, &attrs)?;
                        Shareable::Instance(Box::new(InstanceData {
                            class: class_ref,
                            class_def,
                            attrs,
                            state: None,
                            native,
                        }))
                    }
                }
            }
            _ => {
                let tn = vm.type_name(v);
                return Err(not_shareable(vm, &tn));
            }
        })
    }

    /// The class of an instance when it crosses by value, else `None` (it goes by name).
    fn class_def(
        &mut self,
        vm: &mut Vm<M>,
        cls: &ObjRef<M>,
    ) -> Result<Option<Shareable>, PyErr<M>> {
        if !Self::class_by_value(vm, cls) {
            return Ok(None);
        }
        Ok(Some(self.export(vm, &Value::Obj(cls.clone()))?))
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint { memo: self.memo.len(), sent: self.defs_sent_len() }
    }

    /// Forget what an abandoned attempt memoized and sent, so memo indices stay those of the
    /// objects actually in the output.
    fn rollback(&mut self, mark: Checkpoint) {
        let limit = mark.memo as u32;
        self.memo.retain(|_, i| *i < limit);
        self.defs_truncate(mark.sent);
    }

    fn remember(&mut self, v: &Value<M>, o: &ObjRef<M>) {
        let i = self.memo.len() as u32;
        self.memo.insert(o.id(), i);
        self.keep.push(v.clone());
    }

    fn export_all(
        &mut self,
        vm: &mut Vm<M>,
        items: &[Value<M>],
    ) -> Result<Vec<Shareable>, PyErr<M>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(self.export(vm, it)?);
        }
        Ok(out)
    }

    fn export_pairs(
        &mut self,
        vm: &mut Vm<M>,
        items: &[(Value<M>, Value<M>)],
    ) -> Result<Vec<(Shareable, Shareable)>, PyErr<M>> {
        let mut out = Vec::with_capacity(items.len());
        for (k, v) in items {
            out.push((self.export(vm, k)?, self.export(vm, v)?));
        }
        Ok(out)
    }

    /// Instances of classes from builtin modules (no `__file__`: `_thread.lock`, ...) hold
    /// interpreter-bound state; they cross only when the class opts in with `_xi_shareable`.
    fn check_instance_class(&mut self, vm: &mut Vm<M>, cls: &ObjRef<M>) -> Result<(), PyErr<M>> {
        let Payload::Class(c) = cls.payload() else { return Ok(()) };
        let module = class_module(vm, cls);
        if c.layout == Layout::Builtin && c.native_base().is_none() {
            return Err(not_shareable(vm, &c.name));
        }
        if module == "__main__" || crate::stdlib::modules::frozen::is_frozen(&module) {
            return Ok(());
        }
        let modules = vm.interp.imports.modules.clone();
        let has_file = match vm.dict_get_str(&modules, &module) {
            Some(Value::Obj(m)) => match m.payload() {
                Payload::Module(m) => vm.dict_get_str(&m.dict, "__file__").is_some(),
                _ => true,
            },
            _ => true,
        };
        let opted_in =
            vm.class_lookup(cls, "_xi_shareable").is_some_and(|v| matches!(v, Value::Bool(true)));
        if !has_file && !opted_in {
            let full = if module == "builtins" {
                c.qualname.clone()
            } else {
                format!("{module}.{}", c.qualname)
            };
            return Err(not_shareable(vm, &full));
        }
        Ok(())
    }

    /// The module and qualified name of a class or function, checked (as pickle does) to lead
    /// back to the very same object in the sender.
    fn global_ref(&mut self, vm: &mut Vm<M>, v: &Value<M>) -> Result<GlobalRef, PyErr<M>> {
        let (module, qualname, kind) = match v.payload() {
            Some(Payload::Class(c)) => {
                let o = v.obj().cloned().expect("class object");
                (class_module(vm, &o), c.qualname.clone(), "class")
            }
            Some(Payload::Function(f)) => {
                let (m, q) = f.meta.with(|meta| {
                    (
                        meta.module.as_str().map(String::from),
                        meta.qualname.as_str().map(String::from),
                    )
                });
                (m.unwrap_or_else(|| "__main__".into()), q.unwrap_or_default(), "function")
            }
            Some(Payload::Builtin(b)) => {
                let name = b.name;
                return match self.find_builtin_function(vm, v, name) {
                    Some(module) => Ok(GlobalRef { module: Arc::from(module.as_str()), qualname: Arc::from(name) }),
                    None => Err(vm.new_type_error(&format!(
                        "cannot pickle 'builtin_function_or_method' object: {name} is not reachable by name"
                    ))),
                };
            }
            _ => {
                let tn = vm.type_name(v);
                return Err(not_shareable(vm, &tn));
            }
        };
        if qualname.contains("<locals>") || qualname.contains("<lambda>") {
            return Err(vm.new_type_error(&format!(
                "cannot pickle local object '{qualname}' ({kind}s cross interpreters by module-level name only)"
            )));
        }
        match resolve_in_sender(vm, &module, &qualname) {
            Some(found) if found.is(v) => {}
            _ => {
                return Err(vm.new_type_error(&format!(
                    "cannot pickle {kind} '{qualname}': it is not the same object as {module}.{qualname}"
                )))
            }
        }
        Ok(GlobalRef { module: Arc::from(module.as_str()), qualname: Arc::from(qualname.as_str()) })
    }

    /// Which module holds this builtin function: `builtins`, else the first module in
    /// `sys.modules` with it under its own name (pickle's `whichmodule`).
    fn find_builtin_function(
        &mut self,
        vm: &mut Vm<M>,
        v: &Value<M>,
        name: &str,
    ) -> Option<String> {
        let b = vm.interp.builtins.clone();
        if vm.dict_get_str(&b, name).is_some_and(|f| f.is(v)) {
            return Some("builtins".into());
        }
        let modules = vm.interp.imports.modules.clone();
        let Payload::Dict(t) = modules.payload() else { return None };
        let mods: Vec<(Value<M>, Value<M>)> =
            t.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect());
        for (k, m) in mods {
            if let Some(Payload::Module(m)) = m.payload() {
                if vm.dict_get_str(&m.dict, name).is_some_and(|f| f.is(v)) {
                    return k.as_str().map(String::from);
                }
            }
        }
        None
    }
}

/// A class's `__module__` (its own namespace entry; builtin classes are `builtins`).
fn class_module<M: ExecutionModel>(vm: &Vm<M>, cls: &ObjRef<M>) -> String {
    match cls.payload() {
        Payload::Class(c) => vm
            .dict_get_str(&c.dict, "__module__")
            .and_then(|m| m.as_str().map(String::from))
            .unwrap_or_else(|| "builtins".into()),
        _ => "builtins".into(),
    }
}

/// `module.qualname` in the sender's `sys.modules` (no import, no Python code besides
/// attribute lookups on classes).
fn resolve_in_sender<M: ExecutionModel>(
    vm: &mut Vm<M>,
    module: &str,
    qualname: &str,
) -> Option<Value<M>> {
    let mut cur = if module == "builtins" {
        Value::Obj(vm.interp.builtins.clone())
    } else {
        let modules = vm.interp.imports.modules.clone();
        vm.dict_get_str(&modules, module)?
    };
    for (i, part) in qualname.split('.').enumerate() {
        cur = if i == 0 && module == "builtins" {
            let b = vm.interp.builtins.clone();
            vm.dict_get_str(&b, part)?
        } else {
            vm.getattr_opt(&cur, part).ok().flatten()?
        };
    }
    Some(cur)
}

struct ImportCx<M: ExecutionModel> {
    /// Objects by memo index; `None` while a slot's object is still being built.
    memo: Vec<Option<Value<M>>>,
    items: u64,
    /// Cells and dict entries waiting for the definition they refer to (see `xi_defs.rs`).
    fixups: Vec<defs::Fixup<M>>,
}

impl<M: ExecutionModel> ImportCx<M> {
    fn import(&mut self, vm: &mut Vm<M>, s: &Shareable) -> PyResult<M> {
        self.items += 1;
        if !stack_ok(vm) {
            return Err(recursion_error(vm, "rebuilding an object from another interpreter"));
        }
        Ok(match s {
            Shareable::None => Value::None,
            Shareable::Bool(b) => Value::Bool(*b),
            Shareable::Int(i) => Value::Int(*i),
            Shareable::Float(f) => Value::Float(*f),
            Shareable::BigInt(b) => Value::from_bigint((**b).clone()),
            Shareable::Str(s) => Value::new_str(s.to_string()),
            Shareable::Bytes(b) => Value::Obj(ObjRef::new(Payload::Bytes(b.to_vec().into_boxed_slice()))),
            Shareable::Ellipsis => Value::Obj(vm.interp.singletons.ellipsis.clone()),
            Shareable::NotImplemented => Value::Obj(vm.interp.singletons.not_implemented.clone()),
            Shareable::Range { start, stop, step } => Value::Obj(ObjRef::new(Payload::Range(RangeObj { start: *start, stop: *stop, step: *step }))),
            Shareable::Slice(parts) => {
                let [a, b, c] = &**parts;
                let parts = [self.import(vm, a)?, self.import(vm, b)?, self.import(vm, c)?];
                Value::Obj(ObjRef::new(Payload::Slice(Box::new(parts))))
            }
            Shareable::Tuple(items) => Value::new_tuple(self.import_all(vm, items)?),
            Shareable::FrozenSet(items) => {
                let items = self.import_all(vm, items)?;
                vm.new_set(items, true)?
            }
            Shareable::List(items) => {
                let list = Value::new_list(Vec::new());
                self.memo.push(Some(list.clone()));
                let items = self.import_all(vm, items)?;
                if let Some(Payload::List(l)) = list.payload() {
                    l.with(|l| *l = items);
                }
                list
            }
            Shareable::Dict(items) => {
                let dict = Value::new_dict(DictTable::new());
                self.memo.push(Some(dict.clone()));
                self.fill_dict(vm, &dict, items)?;
                dict
            }
            Shareable::Set(items) => {
                let set = Value::Obj(ObjRef::new(Payload::Set(SetObj { table: Guarded::new(DictTable::new_set()), frozen: false })));
                self.memo.push(Some(set.clone()));
                for it in items {
                    let it = self.import(vm, it)?;
                    vm.set_add(&set, it)?;
                }
                set
            }
            Shareable::Global(r) => resolve_in_receiver(vm, r)?,
            Shareable::Function(data) => self.import_function(vm, data)?,
            Shareable::Class(data) => self.import_class(vm, data)?,
            Shareable::Module(name) => vm.import_module(name)?,
            Shareable::Detached(inner) => {
                let mut cx = ImportCx { memo: Vec::new(), items: 0, fixups: Vec::new() };
                let v = cx.import(vm, inner)?;
                cx.finish_fixups(vm)?;
                self.items += cx.items;
                v
            }
            Shareable::StaticMethod(f) => {
                let f = self.import(vm, f)?;
                Value::Obj(ObjRef::new(Payload::StaticMethod(f)))
            }
            Shareable::ClassMethod(f) => {
                let f = self.import(vm, f)?;
                Value::Obj(ObjRef::new(Payload::ClassMethod(f)))
            }
            Shareable::Property(parts) => {
                let [fget, fset, fdel, doc] = &**parts;
                let (fget, fset, fdel, doc) = (self.import(vm, fget)?, self.import(vm, fset)?, self.import(vm, fdel)?, self.import(vm, doc)?);
                Value::Obj(ObjRef::new(Payload::Property(crate::object::PropertyObj { fget, fset, fdel, doc })))
            }
            Shareable::Method { receiver, name } => {
                let receiver = self.import(vm, receiver)?;
                let name = Value::new_str(name.to_string());
                vm.getattr(&receiver, &name)?
            }
            Shareable::Instance(data) => {
                let InstanceData { class, class_def, attrs, state, native } = &**data;
                let slot = self.reserve();
                let cls = self.class_of_data(vm, class, class_def.as_ref())?;
                let native = match native {
                    Some(n) => Some(self.import(vm, n)?),
                    None => None,
                };
                let inst = vm.new_instance_with(&cls, native);
                self.memo[slot] = Some(inst.clone());
                let setstate = vm.class_lookup(&cls, "__setstate__");
                match (state, setstate) {
                    (Some(state), Some(f)) => {
                        let state = self.import(vm, state)?;
                        vm.call(&f, &[inst.clone(), state], &[])?;
                    }
                    (None, Some(f)) => {
                        let d = Value::new_dict(DictTable::new());
                        self.fill_dict(vm, &d, attrs)?;
                        vm.call(&f, &[inst.clone(), d], &[])?;
                    }
                    (Some(state), None) => {
                        let state = self.import(vm, state)?;
                        if let (Some(Payload::Instance(i)), Some(Payload::Dict(_))) = (inst.payload(), state.payload()) {
                            vm.dict_update(&Value::Obj(i.dict.clone()), &state)?;
                        } else if !state.is_none() {
                            let tn = vm.type_name(&inst);
                            return Err(vm.new_type_error(&format!("cannot restore the state of a '{tn}' object without __setstate__")));
                        }
                    }
                    (None, None) => {
                        if let Some(Payload::Instance(i)) = inst.payload() {
                            if i.slots.is_some() {
                                // Slot names go to their slots, the rest to `__dict__`.
                                for (k, v) in attrs {
                                    let k = self.import(vm, k)?;
                                    let v = self.import(vm, v)?;
                                    vm.generic_setattr(&inst, &k, v)?;
                                }
                            } else {
                                let d = Value::Obj(i.dict.clone());
                                self.fill_dict(vm, &d, attrs)?;
                            }
                        }
                    }
                }
                inst
            }
            Shareable::Exception(data) => {
                let ExceptionData { class, class_def, args, attrs } = &**data;
                let slot = self.reserve();
                let cls = self.class_of_data(vm, class, class_def.as_ref())?;
                let args = self.import_all(vm, args)?;
                let is_exc = matches!(cls.payload(), Payload::Class(c) if c.layout == Layout::Exception);
                if !is_exc {
                    return Err(vm.new_type_error(&format!("{}.{} is not an exception class in this interpreter", class.module, class.qualname)));
                }
                let exc = Value::Obj(vm.new_exception_obj(&cls, args));
                self.memo[slot] = Some(exc.clone());
                if let Some(Payload::Instance(i)) = exc.payload() {
                    let d = Value::Obj(i.dict.clone());
                    self.fill_dict(vm, &d, attrs)?;
                }
                exc
            }
            Shareable::Memo(i) => match self.memo.get(*i as usize) {
                Some(Some(v)) => v.clone(),
                _ => return Err(vm.new_value_error("cannot rebuild an object that refers to itself before it exists (a recursive exception or builtin-subclass value)")),
            },
        })
    }

    fn reserve(&mut self) -> usize {
        self.memo.push(None);
        self.memo.len() - 1
    }

    fn import_all(
        &mut self,
        vm: &mut Vm<M>,
        items: &[Shareable],
    ) -> Result<Vec<Value<M>>, PyErr<M>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(self.import(vm, it)?);
        }
        Ok(out)
    }

    fn fill_dict(
        &mut self,
        vm: &mut Vm<M>,
        dict: &Value<M>,
        items: &[(Shareable, Shareable)],
    ) -> Result<(), PyErr<M>> {
        let Some(d) = dict.obj().cloned() else { return Ok(()) };
        for (k, v) in items {
            let k = self.import(vm, k)?;
            // A value that is a definition still being rebuilt (a function in the namespace it
            // was made in) holds the key's place and is filled in at the end.
            if let Shareable::Memo(i) = v {
                if matches!(self.memo.get(*i as usize), Some(None)) {
                    vm.dict_set(&d, k.clone(), Value::None)?;
                    self.fixups.push(defs::Fixup::DictItem(d.clone(), k, *i));
                    continue;
                }
            }
            let v = self.import(vm, v)?;
            vm.dict_set(&d, k, v)?;
        }
        Ok(())
    }

    /// The class an instance was sent with: by value when `def` holds it, else by name.
    fn class_of_data(
        &mut self,
        vm: &mut Vm<M>,
        r: &GlobalRef,
        def: Option<&Shareable>,
    ) -> Result<ObjRef<M>, PyErr<M>> {
        let found = match def {
            Some(d) => self.import(vm, d)?,
            None => resolve_in_receiver(vm, r)?,
        };
        match found {
            Value::Obj(o) if matches!(o.payload(), Payload::Class(_)) => Ok(o),
            _ => Err(vm.new_type_error(&format!(
                "{}.{} is not a class in this interpreter",
                r.module, r.qualname
            ))),
        }
    }
}

/// Find `r` in the receiving interpreter: `sys.modules[module]` (imported if missing, except
/// `__main__`), then the dotted qualname. Nothing is run to find a name the receiver's
/// `__main__` lacks (see the module notes).
pub fn resolve_in_receiver<M: ExecutionModel>(vm: &mut Vm<M>, r: &GlobalRef) -> PyResult<M> {
    let module = &*r.module;
    let root = if module == "builtins" {
        None
    } else {
        let modules = vm.interp.imports.modules.clone();
        match vm.dict_get_str(&modules, module) {
            Some(m) => Some(m),
            None if module == "__main__" => return Err(missing_attr(vm, r)),
            None => Some(vm.import_module(module)?),
        }
    };
    let mut parts = r.qualname.split('.');
    let first = parts.next().unwrap_or("");
    let cur = match &root {
        None => {
            let b = vm.interp.builtins.clone();
            vm.dict_get_str(&b, first)
        }
        Some(m) => vm.getattr_opt(m, first)?,
    };
    let Some(mut cur) = cur else {
        return Err(missing_attr(vm, r));
    };
    for part in parts {
        cur = match vm.getattr_opt(&cur, part)? {
            Some(v) => v,
            None => return Err(missing_attr(vm, r)),
        };
    }
    Ok(cur)
}

fn missing_attr<M: ExecutionModel>(vm: &mut Vm<M>, r: &GlobalRef) -> PyErr<M> {
    let c = vm.types().attribute_error.clone();
    let hint = if &*r.module == "__main__" {
        " (each interpreter has its own __main__, and the main script is not run again in it: define the class in a module that interpreter can import, or bind it there with prepare_main or exec)"
    } else {
        ""
    };
    vm.new_error(
        &c,
        &format!("Can't get attribute '{}' on <module '{}'>{hint}", r.qualname, r.module),
    )
}

#[cfg(test)]
#[path = "xi_tests.rs"]
mod tests;

/// The set `__slots__` of instance `v` of `class`, as (name, value) pairs (member descriptors
/// of the class and its MRO).
fn slot_items<M: ExecutionModel>(v: &Value<M>, class: &ObjRef<M>) -> Vec<(Value<M>, Value<M>)> {
    let Payload::Class(c) = class.payload() else { return Vec::new() };
    let mut out = Vec::new();
    for cls in std::iter::once(class).chain(c.mro.iter()) {
        let Payload::Class(cc) = cls.payload() else { continue };
        let Payload::Dict(d) = cc.dict.payload() else { continue };
        let members: Vec<Value<M>> = d.with(|t| {
            t.iter()
                .filter(|e| matches!(e.value.payload(), Some(Payload::Member(_))))
                .map(|e| e.value.clone())
                .collect()
        });
        for m in members {
            if let Some(Payload::Member(mo)) = m.payload() {
                if let Some(val) = Vm::<M>::member_get(mo, v) {
                    out.push((mo.name.clone(), val));
                }
            }
        }
    }
    out
}
