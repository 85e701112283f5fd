//! Python `str` methods as pure functions (indices in characters; start/end behave like slices).
#![forbid(unsafe_code)]

use super::TextOpError;
use crate::text::numparse::is_py_space;
use crate::text::strrepr::is_printable;
use crate::text::unitables::{
    in_table, ALPHA, CASED, CASEFOLD, DECIMAL, DIGIT, ID_CONTINUE, ID_START, NUMERIC, TITLE,
    TITLECASE,
};

/// Normalizes slice-style `start`/`end` against a length of `len` characters.
/// Returns (start, end) clamped to [0, len]; `start` may exceed `end`.
pub fn adjust_indices(len: usize, start: Option<i64>, end: Option<i64>) -> (usize, usize) {
    let norm = |v: i64| -> usize {
        if v < 0 {
            (len as i64 + v).max(0) as usize
        } else {
            (v as usize).min(len)
        }
    };
    let s = start.map(norm).unwrap_or(0);
    let e = end.map(norm).unwrap_or(len);
    (s, e)
}

fn raw_start(len: usize, start: Option<i64>) -> i64 {
    match start {
        Some(v) if v < 0 => (len as i64 + v).max(0),
        Some(v) => v,
        None => 0,
    }
}

fn chars_of(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn find_in(h: &[char], n: &[char], from: usize, to: usize, reverse: bool) -> Option<usize> {
    if to < from || to - from < n.len() {
        return None;
    }
    let last = to - n.len();
    if reverse {
        (from..=last).rev().find(|&i| h[i..i + n.len()] == *n)
    } else {
        (from..=last).find(|&i| h[i..i + n.len()] == *n)
    }
}

fn find_impl(s: &str, sub: &str, start: Option<i64>, end: Option<i64>, reverse: bool) -> i64 {
    let h = chars_of(s);
    if raw_start(h.len(), start) > h.len() as i64 {
        return -1;
    }
    let (a, b) = adjust_indices(h.len(), start, end);
    find_in(&h, &chars_of(sub), a, b, reverse).map(|i| i as i64).unwrap_or(-1)
}

/// `s.find(sub, start, end)`.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    if start.is_none() && end.is_none() {
        return s.find(sub).map(|b| s[..b].chars().count() as i64).unwrap_or(-1);
    }
    find_impl(s, sub, start, end, false)
}

/// `s.rfind(sub, start, end)`.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    if start.is_none() && end.is_none() {
        return s.rfind(sub).map(|b| s[..b].chars().count() as i64).unwrap_or(-1);
    }
    find_impl(s, sub, start, end, true)
}

/// `s.index(sub, start, end)`: ValueError "substring not found".
pub fn index(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Result<i64, TextOpError> {
    match find(s, sub, start, end) {
        -1 => Err(TextOpError::ValueError("substring not found".into())),
        i => Ok(i),
    }
}

/// `s.rindex(sub, start, end)`.
pub fn rindex(
    s: &str,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Result<i64, TextOpError> {
    match rfind(s, sub, start, end) {
        -1 => Err(TextOpError::ValueError("substring not found".into())),
        i => Ok(i),
    }
}

/// `s.count(sub, start, end)` (non-overlapping).
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
    let h = chars_of(s);
    if raw_start(h.len(), start) > h.len() as i64 {
        return 0;
    }
    let (a, b) = adjust_indices(h.len(), start, end);
    if b < a {
        return 0;
    }
    let n = chars_of(sub);
    if n.is_empty() {
        return b - a + 1;
    }
    let mut k = 0;
    let mut i = a;
    while let Some(p) = find_in(&h, &n, i, b, false) {
        k += 1;
        i = p + n.len();
    }
    k
}

fn match_at(s: &str, sub: &str, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let h = chars_of(s);
    if raw_start(h.len(), start) > h.len() as i64 {
        return false;
    }
    let (a, b) = adjust_indices(h.len(), start, end);
    let n = chars_of(sub);
    if b < a || b - a < n.len() {
        return false;
    }
    if at_end {
        h[b - n.len()..b] == n[..]
    } else {
        h[a..a + n.len()] == n[..]
    }
}

/// `s.startswith(prefix, start, end)` for one prefix (the VM loops over tuples).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    match_at(s, prefix, start, end, false)
}

/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    match_at(s, suffix, start, end, true)
}

fn empty_sep() -> TextOpError {
    TextOpError::ValueError("empty separator".into())
}

/// `s.split(sep, maxsplit)`; `sep=None` splits on whitespace runs; maxsplit < 0 means no limit.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, TextOpError> {
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    match sep {
        Some("") => Err(empty_sep()),
        Some(sep) => {
            let mut out = Vec::new();
            let mut rest = s;
            while out.len() < max {
                match rest.find(sep) {
                    Some(p) => {
                        out.push(rest[..p].to_string());
                        rest = &rest[p + sep.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
            Ok(out)
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start_matches(is_py_space);
            while !rest.is_empty() {
                if out.len() >= max {
                    out.push(rest.to_string());
                    break;
                }
                match rest.find(is_py_space) {
                    Some(p) => {
                        out.push(rest[..p].to_string());
                        rest = rest[p..].trim_start_matches(is_py_space);
                    }
                    None => {
                        out.push(rest.to_string());
                        break;
                    }
                }
            }
            Ok(out)
        }
    }
}

/// `s.rsplit(sep, maxsplit)`.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, TextOpError> {
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut out = Vec::new();
    match sep {
        Some("") => return Err(empty_sep()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < max {
                match rest.rfind(sep) {
                    Some(p) => {
                        out.push(rest[p + sep.len()..].to_string());
                        rest = &rest[..p];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
        }
        None => {
            let mut rest = s.trim_end_matches(is_py_space);
            while !rest.is_empty() {
                if out.len() >= max {
                    out.push(rest.to_string());
                    break;
                }
                match rest.rfind(is_py_space) {
                    Some(p) => {
                        let w = rest[p..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                        out.push(rest[p + w..].to_string());
                        rest = rest[..p].trim_end_matches(is_py_space);
                    }
                    None => {
                        out.push(rest.to_string());
                        break;
                    }
                }
            }
        }
    }
    out.reverse();
    Ok(out)
}

/// True for Python's line boundaries (`str.splitlines`).
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if is_line_break(c) {
            if keepends {
                cur.push(c);
            }
            if c == '\r' && it.peek() == Some(&'\n') {
                it.next();
                if keepends {
                    cur.push('\n');
                }
            }
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn strip_set(chars: Option<&str>) -> impl Fn(char) -> bool + '_ {
    move |c: char| match chars {
        None => is_py_space(c),
        Some(set) => set.contains(c),
    }
}

/// `s.strip(chars)`; `None` strips whitespace.
pub fn strip(s: &str, chars: Option<&str>) -> String {
    s.trim_matches(strip_set(chars)).to_string()
}
/// `s.lstrip(chars)`.
pub fn lstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_start_matches(strip_set(chars)).to_string()
}
/// `s.rstrip(chars)`.
pub fn rstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_end_matches(strip_set(chars)).to_string()
}

/// `s.replace(old, new, count)`; count < 0 replaces all.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let max = if count < 0 { usize::MAX } else { count as usize };
    if old.is_empty() {
        let mut out = String::new();
        let mut k = 0;
        for c in s.chars() {
            if k < max {
                out.push_str(new);
                k += 1;
            }
            out.push(c);
        }
        if k < max {
            out.push_str(new);
        }
        return out;
    }
    if max == usize::MAX {
        return s.replace(old, new);
    }
    s.replacen(old, new, max)
}

/// `s.partition(sep)`.
pub fn partition(s: &str, sep: &str) -> Result<(String, String, String), TextOpError> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    Ok(match s.find(sep) {
        Some(p) => (s[..p].to_string(), sep.to_string(), s[p + sep.len()..].to_string()),
        None => (s.to_string(), String::new(), String::new()),
    })
}

/// `s.rpartition(sep)`.
pub fn rpartition(s: &str, sep: &str) -> Result<(String, String, String), TextOpError> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    Ok(match s.rfind(sep) {
        Some(p) => (s[..p].to_string(), sep.to_string(), s[p + sep.len()..].to_string()),
        None => (String::new(), String::new(), s.to_string()),
    })
}

// ---------------------------------------------------------------- case

/// Python's "cased" character property (approximation from case mappings).
pub fn is_cased(c: char) -> bool {
    in_table(CASED, c)
}

fn push_title(out: &mut String, c: char) {
    match TITLECASE.binary_search_by(|(k, _)| k.cmp(&c)) {
        Ok(i) => out.push_str(TITLECASE[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}
/// `s.upper()`.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match CASEFOLD.binary_search_by(|(k, _)| k.cmp(&c)) {
            Ok(i) => out.push_str(CASEFOLD[i].1),
            Err(_) => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2018}' | '\u{2019}' | '\u{2024}'
    ) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Lower-cases `chars[i]` into `out`, applying the Greek final-sigma rule like CPython.
fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != '\u{3a3}' {
        out.extend(c.to_lowercase());
        return;
    }
    let mut j = i;
    let mut before = false;
    while j > 0 {
        j -= 1;
        if !is_case_ignorable(chars[j]) {
            before = is_cased(chars[j]);
            break;
        }
    }
    let mut after = false;
    for &d in &chars[i + 1..] {
        if !is_case_ignorable(d) {
            after = is_cased(d);
            break;
        }
    }
    out.push(if before && !after { '\u{3c2}' } else { '\u{3c3}' });
}

/// `s.capitalize()`: first character title-cased, the rest lower-cased.
pub fn capitalize(s: &str) -> String {
    let chars = chars_of(s);
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            push_title(&mut out, chars[0]);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    out
}

/// `s.title()`.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    let chars = chars_of(s);
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars = chars_of(s);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            push_lower_at(&mut out, &chars, i);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------- predicates

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// `str.isalpha()` for one character.
pub fn char_isalpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(ALPHA, c)
    }
}
/// `str.isdecimal()` for one character.
pub fn char_isdecimal(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(DECIMAL, c))
}
/// `str.isdigit()` for one character.
pub fn char_isdigit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(DIGIT, c))
}
/// `str.isnumeric()` for one character.
pub fn char_isnumeric(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(NUMERIC, c))
}

/// `s.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, char_isalpha)
}
/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, char_isdecimal)
}
/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, char_isdigit)
}
/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, char_isnumeric)
}
/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, |c| {
        char_isalpha(c) || char_isnumeric(c) || char_isdigit(c) || char_isdecimal(c)
    })
}
/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_py_space)
}
/// `s.isascii()` (true for "").
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}
/// `s.isprintable()` (true for "").
pub fn isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}
/// `s.isidentifier()`.
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if in_table(ID_START, c) => it.all(|c| in_table(ID_CONTINUE, c)),
        _ => false,
    }
}
/// `s.isupper()`: at least one cased character and no lower/title-case ones.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || in_table(TITLE, c) {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}
/// `s.islower()`.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || in_table(TITLE, c) {
            return false;
        }
        if c.is_lowercase() {
            cased = true;
        }
    }
    cased
}
/// `s.istitle()`.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() || in_table(TITLE, c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

// ---------------------------------------------------------------- padding

fn fill_str(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

/// `s.center(width, fill)`.
pub fn center(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    format!("{}{}{}", fill_str(fill, left as usize), s, fill_str(fill, (marg - left) as usize))
}
/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    format!("{}{}", s, fill_str(fill, (width - len) as usize))
}
/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    format!("{}{}", fill_str(fill, (width - len) as usize), s)
}

/// Validates the fill argument of center/ljust/rjust.
pub fn fill_char(fill: &str) -> Result<char, TextOpError> {
    let mut it = fill.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(TextOpError::TypeError(
            "The fill character must be exactly one character long".into(),
        )),
    }
}

/// `s.zfill(width)`.
pub fn zfill(s: &str, width: i64) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let zeros = fill_str('0', (width - len) as usize);
    match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{}{}{}", c, zeros, &s[1..]),
        _ => format!("{}{}", zeros, s),
    }
}

/// `s.expandtabs(tabsize)`.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.push_str(&" ".repeat(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(split("  a b  c  ", None, -1).unwrap(), v(&["a", "b", "c"]));
        assert_eq!(split("  a b  c  ", None, 1).unwrap(), v(&["a", "b  c  "]));
        assert_eq!(rsplit("  a b  c  ", None, 1).unwrap(), v(&["  a b", "c"]));
        assert_eq!(split("a,b,,c", Some(","), -1).unwrap(), v(&["a", "b", "", "c"]));
        assert_eq!(split("a,b,,c", Some(","), 1).unwrap(), v(&["a", "b,,c"]));
        assert_eq!(rsplit("a,b,,c", Some(","), 1).unwrap(), v(&["a,b,", "c"]));
        assert_eq!(rsplit("a,b,,c", Some(","), -1).unwrap(), v(&["a", "b", "", "c"]));
        assert_eq!(split("", None, -1).unwrap(), v(&[]));
        assert_eq!(split("", Some(","), -1).unwrap(), v(&[""]));
        assert_eq!(split("a\u{3000}b\x1cc", None, -1).unwrap(), v(&["a", "b", "c"]));
        assert_eq!(rsplit("a\u{3000}b\x1cc", None, -1).unwrap(), v(&["a", "b", "c"]));
        assert_eq!(
            split("x", Some(""), -1),
            Err(TextOpError::ValueError("empty separator".into()))
        );
        assert_eq!(
            splitlines("ab\ncd\r\nef\rgh\x0bij\x0ckl\x1cmn\u{85}op\u{2028}qr\n", false),
            v(&["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "qr"])
        );
        assert_eq!(splitlines("ab\r\ncd\n", true), v(&["ab\r\n", "cd\n"]));
        assert_eq!(splitlines("", false), v(&[]));
        assert_eq!(splitlines("\n", false), v(&[""]));
        assert_eq!(partition("a,b,c", ",").unwrap(), ("a".into(), ",".into(), "b,c".into()));
        assert_eq!(rpartition("a,b,c", ",").unwrap(), ("a,b".into(), ",".into(), "c".into()));
        assert_eq!(partition("abc", "x").unwrap(), ("abc".into(), "".into(), "".into()));
        assert_eq!(rpartition("abc", "x").unwrap(), ("".into(), "".into(), "abc".into()));
    }

    #[test]
    fn searching() {
        assert_eq!(find("abcabc", "c", Some(2), None), 2);
        assert_eq!(find("abcabc", "c", Some(-2), None), 5);
        assert_eq!(rfind("abcabc", "c", Some(0), Some(4)), 2);
        assert_eq!(find("abc", "", Some(3), None), 3);
        assert_eq!(find("abc", "", Some(4), None), -1);
        assert_eq!(rfind("abc", "", None, None), 3);
        assert_eq!(find("héllo", "l", None, None), 2);
        assert_eq!(rfind("héllo", "l", None, None), 3);
        assert_eq!(count("abcabc", "bc", None, None), 2);
        assert_eq!(count("aaaa", "aa", None, None), 2);
        assert_eq!(count("abc", "", None, None), 4);
        assert_eq!(count("abc", "", Some(2), None), 2);
        assert_eq!(count("abc", "", Some(5), None), 0);
        assert!(startswith("abc", "", Some(3), None));
        assert!(!startswith("abc", "", Some(4), None));
        assert!(startswith("abc", "bc", Some(1), None));
        assert!(endswith("abc", "b", Some(0), Some(2)));
        assert!(endswith("abc", "abc", Some(-10), None));
        assert_eq!(
            index("a", "b", None, None),
            Err(TextOpError::ValueError("substring not found".into()))
        );
        assert_eq!(rindex("abab", "ab", None, None), Ok(2));
    }

    #[test]
    fn transforms() {
        assert_eq!(strip("  xax  ", None), "xax");
        assert_eq!(strip("xxaxx", Some("x")), "a");
        assert_eq!(lstrip("abcba", Some("ab")), "cba");
        assert_eq!(rstrip("abcba", Some("ab")), "abc");
        assert_eq!(replace("aaa", "a", "b", 2), "bba");
        assert_eq!(replace("abc", "", "-", -1), "-a-b-c-");
        assert_eq!(replace("abc", "", "-", 2), "-a-bc");
        assert_eq!(replace("", "", "x", -1), "x");
        assert_eq!(capitalize("hello wORLD"), "Hello world");
        assert_eq!(title("they're bill's friends"), "They'Re Bill'S Friends");
        assert_eq!(title("\u{1c6}emal"), "\u{1c5}emal");
        assert_eq!(capitalize("\u{1c6}emal"), "\u{1c5}emal");
        assert_eq!(upper("Straße"), "STRASSE");
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(lower("ΣΑΣ"), "σας");
        assert_eq!(lower("AbC"), "abc");
        assert_eq!(swapcase("aBc1"), "AbC1");
        assert_eq!(swapcase("ß"), "SS");
        assert_eq!(swapcase("1ΣΣ"), "1σς");
        assert_eq!(title("bb\r  ΣΣ"), "Bb\r  Σς");
        assert_eq!(capitalize("aΣ\u{3000}"), "Aς\u{3000}");
        assert_eq!(center("abc", 6, ' '), " abc  ");
        assert_eq!(center("abc", 7, '*'), "**abc**");
        assert_eq!(center("ab", 5, ' '), "  ab ");
        assert_eq!(ljust("abc", 5, '-'), "abc--");
        assert_eq!(rjust("abc", 5, ' '), "  abc");
        assert_eq!(zfill("-42", 6), "-00042");
        assert_eq!(zfill("+4", 4), "+004");
        assert_eq!(zfill("42", 1), "42");
        assert_eq!(expandtabs("a\tbc\td", 8), "a       bc      d");
        assert_eq!(expandtabs("a\tb\nc\td", 4), "a   b\nc   d");
        assert_eq!(expandtabs("\t", 0), "");
        assert_eq!(
            fill_char("ab"),
            Err(TextOpError::TypeError(
                "The fill character must be exactly one character long".into()
            ))
        );
    }

    #[test]
    fn predicates() {
        assert!(istitle("Hello World"));
        assert!(!istitle("Hello world"));
        assert!(isupper("HELLO"));
        assert!(isupper("HELLO1"));
        assert!(!isupper("1"));
        assert!(islower("abc1"));
        assert!(isdecimal("\u{663}"));
        assert!(isdigit("²"));
        assert!(!isdecimal("²"));
        assert!(isnumeric("½"));
        assert!(isnumeric("一"));
        assert!(isidentifier("_a1"));
        assert!(!isidentifier("1a"));
        assert!(!isidentifier(""));
        assert!(isalpha("é"));
        assert!(isalnum("a1"));
        assert!(isspace(" \t"));
        assert!(!isspace(""));
        assert!(isprintable(""));
        assert!(!isprintable("a\n"));
        assert!(!isascii("é"));
    }
}
