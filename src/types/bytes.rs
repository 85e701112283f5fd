//! The `bytes` type: its constructor, `decode` (utf-8, ascii, latin-1 with the strict/ignore/replace handlers), `hex`/`fromhex`/`maketrans`, the shared argument helpers, and the method table (the other methods are in `bytes_methods.rs`).

use crate::object::{ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{builtin, install as install_methods, kwarg};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install the methods of `bytes`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let bytes = vm.interp().types().bytes.clone();
    let mut methods: Vec<(&'static str, Native<M>)> =
        vec![("decode", bytes_decode), ("hex", bytes_hex)];
    methods.extend(crate::types::bytes_methods::methods::<M>());
    install_methods(vm, &bytes, "bytes", &methods);
    if let Payload::Class(c) = bytes.payload() {
        let d = c.dict.clone();
        let f = builtin("fromhex", bytes_fromhex::<M>, Some("bytes"));
        vm.dict_set_str(
            &d,
            "fromhex",
            crate::types::args::builtin_descriptor(Payload::ClassMethod(f)),
        );
        let f = builtin("maketrans", bytes_maketrans::<M>, Some("bytes"));
        vm.dict_set_str(
            &d,
            "maketrans",
            crate::types::args::builtin_descriptor(Payload::StaticMethod(f)),
        );
    }
}

/// A new bytes object.
pub fn new_bytes<M: ExecutionModel>(b: Vec<u8>) -> Value<M> {
    Value::Obj(ObjRef::new(Payload::Bytes(b.into_boxed_slice())))
}

/// The bytes of a bytes-like value (bytes, bytearray, or an object with `__bytes__`).
pub fn bytes_like<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<Vec<u8>>, PyErr<M>> {
    if let Some(Payload::Bytes(b)) = v.payload() {
        return Ok(Some(b.to_vec()));
    }
    if let Some(b) = crate::types::bytearray::contents(v) {
        return Ok(Some(b));
    }
    if let Some(Payload::Instance(inst)) = v.payload() {
        if let Some(Value::Obj(n)) = &inst.native {
            if let Payload::Bytes(b) = n.payload() {
                return Ok(Some(b.to_vec()));
            }
        }
        if let Some(r) = vm.call_special(v, "__bytes__", &[])? {
            if let Some(Payload::Bytes(b)) = r.payload() {
                return Ok(Some(b.to_vec()));
            }
        }
    }
    Ok(None)
}

/// Like [`bytes_like`], with CPython's `a bytes-like object is required, not 'T'`.
pub fn need_bytes<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<Vec<u8>, PyErr<M>> {
    match bytes_like(vm, v)? {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `self` of a bytes method.
pub fn this<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> Result<Vec<u8>, PyErr<M>> {
    if args.len() == kw.len() {
        return Err(vm.new_type_error(&format!("unbound method bytes.{name}() needs an argument")));
    }
    match bytes_like(vm, &args[0])? {
        Some(b)
            if !matches!(args[0].payload(), Some(Payload::Instance(_)))
                || vm.isinstance_class_value(&args[0], &vm.types().bytes.clone()) =>
        {
            Ok(b)
        }
        _ => {
            let tn = vm.type_name(&args[0]);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'bytes' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The arguments after `self` by position or keyword (`names` in order). Too many arguments or
/// an unknown keyword is a TypeError in CPython's wording; at least `min` must be given.
pub fn params<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    names: &[&str],
    min: usize,
) -> Result<Vec<Option<Value<M>>>, PyErr<M>> {
    let end = args.len() - kw.len();
    let pos = &args[1.min(end)..end];
    if pos.len() > names.len() {
        return Err(vm.new_type_error(&format!(
            "{name}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value<M>>> = names.iter().map(|_| None).collect();
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in kw.iter().zip(&args[end..]) {
        let key = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.new_type_error(&format!(
                    "argument for {name}() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "{name}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    let given = out.iter().filter(|o| o.is_some()).count();
    if given < min {
        return Err(vm.new_type_error(&format!(
            "{name}() takes at least {min} argument{} ({given} given)",
            if min == 1 { "" } else { "s" }
        )));
    }
    Ok(out)
}

/// `bytes(source=b'', encoding=None, errors=None)`.
pub fn t_bytes<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let end = args.len() - kw.len();
    let pos = &args[1.min(end)..end];
    if pos.len() > 3 {
        return Err(
            vm.new_type_error(&format!("bytes() takes at most 3 arguments ({} given)", pos.len()))
        );
    }
    let mut slots: [Option<Value<M>>; 3] = [None, None, None];
    for (i, v) in pos.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in kw.iter().zip(&args[end..]) {
        let key = k.as_str().unwrap_or("");
        match ["source", "encoding", "errors"].iter().position(|n| *n == key) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.new_type_error(&format!(
                    "argument for bytes() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            None => {
                return Err(vm.new_type_error(&format!(
                    "'{key}' is an invalid keyword argument for bytes()"
                )))
            }
        }
    }
    let [source, encoding, errors] = slots;
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.new_type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.new_type_error("errors without a string argument"));
        }
        return Ok(new_bytes(vec![]));
    };
    if source.as_str().is_some() {
        if encoding.is_none() {
            return Err(vm.new_type_error("string argument without an encoding"));
        }
        let encode = vm.getattr(&source, &Value::new_str("encode"))?;
        let mut a = vec![encoding.unwrap_or(Value::None)];
        if let Some(e) = errors {
            a.push(e);
        }
        return vm.call(&encode, &a, &[]);
    }
    if encoding.is_some() {
        return Err(vm.new_type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.new_type_error("errors without a string argument"));
    }
    if let Some(Payload::Bytes(_)) = source.payload() {
        return Ok(source);
    }
    if let Some(r) = vm.call_special(&source, "__bytes__", &[])? {
        if matches!(r.payload(), Some(Payload::Bytes(_))) {
            return Ok(r);
        }
        let tn = vm.type_name(&r);
        return Err(vm.new_type_error(&format!("__bytes__ returned non-bytes (type {tn})")));
    }
    let is_int = matches!(source, Value::Int(_) | Value::Bool(_))
        || matches!(source.payload(), Some(Payload::BigInt(_)));
    if is_int
        || (!matches!(source, Value::Float(_))
            && vm.lookup_special(&source, "__index__")?.is_some())
    {
        let n = crate::types::args::arg_int(vm, &source)?;
        let n = num_traits::ToPrimitive::to_i64(&n)
            .ok_or_else(|| vm.new_overflow_error("cannot fit 'int' into an index-sized integer"))?;
        if n < 0 {
            return Err(vm.new_value_error("negative count"));
        }
        // Reserved with a fallible allocation: a size the heap (or `--memory-limit`) cannot
        // give is MemoryError, as in CPython, not an abort.
        let mut zeros = Vec::new();
        if !crate::memory::alloc::could_hold(n as usize)
            || zeros.try_reserve_exact(n as usize).is_err()
        {
            return Err(vm.new_memory_error());
        }
        zeros.resize(n as usize, 0);
        return Ok(new_bytes(zeros));
    }
    if let Some(b) = bytes_like(vm, &source)? {
        return Ok(new_bytes(b));
    }
    let iter = match vm.get_iter(&source) {
        Ok(it) => it,
        Err(_) => {
            let tn = vm.type_name(&source);
            return Err(vm.new_type_error(&format!("cannot convert '{tn}' object to bytes")));
        }
    };
    let mut out = Vec::new();
    while let Some(item) = vm.iter_next(&iter)? {
        out.push(byte_value(vm, &item, "bytes must be in range(0, 256)")?);
    }
    Ok(new_bytes(out))
}

/// An int in `range(0, 256)` (`msg` is the ValueError otherwise).
pub fn byte_value<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    msg: &str,
) -> Result<u8, PyErr<M>> {
    let i = crate::types::args::arg_int(vm, v)?;
    match num_traits::ToPrimitive::to_i64(&i) {
        Some(x) if (0..256).contains(&x) => Ok(x as u8),
        _ => Err(vm.new_value_error(msg)),
    }
}

/// `bytes.hex(sep=..., bytes_per_sep=1)`.
pub fn bytes_hex<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "hex")?;
    let p = params(vm, args, kw, "hex", &["sep", "bytes_per_sep"], 0)?;
    let digits: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let sep = match &p[0] {
        None => return Ok(Value::new_str(digits.concat())),
        Some(v) => match v.as_str() {
            Some(s) => s.to_string(),
            None => match v.payload() {
                Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
                _ => return Err(vm.new_type_error("sep must be str or bytes.")),
            },
        },
    };
    if sep.chars().count() != 1 {
        return Err(vm.new_value_error("sep must be length 1."));
    }
    if !sep.is_ascii() {
        return Err(vm.new_value_error("sep must be ASCII."));
    }
    let per = match &p[1] {
        None => 1,
        Some(v) => crate::types::args::arg_i64(vm, v)?,
    };
    if per == 0 || digits.is_empty() {
        return Ok(Value::new_str(digits.concat()));
    }
    let n = per.unsigned_abs() as usize;
    let groups: Vec<String> = if per > 0 {
        // Grouped from the right: the first group may be short.
        let first = digits.len() % n;
        let mut g = Vec::new();
        if first > 0 {
            g.push(digits[..first].concat());
        }
        g.extend(digits[first..].chunks(n).map(|c| c.concat()));
        g
    } else {
        digits.chunks(n).map(|c| c.concat()).collect()
    };
    Ok(Value::new_str(groups.join(&sep)))
}

/// `bytes.fromhex(string)`: pairs of hex digits, ASCII whitespace allowed between bytes.
fn bytes_fromhex<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = crate::types::args::positional(vm, "fromhex", args, kw, 2, 2)?;
    let Some(text) = p[1].as_str() else {
        let tn = vm.type_name(&p[1]);
        return Err(vm.new_type_error(&format!("fromhex() argument must be str, not {tn}")));
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let bad = |vm: &mut Vm<M>, at: usize| {
        vm.new_value_error(&format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    while i < chars.len() {
        if matches!(chars[i], ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
            i += 1;
            continue;
        }
        let Some(hi) = chars[i].to_digit(16) else { return Err(bad(vm, i)) };
        let Some(lo) = chars.get(i + 1).and_then(|c| c.to_digit(16)) else {
            return Err(bad(vm, i + 1));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let r = new_bytes(out);
    // A subclass gets an instance of itself, as CPython's classmethod does.
    match &p[0] {
        Value::Obj(c) if !c.is(&vm.types().bytes.clone()) => vm.call(&p[0], &[r], &[]),
        _ => Ok(r),
    }
}

/// `bytes.maketrans(frm, to)`: a 256-byte translation table.
fn bytes_maketrans<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = crate::types::args::positional(vm, "maketrans", args, kw, 2, 2)?;
    let frm = need_bytes(vm, &p[0])?;
    let to = need_bytes(vm, &p[1])?;
    if frm.len() != to.len() {
        return Err(vm.new_value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (a, b) in frm.iter().zip(&to) {
        table[*a as usize] = *b;
    }
    Ok(new_bytes(table))
}

fn str_arg<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: Option<Value<M>>,
    what: &str,
    default: &str,
) -> Result<String, crate::object::PyErr<M>> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => {
                let tn = vm.type_name(&v);
                Err(vm.new_type_error(&format!("decode() argument '{what}' must be str, not {tn}")))
            }
        },
    }
}

fn decode_error<M: ExecutionModel>(vm: &mut Vm<M>, msg: String) -> crate::object::PyErr<M> {
    let b = vm.interp().builtins().clone();
    let cls = match vm.dict_get_str(&b, "UnicodeDecodeError") {
        Some(Value::Obj(c)) if matches!(c.payload(), Payload::Class(_)) => c,
        _ => vm.types().unicode_error.clone(),
    };
    vm.new_error(&cls, &msg)
}

/// `bytes.decode(encoding='utf-8', errors='strict')`.
pub fn bytes_decode<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let pos = &args[..args.len() - kw.len()];
    let data: Vec<u8> = match pos.first() {
        Some(v) => match bytes_like(vm, v)? {
            Some(b) => b,
            None => {
                return Err(vm.new_type_error(
                    "descriptor 'decode' for 'bytes' objects doesn't apply to this object",
                ))
            }
        },
        _ => {
            return Err(vm.new_type_error(
                "descriptor 'decode' for 'bytes' objects doesn't apply to this object",
            ))
        }
    };
    if pos.len() > 3 {
        return Err(vm.new_type_error(&format!(
            "decode() takes at most 2 arguments ({} given)",
            pos.len() - 1
        )));
    }
    let enc = str_arg(
        vm,
        pos.get(1).cloned().or_else(|| kwarg(args, kw, "encoding")),
        "encoding",
        "utf-8",
    )?;
    let errors =
        str_arg(vm, pos.get(2).cloned().or_else(|| kwarg(args, kw, "errors")), "errors", "strict")?;
    let norm = enc.to_ascii_lowercase().replace('_', "-");
    let mut out = String::with_capacity(data.len());
    match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => {
            let mut rest: &[u8] = &data;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        match errors.as_str() {
                            "ignore" => {}
                            "replace" => out.push('\u{fffd}'),
                            _ => {
                                let pos = offset + good;
                                let b = rest[good];
                                let tail = rest.len() - good;
                                let msg = if e.error_len().is_none() && tail > 1 {
                                    format!(
                                        "'utf-8' codec can't decode bytes in position {pos}-{}: unexpected end of data",
                                        pos + tail - 1
                                    )
                                } else if e.error_len().is_none() {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: unexpected end of data")
                                } else if (0x80..0xc2).contains(&b) || b >= 0xf5 {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: invalid start byte")
                                } else {
                                    format!("'utf-8' codec can't decode byte {b:#04x} in position {pos}: invalid continuation byte")
                                };
                                return Err(decode_error(vm, msg));
                            }
                        }
                        offset += good + bad;
                        rest = &rest[good + bad..];
                    }
                }
            }
        }
        "ascii" | "us-ascii" | "646" => {
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match errors.as_str() {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(decode_error(vm, format!("'ascii' codec can't decode byte {b:#04x} in position {i}: ordinal not in range(128)")));
                        }
                    }
                }
            }
        }
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            out.extend(data.iter().map(|&b| b as char));
        }
        _ => {
            let cls = vm.types().lookup_error.clone();
            return Err(vm.new_error(&cls, &format!("unknown encoding: {enc}")));
        }
    }
    Ok(Value::new_str(out))
}
