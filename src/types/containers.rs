//! Container protocols: subscripts and slices of str/list/tuple/dict/range, comparisons, set algebra.

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg};
use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

/// Resolve slice bounds for a sequence of `len` (CPython's `PySlice_AdjustIndices`).
pub fn slice_indices<M: ExecutionModel>(
    vm: &mut Vm<M>,
    s: &[Value<M>; 3],
    len: i64,
) -> Result<(i64, i64, i64), PyErr<M>> {
    let (start, stop, step) = slice_unpack(vm, s)?;
    Ok(slice_adjust(start, stop, step, len))
}

/// A slice's bounds as integers (`None` where omitted) and its step, with CPython's errors
/// (`PySlice_Unpack`). Separate from [`slice_adjust`] so that a mutable container can clamp
/// them to its length inside its lock, where the length cannot change any more.
pub fn slice_unpack<M: ExecutionModel>(
    vm: &mut Vm<M>,
    s: &[Value<M>; 3],
) -> Result<(Option<i64>, Option<i64>, i64), PyErr<M>> {
    // An int beyond i64 is clamped, as CPython clamps to Py_ssize_t; `__index__` is honoured.
    let mut bound = |v: &Value<M>| -> Result<Option<i64>, PyErr<M>> {
        if v.is_none() {
            return Ok(None);
        }
        match vm.index_or_overflow(v)? {
            Some(Ok(i)) => Ok(Some(i)),
            Some(Err(positive)) => Ok(Some(if positive { i64::MAX } else { -i64::MAX })),
            None => Err(vm.new_type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = bound(&s[2])?.unwrap_or(1).max(-i64::MAX);
    if step == 0 {
        return Err(vm.new_value_error("slice step cannot be zero"));
    }
    Ok((bound(&s[0])?, bound(&s[1])?, step))
}

/// Clamp unpacked slice bounds to a sequence of `len` items (`PySlice_AdjustIndices`).
pub fn slice_adjust(start: Option<i64>, stop: Option<i64>, step: i64, len: i64) -> (i64, i64, i64) {
    let norm = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(i) if i < 0 => {
            let j = i.saturating_add(len);
            if j < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                j
            }
        }
        Some(i) if i >= len => {
            if step < 0 {
                len - 1
            } else {
                len
            }
        }
        Some(i) => i,
    };
    let (ds, de) = if step < 0 { (len - 1, -1) } else { (0, len) };
    (norm(start, ds), norm(stop, de), step)
}

fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        match i.checked_add(step) {
            Some(next) => i = next,
            None => break,
        }
    }
    out
}

impl<M: ExecutionModel> Vm<M> {
    /// `operator.index(v)` as an i64: `Some(Err(positive))` for an int beyond i64, `None` when
    /// `v` has no `__index__`.
    pub fn index_or_overflow(
        &mut self,
        v: &Value<M>,
    ) -> Result<Option<Result<i64, bool>>, PyErr<M>> {
        fn big<M: ExecutionModel>(v: &Value<M>) -> Option<bool> {
            match v.payload() {
                Some(Payload::BigInt(b)) => Some(b.sign() != num_bigint::Sign::Minus),
                _ => None,
            }
        }
        if let Some(i) = self.as_index(v) {
            return Ok(Some(Ok(i)));
        }
        if let Some(positive) = big(v) {
            return Ok(Some(Err(positive)));
        }
        if !matches!(v, Value::Obj(_)) {
            return Ok(None);
        }
        let Some(r) = self.call_special(v, "__index__", &[])? else { return Ok(None) };
        if let Some(i) = self.as_index(&r) {
            return Ok(Some(Ok(i)));
        }
        if let Some(positive) = big(&r) {
            return Ok(Some(Err(positive)));
        }
        let tn = self.type_name(&r);
        Err(self.new_type_error(&format!("__index__ returned non-int (type {tn})")))
    }

    fn seq_index(&mut self, key: &Value<M>, len: usize, what: &str) -> Result<usize, PyErr<M>> {
        let i = match self.index_or_overflow(key)? {
            Some(Ok(i)) => i,
            Some(Err(_)) if what == "range object" => {
                return Err(self.new_index_error("range object index out of range"))
            }
            Some(Err(_)) => {
                return Err(self.new_index_error("cannot fit 'int' into an index-sized integer"))
            }
            None => {
                let tn = self.type_name(key);
                return Err(self.new_type_error(&match what {
                    "string" => format!("string indices must be integers, not '{tn}'"),
                    "bytes" => format!("byte indices must be integers or slices, not {tn}"),
                    "range object" => format!("range indices must be integers or slices, not {tn}"),
                    _ => format!("{what} indices must be integers or slices, not {tn}"),
                }));
            }
        };
        let j = if i < 0 { i.saturating_add(len as i64) } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.new_index_error(&match what {
                "bytes" => "index out of range".to_string(),
                _ => format!("{what} index out of range"),
            }));
        }
        Ok(j as usize)
    }

    /// `obj[key]`.
    pub fn getitem(&mut self, obj: &Value<M>, key: &Value<M>) -> PyResult<M> {
        let slice = match key.payload() {
            Some(Payload::Slice(s)) => Some((**s).clone()),
            _ => None,
        };
        match obj.payload() {
            Some(Payload::List(l)) => {
                // Only the items asked for are copied out (never the whole list), and bounds are
                // resolved inside the list's lock, where its length cannot change any more.
                if let Some(s) = slice {
                    let (start, stop, step) = slice_unpack(self, &s)?;
                    let items = l.with(|v| {
                        let (a, b, c) = slice_adjust(start, stop, step, v.len() as i64);
                        slice_positions(a, b, c)
                            .into_iter()
                            .map(|i| v[i].clone())
                            .collect::<Vec<_>>()
                    });
                    return Ok(Value::new_list(items));
                }
                let item = match self.as_index(key) {
                    Some(i) if let Some(item) = l.get_optimistic(i) => item,
                    Some(i) => l.with(|v| {
                        let j = if i < 0 { i.saturating_add(v.len() as i64) } else { i };
                        if j >= 0 && (j as usize) < v.len() {
                            Some(v[j as usize].new_ref_with_lock())
                        } else {
                            None
                        }
                    }),
                    None => {
                        // `__index__` runs Python: resolve it outside the lock, then re-check the bound.
                        let len = l.with(|v| v.len());
                        let i = self.seq_index(key, len, "list")?;
                        l.with(|v| v.get(i).cloned())
                    }
                };
                item.ok_or_else(|| self.new_index_error("list index out of range"))
            }
            Some(Payload::Tuple(t)) => {
                if let Some(s) = slice {
                    let (a, b, c) = slice_indices(self, &s, t.len() as i64)?;
                    return Ok(Value::new_tuple(
                        slice_positions(a, b, c).into_iter().map(|i| t[i].clone()).collect(),
                    ));
                }
                let i = self.seq_index(key, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            Some(Payload::Str(st)) if slice.is_none() && st.is_ascii() => {
                // ASCII: one byte per character, so an index needs no walk over the string.
                let i = self.seq_index(key, st.char_len(), "string")?;
                Ok(Value::new_str(st.as_str()[i..i + 1].to_string()))
            }
            Some(Payload::Str(st)) => {
                let chars: Vec<char> = st.as_str().chars().collect();
                if let Some(s) = slice {
                    let (a, b, c) = slice_indices(self, &s, chars.len() as i64)?;
                    return Ok(Value::new_str(
                        slice_positions(a, b, c).into_iter().map(|i| chars[i]).collect::<String>(),
                    ));
                }
                let i = self.seq_index(key, chars.len(), "string")?;
                Ok(Value::new_str(chars[i].to_string()))
            }
            Some(Payload::Bytes(bt)) => {
                if let Some(s) = slice {
                    let (a, b, c) = slice_indices(self, &s, bt.len() as i64)?;
                    let v: Vec<u8> = slice_positions(a, b, c).into_iter().map(|i| bt[i]).collect();
                    return Ok(Value::Obj(crate::object::ObjRef::new(Payload::Bytes(
                        v.into_boxed_slice(),
                    ))));
                }
                let i = self.seq_index(key, bt.len(), "bytes")?;
                Ok(Value::Int(bt[i] as i64))
            }
            Some(Payload::Range(r)) => {
                let r = *r;
                if let Some(s) = slice {
                    let (a, b, c) = slice_indices(self, &s, r.len())?;
                    return Ok(Value::Obj(crate::object::ObjRef::new(Payload::Range(
                        crate::object::RangeObj {
                            start: r.get(a),
                            stop: r.get(b),
                            step: r.step * c,
                        },
                    ))));
                }
                let i = self.seq_index(key, r.len() as usize, "range object")?;
                Ok(Value::Int(r.get(i as i64)))
            }
            Some(Payload::Dict(_)) => {
                // A borrow, not a new reference: a dict that threads share sees no count traffic.
                let Some(d) = obj.obj() else { unreachable!("a dict payload is an object") };
                match self.dict_get_key(d, key)? {
                    Some(v) => Ok(v),
                    None => Err(self.new_key_error(key.clone())),
                }
            }
            Some(Payload::Class(_)) if self.getattr_opt(obj, "__class_getitem__")?.is_some() => {
                let f = self.getattr_opt(obj, "__class_getitem__")?.unwrap();
                // `__class_getitem__` is an implicit classmethod, as in CPython.
                if matches!(f.payload(), Some(Payload::Function(_))) {
                    return self.call(&f, &[obj.clone(), key.clone()], &[]);
                }
                self.call(&f, std::slice::from_ref(key), &[])
            }
            // `list[int]` and friends in annotations: the builtin generic types answer
            // themselves (CPython's `types.GenericAlias` is not modelled).
            Some(Payload::Class(_))
                if {
                    let t = &self.interp().types();
                    [&t.list, &t.dict, &t.tuple, &t.set, &t.frozenset, &t.type_]
                        .iter()
                        .any(|c| obj.obj().is_some_and(|o| o.is(c)))
                } =>
            {
                Ok(obj.clone())
            }
            _ => match self.call_special(obj, "__getitem__", std::slice::from_ref(key))? {
                Some(v) => Ok(v),
                None => {
                    let tn = self.type_name(obj);
                    Err(self.new_type_error(&format!("'{tn}' object is not subscriptable")))
                }
            },
        }
    }

    /// `obj[key] = value`.
    pub fn setitem(
        &mut self,
        obj: &Value<M>,
        key: Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        match obj.payload() {
            Some(Payload::Dict(_)) => {
                let d = obj.obj().unwrap().clone();
                self.dict_set(&d, key, value)
            }
            Some(Payload::List(l)) => {
                if let Some(Payload::Slice(s)) = key.payload() {
                    let s = (**s).clone();
                    let new_items = self.iterate_to_vec(&value)?;
                    // Bounds are clamped inside the lock: another thread may resize the list.
                    let (start, stop, step) = slice_unpack(self, &s)?;
                    let outcome = l.with(|v| {
                        let (a, b, c) = slice_adjust(start, stop, step, v.len() as i64);
                        if c == 1 {
                            let b = b.max(a);
                            return Ok(v
                                .splice(a as usize..b as usize, new_items)
                                .collect::<Vec<_>>());
                        }
                        let pos = slice_positions(a, b, c);
                        if pos.len() != new_items.len() {
                            return Err((new_items, pos.len()));
                        }
                        Ok(pos
                            .iter()
                            .zip(new_items)
                            .map(|(&i, x)| std::mem::replace(&mut v[i], x))
                            .collect())
                    });
                    return match outcome {
                        Ok(old) => {
                            drop(old);
                            Ok(())
                        }
                        Err((new_items, n)) => Err(self.new_value_error(&format!(
                            "attempt to assign sequence of size {} to extended slice of size {n}",
                            new_items.len()
                        ))),
                    };
                }
                let len = l.with(|v| v.len());
                let i = self.seq_index(&key, len, "list").map_err(|e| {
                    if self.isinstance_class(&e.exc, &self.types().index_error.clone()) {
                        self.new_index_error("list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                // The list may have shrunk since `len` was read (another thread).
                match l.with(|v| match v.get_mut(i) {
                    Some(slot) => Ok(std::mem::replace(slot, value)),
                    None => Err(value),
                }) {
                    Ok(old) => {
                        drop(old);
                        Ok(())
                    }
                    Err(value) => {
                        drop(value);
                        Err(self.new_index_error("list assignment index out of range"))
                    }
                }
            }
            _ => match self.lookup_special(obj, "__setitem__")? {
                Some(f) => {
                    self.call(&f, &[obj.clone(), key, value], &[])?;
                    Ok(())
                }
                None => {
                    let tn = self.type_name(obj);
                    Err(self
                        .new_type_error(&format!("'{tn}' object does not support item assignment")))
                }
            },
        }
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: &Value<M>, key: &Value<M>) -> Result<(), PyErr<M>> {
        match obj.payload() {
            Some(Payload::Dict(_)) => {
                let d = obj.obj().unwrap().clone();
                match self.dict_del(&d, key)? {
                    Some(_) => Ok(()),
                    None => Err(self.new_key_error(key.clone())),
                }
            }
            Some(Payload::List(l)) => {
                if let Some(Payload::Slice(s)) = key.payload() {
                    let s = (**s).clone();
                    // Bounds are clamped inside the lock: another thread may resize the list.
                    let (start, stop, step) = slice_unpack(self, &s)?;
                    let removed: Vec<Value<M>> = l.with(|v| {
                        let (a, b, c) = slice_adjust(start, stop, step, v.len() as i64);
                        if c == 1 {
                            return v.drain(a as usize..b.max(a) as usize).collect();
                        }
                        let mut pos = slice_positions(a, b, c);
                        pos.sort_unstable();
                        pos.iter().rev().map(|&i| v.remove(i)).collect()
                    });
                    drop(removed);
                    return Ok(());
                }
                let len = l.with(|v| v.len());
                let i = self
                    .seq_index(key, len, "list")
                    .map_err(|_| self.new_index_error("list assignment index out of range"))?;
                // The list may have shrunk since `len` was read (another thread).
                match l.with(|v| if i < v.len() { Some(v.remove(i)) } else { None }) {
                    Some(old) => {
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.new_index_error("list assignment index out of range")),
                }
            }
            _ => match self.lookup_special(obj, "__delitem__")? {
                Some(f) => {
                    self.call(&f, &[obj.clone(), key.clone()], &[])?;
                    Ok(())
                }
                None => {
                    let tn = self.type_name(obj);
                    Err(self
                        .new_type_error(&format!("'{tn}' object doesn't support item deletion")))
                }
            },
        }
    }
}

/// Comparisons of builtin containers and strings; `None` when not applicable.
pub fn builtin_compare<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: CompareOpArg,
    a: &Value<M>,
    b: &Value<M>,
) -> Result<Option<bool>, PyErr<M>> {
    let ord_result = |o: std::cmp::Ordering| op.holds(o);
    match (a.payload(), b.payload()) {
        (Some(Payload::Str(x)), Some(Payload::Str(y))) => {
            Ok(Some(ord_result(x.as_str().cmp(y.as_str()))))
        }
        (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => Ok(Some(ord_result(x.cmp(y)))),
        (Some(Payload::List(_)), Some(Payload::List(_)))
        | (Some(Payload::Tuple(_)), Some(Payload::Tuple(_))) => {
            let xs = vm.iterate_to_vec(a)?;
            let ys = vm.iterate_to_vec(b)?;
            for (x, y) in xs.iter().zip(ys.iter()) {
                if x.is(y) || vm.eq(x, y)? {
                    continue;
                }
                if op == CompareOpArg::Eq {
                    return Ok(Some(false));
                }
                if op == CompareOpArg::Ne {
                    return Ok(Some(true));
                }
                let r = vm.compare(op, x, y)?;
                return Ok(Some(vm.is_true(&r)?));
            }
            Ok(Some(ord_result(xs.len().cmp(&ys.len()))))
        }
        (Some(Payload::Dict(_)), Some(Payload::Dict(_)))
            if matches!(op, CompareOpArg::Eq | CompareOpArg::Ne) =>
        {
            let xs = vm.dict_items_vec(a)?;
            let yn = vm.len_of(b)?;
            let mut eq = xs.len() == yn;
            if eq {
                let bd = b.obj().unwrap().clone();
                for (k, v) in xs {
                    match vm.dict_get_key(&bd, &k)? {
                        Some(w) if v.is(&w) || vm.eq(&v, &w)? => {}
                        _ => {
                            eq = false;
                            break;
                        }
                    }
                }
            }
            Ok(Some(if op == CompareOpArg::Eq { eq } else { !eq }))
        }
        (Some(Payload::Set(_)), Some(Payload::Set(_))) => {
            Ok(Some(crate::types::set::compare(vm, op, a, b)?))
        }
        (Some(Payload::DictView(_)), _) | (_, Some(Payload::DictView(_))) => {
            crate::types::dict::view_compare(vm, op, a, b)
        }
        (Some(Payload::Range(x)), Some(Payload::Range(y)))
            if matches!(op, CompareOpArg::Eq | CompareOpArg::Ne) =>
        {
            let same = (x.is_empty() && y.is_empty())
                || (x.len() == y.len() && x.start == y.start && (x.len() == 1 || x.step == y.step));
            Ok(Some(same == (op == CompareOpArg::Eq)))
        }
        _ => Ok(None),
    }
}

/// Operators of builtin containers that need more than concatenation: list `+=`/`*=`, dict `|`/`|=`,
/// set algebra, dict-view set operations and the "can't multiply sequence" error. `None`: not handled here.
pub fn container_binary<M: ExecutionModel>(
    vm: &mut Vm<M>,
    op: BinaryOpArg,
    a: &Value<M>,
    b: &Value<M>,
    inplace: bool,
) -> Result<Option<Value<M>>, PyErr<M>> {
    let is_seq = |v: &Value<M>| {
        matches!(
            v.payload(),
            Some(Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_))
        )
    };
    let is_view = |v: &Value<M>| matches!(v.payload(), Some(Payload::DictView(dv)) if dv.kind != 1);
    match (op, a.payload(), b.payload()) {
        (BinaryOpArg::Add, Some(Payload::List(l)), _) if inplace => {
            let items = vm.iterate_to_vec(b)?;
            l.with(|v| v.extend(items));
            Ok(Some(a.clone()))
        }
        (BinaryOpArg::Add, Some(Payload::Tuple(_)), _)
            if !matches!(b.payload(), Some(Payload::Tuple(_) | Payload::Instance(_))) =>
        {
            let tn = vm.type_name(b);
            Err(vm.new_type_error(&format!("can only concatenate tuple (not \"{tn}\") to tuple")))
        }
        (BinaryOpArg::Multiply, Some(Payload::List(l)), _)
            if inplace && vm.as_index(b).is_some() =>
        {
            let n = vm.as_index(b).unwrap_or(0).max(0) as usize;
            // Built under the list's lock, as before; the old items are dropped outside it. A
            // repetition the heap cannot hold is MemoryError (see `Vm::repeat`).
            let old = l.with(|v| {
                crate::vm::ops::repeat_slice(&v[..], n).map(|new| std::mem::replace(v, new))
            });
            match old {
                Ok(old) => drop(old),
                Err(_) => return Err(vm.new_memory_error()),
            }
            Ok(Some(a.clone()))
        }
        (BinaryOpArg::Multiply, _, _)
            if is_seq(a)
                && vm.as_index(b).is_none()
                && !matches!(b.payload(), Some(Payload::Instance(_))) =>
        {
            let tn = vm.type_name(b);
            Err(vm.new_type_error(&format!("can't multiply sequence by non-int of type '{tn}'")))
        }
        (BinaryOpArg::Multiply, _, _)
            if is_seq(b) && vm.as_index(a).is_none() && vm.as_num(a).is_some() =>
        {
            let tn = vm.type_name(a);
            Err(vm.new_type_error(&format!("can't multiply sequence by non-int of type '{tn}'")))
        }
        (BinaryOpArg::Or, Some(Payload::Dict(_)), _) if inplace => {
            vm.dict_update(a, b)?;
            Ok(Some(a.clone()))
        }
        (BinaryOpArg::Or, Some(Payload::Dict(_)), Some(Payload::Dict(_))) => {
            let d = vm.dict_copy(a)?;
            vm.dict_update(&d, b)?;
            Ok(Some(d))
        }
        (
            BinaryOpArg::Or | BinaryOpArg::And | BinaryOpArg::Subtract | BinaryOpArg::Xor,
            Some(Payload::Set(_)),
            Some(Payload::Set(_)),
        ) => crate::types::set::binary(vm, op, a, b, inplace),
        (BinaryOpArg::Or | BinaryOpArg::And | BinaryOpArg::Subtract | BinaryOpArg::Xor, _, _)
            if is_view(a) || is_view(b) =>
        {
            crate::types::dict::view_binary(vm, op, a, b)
        }
        _ => Ok(None),
    }
}
