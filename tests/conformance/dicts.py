# dict operations.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d))
print(d["a"], d.get("z"), d.get("z", 0), d.get("a", 0))
print("a" in d, "z" in d, 20 in d, "z" not in d)
print(d.setdefault("a", 100), d.setdefault("e", 5), d)
print(d.pop("e"), d.pop("nope", "default"), d)
d.update({"x": 9, "a": -1})
d.update(y=10)
d.update([("z", 26)])
print(d)
del d["x"]
print(d)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    d.pop("missing")
except KeyError as e:
    print("KeyError:", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    {}[(1, 2)]
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d)
squares = {i: i * i for i in range(6)}
print(squares)
print({k: v for k, v in squares.items() if v % 2 == 0})
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict(zip("xyz", range(3))), dict({"k": 1}, m=2))
print(dict.fromkeys(["p", "q"], 0), dict.fromkeys("ab"))
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
e = {1: "a"}
e[1.0] = "float key"
e[True] = "bool key"
print(e)
c = d.copy()
c["new"] = 1
print(len(d), len(c))
d.clear()
print(d, bool(d))
m = {"a": 1} | {"b": 2}
m |= {"a": 3}
print(m)
order = {}
for k in [5, 3, 9, 1]:
    order[k] = str(k)
del order[3]
order[3] = "back"
print(list(order))
print({1: 1} == {1: 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
print(nested["outer"]["inner"][2]["deep"])
