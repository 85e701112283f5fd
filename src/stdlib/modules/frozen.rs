//! Frozen Python-source modules (`random`, `collections`, `itertools`, `functools`, ...): sources in `py/` embedded with `include_str!`, compiled as `<frozen NAME>` on first import.

use crate::object::ObjRef;
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

/// Every frozen module: its name and its source.
const FROZEN: &[(&str, &str)] = &[];

/// The frozen module `name`, freshly built, or `None` when there is none.
pub fn make<M: ExecutionModel>(vm: &mut Vm<M>, name: &str) -> Option<ObjRef<M>> {
    let (_, source) = FROZEN.iter().find(|(n, _)| *n == name)?;
    let module = vm.new_module(name, None);
    super::threading::exec_module_source(vm, &module, source, &format!("<frozen {name}>"));
    Some(module)
}
