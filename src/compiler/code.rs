//! `CodeObject`: the compiled form of a module, function, class body or comprehension.
//!
//! Code objects are immutable after compilation and model-independent (they hold
//! [`Constant`]s, not runtime values), so one `Arc<CodeObject>` can be shared by every thread.
//! The VM turns constants into runtime values once per code object per interpreter.
#![forbid(unsafe_code)]

use std::sync::Arc;

use num_bigint::BigInt;

use super::opcode::Instruction;

/// `co_flags` bits, CPython's values.
pub mod flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
}

/// A compile-time constant (`co_consts` entry).
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    Tuple(Arc<[Constant]>),
    Code(Arc<CodeObject>),
    Ellipsis,
}

/// One run of the line table: instructions from `start` (inclusive) up to the next entry's
/// start map to source line `line` (0 = no line, e.g. synthetic cleanup code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEntry {
    pub start: u32,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeObject {
    /// `co_name`: function name, `<module>`, `<lambda>`, `<listcomp>`, class name...
    pub name: Arc<str>,
    /// `co_qualname`, e.g. `Outer.method.<locals>.inner`.
    pub qualname: Arc<str>,
    pub filename: Arc<str>,
    pub firstlineno: u32,
    /// Positional parameters including positional-only ones.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub instructions: Vec<Instruction>,
    pub consts: Vec<Constant>,
    /// Global, attribute and imported names (`co_names`).
    pub names: Vec<Arc<str>>,
    /// Locals; parameters first in CPython's order: positional (incl. posonly), keyword-only,
    /// `*args`, `**kwargs`; then other locals. Parameters that are also cell variables are
    /// listed here too (the VM copies them into their cells when the frame starts).
    pub varnames: Vec<Arc<str>>,
    /// Locals captured by inner functions (`co_cellvars`).
    pub cellvars: Vec<Arc<str>>,
    /// Variables captured from enclosing scopes (`co_freevars`).
    pub freevars: Vec<Arc<str>>,
    /// Run-length line table, sorted by `start`.
    pub linetable: Vec<LineEntry>,
    /// Upper bound of the value stack depth.
    pub stacksize: u32,
}

impl CodeObject {
    /// The source line of instruction `index` (0 when unknown).
    pub fn line_for(&self, index: usize) -> u32 {
        let i = self.linetable.partition_point(|e| (e.start as usize) <= index);
        if i == 0 {
            self.firstlineno
        } else {
            self.linetable[i - 1].line
        }
    }

    pub fn is_generator(&self) -> bool {
        self.flags & flags::GENERATOR != 0
    }

    pub fn has_varargs(&self) -> bool {
        self.flags & flags::VARARGS != 0
    }

    pub fn has_varkeywords(&self) -> bool {
        self.flags & flags::VARKEYWORDS != 0
    }

    /// Number of parameter slots at the start of `varnames`.
    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.has_varargs() as usize
            + self.has_varkeywords() as usize
    }

    /// This code object and every code object nested in its constants, depth first.
    pub fn walk(self: &Arc<Self>) -> Vec<Arc<CodeObject>> {
        let mut out = vec![self.clone()];
        for c in &self.consts {
            if let Constant::Code(inner) = c {
                out.extend(inner.walk());
            }
        }
        out
    }
}
