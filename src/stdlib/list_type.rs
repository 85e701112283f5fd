//! Methods of `list`: append, pop, extend, insert, sort (a stable merge sort), ...

use crate::object::{Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;
use super::args::{install as install_methods, kwarg, positional};

type Native<M> = crate::object::NativeFn<M>;

/// Install `list`'s methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp.types.list.clone();
    let methods: &[(&'static str, Native<M>)] = &[("append", list_append), ("pop", list_pop), ("extend", list_extend), ("insert", list_insert), ("sort", list_sort)];
    install_methods(vm, &cls, "list", methods);
}

fn list_append<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "append", args, kw, 2, 2)?;
    if let Some(Payload::List(l)) = p[0].payload() {
        let v = p[1].clone();
        l.with(|items| items.push(v));
    }
    Ok(Value::None)
}

fn list_pop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "pop", args, kw, 1, 2)?;
    let Some(Payload::List(l)) = p[0].payload() else { return Ok(Value::None) };
    let idx = p.get(1).and_then(|i| vm.as_index(i)).unwrap_or(-1);
    let r = l.with(|v| {
        if v.is_empty() {
            return Err("pop from empty list");
        }
        let i = if idx < 0 { idx + v.len() as i64 } else { idx };
        if i < 0 || i >= v.len() as i64 {
            return Err("pop index out of range");
        }
        Ok(v.remove(i as usize))
    });
    r.map_err(|m| vm.new_index_error(m))
}

fn list_extend<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "extend", args, kw, 2, 2)?;
    let items = vm.iterate_to_vec(&p[1])?;
    if let Some(Payload::List(l)) = p[0].payload() {
        l.with(|v| v.extend(items));
    }
    Ok(Value::None)
}

fn list_insert<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "insert", args, kw, 3, 3)?;
    let i = vm.as_index(&p[1]).unwrap_or(0);
    if let Some(Payload::List(l)) = p[0].payload() {
        let v = p[2].clone();
        l.with(|items| {
            let n = items.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
            items.insert(at as usize, v);
        });
    }
    Ok(Value::None)
}

/// `list.sort(key=None, reverse=False)`: stable merge sort calling `<` (and the key) outside the lock.
pub fn list_sort<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let Some(Payload::List(l)) = args[0].payload() else { return Err(vm.new_type_error("descriptor 'sort' requires a 'list'")) };
    if args.len() - kw.len() > 1 {
        return Err(vm.new_type_error("sort() takes no positional arguments"));
    }
    let key = kwarg(args, kw, "key").filter(|k| !k.is_none());
    let reverse = match kwarg(args, kw, "reverse") {
        Some(r) => vm.is_true(&r)?,
        None => false,
    };
    let items = l.with(std::mem::take);
    let mut keyed = Vec::with_capacity(items.len());
    for it in items {
        let k = match &key {
            Some(kf) => vm.call(kf, std::slice::from_ref(&it), &[])?,
            None => it.clone(),
        };
        keyed.push((k, it));
    }
    if reverse {
        keyed.reverse();
    }
    let mut err = None;
    merge_sort(&mut keyed, &mut |a, b| {
        if err.is_some() {
            return false;
        }
        match vm.compare(crate::compiler::opcode::CompareOpArg::Lt, &b.0, &a.0).and_then(|r| vm.is_true(&r)) {
            Ok(v) => v,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    });
    if reverse {
        keyed.reverse();
    }
    let sorted: Vec<Value<M>> = keyed.into_iter().map(|(_, v)| v).collect();
    l.with(|v| *v = sorted);
    match err {
        Some(e) => Err(e),
        None => Ok(Value::None),
    }
}

/// Stable merge sort with a fallible "b < a" predicate (`less(a, b)` true means b goes first).
fn merge_sort<T: Clone>(v: &mut Vec<T>, b_before_a: &mut dyn FnMut(&T, &T) -> bool) {
    if v.len() <= 1 {
        return;
    }
    let mid = v.len() / 2;
    let mut right = v.split_off(mid);
    merge_sort(v, b_before_a);
    merge_sort(&mut right, b_before_a);
    let left = std::mem::take(v);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if b_before_a(&left[i], &right[j]) {
            v.push(right[j].clone());
            j += 1;
        } else {
            v.push(left[i].clone());
            i += 1;
        }
    }
    v.extend_from_slice(&left[i..]);
    v.extend_from_slice(&right[j..]);
}

