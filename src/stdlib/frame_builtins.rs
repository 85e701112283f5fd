//! Builtins that need the calling frame (`globals`, `locals`, `exec`, `eval`, `vars()` without an argument, `sys._getframe`): the eval loop hands them the caller's frame.

use crate::object::frame::Frame;
use crate::object::{DictTable, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

/// Whether `func` is one of the frame builtins (checked by the eval loop before a plain call).
#[inline]
pub fn is_frame_builtin<M: ExecutionModel>(func: &Value<M>, nargs: usize) -> bool {
    match func.payload() {
        Some(Payload::Builtin(b)) if b.owner.is_none() => match b.name {
            "globals" | "locals" => nargs == 0,
            "vars" => nargs == 0,
            "exec" | "eval" => nargs == 1 || nargs == 2,
            "_getframe" => nargs <= 1,
            _ => false,
        },
        _ => false,
    }
}

/// A frame builtin called from `f` with `args`.
pub fn call_frame_builtin<M: ExecutionModel>(
    vm: &mut Vm<M>,
    func: &Value<M>,
    f: &Frame<M>,
    args: &[Value<M>],
) -> PyResult<M> {
    let Some(Payload::Builtin(b)) = func.payload() else { return vm.call(func, args, &[]) };
    match b.name {
        "globals" => Ok(Value::Obj(f.globals.clone())),
        "locals" | "vars" => Ok(Value::Obj(frame_locals(vm, f))),
        "_getframe" => {
            let depth = crate::stdlib::modules::sys::getframe_depth(vm, args)?;
            vm.get_frame(Some(f), depth)
        }
        _ => {
            let globals = match args.get(1) {
                Some(g) => g.clone(),
                None => Value::Obj(f.globals.clone()),
            };
            let locals =
                if args.len() >= 2 { globals.clone() } else { Value::Obj(frame_locals(vm, f)) };
            run_source(vm, b.name == "eval", &args[0], &globals, &locals)
        }
    }
}

/// The caller's local namespace: the namespace dict of a module or class body, else a new dict
/// of the bound locals and cells (a snapshot, as in CPython).
fn frame_locals<M: ExecutionModel>(vm: &mut Vm<M>, f: &Frame<M>) -> ObjRef<M> {
    if let Some(d) = &f.locals_dict {
        return d.clone();
    }
    let d = ObjRef::new(Payload::Dict(crate::object::Guarded::new(DictTable::new())));
    let co = f.code_obj();
    for (i, name) in co.code.varnames.iter().enumerate() {
        if let Some(v) = f.slots.get(i).filter(|v| !v.is_null()) {
            let v = v.clone();
            vm.dict_set_str(&d, name, v);
        }
    }
    let cell_names: Vec<_> =
        co.code.cellvars.iter().chain(co.code.freevars.iter()).cloned().collect();
    for (name, cell) in cell_names.iter().zip(f.cells.iter()) {
        if let Payload::Cell(c) = cell.payload() {
            let v = c.with(|v| v.clone());
            if !v.is_null() {
                vm.dict_set_str(&d, name, v);
            }
        }
    }
    d
}

fn dict_arg<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    what: &str,
    name: &str,
) -> Result<ObjRef<M>, PyErr<M>> {
    match v.payload() {
        Some(Payload::Dict(_)) => Ok(v.obj().cloned().expect("a dict is an object")),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!("{name}() {what} must be a dict, not {tn}")))
        }
    }
}

/// `exec(source, globals, locals)` / `eval(...)` on a str/bytes source or a code object.
fn run_source<M: ExecutionModel>(
    vm: &mut Vm<M>,
    is_eval: bool,
    src: &Value<M>,
    globals: &Value<M>,
    locals: &Value<M>,
) -> PyResult<M> {
    let name = if is_eval { "eval" } else { "exec" };
    let g = dict_arg(vm, globals, "globals", name)?;
    let l = dict_arg(vm, locals, "locals", name)?;
    let code_obj = match src.payload() {
        Some(Payload::Code(_)) => src.obj().cloned().expect("a code object is an object"),
        Some(Payload::Str(_) | Payload::Bytes(_)) => {
            let text = crate::stdlib::compile::source_text(vm, src, name)?;
            // eval() ignores leading spaces and tabs (CPython strips them before compiling).
            let text =
                if is_eval { text.trim_start_matches([' ', '\t']).to_string() } else { text };
            match crate::stdlib::compile::compile_text(
                vm,
                &text,
                "<string>",
                if is_eval { "eval" } else { "exec" },
            )? {
                Value::Obj(o) => o,
                _ => return Err(vm.new_runtime_error("compile() returned no code object")),
            }
        }
        _ => {
            return Err(vm.new_type_error(&format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )));
        }
    };
    if vm.dict_get_str(&g, "__builtins__").is_none() {
        let b = Value::Obj(vm.interp().builtins().clone());
        vm.dict_set_str(&g, "__builtins__", b);
    }
    let mut frame = Frame::new(code_obj, g, Some(l));
    let r = vm.run_frame_checked(&mut frame)?;
    Ok(if is_eval { r } else { Value::None })
}

/// The plain builtins (reached only through an indirect call the eval loop did not see, e.g.
/// `map(eval, ...)`): without a frame they work on the `__main__` namespace.
pub fn b_globals<M: ExecutionModel>(
    vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    main_dict(vm)
}

fn main_dict<M: ExecutionModel>(vm: &mut Vm<M>) -> PyResult<M> {
    let modules = vm.interp().modules().clone();
    match vm.dict_get_str(&modules, "__main__") {
        Some(Value::Obj(m)) => match m.payload() {
            Payload::Module(md) => Ok(Value::Obj(md.dict.clone())),
            _ => Err(vm.new_runtime_error("no current frame")),
        },
        _ => Err(vm.new_runtime_error("no current frame")),
    }
}

pub fn b_exec<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    exec_or_eval(vm, false, args, kw)
}

pub fn b_eval<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    exec_or_eval(vm, true, args, kw)
}

fn exec_or_eval<M: ExecutionModel>(
    vm: &mut Vm<M>,
    is_eval: bool,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let name = if is_eval { "eval" } else { "exec" };
    let npos = args.len() - kw.len();
    let mut slots: [Option<Value<M>>; 3] = [None, None, None];
    for (i, a) in args[..npos].iter().enumerate() {
        if i >= 3 {
            return Err(
                vm.new_type_error(&format!("{name} expected at most 3 arguments, got {npos}"))
            );
        }
        slots[i] = Some(a.clone());
    }
    for (k, v) in kw.iter().zip(&args[npos..]) {
        match k.as_str() {
            Some("globals") => slots[1] = Some(v.clone()),
            Some("locals") => slots[2] = Some(v.clone()),
            _ => return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments"))),
        }
    }
    let Some(src) = slots[0].clone() else {
        return Err(vm.new_type_error(&format!("{name} expected at least 1 argument, got 0")));
    };
    let globals = match slots[1].clone().filter(|v| !v.is_none()) {
        Some(g) => g,
        None => main_dict(vm)?,
    };
    let locals = slots[2].clone().filter(|v| !v.is_none()).unwrap_or_else(|| globals.clone());
    run_source(vm, is_eval, &src, &globals, &locals)
}
