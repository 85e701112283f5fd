//! Literals: number values, string/bytes escape decoding, implicit concatenation and f-strings.

use num_bigint::BigInt;

use super::ast::{Constant, Expr, ExprKind, Span};
use super::lexer;
use super::parser::{PResult, Parser};
use super::token::{Pos, Token, TokenKind};

/// The value of a NUMBER token (the lexer has already validated its syntax).
pub(crate) fn number_constant(text: &str) -> Constant {
    let clean: String = text.chars().filter(|&c| c != '_').collect::<String>().to_ascii_lowercase();
    if let Some(imag) = clean.strip_suffix('j') {
        return Constant::Complex { real: 0.0, imag: imag.parse::<f64>().unwrap_or(f64::INFINITY) };
    }
    let radix_digits = if let Some(d) = clean.strip_prefix("0x") {
        Some((d, 16))
    } else if let Some(d) = clean.strip_prefix("0o") {
        Some((d, 8))
    } else {
        clean.strip_prefix("0b").map(|d| (d, 2))
    };
    if let Some((digits, radix)) = radix_digits {
        return Constant::Int(BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default());
    }
    if clean.contains('.') || clean.contains('e') {
        return Constant::Float(clean.parse::<f64>().unwrap_or(f64::INFINITY));
    }
    Constant::Int(BigInt::parse_bytes(clean.as_bytes(), 10).unwrap_or_default())
}

/// The pieces of one STRING token.
struct StringPiece<'t> {
    raw: bool,
    bytes: bool,
    fstring: bool,
    body: &'t str,
    /// Source position of the first character of `body`.
    body_pos: Pos,
    /// End of the whole STRING token (CPython 3.11 reports f-string errors just past it).
    token_end: Pos,
}

fn split_string_token(tok: &Token) -> StringPiece<'_> {
    let text = tok.text.as_str();
    let prefix_len = text.find(['\'', '"']).unwrap_or(0);
    let prefix = text.get(..prefix_len).unwrap_or("").to_ascii_lowercase();
    let rest = text.get(prefix_len..).unwrap_or("");
    let quote_len = if rest.starts_with("'''") || rest.starts_with("\"\"\"") { 3 } else { 1 };
    let body = if rest.len() >= 2 * quote_len {
        rest.get(quote_len..rest.len() - quote_len).unwrap_or("")
    } else {
        ""
    };
    StringPiece {
        raw: prefix.contains('r'),
        bytes: prefix.contains('b'),
        fstring: prefix.contains('f'),
        body,
        body_pos: Pos {
            line: tok.start.line,
            col: tok.start.col + (prefix_len + quote_len) as u32,
        },
        token_end: tok.end,
    }
}

/// Source position of byte `index` of a string body starting at `base`.
fn position_in_body(body: &str, base: Pos, index: usize) -> Pos {
    let before = body.as_bytes().get(..index).unwrap_or(body.as_bytes());
    match before.iter().rposition(|&b| b == b'\n') {
        None => Pos { line: base.line, col: base.col + index as u32 },
        Some(nl) => Pos {
            line: base.line + before.iter().filter(|&&b| b == b'\n').count() as u32,
            col: (index - nl - 1) as u32,
        },
    }
}

fn unicode_error(start: usize, end: usize, what: &str) -> String {
    format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}")
}

/// Read exactly `count` hex digits at `chars[at..]`.
fn hex_value(chars: &[(usize, char)], at: usize, count: usize) -> Option<u32> {
    let mut value: u32 = 0;
    for k in 0..count {
        let (_, c) = chars.get(at + k)?;
        value = value.checked_mul(16)?.checked_add(c.to_digit(16)?)?;
    }
    Some(value)
}

/// Decode backslash escapes of a (non-raw) str literal body.
pub(crate) fn decode_str_escapes(body: &str) -> Result<String, String> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&(_, e)) = chars.get(i + 1) else {
            out.push('\\');
            break;
        };
        i += 2;
        match e {
            '\n' => {}
            '\\' | '\'' | '"' => out.push(e),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.get(i) {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let (count, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                match hex_value(&chars, i, count) {
                    Some(value) => {
                        i += count;
                        if value > 0x10FFFF {
                            return Err(unicode_error(
                                pos,
                                chars.get(i - 1).map(|c| c.0).unwrap_or(pos),
                                "illegal Unicode character",
                            ));
                        }
                        // Lone surrogates cannot live in a Rust string; they become U+FFFD.
                        out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
                    }
                    None => {
                        let mut end = i;
                        while end < chars.len()
                            && end < i + count
                            && chars[end].1.is_ascii_hexdigit()
                        {
                            end += 1;
                        }
                        let end_pos = chars.get(end.saturating_sub(1)).map(|c| c.0).unwrap_or(pos);
                        return Err(unicode_error(pos, end_pos, what));
                    }
                }
            }
            'N' => {
                let mut end = i;
                while end < chars.len() && chars[end].1 != '}' {
                    end += 1;
                }
                let end_pos = chars.get(end).map(|c| c.0).unwrap_or(body.len().saturating_sub(1));
                let what = if chars.get(i).map(|c| c.1) == Some('{') && end < chars.len() {
                    "unknown Unicode character name"
                } else {
                    "malformed \\N character escape"
                };
                return Err(unicode_error(pos, end_pos, what));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Decode a bytes literal body (raw or not); the body must be ASCII.
fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    if !body.is_ascii() {
        return Err("bytes can only contain ASCII literal characters".into());
    }
    let b = body.as_bytes();
    if raw || !body.contains('\\') {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let e = b[i + 1];
        let start = i;
        i += 2;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut value = (e - b'0') as u32;
                for _ in 0..2 {
                    if i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                        value = value * 8 + (b[i] - b'0') as u32;
                        i += 1;
                    } else {
                        break;
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = b
                    .get(i..i + 2)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) if b[i].is_ascii_hexdigit() => {
                        out.push(v);
                        i += 2;
                    }
                    _ => {
                        return Err(format!("(value error) invalid \\x escape at position {start}"))
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Accumulates the parts of a JoinedStr, merging adjacent literal text.
#[derive(Default)]
struct JoinedBuilder {
    values: Vec<Expr>,
    pending: String,
    pending_span: Span,
    /// Span of the STRING token being processed.
    span: Span,
}

impl JoinedBuilder {
    fn push_text(&mut self, text: &str) {
        if self.pending.is_empty() {
            self.pending_span = self.span;
        }
        self.pending.push_str(text);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let value = Constant::Str(std::mem::take(&mut self.pending));
            self.values.push(Expr::new(ExprKind::Constant { value }, self.pending_span));
        }
    }

    /// The parts; `whole` (the span of all concatenated tokens) replaces every part's span,
    /// as CPython 3.11 does for the top level of an f-string (format specs keep token spans).
    fn finish(mut self, whole: Option<Span>) -> Vec<Expr> {
        self.flush();
        if let Some(span) = whole {
            for v in &mut self.values {
                v.span = span;
            }
        }
        self.values
    }
}

impl<'a> Parser<'a> {
    /// One or more adjacent STRING tokens: a str/bytes Constant, or a JoinedStr if any part is an f-string.
    pub(crate) fn parse_strings(&mut self) -> PResult<Expr> {
        let mut tokens = Vec::new();
        while self.at_kind(TokenKind::String) {
            tokens.push(self.advance());
        }
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return Err(self.invalid_syntax());
        };
        let span = self.span(first.start, last.end);
        let pieces: Vec<StringPiece<'_>> = tokens.iter().map(split_string_token).collect();
        let is_bytes = pieces.first().map(|p| p.bytes).unwrap_or(false);
        if pieces.iter().any(|p| p.bytes != is_bytes) {
            return Err(self.error_range(
                "cannot mix bytes and nonbytes literals",
                last.end,
                last.end,
            ));
        }
        if is_bytes {
            let mut out = Vec::new();
            for (piece, tok) in pieces.iter().zip(&tokens) {
                match decode_bytes(piece.body, piece.raw) {
                    Ok(b) => out.extend(b),
                    Err(msg) => {
                        let at =
                            if msg.starts_with("bytes can only") { tok.start } else { tok.end };
                        return Err(self.error_range(msg, at, at));
                    }
                }
            }
            return Ok(Expr::new(ExprKind::Constant { value: Constant::Bytes(out) }, span));
        }
        if !pieces.iter().any(|p| p.fstring) {
            let mut out = String::new();
            for (piece, tok) in pieces.iter().zip(&tokens) {
                if piece.raw {
                    out.push_str(piece.body);
                } else {
                    match decode_str_escapes(piece.body) {
                        Ok(s) => out.push_str(&s),
                        Err(msg) => return Err(self.error_range(msg, tok.end, tok.end)),
                    }
                }
            }
            return Ok(Expr::new(ExprKind::Constant { value: Constant::Str(out) }, span));
        }
        let mut builder = JoinedBuilder::default();
        for (piece, tok) in pieces.iter().zip(&tokens) {
            builder.span = self.span(tok.start, tok.end);
            if piece.fstring {
                let token_span = builder.span;
                let end = self.parse_fstring_body(piece, 0, false, &mut builder, token_span)?;
                let _ = end;
            } else if piece.raw {
                builder.push_text(piece.body);
            } else {
                match decode_str_escapes(piece.body) {
                    Ok(s) => builder.push_text(&s),
                    Err(msg) => return Err(self.error_range(msg, tok.end, tok.end)),
                }
            }
        }
        Ok(Expr::new(ExprKind::JoinedStr { values: builder.finish(Some(span)) }, span))
    }

    fn fstring_error(
        &self,
        msg: &str,
        piece: &StringPiece<'_>,
        _index: usize,
    ) -> super::error::SyntaxError {
        let at = if piece.body_pos.line == piece.token_end.line {
            piece.token_end
        } else {
            position_in_body(piece.body, piece.body_pos, _index)
        };
        self.error_range(format!("f-string: {msg}"), at, at)
    }

    /// Move literal text `raw_text` (escapes not yet decoded) into the builder.
    fn push_fstring_literal(
        &self,
        builder: &mut JoinedBuilder,
        raw_text: &str,
        piece: &StringPiece<'_>,
        span: Span,
    ) -> PResult<()> {
        if piece.raw {
            builder.push_text(raw_text);
            return Ok(());
        }
        match decode_str_escapes(raw_text) {
            Ok(s) => {
                builder.push_text(&s);
                Ok(())
            }
            Err(msg) => Err(self.error_span(msg, span)),
        }
    }

    /// Parse f-string content starting at byte `from` of the piece's body. In a format spec
    /// (`in_spec`), stops at the closing `}` and returns its index; otherwise runs to the end.
    fn parse_fstring_body(
        &mut self,
        piece: &StringPiece<'_>,
        from: usize,
        in_spec: bool,
        builder: &mut JoinedBuilder,
        span: Span,
    ) -> PResult<usize> {
        let body = piece.body;
        let b = body.as_bytes();
        let mut i = from;
        let mut literal = String::new();
        let mut literal_from = i;
        while i < b.len() {
            let c = b[i];
            if c == b'\\' && !piece.raw {
                let skip = if b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') {
                    body.get(i..).and_then(|s| s.find('}')).map(|n| n + 1).unwrap_or(2)
                } else {
                    1 + body
                        .get(i + 1..)
                        .and_then(|s| s.chars().next())
                        .map(|c| c.len_utf8())
                        .unwrap_or(0)
                };
                i += skip;
                continue;
            }
            if c == b'{' {
                if !in_spec && b.get(i + 1) == Some(&b'{') {
                    literal.push_str(body.get(literal_from..i + 1).unwrap_or(""));
                    i += 2;
                    literal_from = i;
                    continue;
                }
                literal.push_str(body.get(literal_from..i).unwrap_or(""));
                self.push_fstring_literal(builder, &literal, piece, span)?;
                literal.clear();
                i = self.parse_fstring_field(piece, i + 1, builder, span)?;
                literal_from = i;
                continue;
            }
            if c == b'}' {
                if in_spec {
                    break;
                }
                if b.get(i + 1) == Some(&b'}') {
                    literal.push_str(body.get(literal_from..i + 1).unwrap_or(""));
                    i += 2;
                    literal_from = i;
                    continue;
                }
                return Err(self.fstring_error("single '}' is not allowed", piece, i));
            }
            i += 1;
        }
        let end = i.min(b.len());
        literal.push_str(body.get(literal_from..end).unwrap_or(""));
        self.push_fstring_literal(builder, &literal, piece, span)?;
        if in_spec && i >= b.len() {
            return Err(self.fstring_error("expecting '}'", piece, b.len()));
        }
        Ok(i)
    }

    /// Parse one replacement field whose expression starts at byte `from` (just after `{`);
    /// returns the index just past its closing `}`.
    fn parse_fstring_field(
        &mut self,
        piece: &StringPiece<'_>,
        from: usize,
        builder: &mut JoinedBuilder,
        span: Span,
    ) -> PResult<usize> {
        if self.fstring_level >= 2 {
            return Err(self.fstring_error("expressions nested too deeply", piece, from));
        }
        let body = piece.body;
        let b = body.as_bytes();
        let mut i = from;
        let mut depth = 0usize;
        let mut quote: Option<(u8, bool)> = None;
        let mut self_documenting = false;
        while i < b.len() {
            let c = b[i];
            if let Some((q, triple)) = quote {
                if c == q && (!triple || (b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q))) {
                    quote = None;
                    i += if triple { 3 } else { 1 };
                } else {
                    i += 1;
                }
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    quote = Some((c, triple));
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'\\' => {
                    return Err(self
                        .fstring_error("expression part cannot include a backslash", piece, i)
                        .with_msg("f-string expression part cannot include a backslash"))
                }
                b'#' => {
                    return Err(self
                        .fstring_error("", piece, i)
                        .with_msg("f-string expression part cannot include '#'"))
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => {
                    if depth == 0 {
                        return Err(self.fstring_error(
                            &format!("unmatched '{}'", c as char),
                            piece,
                            i,
                        ));
                    }
                    depth -= 1;
                }
                b'}' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                b'!' if depth == 0 && b.get(i + 1) != Some(&b'=') => break,
                b':' if depth == 0 => break,
                b'=' if depth == 0
                    && b.get(i + 1) != Some(&b'=')
                    && !(i > from && matches!(b[i - 1], b'=' | b'!' | b'<' | b'>')) =>
                {
                    self_documenting = true;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if i >= b.len() {
            return Err(self.fstring_error("expecting '}'", piece, b.len()));
        }
        let expr_text = body.get(from..i).unwrap_or("");
        if expr_text.trim().is_empty() {
            let msg = match b[i] {
                b'!' => "expression required before '!'",
                b':' => "expression required before ':'",
                b'=' => "expression required before '='",
                _ => "empty expression not allowed",
            };
            return Err(self.fstring_error(msg, piece, i));
        }
        let expr_pos = position_in_body(body, piece.body_pos, from);
        let value = self.parse_fstring_expression(expr_text, expr_pos)?;
        if self_documenting {
            i += 1;
            while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\x0c')) {
                i += 1;
            }
            builder.push_text(body.get(from..i).unwrap_or(""));
        }
        let mut conversion = -1;
        if b.get(i) == Some(&b'!') {
            match b.get(i + 1) {
                Some(&c @ (b's' | b'r' | b'a'))
                    if matches!(b.get(i + 2), Some(b'}') | Some(b':')) =>
                {
                    conversion = c as i32;
                    i += 2;
                }
                Some(b':') | None => {
                    return Err(self.fstring_error("missing conversion character", piece, i + 1))
                }
                _ => {
                    return Err(self.fstring_error(
                        "invalid conversion character: expected 's', 'r', or 'a'",
                        piece,
                        i + 1,
                    ))
                }
            }
        }
        let mut format_spec = None;
        if b.get(i) == Some(&b':') {
            let mut spec_builder = JoinedBuilder { span, ..JoinedBuilder::default() };
            self.fstring_level += 1;
            let end = self.parse_fstring_body(piece, i + 1, true, &mut spec_builder, span);
            self.fstring_level -= 1;
            i = end?;
            format_spec = Some(Box::new(Expr::new(
                ExprKind::JoinedStr { values: spec_builder.finish(None) },
                span,
            )));
        }
        if b.get(i) != Some(&b'}') {
            return Err(self.fstring_error("expecting '}'", piece, i));
        }
        i += 1;
        if self_documenting && conversion == -1 && format_spec.is_none() {
            conversion = 'r' as i32;
        }
        builder.flush();
        builder.values.push(Expr::new(
            ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec },
            span,
        ));
        Ok(i)
    }

    /// Parse the expression text of a replacement field located at `pos` in the source.
    fn parse_fstring_expression(&mut self, text: &str, pos: Pos) -> PResult<Expr> {
        let prefix = |mut e: super::error::SyntaxError| {
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        };
        let mut tokens = match lexer::tokenize_fragment(text, self.filename) {
            Ok(t) => t,
            Err(e) => {
                let mut err = self.error_range(e.msg, pos, pos);
                err = prefix(err);
                return Err(err);
            }
        };
        for t in &mut tokens {
            for p in [&mut t.start, &mut t.end] {
                if p.line == 1 {
                    p.col += pos.col;
                }
                p.line += pos.line - 1;
            }
        }
        let mut sub = self.sub_parser(tokens);
        let result = (|| {
            sub.enter()?;
            let e =
                if sub.at_kw("yield") { sub.parse_yield()? } else { sub.parse_star_expressions()? };
            if let ExprKind::Starred { .. } = e.kind {
                return Err(sub.error_span("can't use starred expression here", e.span));
            }
            let mut e = e;
            if let ExprKind::Tuple { elts, .. } = &e.kind {
                // CPython parses the field as `(text)`, so a bare tuple's span takes in the braces.
                if elts
                    .first()
                    .map(|f| {
                        (f.span.lineno, f.span.col_offset) == (e.span.lineno, e.span.col_offset)
                    })
                    .unwrap_or(false)
                {
                    e.span.col_offset = e.span.col_offset.saturating_sub(1);
                    e.span.end_col_offset += 1;
                }
            }
            if !sub.at_kind(TokenKind::Newline) && !sub.at_kind(TokenKind::EndMarker) {
                sub.missing_comma_error(&e)?;
            }
            Ok(e)
        })();
        result.map_err(prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_constant("1_000"), Constant::Int(BigInt::from(1000)));
        assert_eq!(number_constant("0xff"), Constant::Int(BigInt::from(255)));
        assert_eq!(number_constant("0o17"), Constant::Int(BigInt::from(15)));
        assert_eq!(number_constant("0b101"), Constant::Int(BigInt::from(5)));
        assert_eq!(number_constant("1."), Constant::Float(1.0));
        assert_eq!(number_constant(".5"), Constant::Float(0.5));
        assert_eq!(number_constant("1_000.5e-3"), Constant::Float(1.0005));
        assert_eq!(number_constant("2j"), Constant::Complex { real: 0.0, imag: 2.0 });
        assert_eq!(number_constant("1e400"), Constant::Float(f64::INFINITY));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            decode_str_escapes(r"a\n\t\\\'\x41\101\u00e9\U0001F600\q").unwrap(),
            "a\n\t\\'AAé😀\\q"
        );
        assert!(decode_str_escapes(r"\x4").unwrap_err().contains("truncated \\xXX escape"));
        assert!(decode_str_escapes(r"\N{DASH}").is_err());
        assert_eq!(decode_bytes(r"\x00\n\777", false).unwrap(), vec![0, 10, 0xFF]);
    }
}
