//! printf-style `str % args` formatting: parse the format string, then render each spec with a VM-supplied value.
#![forbid(unsafe_code)]

use super::TextOpError;
use crate::num::floatfmt::format_float_abs;
use crate::num::ops::{f64_to_int, int_to_f64};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// Width or precision of a `%` spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentCount {
    Num(usize),
    /// `*`: taken from the next positional argument (an int).
    Star,
}

/// One `%...` conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    /// `%(key)s` mapping key.
    pub key: Option<String>,
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub zero: bool,
    pub alt: bool,
    pub width: Option<PercentCount>,
    pub precision: Option<PercentCount>,
    /// One of `s r a d i u o x X e E f F g G c %`.
    pub conv: char,
}

impl PercentSpec {
    /// Number of positional arguments this spec consumes (stars plus the value; `%%` literal none).
    pub fn args_needed(&self) -> usize {
        let stars = usize::from(self.width == Some(PercentCount::Star))
            + usize::from(self.precision == Some(PercentCount::Star));
        let value = usize::from(self.key.is_none());
        stars + value
    }
}

/// A piece of a parsed `%` format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece {
    Literal(String),
    Spec(PercentSpec),
}

/// A value handed to [`render_percent`]. For `s`/`r`/`a` the VM passes the already
/// converted `str`/`repr`/`ascii` text as `Str`. `Other` carries a Python type name
/// (for the TypeError messages).
#[derive(Debug, Clone, PartialEq)]
pub enum PercentValue {
    Int(BigInt),
    Float(f64),
    Str(String),
    Other(String),
}

impl PercentValue {
    fn type_name(&self) -> &str {
        match self {
            PercentValue::Int(_) => "int",
            PercentValue::Float(_) => "float",
            PercentValue::Str(_) => "str",
            PercentValue::Other(t) => t,
        }
    }
}

/// "not enough arguments for format string" TypeError.
pub fn not_enough_args() -> TextOpError {
    TextOpError::TypeError("not enough arguments for format string".into())
}

/// "not all arguments converted during string formatting" TypeError.
pub fn not_all_converted() -> TextOpError {
    TextOpError::TypeError("not all arguments converted during string formatting".into())
}

/// "format requires a mapping" TypeError (a `%(key)` spec with non-mapping args).
pub fn requires_mapping() -> TextOpError {
    TextOpError::TypeError("format requires a mapping".into())
}

/// "* wants int" TypeError (a `*` width/precision argument that is not an int).
pub fn star_wants_int() -> TextOpError {
    TextOpError::TypeError("* wants int".into())
}

/// Parses a `%` format string into literals and conversion specs.
pub fn parse_percent(fmt: &str) -> Result<Vec<PercentPiece>, TextOpError> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            lit.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(TextOpError::ValueError("incomplete format".into()));
        }
        if chars[i] == '%' {
            lit.push('%');
            i += 1;
            continue;
        }
        let mut spec = PercentSpec {
            key: None,
            left: false,
            plus: false,
            space: false,
            zero: false,
            alt: false,
            width: None,
            precision: None,
            conv: 's',
        };
        if chars[i] == '(' {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(TextOpError::ValueError("incomplete format key".into()));
            }
            spec.key = Some(chars[start..i - 1].iter().collect());
        }
        while i < chars.len() {
            match chars[i] {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let count = |i: &mut usize,
                     limit: usize,
                     what: &str|
         -> Result<Option<PercentCount>, TextOpError> {
            if *i < chars.len() && chars[*i] == '*' {
                *i += 1;
                return Ok(Some(PercentCount::Star));
            }
            let start = *i;
            let mut v: usize = 0;
            while *i < chars.len() && chars[*i].is_ascii_digit() {
                v = v
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(chars[*i] as usize - '0' as usize))
                    .filter(|&x| x <= limit)
                    .ok_or_else(|| TextOpError::ValueError(format!("{what} too big")))?;
                *i += 1;
            }
            Ok(if *i > start { Some(PercentCount::Num(v)) } else { None })
        };
        spec.width = count(&mut i, isize::MAX as usize, "width")?;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            spec.precision = Some(
                count(&mut i, i32::MAX as usize, "precision")?.unwrap_or(PercentCount::Num(0)),
            );
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(TextOpError::ValueError("incomplete format".into()));
        }
        let conv = chars[i];
        // `%%` is handled above; a `%` after flags/width is rejected (CPython 3.11).
        if !"sradiuoxXeEfFgGc".contains(conv) {
            let shown = if (' '..='~').contains(&conv) { conv } else { '?' };
            return Err(TextOpError::ValueError(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                shown, conv as u32, i
            )));
        }
        spec.conv = conv;
        i += 1;
        if !lit.is_empty() {
            out.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        out.push(PercentPiece::Spec(spec));
    }
    if !lit.is_empty() {
        out.push(PercentPiece::Literal(lit));
    }
    Ok(out)
}

fn pad_to(s: String, width: usize, left: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s;
    }
    let fill = " ".repeat(width - n);
    if left {
        s + &fill
    } else {
        fill + &s
    }
}

/// Renders one spec. `star_width`/`star_precision` are the int arguments consumed for `*`
/// (ignored unless the spec uses `*`).
pub fn render_percent(
    spec: &PercentSpec,
    value: PercentValue,
    star_width: Option<i64>,
    star_precision: Option<i64>,
) -> Result<String, TextOpError> {
    let mut left = spec.left;
    let width = match spec.width {
        Some(PercentCount::Num(n)) => n,
        Some(PercentCount::Star) => {
            let w = star_width.unwrap_or(0);
            if w < 0 {
                left = true;
            }
            w.unsigned_abs() as usize
        }
        None => 0,
    };
    let precision = match spec.precision {
        Some(PercentCount::Num(n)) => Some(n),
        Some(PercentCount::Star) => Some(star_precision.unwrap_or(0).max(0) as usize),
        None => None,
    };
    let conv = spec.conv;
    match conv {
        '%' => Ok("%".to_string()),
        's' | 'r' | 'a' => {
            let s = match value {
                PercentValue::Str(s) => s,
                PercentValue::Int(i) => i.to_string(),
                PercentValue::Float(f) => crate::num::floatfmt::float_repr(f),
                PercentValue::Other(t) => t,
            };
            let s = match precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            Ok(pad_to(s, width, left))
        }
        'c' => {
            let c = match value {
                PercentValue::Int(i) => {
                    i.to_u32().filter(|_| !i.is_negative()).and_then(char::from_u32).ok_or_else(
                        || TextOpError::OverflowError("%c arg not in range(0x110000)".into()),
                    )?
                }
                PercentValue::Str(ref s) if s.chars().count() == 1 => {
                    s.chars().next().unwrap_or(' ')
                }
                _ => return Err(TextOpError::TypeError("%c requires int or char".into())),
            };
            Ok(pad_to(c.to_string(), width, left))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n = match value {
                PercentValue::Int(i) => i,
                PercentValue::Float(f) if matches!(conv, 'd' | 'i' | 'u') => f64_to_int(f)?,
                other => {
                    let what = if matches!(conv, 'd' | 'i' | 'u') {
                        "a real number"
                    } else {
                        "an integer"
                    };
                    return Err(TextOpError::TypeError(format!(
                        "%{} format: {} is required, not {}",
                        conv,
                        what,
                        other.type_name()
                    )));
                }
            };
            let (radix, pfx) = match conv {
                'o' => (8, "0o"),
                'x' => (16, "0x"),
                'X' => (16, "0X"),
                _ => (10, ""),
            };
            let mut digits = n.abs().to_str_radix(radix);
            if conv == 'X' {
                digits.make_ascii_uppercase();
            }
            if let Some(p) = precision {
                if digits.len() < p {
                    digits = "0".repeat(p - digits.len()) + &digits;
                }
            }
            let prefix = if spec.alt { pfx } else { "" };
            Ok(layout_num(n.is_negative(), prefix, &digits, spec, width, left))
        }
        _ => {
            let x = match value {
                PercentValue::Float(f) => f,
                PercentValue::Int(i) => int_to_f64(&i)?,
                other => {
                    return Err(TextOpError::TypeError(format!(
                        "must be real number, not {}",
                        other.type_name()
                    )))
                }
            };
            let body = format_float_abs(x, conv, Some(precision.unwrap_or(6)), spec.alt);
            Ok(layout_num(x.is_sign_negative() && !x.is_nan(), "", &body, spec, width, left))
        }
    }
}

fn layout_num(
    neg: bool,
    prefix: &str,
    body: &str,
    spec: &PercentSpec,
    width: usize,
    left: bool,
) -> String {
    let sign = if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    if spec.zero && !left && len < width {
        return format!("{}{}{}{}", sign, prefix, "0".repeat(width - len), body);
    }
    pad_to(format!("{}{}{}", sign, prefix, body), width, left)
}

/// Convenience driver for positional arguments: `args` must hold, in order, the values the
/// specs consume (star ints as `Int`, `s`/`r`/`a` values already converted to `Str`).
pub fn percent_format_positional(
    pieces: &[PercentPiece],
    args: Vec<PercentValue>,
) -> Result<String, TextOpError> {
    let mut it = args.into_iter();
    let mut out = String::new();
    let star = |v: Option<PercentValue>| -> Result<i64, TextOpError> {
        match v {
            Some(PercentValue::Int(i)) => i.to_i64().ok_or_else(|| {
                TextOpError::OverflowError("Python int too large to convert to C int".into())
            }),
            Some(_) => Err(star_wants_int()),
            None => Err(not_enough_args()),
        }
    };
    for p in pieces {
        match p {
            PercentPiece::Literal(s) => out.push_str(s),
            PercentPiece::Spec(spec) => {
                if spec.key.is_some() {
                    return Err(requires_mapping());
                }
                let w = if spec.width == Some(PercentCount::Star) {
                    Some(star(it.next())?)
                } else {
                    None
                };
                let pr = if spec.precision == Some(PercentCount::Star) {
                    Some(star(it.next())?)
                } else {
                    None
                };
                if spec.conv == '%' && spec.width.is_none() && spec.precision.is_none() {
                    out.push('%');
                    continue;
                }
                let v = it.next().ok_or_else(not_enough_args)?;
                out.push_str(&render_percent(spec, v, w, pr)?);
            }
        }
    }
    if it.next().is_some() {
        return Err(not_all_converted());
    }
    Ok(out)
}

#[cfg(test)]
// 3.14159 is sample data for %-formatting, not an approximation of pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use PercentValue::*;

    fn int(i: i64) -> PercentValue {
        Int(BigInt::from(i))
    }
    fn s(x: &str) -> PercentValue {
        Str(x.to_string())
    }
    fn run(fmt: &str, args: Vec<PercentValue>) -> String {
        match parse_percent(fmt).and_then(|p| percent_format_positional(&p, args)) {
            Ok(s) => s,
            Err(e) => format!("EXC {} {}", e.type_name(), e.message()),
        }
    }

    #[test]
    fn cases() {
        let cases: Vec<(&str, Vec<PercentValue>, &str)> = vec![
            ("%05f", vec![Float(f64::INFINITY)], "00inf"),
            ("%-05d", vec![int(3)], "3    "),
            ("%05s", vec![s("a")], "    a"),
            ("%.3d", vec![int(5)], "005"),
            ("%+.3d", vec![int(-5)], "-005"),
            ("%#.3x", vec![int(5)], "0x005"),
            ("%#5o", vec![int(8)], " 0o10"),
            ("%#x", vec![int(255)], "0xff"),
            ("%#X", vec![int(255)], "0XFF"),
            ("%x", vec![int(-255)], "-ff"),
            ("%#x", vec![int(-255)], "-0xff"),
            ("%08.3f", vec![Float(-3.14159)], "-003.142"),
            ("% d", vec![int(5)], " 5"),
            ("%+ d", vec![int(5)], "+5"),
            ("% +d", vec![int(5)], "+5"),
            ("%.3g", vec![Float(0.0001234)], "0.000123"),
            ("%10.4s", vec![s("abcdefgh")], "      abcd"),
            ("%-10s|", vec![s("ab")], "ab        |"),
            ("%c", vec![s("A")], "A"),
            ("%c", vec![int(65)], "A"),
            ("%5c", vec![int(65)], "    A"),
            ("%d", vec![Float(3.9)], "3"),
            ("%d", vec![Float(-3.9)], "-3"),
            ("%u", vec![int(7)], "7"),
            ("%e", vec![int(1)], "1.000000e+00"),
            ("%.0e", vec![Float(12345.0)], "1e+04"),
            ("%#.0f", vec![Float(3.0)], "3."),
            ("%g", vec![Float(1e16)], "1e+16"),
            ("%G", vec![Float(1e-10)], "1E-10"),
            ("%*d", vec![int(5), int(3)], "    3"),
            ("%-*d|", vec![int(5), int(3)], "3    |"),
            ("%*d|", vec![int(-5), int(3)], "3    |"),
            ("%.*f", vec![int(2), Float(3.14159)], "3.14"),
            ("%.*f", vec![int(-2), Float(3.14159)], "3"),
            ("%%", vec![], "%"),
            ("%", vec![], "EXC ValueError incomplete format"),
            ("%(a", vec![], "EXC ValueError incomplete format key"),
            (
                "%d",
                vec![Float(f64::INFINITY)],
                "EXC OverflowError cannot convert float infinity to integer",
            ),
            ("%d", vec![Float(f64::NAN)], "EXC ValueError cannot convert float NaN to integer"),
            ("%x", vec![Float(3.0)], "EXC TypeError %x format: an integer is required, not float"),
            ("%f", vec![s("a")], "EXC TypeError must be real number, not str"),
            (
                "%d",
                vec![Other("NoneType".into())],
                "EXC TypeError %d format: a real number is required, not NoneType",
            ),
            ("%d", vec![s("a")], "EXC TypeError %d format: a real number is required, not str"),
            ("%c", vec![int(0x110000)], "EXC OverflowError %c arg not in range(0x110000)"),
            ("%c", vec![Float(1.5)], "EXC TypeError %c requires int or char"),
            ("%c", vec![s("ab")], "EXC TypeError %c requires int or char"),
            ("%.0s", vec![s("abc")], ""),
            ("%#g", vec![Float(1.0)], "1.00000"),
            ("%#.3g", vec![Float(1.0)], "1.00"),
            ("%010.2e", vec![Float(-1234.5)], "-01.23e+03"),
            (
                "%z",
                vec![int(1)],
                "EXC ValueError unsupported format character 'z' (0x7a) at index 1",
            ),
            (
                "%y",
                vec![int(1)],
                "EXC ValueError unsupported format character 'y' (0x79) at index 1",
            ),
            (
                "ab %é",
                vec![int(1)],
                "EXC ValueError unsupported format character '?' (0xe9) at index 4",
            ),
            ("%-#10x|", vec![int(255)], "0xff      |"),
            ("%0*d", vec![int(5), int(3)], "00003"),
            ("%ld", vec![int(5)], "5"),
            ("%5.1d", vec![int(3)], "    3"),
            ("%s %s", vec![s("a")], "EXC TypeError not enough arguments for format string"),
            (
                "%s",
                vec![s("a"), s("b")],
                "EXC TypeError not all arguments converted during string formatting",
            ),
            (
                "abc",
                vec![int(5)],
                "EXC TypeError not all arguments converted during string formatting",
            ),
            ("%o", vec![int(-8)], "-10"),
            ("%#o", vec![int(0)], "0o0"),
            ("%#x", vec![int(0)], "0x0"),
            ("% s", vec![s("a")], "a"),
            ("%.5d", vec![int(-12)], "-00012"),
            ("%08.5d", vec![int(-12)], "-0000012"),
            ("%-8.5d|", vec![int(-12)], "-00012  |"),
            ("%+f", vec![Float(0.0)], "+0.000000"),
            ("%+f", vec![Float(-0.0)], "-0.000000"),
            ("%F", vec![Float(f64::NAN)], "NAN"),
            ("%05.1F", vec![Float(f64::NEG_INFINITY)], "-0INF"),
            ("%*d", vec![s("a"), int(1)], "EXC TypeError * wants int"),
            ("x=%d, y=%s!", vec![int(1), s("two")], "x=1, y=two!"),
            ("%s", vec![Float(1.5)], "1.5"),
        ];
        for (f, a, e) in cases {
            assert_eq!(run(f, a), e, "{:?}", f);
        }
        assert_eq!(
            render_percent(&parse_spec1("%f"), Int(BigInt::from(10u32).pow(400)), None, None),
            Err(TextOpError::OverflowError("int too large to convert to float".into()))
        );
    }

    fn parse_spec1(f: &str) -> PercentSpec {
        match parse_percent(f).unwrap().remove(0) {
            PercentPiece::Spec(s) => s,
            _ => panic!(),
        }
    }

    #[test]
    fn parse_keys() {
        let p = parse_percent("%(a)s-%(b)05d").unwrap();
        assert_eq!(p.len(), 3);
        match &p[2] {
            PercentPiece::Spec(s) => {
                assert_eq!(s.key.as_deref(), Some("b"));
                assert!(s.zero);
                assert_eq!(s.width, Some(PercentCount::Num(5)));
                assert_eq!(s.args_needed(), 0);
                assert_eq!(render_percent(s, int(2), None, None).unwrap(), "00002");
            }
            _ => panic!(),
        }
        assert_eq!(parse_spec1("%(a(b))s").key.as_deref(), Some("a(b)"));
    }
}
