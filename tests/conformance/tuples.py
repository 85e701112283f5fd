# Tuples.
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), t + (4,), t * 2)
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"))
print(t.count(2), t.index(3), 2 in t, 5 not in t)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, 2) == (1, 2))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(42)
except ValueError as e:
    print("ValueError:", e)
a, b, c = t
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s, u)) = nested
print(p, q, r, s, u)
x = 1, 2
print(x, type(x).__name__)
single = 5,
print(single)
holder = ([1], 2)
holder[0].append(3)
print(holder)
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)))
d = {(0, 0): "origin", (1, 0): "east"}
print(d[(0, 0)], d[1, 0])
print(sorted([(2, "b"), (1, "c"), (2, "a")]))
print(max([(1, "z"), (3, "a"), (3, "b")]))
print(tuple(i * i for i in range(5)))
print(list(enumerate(("a", "b"))))
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, -2, 9])
print(lo, hi)
