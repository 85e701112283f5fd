# __init_subclass__ (with class keywords), C.mro(), function __closure__, cooperative super() chains.
class Plugin:
    registry = {}
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[name or cls.__name__.lower()] = cls
class Csv(Plugin, name="csv"):
    pass
class Json(Plugin):
    pass
class Pretty(Json):
    pass
print(sorted(Plugin.registry), Plugin.registry["csv"].__name__)
class Strict:
    def __init_subclass__(cls):
        cls.checked = True
class S1(Strict): pass
print(S1.checked, hasattr(Strict, "checked"))
try:
    class Bad(Strict, flavor=1):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(object, flavor=1):
        pass
except TypeError as e:
    print("TypeError:", e)
class A:
    def hi(self): return "A"
class B(A):
    def hi(self): return "B" + super().hi()
class C(A):
    def hi(self): return "C" + super().hi()
class D(B, C):
    def hi(self): return "D" + super().hi()
print(D().hi(), [k.__name__ for k in D.mro()], D.mro() == list(D.__mro__), int.mro())
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter(); c(); c()
print(c(), len(c.__closure__), c.__closure__[0].cell_contents, counter.__closure__)
