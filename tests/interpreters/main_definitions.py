# Functions and classes of the main script that use its globals, sent to other interpreters.
# There is no `if __name__ == "__main__":` guard on purpose: gilbench sends these definitions by
# value (code, the globals they name, class namespaces) and never runs this script again in a
# worker, so the first line prints once. (CPython 3.14 would re-run the script as
# "<fake __main__>" in each worker to find them by name.)
import math
from dataclasses import dataclass
from concurrent import interpreters
from concurrent.futures import InterpreterPoolExecutor

print("top of the script: runs once")
SCALE = 3
TABLE = {"a": 1, "b": 2}


def helper(x):
    return x + TABLE["b"]


def work(n):
    return round(math.sqrt(n) * SCALE, 3) + helper(0)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Box:
    unit = 10

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v * self.unit

    @property
    def double(self):
        return self.v * 2

    @staticmethod
    def ident(x):
        return x

    @classmethod
    def make(cls, v):
        return cls(v)


class Sub(Box):
    def get(self):
        return super().get() + 1


@dataclass
class Point:
    x: int
    y: int = 0


class Oops(Exception):
    pass


def unbox(b):
    return b.get(), b.double, Box.ident(5), Box.make(4).v, type(b).__name__


def make_point(x):
    return Point(x, x + 1)


def fail():
    raise Oops("custom")


def uses_prepared(x):
    return x * FACTOR


with InterpreterPoolExecutor(max_workers=2) as pool:
    print(list(pool.map(work, [1, 4, 9])))
    print(list(pool.map(fib, [10, 15])))
    print(list(pool.map(unbox, [Box(1), Sub(2)])))
    points = list(pool.map(make_point, [1, 2]))
    print(points, type(points[0]) is Point, points[0] == Point(1, 2))

interp = interpreters.create()
print(interp.call(unbox, Sub(3)))
back = interp.call(make_point, 7)
print(back, type(back) is Point)
try:
    interp.call(fail)
except interpreters.ExecutionFailed as e:
    print("failed:", e.excinfo.type.__name__, e.excinfo.msg)
try:
    interp.call(uses_prepared, 2)
except interpreters.ExecutionFailed as e:
    print("before prepare_main:", e.excinfo.type.__name__, e.excinfo.msg)
interp.prepare_main(FACTOR=7)
print("after prepare_main:", interp.call(uses_prepared, 2))
interp.close()
print("end of the script: runs once")
