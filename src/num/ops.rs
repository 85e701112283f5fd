//! Python int/float arithmetic semantics: floor division, modulo, true division, powers, shifts, conversions, round, hashes.
#![forbid(unsafe_code)]

use super::TextOpError;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

fn zde<T>(m: &str) -> Result<T, TextOpError> {
    Err(TextOpError::ZeroDivisionError(m.to_string()))
}
fn ovf<T>(m: &str) -> Result<T, TextOpError> {
    Err(TextOpError::OverflowError(m.to_string()))
}

const INT_DIV_ZERO: &str = "integer division or modulo by zero";
const INT_MOD_ZERO: &str = "integer modulo by zero";

// ---------------------------------------------------------------- i64 fast paths

/// `a // b` for i64; `Ok(None)` when the result overflows i64 (only `MIN // -1`).
pub fn i64_floordiv(a: i64, b: i64) -> Result<Option<i64>, TextOpError> {
    if b == 0 {
        return zde(INT_DIV_ZERO);
    }
    Ok(if a == i64::MIN && b == -1 { None } else { Some(Integer::div_floor(&a, &b)) })
}

/// `a % b` for i64 (result has the sign of `b`).
pub fn i64_mod(a: i64, b: i64) -> Result<i64, TextOpError> {
    if b == 0 {
        return zde(INT_MOD_ZERO);
    }
    if b == -1 {
        return Ok(0);
    }
    Ok(a.mod_floor(&b))
}

/// `divmod(a, b)` for i64; `Ok(None)` on overflow.
pub fn i64_divmod(a: i64, b: i64) -> Result<Option<(i64, i64)>, TextOpError> {
    if b == 0 {
        return zde(INT_DIV_ZERO);
    }
    if a == i64::MIN && b == -1 {
        return Ok(None);
    }
    Ok(Some(a.div_mod_floor(&b)))
}

/// `a + b`, `a - b`, `a * b` on i64 with `None` on overflow (use BigInt then).
pub fn i64_add(a: i64, b: i64) -> Option<i64> {
    a.checked_add(b)
}
/// See [`i64_add`].
pub fn i64_sub(a: i64, b: i64) -> Option<i64> {
    a.checked_sub(b)
}
/// See [`i64_add`].
pub fn i64_mul(a: i64, b: i64) -> Option<i64> {
    a.checked_mul(b)
}

/// `a ** b` for i64 with `b >= 0`; `None` on overflow or negative exponent.
pub fn i64_pow(a: i64, b: i64) -> Option<i64> {
    if b < 0 {
        return None;
    }
    let e = u32::try_from(b).ok();
    match e {
        Some(e) => a.checked_pow(e),
        None => match a {
            0 => Some(0),
            1 => Some(1),
            -1 => Some(if b % 2 == 0 { 1 } else { -1 }),
            _ => None,
        },
    }
}

/// `a / b` for i64 operands (correctly rounded).
pub fn i64_truediv(a: i64, b: i64) -> Result<f64, TextOpError> {
    if b == 0 {
        return zde("division by zero");
    }
    const LIM: i64 = 1 << 53;
    if a.abs() <= LIM && b.abs() <= LIM && a != i64::MIN && b != i64::MIN {
        return Ok(a as f64 / b as f64);
    }
    int_truediv(&BigInt::from(a), &BigInt::from(b))
}

// ---------------------------------------------------------------- BigInt arithmetic

/// `a // b` for Python ints.
pub fn int_floordiv(a: &BigInt, b: &BigInt) -> Result<BigInt, TextOpError> {
    if b.is_zero() {
        return zde(INT_DIV_ZERO);
    }
    Ok(a.div_floor(b))
}

/// `a % b` for Python ints (sign of `b`).
pub fn int_mod(a: &BigInt, b: &BigInt) -> Result<BigInt, TextOpError> {
    if b.is_zero() {
        return zde(INT_MOD_ZERO);
    }
    Ok(a.mod_floor(b))
}

/// `divmod(a, b)` for Python ints.
pub fn int_divmod(a: &BigInt, b: &BigInt) -> Result<(BigInt, BigInt), TextOpError> {
    if b.is_zero() {
        return zde(INT_DIV_ZERO);
    }
    Ok(a.div_mod_floor(b))
}

/// 2**e for -1022 <= e <= 1023.
fn pow2(e: i64) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// Builds `m * 2**e`; exact when the result is representable (overflow gives inf).
fn ldexp_unchecked(m: f64, e: i64) -> f64 {
    let (mut x, mut e) = (m, e);
    while e > 1023 {
        x *= pow2(1023);
        e -= 1023;
        if x.is_infinite() || x == 0.0 {
            return x;
        }
    }
    while e < -1022 {
        x *= pow2(-1022);
        e += 1022;
        if x == 0.0 {
            return x;
        }
    }
    x * pow2(e)
}

/// Correctly rounds `q * 2**shift` (q positive, its lowest bit already sticky) to f64.
fn round_scaled(q: &BigInt, shift: i64) -> f64 {
    let qb = q.bits() as i64;
    let top = qb - 1 + shift; // exponent of the leading bit
    let keep_lsb = if top >= -1022 { top - 52 } else { -1074 };
    let drop = keep_lsb - shift;
    if drop <= 0 {
        let m = q.to_f64().unwrap_or(f64::INFINITY);
        return ldexp_unchecked(m, shift);
    }
    let d = drop as u64;
    let kept: BigInt = q >> d;
    let rem: BigInt = q - (&kept << d);
    let half: BigInt = BigInt::one() << (d - 1);
    let mut kept = kept;
    match rem.cmp(&half) {
        Ordering::Greater => kept += 1,
        Ordering::Equal => {
            if kept.is_odd() {
                kept += 1
            }
        }
        Ordering::Less => {}
    }
    let m = kept.to_f64().unwrap_or(f64::INFINITY);
    ldexp_unchecked(m, keep_lsb)
}

/// `float(n)`: correctly rounded; OverflowError "int too large to convert to float".
pub fn int_to_f64(n: &BigInt) -> Result<f64, TextOpError> {
    if let Some(v) = n.to_i64() {
        return Ok(v as f64);
    }
    let neg = n.is_negative();
    let a = n.abs();
    let bits = a.bits() as i64;
    let shift = bits - 64;
    let mut top: BigInt = &a >> (shift as u64);
    if (&top << (shift as u64)) != a {
        top |= BigInt::one();
    }
    let r = round_scaled(&top, shift);
    if r.is_infinite() {
        return ovf("int too large to convert to float");
    }
    Ok(if neg { -r } else { r })
}

/// `a / b` for Python ints, correctly rounded even for huge operands.
pub fn int_truediv(a: &BigInt, b: &BigInt) -> Result<f64, TextOpError> {
    if b.is_zero() {
        return zde("division by zero");
    }
    if a.is_zero() {
        return Ok(if b.is_negative() { -0.0 } else { 0.0 });
    }
    let neg = a.is_negative() != b.is_negative();
    let (x, y) = (a.abs(), b.abs());
    if x.bits() <= 53 && y.bits() <= 53 {
        let r = x.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(1.0);
        return Ok(if neg { -r } else { r });
    }
    let diff = x.bits() as i64 - y.bits() as i64;
    if diff > 1025 {
        return ovf("integer division result too large for a float");
    }
    let shift = diff.max(-1022) - 56;
    let (num, den) = if shift < 0 { (x << ((-shift) as u64), y) } else { (x, y << (shift as u64)) };
    let (mut q, r) = num.div_rem(&den);
    if !r.is_zero() {
        q |= BigInt::one();
    }
    let res = round_scaled(&q, shift);
    if res.is_infinite() {
        return ovf("integer division result too large for a float");
    }
    Ok(if neg { -res } else { res })
}

/// Result of `int ** int`: an int, or a float for negative exponents.
#[derive(Debug, Clone, PartialEq)]
pub enum PowResult {
    Int(BigInt),
    Float(f64),
}

/// `a ** b` for Python ints.
pub fn int_pow(a: &BigInt, b: &BigInt) -> Result<PowResult, TextOpError> {
    if b.is_negative() {
        let fa = int_to_f64(a)?;
        let fb = int_to_f64(b)?;
        return float_pow(fa, fb).map(PowResult::Float);
    }
    if a.is_zero() {
        return Ok(PowResult::Int(if b.is_zero() { BigInt::one() } else { BigInt::zero() }));
    }
    if a.is_one() {
        return Ok(PowResult::Int(BigInt::one()));
    }
    if *a == BigInt::from(-1) {
        return Ok(PowResult::Int(if b.is_even() { BigInt::one() } else { BigInt::from(-1) }));
    }
    match b.to_u32() {
        Some(e) if (a.bits() as u128) * (e as u128) < (1u128 << 36) => Ok(PowResult::Int(a.pow(e))),
        _ => ovf("exponent too large"),
    }
}

/// `pow(a, b, m)` for Python ints, including negative exponents (modular inverse).
pub fn int_pow_mod(a: &BigInt, b: &BigInt, m: &BigInt) -> Result<BigInt, TextOpError> {
    if m.is_zero() {
        return Err(TextOpError::ValueError("pow() 3rd argument cannot be 0".into()));
    }
    let am = m.abs();
    let mut base = a.mod_floor(&am);
    let mut e = b.clone();
    if e.is_negative() {
        base = mod_inverse(&base, &am).ok_or_else(|| {
            TextOpError::ValueError("base is not invertible for the given modulus".into())
        })?;
        e = -e;
    }
    let r = if am.is_one() { BigInt::zero() } else { base.modpow(&e, &am) };
    if m.is_negative() && !r.is_zero() {
        Ok(r + m)
    } else {
        Ok(r)
    }
}

/// Modular inverse of `a` modulo `m > 0`, if it exists.
pub fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.mod_floor(m), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r.is_one() {
        Some(old_s.mod_floor(m))
    } else if m.is_one() {
        Some(BigInt::zero())
    } else {
        None
    }
}

/// `a << n`; ValueError "negative shift count" for n < 0.
pub fn int_lshift(a: &BigInt, n: &BigInt) -> Result<BigInt, TextOpError> {
    if n.is_negative() {
        return Err(TextOpError::ValueError("negative shift count".into()));
    }
    if a.is_zero() {
        return Ok(BigInt::zero());
    }
    match n.to_u64() {
        Some(k) if k < (1 << 36) => Ok(a << k),
        _ => ovf("too many digits in integer"),
    }
}

/// `a >> n` (floor semantics); ValueError "negative shift count" for n < 0.
pub fn int_rshift(a: &BigInt, n: &BigInt) -> Result<BigInt, TextOpError> {
    if n.is_negative() {
        return Err(TextOpError::ValueError("negative shift count".into()));
    }
    match n.to_u64() {
        Some(k) if k < a.bits() + 1 => Ok(floor_shr(a, k)),
        _ => Ok(if a.is_negative() { BigInt::from(-1) } else { BigInt::zero() }),
    }
}

fn floor_shr(a: &BigInt, k: u64) -> BigInt {
    if a.is_negative() {
        // floor(a / 2**k) = -((-a - 1) >> k) - 1
        let t: BigInt = (-a - 1u32) >> k;
        -t - 1u32
    } else {
        a >> k
    }
}

/// `a << n` for i64; `Ok(None)` if the result needs a BigInt.
pub fn i64_lshift(a: i64, n: i64) -> Result<Option<i64>, TextOpError> {
    if n < 0 {
        return Err(TextOpError::ValueError("negative shift count".into()));
    }
    if a == 0 {
        return Ok(Some(0));
    }
    if n >= 63 {
        return Ok(None);
    }
    let r = a << n;
    Ok(if (r >> n) == a { Some(r) } else { None })
}

/// `a >> n` for i64.
pub fn i64_rshift(a: i64, n: i64) -> Result<i64, TextOpError> {
    if n < 0 {
        return Err(TextOpError::ValueError("negative shift count".into()));
    }
    Ok(if n >= 64 {
        if a < 0 {
            -1
        } else {
            0
        }
    } else {
        a >> n
    })
}

/// `a & b`, `a | b`, `a ^ b`, `~a` on Python ints (two's complement semantics).
pub fn int_and(a: &BigInt, b: &BigInt) -> BigInt {
    a & b
}
/// See [`int_and`].
pub fn int_or(a: &BigInt, b: &BigInt) -> BigInt {
    a | b
}
/// See [`int_and`].
pub fn int_xor(a: &BigInt, b: &BigInt) -> BigInt {
    a ^ b
}
/// See [`int_and`].
pub fn int_invert(a: &BigInt) -> BigInt {
    -a - 1u32
}

// ---------------------------------------------------------------- floats

/// `a / b` for floats.
pub fn float_truediv(a: f64, b: f64) -> Result<f64, TextOpError> {
    if b == 0.0 {
        return zde("float division by zero");
    }
    Ok(a / b)
}

fn float_divmod_raw(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (fd, m)
}

/// `a // b` for floats.
pub fn float_floordiv(a: f64, b: f64) -> Result<f64, TextOpError> {
    if b == 0.0 {
        return zde("float floor division by zero");
    }
    Ok(float_divmod_raw(a, b).0)
}

/// `a % b` for floats (sign of `b`).
pub fn float_mod(a: f64, b: f64) -> Result<f64, TextOpError> {
    if b == 0.0 {
        return zde("float modulo");
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// `divmod(a, b)` for floats.
pub fn float_divmod(a: f64, b: f64) -> Result<(f64, f64), TextOpError> {
    if b == 0.0 {
        return zde("float divmod()");
    }
    Ok(float_divmod_raw(a, b))
}

/// `a ** b` for floats. Negative base with non-integer exponent raises ValueError
/// (CPython would return a complex).
pub fn float_pow(a: f64, b: f64) -> Result<f64, TextOpError> {
    if b == 0.0 {
        return Ok(1.0);
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if a == 0.0 && b < 0.0 && b.is_finite() {
        return zde("0.0 cannot be raised to a negative power");
    }
    if a.is_finite() && a < 0.0 && b.is_finite() && b.floor() != b {
        return Err(TextOpError::ValueError(
            "complex results are not supported by gilbench".into(),
        ));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return ovf("(34, 'Numerical result out of range')");
    }
    Ok(r)
}

/// `int(x)` for a float: truncation toward zero.
pub fn f64_to_int(x: f64) -> Result<BigInt, TextOpError> {
    if x.is_nan() {
        return Err(TextOpError::ValueError("cannot convert float NaN to integer".into()));
    }
    if x.is_infinite() {
        return ovf("cannot convert float infinity to integer");
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Ok(BigInt::from(t as i64));
    }
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let mag = BigInt::from(mant) << (exp as u64);
    Ok(if t < 0.0 { -mag } else { mag })
}

/// Exact comparison of an int and a float (`None` if `f` is NaN).
pub fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fl = f.floor();
    let fi = f64_to_int(fl).ok()?;
    match i.cmp(&fi) {
        Ordering::Equal if fl != f => Some(Ordering::Less),
        Ordering::Greater => Some(Ordering::Greater),
        o => Some(o),
    }
}

/// Exact comparison of an i64 and a float.
pub fn cmp_i64_float(i: i64, f: f64) -> Option<Ordering> {
    if i.unsigned_abs() <= (1u64 << 53) {
        return (i as f64).partial_cmp(&f);
    }
    cmp_int_float(&BigInt::from(i), f)
}

/// `float.as_integer_ratio()`: exact (numerator, positive denominator) in lowest terms.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), TextOpError> {
    if x.is_infinite() {
        return ovf("cannot convert Infinity to integer ratio");
    }
    if x.is_nan() {
        return Err(TextOpError::ValueError("cannot convert NaN to integer ratio".into()));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let (m, e) = float_parts(x);
    let tz = m.trailing_zeros().unwrap_or(0) as i64;
    let m = m >> (tz as u64);
    let e = e + tz;
    if e >= 0 {
        Ok((m << (e as u64), BigInt::one()))
    } else {
        Ok((m, BigInt::one() << ((-e) as u64)))
    }
}

/// `float.is_integer()`.
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

// ---------------------------------------------------------------- round

/// Result of `round(float, ndigits)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Rounded {
    Int(BigInt),
    Float(f64),
}

/// `round(x)` (ndigits None -> int, half to even) or `round(x, n)` (-> float, correctly rounded).
pub fn round_float(x: f64, ndigits: Option<i64>) -> Result<Rounded, TextOpError> {
    match ndigits {
        None => f64_to_int(x.round_ties_even()).map(Rounded::Int),
        Some(n) => round_float_digits(x, n).map(Rounded::Float),
    }
}

/// Exact rational `m * 2**e` of a finite float.
fn float_parts(x: f64) -> (BigInt, i64) {
    let bits = x.to_bits();
    let be = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if be == 0 { (frac, -1074) } else { (frac | (1u64 << 52), be - 1075) };
    let m = BigInt::from(m);
    (if x.is_sign_negative() { -m } else { m }, e)
}

/// Round `num / den` (den > 0) to the nearest integer, ties to even.
fn div_round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice = &r * 2u32;
    match twice.cmp(den) {
        Ordering::Greater => q + 1u32,
        Ordering::Equal if q.is_odd() => q + 1u32,
        _ => q,
    }
}

/// `round(x, n)` for a float with an int `n`.
pub fn round_float_digits(x: f64, n: i64) -> Result<f64, TextOpError> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if n > 323 {
        return Ok(x);
    }
    if n < -308 {
        return Ok(0.0f64.copysign(x));
    }
    let (m, e) = float_parts(x);
    // value * 10**n = m * 2**e * 10**n
    let mut num = m;
    let mut den = BigInt::one();
    if e >= 0 {
        num <<= e as u64;
    } else {
        den <<= (-e) as u64;
    }
    let p10 = BigInt::from(10u32).pow(n.unsigned_abs() as u32);
    if n >= 0 {
        num *= &p10;
    } else {
        den *= &p10;
    }
    let q = div_round_half_even(&num, &den);
    let r = if n >= 0 { int_truediv(&q, &p10) } else { int_to_f64(&(q * p10)) };
    match r {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0f64.copysign(x) } else { v }),
        _ => ovf("rounded value too large to represent"),
    }
}

/// `round(v, ndigits)` for an int (ndigits >= 0 returns v unchanged).
pub fn round_int(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return v.clone();
    }
    if (-ndigits) as u64 > v.bits() / 3 + 2 {
        return BigInt::zero();
    }
    let p = BigInt::from(10u32).pow((-ndigits) as u32);
    div_round_half_even(v, &p) * p
}

// ---------------------------------------------------------------- hashing

const HASH_MOD: u64 = (1u64 << 61) - 1;

fn fix_hash(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(int)` for an i64 value.
pub fn hash_int_i64(v: i64) -> i64 {
    let a = (v as i128).unsigned_abs() % HASH_MOD as u128;
    let h = if v < 0 { -(a as i64) } else { a as i64 };
    fix_hash(h)
}

/// `hash(int)` for a BigInt.
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(i) = v.to_i64() {
        return hash_int_i64(i);
    }
    let a = (v.abs() % BigInt::from(HASH_MOD)).to_i64().unwrap_or(0);
    fix_hash(if v.sign() == Sign::Minus { -a } else { a })
}

/// `hash(float)`; NaN returns 0 (CPython 3.10+ hashes NaN by identity: caller decides).
pub fn hash_float(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x == 0.0 {
        return 0;
    }
    let bits = x.to_bits();
    let be = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if be == 0 { (frac, -1074i64) } else { (frac | (1u64 << 52), be - 1075) };
    let e61 = e.rem_euclid(61) as u32;
    let h = ((m as u128 % HASH_MOD as u128) << e61) % HASH_MOD as u128;
    let h = h as i64;
    fix_hash(if x < 0.0 { -h } else { h })
}

/// `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (zero, inf and nan give `(x, 0)`).
pub fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(54), -54) } else { (x, 0) };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022 + adj)
}

/// `ldexp`: `x * 2**i` correctly rounded (`None` on overflow).
pub fn ldexp(x: f64, i: i64) -> Option<f64> {
    if x == 0.0 || !x.is_finite() {
        return Some(x);
    }
    let (m, e) = frexp(x);
    let k = e.saturating_add(i);
    if k > 1024 {
        return None;
    }
    if k >= -1021 {
        let h = k / 2;
        return Some(m * 2f64.powi(h as i32) * 2f64.powi((k - h) as i32));
    }
    if k < -1080 {
        return Some(0.0f64.copysign(x));
    }
    // Subnormal result: round once, in units of the smallest subnormal.
    let units = (m * 2f64.powi((k + 1074) as i32)).round_ties_even();
    Some(units * 2f64.powi(-1074))
}

#[cfg(test)]
// the literals are exact binary values at the edge of i64.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    fn bi(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn int_div_mod() {
        assert_eq!(i64_floordiv(-7, 2), Ok(Some(-4)));
        assert_eq!(i64_mod(-7, 2), Ok(1));
        assert_eq!(i64_mod(7, -2), Ok(-1));
        assert_eq!(i64_floordiv(i64::MIN, -1), Ok(None));
        assert_eq!(i64_mod(i64::MIN, -1), Ok(0));
        assert_eq!(i64_divmod(-7, 2), Ok(Some((-4, 1))));
        assert_eq!(
            i64_floordiv(1, 0),
            Err(TextOpError::ZeroDivisionError("integer division or modulo by zero".into()))
        );
        assert_eq!(
            i64_mod(1, 0),
            Err(TextOpError::ZeroDivisionError("integer modulo by zero".into()))
        );
        assert_eq!(int_floordiv(&bi("-7"), &bi("2")).unwrap(), bi("-4"));
        assert_eq!(int_mod(&bi("7"), &bi("-2")).unwrap(), bi("-1"));
        assert_eq!(
            i64_truediv(1, 0),
            Err(TextOpError::ZeroDivisionError("division by zero".into()))
        );
    }

    #[test]
    fn float_div_mod() {
        assert_eq!(float_mod(-7.5, 2.0), Ok(0.5));
        assert_eq!(float_mod(7.0, -2.0), Ok(-1.0));
        assert_eq!(float_mod(-0.0, 2.0).unwrap().to_bits(), 0.0f64.to_bits());
        assert_eq!(float_mod(0.0, -2.0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_floordiv(-7.5, 2.0), Ok(-4.0));
        assert_eq!(float_floordiv(-0.0, 2.0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_divmod(7.0, -2.0), Ok((-4.0, -1.0)));
        assert_eq!(
            float_divmod(1.0, 0.0),
            Err(TextOpError::ZeroDivisionError("float divmod()".into()))
        );
        assert_eq!(float_mod(1.0, 0.0), Err(TextOpError::ZeroDivisionError("float modulo".into())));
        assert_eq!(
            float_floordiv(1.0, 0.0),
            Err(TextOpError::ZeroDivisionError("float floor division by zero".into()))
        );
        assert_eq!(
            float_truediv(1.0, 0.0),
            Err(TextOpError::ZeroDivisionError("float division by zero".into()))
        );
        assert_eq!(float_mod(0.1, 0.01), Ok(3.469446951953614e-18));
        assert_eq!(float_floordiv(1.0, 0.1), Ok(9.0));
    }

    #[test]
    fn truediv_big() {
        let a = BigInt::from(10u32).pow(400) / 3u32;
        let b = BigInt::from(10u32).pow(399);
        assert_eq!(int_truediv(&a, &b), Ok(3.3333333333333335));
        assert_eq!(
            int_truediv(&BigInt::from(10u32).pow(400), &bi("3")),
            Err(TextOpError::OverflowError("integer division result too large for a float".into()))
        );
        assert_eq!(int_truediv(&bi("1"), &BigInt::from(10u32).pow(320)), Ok(1e-320));
        assert_eq!(int_truediv(&bi("1"), &BigInt::from(10u32).pow(400)), Ok(0.0));
        assert_eq!(
            int_truediv(&(BigInt::from(2u32).pow(60) + 1u32), &bi("3")),
            Ok(384307168202282325.0)
        );
        assert_eq!(i64_truediv(7, -2), Ok(-3.5));
        assert_eq!(int_truediv(&bi("-1"), &bi("-3")), Ok(0.3333333333333333));
    }

    #[test]
    fn conversions() {
        assert_eq!(int_to_f64(&(BigInt::from(2u32).pow(53) + 1u32)), Ok(9007199254740992.0));
        assert_eq!(int_to_f64(&(BigInt::from(2u32).pow(54) + 3u32)), Ok(18014398509481988.0));
        assert_eq!(
            int_to_f64(&BigInt::from(10u32).pow(400)),
            Err(TextOpError::OverflowError("int too large to convert to float".into()))
        );
        assert_eq!(int_to_f64(&BigInt::from(10u32).pow(308)), Ok(1e308));
        assert_eq!(int_to_f64(&-BigInt::from(10u32).pow(22)), Ok(-1e22));
        assert_eq!(f64_to_int(1e20).unwrap(), bi("100000000000000000000"));
        assert_eq!(f64_to_int(-1e300).unwrap().to_string().len(), 302);
        assert_eq!(f64_to_int(-2.9).unwrap(), bi("-2"));
        assert!(matches!(f64_to_int(f64::NAN), Err(TextOpError::ValueError(_))));
        let big = BigInt::from(2u32).pow(53) + 1u32;
        assert_eq!(cmp_int_float(&big, 9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(cmp_int_float(&bi("3"), 3.5), Some(Ordering::Less));
        assert_eq!(cmp_int_float(&bi("-4"), -3.5), Some(Ordering::Less));
        assert_eq!(cmp_int_float(&bi("-3"), -3.5), Some(Ordering::Greater));
        assert_eq!(cmp_int_float(&bi("5"), f64::NAN), None);
        assert_eq!(cmp_i64_float(i64::MAX, 9.223372036854775807e18), Some(Ordering::Less));
    }

    #[test]
    fn powers() {
        assert_eq!(int_pow(&bi("2"), &bi("-1")), Ok(PowResult::Float(0.5)));
        assert_eq!(
            int_pow(&bi("0"), &bi("-1")),
            Err(TextOpError::ZeroDivisionError("0.0 cannot be raised to a negative power".into()))
        );
        assert_eq!(int_pow(&bi("3"), &bi("40")), Ok(PowResult::Int(bi("12157665459056928801"))));
        assert_eq!(i64_pow(3, 40), None);
        assert_eq!(i64_pow(-2, 63), Some(i64::MIN));
        assert_eq!(
            float_pow(2.0, 10000.0),
            Err(TextOpError::OverflowError("(34, 'Numerical result out of range')".into()))
        );
        assert!(matches!(float_pow(-8.0, 0.5), Err(TextOpError::ValueError(_))));
        assert_eq!(float_pow(-8.0, 3.0), Ok(-512.0));
        assert_eq!(float_pow(f64::NAN, 0.0), Ok(1.0));
        assert_eq!(float_pow(1.0, f64::NAN), Ok(1.0));
        assert_eq!(int_pow_mod(&bi("3"), &bi("-1"), &bi("7")), Ok(bi("5")));
        assert_eq!(
            int_pow_mod(&bi("2"), &bi("-1"), &bi("4")),
            Err(TextOpError::ValueError("base is not invertible for the given modulus".into()))
        );
        assert_eq!(
            int_pow_mod(&bi("2"), &bi("3"), &bi("0")),
            Err(TextOpError::ValueError("pow() 3rd argument cannot be 0".into()))
        );
        assert_eq!(int_pow_mod(&bi("2"), &bi("10"), &bi("-7")), Ok(bi("-5")));
        assert_eq!(int_pow_mod(&bi("-2"), &bi("3"), &bi("5")), Ok(bi("2")));
        assert_eq!(int_pow_mod(&bi("5"), &bi("0"), &bi("1")), Ok(bi("0")));
    }

    #[test]
    fn shifts_and_bits() {
        assert_eq!(
            int_lshift(&bi("1"), &bi("-1")),
            Err(TextOpError::ValueError("negative shift count".into()))
        );
        assert_eq!(int_rshift(&bi("-5"), &bi("1")), Ok(bi("-3")));
        assert_eq!(int_rshift(&bi("-5"), &bi("100")), Ok(bi("-1")));
        assert_eq!(int_rshift(&bi("-4"), &bi("2")), Ok(bi("-1")));
        assert_eq!(int_lshift(&bi("-3"), &bi("70")), Ok(bi("-3541774862152233910272")));
        assert_eq!(i64_lshift(1, 63), Ok(None));
        assert_eq!(i64_lshift(-1, 63), Ok(None));
        assert_eq!(i64_lshift(3, 4), Ok(Some(48)));
        assert_eq!(i64_rshift(-5, 1), Ok(-3));
        assert_eq!(int_and(&bi("-6"), &bi("13")), bi("8"));
        assert_eq!(int_or(&bi("-6"), &bi("13")), bi("-1"));
        assert_eq!(int_xor(&bi("-6"), &bi("13")), bi("-9"));
        assert_eq!(int_invert(&bi("5")), bi("-6"));
        assert_eq!(int_and(&bi("-36893488147419103232"), &bi("-1")), bi("-36893488147419103232"));
    }

    #[test]
    fn rounding() {
        assert_eq!(round_float(2.5, None), Ok(Rounded::Int(bi("2"))));
        assert_eq!(round_float(-0.5, None), Ok(Rounded::Int(bi("0"))));
        assert_eq!(round_float(3.5, None), Ok(Rounded::Int(bi("4"))));
        assert_eq!(round_float(1e300, None).map(|r| matches!(r, Rounded::Int(_))), Ok(true));
        assert_eq!(
            round_float(f64::INFINITY, None),
            Err(TextOpError::OverflowError("cannot convert float infinity to integer".into()))
        );
        assert_eq!(
            round_float(f64::NAN, None),
            Err(TextOpError::ValueError("cannot convert float NaN to integer".into()))
        );
        assert_eq!(round_float_digits(2.675, 2), Ok(2.67));
        assert_eq!(round_float_digits(0.125, 2), Ok(0.12));
        assert_eq!(round_float_digits(0.375, 2), Ok(0.38));
        assert_eq!(round_float_digits(1234.5, -2), Ok(1200.0));
        assert_eq!(round_float_digits(1250.0, -2), Ok(1200.0));
        assert_eq!(round_float_digits(-0.4, 0).unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(round_float_digits(0.1 + 0.2, 15), Ok(0.3));
        assert_eq!(round_float_digits(5e-324, 400), Ok(5e-324));
        assert_eq!(
            round_float_digits(1.7976931348623157e308, -308),
            Err(TextOpError::OverflowError("rounded value too large to represent".into()))
        );
        assert_eq!(round_float_digits(123.456, -1000), Ok(0.0));
        assert_eq!(round_int(&bi("1250"), -2), bi("1200"));
        assert_eq!(round_int(&bi("1350"), -2), bi("1400"));
        assert_eq!(round_int(&bi("-1250"), -2), bi("-1200"));
        assert_eq!(round_int(&bi("-1251"), -2), bi("-1300"));
        assert_eq!(round_int(&bi("15"), -1), bi("20"));
        assert_eq!(round_int(&bi("5"), -1), bi("0"));
        assert_eq!(round_int(&bi("5"), 3), bi("5"));
    }

    #[test]
    fn ratios() {
        assert_eq!(
            float_as_integer_ratio(0.1).unwrap(),
            (bi("3602879701896397"), bi("36028797018963968"))
        );
        assert_eq!(float_as_integer_ratio(-2.5).unwrap(), (bi("-5"), bi("2")));
        assert_eq!(float_as_integer_ratio(1e300).unwrap().1, bi("1"));
        assert_eq!(float_as_integer_ratio(0.0).unwrap(), (bi("0"), bi("1")));
        assert_eq!(
            float_as_integer_ratio(f64::INFINITY),
            Err(TextOpError::OverflowError("cannot convert Infinity to integer ratio".into()))
        );
        assert_eq!(
            float_as_integer_ratio(f64::NAN),
            Err(TextOpError::ValueError("cannot convert NaN to integer ratio".into()))
        );
        assert!(
            float_is_integer(3.0) && !float_is_integer(3.5) && !float_is_integer(f64::INFINITY)
        );
    }

    #[test]
    fn hashes() {
        assert_eq!(hash_int_i64(-1), -2);
        assert_eq!(hash_int_i64(i64::MIN), -4);
        assert_eq!(hash_bigint(&BigInt::from(2u32).pow(61)), 1);
        assert_eq!(hash_bigint(&BigInt::from(2u32).pow(100)), 549755813888);
        assert_eq!(hash_bigint(&-BigInt::from(2u32).pow(100)), -549755813888);
        assert_eq!(hash_bigint(&(-BigInt::from(2u32).pow(61) + 1u32)), 0);
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-1.5), -1152921504606846977);
        assert_eq!(hash_float(1e300), 1224995262755759164);
        assert_eq!(hash_float(0.1), 230584300921369408);
        assert_eq!(hash_float(1e-300), 482449582752280463);
        assert_eq!(hash_float(f64::INFINITY), 314159);
        assert_eq!(hash_float(-1.0), -2);
        assert_eq!(hash_float(2.0), 2);
    }
}
