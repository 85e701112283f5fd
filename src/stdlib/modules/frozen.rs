//! Frozen Python-source modules (`random`, `collections`, `itertools`, `functools`, `dis`, `ast`, `types`, `__future__`, `inspect`, `tracemalloc`, ...): sources in `py/` embedded with `include_str!`, compiled as `<frozen NAME>` on first import.

use crate::object::ObjRef;
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

/// Every frozen module: its name and its source.
const FROZEN: &[(&str, &str)] = &[
    ("random", include_str!("py/random.py")),
    ("collections", include_str!("py/collections.py")),
    ("itertools", include_str!("py/itertools.py")),
    ("functools", include_str!("py/functools.py")),
    ("operator", include_str!("py/operator.py")),
    ("heapq", include_str!("py/heapq.py")),
    ("bisect", include_str!("py/bisect.py")),
    ("copy", include_str!("py/copy.py")),
    ("string", include_str!("py/string.py")),
    ("os", include_str!("py/os.py")),
    ("posixpath", include_str!("py/posixpath.py")),
    ("json", include_str!("py/json.py")),
    ("statistics", include_str!("py/statistics.py")),
    ("dataclasses", include_str!("py/dataclasses.py")),
    ("typing", include_str!("py/typing.py")),
    ("abc", include_str!("py/abc.py")),
    ("_union", include_str!("py/_union.py")),
    ("contextlib", include_str!("py/contextlib.py")),
    ("io", include_str!("py/io.py")),
    ("enum", include_str!("py/enum.py")),
    ("warnings", include_str!("py/warnings.py")),
    ("traceback", include_str!("py/traceback.py")),
    ("importlib", include_str!("py/importlib.py")),
    ("tracemalloc", include_str!("py/tracemalloc.py")),
    ("dis", include_str!("py/dis.py")),
    ("ast", include_str!("py/ast.py")),
    ("types", include_str!("py/types.py")),
    ("__future__", include_str!("py/__future__.py")),
    ("inspect", include_str!("py/inspect.py")),
];

/// Whether `name` is one of the frozen Python-source modules (ordinary Python classes, no native state).
pub fn is_frozen(name: &str) -> bool {
    FROZEN.iter().any(|(n, _)| *n == name)
}

/// The frozen module `name`, freshly built, or `None` when there is none.
pub fn make<M: ExecutionModel>(vm: &mut Vm<M>, name: &str) -> Option<ObjRef<M>> {
    let (_, source) = FROZEN.iter().find(|(n, _)| *n == name)?;
    let module = vm.new_module(name, None);
    super::threading::exec_module_source(vm, &module, source, &format!("<frozen {name}>"));
    Some(module)
}
