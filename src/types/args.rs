//! Shared helpers for native functions: argument checking in CPython's wording and method tables.

use num_bigint::BigInt;

use crate::object::{BuiltinFunction, ObjRef, Payload, PyErr, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

pub fn builtin<M: ExecutionModel>(
    name: &'static str,
    func: Native<M>,
    owner: Option<&'static str>,
) -> Value<M> {
    let o = ObjRef::new(Payload::Builtin(BuiltinFunction { name, func, owner }));
    o.make_immortal();
    Value::Obj(o)
}

/// An object installed at start-up in a builtin type's namespace (a staticmethod, classmethod or
/// property wrapping builtins): immortal, like the type, since every thread looks it up (CPython's
/// static types keep such descriptors for the life of the process).
pub fn builtin_descriptor<M: ExecutionModel>(payload: Payload<M>) -> Value<M> {
    let o = ObjRef::new(payload);
    o.make_immortal();
    Value::Obj(o)
}

pub fn positional<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    min: usize,
    max: usize,
) -> Result<&'a [Value<M>], PyErr<M>> {
    let pos = &args[..args.len() - kw.len()];
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    if pos.len() < min || pos.len() > max {
        return Err(vm.new_type_error(&if min == max && min <= 1 {
            let n = if min == 0 {
                "no arguments".to_string()
            } else {
                "exactly one argument".to_string()
            };
            format!("{name}() takes {n} ({} given)", pos.len())
        } else if min == max {
            format!(
                "{name} expected {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                pos.len()
            )
        } else if pos.len() < min {
            format!(
                "{name} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                pos.len()
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {}",
                if max == 1 { "" } else { "s" },
                pos.len()
            )
        }));
    }
    Ok(pos)
}

pub fn kwarg<M: ExecutionModel>(
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> Option<Value<M>> {
    let base = args.len() - kw.len();
    kw.iter().position(|k| k.as_str() == Some(name)).map(|i| args[base + i].clone())
}

/// Add native methods to a builtin class's dict.
pub fn install<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    owner: &'static str,
    methods: &[(&'static str, Native<M>)],
) {
    let Payload::Class(c) = cls.payload() else { return };
    let d = c.dict.clone();
    for (name, f) in methods {
        let v = builtin(name, *f, Some(owner));
        vm.dict_set_str(&d, name, v);
    }
}

/// Like [`positional`] for a method of builtin type `owner`: `args[0]` is `self`, `min`/`max`
/// count the other arguments, and the messages are CPython's (`dict.copy() takes no arguments
/// (1 given)`, `pop expected at most 1 argument, got 2`). Returns every argument, self first.
pub fn method_positional<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    owner: &str,
    name: &str,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    min: usize,
    max: usize,
) -> Result<&'a [Value<M>], PyErr<M>> {
    let pos = &args[..args.len() - kw.len()];
    let n = pos.len().saturating_sub(1);
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{owner}.{name}() takes no keyword arguments")));
    }
    if n < min || n > max {
        let s = |k: usize| if k == 1 { "" } else { "s" };
        return Err(vm.new_type_error(&if max == 0 {
            format!("{owner}.{name}() takes no arguments ({n} given)")
        } else if min == 1 && max == 1 {
            format!("{owner}.{name}() takes exactly one argument ({n} given)")
        } else if min == max {
            format!("{name} expected {min} argument{}, got {n}", s(min))
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", s(min))
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", s(max))
        }));
    }
    Ok(pos)
}

/// A float argument: int, big int, bool, float, or an object with `__float__` (or `__index__`).
pub fn arg_f64<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<f64, PyErr<M>> {
    match v {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = v.payload() {
        return crate::num::ops::int_to_f64(b).map_err(|e| crate::types::arith::raise(vm, e));
    }
    if let Some(r) = vm.call_special(v, "__float__", &[])? {
        if let Value::Float(f) = r {
            return Ok(f);
        }
        let tn = vm.type_name(v);
        let rn = vm.type_name(&r);
        return Err(vm.new_type_error(&format!("{tn}.__float__ returned non-float (type {rn})")));
    }
    if vm.lookup_special(v, "__index__")?.is_some() {
        let i = arg_int(vm, v)?;
        return crate::num::ops::int_to_f64(&i).map_err(|e| crate::types::arith::raise(vm, e));
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("must be real number, not {tn}")))
}

/// An integer argument: int, big int, bool, or an object with `__index__`.
pub fn arg_int<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<BigInt, PyErr<M>> {
    match v {
        Value::Int(i) => return Ok(BigInt::from(*i)),
        Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = v.payload() {
        return Ok(b.clone());
    }
    if !matches!(v, Value::Float(_)) {
        if let Some(r) = vm.call_special(v, "__index__", &[])? {
            match &r {
                Value::Int(i) => return Ok(BigInt::from(*i)),
                Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
                _ => {
                    if let Some(Payload::BigInt(b)) = r.payload() {
                        return Ok(b.clone());
                    }
                    let rn = vm.type_name(&r);
                    return Err(
                        vm.new_type_error(&format!("__index__ returned non-int (type {rn})"))
                    );
                }
            }
        }
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("'{tn}' object cannot be interpreted as an integer")))
}

/// Like [`arg_int`] but as an i64 (OverflowError with `what` when it does not fit).
pub fn arg_i64<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<i64, PyErr<M>> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let b = arg_int(vm, v)?;
    num_traits::ToPrimitive::to_i64(&b)
        .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C long"))
}

/// The value of a keyword-or-positional argument: positional index `i`, else keyword `name`.
pub fn arg_or_kw<M: ExecutionModel>(
    args: &[Value<M>],
    kw: &[Value<M>],
    i: usize,
    name: &str,
) -> Option<Value<M>> {
    let npos = args.len() - kw.len();
    if i < npos {
        return Some(args[i].clone());
    }
    kwarg(args, kw, name)
}
