//! Heap payloads: the layout of every builtin object kind (str, list, dict, function, class, ...).
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

use num_bigint::BigInt;

use crate::compiler::CodeObject;
use crate::object::frame::Frame;
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use super::Value;
use crate::object::dict::DictTable;
use crate::object::header::{Finalize, Guarded, ObjRef};

/// Result of running Python code: a value or a raised exception.
pub type PyResult<M> = Result<Value<M>, PyErr<M>>;

/// A raised exception: the exception instance (traceback entries live on it).
pub struct PyErr<M: ExecutionModel> {
    pub exc: ObjRef<M>,
}

impl<M: ExecutionModel> Clone for PyErr<M> {
    fn clone(&self) -> Self {
        PyErr { exc: self.exc.clone() }
    }
}

/// A native function: `args` holds positional values followed by keyword values, `kwnames`
/// names the last `kwnames.len()` of them (CPython's vectorcall convention).
pub type NativeFn<M> = fn(&mut Vm<M>, &[Value<M>], &[Value<M>]) -> PyResult<M>;

pub enum Payload<M: ExecutionModel> {
    Str(StrObj),
    BigInt(BigInt),
    Bytes(Box<[u8]>),
    Tuple(Box<[Value<M>]>),
    List(Guarded<M, Vec<Value<M>>>),
    Dict(Guarded<M, DictTable<M>>),
    Set(SetObj<M>),
    Range(RangeObj),
    Slice(Box<[Value<M>; 3]>),
    Function(FunctionObj<M>),
    Builtin(BuiltinFunction<M>),
    Method(MethodObj<M>),
    Class(ClassObj<M>),
    Instance(InstanceObj<M>),
    Module(ModuleObj<M>),
    Code(CodeObj<M>),
    Cell(Guarded<M, Value<M>>),
    Generator(GeneratorObj<M>),
    /// A native iterator: its fixed Python type and its state.
    Iterator(IterKind, Guarded<M, IterState<M>>),
    Property(PropertyObj<M>),
    StaticMethod(Value<M>),
    ClassMethod(Value<M>),
    Super(SuperObj<M>),
    DictView(DictViewObj<M>),
    /// An object of a type implemented in Rust by a builtin module (`_thread.lock`, ...).
    Native(NativeObj<M>),
    /// A frame object (`sys._getframe()`, `inspect.currentframe()`); see `vm::frame_chain`.
    Frame(FrameObj<M>),
    /// A `__slots__` member descriptor (`C.x` of `class C: __slots__ = ('x',)`); see `vm::slots`.
    Member(MemberObj<M>),
    NotImplemented,
    Ellipsis,
}

impl<M: ExecutionModel> Finalize for Payload<M> {
    #[inline(always)]
    fn needs_finalizer(&self) -> bool {
        match self {
            Payload::Instance(inst) => {
                !inst.finalized.load(Ordering::Relaxed)
                    && inst.class_obj().has_flag(ClassObj::<M>::HAS_DEL)
            }
            // A suspended generator inside try/finally or with: closing it runs Python code.
            Payload::Generator(g) => g.state.with(|s| {
                !s.finished
                    && !s.running
                    && s.frame.as_ref().is_some_and(|f| {
                        f.blocks
                            .iter()
                            .any(|b| matches!(b, crate::object::frame::Block::Try { .. }))
                    })
            }),
            _ => false,
        }
    }
}

/// An immutable str with a cached hash.
pub struct StrObj {
    s: Box<str>,
    /// Character count (== byte length for ASCII).
    char_len: u32,
    hash: AtomicU64,
}

const HASH_UNSET: u64 = u64::MAX;

impl StrObj {
    pub fn new(s: String) -> Self {
        let char_len = if s.is_ascii() { s.len() } else { s.chars().count() } as u32;
        StrObj { s: s.into_boxed_str(), char_len, hash: AtomicU64::new(HASH_UNSET) }
    }
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    pub fn char_len(&self) -> usize {
        self.char_len as usize
    }
    pub fn is_ascii(&self) -> bool {
        self.char_len as usize == self.s.len()
    }
    /// The str's hash (computed once).
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != HASH_UNSET {
            return h as i64;
        }
        let h = hash_str(&self.s);
        self.hash.store(h as u64, Ordering::Relaxed);
        h
    }
}

/// FNV-1a over the bytes, mixed; never -1 (CPython reserves -1 for errors).
pub const fn hash_str(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x100000001b3);
        i += 1;
    }
    h ^= h >> 29;
    let h = (h >> 1) as i64; // keep it non-negative and well below u64::MAX (the "unset" marker)
    if h == -1 {
        -2
    } else {
        h
    }
}

pub struct SetObj<M: ExecutionModel> {
    pub table: Guarded<M, DictTable<M>>,
    pub frozen: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            ((self.stop as i128 - self.start as i128 - 1) / self.step as i128 + 1) as i64
        } else if self.step < 0 && self.start > self.stop {
            ((self.start as i128 - self.stop as i128 - 1) / (-(self.step as i128)) + 1) as i64
        } else {
            0
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// A compiled code object with its constants materialised as values of this model.
pub struct CodeObj<M: ExecutionModel> {
    pub code: Arc<CodeObject>,
    pub consts: Box<[Value<M>]>,
    /// `co_names` as str objects (fast dict keys).
    pub names: Box<[Value<M>]>,
    pub varnames: Box<[Value<M>]>,
}

pub struct FunctionObj<M: ExecutionModel> {
    pub code: ObjRef<M>,
    pub globals: ObjRef<M>,
    pub defaults: Option<ObjRef<M>>,
    pub kwdefaults: Option<ObjRef<M>>,
    pub closure: Option<Box<[ObjRef<M>]>>,
    pub meta: Guarded<M, FunctionMeta<M>>,
}

impl<M: ExecutionModel> FunctionObj<M> {
    #[inline(always)]
    pub fn code_obj(&self) -> &CodeObj<M> {
        match self.code.payload() {
            Payload::Code(c) => c,
            _ => unreachable!("function code is always a code object"),
        }
    }
}

/// The mutable attributes of a function.
pub struct FunctionMeta<M: ExecutionModel> {
    pub name: Value<M>,
    pub qualname: Value<M>,
    pub doc: Value<M>,
    pub module: Value<M>,
    pub annotations: Value<M>,
    /// `f.__dict__`, created on first attribute store.
    pub dict: Option<ObjRef<M>>,
}

pub struct BuiltinFunction<M: ExecutionModel> {
    pub name: &'static str,
    pub func: NativeFn<M>,
    /// For methods of builtin types: the type name (`"list"`), used in reprs and errors.
    pub owner: Option<&'static str>,
}

/// An instance of a native type defined by a builtin module: its class (whose dict holds the
/// native methods) and its Rust state. The state is plain Rust data (`Send + Sync`, no Python
/// values), so blocking code running detached (`Vm::allow_threads`) may use a clone of the `Arc`.
pub struct NativeObj<M: ExecutionModel> {
    pub class: ObjRef<M>,
    pub data: Arc<dyn std::any::Any + Send + Sync>,
}

impl<M: ExecutionModel> NativeObj<M> {
    /// The state, if it is a `T`.
    pub fn data<T: 'static>(&self) -> Option<&T> {
        self.data.downcast_ref::<T>()
    }
}

pub struct MethodObj<M: ExecutionModel> {
    pub func: Value<M>,
    pub self_: Value<M>,
}

pub struct ClassObj<M: ExecutionModel> {
    pub name: String,
    pub qualname: String,
    pub bases: Vec<ObjRef<M>>,
    /// The method resolution order *excluding* the class itself (no self-reference cycle).
    pub mro: Vec<ObjRef<M>>,
    /// The class namespace (a dict object).
    pub dict: ObjRef<M>,
    /// Which builtin layout instances of this class use.
    pub layout: Layout,
    /// For builtin types: the native constructor (`int(x)`, `list(it)`, ...), set once at start-up.
    ctor: std::sync::OnceLock<NativeFn<M>>,
    /// For Python classes deriving from a builtin type (`class Stack(list)`): that builtin type.
    native_base: std::sync::OnceLock<ObjRef<M>>,
    /// `HAS_DEL`..`NO_DICT` in the low bits; the number of `__slots__` values its instances carry
    /// (its own and its bases') in the high 16 (kept here so `ClassObj`, the largest payload,
    /// does not grow every object).
    flags: AtomicU32,
}

/// How many classes have been freed in this process: advanced by every class's destructor
/// before its memory can be reused, so caches that name classes by address (`vm::attr_cache`)
/// can tell a new class at an old address from the old one.
pub static CLASSES_FREED: AtomicU64 = AtomicU64::new(0);

impl<M: ExecutionModel> Drop for ClassObj<M> {
    fn drop(&mut self) {
        CLASSES_FREED.fetch_add(1, Ordering::Release);
    }
}

/// The instance layout a class (or its nearest builtin base) gives its instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A plain Python object with a `__dict__` (classes deriving from `object`).
    Object,
    /// An exception instance (classes deriving from `BaseException`).
    Exception,
    /// A builtin type whose instances are made by its own constructor (int, str, list, ...).
    Builtin,
}

impl<M: ExecutionModel> ClassObj<M> {
    pub const HAS_DEL: u32 = 1;
    pub const HAS_GETATTR: u32 = 2;
    pub const HAS_SETATTR: u32 = 4;
    pub const HAS_EQ: u32 = 8;
    pub const IS_BUILTIN: u32 = 16;
    /// Instances have no `__dict__` (`__slots__` all the way up the MRO): only slot names can be set.
    pub const NO_DICT: u32 = 32;
    /// `threading.local` and its subclasses: each thread sees its own attribute dict
    /// (`vm::thread_local`); inherited by subclasses.
    pub const THREAD_LOCAL: u32 = 64;
    const SLOT_SHIFT: u32 = 16;

    pub fn new(
        name: String,
        qualname: String,
        bases: Vec<ObjRef<M>>,
        mro: Vec<ObjRef<M>>,
        dict: ObjRef<M>,
        layout: Layout,
    ) -> Self {
        ClassObj {
            name,
            qualname,
            bases,
            mro,
            dict,
            layout,
            ctor: std::sync::OnceLock::new(),
            native_base: std::sync::OnceLock::new(),
            flags: AtomicU32::new(0),
        }
    }
    /// The builtin constructor, if this is a builtin type.
    #[inline]
    pub fn native_ctor(&self) -> Option<NativeFn<M>> {
        self.ctor.get().copied()
    }
    pub fn set_native_ctor(&self, f: NativeFn<M>) {
        let _ = self.ctor.set(f);
    }
    /// The builtin type a Python class derives from (its instances carry a value of that type).
    #[inline]
    pub fn native_base(&self) -> Option<&ObjRef<M>> {
        self.native_base.get()
    }
    pub fn set_native_base(&self, base: ObjRef<M>) {
        let _ = self.native_base.set(base);
    }
    /// The number of slot values an instance of this class carries.
    #[inline]
    pub fn slot_count(&self) -> usize {
        (self.flags.load(Ordering::Relaxed) >> Self::SLOT_SHIFT) as usize
    }
    /// Set once, when the class is made (at most 65535 slots).
    pub fn set_slot_count(&self, n: usize) {
        let n = (n.min(0xffff) as u32) << Self::SLOT_SHIFT;
        self.flags.fetch_and(!(0xffff << Self::SLOT_SHIFT), Ordering::Relaxed);
        self.flags.fetch_or(n, Ordering::Relaxed);
    }
    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.load(Ordering::Relaxed) & f != 0
    }
    pub fn set_flag(&self, f: u32, on: bool) {
        if on {
            self.flags.fetch_or(f, Ordering::Relaxed);
        } else {
            self.flags.fetch_and(!f, Ordering::Relaxed);
        }
    }
}

pub struct InstanceObj<M: ExecutionModel> {
    pub class: ObjRef<M>,
    pub dict: ObjRef<M>,
    /// Exception state, for instances of BaseException subclasses.
    pub exc: Option<Box<Guarded<M, ExceptionState<M>>>>,
    /// For instances of subclasses of builtin types: the builtin value (a list, an int, ...) that
    /// the inherited builtin methods operate on.
    pub native: Option<Value<M>>,
    /// `__slots__` values, indexed by `MemberObj::index` (`Null` when unset); `None` when the
    /// class has no slots.
    pub slots: Option<Box<Guarded<M, Vec<Value<M>>>>>,
    pub finalized: AtomicBool,
    /// Set once `__dict__` has been handed out: CPython 3.11 keeps an instance's attributes
    /// inline until then, so the GC does not count the dict as an object of its own before.
    pub dict_materialized: AtomicBool,
}

impl<M: ExecutionModel> InstanceObj<M> {
    #[inline(always)]
    pub fn class_obj(&self) -> &ClassObj<M> {
        match self.class.payload() {
            Payload::Class(c) => c,
            _ => unreachable!("an instance's class is always a class"),
        }
    }

    /// Whether this is a `threading.local` (its attributes live in per-thread dicts).
    #[inline(always)]
    pub fn is_thread_local(&self) -> bool {
        self.class_obj().has_flag(ClassObj::<M>::THREAD_LOCAL)
    }

    /// The key naming this instance in the per-thread tables of `threading.local` data: its
    /// address, unique while it lives (see [`freed_thread_locals_since`] for afterwards).
    #[inline(always)]
    pub fn thread_local_key(&self) -> usize {
        self as *const Self as usize
    }
}

impl<M: ExecutionModel> Drop for InstanceObj<M> {
    fn drop(&mut self) {
        if self.is_thread_local() {
            let mut freed = FREED_THREAD_LOCALS.lock();
            freed.push(self.thread_local_key());
            THREAD_LOCALS_FREED.store(freed.len() as u64, Ordering::Release);
        }
    }
}

/// Keys of the `threading.local` objects freed so far, in order: each thread drops its own data
/// for them the next time it touches thread-local data (a new local may reuse a freed one's
/// address, so a thread must never find the old data under it).
static FREED_THREAD_LOCALS: parking_lot::Mutex<Vec<usize>> = parking_lot::Mutex::new(Vec::new());
/// `FREED_THREAD_LOCALS.len()`, readable without the lock (written under it).
static THREAD_LOCALS_FREED: AtomicU64 = AtomicU64::new(0);

/// How many `threading.local` objects have been freed in this process.
#[inline(always)]
pub fn thread_locals_freed() -> u64 {
    THREAD_LOCALS_FREED.load(Ordering::Acquire)
}

/// The keys of the locals freed after the first `seen` (see [`thread_locals_freed`]).
pub fn freed_thread_locals_since(seen: u64) -> Vec<usize> {
    FREED_THREAD_LOCALS.lock()[seen as usize..].to_vec()
}

/// One traceback entry: where a frame was when the exception passed through it.
#[derive(Clone, Debug)]
pub struct TraceEntry {
    pub filename: Arc<str>,
    pub lineno: u32,
    pub name: Arc<str>,
}

pub struct ExceptionState<M: ExecutionModel> {
    pub args: Value<M>,
    pub traceback: Vec<TraceEntry>,
    pub cause: Value<M>,
    pub context: Value<M>,
    pub suppress_context: bool,
}

pub struct ModuleObj<M: ExecutionModel> {
    pub name: String,
    pub dict: ObjRef<M>,
}

pub struct GeneratorObj<M: ExecutionModel> {
    pub name: String,
    pub qualname: String,
    pub state: Guarded<M, GenState<M>>,
}

pub struct GenState<M: ExecutionModel> {
    /// The suspended frame; `None` once the generator finished or while it is running.
    pub frame: Option<Box<Frame<M>>>,
    pub running: bool,
    pub started: bool,
    pub finished: bool,
}

/// The Python type of a native iterator (fixed at creation; an exhausted iterator keeps it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IterKind {
    /// `iter(obj)` over an object with only `__getitem__`.
    Seq,
    List,
    Tuple,
    Bytes,
    StrAscii,
    Str,
    Range,
    DictKeys,
    DictValues,
    DictItems,
    DictReverseKeys,
    Set,
    ListReverse,
    Reversed,
    Callable,
    Enumerate,
    Zip,
    Map,
    Filter,
}

impl IterKind {
    /// Every kind, in the order of [`IterKind::index`].
    pub const ALL: [IterKind; 19] = [
        IterKind::Seq,
        IterKind::List,
        IterKind::Tuple,
        IterKind::Bytes,
        IterKind::StrAscii,
        IterKind::Str,
        IterKind::Range,
        IterKind::DictKeys,
        IterKind::DictValues,
        IterKind::DictItems,
        IterKind::DictReverseKeys,
        IterKind::Set,
        IterKind::ListReverse,
        IterKind::Reversed,
        IterKind::Callable,
        IterKind::Enumerate,
        IterKind::Zip,
        IterKind::Map,
        IterKind::Filter,
    ];
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }
    /// CPython's type name for this iterator.
    pub fn type_name(self) -> &'static str {
        match self {
            IterKind::Seq => "iterator",
            IterKind::List => "list_iterator",
            IterKind::Tuple => "tuple_iterator",
            IterKind::Bytes => "bytes_iterator",
            IterKind::StrAscii => "str_ascii_iterator",
            IterKind::Str => "str_iterator",
            IterKind::Range => "range_iterator",
            IterKind::DictKeys => "dict_keyiterator",
            IterKind::DictValues => "dict_valueiterator",
            IterKind::DictItems => "dict_itemiterator",
            IterKind::DictReverseKeys => "dict_reversekeyiterator",
            IterKind::Set => "set_iterator",
            IterKind::ListReverse => "list_reverseiterator",
            IterKind::Reversed => "reversed",
            IterKind::Callable => "callable_iterator",
            IterKind::Enumerate => "enumerate",
            IterKind::Zip => "zip",
            IterKind::Map => "map",
            IterKind::Filter => "filter",
        }
    }
}

/// Native iterators.
pub enum IterState<M: ExecutionModel> {
    /// list, tuple, str (by char index) and other index-based sequences.
    Seq {
        seq: Value<M>,
        index: usize,
    },
    /// A str iterator: byte offset into the string.
    Str {
        s: ObjRef<M>,
        byte: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Iteration over a dict's or set's entries (entries index), kind 0 keys, 1 values, 2 items.
    Dict {
        dict: ObjRef<M>,
        entry: usize,
        kind: u8,
        len_at_start: usize,
    },
    Enumerate {
        it: Value<M>,
        count: Value<M>,
    },
    /// `zip(*its, strict=...)`.
    Zip {
        its: Vec<Value<M>>,
        strict: bool,
    },
    Map {
        func: Value<M>,
        its: Vec<Value<M>>,
    },
    Filter {
        func: Value<M>,
        it: Value<M>,
    },
    Reversed {
        seq: Value<M>,
        index: i64,
    },
    /// `iter(callable, sentinel)`.
    CallIter {
        func: Value<M>,
        sentinel: Value<M>,
    },
    Exhausted,
}

pub struct PropertyObj<M: ExecutionModel> {
    pub fget: Value<M>,
    pub fset: Value<M>,
    pub fdel: Value<M>,
    pub doc: Value<M>,
}

pub struct SuperObj<M: ExecutionModel> {
    /// The class after which the MRO search starts.
    pub class: ObjRef<M>,
    /// The bound object (an instance, or a class for classmethods).
    pub obj: Value<M>,
    /// type(obj), or obj itself when it is a class.
    pub obj_type: ObjRef<M>,
}

/// A frame object: what `f_code`, `f_globals`, `f_back`, `f_lineno` and `f_locals` report. While
/// its frame runs, the live values are read from the owning thread's frame chain (`Vm::frames`,
/// at `live`); when the frame finishes it is *detached*: its last position and locals are copied
/// here, so a frame object that outlives its frame keeps working and never points at freed state.
pub struct FrameObj<M: ExecutionModel> {
    pub code: ObjRef<M>,
    pub globals: ObjRef<M>,
    /// `f_back`, fixed when the object is made (CPython links it at the latest when the frame exits).
    pub back: Option<ObjRef<M>>,
    /// `Vm::vm_id` of the thread whose frame this is (only that thread may read its chain).
    pub owner: u64,
    pub state: Guarded<M, FrameObjState<M>>,
}

pub struct FrameObjState<M: ExecutionModel> {
    /// Index in the owner's frame chain while the frame runs; `None` once it finished.
    pub live: Option<u32>,
    /// The last instruction index known here (the chain has the live one).
    pub lasti: u32,
    /// The `f_locals` dict handed out (refreshed from the locals on each access, as CPython's
    /// `PyFrame_FastToLocals`), or the namespace of a module or class body.
    pub locals: Option<ObjRef<M>>,
    /// The locals as last captured (on detach, or for a frame of a fast-running caller).
    pub snapshot: Option<LocalsSnapshot<M>>,
}

/// A frame's locals at one moment: the fast locals (indexed like `co_varnames`; `Null` when
/// unbound), its cells (cellvars then freevars; read live), or the namespace of a module/class body.
pub struct LocalsSnapshot<M: ExecutionModel> {
    pub fast: Vec<Value<M>>,
    pub cells: Vec<ObjRef<M>>,
    pub namespace: Option<ObjRef<M>>,
}

impl<M: ExecutionModel> Clone for LocalsSnapshot<M> {
    fn clone(&self) -> Self {
        LocalsSnapshot {
            fast: self.fast.clone(),
            cells: self.cells.clone(),
            namespace: self.namespace.clone(),
        }
    }
}

/// A `__slots__` member descriptor: the slot `name` of instances of the class named `owner`,
/// stored at `index` of the instance's slot values (`InstanceObj::slots`).
pub struct MemberObj<M: ExecutionModel> {
    pub name: Value<M>,
    pub owner: String,
    pub index: u32,
}

pub struct DictViewObj<M: ExecutionModel> {
    pub dict: ObjRef<M>,
    /// 0 keys, 1 values, 2 items.
    pub kind: u8,
}

#[cfg(test)]
mod hash_tests {
    #[test]
    fn str_hash_is_deterministic_and_never_minus_one() {
        assert_ne!(super::hash_str("abc"), -1);
        assert_eq!(super::hash_str("abc"), super::hash_str("abc"));
    }
}
