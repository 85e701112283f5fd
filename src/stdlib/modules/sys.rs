//! The `sys` module: argv, exit, recursion limit, refcounts, path/modules, version data, stdout/stderr.

use std::io::Write;

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::Vm;

use super::{arg_f64, arg_int, make_module};

/// Helper classes stated in Python: struct sequences (`version_info`, `float_info`, ...) and the text streams.
const SNIPPET: &str = r#"
class _structseq:
    _fields = ()
    _name = ''
    def __init__(self, *values):
        self._t = values
        for k, v in zip(self._fields, values):
            setattr(self, k, v)
    def _other(self, o):
        return getattr(o, '_t', o)
    def __getitem__(self, i):
        return self._t[i]
    def __len__(self):
        return len(self._t)
    def __iter__(self):
        return iter(self._t)
    def __eq__(self, o):
        return self._t == self._other(o)
    def __ne__(self, o):
        return self._t != self._other(o)
    def __lt__(self, o):
        return self._t < self._other(o)
    def __le__(self, o):
        return self._t <= self._other(o)
    def __gt__(self, o):
        return self._t > self._other(o)
    def __ge__(self, o):
        return self._t >= self._other(o)
    def __hash__(self):
        return hash(self._t)
    def __repr__(self):
        return self._name + '(' + ', '.join([k + '=' + repr(v) for k, v in zip(self._fields, self._t)]) + ')'

class version_info(_structseq):
    _fields = ('major', 'minor', 'micro', 'releaselevel', 'serial')
    _name = 'sys.version_info'

class float_info(_structseq):
    _fields = ('max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig', 'mant_dig', 'epsilon', 'radix', 'rounds')
    _name = 'sys.float_info'

class int_info(_structseq):
    _fields = ('bits_per_digit', 'sizeof_digit', 'default_max_str_digits', 'str_digits_check_threshold')
    _name = 'sys.int_info'

class SimpleNamespace:
    def __init__(self, **kw):
        for k in kw:
            setattr(self, k, kw[k])
    def __repr__(self):
        return 'namespace(' + ', '.join([k + '=' + repr(v) for k, v in self.__dict__.items()]) + ')'

class TextIOWrapper:
    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self.encoding = 'utf-8'
        self.errors = 'strict'
        self.mode = 'w'
    def write(self, s):
        return _write(self._fd, s)
    def flush(self):
        _flush(self._fd)
    def fileno(self):
        return self._fd
    def isatty(self):
        return False
    def writable(self):
        return self._fd != 0
    def readable(self):
        return self._fd == 0
    def readline(self, size=-1):
        return _readline(self._fd, size)
    def read(self, size=-1):
        if size is None or size < 0:
            return _read(self._fd)
        return _readline(self._fd, size) if size else ''
    def readlines(self):
        return list(self)
    def __iter__(self):
        return self
    def __next__(self):
        line = _readline(self._fd, -1)
        if not line:
            raise StopIteration
        return line
    def __repr__(self):
        return "<_io.TextIOWrapper name='" + self.name + "' mode='" + ('r' if self._fd == 0 else 'w') + "' encoding='utf-8'>"

version_info = version_info(3, 11, 0, 'final', 0)
float_info = float_info(1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53, 2.220446049250313e-16, 2, 1)
int_info = int_info(30, 4, 4300, 640)
implementation = SimpleNamespace(name='gilbench', cache_tag=None, version=version_info, hexversion=0x30b00f0, _multiarch='x86_64-linux-gnu')
stdin = __stdin__ = TextIOWrapper(0, '<stdin>')
stdin.mode = 'r'
stdout = __stdout__ = TextIOWrapper(1, '<stdout>')
stderr = __stderr__ = TextIOWrapper(2, '<stderr>')
del _structseq, SimpleNamespace, TextIOWrapper
"#;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let argv: Vec<Value<M>> = vm.interp().argv().into_iter().map(Value::new_str).collect();
    let path: Vec<Value<M>> = vm
        .interp()
        .search_path()
        .iter()
        .map(|p| Value::new_str(p.to_string_lossy().to_string()))
        .collect();
    let executable =
        std::env::current_exe().map(|p| p.to_string_lossy().to_string()).unwrap_or_default();
    let platform = if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else if cfg!(windows) {
        "win32"
    } else {
        std::env::consts::OS
    };
    let values = vec![
        ("argv", Value::new_list(argv)),
        ("orig_argv", Value::new_list(vec![])),
        ("path", Value::new_list(path)),
        ("modules", Value::Obj(vm.interp().modules().clone())),
        (
            "version",
            Value::new_str(format!(
                "3.11.0 (gilbench {}, {} build)",
                env!("CARGO_PKG_VERSION"),
                M::NAME
            )),
        ),
        ("hexversion", Value::Int(0x30b00f0)),
        ("api_version", Value::Int(1013)),
        ("platform", Value::new_str(platform)),
        ("maxsize", Value::Int(i64::MAX)),
        ("maxunicode", Value::Int(0x10ffff)),
        (
            "byteorder",
            Value::new_str(if cfg!(target_endian = "little") { "little" } else { "big" }),
        ),
        ("executable", Value::new_str(executable)),
        ("prefix", Value::new_str("")),
        (
            "builtin_module_names",
            Value::new_tuple(
                ["_thread", "builtins", "math", "sys", "time"]
                    .iter()
                    .map(|s| Value::new_str(*s))
                    .collect(),
            ),
        ),
        ("dont_write_bytecode", Value::Bool(true)),
    ];
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("exit", sys_exit),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("getrefcount", sys_getrefcount),
        ("_is_gil_enabled", sys_is_gil_enabled),
        ("getswitchinterval", sys_getswitchinterval),
        ("setswitchinterval", sys_setswitchinterval),
        ("intern", sys_intern),
        ("exc_info", sys_exc_info),
        ("exception", sys_exception),
        ("getdefaultencoding", sys_getdefaultencoding),
        ("get_int_max_str_digits", sys_get_int_max_str_digits),
        ("_write", sys_write),
        ("_flush", sys_flush),
        ("_readline", sys_readline),
        ("_read", sys_read),
        ("_getframe", sys_getframe),
    ];
    let module = make_module(vm, "sys", funcs, values);
    super::exec_snippet(vm, &module, SNIPPET, "<sys>");
    let monitoring = super::monitoring::make(vm);
    if let Payload::Module(m) = module.payload() {
        let d = m.dict.clone();
        vm.dict_set_str(&d, "monitoring", Value::Obj(monitoring));
    }
    module
}

/// The file descriptor of one of `sys`'s own text streams (`None` for any other object).
pub fn stream_fd<M: ExecutionModel>(vm: &Vm<M>, v: &Value<M>) -> Option<i64> {
    let Some(Payload::Instance(inst)) = v.payload() else { return None };
    if inst.class_obj().name != "TextIOWrapper" {
        return None;
    }
    match vm.dict_get_str(&inst.dict, "_fd") {
        Some(Value::Int(fd)) => Some(fd),
        _ => None,
    }
}

/// The object `print()` writes to by default: `None` when that is the real stdout (fast path).
pub fn current_stdout<M: ExecutionModel>(vm: &mut Vm<M>) -> Option<Value<M>> {
    let modules = vm.interp().modules().clone();
    let sys = vm.dict_get_str(&modules, "sys")?;
    let Some(Payload::Module(m)) = sys.payload() else { return None };
    let out = vm.dict_get_str(&m.dict, "stdout")?;
    if stream_fd(vm, &out) == Some(1) {
        return None;
    }
    Some(out)
}

/// Write text to a file descriptor of this process (1 stdout, buffered; 2 stderr). Writing to a
/// stdout whose reader has gone raises `BrokenPipeError`, before or after buffering.
pub fn write_fd<M: ExecutionModel>(vm: &mut Vm<M>, fd: i64, s: &str) -> Result<(), PyErr<M>> {
    if fd == 2 {
        vm.flush_stdout();
        let mut e = std::io::stderr();
        let _ = e.write_all(s.as_bytes());
        let _ = e.flush();
        Ok(())
    } else {
        vm.check_stdout()?;
        vm.write_stdout(s);
        vm.check_stdout()
    }
}

fn sys_write<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "write", args, kw, 2, 2)?;
    let fd = vm.as_index(&p[0]).unwrap_or(1);
    let Some(s) = p[1].as_str() else {
        let tn = vm.type_name(&p[1]);
        return Err(vm.new_type_error(&format!("write() argument must be str, not {tn}")));
    };
    let n = s.chars().count() as i64;
    let s = s.to_string();
    write_fd(vm, fd, &s)?;
    Ok(Value::Int(n))
}

fn sys_flush<M: ExecutionModel>(
    vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    vm.flush_stdout();
    vm.check_stdout()?;
    Ok(Value::None)
}

/// Read from this process's standard input (only fd 0), detached: one line (at most `size`
/// characters when `size >= 0`), or everything (`read_all`). `""` at end of input.
fn read_stdin<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], read_all: bool) -> PyResult<M> {
    use std::io::{BufRead, Read};
    if !matches!(args.first(), Some(Value::Int(0))) {
        return Err(vm.new_value_error("only standard input can be read"));
    }
    let limit = match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    };
    // What this thread printed (a prompt) shows before the program waits for input.
    vm.flush_stdout();
    let got = vm.allow_threads(|| {
        crate::runtime::counters::timed_block(|| {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            let mut bytes = Vec::new();
            let r = if read_all {
                lock.read_to_end(&mut bytes).map(|_| ())
            } else if let Some(n) = limit {
                // Up to n characters of one line: UTF-8 sequences are kept whole.
                let mut chars = 0;
                loop {
                    let buf = match lock.fill_buf() {
                        Ok(b) => b,
                        Err(e) => break Err(e),
                    };
                    if buf.is_empty() || chars >= n {
                        break Ok(());
                    }
                    let b = buf[0];
                    let len = if b < 0x80 {
                        1
                    } else if b >= 0xF0 {
                        4
                    } else if b >= 0xE0 {
                        3
                    } else {
                        2
                    }
                    .min(buf.len());
                    bytes.extend_from_slice(&buf[..len]);
                    lock.consume(len);
                    chars += 1;
                    if b == b'\n' {
                        break Ok(());
                    }
                }
            } else {
                lock.read_until(b'\n', &mut bytes).map(|_| ())
            };
            r.map(|()| bytes)
        })
    });
    match got {
        Ok(bytes) => Ok(Value::new_str(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) => {
            let os_error = vm.types().os_error.clone();
            Err(vm.new_error(&os_error, &e.to_string()))
        }
    }
}

fn sys_readline<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_readline", args, kw, 1, 2)?.to_vec();
    read_stdin(vm, &p, false)
}

fn sys_read<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "_read", args, kw, 1, 1)?.to_vec();
    read_stdin(vm, &p, true)
}

fn sys_exit<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "exit", args, kw, 0, 1)?;
    let cls = vm.types().system_exit.clone();
    let exc = vm.new_exception_obj(&cls, p.to_vec());
    Err(crate::object::PyErr { exc })
}

fn sys_getrecursionlimit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "getrecursionlimit", args, kw, 0, 0)?;
    Ok(Value::Int(vm.interp().recursion_limit() as i64))
}

fn sys_setrecursionlimit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "setrecursionlimit", args, kw, 1, 1)?;
    if matches!(p[0], Value::Float(_)) {
        return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = arg_int(vm, &p[0])?;
    let n = num_traits::ToPrimitive::to_i64(&n)
        .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C int"))?;
    if n < 1 {
        return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
    }
    if n > i32::MAX as i64 {
        return Err(vm.new_overflow_error("Python int too large to convert to C int"));
    }
    if (n as usize) <= vm.depth() {
        return Err(vm.new_error(
            &vm.types().recursion_error.clone(),
            &format!("cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low", vm.depth()),
        ));
    }
    vm.interp().set_recursion_limit(n as usize);
    Ok(Value::None)
}

/// What `sys.getrefcount` reports for objects that are never freed (CPython 3.12's immortal count).
const IMMORTAL_REFCOUNT: i64 = 4294967295;

fn sys_getrefcount<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "getrefcount", args, kw, 1, 1)?;
    Ok(Value::Int(match &p[0] {
        Value::Obj(o) if !o.is_immortal() => o.refcount() as i64,
        _ => IMMORTAL_REFCOUNT,
    }))
}

fn sys_is_gil_enabled<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_is_gil_enabled", args, kw, 0, 0)?;
    Ok(Value::Bool(!M::GIL_DISABLED))
}

fn sys_getswitchinterval<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "getswitchinterval", args, kw, 0, 0)?;
    Ok(Value::Float(vm.interp().switch_interval()))
}

fn sys_setswitchinterval<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "setswitchinterval", args, kw, 1, 1)?;
    let f = arg_f64(vm, &p[0])?;
    if f.is_nan() || f <= 0.0 {
        return Err(vm.new_value_error("switch interval must be strictly positive"));
    }
    // CPython keeps microseconds (at least 1).
    let us = ((f * 1e6).min(u64::MAX as f64) as u64).max(1);
    use crate::runtime::InterpreterLock;
    let _ = vm.interp().lock().set_switch_interval(std::time::Duration::from_micros(us));
    Ok(Value::None)
}

fn sys_intern<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "intern", args, kw, 1, 1)?;
    if p[0].as_str().is_none() {
        let tn = vm.type_name(&p[0]);
        return Err(vm.new_type_error(&format!("intern() argument must be str, not {tn}")));
    }
    Ok(p[0].clone())
}

fn sys_exc_info<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "exc_info", args, kw, 0, 0)?;
    Ok(match vm.handled_exception() {
        Some(e) => {
            let cls = Value::Obj(vm.class_of(&e));
            Value::new_tuple(vec![cls, e, Value::None])
        }
        None => Value::new_tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn sys_exception<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "exception", args, kw, 0, 0)?;
    Ok(vm.handled_exception().unwrap_or(Value::None))
}

fn sys_getdefaultencoding<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::new_str("utf-8"))
}

fn sys_get_int_max_str_digits<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Int(crate::text::numparse::INT_MAX_STR_DIGITS as i64))
}

/// The `depth` argument of `sys._getframe([depth])`.
pub fn getframe_depth<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
) -> Result<i64, crate::object::PyErr<M>> {
    match args.first() {
        None => Ok(0),
        Some(v) => {
            if matches!(v, Value::Float(_)) {
                return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
            }
            let n = arg_int(vm, v)?;
            num_traits::ToPrimitive::to_i64(&n)
                .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C int"))
        }
    }
}

/// `sys._getframe([depth])` reached without the eval loop's frame (an indirect call).
fn sys_getframe<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_getframe", args, kw, 0, 1)?;
    let depth = getframe_depth(vm, p)?;
    vm.get_frame(None, depth)
}
