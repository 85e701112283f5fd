//! The `resource` module (Linux subset): `getrusage` with peak resident set size and CPU times, read from procfs.

use crate::object::{ObjRef, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::Vm;

use super::{arg_i64, exec_snippet, make_module, module_get};

const RUSAGE_SELF: i64 = 0;
const RUSAGE_CHILDREN: i64 = -1;
const RUSAGE_THREAD: i64 = 1;

/// `struct_rusage` as a small Python class: the sixteen fields of getrusage(2), by name and index.
const SNIPPET: &str = r#"
class struct_rusage(tuple):
    _fields = ('ru_utime', 'ru_stime', 'ru_maxrss', 'ru_ixrss', 'ru_idrss', 'ru_isrss',
               'ru_minflt', 'ru_majflt', 'ru_nswap', 'ru_inblock', 'ru_oublock', 'ru_msgsnd',
               'ru_msgrcv', 'ru_nsignals', 'ru_nvcsw', 'ru_nivcsw')
    def __getattr__(self, name):
        try:
            return self[struct_rusage._fields.index(name)]
        except ValueError:
            raise AttributeError("'resource.struct_rusage' object has no attribute '" + name + "'") from None
    def __repr__(self):
        return 'resource.struct_rusage(' + ', '.join(f + '=' + repr(v) for f, v in zip(struct_rusage._fields, self)) + ')'
"#;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let module = make_module(
        vm,
        "resource",
        &[("getrusage", getrusage)],
        vec![
            ("RUSAGE_SELF", Value::Int(RUSAGE_SELF)),
            ("RUSAGE_CHILDREN", Value::Int(RUSAGE_CHILDREN)),
            ("RUSAGE_THREAD", Value::Int(RUSAGE_THREAD)),
        ],
    );
    exec_snippet(vm, &module, SNIPPET, "<resource>");
    module
}

/// (user, system) CPU seconds of the process or the calling thread, from `/proc/.../stat`.
fn cpu_times(thread: bool) -> (f64, f64) {
    let path = if thread { "/proc/thread-self/stat" } else { "/proc/self/stat" };
    let Ok(s) = std::fs::read_to_string(path) else { return (0.0, 0.0) };
    let Some((_, rest)) = s.rsplit_once(')') else { return (0.0, 0.0) };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    (ticks(11), ticks(12))
}

/// A `kB` line of `/proc/self/status` (e.g. `VmHWM`), in KiB.
fn status_kib(key: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix(key).map(|v| {
                    v.trim_start_matches(':').trim().trim_end_matches("kB").trim().parse().ok()
                })
            })
        })
        .flatten()
        .unwrap_or(0)
}

/// `resource.getrusage(who)`: `ru_maxrss` is the peak resident set in KiB (Linux's unit);
/// for `RUSAGE_CHILDREN` every field is 0 (children are not tracked).
fn getrusage<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "getrusage", args, kw, 1, 1)?.to_vec();
    let who = arg_i64(vm, &p[0])?;
    let (utime, stime, maxrss) = match who {
        RUSAGE_SELF => {
            let (u, s) = cpu_times(false);
            (u, s, status_kib("VmHWM"))
        }
        RUSAGE_THREAD => {
            let (u, s) = cpu_times(true);
            (u, s, status_kib("VmHWM"))
        }
        RUSAGE_CHILDREN => (0.0, 0.0, 0),
        _ => return Err(vm.new_value_error("invalid who parameter")),
    };
    let mut fields = vec![Value::Float(utime), Value::Float(stime), Value::Int(maxrss)];
    fields.resize(16, Value::Int(0));
    let module = vm.import_module("resource")?;
    let Some(Value::Obj(m)) = Some(module) else { return Ok(Value::None) };
    let Some(cls) = module_get(vm, &m, "struct_rusage") else {
        return Ok(Value::new_tuple(fields));
    };
    vm.call(&cls, &[Value::new_tuple(fields)], &[])
}
