//! Assembly: label resolution, stack-depth flow analysis and the run-length line table.
#![forbid(unsafe_code)]

use super::code::LineEntry;
use super::codegen::Ins;
use super::opcode::{Instruction, Opcode};

/// Stack effect of one instruction: `jump` selects the effect when the jump is taken
/// (for jump instructions) — for `SETUP_FINALLY`/`SETUP_WITH` the depth at handler entry.
/// Returns None for instructions that never fall through when `jump` is false
/// (use [`falls_through`] to know that) — here it always returns a number.
pub fn stack_effect(op: Opcode, arg: u32, jump: bool) -> i32 {
    use Opcode::*;
    let a = arg as i32;
    match op {
        Nop | Swap | UnaryNegative | UnaryPositive | UnaryNot | UnaryInvert | GetIter
        | GetYieldFromIter | YieldValue | LoadAttr | ListToTuple | PopBlock | PopExcept
        | JumpForward | JumpBackward | DeleteFast | DeleteDeref | DeleteName | DeleteGlobal
        | SetupAnnotations => 0,
        PopTop | StoreFast | StoreDeref | StoreName | StoreGlobal | DeleteAttr | ImportStar
        | ReturnValue | Reraise | PopJumpIfFalse | PopJumpIfTrue | BinaryOp | CompareOp | IsOp
        | ContainsOp | BinarySubscr | BinarySubscrLocal | ListAppend | SetAdd | ListExtend
        | SetUpdate | DictUpdate | DictMerge | YieldFrom | ImportName => -1,
        Copy | LoadConst | LoadFast | LoadFastBorrow | LoadFastDeferred | LoadDeref
        | LoadClosure | LoadClassderef | LoadName | LoadGlobal | LoadMethod | LoadBuildClass
        | ImportFrom | WithExceptStart | LoadAssertionError => 1,
        StoreAttr | DeleteSubscr | MapAdd | JumpIfNotExcMatch => -2,
        StoreSubscr | StoreSubscrLocal => -3,
        CallMethod => -(a + 1),
        CallFunction => -a,
        CallFunctionKw => -(a + 1),
        CallFunctionEx => -(1 + (a & 1)),
        MakeFunction => -1 - (arg & 0x0f).count_ones() as i32,
        BuildSlice | BuildTuple | BuildList | BuildSet | BuildString => 1 - a,
        BuildMap => 1 - 2 * a,
        FormatValue => {
            if arg & 4 != 0 {
                -1
            } else {
                0
            }
        }
        UnpackSequence => a - 1,
        UnpackEx => (a & 0xff) + (a >> 8),
        JumpIfFalseOrPop | JumpIfTrueOrPop => {
            if jump {
                0
            } else {
                -1
            }
        }
        ForIter => {
            if jump {
                -1
            } else {
                1
            }
        }
        SetupFinally => {
            if jump {
                1
            } else {
                0
            }
        }
        SetupWith => 1,
        RaiseVarargs => -a,
    }
}

/// False for instructions after which control never reaches the next instruction.
pub fn falls_through(op: Opcode) -> bool {
    !matches!(
        op,
        Opcode::JumpForward
            | Opcode::JumpBackward
            | Opcode::ReturnValue
            | Opcode::Reraise
            | Opcode::RaiseVarargs
    )
}

/// Maximum stack depth over every path (None if some path underflows or a jump is out of range).
pub fn max_stack_depth(code: &[Instruction]) -> Result<u32, String> {
    let n = code.len();
    let mut depth: Vec<i32> = vec![-1; n];
    let mut work: Vec<(usize, i32)> = Vec::new();
    let mut max = 0i32;
    if n > 0 {
        work.push((0, 0));
    }
    while let Some((i, d)) = work.pop() {
        if i >= n {
            return Err(format!("control falls off the end of the code at {i}"));
        }
        if depth[i] >= 0 {
            if depth[i] != d {
                return Err(format!("inconsistent stack depth at {i}: {} vs {d}", depth[i]));
            }
            continue;
        }
        depth[i] = d;
        let ins = code[i];
        let op = ins.opcode();
        if ins.is_jump() {
            let t = ins.arg() as usize;
            if t >= n {
                return Err(format!("jump target {t} out of range at {i}"));
            }
            let dj = d + stack_effect(op, ins.arg(), true);
            if dj < 0 {
                return Err(format!("negative stack depth after jump at {i}"));
            }
            max = max.max(dj);
            work.push((t, dj));
        }
        if falls_through(op) {
            let dn = d + stack_effect(op, ins.arg(), false);
            if dn < 0 {
                return Err(format!("negative stack depth at {i} ({:?})", ins));
            }
            max = max.max(dn);
            work.push((i + 1, dn));
        } else {
            // Terminators still consume their operands.
            let dn = d + stack_effect(op, ins.arg(), false);
            if dn < 0 {
                return Err(format!("negative stack depth at {i} ({:?})", ins));
            }
        }
    }
    Ok(max as u32)
}

/// Resolve labels, drop unreachable instructions, pick jump directions, compute the line
/// table and the stack size.
pub(crate) fn assemble(instrs: &[Ins], labels: &[u32]) -> (Vec<Instruction>, Vec<LineEntry>, u32) {
    let n = instrs.len();
    let target_of = |i: usize, arg: u32| -> usize {
        labels
            .get(arg as usize)
            .copied()
            .filter(|&t| t != u32::MAX)
            .map(|t| t as usize)
            .unwrap_or(i)
    };
    // Reachability from the entry point, following fall-through and jump edges.
    let mut reachable = vec![false; n];
    let mut work = vec![0usize];
    while let Some(i) = work.pop() {
        if i >= n || reachable[i] {
            continue;
        }
        reachable[i] = true;
        let ins = instrs[i];
        if Instruction::new(ins.op, 0).is_jump() {
            work.push(target_of(i, ins.arg));
        }
        if falls_through(ins.op) {
            work.push(i + 1);
        }
    }
    // New index of every old instruction (targets beyond the end map to the end).
    let mut new_index = vec![0u32; n + 1];
    let mut k = 0u32;
    for i in 0..n {
        new_index[i] = k;
        if reachable[i] {
            k += 1;
        }
    }
    new_index[n] = k;
    let mut out = Vec::with_capacity(k as usize);
    let mut lines: Vec<LineEntry> = Vec::new();
    for (i, ins) in instrs.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        let here = out.len() as u32;
        let mut op = ins.op;
        let mut arg = ins.arg;
        if Instruction::new(op, 0).is_jump() {
            arg = new_index[target_of(i, ins.arg).min(n)];
            if matches!(op, Opcode::JumpForward | Opcode::JumpBackward) {
                op = if arg <= here { Opcode::JumpBackward } else { Opcode::JumpForward };
            }
        }
        out.push(Instruction::new(op, arg));
        if lines.last().map(|e| e.line) != Some(ins.line) {
            lines.push(LineEntry { start: here, line: ins.line });
        }
    }
    let stacksize = max_stack_depth(&out).unwrap_or_else(|_| conservative_depth(&out));
    (out, lines, stacksize)
}

/// Fallback bound when the flow analysis fails (should not happen): sum of all pushes.
fn conservative_depth(code: &[Instruction]) -> u32 {
    code.iter()
        .map(|i| {
            stack_effect(i.opcode(), i.arg(), true)
                .max(stack_effect(i.opcode(), i.arg(), false))
                .max(0) as u32
        })
        .sum()
}
