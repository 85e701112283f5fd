//! Calls: functions (argument binding to frame slots), builtins, bound methods, classes, generators.
#![forbid(unsafe_code)]

use std::sync::Arc;

use crate::compiler::{CodeObject, Constant};
use crate::object::{
    CodeObj, DictTable, FunctionMeta, FunctionObj, GenState, GeneratorObj, Guarded, InstanceObj,
    Layout, MethodObj, ObjRef, Payload, PyErr, PyResult, Value,
};
use crate::runtime::ExecutionModel;

use super::Vm;
use crate::object::frame::Frame;

impl<M: ExecutionModel> Vm<M> {
    /// Turn a compiled code object into a runtime code object (constants become values;
    /// nested code objects are materialised recursively). Constants are immortal.
    pub fn materialize_code(&mut self, code: &Arc<CodeObject>) -> ObjRef<M> {
        if mentions_frames(code) {
            self.observe_frames();
        }
        let consts: Vec<Value<M>> = code.consts.iter().map(|c| self.constant_value(c)).collect();
        let names: Vec<Value<M>> = code.names.iter().map(|n| self.intern(n)).collect();
        let varnames: Vec<Value<M>> = code.varnames.iter().map(|n| self.intern(n)).collect();
        let obj = ObjRef::new(Payload::Code(CodeObj {
            code: code.clone(),
            consts: consts.into_boxed_slice(),
            names: names.into_boxed_slice(),
            varnames: varnames.into_boxed_slice(),
        }));
        obj.make_immortal();
        obj
    }

    /// An immortal str for a name (attribute, global, parameter names).
    pub fn intern(&mut self, s: &str) -> Value<M> {
        let v = Value::new_str(s);
        if let Value::Obj(o) = &v {
            o.make_immortal();
        }
        v
    }

    fn constant_value(&mut self, c: &Constant) -> Value<M> {
        let v = match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(b) => Value::from_bigint(b.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::new_str(s.to_string()),
            Constant::Bytes(b) => {
                Value::Obj(ObjRef::new(Payload::Bytes(b.to_vec().into_boxed_slice())))
            }
            Constant::Tuple(items) => {
                Value::new_tuple(items.iter().map(|c| self.constant_value(c)).collect())
            }
            Constant::Code(code) => Value::Obj(self.materialize_code(code)),
            Constant::Ellipsis => Value::Obj(self.interp.singletons.ellipsis.clone()),
        };
        if let Value::Obj(o) = &v {
            o.make_immortal();
        }
        v
    }

    /// `MAKE_FUNCTION`.
    #[allow(clippy::too_many_arguments)]
    pub fn make_function(
        &mut self,
        code: Value<M>,
        qualname: Value<M>,
        globals: ObjRef<M>,
        defaults: Option<Value<M>>,
        kwdefaults: Option<Value<M>>,
        annotations: Option<Value<M>>,
        closure: Option<Value<M>>,
    ) -> PyResult<M> {
        let Value::Obj(code) = code else {
            return Err(self.new_type_error("MAKE_FUNCTION without code"));
        };
        let (name, doc) = match code.payload() {
            Payload::Code(c) => {
                // CPython 3.11: a function's first constant is its docstring (or None).
                let doc = match c.consts.first() {
                    Some(v)
                        if v.as_str().is_some()
                            && c.code.flags & crate::compiler::code::flags::OPTIMIZED != 0 =>
                    {
                        v.clone()
                    }
                    _ => Value::None,
                };
                (Value::new_str(c.code.name.to_string()), doc)
            }
            _ => return Err(self.new_type_error("MAKE_FUNCTION without code")),
        };
        let closure = closure.map(|t| {
            t.as_tuple()
                .unwrap_or(&[])
                .iter()
                .filter_map(|c| c.obj().cloned())
                .collect::<Vec<_>>()
                .into_boxed_slice()
        });
        // From an immortal module dict through the per-thread cache: threads that create
        // closures of one module neither lock its dict nor count its name.
        let cached = if globals.is_immortal() {
            let key = self.interp.singletons.dunder_name.clone();
            self.load_module_attr_cached(&globals, &key)
        } else {
            None
        };
        let module = match cached {
            Some(v) => v,
            None => self.dict_get_str(&globals, "__name__").unwrap_or(Value::None),
        };
        let func = FunctionObj {
            code,
            globals,
            defaults: defaults.and_then(|d| d.obj().cloned()),
            kwdefaults: kwdefaults.and_then(|d| d.obj().cloned()),
            closure,
            meta: Guarded::new(FunctionMeta {
                name,
                qualname,
                doc,
                module,
                annotations: annotations.unwrap_or(Value::None),
                dict: None,
            }),
        };
        let func = ObjRef::new(Payload::Function(func));
        self.new_definition(&func);
        Ok(Value::Obj(func))
    }

    /// Call any callable. `args` holds positional values then keyword values; `kwnames` (str
    /// values) names the trailing keyword ones.
    pub fn call(
        &mut self,
        callable: &Value<M>,
        args: &[Value<M>],
        kwnames: &[Value<M>],
    ) -> PyResult<M> {
        let Value::Obj(obj) = callable else {
            let tn = self.type_name(callable);
            return Err(self.new_type_error(&format!("'{tn}' object is not callable")));
        };
        match obj.payload() {
            Payload::Function(func) => self.call_function(obj, func, args, kwnames),
            Payload::Builtin(b) => {
                if b.owner.is_some() {
                    if let Some(Value::Obj(first)) = args.first() {
                        if let Payload::Instance(InstanceObj { native: Some(_), .. }) =
                            first.payload()
                        {
                            return crate::types::native_subclass::call_inherited(
                                self, b, args, kwnames,
                            );
                        }
                    }
                }
                (b.func)(self, args, kwnames)
            }
            Payload::Method(m) => {
                // `m` lives as long as `callable`, which the caller holds for the whole call:
                // the receiver is passed borrowed, uncounted (a list another thread made costs
                // no shared refcount operation per `append(x)`).
                crate::object::header::with_receiver_prepended(&m.self_, args, |full| {
                    self.call(&m.func, full, kwnames)
                })
            }
            Payload::Class(_) => self.call_class(obj, args, kwnames),
            Payload::Instance(_) => match self.lookup_special(callable, "__call__")? {
                Some(f) => {
                    let mut full = Vec::with_capacity(args.len() + 1);
                    full.push(callable.clone());
                    full.extend_from_slice(args);
                    self.call(&f, &full, kwnames)
                }
                None => {
                    let tn = self.type_name(callable);
                    Err(self.new_type_error(&format!("'{tn}' object is not callable")))
                }
            },
            Payload::StaticMethod(f) => {
                let f = f.clone();
                self.call(&f, args, kwnames)
            }
            _ => {
                let tn = self.type_name(callable);
                Err(self.new_type_error(&format!("'{tn}' object is not callable")))
            }
        }
    }

    /// `CALL_FUNCTION_EX`: `args` is any iterable, `kwargs` a mapping.
    pub fn call_ex(
        &mut self,
        func: &Value<M>,
        args: &Value<M>,
        kwargs: Option<&Value<M>>,
    ) -> PyResult<M> {
        let mut all = match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => self.star_args_vec(func, args)?,
        };
        let mut names = Vec::new();
        if let Some(kw) = kwargs {
            let items = self.dict_items_vec(kw)?;
            for (k, v) in items {
                if k.as_str().is_none() {
                    return Err(self.new_type_error("keywords must be strings"));
                }
                names.push(k);
                all.push(v);
            }
        }
        self.call(func, &all, &names)
    }

    fn call_function(
        &mut self,
        fobj: &ObjRef<M>,
        func: &FunctionObj<M>,
        args: &[Value<M>],
        kwnames: &[Value<M>],
    ) -> PyResult<M> {
        let co = func.code_obj();
        let code = &co.code;
        let mut frame = self.new_function_frame(func);
        if kwnames.is_empty() && binds_positionally(code, args.len()) {
            for (slot, a) in frame.slots.iter_mut().zip(args.iter()) {
                *slot = a.clone();
            }
        } else {
            self.bind_arguments(fobj, func, &mut frame, args, kwnames)?;
        }
        self.enter_function_frame(func, frame)
    }

    /// Call `callable` with positional arguments the caller gives up (its value stack's top):
    /// a Python function whose parameters take them one for one moves them into its frame, as
    /// CPython's frames take over their arguments, so no count is taken and dropped again per
    /// argument (nor a shared one for an object another thread owns). Each moved slot is left
    /// `Null`; anything else is called as [`Vm::call`] does, with the slots untouched.
    pub fn call_moving_args(&mut self, callable: &Value<M>, args: &mut [Value<M>]) -> PyResult<M> {
        if let Some(Payload::Function(func)) = callable.payload() {
            let co = func.code_obj();
            let code = &co.code;
            if binds_positionally(code, args.len()) {
                let mut frame = self.new_function_frame(func);
                for (slot, a) in frame.slots.iter_mut().zip(args.iter_mut()) {
                    *slot = std::mem::replace(a, Value::Null);
                }
                return self.enter_function_frame(func, frame);
            }
        }
        self.call(callable, args, &[])
    }

    /// A frame for a call of `func`, its slots from the pool (most calls allocate nothing).
    #[inline]
    fn new_function_frame(&mut self, func: &FunctionObj<M>) -> Frame<M> {
        let slots = self.slot_pool.pop().unwrap_or_default();
        Frame::with_slots(func.code.clone(), func.globals.clone(), None, slots)
    }

    /// Run a function's frame whose parameters are bound: cells, then a generator or the body.
    fn enter_function_frame(&mut self, func: &FunctionObj<M>, mut frame: Frame<M>) -> PyResult<M> {
        let co = func.code_obj();
        let code = &co.code;
        if !code.cellvars.is_empty() || !code.freevars.is_empty() {
            self.init_cells(func, &mut frame);
        }
        if code.is_generator() {
            return Ok(self.new_generator(func, frame));
        }
        let result = self.run_frame_checked(&mut frame);
        // Recycle the locals/stack vector: most calls then allocate nothing for their frame.
        let mut slots = std::mem::take(&mut frame.slots);
        slots.clear();
        if self.slot_pool.len() < 64 && slots.capacity() <= 256 {
            self.slot_pool.push(slots);
        }
        result
    }

    fn init_cells(&mut self, func: &FunctionObj<M>, frame: &mut Frame<M>) {
        let code = func.code_obj().code.clone();
        for cell_name in code.cellvars.iter() {
            // A parameter that is captured starts with the argument's value.
            let init = code
                .varnames
                .iter()
                .take(code.total_params())
                .position(|v| v == cell_name)
                .map(|i| frame.slots[i].clone())
                .unwrap_or(Value::Null);
            frame.cells.push(ObjRef::new(Payload::Cell(Guarded::new(init))));
        }
        if let Some(closure) = &func.closure {
            frame.cells.extend(closure.iter().cloned());
        }
    }

    fn new_generator(&mut self, func: &FunctionObj<M>, frame: Frame<M>) -> Value<M> {
        let (name, qualname) = func.meta.with(|m| (m.name.clone(), m.qualname.clone()));
        let gen = GeneratorObj {
            name: name.as_str().unwrap_or("").to_string(),
            qualname: qualname.as_str().unwrap_or("").to_string(),
            state: Guarded::new(GenState {
                frame: Some(Box::new(frame)),
                running: false,
                started: false,
                finished: false,
            }),
        };
        Value::Obj(ObjRef::new(Payload::Generator(gen)))
    }

    /// Full CPython argument binding: positional, keywords, defaults, `*args`, `**kwargs`,
    /// keyword-only and positional-only parameters, with CPython's error messages.
    fn bind_arguments(
        &mut self,
        _fobj: &ObjRef<M>,
        func: &FunctionObj<M>,
        frame: &mut Frame<M>,
        args: &[Value<M>],
        kwnames: &[Value<M>],
    ) -> Result<(), PyErr<M>> {
        let co = func.code_obj();
        let code = co.code.clone();
        let fname = func.meta.with(|m| m.qualname.as_str().unwrap_or("?").to_string());
        let argcount = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let npos = args.len() - kwnames.len();
        let varargs_slot = if code.has_varargs() { Some(argcount + kwonly) } else { None };
        let varkw_slot = if code.has_varkeywords() {
            Some(argcount + kwonly + code.has_varargs() as usize)
        } else {
            None
        };

        let n = npos.min(argcount);
        frame.slots[..n].clone_from_slice(&args[..n]);
        if npos > argcount {
            match varargs_slot {
                Some(s) => frame.slots[s] = Value::new_tuple(args[argcount..npos].to_vec()),
                None => {
                    let ndefaults = func.defaults.as_ref().map_or(0, |d| match d.payload() {
                        Payload::Tuple(t) => t.len(),
                        _ => 0,
                    });
                    let takes = if ndefaults > 0 {
                        format!(
                            "from {} to {} positional arguments",
                            argcount - ndefaults,
                            argcount
                        )
                    } else {
                        format!(
                            "{} positional argument{}",
                            argcount,
                            if argcount == 1 { "" } else { "s" }
                        )
                    };
                    return Err(self.new_type_error(&format!(
                        "{fname}() takes {takes} but {npos} {} given",
                        if npos == 1 { "was" } else { "were" }
                    )));
                }
            }
        } else if let Some(s) = varargs_slot {
            frame.slots[s] = Value::new_tuple(vec![]);
        }
        let kwdict = varkw_slot.map(|_| Value::new_dict(DictTable::new()));
        for (i, name) in kwnames.iter().enumerate() {
            let value = args[npos + i].clone();
            let name_s = name.as_str().unwrap_or("");
            let slot = code.varnames[..argcount + kwonly].iter().position(|v| &**v == name_s);
            match slot {
                Some(s) if s >= posonly => {
                    if !frame.slots[s].is_null() {
                        return Err(self.new_type_error(&format!(
                            "{fname}() got multiple values for argument '{name_s}'"
                        )));
                    }
                    frame.slots[s] = value;
                }
                _ => match &kwdict {
                    Some(d) => {
                        self.setitem(d, name.clone(), value)?;
                    }
                    None => {
                        if let Some(s) = slot {
                            if s < posonly {
                                return Err(self.new_type_error(&format!(
                                    "{fname}() got some positional-only arguments passed as keyword arguments: '{name_s}'"
                                )));
                            }
                        }
                        return Err(self.new_type_error(&format!(
                            "{fname}() got an unexpected keyword argument '{name_s}'"
                        )));
                    }
                },
            }
        }
        if let (Some(s), Some(d)) = (varkw_slot, kwdict) {
            frame.slots[s] = d;
        }
        // Defaults for missing positional parameters.
        let defaults: Vec<Value<M>> = func
            .defaults
            .as_ref()
            .and_then(|d| match d.payload() {
                Payload::Tuple(t) => Some(t.to_vec()),
                _ => None,
            })
            .unwrap_or_default();
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for i in 0..argcount {
            if frame.slots[i].is_null() {
                if i >= first_default {
                    frame.slots[i] = defaults[i - first_default].clone();
                } else {
                    missing.push(code.varnames[i].to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args_error(&fname, &missing, "positional"));
        }
        let mut missing_kw = Vec::new();
        for i in argcount..argcount + kwonly {
            if frame.slots[i].is_null() {
                let name = code.varnames[i].clone();
                let dv = func.kwdefaults.as_ref().and_then(|d| self.dict_get_str(d, &name));
                match dv {
                    Some(v) => frame.slots[i] = v,
                    None => missing_kw.push(name.to_string()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.missing_args_error(&fname, &missing_kw, "keyword-only"));
        }
        Ok(())
    }

    fn missing_args_error(&mut self, fname: &str, missing: &[String], kind: &str) -> PyErr<M> {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            _ => format!(
                "{}, and {}",
                quoted[..quoted.len() - 1].join(", "),
                quoted[quoted.len() - 1]
            ),
        };
        self.new_type_error(&format!(
            "{fname}() missing {} required {kind} argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ))
    }

    /// A bound method object for `func` on `self_` (plain functions), or `func` unchanged for
    /// values that do not bind.
    pub fn bind_method(&mut self, func: Value<M>, self_: Value<M>) -> Value<M> {
        match func.payload() {
            Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
                Value::Obj(ObjRef::new(Payload::Method(MethodObj { func, self_ })))
            }
            Some(Payload::ClassMethod(f)) => {
                let cls = Value::Obj(self.class_of(&self_));
                Value::Obj(ObjRef::new(Payload::Method(MethodObj { func: f.clone(), self_: cls })))
            }
            Some(Payload::StaticMethod(f)) => f.clone(),
            _ => func,
        }
    }

    /// Calling a class: builtin constructors, or `__new__` + `__init__` for Python classes.
    fn call_class(
        &mut self,
        cls: &ObjRef<M>,
        args: &[Value<M>],
        kwnames: &[Value<M>],
    ) -> PyResult<M> {
        let Payload::Class(c) = cls.payload() else { unreachable!() };
        if let Some(ctor) = c.native_ctor() {
            // Builtin types; `type(x)` and friends receive the class first.
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(Value::Obj(cls.clone()));
            full.extend_from_slice(args);
            return ctor(self, &full, kwnames);
        }
        if c.layout == crate::object::Layout::Builtin && c.native_base().is_none() {
            // A builtin type without a constructor of its own (CPython: `tp_new` is NULL).
            return Err(self.new_type_error(&format!("cannot create '{}' instances", c.qualname)));
        }
        // A user-defined `__new__` takes over construction.
        let clsv = Value::Obj(cls.clone());
        if let Some(new) = self.class_lookup(cls, "__new__") {
            let native_new = match new.payload() {
                Some(Payload::Builtin(_)) => true,
                Some(Payload::StaticMethod(f)) => matches!(f.payload(), Some(Payload::Builtin(_))),
                _ => false,
            };
            if !native_new {
                let new = match new.payload() {
                    Some(Payload::StaticMethod(f)) => f.clone(),
                    _ => new,
                };
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(clsv.clone());
                full.extend_from_slice(args);
                let inst = self.call(&new, &full, kwnames)?;
                if let Value::Obj(o) = &inst {
                    if self.isinstance_class_value(&inst, cls) {
                        let _ = o;
                        self.run_init(&inst, args, kwnames)?;
                    }
                }
                return Ok(inst);
            }
        }
        if let Some(base) = c.native_base() {
            let base = base.clone();
            let inst = crate::types::native_subclass::new_native_instance(
                self, cls, &base, args, kwnames,
            )?;
            self.run_init(&inst, args, kwnames)?;
            return Ok(inst);
        }
        let inst = self.new_instance(cls);
        self.run_init(&inst, args, kwnames)?;
        Ok(inst)
    }

    /// A bare instance of a Python class (what `object.__new__(cls)` makes).
    pub fn new_instance(&mut self, cls: &ObjRef<M>) -> Value<M> {
        let layout = match cls.payload() {
            Payload::Class(c) => c.layout,
            _ => Layout::Object,
        };
        if layout == Layout::Exception {
            return Value::Obj(self.new_exception_obj(cls, vec![]));
        }
        self.new_instance_with(cls, None)
    }

    /// A bare instance carrying `native` (the builtin value of a subclass of a builtin type).
    pub fn new_instance_with(&mut self, cls: &ObjRef<M>, native: Option<Value<M>>) -> Value<M> {
        let dict = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
        let slots = match cls.payload() {
            Payload::Class(c) if c.slot_count() > 0 => {
                Some(Box::new(Guarded::new(vec![Value::Null; c.slot_count()])))
            }
            _ => None,
        };
        Value::Obj(ObjRef::new(Payload::Instance(InstanceObj {
            class: cls.clone(),
            dict,
            exc: None,
            native,
            slots,
            finalized: Default::default(),
            dict_materialized: Default::default(),
        })))
    }

    fn run_init(
        &mut self,
        inst: &Value<M>,
        args: &[Value<M>],
        kwnames: &[Value<M>],
    ) -> Result<(), PyErr<M>> {
        let cls = self.class_of(inst);
        match self.class_lookup(&cls, "__init__") {
            Some(init) if !matches!(init.payload(), Some(Payload::Builtin(_))) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(inst.clone());
                full.extend_from_slice(args);
                let r = self.call(&init, &full, kwnames)?;
                if !r.is_none() {
                    let tn = self.type_name(&r);
                    return Err(
                        self.new_type_error(&format!("__init__() should return None, not '{tn}'"))
                    );
                }
                Ok(())
            }
            Some(init) => {
                // Builtin __init__ (object's or BaseException's).
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(inst.clone());
                full.extend_from_slice(args);
                self.call(&init, &full, kwnames)?;
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// Whether `code` (not its nested code objects: they are materialised on their own) names a
/// frame-introspection entry point (see `vm::frame_chain`).
fn mentions_frames(code: &CodeObject) -> bool {
    let hit = |s: &str| crate::vm::frame_chain::FRAME_NAMES.contains(&s);
    code.names.iter().any(|n| hit(n))
        || code.consts.iter().any(|c| matches!(c, Constant::Str(s) if hit(s)))
}

/// Whether `n` positional arguments bind one for one to the first `n` parameter slots (no
/// keywords, defaults, `*args` or `**kwargs` to resolve).
#[inline]
fn binds_positionally(code: &CodeObject, n: usize) -> bool {
    n == code.argcount as usize
        && code.kwonlyargcount == 0
        && !code.has_varargs()
        && !code.has_varkeywords()
}
