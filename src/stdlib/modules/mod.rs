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

use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

pub use crate::types::args::{arg_f64, arg_i64, arg_int, arg_or_kw};

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
        let v = crate::types::args::builtin(fname, *f, None);
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
