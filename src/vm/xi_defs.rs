//! Definitions crossing interpreters by value: functions as code with the globals they use, classes of the main script rebuilt from their namespace, closure cells copied.
//!
//! Every interpreter has its own `__main__`, so a function or class of the main script cannot
//! be found by name in another interpreter. CPython 3.14 sends a *stateless* function (no
//! globals but builtins, no closure) as its code, and pickles everything else by name; to find
//! `__main__.f` a worker then re-runs the main script as `<fake __main__>`, which re-runs every
//! top-level line of a script without an `if __name__ == "__main__":` guard in every worker
//! (and, when that script starts workers itself, starts interpreters without end). Here nothing
//! is ever re-run. What crosses instead:
//!
//! * A function of the main script, a lambda, a nested function or any function whose name
//!   does not lead back to it ([`FunctionData`]): its `Arc<CodeObject>` (model-independent, so
//!   shared, not copied), names, defaults, `__dict__` and, for the main script's functions, its
//!   *dependencies*: every global of the main script its code (nested code included) names,
//!   copied by value. Modules travel by name (the receiver imports them), functions as code,
//!   classes as below, data as copies; a global that cannot be copied (a lock, a generator) is
//!   left out, and using it there is a `NameError`. A data global is copied *once per sending
//!   interpreter*, the first time a function needing it is sent, and that copy
//!   ([`Shareable::Detached`], with its own memo) goes with every later send and is skipped by a
//!   receiver that already has the name: a pool mapping a function over a large module-level
//!   table copies the table once, not once per task, and each worker rebuilds it once. So a
//!   worker sees a global as it was when it was first sent, as CPython's workers see the value
//!   their re-run of the script made, never the sender's later changes. The receiver rebuilds the function over its
//!   own module namespace (its `__main__` for main-script functions) and binds each dependency,
//!   and the function itself under its name, *only where that namespace lacks the name*: the
//!   first value a worker receives stays, and names set there by `prepare_main` win, much as
//!   the values a re-run would have made.
//! * A class of the main script ([`ClassData`]): metaclass, bases and namespace (methods as
//!   code), rebuilt by calling the metaclass in the receiver, once: when the receiver's
//!   `__main__` already has a class under that qualified name, that class is used, so instances
//!   sent back to the main interpreter are of its original class again. A class holding
//!   instances of itself (an enum) cannot be rebuilt from its namespace and is refused.
//! * A closure cannot be sent directly (CPython 3.14 refuses it too), but inside a definition
//!   that crosses by value (methods that `dataclasses` makes, a dependency made by a decorator
//!   factory) its cells are copied. A cell that refers to the definition being rebuilt (the
//!   `__class__` cell of a method calling `super()`) is filled in when that definition exists.
//!
//! Definitions are memoized like containers, so a function or class met twice in one value is
//! rebuilt once. Whatever crosses is a copy made when it was sent: a worker does not see later
//! changes to the sender's globals, and the sender does not see the worker's.
#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::sync::Arc;

use crate::compiler::{CodeObject, Constant};
use crate::object::{
    ClassObj, DictTable, FunctionMeta, FunctionObj, Guarded, ObjRef, Payload, PyErr, PyResult,
    Value,
};
use crate::runtime::ExecutionModel;

use super::{resolve_in_sender, ExportCx, ImportCx, Shareable};
use crate::vm::Vm;

/// Where a function rebuilt from its code finds its globals.
#[derive(Debug, Clone, PartialEq)]
pub enum GlobalsSpec {
    /// The receiver's module of this name: its own `__main__`, or the module (imported if needed).
    Module(Arc<str>),
    /// A namespace that is no module's (code run by `exec(src, ns)`), copied (a memoized dict).
    Private(Shareable),
}

/// A function as code (see the module notes).
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionData {
    pub code: Arc<CodeObject>,
    pub globals: GlobalsSpec,
    /// `__module__` (a str or None).
    pub module: Shareable,
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    pub defaults: Option<Vec<Shareable>>,
    pub kwdefaults: Option<Vec<(Shareable, Shareable)>>,
    pub doc: Shareable,
    /// The closure's cells, `None` for an empty one.
    pub cells: Option<Vec<Option<Shareable>>>,
    /// `f.__dict__`.
    pub attrs: Vec<(Shareable, Shareable)>,
    /// Globals of the main script the code names, bound in the receiver where missing.
    pub deps: Vec<(Arc<str>, Shareable)>,
    /// The module-level name the sender's `__main__` binds to this very function.
    pub bind_as: Option<Arc<str>>,
    /// The source text of the code's file, for the receiver's tracebacks.
    pub source: Option<Arc<str>>,
}

/// A class of the main script (see the module notes).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassData {
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    /// `None` for `type`.
    pub metaclass: Option<Shareable>,
    pub bases: Vec<Shareable>,
    /// The class `__dict__` without what the metaclass makes again (`__module__`,
    /// `__qualname__`, slot descriptors).
    pub namespace: Vec<(Arc<str>, Shareable)>,
}

/// State of one export that concerns definitions.
#[derive(Default)]
pub(super) struct DefsCx {
    /// Inside a definition crossing by value (closures allowed).
    depth: u32,
    /// Names of the main script already sent (or being sent) in this value, in order.
    sent: Vec<Arc<str>>,
    sent_set: HashSet<Arc<str>>,
    /// Addresses of classes whose namespace is being exported.
    classes: Vec<usize>,
    /// Addresses of data globals being copied on their own (enclosing exports included).
    detaching: Vec<usize>,
}

/// Data globals a sending interpreter keeps copied; past this many, later ones are copied per send.
const GLOBALS_CACHE: usize = 1024;

impl<M: ExecutionModel> ExportCx<M> {
    pub(super) fn defs_sent_len(&self) -> usize {
        self.defs.sent.len()
    }

    pub(super) fn defs_truncate(&mut self, len: usize) {
        for name in self.defs.sent.drain(len..) {
            self.defs.sent_set.remove(&name);
        }
    }
}

/// Every name the code and its nested code objects use (`co_names`, recursively).
fn names_used(code: &CodeObject, out: &mut Vec<Arc<str>>) {
    out.extend(code.names.iter().cloned());
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            names_used(inner, out);
        }
    }
}

fn is_type_error<M: ExecutionModel>(vm: &Vm<M>, e: &PyErr<M>) -> bool {
    let te = vm.types().type_error.clone();
    matches!(e.exc.payload(), Payload::Instance(i) if i.class.is(&te) || i.class_obj().mro.iter().any(|c| c.is(&te)))
}

/// The module object named `name` in `vm`'s `sys.modules`.
fn sender_module<M: ExecutionModel>(vm: &Vm<M>, name: &str) -> Option<ObjRef<M>> {
    let modules = vm.interp.imports.modules.clone();
    match vm.dict_get_str(&modules, name) {
        Some(Value::Obj(m)) if matches!(m.payload(), Payload::Module(_)) => Some(m),
        _ => None,
    }
}

fn module_dict<M: ExecutionModel>(m: &ObjRef<M>) -> Option<ObjRef<M>> {
    match m.payload() {
        Payload::Module(m) => Some(m.dict.clone()),
        _ => None,
    }
}

impl<M: ExecutionModel> ExportCx<M> {
    /// A function: by name when it is a module-level function of an importable module, else
    /// as [`FunctionData`].
    pub(super) fn export_function(
        &mut self,
        vm: &mut Vm<M>,
        v: &Value<M>,
        o: &ObjRef<M>,
        f: &FunctionObj<M>,
    ) -> Result<Shareable, PyErr<M>> {
        let (name, qualname, module, doc, dict) = f.meta.with(|m| {
            (m.name.clone(), m.qualname.clone(), m.module.clone(), m.doc.clone(), m.dict.clone())
        });
        let name_s = name.as_str().unwrap_or("").to_string();
        let qualname_s = qualname.as_str().unwrap_or("").to_string();
        let module_s = module.as_str().map(String::from);
        let code = f.code_obj().code.clone();
        let local = qualname_s.contains("<locals>") || qualname_s.contains("<lambda>");
        if let Some(m) = module_s.as_deref().filter(|m| *m != "__main__" && !local) {
            if resolve_in_sender(vm, m, &qualname_s).is_some_and(|found| found.is(v)) {
                return Ok(Shareable::Global(Box::new(super::GlobalRef {
                    module: Arc::from(m),
                    qualname: Arc::from(qualname_s.as_str()),
                })));
            }
        }
        let cells = f.closure.as_ref().filter(|c| !c.is_empty());
        if cells.is_some() && self.defs.depth == 0 {
            let names: Vec<String> = code.freevars.iter().map(|n| format!("'{n}'")).collect();
            return Err(vm.new_type_error(&format!(
                "only stateless functions are shareable: '{qualname_s}' is a closure (it uses {} of an enclosing function)",
                names.join(", ")
            )));
        }
        self.remember(v, o);
        // A main-script function bound at module level under its own name is sent as that name,
        // so that its recursive calls find it in the receiver.
        let main = sender_module(vm, "__main__");
        let main_dict = main.as_ref().and_then(module_dict);
        let is_main_globals = main_dict.as_ref().is_some_and(|d| d.is(&f.globals));
        let bind_as = if is_main_globals && !qualname_s.contains('.') && !local {
            match vm.dict_get_str(&f.globals, &name_s) {
                Some(found) if found.is(v) => Some(Arc::<str>::from(name_s.as_str())),
                _ => None,
            }
        } else {
            None
        };
        if let Some(n) = &bind_as {
            self.mark_sent(n);
        }
        self.defs.depth += 1;
        let r = self.function_parts(
            vm,
            f,
            &code,
            is_main_globals,
            module_s.as_deref(),
            doc,
            dict,
            cells.map(|c| c.to_vec()),
        );
        self.defs.depth -= 1;
        let (globals, defaults, kwdefaults, doc, cells, attrs, deps) = r?;
        let source = vm.interp.sources.lock().get(&*code.filename).cloned();
        let module = match module_s {
            Some(m) => Shareable::Str(Arc::from(m.as_str())),
            None => Shareable::None,
        };
        self.bytes += 64;
        Ok(Shareable::Function(Box::new(FunctionData {
            code,
            globals,
            module,
            name: Arc::from(name_s.as_str()),
            qualname: Arc::from(qualname_s.as_str()),
            defaults,
            kwdefaults,
            doc,
            cells,
            attrs,
            deps,
            bind_as,
            source,
        })))
    }

    #[allow(clippy::type_complexity, clippy::too_many_arguments)]
    fn function_parts(
        &mut self,
        vm: &mut Vm<M>,
        f: &FunctionObj<M>,
        code: &Arc<CodeObject>,
        is_main_globals: bool,
        module: Option<&str>,
        doc: Value<M>,
        dict: Option<ObjRef<M>>,
        cells: Option<Vec<ObjRef<M>>>,
    ) -> Result<
        (
            GlobalsSpec,
            Option<Vec<Shareable>>,
            Option<Vec<(Shareable, Shareable)>>,
            Shareable,
            Option<Vec<Option<Shareable>>>,
            Vec<(Shareable, Shareable)>,
            Vec<(Arc<str>, Shareable)>,
        ),
        PyErr<M>,
    > {
        let module_globals = is_main_globals
            || module
                .and_then(|m| sender_module(vm, m))
                .and_then(|m| module_dict(&m))
                .is_some_and(|d| d.is(&f.globals));
        let globals = if is_main_globals {
            GlobalsSpec::Module(Arc::from("__main__"))
        } else if module_globals {
            GlobalsSpec::Module(Arc::from(module.unwrap_or("__main__")))
        } else {
            GlobalsSpec::Private(self.export_namespace(vm, &f.globals)?)
        };
        let defaults = match f.defaults.as_ref().map(|d| Value::Obj(d.clone())) {
            Some(d) => match d.as_tuple() {
                Some(t) => Some(self.export_all(vm, t)?),
                None => None,
            },
            None => None,
        };
        let kwdefaults = match &f.kwdefaults {
            Some(d) => Some(self.export_dict_items(vm, d)?),
            None => None,
        };
        let doc = self.export(vm, &doc)?;
        let cells = match cells {
            Some(cells) => {
                let mut out = Vec::with_capacity(cells.len());
                for c in cells {
                    let content = match c.payload() {
                        Payload::Cell(g) => g.with(|v| v.clone()),
                        _ => Value::Null,
                    };
                    out.push(if matches!(content, Value::Null) {
                        None
                    } else {
                        Some(self.export(vm, &content)?)
                    });
                }
                Some(out)
            }
            None => None,
        };
        let attrs = match &dict {
            Some(d) => self.export_dict_items(vm, d)?,
            None => Vec::new(),
        };
        let deps = if is_main_globals { self.main_deps(vm, &f.globals, code)? } else { Vec::new() };
        Ok((globals, defaults, kwdefaults, doc, cells, attrs, deps))
    }

    fn export_dict_items(
        &mut self,
        vm: &mut Vm<M>,
        d: &ObjRef<M>,
    ) -> Result<Vec<(Shareable, Shareable)>, PyErr<M>> {
        let items = match d.payload() {
            Payload::Dict(t) => {
                t.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<Vec<_>>())
            }
            _ => Vec::new(),
        };
        self.export_pairs(vm, &items)
    }

    fn mark_sent(&mut self, name: &Arc<str>) -> bool {
        if self.defs.sent_set.insert(name.clone()) {
            self.defs.sent.push(name.clone());
            true
        } else {
            false
        }
    }

    /// The main script's globals that `code` names and this value has not sent yet.
    fn main_deps(
        &mut self,
        vm: &mut Vm<M>,
        globals: &ObjRef<M>,
        code: &CodeObject,
    ) -> Result<Vec<(Arc<str>, Shareable)>, PyErr<M>> {
        let mut names = Vec::new();
        names_used(code, &mut names);
        let mut out = Vec::new();
        for name in names {
            if self.defs.sent_set.contains(&name) {
                continue;
            }
            let Some(value) = vm.dict_get_str(globals, &name) else { continue };
            self.mark_sent(&name);
            if let Some(s) = self.export_dep(vm, Some(&name), &value)? {
                out.push((name, s));
            }
        }
        Ok(out)
    }

    /// A global for another interpreter: a module by name, anything else copied; `None` when
    /// it cannot be copied (the export is rolled back, so the memo stays aligned).
    fn export_dep(
        &mut self,
        vm: &mut Vm<M>,
        name: Option<&Arc<str>>,
        value: &Value<M>,
    ) -> Result<Option<Shareable>, PyErr<M>> {
        if let Some(Payload::Module(_)) = value.payload() {
            let name =
                vm.getattr_opt(value, "__name__")?.and_then(|n| n.as_str().map(String::from));
            return Ok(match name {
                Some(n) if n != "__main__" => Some(Shareable::Module(Arc::from(n.as_str()))),
                _ => None,
            });
        }
        if let (Some(name), Value::Obj(o)) = (name, value) {
            if !matches!(
                o.payload(),
                Payload::Function(_) | Payload::Class(_) | Payload::Builtin(_)
            ) {
                return self.export_detached(vm, name, value, o);
            }
        }
        let mark = self.checkpoint();
        match self.export(vm, value) {
            Ok(s) => Ok(Some(s)),
            Err(e) if is_type_error(vm, &e) => {
                self.rollback(mark);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// A data global of the main script, copied once per sending interpreter (see the module
    /// notes) on its own, so the copy can be sent again and skipped by a receiver that has it.
    fn export_detached(
        &mut self,
        vm: &mut Vm<M>,
        name: &Arc<str>,
        value: &Value<M>,
        o: &ObjRef<M>,
    ) -> Result<Option<Shareable>, PyErr<M>> {
        if self.defs.detaching.contains(&o.id()) {
            return Ok(None);
        }
        if let Some((_, s)) = vm.interp.xi.globals.lock().get(&o.id()) {
            return Ok(Some(Shareable::Detached(s.clone())));
        }
        let mut detaching = self.defs.detaching.clone();
        detaching.push(o.id());
        let defs = DefsCx { depth: 1, detaching, ..Default::default() };
        let mut cx = ExportCx {
            memo: Default::default(),
            keep: Vec::new(),
            strs: Default::default(),
            items: 0,
            bytes: 0,
            defs,
        };
        cx.mark_sent(name);
        match cx.export(vm, value) {
            Ok(s) => {
                self.items += cx.items;
                self.bytes += cx.bytes;
                let s = Arc::new(s);
                let mut cache = vm.interp.xi.globals.lock();
                if cache.len() < GLOBALS_CACHE {
                    cache.insert(o.id(), (value.clone(), s.clone()));
                }
                Ok(Some(Shareable::Detached(s)))
            }
            Err(e) if is_type_error(vm, &e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A namespace that is no module's: a memoized dict of its copyable entries.
    fn export_namespace(&mut self, vm: &mut Vm<M>, ns: &ObjRef<M>) -> Result<Shareable, PyErr<M>> {
        if let Some(&i) = self.memo.get(&ns.id()) {
            return Ok(Shareable::Memo(i));
        }
        self.remember(&Value::Obj(ns.clone()), ns);
        let items = match ns.payload() {
            Payload::Dict(t) => {
                t.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<Vec<_>>())
            }
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for (k, v) in items {
            if k.as_str() == Some("__builtins__") {
                continue;
            }
            let Some(v) = self.export_dep(vm, None, &v)? else { continue };
            let k = self.export(vm, &k)?;
            out.push((k, v));
        }
        Ok(Shareable::Dict(out))
    }

    /// Whether instances of `cls` go with their class by value (a Python class of the main script).
    pub(super) fn class_by_value(vm: &Vm<M>, cls: &ObjRef<M>) -> bool {
        match cls.payload() {
            Payload::Class(c) => {
                c.layout != crate::object::Layout::Builtin
                    && super::class_module(vm, cls) == "__main__"
            }
            _ => false,
        }
    }

    /// A class of the main script as [`ClassData`] (memoized).
    pub(super) fn export_class(
        &mut self,
        vm: &mut Vm<M>,
        v: &Value<M>,
        o: &ObjRef<M>,
        c: &ClassObj<M>,
    ) -> Result<Shareable, PyErr<M>> {
        if let Some(&i) = self.memo.get(&o.id()) {
            return Ok(Shareable::Memo(i));
        }
        if self.defs.classes.contains(&o.id()) {
            return Err(vm.new_type_error(&format!(
                "cannot send class '{}' of the main script: it holds instances of itself (an enum?), so it cannot be rebuilt from its namespace; define it in a module the other interpreter can import",
                c.qualname
            )));
        }
        self.remember(v, o);
        if !c.qualname.contains('.') {
            self.mark_sent(&Arc::from(c.name.as_str()));
        }
        self.defs.depth += 1;
        self.defs.classes.push(o.id());
        let r = self.class_parts(vm, v, c);
        self.defs.classes.pop();
        self.defs.depth -= 1;
        let (metaclass, bases, namespace) = r?;
        Ok(Shareable::Class(Box::new(ClassData {
            name: Arc::from(c.name.as_str()),
            qualname: Arc::from(c.qualname.as_str()),
            metaclass,
            bases,
            namespace,
        })))
    }

    #[allow(clippy::type_complexity)]
    fn class_parts(
        &mut self,
        vm: &mut Vm<M>,
        v: &Value<M>,
        c: &ClassObj<M>,
    ) -> Result<(Option<Shareable>, Vec<Shareable>, Vec<(Arc<str>, Shareable)>), PyErr<M>> {
        let meta = vm.class_of(v);
        let metaclass = if meta.is(&vm.types().type_) {
            None
        } else {
            Some(self.export(vm, &Value::Obj(meta))?)
        };
        let mut bases = Vec::with_capacity(c.bases.len());
        for b in &c.bases {
            bases.push(self.export(vm, &Value::Obj(b.clone()))?);
        }
        let items = match c.dict.payload() {
            Payload::Dict(t) => {
                t.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect::<Vec<_>>())
            }
            _ => Vec::new(),
        };
        let mut namespace = Vec::with_capacity(items.len());
        for (k, val) in items {
            let Some(k) = k.as_str().map(Arc::<str>::from) else { continue };
            if matches!(&*k, "__module__" | "__qualname__" | "__dict__" | "__weakref__")
                || matches!(val.payload(), Some(Payload::Member(_)))
            {
                continue;
            }
            let s = self.export(vm, &val).map_err(|e| {
                if is_type_error(vm, &e) {
                    let msg = vm.exception_str(&e.exc).unwrap_or_default();
                    vm.new_type_error(&format!(
                        "cannot send class '{}' of the main script: its attribute '{k}': {msg}",
                        c.qualname
                    ))
                } else {
                    e
                }
            })?;
            namespace.push((k, s));
        }
        Ok((metaclass, bases, namespace))
    }
}

/// A place to fill once the definition it refers to exists (see [`ImportCx::finish_fixups`]).
pub(super) enum Fixup<M: ExecutionModel> {
    /// A closure cell and the memo index of its content.
    Cell(ObjRef<M>, u32),
    /// A dict, a key and the memo index of its value.
    DictItem(ObjRef<M>, Value<M>, u32),
}

impl<M: ExecutionModel> ImportCx<M> {
    /// A function rebuilt from its code over this interpreter's namespace of its module.
    pub(super) fn import_function(&mut self, vm: &mut Vm<M>, d: &FunctionData) -> PyResult<M> {
        let slot = self.reserve();
        let globals = match &d.globals {
            GlobalsSpec::Module(name) => {
                let m = receiver_module(vm, name)?;
                match module_dict(&m) {
                    Some(d) => d,
                    None => {
                        return Err(vm.new_type_error(&format!(
                            "{name} is not a module in this interpreter"
                        )))
                    }
                }
            }
            GlobalsSpec::Private(ns) => match self.import(vm, ns)? {
                Value::Obj(o) if matches!(o.payload(), Payload::Dict(_)) => o,
                _ => return Err(vm.new_type_error("malformed function namespace")),
            },
        };
        if let Some(src) = &d.source {
            let mut sources = vm.interp.sources.lock();
            if !sources.contains_key(&*d.code.filename) {
                sources.insert(d.code.filename.to_string(), src.clone());
            }
        }
        let code = vm.shared_code(&d.code);
        let defaults = match &d.defaults {
            Some(items) => Some(Value::new_tuple(self.import_all(vm, items)?)),
            None => None,
        };
        let kwdefaults = match &d.kwdefaults {
            Some(items) => {
                let dict = Value::new_dict(DictTable::new());
                self.fill_dict(vm, &dict, items)?;
                Some(dict)
            }
            None => None,
        };
        let doc = self.import(vm, &d.doc)?;
        let module = self.import(vm, &d.module)?;
        let closure = match &d.cells {
            Some(cells) => {
                let mut out = Vec::with_capacity(cells.len());
                for c in cells {
                    out.push(self.import_cell(vm, c.as_ref())?);
                }
                Some(out.into_boxed_slice())
            }
            None => None,
        };
        let attrs = if d.attrs.is_empty() {
            None
        } else {
            let dict = Value::new_dict(DictTable::new());
            self.fill_dict(vm, &dict, &d.attrs)?;
            dict.obj().cloned()
        };
        let func = Value::Obj(ObjRef::new(Payload::Function(FunctionObj {
            code,
            globals: globals.clone(),
            defaults: defaults.and_then(|v| v.obj().cloned()),
            kwdefaults: kwdefaults.and_then(|v| v.obj().cloned()),
            closure,
            meta: Guarded::new(FunctionMeta {
                name: Value::new_str(d.name.to_string()),
                qualname: Value::new_str(d.qualname.to_string()),
                doc,
                module,
                annotations: Value::None,
                dict: attrs,
            }),
        })));
        self.memo[slot] = Some(func.clone());
        // Dependencies after the function exists: one of them may hold the function itself.
        for (name, s) in &d.deps {
            let present = vm.dict_get_str(&globals, name).is_some();
            if present && matches!(s, Shareable::Detached(_)) {
                continue; // copied on its own: skipping it leaves the memo aligned
            }
            let v = self.import(vm, s)?;
            if !present {
                vm.dict_set_str(&globals, name, v);
            }
        }
        if let Some(name) = &d.bind_as {
            if vm.dict_get_str(&globals, name).is_none() {
                vm.dict_set_str(&globals, name, func.clone());
            }
        }
        Ok(func)
    }

    /// A closure cell; one whose content is a definition still being rebuilt is filled later.
    fn import_cell(
        &mut self,
        vm: &mut Vm<M>,
        content: Option<&Shareable>,
    ) -> Result<ObjRef<M>, PyErr<M>> {
        let cell = ObjRef::new(Payload::Cell(Guarded::new(Value::Null)));
        match content {
            None => {}
            Some(Shareable::Memo(i)) if matches!(self.memo.get(*i as usize), Some(None)) => {
                self.fixups.push(Fixup::Cell(cell.clone(), *i))
            }
            Some(s) => {
                let v = self.import(vm, s)?;
                if let Payload::Cell(g) = cell.payload() {
                    g.with(|c| *c = v);
                }
            }
        }
        Ok(cell)
    }

    /// Fill the places that waited for a definition (the whole value has been rebuilt).
    pub(super) fn finish_fixups(&mut self, vm: &mut Vm<M>) -> Result<(), PyErr<M>> {
        for f in std::mem::take(&mut self.fixups) {
            let (Fixup::Cell(_, i) | Fixup::DictItem(_, _, i)) = &f;
            let Some(Some(v)) = self.memo.get(*i as usize).cloned() else { continue };
            match f {
                Fixup::Cell(cell, _) => {
                    if let Payload::Cell(g) = cell.payload() {
                        g.with(|c| *c = v);
                    }
                }
                Fixup::DictItem(d, k, _) => vm.dict_set(&d, k, v)?,
            }
        }
        Ok(())
    }

    /// A class of the main script: the receiver's own class of that name if it has one, else
    /// rebuilt by its metaclass (and bound in the receiver's `__main__`).
    pub(super) fn import_class(&mut self, vm: &mut Vm<M>, d: &ClassData) -> PyResult<M> {
        let slot = self.reserve();
        let metaclass = match &d.metaclass {
            Some(m) => self.import(vm, m)?,
            None => Value::Obj(vm.types().type_.clone()),
        };
        let bases = self.import_all(vm, &d.bases)?;
        let ns = Value::new_dict(DictTable::new());
        let Some(ns_obj) = ns.obj().cloned() else { unreachable!("a new dict is an object") };
        for (k, s) in &d.namespace {
            let v = self.import(vm, s)?;
            vm.dict_set_str(&ns_obj, k, v);
        }
        let main = receiver_module(vm, "__main__")?;
        let existing = existing_class(vm, &main, &d.qualname)?;
        let cls = match existing {
            Some(c) => c,
            None => {
                vm.dict_set_str(&ns_obj, "__module__", Value::new_str("__main__"));
                vm.dict_set_str(&ns_obj, "__qualname__", Value::new_str(d.qualname.to_string()));
                let args = [Value::new_str(d.name.to_string()), Value::new_tuple(bases), ns];
                let cls = vm.call(&metaclass, &args, &[])?;
                if !d.qualname.contains('.') {
                    if let Some(md) = module_dict(&main) {
                        if vm.dict_get_str(&md, &d.name).is_none() {
                            vm.dict_set_str(&md, &d.name, cls.clone());
                        }
                    }
                }
                cls
            }
        };
        self.memo[slot] = Some(cls.clone());
        Ok(cls)
    }
}

/// The class the receiver's `__main__` has under `qualname`, if any.
fn existing_class<M: ExecutionModel>(
    vm: &mut Vm<M>,
    main: &ObjRef<M>,
    qualname: &str,
) -> Result<Option<Value<M>>, PyErr<M>> {
    let mut cur = Value::Obj(main.clone());
    for part in qualname.split('.') {
        match vm.getattr_opt(&cur, part)? {
            Some(v) => cur = v,
            None => return Ok(None),
        }
    }
    Ok(matches!(cur.payload(), Some(Payload::Class(_))).then_some(cur))
}

/// The receiver's module `name`: its `__main__` (made empty if it has none), else
/// `sys.modules[name]`, imported if missing.
pub(super) fn receiver_module<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
) -> Result<ObjRef<M>, PyErr<M>> {
    if let Some(m) = sender_module(vm, name) {
        return Ok(m);
    }
    if name == "__main__" {
        return Ok(vm.new_module("__main__", None));
    }
    match vm.import_module(name)? {
        Value::Obj(m) if matches!(m.payload(), Payload::Module(_)) => Ok(m),
        _ => Err(vm.new_type_error(&format!("{name} is not a module in this interpreter"))),
    }
}

/// Received code objects kept per interpreter; past this many, code is materialised per function
/// (a sender that compiles new code for every call).
const SHARED_CODE_CACHE: usize = 4096;

impl<M: ExecutionModel> Vm<M> {
    /// This interpreter's code object for a received `CodeObject` (materialised once).
    fn shared_code(&mut self, code: &Arc<CodeObject>) -> ObjRef<M> {
        let key = Arc::as_ptr(code) as usize;
        if let Some((_, obj)) = self.interp.xi.code.lock().get(&key) {
            return obj.clone();
        }
        let obj = self.materialize_code(code);
        let mut cache = self.interp.xi.code.lock();
        if cache.len() < SHARED_CODE_CACHE {
            cache.insert(key, (code.clone(), obj.clone()));
        }
        obj
    }
}
