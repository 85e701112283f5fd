//! Shared helpers for native functions: argument checking in CPython's wording and method tables.

use crate::object::{BuiltinFunction, ObjRef, Payload, PyErr, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

pub fn builtin<M: ExecutionModel>(name: &'static str, func: Native<M>, owner: Option<&'static str>) -> Value<M> {
    let o = ObjRef::new(Payload::Builtin(BuiltinFunction { name, func, owner }));
    o.make_immortal();
    Value::Obj(o)
}

pub fn positional<'a, M: ExecutionModel>(vm: &mut Vm<M>, name: &str, args: &'a [Value<M>], kw: &[Value<M>], min: usize, max: usize) -> Result<&'a [Value<M>], PyErr<M>> {
    let pos = &args[..args.len() - kw.len()];
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    if pos.len() < min || pos.len() > max {
        return Err(vm.new_type_error(&if min == max {
            format!("{name}() takes exactly {min} argument{} ({} given)", if min == 1 { "" } else { "s" }, pos.len())
        } else if pos.len() < min {
            format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, pos.len())
        } else {
            format!("{name} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, pos.len())
        }));
    }
    Ok(pos)
}

pub fn kwarg<M: ExecutionModel>(args: &[Value<M>], kw: &[Value<M>], name: &str) -> Option<Value<M>> {
    let base = args.len() - kw.len();
    kw.iter().position(|k| k.as_str() == Some(name)).map(|i| args[base + i].clone())
}

/// Add native methods to a builtin class's dict.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>, cls: &ObjRef<M>, owner: &'static str, methods: &[(&'static str, Native<M>)]) {
    let Payload::Class(c) = cls.payload() else { return };
    let d = c.dict.clone();
    for (name, f) in methods {
        let v = builtin(name, *f, Some(owner));
        vm.dict_set_str(&d, name, v);
    }
}

