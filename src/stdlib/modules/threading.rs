//! The `threading` and `queue` modules: CPython's Python implementations (`threading.py`, `queue.py` next to this file) over the native `_thread`, plus the exit hook that waits for non-daemon threads.

use crate::object::{ObjRef, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use super::module_get;

const THREADING_SOURCE: &str = include_str!("threading.py");
const QUEUE_SOURCE: &str = include_str!("queue.py");

/// `threading`: registers [`shutdown_hook`] with the interpreter (once per interpreter, since
/// the module is built on its first import only).
pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let module = vm.new_module("threading", None);
    exec_module_source(vm, &module, THREADING_SOURCE, "<frozen threading>");
    vm.interp().at_exit(shutdown_hook::<M>);
    module
}

/// `queue`.
pub fn make_queue<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let module = vm.new_module("queue", None);
    exec_module_source(vm, &module, QUEUE_SOURCE, "<frozen queue>");
    module
}

/// Run a module's Python source in its namespace. The sources are fixed and tested, so a
/// failure is a bug in them: it is reported on stderr instead of being swallowed.
pub(super) fn exec_module_source<M: ExecutionModel>(
    vm: &mut Vm<M>,
    module: &ObjRef<M>,
    source: &str,
    filename: &str,
) {
    match crate::compiler::compile_source(source, filename) {
        Ok(code) => {
            if let Err(e) = vm.exec_code_in_module(code, module) {
                let text = vm.format_exception(&e);
                vm.flush_stdout();
                eprint!("gilbench: internal error while building {filename}:\n{text}");
            }
        }
        Err(e) => eprint!("gilbench: internal error while compiling {filename}:\n{}", e.render()),
    }
}

/// CPython's `threading._shutdown`, run by the main thread once `__main__` has finished: wait
/// until every non-daemon thread has ended.
fn shutdown_hook<M: ExecutionModel>(vm: &mut Vm<M>) {
    let modules = vm.interp().modules().clone();
    let Some(Value::Obj(module)) = vm.dict_get_str(&modules, "threading") else { return };
    let Some(shutdown) = module_get(vm, &module, "_shutdown") else { return };
    if let Err(e) = vm.call(&shutdown, &[], &[]) {
        let text = vm.format_exception(&e);
        super::thread::write_stderr(
            vm,
            &format!("Exception ignored on threading shutdown:\n{text}"),
        );
    }
}
