//! The parser core: token cursor, error construction and nesting guards shared by the statement and expression parsers.

use super::ast::{self, Span};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::lexer;
use super::token::{is_keyword, Pos, Token, TokenKind};

/// Result type of every parsing routine.
pub(crate) type PResult<T> = Result<T, SyntaxError>;

/// How deeply recursive constructs (brackets, unary operators, lambdas, conditional
/// expressions, nested blocks...) may nest before the parser gives up with "too complex".
pub const MAX_RECURSION: u32 = 250;
/// Bound on the depth of the AST built for one element of a statement.
pub const MAX_TREE_DEPTH: u32 = 1000;

/// Parse a whole module.
pub fn parse(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    parse_with(source, filename, |p| p.parse_file()).map(|body| ast::Module { body })
}

/// Parse one expression list, as CPython's `eval` mode (`compile(src, f, 'eval')`) does.
pub fn parse_expression(source: &str, filename: &str) -> Result<ast::Expr, SyntaxError> {
    parse_with(source, filename, |p| p.parse_eval())
}

/// Run the grammar entry point `entry` over the tokens of `source`, choosing between a parse
/// error and a tokenizer error as CPython does.
fn parse_with<T>(
    source: &str,
    filename: &str,
    entry: impl FnOnce(&mut Parser) -> PResult<T>,
) -> Result<T, SyntaxError> {
    let normalized = lexer::normalize_newlines(source);
    let (tokens, lex_error) = lexer::tokenize_partial(&normalized, filename);
    let sentinel = tokens.len().saturating_sub(1);
    let mut parser = Parser::new(tokens, &normalized, filename);
    let result = entry(&mut parser);
    match (result, lex_error) {
        (Ok(body), None) => Ok(body),
        (Err(e), None) => Err(e),
        (Ok(_), Some(lex)) => Err(lex),
        (Err(parse), Some(lex)) => {
            // CPython re-tokenizes the rest of the file after a parse error and reports a
            // tokenizer error found there instead; unclosed brackets and indentation problems
            // are only reported when the parser actually got that far.
            let mut furthest = parser.furthest.get().min(sentinel);
            // CPython's parser always looks inside an opening bracket before giving up.
            if parser.tokens[furthest].kind == TokenKind::Op
                && matches!(parser.tokens[furthest].text.as_str(), "(" | "[" | "{")
            {
                furthest = (furthest + 1).min(sentinel);
            }
            let reached = furthest >= sentinel;
            let parse_sticks =
                parse.kind == SyntaxErrorKind::IndentationError && parse.msg == "unexpected indent";
            // Errors CPython's tokenizer only flags (instead of raising) never override.
            let flagged_only = lex.kind != SyntaxErrorKind::SyntaxError
                || lex.msg == "unexpected character after line continuation character"
                || lex.msg == "unexpected EOF while parsing";
            let lex_overrides = if lex.msg.ends_with("was never closed") {
                parser.tokens[furthest].start.line > lex.lineno
            } else {
                !flagged_only
            };
            if reached || (lex_overrides && !parse_sticks) {
                Err(lex)
            } else {
                Err(parse)
            }
        }
    }
}

/// A recursive-descent parser over a token vector.
pub(crate) struct Parser<'a> {
    pub(crate) tokens: Vec<Token>,
    pub(crate) pos: usize,
    pub(crate) source: &'a str,
    pub(crate) filename: &'a str,
    /// Byte index of the start of each line (index 0 is line 1).
    line_starts: std::rc::Rc<Vec<usize>>,
    /// Current recursion depth, checked against [`MAX_RECURSION`].
    pub(crate) depth: u32,
    /// Index of the furthest token looked at (CPython reports some errors relative to it).
    pub(crate) furthest: std::cell::Cell<usize>,
    /// Nesting level of f-string format specs (CPython allows two levels of fields).
    pub(crate) fstring_level: u32,
    /// Left-associative links (attribute/call/subscript trailers, binary operators) built in
    /// the current element; `depth + chain` bounds the AST depth, so trees stay shallow
    /// enough to be dropped and compiled recursively.
    pub(crate) chain: u32,
}

fn compute_line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            starts.push(i + 1);
        }
    }
    starts
}

impl<'a> Parser<'a> {
    pub(crate) fn new(tokens: Vec<Token>, source: &'a str, filename: &'a str) -> Self {
        let line_starts = std::rc::Rc::new(compute_line_starts(source));
        Parser {
            tokens,
            pos: 0,
            furthest: std::cell::Cell::new(0),
            source,
            filename,
            line_starts,
            depth: 0,
            fstring_level: 0,
            chain: 0,
        }
    }

    /// A parser for a token stream taken from inside this parser's source (f-string fields).
    pub(crate) fn sub_parser(&self, tokens: Vec<Token>) -> Parser<'a> {
        Parser {
            tokens,
            pos: 0,
            furthest: std::cell::Cell::new(0),
            source: self.source,
            filename: self.filename,
            line_starts: self.line_starts.clone(),
            depth: self.depth,
            fstring_level: self.fstring_level,
            chain: self.chain,
        }
    }

    // ----- token cursor -----

    pub(crate) fn tok(&self) -> &Token {
        let last = self.tokens.len().saturating_sub(1);
        self.furthest.set(self.furthest.get().max(self.pos.min(last)));
        &self.tokens[self.pos.min(last)]
    }

    pub(crate) fn peek_tok(&self, ahead: usize) -> &Token {
        let last = self.tokens.len().saturating_sub(1);
        self.furthest.set(self.furthest.get().max((self.pos + ahead).min(last)));
        &self.tokens[(self.pos + ahead).min(last)]
    }

    pub(crate) fn advance(&mut self) -> Token {
        let t = self.tok().clone();
        if self.pos < self.tokens.len().saturating_sub(1) {
            self.pos += 1;
        }
        self.furthest.set(self.furthest.get().max(self.pos));
        t
    }

    /// End position of the most recently consumed token.
    pub(crate) fn prev_end(&self) -> Pos {
        if self.pos == 0 {
            return self.tok().start;
        }
        self.tokens[(self.pos - 1).min(self.tokens.len().saturating_sub(1))].end
    }

    pub(crate) fn at_op(&self, op: &str) -> bool {
        self.tok().is_op(op)
    }

    pub(crate) fn at_kw(&self, kw: &str) -> bool {
        self.tok().is_name(kw)
    }

    pub(crate) fn at_kind(&self, kind: TokenKind) -> bool {
        self.tok().kind == kind
    }

    pub(crate) fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// True if the current token is a NAME that is not a keyword.
    pub(crate) fn at_identifier(&self) -> bool {
        self.tok().kind == TokenKind::Name && !is_keyword(&self.tok().text)
    }

    /// Consume an identifier or fail with "invalid syntax".
    pub(crate) fn expect_identifier(&mut self) -> PResult<Token> {
        if self.at_identifier() {
            Ok(self.advance())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// Consume operator `op` or fail ("expected ':'" for colons, "invalid syntax" otherwise).
    pub(crate) fn expect_op(&mut self, op: &str) -> PResult<Token> {
        if self.at_op(op) {
            return Ok(self.advance());
        }
        if op == ":" {
            return Err(self.expected_colon());
        }
        Err(self.invalid_syntax())
    }

    /// CPython says "expected ':'" only when the line ends where the colon should be.
    pub(crate) fn expected_colon(&self) -> SyntaxError {
        if !self.at_kind(TokenKind::Newline) {
            return self.invalid_syntax();
        }
        let at = self.tok().start;
        self.error_range("expected ':'", at, at)
    }

    /// A colon CPython's grammar insists on (`def`, `try`, `else`, `finally`): any other token
    /// gets "expected ':'".
    pub(crate) fn expect_forced_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if self.at_kind(TokenKind::Indent) {
            return Err(self.invalid_syntax());
        }
        let t = self.tok();
        Err(self.error_range("expected ':'", t.start, t.end))
    }

    // ----- spans and errors -----

    pub(crate) fn span(&self, start: Pos, end: Pos) -> Span {
        Span {
            lineno: start.line,
            col_offset: start.col,
            end_lineno: end.line,
            end_col_offset: end.col,
        }
    }

    /// Span from `start` to the end of the last consumed token.
    pub(crate) fn span_from(&self, start: Pos) -> Span {
        self.span(start, self.prev_end())
    }

    /// 1-based character column of a byte position.
    pub(crate) fn char_offset(&self, pos: Pos) -> u32 {
        let line_idx = (pos.line.max(1) - 1) as usize;
        let Some(&start) = self.line_starts.get(line_idx) else { return pos.col + 1 };
        let end = start + pos.col as usize;
        match self.source.get(start..end) {
            Some(s) => s.chars().count() as u32 + 1,
            None => pos.col + 1,
        }
    }

    pub(crate) fn error_kind_range(
        &self,
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        start: Pos,
        end: Pos,
    ) -> SyntaxError {
        let line = start.line.max(1);
        let mut e = SyntaxError::new(
            kind,
            msg,
            self.filename,
            self.source,
            line,
            self.char_offset(start).max(1),
        );
        e.end_offset = if end.line == start.line { self.char_offset(end).max(1) } else { 0 };
        e
    }

    pub(crate) fn error_range(&self, msg: impl Into<String>, start: Pos, end: Pos) -> SyntaxError {
        self.error_kind_range(SyntaxErrorKind::SyntaxError, msg, start, end)
    }

    pub(crate) fn error_span(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        self.error_range(
            msg,
            Pos { line: span.lineno, col: span.col_offset },
            Pos { line: span.end_lineno, col: span.end_col_offset },
        )
    }

    /// "invalid syntax" at the current token (or "unexpected indent" on an INDENT).
    pub(crate) fn invalid_syntax(&self) -> SyntaxError {
        let t = self.tok();
        if t.kind == TokenKind::Indent {
            let at = Pos { line: t.end.line, col: t.end.col.saturating_sub(1) };
            return self.error_kind_range(
                SyntaxErrorKind::IndentationError,
                "unexpected indent",
                at,
                at,
            );
        }
        self.error_range("invalid syntax", t.start, t.end)
    }

    /// Enter a recursive construct; fails with "too complex" past [`MAX_RECURSION`].
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_RECURSION {
            let t = self.tok();
            return Err(self.error_range("too complex", t.start, t.end));
        }
        Ok(())
    }

    /// Record one more left-associative link; fails with "too complex" when the tree would
    /// get deeper than [`MAX_TREE_DEPTH`].
    pub(crate) fn bump_chain(&mut self) -> PResult<()> {
        self.chain += 1;
        if self.depth + self.chain > MAX_TREE_DEPTH {
            let t = self.tok();
            return Err(self.error_range("too complex", t.start, t.end));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- entry points -----

    /// `file: [statements] ENDMARKER`
    pub(crate) fn parse_file(&mut self) -> PResult<Vec<ast::Stmt>> {
        let mut body = Vec::new();
        while !self.at_kind(TokenKind::EndMarker) {
            if self.at_kind(TokenKind::Newline) {
                self.advance();
                continue;
            }
            self.chain = 0;
            let stmts = self.parse_statement()?;
            body.extend(stmts);
        }
        Ok(body)
    }

    /// `eval: expressions NEWLINE* ENDMARKER`, where `expressions` is
    /// `expression (',' expression)* [',']` (no starred items).
    pub(crate) fn parse_eval(&mut self) -> PResult<ast::Expr> {
        if self.at_op("*") || self.at_kind(TokenKind::EndMarker) || self.at_kind(TokenKind::Newline)
        {
            return Err(self.invalid_syntax());
        }
        let start = self.tok().start;
        let first = self.parse_expression()?;
        let expr = if self.at_op(",") {
            let mut elts = vec![first];
            while self.eat_op(",") {
                if !self.at_expression_start() || self.at_op("*") {
                    break;
                }
                elts.push(self.parse_expression()?);
            }
            ast::Expr::new(
                ast::ExprKind::Tuple { elts, ctx: ast::ExprContext::Load },
                self.span_from(start),
            )
        } else {
            first
        };
        while self.at_kind(TokenKind::Newline) {
            self.advance();
        }
        if !self.at_kind(TokenKind::EndMarker) {
            return Err(self.invalid_syntax());
        }
        Ok(expr)
    }
}
