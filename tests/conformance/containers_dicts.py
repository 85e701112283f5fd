# dict methods, views and errors beyond the basics.
def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)

d = dict.fromkeys(range(5), 0)
print(d, dict.fromkeys([]), dict.fromkeys("aba", []))
class Sub(dict):
    pass
print(type(Sub.fromkeys("xy")).__name__, Sub.fromkeys("xy", 1))
print(d.setdefault(9), d.setdefault(1, 5), d)
print(d.pop(9), d.pop(42, "dflt"), d.get(42), d.get(1, "x"))
show(lambda: d.pop(42))
show(lambda: {}.popitem())
show(lambda: {}.pop((1, 2)))
show(lambda: {}[()])
show(lambda: {}[[1]])
show(lambda: {"a": 1}.update(1))
show(lambda: {"a": 1}.update([(1, 2, 3)]))
show(lambda: {"a": 1}.update({}, {}))
show(lambda: dict.fromkeys())
x = {"a": 1, "b": 2}
print(x.popitem(), x.popitem(), x)
y = {1: "one"}
y.update({2: "two"}, three=3)
y.update([(4, "four")], five=5)
y.update(y)
print(y)
z = y.copy()
z.clear()
print(len(y), z, y == z)
m = {"a": 1}
m |= [("b", 2)]
m |= {"c": 3}
print(m, m | {"a": 0}, {"z": 26} | m)
show(lambda: {"a": 1} | [("b", 2)])
k = m.keys()
v = m.values()
it = m.items()
print(k, v, it, len(k), len(v), len(it))
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
print("a" in k, 1 in v, ("a", 1) in it, ("a", 2) in it, "zz" in k, ["a", 1] in it)
print(k == {"a", "b", "c"}, k != {"a"}, k < {"a", "b", "c", "d"}, k >= {"a"}, it == {("a", 1), ("b", 2), ("c", 3)})
print(sorted(k | {"q"}), sorted(k & {"a", "c", "x"}), sorted(k - {"a"}), sorted(k ^ {"a", "n"}))
print(sorted({"a", "x"} & k), sorted(["b", "y"] | k), sorted(it & {("a", 1)}), k.isdisjoint(["q"]), k.isdisjoint("a"))
print({1: 2}.keys() & {1: 3}.keys(), {1: 2}.items() - {(1, 2)}, {1: 2, 3: 4}.keys() - [1])
n = {i: i * i for i in range(6)}
for key in list(n):
    if key % 2:
        del n[key]
print(n)
try:
    for key in n:
        del n[key]
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    for key in n.keys():
        n[key * 100] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
for key in n:
    n[key] = "updated"
print(n)
e = {1: "int", 1.0: "float", True: "bool"}
print(e, {0: "a", False: "b", 0.0: "c"})
print({(1, 2): 3}[(1, 2)], {frozenset({1}): "fs"}[frozenset([1])], {None: 0}[None])
print({"a": [1]} == {"a": [1]}, {"a": 1} == {"a": 1.0}, {"a": 1} != {"b": 1}, {} == {})
show(lambda: {} < {})
print(dict(zip("abc", range(3))), dict([("x", 1)], y=2), dict(a=1, **{"b": 2}))
show(lambda: dict([1, 2]))
show(lambda: dict([(1,)]))
print(dict.__contains__({1: 2}, 1), {1: 2}.__getitem__(1), {1: 2}.__len__())
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
