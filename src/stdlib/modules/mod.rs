//! Builtin modules (`sys` with `sys.monitoring`, `time`, `math`, `_thread`, `threading`, `queue`, `concurrent.interpreters`, `concurrent.futures`, `_random`, `_os`, `gc`, `resource`, `_tracemalloc`, `_dis`, `_ast`, and the frozen Python modules of `frozen.rs`), each created on its first import, and their shared argument helpers.

pub mod ast;
pub mod ast_compile;
pub mod dis;
pub mod frozen;
pub mod futures;
pub mod gc;
pub mod interpreters;
pub mod math;
pub mod math_int;
pub mod monitoring;
pub mod os;
pub mod random;
pub mod resource;
pub mod sys;
pub mod thread;
pub mod threading;
pub mod time;
pub mod tracemalloc;
pub mod xi_queue;

use num_bigint::BigInt;

use crate::object::{ObjRef, Payload, PyErr, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

/// The builtin module called `name`, freshly built, or `None` when no builtin module has that name.
pub fn builtin_module<M: ExecutionModel>(vm: &mut Vm<M>, name: &str) -> Option<ObjRef<M>> {
    match name {
        "sys" => Some(sys::make(vm)),
        "time" => Some(time::make(vm)),
        "math" => Some(math::make(vm)),
        "_thread" => Some(thread::make(vm)),
        "threading" => Some(threading::make(vm)),
        "queue" => Some(threading::make_queue(vm)),
        "concurrent" => Some(make_package(vm, "concurrent")),
        "concurrent.interpreters" => Some(interpreters::make(vm)),
        "concurrent.futures" => Some(futures::make(vm)),
        "_random" => Some(random::make(vm)),
        "_os" => Some(os::make(vm)),
        "gc" => Some(gc::make(vm)),
        "resource" => Some(resource::make(vm)),
        "_tracemalloc" => Some(tracemalloc::make(vm)),
        "_dis" => Some(dis::make(vm)),
        "_ast" => Some(ast::make(vm)),
        _ => frozen::make(vm, name),
    }
}

/// A new builtin module filled with native functions and values.
pub fn make_module<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &'static str,
    funcs: &[(&'static str, crate::object::NativeFn<M>)],
    values: Vec<(&str, Value<M>)>,
) -> ObjRef<M> {
    let module = vm.new_module(name, None);
    let Payload::Module(m) = module.payload() else { return module };
    let d = m.dict.clone();
    for (fname, f) in funcs {
        let v = super::args::builtin(fname, *f, None);
        vm.dict_set_str(&d, fname, v);
    }
    for (k, v) in values {
        vm.dict_set_str(&d, k, v);
    }
    module
}

/// An empty builtin package (`concurrent`): a module with an empty `__path__`, so its builtin
/// submodules import as `package.name`.
pub fn make_package<M: ExecutionModel>(vm: &mut Vm<M>, name: &'static str) -> ObjRef<M> {
    make_module(
        vm,
        name,
        &[],
        vec![("__package__", Value::new_str(name)), ("__path__", Value::new_list(vec![]))],
    )
}

/// Run a small piece of Python source in a builtin module's namespace (helper classes that are
/// easier to state in Python). Errors are ignored: the snippets are fixed and tested.
pub fn exec_snippet<M: ExecutionModel>(
    vm: &mut Vm<M>,
    module: &ObjRef<M>,
    source: &str,
    filename: &str,
) {
    if let Ok(code) = crate::compiler::compile_source(source, filename) {
        let _ = vm.exec_code_in_module(code, module);
    }
}

/// A module attribute (None when missing).
pub fn module_get<M: ExecutionModel>(
    vm: &Vm<M>,
    module: &ObjRef<M>,
    name: &str,
) -> Option<Value<M>> {
    match module.payload() {
        Payload::Module(m) => vm.dict_get_str(&m.dict, name),
        _ => None,
    }
}

/// A float argument: int, big int, bool, float, or an object with `__float__` (or `__index__`).
pub fn arg_f64<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<f64, PyErr<M>> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = v.payload() {
        return crate::object::numeric::int_to_f64(b)
            .map_err(|e| crate::stdlib::numeric::raise(vm, e));
    }
    if let Some(r) = vm.call_special(v, "__float__", &[])? {
        if let Value::Float(f) = r {
            return Ok(f);
        }
        let tn = vm.type_name(v);
        let rn = vm.type_name(&r);
        return Err(vm.new_type_error(&format!("{tn}.__float__ returned non-float (type {rn})")));
    }
    if vm.lookup_special(v, "__index__")?.is_some() {
        let i = arg_int(vm, v)?;
        return crate::object::numeric::int_to_f64(&i)
            .map_err(|e| crate::stdlib::numeric::raise(vm, e));
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("must be real number, not {tn}")))
}

/// An integer argument: int, big int, bool, or an object with `__index__`.
pub fn arg_int<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<BigInt, PyErr<M>> {
    match v {
        Value::Int(i) => return Ok(BigInt::from(*i)),
        Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = v.payload() {
        return Ok(b.clone());
    }
    if !matches!(v, Value::Float(_)) {
        if let Some(r) = vm.call_special(v, "__index__", &[])? {
            match &r {
                Value::Int(i) => return Ok(BigInt::from(*i)),
                Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
                _ => {
                    if let Some(Payload::BigInt(b)) = r.payload() {
                        return Ok(b.clone());
                    }
                    let rn = vm.type_name(&r);
                    return Err(
                        vm.new_type_error(&format!("__index__ returned non-int (type {rn})"))
                    );
                }
            }
        }
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("'{tn}' object cannot be interpreted as an integer")))
}

/// Like [`arg_int`] but as an i64 (OverflowError with `what` when it does not fit).
pub fn arg_i64<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<i64, PyErr<M>> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let b = arg_int(vm, v)?;
    num_traits::ToPrimitive::to_i64(&b)
        .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C long"))
}

/// The value of a keyword-or-positional argument: positional index `i`, else keyword `name`.
pub fn arg_or_kw<M: ExecutionModel>(
    args: &[Value<M>],
    kw: &[Value<M>],
    i: usize,
    name: &str,
) -> Option<Value<M>> {
    let npos = args.len() - kw.len();
    if i < npos {
        return Some(args[i].clone());
    }
    super::args::kwarg(args, kw, name)
}
