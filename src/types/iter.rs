//! The native iterator types: `enumerate`, `zip`, `map`, `filter`, `reversed` as classes, `iter()`/`next()`, and `__iter__`/`__next__` of every iterator type.

use crate::object::{IterKind, IterState, Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, kwarg, positional};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Set the constructors of `enumerate`, `zip`, `map`, `filter`, `reversed` and give every
/// iterator type its `__iter__` and `__next__`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let types = vm.interp().types().iter_types.clone();
    for (kind, cls) in IterKind::ALL.iter().zip(types.iter()) {
        let ctor: Option<Native<M>> = match kind {
            IterKind::Enumerate => Some(t_enumerate),
            IterKind::Zip => Some(t_zip),
            IterKind::Map => Some(t_map),
            IterKind::Filter => Some(t_filter),
            IterKind::Reversed => Some(t_reversed),
            _ => None,
        };
        if let (Some(f), Payload::Class(c)) = (ctor, cls.payload()) {
            c.set_native_ctor(f);
        }
        install_methods(vm, cls, kind.type_name(), &[("__iter__", it_iter), ("__next__", it_next)]);
    }
}

fn it_iter<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__iter__", args, kw, 1, 1)?;
    Ok(p[0].clone())
}

fn it_next<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__next__", args, kw, 1, 1)?;
    if !matches!(p[0].payload(), Some(Payload::Iterator(..))) {
        let tn = vm.type_name(&p[0]);
        return Err(vm.new_type_error(&format!(
            "descriptor '__next__' requires an iterator object but received a '{tn}'"
        )));
    }
    match vm.iter_next(&p[0])? {
        Some(v) => Ok(v),
        None => Err(vm.new_stop_iteration(Value::None)),
    }
}

/// Rejects every keyword except those in `allowed`, in CPython's wording for `name()`.
fn check_kwargs<M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    kw: &[Value<M>],
    allowed: &[&str],
) -> Result<(), crate::object::PyErr<M>> {
    for k in kw {
        let k = k.as_str().unwrap_or("");
        if !allowed.contains(&k) {
            return Err(
                vm.new_type_error(&format!("'{k}' is an invalid keyword argument for {name}()"))
            );
        }
    }
    Ok(())
}

fn t_enumerate<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let args = &args[1..];
    check_kwargs(vm, "enumerate", kw, &["iterable", "start"])?;
    let pos = &args[..args.len() - kw.len()];
    if pos.len() > 2 {
        return Err(vm.new_type_error(&format!(
            "enumerate() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let Some(iterable) = pos.first().cloned().or_else(|| kwarg(args, kw, "iterable")) else {
        return Err(vm.new_type_error("enumerate() missing required argument 'iterable'"));
    };
    let start = pos.get(1).cloned().or_else(|| kwarg(args, kw, "start")).unwrap_or(Value::Int(0));
    if vm.as_index(&start).is_none() && !matches!(start.payload(), Some(Payload::BigInt(_))) {
        let tn = vm.type_name(&start);
        return Err(
            vm.new_type_error(&format!("'{tn}' object cannot be interpreted as an integer"))
        );
    }
    let it = vm.get_iter(&iterable)?;
    Ok(vm.new_iter(IterKind::Enumerate, IterState::Enumerate { it, count: start }))
}

fn t_zip<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let args = &args[1..];
    check_kwargs(vm, "zip", kw, &["strict"])?;
    let pos = &args[..args.len() - kw.len()];
    let strict = match kwarg(args, kw, "strict") {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    let mut its = Vec::with_capacity(pos.len());
    for p in pos {
        its.push(vm.get_iter(p)?);
    }
    Ok(vm.new_iter(IterKind::Zip, IterState::Zip { its, strict }))
}

fn t_map<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let args = &args[1..];
    if !kw.is_empty() {
        return Err(vm.new_type_error("map() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(vm.new_type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::with_capacity(args.len() - 1);
    for p in &args[1..] {
        its.push(vm.get_iter(p)?);
    }
    Ok(vm.new_iter(IterKind::Map, IterState::Map { func: args[0].clone(), its }))
}

/// `_PyArg_CheckPositional` wording: `name expected N arguments, got M`.
fn exact_args<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    name: &str,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    n: usize,
) -> Result<&'a [Value<M>], crate::object::PyErr<M>> {
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    if args.len() != n {
        let s = if n == 1 { "" } else { "s" };
        return Err(
            vm.new_type_error(&format!("{name} expected {n} argument{s}, got {}", args.len()))
        );
    }
    Ok(args)
}

fn t_filter<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = exact_args(vm, "filter", &args[1..], kw, 2)?;
    let it = vm.get_iter(&pos[1])?;
    Ok(vm.new_iter(IterKind::Filter, IterState::Filter { func: pos[0].clone(), it }))
}

fn t_reversed<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = exact_args(vm, "reversed", &args[1..], kw, 1)?;
    let obj = &pos[0];
    match obj.payload() {
        Some(Payload::Range(r)) => {
            let n = r.len();
            let (start, step) = (r.start, r.step);
            let last = start.saturating_add((n - 1).saturating_mul(step));
            let stop = start.saturating_sub(step);
            let st = if n == 0 {
                IterState::Exhausted
            } else {
                IterState::Range { next: last, stop, step: -step }
            };
            return Ok(vm.new_iter(IterKind::Range, st));
        }
        Some(Payload::List(l)) => {
            let n = l.with(|v| v.len()) as i64;
            return Ok(vm.new_iter(
                IterKind::ListReverse,
                IterState::Reversed { seq: obj.clone(), index: n - 1 },
            ));
        }
        Some(Payload::Dict(_)) | Some(Payload::DictView(_)) => {
            let seq = Value::new_list(vm.iterate_to_vec(obj)?);
            let n = vm.len_of(&seq)? as i64;
            return Ok(
                vm.new_iter(IterKind::DictReverseKeys, IterState::Reversed { seq, index: n - 1 })
            );
        }
        Some(Payload::Tuple(_)) | Some(Payload::Str(_)) | Some(Payload::Bytes(_)) => {
            let n = vm.len_of(obj)? as i64;
            return Ok(vm.new_iter(
                IterKind::Reversed,
                IterState::Reversed { seq: obj.clone(), index: n - 1 },
            ));
        }
        Some(Payload::Instance(_)) => {
            if let Some(r) = vm.call_special(obj, "__reversed__", &[])? {
                return Ok(r);
            }
            if vm.lookup_special(obj, "__getitem__")?.is_some()
                && vm.lookup_special(obj, "__len__")?.is_some()
            {
                let n = vm.len_of(obj)? as i64;
                return Ok(vm.new_iter(
                    IterKind::Reversed,
                    IterState::Reversed { seq: obj.clone(), index: n - 1 },
                ));
            }
        }
        _ => {}
    }
    let tn = vm.type_name(obj);
    Err(vm.new_type_error(&format!("'{tn}' object is not reversible")))
}

/// `iter(obj)` or `iter(callable, sentinel)`.
pub fn b_iter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = positional(vm, "iter", args, kw, 1, 2)?;
    if pos.len() == 2 {
        let callable = match pos[0].payload() {
            Some(
                Payload::Function(_) | Payload::Builtin(_) | Payload::Method(_) | Payload::Class(_),
            ) => true,
            Some(Payload::Instance(_)) => vm.lookup_special(&pos[0], "__call__")?.is_some(),
            _ => false,
        };
        if !callable {
            return Err(vm.new_type_error("iter(v, w): v must be callable"));
        }
        return Ok(vm.new_iter(
            IterKind::Callable,
            IterState::CallIter { func: pos[0].clone(), sentinel: pos[1].clone() },
        ));
    }
    vm.get_iter(&pos[0])
}

/// `next(it[, default])`.
pub fn b_next<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = positional(vm, "next", args, kw, 1, 2)?;
    match pos[0].payload() {
        Some(Payload::Iterator(..)) | Some(Payload::Generator(_)) | Some(Payload::Instance(_)) => {}
        _ => {
            let tn = vm.type_name(&pos[0]);
            return Err(vm.new_type_error(&format!("'{tn}' object is not an iterator")));
        }
    }
    if let Some(Payload::Instance(_)) = pos[0].payload() {
        if pos.len() == 1 {
            return match vm.call_special(&pos[0], "__next__", &[])? {
                Some(v) => Ok(v),
                None => {
                    let tn = vm.type_name(&pos[0]);
                    Err(vm.new_type_error(&format!("'{tn}' object is not an iterator")))
                }
            };
        }
    }
    if let Some(Payload::Generator(_)) = pos[0].payload() {
        return match vm.gen_resume(&pos[0], Value::None, None)? {
            crate::vm::iter::SendResult::Yielded(v) => Ok(v),
            crate::vm::iter::SendResult::Returned(r) => match pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.new_stop_iteration(r)),
            },
        };
    }
    match vm.iter_next(&pos[0])? {
        Some(v) => Ok(v),
        None => match pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.new_stop_iteration(Value::None)),
        },
    }
}
