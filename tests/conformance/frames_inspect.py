# Frame objects: sys._getframe, inspect.currentframe, f_back chains, f_code/f_lineno/f_locals/f_globals, frames that outlive their call, the inspect predicates.
import sys
import inspect


def plain_items(d):
    return sorted((k, v) for k, v in d.items() if not inspect.isframe(v))


def describe(frame):
    code = frame.f_code
    return f"{code.co_name}:{frame.f_lineno}"


def stack_names(frame):
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


def leaf(a, b=2):
    total = a + b
    here = sys._getframe()
    print("leaf frame", describe(here), "back", describe(here.f_back))
    print("leaf locals", plain_items(here.f_locals), "here" in here.f_locals)
    print("stack", stack_names(here))
    print("same object", here is sys._getframe(), here is inspect.currentframe())
    print("caller via depth", describe(sys._getframe(1)), describe(sys._getframe(2)))
    late = "bound later"
    print("refreshed locals", sorted(here.f_locals))
    return here


def middle(x):
    y = x * 10
    return leaf(y)


kept = middle(4)
print("after return", describe(kept), plain_items(kept.f_locals))
print("kept back", describe(kept.f_back), sorted(kept.f_back.f_locals.items()))
print("kept chain", stack_names(kept))
print("f_globals is module dict", kept.f_globals is globals())
print("f_builtins has len", "len" in kept.f_builtins)
print("f_lasti is int", type(kept.f_lasti).__name__, kept.f_lasti >= 0)
print("f_trace", kept.f_trace)


def caller_locals():
    return sys._getframe(1).f_locals


def uses_caller():
    secret = 42
    other = "text"
    seen = caller_locals()
    return sorted(k for k in seen if not k.startswith("_"))


print("caller locals", uses_caller())


def closure_maker():
    captured = [1, 2]

    def inner():
        frame = inspect.currentframe()
        captured.append(3)
        return plain_items(frame.f_locals), frame.f_code.co_freevars

    return inner


print("closure frame", closure_maker()())

module_frame = sys._getframe()
print("module frame", module_frame.f_code.co_name, module_frame.f_back, module_frame.f_locals is globals())


class Body:
    frame_name = sys._getframe().f_code.co_name
    inside = sorted(k for k in sys._getframe().f_locals if not k.startswith("__"))


print("class body", Body.frame_name, Body.inside)

exec_result = {}
exec("import sys\nf = sys._getframe()\nresult = (f.f_code.co_name, f.f_back.f_code.co_name)", {}, exec_result)
print("exec frame", exec_result["result"])


def gen():
    frame = sys._getframe()
    yield frame.f_code.co_name, frame.f_back.f_code.co_name
    yield sys._getframe().f_lineno


g = gen()
print("generator frame", next(g), next(g))

try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError", e)
try:
    sys._getframe("1")
except TypeError as e:
    print("TypeError", e)

print("frame type", type(kept).__name__, repr(kept).startswith("<frame at 0x"), repr(kept).endswith("code leaf>"))
print("repr has file", "frames_inspect.py'" in repr(kept), "line 33" in repr(kept))


def plain():
    pass


class K:
    def method(self):
        return self


def genfunc():
    yield 1


print("isfunction", inspect.isfunction(plain), inspect.isfunction(K().method), inspect.isfunction(len))
print("ismethod", inspect.ismethod(K().method), inspect.ismethod(plain))
print("isclass", inspect.isclass(K), inspect.isclass(K()), inspect.isclass(int))
print("ismodule", inspect.ismodule(sys), inspect.ismodule(plain))
print("isgenerator", inspect.isgenerator(genfunc()), inspect.isgenerator(genfunc))
print("isgeneratorfunction", inspect.isgeneratorfunction(genfunc), inspect.isgeneratorfunction(plain))
print("iscode", inspect.iscode(plain.__code__), inspect.iscode(plain))
print("isframe", inspect.isframe(kept), inspect.isframe(plain))
print("isbuiltin", inspect.isbuiltin(len), inspect.isbuiltin(plain))
print("isroutine", inspect.isroutine(plain), inspect.isroutine(len), inspect.isroutine(3))
print("getmodule", inspect.getmodule(plain).__name__, inspect.getmodule(sys) is sys)
print("getmro", [c.__name__ for c in inspect.getmro(K)])
