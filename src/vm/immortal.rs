//! Deferred reference counting by immortalization (CPython 3.13t): once a second thread starts, shared definitions stop being refcount hot spots.
//!
//! In the free-threaded build every thread that calls a module-level function, reads a global,
//! creates an instance of a class or enters a frame would otherwise increment and decrement the
//! shared (atomic) count of the same few objects: the function, its code, the module's dict,
//! the class. Two cores then fight over those cache lines and a recursive function called from
//! two threads runs slower than from one (RustPython measures 3.3x slower on `fib`). CPython
//! 3.14 gives such objects deferred reference counts that the cyclic GC reconciles; 3.13t made
//! them immortal when the first thread started, and so does gilbench
//! ([`ExecutionModel::IMMORTALIZE_DEFINITIONS`]): modules and their dicts, non-nested functions
//! and their code objects, classes and their namespaces (with the staticmethods, classmethods
//! and properties defined there), the builtins. Definitions created
//! afterwards are immortal from birth. Nested functions (closures, lambdas) stay counted, so a
//! loop that makes them does not leak. The cost, as in 3.13t: those objects are never freed.
//! Models without the flag never get here, and their behaviour (including `__del__` timing and
//! `sys.getrefcount`) is unchanged.
#![forbid(unsafe_code)]

use std::sync::atomic::Ordering;

use crate::compiler::code::flags;
use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// Are definitions immortal from birth in this interpreter (threads have started)?
    #[inline(always)]
    pub fn immortalizing(&self) -> bool {
        M::IMMORTALIZE_DEFINITIONS && self.interp.immortalize.load(Ordering::Relaxed)
    }

    /// Called before another thread starts: the first time, make every existing definition
    /// reachable from `sys.modules` and the builtins immortal.
    pub fn start_immortalizing(&self) {
        if !M::IMMORTALIZE_DEFINITIONS || self.interp.immortalize.swap(true, Ordering::AcqRel) {
            return;
        }
        immortalize_namespace(&self.interp.builtins);
        let modules = self.interp.imports.modules.clone();
        modules.make_immortal();
        for v in dict_values(&modules) {
            immortalize_definition(&v);
        }
    }

    /// A new module-level definition (function, class, module) when immortalizing.
    #[inline]
    pub fn new_definition(&self, obj: &ObjRef<M>) {
        if self.immortalizing() {
            immortalize_definition(&Value::Obj(obj.clone()));
        }
    }
}

fn dict_values<M: ExecutionModel>(dict: &ObjRef<M>) -> Vec<Value<M>> {
    match dict.payload() {
        Payload::Dict(d) => d.read_versioned(|t| t.iter().map(|e| e.value.clone()).collect()).0,
        _ => Vec::new(),
    }
}

/// A dict whose values are definitions (a module's or a class's namespace, the builtins).
fn immortalize_namespace<M: ExecutionModel>(dict: &ObjRef<M>) {
    if dict.is_immortal() {
        return;
    }
    dict.make_immortal();
    for v in dict_values(dict) {
        immortalize_definition(&v);
    }
}

fn immortalize_definition<M: ExecutionModel>(v: &Value<M>) {
    let Value::Obj(o) = v else { return };
    if o.is_immortal() {
        return;
    }
    match o.payload() {
        Payload::Module(m) => {
            o.make_immortal();
            immortalize_namespace(&m.dict);
            // Its name, which every function defined in it reads (CPython interns module names,
            // and interned strings are immortal there).
            if let Some(Value::Obj(name)) = crate::vm::attr::dict_get_str_hashed(
                &m.dict,
                crate::object::hash_str("__name__"),
                "__name__",
            ) {
                if matches!(name.payload(), Payload::Str(_)) {
                    name.make_immortal();
                }
            }
        }
        Payload::Function(f) => {
            let nested = f.code_obj().code.flags & flags::NESTED != 0;
            if !nested {
                o.make_immortal();
                immortalize_code(&f.code);
            }
        }
        Payload::Class(c) => {
            o.make_immortal();
            immortalize_namespace(&c.dict);
        }
        Payload::Builtin(_) => o.make_immortal(),
        // The descriptors a class body defines (`object.__new__` is a staticmethod): every
        // instantiation or call looks them up, so they are as shared as the class itself.
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => {
            o.make_immortal();
            immortalize_definition(f);
        }
        Payload::Property(p) => {
            o.make_immortal();
            for f in [&p.fget, &p.fset, &p.fdel] {
                immortalize_definition(f);
            }
        }
        _ => {}
    }
}

/// An immortal function's code object, and the code objects of the functions, lambdas and
/// comprehensions nested in it: its constants, which it keeps for ever anyway, so making them
/// immortal frees nothing later; the closures a loop creates then share their code without
/// shared count traffic (CPython 3.14t counts code references per thread for the same reason).
fn immortalize_code<M: ExecutionModel>(code: &ObjRef<M>) {
    if code.is_immortal() {
        return;
    }
    code.make_immortal();
    if let Payload::Code(c) = code.payload() {
        for k in c.consts.iter() {
            if let Value::Obj(o) = k {
                if matches!(o.payload(), Payload::Code(_)) {
                    immortalize_code(o);
                }
            }
        }
    }
}
