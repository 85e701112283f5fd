//! `compile()` and `SyntaxError` as a Python object: compiler errors become `SyntaxError` instances with CPython's attributes (`msg`, `filename`, `lineno`, `offset`, `text`, `end_lineno`, `end_offset`), `str()` and traceback block.

use std::sync::Arc;

use crate::compiler::CodeObject;
use crate::frontend::{SyntaxError, SyntaxErrorKind};
use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use crate::types::args::kwarg;

/// `ast.PyCF_ONLY_AST`: `compile()` answers the tree instead of a code object.
pub const PYCF_ONLY_AST: i64 = 0x400;

const ATTRS: [&str; 8] = [
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];

/// Install `SyntaxError.__init__`/`__str__` and the attributes' class defaults (None).
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.types().syntax_error.clone();
    crate::types::args::install(
        vm,
        &cls,
        "SyntaxError",
        &[("__init__", syntax_error_init), ("__str__", syntax_error_str)],
    );
    if let Payload::Class(c) = cls.payload() {
        let d = c.dict.clone();
        for a in ATTRS {
            vm.dict_set_str(&d, a, Value::None);
        }
    }
}

/// A compiler error as a Python `SyntaxError` (or `IndentationError`/`TabError`).
pub fn syntax_error_to_py<M: ExecutionModel>(vm: &mut Vm<M>, e: &SyntaxError) -> PyErr<M> {
    syntax_error_to_py_in(vm, e, false)
}

/// [`syntax_error_to_py`] for a given compile mode: in `eval` mode CPython's tokenizer adds no
/// newline, so the error's `text` has none.
pub fn syntax_error_to_py_in<M: ExecutionModel>(
    vm: &mut Vm<M>,
    e: &SyntaxError,
    eval_mode: bool,
) -> PyErr<M> {
    let cls = match e.kind {
        SyntaxErrorKind::SyntaxError => vm.types().syntax_error.clone(),
        SyntaxErrorKind::IndentationError => vm.types().indentation_error.clone(),
        SyntaxErrorKind::TabError => {
            let b = vm.interp().builtins().clone();
            match vm.dict_get_str(&b, "TabError") {
                Some(Value::Obj(c)) => c,
                _ => vm.types().indentation_error.clone(),
            }
        }
    };
    let nl = if eval_mode { "" } else { "\n" };
    // An error at the end of the line (the NEWLINE token) has no width in CPython.
    let at_eol = e.text.as_ref().is_some_and(|t| e.offset as usize > t.chars().count());
    let text = e.text.as_ref().map(|t| Value::new_str(format!("{t}{nl}"))).unwrap_or(Value::None);
    // CPython reports an unexpected indent without an end column.
    let end_offset = if e.msg == "unexpected indent" {
        -1
    } else if at_eol {
        e.offset as i64
    } else {
        e.end_offset as i64
    };
    let info = vec![
        Value::new_str(e.filename.clone()),
        Value::Int(e.lineno as i64),
        Value::Int(e.offset as i64),
        text.clone(),
        Value::Int(e.lineno as i64),
        Value::Int(end_offset),
    ];
    let msg = Value::new_str(e.msg.clone());
    let exc = vm.new_exception_obj(&cls, vec![msg.clone(), Value::new_tuple(info.clone())]);
    if let Payload::Instance(inst) = exc.payload() {
        let d = inst.dict.clone();
        vm.dict_set_str(&d, "msg", msg);
        for (name, v) in
            ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"].iter().zip(info)
        {
            vm.dict_set_str(&d, name, v);
        }
    }
    PyErr { exc }
}

/// `SyntaxError.__init__(self, msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`.
fn syntax_error_init<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = args[1..args.len() - kw.len()].to_vec();
    let Some(Payload::Instance(inst)) = args[0].payload() else { return Ok(Value::None) };
    if let Some(st) = &inst.exc {
        let t = Value::new_tuple(pos.clone());
        st.with(|s| s.args = t);
    }
    let d = inst.dict.clone();
    if let Some(m) = pos.first() {
        vm.dict_set_str(&d, "msg", m.clone());
    }
    if pos.len() == 2 {
        let info = vm.iterate_to_vec(&pos[1])?;
        if info.len() < 4 || info.len() > 6 {
            let n = info.len();
            let msg = if n < 4 {
                format!("function takes at least 4 arguments ({n} given)")
            } else {
                format!("function takes at most 6 arguments ({n} given)")
            };
            return Err(vm.new_type_error(&msg));
        }
        for (name, v) in
            ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"].iter().zip(info)
        {
            vm.dict_set_str(&d, name, v);
        }
    }
    Ok(Value::None)
}

fn attr<M: ExecutionModel>(
    vm: &mut Vm<M>,
    exc: &Value<M>,
    name: &str,
) -> Result<Value<M>, PyErr<M>> {
    Ok(vm.getattr_opt(exc, name)?.unwrap_or(Value::None))
}

/// `str(SyntaxError)`: `msg (file, line N)` with the file's base name.
fn syntax_error_str<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = crate::types::args::positional(vm, "__str__", args, kw, 1, 1)?;
    let exc = p[0].clone();
    let mut msg = attr(vm, &exc, "msg")?;
    if msg.is_none() {
        // Made without running __init__ (a native error with only args): the first arg.
        if let Some(first) = exc
            .obj()
            .map(|o| vm.exception_args(o))
            .and_then(|a| a.as_tuple().and_then(|t| t.first().cloned()))
        {
            msg = first;
        }
    }
    let msg = vm.str_of(&msg)?;
    let filename = attr(vm, &exc, "filename")?;
    let lineno = attr(vm, &exc, "lineno")?;
    let base = filename.as_str().map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
    Ok(Value::new_str(match (base, &lineno) {
        (Some(f), Value::Int(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), _) => format!("{msg} ({f})"),
        (None, Value::Int(l)) => format!("{msg} (line {l})"),
        _ => msg,
    }))
}

/// The end of a traceback for a `SyntaxError` that carries a location: `File "...", line N`,
/// the source line with its carets, then `SyntaxError: msg` (as CPython's `print_exception`).
/// `None` for other exceptions and for syntax errors without a line number.
pub fn syntax_error_block<M: ExecutionModel>(vm: &mut Vm<M>, exc: &ObjRef<M>) -> Option<String> {
    let se = vm.types().syntax_error.clone();
    if !vm.isinstance_class(exc, &se) {
        return None;
    }
    let v = Value::Obj(exc.clone());
    let get =
        |vm: &mut Vm<M>, name: &str| vm.getattr_opt(&v, name).ok().flatten().unwrap_or(Value::None);
    let Value::Int(lineno) = get(vm, "lineno") else { return None };
    let filename = get(vm, "filename");
    let filename = filename.as_str().unwrap_or("<string>").to_string();
    let msg = get(vm, "msg");
    let msg = vm.str_of(&msg).ok()?;
    let offset = match get(vm, "offset") {
        Value::Int(o) => o,
        _ => -1,
    };
    let end_offset = match get(vm, "end_offset") {
        Value::Int(o) => o,
        _ => -1,
    };
    let text = get(vm, "text").as_str().map(|t| t.trim_end_matches('\n').to_string());
    let name = vm.type_name(&v);
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(text) = text {
        let e = SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: String::new(),
            filename: filename.clone(),
            lineno: lineno.max(0) as u32,
            offset: offset.max(0) as u32,
            end_offset: if end_offset <= offset { offset.max(0) as u32 } else { end_offset as u32 },
            text: Some(text),
        };
        let rendered = e.render();
        // Keep the source and caret lines of the front end's rendering (not its header/summary).
        let mut lines: Vec<&str> = rendered.lines().skip(1).collect();
        lines.pop();
        if offset < 1 {
            lines.truncate(1);
        }
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push_str(&if msg.is_empty() { name } else { format!("{name}: {msg}") });
    Some(out)
}

/// The text of a source argument: a str, or bytes decoded as UTF-8.
pub fn source_text<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    func: &str,
) -> Result<String, PyErr<M>> {
    if let Some(s) = v.as_str() {
        return Ok(s.to_string());
    }
    if let Some(Payload::Bytes(b)) = v.payload() {
        return match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let at = e.valid_up_to();
                let msg = format!(
                    "(unicode error) 'utf-8' codec can't decode byte {:#04x} in position {at}: invalid start byte",
                    b[at]
                );
                Err(plain_syntax_error(vm, &msg))
            }
        };
    }
    let tn = vm.type_name(v);
    let msg = if func == "compile" {
        "compile() arg 1 must be a string, bytes or AST object".to_string()
    } else {
        format!("{func}() arg 1 must be a string, bytes or AST object, not {tn}")
    };
    Err(vm.new_type_error(&msg))
}

/// Compile source text in `mode` (`exec`, `eval` or `single`) into a code object value.
pub fn compile_text<M: ExecutionModel>(
    vm: &mut Vm<M>,
    source: &str,
    filename: &str,
    mode: &str,
) -> PyResult<M> {
    if source.contains('\0') {
        return Err(plain_syntax_error(vm, "source code string cannot contain null bytes"));
    }
    // Parse and compile apart: an error of the parser carries its source line, one of the
    // compiler only what the file named `filename` holds (CPython reads it back from there).
    let code: Result<Arc<CodeObject>, SyntaxError> = match mode {
        "exec" | "single" => crate::frontend::parse_module(source, filename).and_then(|m| {
            crate::compiler::compile_module(&m, source, filename)
                .map_err(|e| without_text(e, filename))
        }),
        "eval" => crate::frontend::parse_expression(source, filename).and_then(|x| {
            crate::compiler::codegen::compile_expression(&x, source, filename)
                .map_err(|e| without_text(e, filename))
        }),
        _ => return Err(vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    match code {
        // Not registered as a known source: CPython's tracebacks show no lines for compiled strings.
        Ok(c) => Ok(Value::Obj(vm.materialize_code(&c))),
        Err(e) => Err(syntax_error_to_py_in(vm, &e, mode == "eval")),
    }
}

/// A compiler (not parser) error: its text is the line of the file `filename`, if there is one.
fn without_text(mut e: SyntaxError, filename: &str) -> SyntaxError {
    e.text = std::fs::read_to_string(filename)
        .ok()
        .and_then(|src| src.lines().nth(e.lineno.saturating_sub(1) as usize).map(str::to_string));
    e
}

/// A `SyntaxError` with only a message (no location).
pub fn plain_syntax_error<M: ExecutionModel>(vm: &mut Vm<M>, msg: &str) -> PyErr<M> {
    let cls = vm.types().syntax_error.clone();
    let err = vm.new_error(&cls, msg);
    if let Payload::Instance(inst) = err.exc.payload() {
        let d = inst.dict.clone();
        vm.dict_set_str(&d, "msg", Value::new_str(msg));
    }
    err
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn b_compile<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    const NAMES: [&str; 7] =
        ["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"];
    let npos = args.len() - kw.len();
    if npos > 6 {
        return Err(
            vm.new_type_error(&format!("compile() takes at most 6 arguments ({npos} given)"))
        );
    }
    let mut slots: [Option<Value<M>>; 7] = Default::default();
    for (i, v) in args[..npos].iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for k in kw {
        let key = k.as_str().unwrap_or("");
        let Some(i) = NAMES.iter().position(|n| *n == key) else {
            return Err(
                vm.new_type_error(&format!("compile() got an unexpected keyword argument '{key}'"))
            );
        };
        if slots[i].is_some() {
            return Err(vm.new_type_error(&format!(
                "argument for compile() given by name ('{key}') and position ({})",
                i + 1
            )));
        }
        slots[i] = kwarg(args, kw, key);
    }
    for (i, name) in NAMES.iter().enumerate().take(3) {
        if slots[i].is_none() {
            return Err(vm.new_type_error(&format!(
                "compile() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    let [source, filename, mode, flags, ..] = slots;
    let (source, filename, mode) = (
        source.unwrap_or(Value::None),
        filename.unwrap_or(Value::None),
        mode.unwrap_or(Value::None),
    );
    let filename = match filename.as_str() {
        Some(f) => f.to_string(),
        None => match filename.payload() {
            Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
            _ => {
                let tn = vm.type_name(&filename);
                return Err(vm.new_type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {tn}"
                )));
            }
        },
    };
    let Some(mode) = mode.as_str().map(str::to_string) else {
        let tn = vm.type_name(&mode);
        return Err(vm.new_type_error(&format!("compile() argument 'mode' must be str, not {tn}")));
    };
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    }
    let flags = match flags {
        None => 0,
        Some(v) => crate::stdlib::modules::arg_i64(vm, &v)?,
    };
    let is_ast = is_ast_node(vm, &source)?;
    if flags & PYCF_ONLY_AST != 0 {
        if is_ast {
            return Ok(source);
        }
        let ast = vm.import_module("ast")?;
        let parse = vm.getattr(&ast, &Value::new_str("parse"))?;
        let text = source_text(vm, &source, "compile")?;
        return vm.call(
            &parse,
            &[Value::new_str(text), Value::new_str(filename), Value::new_str(mode)],
            &[],
        );
    }
    if is_ast {
        return crate::stdlib::modules::ast_compile::compile_tree(vm, &source, &filename, &mode);
    }
    let text = source_text(vm, &source, "compile")?;
    compile_text(vm, &text, &filename, &mode)
}

/// Whether `v` is an instance of `ast.AST` (only when the `ast` module was imported).
fn is_ast_node<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<bool, PyErr<M>> {
    if !matches!(v.payload(), Some(Payload::Instance(_))) {
        return Ok(false);
    }
    let modules = vm.interp().modules().clone();
    let Some(ast) = vm.dict_get_str(&modules, "ast") else { return Ok(false) };
    let Some(Value::Obj(base)) = vm.getattr_opt(&ast, "AST")? else { return Ok(false) };
    Ok(vm.isinstance_class_value(v, &base))
}
