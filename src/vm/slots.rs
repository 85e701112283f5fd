//! `__slots__`: member descriptors (`C.x`) and instances without `__dict__`, as CPython's `type_new` makes them.
//!
//! The class gets a `member_descriptor` per slot (`C.x`), a data descriptor over a per-instance
//! vector of slot values (`InstanceObj::slots`, indexed by `MemberObj::index`; a subclass's slots
//! follow its base's). When every class of the MRO declares `__slots__` (without `"__dict__"`)
//! the instances have no `__dict__` (flag `ClassObj::NO_DICT`): storing any other name raises
//! `AttributeError: 'C' object has no attribute 'z'`, and `obj.__dict__` / `vars(obj)` fail as in
//! CPython. Slot values do not cross interpreters (`vm::xi` copies `__dict__` or `__getstate__`).
#![forbid(unsafe_code)]

use crate::object::{ClassObj, Layout, MemberObj, ObjRef, Payload, PyErr, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

/// Whether `s` is a Python identifier (the rule CPython applies to `__slots__` items).
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => chars.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// Private-name mangling (`__x` in class `C` is stored as `_C__x`).
fn mangle(class: &str, name: &str) -> String {
    let stripped = class.trim_start_matches('_');
    if name.starts_with("__") && !name.ends_with("__") && !stripped.is_empty() {
        format!("_{stripped}{name}")
    } else {
        name.to_string()
    }
}

impl<M: ExecutionModel> Vm<M> {
    /// Turn the `__slots__` of class namespace `ns` into member descriptors. Returns how many
    /// slot values the instances carry and whether they have no `__dict__`.
    pub fn prepare_slots(
        &mut self,
        class: &str,
        ns: &ObjRef<M>,
        bases: &[ObjRef<M>],
    ) -> Result<(usize, bool), PyErr<M>> {
        // Slots follow those of the base that has some; two unrelated bases with slots cannot be
        // combined (CPython: their instance layouts conflict).
        let slotted: Vec<&ObjRef<M>> = bases
            .iter()
            .filter(|b| matches!(b.payload(), Payload::Class(c) if c.slot_count() > 0))
            .collect();
        for (i, a) in slotted.iter().enumerate() {
            for b in &slotted[i + 1..] {
                if !self.is_subclass(a, b) && !self.is_subclass(b, a) {
                    return Err(
                        self.new_type_error("multiple bases have instance lay-out conflict")
                    );
                }
            }
        }
        let base_count = slotted
            .iter()
            .map(|b| match b.payload() {
                Payload::Class(c) => c.slot_count(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let Some(slots) = self.dict_get_str(ns, "__slots__") else {
            return Ok((base_count, false));
        };
        let items =
            if slots.as_str().is_some() { vec![slots] } else { self.iterate_to_vec(&slots)? };
        let mut has_dict = false;
        let mut names = Vec::new();
        for item in &items {
            let Some(s) = item.as_str() else {
                let tn = self.type_name(item);
                return Err(
                    self.new_type_error(&format!("__slots__ items must be strings, not '{tn}'"))
                );
            };
            if !is_identifier(s) {
                return Err(self.new_type_error("__slots__ must be identifiers"));
            }
            match s {
                "__dict__" => {
                    if has_dict {
                        return Err(
                            self.new_type_error("__dict__ slot disallowed: we already got one")
                        );
                    }
                    has_dict = true;
                }
                "__weakref__" => {}
                _ => names.push(mangle(class, s)),
            }
        }
        for n in &names {
            if self.dict_get_str(ns, n).is_some() {
                return Err(self.new_value_error(&format!(
                    "'{n}' in __slots__ conflicts with class variable"
                )));
            }
        }
        let total = base_count + names.len();
        if total > 0xffff {
            return Err(self.new_type_error("__slots__ has too many items"));
        }
        for (i, n) in names.into_iter().enumerate() {
            let member = MemberObj {
                name: self.intern(&n),
                owner: class.to_string(),
                index: (base_count + i) as u32,
            };
            self.dict_set_str(ns, &n, Value::Obj(ObjRef::new(Payload::Member(member))));
        }
        let object = self.types().object.clone();
        let bases_without_dict = bases.iter().all(|b| match b.payload() {
            Payload::Class(c) => {
                b.is(&object) || c.layout == Layout::Builtin || c.has_flag(ClassObj::<M>::NO_DICT)
            }
            _ => false,
        });
        Ok((total, !has_dict && bases_without_dict))
    }

    /// Whether instances of `cls` have no `__dict__`.
    #[inline]
    pub fn has_no_dict(cls: &ObjRef<M>) -> bool {
        matches!(cls.payload(), Payload::Class(c) if c.has_flag(ClassObj::<M>::NO_DICT))
    }

    /// Reading slot `m` of `obj` (`None` when it is unset or `obj` has no such slot).
    pub fn member_get(m: &MemberObj<M>, obj: &Value<M>) -> Option<Value<M>> {
        let Some(Payload::Instance(inst)) = obj.payload() else { return None };
        let slots = inst.slots.as_ref()?;
        slots.with(|v| v.get(m.index as usize).cloned()).filter(|v| !v.is_null())
    }

    /// Storing slot `m` of `obj`.
    pub fn member_set(
        &mut self,
        m: &MemberObj<M>,
        obj: &Value<M>,
        value: Value<M>,
    ) -> Result<(), PyErr<M>> {
        if let Some(Payload::Instance(inst)) = obj.payload() {
            if let Some(slots) = &inst.slots {
                let old = slots
                    .with(|v| v.get_mut(m.index as usize).map(|s| std::mem::replace(s, value)));
                if old.is_some() {
                    drop(old);
                    return Ok(());
                }
            }
        }
        let tn = self.type_name(obj);
        Err(self.new_type_error(&format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{tn}' object",
            m.name.as_str().unwrap_or(""),
            m.owner
        )))
    }

    /// Deleting slot `m` of `obj` (`AttributeError: x` when it is unset, CPython's wording).
    pub fn member_delete(&mut self, m: &MemberObj<M>, obj: &Value<M>) -> Result<(), PyErr<M>> {
        if let Some(Payload::Instance(inst)) = obj.payload() {
            if let Some(slots) = &inst.slots {
                let old = slots.with(|v| {
                    v.get_mut(m.index as usize).map(|s| std::mem::replace(s, Value::Null))
                });
                if old.as_ref().is_some_and(|v| !v.is_null()) {
                    drop(old);
                    return Ok(());
                }
            }
        }
        let name = m.name.as_str().unwrap_or("").to_string();
        Err(self.new_attribute_error(&name))
    }

    /// Storing attribute `name` on an instance without `__dict__`: only slots (and data
    /// descriptors, handled before this) accept it.
    pub fn no_dict_setattr_error(&mut self, obj: &Value<M>, name: &str) -> PyErr<M> {
        let tn = self.type_name(obj);
        let cls = self.class_of(obj);
        let msg = if self.class_lookup(&cls, name).is_some() {
            format!("'{tn}' object attribute '{name}' is read-only")
        } else {
            format!("'{tn}' object has no attribute '{name}'")
        };
        self.new_attribute_error(&msg)
    }
}
