//! The `builtins` module: builtin functions and the constructors of the builtin types.

use crate::object::{DictTable, ObjRef, Payload, PropertyObj, PyErr, PyResult, RangeObj, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;
use crate::types::args::{builtin, install, kwarg, method_positional, positional};

/// `input([prompt])`: the prompt on stdout, then one line of `sys.stdin` without its newline;
/// `EOFError: EOF when reading a line` at end of input.
fn b_input<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "input", args, kw, 0, 1)?.to_vec();
    if let Some(prompt) = p.first() {
        let text = vm.str_of(prompt)?;
        let out = crate::stdlib::modules::sys::current_stdout(vm);
        match out {
            Some(f) => {
                let write = vm.getattr(&f, &Value::new_str("write"))?;
                vm.call(&write, &[Value::new_str(text)], &[])?;
                if let Some(flush) = vm.getattr_opt(&f, "flush")? {
                    vm.call(&flush, &[], &[])?;
                }
            }
            None => {
                vm.write_stdout(&text);
                vm.flush_stdout();
                vm.check_stdout()?;
            }
        }
    }
    let sys = vm.import_module("sys")?;
    let stdin = vm.getattr_opt(&sys, "stdin")?;
    let Some(stdin) = stdin.filter(|s| !s.is_none()) else {
        return Err(vm.new_runtime_error("input(): lost sys.stdin"));
    };
    let readline = vm.getattr(&stdin, &Value::new_str("readline"))?;
    let line = vm.call(&readline, &[], &[])?;
    let Some(text) = line.as_str().map(str::to_string) else {
        return Err(vm.new_type_error("object.readline() returned non-string"));
    };
    if text.is_empty() {
        let eof = vm.types().eof_error.clone();
        return Err(vm.new_error(&eof, "EOF when reading a line"));
    }
    Ok(Value::new_str(text.strip_suffix('\n').unwrap_or(&text).to_string()))
}

fn b_print<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if let Some(k) =
        kw.iter().find(|k| !matches!(k.as_str(), Some("sep" | "end" | "file" | "flush")))
    {
        let k = k.as_str().unwrap_or("").to_string();
        return Err(vm.new_type_error(&format!("'{k}' is an invalid keyword argument for print()")));
    }
    let sep = kwarg(args, kw, "sep").filter(|v| !v.is_none());
    let end = kwarg(args, kw, "end").filter(|v| !v.is_none());
    let sep = match &sep {
        Some(v) => v.as_str().map(String::from).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.new_type_error(&format!("sep must be None or a string, not {tn}"))
        })?,
        None => " ".into(),
    };
    let end = match &end {
        Some(v) => v.as_str().map(String::from).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.new_type_error(&format!("end must be None or a string, not {tn}"))
        })?,
        None => "\n".into(),
    };
    let flush = match kwarg(args, kw, "flush") {
        Some(f) => vm.is_true(&f)?,
        None => false,
    };
    let file = match kwarg(args, kw, "file").filter(|v| !v.is_none()) {
        Some(f) => Some(f),
        None => crate::stdlib::modules::sys::current_stdout(vm),
    };
    let fd = match &file {
        None => Some(1),
        Some(f) => crate::stdlib::modules::sys::stream_fd(vm, f),
    };
    match (fd, file) {
        (Some(fd), _) => {
            let mut out = String::new();
            for (i, a) in pos.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                out.push_str(&vm.str_of(a)?);
            }
            out.push_str(&end);
            crate::stdlib::modules::sys::write_fd(vm, fd, &out)?;
            if flush {
                vm.flush_stdout();
                vm.check_stdout()?;
            }
        }
        (None, Some(file)) => {
            let write = vm.getattr(&file, &Value::new_str("write"))?;
            for (i, a) in pos.iter().enumerate() {
                if i > 0 {
                    vm.call(&write, &[Value::new_str(sep.clone())], &[])?;
                }
                let s = vm.str_of(a)?;
                vm.call(&write, &[Value::new_str(s)], &[])?;
            }
            vm.call(&write, &[Value::new_str(end)], &[])?;
            if flush {
                let f = vm.getattr(&file, &Value::new_str("flush"))?;
                vm.call(&f, &[], &[])?;
            }
        }
        (None, None) => {}
    }
    Ok(Value::None)
}

fn b_format<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "format", args, kw, 1, 2)?;
    let spec = match p.get(1) {
        None => String::new(),
        Some(s) => match s.as_str() {
            Some(s) => s.to_string(),
            None => {
                let tn = vm.type_name(s);
                return Err(
                    vm.new_type_error(&format!("format() argument 2 must be str, not {tn}"))
                );
            }
        },
    };
    vm.format(&p[0], &spec)
}

/// The namespace dict behind `vars(obj)` / `obj.__dict__`, if the object has one.
fn dict_of<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<ObjRef<M>>, crate::object::PyErr<M>> {
    Ok(match v.payload() {
        Some(Payload::Instance(i)) if !Vm::<M>::has_no_dict(&i.class) => {
            i.dict_materialized.store(true, std::sync::atomic::Ordering::Relaxed);
            Some(vm.attr_dict(v, i)?)
        }
        Some(Payload::Module(m)) => Some(m.dict.clone()),
        Some(Payload::Class(c)) => Some(c.dict.clone()),
        _ => None,
    })
}

fn b_vars<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "vars", args, kw, 1, 1)?;
    match dict_of(vm, &p[0])? {
        Some(d) => Ok(Value::Obj(d)),
        None => match vm.getattr_opt(&p[0], "__dict__")? {
            Some(d) => Ok(d),
            None => Err(vm.new_type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn b_dir<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "dir", args, kw, 1, 1)?;
    let obj = &p[0];
    if let Some(f) = vm.lookup_special(obj, "__dir__")? {
        if matches!(obj.payload(), Some(Payload::Instance(_))) {
            let r = vm.call(&f, std::slice::from_ref(obj), &[])?;
            let items = vm.iterate_to_vec(&r)?;
            let list = Value::new_list(items);
            crate::types::list::list_sort(vm, std::slice::from_ref(&list), &[])?;
            return Ok(list);
        }
    }
    let mut dicts = Vec::new();
    match obj.payload() {
        Some(Payload::Module(m)) => dicts.push(m.dict.clone()),
        Some(Payload::Class(c)) => {
            dicts.push(c.dict.clone());
            for b in &c.mro {
                if let Payload::Class(bc) = b.payload() {
                    dicts.push(bc.dict.clone());
                }
            }
        }
        _ => {
            if let Some(d) = dict_of(vm, obj)? {
                dicts.push(d);
            }
            let cls = vm.class_of(obj);
            if let Payload::Class(c) = cls.payload() {
                dicts.push(c.dict.clone());
                for b in &c.mro {
                    if let Payload::Class(bc) = b.payload() {
                        dicts.push(bc.dict.clone());
                    }
                }
            }
        }
    }
    let mut names: Vec<String> = Vec::new();
    for d in dicts {
        for (k, _) in vm.dict_items_vec(&Value::Obj(d))? {
            if let Some(s) = k.as_str() {
                names.push(s.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::new_list(names.into_iter().map(Value::new_str).collect()))
}

/// `SystemExit.code`: the single argument, None without arguments, the args tuple otherwise.
/// `StopIteration.value`: the first argument, or None.
fn stop_iteration_value<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let Some(Value::Obj(e)) = args.first() else { return Ok(Value::None) };
    let a = vm.exception_args(e);
    Ok(a.as_tuple().and_then(|t| t.first().cloned()).unwrap_or(Value::None))
}

fn system_exit_code<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let Some(Value::Obj(e)) = args.first() else { return Ok(Value::None) };
    let a = vm.exception_args(e);
    Ok(match a.as_tuple() {
        Some([]) | None => Value::None,
        Some([one]) => one.clone(),
        Some(_) => a.clone(),
    })
}

fn b_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "len", args, kw, 1, 1)?;
    Ok(Value::Int(vm.len_of(&p[0])? as i64))
}

fn b_repr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "repr", args, kw, 1, 1)?;
    Ok(Value::new_str(vm.repr_of(&p[0])?))
}

fn b_isinstance<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "isinstance", args, kw, 2, 2)?;
    let cls = vm.class_of(&p[0]);
    Ok(Value::Bool(class_matches(vm, &cls, &p[1])?))
}

fn class_matches<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    spec: &Value<M>,
) -> Result<bool, PyErr<M>> {
    if let Some(t) = spec.as_tuple() {
        for s in t {
            if class_matches(vm, cls, s)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match spec {
        Value::Obj(c) if matches!(c.payload(), Payload::Class(_)) => Ok(vm.is_subclass(cls, c)),
        Value::Obj(c) if matches!(c.payload(), Payload::Instance(_)) => match vm
            .getattr_opt(spec, "__union_args__")?
        {
            Some(args) if args.as_tuple().is_some() => class_matches(vm, cls, &args),
            _ => Err(vm
                .new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
        },
        _ => {
            Err(vm
                .new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

fn b_issubclass<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "issubclass", args, kw, 2, 2)?;
    let Some(c) = p[0].obj().filter(|o| matches!(o.payload(), Payload::Class(_))).cloned() else {
        return Err(vm.new_type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::Bool(class_matches(vm, &c, &p[1])?))
}

fn b_getattr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "getattr", args, kw, 2, 3)?;
    match vm.getattr(&p[0], &p[1]) {
        Ok(v) => Ok(v),
        Err(e)
            if p.len() == 3 && vm.isinstance_class(&e.exc, &vm.types().attribute_error.clone()) =>
        {
            Ok(p[2].clone())
        }
        Err(e) => Err(e),
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the import statement's
/// machinery (`IMPORT_NAME`), callable; what `importlib.import_module` is built on.
fn b_import<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    if pos.len() > 5 {
        return Err(vm.new_type_error(&format!(
            "__import__() takes at most 5 arguments ({} given)",
            pos.len()
        )));
    }
    let mut slots: [Option<Value<M>>; 5] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for k in kw {
        let key = k.as_str().unwrap_or("");
        let Some(i) = NAMES.iter().position(|n| *n == key) else {
            return Err(vm.new_type_error(&format!(
                "__import__() got an unexpected keyword argument '{key}'"
            )));
        };
        slots[i] = kwarg(args, kw, key);
    }
    let Some(name) = slots[0].clone() else {
        return Err(vm.new_type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    if name.as_str().is_none() {
        return Err(vm.new_type_error("module name must be a string"));
    }
    let level = slots[4].clone().unwrap_or(Value::Int(0));
    match &level {
        Value::Int(l) if *l < 0 => return Err(vm.new_value_error("level must be >= 0")),
        Value::Int(_) => {}
        _ => return Err(vm.new_type_error("an integer is required for the level argument")),
    }
    if name.as_str() == Some("") && matches!(level, Value::Int(0)) {
        return Err(vm.new_value_error("Empty module name"));
    }
    let globals = match &slots[1] {
        Some(Value::Obj(o)) if matches!(o.payload(), Payload::Dict(_)) => o.clone(),
        _ => match Value::<M>::new_dict(DictTable::default()) {
            Value::Obj(o) => o,
            _ => unreachable!("new_dict makes an object"),
        },
    };
    let fromlist = slots[3].clone().unwrap_or(Value::None);
    vm.import_name(&name, &fromlist, &level, &globals)
}

fn b_hasattr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "hasattr", args, kw, 2, 2)?;
    match vm.getattr(&p[0], &p[1]) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if vm.isinstance_class(&e.exc, &vm.types().attribute_error.clone()) => {
            Ok(Value::Bool(false))
        }
        Err(e) => Err(e),
    }
}

fn b_setattr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "setattr", args, kw, 3, 3)?;
    vm.setattr(&p[0], &p[1], p[2].clone())?;
    Ok(Value::None)
}

fn b_delattr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "delattr", args, kw, 2, 2)?;
    vm.delattr(&p[0], &p[1])?;
    Ok(Value::None)
}

fn b_id<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "id", args, kw, 1, 1)?;
    Ok(Value::Int(match &p[0] {
        Value::Obj(o) => o.id() as i64,
        other => vm.hash(other)? ^ 0x5bd1e995,
    }))
}

fn b_hash<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "hash", args, kw, 1, 1)?;
    Ok(Value::Int(vm.hash(&p[0])?))
}

fn b_abs<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "abs", args, kw, 1, 1)?;
    match &p[0] {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v if vm.as_num(v).is_some() => {
            let neg = vm.compare(crate::compiler::opcode::CompareOpArg::Lt, v, &Value::Int(0))?;
            if vm.is_true(&neg)? {
                vm.unary_negative(v)
            } else {
                vm.unary_positive(v)
            }
        }
        v => match vm.call_special(v, "__abs__", &[])? {
            Some(r) => Ok(r),
            None => {
                let tn = vm.type_name(v);
                Err(vm.new_type_error(&format!("bad operand type for abs(): '{tn}'")))
            }
        },
    }
}

fn min_max<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    is_max: bool,
) -> PyResult<M> {
    let name = if is_max { "max" } else { "min" };
    let pos = &args[..args.len() - kw.len()];
    let key = kwarg(args, kw, "key").filter(|k| !k.is_none());
    let default = kwarg(args, kw, "default");
    let items = match pos.len() {
        0 => return Err(vm.new_type_error(&format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.iterate_to_vec(&pos[0])?,
        _ => pos.to_vec(),
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.new_value_error(&format!("{name}() arg is an empty sequence"))),
        };
    }
    let op = if is_max {
        crate::compiler::opcode::CompareOpArg::Gt
    } else {
        crate::compiler::opcode::CompareOpArg::Lt
    };
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) => vm.call(k, std::slice::from_ref(&best), &[])?,
        None => best.clone(),
    };
    for it in items.into_iter().skip(1) {
        let k = match &key {
            Some(kf) => vm.call(kf, std::slice::from_ref(&it), &[])?,
            None => it.clone(),
        };
        let better = vm.compare(op, &k, &best_key)?;
        if vm.is_true(&better)? {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

fn b_min<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    min_max(vm, args, kw, false)
}
fn b_max<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    min_max(vm, args, kw, true)
}

fn b_sum<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if pos.is_empty() {
        return Err(vm.new_type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    let mut acc = pos.get(1).cloned().or_else(|| kwarg(args, kw, "start")).unwrap_or(Value::Int(0));
    let it = vm.get_iter(&pos[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        acc = vm.binary_op(crate::compiler::opcode::BinaryOpArg::Add, &acc, &v, false)?;
    }
    Ok(acc)
}

fn b_sorted<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if pos.len() != 1 {
        return Err(vm.new_type_error(&format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = vm.iterate_to_vec(&pos[0])?;
    let list = Value::new_list(items);
    let mut sort_args = vec![list.clone()];
    sort_args.extend_from_slice(&args[args.len() - kw.len()..]);
    crate::types::list::list_sort(vm, &sort_args, kw)?;
    Ok(list)
}

fn b_any_all<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    want: bool,
) -> PyResult<M> {
    let pos = positional(vm, if want { "any" } else { "all" }, args, kw, 1, 1)?;
    let it = vm.get_iter(&pos[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        if vm.is_true(&v)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}
fn b_any<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    b_any_all(vm, args, kw, true)
}
fn b_all<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    b_any_all(vm, args, kw, false)
}

fn b_ord<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = positional(vm, "ord", args, kw, 1, 1)?;
    match pos[0].as_str() {
        Some(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().unwrap_or('\0') as i64))
        }
        Some(s) => Err(vm.new_type_error(&format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
        None => {
            let tn = vm.type_name(&pos[0]);
            Err(vm.new_type_error(&format!("ord() expected string of length 1, but {tn} found")))
        }
    }
}

fn b_chr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = positional(vm, "chr", args, kw, 1, 1)?;
    match vm.as_index(&pos[0]).and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
        Some(c) => Ok(Value::new_str(c.to_string())),
        None => Err(vm.new_value_error("chr() arg not in range(0x110000)")),
    }
}

fn b_callable<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = positional(vm, "callable", args, kw, 1, 1)?;
    Ok(Value::Bool(match pos[0].payload() {
        Some(
            Payload::Function(_) | Payload::Builtin(_) | Payload::Method(_) | Payload::Class(_),
        ) => true,
        Some(Payload::Instance(_)) => vm.lookup_special(&pos[0], "__call__")?.is_some(),
        _ => false,
    }))
}

fn b_build_class<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if pos.len() < 2 {
        return Err(vm.new_type_error("__build_class__: not enough arguments"));
    }
    let name = pos[1].as_str().unwrap_or("?").to_string();
    let kws = kw.iter().cloned().zip(args[args.len() - kw.len()..].iter().cloned()).collect();
    vm.build_class(&pos[0], &name, pos[2..].to_vec(), kws)
}

// ----- type constructors (receive the class first) -----

/// `type(name, bases, dict, **kw)`: a new class from a namespace (a copy of `dict`).
fn type_new<M: ExecutionModel>(
    vm: &mut Vm<M>,
    pos: &[Value<M>],
    kwvalues: &[Value<M>],
    kwnames: &[Value<M>],
) -> PyResult<M> {
    let Some(name) = pos[0].as_str().map(str::to_string) else {
        let tn = vm.type_name(&pos[0]);
        return Err(vm.new_type_error(&format!("type.__new__() argument 1 must be str, not {tn}")));
    };
    let Some(bases) = pos[1].as_tuple().map(|t| t.to_vec()) else {
        let tn = vm.type_name(&pos[1]);
        return Err(
            vm.new_type_error(&format!("type.__new__() argument 2 must be tuple, not {tn}"))
        );
    };
    if !matches!(pos[2].payload(), Some(Payload::Dict(_))) {
        let tn = vm.type_name(&pos[2]);
        return Err(vm.new_type_error(&format!("type.__new__() argument 3 must be dict, not {tn}")));
    }
    let mut base_refs = Vec::new();
    for b in &bases {
        match b {
            Value::Obj(o) if matches!(o.payload(), Payload::Class(_)) => base_refs.push(o.clone()),
            _ => return Err(vm.new_type_error("bases must be types")),
        }
    }
    if base_refs.is_empty() {
        base_refs.push(vm.types().object.clone());
    }
    let ns =
        ObjRef::new(Payload::Dict(crate::object::Guarded::new(crate::object::DictTable::new())));
    for (k, v) in vm.dict_items_vec(&pos[2])? {
        vm.dict_set(&ns, k, v)?;
    }
    if vm.dict_get_str(&ns, "__module__").is_none() {
        // CPython takes the caller's `__name__`; the innermost observed frame knows it.
        let module = match vm.observed_frame_globals() {
            Some(g) => vm.dict_get_str(&g, "__name__"),
            None => None,
        };
        vm.dict_set_str(&ns, "__module__", module.unwrap_or_else(|| Value::new_str("__main__")));
    }
    let kw = kwnames.iter().cloned().zip(kwvalues.iter().cloned()).collect();
    vm.make_class(&name, base_refs, ns, kw, Value::None)
}

fn t_type<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[1..args.len() - kw.len()];
    match pos.len() {
        1 if kw.is_empty() => Ok(Value::Obj(vm.class_of(&pos[0]))),
        3 => type_new(vm, pos, &args[args.len() - kw.len()..], kw),
        _ => Err(vm.new_type_error("type() takes 1 or 3 arguments")),
    }
}

fn t_str<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[1..args.len() - kw.len()];
    match pos.first() {
        None => Ok(Value::new_str("")),
        Some(v) if v.as_str().is_some() => Ok(v.clone()),
        // `str(b, encoding[, errors])` decodes (as `b.decode(encoding)`).
        Some(v)
            if (pos.len() > 1 || !kw.is_empty())
                && matches!(v.payload(), Some(Payload::Bytes(_))) =>
        {
            let decode = vm.getattr(v, &Value::new_str("decode"))?;
            let mut rest: Vec<Value<M>> = pos[1..].to_vec();
            rest.extend_from_slice(&args[args.len() - kw.len()..]);
            vm.call(&decode, &rest, kw)
        }
        Some(v) => Ok(Value::new_str(vm.str_of(v)?)),
    }
}

fn t_bool<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    match args.get(1) {
        None => Ok(Value::Bool(false)),
        Some(v) => Ok(Value::Bool(vm.is_true(v)?)),
    }
}

fn t_list<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    match args.get(1) {
        None => Ok(Value::new_list(vec![])),
        Some(v) => Ok(Value::new_list(vm.iterate_to_vec(v)?)),
    }
}

fn t_tuple<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    match args.get(1) {
        None => Ok(Value::new_tuple(vec![])),
        Some(v) if v.as_tuple().is_some() => Ok(v.clone()),
        Some(v) => Ok(Value::new_tuple(vm.iterate_to_vec(v)?)),
    }
}

fn t_dict<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let d = Value::new_dict(DictTable::new());
    let pos = &args[1..args.len() - kw.len()];
    if let Some(src) = pos.first() {
        vm.dict_update(&d, src)?;
    }
    let base = args.len() - kw.len();
    for (i, k) in kw.iter().enumerate() {
        vm.setitem(&d, k.clone(), args[base + i].clone())?;
    }
    Ok(d)
}

fn t_set<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    crate::types::set::construct(vm, args, kw)
}

fn t_range<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[1..args.len() - kw.len()];
    let mut ints = Vec::new();
    for p in pos {
        match vm.as_index(p) {
            Some(i) => ints.push(i),
            None => {
                let tn = vm.type_name(p);
                return Err(vm.new_type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
        }
    }
    let (start, stop, step) = match ints.len() {
        1 => (0, ints[0], 1),
        2 => (ints[0], ints[1], 1),
        3 => (ints[0], ints[1], ints[2]),
        0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.new_type_error(&format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == 0 {
        return Err(vm.new_value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Obj(ObjRef::new(Payload::Range(RangeObj { start, stop, step }))))
}

fn t_slice<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "slice", &args[1..], kw, 1, 3)?;
    let s = match p {
        [stop] => [Value::None, stop.clone(), Value::None],
        [start, stop] => [start.clone(), stop.clone(), Value::None],
        [start, stop, step] => [start.clone(), stop.clone(), step.clone()],
        _ => unreachable!("positional() checked the count"),
    };
    Ok(Value::Obj(ObjRef::new(Payload::Slice(Box::new(s)))))
}

fn t_property<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let get = |i: usize, name: &str| {
        args.get(i)
            .filter(|_| i < args.len() - kw.len())
            .cloned()
            .or_else(|| kwarg(args, kw, name))
            .unwrap_or(Value::None)
    };
    Ok(Value::Obj(ObjRef::new(Payload::Property(PropertyObj {
        fget: get(1, "fget"),
        fset: get(2, "fset"),
        fdel: get(3, "fdel"),
        doc: get(4, "doc"),
    }))))
}

fn t_staticmethod<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Obj(ObjRef::new(Payload::StaticMethod(args.get(1).cloned().unwrap_or(Value::None)))))
}

fn t_classmethod<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Obj(ObjRef::new(Payload::ClassMethod(args.get(1).cloned().unwrap_or(Value::None)))))
}

fn t_super<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    if args.len() != 3 {
        return Err(vm.new_runtime_error("super(): no arguments"));
    }
    vm.new_super(args[1].clone(), args[2].clone())
}

fn exc_init<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[1..args.len() - kw.len()];
    if let Some(Payload::Instance(inst)) = args[0].payload() {
        if let Some(st) = &inst.exc {
            let t = Value::new_tuple(pos.to_vec());
            st.with(|s| s.args = t);
        }
    }
    Ok(Value::None)
}

/// `type.__new__`'s last step: call the parent's `__init__subclass__(cls, **kw)` (an implicit
/// classmethod, as is a `__init_subclass__` defined in the class body itself).
pub fn init_subclass<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    ns: &ObjRef<M>,
    kw: Vec<(Value<M>, Value<M>)>,
) -> Result<(), PyErr<M>> {
    if let Some(f) = vm.dict_get_str(ns, "__init_subclass__") {
        if matches!(f.payload(), Some(Payload::Function(_))) {
            vm.dict_set_str(
                ns,
                "__init_subclass__",
                Value::Obj(ObjRef::new(Payload::ClassMethod(f))),
            );
        }
    }
    let Payload::Class(c) = cls.payload() else { return Ok(()) };
    let found = c.mro.iter().find_map(|b| match b.payload() {
        Payload::Class(bc) => vm.dict_get_str(&bc.dict, "__init_subclass__"),
        _ => None,
    });
    let func = match found.as_ref().and_then(|f| f.payload()) {
        Some(Payload::ClassMethod(f)) => f.clone(),
        _ => return Ok(()),
    };
    let mut args = vec![Value::Obj(cls.clone())];
    let mut names = Vec::with_capacity(kw.len());
    for (k, v) in kw {
        names.push(k);
        args.push(v);
    }
    vm.call(&func, &args, &names)?;
    Ok(())
}

fn object_init_subclass<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    if !kw.is_empty() || args.len() > 1 {
        let name = match args.first().and_then(|v| v.payload()) {
            Some(Payload::Class(c)) => c.name.clone(),
            _ => "object".into(),
        };
        return Err(vm.new_type_error(&if kw.is_empty() {
            format!("{name}.__init_subclass__() takes no arguments ({} given)", args.len() - 1)
        } else {
            format!("{name}.__init_subclass__() takes no keyword arguments")
        }));
    }
    Ok(Value::None)
}

fn type_mro<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = method_positional(vm, "type", "mro", args, kw, 0, 0)?;
    match p[0].payload() {
        Some(Payload::Class(c)) => {
            let mut items = vec![p[0].clone()];
            items.extend(c.mro.iter().cloned().map(Value::Obj));
            Ok(Value::new_list(items))
        }
        _ => Err(vm.new_type_error("descriptor 'mro' of 'type' object needs an argument")),
    }
}

/// `object.__init__`: extra arguments are an error unless a custom `__new__` consumes them.
fn object_init<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    if args.len() <= 1 {
        return Ok(Value::None);
    }
    let cls = vm.class_of(&args[0]);
    let Payload::Class(c) = cls.payload() else { return Ok(Value::None) };
    if c.native_base().is_some() || c.layout != crate::object::Layout::Object {
        return Ok(Value::None);
    }
    let is_object_slot = |v: &Option<Value<M>>| match v.as_ref().and_then(|v| v.payload()) {
        Some(Payload::Builtin(b)) => b.owner == Some("object") || b.owner == Some("type"),
        Some(Payload::StaticMethod(f)) => matches!(f.payload(), Some(Payload::Builtin(_))),
        _ => false,
    };
    let init = vm.class_lookup(&cls, "__init__");
    if !is_object_slot(&init) {
        return Err(vm.new_type_error(
            "object.__init__() takes exactly one argument (the instance to initialize)",
        ));
    }
    let new = vm.class_lookup(&cls, "__new__");
    if is_object_slot(&new) {
        return Err(vm.new_type_error(&format!("{}() takes no arguments", c.name)));
    }
    Ok(Value::None)
}

fn object_repr<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__repr__", args, kw, 1, 1)?;
    Ok(Value::new_str(vm.default_instance_repr(&p[0], false)?))
}

fn object_str<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__str__", args, kw, 1, 1)?;
    Ok(Value::new_str(vm.repr_of(&p[0])?))
}

fn object_eq<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__eq__", args, kw, 2, 2)?;
    Ok(if p[0].is(&p[1]) {
        Value::Bool(true)
    } else {
        Value::Obj(vm.interp().not_implemented().clone())
    })
}

fn object_ne<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__ne__", args, kw, 2, 2)?;
    match vm.call_special(&p[0], "__eq__", std::slice::from_ref(&p[1]))? {
        Some(r) if !vm.is_not_implemented(&r) => Ok(Value::Bool(!vm.is_true(&r)?)),
        _ => Ok(Value::Obj(vm.interp().not_implemented().clone())),
    }
}

fn object_hash<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__hash__", args, kw, 1, 1)?;
    Ok(Value::Int(p[0].obj().map_or(0, |o| (o.id() >> 4) as i64)))
}

fn object_setattr<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__setattr__", args, kw, 3, 3)?;
    if p[1].as_str().is_none() {
        let tn = vm.type_name(&p[1]);
        return Err(vm.new_type_error(&format!("attribute name must be string, not '{tn}'")));
    }
    vm.generic_setattr(&p[0], &p[1], p[2].clone())?;
    Ok(Value::None)
}

fn object_getattribute<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__getattribute__", args, kw, 2, 2)?;
    let Some(name) = p[1].as_str().map(str::to_string) else {
        let tn = vm.type_name(&p[1]);
        return Err(vm.new_type_error(&format!("attribute name must be string, not '{tn}'")));
    };
    match vm.getattr_opt(&p[0], &name)? {
        Some(v) => Ok(v),
        None => Err(vm.attribute_missing(&p[0], &name)),
    }
}

fn object_delattr<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "__delattr__", args, kw, 2, 2)?;
    vm.generic_delattr(&p[0], &p[1])?;
    Ok(Value::None)
}

fn exc_str<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__str__", args, kw, 1, 1)?;
    match p[0].obj() {
        Some(o) if matches!(o.payload(), Payload::Instance(i) if i.exc.is_some()) => {
            Ok(Value::new_str(vm.exception_str(o)?))
        }
        _ => Ok(Value::new_str(vm.repr_of(&p[0])?)),
    }
}

fn exc_repr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__repr__", args, kw, 1, 1)?;
    Ok(Value::new_str(vm.default_instance_repr(&p[0], true)?))
}

/// `module(name, doc=None)` (`types.ModuleType`): a new module object, not entered in `sys.modules`.
fn t_module<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let npos = args.len() - kw.len();
    let mut name = args.get(1).filter(|_| npos > 1).cloned();
    let mut doc = args.get(2).filter(|_| npos > 2).cloned();
    if npos > 3 {
        return Err(
            vm.new_type_error(&format!("module() takes at most 2 arguments ({} given)", npos - 1))
        );
    }
    for (k, v) in kw.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("name") if name.is_none() => name = Some(v.clone()),
            Some("doc") if doc.is_none() => doc = Some(v.clone()),
            Some(other) => {
                return Err(vm.new_type_error(&format!(
                    "module() got an unexpected keyword argument '{other}'"
                )))
            }
            None => {}
        }
    }
    let Some(name) = name else {
        return Err(vm.new_type_error("module() missing required argument 'name' (pos 1)"));
    };
    let Some(n) = name.as_str().map(str::to_string) else {
        let tn = vm.type_name(&name);
        return Err(
            vm.new_type_error(&format!("module.__init__() argument 'name' must be str, not {tn}"))
        );
    };
    let dict = ObjRef::new(Payload::Dict(crate::object::Guarded::new(DictTable::new())));
    vm.dict_set_str(&dict, "__name__", name);
    vm.dict_set_str(&dict, "__doc__", doc.unwrap_or(Value::None));
    vm.dict_set_str(&dict, "__package__", Value::None);
    vm.dict_set_str(&dict, "__loader__", Value::None);
    vm.dict_set_str(&dict, "__spec__", Value::None);
    Ok(Value::Obj(ObjRef::new(Payload::Module(crate::object::ModuleObj { name: n, dict }))))
}

/// Fill the `builtins` namespace and the builtin types' method tables.
pub fn install_builtins<M: ExecutionModel>(vm: &mut Vm<M>) {
    let b = vm.interp().builtins().clone();
    let funcs: &[(&'static str, Native<M>)] = &[
        ("print", b_print),
        ("input", b_input),
        ("len", b_len),
        ("repr", b_repr),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("getattr", b_getattr),
        ("hasattr", b_hasattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("id", b_id),
        ("hash", b_hash),
        ("abs", b_abs),
        ("min", b_min),
        ("max", b_max),
        ("sum", b_sum),
        ("sorted", b_sorted),
        ("iter", crate::types::iter::b_iter),
        ("next", crate::types::iter::b_next),
        ("any", b_any),
        ("all", b_all),
        ("ord", b_ord),
        ("chr", b_chr),
        ("callable", b_callable),
        ("__build_class__", b_build_class),
        ("format", b_format),
        ("vars", b_vars),
        ("dir", b_dir),
        ("round", crate::types::number::b_round),
        ("divmod", crate::types::number::b_divmod),
        ("pow", crate::types::number::b_pow),
        ("bin", crate::types::number::b_bin),
        ("oct", crate::types::number::b_oct),
        ("hex", crate::types::number::b_hex),
        ("globals", crate::stdlib::frame_builtins::b_globals),
        ("locals", crate::stdlib::frame_builtins::b_globals),
        ("exec", crate::stdlib::frame_builtins::b_exec),
        ("eval", crate::stdlib::frame_builtins::b_eval),
        ("__import__", b_import),
        ("compile", crate::stdlib::compile::b_compile),
    ];
    for (name, f) in funcs {
        let v = builtin(name, *f, None);
        vm.dict_set_str(&b, name, v);
    }
    let types = vm.interp().clone();
    let t = types.types();
    let ctors: &[(&ObjRef<M>, Native<M>)] = &[
        (&t.type_, t_type),
        (&t.int, crate::types::number::t_int),
        (&t.float, crate::types::number::t_float),
        (&t.str_, t_str),
        (&t.bool_, t_bool),
        (&t.list, t_list),
        (&t.tuple, t_tuple),
        (&t.dict, t_dict),
        (&t.set, t_set),
        (&t.frozenset, t_set),
        (&t.range, t_range),
        (&t.slice, t_slice),
        (&t.property, t_property),
        (&t.staticmethod, t_staticmethod),
        (&t.classmethod, t_classmethod),
        (&t.super_, t_super),
        (&t.module, t_module),
        (&t.bytes, crate::types::bytes::t_bytes),
    ];
    for (cls, f) in ctors {
        set_ctor(cls, *f);
    }
    for cls in t.all() {
        let name = match cls.payload() {
            Payload::Class(c) => c.name.clone(),
            _ => continue,
        };
        vm.dict_set_str(&b, &name, Value::Obj((*cls).clone()));
    }
    for alias in ["EnvironmentError", "IOError"] {
        vm.dict_set_str(&b, alias, Value::Obj(t.os_error.clone()));
    }
    vm.dict_set_str(&b, "None", Value::None);
    vm.dict_set_str(&b, "Ellipsis", Value::Obj(types.ellipsis().clone()));
    vm.dict_set_str(&b, "NotImplemented", Value::Obj(types.not_implemented().clone()));
    vm.dict_set_str(&b, "__name__", Value::new_str("builtins"));
    install(
        vm,
        &t.object,
        "object",
        &[
            ("__init__", object_init),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__setattr__", object_setattr),
            ("__getattribute__", object_getattribute),
            ("__delattr__", object_delattr),
        ],
    );
    let isc = crate::types::args::builtin_descriptor(Payload::ClassMethod(builtin(
        "__init_subclass__",
        object_init_subclass,
        Some("object"),
    )));
    vm.dict_set_str(&object_dict(&t.object), "__init_subclass__", isc);
    install(vm, &t.type_, "type", &[("mro", type_mro)]);
    install(
        vm,
        &t.base_exception,
        "BaseException",
        &[("__init__", exc_init), ("__str__", exc_str), ("__repr__", exc_repr)],
    );
    crate::types::number::set_property(vm, &t.system_exit, "code", system_exit_code, "SystemExit");
    crate::types::number::set_property(
        vm,
        &t.stop_iteration,
        "value",
        stop_iteration_value,
        "StopIteration",
    );
    crate::types::number::install_num(vm);
    crate::types::list::install(vm);
    crate::types::dict::install(vm);
    crate::types::set::install(vm);
    crate::types::seq::install(vm);
    crate::types::str::install(vm);
    crate::types::bytes::install(vm);
    crate::types::bytearray::install(vm);
    crate::stdlib::compile::install(vm);
    crate::types::gen::install(vm);
    super::install_code_methods(vm);
    crate::types::iter::install(vm);
    crate::types::descr::install(vm);
    // Last: the dunder wrappers fill only what the type modules above did not define.
    crate::types::native_subclass::install(vm);
}

fn object_dict<M: ExecutionModel>(cls: &ObjRef<M>) -> ObjRef<M> {
    match cls.payload() {
        Payload::Class(c) => c.dict.clone(),
        _ => cls.clone(),
    }
}

/// Constructors are set once while the interpreter is built (a `OnceLock` in the class).
fn set_ctor<M: ExecutionModel>(cls: &ObjRef<M>, f: Native<M>) {
    if let Payload::Class(c) = cls.payload() {
        c.set_native_ctor(f);
    }
}
