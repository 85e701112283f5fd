//! Shared helpers for native functions: argument checking in CPython's wording and method tables.

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
