//! Methods of `dict` (get, setdefault, pop, popitem, update, copy, clear, fromkeys, views) and dict-view set operations.

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg};
use crate::object::{DictTable, DictViewObj, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{builtin, install as install_methods, method_positional, positional};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;

/// Install `dict`'s methods (and the `fromkeys` classmethod).
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let cls = vm.interp().types().dict.clone();
    let methods: &[(&'static str, Native<M>)] = &[
        ("get", dict_get),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("setdefault", dict_setdefault),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("update", dict_update),
        ("copy", dict_copy),
        ("clear", dict_clear),
        ("__contains__", dict_contains),
        ("__getitem__", dict_getitem),
        ("__len__", dict_len),
    ];
    install_methods(vm, &cls, "dict", methods);
    let fromkeys = crate::types::args::builtin_descriptor(Payload::ClassMethod(builtin(
        "fromkeys",
        dict_fromkeys,
        Some("dict"),
    )));
    if let Payload::Class(c) = cls.payload() {
        let d = c.dict.clone();
        vm.dict_set_str(&d, "fromkeys", fromkeys);
    }
    let keys_cls = vm.interp().types().dict_keys.clone();
    install_methods(vm, &keys_cls, "dict_keys", &[("isdisjoint", view_isdisjoint)]);
    let items_cls = vm.interp().types().dict_items.clone();
    install_methods(vm, &items_cls, "dict_items", &[("isdisjoint", view_isdisjoint)]);
}

/// `self` of a dict method, with CPython's descriptor error for anything else.
fn this<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    name: &str,
) -> Result<ObjRef<M>, PyErr<M>> {
    match args.first() {
        Some(v) if matches!(v.payload(), Some(Payload::Dict(_))) => {
            Ok(v.obj().cloned().expect("dict is an object"))
        }
        Some(v) => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'dict' objects doesn't apply to a '{tn}' object"
            )))
        }
        None => Err(vm.new_type_error(&format!("unbound method dict.{name}() needs an argument"))),
    }
}

fn dict_get<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let d = this(vm, args, "get")?;
    let p = method_positional(vm, "dict", "get", args, kw, 1, 2)?;
    Ok(vm.dict_get_key(&d, &p[1])?.unwrap_or_else(|| p.get(2).cloned().unwrap_or(Value::None)))
}

fn dict_setdefault<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let d = this(vm, args, "setdefault")?;
    let p = method_positional(vm, "dict", "setdefault", args, kw, 1, 2)?;
    if let Some(v) = vm.dict_get_key(&d, &p[1])? {
        return Ok(v);
    }
    let v = p.get(2).cloned().unwrap_or(Value::None);
    vm.dict_set(&d, p[1].clone(), v.clone())?;
    Ok(v)
}

fn dict_pop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let d = this(vm, args, "pop")?;
    let p = method_positional(vm, "dict", "pop", args, kw, 1, 2)?;
    match vm.dict_del(&d, &p[1])? {
        Some(v) => Ok(v),
        None => match p.get(2) {
            Some(dflt) => Ok(dflt.clone()),
            None => Err(vm.new_key_error(p[1].clone())),
        },
    }
}

fn dict_popitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let d = this(vm, args, "popitem")?;
    method_positional(vm, "dict", "popitem", args, kw, 0, 0)?;
    let Payload::Dict(t) = d.payload() else { return Ok(Value::None) };
    match t.with(|t| t.pop_last()) {
        Some(e) => Ok(Value::new_tuple(vec![e.key, e.value])),
        None => {
            let ke = vm.types().key_error.clone();
            Err(vm.new_error(&ke, "popitem(): dictionary is empty"))
        }
    }
}

fn dict_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let d = this(vm, args, "update")?;
    let npos = args.len() - kw.len();
    if npos > 2 {
        return Err(
            vm.new_type_error(&format!("update expected at most 1 argument, got {}", npos - 1))
        );
    }
    let target = Value::Obj(d.clone());
    if npos == 2 {
        vm.dict_update(&target, &args[1])?;
    }
    for (k, v) in kw.iter().zip(&args[npos..]) {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(Value::None)
}

fn dict_copy<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    this(vm, args, "copy")?;
    method_positional(vm, "dict", "copy", args, kw, 0, 0)?;
    vm.dict_copy(&args[0])
}

fn dict_clear<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let d = this(vm, args, "clear")?;
    method_positional(vm, "dict", "clear", args, kw, 0, 0)?;
    if let Payload::Dict(t) = d.payload() {
        let old = t.with(|t| t.take_all());
        drop(old);
    }
    Ok(Value::None)
}

fn dict_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let d = this(vm, args, "__contains__")?;
    let p = positional(vm, "__contains__", args, kw, 2, 2)?;
    Ok(Value::Bool(vm.table_contains(&d, &p[1])?))
}

fn dict_getitem<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    this(vm, args, "__getitem__")?;
    let p = positional(vm, "__getitem__", args, kw, 2, 2)?;
    vm.getitem(&p[0], &p[1])
}

fn dict_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    this(vm, args, "__len__")?;
    positional(vm, "__len__", args, kw, 1, 1)?;
    Ok(Value::Int(vm.len_of(&args[0])? as i64))
}

/// `dict.fromkeys(iterable, value=None)` (bound to the class).
fn dict_fromkeys<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    if !kw.is_empty() {
        return Err(vm.new_type_error("fromkeys() takes no keyword arguments"));
    }
    let p = match args.len() {
        2 | 3 => args,
        n if n < 2 => {
            return Err(vm.new_type_error(&format!(
                "fromkeys expected at least 1 argument, got {}",
                n.saturating_sub(1)
            )))
        }
        n => {
            return Err(
                vm.new_type_error(&format!("fromkeys expected at most 2 arguments, got {}", n - 1))
            )
        }
    };
    let value = p.get(2).cloned().unwrap_or(Value::None);
    let is_dict = p[0].obj().is_some_and(|c| c.is(&vm.types().dict));
    let d = if is_dict { Value::new_dict(DictTable::new()) } else { vm.call(&p[0], &[], &[])? };
    let it = vm.get_iter(&p[1])?;
    while let Some(k) = vm.iter_next(&it)? {
        vm.setitem(&d, k, value.clone())?;
    }
    Ok(d)
}

fn dict_view<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
    kind: u8,
) -> PyResult<M> {
    let name = ["keys", "values", "items"][kind as usize];
    let d = this(vm, args, name)?;
    positional(vm, name, args, kw, 1, 1)?;
    Ok(Value::Obj(ObjRef::new(Payload::DictView(DictViewObj { dict: d, kind }))))
}
fn dict_keys<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    dict_view(vm, args, kw, 0)
}
fn dict_values<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    dict_view(vm, args, kw, 1)
}
fn dict_items<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    dict_view(vm, args, kw, 2)
}

// ----- set operations of keys/items views -----

fn view_kind<M: ExecutionModel>(v: &Value<M>) -> Option<u8> {
    match v.payload() {
        Some(Payload::DictView(dv)) => Some(dv.kind),
        _ => None,
    }
}

/// `dictviews_to_set`: a keys view goes through its dict (CPython's fast path), others are iterated.
fn view_to_set<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> PyResult<M> {
    let src = match v.payload() {
        Some(Payload::DictView(dv)) if dv.kind == 0 => Value::Obj(dv.dict.clone()),
        _ => v.clone(),
    };
    crate::types::set::make_new_set(vm, false, Some(&src))
}

/// Membership in a keys or items view.
fn view_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    view: &Value<M>,
    item: &Value<M>,
) -> Result<bool, PyErr<M>> {
    let Some(Payload::DictView(dv)) = view.payload() else { return vm.contains(view, item) };
    let d = dv.dict.clone();
    if dv.kind == 0 {
        return vm.table_contains(&d, item);
    }
    let Some(kv) = item.as_tuple().filter(|t| t.len() == 2).map(|t| t.to_vec()) else {
        return Ok(false);
    };
    match vm.dict_get_key(&d, &kv[0])? {
        Some(v) => Ok(v.is(&kv[1]) || vm.eq(&v, &kv[1])?),
        None => Ok(false),
    }
}

/// `_PyDictView_Intersect`.
fn view_intersect<M: ExecutionModel>(vm: &mut Vm<M>, a: &Value<M>, b: &Value<M>) -> PyResult<M> {
    let (mut this, mut other) =
        if view_kind(a).is_some() { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let len_self = vm.len_of(&this)?;
    if matches!(other.payload(), Some(Payload::Set(s)) if !s.frozen)
        && len_self <= vm.len_of(&other)?
    {
        return crate::types::set::intersection(vm, &other, &this);
    }
    if view_kind(&other).is_some_and(|k| k != 1) && vm.len_of(&other)? > len_self {
        std::mem::swap(&mut this, &mut other);
    }
    let result = vm.new_set(vec![], false)?;
    let it = vm.get_iter(&other)?;
    while let Some(k) = vm.iter_next(&it)? {
        if view_contains(vm, &this, &k)? {
            vm.set_add(&result, k)?;
        }
    }
    Ok(result)
}

/// `|`, `&`, `-`, `^` with a keys or items view on either side; the result is a set.
pub fn view_binary<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: BinaryOpArg,
    a: &Value<M>,
    b: &Value<M>,
) -> Result<Option<Value<M>>, PyErr<M>> {
    if op == BinaryOpArg::And {
        return view_intersect(vm, a, b).map(Some);
    }
    let result = view_to_set(vm, a)?;
    match op {
        BinaryOpArg::Or => crate::types::set::update_internal(vm, &result, b)?,
        BinaryOpArg::Subtract => crate::types::set::difference_update(vm, &result, b)?,
        _ => crate::types::set::symmetric_difference_update(vm, &result, b)?,
    }
    Ok(Some(result))
}

fn all_contained_in<M: ExecutionModel>(
    vm: &mut Vm<M>,
    x: &Value<M>,
    y: &Value<M>,
) -> Result<bool, PyErr<M>> {
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.iter_next(&it)? {
        let inside =
            if view_kind(y).is_some() { view_contains(vm, y, &v)? } else { vm.contains(y, &v)? };
        if !inside {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `dictview_richcompare`: keys/items views compare like sets with sets and other views.
pub fn view_compare<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: CompareOpArg,
    a: &Value<M>,
    b: &Value<M>,
) -> Result<Option<bool>, PyErr<M>> {
    let setlike = |v: &Value<M>| {
        matches!(v.payload(), Some(Payload::Set(_))) || view_kind(v).is_some_and(|k| k != 1)
    };
    if !setlike(a) || !setlike(b) {
        return Ok(None);
    }
    let (la, lb) = (vm.len_of(a)?, vm.len_of(b)?);
    Ok(Some(match op {
        CompareOpArg::Eq => la == lb && all_contained_in(vm, a, b)?,
        CompareOpArg::Ne => !(la == lb && all_contained_in(vm, a, b)?),
        CompareOpArg::Lt => la < lb && all_contained_in(vm, a, b)?,
        CompareOpArg::Le => la <= lb && all_contained_in(vm, a, b)?,
        CompareOpArg::Gt => la > lb && all_contained_in(vm, b, a)?,
        CompareOpArg::Ge => la >= lb && all_contained_in(vm, b, a)?,
    }))
}

fn view_isdisjoint<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let p = positional(vm, "isdisjoint", args, kw, 2, 2)?;
    let it = vm.get_iter(&p[1])?;
    while let Some(v) = vm.iter_next(&it)? {
        if view_contains(vm, &p[0], &v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
