from enum import Enum, IntEnum, auto, unique, Flag

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return f'{self.name}={self.value}'

    @property
    def is_warm(self):
        return self is Color.RED

print(Color.RED, repr(Color.GREEN), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), [c.name for c in Color], Color.RED.describe(), Color.RED.is_warm, Color.BLUE.is_warm)
print(Color.RED == Color.RED, Color.RED == 1, Color.RED in list(Color), isinstance(Color.RED, Color), type(Color.GREEN).__name__)
print(f'{Color.RED}', '%s' % Color.BLUE, sorted(Color.__members__), {Color.RED: 'r'}[Color.CRIMSON])
try:
    Color(7)
except ValueError as e:
    print('ValueError', e)
try:
    Color['PINK']
except KeyError as e:
    print('KeyError', e)

class Dir(Enum):
    N = auto()
    E = auto()
    S = auto()
    W = auto()
print(list(Dir), Dir.S.value)

class Prio(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10
print(Prio.MID, repr(Prio.HIGH), Prio.LOW < Prio.HIGH, Prio.MID + 1, sorted([Prio.HIGH, Prio.LOW]), Prio(10), f'{Prio.LOW}', Prio.MID == 5)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.mass, round(Planet.EARTH.gravity, 3), Planet.MERCURY.value)

class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
print(Perm.R, Perm.W.value, Perm.X.value, repr(Perm.R | Perm.W), Perm.R in (Perm.R | Perm.X), bool(Perm.R & Perm.W))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print('ValueError', e)
counts = {d: 0 for d in Dir}
counts[Dir.N] += 2
print(counts)
