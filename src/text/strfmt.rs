//! `str.format` / `format_map` template parsing: literal text, replacement fields, auto numbering.
#![forbid(unsafe_code)]

use super::TextOpError;
use crate::text::unitables::decimal_value;

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldFirst {
    /// `{}`: next automatic index (resolve with [`AutoNumbering`]).
    Auto,
    Index(usize),
    Name(String),
}

/// A `.attr` or `[key]` accessor after the first part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccess {
    Attr(String),
    Index(usize),
    Key(String),
}

/// One replacement field `{first rest !conversion :spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatField {
    pub first: FieldFirst,
    pub rest: Vec<FieldAccess>,
    /// `r`, `s` or `a`.
    pub conversion: Option<char>,
    /// Raw spec text. When `spec_needs_expanding`, format it first with
    /// [`parse_nested_spec`] (it contains `{...}` fields and `{{`/`}}` escapes).
    pub spec: String,
    pub spec_needs_expanding: bool,
    /// A malformed accessor after `rest` (e.g. `{0.}`): CPython raises it only after looking up
    /// the first part and applying `rest`, so the renderer raises it at that point.
    pub rest_error: Option<TextOpError>,
}

/// A piece of a parsed format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatPiece {
    Literal(String),
    Field(FormatField),
}

fn verr<T>(m: &str) -> Result<T, TextOpError> {
    Err(TextOpError::ValueError(m.to_string()))
}

/// Parses a top-level `str.format` template.
pub fn parse_format_string(s: &str) -> Result<Vec<FormatPiece>, TextOpError> {
    parse_format_string_at(s, 0)
}

/// Parses a field's spec that needs expanding; `level` is 1 for a spec of a top-level field,
/// 2 for a spec nested in a spec (which raises "Max string recursion exceeded").
pub fn parse_nested_spec(spec: &str, level: usize) -> Result<Vec<FormatPiece>, TextOpError> {
    parse_format_string_at(spec, level)
}

/// Parses a template at a nesting level (0 = top level).
pub fn parse_format_string_at(s: &str, level: usize) -> Result<Vec<FormatPiece>, TextOpError> {
    if level >= 2 {
        return verr("Max string recursion exceeded");
    }
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '}' {
            if i + 1 < n && chars[i + 1] == '}' {
                lit.push('}');
                i += 2;
                continue;
            }
            return verr("Single '}' encountered in format string");
        }
        if c != '{' {
            lit.push(c);
            i += 1;
            continue;
        }
        if i + 1 < n && chars[i + 1] == '{' {
            lit.push('{');
            i += 2;
            continue;
        }
        if i + 1 >= n {
            return verr("Single '{' encountered in format string");
        }
        i += 1;
        // field name
        let name_start = i;
        loop {
            if i >= n {
                return verr("expected '}' before end of string");
            }
            match chars[i] {
                '[' => {
                    while i < n && chars[i] != ']' {
                        i += 1;
                    }
                    if i >= n {
                        return verr("expected '}' before end of string");
                    }
                    i += 1;
                }
                '}' | ':' | '!' => break,
                '{' => return verr("unexpected '{' in field name"),
                _ => i += 1,
            }
        }
        let name: String = chars[name_start..i].iter().collect();
        let mut conversion = None;
        let mut spec = String::new();
        let mut needs = false;
        let mut stop = chars[i];
        i += 1;
        if stop == '!' {
            if i >= n {
                return verr("end of string while looking for conversion specifier");
            }
            conversion = Some(chars[i]);
            i += 1;
            if i >= n {
                return verr("unmatched '{' in format spec");
            }
            stop = chars[i];
            i += 1;
            if stop != '}' && stop != ':' {
                return verr("expected ':' after conversion specifier");
            }
        }
        if stop == ':' {
            let mut depth = 1;
            loop {
                if i >= n {
                    return verr("unmatched '{' in format spec");
                }
                let c = chars[i];
                i += 1;
                if c == '{' {
                    depth += 1;
                    needs = true;
                } else if c == '}' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                spec.push(c);
            }
        }
        if let Some(cv) = conversion {
            if !matches!(cv, 'r' | 's' | 'a') {
                return Err(TextOpError::ValueError(format!(
                    "Unknown conversion specifier {}",
                    cv
                )));
            }
        }
        let (first, rest, rest_error) = parse_field_name_lazy(&name);
        if !lit.is_empty() {
            out.push(FormatPiece::Literal(std::mem::take(&mut lit)));
        }
        out.push(FormatPiece::Field(FormatField {
            first,
            rest,
            conversion,
            spec,
            spec_needs_expanding: needs,
            rest_error,
        }));
    }
    if !lit.is_empty() {
        out.push(FormatPiece::Literal(lit));
    }
    Ok(out)
}

fn as_index(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    let mut v: usize = 0;
    for c in s.chars() {
        let d = decimal_value(c)? as usize;
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(v)
}

/// Splits a field name like `0.attr[key][3]` into its first part and accessors.
pub fn parse_field_name(name: &str) -> Result<(FieldFirst, Vec<FieldAccess>), TextOpError> {
    match parse_field_name_lazy(name) {
        (_, _, Some(e)) => Err(e),
        (first, rest, None) => Ok((first, rest)),
    }
}

/// Like [`parse_field_name`], but a malformed accessor is returned (third) along with the
/// accessors before it, for CPython's lazy error order.
pub fn parse_field_name_lazy(name: &str) -> (FieldFirst, Vec<FieldAccess>, Option<TextOpError>) {
    match field_name_impl(name) {
        Ok((f, r)) => (f, r, None),
        Err((f, r, e)) => (f, r, Some(e)),
    }
}

type FieldNameError = (FieldFirst, Vec<FieldAccess>, TextOpError);

fn field_name_impl(name: &str) -> Result<(FieldFirst, Vec<FieldAccess>), FieldNameError> {
    let chars: Vec<char> = name.chars().collect();
    let mut i = 0;
    while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
        i += 1;
    }
    let first_s: String = chars[..i].iter().collect();
    let first = if first_s.is_empty() {
        FieldFirst::Auto
    } else if let Some(k) = as_index(&first_s) {
        FieldFirst::Index(k)
    } else {
        FieldFirst::Name(first_s)
    };
    let mut rest = Vec::new();
    while i < chars.len() {
        match chars[i] {
            '.' => {
                i += 1;
                let st = i;
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                if i == st {
                    return Err((
                        first,
                        rest,
                        TextOpError::ValueError("Empty attribute in format string".into()),
                    ));
                }
                rest.push(FieldAccess::Attr(chars[st..i].iter().collect()));
            }
            '[' => {
                i += 1;
                let st = i;
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err((
                        first,
                        rest,
                        TextOpError::ValueError("Missing ']' in format string".into()),
                    ));
                }
                if i == st {
                    return Err((
                        first,
                        rest,
                        TextOpError::ValueError("Empty attribute in format string".into()),
                    ));
                }
                let key: String = chars[st..i].iter().collect();
                i += 1;
                rest.push(match as_index(&key) {
                    Some(k) => FieldAccess::Index(k),
                    None => FieldAccess::Key(key),
                });
                if i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    return Err((
                        first,
                        rest,
                        TextOpError::ValueError(
                            "Only '.' or '[' may follow ']' in format field specifier".into(),
                        ),
                    ));
                }
            }
            _ => {
                return Err((
                    first,
                    rest,
                    TextOpError::ValueError(
                        "Only '.' or '[' may follow ']' in format field specifier".into(),
                    ),
                ))
            }
        }
    }
    Ok((first, rest))
}

/// Tracks automatic vs manual field numbering across one `str.format` call
/// (including fields inside nested specs).
#[derive(Debug, Clone, Default)]
pub struct AutoNumbering {
    auto_used: bool,
    manual_used: bool,
    next: usize,
}

impl AutoNumbering {
    /// Fresh state for one `str.format` call.
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves `Auto` to the next index; errors when mixing automatic and manual numbering.
    pub fn resolve(&mut self, first: &FieldFirst) -> Result<FieldFirst, TextOpError> {
        match first {
            FieldFirst::Auto => {
                if self.manual_used {
                    return verr("cannot switch from manual field specification to automatic field numbering");
                }
                self.auto_used = true;
                self.next += 1;
                Ok(FieldFirst::Index(self.next - 1))
            }
            FieldFirst::Index(k) => {
                if self.auto_used {
                    return verr("cannot switch from automatic field numbering to manual field specification");
                }
                self.manual_used = true;
                Ok(FieldFirst::Index(*k))
            }
            FieldFirst::Name(n) => Ok(FieldFirst::Name(n.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        match parse_format_string(s) {
            Err(e) => e.message().to_string(),
            Ok(p) => {
                let lazy = p.iter().find_map(|x| match x {
                    FormatPiece::Field(f) => f.rest_error.clone(),
                    _ => None,
                });
                match lazy {
                    Some(e) => e.message().to_string(),
                    None => format!("OK {:?}", p),
                }
            }
        }
    }

    fn field(p: &FormatPiece) -> &FormatField {
        match p {
            FormatPiece::Field(f) => f,
            _ => panic!("not a field"),
        }
    }

    #[test]
    fn errors() {
        let cases: &[(&str, &str)] = &[
            ("{", "Single '{' encountered in format string"),
            ("a{", "Single '{' encountered in format string"),
            ("}", "Single '}' encountered in format string"),
            ("{}}", "Single '}' encountered in format string"),
            ("{0:}}", "Single '}' encountered in format string"),
            ("{0:x}y}", "Single '}' encountered in format string"),
            ("{0[]}", "Empty attribute in format string"),
            ("{0..x}", "Empty attribute in format string"),
            ("{0.x[1}", "expected '}' before end of string"),
            ("{0[1]x}", "Only '.' or '[' may follow ']' in format field specifier"),
            ("{0!}", "unmatched '{' in format spec"),
            ("{0!rs}", "expected ':' after conversion specifier"),
            ("{0!x}", "Unknown conversion specifier x"),
            ("{0!", "end of string while looking for conversion specifier"),
            ("{0!r", "unmatched '{' in format spec"),
            ("{0:", "unmatched '{' in format spec"),
            ("{0[", "expected '}' before end of string"),
            ("{0.", "expected '}' before end of string"),
            ("{a", "expected '}' before end of string"),
            ("{0]", "expected '}' before end of string"),
            ("{0!r:", "unmatched '{' in format spec"),
            ("{!}", "unmatched '{' in format spec"),
            ("{0!r!s}", "expected ':' after conversion specifier"),
            ("{:", "unmatched '{' in format spec"),
        ];
        for (s, e) in cases {
            assert_eq!(err(s), *e, "{:?}", s);
        }
    }

    #[test]
    fn fields() {
        let p = parse_format_string("x{0}y{{z}}").unwrap();
        assert_eq!(p[0], FormatPiece::Literal("x".into()));
        assert_eq!(field(&p[1]).first, FieldFirst::Index(0));
        assert_eq!(p[2], FormatPiece::Literal("y{z}".into()));
        let p = parse_format_string("{0[}]}").unwrap();
        assert_eq!(field(&p[0]).rest, vec![FieldAccess::Key("}".into())]);
        let p = parse_format_string("{0[a:b]}{0[!]}{0[01]}{0[-1]}").unwrap();
        assert_eq!(field(&p[0]).rest, vec![FieldAccess::Key("a:b".into())]);
        assert_eq!(field(&p[1]).rest, vec![FieldAccess::Key("!".into())]);
        assert_eq!(field(&p[2]).rest, vec![FieldAccess::Index(1)]);
        assert_eq!(field(&p[3]).rest, vec![FieldAccess::Key("-1".into())]);
        let p = parse_format_string("{name.attr[3]!r:>{width}}").unwrap();
        let f = field(&p[0]);
        assert_eq!(f.first, FieldFirst::Name("name".into()));
        assert_eq!(f.rest, vec![FieldAccess::Attr("attr".into()), FieldAccess::Index(3)]);
        assert_eq!(f.conversion, Some('r'));
        assert_eq!(f.spec, ">{width}");
        assert!(f.spec_needs_expanding);
        let p = parse_format_string("{ 0}{00}{-1}{:}").unwrap();
        assert_eq!(field(&p[0]).first, FieldFirst::Name(" 0".into()));
        assert_eq!(field(&p[1]).first, FieldFirst::Index(0));
        assert_eq!(field(&p[2]).first, FieldFirst::Name("-1".into()));
        assert_eq!(field(&p[3]).first, FieldFirst::Auto);
        let p = parse_format_string("{0:{{}}}").unwrap();
        assert_eq!(field(&p[0]).spec, "{{}}");
        let nested = parse_nested_spec(&field(&p[0]).spec, 1).unwrap();
        assert_eq!(nested, vec![FormatPiece::Literal("{}".into())]);
        let p = parse_format_string("{0:{1:{1}}}").unwrap();
        let n1 = parse_nested_spec(&field(&p[0]).spec, 1).unwrap();
        assert!(field(&n1[0]).spec_needs_expanding);
        assert_eq!(
            parse_nested_spec(&field(&n1[0]).spec, 2),
            Err(TextOpError::ValueError("Max string recursion exceeded".into()))
        );
        let p = parse_format_string("{0:!r}").unwrap();
        assert_eq!(field(&p[0]).spec, "!r");
        assert_eq!(field(&p[0]).conversion, None);
    }

    #[test]
    fn numbering() {
        let mut a = AutoNumbering::new();
        assert_eq!(a.resolve(&FieldFirst::Auto), Ok(FieldFirst::Index(0)));
        assert_eq!(a.resolve(&FieldFirst::Name("x".into())), Ok(FieldFirst::Name("x".into())));
        assert_eq!(a.resolve(&FieldFirst::Auto), Ok(FieldFirst::Index(1)));
        assert_eq!(
            a.resolve(&FieldFirst::Index(0)),
            Err(TextOpError::ValueError(
                "cannot switch from automatic field numbering to manual field specification".into()
            ))
        );
        let mut m = AutoNumbering::new();
        assert!(m.resolve(&FieldFirst::Index(0)).is_ok());
        assert_eq!(
            m.resolve(&FieldFirst::Auto),
            Err(TextOpError::ValueError(
                "cannot switch from manual field specification to automatic field numbering".into()
            ))
        );
    }
}
