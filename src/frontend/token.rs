//! Tokens produced by the lexer: a kind, the exact source text, and a CPython-style span.

use std::fmt;

/// What sort of token this is. Keywords are `Name` tokens; the parser tells them apart by text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Name,
    Number,
    /// A whole string literal including prefix and quotes (f-strings too, as in CPython 3.11).
    String,
    /// An operator or delimiter such as `+=`, `(` or `->`.
    Op,
    /// A character no token can start with (`$`, `?`, `!`, a backquote); the parser rejects it.
    ErrorToken,
    Newline,
    Indent,
    Dedent,
    EndMarker,
}

impl TokenKind {
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Name => "NAME",
            TokenKind::Number => "NUMBER",
            TokenKind::String => "STRING",
            TokenKind::Op => "OP",
            TokenKind::ErrorToken => "ERRORTOKEN",
            TokenKind::Newline => "NEWLINE",
            TokenKind::Indent => "INDENT",
            TokenKind::Dedent => "DEDENT",
            TokenKind::EndMarker => "ENDMARKER",
        }
    }
}

/// A source position: 1-based line, 0-based column in UTF-8 bytes (CPython's `col_offset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// The token's source text (empty for DEDENT/ENDMARKER and the implicit final NEWLINE).
    pub text: String,
    pub start: Pos,
    pub end: Pos,
}

impl Token {
    /// True for an operator/delimiter token spelled `op`.
    pub fn is_op(&self, op: &str) -> bool {
        self.kind == TokenKind::Op && self.text == op
    }

    /// True for a NAME token spelled `kw` (used for keywords).
    pub fn is_name(&self, kw: &str) -> bool {
        self.kind == TokenKind::Name && self.text == kw
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}-{}:{} {} {:?}",
            self.start.line,
            self.start.col,
            self.end.line,
            self.end.col,
            self.kind.name(),
            self.text
        )
    }
}

/// Python's hard keywords (3.11).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// True if `word` is a hard keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}
