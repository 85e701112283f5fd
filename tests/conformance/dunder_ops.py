# Operator overloading: arithmetic, comparison, hashing.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, a * b, -a, abs(b))
print(a == Vec(1, 2), a != b, a == "x", a < b, b > a)
print(sorted([Vec(3, 4), Vec(0, 1), Vec(1, 1)]))
print(len({Vec(1, 2), Vec(1, 2), Vec(2, 1)}), {Vec(0, 0): "origin"}[Vec(0, 0)])
print(hash(a) == hash(Vec(1, 2)))
v = Vec(1, 1)
v += Vec(1, 1)
print(v)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented
    __radd__ = __add__
    def __iadd__(self, other):
        self.cents += other.cents
        return self
    def __le__(self, other):
        return self.cents <= other.cents
    def __repr__(self):
        return f"Money({self.cents})"
print(sum([Money(5), Money(10)], Money(0)), sum([Money(1), Money(2)]))
m = Money(1)
before = m
m += Money(4)
print(m, m is before, Money(1) <= Money(2), Money(3) >= Money(2))
try:
    Money(1) + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    Money(1) < Money(2)
except TypeError as e:
    print("TypeError:", e)

class NoHash:
    def __eq__(self, other):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
print(NoHash() == 5, NoHash() != 5)

class Num:
    def __init__(self, v):
        self.v = v
    def __truediv__(self, o):
        return Num(self.v / o.v)
    def __floordiv__(self, o):
        return Num(self.v // o.v)
    def __mod__(self, o):
        return Num(self.v % o.v)
    def __pow__(self, o):
        return Num(self.v ** o.v)
    def __and__(self, o):
        return Num(self.v & o.v)
    def __or__(self, o):
        return Num(self.v | o.v)
    def __lshift__(self, o):
        return Num(self.v << o.v)
    def __repr__(self):
        return f"Num({self.v})"
x, y = Num(12), Num(5)
print(x / y, x // y, x % y, x ** y, x & y, x | y, y << Num(2))
