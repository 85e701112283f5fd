//! Methods of the immutable sequences `tuple` and `range`: index, count and the dunder forms.

use crate::object::{Payload, PyErr, PyResult, RangeObj, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, method_positional, positional};
use crate::types::list::bounds;
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install the methods of `tuple` and `range`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let tuple = vm.interp().types().tuple.clone();
    let tm: &[(&'static str, Native<M>)] = &[
        ("index", tuple_index),
        ("count", tuple_count),
        ("__len__", seq_len),
        ("__getitem__", seq_getitem),
        ("__contains__", seq_contains),
    ];
    install_methods(vm, &tuple, "tuple", tm);
    let range = vm.interp().types().range.clone();
    let rm: &[(&'static str, Native<M>)] = &[
        ("index", range_index),
        ("count", range_count),
        ("__len__", seq_len),
        ("__getitem__", seq_getitem),
        ("__contains__", seq_contains),
    ];
    install_methods(vm, &range, "range", rm);
}

fn check_self<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    owner: &str,
    name: &str,
) -> Result<(), PyErr<M>> {
    let ok = match (owner, args.first().and_then(|v| v.payload())) {
        ("tuple", Some(Payload::Tuple(_))) | ("range", Some(Payload::Range(_))) => true,
        (_, None) if args.is_empty() => {
            return Err(
                vm.new_type_error(&format!("unbound method {owner}.{name}() needs an argument"))
            );
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let tn = vm.type_name(&args[0]);
    Err(vm.new_type_error(&format!(
        "descriptor '{name}' for '{owner}' objects doesn't apply to a '{tn}' object"
    )))
}

fn tuple_items<M: ExecutionModel>(v: &Value<M>) -> &[Value<M>] {
    v.as_tuple().unwrap_or(&[])
}

fn tuple_index<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, "tuple", "index")?;
    let p = method_positional(vm, "tuple", "index", args, kw, 1, 3)?;
    let items = tuple_items(&p[0]);
    let (start, stop) = bounds(vm, p, 2, items.len())?;
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if v.is(&p[1]) || vm.eq(v, &p[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.new_value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, "tuple", "count")?;
    let p = positional(vm, "tuple.count", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "tuple.count() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let mut n = 0;
    for v in tuple_items(&p[0]) {
        if v.is(&p[1]) || vm.eq(v, &p[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn range_of<M: ExecutionModel>(v: &Value<M>) -> RangeObj {
    match v.payload() {
        Some(Payload::Range(r)) => *r,
        _ => RangeObj { start: 0, stop: 0, step: 1 },
    }
}

/// Position of an exact int in a range, if present.
fn range_position(r: &RangeObj, i: i64) -> Option<i64> {
    let inside = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
    let off = i as i128 - r.start as i128;
    (inside && off % r.step as i128 == 0).then(|| (off / r.step as i128) as i64)
}

fn is_exact_int<M: ExecutionModel>(v: &Value<M>) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::BigInt(_)))
}

fn range_index<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, "range", "index")?;
    let p = positional(vm, "range.index", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "range.index() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let r = range_of(&p[0]);
    if is_exact_int(&p[1]) {
        if let Some(pos) = vm.as_index(&p[1]).and_then(|i| range_position(&r, i)) {
            return Ok(Value::Int(pos));
        }
    } else {
        let mut i = 0;
        while i < r.len() {
            if vm.eq(&Value::Int(r.get(i)), &p[1])? {
                return Ok(Value::Int(i));
            }
            i += 1;
        }
        return Err(vm.new_value_error("sequence.index(x): x not in sequence"));
    }
    let s = vm.repr_of(&p[1])?;
    Err(vm.new_value_error(&format!("{s} is not in range")))
}

fn range_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, "range", "count")?;
    let p = positional(vm, "range.count", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "range.count() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let r = range_of(&p[0]);
    if is_exact_int(&p[1]) {
        let hit = vm.as_index(&p[1]).and_then(|i| range_position(&r, i)).is_some();
        return Ok(Value::Int(hit as i64));
    }
    let mut n = 0;
    let mut i = 0;
    while i < r.len() {
        if vm.eq(&Value::Int(r.get(i)), &p[1])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

fn owner_of<M: ExecutionModel>(args: &[Value<M>]) -> &'static str {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Range(_)) => "range",
        _ => "tuple",
    }
}

fn seq_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    check_self(vm, args, owner_of(args), "__len__")?;
    positional(vm, "__len__", args, kw, 1, 1)?;
    Ok(Value::Int(vm.len_of(&args[0])? as i64))
}

fn seq_getitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, owner_of(args), "__getitem__")?;
    let p = positional(vm, "__getitem__", args, kw, 2, 2)?;
    vm.getitem(&p[0], &p[1])
}

fn seq_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    check_self(vm, args, owner_of(args), "__contains__")?;
    let p = positional(vm, "__contains__", args, kw, 2, 2)?;
    Ok(Value::Bool(vm.contains(&p[0], &p[1])?))
}
