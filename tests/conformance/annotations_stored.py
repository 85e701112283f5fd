"""Annotations are stored, never enforced: functions, lambdas, classes (each its own dict),
modules, annotated assignments with and without a value, and complex targets."""


def f(a: int, b: "later" = 2, *args: tuple, c: list = None, **kw: dict) -> float:
    return a


print(f.__annotations__, f("not an int"))
f.__annotations__["extra"] = 1
print(f.__annotations__)


def g():
    pass


print(g.__annotations__, (lambda x: x).__annotations__)
g.__annotations__ = {"r": str}
print(g.__annotations__)
try:
    g.__annotations__ = 5
except TypeError as e:
    print("TypeError", e)


class A:
    x: int
    y: "str" = "y"
    z: tuple = ()

    def __init__(self):
        self.w: float = 1.0


class B(A):
    pass


class C(A):
    extra: bool


print(A.__annotations__, A().w, "x" in A.__dict__, A.y)
print("__annotations__" in B.__dict__, B.__annotations__, "__annotations__" in B.__dict__)
print(C.__annotations__, A.__annotations__ is not C.__annotations__)
try:
    int.__annotations__
except AttributeError as e:
    print("AttributeError", e)

x: int
print(__annotations__, "x" in globals())
y: str = "value"
obj = A()
obj.attr: int = 5
d = {}
d["k"]: str = "v"
(paren): int = 7
print(obj.attr, d, paren, __annotations__)


def h():
    local: int = 3
    other: str
    return local


print(h(), h.__code__.co_varnames, h.__annotations__)


def k(*, a: int = 1, **kw: str) -> "ret":
    pass


print(k.__annotations__, k.__kwdefaults__)
print(sorted(k.__annotations__))
