# __slots__ classes (member descriptors, no __dict__, CPython's errors) and dataclass(slots=True), plus type(name, bases, dict).
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError
import copy


def attempt(label, action):
    try:
        result = action()
        print(label, "->", result)
    except (AttributeError, TypeError, ValueError) as e:
        print(label, "->", type(e).__name__ + ":", e)


class Pair:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


p = Pair(1)
print("slots", Pair.__slots__, p.x, hasattr(p, "y"), type(Pair.x).__name__, repr(Pair.x))
attempt("read unset", lambda: p.y)
attempt("set other", lambda: setattr(p, "z", 1))
attempt("__dict__", lambda: p.__dict__)
attempt("vars", lambda: vars(p))
attempt("del unset", lambda: delattr(p, "y"))
attempt("set method name", lambda: setattr(p, "__init__", None))
p.y = 2
print("set slot", p.y)
del p.y
print("deleted", hasattr(p, "y"))
print("dir has slots", [n for n in dir(p) if n in ("x", "y")])


class Child(Pair):
    pass


c = Child(3)
c.extra = 4
print("child of slotted", c.x, c.extra, hasattr(c, "__dict__"), c.__dict__, vars(c))


class WithDict:
    __slots__ = ("a", "__dict__")


wd = WithDict()
wd.a = 1
wd.b = 2
print("slots with __dict__", wd.a, wd.b, wd.__dict__)


class Other:
    __slots__ = ("o",)


def conflict_layout():
    class Both(Pair, Other):
        pass
    return Both


attempt("two slotted bases", conflict_layout)


class Narrow(Pair):
    __slots__ = ("w",)


n = Narrow(5)
n.w = 6
print("narrow", n.x, n.w)
attempt("narrow other", lambda: setattr(n, "q", 1))
twin = copy.copy(n)
print("copy of slotted", twin.x, twin.w, twin is not n)


def bad_class():
    class Bad:
        __slots__ = ("a",)
        a = 1
    return Bad


attempt("conflict", bad_class)


def bad_item():
    class Bad:
        __slots__ = (1,)
    return Bad


attempt("non-str slot", bad_item)


class Single:
    __slots__ = "only"


s = Single()
s.only = "yes"
print("single", Single.__slots__, s.only, repr(Single.only))


class Private:
    __slots__ = ("__hidden",)

    def put(self, v):
        self.__hidden = v

    def get(self):
        return self.__hidden


pr = Private()
pr.put(9)
print("mangled", pr.get(), sorted(k for k in Private.__dict__ if "hidden" in k))


class Empty:
    __slots__ = ()


attempt("empty slots", lambda: setattr(Empty(), "a", 1))


@dataclass(slots=True)
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)


pt = Point(1)
print("dataclass", pt, Point.__slots__, hasattr(pt, "__dict__"))
print("eq", pt == Point(1, 0, []), pt == Point(2))
attempt("dataclass other attr", lambda: setattr(pt, "z", 3))
print("helpers", asdict(pt), astuple(pt), replace(pt, y=5), [f.name for f in fields(Point)])
print("names", Point.__name__, Point.__qualname__, type(Point.x).__name__)
print("copies", copy.copy(pt), copy.deepcopy(Point(2, 3, [4])))
pt.tags.append("t")
pt.y = 7
print("mutated", pt)


@dataclass(slots=True, frozen=True)
class Frozen:
    a: int
    b: str = "b"


fz = Frozen(1)
print("frozen", fz, hash(fz) == hash(Frozen(1)), fz.__getstate__())
try:
    fz.a = 2
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)


@dataclass(slots=True)
class Base:
    a: int


@dataclass(slots=True)
class Derived(Base):
    b: int = 2


d = Derived(1)
print("inherited", d, Base.__slots__, Derived.__slots__, hasattr(d, "__dict__"))


def already():
    @dataclass(slots=True)
    class Already:
        __slots__ = ("q",)
        q: int
    return Already


attempt("already has slots", already)
attempt("weakref_slot without slots", lambda: dataclass(weakref_slot=True)(type("W", (), {})))

Made = type("Made", (object,), {"a": 1, "__slots__": ("b",), "double": lambda self: self.b * 2})
m = Made()
m.b = 21
print("type()", Made.__name__, Made.a, m.b, m.double(), repr(Made), [k.__name__ for k in Made.__mro__])
attempt("type() slots", lambda: setattr(m, "c", 1))
Sub = type("Sub", (Made,), {})
print("type() subclass", Sub.__name__, Sub.a, issubclass(Sub, Made), Sub().double.__name__)
attempt("type() bad bases", lambda: type("T", [object], {}))
attempt("type() bad name", lambda: type(1, (), {}))
