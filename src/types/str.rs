//! Methods of `str` (split, strip, find, format, ...) over `text::strmethods`, with CPython's argument errors.

use crate::object::{DictTable, ObjRef, Payload, PyErr, PyResult, TextOpError, Value};
use crate::runtime::ExecutionModel;
use crate::text::strmethods as sm;
use crate::types::args::{builtin, install as install_methods};
use crate::types::format::{self, FormatArgs};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install `str`'s methods, `__format__` of the builtin types and the `format` builtin.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp().types().str_.clone();
    let methods: &[(&'static str, Native<M>)] = &[
        ("join", str_join),
        ("upper", str_upper),
        ("lower", str_lower),
        ("casefold", str_casefold),
        ("capitalize", str_capitalize),
        ("title", str_title),
        ("swapcase", str_swapcase),
        ("isdigit", str_isdigit),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isspace", str_isspace),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("isdecimal", str_isdecimal),
        ("isnumeric", str_isnumeric),
        ("isidentifier", str_isidentifier),
        ("istitle", str_istitle),
        ("isascii", str_isascii),
        ("isprintable", str_isprintable),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("replace", str_replace),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("center", str_center),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("zfill", str_zfill),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("expandtabs", str_expandtabs),
        ("encode", str_encode),
        ("format", str_format),
        ("format_map", str_format_map),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("translate", str_translate),
        ("__format__", builtin_type_format),
    ];
    install_methods(vm, &cls, "str", methods);
    if let Payload::Class(c) = cls.payload() {
        let f = builtin("maketrans", str_maketrans::<M>, Some("str"));
        let sm = crate::types::args::builtin_descriptor(Payload::StaticMethod(f));
        let d = c.dict.clone();
        vm.dict_set_str(&d, "maketrans", sm);
    }
    let t = vm.interp().clone();
    install_methods(vm, &t.types().int, "int", &[("__format__", builtin_type_format)]);
    install_methods(vm, &t.types().float, "float", &[("__format__", builtin_type_format)]);
    install_methods(vm, &t.types().object, "object", &[("__format__", object_format)]);
    let b = vm.interp().builtins().clone();
    let f = builtin("format", b_format::<M>, None);
    vm.dict_set_str(&b, "format", f);
    let f = builtin("ascii", b_ascii::<M>, None);
    vm.dict_set_str(&b, "ascii", f);
    for name in ["UnicodeEncodeError", "UnicodeDecodeError"] {
        if vm.dict_get_str(&b, name).is_none() {
            let base = t.types().unicode_error.clone();
            let cls = crate::vm::builtins_types::new_class::<M>(
                name,
                vec![base],
                crate::object::Layout::Exception,
            );
            let d = match cls.payload() {
                Payload::Class(c) => Some(c.dict.clone()),
                _ => None,
            };
            if let Some(d) = d {
                vm.dict_set_str(&d, "__module__", Value::new_str("builtins"));
            }
            vm.dict_set_str(&b, name, Value::Obj(cls));
        }
    }
}

// ----- argument helpers -----

/// How a method reports a wrong number of arguments (CPython uses several wordings).
#[derive(Clone, Copy, PartialEq)]
enum Arity {
    /// `str.upper() takes no arguments (1 given)`.
    NoArgs,
    /// `str.zfill() takes exactly one argument (0 given)`.
    One,
    /// `center expected at least 1 argument, got 0`.
    Check,
    /// `find() takes at least 1 argument (0 given)`.
    Old,
    /// Keywords allowed: `split() takes at most 2 arguments (3 given)`.
    Kw,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `self` as a str, or CPython's descriptor error.
fn this<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> Result<&'a str, PyErr<M>> {
    if args.len() == kw.len() {
        return Err(vm.new_type_error(&format!("unbound method str.{name}() needs an argument")));
    }
    match args[0].as_str() {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name(&args[0]);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'str' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Binds a method's arguments (after `self`) to `names`; the first `min` are required.
fn params<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    names: &[&str],
    min: usize,
    style: Arity,
) -> Result<Vec<Option<Value<M>>>, PyErr<M>> {
    let end = args.len() - kw.len();
    let pos = &args[1.min(end)..end];
    let (n, max) = (pos.len(), names.len());
    if !kw.is_empty() && style != Arity::Kw {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let msg = match style {
        Arity::NoArgs if n > 0 => Some(format!("str.{name}() takes no arguments ({n} given)")),
        Arity::One if n != 1 => {
            Some(format!("str.{name}() takes exactly one argument ({n} given)"))
        }
        Arity::Check if n < min => {
            Some(format!("{name} expected at least {min} argument{}, got {n}", plural(min)))
        }
        Arity::Check if n > max => {
            Some(format!("{name} expected at most {max} argument{}, got {n}", plural(max)))
        }
        Arity::Old | Arity::Kw if n < min && (kw.is_empty() || style == Arity::Old) => {
            Some(format!("{name}() takes at least {min} argument{} ({n} given)", plural(min)))
        }
        Arity::Old | Arity::Kw if n > max => {
            Some(format!("{name}() takes at most {max} argument{} ({n} given)", plural(max)))
        }
        _ => None,
    };
    if let Some(m) = msg {
        return Err(vm.new_type_error(&m));
    }
    let mut out: Vec<Option<Value<M>>> = pos.iter().cloned().map(Some).collect();
    out.resize(max, None);
    for (i, k) in kw.iter().enumerate() {
        let kname = k.as_str().unwrap_or("");
        match names.iter().position(|x| *x == kname) {
            Some(p) if p < n => {
                return Err(vm.new_type_error(&format!(
                    "argument for {name}() given by name ('{kname}') and position ({})",
                    p + 1
                )));
            }
            Some(p) => out[p] = Some(args[end + i].clone()),
            None => {
                return Err(vm.new_type_error(&format!(
                    "'{kname}' is an invalid keyword argument for {name}()"
                )))
            }
        }
    }
    if let Some(p) = out.iter().take(min).position(|v| v.is_none()) {
        return Err(vm.new_type_error(&format!(
            "{name}() missing required argument '{}' (pos {})",
            names[p],
            p + 1
        )));
    }
    Ok(out)
}

fn call_index<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Value<M>,
) -> Result<Option<Value<M>>, PyErr<M>> {
    if matches!(v.payload(), Some(Payload::Instance(_))) {
        return vm.call_special(v, "__index__", &[]);
    }
    Ok(None)
}

/// An `__index__`-able argument as i64.
fn to_index<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> Result<i64, PyErr<M>> {
    let v = match call_index(vm, v)? {
        Some(r) => r,
        None => v.clone(),
    };
    match &v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
            Err(vm.new_overflow_error("Python int too large to convert to C ssize_t"))
        }
        _ => {
            let tn = vm.type_name(&v);
            Err(vm.new_type_error(&format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

/// A start/end argument: None, or an int clamped to i64 (slice semantics).
fn slice_index<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Option<Value<M>>,
) -> Result<Option<i64>, PyErr<M>> {
    let Some(v) = v else { return Ok(None) };
    let v = match call_index(vm, v)? {
        Some(r) => r,
        None => v.clone(),
    };
    match &v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => {
                Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }))
            }
            _ => Err(vm.new_type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        },
        _ => Err(
            vm.new_type_error("slice indices must be integers or None or have an __index__ method")
        ),
    }
}

/// A str argument, or TypeError built by `msg(type_name)`.
fn want_str<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Option<Value<M>>,
    msg: impl Fn(&str) -> String,
) -> Result<String, PyErr<M>> {
    match v {
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => {
                let tn = vm.type_name(v);
                Err(vm.new_type_error(&msg(&tn)))
            }
        },
        None => Ok(String::new()),
    }
}

/// An optional str argument (None allowed).
fn opt_str<M: ExecutionModel>(
    vm: &mut Vm<M>,
    v: &Option<Value<M>>,
    msg: impl Fn(&str) -> String,
) -> Result<Option<String>, PyErr<M>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(_) => want_str(vm, v, msg).map(Some),
    }
}

/// Argument Clinic's `_PyArg_BadArgument` names None as `None`, not `NoneType`.
fn clinic(type_name: &str) -> &str {
    if type_name == "NoneType" {
        "None"
    } else {
        type_name
    }
}

fn raise<M: ExecutionModel>(vm: &mut Vm<M>, e: TextOpError) -> PyErr<M> {
    crate::types::arith::raise(vm, e)
}

fn str_list<M: ExecutionModel>(parts: Vec<String>) -> Value<M> {
    Value::new_list(parts.into_iter().map(Value::new_str).collect())
}

// ----- no-argument methods -----

macro_rules! str_to_str {
    ($($f:ident => $name:literal, $op:path;)*) => { $(
        fn $f<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
            let s = this(vm, args, kw, $name)?;
            params(vm, args, kw, $name, &[], 0, Arity::NoArgs)?;
            Ok(Value::new_str($op(s)))
        }
    )* };
}

macro_rules! str_to_bool {
    ($($f:ident => $name:literal, $op:path;)*) => { $(
        fn $f<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
            let s = this(vm, args, kw, $name)?;
            params(vm, args, kw, $name, &[], 0, Arity::NoArgs)?;
            Ok(Value::Bool($op(s)))
        }
    )* };
}

str_to_str! {
    str_upper => "upper", sm::upper;
    str_lower => "lower", sm::lower;
    str_casefold => "casefold", sm::casefold;
    str_capitalize => "capitalize", sm::capitalize;
    str_title => "title", sm::title;
    str_swapcase => "swapcase", sm::swapcase;
}

str_to_bool! {
    str_isdigit => "isdigit", sm::isdigit;
    str_isalpha => "isalpha", sm::isalpha;
    str_isalnum => "isalnum", sm::isalnum;
    str_isspace => "isspace", sm::isspace;
    str_isupper => "isupper", sm::isupper;
    str_islower => "islower", sm::islower;
    str_isdecimal => "isdecimal", sm::isdecimal;
    str_isnumeric => "isnumeric", sm::isnumeric;
    str_isidentifier => "isidentifier", sm::isidentifier;
    str_istitle => "istitle", sm::istitle;
    str_isascii => "isascii", sm::isascii;
    str_isprintable => "isprintable", sm::isprintable;
}

// ----- join / split -----

fn str_join<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let sep = this(vm, args, kw, "join")?;
    let p = params(vm, args, kw, "join", &["iterable"], 1, Arity::One)?;
    let it = p[0].clone().unwrap_or(Value::None);
    let items = match it.payload() {
        Some(Payload::List(l)) => l.with(|v| v.clone()),
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => {
            let iter = match vm.get_iter(&it) {
                Ok(i) => i,
                Err(e) => {
                    let te = vm.types().type_error.clone();
                    if vm.isinstance_class(&e.exc, &te) {
                        return Err(vm.new_type_error("can only join an iterable"));
                    }
                    return Err(e);
                }
            };
            let mut v = Vec::new();
            while let Some(x) = vm.iter_next(&iter)? {
                v.push(x);
            }
            v
        }
    };
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => {
                if i > 0 {
                    out.push_str(sep);
                }
                out.push_str(s);
            }
            None => {
                let tn = vm.type_name(item);
                return Err(vm.new_type_error(&format!(
                    "sequence item {i}: expected str instance, {tn} found"
                )));
            }
        }
    }
    Ok(Value::new_str(out))
}

fn split_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    right: bool,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["sep", "maxsplit"], 0, Arity::Kw)?;
    let max = match &p[1] {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    let sep = opt_str(vm, &p[0], |t| format!("must be str or None, not {t}"))?;
    let r =
        if right { sm::rsplit(s, sep.as_deref(), max) } else { sm::split(s, sep.as_deref(), max) };
    r.map(str_list).map_err(|e| raise(vm, e))
}

fn str_split<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    split_impl(vm, args, kw, "split", false)
}

fn str_rsplit<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    split_impl(vm, args, kw, "rsplit", true)
}

fn str_splitlines<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "splitlines")?;
    let p = params(vm, args, kw, "splitlines", &["keepends"], 0, Arity::Kw)?;
    let keep = match &p[0] {
        Some(v) => to_index(vm, v)? != 0,
        None => false,
    };
    Ok(str_list(sm::splitlines(s, keep)))
}

fn partition_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    right: bool,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["sep"], 1, Arity::One)?;
    let sep = want_str(vm, &p[0], |t| format!("must be str, not {t}"))?;
    let r = if right { sm::rpartition(s, &sep) } else { sm::partition(s, &sep) };
    let (a, b, c) = r.map_err(|e| raise(vm, e))?;
    Ok(Value::new_tuple(vec![Value::new_str(a), Value::new_str(b), Value::new_str(c)]))
}

fn str_partition<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    partition_impl(vm, args, kw, "partition", false)
}

fn str_rpartition<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    partition_impl(vm, args, kw, "rpartition", true)
}

// ----- strip / replace / affixes -----

fn strip_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    op: fn(&str, Option<&str>) -> String,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["chars"], 0, Arity::Check)?;
    let chars = opt_str(vm, &p[0], |_| format!("{name} arg must be None or str"))?;
    Ok(Value::new_str(op(s, chars.as_deref())))
}

fn str_strip<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    strip_impl(vm, args, kw, "strip", sm::strip)
}

fn str_lstrip<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    strip_impl(vm, args, kw, "lstrip", sm::lstrip)
}

fn str_rstrip<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    strip_impl(vm, args, kw, "rstrip", sm::rstrip)
}

fn str_replace<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "replace")?;
    let p = params(vm, args, kw, "replace", &["old", "new", "count"], 2, Arity::Check)?;
    let old =
        want_str(vm, &p[0], |t| format!("replace() argument 1 must be str, not {}", clinic(t)))?;
    let new =
        want_str(vm, &p[1], |t| format!("replace() argument 2 must be str, not {}", clinic(t)))?;
    let count = match &p[2] {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    Ok(Value::new_str(sm::replace(s, &old, &new, count)))
}

fn affix_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    suffix: bool,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["affix"], 1, Arity::One)?;
    let a = want_str(vm, &p[0], |t| format!("{name}() argument must be str, not {}", clinic(t)))?;
    let r = if suffix { s.strip_suffix(a.as_str()) } else { s.strip_prefix(a.as_str()) };
    match r {
        Some(r) if !a.is_empty() => Ok(Value::new_str(r)),
        _ => Ok(args[0].clone()),
    }
}

fn str_removeprefix<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    affix_impl(vm, args, kw, "removeprefix", false)
}

fn str_removesuffix<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    affix_impl(vm, args, kw, "removesuffix", true)
}

// ----- searching -----

/// Which search a `find`-family method runs.
#[derive(Clone, Copy)]
enum Search {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

fn search_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    op: Search,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["sub", "start", "end"], 1, Arity::Old)?;
    let start = slice_index(vm, &p[1])?;
    let end = slice_index(vm, &p[2])?;
    let sub = want_str(vm, &p[0], |t| format!("must be str, not {t}"))?;
    let r = match op {
        Search::Find => Ok(sm::find(s, &sub, start, end)),
        Search::RFind => Ok(sm::rfind(s, &sub, start, end)),
        Search::Index => sm::index(s, &sub, start, end),
        Search::RIndex => sm::rindex(s, &sub, start, end),
        Search::Count => Ok(sm::count(s, &sub, start, end) as i64),
    };
    r.map(Value::Int).map_err(|e| raise(vm, e))
}

fn str_find<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    search_impl(vm, args, kw, "find", Search::Find)
}

fn str_rfind<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    search_impl(vm, args, kw, "rfind", Search::RFind)
}

fn str_index<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    search_impl(vm, args, kw, "index", Search::Index)
}

fn str_rindex<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    search_impl(vm, args, kw, "rindex", Search::RIndex)
}

fn str_count<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    search_impl(vm, args, kw, "count", Search::Count)
}

fn affix_match_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    at_end: bool,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["prefix", "start", "end"], 1, Arity::Old)?;
    let start = slice_index(vm, &p[1])?;
    let end = slice_index(vm, &p[2])?;
    let prefix = p[0].clone().unwrap_or(Value::None);
    let cands: Vec<Value<M>> = match prefix.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![prefix.clone()],
    };
    let is_tuple = prefix.as_tuple().is_some();
    for c in &cands {
        let Some(x) = c.as_str() else {
            let tn = vm.type_name(c);
            let msg = if is_tuple {
                format!("tuple for {name} must only contain str, not {tn}")
            } else {
                format!("{name} first arg must be str or a tuple of str, not {tn}")
            };
            return Err(vm.new_type_error(&msg));
        };
        let hit =
            if at_end { sm::endswith(s, x, start, end) } else { sm::startswith(s, x, start, end) };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn str_startswith<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    affix_match_impl(vm, args, kw, "startswith", false)
}

fn str_endswith<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    affix_match_impl(vm, args, kw, "endswith", true)
}

// ----- padding -----

fn pad_impl<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    name: &str,
    op: fn(&str, i64, char) -> String,
) -> PyResult<M> {
    let s = this(vm, args, kw, name)?;
    let p = params(vm, args, kw, name, &["width", "fillchar"], 1, Arity::Check)?;
    let width = to_index(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    format::check_size(vm, width.max(0) as u64)?;
    let fill = match &p[1] {
        None => ' ',
        Some(v) => match v.as_str() {
            Some(f) => sm::fill_char(f).map_err(|e| raise(vm, e))?,
            None => {
                let tn = vm.type_name(v);
                return Err(vm.new_type_error(&format!(
                    "The fill character must be a unicode character, not {tn}"
                )));
            }
        },
    };
    Ok(Value::new_str(op(s, width, fill)))
}

fn str_center<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    pad_impl(vm, args, kw, "center", sm::center)
}

fn str_ljust<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    pad_impl(vm, args, kw, "ljust", sm::ljust)
}

fn str_rjust<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    pad_impl(vm, args, kw, "rjust", sm::rjust)
}

fn str_zfill<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let s = this(vm, args, kw, "zfill")?;
    let p = params(vm, args, kw, "zfill", &["width"], 1, Arity::One)?;
    let width = to_index(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    format::check_size(vm, width.max(0) as u64)?;
    Ok(Value::new_str(sm::zfill(s, width)))
}

fn str_expandtabs<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "expandtabs")?;
    let p = params(vm, args, kw, "expandtabs", &["tabsize"], 0, Arity::Kw)?;
    let tabsize = match &p[0] {
        Some(v) => to_index(vm, v)?,
        None => 8,
    };
    if tabsize > i32::MAX as i64 {
        return Err(vm.new_overflow_error("Python int too large to convert to C int"));
    }
    let tabs = s.chars().filter(|&c| c == '\t').count() as u64;
    format::check_size(vm, tabs.saturating_mul(tabsize.max(0) as u64))?;
    Ok(Value::new_str(sm::expandtabs(s, tabsize)))
}

// ----- encode -----

fn char_escape(c: char) -> String {
    let u = c as u32;
    if u < 0x100 {
        format!("\\x{u:02x}")
    } else if u < 0x10000 {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    }
}

fn str_encode<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "encode")?;
    let p = params(vm, args, kw, "encode", &["encoding", "errors"], 0, Arity::Kw)?;
    let enc = match &p[0] {
        None => "utf-8".to_string(),
        Some(_) => want_str(vm, &p[0], |t| {
            format!("encode() argument 'encoding' must be str, not {}", clinic(t))
        })?,
    };
    let errors = match &p[1] {
        None => "strict".to_string(),
        Some(_) => want_str(vm, &p[1], |t| {
            format!("encode() argument 'errors' must be str, not {}", clinic(t))
        })?,
    };
    let norm = enc.to_ascii_lowercase().replace('_', "-");
    let (codec, limit) = match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => return Ok(new_bytes(s.as_bytes().to_vec())),
        "ascii" | "us-ascii" | "646" => ("ascii", 0x80u32),
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            ("latin-1", 0x100)
        }
        _ => {
            let cls = vm.types().lookup_error.clone();
            return Err(vm.new_error(&cls, &format!("unknown encoding: {enc}")));
        }
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match errors.as_str() {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend_from_slice(char_escape(c).as_bytes()),
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            "strict" => {
                let mut j = i;
                while j < chars.len() && chars[j] as u32 >= limit {
                    j += 1;
                }
                let what = if j - i == 1 {
                    format!("character '{}' in position {i}", char_escape(c))
                } else {
                    format!("characters in position {i}-{}", j - 1)
                };
                let b = vm.interp().builtins().clone();
                let cls = match vm.dict_get_str(&b, "UnicodeEncodeError") {
                    Some(Value::Obj(c)) if matches!(c.payload(), Payload::Class(_)) => c,
                    _ => vm.types().unicode_error.clone(),
                };
                let msg =
                    format!("'{codec}' codec can't encode {what}: ordinal not in range({limit})");
                return Err(vm.new_error(&cls, &msg));
            }
            other => {
                let cls = vm.types().lookup_error.clone();
                return Err(vm.new_error(&cls, &format!("unknown error handler name '{other}'")));
            }
        }
        i += 1;
    }
    Ok(new_bytes(out))
}

fn new_bytes<M: ExecutionModel>(b: Vec<u8>) -> Value<M> {
    Value::Obj(ObjRef::new(Payload::Bytes(b.into_boxed_slice())))
}

// ----- translate / maketrans -----

fn str_maketrans<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    if !kw.is_empty() {
        return Err(vm.new_type_error("maketrans() takes no keyword arguments"));
    }
    let n = args.len();
    if n == 0 || n > 3 {
        let m = if n == 0 {
            "maketrans expected at least 1 argument, got 0".to_string()
        } else {
            format!("maketrans expected at most 3 arguments, got {n}")
        };
        return Err(vm.new_type_error(&m));
    }
    let table = Value::new_dict(DictTable::new());
    let Some(d) = table.obj().cloned() else { return Ok(table) };
    if n == 1 {
        if !matches!(args[0].payload(), Some(Payload::Dict(_))) {
            return Err(
                vm.new_type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in vm.dict_items_vec(&args[0])? {
            let key =
                match (&k, k.as_str()) {
                    (Value::Int(_), _) => k.clone(),
                    (_, Some(s)) if s.chars().count() == 1 => {
                        Value::Int(s.chars().next().map_or(0, |c| c as i64))
                    }
                    (_, Some(_)) => {
                        return Err(vm
                            .new_value_error("string keys in translate table must be of length 1"))
                    }
                    _ => {
                        return Err(vm
                            .new_type_error("keys in translate table must be strings or integers"))
                    }
                };
            vm.dict_set(&d, key, v)?;
        }
        return Ok(table);
    }
    let x = want_str(vm, &Some(args[0].clone()), |t| {
        format!("maketrans() argument 1 must be str, not {}", clinic(t))
    })?;
    let y = want_str(vm, &Some(args[1].clone()), |t| {
        format!("maketrans() argument 2 must be str, not {}", clinic(t))
    })?;
    let z = match args.get(2) {
        Some(v) => want_str(vm, &Some(v.clone()), |t| {
            format!("maketrans() argument 3 must be str, not {}", clinic(t))
        })?,
        None => String::new(),
    };
    if x.chars().count() != y.chars().count() {
        return Err(vm.new_value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        vm.dict_set(&d, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    for c in z.chars() {
        vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
    }
    Ok(table)
}

fn str_translate<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "translate")?;
    let p = params(vm, args, kw, "translate", &["table"], 1, Arity::One)?;
    let table = p[0].clone().unwrap_or(Value::None);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let key = Value::Int(c as i64);
        let r = match table.obj().filter(|o| matches!(o.payload(), Payload::Dict(_))) {
            Some(d) => vm.dict_get_key(d, &key)?,
            None => match vm.getitem(&table, &key) {
                Ok(v) => Some(v),
                Err(e) => {
                    let le = vm.types().lookup_error.clone();
                    if vm.isinstance_class(&e.exc, &le) {
                        None
                    } else {
                        return Err(e);
                    }
                }
            },
        };
        match r {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(vm.new_value_error("character mapping must be in range(0x110000)"))
                }
            },
            Some(v) => match v.as_str() {
                Some(t) => out.push_str(t),
                None => {
                    return Err(
                        vm.new_type_error("character mapping must return integer, None or str")
                    )
                }
            },
        }
    }
    Ok(Value::new_str(out))
}

// ----- formatting -----

fn str_format<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "format")?;
    let end = args.len() - kw.len();
    let fa = FormatArgs::Call { pos: &args[1..end], kwnames: kw, kwvals: &args[end..] };
    Ok(Value::new_str(format::vformat(vm, s, &fa)?))
}

fn str_format_map<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let s = this(vm, args, kw, "format_map")?;
    let p = params(vm, args, kw, "format_map", &["mapping"], 1, Arity::One)?;
    let m = p[0].clone().unwrap_or(Value::None);
    Ok(Value::new_str(format::vformat(vm, s, &FormatArgs::Map(&m))?))
}

fn spec_arg<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    owner: &str,
) -> Result<String, PyErr<M>> {
    if !kw.is_empty() {
        return Err(vm.new_type_error("__format__() takes no keyword arguments"));
    }
    if args.len() != 2 {
        let n = args.len().saturating_sub(1);
        return Err(vm.new_type_error(&format!(
            "{owner}.__format__() takes exactly one argument ({n} given)"
        )));
    }
    want_str(vm, &Some(args[1].clone()), |t| format!("__format__() argument must be str, not {t}"))
}

/// `int.__format__`, `float.__format__`, `str.__format__` (never a user `__format__`).
fn builtin_type_format<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let owner = args.first().map(|v| vm.type_name(v)).unwrap_or_else(|| "object".into());
    let spec = spec_arg(vm, args, kw, &owner)?;
    Ok(Value::new_str(format::format_builtin(vm, &args[0], &spec)?))
}

/// `object.__format__`.
fn object_format<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let spec = spec_arg(vm, args, kw, "object")?;
    Ok(Value::new_str(format::object_format(vm, &args[0], &spec)?))
}

/// The `format(value, format_spec='')` builtin.
fn b_format<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let end = args.len() - kw.len();
    let mut v: [Option<Value<M>>; 2] =
        [args.first().filter(|_| end > 0).cloned(), args.get(1).filter(|_| end > 1).cloned()];
    for (i, k) in kw.iter().enumerate() {
        match k.as_str() {
            Some("value") if end == 0 => v[0] = Some(args[end + i].clone()),
            Some("format_spec") if end < 2 => v[1] = Some(args[end + i].clone()),
            Some(n) => {
                return Err(vm
                    .new_type_error(&format!("format() got an unexpected keyword argument '{n}'")))
            }
            None => return Err(vm.new_type_error("keywords must be strings")),
        }
    }
    if end > 2 {
        return Err(vm.new_type_error(&format!("format expected at most 2 arguments, got {end}")));
    }
    let Some(value) = v[0].clone() else {
        return Err(vm.new_type_error("format expected at least 1 argument, got 0"));
    };
    let spec = match &v[1] {
        Some(_) => {
            want_str(vm, &v[1], |t| format!("format() argument 2 must be str, not {}", clinic(t)))?
        }
        None => String::new(),
    };
    Ok(Value::new_str(format::format_value(vm, &value, &spec)?))
}

/// The `ascii(obj)` builtin.
fn b_ascii<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    if !kw.is_empty() {
        return Err(vm.new_type_error("ascii() takes no keyword arguments"));
    }
    if args.len() != 1 {
        return Err(vm.new_type_error(&format!(
            "ascii() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(Value::new_str(vm.ascii_of(&args[0])?))
}
