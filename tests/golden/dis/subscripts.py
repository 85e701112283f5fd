xs = list(range(10))
a = xs[1]
b = xs[1:5]
c = xs[::2]
d = xs[1:-1:3]
xs[0] = 100
xs[2:4] = [7, 8]
del xs[0], xs[1:2]
obj.attr = xs.count(1)
del obj.attr
m = {}
m["k"] = m.get("k", 0) + 1
