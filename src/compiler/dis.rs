//! Disassembler: prints code objects in the layout of CPython 3.11's `dis.dis` (offsets are instruction index * 4).
#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::fmt::Write;
use std::sync::Arc;

use super::code::{CodeObject, Constant};
use super::opcode::{BinaryOpArg, CompareOpArg, Instruction, Opcode};

/// Bytes per instruction in the offset column.
const UNIT: usize = 4;
const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;

/// Disassemble `code` and, recursively, every code object among its constants.
pub fn disassemble(code: &Arc<CodeObject>) -> String {
    let mut out = String::new();
    disassemble_rec(code, &mut out);
    out
}

fn disassemble_rec(code: &Arc<CodeObject>, out: &mut String) {
    out.push_str(&disassemble_one(code));
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", code_repr(inner));
            disassemble_rec(inner, out);
        }
    }
}

/// `<code object NAME at 0xADDR, file "FILE", line N>`.
pub fn code_repr(code: &Arc<CodeObject>) -> String {
    format!(
        "<code object {} at {:p}, file \"{}\", line {}>",
        code.name,
        Arc::as_ptr(code),
        code.filename,
        code.firstlineno
    )
}

/// True for opcodes that use their argument (others print without an argument column).
pub fn has_arg(op: Opcode) -> bool {
    use Opcode::*;
    !matches!(
        op,
        Nop | PopTop
            | LoadBuildClass
            | ImportStar
            | UnaryNegative
            | UnaryPositive
            | UnaryNot
            | UnaryInvert
            | BinarySubscr
            | StoreSubscr
            | DeleteSubscr
            | ListToTuple
            | GetIter
            | ReturnValue
            | YieldValue
            | GetYieldFromIter
            | YieldFrom
            | PopBlock
            | PopExcept
            | Reraise
            | WithExceptStart
            | LoadAssertionError
            | SetupAnnotations
    )
}

/// Disassemble one code object without recursing into nested code objects.
pub fn disassemble_one(code: &CodeObject) -> String {
    disassemble_one_with(code, None)
}

/// One instruction as `dis` shows it (what `dis.get_instructions` yields).
#[derive(Debug, Clone, PartialEq)]
pub struct InstructionRow {
    /// Instruction index x 4.
    pub offset: usize,
    pub opcode: Opcode,
    /// The argument, for opcodes that use it.
    pub arg: Option<u32>,
    /// The argument's meaning in words (`(x)`, `to 12`, `+`), empty when there is none.
    pub argrepr: String,
    /// The source line when this instruction starts one.
    pub starts_line: Option<u32>,
    pub is_jump_target: bool,
    /// The instruction's source line (0 when unknown).
    pub line: u32,
}

/// The instructions of one code object with their `dis` columns. `const_reprs`, when given,
/// replaces the constants' reprs (the VM passes its own, so code objects show their runtime ids).
pub fn instruction_rows(code: &CodeObject, const_reprs: Option<&[String]>) -> Vec<InstructionRow> {
    let n = code.instructions.len();
    let targets: HashSet<usize> =
        code.instructions.iter().filter(|i| i.is_jump()).map(|i| i.arg() as usize).collect();
    // Line starts: first instruction of each run whose line differs from the previous known line.
    let mut starts: Vec<Option<u32>> = vec![None; n];
    let mut last_line: Option<u32> = None;
    for (k, e) in code.linetable.iter().enumerate() {
        let end = code.linetable.get(k + 1).map(|n| n.start as usize).unwrap_or(n);
        if e.line == 0 || (e.start as usize) >= end || (e.start as usize) >= n {
            continue;
        }
        if last_line != Some(e.line) {
            starts[e.start as usize] = Some(e.line);
            last_line = Some(e.line);
        }
    }
    code.instructions
        .iter()
        .enumerate()
        .map(|(i, ins)| {
            let op = ins.opcode().base();
            let arg = has_arg(op).then(|| ins.arg());
            let argrepr = match (op, const_reprs) {
                (Opcode::LoadConst, Some(reprs)) if has_arg(op) => {
                    reprs.get(ins.arg() as usize).cloned().unwrap_or_else(|| arg_repr(code, *ins))
                }
                _ if arg.is_some() => arg_repr(code, *ins),
                _ => String::new(),
            };
            InstructionRow {
                offset: i * UNIT,
                opcode: op,
                arg,
                argrepr,
                starts_line: starts[i],
                is_jump_target: targets.contains(&i),
                line: code.line_for(i),
            }
        })
        .collect()
}

/// [`disassemble_one`] with the constants' reprs supplied by the caller (see [`instruction_rows`]).
pub fn disassemble_one_with(code: &CodeObject, const_reprs: Option<&[String]>) -> String {
    let rows = instruction_rows(code, const_reprs);
    let mut out = String::new();
    let n = rows.len();
    let show_lineno = rows.iter().any(|r| r.starts_line.is_some());
    let maxline = rows.iter().filter_map(|r| r.starts_line).max().unwrap_or(0);
    let lineno_width = if !show_lineno {
        0
    } else if maxline >= 1000 {
        maxline.to_string().len()
    } else {
        3
    };
    let maxoffset = n.saturating_sub(1) * UNIT;
    let offset_width = if maxoffset >= 10000 { maxoffset.to_string().len() } else { 4 };
    for (i, row) in rows.iter().enumerate() {
        if show_lineno && row.starts_line.is_some() && i > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            match row.starts_line {
                Some(l) => fields.push(format!("{:>w$}", l, w = lineno_width)),
                None => fields.push(" ".repeat(lineno_width)),
            }
        }
        fields.push("   ".to_string());
        fields.push(if row.is_jump_target { ">>".to_string() } else { "  ".to_string() });
        fields.push(format!("{:>w$}", row.offset, w = offset_width));
        fields.push(format!("{:<w$}", row.opcode.name(), w = OPNAME_WIDTH));
        if let Some(arg) = row.arg {
            fields.push(format!("{:>w$}", arg, w = OPARG_WIDTH));
            if !row.argrepr.is_empty() {
                fields.push(format!("({})", row.argrepr));
            }
        }
        let line = fields.join(" ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn name_at(v: &[Arc<str>], i: usize) -> String {
    v.get(i).map(|s| s.to_string()).unwrap_or_else(|| format!("<bad index {i}>"))
}

/// The `dis` text of an instruction's argument (without parentheses).
pub fn arg_repr(code: &CodeObject, ins: Instruction) -> String {
    use Opcode::*;
    let arg = ins.arg() as usize;
    match ins.opcode().base() {
        LoadConst => {
            code.consts.get(arg).map(const_repr).unwrap_or_else(|| format!("<bad const {arg}>"))
        }
        LoadName | StoreName | DeleteName | LoadGlobal | StoreGlobal | DeleteGlobal | LoadAttr
        | StoreAttr | DeleteAttr | LoadMethod | ImportName | ImportFrom => {
            name_at(&code.names, arg)
        }
        LoadFast | StoreFast | DeleteFast => name_at(&code.varnames, arg),
        LoadDeref | StoreDeref | DeleteDeref | LoadClosure | LoadClassderef => {
            if arg < code.cellvars.len() {
                code.cellvars[arg].to_string()
            } else {
                name_at(&code.freevars, arg - code.cellvars.len())
            }
        }
        CompareOp => {
            CompareOpArg::decode(arg as u32).map(|c| c.symbol().to_string()).unwrap_or_default()
        }
        BinaryOp => match BinaryOpArg::decode(arg as u32) {
            Some((op, true)) => format!("{}=", op.symbol()),
            Some((op, false)) => op.symbol().to_string(),
            None => String::new(),
        },
        FormatValue => {
            let mut s = ["", "str", "repr", "ascii"][arg & 3].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        MakeFunction => {
            let names = ["defaults", "kwdefaults", "annotations", "closure"];
            names
                .iter()
                .enumerate()
                .filter(|(i, _)| arg & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ if ins.is_jump() => format!("to {}", arg * UNIT),
        _ => String::new(),
    }
}

/// Python's `repr` of a constant.
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".to_string(),
        Constant::Bool(true) => "True".to_string(),
        Constant::Bool(false) => "False".to_string(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Ellipsis => "Ellipsis".to_string(),
        Constant::Code(code) => code_repr(code),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
    }
}

use crate::num::floatfmt::float_repr;
pub use crate::text::strrepr::{bytes_repr, str_repr};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs_match_python() {
        for (f, s) in [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.0, "1.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }

    #[test]
    fn str_reprs_match_python() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(str_repr("x\ny\x01é"), "'x\\ny\\x01é'");
        assert_eq!(bytes_repr(b"a\x00'"), "b\"a\\x00'\"");
    }
}
