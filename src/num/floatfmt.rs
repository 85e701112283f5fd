//! Float to text conversion with CPython 3.11 semantics (repr, 'e' 'f' 'g' '%' and no-type formatting).
#![forbid(unsafe_code)]

/// Shortest round-trip decimal digits of a finite `ax >= 0`.
/// Returns (digits, decpt) meaning `0.DIGITS * 10**decpt`.
fn shortest_digits(ax: f64) -> (Vec<u8>, i32) {
    let short = split_sci(&format!("{:e}", ax));
    let n = short.0.len();
    if n >= 15 {
        // When two shortest candidates are equally near, CPython picks the correctly
        // rounded (half-even) one; Rust may pick the other.
        let exact = format!("{:.*e}", n - 1, ax);
        if exact.parse::<f64>() == Ok(ax) {
            return split_sci(&exact);
        }
    }
    short
}

/// `ndig` (>= 1) correctly rounded significant digits of a finite `ax >= 0`.
fn rounded_digits(ax: f64, ndig: usize) -> (Vec<u8>, i32) {
    split_sci(&format!("{:.*e}", ndig - 1, ax))
}

/// Splits Rust's `d.ddde[-]N` output into digits and decimal point position.
fn split_sci(s: &str) -> (Vec<u8>, i32) {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let digits: Vec<u8> = m.bytes().filter(|b| b.is_ascii_digit()).collect();
    (digits, e + 1)
}

fn push_exponent(out: &mut String, exp: i32) {
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

/// Lays out `0.DIGITS * 10**decpt` in fixed or exponent notation.
fn layout(
    mut digits: Vec<u8>,
    decpt: i32,
    use_exp: bool,
    strip: bool,
    add_dot0: bool,
    alt: bool,
) -> String {
    if strip {
        while digits.len() > 1 && *digits.last().unwrap_or(&b'1') == b'0' {
            digits.pop();
        }
    }
    let mut out = String::with_capacity(digits.len() + 8);
    if use_exp {
        out.push(digits[0] as char);
        if digits.len() > 1 {
            out.push('.');
            out.extend(digits[1..].iter().map(|&b| b as char));
        } else if alt {
            out.push('.');
        }
        push_exponent(&mut out, decpt - 1);
        return out;
    }
    let n = digits.len() as i32;
    if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.extend(digits.iter().map(|&b| b as char));
    } else if decpt >= n {
        out.extend(digits.iter().map(|&b| b as char));
        for _ in 0..(decpt - n) {
            out.push('0');
        }
        if add_dot0 {
            out.push_str(".0");
        } else if alt {
            out.push('.');
        }
    } else {
        let d = decpt as usize;
        out.extend(digits[..d].iter().map(|&b| b as char));
        out.push('.');
        out.extend(digits[d..].iter().map(|&b| b as char));
    }
    out
}

/// Formats `|x|` (no sign) for presentation type `ty` in `e E f F g G n % r`
/// (`'r'` = repr / no type given), with optional precision and the `#` flag.
/// Infinities and NaNs give `inf`/`nan` (upper-cased for E F G).
pub fn format_float_abs(x: f64, ty: char, precision: Option<usize>, alt: bool) -> String {
    let upper = matches!(ty, 'E' | 'F' | 'G');
    let mut ax = x.abs();
    if ty == '%' {
        ax *= 100.0;
    }
    let mut s = if ax.is_nan() {
        "nan".to_string()
    } else if ax.is_infinite() {
        "inf".to_string()
    } else {
        match ty {
            'f' | 'F' | '%' => {
                let p = precision.unwrap_or(6);
                let mut s = format!("{:.*}", p, ax);
                if alt && p == 0 {
                    s.push('.');
                }
                s
            }
            'e' | 'E' => {
                let p = precision.unwrap_or(6);
                let (d, decpt) = rounded_digits(ax, p + 1);
                layout(d, decpt, true, false, false, alt)
            }
            'g' | 'G' | 'n' => {
                let p = precision.unwrap_or(6).max(1);
                let (d, decpt) = rounded_digits(ax, p);
                let use_exp = decpt <= -4 || decpt > p as i32;
                layout(d, decpt, use_exp, !alt, false, alt)
            }
            _ => match precision {
                None => {
                    let (d, decpt) = shortest_digits(ax);
                    let use_exp = decpt <= -4 || decpt > 16;
                    layout(d, decpt, use_exp, true, true, alt)
                }
                Some(p) => {
                    let p = p.max(1);
                    let (d, decpt) = rounded_digits(ax, p);
                    let use_exp = decpt <= -4 || decpt > p as i32 - 1;
                    layout(d, decpt, use_exp, !alt, true, alt)
                }
            },
        }
    };
    if ty == '%' {
        s.push('%');
    }
    if upper {
        s.make_ascii_uppercase();
    }
    s
}

/// True when a formatted body (from [`format_float_abs`]) represents zero (for the `z` option).
pub fn body_is_zero(body: &str) -> bool {
    let mant = body.split(['e', 'E']).next().unwrap_or("");
    mant.bytes().all(|b| !(b'1'..=b'9').contains(&b))
        && !body.contains("inf")
        && !body.contains("nan")
        && !body.contains("INF")
        && !body.contains("NAN")
}

/// Formats `x` with its sign (`-` only; NaN never gets a sign) as `format_float_abs` does.
pub fn format_float_plain(x: f64, ty: char, precision: Option<usize>, alt: bool) -> String {
    let body = format_float_abs(x, ty, precision, alt);
    if x.is_sign_negative() && !x.is_nan() {
        format!("-{}", body)
    } else {
        body
    }
}

/// CPython `repr(float)` / `str(float)`: shortest round-trip digits, exponent form
/// when the exponent is < -4 or >= 16.
pub fn float_repr(x: f64) -> String {
    format_float_plain(x, 'r', None, false)
}

#[cfg(test)]
// the literals are exact binary values whose shortest repr is under test.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    #[test]
    fn repr_cases() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1e21, "1e+21"),
            (0.30000000000000004, "0.30000000000000004"),
            (1e15, "1000000000000000.0"),
            (1e100, "1e+100"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.675, "2.675"),
            (-1.5, "-1.5"),
            (100.0, "100.0"),
            (9999999999999998.0, "9999999999999998.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (1799415813803608.25, "1799415813803608.2"),
            (156731684393265.125, "156731684393265.12"),
        ];
        for (x, e) in cases {
            assert_eq!(float_repr(*x), *e, "repr({:?})", x);
        }
    }

    const XS: [f64; 23] = [
        0.0,
        -0.0,
        1.0,
        1e16,
        1e-5,
        1.5e-7,
        0.0001,
        123456789012345.6,
        1e21,
        0.30000000000000004,
        1e15,
        1e100,
        5e-324,
        1.7976931348623157e308,
        2.675,
        0.1,
        1234.5,
        12.5,
        -1.5,
        100.0,
        1e22,
        9999999999999998.0,
        0.001,
    ];

    fn check(ty: char, prec: Option<usize>, alt: bool, expected: &[&str]) {
        for (x, e) in XS.iter().zip(expected) {
            assert_eq!(
                format_float_plain(*x, ty, prec, alt),
                *e,
                "{:?} {:?} {:?} {}",
                x,
                ty,
                prec,
                alt
            );
        }
    }

    #[test]
    fn no_type_with_precision() {
        check(
            'r',
            Some(3),
            false,
            &[
                "0.0",
                "-0.0",
                "1.0",
                "1e+16",
                "1e-05",
                "1.5e-07",
                "0.0001",
                "1.23e+14",
                "1e+21",
                "0.3",
                "1e+15",
                "1e+100",
                "4.94e-324",
                "1.8e+308",
                "2.67",
                "0.1",
                "1.23e+03",
                "12.5",
                "-1.5",
                "1e+02",
                "1e+22",
                "1e+16",
                "0.001",
            ],
        );
        check(
            'r',
            Some(0),
            false,
            &[
                "0e+00", "-0e+00", "1e+00", "1e+16", "1e-05", "1e-07", "0.0001", "1e+14", "1e+21",
                "0.3", "1e+15", "1e+100", "5e-324", "2e+308", "3e+00", "0.1", "1e+03", "1e+01",
                "-2e+00", "1e+02", "1e+22", "1e+16", "0.001",
            ],
        );
        check(
            'r',
            Some(16),
            false,
            &[
                "0.0",
                "-0.0",
                "1.0",
                "1e+16",
                "1e-05",
                "1.5e-07",
                "0.0001",
                "123456789012345.6",
                "1e+21",
                "0.3",
                "1e+15",
                "1e+100",
                "4.940656458412465e-324",
                "1.797693134862316e+308",
                "2.675",
                "0.1",
                "1234.5",
                "12.5",
                "-1.5",
                "100.0",
                "1e+22",
                "9.999999999999998e+15",
                "0.001",
            ],
        );
        check(
            'r',
            None,
            true,
            &[
                "0.0",
                "-0.0",
                "1.0",
                "1.e+16",
                "1.e-05",
                "1.5e-07",
                "0.0001",
                "123456789012345.6",
                "1.e+21",
                "0.30000000000000004",
                "1000000000000000.0",
                "1.e+100",
                "5.e-324",
                "1.7976931348623157e+308",
                "2.675",
                "0.1",
                "1234.5",
                "12.5",
                "-1.5",
                "100.0",
                "1.e+22",
                "9999999999999998.0",
                "0.001",
            ],
        );
        check(
            'r',
            Some(3),
            true,
            &[
                "0.00",
                "-0.00",
                "1.00",
                "1.00e+16",
                "1.00e-05",
                "1.50e-07",
                "0.000100",
                "1.23e+14",
                "1.00e+21",
                "0.300",
                "1.00e+15",
                "1.00e+100",
                "4.94e-324",
                "1.80e+308",
                "2.67",
                "0.100",
                "1.23e+03",
                "12.5",
                "-1.50",
                "1.00e+02",
                "1.00e+22",
                "1.00e+16",
                "0.00100",
            ],
        );
    }

    #[test]
    fn e_and_f() {
        check(
            'e',
            None,
            false,
            &[
                "0.000000e+00",
                "-0.000000e+00",
                "1.000000e+00",
                "1.000000e+16",
                "1.000000e-05",
                "1.500000e-07",
                "1.000000e-04",
                "1.234568e+14",
                "1.000000e+21",
                "3.000000e-01",
                "1.000000e+15",
                "1.000000e+100",
                "4.940656e-324",
                "1.797693e+308",
                "2.675000e+00",
                "1.000000e-01",
                "1.234500e+03",
                "1.250000e+01",
                "-1.500000e+00",
                "1.000000e+02",
                "1.000000e+22",
                "1.000000e+16",
                "1.000000e-03",
            ],
        );
        check(
            'e',
            Some(2),
            false,
            &[
                "0.00e+00",
                "-0.00e+00",
                "1.00e+00",
                "1.00e+16",
                "1.00e-05",
                "1.50e-07",
                "1.00e-04",
                "1.23e+14",
                "1.00e+21",
                "3.00e-01",
                "1.00e+15",
                "1.00e+100",
                "4.94e-324",
                "1.80e+308",
                "2.67e+00",
                "1.00e-01",
                "1.23e+03",
                "1.25e+01",
                "-1.50e+00",
                "1.00e+02",
                "1.00e+22",
                "1.00e+16",
                "1.00e-03",
            ],
        );
        check(
            'E',
            Some(0),
            true,
            &[
                "0.E+00", "-0.E+00", "1.E+00", "1.E+16", "1.E-05", "1.E-07", "1.E-04", "1.E+14",
                "1.E+21", "3.E-01", "1.E+15", "1.E+100", "5.E-324", "2.E+308", "3.E+00", "1.E-01",
                "1.E+03", "1.E+01", "-2.E+00", "1.E+02", "1.E+22", "1.E+16", "1.E-03",
            ],
        );
        check('f', Some(2), false, &["0.00", "-0.00", "1.00", "10000000000000000.00", "0.00", "0.00", "0.00", "123456789012345.59", "1000000000000000000000.00", "0.30", "1000000000000000.00", "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.00", "0.00", "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00", "2.67", "0.10", "1234.50", "12.50", "-1.50", "100.00", "10000000000000000000000.00", "9999999999999998.00", "0.00"]);
        assert_eq!(format_float_plain(0.5, 'f', Some(0), false), "0");
        assert_eq!(format_float_plain(2.5, 'f', Some(0), true), "2.");
        assert_eq!(format_float_plain(0.125, 'f', Some(2), false), "0.12");
        assert_eq!(format_float_plain(12.5, 'f', Some(1), false), "12.5");
        assert_eq!(format_float_plain(0.1, 'f', Some(20), false), "0.10000000000000000555");
        assert_eq!(format_float_plain(f64::INFINITY, 'F', None, false), "INF");
        assert_eq!(format_float_plain(f64::NEG_INFINITY, 'f', None, false), "-inf");
    }

    #[test]
    fn g_and_percent() {
        check(
            'g',
            None,
            false,
            &[
                "0",
                "-0",
                "1",
                "1e+16",
                "1e-05",
                "1.5e-07",
                "0.0001",
                "1.23457e+14",
                "1e+21",
                "0.3",
                "1e+15",
                "1e+100",
                "4.94066e-324",
                "1.79769e+308",
                "2.675",
                "0.1",
                "1234.5",
                "12.5",
                "-1.5",
                "100",
                "1e+22",
                "1e+16",
                "0.001",
            ],
        );
        check(
            'g',
            Some(0),
            false,
            &[
                "0", "-0", "1", "1e+16", "1e-05", "1e-07", "0.0001", "1e+14", "1e+21", "0.3",
                "1e+15", "1e+100", "5e-324", "2e+308", "3", "0.1", "1e+03", "1e+01", "-2", "1e+02",
                "1e+22", "1e+16", "0.001",
            ],
        );
        check(
            'g',
            None,
            true,
            &[
                "0.00000",
                "-0.00000",
                "1.00000",
                "1.00000e+16",
                "1.00000e-05",
                "1.50000e-07",
                "0.000100000",
                "1.23457e+14",
                "1.00000e+21",
                "0.300000",
                "1.00000e+15",
                "1.00000e+100",
                "4.94066e-324",
                "1.79769e+308",
                "2.67500",
                "0.100000",
                "1234.50",
                "12.5000",
                "-1.50000",
                "100.000",
                "1.00000e+22",
                "1.00000e+16",
                "0.00100000",
            ],
        );
        check(
            'g',
            Some(3),
            true,
            &[
                "0.00",
                "-0.00",
                "1.00",
                "1.00e+16",
                "1.00e-05",
                "1.50e-07",
                "0.000100",
                "1.23e+14",
                "1.00e+21",
                "0.300",
                "1.00e+15",
                "1.00e+100",
                "4.94e-324",
                "1.80e+308",
                "2.67",
                "0.100",
                "1.23e+03",
                "12.5",
                "-1.50",
                "100.",
                "1.00e+22",
                "1.00e+16",
                "0.00100",
            ],
        );
        check(
            'G',
            Some(17),
            false,
            &[
                "0",
                "-0",
                "1",
                "10000000000000000",
                "1.0000000000000001E-05",
                "1.4999999999999999E-07",
                "0.0001",
                "123456789012345.59",
                "1E+21",
                "0.30000000000000004",
                "1000000000000000",
                "1E+100",
                "4.9406564584124654E-324",
                "1.7976931348623157E+308",
                "2.6749999999999998",
                "0.10000000000000001",
                "1234.5",
                "12.5",
                "-1.5",
                "100",
                "1E+22",
                "9999999999999998",
                "0.001",
            ],
        );
        check('%', Some(1), false, &["0.0%", "-0.0%", "100.0%", "1000000000000000000.0%", "0.0%", "0.0%", "0.0%", "12345678901234560.0%", "99999999999999991611392.0%", "30.0%", "100000000000000000.0%", "999999999999999977049513265245336628446842719924150006129995974731993452180789911303261294481511546880.0%", "0.0%", "inf%", "267.5%", "10.0%", "123450.0%", "1250.0%", "-150.0%", "10000.0%", "999999999999999983222784.0%", "999999999999999744.0%", "0.1%"]);
        assert_eq!(format_float_plain(0.0001234, 'g', Some(3), false), "0.000123");
    }

    #[test]
    fn zero_detection() {
        assert!(body_is_zero("0.00"));
        assert!(body_is_zero("0e+00"));
        assert!(!body_is_zero("4.0e-02"));
        assert!(!body_is_zero("1e+16"));
        assert!(!body_is_zero("inf"));
    }
}
