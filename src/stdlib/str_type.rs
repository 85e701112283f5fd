//! Methods of `str`: join, upper, lower, ...

use crate::object::{PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;
use super::args::{install as install_methods, positional};

type Native<M> = crate::object::NativeFn<M>;

/// Install `str`'s methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp.types.str_.clone();
    let methods: &[(&'static str, Native<M>)] = &[("join", str_join), ("upper", str_upper), ("lower", str_lower)];
    install_methods(vm, &cls, "str", methods);
}

fn str_join<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "join", args, kw, 2, 2)?;
    let sep = p[0].as_str().unwrap_or("").to_string();
    let items = vm.iterate_to_vec(&p[1])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        match it.as_str() {
            Some(s) => parts.push(s.to_string()),
            None => {
                let tn = vm.type_name(it);
                return Err(vm.new_type_error(&format!("sequence item {i}: expected str instance, {tn} found")));
            }
        }
    }
    Ok(Value::new_str(parts.join(&sep)))
}

fn str_upper<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    Ok(Value::new_str(args[0].as_str().unwrap_or("").to_uppercase()))
}
fn str_lower<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    Ok(Value::new_str(args[0].as_str().unwrap_or("").to_lowercase()))
}

