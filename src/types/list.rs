//! Methods of `list`: append, extend, insert, pop, remove, index, count, sort (stable merge sort), reverse, copy, clear.

use crate::compiler::opcode::CompareOpArg;
use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, kwarg, method_positional, positional};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;
type List<M> = crate::object::Guarded<M, Vec<Value<M>>>;

/// Install `list`'s methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp().types().list.clone();
    let methods: &[(&'static str, Native<M>)] = &[
        ("append", list_append),
        ("pop", list_pop),
        ("extend", list_extend),
        ("insert", list_insert),
        ("sort", list_sort),
        ("remove", list_remove),
        ("index", list_index),
        ("count", list_count),
        ("reverse", list_reverse),
        ("copy", list_copy),
        ("clear", list_clear),
        ("__len__", list_len),
        ("__contains__", list_contains),
        ("__getitem__", list_getitem),
    ];
    install_methods(vm, &cls, "list", methods);
}

/// `self` of a list method, with CPython's descriptor error for anything else.
fn this<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    name: &str,
) -> Result<&'a List<M>, PyErr<M>> {
    match args.first().map(|v| (v, v.payload())) {
        Some((_, Some(Payload::List(l)))) => Ok(l),
        Some((v, _)) => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'list' objects doesn't apply to a '{tn}' object"
            )))
        }
        None => Err(vm.new_type_error(&format!("unbound method list.{name}() needs an argument"))),
    }
}

/// An index argument (`__index__` semantics) with CPython's error wording.
pub fn index_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<i64, PyErr<M>> {
    if let Some(i) = vm.as_index(v) {
        return Ok(i);
    }
    if matches!(v.payload(), Some(Payload::BigInt(_))) {
        let tn = vm.type_name(v);
        let oe = vm.types().overflow_error.clone();
        return Err(
            vm.new_error(&oe, &format!("Python int too large to convert to C ssize_t ({tn})"))
        );
    }
    if let Some(r) = vm.call_special(v, "__index__", &[])? {
        if let Some(i) = vm.as_index(&r) {
            return Ok(i);
        }
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("'{tn}' object cannot be interpreted as an integer")))
}

/// `start`/`stop` of `index()`: clamped like CPython's `_PyEval_SliceIndexNotNone`.
pub fn bounds<M: ExecutionModel>(
    vm: &mut Vm<M>,
    p: &[Value<M>],
    first: usize,
    len: usize,
) -> Result<(usize, usize), PyErr<M>> {
    let get = |vm: &mut Vm<M>, i: usize, dflt: i64| -> Result<i64, PyErr<M>> {
        match p.get(i) {
            None => Ok(dflt),
            Some(v) => {
                if let Some(x) = vm.as_index(v) {
                    return Ok(x);
                }
                match v.payload() {
                    Some(Payload::BigInt(b)) => {
                        Ok(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX })
                    }
                    _ => {
                        match vm.call_special(v, "__index__", &[])?.and_then(|r| vm.as_index(&r)) {
                            Some(x) => Ok(x),
                            None => Err(vm.new_type_error(
                                "slice indices must be integers or have an __index__ method",
                            )),
                        }
                    }
                }
            }
        }
    };
    let n = len as i64;
    let norm = |x: i64| if x < 0 { (x.saturating_add(n)).max(0) } else { x.min(n) };
    let start = norm(get(vm, first, 0)?);
    let stop = norm(get(vm, first + 1, n)?);
    Ok((start as usize, stop as usize))
}

fn list_append<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "append")?;
    let p = positional(vm, "list.append", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "list.append() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let v = p[1].clone();
    l.with(|items| items.push(v));
    Ok(Value::None)
}

fn list_pop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let l = this(vm, args, "pop")?;
    let p = method_positional(vm, "list", "pop", args, kw, 0, 1)?;
    let idx = match p.get(1) {
        Some(i) => index_arg(vm, i)?,
        None => -1,
    };
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

fn list_extend<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "extend")?;
    let p = positional(vm, "list.extend", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "list.extend() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let items = vm.iterate_to_vec(&p[1])?;
    l.with(|v| v.extend(items));
    Ok(Value::None)
}

fn list_insert<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "insert")?;
    let p = positional(vm, "insert", args, kw, 3, 3).map_err(|_| {
        vm.new_type_error(&format!("insert expected 2 arguments, got {}", args.len() - 1))
    })?;
    let i = index_arg(vm, &p[1])?;
    let v = p[2].clone();
    l.with(|items| {
        let n = items.len() as i64;
        let at = if i < 0 { (i.saturating_add(n)).max(0) } else { i.min(n) };
        items.insert(at as usize, v);
    });
    Ok(Value::None)
}

/// Position of the first item equal to `x` in `[start, stop)`; the list may change while `__eq__` runs.
fn find<M: ExecutionModel>(
    vm: &mut Vm<M>,
    l: &List<M>,
    x: &Value<M>,
    start: usize,
    stop: usize,
) -> Result<Option<usize>, PyErr<M>> {
    let mut i = start;
    while i < stop {
        let Some(v) = l.with(|v| v.get(i).cloned()) else { break };
        if v.is(x) || vm.eq(&v, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn list_remove<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "remove")?;
    let p = positional(vm, "list.remove", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "list.remove() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let n = l.with(|v| v.len());
    match find(vm, l, &p[1], 0, n)? {
        Some(i) => {
            let old = l.with(|v| if i < v.len() { Some(v.remove(i)) } else { None });
            drop(old);
            Ok(Value::None)
        }
        None => Err(vm.new_value_error("list.remove(x): x not in list")),
    }
}

fn list_index<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "index")?;
    let p = method_positional(vm, "list", "index", args, kw, 1, 3)?;
    let n = l.with(|v| v.len());
    let (start, stop) = bounds(vm, p, 2, n)?;
    match find(vm, l, &p[1], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = vm.repr_of(&p[1])?;
            Err(vm.new_value_error(&format!("{r} is not in list")))
        }
    }
}

fn list_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "count")?;
    let p = positional(vm, "list.count", args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "list.count() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    let mut count = 0;
    let mut i = 0;
    while let Some(v) = l.with(|v| v.get(i).cloned()) {
        if v.is(&p[1]) || vm.eq(&v, &p[1])? {
            count += 1;
        }
        i += 1;
    }
    Ok(Value::Int(count))
}

fn list_reverse<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "reverse")?;
    method_positional(vm, "list", "reverse", args, kw, 0, 0)?;
    l.with(|v| v.reverse());
    Ok(Value::None)
}

fn list_copy<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let l = this(vm, args, "copy")?;
    method_positional(vm, "list", "copy", args, kw, 0, 0)?;
    Ok(Value::new_list(l.with(|v| v.clone())))
}

fn list_clear<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "clear")?;
    method_positional(vm, "list", "clear", args, kw, 0, 0)?;
    let old = l.with(std::mem::take);
    drop(old);
    Ok(Value::None)
}

fn list_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let l = this(vm, args, "__len__")?;
    positional(vm, "__len__", args, kw, 1, 1)?;
    Ok(Value::Int(l.with(|v| v.len()) as i64))
}

fn list_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    this(vm, args, "__contains__")?;
    let p = positional(vm, "__contains__", args, kw, 2, 2)?;
    Ok(Value::Bool(vm.contains(&p[0], &p[1])?))
}

fn list_getitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    this(vm, args, "__getitem__")?;
    let p = positional(vm, "__getitem__", args, kw, 2, 2)?;
    vm.getitem(&p[0], &p[1])
}

/// `list.sort(*, key=None, reverse=False)`: stable merge sort calling `<` (and the key) outside the lock.
/// While sorting, the list is empty (as CPython); a list modified meanwhile raises ValueError.
pub fn list_sort<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let l = this(vm, args, "sort")?;
    if args.len() - kw.len() > 1 {
        return Err(vm.new_type_error("sort() takes no positional arguments"));
    }
    for k in kw {
        let name = k.as_str().unwrap_or("");
        if name != "key" && name != "reverse" {
            return Err(
                vm.new_type_error(&format!("'{name}' is an invalid keyword argument for sort()"))
            );
        }
    }
    let key = kwarg(args, kw, "key").filter(|k| !k.is_none());
    let reverse = match kwarg(args, kw, "reverse") {
        Some(r) => index_arg(vm, &r)? != 0,
        None => false,
    };
    let items = l.with(std::mem::take);
    let mut keyed = Vec::with_capacity(items.len());
    let mut err = None;
    for it in &items {
        let k = match &key {
            Some(kf) => match vm.call(kf, std::slice::from_ref(it), &[]) {
                Ok(k) => k,
                Err(e) => {
                    err = Some(e);
                    break;
                }
            },
            None => it.clone(),
        };
        keyed.push((k, it.clone()));
    }
    if let Some(e) = err {
        l.with(|v| *v = items);
        return Err(e);
    }
    drop(items);
    if reverse {
        keyed.reverse();
    }
    merge_sort(&mut keyed, &mut |a, b| {
        if err.is_some() {
            return false;
        }
        match less_than(vm, &b.0, &a.0) {
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
    let modified = l.with(|v| {
        let modified = !v.is_empty();
        let old = std::mem::replace(v, sorted);
        (modified, old)
    });
    drop(modified.1);
    if let Some(e) = err {
        return Err(e);
    }
    if modified.0 {
        return Err(vm.new_value_error("list modified during sort"));
    }
    Ok(Value::None)
}

/// `a < b` as a bool, with fast paths for ints, floats and strs.
fn less_than<M: ExecutionModel>(
    vm: &mut Vm<M>,
    a: &Value<M>,
    b: &Value<M>,
) -> Result<bool, PyErr<M>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(x < y),
        (Value::Float(x), Value::Float(y)) => return Ok(x < y),
        _ => {}
    }
    if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
        return Ok(x < y);
    }
    let r = vm.compare(CompareOpArg::Lt, a, b)?;
    vm.is_true(&r)
}

/// Stable merge sort with a fallible "b < a" predicate (`b_before_a(a, b)` true means b goes first).
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
