//! Exceptions: creating and raising them, matching `except` clauses, CPython-style tracebacks.
#![forbid(unsafe_code)]

use crate::object::{ExceptionState, Guarded, InstanceObj, Layout, ObjRef, Payload, PyErr, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

impl<M: ExecutionModel> Vm<M> {
    /// A new exception instance of `class` with the given args tuple.
    pub fn new_exception_obj(&mut self, class: &ObjRef<M>, args: Vec<Value<M>>) -> ObjRef<M> {
        let dict = ObjRef::new(Payload::Dict(Guarded::new(Default::default())));
        let state = ExceptionState {
            args: Value::new_tuple(args),
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
        };
        ObjRef::new(Payload::Instance(InstanceObj {
            class: class.clone(),
            dict,
            exc: Some(Box::new(Guarded::new(state))),
            native: None,
            slots: None,
            finalized: Default::default(),
            dict_materialized: Default::default(),
        }))
    }

    /// An error of `class` with a message (CPython's `PyErr_SetString`).
    pub fn new_error(&mut self, class: &ObjRef<M>, msg: &str) -> PyErr<M> {
        let exc = self.new_exception_obj(class, vec![Value::new_str(msg)]);
        PyErr { exc }
    }

    pub fn new_type_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().type_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_value_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().value_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_runtime_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().runtime_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_index_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().index_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_attribute_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().attribute_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_zero_division(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().zero_division_error.clone();
        self.new_error(&c, msg)
    }
    pub fn new_overflow_error(&mut self, msg: &str) -> PyErr<M> {
        let c = self.types().overflow_error.clone();
        self.new_error(&c, msg)
    }
    /// A bare `MemoryError` (CPython's `PyErr_NoMemory`): an allocation the program asked for failed.
    pub fn new_memory_error(&mut self) -> PyErr<M> {
        let c = self.types().memory_error.clone();
        PyErr { exc: self.new_exception_obj(&c, vec![]) }
    }
    /// `KeyError(key)`.
    pub fn new_key_error(&mut self, key: Value<M>) -> PyErr<M> {
        let c = self.types().key_error.clone();
        PyErr { exc: self.new_exception_obj(&c, vec![key]) }
    }
    pub fn new_stop_iteration(&mut self, value: Value<M>) -> PyErr<M> {
        let c = self.types().stop_iteration.clone();
        let args = if value.is_none() { vec![] } else { vec![value] };
        PyErr { exc: self.new_exception_obj(&c, args) }
    }

    /// Treat a value known to be an exception instance as a raised error.
    pub fn error_from_value(&mut self, v: Value<M>) -> PyErr<M> {
        match v {
            Value::Obj(o) if self.is_exception_instance(&o) => PyErr { exc: o },
            other => {
                let tn = self.type_name(&other);
                self.new_type_error(&format!(
                    "exceptions must derive from BaseException (got {tn})"
                ))
            }
        }
    }

    pub fn is_exception_instance(&self, o: &ObjRef<M>) -> bool {
        matches!(o.payload(), Payload::Instance(i) if i.exc.is_some())
    }

    /// Build the error for `raise exc [from cause]`: classes are instantiated.
    pub fn make_raise(
        &mut self,
        exc: Value<M>,
        cause: Option<Value<M>>,
    ) -> Result<PyErr<M>, PyErr<M>> {
        let exc_obj = self.instantiate_exception(exc)?;
        if let Some(cause) = cause {
            let cause = if cause.is_none() {
                Value::None
            } else {
                Value::Obj(self.instantiate_exception(cause)?)
            };
            if let Payload::Instance(InstanceObj { exc: Some(st), .. }) = exc_obj.payload() {
                st.with(|s| {
                    s.cause = cause;
                    s.suppress_context = true;
                });
            }
        }
        Ok(PyErr { exc: exc_obj })
    }

    fn instantiate_exception(&mut self, exc: Value<M>) -> Result<ObjRef<M>, PyErr<M>> {
        match &exc {
            Value::Obj(o) if self.is_exception_instance(o) => Ok(o.clone()),
            Value::Obj(o) if matches!(o.payload(), Payload::Class(c) if c.layout == Layout::Exception) =>
            {
                let inst = self.call(&exc, &[], &[])?;
                match inst {
                    Value::Obj(i) if self.is_exception_instance(&i) => Ok(i),
                    _ => Err(self
                        .new_type_error("calling an exception class did not return an exception")),
                }
            }
            _ => Err(self.new_type_error("exceptions must derive from BaseException")),
        }
    }

    pub fn set_context_if_unset(&mut self, exc: &ObjRef<M>, ctx: Value<M>) {
        if let Payload::Instance(InstanceObj { exc: Some(st), .. }) = exc.payload() {
            st.with(|s| {
                if s.context.is_none() {
                    s.context = ctx;
                }
            });
        }
    }

    /// The `args` tuple of an exception.
    pub fn exception_args(&self, exc: &ObjRef<M>) -> Value<M> {
        match exc.payload() {
            Payload::Instance(InstanceObj { exc: Some(st), .. }) => st.with(|s| s.args.clone()),
            _ => Value::new_tuple(vec![]),
        }
    }

    /// `except T:` matching: `T` is a class or a tuple of classes.
    pub fn exception_matches(&mut self, exc: &Value<M>, ty: &Value<M>) -> Result<bool, PyErr<M>> {
        if let Some(items) = ty.as_tuple() {
            for t in items {
                if self.exception_matches(exc, t)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        match ty {
            Value::Obj(c) if matches!(c.payload(), Payload::Class(_)) => {
                let Value::Obj(e) = exc else { return Ok(false) };
                Ok(self.isinstance_class(e, c))
            }
            _ => Err(self.new_type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The text CPython prints for an uncaught exception, chained causes and contexts included.
    pub fn format_exception(&mut self, err: &PyErr<M>) -> String {
        let mut out = String::new();
        self.format_exception_chain(&err.exc, &mut out, 0);
        out
    }

    /// One exception's traceback without its `__cause__`/`__context__` chain (how CPython
    /// reports an error raised while finalizing an object).
    pub fn format_exception_unchained(&mut self, err: &PyErr<M>) -> String {
        let mut out = String::new();
        self.format_exception_chain(&err.exc, &mut out, usize::MAX);
        out
    }

    fn format_exception_chain(&mut self, exc: &ObjRef<M>, out: &mut String, depth: usize) {
        let (cause, context, suppress, tb) = match exc.payload() {
            Payload::Instance(InstanceObj { exc: Some(st), .. }) => st.with(|s| {
                (s.cause.clone(), s.context.clone(), s.suppress_context, s.traceback.clone())
            }),
            _ => (Value::None, Value::None, false, Vec::new()),
        };
        if depth < 32 {
            if let Value::Obj(c) = &cause {
                self.format_exception_chain(c, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if let (Value::Obj(c), false) = (&context, suppress) {
                self.format_exception_chain(c, out, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            let mut last: Option<(String, u32, String)> = None;
            let mut repeats = 0usize;
            let entries: Vec<_> = tb.iter().rev().collect();
            let flush_repeats = |out: &mut String, repeats: usize| {
                if repeats > 3 {
                    let n = repeats - 3;
                    out.push_str(&format!(
                        "  [Previous line repeated {} more time{}]\n",
                        n,
                        if n == 1 { "" } else { "s" }
                    ));
                }
            };
            for e in entries {
                let key = (e.filename.to_string(), e.lineno, e.name.to_string());
                if last.as_ref() == Some(&key) {
                    repeats += 1;
                    if repeats > 3 {
                        continue;
                    }
                } else {
                    flush_repeats(out, repeats);
                    repeats = 1;
                }
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    e.filename, e.lineno, e.name
                ));
                if let Some(line) = self.source_line(&e.filename, e.lineno) {
                    let t = line.trim();
                    if !t.is_empty() {
                        out.push_str(&format!("    {t}\n"));
                    }
                }
                last = Some(key);
            }
            flush_repeats(out, repeats);
        }
        // A SyntaxError with a location ends with its source line and carets, as in CPython.
        match crate::stdlib::compile::syntax_error_block(self, exc) {
            Some(block) => out.push_str(&block),
            None => out.push_str(&self.exception_summary(exc)),
        }
        out.push('\n');
    }

    /// `TypeName: message` (or just `TypeName` for an empty message), as the last traceback line.
    pub fn exception_summary(&mut self, exc: &ObjRef<M>) -> String {
        let v = Value::Obj(exc.clone());
        let name = self.type_name(&v);
        let module_prefix = match self.class_of(&v).payload() {
            Payload::Class(c) => {
                let m = self.class_module(c);
                if m == "builtins" || m == "__main__" {
                    String::new()
                } else {
                    format!("{m}.")
                }
            }
            _ => String::new(),
        };
        let msg = self.str_of(&v).unwrap_or_else(|_| "<exception str() failed>".to_string());
        if msg.is_empty() {
            format!("{module_prefix}{name}")
        } else {
            format!("{module_prefix}{name}: {msg}")
        }
    }

    fn class_module(&mut self, c: &crate::object::ClassObj<M>) -> String {
        self.dict_get_str(&c.dict, "__module__")
            .and_then(|v| v.as_str().map(|s| s.to_string()))
            .unwrap_or_else(|| "builtins".into())
    }
}
