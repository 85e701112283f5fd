//! The `_os` module: the few operating-system calls behind the Python `os` module (process id, CPU count, working directory, environment, file tests, directory listing, random bytes, `_exit`).

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::Vm;

use super::make_module;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("getpid", os_getpid),
        ("cpu_count", os_cpu_count),
        ("getcwd", os_getcwd),
        ("environ_items", os_environ_items),
        ("exists", os_exists),
        ("isdir", os_isdir),
        ("isfile", os_isfile),
        ("listdir", os_listdir),
        ("urandom", os_urandom),
        ("_exit", os_exit),
    ];
    make_module(vm, "_os", funcs, vec![])
}

fn path_arg<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> Result<String, PyErr<M>> {
    let p = positional(vm, name, args, kw, 1, 1)?;
    match p[0].as_str() {
        Some(s) => Ok(s.to_string()),
        None => {
            let tn = vm.type_name(&p[0]);
            Err(vm.new_type_error(&format!(
                "{name}: path should be string, bytes or os.PathLike, not {tn}"
            )))
        }
    }
}

fn os_getpid<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "getpid", args, kw, 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn os_cpu_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "cpu_count", args, kw, 0, 0)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn os_getcwd<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "getcwd", args, kw, 0, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(Value::new_str(p.to_string_lossy().to_string())),
        Err(e) => Err(os_error(vm, &e.to_string())),
    }
}

/// The environment as a list of `(name, value)` pairs.
fn os_environ_items<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "environ_items", args, kw, 0, 0)?;
    let items = std::env::vars_os()
        .map(|(k, v)| {
            Value::new_tuple(vec![
                Value::new_str(k.to_string_lossy().to_string()),
                Value::new_str(v.to_string_lossy().to_string()),
            ])
        })
        .collect();
    Ok(Value::new_list(items))
}

fn os_exists<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = path_arg(vm, "exists", args, kw)?;
    Ok(Value::Bool(std::path::Path::new(&p).exists()))
}

fn os_isdir<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = path_arg(vm, "isdir", args, kw)?;
    Ok(Value::Bool(std::path::Path::new(&p).is_dir()))
}

fn os_isfile<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = path_arg(vm, "isfile", args, kw)?;
    Ok(Value::Bool(std::path::Path::new(&p).is_file()))
}

fn os_listdir<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p =
        if args.len() == kw.len() { ".".to_string() } else { path_arg(vm, "listdir", args, kw)? };
    match std::fs::read_dir(&p) {
        Ok(rd) => {
            let names = rd
                .filter_map(|e| e.ok())
                .map(|e| Value::new_str(e.file_name().to_string_lossy().to_string()))
                .collect();
            Ok(Value::new_list(names))
        }
        Err(e) => Err(os_error(
            vm,
            &format!("[Errno {}] {}: '{}'", e.raw_os_error().unwrap_or(0), describe(&e), p),
        )),
    }
}

fn describe(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory",
        std::io::ErrorKind::PermissionDenied => "Permission denied",
        _ => "Error",
    }
}

fn os_urandom<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    use std::io::Read;
    let p = positional(vm, "urandom", args, kw, 1, 1)?;
    let n = super::arg_i64(vm, &p[0])?;
    if n < 0 {
        return Err(vm.new_value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if !ok {
        return Err(os_error(vm, "urandom unavailable"));
    }
    Ok(Value::Obj(ObjRef::new(Payload::Bytes(buf.into_boxed_slice()))))
}

/// `os._exit(status)`: end the process at once with `status`, as CPython's does (`_exit(2)`):
/// no `finally` blocks, exit hooks (`threading` shutdown, ...) or finalizers run, and text still
/// buffered for stdout is not written. What CPython has already shown depends on its stdout's
/// buffering, and gilbench writes the same: on a pipe or file (block-buffered, 8 KiB) what the
/// program printed since its last flush is lost, so the threads' buffers are dropped; on a
/// terminal (line-buffered) every complete line is out, so this interpreter's threads' complete
/// lines are written; with `PYTHONUNBUFFERED` set (`python -u`) everything printed is out, so
/// every buffer is written whole. One difference stays: gilbench hands lines to the process
/// stdout at more points than a full CPython buffer (thread switches, blocking calls, a full
/// 64 KiB buffer), so on a pipe some lines CPython would lose may already be written.
fn os_exit<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    use std::io::IsTerminal;
    let p = positional(vm, "_exit", args, kw, 1, 1)?;
    let status = super::arg_int(vm, &p[0])?;
    let status = num_traits::ToPrimitive::to_i32(&status)
        .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C int"))?;
    if std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
        vm.interp().stdout_buffers().flush_all();
    } else if std::io::stdout().is_terminal() {
        vm.interp().stdout_buffers().emit_complete_lines_all();
    }
    std::process::exit(status)
}

fn os_error<M: ExecutionModel>(vm: &mut Vm<M>, msg: &str) -> PyErr<M> {
    let cls = vm.types().os_error.clone();
    vm.new_error(&cls, msg)
}
