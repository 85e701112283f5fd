//! Tokens produced by the lexer (stub: replaced by the frontend work).
