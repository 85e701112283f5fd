//! The parser (stub: replaced by the frontend work).
use super::{ast, SyntaxError, SyntaxErrorKind};
pub fn parse(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    Err(SyntaxError::new(SyntaxErrorKind::SyntaxError, "parser not built yet", filename, source, 1, 1))
}
