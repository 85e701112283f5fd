//! The standard library (CPython's Python/bltinmodule.c, Modules/ and Lib/): builtins, modules (`sys`, `time`, `math`, `concurrent.*`, ...), imports, `compile()`; the builtin types themselves live in `types`.
//!
//! Public API: [`install_builtins`], [`code_attr`]. Invariant: every native function reports bad
//! arguments as a Python `TypeError`/`ValueError`, never by panicking.
#![forbid(unsafe_code)]

pub mod builtins;
pub mod compile;
pub mod frame_builtins;
pub mod import;
pub mod modules;

use crate::object::{CodeObj, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args;
use crate::vm::Vm;

pub use builtins::install_builtins;

/// Attributes of code objects (`co_name`, `co_filename`, ..., `co_lines()`, `co_positions()`).
pub fn code_attr<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    c: &CodeObj<M>,
    name: &str,
) -> Result<Option<Value<M>>, PyErr<M>> {
    let code = &c.code;
    let strs = |v: &[std::sync::Arc<str>]| {
        Value::new_tuple(v.iter().map(|s| Value::new_str(s.to_string())).collect())
    };
    Ok(Some(match name {
        "co_name" => Value::new_str(code.name.to_string()),
        "co_qualname" => Value::new_str(code.qualname.to_string()),
        "co_filename" => Value::new_str(code.filename.to_string()),
        "co_firstlineno" => Value::Int(code.firstlineno as i64),
        "co_argcount" => Value::Int(code.argcount as i64),
        "co_posonlyargcount" => Value::Int(code.posonlyargcount as i64),
        "co_kwonlyargcount" => Value::Int(code.kwonlyargcount as i64),
        "co_flags" => Value::Int(code.flags as i64),
        "co_nlocals" => Value::Int(code.varnames.len() as i64),
        "co_stacksize" => Value::Int(code.stacksize as i64),
        "co_consts" => Value::new_tuple(visible_consts(c)),
        "co_names" => strs(&code.names),
        "co_varnames" => strs(&code.varnames),
        "co_cellvars" => strs(&code.cellvars),
        "co_freevars" => strs(&code.freevars),
        // The instruction words, little-endian (4 bytes per instruction: offsets as in `dis`).
        "co_code" => {
            let bytes: Vec<u8> = code
                .instructions
                .iter()
                .flat_map(|i| {
                    let op = i.opcode().base();
                    let arg = if crate::compiler::dis::has_arg(op) { i.arg() } else { 0 };
                    (op as u32 | arg << 8).to_le_bytes()
                })
                .collect();
            Value::Obj(crate::object::ObjRef::new(crate::object::Payload::Bytes(
                bytes.into_boxed_slice(),
            )))
        }
        _ => return Ok(None),
    }))
}

/// `co_consts` as CPython 3.11 has them: the qualified names that this compiler loads for
/// `MAKE_FUNCTION` (CPython takes them from the code object) are left out.
fn visible_consts<M: ExecutionModel>(c: &CodeObj<M>) -> Vec<Value<M>> {
    use crate::compiler::opcode::Opcode;
    let ins = &c.code.instructions;
    let mut qualname_only = vec![false; c.consts.len()];
    let mut other_use = vec![false; c.consts.len()];
    for (i, inst) in ins.iter().enumerate() {
        if inst.opcode() == Opcode::LoadConst {
            let k = inst.arg() as usize;
            if k < qualname_only.len() {
                if ins.get(i + 1).is_some_and(|n| n.opcode() == Opcode::MakeFunction) {
                    qualname_only[k] = true;
                } else {
                    other_use[k] = true;
                }
            }
        }
    }
    c.consts
        .iter()
        .enumerate()
        .filter(|(k, _)| !qualname_only[*k] || other_use[*k])
        .map(|(_, v)| v.clone())
        .collect()
}

/// The methods of code objects: `co_lines()` and `co_positions()`.
pub fn install_code_methods<M: ExecutionModel>(vm: &mut Vm<M>) {
    let code = vm.types().code.clone();
    args::install(
        vm,
        &code,
        "code",
        &[("co_lines", code_co_lines), ("co_positions", code_co_positions)],
    );
}

fn code_self<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    a: &[Value<M>],
    kw: &[Value<M>],
) -> Result<std::sync::Arc<crate::compiler::CodeObject>, PyErr<M>> {
    let p = args::method_positional(vm, "code", name, a, kw, 0, 0)?;
    match p[0].payload() {
        Some(Payload::Code(c)) => Ok(c.code.clone()),
        _ => Err(vm.new_type_error(&format!("descriptor '{name}' requires a 'code' object"))),
    }
}

fn line_value<M: ExecutionModel>(line: u32) -> Value<M> {
    if line == 0 {
        Value::None
    } else {
        Value::Int(line as i64)
    }
}

/// `code.co_lines()`: `(start, end, line)` for each run of instructions on one line, in bytes
/// (4 per instruction); `line` is None for instructions without one.
fn code_co_lines<M: ExecutionModel>(
    vm: &mut Vm<M>,
    a: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let code = code_self(vm, "co_lines", a, kw)?;
    let n = code.instructions.len() as u32;
    let lt = &code.linetable;
    let mut out = Vec::new();
    let first = lt.first().map_or(n, |e| e.start);
    if first > 0 {
        out.push(Value::new_tuple(vec![
            Value::Int(0),
            Value::Int(first as i64 * 4),
            line_value(code.firstlineno),
        ]));
    }
    for (k, e) in lt.iter().enumerate() {
        let end = lt.get(k + 1).map_or(n, |x| x.start).min(n);
        if end > e.start {
            out.push(Value::new_tuple(vec![
                Value::Int(e.start as i64 * 4),
                Value::Int(end as i64 * 4),
                line_value(e.line),
            ]));
        }
    }
    let list = Value::new_list(out);
    vm.get_iter(&list)
}

/// `code.co_positions()`: `(line, end_line, col, end_col)` per instruction; columns are not
/// recorded by this compiler (None).
fn code_co_positions<M: ExecutionModel>(
    vm: &mut Vm<M>,
    a: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let code = code_self(vm, "co_positions", a, kw)?;
    let out = (0..code.instructions.len())
        .map(|i| {
            let line = code.line_for(i);
            Value::new_tuple(vec![line_value(line), line_value(line), Value::None, Value::None])
        })
        .collect();
    let list = Value::new_list(out);
    vm.get_iter(&list)
}
