# method-arity and call-error wording
class A:
    def m(self, x): pass
def outer():
    def inner(a): pass
    inner()
class B:
    def __init__(self, a): pass
class C:
    def __new__(cls, *a):
        return super().__new__(cls)
class D:
    def __init__(self, v):
        super().__init__(v)
def kw(**k): pass
tests = [
    lambda: A().m(), outer, lambda: A().m(1, 2), lambda: A().m(1, y=2), lambda: A().m(1, x=2), lambda: A(1),
    lambda: A(k=1), B, lambda: C(1, 2), lambda: D(1), lambda: kw(1), lambda: kw(1, 2, **{"a": 1}, a=2),
    lambda: kw(*1), lambda: kw(**1), lambda: kw(*None), lambda: A.m(),
    lambda: {}.get(), lambda: {}.pop(), lambda: {}.setdefault(), lambda: {}.copy(1), lambda: [].clear(1),
    lambda: [].pop(1, 2), lambda: [].insert(1), lambda: [].index(), lambda: (1,).index(), lambda: {}.popitem(1),
    lambda: len(), lambda: abs(1, 2), lambda: divmod(1), lambda: isinstance(1), lambda: hasattr(1),
    lambda: (1).bit_length(1), lambda: (x for x in []).send(), lambda: chr(), lambda: ord(), lambda: hash(),
    lambda: lambda_missing(), lambda: (lambda a, *, b: 0)(1), lambda: (lambda a=1, /, b=2: 0)(1, 2, 3),
]
for t in tests:
    try:
        t()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(type(C(1, 2)).__name__)
