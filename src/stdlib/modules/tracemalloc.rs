//! The `_tracemalloc` module: switching the interpreter's allocation tracer on and off and reading its traces (the Python half is the frozen `tracemalloc`).

use crate::memory::tracemalloc::{Trace, Tracer, MAX_NFRAME};
use crate::object::{ObjRef, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{kwarg, positional};
use crate::vm::Vm;

use super::{arg_i64, make_module};

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("start", tm_start),
        ("stop", tm_stop),
        ("is_tracing", tm_is_tracing),
        ("clear_traces", tm_clear_traces),
        ("get_traced_memory", tm_get_traced_memory),
        ("reset_peak", tm_reset_peak),
        ("get_tracemalloc_memory", tm_get_tracemalloc_memory),
        ("get_traceback_limit", tm_get_traceback_limit),
        ("_get_traces", tm_get_traces),
        ("_get_object_traceback", tm_get_object_traceback),
    ];
    make_module(vm, "_tracemalloc", funcs, vec![])
}

/// The interpreter's tracer while it traces.
fn tracer<M: ExecutionModel>(vm: &Vm<M>) -> Option<&'static Tracer> {
    vm.interp().tracer()
}

fn frames_tuple<M: ExecutionModel>(t: &Trace) -> Value<M> {
    Value::new_tuple(
        t.frames
            .iter()
            .map(|(f, l)| {
                Value::new_tuple(vec![Value::new_str(f.to_string()), Value::Int(*l as i64)])
            })
            .collect(),
    )
}

/// `start(nframe=1)`: trace every allocation of this interpreter's threads from now on.
fn tm_start<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    if pos.len() > 1 {
        return Err(
            vm.new_type_error(&format!("start() takes at most 1 argument ({} given)", pos.len()))
        );
    }
    let nframe = match pos.first().cloned().or_else(|| kwarg(args, kw, "nframe")) {
        None => 1,
        Some(v) => arg_i64(vm, &v)?,
    };
    if nframe < 1 || nframe > MAX_NFRAME as i64 {
        return Err(
            vm.new_value_error(&format!("the number of frames must be in range [1; {MAX_NFRAME}]"))
        );
    }
    if let Some(t) = vm.interp().start_tracing(nframe as usize) {
        vm.set_tracemalloc_frames(true);
        vm.interp().trace_allocations(t);
    }
    Ok(Value::None)
}

/// `stop()`: stop tracing and forget the traces.
fn tm_stop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "stop", args, kw, 0, 0)?;
    if let Some(t) = vm.interp().stop_tracing() {
        vm.set_tracemalloc_frames(false);
        t.clear();
    }
    Ok(Value::None)
}

fn tm_is_tracing<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "is_tracing", args, kw, 0, 0)?;
    Ok(Value::Bool(tracer(vm).is_some()))
}

fn tm_clear_traces<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "clear_traces", args, kw, 0, 0)?;
    if let Some(t) = tracer(vm) {
        t.clear();
    }
    Ok(Value::None)
}

fn tm_get_traced_memory<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_traced_memory", args, kw, 0, 0)?;
    let (now, peak) = tracer(vm).map_or((0, 0), |t| t.traced_memory());
    Ok(Value::new_tuple(vec![Value::Int(now), Value::Int(peak)]))
}

fn tm_reset_peak<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "reset_peak", args, kw, 0, 0)?;
    if let Some(t) = tracer(vm) {
        t.reset_peak();
    }
    Ok(Value::None)
}

fn tm_get_tracemalloc_memory<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_tracemalloc_memory", args, kw, 0, 0)?;
    Ok(Value::Int(tracer(vm).map_or(0, |t| t.own_memory()) as i64))
}

fn tm_get_traceback_limit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "get_traceback_limit", args, kw, 0, 0)?;
    Ok(Value::Int(tracer(vm).map_or(1, |t| t.nframe()) as i64))
}

/// `_get_traces()`: `[(domain, size, frames, total_nframe), ...]`, frames innermost first.
fn tm_get_traces<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_get_traces", args, kw, 0, 0)?;
    let traces = tracer(vm).map(|t| t.traces()).unwrap_or_default();
    // As CPython: the snapshot's own objects are not traced (get_traced_memory() after
    // take_snapshot() is what the program holds), and traces that share a traceback share
    // one frames tuple.
    let rows = crate::memory::alloc::untraced(|| {
        let mut shared: std::collections::HashMap<*const (), Value<M>> =
            std::collections::HashMap::new();
        traces
            .iter()
            .map(|t| {
                let key = std::sync::Arc::as_ptr(&t.frames) as *const ();
                let frames = shared.entry(key).or_insert_with(|| frames_tuple(t)).clone();
                Value::new_tuple(vec![
                    Value::Int(0),
                    Value::Int(t.size as i64),
                    frames,
                    Value::Int(t.total_nframe as i64),
                ])
            })
            .collect::<Vec<_>>()
    });
    Ok(Value::new_list(rows))
}

/// `_get_object_traceback(obj)`: where `obj` itself was allocated, or None.
fn tm_get_object_traceback<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "_get_object_traceback", args, kw, 1, 1)?;
    let Some(o) = p[0].obj() else { return Ok(Value::None) };
    Ok(tracer(vm).and_then(|t| t.trace_of(o.id())).map_or(Value::None, |t| frames_tuple(&t)))
}
