//! `Frame`: one activation of a code object: locals, value stack, cells, block stack, position.
#![forbid(unsafe_code)]

use crate::object::{CodeObj, ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

/// A block-stack entry (see `compiler::opcode` for the scheme).
#[derive(Clone, Copy, Debug)]
pub enum Block {
    /// `SETUP_FINALLY`/`SETUP_WITH`: jump to `handler` with the stack cut to `level`.
    Try { handler: u32, level: u32 },
    /// Pushed when a handler starts: popping it restores the previously handled exception.
    ExceptHandler,
}

pub struct Frame<M: ExecutionModel> {
    pub code: ObjRef<M>,
    pub globals: ObjRef<M>,
    /// Module and class bodies: the namespace mapping that `*_NAME` opcodes use.
    pub locals_dict: Option<ObjRef<M>>,
    /// Local slots (`varnames`) followed by the value stack.
    pub slots: Vec<Value<M>>,
    pub nlocals: usize,
    /// Cell objects: cellvars then freevars.
    pub cells: Vec<ObjRef<M>>,
    pub blocks: Vec<Block>,
    /// Index of the next instruction.
    pub pc: usize,
    /// Index of the instruction being executed (for line numbers).
    pub lasti: usize,
}

impl<M: ExecutionModel> Frame<M> {
    pub fn new(code: ObjRef<M>, globals: ObjRef<M>, locals_dict: Option<ObjRef<M>>) -> Self {
        Self::with_slots(code, globals, locals_dict, Vec::new())
    }

    /// A frame reusing `slots` (an empty vector from the VM's pool) for its locals and stack.
    pub fn with_slots(
        code: ObjRef<M>,
        globals: ObjRef<M>,
        locals_dict: Option<ObjRef<M>>,
        mut slots: Vec<Value<M>>,
    ) -> Self {
        let (nlocals, stacksize) = match code.payload() {
            Payload::Code(c) => (c.code.varnames.len(), c.code.stacksize as usize),
            _ => (0, 0),
        };
        debug_assert!(slots.is_empty());
        slots.reserve(nlocals + stacksize + 1);
        slots.resize(nlocals, Value::Null);
        Frame {
            code,
            globals,
            locals_dict,
            slots,
            nlocals,
            cells: Vec::new(),
            blocks: Vec::new(),
            pc: 0,
            lasti: 0,
        }
    }

    #[inline(always)]
    pub fn code_obj(&self) -> &CodeObj<M> {
        match self.code.payload() {
            Payload::Code(c) => c,
            _ => unreachable!("a frame always runs a code object"),
        }
    }

    /// The current source line.
    pub fn lineno(&self) -> u32 {
        self.code_obj().code.line_for(self.lasti)
    }

    #[inline(always)]
    pub fn push(&mut self, v: Value<M>) {
        self.slots.push(v);
    }

    #[inline(always)]
    pub fn pop(&mut self) -> Value<M> {
        debug_assert!(self.slots.len() > self.nlocals);
        self.slots.pop().unwrap_or(Value::Null)
    }

    #[inline(always)]
    pub fn top(&self) -> &Value<M> {
        self.slots.last().unwrap_or(&Value::Null)
    }

    /// The n-th item from the top (1 = TOS).
    #[inline(always)]
    pub fn peek(&self, n: usize) -> &Value<M> {
        &self.slots[self.slots.len() - n]
    }

    pub fn stack_len(&self) -> usize {
        self.slots.len() - self.nlocals
    }

    pub fn truncate_stack(&mut self, level: usize) {
        self.slots.truncate(self.nlocals + level);
    }

    /// Pop `n` items, returning them bottom-to-top.
    pub fn pop_n(&mut self, n: usize) -> Vec<Value<M>> {
        let at = self.slots.len() - n;
        self.slots.split_off(at)
    }
}
