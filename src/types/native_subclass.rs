//! Subclasses of builtin types (`class Stack(list)`, `class Celsius(float)`): creation, the
//! builtin `__new__`/`__init__`, and the dunder methods that builtin types expose to subclasses.
//!
//! An instance of such a class is an ordinary `Payload::Instance` whose `native` field holds a
//! value of the builtin type. Calling any builtin method on it (`self.append(x)`,
//! `super().__getitem__(k)`) passes that value as `self` instead ([`call_inherited`]); the dunder
//! wrappers installed here make the VM's special-method lookups find the builtin behaviour, the
//! way CPython's slot wrappers (`list.__len__`, `int.__add__`) do. Plain builtin values never go
//! through this module: the VM handles their payloads directly.

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg};
use crate::object::{BuiltinFunction, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{builtin, install as install_methods};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Call builtin method `b` with `args[0]` an instance carrying a native value: the method runs
/// on that value (`dict.__getitem__` first consults the subclass's `__missing__`).
pub fn call_inherited<M: ExecutionModel>(
    vm: &mut Vm<M>,
    b: &BuiltinFunction<M>,
    args: &[Value<M>],
    kwnames: &[Value<M>],
) -> PyResult<M> {
    let Some(Payload::Instance(inst)) = args[0].payload() else {
        return (b.func)(vm, args, kwnames);
    };
    let Some(native) = inst.native.clone() else { return (b.func)(vm, args, kwnames) };
    if matches!(b.owner, Some("object") | Some("BaseException")) {
        return (b.func)(vm, args, kwnames);
    }
    if b.name == "__getitem__" && args.len() == 2 && kwnames.is_empty() {
        if let Some(Payload::Dict(_)) = native.payload() {
            let cls = inst.class.clone();
            if let Some(missing) = vm.class_lookup(&cls, "__missing__") {
                let d = native.obj().expect("a dict payload is an object").clone();
                return match vm.dict_get_key(&d, &args[1])? {
                    Some(v) => Ok(v),
                    None => vm.call(&missing, &[args[0].clone(), args[1].clone()], &[]),
                };
            }
        }
    }
    let mut full = Vec::with_capacity(args.len());
    full.push(native);
    full.extend_from_slice(&args[1..]);
    (b.func)(vm, &full, kwnames)
}

/// Whether instances of builtin `base` are mutable containers (made empty, then filled by `__init__`).
fn is_mutable_base<M: ExecutionModel>(vm: &Vm<M>, base: &ObjRef<M>) -> bool {
    let t = &vm.interp().types();
    base.is(&t.list) || base.is(&t.dict) || base.is(&t.set)
}

/// `cls(*args)` for a class deriving from builtin `base`: immutable values (int, str, tuple, ...)
/// are built from the arguments now; mutable containers start empty and `__init__` fills them.
pub fn new_native_instance<M: ExecutionModel>(
    vm: &mut Vm<M>,
    cls: &ObjRef<M>,
    base: &ObjRef<M>,
    args: &[Value<M>],
    kwnames: &[Value<M>],
) -> PyResult<M> {
    let Payload::Class(bc) = base.payload() else {
        return Err(vm.new_type_error("native base is not a class"));
    };
    let Some(ctor) = bc.native_ctor() else {
        return Err(vm.new_type_error("native base has no constructor"));
    };
    let native = if is_mutable_base(vm, base) {
        ctor(vm, &[Value::Obj(base.clone())], &[])?
    } else {
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(Value::Obj(base.clone()));
        full.extend_from_slice(args);
        ctor(vm, &full, kwnames)?
    };
    Ok(vm.new_instance_with(cls, Some(native)))
}

/// `T.__new__(cls, *args)` for builtin types and `object.__new__(cls)`.
fn builtin_new<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kwnames: &[Value<M>],
) -> PyResult<M> {
    let cls = match args.first().and_then(|v| v.obj()) {
        Some(o) if matches!(o.payload(), Payload::Class(_)) => o.clone(),
        _ => return Err(vm.new_type_error("__new__(X): X is not a type object")),
    };
    let Payload::Class(c) = cls.payload() else { unreachable!("checked above") };
    if let Some(ctor) = c.native_ctor() {
        return ctor(vm, args, kwnames);
    }
    match c.native_base() {
        Some(base) => {
            let base = base.clone();
            new_native_instance(vm, &cls, &base, &args[1..], kwnames)
        }
        None => Ok(vm.new_instance(&cls)),
    }
}

/// `list.__init__`, `dict.__init__`, `set.__init__`: replace the contents with a freshly built value.
fn container_init<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kwnames: &[Value<M>],
) -> PyResult<M> {
    let target = args[0].clone();
    let cls = vm.class_of(&target);
    let Some(ctor) = (match cls.payload() {
        Payload::Class(c) => c.native_ctor(),
        _ => None,
    }) else {
        return Err(vm.new_type_error("__init__ on a non-builtin value"));
    };
    let mut full = Vec::with_capacity(args.len());
    full.push(Value::Obj(cls.clone()));
    full.extend_from_slice(&args[1..]);
    let fresh = ctor(vm, &full, kwnames)?;
    match (target.payload(), fresh.payload()) {
        (Some(Payload::List(dst)), Some(Payload::List(src))) => {
            let items = src.with(std::mem::take);
            dst.with(|v| *v = items);
        }
        (Some(Payload::Dict(dst)), Some(Payload::Dict(src))) => {
            let table = src.with(std::mem::take);
            dst.with(|t| *t = table);
        }
        (Some(Payload::Set(dst)), Some(Payload::Set(src))) => {
            let table = src.table.with(std::mem::take);
            dst.table.with(|t| *t = table);
        }
        _ => {}
    }
    Ok(Value::None)
}

/// Arity check shared by the wrappers (they are only reached through special-method lookups).
fn want<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    args: &[Value<M>],
    kwnames: &[Value<M>],
    n: usize,
) -> Result<(), PyErr<M>> {
    if !kwnames.is_empty() || args.len() != n {
        return Err(vm.new_type_error(&format!(
            "expected {} argument{} for {name}, got {}",
            n - 1,
            if n == 2 { "" } else { "s" },
            args.len().saturating_sub(1)
        )));
    }
    Ok(())
}

/// The builtin value behind `v` when it is an instance of a builtin subclass (the other operand
/// of `int.__mul__(7, MyInt(7))` is an int too), else `v` itself.
fn unwrap<M: ExecutionModel>(v: &Value<M>) -> Value<M> {
    match v.payload() {
        Some(Payload::Instance(i)) if i.native.is_some() => i.native.clone().unwrap_or(Value::None),
        _ => v.clone(),
    }
}

/// A TypeError from a builtin operator becomes NotImplemented, so the VM tries the reflected
/// method and finally reports the operand types the user wrote.
fn or_not_implemented<M: ExecutionModel>(vm: &mut Vm<M>, r: PyResult<M>) -> PyResult<M> {
    match r {
        Err(e) if vm.isinstance_class(&e.exc, &vm.types().type_error.clone()) => {
            Ok(Value::Obj(vm.interp().not_implemented().clone()))
        }
        other => other,
    }
}

/// The builtin part of a binary operator only (numbers, sequences, sets): never the special
/// methods, which would find these very wrappers again for plain operands.
fn native_binary<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: BinaryOpArg,
    a: &Value<M>,
    b: &Value<M>,
) -> PyResult<M> {
    let r = if vm.as_num(a).is_some() && vm.as_num(b).is_some() {
        vm.binary_op(op, a, b, false)
    } else {
        match vm.builtin_binary(op, a, b, false) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => return Ok(Value::Obj(vm.interp().not_implemented().clone())),
            Err(e) => Err(e),
        }
    };
    or_not_implemented(vm, r)
}

/// The builtin part of a comparison only (see `native_binary`).
fn native_compare<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: CompareOpArg,
    a: &Value<M>,
    b: &Value<M>,
) -> PyResult<M> {
    if vm.as_num(a).is_some() && vm.as_num(b).is_some() {
        return vm.compare(op, a, b);
    }
    let r = match crate::types::containers::builtin_compare(vm, op, a, b) {
        Ok(Some(x)) => Ok(Value::Bool(x)),
        Ok(None) => return Ok(Value::Obj(vm.interp().not_implemented().clone())),
        Err(e) => Err(e),
    };
    or_not_implemented(vm, r)
}

macro_rules! binary_wrappers {
    ($( $fwd:ident, $rev:ident => $op:ident ;)*) => {
        $(
            fn $fwd<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
                want(vm, stringify!($fwd), args, kw, 2)?;
                native_binary(vm, BinaryOpArg::$op, &args[0], &unwrap(&args[1]))
            }
            fn $rev<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
                want(vm, stringify!($rev), args, kw, 2)?;
                native_binary(vm, BinaryOpArg::$op, &unwrap(&args[1]), &args[0])
            }
        )*
    };
}

binary_wrappers! {
    add, radd => Add; sub, rsub => Subtract; mul, rmul => Multiply; truediv, rtruediv => TrueDivide;
    floordiv, rfloordiv => FloorDivide; modulo, rmodulo => Remainder; power, rpower => Power;
    and, rand => And; or, ror => Or; xor, rxor => Xor; lshift, rlshift => Lshift; rshift, rrshift => Rshift;
}

macro_rules! compare_wrappers {
    ($( $name:ident => $op:ident ;)*) => {
        $(
            fn $name<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
                want(vm, stringify!($name), args, kw, 2)?;
                native_compare(vm, CompareOpArg::$op, &args[0], &unwrap(&args[1]))
            }
        )*
    };
}

compare_wrappers! { lt => Lt; le => Le; eq => Eq; ne => Ne; gt => Gt; ge => Ge; }

fn repr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__repr__", args, kw, 1)?;
    Ok(Value::new_str(vm.repr_of(&args[0])?))
}
fn str_<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__str__", args, kw, 1)?;
    Ok(Value::new_str(vm.str_of(&args[0])?))
}
fn hash<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__hash__", args, kw, 1)?;
    Ok(Value::Int(vm.hash(&args[0])?))
}
fn len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__len__", args, kw, 1)?;
    Ok(Value::Int(vm.len_of(&args[0])? as i64))
}
fn bool_<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__bool__", args, kw, 1)?;
    Ok(Value::Bool(vm.is_true(&args[0])?))
}
fn iter<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__iter__", args, kw, 1)?;
    vm.get_iter(&args[0])
}
fn contains<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__contains__", args, kw, 2)?;
    Ok(Value::Bool(vm.contains(&args[0], &args[1])?))
}
fn getitem<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__getitem__", args, kw, 2)?;
    vm.getitem(&args[0], &args[1])
}
fn setitem<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__setitem__", args, kw, 3)?;
    vm.setitem(&args[0], args[1].clone(), args[2].clone())?;
    Ok(Value::None)
}
fn delitem<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__delitem__", args, kw, 2)?;
    vm.delitem(&args[0], &args[1])?;
    Ok(Value::None)
}
fn neg<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__neg__", args, kw, 1)?;
    vm.unary_negative(&args[0])
}
fn pos<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__pos__", args, kw, 1)?;
    vm.unary_positive(&args[0])
}
fn invert<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    want(vm, "__invert__", args, kw, 1)?;
    vm.unary_invert(&args[0])
}
/// `__int__`, `__float__`, `__index__`, `__abs__`: convert through the builtin functions.
fn via_builtin<M: ExecutionModel>(
    vm: &mut Vm<M>,
    func: &str,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    want(vm, func, args, kw, 1)?;
    let builtins = vm.interp().builtins().clone();
    let Some(f) = vm.dict_get_str(&builtins, func) else {
        return Err(vm.new_type_error(&format!("no builtin {func}")));
    };
    vm.call(&f, &args[..1], &[])
}
fn int_<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    via_builtin(vm, "int", args, kw)
}
fn float_<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    via_builtin(vm, "float", args, kw)
}
fn abs<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    via_builtin(vm, "abs", args, kw)
}

/// Install `__new__` on every builtin type and the dunder wrappers on the subclassable ones.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let t = vm.interp().clone();
    let t = t.types();
    let new = builtin("__new__", builtin_new, Some("type"));
    let new = crate::types::args::builtin_descriptor(Payload::StaticMethod(new));
    for cls in [
        &t.object,
        &t.int,
        &t.float,
        &t.str_,
        &t.bytes,
        &t.tuple,
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
    ] {
        if let Payload::Class(c) = cls.payload() {
            let d = c.dict.clone();
            vm.dict_set_str(&d, "__new__", new.clone());
        }
    }
    let compare: [(&'static str, Native<M>); 7] = [
        ("__eq__", eq),
        ("__ne__", ne),
        ("__lt__", lt),
        ("__le__", le),
        ("__gt__", gt),
        ("__ge__", ge),
        ("__repr__", repr),
    ];
    let sized: [(&'static str, Native<M>); 4] = [
        ("__len__", len),
        ("__iter__", iter),
        ("__contains__", contains),
        ("__getitem__", getitem),
    ];
    let arith: [(&'static str, Native<M>); 14] = [
        ("__add__", add),
        ("__radd__", radd),
        ("__sub__", sub),
        ("__rsub__", rsub),
        ("__mul__", mul),
        ("__rmul__", rmul),
        ("__truediv__", truediv),
        ("__rtruediv__", rtruediv),
        ("__floordiv__", floordiv),
        ("__rfloordiv__", rfloordiv),
        ("__mod__", modulo),
        ("__rmod__", rmodulo),
        ("__pow__", power),
        ("__rpow__", rpower),
    ];
    let numeric: [(&'static str, Native<M>); 7] = [
        ("__hash__", hash),
        ("__bool__", bool_),
        ("__neg__", neg),
        ("__pos__", pos),
        ("__abs__", abs),
        ("__int__", int_),
        ("__float__", float_),
    ];
    let bits: [(&'static str, Native<M>); 11] = [
        ("__and__", and),
        ("__rand__", rand),
        ("__or__", or),
        ("__ror__", ror),
        ("__xor__", xor),
        ("__rxor__", rxor),
        ("__lshift__", lshift),
        ("__rlshift__", rlshift),
        ("__rshift__", rshift),
        ("__rrshift__", rrshift),
        ("__invert__", invert),
    ];
    let seq_ops: [(&'static str, Native<M>); 4] =
        [("__add__", add), ("__mul__", mul), ("__rmul__", rmul), ("__hash__", hash)];
    let mutable: [(&'static str, Native<M>); 3] =
        [("__setitem__", setitem), ("__delitem__", delitem), ("__init__", container_init)];
    let set_ops: [(&'static str, Native<M>); 4] =
        [("__or__", or), ("__and__", and), ("__sub__", sub), ("__xor__", xor)];
    let plan: [(&ObjRef<M>, &'static str, Vec<&[(&'static str, Native<M>)]>); 9] = [
        (&t.int, "int", vec![&compare, &arith, &numeric, &bits]),
        (&t.float, "float", vec![&compare, &arith, &numeric]),
        (
            &t.str_,
            "str",
            vec![&compare, &sized, &seq_ops, &[("__str__", str_), ("__mod__", modulo)]],
        ),
        (&t.bytes, "bytes", vec![&compare, &sized, &seq_ops]),
        (&t.tuple, "tuple", vec![&compare, &sized, &seq_ops]),
        (
            &t.list,
            "list",
            vec![
                &compare,
                &sized,
                &mutable,
                &[("__add__", add), ("__mul__", mul), ("__rmul__", rmul)],
            ],
        ),
        (&t.dict, "dict", vec![&compare, &sized, &mutable, &[("__or__", or)]]),
        (&t.set, "set", vec![&compare, &sized[..3], &set_ops, &[("__init__", container_init)]]),
        (&t.frozenset, "frozenset", vec![&compare, &sized[..3], &set_ops, &[("__hash__", hash)]]),
    ];
    for (cls, owner, tables) in plan {
        for table in tables {
            // Methods the type already defines (e.g. list.__init__ from its own module) win.
            let Payload::Class(c) = cls.payload() else { continue };
            let d = c.dict.clone();
            let missing: Vec<(&'static str, Native<M>)> = table
                .iter()
                .copied()
                .filter(|(name, _)| vm.dict_get_str(&d, name).is_none())
                .collect();
            install_methods(vm, cls, owner, &missing);
        }
    }
}
