# Slicing lists, slice assignment and del.
a = list(range(10))
print(a[2:5], a[:3], a[-2:], a[::3], a[::-1], a[7:2:-2], a[100:], a[-100:2])
b = a[:]
b[2:5] = ["x", "y"]
print(b)
b[1:1] = [100, 200, 300]
print(b)
b[:] = [1, 2, 3]
print(b)
b[len(b):] = [4, 5]
print(b)
c = list(range(10))
c[::2] = ["e"] * 5
print(c)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
d = list(range(10))
del d[0]
print(d)
del d[-1]
print(d)
del d[2:4]
print(d)
del d[::2]
print(d)
del d[:]
print(d)
e = [1, 2, 3]
e[-1] = 30
e[0] += 9
print(e)
try:
    e[3] = 1
except IndexError as err:
    print("IndexError:", err)
try:
    print(e[-4])
except IndexError as err:
    print("IndexError:", err)
f = [0, 1, 2, 3, 4, 5]
f[1:5:2] = ["a", "b"]
print(f)
f[5:1:-1] = [9, 8, 7, 6]
print(f)
g = [[1, 2], [3, 4]]
h = g[:]
h[0].append(99)
h[1] = "replaced"
print(g, h)
x = [1, 2, 3, 4, 5]
first, *rest = x
print(first, rest, x[1:-1])
print(x[slice(1, 3)], x[slice(None, None, 2)])
