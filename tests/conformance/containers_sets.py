# set and frozenset: CPython's iteration order for ints (table layout, dummies, resizes), algebra and errors.
s = set()
for i in range(0, 200, 7):
    s.add(i)
print(s)
for i in range(0, 200, 21):
    s.discard(i)
print(s)
s.add(1000); s.add(-5); s.add(-1); s.add(2**40); s.add(2**61); s.add(2**62+3)
print(s)
t = set(s)
print(t, t == s)
u = s.copy()
print(u)
print(s | {1, 2, 3}, {1, 2, 3} | s)
print(s & set(range(50)), set(range(50)) & s)
print(s - set(range(100)), set(range(100)) - s)
print(s ^ set(range(30)), set(range(30)) ^ s)
p = set(range(20))
out = []
while p:
    out.append(p.pop())
print(out)
p = {5, 13, 21, 29, 37, 45}
print(p.pop(), p.pop(), p)
p.add(5); p.add(100)
print(p)
x = {1, 2, 3}
x |= {10, 20}
x &= {1, 2, 10, 99}
print(x)
x -= {2}
x ^= {3, 10}
print(x)
a = frozenset([1, 2, 3])
b = frozenset([3, 2, 1])
print(a, hash(a) == hash(b), {a: 1}[b], a | {4}, {4} | a)
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset([1, 2, 3])), hash(frozenset(range(100))))
print(frozenset({frozenset({1}), frozenset({2, 3})}))
print(set([3.5, 1.0, 2, True, -7, 0.25]))
print({(1, 2), (3, 4), (0, 0)}, {None, 1, 2})
print(set(range(100)) - set(range(3, 100)))
print(set(range(10)).union([11, 12], (13,), range(40, 45)))
print(set(range(10)).intersection([1, 2, 3], {2, 3, 4}))
print(set(range(10)).difference([1, 2, 3], {2, 3, 4}))
print(set(range(10)).symmetric_difference([1, 2, 30]))
y = set(range(10)); y.intersection_update(range(5, 20)); print(y)
y = set(range(10)); y.difference_update(range(5, 20), [0]); print(y)
y = set(range(10)); y.symmetric_difference_update([5, 50]); print(y)
y = set(range(10)); y.update({100, 200}, [300]); print(y)
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset([1]), {1}.isdisjoint([2]), {1}.isdisjoint({1}))
print({1} < {1, 2}, {1, 2} > {1}, {1} >= {1}, {1, 2} <= {1}, {1} == frozenset({1}))
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    {1} | [2]
except TypeError as e:
    print("TypeError:", e)
try:
    s = {1}
    s |= [2]
except TypeError as e:
    print("TypeError:", e)
try:
    {1}.add([1])
except TypeError as e:
    print("TypeError:", e)
z = {frozenset({1, 2})}
z.discard({1, 2})
print(z)
print(set("abc") == set("cba"), len(set(range(1000))), sum(set(range(1000))))
big = set(range(10000))
big2 = {i * 37 % 1001 for i in range(3000)}
print(len(big2), list(big2)[:20])
d = {i: i for i in range(12)}
print(set(d), set(d.keys()), set(d.items()) == set(zip(range(12), range(12))))
print(d.keys() | {100}, d.keys() - {1, 2}, d.keys() ^ {1, 50}, {1, 50} ^ d.keys(), d.keys() & {3, 4, 99})
print(d.items() & {(1, 1), (2, 3)}, d.keys() == set(range(12)), d.keys() < set(range(13)))
fs = frozenset(range(5))
print(fs.copy() is fs, type(fs | {9}).__name__, type({9} | fs).__name__, repr(frozenset()))
print(sorted({-3, -2, -1, 0}), {-3, -2, -1, 0}, {-1, -2})
print(set([2**64, 2**63, -2**63, 10**20]))
def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)
show(lambda: {1}.remove(2))
show(lambda: {1}.remove([1]))
show(lambda: set.add({1}))
show(lambda: frozenset([1]).add(2))
show(lambda: set(1))
show(lambda: set([1], [2]))
show(lambda: {1} < [1])
show(lambda: {[]})
q = {1, 2, 3}
print(q.discard({1, 2}), {frozenset({1, 2}), 3} - {frozenset({1, 2})})
print({5, 13, 21, 29, 37, 45}, {100, 200, 300, 400, 500, 600, 700}, {-1, -2, -3, -4, -5})
print({x for x in (29, 37, 45, 5, 13, 21)}, set((29, 37, 45, 5, 13, 21)))
