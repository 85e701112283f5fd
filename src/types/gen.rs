//! Methods of generators: `send`, `throw`, `close` (PEP 342), `__next__` and `__iter__`.

use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, method_positional, positional};
use crate::vm::{SendResult, Vm};

type Native<M> = crate::object::NativeFn<M>;

/// Install the generator type's methods.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp().types().generator.clone();
    let methods: &[(&'static str, Native<M>)] = &[
        ("send", gen_send),
        ("throw", gen_throw),
        ("close", gen_close),
        ("__next__", gen_next),
        ("__iter__", gen_iter),
    ];
    install_methods(vm, &cls, "generator", methods);
}

fn check_gen<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    method: &str,
) -> Result<(), PyErr<M>> {
    match v.payload() {
        Some(Payload::Generator(_)) => Ok(()),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!(
                "descriptor '{method}' for 'generator' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// A generator step as Python sees it: a yielded value, or StopIteration carrying the return value.
fn step_result<M: ExecutionModel>(vm: &mut Vm<M>, r: SendResult<M>) -> PyResult<M> {
    match r {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.new_stop_iteration(v)),
    }
}

fn gen_send<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = method_positional(vm, "generator", "send", args, kw, 1, 1)?;
    check_gen(vm, &p[0], "send")?;
    let r = vm.gen_resume(&p[0], p[1].clone(), None)?;
    step_result(vm, r)
}

fn gen_next<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__next__", args, kw, 1, 1)?;
    check_gen(vm, &p[0], "__next__")?;
    let r = vm.gen_resume(&p[0], Value::None, None)?;
    step_result(vm, r)
}

fn gen_iter<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = positional(vm, "__iter__", args, kw, 1, 1)?;
    Ok(p[0].clone())
}

/// `gen.throw(exc)`, `gen.throw(ExcType)` or the legacy `gen.throw(ExcType, value)`.
fn gen_throw<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = method_positional(vm, "generator", "throw", args, kw, 1, 3)?;
    check_gen(vm, &p[0], "throw")?;
    let exc = match p.get(2) {
        Some(val)
            if !val.is_none()
                && !matches!(val.payload(), Some(Payload::Instance(i)) if i.exc.is_some()) =>
        {
            vm.call(&p[1], std::slice::from_ref(val), &[])?
        }
        Some(val) if !val.is_none() => val.clone(),
        _ => p[1].clone(),
    };
    let err = vm.make_raise(exc, None)?;
    let r = vm.gen_resume(&p[0], Value::None, Some(err))?;
    step_result(vm, r)
}

/// A suspended generator being freed: close it (running its `finally` blocks); an error is
/// reported the way CPython reports errors in finalizers.
pub fn finalize_generator<M: ExecutionModel>(vm: &mut Vm<M>, g: Value<M>) {
    if let Err(e) = gen_close(vm, std::slice::from_ref(&g), &[]) {
        vm.flush_stdout();
        let repr = vm.repr_of(&g).unwrap_or_default();
        eprintln!("Exception ignored in: {repr}");
        eprint!("{}", vm.format_exception_unchained(&e));
    }
}

/// `gen.close()`: raise GeneratorExit at the suspension point; a generator that yields again is an error.
fn gen_close<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = method_positional(vm, "generator", "close", args, kw, 0, 0)?;
    check_gen(vm, &p[0], "close")?;
    let Some(Payload::Generator(g)) = p[0].payload() else { return Ok(Value::None) };
    let (started, finished) = g.state.with(|s| (s.started, s.finished));
    if finished || !started {
        g.state.with(|s| {
            s.finished = true;
            s.frame = None;
        });
        return Ok(Value::None);
    }
    let ge = vm.types().generator_exit.clone();
    let err = vm.new_error(&ge, "");
    match vm.gen_resume(&p[0], Value::None, Some(err)) {
        Ok(SendResult::Yielded(_)) => Err(vm.new_runtime_error("generator ignored GeneratorExit")),
        Ok(SendResult::Returned(_)) => Ok(Value::None),
        Err(e) => {
            let stop = vm.types().stop_iteration.clone();
            if vm.isinstance_class(&e.exc, &ge) || vm.isinstance_class(&e.exc, &stop) {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}
