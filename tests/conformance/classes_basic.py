# Classes: __init__, methods, class vs instance attributes, custom __repr__/__str__.
class Dog:
    species = "canis"
    count = 0

    def __init__(self, name, tricks=None):
        self.name = name
        self.tricks = list(tricks or [])
        Dog.count += 1

    def add_trick(self, trick):
        self.tricks.append(trick)
        return self

    def __repr__(self):
        return f"Dog({self.name!r}, tricks={self.tricks!r})"

    def __str__(self):
        return f"{self.name} the dog"

d1 = Dog("Rex")
d2 = Dog("Fido", ["sit"])
d1.add_trick("roll").add_trick("beg")
print(d1)
print(repr(d1), str(d2))
print([d1, d2])
print(Dog.count, d1.count, d1.species, Dog.species)
d1.species = "wolf"
print(d1.species, d2.species, Dog.species)
Dog.species = "canis familiaris"
print(d1.species, d2.species)
del d1.species
print(d1.species)
print(type(d1).__name__, type(d1) is Dog, isinstance(d1, Dog), isinstance(d1, object))
print(d1.__class__.__name__, Dog.__name__)

class Empty:
    pass

e = Empty()
e.x = 1
e.y = [2]
print(e.x, e.y, hasattr(e, "x"), hasattr(e, "z"))
try:
    e.z
except AttributeError as err:
    print("AttributeError:", err)
try:
    Dog("a").fly()
except AttributeError as err:
    print("AttributeError:", err)

class Counter:
    def __init__(self):
        self.n = 0
    def inc(self):
        self.n += 1
        return self.n

c = Counter()
m = c.inc
m()
m()
print(c.n, Counter.inc(c), c.n)

class Str:
    def __str__(self):
        return "only str"
s = Str()
print(s, str(s), f"{s}", "%s" % s)

class Rep:
    def __repr__(self):
        return "Rep()"
print(Rep(), str(Rep()), [Rep()], f"{Rep()!r}")
print(Dog.__init__.__name__, callable(Dog), callable(d1))
