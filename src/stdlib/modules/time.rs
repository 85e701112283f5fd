//! The `time` module: wall clock, monotonic and performance counters, process time, sleep.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::object::{ObjRef, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::Vm;

use super::{arg_f64, make_module};

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[
        ("time", t_time),
        ("time_ns", t_time_ns),
        ("perf_counter", t_perf_counter),
        ("perf_counter_ns", t_perf_counter_ns),
        ("monotonic", t_perf_counter),
        ("monotonic_ns", t_perf_counter_ns),
        ("process_time", t_process_time),
        ("process_time_ns", t_process_time_ns),
        ("thread_time", t_thread_time),
        ("sleep", t_sleep),
    ];
    make_module(
        vm,
        "time",
        funcs,
        vec![("timezone", Value::Int(0)), ("altzone", Value::Int(0)), ("daylight", Value::Int(0))],
    )
}

/// Nanoseconds since an arbitrary fixed point (the first use in this process).
fn monotonic_ns() -> u128 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos()
}

fn wall_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn cpu_ns(thread: bool) -> u128 {
    cpu_time::cpu_ns(thread)
}

fn ns_value<M: ExecutionModel>(n: i128) -> Value<M> {
    match i64::try_from(n) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::from_bigint(num_bigint::BigInt::from(n)),
    }
}

fn t_time<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "time", args, kw, 0, 0)?;
    Ok(Value::Float(wall_ns() as f64 / 1e9))
}

fn t_time_ns<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    positional(vm, "time_ns", args, kw, 0, 0)?;
    Ok(ns_value(wall_ns()))
}

fn t_perf_counter<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "perf_counter", args, kw, 0, 0)?;
    Ok(Value::Float(monotonic_ns() as f64 / 1e9))
}

fn t_perf_counter_ns<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "perf_counter_ns", args, kw, 0, 0)?;
    Ok(ns_value(monotonic_ns() as i128))
}

fn t_process_time<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "process_time", args, kw, 0, 0)?;
    Ok(Value::Float(cpu_ns(false) as f64 / 1e9))
}

fn t_process_time_ns<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "process_time_ns", args, kw, 0, 0)?;
    Ok(ns_value(cpu_ns(false) as i128))
}

fn t_thread_time<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    positional(vm, "thread_time", args, kw, 0, 0)?;
    Ok(Value::Float(cpu_ns(true) as f64 / 1e9))
}

fn t_sleep<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "sleep", args, kw, 1, 1)?;
    let secs = arg_f64(vm, &p[0])?;
    if secs.is_nan() {
        return Err(vm.new_value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.new_value_error("sleep length must be non-negative"));
    }
    if !secs.is_finite() || secs > 1e15 {
        return Err(vm.new_overflow_error("sleep length is too large"));
    }
    vm.allow_threads(|| {
        crate::runtime::counters::timed_block(|| std::thread::sleep(Duration::from_secs_f64(secs)))
    });
    Ok(Value::None)
}

/// CPU time without `unsafe`: read from procfs where available, else fall back to a monotonic clock.
mod cpu_time {
    use std::sync::OnceLock;

    fn ticks_per_sec() -> u128 {
        100
    }

    /// CPU time (user + system) of the process, or of the calling thread, in nanoseconds.
    pub fn cpu_ns(thread: bool) -> u128 {
        let path = if thread { "/proc/thread-self/stat" } else { "/proc/self/stat" };
        if let Ok(s) = std::fs::read_to_string(path) {
            // Fields after the command name (which is in parentheses and may contain spaces).
            if let Some(rest) = s.rsplit_once(')').map(|(_, r)| r) {
                let f: Vec<&str> = rest.split_whitespace().collect();
                // rest[0] is field 3 (state); utime is field 14, stime field 15.
                if let (Some(u), Some(st)) = (
                    f.get(11).and_then(|x| x.parse::<u128>().ok()),
                    f.get(12).and_then(|x| x.parse::<u128>().ok()),
                ) {
                    return (u + st) * 1_000_000_000 / ticks_per_sec();
                }
            }
        }
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_nanos()
    }
}
