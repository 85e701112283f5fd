//! Front end: source text -> tokens -> AST. Parsing never panics: bad input is a `SyntaxError`.
//!
//! Public API: [`parse_module`], [`tokenize`], [`ast_dump::dump_module`], [`SyntaxError`].
//! Invariant: `frontend` never imports `compiler`, `vm`, `object` or `runtime`.

pub mod ast;
pub mod ast_dump;
pub mod error;
pub mod lexer;
pub mod parser;
mod parser_args;
mod parser_check;
mod parser_expr;
mod parser_stmt;
mod parser_string;
pub mod token;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use lexer::tokenize;
pub use token::{Token, TokenKind};

/// Parse a whole module. `filename` is only used in error messages.
pub fn parse_module(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    parser::parse(source, filename)
}
