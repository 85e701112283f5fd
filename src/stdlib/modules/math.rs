//! The `math` module: constants and the float functions (libm-backed, with CPython's domain and range errors).

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{kwarg, positional};
use crate::vm::Vm;

pub use crate::num::ops::{frexp, ldexp};

use super::{arg_f64, arg_int, make_module};

type Native<M> = crate::object::NativeFn<M>;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let mut funcs: Vec<(&'static str, Native<M>)> = vec![
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("expm1", m_expm1),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("fabs", m_fabs),
        ("atan2", m_atan2),
        ("pow", m_pow),
        ("hypot", m_hypot),
        ("dist", m_dist),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("isclose", m_isclose),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("remainder", m_remainder),
        ("modf", m_modf),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
        ("fsum", m_fsum),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
        ("cbrt", m_cbrt),
        ("exp2", m_exp2),
    ];
    funcs.extend_from_slice(super::math_int::functions::<M>());
    let values = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    make_module(vm, "math", &funcs, values)
}

pub fn domain_error<M: ExecutionModel>(vm: &mut Vm<M>) -> PyErr<M> {
    vm.new_value_error("math domain error")
}

pub fn range_error<M: ExecutionModel>(vm: &mut Vm<M>) -> PyErr<M> {
    vm.new_overflow_error("math range error")
}

/// One-argument float function with CPython's `math_1` error rules.
fn math_1<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<M> {
    let p = positional(vm, name, args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error(vm) } else { domain_error(vm) });
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($name:ident, $py:literal, $f:expr, $ovf:expr) => {
        fn $name<M: ExecutionModel>(
            vm: &mut Vm<M>,
            args: &[Value<M>],
            kw: &[Value<M>],
        ) -> PyResult<M> {
            math_1(vm, args, kw, $py, $f, $ovf)
        }
    };
}

unary!(m_sqrt, "sqrt", f64::sqrt, false);
unary!(m_exp, "exp", f64::exp, true);
unary!(m_exp2, "exp2", f64::exp2, true);
unary!(m_expm1, "expm1", f64::exp_m1, true);
unary!(m_cbrt, "cbrt", f64::cbrt, false);
unary!(m_sin, "sin", f64::sin, false);
unary!(m_cos, "cos", f64::cos, false);
unary!(m_tan, "tan", f64::tan, false);
unary!(m_asin, "asin", f64::asin, false);
unary!(m_acos, "acos", f64::acos, false);
unary!(m_atan, "atan", f64::atan, false);
unary!(m_sinh, "sinh", f64::sinh, true);
unary!(m_cosh, "cosh", f64::cosh, true);
unary!(m_tanh, "tanh", f64::tanh, false);
unary!(m_asinh, "asinh", asinh, false);
unary!(m_acosh, "acosh", acosh, false);
unary!(m_atanh, "atanh", atanh, false);
unary!(m_fabs, "fabs", f64::abs, false);
unary!(m_log1p, "log1p", log1p, false);

const TWO_POW_28: f64 = 268435456.0;

/// fdlibm's `asinh` (what glibc, and so CPython, computes).
fn asinh(x: f64) -> f64 {
    let ax = x.abs();
    if !x.is_finite() || ax < 1.0 / TWO_POW_28 {
        return x;
    }
    let w = if ax > TWO_POW_28 {
        ax.ln() + std::f64::consts::LN_2
    } else if ax > 2.0 {
        (2.0 * ax + 1.0 / ((x * x + 1.0).sqrt() + ax)).ln()
    } else {
        let t = x * x;
        (ax + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// fdlibm's `acosh`.
fn acosh(x: f64) -> f64 {
    if x.is_nan() || x < 1.0 {
        return f64::NAN;
    }
    if x >= TWO_POW_28 {
        return if x.is_infinite() { x } else { x.ln() + std::f64::consts::LN_2 };
    }
    if x == 1.0 {
        return 0.0;
    }
    if x > 2.0 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// fdlibm's `atanh`.
fn atanh(x: f64) -> f64 {
    let ax = x.abs();
    if ax > 1.0 || x.is_nan() {
        return f64::NAN;
    }
    if ax == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    if ax < 1.0 / TWO_POW_28 {
        return x;
    }
    let r = if ax < 0.5 {
        let t = ax + ax;
        0.5 * (t + t * ax / (1.0 - ax)).ln_1p()
    } else {
        0.5 * ((ax + ax) / (1.0 - ax)).ln_1p()
    };
    r.copysign(x)
}

fn log1p(x: f64) -> f64 {
    if x <= -1.0 {
        if x == -1.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else {
        x.ln_1p()
    }
}

/// `log`-style helper: ints of any size are accepted (huge ones through their bit length).
fn log_helper<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    f: fn(f64) -> f64,
) -> Result<f64, PyErr<M>> {
    let big = match v {
        Value::Int(_) | Value::Bool(_) => Some(arg_int(vm, v)?),
        _ => match v.payload() {
            Some(Payload::BigInt(b)) => Some(b.clone()),
            _ => None,
        },
    };
    if let Some(b) = big {
        if b.sign() != num_bigint::Sign::Plus {
            return Err(domain_error(vm));
        }
        return Ok(match crate::num::ops::int_to_f64(&b) {
            Ok(x) => f(x),
            Err(_) => {
                // b = m * 2**e with 0.5 <= m < 1.
                let e = b.bits() as i64;
                let shift = e - 60;
                let top = num_traits::ToPrimitive::to_f64(&(&b >> shift as u64)).unwrap_or(1.0);
                let m = top / 2f64.powi(60);
                f(m) + f(2.0) * e as f64
            }
        });
    }
    let x = arg_f64(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn m_log<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "log", args, kw, 1, 2)?;
    let num = log_helper(vm, &p[0], f64::ln)?;
    if p.len() == 1 {
        return Ok(Value::Float(num));
    }
    let den = log_helper(vm, &p[1], f64::ln)?;
    if den == 0.0 {
        return Err(vm.new_zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn m_log2<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "log2", args, kw, 1, 1)?;
    Ok(Value::Float(log_helper(vm, &p[0], f64::log2)?))
}

fn m_log10<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "log10", args, kw, 1, 1)?;
    Ok(Value::Float(log_helper(vm, &p[0], f64::log10)?))
}

fn two_floats<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> Result<(f64, f64), PyErr<M>> {
    let p = positional(vm, name, args, kw, 2, 2)?;
    Ok((arg_f64(vm, &p[0])?, arg_f64(vm, &p[1])?))
}

fn m_atan2<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (y, x) = two_floats(vm, args, kw, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn m_copysign<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (x, y) = two_floats(vm, args, kw, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn m_pow<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (x, y) = two_floats(vm, args, kw, "pow")?;
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if x > 0.0 {
                if y > 0.0 {
                    x
                } else {
                    0.0
                }
            } else if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            y.abs()
        } else {
            0.0
        };
        return Ok(Value::Float(r));
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain_error(vm) } else { range_error(vm) });
    }
    Ok(Value::Float(r))
}

fn m_fmod<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (x, y) = two_floats(vm, args, kw, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

fn m_remainder<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (x, y) = two_floats(vm, args, kw, "remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error(vm));
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    // CPython's m_remainder: exact IEEE remainder.
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::Float(1.0f64.copysign(x) * r))
}

fn m_degrees<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "degrees", args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn m_radians<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "radians", args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn float_pred<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    f: fn(f64) -> bool,
) -> PyResult<M> {
    let p = positional(vm, name, args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    Ok(Value::Bool(f(x)))
}

fn m_isnan<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    float_pred(vm, args, kw, "isnan", f64::is_nan)
}
fn m_isinf<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    float_pred(vm, args, kw, "isinf", f64::is_infinite)
}
fn m_isfinite<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    float_pred(vm, args, kw, "isfinite", f64::is_finite)
}

fn m_isclose<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let npos = args.len() - kw.len();
    for k in kw {
        let k = k.as_str().unwrap_or("");
        if !matches!(k, "rel_tol" | "abs_tol" | "a" | "b") {
            return Err(
                vm.new_type_error(&format!("isclose() got an unexpected keyword argument '{k}'"))
            );
        }
    }
    let a = super::arg_or_kw(args, kw, 0, "a");
    let b = super::arg_or_kw(args, kw, 1, "b");
    if npos > 2 {
        return Err(vm.new_type_error(&format!(
            "isclose() takes exactly 2 positional arguments ({npos} given)"
        )));
    }
    let (Some(a), Some(b)) = (a, b) else {
        let which = if npos == 0 { "a" } else { "b" };
        return Err(vm.new_type_error(&format!(
            "isclose() missing required argument '{which}' (pos {})",
            npos + 1
        )));
    };
    let a = arg_f64(vm, &a)?;
    let b = arg_f64(vm, &b)?;
    let rel_tol = match kwarg(args, kw, "rel_tol") {
        Some(v) => arg_f64(vm, &v)?,
        None => 1e-09,
    };
    let abs_tol = match kwarg(args, kw, "abs_tol") {
        Some(v) => arg_f64(vm, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.new_value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol))
}

fn m_modf<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "modf", args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let ip = x.trunc();
        ((x - ip).copysign(x), ip)
    };
    Ok(Value::new_tuple(vec![Value::Float(frac), Value::Float(int)]))
}

fn m_frexp<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "frexp", args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?;
    let (m, e) = frexp(x);
    Ok(Value::new_tuple(vec![Value::Float(m), Value::Int(e)]))
}

fn m_ldexp<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "ldexp", args, kw, 2, 2)?;
    let x = arg_f64(vm, &p[0])?;
    if matches!(p[1], Value::Float(_)) {
        return Err(vm.new_type_error("Expected an int as second argument to ldexp."));
    }
    let i = arg_int(vm, &p[1])?;
    let i = num_traits::ToPrimitive::to_i64(&i).unwrap_or(if i.sign() == num_bigint::Sign::Minus {
        i64::MIN
    } else {
        i64::MAX
    });
    match ldexp(x, i) {
        Some(r) => Ok(Value::Float(r)),
        None => Err(range_error(vm)),
    }
}

fn m_nextafter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (x, y) = two_floats(vm, args, kw, "nextafter")?;
    Ok(Value::Float(nextafter(x, y)))
}

fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn m_ulp<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "ulp", args, kw, 1, 1)?;
    let x = arg_f64(vm, &p[0])?.abs();
    if !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let next = nextafter(x, f64::INFINITY);
    if next.is_infinite() {
        return Ok(Value::Float(x - nextafter(x, -f64::INFINITY)));
    }
    Ok(Value::Float(next - x))
}

/// CPython 3.11's `vector_norm`: an accurate Euclidean norm of finite, non-negative values.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e).unwrap_or(1.0);
    let mut csum = 1.0f64;
    let mut frac = 0.0f64;
    let add = |csum: &mut f64, frac: &mut f64, x: f64| {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    };
    for v in vec.iter() {
        let x = v * scale;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        add(&mut csum, &mut frac, hi * hi);
        add(&mut csum, &mut frac, 2.0 * hi * lo);
        add(&mut csum, &mut frac, lo * lo);
    }
    let mut h = (csum - 1.0 + frac).sqrt();
    let x = h;
    let t = x * T27;
    let hi = t - (t - x);
    let lo = x - hi;
    add(&mut csum, &mut frac, -hi * hi);
    add(&mut csum, &mut frac, -2.0 * hi * lo);
    add(&mut csum, &mut frac, -lo * lo);
    let x = csum - 1.0 + frac;
    h += x / (2.0 * h);
    h / scale
}

fn norm_of(vals: &mut [f64]) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for v in vals.iter_mut() {
        *v = v.abs();
        found_nan |= v.is_nan();
        if *v > max {
            max = *v;
        }
    }
    vector_norm(vals, max, found_nan)
}

fn m_hypot<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "hypot", args, kw, 0, usize::MAX)?;
    let mut vals = Vec::with_capacity(p.len());
    for v in p {
        vals.push(arg_f64(vm, v)?);
    }
    Ok(Value::Float(norm_of(&mut vals)))
}

fn m_dist<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "dist", args, kw, 2, 2)?;
    let mut pts = Vec::new();
    for (i, v) in p.iter().enumerate() {
        if !matches!(v.payload(), Some(Payload::Tuple(_)) | Some(Payload::List(_))) {
            let tn = vm.type_name(v);
            return Err(
                vm.new_type_error(&format!("dist() argument {} must be tuple, not {tn}", i + 1))
            );
        }
        pts.push(vm.iterate_to_vec(v)?);
    }
    if pts[0].len() != pts[1].len() {
        return Err(vm.new_value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(pts[0].len());
    for (a, b) in pts[0].iter().zip(pts[1].iter()) {
        let (a, b) = (arg_f64(vm, a)?, arg_f64(vm, b)?);
        diffs.push(a - b);
    }
    Ok(Value::Float(norm_of(&mut diffs)))
}

/// `fsum`: Shewchuk's exact summation, as CPython's `math_fsum`.
fn m_fsum<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "fsum", args, kw, 1, 1)?;
    let it = vm.get_iter(&p[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(v) = vm.iter_next(&it)? {
        let mut x = arg_f64(vm, &v)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.new_overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.new_value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut n = partials.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}
