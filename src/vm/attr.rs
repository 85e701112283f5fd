//! Attribute access: type lookup along the MRO, descriptors, bound methods, classes, `super`.
#![forbid(unsafe_code)]

use crate::object::{
    ClassObj, DictTable, Guarded, Layout, MethodObj, ObjRef, Payload, PyErr, PyResult, SuperObj,
    Value,
};
use crate::runtime::ExecutionModel;

use super::attr_cache;
use super::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// `type(v)`.
    pub fn class_of(&self, v: &Value<M>) -> ObjRef<M> {
        let t = self.types();
        match v {
            Value::Null | Value::None => t.none_type.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Obj(o) => match o.payload() {
                Payload::Str(_) => t.str_.clone(),
                Payload::BigInt(_) => t.int.clone(),
                Payload::Bytes(_) => t.bytes.clone(),
                Payload::Tuple(_) => t.tuple.clone(),
                Payload::List(_) => t.list.clone(),
                Payload::Dict(_) => t.dict.clone(),
                Payload::Set(s) => {
                    if s.frozen {
                        t.frozenset.clone()
                    } else {
                        t.set.clone()
                    }
                }
                Payload::Range(_) => t.range.clone(),
                Payload::Slice(_) => t.slice.clone(),
                Payload::Function(_) => t.function.clone(),
                Payload::Builtin(_) => t.builtin_function.clone(),
                Payload::Method(_) => t.method.clone(),
                Payload::Class(_) => t.type_.clone(),
                Payload::Instance(i) => i.class.clone(),
                Payload::Module(_) => t.module.clone(),
                Payload::Code(_) => t.code.clone(),
                Payload::Cell(_) => t.cell.clone(),
                Payload::Generator(_) => t.generator.clone(),
                Payload::Iterator(k, _) => t.iter_types[k.index()].clone(),
                Payload::Property(_) => t.property.clone(),
                Payload::StaticMethod(_) => t.staticmethod.clone(),
                Payload::ClassMethod(_) => t.classmethod.clone(),
                Payload::Super(_) => t.super_.clone(),
                Payload::DictView(d) => match d.kind {
                    0 => t.dict_keys.clone(),
                    1 => t.dict_values.clone(),
                    _ => t.dict_items.clone(),
                },
                Payload::Native(n) => n.class.clone(),
                Payload::Frame(_) => t.frame.clone(),
                Payload::Member(_) => t.member_descriptor.clone(),
                Payload::NotImplemented => t.not_implemented_type.clone(),
                Payload::Ellipsis => t.ellipsis_type.clone(),
            },
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value<M>) -> String {
        match self.class_of(v).payload() {
            Payload::Class(c) => c.name.clone(),
            _ => "?".into(),
        }
    }

    /// Is `cls` (or a subclass) the class of... precisely: is `sub` a subclass of `sup`?
    pub fn is_subclass(&self, sub: &ObjRef<M>, sup: &ObjRef<M>) -> bool {
        if sub.is(sup) {
            return true;
        }
        match sub.payload() {
            Payload::Class(c) => c.mro.iter().any(|m| m.is(sup)),
            _ => false,
        }
    }

    /// `isinstance(obj, cls)` for an object handle.
    pub fn isinstance_class(&self, obj: &ObjRef<M>, cls: &ObjRef<M>) -> bool {
        let c = self.class_of(&Value::Obj(obj.clone()));
        self.is_subclass(&c, cls)
    }

    pub fn isinstance_class_value(&self, v: &Value<M>, cls: &ObjRef<M>) -> bool {
        let c = self.class_of(v);
        self.is_subclass(&c, cls)
    }

    /// Look `name` up in a class and its MRO (no descriptors applied).
    pub fn class_lookup(&self, cls: &ObjRef<M>, name: &str) -> Option<Value<M>> {
        self.class_lookup_hashed(cls, name, crate::object::hash_str(name))
    }

    /// `class_lookup` with the name's hash already known (str objects cache theirs).
    pub fn class_lookup_hashed(&self, cls: &ObjRef<M>, name: &str, hash: i64) -> Option<Value<M>> {
        let Payload::Class(c) = cls.payload() else { return None };
        let epoch = self.interp.class_epoch.load(std::sync::atomic::Ordering::Relaxed);
        if let Some(hit) = self.attr_cache.borrow().get(epoch, cls, hash, name) {
            return hit;
        }
        let found = dict_get_str_hashed(&c.dict, hash, name).or_else(|| {
            c.mro.iter().find_map(|base| match base.payload() {
                Payload::Class(b) => dict_get_str_hashed(&b.dict, hash, name),
                _ => None,
            })
        });
        self.attr_cache.borrow_mut().put(epoch, cls, hash, name, &found);
        found
    }

    /// A special method looked up on the type (as CPython does for dunders), unbound.
    pub fn lookup_special(
        &mut self,
        v: &Value<M>,
        name: &str,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        let cls = self.class_of(v);
        Ok(self.class_lookup(&cls, name))
    }

    /// Call a special method `name` on `v` with extra args, if the type defines it.
    pub fn call_special(
        &mut self,
        v: &Value<M>,
        name: &str,
        args: &[Value<M>],
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        match self.lookup_special(v, name)? {
            Some(f) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(v.clone());
                full.extend_from_slice(args);
                Ok(Some(self.call(&f, &full, &[])?))
            }
            None => Ok(None),
        }
    }

    /// `getattr(obj, name)`. Inlined head: an attribute of a plain instance that no class in the
    /// MRO defines is answered from the instance dict alone (one cached class probe).
    #[inline]
    pub fn getattr(&mut self, obj: &Value<M>, name: &Value<M>) -> PyResult<M> {
        if let (Some(Payload::Instance(inst)), Some(Payload::Str(s))) =
            (obj.payload(), name.payload())
        {
            if inst.exc.is_none()
                && inst.native.is_none()
                && self.class_lookup_hashed(&inst.class, s.as_str(), s.hash()).is_none()
            {
                let found = if inst.is_thread_local() {
                    let d = self.attr_dict(obj, inst)?;
                    dict_get_str_hashed(&d, s.hash(), s.as_str())
                } else {
                    dict_get_str_hashed(&inst.dict, s.hash(), s.as_str())
                };
                if let Some(v) = found {
                    return Ok(v);
                }
            }
        }
        self.getattr_general(obj, name)
    }

    fn getattr_general(&mut self, obj: &Value<M>, name: &Value<M>) -> PyResult<M> {
        // `module.name` from an immortal module dict: the per-thread answer table, no lock.
        if let Some(Payload::Module(m)) = obj.payload() {
            if m.dict.is_immortal() {
                if let Some(v) = self.load_module_attr_cached(&m.dict, name) {
                    return Ok(v);
                }
            }
        }
        let (name_s, hash) = str_and_hash(name);
        match self.getattr_opt_hashed(obj, name_s, hash)? {
            Some(v) => Ok(v),
            None => {
                if let Some(ga) = self.lookup_special(obj, "__getattr__")? {
                    return self.call(&ga, &[obj.clone(), name.clone()], &[]);
                }
                Err(self.attribute_missing(obj, name_s))
            }
        }
    }

    pub fn attribute_missing(&mut self, obj: &Value<M>, name: &str) -> PyErr<M> {
        let msg = match obj.payload() {
            Some(Payload::Module(m)) => format!("module '{}' has no attribute '{name}'", m.name),
            Some(Payload::Class(c)) => {
                format!("type object '{}' has no attribute '{name}'", c.name)
            }
            _ => format!("'{}' object has no attribute '{name}'", self.error_type_name(obj)),
        };
        self.new_attribute_error(&msg)
    }

    /// The name errors give an instance's type: `type_name`, except for the builtin
    /// `_thread._local` itself, which CPython names with its module (a static type's `tp_name`).
    fn error_type_name(&self, obj: &Value<M>) -> String {
        if let Some(Payload::Instance(inst)) = obj.payload() {
            let c = inst.class_obj();
            let root = c.has_flag(ClassObj::<M>::THREAD_LOCAL)
                && !c.bases.iter().any(|b| {
                    matches!(b.payload(), Payload::Class(bc) if bc.has_flag(ClassObj::<M>::THREAD_LOCAL))
                });
            if root {
                return format!("_thread.{}", c.name);
            }
        }
        self.type_name(obj)
    }

    /// Attribute lookup without raising AttributeError (`None` when missing).
    pub fn getattr_opt(
        &mut self,
        obj: &Value<M>,
        name: &str,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        self.getattr_opt_hashed(obj, name, crate::object::hash_str(name))
    }

    /// `getattr_opt` with the name's hash already known.
    pub fn getattr_opt_hashed(
        &mut self,
        obj: &Value<M>,
        name: &str,
        hash: i64,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if let Value::Obj(o) = obj {
            match o.payload() {
                Payload::Module(m) => {
                    return Ok(dict_get_str_hashed(&m.dict, hash, name).or_else(|| match name {
                        "__dict__" => Some(Value::Obj(m.dict.clone())),
                        _ => None,
                    }))
                }
                Payload::Class(_) => return self.class_getattr(o, name),
                Payload::Super(s) => return self.super_getattr(s, name),
                _ => {}
            }
        }
        let class_attr = match obj.payload() {
            Some(Payload::Instance(inst)) => self.class_lookup_hashed(&inst.class, name, hash),
            _ => {
                let cls = self.class_of(obj);
                self.class_lookup_hashed(&cls, name, hash)
            }
        };
        // Data descriptors (properties) win over the instance dict.
        if let Some(Payload::Property(p)) = class_attr.as_ref().and_then(|a| a.payload()) {
            if p.fget.is_none() {
                return Err(self.new_attribute_error(&format!(
                    "property '{name}' of '{}' object has no getter",
                    self.type_name(obj)
                )));
            }
            let fget = p.fget.clone();
            return Ok(Some(self.call(&fget, std::slice::from_ref(obj), &[])?));
        }
        // `__slots__` members are data descriptors over the internal dict; unset reads as missing.
        if let Some(Payload::Member(m)) = class_attr.as_ref().and_then(|a| a.payload()) {
            return Ok(Self::member_get(m, obj));
        }
        // Descriptors written in Python: data descriptors (`__set__`/`__delete__`) also win.
        let descr = match class_attr.as_ref() {
            Some(a) if matches!(a.payload(), Some(Payload::Instance(_))) => self.descriptor_of(a),
            _ => None,
        };
        if let (Some((get, true)), Some(attr)) = (&descr, &class_attr) {
            let cls = Value::Obj(self.class_of(obj));
            return Ok(Some(self.call(get, &[attr.clone(), obj.clone(), cls], &[])?));
        }
        if let Some(Payload::Instance(inst)) = obj.payload() {
            let dict = self.attr_dict(obj, inst)?;
            if let Some(v) = dict_get_str_hashed(&dict, hash, name) {
                return Ok(Some(v));
            }
            match name {
                "__dict__" if !Self::has_no_dict(&inst.class) => {
                    inst.dict_materialized.store(true, std::sync::atomic::Ordering::Relaxed);
                    return Ok(Some(Value::Obj(dict)));
                }
                "__class__" => return Ok(Some(Value::Obj(inst.class.clone()))),
                _ => {}
            }
            if let Some(st) = &inst.exc {
                match name {
                    "args" => return Ok(Some(st.with(|s| s.args.clone()))),
                    "__cause__" => return Ok(Some(st.with(|s| s.cause.clone()))),
                    "__context__" => return Ok(Some(st.with(|s| s.context.clone()))),
                    "__suppress_context__" => {
                        return Ok(Some(Value::Bool(st.with(|s| s.suppress_context))))
                    }
                    "__traceback__" => return Ok(Some(Value::None)),
                    "errno" | "strerror" | "filename"
                        if self.isinstance_class_value(obj, &self.types().os_error.clone()) =>
                    {
                        // OSError(errno, strerror[, filename]): CPython's attributes (None otherwise).
                        let args = st.with(|s| s.args.clone());
                        let items = args.as_tuple().unwrap_or(&[]);
                        let i = match name {
                            "errno" => 0,
                            "strerror" => 1,
                            _ => 2,
                        };
                        let v = if (2..=5).contains(&items.len()) {
                            items.get(i).cloned()
                        } else {
                            None
                        };
                        return Ok(Some(v.unwrap_or(Value::None)));
                    }
                    _ => {}
                }
            }
        }
        if let Some(attr) = class_attr {
            if let Some((get, _)) = descr {
                let cls = Value::Obj(self.class_of(obj));
                return Ok(Some(self.call(&get, &[attr, obj.clone(), cls], &[])?));
            }
            return Ok(Some(self.bind_class_attr(attr, obj)));
        }
        self.builtin_getattr(obj, name)
    }

    /// A Python-level descriptor's `__get__` and whether it is a data descriptor (its class
    /// also defines `__set__` or `__delete__`); `None` when its class has no `__get__`.
    fn descriptor_of(&mut self, attr: &Value<M>) -> Option<(Value<M>, bool)> {
        let Some(Payload::Instance(inst)) = attr.payload() else { return None };
        let get = self.class_lookup(&inst.class, "__get__")?;
        let is_data = self.class_lookup(&inst.class, "__set__").is_some()
            || self.class_lookup(&inst.class, "__delete__").is_some();
        Some((get, is_data))
    }

    /// The `__set__` of a Python-level data descriptor.
    fn descriptor_setter(&mut self, attr: &Value<M>) -> Option<Value<M>> {
        let Some(Payload::Instance(inst)) = attr.payload() else { return None };
        self.class_lookup(&inst.class, "__set__")
    }

    fn bind_class_attr(&mut self, attr: Value<M>, obj: &Value<M>) -> Value<M> {
        match attr.payload() {
            Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => {
                Value::Obj(ObjRef::new(Payload::Method(MethodObj {
                    func: attr,
                    self_: obj.clone(),
                })))
            }
            Some(Payload::ClassMethod(f)) => {
                let cls = Value::Obj(self.class_of(obj));
                Value::Obj(ObjRef::new(Payload::Method(MethodObj { func: f.clone(), self_: cls })))
            }
            Some(Payload::StaticMethod(f)) => f.clone(),
            _ => attr,
        }
    }

    /// Attributes of builtin objects that are not in their type's dict.
    fn builtin_getattr(
        &mut self,
        obj: &Value<M>,
        name: &str,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if name == "__class__" {
            return Ok(Some(Value::Obj(self.class_of(obj))));
        }
        let Some(p) = obj.payload() else {
            return Ok(None);
        };
        Ok(match (p, name) {
            (Payload::Function(f), _) => match name {
                "__name__" => Some(f.meta.with(|m| m.name.clone())),
                "__qualname__" => Some(f.meta.with(|m| m.qualname.clone())),
                "__doc__" => Some(f.meta.with(|m| m.doc.clone())),
                "__module__" => Some(f.meta.with(|m| m.module.clone())),
                "__code__" => Some(Value::Obj(f.code.clone())),
                "__globals__" => Some(Value::Obj(f.globals.clone())),
                "__defaults__" => Some(f.defaults.clone().map(Value::Obj).unwrap_or(Value::None)),
                "__kwdefaults__" => {
                    Some(f.kwdefaults.clone().map(Value::Obj).unwrap_or(Value::None))
                }
                "__closure__" => Some(f.closure.as_ref().map_or(Value::None, |c| {
                    Value::new_tuple(c.iter().cloned().map(Value::Obj).collect())
                })),
                "__annotations__" => Some(f.meta.with(|m| {
                    if m.annotations.is_none() {
                        m.annotations = Value::new_dict(DictTable::new());
                    }
                    m.annotations.clone()
                })),
                "__dict__" => Some(Value::Obj(f.meta.with(|m| {
                    m.dict
                        .get_or_insert_with(|| {
                            ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())))
                        })
                        .clone()
                }))),
                "__builtins__" => Some(Value::Obj(self.interp.builtins.clone())),
                _ => {
                    let d = f.meta.with(|m| m.dict.clone());
                    d.and_then(|d| self.dict_get_str(&d, name))
                }
            },
            (Payload::Builtin(b), "__name__") | (Payload::Builtin(b), "__qualname__") => {
                Some(Value::new_str(b.name))
            }
            (Payload::Method(m), "__self__") => Some(m.self_.clone()),
            (Payload::Method(m), "__func__") => Some(m.func.clone()),
            (Payload::Method(m), _) => {
                let f = m.func.clone();
                self.getattr_opt(&f, name)?
            }
            (Payload::Generator(g), "__name__") => Some(Value::new_str(g.name.clone())),
            (Payload::Generator(g), "__qualname__") => Some(Value::new_str(g.qualname.clone())),
            // The suspended frame's code (None while the generator runs or once it finished).
            (Payload::Generator(g), "gi_code") => Some(
                g.state
                    .with(|s| s.frame.as_ref().map(|f| Value::Obj(f.code.clone())))
                    .unwrap_or(Value::None),
            ),
            (Payload::Generator(g), "gi_running") => Some(Value::Bool(g.state.with(|s| s.running))),
            (Payload::Property(pr), "fget") => Some(pr.fget.clone()),
            (Payload::Property(pr), "fset") => Some(pr.fset.clone()),
            (Payload::Property(pr), "fdel") => Some(pr.fdel.clone()),
            (Payload::Property(pr), "__doc__") => Some(pr.doc.clone()),
            (Payload::StaticMethod(f), "__func__") | (Payload::ClassMethod(f), "__func__") => {
                Some(f.clone())
            }
            (Payload::Slice(s), "start") => Some(s[0].clone()),
            (Payload::Slice(s), "stop") => Some(s[1].clone()),
            (Payload::Slice(s), "step") => Some(s[2].clone()),
            (Payload::Range(r), "start") => Some(Value::Int(r.start)),
            (Payload::Range(r), "stop") => Some(Value::Int(r.stop)),
            (Payload::Range(r), "step") => Some(Value::Int(r.step)),
            (Payload::Code(c), _) => crate::stdlib::code_attr(self, c, name)?,
            (Payload::Cell(c), "cell_contents") => {
                let v = c.with(|v| v.clone());
                if v.is_null() {
                    return Err(self.new_value_error("Cell is empty"));
                }
                Some(v)
            }
            (Payload::Frame(fr), _) => self.frame_attr(fr, name)?,
            (Payload::Member(m), "__name__") => Some(m.name.clone()),
            (Payload::Member(m), "__qualname__") => {
                Some(Value::new_str(format!("{}.{}", m.owner, m.name.as_str().unwrap_or(""))))
            }
            _ => None,
        })
    }

    fn class_getattr(&mut self, cls: &ObjRef<M>, name: &str) -> Result<Option<Value<M>>, PyErr<M>> {
        let Payload::Class(c) = cls.payload() else { return Ok(None) };
        // A class's `__annotations__` is its own (CPython 3.10+: a subclass without annotations
        // gets a new empty dict, never its base's).
        let python_class = || matches!(self.dict_get_str(&c.dict, "__module__"), Some(m) if m.as_str() != Some("builtins"));
        if name == "__annotations__" && c.layout != Layout::Builtin && python_class() {
            if let Some(a) = self.dict_get_str(&c.dict, name) {
                return Ok(Some(a));
            }
            let d = Value::new_dict(DictTable::new());
            let ns = c.dict.clone();
            self.dict_set_str(&ns, name, d.clone());
            self.interp.bump_class_epoch();
            return Ok(Some(d));
        }
        if let Some(attr) = self.class_lookup(cls, name) {
            return Ok(Some(match attr.payload() {
                Some(Payload::ClassMethod(f)) => {
                    Value::Obj(ObjRef::new(Payload::Method(MethodObj {
                        func: f.clone(),
                        self_: Value::Obj(cls.clone()),
                    })))
                }
                Some(Payload::StaticMethod(f)) => f.clone(),
                Some(Payload::Instance(_)) => match self.descriptor_of(&attr) {
                    Some((get, _)) => {
                        self.call(&get, &[attr.clone(), Value::None, Value::Obj(cls.clone())], &[])?
                    }
                    None => attr,
                },
                _ => attr,
            }));
        }
        Ok(match name {
            "__name__" => Some(Value::new_str(c.name.clone())),
            "__qualname__" => Some(Value::new_str(c.qualname.clone())),
            "__dict__" => {
                // The namespace escapes (CPython hands out a read-only proxy): stop trusting the cache.
                self.interp.bump_class_epoch();
                Some(Value::Obj(c.dict.clone()))
            }
            "__bases__" => {
                Some(Value::new_tuple(c.bases.iter().cloned().map(Value::Obj).collect()))
            }
            "__base__" => Some(c.bases.first().cloned().map(Value::Obj).unwrap_or(Value::None)),
            "__mro__" => {
                let mut v = vec![Value::Obj(cls.clone())];
                v.extend(c.mro.iter().cloned().map(Value::Obj));
                Some(Value::new_tuple(v))
            }
            "__class__" => Some(Value::Obj(self.types().type_.clone())),
            "__module__" => Some(Value::new_str("builtins")),
            "__doc__" => Some(Value::None),
            // Methods of the metaclass `type` (`C.mro()`), bound to the class.
            _ => {
                let meta = self.types().type_.clone();
                self.class_lookup(&meta, name).map(|m| match m.payload() {
                    Some(Payload::Builtin(_)) => {
                        Value::Obj(ObjRef::new(Payload::Method(MethodObj {
                            func: m,
                            self_: Value::Obj(cls.clone()),
                        })))
                    }
                    _ => m,
                })
            }
        })
    }

    fn super_getattr(&mut self, s: &SuperObj<M>, name: &str) -> Result<Option<Value<M>>, PyErr<M>> {
        let Payload::Class(tc) = s.obj_type.payload() else { return Ok(None) };
        let mut chain = vec![s.obj_type.clone()];
        chain.extend(tc.mro.iter().cloned());
        let start = chain.iter().position(|c| c.is(&s.class)).map(|i| i + 1).unwrap_or(chain.len());
        let hash = crate::object::hash_str(name);
        for c in &chain[start..] {
            if let Payload::Class(cc) = c.payload() {
                if let Some(attr) = dict_get_str_hashed(&cc.dict, hash, name) {
                    let is_class_bound = matches!(s.obj.payload(), Some(Payload::Class(_)));
                    return Ok(Some(match attr.payload() {
                        Some(Payload::Function(_)) | Some(Payload::Builtin(_))
                            if !is_class_bound =>
                        {
                            Value::Obj(ObjRef::new(Payload::Method(MethodObj {
                                func: attr,
                                self_: s.obj.clone(),
                            })))
                        }
                        Some(Payload::ClassMethod(f)) => {
                            let cls = if is_class_bound {
                                s.obj.clone()
                            } else {
                                Value::Obj(s.obj_type.clone())
                            };
                            Value::Obj(ObjRef::new(Payload::Method(MethodObj {
                                func: f.clone(),
                                self_: cls,
                            })))
                        }
                        Some(Payload::StaticMethod(f)) => f.clone(),
                        Some(Payload::Property(p)) if !is_class_bound => {
                            let fget = p.fget.clone();
                            self.call(&fget, std::slice::from_ref(&s.obj), &[])?
                        }
                        _ => attr,
                    }));
                }
            }
        }
        Ok(None)
    }

    /// `LOAD_METHOD`: avoid creating a bound method for plain functions found on the type.
    pub fn load_method(
        &mut self,
        obj: Value<M>,
        name: &Value<M>,
    ) -> Result<(Value<M>, Value<M>), PyErr<M>> {
        let (name_s, hash) = str_and_hash(name);
        let plain = !matches!(
            obj.payload(),
            Some(Payload::Module(_)) | Some(Payload::Class(_)) | Some(Payload::Super(_))
        );
        if plain {
            let found = match obj.payload() {
                Some(Payload::Instance(inst)) => {
                    self.class_lookup_hashed(&inst.class, name_s, hash)
                }
                _ => {
                    let cls = self.class_of(&obj);
                    self.class_lookup_hashed(&cls, name_s, hash)
                }
            };
            if let Some(attr) = found {
                if matches!(attr.payload(), Some(Payload::Function(_)) | Some(Payload::Builtin(_)))
                {
                    let shadowed = match obj.payload() {
                        Some(Payload::Instance(inst)) if inst.is_thread_local() => {
                            let d = self.attr_dict(&obj, inst)?;
                            dict_get_str_hashed(&d, hash, name_s).is_some()
                        }
                        Some(Payload::Instance(inst)) => {
                            dict_get_str_hashed(&inst.dict, hash, name_s).is_some()
                        }
                        _ => false,
                    };
                    if !shadowed {
                        return Ok((attr, obj));
                    }
                }
            }
        }
        let v = self.getattr(&obj, name)?;
        Ok((v, Value::Null))
    }

    /// `setattr(obj, name, value)`. Inlined head: a plain instance whose class keeps
    /// `object.__setattr__` and has no property of that name goes straight to the dict store.
    #[inline]
    pub fn setattr(
        &mut self,
        obj: &Value<M>,
        name: &Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        if let (Some(Payload::Instance(inst)), Some(Payload::Str(s))) =
            (obj.payload(), name.payload())
        {
            let default_setattr = match self.class_lookup_hashed(
                &inst.class,
                "__setattr__",
                HASH_SETATTR,
            ) {
                None => true,
                Some(f) => {
                    matches!(f.payload(), Some(Payload::Builtin(b)) if b.owner == Some("object"))
                }
            };
            if default_setattr
                && !matches!(
                    self.class_lookup_hashed(&inst.class, s.as_str(), s.hash())
                        .as_ref()
                        .and_then(|a| a.payload()),
                    Some(Payload::Property(_) | Payload::Instance(_) | Payload::Member(_))
                )
            {
                if inst.exc.is_some()
                    || inst.class.is(&self.interp.types.object)
                    || Self::has_no_dict(&inst.class)
                    || inst.is_thread_local()
                {
                    return self.generic_setattr(obj, name, value);
                }
                let Err(value) = store_str_attr(inst, name, value) else { return Ok(()) };
                return self.generic_setattr(obj, name, value);
            }
        }
        self.setattr_general(obj, name, value)
    }

    fn setattr_general(
        &mut self,
        obj: &Value<M>,
        name: &Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        let (name_s, hash) = str_and_hash(name);
        if let Some(Payload::Instance(inst)) = obj.payload() {
            let cls = &inst.class;
            if let Some(attr) = self.class_lookup_hashed(cls, name_s, hash) {
                if let Some(Payload::Property(p)) = attr.payload() {
                    if p.fset.is_none() {
                        return Err(self.new_attribute_error(&format!(
                            "property '{name_s}' of '{}' object has no setter",
                            self.type_name(obj)
                        )));
                    }
                    let fset = p.fset.clone();
                    self.call(&fset, &[obj.clone(), value], &[])?;
                    return Ok(());
                }
                if let Some(set) = self.descriptor_setter(&attr) {
                    self.call(&set, &[attr.clone(), obj.clone(), value], &[])?;
                    return Ok(());
                }
            }
            if let Some(sa) = self.class_lookup_hashed(cls, "__setattr__", HASH_SETATTR) {
                if !matches!(sa.payload(), Some(Payload::Builtin(_))) {
                    self.call(&sa, &[obj.clone(), name.clone(), value], &[])?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, value)
    }

    /// `object.__setattr__`: store in the instance (or class/module/function) dict.
    pub fn generic_setattr(
        &mut self,
        obj: &Value<M>,
        name: &Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        let name_s = name.as_str().unwrap_or("");
        match obj.payload() {
            Some(Payload::Instance(inst))
                if inst.exc.is_none() && !inst.class.is(&self.interp.types.object) =>
            {
                if inst.slots.is_some() {
                    let cls = inst.class.clone();
                    if let Some(Payload::Member(m)) =
                        self.class_lookup(&cls, name_s).as_ref().and_then(|a| a.payload())
                    {
                        return self.member_set(m, obj, value);
                    }
                }
                if Self::has_no_dict(&inst.class) {
                    return Err(self.no_dict_setattr_error(obj, name_s));
                }
                if inst.is_thread_local() {
                    if name_s == "__dict__" {
                        let tn = self.error_type_name(obj);
                        return Err(self.new_attribute_error(&format!(
                            "'{tn}' object attribute '__dict__' is read-only"
                        )));
                    }
                    let d = self.attr_dict(obj, inst)?;
                    return self.dict_set(&d, name.clone(), value);
                }
                let Err(value) = store_str_attr(inst, name, value) else { return Ok(()) };
                let d = inst.dict.clone();
                self.dict_set(&d, name.clone(), value)
            }
            Some(Payload::Instance(inst)) => {
                if let Some(st) = &inst.exc {
                    match name_s {
                        "__cause__" => {
                            st.with(|s| {
                                s.cause = value;
                                s.suppress_context = true;
                            });
                            return Ok(());
                        }
                        "__context__" => {
                            st.with(|s| s.context = value);
                            return Ok(());
                        }
                        "__suppress_context__" => {
                            let flag = self.is_true(&value)?;
                            st.with(|s| s.suppress_context = flag);
                            return Ok(());
                        }
                        "args" => {
                            let t = Value::new_tuple(self.iterate_to_vec(&value)?);
                            st.with(|s| s.args = t);
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                if inst.class.is(&self.types().object) {
                    // Plain `object()` instances have no `__dict__`.
                    return Err(self.new_attribute_error(&format!(
                        "'object' object has no attribute '{name_s}'"
                    )));
                }
                let d = inst.dict.clone();
                self.dict_set(&d, name.clone(), value)
            }
            Some(Payload::Class(c)) => {
                let d = c.dict.clone();
                if name_s == "__del__" {
                    c.set_flag(ClassObj::<M>::HAS_DEL, true);
                }
                // Cached lookups change if the name is new or a function/descriptor is involved.
                let old = self.dict_get_str(&d, name_s);
                if old.is_none()
                    || attr_cache::cacheable(&old)
                    || attr_cache::cacheable(&Some(value.clone()))
                {
                    self.interp.bump_class_epoch();
                }
                self.dict_set(&d, name.clone(), value)
            }
            Some(Payload::Module(m)) => {
                let d = m.dict.clone();
                self.dict_set(&d, name.clone(), value)
            }
            Some(Payload::Function(f)) => {
                match name_s {
                    "__name__" => f.meta.with(|m| m.name = value),
                    "__qualname__" => f.meta.with(|m| m.qualname = value),
                    "__doc__" => f.meta.with(|m| m.doc = value),
                    "__module__" => f.meta.with(|m| m.module = value),
                    "__annotations__" => {
                        if !value.is_none() && !matches!(value.payload(), Some(Payload::Dict(_))) {
                            return Err(
                                self.new_type_error("__annotations__ must be set to a dict object")
                            );
                        }
                        f.meta.with(|m| m.annotations = value)
                    }
                    _ => {
                        let d = f.meta.with(|m| {
                            m.dict
                                .get_or_insert_with(|| {
                                    ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())))
                                })
                                .clone()
                        });
                        self.dict_set(&d, name.clone(), value)?;
                    }
                }
                Ok(())
            }
            _ => {
                let tn = self.type_name(obj);
                let has = self.class_lookup(&self.class_of(obj), name_s).is_some();
                Err(self.new_attribute_error(&if has {
                    format!("'{tn}' object attribute '{name_s}' is read-only")
                } else {
                    format!("'{tn}' object has no attribute '{name_s}'")
                }))
            }
        }
    }

    /// `delattr(obj, name)`: a class's own `__delattr__` if it defines one in Python, else
    /// [`Vm::generic_delattr`].
    pub fn delattr(&mut self, obj: &Value<M>, name: &Value<M>) -> Result<(), PyErr<M>> {
        if let Some(Payload::Instance(inst)) = obj.payload() {
            if let Some(da) = self.class_lookup(&inst.class, "__delattr__") {
                if !matches!(da.payload(), Some(Payload::Builtin(_))) {
                    self.call(&da, &[obj.clone(), name.clone()], &[])?;
                    return Ok(());
                }
            }
        }
        self.generic_delattr(obj, name)
    }

    /// `object.__delattr__`: property deleters, then the instance (class, module) dict.
    pub fn generic_delattr(&mut self, obj: &Value<M>, name: &Value<M>) -> Result<(), PyErr<M>> {
        let name_s = name.as_str().unwrap_or("").to_string();
        let d = match obj.payload() {
            Some(Payload::Instance(inst)) => {
                let cls = self.class_of(obj);
                if let Some(attr) = self.class_lookup(&cls, &name_s) {
                    if let Some(Payload::Property(p)) = attr.payload() {
                        let fdel = p.fdel.clone();
                        if fdel.is_none() {
                            return Err(self.new_attribute_error(&format!(
                                "property '{name_s}' of '{}' object has no deleter",
                                self.type_name(obj)
                            )));
                        }
                        self.call(&fdel, std::slice::from_ref(obj), &[])?;
                        return Ok(());
                    }
                    if let Some(Payload::Member(m)) = attr.payload() {
                        return self.member_delete(m, obj);
                    }
                }
                if inst.is_thread_local() && name_s == "__dict__" {
                    let tn = self.error_type_name(obj);
                    return Err(self.new_attribute_error(&format!(
                        "'{tn}' object attribute '__dict__' is read-only"
                    )));
                }
                self.attr_dict(obj, inst)?
            }
            Some(Payload::Class(c)) => {
                self.interp.bump_class_epoch();
                c.dict.clone()
            }
            Some(Payload::Module(m)) => m.dict.clone(),
            _ => return Err(self.attribute_missing(obj, &name_s)),
        };
        if self.dict_del(&d, name)?.is_none() {
            return Err(self.attribute_missing(obj, &name_s));
        }
        Ok(())
    }

    /// The builtin type that instances of a class with these bases must carry, if any
    /// (`class Stack(list)` -> list). Only the types CPython lets Python code subclass.
    fn native_base_of(&mut self, bases: &[ObjRef<M>]) -> Result<Option<ObjRef<M>>, PyErr<M>> {
        let mut found: Option<ObjRef<M>> = None;
        for b in bases {
            let Payload::Class(c) = b.payload() else { continue };
            let candidate = match c.native_base() {
                Some(nb) => nb.clone(),
                None if c.layout == Layout::Builtin && !b.is(&self.types().object) => {
                    const SUBCLASSABLE: [&str; 9] = [
                        "int",
                        "float",
                        "str",
                        "bytes",
                        "tuple",
                        "list",
                        "dict",
                        "set",
                        "frozenset",
                    ];
                    if !SUBCLASSABLE.contains(&c.name.as_str()) {
                        return Err(self.new_type_error(&format!(
                            "type '{}' is not an acceptable base type",
                            c.name
                        )));
                    }
                    b.clone()
                }
                None => continue,
            };
            match &found {
                Some(f) if !f.is(&candidate) => {
                    return Err(
                        self.new_type_error("multiple bases have instance lay-out conflict")
                    );
                }
                _ => found = Some(candidate),
            }
        }
        Ok(found)
    }

    /// `__build_class__(func, name, *bases, **kw)`: run the body, create the class.
    pub fn build_class(
        &mut self,
        body: &Value<M>,
        name: &str,
        bases: Vec<Value<M>>,
        kw: Vec<(Value<M>, Value<M>)>,
    ) -> PyResult<M> {
        let mut base_refs = Vec::new();
        for b in &bases {
            match b {
                Value::Obj(o) if matches!(o.payload(), Payload::Class(_)) => {
                    base_refs.push(o.clone())
                }
                _ => return Err(self.new_type_error("bases must be types")),
            }
        }
        if base_refs.is_empty() {
            base_refs.push(self.types().object.clone());
        }
        let ns = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
        let Some(Payload::Function(func)) = body.payload() else {
            return Err(self.new_type_error("__build_class__: func must be a function"));
        };
        let mut frame = crate::object::frame::Frame::new(
            func.code.clone(),
            func.globals.clone(),
            Some(ns.clone()),
        );
        if let Some(closure) = &func.closure {
            let code = func.code_obj().code.clone();
            for _ in code.cellvars.iter() {
                frame.cells.push(ObjRef::new(Payload::Cell(Guarded::new(Value::Null))));
            }
            frame.cells.extend(closure.iter().cloned());
        } else {
            let code = func.code_obj().code.clone();
            for _ in code.cellvars.iter() {
                frame.cells.push(ObjRef::new(Payload::Cell(Guarded::new(Value::Null))));
            }
        }
        let classcell = self.run_frame_checked(&mut frame)?;
        self.make_class(name, base_refs, ns, kw, classcell)
    }

    /// A new class from its finished namespace (`__build_class__` after the body ran, or
    /// `type(name, bases, dict)`): MRO, layout, `__slots__`, `__classcell__`, `__set_name__`,
    /// `__init_subclass__`.
    pub fn make_class(
        &mut self,
        name: &str,
        base_refs: Vec<ObjRef<M>>,
        ns: ObjRef<M>,
        kw: Vec<(Value<M>, Value<M>)>,
        classcell: Value<M>,
    ) -> PyResult<M> {
        let mro = self.compute_mro(&base_refs)?;
        let layout = if base_refs
            .iter()
            .any(|b| matches!(b.payload(), Payload::Class(c) if c.layout == Layout::Exception))
        {
            Layout::Exception
        } else {
            Layout::Object
        };
        let native_base = self.native_base_of(&base_refs)?;
        // As in CPython's type_new: defining __eq__ without __hash__ makes instances unhashable.
        if self.dict_get_str(&ns, "__eq__").is_some()
            && self.dict_get_str(&ns, "__hash__").is_none()
        {
            self.dict_set_str(&ns, "__hash__", Value::None);
        }
        let qualname = self
            .dict_get_str(&ns, "__qualname__")
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_else(|| name.to_string());
        let (slot_count, no_dict) = if layout == Layout::Object {
            self.prepare_slots(name, &ns, &base_refs)?
        } else {
            (0, false)
        };
        let class_obj =
            ClassObj::new(name.to_string(), qualname, base_refs, mro, ns.clone(), layout);
        class_obj.set_slot_count(slot_count);
        if no_dict {
            class_obj.set_flag(ClassObj::<M>::NO_DICT, true);
        }
        let thread_local_base = class_obj.bases.iter().any(
            |b| matches!(b.payload(), Payload::Class(bc) if bc.has_flag(ClassObj::<M>::THREAD_LOCAL)),
        );
        class_obj.set_flag(ClassObj::<M>::THREAD_LOCAL, thread_local_base);
        if let Some(nb) = native_base {
            class_obj.set_native_base(nb);
        }
        let cls = ObjRef::new(Payload::Class(class_obj));
        self.new_definition(&cls);
        let clsv = Value::Obj(cls.clone());
        if self.class_lookup(&cls, "__del__").is_some() {
            if let Payload::Class(c) = cls.payload() {
                c.set_flag(ClassObj::<M>::HAS_DEL, true);
            }
        }
        if let Some(Payload::Cell(cell)) = classcell.payload() {
            let v = clsv.clone();
            cell.with(|slot| *slot = v);
            let key = self.intern("__classcell__");
            self.dict_del(&ns, &key)?;
        }
        // PEP 487: `__set_name__(owner, name)` on every attribute that defines it.
        for (k, v) in self.dict_items_vec(&Value::Obj(ns.clone()))? {
            if matches!(v.payload(), Some(Payload::Instance(_))) {
                if let Some(f) = self.lookup_special(&v, "__set_name__")? {
                    self.call(&f, &[v.clone(), clsv.clone(), k], &[])?;
                }
            }
        }
        crate::stdlib::builtins::init_subclass(self, &cls, &ns, kw)?;
        Ok(clsv)
    }

    /// C3 linearisation of the bases (excluding the new class itself).
    fn compute_mro(&mut self, bases: &[ObjRef<M>]) -> Result<Vec<ObjRef<M>>, PyErr<M>> {
        let mut seqs: Vec<Vec<ObjRef<M>>> = Vec::new();
        for b in bases {
            let mut s = vec![b.clone()];
            if let Payload::Class(c) = b.payload() {
                s.extend(c.mro.iter().cloned());
            }
            seqs.push(s);
        }
        seqs.push(bases.to_vec());
        let mut out: Vec<ObjRef<M>> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let mut candidate = None;
            for s in &seqs {
                let head = &s[0];
                if !seqs.iter().any(|t| t[1..].iter().any(|x| x.is(head))) {
                    candidate = Some(head.clone());
                    break;
                }
            }
            let Some(c) = candidate else {
                return Err(
                    self.new_type_error("Cannot create a consistent method resolution order (MRO)")
                );
            };
            for s in seqs.iter_mut() {
                if s[0].is(&c) {
                    s.remove(0);
                }
            }
            out.push(c);
        }
    }

    /// `super()` without arguments needs the calling frame's `__class__` cell and first argument;
    /// the builtin receives them explicitly from `stdlib` (`super(cls, obj)`).
    pub fn new_super(&mut self, cls: Value<M>, obj: Value<M>) -> PyResult<M> {
        let Value::Obj(class) = cls else {
            return Err(self.new_type_error("super() argument 1 must be a type"));
        };
        let obj_type = match obj.payload() {
            Some(Payload::Class(_)) if self.is_subclass(obj.obj().unwrap(), &class) => {
                obj.obj().unwrap().clone()
            }
            _ => self.class_of(&obj),
        };
        if !self.is_subclass(&obj_type, &class) {
            return Err(
                self.new_type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
        Ok(Value::Obj(ObjRef::new(Payload::Super(SuperObj { class, obj, obj_type }))))
    }
}

/// Look a str key up in a dict object by precomputed hash.
/// `inst.__dict__[name] = value` in one locked store when `name` is a str and the dict needs no
/// Python `__eq__`; gives the value back otherwise (the caller takes the general dict path).
#[inline]
fn store_str_attr<M: ExecutionModel>(
    inst: &crate::object::InstanceObj<M>,
    name: &Value<M>,
    value: Value<M>,
) -> Result<(), Value<M>> {
    match (inst.dict.payload(), name.payload()) {
        (Payload::Dict(d), Some(Payload::Str(s))) => {
            d.with(|t| t.set_str(s.hash(), name, value)).map(drop)
        }
        _ => Err(value),
    }
}

/// The text and cached hash of an attribute name (names are str objects).
#[inline]
fn str_and_hash<M: ExecutionModel>(name: &Value<M>) -> (&str, i64) {
    match name.payload() {
        Some(Payload::Str(s)) => (s.as_str(), s.hash()),
        _ => ("", crate::object::hash_str("")),
    }
}

const HASH_SETATTR: i64 = crate::object::hash_str("__setattr__");

#[inline]
pub fn dict_get_str_hashed<M: ExecutionModel>(
    dict: &ObjRef<M>,
    hash: i64,
    name: &str,
) -> Option<Value<M>> {
    match dict.payload() {
        Payload::Dict(d) => {
            if let Some(hit) = d.get_optimistic(
                hash,
                crate::object::header::PlainKey::Str { s: name, strict: false },
            ) {
                return hit;
            }
            d.with(
                #[inline(always)]
                |t| t.get_str(hash, name).map(Value::new_ref_with_lock),
            )
        }
        _ => None,
    }
}
