//! Methods of `dict`: get, keys, values, items, ...

use crate::object::{DictViewObj, ObjRef, Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;
use super::args::{install as install_methods, positional};

type Native<M> = crate::object::NativeFn<M>;

/// Install `dict`'s methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp.types.dict.clone();
    let methods: &[(&'static str, Native<M>)] = &[("get", dict_get), ("keys", dict_keys), ("values", dict_values), ("items", dict_items)];
    install_methods(vm, &cls, "dict", methods);
}

fn dict_get<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "get", args, kw, 2, 3)?;
    let d = p[0].obj().unwrap().clone();
    Ok(vm.dict_get_key(&d, &p[1])?.unwrap_or_else(|| p.get(2).cloned().unwrap_or(Value::None)))
}

fn dict_view<M: ExecutionModel>(args: &[Value<M>], kind: u8) -> PyResult<M> {
    let d = args[0].obj().unwrap().clone();
    Ok(Value::Obj(ObjRef::new(Payload::DictView(DictViewObj { dict: d, kind }))))
}
fn dict_keys<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    dict_view(args, 0)
}
fn dict_values<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    dict_view(args, 1)
}
fn dict_items<M: ExecutionModel>(_vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    dict_view(args, 2)
}

