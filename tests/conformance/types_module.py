"""types: the names of the builtin types, SimpleNamespace, MappingProxyType, new_class."""
import types
import sys


def f(a, b=1):
    return a + b


class C:
    def m(self):
        return 1

    @staticmethod
    def s():
        return 2


def gen():
    yield 1


print(isinstance(f.__code__, types.CodeType), types.CodeType.__name__)
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), types.FunctionType is types.LambdaType)
print(isinstance(C().m, types.MethodType), isinstance(C.m, types.MethodType), isinstance(C.s, types.FunctionType))
print(isinstance(len, types.BuiltinFunctionType), isinstance(sys, types.ModuleType), isinstance(gen(), types.GeneratorType))
print(types.NoneType, types.NotImplementedType, types.EllipsisType)
print(type(None) is types.NoneType, type(...) is types.EllipsisType, type(NotImplemented) is types.NotImplementedType)
print(types.FunctionType.__name__, types.MethodType.__name__, types.ModuleType.__name__, types.GeneratorType.__name__)

m = types.ModuleType("mymod", "the doc")
print(m.__name__, m.__doc__, type(m) is types.ModuleType, "mymod" in sys.modules)
m.x = 3
print(m.x, sorted(k for k in vars(m) if not k.startswith("__")))
m2 = types.ModuleType("other")
print(m2.__doc__)
try:
    types.ModuleType()
except TypeError as e:
    print("TypeError", e)

ns = types.SimpleNamespace(a=1, b="two")
print(ns, repr(ns))
ns.c = [3]
print(ns.a, ns.b, ns.c, sorted(vars(ns)))
print(ns == types.SimpleNamespace(a=1, b="two", c=[3]), ns == types.SimpleNamespace(a=1), ns != types.SimpleNamespace())
print(types.SimpleNamespace(), types.SimpleNamespace(y=2))
del ns.a
print(ns)
try:
    hash(ns)
except TypeError as e:
    print("TypeError", e)


class Sub(types.SimpleNamespace):
    pass


print(Sub(q=1))
r = types.SimpleNamespace(z=0)
r.self = r
print(r)

d = {"k": 1, "j": 2}
mp = types.MappingProxyType(d)
print(mp["k"], len(mp), "j" in mp, sorted(mp), mp.get("zz", 9), sorted(mp.items()))
d["new"] = 3
print(mp["new"], mp == d)
try:
    mp["k"] = 5
except TypeError as e:
    print("TypeError", type(e).__name__)

K = types.new_class("K", (C,), {}, lambda ns: ns.update({"attr": 42}))
print(K.__name__, K().attr, K().m(), issubclass(K, C))
print(types.resolve_bases((C, int)) == (C, int))
try:
    types.SimpleNamespace({"x": 1})
except TypeError as e:
    print("TypeError", e)
