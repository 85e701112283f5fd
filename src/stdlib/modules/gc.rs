//! The `gc` module: CPython 3.11's interface to the cyclic collector (`collect`, counts and thresholds, `get_stats`, `is_tracked`, `callbacks`, `garbage`, debug flags, freeze).

use crate::object::{ObjRef, Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{kwarg, positional};
use crate::vm::gc::{
    valid_generation, GcLists, DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE,
};
use crate::vm::Vm;

use super::make_module;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("collect", gc_collect),
        ("enable", gc_enable),
        ("disable", gc_disable),
        ("isenabled", gc_isenabled),
        ("get_count", gc_get_count),
        ("get_threshold", gc_get_threshold),
        ("set_threshold", gc_set_threshold),
        ("get_stats", gc_get_stats),
        ("is_tracked", gc_is_tracked),
        ("is_finalized", gc_is_finalized),
        ("get_objects", gc_get_objects),
        ("get_referents", gc_get_referents),
        ("get_referrers", gc_get_referrers),
        ("set_debug", gc_set_debug),
        ("get_debug", gc_get_debug),
        ("freeze", gc_freeze),
        ("unfreeze", gc_unfreeze),
        ("get_freeze_count", gc_get_freeze_count),
    ];
    let (callbacks, garbage) = {
        let mut lists = vm.interp().gc_lists();
        let l = lists.get_or_insert_with(|| {
            let new_list = || match Value::<M>::new_list(Vec::new()) {
                Value::Obj(o) => o,
                _ => unreachable!("a list is an object"),
            };
            GcLists { callbacks: new_list(), garbage: new_list() }
        });
        (l.callbacks.clone(), l.garbage.clone())
    };
    let flags = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;
    make_module(
        vm,
        "gc",
        funcs,
        vec![
            ("callbacks", Value::Obj(callbacks)),
            ("garbage", Value::Obj(garbage)),
            ("DEBUG_STATS", Value::Int(DEBUG_STATS as i64)),
            ("DEBUG_COLLECTABLE", Value::Int(DEBUG_COLLECTABLE as i64)),
            ("DEBUG_UNCOLLECTABLE", Value::Int(DEBUG_UNCOLLECTABLE as i64)),
            ("DEBUG_SAVEALL", Value::Int(DEBUG_SAVEALL as i64)),
            ("DEBUG_LEAK", Value::Int(flags as i64)),
        ],
    )
}

/// An int argument (bool counts, as in CPython), or CPython's TypeError.
fn int_arg<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<i64, crate::object::PyErr<M>> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            let t = vm.type_name(v);
            Err(vm.new_type_error(&format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn gc_collect<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if let Some(k) = kw.iter().find(|k| k.as_str() != Some("generation")) {
        let k = k.as_str().unwrap_or("").to_string();
        return Err(
            vm.new_type_error(&format!("collect() got an unexpected keyword argument '{k}'"))
        );
    }
    if pos.len() > 1 {
        return Err(
            vm.new_type_error(&format!("collect() takes at most 1 argument ({} given)", pos.len()))
        );
    }
    let generation = match pos.first().cloned().or_else(|| kwarg(args, kw, "generation")) {
        None => 2,
        Some(v) => int_arg(vm, &v)?,
    };
    let Some(generation) = valid_generation(generation) else {
        return Err(vm.new_value_error("invalid generation"));
    };
    Ok(Value::Int(vm.gc_collect(generation) as i64))
}

fn gc_enable<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "enable", args, kw, 0, 0)?;
    vm.interp().gc().set_enabled(true);
    Ok(Value::None)
}

fn gc_disable<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "disable", args, kw, 0, 0)?;
    vm.interp().gc().set_enabled(false);
    Ok(Value::None)
}

fn gc_isenabled<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "isenabled", args, kw, 0, 0)?;
    Ok(Value::Bool(vm.interp().gc().is_enabled()))
}

fn int_tuple<M: ExecutionModel>(v: [isize; 3]) -> Value<M> {
    Value::new_tuple(v.iter().map(|&x| Value::Int(x as i64)).collect())
}

fn gc_get_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_count", args, kw, 0, 0)?;
    Ok(int_tuple(vm.interp().gc().counts()))
}

fn gc_get_threshold<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_threshold", args, kw, 0, 0)?;
    Ok(int_tuple(vm.interp().gc().thresholds()))
}

fn gc_set_threshold<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "set_threshold", args, kw, 1, 3)?.to_vec();
    let mut t = vm.interp().gc().thresholds();
    for (i, v) in p.iter().enumerate() {
        t[i] = int_arg(vm, v)? as isize;
    }
    vm.interp().gc().set_thresholds(t);
    Ok(Value::None)
}

fn gc_get_stats<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_stats", args, kw, 0, 0)?;
    let mut out = Vec::new();
    for s in vm.interp().gc().stats() {
        let d = Value::new_dict(crate::object::DictTable::new());
        if let Value::Obj(o) = &d {
            vm.dict_set_str(o, "collections", Value::Int(s.collections as i64));
            vm.dict_set_str(o, "collected", Value::Int(s.collected as i64));
            vm.dict_set_str(o, "uncollectable", Value::Int(s.uncollectable as i64));
        }
        out.push(d);
    }
    Ok(Value::new_list(out))
}

fn gc_is_tracked<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "is_tracked", args, kw, 1, 1)?;
    Ok(Value::Bool(match &p[0] {
        Value::Obj(o) => o.gc.is_tracked() && o.payload().cpython_tracked(),
        _ => false,
    }))
}

fn gc_is_finalized<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "is_finalized", args, kw, 1, 1)?;
    Ok(Value::Bool(
        matches!(p[0].payload(), Some(Payload::Instance(i)) if i.finalized.load(std::sync::atomic::Ordering::Relaxed)),
    ))
}

fn gc_get_objects<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    let generation = match pos.first().cloned().or_else(|| kwarg(args, kw, "generation")) {
        None | Some(Value::None) => None,
        Some(v) => {
            let g = int_arg(vm, &v)?;
            if g < 0 {
                return Err(vm.new_value_error("generation parameter cannot be negative"));
            }
            match valid_generation(g) {
                Some(g) => Some(g),
                None => {
                    return Err(vm.new_value_error(
                        "generation parameter must be less than the number of available generations (3)",
                    ))
                }
            }
        }
    };
    let objs = vm.gc_objects(generation);
    Ok(Value::new_list(objs.into_iter().map(Value::Obj).collect()))
}

fn gc_get_referents<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "get_referents", args, kw, 0, usize::MAX)?.to_vec();
    Ok(Value::new_list(vm.gc_referents(&p)))
}

fn gc_get_referrers<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "get_referrers", args, kw, 0, usize::MAX)?.to_vec();
    let targets: Vec<usize> = p.iter().filter_map(|v| v.obj().map(|o| o.id())).collect();
    let mut out = Vec::new();
    for o in vm.gc_objects(None) {
        let mut hit = false;
        o.payload().gc_traverse(&mut |c| hit |= targets.contains(&c.id()));
        if hit {
            out.push(Value::Obj(o));
        }
    }
    Ok(Value::new_list(out))
}

fn gc_set_debug<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "set_debug", args, kw, 1, 1)?.to_vec();
    let flags = int_arg(vm, &p[0])?;
    vm.interp().gc().debug.store(flags as u32, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

fn gc_get_debug<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_debug", args, kw, 0, 0)?;
    Ok(Value::Int(vm.interp().gc().debug.load(std::sync::atomic::Ordering::Relaxed) as i64))
}

fn gc_freeze<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "freeze", args, kw, 0, 0)?;
    vm.gc_freeze(true);
    Ok(Value::None)
}

fn gc_unfreeze<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "unfreeze", args, kw, 0, 0)?;
    vm.gc_freeze(false);
    Ok(Value::None)
}

fn gc_get_freeze_count<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_freeze_count", args, kw, 0, 0)?;
    Ok(Value::Int(vm.gc_freeze_count() as i64))
}
