//! Parsing `int(s, base)` / `float(s)` and int-to-string conversion (bin/oct/hex/str) with CPython rules.
#![forbid(unsafe_code)]

use super::TextOpError;
use crate::text::strrepr::str_repr_truncated;
use crate::text::unitables::{decimal_value, in_table, SPACE};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// Python `str.isspace()` for one character.
pub fn is_py_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f')
    } else {
        in_table(SPACE, c)
    }
}

fn invalid_int(s: &str, base: u32) -> TextOpError {
    TextOpError::ValueError(format!(
        "invalid literal for int() with base {}: {}",
        base,
        str_repr_truncated(s, 200)
    ))
}

fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_alphanumeric() {
        c.to_digit(36)
    } else {
        decimal_value(c)
    }
}

/// `int(s, base)`: whitespace, sign, underscores, base 0 prefixes, bases 2..=36,
/// Unicode decimal digits and the 4300-digit limit.
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, TextOpError> {
    if base == 1 || base > 36 {
        return Err(TextOpError::ValueError("int() base must be >= 2 and <= 36, or 0".into()));
    }
    let t = s.trim_matches(is_py_space);
    let (neg, body) = match t.chars().next() {
        Some('-') => (true, &t[1..]),
        Some('+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower2: String = body.chars().take(2).collect::<String>().to_ascii_lowercase();
    let mut b = base;
    let mut rest = body;
    let mut had_prefix = false;
    let prefix_base = match lower2.as_str() {
        "0x" => 16,
        "0o" => 8,
        "0b" => 2,
        _ => 0,
    };
    if prefix_base != 0 && (base == 0 || base == prefix_base) {
        b = prefix_base;
        rest = &body[2..];
        had_prefix = true;
    }
    if b == 0 {
        b = 10;
    }
    let mut chars: Vec<char> = rest.chars().collect();
    if had_prefix && chars.first() == Some(&'_') {
        chars.remove(0);
    }
    if chars.is_empty() || chars[0] == '_' || *chars.last().unwrap_or(&'_') == '_' {
        return Err(invalid_int(s, base));
    }
    let mut digits: Vec<u8> = Vec::with_capacity(chars.len());
    let mut prev_us = false;
    for &c in &chars {
        if c == '_' {
            if prev_us {
                return Err(invalid_int(s, base));
            }
            prev_us = true;
            continue;
        }
        prev_us = false;
        match digit_value(c) {
            Some(d) if d < b => digits.push(d as u8),
            _ => return Err(invalid_int(s, base)),
        }
    }
    if base == 0
        && !had_prefix
        && digits.len() > 1
        && digits[0] == 0
        && digits.iter().any(|&d| d != 0)
    {
        return Err(invalid_int(s, base));
    }
    if base == 0
        && !had_prefix
        && digits[0] == 0
        && chars.len() > 1
        && digits.iter().all(|&d| d == 0)
    {
        // "0_0" and "00" are fine
    }
    if !b.is_power_of_two() && digits.len() > INT_MAX_STR_DIGITS {
        return Err(TextOpError::ValueError(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            INT_MAX_STR_DIGITS,
            digits.len()
        )));
    }
    let v = BigInt::from_radix_be(num_bigint::Sign::Plus, &digits, b).unwrap_or_default();
    Ok(if neg { -v } else { v })
}

/// `int(s)` fast path returning i64 when it fits (otherwise use [`parse_int`]).
pub fn parse_int_i64(s: &str, base: u32) -> Result<Result<i64, BigInt>, TextOpError> {
    let v = parse_int(s, base)?;
    Ok(num_traits::ToPrimitive::to_i64(&v).ok_or(v))
}

fn invalid_float(s: &str) -> TextOpError {
    TextOpError::ValueError(format!(
        "could not convert string to float: {}",
        str_repr_truncated(s, 200)
    ))
}

/// Strip `_` between digits; returns None if an underscore is misplaced.
fn digits_run(chars: &[char], i: &mut usize, out: &mut String) -> Option<usize> {
    let mut n = 0;
    while *i < chars.len() {
        let c = chars[*i];
        if let Some(d) = decimal_value(c) {
            out.push(char::from_digit(d, 10).unwrap_or('0'));
            n += 1;
            *i += 1;
        } else if c == '_' {
            if n == 0 || *i + 1 >= chars.len() || decimal_value(chars[*i + 1]).is_none() {
                return None;
            }
            *i += 1;
        } else {
            break;
        }
    }
    Some(n)
}

/// `float(s)`: decimal literals with underscores, inf/infinity/nan in any case, surrounding whitespace.
pub fn parse_float(s: &str) -> Result<f64, TextOpError> {
    let t = s.trim_matches(is_py_space);
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    let mut neg = false;
    if i < chars.len() && (chars[i] == '+' || chars[i] == '-') {
        neg = chars[i] == '-';
        i += 1;
    }
    let rest: String = chars[i..].iter().collect::<String>().to_ascii_lowercase();
    let special = match rest.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Ok(if neg { -v } else { v });
    }
    let mut buf = String::with_capacity(chars.len() + 1);
    if neg {
        buf.push('-');
    }
    let int_digits = digits_run(&chars, &mut i, &mut buf).ok_or_else(|| invalid_float(s))?;
    let mut frac_digits = 0;
    if i < chars.len() && chars[i] == '.' {
        buf.push('.');
        i += 1;
        if i < chars.len() && chars[i] == '_' {
            return Err(invalid_float(s));
        }
        frac_digits = digits_run(&chars, &mut i, &mut buf).ok_or_else(|| invalid_float(s))?;
    }
    if int_digits + frac_digits == 0 {
        return Err(invalid_float(s));
    }
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        buf.push('e');
        i += 1;
        if i < chars.len() && (chars[i] == '+' || chars[i] == '-') {
            buf.push(chars[i]);
            i += 1;
        }
        let n = digits_run(&chars, &mut i, &mut buf).ok_or_else(|| invalid_float(s))?;
        if n == 0 {
            return Err(invalid_float(s));
        }
    }
    if i != chars.len() {
        return Err(invalid_float(s));
    }
    buf.parse::<f64>().map_err(|_| invalid_float(s))
}

/// Digits of `n` in `base` (2..=36, lowercase), with `-` sign and an optional prefix
/// (`0b`/`0o`/`0x` for bases 2/8/16 when `prefix` is true): `bin(-5) == "-0b101"`.
pub fn int_to_string(n: &BigInt, base: u32, prefix: bool) -> String {
    let digits = n.abs().to_str_radix(base);
    let mut out = String::with_capacity(digits.len() + 3);
    if n.is_negative() {
        out.push('-');
    }
    if prefix {
        out.push_str(match base {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        });
    }
    out.push_str(&digits);
    out
}

/// `str(n)` / `repr(n)` with CPython 3.11's 4300-digit limit.
pub fn int_to_decimal(n: &BigInt) -> Result<String, TextOpError> {
    if n.bits() > 14_000 {
        let s = n.to_string();
        let nd = s.len() - usize::from(n.is_negative());
        if nd > INT_MAX_STR_DIGITS {
            return Err(TextOpError::ValueError(format!(
                "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                INT_MAX_STR_DIGITS
            )));
        }
        return Ok(s);
    }
    Ok(if n.is_zero() { "0".to_string() } else { n.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, base: u32) -> String {
        parse_int(s, base).unwrap().to_string()
    }
    fn err(s: &str, base: u32) -> String {
        match parse_int(s, base) {
            Err(e) => e.message().to_string(),
            Ok(v) => panic!("expected error for {:?}, got {}", s, v),
        }
    }

    #[test]
    fn ints() {
        assert_eq!(ok(" 1_000 ", 10), "1000");
        assert_eq!(ok("0x_1f", 0), "31");
        assert_eq!(ok("0_0", 0), "0");
        assert_eq!(ok("0o17", 0), "15");
        assert_eq!(ok(" +0b1", 0), "1");
        assert_eq!(ok("0x1f", 16), "31");
        assert_eq!(ok("1f", 16), "31");
        assert_eq!(ok("Z", 36), "35");
        assert_eq!(ok("-42", 10), "-42");
        assert_eq!(ok("\u{661}\u{662}", 10), "12");
        assert_eq!(ok("\t12\n", 10), "12");
        assert_eq!(err("abc", 10), "invalid literal for int() with base 10: 'abc'");
        assert_eq!(err("010", 0), "invalid literal for int() with base 0: '010'");
        assert_eq!(err("0_7", 0), "invalid literal for int() with base 0: '0_7'");
        assert_eq!(err("0b", 0), "invalid literal for int() with base 0: '0b'");
        assert_eq!(err("0x", 16), "invalid literal for int() with base 16: '0x'");
        assert_eq!(err("_1", 10), "invalid literal for int() with base 10: '_1'");
        assert_eq!(err("1_", 10), "invalid literal for int() with base 10: '1_'");
        assert_eq!(err("1__0", 10), "invalid literal for int() with base 10: '1__0'");
        assert_eq!(err("- 1", 10), "invalid literal for int() with base 10: '- 1'");
        assert_eq!(err("", 10), "invalid literal for int() with base 10: ''");
        assert_eq!(err("12", 1), "int() base must be >= 2 and <= 36, or 0");
        assert_eq!(err("12", 37), "int() base must be >= 2 and <= 36, or 0");
        assert_eq!(err(&"1".repeat(4301), 10), "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit");
        let long = err(&"x".repeat(300), 10);
        assert_eq!(long.len(), "invalid literal for int() with base 10: ".len() + 200);
        assert!(parse_int(&"1_".repeat(2200), 10).is_err());
        assert!(parse_int(&format!("{}1", "1_".repeat(2200)), 10).is_ok());
    }

    #[test]
    fn floats() {
        let cases: &[(&str, f64)] = &[
            (".5", 0.5),
            ("5.", 5.0),
            ("1_000.0_1", 1000.01),
            ("1_0.5_5e1_0", 105500000000.0),
            (" -iNfinity ", f64::NEG_INFINITY),
            ("+inf", f64::INFINITY),
            ("1e500", f64::INFINITY),
            ("1e-400", 0.0),
            ("\u{661}.5", 1.5),
            ("  3.25\n", 3.25),
            ("-0", -0.0),
            ("1E5", 1e5),
        ];
        for (s, v) in cases {
            assert_eq!(parse_float(s).unwrap(), *v, "{:?}", s);
        }
        assert!(parse_float("+nan").unwrap().is_nan());
        for bad in
            ["x", "1e", ".", "1__0", "_1", "1._5", "in f", "0x10", "", " ", "1_", "1e_5", "1.5_"]
        {
            assert_eq!(
                parse_float(bad),
                Err(TextOpError::ValueError(format!(
                    "could not convert string to float: {}",
                    crate::text::strrepr::str_repr(bad)
                ))),
                "{:?}",
                bad
            );
        }
    }

    #[test]
    fn to_string() {
        assert_eq!(int_to_string(&BigInt::from(-5), 2, true), "-0b101");
        assert_eq!(int_to_string(&BigInt::from(255), 16, true), "0xff");
        assert_eq!(int_to_string(&BigInt::from(8), 8, true), "0o10");
        assert_eq!(int_to_string(&BigInt::from(0), 2, true), "0b0");
        assert_eq!(int_to_decimal(&BigInt::from(-12)).unwrap(), "-12");
        assert!(int_to_decimal(&BigInt::from(10u32).pow(4299)).is_ok());
        assert!(int_to_decimal(&BigInt::from(10u32).pow(4300)).is_err());
    }
}
