//! The object model: values (`Value`), heap payloads (`Payload`), and the builtin object layouts.
//!
//! Public API: [`Value`], [`ObjRef`], [`Payload`] and the payload structs; [`dict::DictTable`].
//! Small ints (i64), floats, bools and None are unboxed in `Value`; everything else is a
//! refcounted heap object whose header is generic over the execution model.
//! Invariant: `object` never runs Python code (anything that may call `__eq__`, `__hash__` or a
//! finalizer lives in `vm`); container data is touched only inside `Guarded::with`.

pub mod dict;
pub mod dict_index;
pub mod frame;
pub mod header;
pub mod payload;
pub mod traverse;
// Pure text and number algorithms with CPython 3.11 semantics (no object model inside):

use num_bigint::BigInt;

use crate::runtime::ExecutionModel;

pub use dict::DictTable;
pub use header::{Guarded, ObjRef, PyObject};
pub use payload::*;

/// String equality for attribute and key names: same length, then the same bytes or the very
/// same buffer (names from one code object share their str objects). Short names are compared
/// inline; only long ones reach `memcmp`.
#[inline(always)]
pub fn names_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
        return true;
    }
    let n = a.len();
    let word8 =
        |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let word4 =
        |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        // Two overlapping word loads cover every byte of names up to 16 bytes long.
        8..=16 => return word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => return word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        0..=3 => return a.iter().zip(b).all(|(x, y)| x == y),
        _ => {}
    }
    a == b
}

/// A Python value.
///
/// `repr(u64)` puts every payload at offset 8, so moving a value is two aligned 8-byte copies
/// (with the default layout a `Bool` lives at byte 1 and each move became overlapping unaligned
/// loads that stall store forwarding; measured at ~30% of the eval loop on recursive calls).
#[repr(u64)]
pub enum Value<M: ExecutionModel> {
    /// Internal marker: an unbound local, an empty stack slot, `LOAD_METHOD`'s "no self".
    /// Never visible to Python code.
    Null,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjRef<M>),
}

impl<M: ExecutionModel> Clone for Value<M> {
    #[inline(always)]
    fn clone(&self) -> Self {
        match self {
            Value::Null => Value::Null,
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::Obj(o) => Value::Obj(o.clone()),
        }
    }
}

impl<M: ExecutionModel> Value<M> {
    /// A copy taken under the lock of the container that holds this value: see
    /// [`ObjRef::new_ref_with_lock`].
    #[inline]
    pub fn new_ref_with_lock(&self) -> Self {
        match self {
            Value::Obj(o) => Value::Obj(o.new_ref_with_lock()),
            v => v.clone(),
        }
    }

    #[inline(always)]
    pub fn obj(&self) -> Option<&ObjRef<M>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn payload(&self) -> Option<&Payload<M>> {
        match self {
            Value::Obj(o) => Some(o.payload()),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    #[inline(always)]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `a is b`.
    pub fn is(&self, other: &Value<M>) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Unboxed ints and floats: identity is value identity (CPython caches small ints;
            // equal unboxed values are the "same object" here).
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a.is(b),
            _ => false,
        }
    }

    pub fn new_str(s: impl Into<String>) -> Self {
        Value::Obj(ObjRef::new(Payload::Str(StrObj::new(s.into()))))
    }

    /// An int from a BigInt, unboxed when it fits in i64.
    pub fn from_bigint(b: BigInt) -> Self {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Obj(ObjRef::new(Payload::BigInt(b))),
        }
    }

    pub fn new_tuple(items: Vec<Value<M>>) -> Self {
        Value::Obj(ObjRef::new(Payload::Tuple(items.into_boxed_slice())))
    }

    pub fn new_list(items: Vec<Value<M>>) -> Self {
        Value::Obj(ObjRef::new(Payload::List(Guarded::new(items))))
    }

    pub fn new_dict(table: DictTable<M>) -> Self {
        Value::Obj(ObjRef::new(Payload::Dict(Guarded::new(table))))
    }

    /// The str payload, if this is a str.
    #[inline(always)]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_tuple(&self) -> Option<&[Value<M>]> {
        match self.payload() {
            Some(Payload::Tuple(t)) => Some(t),
            _ => None,
        }
    }
}

// The error of the pure algorithms (`num`, `text`), named here too for the layers above.
pub use crate::num::TextOpError;

impl std::error::Error for TextOpError {}
