//! Text glue over runtime values: `format()`/`__format__`, `str.format`/`format_map` and `%`-formatting, all via the pure `text::{formatspec, strfmt, percent}`.

use num_bigint::BigInt;

use crate::object::{Payload, PyErr, PyResult, TextOpError, Value};
use crate::runtime::ExecutionModel;
use crate::text::formatspec::{format_float, format_int, format_str};
use crate::text::percent::{self, PercentCount, PercentPiece, PercentValue};
use crate::text::strfmt::{self, AutoNumbering, FieldAccess, FieldFirst, FormatPiece};
use crate::vm::Vm;

pub use crate::text::strrepr::{bytes_repr, str_repr};

fn raise<M: ExecutionModel>(vm: &mut Vm<M>, e: TextOpError) -> PyErr<M> {
    crate::types::arith::raise(vm, e)
}

/// Largest str (in characters) a width, fill or padding may ask for; beyond it: MemoryError.
pub const MAX_STR_CHARS: u64 = 1 << 30;

/// MemoryError (as CPython's failed allocation) when a requested size exceeds [`MAX_STR_CHARS`].
pub fn check_size<M: ExecutionModel>(vm: &mut Vm<M>, n: u64) -> Result<(), PyErr<M>> {
    if n > MAX_STR_CHARS {
        let cls = vm.types().memory_error.clone();
        return Err(vm.new_error(&cls, ""));
    }
    Ok(())
}

/// Escape non-ASCII characters of an already-computed repr, as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

/// `object.__format__`: `str(v)` for an empty spec, else TypeError.
pub fn object_format<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    spec: &str,
) -> Result<String, PyErr<M>> {
    if spec.is_empty() {
        return vm.str_of(v);
    }
    let tn = vm.type_name(v);
    Err(vm.new_type_error(&format!("unsupported format string passed to {tn}.__format__")))
}

/// `format(v, spec)` for builtin values only (no user `__format__` lookup): int, bool, float, str,
/// anything else as `object.__format__`.
pub fn format_builtin<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    spec: &str,
) -> Result<String, PyErr<M>> {
    if spec.len() > 9 {
        if let Ok(f) = crate::text::formatspec::parse_format_spec(spec, "") {
            let big = f.width.unwrap_or(0).max(f.precision.unwrap_or(0)) as u64;
            check_size(vm, big)?;
        }
    }
    let r = match v {
        Value::Bool(b) if spec.is_empty() => {
            return Ok(if *b { "True" } else { "False" }.to_string())
        }
        Value::Bool(b) => format_int(&BigInt::from(*b as i64), spec).map_err(|e| match e {
            TextOpError::ValueError(m) => {
                TextOpError::ValueError(m.replace("of type 'int'", "of type 'bool'"))
            }
            other => other,
        }),
        Value::Int(i) => format_int(&BigInt::from(*i), spec),
        Value::Float(f) => format_float(*f, spec),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => format_int(b, spec),
            Payload::Str(s) => format_str(s.as_str(), spec),
            _ => return object_format(vm, v, spec),
        },
        _ => return object_format(vm, v, spec),
    };
    r.map_err(|e| raise(vm, e))
}

/// `format(v, spec)`: honours a user-defined `__format__`, otherwise the builtin formatting.
pub fn format_value<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    spec: &str,
) -> Result<String, PyErr<M>> {
    if let Some(Payload::Instance(_)) = v.payload() {
        let cls = vm.class_of(v);
        if let Some(f) = vm.class_lookup(&cls, "__format__") {
            if !matches!(f.payload(), Some(Payload::Builtin(_))) {
                let r = vm
                    .call_special(v, "__format__", &[Value::new_str(spec)])?
                    .unwrap_or(Value::None);
                return match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => {
                        let tn = vm.type_name(&r);
                        Err(vm.new_type_error(&format!("__format__ must return a str, not {tn}")))
                    }
                };
            }
        }
    }
    format_builtin(vm, v, spec)
}

/// The argument source of one `str.format` / `format_map` call.
pub enum FormatArgs<'a, M: ExecutionModel> {
    /// `str.format(*pos, **kw)`: keyword names and their values.
    Call { pos: &'a [Value<M>], kwnames: &'a [Value<M>], kwvals: &'a [Value<M>] },
    /// `str.format_map(mapping)`.
    Map(&'a Value<M>),
}

/// `fmt.format(...)` / `fmt.format_map(...)`.
pub fn vformat<M: ExecutionModel>(
    vm: &mut Vm<M>,
    fmt: &str,
    args: &FormatArgs<'_, M>,
) -> Result<String, PyErr<M>> {
    let mut auto = AutoNumbering::new();
    let mut out = String::with_capacity(fmt.len());
    let pieces = match strfmt::parse_format_string(fmt) {
        Ok(p) => p,
        Err(e) => {
            // CPython renders field by field: fields before the malformed part may fail first.
            let ends: Vec<usize> =
                fmt.char_indices().filter(|&(_, c)| c == '}').map(|(i, _)| i + 1).collect();
            for &end in ends.iter().rev() {
                if let Ok(prefix) = strfmt::parse_format_string(&fmt[..end]) {
                    render(vm, &prefix, args, &mut auto, 0, &mut out)?;
                    break;
                }
            }
            return Err(raise(vm, e));
        }
    };
    render(vm, &pieces, args, &mut auto, 0, &mut out)?;
    Ok(out)
}

fn render<M: ExecutionModel>(
    vm: &mut Vm<M>,
    pieces: &[FormatPiece],
    args: &FormatArgs<'_, M>,
    auto: &mut AutoNumbering,
    level: usize,
    out: &mut String,
) -> Result<(), PyErr<M>> {
    for p in pieces {
        let f = match p {
            FormatPiece::Literal(s) => {
                out.push_str(s);
                continue;
            }
            FormatPiece::Field(f) => f,
        };
        let first = auto.resolve(&f.first).map_err(|e| raise(vm, e))?;
        let mut obj = match (&first, args) {
            (FieldFirst::Name(n), FormatArgs::Call { kwnames, kwvals, .. }) => {
                match kwnames.iter().position(|k| k.as_str() == Some(n.as_str())) {
                    Some(i) => kwvals[i].clone(),
                    None => return Err(vm.new_key_error(Value::new_str(n.clone()))),
                }
            }
            (FieldFirst::Name(n), FormatArgs::Map(m)) => {
                vm.getitem(m, &Value::new_str(n.clone()))?
            }
            (FieldFirst::Index(i), FormatArgs::Call { pos, .. }) => match pos.get(*i) {
                Some(v) => v.clone(),
                None => {
                    let msg =
                        format!("Replacement index {i} out of range for positional args tuple");
                    return Err(vm.new_index_error(&msg));
                }
            },
            _ => return Err(vm.new_value_error("Format string contains positional fields")),
        };
        for acc in &f.rest {
            obj = match acc {
                FieldAccess::Attr(a) => vm.getattr(&obj, &Value::new_str(a.clone()))?,
                FieldAccess::Index(i) => vm.getitem(&obj, &Value::Int(*i as i64))?,
                FieldAccess::Key(k) => vm.getitem(&obj, &Value::new_str(k.clone()))?,
            };
        }
        if let Some(e) = &f.rest_error {
            return Err(raise(vm, e.clone()));
        }
        obj = match f.conversion {
            Some('r') => Value::new_str(vm.repr_of(&obj)?),
            Some('s') => Value::new_str(vm.str_of(&obj)?),
            Some('a') => Value::new_str(vm.ascii_of(&obj)?),
            _ => obj,
        };
        let spec = if f.spec_needs_expanding {
            let nested = strfmt::parse_nested_spec(&f.spec, level + 1).map_err(|e| raise(vm, e))?;
            let mut s = String::new();
            render(vm, &nested, args, auto, level + 1, &mut s)?;
            s
        } else {
            f.spec.clone()
        };
        let text = format_value(vm, &obj, &spec)?;
        out.push_str(&text);
    }
    Ok(())
}

/// True when `%` treats `args` as a mapping (CPython's `PyMapping_Check` minus tuple and str).
fn is_mapping<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> bool {
    match v.payload() {
        Some(Payload::Dict(_) | Payload::List(_) | Payload::Range(_) | Payload::Bytes(_)) => true,
        Some(Payload::Instance(_)) => {
            let cls = vm.class_of(v);
            vm.class_lookup(&cls, "__getitem__").is_some()
        }
        _ => false,
    }
}

fn int_like<M: ExecutionModel>(v: &Value<M>) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Calls the first of `names` the instance's class defines; None when it defines none.
fn call_first<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    names: &[&str],
) -> Result<Option<Value<M>>, PyErr<M>> {
    if !matches!(v.payload(), Some(Payload::Instance(_))) {
        return Ok(None);
    }
    for n in names {
        if let Some(r) = vm.call_special(v, n, &[])? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// Converts one `%` argument to what `render_percent` expects for conversion `conv`.
fn percent_value<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
    conv: char,
) -> Result<PercentValue, PyErr<M>> {
    Ok(match conv {
        's' => PercentValue::Str(vm.str_of(v)?),
        'r' => PercentValue::Str(vm.repr_of(v)?),
        'a' => PercentValue::Str(vm.ascii_of(v)?),
        _ => {
            if let Some(b) = int_like(v) {
                return Ok(PercentValue::Int(b));
            }
            if let Value::Float(f) = v {
                return Ok(PercentValue::Float(*f));
            }
            if let Some(s) = v.as_str() {
                return Ok(PercentValue::Str(s.to_string()));
            }
            let names: &[&str] = match conv {
                'd' | 'i' | 'u' => &["__int__", "__index__"],
                'o' | 'x' | 'X' | 'c' => &["__index__"],
                _ => &["__float__", "__index__"],
            };
            if let Some(r) = call_first(vm, v, names)? {
                if let Some(b) = int_like(&r) {
                    return Ok(PercentValue::Int(b));
                }
                if let Value::Float(f) = r {
                    return Ok(PercentValue::Float(f));
                }
            }
            PercentValue::Other(vm.type_name(v))
        }
    })
}

/// `fmt % args` (printf-style), with CPython's argument rules and messages.
pub fn percent_format<M: ExecutionModel>(
    vm: &mut Vm<M>,
    fmt: &str,
    args: &Value<M>,
) -> PyResult<M> {
    let tuple = args.as_tuple().map(|t| t.to_vec());
    let mapping = tuple.is_none() && is_mapping(vm, args);
    let items = tuple.unwrap_or_else(|| vec![args.clone()]);
    let pieces = match percent::parse_percent(fmt) {
        Ok(p) => p,
        Err(e) => {
            // CPython formats left to right: specs before the bad one may fail first.
            let starts: Vec<usize> =
                fmt.char_indices().filter(|&(_, c)| c == '%').map(|(i, _)| i).collect();
            for &st in starts.iter().rev() {
                if let Ok(prefix) = percent::parse_percent(&fmt[..st]) {
                    let (_, used) = render_percent_pieces(vm, &prefix, args, &items, mapping)?;
                    // The bad spec takes its argument before its conversion is rejected.
                    if e.message().starts_with("unsupported format character")
                        && used >= items.len()
                    {
                        return Err(raise(vm, percent::not_enough_args()));
                    }
                    break;
                }
            }
            return Err(raise(vm, e));
        }
    };
    let (out, idx) = render_percent_pieces(vm, &pieces, args, &items, mapping)?;
    if idx < items.len() && !mapping {
        return Err(raise(vm, percent::not_all_converted()));
    }
    Ok(Value::new_str(out))
}

/// Renders parsed `%` pieces; returns the text and how many positional items were used.
fn render_percent_pieces<M: ExecutionModel>(
    vm: &mut Vm<M>,
    pieces: &[PercentPiece],
    args: &Value<M>,
    items: &[Value<M>],
    mapping: bool,
) -> Result<(String, usize), PyErr<M>> {
    let mut idx = 0usize;
    let mut out = String::new();
    for piece in pieces {
        let spec = match piece {
            PercentPiece::Literal(s) => {
                out.push_str(s);
                continue;
            }
            PercentPiece::Spec(s) => s,
        };
        if spec.conv == '%' {
            out.push('%');
            continue;
        }
        let mut next = |vm: &mut Vm<M>| -> PyResult<M> {
            match items.get(idx) {
                Some(v) => {
                    idx += 1;
                    Ok(v.clone())
                }
                None => Err(raise(vm, percent::not_enough_args())),
            }
        };
        let mut star = |vm: &mut Vm<M>, c: Option<PercentCount>| -> Result<Option<i64>, PyErr<M>> {
            if c != Some(PercentCount::Star) {
                return Ok(None);
            }
            let v = next(vm)?;
            match v {
                Value::Int(i) if i32::try_from(i).is_ok() => Ok(Some(i)),
                Value::Bool(b) => Ok(Some(b as i64)),
                Value::Int(_) => {
                    Err(vm.new_overflow_error("Python int too large to convert to C int"))
                }
                _ if int_like(&v).is_some() => {
                    Err(vm.new_overflow_error("Python int too large to convert to C int"))
                }
                _ => Err(raise(vm, percent::star_wants_int())),
            }
        };
        let sw = star(vm, spec.width)?;
        let sp = star(vm, spec.precision)?;
        let count = |c: Option<PercentCount>, st: Option<i64>| match c {
            Some(PercentCount::Num(n)) => n as u64,
            _ => st.unwrap_or(0).unsigned_abs(),
        };
        check_size(vm, count(spec.width, sw).max(count(spec.precision, sp)))?;
        let v = match &spec.key {
            Some(k) => {
                if !mapping {
                    return Err(raise(vm, percent::requires_mapping()));
                }
                vm.getitem(args, &Value::new_str(k.clone()))?
            }
            None => match items.get(idx) {
                Some(v) => {
                    idx += 1;
                    v.clone()
                }
                None => return Err(raise(vm, percent::not_enough_args())),
            },
        };
        let pv = percent_value(vm, &v, spec.conv)?;
        let text = percent::render_percent(spec, pv, sw, sp).map_err(|e| raise(vm, e))?;
        out.push_str(&text);
    }
    Ok((out, idx))
}
