//! The format-spec mini-language (`format(value, spec)`) for int, float and str, as CPython 3.11.
#![forbid(unsafe_code)]

use super::TextOpError;
use crate::num::floatfmt::{body_is_zero, format_float_abs};
use crate::num::ops::int_to_f64;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    /// One of `< > = ^`, or None for the type's default.
    pub align: Option<char>,
    /// One of `+ - ' '`, or None.
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

fn verr<T>(m: String) -> Result<T, TextOpError> {
    Err(TextOpError::ValueError(m))
}

fn parse_num(chars: &[char], i: &mut usize) -> Result<Option<usize>, TextOpError> {
    let start = *i;
    let mut v: usize = 0;
    let mut overflow = false;
    while *i < chars.len() && chars[*i].is_ascii_digit() {
        let d = chars[*i] as usize - '0' as usize;
        match v.checked_mul(10).and_then(|x| x.checked_add(d)) {
            Some(n) if n <= isize::MAX as usize => v = n,
            _ => overflow = true,
        }
        *i += 1;
    }
    if overflow {
        return verr("Too many decimal digits in format string".into());
    }
    Ok(if *i > start { Some(v) } else { None })
}

/// Parses a format spec; `type_name` is used in the "Invalid format specifier" message.
pub fn parse_format_spec(spec: &str, type_name: &str) -> Result<FormatSpec, TextOpError> {
    let chars: Vec<char> = spec.chars().collect();
    let mut f = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        z: false,
        alt: false,
        width: None,
        grouping: None,
        precision: None,
        ty: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut i = 0;
    let mut fill_given = false;
    if chars.len() >= 2 && is_align(chars[1]) {
        f.fill = chars[0];
        f.align = Some(chars[1]);
        fill_given = true;
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        f.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        f.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        f.z = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        f.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' && !fill_given {
        f.fill = '0';
        if f.align.is_none() {
            f.align = Some('0'); // marker: '=' for numbers, '<' for strings
        }
        i += 1;
    }
    f.width = parse_num(&chars, &mut i)?;
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        f.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        return verr("Cannot specify both ',' and '_'.".into());
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        f.precision = parse_num(&chars, &mut i)?;
        if f.precision.is_none() {
            return verr("Format specifier missing precision".into());
        }
    }
    if chars.len() - i > 1 {
        return verr(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            spec, type_name
        ));
    }
    if i < chars.len() {
        f.ty = Some(chars[i]);
    }
    if let Some(g) = f.grouping {
        if let Some(t) = f.ty {
            let ok = match t {
                'd' | 'e' | 'f' | 'g' | 'E' | 'F' | 'G' | '%' => true,
                'b' | 'o' | 'x' | 'X' => g == '_',
                _ => false,
            };
            if !ok {
                return verr(format!("Cannot specify '{}' with '{}'.", g, t));
            }
        }
    }
    Ok(f)
}

fn pad(s: &str, len: usize, f: &FormatSpec, default_align: char) -> String {
    let width = f.width.unwrap_or(0);
    if len >= width {
        return s.to_string();
    }
    let n = width - len;
    let align = match f.align {
        None | Some('0') => default_align,
        Some(a) => a,
    };
    let fill = |k: usize| std::iter::repeat_n(f.fill, k).collect::<String>();
    match align {
        '<' => format!("{}{}", s, fill(n)),
        '^' => format!("{}{}{}", fill(n / 2), s, fill(n - n / 2)),
        _ => format!("{}{}", fill(n), s),
    }
}

/// Inserts `sep` every `every` digits from the right, zero-extending to `min_width` chars.
fn group_digits(digits: &str, sep: Option<char>, every: usize, min_width: usize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut n = d.len();
    let glen = |n: usize| match sep {
        Some(_) if n > 0 => n + (n - 1) / every,
        _ => n,
    };
    while glen(n) < min_width {
        n += 1;
    }
    let padded: Vec<char> = std::iter::repeat_n('0', n - d.len()).chain(d).collect();
    let mut out = String::with_capacity(glen(n));
    for (k, c) in padded.iter().enumerate() {
        if k > 0 && (n - k).is_multiple_of(every) {
            if let Some(s) = sep {
                out.push(s);
            }
        }
        out.push(*c);
    }
    out
}

/// Lays out a number: sign, prefix, integer digits (grouped), remainder; applies width/fill/align.
fn layout_number(
    neg: bool,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    f: &FormatSpec,
    every: usize,
) -> String {
    let sign = if neg {
        "-"
    } else {
        match f.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let zero_pad = matches!(f.align, Some('=') | Some('0')) && f.fill == '0';
    let min_digits = if zero_pad {
        f.width.unwrap_or(0).saturating_sub(sign.len() + prefix.len() + rest.chars().count())
    } else {
        0
    };
    // nan/inf have no digits: their zero padding is never grouped.
    let grouping = if int_digits.is_empty() { None } else { f.grouping };
    let body = group_digits(int_digits, grouping, every, min_digits);
    let align = match f.align {
        Some('0') | None => '>',
        Some(a) => a,
    };
    let width = f.width.unwrap_or(0);
    let len = sign.len() + prefix.len() + body.chars().count() + rest.chars().count();
    if align == '=' || (f.align == Some('0')) {
        let n = width.saturating_sub(len);
        let fill: String = std::iter::repeat_n(f.fill, n).collect();
        return format!("{}{}{}{}{}", sign, prefix, fill, body, rest);
    }
    let s = format!("{}{}{}{}", sign, prefix, body, rest);
    let mut g = f.clone();
    g.align = Some(align);
    pad(&s, len, &g, '>')
}

/// `format(int, spec)`.
pub fn format_int(v: &BigInt, spec: &str) -> Result<String, TextOpError> {
    let f = parse_format_spec(spec, "int")?;
    format_int_spec(v, &f)
}

/// `format(int, spec)` with an already parsed spec.
pub fn format_int_spec(v: &BigInt, f: &FormatSpec) -> Result<String, TextOpError> {
    let ty = f.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int_to_f64(v)?;
            return format_float_spec(x, f);
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        t => return verr(format!("Unknown format code '{}' for object of type 'int'", t)),
    }
    if f.precision.is_some() {
        return verr("Precision not allowed in integer format specifier".into());
    }
    if f.z {
        return verr("Negative zero coercion (z) not allowed in integer format specifier".into());
    }
    if ty == 'c' {
        if f.sign.is_some() {
            return verr("Sign not allowed with integer format specifier 'c'".into());
        }
        if f.alt {
            return verr("Alternate form (#) not allowed with integer format specifier 'c'".into());
        }
        if v.to_i64().is_none() {
            return Err(TextOpError::OverflowError(
                "Python int too large to convert to C long".into(),
            ));
        }
        let c = v
            .to_u32()
            .and_then(char::from_u32)
            .ok_or_else(|| TextOpError::OverflowError("%c arg not in range(0x110000)".into()))?;
        let s = c.to_string();
        let mut g = f.clone();
        if g.align == Some('0') {
            g.align = Some('>');
        }
        return Ok(pad(&s, 1, &g, '>'));
    }
    if ty == 'n' && f.grouping.is_some() {
        return verr(format!("Cannot specify '{}' with 'n'.", f.grouping.unwrap_or(',')));
    }
    let (base, pfx) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs().to_str_radix(base);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if f.alt { pfx } else { "" };
    let every = if base == 10 { 3 } else { 4 };
    Ok(layout_number(v.is_negative(), prefix, &digits, "", f, every))
}

/// `format(float, spec)`.
pub fn format_float(x: f64, spec: &str) -> Result<String, TextOpError> {
    let f = parse_format_spec(spec, "float")?;
    format_float_spec(x, &f)
}

/// `format(float, spec)` with an already parsed spec.
pub fn format_float_spec(x: f64, f: &FormatSpec) -> Result<String, TextOpError> {
    let ty = match f.ty {
        None => 'r',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) => t,
        Some(t) => return verr(format!("Unknown format code '{}' for object of type 'float'", t)),
    };
    if ty == 'n' && f.grouping.is_some() {
        return verr(format!("Cannot specify '{}' with 'n'.", f.grouping.unwrap_or(',')));
    }
    let body = format_float_abs(x, ty, f.precision, f.alt);
    let mut neg = x.is_sign_negative() && !x.is_nan();
    if neg && f.z && body_is_zero(&body) {
        neg = false;
    }
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let (int_part, rest) = body.split_at(split);
    Ok(layout_number(neg, "", int_part, rest, f, 3))
}

/// `format(str, spec)`.
pub fn format_str(s: &str, spec: &str) -> Result<String, TextOpError> {
    let f = parse_format_spec(spec, "str")?;
    format_str_spec(s, &f)
}

/// `format(str, spec)` with an already parsed spec.
pub fn format_str_spec(s: &str, f: &FormatSpec) -> Result<String, TextOpError> {
    match f.ty {
        None | Some('s') => {}
        Some(t) => return verr(format!("Unknown format code '{}' for object of type 'str'", t)),
    }
    // Checked while parsing in CPython (with the default type 's'), so before sign/alt.
    if let Some(g) = f.grouping {
        return verr(format!("Cannot specify '{}' with 's'.", g));
    }
    if f.sign == Some(' ') {
        return verr("Space not allowed in string format specifier".into());
    }
    if f.sign.is_some() {
        return verr("Sign not allowed in string format specifier".into());
    }
    if f.z {
        return verr("Negative zero coercion (z) not allowed in string format specifier".into());
    }
    if f.alt {
        return verr("Alternate form (#) not allowed in string format specifier".into());
    }
    if f.align == Some('=') {
        return verr("'=' alignment not allowed in string format specifier".into());
    }
    if let Some(g) = f.grouping {
        return verr(format!("Cannot specify '{}' with 's'.", g));
    }
    let (text, len): (String, usize) = match f.precision {
        Some(p) => {
            let t: String = s.chars().take(p).collect();
            let n = t.chars().count();
            (t, n)
        }
        None => (s.to_string(), s.chars().count()),
    };
    Ok(pad(&text, len, f, '<'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fi(v: i64, spec: &str) -> String {
        match format_int(&BigInt::from(v), spec) {
            Ok(s) => s,
            Err(e) => format!("EXC {}", e.message()),
        }
    }
    fn ff(v: f64, spec: &str) -> String {
        match format_float(v, spec) {
            Ok(s) => s,
            Err(e) => format!("EXC {}", e.message()),
        }
    }
    fn fs(v: &str, spec: &str) -> String {
        match format_str(v, spec) {
            Ok(s) => s,
            Err(e) => format!("EXC {}", e.message()),
        }
    }

    #[test]
    fn ints() {
        let cases: &[(i64, &str, &str)] = &[
            (1234, "0=10,", "00,001,234"),
            (1234, "*=10,", "*****1,234"),
            (1234, "0>10,", "000001,234"),
            (1234, "0<10", "1234000000"),
            (1234, "010_b", "100_1101_0010"),
            (1234, "_o", "2322"),
            (1234, "_b", "100_1101_0010"),
            (1234, ",x", "EXC Cannot specify ',' with 'x'."),
            (1234, "#_x", "0x4d2"),
            (-1234, "#012_x", "-0x0000_04d2"),
            (65, "5c", "    A"),
            (65, "<5c", "A    "),
            (65, "=5c", "    A"),
            (1, "q", "EXC Unknown format code 'q' for object of type 'int'"),
            (1, "dd", "EXC Invalid format specifier 'dd' for object of type 'int'"),
            (1, ".2f", "1.00"),
            (1, "n", "1"),
            (1234567, "n", "1234567"),
            (12345, "e", "1.234500e+04"),
            (0x110000, "c", "EXC %c arg not in range(0x110000)"),
            (1, "=^5", "==1=="),
            (1, "", "1"),
            (-5, "<5", "-5   "),
            (-5, " ", "-5"),
            (5, " ", " 5"),
            (5, "+d", "+5"),
            (1234, "#o", "0o2322"),
            (1234, "#b", "0b10011010010"),
            (1234, "#X", "0X4D2"),
            (-255, "#X", "-0XFF"),
            (1, "020,", "0,000,000,000,000,001"),
            (1, "020_", "0_000_000_000_000_001"),
            (12, "#010b", "0b00001100"),
            (-12, "+#010b", "-0b0001100"),
            (5, "%", "500.000000%"),
            (5, "E", "5.000000E+00"),
            (12345678, "011,", "012,345,678"),
            (12345678, "012,", "0,012,345,678"),
            (12345678, "013,", "0,012,345,678"),
            (1234, "0=8", "00001234"),
            (1234, "#=8x", "#####4d2"),
            (-1234, "#010x", "-0x00004d2"),
            (255, "#_b", "0b1111_1111"),
            (1 << 40, "_x", "100_0000_0000"),
            (12345, "n", "12345"),
            (1, ".2", "EXC Precision not allowed in integer format specifier"),
            (-1, "c", "EXC %c arg not in range(0x110000)"),
            (1, "#c", "EXC Alternate form (#) not allowed with integer format specifier 'c'"),
            (1, "z", "EXC Negative zero coercion (z) not allowed in integer format specifier"),
            (1, ",_", "EXC Cannot specify both ',' and '_'."),
            (1, "_,", "EXC Cannot specify both ',' and '_'."),
            (1, ",c", "EXC Cannot specify ',' with 'c'."),
            (1, "s", "EXC Unknown format code 's' for object of type 'int'"),
            (1, "99999999999999999999", "EXC Too many decimal digits in format string"),
            (1234567, ",", "1,234,567"),
            (-1234567, "_d", "-1_234_567"),
            (42, "^+9", "   +42   "),
        ];
        for (v, s, e) in cases {
            assert_eq!(fi(*v, s), *e, "format({}, {:?})", v, s);
        }
        assert_eq!(
            format_int(&BigInt::from(10u32).pow(400), "f"),
            Err(TextOpError::OverflowError("int too large to convert to float".into()))
        );
    }

    #[test]
    fn floats() {
        let cases: &[(f64, &str, &str)] = &[
            (1.5, "d", "EXC Unknown format code 'd' for object of type 'float'"),
            (1.5, "ff", "EXC Invalid format specifier 'ff' for object of type 'float'"),
            (1.5, ".", "EXC Format specifier missing precision"),
            (1.5, ",n", "EXC Cannot specify ',' with 'n'."),
            (f64::INFINITY, "010", "0000000inf"),
            (f64::NEG_INFINITY, "=+10", "-      inf"),
            (1.5, "010", "00000001.5"),
            (-1e5, "015,.2f", "-000,100,000.00"),
            (1234567.5, "_", "1_234_567.5"),
            (1234567.5, ",", "1,234,567.5"),
            (1e20, ",", "1e+20"),
            (1234.5, "020,", "00,000,000,001,234.5"),
            (1.5, "^+9.2f", "  +1.50  "),
            (-0.0, "z", "0.0"),
            (-0.0, "z.0", "0e+00"),
            (-0.0001, "z.1", "-0.0001"),
            (-0.0, "z.1f", "0.0"),
            (-0.04, "z.1f", "0.0"),
            (-0.04, "z.1e", "-4.0e-02"),
            (f64::NAN, "+08", "+0000nan"),
            (-0.0, "+z", "+0.0"),
            (1234.5, "0=12_", "00_001_234.5"),
            (1.5, " 6", "   1.5"),
            (1234.5678, "_.2f", "1_234.57"),
            (1234.5678, ",.2%", "123,456.78%"),
            (123456789.0, ",g", "1.23457e+08"),
            (123456789.0, ",.10g", "123,456,789"),
            (1e10, ",", "10,000,000,000.0"),
            (12345.6, "_e", "1.234560e+04"),
            (1.5, "#.0f", "2."),
            (2.5, ".0f", "2"),
            (1.0, "0<5", "1.000"),
            (2.675, ".2f", "2.67"),
            (1e16, "g", "1e+16"),
            (1.0, "", "1.0"),
            (12.5, ".1f", "12.5"),
            (1.5, "c", "EXC Unknown format code 'c' for object of type 'float'"),
            (1e16, "", "1e+16"),
            (-1.5, "", "-1.5"),
            (0.5, ".0%", "50%"),
            (1e300 * 10.0, "010", "00001e+301"),
        ];
        for (v, s, e) in cases {
            assert_eq!(ff(*v, s), *e, "format({}, {:?})", v, s);
        }
    }

    #[test]
    fn strs() {
        let cases: &[(&str, &str, &str)] = &[
            ("ab", "05", "ab000"),
            ("ab", "z", "EXC Negative zero coercion (z) not allowed in string format specifier"),
            ("ab", "<05", "ab000"),
            ("ab", ">05", "000ab"),
            ("ab", ".1", "a"),
            ("ab", "^7.1s", "   a   "),
            ("ab", "x", "EXC Unknown format code 'x' for object of type 'str'"),
            ("a", "ss", "EXC Invalid format specifier 'ss' for object of type 'str'"),
            ("a", "\x00<3", "a\x00\x00"),
            ("a", "{<3", "a{{"),
            ("x", "-", "EXC Sign not allowed in string format specifier"),
            ("x", "0", "x"),
            ("x", "=5", "EXC '=' alignment not allowed in string format specifier"),
            ("ab", "10", "ab        "),
            ("abc", ".0", ""),
            ("a", "+", "EXC Sign not allowed in string format specifier"),
            ("a", ",s", "EXC Cannot specify ',' with 's'."),
            ("a", "#", "EXC Alternate form (#) not allowed in string format specifier"),
            ("a", "=", "EXC '=' alignment not allowed in string format specifier"),
            ("héllo", "*^9", "**héllo**"),
        ];
        for (v, s, e) in cases {
            assert_eq!(fs(v, s), *e, "format({:?}, {:?})", v, s);
        }
    }
}
