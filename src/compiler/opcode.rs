//! The bytecode instruction set: CPython-like opcode names, one 32-bit code unit per instruction.
//!
//! An [`Instruction`] packs an 8-bit opcode and a 24-bit argument (no `EXTENDED_ARG` needed).
//! This file is the contract between the code generator (`compiler::codegen`) and the eval
//! loop (`vm::eval`): each opcode's doc gives its exact stack effect. Stack pictures list the
//! stack bottom-to-top, `TOS` is the top. Jump arguments are absolute instruction indices.
//!
//! Exception handling uses a *block stack* (as CPython 3.10): `SETUP_FINALLY`/`SETUP_WITH` push
//! a try block recording the handler target and the value-stack depth; when an exception is
//! raised the VM pops blocks: an except-handler block restores the previously handled exception
//! and is discarded; a try block truncates the value stack to its depth, pushes an
//! except-handler block (remembering the exception being handled so far), makes the new
//! exception the *handled* one (`sys.exc_info()`, bare `raise`, implicit `__context__`), pushes
//! the exception object and jumps to the handler. No block left: the frame exits with the error.

use std::fmt;

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident = $text:literal, )*) => {
        /// One opcode. The discriminant is the byte stored in the instruction.
        #[repr(u8)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Opcode { $( $(#[$doc])* $name, )* }

        impl Opcode {
            /// All opcodes, indexed by their byte.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];

            /// The CPython-style name shown by `dis`, e.g. `LOAD_FAST`.
            pub fn name(self) -> &'static str {
                match self { $( Opcode::$name => $text, )* }
            }

            pub fn from_byte(b: u8) -> Option<Opcode> {
                Self::ALL.get(b as usize).copied()
            }
        }
    };
}

opcodes! {
    /// No effect.
    Nop = "NOP",
    /// `[a] -> []`.
    PopTop = "POP_TOP",
    /// arg `n >= 1`: push a new reference to the n-th item from the top (`COPY 1` duplicates TOS).
    Copy = "COPY",
    /// arg `n >= 2`: swap TOS with the n-th item from the top.
    Swap = "SWAP",
    /// `-> [consts[arg]]`.
    LoadConst = "LOAD_CONST",
    /// `-> [varnames[arg]]`; unbound -> `UnboundLocalError: cannot access local variable 'x' where it is not associated with a value`.
    LoadFast = "LOAD_FAST",
    /// `[v] -> []`, stores into local slot `arg`.
    StoreFast = "STORE_FAST",
    /// Unbinds local slot `arg` (unbound -> UnboundLocalError).
    DeleteFast = "DELETE_FAST",
    /// arg indexes the frame's cells: `arg < len(cellvars)` -> `cellvars[arg]`, else `freevars[arg - len(cellvars)]`.
    /// `-> [cell contents]`; empty cell -> NameError (free var) / UnboundLocalError (cell var).
    LoadDeref = "LOAD_DEREF",
    /// `[v] -> []`, sets the contents of cell `arg`.
    StoreDeref = "STORE_DEREF",
    /// Empties cell `arg`.
    DeleteDeref = "DELETE_DEREF",
    /// `-> [cell arg itself]` (to build a closure tuple for MAKE_FUNCTION).
    LoadClosure = "LOAD_CLOSURE",
    /// Class bodies only: look the cell's *name* up in the locals mapping first, then in cell `arg`.
    LoadClassderef = "LOAD_CLASSDEREF",
    /// `-> [value]`: `names[arg]` looked up in locals, then globals, then builtins; missing -> NameError.
    LoadName = "LOAD_NAME",
    /// `[v] -> []`: `locals[names[arg]] = v`.
    StoreName = "STORE_NAME",
    /// `del locals[names[arg]]` (missing -> NameError).
    DeleteName = "DELETE_NAME",
    /// `-> [value]`: `names[arg]` in globals, then builtins; missing -> NameError.
    LoadGlobal = "LOAD_GLOBAL",
    /// `[v] -> []`: `globals[names[arg]] = v`.
    StoreGlobal = "STORE_GLOBAL",
    /// `del globals[names[arg]]`.
    DeleteGlobal = "DELETE_GLOBAL",
    /// `[obj] -> [getattr(obj, names[arg])]`.
    LoadAttr = "LOAD_ATTR",
    /// `[value, obj] -> []`: `obj.names[arg] = value` (obj is TOS).
    StoreAttr = "STORE_ATTR",
    /// `[obj] -> []`: `del obj.names[arg]`.
    DeleteAttr = "DELETE_ATTR",
    /// `[obj] -> [x, y]`: two entries consumed by CALL_METHOD (either an unbound method and
    /// `obj`, or the bound attribute and an internal marker). Used only for `obj.name(args)`
    /// calls without keywords or starred arguments.
    LoadMethod = "LOAD_METHOD",
    /// arg = positional count: `[x, y, a1..an] -> [result]`.
    CallMethod = "CALL_METHOD",
    /// arg = positional count: `[func, a1..an] -> [result]`.
    CallFunction = "CALL_FUNCTION",
    /// arg = total argument count: `[func, a1..an, kwnames] -> [result]` where `kwnames` is a
    /// tuple constant naming the last `len(kwnames)` arguments.
    CallFunctionKw = "CALL_FUNCTION_KW",
    /// arg & 1: `[func, args, kwargs] -> [result]`; otherwise `[func, args] -> [result]`.
    /// `args` is a tuple (or list/iterable), `kwargs` a dict.
    CallFunctionEx = "CALL_FUNCTION_EX",
    /// arg flags: 0x01 defaults tuple, 0x02 kw-only defaults dict, 0x04 annotations dict,
    /// 0x08 closure tuple of cells. `[defaults?, kwdefaults?, annotations?, closure?, code, qualname] -> [function]`.
    MakeFunction = "MAKE_FUNCTION",
    /// `-> [__build_class__]`. A class statement compiles to
    /// `LOAD_BUILD_CLASS; <body function>; LOAD_CONST 'Name'; <bases>; CALL_FUNCTION(_KW) n+2`.
    /// The body function runs with a fresh namespace as its locals; it returns the `__class__`
    /// cell when the body has one (after `STORE_NAME __classcell__`), else None.
    LoadBuildClass = "LOAD_BUILD_CLASS",
    /// `[level, fromlist] -> [module]`: import `names[arg]`.
    ImportName = "IMPORT_NAME",
    /// `[module] -> [module, getattr(module, names[arg])]` (missing -> ImportError).
    ImportFrom = "IMPORT_FROM",
    /// `[module] -> []`: copy the module's public names into locals.
    ImportStar = "IMPORT_STAR",
    /// arg is a [`BinaryOpArg`]: `[a, b] -> [a op b]`.
    BinaryOp = "BINARY_OP",
    /// arg is a [`CompareOpArg`]: `[a, b] -> [a op b]`.
    CompareOp = "COMPARE_OP",
    /// `[a, b] -> [a is b]` (arg 1: `is not`).
    IsOp = "IS_OP",
    /// `[item, container] -> [item in container]` (arg 1: `not in`).
    ContainsOp = "CONTAINS_OP",
    /// `[a] -> [-a]`.
    UnaryNegative = "UNARY_NEGATIVE",
    /// `[a] -> [+a]`.
    UnaryPositive = "UNARY_POSITIVE",
    /// `[a] -> [not a]`.
    UnaryNot = "UNARY_NOT",
    /// `[a] -> [~a]`.
    UnaryInvert = "UNARY_INVERT",
    /// `[obj, key] -> [obj[key]]`.
    BinarySubscr = "BINARY_SUBSCR",
    /// `[value, obj, key] -> []`: `obj[key] = value`.
    StoreSubscr = "STORE_SUBSCR",
    /// `[obj, key] -> []`: `del obj[key]`.
    DeleteSubscr = "DELETE_SUBSCR",
    /// arg 2: `[start, stop] -> [slice]`; arg 3: `[start, stop, step] -> [slice]`.
    BuildSlice = "BUILD_SLICE",
    /// `[a1..an] -> [(a1, ..., an)]`.
    BuildTuple = "BUILD_TUPLE",
    /// `[a1..an] -> [[a1, ..., an]]`.
    BuildList = "BUILD_LIST",
    /// `[a1..an] -> [{a1, ..., an}]`.
    BuildSet = "BUILD_SET",
    /// `[k1, v1, ..., kn, vn] -> [{k1: v1, ...}]`.
    BuildMap = "BUILD_MAP",
    /// `[s1..sn] -> [s1 + ... + sn]` (all str).
    BuildString = "BUILD_STRING",
    /// `[..., v] -> [...]`, then `stack[-arg].append(v)` (counted after popping v).
    ListAppend = "LIST_APPEND",
    /// `[..., v] -> [...]`, then `stack[-arg].add(v)`.
    SetAdd = "SET_ADD",
    /// `[..., k, v] -> [...]`, then `stack[-arg][k] = v` (counted after popping both).
    MapAdd = "MAP_ADD",
    /// `[..., it] -> [...]`, then `stack[-arg].extend(it)`.
    ListExtend = "LIST_EXTEND",
    /// `[..., it] -> [...]`, then `stack[-arg].update(it)` (sets).
    SetUpdate = "SET_UPDATE",
    /// `[..., m] -> [...]`, then `stack[-arg].update(m)` (dict display `{**m}`).
    DictUpdate = "DICT_UPDATE",
    /// Like DICT_UPDATE for call-site `**m`; duplicate keys -> TypeError
    /// `f() got multiple values for keyword argument 'k'` (stack[-arg-2] is the function).
    DictMerge = "DICT_MERGE",
    /// `[list] -> [tuple(list)]`.
    ListToTuple = "LIST_TO_TUPLE",
    /// f-string field. arg & 3: conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`); arg & 4: a format
    /// spec is on the stack. `[value, spec?] -> [formatted str]`.
    FormatValue = "FORMAT_VALUE",
    /// `[seq] -> [x_{n-1}, ..., x_1, x_0]` (first item on top); wrong length -> ValueError.
    UnpackSequence = "UNPACK_SEQUENCE",
    /// Starred unpack: arg = before | (after << 8). `[seq] -> [after items reversed..., list, before items reversed...]`
    /// so that the first item is on top, as CPython.
    UnpackEx = "UNPACK_EX",
    /// Jump forward to arg.
    JumpForward = "JUMP_FORWARD",
    /// Jump backward to arg (loops); checks the eval breaker.
    JumpBackward = "JUMP_BACKWARD",
    /// `[v] -> []`; jump to arg if `v` is false.
    PopJumpIfFalse = "POP_JUMP_IF_FALSE",
    /// `[v] -> []`; jump to arg if `v` is true.
    PopJumpIfTrue = "POP_JUMP_IF_TRUE",
    /// If TOS is false jump to arg keeping it, else pop it.
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP",
    /// If TOS is true jump to arg keeping it, else pop it.
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP",
    /// `[obj] -> [iter(obj)]`.
    GetIter = "GET_ITER",
    /// `[it] -> [it, next(it)]`; when exhausted pops `it` and jumps to arg.
    ForIter = "FOR_ITER",
    /// `[v] ->` return v from the frame (also ends a generator with StopIteration(v)).
    ReturnValue = "RETURN_VALUE",
    /// `[v] -> [sent]`: suspend the generator yielding v; resumes with the sent value pushed.
    YieldValue = "YIELD_VALUE",
    /// `[obj] -> [iter(obj)]` (a generator is kept as is).
    GetYieldFromIter = "GET_YIELD_FROM_ITER",
    /// `[it, v] -> [result]`: delegate to `it` (send v); while it yields, the frame yields its
    /// values and re-executes this instruction; when it returns, its value is `result`.
    YieldFrom = "YIELD_FROM",
    /// Push a try block with handler arg (see module doc).
    SetupFinally = "SETUP_FINALLY",
    /// Pop the innermost try block (normal exit from a `try` body).
    PopBlock = "POP_BLOCK",
    /// Pop the innermost except-handler block, restoring the previously handled exception.
    PopExcept = "POP_EXCEPT",
    /// `[exc] -> ` raise exc again, keeping its traceback.
    Reraise = "RERAISE",
    /// `[exc_copy, type] -> []`: jumps to arg when `exc_copy` is not an instance of `type`
    /// (a class or a tuple of classes). Handlers emit `COPY 1; <type>; JUMP_IF_NOT_EXC_MATCH`.
    JumpIfNotExcMatch = "JUMP_IF_NOT_EXC_MATCH",
    /// `[mgr] -> [exit, enter_result]` where `exit` is the bound `mgr.__exit__` and
    /// `enter_result = mgr.__enter__()`; pushes a try block (handler arg) whose depth keeps `exit`.
    SetupWith = "SETUP_WITH",
    /// In a with-handler: `[exit, exc] -> [exit, exc, exit(type(exc), exc, tb)]`.
    WithExceptStart = "WITH_EXCEPT_START",
    /// arg 0: re-raise the handled exception (bare `raise`); 1: `[exc] -> ` raise it;
    /// 2: `[exc, cause] -> ` raise exc from cause. A class is instantiated with no arguments.
    RaiseVarargs = "RAISE_VARARGS",
    /// `-> [AssertionError]`.
    LoadAssertionError = "LOAD_ASSERTION_ERROR",
    /// Ensure `__annotations__` exists in the locals mapping (module and class bodies).
    SetupAnnotations = "SETUP_ANNOTATIONS",
    /// A `LOAD_FAST` whose value the next instruction only reads: `LOAD_ATTR`, `STORE_ATTR`
    /// (the object), or `LOAD_FAST`/`LOAD_CONST` then `BINARY_SUBSCR` (the container). The fast
    /// loop runs the pair or triple on the local in place, without a new reference (CPython
    /// 3.14's `LOAD_FAST_BORROW`). Set by [`mark_borrowed_loads`] once a code object is
    /// assembled; `dis` and `co_code` show it as `LOAD_FAST` ([`Opcode::base`]).
    LoadFastBorrow = "LOAD_FAST",
    /// A `LOAD_FAST` whose value a later [`Opcode::BinarySubscrLocal`] consumes, with only
    /// instructions in between that cannot rebind the local: the fast loop checks the local is
    /// bound and pushes a placeholder (no new reference); the consumer reads the container from
    /// the local itself. The observed loop pushes the value, as `LOAD_FAST` does. Set by
    /// [`mark_borrowed_loads`]; `dis` shows `LOAD_FAST`.
    LoadFastDeferred = "LOAD_FAST",
    /// `BINARY_SUBSCR` whose container was pushed by a [`Opcode::LoadFastDeferred`] of local
    /// `arg`: a placeholder in the container's slot means "the container is local `arg`"; a
    /// real value (the observed loop, or a jump into the middle) is used as it is. `dis` shows
    /// `BINARY_SUBSCR`.
    BinarySubscrLocal = "BINARY_SUBSCR",
    /// `STORE_SUBSCR` of an augmented assignment `local[<index>] op= <value>` whose container
    /// was pushed by a [`Opcode::LoadFastDeferred`] of local `arg` (and copied by `COPY 2` for
    /// the read): a placeholder in the container's slot means "the container is local `arg`",
    /// a real value is used as it is. `dis` shows `STORE_SUBSCR`.
    StoreSubscrLocal = "STORE_SUBSCR",
}

impl Opcode {
    /// The opcode `dis` and `co_code` show: `LOAD_FAST` for [`Opcode::LoadFastBorrow`].
    #[inline]
    pub fn base(self) -> Opcode {
        match self {
            Opcode::LoadFastBorrow | Opcode::LoadFastDeferred => Opcode::LoadFast,
            Opcode::BinarySubscrLocal => Opcode::BinarySubscr,
            Opcode::StoreSubscrLocal => Opcode::StoreSubscr,
            op => op,
        }
    }
}

/// Mark every `LOAD_FAST` whose value the following instruction(s) only read (see
/// [`Opcode::LoadFastBorrow`]). A jump into the middle of a pattern runs the later instructions
/// on their own, as before; only control reaching the `LOAD_FAST` itself takes the fused path.
pub fn mark_borrowed_loads(instrs: &mut [Instruction]) {
    for i in 0..instrs.len() {
        if instrs[i].opcode() != Opcode::LoadFast {
            continue;
        }
        let next = instrs.get(i + 1).map(|n| n.opcode());
        let after = instrs.get(i + 2).map(|n| n.opcode());
        let borrowed = match next {
            Some(Opcode::LoadAttr | Opcode::StoreAttr) => true,
            Some(Opcode::LoadFast | Opcode::LoadConst) => after == Some(Opcode::BinarySubscr),
            _ => false,
        };
        if borrowed {
            instrs[i] = Instruction::new(Opcode::LoadFastBorrow, instrs[i].arg());
        } else if let Some(j) = deferred_subscript(instrs, i) {
            let local = instrs[i].arg();
            instrs[i] = Instruction::new(Opcode::LoadFastDeferred, local);
            instrs[j] = Instruction::new(Opcode::BinarySubscrLocal, local);
        } else if let Some((j, k)) = deferred_augmented_subscript(instrs, i) {
            let local = instrs[i].arg();
            instrs[i] = Instruction::new(Opcode::LoadFastDeferred, local);
            instrs[j] = Instruction::new(Opcode::BinarySubscrLocal, local);
            instrs[k] = Instruction::new(Opcode::StoreSubscrLocal, local);
        }
    }
}

/// Longest run of instructions [`deferred_subscript`] looks through for the consumer.
const DEFERRED_WINDOW: usize = 24;

/// For the `LOAD_FAST` at `i`: the position of the `BINARY_SUBSCR` that consumes its value
/// (`local[<index expression>]`), when every instruction in between runs straight on (no jump,
/// no block, no yield), leaves the loaded value where it is, and cannot rebind the local (no
/// `STORE_FAST`/`DELETE_FAST`; calls cannot rebind another frame's fast locals).
fn deferred_subscript(instrs: &[Instruction], i: usize) -> Option<usize> {
    // The subscript that finds the loaded value right under its index consumes it.
    straight_run(instrs, i + 1, 0, |op, above| op == Opcode::BinarySubscr && above == 1)
        .map(|(j, _)| j)
}

/// Run a straight-line stretch from `from` (values already above the start: `above`) until
/// `stop(opcode, above)` holds before an instruction: its position and `above` there. None
/// when the window ends first, or at an instruction that does not run straight on (a jump, a
/// block, a yield, a store or delete) or would touch the values below the stretch.
fn straight_run(
    instrs: &[Instruction],
    from: usize,
    mut above: u32,
    stop: impl Fn(Opcode, u32) -> bool,
) -> Option<(usize, u32)> {
    use Opcode::*;
    for (j, ins) in instrs.iter().enumerate().skip(from).take(DEFERRED_WINDOW) {
        if stop(ins.opcode(), above) {
            return Some((j, above));
        }
        let arg = ins.arg();
        let (pops, pushes) = match ins.opcode() {
            LoadFast | LoadFastBorrow | LoadConst | LoadGlobal | LoadDeref => (0, 1),
            LoadAttr | UnaryNegative | UnaryPositive | UnaryNot | UnaryInvert => (1, 1),
            BinaryOp | CompareOp | IsOp | ContainsOp | BinarySubscr => (2, 1),
            BuildTuple => (arg, 1),
            LoadMethod => (1, 2),
            CallMethod => (arg + 2, 1),
            _ => return None,
        };
        if pops > above {
            return None;
        }
        above = above - pops + pushes;
    }
    None
}

/// For the `LOAD_FAST` at `i`: an augmented subscript assignment on that local,
/// `local[<index>] op= <value>`, as the compiler emits it: the index, `COPY 2`, `COPY 2`,
/// `BINARY_SUBSCR` (the read), the value, the in-place `BINARY_OP`, `SWAP 3`, `SWAP 2`,
/// `STORE_SUBSCR` (the write), every instruction straight-line and unable to rebind the local
/// (as in [`deferred_subscript`]). Answers the positions of the read and the write; both read
/// the container from the local (CPython 3.14 borrows the load for the whole statement).
fn deferred_augmented_subscript(instrs: &[Instruction], i: usize) -> Option<(usize, usize)> {
    use Opcode::*;
    let is = |j: usize, op: Opcode, arg: Option<u32>| {
        instrs.get(j).is_some_and(|x| x.opcode() == op && arg.is_none_or(|a| x.arg() == a))
    };
    // The index: one value above the container, then the two copies and the read.
    let (c, above) = straight_run(instrs, i + 1, 0, |op, _| op == Copy)?;
    if above != 1 || !is(c, Copy, Some(2)) || !is(c + 1, Copy, Some(2)) {
        return None;
    }
    let read = c + 2;
    if !is(read, BinarySubscr, None) {
        return None;
    }
    // The value, over the item read; then the in-place operation on both.
    let (op, above) = straight_run(instrs, read + 1, 1, |op, above| op == BinaryOp && above == 2)?;
    if instrs[op].arg() < BINARY_OP_INPLACE {
        return None;
    }
    let write = op + 3;
    debug_assert_eq!(above, 2);
    (is(op + 1, Swap, Some(3)) && is(op + 2, Swap, Some(2)) && is(write, StoreSubscr, None))
        .then_some((read, write))
}

/// Argument of `BINARY_OP`, numbered as CPython 3.11's `NB_*` constants.
#[repr(u8)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOpArg {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
}

/// `BINARY_OP` arguments 13..=25 are the in-place forms (`+=` is 13 = 13 + Add).
pub const BINARY_OP_INPLACE: u32 = 13;

/// `BINARY_OP` arguments as named constants, each operator plain and in place, for the match
/// patterns of the eval loop's inline fast paths (`ADD | INPLACE_ADD => ...`).
pub mod binary_op_arg {
    use super::{BinaryOpArg as B, BINARY_OP_INPLACE};

    const fn inplace(op: B) -> usize {
        op as usize + BINARY_OP_INPLACE as usize
    }

    pub const ADD: usize = B::Add as usize;
    pub const INPLACE_ADD: usize = inplace(B::Add);
    pub const SUBTRACT: usize = B::Subtract as usize;
    pub const INPLACE_SUBTRACT: usize = inplace(B::Subtract);
    pub const MULTIPLY: usize = B::Multiply as usize;
    pub const INPLACE_MULTIPLY: usize = inplace(B::Multiply);
    pub const AND: usize = B::And as usize;
    pub const INPLACE_AND: usize = inplace(B::And);
    pub const OR: usize = B::Or as usize;
    pub const INPLACE_OR: usize = inplace(B::Or);
    pub const XOR: usize = B::Xor as usize;
    pub const INPLACE_XOR: usize = inplace(B::Xor);
    pub const REMAINDER: usize = B::Remainder as usize;
    pub const INPLACE_REMAINDER: usize = inplace(B::Remainder);
    pub const FLOOR_DIVIDE: usize = B::FloorDivide as usize;
    pub const INPLACE_FLOOR_DIVIDE: usize = inplace(B::FloorDivide);
    pub const TRUE_DIVIDE: usize = B::TrueDivide as usize;
    pub const INPLACE_TRUE_DIVIDE: usize = inplace(B::TrueDivide);
}

impl BinaryOpArg {
    pub const ALL: [BinaryOpArg; 13] = [
        BinaryOpArg::Add,
        BinaryOpArg::And,
        BinaryOpArg::FloorDivide,
        BinaryOpArg::Lshift,
        BinaryOpArg::MatrixMultiply,
        BinaryOpArg::Multiply,
        BinaryOpArg::Remainder,
        BinaryOpArg::Or,
        BinaryOpArg::Power,
        BinaryOpArg::Rshift,
        BinaryOpArg::Subtract,
        BinaryOpArg::TrueDivide,
        BinaryOpArg::Xor,
    ];

    /// Decode a `BINARY_OP` argument into the operator and whether it is in-place.
    pub fn decode(arg: u32) -> Option<(BinaryOpArg, bool)> {
        let inplace = arg >= BINARY_OP_INPLACE;
        let base = if inplace { arg - BINARY_OP_INPLACE } else { arg };
        Self::ALL.get(base as usize).map(|&op| (op, inplace))
    }

    /// The operator's symbol, e.g. `+` (`dis` shows `+=` for in-place forms).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOpArg::Add => "+",
            BinaryOpArg::And => "&",
            BinaryOpArg::FloorDivide => "//",
            BinaryOpArg::Lshift => "<<",
            BinaryOpArg::MatrixMultiply => "@",
            BinaryOpArg::Multiply => "*",
            BinaryOpArg::Remainder => "%",
            BinaryOpArg::Or => "|",
            BinaryOpArg::Power => "**",
            BinaryOpArg::Rshift => ">>",
            BinaryOpArg::Subtract => "-",
            BinaryOpArg::TrueDivide => "/",
            BinaryOpArg::Xor => "^",
        }
    }

    /// The special method names: (normal, reflected, in-place).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinaryOpArg::Add => ("__add__", "__radd__", "__iadd__"),
            BinaryOpArg::And => ("__and__", "__rand__", "__iand__"),
            BinaryOpArg::FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinaryOpArg::Lshift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinaryOpArg::MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinaryOpArg::Multiply => ("__mul__", "__rmul__", "__imul__"),
            BinaryOpArg::Remainder => ("__mod__", "__rmod__", "__imod__"),
            BinaryOpArg::Or => ("__or__", "__ror__", "__ior__"),
            BinaryOpArg::Power => ("__pow__", "__rpow__", "__ipow__"),
            BinaryOpArg::Rshift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinaryOpArg::Subtract => ("__sub__", "__rsub__", "__isub__"),
            BinaryOpArg::TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinaryOpArg::Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// Argument of `COMPARE_OP` (CPython's `Py_LT`..`Py_GE` order).
#[repr(u8)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOpArg {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOpArg {
    pub fn decode(arg: u32) -> Option<CompareOpArg> {
        Some(match arg {
            0 => CompareOpArg::Lt,
            1 => CompareOpArg::Le,
            2 => CompareOpArg::Eq,
            3 => CompareOpArg::Ne,
            4 => CompareOpArg::Gt,
            5 => CompareOpArg::Ge,
            _ => return None,
        })
    }

    /// Whether two operands ordered `o` satisfy this comparison.
    pub fn holds(self, o: std::cmp::Ordering) -> bool {
        match self {
            CompareOpArg::Lt => o.is_lt(),
            CompareOpArg::Le => o.is_le(),
            CompareOpArg::Eq => o.is_eq(),
            CompareOpArg::Ne => o.is_ne(),
            CompareOpArg::Gt => o.is_gt(),
            CompareOpArg::Ge => o.is_ge(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOpArg::Lt => "<",
            CompareOpArg::Le => "<=",
            CompareOpArg::Eq => "==",
            CompareOpArg::Ne => "!=",
            CompareOpArg::Gt => ">",
            CompareOpArg::Ge => ">=",
        }
    }

    /// (method, reflected method) as CPython's rich comparison tries them.
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            CompareOpArg::Lt => ("__lt__", "__gt__"),
            CompareOpArg::Le => ("__le__", "__ge__"),
            CompareOpArg::Eq => ("__eq__", "__eq__"),
            CompareOpArg::Ne => ("__ne__", "__ne__"),
            CompareOpArg::Gt => ("__gt__", "__lt__"),
            CompareOpArg::Ge => ("__ge__", "__le__"),
        }
    }
}

/// One instruction: opcode in the low byte, argument in the upper 24 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Instruction(u32);

/// The largest argument an instruction can carry.
pub const MAX_ARG: u32 = (1 << 24) - 1;

impl Instruction {
    #[inline(always)]
    pub fn new(op: Opcode, arg: u32) -> Self {
        debug_assert!(arg <= MAX_ARG);
        Instruction((op as u32) | (arg << 8))
    }

    #[inline(always)]
    pub fn opcode(self) -> Opcode {
        // SAFETY: the field is private, and instructions are only built by `Instruction::new` from a valid `Opcode`
        // (or by `with_arg`, which keeps the opcode byte), so the low byte is a valid discriminant.
        unsafe { std::mem::transmute::<u8, Opcode>(self.0 as u8) }
    }

    #[inline(always)]
    pub fn arg(self) -> u32 {
        self.0 >> 8
    }

    /// The same opcode with another argument (used to patch jump targets).
    pub fn with_arg(self, arg: u32) -> Self {
        debug_assert!(arg <= MAX_ARG);
        Instruction((self.0 & 0xff) | (arg << 8))
    }

    /// True for instructions whose argument is a jump target.
    pub fn is_jump(self) -> bool {
        matches!(
            self.opcode(),
            Opcode::JumpForward
                | Opcode::JumpBackward
                | Opcode::PopJumpIfFalse
                | Opcode::PopJumpIfTrue
                | Opcode::JumpIfFalseOrPop
                | Opcode::JumpIfTrueOrPop
                | Opcode::ForIter
                | Opcode::SetupFinally
                | Opcode::SetupWith
                | Opcode::JumpIfNotExcMatch
        )
    }
}

impl fmt::Debug for Instruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.opcode().name(), self.arg())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcode_bytes_round_trip() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_byte(i as u8), Some(*op));
            let ins = Instruction::new(*op, 12345);
            assert_eq!(ins.opcode(), *op);
            assert_eq!(ins.arg(), 12345);
        }
        assert!(Opcode::from_byte(Opcode::ALL.len() as u8).is_none());
    }

    #[test]
    fn binary_op_args_decode() {
        assert_eq!(BinaryOpArg::decode(0), Some((BinaryOpArg::Add, false)));
        assert_eq!(BinaryOpArg::decode(13), Some((BinaryOpArg::Add, true)));
        assert_eq!(BinaryOpArg::decode(25), Some((BinaryOpArg::Xor, true)));
        assert_eq!(BinaryOpArg::decode(26), None);
    }
}
