//! `sys.monitoring` (PEP 669, CPython 3.12): tool ids, event sets, callbacks and the `events` namespace, over the interpreter state in `vm::monitor`.

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::monitor::{ev, MonError, EVENT_NAMES, NUM_EVENTS, TOOLS};
use crate::vm::Vm;

use super::{arg_i64, make_module, module_get};

/// The `events` namespace, the sentinels and the tool-id constants.
const SNIPPET: &str = r#"
class SimpleNamespace:
    def __init__(self, **kw):
        for k in kw:
            setattr(self, k, kw[k])
    def __repr__(self):
        return 'namespace(' + ', '.join([k + '=' + repr(v) for k, v in self.__dict__.items()]) + ')'
    def __eq__(self, other):
        return isinstance(other, SimpleNamespace) and self.__dict__ == other.__dict__

events = SimpleNamespace()
for _i, _name in enumerate(_event_names):
    setattr(events, _name, 1 << _i)
events.NO_EVENTS = 0
DISABLE = object()
MISSING = object()
DEBUGGER_ID = 0
COVERAGE_ID = 1
PROFILER_ID = 2
OPTIMIZER_ID = 5
del SimpleNamespace, _i, _name, _event_names
"#;

/// `C_RETURN | C_RAISE`, which CPython sets only together with CALL and then drops.
const C_RETURN_EVENTS: i64 = 1 << ev::C_RETURN | 1 << ev::C_RAISE;
const C_CALL_EVENTS: i64 = C_RETURN_EVENTS | 1 << ev::CALL;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("use_tool_id", use_tool_id),
        ("free_tool_id", free_tool_id),
        ("get_tool", get_tool),
        ("register_callback", register_callback),
        ("get_events", get_events),
        ("set_events", set_events),
        ("get_local_events", get_local_events),
        ("set_local_events", set_local_events),
        ("restart_events", restart_events),
        ("_all_events", all_events),
    ];
    let names = Value::new_tuple(EVENT_NAMES.iter().map(|n| Value::new_str(*n)).collect());
    let module = make_module(vm, "sys.monitoring", funcs, vec![("_event_names", names)]);
    super::exec_snippet(vm, &module, SNIPPET, "<sys.monitoring>");
    let disable = module_get(vm, &module, "DISABLE").unwrap_or(Value::None);
    let missing = module_get(vm, &module, "MISSING").unwrap_or(Value::None);
    let (disable, missing) = vm.interp().monitoring().set_sentinels(disable, missing);
    if let Payload::Module(m) = module.payload() {
        let d = m.dict.clone();
        vm.dict_set_str(&d, "DISABLE", disable);
        vm.dict_set_str(&d, "MISSING", missing);
    }
    module
}

fn raise<M: ExecutionModel>(vm: &mut Vm<M>, e: MonError) -> PyErr<M> {
    match e {
        MonError::Value(msg) => vm.new_value_error(&msg),
    }
}

/// A C `int` argument (CPython's argument clinic): OverflowError beyond 32 bits.
fn c_int<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<i64, PyErr<M>> {
    if matches!(v, Value::Float(_)) {
        return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = arg_i64(vm, v)?;
    if n < i32::MIN as i64 || n > i32::MAX as i64 {
        return Err(vm.new_overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        }));
    }
    Ok(n)
}

/// A tool id argument: `invalid tool N (must be between 0 and 5)` outside 0..=5.
fn tool_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<usize, PyErr<M>> {
    let t = c_int(vm, v)?;
    if !(0..TOOLS as i64).contains(&t) {
        return Err(vm.new_value_error(&format!("invalid tool {t} (must be between 0 and 5)")));
    }
    Ok(t as usize)
}

/// An event set argument for `set_events`/`set_local_events`, checked and cleaned as CPython does.
fn event_set_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<u32, PyErr<M>> {
    let e = c_int(vm, v)?;
    if !(0..1 << NUM_EVENTS).contains(&e) {
        return Err(vm.new_value_error(&format!("invalid event set 0x{:x}", e as i32 as u32)));
    }
    if e & C_RETURN_EVENTS != 0 && e & C_CALL_EVENTS != C_CALL_EVENTS {
        return Err(vm.new_value_error("cannot set C_RETURN or C_RAISE events independently"));
    }
    Ok((e & !C_RETURN_EVENTS) as u32)
}

/// The id of a code object argument (`code must be a code object` otherwise).
fn code_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<usize, PyErr<M>> {
    match v {
        Value::Obj(o) if matches!(o.payload(), Payload::Code(_)) => Ok(o.id()),
        _ => Err(vm.new_type_error("code must be a code object")),
    }
}

fn use_tool_id<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "use_tool_id", args, kw, 2, 2)?;
    let tool = tool_arg(vm, &p[0])?;
    if p[1].as_str().is_none() {
        return Err(vm.new_value_error("tool name must be a str"));
    }
    vm.interp().monitoring().use_tool_id(tool, p[1].clone()).map_err(|e| raise(vm, e))?;
    Ok(Value::None)
}

fn free_tool_id<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "free_tool_id", args, kw, 1, 1)?;
    let tool = tool_arg(vm, &p[0])?;
    let old = vm.interp().monitoring().free_tool_id(tool);
    drop(old);
    Ok(Value::None)
}

fn get_tool<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "get_tool", args, kw, 1, 1)?;
    let tool = tool_arg(vm, &p[0])?;
    Ok(vm.interp().monitoring().get_tool(tool).unwrap_or(Value::None))
}

fn register_callback<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "register_callback", args, kw, 3, 3)?;
    let tool = tool_arg(vm, &p[0])?;
    let event = c_int(vm, &p[1])?;
    if (event as i32).count_ones() != 1 {
        return Err(vm.new_value_error("The callback can only be set for one event at a time"));
    }
    let event_id = (event as i32 as u32).trailing_zeros() as usize;
    if event < 0 || event_id >= NUM_EVENTS {
        return Err(vm.new_value_error(&format!("invalid event {event}")));
    }
    let func = if p[2].is_none() { None } else { Some(p[2].clone()) };
    Ok(vm.interp().monitoring().register_callback(tool, event_id, func).unwrap_or(Value::None))
}

fn get_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "get_events", args, kw, 1, 1)?;
    let tool = tool_arg(vm, &p[0])?;
    Ok(Value::Int(vm.interp().monitoring().get_events(tool) as i64))
}

fn set_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "set_events", args, kw, 2, 2)?;
    let tool = tool_arg(vm, &p[0])?;
    let events = event_set_arg(vm, &p[1])?;
    let active = vm.interp().monitoring().set_events(tool, events).map_err(|e| raise(vm, e))?;
    vm.monitoring_changed(active);
    Ok(Value::None)
}

fn get_local_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "get_local_events", args, kw, 2, 2)?;
    let code = code_arg(vm, &p[1])?;
    let tool = tool_arg(vm, &p[0])?;
    Ok(Value::Int(vm.interp().monitoring().get_local_events(tool, code) as i64))
}

fn set_local_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "set_local_events", args, kw, 3, 3)?;
    let code = code_arg(vm, &p[1])?;
    let tool = tool_arg(vm, &p[0])?;
    let events = event_set_arg(vm, &p[2])?;
    if events >= 1 << crate::vm::monitor::LOCAL_EVENT_COUNT {
        return Err(vm.new_value_error(&format!("invalid local event set 0x{events:x}")));
    }
    let active =
        vm.interp().monitoring().set_local_events(tool, code, events).map_err(|e| raise(vm, e))?;
    vm.monitoring_changed(active);
    Ok(Value::None)
}

fn restart_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "restart_events", args, kw, 0, 0)?;
    vm.interp().monitoring().restart_events();
    Ok(Value::None)
}

fn all_events<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "_all_events", args, kw, 0, 0)?;
    let d = Value::new_dict(crate::object::DictTable::new());
    for (name, tools) in vm.interp().monitoring().all_events() {
        vm.setitem(&d, Value::new_str(name), Value::Int(tools as i64))?;
    }
    Ok(d)
}
