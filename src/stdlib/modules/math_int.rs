//! The integer side of `math`: floor/ceil/trunc, gcd, lcm, factorial, comb, perm, isqrt, prod.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::compiler::opcode::BinaryOpArg;
use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{kwarg, positional};
use crate::vm::Vm;

use super::{arg_f64, arg_int};

type Native<M> = crate::object::NativeFn<M>;

/// The functions this file adds to `math`.
pub fn functions<M: ExecutionModel>() -> &'static [(&'static str, Native<M>)] {
    &[
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("isqrt", m_isqrt),
        ("prod", m_prod),
    ]
}

fn is_int<M: ExecutionModel>(v: &Value<M>) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

fn float_to_int<M: ExecutionModel>(vm: &mut Vm<M>, f: f64) -> PyResult<M> {
    crate::num::ops::f64_to_int(f)
        .map(Value::from_bigint)
        .map_err(|e| crate::types::arith::raise(vm, e))
}

fn round_op<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<M> {
    let p = positional(vm, name, args, kw, 1, 1)?;
    let x = &p[0];
    if let Value::Float(v) = x {
        return float_to_int(vm, f(*v));
    }
    if is_int(x) {
        return Ok(Value::from_bigint(arg_int(vm, x)?));
    }
    if let Some(r) = vm.call_special(x, dunder, &[])? {
        return Ok(r);
    }
    if dunder == "__trunc__" {
        let tn = vm.type_name(x);
        return Err(vm.new_type_error(&format!("type {tn} doesn't define __trunc__ method")));
    }
    let v = arg_f64(vm, x)?;
    float_to_int(vm, f(v))
}

fn m_floor<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    round_op(vm, args, kw, "floor", "__floor__", f64::floor)
}
fn m_ceil<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    round_op(vm, args, kw, "ceil", "__ceil__", f64::ceil)
}
fn m_trunc<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    round_op(vm, args, kw, "trunc", "__trunc__", f64::trunc)
}

fn ints<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> Result<Vec<BigInt>, PyErr<M>> {
    let p = positional(vm, name, args, kw, 0, usize::MAX)?;
    let mut out = Vec::with_capacity(p.len());
    for v in p {
        out.push(arg_int(vm, v)?);
    }
    Ok(out)
}

fn m_gcd<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let xs = ints(vm, args, kw, "gcd")?;
    let mut g = BigInt::zero();
    for x in xs {
        g = g.gcd(&x);
    }
    Ok(Value::from_bigint(g))
}

fn m_lcm<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let xs = ints(vm, args, kw, "lcm")?;
    let mut l = BigInt::one();
    for x in xs {
        if x.is_zero() {
            l = BigInt::zero();
            continue;
        }
        if !l.is_zero() {
            l = l.lcm(&x);
        }
    }
    Ok(Value::from_bigint(l.abs()))
}

/// Product of the integers in `lo..hi` (binary splitting keeps the multiplications balanced).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigInt::one();
        let mut small: u64 = 1;
        for i in lo..hi {
            match small.checked_mul(i) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = i;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// An integer argument that must be an int (floats are rejected like CPython 3.11).
fn strict_int<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<BigInt, PyErr<M>> {
    arg_int(vm, v)
}

fn m_factorial<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "factorial", args, kw, 1, 1)?;
    let n = strict_int(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.new_value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(
            vm.new_overflow_error("factorial() argument should not exceed 9223372036854775807")
        );
    };
    Ok(Value::from_bigint(range_product(1, n as u64 + 1)))
}

fn m_comb<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "comb", args, kw, 2, 2)?;
    let n = strict_int(vm, &p[0])?;
    let k = strict_int(vm, &p[1])?;
    if n.is_negative() {
        return Err(vm.new_value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.new_value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let nk = &n - &k;
    let k = if nk < k { nk } else { k };
    let Some(k) = k.to_u64() else {
        return Err(vm.new_overflow_error("min(n - k, k) must not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(r))
}

fn m_perm<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "perm", args, kw, 1, 2)?;
    let n = strict_int(vm, &p[0])?;
    let k = match p.get(1).filter(|v| !v.is_none()) {
        Some(v) => strict_int(vm, v)?,
        None => n.clone(),
    };
    if n.is_negative() {
        return Err(vm.new_value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.new_value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64() else {
        return Err(vm.new_overflow_error("k must not exceed 9223372036854775807"));
    };
    let r = match n.to_u64() {
        Some(nn) => range_product(nn - k + 1, nn + 1),
        None => {
            let mut r = BigInt::one();
            for i in 0..k {
                r *= &n - i;
            }
            r
        }
    };
    Ok(Value::from_bigint(r))
}

fn m_isqrt<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "isqrt", args, kw, 1, 1)?;
    let n = strict_int(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.new_value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn m_prod<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let npos = args.len() - kw.len();
    if npos != 1 {
        return Err(vm.new_type_error(&format!(
            "prod() takes exactly 1 positional argument ({npos} given)"
        )));
    }
    if let Some(k) = kw.iter().find(|k| k.as_str() != Some("start")) {
        let k = k.as_str().unwrap_or("").to_string();
        return Err(vm.new_type_error(&format!("prod() got an unexpected keyword argument '{k}'")));
    }
    let mut acc = kwarg(args, kw, "start").unwrap_or(Value::Int(1));
    let it = vm.get_iter(&args[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        acc = vm.binary_op(BinaryOpArg::Multiply, &acc, &v, false)?;
    }
    Ok(acc)
}
