//! The lexer (stub: replaced by the frontend work).
pub fn tokenize() {}
