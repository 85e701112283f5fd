//! `Types`: the builtin classes of one interpreter (object, type, int, str, ..., the exception tree).
#![forbid(unsafe_code)]

use crate::object::{ClassObj, DictTable, Guarded, IterKind, Layout, ObjRef, Payload};
use crate::runtime::ExecutionModel;

macro_rules! types_struct {
    ($( $field:ident ),* $(,)?) => {
        /// The builtin classes. Immortal: they live as long as the interpreter.
        pub struct Types<M: ExecutionModel> {
            $( pub $field: ObjRef<M>, )*
            /// The rest of CPython's exception tree (no Rust code raises these by name).
            pub extra: Vec<ObjRef<M>>,
            /// The native iterator types, indexed by `IterKind::index` (`list_iterator`, `map`, ...).
            pub iter_types: Vec<ObjRef<M>>,
        }
    };
}

types_struct!(
    object,
    type_,
    int,
    bool_,
    float,
    str_,
    bytes,
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    slice,
    none_type,
    not_implemented_type,
    ellipsis_type,
    function,
    builtin_function,
    method,
    module,
    code,
    cell,
    generator,
    frame,
    member_descriptor,
    property,
    staticmethod,
    classmethod,
    super_,
    dict_keys,
    dict_values,
    dict_items,
    base_exception,
    exception,
    system_exit,
    keyboard_interrupt,
    generator_exit,
    stop_iteration,
    arithmetic_error,
    zero_division_error,
    overflow_error,
    lookup_error,
    key_error,
    index_error,
    value_error,
    type_error,
    attribute_error,
    name_error,
    unbound_local_error,
    runtime_error,
    recursion_error,
    not_implemented_error,
    import_error,
    module_not_found_error,
    assertion_error,
    os_error,
    file_not_found_error,
    unicode_error,
    syntax_error,
    indentation_error,
    memory_error,
    warning,
    deprecation_warning,
    user_warning,
    runtime_warning,
    eof_error,
);

/// A new class object (not yet holding any methods).
pub fn new_class<M: ExecutionModel>(
    name: &str,
    bases: Vec<ObjRef<M>>,
    layout: Layout,
) -> ObjRef<M> {
    let mut mro: Vec<ObjRef<M>> = Vec::new();
    if let Some(base) = bases.first() {
        mro.push(base.clone());
        if let Payload::Class(c) = base.payload() {
            mro.extend(c.mro.iter().cloned());
        }
    }
    let dict = ObjRef::new(Payload::Dict(Guarded::new(DictTable::new())));
    let class = ObjRef::new(Payload::Class(ClassObj::new(
        name.to_string(),
        name.to_string(),
        bases,
        mro,
        dict,
        layout,
    )));
    class.make_immortal();
    class
}

impl<M: ExecutionModel> Types<M> {
    pub fn new() -> Self {
        let object = new_class::<M>("object", vec![], Layout::Object);
        let b = |name: &str, base: &ObjRef<M>| {
            new_class::<M>(name, vec![base.clone()], Layout::Builtin)
        };
        let e = |name: &str, base: &ObjRef<M>| {
            new_class::<M>(name, vec![base.clone()], Layout::Exception)
        };
        let int = b("int", &object);
        let base_exception = e("BaseException", &object);
        let exception = e("Exception", &base_exception);
        let arithmetic_error = e("ArithmeticError", &exception);
        let lookup_error = e("LookupError", &exception);
        let name_error = e("NameError", &exception);
        let runtime_error = e("RuntimeError", &exception);
        let import_error = e("ImportError", &exception);
        let value_error = e("ValueError", &exception);
        let os_error = e("OSError", &exception);
        let syntax_error = e("SyntaxError", &exception);
        let warning = e("Warning", &exception);
        let unicode_error = e("UnicodeError", &value_error);
        let connection_error = e("ConnectionError", &os_error);
        let indentation_error = e("IndentationError", &syntax_error);
        let mut extra = vec![connection_error.clone()];
        for (name, base) in [
            ("FloatingPointError", &arithmetic_error),
            ("BufferError", &exception),
            ("ReferenceError", &exception),
            ("StopAsyncIteration", &exception),
            ("SystemError", &exception),
            ("BlockingIOError", &os_error),
            ("ChildProcessError", &os_error),
            ("BrokenPipeError", &connection_error),
            ("ConnectionAbortedError", &connection_error),
            ("ConnectionRefusedError", &connection_error),
            ("ConnectionResetError", &connection_error),
            ("FileExistsError", &os_error),
            ("InterruptedError", &os_error),
            ("IsADirectoryError", &os_error),
            ("NotADirectoryError", &os_error),
            ("PermissionError", &os_error),
            ("ProcessLookupError", &os_error),
            ("TimeoutError", &os_error),
            ("TabError", &indentation_error),
            ("UnicodeDecodeError", &unicode_error),
            ("UnicodeEncodeError", &unicode_error),
            ("UnicodeTranslateError", &unicode_error),
            ("BytesWarning", &warning),
            ("EncodingWarning", &warning),
            ("FutureWarning", &warning),
            ("ImportWarning", &warning),
            ("PendingDeprecationWarning", &warning),
            ("ResourceWarning", &warning),
            ("SyntaxWarning", &warning),
            ("UnicodeWarning", &warning),
        ] {
            extra.push(e(name, base));
        }
        let iter_types = IterKind::ALL.iter().map(|k| b(k.type_name(), &object)).collect();
        Types {
            extra,
            iter_types,
            type_: b("type", &object),
            bool_: b("bool", &int),
            float: b("float", &object),
            str_: b("str", &object),
            bytes: b("bytes", &object),
            list: b("list", &object),
            tuple: b("tuple", &object),
            dict: b("dict", &object),
            set: b("set", &object),
            frozenset: b("frozenset", &object),
            range: b("range", &object),
            slice: b("slice", &object),
            none_type: b("NoneType", &object),
            not_implemented_type: b("NotImplementedType", &object),
            ellipsis_type: b("ellipsis", &object),
            function: b("function", &object),
            builtin_function: b("builtin_function_or_method", &object),
            method: b("method", &object),
            module: b("module", &object),
            code: b("code", &object),
            cell: b("cell", &object),
            generator: b("generator", &object),
            frame: b("frame", &object),
            member_descriptor: b("member_descriptor", &object),
            property: b("property", &object),
            staticmethod: b("staticmethod", &object),
            classmethod: b("classmethod", &object),
            super_: b("super", &object),
            dict_keys: b("dict_keys", &object),
            dict_values: b("dict_values", &object),
            dict_items: b("dict_items", &object),
            system_exit: e("SystemExit", &base_exception),
            keyboard_interrupt: e("KeyboardInterrupt", &base_exception),
            generator_exit: e("GeneratorExit", &base_exception),
            stop_iteration: e("StopIteration", &exception),
            zero_division_error: e("ZeroDivisionError", &arithmetic_error),
            overflow_error: e("OverflowError", &arithmetic_error),
            key_error: e("KeyError", &lookup_error),
            index_error: e("IndexError", &lookup_error),
            type_error: e("TypeError", &exception),
            attribute_error: e("AttributeError", &exception),
            unbound_local_error: e("UnboundLocalError", &name_error),
            recursion_error: e("RecursionError", &runtime_error),
            not_implemented_error: e("NotImplementedError", &runtime_error),
            module_not_found_error: e("ModuleNotFoundError", &import_error),
            assertion_error: e("AssertionError", &exception),
            file_not_found_error: e("FileNotFoundError", &os_error),
            unicode_error,
            indentation_error,
            memory_error: e("MemoryError", &exception),
            deprecation_warning: e("DeprecationWarning", &warning),
            user_warning: e("UserWarning", &warning),
            runtime_warning: e("RuntimeWarning", &warning),
            eof_error: e("EOFError", &exception),
            object,
            int,
            base_exception,
            exception,
            arithmetic_error,
            lookup_error,
            value_error,
            name_error,
            runtime_error,
            import_error,
            os_error,
            syntax_error,
            warning,
        }
    }

    /// Every builtin class with its Python name, for installing into `builtins`.
    pub fn all(&self) -> Vec<&ObjRef<M>> {
        vec![
            &self.object,
            &self.type_,
            &self.int,
            &self.bool_,
            &self.float,
            &self.str_,
            &self.bytes,
            &self.list,
            &self.tuple,
            &self.dict,
            &self.set,
            &self.frozenset,
            &self.range,
            &self.slice,
            &self.property,
            &self.staticmethod,
            &self.classmethod,
            &self.super_,
            &self.base_exception,
            &self.exception,
            &self.system_exit,
            &self.keyboard_interrupt,
            &self.generator_exit,
            &self.stop_iteration,
            &self.arithmetic_error,
            &self.zero_division_error,
            &self.overflow_error,
            &self.lookup_error,
            &self.key_error,
            &self.index_error,
            &self.value_error,
            &self.type_error,
            &self.attribute_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.runtime_error,
            &self.recursion_error,
            &self.not_implemented_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.assertion_error,
            &self.os_error,
            &self.file_not_found_error,
            &self.unicode_error,
            &self.syntax_error,
            &self.indentation_error,
            &self.memory_error,
            &self.warning,
            &self.deprecation_warning,
            &self.user_warning,
            &self.runtime_warning,
            &self.eof_error,
        ]
        .into_iter()
        .chain(self.extra.iter())
        .chain(
            [
                IterKind::Enumerate,
                IterKind::Zip,
                IterKind::Map,
                IterKind::Filter,
                IterKind::Reversed,
            ]
            .map(|k| &self.iter_types[k.index()]),
        )
        .collect()
    }
}

impl<M: ExecutionModel> Default for Types<M> {
    fn default() -> Self {
        Self::new()
    }
}
