//! Code generation (stub: replaced by the compiler work).
use std::sync::Arc;
use super::CodeObject;
use crate::frontend::{ast, SyntaxError, SyntaxErrorKind};
pub fn compile(_m: &ast::Module, source: &str, filename: &str) -> Result<Arc<CodeObject>, SyntaxError> {
    Err(SyntaxError::new(SyntaxErrorKind::SyntaxError, "compiler not built yet", filename, source, 1, 1))
}
