//! `str()`, `repr()`, `ascii()` and `format()` of values, with CPython's output formats.
#![forbid(unsafe_code)]

use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// `str(v)`.
    pub fn str_of(&mut self, v: &Value<M>) -> Result<String, PyErr<M>> {
        match v {
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => Ok(s.as_str().to_string()),
                Payload::Instance(inst) => {
                    let custom = self.lookup_special(v, "__str__")?.filter(|f| !is_default_slot(f));
                    if let Some(f) = custom {
                        let r = self.call(&f, std::slice::from_ref(v), &[])?;
                        return match r.as_str() {
                            Some(s) => Ok(s.to_string()),
                            None => {
                                let tn = self.type_name(&r);
                                Err(self.new_type_error(&format!(
                                    "__str__ returned non-string (type {tn})"
                                )))
                            }
                        };
                    }
                    if inst.exc.is_some() {
                        return self.exception_str(o);
                    }
                    self.repr_of(v)
                }
                _ => self.repr_of(v),
            },
            _ => self.repr_of(v),
        }
    }

    /// `object.__repr__` (and, with `exc_form`, `BaseException.__repr__`) of an instance, without
    /// consulting a user-defined `__repr__`.
    pub fn default_instance_repr(
        &mut self,
        v: &Value<M>,
        exc_form: bool,
    ) -> Result<String, PyErr<M>> {
        let Some(o) = v.obj() else { return self.repr_of(v) };
        let Payload::Instance(inst) = o.payload() else { return self.repr_of(v) };
        if exc_form && inst.exc.is_some() {
            let args = self.exception_args(o);
            let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
            let name = self.type_name(v);
            return Ok(if items.len() == 1 {
                format!("{name}({})", self.repr_nested(&items[0])?)
            } else {
                format!("{name}({})", self.repr_join(&items)?)
            });
        }
        let c = inst.class_obj();
        let module = self
            .dict_get_str(&c.dict, "__module__")
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        Ok(if module.is_empty() || module == "builtins" {
            format!("<{} object at {:#x}>", c.qualname, o.id())
        } else {
            format!("<{module}.{} object at {:#x}>", c.qualname, o.id())
        })
    }

    /// `str(exc)`: '' for no args, str(arg) for one, str(args) for several; KeyError uses repr.
    pub fn exception_str(&mut self, exc: &crate::object::ObjRef<M>) -> Result<String, PyErr<M>> {
        let args = self.exception_args(exc);
        let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        let is_key_error = self.isinstance_class(exc, &self.types().key_error.clone());
        if (2..=5).contains(&items.len())
            && self.isinstance_class(exc, &self.types().os_error.clone())
        {
            // OSError(errno, strerror[, filename]): "[Errno 2] No such file: 'x'".
            let errno = self.str_of(&items[0])?;
            let strerror = self.str_of(&items[1])?;
            return Ok(match items.get(2).filter(|f| !f.is_none()) {
                Some(f) => format!("[Errno {errno}] {strerror}: {}", self.repr_of(f)?),
                None => format!("[Errno {errno}] {strerror}"),
            });
        }
        match items.len() {
            0 => Ok(String::new()),
            1 if is_key_error => self.repr_of(&items[0]),
            1 => self.str_of(&items[0]),
            _ => self.repr_of(&args),
        }
    }

    /// `repr(v)`.
    pub fn repr_of(&mut self, v: &Value<M>) -> Result<String, PyErr<M>> {
        if self.depth > self.interp.recursion_limit() + 50 {
            return Err(self.new_error(
                &self.types().recursion_error.clone(),
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match v {
            Value::Null => "<NULL>".into(),
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => crate::types::arith::float_repr(*f),
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => crate::types::format::str_repr(s.as_str()),
                Payload::BigInt(b) => b.to_string(),
                Payload::Bytes(b) => crate::types::format::bytes_repr(b),
                Payload::Tuple(t) => {
                    let items = t.to_vec();
                    if items.len() == 1 {
                        format!("({},)", self.repr_nested(&items[0])?)
                    } else {
                        format!("({})", self.repr_join(&items)?)
                    }
                }
                Payload::List(l) => {
                    if self.repr_enter(o) {
                        return Ok("[...]".into());
                    }
                    let items = l.with(|v| v.clone());
                    let r = self.repr_join(&items).map(|s| format!("[{s}]"));
                    self.repr_leave();
                    r?
                }
                Payload::Dict(d) => {
                    if self.repr_enter(o) {
                        return Ok("{...}".into());
                    }
                    let items: Vec<(Value<M>, Value<M>)> =
                        d.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect());
                    let mut parts = Vec::with_capacity(items.len());
                    let mut res = Ok(());
                    for (k, val) in &items {
                        match (self.repr_nested(k), self.repr_nested(val)) {
                            (Ok(a), Ok(b)) => parts.push(format!("{a}: {b}")),
                            (Err(e), _) | (_, Err(e)) => {
                                res = Err(e);
                                break;
                            }
                        }
                    }
                    self.repr_leave();
                    res?;
                    format!("{{{}}}", parts.join(", "))
                }
                Payload::Set(s) => {
                    let items: Vec<Value<M>> =
                        s.table.with(|t| t.iter().map(|e| e.key.clone()).collect());
                    let name = if s.frozen { "frozenset" } else { "set" };
                    if items.is_empty() {
                        format!("{name}()")
                    } else if s.frozen {
                        format!("frozenset({{{}}})", self.repr_join(&items)?)
                    } else {
                        format!("{{{}}}", self.repr_join(&items)?)
                    }
                }
                Payload::Range(r) => {
                    if r.step == 1 {
                        format!("range({}, {})", r.start, r.stop)
                    } else {
                        format!("range({}, {}, {})", r.start, r.stop, r.step)
                    }
                }
                Payload::Slice(s) => {
                    let s = s.clone();
                    format!(
                        "slice({}, {}, {})",
                        self.repr_of(&s[0])?,
                        self.repr_of(&s[1])?,
                        self.repr_of(&s[2])?
                    )
                }
                Payload::Function(f) => {
                    let q = f.meta.with(|m| m.qualname.as_str().unwrap_or("?").to_string());
                    format!("<function {q} at {:#x}>", o.id())
                }
                Payload::Builtin(b) => match b.owner {
                    Some(owner) => format!("<method '{}' of '{owner}' objects>", b.name),
                    None => format!("<built-in function {}>", b.name),
                },
                Payload::Method(m) => {
                    let (func, self_) = (m.func.clone(), m.self_.clone());
                    match func.payload() {
                        Some(Payload::Builtin(b)) => {
                            let tn = self.type_name(&self_);
                            format!(
                                "<built-in method {} of {tn} object at {:#x}>",
                                b.name,
                                self_.obj().map_or(0, |o| o.id())
                            )
                        }
                        Some(Payload::Function(f)) => {
                            let q = f.meta.with(|m| m.qualname.as_str().unwrap_or("?").to_string());
                            format!("<bound method {q} of {}>", self.repr_of(&self_)?)
                        }
                        _ => "<bound method>".into(),
                    }
                }
                Payload::Class(c) => {
                    let module = self
                        .dict_get_str(&c.dict, "__module__")
                        .and_then(|v| v.as_str().map(String::from));
                    match module {
                        Some(m) if m != "builtins" => format!("<class '{m}.{}'>", c.qualname),
                        _ => format!("<class '{}'>", c.name),
                    }
                }
                Payload::Instance(inst) => {
                    let has_custom = self
                        .class_lookup(&inst.class, "__repr__")
                        .map(|f| !is_default_slot(&f))
                        .unwrap_or(false);
                    if has_custom {
                        let r = self.call_special(v, "__repr__", &[])?.unwrap_or(Value::None);
                        return match r.as_str() {
                            Some(s) => Ok(s.to_string()),
                            None => {
                                let tn = self.type_name(&r);
                                Err(self.new_type_error(&format!(
                                    "__repr__ returned non-string (type {tn})"
                                )))
                            }
                        };
                    }
                    self.default_instance_repr(v, true)?
                }
                Payload::Module(m) => format!("<module '{}'>", m.name),
                Payload::Code(c) => format!(
                    "<code object {} at {:#x}, file \"{}\", line {}>",
                    c.code.name,
                    o.id(),
                    c.code.filename,
                    c.code.firstlineno
                ),
                Payload::Cell(_) => format!("<cell at {:#x}>", o.id()),
                Payload::Generator(g) => {
                    format!("<generator object {} at {:#x}>", g.qualname, o.id())
                }
                Payload::Iterator(k, _) => format!("<{} object at {:#x}>", k.type_name(), o.id()),
                Payload::Property(_) => format!("<property object at {:#x}>", o.id()),
                Payload::StaticMethod(_) => format!("<staticmethod object at {:#x}>", o.id()),
                Payload::ClassMethod(_) => format!("<classmethod object at {:#x}>", o.id()),
                Payload::Super(_) => "<super object>".into(),
                Payload::DictView(dv) => {
                    let name = ["dict_keys", "dict_values", "dict_items"][dv.kind.min(2) as usize];
                    let items = self.iterate_to_vec(v)?;
                    format!("{name}([{}])", self.repr_join(&items)?)
                }
                Payload::Native(n) => {
                    // The type's own `__repr__` (a native method), else `<module.name object at 0x..>`.
                    match self.class_lookup(&n.class, "__repr__").filter(|f| !is_default_slot(f)) {
                        Some(f) => {
                            let r = self.call(&f, std::slice::from_ref(v), &[])?;
                            r.as_str().map(str::to_string).unwrap_or_default()
                        }
                        None => {
                            let Payload::Class(c) = n.class.payload() else {
                                unreachable!("a native object's class is a class")
                            };
                            let module = self
                                .dict_get_str(&c.dict, "__module__")
                                .and_then(|v| v.as_str().map(String::from))
                                .unwrap_or_default();
                            format!("<{module}.{} object at {:#x}>", c.qualname, o.id())
                        }
                    }
                }
                Payload::Frame(fr) => self.frame_repr(o, fr),
                Payload::Member(m) => {
                    format!("<member '{}' of '{}' objects>", m.name.as_str().unwrap_or(""), m.owner)
                }
                Payload::NotImplemented => "NotImplemented".into(),
                Payload::Ellipsis => "Ellipsis".into(),
            },
        })
    }

    fn repr_nested(&mut self, v: &Value<M>) -> Result<String, PyErr<M>> {
        self.depth += 1;
        let r = self.repr_of(v);
        self.depth -= 1;
        r
    }

    fn repr_join(&mut self, items: &[Value<M>]) -> Result<String, PyErr<M>> {
        let mut parts = Vec::with_capacity(items.len());
        for it in items {
            parts.push(self.repr_nested(it)?);
        }
        Ok(parts.join(", "))
    }

    /// Guard against self-containing containers (`Py_ReprEnter`): true if already being printed.
    fn repr_enter(&mut self, o: &crate::object::ObjRef<M>) -> bool {
        if self.repr_stack.contains(&o.id()) {
            return true;
        }
        self.repr_stack.push(o.id());
        false
    }

    fn repr_leave(&mut self) {
        self.repr_stack.pop();
    }

    /// `ascii(v)`.
    pub fn ascii_of(&mut self, v: &Value<M>) -> Result<String, PyErr<M>> {
        let r = self.repr_of(v)?;
        Ok(crate::types::format::ascii_escape(&r))
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value<M>, spec: &str) -> PyResult<M> {
        let s = crate::types::format::format_value(self, v, spec)?;
        Ok(Value::new_str(s))
    }
}

/// Whether `f` is `object`'s or `BaseException`'s own slot (`__repr__`, `__str__`), which the
/// VM implements directly instead of calling.
fn is_default_slot<M: ExecutionModel>(f: &Value<M>) -> bool {
    matches!(f.payload(), Some(Payload::Builtin(b)) if matches!(b.owner, Some("object") | Some("BaseException")))
}
