class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), isinstance(s, list), type(s).__name__, 2 in s, s[0:2], sum(s))
s.extend([4, 5]); s[0] = 10; del s[1]
print(s, list(reversed(s)), s == [10, 3, 4, 5], sorted(s, reverse=True))
class Counter(dict):
    def __missing__(self, k):
        return 0
c = Counter()
for ch in "hello":
    c[ch] = c[ch] + 1
print(c, c['z'], len(c), list(c.keys()), c.get('l'))
class Temp(float):
    def __new__(cls, v, unit="C"):
        obj = super().__new__(cls, v)
        obj.unit = unit
        return obj
    def __repr__(self):
        return f"Temp({float(self)}{self.unit})"
t = Temp(21.5)
print(t, t + 1, t * 2, t > 20, t.unit, round(t) if False else int(t))
class MyInt(int):
    pass
m = MyInt(7)
print(m, m + 1, m * m, -m, m == 7, hash(m) == hash(7), m // 2, isinstance(m, int), f"{m:03d}" if False else str(m))
class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n, n.shout(), len(n), n + "x", n == "bob", {n: 1}["bob"], repr(n))
class D(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.extra = 1
d = D(a=1, b=2)
print(d, d.extra, d['a'], dict(d) if False else len(d))
class P(tuple):
    pass
p = P((1, 2))
print(p, p[1], len(p), p + (3,))
try:
    class B(bool): pass
except TypeError as e:
    print(e)
class S(set): pass
ss = S([1, 2]); print(len(ss), 2 in ss, isinstance(ss, set))
