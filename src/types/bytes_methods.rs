//! The methods of `bytes` other than the constructor and codecs: searching, splitting, stripping, padding, ASCII case mapping and classification, with CPython's semantics (only ASCII letters and ASCII whitespace count) and argument errors.

use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use crate::types::bytes::{bytes_like, need_bytes, new_bytes, params, this};

type Native<M> = crate::object::NativeFn<M>;
type R<T, M> = Result<T, PyErr<M>>;

/// The method table (installed by `bytes_type::install`).
pub fn methods<M: ExecutionModel>() -> Vec<(&'static str, Native<M>)> {
    vec![
        ("count", b_count),
        ("find", b_find),
        ("rfind", b_rfind),
        ("index", b_index),
        ("rindex", b_rindex),
        ("startswith", b_startswith),
        ("endswith", b_endswith),
        ("join", b_join),
        ("split", b_split),
        ("rsplit", b_rsplit),
        ("splitlines", b_splitlines),
        ("strip", b_strip),
        ("lstrip", b_lstrip),
        ("rstrip", b_rstrip),
        ("replace", b_replace),
        ("partition", b_partition),
        ("rpartition", b_rpartition),
        ("removeprefix", b_removeprefix),
        ("removesuffix", b_removesuffix),
        ("upper", b_upper),
        ("lower", b_lower),
        ("swapcase", b_swapcase),
        ("capitalize", b_capitalize),
        ("title", b_title),
        ("isalnum", b_isalnum),
        ("isalpha", b_isalpha),
        ("isascii", b_isascii),
        ("isdigit", b_isdigit),
        ("islower", b_islower),
        ("isupper", b_isupper),
        ("isspace", b_isspace),
        ("istitle", b_istitle),
        ("center", b_center),
        ("ljust", b_ljust),
        ("rjust", b_rjust),
        ("zfill", b_zfill),
        ("expandtabs", b_expandtabs),
        ("translate", b_translate),
    ]
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// `sub` argument of find/count/index: bytes-like or an int byte.
fn sub_arg<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> R<Vec<u8>, M> {
    if let Some(b) = bytes_like(vm, v)? {
        return Ok(b);
    }
    let is_int = matches!(v, Value::Int(_) | Value::Bool(_))
        || matches!(v.payload(), Some(Payload::BigInt(_)));
    if is_int {
        return Ok(vec![crate::types::bytes::byte_value(vm, v, "byte must be in range(0, 256)")?]);
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("argument should be integer or bytes-like object, not '{tn}'")))
}

/// Slice bounds `start`/`end` (None allowed) as CPython's `ADJUST_INDICES`: negative values
/// count from the end, `end` is clamped to `len`, `start` only from below (a start past the
/// end finds nothing, even an empty needle). Callers treat `start > end` as "not found".
fn bounds<M: ExecutionModel>(
    vm: &mut Vm<M>,
    start: &Option<Value<M>>,
    end: &Option<Value<M>>,
    len: usize,
) -> R<(usize, usize), M> {
    let conv = |vm: &mut Vm<M>, v: &Option<Value<M>>, default: i64| -> R<i64, M> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(x) => {
                let i = crate::types::args::arg_int(vm, x)?;
                Ok(num_traits::ToPrimitive::to_i64(&i).unwrap_or(
                    if i.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX },
                ))
            }
        }
    };
    let n = len as i64;
    let neg = |i: i64| if i < 0 { i.saturating_add(n).max(0) } else { i };
    let s = neg(conv(vm, start, 0)?);
    let e = neg(conv(vm, end, n)?).min(n);
    Ok((s.min(n + 1) as usize, e as usize))
}

fn find_in(hay: &[u8], needle: &[u8], from_right: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let last = hay.len() - needle.len();
    if from_right {
        (0..=last).rev().find(|&i| &hay[i..i + needle.len()] == needle)
    } else {
        (0..=last).find(|&i| &hay[i..i + needle.len()] == needle)
    }
}

/// find/rfind/index/rindex: the position of `sub` in `self[start:end]`, or None.
fn search<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    from_right: bool,
) -> R<Option<usize>, M> {
    let data = this(vm, args, kw, name)?;
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let p = params(vm, args, kw, name, &["sub", "start", "end"], 1)?;
    let sub = sub_arg(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let (s, e) = bounds(vm, &p[1], &p[2], data.len())?;
    if s > e {
        return Ok(None);
    }
    Ok(find_in(&data[s..e], &sub, from_right).map(|i| i + s))
}

fn b_find<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    Ok(Value::Int(search(vm, args, kw, "find", false)?.map_or(-1, |i| i as i64)))
}

fn b_rfind<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    Ok(Value::Int(search(vm, args, kw, "rfind", true)?.map_or(-1, |i| i as i64)))
}

fn b_index<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    match search(vm, args, kw, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.new_value_error("subsection not found")),
    }
}

fn b_rindex<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    match search(vm, args, kw, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.new_value_error("subsection not found")),
    }
}

fn b_count<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let data = this(vm, args, kw, "count")?;
    if !kw.is_empty() {
        return Err(vm.new_type_error("count() takes no keyword arguments"));
    }
    let p = params(vm, args, kw, "count", &["sub", "start", "end"], 1)?;
    let sub = sub_arg(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let (s, e) = bounds(vm, &p[1], &p[2], data.len())?;
    if s > e {
        return Ok(Value::Int(0));
    }
    let hay = &data[s..e];
    if sub.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while i + sub.len() <= hay.len() {
        if hay[i..i + sub.len()] == sub[..] {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(n))
}

fn starts_ends<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    ends: bool,
) -> PyResult<M> {
    let data = this(vm, args, kw, name)?;
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let p = params(vm, args, kw, name, &["prefix", "start", "end"], 1)?;
    let arg = p[0].clone().unwrap_or(Value::None);
    let candidates: Vec<Value<M>> = match arg.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![arg.clone()],
    };
    let (s, e) = bounds(vm, &p[1], &p[2], data.len())?;
    for c in &candidates {
        let Some(needle) = bytes_like(vm, c)? else {
            let tn = vm.type_name(c);
            let msg = if arg.as_tuple().is_some() {
                format!("a bytes-like object is required, not '{tn}'")
            } else {
                format!("{name} first arg must be bytes or a tuple of bytes, not {tn}")
            };
            return Err(vm.new_type_error(&msg));
        };
        if s > e {
            continue;
        }
        let hay = &data[s..e];
        if if ends { hay.ends_with(&needle) } else { hay.starts_with(&needle) } {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn b_startswith<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    starts_ends(vm, args, kw, "startswith", false)
}

fn b_endswith<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    starts_ends(vm, args, kw, "endswith", true)
}

pub(crate) fn b_join<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let sep = this(vm, args, kw, "join")?;
    let p = params(vm, args, kw, "join", &["iterable_of_bytes"], 1)?;
    let items = vm.iterate_to_vec(p[0].as_ref().unwrap_or(&Value::None))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = bytes_like(vm, item)? else {
            let tn = vm.type_name(item);
            return Err(vm.new_type_error(&format!(
                "sequence item {i}: expected a bytes-like object, {tn} found"
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(new_bytes(out))
}

fn list_of<M: ExecutionModel>(parts: Vec<Vec<u8>>) -> Value<M> {
    Value::new_list(parts.into_iter().map(new_bytes).collect())
}

/// `sep` and `maxsplit` of split/rsplit.
fn split_args<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<(Vec<u8>, Option<Vec<u8>>, i64), M> {
    let data = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["sep", "maxsplit"], 0)?;
    let sep = match &p[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = need_bytes(vm, v)?;
            if s.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match &p[1] {
        None => -1,
        Some(v) => crate::types::args::arg_i64(vm, v)?,
    };
    Ok((data, sep, max))
}

pub(crate) fn b_split<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (data, sep, max) = split_args(vm, args, kw, "split")?;
    let mut parts = Vec::new();
    let mut splits = 0;
    match sep {
        Some(sep) => {
            let mut start = 0;
            let mut i = 0;
            while i + sep.len() <= data.len() && (max < 0 || splits < max) {
                if data[i..i + sep.len()] == sep[..] {
                    parts.push(data[start..i].to_vec());
                    i += sep.len();
                    start = i;
                    splits += 1;
                } else {
                    i += 1;
                }
            }
            parts.push(data[start..].to_vec());
        }
        None => {
            let mut i = 0;
            let n = data.len();
            loop {
                while i < n && is_space(data[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if max >= 0 && splits >= max {
                    // The rest keeps its trailing whitespace, as in CPython.
                    parts.push(data[i..].to_vec());
                    break;
                }
                let start = i;
                while i < n && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(data[start..i].to_vec());
                splits += 1;
            }
        }
    }
    Ok(list_of(parts))
}

pub(crate) fn b_rsplit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (data, sep, max) = split_args(vm, args, kw, "rsplit")?;
    let mut parts = Vec::new();
    let mut splits = 0;
    match sep {
        Some(sep) => {
            let mut end = data.len();
            let mut i = data.len();
            while i >= sep.len() && (max < 0 || splits < max) {
                if data[i - sep.len()..i] == sep[..] {
                    parts.push(data[i..end].to_vec());
                    i -= sep.len();
                    end = i;
                    splits += 1;
                } else {
                    i -= 1;
                }
            }
            parts.push(data[..end].to_vec());
        }
        None => {
            let mut i = data.len();
            loop {
                while i > 0 && is_space(data[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                if max >= 0 && splits >= max {
                    parts.push(data[..i].to_vec());
                    break;
                }
                let end = i;
                while i > 0 && !is_space(data[i - 1]) {
                    i -= 1;
                }
                parts.push(data[i..end].to_vec());
                splits += 1;
            }
        }
    }
    parts.reverse();
    Ok(list_of(parts))
}

pub(crate) fn b_splitlines<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "splitlines")?;
    let p = params(vm, args, kw, "splitlines", &["keepends"], 0)?;
    let keep = match &p[0] {
        None => false,
        Some(v) => vm.is_true(v)?,
    };
    let mut parts = Vec::new();
    let (mut i, mut start) = (0, 0);
    while i < data.len() {
        let eol = match data[i] {
            b'\n' => 1,
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol } else { i };
        parts.push(data[start..end].to_vec());
        i += eol;
        start = i;
    }
    if start < data.len() {
        parts.push(data[start..].to_vec());
    }
    Ok(list_of(parts))
}

fn strip_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<M> {
    let data = this(vm, args, kw, name)?;
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let p = params(vm, args, kw, name, &["bytes"], 0)?;
    let chars = match &p[0] {
        None | Some(Value::None) => None,
        Some(v) => Some(need_bytes(vm, v)?),
    };
    let strip = |b: u8| match &chars {
        None => is_space(b),
        Some(c) => c.contains(&b),
    };
    let (mut s, mut e) = (0, data.len());
    if left {
        while s < e && strip(data[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(data[e - 1]) {
            e -= 1;
        }
    }
    Ok(new_bytes(data[s..e].to_vec()))
}

pub(crate) fn b_strip<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    strip_impl(vm, args, kw, "strip", true, true)
}

pub(crate) fn b_lstrip<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    strip_impl(vm, args, kw, "lstrip", true, false)
}

pub(crate) fn b_rstrip<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    strip_impl(vm, args, kw, "rstrip", false, true)
}

pub(crate) fn b_replace<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "replace")?;
    if !kw.is_empty() {
        return Err(vm.new_type_error("replace() takes no keyword arguments"));
    }
    let p = params(vm, args, kw, "replace", &["old", "new", "count"], 2)?;
    let old = need_bytes(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let new = need_bytes(vm, p[1].as_ref().unwrap_or(&Value::None))?;
    let mut count = match &p[2] {
        None => -1,
        Some(v) => crate::types::args::arg_i64(vm, v)?,
    };
    let mut out = Vec::with_capacity(data.len());
    if old.is_empty() {
        // An empty pattern matches before every byte and at the end.
        for (i, b) in data.iter().enumerate() {
            if count != 0 {
                out.extend_from_slice(&new);
                count -= 1;
            }
            out.push(*b);
            if i + 1 == data.len() && count != 0 {
                out.extend_from_slice(&new);
            }
        }
        if data.is_empty() && count != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(new_bytes(out));
    }
    let mut i = 0;
    while i < data.len() {
        if count != 0 && data[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            count -= 1;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    Ok(new_bytes(out))
}

fn partition_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    from_right: bool,
) -> PyResult<M> {
    let data = this(vm, args, kw, name)?;
    let p = crate::types::args::positional(vm, name, args, kw, 2, 2)?;
    let sep = need_bytes(vm, &p[1])?;
    if sep.is_empty() {
        return Err(vm.new_value_error("empty separator"));
    }
    let parts = match find_in(&data, &sep, from_right) {
        Some(i) => vec![data[..i].to_vec(), sep.clone(), data[i + sep.len()..].to_vec()],
        None if from_right => vec![vec![], vec![], data.clone()],
        None => vec![data.clone(), vec![], vec![]],
    };
    Ok(Value::new_tuple(parts.into_iter().map(new_bytes).collect()))
}

pub(crate) fn b_partition<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    partition_impl(vm, args, kw, "partition", false)
}

pub(crate) fn b_rpartition<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    partition_impl(vm, args, kw, "rpartition", true)
}

pub(crate) fn b_removeprefix<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "removeprefix")?;
    let p = crate::types::args::positional(vm, "removeprefix", args, kw, 2, 2)?;
    let pre = need_bytes(vm, &p[1])?;
    Ok(new_bytes(data.strip_prefix(pre.as_slice()).unwrap_or(&data).to_vec()))
}

pub(crate) fn b_removesuffix<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "removesuffix")?;
    let p = crate::types::args::positional(vm, "removesuffix", args, kw, 2, 2)?;
    let suf = need_bytes(vm, &p[1])?;
    Ok(new_bytes(data.strip_suffix(suf.as_slice()).unwrap_or(&data).to_vec()))
}

/// A method taking no arguments that maps the bytes to new bytes.
fn map_bytes<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    f: impl Fn(&[u8]) -> Vec<u8>,
) -> PyResult<M> {
    let data = this(vm, args, kw, name)?;
    let n = args.len() - kw.len() - 1;
    if n > 0 || !kw.is_empty() {
        return Err(vm.new_type_error(&format!("bytes.{name}() takes no arguments ({n} given)")));
    }
    Ok(new_bytes(f(&data)))
}

pub(crate) fn b_upper<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    map_bytes(vm, args, kw, "upper", |d| d.to_ascii_uppercase())
}

pub(crate) fn b_lower<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    map_bytes(vm, args, kw, "lower", |d| d.to_ascii_lowercase())
}

pub(crate) fn b_swapcase<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    map_bytes(vm, args, kw, "swapcase", |d| {
        d.iter()
            .map(|b| {
                if b.is_ascii_lowercase() {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

pub(crate) fn b_capitalize<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    map_bytes(vm, args, kw, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, b)| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
            .collect()
    })
}

pub(crate) fn b_title<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    map_bytes(vm, args, kw, "title", |d| {
        let mut prev_cased = false;
        d.iter()
            .map(|&b| {
                let out = if prev_cased { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
                prev_cased = b.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

/// An `is...()` test: true when the bytes are non-empty and every byte passes.
fn test_bytes<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    f: impl Fn(&[u8]) -> bool,
) -> PyResult<M> {
    let data = this(vm, args, kw, name)?;
    let n = args.len() - kw.len() - 1;
    if n > 0 || !kw.is_empty() {
        return Err(vm.new_type_error(&format!("bytes.{name}() takes no arguments ({n} given)")));
    }
    Ok(Value::Bool(f(&data)))
}

fn b_isalnum<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isalnum", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric)
    })
}

fn b_isalpha<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isalpha", |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic))
}

fn b_isascii<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isascii", |d| d.is_ascii())
}

fn b_isdigit<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isdigit", |d| !d.is_empty() && d.iter().all(u8::is_ascii_digit))
}

fn b_isspace<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isspace", |d| !d.is_empty() && d.iter().all(|b| is_space(*b)))
}

fn b_islower<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}

fn b_isupper<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}

fn b_istitle<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    test_bytes(vm, args, kw, "istitle", |d| {
        let (mut cased, mut prev_cased) = (false, false);
        for b in d {
            if b.is_ascii_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if b.is_ascii_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    })
}

/// `width` and `fillbyte` of center/ljust/rjust.
fn pad_args<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<(Vec<u8>, usize, u8), M> {
    let data = this(vm, args, kw, name)?;
    let p = crate::types::args::method_positional(vm, "bytes", name, args, kw, 1, 2)?;
    let width = crate::types::args::arg_i64(vm, &p[1])?.max(0) as usize;
    let fill = match p.get(2) {
        None => b' ',
        Some(v) => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => b[0],
            _ => {
                let tn = vm.type_name(v);
                return Err(vm.new_type_error(&format!(
                    "{name}() argument 2 must be a byte string of length 1, not {tn}"
                )));
            }
        },
    };
    Ok((data, width, fill))
}

fn pad(data: &[u8], left: usize, right: usize, fill: u8) -> Vec<u8> {
    let mut out = vec![fill; left];
    out.extend_from_slice(data);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

pub(crate) fn b_center<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (data, width, fill) = pad_args(vm, args, kw, "center")?;
    if width <= data.len() {
        return Ok(new_bytes(data));
    }
    let marg = width - data.len();
    // CPython's split: the extra byte goes left when the width is odd and the margin odd.
    let left = marg / 2 + (marg & width & 1);
    Ok(new_bytes(pad(&data, left, marg - left, fill)))
}

pub(crate) fn b_ljust<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (data, width, fill) = pad_args(vm, args, kw, "ljust")?;
    let extra = width.saturating_sub(data.len());
    Ok(new_bytes(pad(&data, 0, extra, fill)))
}

pub(crate) fn b_rjust<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (data, width, fill) = pad_args(vm, args, kw, "rjust")?;
    let extra = width.saturating_sub(data.len());
    Ok(new_bytes(pad(&data, extra, 0, fill)))
}

pub(crate) fn b_zfill<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "zfill")?;
    let p = crate::types::args::method_positional(vm, "bytes", "zfill", args, kw, 1, 1)?;
    let width = crate::types::args::arg_i64(vm, &p[1])?.max(0) as usize;
    if width <= data.len() {
        return Ok(new_bytes(data));
    }
    let fill = width - data.len();
    let mut out = pad(&data, fill, 0, b'0');
    if matches!(data.first(), Some(b'+' | b'-')) {
        out[0] = data[0];
        out[fill] = b'0';
    }
    Ok(new_bytes(out))
}

pub(crate) fn b_expandtabs<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "expandtabs")?;
    let p = params(vm, args, kw, "expandtabs", &["tabsize"], 0)?;
    let tab = match &p[0] {
        None => 8,
        Some(v) => crate::types::args::arg_i64(vm, v)?,
    };
    let mut out = Vec::new();
    let mut col: i64 = 0;
    for &b in &data {
        match b {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                col = 0;
            }
            _ => {
                out.push(b);
                col += 1;
            }
        }
    }
    Ok(new_bytes(out))
}

pub(crate) fn b_translate<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let data = this(vm, args, kw, "translate")?;
    let p = params(vm, args, kw, "translate", &["table", "delete"], 1)?;
    let table = match &p[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = need_bytes(vm, v)?;
            if t.len() != 256 {
                return Err(vm.new_value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &p[1] {
        None => vec![],
        Some(v) => need_bytes(vm, v)?,
    };
    let out = data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    Ok(new_bytes(out))
}
