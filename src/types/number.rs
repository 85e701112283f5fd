//! The `int` and `float` types: constructors, methods and properties, and the numeric builtins (round, divmod, pow, bin, oct, hex).

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::compiler::opcode::BinaryOpArg;
use crate::num::ops as n;
use crate::object::{ObjRef, Payload, PropertyObj, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{arg_f64, arg_int, arg_or_kw};
use crate::types::args::{builtin, install, kwarg, positional};
use crate::types::arith::raise;
use crate::vm::ops::Num;
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install the int/float methods and properties.
pub fn install_num<M: ExecutionModel>(vm: &mut Vm<M>) {
    let int = vm.types().int.clone();
    let float = vm.types().float.clone();
    install(
        vm,
        &int,
        "int",
        &[
            ("bit_length", int_bit_length),
            ("bit_count", int_bit_count),
            ("to_bytes", int_to_bytes),
            ("conjugate", int_self),
            ("as_integer_ratio", int_as_integer_ratio),
            ("__index__", int_self),
            ("__int__", int_self),
            ("__trunc__", int_self),
            ("__floor__", int_self),
            ("__ceil__", int_self),
        ],
    );
    set_classmethod(vm, &int, "from_bytes", int_from_bytes, "int");
    set_property(vm, &int, "real", int_self, "int");
    set_property(vm, &int, "numerator", int_self, "int");
    set_property(vm, &int, "imag", int_zero, "int");
    set_property(vm, &int, "denominator", int_one, "int");
    install(
        vm,
        &float,
        "float",
        &[
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("hex", float_hex),
            ("conjugate", float_self),
            ("__trunc__", float_trunc),
            ("__int__", float_trunc),
        ],
    );
    set_classmethod(vm, &float, "fromhex", float_fromhex, "float");
    set_property(vm, &float, "real", float_self, "float");
    set_property(vm, &float, "imag", float_zero, "float");
}

fn class_dict<M: ExecutionModel>(cls: &ObjRef<M>) -> Option<ObjRef<M>> {
    match cls.payload() {
        Payload::Class(c) => Some(c.dict.clone()),
        _ => None,
    }
}

/// A read-only property whose getter is a native function.
pub fn set_property<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    name: &'static str,
    f: Native<M>,
    owner: &'static str,
) {
    let Some(d) = class_dict(cls) else { return };
    let p = crate::types::args::builtin_descriptor(Payload::Property(PropertyObj {
        fget: builtin(name, f, Some(owner)),
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    }));
    vm.dict_set_str(&d, name, p);
}

fn set_classmethod<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    name: &'static str,
    f: Native<M>,
    owner: &'static str,
) {
    let Some(d) = class_dict(cls) else { return };
    let p =
        crate::types::args::builtin_descriptor(Payload::ClassMethod(builtin(name, f, Some(owner))));
    vm.dict_set_str(&d, name, p);
}

fn self_int<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    name: &str,
) -> Result<BigInt, PyErr<M>> {
    match args.first() {
        Some(Value::Int(i)) => Ok(BigInt::from(*i)),
        Some(Value::Bool(b)) => Ok(BigInt::from(*b as i64)),
        Some(v) => match v.payload() {
            Some(Payload::BigInt(b)) => Ok(b.clone()),
            _ => {
                let tn = vm.type_name(v);
                Err(vm.new_type_error(&format!(
                    "descriptor '{name}' for 'int' objects doesn't apply to a '{tn}' object"
                )))
            }
        },
        None => Err(vm.new_type_error(&format!("unbound method int.{name}() needs an argument"))),
    }
}

fn self_float<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    name: &str,
) -> Result<f64, PyErr<M>> {
    match args.first() {
        Some(Value::Float(f)) => Ok(*f),
        Some(v) => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'float' objects doesn't apply to a '{tn}' object"
            )))
        }
        None => Err(vm.new_type_error(&format!("unbound method float.{name}() needs an argument"))),
    }
}

fn int_self<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    Ok(Value::from_bigint(self_int(vm, args, "conjugate")?))
}
fn int_zero<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Int(0))
}
fn int_one<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Int(1))
}

fn int_bit_length<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "int.bit_length", &args[args.len().min(1)..], kw, 0, 0)?;
    if let Some(Value::Int(i)) = args.first() {
        return Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64));
    }
    let v = self_int(vm, args, "bit_length")?;
    Ok(Value::Int(v.bits() as i64))
}

fn int_bit_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "int.bit_count", &args[args.len().min(1)..], kw, 0, 0)?;
    let v = self_int(vm, args, "bit_count")?;
    Ok(Value::Int(v.magnitude().count_ones() as i64))
}

fn int_as_integer_ratio<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let v = self_int(vm, args, "as_integer_ratio")?;
    Ok(Value::new_tuple(vec![Value::from_bigint(v), Value::Int(1)]))
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`.
fn byte_opts<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    order_pos: usize,
) -> Result<(bool, bool), PyErr<M>> {
    let little = match arg_or_kw(args, kw, order_pos, "byteorder") {
        None => false,
        Some(v) => match v.as_str() {
            Some("little") => true,
            Some("big") => false,
            Some(_) => return Err(vm.new_value_error("byteorder must be either 'little' or 'big'")),
            None => {
                let tn = vm.type_name(&v);
                return Err(vm.new_type_error(&format!(
                    "to_bytes() argument 'byteorder' must be str, not {tn}"
                )));
            }
        },
    };
    let signed = match kwarg(args, kw, "signed") {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    Ok((little, signed))
}

fn int_to_bytes<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let v = self_int(vm, args, "to_bytes")?;
    let length = match arg_or_kw(args, kw, 1, "length") {
        Some(l) => arg_int(vm, &l)?,
        None => BigInt::from(1),
    };
    if length.is_negative() {
        return Err(vm.new_value_error("length argument must be non-negative"));
    }
    let length = match length.to_usize() {
        Some(l) if l <= 1 << 32 => l,
        Some(_) => return Err(vm.new_error(&vm.types().memory_error.clone(), "")),
        None => return Err(vm.new_overflow_error("Python int too large to convert to C ssize_t")),
    };
    let (little, signed) = byte_opts(vm, args, kw, 2)?;
    if v.is_negative() && !signed {
        return Err(vm.new_overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { v.to_signed_bytes_le() } else { v.to_bytes_le().1 };
    if v.is_zero() {
        bytes.clear();
    }
    // Strip redundant sign bytes, then check the fit.
    if bytes.len() > length {
        return Err(vm.new_overflow_error("int too big to convert"));
    }
    let fill = if v.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(Value::Obj(ObjRef::new(Payload::Bytes(bytes.into_boxed_slice()))))
}

fn int_from_bytes<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let Some(src) = arg_or_kw(args, kw, 1, "bytes") else {
        return Err(vm.new_type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let data: Vec<u8> = match src.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::Str(_)) => {
            return Err(vm.new_type_error("cannot convert 'str' object to bytes"))
        }
        _ => {
            let mut out = Vec::new();
            for item in vm.iterate_to_vec(&src)? {
                match vm.as_index(&item).and_then(|i| u8::try_from(i).ok()) {
                    Some(b) => out.push(b),
                    None => return Err(vm.new_value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    let (little, signed) = byte_opts(vm, args, kw, 2)?;
    let mut le = data;
    if !little {
        le.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &le)
    };
    Ok(Value::from_bigint(v))
}

fn float_self<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Float(self_float(vm, args, "conjugate")?))
}
fn float_zero<M: ExecutionModel>(
    _vm: &mut Vm<M>,
    _args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Float(0.0))
}
fn float_trunc<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let f = self_float(vm, args, "__trunc__")?;
    n::f64_to_int(f).map(Value::from_bigint).map_err(|e| raise(vm, e))
}

fn float_is_integer<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::Bool(n::float_is_integer(self_float(vm, args, "is_integer")?)))
}

fn float_as_integer_ratio<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    let f = self_float(vm, args, "as_integer_ratio")?;
    let (a, b) = n::float_as_integer_ratio(f).map_err(|e| raise(vm, e))?;
    Ok(Value::new_tuple(vec![Value::from_bigint(a), Value::from_bigint(b)]))
}

/// `float.hex()`, as CPython's `float_hex`.
pub fn float_to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let (m, e) = crate::num::ops::frexp(x.abs());
    let shift = 1 - (-1021 - e).max(0);
    let mut m = crate::num::ops::ldexp(m, shift).unwrap_or(m);
    let e = e - shift;
    let hexd = b"0123456789abcdef";
    let mut s = String::new();
    let d = m as usize;
    s.push(hexd[d] as char);
    m -= d as f64;
    s.push('.');
    for _ in 0..13 {
        m *= 16.0;
        let d = m as usize;
        s.push(hexd[d.min(15)] as char);
        m -= d as f64;
    }
    format!("{sign}0x{s}p{}{e}", if e >= 0 { "+" } else { "" })
}

fn float_hex<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    _kw: &[Value<M>],
) -> PyResult<M> {
    Ok(Value::new_str(float_to_hex(self_float(vm, args, "hex")?)))
}

/// `float.fromhex(s)`.
fn parse_hex_float(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
    };
    let special = match t.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    let mag = match special {
        Some(v) => v,
        None => {
            let body = t.strip_prefix("0x").unwrap_or(&t);
            let (mant, exp) = match body.split_once('p') {
                Some((m, e)) => (m, e.parse::<i64>().ok()?),
                None => (body, 0),
            };
            let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
            if ip.is_empty() && fp.is_empty() {
                return None;
            }
            let mut v = BigInt::zero();
            for c in ip.chars().chain(fp.chars()) {
                v = v * 16 + c.to_digit(16)?;
            }
            let e2 = exp.checked_sub(4 * fp.len() as i64)?;
            if v.is_zero() {
                0.0
            } else {
                // Correct rounding through an exact rational.
                if e2 >= 0 {
                    n::int_to_f64(&(v << e2.min(1 << 20) as u64)).unwrap_or(f64::INFINITY)
                } else {
                    n::int_truediv(
                        &v,
                        &(BigInt::from(1)
                            << e2.checked_neg().unwrap_or(i64::MAX).min(1 << 20) as u64),
                    )
                    .unwrap_or(0.0)
                }
            }
        }
    };
    Some(if neg { -mag } else { mag })
}

fn float_fromhex<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "fromhex", &args[args.len().min(1)..], kw, 1, 1)?;
    let Some(s) = p[0].as_str() else {
        let tn = vm.type_name(&p[0]);
        return Err(vm.new_type_error(&format!("bad argument type for built-in operation: '{tn}'")));
    };
    match parse_hex_float(s) {
        Some(f) if f.is_infinite() && !s.to_ascii_lowercase().contains("inf") => {
            Err(vm.new_overflow_error("hexadecimal value too large to represent as a float"))
        }
        Some(f) => Ok(Value::Float(f)),
        None => Err(vm.new_value_error("invalid hexadecimal floating-point string")),
    }
}

// ----- constructors -----

pub fn t_int<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[1..args.len() - kw.len()];
    if pos.len() > 2 {
        return Err(
            vm.new_type_error(&format!("int() takes at most 2 arguments ({} given)", pos.len()))
        );
    }
    if let Some(k) = kw.iter().find(|k| k.as_str() != Some("base")) {
        let k = k.as_str().unwrap_or("").to_string();
        return Err(vm.new_type_error(&format!("'{k}' is an invalid keyword argument for int()")));
    }
    let base = pos.get(1).cloned().or_else(|| kwarg(args, kw, "base"));
    let Some(x) = pos.first() else {
        if base.is_some() {
            return Err(vm.new_type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(b) = base {
        let b = arg_int(vm, &b)?;
        let b = match b.to_u32() {
            Some(b) if b == 0 || (2..=36).contains(&b) => b,
            _ => return Err(vm.new_value_error("int() base must be >= 2 and <= 36, or 0")),
        };
        let s = match x.payload() {
            Some(Payload::Str(s)) => s.as_str().to_string(),
            Some(Payload::Bytes(bs)) => String::from_utf8_lossy(bs).into_owned(),
            _ => return Err(vm.new_type_error("int() can't convert non-string with explicit base")),
        };
        return crate::text::numparse::parse_int(&s, b)
            .map(Value::from_bigint)
            .map_err(|e| raise(vm, e));
    }
    match x {
        Value::Int(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            return n::f64_to_int(*f).map(Value::from_bigint).map_err(|e| raise(vm, e))
        }
        _ => {}
    }
    match x.payload() {
        Some(Payload::BigInt(_)) => return Ok(x.clone()),
        Some(Payload::Str(s)) => {
            let s = s.as_str().to_string();
            return crate::text::numparse::parse_int(&s, 10)
                .map(Value::from_bigint)
                .map_err(|e| raise(vm, e));
        }
        Some(Payload::Bytes(bs)) => {
            let s = String::from_utf8_lossy(bs).into_owned();
            return crate::text::numparse::parse_int(&s, 10).map(Value::from_bigint).map_err(|e| {
                let msg = format!(
                    "invalid literal for int() with base 10: {}",
                    crate::types::format::str_repr(&s).replacen('\'', "b'", 1)
                );
                match e {
                    crate::object::TextOpError::ValueError(_) => vm.new_value_error(&msg),
                    other => raise(vm, other),
                }
            });
        }
        _ => {}
    }
    for dunder in ["__int__", "__index__", "__trunc__"] {
        if let Some(v) = vm.call_special(x, dunder, &[])? {
            if vm.as_num(&v).is_some_and(|n| !matches!(n, Num::Float(_))) {
                return Ok(Value::from_bigint(arg_int(vm, &v)?));
            }
            let rn = vm.type_name(&v);
            return Err(vm.new_type_error(&format!("{dunder} returned non-int (type {rn})")));
        }
    }
    let tn = vm.type_name(x);
    Err(vm.new_type_error(&format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
    )))
}

pub fn t_float<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "float", &args[1..], kw, 0, 1)?;
    let Some(x) = p.first() else { return Ok(Value::Float(0.0)) };
    match x.payload() {
        Some(Payload::Str(s)) => {
            let s = s.as_str().to_string();
            return crate::text::numparse::parse_float(&s)
                .map(Value::Float)
                .map_err(|e| raise(vm, e));
        }
        Some(Payload::Bytes(bs)) => {
            let s = String::from_utf8_lossy(bs).into_owned();
            return crate::text::numparse::parse_float(&s)
                .map(Value::Float)
                .map_err(|e| raise(vm, e));
        }
        _ => {}
    }
    if vm.as_num(x).is_none()
        && vm.lookup_special(x, "__float__")?.is_none()
        && vm.lookup_special(x, "__index__")?.is_none()
    {
        let tn = vm.type_name(x);
        return Err(vm.new_type_error(&format!(
            "float() argument must be a string or a real number, not '{tn}'"
        )));
    }
    Ok(Value::Float(arg_f64(vm, x)?))
}

// ----- numeric builtins -----

pub fn b_round<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let npos = args.len() - kw.len();
    if npos > 2 {
        return Err(vm.new_type_error(&format!("round() takes at most 2 arguments ({npos} given)")));
    }
    let Some(x) = arg_or_kw(args, kw, 0, "number") else {
        return Err(vm.new_type_error("round() missing required argument 'number' (pos 1)"));
    };
    let nd = arg_or_kw(args, kw, 1, "ndigits").filter(|v| !v.is_none());
    match vm.as_num(&x) {
        Some(num) => {
            let ndigits = match &nd {
                None => None,
                Some(v) => {
                    let b = arg_int(vm, v)?;
                    Some(b.to_i64().unwrap_or(if b.is_negative() {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }))
                }
            };
            match num {
                Num::Float(f) => match n::round_float(f, ndigits).map_err(|e| raise(vm, e))? {
                    n::Rounded::Int(i) => Ok(Value::from_bigint(i)),
                    n::Rounded::Float(f) => Ok(Value::Float(f)),
                },
                Num::Int(i) => match ndigits {
                    None | Some(0..) => Ok(Value::Int(i)),
                    Some(d) => Ok(Value::from_bigint(n::round_int(&BigInt::from(i), d))),
                },
                Num::Big(b) => Ok(Value::from_bigint(n::round_int(&b, ndigits.unwrap_or(0)))),
            }
        }
        None => {
            let extra: Vec<Value<M>> = nd.into_iter().collect();
            match vm.call_special(&x, "__round__", &extra)? {
                Some(r) => Ok(r),
                None => {
                    let tn = vm.type_name(&x);
                    Err(vm.new_type_error(&format!("type {tn} doesn't define __round__ method")))
                }
            }
        }
    }
}

pub fn b_divmod<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "divmod", args, kw, 2, 2)?;
    let (a, b) = (&p[0], &p[1]);
    if let (Some(x), Some(y)) = (vm.as_num(a), vm.as_num(b)) {
        let pair = |q: Value<M>, r: Value<M>| Value::new_tuple(vec![q, r]);
        return match (x, y) {
            (Num::Int(x), Num::Int(y)) if !(x == i64::MIN && y == -1) => {
                match n::i64_divmod(x, y).map_err(|e| raise(vm, e))? {
                    Some((q, r)) => Ok(pair(Value::Int(q), Value::Int(r))),
                    None => unreachable_pair(vm, BigInt::from(x), BigInt::from(y)),
                }
            }
            (Num::Float(x), y) => {
                let y = num_f64(vm, y)?;
                let (q, r) = n::float_divmod(x, y).map_err(|e| raise(vm, e))?;
                Ok(pair(Value::Float(q), Value::Float(r)))
            }
            (x, Num::Float(y)) => {
                let x = num_f64(vm, x)?;
                let (q, r) = n::float_divmod(x, y).map_err(|e| raise(vm, e))?;
                Ok(pair(Value::Float(q), Value::Float(r)))
            }
            (x, y) => unreachable_pair(vm, num_big(x), num_big(y)),
        };
    }
    if let Some(r) = vm.call_special(a, "__divmod__", std::slice::from_ref(b))? {
        if !vm.is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if let Some(r) = vm.call_special(b, "__rdivmod__", std::slice::from_ref(a))? {
        if !vm.is_not_implemented(&r) {
            return Ok(r);
        }
    }
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    Err(vm.new_type_error(&format!("unsupported operand type(s) for divmod(): '{ta}' and '{tb}'")))
}

fn unreachable_pair<M: ExecutionModel>(vm: &mut Vm<M>, x: BigInt, y: BigInt) -> PyResult<M> {
    let (q, r) = n::int_divmod(&x, &y).map_err(|e| raise(vm, e))?;
    Ok(Value::new_tuple(vec![Value::from_bigint(q), Value::from_bigint(r)]))
}

fn num_big(x: Num) -> BigInt {
    match x {
        Num::Int(i) => BigInt::from(i),
        Num::Big(b) => b,
        Num::Float(f) => n::f64_to_int(f).unwrap_or_default(),
    }
}

fn num_f64<M: ExecutionModel>(vm: &mut Vm<M>, x: Num) -> Result<f64, PyErr<M>> {
    match x {
        Num::Int(i) => Ok(i as f64),
        Num::Big(b) => n::int_to_f64(&b).map_err(|e| raise(vm, e)),
        Num::Float(f) => Ok(f),
    }
}

pub fn b_pow<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let npos = args.len() - kw.len();
    if npos > 3 {
        return Err(vm.new_type_error(&format!("pow() takes at most 3 arguments ({npos} given)")));
    }
    let base = arg_or_kw(args, kw, 0, "base");
    let exp = arg_or_kw(args, kw, 1, "exp");
    let m = arg_or_kw(args, kw, 2, "mod").filter(|v| !v.is_none());
    let (Some(base), Some(exp)) = (base, exp) else {
        let (name, pos) = if npos == 0 { ("base", 1) } else { ("exp", 2) };
        return Err(
            vm.new_type_error(&format!("pow() missing required argument '{name}' (pos {pos})"))
        );
    };
    let Some(m) = m else {
        return vm.binary_op(BinaryOpArg::Power, &base, &exp, false);
    };
    let all_int = [&base, &exp, &m]
        .iter()
        .all(|v| matches!(vm.as_num(v), Some(Num::Int(_)) | Some(Num::Big(_))));
    if all_int {
        let (a, b, c) = (arg_int(vm, &base)?, arg_int(vm, &exp)?, arg_int(vm, &m)?);
        return n::int_pow_mod(&a, &b, &c).map(Value::from_bigint).map_err(|e| raise(vm, e));
    }
    if vm.as_num(&base).is_none() {
        if let Some(r) = vm.call_special(&base, "__pow__", &[exp.clone(), m.clone()])? {
            if !vm.is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    if [&base, &exp, &m].iter().all(|v| vm.as_num(v).is_some()) {
        return Err(
            vm.new_type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    let (ta, tb, tc) = (vm.type_name(&base), vm.type_name(&exp), vm.type_name(&m));
    Err(vm.new_type_error(&format!(
        "unsupported operand type(s) for ** or pow(): '{ta}', '{tb}', '{tc}'"
    )))
}

fn int_repr_base<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    base: u32,
) -> PyResult<M> {
    let p = positional(vm, name, args, kw, 1, 1)?;
    let v = arg_int(vm, &p[0])?;
    Ok(Value::new_str(crate::text::numparse::int_to_string(&v, base, true)))
}

pub fn b_bin<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    int_repr_base(vm, args, kw, "bin", 2)
}
pub fn b_oct<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    int_repr_base(vm, args, kw, "oct", 8)
}
pub fn b_hex<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    int_repr_base(vm, args, kw, "hex", 16)
}
