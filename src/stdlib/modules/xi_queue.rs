//! Cross-interpreter queues behind `concurrent.interpreters.Queue`: crossbeam channels of [`Shareable`] values in a process-wide registry, by id.
//!
//! A `Queue` object holds only its id, so copying it to another interpreter gives that
//! interpreter a handle to the same channel. `put` exports a copy of the object (counted in
//! the `xi_*` counters) and `get` imports it, so the receiver always gets an independent copy.
//! Blocking sends and receives run inside `allow_threads`. Queues live until the process
//! ends (CPython reference-counts them per interpreter; that bookkeeping is not worth it here).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};

use crossbeam::channel::{
    self, Receiver, RecvTimeoutError, SendTimeoutError, Sender, TryRecvError, TrySendError,
};
use parking_lot::Mutex;

use crate::object::{PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::positional;
use crate::vm::xi::{self, Shareable};
use crate::vm::Vm;

use super::arg_i64;
use super::interpreters::{export_for_transfer, module_error};

struct XiQueue {
    tx: Sender<Shareable>,
    rx: Receiver<Shareable>,
    maxsize: i64,
}

static QUEUES: LazyLock<Mutex<HashMap<i64, Arc<XiQueue>>>> = LazyLock::new(Default::default);
static NEXT_QUEUE: AtomicI64 = AtomicI64::new(1);

fn queue<M: ExecutionModel>(vm: &mut Vm<M>, id: &Value<M>) -> Result<Arc<XiQueue>, PyErr<M>> {
    let id = arg_i64(vm, id)?;
    match QUEUES.lock().get(&id) {
        Some(q) => Ok(q.clone()),
        None => Err(module_error(vm, "QueueError", &format!("queue {id} not found"))),
    }
}

/// A timeout argument: `None` (wait forever) or non-negative seconds.
fn timeout<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<std::time::Duration>, PyErr<M>> {
    if v.is_none() {
        return Ok(None);
    }
    let secs = super::arg_f64(vm, v)?;
    if secs.is_nan() || secs < 0.0 {
        return Err(vm.new_value_error("'timeout' must be a non-negative number"));
    }
    Ok(Some(std::time::Duration::from_secs_f64(secs.min(1e9))))
}

pub fn q_create<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "create_queue", args, kw, 1, 1)?;
    let maxsize = arg_i64(vm, &p[0])?.max(0);
    // maxsize 0 means unbounded (a crossbeam `bounded(0)` would be a rendezvous channel).
    let (tx, rx) =
        if maxsize == 0 { channel::unbounded() } else { channel::bounded(maxsize as usize) };
    let id = NEXT_QUEUE.fetch_add(1, Ordering::Relaxed);
    QUEUES.lock().insert(id, Arc::new(XiQueue { tx, rx, maxsize }));
    Ok(Value::Int(id))
}

/// `_queue_put(id, obj, block, timeout)`.
pub fn q_put<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "put", args, kw, 4, 4)?;
    let q = queue(vm, &p[0])?;
    let item = export_for_transfer(vm, &p[1])?;
    let block = vm.is_true(&p[2])?;
    let t = timeout(vm, &p[3])?;
    let full = if !block {
        matches!(q.tx.try_send(item), Err(TrySendError::Full(_)))
    } else {
        vm.allow_threads(|| match t {
            None => q.tx.send(item).is_err(),
            Some(t) => matches!(q.tx.send_timeout(item, t), Err(SendTimeoutError::Timeout(_))),
        })
    };
    if full {
        return Err(module_error(vm, "QueueFull", "queue is full"));
    }
    Ok(Value::None)
}

/// `_queue_get(id, block, timeout)`.
pub fn q_get<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "get", args, kw, 3, 3)?;
    let q = queue(vm, &p[0])?;
    let block = vm.is_true(&p[1])?;
    let t = timeout(vm, &p[2])?;
    let got = if !block {
        match q.rx.try_recv() {
            Ok(s) => Some(s),
            Err(TryRecvError::Empty) | Err(TryRecvError::Disconnected) => None,
        }
    } else {
        vm.allow_threads(|| match t {
            // The registry keeps a sender alive, so this never reports disconnection.
            None => q.rx.recv().ok(),
            Some(t) => match q.rx.recv_timeout(t) {
                Ok(s) => Some(s),
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
            },
        })
    };
    match got {
        Some(s) => xi::import(vm, &s),
        None => Err(module_error(vm, "QueueEmpty", "queue is empty")),
    }
}

pub fn q_size<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "qsize", args, kw, 1, 1)?;
    let q = queue(vm, &p[0])?;
    Ok(Value::Int(q.rx.len() as i64))
}

pub fn q_maxsize<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "maxsize", args, kw, 1, 1)?;
    let q = queue(vm, &p[0])?;
    Ok(Value::Int(q.maxsize))
}
