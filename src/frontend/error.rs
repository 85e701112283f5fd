//! `SyntaxError` / `IndentationError` / `TabError`: what the front end and compiler report for bad source.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The Python exception class name.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error with CPython's fields: `lineno` is 1-based, `offset` is the 1-based column
/// (in characters) the caret points at, `text` the offending source line (without newline).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_offset: u32,
    pub text: Option<String>,
}

impl SyntaxError {
    /// Build an error at 1-based `lineno` and 1-based character column `offset`, taking the
    /// line's text from `source`.
    pub fn new(
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        filename: &str,
        source: &str,
        lineno: u32,
        offset: u32,
    ) -> Self {
        let text = source.lines().nth(lineno.saturating_sub(1) as usize).map(|l| l.to_string());
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            lineno,
            offset,
            end_offset: offset,
            text,
        }
    }

    /// The same error with a different message.
    pub fn with_msg(mut self, msg: impl Into<String>) -> Self {
        self.msg = msg.into();
        self
    }

    /// The text CPython prints for an uncaught syntax error (without the "Traceback" header,
    /// which CPython does not print for errors raised while compiling the main script):
    ///
    /// ```text
    ///   File "x.py", line 1
    ///     print(1 +)
    ///              ^
    /// SyntaxError: invalid syntax
    /// ```
    pub fn render(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.lineno);
        if let Some(text) = &self.text {
            let trimmed = text.trim_start();
            let stripped = text.chars().count() - trimmed.chars().count();
            let trimmed = trimmed.trim_end();
            out.push_str("    ");
            out.push_str(trimmed);
            out.push('\n');
            let col = (self.offset as usize).saturating_sub(1).saturating_sub(stripped);
            let width = (self.end_offset.max(self.offset + 1) - self.offset).max(1) as usize;
            let width = width.min(trimmed.chars().count().saturating_sub(col).max(1));
            out.push_str("    ");
            out.push_str(&" ".repeat(col));
            out.push_str(&"^".repeat(width));
            out.push('\n');
        }
        out.push_str(&format!("{}: {}\n", self.kind.name(), self.msg));
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, line {})", self.msg, self.filename, self.lineno)
    }
}
