//! Operators and protocols: arithmetic, comparison, truth, hashing, containment, subscripts, dict/set access.
#![forbid(unsafe_code)]

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::compiler::opcode::{BinaryOpArg, CompareOpArg};
use crate::object::dict::{native_eq, Probe};
use crate::object::header::PlainKey;
use crate::object::{DictTable, Guarded, ObjRef, Payload, PyErr, PyResult, SetObj, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

/// A numeric view of a value: what arithmetic dispatches on.
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

impl<M: ExecutionModel> Vm<M> {
    pub fn as_num(&self, v: &Value<M>) -> Option<Num> {
        match v {
            Value::Int(i) => Some(Num::Int(*i)),
            Value::Bool(b) => Some(Num::Int(*b as i64)),
            Value::Float(f) => Some(Num::Float(*f)),
            Value::Obj(o) => match o.payload() {
                Payload::BigInt(b) => Some(Num::Big(b.clone())),
                _ => None,
            },
            _ => None,
        }
    }

    /// `a op b` with reflected operands and in-place methods, as CPython's `binary_op1`.
    pub fn binary_op(
        &mut self,
        op: BinaryOpArg,
        a: &Value<M>,
        b: &Value<M>,
        inplace: bool,
    ) -> PyResult<M> {
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            // bool's own `&`, `|`, `^` keep the bool type.
            match op {
                BinaryOpArg::And => return Ok(Value::Bool(*x & *y)),
                BinaryOpArg::Or => return Ok(Value::Bool(*x | *y)),
                BinaryOpArg::Xor => return Ok(Value::Bool(*x ^ *y)),
                _ => {}
            }
        }
        if let (Some(x), Some(y)) = (self.as_num(a), self.as_num(b)) {
            return crate::types::arith::arith(self, op, x, y);
        }
        if let Some(r) = self.builtin_binary(op, a, b, inplace)? {
            return Ok(r);
        }
        let (name, rname, iname) = op.dunders();
        // Builtin values were fully handled above: their types' dunder wrappers exist for
        // subclasses and explicit calls, and would only recurse back here.
        // Native types of builtin modules (`bytearray`, ...) define their operators as methods too.
        let (a_inst, b_inst) = (
            matches!(a.payload(), Some(Payload::Instance(_) | Payload::Native(_))),
            matches!(b.payload(), Some(Payload::Instance(_) | Payload::Native(_))),
        );
        if inplace && a_inst {
            if let Some(r) = self.call_special(a, iname, std::slice::from_ref(b))? {
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Some(r) =
            if a_inst { self.call_special(a, name, std::slice::from_ref(b))? } else { None }
        {
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        let same_type = self.class_of(a).is(&self.class_of(b));
        if !same_type && b_inst {
            if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))? {
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if op == BinaryOpArg::Or && self.is_type_like(a)? && self.is_type_like(b)? {
            // `int | None` (PEP 604): a `types.UnionType` from the frozen `_union` module.
            let m = self.import_module("_union")?;
            let make = self.getattr(&m, &Value::new_str("make"))?;
            return self.call(&make, &[a.clone(), b.clone()], &[]);
        }
        let sym = if inplace { format!("{}=", op.symbol()) } else { op.symbol().to_string() };
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if op == BinaryOpArg::Power {
            return Err(self.new_type_error(&format!(
                "unsupported operand type(s) for ** or pow(): '{ta}' and '{tb}'"
            )));
        }
        if op == BinaryOpArg::Add
            && (ta == "str" || tb == "str")
            && ta != tb
            && a.as_str().is_some()
        {
            return Err(
                self.new_type_error(&format!("can only concatenate str (not \"{tb}\") to str"))
            );
        }
        if op == BinaryOpArg::Add && matches!(a.payload(), Some(Payload::Bytes(_))) {
            return Err(self.new_type_error(&format!("can't concat {tb} to bytes")));
        }
        if op == BinaryOpArg::Add && ta == "list" && ta != tb {
            return Err(
                self.new_type_error(&format!("can only concatenate list (not \"{tb}\") to list"))
            );
        }
        Err(self
            .new_type_error(&format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'")))
    }

    /// A class, `None`, or a `_union.UnionType` (the operands `X | Y` makes a union of).
    fn is_type_like(&mut self, v: &Value<M>) -> Result<bool, PyErr<M>> {
        Ok(match v.payload() {
            None => v.is_none(),
            Some(Payload::Class(_)) => true,
            Some(Payload::Instance(_)) => self.getattr_opt(v, "__union_args__")?.is_some(),
            _ => false,
        })
    }

    pub fn is_not_implemented(&self, v: &Value<M>) -> bool {
        matches!(v.payload(), Some(Payload::NotImplemented))
    }

    /// Builtin sequence/set/str operators.
    pub(crate) fn builtin_binary(
        &mut self,
        op: BinaryOpArg,
        a: &Value<M>,
        b: &Value<M>,
        inplace: bool,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if let Some(r) = crate::types::containers::container_binary(self, op, a, b, inplace)? {
            return Ok(Some(r));
        }
        let (Some(pa), pb) = (a.payload(), b.payload()) else {
            // int * sequence
            if let (BinaryOpArg::Multiply, Some(n)) = (op, self.as_index(a)) {
                if b.payload().is_some() {
                    return self.repeat(b, n);
                }
            }
            return Ok(None);
        };
        Ok(match (op, pa, pb) {
            (BinaryOpArg::Add, Payload::Str(x), Some(Payload::Str(y))) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Some(Value::new_str(s))
            }
            (BinaryOpArg::Add, Payload::List(x), Some(Payload::List(y))) => {
                let mut v = x.with(|v| v.clone());
                v.extend(y.with(|v| v.clone()));
                Some(Value::new_list(v))
            }
            (BinaryOpArg::Add, Payload::Tuple(x), Some(Payload::Tuple(y))) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Some(Value::new_tuple(v))
            }
            (BinaryOpArg::Add, Payload::Bytes(x), Some(Payload::Bytes(y))) => {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                Some(Value::Obj(ObjRef::new(Payload::Bytes(v.into_boxed_slice()))))
            }
            (
                BinaryOpArg::Multiply,
                Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_),
                _,
            ) => match self.as_index(b) {
                Some(n) => self.repeat(a, n)?,
                None => None,
            },
            (BinaryOpArg::Remainder, Payload::Str(s), _) => {
                let s = s.as_str().to_string();
                Some(crate::types::format::percent_format(self, &s, b)?)
            }
            _ => None,
        })
    }

    /// An int usable as an index (ints and bools).
    pub fn as_index(&self, v: &Value<M>) -> Option<i64> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Obj(o) => match o.payload() {
                Payload::BigInt(b) => b.to_i64(),
                _ => None,
            },
            _ => None,
        }
    }

    /// `seq * n` for str, list, tuple and bytes. The result's memory is reserved up front with a
    /// fallible allocation, so a repetition too large for the heap (or for `--memory-limit`)
    /// raises MemoryError, as CPython's does, instead of aborting the process; a length past
    /// `isize::MAX` is CPython's OverflowError for str and bytes, MemoryError for list and tuple.
    fn repeat(&mut self, seq: &Value<M>, n: i64) -> Result<Option<Value<M>>, PyErr<M>> {
        let n = n.max(0) as usize;
        Ok(match seq.payload() {
            Some(Payload::Str(s)) => {
                let s = s.as_str();
                match repeat_str(s, n) {
                    Ok(out) => Some(Value::new_str(out)),
                    Err(Repeat::TooLong) => {
                        return Err(self.new_overflow_error("repeated string is too long"))
                    }
                    Err(Repeat::NoMemory) => return Err(self.new_memory_error()),
                }
            }
            Some(Payload::List(l)) => {
                let v = l.with(|v| v.clone());
                let out = repeat_slice(&v, n).map_err(|_| self.new_memory_error())?;
                Some(Value::new_list(out))
            }
            Some(Payload::Tuple(t)) => {
                let out = repeat_slice(t, n).map_err(|_| self.new_memory_error())?;
                Some(Value::new_tuple(out))
            }
            Some(Payload::Bytes(b)) => match repeat_slice(b, n) {
                Ok(out) => Some(Value::Obj(ObjRef::new(Payload::Bytes(out.into_boxed_slice())))),
                Err(Repeat::TooLong) => {
                    return Err(self.new_overflow_error("repeated bytes are too long"))
                }
                Err(Repeat::NoMemory) => return Err(self.new_memory_error()),
            },
            _ => None,
        })
    }

    /// Rich comparison with reflection (`COMPARE_OP`).
    pub fn compare(&mut self, op: CompareOpArg, a: &Value<M>, b: &Value<M>) -> PyResult<M> {
        if let (Some(x), Some(y)) = (self.as_num(a), self.as_num(b)) {
            let ord = crate::types::arith::compare_nums(&x, &y);
            return Ok(Value::Bool(match ord {
                None => op == CompareOpArg::Ne,
                Some(o) => op.holds(o),
            }));
        }
        if let Some(r) = crate::types::containers::builtin_compare(self, op, a, b)? {
            return Ok(Value::Bool(r));
        }
        let (name, rname) = op.dunders();
        // Native types of builtin modules (`bytearray`, ...) define their operators as methods too.
        let (a_inst, b_inst) = (
            matches!(a.payload(), Some(Payload::Instance(_) | Payload::Native(_))),
            matches!(b.payload(), Some(Payload::Instance(_) | Payload::Native(_))),
        );
        let b_first = b_inst
            && !self.class_of(a).is(&self.class_of(b))
            && self.is_subclass(&self.class_of(b), &self.class_of(a));
        if b_first {
            if let Some(r) = self.rich_dunder(b, rname, a)? {
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Some(r) = if a_inst { self.rich_dunder(a, name, b)? } else { None } {
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if !b_first && b_inst {
            if let Some(r) = self.rich_dunder(b, rname, a)? {
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOpArg::Eq => Ok(Value::Bool(a.is(b))),
            CompareOpArg::Ne => Ok(Value::Bool(!a.is(b))),
            _ => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.new_type_error(&format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    op.symbol()
                )))
            }
        }
    }

    /// `x.name(y)` for a rich comparison; a class without `__ne__` gets `object.__ne__`, the inverse of its `__eq__`.
    fn rich_dunder(
        &mut self,
        x: &Value<M>,
        name: &str,
        y: &Value<M>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if name == "__ne__" && self.lookup_special(x, "__ne__")?.is_none() {
            return match self.call_special(x, "__eq__", std::slice::from_ref(y))? {
                Some(r) if !self.is_not_implemented(&r) => {
                    Ok(Some(Value::Bool(!self.is_true(&r)?)))
                }
                other => Ok(other),
            };
        }
        self.call_special(x, name, std::slice::from_ref(y))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value<M>, b: &Value<M>) -> Result<bool, PyErr<M>> {
        if let Some(r) = native_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare(CompareOpArg::Eq, a, b)?;
        self.is_true(&r)
    }

    /// `bool(v)`.
    pub fn is_true(&mut self, v: &Value<M>) -> Result<bool, PyErr<M>> {
        Ok(match v {
            Value::Null | Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => !s.as_str().is_empty(),
                Payload::BigInt(b) => !b.is_zero(),
                Payload::List(l) => l.with(|v| !v.is_empty()),
                Payload::Tuple(t) => !t.is_empty(),
                Payload::Dict(d) => d.with(|t| !t.is_empty()),
                Payload::Set(s) => s.table.with(|t| !t.is_empty()),
                Payload::Bytes(b) => !b.is_empty(),
                Payload::Range(r) => !r.is_empty(),
                Payload::DictView(_) => self.len_of(v)? != 0,
                Payload::Instance(_) | Payload::Native(_) => {
                    if let Some(r) = self.call_special(v, "__bool__", &[])? {
                        match r {
                            Value::Bool(b) => b,
                            _ => {
                                return Err(self.new_type_error(&format!(
                                    "__bool__ should return bool, returned {}",
                                    self.type_name(&r)
                                )))
                            }
                        }
                    } else if let Some(r) = self.call_special(v, "__len__", &[])? {
                        self.as_index(&r).unwrap_or(0) != 0
                    } else {
                        true
                    }
                }
                _ => true,
            },
        })
    }

    /// `len(v)`.
    pub fn len_of(&mut self, v: &Value<M>) -> Result<usize, PyErr<M>> {
        if let Some(p) = v.payload() {
            let n = match p {
                Payload::Str(s) => Some(s.char_len()),
                Payload::List(l) => Some(l.with(|v| v.len())),
                Payload::Tuple(t) => Some(t.len()),
                Payload::Dict(d) => Some(d.with(|t| t.len())),
                Payload::Set(s) => Some(s.table.with(|t| t.len())),
                Payload::Bytes(b) => Some(b.len()),
                Payload::Range(r) => Some(r.len() as usize),
                Payload::DictView(dv) => match dv.dict.payload() {
                    Payload::Dict(d) => Some(d.with(|t| t.len())),
                    _ => None,
                },
                _ => None,
            };
            if let Some(n) = n {
                return Ok(n);
            }
        }
        match self.call_special(v, "__len__", &[])? {
            Some(r) => match self.as_index(&r) {
                Some(n) if n >= 0 => Ok(n as usize),
                Some(_) => Err(self.new_value_error("__len__() should return >= 0")),
                None => {
                    let tn = self.type_name(&r);
                    Err(self.new_type_error(&format!(
                        "'{tn}' object cannot be interpreted as an integer"
                    )))
                }
            },
            None => {
                // A class stating its metaclass `__len__` (enum), see `get_iter`.
                if matches!(v.payload(), Some(Payload::Class(_))) {
                    if let Some(f) = self.getattr_opt(v, "_gilbench_len_")? {
                        let r = self.call(&f, &[], &[])?;
                        if let Some(n) = self.as_index(&r).filter(|n| *n >= 0) {
                            return Ok(n as usize);
                        }
                    }
                }
                let tn = self.type_name(v);
                Err(self.new_type_error(&format!("object of type '{tn}' has no len()")))
            }
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value<M>) -> Result<i64, PyErr<M>> {
        match v {
            Value::Null | Value::None => Ok(0x5f3759df),
            Value::Bool(b) => Ok(*b as i64),
            Value::Int(i) => Ok(crate::types::arith::hash_i64(*i)),
            Value::Float(f) => Ok(crate::types::arith::hash_f64(*f)),
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => Ok(s.hash()),
                Payload::BigInt(b) => Ok(crate::types::arith::hash_bigint(b)),
                Payload::Tuple(t) => {
                    // CPython's xxHash-based tuple hash.
                    let mut acc: u64 = 2870177450012600261;
                    for item in t.iter() {
                        let h = self.hash(item)? as u64;
                        acc = acc.wrapping_add(h.wrapping_mul(14029467366897019727));
                        acc = acc.rotate_left(31);
                        acc = acc.wrapping_mul(11400714785074694791);
                    }
                    acc = acc.wrapping_add((t.len() as u64) ^ (2870177450012600261 ^ 3527539));
                    let h = acc as i64;
                    Ok(if h == -1 { 1546275796 } else { h })
                }
                Payload::Bytes(b) => Ok(crate::object::hash_str(&String::from_utf8_lossy(b))),
                Payload::List(_) | Payload::Dict(_) | Payload::DictView(_) => {
                    let tn = self.type_name(v);
                    Err(self.new_type_error(&format!("unhashable type: '{tn}'")))
                }
                Payload::Set(s) if !s.frozen => Err(self.new_type_error("unhashable type: 'set'")),
                Payload::Set(s) => {
                    // CPython's frozenset_hash (null and dummy slots cancel out).
                    let hashes: Vec<i64> = s.table.with(|t| t.iter().map(|e| e.hash).collect());
                    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
                    let mut acc: u64 = 0;
                    for h in &hashes {
                        acc ^= shuffle(*h as u64);
                    }
                    acc ^= (hashes.len() as u64 + 1).wrapping_mul(1927868237);
                    acc ^= (acc >> 11) ^ (acc >> 25);
                    acc = acc.wrapping_mul(69069).wrapping_add(907133923);
                    Ok(if acc as i64 == -1 { 590923713 } else { acc as i64 })
                }
                Payload::Instance(_) | Payload::Native(_) => {
                    let cls = self.class_of(v);
                    match self.class_lookup(&cls, "__hash__") {
                        Some(Value::None) => {
                            let tn = self.type_name(v);
                            Err(self.new_type_error(&format!("unhashable type: '{tn}'")))
                        }
                        Some(f) if !matches!(f.payload(), Some(Payload::Builtin(b)) if b.owner == Some("object")) =>
                        {
                            let r = self.call(&f, std::slice::from_ref(v), &[])?;
                            match self.as_num(&r) {
                                Some(Num::Int(i)) => Ok(if i == -1 { -2 } else { i }),
                                Some(Num::Big(b)) => Ok(crate::types::arith::hash_bigint(&b)),
                                _ => {
                                    Err(self
                                        .new_type_error("__hash__ method should return an integer"))
                                }
                            }
                        }
                        _ => Ok((o.id() >> 4) as i64),
                    }
                }
                _ => Ok((o.id() >> 4) as i64),
            },
        }
    }

    // ----- dict and set primitives (lookups may run __eq__ outside the container lock) -----

    /// Find the slot of `key` in a dict or set table; `hash` precomputed.
    pub fn table_find(
        &mut self,
        table: &Guarded<M, DictTable<M>>,
        hash: i64,
        key: &Value<M>,
    ) -> Result<Option<usize>, PyErr<M>> {
        loop {
            let (probe, version) = table.with(|t| (t.probe(hash, key), t.version()));
            match probe {
                Probe::Found(i) => return Ok(Some(i)),
                Probe::Missing => return Ok(None),
                Probe::NeedsEq(cands) => {
                    let mut hit = None;
                    for (i, k) in cands {
                        if self.eq(&k, key)? {
                            hit = Some(i);
                            break;
                        }
                    }
                    // The table may have changed while __eq__ ran: retry the lookup then.
                    if table.with(|t| t.version()) == version {
                        return Ok(hit);
                    }
                }
            }
        }
    }

    pub fn dict_table<'a>(
        &mut self,
        d: &'a ObjRef<M>,
    ) -> Result<&'a Guarded<M, DictTable<M>>, PyErr<M>> {
        match d.payload() {
            Payload::Dict(t) => Ok(t),
            Payload::Set(s) => Ok(&s.table),
            _ => Err(self.new_type_error("expected a dict")),
        }
    }

    /// `d[key]` lookup returning None when missing (dicts and sets).
    pub fn dict_get_key(
        &mut self,
        d: &ObjRef<M>,
        key: &Value<M>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        if let (Some(Payload::Str(s)), Payload::Dict(t)) = (key.payload(), d.payload()) {
            let (h, k) = (s.hash(), s.as_str());
            if let Some(hit) = t.get_optimistic(h, PlainKey::Str { s: k, strict: true }) {
                return Ok(hit);
            }
            let (hit, unsure) =
                t.with(|t| (t.get_str(h, k).map(Value::new_ref_with_lock), t.has_instance_keys()));
            if hit.is_some() || !unsure {
                return Ok(hit);
            }
        }
        let hash = self.hash(key)?;
        if let (Value::Int(n), Payload::Dict(t)) = (key, d.payload()) {
            if let Some(hit) = t.get_optimistic(hash, PlainKey::Int(*n)) {
                return Ok(hit);
            }
        }
        let table = self.dict_table(d)?;
        Ok(match self.table_find(table, hash, key)? {
            Some(i) => table.with(|t| t.entry(i).map(|e| e.value.new_ref_with_lock())),
            None => None,
        })
    }

    /// Look `key` up and act on the answer (`act(table, slot, key)`) in one critical section, so
    /// that no other thread inserts or removes a key in between (two threads storing the same
    /// new key must not both append it). Python `__eq__` runs outside the lock; its answer is
    /// used only if the table has not changed since, else the lookup starts over.
    pub fn table_find_then<R>(
        &mut self,
        table: &Guarded<M, DictTable<M>>,
        hash: i64,
        key: Value<M>,
        mut act: impl FnMut(&mut DictTable<M>, Option<usize>, Value<M>) -> R,
    ) -> Result<R, PyErr<M>> {
        let mut key = key;
        let mut known: Option<(u64, Option<usize>)> = None;
        loop {
            let step = table.with(|t| {
                let slot = match known {
                    Some((version, slot)) if t.version() == version => slot,
                    _ => match t.probe(hash, &key) {
                        Probe::Found(i) => Some(i),
                        Probe::Missing => None,
                        Probe::NeedsEq(cands) => return Err((cands, t.version(), key)),
                    },
                };
                Ok(act(t, slot, key))
            });
            match step {
                Ok(r) => return Ok(r),
                Err((cands, version, k)) => {
                    let mut hit = None;
                    for (i, c) in cands {
                        if self.eq(&c, &k)? {
                            hit = Some(i);
                            break;
                        }
                    }
                    known = Some((version, hit));
                    key = k;
                }
            }
        }
    }

    /// `d[key] = value` for a dict object.
    pub fn dict_set(
        &mut self,
        d: &ObjRef<M>,
        key: Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        let hash = self.hash(&key)?;
        let table = self.dict_table(d)?;
        let mut value = Some(value);
        // What the table no longer holds (an old value, a duplicate key) is dropped after the lock.
        let released = self.table_find_then(table, hash, key, |t, slot, k| match slot {
            Some(i) => (Some(t.replace_value(i, value.take().expect("acted once"))), Some(k)),
            None => {
                t.insert_new(hash, k, value.take().expect("acted once"));
                (None, None)
            }
        })?;
        drop(released);
        Ok(())
    }

    /// Remove `key`, returning its value (None when absent).
    pub fn dict_del(
        &mut self,
        d: &ObjRef<M>,
        key: &Value<M>,
    ) -> Result<Option<Value<M>>, PyErr<M>> {
        let hash = self.hash(key)?;
        let table = self.dict_table(d)?;
        let (removed, k) = self.table_find_then(table, hash, key.clone(), |t, slot, k| {
            (slot.and_then(|i| t.remove_at(i)), k)
        })?;
        drop(k);
        Ok(removed.map(|e| e.value))
    }

    pub fn dict_get_str(&self, d: &ObjRef<M>, key: &str) -> Option<Value<M>> {
        super::attr::dict_get_str_hashed(d, crate::object::hash_str(key), key)
    }

    pub fn dict_set_str(&mut self, d: &ObjRef<M>, key: &str, value: Value<M>) {
        let k = Value::new_str(key);
        let _ = self.dict_set(d, k, value);
    }

    /// (key, value) pairs of a dict (or any mapping with keys()).
    pub fn dict_items_vec(&mut self, m: &Value<M>) -> Result<Vec<(Value<M>, Value<M>)>, PyErr<M>> {
        match m.payload() {
            Some(Payload::Dict(d)) => {
                Ok(d.with(|t| t.iter().map(|e| (e.key.clone(), e.value.clone())).collect()))
            }
            _ => {
                let keys_m = self.getattr_opt(m, "keys")?;
                let Some(keys_m) = keys_m else {
                    let tn = self.type_name(m);
                    return Err(self.new_type_error(&format!("'{tn}' object is not a mapping")));
                };
                let keys = self.call(&keys_m, &[], &[])?;
                let mut out = Vec::new();
                for k in self.iterate_to_vec(&keys)? {
                    let v = self.getitem(m, &k)?;
                    out.push((k, v));
                }
                Ok(out)
            }
        }
    }

    pub fn dict_update(&mut self, target: &Value<M>, m: &Value<M>) -> Result<(), PyErr<M>> {
        let Some(t) = target.obj().cloned() else { return Ok(()) };
        let items = if matches!(m.payload(), Some(Payload::Dict(_)))
            || self.getattr_opt(m, "keys")?.is_some()
        {
            self.dict_items_vec(m)?
        } else {
            let mut out = Vec::new();
            for pair in self.iterate_to_vec(m)? {
                let kv = match self.get_iter(&pair) {
                    Ok(_) => self.iterate_to_vec(&pair)?,
                    Err(_) => {
                        return Err(self.new_type_error(&format!(
                            "cannot convert dictionary update sequence element #{} to a sequence",
                            out.len()
                        )));
                    }
                };
                if kv.len() != 2 {
                    return Err(self.new_value_error(&format!(
                        "dictionary update sequence element #{} has length {}; 2 is required",
                        out.len(),
                        kv.len()
                    )));
                }
                let mut it = kv.into_iter();
                out.push((it.next().unwrap_or(Value::None), it.next().unwrap_or(Value::None)));
            }
            out
        };
        for (k, v) in items {
            self.dict_set(&t, k, v)?;
        }
        Ok(())
    }

    /// `DICT_MERGE`: like update, but a repeated keyword is a TypeError.
    pub fn dict_merge_kwargs(
        &mut self,
        target: &Value<M>,
        m: &Value<M>,
        func: &Value<M>,
    ) -> Result<(), PyErr<M>> {
        let Some(t) = target.obj().cloned() else { return Ok(()) };
        let items = match self.dict_items_vec(m) {
            Ok(i) => i,
            Err(_) => {
                let fname = self.callable_name(func);
                let tn = self.type_name(m);
                return Err(self.new_type_error(&format!(
                    "{fname} argument after ** must be a mapping, not {tn}"
                )));
            }
        };
        for (k, v) in items {
            if self.dict_get_key(&t, &k)?.is_some() {
                let fname = self.callable_name(func);
                let ks = k.as_str().unwrap_or("").to_string();
                return Err(self.new_type_error(&format!(
                    "{fname} got multiple values for keyword argument '{ks}'"
                )));
            }
            self.dict_set(&t, k, v)?;
        }
        Ok(())
    }

    /// The items of `f(*args)`; a non-iterable is reported the way CPython words it.
    pub fn star_args_vec(
        &mut self,
        func: &Value<M>,
        args: &Value<M>,
    ) -> Result<Vec<Value<M>>, PyErr<M>> {
        match self.get_iter(args) {
            Ok(it) => {
                let mut out = Vec::new();
                while let Some(x) = self.iter_next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
            Err(e)
                if self.isinstance_class(&e.exc, &self.types().type_error.clone())
                    && self.lookup_special(args, "__iter__")?.is_none() =>
            {
                let fname = self.callable_name(func);
                let tn = self.type_name(args);
                Err(self.new_type_error(&format!(
                    "{fname} argument after * must be an iterable, not {tn}"
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// `module.qualname()` as CPython words call errors (`_PyObject_FunctionStr`).
    pub fn callable_name(&self, func: &Value<M>) -> String {
        match func.payload() {
            Some(Payload::Function(f)) => f.meta.with(|m| {
                let q = m.qualname.as_str().unwrap_or("?");
                match m.module.as_str() {
                    Some(module) if module != "builtins" => format!("{module}.{q}()"),
                    _ => format!("{q}()"),
                }
            }),
            Some(Payload::Method(m)) => self.callable_name(&m.func),
            Some(Payload::Builtin(b)) => format!("{}()", b.name),
            Some(Payload::Class(c)) => format!("{}()", c.name),
            _ => format!("{} object", self.type_name(func)),
        }
    }

    pub fn dict_copy(&mut self, d: &Value<M>) -> PyResult<M> {
        match d.payload() {
            Some(Payload::Dict(t)) => Ok(Value::new_dict(t.with(|t| t.clone_table()))),
            _ => Err(self.new_type_error("expected a dict")),
        }
    }

    /// A new set (or frozenset) from items.
    pub fn new_set(&mut self, items: Vec<Value<M>>, frozen: bool) -> PyResult<M> {
        let s = Value::Obj(ObjRef::new(Payload::Set(SetObj {
            table: Guarded::new(DictTable::new_set()),
            frozen,
        })));
        if crate::types::set::is_constant_display(&items) {
            return crate::types::set::fill_like_constant_display(self, s, items);
        }
        for it in items {
            self.set_add(&s, it)?;
        }
        Ok(s)
    }

    pub fn set_add(&mut self, s: &Value<M>, item: Value<M>) -> Result<(), PyErr<M>> {
        let Some(o) = s.obj() else { return Ok(()) };
        let hash = self.hash(&item)?;
        let table = self.dict_table(o)?;
        let duplicate = self.table_find_then(table, hash, item, |t, slot, k| match slot {
            Some(_) => Some(k),
            None => {
                t.insert_new(hash, k, Value::None);
                None
            }
        })?;
        drop(duplicate);
        Ok(())
    }

    /// Membership in a set or dict (by key).
    pub fn table_contains(&mut self, o: &ObjRef<M>, item: &Value<M>) -> Result<bool, PyErr<M>> {
        let hash = self.hash(item)?;
        let table = self.dict_table(o)?;
        Ok(self.table_find(table, hash, item)?.is_some())
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value<M>, item: &Value<M>) -> Result<bool, PyErr<M>> {
        if let Some(p) = container.payload() {
            match p {
                Payload::Dict(_) | Payload::Set(_) => {
                    return self.table_contains(container.obj().unwrap(), item)
                }
                Payload::Str(s) => {
                    return match item.as_str() {
                        Some(sub) => Ok(s.as_str().contains(sub)),
                        None => {
                            let tn = self.type_name(item);
                            Err(self.new_type_error(&format!(
                                "'in <string>' requires string as left operand, not {tn}"
                            )))
                        }
                    }
                }
                Payload::Range(r) => {
                    if let Some(i) = self.as_index(item) {
                        if matches!(item, Value::Int(_) | Value::Bool(_))
                            || matches!(item.payload(), Some(Payload::BigInt(_)))
                        {
                            let r = *r;
                            return Ok(if r.step > 0 {
                                i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                            } else {
                                i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                            });
                        }
                    }
                }
                Payload::DictView(dv) if dv.kind == 0 => {
                    return self.table_contains(&dv.dict.clone(), item)
                }
                Payload::Bytes(b) => {
                    let is_int = matches!(item, Value::Int(_) | Value::Bool(_))
                        || matches!(item.payload(), Some(Payload::BigInt(_)));
                    if is_int {
                        let byte = crate::types::bytes::byte_value(
                            self,
                            item,
                            "byte must be in range(0, 256)",
                        )?;
                        return Ok(b.contains(&byte));
                    }
                    let b = b.to_vec();
                    let needle = crate::types::bytes::need_bytes(self, item)?;
                    return Ok(needle.is_empty()
                        || b.windows(needle.len()).any(|w| w == needle.as_slice()));
                }
                Payload::List(_) | Payload::Tuple(_) => {
                    let n = self.len_of(container)?;
                    for i in 0..n {
                        let v = match p {
                            Payload::List(l) => match l.with(|v| v.get(i).cloned()) {
                                Some(v) => v,
                                None => break,
                            },
                            Payload::Tuple(t) => t[i].clone(),
                            _ => break,
                        };
                        if v.is(item) || self.eq(&v, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Payload::Instance(_) | Payload::Native(_) => {
                    if let Some(r) =
                        self.call_special(container, "__contains__", std::slice::from_ref(item))?
                    {
                        return self.is_true(&r);
                    }
                }
                _ => {}
            }
        }
        // Fall back to iteration.
        let it = self.get_iter(container).map_err(|_| {
            let tn = self.type_name(container);
            self.new_type_error(&format!("argument of type '{tn}' is not iterable"))
        })?;
        while let Some(v) = self.iter_next(&it)? {
            if v.is(item) || self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn unary_negative(&mut self, a: &Value<M>) -> PyResult<M> {
        match self.as_num(a) {
            Some(Num::Int(i)) => Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(i)),
            }),
            Some(Num::Big(b)) => Ok(Value::from_bigint(-b)),
            Some(Num::Float(f)) => Ok(Value::Float(-f)),
            None => self.unary_special(a, "__neg__", "-"),
        }
    }

    pub fn unary_positive(&mut self, a: &Value<M>) -> PyResult<M> {
        match self.as_num(a) {
            Some(Num::Int(i)) => Ok(Value::Int(i)),
            Some(Num::Big(b)) => Ok(Value::from_bigint(b)),
            Some(Num::Float(f)) => Ok(Value::Float(f)),
            None => self.unary_special(a, "__pos__", "+"),
        }
    }

    pub fn unary_invert(&mut self, a: &Value<M>) -> PyResult<M> {
        match self.as_num(a) {
            Some(Num::Int(i)) => Ok(Value::Int(!i)),
            Some(Num::Big(b)) => Ok(Value::from_bigint(-b - 1)),
            _ => self.unary_special(a, "__invert__", "~"),
        }
    }

    fn unary_special(&mut self, a: &Value<M>, name: &str, sym: &str) -> PyResult<M> {
        match self.call_special(a, name, &[])? {
            Some(r) => Ok(r),
            None => {
                let tn = self.type_name(a);
                Err(self.new_type_error(&format!("bad operand type for unary {sym}: '{tn}'")))
            }
        }
    }
}

/// Why a repetition could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// The length would pass `isize::MAX`.
    TooLong,
    /// The allocator refused the memory.
    NoMemory,
}

/// `n` copies of `items` in one vector, its memory reserved with a fallible allocation first
/// (copies double, so a long repetition is a few large copies).
pub fn repeat_slice<T: Clone>(items: &[T], n: usize) -> Result<Vec<T>, Repeat> {
    if items.is_empty() || n == 0 {
        return Ok(Vec::new());
    }
    let total = items
        .len()
        .checked_mul(n)
        .filter(|&t| {
            t.checked_mul(std::mem::size_of::<T>().max(1)).is_some_and(|b| b <= isize::MAX as usize)
        })
        .ok_or(Repeat::TooLong)?;
    if !crate::memory::alloc::could_hold(total * std::mem::size_of::<T>()) {
        return Err(Repeat::NoMemory);
    }
    let mut out = Vec::new();
    out.try_reserve_exact(total).map_err(|_| Repeat::NoMemory)?;
    out.extend_from_slice(items);
    while out.len() < total {
        let more = out.len().min(total - out.len());
        out.extend_from_within(..more);
    }
    Ok(out)
}

/// `n` copies of `s`, as [`repeat_slice`].
pub fn repeat_str(s: &str, n: usize) -> Result<String, Repeat> {
    let bytes = repeat_slice(s.as_bytes(), n)?;
    // Copies of valid UTF-8 laid end to end are valid UTF-8.
    Ok(String::from_utf8(bytes).expect("repeated str stays UTF-8"))
}
