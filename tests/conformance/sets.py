# sets of ints (str set order is hash-randomized in CPython, so strings go through sorted()).
s = {3, 1, 2}
s.add(4)
s.add(2)
print(s, len(s), 2 in s, 9 in s)
s.discard(9)
s.discard(1)
print(s)
s.remove(4)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a.issubset(b), a.isdisjoint({9}))
print({x % 3 for x in range(10)}, {x * x for x in range(-3, 4)})
print(set(), set([1, 1, 2]), set(range(5)))
print(sorted({"pear", "apple", "fig"}), sorted(set("mississippi")))
words = ["b", "a", "b", "c", "a"]
print(len(set(words)), sorted(set(words)))
c = a.copy()
c.update([10, 11], {12})
print(c)
c -= {10, 11, 12}
c |= {0}
c &= {0, 1, 2, 3}
print(c)
print(c.pop() in {0, 1, 2, 3}, len(c))
print(set([1, 2]) == {2, 1}, {1, 2} != {1})
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
seen = set()
out = []
for n in [5, 3, 5, 1, 3, 9]:
    if n not in seen:
        seen.add(n)
        out.append(n)
print(out)
print(sorted({-5, 100, 7, 0, -1}))
