//! Unit tests of cross-interpreter data: round trips, independence, memo and cycles, refusals, counters.
#![forbid(unsafe_code)]

use super::*;
use crate::runtime::{FreeThreaded, Gil, Subinterpreters};

/// Run `src` as module `name` (with a `__file__`, like a module loaded from disk).
fn module<M: ExecutionModel>(vm: &mut Vm<M>, name: &str, src: &str) -> ObjRef<M> {
    let code = crate::compiler::compile_source(src, "<xi-test>").expect("test source compiles");
    let m = vm.new_module(name, Some("<xi-test>"));
    if let Err(e) = vm.exec_code_in_module(code, &m) {
        panic!("test source failed: {}", vm.format_exception(&e));
    }
    m
}

/// Unwrap a Python result in a test (PyErr has no Debug: the panic names the exception).
trait Py<T> {
    fn py(self) -> T;
}
impl<T, M: ExecutionModel> Py<T> for Result<T, PyErr<M>> {
    fn py(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => {
                let (name, args) = match e.exc.payload() {
                    Payload::Instance(i) => (
                        i.class_obj().name.clone(),
                        i.exc.as_ref().map(|s| {
                            s.with(|s| {
                                s.args
                                    .as_tuple()
                                    .and_then(|t| t.first())
                                    .and_then(|a| a.as_str().map(String::from))
                            })
                        }),
                    ),
                    _ => (String::new(), None),
                };
                panic!("Python error: {name}: {args:?}")
            }
        }
    }
}

fn get<M: ExecutionModel>(vm: &mut Vm<M>, m: &ObjRef<M>, name: &str) -> Value<M> {
    crate::stdlib::modules::module_get(vm, m, name).unwrap_or_else(|| panic!("no global {name}"))
}

fn repr<M: ExecutionModel>(vm: &mut Vm<M>, v: &Value<M>) -> String {
    vm.repr_of(v).unwrap_or_else(|e| vm.format_exception(&e))
}

fn error_text<M: ExecutionModel>(vm: &mut Vm<M>, e: PyErr<M>) -> String {
    let tn = vm.type_name(&Value::Obj(e.exc.clone()));
    let msg = vm.exception_str(&e.exc).unwrap_or_default();
    format!("{tn}: {msg}")
}

const DATA: &str = r#"
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

def double(v):
    return v * 2

data = [1, -2.5, "héllo", b"\x00b", (1, (2, "t")), {"a": [1, 2], 3: None}, {1, 2, 3},
        frozenset({4}), None, True, 10 ** 30, -(2 ** 70), range(1, 10, 2), ..., Point(1, [2])]
"#;

/// Export in one interpreter, import in a fresh interpreter of the same model on another thread.
fn round_trip_across_threads<M: ExecutionModel>() {
    let mut vm = Vm::<M>::new_interpreter();
    let m = module(&mut vm, "shapes", DATA);
    let data = get(&mut vm, &m, "data");
    let expected = repr(&mut vm, &data);
    let s = export(&mut vm, &data).py();
    let got = std::thread::spawn(move || {
        let mut other = Vm::<M>::new_interpreter();
        module(&mut other, "shapes", DATA);
        let v = import(&mut other, &s).unwrap_or_else(|e| panic!("{}", other.format_exception(&e)));
        let r = repr(&mut other, &v);
        // The instance is of the receiver's own class.
        let last = other.getitem(&v, &Value::Int(-1)).ok().unwrap();
        let cls_module = other
            .getattr_opt(&Value::Obj(other.class_of(&last)), "__module__")
            .ok()
            .flatten()
            .and_then(|m| m.as_str().map(String::from));
        (r, cls_module)
    })
    .join()
    .expect("receiver thread");
    assert_eq!(got.0, expected);
    assert_eq!(got.1.as_deref(), Some("shapes"));
}

#[test]
fn round_trip_nested_data_gil() {
    round_trip_across_threads::<Gil>();
}

#[test]
fn round_trip_nested_data_free_threaded() {
    round_trip_across_threads::<FreeThreaded>();
}

#[test]
fn round_trip_nested_data_subinterpreters() {
    round_trip_across_threads::<Subinterpreters>();
}

#[test]
fn copy_is_independent() {
    let mut vm = Vm::<Subinterpreters>::new_interpreter();
    let m = module(&mut vm, "m", "orig = {'k': [1, 2, 3]}\n");
    let orig = get(&mut vm, &m, "orig");
    let s = export(&mut vm, &orig).py();
    let a = import(&mut vm, &s).py();
    let b = import(&mut vm, &s).py();
    assert!(!a.is(&orig) && !a.is(&b));
    let la = vm.getitem(&a, &Value::new_str("k")).ok().unwrap();
    let append = vm.getattr_opt(&la, "append").ok().flatten().unwrap();
    vm.call(&append, &[Value::Int(4)], &[]).ok().unwrap();
    assert_eq!(repr(&mut vm, &a), "{'k': [1, 2, 3, 4]}");
    assert_eq!(repr(&mut vm, &b), "{'k': [1, 2, 3]}");
    assert_eq!(repr(&mut vm, &orig), "{'k': [1, 2, 3]}");
}

#[test]
fn memo_preserves_shared_references_and_cycles() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let src = "a = [1]\na.append(a)\nd = {'x': a, 'y': a}\nclass Node:\n    pass\nn = Node()\nn.me = n\nn.items = [n, a]\nv = (d, n)\n";
    let m = module(&mut vm, "cyc", src);
    let v = get(&mut vm, &m, "v");
    let s = export(&mut vm, &v).py();
    let w = import(&mut vm, &s).py();
    let check = module(&mut vm, "check", "def check(w):\n    d, n = w\n    return (d['x'] is d['y'], d['x'][1] is d['x'], n.me is n, n.items[0] is n, n.items[1] is d['x'], repr(d))\n");
    let f = get(&mut vm, &check, "check");
    let r = vm.call(&f, &[w], &[]).ok().unwrap();
    assert_eq!(
        repr(&mut vm, &r),
        "(True, True, True, True, True, \"{'x': [1, [...]], 'y': [1, [...]]}\")"
    );
}

#[test]
fn uncopyable_objects_raise_type_error() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let src = "import sys\ndef gen():\n    yield 1\ng = gen()\nlam = lambda: 1\ndef outer():\n    def inner():\n        pass\n    return inner\nnested = outer()\nit = iter([1])\nboth = [1, g]\ndef mk():\n    k = 1\n    def c():\n        return k\n    return c\nclo = mk()\n";
    let m = module(&mut vm, "bad", src);
    let cases = [
        ("g", "TypeError: cannot pickle 'generator' object"),
        ("sys", "TypeError: cannot pickle 'module' object"),
        ("it", "TypeError: cannot pickle 'list_iterator' object"),
        ("both", "TypeError: cannot pickle 'generator' object"),
        ("clo", "TypeError: only stateless functions are shareable: 'mk.<locals>.c' is a closure (it uses 'k' of an enclosing function)"),
    ];
    for (name, want) in cases {
        let v = get(&mut vm, &m, name);
        let e = export(&mut vm, &v).expect_err(name);
        assert_eq!(error_text(&mut vm, e), want, "{name}");
    }
    // Lambdas and nested functions without free variables cross as code, over the receiver's
    // copy of their module.
    for name in ["lam", "nested"] {
        let v = get(&mut vm, &m, name);
        let s = export(&mut vm, &v).py();
        assert!(
            matches!(&s, Shareable::Function(d) if d.globals == GlobalsSpec::Module("bad".into())),
            "{name}: {s:?}"
        );
    }
}

#[test]
fn functions_and_classes_travel_by_reference() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let m = module(&mut vm, "shapes", DATA);
    for name in ["double", "Point"] {
        let v = get(&mut vm, &m, name);
        let s = export(&mut vm, &v).py();
        assert_eq!(
            s,
            Shareable::Global(Box::new(GlobalRef {
                module: "shapes".into(),
                qualname: name.into()
            }))
        );
        assert!(import(&mut vm, &s).py().is(&v));
    }
    let len = vm.dict_get_str(&vm.interp.builtins.clone(), "len").unwrap();
    let s = export(&mut vm, &len).py();
    assert!(import(&mut vm, &s).py().is(&len));
    // A receiver without the module reports it clearly.
    let double = get(&mut vm, &m, "double");
    let s = export(&mut vm, &double).py();
    let mut other = Vm::<Gil>::new_interpreter();
    let e = import(&mut other, &s).err().expect("no module");
    assert_eq!(error_text(&mut other, e), "ModuleNotFoundError: No module named 'shapes'");
}

#[test]
fn exceptions_and_getstate() {
    let mut vm = Vm::<FreeThreaded>::new_interpreter();
    let src = "class Cfg:\n    def __init__(self):\n        self.a = 1\n        self.cache = object()\n    def __getstate__(self):\n        return {'a': self.a}\n    def __setstate__(self, st):\n        self.a = st['a']\n        self.cache = None\ne = ValueError('boom', 3)\ne.note = 'x'\nc = Cfg()\n";
    let m = module(&mut vm, "st", src);
    let e = get(&mut vm, &m, "e");
    let s = export(&mut vm, &e).py();
    let e2 = import(&mut vm, &s).py();
    assert_eq!(repr(&mut vm, &e2), "ValueError('boom', 3)");
    let note = vm.getattr_opt(&e2, "note").ok().flatten().unwrap();
    assert_eq!(note.as_str(), Some("x"));
    let c = get(&mut vm, &m, "c");
    let s = export(&mut vm, &c).py();
    let c2 = import(&mut vm, &s).py();
    let a = vm.getattr_opt(&c2, "a").ok().flatten().unwrap();
    let cache = vm.getattr_opt(&c2, "cache").ok().flatten().unwrap();
    assert!(matches!(a, Value::Int(1)) && cache.is_none());
}

#[test]
fn counters_count_items_and_bytes() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let m = module(&mut vm, "cnt", "v = ['abcd', 'abcd' * 2, 7]\n");
    let v = get(&mut vm, &m, "v");
    let before = snapshot();
    let s = export(&mut vm, &v).py();
    let mid = snapshot();
    import(&mut vm, &s).py();
    let after = snapshot();
    assert_eq!(mid.xi_exports - before.xi_exports, 1);
    assert_eq!(mid.xi_items - before.xi_items, 4);
    assert_eq!(mid.xi_bytes - before.xi_bytes, 4 * 8 + 4 + 8);
    assert_eq!(after.xi_imports - mid.xi_imports, 1);
    assert_eq!(after.xi_items_imported - mid.xi_items_imported, 4);
    // A long string referenced twice is copied once, and both copies share the buffer.
    let m = module(&mut vm, "cnt2", "s = 'y' * 100\nv = [s, s]\n");
    let v = get(&mut vm, &m, "v");
    let before = snapshot();
    let s = export(&mut vm, &v).py();
    assert_eq!(snapshot().xi_bytes - before.xi_bytes, 3 * 8 + 100);
    match &s {
        Shareable::List(items) => match (&items[0], &items[1]) {
            (Shareable::Str(a), Shareable::Str(b)) => assert!(Arc::ptr_eq(a, b)),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// The main script of the sending interpreter, as `__main__` with a `__file__` whose text would
/// fail if it ever ran again (nothing may re-run it in the receiver).
fn main_script<M: ExecutionModel>(vm: &mut Vm<M>, src: &str) -> ObjRef<M> {
    let dir = std::env::temp_dir().join(format!("gilbench-xi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("main_script.py");
    std::fs::write(&file, "raise SystemExit('the main script must not run again')\n").unwrap();
    let file = file.to_string_lossy().to_string();
    let code = crate::compiler::compile_source(src, &file).unwrap();
    let main = vm.new_module("__main__", Some(&file));
    if let Err(e) = vm.exec_code_in_module(code, &main) {
        panic!("main script failed: {}", vm.format_exception(&e));
    }
    main
}

/// Import `s` in a fresh interpreter of model `M` on another thread and run `then` there.
fn in_other<M: ExecutionModel, R: Send + 'static>(
    s: Shareable,
    then: impl FnOnce(&mut Vm<M>, Value<M>) -> R + Send + 'static,
) -> R {
    std::thread::spawn(move || {
        let mut other = Vm::<M>::new_interpreter();
        other.new_module("__main__", None);
        let v = import(&mut other, &s).unwrap_or_else(|e| panic!("{}", other.format_exception(&e)));
        then(&mut other, v)
    })
    .join()
    .unwrap()
}

const MAIN_DEFS: &str = r#"
import math
SCALE = 3
class P:
    unit = 10
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v * self.unit * SCALE
class Q(P):
    def get(self):
        return super().get() + 1
def helper(x):
    return x + 1
def work(n):
    return helper(int(math.sqrt(n))) * SCALE
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def outer():
    k = 2
    def inner(x):
        return x * k
    return inner
closure = outer()
p = Q(2)
"#;

#[test]
fn main_class_crosses_by_value_without_running_the_script() {
    let mut vm = Vm::<Subinterpreters>::new_interpreter();
    let main = main_script(&mut vm, MAIN_DEFS);
    let p = get(&mut vm, &main, "p");
    let s = export(&mut vm, &p).py();
    let (name, got, back) = in_other::<Subinterpreters, _>(s, |other, v| {
        let cls = other.class_of(&v);
        let name = other
            .getattr_opt(&Value::Obj(cls), "__qualname__")
            .ok()
            .flatten()
            .and_then(|n| n.as_str().map(String::from));
        let get = other.getattr(&v, &Value::new_str("get")).py();
        let got = other.call(&get, &[], &[]).py();
        let back = export(other, &v).py();
        (
            name,
            match got {
                Value::Int(i) => Some(i),
                _ => None,
            },
            back,
        )
    });
    // Q.get -> super().get() (the `__class__` cell refers to the class being rebuilt) + 1.
    assert_eq!((name.as_deref(), got), (Some("Q"), Some(61)));
    // Sent back, it is an instance of the sender's own class again.
    let v = import(&mut vm, &back).py();
    let q = get(&mut vm, &main, "Q");
    assert!(Value::Obj(vm.class_of(&v)).is(&q));
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("gilbench-xi-{}", std::process::id())),
    );
}

#[test]
fn main_functions_cross_as_code_with_the_globals_they_use() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let main = main_script(&mut vm, MAIN_DEFS);
    for (name, arg, want) in [("work", 16, 15), ("fib", 15, 610)] {
        let f = get(&mut vm, &main, name);
        let s = export(&mut vm, &f).py();
        assert!(
            matches!(&s, Shareable::Function(d) if d.bind_as.as_deref() == Some(name)),
            "{s:?}"
        );
        let got = in_other::<Gil, _>(s, move |other, f| {
            match other.call(&f, &[Value::Int(arg)], &[]).py() {
                Value::Int(i) => Some(i),
                _ => None,
            }
        });
        assert_eq!(got, Some(want), "{name}");
    }
    // A closure sent directly is refused, as CPython 3.14 refuses it.
    let c = get(&mut vm, &main, "closure");
    let e = export(&mut vm, &c).expect_err("a closure does not cross");
    assert!(error_text(&mut vm, e).starts_with("TypeError: only stateless functions are shareable"));
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("gilbench-xi-{}", std::process::id())),
    );
}

/// A global that cannot be copied is left out of a function's dependencies, and the attempt
/// leaves no trace in the memo: later shared references still rebuild as one object.
#[test]
fn uncopyable_dependency_is_skipped_and_memo_stays_aligned() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let src =
        "def gen():\n    yield 1\nshared = [1]\nG = [shared, gen()]\ndef f():\n    return G\nv = (f, shared, shared)\n";
    let main = main_script(&mut vm, src);
    let v = get(&mut vm, &main, "v");
    let s = export(&mut vm, &v).py();
    let (same, has_g) = in_other::<Gil, _>(s, |other, v| {
        let t = v.as_tuple().unwrap().to_vec();
        let m = other.import_module("__main__").py();
        (t[1].is(&t[2]), other.getattr_opt(&m, "G").ok().flatten().is_some())
    });
    assert!(same, "both references to `shared` rebuild as one list");
    assert!(!has_g, "G holds a generator, so it stays behind");
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("gilbench-xi-{}", std::process::id())),
    );
}

/// A data global of the main script is copied once per sender: sending a function that uses it
/// again costs no copy, a receiver that already has the name keeps its own value, and a later
/// change in the sender is not sent (the value stays as first sent).
#[test]
fn data_globals_are_copied_once_and_kept_by_the_receiver() {
    let mut vm = Vm::<Gil>::new_interpreter();
    let main = main_script(&mut vm, "TABLE = list(range(1000))\ndef f(i):\n    return TABLE[i]\n");
    let f = get(&mut vm, &main, "f");
    let before = snapshot();
    let first = export(&mut vm, &f).py();
    let mid = snapshot();
    let table = get(&mut vm, &main, "TABLE");
    vm.setitem(&table, Value::Int(5), Value::Int(-1)).py();
    let second = export(&mut vm, &f).py();
    let after = snapshot();
    assert!(mid.xi_items - before.xi_items > 1000, "the first send copies the table");
    assert!(
        after.xi_items - mid.xi_items < 10,
        "later sends share that copy: {}",
        after.xi_items - mid.xi_items
    );
    let (a, b) = in_other::<Gil, _>(second, move |other, f2| {
        let b = other.call(&f2, &[Value::Int(5)], &[]).py();
        let f1 = import(other, &first).py();
        let a = other.call(&f1, &[Value::Int(5)], &[]).py();
        (matches!(a, Value::Int(5)), matches!(b, Value::Int(5)))
    });
    assert!(a && b, "both sends read the table as first sent");
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("gilbench-xi-{}", std::process::id())),
    );
}
