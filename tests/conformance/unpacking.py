# Tuple/list unpacking, starred, nested, swaps.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = [1, 2, 3]
print(init, tail)
head, *rest = "a"
print(head, rest)
(p, q), r = (1, 2), 3
print(p, q, r)
[m, (n, o)], s = [[1, (2, 3)], 4]
print(m, n, o, s)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
for a, *bs in [(1, 2, 3), (4,), (5, 6)]:
    print(a, bs)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, "set"
print(i, lst)
one, = [1]
print(one)
def f():
    return 1, (2, [3, 4])
u, (v, [w, t]) = f()
print(u, v, w, t)
data = [("alice", 30, "nyc"), ("bob", 25, "sf")]
for name, age, _ in data:
    print(name, age)
names, ages, cities = zip(*data)
print(names, ages, cities)
print([*range(3), *"ab"], {**{"a": 1}, "b": 2})
try:
    a, b = 1, 2, 3
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
fib_a, fib_b = 0, 1
for _ in range(10):
    fib_a, fib_b = fib_b, fib_a + fib_b
print(fib_a)
a = b = c = [0]
a.append(1)
print(a, b, c, a is c)
row = [1, 2, 3, 4]
x1, x2, *_ = row
print(x1, x2)
print(*[1, 2], sep="|")
