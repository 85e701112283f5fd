//! Front end: source text -> tokens -> AST. Parsing never panics: bad input is a `SyntaxError`.
//!
//! Public API: [`parse_module`] (CPython 3.11's grammar minus `match`, `async` statements and
//! type parameters; same trees, spans and error messages as `ast.parse`), [`tokenize`] /
//! [`lexer::tokenize_partial`], [`ast_dump::dump_module`] (byte-identical to
//! `ast.dump(tree, indent=N)`), [`ast_dump::dump_module_with_positions`], [`parse_expression`]
//! (`eval` mode), [`ast_unparse::unparse_expr`] (CPython's C unparser, for annotations),
//! [`ast_dump::dump_tokens`], [`Token`], [`SyntaxError`].
//!
//! Layout: `lexer` (tokens, indentation, literals' extent) -> `parser` (cursor, errors, nesting
//! guards) with `parser_stmt`, `parser_expr`, `parser_args`, `parser_string` (literal values,
//! f-strings) and `parser_check` (assignment targets). Nesting is bounded (200 brackets, 100
//! indentation levels, `parser::MAX_RECURSION`, `parser::MAX_TREE_DEPTH`), so deep input is a
//! `SyntaxError`, never a stack overflow, and the AST stays shallow enough for recursive passes.
//! Invariant: `frontend` never imports `compiler`, `vm`, `object` or `runtime`.
#![forbid(unsafe_code)]

pub mod ast;
pub mod ast_dump;
pub mod ast_unparse;
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

/// Parse `source` in `eval` mode: one expression (a tuple when there are commas).
pub fn parse_expression(source: &str, filename: &str) -> Result<ast::Expr, SyntaxError> {
    parser::parse_expression(source, filename)
}
