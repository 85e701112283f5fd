# Container/iteration/call/bool/context dunders.
class Deck:
    def __init__(self, cards):
        self.cards = list(cards)
    def __len__(self):
        return len(self.cards)
    def __getitem__(self, i):
        return self.cards[i]
    def __setitem__(self, i, v):
        self.cards[i] = v
    def __delitem__(self, i):
        del self.cards[i]
    def __contains__(self, c):
        print("  __contains__", c)
        return c in self.cards
    def __repr__(self):
        return f"Deck({self.cards})"

d = Deck("ABCDE")
print(len(d), d[0], d[-1], d[1:3])
d[0] = "Z"
del d[1]
print(d, "C" in d, "Q" in d)
print([c for c in d])

class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq())

class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))
for x in Countdown(3):
    print("tick", x)

class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs
    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))
p = Polynomial(1, 0, 2)
print(p(0), p(3), callable(p), [p(i) for i in range(4)])

class Box:
    def __init__(self, items):
        self.items = items
    def __bool__(self):
        print("  __bool__")
        return bool(self.items)
class Sized:
    def __len__(self):
        return 0
print(bool(Box([1])), bool(Box([])), bool(Sized()))
if not Box([]):
    print("empty box is falsy")
print("yes" if Sized() else "no")

class Managed:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False
with Managed("m1") as m:
    print("inside", m.name)

class Matrix:
    def __init__(self):
        self.data = {}
    def __getitem__(self, key):
        r, c = key
        return self.data.get((r, c), 0)
    def __setitem__(self, key, value):
        self.data[key] = value
mx = Matrix()
mx[1, 2] = 5
print(mx[1, 2], mx[0, 0], mx.data)

