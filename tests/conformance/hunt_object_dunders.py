# object.__setattr__/__getattribute__/__delattr__/__str__/__eq__/__ne__, super().__str__/__repr__ in classes and exceptions.
class Base:
    def __init__(self, v):
        self.v = v
    def __str__(self):
        return "Base:" + str(self.v)
class Child(Base):
    def __str__(self):
        return "Child<" + super().__str__() + ">"
    def __repr__(self):
        r = object.__repr__(self)
        return "R" + r[:15]
print(str(Child(1)), repr(Child(2)), f"{Child(3)}", "%s" % Child(4), [Child(5)])
class NoStr:
    def __repr__(self):
        return "NoStr()"
print(str(NoStr()), object.__str__(NoStr()), NoStr().__str__(), NoStr().__repr__())
class E(Exception):
    def __str__(self):
        return "E! " + super().__str__()
    def __repr__(self):
        return "rep " + super().__repr__()
e = E("boom", 1)
print(str(e), repr(e), e.__str__(), Exception.__str__(e), ValueError("q").__repr__())
class Guard:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"private {name}")
        super().__setattr__(name, value.upper() if isinstance(value, str) else value)
    def __getattr__(self, name):
        return f"<{name}>"
g = Guard()
g.name = "bob"
print(g.name, g.other, g.__dict__)
try:
    g._x = 1
except AttributeError as ex:
    print(ex)
class P:
    def __eq__(self, o):
        return NotImplemented
a, b = P(), P()
print(a == a, a == b, a != b, a != a, object.__eq__(a, a), object.__eq__(a, b), object.__ne__(a, b))
class Q:
    pass
q = Q()
print(q == q, q != Q(), hash(q) == hash(q), q.__eq__(q), q.__ne__(q), type(q.__eq__(1)).__name__)
print(q.__class__.__name__, q.__class__ is Q, Q.__class__, type(Q), type(type))
object.__setattr__(q, "z", 3)
print(q.z, object.__getattribute__(q, "z"))
object.__delattr__(q, "z")
print(hasattr(q, "z"))
class Counter:
    instances = 0
    def __new__(cls, *args):
        cls.instances += 1
        return super().__new__(cls)
    def __init__(self, x):
        self.x = x
c1 = Counter(1); c2 = Counter(2)
print(Counter.instances, c1.x, c2.x)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = object.__new__(cls)
        return cls._inst
print(Singleton() is Singleton())
