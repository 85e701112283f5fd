//! `threading.local` natively: every thread keeps its own attribute dict of each local object
//! in a table of its `Vm`, as CPython keeps them with the thread state.
//!
//! A local is an ordinary instance of a class flagged `ClassObj::THREAD_LOCAL` (`_thread._local`
//! and its subclasses). The attribute paths in `attr.rs` ask [`Vm::attr_dict`] for the dict to
//! read or write; for a local that is the calling thread's dict, found in a private hash table
//! keyed by the instance's address. A read therefore takes no lock and touches no count another
//! thread writes (CPython 3.14t scales these reads; the old Python-level `__getattr__` took the
//! shared instance's dict lock several times per read). The instance's own dict holds only the
//! creation arguments, which a thread reads once, when it first touches the local and its
//! `__init__` runs again for that thread, as in CPython.
//!
//! A freed local's address may be reused by a new one, so every thread drops the data of freed
//! locals (`object::freed_thread_locals_since`) before it looks one up; until then that data
//! stays alive in the threads that did not touch any local since (CPython frees it at once).
#![forbid(unsafe_code)]

use std::collections::HashMap;

use crate::object::{DictTable, InstanceObj, ObjRef, PyErr, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

/// Where a local keeps its creation arguments (in the instance's own dict, never shown).
const CREATION_ARGS: &str = "_local__args";

/// One thread's attribute dicts of the `threading.local` objects it has touched.
pub struct ThreadLocals<M: ExecutionModel> {
    dicts: HashMap<usize, ObjRef<M>>,
    /// How many freed locals this thread has already dropped the data of.
    freed_seen: u64,
}

impl<M: ExecutionModel> Default for ThreadLocals<M> {
    fn default() -> Self {
        ThreadLocals { dicts: HashMap::new(), freed_seen: crate::object::thread_locals_freed() }
    }
}

impl<M: ExecutionModel> ThreadLocals<M> {
    /// Drop every dict (the thread is ending).
    pub fn clear(&mut self) {
        self.dicts.clear();
    }

    #[inline]
    fn forget_freed(&mut self) {
        let freed = crate::object::thread_locals_freed();
        if freed != self.freed_seen {
            for key in crate::object::freed_thread_locals_since(self.freed_seen) {
                self.dicts.remove(&key);
            }
            self.freed_seen = freed;
        }
    }
}

impl<M: ExecutionModel> Vm<M> {
    /// The dict that holds `inst`'s attributes for the calling thread: the instance's own dict,
    /// or for a `threading.local` this thread's dict of it (made on first use, running the
    /// class's `__init__` again with the creation arguments).
    #[inline]
    pub fn attr_dict(
        &mut self,
        obj: &Value<M>,
        inst: &InstanceObj<M>,
    ) -> Result<ObjRef<M>, PyErr<M>> {
        if !inst.is_thread_local() {
            return Ok(inst.dict.clone());
        }
        self.thread_local_dict(obj, inst)
    }

    fn thread_local_dict(
        &mut self,
        obj: &Value<M>,
        inst: &InstanceObj<M>,
    ) -> Result<ObjRef<M>, PyErr<M>> {
        self.thread_locals.forget_freed();
        let key = inst.thread_local_key();
        if let Some(d) = self.thread_locals.dicts.get(&key) {
            return Ok(d.clone());
        }
        let dict = new_dict::<M>();
        self.thread_locals.dicts.insert(key, dict.clone());
        let init = self.class_lookup(&inst.class, "__init__");
        let is_object_init = |f: &Value<M>| matches!(f.payload(), Some(crate::object::Payload::Builtin(b)) if b.owner == Some("object"));
        if let Some(init) = init.filter(|f| !is_object_init(f)) {
            let (args, kw) = match self.dict_get_str(&inst.dict, CREATION_ARGS) {
                Some(t) => match t.as_tuple() {
                    Some([a, k]) => (a.clone(), k.clone()),
                    _ => (Value::new_tuple(vec![]), Value::None),
                },
                None => (Value::new_tuple(vec![]), Value::None),
            };
            let mut all = vec![obj.clone()];
            all.extend(args.as_tuple().unwrap_or(&[]).iter().cloned());
            let kwargs = (!kw.is_none()).then_some(&kw);
            if let Err(e) = self.call_ex(&init, &Value::new_tuple(all), kwargs) {
                self.thread_locals.dicts.remove(&key);
                return Err(e);
            }
        }
        Ok(dict)
    }

    /// `_thread._local.__new__`'s native part: remember the creation arguments (for other
    /// threads' `__init__`) and give the creating thread its dict (its `__init__` runs as part of
    /// the class call that made `obj`).
    pub fn init_thread_local(
        &mut self,
        obj: &Value<M>,
        args: Value<M>,
        kwargs: Value<M>,
    ) -> Result<(), PyErr<M>> {
        let inst = match obj.payload() {
            Some(crate::object::Payload::Instance(inst)) if inst.is_thread_local() => inst,
            _ => return Err(self.new_type_error("_local_new() needs a threading.local instance")),
        };
        self.dict_set_str(&inst.dict, CREATION_ARGS, Value::new_tuple(vec![args, kwargs]));
        self.thread_locals.forget_freed();
        let dict = new_dict::<M>();
        self.thread_locals.dicts.insert(inst.thread_local_key(), dict);
        Ok(())
    }
}

fn new_dict<M: ExecutionModel>() -> ObjRef<M> {
    ObjRef::new(crate::object::Payload::Dict(crate::object::Guarded::new(DictTable::new())))
}
