# keys/values/items views and iteration order.
d = {"one": 1, "two": 2, "three": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k)
print(v)
print(it)
print(list(k), list(v), list(it))
d["four"] = 4
print(len(k), list(k))
print("two" in k, 2 in v, ("three", 3) in it, ("three", 4) in it)
for key in d:
    print(key, d[key])
for key, value in d.items():
    print(f"{key}={value}")
print(sorted(d.values()), sum(d.values()), max(d, key=d.get))
print(k & {"one", "five"} == {"one"}, sorted(k - {"one"}))
print(list(reversed(d)), list(reversed(d.items())))
try:
    for key in d:
        d["five"] = 5
except RuntimeError as e:
    print("RuntimeError:", e)
inverted = {val: key for key, val in d.items()}
print(inverted)
print(list(zip(d.keys(), d.values())) == list(d.items()))
print(dict(sorted(d.items(), key=lambda kv: kv[1], reverse=True)))
