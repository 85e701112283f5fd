//! Per-thread caches for name lookups in namespaces: `LOAD_GLOBAL` (globals, then builtins) and
//! attribute reads of modules (CPython's `LOAD_GLOBAL_MODULE`/`LOAD_ATTR_MODULE` specialisations).
//!
//! Two tables per thread, both direct-mapped on (dict id, name id):
//! * [`GlobalHint`]: where a name was last found (entry index); a hit is re-validated against
//!   the entry's key, so stale ids are harmless. Every build.
//! * [`GlobalCacheEntry`]: a remembered *answer* from an immortal dict, valid while the dict's
//!   version (the free-threaded build's object-lock version) is unchanged: one atomic load, no
//!   lock, nothing shared written, so threads reading one module's names do not contend. Only
//!   immortal or unboxed values are remembered, and immortal dicts are never freed, so an entry
//!   can neither dangle nor be confused with a later dict at the same address. Names are code
//!   constants or the interpreter's own keys (immortal), so a name id is never a later string.
#![forbid(unsafe_code)]

use crate::object::{ObjRef, Payload, Value};
use crate::runtime::ExecutionModel;

use super::Vm;

/// Entries of each per-thread table (a power of two: the slot is a mask).
pub const GLOBAL_HINTS: usize = 512;

/// One `LOAD_GLOBAL` hint: where a name was last found for a globals dict.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlobalHint {
    /// The globals dict's object id.
    pub globals_id: usize,
    /// The name's (interned) string object id.
    pub name_id: usize,
    /// The entry index in the dict that held the name.
    pub index: u32,
    /// Found in the builtins dict, not the globals.
    pub in_builtins: bool,
}

/// One remembered answer from immortal namespaces.
pub struct GlobalCacheEntry<M: ExecutionModel> {
    pub globals: usize,
    pub name: usize,
    pub gver: u32,
    pub bver: u32,
    pub in_builtins: bool,
    /// Immortal or unboxed: holding it costs no count and it cannot dangle.
    pub value: Value<M>,
}

impl<M: ExecutionModel> Default for GlobalCacheEntry<M> {
    fn default() -> Self {
        GlobalCacheEntry {
            globals: 0,
            name: 0,
            gver: 0,
            bver: 0,
            in_builtins: false,
            value: Value::None,
        }
    }
}

#[inline(always)]
fn slot_of(dict_id: usize, name_id: usize) -> usize {
    ((name_id >> 4) ^ (dict_id >> 6)) & (GLOBAL_HINTS - 1)
}

impl<M: ExecutionModel> Vm<M> {
    /// `name` in globals, then builtins.
    #[inline]
    pub fn load_global(&self, globals: &ObjRef<M>, name: &Value<M>) -> Option<Value<M>> {
        let Some(Payload::Str(s)) = name.payload() else { return None };
        let (hash, key) = (s.hash(), s.as_str());
        let name_id = name.obj().map_or(0, |o| o.id());
        let builtins = &self.interp.builtins;
        let slot = slot_of(globals.id(), name_id);
        if globals.is_immortal() && builtins.is_immortal() {
            if let Some(v) =
                self.lookup_versioned(slot, globals, Some(builtins), name_id, hash, key)
            {
                return v;
            }
        }
        let mut hints = self.global_hints.borrow_mut();
        let hint = hints[slot];
        if hint.globals_id == globals.id() && hint.name_id == name_id {
            // Entry-index hint: valid whenever that entry still holds this key (see get_str_at).
            let dict = if hint.in_builtins { builtins } else { globals };
            if let Payload::Dict(d) = dict.payload() {
                let hit = d.with(|t| t.get_str_at(hint.index as usize, key).cloned());
                // A builtins hint also needs the name to be still absent from the globals.
                let shadowed = hint.in_builtins
                    && matches!(globals.payload(), Payload::Dict(g) if g.with(|t| t.get_str(hash, key).is_some()));
                if hit.is_some() && !shadowed {
                    return hit;
                }
            }
        }
        for (dict, in_builtins) in [(globals, false), (builtins, true)] {
            if let Payload::Dict(d) = dict.payload() {
                if let Some((i, v)) =
                    d.with(|t| t.get_str_index(hash, key).map(|(i, v)| (i, v.clone())))
                {
                    hints[slot] = GlobalHint {
                        globals_id: globals.id(),
                        name_id,
                        index: i as u32,
                        in_builtins,
                    };
                    return Some(v);
                }
            }
        }
        None
    }

    /// `module.name` from an immortal module dict through the answer table (no lock, nothing
    /// shared written). `None`: not found there, not cacheable (a name that is not immortal), or
    /// a build without versions; the caller takes the general path.
    #[inline]
    pub(super) fn load_module_attr_cached(
        &self,
        dict: &ObjRef<M>,
        name: &Value<M>,
    ) -> Option<Value<M>> {
        let Some(Payload::Str(s)) = name.payload() else { return None };
        let name_obj = name.obj().filter(|o| o.is_immortal())?;
        let slot = slot_of(dict.id(), name_obj.id());
        self.lookup_versioned(slot, dict, None, name_obj.id(), s.hash(), s.as_str())?
    }

    /// The answer table: `key` in immortal dict `globals`, then (for `LOAD_GLOBAL`) in the
    /// immortal `builtins`. The outer `None`: the build has no versions.
    #[inline]
    fn lookup_versioned(
        &self,
        slot: usize,
        globals: &ObjRef<M>,
        builtins: Option<&ObjRef<M>>,
        name_id: usize,
        hash: i64,
        key: &str,
    ) -> Option<Option<Value<M>>> {
        let Payload::Dict(gd) = globals.payload() else { return None };
        let bd = match builtins.map(|b| b.payload()) {
            Some(Payload::Dict(bd)) => Some(bd),
            Some(_) => return None,
            None => None,
        };
        let gver = gd.version()?;
        let mut cache = self.global_cache.borrow_mut();
        let entry = &cache[slot];
        if entry.globals == globals.id()
            && entry.name == name_id
            && entry.gver == gver
            && (!entry.in_builtins || bd.is_some_and(|bd| bd.version() == Some(entry.bver)))
        {
            return Some(Some(entry.value.clone()));
        }
        let (mut found, gver) = gd.read_versioned(|t| t.get_str(hash, key).cloned());
        let (mut in_builtins, mut bver) = (false, None);
        if found.is_none() {
            let Some(bd) = bd else { return Some(None) };
            (found, bver) = bd.read_versioned(|t| t.get_str(hash, key).cloned());
            in_builtins = true;
        }
        if let Some(v) = &found {
            if !matches!(v, Value::Obj(o) if !o.is_immortal()) {
                cache[slot] = GlobalCacheEntry {
                    globals: globals.id(),
                    name: name_id,
                    gver: gver?,
                    bver: bver.unwrap_or(0),
                    in_builtins,
                    value: v.clone(),
                };
            }
        }
        Some(found)
    }
}
