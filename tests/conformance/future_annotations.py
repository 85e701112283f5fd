"""from __future__ import annotations: annotations are stored as strings rendered from the
tree (CPython's C unparser), never evaluated; the __future__ module's feature records."""
from __future__ import annotations, division
from __future__ import generator_stop

import __future__


def f(a: list[ int ], b: 'q' = 3, /, *args: int, c: dict[str, int] = None, **kw: float) -> Foo.Bar | None:
    x: Undefined = 3
    return a


print(f.__annotations__)
print(f([1]))


class C:
    y: int
    z: str = "a"
    w: Missing[Name]

    def m(self, other: C) -> C:
        return self


print(C.__annotations__)
print(C.m.__annotations__)
print(C.z, hasattr(C, "y"))

x: lambda: 1 = 3
w: (1, 2)
v: 1 + 2 * 3 ** -x
u: {1: 2, **d}
t: f"a{b!r:>{c}}" = "t"
s: not a and b or c
r: a if b else c
q: [i for i in y if i] = []
p: (i async for i in y)
o: x[1:2, ::3]
n: 1 .real
m: -(-1)
l: (a, *b)
k: {*s}
j: 1e999
i: "single 'quote'"
h: b"bytes"
g: ...
e: lambda a, *b, c=1, **d: 0
e2: lambda *b: 0
e3: lambda a, /, b: 0
d1: x is not y in z
d2: a // b % c @ d
d3: (a << b) >> c & d ^ e | f
d5: f(x for x in y)
d6: f(*a, **k, z=1)
d8: a.b.c[d](e)
d9: f"{x=}"
d10: f"{'a'}{x!s:{y}>10}"
d11: 2 ** -1 ** 2
d12: (-1) ** 2
d13: -1 ** 2
d14: (1).real
d15: {x: y for x, y in z}
d16: True.real
print(__annotations__)
print(x, t, q)

print(__future__.all_feature_names)
for name in __future__.all_feature_names:
    feature = getattr(__future__, name)
    print(name, feature, feature.getOptionalRelease(), feature.getMandatoryRelease(), feature.compiler_flag)
print(__future__.CO_FUTURE_ANNOTATIONS, __future__.annotations.compiler_flag == __future__.CO_FUTURE_ANNOTATIONS)
print(annotations is __future__.annotations, division)
