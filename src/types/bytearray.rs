//! `bytearray`: a mutable byte buffer, a native type whose instances hold a `Mutex<Vec<u8>>` (`Payload::Native`). Construction, indexing and slice assignment, `append`/`extend`/`insert`/`pop`/`remove`/`clear`/`copy`/`reverse`, `+`/`*`/`+=`, comparisons with any bytes-like value, and the read-only methods it shares with `bytes` (`decode`, `hex`, `find`, `count`, ...).
//!
//! The lock is held only for plain byte copies: arguments are converted (which may run Python)
//! before it is taken, so two threads of the free-threaded build never see a torn buffer.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::object::{NativeObj, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use crate::types::bytes::{byte_value, bytes_like, new_bytes};
use crate::types::containers::{slice_adjust, slice_unpack};

type Native<M> = crate::object::NativeFn<M>;
type R<T, M> = Result<T, PyErr<M>>;

/// The state of one bytearray.
pub struct ByteArray(pub Mutex<Vec<u8>>);

/// Create the `bytearray` class and put it in `builtins`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let object = vm.types().object.clone();
    let cls = crate::vm::builtins_types::new_class::<M>(
        "bytearray",
        vec![object],
        crate::object::Layout::Builtin,
    );
    let Payload::Class(c) = cls.payload() else { return };
    c.set_native_ctor(t_bytearray);
    let d = c.dict.clone();
    vm.dict_set_str(&d, "__module__", Value::new_str("builtins"));
    vm.dict_set_str(&d, "__hash__", Value::None);
    let mut methods: Vec<(&'static str, Native<M>)> = vec![
        ("__repr__", ba_repr),
        ("__len__", ba_len),
        ("__getitem__", ba_getitem),
        ("__setitem__", ba_setitem),
        ("__delitem__", ba_delitem),
        ("__iter__", ba_iter),
        ("__contains__", ba_contains),
        ("__eq__", ba_eq),
        ("__ne__", ba_ne),
        ("__lt__", ba_lt),
        ("__le__", ba_le),
        ("__gt__", ba_gt),
        ("__ge__", ba_ge),
        ("__add__", ba_add),
        ("__radd__", ba_radd),
        ("__iadd__", ba_iadd),
        ("__mul__", ba_mul),
        ("__rmul__", ba_mul),
        ("__imul__", ba_imul),
        ("append", ba_append),
        ("extend", ba_extend),
        ("insert", ba_insert),
        ("pop", ba_pop),
        ("remove", ba_remove),
        ("clear", ba_clear),
        ("copy", ba_copy),
        ("reverse", ba_reverse),
    ];
    // The read-only methods of bytes take any bytes-like `self` and answer the same values.
    let shared = crate::types::bytes_methods::methods::<M>();
    for name in [
        "count",
        "find",
        "rfind",
        "index",
        "rindex",
        "startswith",
        "endswith",
        "isalnum",
        "isalpha",
        "isascii",
        "isdigit",
        "islower",
        "isupper",
        "isspace",
        "istitle",
    ] {
        if let Some((n, f)) = shared.iter().find(|(n, _)| *n == name) {
            methods.push((n, *f));
        }
    }
    methods.extend(transforms::<M>());
    methods.push(("decode", crate::types::bytes::bytes_decode));
    methods.push(("hex", crate::types::bytes::bytes_hex));
    crate::types::args::install(vm, &cls, "bytearray", &methods);
    let b = vm.interp().builtins().clone();
    vm.dict_set_str(&b, "bytearray", Value::Obj(cls));
}

/// The bytes of a bytearray value, if it is one.
pub fn contents<M: ExecutionModel>(v: &Value<M>) -> Option<Vec<u8>> {
    match v.payload() {
        Some(Payload::Native(n)) => n.data::<ByteArray>().map(|b| b.0.lock().clone()),
        _ => None,
    }
}

fn new_like<M: ExecutionModel>(class: &ObjRef<M>, data: Vec<u8>) -> Value<M> {
    Value::Obj(ObjRef::new(Payload::Native(NativeObj {
        class: class.clone(),
        data: Arc::new(ByteArray(Mutex::new(data))),
    })))
}

/// `self` of a bytearray method: its class and its state.
fn this<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    name: &str,
) -> R<(&'a ObjRef<M>, &'a ByteArray), M> {
    if let Some(Payload::Native(n)) = args.first().and_then(|v| v.payload()) {
        if let Some(b) = n.data::<ByteArray>() {
            return Ok((&n.class, b));
        }
    }
    let tn = args.first().map(|v| vm.type_name(v)).unwrap_or_default();
    Err(vm.new_type_error(&format!(
        "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{tn}' object"
    )))
}

/// `bytearray(source=b'', encoding=None, errors=None)`: the same conversions as `bytes()`.
fn t_bytearray<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let Some(Value::Obj(class)) = args.first() else {
        return Err(vm.new_type_error("bytearray() needs its class"));
    };
    let class = class.clone();
    let b = crate::types::bytes::t_bytes(vm, args, kw).map_err(|e| {
        // The shared constructor speaks of bytes; say bytearray as CPython does.
        let msg = vm.exception_str(&e.exc).unwrap_or_default();
        let fixed = msg
            .replace("bytes()", "bytearray()")
            .replace("bytes must be in range", "byte must be in range");
        if fixed == msg {
            return e;
        }
        let cls = vm.class_of(&Value::Obj(e.exc.clone()));
        vm.new_error(&cls, &fixed)
    })?;
    let data = match b.payload() {
        Some(Payload::Bytes(d)) => d.to_vec(),
        _ => vec![],
    };
    Ok(new_like(&class, data))
}

fn ba_repr<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__repr__")?;
    let data = b.0.lock().clone();
    Ok(Value::new_str(format!("bytearray({})", crate::text::strrepr::bytes_repr(&data))))
}

fn ba_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__len__")?;
    Ok(Value::Int(b.0.lock().len() as i64))
}

fn arg<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<&'a Value<M>, M> {
    let p = crate::types::args::method_positional(vm, "bytearray", name, args, kw, 1, 1)?;
    Ok(&p[1])
}

/// An index of a sequence of `len` (negative from the end), or IndexError `what`.
fn index_in<M: ExecutionModel>(
    vm: &mut Vm<M>,
    key: &Value<M>,
    len: usize,
    what: &str,
) -> R<usize, M> {
    let i = match vm.index_or_overflow(key)? {
        Some(Ok(i)) => i,
        Some(Err(_)) => {
            return Err(vm.new_index_error("cannot fit 'int' into an index-sized integer"))
        }
        None => {
            let tn = vm.type_name(key);
            return Err(vm.new_type_error(&format!(
                "bytearray indices must be integers or slices, not {tn}"
            )));
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.new_index_error(what));
    }
    Ok(j as usize)
}

fn positions(a: i64, b: i64, c: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = a;
    while (c > 0 && i < b) || (c < 0 && i > b) {
        out.push(i as usize);
        i += c;
    }
    out
}

fn ba_getitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (class, b) = this(vm, args, "__getitem__")?;
    let key = arg(vm, args, kw, "__getitem__")?;
    if let Some(Payload::Slice(s)) = key.payload() {
        let s = (**s).clone();
        let (start, stop, step) = slice_unpack(vm, &s)?;
        let data = {
            let v = b.0.lock();
            let (a, e, c) = slice_adjust(start, stop, step, v.len() as i64);
            positions(a, e, c).into_iter().map(|i| v[i]).collect()
        };
        return Ok(new_like(class, data));
    }
    let len = b.0.lock().len();
    let i = index_in(vm, key, len, "bytearray index out of range")?;
    let byte = b.0.lock().get(i).copied();
    match byte {
        Some(x) => Ok(Value::Int(x as i64)),
        None => Err(vm.new_index_error("bytearray index out of range")),
    }
}

/// The bytes to store from a slice assignment's value: bytes-like or an iterable of ints.
fn byte_source<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> R<Vec<u8>, M> {
    if let Some(b) = bytes_like(vm, v)? {
        return Ok(b);
    }
    if v.as_str().is_some() {
        return Err(vm.new_type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    let items = vm.iterate_to_vec(v)?;
    items.iter().map(|x| byte_value(vm, x, "byte must be in range(0, 256)")).collect()
}

fn ba_setitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (_, b) = this(vm, args, "__setitem__")?;
    let p = crate::types::args::method_positional(vm, "bytearray", "__setitem__", args, kw, 2, 2)?;
    let (key, value) = (&p[1], &p[2]);
    if let Some(Payload::Slice(s)) = key.payload() {
        let s = (**s).clone();
        let new = byte_source(vm, value)?;
        let (start, stop, step) = slice_unpack(vm, &s)?;
        let bad = {
            let mut v = b.0.lock();
            let (a, e, c) = slice_adjust(start, stop, step, v.len() as i64);
            if c == 1 {
                let e = e.max(a);
                v.splice(a as usize..e as usize, new);
                None
            } else {
                let pos = positions(a, e, c);
                if pos.len() != new.len() {
                    Some((new.len(), pos.len()))
                } else {
                    for (i, x) in pos.into_iter().zip(new) {
                        v[i] = x;
                    }
                    None
                }
            }
        };
        return match bad {
            Some((n, m)) => Err(vm.new_value_error(&format!(
                "attempt to assign bytes of size {n} to extended slice of size {m}"
            ))),
            None => Ok(Value::None),
        };
    }
    let byte = byte_value(vm, value, "byte must be in range(0, 256)")?;
    let len = b.0.lock().len();
    let i = index_in(vm, key, len, "bytearray index out of range")?;
    if let Some(slot) = b.0.lock().get_mut(i) {
        *slot = byte;
    }
    Ok(Value::None)
}

fn ba_delitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (_, b) = this(vm, args, "__delitem__")?;
    let key = arg(vm, args, kw, "__delitem__")?;
    if let Some(Payload::Slice(s)) = key.payload() {
        let s = (**s).clone();
        let (start, stop, step) = slice_unpack(vm, &s)?;
        let mut v = b.0.lock();
        let (a, e, c) = slice_adjust(start, stop, step, v.len() as i64);
        let mut pos = positions(a, e, c);
        pos.sort_unstable();
        for i in pos.into_iter().rev() {
            v.remove(i);
        }
        return Ok(Value::None);
    }
    let len = b.0.lock().len();
    let i = index_in(vm, key, len, "bytearray index out of range")?;
    let mut v = b.0.lock();
    if i < v.len() {
        v.remove(i);
    }
    Ok(Value::None)
}

fn ba_iter<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], _kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__iter__")?;
    let snapshot = new_bytes(b.0.lock().clone());
    vm.get_iter(&snapshot)
}

fn ba_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (_, b) = this(vm, args, "__contains__")?;
    let item = arg(vm, args, kw, "__contains__")?.clone();
    let snapshot = new_bytes(b.0.lock().clone());
    Ok(Value::Bool(vm.contains(&snapshot, &item)?))
}

/// A rich comparison with another bytes-like value (NotImplemented otherwise).
fn compare<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    test: fn(std::cmp::Ordering) -> bool,
) -> PyResult<M> {
    let (_, b) = this(vm, args, name)?;
    let other = arg(vm, args, kw, name)?.clone();
    let mine = b.0.lock().clone();
    match bytes_like(vm, &other)? {
        Some(theirs) => Ok(Value::Bool(test(mine.cmp(&theirs)))),
        None => Ok(Value::Obj(vm.interp().not_implemented().clone())),
    }
}

fn ba_eq<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__eq__", |o| o.is_eq())
}

fn ba_ne<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__ne__", |o| o.is_ne())
}

fn ba_lt<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__lt__", |o| o.is_lt())
}

fn ba_le<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__le__", |o| o.is_le())
}

fn ba_gt<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__gt__", |o| o.is_gt())
}

fn ba_ge<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    compare(vm, args, kw, "__ge__", |o| o.is_ge())
}

fn concat_operand<M: ExecutionModel>(vm: &mut Vm<M>, other: &Value<M>) -> R<Vec<u8>, M> {
    match bytes_like(vm, other)? {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(other);
            Err(vm.new_type_error(&format!("can't concat {tn} to bytearray")))
        }
    }
}

fn ba_add<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (class, b) = this(vm, args, "__add__")?;
    let other = arg(vm, args, kw, "__add__")?.clone();
    let tail = concat_operand(vm, &other)?;
    let mut data = b.0.lock().clone();
    data.extend(tail);
    Ok(new_like(class, data))
}

/// `bytes + bytearray` answers bytes (the left operand's type), as in CPython.
fn ba_radd<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__radd__")?;
    let other = arg(vm, args, kw, "__radd__")?.clone();
    match bytes_like(vm, &other)? {
        Some(mut head) => {
            head.extend(b.0.lock().iter());
            Ok(new_bytes(head))
        }
        None => Ok(Value::Obj(vm.interp().not_implemented().clone())),
    }
}

fn ba_iadd<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__iadd__")?;
    let other = arg(vm, args, kw, "__iadd__")?.clone();
    let tail = concat_operand(vm, &other)?;
    b.0.lock().extend(tail);
    Ok(args[0].clone())
}

fn repeat_count<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> R<Option<usize>, M> {
    if matches!(v, Value::Float(_)) || vm.as_index(v).is_none() {
        return Ok(None);
    }
    Ok(Some(vm.as_index(v).unwrap_or(0).max(0) as usize))
}

fn ba_mul<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (class, b) = this(vm, args, "__mul__")?;
    let n = arg(vm, args, kw, "__mul__")?.clone();
    match repeat_count(vm, &n)? {
        Some(n) => {
            let data = crate::vm::ops::repeat_slice(&b.0.lock()[..], n);
            match data {
                Ok(data) => Ok(new_like(class, data)),
                Err(_) => Err(vm.new_memory_error()),
            }
        }
        None => Ok(Value::Obj(vm.interp().not_implemented().clone())),
    }
}

fn ba_imul<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "__imul__")?;
    let n = arg(vm, args, kw, "__imul__")?.clone();
    match repeat_count(vm, &n)? {
        Some(n) => {
            let mut v = b.0.lock();
            let data = crate::vm::ops::repeat_slice(&v[..], n);
            match data {
                Ok(data) => *v = data,
                Err(_) => {
                    drop(v);
                    return Err(vm.new_memory_error());
                }
            }
            drop(v);
            Ok(args[0].clone())
        }
        None => Ok(Value::Obj(vm.interp().not_implemented().clone())),
    }
}

fn ba_append<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "append")?;
    let item = arg(vm, args, kw, "append")?.clone();
    let byte = byte_value(vm, &item, "byte must be in range(0, 256)")?;
    b.0.lock().push(byte);
    Ok(Value::None)
}

fn ba_extend<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "extend")?;
    let src = arg(vm, args, kw, "extend")?.clone();
    let data = match bytes_like(vm, &src)? {
        Some(b) => b,
        None => {
            let items = vm.iterate_to_vec(&src)?;
            items
                .iter()
                .map(|x| byte_value(vm, x, "byte must be in range(0, 256)"))
                .collect::<R<Vec<u8>, M>>()?
        }
    };
    b.0.lock().extend(data);
    Ok(Value::None)
}

fn ba_insert<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "insert")?;
    let p = crate::types::args::method_positional(vm, "bytearray", "insert", args, kw, 2, 2)?;
    let i = crate::types::args::arg_i64(vm, &p[1])?;
    let byte = byte_value(vm, &p[2], "byte must be in range(0, 256)")?;
    let mut v = b.0.lock();
    let n = v.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    v.insert(at as usize, byte);
    Ok(Value::None)
}

fn ba_pop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "pop")?;
    let p = crate::types::args::method_positional(vm, "bytearray", "pop", args, kw, 0, 1)?;
    let i = match p.get(1) {
        Some(v) => crate::types::args::arg_i64(vm, v)?,
        None => -1,
    };
    let mut v = b.0.lock();
    if v.is_empty() {
        drop(v);
        return Err(vm.new_index_error("pop from empty bytearray"));
    }
    let n = v.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(v);
        return Err(vm.new_index_error("pop index out of range"));
    }
    Ok(Value::Int(v.remove(j as usize) as i64))
}

fn ba_remove<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "remove")?;
    let item = arg(vm, args, kw, "remove")?.clone();
    let byte = byte_value(vm, &item, "byte must be in range(0, 256)")?;
    let mut v = b.0.lock();
    match v.iter().position(|x| *x == byte) {
        Some(i) => {
            v.remove(i);
            Ok(Value::None)
        }
        None => {
            drop(v);
            Err(vm.new_value_error("value not found in bytearray"))
        }
    }
}

fn ba_clear<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (_, b) = this(vm, args, "clear")?;
    crate::types::args::method_positional(vm, "bytearray", "clear", args, kw, 0, 0)?;
    b.0.lock().clear();
    Ok(Value::None)
}

fn ba_copy<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (class, b) = this(vm, args, "copy")?;
    crate::types::args::method_positional(vm, "bytearray", "copy", args, kw, 0, 0)?;
    let data = b.0.lock().clone();
    Ok(new_like(class, data))
}

fn ba_reverse<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (_, b) = this(vm, args, "reverse")?;
    crate::types::args::method_positional(vm, "bytearray", "reverse", args, kw, 0, 0)?;
    b.0.lock().reverse();
    Ok(Value::None)
}

/// `self`'s class when it is a bytearray (the class results of the shared methods take).
fn class_of_self<M: ExecutionModel>(args: &[Value<M>]) -> Option<ObjRef<M>> {
    match args.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) if n.data::<ByteArray>().is_some() => Some(n.class.clone()),
        _ => None,
    }
}

/// A result of a bytes method as bytearray's answers it: bytes become bytearrays, also inside
/// the list of `split` and the tuple of `partition`.
fn rewrap<M: ExecutionModel>(args: &[Value<M>], r: PyResult<M>) -> PyResult<M> {
    let r = r?;
    let Some(class) = class_of_self(args) else { return Ok(r) };
    let conv = |v: &Value<M>| match v.payload() {
        Some(Payload::Bytes(b)) => new_like(&class, b.to_vec()),
        _ => v.clone(),
    };
    Ok(match r.payload() {
        Some(Payload::Bytes(_)) => conv(&r),
        Some(Payload::List(l)) => Value::new_list(l.with(|items| items.iter().map(conv).collect())),
        Some(Payload::Tuple(t)) => Value::new_tuple(t.iter().map(conv).collect()),
        _ => r,
    })
}

macro_rules! bytearray_transforms {
    ($($name:ident => $inner:ident,)*) => {
        /// The bytes methods that answer new bytes, answering bytearrays here.
        fn transforms<M: ExecutionModel>() -> Vec<(&'static str, Native<M>)> {
            vec![$((stringify!($name), {
                fn wrapper<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
                    rewrap(args, crate::types::bytes_methods::$inner(vm, args, kw))
                }
                wrapper::<M> as Native<M>
            }),)*]
        }
    };
}

bytearray_transforms! {
        upper => b_upper,
        lower => b_lower,
        swapcase => b_swapcase,
        capitalize => b_capitalize,
        title => b_title,
        strip => b_strip,
        lstrip => b_lstrip,
        rstrip => b_rstrip,
        replace => b_replace,
        split => b_split,
        rsplit => b_rsplit,
        splitlines => b_splitlines,
        partition => b_partition,
        rpartition => b_rpartition,
        removeprefix => b_removeprefix,
        removesuffix => b_removesuffix,
        center => b_center,
        ljust => b_ljust,
        rjust => b_rjust,
        zfill => b_zfill,
        expandtabs => b_expandtabs,
        translate => b_translate,
        join => b_join,
}
