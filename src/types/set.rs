//! `set` and `frozenset`: methods and operators following CPython's `setobject.c` step by step (so results come out in CPython's order).

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg};
use crate::object::{DictTable, ObjRef, Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::types::args::{install as install_methods, positional};
use crate::vm::Vm;

type Native<M> = crate::object::NativeFn<M>;
type R<T, M> = Result<T, PyErr<M>>;

/// Install the methods of `set` and `frozenset`.
pub fn install<M: ExecutionModel>(vm: &mut Vm<M>) {
    let shared: &[(&'static str, Native<M>)] = &[
        ("copy", m_copy),
        ("union", m_union),
        ("intersection", m_intersection),
        ("difference", m_difference),
        ("symmetric_difference", m_symmetric_difference),
        ("issubset", m_issubset),
        ("issuperset", m_issuperset),
        ("isdisjoint", m_isdisjoint),
        ("__contains__", m_contains),
        ("__len__", m_len),
    ];
    let mutating: &[(&'static str, Native<M>)] = &[
        ("add", m_add),
        ("discard", m_discard),
        ("remove", m_remove),
        ("pop", m_pop),
        ("clear", m_clear),
        ("update", m_update),
        ("intersection_update", m_intersection_update),
        ("difference_update", m_difference_update),
        ("symmetric_difference_update", m_symmetric_difference_update),
    ];
    let set = vm.interp().types().set.clone();
    let frozenset = vm.interp().types().frozenset.clone();
    install_methods(vm, &set, "set", shared);
    install_methods(vm, &set, "set", mutating);
    install_methods(vm, &frozenset, "frozenset", shared);
}

// ----- primitives over set objects (each lookup may run __eq__ outside the lock) -----

fn is_set<M: ExecutionModel>(v: &Value<M>) -> bool {
    matches!(v.payload(), Some(Payload::Set(_)))
}

fn is_frozen<M: ExecutionModel>(v: &Value<M>) -> bool {
    matches!(v.payload(), Some(Payload::Set(s)) if s.frozen)
}

fn table<M: ExecutionModel>(o: &ObjRef<M>) -> Option<&crate::object::Guarded<M, DictTable<M>>> {
    match o.payload() {
        Payload::Set(s) => Some(&s.table),
        Payload::Dict(d) => Some(d),
        _ => None,
    }
}

fn set_len<M: ExecutionModel>(v: &Value<M>) -> usize {
    v.obj().and_then(table).map_or(0, |t| t.with(|t| t.len()))
}

/// `(hash, key)` pairs of a set (slot order) or dict (insertion order).
fn hashed<M: ExecutionModel>(v: &Value<M>) -> Vec<(i64, Value<M>)> {
    v.obj().and_then(table).map_or_else(Vec::new, |t| t.with(|t| t.hashed_keys()))
}

fn contains_h<M: ExecutionModel>(
    vm: &mut Vm<M>,
    s: &Value<M>,
    hash: i64,
    key: &Value<M>,
) -> R<bool, M> {
    let Some(t) = s.obj().and_then(table) else { return Ok(false) };
    Ok(vm.table_find(t, hash, key)?.is_some())
}

fn add_h<M: ExecutionModel>(vm: &mut Vm<M>, s: &Value<M>, hash: i64, key: Value<M>) -> R<(), M> {
    let Some(t) = s.obj().and_then(table) else { return Ok(()) };
    let duplicate = vm.table_find_then(t, hash, key, |t, slot, k| match slot {
        Some(_) => Some(k),
        None => {
            t.insert_new(hash, k, Value::None);
            None
        }
    })?;
    drop(duplicate);
    Ok(())
}

/// Remove a key; true when it was present.
fn discard_h<M: ExecutionModel>(
    vm: &mut Vm<M>,
    s: &Value<M>,
    hash: i64,
    key: &Value<M>,
) -> R<bool, M> {
    let Some(t) = s.obj().and_then(table) else { return Ok(false) };
    let (old, k) = vm.table_find_then(t, hash, key.clone(), |t, slot, k| {
        (slot.and_then(|i| t.remove_at(i)), k)
    })?;
    drop(k);
    Ok(old.is_some())
}

/// The hash of a set element; an unhashable `set` key is looked up as a frozenset (as CPython).
fn key_hash<M: ExecutionModel>(vm: &mut Vm<M>, key: &Value<M>) -> R<(i64, Value<M>), M> {
    match vm.hash(key) {
        Ok(h) => Ok((h, key.clone())),
        Err(e) if is_set(key) && !is_frozen(key) => {
            let _ = e;
            let f = make_new_set(vm, true, Some(key))?;
            Ok((vm.hash(&f)?, f))
        }
        Err(e) => Err(e),
    }
}

fn clear<M: ExecutionModel>(s: &Value<M>) {
    if let Some(t) = s.obj().and_then(table) {
        let old = t.with(|t| t.take_all());
        drop(old);
    }
}

/// `set_update_internal`.
pub(crate) fn update_internal<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    other: &Value<M>,
) -> R<(), M> {
    let Some(st) = so.obj().and_then(table) else { return Ok(()) };
    match other.payload() {
        Some(Payload::Set(os)) => {
            if so.is(other) {
                return Ok(());
            }
            let copy = os.table.with(|t| t.set_raw_copy());
            if copy.is_empty() {
                return Ok(());
            }
            let n = copy.len();
            if st.with(|t| t.set_merge_into_empty(&copy)) {
                return Ok(());
            }
            st.with(|t| t.set_presize(n));
            for (h, k) in copy.hashed_keys() {
                add_h(vm, so, h, k)?;
            }
            Ok(())
        }
        Some(Payload::Dict(d)) => {
            let items = d.with(|t| t.hashed_keys());
            st.with(|t| t.set_presize(items.len()));
            for (h, k) in items {
                add_h(vm, so, h, k)?;
            }
            Ok(())
        }
        _ => {
            let it = vm.get_iter(other)?;
            while let Some(k) = vm.iter_next(&it)? {
                let h = vm.hash(&k)?;
                add_h(vm, so, h, k)?;
            }
            Ok(())
        }
    }
}

/// `make_new_set`: a new set or frozenset filled from an iterable.
pub fn make_new_set<M: ExecutionModel>(
    vm: &mut Vm<M>,
    frozen: bool,
    iterable: Option<&Value<M>>,
) -> PyResult<M> {
    let s = vm.new_set(vec![], frozen)?;
    if let Some(it) = iterable {
        update_internal(vm, &s, it)?;
    }
    Ok(s)
}

fn is_constant_value<M: ExecutionModel>(v: &Value<M>) -> bool {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::Obj(o) => match o.payload() {
            Payload::Str(_) | Payload::BigInt(_) | Payload::Bytes(_) | Payload::Ellipsis => true,
            Payload::Tuple(t) => t.iter().all(is_constant_value),
            _ => false,
        },
        Value::Null => false,
    }
}

/// Whether a `BUILD_SET` of these items looks like a display of more than two literals.
///
/// CPython compiles such a display to `BUILD_SET 0; LOAD_CONST frozenset(...); SET_UPDATE`, which
/// gives the set a different table size (and order) than adding the items one by one. Our
/// compiler emits `BUILD_SET n`, so the VM rebuilds CPython's layout when every item is a
/// literal-like value. (A display of more than two *computed* literal-like values is laid out
/// the same way, which is the one case this differs from CPython; a `Constant::FrozenSet` in
/// the compiler would make it exact.)
pub fn is_constant_display<M: ExecutionModel>(items: &[Value<M>]) -> bool {
    items.len() > 2 && items.iter().all(is_constant_value)
}

/// Fill the empty set `s` as CPython's constant display does: a frozenset of the items, merged in.
pub fn fill_like_constant_display<M: ExecutionModel>(
    vm: &mut Vm<M>,
    s: Value<M>,
    items: Vec<Value<M>>,
) -> PyResult<M> {
    // The compiler builds the frozenset from the items, then rebuilds it from its own iteration
    // order when merging constants (`merge_consts_recursive`).
    let first = vm.new_set(vec![], true)?;
    for k in items {
        let h = vm.hash(&k)?;
        add_h(vm, &first, h, k)?;
    }
    let f = vm.new_set(vec![], true)?;
    for (h, k) in hashed(&first) {
        add_h(vm, &f, h, k)?;
    }
    update_internal(vm, &s, &f)?;
    Ok(s)
}

/// `set(iterable)` / `frozenset(iterable)` constructor (class first).
pub fn construct<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let frozen = args[0].obj().is_some_and(|c| c.is(&vm.types().frozenset));
    let name = if frozen { "frozenset" } else { "set" };
    if !kw.is_empty() {
        return Err(vm.new_type_error(&format!("{name}() takes no keyword arguments")));
    }
    let pos = &args[1..];
    if pos.len() > 1 {
        return Err(
            vm.new_type_error(&format!("{name} expected at most 1 argument, got {}", pos.len()))
        );
    }
    if frozen && pos.first().is_some_and(is_frozen) {
        return Ok(pos[0].clone());
    }
    make_new_set(vm, frozen, pos.first())
}

fn copy<M: ExecutionModel>(vm: &mut Vm<M>, so: &Value<M>) -> PyResult<M> {
    make_new_set(vm, is_frozen(so), Some(so))
}

/// `set_intersection`.
pub(crate) fn intersection<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    other: &Value<M>,
) -> PyResult<M> {
    if so.is(other) {
        return copy(vm, so);
    }
    let result = vm.new_set(vec![], is_frozen(so))?;
    if is_set(other) {
        let (big, small) = if set_len(other) > set_len(so) { (other, so) } else { (so, other) };
        for (h, k) in hashed(small) {
            if contains_h(vm, big, h, &k)? {
                add_h(vm, &result, h, k)?;
            }
        }
        return Ok(result);
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.iter_next(&it)? {
        let h = vm.hash(&k)?;
        if contains_h(vm, so, h, &k)? {
            add_h(vm, &result, h, k)?;
            if set_len(&result) >= set_len(so) {
                break;
            }
        }
    }
    Ok(result)
}

/// `set_difference_update_internal`.
pub(crate) fn difference_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    other: &Value<M>,
) -> R<(), M> {
    if so.is(other) {
        clear(so);
        return Ok(());
    }
    if is_set(other) {
        let other = if (set_len(other) >> 3) > set_len(so) {
            intersection(vm, so, other)?
        } else {
            other.clone()
        };
        for (h, k) in hashed(&other) {
            discard_h(vm, so, h, &k)?;
        }
    } else {
        let it = vm.get_iter(other)?;
        while let Some(k) = vm.iter_next(&it)? {
            let (h, k) = key_hash(vm, &k)?;
            discard_h(vm, so, h, &k)?;
        }
    }
    if let Some(t) = so.obj().and_then(table) {
        t.with(|t| t.set_purge_dummies());
    }
    Ok(())
}

/// `set_difference`.
fn difference<M: ExecutionModel>(vm: &mut Vm<M>, so: &Value<M>, other: &Value<M>) -> PyResult<M> {
    let other_size = match other.payload() {
        Some(Payload::Set(_)) | Some(Payload::Dict(_)) => set_len(other),
        _ => usize::MAX,
    };
    if other_size == usize::MAX || (set_len(so) >> 2) > other_size {
        let result = copy(vm, so)?;
        difference_update(vm, &result, other)?;
        return Ok(result);
    }
    let result = vm.new_set(vec![], is_frozen(so))?;
    for (h, k) in hashed(so) {
        if !contains_h(vm, other, h, &k)? {
            add_h(vm, &result, h, k)?;
        }
    }
    Ok(result)
}

/// `set_symmetric_difference_update`.
pub(crate) fn symmetric_difference_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    other: &Value<M>,
) -> R<(), M> {
    if so.is(other) {
        clear(so);
        return Ok(());
    }
    let otherset = match other.payload() {
        Some(Payload::Set(_)) | Some(Payload::Dict(_)) => other.clone(),
        _ => make_new_set(vm, is_frozen(so), Some(other))?,
    };
    for (h, k) in hashed(&otherset) {
        if !discard_h(vm, so, h, &k)? {
            add_h(vm, so, h, k)?;
        }
    }
    Ok(())
}

fn symmetric_difference<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    other: &Value<M>,
) -> PyResult<M> {
    let result = make_new_set(vm, is_frozen(so), Some(other))?;
    symmetric_difference_update(vm, &result, so)?;
    Ok(result)
}

/// Replace `so`'s contents by `tmp`'s (`set_swap_bodies` for the in-place forms).
fn take_body<M: ExecutionModel>(so: &Value<M>, tmp: &Value<M>) {
    let (Some(a), Some(b)) = (so.obj().and_then(table), tmp.obj().and_then(table)) else { return };
    let body = b.with(std::mem::take);
    let old = a.with(|t| std::mem::replace(t, body));
    drop(old);
}

fn issubset<M: ExecutionModel>(vm: &mut Vm<M>, so: &Value<M>, other: &Value<M>) -> R<bool, M> {
    if !is_set(other) {
        let tmp = intersection(vm, so, other)?;
        return Ok(set_len(&tmp) == set_len(so));
    }
    if set_len(so) > set_len(other) {
        return Ok(false);
    }
    for (h, k) in hashed(so) {
        if !contains_h(vm, other, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issuperset<M: ExecutionModel>(vm: &mut Vm<M>, so: &Value<M>, other: &Value<M>) -> R<bool, M> {
    if is_set(other) {
        return issubset(vm, other, so);
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.iter_next(&it)? {
        let (h, k) = key_hash(vm, &k)?;
        if !contains_h(vm, so, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn isdisjoint<M: ExecutionModel>(vm: &mut Vm<M>, so: &Value<M>, other: &Value<M>) -> R<bool, M> {
    if so.is(other) {
        return Ok(set_len(so) == 0);
    }
    if is_set(other) {
        let (big, small) = if set_len(other) > set_len(so) { (other, so) } else { (so, other) };
        for (h, k) in hashed(small) {
            if contains_h(vm, big, h, &k)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.iter_next(&it)? {
        let (h, k) = key_hash(vm, &k)?;
        if contains_h(vm, so, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `set_richcompare` for two sets.
pub fn compare<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: CompareOpArg,
    v: &Value<M>,
    w: &Value<M>,
) -> R<bool, M> {
    let (lv, lw) = (set_len(v), set_len(w));
    Ok(match op {
        CompareOpArg::Eq => lv == lw && issubset(vm, v, w)?,
        CompareOpArg::Ne => !(lv == lw && issubset(vm, v, w)?),
        CompareOpArg::Le => issubset(vm, v, w)?,
        CompareOpArg::Ge => issuperset(vm, v, w)?,
        CompareOpArg::Lt => lv < lw && issubset(vm, v, w)?,
        CompareOpArg::Gt => lv > lw && issuperset(vm, v, w)?,
    })
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` (and the in-place forms) when both operands are sets.
pub fn binary<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: BinaryOpArg,
    a: &Value<M>,
    b: &Value<M>,
    inplace: bool,
) -> R<Option<Value<M>>, M> {
    if !is_set(a) || !is_set(b) {
        return Ok(None);
    }
    let inplace = inplace && !is_frozen(a);
    Ok(Some(match (op, inplace) {
        (BinaryOpArg::Or, false) => {
            let r = copy(vm, a)?;
            update_internal(vm, &r, b)?;
            r
        }
        (BinaryOpArg::Or, true) => {
            update_internal(vm, a, b)?;
            a.clone()
        }
        (BinaryOpArg::And, false) => intersection(vm, a, b)?,
        (BinaryOpArg::And, true) => {
            let tmp = intersection(vm, a, b)?;
            take_body(a, &tmp);
            a.clone()
        }
        (BinaryOpArg::Subtract, false) => difference(vm, a, b)?,
        (BinaryOpArg::Subtract, true) => {
            difference_update(vm, a, b)?;
            a.clone()
        }
        (BinaryOpArg::Xor, false) => symmetric_difference(vm, a, b)?,
        (BinaryOpArg::Xor, true) => {
            symmetric_difference_update(vm, a, b)?;
            a.clone()
        }
        _ => return Ok(None),
    }))
}

// ----- methods -----

fn this<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    name: &str,
) -> R<&'a Value<M>, M> {
    match args.first() {
        Some(v) if is_set(v) => Ok(v),
        Some(v) => {
            let tn = vm.type_name(v);
            Err(vm.new_type_error(&format!(
                "descriptor '{name}' for 'set' objects doesn't apply to a '{tn}' object"
            )))
        }
        None => Err(vm.new_type_error(&format!("unbound method set.{name}() needs an argument"))),
    }
}

fn method_name<M: ExecutionModel>(so: &Value<M>, name: &str) -> String {
    format!("{}.{name}", if is_frozen(so) { "frozenset" } else { "set" })
}

fn one_arg<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<(&'a Value<M>, &'a Value<M>), M> {
    let so = this(vm, args, name)?;
    let full = method_name(so, name);
    let p = positional(vm, &full, args, kw, 2, 2).map_err(|_| {
        vm.new_type_error(&format!(
            "{full}() takes exactly one argument ({} given)",
            args.len() - 1
        ))
    })?;
    Ok((&p[0], &p[1]))
}

fn varargs<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<(&'a Value<M>, &'a [Value<M>]), M> {
    let so = this(vm, args, name)?;
    if !kw.is_empty() {
        let full = method_name(so, name);
        return Err(vm.new_type_error(&format!("{full}() takes no keyword arguments")));
    }
    Ok((&args[0], &args[1..]))
}

fn no_args<'a, M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &'a [Value<M>],
    kw: &[Value<M>],
    name: &str,
) -> R<&'a Value<M>, M> {
    let so = this(vm, args, name)?;
    if args.len() != 1 || !kw.is_empty() {
        let full = method_name(so, name);
        return Err(
            vm.new_type_error(&format!("{full}() takes no arguments ({} given)", args.len() - 1))
        );
    }
    Ok(so)
}

fn m_add<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (so, k) = one_arg(vm, args, kw, "add")?;
    let h = vm.hash(k)?;
    add_h(vm, so, h, k.clone())?;
    Ok(Value::None)
}

fn m_discard<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (so, k) = one_arg(vm, args, kw, "discard")?;
    let (h, k) = key_hash(vm, k)?;
    discard_h(vm, so, h, &k)?;
    Ok(Value::None)
}

fn m_remove<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (so, key) = one_arg(vm, args, kw, "remove")?;
    let (h, k) = key_hash(vm, key)?;
    if !discard_h(vm, so, h, &k)? {
        return Err(vm.new_key_error(key.clone()));
    }
    Ok(Value::None)
}

fn m_pop<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let so = no_args(vm, args, kw, "pop")?;
    let e = so.obj().and_then(table).and_then(|t| t.with(|t| t.set_pop()));
    match e {
        Some(e) => Ok(e.key),
        None => {
            let ke = vm.types().key_error.clone();
            Err(vm.new_error(&ke, "pop from an empty set"))
        }
    }
}

fn m_clear<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let so = no_args(vm, args, kw, "clear")?;
    clear(so);
    Ok(Value::None)
}

fn m_copy<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let so = no_args(vm, args, kw, "copy")?;
    if is_frozen(so) {
        return Ok(so.clone());
    }
    copy(vm, so)
}

fn m_len<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let so = no_args(vm, args, kw, "__len__")?;
    Ok(Value::Int(set_len(so) as i64))
}

fn m_contains<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, k) = one_arg(vm, args, kw, "__contains__")?;
    let (h, k) = key_hash(vm, k)?;
    Ok(Value::Bool(contains_h(vm, so, h, &k)?))
}

fn m_update<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "update")?;
    for o in others {
        update_internal(vm, so, o)?;
    }
    Ok(Value::None)
}

fn m_union<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "union")?;
    let r = copy(vm, so)?;
    for o in others {
        if !o.is(so) {
            update_internal(vm, &r, o)?;
        }
    }
    Ok(r)
}

fn intersection_multi<M: ExecutionModel>(
    vm: &mut Vm<M>,
    so: &Value<M>,
    others: &[Value<M>],
) -> PyResult<M> {
    if others.is_empty() {
        return copy(vm, so);
    }
    let mut r = so.clone();
    for o in others {
        r = intersection(vm, &r, o)?;
    }
    Ok(r)
}

fn m_intersection<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "intersection")?;
    intersection_multi(vm, so, others)
}

fn m_intersection_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "intersection_update")?;
    let tmp = intersection_multi(vm, so, others)?;
    if !tmp.is(so) {
        take_body(so, &tmp);
    }
    Ok(Value::None)
}

fn m_difference<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "difference")?;
    let Some((first, rest)) = others.split_first() else { return copy(vm, so) };
    let r = difference(vm, so, first)?;
    for o in rest {
        difference_update(vm, &r, o)?;
    }
    Ok(r)
}

fn m_difference_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, others) = varargs(vm, args, kw, "difference_update")?;
    for o in others {
        difference_update(vm, so, o)?;
    }
    Ok(Value::None)
}

fn m_symmetric_difference<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, o) = one_arg(vm, args, kw, "symmetric_difference")?;
    symmetric_difference(vm, so, o)
}

fn m_symmetric_difference_update<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, o) = one_arg(vm, args, kw, "symmetric_difference_update")?;
    symmetric_difference_update(vm, so, o)?;
    Ok(Value::None)
}

fn m_issubset<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, o) = one_arg(vm, args, kw, "issubset")?;
    Ok(Value::Bool(issubset(vm, so, o)?))
}

fn m_issuperset<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, o) = one_arg(vm, args, kw, "issuperset")?;
    Ok(Value::Bool(issuperset(vm, so, o)?))
}

fn m_isdisjoint<M: ExecutionModel>(
    vm: &mut Vm<M>,
    args: &[Value<M>],
    kw: &[Value<M>],
) -> PyResult<M> {
    let (so, o) = one_arg(vm, args, kw, "isdisjoint")?;
    Ok(Value::Bool(isdisjoint(vm, so, o)?))
}
