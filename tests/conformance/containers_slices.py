# Slicing of lists, tuples, strings and ranges; slice assignment and deletion.
def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)

a = list(range(10))
print(a[2:5], a[-3:], a[:-7], a[::3], a[::-2], a[8:2:-2], a[100:], a[-100:2], a[5:2], a[::-1][:3])
t = tuple(a)
print(t[1:4], t[::4], t[::-3], t[-1:-4:-1])
s = "abcdefghij"
print(s[1:4], s[::-1], s[::3], s[-3:], s[7:2:-2])
r = range(0, 30, 3)
print(r[2:5], r[::-1], r[::2], r[-3:], r[1:8:3], r[5:1], list(r[5:1:-2]))
print(range(10)[2:5], range(10, 0, -1)[::2], range(5)[::-1], range(0)[1:2])
b = list(range(8))
b[2:4] = ["x", "y", "z"]
print(b)
b[1:1] = [100]
print(b)
b[:] = b[::-1]
print(b)
b[::2] = "ABCDE"
print(b)
b[-1:] = []
print(b)
show(lambda: b.__setitem__(slice(None, None, 2), [1, 2]))
c = list(range(10))
del c[::3]
print(c)
del c[1:3]
print(c)
del c[::-2]
print(c)
del c[:]
print(c)
d = list(range(6))
d[1:5:2] = (10, 30)
print(d)
d[5:0:-2] = ["p", "q", "r"]
print(d)
d[10:20] = [7]
print(d)
d[2:1] = [8, 9]
print(d)
show(lambda: d.__setitem__(slice(0, 4, 0), []))
show(lambda: d[::0])
show(lambda: d["a":])
step = 2
e = [0, 1, 2, 3, 4, 5]
e[::step] = [e[i] * 10 for i in range(0, 6, step)]
print(e)
f = [1, 2, 3]
f[1:2] = f
print(f)
g = list("hello")
g[1:4] = "ipp"
print("".join(g) if hasattr(str, "join") else g)
show(lambda: (1, 2)[5])
show(lambda: "ab"[-3])
show(lambda: range(3)[3])
show(lambda: range(3)[-4])
print(range(10**12)[10**11:10**11 + 3], len(range(10**12)[::7]))
