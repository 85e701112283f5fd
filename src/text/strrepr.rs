//! CPython repr()/ascii() of str and repr() of bytes.
#![forbid(unsafe_code)]

use crate::text::unitables::{in_table, PRINTABLE};

/// `str.isprintable()` for one character (CPython's definition).
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x7f {
        return cp >= 0x20;
    }
    in_table(PRINTABLE, c)
}

fn push_escape(out: &mut String, c: char) {
    let cp = c as u32;
    if cp < 0x100 {
        out.push_str(&format!("\\x{:02x}", cp));
    } else if cp < 0x10000 {
        out.push_str(&format!("\\u{:04x}", cp));
    } else {
        out.push_str(&format!("\\U{:08x}", cp));
    }
}

fn repr_impl(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x7f && (c as u32) >= 0x20 => out.push(c),
            c if !ascii_only && is_printable(c) => out.push(c),
            c => push_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// CPython `repr(str)`.
pub fn str_repr(s: &str) -> String {
    repr_impl(s, false)
}

/// CPython `ascii(str)`: like repr with every non-ASCII character escaped.
pub fn ascii_repr(s: &str) -> String {
    repr_impl(s, true)
}

/// CPython `repr(bytes)` (`b'...'`).
pub fn bytes_repr(b: &[u8]) -> String {
    bytes_like_repr(b, "b")
}

/// `repr` body for bytes-like objects with a prefix (e.g. `"b"`); bytearray callers wrap it.
pub fn bytes_like_repr(b: &[u8], prefix: &str) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push_str(prefix);
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote as char);
    out
}

/// repr truncated to at most `n` characters, as CPython's `%.200R` in error messages.
pub fn str_repr_truncated(s: &str, n: usize) -> String {
    str_repr(s).chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_cases() {
        let cases: &[(&str, &str)] = &[
            ("abc", "'abc'"),
            ("'", "\"'\""),
            ("\"'", "'\"\\''"),
            ("\\", "'\\\\'"),
            (
                "a\x00b\x7f\u{80}\u{a0}\u{ad}\u{200b}\u{2028}\u{1f600}\u{e0001}\u{378}é中\u{3000} ",
                "'a\\x00b\\x7f\\x80\\xa0\\xad\\u200b\\u2028\u{1f600}\\U000e0001\\u0378é中\\u3000 '",
            ),
            ("tab\there\nnl\rcr", "'tab\\there\\nnl\\rcr'"),
        ];
        for (s, e) in cases {
            assert_eq!(str_repr(s), *e);
        }
        assert_eq!(ascii_repr("é中\u{1f600}\u{80}"), "'\\xe9\\u4e2d\\U0001f600\\x80'");
        assert_eq!(bytes_repr(b"a\x00\x7f\x80\xff'\""), "b'a\\x00\\x7f\\x80\\xff\\'\"'");
        assert_eq!(bytes_repr(b"'"), "b\"'\"");
        assert!(is_printable(' '));
        assert!(!is_printable('\u{a0}'));
    }
}
