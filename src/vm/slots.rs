//! `__slots__`: member descriptors (`C.x`) and instances without `__dict__`, as CPython's `type_new` makes them.
//!
//! A slot's value lives in the instance's internal dict (the same storage as ordinary
//! attributes), so every existing attribute path keeps working; what `__slots__` changes is
//! visible behaviour: the class gets a `member_descriptor` per slot, and when every class of the
//! MRO declares `__slots__` (without `"__dict__"`) the instances have no `__dict__`: storing any
//! other name raises `AttributeError: 'C' object has no attribute 'z'` (flag
//! `ClassObj::NO_DICT`), and `obj.__dict__` / `vars(obj)` fail as in CPython.

use crate::object::{ClassObj, Layout, MemberObj, ObjRef, Payload, PyErr, PyResult, Value};
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
    /// Turn the `__slots__` of class namespace `ns` into member descriptors. Returns whether
    /// instances of the new class have no `__dict__`.
    pub fn prepare_slots(&mut self, class: &str, ns: &ObjRef<M>, bases: &[ObjRef<M>]) -> Result<bool, PyErr<M>> {
        let Some(slots) = self.dict_get_str(ns, "__slots__") else { return Ok(false) };
        let items = if slots.as_str().is_some() { vec![slots] } else { self.iterate_to_vec(&slots)? };
        let mut has_dict = false;
        let mut names = Vec::new();
        for item in &items {
            let Some(s) = item.as_str() else {
                let tn = self.type_name(item);
                return Err(self.new_type_error(&format!("__slots__ items must be strings, not '{tn}'")));
            };
            if !is_identifier(s) {
                return Err(self.new_type_error("__slots__ must be identifiers"));
            }
            match s {
                "__dict__" => {
                    if has_dict {
                        return Err(self.new_type_error("__dict__ slot disallowed: we already got one"));
                    }
                    has_dict = true;
                }
                "__weakref__" => {}
                _ => names.push(mangle(class, s)),
            }
        }
        for n in &names {
            if self.dict_get_str(ns, n).is_some() {
                return Err(self.new_value_error(&format!("'{n}' in __slots__ conflicts with class variable")));
            }
        }
        for n in names {
            let member = MemberObj { name: self.intern(&n), owner: class.to_string() };
            self.dict_set_str(ns, &n, Value::Obj(ObjRef::new(Payload::Member(member))));
        }
        let object = self.types().object.clone();
        let bases_without_dict = bases.iter().all(|b| match b.payload() {
            Payload::Class(c) => b.is(&object) || c.layout == Layout::Builtin || c.has_flag(ClassObj::<M>::NO_DICT),
            _ => false,
        });
        Ok(!has_dict && bases_without_dict)
    }

    /// Whether instances of `cls` have no `__dict__`.
    #[inline]
    pub fn has_no_dict(cls: &ObjRef<M>) -> bool {
        matches!(cls.payload(), Payload::Class(c) if c.has_flag(ClassObj::<M>::NO_DICT))
    }

    /// Reading slot `m` of `obj`: the stored value, or AttributeError when it is unset.
    pub fn member_get(&mut self, m: &MemberObj<M>, obj: &Value<M>) -> PyResult<M> {
        let name = m.name.as_str().unwrap_or("");
        if let Some(Payload::Instance(inst)) = obj.payload() {
            if let Some(v) = self.dict_get_str(&inst.dict, name) {
                return Ok(v);
            }
        }
        let tn = self.type_name(obj);
        Err(self.new_attribute_error(&format!("'{tn}' object has no attribute '{name}'")))
    }

    /// Deleting slot `m` of `obj` (`AttributeError: x` when it is unset, CPython's wording).
    pub fn member_delete(&mut self, m: &MemberObj<M>, obj: &Value<M>) -> Result<(), PyErr<M>> {
        if let Some(Payload::Instance(inst)) = obj.payload() {
            let d = inst.dict.clone();
            if self.dict_del(&d, &m.name)?.is_some() {
                return Ok(());
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
