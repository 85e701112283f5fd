//! Compiler: AST -> symbol table -> `CodeObject` (bytecode, constants, names, line table); `dis` text.
//!
//! Public API: [`compile_module`], [`CodeObject`], [`dis::disassemble`].
//! Invariant: `compiler` depends on `frontend` only; it never imports `vm`, `object` or `runtime`.

pub mod code;
pub mod codegen;
mod codegen_expr;
pub mod codegen_flow;
mod codegen_scope;
mod codegen_stmt;
pub mod dis;
pub mod opcode;
pub mod symtable;

#[cfg(test)]
mod codegen_tests;

use std::sync::Arc;

pub use code::{CodeObject, Constant};
pub use opcode::{Instruction, Opcode};

use crate::frontend::{self, SyntaxError};

/// Parse and compile a module's source into its code object.
pub fn compile_source(source: &str, filename: &str) -> Result<Arc<CodeObject>, SyntaxError> {
    let module = frontend::parse_module(source, filename)?;
    compile_module(&module, source, filename)
}

/// Parse and compile `source` in `eval` mode (one expression; the code returns its value).
pub fn compile_eval_source(source: &str, filename: &str) -> Result<Arc<CodeObject>, SyntaxError> {
    let expr = frontend::parse_expression(source, filename)?;
    codegen::compile_expression(&expr, source, filename)
}

/// Compile a parsed module. `source` is used for error messages (and for annotation text under
/// `from __future__ import annotations`).
pub fn compile_module(
    module: &frontend::ast::Module,
    source: &str,
    filename: &str,
) -> Result<Arc<CodeObject>, SyntaxError> {
    codegen::compile(module, source, filename)
}
