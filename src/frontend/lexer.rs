//! The lexer: Python 3.11 source text -> tokens (NEWLINE/INDENT/DEDENT, names, numbers, strings, operators).

use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Pos, Token, TokenKind};

/// CPython's limit on nested brackets.
pub const MAX_PAREN_DEPTH: usize = 200;
/// CPython's limit on indentation levels.
pub const MAX_INDENT_LEVELS: usize = 100;

/// Split `source` into tokens. The result always ends with NEWLINE (if the last line had
/// tokens), the pending DEDENTs, and ENDMARKER.
pub fn tokenize(source: &str, filename: &str) -> Result<Vec<Token>, SyntaxError> {
    let normalized = normalize_newlines(source);
    Lexer::new(&normalized, filename, false).run()
}

/// Like [`tokenize`], but on error also returns the tokens before the error (closed by an
/// ENDMARKER), so the parser can report an earlier syntax error first, as CPython's streaming
/// tokenizer does.
pub fn tokenize_partial(source: &str, filename: &str) -> (Vec<Token>, Option<SyntaxError>) {
    let normalized = normalize_newlines(source);
    Lexer::new(&normalized, filename, false).run_partial()
}

/// Tokenize the text of an expression embedded in an f-string: it behaves as if it were
/// wrapped in parentheses (newlines are ignored, no indentation).
pub fn tokenize_fragment(source: &str, filename: &str) -> Result<Vec<Token>, SyntaxError> {
    let normalized = normalize_newlines(source);
    Lexer::new(&normalized, filename, true).run()
}

/// Turn `\r\n` and lone `\r` into `\n`, as CPython's universal-newline reading does.
pub fn normalize_newlines(source: &str) -> std::borrow::Cow<'_, str> {
    if source.contains('\r') {
        std::borrow::Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(source)
    }
}

/// Python's string prefixes (lower-cased), any of which may precede a quote.
fn is_string_prefix(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf")
}

/// Whether `c` may start an identifier (approximating Unicode XID_Start).
pub fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// Whether `c` may continue an identifier (approximating Unicode XID_Continue).
pub fn is_ident_continue(c: char) -> bool {
    c == '_'
        || c.is_ascii_alphanumeric()
        || (!c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)))
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
        || matches!(c as u32, 0x0900..=0x0DFF if !c.is_alphabetic())
}

/// Characters Python's `str.isprintable()` rejects (approximation without Unicode tables).
pub fn is_nonprintable(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(u, 0xA0 | 0xAD | 0x1680 | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x206F | 0x3000 | 0xFEFF)
        || matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFF9..=0xFFFB)
        || matches!(u, 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0xFFFE | 0xFFFF)
}

const THREE_CHAR_OPS: &[&str] = &["**=", "//=", ">>=", "<<=", "..."];
const TWO_CHAR_OPS: &[&str] = &[
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "@=", ":=", "->",
];
const ONE_CHAR_OPS: &[u8] = b"+-*/%@&|^~<>()[]{},:;.=";

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    filename: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    /// (column with tabs to multiples of 8, column with tabs as 1) for each indentation level.
    indents: Vec<(u32, u32)>,
    /// Open brackets: (char, line, byte column).
    brackets: Vec<(u8, u32, u32)>,
    at_line_start: bool,
    line_has_tokens: bool,
    fragment: bool,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, filename: &'a str, fragment: bool) -> Self {
        Lexer {
            src,
            bytes: src.as_bytes(),
            filename,
            pos: 0,
            line: 1,
            line_start: 0,
            tokens: Vec::new(),
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            at_line_start: !fragment,
            line_has_tokens: false,
            fragment,
        }
    }

    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32
    }

    fn here(&self) -> Pos {
        Pos { line: self.line, col: self.col() }
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    /// 1-based character offset of byte `byte_pos` on the line starting at `line_start`.
    fn char_offset(&self, line_start: usize, byte_pos: usize) -> u32 {
        match self.src.get(line_start..byte_pos) {
            Some(s) => s.chars().count() as u32 + 1,
            None => (byte_pos.saturating_sub(line_start)) as u32 + 1,
        }
    }

    fn error_at(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        line: u32,
        line_start: usize,
        byte_pos: usize,
    ) -> SyntaxError {
        let offset = self.char_offset(line_start, byte_pos);
        SyntaxError::new(kind, msg, self.filename, self.src, line.max(1), offset.max(1))
    }

    fn error_here(&self, msg: impl Into<String>) -> SyntaxError {
        self.error_at(SyntaxErrorKind::SyntaxError, msg, self.line, self.line_start, self.pos)
    }

    fn push(&mut self, kind: TokenKind, start_pos: usize, start: Pos) {
        let text = self.src.get(start_pos..self.pos).unwrap_or("").to_string();
        self.tokens.push(Token { kind, text, start, end: self.here() });
        self.line_has_tokens = true;
    }

    fn newline_consumed(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn run(mut self) -> Result<Vec<Token>, SyntaxError> {
        self.lex_all()?;
        Ok(self.tokens)
    }

    /// Tokens up to the first error, then an ENDMARKER at the error point, plus that error.
    fn run_partial(mut self) -> (Vec<Token>, Option<SyntaxError>) {
        match self.lex_all() {
            Ok(()) => (self.tokens, None),
            Err(e) => {
                let here = self.here();
                self.tokens.push(Token {
                    kind: TokenKind::EndMarker,
                    text: String::new(),
                    start: here,
                    end: here,
                });
                (self.tokens, Some(e))
            }
        }
    }

    fn lex_all(&mut self) -> Result<(), SyntaxError> {
        loop {
            if self.at_line_start && self.brackets.is_empty() {
                self.at_line_start = false;
                self.indentation()?;
            }
            while matches!(self.peek(0), b' ' | b'\t' | b'\x0c') {
                self.pos += 1;
            }
            if self.at_eof() {
                break;
            }
            let c = self.peek(0);
            match c {
                b'#' => {
                    while !self.at_eof() && self.peek(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'\n' => {
                    let in_brackets = !self.brackets.is_empty() || self.fragment;
                    if !in_brackets && self.line_has_tokens {
                        let start = self.here();
                        self.pos += 1;
                        self.tokens.push(Token {
                            kind: TokenKind::Newline,
                            text: "\n".into(),
                            start,
                            end: Pos { line: start.line, col: start.col + 1 },
                        });
                        self.line_has_tokens = false;
                    } else {
                        self.pos += 1;
                    }
                    self.newline_consumed();
                    if !in_brackets {
                        self.at_line_start = true;
                    }
                }
                b'\\' => {
                    if self.peek(1) == b'\n' {
                        let (line, line_start, after) = (self.line, self.line_start, self.pos + 1);
                        self.pos += 2;
                        self.newline_consumed();
                        if self.at_eof() {
                            return Err(self.error_at(
                                SyntaxErrorKind::SyntaxError,
                                "unexpected EOF while parsing",
                                line,
                                line_start,
                                after,
                            ));
                        }
                    } else if self.pos + 1 >= self.bytes.len() {
                        self.pos += 1;
                        return Err(self.error_here("unexpected EOF while parsing"));
                    } else {
                        self.pos += 1;
                        return Err(self
                            .error_here("unexpected character after line continuation character"));
                    }
                }
                b'0'..=b'9' => self.number()?,
                b'.' if self.peek(1).is_ascii_digit() => self.number()?,
                b'\'' | b'"' => self.string(self.pos)?,
                _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => self.name_or_string()?,
                _ => self.operator()?,
            }
        }
        if let Some(&(ch, line, col)) = self.brackets.last() {
            let line_start = self.line_start_of(line);
            let mut e = self.error_at(
                SyntaxErrorKind::SyntaxError,
                format!("'{}' was never closed", ch as char),
                line,
                line_start,
                line_start + col as usize,
            );
            e.end_offset = 0;
            return Err(e);
        }
        if self.line_has_tokens {
            let start = self.here();
            self.tokens.push(Token {
                kind: TokenKind::Newline,
                text: String::new(),
                start,
                end: Pos { line: start.line, col: start.col + 1 },
            });
        }
        let end_pos =
            if self.col() == 0 { self.here() } else { Pos { line: self.line + 1, col: 0 } };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.tokens.push(Token {
                kind: TokenKind::Dedent,
                text: String::new(),
                start: end_pos,
                end: end_pos,
            });
        }
        self.tokens.push(Token {
            kind: TokenKind::EndMarker,
            text: String::new(),
            start: end_pos,
            end: end_pos,
        });
        Ok(())
    }

    /// Byte index where 1-based `line` starts (only used for error reporting).
    fn line_start_of(&self, line: u32) -> usize {
        let mut current = 1;
        if line <= 1 {
            return 0;
        }
        for (i, b) in self.bytes.iter().enumerate() {
            if *b == b'\n' {
                current += 1;
                if current == line {
                    return i + 1;
                }
            }
        }
        self.line_start
    }

    /// Measure the indentation of a new logical line and emit INDENT/DEDENT tokens.
    fn indentation(&mut self) -> Result<(), SyntaxError> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        loop {
            match self.peek(0) {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if self.at_eof()
            || matches!(self.peek(0), b'#' | b'\n')
            || (self.peek(0) == b'\\' && self.peek(1) == b'\n')
        {
            return Ok(()); // blank line: indentation is meaningless
        }
        let here = self.here();
        let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
        let tab_error = |lx: &Self| {
            lx.error_at(
                SyntaxErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                lx.line,
                lx.line_start,
                lx.line_start,
            )
        };
        if col == top {
            if altcol != alttop {
                return Err(tab_error(self));
            }
        } else if col > top {
            if altcol <= alttop {
                return Err(tab_error(self));
            }
            if self.indents.len() > MAX_INDENT_LEVELS {
                return Err(self.error_at(
                    SyntaxErrorKind::IndentationError,
                    "too many levels of indentation",
                    self.line,
                    self.line_start,
                    self.line_start,
                ));
            }
            self.indents.push((col, altcol));
            self.tokens.push(Token {
                kind: TokenKind::Indent,
                text: self.src.get(self.line_start..self.pos).unwrap_or("").to_string(),
                start: Pos { line: here.line, col: 0 },
                end: here,
            });
        } else {
            // Check the target level first: CPython emits no DEDENT before this error.
            if !self.indents.iter().any(|&(c, _)| c == col) {
                let line_end = self
                    .src
                    .get(self.line_start..)
                    .and_then(|s| s.find('\n'))
                    .map(|n| self.line_start + n)
                    .unwrap_or(self.bytes.len());
                return Err(self.error_at(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    self.line,
                    self.line_start,
                    line_end,
                ));
            }
            while self.indents.len() > 1 && col < self.indents.last().map(|t| t.0).unwrap_or(0) {
                self.indents.pop();
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    text: String::new(),
                    start: here,
                    end: here,
                });
            }
            let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                let line_end = self
                    .src
                    .get(self.line_start..)
                    .and_then(|s| s.find('\n'))
                    .map(|n| self.line_start + n)
                    .unwrap_or(self.bytes.len());
                return Err(self.error_at(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    self.line,
                    self.line_start,
                    line_end,
                ));
            }
            if altcol != alttop {
                return Err(tab_error(self));
            }
        }
        Ok(())
    }

    fn name_or_string(&mut self) -> Result<(), SyntaxError> {
        let start_pos = self.pos;
        let start = self.here();
        let first = match self.char_at(self.pos) {
            Some(c) => c,
            None => return Err(self.error_here("invalid character")),
        };
        if !is_ident_start(first) {
            let msg = if is_nonprintable(first) {
                format!("invalid non-printable character U+{:04X}", first as u32)
            } else {
                format!("invalid character '{}' (U+{:04X})", first, first as u32)
            };
            return Err(self.error_here(msg));
        }
        self.pos += first.len_utf8();
        while let Some(c) = self.char_at(self.pos) {
            if is_ident_continue(c) {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let word = self.src.get(start_pos..self.pos).unwrap_or("");
        if matches!(self.peek(0), b'\'' | b'"') && is_string_prefix(word) {
            return self.string(start_pos);
        }
        if let Some(c) = self.char_at(self.pos) {
            if !c.is_ascii() && !is_ident_continue(c) {
                let msg = if is_nonprintable(c) {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                } else {
                    format!("invalid character '{}' (U+{:04X})", c, c as u32)
                };
                return Err(self.error_here(msg));
            }
        }
        self.push(TokenKind::Name, start_pos, start);
        Ok(())
    }

    /// Scan a string literal whose prefix starts at `start_pos`; `self.pos` is at the opening quote.
    fn string(&mut self, start_pos: usize) -> Result<(), SyntaxError> {
        let start = Pos { line: self.line, col: (start_pos - self.line_start) as u32 };
        let start_line_start = self.line_start;
        let quote = self.peek(0);
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        self.pos += if triple { 3 } else { 1 };
        loop {
            if self.at_eof() {
                let detected = if self.bytes.last() == Some(&b'\n') && self.line > 1 {
                    self.line - 1
                } else {
                    self.line
                };
                let msg = if triple {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {detected})"
                    )
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err(self.error_at(
                    SyntaxErrorKind::SyntaxError,
                    msg,
                    start.line,
                    start_line_start,
                    start_pos,
                ));
            }
            let c = self.peek(0);
            if c == b'\\' {
                self.pos += 1;
                if self.peek(0) == b'\n' {
                    self.pos += 1;
                    self.newline_consumed();
                } else if !self.at_eof() {
                    let len = self.char_at(self.pos).map(|c| c.len_utf8()).unwrap_or(1);
                    self.pos += len;
                }
            } else if c == b'\n' {
                if !triple {
                    let msg =
                        format!("unterminated string literal (detected at line {})", self.line);
                    return Err(self.error_at(
                        SyntaxErrorKind::SyntaxError,
                        msg,
                        start.line,
                        start_line_start,
                        start_pos,
                    ));
                }
                self.pos += 1;
                self.newline_consumed();
            } else if c == quote {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek(1) == quote && self.peek(2) == quote {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
            } else if c == 0 {
                return Err(self.error_here("source code cannot contain null bytes"));
            } else {
                self.pos += 1;
            }
        }
        let text = self.src.get(start_pos..self.pos).unwrap_or("").to_string();
        self.tokens.push(Token { kind: TokenKind::String, text, start, end: self.here() });
        self.line_has_tokens = true;
        Ok(())
    }

    /// Consume `digit (_? digit)*` for a digit class; errors on a `_` not followed by a digit.
    fn digits(&mut self, is_digit: fn(u8) -> bool) -> Result<usize, SyntaxError> {
        let mut count = 0;
        loop {
            let c = self.peek(0);
            if is_digit(c) {
                self.pos += 1;
                count += 1;
            } else if c == b'_' && count > 0 {
                if is_digit(self.peek(1)) {
                    self.pos += 1;
                } else {
                    return Err(self.error_here("invalid decimal literal"));
                }
            } else {
                return Ok(count);
            }
        }
    }

    /// After a number: an identifier character directly following it is an error (except the
    /// keywords CPython 3.11 still tolerates, like `1if x else y`).
    fn check_number_end(&self, start_pos: usize, what: &str) -> Result<(), SyntaxError> {
        let Some(c) = self.char_at(self.pos) else { return Ok(()) };
        if !is_ident_continue(c) {
            return Ok(());
        }
        let rest = self.src.get(self.pos..).unwrap_or("");
        for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            if rest.starts_with(kw) {
                return Ok(());
            }
        }
        // CPython points at the last character of the number.
        let at = self.pos.saturating_sub(1).max(start_pos);
        Err(self.error_at(
            SyntaxErrorKind::SyntaxError,
            format!("invalid {what} literal"),
            self.line,
            self.line_start,
            at,
        ))
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let start_pos = self.pos;
        let start = self.here();
        if self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let (what, is_digit): (&str, fn(u8) -> bool) = match self.peek(1) {
                b'x' | b'X' => ("hexadecimal", |c: u8| c.is_ascii_hexdigit()),
                b'o' | b'O' => ("octal", |c: u8| (b'0'..=b'7').contains(&c)),
                _ => ("binary", |c: u8| c == b'0' || c == b'1'),
            };
            self.pos += 2;
            let mut count = 0;
            loop {
                let c = self.peek(0);
                if is_digit(c) {
                    count += 1;
                    self.pos += 1;
                } else if c == b'_' && is_digit(self.peek(1)) {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let c = self.peek(0);
            if c.is_ascii_digit() && what != "hexadecimal" {
                let msg = format!("invalid digit '{}' in {what} literal", c as char);
                return Err(self.error_here(msg));
            }
            if count == 0 {
                let at = self.pos.saturating_sub(1).max(start_pos);
                return Err(self.error_at(
                    SyntaxErrorKind::SyntaxError,
                    format!("invalid {what} literal"),
                    self.line,
                    self.line_start,
                    at,
                ));
            }
            if self.char_at(self.pos).map(is_ident_continue).unwrap_or(false) {
                self.check_number_end(start_pos, what)?;
            }
            self.push(TokenKind::Number, start_pos, start);
            return Ok(());
        }
        let mut is_float = false;
        let int_digits = self.digits(|c| c.is_ascii_digit())?;
        if self.peek(0) == b'.' {
            is_float = true;
            self.pos += 1;
            if self.peek(0) == b'_' {
                return Err(self.error_at(
                    SyntaxErrorKind::SyntaxError,
                    "invalid decimal literal",
                    self.line,
                    self.line_start,
                    self.pos - 1,
                ));
            }
            self.digits(|c| c.is_ascii_digit())?;
        }
        let _ = int_digits;
        if matches!(self.peek(0), b'e' | b'E') {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), b'+' | b'-') {
                self.pos += 1;
                if !self.peek(0).is_ascii_digit() {
                    return Err(self.error_at(
                        SyntaxErrorKind::SyntaxError,
                        "invalid decimal literal",
                        self.line,
                        self.line_start,
                        self.pos - 1,
                    ));
                }
            }
            if self.peek(0).is_ascii_digit() {
                is_float = true;
                self.digits(|c| c.is_ascii_digit())?;
            } else {
                self.pos = save;
                return Err(self.error_at(
                    SyntaxErrorKind::SyntaxError,
                    "invalid decimal literal",
                    self.line,
                    self.line_start,
                    save.saturating_sub(1).max(start_pos),
                ));
            }
        }
        let mut is_imag = false;
        if matches!(self.peek(0), b'j' | b'J') {
            self.pos += 1;
            is_imag = true;
        }
        if !is_float && !is_imag {
            let text = self.src.get(start_pos..self.pos).unwrap_or("");
            if text.len() > 1
                && text.starts_with('0')
                && text.bytes().any(|b| b != b'0' && b != b'_')
            {
                let mut e = self.error_at(
                    SyntaxErrorKind::SyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    self.line,
                    self.line_start,
                    start_pos,
                );
                e.end_offset = self.char_offset(self.line_start, self.pos);
                return Err(e);
            }
        }
        self.check_number_end(start_pos, "decimal")?;
        self.push(TokenKind::Number, start_pos, start);
        Ok(())
    }

    fn operator(&mut self) -> Result<(), SyntaxError> {
        let start_pos = self.pos;
        let start = self.here();
        let rest = self.src.get(self.pos..).unwrap_or("");
        let len = if THREE_CHAR_OPS.iter().any(|op| rest.starts_with(op)) {
            3
        } else if TWO_CHAR_OPS.iter().any(|op| rest.starts_with(op)) {
            2
        } else if ONE_CHAR_OPS.contains(&self.peek(0)) {
            1
        } else {
            let c = self.peek(0);
            if c == 0 {
                return Err(self.error_here("source code cannot contain null bytes"));
            }
            if c < 0x20 || c == 0x7f {
                return Err(self.error_here(format!("invalid non-printable character U+{:04X}", c)));
            }
            // `$`, `?`, `!`, a backquote: CPython's tokenizer hands these to the parser as
            // ERRORTOKEN, which then fails with "invalid syntax" at that token.
            self.pos += 1;
            self.push(TokenKind::ErrorToken, start_pos, start);
            return Ok(());
        };
        let c = self.peek(0);
        match c {
            b'(' | b'[' | b'{' => {
                if self.brackets.len() >= MAX_PAREN_DEPTH {
                    return Err(self.error_here("too many nested parentheses"));
                }
                self.brackets.push((c, self.line, self.col()));
            }
            b')' | b']' | b'}' => {
                let Some((open, open_line, _)) = self.brackets.pop() else {
                    return Err(self.error_here(format!("unmatched '{}'", c as char)));
                };
                let expected = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if c != expected {
                    let msg = if open_line != self.line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            c as char, open as char, open_line
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )
                    };
                    return Err(self.error_here(msg));
                }
            }
            _ => {}
        }
        self.pos += len;
        self.push(TokenKind::Op, start_pos, start);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        tokenize(src, "t.py")
            .unwrap()
            .iter()
            .map(|t| format!("{}:{}", t.kind.name(), t.text))
            .collect()
    }

    fn err(src: &str) -> (String, u32, u32) {
        let e = tokenize(src, "t.py").unwrap_err();
        (e.msg, e.lineno, e.offset)
    }

    #[test]
    fn indentation_tokens() {
        let k = kinds("if x:\n    y\n\n  # c\nz\n");
        assert_eq!(
            k,
            [
                "NAME:if",
                "NAME:x",
                "OP::",
                "NEWLINE:\n",
                "INDENT:    ",
                "NAME:y",
                "NEWLINE:\n",
                "DEDENT:",
                "NAME:z",
                "NEWLINE:\n",
                "ENDMARKER:"
            ]
        );
    }

    #[test]
    fn brackets_join_lines() {
        let k = kinds("x = (1,\n  2)\n");
        assert!(!k[..k.len() - 2].contains(&"NEWLINE:\n".to_string()));
    }

    #[test]
    fn numbers() {
        for n in [
            "1_000",
            "0x_ff",
            "0o17",
            "0b1_0",
            "1.",
            ".5",
            "1e10",
            "1_000.5e-3",
            "1j",
            "1.5J",
            "00",
            "0_0",
        ] {
            let k = kinds(n);
            assert_eq!(k[0], format!("NUMBER:{n}"), "{n}");
        }
        assert_eq!(err("x = 1abc").0, "invalid decimal literal");
        assert_eq!(err("x = 0b12"), ("invalid digit '2' in binary literal".into(), 1, 8));
        assert_eq!(err("x = 0x"), ("invalid hexadecimal literal".into(), 1, 6));
        assert!(err("x = 012").0.starts_with("leading zeros"));
    }

    #[test]
    fn strings_and_errors() {
        assert_eq!(kinds("rb'a\\'' f\"{x}\" '''a\nb'''")[0], "STRING:rb'a\\''");
        assert_eq!(
            err("x = 'abc"),
            ("unterminated string literal (detected at line 1)".into(), 1, 5)
        );
        assert_eq!(
            err("x = '''abc\n\n"),
            ("unterminated triple-quoted string literal (detected at line 2)".into(), 1, 5)
        );
        assert_eq!(err("x = (1,"), ("'(' was never closed".into(), 1, 5));
        assert_eq!(err("x = 1)"), ("unmatched ')'".into(), 1, 6));
        assert_eq!(
            err("x = (1,\n2]").0,
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1"
        );
        assert_eq!(err("x = €"), ("invalid character '€' (U+20AC)".into(), 1, 5));
        assert_eq!(
            err("x = 1 \\ 2"),
            ("unexpected character after line continuation character".into(), 1, 8)
        );
    }

    #[test]
    fn indentation_errors() {
        let e = tokenize("if x:\n  a\n b\n", "t.py").unwrap_err();
        assert_eq!(
            (e.kind, e.msg.as_str(), e.lineno),
            (
                SyntaxErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
                3
            )
        );
        let e = tokenize("if x:\n\tif y:\n        a\n", "t.py").unwrap_err();
        assert_eq!(e.kind, SyntaxErrorKind::TabError);
    }
}
