# Classes and functions of the main script reach other interpreters by value (their code, the
# globals they use, class namespaces); the script itself never runs again in another interpreter.
from concurrent import interpreters


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def norm2(self):
        return self.x * self.x + self.y * self.y


class Oops(Exception):
    pass


def shift(p, dx):
    return Point(p.x + dx, p.y)


def fail():
    raise Oops("custom")


def main():
    interp = interpreters.create()
    r = interp.call(shift, Point(1, 2), 10)
    print(r, type(r) is Point, r.norm2())
    print(interp.call(shift, r, -11).norm2())
    try:
        interp.call(fail)
    except interpreters.ExecutionFailed as e:
        print(e.excinfo.type.__name__, e.excinfo.msg)
    interp.close()


if __name__ == "__main__":
    main()
