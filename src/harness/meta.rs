//! Reads a workload's `META = {...}` dict literal from its source text, without running Python.
//!
//! The parent side of `gilbench bench` needs each workload's default size before it starts any
//! interpreter, so this is a small tolerant scanner, not a Python evaluator. It finds the last
//! top-level `META = {` (an annotation such as `META: dict = {` is fine), then reads the dict's
//! entries: string keys, and values that are an int literal (`2_000_000`, `0x10`), a string
//! literal (adjacent literals concatenate, parentheses allowed), or anything else (skipped by
//! bracket matching). `size` must be a non-negative **int literal**: `10**6` or `1e6` are
//! rejected with a message saying so. Only `size`, `category`, `doc` and `setup` are read;
//! `setup`, when it is a string literal, must be `"sample"` (the default: a fresh `setup` before
//! every sample) or `"once"` (one `setup` whose state every sample reuses), so a typo fails before
//! the sweep. The worker reads the same entry from the loaded module ([`SetupPolicy::from_meta_value`]
//! is the one rule), which also covers a value that is not a literal.
#![forbid(unsafe_code)]

use thiserror::Error;

/// What the harness needs from a workload's `META`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadMeta {
    /// The default problem size (`META["size"]`).
    pub size: u64,
    /// `META["category"]` when it is a string literal.
    pub category: Option<String>,
    /// `META["doc"]` when it is a string literal.
    pub doc: Option<String>,
    /// `META["caveat"]` when it is a string literal: shown with the report's decision.
    pub caveat: Option<String>,
    /// `META["setup"]` (default [`SetupPolicy::PerSample`]).
    pub setup: SetupPolicy,
}

/// When a workload's `setup(size)` runs (`META["setup"]`; see workloads/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SetupPolicy {
    /// `"sample"`, the default: `setup` runs again, untimed, before every sample (warm-up
    /// included), so each sample starts from a fresh state.
    #[default]
    PerSample,
    /// `"once"`: `setup` runs once per interpreter and every sample reuses its state (for a
    /// costly table the workers only read).
    Once,
}

impl SetupPolicy {
    /// The policy a `META["setup"]` value names: absent is the default; otherwise the string
    /// must be `"sample"` or `"once"`.
    pub fn from_meta_value(value: Option<&str>) -> Result<SetupPolicy, String> {
        match value {
            None | Some("sample") => Ok(SetupPolicy::PerSample),
            Some("once") => Ok(SetupPolicy::Once),
            Some(other) => Err(format!(
                "META[\"setup\"] must be \"sample\" (the default) or \"once\", not {other:?}"
            )),
        }
    }

    /// The `META["setup"]` spelling.
    pub fn name(self) -> &'static str {
        match self {
            SetupPolicy::PerSample => "sample",
            SetupPolicy::Once => "once",
        }
    }
}

/// Why a workload's `META` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MetaError {
    #[error("no top-level `META = {{...}}` dict (a workload needs META = {{\"size\": N, ...}})")]
    Missing,
    #[error("line {line}: META is not a readable dict literal: {message}")]
    Syntax { line: usize, message: String },
    #[error("META has no \"size\" entry")]
    NoSize,
    #[error(
        "line {line}: META[\"size\"] must be an int literal such as 2_000_000, found `{found}`"
    )]
    SizeNotInt { line: usize, found: String },
    #[error("line {line}: {message}")]
    Setup { line: usize, message: String },
}

/// A value in the META dict, as far as this scanner understands it.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Int(u64),
    Str(String),
    /// Any other expression, as its source text.
    Other(String),
}

/// Parse the `META` dict of a workload's source.
pub fn parse_meta(source: &str) -> Result<WorkloadMeta, MetaError> {
    let start = find_meta_dict(source).ok_or(MetaError::Missing)?;
    let mut scanner = Scanner { src: source.as_bytes(), pos: start };
    let entries = scanner.dict()?;
    let mut meta = WorkloadMeta {
        size: 0,
        category: None,
        doc: None,
        caveat: None,
        setup: SetupPolicy::PerSample,
    };
    let mut size = None;
    for (key, value, line) in entries {
        match (key.as_str(), value) {
            ("size", Literal::Int(n)) => size = Some(n),
            ("size", Literal::Str(s)) => {
                return Err(MetaError::SizeNotInt { line, found: format!("{s:?}") })
            }
            ("size", Literal::Other(text)) => {
                return Err(MetaError::SizeNotInt { line, found: text })
            }
            ("category", Literal::Str(s)) => meta.category = Some(s),
            ("doc", Literal::Str(s)) => meta.doc = Some(s),
            ("caveat", Literal::Str(s)) => meta.caveat = Some(s),
            ("setup", Literal::Str(s)) => {
                meta.setup = SetupPolicy::from_meta_value(Some(&s))
                    .map_err(|message| MetaError::Setup { line, message })?
            }
            _ => {}
        }
    }
    meta.size = size.ok_or(MetaError::NoSize)?;
    Ok(meta)
}

/// Byte offset of the `{` of the last top-level `META = {` / `META: T = {` assignment.
fn find_meta_dict(source: &str) -> Option<usize> {
    let mut found = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("META") {
            let after = rest.trim_start_matches([' ', '\t']);
            let after = match after.strip_prefix(':') {
                // An annotation: skip to the `=` (annotations here are simple names).
                Some(ann) => ann.find('=').map(|i| &ann[i..]).unwrap_or(""),
                None => after,
            };
            if let Some(value) = after.strip_prefix('=').filter(|v| !v.starts_with('=')) {
                let value_trimmed = value.trim_start_matches([' ', '\t']);
                if value_trimmed.starts_with('{') {
                    found = Some(offset + (line.len() - value_trimmed.len()));
                }
            }
        }
        offset += line.len();
    }
    found
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn line(&self) -> usize {
        1 + self.src[..self.pos.min(self.src.len())].iter().filter(|&&b| b == b'\n').count()
    }

    fn error(&self, message: impl Into<String>) -> MetaError {
        MetaError::Syntax { line: self.line(), message: message.into() }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Skip whitespace (newlines included: we are inside brackets), comments and line continuations.
    fn skip_blank(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' => self.pos += 1,
                b'\\' if self.src.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// `{ key: value, ... }`; the scanner stands on the `{`.
    fn dict(&mut self) -> Result<Vec<(String, Literal, usize)>, MetaError> {
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                None => return Err(self.error("the dict is never closed")),
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(entries);
                }
                Some(b'*') => return Err(self.error("`**` unpacking is not supported in META")),
                _ => {}
            }
            let key = match self.value()? {
                Literal::Str(s) => s,
                other => {
                    return Err(self.error(format!(
                        "keys must be string literals, found {}",
                        describe(&other)
                    )))
                }
            };
            self.skip_blank();
            if self.peek() != Some(b':') {
                return Err(self.error(format!("expected ':' after the key {key:?}")));
            }
            self.pos += 1;
            self.skip_blank();
            let line = self.line();
            let value = self.value()?;
            entries.push((key, value, line));
            self.skip_blank();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                None => return Err(self.error("the dict is never closed")),
                Some(c) => {
                    return Err(self.error(format!(
                        "unexpected '{}' after the value of {:?}",
                        c as char,
                        entries.last().map(|e| &e.0).unwrap()
                    )))
                }
            }
        }
    }

    /// One value: a whole expression up to the next `,` or `}` at this nesting level.
    fn value(&mut self) -> Result<Literal, MetaError> {
        let start = self.pos;
        let simple = self.simple_literal()?;
        let after = self.pos;
        self.skip_blank();
        if let Some(lit) = simple {
            if matches!(self.peek(), Some(b',' | b'}' | b':') | None) {
                self.pos = after;
                return Ok(lit);
            }
        }
        // Not a plain literal: skip the expression and keep its text.
        self.pos = start;
        self.skip_expression()?;
        let text = String::from_utf8_lossy(&self.src[start..self.pos]).trim().to_string();
        Ok(Literal::Other(text))
    }

    /// An int literal, or string literals (adjacent ones concatenated, optionally parenthesized).
    fn simple_literal(&mut self) -> Result<Option<Literal>, MetaError> {
        match self.peek() {
            Some(b'0'..=b'9') => Ok(self.int_literal().map(Literal::Int)),
            Some(b'(') => {
                let save = self.pos;
                self.pos += 1;
                self.skip_blank();
                if let Some(Literal::Str(s)) = self.strings()? {
                    self.skip_blank();
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                        return Ok(Some(Literal::Str(s)));
                    }
                }
                self.pos = save;
                Ok(None)
            }
            _ => self.strings(),
        }
    }

    /// `123`, `2_000_000`, `0x1F`, `0o17`, `0b101`; None when the token is not an int (e.g. `1.5`).
    fn int_literal(&mut self) -> Option<u64> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.src[start..self.pos]).ok()?;
        if text.starts_with('_') || text.ends_with('_') || text.contains("__") {
            return None;
        }
        let digits: String = text.chars().filter(|&c| c != '_').collect();
        let lower = digits.to_ascii_lowercase();
        let (radix, body) = match lower.get(..2) {
            Some("0x") => (16, &digits[2..]),
            Some("0o") => (8, &digits[2..]),
            Some("0b") => (2, &digits[2..]),
            _ => (10, digits.as_str()),
        };
        if body.is_empty() || (radix == 10 && body.len() > 1 && body.starts_with('0')) {
            return None;
        }
        u64::from_str_radix(body, radix).ok()
    }

    /// One or more adjacent string literals; None when the scanner is not on a string.
    fn strings(&mut self) -> Result<Option<Literal>, MetaError> {
        let mut out: Option<String> = None;
        loop {
            let save = self.pos;
            if out.is_some() {
                self.skip_blank();
            }
            match self.string_literal()? {
                Some(s) => out.get_or_insert_with(String::new).push_str(&s),
                None => {
                    self.pos = save;
                    return Ok(out.map(Literal::Str));
                }
            }
        }
    }

    /// A single string literal with an optional r/u prefix (f- and b-strings count as "other").
    fn string_literal(&mut self) -> Result<Option<String>, MetaError> {
        let start = self.pos;
        let mut raw = false;
        while let Some(c) = self.peek() {
            match c.to_ascii_lowercase() {
                b'r' => raw = true,
                b'u' => {}
                _ => break,
            }
            self.pos += 1;
            if self.pos - start > 2 {
                break;
            }
        }
        let Some(quote @ (b'"' | b'\'')) = self.peek() else {
            self.pos = start;
            return Ok(None);
        };
        let triple = self.src.get(self.pos..self.pos + 3) == Some(&[quote; 3][..]);
        self.pos += if triple { 3 } else { 1 };
        let mut bytes = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated string literal"));
            };
            if c == quote
                && (!triple || self.src.get(self.pos..self.pos + 3) == Some(&[quote; 3][..]))
            {
                self.pos += if triple { 3 } else { 1 };
                break;
            }
            if c == b'\n' && !triple {
                return Err(self.error("unterminated string literal"));
            }
            self.pos += 1;
            if c == b'\\' && !raw {
                let Some(e) = self.peek() else { continue };
                self.pos += 1;
                match e {
                    b'n' => bytes.push(b'\n'),
                    b't' => bytes.push(b'\t'),
                    b'r' => bytes.push(b'\r'),
                    b'0' => bytes.push(0),
                    b'\\' | b'\'' | b'"' => bytes.push(e),
                    b'\n' => {}
                    other => bytes.extend_from_slice(&[b'\\', other]),
                }
            } else if c == b'\\' && raw {
                bytes.push(c);
                if let Some(e) = self.peek() {
                    bytes.push(e);
                    self.pos += 1;
                }
            } else {
                bytes.push(c);
            }
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// Move past an arbitrary expression: to the next `,` `:` or `}` outside brackets and strings.
    fn skip_expression(&mut self) -> Result<(), MetaError> {
        let mut depth = 0usize;
        loop {
            self.skip_blank();
            let Some(c) = self.peek() else {
                return Err(self.error("the dict is never closed"));
            };
            match c {
                b',' | b':' | b'}' | b')' | b']' if depth == 0 => return Ok(()),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    depth -= 1;
                    self.pos += 1;
                }
                b'"' | b'\'' => {
                    self.string_literal()?;
                }
                _ => self.pos += 1,
            }
        }
    }
}

fn describe(lit: &Literal) -> String {
    match lit {
        Literal::Int(n) => n.to_string(),
        Literal::Str(s) => format!("{s:?}"),
        Literal::Other(t) => format!("`{t}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_protocol_example() {
        let src = "import time\n\nMETA = {\"category\": \"cpu\", \"size\": 2_000_000, \"doc\": \"pure integer loop\"}\n\ndef setup(size):\n    return None\n";
        let m = parse_meta(src).unwrap();
        assert_eq!(
            m,
            WorkloadMeta {
                size: 2_000_000,
                category: Some("cpu".into()),
                doc: Some("pure integer loop".into()),
                caveat: None,
                setup: SetupPolicy::PerSample
            }
        );
    }

    #[test]
    fn setup_policy_is_read_and_checked() {
        assert_eq!(
            parse_meta("META = {'size': 1, 'setup': 'once'}\n").unwrap().setup,
            SetupPolicy::Once
        );
        assert_eq!(
            parse_meta("META = {'size': 1, 'setup': 'sample'}\n").unwrap().setup,
            SetupPolicy::PerSample
        );
        assert_eq!(parse_meta("META = {'size': 1}\n").unwrap().setup, SetupPolicy::PerSample);
        let e = parse_meta("META = {'size': 1,\n 'setup': 'twice'}\n").unwrap_err();
        assert!(matches!(e, MetaError::Setup { line: 2, .. }), "{e:?}");
        assert!(e.to_string().contains("\"once\"") && e.to_string().contains("\"twice\""), "{e}");
        assert_eq!(SetupPolicy::from_meta_value(None), Ok(SetupPolicy::PerSample));
        assert!(SetupPolicy::from_meta_value(Some("Once")).is_err());
    }

    #[test]
    fn multi_line_comments_other_values_and_string_forms() {
        let src = r#"
META: dict = {
    # the default size
    'size': 0x10,   # sixteen
    "doc": ("first part, "
            'second part'),
    "tags": ["a", {"b": (1, 2)}, "}"],
    "ratio": 1.5,
    "category": r'io\d',
    "note": """a "quoted" }
word""",
}
"#;
        let m = parse_meta(src).unwrap();
        assert_eq!(m.size, 16);
        assert_eq!(m.doc.as_deref(), Some("first part, second part"));
        assert_eq!(m.category.as_deref(), Some("io\\d"));
    }

    #[test]
    fn the_last_top_level_assignment_wins_and_indented_ones_are_ignored() {
        let src = "META = {'size': 1}\ndef f():\n    META = {'size': 99}\nMETA = {'size': 7, 'doc': 'it\\'s'}\n";
        let m = parse_meta(src).unwrap();
        assert_eq!(m.size, 7);
        assert_eq!(m.doc.as_deref(), Some("it's"));
    }

    #[test]
    fn missing_meta_is_reported() {
        assert_eq!(parse_meta("def setup(size):\n    return 1\n"), Err(MetaError::Missing));
        assert_eq!(parse_meta("META == {'size': 1}\n"), Err(MetaError::Missing));
        assert_eq!(parse_meta("META = dict(size=1)\n"), Err(MetaError::Missing));
        assert!(MetaError::Missing.to_string().contains("META"));
    }

    #[test]
    fn size_must_be_an_int_literal() {
        for (src, found) in [
            ("META = {'size': 10**6}\n", "10**6"),
            ("META = {'size': 1e6}\n", "1e6"),
            ("META = {'size': 1_000 * 2}\n", "1_000 * 2"),
            ("META = {'size': '100'}\n", "\"100\""),
            ("META = {'size': -5}\n", "-5"),
        ] {
            match parse_meta(src) {
                Err(MetaError::SizeNotInt { line: 1, found: f }) => assert_eq!(f, found, "{src}"),
                other => panic!("{src}: {other:?}"),
            }
        }
        let msg = parse_meta("META = {'size': 10**6}\n").unwrap_err().to_string();
        assert!(msg.contains("int literal") && msg.contains("10**6"), "{msg}");
        assert_eq!(parse_meta("META = {'doc': 'x'}\n"), Err(MetaError::NoSize));
    }

    #[test]
    fn malformed_dicts_are_syntax_errors_not_panics() {
        for src in [
            "META = {'size': 1\n",
            "META = {'size' 1}\n",
            "META = {size: 1}\n",
            "META = {'doc': 'x\n",
            "META = {**BASE}\n",
            "META = {",
        ] {
            assert!(
                matches!(parse_meta(src), Err(MetaError::Syntax { .. })),
                "{src}: {:?}",
                parse_meta(src)
            );
        }
    }

    #[test]
    fn bundled_workloads_have_readable_meta() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "py") {
                let meta = parse_meta(&std::fs::read_to_string(&path).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(
                    meta.size > 0 && meta.category.is_some() && meta.doc.is_some(),
                    "{}",
                    path.display()
                );
                n += 1;
            }
        }
        assert!(n >= 5);
    }
}
