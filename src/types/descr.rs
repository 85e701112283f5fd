//! Methods of descriptors: `property.getter`/`setter`/`deleter`, which return a modified copy.

use crate::object::{ObjRef, Payload, PropertyObj, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, positional};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install `property`'s methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp().types().property.clone();
    let methods: &[(&'static str, Native<M>)] =
        &[("getter", prop_getter), ("setter", prop_setter), ("deleter", prop_deleter)];
    install_methods(vm, &cls, "property", methods);
}

/// A copy of the property with one accessor replaced (slot 0 get, 1 set, 2 delete).
fn replace_accessor<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    args: &[Value<M>],
    kw: &[Value<M>],
    slot: usize,
) -> PyResult<M> {
    let p = positional(vm, name, args, kw, 2, 2)?;
    let Some(Payload::Property(old)) = p[0].payload() else {
        let tn = vm.type_name(&p[0]);
        return Err(vm.new_type_error(&format!(
            "descriptor '{name}' for 'property' objects doesn't apply to a '{tn}' object"
        )));
    };
    let mut acc = [old.fget.clone(), old.fset.clone(), old.fdel.clone()];
    acc[slot] = p[1].clone();
    let [fget, fset, fdel] = acc;
    let doc = old.doc.clone();
    Ok(Value::Obj(ObjRef::new(Payload::Property(PropertyObj { fget, fset, fdel, doc }))))
}

fn prop_getter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    replace_accessor(vm, "getter", args, kw, 0)
}
fn prop_setter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    replace_accessor(vm, "setter", args, kw, 1)
}
fn prop_deleter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    replace_accessor(vm, "deleter", args, kw, 2)
}
