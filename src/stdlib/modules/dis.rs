//! The `_dis` module: the native half of the Python `dis` module. It reuses the compiler's disassembler (`compiler::dis`), so `dis.dis` prints exactly what `gilbench dis` prints, and exposes the instruction rows and the opcode table.

use crate::compiler::dis::{self as cdis, InstructionRow};
use crate::compiler::opcode::{CompareOpArg, Opcode};
use crate::object::{CodeObj, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::Vm;

use super::make_module;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("disassemble", dis_disassemble),
        ("instructions", dis_instructions),
        ("consts", dis_consts),
    ];
    let mut opname: Vec<Value<M>> = (0..256).map(|i| Value::new_str(format!("<{i}>"))).collect();
    for (i, op) in Opcode::ALL.iter().enumerate().filter(|(_, op)| op.base() == **op) {
        opname[i] = Value::new_str(op.name());
    }
    let select = |pred: &dyn Fn(Opcode) -> bool| -> Value<M> {
        Value::new_list(
            Opcode::ALL
                .iter()
                .enumerate()
                .filter(|(_, op)| pred(**op))
                .map(|(i, _)| Value::Int(i as i64))
                .collect(),
        )
    };
    use Opcode::*;
    let values = vec![
        ("opname", Value::new_list(opname)),
        ("hasarg", select(&|op| cdis::has_arg(op))),
        ("hasconst", select(&|op| op == LoadConst)),
        (
            "hasname",
            select(&|op| {
                matches!(
                    op,
                    LoadName
                        | StoreName
                        | DeleteName
                        | LoadGlobal
                        | StoreGlobal
                        | DeleteGlobal
                        | LoadAttr
                        | StoreAttr
                        | DeleteAttr
                        | LoadMethod
                        | ImportName
                        | ImportFrom
                )
            }),
        ),
        ("haslocal", select(&|op| matches!(op, LoadFast | StoreFast | DeleteFast))),
        (
            "hasfree",
            select(&|op| {
                matches!(op, LoadDeref | StoreDeref | DeleteDeref | LoadClosure | LoadClassderef)
            }),
        ),
        ("hascompare", select(&|op| op == CompareOp)),
        ("hasjump", select(&|op| crate::compiler::Instruction::new(op, 0).is_jump())),
    ];
    make_module(vm, "_dis", funcs, values)
}

/// The code object argument (functions and the rest are unwrapped by `dis.py`).
fn code_arg<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &'a Value<M>,
    what: &str,
) -> Result<&'a CodeObj<M>, PyErr<M>> {
    match v.payload() {
        Some(Payload::Code(c)) => Ok(c),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!("{what}() argument must be a code object, not {tn}")))
        }
    }
}

/// The reprs of a code object's constants as this interpreter shows them (code objects with
/// their runtime ids, as `repr()` does).
fn const_reprs<M: ExecutionModel>(vm: &mut Vm<M>, c: &CodeObj<M>) -> Result<Vec<String>, PyErr<M>> {
    let consts = c.consts.to_vec();
    consts.iter().map(|v| vm.repr_of(v)).collect()
}

/// `_dis.disassemble(code)`: the `dis` text of one code object (nested code objects are not
/// followed; `dis.py` recurses the way CPython's `_disassemble_recursive` does).
fn dis_disassemble<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "disassemble", args, kw, 1, 1)?;
    let c = code_arg(vm, &p[0], "disassemble")?;
    let reprs = const_reprs(vm, c)?;
    Ok(Value::new_str(cdis::disassemble_one_with(&c.code, Some(&reprs))))
}

/// `_dis.instructions(code)`: one tuple per instruction, `(opname, opcode, arg, argval,
/// argrepr, offset, starts_line, is_jump_target, line)`, the fields of `dis.Instruction`.
fn dis_instructions<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "instructions", args, kw, 1, 1)?;
    let c = code_arg(vm, &p[0], "instructions")?;
    let reprs = const_reprs(vm, c)?;
    let rows = cdis::instruction_rows(&c.code, Some(&reprs));
    let out = rows.iter().map(|r| row_tuple(c, r)).collect();
    Ok(Value::new_list(out))
}

/// `_dis.consts(code)`: every constant `LOAD_CONST` can index, in order. `co_consts` leaves out
/// the qualified names this compiler loads for `MAKE_FUNCTION` (to equal CPython's); `dis`
/// listings show all of them, so the indices agree with the disassembly.
fn dis_consts<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "consts", args, kw, 1, 1)?;
    let c = code_arg(vm, &p[0], "consts")?;
    Ok(Value::new_tuple(c.consts.to_vec()))
}

fn opt_int<M: ExecutionModel>(v: Option<u32>) -> Value<M> {
    v.map(|x| Value::Int(x as i64)).unwrap_or(Value::None)
}

fn name_value<M: ExecutionModel>(names: &[std::sync::Arc<str>], i: usize) -> Value<M> {
    names.get(i).map(|n| Value::new_str(n.to_string())).unwrap_or(Value::None)
}

/// `argval`: the resolved argument (CPython's `_get_instructions_bytes` rules: the constant,
/// the name, the jump target's offset, the comparison's symbol; else the raw argument).
fn arg_value<M: ExecutionModel>(c: &CodeObj<M>, r: &InstructionRow) -> Value<M> {
    use Opcode::*;
    let Some(arg) = r.arg else { return Value::None };
    let i = arg as usize;
    let code = &c.code;
    match r.opcode {
        LoadConst => c.consts.get(i).cloned().unwrap_or(Value::None),
        LoadName | StoreName | DeleteName | LoadGlobal | StoreGlobal | DeleteGlobal | LoadAttr
        | StoreAttr | DeleteAttr | LoadMethod | ImportName | ImportFrom => {
            name_value(&code.names, i)
        }
        LoadFast | StoreFast | DeleteFast => name_value(&code.varnames, i),
        LoadDeref | StoreDeref | DeleteDeref | LoadClosure | LoadClassderef => {
            if i < code.cellvars.len() {
                name_value(&code.cellvars, i)
            } else {
                name_value(&code.freevars, i - code.cellvars.len())
            }
        }
        CompareOp => CompareOpArg::decode(arg)
            .map(|o| Value::new_str(o.symbol()))
            .unwrap_or(Value::Int(arg as i64)),
        _ if crate::compiler::Instruction::new(r.opcode, 0).is_jump() => {
            Value::Int((arg as i64) * 4)
        }
        _ => Value::Int(arg as i64),
    }
}

fn row_tuple<M: ExecutionModel>(c: &CodeObj<M>, r: &InstructionRow) -> Value<M> {
    Value::new_tuple(vec![
        Value::new_str(r.opcode.name()),
        Value::Int(r.opcode as u8 as i64),
        opt_int(r.arg),
        arg_value(c, r),
        Value::new_str(r.argrepr.clone()),
        Value::Int(r.offset as i64),
        opt_int(r.starts_line),
        Value::Bool(r.is_jump_target),
        if r.line == 0 { Value::None } else { Value::Int(r.line as i64) },
    ])
}
